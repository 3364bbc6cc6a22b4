//! Graph views built from the store with petgraph, and the algorithms that
//! uncover supply channels: channel assembly across reports, paths,
//! centrality, communities and neighbourhoods.
//!
//! The views are always rebuilt from the store (never from a side copy): the
//! store is the single source of truth. Only this module names petgraph types.

mod algo;
mod channels;
mod increment;
mod view;

pub use algo::{Centrality, Community, PathStep, centrality, communities, neighborhood, shortest_path};
pub use channels::{
    Channel, ChannelFilter, ChannelLeg, ChannelSeizure, DETOUR_FACTOR, DETOUR_SLACK_KM, ReportList, SourceLookup,
    channels, channels_with_sources,
};
pub use increment::{AggregateChanges, update_aggregates};
pub use view::{GraphError, load, load_from_events, load_routes, report_sources};

use crate::model::EntityKind;

use petgraph::graph::{DiGraph, NodeIndex};

/// A node of a graph view, valid in that view and in its [`Graph::with_edges`]
/// copies; read it with `graph[id]`. Opaque, so petgraph stays inside `graph/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(NodeIndex);

impl std::ops::Index<NodeId> for Graph {
    type Output = Node;

    fn index(&self, id: NodeId) -> &Node {
        &self.graph[id.0]
    }
}
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// An entity in a graph view.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Entity IRI.
    pub iri: String,
    /// Canonical label.
    pub label: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Entity type.
    pub kind: EntityKind,
    /// ISO code of its country (its own code for a country).
    pub country: Option<String>,
    /// Number of reports that name it.
    pub reports: usize,
    /// Latitude and longitude of its centre (places the gazetteers locate).
    pub centre: Option<(f64, f64)>,
}

/// What an edge of the entity graph says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// Drugs moved from the source place to the target place (a route leg).
    Route,
    /// The agency seized the substance.
    Seized,
    /// The substance was seized at the place.
    SeizedIn,
    /// The agency arrested the person.
    Arrested,
    /// The two parties worked together.
    Cooperates,
    /// The agency is part of the other.
    PartOf,
    /// The official works for or speaks for the agency.
    MemberOf,
    /// The place or agency lies in the country.
    LocatedIn,
}

impl Relation {
    /// Every relation.
    pub const ALL: [Relation; 8] = [
        Relation::Route,
        Relation::Seized,
        Relation::SeizedIn,
        Relation::Arrested,
        Relation::Cooperates,
        Relation::PartOf,
        Relation::MemberOf,
        Relation::LocatedIn,
    ];

    /// The relation named by [`Relation::as_str`].
    pub fn parse(name: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.as_str() == name)
    }

    /// A short label for drawings and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Route => "route",
            Relation::Seized => "seized",
            Relation::SeizedIn => "seized in",
            Relation::Arrested => "arrested",
            Relation::Cooperates => "cooperates with",
            Relation::PartOf => "part of",
            Relation::MemberOf => "member of",
            Relation::LocatedIn => "in",
        }
    }
}

/// An edge: one relation between two entities, with the reports that state it.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// What it says.
    pub relation: Relation,
    /// IRIs of the reports that state it.
    pub reports: BTreeSet<String>,
    /// Labels of the substances involved.
    pub substances: BTreeSet<String>,
    /// Kilograms seized (lower bounds summed over its reports), for edges that
    /// involve one substance (seized, seized in); route legs keep theirs per
    /// substance in `seized`, never summed across substances.
    pub kilograms: f64,
    /// Route legs: kilograms seized, by (report IRI, substance label), so a
    /// channel counts each report's seizure of a substance once.
    pub seized: BTreeMap<(String, String), f64>,
    /// Earliest report date.
    pub first_date: Option<String>,
    /// Latest report date.
    pub last_date: Option<String>,
    /// Each report's kilograms and route substances, when built from events
    /// (what the aggregates graph keeps as the edge's parts).
    parts: BTreeMap<String, (f64, BTreeSet<String>)>,
    /// Stated by the entities graph without a report.
    standing: bool,
}

impl Edge {
    fn new(relation: Relation) -> Edge {
        Edge {
            relation,
            reports: BTreeSet::new(),
            substances: BTreeSet::new(),
            kilograms: 0.0,
            seized: BTreeMap::new(),
            first_date: None,
            last_date: None,
            parts: BTreeMap::new(),
            standing: false,
        }
    }

    /// Kilograms seized per substance label: a route leg's `seized` summed over
    /// reports, or the edge's own kilograms under its one substance.
    pub fn kilograms_by_substance(&self) -> BTreeMap<String, f64> {
        let mut out: BTreeMap<String, f64> = BTreeMap::new();
        for ((_, substance), kg) in &self.seized {
            *out.entry(substance.clone()).or_default() += kg;
        }
        if out.is_empty() && self.kilograms > 0.0 && self.substances.len() == 1 {
            out.extend(self.substances.iter().map(|s| (s.clone(), self.kilograms)));
        }
        out
    }

