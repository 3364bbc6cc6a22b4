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
//! - every changed report graph, and a shared graph (entities, aggregates,
//!   sources...) the staging store has no copy of, is first uploaded whole to
//!   an incoming graph (SPARQL `INSERT DATA`, or a Graph Store Protocol `PUT`
//!   where the store has one), named in the ledger before its first triple is
//!   sent; the live graphs are untouched while the bulk of the data travels;
//! - a shared graph the staging store kept a copy of (as the last push left
//!   it, `Snapshots`) goes as its difference: a new report changes a few of
//!   its triples, and moving a whole graph of 300,000 triples costs an
//!   oxigraph server half a minute;
//! - then the commit moves each incoming graph in place (`MOVE`), drops the
//!   graphs of removed reports, removes and adds the shared graphs'
//!   differences and updates the ledger, in one request: whole or not at
//!   all on a store that runs an update request in one transaction
//!   (oxigraph, Virtuoso, Fuseki). A commit larger than one request takes
//!   ([`COMMIT_GRAPHS`] graphs, `dialect::request_triples` triples: a first
//!   push of a large collection, or any large push to Virtuoso) goes in
//!   several, report graphs first and the shared graphs last; a report graph
//!   is still replaced whole, a difference is removals and additions that a
//!   second try makes again harmlessly, and the ledger changes with the last
//!   part of each graph, so a push that fails part way says so and the next
//!   push finishes it;
//! - a failed upload, or a refused first commit request, takes away what was
//!   staged (else the next push does).
//!
//! Requests stay within what real stores take (see `dialect`): uploads and
//! commits go in requests of at most `dialect::request_triples`, and the ledger is
//! read in pages.

use super::dialect::{PAGE_ROWS, portable, request_triples};
use super::iri;
use super::read::ReadStore as _;
use super::remote::Remote;
use super::store::{Store, StoreError, owned_cell, storage};
use super::vocab::{ENTITY_TYPE, MENTIONED_IN, PUSHED_DIGEST, QUAD_COUNT, REPORT_COUNT, STAGED_FOR};
use oxigraph::model::{GraphNameRef, NamedNode};
use rayon::prelude::*;
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
#[derive(Clone)]
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
    // The server has answered by now: its name sets the request size.
    let budget = request_triples(remote.server());
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

    // Shared graphs whose copy the last push kept go as their difference,
    // applied in the commit; every other change is uploaded whole first.
    // A shared graph's lines are read once: for its difference or upload,
    // then kept as the next push's copy.
    let snapshots = target.snapshots.as_deref().map(|root| Snapshots::new(root, remote.endpoint()));
    let mut kept: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    let mut difference_steps_all = Vec::new();
    let mut differences = 0;
    let mut whole = Vec::new();
    for change in changes {
        if iri::report_id(&change.graph).is_some() || snapshots.is_none() {
            whole.push(change);
            continue;
        }
        let lines = local.graph_lines(&change.graph)?;
        let before = match (&snapshots, &change.pushed) {
            (Some(snapshots), Some(digest)) => snapshots.read(&change.graph, digest),
            _ => None,
        };
        match before {
            Some(before) => {
                let (removed, added) = difference(&before, &lines);
                summary.triples += removed.len() + added.len();
                difference_steps_all.extend(difference_steps(&change, &removed, &added, budget));
                differences += 1;
            }
            None => whole.push(change.clone()),
        }
        kept.insert(change.graph, (change.digest, lines));
    }

    let staged: BTreeMap<String, String> = whole.iter().map(|c| (c.incoming(), c.graph.clone())).collect();
    match upload(local, remote, target, &whole, &kept, budget) {
        Ok(triples) => summary.triples += triples,
        Err(error) => {
            // The live graphs are as they were; take away what was staged
            // (should that fail too, the next push does it).
            let _ = drop_staged(remote, target, &staged);
            return Err(error);
        }
    }

    // Report graphs first, then the removed reports, the shared graphs last:
    // a commit split over several requests never shows entities or
    // aggregates ahead of the reports they stand on.
    whole.sort_by_key(|c| (iri::report_id(&c.graph).is_none(), c.graph.clone()));
    let shared_from = whole.iter().position(|c| iri::report_id(&c.graph).is_none()).unwrap_or(whole.len());
    let mut steps: Vec<Step> = whole[..shared_from].iter().map(|c| Step::new(commit_operation(c))).collect();
    steps.extend(removed.iter().map(|(graph, digest)| Step::new(drop_operation(graph, digest))));
    steps.extend(whole[shared_from..].iter().map(|c| Step::new(commit_operation(c))));
    steps.extend(difference_steps_all);
    // The quad count `stats` reads, stated again at the end: a store that
    // forgets it on any write (narcograph's own `serve` does, so as never to
    // print a count a write made false) has it back, true, when the push is done.
    let (state, store) = (iri::state_graph(), iri::store_state());
    steps.push(Step::new(format!(
        "DELETE WHERE {{ GRAPH <{state}> {{ <{store}> <{QUAD_COUNT}> ?count }} }} ;\n\
         INSERT DATA {{ GRAPH <{state}> {{ <{store}> <{QUAD_COUNT}> {} }} }}",
        local.quad_count()?
    )));
    commit(remote, target, &pack(steps, budget), &staged)?;
    summary.written = whole.len() + differences;
    summary.removed = removed.len();
    // Copies for the next push's differences; one that cannot be written
    // costs only a whole upload next time.
    if let Some(snapshots) = &snapshots {
        for (graph, (digest, lines)) in &kept {
            let _ = snapshots.write(graph, digest, lines);
        }
    }
    Ok(summary)
}

