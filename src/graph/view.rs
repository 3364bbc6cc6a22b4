//! Building the entity graph from the store with SPARQL.

use super::{Graph, Node, Relation, ReportInfo};
use crate::model::EntityKind;
use crate::rdf::vocab::*;
use crate::rdf::{QueryAnswer, ReadStore, StoreError, Value, iri};
use petgraph::graph::NodeIndex;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What can go wrong building a graph view.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GraphError {
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// No entity has this name.
    #[error("no entity is called {name:?} (try `narcograph entities` to list names)")]
    UnknownEntity {
        /// The name asked for.
        name: String,
    },
}

fn text(row: &[Option<Value>], index: usize) -> Option<&str> {
    row.get(index).and_then(Option::as_ref).map(Value::as_str)
}

fn rows(store: &dyn ReadStore, query: &str) -> Result<Vec<Vec<Option<Value>>>, StoreError> {
    match store.query(query, &[])? {
        QueryAnswer::Solutions { rows, .. } => Ok(rows),
        _ => Ok(Vec::new()),
    }
}

/// The entity graph as commands see it: its edges read from the aggregates
/// graph that `load` keeps (one row per edge and report), or, in a store that
/// has none yet, built from the events.
pub fn load(store: &dyn ReadStore) -> Result<Graph, GraphError> {
    let mut graph = base(store, Scope::All)?;
    if !aggregate_edges(store, &mut graph)? {
        event_edges(store, &mut graph)?;
    }
    Ok(graph)
}

/// The places and the route edges between them, nothing else: what
/// `channels` and centrality over channels walk. It reads only the places
/// and the route rows the aggregates graph keeps (their reports with dates
/// but no source paths: [`report_sources`] reads those for the reports
/// shown), not every person, agency and report of the collection; the
/// result equals [`load`] restricted to places and routes (tested).
pub fn load_routes(store: &dyn ReadStore) -> Result<Graph, GraphError> {
    // The route edges are built while the places are read (two cores: 0.35 s
    // of 0.55 s at 100,000 reports).
    let (graph, routes) = rayon::join(|| base(store, Scope::Routes), || route_edges(store));
    let (mut graph, Some((reports, edges))) = (graph?, routes?) else {
        // A store without rows: build everything, then keep the routes.
        let full = load(store)?;
        return Ok(full.filtered(|node| node.kind.is_place(), |edge| edge.relation == Relation::Route));
    };
    graph.reports = reports;
    for (from, to, edge) in edges {
        let (Some(a), Some(b)) = (graph.index_of(&from), graph.index_of(&to)) else { continue };
        *graph.edge_mut(a, b, Relation::Route) = edge;
    }
    Ok(graph)
}

/// The route edges (from IRI, to IRI, edge) and their reports with dates,
/// from the route rows; `None` when the store keeps none.
type RouteEdges = (BTreeMap<String, ReportInfo>, Vec<(String, String, super::Edge)>);

fn route_edges(store: &dyn ReadStore) -> Result<Option<RouteEdges>, StoreError> {
    let Some(rows) = store.route_rows()? else { return Ok(None) };
    let mut reports = BTreeMap::new();
    let mut edges = Vec::with_capacity(rows.len());
    for row in rows {
        let mut edge = super::Edge::new(Relation::Route);
        edge.kilograms = row.kilograms;
        edge.substances.extend(row.substances);
        for (report, date) in row.reports {
            edge.add_date(date.as_deref());
            if !reports.contains_key(&report) {
                reports.insert(report.clone(), ReportInfo { source: String::new(), date });
            }
            edge.reports.insert(report);
        }
        for (report, substance, kg) in row.seized {
            edge.seized.insert((report, substance), kg);
        }
        edges.push((row.from, row.to, edge));
    }
    Ok(Some((reports, edges)))
}

/// How much of the graph a view reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Every entity and edge.
    All,
    /// Places, route edges and the reports behind them.
    Routes,
}

