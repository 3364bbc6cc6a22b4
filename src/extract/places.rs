//! Places: countries (by name or demonym), cities, regions (with designators,
//! borders, US judicial districts), ports, bridges and airports.

use super::gazetteer::{GazetteerMatch, Layer, Region, RegionKind, Target};
use super::text::{SpanSet, capitalised, is_all_caps, strip_possessive};
use super::words::in_list;
use super::words::places::{
    LOWER_DESIGNATORS, PLACE_FOLLOWERS, PLACE_PREPOSITIONS, REGION_DESIGNATORS, US_STATE_ABBREVIATIONS,
};

/// Cities smaller than this, in a country the report does not name, are only
/// taken with a preposition before them ("in Of") or a country after them.
const SMALL_CITY: u64 = 100_000;
use super::{Doc, Found};
use crate::model::{EntityKey, EntityKind, ExternalId, Span};
use crate::slug::slugify;

pub(super) fn find(doc: &Doc<'_>, found: &mut Vec<Found>) {
    let mut claimed: Vec<Span> = Vec::new();
    borders(doc, found);
    judicial_districts(doc, found, &mut claimed);
    facilities(doc, found);
    elliptic_parts(doc, found);
    let claimed = SpanSet::new(claimed);
    for hit in &doc.matches {
        if claimed.overlaps(hit.span) {
            continue;
        }
        if let Some(place) = resolve(doc, hit) {
            found.push(place);
        }
    }
}

/// "southern and western Africa": two parts of a world region that share its
/// name, each the region the gazetteer knows by the full name ("Southern
/// Africa", "Western Africa" = West Africa). The whole world region is not meant.
fn elliptic_parts(doc: &Doc<'_>, found: &mut Vec<Found>) {
    const DIRECTIONS: &[&str] = &["northern", "southern", "eastern", "western", "central"];
    let direction = |index: usize| DIRECTIONS.iter().find(|d| doc.word(index).eq_ignore_ascii_case(d));
    // Few tokens are "and": test that first, the directions only around it.
    for and in 1..doc.tokens.len() {
        if doc.word(and) != "and" {
            continue;
        }
        let index = and - 1;
        let (Some(first), Some(second)) = (direction(index), direction(index + 2)) else { continue };
        let Some(area) = doc.tokens.get(index + 3) else { continue };
        let Some(hit) = doc.matches_starting_at(area.span.start).find(|m| is_place(m)) else { continue };
        let area_name = hit.span.slice(doc.text);
        let part = |dir: &str, span: Span| {
            let name = format!("{}{} {area_name}", dir[..1].to_ascii_uppercase(), &dir[1..]);
            let region = doc.gaz.find(&name).into_iter().find(|m| m.span.len() == name.len()).and_then(|m| {
                m.targets.iter().find_map(|t| match t {
                    Target::RegionName(i) | Target::RegionBase(i) => Some(*i),
                    _ => None,
                })
            })?;
            region_found(doc, region, span)
        };
        let (first_token, second_token) = (&doc.tokens[index], &doc.tokens[index + 2]);
        let (Some(a), Some(b)) =
            (part(first, first_token.span), part(second, Span::new(second_token.span.start, hit.span.end)))
        else {
            continue;
        };
        found.push(a);
        found.push(b);
    }
}

fn is_place(hit: &GazetteerMatch) -> bool {
    hit.targets.iter().any(|t| t.layer() == Layer::Place)
}

/// A country found by name or demonym.
pub(super) fn country_found(doc: &Doc<'_>, index: usize, span: Span) -> Option<Found> {
    let country = doc.gaz.countries.get(index)?;
    let mut place = Found::new(span, EntityKind::Country, EntityKey::Country(country.code.clone()), &country.label)
        .with_country(Some(country.code.clone()));
    if let Some(id) = country.geonames_id {
        place.external_ids.push(ExternalId::GeoNames(id));
    }
    if let Some(item) = &country.wikidata {
        place.external_ids.push(ExternalId::Wikidata(item.clone()));
    }
    Some(place)
}

fn city_found(doc: &Doc<'_>, index: usize, span: Span) -> Option<Found> {
    let city = doc.gaz.cities.get(index)?;
    let mut place = Found::new(span, EntityKind::City, EntityKey::City(city.geonames_id), &city.label)
        .with_country(Some(city.country.clone()));
    place.external_ids.push(ExternalId::GeoNames(city.geonames_id));
    Some(place)
}

fn region_found(doc: &Doc<'_>, index: usize, span: Span) -> Option<Found> {
    let region = doc.gaz.regions.get(index)?;
    Some(
        Found::new(span, EntityKind::Region, EntityKey::Region(region.id.clone()), &region.label)
            .with_country(region.country.clone()),
    )
}

