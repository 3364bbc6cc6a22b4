//! Writing graph views: Graphviz DOT (and SVG through `dot`), GraphML and
//! GEXF for Gephi and yEd, and JSON nodes/links for web views.
//!
//! Every writer visits nodes and edges in a stable order, so the same graph
//! always gives the same bytes.

use crate::graph::{Graph, Relation};
use crate::model::EntityKind;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde_json::json;
use std::collections::BTreeMap;
use std::io::Write as _;
use std::process::{Command, Stdio};

/// What can go wrong exporting.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// Graphviz is not installed.
    #[error(
        "Graphviz `dot` is not installed or not on PATH (install the `graphviz` package), so SVG cannot be drawn; `--format dot` works without it"
    )]
    GraphvizMissing,
    /// `dot` failed.
    #[error("Graphviz `dot` failed: {message}")]
    Graphviz {
        /// Its error output.
        message: String,
    },
    /// Writing XML failed.
    #[error("cannot write XML: {0}")]
    Xml(String),
}

/// How a node type is drawn: shape, fill colour.
fn style(kind: EntityKind) -> (&'static str, &'static str) {
    match kind {
        EntityKind::Country => ("doubleoctagon", "#9ecae1"),
        EntityKind::City => ("ellipse", "#c6dbef"),
        EntityKind::Region => ("hexagon", "#deebf7"),
        EntityKind::Agency => ("box", "#fdd0a2"),
        EntityKind::Official => ("box", "#fee6ce"),
        EntityKind::Person => ("ellipse", "#fcbba1"),
        EntityKind::CriminalGroup => ("octagon", "#fb6a4a"),
        EntityKind::Substance => ("diamond", "#c7e9c0"),
    }
}

fn relation_colour(relation: Relation) -> &'static str {
    match relation {
        Relation::Route => "#b30000",
        Relation::Seized | Relation::SeizedIn => "#31a354",
        Relation::Arrested => "#756bb1",
        Relation::Cooperates => "#3182bd",
        Relation::PartOf | Relation::MemberOf => "#636363",
        Relation::LocatedIn => "#bdbdbd",
    }
}

fn dot_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// A mass for people: tonnes, kilograms or grams as fits (drawings and tables).
pub fn format_kg(kilograms: f64) -> String {
    if kilograms >= 1000.0 {
        format!("{:.1} t", kilograms / 1000.0)
    } else if kilograms >= 1.0 {
        format!("{kilograms:.1} kg")
    } else {
        format!("{:.0} g", kilograms * 1000.0)
    }
}

/// Kilograms per substance as one attribute value ("heroin=12.5; opium=3"):
/// one number would add up different substances.
fn kilograms_text(edge: &crate::graph::Edge) -> String {
    edge.kilograms_by_substance().iter().map(|(s, kg)| format!("{s}={kg}")).collect::<Vec<_>>().join("; ")
}

/// The label of an edge in drawings: relation (for non-routes), substances, kilograms, reports.
fn edge_label(edge: &crate::graph::Edge) -> String {
    let mut parts: Vec<String> = Vec::new();
    if edge.relation != Relation::Route {
        parts.push(edge.relation.as_str().to_owned());
    }
    // Kilograms beside the substance they are of, never summed across substances.
    let kilograms = edge.kilograms_by_substance();
    if !edge.substances.is_empty() {
        let named: Vec<String> = edge
            .substances
            .iter()
            .map(|s| kilograms.get(s).map_or_else(|| s.clone(), |kg| format!("{s} {}", format_kg(*kg))))
            .collect();
        parts.push(named.join(", "));
    } else if edge.kilograms > 0.0 {
        parts.push(format_kg(edge.kilograms));
    }
    if edge.relation == Relation::Route && edge.reports.len() > 1 {
        parts.push(format!("{} reports", edge.reports.len()));
    }
    parts.join("\\n")
}

