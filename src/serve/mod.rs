//! `narcograph serve`: the local store as a SPARQL 1.1 Protocol endpoint
//! (queries by GET or POST, answers in the format the client accepts), with
//! the Graph Store HTTP Protocol at `/store` and a page to type queries at
//! `/`. Read-only unless built writable.
//!
//! A read-only endpoint opens the store for each request and closes it after,
//! so it never holds the reader lock between requests: a `load` on the same
//! store goes ahead, and a request that arrives while it writes is answered
//! 503 with `Retry-After`. A writable endpoint is the store's one writer for
//! as long as it runs (a local `load` is refused meanwhile): the team loads
//! through it, with `load --endpoint`.

mod negotiate;

use crate::rdf::protocol::GraphTarget;
use crate::rdf::{AnswerStream, GraphFormat, QueryOptions, ResultFormat, Store, StoreError, results};
use oxhttp::model::header::{ACCEPT, CONTENT_TYPE};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// The largest request body read (a query, an update or a graph).
const MAX_BODY: u64 = 64 * 1024 * 1024;

/// The page at `/`.
const PAGE: &str = include_str!("page.html");

/// What a result answer can be written as, the default first.
const RESULT_FORMATS: &[(&str, ResultFormat)] = &[
    ("application/sparql-results+json", ResultFormat::Json),
    ("application/sparql-results+xml", ResultFormat::Xml),
    ("text/csv", ResultFormat::Csv),
    ("text/tab-separated-values", ResultFormat::Tsv),
    ("application/json", ResultFormat::Json),
];

/// What a graph answer can be written as, the default first.
const GRAPH_FORMATS: &[(&str, GraphFormat)] =
    &[("text/turtle", GraphFormat::Turtle), ("application/n-triples", GraphFormat::NTriples)];

/// What a Graph Store Protocol read can be written as (quad formats name the graph).
const STORE_FORMATS: &[(&str, GraphFormat)] = &[
    ("text/turtle", GraphFormat::Turtle),
    ("application/n-triples", GraphFormat::NTriples),
    ("application/n-quads", GraphFormat::NQuads),
    ("application/trig", GraphFormat::TriG),
];

/// How the endpoint behaves.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The store directory.
    pub store: PathBuf,
    /// Accept SPARQL updates and Graph Store Protocol writes.
    pub writable: bool,
    /// The longest a query may run.
    pub timeout: Duration,
    /// The origin allowed to call from a browser page elsewhere (`*` for
    /// any); `None` sends no CORS headers, so other sites' pages cannot read
    /// the answers.
    pub cors: Option<String>,
}

/// The endpoint: answers one HTTP request at a time per thread.
pub struct Endpoint {
    options: ServeOptions,
    /// The store held open for writing (writable endpoints only).
    writer: Option<Store>,
    /// `options.cors` as a header value, made once.
    allow_origin: Option<HeaderValue>,
}

/// A request refused or failed, as the response will say it.
struct Failure {
    status: StatusCode,
    message: String,
}

impl Failure {
    fn new(status: StatusCode, message: impl Into<String>) -> Failure {
        Failure { status, message: message.into() }
    }
}

impl From<StoreError> for Failure {
    fn from(error: StoreError) -> Failure {
        let status = match &error {
            StoreError::Syntax { .. }
            | StoreError::Parameter { .. }
            | StoreError::Data { .. }
            | StoreError::GraphName { .. }
            | StoreError::UpdateNotAllowed => StatusCode::BAD_REQUEST,
            StoreError::MediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            StoreError::Timeout { .. }
            | StoreError::BeingWritten { .. }
            | StoreError::BeingRead { .. }
            | StoreError::Locked { .. } => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let message = match error {
            StoreError::UpdateNotAllowed => {
                "this is an update: send it as `update=` or application/sparql-update to /update".to_owned()
            }
            other => other.to_string(),
        };
        Failure { status, message }
    }
}

type Answer = Result<Response<Body>, Failure>;

impl Endpoint {
    /// An endpoint over the store at `options.store`. A writable one opens
    /// the store for writing now (and creates it when there is none).
    pub fn new(options: ServeOptions) -> Result<Endpoint, StoreError> {
        let writer = match options.writable {
            true => {
                let store = Store::open(&options.store)?;
                store.ensure_ontology()?;
                Some(store)
            }
            false => None,
        };
        let allow_origin = options.cors.as_deref().and_then(|origin| HeaderValue::from_str(origin).ok());
        Ok(Endpoint { options, writer, allow_origin })
    }

    /// Starts answering on `address`, each connection on its own thread.
    pub fn spawn(self, address: SocketAddr) -> std::io::Result<oxhttp::ListeningServer> {
        let timeout = self.options.timeout;
        oxhttp::Server::new(move |request| self.handle(request))
            .bind(address)
            .with_server_name(concat!("narcograph/", env!("CARGO_PKG_VERSION")))
            .map_err(std::io::Error::other)?
            // A connection idle this long after its query's time is up is dropped.
            .with_global_timeout(timeout + Duration::from_secs(60))
            .with_max_concurrent_connections(64)
            .spawn()
    }