/// Sends the commit requests in order. A refused first request leaves the
/// live graphs as they were, and what was staged is taken away; a later one
/// says how far the commit went (the next push finishes it).
fn commit(
    remote: &Remote,
    target: &PushTarget,
    requests: &[String],
    staged: &BTreeMap<String, String>,
) -> Result<(), StoreError> {
    for (done, request) in requests.iter().enumerate() {
        if let Err(error) = remote.update(&target.update_endpoint, request) {
            if done == 0 {
                let _ = drop_staged(remote, target, staged);
                return Err(error);
            }
            return Err(StoreError::Remote {
                endpoint: target.update_endpoint.clone(),
                message: format!(
                    "took {done} of the {} commit requests of this push, then failed; the next `load --endpoint` finishes the push: {error}",
                    requests.len()
                ),
            });
        }
    }
    Ok(())
}

/// One operation of a commit, with the triples it carries.
struct Step {
    text: String,
    triples: usize,
}

impl Step {
    fn new(text: String) -> Step {
        Step { text, triples: 0 }
    }
}

/// Steps into requests of at most [`COMMIT_GRAPHS`] steps and `budget`
/// triples (a step larger than that alone).
fn pack(steps: Vec<Step>, budget: usize) -> Vec<String> {
    let mut requests = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut triples = 0;
    for step in steps {
        if !current.is_empty() && (current.len() >= COMMIT_GRAPHS || triples + step.triples > budget) {
            requests.push(current.join(" ;\n"));
            current.clear();
            triples = 0;
        }
        triples += step.triples;
        current.push(step.text);
    }
    if !current.is_empty() {
        requests.push(current.join(" ;\n"));
    }
    requests
}

/// A shared graph's difference as commit steps on the live graph: its
/// removed and added triples in slices, the ledger's digest swapped with the
/// last. Removing and adding triples are idempotent, so a commit that fails
/// between two slices is finished by the next push from the same copy.
fn difference_steps(change: &Change, removed: &[&str], added: &[&str], budget: usize) -> Vec<Step> {
    let graph = &change.graph;
    let mut steps = data_steps("DELETE DATA", graph, removed, budget);
    steps.extend(data_steps("INSERT DATA", graph, added, budget));
    let ledger = iri::push_ledger_graph();
    let old = change.pushed.as_deref().map(literal).unwrap_or_default();
    steps.push(Step::new(format!(
        "DELETE DATA {{ GRAPH <{ledger}> {{ <{graph}> <{PUSHED_DIGEST}> {old} }} }} ;\n\
         INSERT DATA {{ GRAPH <{ledger}> {{ <{graph}> <{PUSHED_DIGEST}> {} }} }}",
        literal(&change.digest)
    )));
    steps
}

