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
    let graph = iri::entities_graph();
    // The type asked for is matched in the query (an index lookup), and the
    // aliases are read as plain pairs and joined here: a GROUP_CONCAT over
    // every entity cost most of `entities` on a large store.
    let only = kind.map_or_else(String::new, |k| format!("VALUES ?type {{ \"{}\" }}", k.as_str()));
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

/// Explains every entity whose label or alias is `name` (case-insensitive).
pub fn explain(store: &Store, name: &str) -> Result<Vec<Explanation>, StoreError> {
    let wanted = name.trim().to_lowercase();
    let candidates: Vec<EntitySummary> = list(store, None, 0)?
        .into_iter()
        .filter(|e| e.label.to_lowercase() == wanted || e.aliases.iter().any(|a| a.to_lowercase() == wanted))
        .collect();
    let graph = iri::entities_graph();
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
        let locals = store.query(
            &format!(
                "SELECT ?key ?source ?spans ?text ?label WHERE {{ ?local a <{LOCAL_ENTITY}> ; <{DENOTES}> <{}> ; <{LOCAL_KEY}> ?key ; <{RDFS_LABEL}> ?label ; <{MENTION_SPANS}> ?spans ; <{PROV_WAS_DERIVED_FROM}> ?report .
                   ?report <{TEXT}> ?text .
                   {{ SELECT ?report (MIN(?path) AS ?source) WHERE {{ ?input <{HOLDS}> ?report ; <{SOURCE_PATH}> ?path }} GROUP BY ?report }} }}
                 ORDER BY ?key ?source",
                entity.id
            ),
            &[],
        )?;
        // Rows of (key, source, written, sentence, label), in key, source and text order.
        let mentions: Vec<Vec<Option<String>>> = rows(locals)
            .iter()
            .flat_map(|row| {
                let text = cell(row, 3).unwrap_or("");
                let sentences = crate::extract::text::split_sentences(text);
                crate::rdf::quads::mention_spans(cell(row, 2).unwrap_or(""))
                    .into_iter()
                    .filter(|span| !span.slice(text).is_empty())
                    .map(|span| {
                        let sentence = sentences.iter().find(|s| s.start <= span.start && span.end <= s.end);
                        vec![
                            cell(row, 0).map(str::to_owned),
                            cell(row, 1).map(str::to_owned),
                            Some(span.slice(text).to_owned()),
                            sentence.map(|s| s.slice(text).trim().to_owned()),
                            cell(row, 4).map(str::to_owned),
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
