//! Organisations: agencies (known bodies, acronyms defined in the text, and
//! names built by rule) and criminal groups.
//!
//! Agency names come in a few shapes, each handled by one rule:
//! - head-final: "Drug Enforcement Administration", "Colombian National Police";
//! - head-initial: "Ministry of Internal Affairs", "Department for Combating Drug Crimes";
//! - inverted ministries: "Kazakh Interior Ministry" (= Ministry of Internal Affairs of Kazakhstan);
//! - place police: "Almaty police" (= Almaty Police), "Kyrgyz police" (= Police of Kyrgyzstan);
//! - US attorneys and courts: "United States Attorney for the Southern District of New York".
//!
//! A name is followed by qualifiers: "of the Republic of Kazakhstan" gives the
//! country, "of the Ministry of ..." gives the parent body.

use super::gazetteer::{GazetteerMatch, Layer, Target, name_key};
use super::text::{SpanSet, ends_possessive, is_all_caps, is_capitalised, strip_possessive, title_case};
use super::words::in_list;
use super::words::orgs::{
    CONNECTORS, FINAL_HEADS, INITIAL_HEADS, MINISTRY_FUNCTIONS, NATIONAL_PREFIXES, NOT_AGENCY_START, NOT_AGENCY_WORDS,
};
use super::{Doc, Found};
use crate::model::{EntityKey, EntityKind, ExternalId, Span};
use crate::slug::slugify;
use std::collections::{BTreeSet, HashMap};

pub(super) fn find(doc: &Doc<'_>, found: &mut Vec<Found>) {
    let mut agencies: Vec<Found> = Vec::new();
    known_agencies(doc, &mut agencies);
    rule_agencies(doc, &mut agencies);
    place_police(doc, &mut agencies);
    local_units(doc, &mut agencies);
    us_attorneys(doc, &mut agencies);
    federal_courts(doc, &mut agencies);
    acronym_definitions(doc, &mut agencies);
    acronyms_alone(doc, &mut agencies);
    keep_longest(&mut agencies);
    merge_report_variants(doc, &mut agencies);
    found.extend(agencies);
    groups(doc, found);
}

/// An agency found by rule: its key is the slug of its label, with its country.
fn named_agency(span: Span, label: String, country: Option<String>) -> Found {
    Found::new(span, EntityKind::Agency, EntityKey::Agency { slug: slugify(&label), country: country.clone() }, label)
        .with_country(country)
}

/// Country of the report, used when an agency's own name does not say it.
fn context_country(doc: &Doc<'_>) -> Option<String> {
    doc.main_country().map(str::to_owned)
}

fn known_found(doc: &Doc<'_>, index: usize, span: Span) -> Option<Found> {
    let agency = doc.gaz.agencies.get(index)?;
    let mut found = Found::new(
        span,
        EntityKind::Agency,
        EntityKey::Agency { slug: agency.id.clone(), country: agency.country.clone() },
        &agency.label,
    )
    .with_country(agency.country.clone());
    if let Some(parent) = agency.parent.as_deref().and_then(|id| doc.gaz.agency(id)) {
        found.parent = Some((
            EntityKey::Agency { slug: parent.id.clone(), country: parent.country.clone() },
            parent.label.clone(),
        ));
    }
    if let Some(item) = &agency.wikidata {
        found.external_ids.push(ExternalId::Wikidata(item.clone()));
    }
    Some(found)
}

/// Known agencies by name or acronym; an acronym several countries use (GKNB)
/// is the one of a country the report names.
fn known_agencies(doc: &Doc<'_>, out: &mut Vec<Found>) {
    for hit in &doc.matches {
        let candidates: Vec<usize> = hit
            .targets
            .iter()
            .filter_map(|t| match t {
                Target::AgencyName(i) | Target::AgencyAcronym(i) => Some(*i),
                _ => None,
            })
            .collect();
        let chosen = candidates
            .iter()
            .copied()
            .find(|&i| {
                doc.gaz
                    .agencies
                    .get(i)
                    .and_then(|a| a.country.as_deref())
                    .is_some_and(|c| Some(c) == doc.main_country())
            })
            .or_else(|| {
                candidates.iter().copied().find(|&i| {
                    doc.gaz.agencies.get(i).and_then(|a| a.country.as_deref()).is_some_and(|c| doc.names_country(c))
                })
            })
            .or_else(|| candidates.first().copied());
        if let Some(index) = chosen
            && let Some(found) = known_found(doc, index, hit.span)
        {
            out.push(found);
        }
    }
}

