//! `load --endpoint`: bringing a remote store to the named graphs of the
//! local one, which is the staging store (reports are read, extracted,
//! linked and aggregated there, as for any load).
//!
//! The remote store keeps a ledger (`iri::push_ledger_graph`): for each graph
//! a push wrote, the digest of its triples. A push digests every local graph
//! and sends only those whose digest differs, so re-loading the same reports
//! sends nothing, and a staging store rebuilt from the same reports finds the
//! remote store already in step (IRIs and graphs are deterministic).
//!
//! Nothing is half-written:
//! - every changed graph is first uploaded to an incoming graph (SPARQL
//!   `INSERT DATA`, or a Graph Store Protocol `PUT` where the store has one),
//!   named in the ledger before its first triple is sent; the live graphs
//!   are untouched while the bulk of the data travels;
//! - then a commit request moves each incoming graph in place (`MOVE`),
//!   drops the graphs of removed reports and updates the ledger in the same
//!   request: whole or not at all on a store that runs an update request in
//!   one transaction (oxigraph, Virtuoso, Fuseki). A commit of more than
//!   [`COMMIT_GRAPHS`] graphs (a first push of a large collection) is sent in
//!   several requests, report graphs first and the shared graphs (entities,
//!   aggregates, sources) in the last; each graph is still replaced whole,
//!   and a push that fails part way says so, and the next push finishes it;
//! - a failed upload drops what it staged (else the next push does).
//!
//! Requests stay within what real stores take (see `dialect`): uploads go in
//! requests of at most `dialect::REQUEST_TRIPLES` triples, and the ledger is
//! read in pages.

use super::dialect::{PAGE_ROWS, REQUEST_TRIPLES, portable};
use super::iri;
use super::remote::Remote;
use super::store::{Store, StoreError, owned_cell, storage};
use super::vocab::{ENTITY_TYPE, MENTIONED_IN, PUSHED_DIGEST, QUAD_COUNT, REPORT_COUNT, STAGED_FOR};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Triple};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The most graphs one commit request moves or drops.
pub const COMMIT_GRAPHS: usize = 200;

/// Where a push writes.
#[derive(Clone, Debug)]
pub struct PushTarget {
    /// The SPARQL update endpoint (for narcograph's `serve` and Virtuoso, the
    /// query endpoint itself).
    pub update_endpoint: String,
    /// A Graph Store Protocol endpoint to upload graphs with `PUT`, when the
    /// store has one; else graphs go as `INSERT DATA`.
    pub graph_store: Option<String>,
}

/// What a push did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PushSummary {
    /// Graphs written (new or changed).
    pub written: usize,
    /// Graphs dropped (no longer in the local store).
    pub removed: usize,
    /// Graphs already as the local store has them.
    pub unchanged: usize,
    /// Triples sent.
    pub triples: usize,
}

/// A graph to write: its IRI, the local digest, and the digest the ledger holds.
struct Change {
    graph: String,
    digest: String,
    pushed: Option<String>,
}

impl Change {
    fn incoming(&self) -> String {
        iri::incoming_graph(&self.graph, &self.digest)
    }
}