/// The entity graph built from every event in the store: what the aggregates
/// must equal (`load` writes them from this).
pub fn load_from_events(store: &dyn ReadStore) -> Result<Graph, GraphError> {
    let mut graph = base(store, Scope::All)?;
    event_edges(store, &mut graph)?;
    Ok(graph)
}

/// Each aggregate edge's substance labels, onto the view's edges by aggregate IRI.
fn edge_substances(
    store: &dyn ReadStore,
    graph: &mut Graph,
    edge_of: &HashMap<String, (NodeIndex, NodeIndex, Relation)>,
) -> Result<(), StoreError> {
    let aggregates = iri::aggregates_graph();
    for row in rows(
        store,
        &format!("SELECT ?e ?substance WHERE {{ GRAPH <{aggregates}> {{ ?e <{SUBSTANCE_LABEL}> ?substance }} }}"),
    )? {
        let (Some(id), Some(substance)) = (text(&row, 0), text(&row, 1)) else { continue };
        let Some(&(a, b, relation)) = edge_of.get(id) else { continue };
        graph.edge_mut(a, b, relation).substances.insert(substance.to_owned());
    }
    Ok(())
}

/// The source path of each report (the smallest of the inputs holding it),
/// for the reports a command prints.
pub fn report_sources(
    store: &dyn ReadStore,
    reports: &BTreeSet<String>,
) -> Result<HashMap<String, String>, GraphError> {
    Ok(crate::rdf::first_sources(store, reports.iter().map(String::as_str))?)
}

/// Edges from the aggregates graph; false when it holds none.
fn aggregate_edges(store: &dyn ReadStore, graph: &mut Graph) -> Result<bool, StoreError> {
    let aggregates = iri::aggregates_graph();
    let mut any = false;
    // Edges first, then what hangs off each (reports, substances, leg
    // seizures) by edge IRI: rows that repeated both ends and the relation
    // for every report cost more than the pairs.
    let mut edge_of: HashMap<String, (NodeIndex, NodeIndex, Relation)> = HashMap::new();
    for row in rows(
        store,
        &format!(
            "SELECT ?e ?from ?to ?relation ?kg WHERE {{ GRAPH <{aggregates}> {{
           ?e <{AGG_FROM}> ?from ; <{AGG_TO}> ?to ; <{RELATION}> ?relation . OPTIONAL {{ ?e <{TOTAL_KG}> ?kg }} }} }}"
        ),
    )? {
        any = true;
        let (Some(id), Some(from), Some(to), Some(relation)) =
            (text(&row, 0), text(&row, 1), text(&row, 2), text(&row, 3).and_then(Relation::parse))
        else {
            continue;
        };
        let (Some(a), Some(b)) = (graph.index_of(from), graph.index_of(to)) else { continue };
        graph.edge_mut(a, b, relation).kilograms = text(&row, 4).and_then(|k| k.parse().ok()).unwrap_or(0.0);
        edge_of.insert(id.to_owned(), (a, b, relation));
    }
    for row in
        rows(store, &format!("SELECT ?e ?report WHERE {{ GRAPH <{aggregates}> {{ ?e <{SUPPORTED_BY}> ?report }} }}"))?
    {
        let (Some(id), Some(report)) = (text(&row, 0), text(&row, 1)) else { continue };
        let Some(&(a, b, relation)) = edge_of.get(id) else { continue };
        let date = graph.reports.get(report).and_then(|r| r.date.clone());
        let edge = graph.edge_mut(a, b, relation);
        edge.reports.insert(report.to_owned());
        edge.add_date(date.as_deref());
    }
    edge_substances(store, graph, &edge_of)?;
    for row in rows(
        store,
        &format!(
            "SELECT ?e ?report ?substance ?kg WHERE {{ GRAPH <{aggregates}> {{
           ?e <{LEG_SEIZURE}> ?s . ?s <{SUPPORTED_BY}> ?report ; <{SUBSTANCE_LABEL}> ?substance ; <{TOTAL_KG}> ?kg }} }}"
        ),
    )? {
        let (Some(id), Some(report), Some(substance), Some(kg)) =
            (text(&row, 0), text(&row, 1), text(&row, 2), text(&row, 3).and_then(|k| k.parse::<f64>().ok()))
        else {
            continue;
        };
        let Some(&(a, b, relation)) = edge_of.get(id) else { continue };
        graph.edge_mut(a, b, relation).seized.insert((report.to_owned(), substance.to_owned()), kg);
    }
    Ok(any)
}

