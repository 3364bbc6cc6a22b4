//! A remote SPARQL 1.1 store, reached through its query endpoint with the
//! SPARQL 1.1 Protocol: the seam that lets `--endpoint` run narcograph's
//! queries on a team's shared store (narcograph's own `serve`, Virtuoso,
//! GraphDB, an oxigraph server...).
//!
//! A query is parsed and its parameters bound here, as for the local store
//! (`bind`), and sent as standard SPARQL: the usual prefixes written out, the
//! parameters as a VALUES table. Results come back as SPARQL JSON (graphs as
//! N-Triples) and are read into the same [`AnswerStream`] the local store
//! gives, so every writer of results works on both.
//!
//! Where stores differ (the union default graph, answer limits...), see
//! `dialect`.

use super::bind;
use super::iri;
use super::results::Binding;
use super::results::{GraphFormat, Value};
use super::store::{AnswerStream, QueryOptions, StoreError, StoreStats, stats_by_sparql, write_quads};
use super::vocab::{BASE, QUAD_COUNT};
use base64::Engine as _;
use oxhttp::model::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use oxhttp::model::{Body, Method, Request, StatusCode};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Quad, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, QueryTripleIter};
use std::io::{Read, Write};
use std::time::Duration;

/// How to authenticate to a remote store (read from the environment by the
/// command line, never printed).
#[derive(Clone, Default)]
pub enum Credentials {
    /// No authentication.
    #[default]
    None,
    /// HTTP basic authentication.
    Basic {
        /// User name.
        user: String,
        /// Password.
        password: String,
    },
    /// A bearer token.
    Bearer(String),
}

impl std::fmt::Debug for Credentials {
    // Never the secret itself, even in a debug print.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Credentials::None => "Credentials::None",
            Credentials::Basic { .. } => "Credentials::Basic(..)",
            Credentials::Bearer(_) => "Credentials::Bearer(..)",
        })
    }
}

/// A remote store's query endpoint.
#[derive(Debug)]
pub struct Remote {
    endpoint: String,
    credentials: Credentials,
    /// The `Server` header of its first answer: which store it is, for `dialect`.
    server: std::sync::OnceLock<String>,
}

/// How long a request waits for the endpoint when the query sets no limit.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);

impl Remote {
    /// The store whose SPARQL query endpoint is `endpoint` (an http or https URL).
    pub fn new(endpoint: &str, credentials: Credentials) -> Result<Remote, StoreError> {
        let endpoint = endpoint.trim().to_owned();
        if !(endpoint.starts_with("http://") || endpoint.starts_with("https://")) {
            return Err(StoreError::Remote { endpoint, message: "is not an http:// or https:// URL".to_owned() });
        }
        Ok(Remote { endpoint, credentials, server: std::sync::OnceLock::new() })
    }

    /// The server's name as its answers give it (`Server` header), once one came.
    pub fn server(&self) -> Option<&str> {
        self.server.get().map(String::as_str)
    }

    /// The endpoint's URL.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    fn error(&self, message: String) -> StoreError {
        StoreError::Remote { endpoint: self.endpoint.clone(), message }
    }

    /// Runs a SPARQL update at `url` (the store's update endpoint), whole or
    /// not at all as far as the store's own requests are.
    pub fn update(&self, url: &str, sparql: &str) -> Result<(), StoreError> {
        let body = self.send(
            url,
            Method::POST,
            "application/sparql-update",
            "*/*",
            sparql.as_bytes().to_vec(),
            QueryOptions::default(),
        )?;
        read_to_end(body, url)
    }

    /// Replaces the named graph `graph` with `ntriples` by the Graph Store
    /// HTTP Protocol at `store_url` (PUT: the graph is replaced whole).
    pub fn put_graph(&self, store_url: &str, graph: &str, ntriples: Vec<u8>) -> Result<(), StoreError> {
        let separator = if store_url.contains('?') { '&' } else { '?' };
        let query: String = form_urlencoded::Serializer::new(String::new()).append_pair("graph", graph).finish();
        let url = format!("{store_url}{separator}{query}");
        let body = self.send(&url, Method::PUT, "application/n-triples", "*/*", ntriples, QueryOptions::default())?;
        read_to_end(body, store_url)
    }

    /// Sends one request to `url` and returns the body of a successful answer.
    fn send(
        &self,
        url: &str,
        method: Method,
        content_type: &str,
        accept: &str,
        body: Vec<u8>,
        options: QueryOptions,
    ) -> Result<Body, StoreError> {
        let error = |message: String| StoreError::Remote { endpoint: url.to_owned(), message };
        let mut request =
            Request::builder().method(method).uri(url).header(CONTENT_TYPE, content_type).header(ACCEPT, accept);
        match &self.credentials {
            Credentials::None => {}
            Credentials::Basic { user, password } => {
                let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
                request = request.header(AUTHORIZATION, format!("Basic {token}"));
            }
            Credentials::Bearer(token) => request = request.header(AUTHORIZATION, format!("Bearer {token}")),
        }
        let request = request.body(Body::from(body)).map_err(|e| error(format!("cannot be asked: {e}")))?;
        let client = oxhttp::Client::new()
            .with_global_timeout(options.timeout.unwrap_or(DEFAULT_TIMEOUT))
            .with_user_agent(concat!("narcograph/", env!("CARGO_PKG_VERSION")))
            .map_err(|e| error(format!("cannot be asked: {e}")))?;
        let response = client.request(request).map_err(|e| error(format!("cannot be reached: {e}")))?;
        let status = response.status();
        if let Some(server) = response.headers().get("server").and_then(|v| v.to_str().ok()) {
            let _ = self.server.set(server.trim().to_owned());
        }
        if status.is_success() {
            if let Some(limit) = super::dialect::cut_answer(response.headers()) {
                return Err(error(format!(
                    "cut its answer at {limit} rows (its row limit: for Virtuoso, ResultSetMaxRows in the [SPARQL] section of virtuoso.ini); raise the limit, or ask for fewer rows"
                )));
            }
            return Ok(response.into_body());
        }
        // The endpoint's own words, shortened: they say what was wrong.
        let mut text = String::new();
        let _ = response.into_body().take(2000).read_to_string(&mut text);
        let text = text.trim();
        Err(error(match status {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => format!(
                "refused the request ({status}): set NARCOGRAPH_ENDPOINT_TOKEN, or NARCOGRAPH_ENDPOINT_USER and NARCOGRAPH_ENDPOINT_PASSWORD{}",
                if text.is_empty() { String::new() } else { format!("; it said: {text}") }
            ),
            _ => format!("answered {status}: {text}"),
        }))
    }
}

