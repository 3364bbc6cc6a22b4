//! Seizures: substances with the quantity, place, agency and date of the
//! sentence that seizes them.

use super::dates::date_in;
use super::{Context, Statement};
use crate::extract::{Doc, quantities};
use crate::model::{Evidence, Extraction, Quantity, Seizure, Span};

/// The seizures of one sentence.
pub(super) fn find(cx: &Context<'_, '_>, statement: &Statement, extraction: &mut Extraction) {
    let substances = super::within(&cx.substances, statement.span);
    seizures(cx, statement.span, &substances, &statement.places, &statement.agencies, statement.evidence, extraction);
}

/// Seizures: each weight followed by "of <substance>" is one seizure; a
/// sentence that names substances without weights is one seizure of them.
fn seizures(
    cx: &Context<'_, '_>,
    sentence: Span,
    substances: &[(Span, usize)],
    places: &[(Span, usize)],
    agencies: &[(Span, usize)],
    evidence: Evidence,
    extraction: &mut Extraction,
) {
    let doc = cx.doc;
    let text = sentence.slice(doc.text);
    let weights = if doc.russian { quantities::russian_weights } else { quantities::weights };
    let mut quantities: Vec<Quantity> = weights(text, sentence.start);
    quantities.extend(quantities::counts(text, sentence.start));
    quantities.sort_by_key(|q| q.span.start);
    let location = located(doc, places);
    let agency = agencies.first().map(|(_, e)| *e);
    let date = date_in(&extraction.dates, sentence);
    let mut used_substances: Vec<usize> = Vec::new();
    let mut seized: Vec<Seizure> = Vec::new();
    for quantity in quantities {
        // The substance the quantity measures: the first one after it, within a few words
        // ("250 grams of cocaine", "61 pounds of alleged cocaine"), else just before it
        // ("cocaine weighing 250 grams").
        let after = substances.iter().find(|(span, _)| {
            span.start >= quantity.span.end
                && doc.between(quantity.span.end, span.start).split_whitespace().count() <= 4
        });
        let before = substances.iter().rev().find(|(span, _)| {
            span.end <= quantity.span.start
                && doc.between(span.end, quantity.span.start).split_whitespace().count() <= 5
        });
        let inside = substances.iter().find(|(span, _)| quantity.span.contains(*span));
        let Some(&(_, substance)) = inside.or(after).or(before) else { continue };
        used_substances.push(substance);
        seized.push(Seizure {
            substances: vec![substance],
            quantity: Some(quantity),
            location,
            agency,
            date: date.clone(),
            evidence,
        });
    }
    let rest: Vec<usize> = {
        let mut rest: Vec<usize> =
            substances.iter().map(|(_, e)| *e).filter(|e| !used_substances.contains(e)).collect();
        rest.sort_unstable();
        rest.dedup();
        rest
    };
    if seized.is_empty() && !rest.is_empty() {
        seized.push(Seizure { substances: rest, quantity: None, location, agency, date, evidence });
    }
    extraction.seizures.extend(seized);
}

/// The place where something happened: the first place introduced by "in",
/// "at" or "near", else the only place named.
pub(super) fn located(doc: &Doc<'_>, places: &[(Span, usize)]) -> Option<usize> {
    places
        .iter()
        .find(|(span, _)| {
            let head = doc.window_before(span.start, 64).trim_end().to_ascii_lowercase();
            head.ends_with(" in")
                || head.ends_with(" at")
                || head.ends_with(" near")
                || head.ends_with(" in the")
                || head.ends_with(" at the")
        })
        .or_else(|| {
            let named: Vec<&(Span, usize)> = places.iter().filter(|(span, _)| !doc.is_dateline(*span)).collect();
            if named.len() == 1 { named.first().copied() } else { None }
        })
        .map(|(_, e)| *e)
}

/// The same seizure told twice (headline and body) is one seizure; a seizure
/// of a substance without a quantity adds nothing when another names one.
pub(super) fn merge_seizures(seizures: &mut Vec<Seizure>) {
    let quantified: Vec<usize> =
        seizures.iter().filter(|s| s.quantity.is_some()).flat_map(|s| s.substances.iter().copied()).collect();
    let mut kept: Vec<Seizure> = Vec::new();
    for seizure in seizures.drain(..) {
        if seizure.quantity.is_none() && seizure.substances.iter().all(|s| quantified.contains(s)) {
            continue;
        }
        let same = kept.iter_mut().find(|k| {
            k.substances == seizure.substances
                && match (&k.quantity, &seizure.quantity) {
                    (Some(a), Some(b)) => a.min_kg == b.min_kg && a.max_kg == b.max_kg && a.count == b.count,
                    (None, None) => true,
                    _ => false,
                }
        });
        match same {
            Some(existing) => {
                existing.location = existing.location.or(seizure.location);
                existing.agency = existing.agency.or(seizure.agency);
                existing.date = existing.date.take().or(seizure.date);
            }
            None => kept.push(seizure),
        }
    }
    *seizures = kept;
}
