//! The batch pipeline: reports in, linked facts in the store out.
//!
//! [`load`] streams reports in chunks: each chunk is extracted in parallel
//! (rayon, order preserved), linked within itself and written in one atomic
//! step (see [`Store::write_reports`]), so a crash leaves every report
//! complete or absent. At the end the reports no input holds any more are
//! removed and [`relink`] links all local entities in the store together and
//! rewrites the few reports whose canonical entities changed, so the store's
//! content is a function of the set of inputs loaded, whatever their order or
//! chunking. A mark in the store says when that end work is owed (see [`load`]).

use crate::extract::{DataError, Gazetteers, extract};
use crate::ingest::{Diagnostic, ReadResult};
use crate::link::stories::{Signature, StoryReport, signature, stories};
use crate::link::{AliasRules, Linking, LocalEntity, link};
use crate::model::{EntityKey, Extraction, Report, ReportId};
use crate::rdf::quads::{aggregate_quads, entity_quads, report_quads, story_quads, vocabulary_quads};
use crate::rdf::store::{ReportWrite, SourceWrite, Store, StoreError};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};

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
    /// Building the graph view for the aggregates failed.
    #[error(transparent)]
    Graph(#[from] crate::graph::GraphError),
}

/// How a report was handled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Its text was not in the store before: added.
    New,
    /// Its text is already stored (under this input, or under another input
    /// with the same text, which this input now holds too): nothing to extract.
    Unchanged,
    /// Its input held another text before: the input now holds this one.
    Replaced,
}

/// The phases of a load, in order, as told to a [`LoadObserver`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Reading, extracting and writing chunks of reports.
    Reading,
    /// A chunk of reports is being extracted.
    Extracting,
    /// A chunk was extracted and is about to be written.
    Writing,
    /// Removing the reports no input holds any more.
    Collecting,
    /// Linking every local entity in the store.
    Linking,
    /// Rewriting reports whose canonical entities changed (`done` of `total`).
    Rewriting {
        /// Reports rewritten so far.
        done: usize,
        /// Reports to rewrite.
        total: usize,
    },
    /// Writing the entities graph and the vocabulary.
    Entities,
    /// Writing the aggregates graph (the views' edges).
    Aggregating,
    /// Finished: the store is consistent.
    Done,
}

impl Phase {
    /// A short name ("reading", "linking"...), stable: used in progress output.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Reading => "reading",
            Phase::Extracting => "extracting",
            Phase::Writing => "writing",
            Phase::Collecting => "collecting",
            Phase::Linking => "linking",
            Phase::Rewriting { .. } => "rewriting",
            Phase::Entities => "entities",
            Phase::Aggregating => "aggregating",
            Phase::Done => "done",
        }
    }
}

/// Told about progress while loading (the CLI draws a progress bar with it).
pub trait LoadObserver {
    /// A report was read and handled.
    fn report(&mut self, _report: &Report, _outcome: Outcome) {}
    /// An input was skipped.
    fn skipped(&mut self, _diagnostic: &Diagnostic) {}
    /// A chunk was written.
    fn chunk_written(&mut self, _reports: usize) {}
    /// A new phase begins.
    fn phase(&mut self, _phase: Phase) {}
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
    /// Inputs that held another text before.
    pub replaced: usize,
    /// Inputs skipped (with a diagnostic).
    pub skipped: usize,
    /// Entity mentions of the reports written (one per entity per report).
    pub entities: usize,
    /// Facts of the reports written.
    pub facts: usize,
    /// Reports removed because no input holds their text any more.
    pub removed: usize,
    /// Reports rewritten because linking changed their entities.
    pub relinked: usize,
    /// True when this load finished the work of an earlier load that was
    /// interrupted (killed, or failed) before it had linked.
    pub repaired: bool,
}

/// A chunk of work: reports to extract and write, and the inputs that now hold them.
#[derive(Default)]
struct Chunk {
    reports: Vec<Report>,
    sources: Vec<SourceWrite>,
}