/// A country named by token `index` (its name, or its demonym, or "X's").
fn country_at(doc: &Doc<'_>, index: usize) -> Option<(usize, String)> {
    let token = doc.tokens.get(index)?;
    let (hit, country) = doc.matches_starting_at(token.span.start).find_map(|m| {
        m.targets.iter().find_map(|t| match t {
            Target::CountryName(i) | Target::CountryDemonym(i) => Some((m, *i)),
            _ => None,
        })
    })?;
    let last = doc.token_at_or_after(hit.span.end).saturating_sub(1);
    Some((last, doc.gaz.countries.get(country)?.code.clone()))
}

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
fn rule_agencies(doc: &Doc<'_>, out: &mut Vec<Found>) {
    let mut index = 0;
    while index < doc.tokens.len() {
        let consumed = phrase_at(doc, index, out, 0);
        index = consumed.max(index + 1);
    }
}

/// Tries to read an agency phrase starting at token `start`; returns the index
/// after it (or `start` when there is none). Pushes what it finds, parent first.
fn phrase_at(doc: &Doc<'_>, start: usize, out: &mut Vec<Found>, depth: usize) -> usize {
    if depth > 3 || !doc.is_word(start) {
        return start;
    }
    let word = doc.word(start);
    let lowercase_subunit = matches!(word, "department" | "directorate" | "division" | "service" | "unit")
        && matches!(doc.word(start + 1), "for" | "on")
        && matches!(doc.word(start + 2), "combating" | "countering" | "fighting" | "combatting" | "drug" | "control");
    if !is_capitalised(word) && !lowercase_subunit {
        return start;
    }
    if NOT_AGENCY_START.contains(&word) {
        return start;
    }
    // Extend over the capitalised run: words, inner connectors ("for", "and",
    // "of the"), stopping before qualifiers (a country, a parent agency).
    let mut start = start;
    let mut last_word = start;
    let mut cursor = start + 1;
    loop {
        // A possessive ends the name ("Criminal Division's Narcotic ... Section"),
        // except in "Prosecutor's Office", "Attorney's Office".
        if ends_possessive(doc.word(last_word)) && doc.word(last_word + 1) != "Office" {
            break;
        }
        let w = doc.word(cursor);
        let gap_ok =
            doc.tokens.get(cursor).is_some_and(|t| doc.between(doc.tokens[cursor - 1].span.end, t.span.start) == " ");
        if !gap_ok || !doc.is_word(cursor) {
            break;
        }
        let lower_ok =
            lowercase_subunit && w.chars().all(|c| c.is_lowercase() || c == '-') && !matches!(w, "of" | "the" | "and");
        if is_capitalised(w) && !is_all_caps(w, 2) || lower_ok {
            last_word = cursor;
            cursor += 1;
            continue;
        }
        if matches!(w, "and" | "for" | "on" | "against" | "to") {
            // "Special Operations Division and DEA's Kabul Office", "AFP and Australian
            // Border Force": a name ended by a head noun or an acronym is one body.
            if w == "and" && (FINAL_HEADS.contains(&doc.word(last_word)) || is_all_caps(doc.word(last_word), 2)) {
                break;
            }
            let mut next = cursor + 1;
            if w != "and" && doc.word(next) == "the" {
                next += 1;
            }
            // "Ipswich Crown Court on Friday": a weekday or month ends the name.
            let calendar = crate::dates::is_calendar_word(doc.word(next));
            if is_capitalised(doc.word(next)) && !is_all_caps(doc.word(next), 2) && !calendar {
                cursor = next;
                continue;
            }
            break;
        }
        if w == "of" {
            let mut after = cursor + 1;
            if doc.word(after) == "the" {
                after += 1;
            }
            if country_qualifier(doc, cursor).is_some() || starts_agency(doc, after) || !is_capitalised(doc.word(after))
            {
                break;
            }
            // "Special Agent in Charge of the New York Office": what comes before
            // "of the" is a title when it has no agency head; the name starts after it.
            let before: Vec<&str> = (start..=last_word).map(|i| doc.word(i)).collect();
            if doc.word(cursor + 1) == "the" && agency_head_position(&before).is_none() {
                start = after;
                last_word = after;
                cursor = after + 1;
                continue;
            }
            cursor = after;
            continue;
        }
        break;
    }
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
    if us_prefix && base.starts_with("District Court") {
        base = format!("U.S. {base}");
        country = Some("US".to_owned());
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
    let mut parent = None;
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
            parent = out.last().map(|p: &Found| (p.key.clone(), p.label.clone(), p.country.clone()));
            after = next;
        }
    }
    if country.is_none()
        && let Some((_, _, parent_country)) = &parent
    {
        country = parent_country.clone();
    }
    let national =
        NATIONAL_PREFIXES.iter().any(|p| base.starts_with(p)) || base.starts_with("Ministry") || explicit_country;
    if country.is_none() && national {
        country = context_country(doc);
    }
    let label = match (&parent, national) {
        // A field office named by its city ("New York Office") keeps its own name.
        (Some((_, parent_label, _)), _) if !names_a_place(doc, name_span) => format!("{base} of the {parent_label}"),
        (Some(_), _) => base.clone(),
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
    if let Some((key, parent_label, _)) = parent {
        found.parent = Some((key, parent_label));
    }
    if base != found.label {
        found.aliases.push(base);
    }
    out.push(found);
    after
}

