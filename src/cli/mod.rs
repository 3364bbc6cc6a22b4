//! Running commands: turns parsed arguments into library calls, prints the
//! results and decides the exit code. The only code (with `main.rs`) that
//! prints or knows clap.

pub mod args;
mod contract;
mod output;

use anyhow::{Context, Result, bail};
use args::{Cli, Command, ExportFormat, ExtractFormat, ListFormat, QueryFormat, View};
use indicatif::{ProgressBar, ProgressStyle};
use narcograph::extract::Gazetteers;
use narcograph::graph;
use narcograph::ingest::{Diagnostic, ReportReader};
use narcograph::link::AliasRules;
use narcograph::model::{EntityKind, Report};
use narcograph::pipeline::{self, LoadObserver, LoadOptions, Outcome, Phase};
use narcograph::query;
use narcograph::rdf::{AnswerStream, Binding, GraphFormat, QueryOptions, ReadStore, ResultFormat, Store, results};
use rayon::prelude::*;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Exit code when everything went well.
pub const SUCCESS: u8 = 0;
/// Exit code when the command finished but skipped some input.
pub const SKIPPED: u8 = 1;
/// Exit code on a fatal error.
pub const FATAL: u8 = 2;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    if let Some(threads) = cli.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global()
            .context("cannot set the number of threads")?;
    }
    let quiet = cli.quiet;
    // Commands that work on no store, or only on the local one.
    let local_only = match cli.command {
        Command::Extract(_) => Some("extract"),
        Command::Generate(_) => Some("generate"),
        Command::Serve(_) => Some("serve"),
        _ => None,
    };
    if let (Some(endpoint), Some(command)) = (&cli.endpoint, local_only) {
        bail!(
            "--endpoint {endpoint} (or NARCOGRAPH_ENDPOINT) does not apply to `{command}`; unset it to use the local store"
        );
    }
    let remote = match &cli.endpoint {
        Some(endpoint) => Some(narcograph::rdf::Remote::new(endpoint, credentials())?),
        None => None,
    };
    match cli.command {
        Command::Load(args) => load(&cli.store, remote.as_ref(), &args, quiet),
        Command::Extract(args) => extract(&args, quiet),
        Command::Query(args) => run_query(&cli.store, remote, args),
        Command::Export(args) => export(&*reader(&cli.store, remote)?, &args),
        Command::Entities(args) => entities(&*reader(&cli.store, remote)?, &args),
        Command::Channels(args) => channels(&*reader(&cli.store, remote)?, args),
        Command::Generate(args) => generate(&args),
        Command::Graph(args) => graph_command(&*reader(&cli.store, remote)?, args),
        Command::Stats(args) => {
            let place = remote.as_ref().map_or_else(|| cli.store.display().to_string(), |r| r.endpoint().to_owned());
            stats(&*reader(&cli.store, remote)?, &place, &args)
        }
        Command::Repair(args) => match &remote {
            Some(remote) => repair_remote(remote, &args),
            None => repair(&cli.store, &args, quiet),
        },
        Command::Serve(args) => serve(&cli.store, &args, quiet),
    }
}

fn read_aliases(path: Option<&Path>) -> Result<AliasRules> {
    let Some(path) = path.map(Path::to_path_buf).or_else(|| {
        let default = Path::new("data/aliases.tsv");
        default.exists().then(|| default.to_path_buf())
    }) else {
        return Ok(AliasRules::none());
    };
    let content =
        std::fs::read_to_string(&path).with_context(|| format!("cannot read the alias file {}", path.display()))?;
    Ok(AliasRules::parse(&path.display().to_string(), &content)?)
}

/// The store a reading command reads: the remote one when `--endpoint` names
/// one, else the local store, opened read-only.
fn reader(path: &Path, remote: Option<narcograph::rdf::Remote>) -> Result<Box<dyn ReadStore>> {
    Ok(match remote {
        Some(remote) => Box::new(remote),
        None => Box::new(open_read_only(path)?),
    })
}

fn open_read_only(path: &Path) -> Result<Store> {
    Store::open_read_only(path).with_context(|| format!("cannot read the store {}", path.display()))
}

/// Draws a progress bar on a terminal (never into a pipe or file): the
/// phase, input bytes read of the total, rate, time left and reports read;
/// prints diagnostics as they come.
struct Progress {
    bar: ProgressBar,
    quiet: bool,
    seen: usize,
    /// Size of each input file by the name reports carry as their source.
    sizes: std::collections::HashMap<String, u64>,
    /// Files whose bytes are counted as read (their first report came).
    started: std::collections::HashSet<String>,
    abort_at: Option<(String, usize)>,
    phases: std::collections::HashMap<&'static str, usize>,
}

