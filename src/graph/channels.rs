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
    /// List the sources of at most this many reports (the newest) per leg,
    /// seizure and channel; `None`: all. Counts are always of all.
    pub reports_shown: Option<usize>,
}

/// The reports behind a leg, a seizure or a channel: how many, and the
/// sources (input paths) of the newest of them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportList {
    /// How many reports.
    pub count: usize,
    /// Sources of the newest reports first (undated ones last, then by
    /// report IRI), as many as [`ChannelFilter::reports_shown`] asks.
    pub newest: Vec<String>,
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
    /// Its reports.
    pub reports: ReportList,
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
    /// The reports that seized it.
    pub reports: ReportList,
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
    /// Distinct supporting reports.
    pub reports: ReportList,
    /// Independent stories among them.
    pub sources: usize,
    /// Independent stories on the weakest leg.
    pub weakest_leg_sources: usize,
    /// Great-circle length through its located places, and origin to destination, in km.
    pub distance_km: Option<(f64, f64)>,
}

/// Substance labels numbered, each with the numbers of itself and its
/// broader concepts in the store's vocabulary (sorted), so that the search's
/// substance checks compare small integers, not labels.
struct Substances {
    labels: Vec<String>,
    number: HashMap<String, u32>,
    lineage: Vec<Vec<u32>>,
}

impl Substances {
    /// The vocabulary's labels, each with its chain of broader labels.
    fn new<'c>(chains: impl Iterator<Item = (&'c str, Vec<&'c str>)>) -> Substances {
        let mut out = Substances { labels: Vec::new(), number: HashMap::new(), lineage: Vec::new() };
        let chains: Vec<(&str, Vec<&str>)> = chains.collect();
        for (label, up) in &chains {
            out.intern(label);
            for broader in up {
                out.intern(broader);
            }
        }
        for (label, up) in chains {
            let own = out.number[label];
            let mut line: Vec<u32> = up.iter().map(|b| out.number[*b]).chain([own]).collect();
            line.sort_unstable();
            line.dedup();
            out.lineage[own as usize] = line;
        }
        out
    }

    /// The store's vocabulary: each concept's label and its broader ones.
    fn of_graph(graph: &Graph) -> Substances {
        Substances::new(graph.concepts.values().map(|(label, broader)| {
            let mut up = Vec::new();
            let mut next = broader.as_deref();
            // A vocabulary is a tree; the bound only guards against a cycle in a hand-edited store.
            for _ in 0..16 {
                let Some((parent, above)) = next.and_then(|iri| graph.concepts.get(iri)) else { break };
                up.push(parent.as_str());
                next = above.as_deref();
            }
            (label.as_str(), up)
        }))
    }

    /// A label's number; a label the vocabulary lacks is its own lineage.
    fn intern(&mut self, label: &str) -> u32 {
        if let Some(&n) = self.number.get(label) {
            return n;
        }
        let n = self.labels.len() as u32;
        self.labels.push(label.to_owned());
        self.number.insert(label.to_owned(), n);
        self.lineage.push(vec![n]);
        n
    }

    /// The numbers of some labels, sorted.
    fn numbers<'l>(&mut self, labels: impl Iterator<Item = &'l String>) -> Vec<u32> {
        let mut out: Vec<u32> = labels.map(|l| self.intern(l)).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The labels of some numbers, in label order.
    fn labels(&self, numbers: &[u32]) -> BTreeSet<String> {
        numbers.iter().map(|&n| self.labels[n as usize].clone()).collect()
    }

    /// Whether `narrow` is `broad` or under it.
    fn within(&self, narrow: u32, broad: u32) -> bool {
        self.lineage[narrow as usize].binary_search(&broad).is_ok()
    }

    /// Whether a leg naming `named` can carry `substance`: it names it or a broader concept.
    fn carries(&self, named: &[u32], substance: u32) -> bool {
        self.lineage[substance as usize].iter().any(|s| named.binary_search(s).is_ok())
    }

    /// The narrowest substances every leg can carry (sorted); legs naming none are skipped.
    fn common<'a>(&self, legs: impl Iterator<Item = &'a [u32]>) -> Vec<u32> {
        let named: Vec<&[u32]> = legs.filter(|s| !s.is_empty()).collect();
        let mut carried: Vec<u32> = named
            .iter()
            .flat_map(|s| s.iter().copied())
            .filter(|&c| named.iter().all(|leg| self.carries(leg, c)))
            .collect();
        carried.sort_unstable();
        carried.dedup();
        // Keep the narrowest: drop a concept when a narrower one is carried too.
        carried.iter().copied().filter(|&c| !carried.iter().any(|&d| d != c && self.within(d, c))).collect()
    }
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

