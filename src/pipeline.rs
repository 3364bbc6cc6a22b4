//! The batch pipeline: reports in, linked facts in the store out.
//!
//! [`load`] streams reports in chunks: each chunk is extracted in parallel
//! (rayon, order preserved), linked within itself and written in one atomic
//! step (see [`Store::write_reports`]), so a crash leaves every report
//! complete or absent. At the end
//! [`relink`] links all local entities in the store together and rewrites the
//! few reports whose canonical entities changed, so the store's content is a
//! function of the set of reports loaded, whatever their order or chunking.

use crate::extract::{DataError, Gazetteers, extract};
use crate::ingest::{Diagnostic, ReadResult};
use crate::link::{AliasRules, Linking, LocalEntity, link};
use crate::model::{EntityKey, Extraction, Report, ReportId};
use crate::rdf::quads::{entity_quads, report_quads, vocabulary_quads};
use crate::rdf::store::{ReportWrite, Store, StoreError};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// What can stop a load.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// The embedded gazetteers are broken (a build problem, not an input problem).
    #[error(transparent)]
    Data(#[from] DataError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How a report was handled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Not in the store before: added.
    New,
    /// Already in the store with the same text: nothing to do.
    Unchanged,
    /// Its source was in the store with another text: replaced.
    Replaced,
}

/// Told about progress while loading (the CLI draws a progress bar with it).
pub trait LoadObserver {
    /// A report was read and handled.
    fn report(&mut self, _report: &Report, _outcome: Outcome) {}
    /// An input was skipped.
    fn skipped(&mut self, _diagnostic: &Diagnostic) {}
    /// A chunk was written.
    fn chunk_written(&mut self, _reports: usize) {}
}

/// An observer that does nothing.
pub struct Quiet;

impl LoadObserver for Quiet {}

/// Load settings.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Reports per atomic write.
    pub chunk_size: usize,
    /// The analyst's alias rules.
    pub aliases: AliasRules,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { chunk_size: 256, aliases: AliasRules::none() }
    }
}

/// What a load did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadSummary {
    /// Reports added.
    pub new: usize,
    /// Reports already loaded with the same text.
    pub unchanged: usize,
    /// Reports whose source was loaded with another text.
    pub replaced: usize,
    /// Inputs skipped (with a diagnostic).
    pub skipped: usize,
    /// Entity mentions of the reports written (one per entity per report).
    pub entities: usize,
    /// Facts of the reports written.
    pub facts: usize,
    /// Reports rewritten because linking changed their entities.
    pub relinked: usize,
}

/// Loads reports into the store.
pub fn load(
    store: &Store,
    reports: impl Iterator<Item = ReadResult>,
    options: &LoadOptions,
    observer: &mut dyn LoadObserver,
) -> Result<LoadSummary, PipelineError> {
    let gazetteers = Gazetteers::embedded()?;
    store.ensure_ontology()?;
    let mut index = store.report_index()?;
    let mut seen: HashSet<ReportId> = HashSet::new();
    let mut summary = LoadSummary::default();
    let mut chunk: Vec<(Report, Vec<ReportId>)> = Vec::new();
    let chunk_size = options.chunk_size.max(1);
    for item in reports {
        let report = match item {
            Ok(report) => report,
            Err(diagnostic) => {
                summary.skipped += 1;
                observer.skipped(&diagnostic);
                continue;
            }
        };
        if seen.contains(&report.id) || store.has_report(&report.id)? {
            summary.unchanged += 1;
            observer.report(&report, Outcome::Unchanged);
            continue;
        }
        seen.insert(report.id.clone());
        let replaces: Vec<ReportId> =
            index.get(report.source_key()).filter(|old| **old != report.id).cloned().into_iter().collect();
        let outcome = if replaces.is_empty() { Outcome::New } else { Outcome::Replaced };
        match outcome {
            Outcome::New => summary.new += 1,
            _ => summary.replaced += 1,
        }
        index.insert(report.source_key().to_owned(), report.id.clone());
        observer.report(&report, outcome);
        chunk.push((report, replaces));
        if chunk.len() >= chunk_size {
            write_chunk(store, &mut chunk, gazetteers, &options.aliases, &mut summary, observer)?;
            observer.chunk_written(chunk_size);
        }
    }
    if !chunk.is_empty() {
        let written = chunk.len();
        write_chunk(store, &mut chunk, gazetteers, &options.aliases, &mut summary, observer)?;
        observer.chunk_written(written);
    }
    if summary.new + summary.replaced > 0 || store_entities_missing(store)? {
        summary.relinked = relink(store, &options.aliases)?;
    }
    Ok(summary)
}

fn store_entities_missing(store: &Store) -> Result<bool, StoreError> {
    let answer =
        store.query(&format!("ASK {{ GRAPH <{}> {{ ?s ?p ?o }} }}", crate::rdf::iri::entities_graph()), &[])?;
    Ok(matches!(answer, crate::rdf::store::QueryAnswer::Boolean(false)) && !store.report_index()?.is_empty())
}