    fn add_date(&mut self, date: Option<&str>) {
        let Some(date) = date else { return };
        if self.first_date.as_deref().is_none_or(|d| date < d) {
            self.first_date = Some(date.to_owned());
        }
        if self.last_date.as_deref().is_none_or(|d| date > d) {
            self.last_date = Some(date.to_owned());
        }
    }
}

/// What the graph knows of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportInfo {
    /// Input path.
    pub source: String,
    /// Publication date.
    pub date: Option<String>,
}

/// A graph view: entities as nodes, relations as edges (one edge per
/// relation and node pair, carrying every report that states it).
#[derive(Clone, Debug, Default)]
pub struct Graph {
    /// The petgraph graph (private: the rest of the crate sees [`NodeId`]s).
    graph: DiGraph<Node, Edge>,
    /// Reports by IRI.
    pub reports: BTreeMap<String, ReportInfo>,
    /// The substance vocabulary (from the store's vocabulary graph): concept
    /// IRI -> (preferred label, broader concept IRI).
    pub concepts: BTreeMap<String, (String, Option<String>)>,
    /// Reports that copy an earlier story (near-duplicates found at load):
    /// report IRI -> the IRI of the story's first report.
    pub stories: BTreeMap<String, String>,
    index: HashMap<String, NodeIndex>,
    edge_index: HashMap<(NodeIndex, NodeIndex, Relation), petgraph::graph::EdgeIndex>,
}

impl Graph {
    fn add_node(&mut self, node: Node) -> NodeIndex {
        if let Some(&index) = self.index.get(&node.iri) {
            return index;
        }
        let iri = node.iri.clone();
        let index = self.graph.add_node(node);
        self.index.insert(iri, index);
        index
    }

    /// The node of an entity IRI.
    pub fn node_of(&self, iri: &str) -> Option<NodeId> {
        self.index_of(iri).map(NodeId)
    }

    fn index_of(&self, iri: &str) -> Option<NodeIndex> {
        self.index.get(iri).copied()
    }

    fn edge_mut(&mut self, from: NodeIndex, to: NodeIndex, relation: Relation) -> &mut Edge {
        let key = (from, to, relation);
        let index = match self.edge_index.get(&key) {
            Some(&index) => index,
            None => {
                let index = self.graph.add_edge(from, to, Edge::new(relation));
                self.edge_index.insert(key, index);
                index
            }
        };
        &mut self.graph[index]
    }

    /// Finds nodes by label or alias (case-insensitive), most reported first.
    pub fn find(&self, name: &str) -> Vec<NodeId> {
        self.find_indices(name).into_iter().map(NodeId).collect()
    }

    fn find_indices(&self, name: &str) -> Vec<NodeIndex> {
        let wanted = name.trim().to_lowercase();
        let mut exact: Vec<NodeIndex> = self
            .graph
            .node_indices()
            .filter(|&i| {
                let node = &self.graph[i];
                node.label.to_lowercase() == wanted
                    || node.iri == name
                    || node.aliases.iter().any(|a| a.to_lowercase() == wanted)
            })
            .collect();
        exact.sort_by(|&a, &b| {
            self.graph[b].reports.cmp(&self.graph[a].reports).then(self.graph[a].iri.cmp(&self.graph[b].iri))
        });
        exact
    }

    /// The subgraph of places and route legs: the channel graph.
    pub fn channel_view(&self) -> Graph {
        self.filtered(|node| node.kind.is_place(), |edge| edge.relation == Relation::Route)
    }

    /// A graph with no nodes that knows what this one knows of reports and substances.
    fn empty_copy(&self) -> Graph {
        Graph {
            reports: self.reports.clone(),
            concepts: self.concepts.clone(),
            stories: self.stories.clone(),
            ..Graph::default()
        }
    }

    /// A copy with every node, at the same [`NodeId`], and the edges `keep_edge` accepts.
    pub fn with_edges(&self, keep_edge: impl Fn(&Edge) -> bool) -> Graph {
        let mut out = self.empty_copy();
        for index in self.graph.node_indices() {
            out.add_node(self.graph[index].clone());
        }
        for edge in self.graph.edge_indices() {
            let Some((from, to)) = self.graph.edge_endpoints(edge) else { continue };
            let weight = &self.graph[edge];
            if keep_edge(weight) {
                *out.edge_mut(from, to, weight.relation) = weight.clone();
            }
        }
        out
    }

