//! Supply channels: chains of route legs joined across reports.
//!
//! A leg A -> B (stated in one report) and a leg B -> C (in another) make the
//! channel A -> B -> C when their substances are compatible: they share a
//! substance, one is broader than the other (cannabis / hashish), or one of
//! them names none. Channels are ranked by evidence: the weakest leg's report
//! count first, then all distinct supporting reports.

use super::{Graph, Relation};
use crate::extract::Gazetteers;
use crate::model::EntityKey;
use crate::rdf::iri;
use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use std::collections::{BTreeSet, HashMap};

/// Most channels returned; the search stops there.
const MAX_CHANNELS: usize = 10_000;

/// Which channels to list.
#[derive(Clone, Debug, Default)]
pub struct ChannelFilter {
    /// Channels ending here.
    pub to: Option<String>,
    /// Channels starting here.
    pub from: Option<String>,
    /// Channels passing through here.
    pub via: Option<String>,
    /// Channels carrying this substance (or a narrower one) on every leg that names substances.
    pub substance: Option<String>,
    /// Only legs stated in reports dated on or after this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub since: Option<String>,
    /// Longest channel, in legs.
    pub max_hops: usize,
}

/// One leg of a channel.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelLeg {
    /// Start place label.
    pub from: String,
    /// End place label.
    pub to: String,
    /// Substances stated on it.
    pub substances: Vec<String>,
    /// Sources (input paths) of its reports.
    pub reports: Vec<String>,
    /// Kilograms seized in those reports of those substances.
    pub kilograms: f64,
}

/// A channel: places in order, with the legs between them.
#[derive(Clone, Debug, PartialEq)]
pub struct Channel {
    /// Place labels in order.
    pub places: Vec<String>,
    /// Place IRIs in order.
    pub place_iris: Vec<String>,
    /// Legs, one fewer than places.
    pub legs: Vec<ChannelLeg>,
    /// Substances common to the channel (all stated along it).
    pub substances: Vec<String>,
    /// Distinct supporting reports (sources).
    pub reports: Vec<String>,
    /// Reports on the weakest leg.
    pub weakest_leg_reports: usize,
}

/// Substance labels -> labels of themselves and their broader concepts.
fn ancestors(graph: &Graph, gazetteers: &Gazetteers) -> HashMap<String, BTreeSet<String>> {
    let mut out = HashMap::new();
    for index in graph.graph.node_indices() {
        let node = &graph.graph[index];
        let Some(EntityKey::Substance(id)) = iri::entity_key(&node.iri) else { continue };
        let mut chain = BTreeSet::from([node.label.clone()]);
        let mut current = gazetteers.substance(&id);
        let mut guard = 0;
        while let Some(substance) = current {
            chain.insert(substance.label.clone());
            current = substance.broader.as_deref().and_then(|b| gazetteers.substance(b));
            guard += 1;
            if guard > 16 {
                break;
            }
        }
        out.insert(node.label.clone(), chain);
    }
    out
}

fn compatible(a: &BTreeSet<String>, b: &BTreeSet<String>, lineage: &HashMap<String, BTreeSet<String>>) -> bool {
    if a.is_empty() || b.is_empty() {
        return true;
    }
    a.iter().any(|x| {
        b.iter().any(|y| {
            x == y || lineage.get(x).is_some_and(|l| l.contains(y)) || lineage.get(y).is_some_and(|l| l.contains(x))
        })
    })
}

fn carries(substances: &BTreeSet<String>, wanted: &str, lineage: &HashMap<String, BTreeSet<String>>) -> bool {
    let wanted = wanted.to_lowercase();
    substances.is_empty()
        || substances.iter().any(|s| {
            s.to_lowercase() == wanted || lineage.get(s).is_some_and(|l| l.iter().any(|a| a.to_lowercase() == wanted))
        })
}

