//! Agency names built by rule from a run of capitalised words with a head
//! noun ("Drug Enforcement Administration", "Ministry of Internal Affairs"),
//! and their country and parent qualifiers.

use super::branches::{Parent, branch, names_a_place};
use super::known::known_at;
use super::{context_country, country_at, known_found, named_agency, org_title_case, with_article};
use crate::extract::gazetteer::Target;
use crate::extract::text::{ends_possessive, is_all_caps, is_capitalised, strip_possessive};
use crate::extract::words::orgs::{
    CONNECTORS, FINAL_HEADS, INITIAL_HEADS, MINISTRY_FUNCTIONS, NATIONAL_PREFIXES, NOT_AGENCY_START, NOT_AGENCY_WORDS,
    SITE_HEADS,
};
use crate::extract::{Doc, Found};
use crate::model::Span;

/// First words of the names of ministries and state bodies, which English
/// writes with the country after them ("State Customs Service of Kyrgyzstan").
const GOVERNMENT_FIRST_WORDS: &[&str] = &["Ministry", "State", "Interior", "Prosecutor", "Supreme", "Main"];

/// True when token `index` starts a country's demonym ("Kazakh"), not its name.
fn demonym_at(doc: &Doc<'_>, index: usize) -> bool {
    doc.tokens.get(index).is_some_and(|token| {
        doc.matches_starting_at(token.span.start).any(|m| {
            m.targets.iter().any(|t| matches!(t, Target::CountryDemonym(_)))
                && !m.targets.iter().any(|t| matches!(t, Target::CountryName(_)))
        })
    })
}

/// Reads "of [the] [Republic of] Kazakhstan" / "of the Kyrgyz Republic" after token `index`.
fn country_qualifier(doc: &Doc<'_>, index: usize) -> Option<(usize, String)> {
    if doc.word(index) != "of" {
        return None;
    }
    let mut next = index + 1;
    if doc.word(next).eq_ignore_ascii_case("the") {
        next += 1;
    }
    if doc.word(next) == "Republic" && doc.word(next + 1) == "of" {
        next += 2;
    }
    let (last, code) = country_at(doc, next)?;
    // "the Kyrgyz Republic"
    if doc.word(last + 1) == "Republic" {
        return Some((last + 1, code));
    }
    // "of the United States Drug Enforcement Administration": the country starts
    // another agency's name, it does not qualify this one.
    let continues =
        doc.tokens.get(last + 1).is_some_and(|t| doc.between(doc.tokens[last].span.end, t.span.start) == " ")
            && is_capitalised(doc.word(last + 1));
    if continues {
        return None;
    }
    Some((last, code))
}

/// Rule-built agency names: head-initial and head-final phrases, inverted
/// ministries, with their country and parent qualifiers.
pub(super) fn rule_agencies(doc: &Doc<'_>, out: &mut Vec<Found>) {
    let mut index = 0;
    while index < doc.tokens.len() {
        let consumed = phrase_at(doc, index, out, 0);
        index = consumed.max(index + 1);
    }
}

/// The run of words that may name an agency: capitalised words with inner
/// connectors ("for", "and", "of the"), read by named steps, stopping before
/// a qualifier (a country, a parent agency).
struct Run<'d, 'a> {
    doc: &'d Doc<'a>,
    /// First word of the name.
    start: usize,
    /// Last word of the name so far.
    last: usize,
    /// The token being looked at.
    cursor: usize,
    /// "department for combating drug crimes": a lowercase sub-unit takes lowercase words.
    lowercase: bool,
}

/// What one step of the reader did.
enum Step {
    /// The run goes on.
    Continue,
    /// The run ends before the cursor.
    End,
}

impl<'d, 'a> Run<'d, 'a> {
    /// Reads the run starting at token `start`, if a name can start there.
    fn read(doc: &'d Doc<'a>, start: usize) -> Option<Run<'d, 'a>> {
        if !doc.is_word(start) {
            return None;
        }
        let word = doc.word(start);
        let lowercase = matches!(word, "department" | "directorate" | "division" | "service" | "unit")
            && matches!(doc.word(start + 1), "for" | "on")
            && matches!(
                doc.word(start + 2),
                "combating" | "countering" | "fighting" | "combatting" | "drug" | "control"
            );
        if !is_capitalised(word) && !lowercase || NOT_AGENCY_START.contains(&word) {
            return None;
        }
        let mut run = Run { doc, start, last: start, cursor: start + 1, lowercase };
        while let Step::Continue = run.step() {}
        Some(run)
    }