/// DOT for a graph view: shapes and colours per type, labelled edges with pen
/// width growing with the number of reports, and (with `cluster_by_country`)
/// cities and regions drawn inside a box per country.
pub fn to_dot(graph: &Graph, title: &str, cluster_by_country: bool) -> String {
    let mut out = String::new();
    out.push_str("digraph narcograph {\n");
    out.push_str(&format!("  label=\"{}\";\n  labelloc=t;\n  fontname=\"Helvetica\";\n", dot_escape(title)));
    out.push_str("  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=11, style=filled];\n  edge [fontname=\"Helvetica\", fontsize=9];\n");
    let nodes = graph.sorted_nodes();
    let ids: BTreeMap<crate::graph::NodeId, String> =
        nodes.iter().enumerate().map(|(i, &n)| (n, format!("n{i}"))).collect();
    let node_line = |index: crate::graph::NodeId| -> String {
        let node = &graph[index];
        let (shape, fill) = style(node.kind);
        format!(
            "\"{}\" [label=\"{}\", shape={shape}, fillcolor=\"{fill}\", tooltip=\"{} ({})\"];",
            ids.get(&index).map_or("", String::as_str),
            dot_escape(&node.label),
            node.kind.as_str(),
            dot_escape(&node.iri)
        )
    };
    let mut clusters: BTreeMap<String, Vec<crate::graph::NodeId>> = BTreeMap::new();
    for &index in &nodes {
        let node = &graph[index];
        match (&node.country, node.kind) {
            (Some(country), EntityKind::City | EntityKind::Region) if cluster_by_country => {
                clusters.entry(country.clone()).or_default().push(index);
            }
            _ => out.push_str(&format!("  {}\n", node_line(index))),
        }
    }
    for (country, members) in &clusters {
        let name = crate::extract::Gazetteers::embedded()
            .ok()
            .and_then(|g| g.country(country).map(|c| c.label.clone()))
            .unwrap_or_else(|| country.clone());
        out.push_str(&format!(
            "  subgraph \"cluster_{}\" {{\n    label=\"{}\";\n    style=rounded;\n    color=\"#9ecae1\";\n",
            dot_escape(country),
            dot_escape(&name)
        ));
        for &member in members {
            out.push_str(&format!("    {}\n", node_line(member)));
        }
        out.push_str("  }\n");
    }
    for (from, to, edge) in graph.sorted_edges() {
        let width = 1.0 + (edge.reports.len().max(1) as f64).log2();
        out.push_str(&format!(
            "  \"{}\" -> \"{}\" [label=\"{}\", color=\"{}\", penwidth={width:.2}{}];\n",
            ids.get(&from).map_or("", String::as_str),
            ids.get(&to).map_or("", String::as_str),
            edge_label(edge),
            relation_colour(edge.relation),
            if edge.relation == Relation::Cooperates { ", dir=both" } else { "" }
        ));
    }
    out.push_str("}\n");
    out
}

/// Draws DOT as SVG with Graphviz.
pub fn render_svg(dot: &str) -> Result<Vec<u8>, ExportError> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => ExportError::GraphvizMissing,
            _ => ExportError::Graphviz { message: error.to_string() },
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(dot.as_bytes()).map_err(|error| ExportError::Graphviz { message: error.to_string() })?;
    }
    let output = child.wait_with_output().map_err(|error| ExportError::Graphviz { message: error.to_string() })?;
    if !output.status.success() {
        return Err(ExportError::Graphviz { message: String::from_utf8_lossy(&output.stderr).trim().to_owned() });
    }
    Ok(output.stdout)
}

type XmlResult = Result<(), ExportError>;

fn xml_error(error: impl std::fmt::Display) -> ExportError {
    ExportError::Xml(error.to_string())
}

fn element(writer: &mut Writer<Vec<u8>>, name: &str, attributes: &[(&str, &str)], text: Option<&str>) -> XmlResult {
    let mut start = BytesStart::new(name);
    for (key, value) in attributes {
        start.push_attribute((*key, *value));
    }
    match text {
        Some(text) => {
            writer.write_event(Event::Start(start)).map_err(xml_error)?;
            writer.write_event(Event::Text(BytesText::new(text))).map_err(xml_error)?;
            writer.write_event(Event::End(BytesEnd::new(name))).map_err(xml_error)
        }
        None => writer.write_event(Event::Empty(start)).map_err(xml_error),
    }
}

fn open(writer: &mut Writer<Vec<u8>>, name: &str, attributes: &[(&str, &str)]) -> XmlResult {
    let mut start = BytesStart::new(name);
    for (key, value) in attributes {
        start.push_attribute((*key, *value));
    }
    writer.write_event(Event::Start(start)).map_err(xml_error)
}

