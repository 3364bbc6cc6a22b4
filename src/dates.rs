//! Reading dates written by people ("Sept. 22, 2024", "17 December 2024",
//! "2024-12-17T08:00:00Z") into ISO 8601 form.
//!
//! Shared by `ingest` (report metadata) and `extract` (dates in the text).
//! Pure functions; nothing here panics.

/// Month names and abbreviations as written in English news, with their number.
pub const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// Month names in the genitive, as Russian writes a date ("29 октября 2024
/// года"), with their number.
pub const RUSSIAN_MONTHS: &[(&str, u32)] = &[
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
];

/// The number of a Russian month name in the genitive (lowercase, as dates
/// are written).
pub fn russian_month_number(word: &str) -> Option<u32> {
    RUSSIAN_MONTHS.iter().find(|(name, _)| *name == word).map(|(_, number)| *number)
}

/// The number of a month name or abbreviation (any case, trailing dot allowed).
pub fn month_number(word: &str) -> Option<u32> {
    // Called for every token of a report, so it compares without allocating.
    let word = word.trim_end_matches('.');
    MONTHS.iter().find(|(name, _)| name.eq_ignore_ascii_case(word)).map(|(_, number)| *number)
}

/// Days of the week, as written.
pub const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// True for a month name or abbreviation (any case) or a weekday (as written):
/// words that date an event and end a name before them ("Ipswich Crown Court on Friday").
pub fn is_calendar_word(word: &str) -> bool {
    month_number(word).is_some() || WEEKDAYS.contains(&word)
}

/// Formats a full date, checking that the day exists in that month.
pub fn format_ymd(year: i32, month: u32, day: u32) -> Option<String> {
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    ((1..=days_in_month).contains(&day) && (1000..=9999).contains(&year))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// The day number (days since 1970-01-01) of a `YYYY-MM-DD` date; a `YYYY-MM`
/// or `YYYY` date counts from its first day. `None` for anything else.
///
/// ```
/// use narcograph::dates::day_number;
/// assert_eq!(day_number("1970-01-02"), Some(1));
/// assert_eq!(day_number("2024-03-01").zip(day_number("2024-02-28")).map(|(a, b)| a - b), Some(2));
/// assert_eq!(day_number("2024-03"), day_number("2024-03-01"));
/// assert_eq!(day_number("soon"), None);
/// ```
pub fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next().map_or(Some(1), |m| m.parse().ok())?;
    let day: i64 = parts.next().map_or(Some(1), |d| d.parse().ok())?;
    if parts.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Days from civil (H. Hinnant's algorithm), proleptic Gregorian calendar.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// Reads a date from report metadata into `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`
/// when that is all it says). Returns `None` when it is not a date.
///
/// Accepts ISO dates and timestamps, "December 17, 2024", "Dec. 17, 2024",
/// "17 December 2024", "December 2024" and "2024".
pub fn normalise_date(text: &str) -> Option<String> {
    let text = text.trim();
    if let Some(iso) = parse_iso(text) {
        return Some(iso);
    }
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    match words.as_slice() {
        [month, day, year] => {
            if let Some(month) = month_number(month) {
                return format_ymd(year.parse().ok()?, month, parse_day(day)?);
            }
            let month = month_number(words[1])?;
            format_ymd(year.parse().ok()?, month, parse_day(words[0])?)
        }
        [month, year] => {
            let month = month_number(month)?;
            let year: i32 = year.parse().ok()?;
            (1000..=9999).contains(&year).then(|| format!("{year:04}-{month:02}"))
        }
        [year] => {
            let year: i32 = year.parse().ok()?;
            (1000..=9999).contains(&year).then(|| format!("{year:04}"))
        }
        _ => None,
    }
}

fn parse_day(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    digits.parse().ok()
}

fn parse_iso(text: &str) -> Option<String> {
    let date = text.get(..10)?;
    let bytes = date.as_bytes();
    if bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    let rest = &text[10..];
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return None;
    }
    let year = date.get(0..4)?.parse().ok()?;
    let month = date.get(5..7)?.parse().ok()?;
    let day = date.get(8..10)?.parse().ok()?;
    format_ymd(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_common_forms() {
        assert_eq!(normalise_date("2024-12-17").as_deref(), Some("2024-12-17"));
        assert_eq!(normalise_date("2024-12-17T08:30:00Z").as_deref(), Some("2024-12-17"));
        assert_eq!(normalise_date("December 17, 2024").as_deref(), Some("2024-12-17"));
        assert_eq!(normalise_date("Sept. 22, 2024").as_deref(), Some("2024-09-22"));
        assert_eq!(normalise_date("17 December 2024").as_deref(), Some("2024-12-17"));
        assert_eq!(normalise_date("October 2005").as_deref(), Some("2005-10"));
        assert_eq!(normalise_date("2023").as_deref(), Some("2023"));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        assert_eq!(normalise_date("2024-02-30"), None);
        assert_eq!(normalise_date("yesterday"), None);
        assert_eq!(normalise_date("12 apples 2024"), None);
        assert_eq!(normalise_date(""), None);
    }
}
