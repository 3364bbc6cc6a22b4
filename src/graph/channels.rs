//! Supply channels: chains of route legs joined across reports.
//!
//! A leg A -> B (stated in one report) and a leg B -> C (in another) make the
//! channel A -> B -> C only when three checks hold (ARCHITECTURE.md, "Channel
//! semantics"):
//! - substance: some substance is carried by every leg: a leg carries what it
//!   names and anything narrower in the store's SKOS vocabulary (a "cannabis"
//!   leg can carry hashish, a "heroin" leg cannot carry opium). The channel's
//!   substances are the narrowest such. A leg that names no substance joins
//!   only with `loose`, and is marked;
//! - geography: the places, in order, must not wander far beyond the straight
//!   line from origin to destination (see [`DETOUR_FACTOR`]), checked for the
//!   channel and every channel it extends;
//! - time: with `within_days`, each two consecutive legs have reports dated
//!   that close.
//!
//! Channels are ranked by evidence: the weakest leg's independent sources
//! first (copies of one story count once), then all sources, then reports.

use super::{Graph, Relation};
use crate::dates;
use crate::geo::great_circle_km;
use petgraph::Direction;
use petgraph::graph::NodeIndex as NodeId;
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

/// Most channels returned; the search stops there.
const MAX_CHANNELS: usize = 10_000;

/// A channel is a detour, and is not formed, when the great-circle length of
/// its path through its located places exceeds `DETOUR_FACTOR` times the
/// origin-to-destination distance plus [`DETOUR_SLACK_KM`]. The factor lets a
/// route bend (Afghanistan -> Iran -> Turkey -> Europe is 1.2 times the direct
/// line); the slack covers country centres, which sit far from the borders
/// drugs cross (Russia's is in Siberia) and short channels, where a small
/// zig-zag is a large ratio.
pub const DETOUR_FACTOR: f64 = 1.5;

/// Kilometres added to the allowed path length: see [`DETOUR_FACTOR`].
pub const DETOUR_SLACK_KM: f64 = 1000.0;

/// Which channels to list, and how strictly to join legs.
#[derive(Clone, Debug, Default)]
pub struct ChannelFilter {
    /// Channels ending here.
    pub to: Option<String>,
    /// Channels starting here.
    pub from: Option<String>,
    /// Channels passing through here.
    pub via: Option<String>,
    /// Channels carrying this substance (or a narrower one).
    pub substance: Option<String>,
    /// Only legs stated in reports dated on or after this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub since: Option<String>,
    /// Consecutive legs need reports dated at most this many days apart.
    pub within_days: Option<u32>,
    /// Let legs that name no substance join (they are marked).
    pub loose: bool,
    /// Longest channel, in legs.
    pub max_hops: usize,
    /// Render at most this many (the best ranked); `None`: all.
    pub limit: Option<usize>,
}

/// One leg of a channel.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelLeg {
    /// Start place label.
    pub from: String,
    /// End place label.
    pub to: String,
    /// Substances stated on it; empty for a leg joined only because of `loose`.
    pub substances: Vec<String>,
    /// Sources (input paths) of its reports.
    pub reports: Vec<String>,
    /// Independent stories among its reports (copies of one story count once).
    pub sources: usize,
}

/// What the reports of a channel seized of one substance, each seizure once.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelSeizure {
    /// Substance label.
    pub substance: String,
    /// Kilograms (lower bounds), each report's seizure of it counted once
    /// however many legs the report supports, and copies of one story once.
    pub kilograms: f64,
    /// Sources of the reports that seized it.
    pub reports: Vec<String>,
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
    /// The narrowest substances every leg can carry (legs with none ignored under `loose`).
    pub substances: Vec<String>,
    /// Whether a leg names no substance (joined only because of `loose`).
    pub loose: bool,
    /// Seizures in its reports of what it carries, one line per substance.
    pub seizures: Vec<ChannelSeizure>,
    /// Distinct supporting reports (sources).
    pub reports: Vec<String>,
    /// Independent stories among them.
    pub sources: usize,
    /// Independent stories on the weakest leg.
    pub weakest_leg_sources: usize,
    /// Great-circle length through its located places, and origin to destination, in km.
    pub distance_km: Option<(f64, f64)>,
}

