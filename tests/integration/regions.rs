//! Regions: subdivisions labelled as English names them, world regions and
//! blocs, and the homonyms that decide between a region, a city and a country.

use crate::extraction::{has, has_not};
use narcograph::model::EntityKind::*;

#[test]
fn subdivisions_of_anglophone_federations_are_labelled_bare() {
    has("Police in British Columbia seized fentanyl bound for Australia.", Region, "British Columbia");
    has("Canadian police said Ontario had seen more seizures than Quebec.", Region, "Ontario");
    has_not("Canadian police said Ontario had seen more seizures than Quebec.", City, "Ontario");
    has("Police in Queensland arrested two men.", Region, "Queensland");
    // Where English names the unit with its designator, the label keeps it.
    has("Police in Helmand Province destroyed poppy fields.", Region, "Helmand Province");
    has("Customs officers in the Sughd region of Tajikistan seized opium.", Region, "Sughd Region");
}

#[test]
fn a_subdivision_of_the_reports_country_beats_a_namesake_city_abroad() {
    let australian = "SYDNEY - The Australian Federal Police said heroin was found in Victoria and Queensland.";
    has(australian, Region, "Victoria");
    has_not(australian, City, "Victoria");
    // A Canadian report: Victoria is the city in British Columbia.
    has("Canadian police in Victoria, British Columbia seized cocaine.", City, "Victoria");
    // A person named Victoria is neither.
    let person = "Assistant Secretary Victoria Nuland met Australian officials.";
    has_not(person, Region, "Victoria");
    has_not(person, City, "Victoria");
}

#[test]
fn nations_of_the_united_kingdom_are_regions() {
    has("Cocaine seized in Wales was bound for England.", Region, "Wales");
    has("Cocaine seized in Wales was bound for England.", Region, "England");
    has("Welsh police seized cocaine.", Region, "Wales");
    // The UK itself is still named by its own names.
    has("Border Force officers in the UK seized heroin.", Country, "United Kingdom");
    has_not("Cocaine seized in Wales was bound for England.", Country, "United Kingdom");
}

#[test]
fn a_country_name_is_never_taken_for_a_namesake_province() {
    has("Cannabis was smuggled from the Netherlands to Luxembourg.", Country, "Luxembourg");
    has_not("Cannabis was smuggled from the Netherlands to Luxembourg.", Region, "Luxembourg");
}

#[test]
fn the_district_of_columbia_is_a_region_not_washington() {
    has("He was charged in the District of Columbia.", Region, "District of Columbia");
    has_not("He was charged in the District of Columbia.", City, "Washington");
}

#[test]
fn world_regions_and_blocs() {
    for (text, label) in [
        ("Cocaine moves through West Africa to Europe.", "West Africa"),
        ("Transit routes through Southern Africa are growing.", "Southern Africa"),
        ("Resin is smuggled from the Nordic countries to Finland.", "Nordic countries"),
        ("Heroin reaches the Baltic states by road.", "Baltic states"),
        ("Navies patrol off the Horn of Africa.", "Horn of Africa"),
        ("Cannabis comes via the Iberian Peninsula.", "Iberian Peninsula"),
        ("Methamphetamine from Southeast Asia is cheap.", "Southeast Asia"),
        ("Heroin from South-West Asia reaches Europe.", "Southwest Asia"),
        ("Member States of the European Union reported seizures.", "European Union"),
    ] {
        has(text, Region, label);
    }
    // "the channel" of a river or a television channel is not the English Channel.
    has_not("The smugglers used the Channel 4 studio as a cover.", Region, "English Channel");
}

#[test]
fn ports_terminals_docks_and_airfields_with_a_name_are_regions() {
    for (text, label) in [
        ("Divers searched a vessel docked at the Maribyrnong Terminal on Monday.", "Maribyrnong Terminal"),
        ("Officers examined a container at the Fraser Surrey Docks.", "Fraser Surrey Docks"),
        ("It was sent to the Tsawwassen Container Examination Facility.", "Tsawwassen Container Examination Facility"),
        ("He planned an attack on Jalalabad Airfield.", "Jalalabad Airfield"),
        ("Police raided a unit on the Maybrook Industrial Estate.", "Maybrook Industrial Estate"),
        ("The boat was stopped near the Galapagos Islands.", "Galapagos Islands"),
    ] {
        has(text, Region, label);
    }
    // Lowercase common nouns name no site.
    let text = "The drugs were found at a container terminal and taken to the docks.";
    assert!(crate::extraction::run(text).entities.iter().all(|e| e.kind != Region), "{text}");
}

#[test]
fn a_gazetteer_name_is_not_taken_for_a_site() {
    let extraction = crate::extraction::run("Cocaine was shipped through the Cayman Islands.");
    let cayman = extraction.entities.iter().find(|e| e.label == "Cayman Islands").expect("Cayman Islands found");
    assert!(!format!("{:?}", cayman.key).contains("site-"), "{:?}", cayman.key);
}

