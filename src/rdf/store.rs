//! The embedded store: an oxigraph database on disk (RocksDB).
//!
//! Writes happen in atomic steps that hold whole reports, so a crash leaves
//! each report complete or absent. Reads return narcograph's own types
//! ([`QueryAnswer`], [`Value`]) so that no other layer sees oxigraph.
//!
//! A store is opened by one writer or by any number of readers, never both
//! (see `lock.rs`). Which inputs hold which report is kept in the sources
//! graph: a report's graph lives as long as one source holds its text.

use super::iri;
use super::lock::{StoreLock, WRITER_WAIT};
use super::results::{Binding, GraphFormat, QueryAnswer, Value, prefixed};
use super::vocab::*;
use crate::link::LocalEntity;
use crate::model::{EntityKey, EntityKind, Report, ReportId, ReportMetadata};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphNameRef, Literal, NamedNode, Quad, Term};
use oxigraph::sparql::{
    CancellationToken, PreparedSparqlQuery, QueryEvaluationError, QueryResults, QuerySolutionIter, QueryTripleIter,
    SparqlEvaluator,
};
use oxigraph::store::{StorageError, Store as Oxigraph};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// The ontology, embedded so the store always carries the version the code writes.
pub const ONTOLOGY_TTL: &str = include_str!("../../ontology/narcograph.ttl");

/// What can go wrong with the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Another process is writing the store.
    #[error(
        "the store at {path} is in use by another writer (a load); wait for it to finish or choose another --store"
    )]
    Locked {
        /// Store directory.
        path: PathBuf,
    },
    /// A reader was refused because a load is writing the store.
    #[error("the store at {path} is being written by another process (a load); run the command again when it finishes")]
    BeingWritten {
        /// Store directory.
        path: PathBuf,
    },
    /// A writer waited too long for readers to finish.
    #[error(
        "the store at {path} is being read by other processes (still after {waited:?}); try again when they finish"
    )]
    BeingRead {
        /// Store directory.
        path: PathBuf,
        /// How long the writer waited.
        waited: Duration,
    },
    /// The store could not be opened.
    #[error("cannot open the store at {path}: {message}")]
    Open {
        /// Store directory.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// A read or write failed.
    #[error("store error while {action}: {message}")]
    Storage {
        /// What was being done.
        action: &'static str,
        /// Why it failed.
        message: String,
    },
    /// A SPARQL query did not parse; the message gives the position.
    #[error("invalid SPARQL query: {message}")]
    Syntax {
        /// The parser's message, with line and column.
        message: String,
    },
    /// An update (INSERT, DELETE, LOAD, CLEAR...) was given where only queries run.
    #[error(
        "SPARQL updates are not allowed here: the store is changed only by `narcograph load`, so its content stays a function of the reports"
    )]
    UpdateNotAllowed,
    /// A query ran longer than its time limit.
    #[error("the query was stopped after {seconds} s (its time limit); narrow it, add LIMIT, or raise --timeout")]
    Timeout {
        /// The limit, in seconds.
        seconds: f64,
    },
    /// A SPARQL query failed while running.
    #[error("SPARQL query failed: {message}")]
    Evaluation {
        /// Why.
        message: String,
    },
    /// A parameter name is not a valid SPARQL variable name.
    #[error("invalid parameter name {name:?}: {message}")]
    Parameter {
        /// The name.
        name: String,
        /// Why.
        message: String,
    },
    /// Data sent to the store (a graph for the Graph Store Protocol) did not parse.
    #[error("invalid RDF data: {message}")]
    Data {
        /// The parser's message, with the position.
        message: String,
    },
    /// A media type the store cannot read or write.
    #[error(
        "unsupported RDF media type {media_type:?} (use text/turtle, application/n-triples, application/n-quads or application/trig)"
    )]
    MediaType {
        /// The media type given.
        media_type: String,
    },
    /// A graph name that is not an absolute IRI.
    #[error("invalid graph IRI {iri:?}: {message}")]
    GraphName {
        /// The name given.
        iri: String,
        /// Why it is not an IRI.
        message: String,
    },
    /// A SPARQL update failed while running.
    #[error("SPARQL update failed: {message}")]
    Update {
        /// Why.
        message: String,
    },
    /// A remote SPARQL endpoint could not be reached or answered an error.
    #[error("the SPARQL endpoint {endpoint} {message}")]
    Remote {
        /// The endpoint's URL.
        endpoint: String,
        /// What happened ("cannot be reached: ...", "answered 500: ...").
        message: String,
    },
    /// Writing results failed.
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    /// The embedded ontology did not parse.
    #[error("the embedded ontology is invalid: {message}")]
    Ontology {
        /// The parser's message.
        message: String,
    },
}

pub(super) fn storage(action: &'static str) -> impl Fn(StorageError) -> StoreError {
    move |error| StoreError::Storage { action, message: error.to_string() }
}

/// A report to write.
pub struct ReportWrite {
    /// The report's id.
    pub id: ReportId,
    /// The report's quads.
    pub quads: Vec<Quad>,
    /// Load time, RFC 3339.
    pub ingested_at: String,
}

/// An input that now holds a report: its key (the JSON id, or the path) and
/// the path it was read from. A key holds one report at a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceWrite {
    /// What identifies the input across versions.
    pub key: String,
    /// The path (with `#N` inside JSON files) it was read from.
    pub path: String,
    /// The report whose text it holds.
    pub report: ReportId,
}

/// Bounds on one query.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct QueryOptions {
    /// Stop the query after this long.
    pub timeout: Option<Duration>,
    /// Stop after this many rows (or triples).
    pub limit: Option<usize>,
}

/// A report's stored story signature (see [`Store::story_signatures`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredSignature {
    /// Report IRI.
    pub report: String,
    /// The signature as stored (hex), if any.
    pub signature: Option<String>,
    /// Publication date.
    pub date: Option<String>,
}

