//! The embedded store: an oxigraph database on disk (RocksDB).
//!
//! Writes happen in transactions that hold whole reports, so a crash leaves
//! each report complete or absent. Reads return narcograph's own types
//! ([`QueryAnswer`], [`Value`]) so that no other layer sees oxigraph.

use super::iri;
use super::vocab::*;
use crate::link::LocalEntity;
use crate::model::{EntityKey, EntityKind, Report, ReportId, ReportMetadata};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedNodeRef, Quad, Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store as Oxigraph};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The ontology, embedded so the store always carries the version the code writes.
pub const ONTOLOGY_TTL: &str = include_str!("../../ontology/narcograph.ttl");

/// What can go wrong with the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Another process has the store open.
    #[error("the store at {path} is in use by another process (RocksDB lock); close it or choose another --store")]
    Locked {
        /// Store directory.
        path: PathBuf,
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

fn storage(action: &'static str) -> impl Fn(StorageError) -> StoreError {
    move |error| StoreError::Storage { action, message: error.to_string() }
}

/// An RDF term in a query answer.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Value {
    /// An IRI.
    Iri(String),
    /// A blank node.
    Blank(String),
    /// A literal, with its datatype IRI and language tag.
    Literal {
        /// Lexical form.
        value: String,
        /// Datatype IRI.
        datatype: String,
        /// Language tag.
        language: Option<String>,
    },
}

impl Value {
    /// The IRI or the lexical form, as a person would read it.
    pub fn as_str(&self) -> &str {
        match self {
            Value::Iri(iri) => iri,
            Value::Blank(id) => id,
            Value::Literal { value, .. } => value,
        }
    }

    fn from_term(term: &Term) -> Value {
        match term {
            Term::NamedNode(node) => Value::Iri(node.as_str().to_owned()),
            Term::BlankNode(node) => Value::Blank(node.as_str().to_owned()),
            Term::Literal(literal) => Value::Literal {
                value: literal.value().to_owned(),
                datatype: literal.datatype().as_str().to_owned(),
                language: literal.language().map(str::to_owned),
            },
            #[expect(unreachable_patterns, reason = "RDF 1.2 triple terms exist only with a feature we do not enable")]
            _ => Value::Blank(term.to_string()),
        }
    }

    fn to_term(&self) -> Term {
        match self {
            Value::Iri(iri) => NamedNode::new_unchecked(iri.clone()).into(),
            Value::Blank(id) => oxigraph::model::BlankNode::new_unchecked(id.clone()).into(),
            Value::Literal { value, language: Some(language), .. } => {
                Literal::new_language_tagged_literal_unchecked(value.clone(), language.clone()).into()
            }
            Value::Literal { value, datatype, .. } => {
                Literal::new_typed_literal(value.clone(), NamedNode::new_unchecked(datatype.clone())).into()
            }
        }
    }
}

/// A value bound to a query variable before the query runs (never spliced into the text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    /// Variable name, without `?`.
    pub name: String,
    /// The value.
    pub value: Value,
}

impl Binding {
    /// Reads `value` as a user wrote it: `<iri>` is an IRI, an integer is an
    /// xsd:integer, anything else a plain string.
    pub fn parse(name: &str, value: &str) -> Binding {
        let value = if let Some(iri) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
            Value::Iri(iri.to_owned())
        } else if !value.is_empty() && value.len() < 19 && value.bytes().all(|b| b.is_ascii_digit()) {
            Value::Literal { value: value.to_owned(), datatype: XSD_INTEGER.to_owned(), language: None }
        } else {
            Value::Literal { value: value.to_owned(), datatype: XSD_STRING.to_owned(), language: None }
        };
        Binding { name: name.trim_start_matches(['?', '$']).to_owned(), value }
    }
}

/// The answer to a query.
#[derive(Clone, Debug, PartialEq)]
pub enum QueryAnswer {
    /// SELECT: variables and rows (`None` for unbound).
    Solutions {
        /// Variable names, in projection order.
        variables: Vec<String>,
        /// Rows.
        rows: Vec<Vec<Option<Value>>>,
    },
    /// ASK.
    Boolean(bool),
    /// CONSTRUCT / DESCRIBE: triples as (subject, predicate, object).
    Graph(Vec<(Value, Value, Value)>),
}

