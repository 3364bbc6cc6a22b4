//! People: named persons, told apart as officials (by title or speech) or
//! other persons (suspects, defendants), with surnames and aliases resolved
//! to the full name within the report.
//!
//! A run of capitalised words is a name when something vouches for it: a
//! known given name, a surname (from the census list or by its ending, such
//! as -ov or -enko), a middle initial, a title before it, or words that are
//! in no English dictionary. Places, agencies and groups found earlier are
//! never parts of names.

use super::text::{SpanSet, is_all_caps, name_case};
use super::words::in_list;
use super::words::people::{
    HONORIFICS, NAME_PARTICLES, NOT_NAME_START, ORGANISATION_WORDS, SPEECH_VERBS, SURNAME_SUFFIXES, SURNAME_TITLES,
    SUSPECT_CUES, TITLE_ABBREVIATIONS,
};
use super::{Doc, Found};
use crate::model::{EntityKey, EntityKind, Span};
use crate::slug::slugify;

struct Candidate {
    span: Span,
    label: String,
    official: bool,
    suspect: bool,
    role: Option<String>,
    aliases: Vec<String>,
}

pub(super) fn find(doc: &Doc<'_>, found: &mut Vec<Found>) {
    let taken = SpanSet::new(found.iter().map(|f| f.span));
    let mut candidates = name_runs(doc, &taken);
    candidates.extend(initialled_surnames(doc, &taken));
    a_k_a(doc, &mut candidates);
    let mut people = merge_variants(candidates);
    let surnames = surname_mentions(doc, &people, &taken);
    initials(doc, &taken, &mut people);
    for person in &people {
        for span in &person.mentions {
            let mut mention = Found::new(*span, person.kind(), person_key(doc, &person.label), &person.label);
            mention.role = person.role.clone();
            mention.aliases = person.aliases.clone();
            found.push(mention);
        }
    }
    for (span, index) in surnames {
        if let Some(person) = people.get(index) {
            found.push(Found::new(span, person.kind(), person_key(doc, &person.label), &person.label));
        }
    }
}

/// The local key of a person named `label` in this report. A person known
/// only by initials ("A.M.", "А.Б.") keeps to the report: releases withhold
/// suspects' names this way every day, and two "A.M."s in two reports are
/// almost never one person, so the key carries a digest of the report's
/// text and linking never joins them across reports (nor re-loads of one
/// report apart).
pub(super) fn person_key(doc: &Doc<'_>, label: &str) -> EntityKey {
    let slug = slugify(label);
    if !is_initials_only(label) {
        return EntityKey::Person(slug);
    }
    let digest = blake3::hash(doc.text.as_bytes()).to_hex();
    EntityKey::Person(format!("{slug}-in-{}", &digest[..12]))
}

/// "A.M.", "Sh.R.", "А.Б.": initials with no name.
pub(super) fn is_initials_only(label: &str) -> bool {
    let parts: Vec<&str> = label.split('.').collect();
    parts.len() >= 2
        && parts.last().is_some_and(|p| p.trim().is_empty())
        && parts[..parts.len() - 1].iter().all(|p| {
            let p = p.trim();
            (1..=2).contains(&p.chars().count()) && p.chars().next().is_some_and(char::is_uppercase)
        })
}

fn is_initial(doc: &Doc<'_>, index: usize) -> bool {
    let word = doc.word(index);
    word.chars().count() == 1
        && word.chars().all(char::is_uppercase)
        && doc.word(index + 1) == "."
        && doc.tokens.get(index + 1).is_some_and(|t| t.span.start == doc.tokens[index].span.end)
}