/// Substance labels -> labels of themselves and their broader concepts, from
/// the store's vocabulary.
fn lineage(graph: &Graph) -> HashMap<String, BTreeSet<String>> {
    let mut out = HashMap::new();
    for (label, broader) in graph.concepts.values() {
        let mut chain = BTreeSet::from([label.clone()]);
        let mut next = broader.as_deref();
        // A vocabulary is a tree; the bound only guards against a cycle in a hand-edited store.
        for _ in 0..16 {
            let Some((parent, up)) = next.and_then(|iri| graph.concepts.get(iri)) else { break };
            chain.insert(parent.clone());
            next = up.as_deref();
        }
        out.insert(label.clone(), chain);
    }
    out
}

/// Whether a leg naming `named` can carry `substance`: it names it or a broader concept.
fn carries(named: &BTreeSet<String>, substance: &str, lineage: &HashMap<String, BTreeSet<String>>) -> bool {
    named.contains(substance) || lineage.get(substance).is_some_and(|up| up.iter().any(|s| named.contains(s)))
}

/// The narrowest substances every leg can carry; legs naming none are skipped.
fn common_substances<'a>(
    legs: impl Iterator<Item = &'a BTreeSet<String>>,
    lineage: &HashMap<String, BTreeSet<String>>,
) -> BTreeSet<String> {
    let named: Vec<&BTreeSet<String>> = legs.filter(|s| !s.is_empty()).collect();
    let carried: BTreeSet<String> = named
        .iter()
        .flat_map(|s| s.iter())
        .filter(|c| named.iter().all(|leg| carries(leg, c, lineage)))
        .cloned()
        .collect();
    // Keep the narrowest: drop a concept when a narrower one is carried too.
    carried
        .iter()
        .filter(|c| !carried.iter().any(|d| d != *c && lineage.get(d).is_some_and(|up| up.contains(*c))))
        .cloned()
        .collect()
}

/// Path and direct length through the located places, when two or more are located.
fn distances(view: &Graph, path: &[NodeId]) -> Option<(f64, f64)> {
    let located: Vec<(f64, f64)> = path.iter().filter_map(|&i| view.graph[i].centre).collect();
    if located.len() < 2 {
        return None;
    }
    let along = located.windows(2).map(|w| great_circle_km(w[0], w[1])).sum();
    Some((along, great_circle_km(located[0], located[located.len() - 1])))
}

fn plausible(distance: Option<(f64, f64)>) -> bool {
    distance.is_none_or(|(along, direct)| along <= DETOUR_FACTOR * direct + DETOUR_SLACK_KM)
}

/// A leg while searching.
#[derive(Clone)]
struct Leg {
    from: NodeId,
    to: NodeId,
    /// Shared with every chain through this edge: a search visits an edge many times.
    reports: Rc<BTreeSet<String>>,
    sources: usize,
    substances: Rc<BTreeSet<String>>,
}

/// Each usable route edge: its reports under the filter, their independent
/// sources, and its substances.
type UsableEdges = HashMap<petgraph::graph::EdgeIndex, (Rc<BTreeSet<String>>, usize, Rc<BTreeSet<String>>)>;

/// Told about each chain the search forms (its places, its legs, and the
/// substances all of them carry); answers the fewest sources a leg must have
/// for a longer chain through it to still be worth finding (0: all are).
type Emit<'e> = dyn FnMut(&[NodeId], &[Leg], &BTreeSet<String>) -> usize + 'e;

/// A chain found, before it is ranked and (if shown) rendered.
struct Candidate {
    path: Vec<NodeId>,
    legs: Vec<Leg>,
    weakest: usize,
    sources: usize,
    reports: usize,
    loose: bool,
}

