//! Properties over generated input, in the normal test suite (the fuzz targets
//! in fuzz/ explore further): no input panics the readers or the extractor,
//! every span lands on a character boundary inside the text, and the output is
//! a function of the input.

use narcograph::extract::{Gazetteers, extract};
use narcograph::ingest::{InputFormat, decode};
use narcograph::model::{Report, ReportMetadata};
use proptest::prelude::*;

/// Pieces that reach the rules: place and agency names, cues, numbers and
/// units, punctuation the sentence splitter and tokenizer look at, and odd
/// Unicode (combining marks, right-to-left, wide and zero-width characters).
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "Afghanistan",
            "Kazakhstan",
            "Osh",
            "Almaty",
            "Tajik-Afghan border",
            "Sinaloa Cartel",
            "DEA",
            "Ministry of Internal Affairs of Kazakhstan",
            "the Anti-Drug Coordination Bureau (ADCB)",
            "ADCB",
            "Customs",
            "police",
            "heroin",
            "cocaine",
            "ice",
            "crack",
            "smuggled",
            "from",
            "via",
            "through",
            "into",
            "to",
            "bound for",
            "seized",
            "arrested",
            "said",
            "Colonel",
            "John P. Smith",
            "a/k/a",
            "kg",
            "tonnes",
            "1,200",
            "3.5",
            "2024",
            "March",
            "U.S.",
            "Mr.",
            "—",
            "-",
            "(",
            ")",
            ",",
            ".",
            "!",
            "?",
            "\"",
            "“",
            "”",
            "’s",
            "\n",
            "\n\n",
            "  ",
            "\t",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z]{1,12}",
        "[A-Z][a-z]{2,10}",
        any::<char>().prop_map(String::from),
        prop::sample::select(vec![
            "\u{301}", "\u{200b}", "\u{202e}", "\u{feff}", "ı", "İ", "ß", "ﬁ", "漢字", "🇰🇿", "Ω"
        ])
        .prop_map(str::to_owned),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|pieces| pieces.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn extraction_holds_its_invariants_on_any_text(text in text()) {
        let gazetteers = Gazetteers::embedded().unwrap();
        let report = Report::new("generated.txt", text.clone(), ReportMetadata::default());
        let first = extract(&report, gazetteers);
        prop_assert_eq!(first.validate(&text), Ok(()));
        prop_assert_eq!(&extract(&report, gazetteers), &first, "extraction is not a function of its input");
    }

    #[test]
    fn every_input_format_decodes_any_bytes_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..600), text in text()) {
        for format in [InputFormat::Text, InputFormat::Markdown, InputFormat::Html, InputFormat::Json, InputFormat::JsonLines] {
            for input in [bytes.as_slice(), text.as_bytes()] {
                for report in decode("generated", format, input).into_iter().flatten() {
                    prop_assert!(!report.text.trim().is_empty());
                    let gazetteers = Gazetteers::embedded().unwrap();
                    prop_assert_eq!(extract(&report, gazetteers).validate(&report.text), Ok(()));
                }
            }
        }
    }

    #[test]
    fn wrapped_text_decodes_as_every_format(text in text()) {
        // A NUL byte makes a file binary (a diagnostic of its own, tested elsewhere).
        prop_assume!(!text.contains('\0'));
        let json = serde_json::json!({ "title": "t", "text": text }).to_string();
        let markdown = format!("---\ntitle: \"t\"\n---\n{text}");
        let html = format!("<html><body><p>{}</p></body></html>", text.replace('<', "&lt;"));
        for (format, input) in [(InputFormat::Json, &json), (InputFormat::JsonLines, &json), (InputFormat::Markdown, &markdown), (InputFormat::Html, &html)] {
            let results = decode("generated", format, input.as_bytes());
            prop_assert_eq!(results.len(), 1);
            if text.trim().is_empty() {
                prop_assert!(results[0].is_err());
            } else if format != InputFormat::Html {
                let report = results[0].as_ref().unwrap();
                prop_assert_eq!(report.text.trim(), text.trim());
            }
        }
    }
}
