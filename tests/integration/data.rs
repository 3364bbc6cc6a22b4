//! The data files are checked data: gazetteers load without duplicates, every
//! named query parses, every ontology term the code uses is declared, every
//! source file says what it is for.

use narcograph::extract::Gazetteers;
use narcograph::rdf::{Store, vocab};
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn gazetteers_load_without_duplicates() {
    let gaz = Gazetteers::embedded().unwrap();
    assert!(gaz.countries.len() >= 190, "{} countries", gaz.countries.len());
    assert!(gaz.cities.len() > 30_000);
    assert!(gaz.regions.len() > 3_000);
    assert!(gaz.substances.len() > 30);
    let unique = |ids: Vec<String>, what: &str| {
        let mut seen = BTreeSet::new();
        for id in ids {
            assert!(seen.insert(id.clone()), "duplicate {what} id {id}");
        }
    };
    unique(gaz.countries.iter().map(|c| c.code.clone()).collect(), "country");
    unique(gaz.cities.iter().map(|c| c.geonames_id.to_string()).collect(), "city");
    unique(gaz.regions.iter().map(|r| r.id.clone()).collect(), "region");
    unique(gaz.substances.iter().map(|s| s.id.clone()).collect(), "substance");
    unique(gaz.agencies.iter().map(|a| a.id.clone()).collect(), "agency");
    unique(gaz.groups.iter().map(|g| g.id.clone()).collect(), "group");
    // No country name or demonym is claimed by two countries.
    let mut owner: BTreeMap<String, &str> = BTreeMap::new();
    for country in &gaz.countries {
        for name in country.names.iter().chain(&country.demonyms).chain(std::iter::once(&country.label)) {
            if let Some(other) = owner.insert(name.to_lowercase(), &country.code) {
                assert_eq!(other, country.code, "{name} names {other} and {}", country.code);
            }
        }
    }
    // Every reference between entries resolves.
    for substance in &gaz.substances {
        if let Some(broader) = &substance.broader {
            assert!(gaz.substance(broader).is_some(), "{} has unknown broader {broader}", substance.id);
        }
    }
    for agency in &gaz.agencies {
        if let Some(parent) = &agency.parent {
            assert!(gaz.agency(parent).is_some(), "{} has unknown parent {parent}", agency.id);
        }
        if let Some(country) = &agency.country {
            assert!(gaz.country(country).is_some(), "{} has unknown country {country}", agency.id);
        }
    }
    for city in &gaz.cities {
        assert!(!city.label.is_empty() && city.country.len() == 2, "{city:?}");
    }
}

#[test]
fn every_named_query_parses() {
    let store = Store::in_memory().unwrap();
    for named in narcograph::query::catalogue() {
        let bindings: Vec<_> = named.parameters.iter().map(|p| narcograph::rdf::Binding::parse(&p.name, "x")).collect();
        store.query(named.text, &bindings).unwrap_or_else(|e| panic!("{}: {e}", named.name));
        assert!(named.text.starts_with('#'), "{} needs a header comment", named.name);
    }
}

#[test]
fn every_vocabulary_term_is_declared_in_the_ontology() {
    let store = Store::in_memory().unwrap();
    store.ensure_ontology().unwrap();
    for term in vocab::NG_TERMS {
        let ask = format!("ASK {{ <{term}> a ?type }}");
        let declared = matches!(store.query(&ask, &[]).unwrap(), narcograph::rdf::QueryAnswer::Boolean(true));
        assert!(declared, "{term} is not declared in ontology/narcograph.ttl");
    }
}

#[test]
fn every_source_file_starts_with_a_doc_comment() {
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches"] {
        collect(&crate::support::root().join(dir), &mut files);
    }
    assert!(files.len() > 20);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.starts_with("//!"), "{} does not start with a //! line", file.display());
    }
}