/// A local entity as stored, with the report it belongs to and the canonical IRI it denotes.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredLocal {
    /// The report.
    pub report: ReportId,
    /// What the report says about the entity.
    pub entity: LocalEntity,
    /// The canonical entity it is linked to now.
    pub denotes: String,
}

/// Counts for `stats`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoreStats {
    /// Reports loaded.
    pub reports: usize,
    /// Linked entities per type name.
    pub entities: BTreeMap<String, usize>,
    /// Facts (routes, seizures, arrests, cooperations).
    pub facts: usize,
    /// Routes.
    pub routes: usize,
    /// Seizures.
    pub seizures: usize,
    /// Arrests.
    pub arrests: usize,
    /// Quads in the store.
    pub quads: usize,
}

/// A narcograph store.
pub struct Store {
    // Declared before the lock: the database closes before the lock is released.
    pub(super) inner: Oxigraph,
    _lock: Option<StoreLock>,
    orphans_removed: usize,
}

impl Store {
    /// Opens (or creates) the on-disk store at `path` for writing.
    ///
    /// Refused while another writer has it; waits (up to 30 s) for readers to
    /// finish. Files a killed bulk load left behind are removed first.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(path)
            .map_err(|error| StoreError::Open { path: path.to_path_buf(), message: error.to_string() })?;
        let lock = StoreLock::writer(path, WRITER_WAIT)?;
        let orphans_removed = remove_orphan_bulk_files(path)?;
        let inner = Oxigraph::open(path).map_err(|error| {
            let message = error.to_string();
            if message.contains("lock") || message.contains("LOCK") {
                StoreError::Locked { path: path.to_path_buf() }
            } else {
                StoreError::Open { path: path.to_path_buf(), message }
            }
        })?;
        Ok(Store { inner, _lock: Some(lock), orphans_removed })
    }

    /// Opens the on-disk store read-only. Several readers may share it; while
    /// a load writes it, readers are refused ([`StoreError::BeingWritten`]).
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.join("CURRENT").exists() {
            return Err(StoreError::Open {
                path: path.to_path_buf(),
                message: "no store here yet; run `narcograph load` first".to_owned(),
            });
        }
        let lock = StoreLock::reader(path)?;
        let inner = Oxigraph::open_read_only(path)
            .map_err(|error| StoreError::Open { path: path.to_path_buf(), message: error.to_string() })?;
        Ok(Store { inner, _lock: Some(lock), orphans_removed: 0 })
    }

    /// A store in memory (for tests and one-off work).
    pub fn in_memory() -> Result<Store, StoreError> {
        Ok(Store {
            inner: Oxigraph::new().map_err(storage("creating an in-memory store"))?,
            _lock: None,
            orphans_removed: 0,
        })
    }

    /// Files of an interrupted bulk load removed when the store was opened.
    pub fn orphans_removed(&self) -> usize {
        self.orphans_removed
    }

    /// Loads the ontology into its graph, replacing an older version.
    pub fn ensure_ontology(&self) -> Result<(), StoreError> {
        let graph = iri::ontology_graph();
        let graph_node = NamedNode::new_unchecked(graph);
        let mut quads = Vec::new();
        for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(ONTOLOGY_TTL.as_bytes()) {
            let quad = quad.map_err(|error| StoreError::Ontology { message: error.to_string() })?;
            quads.push(Quad::new(quad.subject, quad.predicate, quad.object, graph_node.clone()));
        }
        let current =
            self.inner.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph_node.as_ref()))).count();
        if current == quads.len() && quads.iter().all(|q| self.inner.contains(q).unwrap_or(false)) {
            return Ok(());
        }
        self.forget_quad_count()?;
        let mut transaction = self.inner.start_transaction().map_err(storage("loading the ontology"))?;
        transaction.remove_named_graph(graph_node.as_ref()).map_err(storage("loading the ontology"))?;
        for quad in &quads {
            transaction.insert(quad);
        }
        transaction.commit().map_err(storage("loading the ontology"))
    }

    /// Which report each input holds: source key -> report id.
    pub fn source_index(&self) -> Result<HashMap<String, ReportId>, StoreError> {
        let graph = iri::sources_graph();
        let answer = self.query_internal(&format!(
            "SELECT ?key ?report WHERE {{ GRAPH <{graph}> {{ ?source <{SOURCE_KEY}> ?key ; <{HOLDS}> ?report }} }}"
        ))?;
        let mut index = HashMap::new();
        for row in answer.rows() {
            if let (Some(Some(key)), Some(Some(Value::Iri(report)))) = (row.first(), row.get(1))
                && let Some(id) = iri::report_id(report)
            {
                index.insert(key.as_str().to_owned(), id);
            }
        }
        Ok(index)
    }

    /// True when a report with this id is loaded.
    pub fn has_report(&self, id: &ReportId) -> Result<bool, StoreError> {
        let graph = NamedNode::new_unchecked(iri::report_graph(id));
        self.inner.contains_named_graph(graph.as_ref()).map_err(storage("looking up a report"))
    }

    /// Writes reports and the inputs that hold them in one atomic step.
    ///
    /// A source whose key held another report moves to its new report; the old
    /// report stays until [`Store::unheld_reports`] finds no source
    /// holding it (another input may have the same text).
    ///
    /// When everything is new (no report or key already stored), the write goes
    /// through oxigraph's bulk loader, which writes sorted files and ingests
    /// them in one atomic step (several times faster than a transaction, whose
    /// indexed write batch dominates the cost of a load). Otherwise it takes a
    /// transaction, which can delete.
    pub fn write_reports(&self, writes: &[ReportWrite], sources: &[SourceWrite]) -> Result<(), StoreError> {
        let ingestion = NamedNode::new_unchecked(iri::ingestion_graph());
        let sources_graph = NamedNode::new_unchecked(iri::sources_graph());
        let all_new = !self.has_any_report(writes)? && !self.has_any_source(sources)?;
        if all_new {
            let mut loader = self.inner.bulk_loader().with_max_memory_size_in_megabytes(BULK_MEMORY_MIB);
            // One call: every call ends in its own set of files.
            // The loader records a graph only through its quads; a report always has some.
            let quads = writes
                .iter()
                .flat_map(|write| write.quads.iter().cloned().chain(std::iter::once(ingestion_quad(write, &ingestion))))
                .chain(sources.iter().flat_map(|source| source_quads(source, &sources_graph)));
            loader.load_quads(quads).map_err(storage("writing reports"))?;
            return loader.commit().map_err(storage("writing reports"));
        }
        let mut transaction = self.inner.start_transaction().map_err(storage("starting a write"))?;
        for write in writes {
            let graph = NamedNode::new_unchecked(iri::report_graph(&write.id));
            transaction.remove_named_graph(graph.as_ref()).map_err(storage("replacing a report"))?;
            remove_ingestion(&mut transaction, &write.id, &ingestion)?;
            transaction.insert_named_graph(graph.as_ref());
            for quad in &write.quads {
                transaction.insert(quad);
            }
            transaction.insert(&ingestion_quad(write, &ingestion));
        }
        for source in sources {
            let node = NamedNode::new_unchecked(iri::source(&source.key));
            let stale: Vec<Quad> = transaction
                .quads_for_pattern(Some(node.as_ref().into()), None, None, Some(sources_graph.as_ref().into()))
                .collect::<Result<_, _>>()
                .map_err(storage("moving a source"))?;
            for quad in &stale {
                transaction.remove(quad);
            }
            for quad in source_quads(source, &sources_graph) {
                transaction.insert(&quad);
            }
        }
        transaction.commit().map_err(storage("writing reports"))
    }

    fn has_any_report(&self, writes: &[ReportWrite]) -> Result<bool, StoreError> {
        for write in writes {
            if self.has_report(&write.id)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn has_any_source(&self, sources: &[SourceWrite]) -> Result<bool, StoreError> {
        let graph = NamedNode::new_unchecked(iri::sources_graph());
        for source in sources {
            let node = NamedNode::new_unchecked(iri::source(&source.key));
            let mut quads =
                self.inner.quads_for_pattern(Some(node.as_ref().into()), None, None, Some(graph.as_ref().into()));
            if quads.next().transpose().map_err(storage("looking up a source"))?.is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The reports no source holds any more (their input changed and no
    /// other input has the same text).
    pub fn unheld_reports(&self) -> Result<Vec<ReportId>, StoreError> {
        let sources = iri::sources_graph();
        let answer = self.query_internal(&format!(
            "SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?r a <{REPORT}> }}
               FILTER NOT EXISTS {{ GRAPH <{sources}> {{ ?source <{HOLDS}> ?r }} }} }}"
        ))?;
        let unheld: BTreeSet<ReportId> = answer
            .rows()
            .iter()
            .filter_map(|row| row.first().and_then(Option::as_ref))
            .filter_map(|graph| iri::report_id(graph.as_str()))
            .collect();
        Ok(unheld.into_iter().collect())
    }

    /// Removes reports (with their load times), in one transaction.
    pub fn remove_reports(&self, reports: &[ReportId]) -> Result<(), StoreError> {
        if reports.is_empty() {
            return Ok(());
        }
        let ingestion = NamedNode::new_unchecked(iri::ingestion_graph());
        let mut transaction = self.inner.start_transaction().map_err(storage("removing replaced reports"))?;
        for id in reports {
            let graph = NamedNode::new_unchecked(iri::report_graph(id));
            transaction.remove_named_graph(graph.as_ref()).map_err(storage("removing replaced reports"))?;
            remove_ingestion(&mut transaction, id, &ingestion)?;
        }
        transaction.commit().map_err(storage("removing replaced reports"))
    }

    /// True when a load began changing the store and did not finish linking
    /// (it was killed, or failed): the next load, or `repair`, relinks.
    pub fn relink_pending(&self) -> Result<bool, StoreError> {
        self.inner.contains(&pending_quad()).map_err(storage("reading the store state"))
    }

    /// Sets or clears the relink-pending mark (durably, before returning).
    ///
    /// Setting it forgets the stored quad count; clearing it (the store is
    /// consistent again) stores the count anew, so `stats` need not count
    /// every quad (see [`Store::quad_count`]).
    pub fn set_relink_pending(&self, pending: bool) -> Result<(), StoreError> {
        let quad = pending_quad();
        self.forget_quad_count()?;
        if pending { self.inner.insert(&quad) } else { self.inner.remove(&quad) }
            .map_err(storage("writing the store state"))?;
        if !pending {
            // The count includes the quad that states it.
            let count = self.len()? + 1;
            self.inner.insert(&count_quad(count)).map_err(storage("writing the store state"))?;
        }
        self.inner.flush().map_err(storage("writing the store state"))
    }

    pub(super) fn forget_quad_count(&self) -> Result<(), StoreError> {
        for quad in &self.stored_quad_counts()? {
            self.inner.remove(quad).map_err(storage("writing the store state"))?;
        }
        Ok(())
    }

    /// The quad-count statements in the state graph (one, or none).
    fn stored_quad_counts(&self) -> Result<Vec<Quad>, StoreError> {
        let state = NamedNode::new_unchecked(iri::store_state());
        let graph = NamedNode::new_unchecked(iri::state_graph());
        self.inner
            .quads_for_pattern(
                Some(state.as_ref().into()),
                Some(NamedNode::new_unchecked(QUAD_COUNT).as_ref()),
                None,
                Some(graph.as_ref().into()),
            )
            .collect::<Result<_, _>>()
            .map_err(storage("reading the store state"))
    }

    /// The number of quads: the count stored when the last load finished,
    /// or, when a load is under way or never finished, counted.
    pub fn quad_count(&self) -> Result<usize, StoreError> {
        if !self.relink_pending()?
            && let Some(Term::Literal(count)) = self.stored_quad_counts()?.pop().map(|q| q.object)
            && let Ok(count) = count.value().parse()
        {
            return Ok(count);
        }
        self.len()
    }

    /// Replaces the quads of reports in place (after relinking), keeping load times.
    pub fn rewrite_reports(&self, reports: &[(ReportId, Vec<Quad>)]) -> Result<(), StoreError> {
        let mut transaction = self.inner.start_transaction().map_err(storage("starting a rewrite"))?;
        for (id, quads) in reports {
            let graph = NamedNode::new_unchecked(iri::report_graph(id));
            transaction.remove_named_graph(graph.as_ref()).map_err(storage("rewriting reports"))?;
            transaction.insert_named_graph(graph.as_ref());
            for quad in quads {
                transaction.insert(quad);
            }
        }
        transaction.commit().map_err(storage("rewriting reports"))
    }

    /// Replaces the shared graph of canonical entities.
    pub fn replace_entities(&self, quads: &[Quad]) -> Result<(), StoreError> {
        self.replace_graph(&iri::entities_graph(), quads)
    }

    /// Replaces the aggregates graph (the entity graph's edges, kept at load).
    pub fn replace_aggregates(&self, quads: &[Quad]) -> Result<(), StoreError> {
        self.replace_graph(&iri::aggregates_graph(), quads)
    }

    /// Replaces the substance vocabulary graph.
    pub fn replace_vocabulary(&self, quads: &[Quad]) -> Result<(), StoreError> {
        self.replace_graph(&iri::vocabulary_graph(), quads)
    }

    /// Makes a shared graph hold exactly `quads`, writing only the difference:
    /// between two loads most of the entities and aggregates stay as they
    /// were, and a transaction that removed and inserted them all held the
    /// whole graph in memory twice and cost a minute at 30,000 reports. An
    /// empty graph is filled through the bulk loader.
    fn replace_graph(&self, graph: &str, quads: &[Quad]) -> Result<(), StoreError> {
        let graph = NamedNode::new_unchecked(graph);
        let wanted: HashSet<&Quad> = quads.iter().collect();
        let mut stale: Vec<Quad> = Vec::new();
        let mut kept: HashSet<&Quad> = HashSet::new();
        for quad in self.inner.quads_for_pattern(None, None, None, Some(graph.as_ref().into())) {
            let quad = quad.map_err(storage("reading a graph to update"))?;
            match wanted.get(&quad) {
                Some(&same) => {
                    kept.insert(same);
                }
                None => stale.push(quad),
            }
        }
        if kept.is_empty() && stale.is_empty() {
            if quads.is_empty() {
                return Ok(());
            }
            let mut loader = self.inner.bulk_loader().with_max_memory_size_in_megabytes(BULK_MEMORY_MIB);
            loader.load_quads(quads.iter().cloned()).map_err(storage("writing a graph"))?;
            return loader.commit().map_err(storage("writing a graph"));
        }
        let mut transaction = self.inner.start_transaction().map_err(storage("starting a graph update"))?;
        for quad in &stale {
            transaction.remove(quad);
        }
        for quad in quads.iter().filter(|q| !kept.contains(q)) {
            transaction.insert(quad);
        }
        transaction.commit().map_err(storage("updating a graph"))
    }

    /// Removes the `stored` quads not `wanted` and inserts the `wanted` quads
    /// not stored, in one transaction: an update that changes a few quads
    /// of many writes those few only.
    pub(super) fn write_difference(
        &self,
        stored: &[Quad],
        wanted: &[&Quad],
        action: &'static str,
    ) -> Result<(), StoreError> {
        let stored_set: HashSet<&Quad> = stored.iter().collect();
        let wanted_set: HashSet<&Quad> = wanted.iter().copied().collect();
        let mut transaction = self.inner.start_transaction().map_err(storage(action))?;
        for quad in stored.iter().filter(|q| !wanted_set.contains(q)) {
            transaction.remove(quad);
        }
        for &quad in wanted.iter().filter(|q| !stored_set.contains(*q)) {
            transaction.insert(quad);
        }
        transaction.commit().map_err(storage(action))
    }

    /// The parent links reports state between their local entities, as
    /// canonical IRI pairs (child, parent), each once.
    pub fn stated_parents(&self) -> Result<Vec<(String, String)>, StoreError> {
        let answer = self.query_internal(&format!(
            "SELECT DISTINCT ?a ?b WHERE {{
               GRAPH ?g {{ ?la <{ORG_SUB_ORGANIZATION_OF}> ?lb . ?la <{DENOTES}> ?a . ?lb <{DENOTES}> ?b }}
             }} ORDER BY ?a ?b"
        ))?;
        Ok(answer
            .rows()
            .iter()
            .filter_map(|row| Some((owned_cell(row, 0)?, owned_cell(row, 1)?)).filter(|(a, b)| a != b))
            .collect())
    }

    /// Every report with its date and stored story signature (hex, absent in
    /// a report stored before signatures were kept), for grouping
    /// near-duplicates ([`crate::link::stories`]).
    pub fn story_signatures(&self) -> Result<Vec<StoredSignature>, StoreError> {
        let answer = self.query_internal(&format!(
            "SELECT ?r ?sig ?date WHERE {{ GRAPH ?g {{ ?r a <{REPORT}>
               OPTIONAL {{ ?r <{STORY_SIGNATURE}> ?sig }} OPTIONAL {{ ?r <{DCTERMS_DATE}> ?date }} }} }}"
        ))?;
        Ok(answer
            .rows()
            .iter()
            .filter_map(|row| {
                Some(StoredSignature {
                    report: owned_cell(row, 0)?,
                    signature: owned_cell(row, 1),
                    date: owned_cell(row, 2),
                })
            })
            .collect())
    }

    /// Reports stored in the shape of an older narcograph: a node per
    /// mention (`ng:Mention`, no longer in the ontology) instead of
    /// `ng:mentionSpans`. A relink rewrites them in today's shape; in a store
    /// without any, this is one index lookup.
    pub fn reports_in_older_shape(&self) -> Result<Vec<ReportId>, StoreError> {
        let answer =
            self.query_internal(&format!("SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?m a <{NG}Mention> }} }}"))?;
        Ok(answer
            .rows()
            .iter()
            .filter_map(|row| row.first().and_then(Option::as_ref))
            .filter_map(|graph| iri::report_id(graph.as_str()))
            .collect())
    }

    /// Every local entity of every report, with what it denotes now.
    pub fn local_entities(&self) -> Result<Vec<StoredLocal>, StoreError> {
        self.locals_in("")
    }

    /// The local entities of some reports (those a load removes).
    pub fn local_entities_of(&self, reports: &[ReportId]) -> Result<Vec<StoredLocal>, StoreError> {
        let mut out = Vec::new();
        for report in reports {
            out.extend(self.locals_in(&format!("VALUES ?g {{ <{}> }}", iri::report_graph(report)))?);
        }
        Ok(out)
    }

    /// The local entities of every report graph, or of those `values` (a
    /// `VALUES ?g` clause, or nothing) names.
    fn locals_in(&self, values: &str) -> Result<Vec<StoredLocal>, StoreError> {
        let answer = self.query_internal(&format!(
            "SELECT ?g ?key ?type ?label ?country ?denotes (GROUP_CONCAT(?alias; separator=\"\\u001f\") AS ?aliases) WHERE {{
               {values}
               GRAPH ?g {{ ?local a <{LOCAL_ENTITY}> ; <{LOCAL_KEY}> ?key ; <{ENTITY_TYPE}> ?type ; <{RDFS_LABEL}> ?label ; <{DENOTES}> ?denotes .
                 OPTIONAL {{ ?local <{COUNTRY_CODE}> ?country }}
                 OPTIONAL {{ ?local <{SKOS_ALT_LABEL}> ?alias }} }}
             }} GROUP BY ?g ?key ?type ?label ?country ?denotes"
        ))?;
        let mut out = Vec::new();
        for row in answer.rows() {
            let cell = |i: usize| row.get(i).and_then(Option::as_ref).map(Value::as_str);
            let (Some(graph), Some(key), Some(kind), Some(label), Some(denotes)) =
                (cell(0), cell(1), cell(2), cell(3), cell(5))
            else {
                continue;
            };
            let (Some(report), Some(key), Some(kind)) =
                (iri::report_id(graph), EntityKey::from_path(key), EntityKind::parse(kind))
            else {
                continue;
            };
            let aliases = cell(6)
                .filter(|a| !a.is_empty())
                .map(|a| a.split('\u{1f}').map(str::to_owned).collect())
                .unwrap_or_default();
            out.push(StoredLocal {
                report,
                entity: LocalEntity {
                    kind,
                    key,
                    label: label.to_owned(),
                    aliases,
                    country: cell(4).map(str::to_owned),
                },
                denotes: denotes.to_owned(),
            });
        }
        out.sort_by(|a, b| a.report.cmp(&b.report).then(a.entity.key.cmp(&b.entity.key)));
        Ok(out)
    }

    /// A loaded report, read back (text and metadata) so it can be extracted
    /// again. Its source is the first (in sorted order) of the inputs holding it.
    pub fn report(&self, id: &ReportId) -> Result<Option<Report>, StoreError> {
        let subject = iri::report(id);
        let graph = iri::report_graph(id);
        let answer =
            self.query_internal(&format!("SELECT ?p ?o WHERE {{ GRAPH <{graph}> {{ <{subject}> ?p ?o }} }}"))?;
        let mut fields: HashMap<String, String> = HashMap::new();
        for row in answer.rows() {
            if let (Some(Some(p)), Some(Some(o))) = (row.first(), row.get(1)) {
                fields.insert(p.as_str().to_owned(), o.as_str().to_owned());
            }
        }
        let Some(text) = fields.remove(TEXT) else {
            return Ok(None);
        };
        let source = self.first_sources([subject.as_str()])?.remove(&subject).unwrap_or_else(|| subject.clone());
        let metadata = ReportMetadata {
            title: fields.remove(DCTERMS_TITLE),
            date: fields.remove(DCTERMS_DATE),
            publisher: fields.remove(DCTERMS_PUBLISHER),
            url: fields.remove(SCHEMA_URL),
            external_id: fields.remove(DCTERMS_IDENTIFIER),
        };
        Ok(Some(Report::new(source, text, metadata)))
    }

    /// The first (in sorted order) of the input paths holding each report IRI
    /// given (see [`super::read::first_sources`]).
    pub fn first_sources<'r>(
        &self,
        reports: impl IntoIterator<Item = &'r str>,
    ) -> Result<HashMap<String, String>, StoreError> {
        super::read::first_sources(self, reports)
    }

    /// The IRIs of the subjects stating `predicate` `object` (an IRI) in `graph`.
    pub(super) fn subjects_with(
        &self,
        predicate: &str,
        object: &str,
        graph: &str,
        action: &'static str,
    ) -> Result<Vec<String>, StoreError> {
        let (predicate, object, graph) =
            (NamedNode::new_unchecked(predicate), NamedNode::new_unchecked(object), NamedNode::new_unchecked(graph));
        let mut out = Vec::new();
        for quad in self.inner.quads_for_pattern(
            None,
            Some(predicate.as_ref()),
            Some(object.as_ref().into()),
            Some(graph.as_ref().into()),
        ) {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(subject) = quad.map_err(storage(action))?.subject {
                out.push(subject.into_string());
            }
        }
        Ok(out)
    }

    pub(super) fn query_internal(&self, sparql: &str) -> Result<QueryAnswer, StoreError> {
        self.query(sparql, &[])
    }

    /// Parses a query (the usual prefixes known, the default graph the union of
    /// all graphs) and binds its parameters. An update is refused as such.
    fn prepare(
        &self,
        sparql: &str,
        bindings: &[Binding],
        token: Option<CancellationToken>,
    ) -> Result<PreparedSparqlQuery, StoreError> {
        let mut evaluator = SparqlEvaluator::new();
        if let Some(token) = token {
            evaluator = evaluator.with_cancellation_token(token);
        }
        // The usual prefixes (ng:, rdfs:, skos:, prov:...) are known without
        // PREFIX lines, and parameters go into the algebra before it is
        // planned (see `bind`).
        let mut prepared = evaluator.for_query(super::bind::parse(sparql, bindings)?);
        // Analysts query without GRAPH clauses: the default graph is the union of all
        // graphs, unless the query names its own dataset with FROM.
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        Ok(prepared)
    }

    /// Runs a SPARQL query with variables bound to values beforehand, and
    /// collects the whole answer (for the library's own, bounded queries).
    pub fn query(&self, sparql: &str, bindings: &[Binding]) -> Result<QueryAnswer, StoreError> {
        self.query_stream(sparql, bindings, QueryOptions::default())?.collect_all()
    }

    /// Runs a SPARQL query and returns its answer as a stream: rows come as the
    /// evaluator finds them, so the first can be written before the last is
    /// known, and a time limit stops the evaluation itself.
    pub fn query_stream(
        &self,
        sparql: &str,
        bindings: &[Binding],
        options: QueryOptions,
    ) -> Result<AnswerStream, StoreError> {
        let token = CancellationToken::new();
        let watchdog = options.timeout.map(|timeout| Watchdog::start(timeout, token.clone()));
        let prepared = self.prepare(sparql, bindings, Some(token))?;
        let timeout = options.timeout;
        let results = prepared.on_store(&self.inner).execute().map_err(|error| evaluation_error(error, timeout))?;
        Ok(AnswerStream::new(results, options, watchdog))
    }

    /// Number of quads.
    pub fn len(&self) -> Result<usize, StoreError> {
        self.inner.len().map_err(storage("counting quads"))
    }

    /// True when the store holds nothing.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        self.inner.is_empty().map_err(storage("counting quads"))
    }

    /// Counts for `stats`.
    pub fn stats(&self) -> Result<StoreStats, StoreError> {
        stats_by_sparql(&|query| self.query_internal(query), self.quad_count()?)
    }

    /// Writes the store's content. With `canonical`, quads come sorted, one
    /// per line, and the load-time graph is left out: two stores holding the
    /// same reports give byte-identical dumps.
    pub fn dump(&self, format: GraphFormat, canonical: bool, writer: &mut dyn Write) -> Result<(), StoreError> {
        let quads = self.inner.iter().map(|quad| quad.map_err(storage("reading quads")));
        if canonical || !format.keeps_graphs() {
            return write_quads(quads, format, canonical, writer);
        }
        // N-Quads and TriG stream, quad by quad.
        let mut serializer = prefixed(format.rdf()).for_writer(writer);
        for quad in quads {
            super::results::serialize_quad(&mut serializer, &quad?, format)?;
        }
        serializer.finish()?;
        Ok(())
    }

    /// The canonical N-Quads of a shard (`extract --format nquads`): the
    /// canonical dump without the two tallies over the whole collection,
    /// which a shard of it cannot know: the aggregates graph (views build
    /// edges from the events where a store has none) and each entity's
    /// `ng:reportCount` (`repair --endpoint` counts them on the merged store).
    /// Everything else is the same whichever shard a report is in.
    pub fn dump_shard(&self, writer: &mut dyn Write) -> Result<(), StoreError> {
        let aggregates = format!("<{}>", iri::aggregates_graph());
        let keep = |quad: &Quad| quad.graph_name.to_string() != aggregates && quad.predicate.as_str() != REPORT_COUNT;
        let quads = self.inner.iter().map(|quad| quad.map_err(storage("reading quads")));
        write_quads_kept(quads, GraphFormat::NQuads, true, &keep, writer)
    }

    /// Loads N-Quads through oxigraph's bulk loader (used to compare `load`
    /// with oxigraph's raw loading rate).
    pub fn bulk_load_nquads(&self, nquads: &[u8]) -> Result<(), StoreError> {
        let mut loader = self.inner.bulk_loader();
        loader
            .load_from_slice(RdfParser::from_format(RdfFormat::NQuads), nquads)
            .map_err(|error| StoreError::Storage { action: "bulk loading", message: error.to_string() })?;
        loader.commit().map_err(storage("bulk loading"))
    }

    /// Flushes and compacts (after big loads).
    pub fn optimize(&self) -> Result<(), StoreError> {
        self.inner.flush().map_err(storage("flushing"))?;
        self.inner.optimize().map_err(storage("compacting"))
    }
}

