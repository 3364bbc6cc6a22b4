//! Nothing lost, nothing hung: loads killed at exact points and at random
//! moments, readers during a load, twins of one text, hostile inputs and
//! queries that would run forever. docs/reliability.md lists each case.

use crate::support::{self, Run, Workspace, run_with};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The sample reports, sorted.
fn samples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(support::sample_reports()).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

fn dump(store: &Path) -> String {
    run_with(Some(store), &["export", "--format", "nquads", "--canonical"], None, &[]).ok().stdout
}

fn load_args<'a>(paths: &'a [String], extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["load", "--chunk-size", "3"];
    args.extend(extra);
    args.extend(paths.iter().map(String::as_str));
    args
}

fn strings(paths: &[PathBuf]) -> Vec<String> {
    paths.iter().map(|p| p.display().to_string()).collect()
}

/// Loads `paths` with the process aborted where `point` says; the load must
/// really have been stopped (an abort, not an exit).
fn load_killed_at(store: &Path, paths: &[String], point: &str) {
    let run = run_with(Some(store), &load_args(paths, &[]), None, &[("NARCOGRAPH_TEST_ABORT_AT", point)]);
    assert_eq!(run.code, -1, "the load was not stopped at {point}:\n{}\n{}", run.stdout, run.stderr);
}

/// The kill points: before the first chunk is written, after one chunk,
/// after all chunks, after removing unheld reports, in the middle of the
/// relink (before rewriting reports) and before the entities graph.
const KILL_POINTS: [&str; 6] = ["writing:1", "writing:2", "collecting:1", "linking:1", "rewriting:1", "entities:1"];

/// Two invented reports in different chunks: the first uses an acronym that
/// only the last defines, so the final relink must rewrite the first.
fn with_late_acronym(ws: &Workspace, files: &[PathBuf]) -> Vec<String> {
    let first = ws.write(
        "a-uses.txt",
        "BISHKEK - The ADCB said on Tuesday that 40 kg of hashish had been seized in Kyrgyzstan.\n",
    );
    let last = ws.write(
        "z-defines.txt",
        "BISHKEK - The Anti-Drug Coordination Bureau (ADCB) of Kyrgyzstan seized heroin in Osh.\n",
    );
    let mut all = vec![first.display().to_string()];
    all.extend(strings(files));
    all.push(last.display().to_string());
    all
}

#[test]
fn a_load_killed_at_any_point_is_completed_by_the_next_load() {
    let input = Workspace::new();
    let all = with_late_acronym(&input, &samples());
    let clean = Workspace::new();
    clean.run(&load_args(&all, &[])).ok();
    let expected = dump(&clean.store());
    for point in KILL_POINTS {
        let ws = Workspace::new();
        load_killed_at(&ws.store(), &all, point);
        let next = ws.run(&load_args(&all, &[])).ok();
        if point != "writing:1" {
            assert!(next.stdout.contains("repaired:"), "{point}: {}", next.stdout);
        }
        assert_eq!(dump(&ws.store()), expected, "a fresh store killed at {point} differs after the next load");
    }
}

#[test]
fn a_load_onto_a_populated_store_killed_at_any_point_is_completed() {
    let files = samples();
    let ws_input = Workspace::new();
    // The second load adds reports and replaces one: a file whose text changed.
    let edited = ws_input.write("case.txt", "Police in Osh seized 12 kg of heroin smuggled from Afghanistan.\n");
    let (first, second) = files.split_at(files.len() / 2);
    let mut before = strings(first);
    before.push(edited.display().to_string());
    let mut after = with_late_acronym(&ws_input, second);
    after.push(edited.display().to_string());
    let final_text = "Police in Osh seized 40 kg of hashish smuggled from Tajikistan.\n";

    let clean = Workspace::new();
    clean.run(&load_args(&before, &[])).ok();
    std::fs::write(&edited, final_text).unwrap();
    clean.run(&load_args(&after, &[])).ok();
    let expected = dump(&clean.store());

    for point in KILL_POINTS {
        let ws = Workspace::new();
        std::fs::write(&edited, "Police in Osh seized 12 kg of heroin smuggled from Afghanistan.\n").unwrap();
        ws.run(&load_args(&before, &[])).ok();
        std::fs::write(&edited, final_text).unwrap();
        load_killed_at(&ws.store(), &after, point);
        ws.run(&["repair"]).ok();
        ws.run(&load_args(&after, &[])).ok();
        assert_eq!(dump(&ws.store()), expected, "a populated store killed at {point} differs after repair and load");
    }
}