/// Brings the remote store to the named graphs of `local` (see the module
/// documentation). Graphs on the remote store that no push wrote are left alone.
pub fn push(local: &Store, remote: &Remote, target: &PushTarget) -> Result<PushSummary, StoreError> {
    let digests = local.graph_digests()?;
    let pushed = ledger(remote, PUSHED_DIGEST)?;
    // Incoming graphs a failed push left: dropped before anything else.
    drop_staged(remote, target, &ledger(remote, STAGED_FOR)?)?;

    let mut summary = PushSummary::default();
    let mut changes = Vec::new();
    for (graph, digest) in &digests {
        let before = pushed.get(graph);
        if before == Some(digest) {
            summary.unchanged += 1;
        } else {
            changes.push(Change { graph: graph.clone(), digest: digest.clone(), pushed: before.cloned() });
        }
    }
    let removed: Vec<(&String, &String)> = pushed.iter().filter(|(graph, _)| !digests.contains_key(*graph)).collect();
    if changes.is_empty() && removed.is_empty() {
        return Ok(summary);
    }

    let staged: BTreeMap<String, String> = changes.iter().map(|c| (c.incoming(), c.graph.clone())).collect();
    match upload(local, remote, target, &changes) {
        Ok(triples) => summary.triples = triples,
        Err(error) => {
            // The live graphs are as they were; take away what was staged
            // (should that fail too, the next push does it).
            let _ = drop_staged(remote, target, &staged);
            return Err(error);
        }
    }

    // Report graphs first, the shared graphs last: a commit split over
    // several requests never shows entities or aggregates ahead of the
    // reports they stand on.
    changes.sort_by_key(|c| (iri::report_id(&c.graph).is_none(), c.graph.clone()));
    let mut operations: Vec<String> = changes.iter().map(commit_operation).collect();
    // Removed graphs go before the shared graphs, with the other report graphs.
    let shared_from = changes.iter().position(|c| iri::report_id(&c.graph).is_none()).unwrap_or(changes.len());
    let drops: Vec<String> = removed.iter().map(|(graph, digest)| drop_operation(graph, digest)).collect();
    operations.splice(shared_from..shared_from, drops);
    // The quad count `stats` reads, stated again at the end: a store that
    // forgets it on any write (narcograph's own `serve` does, so as never to
    // print a count a write made false) has it back, true, when the push is done.
    let (state, store) = (iri::state_graph(), iri::store_state());
    operations.push(format!(
        "DELETE WHERE {{ GRAPH <{state}> {{ <{store}> <{QUAD_COUNT}> ?count }} }} ;\n\
         INSERT DATA {{ GRAPH <{state}> {{ <{store}> <{QUAD_COUNT}> {} }} }}",
        local.quad_count()?
    ));
    let requests: Vec<&[String]> = operations.chunks(COMMIT_GRAPHS).collect();
    for (done, request) in requests.iter().enumerate() {
        if let Err(error) = remote.update(&target.update_endpoint, &request.join(" ;\n")) {
            if done == 0 {
                let _ = drop_staged(remote, target, &staged);
                return Err(error);
            }
            return Err(StoreError::Remote {
                endpoint: target.update_endpoint.clone(),
                message: format!(
                    "took {done} of the {} commit requests of this push, then failed; every graph is whole, and the next `load --endpoint` finishes the push: {error}",
                    requests.len()
                ),
            });
        }
    }
    summary.written = changes.len();
    summary.removed = removed.len();
    Ok(summary)
}

/// Counts again, on the remote store, each entity's `ng:reportCount` from
/// the statements that it is mentioned in a report (as `load` counts them):
/// the tally a store bulk-loaded from shards (`extract --format nquads`)
/// lacks. Returns the entities counted.
pub fn recount(remote: &Remote, update_endpoint: &str) -> Result<usize, StoreError> {
    let entities = iri::entities_graph();
    remote.update(
        update_endpoint,
        &format!(
            "DELETE {{ GRAPH <{entities}> {{ ?e <{REPORT_COUNT}> ?old }} }} WHERE {{ GRAPH <{entities}> {{ ?e <{REPORT_COUNT}> ?old }} }} ;\n\
             INSERT {{ GRAPH <{entities}> {{ ?e <{REPORT_COUNT}> ?count }} }} WHERE {{
               GRAPH <{entities}> {{ ?e <{ENTITY_TYPE}> ?type }}
               OPTIONAL {{ SELECT ?e (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?e <{MENTIONED_IN}> ?report }} }} GROUP BY ?e }}
               BIND(COALESCE(?n, 0) AS ?count) }}"
        ),
    )?;
    let answer = remote.query(
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{entities}> {{ ?e <{REPORT_COUNT}> ?count }} }}"),
        &[],
    )?;
    Ok(answer.first_number().unwrap_or(0))
}