fn collect(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn places_carry_plausible_coordinates() {
    let gaz = Gazetteers::embedded().unwrap();
    let valid = |c: &narcograph::extract::gazetteer::Coordinates| {
        (-90.0..=90.0).contains(&c.latitude) && (-180.0..=180.0).contains(&c.longitude)
    };
    // Every country and every city has a centre; most regions do.
    for country in &gaz.countries {
        let at = country.coordinates.unwrap_or_else(|| panic!("{} has no coordinates", country.code));
        assert!(valid(&at), "{} at {at:?}", country.code);
    }
    assert!(gaz.cities.iter().all(|c| c.coordinates.is_some_and(|at| valid(&at))));
    let located = gaz.regions.iter().filter(|r| r.coordinates.is_some_and(|at| valid(&at))).count();
    assert!(located * 10 >= gaz.regions.len() * 8, "{located} of {} regions located", gaz.regions.len());
    // Spot checks against known geography: Kazakhstan lies east of Italy and north of Iran.
    let at = |code: &str| gaz.country(code).and_then(|c| c.coordinates).unwrap();
    assert!(at("KZ").longitude > at("IT").longitude);
    assert!(at("KZ").latitude > at("IR").latitude);
    let almaty = gaz.cities.iter().find(|c| c.label == "Almaty").and_then(|c| c.coordinates).unwrap();
    assert!((almaty.latitude - 43.25).abs() < 0.2 && (almaty.longitude - 76.9).abs() < 0.2, "{almaty:?}");
}

#[test]
fn second_level_units_carry_their_designator_a_country_and_a_centre() {
    use narcograph::extract::gazetteer::RegionKind;
    let gaz = Gazetteers::embedded().unwrap();
    let districts: Vec<_> = gaz.regions.iter().filter(|r| r.kind == RegionKind::District).collect();
    assert!(districts.len() > 1_500, "{} second-level units", districts.len());
    for unit in &districts {
        // Found only with their designator: never bare, and the label ends with it.
        assert!(!unit.bare, "{} may stand alone", unit.label);
        assert!(unit.label.ends_with(&format!(" {}", unit.designator)), "{} / {}", unit.label, unit.designator);
        assert!(unit.country.as_deref().is_some_and(|c| gaz.country(c).is_some()), "{} has no country", unit.label);
        assert!(unit.coordinates.is_some(), "{} has no centre", unit.label);
    }
    // A name several units of one country share is left out: no way to choose.
    let labels: BTreeSet<(&str, &str)> =
        districts.iter().map(|r| (r.country.as_deref().unwrap_or(""), r.label.as_str())).collect();
    assert_eq!(labels.len(), districts.len());
    assert!(!labels.contains(&("US", "Washington County")));
    let ada = districts.iter().find(|r| r.label == "Ada County").and_then(|r| r.coordinates).unwrap();
    assert!((ada.latitude - 43.5).abs() < 1.0 && (ada.longitude + 116.3).abs() < 1.0, "{ada:?}");
}

/// The declined Russian forms: every row names a gazetteer row (the embedded
/// gazetteers refuse one that does not), every form is written in Cyrillic
/// (or is an acronym), and the cases are what Russian grammar gives the
/// common patterns: a masculine country in "-стан" is nominative and
/// accusative, its "-а" form genitive, its "-е" form prepositional.
#[test]
fn russian_forms_are_cyrillic_and_carry_their_cases() {
    use narcograph::extract::gazetteer::Case;
    let gaz = Gazetteers::embedded().unwrap();
    let file = include_str!("../../data/gazetteer/russian.tsv");
    let mut rows = 0;
    for line in file.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells.len(), 4, "{line}");
        assert!(narcograph::extract::text::is_cyrillic(cells[2]), "not Cyrillic: {line}");
        assert!(!gaz.russian_cases(cells[2]).is_empty(), "no cases for {line}");
        rows += 1;
    }
    assert!(rows > 30_000, "{rows} Russian forms");
    let cases = gaz.russian_cases("Казахстан");
    assert!(cases.contains(Case::Nominative) && cases.contains(Case::Accusative) && !cases.contains(Case::Genitive));
    assert!(gaz.russian_cases("Казахстана").contains(Case::Genitive));
    assert!(gaz.russian_cases("Казахстане").contains(Case::Prepositional));
    let russia = gaz.russian_cases("России");
    assert!(russia.contains(Case::Genitive) && !russia.contains(Case::Accusative));
    assert!(gaz.russian_cases("Россию").contains(Case::Accusative));
    // Letter case does not matter; an English word has no Russian cases.
    assert!(gaz.russian_cases("КАЗАХСТАНА").contains(Case::Genitive));
    assert!(gaz.russian_cases("Kazakhstan").is_empty());
}
