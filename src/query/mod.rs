//! The named query catalogue: the SPARQL files of `queries/`, embedded in the
//! binary, with their descriptions and parameters read from their header comments.
//!
//! A query file starts with comment lines: the first says what it answers,
//! `# param ?name: meaning (example)` lines declare parameters. Parameters are
//! bound as RDF terms before the query runs (see [`crate::rdf::Binding`]),
//! never spliced into the query text. `# param ?name (name): ...` declares a
//! name: its value is case-folded ([`crate::slug::name_key`]) before it is
//! bound, so that the query can match it with `ng:nameKey` through an index.

pub mod entities;

include!(concat!(env!("OUT_DIR"), "/named_queries.rs"));

/// A parameter a named query takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parameter {
    /// Variable name, without `?`.
    pub name: String,
    /// What it means, with an example.
    pub description: String,
    /// Declared `(name)`: bound case-folded, to be matched with `ng:nameKey`.
    pub is_name: bool,
}

/// A query of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedQuery {
    /// File name without `.rq`.
    pub name: &'static str,
    /// The SPARQL text.
    pub text: &'static str,
    /// What it answers (the header's first lines).
    pub description: String,
    /// Parameters it declares.
    pub parameters: Vec<Parameter>,
}

/// Every named query, sorted by name.
pub fn catalogue() -> Vec<NamedQuery> {
    NAMED_QUERIES.iter().map(|(name, text)| parse(name, text)).collect()
}

/// The named query called `name`.
pub fn named(name: &str) -> Option<NamedQuery> {
    let name = name.trim_end_matches(".rq");
    NAMED_QUERIES.iter().find(|(n, _)| *n == name).map(|(n, text)| parse(n, text))
}

fn parse(name: &'static str, text: &'static str) -> NamedQuery {
    let mut description = Vec::new();
    let mut parameters = Vec::new();
    for line in text.lines() {
        let Some(comment) = line.strip_prefix('#') else { break };
        let comment = comment.trim();
        if let Some(rest) = comment.strip_prefix("param ") {
            let (name, meaning) = rest.split_once(':').unwrap_or((rest, ""));
            let (name, is_name) = match name.trim().strip_suffix("(name)") {
                Some(name) => (name, true),
                None => (name, false),
            };
            parameters.push(Parameter {
                name: name.trim().trim_start_matches('?').to_owned(),
                description: meaning.trim().to_owned(),
                is_name,
            });
        } else if !comment.is_empty() && parameters.is_empty() {
            description.push(comment.to_owned());
        }
    }
    NamedQuery { name, text, description: description.join(" "), parameters }
}