/// `INSERT DATA` or `DELETE DATA` of N-Triples lines (without their final
/// " .") in `graph`, in slices of at most `budget` triples.
fn data_steps(verb: &str, graph: &str, lines: &[&str], budget: usize) -> Vec<Step> {
    lines
        .chunks(budget.max(1))
        .map(|slice| {
            let body: String = slice.iter().map(|line| format!("{line} .\n")).collect();
            Step { text: format!("{verb} {{ GRAPH <{graph}> {{\n{body}}} }}"), triples: slice.len() }
        })
        .collect()
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

    /// A graph's copies are named `PREFIX-DIGEST.nt`.
    fn prefix(graph: &str) -> String {
        format!("{}-", &blake3::hash(graph.as_bytes()).to_hex().as_str()[..16])
    }

    fn path(&self, graph: &str, digest: &str) -> PathBuf {
        self.folder.join(format!("{}{digest}.nt", Snapshots::prefix(graph)))
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
        let prefix = Snapshots::prefix(graph);
        for entry in std::fs::read_dir(&self.folder)?.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(&prefix) && entry.path() != path {
                std::fs::remove_file(entry.path())?;
            }
        }
        Ok(())
    }
}

/// Uploads every change whole to its incoming graph; returns the triples sent.
/// Shared graphs' lines already read (`kept`) are not read again.
fn upload(
    local: &Store,
    remote: &Remote,
    target: &PushTarget,
    changes: &[Change],
    kept: &BTreeMap<String, (String, Vec<String>)>,
    budget: usize,
) -> Result<usize, StoreError> {
    let ledger = iri::push_ledger_graph();
    let mut sent = 0;
    let mut request = Request { budget, ..Request::default() };
    // The ledger names every incoming graph before any is written.
    for batch in changes.chunks(budget) {
        request.operation(format!(
            "INSERT DATA {{ GRAPH <{ledger}> {{\n{}}} }}",
            batch.iter().map(|c| format!("<{}> <{STAGED_FOR}> <{}> .\n", c.incoming(), c.graph)).collect::<String>()
        ));
        request.send(remote, &target.update_endpoint)?;
    }
    for change in changes {
        let incoming = change.incoming();
        let read;
        let lines = match kept.get(&change.graph) {
            Some((_, lines)) => lines,
            None => {
                read = local.graph_lines(&change.graph)?;
                &read
            }
        };
        sent += lines.len();
        match &target.graph_store {
            Some(store_url) => {
                let mut body = lines.join(" .\n");
                body.push_str(" .\n");
                remote.put_graph(store_url, &incoming, body.into_bytes())?;
            }
            None => {
                request.operation(format!("DROP SILENT GRAPH <{incoming}>"));
                let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
                for step in data_steps("INSERT DATA", &incoming, &lines, budget) {
                    request.step(remote, &target.update_endpoint, step)?;
                }
            }
        }
    }
    request.send(remote, &target.update_endpoint)?;
    Ok(sent)
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
    /// The most triples a request carries.
    budget: usize,
}

impl Request {
    fn operation(&mut self, operation: String) {
        self.operations.push(operation);
    }

    /// Adds a step, sending what is gathered first when the step would take
    /// the request past its triple budget.
    fn step(&mut self, remote: &Remote, url: &str, step: Step) -> Result<(), StoreError> {
        if self.triples + step.triples > self.budget {
            self.send(remote, url)?;
        }
        self.triples += step.triples;
        self.operation(step.text);
        Ok(())
    }