/// Entities, reports, the substance vocabulary and the stories: everything but edges.
fn base(store: &dyn ReadStore, scope: Scope) -> Result<Graph, GraphError> {
    let mut graph = Graph::default();
    let entities_graph = iri::entities_graph();
    let (of_type, typed) = match scope {
        Scope::All => (String::new(), String::new()),
        Scope::Routes => {
            let places: Vec<String> = [EntityKind::Country, EntityKind::City, EntityKind::Region]
                .iter()
                .map(|k| format!("\"{}\"", k.as_str()))
                .collect();
            (format!("VALUES ?type {{ {} }}", places.join(" ")), format!("?e <{ENTITY_TYPE}> ?type ."))
        }
    };
    // Aliases as plain pairs, joined here: GROUP_CONCAT over every entity
    // cost more than the rest of the entity rows together.
    let mut aliases: HashMap<String, Vec<String>> = HashMap::new();
    for row in rows(
        store,
        &format!(
            "SELECT ?e ?alias WHERE {{ GRAPH <{entities_graph}> {{ {of_type} {typed} ?e <{SKOS_ALT_LABEL}> ?alias }} }}"
        ),
    )? {
        if let (Some(entity), Some(alias)) = (text(&row, 0), text(&row, 1)) {
            aliases.entry(entity.to_owned()).or_default().push(alias.to_owned());
        }
    }
    let mut entity_rows = rows(
        store,
        &format!(
            "SELECT ?e ?label ?type ?code ?country ?reports ?lat ?long WHERE {{
           GRAPH <{entities_graph}> {{ {of_type} ?e <{ENTITY_TYPE}> ?type ; <{RDFS_LABEL}> ?label .
             OPTIONAL {{ ?e <{COUNTRY_CODE}> ?code }} OPTIONAL {{ ?e <{IN_COUNTRY}> ?country }}
             OPTIONAL {{ ?e <{REPORT_COUNT}> ?reports }}
             OPTIONAL {{ ?e <{GEO_LAT}> ?lat ; <{GEO_LONG}> ?long }} }}
         }}"
        ),
    )?;
    // Nodes in IRI order, so node ids (and every tie broken by them) never depend on the store's order.
    entity_rows.sort_by(|a, b| text(a, 0).cmp(&text(b, 0)));
    for row in entity_rows {
        let (Some(entity), Some(label), Some(kind)) =
            (text(&row, 0), text(&row, 1), text(&row, 2).and_then(EntityKind::parse))
        else {
            continue;
        };
        let country_iri = text(&row, 4).map(str::to_owned);
        let country = text(&row, 3).map(str::to_owned).or_else(|| {
            country_iri.as_deref().and_then(iri::entity_key).and_then(|k| match k {
                crate::model::EntityKey::Country(code) => Some(code),
                _ => None,
            })
        });
        let mut aliases = aliases.remove(entity).unwrap_or_default();
        aliases.sort();
        aliases.dedup();
        graph.add_node(Node {
            iri: entity.to_owned(),
            label: label.to_owned(),
            aliases,
            kind,
            country,
            reports: text(&row, 5).and_then(|n| n.parse().ok()).unwrap_or(0),
            centre: text(&row, 6).and_then(|a| a.parse().ok()).zip(text(&row, 7).and_then(|o| o.parse().ok())),
        });
    }
    // The substance vocabulary, for channels' substance compatibility.
    let vocabulary = iri::vocabulary_graph();
    for row in rows(
        store,
        &format!(
            "SELECT ?c ?label ?broader WHERE {{ GRAPH <{vocabulary}> {{ ?c <{SKOS_PREF_LABEL}> ?label OPTIONAL {{ ?c <{SKOS_BROADER}> ?broader }} }} }}"
        ),
    )? {
        if let (Some(concept), Some(label)) = (text(&row, 0), text(&row, 1)) {
            graph.concepts.insert(concept.to_owned(), (label.to_owned(), text(&row, 2).map(str::to_owned)));
        }
    }
    for row in rows(store, &format!("SELECT ?copy ?first WHERE {{ ?copy <{SAME_STORY_AS}> ?first }}"))? {
        if let (Some(copy), Some(first)) = (text(&row, 0), text(&row, 1)) {
            graph.stories.insert(copy.to_owned(), first.to_owned());
        }
    }
    // A routes view takes its reports and dates from the packed edges.
    if scope == Scope::Routes {
        return Ok(graph);
    }
    // Every (report, input path) pair, the smallest path kept here: a
    // MIN(?path) group per report in SPARQL cost four times as much.
    for row in rows(
        store,
        &format!(
            "SELECT ?r ?path ?date WHERE {{ ?input <{HOLDS}> ?r ; <{SOURCE_PATH}> ?path . OPTIONAL {{ ?r <{DCTERMS_DATE}> ?date }} }}"
        ),
    )? {
        let (Some(report), Some(path)) = (text(&row, 0), text(&row, 1)) else { continue };
        match graph.reports.get_mut(report) {
            Some(info) if info.source.as_str() <= path => {}
            Some(info) => info.source = path.to_owned(),
            None => {
                graph.reports.insert(
                    report.to_owned(),
                    ReportInfo { source: path.to_owned(), date: text(&row, 2).map(str::to_owned) },
                );
            }
        }
    }
    Ok(graph)
}

