//! The batch pipeline: reports in, linked facts in the store out.
//!
//! [`load`] streams reports in chunks: each chunk is extracted in parallel
//! (rayon, order preserved), linked within itself and written in one atomic
//! step (see [`Store::write_reports`]), so a crash leaves every report
//! complete or absent. At the end the reports no input holds any more are
//! removed and all local entities in the store are linked together (from
//! the key states the store keeps, plus what the load wrote, minus what it
//! removed) and the few reports whose canonical entities changed are
//! rewritten, so the store's
//! content is a function of the set of inputs loaded, whatever their order or
//! chunking. A mark in the store says when that end work is owed (see [`load`]).

use crate::extract::{DataError, Gazetteers, extract};
use crate::ingest::{Diagnostic, ReadResult};
use crate::link::stories::{Signature, StoryReport, signature, stories};
use crate::link::{AliasRules, KeyState, Linking, LocalEntity, link, link_states, states_of};
use crate::model::{EntityKey, Extraction, Report, ReportId};
use crate::rdf::linking::KeptKeys;
use crate::rdf::quads::{aggregate_quads, entity_quads, report_quads, story_quads, vocabulary_quads};
use crate::rdf::routes::route_row_quads;
use crate::rdf::store::{ReportWrite, SourceWrite, Store, StoreError};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashSet};

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
    /// A report was loaded, but something in it could not be read (see
    /// [`language_diagnostic`]).
    fn warning(&mut self, _diagnostic: &Diagnostic) {}
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

/// What the chunks of one load wrote, for linking at its end: the merged
/// records of each local key, and the canonical key each report was
/// written with for each of its local keys (linked within its chunk).
#[derive(Default)]
struct Added {
    states: BTreeMap<EntityKey, KeyState>,
    written: Vec<Written>,
}

/// One report as written: (local key, canonical key it was written with).
struct Written {
    report: ReportId,
    links: Vec<(EntityKey, EntityKey)>,
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
    // An empty store's key states are trivially in step (none): its first
    // load links from what it adds, without reading its reports back.
    if index.is_empty() && !summary.repaired && store.kept_keys()?.is_none() {
        store.write_kept_keys(&KeptKeys::new())?;
    }
    let mut seen: HashSet<ReportId> = HashSet::new();
    let mut chunk = Chunk::default();
    let mut added = Added::default();
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
            write_chunk(store, &mut chunk, gazetteers, &options.aliases, &mut added, &mut summary, observer)?;
        }
    }
    if !chunk.sources.is_empty() {
        if !marked {
            store.set_relink_pending(true)?;
            marked = true;
        }
        write_chunk(store, &mut chunk, gazetteers, &options.aliases, &mut added, &mut summary, observer)?;
    }
    // A store written by an older narcograph is brought to today's shape by
    // the first load, even one that adds nothing.
    if marked || store_entities_missing(store)? || !store.reports_in_older_shape()?.is_empty() {
        // After an interrupted load the kept key states may lag the
        // reports: they are rebuilt from the reports.
        let added = if summary.repaired { None } else { Some(added) };
        finish(store, &options.aliases, added, &mut summary, observer)?;
    }
    observer.phase(Phase::Done);
    Ok(summary)
}

/// Brings a store to the state a clean load of its reports gives: removes the
/// reports no input holds, relinks every entity from every report's local
/// entities (rebuilding the kept key states) and clears the relink mark.
/// `load` does this end work whenever it changed something (from the kept
/// key states, or like this after an interrupted load);
/// `narcograph repair` runs it alone.
pub fn repair(
    store: &Store,
    aliases: &AliasRules,
    observer: &mut dyn LoadObserver,
) -> Result<LoadSummary, PipelineError> {
    let mut summary = LoadSummary { repaired: store.relink_pending()?, ..LoadSummary::default() };
    store.ensure_ontology()?;
    finish(store, aliases, None, &mut summary, observer)?;
    observer.phase(Phase::Done);
    Ok(summary)
}

