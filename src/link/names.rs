//! Person names for linking: given names, initials and a transliteration key
//! for surnames, so that "Amirkhanov" and "Amirhanov" meet.

/// A person's name split for comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName {
    /// Given names (full words), transliteration keys, in order.
    pub given: Vec<String>,
    /// Initials of given and middle names, lowercase.
    pub initials: Vec<char>,
    /// Transliteration key of the surname.
    pub surname_key: String,
}

impl PersonName {
    /// Splits a label ("John P. Gilbride", "Bakhytzhan Amirkhanov", "Trump").
    /// Suffixes (Jr., III) and honorifics are ignored.
    pub fn parse(label: &str) -> Option<PersonName> {
        let ascii = deunicode::deunicode(label);
        let mut words: Vec<String> = ascii
            .split([' ', ','])
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '-').to_lowercase())
            .filter(|w| !w.is_empty())
            .filter(|w| {
                !matches!(
                    w.as_str(),
                    "jr."
                        | "jr"
                        | "sr."
                        | "sr"
                        | "ii"
                        | "iii"
                        | "iv"
                        | "haji"
                        | "hajji"
                        | "mullah"
                        | "sheikh"
                        | "mr."
                        | "mr"
                        | "dr."
                        | "dr"
                )
            })
            .collect();
        let surname = words.pop()?;
        let mut given = Vec::new();
        let mut initials = Vec::new();
        for word in words {
            let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
            let Some(first) = letters.chars().next() else { continue };
            if letters.len() == 1 || word.ends_with('.') && letters.len() <= 2 {
                initials.push(first);
            } else {
                initials.push(first);
                given.push(transliteration_key(&letters));
            }
        }
        Some(PersonName { given, initials, surname_key: transliteration_key(&surname) })
    }

    /// True when the given names cannot belong to two different people: the
    /// first given names agree (after transliteration), or one side has only
    /// an initial that matches.
    pub fn given_compatible(&self, other: &PersonName) -> bool {
        match (self.given.first(), other.given.first()) {
            (Some(a), Some(b)) => a == b || a.chars().next() == b.chars().next() && strsim::jaro_winkler(a, b) >= 0.92,
            _ => match (self.initials.first(), other.initials.first()) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            },
        }
    }
}

/// A spelling-independent key for transliterated names: "Amirkhanov" and
/// "Amirhanov" give the same key, as do "Yusupov"/"Iusupov" and "Mohammad"/"Muhammad"
/// (vowels after the first letter are folded).
pub fn transliteration_key(word: &str) -> String {
    let lower = deunicode::deunicode(word).to_lowercase();
    let lower: String = lower.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    let replaced = lower
        .replace("dzh", "j")
        .replace("dj", "j")
        .replace("zh", "j")
        .replace("kh", "h")
        .replace("gh", "g")
        .replace("ph", "f")
        .replace("ck", "k")
        .replace('w', "v")
        .replace('q', "k")
        .replace('x', "h")
        .replace('y', "i");
    let mut key = String::with_capacity(replaced.len());
    for (index, c) in replaced.chars().enumerate() {
        let folded = if index > 0 && "aeiou".contains(c) { 'a' } else { c };
        if key.ends_with(folded) {
            continue;
        }
        key.push(folded);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_meet() {
        assert_eq!(transliteration_key("Amirkhanov"), transliteration_key("Amirhanov"));
        assert_eq!(transliteration_key("Mohammad"), transliteration_key("Muhammad"));
        assert_eq!(transliteration_key("Yusupov"), transliteration_key("Iusupov"));
        assert_ne!(transliteration_key("Ivanov"), transliteration_key("Petrov"));
    }

    #[test]
    fn given_names_decide() {
        let a = PersonName::parse("Michael J. Garcia").unwrap();
        let b = PersonName::parse("Michael Garcia").unwrap();
        let c = PersonName::parse("Jose Garcia").unwrap();
        let d = PersonName::parse("M. Garcia").unwrap();
        assert!(a.given_compatible(&b));
        assert!(!a.given_compatible(&c));
        assert!(d.given_compatible(&a));
        assert!(!d.given_compatible(&c));
    }

    #[test]
    fn suffixes_and_honorifics_are_ignored() {
        let name = PersonName::parse("Amos L. Mazzant, III").unwrap();
        assert_eq!(name.surname_key, transliteration_key("Mazzant"));
        assert_eq!(PersonName::parse("Haji Bashir Noorzai").unwrap().given, vec![transliteration_key("Bashir")]);
    }
}
