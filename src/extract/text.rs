//! Sentences and word tokens, with byte spans into the report text.

use super::words::text::{ABBREVIATIONS, SENTENCE_STARTERS};
use crate::model::Span;

/// Lines at least this long that end without punctuation are taken for hard-wrapped
/// prose, so their line break does not end a sentence.
const WRAPPED_LINE_MIN: usize = 60;

/// True when the character starting at byte `pos` is alphanumeric.
pub fn is_word_byte_at(text: &str, pos: usize) -> bool {
    text.get(pos..).and_then(|rest| rest.chars().next()).is_some_and(char::is_alphanumeric)
}

/// The character just before byte `pos`.
pub fn previous_char(text: &str, pos: usize) -> Option<char> {
    text.get(..pos).and_then(|head| head.chars().next_back())
}

/// True when the text starts with an uppercase letter (or a digit, for names like "14K").
pub fn starts_upper(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// True when the text has a letter of the Cyrillic block.
pub fn is_cyrillic(text: &str) -> bool {
    text.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
}

/// Lowercases ASCII and Cyrillic letters without changing any byte offset:
/// both alphabets keep their UTF-8 length in either case, which lets matches
/// on the lowered copy point into the text as written ("КАЗАХСТАНА" in a
/// headline is "казахстана"). Other letters are left as they are.
pub fn fold_case(text: &str) -> String {
    let mut bytes = text.as_bytes().to_ascii_lowercase();
    if !text.is_ascii() {
        let mut index = 0;
        while index + 1 < bytes.len() {
            // Cyrillic capitals are D0 80..=D0 AF: Ѐ..Џ (D0 80..8F) lower to D1 90..9F,
            // А..П (D0 90..9F) to D0 B0..BF, Р..Я (D0 A0..AF) to D1 80..8F.
            if bytes[index] == 0xD0 {
                let second = bytes[index + 1];
                match second {
                    0x80..=0x8F => {
                        bytes[index] = 0xD1;
                        bytes[index + 1] = second + 0x10;
                    }
                    0x90..=0x9F => bytes[index + 1] = second + 0x20,
                    0xA0..=0xAF => {
                        bytes[index] = 0xD1;
                        bytes[index + 1] = second - 0x20;
                    }
                    _ => {}
                }
                index += 2;
            } else {
                index += 1;
            }
        }
    }
    // Only whole two-byte Cyrillic sequences were rewritten, into other valid ones.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_ascii_lowercase())
}

/// Splits a text into sentences: at sentence punctuation followed by a
/// capitalised word (not after an abbreviation or an initial), at blank lines,
/// and at line breaks that end a line rather than wrap it.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if byte == b'\n' {
            let line_start = text[..index].rfind('\n').map_or(0, |p| p + 1);
            let line = text[line_start..index].trim_end();
            let blank_follows = text[index + 1..].lines().next().is_some_and(|l| l.trim().is_empty());
            let ends_line = line.ends_with(['.', '!', '?', ':', '"', '”', '’'])
                || line.chars().count() < WRAPPED_LINE_MIN
                || blank_follows;
            if ends_line {
                push_sentence(text, start, index, &mut sentences);
                start = index + 1;
            }
        } else if matches!(byte, b'.' | b'!' | b'?') && ends_sentence(text, index) {
            let mut end = index + 1;
            while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')') {
                end += 1;
            }
            end = skip_closing_quotes(text, end);
            push_sentence(text, start, end, &mut sentences);
            start = end;
            index = end;
            continue;
        }
        index += 1;
    }
    push_sentence(text, start, text.len(), &mut sentences);
    sentences
}