/// Edges built from the events of every report (and the lexicon's parents and countries).
fn event_edges(store: &dyn ReadStore, graph: &mut Graph) -> Result<(), StoreError> {
    report_events(store, graph, "")?;
    standing_edges(store, graph)?;
    sum_kilograms(graph);
    Ok(())
}

/// The edges what some reports say gives, each report's part apart (the
/// aggregates graph's edges hold them): what a load adds for the reports it
/// wrote, one edge per ends and relation. Nodes are only the entities those
/// reports name; sources are not counted (stories are the caller's).
pub(crate) fn report_contributions(
    store: &dyn ReadStore,
    reports: &[crate::model::ReportId],
) -> Result<Vec<crate::model::AggregateEdge>, StoreError> {
    let mut out = Vec::new();
    // In steps, so that no query carries thousands of graphs.
    for step in reports.chunks(512) {
        let graphs: Vec<String> = step.iter().map(|r| format!("<{}>", iri::report_graph(r))).collect();
        let values = format!("VALUES ?g {{ {} }}", graphs.join(" "));
        let entities_graph = iri::entities_graph();
        let mut graph = Graph::default();
        let mut named = rows(
            store,
            &format!(
                "SELECT DISTINCT ?e ?label ?type WHERE {{ {values} GRAPH ?g {{ ?e <{MENTIONED_IN}> ?r }}
                   GRAPH <{entities_graph}> {{ ?e <{ENTITY_TYPE}> ?type ; <{RDFS_LABEL}> ?label }} }}"
            ),
        )?;
        named.sort_by(|a, b| text(a, 0).cmp(&text(b, 0)));
        for row in named {
            let (Some(entity), Some(label), Some(kind)) =
                (text(&row, 0), text(&row, 1), text(&row, 2).and_then(EntityKind::parse))
            else {
                continue;
            };
            graph.add_node(Node {
                iri: entity.to_owned(),
                label: label.to_owned(),
                aliases: Vec::new(),
                kind,
                country: None,
                reports: 0,
                centre: None,
            });
        }
        for row in rows(
            store,
            &format!("SELECT ?r ?date WHERE {{ {values} GRAPH ?g {{ ?r a <{REPORT}> ; <{DCTERMS_DATE}> ?date }} }}"),
        )? {
            // Undated reports need no entry: a missing date is none.
            if let Some(report) = text(&row, 0) {
                graph.reports.insert(
                    report.to_owned(),
                    ReportInfo { source: String::new(), date: text(&row, 1).map(str::to_owned) },
                );
            }
        }
        report_events(store, &mut graph, &values)?;
        sum_kilograms(&mut graph);
        out.extend(graph.aggregate_edges());
    }
    // An edge stated by reports in two steps came out once per step: one
    // edge holds every report's part (keeping only the last step's lost the
    // others' at 100,000 reports).
    let mut merged: BTreeMap<(String, String, String), crate::model::AggregateEdge> = BTreeMap::new();
    for edge in out {
        match merged.entry((edge.from.clone(), edge.to.clone(), edge.relation.clone())) {
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(edge);
            }
            std::collections::btree_map::Entry::Occupied(mut slot) => slot.get_mut().absorb(edge),
        }
    }
    Ok(merged.into_values().collect())
}

