//! Reading linked entities back from the store: the `entities` listing and
//! the explanation of how one entity was linked.

use crate::model::EntityKind;
use crate::rdf::vocab::*;
use crate::rdf::{QueryAnswer, Store, StoreError, Value, iri};

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

fn text_cell(row: &[Option<String>], index: usize) -> Option<&str> {
    row.get(index).and_then(Option::as_deref)
}

fn rows(answer: QueryAnswer) -> Vec<Vec<Option<Value>>> {
    match answer {
        QueryAnswer::Solutions { rows, .. } => rows,
        _ => Vec::new(),
    }
}

/// Linked entities, most reported first, optionally of one type and named in
/// at least `min_reports` reports.
pub fn list(store: &Store, kind: Option<EntityKind>, min_reports: usize) -> Result<Vec<EntitySummary>, StoreError> {
    // The type asked for is matched in the query (an index lookup).
    let only = kind.map_or_else(String::new, |k| format!("VALUES ?type {{ \"{}\" }}", k.as_str()));
    summaries(store, &only, min_reports)
}

/// The entities a SPARQL clause `only` keeps (none: all), named in at least
/// `min_reports` reports, most reported first. Aliases are read as plain
/// pairs and joined here: a GROUP_CONCAT over every entity cost most of
/// `entities` on a large store.
fn summaries(store: &Store, only: &str, min_reports: usize) -> Result<Vec<EntitySummary>, StoreError> {
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

/// One local entity of an explained entity, in one report.
struct Located {
    /// The first input holding the report.
    source: String,
    /// Its `ng:mentionSpans`.
    spans: String,
    /// The report's text.
    text: String,
    /// Its label in that report.
    label: String,
}

/// Explains every entity whose label or alias is `name` (case-insensitive).
pub fn explain(store: &Store, name: &str) -> Result<Vec<Explanation>, StoreError> {
    let graph = iri::entities_graph();
    // The entities so named first (one pass over the names), then only their
    // summaries, not every entity's.
    let named = store.query(
        &format!(
            "SELECT DISTINCT ?e ?name WHERE {{ GRAPH <{graph}> {{ {{ ?e <{RDFS_LABEL}> ?n }} UNION {{ ?e <{SKOS_ALT_LABEL}> ?n }} }}
               FILTER(LCASE(STR(?n)) = LCASE(STR(?name))) }}"
        ),
        &[crate::rdf::Binding::parse("name", name.trim())],
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
        // into it (`ng:mentionSpans`), cut here with the sentence around each.
        // Each local entity with its report's text and the inputs holding it;
        // the first input is chosen here (a MIN(?path) group in the query
        // grouped every report of the store). The mentions are offsets into
        // the text (`ng:mentionSpans`), cut here with the sentence around each.
        let locals = store.query(
            &format!(
                "SELECT ?key ?report ?path ?spans ?text ?label WHERE {{ ?local a <{LOCAL_ENTITY}> ; <{DENOTES}> <{}> ; <{LOCAL_KEY}> ?key ; <{RDFS_LABEL}> ?label ; <{MENTION_SPANS}> ?spans ; <{PROV_WAS_DERIVED_FROM}> ?report .
                   ?report <{TEXT}> ?text . ?input <{HOLDS}> ?report ; <{SOURCE_PATH}> ?path }}",
                entity.id
            ),
            &[],
        )?;
        let mut by_report: std::collections::BTreeMap<(String, String), Located> = std::collections::BTreeMap::new();
        for row in rows(locals) {
            let (Some(key), Some(report), Some(path), Some(spans), Some(text), Some(label)) =
                (cell(&row, 0), cell(&row, 1), cell(&row, 2), cell(&row, 3), cell(&row, 4), cell(&row, 5))
            else {
                continue;
            };
            let entry = by_report.entry((key.to_owned(), report.to_owned())).or_insert_with(|| Located {
                source: path.to_owned(),
                spans: spans.to_owned(),
                text: text.to_owned(),
                label: label.to_owned(),
            });
            if path < entry.source.as_str() {
                entry.source = path.to_owned();
            }
        }
        let mut located: Vec<(&String, &Located)> = by_report.iter().map(|((key, _), value)| (key, value)).collect();
        located.sort_by(|a, b| a.0.cmp(b.0).then(a.1.source.cmp(&b.1.source)));
        // Rows of (key, source, written, sentence, label), in key, source and text order.
        let mentions: Vec<Vec<Option<String>>> = located
            .into_iter()
            .flat_map(|(key, Located { source, spans, text, label })| {
                let sentences = crate::extract::text::split_sentences(text);
                crate::rdf::quads::mention_spans(spans)
                    .into_iter()
                    .filter(|span| !span.slice(text).is_empty())
                    .map(|span| {
                        let sentence = sentences.iter().find(|s| s.start <= span.start && span.end <= s.end);
                        vec![
                            Some(key.clone()),
                            Some(source.clone()),
                            Some(span.slice(text).to_owned()),
                            sentence.map(|s| s.slice(text).trim().to_owned()),
                            Some(label.clone()),
                        ]
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let mention_rows = mentions;
        // A key's name as its reports wrote it (the first, in key order).
        let label_of =
            |key: &str| mention_rows.iter().find(|m| text_cell(m, 0) == Some(key)).and_then(|m| text_cell(m, 4));
        let keys = rows(links)
            .iter()
            .filter_map(|row| {
                let key = cell(row, 0)?.to_owned();
                let mentions = mention_rows
                    .iter()
                    .filter(|m| text_cell(m, 0) == Some(key.as_str()))
                    .filter_map(|m| {
                        Some(MentionLine {
                            source: text_cell(m, 1)?.to_owned(),
                            written: text_cell(m, 2)?.to_owned(),
                            sentence: text_cell(m, 3).map(str::to_owned),
                        })
                    })
                    .collect();
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