/// A country's name as it reads after "of": "the Netherlands", "the United States".
fn with_article(country: &str) -> String {
    const WITH_THE: &[&str] = &[
        "Netherlands",
        "United States",
        "United Kingdom",
        "Philippines",
        "Czech Republic",
        "United Arab Emirates",
        "Dominican Republic",
        "Central African Republic",
        "Bahamas",
        "Gambia",
        "Maldives",
        "Comoros",
        "Democratic Republic of the Congo",
        "Republic of the Congo",
        "Marshall Islands",
        "Solomon Islands",
    ];
    if WITH_THE.contains(&country) { format!("the {country}") } else { country.to_owned() }
}

/// True when a gazetteer place is written inside `span`.
fn names_a_place(doc: &Doc<'_>, span: Span) -> bool {
    doc.matches_within(span).any(|m| m.targets.iter().any(|t| matches!(t, Target::City(_) | Target::CountryName(_))))
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

/// "the customs department of the Tashkent region", "the regional office of
/// Khudjand": a local unit written in lowercase and named by its place. The
/// label is the phrase in title case, the place as the report writes it; the
/// country is the place's.
fn local_units(doc: &Doc<'_>, out: &mut Vec<Found>) {
    const FUNCTIONS: &[&str] =
        &["customs", "police", "regional", "border", "district", "city", "provincial", "anti-drug", "drug-control"];
    const HEADS: &[&str] =
        &["department", "office", "directorate", "branch", "administration", "division", "post", "detachment"];
    for index in 0..doc.tokens.len() {
        if !FUNCTIONS.contains(&doc.word(index)) || !HEADS.contains(&doc.word(index + 1)) || doc.word(index + 2) != "of"
        {
            continue;
        }
        // Part of a capitalised name ("Almaty Regional Police Department") is the phrase reader's.
        if index > 0 && is_capitalised(doc.word(index - 1)) && !doc.starts_sentence(index - 1) {
            continue;
        }
        let mut place_token = index + 3;
        if doc.word(place_token) == "the" {
            place_token += 1;
        }
        let Some(place_start) = doc.tokens.get(place_token).map(|t| t.span.start) else { continue };
        let Some(place) = doc.matches_starting_at(place_start).find(|m| {
            m.targets.iter().any(|t| matches!(t, Target::City(_) | Target::RegionBase(_) | Target::RegionName(_)))
        }) else {
            continue;
        };
        let country = place.targets.iter().find_map(|t| match *t {
            Target::City(i) => doc.gaz.cities.get(i).map(|c| c.country.clone()),
            Target::RegionBase(i) | Target::RegionName(i) => doc.gaz.regions.get(i).and_then(|r| r.country.clone()),
            _ => None,
        });
        // "of the Tashkent region": the designator belongs to the place.
        let mut end = place.span.end;
        let after = doc.token_at_or_after(place.span.end);
        if in_list(crate::extract::words::places::REGION_DESIGNATORS, doc.word(after))
            && doc.between(place.span.end, doc.tokens[after].span.start) == " "
        {
            end = doc.tokens[after].span.end;
        }
        let span = Span::new(doc.tokens[index].span.start, end);
        let words: Vec<String> = span
            .slice(doc.text)
            .split_whitespace()
            .map(|w| if matches!(w, "of" | "the") { w.to_owned() } else { crate::extract::text::capitalised_first(w) })
            .collect();
        out.push(named_agency(span, words.join(" "), country));
    }
}

/// "Almaty police" (Almaty Police), "Kyrgyz police" (Police of Kyrgyzstan, or the
/// country's known national police), "police of Osh".
fn place_police(doc: &Doc<'_>, out: &mut Vec<Found>) {
    for (index, token) in doc.tokens.iter().enumerate() {
        let word = doc.word(index);
        if word.eq_ignore_ascii_case("customs") || word.eq_ignore_ascii_case("border") {
            if let Some(found) = national_service(doc, index) {
                out.push(found);
            }
            continue;
        }
        if !word.eq_ignore_ascii_case("police") {
            continue;
        }
        // "the police of Almaty", "police of the Osh region"
        if doc.word(index + 1) == "of" {
            let mut place_token = index + 2;
            if doc.word(place_token) == "the" {
                place_token += 1;
            }
            if let Some(place_start) = doc.tokens.get(place_token).map(|t| t.span.start)
                && let Some(place) =
                    doc.matches_starting_at(place_start).find(|m| m.targets.iter().any(|t| t.layer() == Layer::Place))
                && let Some(found) = police_of(doc, place, Span::new(token.span.start, place.span.end))
            {
                out.push(found);
                continue;
            }
        }
        let Some(before) = index.checked_sub(1) else { continue };
        let Some(place) = doc
            .matches_ending_at(doc.tokens[before].span.end)
            .find(|m| m.targets.iter().any(|t| t.layer() == Layer::Place))
        else {
            continue;
        };
        if doc.between(place.span.end, token.span.start) != " " {
            continue;
        }
        let span = Span::new(place.span.start, token.span.end);
        if let Some(found) = police_of(doc, place, span) {
            out.push(found);
        }
    }
}

/// "Dutch customs", "Kyrgyz border guards": a country's customs or border
/// service (the known one of that country when the lexicon has it).
fn national_service(doc: &Doc<'_>, index: usize) -> Option<Found> {
    let before = doc.tokens.get(index.checked_sub(1)?)?;
    let place = doc.matches_ending_at(before.span.end).find(|m| m.targets.iter().any(|t| t.layer() == Layer::Place))?;
    let country = place.targets.iter().find_map(|t| match t {
        Target::CountryName(i) | Target::CountryDemonym(i) => doc.gaz.countries.get(*i),
        _ => None,
    })?;
    let customs = doc.word(index).eq_ignore_ascii_case("customs");
    let mut last = index;
    if !customs {
        // "border guards", "border service", "border troops"
        if !matches!(
            doc.word(index + 1).to_ascii_lowercase().as_str(),
            "guards" | "guard" | "service" | "troops" | "police"
        ) {
            return None;
        }
        last = index + 1;
    }
    let span = Span::new(place.span.start, doc.tokens.get(last)?.span.end);
    let word = if customs { "Customs" } else { "Border" };
    if let Some(known) = doc
        .gaz
        .agencies
        .iter()
        .position(|a| a.country.as_deref() == Some(country.code.as_str()) && a.label.contains(word))
    {
        return known_found(doc, known, span);
    }
    let label = if customs {
        format!("Customs Service of {}", with_article(&country.label))
    } else {
        format!("Border Service of {}", with_article(&country.label))
    };
    Some(named_agency(span, label, Some(country.code.clone())))
}

/// "The SCNS said", "the ADCB seized": an acronym used alone as an agency,
/// linked later to the agency some report defines with it.
fn acronyms_alone(doc: &Doc<'_>, out: &mut Vec<Found>) {
    const CONTEXT: &[&str] = &[
        "said",
        "says",
        "seized",
        "reported",
        "detained",
        "arrested",
        "officers",
        "agents",
        "has",
        "have",
        "had",
        "opened",
        "found",
        "press",
        "spokesman",
        "spokeswoman",
        "confiscated",
        "conducted",
        "launched",
        "announced",
        "dismantled",
        "stated",
        "noted",
        "is",
        "was",
        "also",
        "intercepted",
    ];
    const NOT_AGENCIES: &[&str] = &[
        "CEO", "TV", "GDP", "COVID", "OK", "AM", "PM", "USD", "EUR", "KZT", "DNA", "NGO", "SUV", "GPS", "ID", "PR",
        "IT", "AI",
    ];
    // Agencies found so far; those added below are single tokens and overlap no other token.
    let taken = SpanSet::new(out.iter().map(|a| a.span));
    // The initials of the agencies the report names in full ("AFP" for the
    // Australian Federal Police), each with the agency, when only one has them.
    let mut by_initials: HashMap<String, Option<usize>> = HashMap::new();
    for (position, agency) in out.iter().enumerate() {
        let initials = initials(&agency.label);
        if initials.len() >= 2 {
            let entry = by_initials.entry(initials).or_insert(Some(position));
            if entry.is_some_and(|p| out[p].key != agency.key) {
                *entry = None;
            }
        }
    }
    for (index, token) in doc.tokens.iter().enumerate() {
        let word = doc.word(index);
        let letters = word.chars().count();
        if !(2..=6).contains(&letters) || !word.chars().all(|c| c.is_ascii_uppercase()) || NOT_AGENCIES.contains(&word)
        {
            continue;
        }
        if taken.overlaps(token.span) || doc.matches_overlapping(token.span).next().is_some() {
            continue;
        }
        if let Some(Some(position)) = by_initials.get(word) {
            let mut mention = out[*position].clone();
            mention.span = token.span;
            mention.aliases = vec![word.to_owned()];
            out.push(mention);
            continue;
        }
        let previous = index.checked_sub(1).map_or("", |i| doc.word(i));
        let next = doc.word(index + 1).to_ascii_lowercase();
        if !matches!(previous, "the" | "The") || !CONTEXT.contains(&next.as_str()) {
            continue;
        }
        let country = context_country(doc);
        out.push(named_agency(token.span, word.to_owned(), country));
    }
}

/// Words in the name of a police force with one task, which a country's plain
/// "police" does not mean.
const SPECIALISED_POLICE: &[&str] =
    &["Anti", "Counter", "Narcotic", "Drug", "Border", "Traffic", "Military", "Criminal", "Judicial", "Secret"];

fn police_of(doc: &Doc<'_>, place: &GazetteerMatch, span: Span) -> Option<Found> {
    for target in &place.targets {
        match *target {
            Target::CountryName(i) | Target::CountryDemonym(i) => {
                let country = doc.gaz.countries.get(i)?;
                // A known general police force of that country, if there is one (not
                // a specialised one: "Afghan police" is not the Counter Narcotics Police).
                if let Some(known) = doc.gaz.agencies.iter().position(|a| {
                    a.country.as_deref() == Some(country.code.as_str())
                        && a.label.contains("Police")
                        && !SPECIALISED_POLICE.iter().any(|w| a.label.contains(w))
                }) {
                    return known_found(doc, known, span);
                }
                let label = format!("Police of {}", with_article(&country.label));
                return Some(named_agency(span, label, Some(country.code.clone())));
            }
            Target::City(i) => {
                let city = doc.gaz.cities.get(i)?;
                let label = format!("{} Police", city.label);
                return Some(named_agency(span, label, Some(city.country.clone())));
            }
            Target::RegionBase(i) | Target::RegionName(i) => {
                let region = doc.gaz.regions.get(i)?;
                let label = format!("{} Police", region.label);
                return Some(named_agency(span, label, region.country.clone()));
            }
            _ => {}
        }
    }
    None
}

/// "United States Attorney for the Southern District of New York", "U.S. Attorney's
/// Office": the US Attorney's Office of a district (the office, not the person).
fn us_attorneys(doc: &Doc<'_>, out: &mut Vec<Found>) {
    for (index, _) in doc.tokens.iter().enumerate() {
        let word = doc.word(index).replace('’', "'");
        if word != "Attorney" && word != "Attorney's" {
            continue;
        }
        let head = doc.before(doc.tokens[index].span.start).trim_end();
        let prefix_start = if doc.word(index.wrapping_sub(1)) == "States" && doc.word(index.wrapping_sub(2)) == "United"
        {
            index - 2
        } else if head.ends_with("U.S.") || head.ends_with(" US") {
            let prefix_len = if head.ends_with("U.S.") { 4 } else { 2 };
            doc.token_at_or_after(head.len() - prefix_len)
        } else {
            continue;
        };
        let office = word == "Attorney's" && doc.word(index + 1) == "Office";
        let mut cursor = if office { index + 2 } else { index + 1 };
        // "for the Southern District of New York": the district ends with its state's name.
        let district = if doc.word(cursor) == "for" && doc.word(cursor + 1) == "the" {
            district_at(doc, cursor + 2).map(|(text, next)| {
                cursor = next;
                text
            })
        } else {
            None
        };
        if district.is_none() && !office {
            continue;
        }
        let district = district.or_else(|| sole_district(doc));
        let label = match &district {
            Some(d) => format!("U.S. Attorney's Office for the {d}"),
            None => "U.S. Attorney's Office".to_owned(),
        };
        let Some(first) = doc.tokens.get(prefix_start.min(index)) else { continue };
        let end = doc.tokens.get(cursor.saturating_sub(1)).map_or(first.span.end, |t| t.span.end);
        let span = Span::new(first.span.start, end);
        out.push(named_agency(span, label, Some("US".to_owned())));
    }
}

/// "Manhattan federal court": the US District Court of the report's district
/// when the report names exactly one district, else the court as written.
fn federal_courts(doc: &Doc<'_>, out: &mut Vec<Found>) {
    for index in 0..doc.tokens.len() {
        if !doc.word(index).eq_ignore_ascii_case("federal") || !doc.word(index + 1).eq_ignore_ascii_case("court") {
            continue;
        }
        let Some(previous) = index.checked_sub(1).and_then(|i| doc.tokens.get(i)) else { continue };
        let Some(city) = doc.matches_ending_at(previous.span.end).find(|m| {
            m.targets
                .iter()
                .any(|t| matches!(t, Target::City(i) if doc.gaz.cities.get(*i).is_some_and(|c| c.country == "US")))
        }) else {
            continue;
        };
        let Some(court) = doc.tokens.get(index + 1) else { continue };
        let span = Span::new(city.span.start, court.span.end);
        let label = match sole_district(doc) {
            Some(district) => format!("U.S. District Court for the {district}"),
            None => org_title_case(&span.slice(doc.text).to_ascii_lowercase()),
        };
        out.push(named_agency(span, label, Some("US".to_owned())));
    }
}

/// "Southern District of New York" starting at token `index`: the district's
/// name and the index after it. The name ends where the state's name ends.
fn district_at(doc: &Doc<'_>, index: usize) -> Option<(String, usize)> {
    let mut at = index;
    if matches!(doc.word(at), "Northern" | "Southern" | "Eastern" | "Western" | "Middle" | "Central") {
        at += 1;
    }
    if doc.word(at) != "District" || doc.word(at + 1) != "of" {
        return None;
    }
    let state_token = doc.tokens.get(at + 2)?;
    let state = doc
        .matches_starting_at(state_token.span.start)
        .filter(|m| m.targets.iter().any(|t| t.layer() == Layer::Place))
        .max_by_key(|m| m.span.len())?;
    let next = doc.token_at_or_after(state.span.end);
    let text = Span::new(doc.tokens.get(index)?.span.start, state.span.end).slice(doc.text).to_owned();
    Some((text, next))
}

/// The only US judicial district a report names, if it names exactly one.
fn sole_district(doc: &Doc<'_>) -> Option<String> {
    let mut districts: Vec<String> = Vec::new();
    for index in 0..doc.tokens.len() {
        if doc.word(index) != "District" || doc.word(index + 1) != "of" {
            continue;
        }
        let start = if matches!(
            doc.word(index.wrapping_sub(1)),
            "Northern" | "Southern" | "Eastern" | "Western" | "Middle" | "Central"
        ) {
            index - 1
        } else {
            index
        };
        if let Some((name, _)) = district_at(doc, start)
            && !districts.contains(&name)
        {
            districts.push(name);
        }
    }
    (districts.len() == 1).then(|| districts.remove(0))
}

/// "Full Name (ACR)", "Full Name (the “ACR”)": the acronym names the agency
/// just before it, wherever it appears in the report.
fn acronym_definitions(doc: &Doc<'_>, out: &mut Vec<Found>) {
    let mut defined: Vec<(String, Found)> = Vec::new();
    for agency in out.iter_mut() {
        // Right after the name, or inside a mention that runs on to its country:
        // "Anti-Drug Coordination Bureau (ADCB) of Kyrgyzstan".
        let after = doc.after(agency.span.end);
        let inside = agency.span.slice(doc.text);
        // An acronym is short: look no further than a few dozen bytes for its ")".
        let parenthetical = after
            .strip_prefix(" (")
            .map(|r| r.get(..r.len().min(48)).unwrap_or(r))
            .and_then(|r| r.split_once(')').map(|(inside, _)| inside))
            .or_else(|| inside.split_once(" (").and_then(|(_, r)| r.split(')').next()));
        let Some(inside) = parenthetical else { continue };
        let acronym =
            inside.trim_start_matches("the ").trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '\'')).trim();
        if is_all_caps(acronym, 2) && acronym.len() <= 8 && !acronym.contains(' ') {
            // The acronym is a name of the agency, for linking in other reports.
            if !agency.aliases.iter().any(|a| a == acronym) {
                agency.aliases.push(acronym.to_owned());
            }
            defined.push((acronym.to_owned(), agency.clone()));
        }
    }
    // Each use of an acronym is a mention of the agency it was defined for
    // last before the use (or first after it, for a use that comes first): a
    // long text may define one acronym many times, even for different bodies.
    // One pass over the tokens; the mentions then follow the order of the
    // definitions, and of the text within each.
    let mut definitions_of: std::collections::HashMap<&str, Vec<(usize, usize)>> = std::collections::HashMap::new();
    for (definition, (acronym, agency)) in defined.iter().enumerate() {
        definitions_of.entry(acronym.as_str()).or_default().push((agency.span.start, definition));
    }
    for definitions in definitions_of.values_mut() {
        definitions.sort_unstable();
    }
    let mut uses: Vec<(usize, Span)> = Vec::new();
    for (index, token) in doc.tokens.iter().enumerate() {
        if let Some(definitions) = definitions_of.get(doc.word(index)) {
            let before = definitions.partition_point(|&(start, _)| start <= token.span.start);
            let chosen = before.checked_sub(1).and_then(|i| definitions.get(i)).or_else(|| definitions.first());
            if let Some(&(_, definition)) = chosen {
                uses.push((definition, token.span));
            }
        }
    }
    uses.sort_by_key(|&(definition, span)| (definition, span.start));
    for (definition, span) in uses {
        let mut mention = defined[definition].1.clone();
        mention.span = span;
        mention.aliases.clear();
        out.push(mention);
    }
}

