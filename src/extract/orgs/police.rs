//! Police, customs and border services named by their place ("Almaty police",
//! "Kyrgyz border guards", "police of Osh") and local units written in lowercase.

use super::{known_found, named_agency, with_article};
use crate::extract::gazetteer::{GazetteerMatch, Layer, Target};
use crate::extract::text::is_capitalised;
use crate::extract::words::in_list;
use crate::extract::{Doc, Found};
use crate::model::Span;

/// "the customs department of the Tashkent region", "the regional office of
/// Khudjand": a local unit written in lowercase and named by its place. The
/// label is the phrase in title case, the place as the report writes it; the
/// country is the place's.
pub(super) fn local_units(doc: &Doc<'_>, out: &mut Vec<Found>) {
    const FUNCTIONS: &[&str] =
        &["customs", "police", "regional", "border", "district", "city", "provincial", "anti-drug", "drug-control"];
    const HEADS: &[&str] =
        &["department", "office", "directorate", "branch", "administration", "division", "post", "detachment"];
    for index in 0..doc.tokens.len() {
        if !FUNCTIONS.contains(&doc.word(index)) || !HEADS.contains(&doc.word(index + 1)) || doc.word(index + 2) != "of"
        {
            continue;
        }
        // Part of a capitalised name ("Almaty Regional Police Department") is the phrase reader's.
        if index > 0 && is_capitalised(doc.word(index - 1)) && !doc.starts_sentence(index - 1) {
            continue;
        }
        let mut place_token = index + 3;
        if doc.word(place_token) == "the" {
            place_token += 1;
        }
        let Some(place_start) = doc.tokens.get(place_token).map(|t| t.span.start) else { continue };
        let Some(place) = doc.matches_starting_at(place_start).find(|m| {
            m.targets.iter().any(|t| matches!(t, Target::City(_) | Target::RegionBase(_) | Target::RegionName(_)))
        }) else {
            continue;
        };
        let country = place.targets.iter().find_map(|t| match *t {
            Target::City(i) => doc.gaz.cities.get(i).map(|c| c.country.clone()),
            Target::RegionBase(i) | Target::RegionName(i) => doc.gaz.regions.get(i).and_then(|r| r.country.clone()),
            _ => None,
        });
        // "of the Tashkent region": the designator belongs to the place.
        let mut end = place.span.end;
        let after = doc.token_at_or_after(place.span.end);
        if in_list(crate::extract::words::places::REGION_DESIGNATORS, doc.word(after))
            && doc.between(place.span.end, doc.tokens[after].span.start) == " "
        {
            end = doc.tokens[after].span.end;
        }
        let span = Span::new(doc.tokens[index].span.start, end);
        let words: Vec<String> = span
            .slice(doc.text)
            .split_whitespace()
            .map(|w| if matches!(w, "of" | "the") { w.to_owned() } else { crate::extract::text::capitalised_first(w) })
            .collect();
        out.push(named_agency(span, words.join(" "), country));
    }
}

/// "Almaty police" (Almaty Police), "Kyrgyz police" (Police of Kyrgyzstan, or the
/// country's known national police), "police of Osh".
pub(super) fn place_police(doc: &Doc<'_>, out: &mut Vec<Found>) {
    for (index, token) in doc.tokens.iter().enumerate() {
        let word = doc.word(index);
        if word.eq_ignore_ascii_case("customs") || word.eq_ignore_ascii_case("border") {
            if let Some(found) = national_service(doc, index) {
                out.push(found);
            }
            continue;
        }
        if !word.eq_ignore_ascii_case("police") {
            continue;
        }
        // "the police of Almaty", "police of the Osh region"
        if doc.word(index + 1) == "of" {
            let mut place_token = index + 2;
            if doc.word(place_token) == "the" {
                place_token += 1;
            }
            if let Some(place_start) = doc.tokens.get(place_token).map(|t| t.span.start)
                && let Some(place) =
                    doc.matches_starting_at(place_start).find(|m| m.targets.iter().any(|t| t.layer() == Layer::Place))
                && let Some(found) = police_of(doc, place, Span::new(token.span.start, place.span.end))
            {
                out.push(found);
                continue;
            }
        }
        let Some(before) = index.checked_sub(1) else { continue };
        let Some(place) = doc
            .matches_ending_at(doc.tokens[before].span.end)
            .find(|m| m.targets.iter().any(|t| t.layer() == Layer::Place))
        else {
            continue;
        };
        if doc.between(place.span.end, token.span.start) != " " {
            continue;
        }
        let span = Span::new(place.span.start, token.span.end);
        if let Some(found) = police_of(doc, place, span) {
            out.push(found);
        }
    }
}

