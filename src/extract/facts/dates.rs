//! Dates written in the text, and the date of a sentence.

use crate::dates::{format_ymd, month_number, russian_month_number};
use crate::extract::Doc;
use crate::model::{DateMention, Span};

/// Dates in the text: "June 1, 2004", "Sept. 22" (the report's year), "24 September
/// 2008", "October 2005", "in 2023", "since 1990", "29 октября 2024 года".
pub(super) fn dates(doc: &Doc<'_>) -> Vec<DateMention> {
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
        // Russian: "29 октября 2024 года", "5 сентября" (the report's year).
        if let Ok(day) = word.parse::<u32>()
            && let Some(month) = russian_month_number(doc.word(index + 1))
        {
            let year = doc.word(index + 2).parse::<i32>().ok().filter(|y| (1900..=2100).contains(y));
            let (value, last) = match year {
                Some(year) => (format_ymd(year, month, day), index + 2),
                None => (report_year.and_then(|y| format_ymd(y, month, day)), index + 1),
            };
            if let (Some(value), Some(end)) = (value, doc.tokens.get(last)) {
                out.push(DateMention { value, span: Span::new(token.span.start, end.span.end) });
                index = last + 1;
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

pub(super) fn date_in(dates: &[DateMention], sentence: Span) -> Option<String> {
    dates.iter().find(|d| sentence.contains(d.span)).map(|d| d.value.clone())
}