/// Keeps, among agency mentions that overlap, the longest; mentions inside a
/// longer one are dropped, except a parent named inside its child's span.
///
/// Kept mentions stay in order of start, so only those starting within the
/// longest mention's length before the current one can overlap it.
fn keep_longest(agencies: &mut Vec<Found>) {
    agencies.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(b.span.len().cmp(&a.span.len())));
    let longest = agencies.iter().map(|a| a.span.len()).max().unwrap_or(0);
    let mut kept: Vec<Found> = Vec::new();
    for agency in agencies.drain(..) {
        let near = kept.partition_point(|k| k.span.start + longest < agency.span.start);
        let covered = kept[near..].iter().any(|k| {
            k.span.overlaps(agency.span)
                && k.span.len() >= agency.span.len()
                && k.parent.as_ref().is_none_or(|(key, _)| *key != agency.key)
        });
        if !covered {
            // Only a kept mention starting where this one starts can lie inside it.
            let same_start = kept.partition_point(|k| k.span.start < agency.span.start);
            let mut index = same_start;
            while index < kept.len() {
                let k = &kept[index];
                if agency.span.contains(k.span)
                    && agency.span.len() > k.span.len()
                    && agency.parent.as_ref().is_none_or(|(key, _)| *key != k.key)
                {
                    kept.remove(index);
                } else {
                    index += 1;
                }
            }
            kept.push(agency);
        }
    }
    *agencies = kept;
}

