//! The command-line interface: clap types only, with the help text users read.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// narcograph turns law-enforcement reports about drug trafficking into a
/// knowledge graph: it extracts places, agencies, people, substances, routes
/// and seizures, links them across reports, and stores them in an RDF store
/// you can query with SPARQL, explore as graphs and export to Graphviz.
#[derive(Debug, Parser)]
#[command(name = "narcograph", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// Store directory (an embedded RocksDB database).
    #[arg(long, global = true, env = "NARCOGRAPH_STORE", default_value = "narcograph-store")]
    pub store: PathBuf,

    /// A remote store's SPARQL query endpoint to work on instead of the local
    /// store (`query`, `stats`, `channels`, `graph`, `export`, `entities`);
    /// `load` loads the local store, then brings the remote one to the same
    /// graphs (README, "Team store"). Credentials come from
    /// NARCOGRAPH_ENDPOINT_TOKEN (bearer) or NARCOGRAPH_ENDPOINT_USER and
    /// NARCOGRAPH_ENDPOINT_PASSWORD (basic), never from the command line.
    #[arg(long, global = true, env = "NARCOGRAPH_ENDPOINT", value_name = "URL")]
    pub endpoint: Option<String>,

    /// Worker threads for extraction (default: one per core).
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,

    /// Print no progress bar and no diagnostics, only results and errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load reports into the store (files, folders, `-` for standard input).
    ///
    /// Reads .txt, .md (with YAML front matter), .html, .json (a report or an
    /// array) and .jsonl files; folders are read recursively in sorted order.
    /// Loading is idempotent: an unchanged report is skipped, a changed file
    /// replaces its report's facts. Bad inputs are reported and skipped; the
    /// exit code is then 1.
    #[command(
        after_help = "Examples:\n  narcograph load data/reports\n  narcograph --store team-store load reports/2024/ new.jsonl\n  cat feed.jsonl | narcograph load -\n  narcograph --endpoint http://team:8890/sparql load reports/"
    )]
    Load(LoadArgs),
    /// Print the facts extracted from reports, without touching a store.
    ///
    /// The output follows the extract contract (docs/extract-contract.md): one JSON object
    /// per report with its entities (ids are the IRIs the store would hold),
    /// routes and seizures.
    #[command(
        after_help = "Examples:\n  narcograph extract data/reports --format pretty\n  narcograph extract report.html --format json > facts.json"
    )]
    Extract(ExtractArgs),
    /// Run a SPARQL query: inline (-e), from a file, or a named query (--name).
    ///
    /// The default graph is the union of all graphs, and no triple is stored
    /// in two of them, so counts over it are true (README, "Where things
    /// live", says which graph holds what). Parameters (--param
    /// name=value) are bound as RDF terms before the query runs: `<iri>` is an
    /// IRI, digits an integer, anything else a string. Rows are printed as they
    /// are found; --timeout and --limit bound the work. Updates (INSERT,
    /// DELETE...) are refused: only `load` changes the store.
    #[command(
        after_help = "Examples:\n  narcograph query --list\n  narcograph query --name routes-into --param destination=Kazakhstan\n  narcograph query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?r a <https://w3id.org/narcograph/ontology#Report> }' --format csv"
    )]
    Query(QueryArgs),
    /// Export the entity graph, the channel graph or the store.
    #[command(
        after_help = "Examples:\n  narcograph export --view channels --format svg -o channels.svg\n  narcograph export --view neighbors --center Kyrgyzstan --hops 1 --format graphml -o kg.graphml\n  narcograph export --format nquads --canonical -o store.nq"
    )]
    Export(ExportArgs),
    /// List entities linked across reports, with aliases and report counts.
    #[command(
        after_help = "Examples:\n  narcograph entities --type agency --min-reports 2\n  narcograph entities --explain \"Kazakh Interior Ministry\"\n  narcograph entities --format csv > entities.csv"
    )]
    Entities(EntitiesArgs),
    /// Supply channels: routes chained across reports, ranked by evidence.
    #[command(
        after_help = "Examples:\n  narcograph channels --to Kazakhstan\n  narcograph channels --from Afghanistan --substance opiates --since 2023 --within-days 180\n  narcograph channels --to Kazakhstan --loose --format json"
    )]
    Channels(ChannelsArgs),
    /// Graph algorithms: paths, centrality, communities, neighbours.
    #[command(
        after_help = "Examples:\n  narcograph graph path Afghanistan Russia\n  narcograph graph centrality --top 10\n  narcograph graph neighbors Tajikistan --hops 2 --format json"
    )]
    Graph(GraphArgs),
    /// Counts: reports, entities per type, facts, routes.
    #[command(after_help = "Examples:\n  narcograph stats\n  narcograph stats --format json")]
    Stats(StatsArgs),
    /// Finish what an interrupted load left undone, and check the store.
    ///
    /// A load that was killed or failed leaves every report complete or absent,
    /// and a mark saying that linking is owed; the next `load` finishes it, and
    /// so does `repair`, without new reports. It also removes the files an
    /// interrupted bulk write left behind. With --endpoint, it counts each
    /// entity's reports on the remote store: the tally a store bulk-loaded
    /// from `extract --format nquads` shards lacks (README, "Team store").
    #[command(
        after_help = "Examples:\n  narcograph repair\n  narcograph --store team-store repair --aliases data/aliases.tsv\n  narcograph --endpoint http://team:8890/sparql repair"
    )]
    Repair(RepairArgs),
    /// Write synthetic reports (JSON lines) for benchmarks and trials.
    ///
    /// Seeded and deterministic: the same --seed and --count give the same
    /// reports byte for byte. Reports draw places, agencies, substances and
    /// people from the embedded gazetteers with realistic skew, and vary their
    /// phrasing (BENCHMARKS.md uses them).
    #[command(
        after_help = "Examples:\n  narcograph generate --count 1000 > reports.jsonl\n  narcograph generate --count 100000 --seed 7 -o big.jsonl && narcograph load big.jsonl"
    )]
    Generate(GenerateArgs),
    /// Offer the store as a SPARQL 1.1 endpoint, with a query page at `/`.
    ///
    /// Queries by GET or POST at /query (SPARQL 1.1 Protocol), answered as
    /// JSON, XML, CSV or TSV results, or Turtle or N-Triples for CONSTRUCT,
    /// as the client's Accept header asks; graphs read at /store?graph=IRI
    /// (Graph Store HTTP Protocol). Read-only and bound to localhost unless
    /// told otherwise: a read-only endpoint does not keep the store open
    /// between requests, so `load` still works beside it. With --writable it
    /// also takes SPARQL updates (/update) and graph writes (PUT, POST,
    /// DELETE on /store), and holds the store for writing while it runs.
    #[command(
        after_help = "Examples:\n  narcograph serve\n  narcograph --store team-store serve --bind 0.0.0.0:7878 --cors '*'\n  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' http://127.0.0.1:7878/query"
    )]
    Serve(ServeArgs),
}

