//! The command line end to end: load -> query -> export on the sample reports,
//! idempotent loading, replacement, every input format, bad inputs and exit
//! codes, the extract contract, and the seed report's routes.

use crate::support::{self, Workspace, bindings, run_with};
use std::collections::BTreeSet;

#[test]
fn load_query_export_on_the_sample_reports() {
    let ws = Workspace::new();
    let load = ws.load(&[&support::sample_reports()]).ok();
    assert!(load.stdout.contains("reports: 17 new, 0 unchanged, 0 replaced, 0 skipped"), "{}", load.stdout);
    assert!(load.stdout.contains("seconds:"), "{}", load.stdout);

    let stats = ws.run(&["stats", "--format", "json"]).ok().json();
    assert_eq!(stats["reports"], 17);
    assert!(stats["routes"].as_u64().unwrap() >= 10, "{stats}");
    // The quad count stored when the load finished is the store's true count,
    // and stays so after a load that changes nothing.
    let counted = |ws: &Workspace| -> u64 {
        ws.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"].as_str().unwrap().parse().unwrap()
    };
    assert_eq!(stats["quads"].as_u64(), Some(counted(&ws)), "{stats}");
    ws.load(&[&support::sample_reports()]).ok();
    assert_eq!(ws.run(&["stats", "--format", "json"]).ok().json()["quads"].as_u64(), Some(counted(&ws)));

    // A named query with a parameter, in the default table format.
    let table = ws.run(&["query", "--name", "routes-into", "--param", "destination=Kazakhstan"]).ok();
    for origin in ["Poland", "Netherlands", "Kyrgyzstan", "China"] {
        assert!(table.stdout.contains(origin), "{origin} missing from\n{}", table.stdout);
    }

    // The entity graph as DOT, accepted by Graphviz.
    let dot = ws.run(&["export", "--format", "dot"]).ok();
    assert!(dot.stdout.starts_with("digraph narcograph {"));
    assert!(dot.stdout.contains("Ministry of Internal Affairs of Kazakhstan"));
    assert_dot_renders(&dot.stdout);
    let svg = ws.path("channels.svg");
    ws.run(&["export", "--view", "channels", "--format", "svg", "-o", &svg.display().to_string()]).ok();
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));
}

/// Graphviz must accept the DOT (CI installs it; a missing `dot` fails the test).
pub fn assert_dot_renders(dot: &str) {
    let svg = narcograph::export::render_svg(dot).unwrap_or_else(|e| panic!("{e}"));
    assert!(String::from_utf8_lossy(&svg).contains("<svg"));
}

#[test]
fn loading_twice_changes_nothing() {
    let ws = Workspace::new();
    ws.load(&[&support::sample_reports()]).ok();
    let before = ws.quads();
    let again = ws.load(&[&support::sample_reports()]).ok();
    assert!(again.stdout.contains("reports: 0 new, 17 unchanged, 0 replaced, 0 skipped"), "{}", again.stdout);
    assert_eq!(ws.quads(), before);
}

#[test]
fn a_changed_report_replaces_its_facts() {
    let ws = Workspace::new();
    let path = ws.write("reports/case.txt", "Cocaine was smuggled into Kazakhstan from Italy, police said.\n");
    ws.load(&[&path]).ok();
    let origins = || -> BTreeSet<String> {
        ws.select(
            "PREFIX ng: <https://w3id.org/narcograph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
             SELECT ?o WHERE { ?r a ng:Trafficking ; ng:origin ?e . ?e a ng:Entity ; rdfs:label ?o }",
        )
        .into_iter()
        .map(|row| row["o"].as_str().unwrap().to_owned())
        .collect()
    };
    assert_eq!(origins(), BTreeSet::from(["Italy".to_owned()]));
    ws.write("reports/case.txt", "Cocaine was smuggled into Kazakhstan from Peru, police said.\n");
    let reload = ws.load(&[&path]).ok();
    assert!(reload.stdout.contains("0 new, 0 unchanged, 1 replaced"), "{}", reload.stdout);
    assert_eq!(origins(), BTreeSet::from(["Peru".to_owned()]));
    assert_eq!(ws.run(&["stats", "--format", "json"]).ok().json()["reports"], 1);
}

