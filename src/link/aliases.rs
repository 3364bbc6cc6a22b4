//! The analyst's alias file: rows that force two names to be one entity
//! (`same`) or forbid it (`different`).
//!
//! Format (TSV, `#` comments): `action<TAB>type<TAB>first name<TAB>second name`,
//! where `action` is `same` or `different` and `type` an entity type or `*`.

use crate::model::EntityKind;

/// A problem in the alias file.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[error("{source_name}:{line}: {message}")]
pub struct AliasError {
    /// The file.
    pub source_name: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// One row of the alias file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AliasRule {
    /// `true` for `same`, `false` for `different`.
    pub same: bool,
    /// The entity type it applies to; `None` for any.
    pub kind: Option<EntityKind>,
    /// One name.
    pub first: String,
    /// The other name.
    pub second: String,
}

/// All rows of an alias file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AliasRules {
    rules: Vec<AliasRule>,
}

impl AliasRules {
    /// No rules.
    pub fn none() -> AliasRules {
        AliasRules::default()
    }

    /// Parses an alias file's content; `source_name` names it in errors.
    pub fn parse(source_name: &str, content: &str) -> Result<AliasRules, AliasError> {
        let mut rules = Vec::new();
        for (index, line) in content.lines().enumerate() {
            let error = |message: String| AliasError { source_name: source_name.to_owned(), line: index + 1, message };
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
            let [action, kind, first, second] = cells.as_slice() else {
                return Err(error(format!("expected 4 tab-separated columns, found {}", cells.len())));
            };
            if *action == "action" {
                continue;
            }
            let same = match *action {
                "same" => true,
                "different" => false,
                other => return Err(error(format!("action must be `same` or `different`, not {other:?}"))),
            };
            let kind = match *kind {
                "*" | "" => None,
                name => Some(EntityKind::parse(name).ok_or_else(|| error(format!("unknown entity type {name:?}")))?),
            };
            if first.is_empty() || second.is_empty() {
                return Err(error("both names are needed".to_owned()));
            }
            rules.push(AliasRule { same, kind, first: (*first).to_owned(), second: (*second).to_owned() });
        }
        Ok(AliasRules { rules })
    }

    /// The rows, in file order.
    pub fn rules(&self) -> &[AliasRule] {
        &self.rules
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_and_rejects_bad_ones() {
        let rules = AliasRules::parse(
            "a.tsv",
            "# c\naction\ttype\tfirst\tsecond\nsame\tAgency\tSCNS\tGKNB\ndifferent\t*\tA B\tA C\n",
        )
        .unwrap();
        assert_eq!(rules.rules().len(), 2);
        assert!(rules.rules()[0].same);
        assert_eq!(rules.rules()[0].kind, Some(EntityKind::Agency));
        assert_eq!(rules.rules()[1].kind, None);
        let error = AliasRules::parse("a.tsv", "merge\tAgency\tX\tY\n").unwrap_err();
        assert_eq!(error.line, 1);
        assert!(AliasRules::parse("a.tsv", "same\tAgency\tX\n").is_err());
    }
}