/// "Dutch customs", "Kyrgyz border guards": a country's customs or border
/// service (the known one of that country when the lexicon has it).
pub(super) fn national_service(doc: &Doc<'_>, index: usize) -> Option<Found> {
    let before = doc.tokens.get(index.checked_sub(1)?)?;
    let place = doc.matches_ending_at(before.span.end).find(|m| m.targets.iter().any(|t| t.layer() == Layer::Place))?;
    let country = place.targets.iter().find_map(|t| match t {
        Target::CountryName(i) | Target::CountryDemonym(i) => doc.gaz.countries.get(*i),
        _ => None,
    })?;
    let customs = doc.word(index).eq_ignore_ascii_case("customs");
    let mut last = index;
    if !customs {
        // "border guards", "border service", "border troops"
        if !matches!(
            doc.word(index + 1).to_ascii_lowercase().as_str(),
            "guards" | "guard" | "service" | "troops" | "police"
        ) {
            return None;
        }
        last = index + 1;
    }
    let span = Span::new(place.span.start, doc.tokens.get(last)?.span.end);
    let word = if customs { "Customs" } else { "Border" };
    if let Some(known) = doc
        .gaz
        .agencies
        .iter()
        .position(|a| a.country.as_deref() == Some(country.code.as_str()) && a.label.contains(word))
    {
        return known_found(doc, known, span);
    }
    let label = if customs {
        format!("Customs Service of {}", with_article(&country.label))
    } else {
        format!("Border Service of {}", with_article(&country.label))
    };
    Some(named_agency(span, label, Some(country.code.clone())))
}

/// "the partnership between Police and Customs": in New Zealand's and other
/// reports the national police and customs are written capitalised and bare,
/// as proper names. Mid-sentence and outside a longer name, such a word is the
/// known national service of the report's own country; a country without one
/// in the lexicon gets nothing (no "Police of X" made up from a bare word).
pub(super) fn bare_national_services(doc: &Doc<'_>, out: &mut Vec<Found>) {
    let Some(country) = doc.main_country().and_then(|code| doc.gaz.country(code)) else { return };
    // The country's own service by its plain name: "New Zealand Police",
    // "Police of Armenia", "New Zealand Customs Service" (not "Immigration and
    // Customs Enforcement", which only contains the word). Looked up once per report.
    let known = |word: &str| {
        let plain = [
            format!("{} {word}", country.label),
            format!("{word} of {}", with_article(&country.label)),
            format!("{} {word} Service", country.label),
            format!("{word} Service of {}", with_article(&country.label)),
        ];
        doc.gaz
            .agencies
            .iter()
            .position(|a| a.country.as_deref() == Some(country.code.as_str()) && plain.contains(&a.label))
    };
    let (police, customs) = (known("Police"), known("Customs"));
    if police.is_none() && customs.is_none() {
        return;
    }
    for (index, token) in doc.tokens.iter().enumerate() {
        let service = match doc.word(index) {
            "Police" => police,
            "Customs" => customs,
            _ => continue,
        };
        if doc.starts_sentence(index) {
            continue;
        }
        // Part of a longer name: "Victoria Police", "Police Department", "Customs Service".
        let capitalised_before = index.checked_sub(1).is_some_and(|b| is_capitalised(doc.word(b)));
        let next = doc.word(index + 1);
        let capitalised_after = is_capitalised(next) && !doc.starts_sentence(index + 1);
        if capitalised_before || capitalised_after || next == "of" {
            continue;
        }
        if let Some(found) = service.and_then(|k| known_found(doc, k, token.span)) {
            out.push(found);
        }
    }
}

/// Words in the name of a police force with one task, which a country's plain
/// "police" does not mean.
const SPECIALISED_POLICE: &[&str] =
    &["Anti", "Counter", "Narcotic", "Drug", "Border", "Traffic", "Military", "Criminal", "Judicial", "Secret"];

pub(super) fn police_of(doc: &Doc<'_>, place: &GazetteerMatch, span: Span) -> Option<Found> {
    for target in &place.targets {
        match *target {
            Target::CountryName(i) | Target::CountryDemonym(i) => {
                let country = doc.gaz.countries.get(i)?;
                // A known general police force of that country, if there is one (not
                // a specialised one: "Afghan police" is not the Counter Narcotics Police).
                if let Some(known) = doc.gaz.agencies.iter().position(|a| {
                    a.country.as_deref() == Some(country.code.as_str())
                        && a.label.contains("Police")
                        && !SPECIALISED_POLICE.iter().any(|w| a.label.contains(w))
                }) {
                    return known_found(doc, known, span);
                }
                let label = format!("Police of {}", with_article(&country.label));
                return Some(named_agency(span, label, Some(country.code.clone())));
            }
            Target::City(i) => {
                let city = doc.gaz.cities.get(i)?;
                let label = format!("{} Police", city.label);
                return Some(named_agency(span, label, Some(city.country.clone())));
            }
            Target::RegionBase(i) | Target::RegionName(i) => {
                let region = doc.gaz.regions.get(i)?;
                let label = format!("{} Police", region.label);
                return Some(named_agency(span, label, region.country.clone()));
            }
            _ => {}
        }
    }
    None
}
