//! US Attorney's Offices and federal courts, named with their judicial district.

use super::{named_agency, org_title_case};
use crate::extract::gazetteer::{Layer, Target};
use crate::extract::{Doc, Found};
use crate::model::Span;

/// "United States Attorney for the Southern District of New York", "U.S. Attorney's
/// Office": the US Attorney's Office of a district (the office, not the person).
pub(super) fn us_attorneys(doc: &Doc<'_>, out: &mut Vec<Found>) {
    for index in 0..doc.tokens.len() {
        // Cheap test first: this runs for every token.
        if !doc.word(index).starts_with("Attorney") {
            continue;
        }
        let word = doc.word(index).replace('’', "'");
        if word != "Attorney" && word != "Attorney's" {
            continue;
        }
        let head = doc.before(doc.tokens[index].span.start).trim_end();
        let prefix_start = if doc.word(index.wrapping_sub(1)) == "States" && doc.word(index.wrapping_sub(2)) == "United"
        {
            index - 2
        } else if head.ends_with("U.S.") || head.ends_with(" US") {
            let prefix_len = if head.ends_with("U.S.") { 4 } else { 2 };
            doc.token_at_or_after(head.len() - prefix_len)
        } else {
            continue;
        };
        let office = word == "Attorney's" && doc.word(index + 1) == "Office";
        let mut cursor = if office { index + 2 } else { index + 1 };
        // "for the Southern District of New York": the district ends with its state's name.
        let district = if doc.word(cursor) == "for" && doc.word(cursor + 1) == "the" {
            district_at(doc, cursor + 2).map(|(text, next)| {
                cursor = next;
                text
            })
        } else {
            None
        };
        if district.is_none() && !office {
            continue;
        }
        let district = district.or_else(|| sole_district(doc));
        let label = match &district {
            Some(d) => format!("U.S. Attorney's Office for the {d}"),
            None => "U.S. Attorney's Office".to_owned(),
        };
        let Some(first) = doc.tokens.get(prefix_start.min(index)) else { continue };
        let end = doc.tokens.get(cursor.saturating_sub(1)).map_or(first.span.end, |t| t.span.end);
        let span = Span::new(first.span.start, end);
        out.push(named_agency(span, label, Some("US".to_owned())));
    }
}

/// "Manhattan federal court": the US District Court of the report's district
/// when the report names exactly one district, else the court as written.
pub(super) fn federal_courts(doc: &Doc<'_>, out: &mut Vec<Found>) {
    for index in 0..doc.tokens.len() {
        if !doc.word(index).eq_ignore_ascii_case("federal") || !doc.word(index + 1).eq_ignore_ascii_case("court") {
            continue;
        }
        let Some(previous) = index.checked_sub(1).and_then(|i| doc.tokens.get(i)) else { continue };
        let Some(city) = doc.matches_ending_at(previous.span.end).find(|m| {
            m.targets
                .iter()
                .any(|t| matches!(t, Target::City(i) if doc.gaz.cities.get(*i).is_some_and(|c| c.country == "US")))
        }) else {
            continue;
        };
        let Some(court) = doc.tokens.get(index + 1) else { continue };
        let span = Span::new(city.span.start, court.span.end);
        let label = match sole_district(doc) {
            Some(district) => format!("U.S. District Court for the {district}"),
            None => org_title_case(&span.slice(doc.text).to_ascii_lowercase()),
        };
        out.push(named_agency(span, label, Some("US".to_owned())));
    }
}

/// "Southern District of New York" starting at token `index`: the district's
/// name and the index after it. The name ends where the state's name ends.
fn district_at(doc: &Doc<'_>, index: usize) -> Option<(String, usize)> {
    let mut at = index;
    if matches!(doc.word(at), "Northern" | "Southern" | "Eastern" | "Western" | "Middle" | "Central") {
        at += 1;
    }
    if doc.word(at) != "District" || doc.word(at + 1) != "of" {
        return None;
    }
    let state_token = doc.tokens.get(at + 2)?;
    let state = doc
        .matches_starting_at(state_token.span.start)
        .filter(|m| m.targets.iter().any(|t| t.layer() == Layer::Place))
        .max_by_key(|m| m.span.len())?;
    let next = doc.token_at_or_after(state.span.end);
    let text = Span::new(doc.tokens.get(index)?.span.start, state.span.end).slice(doc.text).to_owned();
    Some((text, next))
}

/// The only US judicial district a report names, if it names exactly one.
fn sole_district(doc: &Doc<'_>) -> Option<String> {
    let mut districts: Vec<String> = Vec::new();
    for index in 0..doc.tokens.len() {
        if doc.word(index) != "District" || doc.word(index + 1) != "of" {
            continue;
        }
        let start = if matches!(
            doc.word(index.wrapping_sub(1)),
            "Northern" | "Southern" | "Eastern" | "Western" | "Middle" | "Central"
        ) {
            index - 1
        } else {
            index
        };
        if let Some((name, _)) = district_at(doc, start)
            && !districts.contains(&name)
        {
            districts.push(name);
        }
    }
    (districts.len() == 1).then(|| districts.remove(0))
}