/// `serve` options.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (another machine can reach it only if
    /// you bind a non-loopback address).
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDRESS:PORT")]
    pub bind: std::net::SocketAddr,
    /// Accept SPARQL updates and Graph Store Protocol writes.
    #[arg(long)]
    pub writable: bool,
    /// Stop a query after this many seconds.
    #[arg(long, default_value_t = 60.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// Let pages from this origin (`*` for any) read answers in a browser
    /// (CORS); off by default.
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<String>,
}

/// `generate` options.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// How many reports.
    #[arg(long, default_value_t = 1000)]
    pub count: u64,
    /// The seed: the same seed gives the same reports.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Write here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `repair` options.
#[derive(Debug, Args)]
pub struct RepairArgs {
    /// Alias file forcing or forbidding merges (as given to `load`).
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// With --endpoint: the remote store's SPARQL update endpoint, when it
    /// is not the query endpoint.
    #[arg(long, env = "NARCOGRAPH_UPDATE_ENDPOINT", value_name = "URL")]
    pub update_endpoint: Option<String>,
}

/// `load` options.
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Files, folders, or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Alias file forcing or forbidding merges (TSV: same|different, type, name, name).
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// Reports written per transaction.
    #[arg(long, default_value_t = 256, value_name = "N")]
    pub chunk_size: usize,
    /// Skip (with a diagnostic) any report larger than this: a file, a JSON
    /// line, or a report's text in a JSON array.
    #[arg(long, default_value_t = narcograph::ingest::DEFAULT_MAX_REPORT_BYTES, value_name = "BYTES")]
    pub max_report_bytes: usize,
    /// Format of the summary printed at the end.
    #[arg(long, short, value_enum, default_value_t = SummaryFormat::Table)]
    pub format: SummaryFormat,
    /// With --endpoint: the remote store's SPARQL update endpoint, when it
    /// is not the query endpoint (Fuseki and oxigraph servers use /update;
    /// narcograph's `serve` and Virtuoso take updates at the query endpoint).
    #[arg(long, env = "NARCOGRAPH_UPDATE_ENDPOINT", value_name = "URL")]
    pub update_endpoint: Option<String>,
    /// With --endpoint: upload graphs with the Graph Store HTTP Protocol
    /// (PUT) at this URL, instead of SPARQL INSERT DATA requests.
    #[arg(long, env = "NARCOGRAPH_GRAPH_STORE", value_name = "URL")]
    pub graph_store: Option<String>,
}

