//! Known agencies from the lexicon, and acronyms: defined in the text, used
//! alone, or the initials of an agency the report names in full.

use super::{context_country, initials, known_found, named_agency};
use crate::extract::gazetteer::{GazetteerMatch, Target};
use crate::extract::text::{SpanSet, is_all_caps};
use crate::extract::{Doc, Found};
use crate::model::Span;
use std::collections::HashMap;

/// Known agencies by name or acronym; an acronym several countries use (GKNB)
/// is the one of a country the report names.
pub(super) fn known_agencies(doc: &Doc<'_>, out: &mut Vec<Found>) {
    for hit in &doc.matches {
        if let Some(index) = chosen_agency(doc, hit)
            && let Some(found) = known_found(doc, index, hit.span)
        {
            out.push(found);
        }
    }
}

/// The known agency a match names, if any: of the report's own country first,
/// then of a country it names, then the first.
pub(crate) fn chosen_agency(doc: &Doc<'_>, hit: &GazetteerMatch) -> Option<usize> {
    let candidates = agency_candidates(hit);
    let country_of = |i: usize| doc.gaz.agencies.get(i).and_then(|a| a.country.as_deref());
    candidates
        .iter()
        .copied()
        .find(|&i| country_of(i).is_some_and(|c| Some(c) == doc.main_country()))
        .or_else(|| candidates.iter().copied().find(|&i| country_of(i).is_some_and(|c| doc.names_country(c))))
        .or_else(|| candidates.first().copied())
}

/// The known agencies a match may name (an acronym several bodies share
/// names several), in gazetteer order.
pub(crate) fn agency_candidates(hit: &GazetteerMatch) -> Vec<usize> {
    hit.targets
        .iter()
        .filter_map(|t| match t {
            Target::AgencyName(i) | Target::AgencyAcronym(i) => Some(*i),
            _ => None,
        })
        .collect()
}

/// The known agency written from token `start` ("the FBI" in "New York Office
/// of the FBI"), and the token after it.
pub(super) fn known_at(doc: &Doc<'_>, start: usize) -> Option<(Found, usize)> {
    let token = doc.tokens.get(start)?;
    let (index, span) = doc
        .matches_starting_at(token.span.start)
        .filter_map(|hit| chosen_agency(doc, hit).map(|i| (i, hit.span)))
        .max_by_key(|(_, span)| span.len())?;
    let found = known_found(doc, index, span)?;
    Some((found, doc.token_at_or_after(span.end)))
}

/// "Full Name (ACR)", "Full Name (the “ACR”)": the acronym names the agency
/// just before it, wherever it appears in the report.
pub(super) fn acronym_definitions(doc: &Doc<'_>, out: &mut Vec<Found>) {
    let mut defined: Vec<(String, Found)> = Vec::new();
    for agency in out.iter_mut() {
        // Right after the name, or inside a mention that runs on to its country:
        // "Anti-Drug Coordination Bureau (ADCB) of Kyrgyzstan".
        let after = doc.after(agency.span.end);
        let inside = agency.span.slice(doc.text);
        // An acronym is short: look no further than a few dozen bytes for its ")".
        let parenthetical = after
            .strip_prefix(" (")
            .map(|r| r.get(..r.len().min(48)).unwrap_or(r))
            .and_then(|r| r.split_once(')').map(|(inside, _)| inside))
            .or_else(|| inside.split_once(" (").and_then(|(_, r)| r.split(')').next()));
        let Some(inside) = parenthetical else { continue };
        let acronym =
            inside.trim_start_matches("the ").trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '\'')).trim();
        if is_all_caps(acronym, 2) && acronym.len() <= 8 && !acronym.contains(' ') {
            // The acronym is a name of the agency, for linking in other reports.
            if !agency.aliases.iter().any(|a| a == acronym) {
                agency.aliases.push(acronym.to_owned());
            }
            defined.push((acronym.to_owned(), agency.clone()));
        }
    }
    // Each use of an acronym is a mention of the agency it was defined for
    // last before the use (or first after it, for a use that comes first): a
    // long text may define one acronym many times, even for different bodies.
    // One pass over the tokens; the mentions then follow the order of the
    // definitions, and of the text within each.
    let mut definitions_of: std::collections::HashMap<&str, Vec<(usize, usize)>> = std::collections::HashMap::new();
    for (definition, (acronym, agency)) in defined.iter().enumerate() {
        definitions_of.entry(acronym.as_str()).or_default().push((agency.span.start, definition));
    }
    for definitions in definitions_of.values_mut() {
        definitions.sort_unstable();
    }
    let mut uses: Vec<(usize, Span)> = Vec::new();
    for (index, token) in doc.tokens.iter().enumerate() {
        if let Some(definitions) = definitions_of.get(doc.word(index)) {
            let before = definitions.partition_point(|&(start, _)| start <= token.span.start);
            let chosen = before.checked_sub(1).and_then(|i| definitions.get(i)).or_else(|| definitions.first());
            if let Some(&(_, definition)) = chosen {
                uses.push((definition, token.span));
            }
        }
    }
    uses.sort_by_key(|&(definition, span)| (definition, span.start));
    for (definition, span) in uses {
        let mut mention = defined[definition].1.clone();
        mention.span = span;
        mention.aliases.clear();
        out.push(mention);
    }
}