    /// The response to one request.
    pub fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        let answer = match (request.method().clone(), request.uri().path()) {
            (Method::OPTIONS, _) => self.preflight(),
            (Method::GET | Method::HEAD, "/" | "/index.html") if param(request, "query").is_none() => {
                Ok(respond(StatusCode::OK, "text/html; charset=utf-8", PAGE.into()))
            }
            (_, "/" | "/query" | "/sparql" | "/update") => self.protocol(request),
            (_, "/store") => self.graph_store(request),
            _ => Err(Failure::new(StatusCode::NOT_FOUND, "no such page: the endpoint is /query, /update and /store")),
        };
        let mut response = answer.unwrap_or_else(|failure| {
            let mut response =
                respond(failure.status, "text/plain; charset=utf-8", format!("{}\n", failure.message).into());
            if failure.status == StatusCode::SERVICE_UNAVAILABLE {
                response.headers_mut().insert("Retry-After", HeaderValue::from_static("30"));
            }
            response
        });
        if let Some(origin) = &self.allow_origin {
            response.headers_mut().insert("Access-Control-Allow-Origin", origin.clone());
        }
        response
    }

    fn preflight(&self) -> Answer {
        let mut response = respond(StatusCode::NO_CONTENT, "text/plain", Body::empty());
        if self.options.cors.is_some() {
            let methods = if self.options.writable { "GET, POST, PUT, DELETE" } else { "GET, POST" };
            let headers = response.headers_mut();
            headers.insert("Access-Control-Allow-Methods", HeaderValue::from_static(methods));
            headers.insert(
                "Access-Control-Allow-Headers",
                HeaderValue::from_static("Accept, Content-Type, Authorization"),
            );
        }
        Ok(response)
    }

    /// The SPARQL 1.1 Protocol: a query or an update, by GET or POST.
    fn protocol(&self, request: &mut Request<Body>) -> Answer {
        if param(request, "default-graph-uri").is_some() || param(request, "named-graph-uri").is_some() {
            return Err(Failure::new(
                StatusCode::BAD_REQUEST,
                "default-graph-uri and named-graph-uri are not supported: name graphs with FROM or GRAPH in the query",
            ));
        }
        let operation = match request.method() {
            &Method::GET | &Method::HEAD => match param(request, "query") {
                Some(query) => Operation::Query(query),
                None => return Err(Failure::new(StatusCode::BAD_REQUEST, "give the query as ?query=")),
            },
            &Method::POST => {
                let body = read_body(request)?;
                match media_type(request).as_str() {
                    "application/sparql-query" => Operation::Query(text(body)?),
                    "application/sparql-update" => Operation::Update(text(body)?),
                    "application/x-www-form-urlencoded" => {
                        let form: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
                        let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
                        match (field("query"), field("update")) {
                            (Some(query), None) => Operation::Query(query),
                            (None, Some(update)) => Operation::Update(update),
                            _ => {
                                return Err(Failure::new(StatusCode::BAD_REQUEST, "give one of query= or update="));
                            }
                        }
                    }
                    other => {
                        return Err(Failure::new(
                            StatusCode::UNSUPPORTED_MEDIA_TYPE,
                            format!(
                                "cannot read a {other:?} body: send application/sparql-query, application/sparql-update or a form"
                            ),
                        ));
                    }
                }
            }
            _ => return Err(Failure::new(StatusCode::METHOD_NOT_ALLOWED, "use GET or POST")),
        };
        match operation {
            Operation::Query(query) => self.query(&query, header(request, ACCEPT.as_str()).as_deref()),
            Operation::Update(update) => {
                let store = self.writer()?;
                store.update(&update)?;
                Ok(respond(StatusCode::NO_CONTENT, "text/plain", Body::empty()))
            }
        }
    }

    /// Runs `read` on the store: the writable endpoint's own, or the store
    /// opened read-only for this request alone.
    fn reading(&self, read: impl FnOnce(&Store) -> Answer) -> Answer {
        match &self.writer {
            Some(store) => read(store),
            None => read(&Store::open_read_only(&self.options.store)?),
        }
    }

    fn query(&self, query: &str, accept: Option<&str>) -> Answer {
        self.reading(|store| Self::answer(store, query, accept, self.options.timeout))
    }