/// Could token `index` be part of a name?
fn name_token(doc: &Doc<'_>, index: usize) -> bool {
    if !doc.is_word(index) {
        return false;
    }
    let word = doc.word(index);
    let Some(first) = word.chars().next() else { return false };
    if !first.is_uppercase() || NOT_NAME_START.contains(&word) || HONORIFICS.contains(&word) {
        return false;
    }
    if is_all_caps(word, 2) {
        let lower = word.to_ascii_lowercase();
        let titled = name_case(word);
        return word.chars().count() >= 3
            && (!doc.gaz.common_words.contains(lower.as_str()) || doc.gaz.given_names.contains(titled.as_str()))
            && !in_list(NOT_NAME_START, &titled);
    }
    !word.ends_with("'s") || word.len() > 3
}

/// The name as written, in title case when written in capitals, without honorifics.
fn label_of(doc: &Doc<'_>, first: usize, last: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut index = first;
    while index <= last {
        let word = doc.word(index);
        if is_initial(doc, index) {
            parts.push(format!("{word}."));
            index += 2;
            continue;
        }
        let word = word.trim_end_matches("'s").trim_end_matches("’s");
        parts.push(if is_all_caps(word, 2) { name_case(word) } else { word.to_owned() });
        index += 1;
    }
    while parts.len() > 2 && HONORIFICS.contains(&parts[0].as_str()) {
        parts.remove(0);
    }
    parts.join(" ")
}

/// Finds runs of name tokens and keeps those that something vouches for.
fn name_runs(doc: &Doc<'_>, taken: &SpanSet) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut index = 0;
    while index < doc.tokens.len() {
        // "Haji Bagcho": an honorific may open a name (the label drops it when the rest is a full name).
        let honorific_start = HONORIFICS.contains(&doc.word(index)) && name_token(doc, index + 1);
        if !honorific_start && !name_token(doc, index) || taken.overlaps(doc.tokens[index].span) {
            index += 1;
            continue;
        }
        let first = index;
        let mut last = index;
        let mut cursor = index + 1;
        let mut words = 1;
        let mut has_initial = false;
        while let (Some(previous), Some(token)) = (doc.tokens.get(cursor - 1), doc.tokens.get(cursor)) {
            let gap = doc.between(previous.span.end, token.span.start);
            if gap != " " {
                break;
            }
            if taken.overlaps(token.span) {
                break;
            }
            if is_initial(doc, cursor) {
                has_initial = true;
                cursor += 2;
                continue;
            }
            if doc.word(cursor - 1) == "." && !is_initial(doc, cursor.saturating_sub(2)) {
                break;
            }
            if in_list(NAME_PARTICLES, doc.word(cursor))
                && doc.word(cursor).chars().next().is_some_and(char::is_lowercase)
                && name_token(doc, cursor + 1)
            {
                cursor += 1;
                continue;
            }
            if !name_token(doc, cursor) {
                break;
            }
            last = cursor;
            words += 1;
            cursor += 1;
            if words >= 5 {
                break;
            }
        }
        // A run that starts with ordinary words ("Charge Carla Jennings" after
        // "Special Agent in") starts at the first word that could begin a name.
        let mut first = first;
        // "AFP Detective Superintendent Craig Bellis": an acronym opening a run of
        // words in lower case is the agency's, and titles are no part of the name
        // ("Detective Superintendent Williams" is Williams, with a title).
        let opens_with_acronym = is_all_caps(doc.word(first), 2) && !is_all_caps(doc.word(first + 1), 2);
        let is_title = |word: &str| {
            let lower = word.to_ascii_lowercase();
            doc.gaz.titles.contains(&lower) || TITLE_ABBREVIATIONS.contains(&word)
        };
        while words > 2 && opens_with_acronym && first == index
            || words > 1 && is_title(doc.word(first))
            || words > 2
                && doc.gaz.common_words.contains(doc.word(first).to_ascii_lowercase().as_str())
                && !doc.gaz.given_names.contains(doc.word(first))
        {
            first += 1;
            while doc.word(first) == "." || !doc.is_word(first) {
                first += 1;
            }
            words -= 1;
        }
        if words >= 2
            && let Some(candidate) = vouch(doc, first, last, has_initial)
        {
            out.push(candidate);
        } else if words == 1
            && let Some(candidate) = titled_surname(doc, first)
        {
            out.push(candidate);
        }
        index = cursor.max(index + 1);
    }
    out
}

