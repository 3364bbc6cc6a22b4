//! `narcograph serve`: the SPARQL 1.1 Protocol and Graph Store Protocol
//! endpoint, exercised over real HTTP on loopback.

use crate::support::{self, Workspace};
use oxhttp::model::{Body, Method, Request};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `narcograph serve` process on a free loopback port, stopped on drop.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    pub fn start(ws: &Workspace, extra: &[&str]) -> Server {
        // A port the system just gave out and took back: free unless another
        // process grabs it in the next milliseconds.
        let port = support::free_port();
        let bind = format!("127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_narcograph"))
            .arg("--store")
            .arg(ws.store())
            .args(["serve", "--bind", &bind])
            .args(extra)
            .env_remove("NARCOGRAPH_STORE")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while std::net::TcpStream::connect(&bind).is_err() {
            assert!(started.elapsed() < Duration::from_secs(30), "the server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Server { child, base: format!("http://{bind}") }
    }

    /// Sends a request; returns the status, content type and body.
    fn send(&self, method: Method, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
        let mut request = Request::builder().method(method).uri(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = oxhttp::Client::new().request(request.body(Body::from(body.to_owned())).unwrap()).unwrap();
        let header = |name: &str| response.headers().get(name).map(|v| v.to_str().unwrap().to_owned());
        let (content_type, cors) = (header("content-type").unwrap_or_default(), header("access-control-allow-origin"));
        let status = response.status().as_u16();
        Reply { status, content_type, cors, body: response.into_body().to_string().unwrap() }
    }

    /// A query by POST (form-encoded), answered as `accept` asks.
    fn query(&self, query: &str, accept: &str) -> Reply {
        let form: String = form_urlencoded::Serializer::new(String::new()).append_pair("query", query).finish();
        self.send(
            Method::POST,
            "/query",
            &[("Content-Type", "application/x-www-form-urlencoded"), ("Accept", accept)],
            &form,
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    content_type: String,
    cors: Option<String>,
    body: String,
}

fn encoded(query: &str) -> String {
    form_urlencoded::byte_serialize(query.as_bytes()).collect()
}

const TYPES: &str = "SELECT ?type (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/narcograph/graph/entities> { ?e ng:entityType ?type } } GROUP BY ?type ORDER BY ?type";

#[test]
fn queries_by_get_and_post_are_answered_in_the_format_the_client_accepts() {
    let ws = Workspace::new();
    ws.load(&[&support::sample_reports()]).ok();
    let server = Server::start(&ws, &[]);

    // GET, JSON by default: the same rows `narcograph query` gives.
    let get = server.send(Method::GET, &format!("/query?query={}", encoded(TYPES)), &[], "");
    assert_eq!((get.status, get.content_type.as_str()), (200, "application/sparql-results+json"), "{get:?}");
    let local = ws.run(&["query", "-e", TYPES, "--format", "json"]).ok().json();
    let served: serde_json::Value = serde_json::from_str(&get.body).unwrap();
    assert_eq!(support::bindings(&served), support::bindings(&local));
    assert!(support::bindings(&served).iter().any(|row| row["type"] == "Country"), "{served}");
    assert_eq!(get.cors, None, "no CORS unless asked");

    // POST: form, or the query as the body; each result format on request.
    let csv = server.query(TYPES, "text/csv");
    assert!(csv.content_type.starts_with("text/csv"), "{csv:?}");
    assert!(csv.body.starts_with("type,n\r\n") && csv.body.contains("Country,"), "{csv:?}");
    let tsv = server.query(TYPES, "text/tab-separated-values;q=0.9, text/csv;q=0.5");
    assert!(tsv.body.starts_with("?type\t?n"), "{tsv:?}");
    let xml = server.send(
        Method::POST,
        "/sparql",
        &[("Content-Type", "application/sparql-query"), ("Accept", "application/sparql-results+xml")],
        TYPES,
    );
    assert_eq!(xml.status, 200);
    assert!(xml.body.contains("<sparql") && xml.body.contains("Country"), "{xml:?}");
    let ask = server.query("ASK { ?r a ng:Report }", "application/json");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&ask.body).unwrap()["boolean"], true, "{ask:?}");

    // A graph answer: Turtle by default, N-Triples on request, never results.
    let construct = "CONSTRUCT { ?c a ng:Country } WHERE { ?c a ng:Country } LIMIT 3";
    let turtle = server.query(construct, "*/*");
    assert_eq!(turtle.content_type, "text/turtle", "{turtle:?}");
    let ntriples = server.query(construct, "application/n-triples");
    assert_eq!(ntriples.body.lines().count(), 3, "{ntriples:?}");
    assert_eq!(server.query(construct, "text/csv").status, 406);
    assert_eq!(server.query(TYPES, "image/png").status, 406);

    // Mistakes are plain messages with the status that fits.
    let bad = server.query("SELECT ?x WHERE { ?x", "*/*");
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("invalid SPARQL"), "{bad:?}");
    assert_eq!(server.send(Method::GET, "/query", &[], "").status, 400);
    assert_eq!(server.send(Method::GET, "/nothing-here", &[], "").status, 404);
    let wrong_type = server.send(Method::POST, "/query", &[("Content-Type", "text/plain")], TYPES);
    assert_eq!(wrong_type.status, 415, "{wrong_type:?}");

    // The page to type queries in.
    let page = server.send(Method::GET, "/", &[], "");
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html") && page.body.contains("<textarea"), "{page:?}");
}