fn close(writer: &mut Writer<Vec<u8>>, name: &str) -> XmlResult {
    writer.write_event(Event::End(BytesEnd::new(name))).map_err(xml_error)
}

/// GraphML (for yEd, Gephi, NetworkX): node label, type, country, reports;
/// edge relation, reports, substances, kilograms.
pub fn to_graphml(graph: &Graph) -> Result<String, ExportError> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None))).map_err(xml_error)?;
    open(&mut writer, "graphml", &[("xmlns", "http://graphml.graphdrawing.org/xmlns")])?;
    let keys = [
        ("label", "node", "string"),
        ("type", "node", "string"),
        ("country", "node", "string"),
        ("iri", "node", "string"),
        ("reports", "node", "int"),
        ("relation", "edge", "string"),
        ("substances", "edge", "string"),
        ("kilograms", "edge", "string"),
        ("weight", "edge", "int"),
        ("sources", "edge", "string"),
    ];
    for (name, domain, kind) in keys {
        element(&mut writer, "key", &[("id", name), ("for", domain), ("attr.name", name), ("attr.type", kind)], None)?;
    }
    open(&mut writer, "graph", &[("id", "narcograph"), ("edgedefault", "directed")])?;
    let nodes = graph.sorted_nodes();
    let ids: BTreeMap<crate::graph::NodeId, String> =
        nodes.iter().enumerate().map(|(i, &n)| (n, format!("n{i}"))).collect();
    for &index in &nodes {
        let node = &graph[index];
        open(&mut writer, "node", &[("id", ids.get(&index).map_or("", String::as_str))])?;
        element(&mut writer, "data", &[("key", "label")], Some(&node.label))?;
        element(&mut writer, "data", &[("key", "type")], Some(node.kind.as_str()))?;
        if let Some(country) = &node.country {
            element(&mut writer, "data", &[("key", "country")], Some(country))?;
        }
        element(&mut writer, "data", &[("key", "iri")], Some(&node.iri))?;
        element(&mut writer, "data", &[("key", "reports")], Some(&node.reports.to_string()))?;
        close(&mut writer, "node")?;
    }
    for (number, (from, to, edge)) in graph.sorted_edges().into_iter().enumerate() {
        let id = format!("e{number}");
        open(
            &mut writer,
            "edge",
            &[
                ("id", &id),
                ("source", ids.get(&from).map_or("", String::as_str)),
                ("target", ids.get(&to).map_or("", String::as_str)),
            ],
        )?;
        element(&mut writer, "data", &[("key", "relation")], Some(edge.relation.as_str()))?;
        element(
            &mut writer,
            "data",
            &[("key", "substances")],
            Some(&edge.substances.iter().cloned().collect::<Vec<_>>().join(", ")),
        )?;
        element(&mut writer, "data", &[("key", "kilograms")], Some(&kilograms_text(edge)))?;
        element(&mut writer, "data", &[("key", "weight")], Some(&edge.reports.len().to_string()))?;
        element(&mut writer, "data", &[("key", "sources")], Some(&graph.sources(&edge.reports).join("; ")))?;
        close(&mut writer, "edge")?;
    }
    close(&mut writer, "graph")?;
    close(&mut writer, "graphml")?;
    String::from_utf8(writer.into_inner()).map_err(xml_error)
}