    fn step(&mut self) -> Step {
        let doc = self.doc;
        // A possessive ends the name ("Criminal Division's Narcotic ... Section"),
        // except in "Prosecutor's Office", "Attorney's Office".
        if ends_possessive(doc.word(self.last)) && doc.word(self.last + 1) != "Office" {
            return Step::End;
        }
        let word = doc.word(self.cursor);
        let joined = doc
            .tokens
            .get(self.cursor)
            .is_some_and(|t| doc.between(doc.tokens[self.cursor - 1].span.end, t.span.start) == " ");
        if !joined || !doc.is_word(self.cursor) {
            return Step::End;
        }
        let lowercase_word = self.lowercase
            && word.chars().all(|c| c.is_lowercase() || c == '-')
            && !matches!(word, "of" | "the" | "and");
        if is_capitalised(word) && !is_all_caps(word, 2) || lowercase_word {
            self.last = self.cursor;
            self.cursor += 1;
            return Step::Continue;
        }
        match word {
            "and" | "for" | "on" | "against" | "to" => self.connector(word),
            "of" => self.of(),
            _ => Step::End,
        }
    }

    /// "Service for Combating...", "Customs and Border Protection".
    fn connector(&mut self, word: &str) -> Step {
        let doc = self.doc;
        // "Special Operations Division and DEA's Kabul Office", "AFP and Australian
        // Border Force": a name ended by a head noun or an acronym is one body.
        if word == "and" && (FINAL_HEADS.contains(&doc.word(self.last)) || is_all_caps(doc.word(self.last), 2)) {
            return Step::End;
        }
        // "the Tsawwassen Container Examination Facility and Pacific Region
        // Intelligence Section": a place's name before "and" is no part of the agency's.
        if word == "and" && SITE_HEADS.contains(&doc.word(self.last)) {
            return Step::End;
        }
        let mut next = self.cursor + 1;
        if word != "and" && doc.word(next) == "the" {
            next += 1;
        }
        // "Ipswich Crown Court on Friday": a weekday or month ends the name.
        let calendar = crate::dates::is_calendar_word(doc.word(next));
        if is_capitalised(doc.word(next)) && !is_all_caps(doc.word(next), 2) && !calendar {
            self.cursor = next;
            return Step::Continue;
        }
        Step::End
    }

    /// "Ministry of Internal Affairs": "of" inside a name; "of Kazakhstan" or
    /// "of the Ministry of ..." ends it (a qualifier follows).
    fn of(&mut self) -> Step {
        let doc = self.doc;
        let mut after = self.cursor + 1;
        if doc.word(after) == "the" {
            after += 1;
        }
        if country_qualifier(doc, self.cursor).is_some()
            || starts_agency(doc, after)
            || !is_capitalised(doc.word(after))
        {
            return Step::End;
        }
        // "Special Agent in Charge of the New York Office": what comes before
        // "of the" is a title when it has no agency head; the name starts after it.
        let before: Vec<&str> = (self.start..=self.last).map(|i| doc.word(i)).collect();
        if doc.word(self.cursor + 1) == "the" && agency_head_position(&before).is_none() {
            self.start = after;
            self.last = after;
            self.cursor = after + 1;
            return Step::Continue;
        }
        self.cursor = after;
        Step::Continue
    }
}