/// Extracts one report; should the extractor ever panic on some text, the
/// report becomes a diagnostic and the batch goes on.
pub fn extract_guarded(report: &Report, gazetteers: &Gazetteers) -> Result<Extraction, Diagnostic> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract(report, gazetteers))).map_err(|_| Diagnostic {
        source: report.source.clone(),
        line: None,
        message: "internal error: the extractor failed on this report (please report it with the file)".to_owned(),
    })
}

fn write_chunk(
    store: &Store,
    chunk: &mut Vec<(Report, Vec<ReportId>)>,
    gazetteers: &Gazetteers,
    aliases: &AliasRules,
    summary: &mut LoadSummary,
    observer: &mut dyn LoadObserver,
) -> Result<(), PipelineError> {
    let results: Vec<Result<Extraction, Diagnostic>> =
        chunk.par_iter().map(|(report, _)| extract_guarded(report, gazetteers)).collect();
    let mut extractions: Vec<Extraction> = Vec::with_capacity(results.len());
    let mut kept: Vec<(Report, Vec<ReportId>)> = Vec::with_capacity(results.len());
    for (item, result) in chunk.drain(..).zip(results) {
        match result {
            Ok(extraction) => {
                extractions.push(extraction);
                kept.push(item);
            }
            Err(diagnostic) => {
                summary.skipped += 1;
                observer.skipped(&diagnostic);
            }
        }
    }
    *chunk = kept;
    let records: Vec<LocalEntity> = extractions.iter().flat_map(local_entities).collect();
    // Linking within the chunk; the relink at the end of the load links across everything.
    let linking = link(&records, aliases);
    let now = jiff::Timestamp::now().to_string();
    let writes: Vec<ReportWrite> = chunk
        .par_iter()
        .zip(&extractions)
        .map(|((report, replaces), extraction)| ReportWrite {
            id: report.id.clone(),
            replaces: replaces.clone(),
            quads: report_quads(report, extraction, &linking),
            ingested_at: now.clone(),
        })
        .collect();
    store.write_reports(&writes)?;
    for extraction in &extractions {
        summary.entities += extraction.entities.len();
        summary.facts += extraction.fact_count();
    }
    chunk.clear();
    Ok(())
}

/// The linking input of one extraction.
pub fn local_entities(extraction: &Extraction) -> Vec<LocalEntity> {
    extraction
        .entities
        .iter()
        .map(|e| LocalEntity {
            kind: e.kind,
            key: e.key.clone(),
            label: e.label.clone(),
            aliases: e.aliases.clone(),
            country: e.country.clone(),
        })
        .collect()
}

/// Links every local entity in the store, rewrites the reports whose
/// canonical entities changed and replaces the entities graph. Returns the
/// number of reports rewritten.
pub fn relink(store: &Store, aliases: &AliasRules) -> Result<usize, PipelineError> {
    let gazetteers = Gazetteers::embedded()?;
    let stored = store.local_entities()?;
    let records: Vec<LocalEntity> = stored.iter().map(|s| s.entity.clone()).collect();
    let linking = link(&records, aliases);
    let mut changed: BTreeSet<ReportId> = BTreeSet::new();
    let mut reports_of: BTreeMap<EntityKey, BTreeSet<ReportId>> = BTreeMap::new();
    for local in &stored {
        let canonical = linking.canonical(&local.entity.key);
        if crate::rdf::iri::entity(canonical) != local.denotes {
            changed.insert(local.report.clone());
        }
        reports_of.entry(canonical.clone()).or_default().insert(local.report.clone());
    }
    let changed: Vec<ReportId> = changed.into_iter().collect();
    for ids in changed.chunks(256) {
        let reports: Vec<Report> =
            ids.iter().filter_map(|id| store.report(id).transpose()).collect::<Result<_, _>>()?;
        let rendered: Vec<_> = reports
            .par_iter()
            .map(|report| {
                let extraction = extract(report, gazetteers);
                (report.id.clone(), report_quads(report, &extraction, &linking))
            })
            .collect();
        store.rewrite_reports(&rendered)?;
    }
    let counts: HashMap<EntityKey, usize> =
        reports_of.iter().map(|(key, reports)| (key.clone(), reports.len())).collect();
    let quads = entity_quads(&linking, &|key| counts.get(key).copied().unwrap_or(0), gazetteers);
    store.replace_entities(&quads)?;
    store.replace_vocabulary(&vocabulary_quads(gazetteers))?;
    Ok(changed.len())
}

/// Extracts reports without a store, linking them together as `load` would:
/// the entity keys of each extraction map through the returned linking to
/// the IRIs the store would hold. Parallel, and the output order is the input order.
pub fn extract_linked(reports: &[Report], aliases: &AliasRules) -> Result<(Vec<Extraction>, Linking), PipelineError> {
    let gazetteers = Gazetteers::embedded()?;
    let extractions: Vec<Extraction> = reports.par_iter().map(|report| extract(report, gazetteers)).collect();
    let records: Vec<LocalEntity> = extractions.iter().flat_map(local_entities).collect();
    let linking = link(&records, aliases);
    Ok((extractions, linking))
}