    fn answer(store: &Store, query: &str, accept: Option<&str>, timeout: Duration) -> Answer {
        let options = QueryOptions { timeout: Some(timeout), limit: None };
        let answer = store.query_stream(query, &[], options)?;
        // Written whole before the response starts: a query that fails
        // half-way (its time is up) answers an error, never half an answer.
        let mut out = Vec::new();
        let media_type = match answer {
            AnswerStream::Graph(triples) => {
                let (media_type, format) = acceptable(accept, GRAPH_FORMATS)?;
                results::write_graph_stream(triples, format, &mut out)?;
                media_type
            }
            answer => {
                let (_, format) = acceptable(accept, RESULT_FORMATS)?;
                results::write_answer_stream(answer, format, &mut out)?;
                // Asked as application/json (generic clients), said as what it is.
                format.media_type()
            }
        };
        Ok(respond(StatusCode::OK, media_type, out.into()))
    }

    /// The Graph Store HTTP Protocol on `?graph=IRI` or `?default`.
    fn graph_store(&self, request: &mut Request<Body>) -> Answer {
        let target = match (param(request, "graph"), param(request, "default")) {
            (Some(iri), None) => GraphTarget::Named(iri),
            (None, Some(_)) => GraphTarget::Default,
            _ => return Err(Failure::new(StatusCode::BAD_REQUEST, "give one of ?graph=IRI or ?default")),
        };
        match request.method().clone() {
            Method::GET | Method::HEAD => {
                let accept = header(request, ACCEPT.as_str());
                self.reading(|store| {
                    if !store.has_graph(&target)? {
                        return Err(Failure::new(StatusCode::NOT_FOUND, "no such graph"));
                    }
                    let (media_type, format) = acceptable(accept.as_deref(), STORE_FORMATS)?;
                    let mut out = Vec::new();
                    store.write_graph(&target, format, &mut out)?;
                    Ok(respond(StatusCode::OK, media_type, out.into()))
                })
            }
            method @ (Method::PUT | Method::POST) => {
                let store = self.writer()?;
                let body = read_body(request)?;
                let created = store.put_graph(&target, &media_type(request), &body, method == Method::PUT)?;
                let status = if created { StatusCode::CREATED } else { StatusCode::NO_CONTENT };
                Ok(respond(status, "text/plain", Body::empty()))
            }
            Method::DELETE => match self.writer()?.drop_graph(&target)? {
                true => Ok(respond(StatusCode::NO_CONTENT, "text/plain", Body::empty())),
                false => Err(Failure::new(StatusCode::NOT_FOUND, "no such graph")),
            },
            _ => Err(Failure::new(StatusCode::METHOD_NOT_ALLOWED, "use GET, PUT, POST or DELETE")),
        }
    }

    fn writer(&self) -> Result<&Store, Failure> {
        self.writer.as_ref().ok_or_else(|| {
            Failure::new(
                StatusCode::FORBIDDEN,
                "this endpoint is read-only: start it with `narcograph serve --writable` to accept updates",
            )
        })
    }
}

enum Operation {
    Query(String),
    Update(String),
}

fn respond(status: StatusCode, content_type: &str, body: Body) -> Response<Body> {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response.headers_mut().insert(CONTENT_TYPE, value);
    }
    response.headers_mut().insert("Vary", HeaderValue::from_static("Accept"));
    response
}

/// The first value of a URL query parameter (a bare `?default` is "").
fn param(request: &Request<Body>, name: &str) -> Option<String> {
    let query = request.uri().query()?;
    form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

fn header(request: &Request<Body>, name: &str) -> Option<String> {
    request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// The request's media type, lowercased, without parameters (`charset`).
fn media_type(request: &Request<Body>) -> String {
    let value = header(request, CONTENT_TYPE.as_str()).unwrap_or_default();
    value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

fn read_body(request: &mut Request<Body>) -> Result<Vec<u8>, Failure> {
    let mut body = Vec::new();
    request
        .body_mut()
        .take(MAX_BODY + 1)
        .read_to_end(&mut body)
        .map_err(|error| Failure::new(StatusCode::BAD_REQUEST, format!("cannot read the request: {error}")))?;
    if body.len() as u64 > MAX_BODY {
        return Err(Failure::new(StatusCode::PAYLOAD_TOO_LARGE, format!("the body is over {MAX_BODY} bytes")));
    }
    Ok(body)
}

fn text(body: Vec<u8>) -> Result<String, Failure> {
    String::from_utf8(body).map_err(|_| Failure::new(StatusCode::BAD_REQUEST, "the body is not UTF-8"))
}

/// The offered format the client accepts best, or 406 listing the offers.
fn acceptable<F: Copy>(accept: Option<&str>, offered: &[(&'static str, F)]) -> Result<(&'static str, F), Failure> {
    let types: Vec<&'static str> = offered.iter().map(|(t, _)| *t).collect();
    let chosen = negotiate::choose(accept, &types).ok_or_else(|| {
        Failure::new(StatusCode::NOT_ACCEPTABLE, format!("this answer can be written as {}", types.join(", ")))
    })?;
    Ok(offered.iter().find(|(t, _)| *t == chosen).copied().unwrap_or(offered[0]))
}