/// Edges from the events in the report graphs `values` names (a `VALUES ?g`
/// clause), or in every graph when it is empty.
fn report_events(store: &dyn ReadStore, graph: &mut Graph, values: &str) -> Result<(), StoreError> {
    routes(store, graph, values)?;
    // Seizures: agency -> substance, substance -> place. Their optional
    // properties are read apart and joined here: OPTIONALs inside `GRAPH ?g`
    // made oxigraph scan every graph however few `values` names.
    let mut seizures: Vec<(String, String, String)> = Vec::new();
    for row in rows(
        store,
        &format!(
            "SELECT ?f ?r ?s WHERE {{ {values} GRAPH ?g {{ ?f a <{SEIZURE}> ; <{PROV_WAS_DERIVED_FROM}> ?r ; <{SUBSTANCE_PROP}> ?s }} }}"
        ),
    )? {
        if let (Some(fact), Some(report), Some(substance)) = (text(&row, 0), text(&row, 1), text(&row, 2)) {
            seizures.push((fact.to_owned(), report.to_owned(), substance.to_owned()));
        }
    }
    let property = |predicate: &str| -> Result<HashMap<String, Vec<String>>, StoreError> {
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        for row in rows(
            store,
            &format!("SELECT ?f ?v WHERE {{ {values} GRAPH ?g {{ ?f a <{SEIZURE}> ; <{predicate}> ?v }} }}"),
        )? {
            if let (Some(fact), Some(value)) = (text(&row, 0), text(&row, 1)) {
                out.entry(fact.to_owned()).or_default().push(value.to_owned());
            }
        }
        Ok(out)
    };
    let (locations, agencies, amounts) = (property(LOCATION)?, property(ACTING_AGENCY)?, property(MIN_KG)?);
    let none: Vec<String> = Vec::new();
    for (fact, report, substance) in &seizures {
        // A report's largest amount counts on each edge (see `relate`).
        let kg = amounts.get(fact).unwrap_or(&none).iter().filter_map(|k| k.parse::<f64>().ok()).fold(0.0, f64::max);
        for location in locations.get(fact).unwrap_or(&none) {
            relate(graph, substance, location, Relation::SeizedIn, report, kg);
        }
        for agency in agencies.get(fact).unwrap_or(&none) {
            relate(graph, agency, substance, Relation::Seized, report, kg);
        }
    }
    for row in rows(
        store,
        &format!(
            "SELECT ?r ?person ?agency WHERE {{ {values} GRAPH ?g {{ ?f a <{ARREST}> ; <{PROV_WAS_DERIVED_FROM}> ?r ; <{ARRESTED}> ?person ; <{ACTING_AGENCY}> ?agency }} }}"
        ),
    )? {
        if let (Some(report), Some(person), Some(agency)) = (text(&row, 0), text(&row, 1), text(&row, 2)) {
            relate(graph, agency, person, Relation::Arrested, report, 0.0);
        }
    }
    for row in rows(
        store,
        &format!(
            "SELECT ?r ?a ?b WHERE {{ {values} GRAPH ?g {{ ?f a <{COOPERATION}> ; <{PROV_WAS_DERIVED_FROM}> ?r ; <{PARTY}> ?a, ?b . FILTER(STR(?a) < STR(?b)) }} }}"
        ),
    )? {
        if let (Some(report), Some(a), Some(b)) = (text(&row, 0), text(&row, 1), text(&row, 2)) {
            relate(graph, a, b, Relation::Cooperates, report, 0.0);
        }
    }
    // Each report states a parent between its local entities.
    for row in rows(
        store,
        &format!(
            "SELECT ?g ?a ?b WHERE {{ {values} GRAPH ?g {{ ?la <{ORG_SUB_ORGANIZATION_OF}> ?lb . ?la <{DENOTES}> ?a . ?lb <{DENOTES}> ?b }} }}"
        ),
    )? {
        if let (Some(graph_name), Some(a), Some(b)) = (text(&row, 0), text(&row, 1), text(&row, 2)) {
            let report = iri::report_id(graph_name).map(|id| iri::report(&id)).unwrap_or_default();
            relate(graph, a, b, Relation::PartOf, &report, 0.0);
        }
    }
    for row in rows(store, &format!("SELECT ?g ?a ?b WHERE {{ {values} GRAPH ?g {{ ?a <{ORG_MEMBER_OF}> ?b }} }}"))? {
        if let (Some(graph_name), Some(a), Some(b)) = (text(&row, 0), text(&row, 1), text(&row, 2)) {
            let report = iri::report_id(graph_name).map(|id| iri::report(&id)).unwrap_or_default();
            relate(graph, a, b, Relation::MemberOf, &report, 0.0);
        }
    }
    Ok(())
}

