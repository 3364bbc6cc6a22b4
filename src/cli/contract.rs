//! The `extract` JSON contract (docs/extract-contract.md): one object per
//! report, written from these `Serialize` structs so that every field has a
//! name and a type. Entity references are the IRIs the store would hold.

use narcograph::extract::Gazetteers;
use narcograph::link::Linking;
use narcograph::model::{EntityKey, Evidence, ExternalId, Extraction, Report};
use narcograph::rdf::iri;
use serde::Serialize;

/// One report's extraction.
#[derive(Serialize)]
pub struct ReportJson<'a> {
    report: String,
    source: &'a str,
    title: Option<&'a str>,
    date: Option<&'a str>,
    language: Option<&'a str>,
    entities: Vec<EntityJson>,
    routes: Vec<RouteJson>,
    seizures: Vec<SeizureJson<'a>>,
    arrests: Vec<ArrestJson<'a>>,
    cooperations: Vec<CooperationJson>,
    dates: Vec<DateJson<'a>>,
}

/// An entity of the report, once however often it is mentioned.
#[derive(Serialize)]
struct EntityJson {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    mentions: Vec<MentionJson>,
    aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    broader: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    same_as: Vec<String>,
}

#[derive(Serialize)]
struct MentionJson {
    start: usize,
    end: usize,
    text: String,
}

/// The sentence a fact was read from: its span and text.
#[derive(Serialize)]
struct EvidenceJson {
    start: usize,
    end: usize,
    text: String,
}

#[derive(Serialize)]
struct RouteJson {
    origin: Option<String>,
    destination: Option<String>,
    via: Vec<Option<String>>,
    substances: Vec<Option<String>>,
    evidence: EvidenceJson,
    concealment: Option<String>,
    conveyance: Option<String>,
}

#[derive(Serialize)]
struct SeizureJson<'a> {
    substances: Vec<Option<String>>,
    min_kg: Option<f64>,
    max_kg: Option<f64>,
    count: Option<f64>,
    count_unit: Option<&'a str>,
    quantity: Option<&'a str>,
    location: Option<String>,
    agency: Option<String>,
    date: Option<&'a str>,
    evidence: EvidenceJson,
}

#[derive(Serialize)]
struct ArrestJson<'a> {
    persons: Vec<Option<String>>,
    count: Option<u32>,
    agency: Option<String>,
    location: Option<String>,
    date: Option<&'a str>,
    evidence: EvidenceJson,
}

#[derive(Serialize)]
struct CooperationJson {
    parties: Vec<Option<String>>,
    evidence: EvidenceJson,
}

#[derive(Serialize)]
struct DateJson<'a> {
    value: &'a str,
    start: usize,
    end: usize,
}

