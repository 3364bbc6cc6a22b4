//! Organisations: agencies (known bodies, acronyms defined in the text, and
//! names built by rule) and criminal groups.
//!
//! Agency names come in a few shapes, each handled by one rule:
//! - head-final: "Drug Enforcement Administration", "Colombian National Police";
//! - head-initial: "Ministry of Internal Affairs", "Department for Combating Drug Crimes";
//! - inverted ministries: "Kazakh Interior Ministry" (= Ministry of Internal Affairs of Kazakhstan);
//! - place police: "Almaty police" (= Almaty Police), "Kyrgyz police" (= Police of Kyrgyzstan);
//! - US attorneys and courts: "United States Attorney for the Southern District of New York".
//!
//! A name is followed by qualifiers: "of the Republic of Kazakhstan" gives the
//! country, "of the Ministry of ..." gives the parent body.

mod branches;
mod groups;
pub(super) mod known;
mod phrase;
mod police;
mod us;

use branches::{field_offices, owned_branches};
use groups::groups;
use known::{acronym_definitions, acronyms_alone, known_agencies};
use phrase::rule_agencies;
use police::{bare_national_services, local_units, place_police};
use us::{federal_courts, us_attorneys};

use super::gazetteer::{KnownAgency, Target, name_key};
use super::text::title_case;
use super::words::orgs::CONNECTORS;
use super::{Doc, Found};
use crate::model::{EntityKey, EntityKind, ExternalId, Span};
use crate::slug::slugify;
use std::collections::{BTreeSet, HashMap};

pub(crate) fn find(doc: &Doc<'_>, found: &mut Vec<Found>) {
    let mut agencies: Vec<Found> = Vec::new();
    known_agencies(doc, &mut agencies);
    rule_agencies(doc, &mut agencies);
    place_police(doc, &mut agencies);
    local_units(doc, &mut agencies);
    bare_national_services(doc, &mut agencies);
    us_attorneys(doc, &mut agencies);
    federal_courts(doc, &mut agencies);
    acronym_definitions(doc, &mut agencies);
    acronyms_alone(doc, &mut agencies);
    owned_branches(doc, &mut agencies);
    field_offices(doc, &mut agencies);
    keep_longest(&mut agencies);
    merge_report_variants(doc, &mut agencies);
    found.extend(agencies);
    groups(doc, found);
}

/// An agency found by rule: its key is the slug of its label, with its country.
pub(super) fn named_agency(span: Span, label: String, country: Option<String>) -> Found {
    Found::new(span, EntityKind::Agency, EntityKey::Agency { slug: slugify(&label), country: country.clone() }, label)
        .with_country(country)
}

/// Country of the report, used when an agency's own name does not say it.
pub(super) fn context_country(doc: &Doc<'_>) -> Option<String> {
    doc.main_country().map(str::to_owned)
}

/// A known agency's key and label, as a mention or a parent names it.
pub(super) fn known_key(agency: &KnownAgency) -> (EntityKey, String) {
    (EntityKey::Agency { slug: agency.id.clone(), country: agency.country.clone() }, agency.label.clone())
}

pub(super) fn known_found(doc: &Doc<'_>, index: usize, span: Span) -> Option<Found> {
    let agency = doc.gaz.agencies.get(index)?;
    let (key, label) = known_key(agency);
    let mut found = Found::new(span, EntityKind::Agency, key, label).with_country(agency.country.clone());
    found.parent = agency.parent.as_deref().and_then(|id| doc.gaz.agency(id)).map(known_key);
    if let Some(item) = &agency.wikidata {
        found.external_ids.push(ExternalId::Wikidata(item.clone()));
    }
    Some(found)
}

/// A country named by token `index` (its name, or its demonym, or "X's").
pub(super) fn country_at(doc: &Doc<'_>, index: usize) -> Option<(usize, String)> {
    let token = doc.tokens.get(index)?;
    let (hit, country) = doc.matches_starting_at(token.span.start).find_map(|m| {
        m.targets.iter().find_map(|t| match t {
            Target::CountryName(i) | Target::CountryDemonym(i) => Some((m, *i)),
            _ => None,
        })
    })?;
    let last = doc.token_at_or_after(hit.span.end).saturating_sub(1);
    Some((last, doc.gaz.countries.get(country)?.code.clone()))
}

/// A country's name as it reads after "of": "the Netherlands", "the United States".
pub(super) fn with_article(country: &str) -> String {
    const WITH_THE: &[&str] = &[
        "Netherlands",
        "United States",
        "United Kingdom",
        "Philippines",
        "Czech Republic",
        "United Arab Emirates",
        "Dominican Republic",
        "Central African Republic",
        "Bahamas",
        "Gambia",
        "Maldives",
        "Comoros",
        "Democratic Republic of the Congo",
        "Republic of the Congo",
        "Marshall Islands",
        "Solomon Islands",
    ];
    if WITH_THE.contains(&country) { format!("the {country}") } else { country.to_owned() }
}