/// Lists channels matching the filter, ranked by evidence.
pub fn channels(graph: &Graph, filter: &ChannelFilter) -> Result<Vec<Channel>, super::GraphError> {
    let view = graph.channel_view();
    let lineage = Gazetteers::embedded().map(|g| ancestors(graph, g)).unwrap_or_default();
    let resolve = |name: &Option<String>| -> Result<Option<BTreeSet<NodeIndex>>, super::GraphError> {
        match name {
            None => Ok(None),
            Some(name) => {
                let found: BTreeSet<NodeIndex> = view.find(name).into_iter().collect();
                if found.is_empty() && graph.find(name).is_empty() {
                    return Err(super::GraphError::UnknownEntity { name: name.clone() });
                }
                Ok(Some(found))
            }
        }
    };
    let to = resolve(&filter.to)?;
    let from = resolve(&filter.from)?;
    let via = resolve(&filter.via)?;
    let max_hops = filter.max_hops.max(1);
    // Legs usable under the filter: reports dated late enough, substances that match.
    let usable = |edge: &super::Edge| -> Option<BTreeSet<String>> {
        if edge.relation != Relation::Route {
            return None;
        }
        let reports: BTreeSet<String> = edge
            .reports
            .iter()
            .filter(|r| match &filter.since {
                None => true,
                Some(since) => {
                    graph.reports.get(*r).and_then(|i| i.date.as_deref()).is_some_and(|d| d >= since.as_str())
                }
            })
            .cloned()
            .collect();
        if reports.is_empty() {
            return None;
        }
        if let Some(substance) = &filter.substance
            && !carries(&edge.substances, substance, &lineage)
        {
            return None;
        }
        Some(reports)
    };
    let starts: Vec<NodeIndex> = match &from {
        Some(set) => set.iter().copied().collect(),
        None => view.sorted_nodes(),
    };
    let mut found: Vec<Channel> = Vec::new();
    for start in starts {
        let mut path = vec![start];
        let mut legs: Vec<Leg> = Vec::new();
        extend(&view, &usable, &lineage, &mut path, &mut legs, max_hops, &mut |path, legs| {
            let end = *path.last().unwrap_or(&start);
            if to.as_ref().is_some_and(|set| !set.contains(&end)) {
                return;
            }
            if via.as_ref().is_some_and(|set| !path[1..path.len() - 1].iter().any(|p| set.contains(p))) {
                return;
            }
            if found.len() < MAX_CHANNELS {
                found.push(channel(&view, path, legs));
            }
        });
    }
    // Without a destination, keep only channels no other channel extends (the full chains).
    if to.is_none() {
        let keys: BTreeSet<Vec<String>> = found.iter().map(|c| c.place_iris.clone()).collect();
        found.retain(|c| {
            !keys
                .iter()
                .any(|k| k.len() > c.place_iris.len() && (k.starts_with(&c.place_iris) || k.ends_with(&c.place_iris)))
        });
    }
    found.sort_by(|a, b| {
        b.weakest_leg_reports
            .cmp(&a.weakest_leg_reports)
            .then(b.reports.len().cmp(&a.reports.len()))
            .then(b.legs.len().cmp(&a.legs.len()))
            .then(a.places.cmp(&b.places))
    });
    Ok(found)
}

/// A leg while searching: from, to, reports, substances, kilograms.
type Leg = (NodeIndex, NodeIndex, BTreeSet<String>, BTreeSet<String>, f64);

fn extend(
    view: &Graph,
    usable: &dyn Fn(&super::Edge) -> Option<BTreeSet<String>>,
    lineage: &HashMap<String, BTreeSet<String>>,
    path: &mut Vec<NodeIndex>,
    legs: &mut Vec<Leg>,
    max_hops: usize,
    emit: &mut dyn FnMut(&[NodeIndex], &[Leg]),
) {
    if legs.len() >= max_hops {
        return;
    }
    let Some(&current) = path.last() else { return };
    let mut next: Vec<(NodeIndex, BTreeSet<String>, BTreeSet<String>, f64)> = view
        .graph
        .edges_directed(current, Direction::Outgoing)
        .filter_map(|edge| {
            let reports = usable(edge.weight())?;
            Some((edge.target(), reports, edge.weight().substances.clone(), edge.weight().kilograms))
        })
        .collect();
    next.sort_by(|a, b| view.graph[a.0].iri.cmp(&view.graph[b.0].iri));
    for (target, reports, substances, kilograms) in next {
        if path.contains(&target) {
            continue;
        }
        if let Some((_, _, _, previous, _)) = legs.last()
            && !compatible(previous, &substances, lineage)
        {
            continue;
        }
        path.push(target);
        legs.push((current, target, reports, substances, kilograms));
        emit(path, legs);
        extend(view, usable, lineage, path, legs, max_hops, emit);
        legs.pop();
        path.pop();
    }
}

fn channel(view: &Graph, path: &[NodeIndex], legs: &[Leg]) -> Channel {
    let label = |i: NodeIndex| view.graph[i].label.clone();
    let mut all_reports: BTreeSet<String> = BTreeSet::new();
    let mut substances: BTreeSet<String> = BTreeSet::new();
    let legs: Vec<ChannelLeg> = legs
        .iter()
        .map(|(from, to, reports, leg_substances, kilograms)| {
            all_reports.extend(reports.iter().cloned());
            substances.extend(leg_substances.iter().cloned());
            ChannelLeg {
                from: label(*from),
                to: label(*to),
                substances: leg_substances.iter().cloned().collect(),
                reports: view.sources(reports),
                kilograms: *kilograms,
            }
        })
        .collect();
    Channel {
        places: path.iter().map(|&i| label(i)).collect(),
        place_iris: path.iter().map(|&i| view.graph[i].iri.clone()).collect(),
        weakest_leg_reports: legs.iter().map(|l| l.reports.len()).min().unwrap_or(0),
        legs,
        substances: substances.into_iter().collect(),
        reports: view.sources(&all_reports),
    }
}
