//! Updating the aggregates graph for what a load changed, instead of
//! rebuilding it from every event: each stored edge keeps its reports'
//! parts, so a load takes away the parts of the reports it removed or
//! rewrote, adds those of the reports it wrote, and writes the difference.

use super::Relation;
use super::view::{GraphError, report_contributions};
use crate::model::{AggregateEdge, ReportId};
use crate::rdf::aggregates::StandingLink;
use crate::rdf::vocab::IN_COUNTRY;
use crate::rdf::{Store, iri};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What a load changed that the aggregates depend on.
pub struct AggregateChanges<'a> {
    /// Reports whose stored parts go (removed, rewritten, and every report
    /// in `added`).
    pub dropped: &'a BTreeSet<ReportId>,
    /// Reports whose parts are read from their events (written or
    /// rewritten, and still stored).
    pub added: &'a [ReportId],
    /// The edges the entities graph stated without a report, before and
    /// after the load, for the entities it touched
    /// ([`Store::standing_links`]).
    pub standing: (&'a BTreeSet<StandingLink>, &'a BTreeSet<StandingLink>),
    /// Near-duplicate copies -> their story's first report, before and after.
    pub stories: (&'a BTreeMap<String, String>, &'a BTreeMap<String, String>),
}

/// Brings the aggregate edges the changes touch to what a rebuild from every
/// event gives (`tests/integration/aggregates.rs` and the determinism test
/// compare the two), reading and writing only those edges.
pub fn update_aggregates(store: &Store, changes: &AggregateChanges<'_>) -> Result<(), GraphError> {
    let contributions: HashMap<String, AggregateEdge> = report_contributions(store, changes.added)?
        .into_iter()
        .map(|edge| (iri::aggregate_edge(&edge.from, &edge.to, &edge.relation), edge))
        .collect();
    let (stories_before, stories_after) = changes.stories;
    let moved_stories: BTreeSet<ReportId> = stories_before
        .keys()
        .chain(stories_after.keys())
        .filter(|copy| stories_before.get(*copy) != stories_after.get(*copy))
        .filter_map(|copy| iri::report_id(copy))
        .collect();
    let (standing_before, standing_after) = changes.standing;
    let standing: BTreeMap<String, (&StandingLink, bool)> = standing_before
        .iter()
        .chain(standing_after)
        .map(|link| {
            let (from, to, relation) = standing_edge(link);
            (iri::aggregate_edge(from, to, relation.as_str()), (link, standing_after.contains(link)))
        })
        .collect();
    let mut touched = store.edges_supported_by(changes.dropped.iter().chain(&moved_stories))?;
    touched.extend(contributions.keys().cloned());
    touched.extend(standing.keys().cloned());
    let old = store.stored_edges(&touched)?;
    let dropped: BTreeSet<String> = changes.dropped.iter().map(iri::report).collect();
    let mut new = Vec::new();
    for edge_iri in &touched {
        let stored = old.get(edge_iri);
        let added = contributions.get(edge_iri);
        let ends = stored.or(added).map(|e| (e.from.clone(), e.to.clone(), e.relation.clone())).or_else(|| {
            standing.get(edge_iri).map(|(link, _)| {
                let (from, to, relation) = standing_edge(link);
                (from.to_owned(), to.to_owned(), relation.as_str().to_owned())
            })
        });
        let Some((from, to, relation)) = ends else { continue };
        let mut parts = Vec::new();
        let mut seized = Vec::new();
        let mut dates: HashMap<String, Option<String>> = HashMap::new();
        if let Some(edge) = stored {
            parts.extend(edge.parts.iter().filter(|p| !dropped.contains(&p.report)).cloned());
            seized.extend(edge.seized.iter().filter(|s| !dropped.contains(&s.0)).cloned());
        }
        if let Some(edge) = added {
            parts.extend(edge.parts.iter().cloned());
            seized.extend(edge.seized.iter().cloned());
        }
        for edge in stored.into_iter().chain(added) {
            for (report, date) in edge.reports.iter().zip(&edge.report_dates) {
                dates.insert(report.clone(), date.clone());
            }
        }
        let standing = match standing.get(edge_iri) {
            Some(&(_, now)) => now,
            None => stored.is_some_and(|e| e.standing),
        };
        if parts.is_empty() && !standing {
            continue;
        }
        let mut edge = AggregateEdge { from, to, relation, standing, ..AggregateEdge::default() };
        edge.assemble(parts, &dates, seized);
        edge.count_sources(stories_after);
        new.push(edge);
    }
    store.update_aggregate_edges(&old.into_values().collect::<Vec<_>>(), &new)?;
    Ok(())
}

/// A standing link as an edge of the entity graph.
fn standing_edge(link: &StandingLink) -> (&str, &str, Relation) {
    let relation = if link.2 == IN_COUNTRY { Relation::LocatedIn } else { Relation::PartOf };
    (&link.0, &link.1, relation)
}
