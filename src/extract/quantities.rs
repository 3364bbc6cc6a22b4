//! Quantities of drugs: weights normalised to kilograms (with ranges and
//! bounds) and counts of pills or doses.

use crate::model::{Quantity, Span};
use regex::Regex;
use std::sync::LazyLock;

/// Kilograms per unit. A "ton" in drug reporting is almost always a metric
/// tonne (UNODC and Central Asian agencies report in tonnes), so both are 1,000 kg.
const UNITS: &[(&str, f64)] = &[
    ("kilogram", 1.0),
    ("kilogramme", 1.0),
    ("kilo", 1.0),
    ("kg", 1.0),
    ("gram", 0.001),
    ("gramme", 0.001),
    ("gr", 0.001),
    ("g", 0.001),
    ("milligram", 0.000_001),
    ("mg", 0.000_001),
    ("metric ton", 1000.0),
    ("tonne", 1000.0),
    ("ton", 1000.0),
    ("t", 1000.0),
    ("pound", 0.453_592_37),
    ("lb", 0.453_592_37),
    ("ounce", 0.028_349_523),
    ("oz", 0.028_349_523),
];

/// Words for small numbers ("one kilogram or more").
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("a dozen", 12.0),
    ("half a", 0.5),
];

const NUMBER: &str =
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|a dozen|half a)";

// ASCII word boundaries ("(?-u:\b)"): numbers and units are ASCII, and a
// Unicode boundary would keep the regex engine off its fast lazy DFA.
static WEIGHT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<qual>more than|over|above|in excess of|about|approximately|approx\.|around|nearly|almost|at least|less than|under|up to|roughly|some|an estimated|a total of|totaling|totalling)?\s*(?:between\s+)?(?P<a>{NUMBER})(?:\s*(?:-|–|to|and)\s*(?P<b>{NUMBER}))?\s*(?P<mult>million|thousand|hundred)?\s*(?P<unit>kilogrammes?|kilograms?|kilos?|kgs?|grammes?|grams?|gr|g|milligrams?|mg|metric tons?|tonnes?|tons?|t|pounds?|lbs?|ounces?|oz)(?-u:\b)(?:\s*\((?:kg|g|lbs?|t)\))?"
    ))
    .ok()
});

static COUNT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<qual>more than|over|about|approximately|around|nearly|almost|at least|less than|up to|some)?\s*(?P<a>{NUMBER})\s*(?P<mult>million|thousand|hundred)?\s*(?:(?P<what>[a-z][a-z-]+)\s+)??(?P<unit>single doses|doses|pills|tablets|capsules|ampoules|ampules|blotters|bottles|packages|packets|bricks|bundles|plants|bushes|sachets|vials)(?-u:\b)"
    ))
    .ok()
});

/// Russian weights: "15 кг", "0,715 грамма", "более 100 кг", "13 тонн 183
/// килограмма" (a compound weight: tonnes and kilograms added). A comma or a
/// dot is the decimal mark; a space groups thousands ("1 200 кг").
static RUSSIAN_WEIGHT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    const RU_NUMBER: &str = r"\d{1,3}(?:[ \u{a0}]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?";
    const RU_UNIT: &str = r"кг|килограмм(?:а|ов|ами|ах|ом|у)?|г|гр|грамм(?:а|ов|ами|ах|ом|у)?|тонн(?:а|ы|у|ой|ами|ах)?|т|мг|миллиграмм(?:а|ов)?";
    Regex::new(&format!(
        r"(?i)(?P<qual>более|свыше|больше|около|порядка|примерно|почти|не менее|менее|до|не более)?\s*(?P<a>{RU_NUMBER})\s*(?P<unit>{RU_UNIT})(?:\s+(?P<b>{RU_NUMBER})\s*(?P<unit2>{RU_UNIT}))?(?:[^\w]|$)"
    ))
    .ok()
});

fn russian_unit_factor(unit: &str) -> Option<f64> {
    let lower = unit.to_lowercase();
    Some(if lower.starts_with("миллиграмм") || lower == "мг" {
        0.000_001
    } else if lower.starts_with("килограмм") || lower == "кг" {
        1.0
    } else if lower.starts_with("грамм") || lower == "г" || lower == "гр" {
        0.001
    } else if lower.starts_with("тонн") || lower == "т" {
        1000.0
    } else {
        return None;
    })
}