/// Decides what one gazetteer match names, if it names a place.
fn resolve(doc: &Doc<'_>, hit: &GazetteerMatch) -> Option<Found> {
    let mut countries = Vec::new();
    let mut demonyms = Vec::new();
    let mut cities = Vec::new();
    let mut region_names = Vec::new();
    let mut region_bases = Vec::new();
    for target in &hit.targets {
        match *target {
            Target::CountryName(i) => countries.push(i),
            Target::CountryDemonym(i) => demonyms.push(i),
            Target::City(i) => cities.push(i),
            Target::RegionName(i) => region_names.push(i),
            Target::RegionBase(i) => region_bases.push(i),
            _ => {}
        }
    }
    if countries.is_empty()
        && demonyms.is_empty()
        && cities.is_empty()
        && region_names.is_empty()
        && region_bases.is_empty()
    {
        return None;
    }
    let written = hit.span.slice(doc.text);
    // "in March 2023": a month is not a town, outside a dateline.
    if crate::dates::month_number(written).is_some() && !written.ends_with('.') && !doc.is_dateline(hit.span) {
        return None;
    }
    // "Asia-Plus", "Kazakh-British": part of a compound proper name (borders are read separately).
    if let Some(rest) = doc.after(hit.span.end).strip_prefix('-')
        && rest.chars().next().is_some_and(char::is_uppercase)
        && !doc.matches_starting_at(hit.span.end + 1).any(is_place)
    {
        return None;
    }
    // "Times of Central Asia", "Voice of America": a newspaper or broadcaster, not the place.
    let head = doc.before(hit.span.start).trim_end();
    if ["Times of", "Voice of", "Radio Free", "News of"].iter().any(|media| head.ends_with(media)) {
        return None;
    }
    let all_caps = written.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    // "IN", "OR": short capitals are words, unless the gazetteer writes the name
    // so ("EU" for the European Union).
    // Russian acronyms ("СНГ") are listed among the Russian forms.
    let listed_acronym = || {
        region_names.iter().any(|&i| doc.gaz.regions.get(i).is_some_and(|r| r.names.iter().any(|n| n == written)))
            || doc.russian && !doc.gaz.russian_cases(written).is_empty()
    };
    if all_caps
        && written.chars().filter(|c| c.is_alphabetic()).count() < 4
        && countries.is_empty()
        && !listed_acronym()
    {
        return None;
    }

    // "RCMP Pacific Region", "the Atlantic District": a sea or world region with a
    // capitalised designator names an organisation's division, not a place.
    let following = doc.tokens.get(doc.token_at_or_after(hit.span.end)).filter(|t| {
        let next = t.span.slice(doc.text);
        doc.between(hit.span.end, t.span.start) == " "
            && next.starts_with(char::is_uppercase)
            && in_list(REGION_DESIGNATORS, next)
    });
    let designator_follows = following.is_some();
    let lower_follows = following.is_some_and(|t| in_list(LOWER_DESIGNATORS, t.span.slice(doc.text)));
    // A second-level unit answers only to its own level's designator.
    let only_wide_areas = designator_follows
        && countries.is_empty()
        && cities.is_empty()
        && region_names.iter().chain(&region_bases).all(|&i| {
            doc.gaz.regions.get(i).is_some_and(|r| {
                matches!(r.kind, RegionKind::Sea | RegionKind::Supranational)
                    || r.kind == RegionKind::District && !lower_follows
            })
        });
    if designator_follows && only_wide_areas {
        return None;
    }
    // "Sughd region", "Osh oblast", "the province of Kandahar": a region, whatever else the name is.
    if let Some(designated) = designated_region(doc, hit, &region_bases, &region_names, &cities) {
        return Some(designated);
    }
    if let Some(&index) = region_names.first() {
        return region_found(doc, index, hit.span);
    }
    // "Atlanta, Georgia" or "Meta, Colombia": a subdivision of the country or city
    // before or after it (not a city in a list of cities: "Astana, Almaty and Shymkent").
    if cities.is_empty()
        && let Some(region) = region_in_context(doc, hit, &region_bases)
    {
        return Some(region);
    }
    if let Some(&index) = countries.first() {
        if part_of_person_name(doc, hit.span) {
            return None;
        }
        return country_found(doc, index, hit.span);
    }
    if let Some(&index) = demonyms.first() {
        return country_found(doc, index, hit.span);
    }
    // "Victoria" in an Australian report, "Virginia" in an American one: a
    // subdivision of a country the report names beats a namesake city in a
    // country it does not name.
    if let Some(index) = home_subdivision(doc, &region_bases, &cities)
        && !part_of_person_name(doc, hit.span)
    {
        return region_found(doc, index, hit.span);
    }
    if !cities.is_empty()
        && let Some(index) = choose_city(doc, hit, &cities)
    {
        return city_found(doc, index, hit.span);
    }
    let bare = region_bases
        .iter()
        .copied()
        .filter(|&i| doc.gaz.regions.get(i).is_some_and(|r| r.bare))
        .max_by_key(|&i| region_rank(doc, i));
    match bare {
        Some(index) if !part_of_person_name(doc, hit.span) => region_found(doc, index, hit.span),
        _ => None,
    }
}