/// Test hook: `NARCOGRAPH_TEST_ABORT_AT=PHASE[:N]` aborts the process (no
/// destructors, no flush: as a kill would) when the N-th (default first)
/// phase of that name begins. The crash tests use it to stop a load at exact
/// points; it has no other use.
const ABORT_AT: &str = "NARCOGRAPH_TEST_ABORT_AT";

impl Progress {
    fn new(quiet: bool, files: &[narcograph::ingest::InputFile]) -> Progress {
        let sizes: std::collections::HashMap<String, u64> = files
            .iter()
            .filter_map(|f| Some((f.display.clone(), std::fs::metadata(f.path.as_ref()?).ok()?.len())))
            .collect();
        // Standard input has no size: a spinner then, with counts and rate.
        let known = !files.is_empty() && files.iter().all(|f| f.path.is_some());
        let bar = if quiet {
            ProgressBar::hidden()
        } else if known {
            ProgressBar::new(sizes.values().sum())
        } else {
            ProgressBar::new_spinner()
        };
        let template = if known {
            "{msg:>10} [{bar:28}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec}, {eta} left, {prefix} reports"
        } else {
            "{msg:>10} {spinner} {prefix} reports read"
        };
        bar.set_style(
            ProgressStyle::with_template(template)
                .unwrap_or_else(|_| ProgressStyle::default_spinner())
                .progress_chars("=> "),
        );
        bar.set_message("reading");
        bar.set_prefix("0");
        bar.enable_steady_tick(Duration::from_millis(120));
        let abort_at = std::env::var(ABORT_AT).ok().map(|spec| match spec.split_once(':') {
            Some((phase, n)) => (phase.to_owned(), n.parse().unwrap_or(1)),
            None => (spec, 1),
        });
        Progress {
            bar,
            quiet,
            seen: 0,
            sizes,
            started: std::collections::HashSet::new(),
            abort_at,
            phases: std::collections::HashMap::new(),
        }
    }
}

impl LoadObserver for Progress {
    fn report(&mut self, report: &Report, _outcome: Outcome) {
        self.seen += 1;
        self.bar.set_prefix(self.seen.to_string());
        // A record of a JSON array or JSON lines file is "file#N": its file's bytes count once.
        let file = report.source.split_once('#').map_or(report.source.as_str(), |(file, _)| file);
        if !self.started.contains(file) {
            self.started.insert(file.to_owned());
            self.bar.inc(self.sizes.get(file).copied().unwrap_or(0));
        }
    }

    fn skipped(&mut self, diagnostic: &Diagnostic) {
        if !self.quiet {
            self.bar.suspend(|| output::diagnostic(diagnostic));
        }
    }

    fn warning(&mut self, diagnostic: &Diagnostic) {
        if !self.quiet {
            self.bar.suspend(|| output::warning(diagnostic));
        }
    }

    fn phase(&mut self, phase: Phase) {
        let count = self.phases.entry(phase.name()).or_insert(0);
        *count += 1;
        if let Some((name, n)) = &self.abort_at
            && name == phase.name()
            && n == count
        {
            std::process::abort();
        }
        match phase {
            Phase::Rewriting { done, total } => self.bar.set_message(format!("rewriting {done}/{total}")),
            other => self.bar.set_message(other.name()),
        }
    }
}

/// Expands the inputs; none readable is an error before any store is touched.
fn reader_for(
    paths: &[String],
    max_report_bytes: usize,
    quiet: bool,
) -> Result<(ReportReader, Vec<narcograph::ingest::InputFile>)> {
    let (files, diagnostics) = narcograph::ingest::expand_inputs(paths);
    if files.is_empty() {
        if !quiet {
            for diagnostic in &diagnostics {
                output::diagnostic(diagnostic);
            }
        }
        bail!("nothing to read: none of the paths given exists or holds a report file");
    }
    Ok((ReportReader::new(files.clone(), diagnostics).with_max_report_bytes(max_report_bytes), files))
}