fn parse_russian_number(text: &str) -> Option<f64> {
    text.replace([' ', '\u{a0}'], "").replace(',', ".").parse().ok()
}

/// Every weight in a Russian `text` (offsets are relative to `text` plus `offset`).
pub fn russian_weights(text: &str, offset: usize) -> Vec<Quantity> {
    let Some(regex) = RUSSIAN_WEIGHT.as_ref() else { return Vec::new() };
    let mut out = Vec::new();
    for caps in regex.captures_iter(text) {
        let (Some(a), Some(unit)) = (caps.name("a"), caps.name("unit")) else { continue };
        // A number glued to letters before it ("ст.188") is no weight, nor a
        // year before "г." or "т." ("2011 г.": the year 2011).
        if text[..a.start()].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '.')
            || matches!(unit.as_str(), "г" | "т" | "Г" | "Т") && a.as_str().len() == 4
        {
            continue;
        }
        let (Some(value), Some(first_factor)) = (parse_russian_number(a.as_str()), russian_unit_factor(unit.as_str()))
        else {
            continue;
        };
        let mut kg = value * first_factor;
        let mut end = unit.end();
        // "13 тонн 183 килограмма": a smaller unit after a larger one adds to it.
        if let (Some(b), Some(unit2)) = (caps.name("b"), caps.name("unit2"))
            && let (Some(value), Some(factor)) = (parse_russian_number(b.as_str()), russian_unit_factor(unit2.as_str()))
            && factor < first_factor
        {
            kg += value * factor;
            end = unit2.end();
        }
        let kg = tidy(kg);
        let qualifier = caps.name("qual").map(|q| q.as_str().to_lowercase());
        let bounds = match qualifier.as_deref() {
            Some("более" | "свыше" | "больше" | "не менее") => (Some(kg), None),
            Some("менее" | "до" | "не более") => (None, Some(kg)),
            _ => (Some(kg), Some(kg)),
        };
        let start = caps.name("qual").map_or(a.start(), |q| q.start());
        out.push(weight(text, offset, start..end, bounds));
    }
    out
}

/// A weight written at `at` in `text` (whose first byte is at `offset` in the
/// report), between its lower and upper bounds in kilograms.
fn weight(
    text: &str,
    offset: usize,
    at: std::ops::Range<usize>,
    (min_kg, max_kg): (Option<f64>, Option<f64>),
) -> Quantity {
    Quantity {
        min_kg,
        max_kg,
        count: None,
        count_unit: None,
        text: text[at.clone()].to_owned(),
        span: Span::new(offset + at.start, offset + at.end),
    }
}

fn parse_number(text: &str) -> Option<f64> {
    let lower = text.to_ascii_lowercase();
    if let Some((_, value)) = NUMBER_WORDS.iter().find(|(word, _)| *word == lower) {
        return Some(*value);
    }
    lower.replace(',', "").parse().ok()
}

fn multiplier(text: Option<&str>) -> f64 {
    match text.map(str::to_ascii_lowercase).as_deref() {
        Some("million") => 1_000_000.0,
        Some("thousand") => 1_000.0,
        Some("hundred") => 100.0,
        _ => 1.0,
    }
}

fn unit_factor(unit: &str) -> Option<f64> {
    let lower = unit.to_ascii_lowercase();
    let singular = lower.trim_end_matches('s');
    UNITS.iter().find(|(name, _)| *name == singular || *name == lower).map(|(_, factor)| *factor)
}

/// Rounds away floating-point noise (0.1 + 0.2) to a stable decimal.
fn tidy(value: f64) -> f64 {
    (value * 1e9).round() / 1e9
}