#[test]
fn a_read_only_endpoint_refuses_updates_and_does_not_keep_a_load_waiting() {
    let ws = Workspace::new();
    ws.load(&[&support::sample_reports()]).ok();
    let quads = ws.quads();
    let server = Server::start(&ws, &[]);
    let update = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:c> } }";
    let refused = server.send(Method::POST, "/update", &[("Content-Type", "application/sparql-update")], update);
    assert_eq!(refused.status, 403, "{refused:?}");
    assert!(refused.body.contains("--writable"), "{refused:?}");
    // An update sent as a query is named as such.
    assert_eq!(server.query(update, "*/*").status, 400);
    let put =
        server.send(Method::PUT, "/store?graph=urn:x:g", &[("Content-Type", "text/turtle")], "<urn:x:a> <urn:x:b> 1 .");
    assert_eq!(put.status, 403, "{put:?}");
    assert_eq!(ws.quads(), quads, "nothing was written");

    // A load beside the running endpoint, which then sees the new report.
    let count = "SELECT (COUNT(*) AS ?n) WHERE { ?r a ng:Report }";
    let before: serde_json::Value = serde_json::from_str(&server.query(count, "*/*").body).unwrap();
    let report = ws.write(
        "new.md",
        "---\ndate: 2024-05-01\n---\nPolice in Almaty seized 12 kg of heroin smuggled from Afghanistan through Tajikistan.\n",
    );
    ws.load(&[&report]).ok();
    let after: serde_json::Value = serde_json::from_str(&server.query(count, "*/*").body).unwrap();
    let n = |v: &serde_json::Value| support::bindings(v)[0]["n"].as_str().unwrap().parse::<u64>().unwrap();
    assert_eq!(n(&after), n(&before) + 1);
}

#[test]
fn a_writable_endpoint_takes_updates_and_graph_writes_whole_or_not_at_all() {
    let ws = Workspace::new();
    ws.load(&[&support::sample_reports()]).ok();
    let server = Server::start(&ws, &["--writable", "--cors", "*"]);
    let count = |graph: &str| -> usize {
        let query = format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}");
        let reply: serde_json::Value = serde_json::from_str(&server.query(&query, "*/*").body).unwrap();
        support::bindings(&reply)[0]["n"].as_str().unwrap().parse().unwrap()
    };

    let update = "INSERT DATA { GRAPH <urn:x:u> { <urn:x:a> <urn:x:b> \"c\" } }";
    let done = server.send(Method::POST, "/update", &[("Content-Type", "application/sparql-update")], update);
    assert_eq!(done.status, 204, "{done:?}");
    assert_eq!(done.cors.as_deref(), Some("*"));
    assert_eq!(count("urn:x:u"), 1);

    // Graph Store Protocol: PUT creates, PUT again replaces, POST adds.
    let turtle = |n: usize| (0..n).map(|i| format!("<urn:x:s{i}> <urn:x:p> {i} .\n")).collect::<String>();
    let put = |body: &str| server.send(Method::PUT, "/store?graph=urn:x:g", &[("Content-Type", "text/turtle")], body);
    assert_eq!(put(&turtle(3)).status, 201);
    assert_eq!(count("urn:x:g"), 3);
    assert_eq!(put(&turtle(2)).status, 204);
    assert_eq!(count("urn:x:g"), 2, "PUT replaces");
    let post = server.send(
        Method::POST,
        "/store?graph=urn:x:g",
        &[("Content-Type", "application/n-triples")],
        "<urn:x:t> <urn:x:p> \"added\" .\n",
    );
    assert_eq!(post.status, 204, "{post:?}");
    assert_eq!(count("urn:x:g"), 3);
    // Data that does not parse writes nothing.
    let broken = put(&format!("{}<urn:x:broken", turtle(5)));
    assert_eq!(broken.status, 400, "{broken:?}");
    assert_eq!(count("urn:x:g"), 3);
    let unknown = server.send(Method::PUT, "/store?graph=urn:x:g", &[("Content-Type", "image/png")], "x");
    assert_eq!(unknown.status, 415, "{unknown:?}");
    let read = server.send(Method::GET, "/store?graph=urn:x:g", &[("Accept", "application/n-triples")], "");
    assert_eq!((read.status, read.body.lines().count()), (200, 3), "{read:?}");
    assert_eq!(server.send(Method::DELETE, "/store?graph=urn:x:g", &[], "").status, 204);
    assert_eq!(server.send(Method::GET, "/store?graph=urn:x:g", &[], "").status, 404);
    assert_eq!(server.send(Method::DELETE, "/store?graph=urn:x:g", &[], "").status, 404);

    // The endpoint is the store's writer while it runs: a local load is told so.
    let refused = ws.load(&[&support::sample_reports()]).expect_code(2);
    assert!(refused.stderr.contains("another writer"), "{}", refused.stderr);
}