fn load(
    store_path: &Path,
    remote: Option<&narcograph::rdf::Remote>,
    args: &args::LoadArgs,
    quiet: bool,
) -> Result<ExitCode> {
    let started = Instant::now();
    if remote.is_none() && (args.update_endpoint.is_some() || args.graph_store.is_some()) {
        bail!("--update-endpoint and --graph-store apply with --endpoint (a remote store)");
    }
    let aliases = read_aliases(args.aliases.as_deref())?;
    let (reader, files) = reader_for(&args.paths, args.max_report_bytes, quiet)?;
    let store = Store::open(store_path)?;
    let mut progress = Progress::new(quiet, &files);
    let options = LoadOptions { chunk_size: args.chunk_size, aliases };
    let summary = pipeline::load(&store, reader, &options, &mut progress)?;
    progress.bar.finish_and_clear();
    let pushed = match remote {
        Some(remote) => {
            let target = narcograph::rdf::push::PushTarget {
                update_endpoint: args.update_endpoint.clone().unwrap_or_else(|| remote.endpoint().to_owned()),
                graph_store: args.graph_store.clone(),
                snapshots: Some(store_path.join("pushed")),
            };
            let pushed = narcograph::rdf::push::push(&store, remote, &target).with_context(|| {
                format!(
                    "the reports are loaded in the local store {}, but the remote store {} is not brought to it; run the same `load --endpoint` again to push",
                    store_path.display(),
                    remote.endpoint()
                )
            })?;
            Some(pushed)
        }
        None => None,
    };
    let stats = store.stats()?;
    let mut out = std::io::stdout().lock();
    let code = ExitCode::from(if summary.skipped > 0 { SKIPPED } else { SUCCESS });
    if args.format == args::SummaryFormat::Json {
        let value = serde_json::json!({
            "new": summary.new, "unchanged": summary.unchanged, "replaced": summary.replaced,
            "skipped": summary.skipped, "entities": summary.entities, "facts": summary.facts,
            "removed": summary.removed, "relinked": summary.relinked, "repaired": summary.repaired,
            "files_removed": store.orphans_removed(),
            "store": {"path": store_path.display().to_string(), "reports": stats.reports, "quads": stats.quads,
                      "entities": stats.entities.values().sum::<usize>(), "routes": stats.routes, "seizures": stats.seizures},
            "remote": pushed.map(|p| serde_json::json!({
                "endpoint": remote.map(|r| r.endpoint().to_owned()),
                "graphs_written": p.written, "graphs_removed": p.removed, "graphs_unchanged": p.unchanged,
                "triples_sent": p.triples,
            })),
            "seconds": started.elapsed().as_secs_f64(),
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(code);
    }
    if summary.repaired {
        writeln!(out, "repaired: an earlier load was interrupted; its linking is now complete")?;
    }
    if store.orphans_removed() > 0 {
        writeln!(out, "removed: {} files an interrupted write left behind", store.orphans_removed())?;
    }
    writeln!(
        out,
        "reports: {} new, {} unchanged, {} replaced, {} skipped",
        summary.new, summary.unchanged, summary.replaced, summary.skipped
    )?;
    writeln!(
        out,
        "entities: {} in the reports loaded ({} linked entities in the store)",
        summary.entities,
        stats.entities.values().sum::<usize>()
    )?;
    writeln!(
        out,
        "facts: {} in the reports loaded ({} routes, {} seizures in the store)",
        summary.facts, stats.routes, stats.seizures
    )?;
    if summary.removed > 0 {
        writeln!(out, "removed: {} reports whose inputs now hold other texts", summary.removed)?;
    }
    if summary.relinked > 0 {
        writeln!(out, "relinked: {} reports rewritten after linking across reports", summary.relinked)?;
    }
    writeln!(out, "store: {} ({} reports, {} quads)", store_path.display(), stats.reports, stats.quads)?;
    if let (Some(pushed), Some(remote)) = (pushed, remote) {
        writeln!(
            out,
            "remote: {}: {} graphs written ({} triples), {} removed, {} unchanged",
            remote.endpoint(),
            pushed.written,
            pushed.triples,
            pushed.removed,
            pushed.unchanged
        )?;
    }
    writeln!(out, "seconds: {:.2}", started.elapsed().as_secs_f64())?;
    Ok(code)
}

fn generate(args: &args::GenerateArgs) -> Result<ExitCode> {
    let gazetteers = Gazetteers::embedded()?;
    let generator = narcograph::synth::Generator::new(gazetteers, args.seed);
    let sink: Box<dyn Write> = match &args.output {
        Some(path) => {
            Box::new(std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::new(sink);
    // Generated in parallel batches, written in order.
    let batch = 4096u64;
    let mut start = 0;
    while start < args.count {
        let end = (start + batch).min(args.count);
        let lines: Vec<String> = (start..end)
            .into_par_iter()
            .map(|i| serde_json::to_string(&generator.report(i)))
            .collect::<Result<_, _>>()?;
        for line in lines {
            writeln!(out, "{line}")?;
        }
        start = end;
    }
    out.flush()?;
    Ok(ExitCode::from(SUCCESS))
}

/// `repair --endpoint`: the tally a store merged from shards lacks, counted there.
fn repair_remote(remote: &narcograph::rdf::Remote, args: &args::RepairArgs) -> Result<ExitCode> {
    if args.aliases.is_some() {
        bail!("--aliases applies to the local store; linking is not run on a remote store");
    }
    let update = args.update_endpoint.clone().unwrap_or_else(|| remote.endpoint().to_owned());
    let counted = narcograph::rdf::push::recount(remote, &update)
        .with_context(|| format!("cannot count the reports of each entity on {}", remote.endpoint()))?;
    writeln!(
        std::io::stdout().lock(),
        "recounted: the reports naming each of {counted} entities on {}",
        remote.endpoint()
    )?;
    Ok(ExitCode::from(SUCCESS))
}

fn repair(store_path: &Path, args: &args::RepairArgs, quiet: bool) -> Result<ExitCode> {
    if args.update_endpoint.is_some() {
        bail!("--update-endpoint applies with --endpoint (a remote store)");
    }
    if !store_path.join("CURRENT").exists() {
        bail!("no store at {}; nothing to repair", store_path.display());
    }
    let aliases = read_aliases(args.aliases.as_deref())?;
    let store = Store::open(store_path)?;
    let mut progress = Progress::new(quiet, &[]);
    let summary = pipeline::repair(&store, &aliases, &mut progress)?;
    progress.bar.finish_and_clear();
    let stats = store.stats()?;
    let mut out = std::io::stdout().lock();
    if summary.repaired {
        writeln!(out, "repaired: an earlier load was interrupted; its linking is now complete")?;
    } else {
        writeln!(out, "the store was consistent; linking checked")?;
    }
    if store.orphans_removed() > 0 {
        writeln!(out, "removed: {} files an interrupted write left behind", store.orphans_removed())?;
    }
    if summary.removed > 0 {
        writeln!(out, "removed: {} reports no input holds", summary.removed)?;
    }
    writeln!(out, "relinked: {} reports rewritten", summary.relinked)?;
    writeln!(out, "store: {} ({} reports, {} quads)", store_path.display(), stats.reports, stats.quads)?;
    Ok(ExitCode::from(if summary.skipped > 0 { SKIPPED } else { SUCCESS }))
}

fn extract(args: &args::ExtractArgs, quiet: bool) -> Result<ExitCode> {
    let aliases = read_aliases(args.aliases.as_deref())?;
    if args.format == ExtractFormat::Nquads {
        return extract_nquads(args, aliases, quiet);
    }
    let mut reports: Vec<Report> = Vec::new();
    let mut skipped = 0;
    for item in reader_for(&args.paths, args.max_report_bytes, quiet)?.0 {
        match item {
            Ok(report) => reports.push(report),
            Err(diagnostic) => {
                skipped += 1;
                if !quiet {
                    output::diagnostic(&diagnostic);
                }
            }
        }
    }
    let pipeline::Extracted { extractions, linking, diagnostics: failed } =
        pipeline::extract_linked(&reports, &aliases)?;
    skipped += failed.len();
    if !quiet {
        for diagnostic in &failed {
            output::diagnostic(diagnostic);
        }
        for (index, extraction) in &extractions {
            if let Some(diagnostic) = pipeline::language_diagnostic(&reports[*index], extraction) {
                output::warning(&diagnostic);
            }
        }
    }
    let gazetteers = Gazetteers::embedded()?;
    let mut out = std::io::stdout().lock();
    match args.format {
        ExtractFormat::Jsonl => {
            // Rendering costs about as much as extracting, so it runs on all cores too;
            // lines are written in input order.
            let lines: Vec<String> = extractions
                .par_iter()
                .map(|(index, extraction)| {
                    serde_json::to_string(&contract::report_json(&reports[*index], extraction, &linking, gazetteers))
                })
                .collect::<Result<_, _>>()?;
            for line in &lines {
                writeln!(out, "{line}")?;
            }
        }
        ExtractFormat::Json => {
            let values: Vec<contract::ReportJson<'_>> = extractions
                .iter()
                .map(|(index, extraction)| contract::report_json(&reports[*index], extraction, &linking, gazetteers))
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&values)?)?;
        }
        ExtractFormat::Pretty => {
            for (index, extraction) in &extractions {
                output::extraction_pretty(&mut out, &reports[*index], extraction, &linking)?;
            }
        }
        // Written by `extract_nquads`, which returned before the reports were read here.
        ExtractFormat::Nquads => {}
    }
    Ok(ExitCode::from(if skipped > 0 { SKIPPED } else { SUCCESS }))
}

/// `extract --format nquads`: the reports loaded into a store in memory, as
/// `load` would write them, dumped as a shard (`Store::dump_shard`): sorted,
/// without load times, bookkeeping or tallies over the collection, so the
/// same reports give the same bytes on any machine.
fn extract_nquads(args: &args::ExtractArgs, aliases: AliasRules, quiet: bool) -> Result<ExitCode> {
    let (reader, files) = reader_for(&args.paths, args.max_report_bytes, quiet)?;
    let store = Store::in_memory()?;
    let mut progress = Progress::new(quiet, &files);
    let summary = pipeline::load(&store, reader, &LoadOptions { chunk_size: 256, aliases }, &mut progress)?;
    progress.bar.finish_and_clear();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    store.dump_shard(&mut out)?;
    out.flush()?;
    Ok(ExitCode::from(if summary.skipped > 0 { SKIPPED } else { SUCCESS }))
}

fn run_query(store_path: &Path, remote: Option<narcograph::rdf::Remote>, args: args::QueryArgs) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if args.list {
        for named in query::catalogue() {
            writeln!(out, "{}", named.name)?;
            writeln!(out, "    {}", named.description)?;
            for parameter in &named.parameters {
                writeln!(out, "    --param {}=...   {}", parameter.name, parameter.description)?;
            }
        }
        return Ok(ExitCode::from(SUCCESS));
    }
    let (text, declared): (String, Vec<query::Parameter>) = if let Some(expression) = args.expression {
        (expression, Vec::new())
    } else if let Some(name) = &args.name {
        let named = query::named(name)
            .with_context(|| format!("no named query {name:?}; `narcograph query --list` shows them"))?;
        (named.text.to_owned(), named.parameters)
    } else if let Some(file) = &args.file {
        (std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?, Vec::new())
    } else {
        bail!("give a query: a .rq file, -e SPARQL, or --name NAME (see --list)");
    };
    let mut bindings = Vec::new();
    for param in &args.params {
        let (name, value) = param.split_once('=').with_context(|| format!("--param {param:?} is not NAME=VALUE"))?;
        let name = name.trim().trim_start_matches(['?', '$']);
        bindings.push(match declared.iter().any(|p| p.is_name && p.name == name) {
            true => Binding::name_key(name, value),
            false => Binding::parse(name, value),
        });
    }
    for name in declared.iter().map(|p| &p.name) {
        if !bindings.iter().any(|b| &b.name == name) {
            bail!("the query {:?} needs --param {name}=VALUE", args.name.as_deref().unwrap_or_default());
        }
    }
    let options = QueryOptions {
        timeout: (args.timeout > 0.0).then(|| Duration::from_secs_f64(args.timeout)),
        limit: args.limit,
    };
    // Opened only now (`--list` and a bad query need no store), and open
    // while the answer streams.
    let store = reader(store_path, remote)?;
    let answer = store.query_stream(&text, &bindings, options)?;
    match (answer, args.format) {
        (AnswerStream::Graph(triples), None | Some(QueryFormat::Turtle)) => {
            results::write_graph_stream(triples, GraphFormat::Turtle, &mut out)?;
        }
        (AnswerStream::Graph(triples), Some(QueryFormat::Ntriples)) => {
            results::write_graph_stream(triples, GraphFormat::NTriples, &mut out)?;
        }
        (AnswerStream::Graph(_), Some(other)) => {
            bail!("a CONSTRUCT or DESCRIBE answer is a graph: use --format turtle or ntriples, not {other:?}")
        }
        (answer, None | Some(QueryFormat::Table)) => output::table_stream(&mut out, answer)?,
        (answer, Some(QueryFormat::Csv)) => _ = results::write_answer_stream(answer, ResultFormat::Csv, &mut out)?,
        (answer, Some(QueryFormat::Tsv)) => _ = results::write_answer_stream(answer, ResultFormat::Tsv, &mut out)?,
        (answer, Some(QueryFormat::Json)) => _ = results::write_answer_stream(answer, ResultFormat::Json, &mut out)?,
        (answer, Some(QueryFormat::Xml)) => _ = results::write_answer_stream(answer, ResultFormat::Xml, &mut out)?,
        (_, Some(other)) => {
            bail!("a SELECT or ASK answer is a table: use --format table, csv, tsv, json or xml, not {other:?}")
        }
    }
    out.flush()?;
    Ok(ExitCode::from(SUCCESS))
}

fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match path {
        Some(path) => std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display())),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
            Ok(())
        }
    }
}