#[test]
fn every_input_format_loads() {
    let ws = Workspace::new();
    ws.write("in/a.txt", "Heroin Seized in Osh\n\nPolice in Osh seized 3 kg of heroin.\n");
    ws.write("in/b.md", "---\ntitle: Cocaine in Almaty\ndate: 2024-03-05\nsource: Test Wire\nurl: https://example.org/b\n---\nAlmaty police seized cocaine.\n");
    ws.write(
        "in/c.html",
        "<html><head><title>Opium in Zahedan</title><script>var x = 'Kabul';</script></head><body><p>Police in Zahedan seized opium.</p></body></html>",
    );
    ws.write("in/d.json", r#"{"id": "d-1", "title": "Hashish in Bishkek", "date": "2024-01-02", "text": "Police in Bishkek seized hashish."}"#);
    ws.write(
        "in/e.json",
        r#"[{"title": "One", "text": "Police in Dushanbe seized opium."}, {"title": "Two", "text": "Police in Tashkent seized heroin."}]"#,
    );
    ws.write(
        "in/f.jsonl",
        "{\"id\": \"f-1\", \"text\": \"Police in Tehran seized opium.\"}\n{\"id\": \"f-2\", \"text\": \"Police in Kabul seized heroin.\"}\n",
    );
    ws.write("in/ignored.csv", "not,a,report\n");
    ws.load(&[&ws.path("in")]).ok();
    ws.run_stdin(&["load", "-"], "Police in Moscow seized mephedrone.\n").ok();
    let rows = ws.select(
        "PREFIX ng: <https://w3id.org/narcograph/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
         SELECT ?source ?title ?date WHERE { ?r a ng:Report . ?input ng:holds ?r ; ng:sourcePath ?source OPTIONAL { ?r dcterms:title ?title } OPTIONAL { ?r dcterms:date ?date } }",
    );
    let sources: BTreeSet<String> =
        rows.iter().map(|r| r["source"].as_str().unwrap().rsplit('/').next().unwrap().to_owned()).collect();
    let expected: BTreeSet<String> =
        ["a.txt", "b.md", "c.html", "d.json", "e.json#1", "e.json#2", "f.jsonl#1", "f.jsonl#2", "-"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
    assert_eq!(sources, expected);
    let title = |source: &str| {
        rows.iter().find(|r| r["source"].as_str().unwrap().ends_with(source)).and_then(|r| r.get("title").cloned())
    };
    assert_eq!(title("b.md").unwrap(), "Cocaine in Almaty");
    assert_eq!(title("c.html").unwrap(), "Opium in Zahedan");
    assert_eq!(title("a.txt").unwrap(), "Heroin Seized in Osh");
    let dated = rows.iter().find(|r| r["source"].as_str().unwrap().ends_with("b.md")).unwrap();
    assert_eq!(dated["date"], "2024-03-05");
    // The script in the HTML head is not report text.
    let texts = ws.select(
        "PREFIX ng: <https://w3id.org/narcograph/ontology#> SELECT ?text WHERE { ?input ng:holds ?r ; ng:sourcePath ?s . ?r ng:text ?text FILTER(STRENDS(?s, \"c.html\")) }",
    );
    let html_text = texts[0]["text"].as_str().unwrap();
    assert_eq!(html_text, "Police in Zahedan seized opium.\n");
}

#[test]
fn bad_inputs_are_skipped_and_exit_with_1() {
    let ws = Workspace::new();
    ws.write("in/good.txt", "Police in Osh seized 3 kg of heroin.\n");
    ws.write("in/binary.txt", b"\x00\x01\x02binary");
    ws.write("in/latin1.txt", b"caf\xe9 au lait\n");
    ws.write("in/empty.txt", "  \n");
    ws.write("in/broken.json", "{\"text\": \"unterminated");
    ws.write("in/lines.jsonl", "{\"text\": \"Police in Bishkek seized hashish.\"}\n{oops\n{\"title\": \"no text\"}\n");
    let run = ws.load(&[&ws.path("in"), &ws.path("missing.txt")]).expect_code(1);
    assert!(run.stdout.contains("reports: 2 new, 0 unchanged, 0 replaced, 7 skipped"), "{}", run.stdout);
    for needle in [
        "binary.txt: not a text file",
        "latin1.txt: not valid UTF-8",
        "empty.txt: empty report",
        "broken.json: malformed JSON",
        "lines.jsonl:2: malformed JSON",
        "lines.jsonl:3: missing \"text\" field",
        "missing.txt: no such file or folder",
    ] {
        assert!(run.stderr.contains(needle), "{needle:?} not in\n{}", run.stderr);
    }
    assert_eq!(ws.run(&["stats", "--format", "json"]).ok().json()["reports"], 2);
}

#[test]
fn a_locked_store_is_a_fatal_error() {
    let ws = Workspace::new();
    ws.load(&[&support::sample_reports().join("2024-03-kg-osh-heroin.txt")]).ok();
    let _held = narcograph::rdf::Store::open(&ws.store()).unwrap();
    let run = ws.load(&[&support::sample_reports().join("2024-04-tj-border.md")]).expect_code(2);
    assert!(run.stderr.contains("in use by another writer"), "{}", run.stderr);
}

#[test]
fn extract_output_follows_the_contract() {
    let reports = support::extract(&[&support::sample_reports()], &[]);
    assert_eq!(reports.len(), 17);
    let types = ["Country", "City", "Region", "Agency", "Official", "Person", "CriminalGroup", "Substance"];
    for report in &reports {
        for field in ["report", "source", "title", "date", "entities", "routes", "seizures"] {
            assert!(report.get(field).is_some(), "{field} missing");
        }
        assert!(report["report"].as_str().unwrap().starts_with("https://w3id.org/narcograph/report/"));
        let source = report["source"].as_str().unwrap();
        let text = report_text(source);
        let mut ids = BTreeSet::new();
        for entity in report["entities"].as_array().unwrap() {
            assert!(types.contains(&entity["type"].as_str().unwrap()), "{entity}");
            assert!(!entity["label"].as_str().unwrap().is_empty());
            assert!(ids.insert(entity["id"].as_str().unwrap().to_owned()), "entity listed twice: {entity}");
            for mention in entity["mentions"].as_array().unwrap() {
                let (start, end) =
                    (mention["start"].as_u64().unwrap() as usize, mention["end"].as_u64().unwrap() as usize);
                if let Some(text) = &text {
                    assert_eq!(&text[start..end], mention["text"].as_str().unwrap(), "{source}");
                }
            }
        }
        for route in report["routes"].as_array().unwrap() {
            for end in ["origin", "destination"] {
                assert!(ids.contains(route[end].as_str().unwrap()), "{route}");
            }
            for list in ["via", "substances"] {
                assert!(route[list].as_array().unwrap().iter().all(|id| ids.contains(id.as_str().unwrap())));
            }
            let evidence = &route["evidence"];
            assert!(evidence["start"].as_u64().unwrap() < evidence["end"].as_u64().unwrap());
        }
        for seizure in report["seizures"].as_array().unwrap() {
            for field in ["substances", "min_kg", "max_kg", "location", "agency"] {
                assert!(seizure.get(field).is_some(), "{field} missing in {seizure}");
            }
        }
    }
}

/// The text offsets refer to, for the plain-text samples (the others are decoded first).
fn report_text(source: &str) -> Option<String> {
    source.ends_with(".txt").then(|| std::fs::read_to_string(source).unwrap())
}

#[test]
fn the_seed_report_gives_italy_and_poland_as_origins_of_cocaine_into_kazakhstan() {
    if std::env::var_os("NARCOGRAPH_SKIP_EVAL").is_some() {
        return;
    }
    let Some(seed) = support::seed_report() else {
        panic!("../shared/seed-report.txt is needed beside the repository (NARCOGRAPH_SKIP_EVAL=1 skips it)");
    };
    let ws = Workspace::new();
    ws.load(&[&seed]).ok();
    let rows = ws.select(
        "PREFIX ng: <https://w3id.org/narcograph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
         SELECT DISTINCT ?origin WHERE {
           ?route a ng:Trafficking ; ng:origin ?o ; ng:destination ?d ; ng:substance ?s .
           ?o rdfs:label ?origin . ?d rdfs:label \"Kazakhstan\"@en . ?s rdfs:label \"cocaine\"@en .
         } ORDER BY ?origin",
    );
    let origins: Vec<&str> = rows.iter().map(|r| r["origin"].as_str().unwrap()).collect();
    assert_eq!(origins, vec!["Italy", "Poland"]);
}

#[test]
fn query_formats_and_errors() {
    let ws = Workspace::new();
    ws.load(&[&support::sample_reports().join("2024-07-kz-cocaine-coffee.md")]).ok();
    let select = "SELECT ?s WHERE { ?s a <https://w3id.org/narcograph/ontology#Report> }";
    let json = ws.run(&["query", "-e", select, "--format", "json"]).ok().json();
    assert_eq!(bindings(&json).len(), 1);
    let xml = ws.run(&["query", "-e", select, "--format", "xml"]).ok();
    assert!(xml.stdout.contains("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">"));
    let csv = ws.run(&["query", "-e", select, "--format", "csv"]).ok();
    assert!(csv.stdout.starts_with("s\r\nhttps://w3id.org/narcograph/report/"), "{:?}", csv.stdout);
    let tsv = ws.run(&["query", "-e", select, "--format", "tsv"]).ok();
    assert!(tsv.stdout.starts_with("?s\n<https://w3id.org/narcograph/report/"), "{:?}", tsv.stdout);
    let ask = ws.run(&["query", "-e", "ASK { ?s ?p ?o }"]).ok();
    assert_eq!(ask.stdout.trim(), "true");
    let construct = ws
        .run(&[
            "query",
            "-e",
            "CONSTRUCT { ?s a ?t } WHERE { ?s a <https://w3id.org/narcograph/ontology#Country> . ?s a ?t }",
        ])
        .ok();
    assert!(construct.stdout.contains("ng:Country"), "{}", construct.stdout);
    let file = ws.write("q.rq", select);
    assert!(ws.run(&["query", &file.display().to_string()]).ok().stdout.contains("(1 row)"));
    // A syntax error shows the parser's message with its position.
    let error = ws.run(&["query", "-e", "SELECT ?x WHERE { ?x ?y }"]).expect_code(2);
    assert!(error.stderr.contains("invalid SPARQL query") && error.stderr.contains("1:"), "{}", error.stderr);
    // A named query without its parameter says which is missing.
    let missing = ws.run(&["query", "--name", "routes-into"]).expect_code(2);
    assert!(missing.stderr.contains("--param destination="), "{}", missing.stderr);
    // Parameters are bound as terms, not spliced into the text.
    let injected =
        ws.run(&["query", "--name", "routes-into", "-p", "destination=x\") } SELECT * WHERE { ?a ?b ?c"]).ok();
    assert!(injected.stdout.contains("(0 rows)"), "{}", injected.stdout);
}

#[test]
fn help_is_useful_for_every_command() {
    for command in ["load", "extract", "query", "export", "entities", "channels", "graph", "stats"] {
        let run = run_with(None, &[command, "--help"], None, &[]).ok();
        assert!(run.stdout.contains("Usage: narcograph"), "{command}: {}", run.stdout);
        assert!(run.stdout.contains("--store"), "{command}");
    }
}

#[test]
fn load_draws_no_progress_bar_into_a_pipe() {
    let ws = Workspace::new();
    ws.write(
        "a.md",
        "---\ndate: 2024-01-01\n---\nHeroin was smuggled from Afghanistan into Tajikistan, police said.\n",
    );
    let run = ws.run(&["load", &ws.path("a.md").display().to_string()]).ok();
    // Standard error is not a terminal here: no bar, no escape codes, just the summary on stdout.
    assert!(!run.stderr.contains("left,") && !run.stderr.contains('\u{1b}'), "{}", run.stderr);
    assert!(run.stdout.contains("store:"), "{}", run.stdout);
}

#[test]
fn every_help_ends_with_examples_that_name_the_command() {
    let ws = Workspace::new();
    let commands: &[&[&str]] = &[
        &["load"],
        &["extract"],
        &["query"],
        &["export"],
        &["entities"],
        &["channels"],
        &["graph"],
        &["graph", "path"],
        &["graph", "centrality"],
        &["graph", "communities"],
        &["graph", "neighbors"],
        &["stats"],
        &["repair"],
        &["generate"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push("--help");
        let help = ws.run(&args).ok().stdout;
        let examples = help.rsplit_once("Examples:").map(|(_, tail)| tail).unwrap_or_default();
        let invocation = format!("narcograph {}", command.join(" "));
        assert!(
            examples.lines().filter(|l| l.contains("narcograph ") && command.iter().all(|w| l.contains(w))).count()
                >= 2,
            "`{invocation} --help` must end with two or more examples:\n{help}"
        );
    }
}

#[test]
fn flags_that_do_not_apply_are_refused_and_formats_are_one_flag_everywhere() {
    let ws = Workspace::new();
    ws.write(
        "a.md",
        "---\ndate: 2024-01-01\n---\nHeroin was smuggled from Afghanistan into Tajikistan, police said.\n",
    );
    ws.load(&[&ws.path("a.md")]).ok();
    for refused in [
        &["export", "--format", "nquads", "--view", "channels"][..],
        &["export", "--format", "dot", "--canonical"],
        &["export", "--view", "channels", "--center", "Tajikistan"],
        &["export", "--hops", "3"],
        &["graph", "centrality", "--view", "channels", "--relations", "routes,cooperation"],
        &["entities", "--explain", "Tajikistan", "--format", "csv"],
        &["stats", "--format", "csv"],
    ] {
        let run = ws.run(refused).expect_code(2);
        assert!(!run.stderr.is_empty(), "{refused:?} must say why");
    }
    // The same --format values on every listing command.
    for listing in [
        &["entities"][..],
        &["graph", "centrality"],
        &["graph", "communities"],
        &["graph", "neighbors", "Tajikistan"],
        &["graph", "path", "Afghanistan", "Tajikistan"],
    ] {
        let mut json = listing.to_vec();
        json.extend(["--format", "json"]);
        assert!(ws.run(&json).ok().json().is_array(), "{listing:?}");
        let mut csv = listing.to_vec();
        csv.extend(["--format", "csv"]);
        let out = ws.run(&csv).ok().stdout;
        let mut reader = csv::Reader::from_reader(out.as_bytes());
        assert!(reader.headers().is_ok_and(|h| !h.is_empty()) && reader.records().count() > 0, "{listing:?}: {out}");
    }
    let path = ws.run(&["graph", "path", "Afghanistan", "Tajikistan", "--format", "json"]).ok().json();
    assert_eq!(path[0]["relation"], "route", "{path}");
}

#[test]
fn load_prints_its_summary_as_json_when_asked() {
    let ws = Workspace::new();
    ws.write(
        "a.md",
        "---\ndate: 2024-01-01\n---\nHeroin was smuggled from Afghanistan into Tajikistan, police said.\n",
    );
    let path = ws.path("a.md").display().to_string();
    let first = ws.run(&["load", &path, "--format", "json"]).ok().json();
    assert_eq!((first["new"].as_u64(), first["store"]["reports"].as_u64()), (Some(1), Some(1)), "{first}");
    let again = ws.run(&["load", &path, "--format", "json"]).ok().json();
    assert_eq!((again["new"].as_u64(), again["unchanged"].as_u64()), (Some(0), Some(1)), "{again}");
}

#[test]
fn generated_reports_are_deterministic_and_load() {
    let ws = Workspace::new();
    let first = ws.run(&["generate", "--count", "40", "--seed", "3"]).ok().stdout;
    assert_eq!(ws.run(&["generate", "--count", "40", "--seed", "3"]).ok().stdout, first);
    assert_ne!(ws.run(&["generate", "--count", "40", "--seed", "4"]).ok().stdout, first);
    ws.write("generated.jsonl", &first);
    let load = ws.run(&["load", &ws.path("generated.jsonl").display().to_string(), "--format", "json"]).ok().json();
    assert_eq!(load["new"], 40, "{load}");
    assert!(load["store"]["routes"].as_u64().unwrap() >= 20, "most generated reports state a route: {load}");
}

#[test]
fn extract_as_nquads_writes_what_a_load_stores_but_the_tallies_over_the_collection() {
    let ws = Workspace::new();
    ws.load(&[&support::sample_reports()]).ok();
    let reports = support::sample_reports().display().to_string();
    let shard = support::run_with(None, &["--quiet", "extract", &reports, "--format", "nquads"], None, &[]).ok().stdout;
    let dump = ws.run(&["export", "--format", "nquads", "--canonical"]).ok().stdout;
    let tally = |line: &&str| {
        line.ends_with("<https://w3id.org/narcograph/graph/aggregates> .") || line.contains("ontology#reportCount> \"")
    };
    let expected: Vec<&str> = dump.lines().filter(|line| !tally(line)).collect();
    assert!(expected.len() < dump.lines().count(), "the store holds tallies to leave out");
    assert_eq!(shard.lines().collect::<Vec<_>>(), expected);
}