#[test]
fn metropolitan_areas_and_parts_of_seas_and_world_regions() {
    has("Border officers in Metro Vancouver seized methamphetamine.", Region, "Metro Vancouver");
    has("The navy patrols the Western Indian Ocean.", Region, "Western Indian Ocean");
    has_not("The navy patrols the Western Indian Ocean.", Region, "Indian Ocean");
    // A direction that is part of a country's name stays with the country.
    has("Cocaine reached South Africa by sea.", Country, "South Africa");
    has_not("Cocaine reached South Africa by sea.", Region, "South Africa");
}

#[test]
fn a_sea_or_world_region_with_a_designator_names_a_division_not_a_place() {
    let division = "Officers of the RCMP Pacific Region Intelligence Section seized fentanyl.";
    has_not(division, Region, "Pacific Ocean");
    has_not(division, Region, "Pacific Ocean Region");
    // The sea itself, and a subdivision with its designator, are still places.
    has("Heroin is smuggled across the Pacific Ocean to Canada.", Region, "Pacific Ocean");
    has("Police in the Osh Region seized heroin.", Region, "Osh Region");
}

#[test]
fn a_possessive_owner_is_no_part_of_a_sites_name() {
    let text = "Officers searched a ship docked in Melbourne’s Maribyrnong Terminal and found cocaine.";
    has(text, Region, "Maribyrnong Terminal");
    has(text, City, "Melbourne");
    has_not(text, Region, "Melbourne’s Maribyrnong Terminal");
}

#[test]
fn a_bloc_is_named_by_the_acronym_the_gazetteer_writes() {
    has("Cocaine imported into the EU rose again.", Region, "European Union");
    has("Heroin reaches CIS countries through Kazakhstan.", Region, "Commonwealth of Independent States");
    // Other short capitals stay words.
    has_not("HEROIN SEIZED IN THE PORT", Region, "Indiana");
    has_not("Eu, the sound, is no bloc.", Region, "European Union");
}

#[test]
fn a_sites_name_may_carry_a_possessive() {
    let text = "Employees worked at El Dorado Airport’s cargo facility to ship cocaine.";
    has(text, Region, "El Dorado Airport");
    // Only inside the site's name, El Dorado is no city (of Arkansas or elsewhere).
    has_not(text, City, "El Dorado");
    has_not(text, Region, "El Dorado Airport’s");
}

#[test]
fn two_parts_of_a_world_region_may_share_its_name() {
    let text = "Other transit areas for cocaine were southern and western Africa.";
    has(text, Region, "Southern Africa");
    has(text, Region, "West Africa");
    has_not(text, Region, "Africa");
    // Directions that name no known part leave the text as it was.
    has("Heroin reached eastern and central Kazakhstan.", Country, "Kazakhstan");
}

#[test]
fn a_subdivision_of_the_reports_own_country_beats_a_city_in_another_named_country() {
    // Argentina has a town called Victoria; an Australian report naming Argentina
    // still means the state.
    let text = "MELBOURNE - Australian police said the ship came from Argentina. Divers from Victoria Police \
                found cocaine.";
    has(text, Region, "Victoria");
    has_not(text, City, "Victoria");
    // A Canadian report means the Canadian city.
    has("Canadian police in Victoria, British Columbia seized cocaine.", City, "Victoria");
}

#[test]
fn a_states_demonym_names_the_state_in_its_countrys_reports() {
    has("MELBOURNE - A Victorian Joint Organised Crime Task Force seized heroin in Australia.", Region, "Victoria");
    has("HOBART - Tasmanian police in Australia seized cannabis.", Region, "Tasmania");
    // Elsewhere the word is an era or a style.
    has_not("The Victorian era house in London was used to store heroin.", Region, "Victoria");
}

#[test]
fn the_written_designator_gives_the_units_level() {
    // A second-level unit from the gazetteer, with its country.
    has("Deputies in Ada County seized methamphetamine.", Region, "Ada County");
    has("Officers of the Far North District council found cannabis plants.", Region, "Far North District");
    has_not("Officers of the Far North District council found cannabis plants.", Region, "Far North Region");
    // A district named like its province is not the province.
    let district = "Police in Batken district seized 4 kg of heroin.";
    has(district, Region, "Batken District");
    has_not(district, Region, "Batken Region");
    has("Police in Batken province seized 4 kg of heroin.", Region, "Batken Region");
    // A county named like a state is not the state.
    has("Deputies in Texas County, Missouri, seized cocaine.", Region, "Texas County");
    has_not("Deputies in Texas County, Missouri, seized cocaine.", Region, "Texas");
    // A capitalised division of an agency is no county; a court's district is no unit.
    has_not("RCMP Pacific Region officers seized cocaine.", Region, "Pacific County");
    let court = "He appeared before the Auckland District Court.";
    has(court, City, "Auckland");
    has_not(court, Region, "Auckland District");
    has_not(court, Region, "Auckland Region");
}
