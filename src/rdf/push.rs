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
use std::path::{Path, PathBuf};

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
    /// A folder (in the staging store) for copies of the shared graphs a push
    /// wrote, so that the next push sends only their difference; none: every
    /// changed graph is sent whole.
    pub snapshots: Option<PathBuf>,
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
    let snapshots = target.snapshots.as_deref().map(|root| Snapshots::new(root, remote.endpoint()));
    let uploaded = match upload(local, remote, target, snapshots.as_ref(), &changes) {
        Ok(uploaded) => uploaded,
        Err(error) => {
            // The live graphs are as they were; take away what was staged
            // (should that fail too, the next push does it).
            let _ = drop_staged(remote, target, &staged);
            return Err(error);
        }
    };
    summary.triples = uploaded.triples;

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
    // Copies for the next push's differences; one that cannot be written
    // costs only a whole upload next time.
    if let Some(snapshots) = &snapshots {
        for (graph, digest, lines) in &uploaded.snapshots {
            let _ = snapshots.write(graph, digest, lines);
        }
    }
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

/// Copies of the shared graphs (every graph but the reports': entities,
/// aggregates, sources...) as a push left them on one remote store, in a
/// folder of the staging store: one file of sorted N-Triples lines per graph,
/// named by the graph and its digest (a copy is used only while the ledger
/// holds that digest).
struct Snapshots {
    folder: PathBuf,
}

impl Snapshots {
    fn new(root: &Path, endpoint: &str) -> Snapshots {
        let hash = blake3::hash(endpoint.as_bytes()).to_hex();
        Snapshots { folder: root.join(&hash.as_str()[..16]) }
    }

    fn path(&self, graph: &str, digest: &str) -> PathBuf {
        let hash = blake3::hash(graph.as_bytes()).to_hex();
        self.folder.join(format!("{}-{digest}.nt", &hash.as_str()[..16]))
    }

    /// The graph's lines as the ledger's digest says the remote store has them.
    fn read(&self, graph: &str, digest: &str) -> Option<Vec<String>> {
        let text = std::fs::read_to_string(self.path(graph, digest)).ok()?;
        Some(text.lines().map(str::to_owned).collect())
    }

    /// Keeps `lines` as the graph's copy, and drops its older copies.
    fn write(&self, graph: &str, digest: &str, lines: &[String]) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.folder)?;
        let path = self.path(graph, digest);
        let mut text = lines.join("\n");
        text.push('\n');
        std::fs::write(&path, text)?;
        let prefix = format!("{}-", &blake3::hash(graph.as_bytes()).to_hex().as_str()[..16]);
        for entry in std::fs::read_dir(&self.folder)?.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(&prefix) && entry.path() != path {
                std::fs::remove_file(entry.path())?;
            }
        }
        Ok(())
    }
}

/// What an upload sent, and the copies to keep once the commit is through.
struct Uploaded {
    triples: usize,
    snapshots: Vec<(String, String, Vec<String>)>,
}

/// Uploads every change to its incoming graph: the whole graph, or, for a
/// shared graph whose copy the last push kept, the remote graph copied on the
/// server and then changed by the difference.
fn upload(
    local: &Store,
    remote: &Remote,
    target: &PushTarget,
    snapshots: Option<&Snapshots>,
    changes: &[Change],
) -> Result<Uploaded, StoreError> {
    let ledger = iri::push_ledger_graph();
    let mut uploaded = Uploaded { triples: 0, snapshots: Vec::new() };
    let mut request = Request::default();
    // The ledger names every incoming graph before any is written.
    for batch in changes.chunks(REQUEST_TRIPLES) {
        request.operation(format!(
            "INSERT DATA {{ GRAPH <{ledger}> {{\n{}}} }}",
            batch.iter().map(|c| format!("<{}> <{STAGED_FOR}> <{}> .\n", c.incoming(), c.graph)).collect::<String>()
        ));
        request.send(remote, &target.update_endpoint)?;
    }
    for change in changes {
        let incoming = change.incoming();
        let mut lines: Vec<String> = local.graph_triples(&change.graph)?.iter().map(ntriple).collect();
        lines.sort_unstable();
        let before = match (snapshots, &change.pushed) {
            (Some(snapshots), Some(digest)) => snapshots.read(&change.graph, digest),
            _ => None,
        };
        if let Some(before) = before {
            let (removed, added) = difference(&before, &lines);
            uploaded.triples += removed.len() + added.len();
            request.operation(format!(
                "DROP SILENT GRAPH <{incoming}> ;\nCOPY SILENT GRAPH <{}> TO GRAPH <{incoming}>",
                change.graph
            ));
            request.data(remote, &target.update_endpoint, "DELETE DATA", &incoming, &removed)?;
            request.data(remote, &target.update_endpoint, "INSERT DATA", &incoming, &added)?;
        } else {
            uploaded.triples += lines.len();
            match &target.graph_store {
                Some(store_url) => {
                    let mut body = lines.join(" .\n");
                    body.push_str(" .\n");
                    remote.put_graph(store_url, &incoming, body.into_bytes())?;
                }
                None => {
                    request.operation(format!("DROP SILENT GRAPH <{incoming}>"));
                    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
                    request.data(remote, &target.update_endpoint, "INSERT DATA", &incoming, &lines)?;
                }
            }
        }
        // A new report changes a few triples of each shared graph, so their
        // copies are kept; a report's graph is small and replaced whole.
        if snapshots.is_some() && iri::report_id(&change.graph).is_none() {
            uploaded.snapshots.push((change.graph.clone(), change.digest.clone(), lines));
        }
    }
    request.send(remote, &target.update_endpoint)?;
    Ok(uploaded)
}

/// The lines only in `before` (removed) and only in `after` (added), both sorted.
fn difference<'a>(before: &'a [String], after: &'a [String]) -> (Vec<&'a str>, Vec<&'a str>) {
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    let (mut a, mut b) = (before.iter().peekable(), after.iter().peekable());
    loop {
        match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x == y => {
                a.next();
                b.next();
            }
            (Some(x), Some(y)) if x < y => removed.extend(a.next().map(String::as_str)),
            (Some(_), Some(_)) | (None, Some(_)) => added.extend(b.next().map(String::as_str)),
            (Some(_), None) => removed.extend(a.next().map(String::as_str)),
            (None, None) => return (removed, added),
        }
    }
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

    /// `INSERT DATA` or `DELETE DATA` of N-Triples lines into `graph`, in
    /// as many requests as the size limit asks.
    fn data(&mut self, remote: &Remote, url: &str, verb: &str, graph: &str, lines: &[&str]) -> Result<(), StoreError> {
        for slice in lines.chunks(REQUEST_TRIPLES) {
            if self.triples + slice.len() > REQUEST_TRIPLES {
                self.send(remote, url)?;
            }
            let mut data = format!("{verb} {{ GRAPH <{graph}> {{\n");
            for line in slice {
                let _ = writeln!(data, "{line} .");
            }
            data.push_str("} }");
            self.operation(data);
            self.triples += slice.len();
        }
        Ok(())
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
    fn a_difference_of_sorted_lines_is_what_one_side_alone_has() {
        let lines = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect::<Vec<String>>();
        let (before, after) = (lines(&["a", "b", "d", "f"]), lines(&["b", "c", "d", "g", "h"]));
        assert_eq!(difference(&before, &after), (vec!["a", "f"], vec!["c", "g", "h"]));
        assert_eq!(difference(&before, &before), (vec![], vec![]));
        assert_eq!(difference(&[], &after).1.len(), 5);
    }

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