fn vouch(doc: &Doc<'_>, first: usize, last: usize, has_initial: bool) -> Option<Candidate> {
    let words: Vec<&str> =
        (first..=last).filter(|&i| !is_initial(doc, i) && doc.word(i) != ".").map(|i| doc.word(i)).collect();
    let titled: Vec<String> =
        words.iter().map(|w| if is_all_caps(w, 2) { name_case(w) } else { (*w).to_owned() }).collect();
    let first_name = titled.first()?;
    let surname = titled.last()?.trim_end_matches("'s").to_owned();
    let common = |w: &str| doc.gaz.common_words.contains(w.to_ascii_lowercase().as_str());
    let given = doc.gaz.given_names.contains(first_name.as_str()) || HONORIFICS.contains(&first_name.as_str());
    let known_surname = doc.gaz.surnames.contains(surname.as_str());
    let suffix = SURNAME_SUFFIXES.iter().any(|s| surname.to_ascii_lowercase().ends_with(s))
        && surname.len() > 4
        && !common(&surname);
    let uncommon = titled.iter().all(|w| !common(w));
    let context = context_of(doc, first, last);
    let all_common = titled.iter().all(|w| common(w));
    let vouched = given && (!common(&surname) || context.title.is_some())
        || known_surname && !common(first_name)
        || suffix
        || has_initial && !all_common
        || uncommon
        || context.title.is_some() && !all_common
        || context.suspect && !all_common && titled.len() >= 2;
    // In a headline every word is capitalised: only a known name, an initial, a
    // surname ending or a title vouches there.
    let headline = doc.in_headline(doc.tokens[first].span.start);
    let strong = given && !common(&surname)
        || known_surname && !common(first_name)
        || suffix
        || has_initial
        || context.title.is_some();
    // "Prosecutor's Office", "Drug Control Agency": an organisation's words are no name.
    let organisation = titled.iter().any(|w| {
        let stem = w.trim_end_matches("'s").trim_end_matches("’s");
        ORGANISATION_WORDS.contains(&stem)
    });
    if !vouched || organisation || headline && !strong || ends_like_organisation(doc, last) {
        return None;
    }
    let span = Span::new(doc.tokens[first].span.start, doc.tokens[last].span.end);
    Some(Candidate {
        span,
        label: label_of(doc, first, last),
        official: context.title.is_some() || context.speaker,
        suspect: context.suspect,
        role: context.title,
        aliases: Vec::new(),
    })
}

/// "M. Sharipov", "Sh. Rahimov", "A.K. Nurlanov": initials before a surname,
/// common in Central Asian and Russian reports.
fn initialled_surnames(doc: &Doc<'_>, taken: &SpanSet) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut index = 0;
    while index < doc.tokens.len() {
        let start = index;
        let mut cursor = index;
        let mut initials = 0;
        while is_initial_token(doc, cursor) {
            initials += 1;
            cursor += 2;
            if doc.tokens.get(cursor).is_some_and(|t| t.span.start > doc.tokens[cursor - 1].span.end + 1) {
                break;
            }
        }
        if initials == 0 || initials > 3 || !name_token(doc, cursor) || doc.word(start.wrapping_sub(1)) == "." {
            index += 1;
            continue;
        }
        let surname = doc.word(cursor).trim_end_matches("'s");
        let lower = surname.to_ascii_lowercase();
        let looks_like_surname = SURNAME_SUFFIXES.iter().any(|s| lower.ends_with(s)) && surname.len() > 4
            || doc.gaz.surnames.contains(surname)
            || !doc.gaz.common_words.contains(lower.as_str());
        let (Some(first), Some(last)) = (doc.tokens.get(start), doc.tokens.get(cursor)) else { break };
        let span = Span::new(first.span.start, last.span.end);
        if looks_like_surname && !taken.overlaps(span) && !doc.in_headline(span.start) {
            let context = context_of(doc, start, cursor);
            out.push(Candidate {
                span,
                label: span.slice(doc.text).split_whitespace().collect::<Vec<_>>().join(" "),
                official: context.title.is_some() || context.speaker,
                suspect: context.suspect,
                role: context.title,
                aliases: Vec::new(),
            });
        }
        index = cursor + 1;
    }
    out
}

