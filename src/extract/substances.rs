//! Substances: the vocabulary's names anywhere, street names ("ice", "crack",
//! "speed", «соль») only in a sentence about drugs.

use super::gazetteer::Target;
use super::text::fold_case;
use super::words::mentions_any;
use super::words::russian::{DRUG_WORDS, NOT_A_DRUG_BEFORE, STREET_CONTEXT};
use super::words::substances::{DRUG_CONTEXT, NOT_AFTER};
use super::{Doc, Found};
use crate::model::{EntityKey, EntityKind, ExternalId, Span};

pub(super) fn find(doc: &Doc<'_>, found: &mut Vec<Found>) {
    for hit in &doc.matches {
        for target in &hit.targets {
            let (index, street) = match *target {
                Target::Substance(i) => (i, false),
                Target::SubstanceStreet(i) => (i, true),
                _ => continue,
            };
            // "ICE" is an agency, "Ice" in a headline may be the drug, "ice" in a drug sentence is.
            let written = hit.span.slice(doc.text);
            let shouted = written.len() > 1 && written.chars().all(|c| c.is_uppercase() || !c.is_alphabetic());
            if street && (shouted || !street_name_is_drug(doc, hit.span)) {
                continue;
            }
            let Some(substance) = doc.gaz.substances.get(index) else { continue };
            let mut mention = Found::new(
                hit.span,
                EntityKind::Substance,
                EntityKey::Substance(substance.id.clone()),
                &substance.label,
            );
            mention.broader = substance.broader.clone();
            if let Some(item) = &substance.wikidata {
                mention.external_ids.push(ExternalId::Wikidata(item.clone()));
            }
            found.push(mention);
            break;
        }
    }
}

/// A street name is a drug when its sentence is about drugs and the words
/// around it do not make it something else ("crack down on", "the ice road").
fn street_name_is_drug(doc: &Doc<'_>, span: Span) -> bool {
    if doc.russian {
        return russian_street_name_is_drug(doc, span);
    }
    let sentence = doc.sentence_of(span.start).slice(doc.text).to_ascii_lowercase();
    if !DRUG_CONTEXT.iter().any(|cue| sentence.contains(cue)) {
        return false;
    }
    let next = doc.words_after(span.end, 1);
    if next.first().is_some_and(|w| NOT_AFTER.iter().any(|n| n.eq_ignore_ascii_case(w))) {
        return false;
    }
    // A verb reading ("to crack", "will crack") is not the drug.
    let before = doc.window_before(span.start, 64).trim_end().to_ascii_lowercase();
    !(before.ends_with(" to") || before.ends_with(" will") || before.ends_with(" would"))
}

/// «соль» is the drug in a sentence about drugs ("изъято 2 кг «соли»"), but
/// not as "поваренная соль", which drugs are hidden in or passed off as.
fn russian_street_name_is_drug(doc: &Doc<'_>, span: Span) -> bool {
    let sentence = fold_case(doc.sentence_of(span.start).slice(doc.text));
    if !(mentions_any(&sentence, DRUG_WORDS) || mentions_any(&sentence, STREET_CONTEXT)) {
        return false;
    }
    let before = fold_case(doc.window_before(span.start, 64));
    let word = before.split(|c: char| !c.is_alphanumeric()).rfind(|w| !w.is_empty()).unwrap_or("");
    !NOT_A_DRUG_BEFORE.iter().any(|stem| word.starts_with(stem))
}
