//! narcograph: turns law-enforcement reports about drug trafficking into a
//! knowledge graph.
//!
//! The library is organised in layers, each with one job (see ARCHITECTURE.md):
//! [`ingest`] reads reports, [`extract`] finds entities and facts in one report,
//! [`link`] gives the same entity the same identity across reports, [`rdf`]
//! turns all of it into quads in an oxigraph store, [`query`] holds the named
//! SPARQL queries, [`graph`] builds petgraph views from the store, and
//! [`export`] writes graphs as Graphviz, GraphML, GEXF and JSON.
//! [`pipeline`] ties them together for batch loading.
//!
//! The library prints nothing and never exits: bad input becomes a
//! [`ingest::Diagnostic`], failures become typed errors.

pub mod dates;
pub mod export;
pub mod extract;
pub mod geo;
pub mod graph;
pub mod ingest;
pub mod link;
pub mod model;
pub mod pipeline;
pub mod query;
pub mod rdf;
pub mod serve;
pub mod slug;
pub mod synth;