impl super::read::ReadStore for Store {
    fn query_stream(
        &self,
        sparql: &str,
        bindings: &[Binding],
        options: QueryOptions,
    ) -> Result<AnswerStream, StoreError> {
        Store::query_stream(self, sparql, bindings, options)
    }

    fn route_rows(&self) -> Result<Option<Vec<super::routes::RouteRow>>, StoreError> {
        Store::route_rows(self)
    }

    fn stats(&self) -> Result<StoreStats, StoreError> {
        Store::stats(self)
    }

    fn dump(&self, format: GraphFormat, canonical: bool, writer: &mut dyn Write) -> Result<(), StoreError> {
        Store::dump(self, format, canonical, writer)
    }
}

/// Writes quads in `format`; with `canonical`, sorted, each once, without
/// the load times and the store's own state (not content: two stores holding
/// the same reports give byte-identical canonical dumps).
pub(super) fn write_quads(
    quads: impl Iterator<Item = Result<Quad, StoreError>>,
    format: GraphFormat,
    canonical: bool,
    writer: &mut dyn Write,
) -> Result<(), StoreError> {
    write_quads_kept(quads, format, canonical, &|_| true, writer)
}

/// [`write_quads`] of the quads `keep` keeps.
fn write_quads_kept(
    quads: impl Iterator<Item = Result<Quad, StoreError>>,
    format: GraphFormat,
    canonical: bool,
    keep: &dyn Fn(&Quad) -> bool,
    writer: &mut dyn Write,
) -> Result<(), StoreError> {
    let volatile = [format!("<{}>", iri::ingestion_graph()), format!("<{}>", iri::state_graph())];
    let mut kept: Vec<Quad> = Vec::new();
    for quad in quads {
        let quad = quad?;
        if (!canonical || !volatile.contains(&quad.graph_name.to_string())) && keep(&quad) {
            kept.push(quad);
        }
    }
    if canonical {
        kept.sort_by_cached_key(|q| q.to_string());
        kept.dedup();
    }
    let mut serializer = prefixed(format.rdf()).for_writer(writer);
    for quad in &kept {
        super::results::serialize_quad(&mut serializer, quad, format)?;
    }
    serializer.finish()?;
    Ok(())
}