/// Reads a write's answer to the end: some stores report a failed update in
/// a 200 answer's body only when it is read, and the connection is then
/// reusable.
fn read_to_end(mut body: Body, url: &str) -> Result<(), StoreError> {
    std::io::copy(&mut body, &mut std::io::sink())
        .map(drop)
        .map_err(|e| StoreError::Remote { endpoint: url.to_owned(), message: format!("broke off its answer: {e}") })
}

impl super::read::ReadStore for Remote {
    /// Runs a query on the remote store; the answer streams as it is read.
    /// Updates are refused as by the local store.
    fn query_stream(
        &self,
        sparql: &str,
        bindings: &[Binding],
        options: QueryOptions,
    ) -> Result<AnswerStream, StoreError> {
        let mut query = bind::parse(sparql, bindings)?;
        // A row limit goes to the server too: it need not send (and a store
        // with an answer limit need not refuse) rows that would be dropped.
        if let (Some(limit), spargebra::Query::Select { pattern, .. }) = (options.limit, &mut query) {
            let inner =
                Box::new(std::mem::replace(pattern, spargebra::algebra::GraphPattern::Bgp { patterns: Vec::new() }));
            *pattern = spargebra::algebra::GraphPattern::Slice { inner, start: 0, length: Some(limit) };
        }
        let graph = matches!(query, spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. });
        let accept = if graph { "application/n-triples" } else { "application/sparql-results+json" };
        let form: String =
            form_urlencoded::Serializer::new(String::new()).append_pair("query", &query.to_string()).finish();
        let body = self.send(
            &self.endpoint,
            Method::POST,
            "application/x-www-form-urlencoded",
            accept,
            form.into_bytes(),
            options,
        )?;
        let results = if graph {
            let endpoint = self.endpoint.clone();
            let triples = RdfParser::from_format(RdfFormat::NTriples).for_reader(body).map(move |quad| {
                quad.map(Into::into).map_err(|e| {
                    QueryEvaluationError::Service(Box::new(std::io::Error::other(format!(
                        "the answer of {endpoint} is not N-Triples: {e}"
                    ))))
                })
            });
            QueryResults::Graph(QueryTripleIter::new(triples))
        } else {
            let parsed = QueryResultsParser::from_format(QueryResultsFormat::Json)
                .for_reader(body)
                .map_err(|e| self.error(format!("answered what is not SPARQL JSON results: {e}")))?;
            QueryResults::from(parsed)
        };
        Ok(AnswerStream::new(results, options, None))
    }

    /// The counts of `stats`, as the local store gives them. The quad count
    /// is the one the last load stored (a store bulk-loaded from a dump
    /// carries it), else the quads of narcograph's graphs, counted.
    fn stats(&self) -> Result<StoreStats, StoreError> {
        let stored = self.query(
            &format!(
                "SELECT ?n WHERE {{ GRAPH <{}> {{ <{}> <{QUAD_COUNT}> ?n }} }}",
                iri::state_graph(),
                iri::store_state()
            ),
            &[],
        )?;
        let quads = match stored.first_number() {
            Some(count) => count,
            None => self
                .query(
                    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/narcograph/\")) }",
                    &[],
                )?
                .first_number()
                .unwrap_or(0),
        };
        stats_by_sparql(&|query| self.query(query, &[]), quads)
    }

    /// Writes narcograph's graphs as the store holds them (graphs outside
    /// narcograph's IRIs, such as a server's own, are left out).
    fn dump(&self, format: GraphFormat, canonical: bool, writer: &mut dyn Write) -> Result<(), StoreError> {
        let answer = self.query_stream(
            &format!("SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), \"{BASE}\")) }}"),
            &[],
            QueryOptions::default(),
        )?;
        let AnswerStream::Solutions(rows) = answer else {
            return Err(self.error("answered a SELECT query with no rows".to_owned()));
        };
        let quads = rows.map(|row| {
            let row = row?;
            let term = |i: usize| row.get(i).and_then(Option::as_ref).map(Value::to_term);
            let (Some(Term::NamedNode(s)), Some(Term::NamedNode(p)), Some(o), Some(Term::NamedNode(g))) =
                (term(0), term(1), term(2), term(3))
            else {
                return Err(self
                    .error("answered a quad narcograph never writes (a blank node or a literal subject)".to_owned()));
            };
            Ok(Quad::new(s, p, o, g))
        });
        write_quads(quads, format, canonical, writer)
    }
}
