//! Russian names in Latin letters, by the Russian passport system (ICAO Doc
//! 9303, used in Russian passports since 2013): "Сергей Иванов" is "Sergei
//! Ivanov", as English-language reports and travel documents write it. A
//! person named in Russian and in English reports then gets one label.

/// The Latin spelling of one Cyrillic letter (lowercase), by ICAO Doc 9303.
fn letter(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' => "ie",
        'ы' => "y",
        'ь' => "",
        'ю' => "iu",
        'я' => "ia",
        _ => return None,
    })
}

/// Transliterates a Cyrillic text; other characters are kept. A capital
/// gives a capital first letter ("Щ" → "Shch"), or all capitals in a word
/// written in capitals.
pub(crate) fn latin(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (index, &c) in chars.iter().enumerate() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let Some(spelling) = letter(lower) else {
            out.push(c);
            continue;
        };
        if c == lower {
            out.push_str(spelling);
            continue;
        }
        let next_upper = chars.get(index + 1).is_some_and(|n| n.is_uppercase());
        let previous_upper = index > 0 && chars.get(index - 1).is_some_and(|p| p.is_uppercase());
        if next_upper || previous_upper {
            out.push_str(&spelling.to_uppercase());
        } else {
            let mut letters = spelling.chars();
            if let Some(first) = letters.next() {
                out.extend(first.to_uppercase());
                out.push_str(letters.as_str());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::latin;

    #[test]
    fn names_read_as_in_passports() {
        assert_eq!(latin("Сергей Иванов"), "Sergei Ivanov");
        assert_eq!(latin("Нурлыбек Алибекулы"), "Nurlybek Alibekuly");
        assert_eq!(latin("Юлия Щербакова"), "Iuliia Shcherbakova");
        assert_eq!(latin("Хабиб Цой"), "Khabib Tsoi");
        assert_eq!(latin("Артём Подъячев"), "Artem Podieiachev");
    }

    #[test]
    fn capitals_and_other_characters_are_kept() {
        assert_eq!(latin("ЖУКОВ"), "ZHUKOV");
        assert_eq!(latin("А.Б."), "A.B.");
        assert_eq!(latin("Smith-Петров"), "Smith-Petrov");
    }
}
