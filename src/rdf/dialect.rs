//! Where SPARQL stores differ from narcograph's embedded one, and what
//! narcograph does about it: the one home of every dialect fix for remote
//! stores (README, "Team store", lists them for users).
//!
//! - The default graph. narcograph reads it as the union of all graphs; its
//!   own `serve` and Virtuoso do so, other stores (Fuseki, GraphDB, an
//!   oxigraph server without its union option) must be configured to.
//!   Every query the code sends names its graphs, so only users' own queries
//!   depend on this.
//! - Decimals. Virtuoso reads a decimal written without a point
//!   (`"96"^^xsd:decimal`, which is how oxigraph keeps whole numbers) as an
//!   `xsd:integer`: every dump and push writes decimals through [`portable`].
//! - Ordering strings. Virtuoso's `MIN` over literals is not by code point,
//!   so the named queries take `MIN(STR(?path))` and the first source of a
//!   report is chosen in Rust (`read::first_sources`).
//! - Request size. Virtuoso compiles a whole update request into one code
//!   vector of limited size (about 4,000 triples of `INSERT DATA` exceed
//!   it): a push to a server that names itself Virtuoso sends at most 1,000
//!   triples per request, to others 20,000 ([`request_triples`]).
//! - Answer size. Virtuoso answers at most `ResultSetMaxRows` rows (10,000
//!   in Debian's configuration) and says so only in a header: a cut answer
//!   is an error ([`cut_answer`]), never a short list; the push ledger is
//!   read in pages of [`PAGE_ROWS`].
//! - Numbers and values of equal worth. Virtuoso keeps one of two literals
//!   that compare equal (`96` and `96.0`) when a request removes one and adds
//!   the other; writing decimals one way ([`portable`]) avoids it.

use super::vocab::XSD_DECIMAL;
use oxhttp::model::HeaderMap;
use oxigraph::model::{Literal, Term};
use std::borrow::Cow;

/// The most triples one update request carries to a server, known by the
/// `Server` header of its answers (none yet: the others' size).
pub fn request_triples(server: Option<&str>) -> usize {
    match server {
        Some(name) if name.starts_with("Virtuoso") => 1_000,
        _ => 20_000,
    }
}

/// Rows asked for per page where narcograph pages an answer.
pub const PAGE_ROWS: usize = 5_000;

/// A term as narcograph writes it for other stores: a decimal with no point
/// gets ".0" (the value is the same to any store); every other term as it is.
pub fn portable(term: &Term) -> Cow<'_, Term> {
    match term {
        Term::Literal(literal)
            if literal.datatype().as_str() == XSD_DECIMAL
                && !literal.value().contains('.')
                && !literal.value().is_empty() =>
        {
            Cow::Owned(Term::Literal(Literal::new_typed_literal(
                format!("{}.0", literal.value()),
                literal.datatype().into_owned(),
            )))
        }
        _ => Cow::Borrowed(term),
    }
}

/// The row limit a server says it cut its answer at (Virtuoso's
/// `X-SPARQL-MaxRows` header, sent only when it did), if any.
pub fn cut_answer(headers: &HeaderMap) -> Option<String> {
    headers.get("x-sparql-maxrows").map(|value| value.to_str().unwrap_or("its").to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rdf::vocab::{XSD_INTEGER, XSD_STRING};
    use oxigraph::model::NamedNode;

    fn typed(value: &str, datatype: &str) -> Term {
        Literal::new_typed_literal(value, NamedNode::new_unchecked(datatype)).into()
    }

    #[test]
    fn a_whole_decimal_is_written_with_a_point_and_nothing_else_changes() {
        assert_eq!(portable(&typed("96", XSD_DECIMAL)).into_owned(), typed("96.0", XSD_DECIMAL));
        assert_eq!(portable(&typed("-3", XSD_DECIMAL)).into_owned(), typed("-3.0", XSD_DECIMAL));
        for kept in [typed("96.5", XSD_DECIMAL), typed("96", XSD_INTEGER), typed("96", XSD_STRING)] {
            assert!(matches!(portable(&kept), Cow::Borrowed(_)), "{kept}");
        }
    }

    #[test]
    fn only_a_cut_answer_is_reported() {
        let mut headers = HeaderMap::new();
        assert_eq!(cut_answer(&headers), None);
        headers.insert("X-SPARQL-MaxRows", "10000".parse().unwrap());
        assert_eq!(cut_answer(&headers).as_deref(), Some("10000"));
    }
}