/// Memory the bulk loader may use, which oxigraph turns into about 1,000 quads
/// per MiB shared among its threads. A default chunk (256 reports, some 150,000
/// quads) fits in one set of files; a larger chunk makes several, all still
/// ingested together at commit.
const BULK_MEMORY_MIB: usize = 512;

/// Removes the bulk loader's files (`bulk-*.sst`) that a killed or failed load
/// left in the store directory. Only a writer calls it, holding the write lock,
/// so no bulk load of another process can own them.
fn remove_orphan_bulk_files(path: &Path) -> Result<usize, StoreError> {
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(error) => return Err(StoreError::Open { path: path.to_path_buf(), message: error.to_string() }),
    };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}

/// One cell of a result row as an owned string (an IRI, or a literal's value).
pub(super) fn owned_cell(row: &[Option<Value>], index: usize) -> Option<String> {
    row.get(index).and_then(Option::as_ref).map(|value| value.as_str().to_owned())
}

/// A statement of the store's own state (in the state graph).
pub(super) fn state_quad(predicate: &str, value: Literal) -> Quad {
    Quad::new(
        NamedNode::new_unchecked(iri::store_state()),
        NamedNode::new_unchecked(predicate),
        value,
        NamedNode::new_unchecked(iri::state_graph()),
    )
}

