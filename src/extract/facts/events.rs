//! Arrests (one per sentence that states them) and cooperation (one per
//! body and partner).

use super::dates::date_in;
use super::seizures::located;
use super::{Context, Placed, Statement};
use crate::extract::text::fold_case;
use crate::extract::words::facts::EventWords;
use crate::extract::words::mentions_any;
use crate::model::{Arrest, Cooperation, EntityKind, Extraction};

/// The arrests and cooperation one sentence states, read with the words of
/// its language.
pub(super) fn find(cx: &Context<'_, '_>, statement: &Statement, words: &EventWords, extraction: &mut Extraction) {
    if mentions_any(&statement.lower, words.arrest) {
        arrest(cx, statement, words, extraction);
    }
    if mentions_any(&statement.lower, words.cooperation) || mentions_any(&statement.lower, words.cooperation_list) {
        cooperation(cx, statement, words, extraction);
    }
}

/// An arrest: the people the sentence names, or the number it gives.
fn arrest(cx: &Context<'_, '_>, statement: &Statement, words: &EventWords, extraction: &mut Extraction) {
    let mut people: Vec<usize> = super::within(&cx.persons, statement.span).into_iter().map(|(_, e)| e).collect();
    let count = arrest_count(&statement.lower, words.arrested_people);
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

/// Cooperation, read as one body working with each partner: "The SCNS, in
/// cooperation with the authorities of Russia, Kyrgyzstan and Australia,
/// seized..." is the SCNS with Russia, with Kyrgyzstan and with Australia,
/// never Russia with Australia. The body is the party before the cue
/// ("the SCNS, in cooperation with"), the subject after a list that opens the
/// sentence ("In cooperation with A and B, the SCNS seized"), else the report's
/// own body (its first agency, else its country). Without a list cue ("The DEA
/// and the FBI ran a joint operation"), the first party is the body.
fn cooperation(cx: &Context<'_, '_>, statement: &Statement, words: &EventWords, extraction: &mut Extraction) {
    let mut parties: Vec<Placed> = statement.agencies.clone();
    // "the Polish police": the country inside an agency's name is not a party of its own.
    parties.extend(
        super::within(&cx.countries, statement.span).into_iter().filter(|(span, _)| !cx.agency_spans.contains(*span)),
    );
    parties.sort_unstable();
    if parties.is_empty() {
        return;
    }
    let report_body = cx.agencies.first().map(|(_, e)| *e).or(cx.main_country);
    let (body, partners): (Option<usize>, Vec<usize>) = match list_cue(&statement.lower, words) {
        Some((cue_start, cue_end)) => {
            let at = |offset: usize| statement.span.start + offset;
            let after: Vec<Placed> = parties.iter().copied().filter(|(s, _)| s.start >= at(cue_end)).collect();
            let (list, subject) = partner_list(cx.doc.text, at(cue_end), &after, words);
            let before: Vec<usize> = parties.iter().filter(|(s, _)| s.end <= at(cue_start)).map(|(_, e)| *e).collect();
            let opens_sentence = cue_start <= 4;
            let body = match before.first() {
                Some(&first) => Some(first),
                None if opens_sentence && subject.is_some() => subject,
                // A report whose own body is among the partners names no body here.
                None => report_body.filter(|b| !list.contains(b)),
            };
            (body, list)
        }
        None => {
            // "a joint operation in Kazakhstan": a country after a locative word is where, not who.
            let ids: Vec<usize> = parties
                .iter()
                .filter(|(span, e)| {
                    extraction.entities[*e].kind != EntityKind::Country
                        || !after_locative(cx.doc.text, span.start, words)
                })
                .map(|(_, e)| *e)
                .collect();
            if ids.is_empty() {
                return;
            }
            if ids.len() == 1 { (report_body, ids) } else { (ids.first().copied(), ids[1..].to_vec()) }
        }
    };
    let Some(body) = body else { return };
    let own_country = extraction.entities.get(body).and_then(|e| e.country.clone());
    let mut pairs: Vec<Vec<usize>> = partners
        .into_iter()
        .filter(|&partner| partner != body)
        .filter(|&partner| {
            // A body's own country is not its partner ("the Kazakh police ... Kazakhstan").
            let entity = &extraction.entities[partner];
            !(entity.kind == EntityKind::Country && entity.country.is_some() && entity.country == own_country)
        })
        .map(|partner| {
            let mut pair = vec![body, partner];
            pair.sort_unstable();
            pair
        })
        .collect();
    pairs.sort();
    pairs.dedup();
    for parties in pairs {
        extraction.cooperations.push(Cooperation { parties, evidence: statement.evidence });
    }
}

/// Whether the word before `start` places something ("in", "at", "into"...).
fn after_locative(text: &str, start: usize, words: &EventWords) -> bool {
    let before = text.get(..start).unwrap_or("").trim_end();
    let word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    words.locatives.contains(&fold_case(word).as_str())
}

/// Where the first cue that introduces a list of partners is, as offsets
/// into the sentence: "in cooperation with", "jointly with"...
fn list_cue(lower: &str, words: &EventWords) -> Option<(usize, usize)> {
    words.cooperation_list.iter().filter_map(|cue| lower.find(cue).map(|start| (start, start + cue.len()))).min()
}

/// The partners listed right after a cue ("the authorities of Russia,
/// Kyrgyzstan and Australia"), and the party after the list when the list is
/// closed by a comma (the subject of a sentence the list opens). Items are
/// joined by commas and "and"; the item after "and" ends the list. Without
/// "and", a list that runs into another item by a comma gives that last item
/// as the subject ("In cooperation with Afghanistan, Kyrgyzstan destroyed...").
fn partner_list(text: &str, cue_end: usize, after: &[Placed], words: &EventWords) -> (Vec<usize>, Option<usize>) {
    let mut list: Vec<usize> = Vec::new();
    let mut previous_end = cue_end;
    let mut closed = false;
    for (index, (span, entity)) in after.iter().enumerate() {
        let gap = fold_case(text.get(previous_end..span.start).unwrap_or(";"));
        if !is_list_gap(&gap, index == 0, words) {
            break;
        }
        if closed {
            // The list ended with its "and" item; a party after a comma is the subject.
            return (list, gap.contains(',').then_some(*entity));
        }
        closed = gap.split(|c: char| !c.is_alphanumeric()).any(|w| w == words.and);
        list.push(*entity);
        previous_end = span.end;
    }
    if !closed && list.len() >= 2 {
        let subject = list.pop();
        return (list, subject);
    }
    (list, None)
}

/// Whether the text between two listed parties (or the cue and the first)
/// only joins them: commas, "and", "the", "authorities of"...
fn is_list_gap(gap: &str, first: bool, words: &EventWords) -> bool {
    if gap.len() > 48 || gap.contains([';', '.', '(', ')']) || (first && gap.contains(',')) {
        return false;
    }
    gap.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).all(|w| words.list_joiners.contains(&w))
}

/// "67 participants ... were detained", "задержаны 3 человека": the number arrested.
fn arrest_count(lower: &str, people: &[&str]) -> Option<u32> {
    let words: Vec<&str> = lower.split_whitespace().collect();
    for (index, word) in words.iter().enumerate() {
        let Ok(number) = word.replace(',', "").parse::<u32>() else { continue };
        // The people word may end the sentence ("arrested five people.").
        let following = words.get(index + 1..(index + 4).min(words.len())).unwrap_or(&[]);
        if following.iter().any(|w| people.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
            && number > 0
            && number < 1_000_000
        {
            return Some(number);
        }
    }
    None
}
