//! Russian names of agencies: known bodies by name or acronym, an acronym
//! with its country ("КНБ РК", "ФСБ России", "ГКНБ КР"), regional branches
//! ("УФСБ по Астраханской области", "ДП Туркестанской области") and units
//! written before their body ("Следственный отдел УФСБ ...").

use super::{adjacent, lower_word, stems_at};
use crate::extract::gazetteer::{GazetteerMatch, Target};
use crate::extract::orgs::known::{agency_candidates, chosen_agency};
use crate::extract::orgs::{known_found, known_key, named_agency};
use crate::extract::words::russian::{POLICE_DEPARTMENT, UNITS};
use crate::extract::{Doc, Found};
use crate::model::Span;

pub(super) fn find(doc: &Doc<'_>, found: &mut Vec<Found>) {
    let mut agencies = Vec::new();
    known(doc, &mut agencies);
    regional_branches(doc, &mut agencies);
    units(doc, &mut agencies);
    // Overlapping mentions (a unit and its body) are settled when entities are assembled.
    found.extend(agencies);
}

/// The country a match names, as an ISO code.
fn country_of(doc: &Doc<'_>, hit: &GazetteerMatch) -> Option<String> {
    hit.targets.iter().find_map(|t| match t {
        Target::CountryName(i) => doc.gaz.countries.get(*i).map(|c| c.code.clone()),
        _ => None,
    })
}

/// Known agencies; an acronym or name followed by a country ("МВД РК") is
/// the body of that country, and the mention takes in the country.
fn known(doc: &Doc<'_>, out: &mut Vec<Found>) {
    for hit in &doc.matches {
        let candidates = agency_candidates(hit);
        if candidates.is_empty() {
            continue;
        }
        let country_of_agency = |i: usize| doc.gaz.agencies.get(i).and_then(|a| a.country.clone());
        let qualifier = doc
            .matches_starting_at(
                doc.tokens.get(doc.token_at_or_after(hit.span.end)).map_or(usize::MAX, |t| t.span.start),
            )
            .filter(|next| adjacent(doc, hit.span.end, next.span.start))
            .find_map(|next| country_of(doc, next).map(|code| (code, next.span.end)));
        let (chosen, span) = match &qualifier {
            Some((code, end)) => {
                match candidates.iter().copied().find(|&i| country_of_agency(i).as_deref() == Some(code)) {
                    Some(index) => (Some(index), Span::new(hit.span.start, *end)),
                    // "ФСБ Таджикистана" names no body the gazetteer knows: leave it.
                    None => (None, hit.span),
                }
            }
            None => (chosen_agency(doc, hit), hit.span),
        };
        if let Some(found) = chosen.and_then(|index| known_found(doc, index, span)) {
            out.push(found);
        }
    }
}

/// The region a match names, as (label, country).
fn region_at<'d>(doc: &'d Doc<'_>, start: usize) -> Option<(&'d GazetteerMatch, String, Option<String>)> {
    doc.matches_starting_at(start).find_map(|hit| {
        hit.targets.iter().find_map(|t| match t {
            Target::RegionName(i) => doc.gaz.regions.get(*i).map(|r| (hit, r.label.clone(), r.country.clone())),
            _ => None,
        })
    })
}

/// "УФСБ по Астраханской области" (a directorate of the FSB for a region) and
/// "ДП Туркестанской области" (the police department of a region).
fn regional_branches(doc: &Doc<'_>, out: &mut Vec<Found>) {
    for index in 0..doc.tokens.len() {
        let word = doc.word(index);
        // "У" + the acronym of a known body, then "по" + a region.
        if let Some(acronym) = word.strip_prefix('У')
            && acronym.chars().count() >= 2
            && acronym.chars().all(|c| c.is_uppercase())
            && lower_word(doc, index + 1) == "по"
            && let Some(region_token) = doc.tokens.get(index + 2)
            && let Some((hit, region, _)) = region_at(doc, region_token.span.start)
            && let Some(parent) = parent_by_acronym(doc, acronym)
        {
            let short = parent_short_name(doc, parent);
            let span = Span::new(doc.tokens[index].span.start, hit.span.end);
            let mut found =
                named_agency(span, format!("{short} Directorate for {region}"), parent_country(doc, parent));
            found.parent = doc.gaz.agencies.get(parent).map(known_key);
            out.push(found);
            continue;
        }
        for stems in POLICE_DEPARTMENT {
            let Some(next) = stems_at(doc, index, stems) else { continue };
            let Some(region_token) = doc.tokens.get(next) else { continue };
            if !adjacent(doc, doc.tokens[next - 1].span.end, region_token.span.start) {
                continue;
            }
            let Some((hit, region, country)) = region_at(doc, region_token.span.start) else { continue };
            let span = Span::new(doc.tokens[index].span.start, hit.span.end);
            let mut found = named_agency(span, format!("{region} Police Department"), country.clone());
            // The police of a region answer to their country's interior ministry.
            found.parent =
                country.and_then(|code| doc.gaz.agency(&format!("{}-mvd", code.to_ascii_lowercase()))).map(known_key);
            out.push(found);
            break;
        }
    }
}

fn parent_by_acronym(doc: &Doc<'_>, acronym: &str) -> Option<usize> {
    let candidates: Vec<usize> = doc
        .gaz
        .agencies
        .iter()
        .enumerate()
        .filter(|(_, a)| a.acronyms.iter().any(|x| x == acronym))
        .map(|(i, _)| i)
        .collect();
    let main = doc.main_country();
    candidates
        .iter()
        .copied()
        .find(|&i| doc.gaz.agencies.get(i).and_then(|a| a.country.as_deref()) == main && main.is_some())
        .or_else(|| candidates.first().copied())
}

/// "FSB" for the FSB: its Latin acronym, else its label.
fn parent_short_name(doc: &Doc<'_>, index: usize) -> String {
    let Some(agency) = doc.gaz.agencies.get(index) else { return String::new() };
    agency.acronyms.iter().find(|a| a.is_ascii()).cloned().unwrap_or_else(|| agency.label.clone())
}

fn parent_country(doc: &Doc<'_>, index: usize) -> Option<String> {
    doc.gaz.agencies.get(index).and_then(|a| a.country.clone())
}

/// A unit written right before the body it belongs to: "Следственный отдел
/// УФСБ по Астраханской области" is the Investigative Department of that
/// directorate. The body must already be found, right after the unit.
fn units(doc: &Doc<'_>, out: &mut Vec<Found>) {
    let mut added = Vec::new();
    for index in 0..doc.tokens.len() {
        for (stems, english) in UNITS {
            let Some(next) = stems_at(doc, index, stems) else { continue };
            let Some(after) = doc.tokens.get(next) else { continue };
            if !adjacent(doc, doc.tokens[next - 1].span.end, after.span.start) {
                continue;
            }
            // The longest body that starts there.
            let Some(body) = out.iter().filter(|a| a.span.start == after.span.start).max_by_key(|a| a.span.len())
            else {
                continue;
            };
            let span = Span::new(doc.tokens[index].span.start, body.span.end);
            let mut unit = named_agency(span, format!("{english} of the {}", body.label), body.country.clone());
            unit.parent = Some((body.key.clone(), body.label.clone()));
            added.push(unit);
            break;
        }
    }
    out.extend(added);
}
