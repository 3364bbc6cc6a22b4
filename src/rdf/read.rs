//! What the reading commands need of a store, local or remote: one trait,
//! so `channels`, `graph`, `export` and `entities` run unchanged on the
//! embedded store and on a team's SPARQL server.
//!
//! Everything is SPARQL except where the embedded store has a faster path
//! (the route rows by quad pattern); the trait's SPARQL versions of those
//! reads give the same values, so a remote store answers what the local one
//! does (tested against `serve` and Virtuoso).

use super::iri;
use super::results::{Binding, GraphFormat, QueryAnswer};
use super::routes::{RouteRow, rows_from_buckets};
use super::store::{AnswerStream, QueryOptions, StoreError, StoreStats, owned_cell};
use super::vocab::{HOLDS, ROUTE_ROWS, SOURCE_PATH};
use std::collections::HashMap;
use std::io::Write;

/// A store the reading commands can run on: the embedded [`super::Store`] or
/// a [`super::Remote`] SPARQL endpoint.
pub trait ReadStore: Sync {
    /// Runs a query with its parameters bound; the answer streams.
    fn query_stream(
        &self,
        sparql: &str,
        bindings: &[Binding],
        options: QueryOptions,
    ) -> Result<AnswerStream, StoreError>;

    /// Runs a query and collects the whole answer.
    fn query(&self, sparql: &str, bindings: &[Binding]) -> Result<QueryAnswer, StoreError> {
        self.query_stream(sparql, bindings, QueryOptions::default())?.collect_all()
    }

    /// Every route row (see `routes`), or `None` when the store keeps none.
    fn route_rows(&self) -> Result<Option<Vec<RouteRow>>, StoreError> {
        let answer = self.query(
            &format!(
                "SELECT ?bucket ?rows WHERE {{ GRAPH <{}> {{ ?bucket <{ROUTE_ROWS}> ?rows }} }}",
                iri::aggregates_graph()
            ),
            &[],
        )?;
        let buckets = answer.rows().iter().filter_map(|row| {
            let number = iri::route_bucket_number(&owned_cell(row, 0)?)?;
            Some((number, owned_cell(row, 1)?))
        });
        Ok(rows_from_buckets(buckets))
    }

    /// The counts of `stats`.
    fn stats(&self) -> Result<StoreStats, StoreError>;

    /// Writes narcograph's graphs (with `canonical`, sorted and without the
    /// load times and the store's own state; see [`super::Store::dump`]).
    fn dump(&self, format: GraphFormat, canonical: bool, writer: &mut dyn Write) -> Result<(), StoreError>;
}

/// The first (in sorted order) of the input paths holding each report IRI
/// given: the name a report is shown by. A report no input holds has none.
pub fn first_sources<'r>(
    store: &(impl ReadStore + ?Sized),
    reports: impl IntoIterator<Item = &'r str>,
) -> Result<HashMap<String, String>, StoreError> {
    let sources = iri::sources_graph();
    let listed: Vec<&str> = reports.into_iter().collect();
    let mut out = HashMap::new();
    // In slices: one VALUES list per query keeps each query small. The
    // smallest path is chosen here, not by MIN: stores order strings by
    // their own collations (Virtuoso puts "data/" before "/tmp/").
    for slice in listed.chunks(500) {
        let values: String = slice.iter().map(|r| format!("<{r}> ")).collect();
        let answer = store.query(
            &format!(
                "SELECT ?r ?path WHERE {{ VALUES ?r {{ {values}}}
                   GRAPH <{sources}> {{ ?input <{HOLDS}> ?r ; <{SOURCE_PATH}> ?path }} }}"
            ),
            &[],
        )?;
        for row in answer.rows() {
            if let (Some(report), Some(path)) = (owned_cell(row, 0), owned_cell(row, 1)) {
                let first = out.entry(report).or_insert_with(|| path.clone());
                if path < *first {
                    *first = path;
                }
            }
        }
    }
    Ok(out)
}
