//! RDF: vocabulary, IRI minting, quads and the store. The only layer that names oxigraph types.

pub mod iri;
pub mod quads;
pub mod store;
pub mod vocab;

pub use store::{Binding, GraphFormat, QueryAnswer, ResultFormat, Store, StoreError, Value};
