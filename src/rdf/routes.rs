//! Route rows: every route edge of the aggregates graph again in one line of
//! text, the lines kept in a few bucket literals, so that the routes view
//! (`channels`, centrality over channels) reads a few values instead of
//! joining every edge's properties (a seek and a string lookup per edge and
//! property: 0.5 s of the 1.2 s it took at 100,000 reports).

use super::iri;
use super::quads::{pack_reports, pack_seized_with, unpack_reports, unpack_seized_with};
use super::store::{Store, StoreError, storage};
use super::vocab::ROUTE_ROWS;
use crate::model::AggregateEdge;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::BTreeMap;

/// How many buckets the rows are spread over: a load rewrites the buckets
/// of the edges it changed, so more buckets write less; fewer read faster.
pub const ROUTE_BUCKETS: u16 = 64;

/// The relation name of the edges kept as rows.
const ROUTE: &str = "route";

/// One route edge as the routes view reads it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RouteRow {
    /// Start place IRI.
    pub from: String,
    /// End place IRI.
    pub to: String,
    /// The edge's kilograms (`ng:totalKg`; 0 when it has none).
    pub kilograms: f64,
    /// Substance labels.
    pub substances: Vec<String>,
    /// Report IRIs, each with its date.
    pub reports: Vec<(String, Option<String>)>,
    /// Leg seizures: report IRI, substance label, kilograms.
    pub seized: Vec<(String, String, f64)>,
}

/// Separates a row's fields (a tab) and the items of a list field (U+001F);
/// U+001E separates leg seizures, whose fields are separated by U+001F.
const FIELD: char = '\t';
const ITEM: char = '\u{1f}';
const SEIZURE: char = '\u{1e}';

/// The row of a route edge: from, to, kilograms, substances, packed reports
/// (as `ng:reportDates`), leg seizures, separated by tabs.
fn row(edge: &AggregateEdge) -> String {
    let seized = pack_seized_with(&edge.seized, ITEM, SEIZURE);
    let substances = edge.substances.join(&ITEM.to_string());
    let reports = pack_reports(&edge.reports, &edge.report_dates);
    format!(
        "{}{FIELD}{}{FIELD}{}{FIELD}{substances}{FIELD}{reports}{FIELD}{seized}",
        edge.from, edge.to, edge.kilograms
    )
}

/// A row read back; `None` for a line not in the row's shape.
fn parse(line: &str) -> Option<RouteRow> {
    let mut fields = line.split(FIELD);
    let (from, to, kilograms) = (fields.next()?, fields.next()?, fields.next()?.parse().ok()?);
    let substances = fields.next()?.split(ITEM).filter(|s| !s.is_empty()).map(str::to_owned).collect();
    let reports = unpack_reports(fields.next()?);
    let seized = unpack_seized_with(fields.next()?, ITEM, SEIZURE);
    Some(RouteRow { from: from.to_owned(), to: to.to_owned(), kilograms, substances, reports, seized })
}

/// The bucket an aggregate edge's row is kept in.
fn bucket_of(edge: &str) -> u16 {
    let digits = edge.rsplit('/').next().unwrap_or_default();
    u16::from_str_radix(digits.get(..4).unwrap_or("0"), 16).unwrap_or(0) % ROUTE_BUCKETS
}

/// The rows of bucket literals (number, text), or `None` when there are none.
pub(super) fn rows_from_buckets(buckets: impl IntoIterator<Item = (u16, String)>) -> Option<Vec<RouteRow>> {
    // In bucket order, whatever order the store gave them in: the view's
    // edges (and so the order of equal channels) must not depend on it.
    let mut buckets: Vec<(u16, String)> = buckets.into_iter().collect();
    buckets.sort_unstable();
    let mut out = Vec::new();
    let mut any = false;
    for (_, text) in buckets {
        any = true;
        out.extend(text.lines().filter_map(parse));
    }
    any.then_some(out)
}

/// Rows by bucket, each bucket's by edge IRI.
type Buckets = BTreeMap<u16, BTreeMap<String, String>>;

fn add_rows<'e>(buckets: &mut Buckets, edges: impl Iterator<Item = &'e AggregateEdge>) {
    for edge in edges.filter(|e| e.relation == ROUTE) {
        let id = iri::aggregate_edge(&edge.from, &edge.to, &edge.relation);
        buckets.entry(bucket_of(&id)).or_default().insert(id, row(edge));
    }
}

fn bucket_quad(number: u16, rows: &BTreeMap<String, String>) -> Quad {
    let lines: Vec<&str> = rows.values().map(String::as_str).collect();
    Quad::new(
        NamedNode::new_unchecked(iri::route_bucket(number)),
        NamedNode::new_unchecked(ROUTE_ROWS),
        Literal::new_simple_literal(lines.join("\n")),
        GraphName::NamedNode(NamedNode::new_unchecked(iri::aggregates_graph())),
    )
}

/// The bucket quads holding the rows of these edges' routes (the edges of
/// other relations are skipped): what a whole write of the aggregates adds.
pub fn route_row_quads(edges: &[AggregateEdge]) -> Vec<Quad> {
    let mut buckets = Buckets::new();
    add_rows(&mut buckets, edges.iter());
    buckets.iter().filter(|(_, rows)| !rows.is_empty()).map(|(n, rows)| bucket_quad(*n, rows)).collect()
}