fn skip_closing_quotes(text: &str, mut end: usize) -> usize {
    while let Some(c) = text.get(end..).and_then(|rest| rest.chars().next()) {
        if matches!(c, '”' | '’' | '»') {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    end
}

fn push_sentence(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let leading = piece.len() - piece.trim_start().len();
    let trailing = piece.len() - piece.trim_end().len();
    if leading + trailing < piece.len() {
        out.push(Span::new(start + leading, end - trailing));
    }
}

fn ends_sentence(text: &str, index: usize) -> bool {
    let after = &text[index + 1..];
    let after_quotes = after.trim_start_matches(['"', '\'', ')', '”', '’', '»']);
    let Some(first) = after_quotes.chars().next() else {
        return true;
    };
    if !first.is_whitespace() {
        return false;
    }
    let next_word: String = after_quotes.trim_start().chars().take_while(|c| c.is_alphanumeric()).collect();
    let next_start = after_quotes.trim_start().chars().next();
    let capitalised = next_start.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'(-–—".contains(c));
    if !capitalised {
        return false;
    }
    if text.as_bytes()[index] != b'.' {
        return true;
    }
    let word_before = last_word(&text[..index]);
    let lower = word_before.to_ascii_lowercase();
    // An initial ("John P. Gilbride") or a dotted abbreviation ("U.S.") rarely
    // ends a sentence, unless a typical sentence opener follows.
    let is_initial = word_before.chars().count() == 1 && word_before.chars().all(char::is_uppercase);
    let dotted = word_before.contains('.');
    if is_initial || ABBREVIATIONS.contains(&lower.as_str()) {
        return dotted && SENTENCE_STARTERS.contains(&next_word.as_str());
    }
    if dotted {
        return SENTENCE_STARTERS.contains(&next_word.as_str());
    }
    true
}

fn last_word(head: &str) -> &str {
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.' || *c == '\'' || *c == '/'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (with inner hyphens or apostrophes).
    Word,
    /// Digits, with inner commas or periods ("1,000", "0.5").
    Number,
    /// Any other single character that is not a space.
    Punct,
}

/// A token with its span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where.
    pub span: Span,
    /// What.
    pub kind: TokenKind,
}

/// Splits a text into words, numbers and punctuation.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let numeric = c.is_ascii_digit();
            let mut end = start + c.len_utf8();
            while let Some(&(pos, next)) = chars.peek() {
                let inner = if numeric {
                    next.is_ascii_digit()
                        || ((next == ',' || next == '.')
                            && text[pos + 1..].chars().next().is_some_and(|d| d.is_ascii_digit()))
                } else {
                    next.is_alphanumeric()
                        || (matches!(next, '-' | '\'' | '’')
                            && text[pos + next.len_utf8()..].chars().next().is_some_and(char::is_alphanumeric))
                };
                if !inner {
                    break;
                }
                end = pos + next.len_utf8();
                chars.next();
            }
            let kind = if numeric && text[start..end].chars().all(|d| d.is_ascii_digit() || d == ',' || d == '.') {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            tokens.push(Token { span: Span::new(start, end), kind });
        } else {
            tokens.push(Token { span: Span::new(start, start + c.len_utf8()), kind: TokenKind::Punct });
        }
    }
    tokens
}

