//! What the SPARQL protocols ask of the store beyond queries, for `serve`:
//! SPARQL updates, and whole named graphs read, replaced, added to and
//! dropped (the Graph Store HTTP Protocol). Only `serve --writable` writes
//! through here; every write forgets the stored quad count, so `stats`
//! counts again rather than print a number the write made false.

use super::results::{GraphFormat, prefixed, serialize_quad};
use super::store::{Store, StoreError, storage};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad};
use oxigraph::sparql::SparqlEvaluator;
use std::io::Write;

/// Which graph a Graph Store Protocol request is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GraphTarget {
    /// `?default`: the default graph (narcograph itself writes nothing there).
    Default,
    /// `?graph=IRI`.
    Named(String),
}

impl GraphTarget {
    fn name(&self) -> Result<GraphName, StoreError> {
        Ok(match self {
            GraphTarget::Default => GraphName::DefaultGraph,
            GraphTarget::Named(iri) => NamedNode::new(iri.as_str())
                .map_err(|error| StoreError::GraphName { iri: iri.clone(), message: error.to_string() })?
                .into(),
        })
    }
}

impl GraphFormat {
    /// The format of a media type (parameters such as `charset` ignored).
    pub fn from_media_type(media_type: &str) -> Option<GraphFormat> {
        match RdfFormat::from_media_type(media_type)? {
            RdfFormat::NTriples => Some(GraphFormat::NTriples),
            RdfFormat::Turtle => Some(GraphFormat::Turtle),
            RdfFormat::NQuads => Some(GraphFormat::NQuads),
            RdfFormat::TriG => Some(GraphFormat::TriG),
            _ => None,
        }
    }

    /// The format's media type.
    pub fn media_type(self) -> &'static str {
        self.rdf().media_type()
    }
}

impl Store {
    /// Runs a SPARQL 1.1 update (the usual prefixes known). The default graph
    /// of an update is the store's default graph, not the union queries see.
    pub fn update(&self, sparql: &str) -> Result<(), StoreError> {
        let update = super::bind::parser()
            .parse_update(sparql)
            .map_err(|error| StoreError::Syntax { message: error.to_string() })?;
        self.forget_quad_count()?;
        SparqlEvaluator::new()
            .for_update(update)
            .on_store(&self.inner)
            .execute()
            .map_err(|error| StoreError::Update { message: error.to_string() })
    }

    /// True when the graph holds a quad (or, named, was created empty).
    pub fn has_graph(&self, target: &GraphTarget) -> Result<bool, StoreError> {
        Ok(match target.name()? {
            GraphName::NamedNode(node) => {
                self.inner.contains_named_graph(&node).map_err(storage("looking for a graph"))?
            }
            _ => true,
        })
    }

    /// Writes one graph's triples in `format` (a quad format names the graph).
    /// Returns the number of triples.
    pub fn write_graph(
        &self,
        target: &GraphTarget,
        format: GraphFormat,
        writer: &mut dyn Write,
    ) -> Result<usize, StoreError> {
        let name = target.name()?;
        let mut serializer = prefixed(format.rdf()).for_writer(writer);
        let mut count = 0;
        for quad in self.inner.quads_for_pattern(None, None, None, Some(name.as_ref())) {
            let quad = quad.map_err(storage("reading a graph"))?;
            serialize_quad(&mut serializer, &quad, format)?;
            count += 1;
        }
        serializer.finish()?;
        Ok(count)
    }

    /// Puts the triples of `data` (in the format of `media_type`) into a
    /// graph, replacing what it held when `replace`, in one transaction:
    /// data that does not parse changes nothing. Returns true when the graph
    /// was new.
    pub fn put_graph(
        &self,
        target: &GraphTarget,
        media_type: &str,
        data: &[u8],
        replace: bool,
    ) -> Result<bool, StoreError> {
        let name = target.name()?;
        let format = GraphFormat::from_media_type(media_type)
            .ok_or_else(|| StoreError::MediaType { media_type: media_type.to_owned() })?;
        // Parsed whole before anything is written.
        let mut quads = Vec::new();
        let parser = RdfParser::from_format(format.rdf()).without_named_graphs().with_default_graph(name.clone());
        for quad in parser.for_slice(data) {
            let quad: Quad = quad.map_err(|error| StoreError::Data { message: error.to_string() })?;
            quads.push(quad);
        }
        let created = !self.has_graph(target)?;
        self.forget_quad_count()?;
        let mut transaction = self.inner.start_transaction().map_err(storage("starting a graph write"))?;
        if replace {
            match name.as_ref() {
                GraphNameRef::NamedNode(node) => {
                    transaction.remove_named_graph(node).map_err(storage("replacing a graph"))?;
                    transaction.insert_named_graph(node);
                }
                _ => transaction.clear_graph(GraphNameRef::DefaultGraph).map_err(storage("replacing a graph"))?,
            }
        }
        for quad in &quads {
            transaction.insert(quad);
        }
        transaction.commit().map_err(storage("writing a graph"))?;
        Ok(created)
    }

    /// Drops a named graph (or empties the default graph). Returns false when
    /// there was no such graph.
    pub fn drop_graph(&self, target: &GraphTarget) -> Result<bool, StoreError> {
        let name = target.name()?;
        if !self.has_graph(target)? {
            return Ok(false);
        }
        self.forget_quad_count()?;
        match name.as_ref() {
            GraphNameRef::NamedNode(node) => {
                self.inner.remove_named_graph(node).map_err(storage("dropping a graph"))?
            }
            _ => self.inner.clear_graph(GraphNameRef::DefaultGraph).map_err(storage("dropping a graph"))?,
        }
        Ok(true)
    }
}