/// What the search needs besides the path.
struct Search<'a> {
    view: &'a Graph,
    filter: &'a ChannelFilter,
    lineage: HashMap<String, BTreeSet<String>>,
    /// With a destination: legs from each node to it (fewest), so the search
    /// never walks a branch that cannot end there within the hops left.
    to_go: Option<HashMap<NodeId, usize>>,
    /// Each usable route edge's reports (under the filter), sources and substances, computed once.
    usable: UsableEdges,
}

/// Fewest route legs from every node to any of `targets` (a backwards BFS).
fn legs_to(view: &Graph, targets: &BTreeSet<NodeId>, max: usize) -> HashMap<NodeId, usize> {
    let mut distance: HashMap<NodeId, usize> = targets.iter().map(|&t| (t, 0)).collect();
    let mut frontier: Vec<NodeId> = targets.iter().copied().collect();
    for depth in 1..=max {
        let mut next = Vec::new();
        for node in frontier {
            for edge in view.graph.edges_directed(node, Direction::Incoming) {
                if edge.weight().relation == Relation::Route && !distance.contains_key(&edge.source()) {
                    distance.insert(edge.source(), depth);
                    next.push(edge.source());
                }
            }
        }
        frontier = next;
    }
    distance
}

impl Search<'_> {
    /// The reports of every route edge the filter keeps.
    fn usable_edges(view: &Graph, filter: &ChannelFilter) -> UsableEdges {
        let date = |report: &str| view.reports.get(report).and_then(|i| i.date.as_deref());
        let mut out = HashMap::new();
        for index in view.graph.edge_indices() {
            let edge = &view.graph[index];
            if edge.relation != Relation::Route || (edge.substances.is_empty() && !filter.loose) {
                continue;
            }
            let reports: BTreeSet<String> = match &filter.since {
                None => edge.reports.clone(),
                Some(since) => {
                    edge.reports.iter().filter(|r| date(r).is_some_and(|d| d >= since.as_str())).cloned().collect()
                }
            };
            if !reports.is_empty() {
                let sources = view.independent(&reports);
                out.insert(index, (Rc::new(reports), sources, Rc::new(edge.substances.clone())));
            }
        }
        out
    }

    fn date(&self, report: &str) -> Option<&str> {
        self.view.reports.get(report).and_then(|i| i.date.as_deref())
    }

    /// Whether two consecutive legs have reports dated within the window.
    fn close_in_time(&self, a: &Leg, b: &Leg) -> bool {
        let Some(days) = self.filter.within_days else { return true };
        let day = |r: &String| self.date(r).and_then(dates::day_number);
        let first: Vec<i64> = a.reports.iter().filter_map(day).collect();
        b.reports.iter().filter_map(day).any(|d| first.iter().any(|f| (f - d).abs() <= i64::from(days)))
    }

    fn extend(&self, path: &mut Vec<NodeId>, legs: &mut Vec<Leg>, emit: &mut Emit<'_>) {
        if legs.len() >= self.filter.max_hops.max(1) {
            return;
        }
        let Some(&current) = path.last() else { return };
        let mut next: Vec<Leg> = self
            .view
            .graph
            .edges_directed(current, Direction::Outgoing)
            .filter_map(|edge| {
                let (reports, sources, substances) = self.usable.get(&edge.id())?;
                Some(Leg {
                    from: current,
                    to: edge.target(),
                    reports: Rc::clone(reports),
                    sources: *sources,
                    substances: Rc::clone(substances),
                })
            })
            .collect();
        next.sort_by(|a, b| self.view.graph[a.to].iri.cmp(&self.view.graph[b.to].iri));
        let hops_left = self.filter.max_hops.max(1) - legs.len() - 1;
        let mut bound = 0;
        for leg in next {
            // A chain is ranked by its weakest leg first: one through a leg
            // weaker than the bound can never be shown.
            if leg.sources < bound {
                continue;
            }
            if path.contains(&leg.to) || legs.last().is_some_and(|last| !self.close_in_time(last, &leg)) {
                continue;
            }
            if self.to_go.as_ref().is_some_and(|to_go| to_go.get(&leg.to).is_none_or(|&d| d > hops_left)) {
                continue;
            }
            legs.push(leg);
            path.push(legs[legs.len() - 1].to);
            // Every check holds for the chain so far, or no longer chain through it can be shown.
            let common = common_substances(legs.iter().map(|l| l.substances.as_ref()), &self.lineage);
            let joined = !common.is_empty() || legs.iter().all(|l| l.substances.is_empty());
            if joined && plausible(distances(self.view, path)) {
                bound = emit(path, legs, &common);
                if legs.iter().all(|l| l.sources >= bound) {
                    self.extend(path, legs, emit);
                }
            }
            path.pop();
            legs.pop();
        }
    }

    /// Whether a channel carries the substance asked for (it, or a narrower one).
    fn carries_wanted(&self, substances: &BTreeSet<String>) -> bool {
        let Some(wanted) = &self.filter.substance else { return true };
        let wanted = wanted.to_lowercase();
        substances.iter().any(|s| {
            s.to_lowercase() == wanted
                || self.lineage.get(s).is_some_and(|up| up.iter().any(|a| a.to_lowercase() == wanted))
        })
    }

    fn channel(&self, path: &[NodeId], legs: &[Leg]) -> Channel {
        let view = self.view;
        let label = |i: NodeId| view.graph[i].label.clone();
        let substances = common_substances(legs.iter().map(|l| l.substances.as_ref()), &self.lineage);
        let all_reports: BTreeSet<String> = legs.iter().flat_map(|l| l.reports.iter().cloned()).collect();
        let channel_legs: Vec<ChannelLeg> = legs
            .iter()
            .map(|leg| ChannelLeg {
                from: label(leg.from),
                to: label(leg.to),
                substances: leg.substances.iter().cloned().collect(),
                reports: view.sources(&leg.reports),
                sources: leg.sources,
            })
            .collect();
        Channel {
            places: path.iter().map(|&i| label(i)).collect(),
            place_iris: path.iter().map(|&i| view.graph[i].iri.clone()).collect(),
            weakest_leg_sources: channel_legs.iter().map(|l| l.sources).min().unwrap_or(0),
            loose: legs.iter().any(|l| l.substances.is_empty()),
            seizures: self.seizures(path, legs, &substances),
            legs: channel_legs,
            substances: substances.into_iter().collect(),
            sources: view.independent(&all_reports),
            reports: view.sources(&all_reports),
            distance_km: distances(view, path),
        }
    }

    /// Each report's seizure of each substance the channel carries, once.
    fn seizures(&self, path: &[NodeId], legs: &[Leg], carried: &BTreeSet<String>) -> Vec<ChannelSeizure> {
        // Keyed by story, not report: a syndicated copy repeats its story's seizure.
        let mut once: BTreeMap<(&str, &str), f64> = BTreeMap::new();
        let mut seen_in: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for (leg, pair) in legs.iter().zip(path.windows(2)) {
            let Some(edge) = self.view.graph.find_edge(pair[0], pair[1]).map(|e| &self.view.graph[e]) else {
                continue;
            };
            for ((report, substance), kg) in &edge.seized {
                let relevant = carried.is_empty()
                    || carried.iter().any(|c| {
                        c == substance
                            || self.lineage.get(c).is_some_and(|up| up.contains(substance))
                            || self.lineage.get(substance).is_some_and(|up| up.contains(c))
                    });
                if relevant && leg.reports.contains(report) {
                    let story = self.view.stories.get(report).unwrap_or(report);
                    let slot = once.entry((substance.as_str(), story.as_str())).or_insert(0.0);
                    *slot = slot.max(*kg);
                    seen_in.entry(substance.as_str()).or_default().insert(report.clone());
                }
            }
        }
        let mut by_substance: BTreeMap<&str, (f64, BTreeSet<String>)> = BTreeMap::new();
        for ((substance, _), kg) in once {
            by_substance.entry(substance).or_default().0 += kg;
        }
        for (substance, reports) in seen_in {
            by_substance.entry(substance).or_default().1 = reports;
        }
        by_substance
            .into_iter()
            .map(|(substance, (kilograms, reports))| ChannelSeizure {
                substance: substance.to_owned(),
                kilograms,
                reports: self.view.sources(&reports),
            })
            .collect()
    }
}