/// The subdivision among `bases` that lies in a country the report writes, when
/// no city of that name lies in a country the report writes.
fn home_subdivision(doc: &Doc<'_>, bases: &[usize], cities: &[usize]) -> Option<usize> {
    // Countries written by name or demonym: a city's namesake must not vouch for itself.
    let named = |code: &str| doc.writes_country(code);
    // "Victoria" in an Australian report that also names Argentina: a subdivision
    // of the report's own country beats a namesake city in another named country.
    let main = doc.main_country();
    let in_main = |code: Option<&str>| main.is_some() && code == main;
    let home_of_main = bases.iter().copied().find(|&i| {
        doc.gaz.regions.get(i).is_some_and(|r| r.kind == RegionKind::Subdivision && in_main(r.country.as_deref()))
    });
    let city_in_main = cities.iter().filter_map(|&i| doc.gaz.cities.get(i)).any(|c| in_main(Some(&c.country)));
    if let Some(home) = home_of_main
        && !city_in_main
    {
        return Some(home);
    }
    if cities.iter().filter_map(|&i| doc.gaz.cities.get(i)).any(|c| named(&c.country)) {
        return None;
    }
    let mut homes: Vec<usize> = bases
        .iter()
        .copied()
        .filter(|&i| {
            doc.gaz.regions.get(i).is_some_and(|r| {
                r.kind == RegionKind::Subdivision && r.country.as_deref().is_some_and(named) && r.label.len() >= 4
            })
        })
        .collect();
    homes.sort_unstable();
    homes.dedup();
    // Two subdivisions of named countries with one name: no way to choose.
    match homes.as_slice() {
        [only] => Some(*only),
        _ => None,
    }
}

/// Prefers regions in countries the report names, then gazetteer order.
fn region_rank(doc: &Doc<'_>, index: usize) -> (bool, std::cmp::Reverse<usize>) {
    let named =
        doc.gaz.regions.get(index).and_then(|r| r.country.as_deref()).is_some_and(|code| doc.names_country(code));
    (named, std::cmp::Reverse(index))
}

fn designated_region(
    doc: &Doc<'_>,
    hit: &GazetteerMatch,
    bases: &[usize],
    names: &[usize],
    cities: &[usize],
) -> Option<Found> {
    let after = doc.token_at_or_after(hit.span.end);
    let next = doc.word(after);
    let designator_after = in_list(REGION_DESIGNATORS, next)
        && doc.tokens.get(after).is_some_and(|t| doc.between(hit.span.end, t.span.start).trim().is_empty());
    let designator_before = designator_before(doc, hit.span.start);
    if !designator_after && designator_before.is_none() {
        return None;
    }
    // "Auckland District Court": a court's district is a judicial one, no unit
    // of the country; the name is the city's (the guideline's city inside an
    // agency's name), and judicial districts are read on their own.
    if designator_after && doc.word(after + 1) == "Court" {
        return None;
    }
    // "the Apure Department of Venezuela": a country after "department of" is the
    // region's country, not a region.
    if !designator_after && hit.targets.iter().any(|t| matches!(t, Target::CountryName(_) | Target::CountryDemonym(_)))
    {
        return None;
    }
    let written = match designator_before {
        Some(index) if !designator_after => doc.word(index),
        _ => next,
    };
    let lower = in_list(LOWER_DESIGNATORS, written);
    // "Pacific Region Intelligence Section": a designator makes a subdivision, never
    // a sea or a world region ("the Pacific Region" of an agency is no ocean).
    let units: Vec<usize> = bases
        .iter()
        .chain(names)
        .copied()
        .filter(|&i| {
            doc.gaz.regions.get(i).is_some_and(|r| {
                !matches!(r.kind, RegionKind::Sea | RegionKind::Supranational | RegionKind::River | RegionKind::Lake)
            })
        })
        .collect();
    // The written designator gives the level: "Batken district" is not Batken
    // Region, "Ada province" is not Ada County.
    let candidates: Vec<usize> =
        units.iter().copied().filter(|&i| doc.gaz.regions.get(i).is_some_and(|r| lower == is_lower_unit(r))).collect();
    let span = if designator_after {
        let end = doc.tokens.get(after).map_or(hit.span.end, |t| t.span.end);
        Span::new(hit.span.start, end)
    } else {
        hit.span
    };
    if let Some(index) = candidates.iter().copied().max_by_key(|&i| region_rank(doc, i)) {
        let mut region = region_found(doc, index, span)?;
        // A region labelled by its bare name ("Apure") written with a designator
        // ("Apure Department") takes the designator the report uses.
        let gazetteer_designator = doc.gaz.regions.get(index).is_some_and(|r| !r.designator.is_empty());
        if designator_after && !gazetteer_designator {
            region.label = format!("{} {}", region.label, capitalised(next));
        }
        return Some(region);
    }
    // A designated place missing from the gazetteer ("Chui region" spelt
    // otherwise, "Vakhsh district"): a unit named after the city it is known
    // by, or after the region whose name it shares ("Batken district").
    let designator = if designator_after { next } else { "region" };
    let city = cities
        .iter()
        .copied()
        .max_by_key(|&i| doc.gaz.cities.get(i).map_or(0, |c| c.population))
        .and_then(|i| doc.gaz.cities.get(i))
        .filter(|c| !c.common_word)
        .map(|c| (c.label.as_str(), c.country.as_str()));
    let namesake = || {
        let mut regions = units.iter().filter_map(|&i| doc.gaz.regions.get(i)).filter(|_| lower);
        let first = regions.next()?;
        let base = first.bases.first().map_or(first.label.as_str(), String::as_str);
        let country = first.country.as_deref()?;
        regions.all(|r| r.country.as_deref() == Some(country)).then_some((base, country))
    };
    let (name, country) = city.or_else(namesake)?;
    let label = format!("{name} {}", capitalised(designator));
    Some(
        Found::new(span, EntityKind::Region, EntityKey::Region(format!("{country}-{}", slugify(&label))), label)
            .with_country(Some(country.to_owned())),
    )
}