/// Output formats of `extract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object per line, per report.
    Jsonl,
    /// A JSON array of reports.
    Json,
    /// A human-readable summary.
    Pretty,
    /// N-Quads for any store's bulk loader: what `export --format nquads
    /// --canonical` prints after these reports are loaded into an empty
    /// store, without the tallies over the whole collection (aggregates,
    /// report counts; `repair --endpoint` counts them on the merged store).
    Nquads,
}

/// `extract` options.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files, folders, or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = ExtractFormat::Jsonl)]
    pub format: ExtractFormat,
    /// Alias file forcing or forbidding merges.
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// Skip (with a diagnostic) any report larger than this.
    #[arg(long, default_value_t = narcograph::ingest::DEFAULT_MAX_REPORT_BYTES, value_name = "BYTES")]
    pub max_report_bytes: usize,
}

/// Output formats of `query`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// An aligned text table (SELECT, ASK).
    Table,
    /// SPARQL 1.1 CSV results.
    Csv,
    /// SPARQL 1.1 TSV results.
    Tsv,
    /// SPARQL 1.1 JSON results.
    Json,
    /// SPARQL XML results.
    Xml,
    /// Turtle (CONSTRUCT, DESCRIBE).
    Turtle,
    /// N-Triples (CONSTRUCT, DESCRIBE).
    Ntriples,
}

/// `query` options.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// A .rq file to run.
    #[arg(value_name = "FILE.rq", conflicts_with_all = ["expression", "name", "list"])]
    pub file: Option<PathBuf>,
    /// The query text.
    #[arg(long = "expression", short = 'e', value_name = "SPARQL", conflicts_with_all = ["name", "list"])]
    pub expression: Option<String>,
    /// A named query from the catalogue (see --list).
    #[arg(long, value_name = "NAME", conflicts_with = "list")]
    pub name: Option<String>,
    /// List the named queries with their parameters.
    #[arg(long)]
    pub list: bool,
    /// Bind a query variable: name=value (repeatable).
    #[arg(long = "param", short = 'p', value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// Output format (default: table for SELECT/ASK, Turtle for CONSTRUCT/DESCRIBE).
    #[arg(long, short, value_enum)]
    pub format: Option<QueryFormat>,
    /// Stop the query after this many seconds (0: no limit).
    #[arg(long, default_value_t = 300.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// Print at most this many rows (or triples).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

/// Which graph to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum View {
    /// Entities and all their relations.
    Entities,
    /// Places and route legs, with weights (cities clustered by country in DOT).
    Channels,
    /// The entities within --hops of --center (named like `graph neighbors`).
    #[value(name = "neighbors", alias = "neighborhood")]
    Neighbors,
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Graphviz DOT.
    Dot,
    /// SVG drawn by Graphviz `dot`.
    Svg,
    /// GraphML (yEd, Gephi).
    Graphml,
    /// GEXF (Gephi).
    Gexf,
    /// JSON nodes and links.
    Json,
    /// N-Quads of the whole store.
    Nquads,
    /// Turtle of the whole store (graph names dropped).
    Turtle,
    /// TriG of the whole store.
    Trig,
}

/// `export` options.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export (graph formats; default: entities).
    #[arg(long, value_enum)]
    pub view: Option<View>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = ExportFormat::Dot)]
    pub format: ExportFormat,
    /// Write here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Centre entity of the neighbourhood view.
    #[arg(long, value_name = "NAME", required_if_eq("view", "neighbors"))]
    pub center: Option<String>,
    /// Radius of the neighbourhood view (default 2).
    #[arg(long, requires = "center")]
    pub hops: Option<usize>,
    /// Store dumps (nquads, turtle, trig): sorted, without load times, so equal stores give equal bytes.
    #[arg(long)]
    pub canonical: bool,
}

/// Entity types, as on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// Countries.
    Country,
    /// Cities.
    City,
    /// Regions.
    Region,
    /// Agencies.
    Agency,
    /// Officials.
    Official,
    /// Other persons.
    Person,
    /// Criminal groups.
    #[value(name = "CriminalGroup", alias = "criminal-group", alias = "group")]
    CriminalGroup,
    /// Substances.
    Substance,
}