    fn send(&mut self, remote: &Remote, url: &str) -> Result<(), StoreError> {
        if !self.operations.is_empty() {
            remote.update(url, &self.operations.join(" ;\n"))?;
        }
        *self = Request { budget: self.budget, ..Request::default() };
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

/// A plain string literal in SPARQL (digests and IRIs: no quotes or escapes in them).
fn literal(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

impl Store {
    /// Each named graph's digest: a hash of its triples that does not depend
    /// on the order they are read in (the sum of the triples' hashes, with
    /// their count), so equal graphs have equal digests on any store. Graphs
    /// are digested in parallel.
    pub fn graph_digests(&self) -> Result<BTreeMap<String, String>, StoreError> {
        let graphs: Vec<NamedNode> = self
            .inner
            .named_graphs()
            .filter_map(|graph| match graph {
                Ok(oxigraph::model::NamedOrBlankNode::NamedNode(graph)) => Some(Ok(graph)),
                Ok(_) => None,
                Err(error) => Some(Err(storage("listing graphs")(error))),
            })
            .collect::<Result<_, _>>()?;
        graphs
            .par_iter()
            .map(|graph| Ok((graph.as_str().to_owned(), self.graph_digest(graph)?)))
            .collect::<Result<BTreeMap<_, _>, StoreError>>()
            .map(|digests| digests.into_iter().filter(|(_, digest)| !digest.is_empty()).collect())
    }

    /// One graph's digest (see [`Store::graph_digests`]); empty for a graph
    /// with no triple.
    fn graph_digest(&self, graph: &NamedNode) -> Result<String, StoreError> {
        let (mut sum, mut count) = ([0u64; 4], 0u64);
        let mut line = String::new();
        for quad in self.inner.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph.as_ref()))) {
            let quad = quad.map_err(storage("reading quads"))?;
            // A triple's N-Triples form, as `Triple::to_string` writes it.
            line.clear();
            let _ = write!(line, "{} {} {}", quad.subject, quad.predicate, quad.object);
            let hash = blake3::hash(line.as_bytes());
            for (part, bytes) in sum.iter_mut().zip(hash.as_bytes().chunks_exact(8)) {
                *part = part.wrapping_add(u64::from_le_bytes(bytes.try_into().unwrap_or_default()));
            }
            count += 1;
        }
        if count == 0 {
            return Ok(String::new());
        }
        let mut bytes = Vec::with_capacity(40);
        for part in sum {
            bytes.extend_from_slice(&part.to_le_bytes());
        }
        bytes.extend_from_slice(&count.to_le_bytes());
        Ok(blake3::hash(&bytes).to_hex().as_str()[..32].to_owned())
    }

    /// The triples of one named graph as sorted N-Triples lines (without the
    /// final " ."), their objects [`portable`].
    fn graph_lines(&self, graph: &str) -> Result<Vec<String>, StoreError> {
        let name = NamedNode::new_unchecked(graph);
        let mut lines = self
            .inner
            .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(name.as_ref())))
            .map(|quad| {
                let quad = quad.map_err(storage("reading a graph"))?;
                Ok(format!("{} {} {}", quad.subject, quad.predicate, portable(&quad.object)))
            })
            .collect::<Result<Vec<String>, StoreError>>()?;
        lines.sort_unstable();
        Ok(lines)
    }
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
    fn a_commit_is_packed_into_requests_within_the_triple_budget() {
        let step = |triples: usize| Step { text: format!("step {triples}"), triples };
        let requests = pack(vec![step(0), step(600), step(500), step(0), step(2_000), step(1)], 1_000);
        assert_eq!(requests, vec!["step 0 ;\nstep 600", "step 500 ;\nstep 0", "step 2000", "step 1"]);
        // Moves carry no triples: only the graph count splits them.
        assert_eq!(pack((0..2 * COMMIT_GRAPHS).map(|_| step(0)).collect(), 1_000).len(), 2);
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