/// True for a unit below the first level, or a first-level one its country
/// calls a district or county.
fn is_lower_unit(region: &Region) -> bool {
    region.kind == RegionKind::District || in_list(LOWER_DESIGNATORS, &region.designator)
}

/// The token of the designator in "the province of Kandahar", given the
/// name's start, when one stands there ("the Republic of" is a country's name).
fn designator_before(doc: &Doc<'_>, start: usize) -> Option<usize> {
    let mut of_index = doc.token_before(start)?;
    if doc.word(of_index).eq_ignore_ascii_case("the") {
        of_index = of_index.checked_sub(1)?;
    }
    let designator = of_index.checked_sub(1)?;
    (doc.word(of_index).eq_ignore_ascii_case("of")
        && in_list(REGION_DESIGNATORS, doc.word(designator))
        && !doc.word(designator).eq_ignore_ascii_case("republic"))
    .then_some(designator)
}

/// "City, Region" or "Region, Country": the subdivision the neighbouring place confirms.
fn region_in_context(doc: &Doc<'_>, hit: &GazetteerMatch, bases: &[usize]) -> Option<Found> {
    if bases.is_empty() {
        return None;
    }
    let mut context_countries = Vec::new();
    // The place after ", ".
    if doc.after(hit.span.end).starts_with(", ")
        && let Some(next) = doc.matches_starting_at(hit.span.end + 2).find(|m| is_place(m))
    {
        for target in &next.targets {
            if let Target::CountryName(i) = target
                && let Some(country) = doc.gaz.countries.get(*i)
            {
                context_countries.push(country.code.clone());
            }
        }
    }
    // The city before ", ".
    if hit.span.start >= 2
        && doc.before(hit.span.start).ends_with(", ")
        && let Some(previous) = doc.matches_ending_at(hit.span.start - 2).find(|m| is_place(m))
    {
        for target in &previous.targets {
            if let Target::City(i) = target
                && let Some(city) = doc.gaz.cities.get(*i)
            {
                context_countries.push(city.country.clone());
            }
        }
    }
    let index = bases.iter().copied().find(|&i| {
        doc.gaz.regions.get(i).is_some_and(|r| {
            r.kind != RegionKind::District && r.country.as_ref().is_some_and(|code| context_countries.contains(code))
        })
    })?;
    region_found(doc, index, hit.span)
}

