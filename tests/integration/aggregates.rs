//! The aggregates graph kept at load time equals the graph built from every
//! event, whatever the order and chunking of the loads.

use crate::support::Workspace;
use narcograph::graph;
use narcograph::rdf::Store;

/// Every edge of a view as comparable text: ends, relation, reports, substances, kilograms.
fn edges(view: &graph::Graph) -> Vec<String> {
    view.aggregate_edges().iter().map(|e| format!("{e:?}")).collect()
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