/// An initial: one capital, or a transliterated digraph ("Sh", "Kh", "Zh"), then a full stop.
fn is_initial_token(doc: &Doc<'_>, index: usize) -> bool {
    let word = doc.word(index);
    let digraph = matches!(word, "Sh" | "Kh" | "Zh" | "Ch" | "Ts" | "Yu" | "Ya" | "Yo" | "Dzh");
    (is_initial(doc, index) || digraph && doc.word(index + 1) == ".")
        && doc.tokens.get(index + 1).is_some_and(|t| t.span.start == doc.tokens[index].span.end)
}

/// "President Trump", "Administrator Milgram": one capitalised word right after a
/// title is an official's name.
fn titled_surname(doc: &Doc<'_>, index: usize) -> Option<Candidate> {
    let token = doc.tokens.get(index)?;
    let word = doc.word(index);
    if !word.chars().next().is_some_and(char::is_uppercase) || word.len() < 3 || doc.starts_sentence(index) {
        return None;
    }
    let before = doc.window_before(token.span.start, 160).trim_end().to_ascii_lowercase();
    let title = SURNAME_TITLES.iter().find(|t| {
        before.ends_with(*t)
            && before[..before.len() - t.len()].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
    })?;
    // "Director General", "General Directorate": a title word is not a name.
    if NOT_NAME_START.contains(&word) || doc.after(token.span.end).starts_with(" of") {
        return None;
    }
    Some(Candidate {
        span: token.span,
        label: word.trim_end_matches("'s").to_owned(),
        official: true,
        suspect: false,
        role: Some((*title).to_owned()),
        aliases: Vec::new(),
    })
}

/// A capitalised run followed by an organisation word is an organisation, not a person.
fn ends_like_organisation(doc: &Doc<'_>, last: usize) -> bool {
    let next = doc.word(last + 1);
    matches!(
        next,
        "Airlines"
            | "Airways"
            | "Inc"
            | "Ltd"
            | "Corp"
            | "Company"
            | "Group"
            | "Cartel"
            | "Organization"
            | "Act"
            | "Foundation"
            | "University"
    )
}

#[derive(Default)]
struct Context {
    title: Option<String>,
    speaker: bool,
    suspect: bool,
}

/// What the words around a name say about its bearer.
/// How far before and after a name its context is read, in bytes.
const CONTEXT_BYTES: usize = 600;