/// Picks the city a name means: one in a country the report names, else the
/// biggest; a small or common-word city needs a preposition or a country beside it.
fn choose_city(doc: &Doc<'_>, hit: &GazetteerMatch, cities: &[usize]) -> Option<usize> {
    let best_named = cities
        .iter()
        .copied()
        .filter(|&i| doc.gaz.cities.get(i).is_some_and(|c| doc.names_country(&c.country)))
        .max_by_key(|&i| doc.gaz.cities.get(i).map_or(0, |c| c.population));
    let best_any = cities.iter().copied().max_by_key(|&i| doc.gaz.cities.get(i).map_or(0, |c| c.population))?;
    let index = best_named.unwrap_or(best_any);
    let city = doc.gaz.cities.get(index)?;
    if part_of_person_name(doc, hit.span) {
        return None;
    }
    // A common word abroad ("between Police and Customs" in an American report: a
    // town in Poland) needs more than a preposition: its country or region beside it.
    let preposition_suffices = !(city.common_word && best_named.is_none());
    let strong_context = preposition_suffices && after_preposition(doc, hit.span)
        || followed_by_place(doc, hit.span)
        || doc.is_dateline(hit.span);
    let needs_context = city.common_word || (best_named.is_none() && city.population < SMALL_CITY);
    if needs_context && !strong_context {
        return None;
    }
    Some(index)
}

fn after_preposition(doc: &Doc<'_>, span: Span) -> bool {
    let Some(mut before) = doc.token_before(span.start) else { return false };
    if doc.word(before).eq_ignore_ascii_case("the") {
        before = match before.checked_sub(1) {
            Some(index) => index,
            None => return false,
        };
    }
    in_list(PLACE_PREPOSITIONS, doc.word(before))
}

fn followed_by_place(doc: &Doc<'_>, span: Span) -> bool {
    let rest = doc.after(span.end);
    let Some(after_comma) = rest.strip_prefix(", ") else { return false };
    let start = span.end + (rest.len() - after_comma.len());
    doc.matches_starting_at(start).any(|m| {
        m.targets.iter().any(|t| matches!(t, Target::CountryName(_) | Target::RegionBase(_) | Target::RegionName(_)))
    }) || after_comma.split_whitespace().next().is_some_and(|w| US_STATE_ABBREVIATIONS.contains(&w))
}

/// True when the place name sits inside a person's name ("Victoria Nuland",
/// "Michael Jordan", "Mr. Houston", "George W. Bush", "KAREN P. TANDY").
pub(super) fn part_of_person_name(doc: &Doc<'_>, span: Span) -> bool {
    // Russian names are read by their own rules, which drop a town's name
    // inside a person's ("Иванов Сергей Петрович").
    if doc.russian {
        return false;
    }
    let written = span.slice(doc.text);
    let written_caps = is_all_caps(written, 1);
    if pair_with_person_cue(doc, span) {
        return true;
    }
    let after = doc.token_at_or_after(span.end);
    if let Some(token) = doc.tokens.get(after) {
        let gap = doc.between(span.end, token.span.start);
        let word = doc.word(after);
        let is_other_place = doc.matches_starting_at(token.span.start).any(is_place);
        let initial = word.chars().count() == 1
            && word.chars().all(char::is_uppercase)
            && doc.after(token.span.end).starts_with('.');
        // "Georgia Tuesday" is a place and a day, no name.
        let capitalised_name = word.chars().next().is_some_and(char::is_uppercase)
            && !is_all_caps(word, 1)
            && !crate::dates::is_calendar_word(word)
            && !doc.gaz.common_words.contains(word.to_ascii_lowercase().as_str());
        // In a name written in capitals ("BASHIR NOORZAI"), the next capitalised word.
        let capital_run = written_caps && is_all_caps(word, 1) && word.chars().count() >= 2;
        if gap == " "
            && doc.is_word(after)
            && (initial || capitalised_name || capital_run)
            && !in_list(PLACE_FOLLOWERS, word)
            && !is_other_place
        {
            return true;
        }
        // "Jordan Reed, the driver," / "Chad Brown said": a capitalised word after the
        // place, then an appositive or a verb of speech, makes the pair a person's name.
        let rest = doc.after(token.span.end).trim_start();
        let appositive = ["the ", "a ", "an ", "age "]
            .iter()
            .any(|w| rest.strip_prefix(',').is_some_and(|r| r.trim_start().starts_with(w)))
            || rest.strip_prefix(',').is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
            || ["said", "says", "told", "added"].iter().any(|v| rest.starts_with(v));
        if gap == " " && surname_after_place(doc, after) && !is_other_place && appositive {
            return true;
        }
    }
    if let Some(before) = doc.token_before(span.start) {
        let word = doc.word(before);
        let gap = doc.between(doc.tokens[before].span.end, span.start);
        if matches!(word, "Mr" | "Mrs" | "Ms" | "Dr") && (gap == " " || gap == ". ") {
            return true;
        }
        // "MICHAEL J. GARCIA": a middle initial before it.
        if word == "." && gap == " " && before >= 1 {
            let initial = doc.word(before - 1);
            if initial.chars().count() == 1
                && initial.chars().all(char::is_uppercase)
                && doc.tokens[before - 1].span.end == doc.tokens[before].span.start
            {
                return true;
            }
        }
        let previous_is_place = doc.matches_ending_at(doc.tokens[before].span.end).any(is_place);
        if gap == " "
            && !previous_is_place
            && (doc.gaz.given_names.contains(word)
                && !doc.gaz.common_words.contains(word.to_ascii_lowercase().as_str())
                || written_caps
                    && is_all_caps(word, 1)
                    && word.chars().count() >= 2
                    && doc.gaz.given_names.contains(capitalised(word).as_str()))
        {
            return true;
        }
    }
    false
}

