//! Routes: a movement verb in a sentence about drugs, each place given a role by
//! the cue before it or the list it belongs to.

use super::{Context, Placed, Statement, push_unique};
use crate::extract::Doc;
use crate::extract::words::facts::{
    CHAINED_CUES, CONCEALMENT_CUES, CONVEYANCES, CUE_BLOCKERS, DENIALS, DESTINATION_CUES, DRUG_NOUNS, IMPORT,
    INTERCEPTION, INTO_THE_COUNTRY, MOVEMENT, NOT_CUES, ORIGIN_CUES, PLANNED_MOVEMENT, VIA_CUES,
};
use crate::extract::words::mentions_any;
use crate::model::{EntityKey, EntityKind, Evidence, Extraction, Route, Span};

/// The routes of one sentence: one set per clause that states a movement.
pub(super) fn find(cx: &Context<'_, '_>, statement: &Statement, extraction: &mut Extraction) {
    for clause in clauses(cx.doc, statement.span) {
        let clause_lower = clause.slice(cx.doc.text).to_ascii_lowercase();
        if !mentions_any(&clause_lower, MOVEMENT) || mentions_any(&clause_lower, DENIALS) {
            continue;
        }
        let places: Vec<Placed> = statement.places.iter().copied().filter(|(s, _)| clause.contains(*s)).collect();
        let mut substances: Vec<usize> = super::within(&cx.substances, clause).iter().map(|(_, e)| *e).collect();
        substances.dedup();
        if substances.is_empty() {
            substances.clone_from(&statement.substances);
        }
        let clause_stops = stops(cx, (clause, &clause_lower), &places, extraction);
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
            let only_articles = words[end + 1..].iter().all(|w| {
                matches!(
                    *w,
                    "the"
                        | "a"
                        | "an"
                        | "mainly"
                        | "mostly"
                        | "partly"
                        | "northern"
                        | "southern"
                        | "eastern"
                        | "western"
                        | "central"
                        | "north"
                        | "south"
                        | "east"
                        | "west"
                )
            });
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
            // "to Russia and other European countries": the wider region continues the list.
            | "and other"
            | ", and other"
            | "and several other"
            | "and many other"
            | "as well as other"
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
    /// Its role comes from the list it continues ("from Italy and Poland"), not from a cue of its own.
    listed: bool,
    /// Named as where drugs were seized ("seized in British Columbia"): where a
    /// planned movement starts when the sentence names no origin.
    seized_in: bool,
    /// In the report's own country (the country itself included).
    at_home: bool,
    /// Holds the transit site before it ("the El Dorado International Airport,
    /// in Bogota"): where a movement with no stated origin starts.
    hosts_via: bool,
    /// The place the sentence calls a transit country ("Iran is a transit route
    /// for opiates smuggled from Afghanistan to Turkey"): drugs reach it, so the
    /// leg from a stated origin into it is a route too.
    entered: bool,
    /// A world region or bloc ("Europe", "Central Asia"), which "the continent" may name.
    wide: bool,
    /// Where it is written, from the start of the clause.
    offset: usize,
    /// A listed place right before "from" ("... from Albania and Portugal from
    /// Angola"): the destination of a new movement, not another origin.
    starts_pair: bool,
    /// Where a traveller or load was stopped on arrival ("intercepted at
    /// Gatwick Airport"): the destination of a movement that arrives.
    stopped_at: bool,
}

/// Reads the places of a sentence in order and gives each a role.
/// `clause` is the span and its lowercased text.
fn stops(cx: &Context<'_, '_>, clause: (Span, &str), places: &[Placed], extraction: &Extraction) -> Vec<Stop> {
    let (sentence, sentence_lower) = clause;
    let doc = cx.doc;
    let mut out: Vec<Stop> = Vec::new();
    let mut previous_end = sentence.start;
    let mut previous_role = Role::None;
    // "between Afghanistan's harvests and the markets of Russia": after a
    // "between" origin, the place past the next "and" is the destination.
    let mut between_open = false;
    // "intercepted at Heathrow following his arrival from Accra": people who are
    // stopped with drugs carried them; their arrival is the drugs' movement.
    let intercepted = mentions_any(sentence_lower, INTERCEPTION);
    // Only "the continent" asks which places are world regions (a gazetteer lookup).
    let mentions_continent = sentence_lower.contains("the continent");
    for &(span, entity) in places {
        if span.start < previous_end || cx.agency_spans.contains(span) || doc.is_dateline(span) {
            continue;
        }
        let between = doc.between(previous_end, span.start);
        let lower_between = between.to_ascii_lowercase();
        let continues = previous_end > sentence.start && is_list_separator(between);
        // "the Apure Department of Venezuela", "Meta, Colombia", "the Golden Triangle
        // in Myanmar": a place's country names the same place at another level.
        let qualifies_previous = out.last().is_some_and(|previous| {
            let (Some(previous), Some(this)) =
                (extraction.entities.get(previous.entity), extraction.entities.get(entity))
            else {
                return false;
            };
            let same_country = previous.country.is_some() && previous.country == this.country;
            let inside =
                matches!(lower_between.trim(), "in" | "in the") && (same_country || previous.country.is_none());
            this.kind == EntityKind::Country
                && previous.kind != EntityKind::Country
                && (matches!(lower_between.trim(), "of" | ",") && same_country || inside)
        });
        // "through the El Dorado International Airport, in Bogota": the city that
        // holds a transit site is where a movement with no stated origin leaves from.
        let hosts_via = previous_role == Role::Via
            && matches!(lower_between.trim(), ", in" | ", in the")
            && extraction
                .entities
                .get(entity)
                .is_some_and(|e| matches!(e.kind, EntityKind::City | EntityKind::Country));
        let mut role = if continues || qualifies_previous { previous_role } else { role_before(between) };
        if hosts_via {
            role = Role::None;
        }
        // "Callers to talkback radio in Melbourne": a bare "to" leads to a
        // destination only after something that moves ("smuggled to", "a shipment
        // of heroin to"), not after any noun.
        if role == Role::Destination && !continues && bare_to(&lower_between) {
            let clause_head = doc.between(sentence.start, span.start).to_ascii_lowercase();
            let cue = clause_head.rfind(" to ").unwrap_or(clause_head.len());
            let head = &clause_head[..cue];
            let moved = mentions_any(head, MOVEMENT)
                || mentions_any(head, DRUG_NOUNS)
                || !super::within(&cx.substances, Span::new(sentence.start, sentence.start + cue)).is_empty();
            if !moved {
                role = Role::None;
            }
        }
        if between_open && !continues && role != Role::Via && lower_between.contains(" and ") {
            role = Role::Destination;
            between_open = false;
        }
        if role == Role::Origin && ends_with_word(&lower_between, "between") {
            between_open = true;
        }
        // What follows the place, within a few words ("-bound", "origin"):
        // bounded, since a sentence may list thousands of places.
        let after = doc.window_after(span.end, 96.min(sentence.end.saturating_sub(span.end))).to_ascii_lowercase();
        if after.starts_with("-bound") {
            role = Role::Destination;
        }
        if after.trim_start().starts_with("origin") && lower_between.trim_end().ends_with("of") {
            role = Role::Origin;
        }
        // "Kyrgyzstan lies along a transit route for drugs moving from ...": the
        // place the sentence is about is on the way.
        let mut entered = false;
        if role == Role::None && names_a_transit_place(&after) {
            role = Role::Via;
            entered = true;
            // "Brazil, Venezuela and Ecuador were transit countries": the whole list is.
            if continues {
                for previous in out.iter_mut().rev() {
                    if previous.role == Role::None {
                        previous.role = Role::Via;
                        previous.entered = true;
                    }
                    if !previous.listed {
                        break;
                    }
                }
            }
        }
        // "Tahir Mahmood, aged 53, from Stourbridge,": where a person lives, not
        // where drugs come from; "arrived in New York from Liberia": people moved.
        let lead =
            doc.window_before(span.start, 96.min(span.start.saturating_sub(sentence.start))).to_ascii_lowercase();
        if role != Role::None && (is_residence(cx, sentence, span) || !intercepted && moves_people(&lead)) {
            role = Role::None;
        }
        // "from French Jeanne d'Arc Mission": a demonym before a proper name is an adjective.
        if role != Role::None && is_demonym(extraction, entity, span, doc) && proper_name_follows(doc, span) {
            role = Role::None;
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
        // "reaches Greece from Albania and Portugal from Angola": a listed place with
        // its own "from" after it is where the next movement goes.
        let starts_pair = continues && role == Role::Origin && after.trim_start().starts_with("from ");
        if starts_pair {
            role = Role::Destination;
        }
        let chained = mentions_any(&lower_between, CHAINED_CUES);
        // "seized in Belgium, Germany and France": the whole list is where drugs were seized.
        let seized_in = role == Role::None
            && (is_seizure_place(&lead) || continues && out.last().is_some_and(|previous| previous.seized_in));
        let stopped_at = role == Role::None && intercepted && is_stop_place(&lead);
        if qualifies_previous {
            // A qualifying country names the same place at another level: keep the finer one only.
            previous_end = span.end;
            continue;
        }
        let at_home = cx.doc.main_country().is_some()
            && extraction.entities.get(entity).and_then(|e| e.country.as_deref()) == cx.doc.main_country();
        let wide = mentions_continent
            && extraction.entities.get(entity).is_some_and(|e| match &e.key {
                EntityKey::Region(id) => {
                    doc.gaz.region(id).is_some_and(|r| r.kind == crate::extract::gazetteer::RegionKind::Supranational)
                }
                _ => false,
            });
        let offset = span.start - sentence.start;
        out.push(Stop {
            entity,
            role,
            weak,
            chained,
            listed: continues,
            seized_in,
            at_home,
            stopped_at,
            starts_pair,
            hosts_via,
            entered,
            wide,
            offset,
        });
        previous_role = role;
        previous_end = span.end;
    }
    out
}

/// True when the cue before a place is a plain "to" (not "bound for", "into"...).
fn bare_to(lower_between: &str) -> bool {
    let words: Vec<&str> =
        lower_between.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    words.iter().rev().take(6).any(|w| *w == "to") && !words.iter().rev().take(6).any(|w| *w == "into")
}

fn ends_with_word(lower: &str, word: &str) -> bool {
    let trimmed = lower.trim_end().trim_end_matches(" the").trim_end();
    trimmed.ends_with(word)
        && trimmed[..trimmed.len() - word.len()].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

/// "is a major transit route for", "lies along a significant transit route",
/// "is located on one of the trafficking routes": the words after a place
/// make it a transit place.
fn names_a_transit_place(after: &str) -> bool {
    const LINKS: &[&str] = &[
        " is ",
        " are ",
        " was ",
        " were ",
        " lies ",
        " remains ",
        " serves as ",
        " located ",
        " sits ",
        " has become ",
        " have become ",
        " has been ",
        " have been ",
    ];
    const ROUTES: &[&str] = &[
        "transit route",
        "transit country",
        "transit countries",
        "transit point",
        "transit hub",
        "transit zone",
        "transshipment",
        "trans-shipment",
        "trafficking route",
        "smuggling route",
        "drug route",
    ];
    // ", in particular, were reported as transit countries": an aside before the verb passes.
    let after = match after.strip_prefix(',').and_then(|rest| rest.split_once(',')) {
        Some((aside, rest)) if aside.split_whitespace().count() <= 3 => rest,
        _ => after,
    };
    let words: Vec<&str> = after.split_whitespace().take(12).collect();
    let near = format!(" {} ", words.join(" "));
    LINKS.iter().any(|l| near.starts_with(l) || near.starts_with(&format!(" also{l}")))
        && ROUTES.iter().any(|r| near.contains(r))
}

/// True when the place follows ", from" after a person's name or age: where
/// the person is from ("Tahir Mahmood, aged 53, from Stourbridge").
fn is_residence(cx: &Context<'_, '_>, sentence: Span, span: Span) -> bool {
    let before = cx.doc.window_before(span.start, 64.min(span.start.saturating_sub(sentence.start)));
    let lower = before.to_ascii_lowercase();
    let Some(head) = lower.trim_end().strip_suffix("from").or_else(|| lower.trim_end().strip_suffix("from the")) else {
        return false;
    };
    let head = head.trim_end();
    let Some(head) = head.strip_suffix(',') else { return false };
    let head = head.trim_end();
    // ", aged 53," or ", 53,"
    let age = head.rsplit(',').next().is_some_and(|part| {
        let part = part.trim();
        let part = part.strip_prefix("aged").unwrap_or(part).trim();
        !part.is_empty() && part.len() <= 3 && part.chars().all(|c| c.is_ascii_digit())
    });
    // A person's mention ends right before ", from".
    let person_end = span.start - (before.len() - head.len());
    let person = cx.persons.iter().any(|(p, _)| p.end == person_end);
    age || person
}

/// True when the verb the cue belongs to moves people, not drugs: "arrived in
/// New York from Liberia", "were extradited from Colombia", "flew to Urumqi".
/// `lead` is the text just before the place.
fn moves_people(lead: &str) -> bool {
    const PEOPLE_VERBS: &[&str] = &[
        "arrived",
        "extradited",
        "deported",
        "expelled",
        "transferred",
        "travelled",
        "traveled",
        "flew",
        "fled",
        "returned",
        "escaped",
        "relocated",
        "emigrated",
    ];
    let words: Vec<&str> = lead.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let recent = &words[words.len().saturating_sub(12)..];
    let Some(verb) = recent.iter().rposition(|w| PEOPLE_VERBS.contains(w)) else { return false };
    // A drug verb after the people verb governs the cue instead ("flew in and smuggled heroin to").
    !recent[verb + 1..].iter().any(|w| MOVEMENT.iter().any(|m| w.starts_with(m)))
}

/// True when the words before a place say drugs were seized there: "seized
/// in", "the seizure of 300 kg of cocaine in", "found at the port of".
/// `lead` is the lowercased text just before the place.
fn is_seizure_place(lead: &str) -> bool {
    // Most places follow no "in"/"at" (or "the", "of" after one): a cheap test first.
    let tail = lead.trim_end();
    if ![" in", " at", " the", " of"].iter().any(|end| tail.ends_with(end)) {
        return false;
    }
    const SEIZED: &[&str] =
        &["seized", "seizure", "seizures", "found", "discovered", "intercepted", "detected", "uncovered"];
    // "in British Columbia", "at the port of Vancouver": only articles and place nouns after the preposition.
    const PLACE_WORDS: &[&str] = &["the", "port", "of", "city", "province", "region", "state", "airport"];
    verb_then_preposition(lead, &["in", "at"], PLACE_WORDS, 10, |w| SEIZED.contains(&w))
}

/// True when the words before a place say someone was stopped there:
/// "intercepted by officers at", "on arrival at", "stopped at the port of".
fn is_stop_place(lead: &str) -> bool {
    verb_then_preposition(lead, &["at"], &["the", "port", "of"], 8, |w| {
        INTERCEPTION.contains(&w) || w.starts_with("arriv")
    })
}

/// The shape both rules above read: a preposition (the last in `lead`) with
/// only `place_words` after it, and a word `verb` accepts within `window`
/// words before it.
fn verb_then_preposition(
    lead: &str,
    prepositions: &[&str],
    place_words: &[&str],
    window: usize,
    verb: impl Fn(&str) -> bool,
) -> bool {
    let words: Vec<&str> = lead.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let Some(position) = words.iter().rposition(|w| prepositions.contains(w)) else { return false };
    let tail_is_place = words[position + 1..].iter().all(|w| place_words.contains(w));
    tail_is_place && words[position.saturating_sub(window)..position].iter().any(|w| verb(w))
}

/// True when a capitalised word that is no place follows the span ("French Jeanne").
fn proper_name_follows(doc: &Doc<'_>, span: Span) -> bool {
    let next = doc.token_at_or_after(span.end);
    let Some(token) = doc.tokens.get(next) else { return false };
    doc.between(span.end, token.span.start) == " "
        && doc.word(next).chars().next().is_some_and(char::is_uppercase)
        && doc.matches_starting_at(token.span.start).next().is_none()
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
///
/// A sentence may state several movements one after another ("from the
/// Nordic countries to Finland and from Albania to Italy"): a new origin after
/// a destination starts a new movement, and each movement pairs only its own
/// origins and destinations.
fn routes(
    cx: &Context<'_, '_>,
    sentence: Span,
    stops: &[Stop],
    substances: &[usize],
    evidence: Evidence,
    extraction: &mut Extraction,
) {
    let lower = sentence.slice(cx.doc.text).to_ascii_lowercase();
    let mut segments: Vec<&[Stop]> = Vec::new();
    let mut start = 0;
    let (mut seen_origin, mut seen_destination) = (false, false);
    for (index, stop) in stops.iter().enumerate() {
        // A movement is complete once it has both ends; an origin after that starts
        // another ("into Kazakhstan from Italy" is still one).
        let new_origin = stop.role == Role::Origin && !stop.weak && !stop.listed;
        if (new_origin || stop.starts_pair) && seen_origin && seen_destination {
            segments.push(&stops[start..index]);
            start = index;
            (seen_origin, seen_destination) = (false, false);
        }
        seen_origin |= stop.role == Role::Origin;
        seen_destination |= stop.role == Role::Destination;
    }
    segments.push(&stops[start..]);
    let several = segments.len() > 1;
    for segment in segments {
        let Some(movement) = movement(cx, &lower, segment, several) else { continue };
        emit(cx, &movement, substances, evidence, extraction);
    }
}

/// The origins and destinations (each with the transit places that lead to
/// it) of one stated movement.
struct Movement {
    origins: Vec<usize>,
    destinations: Vec<(usize, Vec<usize>)>,
    /// Origins that stand in for an unstated one (the report's drug sources).
    implicit: bool,
}

fn movement(cx: &Context<'_, '_>, lower: &str, stops: &[Stop], several: bool) -> Option<Movement> {
    let (main_country, sources) = (cx.main_country, cx.sources.as_slice());
    let mut origins: Vec<usize> = Vec::new();
    let only_weak_origins = stops.iter().filter(|s| s.role == Role::Origin).all(|s| s.weak);
    let stated_origin = stops.iter().any(|s| s.role == Role::Origin && !s.weak);
    let stated_destination = stops.iter().any(|s| s.role == Role::Destination);
    // Destinations with the transit places that lead to each.
    let mut destinations: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut pending_vias: Vec<usize> = Vec::new();
    let mut first_via: Option<usize> = None;
    for stop in stops {
        match stop.role {
            Role::Origin => push_unique(&mut origins, stop.entity),
            Role::Via => {
                first_via.get_or_insert(stop.entity);
                push_unique(&mut pending_vias, stop.entity);
            }
            Role::Destination => {
                if destinations.iter().any(|(d, _)| *d == stop.entity) {
                    continue;
                }
                let mut vias = std::mem::take(&mut pending_vias);
                // "through Azerbaijan to Russia and the Baltic States": a list of
                // destinations shares the transit places before it.
                if stop.listed
                    && vias.is_empty()
                    && let Some((_, previous_vias)) = destinations.last()
                {
                    vias.clone_from(previous_vias);
                }
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
    // "the seizure of cocaine in British Columbia bound for export to Australia":
    // a planned movement with no origin starts where the drugs were seized, and an
    // export leaves the country too (the same movement at two levels).
    if origins.is_empty() && !destinations.is_empty() && mentions_any(lower, PLANNED_MOVEMENT) {
        let first_destination = stops.iter().position(|s| s.role == Role::Destination).unwrap_or(stops.len());
        for stop in stops[..first_destination].iter().filter(|s| s.seized_in) {
            push_unique(&mut origins, stop.entity);
        }
        if !origins.is_empty()
            && mentions_any(lower, &["export"])
            && let Some(main) = main_country
            && stops.iter().any(|s| s.seized_in && s.at_home && origins.contains(&s.entity))
        {
            push_unique(&mut origins, main);
        }
    }
    // "cocaine seized in Europe enters the continent from South America": "the
    // continent" is the last world region the sentence named before it.
    if destinations.is_empty()
        && let Some(cue) = ["enters the continent", "into the continent", "reaches the continent", "to the continent"]
            .iter()
            .find_map(|phrase| lower.find(phrase))
        && let Some(continent) = stops.iter().filter(|s| s.role == Role::None && s.offset < cue).rev().find(|s| s.wide)
    {
        destinations.push((continent.entity, std::mem::take(&mut pending_vias)));
    }
    // "Iran is a transit route for opiates smuggled from Afghanistan to Turkey":
    // the drugs enter Iran on the way, a leg of its own.
    if stated_origin && !destinations.is_empty() {
        for stop in stops.iter().filter(|s| s.entered) {
            if !destinations.iter().any(|(d, _)| *d == stop.entity) {
                destinations.push((stop.entity, Vec::new()));
            }
        }
    }
    // "Most cannabis seized in Belgium and France originates in the Netherlands":
    // where drugs of a stated origin are seized is where they went.
    if destinations.is_empty() && stated_origin {
        let first_origin = stops.iter().position(|s| s.role == Role::Origin).unwrap_or(0);
        for stop in stops[..first_origin].iter().filter(|s| s.seized_in) {
            destinations.push((stop.entity, Vec::new()));
        }
    }
    // "intercepted at Gatwick Airport following his arrival from Lagos": an
    // arrival with no stated destination ends where the traveller was stopped.
    if destinations.is_empty() && stated_origin && lower.contains("arriv") {
        for stop in stops.iter().filter(|s| s.stopped_at) {
            destinations.push((stop.entity, Vec::new()));
        }
    }
    // The report-wide fallbacks below read the whole sentence; where it states
    // several movements, each stands on its own.
    if !several {
        if destinations.is_empty()
            && mentions_any(lower, INTO_THE_COUNTRY)
            && let Some(main) = main_country
        {
            destinations.push((main, std::mem::take(&mut pending_vias)));
        }
        // "the transit of synthetic drugs from Europe": an import with no destination
        // comes into the report's own country.
        if destinations.is_empty()
            && !origins.is_empty()
            && mentions_any(lower, IMPORT)
            && let Some(main) = main_country.filter(|m| !origins.contains(m))
        {
            destinations.push((main, std::mem::take(&mut pending_vias)));
        }
        // "were to be transported to Russia through Kazakhstan": a planned onward movement
        // starts where the report's story is, its own country.
        if origins.is_empty()
            && mentions_any(lower, PLANNED_MOVEMENT)
            && sources.is_empty()
            && let Some(main) =
                main_country.filter(|m| !destinations.iter().any(|(d, vias)| d == m || vias.contains(m)))
        {
            origins.push(main);
        }
    }
    // "smuggled from Tajikistan through southern Kyrgyzstan": with no destination
    // named, the movement reaches at least its last transit place.
    if destinations.is_empty()
        && stated_origin
        && let Some(last) = pending_vias.pop()
    {
        destinations.push((last, std::mem::take(&mut pending_vias)));
    }
    // "The heroin was later imported into the United States": the report's source
    // countries are the origins when the sentence names none. A demonym ("Afghan
    // heroin") names one source; the report's other sources count too.
    let implicit = !several && only_weak_origins && !destinations.is_empty() && mentions_any(lower, IMPORT);
    if implicit {
        for &source in sources {
            push_unique(&mut origins, source);
        }
    }
    // "smuggled through the Kyrgyz Republic to markets in Kazakhstan": with no
    // origin named, the movement starts at least at its first transit place.
    if origins.is_empty()
        && stated_destination
        && let Some(host) = stops.iter().find(|s| s.hosts_via)
    {
        origins.push(host.entity);
    }
    if origins.is_empty()
        && stated_destination
        && let Some(first) = first_via
    {
        origins.push(first);
    }
    (!origins.is_empty() && !destinations.is_empty()).then_some(Movement { origins, destinations, implicit })
}

/// One route per origin and destination of a movement.
fn emit(
    cx: &Context<'_, '_>,
    movement: &Movement,
    substances: &[usize],
    evidence: Evidence,
    extraction: &mut Extraction,
) {
    let concealment = concealment(cx.doc, evidence.sentence);
    let conveyance = conveyance(&evidence.sentence.slice(cx.doc.text).to_ascii_lowercase());
    for &origin in &movement.origins {
        for (destination, vias) in &movement.destinations {
            if origin == *destination {
                continue;
            }
            if movement.implicit
                && extraction.routes.iter().any(|r| r.origin == origin && r.destination == *destination)
            {
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
    let dateline_country = places
        .iter()
        .find(|(span, _)| doc.is_dateline(*span))
        .and_then(|(_, entity)| extraction.entities.get(*entity))
        .and_then(|e| e.country.as_deref());
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
        // "Afghan heroin kingpin", "Afghan narcotics trafficker": the trafficker's
        // drugs come from his country.
        // A nationality in a list ("African, Colombian, and Russian traffickers")
        // says nothing of the drugs: the drug must be named between.
        let next_words = after.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        let drug_named = substance_follows(&cx.substance_starts, span, doc)
            || next_words.split(' ').next().is_some_and(|w| DRUG_NOUNS.iter().any(|d| w.starts_with(d)));
        // "MELBOURNE - ... a convicted Australian drug trafficker": nationals of the
        // country the report is filed from are couriers and buyers, not a source.
        let filed_from_here = dateline_country.is_some()
            && extraction.entities.get(entity).and_then(|e| e.country.as_deref()) == dateline_country;
        let demonym_trafficker = is_demonym(extraction, entity, span, doc)
            && drug_named
            && !filed_from_here
            && TRAFFICKERS.iter().any(|t| next_words.contains(t));
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
