//! Agencies: how a country or demonym joins an agency's name, acronyms that
//! stand for a body named in full, and the same body named twice in a report.

use crate::extraction::{has, has_not, run};
use narcograph::model::EntityKind::{self, *};

/// The labels of the agencies of a text, each once.
fn agencies(text: &str) -> Vec<String> {
    let extraction = run(text);
    extraction.entities.iter().filter(|e| e.kind == EntityKind::Agency).map(|e| e.label.clone()).collect()
}

#[test]
fn a_demonym_that_starts_a_proper_name_stays_in_it() {
    has("The French Navy seized four tonnes of cocaine off Somalia.", Agency, "French Navy");
    has("The French Navy seized four tonnes of cocaine off Somalia.", Country, "France");
    has("Afghan National Security Forces raided the compound.", Agency, "Afghan National Security Forces");
    has_not("Afghan National Security Forces raided the compound.", Agency, "National Security Forces of Afghanistan");
    // A ministry is named with its country after it, however the report words it.
    has("The Kazakh Interior Ministry reported the seizure.", Agency, "Ministry of Internal Affairs of Kazakhstan");
}

#[test]
fn a_countrys_plain_police_is_not_a_specialised_force() {
    has("Afghan police found an opium stash in Helmand.", Agency, "Police of Afghanistan");
    has_not("Afghan police found an opium stash in Helmand.", Agency, "Counter Narcotics Police of Afghanistan");
    // Named in full, the specialised force is itself.
    has(
        "The Counter Narcotics Police of Afghanistan seized heroin.",
        Agency,
        "Counter Narcotics Police of Afghanistan",
    );
}

#[test]
fn an_acronym_then_and_ends_the_name() {
    let text = "AFP and Australian Border Force officers examined the shipment in Sydney.";
    assert!(agencies(text).contains(&"Australian Border Force".to_owned()), "{:?}", agencies(text));
    assert!(!agencies(text).iter().any(|a| a.contains(" and ")), "{:?}", agencies(text));
}

#[test]
fn an_acronym_with_the_initials_of_a_named_agency_is_that_agency() {
    let text = "The Australian Federal Police charged two men in Sydney. AFP officers found 50 kg of cocaine.";
    let found = agencies(text);
    assert_eq!(found.iter().filter(|a| a.contains("Federal Police")).count(), 1, "{found:?}");
    assert!(!found.contains(&"AFP".to_owned()), "{found:?}");
    // Without an agency of those initials, "AFP" (a news agency, say) is no agency.
    assert!(agencies("AFP reported that police in Osh seized heroin.").is_empty());
}

#[test]
fn one_body_named_with_and_without_its_country_is_one_agency() {
    let text = "The Counternarcotics Service of Kyrgyzstan opened a centre in Bishkek. \
                The Counternarcotics Service said the centre would help seize opiates.";
    let found = agencies(text);
    assert_eq!(found, ["Counternarcotics Service of Kyrgyzstan"], "{found:?}");
}

#[test]
fn a_shared_acronym_follows_the_reports_country() {
    has(
        "BISHKEK - Officers of the MVD seized hashish in Kyrgyzstan.",
        Agency,
        "Ministry of Internal Affairs of Kyrgyzstan",
    );
    has("MOSCOW - Officers of the MVD seized hashish in Russia.", Agency, "Ministry of Internal Affairs of Russia");
    has_not(
        "BISHKEK - Officers of the MVD seized hashish in Kyrgyzstan.",
        Agency,
        "Ministry of Internal Affairs of Russia",
    );
}

#[test]
fn a_local_unit_written_in_lowercase_is_named_by_its_place() {
    has(
        "Officers of the customs department of the Tashkent region seized opium.",
        Agency,
        "Customs Department of the Tashkent Region",
    );
    has("The police department of Osh opened a case.", Agency, "Police Department of Osh");
    // Without a named place there is no body to name.
    assert!(agencies("The police department of the city opened a case.").is_empty());
}

#[test]
fn a_bare_capitalised_police_or_customs_is_the_home_countrys_service() {
    let kiwi = "AUCKLAND - New Zealand officers said the partnership between Police and Customs is working. \
                Detective Inspector Jo Smith says Police seized methamphetamine.";
    has(kiwi, Agency, "New Zealand Police");
    has(kiwi, Agency, "New Zealand Customs Service");
    // The bare word is no town (Police, in Poland).
    has_not(kiwi, City, "Police");
    // A country without such a service in the lexicon gets none made up, and no
    // agency that merely contains the word.
    let american = "NEW YORK - The partnership between Police and Customs is working in the United States.";
    assert!(agencies(american).is_empty(), "{:?}", agencies(american));
    has_not(american, City, "Police");
    // Part of a longer name, or at the start of a sentence, it is not the bare word.
    has_not("WELLINGTON - New Zealand said Victoria Police arrested a man.", Agency, "New Zealand Police");
    // The town itself, beside its country.
    has("Heroin was shipped from Police, Poland to Berlin.", City, "Police");
}

#[test]
fn a_us_court_is_one_name_whether_the_country_is_spelt_or_abbreviated() {
    let spelt = "He faces charges in the United States District Court for the Southern District of New York.";
    let short = "He faces charges in the U.S. District Court for the Southern District of New York.";
    assert_eq!(agencies(spelt), ["U.S. District Court for the Southern District of New York"]);
    assert_eq!(agencies(spelt), agencies(short));
    // Another country's court keeps its country as a qualifier.
    has_not("He was tried in the Kenyan District Court.", Agency, "U.S. District Court");
}

