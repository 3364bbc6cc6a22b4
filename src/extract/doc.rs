//! A report's text analysed once for every stage: sentences, tokens,
//! gazetteer matches and the countries it names.

use super::gazetteer::{GazetteerMatch, Gazetteers, Target};
use super::text::{Token, TokenKind, split_sentences, tokenize};
use crate::model::Span;

/// The shared, read-only analysis of one report.
pub struct Doc<'a> {
    /// The report text.
    pub text: &'a str,
    /// The gazetteers.
    pub gaz: &'a Gazetteers,
    /// The report's publication date, `YYYY-MM-DD`, if known.
    pub report_date: Option<&'a str>,
    /// Sentence spans, in order.
    pub sentences: Vec<Span>,
    /// Tokens, in order.
    pub tokens: Vec<Token>,
    /// Gazetteer matches, in order.
    pub matches: Vec<GazetteerMatch>,
    /// ISO codes of countries named in the text, most named first (a city all
    /// of whose namesakes lie in one country counts for that country).
    pub countries_named: Vec<String>,
    /// ISO codes of the countries written by name or demonym, sorted.
    countries_written: Vec<String>,
    /// Indices into `matches`, sorted by where each match ends.
    by_end: Vec<usize>,
    /// Bytes of the longest match: no match starting further back reaches a span.
    longest_match: usize,
    /// Byte offsets where lines start.
    line_starts: Vec<usize>,
    /// Per sentence: written in title case (a headline)?
    headlines: Vec<bool>,
    /// Per sentence: index of its first word or number token (`usize::MAX` if none).
    first_word: Vec<usize>,
    /// True for a report in Russian: the English rules for names (given
    /// names, capital runs) do not apply, and the Russian rules read people.
    pub russian: bool,
}