fn context_of(doc: &Doc<'_>, first: usize, last: usize) -> Context {
    let mut context = Context::default();
    let sentence = doc.sentence_of(doc.tokens[first].span.start);
    // The clause around the name, up to a few hundred bytes each side: every
    // cue below sits within a few dozen words, and a bound keeps a sentence
    // that lists thousands of names linear.
    let name_start = doc.tokens[first].span.start;
    let before_start = name_start.saturating_sub(CONTEXT_BYTES).max(sentence.start);
    let before_window = doc.window_before(name_start, name_start - before_start);
    let before_text = before_window.to_ascii_lowercase();
    let after_end = doc.tokens.get(last).map_or(sentence.end, |t| t.span.end);
    let after_text =
        doc.window_after(after_end, sentence.end.saturating_sub(after_end).min(CONTEXT_BYTES)).to_ascii_lowercase();
    // A title just before the name ("Special Agent in Charge John Gilbride", "DEA Administrator Anne Milgram").
    let before_trimmed = before_text.trim_end().trim_end_matches(',').trim_end();
    for title in &doc.gaz.titles {
        if before_trimmed.ends_with(title.as_str()) {
            let boundary = before_trimmed.len() - title.len();
            if boundary == 0 || !before_trimmed[..boundary].ends_with(char::is_alphanumeric) {
                context.title = Some(title.clone());
                break;
            }
        }
    }
    // A title just after it: "David Kelley, the United States Attorney", "Garcia, Special Agent".
    if context.title.is_none() {
        let after_role = after_text.trim_start_matches([',', ' ']).trim_start_matches("the ").trim_start_matches("a ");
        let after_role = after_role.trim_start_matches("acting ").trim_start_matches("former ");
        if after_text.starts_with(',') {
            for title in &doc.gaz.titles {
                if after_role.starts_with(title.as_str())
                    && after_role[title.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
                {
                    context.title = Some(title.clone());
                    break;
                }
            }
        }
    }
    // "said the deputy head of ..., Bakhytzhan Amirkhanov": a role before, in the same clause.
    if context.title.is_none() && before_text.trim_end().ends_with(',') {
        let clause_start = before_text
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, '.' | ';' | '“' | '"'))
            .map_or(0, |(p, c)| p + c.len_utf8());
        let clause = &before_text[clause_start..];
        let first_after = after_text.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("");
        // "Special Agent in Charge of DEA's Washington Division, Shawn A. Johnson, announced":
        // the title opens the clause and the name speaks after it.
        if SPEECH_VERBS.iter().any(|v| clause.contains(v)) || SPEECH_VERBS.contains(&first_after) {
            for title in &doc.gaz.titles {
                if title.len() > 3 && clause.contains(&format!(" {title} ")) {
                    context.title = Some(title.clone());
                    break;
                }
            }
        }
    }
    let words_before: Vec<&str> =
        before_text.split(|c: char| !c.is_alphanumeric() && c != '/').filter(|w| !w.is_empty()).collect();
    let words_after: Vec<&str> =
        after_text.split(|c: char| !c.is_alphanumeric() && c != '/').filter(|w| !w.is_empty()).collect();
    let near_before = &words_before[words_before.len().saturating_sub(3)..];
    // "U.S. Attorney for the Southern District of New York Audrey Strauss".
    if context.title.is_none() {
        // Lowercasing is ASCII-only, so offsets in `before_text` hold in the original.
        let original = before_window;
        let trimmed = before_text.trim_end();
        if let Some(position) = trimmed.rfind("attorney for the ") {
            let rest = &trimmed[position..];
            let state = rest.rfind("district of ").map(|p| &original[position + p + "district of ".len()..]);
            if state.is_some_and(|state| {
                let words: Vec<&str> = state.split_whitespace().collect();
                (1..=3).contains(&words.len()) && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
            }) {
                context.title = Some("united states attorney".to_owned());
            }
        }
    }
    let near_after = &words_after[..words_after.len().min(3)];
    // "said X" (the verb right before the name) or "X said" / "X today announced"
    // (within two words after it); "announced that X" makes X the news, not the speaker.
    let _ = near_before;
    context.speaker = words_before.last().is_some_and(|w| SPEECH_VERBS.contains(w) && *w != "announced")
        || near_after.iter().take(2).any(|w| SPEECH_VERBS.contains(w))
            && near_after.first().is_some_and(|w| {
                SPEECH_VERBS.contains(w) || matches!(*w, "today" | "also" | "previously" | "then" | "later")
            });
    let window_before = &words_before[words_before.len().saturating_sub(6)..];
    // After the name, a cue counts when it is about the name ("X was arrested",
    // "X, 43, pleaded"), not after a verb of speech ("X announced the sentencing of Y").
    let window_after: &[&str] = if context.speaker { &[] } else { &words_after[..words_after.len().min(6)] };
    context.suspect = window_before.iter().chain(window_after).any(|w| SUSPECT_CUES.contains(w))
        || after_text.trim_start().starts_with(", age")
        || after_text
            .trim_start()
            .strip_prefix(',')
            .is_some_and(|rest| rest.trim_start().chars().next().is_some_and(|c| c.is_ascii_digit()));
    context
}