fn count_quad(count: usize) -> Quad {
    state_quad(QUAD_COUNT, Literal::from(count as i64))
}

fn pending_quad() -> Quad {
    state_quad(RELINK_PENDING, Literal::from(true))
}

fn source_quads(source: &SourceWrite, graph: &NamedNode) -> Vec<Quad> {
    let node = NamedNode::new_unchecked(iri::source(&source.key));
    let report = NamedNode::new_unchecked(iri::report(&source.report));
    let quad = |predicate: &str, object: oxigraph::model::Term| {
        Quad::new(node.clone(), NamedNode::new_unchecked(predicate), object, graph.clone())
    };
    vec![
        quad(RDF_TYPE, NamedNode::new_unchecked(SOURCE).into()),
        quad(SOURCE_KEY, Literal::new_simple_literal(&source.key).into()),
        quad(SOURCE_PATH, Literal::new_simple_literal(&source.path).into()),
        quad(HOLDS, report.into()),
    ]
}

fn remove_ingestion(
    transaction: &mut oxigraph::store::Transaction<'_>,
    id: &ReportId,
    ingestion: &NamedNode,
) -> Result<(), StoreError> {
    let report = NamedNode::new_unchecked(iri::report(id));
    let stale: Vec<Quad> = transaction
        .quads_for_pattern(Some(report.as_ref().into()), None, None, Some(ingestion.as_ref().into()))
        .collect::<Result<_, _>>()
        .map_err(storage("removing a load time"))?;
    for quad in &stale {
        transaction.remove(quad);
    }
    Ok(())
}