/// "Jordan Taylor, 34, pleaded guilty": two capitalised words (this one and its
/// neighbour) followed by an age or an appositive are a person's name, even when
/// both are also place names.
/// Whether the word at `index` can be a surname after a place name that is
/// also a given name ("Jordan Reed", "Victoria Brown"): capitalised but not
/// written in capitals, and neither a day or month ("Georgia Tuesday") nor a
/// word naming part of a place ("Jordan Valley").
fn surname_after_place(doc: &Doc<'_>, index: usize) -> bool {
    let word = doc.word(index);
    doc.is_word(index)
        && word.chars().next().is_some_and(char::is_uppercase)
        && !is_all_caps(word, 1)
        && !crate::dates::is_calendar_word(word)
        && !in_list(PLACE_FOLLOWERS, word)
}

fn pair_with_person_cue(doc: &Doc<'_>, span: Span) -> bool {
    let cue_after = |end: usize| {
        let rest = doc.after(end).trim_start();
        let Some(rest) = rest.strip_prefix(',') else {
            return ["said", "says", "told", "added", "pleaded", "was arrested", "was sentenced"]
                .iter()
                .any(|v| rest.starts_with(v));
        };
        let rest = rest.trim_start();
        rest.starts_with(|c: char| c.is_ascii_digit())
            || ["the ", "a ", "an ", "age ", "aged ", "a/k/a", "aka "].iter().any(|w| rest.starts_with(w))
    };
    // An official's title in apposition: "Victoria Brown, head of the unit".
    // Only after a surname: after the place itself it is a place's office
    // ("In Samara, Prosecutor General's Office ..."), and "In" is a given name.
    let title_after = |end: usize| {
        doc.after(end).trim_start().strip_prefix(',').map(str::trim_start).is_some_and(|rest| {
            doc.gaz.titles.iter().any(|title| {
                rest.get(..title.len()).is_some_and(|start| start.eq_ignore_ascii_case(title))
                    && !rest[title.len()..].starts_with(|c: char| c.is_alphanumeric())
            })
        })
    };
    let capitalised_word = |index: usize| {
        doc.is_word(index)
            && doc.word(index).chars().next().is_some_and(char::is_uppercase)
            && !is_all_caps(doc.word(index), 1)
    };
    let given = |word: &str| doc.gaz.given_names.contains(word);
    let after = doc.token_at_or_after(span.end);
    let next_adjacent = doc.tokens.get(after).is_some_and(|t| doc.between(span.end, t.span.start) == " ");
    if next_adjacent
        && surname_after_place(doc, after)
        && given(span.slice(doc.text))
        && (cue_after(doc.tokens[after].span.end) || title_after(doc.tokens[after].span.end))
    {
        return true;
    }
    let Some(before) = doc.token_before(span.start) else { return false };
    let previous_adjacent = doc.between(doc.tokens[before].span.end, span.start) == " ";
    previous_adjacent && capitalised_word(before) && given(doc.word(before)) && cue_after(span.end)
}

/// "Tajik-Afghan border", "Afghanistan/Pakistan border": a region named by two countries.
fn borders(doc: &Doc<'_>, found: &mut Vec<Found>) {
    let place_matches: Vec<&GazetteerMatch> = doc.matches.iter().filter(|m| is_place(m)).collect();
    for pair in place_matches.windows(2) {
        let (first, second) = (pair[0], pair[1]);
        let between = doc.between(first.span.end, second.span.start);
        if !matches!(between.trim(), "-" | "/" | "–" | "—") {
            continue;
        }
        let rest = doc.after(second.span.end).trim_start();
        if !rest.get(..6).is_some_and(|w| w.eq_ignore_ascii_case("border")) {
            continue;
        }
        let (Some(a), Some(b)) = (country_of(first), country_of(second)) else { continue };
        let (Some(country_a), Some(country_b)) = (doc.gaz.countries.get(a), doc.gaz.countries.get(b)) else { continue };
        if country_a.code == country_b.code {
            continue;
        }
        let end = second.span.end + (doc.after(second.span.end).len() - rest.len()) + "border".len();
        let label = format!("{}-{} border", country_a.label, country_b.label);
        let mut codes = [country_a.code.as_str(), country_b.code.as_str()];
        codes.sort_unstable();
        found.push(Found::new(
            Span::new(first.span.start, end),
            EntityKind::Region,
            EntityKey::Region(format!("border-{}-{}", codes[0], codes[1])),
            label,
        ));
    }
}