/// "The SCNS said", "the ADCB seized": an acronym used alone as an agency,
/// linked later to the agency some report defines with it.
pub(super) fn acronyms_alone(doc: &Doc<'_>, out: &mut Vec<Found>) {
    const CONTEXT: &[&str] = &[
        "said",
        "says",
        "seized",
        "reported",
        "detained",
        "arrested",
        "officers",
        "agents",
        "has",
        "have",
        "had",
        "opened",
        "found",
        "press",
        "spokesman",
        "spokeswoman",
        "confiscated",
        "conducted",
        "launched",
        "announced",
        "dismantled",
        "stated",
        "noted",
        "is",
        "was",
        "also",
        "intercepted",
    ];
    const NOT_AGENCIES: &[&str] = &[
        "CEO", "TV", "GDP", "COVID", "OK", "AM", "PM", "USD", "EUR", "KZT", "DNA", "NGO", "SUV", "GPS", "ID", "PR",
        "IT", "AI",
    ];
    // Agencies found so far; those added below are single tokens and overlap no other token.
    let taken = SpanSet::new(out.iter().map(|a| a.span));
    // The initials of the agencies the report names in full ("AFP" for the
    // Australian Federal Police), each with the agency, when only one has them.
    let mut by_initials: HashMap<String, Option<usize>> = HashMap::new();
    for (position, agency) in out.iter().enumerate() {
        let initials = initials(&agency.label);
        if initials.len() >= 2 {
            let entry = by_initials.entry(initials).or_insert(Some(position));
            if entry.is_some_and(|p| out[p].key != agency.key) {
                *entry = None;
            }
        }
    }
    for (index, token) in doc.tokens.iter().enumerate() {
        let word = doc.word(index);
        let letters = word.chars().count();
        if !(2..=6).contains(&letters) || !word.chars().all(|c| c.is_ascii_uppercase()) || NOT_AGENCIES.contains(&word)
        {
            continue;
        }
        if taken.overlaps(token.span) || doc.matches_overlapping(token.span).next().is_some() {
            continue;
        }
        if let Some(Some(position)) = by_initials.get(word) {
            let mut mention = out[*position].clone();
            mention.span = token.span;
            mention.aliases = vec![word.to_owned()];
            out.push(mention);
            continue;
        }
        let previous = index.checked_sub(1).map_or("", |i| doc.word(i));
        let next = doc.word(index + 1).to_ascii_lowercase();
        if !matches!(previous, "the" | "The") || !CONTEXT.contains(&next.as_str()) {
            continue;
        }
        let country = context_country(doc);
        out.push(named_agency(token.span, word.to_owned(), country));
    }
}