/// Criminal groups: known ones (the Taliban only where it traffics), "X Cartel",
/// and organisations named in quotes after "organization" ("the “Noorzai Organization”").
fn groups(doc: &Doc<'_>, found: &mut Vec<Found>) {
    for hit in &doc.matches {
        let Some(index) = hit.targets.iter().find_map(|t| match t {
            Target::GroupName(i) | Target::GroupAcronym(i) => Some(*i),
            _ => None,
        }) else {
            continue;
        };
        let Some(group) = doc.gaz.groups.get(index) else { continue };
        if group.needs_context && !trafficking_group_context(doc, hit.span) {
            continue;
        }
        found.push(Found::new(
            hit.span,
            EntityKind::CriminalGroup,
            EntityKey::CriminalGroup(group.id.clone()),
            &group.label,
        ));
    }
    for (index, _) in doc.tokens.iter().enumerate() {
        let word = doc.word(index);
        if word != "Cartel" && word != "cartel" {
            continue;
        }
        let mut start = index;
        while start > 0
            && is_capitalised(doc.word(start - 1))
            && doc.is_word(start - 1)
            && !doc.starts_sentence(start - 1)
            && index - start < 3
        {
            start -= 1;
        }
        if start == index || in_list(&["Mexican", "Colombian", "Drug", "The"], doc.word(start)) && start + 1 == index {
            continue;
        }
        let span = Span::new(doc.tokens[start].span.start, doc.tokens[index].span.end);
        if found.iter().any(|f| f.span.overlaps(span) && f.kind == EntityKind::CriminalGroup) {
            continue;
        }
        let label = org_title_case(&span.slice(doc.text).split_whitespace().collect::<Vec<_>>().join(" "));
        found.push(Found::new(span, EntityKind::CriminalGroup, EntityKey::CriminalGroup(slugify(&label)), label));
    }
    quoted_organisations(doc, found);
}

