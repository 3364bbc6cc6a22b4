//! Turning an HTML page into report text with a real HTML parser (html5ever
//! through `scraper`), keeping paragraph breaks and dropping scripts and styles.
//!
//! html5ever's tree builder does work in proportion to the depth of open
//! elements for each new one, so a page nested 200,000 levels deep takes
//! minutes. Every page is first run through html5ever's tokenizer alone
//! (linear): it measures the nesting, and for a page deeper than any real
//! article ([`MAX_TREE_DEPTH`]) its token stream gives the text instead of
//! the tree.

use ego_tree::iter::Edge;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use scraper::{ElementRef, Html, Node, Selector};
use std::cell::{Cell, RefCell};

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

/// Pages nested deeper than this are read from the token stream, not a tree.
/// News pages nest a few dozen levels.
const MAX_TREE_DEPTH: usize = 512;

pub(super) fn html_to_text(source: &str) -> Page {
    let scan = scan_tokens(source);
    if scan.max_depth > MAX_TREE_DEPTH {
        return Page { text: tidy(&scan.text), title: scan.title, date: None, publisher: None, url: None };
    }
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

/// Appends the text under `element`, block elements separated by blank lines.
///
/// Iterative (a walk over open and close edges, not recursion): a page nested
/// a million elements deep is text like any other, not a stack overflow.
fn collect_text(element: ElementRef<'_>, out: &mut String) {
    // Depth inside skipped elements: while above zero, nothing is text.
    let mut skipping = 0usize;
    for edge in element.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(text) if skipping == 0 => out.push_str(text),
                Node::Element(child) if node.id() != element.id() => {
                    let name = child.name();
                    if skipping > 0 || SKIPPED.contains(&name) {
                        skipping += 1;
                    } else if BLOCKS.contains(&name) {
                        out.push_str("\n\n");
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(child) = node.value()
                    && node.id() != element.id()
                {
                    if skipping > 0 {
                        skipping -= 1;
                    } else if BLOCKS.contains(&child.name()) {
                        out.push_str("\n\n");
                    }
                }
            }
        }
    }
}

/// What the tokenizer pass learns about a page.
#[derive(Default)]
struct Scan {
    /// Deepest nesting of open elements, as far as end tags say.
    max_depth: usize,
    /// The text of the body, blocks separated by blank lines.
    text: String,
    /// The text of the first `<title>`.
    title: Option<String>,
}

/// Elements with no content, never closed.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Elements that an opening sibling closes ("<p>one<p>two").
const SIBLING_CLOSED: &[&str] = &["p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rt", "rp"];

struct ScanSink {
    scan: RefCell<Scan>,
    open: RefCell<Vec<String>>,
    skipping: Cell<usize>,
    in_title: Cell<bool>,
}

impl TokenSink for ScanSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut scan = self.scan.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                let mut open = self.open.borrow_mut();
                match tag.kind {
                    TagKind::StartTag => {
                        if BLOCKS.contains(&name) && self.skipping.get() == 0 {
                            scan.text.push_str("\n\n");
                        }
                        if name == "title" && scan.title.is_none() {
                            self.in_title.set(true);
                        }
                        if VOID.contains(&name) || tag.self_closing {
                            return raw_state(name);
                        }
                        if SIBLING_CLOSED.contains(&name) && open.last().is_some_and(|top| top == name) {
                            open.pop();
                        }
                        if self.skipping.get() > 0 || SKIPPED.contains(&name) {
                            self.skipping.set(self.skipping.get() + 1);
                        }
                        open.push(name.to_owned());
                        scan.max_depth = scan.max_depth.max(open.len());
                        return raw_state(name);
                    }
                    TagKind::EndTag => {
                        if name == "title" {
                            self.in_title.set(false);
                        }
                        if let Some(position) = open.iter().rposition(|n| n == name) {
                            let closed = open.len() - position;
                            open.truncate(position);
                            self.skipping.set(self.skipping.get().saturating_sub(closed));
                        }
                        if BLOCKS.contains(&name) && self.skipping.get() == 0 {
                            scan.text.push_str("\n\n");
                        }
                    }
                }
            }
            Token::CharacterTokens(text) => {
                if self.in_title.get() {
                    scan.title.get_or_insert_with(String::new).push_str(&text);
                } else if self.skipping.get() == 0 {
                    scan.text.push_str(&text);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Script and style content is raw text to the tokenizer, as in a browser.
fn raw_state(name: &str) -> TokenSinkResult<()> {
    match name {
        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" => TokenSinkResult::RawData(RawKind::Rawtext),
        "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
        "plaintext" => TokenSinkResult::Plaintext,
        _ => TokenSinkResult::Continue,
    }
}

/// Runs the tokenizer alone over a page: linear in its length.
fn scan_tokens(source: &str) -> Scan {
    let sink = ScanSink {
        scan: RefCell::new(Scan::default()),
        open: RefCell::new(Vec::new()),
        skipping: Cell::new(0),
        in_title: Cell::new(false),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(source));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    let mut scan = tokenizer.sink.scan.take();
    scan.title = scan.title.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| !t.is_empty());
    scan
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

    #[test]
    fn skipped_elements_hide_their_whole_subtree() {
        let page = html_to_text("<body><p>Before</p><nav><ul><li>Menu <b>item</b></li></ul></nav><p>After</p></body>");
        assert_eq!(page.text, "Before\n\nAfter\n");
    }

    #[test]
    fn deep_nesting_is_text_not_a_stack_overflow() {
        let depth = 200_000;
        let mut page = String::from("<body>");
        page.push_str(&"<div><span>".repeat(depth));
        page.push_str("Heroin seized in Osh.");
        page.push_str(&"</span></div>".repeat(depth));
        let page = html_to_text(&page);
        assert_eq!(page.text, "Heroin seized in Osh.\n");
    }

    #[test]
    fn the_token_pass_gives_the_same_text_as_the_tree() {
        let page = "<html><head><title>A  title</title><style>p{}</style></head><body><h1>Heroin seized</h1>\
                    <p>Police in <b>Osh</b> seized<br>5 kg &amp; more.<p>Second<nav><ul><li>Menu</ul></nav>\
                    <script>if (a < b) { x = '</p>'; }</script><div>Third</div></body></html>";
        let scan = scan_tokens(page);
        let tree = html_to_text(page);
        assert!(scan.max_depth < 10, "{}", scan.max_depth);
        assert_eq!(tidy(&scan.text), tree.text);
        assert_eq!(scan.title.as_deref(), Some("A title"));
    }
}