#[test]
fn units_named_by_their_operations_or_squad_are_agencies_of_their_own() {
    let text = "VANCOUVER - The Metro Vancouver District Marine Commercial Operations and Pacific Region \
                Intelligence Section collaborated. Divers from Victoria Police Search and Rescue Squad retrieved cocaine.";
    let found = agencies(text);
    assert!(found.contains(&"Metro Vancouver District Marine Commercial Operations".to_owned()), "{found:?}");
    assert!(found.contains(&"Pacific Region Intelligence Section".to_owned()), "{found:?}");
    assert!(found.contains(&"Victoria Police Search and Rescue Squad".to_owned()), "{found:?}");
    // Two units joined by "and" are two, never one long name.
    assert!(!found.iter().any(|a| a.contains(" and Pacific")), "{found:?}");
}

#[test]
fn a_place_before_and_is_no_part_of_the_agency_after_it() {
    let text = "The seizure was made by the Tsawwassen Container Examination Facility and Pacific Region \
                Intelligence Section of the CBSA.";
    let found = agencies(text);
    // Named by a region and owned by the CBSA, the section is a branch of it.
    assert!(found.contains(&"CBSA Pacific Region Intelligence Section".to_owned()), "{found:?}");
    assert!(!found.iter().any(|a| a.contains("Facility")), "{found:?}");
    has(text, Region, "Tsawwassen Container Examination Facility");
    // Two agencies joined by "and" after a head noun stay two as before.
    let two = agencies("The Drug Enforcement Administration and Australian Border Force worked together.");
    assert_eq!(two.len(), 2, "{two:?}");
}

#[test]
fn an_article_opening_a_sentence_is_no_part_of_an_agencys_name() {
    let text = "A Victorian Joint Organised Crime Task Force seized heroin. An Australian Federal Police team helped.";
    let found = agencies(text);
    assert!(found.contains(&"Victorian Joint Organised Crime Task Force".to_owned()), "{found:?}");
    assert!(!found.iter().any(|a| a.starts_with("A ") || a.starts_with("An ")), "{found:?}");
}

/// The label of the parent of the agency labelled `label`.
fn parent_of(text: &str, label: &str) -> Option<String> {
    let extraction = run(text);
    let branch = extraction.entities.iter().find(|e| e.kind == Agency && e.label == label)?;
    branch.parent.map(|p| extraction.entities[p].label.clone())
}

#[test]
fn a_branch_named_by_a_place_is_an_agency_of_its_own_under_its_parent() {
    // Guideline form: "<unit> of the <parent>".
    let text = "The Naryn Branch of the State Customs Service of Kyrgyzstan stopped a lorry at the pass.";
    let branch = "Naryn Branch of the State Customs Service of Kyrgyzstan";
    has(text, Agency, branch);
    has(text, Agency, "State Customs Service of Kyrgyzstan");
    assert_eq!(parent_of(text, branch).as_deref(), Some("State Customs Service of Kyrgyzstan"));
    // A unit with no place in its name is a part of its parent, not a branch:
    // its label still says whose it is.
    let unit = "The Investigations Section of the State Customs Service of Kyrgyzstan opened a case.";
    has(unit, Agency, "Investigations Section of the State Customs Service of Kyrgyzstan");
}

#[test]
fn a_parents_possessive_or_acronym_before_a_placed_unit_makes_it_a_branch() {
    let possessive = "The FBI's Chicago Division announced two arrests in Joliet.";
    has(possessive, Agency, "FBI Chicago Division");
    assert_eq!(parent_of(possessive, "FBI Chicago Division").as_deref(), Some("Federal Bureau of Investigation"));
    let prefixed = "FBI Chicago Division agents searched a warehouse.";
    has(prefixed, Agency, "FBI Chicago Division");
    has(prefixed, Agency, "Federal Bureau of Investigation");
    // Without a place, the acronym's possessive opens no branch.
    has_not("The FBI's Violent Crime Section took the case.", Agency, "FBI Violent Crime Section");
    // "of the FBI": an acronym the lexicon knows is a parent too.
    has("The Chicago Office of the FBI seized cocaine.", Agency, "FBI Chicago Office");
}

#[test]
fn the_head_of_a_body_in_a_city_speaks_for_its_office_there() {
    let text = "“We will not stop,” said Jane Roe, Special Agent in Charge of the FBI in Chicago.";
    has(text, Agency, "FBI Chicago Office");
    has(text, Agency, "Federal Bureau of Investigation");
    has("Maria Doe, head of the UNODC in Tashkent, opened the training.", Agency, "UNODC Tashkent Office");
    // Agents in a city, or a head with no city, name no office.
    for text in ["FBI agents in Chicago arrested a courier.", "The head of the FBI in a statement praised the team."] {
        assert!(!agencies(text).iter().any(|a| a.contains("Office")), "{text}: {:?}", agencies(text));
    }
}

#[test]
fn two_bodies_offices_in_one_city_stay_two() {
    let text = "The Chicago Office of the FBI and the DEA Chicago Office seized 40 kg of heroin.";
    let found = agencies(text);
    assert!(found.contains(&"FBI Chicago Office".to_owned()), "{found:?}");
    assert!(found.contains(&"DEA Chicago Office".to_owned()), "{found:?}");
}