/// GEXF 1.3 (for Gephi), with node and edge attributes.
pub fn to_gexf(graph: &Graph) -> Result<String, ExportError> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None))).map_err(xml_error)?;
    open(&mut writer, "gexf", &[("xmlns", "http://gexf.net/1.3"), ("version", "1.3")])?;
    open(&mut writer, "meta", &[])?;
    element(&mut writer, "creator", &[], Some("narcograph"))?;
    element(&mut writer, "description", &[], Some("Entities and relations extracted from law-enforcement reports"))?;
    close(&mut writer, "meta")?;
    open(&mut writer, "graph", &[("defaultedgetype", "directed"), ("mode", "static")])?;
    open(&mut writer, "attributes", &[("class", "node")])?;
    for (id, title, kind) in
        [("0", "type", "string"), ("1", "country", "string"), ("2", "iri", "string"), ("3", "reports", "integer")]
    {
        element(&mut writer, "attribute", &[("id", id), ("title", title), ("type", kind)], None)?;
    }
    close(&mut writer, "attributes")?;
    open(&mut writer, "attributes", &[("class", "edge")])?;
    for (id, title, kind) in [
        ("0", "relation", "string"),
        ("1", "substances", "string"),
        ("2", "kilograms", "string"),
        ("3", "sources", "string"),
    ] {
        element(&mut writer, "attribute", &[("id", id), ("title", title), ("type", kind)], None)?;
    }
    close(&mut writer, "attributes")?;
    let nodes = graph.sorted_nodes();
    let ids: BTreeMap<crate::graph::NodeId, String> =
        nodes.iter().enumerate().map(|(i, &n)| (n, format!("n{i}"))).collect();
    open(&mut writer, "nodes", &[])?;
    for &index in &nodes {
        let node = &graph[index];
        open(&mut writer, "node", &[("id", ids.get(&index).map_or("", String::as_str)), ("label", &node.label)])?;
        open(&mut writer, "attvalues", &[])?;
        element(&mut writer, "attvalue", &[("for", "0"), ("value", node.kind.as_str())], None)?;
        element(&mut writer, "attvalue", &[("for", "1"), ("value", node.country.as_deref().unwrap_or(""))], None)?;
        element(&mut writer, "attvalue", &[("for", "2"), ("value", &node.iri)], None)?;
        element(&mut writer, "attvalue", &[("for", "3"), ("value", &node.reports.to_string())], None)?;
        close(&mut writer, "attvalues")?;
        close(&mut writer, "node")?;
    }
    close(&mut writer, "nodes")?;
    open(&mut writer, "edges", &[])?;
    for (number, (from, to, edge)) in graph.sorted_edges().into_iter().enumerate() {
        let id = format!("e{number}");
        let weight = edge.reports.len().max(1).to_string();
        open(
            &mut writer,
            "edge",
            &[
                ("id", &id),
                ("source", ids.get(&from).map_or("", String::as_str)),
                ("target", ids.get(&to).map_or("", String::as_str)),
                ("weight", &weight),
                ("label", edge.relation.as_str()),
            ],
        )?;
        open(&mut writer, "attvalues", &[])?;
        element(&mut writer, "attvalue", &[("for", "0"), ("value", edge.relation.as_str())], None)?;
        element(
            &mut writer,
            "attvalue",
            &[("for", "1"), ("value", &edge.substances.iter().cloned().collect::<Vec<_>>().join(", "))],
            None,
        )?;
        element(&mut writer, "attvalue", &[("for", "2"), ("value", &kilograms_text(edge))], None)?;
        element(&mut writer, "attvalue", &[("for", "3"), ("value", &graph.sources(&edge.reports).join("; "))], None)?;
        close(&mut writer, "attvalues")?;
        close(&mut writer, "edge")?;
    }
    close(&mut writer, "edges")?;
    close(&mut writer, "graph")?;
    close(&mut writer, "gexf")?;
    String::from_utf8(writer.into_inner()).map_err(xml_error)
}

/// JSON nodes and links (the shape d3-force and most web views read).
pub fn to_json(graph: &Graph) -> serde_json::Value {
    let nodes = graph.sorted_nodes();
    let position: BTreeMap<crate::graph::NodeId, usize> = nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let node_values: Vec<serde_json::Value> = nodes
        .iter()
        .map(|&index| {
            let node = &graph[index];
            json!({"id": node.iri, "label": node.label, "type": node.kind.as_str(), "country": node.country, "reports": node.reports, "aliases": node.aliases})
        })
        .collect();
    let links: Vec<serde_json::Value> = graph
        .sorted_edges()
        .into_iter()
        .map(|(from, to, edge)| {
            json!({
                "source": graph[from].iri,
                "target": graph[to].iri,
                "source_index": position.get(&from),
                "target_index": position.get(&to),
                "relation": edge.relation.as_str(),
                "substances": edge.substances,
                "kilograms": edge.kilograms_by_substance(),
                "reports": graph.sources(&edge.reports),
                "first_date": edge.first_date,
                "last_date": edge.last_date,
            })
        })
        .collect();
    json!({"nodes": node_values, "links": links})
}