/// Loads reports into the store.
///
/// Crash-safe: before its first write the load marks the store "relink
/// pending", and clears the mark only once the store is consistent again (the
/// reports no input holds removed, every entity relinked). A load that finds
/// the mark, because an earlier one was killed or failed, finishes that work
/// too, so after any interruption the next load gives exactly what one
/// uninterrupted load would.
pub fn load(
    store: &Store,
    reports: impl Iterator<Item = ReadResult>,
    options: &LoadOptions,
    observer: &mut dyn LoadObserver,
) -> Result<LoadSummary, PipelineError> {
    let gazetteers = Gazetteers::embedded()?;
    let mut summary = LoadSummary { repaired: store.relink_pending()?, ..LoadSummary::default() };
    let mut marked = summary.repaired;
    store.ensure_ontology()?;
    let mut index = store.source_index()?;
    let mut seen: HashSet<ReportId> = HashSet::new();
    let mut chunk = Chunk::default();
    let chunk_size = options.chunk_size.max(1);
    observer.phase(Phase::Reading);
    for item in reports {
        let report = match item {
            Ok(report) => report,
            Err(diagnostic) => {
                summary.skipped += 1;
                observer.skipped(&diagnostic);
                continue;
            }
        };
        let key = report.source_key().to_owned();
        if index.get(&key) == Some(&report.id) {
            summary.unchanged += 1;
            observer.report(&report, Outcome::Unchanged);
            continue;
        }
        let known = seen.contains(&report.id) || store.has_report(&report.id)?;
        let previous = index.insert(key.clone(), report.id.clone());
        let outcome = match (previous, known) {
            (Some(_), _) => Outcome::Replaced,
            (None, true) => Outcome::Unchanged,
            (None, false) => Outcome::New,
        };
        match outcome {
            Outcome::New => summary.new += 1,
            Outcome::Replaced => summary.replaced += 1,
            Outcome::Unchanged => summary.unchanged += 1,
        }
        observer.report(&report, outcome);
        chunk.sources.push(SourceWrite { key, path: report.source.clone(), report: report.id.clone() });
        if !known {
            seen.insert(report.id.clone());
            chunk.reports.push(report);
        }
        if chunk.reports.len() >= chunk_size || chunk.sources.len() >= chunk_size * 4 {
            if !marked {
                store.set_relink_pending(true)?;
                marked = true;
            }
            write_chunk(store, &mut chunk, gazetteers, &options.aliases, &mut summary, observer)?;
        }
    }
    if !chunk.sources.is_empty() {
        if !marked {
            store.set_relink_pending(true)?;
            marked = true;
        }
        write_chunk(store, &mut chunk, gazetteers, &options.aliases, &mut summary, observer)?;
    }
    // A store written by an older narcograph is brought to today's shape by
    // the first load, even one that adds nothing.
    if marked || store_entities_missing(store)? || !store.reports_in_older_shape()?.is_empty() {
        finish(store, &options.aliases, &mut summary, observer)?;
    }
    observer.phase(Phase::Done);
    Ok(summary)
}

/// Brings a store to the state a clean load of its reports gives: removes the
/// reports no input holds, relinks every entity and clears the relink mark.
/// `load` does it whenever it changed something or found the mark;
/// `narcograph repair` runs it alone.
pub fn repair(
    store: &Store,
    aliases: &AliasRules,
    observer: &mut dyn LoadObserver,
) -> Result<LoadSummary, PipelineError> {
    let mut summary = LoadSummary { repaired: store.relink_pending()?, ..LoadSummary::default() };
    store.ensure_ontology()?;
    finish(store, aliases, &mut summary, observer)?;
    observer.phase(Phase::Done);
    Ok(summary)
}

fn finish(
    store: &Store,
    aliases: &AliasRules,
    summary: &mut LoadSummary,
    observer: &mut dyn LoadObserver,
) -> Result<(), PipelineError> {
    // The mark first: should this be killed, the next load does it again.
    store.set_relink_pending(true)?;
    observer.phase(Phase::Collecting);
    summary.removed += store.remove_unheld_reports()?.len();
    let relinked = relink_observed(store, aliases, observer)?;
    summary.relinked += relinked.rewritten;
    summary.skipped += relinked.diagnostics.len();
    for diagnostic in &relinked.diagnostics {
        observer.skipped(diagnostic);
    }
    store.set_relink_pending(false)?;
    Ok(())
}