#[test]
fn a_query_past_the_endpoint_s_time_limit_is_stopped() {
    let ws = Workspace::new();
    ws.load(&[&support::sample_reports()]).ok();
    let server = Server::start(&ws, &["--timeout", "0.3"]);
    let started = Instant::now();
    let slow = server.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "*/*");
    assert_eq!(slow.status, 503, "{slow:?}");
    assert!(slow.body.contains("time limit"), "{slow:?}");
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn queries_through_an_endpoint_answer_what_the_local_store_answers() {
    let ws = Workspace::new();
    ws.load(&[&support::sample_reports()]).ok();
    let server = Server::start(&ws, &[]);
    let endpoint = format!("{}/query", server.base);
    let queries: &[&[&str]] = &[
        &["query", "--name", "routes-into", "--param", "destination=kazakhstan"],
        &["query", "--name", "seizures-per-year", "--format", "csv"],
        &["query", "-e", TYPES, "--format", "json"],
        &["query", "-e", "ASK { ?r a ng:Report }", "--format", "json"],
        &["query", "--format", "ntriples", "-e", "CONSTRUCT { ?c a ng:Country } WHERE { ?c a ng:Country }"],
        &["query", "--name", "transit-hubs", "--limit", "2", "--format", "tsv"],
        // `stats` counts the same (its JSON does not name the store).
        &["stats", "--format", "json"],
    ];
    // The remote runs have no --store: the remote store is the only one used.
    support::assert_commands_answer_as_local(&ws, &endpoint, queries);
    // The environment names the endpoint as well.
    let by_env = support::run_with(
        None,
        &["query", "-e", TYPES, "--format", "json"],
        None,
        &[("NARCOGRAPH_ENDPOINT", &endpoint)],
    );
    assert_eq!(by_env.ok().stdout, ws.run(&["query", "-e", TYPES, "--format", "json"]).ok().stdout);
}

#[test]
fn an_endpoint_that_is_down_refuses_or_is_not_supported_is_a_clear_error() {
    // Nothing listens on a port just given back.
    let port = support::free_port();
    let down = format!("http://127.0.0.1:{port}/query");
    let run = support::run_with(None, &["--endpoint", &down, "query", "-e", "ASK { ?s ?p ?o }"], None, &[]);
    let run = run.expect_code(2);
    assert!(run.stderr.contains("cannot be reached"), "{}", run.stderr);

    // An endpoint that wants credentials: the token is sent, never printed.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/sparql", listener.local_addr().unwrap());
    let seen = std::thread::spawn(move || {
        use std::io::{Read, Write};
        let (mut stream, _) = listener.accept().unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut request = Vec::new();
        let mut buffer = [0u8; 4096];
        while !String::from_utf8_lossy(&request).contains("\r\n\r\n") {
            let n = stream.read(&mut buffer).unwrap();
            if n == 0 {
                break;
            }
            request.extend_from_slice(&buffer[..n]);
        }
        let body = "no entry";
        let reply =
            format!("HTTP/1.1 401 Unauthorized\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
        stream.write_all(reply.as_bytes()).unwrap();
        String::from_utf8_lossy(&request).to_lowercase()
    });
    let run = support::run_with(
        None,
        &["--endpoint", &url, "query", "-e", "ASK { ?s ?p ?o }"],
        None,
        &[("NARCOGRAPH_ENDPOINT_TOKEN", "s3cret-token")],
    )
    .expect_code(2);
    let request = seen.join().unwrap();
    assert!(request.contains("authorization: bearer s3cret-token"), "{request}");
    assert!(request.contains("accept: application/sparql-results+json"), "{request}");
    assert!(run.stderr.contains("NARCOGRAPH_ENDPOINT_TOKEN") && run.stderr.contains("no entry"), "{}", run.stderr);
    assert!(!run.stderr.contains("s3cret") && !run.stdout.contains("s3cret"), "{}", run.stderr);

    // Commands that work on the local store only say so.
    let ws = Workspace::new();
    let serve = support::run_with(Some(&ws.store()), &["serve"], None, &[("NARCOGRAPH_ENDPOINT", &url)]);
    let serve = serve.expect_code(2);
    assert!(serve.stderr.contains("does not apply to `serve`"), "{}", serve.stderr);
    // Remote write settings without a remote store are refused, not ignored.
    let stray = ws.run(&["load", "--graph-store", &url, &support::sample_reports().display().to_string()]);
    assert!(stray.expect_code(2).stderr.contains("apply with --endpoint"));
    let bad = support::run_with(None, &["--endpoint", "ftp://x", "query", "-e", "ASK {}"], None, &[]).expect_code(2);
    assert!(bad.stderr.contains("not an http"), "{}", bad.stderr);
}
