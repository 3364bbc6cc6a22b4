//! The rules for reports written in Russian.
//!
//! Places, known agencies and substances come from the same gazetteers as
//! in English: `data/gazetteer/russian.tsv` adds every declined form of their
//! Russian names ("Казахстана", "Туркестанской области", "героина"), so the
//! English stages that resolve gazetteer matches serve Russian too. What
//! Russian writes its own way has its own rules here: agencies named by an
//! acronym and a country ("КНБ РК"), districts the gazetteers lack
//! (`districts`), units and regional branches of an agency (`orgs`),
//! officials and people with their names in Latin letters (`people`,
//! `translit`). Routes and seizures are in `facts::russian`.
//! Labels stay English; the Russian forms are the mentions, hence the aliases.

mod districts;
mod names;
mod orgs;
mod people;
pub(crate) mod translit;

use super::text::fold_case;
use super::{Doc, Found, places, substances};
use crate::model::EntityKind;

/// Every entity of a Russian report.
pub(super) fn find(doc: &Doc<'_>, found: &mut Vec<Found>) {
    places::find(doc, found);
    districts::find(doc, found);
    orgs::find(doc, found);
    let mut people = Vec::new();
    people::find(doc, &mut people);
    // "Иванов Сергей Петрович": the surname is also a form of a town's name.
    found.retain(|f| f.kind != EntityKind::City || !people.iter().any(|p| p.span.overlaps(f.span)));
    found.extend(people);
    substances::find(doc, found);
}

/// Token `index` lowercased (Cyrillic too).
fn lower_word(doc: &Doc<'_>, index: usize) -> String {
    fold_case(doc.word(index))
}

/// True when the lowercased word is the stem plus an ending of at most four
/// letters ("отдел" in "отделом"; "по" only as "по").
fn stem_matches(word: &str, stem: &str) -> bool {
    word.starts_with(stem)
        && word.chars().count() <= stem.chars().count() + if stem.chars().count() <= 3 { 0 } else { 4 }
}

/// The token after the words at `start` that match `stems` one by one, or
/// `None` when they do not.
fn stems_at(doc: &Doc<'_>, start: usize, stems: &[&str]) -> Option<usize> {
    for (offset, stem) in stems.iter().enumerate() {
        let index = start + offset;
        if !doc.is_word(index) || !stem_matches(&lower_word(doc, index), stem) {
            return None;
        }
    }
    Some(start + stems.len())
}

/// True when only spaces separate two byte offsets.
fn adjacent(doc: &Doc<'_>, end: usize, start: usize) -> bool {
    start >= end && doc.between(end, start).chars().all(|c| c == ' ')
}
