//! What queries answer, in narcograph's own types ([`Value`], [`QueryAnswer`]),
//! and the writers of the standard result and RDF formats.

use super::store::{AnswerStream, StoreError, TripleStream};
use super::vocab::{PREFIXES, XSD_INTEGER, XSD_STRING};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use std::io::Write;

/// An RDF term in a query answer.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Value {
    /// An IRI.
    Iri(String),
    /// A blank node.
    Blank(String),
    /// A literal, with its datatype IRI and language tag.
    Literal {
        /// Lexical form.
        value: String,
        /// Datatype IRI.
        datatype: String,
        /// Language tag.
        language: Option<String>,
    },
}

impl Value {
    /// The IRI or the lexical form, as a person would read it.
    pub fn as_str(&self) -> &str {
        match self {
            Value::Iri(iri) => iri,
            Value::Blank(id) => id,
            Value::Literal { value, .. } => value,
        }
    }

    pub(super) fn from_term(term: &Term) -> Value {
        match term {
            Term::NamedNode(node) => Value::Iri(node.as_str().to_owned()),
            Term::BlankNode(node) => Value::Blank(node.as_str().to_owned()),
            Term::Literal(literal) => Value::Literal {
                value: literal.value().to_owned(),
                datatype: literal.datatype().as_str().to_owned(),
                language: literal.language().map(str::to_owned),
            },
            #[expect(unreachable_patterns, reason = "RDF 1.2 triple terms exist only with a feature we do not enable")]
            _ => Value::Blank(term.to_string()),
        }
    }

    pub(super) fn to_term(&self) -> Term {
        match self {
            Value::Iri(iri) => NamedNode::new_unchecked(iri.clone()).into(),
            Value::Blank(id) => oxigraph::model::BlankNode::new_unchecked(id.clone()).into(),
            Value::Literal { value, language: Some(language), .. } => {
                Literal::new_language_tagged_literal_unchecked(value.clone(), language.clone()).into()
            }
            Value::Literal { value, datatype, .. } => {
                Literal::new_typed_literal(value.clone(), NamedNode::new_unchecked(datatype.clone())).into()
            }
        }
    }
}

/// A value bound to a query variable before the query runs (never spliced into the text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    /// Variable name, without `?`.
    pub name: String,
    /// The value.
    pub value: Value,
}

impl Binding {
    /// Reads `value` as a user wrote it: `<iri>` is an IRI, an integer is an
    /// xsd:integer, anything else a plain string.
    pub fn parse(name: &str, value: &str) -> Binding {
        let value = if let Some(iri) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
            Value::Iri(iri.to_owned())
        } else if !value.is_empty() && value.len() < 19 && value.bytes().all(|b| b.is_ascii_digit()) {
            Value::Literal { value: value.to_owned(), datatype: XSD_INTEGER.to_owned(), language: None }
        } else {
            Value::Literal { value: value.to_owned(), datatype: XSD_STRING.to_owned(), language: None }
        };
        Binding { name: name.trim_start_matches(['?', '$']).to_owned(), value }
    }

    /// Binds a name as `ng:nameKey` holds names: case-folded, a plain string.
    pub fn name_key(name: &str, value: &str) -> Binding {
        let value =
            Value::Literal { value: crate::slug::name_key(value), datatype: XSD_STRING.to_owned(), language: None };
        Binding { name: name.trim_start_matches(['?', '$']).to_owned(), value }
    }
}

/// The answer to a query.
#[derive(Clone, Debug, PartialEq)]
pub enum QueryAnswer {
    /// SELECT: variables and rows (`None` for unbound).
    Solutions {
        /// Variable names, in projection order.
        variables: Vec<String>,
        /// Rows.
        rows: Vec<Vec<Option<Value>>>,
    },
    /// ASK.
    Boolean(bool),
    /// CONSTRUCT / DESCRIBE: triples as (subject, predicate, object).
    Graph(Vec<(Value, Value, Value)>),
}

impl QueryAnswer {
    /// The rows of a SELECT answer (empty for other forms).
    pub fn rows(&self) -> &[Vec<Option<Value>>] {
        match self {
            QueryAnswer::Solutions { rows, .. } => rows,
            _ => &[],
        }
    }

    /// The column of a variable.
    pub fn column(&self, name: &str) -> Option<usize> {
        match self {
            QueryAnswer::Solutions { variables, .. } => variables.iter().position(|v| v == name),
            _ => None,
        }
    }
}

impl QueryAnswer {
    /// The first cell of the first row as a number (what a COUNT query
    /// answers); `None` when there is no such cell or it is no number.
    pub fn first_number(&self) -> Option<usize> {
        self.rows().first()?.first()?.as_ref()?.as_str().parse().ok()
    }
}

/// The standard result formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultFormat {
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
    /// SPARQL 1.1 CSV.
    Csv,
    /// SPARQL 1.1 TSV.
    Tsv,
}

