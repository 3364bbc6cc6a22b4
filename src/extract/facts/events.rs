//! Arrests and cooperation, one per sentence that states them.

use super::dates::date_in;
use super::seizures::located;
use super::{Context, Statement};
use crate::model::{Arrest, Cooperation, Extraction};

/// An arrest: the people the sentence names, or the number it gives.
pub(super) fn arrest(cx: &Context<'_, '_>, statement: &Statement, extraction: &mut Extraction) {
    let mut people: Vec<usize> = super::within(&cx.persons, statement.span).into_iter().map(|(_, e)| e).collect();
    let count = arrest_count(&statement.lower);
    if people.is_empty() && count.is_none() {
        return;
    }
    people.dedup();
    extraction.arrests.push(Arrest {
        persons: people,
        count,
        agency: statement.agencies.first().map(|(_, e)| *e),
        location: located(cx.doc, &statement.places),
        date: date_in(&extraction.dates, statement.span),
        evidence: statement.evidence,
    });
}

/// Cooperation between the agencies and countries of a sentence (and the
/// report's own country).
pub(super) fn cooperation(cx: &Context<'_, '_>, statement: &Statement, extraction: &mut Extraction) {
    let mut parties: Vec<usize> = statement.agencies.iter().map(|(_, e)| *e).collect();
    // "the Polish police": the country inside an agency's name is not a party of its own.
    parties.extend(
        super::within(&cx.countries, statement.span)
            .iter()
            .filter(|(span, _)| !cx.agency_spans.contains(*span))
            .map(|(_, e)| *e),
    );
    if let Some(main) = cx.main_country
        && !parties.is_empty()
        && !parties.contains(&main)
    {
        parties.push(main);
    }
    parties.sort_unstable();
    parties.dedup();
    if parties.len() >= 2 {
        extraction.cooperations.push(Cooperation { parties, evidence: statement.evidence });
    }
}

/// "67 participants ... were detained", "arrested five people": the number arrested.
fn arrest_count(lower: &str) -> Option<u32> {
    const PEOPLE: &[&str] = &[
        "people",
        "persons",
        "suspects",
        "individuals",
        "participants",
        "members",
        "men",
        "women",
        "defendants",
        "foreigners",
        "citizens",
        "couriers",
        "traffickers",
        "dealers",
    ];
    let words: Vec<&str> = lower.split_whitespace().collect();
    for (index, word) in words.iter().enumerate() {
        let Ok(number) = word.replace(',', "").parse::<u32>() else { continue };
        let following = words.get(index + 1..index + 4).unwrap_or(&[]);
        if following.iter().any(|w| PEOPLE.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
            && number > 0
            && number < 1_000_000
        {
            return Some(number);
        }
    }
    None
}