fn export(store: &dyn ReadStore, args: &args::ExportArgs) -> Result<ExitCode> {
    // Flags that do not apply are refused, not ignored.
    let dumping = matches!(args.format, ExportFormat::Nquads | ExportFormat::Turtle | ExportFormat::Trig);
    if dumping && (args.view.is_some() || args.center.is_some()) {
        bail!(
            "--format {} dumps the whole store; --view and --center apply to graph formats",
            format_name(&args.format)
        );
    }
    if !dumping && args.canonical {
        bail!("--canonical applies to store dumps (nquads, turtle, trig)");
    }
    let chosen = args.view.unwrap_or(View::Entities);
    if args.center.is_some() && chosen != View::Neighbors {
        bail!("--center applies to --view neighbors");
    }
    let hops = args.hops.unwrap_or(2);
    let dump = |format: GraphFormat| -> Result<ExitCode> {
        let mut buffer = Vec::new();
        store.dump(format, args.canonical, &mut buffer)?;
        write_output(args.output.as_deref(), &buffer)?;
        Ok(ExitCode::from(SUCCESS))
    };
    match args.format {
        ExportFormat::Nquads => return dump(GraphFormat::NQuads),
        ExportFormat::Turtle => return dump(GraphFormat::Turtle),
        ExportFormat::Trig => return dump(GraphFormat::TriG),
        _ => {}
    }
    // Every edge is written with its reports' sources: the full view.
    let entity_graph = graph::load(store)?;
    let (view, title) = match chosen {
        View::Entities => (entity_graph, "narcograph: entities and relations".to_owned()),
        View::Channels => (entity_graph.channel_view(), "narcograph: supply channels".to_owned()),
        View::Neighbors => {
            let name = args.center.as_deref().unwrap_or_default();
            let center = *entity_graph.find(name).first().with_context(|| format!("no entity is called {name:?}"))?;
            let label = entity_graph[center].label.clone();
            (entity_graph.around(center, hops), format!("narcograph: within {hops} hops of {label}"))
        }
    };
    let bytes = match args.format {
        ExportFormat::Dot => narcograph::export::to_dot(&view, &title, chosen == View::Channels).into_bytes(),
        ExportFormat::Svg => {
            narcograph::export::render_svg(&narcograph::export::to_dot(&view, &title, chosen == View::Channels))?
        }
        ExportFormat::Graphml => narcograph::export::to_graphml(&view)?.into_bytes(),
        ExportFormat::Gexf => narcograph::export::to_gexf(&view)?.into_bytes(),
        ExportFormat::Json => {
            let mut text = serde_json::to_string_pretty(&narcograph::export::to_json(&view))?;
            text.push('\n');
            text.into_bytes()
        }
        ExportFormat::Nquads | ExportFormat::Turtle | ExportFormat::Trig => Vec::new(),
    };
    write_output(args.output.as_deref(), &bytes)?;
    Ok(ExitCode::from(SUCCESS))
}

