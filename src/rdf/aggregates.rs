//! The store's side of updating the aggregates graph in place: the edges
//! some reports support, stored edges read back from their packed parts,
//! the edges the entities graph states without a report, and a write of
//! only the quads that differ.

use super::iri;
use super::quads::{aggregate_quads, unpack_parts, unpack_reports, unpack_seized};
use super::store::{Store, StoreError, storage};
use super::vocab::*;
use crate::model::{AggregateEdge, EntityKey, ReportId};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::{BTreeMap, BTreeSet};

/// An edge the entities graph states without a report: (from IRI, to IRI,
/// the predicate stating it: `ng:inCountry` or `org:subOrganizationOf`).
pub type StandingLink = (String, String, &'static str);

impl Store {
    /// The aggregate edges (IRIs) these reports support.
    pub fn edges_supported_by<'r>(
        &self,
        reports: impl IntoIterator<Item = &'r ReportId>,
    ) -> Result<BTreeSet<String>, StoreError> {
        let graph = iri::aggregates_graph();
        let mut out = BTreeSet::new();
        for report in reports {
            let action = "finding the edges a report supports";
            for subject in self.subjects_with(SUPPORTED_BY, &iri::report(report), &graph, action)? {
                // A leg seizure hangs under its edge's IRI.
                out.insert(subject.split("/seized/").next().unwrap_or_default().to_owned());
            }
        }
        Ok(out)
    }

    /// Stored aggregate edges, read back from their packed literals (the
    /// edges not stored are left out), with every field as written.
    pub fn stored_edges(&self, edges: &BTreeSet<String>) -> Result<BTreeMap<String, AggregateEdge>, StoreError> {
        let graph = NamedNode::new_unchecked(iri::aggregates_graph());
        let value = |subject: &NamedNode, predicate: &str| -> Result<Option<String>, StoreError> {
            let predicate = NamedNode::new_unchecked(predicate);
            let found = self
                .inner
                .quads_for_pattern(
                    Some(subject.as_ref().into()),
                    Some(predicate.as_ref()),
                    None,
                    Some(graph.as_ref().into()),
                )
                .next()
                .transpose()
                .map_err(storage("reading an aggregate edge"))?;
            Ok(found.map(|quad| match quad.object {
                Term::NamedNode(node) => node.into_string(),
                Term::Literal(literal) => literal.value().to_owned(),
                other => other.to_string(),
            }))
        };
        let mut out = BTreeMap::new();
        for edge in edges {
            let subject = NamedNode::new_unchecked(edge.as_str());
            let (Some(from), Some(to), Some(relation)) =
                (value(&subject, AGG_FROM)?, value(&subject, AGG_TO)?, value(&subject, RELATION)?)
            else {
                continue;
            };
            let (parts, standing) = value(&subject, REPORT_PARTS)?.as_deref().map(unpack_parts).unwrap_or_default();
            let dates = value(&subject, REPORT_DATES)?.as_deref().map(unpack_reports).unwrap_or_default();
            let seized = value(&subject, LEG_SEIZURES)?.as_deref().map(unpack_seized).unwrap_or_default();
            let sources = value(&subject, SOURCE_COUNT)?.and_then(|n| n.parse().ok()).unwrap_or(0);
            let mut stored = AggregateEdge { from, to, relation, standing, ..AggregateEdge::default() };
            stored.assemble(parts, &dates.into_iter().collect(), seized);
            stored.sources = sources;
            out.insert(edge.clone(), stored);
        }
        Ok(out)
    }

    /// The edges the entities graph states for these entities: their
    /// country and parents, and, for `objects`, the entities located in them
    /// or part of them. Only edges between two entities of the graph count.
    pub fn standing_links(
        &self,
        subjects: &BTreeSet<EntityKey>,
        objects: &BTreeSet<EntityKey>,
    ) -> Result<BTreeSet<StandingLink>, StoreError> {
        let graph = NamedNode::new_unchecked(iri::entities_graph());
        let graph_name: oxigraph::model::GraphNameRef<'_> = graph.as_ref().into();
        let links = [IN_COUNTRY, ORG_SUB_ORGANIZATION_OF];
        let mut found: Vec<Quad> = Vec::new();
        for predicate in links {
            let predicate = NamedNode::new_unchecked(predicate);
            for key in subjects {
                let node = NamedNode::new_unchecked(iri::entity(key));
                for quad in self.inner.quads_for_pattern(
                    Some(node.as_ref().into()),
                    Some(predicate.as_ref()),
                    None,
                    Some(graph_name),
                ) {
                    found.push(quad.map_err(storage("reading standing links"))?);
                }
            }
            for key in objects {
                let node = NamedNode::new_unchecked(iri::entity(key));
                for quad in self.inner.quads_for_pattern(
                    None,
                    Some(predicate.as_ref()),
                    Some(node.as_ref().into()),
                    Some(graph_name),
                ) {
                    found.push(quad.map_err(storage("reading standing links"))?);
                }
            }
        }
        let entity_type = NamedNode::new_unchecked(ENTITY_TYPE);
        let is_entity = |node: &NamedNode| -> Result<bool, StoreError> {
            Ok(self
                .inner
                .quads_for_pattern(Some(node.as_ref().into()), Some(entity_type.as_ref()), None, Some(graph_name))
                .next()
                .transpose()
                .map_err(storage("reading standing links"))?
                .is_some())
        };
        let mut out = BTreeSet::new();
        for quad in found {
            let (NamedOrBlankNode::NamedNode(from), Term::NamedNode(to)) = (&quad.subject, &quad.object) else {
                continue;
            };
            let Some(&relation) = links.iter().find(|p| quad.predicate.as_str() == **p) else { continue };
            if from != to && is_entity(from)? && is_entity(to)? {
                out.insert((from.as_str().to_owned(), to.as_str().to_owned(), relation));
            }
        }
        Ok(out)
    }

    /// Near-duplicate reports as the entities graph states them: copy -> its story's first report.
    pub fn story_links(&self) -> Result<BTreeMap<String, String>, StoreError> {
        let graph = NamedNode::new_unchecked(iri::entities_graph());
        let predicate = NamedNode::new_unchecked(SAME_STORY_AS);
        let mut out = BTreeMap::new();
        for quad in self.inner.quads_for_pattern(None, Some(predicate.as_ref()), None, Some(graph.as_ref().into())) {
            let quad = quad.map_err(storage("reading stories"))?;
            if let (NamedOrBlankNode::NamedNode(copy), Term::NamedNode(first)) = (&quad.subject, &quad.object) {
                out.insert(copy.as_str().to_owned(), first.as_str().to_owned());
            }
        }
        Ok(out)
    }

    /// Replaces aggregate edges `old` (as stored) by `new`, writing only the
    /// quads that differ: an edge that gained one report of a thousand
    /// changes a few quads, not a thousand.
    pub fn update_aggregate_edges(&self, old: &[AggregateEdge], new: &[AggregateEdge]) -> Result<(), StoreError> {
        let (rows_before, rows_after) = self.route_row_changes(old, new)?;
        let before: Vec<Quad> = aggregate_quads(old).into_iter().chain(rows_before).collect();
        let after: Vec<Quad> = aggregate_quads(new).into_iter().chain(rows_after).collect();
        self.write_difference(&before, &after.iter().collect::<Vec<_>>(), "updating aggregates")
    }
}