impl QueryAnswer {
    /// The rows of a SELECT answer (empty for other forms).
    pub fn rows(&self) -> &[Vec<Option<Value>>] {
        match self {
            QueryAnswer::Solutions { rows, .. } => rows,
            _ => &[],
        }
    }

    /// The column of a variable.
    pub fn column(&self, name: &str) -> Option<usize> {
        match self {
            QueryAnswer::Solutions { variables, .. } => variables.iter().position(|v| v == name),
            _ => None,
        }
    }
}

/// The standard result formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultFormat {
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
    /// SPARQL 1.1 CSV.
    Csv,
    /// SPARQL 1.1 TSV.
    Tsv,
}

/// RDF serialisations of graphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    /// N-Triples (graph names dropped).
    NTriples,
    /// Turtle (graph names dropped).
    Turtle,
    /// N-Quads.
    NQuads,
    /// TriG.
    TriG,
}

impl GraphFormat {
    fn rdf(self) -> RdfFormat {
        match self {
            GraphFormat::NTriples => RdfFormat::NTriples,
            GraphFormat::Turtle => RdfFormat::Turtle,
            GraphFormat::NQuads => RdfFormat::NQuads,
            GraphFormat::TriG => RdfFormat::TriG,
        }
    }

    fn keeps_graphs(self) -> bool {
        matches!(self, GraphFormat::NQuads | GraphFormat::TriG)
    }
}

/// The reports of one write, with what each replaces.
pub struct ReportWrite {
    /// The report's id.
    pub id: ReportId,
    /// Report graphs to remove first (an older version of the same source).
    pub replaces: Vec<ReportId>,
    /// The report's quads.
    pub quads: Vec<Quad>,
    /// Load time, RFC 3339.
    pub ingested_at: String,
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
    inner: Oxigraph,
}

