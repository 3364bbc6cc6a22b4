//! The one home of the closed word lists the extraction rules use, by topic:
//! places, organisations, people, substances, facts, sentences. (Open lists, such as given names, surnames, common
//! words and titles, are data files in `data/lexicon/`.) The tests below check
//! every list: no entry twice, no empty entry, no stray spaces (a leading
//! space marks a cue that must start a word).

pub mod facts;
pub mod orgs;
pub mod people;
pub mod places;
pub mod russian;
pub mod substances;
pub mod text;

/// True when `word` (any case) is in `list`.
pub fn in_list(list: &[&str], word: &str) -> bool {
    list.iter().any(|item| item.eq_ignore_ascii_case(word))
}

/// True when a lowercased text contains any of the phrases, each starting a
/// word: "import" is found in "imported" and "re-import", not in "important"
/// (a false friend) nor "reimburse".
pub fn mentions_any(lower: &str, phrases: &[&str]) -> bool {
    // `contains` first: most phrases are absent, and it is the cheaper test.
    phrases.iter().any(|phrase| {
        lower.contains(phrase)
            && lower.match_indices(phrase).any(|(at, _)| {
                let starts_word = lower[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let word_end = lower[at..].find(|c: char| !c.is_alphanumeric()).map_or(lower.len(), |end| at + end);
                starts_word && !text::FALSE_FRIENDS.contains(&&lower[at..word_end])
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> impl Iterator<Item = (&'static str, &'static [&'static str])> {
        facts::ALL
            .iter()
            .chain(orgs::ALL)
            .chain(people::ALL)
            .chain(places::ALL)
            .chain(russian::ALL)
            .chain(substances::ALL)
            .chain(text::ALL)
            .copied()
            .chain(facts::ENGLISH_EVENTS.lists())
            .chain(russian::RUSSIAN_EVENTS.lists())
    }

    #[test]
    fn a_phrase_starts_a_word_and_is_no_false_friend() {
        assert!(mentions_any("heroin was imported into", &["import"]));
        assert!(mentions_any("a drug-smuggling ring", &["smuggl"]));
        assert!(!mentions_any("it is important to", &["import"]));
        assert!(!mentions_any("he was sentenced to", &["sent"]));
        assert!(!mentions_any("the national center for", &["enter"]));
        // A false friend elsewhere does not hide the cue.
        assert!(mentions_any("it is important that heroin imported", &["import"]));
    }

    #[test]
    fn every_list_is_clean() {
        for (name, list) in all() {
            let mut seen = std::collections::HashSet::new();
            for entry in list {
                assert!(!entry.is_empty(), "{name}: an empty entry");
                // A leading space marks a cue that must start a word (" kg").
                let bare = entry.strip_prefix(' ').unwrap_or(entry);
                assert_eq!(bare.trim(), bare, "{name}: {entry:?} has stray spaces");
                assert!(seen.insert(entry.to_lowercase()), "{name}: {entry:?} twice");
            }
        }
    }
}
