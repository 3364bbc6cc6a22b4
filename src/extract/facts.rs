//! Facts: trafficking routes, seizures, arrests, cooperation and dates, read
//! sentence by sentence from the entities already found.
//!
//! Routes come from a movement verb ("smuggled", "imported", "shipped",
//! "destined") in a sentence about drugs, with each place's role given by the
//! word that introduces it or the list it belongs to: "from" (origin), "into",
//! "to", "bound for", "-bound", "destined for" (destination), "via", "through",
//! "across" (transit), "of Afghan origin" (origin). "Into the country" is the
//! report's own country.

use super::Doc;
use super::quantities;
use super::text::SpanSet;
use crate::dates::{format_ymd, month_number};
use crate::model::{
    Arrest, Cooperation, DateMention, EntityKind, Evidence, Extraction, Quantity, Route, Seizure, Span,
};

/// Stems of verbs and nouns that move drugs between places.
const MOVEMENT: &[&str] = &[
    "enter",
    "smuggl",
    "import",
    "export",
    "ship",
    "traffick",
    "transport",
    "carri",
    "carry",
    "brought",
    "bring",
    "deliver",
    "moved",
    "moving",
    "sent",
    "transit",
    "route",
    "bound",
    "destined",
    "originat",
    "supplied",
    "supply",
    "supplies",
    "channel",
    "flow",
    "distribution",
    "distribut",
    "flown",
    "fly the",
    "entering",
    "entered",
    "coming from",
    "came from",
    "headed",
    "heading",
    "trade",
    "transfer",
    "courier",
    "inflow",
    "reach",
    "arriv",
    "went",
    "travel",
];

/// Words that make a sentence about drugs even when it names no substance.
const DRUG_NOUNS: &[&str] = &[
    "drug",
    "narcotic",
    "shipment",
    "consignment",
    "cargo",
    "contraband",
    "load",
    "psychotropic",
    "heroin",
    "cocaine",
    "opium",
    "hashish",
    "cannabis",
    "pills",
    "tablets",
    "parcels",
];

/// Verbs of seizing.
const SEIZURE: &[&str] = &[
    "seiz",
    "confiscat",
    "intercept",
    "discovered",
    "found",
    "recovered",
    "removed from circulation",
    "detected",
    "uncovered",
    "impounded",
    "captured",
];

/// Verbs of arresting.
const ARREST: &[&str] = &[
    "arrest",
    "detained",
    "detain",
    "apprehended",
    "taken into custody",
    "extradit",
    "caught",
    "nabbed",
    "custody of",
];

/// Phrases of working together.
const COOPERATION: &[&str] = &[
    "in cooperation with",
    "in collaboration with",
    "jointly with",
    "joint operation",
    "with the assistance of",
    "with the help of",
    "together with",
    "assistance of",
    "cooperation of",
    "provided substantial assistance",
    "in partnership with",
    "partners",
    "cooperation with",
    "joint investigation",
    "colleagues in",
];

/// Words naming how drugs were hidden, looked for after "hidden in", "disguised as".
const CONCEALMENT_CUES: &[&str] = &[
    "hidden in",
    "hidden within",
    "hidden inside",
    "concealed in",
    "concealed within",
    "concealed inside",
    "disguised as",
    "stashed in",
    "packed in",
];

/// Ways drugs travel.
const CONVEYANCES: &[&str] = &[
    "go-fast boats",
    "go-fast boat",
    "semi-tractor trailer trucks",
    "semi-trailer",
    "trucks",
    "truck",
    "lorry",
    "lorries",
    "passenger vehicles",
    "vehicle",
    "vehicles",
    "car",
    "cars",
    "parcel",
    "parcels",
    "postal",
    "mail",
    "container",
    "containers",
    "courier",
    "couriers",
    "ship",
    "ships",
    "vessel",
    "freighter",
    "boat",
    "boats",
    "aircraft",
    "airplanes",
    "planes",
    "jets",
    "train",
    "trains",
    "suitcase",
    "suitcases",
    "luggage",
    "railway",
    "drone",
    "drones",
    "submarine",
    "semi-submersible",
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Origin,
    Destination,
    Via,
    None,
}