impl Store {
    /// Opens (or creates) the on-disk store at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let inner = Oxigraph::open(path).map_err(|error| {
            let message = error.to_string();
            if message.contains("lock") || message.contains("LOCK") {
                StoreError::Locked { path: path.to_path_buf() }
            } else {
                StoreError::Open { path: path.to_path_buf(), message }
            }
        })?;
        Ok(Store { inner })
    }

    /// Opens the on-disk store read-only (several readers may share it).
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.join("CURRENT").exists() {
            return Err(StoreError::Open {
                path: path.to_path_buf(),
                message: "no store here yet; run `narcograph load` first".to_owned(),
            });
        }
        let inner = Oxigraph::open_read_only(path)
            .map_err(|error| StoreError::Open { path: path.to_path_buf(), message: error.to_string() })?;
        Ok(Store { inner })
    }

    /// A store in memory (for tests and one-off work).
    pub fn in_memory() -> Result<Store, StoreError> {
        Ok(Store { inner: Oxigraph::new().map_err(storage("creating an in-memory store"))? })
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
        let mut transaction = self.inner.start_transaction().map_err(storage("loading the ontology"))?;
        transaction.remove_named_graph(graph_node.as_ref()).map_err(storage("loading the ontology"))?;
        for quad in &quads {
            transaction.insert(quad);
        }
        transaction.commit().map_err(storage("loading the ontology"))
    }

    /// Every loaded report: source key -> report id.
    pub fn report_index(&self) -> Result<HashMap<String, ReportId>, StoreError> {
        let answer = self
            .query_internal(&format!("SELECT ?report ?key WHERE {{ GRAPH ?g {{ ?report <{SOURCE_KEY}> ?key }} }}"))?;
        let mut index = HashMap::new();
        for row in answer.rows() {
            if let (Some(Some(Value::Iri(report))), Some(Some(key))) = (row.first(), row.get(1))
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

    /// Writes reports atomically: each listed older version is removed, each
    /// report's graph replaced, its load time recorded.
    ///
    /// A batch of reports that are all new goes through oxigraph's bulk loader,
    /// which writes sorted files and ingests them in one atomic step (several
    /// times faster than a transaction, whose indexed write batch dominates the
    /// cost of a load). A batch that replaces anything needs deletions and so
    /// takes a transaction.
    pub fn write_reports(&self, writes: &[ReportWrite]) -> Result<(), StoreError> {
        let ingestion = NamedNode::new_unchecked(iri::ingestion_graph());
        let all_new = writes.iter().all(|w| w.replaces.is_empty()) && !self.has_any_report(writes)?;
        if all_new {
            let mut loader = self.inner.bulk_loader().with_max_memory_size_in_megabytes(BULK_MEMORY_MIB);
            // One call: every call ends in its own set of files.
            // The loader records a graph only through its quads; a report always has some.
            let quads = writes.iter().flat_map(|write| {
                write.quads.iter().cloned().chain(std::iter::once(ingestion_quad(write, &ingestion)))
            });
            loader.load_quads(quads).map_err(storage("writing reports"))?;
            return loader.commit().map_err(storage("writing reports"));
        }
        let mut transaction = self.inner.start_transaction().map_err(storage("starting a write"))?;
        for write in writes {
            for old in write.replaces.iter().chain(std::iter::once(&write.id)) {
                let graph = NamedNode::new_unchecked(iri::report_graph(old));
                transaction.remove_named_graph(graph.as_ref()).map_err(storage("removing an older version"))?;
                let report = NamedNode::new_unchecked(iri::report(old));
                let stale: Vec<Quad> = transaction
                    .quads_for_pattern(Some(report.as_ref().into()), None, None, Some(ingestion.as_ref().into()))
                    .collect::<Result<_, _>>()
                    .map_err(storage("removing an older version"))?;
                for quad in &stale {
                    transaction.remove(quad);
                }
            }
            transaction.insert_named_graph(NamedNode::new_unchecked(iri::report_graph(&write.id)).as_ref());
            for quad in &write.quads {
                transaction.insert(quad);
            }
            transaction.insert(&ingestion_quad(write, &ingestion));
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

    /// Replaces the substance vocabulary graph.
    pub fn replace_vocabulary(&self, quads: &[Quad]) -> Result<(), StoreError> {
        self.replace_graph(&iri::vocabulary_graph(), quads)
    }

    fn replace_graph(&self, graph: &str, quads: &[Quad]) -> Result<(), StoreError> {
        let graph = NamedNode::new_unchecked(graph);
        let mut transaction = self.inner.start_transaction().map_err(storage("starting an entity update"))?;
        transaction.remove_named_graph(graph.as_ref()).map_err(storage("writing entities"))?;
        transaction.insert_named_graph(graph.as_ref());
        for quad in quads {
            transaction.insert(quad);
        }
        transaction.commit().map_err(storage("writing entities"))
    }

    /// Every local entity of every report, with what it denotes now.
    pub fn local_entities(&self) -> Result<Vec<StoredLocal>, StoreError> {
        let answer = self.query_internal(&format!(
            "SELECT ?g ?key ?type ?label ?country ?denotes (GROUP_CONCAT(?alias; separator=\"\\u001f\") AS ?aliases) WHERE {{
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

    /// A loaded report, read back (text and metadata) so it can be extracted again.
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
        let (Some(text), Some(source)) = (fields.remove(TEXT), fields.remove(SOURCE_PATH)) else {
            return Ok(None);
        };
        let metadata = ReportMetadata {
            title: fields.remove(DCTERMS_TITLE),
            date: fields.remove(DCTERMS_DATE),
            publisher: fields.remove(DCTERMS_PUBLISHER),
            url: fields.remove(SCHEMA_URL),
            external_id: fields.remove(DCTERMS_IDENTIFIER),
        };
        Ok(Some(Report::new(source, text, metadata)))
    }

    fn query_internal(&self, sparql: &str) -> Result<QueryAnswer, StoreError> {
        self.query(sparql, &[])
    }

    /// Runs a SPARQL query with variables bound to values beforehand.
    pub fn query(&self, sparql: &str, bindings: &[Binding]) -> Result<QueryAnswer, StoreError> {
        // The usual prefixes (ng:, rdfs:, skos:, prov:...) are known without PREFIX lines.
        let mut evaluator = SparqlEvaluator::new();
        for (prefix, namespace) in PREFIXES {
            if let Ok(with) = evaluator.clone().with_prefix(*prefix, *namespace) {
                evaluator = with;
            }
        }
        let mut prepared =
            evaluator.parse_query(sparql).map_err(|error| StoreError::Syntax { message: error.to_string() })?;
        // Analysts query without GRAPH clauses: the default graph is the union of all
        // graphs, unless the query names its own dataset with FROM.
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        for binding in bindings {
            let variable = Variable::new(binding.name.clone())
                .map_err(|error| StoreError::Parameter { name: binding.name.clone(), message: error.to_string() })?;
            prepared = prepared.substitute_variable(variable, binding.value.to_term());
        }
        let results = prepared
            .on_store(&self.inner)
            .execute()
            .map_err(|error| StoreError::Evaluation { message: error.to_string() })?;
        let evaluation =
            |error: oxigraph::sparql::QueryEvaluationError| StoreError::Evaluation { message: error.to_string() };
        Ok(match results {
            QueryResults::Solutions(solutions) => {
                let variables: Vec<String> = solutions.variables().iter().map(|v| v.as_str().to_owned()).collect();
                let mut rows = Vec::new();
                for solution in solutions {
                    let solution = solution.map_err(evaluation)?;
                    rows.push(variables.iter().map(|v| solution.get(v.as_str()).map(Value::from_term)).collect());
                }
                QueryAnswer::Solutions { variables, rows }
            }
            QueryResults::Boolean(value) => QueryAnswer::Boolean(value),
            QueryResults::Graph(triples) => {
                let mut out = Vec::new();
                for triple in triples {
                    let triple = triple.map_err(evaluation)?;
                    out.push((
                        Value::from_term(&triple.subject.into()),
                        Value::Iri(triple.predicate.as_str().to_owned()),
                        Value::from_term(&triple.object),
                    ));
                }
                QueryAnswer::Graph(out)
            }
        })
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
        let mut stats = StoreStats { quads: self.len()?, ..StoreStats::default() };
        let count = |query: String| -> Result<usize, StoreError> {
            let answer = self.query_internal(&query)?;
            Ok(answer
                .rows()
                .first()
                .and_then(|r| r.first())
                .and_then(Option::as_ref)
                .and_then(|v| v.as_str().parse().ok())
                .unwrap_or(0))
        };
        stats.reports = count(format!("SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ GRAPH ?g {{ ?r a <{REPORT}> }} }}"))?;
        stats.routes = count(format!("SELECT (COUNT(?f) AS ?n) WHERE {{ GRAPH ?g {{ ?f a <{TRAFFICKING}> }} }}"))?;
        stats.seizures = count(format!("SELECT (COUNT(?f) AS ?n) WHERE {{ GRAPH ?g {{ ?f a <{SEIZURE}> }} }}"))?;
        stats.arrests = count(format!("SELECT (COUNT(?f) AS ?n) WHERE {{ GRAPH ?g {{ ?f a <{ARREST}> }} }}"))?;
        stats.facts = count(format!("SELECT (COUNT(?f) AS ?n) WHERE {{ GRAPH ?g {{ ?f a <{EVENT}> }} }}"))?;
        let graph = iri::entities_graph();
        let answer = self.query_internal(&format!(
            "SELECT ?type (COUNT(?e) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?e <{ENTITY_TYPE}> ?type }} }} GROUP BY ?type ORDER BY ?type"
        ))?;
        for row in answer.rows() {
            if let (Some(Some(kind)), Some(Some(n))) = (row.first(), row.get(1)) {
                stats.entities.insert(kind.as_str().to_owned(), n.as_str().parse().unwrap_or(0));
            }
        }
        Ok(stats)
    }

    /// Writes the store's content. With `canonical`, quads come sorted, one
    /// per line, and the load-time graph is left out: two stores holding the
    /// same reports give byte-identical dumps.
    pub fn dump(&self, format: GraphFormat, canonical: bool, writer: &mut dyn Write) -> Result<(), StoreError> {
        let ingestion = iri::ingestion_graph();
        let keep = |quad: &Quad| !canonical || quad.graph_name.to_string() != format!("<{ingestion}>");
        if canonical || !format.keeps_graphs() {
            let mut quads: Vec<Quad> = Vec::new();
            for quad in self.inner.iter() {
                let quad = quad.map_err(storage("reading quads"))?;
                if keep(&quad) {
                    quads.push(quad);
                }
            }
            if canonical {
                quads.sort_by_cached_key(|q| q.to_string());
                quads.dedup();
            }
            let mut serializer = prefixed(format.rdf()).for_writer(writer);
            for quad in &quads {
                if format.keeps_graphs() {
                    serializer.serialize_quad(quad)?;
                } else {
                    serializer.serialize_triple(oxigraph::model::TripleRef::new(
                        &quad.subject,
                        &quad.predicate,
                        &quad.object,
                    ))?;
                }
            }
            serializer.finish()?;
            return Ok(());
        }
        self.inner
            .dump_to_writer(prefixed(format.rdf()), writer)
            .map_err(|error| StoreError::Storage { action: "dumping the store", message: error.to_string() })?;
        Ok(())
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

/// Memory the bulk loader may use, which oxigraph turns into about 1,000 quads
/// per MiB shared among its threads. A default chunk (256 reports, some 150,000
/// quads) fits in one set of files; a larger chunk makes several, all still
/// ingested together at commit.
const BULK_MEMORY_MIB: usize = 512;

fn ingestion_quad(write: &ReportWrite, ingestion: &NamedNode) -> Quad {
    Quad::new(
        NamedNode::new_unchecked(iri::report(&write.id)),
        NamedNode::new_unchecked(INGESTED_AT),
        Literal::new_typed_literal(write.ingested_at.clone(), NamedNode::new_unchecked(XSD_DATE_TIME)),
        ingestion.clone(),
    )
}

fn prefixed(format: RdfFormat) -> RdfSerializer {
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, namespace) in PREFIXES {
        if let Ok(with) = serializer.clone().with_prefix(*prefix, *namespace) {
            serializer = with;
        }
    }
    serializer
}

/// Writes a SELECT or ASK answer in a standard format.
pub fn write_answer(answer: &QueryAnswer, format: ResultFormat, writer: &mut dyn Write) -> Result<(), StoreError> {
    let format = match format {
        ResultFormat::Json => QueryResultsFormat::Json,
        ResultFormat::Xml => QueryResultsFormat::Xml,
        ResultFormat::Csv => QueryResultsFormat::Csv,
        ResultFormat::Tsv => QueryResultsFormat::Tsv,
    };
    let serializer = QueryResultsSerializer::from_format(format);
    match answer {
        QueryAnswer::Boolean(value) => {
            serializer.serialize_boolean_to_writer(writer, *value)?;
        }
        QueryAnswer::Solutions { variables, rows } => {
            let variables: Vec<Variable> = variables.iter().map(|v| Variable::new_unchecked(v.clone())).collect();
            let mut out = serializer.serialize_solutions_to_writer(writer, variables.clone())?;
            for row in rows {
                let terms: Vec<(Variable, Term)> = variables
                    .iter()
                    .zip(row)
                    .filter_map(|(variable, value)| value.as_ref().map(|v| (variable.clone(), v.to_term())))
                    .collect();
                out.serialize(terms.iter().map(|(v, t)| (v.as_ref(), t.as_ref())))?;
            }
            out.finish()?;
        }
        QueryAnswer::Graph(_) => {
            return Err(StoreError::Output(std::io::Error::other(
                "a graph answer is written with write_graph, not as results",
            )));
        }
    }
    Ok(())
}

/// Writes a CONSTRUCT or DESCRIBE answer as Turtle or N-Triples.
pub fn write_graph(answer: &QueryAnswer, format: GraphFormat, writer: &mut dyn Write) -> Result<(), StoreError> {
    let QueryAnswer::Graph(triples) = answer else {
        return Err(StoreError::Output(std::io::Error::other("not a graph answer")));
    };
    let mut serializer = prefixed(format.rdf()).for_writer(writer);
    for (subject, predicate, object) in triples {
        let subject = match subject.to_term() {
            Term::NamedNode(node) => oxigraph::model::NamedOrBlankNode::NamedNode(node),
            Term::BlankNode(node) => oxigraph::model::NamedOrBlankNode::BlankNode(node),
            _ => continue,
        };
        let predicate = NamedNodeRef::new_unchecked(predicate.as_str());
        let object = object.to_term();
        serializer.serialize_triple(oxigraph::model::TripleRef::new(&subject, predicate, &object))?;
    }
    serializer.finish()?;
    Ok(())
}
