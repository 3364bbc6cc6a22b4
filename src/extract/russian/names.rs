//! Declined Russian names brought back to the nominative: "Иванова Сергея
//! Петровича" is "Иванов Сергей Петрович". The patronymic's ending shows the
//! case and whether the person is a woman; surnames and given names then
//! follow the common declensions (surnames in -ов, -ев, -ин, -ский; given
//! names ending in a consonant, -й or -а/-я). A name outside them is left as
//! written, which only costs a second label for the same person.

use crate::extract::text::fold_case;
use crate::extract::words::russian::{DECLINED_PATRONYMICS, DeclinedCase, PATRONYMIC_ENDINGS};

/// A patronymic in the nominative ("Петрович", "Алибекулы") or, declined, in
/// another case ("Петровича").
pub(super) fn is_patronymic(word: &str) -> bool {
    let lower = fold_case(word);
    lower.chars().count() >= 6 && PATRONYMIC_ENDINGS.iter().any(|ending| lower.ends_with(ending))
        || declined_patronymic(word).is_some()
}

/// The case and sex a declined patronymic shows, if the word is one.
pub(super) fn declined_patronymic(word: &str) -> Option<(DeclinedCase, bool)> {
    let lower = fold_case(word);
    if lower.chars().count() < 6 {
        return None;
    }
    DECLINED_PATRONYMICS.iter().find(|(ending, _, _)| lower.ends_with(ending)).map(|(_, case, woman)| (*case, *woman))
}

/// Replaces the first matching ending of `word` (lowercase endings; the
/// word keeps its capital).
fn replace_ending(word: &str, endings: &[(&str, &str)]) -> Option<String> {
    let lower = fold_case(word);
    let letters = lower.chars().count();
    endings.iter().find(|(from, _)| lower.ends_with(from) && letters > from.chars().count()).map(|(from, to)| {
        let cut = word.len() - from.len();
        format!("{}{to}", &word[..cut])
    })
}

/// A surname in the nominative.
pub(super) fn surname(word: &str, case: DeclinedCase, woman: bool) -> String {
    use DeclinedCase::*;
    let endings: &[(&str, &str)] = match (woman, case) {
        (false, Genitive | Accusative) => &[
            ("ского", "ский"),
            ("цкого", "цкий"),
            ("ова", "ов"),
            ("ева", "ев"),
            ("ёва", "ёв"),
            ("ина", "ин"),
            ("ына", "ын"),
        ],
        (false, Dative) => {
            &[("скому", "ский"), ("цкому", "цкий"), ("ову", "ов"), ("еву", "ев"), ("ину", "ин"), ("ыну", "ын")]
        }
        (false, Instrumental) => {
            &[("ским", "ский"), ("цким", "цкий"), ("овым", "ов"), ("евым", "ев"), ("иным", "ин"), ("ыным", "ын")]
        }
        (false, Prepositional) => {
            &[("ском", "ский"), ("цком", "цкий"), ("ове", "ов"), ("еве", "ев"), ("ине", "ин"), ("ыне", "ын")]
        }
        (true, Accusative) => &[("скую", "ская"), ("цкую", "цкая"), ("ову", "ова"), ("еву", "ева"), ("ину", "ина")],
        (true, _) => &[("ской", "ская"), ("цкой", "цкая"), ("овой", "ова"), ("евой", "ева"), ("иной", "ина")],
    };
    replace_ending(word, endings).unwrap_or_else(|| word.to_owned())
}

/// A given name in the nominative.
pub(super) fn given_name(word: &str, case: DeclinedCase, woman: bool) -> String {
    use DeclinedCase::*;
    let endings: &[(&str, &str)] = match (woman, case) {
        // Сергея → Сергей, Игоря → Игорь, Ивана → Иван.
        (false, Genitive | Accusative) => &[("горя", "горь"), ("я", "й"), ("а", "")],
        (false, Dative) => &[("горю", "горь"), ("ю", "й"), ("у", "")],
        (false, Instrumental) => &[("горем", "горь"), ("ем", "й"), ("ом", "")],
        (false, Prepositional) => &[("горе", "горь"), ("ии", "ий"), ("ее", "ей"), ("ае", "ай"), ("е", "")],
        // Марии → Мария, Ольги → Ольга, Анны → Анна.
        (true, Genitive) => &[("ии", "ия"), ("ги", "га"), ("ки", "ка"), ("хи", "ха"), ("ы", "а"), ("и", "я")],
        (true, Dative | Prepositional) => &[("ии", "ия"), ("е", "а")],
        (true, Accusative) => &[("ю", "я"), ("у", "а")],
        (true, Instrumental) => &[("ей", "я"), ("ой", "а")],
    };
    replace_ending(word, endings).unwrap_or_else(|| word.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use DeclinedCase::*;

    #[test]
    fn men_in_every_case() {
        for (surname_form, given_form, case) in [
            ("Иванова", "Сергея", Genitive),
            ("Иванову", "Сергею", Dative),
            ("Ивановым", "Сергеем", Instrumental),
            ("Иванове", "Сергее", Prepositional),
        ] {
            assert_eq!(surname(surname_form, case, false), "Иванов");
            assert_eq!(given_name(given_form, case, false), "Сергей");
        }
        assert_eq!(surname("Ахметжановым", Instrumental, false), "Ахметжанов");
        assert_eq!(surname("Залесского", Genitive, false), "Залесский");
        assert_eq!(given_name("Азамата", Genitive, false), "Азамат");
        assert_eq!(given_name("Игоря", Genitive, false), "Игорь");
    }

    #[test]
    fn women_in_every_case() {
        assert_eq!(surname("Ивановой", Genitive, true), "Иванова");
        assert_eq!(surname("Иванову", Accusative, true), "Иванова");
        assert_eq!(given_name("Марии", Genitive, true), "Мария");
        assert_eq!(given_name("Ольги", Genitive, true), "Ольга");
        assert_eq!(given_name("Анну", Accusative, true), "Анна");
    }

    #[test]
    fn patronymics_tell_their_case() {
        assert_eq!(declined_patronymic("Петровича"), Some((Genitive, false)));
        assert_eq!(declined_patronymic("Петровной"), Some((Instrumental, true)));
        assert_eq!(declined_patronymic("Петрович"), None);
        // A short word with such an ending is no patronymic.
        assert_eq!(declined_patronymic("Вича"), None);
    }
}
