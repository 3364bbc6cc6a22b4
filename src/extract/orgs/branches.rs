//! Regional branches and field offices of national bodies: agencies of their
//! own, named by a place and linked to their parent ("Sughd Branch of the
//! State Committee for National Security", "the DEA's Washington Division",
//! "the DEA in New York").
//!
//! A branch is never its parent, and two bodies' branches in one city are
//! never one another ("New York Office" of the DEA and of the FBI), so the
//! label and the identity carry the parent. The label follows how the report
//! names the parent: "DEA New York Office" where it calls the parent by an
//! acronym anywhere (the form press releases use), else "Sughd Branch of the
//! State Committee for National Security of Tajikistan" (the guideline's
//! form). The identity is the parent's plus the branch's own name, so both
//! spellings of one branch link across reports.

use super::initials;
use crate::extract::gazetteer::Target;
use crate::extract::text::{ends_possessive, is_all_caps};
use crate::extract::{Doc, Found};
use crate::model::{EntityKey, EntityKind, Span};
use crate::slug::slugify;

/// Titles of the head of a field office: "Special Agent in Charge of the DEA
/// in New York", "head of the UNODC in Tashkent".
const OFFICE_HEAD_TITLES: &[&str] = &["Charge", "head", "Head", "chief", "Chief", "director", "Director"];

/// The parent of a branch: its identity, label and country, and where the report names it.
pub(super) struct Parent {
    pub key: EntityKey,
    pub label: String,
    pub country: Option<String>,
    pub span: Span,
}

impl Parent {
    pub(super) fn of(found: &Found) -> Parent {
        Parent { key: found.key.clone(), label: found.label.clone(), country: found.country.clone(), span: found.span }
    }
}

/// The branch `base` ("New York Office") of `parent`, written at `span`.
pub(super) fn branch(doc: &Doc<'_>, span: Span, base: &str, parent: Parent) -> Found {
    let full = format!("{base} of the {}", parent.label);
    let label = acronym_used(doc, &parent).map_or_else(|| full.clone(), |acronym| format!("{acronym} {base}"));
    let slug = match &parent.key {
        EntityKey::Agency { slug, .. } => crate::slug::branch(slug, base),
        _ => slugify(&full),
    };
    let mut found =
        Found::new(span, EntityKind::Agency, EntityKey::Agency { slug, country: parent.country.clone() }, label)
            .with_country(parent.country.clone());
    for alias in [base.to_owned(), full] {
        if alias != found.label && !found.aliases.contains(&alias) {
            found.aliases.push(alias);
        }
    }
    found.parent = Some((parent.key, parent.label));
    found
}

/// The acronym by which the report calls `parent`, if it uses one: the one
/// written at the parent's mention, else a known or defined one written anywhere.
fn acronym_used<'d>(doc: &Doc<'d>, parent: &Parent) -> Option<&'d str> {
    let written = parent.span.slice(doc.text);
    if is_all_caps(written, 2) {
        return Some(written);
    }
    let known = match &parent.key {
        EntityKey::Agency { slug, .. } => doc.gaz.agency(slug).map(|a| a.acronyms.as_slice()).unwrap_or_default(),
        _ => &[],
    };
    // The parent's initials ("DEA" for a name the lexicon lacks), or a known acronym.
    let initials = initials(&parent.label);
    let mut words = (0..doc.tokens.len()).map(|i| doc.word(i)).filter(|w| is_all_caps(w, 2));
    words.find(|w| *w == initials || known.iter().any(|a| a == w))
}

/// True when a gazetteer city, region or country is written inside `span`.
pub(super) fn names_a_place(doc: &Doc<'_>, span: Span) -> bool {
    doc.matches_within(span).any(|m| {
        m.targets.iter().any(|t| {
            matches!(t, Target::City(_) | Target::CountryName(_) | Target::RegionBase(_) | Target::RegionName(_))
        })
    })
}

