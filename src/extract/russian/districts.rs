//! Districts named by an adjective and "район" ("Вороновский район", "в
//! Ошском районе"), which the gazetteers do not list: a Region, labelled
//! after the town it is named for when the gazetteer knows the town
//! ("Ошский район" → "Osh District"), else by the adjective in Latin letters
//! ("Voronovsky District"), and keyed by its country: the town's, else that of
//! the places its sentence names when they agree ("в Вороновском районе
//! Гродненской области" is in Belarus), else none.

use super::translit::latin;
use super::{adjacent, lower_word};
use crate::extract::gazetteer::Target;
use crate::extract::{Doc, Found};
use crate::model::{EntityKey, EntityKind, Span};
use crate::slug::slugify;

/// "район" in every case of the singular.
const DISTRICT: &[&str] = &["район", "района", "району", "районом", "районе"];

/// Endings of an adjective in "-ский" in the cases of the singular.
const ADJECTIVE_ENDINGS: &[&str] = &["ский", "ского", "скому", "ским", "ском"];

/// What a town's name may end in after the adjective's "-ский" is taken
/// off ("Ош-ский", "Воронов-о", "Куляб-ский").
const TOWN_ENDINGS: &[&str] = &["", "о", "а", "ы", "и", "е", "ь"];

pub(super) fn find(doc: &Doc<'_>, found: &mut Vec<Found>) {
    let mut districts = Vec::new();
    for index in 0..doc.tokens.len().saturating_sub(1) {
        let (Some(adjective), Some(noun)) = (doc.tokens.get(index), doc.tokens.get(index + 1)) else { continue };
        let word = doc.word(index);
        let capital = word.chars().next().is_some_and(|c| ('А'..='Я').contains(&c));
        if !(capital && doc.is_word(index + 1) && adjacent(doc, adjective.span.end, noun.span.start)) {
            continue;
        }
        if !DISTRICT.contains(&lower_word(doc, index + 1).as_str()) {
            continue;
        }
        let span = Span::new(adjective.span.start, noun.span.end);
        if found.iter().any(|f| f.span.overlaps(span)) {
            continue;
        }
        let lower = lower_word(doc, index);
        let Some(ending) = ADJECTIVE_ENDINGS.iter().find(|e| lower.ends_with(*e)) else { continue };
        // The stem before "-ский", as written: "Воронов" of "Вороновском".
        let stem: String = word.chars().take(lower.chars().count() - ending.chars().count()).collect();
        if stem.chars().count() < 2 {
            continue;
        }
        districts.push(district(doc, span, &stem, sentence_country(doc, span, found)));
    }
    // One district named twice, once with its country's places around it:
    // the country holds for both mentions.
    let known: Vec<(String, EntityKey, Option<String>)> = districts
        .iter()
        .filter(|d| d.country.is_some())
        .map(|d| (d.label.clone(), d.key.clone(), d.country.clone()))
        .collect();
    for district in districts.iter_mut().filter(|d| d.country.is_none()) {
        let mut same = known.iter().filter(|(label, _, _)| *label == district.label);
        if let (Some((_, key, country)), None) = (same.next(), same.next()) {
            district.key = key.clone();
            district.country = country.clone();
        }
    }
    found.extend(districts);
}

/// The district named after `stem` ("Воронов", "Ош").
fn district(doc: &Doc<'_>, span: Span, stem: &str, sentence_country: Option<String>) -> Found {
    let town = TOWN_ENDINGS.iter().find_map(|ending| {
        let name = format!("{stem}{ending}");
        doc.gaz.find(&name).into_iter().find(|m| m.span.start == 0 && m.span.end == name.len()).and_then(|m| {
            m.targets.iter().find_map(|t| match t {
                Target::City(i) => doc.gaz.cities.get(*i),
                _ => None,
            })
        })
    });
    let (name, country) = match town {
        Some(city) => (city.label.clone(), Some(city.country.clone())),
        None => (format!("{}sky", latin(stem)), sentence_country),
    };
    let label = format!("{name} District");
    let key = match &country {
        Some(code) => format!("{code}-{}", slugify(&label)),
        None => slugify(&label),
    };
    Found::new(span, EntityKind::Region, EntityKey::Region(key), label).with_country(country)
}

/// The one country of the cities and regions found in the sentence around `span`.
fn sentence_country(doc: &Doc<'_>, span: Span, found: &[Found]) -> Option<String> {
    let sentence = doc.sentence_of(span.start);
    let mut countries = found
        .iter()
        .filter(|f| matches!(f.kind, EntityKind::City | EntityKind::Region) && sentence.contains(f.span))
        .filter_map(|f| f.country.clone());
    let first = countries.next()?;
    countries.all(|c| c == first).then_some(first)
}
