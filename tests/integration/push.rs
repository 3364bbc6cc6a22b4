//! `load --endpoint`: the local store as staging, the remote store (here
//! narcograph's own `serve --writable`) brought to the same graphs, every
//! reading command answering there as it does locally, re-loads idempotent,
//! and nothing half-written when the remote store fails.

use crate::serve::Server;
use crate::support::{self, Workspace};
use oxhttp::model::{Body, Method, Request};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;

/// `load --endpoint ... --format json` from the workspace's store; its summary.
fn push(ws: &Workspace, endpoint: &str, folder: &Path, extra: &[&str]) -> serde_json::Value {
    let folder = folder.display().to_string();
    let mut args = vec!["--endpoint", endpoint, "load", folder.as_str(), "--format", "json"];
    args.extend_from_slice(extra);
    ws.run(&args).ok().json()
}

fn count(summary: &serde_json::Value, field: &str) -> u64 {
    summary["remote"][field].as_u64().unwrap_or_else(|| panic!("no remote.{field} in {summary}"))
}

/// Rewrites one sample report so its text (and so its report) changes.
fn change_report(folder: &Path, name: &str) {
    let path = folder.join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("heroin", "opium", 1) + "\nA later update named no new facts.\n").unwrap();
}

const INCOMING: &str =
    "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"urn:narcograph:incoming:\")) }";

#[test]
fn a_load_through_an_endpoint_brings_the_remote_store_to_the_local_one_and_reloads_idempotently() {
    let team = Workspace::new();
    let server = Server::start(&team, &["--writable"]);
    let endpoint = format!("{}/query", server.base);
    let ws = Workspace::new();
    let folder = support::copy_sample_reports(&ws);

    let first = push(&ws, &endpoint, &folder, &[]);
    assert!(count(&first, "graphs_written") > 15, "{first}");
    assert_eq!(count(&first, "graphs_removed"), 0);
    assert_eq!(count(&first, "triples_sent"), first["store"]["quads"].as_u64().unwrap(), "{first}");
    support::assert_remote_answers_as_local(&ws, &endpoint);

    // The same reports again: nothing to send.
    let again = push(&ws, &endpoint, &folder, &[]);
    assert_eq!((count(&again, "graphs_written"), count(&again, "graphs_removed")), (0, 0), "{again}");

    // A changed report: its old graph goes, the new one and the shared graphs come.
    change_report(&folder, "2024-03-kg-osh-heroin.txt");
    let changed = push(&ws, &endpoint, &folder, &[]);
    assert_eq!(changed["replaced"], 1, "{changed}");
    assert!(count(&changed, "graphs_removed") >= 1, "{changed}");
    assert!(count(&changed, "graphs_written") >= 2, "{changed}");
    // The shared graphs went as their differences, not whole.
    assert!(count(&changed, "triples_sent") * 4 < count(&first, "triples_sent"), "{changed}");
    support::assert_remote_answers_as_local(&ws, &endpoint);

    // The same through the Graph Store Protocol.
    change_report(&folder, "2024-08-pl-parcels.txt");
    let graph_store = format!("{}/store", server.base);
    let by_gsp = push(&ws, &endpoint, &folder, &["--graph-store", &graph_store]);
    assert!(count(&by_gsp, "graphs_written") >= 2, "{by_gsp}");
    support::assert_remote_answers_as_local(&ws, &endpoint);
    let remote_query = ["--endpoint", endpoint.as_str(), "query", "-e", INCOMING, "--format", "csv"];
    assert_eq!(support::run_with(None, &remote_query, None, &[]).ok().stdout.trim(), "g");

    // A staging store built again from the same reports finds the remote
    // store in step but for the load times (the ingestion graph, one graph).
    let fresh = Workspace::new();
    let rebuilt = push(&fresh, &endpoint, &folder, &[]);
    assert_eq!(count(&rebuilt, "graphs_written"), 1, "{rebuilt}");
    assert_eq!(count(&rebuilt, "triples_sent"), rebuilt["store"]["reports"].as_u64().unwrap(), "{rebuilt}");
}

/// What a test proxy lets through.
#[derive(Clone)]
enum Gate {
    /// Refuses (500) a request whose body contains this.
    RefuseBodyWith(&'static str),
    /// Refuses (401) a request without this `Authorization` header.
    RequireAuthorization(String),
}

/// A proxy in front of `upstream` that passes on what its gate lets through.
fn start_proxy(upstream: String, gate: Gate) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let (upstream, gate) = (upstream.clone(), gate.clone());
            std::thread::spawn(move || relay(stream, &upstream, &gate));
        }
    });
    format!("http://{address}")
}

fn relay(mut stream: TcpStream, upstream: &str, gate: &Gate) {
    let mut raw = Vec::new();
    let mut buffer = [0u8; 65536];
    let end = loop {
        let n = stream.read(&mut buffer).unwrap();
        assert!(n > 0, "the client closed the connection mid-request");
        raw.extend_from_slice(&buffer[..n]);
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
    };
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let header = |name: &str| {
        head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim().to_owned())
        })
    };
    let length: usize = header("content-length").map_or(0, |v| v.parse().unwrap());
    while raw.len() < end + length {
        let n = stream.read(&mut buffer).unwrap();
        raw.extend_from_slice(&buffer[..n]);
    }
    let body = raw[end..end + length].to_vec();
    let mut words = head.split_whitespace();
    let (method, path) = (words.next().unwrap().to_owned(), words.next().unwrap().to_owned());
    let refused = match gate {
        Gate::RefuseBodyWith(text) => {
            String::from_utf8_lossy(&body).contains(text).then_some((500, "refused by the test"))
        }
        Gate::RequireAuthorization(expected) => {
            (header("authorization").as_ref() != Some(expected)).then_some((401, "no entry"))
        }
    };
    let (status, content_type, answer) = if let Some((status, text)) = refused {
        (status, "text/plain".to_owned(), text.as_bytes().to_vec())
    } else {
        let mut request =
            Request::builder().method(Method::from_bytes(method.as_bytes()).unwrap()).uri(format!("{upstream}{path}"));
        for name in ["content-type", "accept"] {
            if let Some(value) = header(name) {
                request = request.header(name, value);
            }
        }
        let response = oxhttp::Client::new().request(request.body(Body::from(body)).unwrap()).unwrap();
        let status = response.status().as_u16();
        let content_type = response.headers().get("content-type").map_or("", |v| v.to_str().unwrap()).to_owned();
        (status, content_type, response.into_body().to_vec().unwrap())
    };
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        answer.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&answer);
}