/// What a query answers, as a stream.
pub enum AnswerStream {
    /// SELECT: rows as they come.
    Solutions(SolutionStream),
    /// ASK.
    Boolean(bool),
    /// CONSTRUCT / DESCRIBE: triples as they come.
    Graph(TripleStream),
}

impl AnswerStream {
    /// Reads the whole answer.
    pub fn collect_all(self) -> Result<QueryAnswer, StoreError> {
        Ok(match self {
            AnswerStream::Boolean(value) => QueryAnswer::Boolean(value),
            AnswerStream::Solutions(solutions) => {
                let variables = solutions.variables().to_vec();
                let rows = solutions.collect::<Result<Vec<_>, _>>()?;
                QueryAnswer::Solutions { variables, rows }
            }
            AnswerStream::Graph(triples) => QueryAnswer::Graph(triples.collect::<Result<Vec<_>, _>>()?),
        })
    }

    /// Wraps oxigraph's results (the local store's, or a remote store's
    /// answer as parsed) within the row limit and time limit.
    pub(super) fn new(
        results: QueryResults<'static>,
        options: QueryOptions,
        watchdog: Option<Watchdog>,
    ) -> AnswerStream {
        let bounds = Bounds { limit: options.limit, returned: 0, timeout: options.timeout, _watchdog: watchdog };
        match results {
            QueryResults::Solutions(inner) => {
                let variables: Vec<String> = inner.variables().iter().map(|v| v.as_str().to_owned()).collect();
                AnswerStream::Solutions(SolutionStream { variables, inner, bounds })
            }
            QueryResults::Boolean(value) => AnswerStream::Boolean(value),
            QueryResults::Graph(inner) => AnswerStream::Graph(TripleStream { inner, bounds }),
        }
    }
}

