//! Routes and seizures in Russian reports (arrests and cooperation are read
//! by the same rules as English ones, with Russian words).
//!
//! A place's role in a route is given by the preposition before it and the
//! case it is declined in, which the gazetteer's Russian forms carry: "из
//! Афганистана" (genitive) is an origin, "через Таджикистан" or "через
//! территорию России" a transit place, "в Германию" (accusative) a
//! destination, while "в Германии" (prepositional) only says where something
//! happened; "предназначался для Германии" (genitive) and "для сбыта в
//! Новосибирске" give destinations too. A country adjective before
//! "происхождения" or "производства" ("героин афганского производства")
//! names the drug's source. Only a
//! sentence about drugs with a word that moves them ("ввоз", "транзит",
//! "переправка", "канал") gives routes.
//!
//! A press release often names the origin in its headline ("попытка ввоза
//! кокаина из Литвы") and the destination in its body ("пытались ввезти в
//! Беларусь"): when the report has exactly one such origin and one such
//! destination of an import, they make one route.

use super::{Context, Statement, context, dates, events, push_unique, routes, seizures, statement};
use crate::extract::Doc;
use crate::extract::gazetteer::Case;
use crate::extract::text::fold_case;
use crate::extract::words::mentions_any;
use crate::extract::words::russian::{
    DESTINED, DRUG_WORDS, FOR_SALE, FROM, IMPORT, INTO, MOVEMENT, ORIGIN_NOUNS, RUSSIAN_EVENTS, SEIZURE, TERRITORY,
    UP_TO, VIA,
};
use crate::model::{EntityKind, Evidence, Extraction, Route, Span};

/// What a place is in a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// "героин афганского производства": where the drug comes from.
    Source,
    Origin,
    Via,
    Destination,
}

/// Legs told in halves across the report: origins of an import with no
/// destination in their sentence, and destinations with no origin.
#[derive(Default)]
struct Halves {
    origins: Vec<(usize, Evidence, Vec<usize>)>,
    destinations: Vec<(usize, Evidence, Vec<usize>)>,
}

pub(in crate::extract) fn find(doc: &Doc<'_>, extraction: &mut Extraction) {
    let cx = context(doc, extraction);
    extraction.dates = dates::dates(doc);
    let mut halves = Halves::default();
    for sentence in &doc.sentences {
        let mut statement = statement(&cx, *sentence, fold_case(sentence.slice(doc.text)));
        // A substance named twice apart ("героин ... героин") is one.
        statement.substances.sort_unstable();
        statement.substances.dedup();
        let about_drugs = !statement.substances.is_empty() || mentions_any(&statement.lower, DRUG_WORDS);
        if about_drugs && mentions_any(&statement.lower, MOVEMENT) {
            sentence_routes(&cx, &statement, extraction, &mut halves);
        }
        if !statement.substances.is_empty() && mentions_any(&statement.lower, SEIZURE) {
            seizures::find(&cx, &statement, extraction);
        }
        events::find(&cx, &statement, &RUSSIAN_EVENTS, extraction);
    }
    join_halves(&halves, extraction);
    routes::merge_routes(&mut extraction.routes);
    seizures::merge_seizures(&mut extraction.seizures);
}

/// The lowercased words before byte `start` in the sentence, nearest first.
fn words_before(cx: &Context<'_, '_>, sentence: Span, start: usize) -> Vec<String> {
    let doc = cx.doc;
    let Some(last) = doc.token_before(start) else { return Vec::new() };
    (0..=last)
        .rev()
        .take(3)
        .take_while(|&i| doc.tokens.get(i).is_some_and(|t| t.span.start >= sentence.start) && doc.is_word(i))
        .map(|i| fold_case(doc.word(i)))
        .collect()
}

/// The role the words before a place give it, checked against its case.
fn role_of(cx: &Context<'_, '_>, statement: &Statement, span: Span) -> Option<Role> {
    let sentence = statement.span;
    let written = span.slice(cx.doc.text);
    let cases = cx.doc.gaz.russian_cases(written);
    let case = |c: Case| cases.is_empty() || cases.contains(c);
    let before = words_before(cx, sentence, span.start);
    // "предназначался для Германии", "для сбыта в Новосибирске".
    if mentions_any(&statement.lower, DESTINED) {
        let words: Vec<&str> = before.iter().map(String::as_str).collect();
        match words.as_slice() {
            ["для", ..] if case(Case::Genitive) => return Some(Role::Destination),
            ["в" | "во", sale, "для", ..] if FOR_SALE.contains(sale) && case(Case::Prepositional) => {
                return Some(Role::Destination);
            }
            _ => {}
        }
    }
    let mut words = before.iter().map(String::as_str);
    let mut word = words.next()?;
    // "через территорию России", "в направлении Казахстана": the place is in the genitive.
    let after_territory = TERRITORY.contains(&word);
    if after_territory {
        word = words.next()?;
        if !case(Case::Genitive) {
            return None;
        }
    }
    if FROM.contains(&word) && !after_territory && case(Case::Genitive) {
        return Some(Role::Origin);
    }
    if VIA.contains(&word) && (after_territory || case(Case::Accusative)) {
        return Some(Role::Via);
    }
    if INTO.contains(&word) && (after_territory || case(Case::Accusative)) {
        return Some(Role::Destination);
    }
    if UP_TO.contains(&word) && !after_territory && case(Case::Genitive) {
        return Some(Role::Destination);
    }
    None
}