fn trafficking_group_context(doc: &Doc<'_>, span: Span) -> bool {
    let sentence = doc.sentence_of(span.start).slice(doc.text).to_ascii_lowercase();
    let trafficking = ["traffick", "smuggl", "drug trade", "opium trade", "heroin trade", "taxed", "processing"]
        .iter()
        .any(|w| sentence.contains(w));
    let alliance = ["ally", "allied", "aligned", "associate", "supported", "support", "regime", "linked"]
        .iter()
        .any(|w| sentence.contains(w));
    trafficking && !alliance
}

/// `organization (the “Noorzai Organization”)`: a named organisation in quotes.
fn quoted_organisations(doc: &Doc<'_>, found: &mut Vec<Found>) {
    for (position, _) in doc.text.match_indices("(the ") {
        let head = doc.window_before(position, 64).trim_end().to_ascii_lowercase();
        if !(head.ends_with("organization")
            || head.ends_with("organisation")
            || head.ends_with("network")
            || head.ends_with("group")
            || head.ends_with("gang"))
        {
            continue;
        }
        let inside_start = position + "(the ".len();
        // A name in parentheses is short; look no further for the ")".
        let Some(close) = doc.window_after(inside_start, 160).find(')') else { continue };
        let inside = doc.between(inside_start, inside_start + close);
        let name = inside.trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '\''));
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() < 2 || !words.iter().all(|w| is_capitalised(w)) {
            continue;
        }
        let offset = inside.find(name).unwrap_or(0);
        let span = Span::new(inside_start + offset, inside_start + offset + name.len());
        found.push(Found::new(span, EntityKind::CriminalGroup, EntityKey::CriminalGroup(slugify(name)), name));
    }
}