fn kind_of(kind: args::KindArg) -> EntityKind {
    match kind {
        args::KindArg::Country => EntityKind::Country,
        args::KindArg::City => EntityKind::City,
        args::KindArg::Region => EntityKind::Region,
        args::KindArg::Agency => EntityKind::Agency,
        args::KindArg::Official => EntityKind::Official,
        args::KindArg::Person => EntityKind::Person,
        args::KindArg::CriminalGroup => EntityKind::CriminalGroup,
        args::KindArg::Substance => EntityKind::Substance,
    }
}

fn entities(store: &dyn ReadStore, args: &args::EntitiesArgs) -> Result<ExitCode> {
    let mut out = output::screen(args.format == ListFormat::Table);
    if let Some(name) = &args.explain {
        let explanations = query::entities::explain(store, name)?;
        if explanations.is_empty() {
            bail!("no entity is called {name:?}");
        }
        match args.format {
            ListFormat::Table => output::explanations(&mut out, &explanations)?,
            ListFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&explanations)?)?,
            ListFormat::Csv => bail!("--explain prints a table or JSON (--format table|json), not CSV"),
        }
        return Ok(ExitCode::from(SUCCESS));
    }
    let list = query::entities::list(store, args.kind.map(kind_of), args.min_reports)?;
    output::list(&mut out, args.format, |out| output::entity_table(out, &list), || output::entity_records(&list))?;
    Ok(ExitCode::from(SUCCESS))
}

