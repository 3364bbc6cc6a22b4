//! Russian names of people: an official named after a title ("заместитель
//! начальника УПП ДП Туркестанской области Нурлыбек Алибекулы"), and anyone
//! named with a patronymic ("Иванов Сергей Петрович"). The label is the name
//! in Latin letters, given name first, without the patronymic ("Sergei
//! Ivanov"), as English reports write it; the Cyrillic mention is an alias.
//!
//! A capitalised word alone is never a person: Russian capitalises sentence
//! starts, places and bodies, and the gazetteers cannot list every one.

use super::names;
use super::translit::latin;
use super::{lower_word, stem_matches};
use crate::extract::gazetteer::Target;
use crate::extract::people::{is_initials_only, person_key};
use crate::extract::text::is_capitalised;
use crate::extract::words::russian::{BODY_HEADS, PERSON_CUES, SURNAME_ENDINGS, TITLES_NOMINATIVE};
use crate::extract::{Doc, Found};
use crate::model::{EntityKind, Span};

/// How many words may stand between a cue such as "гражданин" and the
/// initials: the country or town ("гражданин Республики Казахстан А.Б.").
const CUE_REACH: usize = 4;

/// How many words may stand between a title and the name: the unit and body
/// the official heads ("начальника УПП ДП Туркестанской области").
const TITLE_REACH: usize = 8;

pub(super) fn find(doc: &Doc<'_>, found: &mut Vec<Found>) {
    let mut taken_until = 0;
    for index in 0..doc.tokens.len() {
        if doc.tokens[index].span.start < taken_until {
            continue;
        }
        if let Some(person) = initialled(doc, index) {
            taken_until = person.span.end;
            found.push(person);
            continue;
        }
        if let Some((first, last, title)) = name_at(doc, index)
            && let Some(person) = person(doc, first, last, title)
        {
            taken_until = person.span.end;
            found.push(person);
        }
    }
}

/// One capital Cyrillic letter followed by a dot at token `index`.
fn initial_at(doc: &Doc<'_>, index: usize) -> bool {
    let word = doc.word(index);
    let mut letters = word.chars();
    letters.next().is_some_and(|c| ('А'..='Я').contains(&c))
        && letters.next().is_none()
        && doc.word(index + 1) == "."
        && doc.tokens.get(index + 1).is_some_and(|t| t.span.start == doc.tokens[index].span.end)
}

/// A person named by a surname with initials ("Иванов А.Б.", "А.Б. Иванов"),
/// or by initials alone ("А.Б., 1975 года рождения", a suspect whose name a
/// release withholds), when a year of birth follows, or a title or a word
/// such as "гражданин" or "задержанный" comes before. A person known by
/// initials alone keeps to the report (see [`person_key`]).
fn initialled(doc: &Doc<'_>, index: usize) -> Option<Found> {
    let starts_here =
        |i: usize| initial_at(doc, i) && (i == 0 || !(doc.word(i - 1) == "." && i >= 2 && initial_at(doc, i - 2)));
    // "Иванов А.Б.": the surname comes first.
    let surname_first = name_word(doc, index, false) && single_space(doc, index) && starts_here(index + 1);
    let initials_start = if surname_first { index + 1 } else { index };
    if !starts_here(initials_start) {
        return None;
    }
    let mut last = initials_start + 1;
    while last + 2 < doc.tokens.len()
        && initial_at(doc, last + 1)
        && doc.tokens.get(last + 1).is_some_and(|t| t.span.start == doc.tokens[last].span.end)
        && last + 1 - initials_start < 5
    {
        last += 2;
    }
    let initials: String = (initials_start..=last).map(|i| doc.word(i)).collect();
    // "А.Б. Иванов": the surname after.
    let surname_after = !surname_first && single_space(doc, last) && name_word(doc, last + 1, false);
    let end = if surname_after { last + 1 } else { last };
    let surname = if surname_first { Some(doc.word(index)) } else { surname_after.then(|| doc.word(last + 1)) };
    let end_byte = doc.tokens.get(end)?.span.end;
    let rest = doc.after(end_byte);
    let rest = rest.trim_start_matches([',', ' ', '–', '—', '-']);
    let birth_year = rest.len() > 4
        && rest.as_bytes().iter().take(4).all(u8::is_ascii_digit)
        && ["года рождения", "г.р.", "г. р.", "г.р", "года рожд"]
            .iter()
            .any(|cue| rest[4..].trim_start().starts_with(cue));
    let title = titled(doc, index);
    match surname {
        Some(surname) if birth_year || title.is_some() || cued(doc, index) => {
            Some(person_found(doc, index, end, &format!("{initials} {surname}"), title))
        }
        None if birth_year || cued(doc, index) => Some(person_found(doc, index, end, &initials, None)),
        _ => None,
    }
}