fn store_entities_missing(store: &Store) -> Result<bool, StoreError> {
    let answer =
        store.query(&format!("ASK {{ GRAPH <{}> {{ ?s ?p ?o }} }}", crate::rdf::iri::entities_graph()), &[])?;
    Ok(matches!(answer, crate::rdf::QueryAnswer::Boolean(false)) && !store.source_index()?.is_empty())
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
    chunk: &mut Chunk,
    gazetteers: &Gazetteers,
    aliases: &AliasRules,
    summary: &mut LoadSummary,
    observer: &mut dyn LoadObserver,
) -> Result<(), PipelineError> {
    let reports = std::mem::take(&mut chunk.reports);
    let mut sources = std::mem::take(&mut chunk.sources);
    observer.phase(Phase::Extracting);
    let results: Vec<Result<Extraction, Diagnostic>> =
        reports.par_iter().map(|report| extract_guarded(report, gazetteers)).collect();
    let mut extractions: Vec<Extraction> = Vec::with_capacity(results.len());
    let mut kept: Vec<Report> = Vec::with_capacity(results.len());
    for (report, result) in reports.into_iter().zip(results) {
        match result {
            Ok(extraction) => {
                extractions.push(extraction);
                kept.push(report);
            }
            Err(diagnostic) => {
                summary.skipped += 1;
                observer.skipped(&diagnostic);
            }
        }
    }
    // An input may hold only a report that is written: one whose extraction
    // failed is neither written nor held (a later twin would dangle otherwise).
    let written: HashSet<&ReportId> = kept.iter().map(|r| &r.id).collect();
    let mut held = Vec::with_capacity(sources.len());
    for source in sources.drain(..) {
        if written.contains(&source.report) || store.has_report(&source.report)? {
            held.push(source);
        }
    }
    let records: Vec<LocalEntity> = extractions.iter().flat_map(local_entities).collect();
    // Linking within the chunk; the relink at the end of the load links across everything.
    let linking = link(&records, aliases);
    let now = jiff::Timestamp::now().to_string();
    let writes: Vec<ReportWrite> = kept
        .par_iter()
        .zip(&extractions)
        .map(|(report, extraction)| ReportWrite {
            id: report.id.clone(),
            quads: report_quads(report, extraction, &linking),
            ingested_at: now.clone(),
        })
        .collect();
    observer.phase(Phase::Writing);
    store.write_reports(&writes, &held)?;
    for extraction in &extractions {
        summary.entities += extraction.entities.len();
        summary.facts += extraction.fact_count();
    }
    observer.chunk_written(kept.len());
    observer.phase(Phase::Reading);
    Ok(())
}