/// True when the word starts with an uppercase letter.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// True when the text has at least `min_letters` letters and every letter is
/// uppercase ("DEA", "OSH, Kyrgyzstan" is not): acronyms and shouted datelines.
pub fn is_all_caps(text: &str, min_letters: usize) -> bool {
    text.chars().filter(|c| c.is_alphabetic()).count() >= min_letters.max(1)
        && text.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

/// The word in lowercase with its first letter capitalised ("REGION" -> "Region").
pub fn capitalised(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut chars = lower.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// The word with its first letter capitalised and the rest as written
/// ("region" -> "Region", "Khudjand" stays).
pub fn capitalised_first(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// A name written in capitals, in name case: each part after a hyphen or an
/// apostrophe capitalised too ("AL-MASRI" -> "Al-Masri", "O'NEIL" -> "O'Neil").
pub fn name_case(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut capital_next = true;
    for c in lower.chars() {
        if capital_next {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        capital_next = matches!(c, '-' | '\'' | '’');
    }
    out
}

/// A phrase in title case: each word's first letter capitalised, except the
/// words of `keep_lower` ("of", "the"...); other letters are left as written.
pub fn title_case(text: &str, keep_lower: &[&str]) -> String {
    text.split(' ')
        .map(|word| {
            if keep_lower.contains(&word) {
                return word.to_owned();
            }
            let mut chars = word.chars();
            match chars.next() {
                Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
                _ => word.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when the word ends in a possessive "'s" (either apostrophe).
pub fn ends_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s")
}

/// The name without a possessive "'s" ("Noorzai's" -> "Noorzai").
pub fn strip_possessive(name: &str) -> &str {
    name.strip_suffix("'s").or_else(|| name.strip_suffix("’s")).unwrap_or(name)
}

/// A set of spans that answers "does any overlap (or contain) this span?" in
/// logarithmic time, so that rules asking it for every token stay linear in
/// the length of a report.
#[derive(Clone, Debug, Default)]
pub struct SpanSet {
    /// Sorted by start.
    spans: Vec<Span>,
    /// `max_end[i]`: the largest end among `spans[..=i]`.
    max_end: Vec<usize>,
}

impl SpanSet {
    /// The set of these spans.
    pub fn new(spans: impl IntoIterator<Item = Span>) -> SpanSet {
        let mut spans: Vec<Span> = spans.into_iter().collect();
        spans.sort_by_key(|s| (s.start, s.end));
        let mut max_end = Vec::with_capacity(spans.len());
        let mut running = 0;
        for span in &spans {
            running = running.max(span.end);
            max_end.push(running);
        }
        SpanSet { spans, max_end }
    }

    /// True when some span of the set shares a byte with `span`.
    pub fn overlaps(&self, span: Span) -> bool {
        // Candidates start before `span` ends; one of them must end after it starts.
        let candidates = self.spans.partition_point(|s| s.start < span.end);
        candidates > 0 && self.max_end[candidates - 1] > span.start
    }

    /// True when some span of the set contains `span`.
    pub fn contains(&self, span: Span) -> bool {
        let candidates = self.spans.partition_point(|s| s.start <= span.start);
        candidates > 0 && self.max_end[candidates - 1] >= span.end
    }

    /// True when the set is empty.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn splits_at_periods_but_not_after_initials_or_abbreviations() {
        let text = "John P. Gilbride spoke. Police seized 5 kg on Sept. 22 in Osh. It was found.";
        assert_eq!(
            sentences(text),
            vec!["John P. Gilbride spoke.", "Police seized 5 kg on Sept. 22 in Osh.", "It was found."]
        );
    }

    #[test]
    fn splits_after_us_when_a_sentence_starter_follows() {
        let text = "It was imported into the U.S. The cocaine was seized by U.S. Customs officers.";
        assert_eq!(
            sentences(text),
            vec!["It was imported into the U.S.", "The cocaine was seized by U.S. Customs officers."]
        );
    }

    #[test]
    fn headlines_and_paragraphs_are_sentences() {
        let text = "Heroin Seized in Osh\n\nPolice said \u{201c}we found it.\u{201d} Then they left.";
        assert_eq!(
            sentences(text),
            vec!["Heroin Seized in Osh", "Police said \u{201c}we found it.\u{201d}", "Then they left."]
        );
    }

    #[test]
    fn span_sets_answer_like_a_scan() {
        let spans = [Span::new(0, 4), Span::new(2, 10), Span::new(12, 14), Span::new(20, 20), Span::new(30, 40)];
        let set = SpanSet::new(spans);
        for start in 0..45 {
            for end in start..45 {
                let query = Span::new(start, end);
                assert_eq!(set.overlaps(query), spans.iter().any(|s| s.overlaps(query)), "{query:?}");
                assert_eq!(set.contains(query), spans.iter().any(|s| s.contains(query)), "{query:?}");
            }
        }
        assert!(!SpanSet::new([]).overlaps(Span::new(0, 5)));
    }

    #[test]
    fn tokens_keep_inner_hyphens_and_numbers() {
        let text = "Nur-Sultan's 1,000.5 kg (Alma-Ata).";
        let words: Vec<&str> = tokenize(text).iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(words, vec!["Nur-Sultan's", "1,000.5", "kg", "(", "Alma-Ata", ")", "."]);
    }
}
