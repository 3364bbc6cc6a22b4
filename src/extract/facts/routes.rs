//! Routes: a movement verb in a sentence about drugs, each place given a role by
//! the cue before it or the list it belongs to.

use super::{Context, Placed, Statement, push_unique};
use crate::extract::Doc;
use crate::extract::words::facts::{
    CHAINED_CUES, CONCEALMENT_CUES, CONVEYANCES, CUE_BLOCKERS, DESTINATION_CUES, IMPORT, INTO_THE_COUNTRY, MOVEMENT,
    NOT_CUES, ORIGIN_CUES, PLANNED_MOVEMENT, VIA_CUES,
};
use crate::extract::words::mentions_any;
use crate::model::{EntityKind, Evidence, Extraction, Route, Span};

/// The routes of one sentence: one set per clause that states a movement.
pub(super) fn find(cx: &Context<'_, '_>, statement: &Statement, extraction: &mut Extraction) {
    for clause in clauses(cx.doc, statement.span) {
        let clause_lower = clause.slice(cx.doc.text).to_ascii_lowercase();
        if !mentions_any(&clause_lower, MOVEMENT) {
            continue;
        }
        let places: Vec<Placed> = statement.places.iter().copied().filter(|(s, _)| clause.contains(*s)).collect();
        let mut substances: Vec<usize> = super::within(&cx.substances, clause).iter().map(|(_, e)| *e).collect();
        substances.dedup();
        if substances.is_empty() {
            substances.clone_from(&statement.substances);
        }
        let clause_stops = stops(cx, clause, &places, extraction);
        routes(cx, clause, &clause_stops, &substances, statement.evidence, extraction);
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Origin,
    Destination,
    Via,
    None,
}

/// Words that sit between a cue and its place without changing it
/// ("from production laboratories outside Meta", "to storage facilities in Apure").
fn transparent(word: &str) -> bool {
    !CUE_BLOCKERS.contains(&word) && word.len() > 1 || matches!(word, "a")
}

/// The role the words before a place give it: the nearest cue within a few
/// words, looking back over nouns and "in"/"near"/"outside" phrases but not
/// over verbs that start another statement.
fn role_before(between: &str) -> Role {
    let lower = between.to_ascii_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    // Try the longest cue ending at each position, nearest position first.
    for end in (0..words.len()).rev().take(12) {
        let head = &words[..=end];
        let joined = head.join(" ");
        let ends = |cues: &[&str]| {
            cues.iter().any(|c| {
                joined.ends_with(c)
                    && (joined.len() == c.len() || joined.as_bytes()[joined.len() - c.len() - 1] == b' ')
            })
        };
        if ends(NOT_CUES) {
            return Role::None;
        }
        // Phrases first ("produced in" before "in", "en route to" before "to").
        if ends(ORIGIN_CUES) {
            return Role::Origin;
        }
        if ends(VIA_CUES) {
            // A transit place follows its cue closely ("via the Caspian Sea", "through
            // Tajikistan"); "through online shops in Kazakhstan" is not transit.
            let gap = words.len() - 1 - end;
            let only_articles =
                words[end + 1..].iter().all(|w| matches!(*w, "the" | "a" | "an" | "mainly" | "mostly" | "partly"));
            return if gap <= 2 && only_articles { Role::Via } else { Role::None };
        }
        if ends(DESTINATION_CUES) {
            return Role::Destination;
        }
        // "to the port of Algeciras", "from the city of Osh": "of" after a place noun passes.
        let of_place = words[end] == "of"
            && end > 0
            && matches!(
                words[end - 1],
                "port"
                    | "city"
                    | "town"
                    | "village"
                    | "region"
                    | "province"
                    | "district"
                    | "airport"
                    | "state"
                    | "island"
                    | "capital"
                    | "outskirts"
            );
        if !transparent(words[end]) && !of_place {
            return Role::None;
        }
    }
    Role::None
}

/// True when only a list separator stands between two places (", ", " and ",
/// ", or ", "and elsewhere in").
fn is_list_separator(between: &str) -> bool {
    let trimmed = between.trim().to_ascii_lowercase();
    let trimmed = trimmed.trim_end_matches(" the").trim_end_matches(',').trim();
    matches!(
        trimmed,
        "," | "and"
            | ", and"
            | "or"
            | ", or"
            | "&"
            | "/"
            | "as well as"
            | ", as well as"
            | "and elsewhere in"
            | "and other parts of"
            | "and throughout"
            | ""
    )
}

/// One place of a route sentence with the role the words give it.
struct Stop {
    entity: usize,
    role: Role,
    /// The role comes from a demonym before a substance ("Afghan heroin"), not from a cue.
    weak: bool,
    /// Introduced by "ultimately", "en route to", "eventually": a later, final destination.
    chained: bool,
}

/// Reads the places of a sentence in order and gives each a role.
fn stops(cx: &Context<'_, '_>, sentence: Span, places: &[Placed], extraction: &Extraction) -> Vec<Stop> {
    let doc = cx.doc;
    let mut out: Vec<Stop> = Vec::new();
    let mut previous_end = sentence.start;
    let mut previous_role = Role::None;
    for &(span, entity) in places {
        if span.start < previous_end || cx.agency_spans.contains(span) || doc.is_dateline(span) {
            continue;
        }
        let between = doc.between(previous_end, span.start);
        let lower_between = between.to_ascii_lowercase();
        let continues = previous_end > sentence.start && is_list_separator(between);
        // "the Apure Department of Venezuela", "Meta, Colombia": a place's country shares its role.
        let qualifies_previous = out.last().is_some_and(|previous| {
            let (Some(previous), Some(this)) =
                (extraction.entities.get(previous.entity), extraction.entities.get(entity))
            else {
                return false;
            };
            matches!(lower_between.trim(), "of" | ",")
                && this.kind == EntityKind::Country
                && previous.kind != EntityKind::Country
                && previous.country.is_some()
                && previous.country == this.country
        });
        let mut role = if continues || qualifies_previous { previous_role } else { role_before(between) };
        // What follows the place, within a few words ("-bound", "origin"):
        // bounded, since a sentence may list thousands of places.
        let after = doc.window_after(span.end, 48.min(sentence.end.saturating_sub(span.end))).to_ascii_lowercase();
        if after.starts_with("-bound") {
            role = Role::Destination;
        }
        if after.trim_start().starts_with("origin") && lower_between.trim_end().ends_with("of") {
            role = Role::Origin;
        }
        // "Afghan heroin smuggled to Russia": a demonym before a substance is where it comes from.
        let mut weak = false;
        if role == Role::None
            && is_demonym(extraction, entity, span, doc)
            && substance_follows(&cx.substance_starts, span, doc)
        {
            role = Role::Origin;
            weak = true;
        }
        let chained = mentions_any(&lower_between, CHAINED_CUES);
        if qualifies_previous {
            // A qualifying country names the same place at another level: keep the finer one only.
            previous_end = span.end;
            continue;
        }
        out.push(Stop { entity, role, weak, chained });
        previous_role = role;
        previous_end = span.end;
    }
    out
}

fn is_demonym(extraction: &Extraction, entity: usize, span: Span, doc: &Doc<'_>) -> bool {
    let Some(country) = extraction.entities.get(entity).filter(|e| e.kind == EntityKind::Country) else { return false };
    let written = span.slice(doc.text);
    written != country.label
        && !country.aliases.iter().any(|a| a == written && a.split_whitespace().count() > 1)
        && doc
            .gaz
            .countries
            .iter()
            .any(|c| c.label == country.label && c.demonyms.iter().any(|d| written.starts_with(d.as_str())))
}

/// True when a substance mention starts right after `span` (past spaces);
/// `substance_starts` is sorted.
fn substance_follows(substance_starts: &[usize], span: Span, doc: &Doc<'_>) -> bool {
    let rest = doc.window_after(span.end, 16);
    let offset = span.end + (rest.len() - rest.trim_start().len());
    substance_starts.binary_search(&offset).is_ok()
}

/// Splits a sentence into clauses that state separate movements
/// ("..., while synthetic drugs are produced inside the region").
fn clauses(doc: &Doc<'_>, sentence: Span) -> Vec<Span> {
    const BREAKS: &[&str] = &[
        "; ",
        ", while ",
        ", whereas ",
        ", but ",
        " while ",
        ", and the finished",
        ", and the ",
        ", with less",
        ", with more",
        ", with the rest",
    ];
    let text = sentence.slice(doc.text);
    let lower = text.to_ascii_lowercase();
    let mut cuts: Vec<usize> = Vec::new();
    for marker in BREAKS {
        for (position, _) in lower.match_indices(marker) {
            cuts.push(position + 1);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut start = 0;
    for cut in cuts {
        if cut > start {
            out.push(Span::new(sentence.start + start, sentence.start + cut));
            start = cut;
        }
    }
    out.push(Span::new(sentence.start + start, sentence.end));
    out
}

/// Builds the routes of one sentence from its stops.
fn routes(
    cx: &Context<'_, '_>,
    sentence: Span,
    stops: &[Stop],
    substances: &[usize],
    evidence: Evidence,
    extraction: &mut Extraction,
) {
    let (doc, main_country, sources) = (cx.doc, cx.main_country, cx.sources.as_slice());
    let lower = sentence.slice(doc.text).to_ascii_lowercase();
    let mut origins: Vec<usize> = Vec::new();
    let only_weak_origins = stops.iter().filter(|s| s.role == Role::Origin).all(|s| s.weak);
    // Destinations with the transit places that lead to each.
    let mut destinations: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut pending_vias: Vec<usize> = Vec::new();
    for stop in stops {
        match stop.role {
            Role::Origin => push_unique(&mut origins, stop.entity),
            Role::Via => push_unique(&mut pending_vias, stop.entity),
            Role::Destination => {
                if destinations.iter().any(|(d, _)| *d == stop.entity) {
                    continue;
                }
                let mut vias = std::mem::take(&mut pending_vias);
                // "to Mexico and ultimately into the United States": Mexico is on the way.
                if stop.chained
                    && let Some((previous, previous_vias)) = destinations.pop()
                {
                    let mut chain = previous_vias;
                    chain.push(previous);
                    chain.extend(vias);
                    vias = chain;
                }
                destinations.push((stop.entity, vias));
            }
            Role::None => {}
        }
    }
    // Transit places named after the last destination lead to it ("... intended for Russia via Kyrgyzstan").
    if !pending_vias.is_empty()
        && let Some((_, vias)) = destinations.last_mut()
    {
        for via in pending_vias.drain(..) {
            push_unique(vias, via);
        }
    }
    if destinations.is_empty()
        && mentions_any(&lower, INTO_THE_COUNTRY)
        && let Some(main) = main_country
    {
        destinations.push((main, std::mem::take(&mut pending_vias)));
    }
    // "the transit of synthetic drugs from Europe": an import with no destination
    // comes into the report's own country.
    if destinations.is_empty()
        && !origins.is_empty()
        && mentions_any(&lower, IMPORT)
        && let Some(main) = main_country.filter(|m| !origins.contains(m))
    {
        destinations.push((main, std::mem::take(&mut pending_vias)));
    }
    // "were to be transported to Russia through Kazakhstan": a planned onward movement
    // starts where the report's story is, its own country.
    if origins.is_empty()
        && mentions_any(&lower, PLANNED_MOVEMENT)
        && sources.is_empty()
        && let Some(main) = main_country.filter(|m| !destinations.iter().any(|(d, vias)| d == m || vias.contains(m)))
    {
        origins.push(main);
    }
    // "The heroin was later imported into the United States": the report's source
    // countries are the origins when the sentence names none. A demonym ("Afghan
    // heroin") names one source; the report's other sources count too.
    let implicit = only_weak_origins && !destinations.is_empty() && mentions_any(&lower, IMPORT);
    if implicit {
        for &source in sources {
            push_unique(&mut origins, source);
        }
    }
    if origins.is_empty() || destinations.is_empty() {
        return;
    }
    let concealment = concealment(doc, evidence.sentence);
    let conveyance = conveyance(&evidence.sentence.slice(doc.text).to_ascii_lowercase());
    for &origin in &origins {
        for (destination, vias) in &destinations {
            if origin == *destination {
                continue;
            }
            if implicit && extraction.routes.iter().any(|r| r.origin == origin && r.destination == *destination) {
                continue;
            }
            let via: Vec<usize> = vias.iter().copied().filter(|v| *v != origin && v != destination).collect();
            extraction.routes.push(Route {
                origin,
                destination: *destination,
                via,
                substances: substances.to_vec(),
                concealment: concealment.clone(),
                conveyance: conveyance.clone(),
                evidence,
            });
        }
    }
}

/// Countries the report gives as sources of drugs: where drugs are produced
/// ("laboratories in Afghanistan", "heroin in Afghanistan and Pakistan" with
/// manufacturing), where traffickers come from ("Afghan heroin kingpin",
/// "defendants from Mexico"), and the origins of its explicit routes.
pub(super) fn source_countries(cx: &Context<'_, '_>, extraction: &Extraction) -> Vec<usize> {
    let (doc, places) = (cx.doc, cx.places.as_slice());
    const PRODUCTION: &[&str] =
        &["manufactur", "produc", "laborator", "fields", "cultivat", "grown", "processing", "refin"];
    const TRAFFICKERS: &[&str] = &[
        "kingpin",
        "trafficker",
        "drug lord",
        "narcotics trafficker",
        "heroin trafficker",
        "cartel",
        "drug trafficking organization",
    ];
    const WINDOW_BYTES: usize = 240;
    let mut out: Vec<usize> = Vec::new();
    for &(span, entity) in places {
        if extraction.entities.get(entity).is_none_or(|e| e.kind != EntityKind::Country) {
            continue;
        }
        let sentence = doc.sentence_of(span.start);
        // A few words each side of the place, bounded: a sentence may list
        // thousands of places, and each cue below is within 14 words of it.
        let after =
            doc.window_after(span.end, WINDOW_BYTES.min(sentence.end.saturating_sub(span.end))).to_ascii_lowercase();
        let before = doc
            .window_before(span.start, WINDOW_BYTES.min(span.start.saturating_sub(sentence.start)))
            .to_ascii_lowercase();
        // A production word shortly before the place, which follows "in" (or a list
        // after "in"): "manufacturing ... heroin in Afghanistan and Pakistan".
        let production = PRODUCTION.iter().filter_map(|w| before.rfind(w)).max().is_some_and(|at| {
            let between = &before[at..];
            between.split_whitespace().count() <= 14
                && (between.contains(" in ") || between.contains(" in\n"))
                && !between.contains(';')
                && !between.contains(" while ")
        }) || PRODUCTION.iter().any(|w| after.trim_start().starts_with("'s") && after.contains(w));
        let demonym_trafficker = is_demonym(extraction, entity, span, doc)
            && TRAFFICKERS.iter().any(|t| after.split_whitespace().take(3).collect::<Vec<_>>().join(" ").contains(t));
        let defendants_from =
            ["defendants from", "defendant from", "traffickers from", "kingpins from", "fugitives from"]
                .iter()
                .any(|p| before.trim_end().ends_with(p));
        if production || demonym_trafficker || defendants_from {
            push_unique(&mut out, entity);
        }
    }
    out
}

/// Routes with the same ends and transit places in one report are one route,
/// with the substances of all the sentences that state it.
pub(super) fn merge_routes(routes: &mut Vec<Route>) {
    let mut merged: Vec<Route> = Vec::new();
    // Routes with transit places first, so that the same ends stated without them
    // ("bound for Kazakhstan" in a headline) join the fuller statement.
    let mut ordered: Vec<Route> = std::mem::take(routes);
    ordered.sort_by_key(|r| std::cmp::Reverse(r.via.len()));
    for route in ordered {
        match merged.iter_mut().find(|r| {
            r.origin == route.origin
                && r.destination == route.destination
                && (r.via == route.via || route.via.is_empty())
        }) {
            Some(existing) => {
                for substance in route.substances {
                    push_unique(&mut existing.substances, substance);
                }
                if existing.concealment.is_none() {
                    existing.concealment = route.concealment;
                }
                if existing.conveyance.is_none() {
                    existing.conveyance = route.conveyance;
                }
            }
            None => merged.push(route),
        }
    }
    // Back in the order the report states them.
    merged.sort_by_key(|r| r.evidence.span.start);
    *routes = merged;
}

/// "hidden in coffee capsules", "disguised as coffee": how the drugs were hidden.
fn concealment(doc: &Doc<'_>, sentence: Span) -> Option<String> {
    let text = sentence.slice(doc.text);
    let lower = text.to_ascii_lowercase();
    for cue in CONCEALMENT_CUES {
        let Some(position) = lower.find(cue) else { continue };
        let rest = &text[position + cue.len()..];
        let words: Vec<&str> =
            rest.split_whitespace().take_while(|w| !w.ends_with([',', '.', ';']) || w.len() > 1).take(5).collect();
        let mut phrase: Vec<&str> = Vec::new();
        for word in words {
            let clean = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            if matches!(
                clean.to_ascii_lowercase().as_str(),
                "sent"
                    | "shipped"
                    | "mailed"
                    | "posted"
                    | "delivered"
                    | "carried"
                    | "transported"
                    | "smuggled"
                    | "brought"
                    | "found"
                    | "seized"
                    | "for"
                    | "as"
                    | "and"
                    | "by"
                    | "from"
                    | "to"
                    | "into"
                    | "at"
                    | "in"
                    | "on"
                    | "with"
                    | "which"
                    | "that"
                    | "were"
                    | "was"
            ) {
                break;
            }
            phrase.push(clean);
            if word.ends_with([',', '.', ';']) {
                break;
            }
        }
        while phrase
            .first()
            .is_some_and(|w| matches!(w.to_ascii_lowercase().as_str(), "a" | "an" | "the" | "its" | "their"))
        {
            phrase.remove(0);
        }
        if !phrase.is_empty() {
            return Some(phrase.join(" ").to_ascii_lowercase());
        }
    }
    None
}

fn conveyance(lower: &str) -> Option<String> {
    CONVEYANCES
        .iter()
        .find(|word| {
            lower.match_indices(*word).any(|(i, _)| {
                let before = lower[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let after = lower[i + word.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                before && after
            })
        })
        .map(|word| (*word).to_owned())
}