    /// A copy keeping the nodes and edges the predicates accept (edges need both ends kept).
    pub fn filtered(&self, keep_node: impl Fn(&Node) -> bool, keep_edge: impl Fn(&Edge) -> bool) -> Graph {
        let mut out = self.empty_copy();
        for index in self.graph.node_indices() {
            let node = &self.graph[index];
            if keep_node(node)
                && self
                    .graph
                    .edges_directed(index, petgraph::Direction::Outgoing)
                    .chain(self.graph.edges_directed(index, petgraph::Direction::Incoming))
                    .any(|e| keep_edge(e.weight()))
            {
                out.add_node(node.clone());
            }
        }
        for edge in self.graph.edge_indices() {
            let Some((from, to)) = self.graph.edge_endpoints(edge) else { continue };
            let weight = &self.graph[edge];
            if !keep_edge(weight) {
                continue;
            }
            let (Some(a), Some(b)) = (out.index_of(&self.graph[from].iri), out.index_of(&self.graph[to].iri)) else {
                continue;
            };
            *out.edge_mut(a, b, weight.relation) = weight.clone();
        }
        out
    }

    /// The subgraph of nodes within `hops` of `center` (edges in either direction).
    pub fn around(&self, center: NodeId, hops: usize) -> Graph {
        let keep: BTreeSet<String> =
            neighborhood(self, center, hops).into_iter().map(|(i, _)| self[i].iri.clone()).collect();
        let mut out = self.empty_copy();
        for index in self.graph.node_indices() {
            if keep.contains(&self.graph[index].iri) {
                out.add_node(self.graph[index].clone());
            }
        }
        for edge in self.graph.edge_indices() {
            let Some((from, to)) = self.graph.edge_endpoints(edge) else { continue };
            let (Some(a), Some(b)) = (out.index_of(&self.graph[from].iri), out.index_of(&self.graph[to].iri)) else {
                continue;
            };
            *out.edge_mut(a, b, self.graph[edge].relation) = self.graph[edge].clone();
        }
        out
    }

    /// Sources (input paths) of a set of report IRIs, sorted.
    pub fn sources(&self, reports: &BTreeSet<String>) -> Vec<String> {
        let mut out: Vec<String> =
            reports.iter().map(|r| self.reports.get(r).map_or_else(|| r.clone(), |info| info.source.clone())).collect();
        out.sort();
        out
    }

    /// Independent sources among reports: copies of one story count once.
    pub fn independent(&self, reports: &BTreeSet<String>) -> usize {
        reports.iter().map(|r| self.stories.get(r).unwrap_or(r)).collect::<BTreeSet<&String>>().len()
    }

    /// Every edge as the aggregates graph keeps it, in a stable order.
    pub fn aggregate_edges(&self) -> Vec<crate::model::AggregateEdge> {
        self.sorted_edges()
            .into_iter()
            .map(|(from, to, edge)| crate::model::AggregateEdge {
                from: self[from].iri.clone(),
                to: self[to].iri.clone(),
                relation: edge.relation.as_str().to_owned(),
                reports: edge.reports.iter().cloned().collect(),
                report_dates: edge.reports.iter().map(|r| self.reports.get(r).and_then(|i| i.date.clone())).collect(),
                sources: self.independent(&edge.reports),
                substances: edge.substances.iter().cloned().collect(),
                kilograms: edge.kilograms,
                seized: edge.seized.iter().map(|((r, s), kg)| (r.clone(), s.clone(), *kg)).collect(),
                first_date: edge.first_date.clone(),
                last_date: edge.last_date.clone(),
                parts: edge
                    .reports
                    .iter()
                    .map(|report| {
                        let (kilograms, substances) = edge.parts.get(report).cloned().unwrap_or_default();
                        crate::model::EdgePart {
                            report: report.clone(),
                            kilograms,
                            substances: substances.into_iter().collect(),
                        }
                    })
                    .collect(),
                standing: edge.standing,
            })
            .collect()
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Nodes in a stable order (type, label, IRI), for exports.
    pub fn sorted_nodes(&self) -> Vec<NodeId> {
        self.sorted_indices().into_iter().map(NodeId).collect()
    }

    fn sorted_indices(&self) -> Vec<NodeIndex> {
        let mut nodes: Vec<NodeIndex> = self.graph.node_indices().collect();
        nodes.sort_by(|&a, &b| {
            let (x, y) = (&self.graph[a], &self.graph[b]);
            x.kind.cmp(&y.kind).then(x.label.cmp(&y.label)).then(x.iri.cmp(&y.iri))
        });
        nodes
    }

    /// Edges in a stable order (source, target, relation), as (source, target, edge).
    pub fn sorted_edges(&self) -> Vec<(NodeId, NodeId, &Edge)> {
        let mut edges: Vec<(NodeId, NodeId, &Edge)> = self
            .graph
            .edge_indices()
            .filter_map(|e| self.graph.edge_endpoints(e).map(|(a, b)| (NodeId(a), NodeId(b), &self.graph[e])))
            .collect();
        edges.sort_by(|x, y| {
            (&self[x.0].iri, &self[x.1].iri, x.2.relation).cmp(&(&self[y.0].iri, &self[y.1].iri, y.2.relation))
        });
        edges
    }
}