#[test]
fn a_remote_store_that_fails_or_refuses_is_left_as_it_was_and_the_next_load_finishes() {
    let team = Workspace::new();
    let server = Server::start(&team, &["--writable"]);
    let endpoint = format!("{}/query", server.base);
    let ws = Workspace::new();
    let folder = support::copy_sample_reports(&ws);
    push(&ws, &endpoint, &folder, &[]);
    let dump = |url: &str| {
        support::run_with(None, &["--endpoint", url, "export", "--format", "nquads", "--canonical"], None, &[])
            .ok()
            .stdout
    };
    let before = dump(&endpoint);

    // The commit is refused after the upload went through: the live graphs
    // are untouched and what was staged is taken away.
    change_report(&folder, "2024-03-kg-osh-heroin.txt");
    let proxy = format!("{}/query", start_proxy(server.base.clone(), Gate::RefuseBodyWith("MOVE SILENT")));
    let folder_text = folder.display().to_string();
    let failed = ws.run(&["--endpoint", &proxy, "load", &folder_text]).expect_code(2);
    assert!(failed.stderr.contains("refused by the test"), "{}", failed.stderr);
    assert!(failed.stderr.contains("run the same `load --endpoint` again"), "{}", failed.stderr);
    assert_eq!(dump(&endpoint), before, "the failed push changed the remote store");
    let remote_query = ["--endpoint", endpoint.as_str(), "query", "-e", INCOMING, "--format", "csv"];
    assert_eq!(support::run_with(None, &remote_query, None, &[]).ok().stdout.trim(), "g");

    // The local store has the change; the next load pushes it.
    let finished = push(&ws, &endpoint, &folder, &[]);
    assert_eq!(finished["replaced"], 0, "{finished}");
    assert!(count(&finished, "graphs_written") >= 2 && count(&finished, "graphs_removed") >= 1, "{finished}");
    support::assert_remote_answers_as_local(&ws, &endpoint);

    // A read-only endpoint refuses the upload itself: the same message, the store as it was.
    let other = Workspace::new();
    other.load(&[&support::sample_reports()]).ok();
    let read_only = Server::start(&other, &[]);
    let read_only_endpoint = format!("{}/query", read_only.base);
    let refused = ws.run(&["--endpoint", &read_only_endpoint, "load", &folder_text]).expect_code(2);
    assert!(refused.stderr.contains("is not brought to it"), "{}", refused.stderr);
    assert_eq!(other.run(&["export", "--format", "nquads", "--canonical"]).ok().stdout.lines().count(), {
        let alone = Workspace::new();
        alone.load(&[&support::sample_reports()]).ok();
        alone.run(&["export", "--format", "nquads", "--canonical"]).ok().stdout.lines().count()
    });

    // A store that wants credentials (a bearer token, or a user and password):
    // every request of the push carries them (it answers 401 to any without),
    // and they are never printed.
    use base64::Engine as _;
    let basic = base64::engine::general_purpose::STANDARD.encode("analyst:pa:ss w0rd");
    let ways = [
        ("Bearer s3cret-push".to_owned(), vec![("NARCOGRAPH_ENDPOINT_TOKEN", "s3cret-push")], "2024-08-pl-parcels.txt"),
        (
            format!("Basic {basic}"),
            vec![("NARCOGRAPH_ENDPOINT_USER", "analyst"), ("NARCOGRAPH_ENDPOINT_PASSWORD", "pa:ss w0rd")],
            "2024-10-ir-zahedan.txt",
        ),
    ];
    for (expected, environment, report) in ways {
        let guarded = format!("{}/query", start_proxy(server.base.clone(), Gate::RequireAuthorization(expected)));
        let refused = ws.run(&["--endpoint", &guarded, "load", &folder_text]).expect_code(2);
        assert!(refused.stderr.contains("NARCOGRAPH_ENDPOINT_TOKEN"), "{}", refused.stderr);
        change_report(&folder, report);
        let allowed = support::run_with(
            Some(&ws.store()),
            &["--endpoint", &guarded, "load", &folder_text, "--format", "json"],
            None,
            &environment,
        )
        .ok();
        assert!(count(&allowed.json(), "graphs_written") >= 2, "{}", allowed.stdout);
        for secret in ["s3cret", "pa:ss"] {
            assert!(!allowed.stdout.contains(secret) && !allowed.stderr.contains(secret));
        }
        support::assert_remote_answers_as_local(&ws, &endpoint);
    }

    // A server that is down: one clear line, exit 2.
    let down = format!("http://127.0.0.1:{}/query", support::free_port());
    let unreachable = ws.run(&["--endpoint", &down, "load", &folder_text]).expect_code(2);
    assert!(unreachable.stderr.contains("cannot be reached"), "{}", unreachable.stderr);
}
