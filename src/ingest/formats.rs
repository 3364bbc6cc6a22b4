//! Decoding the input formats: plain text, Markdown with YAML front matter,
//! HTML, JSON (one report or an array) and JSON lines.

use super::{Diagnostic, ReadResult, html};
use crate::dates::normalise_date;
use crate::model::{Report, ReportMetadata};
use serde_json::Value;
use std::path::Path;
use yaml_rust2::parser::Event;
use yaml_rust2::{Yaml, YamlLoader};

/// The formats a report can come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text; the first line may serve as the title.
    Text,
    /// Markdown, with optional YAML front matter (title, date, source, url).
    Markdown,
    /// An HTML page; text comes from a real HTML parser.
    Html,
    /// One report object, or an array of them.
    Json,
    /// One report object per line.
    JsonLines,
}

impl InputFormat {
    /// The format a file's extension announces, if it is a report extension.
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match extension.as_str() {
            "txt" | "text" => InputFormat::Text,
            "md" | "markdown" => InputFormat::Markdown,
            "html" | "htm" | "xhtml" => InputFormat::Html,
            "json" => InputFormat::Json,
            "jsonl" | "ndjson" => InputFormat::JsonLines,
            _ => return None,
        })
    }
}

/// A report title is a headline, not a paragraph: longer first lines are not titles.
const MAX_TITLE_CHARS: usize = 300;

/// Decodes a whole file into reports or diagnostics.
pub(super) fn decode(display: &str, format: InputFormat, bytes: &[u8]) -> Vec<ReadResult> {
    if format == InputFormat::JsonLines {
        return bytes
            .split(|b| *b == b'\n')
            .enumerate()
            .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
            .map(|(index, line)| decode_json_line(display, index + 1, line))
            .collect();
    }
    let text = match check_text(display, bytes) {
        Ok(text) => text,
        Err(diagnostic) => return vec![Err(diagnostic)],
    };
    match format {
        InputFormat::Text => vec![text_report(display, text, ReportMetadata::default())],
        InputFormat::Markdown => vec![markdown_report(display, text)],
        InputFormat::Html => vec![html_report(display, text)],
        InputFormat::Json => json_reports(display, text),
        InputFormat::JsonLines => Vec::new(),
    }
}

/// Decodes one line of a JSON lines file.
pub(super) fn decode_json_line(display: &str, line: usize, bytes: &[u8]) -> ReadResult {
    let text = std::str::from_utf8(bytes).map_err(|error| {
        Diagnostic::at_line(display, line, format!("not valid UTF-8 (byte {})", error.valid_up_to()))
    })?;
    let value: Value = serde_json::from_str(text)
        .map_err(|error| Diagnostic::at_line(display, line, format!("malformed JSON: {error}")))?;
    report_from_json(&format!("{display}#{line}"), &value)
        .map_err(|message| Diagnostic::at_line(display, line, message))
}

fn check_text<'b>(display: &str, bytes: &'b [u8]) -> Result<&'b str, Diagnostic> {
    if bytes.contains(&0) {
        return Err(Diagnostic::new(display, "not a text file (it contains NUL bytes)"));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|error| Diagnostic::new(display, format!("not valid UTF-8 (byte {})", error.valid_up_to())))?;
    // A byte-order mark is an encoding artefact, not part of the report.
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

fn non_empty(display: &str, text: &str) -> Result<(), Diagnostic> {
    if text.trim().is_empty() { Err(Diagnostic::new(display, "empty report")) } else { Ok(()) }
}

fn first_line_title(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|line| !line.is_empty())?;
    let line = line.trim_start_matches('#').trim();
    (line.chars().count() <= MAX_TITLE_CHARS && !line.is_empty()).then(|| line.to_owned())
}

fn text_report(display: &str, text: &str, mut metadata: ReportMetadata) -> ReadResult {
    non_empty(display, text)?;
    if metadata.title.is_none() {
        metadata.title = first_line_title(text);
    }
    Ok(Report::new(display, text, metadata))
}

fn markdown_report(display: &str, text: &str) -> ReadResult {
    let Some((front, body)) = split_front_matter(text) else {
        return text_report(display, text, ReportMetadata::default());
    };
    check_front_matter(front).map_err(|message| Diagnostic::new(display, message))?;
    let documents = YamlLoader::load_from_str(front)
        .map_err(|error| Diagnostic::new(display, format!("malformed YAML front matter: {error}")))?;
    let mut metadata = ReportMetadata::default();
    if let Some(Yaml::Hash(map)) = documents.first() {
        let field = |name: &str| -> Option<String> {
            match map.get(&Yaml::String(name.to_owned()))? {
                Yaml::String(value) | Yaml::Real(value) => Some(value.clone()),
                Yaml::Integer(value) => Some(value.to_string()),
                _ => None,
            }
        };
        metadata.title = field("title");
        metadata.date = field("date").and_then(|date| normalise_date(&date));
        metadata.publisher = field("source").or_else(|| field("publisher"));
        metadata.url = field("url");
        metadata.external_id = field("id");
    } else if !documents.is_empty() && !matches!(documents.first(), Some(Yaml::Null)) {
        return Err(Diagnostic::new(display, "malformed YAML front matter: expected key: value pairs"));
    }
    text_report(display, body, metadata)
}