/// An agency name in title case, its connecting words ("of", "for", "the") lowercase.
fn org_title_case(text: &str) -> String {
    let lower: Vec<&str> = CONNECTORS.iter().copied().chain(["the"]).collect();
    title_case(text, &lower)
}

/// Within one report, two names of one body: a name without its country and
/// the same name with it ("Counternarcotics Service" and "Counternarcotics
/// Service of Kyrgyzstan"), or a new name whose acronym is a known body's
/// ("... Coordination Center (CARICC)" and the known CARICC). The vaguer
/// mention takes the identity of the fuller one, when exactly one fits.
fn merge_report_variants(doc: &Doc<'_>, agencies: &mut [Found]) {
    let known = |found: &Found| match &found.key {
        EntityKey::Agency { slug, .. } => doc.gaz.agency(slug),
        _ => None,
    };
    let mut fuller: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, agency) in agencies.iter().enumerate() {
        let lexicon = known(agency);
        if agency.country.is_none() && lexicon.is_none() {
            continue;
        }
        let mut names: Vec<String> = vec![agency.label.clone()];
        names.extend(agency.aliases.iter().cloned());
        if let Some(country) = agency.country.as_deref().and_then(|c| doc.gaz.country(c)) {
            for suffix in [format!(" of {}", with_article(&country.label)), format!(" of {}", country.label)] {
                if let Some(bare) = agency.label.strip_suffix(suffix.as_str()) {
                    names.push(bare.to_owned());
                }
            }
        }
        if let Some(lexicon) = lexicon {
            names.extend(lexicon.acronyms.iter().chain(&lexicon.names).cloned());
        }
        for name in names {
            let key = name_key(&name);
            if !key.is_empty() {
                fuller.entry(key).or_default().push(index);
            }
        }
    }
    for index in 0..agencies.len() {
        let agency = &agencies[index];
        if agency.country.is_some() || known(agency).is_some() {
            continue;
        }
        let mut matches: Vec<usize> = std::iter::once(&agency.label)
            .chain(agency.aliases.iter())
            .filter_map(|name| fuller.get(&name_key(name)))
            .flatten()
            .copied()
            .filter(|&other| other != index)
            .collect();
        matches.sort_unstable();
        matches.dedup();
        let identities: BTreeSet<&EntityKey> = matches.iter().map(|&i| &agencies[i].key).collect();
        let (Some(&target), 1) = (matches.first(), identities.len()) else { continue };
        let (key, label, country, parent) = {
            let t = &agencies[target];
            (t.key.clone(), t.label.clone(), t.country.clone(), t.parent.clone())
        };
        let agency = &mut agencies[index];
        let written = std::mem::replace(&mut agency.label, label);
        agency.key = key;
        agency.country = country;
        agency.parent = agency.parent.take().or(parent);
        if !agency.aliases.contains(&written) {
            agency.aliases.push(written);
        }
    }
}

/// The initials of a name's content words: "Australian Federal Police" -> "AFP".
fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter(|w| !w.is_empty() && !CONNECTORS.contains(w) && *w != "the")
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}