/// Uploads every change to its incoming graph; returns the triples sent.
fn upload(local: &Store, remote: &Remote, target: &PushTarget, changes: &[Change]) -> Result<usize, StoreError> {
    let ledger = iri::push_ledger_graph();
    let mut sent = 0;
    match &target.graph_store {
        Some(store_url) => {
            // The ledger names every incoming graph before any is written.
            for batch in changes.chunks(REQUEST_TRIPLES) {
                let mut update = format!("INSERT DATA {{ GRAPH <{ledger}> {{\n");
                for change in batch {
                    let _ = writeln!(update, "<{}> <{STAGED_FOR}> <{}> .", change.incoming(), change.graph);
                }
                update.push_str("} }");
                remote.update(&target.update_endpoint, &update)?;
            }
            for change in changes {
                let triples = local.graph_triples(&change.graph)?;
                sent += triples.len();
                let mut body = String::new();
                for triple in &triples {
                    let _ = writeln!(body, "{} .", ntriple(triple));
                }
                remote.put_graph(store_url, &change.incoming(), body.into_bytes())?;
            }
        }
        None => {
            let mut request = Request::default();
            for change in changes {
                let incoming = change.incoming();
                request.operation(format!(
                    "DROP SILENT GRAPH <{incoming}> ;\nINSERT DATA {{ GRAPH <{ledger}> {{ <{incoming}> <{STAGED_FOR}> <{}> }} }}",
                    change.graph
                ));
                let triples = local.graph_triples(&change.graph)?;
                sent += triples.len();
                for slice in triples.chunks(REQUEST_TRIPLES) {
                    if request.triples + slice.len() > REQUEST_TRIPLES {
                        request.send(remote, &target.update_endpoint)?;
                    }
                    let mut data = format!("INSERT DATA {{ GRAPH <{incoming}> {{\n");
                    for triple in slice {
                        let _ = writeln!(data, "{} .", ntriple(triple));
                    }
                    data.push_str("} }");
                    request.operation(data);
                    request.triples += slice.len();
                }
            }
            request.send(remote, &target.update_endpoint)?;
        }
    }
    Ok(sent)
}

/// Update operations gathered into one request.
#[derive(Default)]
struct Request {
    operations: Vec<String>,
    triples: usize,
}

impl Request {
    fn operation(&mut self, operation: String) {
        self.operations.push(operation);
    }

    fn send(&mut self, remote: &Remote, url: &str) -> Result<(), StoreError> {
        if !self.operations.is_empty() {
            remote.update(url, &self.operations.join(" ;\n"))?;
        }
        *self = Request::default();
        Ok(())
    }
}

/// Moves a change's incoming graph in place and records its digest.
fn commit_operation(change: &Change) -> String {
    let (ledger, incoming, graph) = (iri::push_ledger_graph(), change.incoming(), &change.graph);
    let old =
        change.pushed.as_ref().map(|d| format!(" <{graph}> <{PUSHED_DIGEST}> {} .", literal(d))).unwrap_or_default();
    format!(
        "MOVE SILENT GRAPH <{incoming}> TO GRAPH <{graph}> ;\n\
         DELETE DATA {{ GRAPH <{ledger}> {{ <{incoming}> <{STAGED_FOR}> <{graph}> .{old} }} }} ;\n\
         INSERT DATA {{ GRAPH <{ledger}> {{ <{graph}> <{PUSHED_DIGEST}> {} }} }}",
        literal(&change.digest)
    )
}

/// Drops a graph the local store no longer has, and its ledger entry.
fn drop_operation(graph: &str, digest: &str) -> String {
    format!(
        "DROP SILENT GRAPH <{graph}> ;\nDELETE DATA {{ GRAPH <{}> {{ <{graph}> <{PUSHED_DIGEST}> {} }} }}",
        iri::push_ledger_graph(),
        literal(digest)
    )
}

/// Drops incoming graphs (IRI to the graph each was staged for) and their ledger entries.
fn drop_staged(remote: &Remote, target: &PushTarget, staged: &BTreeMap<String, String>) -> Result<(), StoreError> {
    let ledger = iri::push_ledger_graph();
    let operations: Vec<String> = staged
        .iter()
        .map(|(incoming, graph)| {
            format!(
                "DROP SILENT GRAPH <{incoming}> ;\nDELETE DATA {{ GRAPH <{ledger}> {{ <{incoming}> <{STAGED_FOR}> <{graph}> }} }}"
            )
        })
        .collect();
    for request in operations.chunks(COMMIT_GRAPHS) {
        remote.update(&target.update_endpoint, &request.join(" ;\n"))?;
    }
    Ok(())
}

/// The ledger's statements with `predicate`: subject IRI to object value.
/// Read in pages ordered by subject, each after the last subject seen.
fn ledger(remote: &Remote, predicate: &str) -> Result<BTreeMap<String, String>, StoreError> {
    let mut out = BTreeMap::new();
    let mut after = String::new();
    loop {
        let answer = remote.query(
            &format!(
                "SELECT ?g ?v WHERE {{ GRAPH <{}> {{ ?g <{predicate}> ?v }} FILTER(STR(?g) > {}) }} ORDER BY ?g LIMIT {PAGE_ROWS}",
                iri::push_ledger_graph(),
                literal(&after)
            ),
            &[],
        )?;
        let rows = answer.rows();
        for row in rows {
            if let (Some(graph), Some(value)) = (owned_cell(row, 0), owned_cell(row, 1)) {
                after.clone_from(&graph);
                out.insert(graph, value);
            }
        }
        if rows.len() < PAGE_ROWS {
            return Ok(out);
        }
    }
}