fn country_of(hit: &GazetteerMatch) -> Option<usize> {
    hit.targets.iter().find_map(|target| match target {
        Target::CountryName(i) | Target::CountryDemonym(i) => Some(*i),
        _ => None,
    })
}

/// "Southern District of New York": a US judicial district (a Region), whose
/// state name is not a city mention.
fn judicial_districts(doc: &Doc<'_>, found: &mut Vec<Found>, claimed: &mut Vec<Span>) {
    const DIRECTIONS: &[&str] = &["Northern", "Southern", "Eastern", "Western", "Middle", "Central"];
    for (index, token) in doc.tokens.iter().enumerate() {
        if doc.word(index) != "District" || doc.word(index + 1) != "of" {
            continue;
        }
        let Some(state_token) = doc.tokens.get(index + 2) else { continue };
        let Some(state) = doc.matches_starting_at(state_token.span.start).find(|m| {
            m.targets.iter().any(|t| match t {
                Target::RegionBase(i) | Target::RegionName(i) => {
                    doc.gaz.regions.get(*i).is_some_and(|r| r.country.as_deref() == Some("US"))
                }
                Target::City(i) => doc.gaz.cities.get(*i).is_some_and(|c| c.country == "US"),
                _ => false,
            })
        }) else {
            continue;
        };
        let direction = index.checked_sub(1).filter(|&d| DIRECTIONS.contains(&doc.word(d)));
        let start = direction.map_or(token.span.start, |d| doc.tokens[d].span.start);
        let span = Span::new(start, state.span.end);
        let label = span.slice(doc.text).split_whitespace().collect::<Vec<_>>().join(" ");
        if label == "District of Columbia" {
            continue;
        }
        found.push(
            Found::new(span, EntityKind::Region, EntityKey::Region(format!("us-{}", slugify(&label))), label)
                .with_country(Some("US".to_owned())),
        );
        claimed.push(state.span);
    }
}

/// Ports, bridges, airports and crossings with a proper name.
fn facilities(doc: &Doc<'_>, found: &mut Vec<Found>) {
    const HEADS: &[&[&str]] = &[
        &["Port", "of", "Entry"],
        &["International", "Bridge"],
        &["International", "Airport"],
        &["Airport"],
        &["Airfield"],
        &["Air", "Base"],
        &["Seaport"],
        &["Freeport"],
        &["Container", "Terminal"],
        &["Container", "Examination", "Facility"],
        &["Terminal"],
        &["Docks"],
        &["Wharf"],
        &["Industrial", "Estate"],
        &["Bridge"],
        &["Border", "Crossing"],
        &["Border", "Checkpoint"],
        &["Checkpoint"],
        &["Islands"],
        &["Archipelago"],
    ];
    let mut index = 0;
    while index < doc.tokens.len() {
        // "Western Indian Ocean", "Southern Caspian": a direction before a sea or a
        // world region names a part of it.
        if let Some(found_part) = directional_part(doc, index) {
            found.push(found_part);
            index += 2;
            continue;
        }
        // "Metro Vancouver", "Metro Manila": a metropolitan area named by its city.
        if doc.word(index) == "Metro"
            && let Some(next) = doc.tokens.get(index + 1)
            && single_space(doc, index)
            && let Some(city) = doc
                .matches_starting_at(next.span.start)
                .find(|m| m.targets.iter().any(|t| matches!(t, Target::City(_))))
        {
            let span = Span::new(doc.tokens[index].span.start, city.span.end);
            let label = span.slice(doc.text).split_whitespace().collect::<Vec<_>>().join(" ");
            let key = format!("site-{}", slugify(&label));
            found.push(Found::new(span, EntityKind::Region, EntityKey::Region(key), label));
            index = doc.token_at_or_after(city.span.end);
            continue;
        }
        // "Port of Miami", "Port of Rotterdam".
        if doc.word(index) == "Port" && doc.word(index + 1) == "of" && doc.word(index + 2) != "Entry" {
            let name = index + 2;
            if doc.word(name).chars().next().is_some_and(char::is_uppercase) && doc.is_word(name) {
                let mut end = name;
                while doc.word(end + 1).chars().next().is_some_and(char::is_uppercase)
                    && doc.is_word(end + 1)
                    && single_space(doc, end)
                {
                    end += 1;
                }
                push_facility(doc, index, end, found);
                index = end + 1;
                continue;
            }
        }
        let word = doc.word(index);
        // Most tokens start no head: a cheap first-letter test before the list.
        let maybe_head = word.starts_with(['P', 'I', 'A', 'S', 'F', 'C', 'T', 'D', 'W', 'B']);
        let Some(head) = HEADS.iter().filter(|_| maybe_head).find(|head| {
            // "El Dorado Airport's cargo facility": the head may carry a possessive.
            head.iter().enumerate().all(|(k, w)| {
                let word = doc.word(index + k);
                word == *w || k + 1 == head.len() && strip_possessive(word) == *w
            })
        }) else {
            index += 1;
            continue;
        };
        let head_end = index + head.len() - 1;
        let mut start = index;
        while start > 0 {
            let previous = start - 1;
            let word = doc.word(previous);
            let capitalised = doc.is_word(previous) && word.chars().next().is_some_and(char::is_uppercase);
            let acronym = word.len() > 1 && word.chars().all(|c| c.is_ascii_uppercase());
            // "Melbourne's Maribyrnong Terminal": the owner is not part of the name.
            let possessive = strip_possessive(word) != word;
            let gap = doc.between(doc.tokens[previous].span.end, doc.tokens[start].span.start);
            if !capitalised
                || acronym
                || possessive
                || gap != " "
                || doc.starts_sentence(previous) && start - previous > 3
            {
                break;
            }
            start = previous;
            if index - start >= 4 {
                break;
            }
        }
        if start < index {
            push_facility(doc, start, head_end, found);
        }
        index = head_end + 1;
    }
}