/// `entities` options.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Only this type.
    #[arg(long = "type", short, value_enum, ignore_case = true)]
    pub kind: Option<KindArg>,
    /// Only entities named in at least this many reports.
    #[arg(long, default_value_t = 1)]
    pub min_reports: usize,
    /// Show which mentions in which reports were merged into NAME, and by which rule.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["kind", "min_reports"])]
    pub explain: Option<String>,
    /// Output format (--explain: table or json).
    #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Output formats of `channels`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ChannelFormat {
    /// A ranked list; each leg's newest few reports, the rest counted.
    Table,
    /// JSON; every report of each leg, newest first.
    Json,
    /// Graphviz DOT of the channels found.
    Dot,
}

/// `channels` options.
#[derive(Debug, Args)]
pub struct ChannelsArgs {
    /// Channels ending at this place.
    #[arg(long, value_name = "PLACE")]
    pub to: Option<String>,
    /// Channels starting at this place.
    #[arg(long, value_name = "PLACE")]
    pub from: Option<String>,
    /// Channels passing through this place.
    #[arg(long, value_name = "PLACE")]
    pub via: Option<String>,
    /// Channels carrying this substance (or a narrower one).
    #[arg(long, value_name = "SUBSTANCE")]
    pub substance: Option<String>,
    /// Only legs from reports dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Consecutive legs need reports dated at most DAYS apart.
    #[arg(long, value_name = "DAYS")]
    pub within_days: Option<u32>,
    /// Let legs that name no substance join channels (marked "no substance stated").
    #[arg(long)]
    pub loose: bool,
    /// Longest channel, in legs.
    #[arg(long, default_value_t = 4)]
    pub max_hops: usize,
    /// Show at most this many channels.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = ChannelFormat::Table)]
    pub format: ChannelFormat,
}

/// `graph` options.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// The algorithm.
    #[command(subcommand)]
    pub command: GraphCommand,
}

/// Graph algorithms.
#[derive(Debug, Subcommand)]
pub enum GraphCommand {
    /// How two entities are connected, with the reports on each edge.
    ///
    /// Walks route legs only, unless --relations names others: a path through
    /// "cooperates with" is no trafficking route.
    #[command(after_help = "Examples:\n  narcograph graph path Afghanistan Russia\n  \
                            narcograph graph path \"Kazakh Interior Ministry\" Kyrgyzstan --relations routes,cooperation,location")]
    Path {
        /// One entity (label or alias).
        from: String,
        /// The other.
        to: String,
        /// Relations the path may follow, comma-separated.
        #[arg(long, value_enum, value_delimiter = ',', default_value = "routes")]
        relations: Vec<RelationKind>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Hubs and transit places: degree, betweenness and PageRank.
    #[command(after_help = "Examples:\n  narcograph graph centrality\n  \
                            narcograph graph centrality --view entities --relations routes,seizures --top 10")]
    Centrality {
        /// Which graph: the entity graph or the channel graph of places.
        #[arg(long, value_enum, default_value_t = View::Channels)]
        view: View,
        /// Show the top N.
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// Relations that make the edges, comma-separated.
        #[arg(long, value_enum, value_delimiter = ',', default_value = "routes")]
        relations: Vec<RelationKind>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Clusters of entities that act together (label propagation).
    #[command(
        after_help = "Examples:\n  narcograph graph communities\n  narcograph graph communities --format csv > communities.csv"
    )]
    Communities {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Entities within N hops of one.
    #[command(
        after_help = "Examples:\n  narcograph graph neighbors Tajikistan\n  narcograph graph neighbors \"Kazakh Interior Ministry\" --hops 2 --format csv"
    )]
    Neighbors {
        /// The entity (label or alias).
        name: String,
        /// Radius.
        #[arg(long, default_value_t = 1)]
        hops: usize,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

/// Kinds of relation a graph algorithm may follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RelationKind {
    /// Route legs between places.
    Routes,
    /// An agency seized a substance; a substance was seized at a place.
    Seizures,
    /// An agency arrested a person.
    Arrests,
    /// Two parties worked together.
    Cooperation,
    /// A unit is part of a body; an official works for one.
    Membership,
    /// A place or agency lies in a country.
    Location,
}

/// `stats` options.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = SummaryFormat::Table)]
    pub format: SummaryFormat,
}

/// Output formats of commands that print lists (`entities`, `graph`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned text for people.
    Table,
    /// JSON: every field, full lists.
    Json,
    /// CSV with a header line (lists joined with "; ").
    Csv,
}

/// Output formats of commands that print one summary (`stats`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// Aligned text for people.
    Table,
    /// JSON.
    Json,
}
