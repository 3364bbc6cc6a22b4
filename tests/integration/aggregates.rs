//! The aggregates graph kept at load time equals the graph built from every
//! event, whatever the order and chunking of the loads; the narrower views
//! and searches built on it give what the full graph gives.

use crate::support::Workspace;
use narcograph::graph;
use narcograph::rdf::Store;

/// Every edge of a view as comparable text: ends, relation, reports, substances, kilograms.
/// (Not the parts a load keeps to update an edge, which views do not read;
/// canonical dumps compare those.)
fn edges(view: &graph::Graph) -> Vec<String> {
    view.aggregate_edges()
        .into_iter()
        .map(|e| format!("{:?}", narcograph::model::AggregateEdge { parts: Vec::new(), standing: false, ..e }))
        .collect()
}

fn views(ws: &Workspace) -> (Vec<String>, Vec<String>) {
    let store = Store::open_read_only(&ws.store()).unwrap();
    (edges(&graph::load(&store).unwrap()), edges(&graph::load_from_events(&store).unwrap()))
}

#[test]
fn aggregates_equal_a_rebuild_from_events_after_loads_in_any_order_and_chunking() {
    let samples = crate::support::sample_reports();
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&samples).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let (first, second) = files.split_at(files.len() / 2);
    let as_args =
        |paths: &[std::path::PathBuf]| -> Vec<String> { paths.iter().map(|p| p.display().to_string()).collect() };

    // All at once.
    let once = Workspace::new();
    once.load(&[&samples]).ok();
    // The edges really come from the aggregates graph.
    let kept = once.select(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/narcograph/graph/aggregates> \
         { ?e a <https://w3id.org/narcograph/ontology#AggregateEdge> } }",
    );
    let (aggregated, rebuilt) = views(&once);
    assert_eq!(kept[0]["n"].as_str().and_then(|n| n.parse::<usize>().ok()), Some(aggregated.len()), "{kept:?}");
    assert!(aggregated.len() > 50, "{aggregated:?}");
    assert_eq!(aggregated, rebuilt);

    // Two loads, second half first, one report per chunk.
    let split = Workspace::new();
    let mut args = vec!["load".to_owned(), "--chunk-size".to_owned(), "1".to_owned()];
    args.extend(as_args(second));
    split.run(&args.iter().map(String::as_str).collect::<Vec<_>>()).ok();
    let mut args = vec!["load".to_owned()];
    args.extend(as_args(first));
    split.run(&args.iter().map(String::as_str).collect::<Vec<_>>()).ok();
    let (split_aggregated, split_rebuilt) = views(&split);
    assert_eq!(split_aggregated, split_rebuilt);
    // The same reports give the same aggregates, however they came in (paths aside:
    // the edges hold report IRIs, which depend on text only).
    assert_eq!(split_aggregated, aggregated);
}

/// The sample reports loaded, and their store open for reading (bind the
/// workspace first, so that the store is closed before its folder goes).
fn samples_loaded() -> (Workspace, Store) {
    let ws = Workspace::new();
    ws.load(&[&crate::support::sample_reports()]).ok();
    let store = Store::open_read_only(&ws.store()).unwrap();
    (ws, store)
}

/// Every node of a view as comparable text.
fn nodes(view: &graph::Graph) -> Vec<String> {
    view.sorted_nodes().into_iter().map(|id| format!("{:?}", view[id])).collect()
}

#[test]
fn the_routes_view_equals_the_full_graph_cut_to_places_and_routes() {
    let (_ws, store) = samples_loaded();
    let full = graph::load(&store).unwrap();
    let places_and_routes = |view: &graph::Graph| {
        view.filtered(|node| node.kind.is_place(), |edge| edge.relation == graph::Relation::Route)
    };
    let cut = places_and_routes(&full);
    let routes = graph::load_routes(&store).unwrap();
    assert!(routes.edge_count() > 10 && routes.edge_count() < full.edge_count(), "{}", routes.edge_count());
    // Places only (with their names, centres and report counts), and no other edge.
    assert!(routes.node_count() < full.node_count());
    assert!(routes.sorted_nodes().into_iter().all(|id| routes[id].kind.is_place()));
    assert_eq!(edges(&routes), edges(&cut));
    assert_eq!(nodes(&places_and_routes(&routes)), nodes(&cut));
    // The reports behind the routes are known with their dates, and their
    // sources are read for the channels shown: the channels found on either
    // view are the same.
    let filter =
        graph::ChannelFilter { to: Some("Kazakhstan".to_owned()), max_hops: 4, ..graph::ChannelFilter::default() };
    let on_routes =
        graph::channels_with_sources(&routes, &filter, &mut |reports| graph::report_sources(&store, reports)).unwrap();
    assert!(on_routes.iter().all(|c| c.reports.newest.iter().all(|r| r.contains("data/reports/"))), "{on_routes:?}");
    let on_full = graph::channels(&full, &filter).unwrap();
    assert!(!on_routes.is_empty());
    assert_eq!(format!("{on_routes:?}"), format!("{on_full:?}"));
}

