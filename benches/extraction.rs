//! Criterion benchmarks of the hot paths: building the gazetteers, extracting
//! one report, extracting a batch in parallel (throughput in words; English
//! and the Russian samples on their own), one long
//! report of 100 KB and of 4 MB (throughput in bytes: extraction must be linear
//! in a report's length, so the two rates should be within 2x), linking.

#![expect(clippy::expect_used, reason = "a benchmark stops on a setup failure and prints its measurements")]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use narcograph::extract::{Gazetteers, extract};
use narcograph::ingest::ReportReader;
use narcograph::link::AliasRules;
use narcograph::model::Report;
use narcograph::pipeline::{extract_linked, local_entities};
use rayon::prelude::*;
use std::hint::black_box;

mod support;
use support::long_report;

fn sample_reports() -> Vec<Report> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/reports").to_owned();
    ReportReader::from_paths(&[dir]).filter_map(Result::ok).collect()
}

fn words(reports: &[Report]) -> u64 {
    reports.iter().map(|r| r.text.split_whitespace().count() as u64).sum()
}

fn benches(c: &mut Criterion) {
    let gazetteers = Gazetteers::embedded().expect("embedded gazetteers");
    let reports = sample_reports();

    let mut group = c.benchmark_group("gazetteers");
    group.sample_size(10);
    group.bench_function("load", |b| b.iter(|| black_box(Gazetteers::load().expect("load"))));
    group.finish();

    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Elements(words(&reports[..1])));
    group.bench_function("one report", |b| b.iter(|| black_box(extract(&reports[0], gazetteers))));
    // The sample reports repeated to a batch of about 100,000 words, extracted in parallel.
    let batch: Vec<Report> = reports.iter().cycle().take(reports.len() * 60).cloned().collect();
    group.throughput(Throughput::Elements(words(&batch)));
    group.sample_size(10);
    group.bench_function("batch in parallel", |b| {
        b.iter(|| black_box(batch.par_iter().map(|r| extract(r, gazetteers)).collect::<Vec<_>>()))
    });
    // The Russian sample reports alone, repeated to a batch: the Russian rules'
    // rate (Russian words are about twice as many bytes as English ones).
    let russian: Vec<Report> = reports
        .iter()
        .filter(|r| narcograph::extract::language::detect(&r.text).code.as_deref() == Some("rus"))
        .cloned()
        .collect();
    let russian_batch: Vec<Report> = russian.iter().cycle().take(russian.len() * 400).cloned().collect();
    group.throughput(Throughput::Elements(words(&russian_batch)));
    group.bench_function("russian batch in parallel", |b| {
        b.iter(|| black_box(russian_batch.par_iter().map(|r| extract(r, gazetteers)).collect::<Vec<_>>()))
    });
    group.finish();

    // One long report made of the sample texts, at two lengths: a time per MB
    // that grows with the length would mean a quadratic pass somewhere.
    let mut group = c.benchmark_group("long report");
    group.sample_size(10);
    for (name, bytes) in [("100 KB", 100_000), ("4 MB", 4_000_000)] {
        let report = long_report(&reports, bytes);
        group.throughput(Throughput::Bytes(report.text.len() as u64));
        group.bench_function(name, |b| b.iter(|| black_box(extract(&report, gazetteers))));
    }
    group.finish();

    let records: Vec<_> = batch.iter().flat_map(|r| local_entities(&extract(r, gazetteers))).collect();
    let mut group = c.benchmark_group("link");
    group.throughput(Throughput::Elements(records.len() as u64));
    group.bench_function("records of the batch", |b| {
        b.iter(|| black_box(narcograph::link::link(&records, &AliasRules::none())))
    });
    group.bench_function("extract and link the samples", |b| {
        b.iter(|| black_box(extract_linked(&reports, &AliasRules::none()).expect("extract")))
    });
    group.finish();
}

criterion_group!(extraction, benches);
criterion_main!(extraction);