impl Store {
    /// Every route row, or `None` when the store keeps none (a store
    /// written before rows were kept, or one with no route).
    pub fn route_rows(&self) -> Result<Option<Vec<RouteRow>>, StoreError> {
        Ok(rows_from_buckets(self.route_buckets(None)?))
    }

    /// The stored bucket literals, all or those numbered in `only`.
    fn route_buckets(&self, only: Option<&[u16]>) -> Result<Vec<(u16, String)>, StoreError> {
        let graph = NamedNode::new_unchecked(iri::aggregates_graph());
        let predicate = NamedNode::new_unchecked(ROUTE_ROWS);
        let read = |subject: Option<&NamedNode>| -> Result<Vec<(u16, String)>, StoreError> {
            let mut out = Vec::new();
            for quad in self.inner.quads_for_pattern(
                subject.map(|s| s.as_ref().into()),
                Some(predicate.as_ref()),
                None,
                Some(graph.as_ref().into()),
            ) {
                let quad = quad.map_err(storage("reading route rows"))?;
                let (NamedOrBlankNode::NamedNode(subject), Term::Literal(text)) = (quad.subject, quad.object) else {
                    continue;
                };
                if let Some(number) = iri::route_bucket_number(subject.as_str()) {
                    out.push((number, text.value().to_owned()));
                }
            }
            Ok(out)
        };
        match only {
            None => read(None),
            Some(numbers) => {
                let mut out = Vec::new();
                for &number in numbers {
                    out.extend(read(Some(&NamedNode::new_unchecked(iri::route_bucket(number))))?);
                }
                Ok(out)
            }
        }
    }

    /// The bucket quads before and after aggregate edges `old` (as stored)
    /// are replaced by `new`: only the buckets of the routes among them.
    pub(super) fn route_row_changes(
        &self,
        old: &[AggregateEdge],
        new: &[AggregateEdge],
    ) -> Result<(Vec<Quad>, Vec<Quad>), StoreError> {
        let mut touched: Vec<u16> = old
            .iter()
            .chain(new)
            .filter(|e| e.relation == ROUTE)
            .map(|e| bucket_of(&iri::aggregate_edge(&e.from, &e.to, &e.relation)))
            .collect();
        touched.sort_unstable();
        touched.dedup();
        let mut buckets = Buckets::new();
        let mut before = Vec::new();
        for (number, text) in self.route_buckets(Some(&touched))? {
            let rows = buckets.entry(number).or_default();
            for line in text.lines() {
                if let Some(row) = parse(line) {
                    rows.insert(iri::aggregate_edge(&row.from, &row.to, ROUTE), line.to_owned());
                }
            }
            before.push(bucket_quad(number, rows));
        }
        for edge in old.iter().filter(|e| e.relation == ROUTE) {
            let id = iri::aggregate_edge(&edge.from, &edge.to, &edge.relation);
            if let Some(rows) = buckets.get_mut(&bucket_of(&id)) {
                rows.remove(&id);
            }
        }
        add_rows(&mut buckets, new.iter());
        let after =
            buckets.iter().filter(|(_, rows)| !rows.is_empty()).map(|(n, rows)| bucket_quad(*n, rows)).collect();
        Ok((before, after))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ReportId;

    fn report(n: u8) -> String {
        iri::report(&ReportId::parse(&format!("{n:032x}")).unwrap())
    }

    #[test]
    fn a_row_reads_back_as_written() {
        let edge = AggregateEdge {
            from: "https://w3id.org/narcograph/entity/country/af".to_owned(),
            to: "https://w3id.org/narcograph/entity/country/tj".to_owned(),
            relation: ROUTE.to_owned(),
            reports: vec![report(1), report(2)],
            report_dates: vec![Some("2024-03-01".to_owned()), None],
            substances: vec!["heroin".to_owned(), "opium".to_owned()],
            kilograms: 0.0,
            seized: vec![(report(1), "heroin".to_owned(), 12.5), (report(2), "opium".to_owned(), 3.0)],
            ..AggregateEdge::default()
        };
        let back = parse(&row(&edge)).unwrap();
        assert_eq!(back.from, edge.from);
        assert_eq!(back.to, edge.to);
        assert_eq!(back.substances, edge.substances);
        assert_eq!(back.reports, vec![(report(1), Some("2024-03-01".to_owned())), (report(2), None)]);
        assert_eq!(back.seized, edge.seized);
        // A leg naming nothing and seizing nothing keeps its empty fields.
        let bare = AggregateEdge { substances: Vec::new(), seized: Vec::new(), ..edge };
        let back = parse(&row(&bare)).unwrap();
        assert!(back.substances.is_empty() && back.seized.is_empty());
        assert_eq!(back.reports.len(), 2);
    }

    #[test]
    fn buckets_hold_only_routes_and_spread_them() {
        let edges: Vec<AggregateEdge> = (0..200u32)
            .map(|n| AggregateEdge {
                from: format!("https://example.org/a/{n}"),
                to: "https://example.org/b".to_owned(),
                relation: if n % 2 == 0 { ROUTE } else { "seized in" }.to_owned(),
                reports: vec![report(1)],
                report_dates: vec![None],
                ..AggregateEdge::default()
            })
            .collect();
        let quads = route_row_quads(&edges);
        let lines: usize = quads
            .iter()
            .map(|q| match &q.object {
                Term::Literal(text) => text.value().lines().count(),
                _ => 0,
            })
            .sum();
        assert_eq!(lines, 100);
        assert!(quads.len() > ROUTE_BUCKETS as usize / 2, "{}", quads.len());
    }
}
