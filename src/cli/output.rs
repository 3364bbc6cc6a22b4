//! Rendering results for people and for the extract contract: tables, JSON
//! objects, and short reports.

use narcograph::graph::{self, Centrality, Channel, Community, Graph, PathStep};
use narcograph::link::Linking;
use narcograph::model::{Extraction, Report};
use narcograph::query::entities::{EntitySummary, Explanation};
use narcograph::rdf::vocab::PREFIXES;
use narcograph::rdf::{AnswerStream, Value};
use serde_json::{Value as Json, json};
use std::io::{self, Write};

/// Reports a skipped input on standard error.
pub fn diagnostic(diagnostic: &narcograph::ingest::Diagnostic) {
    let _ = writeln!(io::stderr().lock(), "skipped {diagnostic}");
}

/// A report that was read but only in part.
pub fn warning(diagnostic: &narcograph::ingest::Diagnostic) {
    let _ = writeln!(io::stderr().lock(), "warning: {diagnostic}");
}

/// A short human-readable account of one extraction.
pub fn extraction_pretty(
    out: &mut dyn Write,
    report: &Report,
    extraction: &Extraction,
    linking: &Linking,
) -> io::Result<()> {
    let label = |index: usize| -> String {
        extraction
            .entities
            .get(index)
            .map(|e| linking.entity(linking.canonical(&e.key)).map_or(e.label.clone(), |l| l.label.clone()))
            .unwrap_or_default()
    };
    writeln!(out, "== {} {}", report.source, report.metadata.title.as_deref().unwrap_or(""))?;
    for entity in &extraction.entities {
        let aliases =
            if entity.aliases.is_empty() { String::new() } else { format!("  (also: {})", entity.aliases.join("; ")) };
        writeln!(
            out,
            "  {:<14}{}{aliases}",
            entity.kind.as_str(),
            label(extraction.entities.iter().position(|e| e.key == entity.key).unwrap_or(0))
        )?;
    }
    for route in &extraction.routes {
        let via: Vec<String> = route.via.iter().map(|&v| label(v)).collect();
        let substances: Vec<String> = route.substances.iter().map(|&s| label(s)).collect();
        writeln!(
            out,
            "  route         {} -> {}{}{}{}",
            label(route.origin),
            label(route.destination),
            if via.is_empty() { String::new() } else { format!(" via {}", via.join(", ")) },
            if substances.is_empty() { String::new() } else { format!(" [{}]", substances.join(", ")) },
            route.concealment.as_ref().map_or(String::new(), |c| format!(" hidden in {c}"))
        )?;
    }
    for seizure in &extraction.seizures {
        let substances: Vec<String> = seizure.substances.iter().map(|&s| label(s)).collect();
        let quantity = seizure.quantity.as_ref().map_or(String::new(), |q| format!(" {}", q.text));
        let place = seizure.location.map_or(String::new(), |l| format!(" in {}", label(l)));
        writeln!(out, "  seizure      {quantity} {}{place}", substances.join(", "))?;
    }
    for arrest in &extraction.arrests {
        let persons: Vec<String> = arrest.persons.iter().map(|&p| label(p)).collect();
        let count = arrest.count.map_or(String::new(), |c| format!("{c} people "));
        writeln!(out, "  arrest        {count}{}", persons.join(", "))?;
    }
    for cooperation in &extraction.cooperations {
        let parties: Vec<String> = cooperation.parties.iter().map(|&p| label(p)).collect();
        writeln!(out, "  cooperation   {}", parties.join(", "))?;
    }
    Ok(())
}

/// Shortens IRIs with the known prefixes, entity IRIs to `id:type/key`.
fn compact(value: &Value) -> String {
    match value {
        Value::Iri(iri) => {
            if let Some(rest) = iri.strip_prefix("https://w3id.org/narcograph/id/") {
                return format!("id:{rest}");
            }
            for (prefix, namespace) in PREFIXES {
                if let Some(rest) = iri.strip_prefix(namespace) {
                    return format!("{prefix}:{rest}");
                }
            }
            format!("<{iri}>")
        }
        Value::Blank(id) => format!("_:{id}"),
        Value::Literal { value, .. } => value.replace(['\n', '\r', '\t'], " "),
    }
}