/// The view's reports numbered (in IRI order), with what the search asks
/// of each: its story (copies share their first report's) and its date.
/// Legs hold numbers, so forming a chain's reports is a merge of small
/// integers rather than of IRIs.
struct Numbered<'v> {
    iris: Vec<&'v str>,
    number: HashMap<&'v str, u32>,
    story: Vec<u32>,
    date: Vec<Option<&'v str>>,
}

impl<'v> Numbered<'v> {
    fn new(view: &'v Graph) -> Numbered<'v> {
        // The view's reports come in IRI order; a leg's report the view
        // does not list (none in a view built by `graph::view`) follows them.
        let mut iris: Vec<&str> = view.reports.keys().map(String::as_str).collect();
        let mut date: Vec<Option<&str>> = view.reports.values().map(|i| i.date.as_deref()).collect();
        let mut number: HashMap<&str, u32> = HashMap::with_capacity(iris.len());
        number.extend(iris.iter().enumerate().map(|(i, r)| (*r, i as u32)));
        for edge in view.graph.edge_weights().filter(|e| e.relation == Relation::Route) {
            for report in &edge.reports {
                if !number.contains_key(report.as_str()) {
                    number.insert(report.as_str(), iris.len() as u32);
                    iris.push(report.as_str());
                    date.push(None);
                }
            }
        }
        // A report's story is its own number, or its story's first report's
        // (a first report the view lacks gets a number past every report's).
        let mut absent: HashMap<&str, u32> = HashMap::new();
        let story = (0..iris.len())
            .map(|i| match view.stories.get(iris[i]) {
                None => i as u32,
                Some(first) => match number.get(first.as_str()) {
                    Some(&n) => n,
                    None => {
                        let next = (iris.len() + absent.len()) as u32;
                        *absent.entry(first.as_str()).or_insert(next)
                    }
                },
            })
            .collect();
        Numbered { iris, number, story, date }
    }

    /// The numbers of some report IRIs, sorted.
    fn of<'r>(&self, reports: impl Iterator<Item = &'r String>) -> Vec<u32> {
        let mut out: Vec<u32> = reports.filter_map(|r| self.number.get(r.as_str()).copied()).collect();
        out.sort_unstable();
        out
    }

    /// Independent stories among sorted report numbers.
    fn independent(&self, reports: &[u32]) -> usize {
        let mut stories: Vec<u32> = reports.iter().map(|&r| self.story[r as usize]).collect();
        stories.sort_unstable();
        stories.dedup();
        stories.len()
    }

    /// The newest of some reports first (undated last, then in IRI order), at most `shown`.
    fn newest(&self, reports: impl Iterator<Item = u32>, shown: Option<usize>) -> Vec<&'v str> {
        let mut all: Vec<u32> = reports.collect();
        let (date, iri) = (&self.date, &self.iris);
        all.sort_by(|&a, &b| date[b as usize].cmp(&date[a as usize]).then(iri[a as usize].cmp(iri[b as usize])));
        all.truncate(shown.unwrap_or(usize::MAX));
        all.into_iter().map(|r| self.iris[r as usize]).collect()
    }
}