/// Builds the contract object of one report.
///
/// Entities are listed by type and canonical label, as the store shows them;
/// two local entities that linking made one (an acronym and its full name in
/// the same report) are one entity with the mentions and aliases of both.
pub fn report_json<'a>(
    report: &'a Report,
    extraction: &'a Extraction,
    linking: &Linking,
    gazetteers: &Gazetteers,
) -> ReportJson<'a> {
    let id = |index: usize| -> Option<String> {
        extraction.entities.get(index).map(|e| iri::entity(linking.canonical(&e.key)))
    };
    let ids = |indices: &[usize]| -> Vec<Option<String>> { indices.iter().map(|&i| id(i)).collect() };
    let evidence = |e: &Evidence| EvidenceJson {
        start: e.span.start,
        end: e.span.end,
        text: e.sentence.slice(&report.text).to_owned(),
    };
    let mut entities: Vec<EntityJson> = Vec::new();
    for entity in &extraction.entities {
        let canonical = linking.canonical(&entity.key);
        let linked = linking.entity(canonical);
        let label = linked.map_or(entity.label.as_str(), |l| l.label.as_str()).to_owned();
        let mut aliases: Vec<String> = entity.aliases.clone();
        if entity.label != label {
            aliases.push(entity.label.clone());
        }
        let same_as = narcograph::rdf::quads::external_ids(&entity.key, gazetteers)
            .into_iter()
            .map(|x| match x {
                ExternalId::GeoNames(n) => iri::geonames(n),
                ExternalId::Wikidata(q) => iri::wikidata(&q),
            })
            .collect();
        let kind = linked.map_or(entity.kind, |l| if entity.kind.is_person() { l.kind } else { entity.kind });
        entities.push(EntityJson {
            id: iri::entity(canonical),
            kind: kind.as_str(),
            label,
            mentions: entity
                .mentions
                .iter()
                .map(|m| MentionJson { start: m.span.start, end: m.span.end, text: m.text.clone() })
                .collect(),
            aliases,
            country: entity.country.clone(),
            role: entity.role.clone(),
            parent: entity.parent.and_then(id),
            broader: entity.broader.as_ref().map(|b| iri::entity(&EntityKey::Substance(b.clone()))),
            same_as,
        });
    }
    entities.sort_by(|a, b| (a.kind, &a.label, &a.id).cmp(&(b.kind, &b.label, &b.id)));
    let mut merged: Vec<EntityJson> = Vec::with_capacity(entities.len());
    for entity in entities {
        match merged.last_mut() {
            Some(last) if last.id == entity.id => {
                last.mentions.extend(entity.mentions);
                last.aliases.extend(entity.aliases);
                last.country = last.country.take().or(entity.country);
                last.role = last.role.take().or(entity.role);
                last.parent = last.parent.take().or(entity.parent);
            }
            _ => merged.push(entity),
        }
    }
    for entity in &mut merged {
        entity.mentions.sort_by_key(|m| (m.start, m.end));
        entity.mentions.dedup_by_key(|m| (m.start, m.end));
        entity.aliases.retain(|a| *a != entity.label);
        entity.aliases.sort();
        entity.aliases.dedup();
    }
    ReportJson {
        report: iri::report(&report.id),
        source: &report.source,
        title: report.metadata.title.as_deref(),
        date: report.metadata.date.as_deref(),
        language: extraction.language.code.as_deref(),
        entities: merged,
        routes: extraction
            .routes
            .iter()
            .map(|r| RouteJson {
                origin: id(r.origin),
                destination: id(r.destination),
                via: ids(&r.via),
                substances: ids(&r.substances),
                evidence: evidence(&r.evidence),
                concealment: r.concealment.clone(),
                conveyance: r.conveyance.clone(),
            })
            .collect(),
        seizures: extraction
            .seizures
            .iter()
            .map(|s| {
                let quantity = s.quantity.as_ref();
                SeizureJson {
                    substances: ids(&s.substances),
                    min_kg: quantity.and_then(|q| q.min_kg),
                    max_kg: quantity.and_then(|q| q.max_kg),
                    count: quantity.and_then(|q| q.count),
                    count_unit: quantity.and_then(|q| q.count_unit.as_deref()),
                    quantity: quantity.map(|q| q.text.as_str()),
                    location: s.location.and_then(id),
                    agency: s.agency.and_then(id),
                    date: s.date.as_deref(),
                    evidence: evidence(&s.evidence),
                }
            })
            .collect(),
        arrests: extraction
            .arrests
            .iter()
            .map(|a| ArrestJson {
                persons: ids(&a.persons),
                count: a.count,
                agency: a.agency.and_then(id),
                location: a.location.and_then(id),
                date: a.date.as_deref(),
                evidence: evidence(&a.evidence),
            })
            .collect(),
        cooperations: extraction
            .cooperations
            .iter()
            .map(|c| CooperationJson { parties: ids(&c.parties), evidence: evidence(&c.evidence) })
            .collect(),
        dates: extraction
            .dates
            .iter()
            .map(|d| DateJson { value: &d.value, start: d.span.start, end: d.span.end })
            .collect(),
    }
}