/// A country adjective followed by "происхождения" / "производства".
fn is_source(cx: &Context<'_, '_>, span: Span, entity: usize, extraction: &Extraction) -> bool {
    let written = span.slice(cx.doc.text);
    extraction.entities.get(entity).is_some_and(|e| e.kind == EntityKind::Country)
        && written.chars().next().is_some_and(char::is_lowercase)
        && cx.doc.after(span.end).split_whitespace().next().is_some_and(|w| {
            let w = fold_case(w.trim_matches(|c: char| !c.is_alphanumeric()));
            ORIGIN_NOUNS.contains(&w.as_str())
        })
}

fn sentence_routes(cx: &Context<'_, '_>, statement: &Statement, extraction: &mut Extraction, halves: &mut Halves) {
    let mut stops: Vec<(Role, usize)> = Vec::new();
    for &(span, entity) in &statement.places {
        // A place inside an agency's name ("УФСБ по Астраханской области") is no stop.
        if cx.agency_spans.overlaps(span) && !cx.agencies.iter().any(|(a, _)| *a == span) {
            continue;
        }
        let role =
            if is_source(cx, span, entity, extraction) { Some(Role::Source) } else { role_of(cx, statement, span) };
        if let Some(role) = role {
            stops.push((role, entity));
        }
    }
    let of = |wanted: Role| stops.iter().filter(|(r, _)| *r == wanted).map(|(_, e)| *e).collect::<Vec<usize>>();
    let (sources, origins, vias, destinations) =
        (of(Role::Source), of(Role::Origin), of(Role::Via), of(Role::Destination));
    let evidence = statement.evidence;
    let substances = &statement.substances;
    if destinations.is_empty() {
        if !origins.is_empty() && mentions_any(&statement.lower, IMPORT) {
            for &origin in &origins {
                halves.origins.push((origin, evidence, substances.clone()));
            }
        }
        return;
    }
    if origins.is_empty() && sources.is_empty() {
        if mentions_any(&statement.lower, IMPORT) {
            for &destination in &destinations {
                halves.destinations.push((destination, evidence, substances.clone()));
            }
        }
        return;
    }
    for &destination in &destinations {
        for &origin in &origins {
            push_route(extraction, origin, destination, vias.clone(), substances, evidence);
        }
        // The source comes before every stop the sentence names.
        for &source in &sources {
            let mut via = origins.clone();
            for &v in &vias {
                push_unique(&mut via, v);
            }
            push_route(extraction, source, destination, via, substances, evidence);
        }
    }
}

fn push_route(
    extraction: &mut Extraction,
    origin: usize,
    destination: usize,
    via: Vec<usize>,
    substances: &[usize],
    evidence: Evidence,
) {
    if origin == destination {
        return;
    }
    let via = via.into_iter().filter(|v| *v != origin && *v != destination).collect();
    extraction.routes.push(Route {
        origin,
        destination,
        via,
        substances: substances.to_vec(),
        concealment: None,
        conveyance: None,
        evidence,
    });
}

/// One origin told without a destination and one destination told without an
/// origin, in the same report, make one route; more of either are not paired.
fn join_halves(halves: &Halves, extraction: &mut Extraction) {
    let distinct = |list: &[(usize, Evidence, Vec<usize>)]| {
        let mut ids: Vec<usize> = list.iter().map(|(e, _, _)| *e).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let (origins, destinations) = (distinct(&halves.origins), distinct(&halves.destinations));
    let ([origin], [destination]) = (origins.as_slice(), destinations.as_slice()) else { return };
    if extraction.routes.iter().any(|r| r.destination == *destination) {
        return;
    }
    let Some((_, evidence, substances)) = halves.destinations.first() else { return };
    let mut substances = substances.clone();
    for (_, _, more) in &halves.origins {
        for &s in more {
            push_unique(&mut substances, s);
        }
    }
    push_route(extraction, *origin, *destination, Vec::new(), &substances, *evidence);
}