pub(super) fn find(doc: &Doc<'_>, extraction: &mut Extraction) {
    let places: Vec<(Span, usize)> = mentions_of(extraction, |k| k.is_place());
    let substances: Vec<(Span, usize)> = mentions_of(extraction, |k| k == EntityKind::Substance);
    let agencies: Vec<(Span, usize)> = mentions_of(extraction, |k| k == EntityKind::Agency);
    let persons: Vec<(Span, usize)> = mentions_of(extraction, |k| k == EntityKind::Person);
    let countries: Vec<(Span, usize)> = mentions_of(extraction, |k| k == EntityKind::Country);
    extraction.dates = dates(doc);
    let main_country = doc.main_country().and_then(|code| {
        extraction.entities.iter().position(|e| e.kind == EntityKind::Country && e.country.as_deref() == Some(code))
    });
    let agency_spans = SpanSet::new(agencies.iter().map(|(span, _)| *span));
    let substance_starts: Vec<usize> = substances.iter().map(|(span, _)| span.start).collect();
    let sources = source_countries(doc, extraction, &places);
    let mut previous_about_drugs = false;
    for sentence in &doc.sentences {
        let lower = sentence.slice(doc.text).to_ascii_lowercase();
        let in_sentence = |list: &[(Span, usize)]| -> Vec<(Span, usize)> { within(list, *sentence) };
        let sentence_places = in_sentence(&places);
        let sentence_substances = in_sentence(&substances);
        let sentence_agencies = in_sentence(&agencies);
        let evidence = Evidence { span: *sentence, sentence: *sentence };
        let mut substance_ids: Vec<usize> = sentence_substances.iter().map(|(_, e)| *e).collect();
        substance_ids.dedup();
        let drug_words = !substance_ids.is_empty() || mentions_any(&lower, DRUG_NOUNS);
        // "Most often they are smuggled into the country from ...": smuggling right
        // after a sentence about drugs is about those drugs.
        let drug_sentence =
            drug_words || previous_about_drugs && (lower.contains("smuggl") || lower.contains("traffick"));
        previous_about_drugs = drug_words;
        if drug_sentence && mentions_any(&lower, MOVEMENT) {
            for clause in clauses(doc, *sentence) {
                let clause_lower = clause.slice(doc.text).to_ascii_lowercase();
                if !mentions_any(&clause_lower, MOVEMENT) {
                    continue;
                }
                let clause_places: Vec<(Span, usize)> =
                    sentence_places.iter().copied().filter(|(s, _)| clause.contains(*s)).collect();
                let mut clause_substances: Vec<usize> =
                    sentence_substances.iter().filter(|(s, _)| clause.contains(*s)).map(|(_, e)| *e).collect();
                clause_substances.dedup();
                if clause_substances.is_empty() {
                    clause_substances = substance_ids.clone();
                }
                let clause_stops = stops(doc, clause, &clause_places, extraction, &agency_spans, &substance_starts);
                routes(doc, clause, &clause_stops, &clause_substances, main_country, &sources, evidence, extraction);
            }
        }
        if !substance_ids.is_empty() && mentions_any(&lower, SEIZURE) {
            seizures(doc, *sentence, &sentence_substances, &sentence_places, &sentence_agencies, evidence, extraction);
        }
        if mentions_any(&lower, ARREST) {
            let people: Vec<usize> = in_sentence(&persons).into_iter().map(|(_, e)| e).collect();
            let count = arrest_count(&lower);
            if !people.is_empty() || count.is_some() {
                let mut people = people;
                people.dedup();
                extraction.arrests.push(Arrest {
                    persons: people,
                    count,
                    agency: sentence_agencies.first().map(|(_, e)| *e),
                    location: located(doc, &sentence_places),
                    date: date_in(&extraction.dates, *sentence),
                    evidence,
                });
            }
        }
        if mentions_any(&lower, COOPERATION) {
            let mut parties: Vec<usize> = sentence_agencies.iter().map(|(_, e)| *e).collect();
            // "the Polish police": the country inside an agency's name is not a party of its own.
            parties.extend(
                in_sentence(&countries).iter().filter(|(span, _)| !agency_spans.contains(*span)).map(|(_, e)| *e),
            );
            if let Some(main) = main_country
                && !parties.is_empty()
                && !parties.contains(&main)
            {
                parties.push(main);
            }
            parties.sort_unstable();
            parties.dedup();
            if parties.len() >= 2 {
                extraction.cooperations.push(Cooperation { parties, evidence });
            }
        }
    }
    merge_routes(&mut extraction.routes);
    merge_seizures(&mut extraction.seizures);
}

