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