/// Front matter deeper than this is not metadata (title, date, source, url are flat).
const MAX_FRONT_MATTER_DEPTH: usize = 16;

/// Refuses front matter that could make the YAML loader explode before it is read:
/// aliases (each is a deep copy, so a few hundred bytes of nested aliases become
/// gigabytes: the "billion laughs") and deep nesting. It runs the event parser
/// only, which builds nothing.
fn check_front_matter(front: &str) -> Result<(), String> {
    let mut parser = yaml_rust2::parser::Parser::new_from_str(front);
    let mut depth = 0usize;
    loop {
        let (event, _) = parser.next_token().map_err(|error| format!("malformed YAML front matter: {error}"))?;
        match event {
            Event::StreamEnd => return Ok(()),
            Event::Alias(_) => {
                return Err(
                    "YAML front matter with aliases (*name) is not read: metadata fields are plain values".to_owned()
                );
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                depth += 1;
                if depth > MAX_FRONT_MATTER_DEPTH {
                    return Err(format!(
                        "YAML front matter nested deeper than {MAX_FRONT_MATTER_DEPTH} levels is not read"
                    ));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
}

/// Splits `---\n...\n---\n` front matter from the body, if present.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Some((front, body));
        }
        offset += line.len();
    }
    None
}

fn html_report(display: &str, text: &str) -> ReadResult {
    let page = html::html_to_text(text);
    non_empty(display, &page.text)?;
    let metadata = ReportMetadata {
        title: page.title,
        date: page.date.and_then(|date| normalise_date(&date)),
        publisher: page.publisher,
        url: page.url,
        external_id: None,
    };
    text_report(display, &page.text, metadata)
}

fn json_reports(display: &str, text: &str) -> Vec<ReadResult> {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => return vec![Err(Diagnostic::new(display, format!("malformed JSON: {error}")))],
    };
    match value {
        Value::Array(items) => {
            if items.is_empty() {
                return vec![Err(Diagnostic::new(display, "empty JSON array: no reports"))];
            }
            items
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    report_from_json(&format!("{display}#{}", index + 1), item)
                        .map_err(|message| Diagnostic::at_line(display, index + 1, message))
                })
                .collect()
        }
        value => vec![report_from_json(display, &value).map_err(|message| Diagnostic::new(display, message))],
    }
}