/// Keeps, among agency mentions that overlap, the longest; mentions inside a
/// longer one are dropped, except a parent named inside its child's span.
///
/// Kept mentions stay in order of start, so only those starting within the
/// longest mention's length before the current one can overlap it.
fn keep_longest(agencies: &mut Vec<Found>) {
    agencies.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(b.span.len().cmp(&a.span.len())));
    let longest = agencies.iter().map(|a| a.span.len()).max().unwrap_or(0);
    let mut kept: Vec<Found> = Vec::new();
    for agency in agencies.drain(..) {
        let near = kept.partition_point(|k| k.span.start + longest < agency.span.start);
        let covered = kept[near..].iter().any(|k| {
            k.span.overlaps(agency.span)
                && k.span.len() >= agency.span.len()
                && k.parent.as_ref().is_none_or(|(key, _)| *key != agency.key)
        });
        if !covered {
            // Only a kept mention starting where this one starts can lie inside it.
            let same_start = kept.partition_point(|k| k.span.start < agency.span.start);
            let mut index = same_start;
            while index < kept.len() {
                let k = &kept[index];
                if agency.span.contains(k.span)
                    && agency.span.len() > k.span.len()
                    && agency.parent.as_ref().is_none_or(|(key, _)| *key != k.key)
                {
                    kept.remove(index);
                } else {
                    index += 1;
                }
            }
            kept.push(agency);
        }
    }
    *agencies = kept;
}

/// Within one report, two names of one body: a name without its country and
/// the same name with it ("Counternarcotics Service" and "Counternarcotics
/// Service of Kyrgyzstan"), or a new name whose acronym is a known body's
/// ("... Coordination Center (CARICC)" and the known CARICC). The vaguer
/// mention takes the identity of the fuller one, when exactly one fits.
fn merge_report_variants(doc: &Doc<'_>, agencies: &mut [Found]) {
    let known = |found: &Found| match &found.key {
        EntityKey::Agency { slug, .. } => doc.gaz.agency(slug),
        _ => None,
    };
    let mut fuller: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, agency) in agencies.iter().enumerate() {
        let lexicon = known(agency);
        if agency.country.is_none() && lexicon.is_none() {
            continue;
        }
        let mut names: Vec<String> = vec![agency.label.clone()];
        names.extend(agency.aliases.iter().cloned());
        if let Some(country) = agency.country.as_deref().and_then(|c| doc.gaz.country(c)) {
            for suffix in [format!(" of {}", with_article(&country.label)), format!(" of {}", country.label)] {
                if let Some(bare) = agency.label.strip_suffix(suffix.as_str()) {
                    names.push(bare.to_owned());
                }
            }
        }
        if let Some(lexicon) = lexicon {
            names.extend(lexicon.acronyms.iter().chain(&lexicon.names).cloned());
        }
        for name in names {
            let key = name_key(&name);
            if !key.is_empty() {
                fuller.entry(key).or_default().push(index);
            }
        }
    }
    for index in 0..agencies.len() {
        let agency = &agencies[index];
        if agency.country.is_some() || known(agency).is_some() {
            continue;
        }
        let mut matches: Vec<usize> = std::iter::once(&agency.label)
            .chain(agency.aliases.iter())
            .filter_map(|name| fuller.get(&name_key(name)))
            .flatten()
            .copied()
            .filter(|&other| other != index)
            .collect();
        matches.sort_unstable();
        matches.dedup();
        let identities: BTreeSet<&EntityKey> = matches.iter().map(|&i| &agencies[i].key).collect();
        let (Some(&target), 1) = (matches.first(), identities.len()) else { continue };
        let (key, label, country, parent) = {
            let t = &agencies[target];
            (t.key.clone(), t.label.clone(), t.country.clone(), t.parent.clone())
        };
        let agency = &mut agencies[index];
        let written = std::mem::replace(&mut agency.label, label);
        agency.key = key;
        agency.country = country;
        agency.parent = agency.parent.take().or(parent);
        if !agency.aliases.contains(&written) {
            agency.aliases.push(written);
        }
    }
}

/// The initials of a name's content words: "Australian Federal Police" -> "AFP".
pub(super) fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter(|w| !w.is_empty() && !CONNECTORS.contains(w) && *w != "the")
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// An agency name in title case, its connecting words ("of", "for", "the") lowercase.
pub(super) fn org_title_case(text: &str) -> String {
    let lower: Vec<&str> = CONNECTORS.iter().copied().chain(["the"]).collect();
    title_case(text, &lower)
}