/// The same seizure told twice (headline and body) is one seizure; a seizure
/// of a substance without a quantity adds nothing when another names one.
fn merge_seizures(seizures: &mut Vec<Seizure>) {
    let quantified: Vec<usize> =
        seizures.iter().filter(|s| s.quantity.is_some()).flat_map(|s| s.substances.iter().copied()).collect();
    let mut kept: Vec<Seizure> = Vec::new();
    for seizure in seizures.drain(..) {
        if seizure.quantity.is_none() && seizure.substances.iter().all(|s| quantified.contains(s)) {
            continue;
        }
        let same = kept.iter_mut().find(|k| {
            k.substances == seizure.substances
                && match (&k.quantity, &seizure.quantity) {
                    (Some(a), Some(b)) => a.min_kg == b.min_kg && a.max_kg == b.max_kg && a.count == b.count,
                    (None, None) => true,
                    _ => false,
                }
        });
        match same {
            Some(existing) => {
                existing.location = existing.location.or(seizure.location);
                existing.agency = existing.agency.or(seizure.agency);
                existing.date = existing.date.take().or(seizure.date);
            }
            None => kept.push(seizure),
        }
    }
    *seizures = kept;
}

/// The mentions of a list (sorted by span) that lie inside `span`, found by
/// binary search: a rule run per sentence stays linear in the report's length.
fn within(list: &[(Span, usize)], span: Span) -> Vec<(Span, usize)> {
    let first = list.partition_point(|(s, _)| s.start < span.start);
    list[first..].iter().take_while(|(s, _)| s.start < span.end).filter(|(s, _)| s.end <= span.end).copied().collect()
}

fn mentions_of(extraction: &Extraction, keep: impl Fn(EntityKind) -> bool) -> Vec<(Span, usize)> {
    let mut out: Vec<(Span, usize)> = extraction
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| keep(e.kind))
        .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m.span, i)))
        .collect();
    out.sort();
    out
}

/// Phrases that make the place after them a transit place.
const VIA_CUES: &[&str] = &[
    "via",
    "through",
    "across",
    "transiting",
    "transited through",
    "by way of",
    "transit through",
    "in transit through",
    "passing through",
    "transited",
];

/// Phrases that make the place after them a destination.
const DESTINATION_CUES: &[&str] = &[
    "en route to",
    "bound for",
    "destined for",
    "intended for",
    "headed for",
    "heading to",
    "heading for",
    "en route for",
    "for sale in",
    "for distribution in",
    "distribution in",
    "distribution to",
    "into",
    "to",
    "towards",
    "toward",
    "onto",
    "reach",
    "reaches",
    "reached",
    "reaching",
    "in the direction of",
    "arrived in",
    "arrives in",
    "arriving in",
    "entered",
    "entering",
    "delivered to",
    "sent to",
    "shipped to",
];

/// Phrases that make the place after them an origin.
const ORIGIN_CUES: &[&str] = &[
    "from",
    "out of",
    "originated in",
    "originating in",
    "originated from",
    "originating from",
    "produced in",
    "manufactured in",
    "grown in",
    "made in",
    "sourced from",
    "coming from",
    "en route from",
    "cultivated in",
];

