//! Extraction: from a report's text to entities and facts, purely.
//!
//! [`extract`] is a pure function of the report and the gazetteers: no I/O, no
//! global state beyond the shared read-only gazetteers, no panics. It runs in
//! stages over one [`Doc`] (sentences, tokens, gazetteer matches):
//!
//! 1. `places`: countries, cities, regions, borders, ports and districts;
//! 2. `orgs`: agencies (known ones, acronyms defined in the text, rule-built
//!    names such as "Ministry of Internal Affairs of Kazakhstan") and criminal groups;
//! 3. `people`: officials and other persons, with surnames resolved to full names;
//! 4. `substances`: the drug vocabulary, street names only in a drug context;
//! 5. `facts`: routes, seizures (with `quantities`), arrests, cooperation, dates.
//!
//! Stages add [`Found`] mentions; `assemble` groups them into one entity per key.
//! Before them, `language` tells the report's language: a report in a language
//! without rules keeps only its sentences.

mod assemble;
mod doc;
mod facts;
pub mod gazetteer;
pub mod language;
mod orgs;
mod people;
mod places;
pub mod quantities;
mod russian;
mod substances;
pub mod text;
mod words;

pub use doc::Doc;
pub use gazetteer::{DataError, Gazetteers};

use crate::model::{EntityKey, EntityKind, ExternalId, Extraction, Report, Span};

/// One mention found by a stage, before mentions are grouped into entities.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Found {
    /// Where it is written.
    pub span: Span,
    /// Entity type.
    pub kind: EntityKind,
    /// Identity before linking.
    pub key: EntityKey,
    /// Canonical label.
    pub label: String,
    /// Country of the entity, ISO code.
    pub country: Option<String>,
    /// Parent entity (an agency's parent body).
    pub parent: Option<(EntityKey, String)>,
    /// Role of a person, when stated.
    pub role: Option<String>,
    /// Broader substance id.
    pub broader: Option<String>,
    /// GeoNames / Wikidata ids.
    pub external_ids: Vec<ExternalId>,
    /// Other names of the entity written in this report but not at this span
    /// (the long form of an acronym defined elsewhere in the text).
    pub aliases: Vec<String>,
}

impl Found {
    pub(crate) fn new(span: Span, kind: EntityKind, key: EntityKey, label: impl Into<String>) -> Found {
        Found {
            span,
            kind,
            key,
            label: label.into(),
            country: None,
            parent: None,
            role: None,
            broader: None,
            external_ids: Vec::new(),
            aliases: Vec::new(),
        }
    }

    pub(crate) fn with_country(mut self, country: Option<String>) -> Found {
        self.country = country;
        self
    }
}

/// Extracts entities and facts from one report.
///
/// Pure: the result depends only on the report and the gazetteers, so it is
/// the same on any thread and in any order.
pub fn extract(report: &Report, gazetteers: &Gazetteers) -> Extraction {
    let language = language::detect(&report.text);
    if !language.has_rules {
        return Extraction { language, sentences: text::split_sentences(&report.text), ..Extraction::default() };
    }
    let russian = language.code.as_deref() == Some(language::RUSSIAN);
    let doc = Doc::new(&report.text, gazetteers, report.metadata.date.as_deref(), russian);
    let mut found = Vec::new();
    if russian {
        russian::find(&doc, &mut found);
    } else {
        places::find(&doc, &mut found);
        orgs::find(&doc, &mut found);
        people::find(&doc, &mut found);
        substances::find(&doc, &mut found);
    }
    let mut extraction = assemble::entities(&doc, found);
    if russian {
        facts::find_russian(&doc, &mut extraction);
    } else {
        facts::find(&doc, &mut extraction);
    }
    extraction.sentences = doc.sentences.clone();
    extraction.language = language;
    extraction
}