/// The end work of a load: with `added` (what this load wrote), linking
/// starts from the key states the store keeps; without it, or when the store
/// keeps none, from every report's local entities.
fn finish(
    store: &Store,
    aliases: &AliasRules,
    added: Option<Added>,
    summary: &mut LoadSummary,
    observer: &mut dyn LoadObserver,
) -> Result<(), PipelineError> {
    // The mark first: should this be killed, the next load does it again.
    store.set_relink_pending(true)?;
    observer.phase(Phase::Collecting);
    let kept = match added {
        Some(added) => store.kept_keys()?.map(|kept| (kept, added)),
        None => None,
    };
    let unheld = store.unheld_reports()?;
    let removed_locals = match kept {
        Some(_) => store.local_entities_of(&unheld)?,
        None => Vec::new(),
    };
    store.remove_reports(&unheld)?;
    summary.removed += unheld.len();
    let increment = kept.map(|(kept, added)| Increment { kept, added, removed_locals, removed: unheld });
    let relinked = relink_observed(store, aliases, increment, observer)?;
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

/// What to tell the analyst about a report written in a language the
/// extractor has no rules for: it is kept (text, sentences, language) but
/// gives no entities or facts.
pub fn language_diagnostic(report: &Report, extraction: &Extraction) -> Option<Diagnostic> {
    if extraction.language.has_rules {
        return None;
    }
    let language = match extraction.language.code.as_deref() {
        Some(code) => format!("{} ({code})", crate::extract::language::name(code).unwrap_or(code)),
        None => "a language it could not tell".to_owned(),
    };
    Some(Diagnostic {
        source: report.source.clone(),
        line: None,
        message: format!(
            "written in {language}, which narcograph has no extraction rules for: kept with its text, no entities or facts read"
        ),
    })
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
    added: &mut Added,
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
                if let Some(diagnostic) = language_diagnostic(&report, &extraction) {
                    observer.warning(&diagnostic);
                }
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
    for (report, extraction) in kept.iter().zip(&extractions) {
        summary.entities += extraction.entities.len();
        summary.facts += extraction.fact_count();
        let links = extraction.entities.iter().map(|e| (e.key.clone(), linking.canonical(&e.key).clone())).collect();
        added.written.push(Written { report: report.id.clone(), links });
    }
    for record in &records {
        added.states.entry(record.key.clone()).or_default().add(record);
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
    relink_observed(store, aliases, None, &mut Quiet)
}

/// Where an incremental relink starts.
struct Increment {
    /// The key states and links the store keeps.
    kept: KeptKeys,
    /// What this load wrote.
    added: Added,
    /// The local entities of the reports this load removed.
    removed_locals: Vec<crate::rdf::store::StoredLocal>,
    /// Those reports.
    removed: Vec<ReportId>,
}

/// Links, rewrites the reports whose canonical entities changed, and writes
/// the entities graph, the kept key states and the aggregates.
///
/// With an increment, only what it changes is read and written: the kept
/// states plus the added records minus the removed ones are linked; the
/// reports rewritten are those written with another canonical key than the
/// linking gives now, and those naming a key whose canonical key changed;
/// the entities written are the clusters of the keys whose state or link
/// changed. Without one, everything is rebuilt from the reports' local
/// entities. Both give the same store (`tests/integration/aggregates.rs`).
fn relink_observed(
    store: &Store,
    aliases: &AliasRules,
    increment: Option<Increment>,
    observer: &mut dyn LoadObserver,
) -> Result<Relinked, PipelineError> {
    observer.phase(Phase::Linking);
    let gazetteers = Gazetteers::embedded()?;
    let rebuild = increment.is_none();
    let mut unheld: Vec<ReportId> = Vec::new();
    let (previous, states, written) = match increment {
        Some(Increment { kept, added, removed_locals, removed }) => {
            unheld = removed;
            let mut states: BTreeMap<EntityKey, KeyState> =
                kept.iter().map(|(key, (state, _))| (key.clone(), state.clone())).collect();
            for (key, state) in &added.states {
                states.entry(key.clone()).or_default().merge(state);
            }
            for local in &removed_locals {
                if let Some(state) = states.get_mut(&local.entity.key) {
                    state.remove(&local.entity);
                }
            }
            states.retain(|_, state| !state.is_empty());
            (kept, states, added.written)
        }
        None => {
            // Every local entity, sorted by report: each report's links
            // are read together.
            let locals = store.local_entities()?;
            let states = states_of(locals.iter().map(|l| &l.entity));
            let written = locals
                .chunk_by(|a, b| a.report == b.report)
                .map(|one| Written {
                    report: one[0].report.clone(),
                    links: one
                        .iter()
                        .map(|l| {
                            let denotes = crate::rdf::iri::entity_key(&l.denotes);
                            (l.entity.key.clone(), denotes.unwrap_or_else(|| l.entity.key.clone()))
                        })
                        .collect(),
                })
                .collect();
            (KeptKeys::new(), states, written)
        }
    };
    let linking = link_states(&states, aliases);
    // Into a store that linked nothing before (a first load), every entity
    // and edge is new: writing them whole (through the bulk loader) costs far
    // less than updating them one by one, which held every edge's parts.
    let whole = rebuild || previous.is_empty();
    // Reports to rewrite: written with another canonical key than now...
    let mut changed: BTreeSet<ReportId> = written
        .iter()
        .filter(|w| w.links.iter().any(|(key, canonical)| linking.canonical(key) != canonical))
        .map(|w| w.report.clone())
        .collect();
    let written: Vec<ReportId> = written.into_iter().map(|w| w.report).collect();
    // ...naming a key whose canonical key moved since the last load...
    let moved = previous
        .iter()
        .filter(|(key, (_, was))| linking.membership(key).is_some_and(|now| now.canonical != was.canonical))
        .map(|(key, _)| key);
    changed.extend(store.reports_naming_keys(moved)?);
    // ...or stored by an older narcograph in another shape.
    changed.extend(store.reports_in_older_shape()?);
    let changed: Vec<ReportId> = changed.into_iter().collect();
    let relinked = rewrite(store, &changed, &linking, gazetteers, observer)?;

    observer.phase(Phase::Entities);
    // The clusters that keys whose state or link changed leave or join.
    let mut touched: BTreeSet<EntityKey> = BTreeSet::new();
    let mut kept = KeptKeys::new();
    for (key, state) in states {
        let Some(membership) = linking.membership(&key) else { continue };
        let was = previous.get(&key);
        if was.is_none_or(|(s, m)| *s != state || m != membership) {
            touched.insert(membership.canonical.clone());
            touched.extend(was.map(|(_, m)| m.canonical.clone()));
        }
        kept.insert(key, (state, membership.clone()));
    }
    for (key, (_, was)) in &previous {
        if !kept.contains_key(key) {
            touched.insert(was.canonical.clone());
        }
    }
    // Clusters that appear or vanish: edges the entities graph states
    // towards them come or go.
    let was_cluster: BTreeSet<&EntityKey> = previous.values().map(|(_, m)| &m.canonical).collect();
    let appeared: BTreeSet<EntityKey> =
        touched.iter().filter(|k| was_cluster.contains(k) != linking.entity(k).is_some()).cloned().collect();
    drop(was_cluster);
    drop(previous);
    if !whole {
        // A child's stated parent is written with the child.
        let children = store.children_of(&touched)?;
        touched.extend(children);
    }
    let entities: Vec<&crate::link::LinkedEntity> = if whole {
        linking.entities().collect()
    } else {
        touched.iter().filter_map(|key| linking.entity(key)).collect()
    };
    // One local entity per key per report: a cluster of one key is named by
    // as many reports as it has records; a larger one is counted in the store.
    let mut counts = store.report_counts(entities.iter().filter(|e| e.members.len() > 1).map(|e| &e.key))?;
    counts.extend(entities.iter().filter(|e| e.members.len() == 1).map(|e| (e.key.clone(), e.records)));
    let parents = store.stated_parents()?;
    let quads = entity_quads(
        &linking,
        entities.into_iter(),
        &|key| counts.get(key).copied().unwrap_or(0),
        &parents,
        gazetteers,
    );
    // Near-duplicates are grouped over the whole collection, like entities.
    let story_map = stories(&story_reports(store)?);
    let story_quads = story_quads(&story_map);
    if whole {
        store.replace_entities(&quads.into_iter().chain(story_quads).collect::<Vec<_>>())?;
        store.write_kept_keys(&kept)?;
        store.replace_vocabulary(&vocabulary_quads(gazetteers))?;
        // The views' edges, kept once here so that commands need not join every event.
        observer.phase(Phase::Aggregating);
        let view = crate::graph::load_from_events(store)?;
        let edges = view.aggregate_edges();
        store.replace_aggregates(
            &aggregate_quads(&edges).into_iter().chain(route_row_quads(&edges)).collect::<Vec<_>>(),
        )?;
        return Ok(relinked);
    }
    let stories_before = store.story_links()?;
    let standing_before = store.standing_links(&touched, &appeared)?;
    store.update_entities(&touched.iter().cloned().collect::<Vec<_>>(), &quads, &story_quads)?;
    let standing_after = store.standing_links(&touched, &appeared)?;
    store.write_kept_keys(&kept)?;
    store.replace_vocabulary(&vocabulary_quads(gazetteers))?;
    // The edges of the reports this load wrote, rewrote or removed, and of
    // the entities it touched, updated from their stored parts.
    observer.phase(Phase::Aggregating);
    let removed: BTreeSet<&ReportId> = unheld.iter().collect();
    let added: Vec<ReportId> = written
        .iter()
        .chain(&changed)
        .filter(|r| !removed.contains(r))
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let dropped: BTreeSet<ReportId> = written.into_iter().chain(changed).chain(unheld).collect();
    crate::graph::update_aggregates(
        store,
        &crate::graph::AggregateChanges {
            dropped: &dropped,
            added: &added,
            standing: (&standing_before, &standing_after),
            stories: (&stories_before, &story_map),
        },
    )?;
    Ok(relinked)
}

/// Extracts the reports again and writes them with the new linking, in
/// steps of 256; a report the extractor fails on is kept as it was.
fn rewrite(
    store: &Store,
    changed: &[ReportId],
    linking: &Linking,
    gazetteers: &Gazetteers,
    observer: &mut dyn LoadObserver,
) -> Result<Relinked, PipelineError> {
    let mut relinked = Relinked::default();
    for ids in changed.chunks(256) {
        observer.phase(Phase::Rewriting { done: relinked.rewritten, total: changed.len() });
        let reports: Vec<Report> =
            ids.iter().filter_map(|id| store.report(id).transpose()).collect::<Result<_, _>>()?;
        let rendered: Vec<_> = reports
            .par_iter()
            .map(|report| {
                extract_guarded(report, gazetteers)
                    .map(|extraction| (report.id.clone(), report_quads(report, &extraction, linking)))
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