/// Tries to read an agency phrase starting at token `start`; returns the index
/// after it (or `start` when there is none). Pushes what it finds, parent first.
fn phrase_at(doc: &Doc<'_>, start: usize, out: &mut Vec<Found>, depth: usize) -> usize {
    if depth > 3 {
        return start;
    }
    let Some(run) = Run::read(doc, start) else {
        return start;
    };
    let Run { start, last: last_word, .. } = run;
    let words: Vec<&str> = (start..=last_word).map(|i| doc.word(i)).collect();
    let Some(head_position) = agency_head_position(&words) else {
        return start;
    };
    // US Attorney's Offices are read by `us_attorneys`, with their district.
    if words.iter().any(|w| matches!(*w, "Attorney's" | "Attorney’s")) {
        return last_word + 1;
    }
    if words.iter().any(|w| NOT_AGENCY_WORDS.contains(w)) {
        return last_word + 1;
    }
    // A leading country or demonym ("Kazakh", "Russian") is a qualifier, not part of the name.
    let mut name_start = start;
    let mut country = None;
    // A country named with the agency ("Portuguese Judicial Police", "... of Kyrgyzstan")
    // goes into its label.
    let mut explicit_country = false;
    if let Some((last, code)) = country_at(doc, start)
        && last < last_word
        && head_position > 0
    {
        country = Some(code);
        explicit_country = true;
        // A demonym that starts a proper name stays in it ("Colombian National
        // Police", "French Navy", "Afghan National Security Forces"); a country's
        // name before a ministry or service moves after it ("Ministry of ... of Kazakhstan").
        let demonym = demonym_at(doc, start);
        let words_after: Vec<&str> = (last + 1..=last_word).map(|i| doc.word(i)).collect();
        let ministry = normalise_ministry(&words_after.join(" ")).is_some()
            || words_after.first().is_some_and(|w| INITIAL_HEADS.contains(w) || GOVERNMENT_FIRST_WORDS.contains(w));
        if !demonym || ministry {
            name_start = last + 1;
            if doc.word(name_start) == "'s" {
                name_start += 1;
            }
        } else {
            explicit_country = false;
        }
    }
    // "Apure Department", "Osh District": a region, not an agency.
    if head_position > 0 && is_region_designator(words[head_position]) && place_base_before(doc, start + head_position)
    {
        return last_word + 1;
    }
    let us_prefix = start >= 4
        && (start - 4..start).map(|i| doc.word(i)).collect::<String>() == "U.S."
        && doc.tokens[start - 1].span.end + 1 == doc.tokens[start].span.start;
    let span_start = if us_prefix { doc.tokens[start - 4].span.start } else { doc.tokens[start].span.start };
    let span = Span::new(span_start, doc.tokens[last_word].span.end);
    let name_span = Span::new(doc.tokens[name_start].span.start, doc.tokens[last_word].span.end);
    let mut base = org_title_case(&name_span.slice(doc.text).split_whitespace().collect::<Vec<_>>().join(" "));
    base = strip_possessive(&base.replace(" 's", "'s")).to_owned();
    // "U.S. District Court" and "United States District Court" are one court's
    // name: the country is part of it, not a qualifier.
    let us_named = us_prefix || explicit_country && country.as_deref() == Some("US");
    if us_named && base.starts_with("District Court") {
        base = format!("U.S. {base}");
        country = Some("US".to_owned());
        explicit_country = false;
    }
    if let Some(ministry) = normalise_ministry(&base) {
        base = ministry;
    }
    // Qualifiers after the name.
    let mut after = last_word + 1;
    // "Anti-Drug Coordination Bureau (ADCB) of Kyrgyzstan": the qualifier may follow the acronym.
    if doc.word(after) == "("
        && is_all_caps(doc.word(after + 1), 2)
        && doc.word(after + 2) == ")"
        && doc.word(after + 3) == "of"
    {
        after += 3;
    }
    let mut parent: Option<Parent> = None;
    let mut span = span;
    if let Some((last, code)) = country_qualifier(doc, after) {
        country = Some(code);
        explicit_country = true;
        after = last + 1;
        // The mention covers its country: "Service for Combating ... of Kyrgyzstan".
        span = Span::new(span.start, doc.tokens.get(last).map_or(span.end, |t| t.span.end));
    } else if doc.word(after) == "of" {
        let mut parent_start = after + 1;
        if doc.word(parent_start) == "the" {
            parent_start += 1;
        }
        let before = out.len();
        let next = phrase_at(doc, parent_start, out, depth + 1);
        if next > parent_start && out.len() > before {
            parent = out.last().map(Parent::of);
            after = next;
        } else if let Some((known, next)) = known_at(doc, parent_start) {
            // A body the lexicon knows, by acronym or name ("of the FBI"),
            // which no phrase rule reads; the lexicon pass names it itself.
            parent = Some(Parent::of(&known));
            after = next;
        }
    }
    if country.is_none()
        && let Some(parent) = &parent
    {
        country = parent.country.clone();
    }
    let national =
        NATIONAL_PREFIXES.iter().any(|p| base.starts_with(p)) || base.starts_with("Ministry") || explicit_country;
    if country.is_none() && national {
        country = context_country(doc);
    }
    // "Sughd Branch of the State Committee ...", "New York Office of the DEA":
    // a unit named by a place is a branch of its parent, an agency of its own.
    if let Some(parent) = parent.take_if(|_| names_a_place(doc, name_span)) {
        out.push(branch(doc, span, &base, parent));
        return after;
    }
    let label = match (&parent, national) {
        (Some(parent), _) => format!("{base} of the {}", parent.label),
        (None, true) => match country.as_deref().and_then(|c| doc.gaz.country(c)) {
            Some(c) if !base.contains(&c.label) => format!("{base} of {}", with_article(&c.label)),
            _ => base.clone(),
        },
        (None, false) => base.clone(),
    };
    let mut found = match doc.gaz.agency_by_name(&label).or_else(|| {
        doc.gaz
            .agency_by_name(&base)
            .filter(|&i| doc.gaz.agencies.get(i).is_some_and(|a| a.country.is_none() || a.country == country))
    }) {
        Some(known) => match known_found(doc, known, span) {
            Some(found) => found,
            None => return after,
        },
        None => named_agency(span, label.clone(), country.clone()),
    };
    if let Some(parent) = parent {
        found.parent = Some((parent.key, parent.label));
    }
    if base != found.label {
        found.aliases.push(base);
    }
    out.push(found);
    after
}