/// Whether a word such as "гражданин" or "задержанный" comes within reach
/// before token `first`, in the same sentence.
fn cued(doc: &Doc<'_>, first: usize) -> bool {
    let Some(token) = doc.tokens.get(first) else { return false };
    let sentence = doc.sentence_of(token.span.start);
    (first.saturating_sub(CUE_REACH)..first)
        .filter(|&i| doc.tokens.get(i).is_some_and(|t| t.span.start >= sentence.start) && doc.is_word(i))
        .any(|i| {
            let word = lower_word(doc, i);
            PERSON_CUES.iter().any(|cue| stem_matches(&word, cue))
        })
}

/// A Cyrillic capitalised word that is no place, body or substance the
/// gazetteers know (a town's name is allowed when `towns` is set: surnames
/// such as "Иванов" are also forms of towns), nor written in capitals.
fn name_word(doc: &Doc<'_>, index: usize, towns: bool) -> bool {
    let word = doc.word(index);
    doc.is_word(index)
        && word.chars().next().is_some_and(|c| ('А'..='Я').contains(&c) || c == 'Ё')
        && is_capitalised(word)
        && word.chars().skip(1).all(|c| !c.is_uppercase())
        && word.chars().count() >= 2
        && doc.tokens.get(index).is_some_and(|t| {
            doc.matches_overlapping(t.span).all(|m| towns && m.targets.iter().all(|x| matches!(x, Target::City(_))))
        })
}

fn is_patronymic(doc: &Doc<'_>, index: usize) -> bool {
    names::is_patronymic(doc.word(index))
}

/// A declined full name with its patronymic ("Иванова Сергея Петровича",
/// "Сергеем Петровичем Ивановым") as given name and surname in the nominative.
fn declined_name(words: &[&str]) -> Option<[String; 2]> {
    let [a, b, c] = words else { return None };
    if let Some((case, woman)) = names::declined_patronymic(c) {
        return Some([names::given_name(b, case, woman), names::surname(a, case, woman)]);
    }
    let (case, woman) = names::declined_patronymic(b)?;
    Some([names::given_name(a, case, woman), names::surname(c, case, woman)])
}

/// The words of a name starting at `index`, with the title before it: two or
/// three name words in a row, separated by single spaces, when a title comes
/// before them or one of them is a patronymic.
fn name_at(doc: &Doc<'_>, index: usize) -> Option<(usize, usize, Option<String>)> {
    // A capitalised word before continues the name, unless it only starts the
    // sentence or is a town ("Департамента полиции Алматы Серик Кудебаев"; a
    // name that starts with a town's form, "Иванов Сергей Петрович", was
    // read from that word already).
    let continues = index > 0
        && name_word(doc, index - 1, false)
        && single_space(doc, index - 1)
        && !doc.starts_sentence(index - 1);
    if !name_word(doc, index, true) || continues {
        return None;
    }
    let mut last = index;
    while last + 1 < doc.tokens.len() && last - index < 2 && name_word(doc, last + 1, true) && single_space(doc, last) {
        last += 1;
    }
    if last == index {
        return None;
    }
    // A sentence start is capitalised whatever the word: only a title or a
    // patronymic vouches for it, and only a patronymic for a town's name in it.
    if (index..=last).any(|i| is_patronymic(doc, i)) {
        return Some((index, last, titled(doc, index)));
    }
    // "Задержан Сапаров Ерлан Маратович": the sentence's first word is no part of the name.
    if doc.starts_sentence(index) && is_patronymic(doc, last + 1) {
        return None;
    }
    // A given name may also be a town's ("Серик" is a town in Turkey) when a
    // surname that is no place follows it; a longer run with a town in it
    // ("Алматы Серик Кудебаев") is read again from its next word.
    let ends_in_surname = last == index + 1 && name_word(doc, last, false) && surname_like(doc.word(last));
    if !(ends_in_surname || (index..=last).all(|i| name_word(doc, i, false))) {
        return None;
    }
    let title = titled(doc, index)?;
    Some((index, last, Some(title)))
}