/// Cancels a query when its time is up, unless dropped first.
pub(super) struct Watchdog {
    _stop: mpsc::Sender<()>,
}

impl Watchdog {
    fn start(timeout: Duration, token: CancellationToken) -> Watchdog {
        let (stop, stopped) = mpsc::channel::<()>();
        std::thread::spawn(move || {
            // Dropping the sender (the stream is done) wakes this thread early.
            if let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(timeout) {
                token.cancel();
            }
        });
        Watchdog { _stop: stop }
    }
}

struct Bounds {
    limit: Option<usize>,
    returned: usize,
    timeout: Option<Duration>,
    _watchdog: Option<Watchdog>,
}

impl Bounds {
    /// The next item of a query's iterator, within the row limit, with a
    /// cancelled evaluation reported as the time limit it is.
    fn next<T, U>(
        &mut self,
        inner: &mut impl Iterator<Item = Result<T, QueryEvaluationError>>,
        map: impl FnOnce(T) -> U,
    ) -> Option<Result<U, StoreError>> {
        if self.limit.is_some_and(|limit| self.returned >= limit) {
            return None;
        }
        match inner.next()? {
            Ok(item) => {
                self.returned += 1;
                Some(Ok(map(item)))
            }
            Err(error) => Some(Err(evaluation_error(error, self.timeout))),
        }
    }
}

