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
use crate::dates::{format_ymd, month_number};
use crate::model::{
    Arrest, Cooperation, DateMention, EntityKind, Evidence, Extraction, Quantity, Route, Seizure, Span,
};

/// Stems of verbs and nouns that move drugs between places.
const MOVEMENT: &[&str] = &[
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
    "inside",
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
    for sentence in &doc.sentences {
        let lower = sentence.slice(doc.text).to_ascii_lowercase();
        let in_sentence = |list: &[(Span, usize)]| -> Vec<(Span, usize)> {
            list.iter().copied().filter(|(span, _)| sentence.contains(*span)).collect()
        };
        let sentence_places = in_sentence(&places);
        let sentence_substances = in_sentence(&substances);
        let sentence_agencies = in_sentence(&agencies);
        let evidence = Evidence { span: *sentence, sentence: *sentence };
        let mut substance_ids: Vec<usize> = sentence_substances.iter().map(|(_, e)| *e).collect();
        substance_ids.dedup();
        let drug_sentence = !substance_ids.is_empty() || DRUG_NOUNS.iter().any(|w| lower.contains(w));
        if drug_sentence && MOVEMENT.iter().any(|w| lower.contains(w)) {
            routes(doc, *sentence, &sentence_places, &substance_ids, main_country, evidence, extraction);
        }
        if !substance_ids.is_empty() && SEIZURE.iter().any(|w| lower.contains(w)) {
            seizures(doc, *sentence, &sentence_substances, &sentence_places, &sentence_agencies, evidence, extraction);
        }
        if ARREST.iter().any(|w| lower.contains(w)) {
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
        if COOPERATION.iter().any(|w| lower.contains(w)) {
            let mut parties: Vec<usize> = sentence_agencies.iter().map(|(_, e)| *e).collect();
            parties.extend(in_sentence(&countries).iter().map(|(_, e)| *e));
            if let Some(main) = main_country
                && !parties.is_empty() && !parties.contains(&main) {
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

/// The role the words between the previous place (or the sentence start) and
/// this place give it.
fn role_before(between: &str, previous_role: Role, list_continues: bool) -> Role {
    if list_continues {
        return previous_role;
    }
    let lower = between.to_ascii_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    let tail: Vec<&str> = words.iter().rev().take(6).rev().copied().collect();
    let text = tail.join(" ");
    let ends = |phrases: &[&str]| phrases.iter().any(|p| text.ends_with(p) || text.ends_with(&format!("{p} the")));
    if ends(&[
        "via",
        "through",
        "across",
        "transiting",
        "transited through",
        "by way of",
        "transit through",
        "in transit through",
    ]) {
        return Role::Via;
    }
    if ends(&[
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
        "ultimately into",
        "ultimately to",
        "ultimately in",
        "eventually to",
        "into",
        "to",
        "towards",
        "toward",
        "onto",
        "reach",
        "reaching",
        "in the direction of",
    ]) {
        return Role::Destination;
    }
    if ends(&[
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
    ]) {
        return Role::Origin;
    }
    Role::None
}

/// True when only a list separator stands between two places (", ", " and ", ", or ").
fn is_list_separator(between: &str) -> bool {
    let trimmed = between.trim();
    matches!(trimmed, "," | "and" | ", and" | "or" | ", or" | "&" | "/" | "as well as" | ", as well as")
}

fn routes(
    doc: &Doc<'_>,
    sentence: Span,
    places: &[(Span, usize)],
    substances: &[usize],
    main_country: Option<usize>,
    evidence: Evidence,
    extraction: &mut Extraction,
) {
    let mut origins: Vec<usize> = Vec::new();
    let mut destinations: Vec<(usize, bool)> = Vec::new();
    let mut vias: Vec<usize> = Vec::new();
    let mut previous_end = sentence.start;
    let mut previous_role = Role::None;
    for &(span, entity) in places {
        if span.start < previous_end {
            continue;
        }
        let between = &doc.text[previous_end..span.start];
        let continues = previous_end > sentence.start && is_list_separator(between);
        let mut role = role_before(between, previous_role, continues);
        let after = doc.text[span.end..sentence.end].to_ascii_lowercase();
        if after.starts_with("-bound") {
            role = Role::Destination;
        }
        if after.trim_start().starts_with("origin") && between.trim_end().to_ascii_lowercase().ends_with("of") {
            role = Role::Origin;
        }
        // "Colombian laboratories", "of Afghan origin": a demonym before a production word.
        let chained = between.to_ascii_lowercase().contains("ultimately")
            || between.to_ascii_lowercase().contains("en route")
            || between.to_ascii_lowercase().contains("eventually");
        match role {
            Role::Origin => push_unique(&mut origins, entity),
            Role::Destination => {
                if !destinations.iter().any(|(d, _)| *d == entity) {
                    destinations.push((entity, chained));
                }
            }
            Role::Via => push_unique(&mut vias, entity),
            Role::None => {}
        }
        previous_role = role;
        previous_end = span.end;
    }
    let lower = sentence.slice(doc.text).to_ascii_lowercase();
    if destinations.is_empty()
        && (lower.contains("into the country")
            || lower.contains("to the country")
            || lower.contains("into our country"))
        && let Some(main) = main_country {
            destinations.push((main, false));
        }
    // "to Mexico and ultimately into the United States": earlier destinations are transit.
    if let Some(position) = destinations.iter().rposition(|(_, chained)| *chained) {
        let transit: Vec<usize> = destinations[..position].iter().map(|(d, _)| *d).collect();
        for place in transit {
            push_unique(&mut vias, place);
        }
        destinations.drain(..position);
    }
    if origins.is_empty() || destinations.is_empty() {
        return;
    }
    let concealment = concealment(doc, sentence);
    let conveyance = conveyance(&lower);
    for &origin in &origins {
        for &(destination, _) in &destinations {
            if origin == destination {
                continue;
            }
            let via: Vec<usize> = vias.iter().copied().filter(|v| *v != origin && *v != destination).collect();
            extraction.routes.push(Route {
                origin,
                destination,
                via,
                substances: substances.to_vec(),
                concealment: concealment.clone(),
                conveyance: conveyance.clone(),
                evidence,
            });
        }
    }
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
    for route in routes.drain(..) {
        match merged
            .iter_mut()
            .find(|r| r.origin == route.origin && r.destination == route.destination && r.via == route.via)
        {
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
                "and" | "by" | "from" | "to" | "into" | "at" | "in" | "on" | "with" | "which" | "that" | "were" | "was"
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
            let head = doc.text[..span.start].trim_end().to_ascii_lowercase();
            head.ends_with(" in")
                || head.ends_with(" at")
                || head.ends_with(" near")
                || head.ends_with(" in the")
                || head.ends_with(" at the")
        })
        .or_else(|| if places.len() == 1 { places.first() } else { None })
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
            span.start >= quantity.span.end && doc.text[quantity.span.end..span.start].split_whitespace().count() <= 4
        });
        let before = substances.iter().rev().find(|(span, _)| {
            span.end <= quantity.span.start && doc.text[span.end..quantity.span.start].split_whitespace().count() <= 5
        });
        let Some(&(_, substance)) = after.or(before) else { continue };
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
            && let Some(month) = month_number(doc.word(index + 1)) {
                let year = doc.word(index + 2).parse::<i32>().ok().filter(|y| (1900..=2100).contains(y));
                if let (Some(year), Some(end)) = (year, doc.tokens.get(index + 2))
                    && let Some(value) = format_ymd(year, month, day) {
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