/// A word that ends like a Russian or Central Asian surname ("Иванов",
/// "Петрова", "Шевченко").
fn surname_like(word: &str) -> bool {
    let lower = crate::extract::text::fold_case(word);
    SURNAME_ENDINGS.iter().any(|ending| lower.ends_with(ending) && lower.len() > ending.len() + 2)
}

fn single_space(doc: &Doc<'_>, index: usize) -> bool {
    match (doc.tokens.get(index), doc.tokens.get(index + 1)) {
        (Some(a), Some(b)) => doc.between(a.span.end, b.span.start) == " ",
        _ => false,
    }
}

/// The title before the name, in the nominative, if one comes within reach
/// in the same sentence with only lowercase words (titles in other cases
/// among them), acronyms, known names and the heads of bodies' names
/// ("Департамента") between.
fn titled(doc: &Doc<'_>, first: usize) -> Option<String> {
    let sentence = doc.sentence_of(doc.tokens.get(first)?.span.start);
    let mut index = first;
    for _ in 0..=TITLE_REACH {
        index = index.checked_sub(1)?;
        let token = doc.tokens.get(index)?;
        if token.span.start < sentence.start || !doc.is_word(index) {
            return None;
        }
        let lower = lower_word(doc, index);
        if TITLES_NOMINATIVE.contains(&lower.as_str()) {
            return Some(lower);
        }
        if TITLES_NOMINATIVE.iter().any(|title| stem_matches(&lower, title.trim_end_matches(['ь', 'а', 'я']))) {
            continue;
        }
        let word = doc.word(index);
        let known = doc.matches_overlapping(token.span).next().is_some();
        let acronym = word.chars().count() >= 2 && word.chars().all(char::is_uppercase);
        let body = BODY_HEADS.iter().any(|head| stem_matches(&lower, head));
        if !(word == lower || known || acronym || body) {
            return None;
        }
    }
    None
}

/// The person named by tokens `first..=last`.
fn person(doc: &Doc<'_>, first: usize, last: usize, title: Option<String>) -> Option<Found> {
    let words: Vec<&str> = (first..=last).map(|i| doc.word(i)).filter(|w| !w.is_empty()).collect();
    if let Some(name) = declined_name(&words) {
        return Some(person_found(doc, first, last, &name.join(" "), title));
    }
    let patronymic: Vec<bool> = (first..=last).map(|i| is_patronymic(doc, i)).collect();
    // Without the patronymic, which English reports leave out; a Kazakh "-улы"
    // or "-кызы" name after the given name is the surname.
    let mut kept: Vec<&str> =
        words.iter().zip(&patronymic).filter(|(_, p)| !**p || words.len() == 2).map(|(w, _)| *w).collect();
    if kept.len() < 2 {
        return None;
    }
    // "Иванов Сергей": surname first when only the first word ends like a surname.
    if kept.len() == 2 && surname_like(kept[0]) && !surname_like(kept[1]) {
        kept.swap(0, 1);
    }
    Some(person_found(doc, first, last, &kept.join(" "), title))
}

/// The person at tokens `first..=last`, named `name` (Cyrillic, given name
/// first), labelled in Latin letters. Initials alone keep the letters they
/// are written in, as the guideline labels every name: they are no name to
/// transliterate ("Ж." is "Zh." or "J."), and they never link across reports.
fn person_found(doc: &Doc<'_>, first: usize, last: usize, name: &str, title: Option<String>) -> Found {
    let label = if is_initials_only(name) { name.to_owned() } else { latin(name) };
    let start = doc.tokens.get(first).map_or(0, |t| t.span.start);
    let end = doc.tokens.get(last).map_or(start, |t| t.span.end);
    let kind = if title.is_some() { EntityKind::Official } else { EntityKind::Person };
    let mut found = Found::new(Span::new(start, end), kind, person_key(doc, &label), label);
    found.role = title;
    found
}