/// Phrases that end like a cue but are not one ("according to", "pleaded guilty to").
const NOT_CUES: &[&str] = &[
    "according to",
    "due to",
    "in addition to",
    "owing to",
    "pursuant to",
    "next to",
    "close to",
    "similar to",
    "related to",
    "belonging to",
    "guilty to",
    "sentenced to",
    "extradited to",
    "extradited from",
    "flown to",
    "deported to",
    "returned to",
    "travelled to",
    "traveled to",
    "moved to",
    "compared to",
];

/// Words after which no earlier cue reaches the place ("seized in Almaty" after "from X").
const CUE_BLOCKERS: &[&str] = &[
    "on",
    "of",
    "at",
    "seized",
    "arrested",
    "detained",
    "found",
    "said",
    "says",
    "announced",
    "discovered",
    "intercepted",
    "was",
    "were",
    "is",
    "are",
    "where",
    "which",
    "who",
    "while",
    "when",
    "after",
    "before",
    "since",
];

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
fn stops(
    doc: &Doc<'_>,
    sentence: Span,
    places: &[(Span, usize)],
    extraction: &Extraction,
    blocked: &SpanSet,
    substance_starts: &[usize],
) -> Vec<Stop> {
    let mut out: Vec<Stop> = Vec::new();
    let mut previous_end = sentence.start;
    let mut previous_role = Role::None;
    for &(span, entity) in places {
        if span.start < previous_end || blocked.contains(span) || doc.is_dateline(span) {
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
            && substance_follows(substance_starts, span, doc)
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
#[expect(clippy::too_many_arguments, reason = "a route needs the sentence, its stops and the report's context")]
fn routes(
    doc: &Doc<'_>,
    sentence: Span,
    stops: &[Stop],
    substances: &[usize],
    main_country: Option<usize>,
    sources: &[usize],
    evidence: Evidence,
    extraction: &mut Extraction,
) {
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

/// Stems of verbs that bring drugs into a place.
const IMPORT: &[&str] =
    &["import", "smuggl", "transit", "brought", "supplied", "entering", "entered", "traffick", "shipped", "transport"];

/// A movement into "the country": the report's own country when the sentence names none.
const INTO_THE_COUNTRY: &[&str] = &[
    "into the country",
    "to the country",
    "into our country",
    "in the country",
    "enters the country",
    "entered the country",
    "entering the country",
    "reach the country",
    "reaches the country",
    "reached the country",
];

/// A movement still to come ("were to be transported to Russia"), which starts
/// where the report's story is.
const PLANNED_MOVEMENT: &[&str] = &[
    "to be transported",
    "to be smuggled",
    "to be sent",
    "to be delivered",
    "to be shipped",
    "to be transferred",
    "bound for",
    "destined for",
    "intended for",
    "to be taken",
];

/// Words between two places that chain the second after the first
/// ("to Kazakhstan and then on to Russia").
const CHAINED_CUES: &[&str] = &[
    "ultimately",
    "en route",
    "eventually",
    "onward",
    "then on to",
    "and then",
    "further to",
    "further into",
    "and on to",
];

/// True when a lowercased text contains any of the phrases.
fn mentions_any(lower: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|phrase| lower.contains(phrase))
}

/// Countries the report gives as sources of drugs: where drugs are produced
/// ("laboratories in Afghanistan", "heroin in Afghanistan and Pakistan" with
/// manufacturing), where traffickers come from ("Afghan heroin kingpin",
/// "defendants from Mexico"), and the origins of its explicit routes.
fn source_countries(doc: &Doc<'_>, extraction: &Extraction, places: &[(Span, usize)]) -> Vec<usize> {
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

fn push_unique(list: &mut Vec<usize>, value: usize) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// Routes with the same ends and transit places in one report are one route,
/// with the substances of all the sentences that state it.
fn merge_routes(routes: &mut Vec<Route>) {
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

/// The place where something happened: the first place introduced by "in",
/// "at" or "near", else the only place named.
fn located(doc: &Doc<'_>, places: &[(Span, usize)]) -> Option<usize> {
    places
        .iter()
        .find(|(span, _)| {
            let head = doc.window_before(span.start, 64).trim_end().to_ascii_lowercase();
            head.ends_with(" in")
                || head.ends_with(" at")
                || head.ends_with(" near")
                || head.ends_with(" in the")
                || head.ends_with(" at the")
        })
        .or_else(|| {
            let named: Vec<&(Span, usize)> = places.iter().filter(|(span, _)| !doc.is_dateline(*span)).collect();
            if named.len() == 1 { named.first().copied() } else { None }
        })
        .map(|(_, e)| *e)
}

/// Seizures: each weight followed by "of <substance>" is one seizure; a
/// sentence that names substances without weights is one seizure of them.
fn seizures(
    doc: &Doc<'_>,
    sentence: Span,
    substances: &[(Span, usize)],
    places: &[(Span, usize)],
    agencies: &[(Span, usize)],
    evidence: Evidence,
    extraction: &mut Extraction,
) {
    let text = sentence.slice(doc.text);
    let mut quantities: Vec<Quantity> = quantities::weights(text, sentence.start);
    quantities.extend(quantities::counts(text, sentence.start));
    quantities.sort_by_key(|q| q.span.start);
    let location = located(doc, places);
    let agency = agencies.first().map(|(_, e)| *e);
    let date = date_in(&extraction.dates, sentence);
    let mut used_substances: Vec<usize> = Vec::new();
    let mut seized: Vec<Seizure> = Vec::new();
    for quantity in quantities {
        // The substance the quantity measures: the first one after it, within a few words
        // ("250 grams of cocaine", "61 pounds of alleged cocaine"), else just before it
        // ("cocaine weighing 250 grams").
        let after = substances.iter().find(|(span, _)| {
            span.start >= quantity.span.end
                && doc.between(quantity.span.end, span.start).split_whitespace().count() <= 4
        });
        let before = substances.iter().rev().find(|(span, _)| {
            span.end <= quantity.span.start
                && doc.between(span.end, quantity.span.start).split_whitespace().count() <= 5
        });
        let inside = substances.iter().find(|(span, _)| quantity.span.contains(*span));
        let Some(&(_, substance)) = inside.or(after).or(before) else { continue };
        used_substances.push(substance);
        seized.push(Seizure {
            substances: vec![substance],
            quantity: Some(quantity),
            location,
            agency,
            date: date.clone(),
            evidence,
        });
    }
    let rest: Vec<usize> = {
        let mut rest: Vec<usize> =
            substances.iter().map(|(_, e)| *e).filter(|e| !used_substances.contains(e)).collect();
        rest.sort_unstable();
        rest.dedup();
        rest
    };
    if seized.is_empty() && !rest.is_empty() {
        seized.push(Seizure { substances: rest, quantity: None, location, agency, date, evidence });
    }
    extraction.seizures.extend(seized);
}

/// "67 participants ... were detained", "arrested five people": the number arrested.
fn arrest_count(lower: &str) -> Option<u32> {
    const PEOPLE: &[&str] = &[
        "people",
        "persons",
        "suspects",
        "individuals",
        "participants",
        "members",
        "men",
        "women",
        "defendants",
        "foreigners",
        "citizens",
        "couriers",
        "traffickers",
        "dealers",
    ];
    let words: Vec<&str> = lower.split_whitespace().collect();
    for (index, word) in words.iter().enumerate() {
        let Ok(number) = word.replace(',', "").parse::<u32>() else { continue };
        let following = words.get(index + 1..index + 4).unwrap_or(&[]);
        if following.iter().any(|w| PEOPLE.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
            && number > 0
            && number < 1_000_000
        {
            return Some(number);
        }
    }
    None
}

fn date_in(dates: &[DateMention], sentence: Span) -> Option<String> {
    dates.iter().find(|d| sentence.contains(d.span)).map(|d| d.value.clone())
}

/// Dates in the text: "June 1, 2004", "Sept. 22" (the report's year), "24 September
/// 2008", "October 2005", "in 2023", "since 1990".
fn dates(doc: &Doc<'_>) -> Vec<DateMention> {
    let report_year: Option<i32> = doc.report_date.and_then(|d| d.get(..4)).and_then(|y| y.parse().ok());
    let mut out = Vec::new();
    let count = doc.tokens.len();
    let mut index = 0;
    while index < count {
        let word = doc.word(index);
        let Some(token) = doc.tokens.get(index) else { break };
        if let Some(month) = month_number(word)
            .filter(|_| word.chars().next().is_some_and(char::is_uppercase) && word != "May" || is_may_date(doc, index))
        {
            // Month Day[, Year] | Month Year
            let mut next = index + 1;
            if doc.word(next) == "." {
                next += 1;
            }
            let day = doc.word(next).parse::<u32>().ok().filter(|d| (1..=31).contains(d));
            if let Some(day) = day {
                let mut after = next + 1;
                if doc.word(after) == "," {
                    after += 1;
                }
                let year = doc.word(after).parse::<i32>().ok().filter(|y| (1900..=2100).contains(y));
                let (value, last) = match year {
                    Some(year) => (format_ymd(year, month, day), after),
                    None => (report_year.and_then(|y| format_ymd(y, month, day)), next),
                };
                if let (Some(value), Some(end)) = (value, doc.tokens.get(last)) {
                    out.push(DateMention { value, span: Span::new(token.span.start, end.span.end) });
                    index = last + 1;
                    continue;
                }
            }
            let year = doc.word(next).parse::<i32>().ok().filter(|y| (1900..=2100).contains(y));
            if let (Some(year), Some(end)) = (year, doc.tokens.get(next)) {
                out.push(DateMention {
                    value: format!("{year:04}-{month:02}"),
                    span: Span::new(token.span.start, end.span.end),
                });
                index = next + 1;
                continue;
            }
        }
        // Day Month Year
        if let Ok(day) = word.parse::<u32>()
            && let Some(month) = month_number(doc.word(index + 1))
        {
            let year = doc.word(index + 2).parse::<i32>().ok().filter(|y| (1900..=2100).contains(y));
            if let (Some(year), Some(end)) = (year, doc.tokens.get(index + 2))
                && let Some(value) = format_ymd(year, month, day)
            {
                out.push(DateMention { value, span: Span::new(token.span.start, end.span.end) });
                index += 3;
                continue;
            }
        }
        // A bare year after a preposition: "in 2023", "since 1990".
        if let Ok(year) = word.parse::<i32>() {
            let previous = index.checked_sub(1).map(|i| doc.word(i).to_ascii_lowercase()).unwrap_or_default();
            let next_word = doc.word(index + 1).to_ascii_lowercase();
            let year_like = word.len() == 4 && (1900..=2100).contains(&year);
            let introduced = matches!(
                previous.as_str(),
                "in" | "since"
                    | "until"
                    | "by"
                    | "from"
                    | "of"
                    | "year"
                    | "late"
                    | "early"
                    | "mid"
                    | "during"
                    | "between"
                    | "through"
                    | "and"
            );
            let not_a_quantity = !matches!(
                next_word.as_str(),
                "kg" | "kilograms" | "grams" | "tons" | "tonnes" | "pounds" | "people" | "doses"
            );
            if year_like && introduced && not_a_quantity {
                out.push(DateMention { value: format!("{year:04}"), span: token.span });
            }
        }
        index += 1;
    }
    out
}

/// "May" is a month only before a day number or a year.
fn is_may_date(doc: &Doc<'_>, index: usize) -> bool {
    doc.word(index) == "May" && doc.word(index + 1).parse::<u32>().is_ok()
}