#[test]
fn a_limited_channel_search_finds_the_same_best_channels_as_the_full_one() {
    let (_ws, store) = samples_loaded();
    let view = graph::load_routes(&store).unwrap();
    for to in ["Kazakhstan", "Russia", "Kyrgyzstan"] {
        let unlimited = graph::ChannelFilter { to: Some(to.to_owned()), max_hops: 4, ..Default::default() };
        let all = graph::channels(&view, &unlimited).unwrap();
        assert!(all.len() > 3, "{to}: {}", all.len());
        for limit in [1, 2, 3] {
            let filter = graph::ChannelFilter { limit: Some(limit), ..unlimited.clone() };
            let best = graph::channels(&view, &filter).unwrap();
            assert_eq!(format!("{best:?}"), format!("{:?}", &all[..limit]), "{to}, limit {limit}");
        }
    }
}

#[test]
fn generated_reports_loaded_in_steps_with_replacements_give_the_store_one_load_gives() {
    let steps = Workspace::new();
    let generated = steps.run(&["generate", "--seed", "3", "--count", "240"]).ok().stdout;
    let lines: Vec<&str> = generated.lines().collect();
    let files: Vec<std::path::PathBuf> = lines
        .chunks(80)
        .enumerate()
        .map(|(n, chunk)| steps.write(&format!("part{n}.jsonl"), chunk.join("\n") + "\n"))
        .collect();
    for file in &files {
        steps.load(&[file]).ok();
    }
    // A newer version of every fourth report of the first part: same ids,
    // other texts; the old reports go, their parts with them.
    let newer: Vec<String> = lines[..80]
        .iter()
        .enumerate()
        .map(|(n, line)| {
            let mut report: serde_json::Value = serde_json::from_str(line).unwrap();
            if n % 4 == 0 {
                let text = report["text"].as_str().unwrap().replace("kilograms", "kg");
                report["text"] = serde_json::Value::String(text + "\n\nTwo more suspects were detained later.\n");
            }
            report.to_string()
        })
        .collect();
    std::fs::write(&files[0], newer.join("\n") + "\n").unwrap();
    let replaced = steps.load(&[&files[0]]).ok();
    assert!(replaced.stdout.contains("20 replaced"), "{}", replaced.stdout);

    let once = Workspace::new();
    once.load(&files.iter().map(|f| f.as_path()).collect::<Vec<_>>()).ok();
    let dump = |ws: &Workspace| ws.run(&["export", "--format", "nquads", "--canonical"]).ok().stdout;
    let expected = dump(&once);
    assert!(expected.contains("reportParts"));
    assert_eq!(dump(&steps), expected, "loading in steps with replacements changed the store");
    let (aggregated, rebuilt) = views(&steps);
    assert_eq!(aggregated, rebuilt);
    // A rebuild from every event gives the same again.
    steps.run(&["repair"]).ok();
    assert_eq!(dump(&steps), expected);
}

#[test]
fn a_load_of_more_reports_than_one_read_step_keeps_every_reports_part() {
    // A load reads the events of the reports it wrote in steps of 512: an
    // edge stated by reports in two steps must keep both steps' parts.
    let steps = Workspace::new();
    let generated = steps.run(&["generate", "--seed", "5", "--count", "640"]).ok().stdout;
    let lines: Vec<&str> = generated.lines().collect();
    let first = steps.write("first.jsonl", lines[..40].join("\n") + "\n");
    let rest = steps.write("rest.jsonl", lines[40..].join("\n") + "\n");
    steps.load(&[&first]).ok();
    steps.load(&[&rest]).ok();

    let once = Workspace::new();
    once.load(&[&first, &rest]).ok();
    let dump = |ws: &Workspace| ws.run(&["export", "--format", "nquads", "--canonical"]).ok().stdout;
    let expected = dump(&once);
    assert_eq!(dump(&steps), expected, "the second load lost parts of its reports");
    let (aggregated, rebuilt) = views(&steps);
    assert_eq!(aggregated, rebuilt);
}