/// Lists channels matching the filter, ranked by evidence.
pub fn channels(graph: &Graph, filter: &ChannelFilter) -> Result<Vec<Channel>, super::GraphError> {
    channels_with_sources(graph, filter, &mut |_| Ok(HashMap::new()))
}

/// Where a view's reports come from: the source path of each report asked
/// about (a view of routes holds none, see [`super::load_routes`]).
pub type SourceLookup<'s> = dyn FnMut(&BTreeSet<String>) -> Result<HashMap<String, String>, super::GraphError> + 's;

/// [`channels`], with the source paths of the reports of the channels shown
/// asked of `sources` before they are rendered: a view that reads every
/// report's path costs most of a search on a large collection.
pub fn channels_with_sources(
    graph: &Graph,
    filter: &ChannelFilter,
    sources: &mut SourceLookup<'_>,
) -> Result<Vec<Channel>, super::GraphError> {
    let mut view = graph.channel_view();
    let resolve = |name: &Option<String>| -> Result<Option<BTreeSet<NodeId>>, super::GraphError> {
        match name {
            None => Ok(None),
            Some(name) => {
                let found: BTreeSet<NodeId> = view.find_indices(name).into_iter().collect();
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
    let to_go = to.as_ref().map(|targets| legs_to(&view, targets, filter.max_hops.max(1)));
    let starts: Vec<NodeId> = match (&from, &to_go) {
        (Some(set), _) => set.iter().copied().collect(),
        (None, Some(to_go)) => view.sorted_indices().into_iter().filter(|n| to_go.contains_key(n)).collect(),
        (None, None) => view.sorted_indices(),
    };
    let usable = Search::usable_edges(&view, filter);
    let search = Search { view: &view, filter, lineage: lineage(graph), to_go, usable };
    let mut found: Vec<Candidate> = Vec::new();
    // With a destination and a limit, only the best `limit` channels by
    // weakest-leg sources can be shown: the weakest of those found so far is
    // a bound below which no chain need be followed (extending a chain never
    // strengthens its weakest leg), which makes the search on a large
    // collection a fraction of the full enumeration and gives the same list.
    // Without a destination every chain is needed (longer chains hide the
    // chains they extend), so nothing is bounded.
    let bounded = to.is_some().then_some(filter.limit).flatten().filter(|&k| k > 0);
    let mut best: std::collections::BinaryHeap<std::cmp::Reverse<usize>> = std::collections::BinaryHeap::new();
    for start in starts {
        let mut path = vec![start];
        let mut legs: Vec<Leg> = Vec::new();
        search.extend(&mut path, &mut legs, &mut |path, legs, substances| {
            // Once `limit` channels are found, the weakest of the best of them.
            let bound = |best: &std::collections::BinaryHeap<std::cmp::Reverse<usize>>| match bounded {
                Some(k) if best.len() >= k => best.peek().map_or(0, |r| r.0),
                _ => 0,
            };
            let bound_now = bound(&best);
            let end = *path.last().unwrap_or(&start);
            let weakest = legs.iter().map(|l| l.sources).min().unwrap_or(0);
            if to.as_ref().is_some_and(|set| !set.contains(&end))
                || via.as_ref().is_some_and(|set| !path[1..path.len() - 1].iter().any(|p| set.contains(p)))
                || found.len() >= MAX_CHANNELS
                || weakest < bound_now
            {
                return bound_now;
            }
            let wanted = if substances.is_empty() {
                // A loose channel naming nothing cannot answer a substance question.
                filter.substance.is_none()
            } else {
                search.carries_wanted(substances)
            };
            if !wanted {
                return bound_now;
            }
            let all: BTreeSet<String> = legs.iter().flat_map(|l| l.reports.iter().cloned()).collect();
            found.push(Candidate {
                path: path.to_vec(),
                legs: legs.to_vec(),
                weakest,
                sources: view.independent(&all),
                reports: all.len(),
                loose: legs.iter().any(|l| l.substances.is_empty()),
            });
            if let Some(k) = bounded {
                best.push(std::cmp::Reverse(weakest));
                if best.len() > k {
                    best.pop();
                }
            }
            bound(&best)
        });
    }
    // Without a destination, keep only channels no other channel extends (the full chains).
    if to.is_none() {
        let keys: BTreeSet<Vec<NodeId>> = found.iter().map(|c| c.path.clone()).collect();
        found.retain(|c| {
            !keys.iter().any(|k| k.len() > c.path.len() && (k.starts_with(&c.path) || k.ends_with(&c.path)))
        });
    }
    let labels = |c: &Candidate| -> Vec<&str> { c.path.iter().map(|&i| view.graph[i].label.as_str()).collect() };
    found.sort_by(|a, b| {
        b.weakest
            .cmp(&a.weakest)
            .then(b.sources.cmp(&a.sources))
            .then(b.reports.cmp(&a.reports))
            .then(a.loose.cmp(&b.loose))
            .then(b.legs.len().cmp(&a.legs.len()))
            .then(labels(a).cmp(&labels(b)))
    });
    // Only the channels shown are rendered (reports, seizures, distances),
    // with the source paths of their reports.
    found.truncate(filter.limit.unwrap_or(usize::MAX));
    let shown: BTreeSet<String> =
        found.iter().flat_map(|c| c.legs.iter().flat_map(|l| l.reports.iter().cloned())).collect();
    let Search { lineage, to_go, usable, .. } = search;
    for (report, source) in sources(&shown)? {
        if let Some(info) = view.reports.get_mut(&report) {
            info.source = source;
        }
    }
    let search = Search { view: &view, filter, lineage, to_go, usable };
    Ok(found.iter().map(|c| search.channel(&c.path, &c.legs)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> HashMap<String, BTreeSet<String>> {
        let set = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect::<BTreeSet<String>>();
        HashMap::from([
            ("cannabis".to_owned(), set(&["cannabis"])),
            ("hashish".to_owned(), set(&["hashish", "cannabis"])),
            ("opiates".to_owned(), set(&["opiates"])),
            ("heroin".to_owned(), set(&["heroin", "opiates"])),
            ("opium".to_owned(), set(&["opium", "opiates"])),
        ])
    }

    fn legs(items: &[&[&str]]) -> Vec<BTreeSet<String>> {
        items.iter().map(|l| l.iter().map(|s| (*s).to_owned()).collect()).collect()
    }

    #[test]
    fn a_broader_leg_carries_the_narrower_substance_and_not_the_reverse() {
        let lineage = tree();
        let joined = legs(&[&["cannabis"], &["hashish"]]);
        assert_eq!(common_substances(joined.iter(), &lineage), BTreeSet::from(["hashish".to_owned()]));
        // Two opiates are not one: a heroin leg does not carry opium.
        let apart = legs(&[&["heroin"], &["opium"]]);
        assert!(common_substances(apart.iter(), &lineage).is_empty());
        let shared = legs(&[&["heroin", "cocaine"], &["heroin"], &["opiates", "cocaine"]]);
        assert_eq!(common_substances(shared.iter(), &lineage), BTreeSet::from(["heroin".to_owned()]));
    }

    #[test]
    fn great_circle_distances_are_right_and_detours_are_measured_against_them() {
        // Kabul to Almaty, about 1,160 km.
        let kabul = (34.53, 69.17);
        let almaty = (43.24, 76.89);
        let distance = great_circle_km(kabul, almaty);
        assert!((distance - 1160.0).abs() < 30.0, "{distance}");
        assert!(plausible(Some((1800.0, 1160.0))));
        assert!(!plausible(Some((14_000.0, 1160.0))));
        assert!(plausible(None));
    }
}
