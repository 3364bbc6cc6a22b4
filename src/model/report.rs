//! Reports and their content-derived identifiers.

use serde::Serialize;
use std::fmt;

/// A report's identity: a hash of its normalised text.
///
/// Two files with the same words (whatever their whitespace or line endings)
/// get the same id, so loading a report twice is recognised as a repeat.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ReportId(String);

impl ReportId {
    /// Number of hex digits kept from the hash (128 bits).
    const HEX_LEN: usize = 32;

    /// The id of a report with this text.
    pub fn from_text(text: &str) -> ReportId {
        let mut hasher = blake3::Hasher::new();
        let mut first = true;
        for word in text.split_whitespace() {
            if !first {
                hasher.update(b" ");
            }
            hasher.update(word.as_bytes());
            first = false;
        }
        let hex = hasher.finalize().to_hex();
        ReportId(hex.as_str()[..Self::HEX_LEN].to_owned())
    }

    /// Parses an id printed by [`ReportId::as_str`]; `None` when it is not one.
    pub fn parse(text: &str) -> Option<ReportId> {
        let valid =
            text.len() == Self::HEX_LEN && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        valid.then(|| ReportId(text.to_owned()))
    }

    /// The id as lowercase hex.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ReportId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a report says about itself, beyond its text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ReportMetadata {
    /// Headline.
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD` when it could be read as a date.
    pub date: Option<String>,
    /// Who published it (a newspaper, an agency).
    pub publisher: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// The id the input gave it (JSON `id` field), if any.
    pub external_id: Option<String>,
}

/// One report, read and decoded, ready for extraction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Content hash.
    pub id: ReportId,
    /// Where it came from: the path as given, with `#N` for the N-th report
    /// of a JSON array or line N of a JSONL file, or `-` for standard input.
    pub source: String,
    /// Title, date, publisher, URL.
    pub metadata: ReportMetadata,
    /// The text that offsets refer to.
    pub text: String,
}

impl Report {
    /// A report with this text; the id is derived from it.
    pub fn new(source: impl Into<String>, text: impl Into<String>, metadata: ReportMetadata) -> Report {
        let text = text.into();
        Report { id: ReportId::from_text(&text), source: source.into(), metadata, text }
    }

    /// What identifies "the same report" across versions: the JSON id when
    /// the input gave one, else the source path.
    pub fn source_key(&self) -> &str {
        self.metadata.external_id.as_deref().unwrap_or(&self.source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_ignores_whitespace_differences() {
        let a = ReportId::from_text("Police seized\r\n250 grams  of cocaine.");
        let b = ReportId::from_text("  Police seized 250 grams of cocaine.\n");
        assert_eq!(a, b);
        assert_ne!(a, ReportId::from_text("Police seized 250 grams of heroin."));
    }

    #[test]
    fn id_round_trips_through_text() {
        let id = ReportId::from_text("text");
        assert_eq!(ReportId::parse(id.as_str()), Some(id));
        assert_eq!(ReportId::parse("not-an-id"), None);
    }
}