/// Every weight in `text` (offsets are relative to `text` plus `offset`).
pub fn weights(text: &str, offset: usize) -> Vec<Quantity> {
    let Some(regex) = WEIGHT.as_ref() else { return Vec::new() };
    let mut out = Vec::new();
    for caps in regex.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let (Some(a), Some(unit)) = (caps.name("a"), caps.name("unit")) else { continue };
        // "$50 million" is money, not a weight; "2016 t" is not a weight either.
        let before = text[..whole.start()].trim_end();
        if before.ends_with('$')
            || before.ends_with('€')
            || unit.as_str() == "t" && !a.as_str().contains('.') && a.as_str().len() == 4
        {
            continue;
        }
        let Some(factor) = unit_factor(unit.as_str()) else { continue };
        let mult = multiplier(caps.name("mult").map(|m| m.as_str()));
        let Some(first) = parse_number(a.as_str()).map(|v| tidy(v * mult * factor)) else { continue };
        let second = caps.name("b").and_then(|b| parse_number(b.as_str())).map(|v| tidy(v * mult * factor));
        let qualifier = caps.name("qual").map(|q| q.as_str().to_ascii_lowercase());
        let (min_kg, max_kg) = match (second, qualifier.as_deref()) {
            (Some(second), _) => (Some(first.min(second)), Some(first.max(second))),
            (None, Some("more than" | "over" | "above" | "in excess of" | "at least")) => (Some(first), None),
            (None, Some("less than" | "under" | "up to")) => (None, Some(first)),
            (None, _) => (Some(first), Some(first)),
        };
        let start = whole.start() + (whole.as_str().len() - whole.as_str().trim_start().len());
        out.push(weight(text, offset, start..whole.end(), (min_kg, max_kg)));
    }
    out
}

/// Every count of units ("3,000 single doses", "100 packages") in `text`.
pub fn counts(text: &str, offset: usize) -> Vec<Quantity> {
    let Some(regex) = COUNT.as_ref() else { return Vec::new() };
    let mut out = Vec::new();
    for caps in regex.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let (Some(a), Some(unit)) = (caps.name("a"), caps.name("unit")) else { continue };
        let Some(value) = parse_number(a.as_str()) else { continue };
        let count = tidy(value * multiplier(caps.name("mult").map(|m| m.as_str())));
        let start = whole.start() + (whole.as_str().len() - whole.as_str().trim_start().len());
        out.push(Quantity {
            min_kg: None,
            max_kg: None,
            count: Some(count),
            count_unit: Some(unit.as_str().to_ascii_lowercase()),
            text: text[start..whole.end()].to_owned(),
            span: Span::new(offset + start, offset + whole.end()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (Option<f64>, Option<f64>) {
        let found = weights(text, 0);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        (found[0].min_kg, found[0].max_kg)
    }

    #[test]
    fn patterns_compile() {
        assert!(WEIGHT.is_some());
        assert!(COUNT.is_some());
    }

    #[test]
    fn weights_are_normalised_to_kilograms() {
        assert_eq!(one("a unit of cocaine weighing 250 grams"), (Some(0.25), Some(0.25)));
        assert_eq!(one("483.2 kg of psychotropic substances"), (Some(483.2), Some(483.2)));
        assert_eq!(one("about 0.5-1.0 kilogram (kg) of cocaine"), (Some(0.5), Some(1.0)));
        assert_eq!(one("more than 17 tons of poppy raw materials"), (Some(17000.0), None));
        assert_eq!(one("less than 3 kg"), (None, Some(3.0)));
        assert_eq!(one("between 10 and 15 kilograms"), (Some(10.0), Some(15.0)));
        assert_eq!(one("61 pounds of alleged cocaine"), (Some(27.669_134_57), Some(27.669_134_57)));
        assert_eq!(one("1,200 kg"), (Some(1200.0), Some(1200.0)));
        assert_eq!(one("one kilogram or more of heroin"), (Some(1.0), Some(1.0)));
    }

    #[test]
    fn money_and_model_years_are_not_weights() {
        assert!(weights("$50 million worth of heroin", 0).is_empty());
        assert!(weights("seized $2.4 million in cocaine", 0).is_empty());
        assert!(weights("a 2016 Ford Explorer", 0).is_empty());
    }

    #[test]
    fn counts_keep_units() {
        let found = counts("more than 3,000 single doses and 100 packages", 10);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].count, Some(3000.0));
        assert_eq!(found[0].count_unit.as_deref(), Some("single doses"));
        assert_eq!(found[1].span.start, 10 + "more than 3,000 single doses and ".len());
    }
}