/// Many distinct reports, so that a load runs long enough to be killed or read during.
fn many_reports(ws: &Workspace, count: usize) -> PathBuf {
    let texts: Vec<String> = samples()
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut lines = String::new();
    for i in 0..count {
        let text = format!("Case {i}. {}", texts[i % texts.len()]);
        lines.push_str(&serde_json::json!({ "id": format!("case-{i}"), "text": text }).to_string());
        lines.push('\n');
    }
    ws.write("many.jsonl", lines)
}

#[test]
fn a_load_killed_at_random_moments_is_completed_by_the_next_load() {
    let input = Workspace::new();
    let many = many_reports(&input, 400).display().to_string();
    let clean = Workspace::new();
    clean.run(&["load", &many]).ok();
    let expected = dump(&clean.store());
    let mut interrupted = 0;
    for delay in [250, 700, 1400] {
        let ws = Workspace::new();
        let mut child = Command::new(env!("CARGO_BIN_EXE_narcograph"))
            .args(["--store", &ws.store().display().to_string(), "load", "--chunk-size", "16", &many])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        if child.wait().unwrap().code().is_none() {
            interrupted += 1;
        }
        ws.run(&["load", &many]).ok();
        assert_eq!(dump(&ws.store()), expected, "killed after {delay} ms: the next load differs from a clean load");
    }
    assert!(interrupted >= 2, "only {interrupted} of the loads were still running when killed");
}

#[test]
fn orphaned_bulk_files_are_removed() {
    let ws = Workspace::new();
    ws.load(&[&samples()[0]]).ok();
    let orphan = ws.store().join("bulk-1234567890.sst");
    std::fs::write(&orphan, b"left by a killed load").unwrap();
    let run = ws.load(&[&samples()[1]]).ok();
    assert!(!orphan.exists());
    assert!(run.stdout.contains("removed: 1 files an interrupted write left behind"), "{}", run.stdout);
}

