//! Graph algorithms over a view: how two entities are connected, which
//! entities are hubs, which act together, and what lies around one.

use super::{Graph, NodeId, Relation};
use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// One step of a path: an edge walked forwards or backwards.
#[derive(Clone, Debug, PartialEq)]
pub struct PathStep {
    /// Where the step starts (label).
    pub from: String,
    /// Where it ends (label).
    pub to: String,
    /// The relation of the edge.
    pub relation: Relation,
    /// True when the edge points from `from` to `to`.
    pub forward: bool,
    /// Sources of the reports that state the edge.
    pub reports: Vec<String>,
}

/// The shortest connection between two nodes, ignoring edge direction
/// (breadth-first search: O(nodes + edges)). Ties go to the path through
/// the smaller IRIs, so the answer is stable. `None` when they are not connected.
pub fn shortest_path(graph: &Graph, from: NodeId, to: NodeId) -> Option<Vec<PathStep>> {
    let (from, to) = (from.0, to.0);
    let mut previous: BTreeMap<NodeIndex, (NodeIndex, petgraph::graph::EdgeIndex, bool)> = BTreeMap::new();
    let mut queue = VecDeque::from([from]);
    let mut seen = BTreeSet::from([from]);
    while let Some(current) = queue.pop_front() {
        if current == to {
            break;
        }
        let mut next: Vec<(NodeIndex, petgraph::graph::EdgeIndex, bool)> = graph
            .graph
            .edges_directed(current, Direction::Outgoing)
            .map(|e| (e.target(), e.id(), true))
            .chain(graph.graph.edges_directed(current, Direction::Incoming).map(|e| (e.source(), e.id(), false)))
            .collect();
        next.sort_by(|a, b| graph.graph[a.0].iri.cmp(&graph.graph[b.0].iri).then(a.1.cmp(&b.1)));
        for (neighbor, edge, forward) in next {
            if seen.insert(neighbor) {
                previous.insert(neighbor, (current, edge, forward));
                queue.push_back(neighbor);
            }
        }
    }
    if from != to && !previous.contains_key(&to) {
        return None;
    }
    let mut steps = Vec::new();
    let mut current = to;
    while current != from {
        let (before, edge, forward) = *previous.get(&current)?;
        let weight = &graph.graph[edge];
        steps.push(PathStep {
            from: graph.graph[before].label.clone(),
            to: graph.graph[current].label.clone(),
            relation: weight.relation,
            forward,
            reports: graph.sources(&weight.reports),
        });
        current = before;
    }
    steps.reverse();
    Some(steps)
}

/// Centrality scores of one node.
#[derive(Clone, Debug, PartialEq)]
pub struct Centrality {
    /// Node label.
    pub label: String,
    /// Node IRI.
    pub iri: String,
    /// Entity type name.
    pub kind: String,
    /// Edges in.
    pub in_degree: usize,
    /// Edges out.
    pub out_degree: usize,
    /// Normalised betweenness (directed, Brandes): how often the node lies on
    /// shortest paths between others; transit countries score high.
    pub betweenness: f64,
    /// PageRank (damping 0.85, 50 iterations).
    pub pagerank: f64,
}