fn is_region_designator(word: &str) -> bool {
    matches!(word, "Department" | "District" | "State" | "Province" | "Region" | "Oblast" | "Governorate" | "County")
}

/// True when a region base of the gazetteer ends right before token `head`.
fn place_base_before(doc: &Doc<'_>, head: usize) -> bool {
    let Some(previous) = head.checked_sub(1).and_then(|i| doc.tokens.get(i)) else { return false };
    doc.matches_ending_at(previous.span.end)
        .any(|m| m.targets.iter().any(|t| matches!(t, Target::RegionBase(_) | Target::RegionName(_))))
}

/// True when an agency phrase starts at token `index` (used to read "of the <Agency>").
fn starts_agency(doc: &Doc<'_>, index: usize) -> bool {
    let word = doc.word(index);
    INITIAL_HEADS.contains(&word)
        || doc.tokens.get(index).is_some_and(|token| {
            doc.matches_starting_at(token.span.start)
                .any(|m| m.targets.iter().any(|t| matches!(t, Target::AgencyName(_) | Target::AgencyAcronym(_))))
        })
        || matches!(word, "State" | "National" | "Federal" | "Main" | "General")
}

/// Where the head noun of an agency phrase is, if it has one.
fn agency_head_position(words: &[&str]) -> Option<usize> {
    let last = words.len().checked_sub(1)?;
    if words.len() >= 2 && FINAL_HEADS.iter().any(|h| h.eq_ignore_ascii_case(words[last])) {
        return Some(last);
    }
    if words.len() >= 3 && words[last] == "Office" && words[last - 1].ends_with("'s") {
        return Some(last);
    }
    let initial = words.iter().position(|w| INITIAL_HEADS.iter().any(|h| h.eq_ignore_ascii_case(w)))?;
    // "Ministry of X": the head must be followed by a connector and a name.
    (initial + 2 <= last && CONNECTORS.contains(&words.get(initial + 1)?.to_ascii_lowercase().as_str()))
        .then_some(initial)
}

/// "Interior Ministry" -> "Ministry of Internal Affairs"; "Ministry of Interior" likewise.
fn normalise_ministry(base: &str) -> Option<String> {
    let lower = base.to_ascii_lowercase();
    if let Some(function) = lower.strip_suffix(" ministry") {
        let name = MINISTRY_FUNCTIONS.iter().find(|(f, _)| *f == function).map(|(_, n)| *n)?;
        return Some(format!("Ministry of {name}"));
    }
    let function = lower.strip_prefix("ministry of ")?;
    let name = MINISTRY_FUNCTIONS.iter().find(|(f, _)| *f == function).map(|(_, n)| *n)?;
    Some(format!("Ministry of {name}"))
}