#[test]
fn readers_during_a_load_succeed_or_are_told_to_wait() {
    let input = Workspace::new();
    let many = many_reports(&input, 400).display().to_string();
    let ws = Workspace::new();
    ws.load(&[&samples()[0]]).ok();
    let store = ws.store().display().to_string();
    let mut loader = Command::new(env!("CARGO_BIN_EXE_narcograph"))
        .args(["--store", &store, "load", "--chunk-size", "32", &many])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut refused = 0;
    let mut answered = 0;
    while loader.try_wait().unwrap().is_none() {
        let mut reader = Command::new(env!("CARGO_BIN_EXE_narcograph"))
            .args(["--store", &store, "stats", "--format", "json"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while reader.try_wait().unwrap().is_none() {
            assert!(started.elapsed() < Duration::from_secs(60), "a reader hung during a load");
            std::thread::sleep(Duration::from_millis(10));
        }
        let output = reader.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        match output.status.code() {
            Some(0) => answered += 1,
            Some(2) if stderr.contains("is being written by another process") => refused += 1,
            other => panic!("a reader during a load ended with {other:?}: {stderr}"),
        }
    }
    assert!(loader.wait().unwrap().success());
    assert!(refused > 0, "no reader ran while the load held the store ({answered} answered)");
    assert_eq!(ws.run(&["stats", "--format", "json"]).ok().json()["reports"], 401);
}

#[test]
fn a_text_held_by_two_inputs_stays_while_either_holds_it() {
    let ws = Workspace::new();
    let text = "Police in Osh seized 3 kg of heroin from Afghanistan.\n";
    let a = ws.write("in/a.txt", text);
    let b = ws.write("in/b.txt", text);
    let run = ws.load(&[&ws.path("in")]).ok();
    assert!(run.stdout.contains("reports: 1 new, 1 unchanged"), "{}", run.stdout);
    // Edit one twin: the other still holds the old text, which must stay.
    std::fs::write(&a, "Police in Bishkek seized 5 kg of hashish.\n").unwrap();
    let run = ws.load(&[&ws.path("in")]).ok();
    assert!(run.stdout.contains("reports: 0 new, 1 unchanged, 1 replaced"), "{}", run.stdout);
    assert!(!run.stdout.contains("removed:"), "{}", run.stdout);
    let texts = |ws: &Workspace| -> Vec<String> {
        let mut texts: Vec<String> = ws
            .select(
                "PREFIX ng: <https://w3id.org/narcograph/ontology#> SELECT ?t WHERE { ?r a ng:Report ; ng:text ?t }",
            )
            .into_iter()
            .map(|row| row["t"].as_str().unwrap().to_owned())
            .collect();
        texts.sort();
        texts
    };
    assert_eq!(texts(&ws), ["Police in Bishkek seized 5 kg of hashish.\n", text]);
    // Now the second twin changes too: the old text has no input left and goes.
    std::fs::write(&b, "Police in Almaty seized 2 kg of cocaine.\n").unwrap();
    let run = ws.load(&[&ws.path("in")]).ok();
    assert!(run.stdout.contains("removed: 1 reports"), "{}", run.stdout);
    assert_eq!(
        texts(&ws),
        ["Police in Almaty seized 2 kg of cocaine.\n", "Police in Bishkek seized 5 kg of hashish.\n"]
    );
    // The same as loading the final files into a new store.
    let fresh = Workspace::new();
    fresh.load(&[&ws.path("in")]).ok();
    assert_eq!(dump(&ws.store()), dump(&fresh.store()));
}

#[test]
fn missing_paths_alone_create_no_store() {
    let ws = Workspace::new();
    let run = ws.load(&[&ws.path("nowhere.txt")]).expect_code(2);
    assert!(run.stderr.contains("nowhere.txt: no such file or folder"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing to read"), "{}", run.stderr);
    assert!(!ws.store().exists(), "a load of nothing created a store");
}

#[test]
fn oversized_reports_are_skipped_and_the_batch_goes_on() {
    let ws = Workspace::new();
    ws.write("in/big.txt", "Police in Osh seized heroin. ".repeat(100));
    ws.write("in/small.txt", "Police in Osh seized 3 kg of heroin.\n");
    let run = ws.run(&["load", "--max-report-bytes", "1000", &ws.path("in").display().to_string()]).expect_code(1);
    assert!(run.stderr.contains("big.txt: report of 2900 bytes is over the limit of 1000 bytes"), "{}", run.stderr);
    assert!(run.stderr.contains("--max-report-bytes"), "{}", run.stderr);
    assert!(run.stdout.contains("reports: 1 new"), "{}", run.stdout);
    let extracted =
        run_with(None, &["extract", "--max-report-bytes", "1000", &ws.path("in").display().to_string()], None, &[])
            .expect_code(1);
    assert_eq!(extracted.json_lines().len(), 1);
    // A device given by name is read to one byte past the limit, then skipped.
    if Path::new("/dev/zero").exists() {
        let run = ws.run(&["load", "--max-report-bytes", "1000", "/dev/zero"]).expect_code(1);
        assert!(run.stderr.contains("/dev/zero: report of more than 1000 bytes is over the limit"), "{}", run.stderr);
    }
}

#[test]
fn pathological_texts_extract_completely() {
    let gazetteers = narcograph::extract::Gazetteers::embedded().unwrap();
    let places = ["Osh", "Almaty", "Tashkent", "Dushanbe", "Bishkek"];
    let listed: Vec<&str> = places.iter().copied().cycle().take(10_000).collect();
    let texts = [
        // One sentence listing thousands of places.
        format!("Heroin was smuggled from Afghanistan through {} and into Russia.\n", listed.join(", ")),
        // One acronym defined again and again.
        "The Anti-Drug Coordination Bureau (ADCB) of Kyrgyzstan said. The ADCB seized heroin.\n".repeat(2_000),
        // A million newlines before the text, and one enormous word.
        format!("{}Police in Osh seized heroin. {}", "\n".repeat(1_000_000), "A".repeat(500_000)),
    ];
    for text in texts {
        let report =
            narcograph::model::Report::new("t.txt", text.clone(), narcograph::model::ReportMetadata::default());
        let extraction = narcograph::extract::extract(&report, gazetteers);
        assert_eq!(extraction.validate(&text), Ok(()));
        assert!(!extraction.entities.is_empty());
    }
}

#[test]
fn hostile_documents_become_diagnostics_or_text() {
    let ws = Workspace::new();
    let depth = 100_000;
    ws.write(
        "in/deep.html",
        format!("<body>{}Police in Osh seized heroin.{}</body>", "<div>".repeat(depth), "</div>".repeat(depth)),
    );
    let mut bomb = String::from("---\ntitle: t\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    for level in b'b'..=b'j' {
        let previous = (level - 1) as char;
        bomb.push_str(&format!(
            "{}: &{} [{}]\n",
            level as char,
            level as char,
            vec![format!("*{previous}"); 8].join(",")
        ));
    }
    bomb.push_str("---\nPolice in Osh seized heroin.\n");
    ws.write("in/bomb.md", bomb);
    ws.write("in/deep.json", format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
    let run = ws.load(&[&ws.path("in")]).expect_code(1);
    assert!(run.stderr.contains("bomb.md: YAML front matter with aliases"), "{}", run.stderr);
    assert!(run.stderr.contains("deep.json: malformed JSON"), "{}", run.stderr);
    assert!(run.stdout.contains("reports: 1 new"), "{}", run.stdout);
}

#[test]
fn queries_are_bounded_and_updates_refused() {
    let ws = Workspace::new();
    ws.load(&[&support::sample_reports()]).ok();
    let started = Instant::now();
    let slow: Run = ws
        .run(&["query", "--timeout", "1", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"])
        .expect_code(2);
    assert!(slow.stderr.contains("stopped after 1 s"), "{}", slow.stderr);
    assert!(started.elapsed() < Duration::from_secs(30));
    let limited = ws.run(&["query", "--limit", "3", "--format", "csv", "-e", "SELECT * WHERE { ?s ?p ?o }"]).ok();
    assert_eq!(limited.stdout.lines().count(), 4, "{}", limited.stdout);
    let table = ws.run(&["query", "--limit", "2", "-e", "SELECT * WHERE { ?s ?p ?o }"]).ok();
    assert!(table.stdout.ends_with("(2 rows)\n"), "{}", table.stdout);
    let update = ws
        .run(&["query", "-e", "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"])
        .expect_code(2);
    assert!(update.stderr.contains("updates are not allowed"), "{}", update.stderr);
}

#[test]
fn repair_on_a_consistent_store_changes_nothing() {
    let ws = Workspace::new();
    ws.load(&[&support::sample_reports()]).ok();
    let before = dump(&ws.store());
    let run = ws.run(&["repair"]).ok();
    assert!(run.stdout.contains("the store was consistent"), "{}", run.stdout);
    assert_eq!(dump(&ws.store()), before);
    let none = Workspace::new();
    none.run(&["repair"]).expect_code(2);
}

#[test]
fn reports_stored_in_an_older_shape_are_rewritten_by_the_next_load() {
    use oxigraph::model::{GraphName, NamedNode, NamedNodeRef, Quad};
    let ws = Workspace::new();
    ws.load(&[&support::sample_reports()]).ok();
    let dump = |ws: &Workspace| ws.run(&["export", "--format", "nquads", "--canonical"]).ok().stdout;
    let today = dump(&ws);
    // Give one report the shape an older narcograph wrote: mention nodes
    // typed ng:Mention, and no ng:mentionSpans.
    {
        let store = oxigraph::store::Store::open(ws.store()).unwrap();
        let spans = NamedNodeRef::new("https://w3id.org/narcograph/ontology#mentionSpans").unwrap();
        let old: Vec<Quad> = store.quads_for_pattern(None, Some(spans), None, None).map(Result::unwrap).collect();
        let GraphName::NamedNode(graph) = old[0].graph_name.clone() else { panic!("{:?}", old[0]) };
        for quad in old.iter().filter(|q| q.graph_name == GraphName::NamedNode(graph.clone())) {
            store.remove(quad).unwrap();
        }
        store
            .insert(&Quad::new(
                NamedNode::new(format!("{}/mention/0", graph.as_str())).unwrap(),
                NamedNode::new("http://www.w3.org/1999/02/22-rdf-syntax-ns#type").unwrap(),
                NamedNode::new("https://w3id.org/narcograph/ontology#Mention").unwrap(),
                graph,
            ))
            .unwrap();
        store.flush().unwrap();
    }
    assert_ne!(dump(&ws), today);
    // Loading the same inputs again changes no report, yet rewrites that one.
    let again = ws.load(&[&support::sample_reports()]).ok();
    assert!(again.stdout.contains("relinked: 1 reports rewritten"), "{}", again.stdout);
    assert_eq!(dump(&ws), today);
}
