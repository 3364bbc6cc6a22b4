//! Any bytes as each input format (the first byte chooses it): the decoders
//! never panic or explode, and every report they yield extracts cleanly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use narcograph::extract::{Gazetteers, extract};
use narcograph::ingest::{InputFormat, decode};

const FORMATS: [InputFormat; 5] =
    [InputFormat::Text, InputFormat::Markdown, InputFormat::Html, InputFormat::Json, InputFormat::JsonLines];

fuzz_target!(|bytes: &[u8]| {
    let Some((&choice, input)) = bytes.split_first() else { return };
    let Ok(gazetteers) = Gazetteers::embedded() else { return };
    let format = FORMATS[usize::from(choice) % FORMATS.len()];
    for report in decode("fuzz", format, input).into_iter().flatten() {
        assert!(!report.text.trim().is_empty(), "an empty report was not a diagnostic");
        if let Err(breach) = extract(&report, gazetteers).validate(&report.text) {
            panic!("invariant broken: {breach}");
        }
    }
});