/// Every report with its story signature: the stored one, or, for a report
/// stored before this version of signatures, one made from its stored text.
fn story_reports(store: &Store) -> Result<Vec<StoryReport>, StoreError> {
    let mut out = Vec::new();
    for stored in store.story_signatures()? {
        let signature = match stored.signature.as_deref().and_then(Signature::from_hex) {
            Some(signature) => Some(signature),
            None => match crate::rdf::iri::report_id(&stored.report) {
                Some(id) => store.report(&id)?.and_then(|report| signature(&report.text)),
                None => None,
            },
        };
        if let Some(signature) = signature {
            out.push(StoryReport { iri: stored.report, date: stored.date, signature });
        }
    }
    Ok(out)
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

/// What a relink did.
#[derive(Debug, Default)]
pub struct Relinked {
    /// Reports rewritten because their canonical entities changed.
    pub rewritten: usize,
    /// Reports that could not be extracted again (kept as they were).
    pub diagnostics: Vec<Diagnostic>,
}

/// Links every local entity in the store, rewrites the reports whose
/// canonical entities changed and replaces the entities graph.
pub fn relink(store: &Store, aliases: &AliasRules) -> Result<Relinked, PipelineError> {
    relink_observed(store, aliases, &mut Quiet)
}

fn relink_observed(
    store: &Store,
    aliases: &AliasRules,
    observer: &mut dyn LoadObserver,
) -> Result<Relinked, PipelineError> {
    observer.phase(Phase::Linking);
    let gazetteers = Gazetteers::embedded()?;
    // The records move out of what was read (no second copy: at 100,000
    // reports they are 1.7 million), their reports and current IRIs beside.
    let (records, placed): (Vec<LocalEntity>, Vec<(ReportId, String)>) =
        store.local_entities()?.into_iter().map(|s| (s.entity, (s.report, s.denotes))).unzip();
    let linking = link(&records, aliases);
    let mut changed: BTreeSet<ReportId> = BTreeSet::new();
    // Reports naming each canonical entity, each report once: the locals come
    // sorted by report, so one report's canonical keys are counted together.
    let mut counts: HashMap<EntityKey, usize> = HashMap::new();
    let mut start = 0;
    for one_report in placed.chunk_by(|a, b| a.0 == b.0) {
        let records = &records[start..start + one_report.len()];
        start += one_report.len();
        let mut named: Vec<&EntityKey> = Vec::new();
        for (record, (report, denotes)) in records.iter().zip(one_report) {
            let canonical = linking.canonical(&record.key);
            if crate::rdf::iri::entity(canonical) != *denotes {
                changed.insert(report.clone());
            }
            if !named.contains(&canonical) {
                named.push(canonical);
            }
        }
        for canonical in named {
            *counts.entry(canonical.clone()).or_default() += 1;
        }
    }
    drop(placed);
    drop(records);
    // Reports an older narcograph stored in another shape are written anew.
    changed.extend(store.reports_in_older_shape()?);
    let changed: Vec<ReportId> = changed.into_iter().collect();
    let mut relinked = Relinked::default();
    for ids in changed.chunks(256) {
        observer.phase(Phase::Rewriting { done: relinked.rewritten, total: changed.len() });
        let reports: Vec<Report> =
            ids.iter().filter_map(|id| store.report(id).transpose()).collect::<Result<_, _>>()?;
        let rendered: Vec<_> = reports
            .par_iter()
            .map(|report| {
                extract_guarded(report, gazetteers)
                    .map(|extraction| (report.id.clone(), report_quads(report, &extraction, &linking)))
            })
            .collect();
        let mut rewrites = Vec::with_capacity(rendered.len());
        for item in rendered {
            match item {
                Ok(rewrite) => rewrites.push(rewrite),
                Err(diagnostic) => relinked.diagnostics.push(diagnostic),
            }
        }
        store.rewrite_reports(&rewrites)?;
        relinked.rewritten += rewrites.len();
    }
    observer.phase(Phase::Entities);
    let parents = store.stated_parents()?;
    let mut quads = entity_quads(&linking, &|key| counts.get(key).copied().unwrap_or(0), &parents, gazetteers);
    // Near-duplicates are grouped over the whole collection, like entities.
    quads.extend(story_quads(&stories(&story_reports(store)?)));
    store.replace_entities(&quads)?;
    store.replace_vocabulary(&vocabulary_quads(gazetteers))?;
    // The views' edges, kept once here so that commands need not join every event.
    observer.phase(Phase::Aggregating);
    let view = crate::graph::load_from_events(store)?;
    store.replace_aggregates(&aggregate_quads(&view.aggregate_edges()))?;
    Ok(relinked)
}

/// Extracts reports without a store, linking them together as `load` would:
/// the entity keys of each extraction map through the returned linking to
/// the IRIs the store would hold. Parallel, and the output order is the input
/// order. A report the extractor fails on (it should never happen) is left
/// out of the extractions and comes back as a diagnostic.
pub fn extract_linked(reports: &[Report], aliases: &AliasRules) -> Result<Extracted, PipelineError> {
    let gazetteers = Gazetteers::embedded()?;
    let results: Vec<Result<Extraction, Diagnostic>> =
        reports.par_iter().map(|report| extract_guarded(report, gazetteers)).collect();
    let mut extractions = Vec::with_capacity(results.len());
    let mut diagnostics = Vec::new();
    for (index, result) in results.into_iter().enumerate() {
        match result {
            Ok(extraction) => extractions.push((index, extraction)),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let records: Vec<LocalEntity> = extractions.iter().flat_map(|(_, e)| local_entities(e)).collect();
    let linking = link(&records, aliases);
    Ok(Extracted { extractions, linking, diagnostics })
}

/// What [`extract_linked`] gives.
pub struct Extracted {
    /// Each extraction with the position of its report in the input.
    pub extractions: Vec<(usize, Extraction)>,
    /// The linking of all of them together.
    pub linking: Linking,
    /// Reports the extractor failed on (left out of `extractions`).
    pub diagnostics: Vec<Diagnostic>,
}
