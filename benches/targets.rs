//! The performance targets of DESIGN.md, measured on this machine and printed
//! as a table (a bench binary rather than timed tests, so it never fails CI on
//! a slow runner):
//!
//! - extraction of at least 1,000,000 words per second on all cores;
//! - extraction linear in a report's length (seconds per MB of a 4 MB report
//!   within 2x of a 100 KB one);
//! - gazetteer loading time;
//! - `load` writing at least half of oxigraph's raw bulk-load rate on the same quads;
//! - peak memory while loading a large batch (synthetic reports, `narcograph generate`).
//!
//! Run: `cargo bench --bench targets -- [REPORTS]` (default 5,000 reports).

#![expect(
    clippy::expect_used,
    clippy::print_stdout,
    reason = "a benchmark stops on a setup failure and prints its measurements"
)]

use narcograph::extract::{Gazetteers, extract};
use narcograph::ingest::ReportReader;
use narcograph::link::AliasRules;
use narcograph::model::{Report, ReportMetadata};
use narcograph::pipeline::{LoadOptions, Quiet, load};
use narcograph::rdf::Store;
use rayon::prelude::*;
use std::time::Instant;

mod support;

fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() {
    let count: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(5_000);
    let started = Instant::now();
    let gazetteers = Gazetteers::load().expect("gazetteers");
    let gazetteer_seconds = started.elapsed().as_secs_f64();
    drop(gazetteers);
    let gazetteers = Gazetteers::embedded().expect("gazetteers");

    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/reports").to_owned();
    let samples: Vec<Report> = ReportReader::from_paths(&[dir]).filter_map(Result::ok).collect();
    // Synthetic reports (`narcograph generate`, seed 7): varied, with many
    // distinct entities and legs, as a large collection has.
    let generator = narcograph::synth::Generator::new(gazetteers, 7);
    let reports: Vec<Report> = (0..count as u64)
        .into_par_iter()
        .map(|i| {
            let report = generator.report(i);
            let metadata =
                ReportMetadata { title: Some(report.title), date: Some(report.date), ..ReportMetadata::default() };
            Report::new(format!("generated/{i}.txt"), report.text, metadata)
        })
        .collect();
    let words: usize = reports.iter().map(|r| r.text.split_whitespace().count()).sum();

    // Linear in length: seconds per MB of one long report, short and long.
    let per_mb = |bytes: usize| {
        let report = support::long_report(&samples, bytes);
        let started = Instant::now();
        drop(extract(&report, gazetteers));
        started.elapsed().as_secs_f64() / (report.text.len() as f64 / 1_000_000.0)
    };
    let (short_per_mb, long_per_mb) = (per_mb(100_000), per_mb(4_000_000));

    let started = Instant::now();
    let extractions: Vec<_> = reports.par_iter().map(|r| extract(r, gazetteers)).collect();
    let extract_seconds = started.elapsed().as_secs_f64();
    drop(extractions);

    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("store")).expect("store");
    let started = Instant::now();
    let summary = load(
        &store,
        reports.iter().cloned().map(Ok),
        &LoadOptions { chunk_size: 256, aliases: AliasRules::none() },
        &mut Quiet,
    )
    .expect("load");
    let load_seconds = started.elapsed().as_secs_f64();
    let quads = store.len().expect("len");

    // The same quads through oxigraph's bulk loader, into a fresh store.
    let mut dump = Vec::new();
    store.dump(narcograph::rdf::GraphFormat::NQuads, false, &mut dump).expect("dump");
    let bulk_dir = tempfile::tempdir().expect("temp dir");
    let bulk = Store::open(&bulk_dir.path().join("bulk")).expect("store");
    let started = Instant::now();
    bulk.bulk_load_nquads(&dump).expect("bulk load");
    let bulk_seconds = started.elapsed().as_secs_f64();
    assert_eq!(bulk.len().expect("len"), quads, "the bulk loader must store the same quads");

    println!("reports                    {count}");
    println!("words                      {words}");
    println!("threads                    {}", rayon::current_num_threads());
    println!("gazetteer load             {gazetteer_seconds:.3} s");
    println!("extraction                 {:.0} words/s (target >= 1,000,000)", words as f64 / extract_seconds);
    println!(
        "one long report            {short_per_mb:.3} s/MB at 100 KB, {long_per_mb:.3} s/MB at 4 MB: ratio {:.2} (target <= 2)",
        long_per_mb / short_per_mb
    );
    println!(
        "load (extract+link+write)  {load_seconds:.2} s, {:.0} quads/s, {} reports new",
        quads as f64 / load_seconds,
        summary.new
    );
    println!("oxigraph bulk load         {bulk_seconds:.2} s, {:.0} quads/s", quads as f64 / bulk_seconds);
    println!("load / bulk rate           {:.2} (target >= 0.5)", bulk_seconds / load_seconds);
    if let Some(peak) = peak_memory_mib() {
        println!("peak memory                {peak:.0} MiB");
    }
}