/// Edges the entities graph states without a report: the parents it holds
/// (the lexicon's, and those reports state, lifted to canonical entities)
/// and each entity's country.
fn standing_edges(store: &dyn ReadStore, graph: &mut Graph) -> Result<(), StoreError> {
    let entities = iri::entities_graph();
    for row in
        rows(store, &format!("SELECT ?a ?b WHERE {{ GRAPH <{entities}> {{ ?a <{ORG_SUB_ORGANIZATION_OF}> ?b }} }}"))?
    {
        if let (Some(a), Some(b)) = (text(&row, 0), text(&row, 1)) {
            relate(graph, a, b, Relation::PartOf, "", 0.0);
        }
    }
    let in_country: Vec<(String, String)> =
        rows(store, &format!("SELECT ?e ?c WHERE {{ GRAPH <{entities}> {{ ?e <{IN_COUNTRY}> ?c }} }}"))?
            .iter()
            .filter_map(|row| Some((text(row, 0)?.to_owned(), text(row, 1)?.to_owned())))
            .collect();
    for (entity, country) in in_country {
        relate(graph, &entity, &country, Relation::LocatedIn, "", 0.0);
    }
    Ok(())
}

/// Each edge's kilograms: its reports' parts summed in report order, so that
/// the sum is the same however the edge was assembled (from every event, or
/// from the parts the aggregates graph keeps).
fn sum_kilograms(graph: &mut Graph) {
    for edge in graph.graph.edge_weights_mut() {
        if !edge.parts.is_empty() {
            edge.kilograms = edge.parts.values().fold(0.0, |sum, part| sum + part.0);
        }
    }
}