/// `X, a/k/a "Sofoco," a/k/a "Don Oscar"`: quoted aliases belong to X.
fn a_k_a(doc: &Doc<'_>, candidates: &mut Vec<Candidate>) {
    for candidate in candidates.iter_mut() {
        let mut rest_start = candidate.span.end;
        loop {
            let rest = doc.after(rest_start);
            let trimmed = rest.trim_start_matches([',', ' ']);
            let Some(after) = trimmed
                .strip_prefix("a/k/a")
                .or_else(|| trimmed.strip_prefix("aka"))
                .or_else(|| trimmed.strip_prefix("also known as"))
            else {
                break;
            };
            let after = after.trim_start();
            let Some(open) = after.chars().next().filter(|c| matches!(c, '"' | '“')) else {
                // "Haji Bagcho, aka Haji Bagh Chagul, an Afghan national": an unquoted alias
                // runs to the next comma, if it is a short capitalised name.
                let alias = after.split([',', ';', '.', '(']).next().unwrap_or("").trim();
                let words: Vec<&str> = alias.split_whitespace().collect();
                if (1..=4).contains(&words.len())
                    && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
                {
                    candidate.aliases.push(alias.to_owned());
                }
                break;
            };
            let inner = &after[open.len_utf8()..];
            let Some((close, quote)) = inner.char_indices().find(|(_, c)| matches!(c, '"' | '”')) else { break };
            let alias = inner[..close].trim_end_matches(',').trim();
            if !alias.is_empty() {
                candidate.aliases.push(alias.to_owned());
            }
            rest_start = doc.text.len() - inner.len() + close + quote.len_utf8();
        }
    }
    // An alias of someone else is not a person of its own ("Don Oscar" is Molina-Triana).
    let strip = |name: &str| name.split_whitespace().filter(|w| !HONORIFICS.contains(w)).collect::<Vec<_>>().join(" ");
    let owned: Vec<(String, String)> = candidates
        .iter()
        .flat_map(|c| c.aliases.iter().map(|a| (strip(a), strip(&c.label))).collect::<Vec<_>>())
        .collect();
    candidates.retain(|c| {
        let label = strip(&c.label);
        !owned.iter().any(|(alias, owner)| *alias == label && *owner != label)
    });
}

/// Merges "Bashir Noorzai" into "Haji Bashir Noorzai" and "Michael Garcia" into
/// "Michael J. Garcia": names whose words are a subset of a longer one with the same surname.
fn merge_variants(mut candidates: Vec<Candidate>) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    candidates.sort_by(|a, b| {
        name_words(&b.label).len().cmp(&name_words(&a.label).len()).then(a.span.start.cmp(&b.span.start))
    });
    for candidate in candidates {
        let words = name_words(&candidate.label);
        let existing = people.iter_mut().find(|p| {
            let pw = name_words(&p.label);
            pw.last() == words.last() && words.iter().all(|w| pw.contains(w))
        });
        match existing {
            Some(person) => {
                person.official |= candidate.official;
                person.suspect |= candidate.suspect;
                if person.role.is_none() {
                    person.role = candidate.role;
                }
                person.aliases.extend(candidate.aliases);
                person.mentions.push(candidate.span);
            }
            None => people.push(Person {
                label: candidate.label,
                official: candidate.official,
                suspect: candidate.suspect,
                role: candidate.role,
                aliases: candidate.aliases,
                mentions: vec![candidate.span],
            }),
        }
    }
    people
}

struct Person {
    label: String,
    official: bool,
    suspect: bool,
    role: Option<String>,
    aliases: Vec<String>,
    mentions: Vec<Span>,
}

impl Person {
    /// An official when a title or speech says so, unless only suspicion does.
    fn kind(&self) -> EntityKind {
        if self.official && !(self.suspect && self.role.is_none()) { EntityKind::Official } else { EntityKind::Person }
    }
}

