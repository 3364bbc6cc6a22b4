//! narcograph against a real, independent SPARQL store: Virtuoso (Debian's
//! `virtuoso-opensource`, which `.ci/setup` installs), started on loopback
//! ports in a temporary folder, loaded either in bulk with the store's own
//! N-Quads export, as a team would load a cluster, or by `load --endpoint`.

use crate::support::{self, Workspace};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const VIRTUOSO: &str = "/usr/bin/virtuoso-t";
const ISQL: &str = "/usr/bin/isql-vt";
const SYSTEM_INI: &str = "/etc/virtuoso-opensource-7/virtuoso.ini";

/// A Virtuoso server on free loopback ports, its database in `dir`; killed on drop.
struct Virtuoso {
    child: Child,
    sql_port: u16,
    endpoint: String,
}

impl Virtuoso {
    fn start(dir: &Path) -> Virtuoso {
        for program in [VIRTUOSO, ISQL, SYSTEM_INI] {
            assert!(Path::new(program).exists(), "{program} is missing: install virtuoso-opensource (.ci/setup does)");
        }
        let (sql_port, http_port) = (support::free_port(), support::free_port());
        // The packaged configuration, with the database, ports and the
        // folders the bulk loader may read moved to this test's own.
        let ini: String = std::fs::read_to_string(SYSTEM_INI)
            .unwrap()
            .lines()
            .map(|line| {
                let key = line.split('=').next().unwrap_or_default().trim();
                let value = line.split_once('=').map(|(_, v)| v.trim()).unwrap_or_default();
                match key {
                    "DatabaseFile" | "ErrorLogFile" | "LockFile" | "TransactionFile" | "xa_persistent_file"
                        if value.starts_with("/var/lib/virtuoso-opensource-7/db/") =>
                    {
                        let file = value.rsplit('/').next().unwrap();
                        format!("{key} = {}", dir.join(file).display())
                    }
                    "ServerPort" if value.starts_with("1111") => format!("ServerPort = 127.0.0.1:{sql_port}"),
                    "ServerPort" if value.starts_with("8890") => format!("ServerPort = 127.0.0.1:{http_port}"),
                    "DirsAllowed" => format!("DirsAllowed = ., {}", dir.display()),
                    _ => line.to_owned(),
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let config = dir.join("virtuoso.ini");
        std::fs::write(&config, ini).unwrap();
        let child = Command::new(VIRTUOSO)
            .args(["+foreground", "+configfile"])
            .arg(&config)
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Virtuoso { child, sql_port, endpoint: format!("http://127.0.0.1:{http_port}/sparql") };
        let started = Instant::now();
        loop {
            let ask = support::run_with(None, &["--endpoint", &server.endpoint, "query", "-e", "ASK {}"], None, &[]);
            if ask.code == 0 {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(120), "Virtuoso did not start: {}", ask.stderr);
            std::thread::sleep(Duration::from_millis(500));
        }
        server
    }

    /// Runs SQL through Virtuoso's own client (the default `dba` account of a new database).
    fn sql(&self, statements: &str) {
        let output = Command::new(ISQL)
            .args([&self.sql_port.to_string(), "dba", "dba", &format!("exec={statements}")])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success() && !text.contains("*** Error"), "{statements}: {text}");
    }
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// CSV rows, each cell's list (", " or "; " separated) sorted, rows sorted:
/// stores may order a GROUP_CONCAT's values and the rows of an unordered
/// query differently, and nothing else.
fn normalised(csv_text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(csv_text.as_bytes());
    let mut rows: Vec<Vec<String>> = reader
        .records()
        .map(|record| {
            record
                .unwrap()
                .iter()
                .map(|cell| {
                    let separator = if cell.contains("; ") { "; " } else { ", " };
                    let mut parts: Vec<&str> = cell.split(separator).collect();
                    parts.sort_unstable();
                    parts.join(separator)
                })
                .collect()
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn every_named_query_on_virtuoso_answers_what_the_local_store_answers() {
    let ws = Workspace::new();
    ws.load(&[&support::sample_reports()]).ok();
    let dir = tempfile::tempdir().unwrap();
    let virtuoso = Virtuoso::start(dir.path());
    // The team recipe: export (or `extract`) N-Quads, bulk-load them into the store.
    let nquads = ws.run(&["export", "--format", "nquads"]).ok().stdout;
    std::fs::write(dir.path().join("store.nq"), &nquads).unwrap();
    virtuoso.sql(&format!(
        "ld_dir('{}', 'store.nq', 'urn:narcograph:unused'); rdf_loader_run(); checkpoint;",
        dir.path().display()
    ));
    let count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/narcograph/\")) }";
    let remote = |args: &[&str]| {
        let mut all = vec!["--endpoint", virtuoso.endpoint.as_str()];
        all.extend_from_slice(args);
        support::run_with(None, &all, None, &[]).ok().stdout
    };
    let loaded = remote(&["query", "-e", count, "--format", "csv"]);
    assert_eq!(loaded.lines().nth(1), Some(nquads.lines().count().to_string().as_str()), "{loaded}");

    // `stats` reads the same counts (the quad count the load stored, loaded with the dump).
    assert_eq!(remote(&["stats", "--format", "json"]), ws.run(&["stats", "--format", "json"]).ok().stdout);

    assert_named_queries_match(&ws, &virtuoso.endpoint);

    // Virtuoso cuts an answer at its row limit (10,000 here, with its own
    // graphs in the union): an error, never a short list; a row limit asked
    // for goes to the server.
    let everything = ["--endpoint", virtuoso.endpoint.as_str(), "query", "-e", "SELECT ?s WHERE { ?s ?p ?o }"];
    let cut = support::run_with(None, &everything, None, &[]).expect_code(2);
    assert!(cut.stderr.contains("ResultSetMaxRows"), "{}", cut.stderr);
    let mut limited = everything.to_vec();
    limited.extend(["--limit", "3", "--format", "csv"]);
    assert_eq!(support::run_with(None, &limited, None, &[]).ok().stdout.lines().count(), 4);
}

/// Every named query gives the same rows (up to order) on Virtuoso as on the
/// workspace's local store.
fn assert_named_queries_match(ws: &Workspace, endpoint: &str) {
    let params: &[(&str, &[&str])] = &[
        ("routes-into", &["destination=kazakhstan"]),
        ("origins-of-substance", &["substance=opiates"]),
        ("multi-report-entities", &["minReports=2"]),
        ("entity-evidence", &["name=Kazakh Interior Ministry"]),
    ];
    for named in narcograph::query::catalogue() {
        let mut args = vec!["query", "--name", named.name, "--format", "csv"];
        for param in params.iter().find(|(n, _)| *n == named.name).map_or(&[][..], |(_, p)| p) {
            args.extend(["--param", param]);
        }
        let local = ws.run(&args).ok().stdout;
        assert!(local.lines().count() > 1, "{} gives no rows locally", named.name);
        let mut remote_args = vec!["--endpoint", endpoint];
        remote_args.extend_from_slice(&args);
        let remote = support::run_with(None, &remote_args, None, &[]).ok().stdout;
        assert_eq!(normalised(&remote), normalised(&local), "{}", named.name);
    }
}

#[test]
fn a_load_through_virtuoso_s_endpoint_answers_as_the_local_store_and_reloads_idempotently() {
    let dir = tempfile::tempdir().unwrap();
    let virtuoso = Virtuoso::start(dir.path());
    // Virtuoso's anonymous SPARQL account may write once granted SPARQL_UPDATE
    // (a team's server would use an authenticated account instead).
    virtuoso.sql("GRANT SPARQL_UPDATE TO \"SPARQL\";");
    let ws = Workspace::new();
    let folder = support::copy_sample_reports(&ws);
    let folder_text = folder.display().to_string();
    let load = |extra: &[&str]| {
        let mut args = vec!["--endpoint", virtuoso.endpoint.as_str(), "load", folder_text.as_str(), "--format", "json"];
        args.extend_from_slice(extra);
        ws.run(&args).ok().json()
    };
    let first = load(&[]);
    assert!(first["remote"]["graphs_written"].as_u64().unwrap() > 15, "{first}");
    support::assert_remote_answers_as_local(&ws, &virtuoso.endpoint);
    assert_named_queries_match(&ws, &virtuoso.endpoint);

    let again = load(&[]);
    assert_eq!(again["remote"]["graphs_written"], 0, "{again}");

    // A changed report, sent through Virtuoso's Graph Store Protocol endpoint.
    let path = folder.join("2024-03-kg-osh-heroin.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("heroin", "opium", 1)).unwrap();
    let graph_store = virtuoso.endpoint.replace("/sparql", "/sparql-graph-crud");
    let changed = load(&["--graph-store", &graph_store]);
    assert!(changed["remote"]["graphs_removed"].as_u64().unwrap() >= 1, "{changed}");
    support::assert_remote_answers_as_local(&ws, &virtuoso.endpoint);
    assert_named_queries_match(&ws, &virtuoso.endpoint);
}

#[test]
fn shards_extracted_apart_and_bulk_loaded_together_answer_as_one_load_of_every_report() {
    let ws = Workspace::new();
    ws.load(&[&support::sample_reports()]).ok();
    let mut files: Vec<String> = std::fs::read_dir(support::sample_reports())
        .unwrap()
        .map(|entry| entry.unwrap().path().display().to_string())
        .collect();
    files.sort();
    // Two shards of whole halves: near-duplicate stories (the two Almaty
    // reports) are grouped within a shard only, so they stay together.
    let (first, second) = files.split_at(files.len() / 2);
    let dir = tempfile::tempdir().unwrap();
    for (number, shard) in [first, second].iter().enumerate() {
        let mut args = vec!["--quiet", "extract", "--format", "nquads"];
        args.extend(shard.iter().map(String::as_str));
        let quads = support::run_with(None, &args, None, &[]).ok().stdout;
        // The same shard on another machine: one thread, files in another order, the same bytes.
        let mut again = vec!["--quiet", "--threads", "1", "extract", "--format", "nquads"];
        again.extend(shard.iter().rev().map(String::as_str));
        assert_eq!(support::run_with(None, &again, None, &[]).ok().stdout, quads);
        assert!(!quads.contains("graph/aggregates>"), "a shard holds no tally over the collection");
        std::fs::write(dir.path().join(format!("shard-{number}.nq")), quads).unwrap();
    }
    let virtuoso = Virtuoso::start(dir.path());
    virtuoso.sql("GRANT SPARQL_UPDATE TO \"SPARQL\";");
    virtuoso.sql(&format!(
        "ld_dir('{}', 'shard-*.nq', 'urn:narcograph:unused'); rdf_loader_run(); checkpoint;",
        dir.path().display()
    ));
    // The one tally a shard cannot know, counted on the merged store.
    let recount = support::run_with(None, &["--endpoint", &virtuoso.endpoint, "repair"], None, &[]).ok();
    assert!(recount.stdout.contains("recounted"), "{}", recount.stdout);
    let views: Vec<&[&str]> = support::READING_COMMANDS
        .iter()
        .copied()
        // The merged store keeps no aggregates and no bookkeeping: its dump and quad count differ.
        .filter(|args| !args.contains(&"nquads") && args[0] != "stats")
        .collect();
    support::assert_commands_answer_as_local(&ws, &virtuoso.endpoint, &views);
    assert_named_queries_match(&ws, &virtuoso.endpoint);
}