/// The sorted union of the legs' reports.
fn union(legs: &[Leg]) -> Vec<u32> {
    let mut all: Vec<u32> = legs.iter().flat_map(|l| l.reports.iter().copied()).collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// A leg while searching.
#[derive(Clone)]
struct Leg {
    from: NodeId,
    to: NodeId,
    /// Report numbers, sorted; shared with every chain through this edge: a
    /// search visits an edge many times.
    reports: Rc<Vec<u32>>,
    sources: usize,
    /// Substance numbers, sorted.
    substances: Rc<Vec<u32>>,
}

/// Told about each chain the search forms (its places, its legs, and the
/// substances all of them carry); answers the fewest sources a leg must have
/// for a longer chain through it to still be worth finding (0: all are).
type Emit<'e> = dyn FnMut(&[NodeId], &[Leg], &[u32]) -> usize + 'e;

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
    numbered: Numbered<'a>,
    substances: Substances,
    /// With a destination: legs from each node to it (fewest), so the search
    /// never walks a branch that cannot end there within the hops left.
    to_go: Option<HashMap<NodeId, usize>>,
    /// The legs the filter keeps out of each node (by node index), in the
    /// order of their ends' IRIs, with their reports, sources and
    /// substances computed once.
    adjacent: Vec<Vec<Leg>>,
    /// Each report's day number, for `within_days`.
    days: Vec<Option<i64>>,
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

/// A channel as the search renders it: lists of report IRIs, newest first,
/// which [`channels_with_sources`] turns into sources once it knows them.
type Rendered<'v> = (Channel, Vec<Vec<&'v str>>);

impl<'a> Search<'a> {
    /// The route legs between places the filter keeps, out of each node.
    fn adjacent(
        view: &Graph,
        filter: &ChannelFilter,
        numbered: &Numbered<'_>,
        substances: &mut Substances,
    ) -> Vec<Vec<Leg>> {
        let mut out: Vec<Vec<Leg>> = vec![Vec::new(); view.graph.node_count()];
        for index in view.graph.edge_indices() {
            let edge = &view.graph[index];
            let Some((from, to)) = view.graph.edge_endpoints(index) else { continue };
            if edge.relation != Relation::Route
                || (edge.substances.is_empty() && !filter.loose)
                || !view.graph[from].kind.is_place()
                || !view.graph[to].kind.is_place()
            {
                continue;
            }
            let mut reports = numbered.of(edge.reports.iter());
            if let Some(since) = &filter.since {
                reports.retain(|&r| numbered.date[r as usize].is_some_and(|d| d >= since.as_str()));
            }
            if !reports.is_empty() {
                let sources = numbered.independent(&reports);
                let substances = Rc::new(substances.numbers(edge.substances.iter()));
                out[from.index()].push(Leg { from, to, reports: Rc::new(reports), sources, substances });
            }
        }
        for legs in &mut out {
            legs.sort_by(|a, b| view.graph[a.to].iri.cmp(&view.graph[b.to].iri));
        }
        out
    }

    /// Whether two consecutive legs have reports dated within the window.
    fn close_in_time(&self, a: &Leg, b: &Leg) -> bool {
        let Some(days) = self.filter.within_days else { return true };
        let first: Vec<i64> = a.reports.iter().filter_map(|&r| self.days[r as usize]).collect();
        b.reports
            .iter()
            .filter_map(|&r| self.days[r as usize])
            .any(|d| first.iter().any(|f| (f - d).abs() <= i64::from(days)))
    }