/// Degree, betweenness and PageRank of every node, highest betweenness first.
///
/// Betweenness comes from rustworkx-core (Brandes' algorithm, O(nodes × edges)),
/// run on one thread so that float sums, and so the ranking, never depend on
/// the thread count; PageRank from petgraph.
pub fn centrality(graph: &Graph) -> Vec<Centrality> {
    let betweenness = rustworkx_core::centrality::betweenness_centrality(&graph.graph, false, true, usize::MAX);
    let pagerank =
        if graph.graph.node_count() == 0 { Vec::new() } else { petgraph::algo::page_rank(&graph.graph, 0.85_f64, 50) };
    let mut out: Vec<Centrality> = graph
        .graph
        .node_indices()
        .map(|index| {
            let node = &graph.graph[index];
            Centrality {
                label: node.label.clone(),
                iri: node.iri.clone(),
                kind: node.kind.as_str().to_owned(),
                in_degree: graph.graph.edges_directed(index, Direction::Incoming).count(),
                out_degree: graph.graph.edges_directed(index, Direction::Outgoing).count(),
                betweenness: round(betweenness.get(index.index()).copied().flatten().unwrap_or(0.0)),
                pagerank: round(pagerank.get(index.index()).copied().unwrap_or(0.0)),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.betweenness
            .total_cmp(&a.betweenness)
            .then((b.in_degree + b.out_degree).cmp(&(a.in_degree + a.out_degree)))
            .then(b.pagerank.total_cmp(&a.pagerank))
            .then(a.iri.cmp(&b.iri))
    });
    out
}

fn round(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}

/// A cluster of entities that act together.
#[derive(Clone, Debug, PartialEq)]
pub struct Community {
    /// Member labels, sorted.
    pub members: Vec<String>,
    /// Member IRIs, in the same order.
    pub iris: Vec<String>,
    /// Edges inside the community.
    pub internal_edges: usize,
}

/// Communities by label propagation on the undirected graph, weighted by the
/// number of reports on each edge.
///
/// Deterministic variant: nodes are visited in IRI order, each takes the label
/// with the greatest weight among its neighbours (ties: the smallest label),
/// until nothing changes or 100 rounds pass. O(rounds × edges). Communities of
/// one node are left out; larger communities come first.
pub fn communities(graph: &Graph) -> Vec<Community> {
    let mut order: Vec<NodeIndex> = graph.graph.node_indices().collect();
    order.sort_by(|&a, &b| graph.graph[a].iri.cmp(&graph.graph[b].iri));
    let mut label: BTreeMap<NodeIndex, usize> = order.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    for _round in 0..100 {
        let mut changed = false;
        for &node in &order {
            let mut weights: BTreeMap<usize, usize> = BTreeMap::new();
            for edge in graph.graph.edges_directed(node, Direction::Outgoing) {
                if let Some(&l) = label.get(&edge.target()) {
                    *weights.entry(l).or_default() += edge.weight().reports.len().max(1);
                }
            }
            for edge in graph.graph.edges_directed(node, Direction::Incoming) {
                if let Some(&l) = label.get(&edge.source()) {
                    *weights.entry(l).or_default() += edge.weight().reports.len().max(1);
                }
            }
            let Some(best) = weights.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(l, _)| *l) else {
                continue;
            };
            if label.get(&node) != Some(&best) {
                label.insert(node, best);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut groups: BTreeMap<usize, Vec<NodeIndex>> = BTreeMap::new();
    for (node, l) in &label {
        groups.entry(*l).or_default().push(*node);
    }
    let mut out: Vec<Community> = groups
        .into_values()
        .filter(|members| members.len() > 1)
        .map(|mut members| {
            members.sort_by(|&a, &b| {
                graph.graph[a].label.cmp(&graph.graph[b].label).then(graph.graph[a].iri.cmp(&graph.graph[b].iri))
            });
            let set: BTreeSet<NodeIndex> = members.iter().copied().collect();
            let internal_edges = graph
                .graph
                .edge_indices()
                .filter(|&e| graph.graph.edge_endpoints(e).is_some_and(|(a, b)| set.contains(&a) && set.contains(&b)))
                .count();
            Community {
                members: members.iter().map(|&m| graph.graph[m].label.clone()).collect(),
                iris: members.iter().map(|&m| graph.graph[m].iri.clone()).collect(),
                internal_edges,
            }
        })
        .collect();
    out.sort_by(|a, b| b.members.len().cmp(&a.members.len()).then(a.members.cmp(&b.members)));
    out
}

/// Nodes within `hops` edges of `center` (either direction), with their distance, nearest first.
pub fn neighborhood(graph: &Graph, center: NodeId, hops: usize) -> Vec<(NodeId, usize)> {
    let center = center.0;
    let mut distance: BTreeMap<NodeIndex, usize> = BTreeMap::from([(center, 0)]);
    let mut queue = VecDeque::from([center]);
    while let Some(current) = queue.pop_front() {
        let depth = distance.get(&current).copied().unwrap_or(0);
        if depth >= hops {
            continue;
        }
        let neighbors: Vec<NodeIndex> = graph.graph.neighbors_undirected(current).collect();
        for neighbor in neighbors {
            if let std::collections::btree_map::Entry::Vacant(entry) = distance.entry(neighbor) {
                entry.insert(depth + 1);
                queue.push_back(neighbor);
            }
        }
    }
    let mut out: Vec<(NodeId, usize)> = distance.into_iter().map(|(i, d)| (NodeId(i), d)).collect();
    out.sort_by(|a, b| a.1.cmp(&b.1).then(graph[a.0].label.cmp(&graph[b.0].label)));
    out
}