/// Rule-built units named by a place whose parent is written before them: the
/// parent's possessive ("the DEA's Washington Division") or its acronym
/// ("DEA New York Division", "CBSA Metro Vancouver District Office"). Turns
/// each into a branch of that parent.
pub(super) fn owned_branches(doc: &Doc<'_>, agencies: &mut [Found]) {
    for index in 0..agencies.len() {
        let unit = &agencies[index];
        if unit.parent.is_some() || !is_rule_built(doc, unit) {
            continue;
        }
        let Some(first) = doc.token_starting_at(unit.span.start) else { continue };
        // "DEA New York Division": the parent's acronym opens the name.
        let acronym_owner = agencies.iter().position(|p| {
            p.span.start == unit.span.start
                && p.span.end < unit.span.end
                && is_all_caps(p.span.slice(doc.text), 2)
                && !is_rule_built(doc, p)
        });
        // "the DEA's Washington Division": the parent's possessive comes right before.
        let possessive_owner = first.checked_sub(1).filter(|&b| ends_possessive(doc.word(b))).and_then(|b| {
            let token = doc.tokens[b].span;
            agencies.iter().position(|p| {
                p.span.start >= token.start && p.span.end <= token.end && p.span.end > token.start && p.key != unit.key
            })
        });
        let (owner, name_start) = match (acronym_owner, possessive_owner) {
            (Some(owner), _) => (owner, agencies[owner].span.end),
            (None, Some(owner)) => (owner, unit.span.start),
            (None, None) => continue,
        };
        let Some(name_token) = doc.tokens.get(doc.token_at_or_after(name_start)) else { continue };
        let name_span = Span::new(name_token.span.start, unit.span.end);
        if name_span.start >= name_span.end || !names_a_place(doc, name_span) {
            continue;
        }
        let base = crate::extract::text::strip_possessive(name_span.slice(doc.text)).to_owned();
        let parent = Parent::of(&agencies[owner]);
        let span = unit.span;
        agencies[index] = branch(doc, span, &base, parent);
    }
}

/// "the Special Agent in Charge of the DEA in New York": a head of office
/// titled for a body "in" a city speaks for that body's office there, an
/// agency of its own ("DEA New York Office"). Only after such a title: "DEA
/// agents in Kabul" names no office.
pub(super) fn field_offices(doc: &Doc<'_>, agencies: &mut Vec<Found>) {
    let mut offices = Vec::new();
    for agency in agencies.iter() {
        if is_rule_built(doc, agency) {
            continue;
        }
        let Some(first) = doc.token_starting_at(agency.span.start) else { continue };
        let mut before = first;
        if before > 0 && doc.word(before - 1) == "the" {
            before -= 1;
        }
        let titled = before >= 2 && doc.word(before - 1) == "of" && OFFICE_HEAD_TITLES.contains(&doc.word(before - 2));
        if !titled {
            continue;
        }
        // The acronym's definition may sit between the name and "in": "(the “DEA”)".
        let mut next = doc.token_at_or_after(agency.span.end);
        if doc.word(next) == "(" {
            let Some(close) = (next..doc.tokens.len().min(next + 6)).find(|&i| doc.word(i) == ")") else { continue };
            next = close + 1;
        }
        if doc.word(next) != "in" {
            continue;
        }
        let Some(city_token) = doc.tokens.get(next + 1) else { continue };
        let Some((city, end)) = doc.matches_starting_at(city_token.span.start).find_map(|m| {
            m.targets.iter().find_map(|t| match *t {
                Target::City(i) => doc.gaz.cities.get(i).map(|c| (c.label.clone(), m.span.end)),
                _ => None,
            })
        }) else {
            continue;
        };
        let span = Span::new(agency.span.start, end);
        offices.push(branch(doc, span, &format!("{city} Office"), Parent::of(agency)));
    }
    agencies.extend(offices);
}

/// True when `found` was built by rule from the text, not taken from the lexicon.
fn is_rule_built(doc: &Doc<'_>, found: &Found) -> bool {
    match &found.key {
        EntityKey::Agency { slug, .. } => doc.gaz.agency(slug).is_none(),
        _ => true,
    }
}