impl<'a> Doc<'a> {
    /// Analyses a text.
    pub fn new(text: &'a str, gaz: &'a Gazetteers, report_date: Option<&'a str>, russian: bool) -> Doc<'a> {
        let sentences = split_sentences(text);
        let tokens = tokenize(text);
        let mut matches = gaz.find(text);
        // Lookups below binary-search by start; a stable sort keeps the
        // automaton's order among matches that start together.
        matches.sort_by_key(|m| m.span.start);
        // Which country the report is about: its names and demonyms count, more
        // in the headline, in the dateline and before "police", "ministry" and the
        // like; a city whose every homonym lies in one country counts for it.
        let first_sentence_end = sentences.first().map_or(0, |s| s.end);
        let mut counts: Vec<(String, usize, usize)> = Vec::new();
        let mut add = |code: &str, weight: usize, position: usize| match counts.iter_mut().find(|(c, _, _)| c == code) {
            Some(entry) => entry.1 += weight,
            None => counts.push((code.to_owned(), weight, position)),
        };
        let line_starts =
            std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect::<Vec<usize>>();
        for (position, found) in matches.iter().enumerate() {
            let mut weight = 1;
            if found.span.end <= first_sentence_end {
                weight += 1;
            }
            let line_start = line_starts[line_starts.partition_point(|&s| s <= found.span.start).saturating_sub(1)];
            if text.get(line_start..found.span.start).is_some_and(|t| t.trim().is_empty())
                && text.get(found.span.end..).is_some_and(|t| t.trim_start().starts_with([',', '-', '—', '–']))
            {
                weight += 2;
            }
            let next = text
                .get(found.span.end..)
                .unwrap_or("")
                .trim_start()
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            if matches!(
                next.as_str(),
                "police"
                    | "ministry"
                    | "interior"
                    | "border"
                    | "customs"
                    | "authorities"
                    | "officials"
                    | "officers"
                    | "security"
                    | "prosecutors"
            ) {
                weight += 2;
            }
            let mut city_countries: Vec<&str> = Vec::new();
            for target in &found.targets {
                match target {
                    Target::CountryName(i) | Target::CountryDemonym(i) => {
                        if let Some(country) = gaz.countries.get(*i) {
                            add(&country.code, weight, position);
                        }
                    }
                    Target::City(i) => {
                        if let Some(city) = gaz.cities.get(*i).filter(|c| c.population >= 100_000) {
                            city_countries.push(&city.country);
                        }
                    }
                    _ => {}
                }
            }
            city_countries.dedup();
            if let [only] = city_countries.as_slice() {
                add(only, weight, position);
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        let mut countries_written: Vec<String> = matches
            .iter()
            .flat_map(|m| &m.targets)
            .filter_map(|t| match t {
                Target::CountryName(i) | Target::CountryDemonym(i) => gaz.countries.get(*i).map(|c| c.code.clone()),
                _ => None,
            })
            .collect();
        countries_written.sort();
        countries_written.dedup();
        let mut by_end: Vec<usize> = (0..matches.len()).collect();
        by_end.sort_by_key(|&i| (matches[i].span.end, i));
        let longest_match = matches.iter().map(|m| m.span.len()).max().unwrap_or(0);
        let headlines = sentences.iter().map(|s| is_headline(s.slice(text))).collect();
        let mut first_word = vec![usize::MAX; sentences.len()];
        for (index, token) in tokens.iter().enumerate() {
            if token.kind == TokenKind::Punct {
                continue;
            }
            let sentence = sentences.partition_point(|s| s.end <= token.span.start);
            if let Some(slot) = first_word.get_mut(sentence)
                && *slot == usize::MAX
            {
                *slot = index;
            }
        }
        Doc {
            text,
            gaz,
            report_date,
            sentences,
            tokens,
            matches,
            countries_named: counts.into_iter().map(|(code, _, _)| code).collect(),
            countries_written,
            by_end,
            longest_match,
            line_starts,
            headlines,
            first_word,
            russian,
        }
    }

    /// The gazetteer matches that start at byte `start`, in automaton order.
    pub fn matches_starting_at(&self, start: usize) -> impl Iterator<Item = &GazetteerMatch> {
        let first = self.matches.partition_point(|m| m.span.start < start);
        self.matches[first..].iter().take_while(move |m| m.span.start == start)
    }

    /// The gazetteer matches that end at byte `end`.
    pub fn matches_ending_at(&self, end: usize) -> impl Iterator<Item = &GazetteerMatch> {
        let first = self.by_end.partition_point(|&i| self.matches[i].span.end < end);
        self.by_end[first..].iter().map(|&i| &self.matches[i]).take_while(move |m| m.span.end == end)
    }

    /// The gazetteer matches that lie inside `span`.
    pub fn matches_within(&self, span: Span) -> impl Iterator<Item = &GazetteerMatch> {
        let first = self.matches.partition_point(|m| m.span.start < span.start);
        self.matches[first..]
            .iter()
            .take_while(move |m| m.span.start < span.end)
            .filter(move |m| m.span.end <= span.end)
    }

    /// The gazetteer matches that share a byte with `span`.
    pub fn matches_overlapping(&self, span: Span) -> impl Iterator<Item = &GazetteerMatch> {
        let from = span.start.saturating_sub(self.longest_match);
        let first = self.matches.partition_point(|m| m.span.start < from);
        self.matches[first..].iter().take_while(move |m| m.span.start < span.end).filter(move |m| m.span.overlaps(span))
    }

    /// Byte offset where the line holding `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        let index = self.line_starts.partition_point(|&start| start <= offset);
        index.checked_sub(1).and_then(|i| self.line_starts.get(i)).copied().unwrap_or(0)
    }

    /// The country the report is mostly about: the most named one.
    pub fn main_country(&self) -> Option<&str> {
        self.countries_named.first().map(String::as_str)
    }

    /// True when the text writes this country's name or demonym.
    pub fn writes_country(&self, code: &str) -> bool {
        self.countries_written.binary_search_by(|c| c.as_str().cmp(code)).is_ok()
    }

    /// True when the text names this country.
    pub fn names_country(&self, code: &str) -> bool {
        self.countries_named.iter().any(|c| c == code)
    }

    /// The text between two byte offsets, or `""` when they do not fit the text
    /// (past its end, inverted, or inside a character): rules that compute
    /// offsets never panic on odd input.
    pub fn between(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or("")
    }

    /// The text from a byte offset to the end, or `""`.
    pub fn after(&self, start: usize) -> &'a str {
        self.text.get(start..).unwrap_or("")
    }

    /// At most the last `bytes` bytes of text before `end` (fewer, to stay on a
    /// character boundary), for rules that look at the words just before a
    /// place: bounded, so a rule run at every mention stays linear.
    pub fn window_before(&self, end: usize, bytes: usize) -> &'a str {
        let end = end.min(self.text.len());
        let mut start = end.saturating_sub(bytes);
        while start < end && !self.text.is_char_boundary(start) {
            start += 1;
        }
        self.between(start, end)
    }