fn relate(graph: &mut Graph, from: &str, to: &str, relation: Relation, report: &str, kg: f64) {
    let (Some(a), Some(b)) = (graph.index_of(from), graph.index_of(to)) else { return };
    if a == b {
        return;
    }
    let date = graph.reports.get(report).and_then(|r| r.date.clone());
    let edge = graph.edge_mut(a, b, relation);
    if report.is_empty() {
        edge.standing = true;
    } else {
        edge.reports.insert(report.to_owned());
        // A report's largest seizure on the edge, whatever the row order.
        let part = edge.parts.entry(report.to_owned()).or_insert((kg, BTreeSet::new()));
        if kg > part.0 {
            part.0 = kg;
        }
    }
    edge.add_date(date.as_deref());
}

/// Route legs, with the substances of their route and the kilograms seized of
/// those substances in the same report.
fn routes(store: &dyn ReadStore, graph: &mut Graph, values: &str) -> Result<(), StoreError> {
    let mut substances: HashMap<String, BTreeSet<String>> = HashMap::new();
    for row in rows(
        store,
        &format!(
            "SELECT ?route ?s WHERE {{ {values} GRAPH ?g {{ ?route a <{TRAFFICKING}> ; <{SUBSTANCE_PROP}> ?s }} }}"
        ),
    )? {
        if let (Some(route), Some(substance)) = (text(&row, 0), text(&row, 1)) {
            substances.entry(route.to_owned()).or_default().insert(substance.to_owned());
        }
    }
    let mut seized: BTreeMap<(String, String), f64> = BTreeMap::new();
    for row in rows(
        store,
        &format!(
            "SELECT ?r ?s (SUM(?kg) AS ?total) WHERE {{ {values} GRAPH ?g {{ ?f a <{SEIZURE}> ; <{PROV_WAS_DERIVED_FROM}> ?r ; <{SUBSTANCE_PROP}> ?s ; <{MIN_KG}> ?kg }} }} GROUP BY ?r ?s"
        ),
    )? {
        if let (Some(report), Some(substance), Some(total)) =
            (text(&row, 0), text(&row, 1), text(&row, 2).and_then(|t| t.parse().ok()))
        {
            seized.insert((report.to_owned(), substance.to_owned()), total);
        }
    }
    for row in rows(store, &format!(
        "SELECT ?route ?r ?from ?to WHERE {{ {values} GRAPH ?g {{ ?route a <{TRAFFICKING}> ; <{PROV_WAS_DERIVED_FROM}> ?r ; <{HAS_LEG}> ?leg .
           ?leg <{LEG_FROM}> ?from ; <{LEG_TO}> ?to ; <{POSITION}> ?position }} }} ORDER BY ?route ?position"
    ))? {
        let (Some(route), Some(report), Some(from), Some(to)) = (text(&row, 0), text(&row, 1), text(&row, 2), text(&row, 3)) else { continue };
        let (Some(a), Some(b)) = (graph.index_of(from), graph.index_of(to)) else { continue };
        if a == b {
            continue;
        }
        let route_substances = substances.get(route).cloned().unwrap_or_default();
        // Each substance once: its label, and what this report seized of it.
        let mut labels: Vec<String> = Vec::new();
        let mut per_substance: Vec<((String, String), f64)> = Vec::new();
        for substance in &route_substances {
            let amount = seized.get(&(report.to_owned(), substance.clone())).copied();
            let Some(label) = graph.index_of(substance).map(|i| graph.graph[i].label.clone()) else { continue };
            if let Some(amount) = amount {
                per_substance.push(((report.to_owned(), label.clone()), amount));
            }
            labels.push(label);
        }
        let date = graph.reports.get(report).and_then(|r| r.date.clone());
        let edge = graph.edge_mut(a, b, Relation::Route);
        edge.reports.insert(report.to_owned());
        edge.seized.extend(per_substance);
        edge.parts.entry(report.to_owned()).or_default().1.extend(labels.iter().cloned());
        edge.substances.extend(labels);
        edge.add_date(date.as_deref());
    }
    Ok(())
}