fn report_from_json(source: &str, value: &Value) -> Result<Report, String> {
    let Value::Object(map) = value else {
        return Err("expected a JSON object with a \"text\" field".to_owned());
    };
    let string = |name: &str| -> Option<String> {
        match map.get(name)? {
            Value::String(text) if !text.trim().is_empty() => Some(text.clone()),
            Value::Number(number) => Some(number.to_string()),
            _ => None,
        }
    };
    let text = ["text", "body", "content"]
        .iter()
        .find_map(|name| map.get(*name))
        .ok_or_else(|| "missing \"text\" field".to_owned())?;
    let Value::String(text) = text else {
        return Err("\"text\" is not a string".to_owned());
    };
    if text.trim().is_empty() {
        return Err("empty report".to_owned());
    }
    let metadata = ReportMetadata {
        title: string("title").or_else(|| first_line_title(text)),
        date: string("date").and_then(|date| normalise_date(&date)),
        publisher: string("source").or_else(|| string("publisher")),
        url: string("url"),
        external_id: string("id"),
    };
    Ok(Report::new(source, text.as_str(), metadata))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(format: InputFormat, text: &str) -> ReadResult {
        decode("input", format, text.as_bytes()).remove(0)
    }

    #[test]
    fn text_title_is_first_line_and_text_is_whole_file() {
        let report = one(InputFormat::Text, "Headline here\n\nBody text.").unwrap();
        assert_eq!(report.metadata.title.as_deref(), Some("Headline here"));
        assert_eq!(report.text, "Headline here\n\nBody text.");
    }

    #[test]
    fn markdown_front_matter_fills_metadata() {
        let text =
            "---\ntitle: Seizure in Osh\ndate: 2024-03-05\nsource: Test Wire\nurl: https://example.org/a\n---\nBody.\n";
        let report = one(InputFormat::Markdown, text).unwrap();
        assert_eq!(report.metadata.title.as_deref(), Some("Seizure in Osh"));
        assert_eq!(report.metadata.date.as_deref(), Some("2024-03-05"));
        assert_eq!(report.metadata.publisher.as_deref(), Some("Test Wire"));
        assert_eq!(report.text, "Body.\n");
    }

    #[test]
    fn malformed_front_matter_is_a_diagnostic() {
        let error = one(InputFormat::Markdown, "---\ntitle: [unclosed\n---\nBody\n").unwrap_err();
        assert!(error.message.contains("YAML"), "{error}");
    }

    #[test]
    fn json_array_yields_each_report_with_position() {
        let results = decode("a.json", InputFormat::Json, br#"[{"text":"One."},{"title":"x"},{"text":"Two."}]"#);
        assert_eq!(results.len(), 3);
        assert_eq!(results[0].as_ref().unwrap().source, "a.json#1");
        assert_eq!(results[1].as_ref().unwrap_err().line, Some(2));
        assert_eq!(results[2].as_ref().unwrap().text, "Two.");
    }

    #[test]
    fn bad_bytes_are_diagnostics() {
        assert!(one(InputFormat::Text, "").is_err());
        assert!(one(InputFormat::Text, "  \n ").is_err());
        assert!(decode("b", InputFormat::Text, b"abc\0def").remove(0).unwrap_err().message.contains("NUL"));
        assert!(decode("b", InputFormat::Text, b"caf\xe9").remove(0).unwrap_err().message.contains("UTF-8"));
        assert!(one(InputFormat::Json, "{not json").unwrap_err().message.contains("malformed JSON"));
    }

    #[test]
    fn json_lines_report_line_numbers() {
        let results = decode("c.jsonl", InputFormat::JsonLines, b"{\"text\":\"A.\"}\n\n{oops\n{\"text\":\"B.\"}\n");
        assert_eq!(results.len(), 3);
        assert_eq!(results[1].as_ref().unwrap_err().line, Some(3));
        assert_eq!(results[2].as_ref().unwrap().source, "c.jsonl#4");
    }

    #[test]
    fn yaml_alias_bomb_is_refused_before_expansion() {
        // Nine levels of nine aliases each: 9^9 strings once expanded.
        let mut front =
            String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for level in b'b'..=b'i' {
            let previous = (level - 1) as char;
            let level = level as char;
            front.push_str(&format!("{level}: &{level} [{}]\n", vec![format!("*{previous}"); 9].join(",")));
        }
        let text = format!("---\ntitle: Bomb\n{front}---\nPolice seized heroin.\n");
        let error = one(InputFormat::Markdown, &text).unwrap_err();
        assert!(error.message.contains("aliases"), "{error}");
    }

    #[test]
    fn deeply_nested_front_matter_is_refused() {
        let text = format!("---\ntitle: {}x{}\n---\nBody.\n", "[".repeat(10_000), "]".repeat(10_000));
        let error = one(InputFormat::Markdown, &text).unwrap_err();
        assert!(error.message.contains("YAML front matter"), "{error}");
    }

    #[test]
    fn deeply_nested_json_is_a_diagnostic() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let error = one(InputFormat::Json, &text).unwrap_err();
        assert!(error.message.contains("malformed JSON"), "{error}");
        let line = format!("{}\n", "{\"a\":".repeat(50_000));
        let result = decode("d.jsonl", InputFormat::JsonLines, line.as_bytes()).remove(0);
        assert!(result.unwrap_err().message.contains("malformed JSON"));
    }

    #[test]
    fn byte_order_mark_is_dropped_and_line_endings_kept() {
        let report = one(InputFormat::Text, "\u{feff}Police in Osh seized heroin.\r\nMore.\r\n").unwrap();
        assert_eq!(report.text, "Police in Osh seized heroin.\r\nMore.\r\n");
    }

    #[test]
    fn documents_without_report_text_are_diagnostics() {
        let scripts = "<html><head><script>var a = 'Kabul';</script></head><body><script>x()</script></body></html>";
        assert!(one(InputFormat::Html, scripts).unwrap_err().message.contains("empty report"));
        assert!(one(InputFormat::Markdown, "---\ntitle: x\n---\n").unwrap_err().message.contains("empty report"));
        let not_object = one(InputFormat::Json, "\"just a string\"").unwrap_err();
        assert!(not_object.message.contains("expected a JSON object"), "{not_object}");
        let array =
            decode("a.json", InputFormat::Json, br#"[{"text":"Police seized heroin."}, 7, "s", null, {"text":""}]"#);
        let lines: Vec<Option<usize>> = array.iter().filter_map(|r| r.as_ref().err()).map(|d| d.line).collect();
        assert_eq!(lines, [Some(2), Some(3), Some(4), Some(5)]);
    }
}
