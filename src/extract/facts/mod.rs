//! Facts: trafficking routes, seizures, arrests, cooperation and dates, read
//! sentence by sentence from the entities already found.
//!
//! Routes come from a movement verb ("smuggled", "imported", "shipped",
//! "destined") in a sentence about drugs, with each place's role given by the
//! word that introduces it or the list it belongs to: "from" (origin), "into",
//! "to", "bound for", "-bound", "destined for" (destination), "via", "through",
//! "across" (transit), "of Afghan origin" (origin). "Into the country" is the
//! report's own country.

mod dates;
mod events;
mod routes;
mod russian;
mod seizures;

pub(super) use russian::find as find_russian;

use super::Doc;
use super::text::SpanSet;
use super::words::facts::{DRUG_NOUNS, ENGLISH_EVENTS, INTERCEPTION, MOVEMENT, SEIZURE};
use super::words::mentions_any;
use crate::model::{EntityKind, Evidence, Extraction, Span};

/// A mention: where it is written and the index of its entity.
pub(super) type Placed = (Span, usize);

/// What every fact rule may read about the report besides one sentence: the
/// document, each kind of mention sorted by position, and what the report as
/// a whole says (its own country, the countries it gives as drug sources).
pub(super) struct Context<'d, 'a> {
    pub doc: &'d Doc<'a>,
    pub places: Vec<Placed>,
    pub substances: Vec<Placed>,
    pub agencies: Vec<Placed>,
    pub persons: Vec<Placed>,
    pub countries: Vec<Placed>,
    /// Agency mentions, for "is this place inside an agency's name?".
    pub agency_spans: SpanSet,
    /// Where substance mentions start, sorted.
    pub substance_starts: Vec<usize>,
    /// The country the report is about, as an entity index.
    pub main_country: Option<usize>,
    /// Countries the report gives as sources of drugs (see `routes::source_countries`).
    pub sources: Vec<usize>,
}

/// One sentence, or one clause of it, with what it names.
pub(super) struct Statement {
    /// Where it is.
    pub span: Span,
    /// Its text, lowercased.
    pub lower: String,
    /// Its places, in order.
    pub places: Vec<Placed>,
    /// The substances it moves (those of the whole sentence when it names none).
    pub substances: Vec<usize>,
    /// Its agencies, in order.
    pub agencies: Vec<Placed>,
    /// The sentence it belongs to, as evidence.
    pub evidence: Evidence,
}

/// The context of a report's facts.
fn context<'d, 'a>(doc: &'d Doc<'a>, extraction: &Extraction) -> Context<'d, 'a> {
    let mut cx = Context {
        doc,
        places: mentions_of(extraction, |k| k.is_place()),
        substances: mentions_of(extraction, |k| k == EntityKind::Substance),
        agencies: mentions_of(extraction, |k| k == EntityKind::Agency),
        persons: mentions_of(extraction, |k| k == EntityKind::Person),
        countries: mentions_of(extraction, |k| k == EntityKind::Country),
        agency_spans: SpanSet::default(),
        substance_starts: Vec::new(),
        main_country: doc.main_country().and_then(|code| {
            extraction.entities.iter().position(|e| e.kind == EntityKind::Country && e.country.as_deref() == Some(code))
        }),
        sources: Vec::new(),
    };
    cx.agency_spans = SpanSet::new(cx.agencies.iter().map(|(span, _)| *span));
    cx.substance_starts = cx.substances.iter().map(|(span, _)| span.start).collect();
    // The drug sources are read from English phrasing.
    if !doc.russian {
        cx.sources = routes::source_countries(&cx, extraction);
    }
    cx
}

pub(super) fn find(doc: &Doc<'_>, extraction: &mut Extraction) {
    let cx = context(doc, extraction);
    extraction.dates = dates::dates(doc);
    let mut previous_about_drugs = false;
    for sentence in &doc.sentences {
        let statement = statement(&cx, *sentence, sentence.slice(doc.text).to_ascii_lowercase());
        let drug_words = !statement.substances.is_empty() || mentions_any(&statement.lower, DRUG_NOUNS);
        // "Most often they are smuggled into the country from ...": smuggling right
        // after a sentence about drugs is about those drugs.
        // "He was intercepted at Heathrow following his arrival from Accra" after a
        // sentence about a smuggling group: the arrival carried its drugs.
        let drug_sentence = drug_words
            || previous_about_drugs
                && (statement.lower.contains("smuggl")
                    || statement.lower.contains("traffick")
                    || statement.lower.contains("arriv") && mentions_any(&statement.lower, INTERCEPTION));
        previous_about_drugs = drug_words;
        if drug_sentence && mentions_any(&statement.lower, MOVEMENT) {
            routes::find(&cx, &statement, extraction);
        }
        if !statement.substances.is_empty() && mentions_any(&statement.lower, SEIZURE) {
            seizures::find(&cx, &statement, extraction);
        }
        events::find(&cx, &statement, &ENGLISH_EVENTS, extraction);
    }
    routes::merge_routes(&mut extraction.routes);
    seizures::merge_seizures(&mut extraction.seizures);
}

/// One sentence as a statement: its lowercased text and what it names.
fn statement(cx: &Context<'_, '_>, sentence: Span, lower: String) -> Statement {
    let mut substances: Vec<usize> = within(&cx.substances, sentence).iter().map(|(_, e)| *e).collect();
    substances.dedup();
    Statement {
        span: sentence,
        lower,
        places: within(&cx.places, sentence),
        substances,
        agencies: within(&cx.agencies, sentence),
        evidence: Evidence { span: sentence, sentence },
    }
}

/// The mentions of a list (sorted by span) that lie inside `span`, found by
/// binary search: a rule run per sentence stays linear in the report's length.
pub(super) fn within(list: &[Placed], span: Span) -> Vec<Placed> {
    let first = list.partition_point(|(s, _)| s.start < span.start);
    list[first..].iter().take_while(|(s, _)| s.start < span.end).filter(|(s, _)| s.end <= span.end).copied().collect()
}

fn mentions_of(extraction: &Extraction, keep: impl Fn(EntityKind) -> bool) -> Vec<Placed> {
    let mut out: Vec<(Span, usize)> = extraction
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| keep(e.kind))
        .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m.span, i)))
        .collect();
    out.sort();
    out
}

pub(super) fn push_unique(list: &mut Vec<usize>, value: usize) {
    if !list.contains(&value) {
        list.push(value);
    }
}