fn channels(store: &dyn ReadStore, args: args::ChannelsArgs) -> Result<ExitCode> {
    // Channels are places joined by routes: nothing else need be read.
    let entity_graph = graph::load_routes(store)?;
    let filter = graph::ChannelFilter {
        to: args.to,
        from: args.from,
        via: args.via,
        substance: args.substance,
        since: args.since,
        within_days: args.within_days,
        loose: args.loose,
        max_hops: args.max_hops,
        limit: Some(args.limit),
        // A table lists a few reports of each leg (and counts the rest);
        // JSON and DOT carry them all.
        reports_shown: (args.format == args::ChannelFormat::Table).then_some(output::SHOWN + 1),
    };
    // The filter's limit: only the best `limit` channels come back.
    let found =
        graph::channels_with_sources(&entity_graph, &filter, &mut |reports| graph::report_sources(store, reports))?;
    let mut out = output::screen(args.format == args::ChannelFormat::Table);
    match args.format {
        args::ChannelFormat::Table => output::channel_list(&mut out, &found)?,
        args::ChannelFormat::Json => {
            writeln!(out, "{}", serde_json::to_string_pretty(&output::channels_json(&found))?)?
        }
        args::ChannelFormat::Dot => {
            let keep: std::collections::BTreeSet<(String, String)> = found
                .iter()
                .flat_map(|c| c.place_iris.windows(2).map(|w| (w[0].clone(), w[1].clone())).collect::<Vec<_>>())
                .collect();
            let view = entity_graph.channel_view();
            let places: std::collections::BTreeSet<&String> = keep.iter().flat_map(|(a, b)| [a, b]).collect();
            let subgraph = view.filtered(|node| places.contains(&node.iri), |_| true);
            write!(out, "{}", narcograph::export::to_dot(&subgraph, "narcograph: channels", true))?;
        }
    }
    Ok(ExitCode::from(SUCCESS))
}