fn name_words(label: &str) -> Vec<String> {
    label.split([' ', '-']).filter(|w| !w.ends_with('.') && !HONORIFICS.contains(w)).map(str::to_lowercase).collect()
}

/// Single capitalised words equal to a part of exactly one full name
/// ("Noorzai said", "GILBRIDE said", "Penagos"), mapped to that person.
fn surname_mentions(doc: &Doc<'_>, people: &[Person], taken: &SpanSet) -> Vec<(Span, usize)> {
    // Which people each later name word belongs to ("noorzai" -> Haji Bashir
    // Noorzai), built once: the lookup below runs for every capitalised token.
    let mut owners_of: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for (person, p) in people.iter().enumerate() {
        let words = name_words(&p.label);
        let mut parts: Vec<String> = if words.len() >= 2 { words[1..].to_vec() } else { Vec::new() };
        parts.extend(
            p.label.to_ascii_lowercase().split(' ').skip(1).filter_map(|w| w.split('-').next()).map(str::to_owned),
        );
        parts.sort();
        parts.dedup();
        for part in parts {
            owners_of.entry(part).or_default().push(person);
        }
    }
    let named = SpanSet::new(people.iter().flat_map(|p| p.mentions.iter().copied()));
    let mut out = Vec::new();
    for (index, token) in doc.tokens.iter().enumerate() {
        if !doc.is_word(index) {
            continue;
        }
        if named.contains(token.span) || taken.overlaps(token.span) {
            continue;
        }
        let word = doc.word(index).trim_end_matches("'s").trim_end_matches("’s");
        if !word.chars().next().is_some_and(char::is_uppercase) || word.len() < 3 {
            continue;
        }
        let lower = word.to_ascii_lowercase();
        let owners: &[usize] = owners_of.get(&lower).map_or(&[], Vec::as_slice);
        if owners.len() != 1 {
            continue;
        }
        // A common word ("Colon") counts only away from the sentence start.
        if doc.gaz.common_words.contains(lower.as_str()) && doc.starts_sentence(index) {
            continue;
        }
        out.push((Span::new(token.span.start, token.span.start + word.len()), owners[0]));
    }
    out
}

/// "citizen A.M.", "suspect A.M.": people known only by initials.
fn initials(doc: &Doc<'_>, taken: &SpanSet, people: &mut Vec<Person>) {
    const CUES: &[&str] = &[
        "citizen", "suspect", "resident", "man", "woman", "national", "driver", "courier", "detainee", "as", "named",
        "certain", "native",
    ];
    let bytes = doc.text.as_bytes();
    let mut index = 0;
    while index + 3 < bytes.len() {
        let at_boundary = index == 0 || !(bytes[index - 1] as char).is_alphanumeric();
        if !(at_boundary
            && bytes[index].is_ascii_uppercase()
            && bytes[index + 1] == b'.'
            && bytes[index + 2].is_ascii_uppercase()
            && bytes[index + 3] == b'.')
        {
            index += 1;
            continue;
        }
        let mut end = index + 4;
        while end + 1 < bytes.len() && bytes[end].is_ascii_uppercase() && bytes[end + 1] == b'.' {
            end += 2;
        }
        let span = Span::new(index, end);
        let before: Vec<&str> = doc.before(index).split_whitespace().rev().take(2).collect();
        let cued = before
            .iter()
            .any(|w| CUES.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase().as_str()));
        let label = span.slice(doc.text).to_owned();
        if cued && !taken.overlaps(span) && !["U.S.", "U.K.", "U.N.", "E.U.", "D.C."].contains(&label.as_str()) {
            match people.iter_mut().find(|p| p.label == label) {
                Some(person) => person.mentions.push(span),
                None => people.push(Person {
                    label,
                    official: false,
                    suspect: true,
                    role: None,
                    aliases: Vec::new(),
                    mentions: vec![span],
                }),
            }
        }
        index = end;
    }
}