    /// At most the first `bytes` bytes of text from `start` (fewer, to stay on
    /// a character boundary).
    pub fn window_after(&self, start: usize, bytes: usize) -> &'a str {
        let mut end = start.saturating_add(bytes).min(self.text.len());
        while end > start && !self.text.is_char_boundary(end) {
            end -= 1;
        }
        self.between(start, end)
    }

    /// The text up to a byte offset, or `""`.
    pub fn before(&self, end: usize) -> &'a str {
        self.text.get(..end).unwrap_or("")
    }

    /// The text of token `index`, or `""`.
    pub fn word(&self, index: usize) -> &'a str {
        self.tokens.get(index).map_or("", |token| token.span.slice(self.text))
    }

    /// True when token `index` is a word.
    pub fn is_word(&self, index: usize) -> bool {
        self.tokens.get(index).is_some_and(|token| token.kind == TokenKind::Word)
    }

    /// Index of the first token starting at or after byte `offset`.
    pub fn token_at_or_after(&self, offset: usize) -> usize {
        self.tokens.partition_point(|token| token.span.start < offset)
    }

    /// Index of the token starting exactly at byte `offset`, if one does.
    pub fn token_starting_at(&self, offset: usize) -> Option<usize> {
        let index = self.token_at_or_after(offset);
        self.tokens.get(index).is_some_and(|t| t.span.start == offset).then_some(index)
    }

    /// Index of the last token ending at or before byte `offset`, if any.
    pub fn token_before(&self, offset: usize) -> Option<usize> {
        self.tokens.partition_point(|token| token.span.end <= offset).checked_sub(1)
    }

    /// Index of the sentence containing byte `offset`.
    pub fn sentence_index(&self, offset: usize) -> usize {
        self.sentences.partition_point(|sentence| sentence.end <= offset).min(self.sentences.len().saturating_sub(1))
    }

    /// The sentence containing byte `offset`.
    pub fn sentence_of(&self, offset: usize) -> Span {
        self.sentences.get(self.sentence_index(offset)).copied().unwrap_or(Span::new(0, self.text.len()))
    }

    /// True when token `index` is the first word of its sentence (after opening quotes).
    pub fn starts_sentence(&self, index: usize) -> bool {
        let Some(token) = self.tokens.get(index) else { return false };
        self.first_word.get(self.sentence_index(token.span.start)).is_some_and(|&first| first >= index)
    }

    /// True when the sentence at byte `offset` is written in title case (a
    /// headline): most of its longer words are capitalised, so capitals say
    /// little about names there.
    pub fn in_headline(&self, offset: usize) -> bool {
        self.headlines.get(self.sentence_index(offset)).copied().unwrap_or(false)
    }

    /// True when the place at `span` is (part of) a dateline ("OSH, Kyrgyzstan -",
    /// "MIAMI—", "EAGLE PASS, Texas –"): where the report was written, at the
    /// start of a line, in capitals, before a comma or a dash.
    pub fn is_dateline(&self, span: Span) -> bool {
        let line_start = self.line_start(span.start);
        let head = self.between(line_start, span.start);
        let written = span.slice(self.text);
        let capitals = written.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let rest = self.after(span.end).trim_start();
        let dash = |text: &str| text.starts_with(['-', '—', '–']);
        // The country or state after a dateline city: "OSH, Kyrgyzstan -".
        let after_city = head.trim_end().ends_with(',')
            && !head.chars().any(char::is_lowercase)
            && head.chars().any(char::is_alphabetic)
            && dash(rest);
        head.trim().is_empty() && capitals && (rest.starts_with(',') || dash(rest)) || after_city
    }

    /// The words after byte `offset`, lowercased, up to `count` tokens, in the same sentence.
    pub fn words_after(&self, offset: usize, count: usize) -> Vec<&'a str> {
        let sentence = self.sentence_of(offset);
        let first = self.token_at_or_after(offset);
        self.tokens[first.min(self.tokens.len())..]
            .iter()
            .take_while(|token| token.span.start < sentence.end)
            .take(count)
            .map(|token| token.span.slice(self.text))
            .collect()
    }
}

/// Is this sentence a headline: most of its longer words capitalised?
fn is_headline(sentence: &str) -> bool {
    let (mut words, mut capitalised) = (0usize, 0usize);
    for word in sentence.split_whitespace().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3) {
        words += 1;
        capitalised += usize::from(word.chars().next().is_some_and(char::is_uppercase));
    }
    // Headlines rarely end with a full stop; a short sentence full of names may.
    let unterminated = !sentence.trim_end().ends_with(['.', '!', '?', '"', '”']);
    words >= 3 && (unterminated && capitalised * 10 >= words * 6 || words >= 6 && capitalised * 10 >= words * 8)
}