fn graph_command(store: &dyn ReadStore, args: args::GraphArgs) -> Result<ExitCode> {
    // Centrality over channels (the default) walks places and routes only.
    let entity_graph = match &args.command {
        args::GraphCommand::Centrality { view: View::Channels, .. } => graph::load_routes(store)?,
        _ => graph::load(store)?,
    };
    let table = match &args.command {
        args::GraphCommand::Path { format, .. }
        | args::GraphCommand::Centrality { format, .. }
        | args::GraphCommand::Communities { format }
        | args::GraphCommand::Neighbors { format, .. } => *format == ListFormat::Table,
    };
    let mut out = output::screen(table);
    let find = |name: &str| -> Result<graph::NodeId> {
        entity_graph
            .find(name)
            .first()
            .copied()
            .with_context(|| format!("no entity is called {name:?} (try `narcograph entities`)"))
    };
    match args.command {
        args::GraphCommand::Path { from, to, relations, format } => {
            let (a, b) = (find(&from)?, find(&to)?);
            let walked = entity_graph.with_edges(|edge| follows(&relations, edge.relation));
            let steps = graph::shortest_path(&walked, a, b);
            output::list(
                &mut out,
                format,
                |out| match &steps {
                    Some(steps) => output::path(out, steps),
                    None => writeln!(out, "{from} and {to} are not connected by {}", relation_names(&relations)),
                },
                || output::path_records(steps.as_deref().unwrap_or_default()),
            )?;
        }
        args::GraphCommand::Centrality { view, top, relations, format } => {
            let places_only = match view {
                View::Channels if relations.iter().any(|r| *r != args::RelationKind::Routes) => {
                    bail!("--view channels is places joined by routes; other --relations need --view entities")
                }
                View::Channels => true,
                View::Entities => false,
                View::Neighbors => bail!("centrality is computed over --view channels or entities"),
            };
            let view = entity_graph
                .filtered(|node| !places_only || node.kind.is_place(), |edge| follows(&relations, edge.relation));
            let mut scores = graph::centrality(&view);
            scores.truncate(top);
            output::list(
                &mut out,
                format,
                |out| output::centrality(out, &scores),
                || output::centrality_records(&scores),
            )?;
        }
        args::GraphCommand::Communities { format } => {
            let found = graph::communities(&entity_graph);
            output::list(
                &mut out,
                format,
                |out| output::communities(out, &found),
                || output::community_records(&found),
            )?;
        }
        args::GraphCommand::Neighbors { name, hops, format } => {
            let center = find(&name)?;
            let around = graph::neighborhood(&entity_graph, center, hops);
            output::list(
                &mut out,
                format,
                |out| output::neighbors(out, &entity_graph, &around),
                || output::neighbor_records(&entity_graph, &around),
            )?;
        }
    }
    Ok(ExitCode::from(SUCCESS))
}