    fn extend(&self, path: &mut Vec<NodeId>, legs: &mut Vec<Leg>, emit: &mut Emit<'_>) {
        if legs.len() >= self.filter.max_hops.max(1) {
            return;
        }
        let Some(&current) = path.last() else { return };
        let hops_left = self.filter.max_hops.max(1) - legs.len() - 1;
        let mut bound = 0;
        for leg in &self.adjacent[current.index()] {
            // A chain is ranked by its weakest leg first: one through a leg
            // weaker than the bound can never be shown.
            if leg.sources < bound {
                continue;
            }
            if path.contains(&leg.to) || legs.last().is_some_and(|last| !self.close_in_time(last, leg)) {
                continue;
            }
            if self.to_go.as_ref().is_some_and(|to_go| to_go.get(&leg.to).is_none_or(|&d| d > hops_left)) {
                continue;
            }
            legs.push(leg.clone());
            path.push(leg.to);
            // Every check holds for the chain so far, or no longer chain through it can be shown.
            let common = self.substances.common(legs.iter().map(|l| l.substances.as_slice()));
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
    fn carries_wanted(&self, substances: &[u32]) -> bool {
        let Some(wanted) = &self.filter.substance else { return true };
        let wanted = wanted.to_lowercase();
        substances.iter().any(|&s| {
            self.substances.lineage[s as usize]
                .iter()
                .any(|&a| self.substances.labels[a as usize].to_lowercase() == wanted)
        })
    }

    /// The channel of a chain, its report lists as IRIs (newest first, as
    /// many as the filter shows), in the order legs, seizures, channel.
    fn channel(&self, path: &[NodeId], legs: &[Leg]) -> Rendered<'a> {
        let view = self.view;
        let shown = self.filter.reports_shown;
        let label = |i: NodeId| view.graph[i].label.clone();
        let substances = self.substances.common(legs.iter().map(|l| l.substances.as_slice()));
        let all = union(legs);
        let mut lists: Vec<Vec<&'a str>> = Vec::new();
        let mut list = |reports: &[u32]| -> ReportList {
            lists.push(self.numbered.newest(reports.iter().copied(), shown));
            ReportList { count: reports.len(), newest: Vec::new() }
        };
        let channel_legs: Vec<ChannelLeg> = legs
            .iter()
            .map(|leg| ChannelLeg {
                from: label(leg.from),
                to: label(leg.to),
                substances: self.substances.labels(&leg.substances).into_iter().collect(),
                reports: list(&leg.reports),
                sources: leg.sources,
            })
            .collect();
        let seizures = self
            .seizures(path, legs, &substances)
            .into_iter()
            .map(|(substance, kilograms, reports)| ChannelSeizure { substance, kilograms, reports: list(&reports) })
            .collect();
        let channel = Channel {
            places: path.iter().map(|&i| label(i)).collect(),
            place_iris: path.iter().map(|&i| view.graph[i].iri.clone()).collect(),
            weakest_leg_sources: channel_legs.iter().map(|l| l.sources).min().unwrap_or(0),
            loose: legs.iter().any(|l| l.substances.is_empty()),
            seizures,
            legs: channel_legs,
            substances: self.substances.labels(&substances).into_iter().collect(),
            sources: self.numbered.independent(&all),
            reports: list(&all),
            distance_km: distances(view, path),
        };
        (channel, lists)
    }

    /// Each report's seizure of each substance the channel carries, once:
    /// the substance, its kilograms and the (sorted) numbers of the reports.
    fn seizures(&self, path: &[NodeId], legs: &[Leg], carried: &[u32]) -> Vec<(String, f64, Vec<u32>)> {
        // Keyed by story, not report: a syndicated copy repeats its story's seizure.
        let mut once: BTreeMap<(&str, u32), f64> = BTreeMap::new();
        let mut seen_in: BTreeMap<&str, BTreeSet<u32>> = BTreeMap::new();
        for (leg, pair) in legs.iter().zip(path.windows(2)) {
            let Some(edge) = self.view.graph.find_edge(pair[0], pair[1]).map(|e| &self.view.graph[e]) else {
                continue;
            };
            for ((report, substance), kg) in &edge.seized {
                let relevant = carried.is_empty()
                    || self.substances.number.get(substance).is_some_and(|&s| {
                        carried.iter().any(|&c| self.substances.within(c, s) || self.substances.within(s, c))
                    });
                let Some(&number) = self.numbered.number.get(report.as_str()) else { continue };
                if relevant && leg.reports.binary_search(&number).is_ok() {
                    let story = self.numbered.story[number as usize];
                    let slot = once.entry((substance.as_str(), story)).or_insert(0.0);
                    *slot = slot.max(*kg);
                    seen_in.entry(substance.as_str()).or_default().insert(number);
                }
            }
        }
        let mut by_substance: BTreeMap<&str, (f64, Vec<u32>)> = BTreeMap::new();
        for ((substance, _), kg) in once {
            by_substance.entry(substance).or_default().0 += kg;
        }
        for (substance, reports) in seen_in {
            by_substance.entry(substance).or_default().1 = reports.into_iter().collect();
        }
        by_substance
            .into_iter()
            .map(|(substance, (kilograms, reports))| (substance.to_owned(), kilograms, reports))
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

/// [`channels`], with the source paths of the reports the channels shown
/// list asked of `sources` once the channels are chosen: a view that reads
/// every report's path costs most of a search on a large collection, and a
/// table lists only a few reports of each leg.
pub fn channels_with_sources(
    graph: &Graph,
    filter: &ChannelFilter,
    sources: &mut SourceLookup<'_>,
) -> Result<Vec<Channel>, super::GraphError> {
    // The channel graph is the places and the route legs between them: the
    // search reads only those (no copy of the graph is made).
    let view = graph;
    let resolve = |name: &Option<String>| -> Result<Option<BTreeSet<NodeId>>, super::GraphError> {
        match name {
            None => Ok(None),
            Some(name) => {
                let found: BTreeSet<NodeId> =
                    view.find_indices(name).into_iter().filter(|&i| view.graph[i].kind.is_place()).collect();
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
    let to_go = to.as_ref().map(|targets| legs_to(view, targets, filter.max_hops.max(1)));
    let starts: Vec<NodeId> = match (&from, &to_go) {
        (Some(set), _) => set.iter().copied().collect(),
        (None, Some(to_go)) => view.sorted_indices().into_iter().filter(|n| to_go.contains_key(n)).collect(),
        (None, None) => view.sorted_indices().into_iter().filter(|&n| view.graph[n].kind.is_place()).collect(),
    };
    let numbered = Numbered::new(view);
    let mut substances = Substances::of_graph(graph);
    let adjacent = Search::adjacent(view, filter, &numbered, &mut substances);
    let days = numbered.date.iter().map(|d| d.and_then(dates::day_number)).collect();
    let search = Search { view, filter, numbered, substances, to_go, adjacent, days };
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
            let all = union(legs);
            found.push(Candidate {
                path: path.to_vec(),
                legs: legs.to_vec(),
                weakest,
                sources: search.numbered.independent(&all),
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
    // and only the reports they list are looked up.
    found.truncate(filter.limit.unwrap_or(usize::MAX));
    let rendered: Vec<Rendered<'_>> = found.iter().map(|c| search.channel(&c.path, &c.legs)).collect();
    let listed: BTreeSet<String> =
        rendered.iter().flat_map(|(_, lists)| lists.iter().flatten().map(|r| (*r).to_owned())).collect();
    let known = sources(&listed)?;
    let source = |report: &str| {
        known
            .get(report)
            .or_else(|| view.reports.get(report).map(|i| &i.source).filter(|s| !s.is_empty()))
            .map_or_else(|| report.to_owned(), String::clone)
    };
    Ok(rendered
        .into_iter()
        .map(|(mut channel, lists)| {
            let mut lists = lists.into_iter().map(|list| list.into_iter().map(source).collect::<Vec<String>>());
            let mut fill = |reports: &mut ReportList| reports.newest = lists.next().unwrap_or_default();
            // The order `Search::channel` listed them in: legs, seizures, the channel.
            channel.legs.iter_mut().for_each(|leg| fill(&mut leg.reports));
            channel.seizures.iter_mut().for_each(|seizure| fill(&mut seizure.reports));
            fill(&mut channel.reports);
            channel
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> Substances {
        Substances::new(
            [
                ("cannabis", vec![]),
                ("hashish", vec!["cannabis"]),
                ("opiates", vec![]),
                ("heroin", vec!["opiates"]),
                ("opium", vec!["opiates"]),
            ]
            .into_iter(),
        )
    }

    /// The narrowest common substances of legs naming these labels.
    fn common(substances: &mut Substances, items: &[&[&str]]) -> BTreeSet<String> {
        let legs: Vec<Vec<u32>> = items
            .iter()
            .map(|l| substances.numbers(l.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>().iter()))
            .collect();
        substances.labels(&substances.common(legs.iter().map(Vec::as_slice)))
    }

    #[test]
    fn a_broader_leg_carries_the_narrower_substance_and_not_the_reverse() {
        let mut substances = tree();
        let set = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect::<BTreeSet<String>>();
        assert_eq!(common(&mut substances, &[&["cannabis"], &["hashish"]]), set(&["hashish"]));
        // Two opiates are not one: a heroin leg does not carry opium.
        assert!(common(&mut substances, &[&["heroin"], &["opium"]]).is_empty());
        // A label outside the vocabulary (cocaine) is carried only where named.
        let shared = common(&mut substances, &[&["heroin", "cocaine"], &["heroin"], &["opiates", "cocaine"]]);
        assert_eq!(shared, set(&["heroin"]));
        assert_eq!(common(&mut substances, &[&["heroin", "cocaine"], &["cocaine"]]), set(&["cocaine"]));
        // A leg naming nothing is skipped.
        assert_eq!(common(&mut substances, &[&["opiates"], &[], &["opium"]]), set(&["opium"]));
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
