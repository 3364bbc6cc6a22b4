//! Reading linked entities back from the store: the `entities` listing and
//! the explanation of how one entity was linked.

use crate::model::EntityKind;
use crate::rdf::vocab::*;
use crate::rdf::{QueryAnswer, ReadStore, StoreError, Value, iri};

/// One linked entity, as listed.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct EntitySummary {
    /// IRI.
    pub id: String,
    /// Type name.
    #[serde(rename = "type")]
    pub kind: String,
    /// Canonical label.
    pub label: String,
    /// Other names, sorted.
    pub aliases: Vec<String>,
    /// Number of reports naming it.
    pub reports: usize,
}

fn cell(row: &[Option<Value>], index: usize) -> Option<&str> {
    row.get(index).and_then(Option::as_ref).map(Value::as_str)
}

fn rows(answer: QueryAnswer) -> Vec<Vec<Option<Value>>> {
    match answer {
        QueryAnswer::Solutions { rows, .. } => rows,
        _ => Vec::new(),
    }
}

/// Linked entities, most reported first, optionally of one type and named in
/// at least `min_reports` reports.
pub fn list(
    store: &dyn ReadStore,
    kind: Option<EntityKind>,
    min_reports: usize,
) -> Result<Vec<EntitySummary>, StoreError> {
    // The type asked for is matched in the query (an index lookup).
    let only = kind.map_or_else(String::new, |k| format!("VALUES ?type {{ \"{}\" }}", k.as_str()));
    summaries(store, &only, min_reports)
}

/// The entities a SPARQL clause `only` keeps (none: all), named in at least
/// `min_reports` reports, most reported first. Aliases are read as plain
/// pairs and joined here: a GROUP_CONCAT over every entity cost most of
/// `entities` on a large store.
fn summaries(store: &dyn ReadStore, only: &str, min_reports: usize) -> Result<Vec<EntitySummary>, StoreError> {
    let graph = iri::entities_graph();
    let mut aliases: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    for row in rows(store.query(
        &format!(
            "SELECT ?e ?alias WHERE {{ GRAPH <{graph}> {{ {only} ?e <{ENTITY_TYPE}> ?type ; <{SKOS_ALT_LABEL}> ?alias }} }}"
        ),
        &[],
    )?) {
        if let (Some(entity), Some(alias)) = (cell(&row, 0), cell(&row, 1)) {
            aliases.entry(entity.to_owned()).or_default().push(alias.to_owned());
        }
    }
    let answer = store.query(
        &format!(
            "SELECT ?e ?type ?label ?reports WHERE {{
               GRAPH <{graph}> {{ {only} ?e <{ENTITY_TYPE}> ?type ; <{RDFS_LABEL}> ?label ; <{REPORT_COUNT}> ?reports }} }}"
        ),
        &[],
    )?;
    let mut out: Vec<EntitySummary> = rows(answer)
        .iter()
        .filter_map(|row| {
            let reports: usize = cell(row, 3)?.parse().ok()?;
            if reports < min_reports {
                return None;
            }
            let id = cell(row, 0)?.to_owned();
            let mut aliases = aliases.remove(&id).unwrap_or_default();
            aliases.sort();
            aliases.dedup();
            Some(EntitySummary {
                id,
                kind: cell(row, 1)?.to_owned(),
                label: cell(row, 2)?.to_owned(),
                aliases,
                reports,
            })
        })
        .collect();
    // The IRI last: two places of one name (two towns called Kamenskoye) keep one order.
    out.sort_by(|a, b| {
        b.reports.cmp(&a.reports).then(a.kind.cmp(&b.kind)).then(a.label.cmp(&b.label)).then(a.id.cmp(&b.id))
    });
    Ok(out)
}

/// How one local key joined an entity, with where it was written.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct MergedKey {
    /// The local key.
    pub key: String,
    /// The rule that linked it.
    pub rule: String,
    /// The key it was matched with.
    pub matched_with: String,
    /// Similarity score, as the rule computed it.
    pub score: f64,
    /// What the rule compared to reach that score, in words.
    pub basis: Option<String>,
    /// Every mention under this key.
    pub mentions: Vec<MentionLine>,
}

/// One mention of an entity: where, as written, and in which sentence.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct MentionLine {
    /// The report's source path.
    pub source: String,
    /// The text as written.
    pub written: String,
    /// The sentence holding it.
    pub sentence: Option<String>,
}

/// The explanation of one linked entity.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Explanation {
    /// The entity.
    pub entity: EntitySummary,
    /// Its local keys.
    pub keys: Vec<MergedKey>,
}