fn evaluation_error(error: QueryEvaluationError, timeout: Option<Duration>) -> StoreError {
    match (error, timeout) {
        (QueryEvaluationError::Cancelled, Some(timeout)) => StoreError::Timeout { seconds: timeout.as_secs_f64() },
        (error, _) => StoreError::Evaluation { message: error.to_string() },
    }
}

/// The rows of a SELECT answer, read lazily.
pub struct SolutionStream {
    variables: Vec<String>,
    inner: QuerySolutionIter<'static>,
    bounds: Bounds,
}

impl SolutionStream {
    /// Variable names, in projection order.
    pub fn variables(&self) -> &[String] {
        &self.variables
    }
}

impl Iterator for SolutionStream {
    type Item = Result<Vec<Option<Value>>, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        let variables = &self.variables;
        self.bounds.next(&mut self.inner, |solution| {
            variables.iter().map(|v| solution.get(v.as_str()).map(Value::from_term)).collect()
        })
    }
}

/// The triples of a CONSTRUCT or DESCRIBE answer, read lazily.
pub struct TripleStream {
    inner: QueryTripleIter<'static>,
    bounds: Bounds,
}

impl Iterator for TripleStream {
    type Item = Result<(Value, Value, Value), StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.bounds.next(&mut self.inner, |triple| {
            (
                Value::from_term(&triple.subject.into()),
                Value::Iri(triple.predicate.as_str().to_owned()),
                Value::from_term(&triple.object),
            )
        })
    }
}

fn ingestion_quad(write: &ReportWrite, ingestion: &NamedNode) -> Quad {
    Quad::new(
        NamedNode::new_unchecked(iri::report(&write.id)),
        NamedNode::new_unchecked(INGESTED_AT),
        Literal::new_typed_literal(write.ingested_at.clone(), NamedNode::new_unchecked(XSD_DATE_TIME)),
        ingestion.clone(),
    )
}

/// The counts of `stats` but the quads, by SPARQL alone (the same on a
/// remote store): `query` runs a query and collects its answer.
pub(super) fn stats_by_sparql(
    query: &dyn Fn(&str) -> Result<QueryAnswer, StoreError>,
    quads: usize,
) -> Result<StoreStats, StoreError> {
    let mut stats = StoreStats { quads, ..StoreStats::default() };
    let count = |sparql: String| -> Result<usize, StoreError> { Ok(query(&sparql)?.first_number().unwrap_or(0)) };
    stats.reports = count(format!("SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ GRAPH ?g {{ ?r a <{REPORT}> }} }}"))?;
    stats.routes = count(format!("SELECT (COUNT(?f) AS ?n) WHERE {{ GRAPH ?g {{ ?f a <{TRAFFICKING}> }} }}"))?;
    stats.seizures = count(format!("SELECT (COUNT(?f) AS ?n) WHERE {{ GRAPH ?g {{ ?f a <{SEIZURE}> }} }}"))?;
    stats.arrests = count(format!("SELECT (COUNT(?f) AS ?n) WHERE {{ GRAPH ?g {{ ?f a <{ARREST}> }} }}"))?;
    stats.facts = count(format!("SELECT (COUNT(?f) AS ?n) WHERE {{ GRAPH ?g {{ ?f a <{EVENT}> }} }}"))?;
    let graph = iri::entities_graph();
    let answer = query(&format!(
        "SELECT ?type (COUNT(?e) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?e <{ENTITY_TYPE}> ?type }} }} GROUP BY ?type ORDER BY ?type"
    ))?;
    for row in answer.rows() {
        if let (Some(Some(kind)), Some(Some(n))) = (row.first(), row.get(1)) {
            stats.entities.insert(kind.as_str().to_owned(), n.as_str().parse().unwrap_or(0));
        }
    }
    Ok(stats)
}
