//! Any bytes, read as a plain-text report, then extracted: no panic, every
//! span on a character boundary inside the text, the same output twice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use narcograph::extract::{Gazetteers, extract};
use narcograph::ingest::{InputFormat, decode};

fuzz_target!(|bytes: &[u8]| {
    let Ok(gazetteers) = Gazetteers::embedded() else { return };
    for report in decode("fuzz.txt", InputFormat::Text, bytes).into_iter().flatten() {
        let extraction = extract(&report, gazetteers);
        if let Err(breach) = extraction.validate(&report.text) {
            panic!("invariant broken: {breach}");
        }
        assert!(extract(&report, gazetteers) == extraction, "extraction is not deterministic");
    }
});