/// A triple in N-Triples (also SPARQL's form of a triple), its object made
/// portable (see `results::portable`).
fn ntriple(triple: &Triple) -> String {
    format!("{} {} {}", triple.subject, triple.predicate, portable(&triple.object))
}

/// A plain string literal in SPARQL (digests and IRIs: no quotes or escapes in them).
fn literal(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

impl Store {
    /// Each named graph's digest: a hash of its triples that does not depend
    /// on the order they are read in (the sum of the triples' hashes, with
    /// their count), so equal graphs have equal digests on any store.
    pub fn graph_digests(&self) -> Result<BTreeMap<String, String>, StoreError> {
        let mut sums: BTreeMap<String, ([u64; 4], u64)> = BTreeMap::new();
        let mut last: Option<(String, [u64; 4], u64)> = None;
        for quad in self.inner.iter() {
            let quad = quad.map_err(storage("reading quads"))?;
            let GraphName::NamedNode(graph) = &quad.graph_name else { continue };
            let hash = blake3::hash(Triple::from(quad.clone()).to_string().as_bytes());
            // Quads come graph by graph: keep the running sum of the current one.
            if last.as_ref().is_none_or(|(name, ..)| name != graph.as_str()) {
                if let Some((name, sum, count)) = last.take() {
                    add_into(sums.entry(name).or_default(), &sum, count);
                }
                last = Some((graph.as_str().to_owned(), [0; 4], 0));
            }
            if let Some((_, sum, count)) = last.as_mut() {
                for (part, bytes) in sum.iter_mut().zip(hash.as_bytes().chunks_exact(8)) {
                    *part = part.wrapping_add(u64::from_le_bytes(bytes.try_into().unwrap_or_default()));
                }
                *count += 1;
            }
        }
        if let Some((name, sum, count)) = last {
            add_into(sums.entry(name).or_default(), &sum, count);
        }
        Ok(sums
            .into_iter()
            .map(|(graph, (sum, count))| {
                let mut bytes = Vec::with_capacity(40);
                for part in sum {
                    bytes.extend_from_slice(&part.to_le_bytes());
                }
                bytes.extend_from_slice(&count.to_le_bytes());
                (graph, blake3::hash(&bytes).to_hex().as_str()[..32].to_owned())
            })
            .collect())
    }

    /// The triples of one named graph.
    pub fn graph_triples(&self, graph: &str) -> Result<Vec<Triple>, StoreError> {
        let name = NamedNode::new_unchecked(graph);
        self.inner
            .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(name.as_ref())))
            .map(|quad| quad.map(Triple::from).map_err(storage("reading a graph")))
            .collect()
    }
}

fn add_into(total: &mut ([u64; 4], u64), sum: &[u64; 4], count: u64) {
    for (part, add) in total.0.iter_mut().zip(sum) {
        *part = part.wrapping_add(*add);
    }
    total.1 += count;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_keeps_quotes_and_backslashes_inside() {
        assert_eq!(literal(r#"a"b\c"#), r#""a\"b\\c""#);
    }

    #[test]
    fn a_commit_moves_the_incoming_graph_and_swaps_the_digest() {
        let change =
            Change { graph: "https://e.org/g".to_owned(), digest: "new".to_owned(), pushed: Some("old".to_owned()) };
        let text = commit_operation(&change);
        let parsed = super::super::bind::parser().parse_update(&text);
        assert!(parsed.is_ok(), "{text}: {parsed:?}");
        assert!(text.contains(&format!("MOVE SILENT GRAPH <{}> TO GRAPH <https://e.org/g>", change.incoming())));
        assert!(text.contains("\"old\"") && text.contains("\"new\""));
        let first = Change { pushed: None, ..change };
        assert!(!commit_operation(&first).contains("\"old\""));
        assert!(super::super::bind::parser().parse_update(&drop_operation("https://e.org/g", "d")).is_ok());
    }
}