/// "Western Indian Ocean": a capitalised direction right before a sea or a
/// world region, itself not part of a longer name ("South Africa").
fn directional_part(doc: &Doc<'_>, index: usize) -> Option<Found> {
    const DIRECTIONS: &[&str] =
        &["Western", "Eastern", "Northern", "Southern", "Central", "North", "South", "East", "West"];
    let word = doc.word(index);
    if !DIRECTIONS.contains(&word) || !single_space(doc, index) {
        return None;
    }
    let token = doc.tokens.get(index)?;
    // "South Africa", "Western Sahara": a longer name that starts with the direction.
    if doc.matches_overlapping(token.span).any(|m| m.span != token.span) {
        return None;
    }
    let next = doc.tokens.get(index + 1)?;
    let (hit, region) = doc.matches_starting_at(next.span.start).find_map(|m| {
        m.targets.iter().find_map(|t| match t {
            Target::RegionName(i) | Target::RegionBase(i) => doc
                .gaz
                .regions
                .get(*i)
                .filter(|r| matches!(r.kind, RegionKind::Sea | RegionKind::Supranational))
                .map(|r| (m, r)),
            _ => None,
        })
    })?;
    let span = Span::new(token.span.start, hit.span.end);
    let label = format!("{word} {}", region.label);
    let key = format!("{}-{}", slugify(word), region.id);
    Some(Found::new(span, EntityKind::Region, EntityKey::Region(key), label).with_country(region.country.clone()))
}

fn single_space(doc: &Doc<'_>, index: usize) -> bool {
    match (doc.tokens.get(index), doc.tokens.get(index + 1)) {
        (Some(a), Some(b)) => doc.between(a.span.end, b.span.start) == " ",
        _ => false,
    }
}

fn push_facility(doc: &Doc<'_>, first: usize, last: usize, found: &mut Vec<Found>) {
    let (Some(first_token), Some(last_token)) = (doc.tokens.get(first), doc.tokens.get(last)) else { return };
    let last_word = doc.word(last);
    let end = last_token.span.end - (last_word.len() - strip_possessive(last_word).len());
    let span = Span::new(first_token.span.start, end);
    // A name the gazetteer knows as a whole ("Cayman Islands", "Solomon Islands")
    // is that place, not a site.
    if doc.matches_starting_at(span.start).any(|m| m.span.end == span.end && is_place(m)) {
        return;
    }
    let label = span
        .slice(doc.text)
        .split_whitespace()
        .map(|w| {
            if w.chars().all(|c| c.is_lowercase()) && !matches!(w, "of" | "the") {
                capitalised(w)
            } else {
                w.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    // "El Dorado Airport" and "El Dorado International Airport" are one place.
    let key = slugify(&label.replace(" International ", " "));
    found.push(Found::new(span, EntityKind::Region, EntityKey::Region(format!("site-{key}")), label));
}
