//! Which language a report is written in, and whether the rules apply to it.
//!
//! The rules (names, route phrasing, quantities, dates) are written for
//! English and Russian (`russian/`). Run on another language they read its
//! capitalised words as people and its place words as nothing, so a report in a language without
//! rules keeps its text and sentences and gets no entities or facts: a missed
//! fact is better than an invented one.

use super::words::in_list;
use super::words::text::ENGLISH_FUNCTION_WORDS;
use crate::model::Language;
use whatlang::{Lang, Script};

/// How much of the text is read to tell the language: enough for a reliable
/// guess, and a fixed cost however long the report.
const SAMPLE_BYTES: usize = 2_000;

/// The ISO 639-3 code of Russian, whose reports get the Russian rules.
pub const RUSSIAN: &str = "rus";

/// The share of English function words ([`ENGLISH_FUNCTION_WORDS`], in
/// percent) above which a sample is English, and the fewest words for which
/// the share means anything. The share decides English reports before the
/// detector, which alone added a third to the time of `extract`.
const ENGLISH_SHARE_PERCENT: usize = 15;
const ENGLISH_MIN_WORDS: usize = 30;

/// The language of `text`.
///
/// A text mostly in Latin letters is taken as English unless the detection
/// reliably says another language: short English texts are often not told
/// reliably, and the English rules find nothing in a Latin-script text they
/// cannot read. A text mostly in another script gets the Russian rules when
/// it is Russian (told reliably, or written in the Russian alphabet alone),
/// and no rules otherwise.
pub fn detect(text: &str) -> Language {
    let sample = &text[..text.floor_char_boundary(SAMPLE_BYTES)];
    if plainly_english(sample) {
        return Language { code: Some(Lang::Eng.code().to_owned()), has_rules: true };
    }
    let info = whatlang::detect(sample);
    let reliable = info.as_ref().filter(|info| info.is_reliable()).map(whatlang::Info::lang);
    if mostly_latin(sample) {
        let has_rules = reliable.is_none_or(|lang| lang == Lang::Eng);
        return Language { code: reliable.map(|lang| lang.code().to_owned()), has_rules };
    }
    // A short Cyrillic text is seldom told reliably: when it uses only the
    // letters of the Russian alphabet it is read as Russian (Ukrainian,
    // Belarusian, Kazakh, Serbian... have letters of their own).
    let russian = reliable == Some(Lang::Rus) || reliable.is_none() && russian_letters_only(sample);
    let code = if russian { Some(RUSSIAN.to_owned()) } else { reliable.map(|lang| lang.code().to_owned()) };
    Language { code, has_rules: russian }
}

/// The English name of a language from its ISO 639-3 code, for messages.
pub fn name(code: &str) -> Option<&'static str> {
    Lang::from_code(code).map(Lang::eng_name)
}

/// Whether the sample's words are so often English function words that it
/// can only be English.
fn plainly_english(sample: &str) -> bool {
    let (mut words, mut function) = (0usize, 0usize);
    for word in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        words += 1;
        if in_list(ENGLISH_FUNCTION_WORDS, word) {
            function += 1;
        }
    }
    words >= ENGLISH_MIN_WORDS && function * 100 >= words * ENGLISH_SHARE_PERCENT
}

/// Whether every letter of the text outside ASCII is a letter of the Russian
/// alphabet, and there is at least one.
fn russian_letters_only(text: &str) -> bool {
    let mut any = false;
    for c in text.chars().filter(|c| c.is_alphabetic() && !c.is_ascii()) {
        if !(('А'..='я').contains(&c) || c == 'Ё' || c == 'ё') {
            return false;
        }
        any = true;
    }
    any
}

/// Whether more than half of the letters of `text` are Latin (a text with no
/// letters counts as Latin: there is nothing for the rules to misread).
fn mostly_latin(text: &str) -> bool {
    let (mut latin, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if c.is_ascii_alphabetic() || whatlang::detect_script(c.encode_utf8(&mut [0; 4])) == Some(Script::Latin) {
            latin += 1;
        } else {
            other += 1;
        }
    }
    latin >= other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_reports_have_rules_and_say_so() {
        let language = detect(
            "Border guards in Almaty seized 40 kilograms of heroin that had been smuggled from \
             Afghanistan through Tajikistan. Two drivers were detained and the investigation continues.",
        );
        assert_eq!(language, Language { code: Some("eng".into()), has_rules: true });
    }

    #[test]
    fn a_short_latin_text_the_detector_cannot_tell_keeps_the_rules() {
        let language = detect("Heroin seized in Osh.");
        assert!(language.has_rules);
    }

    #[test]
    fn russian_reports_have_the_russian_rules() {
        let language = detect(
            "Сотрудники пограничной службы задержали на границе с Таджикистаном двух граждан, \
             которые пытались переправить в Казахстан более сорока килограммов героина. \
             Наркотики были спрятаны в тайнике под полом грузового автомобиля. По данному факту \
             возбуждено уголовное дело, задержанные помещены в изолятор временного содержания.",
        );
        assert_eq!(language, Language { code: Some("rus".into()), has_rules: true });
    }

    #[test]
    fn a_short_russian_text_is_russian_on_the_best_guess() {
        let language = detect("Героин изъят в Оше.");
        assert_eq!(language, Language { code: Some("rus".into()), has_rules: true });
    }

    #[test]
    fn other_cyrillic_languages_have_no_rules() {
        // Ukrainian: its own letters (і, ї, є) tell it from Russian.
        let language = detect(
            "Прикордонники затримали на кордоні двох громадян, які намагалися перевезти до Польщі \
             понад сорок кілограмів героїну. Наркотики були заховані у схованці під підлогою \
             вантажівки, відкрито кримінальне провадження.",
        );
        assert_eq!(language.code.as_deref(), Some("ukr"));
        assert!(!language.has_rules);
    }

    #[test]
    fn other_latin_script_languages_have_no_rules() {
        let language = detect(
            "La police nationale a saisi quarante kilogrammes de cocaïne dans un conteneur arrivé \
             au port du Havre en provenance de Colombie; deux dockers ont été interpellés.",
        );
        assert_eq!(language, Language { code: Some("fra".into()), has_rules: false });
    }

    #[test]
    fn the_function_word_shortcut_tells_english_and_only_english() {
        let english = "The shipment of heroin was found by officers of the border service, who said that \
                       the drugs had been hidden in the cargo of a truck from Tajikistan and that the \
                       driver was detained by the police for questioning with the help of the customs.";
        assert!(plainly_english(english));
        // Dutch and German share a few of the words, not their share.
        let dutch = "De politie heeft in de haven van Rotterdam een container met cocaïne in beslag \
                     genomen. Het was de grootste vangst van dit jaar en de lading had een waarde van \
                     miljoenen euro; twee mannen zijn aangehouden en het onderzoek is nog gaande.";
        assert!(!plainly_english(dutch));
        assert_eq!(detect(dutch).code.as_deref(), Some("nld"));
        assert!(!detect(dutch).has_rules);
        let german = "Der Zoll hat am Flughafen Frankfurt zwanzig Kilogramm Kokain sichergestellt, die in \
                      Koffern aus Brasilien versteckt waren. Zwei Reisende wurden festgenommen und die \
                      Staatsanwaltschaft hat ein Ermittlungsverfahren gegen die beiden Männer eingeleitet.";
        assert!(!plainly_english(german));
        assert!(!detect(german).has_rules);
    }

    #[test]
    fn names_come_from_codes() {
        assert_eq!(name("rus"), Some("Russian"));
        assert_eq!(name("xyz"), None);
    }
}
