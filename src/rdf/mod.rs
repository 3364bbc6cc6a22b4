//! RDF: vocabulary, IRI minting, quads and the store. The only layer that names oxigraph types.

pub mod aggregates;
mod bind;
pub mod dialect;
pub mod iri;
pub mod linking;
mod lock;
pub mod protocol;
pub mod push;
pub mod quads;
pub mod read;
pub mod remote;
pub mod results;
pub mod routes;
pub mod store;
pub mod vocab;

pub use read::{ReadStore, first_sources};
pub use remote::{Credentials, Remote};
pub use results::{Binding, GraphFormat, QueryAnswer, ResultFormat, Value};
pub use store::{AnswerStream, QueryOptions, Store, StoreError};
