//! Turning an HTML page into report text with a real HTML parser (html5ever
//! through `scraper`), keeping paragraph breaks and dropping scripts and styles.

use scraper::{ElementRef, Html, Node, Selector};

/// Text and metadata read from a page.
pub(super) struct Page {
    pub text: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
}

/// Elements whose content is never report text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "nav", "iframe", "object", "canvas", "button", "form",
    "select",
];

/// Elements that start a new block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "figcaption",
    "figure",
    "main",
    "aside",
    "address",
    "hr",
    "br",
    "title",
];

pub(super) fn html_to_text(source: &str) -> Page {
    let document = Html::parse_document(source);
    let mut text = String::new();
    let body = Selector::parse("body").ok().and_then(|selector| document.select(&selector).next());
    match body {
        Some(body) => collect_text(body, &mut text),
        None => collect_text(document.root_element(), &mut text),
    }
    Page {
        text: tidy(&text),
        title: meta(&document, "meta[property='og:title']")
            .or_else(|| element_text(&document, "title"))
            .or_else(|| element_text(&document, "h1")),
        date: meta(&document, "meta[property='article:published_time']")
            .or_else(|| meta(&document, "meta[name='date']"))
            .or_else(|| meta(&document, "meta[name='pubdate']"))
            .or_else(|| attribute(&document, "time[datetime]", "datetime")),
        publisher: meta(&document, "meta[property='og:site_name']"),
        url: attribute(&document, "link[rel='canonical']", "href")
            .or_else(|| meta(&document, "meta[property='og:url']")),
    }
}

fn collect_text(element: ElementRef<'_>, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(child_element) => {
                let name = child_element.name();
                if SKIPPED.contains(&name) {
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    out.push_str("\n\n");
                }
                if let Some(child_ref) = ElementRef::wrap(child) {
                    collect_text(child_ref, out);
                }
                if block {
                    out.push_str("\n\n");
                }
            }
            _ => {}
        }
    }
}

/// Collapses runs of spaces inside lines and runs of blank lines between
/// blocks, so that paragraphs are separated by exactly one blank line.
fn tidy(text: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    for block in text.split("\n\n") {
        let words: Vec<&str> = block.split_whitespace().collect();
        if !words.is_empty() {
            paragraphs.push(words.join(" "));
        }
    }
    let mut out = paragraphs.join("\n\n");
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

fn meta(document: &Html, selector: &str) -> Option<String> {
    attribute(document, selector, "content")
}

fn attribute(document: &Html, selector: &str, name: &str) -> Option<String> {
    let selector = Selector::parse(selector).ok()?;
    let value = document.select(&selector).next()?.value().attr(name)?.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

fn element_text(document: &Html, selector: &str) -> Option<String> {
    let selector = Selector::parse(selector).ok()?;
    let element = document.select(&selector).next()?;
    let text = element.text().collect::<Vec<_>>().join(" ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_paragraphs_and_drops_scripts() {
        let page = html_to_text(
            "<html><head><title>Seizure &amp; arrest</title><script>var x = 1;</script></head>\
             <body><h1>Heroin seized</h1><p>Police in <b>Osh</b> seized\n 5 kg.</p>\
             <style>p{}</style><p>Second&nbsp;paragraph.</p></body></html>",
        );
        assert_eq!(page.title.as_deref(), Some("Seizure & arrest"));
        assert_eq!(page.text, "Heroin seized\n\nPolice in Osh seized 5 kg.\n\nSecond paragraph.\n");
    }

    #[test]
    fn reads_publication_metadata() {
        let page = html_to_text(
            "<html><head><meta property=\"article:published_time\" content=\"2024-05-01T10:00:00Z\">\
             <link rel=\"canonical\" href=\"https://example.org/r\"></head><body><p>x</p></body></html>",
        );
        assert_eq!(page.date.as_deref(), Some("2024-05-01T10:00:00Z"));
        assert_eq!(page.url.as_deref(), Some("https://example.org/r"));
    }
}