/// One mention of an explained entity under one of its local keys, with the
/// label the mention's report gives that key.
struct KeyMention<'a> {
    key: &'a str,
    label: &'a str,
    line: MentionLine,
}

/// Explains every entity whose label or alias is `name` (case-insensitive).
pub fn explain(store: &dyn ReadStore, name: &str) -> Result<Vec<Explanation>, StoreError> {
    let graph = iri::entities_graph();
    // The entities so named first (an index lookup of the case-folded name,
    // `ng:nameKey`), then only their summaries, not every entity's.
    let named = store.query(
        &format!("SELECT DISTINCT ?e ?name WHERE {{ GRAPH <{graph}> {{ ?e <{NAME_KEY}> ?name }} }}"),
        &[crate::rdf::Binding::name_key("name", name)],
    )?;
    let iris: Vec<String> = rows(named).iter().filter_map(|row| cell(row, 0).map(|e| format!("<{e}>"))).collect();
    if iris.is_empty() {
        return Ok(Vec::new());
    }
    let candidates = summaries(store, &format!("VALUES ?e {{ {} }}", iris.join(" ")), 0)?;
    let mut out = Vec::new();
    for entity in candidates {
        let links = store.query(
            &format!(
                "SELECT ?key ?rule ?with ?score WHERE {{ GRAPH <{graph}> {{ <{}> <{HAS_LINK}> ?link . ?link <{LINKED_KEY}> ?key ; <{LINK_RULE}> ?rule ; <{MATCHED_WITH}> ?with ; <{LINK_SCORE}> ?score }} }} ORDER BY ?key",
                entity.id
            ),
            &[],
        )?;
        // Each local entity with its report's text: the mentions are offsets
        // into it (`ng:mentionSpans`), cut here with the sentence around each;
        // a report is shown by its first input.
        let locals = rows(store.query(
            &format!(
                "SELECT ?key ?report ?spans ?text ?label WHERE {{ ?local a <{LOCAL_ENTITY}> ; <{DENOTES}> <{}> ; <{LOCAL_KEY}> ?key ; <{RDFS_LABEL}> ?label ; <{MENTION_SPANS}> ?spans ; <{PROV_WAS_DERIVED_FROM}> ?report .
                   ?report <{TEXT}> ?text }}",
                entity.id
            ),
            &[],
        )?);
        let sources = crate::rdf::first_sources(store, locals.iter().filter_map(|row| cell(row, 1)))?;
        let mut located: Vec<(&str, &str, &[Option<Value>])> = locals
            .iter()
            .filter_map(|row| Some((cell(row, 0)?, sources.get(cell(row, 1)?)?.as_str(), row.as_slice())))
            .collect();
        located.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        // In key, source and text order.
        let mentions: Vec<KeyMention<'_>> = located
            .into_iter()
            .flat_map(|(key, source, row)| {
                let (spans, text, label) =
                    (cell(row, 2).unwrap_or(""), cell(row, 3).unwrap_or(""), cell(row, 4).unwrap_or(""));
                let sentences = crate::extract::text::split_sentences(text);
                crate::rdf::quads::mention_spans(spans)
                    .into_iter()
                    .filter(|span| !span.slice(text).is_empty())
                    .map(|span| {
                        let sentence = sentences.iter().find(|s| s.start <= span.start && span.end <= s.end);
                        let line = MentionLine {
                            source: source.to_owned(),
                            written: span.slice(text).to_owned(),
                            sentence: sentence.map(|s| s.slice(text).trim().to_owned()),
                        };
                        KeyMention { key, label, line }
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        // A key's name as its reports wrote it (the first, in key order).
        let label_of = |key: &str| mentions.iter().find(|m| m.key == key).map(|m| m.label);
        let keys = rows(links)
            .iter()
            .filter_map(|row| {
                let key = cell(row, 0)?.to_owned();
                let mentions = mentions.iter().filter(|m| m.key == key).map(|m| m.line.clone()).collect();
                let (rule, matched_with) = (cell(row, 1)?.to_owned(), cell(row, 2)?.to_owned());
                let basis = match (label_of(&key), label_of(&matched_with)) {
                    (Some(a), Some(b)) => crate::link::score_basis(&rule, a, b),
                    _ => None,
                };
                Some(MergedKey { score: cell(row, 3)?.parse().ok()?, basis, rule, matched_with, mentions, key })
            })
            .collect();
        out.push(Explanation { entity, keys });
    }
    Ok(out)
}