/// An aligned text table of a streamed SELECT answer, or the boolean of an ASK.
///
/// Column widths come from the first rows; later rows are written as they
/// arrive (a cell wider than its column shifts the rest of its line), so a
/// huge answer never has to fit in memory.
pub fn table_stream(out: &mut dyn Write, answer: AnswerStream) -> anyhow::Result<()> {
    const MEASURED_ROWS: usize = 1000;
    let solutions = match answer {
        AnswerStream::Boolean(value) => {
            writeln!(out, "{value}")?;
            return Ok(());
        }
        AnswerStream::Solutions(solutions) => solutions,
        AnswerStream::Graph(_) => return Ok(()),
    };
    let headers = solutions.variables().to_vec();
    let render = |row: Vec<Option<Value>>| -> Vec<String> {
        row.iter().map(|v| v.as_ref().map(compact).unwrap_or_default()).collect()
    };
    let mut solutions = solutions.peekable();
    let mut first: Vec<Vec<String>> = Vec::new();
    while first.len() < MEASURED_ROWS {
        match solutions.next() {
            Some(row) => first.push(render(row?)),
            None => break,
        }
    }
    let widths = column_widths(&headers, &first);
    print_line(out, &widths, &headers)?;
    writeln!(out, "{}", widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "))?;
    let mut count = first.len();
    for row in &first {
        print_line(out, &widths, row)?;
    }
    for row in solutions {
        print_line(out, &widths, &render(row?))?;
        count += 1;
    }
    writeln!(out, "({count} row{})", if count == 1 { "" } else { "s" })?;
    Ok(())
}

const MAX_CELL_WIDTH: usize = 60;

fn column_widths(headers: &[String], cells: &[Vec<String>]) -> Vec<usize> {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in cells {
        for (i, cell) in row.iter().enumerate() {
            if let Some(width) = widths.get_mut(i) {
                *width = (*width).max(cell.chars().count().min(MAX_CELL_WIDTH));
            }
        }
    }
    widths
}

fn print_line(out: &mut dyn Write, widths: &[usize], row: &[String]) -> io::Result<()> {
    let parts: Vec<String> = row
        .iter()
        .enumerate()
        .map(|(i, cell)| {
            let width = widths.get(i).copied().unwrap_or(0);
            let shown: String = if cell.chars().count() > MAX_CELL_WIDTH {
                format!("{}…", cell.chars().take(MAX_CELL_WIDTH - 1).collect::<String>())
            } else {
                cell.clone()
            };
            format!("{shown:<width$}")
        })
        .collect();
    writeln!(out, "{}", parts.join("  ").trim_end())
}

fn print_table(out: &mut dyn Write, headers: &[String], cells: &[Vec<String>]) -> io::Result<()> {
    let widths = column_widths(headers, cells);
    print_line(out, &widths, headers)?;
    writeln!(out, "{}", widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "))?;
    for row in cells {
        print_line(out, &widths, row)?;
    }
    Ok(())
}

/// The `entities` listing.
pub fn entity_table(out: &mut dyn Write, list: &[EntitySummary]) -> io::Result<()> {
    let headers = vec!["type".to_owned(), "label".to_owned(), "reports".to_owned(), "aliases".to_owned()];
    let cells: Vec<Vec<String>> = list
        .iter()
        .map(|e| vec![e.kind.clone(), e.label.clone(), e.reports.to_string(), e.aliases.join("; ")])
        .collect();
    print_table(out, &headers, &cells)?;
    writeln!(out, "({} entities)", list.len())
}

/// The `entities --explain` account.
pub fn explanations(out: &mut dyn Write, explanations: &[Explanation]) -> io::Result<()> {
    for explanation in explanations {
        let entity = &explanation.entity;
        writeln!(out, "{} ({}) named in {} reports", entity.label, entity.kind, entity.reports)?;
        writeln!(out, "  id: {}", entity.id)?;
        if !entity.aliases.is_empty() {
            writeln!(out, "  aliases: {}", entity.aliases.join("; "))?;
        }
        for key in &explanation.keys {
            if key.rule == "identity" {
                writeln!(out, "  {} (the entity's own key)", key.key)?;
            } else {
                writeln!(
                    out,
                    "  {} merged by rule {} with {}, score {:.3}",
                    key.key, key.rule, key.matched_with, key.score
                )?;
                if let Some(basis) = &key.basis {
                    writeln!(out, "    compared: {basis}")?;
                }
            }
            for mention in &key.mentions {
                match &mention.sentence {
                    Some(sentence) => {
                        writeln!(out, "      {}: \"{}\" in: {}", mention.source, mention.written, sentence.trim())?
                    }
                    None => writeln!(out, "      {}: \"{}\"", mention.source, mention.written)?,
                }
            }
        }
    }
    Ok(())
}

/// The ranked channel list.
pub fn channel_list(out: &mut dyn Write, channels: &[Channel]) -> io::Result<()> {
    if channels.is_empty() {
        return writeln!(out, "no channels match");
    }
    for (rank, channel) in channels.iter().enumerate() {
        let substances =
            if channel.substances.is_empty() { String::new() } else { format!(" [{}]", channel.substances.join(", ")) };
        let loose = if channel.loose { " (loose: a leg names no substance)" } else { "" };
        writeln!(out, "{:>3}. {}{substances}{loose}", rank + 1, channel.places.join(" -> "))?;
        let copies = channel.reports.count - channel.sources;
        let copies = if copies > 0 {
            format!(" ({} report(s), {copies} of them copies)", channel.reports.count)
        } else {
            String::new()
        };
        writeln!(
            out,
            "     evidence: {} independent source(s){copies}; weakest leg: {} source(s)",
            channel.sources, channel.weakest_leg_sources
        )?;
        if let Some((along, direct)) = channel.distance_km
            && channel.legs.len() > 1
        {
            writeln!(out, "     distance: {along:.0} km along, {direct:.0} km direct")?;
        }
        for leg in &channel.legs {
            let stated = if leg.substances.is_empty() {
                " (no substance stated)".to_owned()
            } else {
                format!(" [{}]", leg.substances.join(", "))
            };
            writeln!(out, "       {} -> {}{stated}: {}", leg.from, leg.to, newest(&leg.reports))?;
        }
        for seizure in &channel.seizures {
            writeln!(
                out,
                "       seized {}: {} in {}",
                seizure.substance,
                narcograph::export::format_kg(seizure.kilograms),
                newest(&seizure.reports)
            )?;
        }
    }
    Ok(())
}

/// How many items of a long list a table shows: reports behind a leg or a step.
pub const SHOWN: usize = 3;

/// How many members of a community the listing names.
const MEMBERS_SHOWN: usize = 12;

/// A channel's reports for a table: the newest few and a count of the rest
/// (the list holds `SHOWN + 1` at most, so a fourth is shown, not counted).
fn newest(reports: &narcograph::graph::ReportList) -> String {
    let listed = reports.newest.len().min(reports.count);
    if reports.count <= SHOWN + 1 && listed == reports.count {
        return reports.newest.join(", ");
    }
    let shown = SHOWN.min(listed);
    format!("{} and {} more ({} in all)", reports.newest[..shown].join(", "), reports.count - shown, reports.count)
}

/// A list for a table: all of it when short, else the first `shown` and a
/// count of the rest, so a line stays readable at thousands of reports (JSON
/// output lists everything).
fn few(items: &[String], shown: usize) -> String {
    if items.len() <= shown + 1 {
        return items.join(", ");
    }
    format!("{} and {} more ({} in all)", items[..shown].join(", "), items.len() - shown, items.len())
}

/// Channels as JSON.
pub fn channels_json(channels: &[Channel]) -> Json {
    Json::Array(
        channels
            .iter()
            .map(|c| {
                json!({
                    "places": c.places, "ids": c.place_iris, "substances": c.substances, "loose": c.loose,
                    "reports": c.reports.newest, "sources": c.sources, "weakest_leg_sources": c.weakest_leg_sources,
                    "distance_km": c.distance_km.map(|(along, direct)| json!({"along": along.round(), "direct": direct.round()})),
                    "legs": c.legs.iter().map(|l| json!({"from": l.from, "to": l.to, "substances": l.substances, "reports": l.reports.newest, "sources": l.sources})).collect::<Vec<_>>(),
                    "seizures": c.seizures.iter().map(|s| json!({"substance": s.substance, "kilograms": s.kilograms, "reports": s.reports.newest})).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

/// A path, step by step.
pub fn path(out: &mut dyn Write, steps: &[PathStep]) -> io::Result<()> {
    for step in steps {
        let arrow = if step.forward {
            format!("-[{}]->", step.relation.as_str())
        } else {
            format!("<-[{}]-", step.relation.as_str())
        };
        writeln!(out, "{} {arrow} {}", step.from, step.to)?;
        if !step.reports.is_empty() {
            writeln!(out, "    reports: {}", few(&step.reports, SHOWN))?;
        }
    }
    Ok(())
}

/// Centrality scores.
pub fn centrality(out: &mut dyn Write, scores: &[Centrality]) -> io::Result<()> {
    let headers: Vec<String> =
        ["entity", "type", "in", "out", "betweenness", "pagerank"].iter().map(|s| (*s).to_owned()).collect();
    let cells: Vec<Vec<String>> = scores
        .iter()
        .map(|c| {
            vec![
                c.label.clone(),
                c.kind.clone(),
                c.in_degree.to_string(),
                c.out_degree.to_string(),
                format!("{:.4}", c.betweenness),
                format!("{:.4}", c.pagerank),
            ]
        })
        .collect();
    print_table(out, &headers, &cells)
}

/// Communities.
pub fn communities(out: &mut dyn Write, communities: &[Community]) -> io::Result<()> {
    if communities.is_empty() {
        return writeln!(out, "no communities (the graph has no connected entities)");
    }
    for (index, community) in communities.iter().enumerate() {
        writeln!(
            out,
            "community {} ({} entities, {} edges inside)",
            index + 1,
            community.members.len(),
            community.internal_edges
        )?;
        writeln!(out, "    {}", few(&community.members, MEMBERS_SHOWN))?;
    }
    Ok(())
}

/// Neighbours with their distance.
pub fn neighbors(out: &mut dyn Write, graph: &Graph, around: &[(graph::NodeId, usize)]) -> io::Result<()> {
    for (node, distance) in around {
        let node = &graph[*node];
        writeln!(out, "{distance}  {:<14}{}", node.kind.as_str(), node.label)?;
    }
    Ok(())
}

/// A list for `--format json` or `csv`: one JSON object per row, fields in
/// this order. CSV flattens arrays with "; ".
pub struct Records {
    /// Field names, in column order.
    pub fields: Vec<&'static str>,
    /// One object per row.
    pub rows: Vec<Json>,
}

impl Records {
    /// Prints the rows as a JSON array.
    pub fn json(&self, out: &mut dyn Write) -> anyhow::Result<()> {
        writeln!(out, "{}", serde_json::to_string_pretty(&self.rows)?)?;
        Ok(())
    }

    /// Prints the rows as CSV with a header line.
    pub fn csv(&self, out: &mut dyn Write) -> anyhow::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(&self.fields)?;
        for row in &self.rows {
            writer.write_record(self.fields.iter().map(|f| {
                match &row[*f] {
                    Json::Null => String::new(),
                    Json::String(s) => s.clone(),
                    Json::Array(items) => items
                        .iter()
                        .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                        .collect::<Vec<_>>()
                        .join("; "),
                    other => other.to_string(),
                }
            }))?;
        }
        writer.flush()?;
        Ok(())
    }
}

/// Prints a list in the format asked for: `table` through its own renderer,
/// JSON and CSV from the same records.
pub fn list(
    out: &mut dyn Write,
    format: super::args::ListFormat,
    table: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    records: impl FnOnce() -> Records,
) -> anyhow::Result<()> {
    use super::args::ListFormat;
    match format {
        ListFormat::Table => Ok(table(out)?),
        ListFormat::Json => records().json(out),
        ListFormat::Csv => records().csv(out),
    }
}

/// `entities` rows.
pub fn entity_records(list: &[EntitySummary]) -> Records {
    Records {
        fields: vec!["id", "type", "label", "reports", "aliases"],
        rows: list
            .iter()
            .map(|e| json!({"id": e.id, "type": e.kind, "label": e.label, "reports": e.reports, "aliases": e.aliases}))
            .collect(),
    }
}

/// `graph path` rows, one per step.
pub fn path_records(steps: &[PathStep]) -> Records {
    Records {
        fields: vec!["from", "to", "relation", "forward", "reports"],
        rows: steps
            .iter()
            .map(|s| json!({"from": s.from, "to": s.to, "relation": s.relation.as_str(), "forward": s.forward, "reports": s.reports}))
            .collect(),
    }
}

/// `graph centrality` rows.
pub fn centrality_records(scores: &[Centrality]) -> Records {
    Records {
        fields: vec!["entity", "id", "type", "in", "out", "betweenness", "pagerank"],
        rows: scores
            .iter()
            .map(|c| {
                json!({"entity": c.label, "id": c.iri, "type": c.kind, "in": c.in_degree, "out": c.out_degree,
                       "betweenness": c.betweenness, "pagerank": c.pagerank})
            })
            .collect(),
    }
}

/// `graph communities` rows, one per community with every member.
pub fn community_records(communities: &[Community]) -> Records {
    Records {
        fields: vec!["community", "members", "ids", "internal_edges"],
        rows: communities
            .iter()
            .enumerate()
            .map(|(i, c)| json!({"community": i + 1, "members": c.members, "ids": c.iris, "internal_edges": c.internal_edges}))
            .collect(),
    }
}

/// `graph neighbors` rows.
pub fn neighbor_records(graph: &Graph, around: &[(graph::NodeId, usize)]) -> Records {
    Records {
        fields: vec!["hops", "type", "label", "id"],
        rows: around
            .iter()
            .map(|(node, hops)| {
                let node = &graph[*node];
                json!({"hops": hops, "type": node.kind.as_str(), "label": node.label, "id": node.iri})
            })
            .collect(),
    }
}

/// Standard output for a table: on a terminal, each line is cut to the
/// terminal's width with "…" (tables name reports by path, and a line of
/// thousands of characters helps nobody); into a pipe or file, untouched.
pub fn screen(table: bool) -> Box<dyn Write> {
    use std::io::IsTerminal;
    let stdout = std::io::stdout();
    match terminal_size::terminal_size() {
        Some((terminal_size::Width(width), _)) if table && stdout.is_terminal() && width > 20 => {
            Box::new(CutLines { inner: stdout.lock(), width: usize::from(width), line: String::new() })
        }
        _ => Box::new(stdout.lock()),
    }
}

/// Cuts every line written through it to `width` characters.
struct CutLines<W: Write> {
    inner: W,
    width: usize,
    line: String,
}

impl<W: Write> CutLines<W> {
    fn emit(&mut self) -> io::Result<()> {
        let line = std::mem::take(&mut self.line);
        if line.chars().count() > self.width {
            let cut: String = line.chars().take(self.width - 1).collect();
            writeln!(self.inner, "{cut}…")
        } else {
            writeln!(self.inner, "{line}")
        }
    }
}

impl<W: Write> Write for CutLines<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        for piece in String::from_utf8_lossy(bytes).split_inclusive('\n') {
            match piece.strip_suffix('\n') {
                Some(body) => {
                    self.line.push_str(body);
                    self.emit()?;
                }
                None => self.line.push_str(piece),
            }
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.line.is_empty() {
            let rest = std::mem::take(&mut self.line);
            write!(self.inner, "{rest}")?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for CutLines<W> {
    fn drop(&mut self) {
        // A last line without a newline still reaches the terminal.
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_cut_to_the_width_and_kept_whole_when_short() {
        let mut cut = CutLines { inner: Vec::new(), width: 10, line: String::new() };
        write!(cut, "short\nthis line is far too long\nlast").unwrap();
        cut.flush().unwrap();
        let text = String::from_utf8(std::mem::take(&mut cut.inner)).unwrap();
        assert_eq!(text, "short\nthis line…\nlast");
    }
}