/// RDF serialisations of graphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    /// N-Triples (graph names dropped).
    NTriples,
    /// Turtle (graph names dropped).
    Turtle,
    /// N-Quads.
    NQuads,
    /// TriG.
    TriG,
}

impl GraphFormat {
    pub(super) fn rdf(self) -> RdfFormat {
        match self {
            GraphFormat::NTriples => RdfFormat::NTriples,
            GraphFormat::Turtle => RdfFormat::Turtle,
            GraphFormat::NQuads => RdfFormat::NQuads,
            GraphFormat::TriG => RdfFormat::TriG,
        }
    }

    pub(super) fn keeps_graphs(self) -> bool {
        matches!(self, GraphFormat::NQuads | GraphFormat::TriG)
    }
}

pub(super) fn prefixed(format: RdfFormat) -> RdfSerializer {
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, namespace) in PREFIXES {
        if let Ok(with) = serializer.clone().with_prefix(*prefix, *namespace) {
            serializer = with;
        }
    }
    serializer
}

/// Writes one quad (its object [`super::dialect::portable`]): whole in a quad format, its
/// triple in a triple format.
pub(super) fn serialize_quad<W: Write>(
    serializer: &mut oxigraph::io::WriterQuadSerializer<W>,
    quad: &oxigraph::model::Quad,
    format: GraphFormat,
) -> std::io::Result<()> {
    let object = super::dialect::portable(&quad.object);
    if let std::borrow::Cow::Owned(object) = object {
        let quad =
            oxigraph::model::Quad::new(quad.subject.clone(), quad.predicate.clone(), object, quad.graph_name.clone());
        return serialize_quad(serializer, &quad, format);
    }
    if format.keeps_graphs() {
        serializer.serialize_quad(quad)
    } else {
        serializer.serialize_triple(oxigraph::model::TripleRef::new(&quad.subject, &quad.predicate, &quad.object))
    }
}

/// Writes a streamed SELECT or ASK answer in a standard format, row by row as
/// the query yields them. Returns the number of rows written.
pub fn write_answer_stream(
    answer: AnswerStream,
    format: ResultFormat,
    writer: &mut dyn Write,
) -> Result<usize, StoreError> {
    let serializer = QueryResultsSerializer::from_format(results_format(format));
    match answer {
        AnswerStream::Boolean(value) => {
            serializer.serialize_boolean_to_writer(writer, value)?;
            Ok(1)
        }
        AnswerStream::Solutions(solutions) => {
            let variables: Vec<Variable> =
                solutions.variables().iter().map(|v| Variable::new_unchecked(v.clone())).collect();
            let mut out = serializer.serialize_solutions_to_writer(writer, variables.clone())?;
            let mut count = 0;
            for row in solutions {
                let row = row?;
                let terms: Vec<(Variable, Term)> = variables
                    .iter()
                    .zip(&row)
                    .filter_map(|(variable, value)| value.as_ref().map(|v| (variable.clone(), v.to_term())))
                    .collect();
                out.serialize(terms.iter().map(|(v, t)| (v.as_ref(), t.as_ref())))?;
                count += 1;
            }
            out.finish()?;
            Ok(count)
        }
        AnswerStream::Graph(_) => Err(StoreError::Output(std::io::Error::other(
            "a graph answer is written with write_graph_stream, not as results",
        ))),
    }
}

/// Writes a streamed CONSTRUCT or DESCRIBE answer as Turtle or N-Triples,
/// triple by triple. Returns the number of triples written.
pub fn write_graph_stream(
    triples: TripleStream,
    format: GraphFormat,
    writer: &mut dyn Write,
) -> Result<usize, StoreError> {
    let mut serializer = prefixed(format.rdf()).for_writer(writer);
    let mut count = 0;
    for triple in triples {
        let (subject, predicate, object) = triple?;
        let subject = match subject.to_term() {
            Term::NamedNode(node) => oxigraph::model::NamedOrBlankNode::NamedNode(node),
            Term::BlankNode(node) => oxigraph::model::NamedOrBlankNode::BlankNode(node),
            _ => continue,
        };
        let predicate = NamedNodeRef::new_unchecked(predicate.as_str());
        let object = object.to_term();
        serializer.serialize_triple(oxigraph::model::TripleRef::new(&subject, predicate, &object))?;
        count += 1;
    }
    serializer.finish()?;
    Ok(count)
}

fn results_format(format: ResultFormat) -> QueryResultsFormat {
    match format {
        ResultFormat::Json => QueryResultsFormat::Json,
        ResultFormat::Xml => QueryResultsFormat::Xml,
        ResultFormat::Csv => QueryResultsFormat::Csv,
        ResultFormat::Tsv => QueryResultsFormat::Tsv,
    }
}

impl ResultFormat {
    /// The format's media type (`application/sparql-results+json`...).
    pub fn media_type(self) -> &'static str {
        results_format(self).media_type()
    }
}