/// A value's name as the user types it ("nquads").
fn format_name(value: &impl clap::ValueEnum) -> String {
    value.to_possible_value().map(|v| v.get_name().to_owned()).unwrap_or_default()
}

/// True when `relation` is of one of the kinds asked for.
fn follows(kinds: &[args::RelationKind], relation: graph::Relation) -> bool {
    use args::RelationKind as Kind;
    use graph::Relation;
    kinds.iter().any(|kind| match kind {
        Kind::Routes => relation == Relation::Route,
        Kind::Seizures => matches!(relation, Relation::Seized | Relation::SeizedIn),
        Kind::Arrests => relation == Relation::Arrested,
        Kind::Cooperation => relation == Relation::Cooperates,
        Kind::Membership => matches!(relation, Relation::PartOf | Relation::MemberOf),
        Kind::Location => relation == Relation::LocatedIn,
    })
}

/// "routes" or "routes, cooperation": the kinds as the user writes them.
fn relation_names(kinds: &[args::RelationKind]) -> String {
    kinds
        .iter()
        .filter_map(|k| clap::ValueEnum::to_possible_value(k).map(|v| v.get_name().to_owned()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `stats` of a store, `place` naming it (its path or endpoint).
fn stats(store: &dyn ReadStore, place: &str, args: &args::StatsArgs) -> Result<ExitCode> {
    let stats = store.stats()?;
    let mut out = std::io::stdout().lock();
    if args.format == args::SummaryFormat::Json {
        let value = serde_json::json!({
            "reports": stats.reports, "entities": stats.entities, "facts": stats.facts,
            "routes": stats.routes, "seizures": stats.seizures, "arrests": stats.arrests, "quads": stats.quads,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
    } else {
        writeln!(out, "reports   {}", stats.reports)?;
        writeln!(out, "entities  {}", stats.entities.values().sum::<usize>())?;
        for (kind, count) in &stats.entities {
            writeln!(out, "  {kind:<14}{count}")?;
        }
        writeln!(out, "facts     {}", stats.facts)?;
        writeln!(out, "  routes        {}", stats.routes)?;
        writeln!(out, "  seizures      {}", stats.seizures)?;
        writeln!(out, "  arrests       {}", stats.arrests)?;
        writeln!(out, "quads     {}", stats.quads)?;
        writeln!(out, "store     {place}")?;
    }
    Ok(ExitCode::from(SUCCESS))
}

fn serve(store_path: &Path, args: &args::ServeArgs, quiet: bool) -> Result<ExitCode> {
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        bail!("--timeout must be a positive number of seconds");
    }
    let options = narcograph::serve::ServeOptions {
        store: store_path.to_path_buf(),
        writable: args.writable,
        timeout: Duration::from_secs_f64(args.timeout),
        cors: args.cors.clone(),
    };
    if !args.writable {
        // Opened once now, so that a wrong --store fails at start, not at the first query.
        drop(open_read_only(store_path)?);
    }
    let endpoint = narcograph::serve::Endpoint::new(options)
        .with_context(|| format!("cannot serve the store {}", store_path.display()))?;
    let server = endpoint.spawn(args.bind).with_context(|| format!("cannot listen on {}", args.bind))?;
    if !quiet {
        let mode = if args.writable { "read-write" } else { "read-only" };
        writeln!(
            std::io::stderr().lock(),
            "narcograph: serving {} ({mode}) at http://{}/ (SPARQL endpoint /query); Ctrl-C stops",
            store_path.display(),
            args.bind
        )?;
    }
    server.join().context("the server stopped")?;
    Ok(ExitCode::from(SUCCESS))
}

/// A remote store's credentials, from the environment only (a command line
/// is visible to every user of the machine).
fn credentials() -> narcograph::rdf::Credentials {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    match (var("NARCOGRAPH_ENDPOINT_TOKEN"), var("NARCOGRAPH_ENDPOINT_USER")) {
        (Some(token), _) => narcograph::rdf::Credentials::Bearer(token),
        (None, Some(user)) => narcograph::rdf::Credentials::Basic {
            user,
            password: var("NARCOGRAPH_ENDPOINT_PASSWORD").unwrap_or_default(),
        },
        (None, None) => narcograph::rdf::Credentials::None,
    }
}
