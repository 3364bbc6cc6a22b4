//! Turning a report's extraction and the linking into quads.
//!
//! A report's facts, mentions and local entities go into the report's own
//! named graph, with PROV-O provenance and evidence; canonical entity
//! descriptions (labels, aliases, types, external ids, link explanations) go
//! into the shared entities graph. No blank nodes: every node has a minted
//! IRI, so the same input always gives the same quads.

use super::iri::{self, FactKind};
use super::vocab::*;
use crate::extract::Gazetteers;
use crate::extract::gazetteer::Coordinates;
use crate::link::{LinkedEntity, Linking};
use crate::model::{EntityKey, EntityKind, Evidence, ExternalId, Extraction, Report};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use std::collections::HashMap;

/// Builds quads for one graph.
struct Writer {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl Writer {
    fn new(graph: &str) -> Writer {
        Writer { graph: GraphName::NamedNode(NamedNode::new_unchecked(graph)), quads: Vec::new() }
    }

    fn add(&mut self, subject: &str, predicate: &str, object: impl Into<Term>) {
        self.quads.push(Quad::new(
            NamedNode::new_unchecked(subject),
            NamedNode::new_unchecked(predicate),
            object.into(),
            self.graph.clone(),
        ));
    }

    fn link(&mut self, subject: &str, predicate: &str, object: &str) {
        self.add(subject, predicate, NamedNode::new_unchecked(object));
    }

    fn text(&mut self, subject: &str, predicate: &str, value: &str) {
        self.add(subject, predicate, Literal::new_simple_literal(value));
    }

    fn english(&mut self, subject: &str, predicate: &str, value: &str) {
        self.add(subject, predicate, Literal::new_language_tagged_literal_unchecked(value, "en"));
    }

    fn integer(&mut self, subject: &str, predicate: &str, value: usize) {
        self.add(
            subject,
            predicate,
            Literal::new_typed_literal(value.to_string(), NamedNode::new_unchecked(XSD_INTEGER)),
        );
    }

    fn decimal(&mut self, subject: &str, predicate: &str, value: f64) {
        self.add(subject, predicate, Literal::new_typed_literal(decimal(value), NamedNode::new_unchecked(XSD_DECIMAL)));
    }

    fn date(&mut self, subject: &str, predicate: &str, value: &str) {
        // A full date is an xsd:date; a year or year-month stays a plain literal.
        if value.len() == 10 {
            self.add(subject, predicate, Literal::new_typed_literal(value, NamedNode::new_unchecked(XSD_DATE)));
        } else {
            self.text(subject, predicate, value);
        }
    }
}

/// A decimal in canonical xsd:decimal form (no exponent, at least one digit after the point).
fn decimal(value: f64) -> String {
    let text = format!("{value}");
    if text.contains('.') { text } else { format!("{text}.0") }
}

/// The ontology class of an entity type.
pub fn class_of(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Country => COUNTRY,
        EntityKind::City => CITY,
        EntityKind::Region => REGION,
        EntityKind::Agency => AGENCY,
        EntityKind::Official => OFFICIAL,
        EntityKind::Person => PERSON,
        EntityKind::CriminalGroup => CRIMINAL_GROUP,
        EntityKind::Substance => SUBSTANCE,
    }
}

/// Everything a report contributes to its named graph.
pub fn report_quads(report: &Report, extraction: &Extraction, linking: &Linking) -> Vec<Quad> {
    let mut w = Writer::new(&iri::report_graph(&report.id));
    let report_iri = iri::report(&report.id);
    w.link(&report_iri, RDF_TYPE, REPORT);
    w.link(&report_iri, RDF_TYPE, PROV_ENTITY);
    w.text(&report_iri, TEXT, &report.text);
    if let Some(signature) = crate::link::stories::signature(&report.text) {
        w.text(&report_iri, STORY_SIGNATURE, &signature.to_hex());
    }
    if let Some(title) = &report.metadata.title {
        w.text(&report_iri, DCTERMS_TITLE, title);
    }
    if let Some(date) = &report.metadata.date {
        w.date(&report_iri, DCTERMS_DATE, date);
    }
    if let Some(publisher) = &report.metadata.publisher {
        w.text(&report_iri, DCTERMS_PUBLISHER, publisher);
    }
    if let Some(code) = &extraction.language.code {
        w.link(&report_iri, DCTERMS_LANGUAGE, &iri::language(code));
    }
    if let Some(url) = &report.metadata.url {
        w.text(&report_iri, SCHEMA_URL, url);
    }
    if let Some(id) = &report.metadata.external_id {
        w.text(&report_iri, DCTERMS_IDENTIFIER, id);
    }

    let entity_iris: Vec<String> = extraction.entities.iter().map(|e| iri::entity(linking.canonical(&e.key))).collect();
    for (index, entity) in extraction.entities.iter().enumerate() {
        let local = iri::fact(&report.id, FactKind::LocalEntity, index);
        let canonical = &entity_iris[index];
        w.link(&local, RDF_TYPE, LOCAL_ENTITY);
        w.text(&local, LOCAL_KEY, &entity.key.to_path());
        w.text(&local, ENTITY_TYPE, entity.kind.as_str());
        w.english(&local, RDFS_LABEL, &entity.label);
        for alias in &entity.aliases {
            w.english(&local, SKOS_ALT_LABEL, alias);
        }
        if let Some(country) = &entity.country {
            w.text(&local, COUNTRY_CODE, country);
        }
        if let Some(role) = &entity.role {
            w.text(&local, ROLE, role);
        }
        w.link(&local, DENOTES, canonical);
        w.link(&local, PROV_WAS_DERIVED_FROM, &report_iri);
        w.link(canonical, MENTIONED_IN, &report_iri);
        // The report's own statement, between its local entities (so that two
        // reports saying it are two triples in two graphs, not one triple
        // twice); the canonical link lives once in the entities graph.
        if let Some(parent) = entity.parent.filter(|&p| p < extraction.entities.len()) {
            w.link(&local, ORG_SUB_ORGANIZATION_OF, &iri::fact(&report.id, FactKind::LocalEntity, parent));
        }
        // Every mention as offsets into the stored text, in one literal: a
        // node per mention (with its sentence) was half of a report's quads,
        // and the text and offsets give back both (`mention_spans`).
        if !entity.mentions.is_empty() {
            w.text(&local, MENTION_SPANS, &format_spans(entity.mentions.iter().map(|m| m.span)));
        }
    }
    let entity = |index: usize| entity_iris.get(index).map(String::as_str);

    for (index, route) in extraction.routes.iter().enumerate() {
        let fact = iri::fact(&report.id, FactKind::Route, index);
        start_fact(&mut w, &fact, &[EVENT, TRAFFICKING], &report_iri);
        if let (Some(origin), Some(destination)) = (entity(route.origin), entity(route.destination)) {
            w.link(&fact, ORIGIN, origin);
            w.link(&fact, DESTINATION, destination);
        }
        for via in route.via.iter().filter_map(|&v| entity(v)) {
            w.link(&fact, VIA, via);
        }
        // The path as legs, in order: origin -> via... -> destination.
        let stops: Vec<&str> = std::iter::once(route.origin)
            .chain(route.via.iter().copied())
            .chain(std::iter::once(route.destination))
            .filter_map(entity)
            .collect();
        for (position, pair) in stops.windows(2).enumerate() {
            let leg = format!("{fact}/leg/{position}");
            w.link(&fact, HAS_LEG, &leg);
            w.link(&leg, RDF_TYPE, LEG);
            w.link(&leg, LEG_FROM, pair[0]);
            w.link(&leg, LEG_TO, pair[1]);
            w.integer(&leg, POSITION, position);
        }
        for substance in route.substances.iter().filter_map(|&s| entity(s)) {
            w.link(&fact, SUBSTANCE_PROP, substance);
        }
        if let Some(concealment) = &route.concealment {
            w.text(&fact, CONCEALMENT, concealment);
        }
        if let Some(conveyance) = &route.conveyance {
            w.text(&fact, CONVEYANCE, conveyance);
        }
        evidence(&mut w, &fact, &route.evidence, report);
    }
    for (index, seizure) in extraction.seizures.iter().enumerate() {
        let fact = iri::fact(&report.id, FactKind::Seizure, index);
        start_fact(&mut w, &fact, &[EVENT, SEIZURE], &report_iri);
        for substance in seizure.substances.iter().filter_map(|&s| entity(s)) {
            w.link(&fact, SUBSTANCE_PROP, substance);
        }
        if let Some(quantity) = &seizure.quantity {
            w.text(&fact, QUANTITY_TEXT, &quantity.text);
            if let Some(min) = quantity.min_kg {
                w.decimal(&fact, MIN_KG, min);
            }
            if let Some(max) = quantity.max_kg {
                w.decimal(&fact, MAX_KG, max);
            }
            if let Some(count) = quantity.count {
                w.decimal(&fact, UNIT_COUNT, count);
            }
            if let Some(unit) = &quantity.count_unit {
                w.text(&fact, COUNT_UNIT, unit);
            }
        }
        if let Some(location) = seizure.location.and_then(entity) {
            w.link(&fact, LOCATION, location);
        }
        if let Some(agency) = seizure.agency.and_then(entity) {
            w.link(&fact, ACTING_AGENCY, agency);
        }
        if let Some(date) = &seizure.date {
            w.date(&fact, EVENT_DATE, date);
        }
        evidence(&mut w, &fact, &seizure.evidence, report);
    }
    for (index, arrest) in extraction.arrests.iter().enumerate() {
        let fact = iri::fact(&report.id, FactKind::Arrest, index);
        start_fact(&mut w, &fact, &[EVENT, ARREST], &report_iri);
        for person in arrest.persons.iter().filter_map(|&p| entity(p)) {
            w.link(&fact, ARRESTED, person);
        }
        if let Some(count) = arrest.count {
            w.integer(&fact, ARREST_COUNT, count as usize);
        }
        if let Some(agency) = arrest.agency.and_then(entity) {
            w.link(&fact, ACTING_AGENCY, agency);
        }
        if let Some(location) = arrest.location.and_then(entity) {
            w.link(&fact, LOCATION, location);
        }
        if let Some(date) = &arrest.date {
            w.date(&fact, EVENT_DATE, date);
        }
        evidence(&mut w, &fact, &arrest.evidence, report);
    }
    for (index, cooperation) in extraction.cooperations.iter().enumerate() {
        let fact = iri::fact(&report.id, FactKind::Cooperation, index);
        start_fact(&mut w, &fact, &[EVENT, COOPERATION], &report_iri);
        for party in cooperation.parties.iter().filter_map(|&p| entity(p)) {
            w.link(&fact, PARTY, party);
        }
        evidence(&mut w, &fact, &cooperation.evidence, report);
    }
    w.quads
}

fn start_fact(w: &mut Writer, fact: &str, classes: &[&str], report_iri: &str) {
    for class in classes {
        w.link(fact, RDF_TYPE, class);
    }
    w.link(fact, PROV_WAS_DERIVED_FROM, report_iri);
}

fn evidence(w: &mut Writer, fact: &str, evidence: &Evidence, report: &Report) {
    // The fact names its report already (prov:wasDerivedFrom) and the
    // ontology types the node by ng:evidence's range: only what is its own.
    let node = iri::evidence(fact);
    w.link(fact, HAS_EVIDENCE, &node);
    w.text(&node, PROV_VALUE, evidence.sentence.slice(&report.text));
    w.integer(&node, START_OFFSET, evidence.span.start);
    w.integer(&node, END_OFFSET, evidence.span.end);
}

/// Mention spans as stored: `start-end` byte offsets into the report's text,
/// separated by spaces, in text order.
fn format_spans(spans: impl Iterator<Item = crate::model::Span>) -> String {
    let mut spans: Vec<crate::model::Span> = spans.collect();
    spans.sort();
    spans.iter().map(|s| format!("{}-{}", s.start, s.end)).collect::<Vec<_>>().join(" ")
}

/// The spans of a stored `ng:mentionSpans` literal (malformed parts are skipped).
pub fn mention_spans(value: &str) -> Vec<crate::model::Span> {
    value
        .split(' ')
        .filter_map(|part| {
            let (start, end) = part.split_once('-')?;
            Some(crate::model::Span::new(start.parse().ok()?, end.parse().ok()?))
        })
        .collect()
}

/// The shared graph of canonical entities: type, labels, aliases, country,
/// external ids, substance hierarchy, and why each local key was linked.
pub fn entity_quads<'l>(
    linking: &'l Linking,
    entities: impl Iterator<Item = &'l LinkedEntity>,
    report_counts: &dyn Fn(&EntityKey) -> usize,
    stated_parents: &[(String, String)],
    gazetteers: &Gazetteers,
) -> Vec<Quad> {
    let mut w = Writer::new(&iri::entities_graph());
    let centres = Centres::new(gazetteers);
    // Parents the reports state (canonical IRIs) of the entities written,
    // and the lexicon's below: each pair once.
    let mut parents: std::collections::BTreeSet<(String, String)> = std::collections::BTreeSet::new();
    let mut written: std::collections::HashSet<String> = std::collections::HashSet::new();
    for entity in entities {
        let subject = iri::entity(&entity.key);
        written.insert(subject.clone());
        w.link(&subject, RDF_TYPE, ENTITY);
        w.link(&subject, RDF_TYPE, class_of(entity.kind));
        if entity.kind.is_place() {
            w.link(&subject, RDF_TYPE, PLACE);
        }
        w.text(&subject, ENTITY_TYPE, entity.kind.as_str());
        w.english(&subject, RDFS_LABEL, &entity.label);
        // A substance's SKOS labels, scheme and hierarchy are the vocabulary
        // graph's; repeating them here would count each concept twice over
        // the default graph.
        let concept = match &entity.key {
            EntityKey::Substance(id) => gazetteers.substance(id),
            _ => None,
        };
        if concept.is_none() {
            w.english(&subject, SKOS_PREF_LABEL, &entity.label);
        }
        for alias in &entity.aliases {
            if concept.is_none_or(|c| !c.names.contains(alias) && !c.street.contains(alias) && c.label != *alias) {
                w.english(&subject, SKOS_ALT_LABEL, alias);
            }
        }
        // Every name the entity goes by, case-folded once each: a typed
        // name is then an index lookup, not a comparison with every label.
        let concept_names =
            concept.into_iter().flat_map(|c| std::iter::once(&c.label).chain(&c.names).chain(&c.street));
        let keys: std::collections::BTreeSet<String> = std::iter::once(&entity.label)
            .chain(&entity.aliases)
            .chain(concept_names)
            .map(|name| crate::slug::name_key(name))
            .collect();
        for key in &keys {
            w.text(&subject, NAME_KEY, key);
        }
        w.integer(&subject, REPORT_COUNT, report_counts(&entity.key));
        // The centre of a place, for the geography of channels (detours).
        if let Some(at) = centres.of(&entity.key) {
            w.decimal(&subject, GEO_LAT, at.latitude);
            w.decimal(&subject, GEO_LONG, at.longitude);
        }
        if let Some(country) = &entity.country {
            match entity.kind {
                EntityKind::Country => w.text(&subject, COUNTRY_CODE, country),
                _ => w.link(&subject, IN_COUNTRY, &iri::entity(&EntityKey::Country(country.clone()))),
            }
        }
        for external in external_ids(&entity.key, gazetteers) {
            match external {
                ExternalId::GeoNames(id) => w.link(&subject, OWL_SAME_AS, &iri::geonames(id)),
                ExternalId::Wikidata(item) if concept.is_none_or(|c| c.wikidata.as_ref() != Some(&item)) => {
                    w.link(&subject, SKOS_EXACT_MATCH, &iri::wikidata(&item))
                }
                ExternalId::Wikidata(_) => {}
            }
        }
        if let EntityKey::Agency { slug, .. } = &entity.key
            && let Some(parent) =
                gazetteers.agency(slug).and_then(|a| a.parent.as_deref()).and_then(|p| gazetteers.agency(p))
        {
            let parent_key = EntityKey::Agency { slug: parent.id.clone(), country: parent.country.clone() };
            parents.insert((subject.clone(), iri::entity(&parent_key)));
        }
        for member in &entity.members {
            let Some(membership) = linking.membership(member) else { continue };
            let node = iri::link(member);
            w.link(&subject, HAS_LINK, &node);
            w.link(&node, RDF_TYPE, LINK);
            w.text(&node, LINKED_KEY, &member.to_path());
            w.text(&node, LINK_RULE, membership.rule.as_str());
            w.text(&node, MATCHED_WITH, &membership.matched_with.to_path());
            w.decimal(&node, LINK_SCORE, (membership.score * 1000.0).round() / 1000.0);
        }
    }
    parents.extend(stated_parents.iter().filter(|(child, _)| written.contains(child)).cloned());
    for (child, parent) in &parents {
        w.link(child, ORG_SUB_ORGANIZATION_OF, parent);
    }
    w.quads
}

/// The substance vocabulary as a SKOS concept scheme: every concept with its
/// labels and broader concept, so hierarchical questions ("origins of opiates")
/// work whether or not a report names the broader concept itself.
pub fn vocabulary_quads(gazetteers: &Gazetteers) -> Vec<Quad> {
    // The scheme itself (ng:substances a skos:ConceptScheme) is declared in the ontology graph.
    let mut w = Writer::new(&iri::vocabulary_graph());
    for substance in &gazetteers.substances {
        let subject = iri::entity(&EntityKey::Substance(substance.id.clone()));
        w.link(&subject, RDF_TYPE, SKOS_CONCEPT);
        w.link(&subject, SKOS_IN_SCHEME, SUBSTANCE_SCHEME);
        w.english(&subject, SKOS_PREF_LABEL, &substance.label);
        for name in substance.names.iter().chain(&substance.street) {
            w.english(&subject, SKOS_ALT_LABEL, name);
        }
        if let Some(broader) = &substance.broader {
            w.link(&subject, SKOS_BROADER, &iri::entity(&EntityKey::Substance(broader.clone())));
        }
        if let Some(item) = &substance.wikidata {
            w.link(&subject, SKOS_EXACT_MATCH, &iri::wikidata(item));
        }
    }
    w.quads
}

/// The centres of the gazetteers' places by key, looked up once per entity.
struct Centres<'g> {
    gazetteers: &'g Gazetteers,
    cities: HashMap<u32, Coordinates>,
    regions: HashMap<&'g str, Coordinates>,
}

impl<'g> Centres<'g> {
    fn new(gazetteers: &'g Gazetteers) -> Centres<'g> {
        let cities = gazetteers.cities.iter().filter_map(|c| Some((c.geonames_id, c.coordinates?))).collect();
        let regions = gazetteers.regions.iter().filter_map(|r| Some((r.id.as_str(), r.coordinates?))).collect();
        Centres { gazetteers, cities, regions }
    }

    fn of(&self, key: &EntityKey) -> Option<Coordinates> {
        match key {
            EntityKey::Country(code) => self.gazetteers.country(code).and_then(|c| c.coordinates),
            EntityKey::City(id) => self.cities.get(id).copied(),
            EntityKey::Region(id) => self.regions.get(id.as_str()).copied(),
            _ => None,
        }
    }
}

/// The aggregates graph: each entity-graph edge once, with its reports,
/// counts, dates, substances and each report's seizure on a route leg.
pub fn aggregate_quads(edges: &[crate::model::AggregateEdge]) -> Vec<Quad> {
    let mut w = Writer::new(&iri::aggregates_graph());
    for edge in edges {
        let subject = iri::aggregate_edge(&edge.from, &edge.to, &edge.relation);
        w.link(&subject, RDF_TYPE, AGGREGATE_EDGE);
        w.link(&subject, AGG_FROM, &edge.from);
        w.link(&subject, AGG_TO, &edge.to);
        w.text(&subject, RELATION, &edge.relation);
        w.integer(&subject, REPORT_COUNT, edge.reports.len());
        w.integer(&subject, SOURCE_COUNT, edge.sources);
        for report in &edge.reports {
            w.link(&subject, SUPPORTED_BY, report);
        }
        // The same, packed: a view of every route reads one value per edge,
        // not a row per edge and report (10 s at 100,000 reports).
        if !edge.reports.is_empty() {
            w.text(&subject, REPORT_DATES, &pack_reports(&edge.reports, &edge.report_dates));
        }
        if !edge.seized.is_empty() {
            w.text(&subject, LEG_SEIZURES, &pack_seized(&edge.seized));
        }
        for substance in &edge.substances {
            w.text(&subject, SUBSTANCE_LABEL, substance);
        }
        if edge.kilograms > 0.0 {
            w.decimal(&subject, TOTAL_KG, edge.kilograms);
        }
        if !edge.parts.is_empty() || edge.standing {
            w.text(&subject, REPORT_PARTS, &pack_parts(&edge.parts, edge.standing));
        }
        for (report, substance, kg) in &edge.seized {
            let seizure = iri::leg_seizure(&subject, report, substance);
            w.link(&subject, LEG_SEIZURE, &seizure);
            // Own terms, not prov:wasDerivedFrom / ng:minKg: a query over
            // events must never count these summaries as seizures.
            w.link(&seizure, SUPPORTED_BY, report);
            w.text(&seizure, SUBSTANCE_LABEL, substance);
            w.decimal(&seizure, TOTAL_KG, *kg);
        }
        if let Some(date) = &edge.first_date {
            w.date(&subject, FIRST_DATE, date);
        }
        if let Some(date) = &edge.last_date {
            w.date(&subject, LAST_DATE, date);
        }
    }
    w.quads
}

/// An edge's reports and dates as `ng:reportDates` holds them: report ids
/// separated by spaces, each followed by `@` and its date when dated. A
/// report IRI that is not a report's (none is) is left out.
pub fn pack_reports(reports: &[String], dates: &[Option<String>]) -> String {
    let mut out = String::with_capacity(reports.len() * 44);
    for (index, report) in reports.iter().enumerate() {
        let Some(id) = iri::report_id(report) else { continue };
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(id.as_str());
        if let Some(date) = dates.get(index).and_then(Option::as_deref) {
            out.push('@');
            out.push_str(date);
        }
    }
    out
}

/// The (report IRI, date) pairs of a packed `ng:reportDates` literal.
pub fn unpack_reports(packed: &str) -> Vec<(String, Option<String>)> {
    packed
        .split(' ')
        .filter_map(|entry| {
            let (id, date) = match entry.split_once('@') {
                Some((id, date)) => (id, Some(date.to_owned())),
                None => (entry, None),
            };
            Some((iri::report(&crate::model::ReportId::parse(id)?), date))
        })
        .collect()
}

/// An edge's leg seizures as `ng:legSeizures` holds them: one line each,
/// report id, substance label and kilograms separated by tabs.
pub fn pack_seized(seized: &[(String, String, f64)]) -> String {
    pack_seized_with(seized, '\t', '\n')
}

/// Leg seizures packed with these separators between a seizure's fields and
/// between seizures (a route row, whose own fields are tabs and lines, uses
/// other characters).
pub fn pack_seized_with(seized: &[(String, String, f64)], field: char, between: char) -> String {
    seized
        .iter()
        .filter_map(|(report, substance, kg)| {
            Some(format!("{}{field}{substance}{field}{kg}", iri::report_id(report)?.as_str()))
        })
        .collect::<Vec<_>>()
        .join(&between.to_string())
}

/// An edge's parts as `ng:reportParts` holds them: a line per report, its
/// id, kilograms and route substances (separated by U+001F) between tabs,
/// and a line `-` when the edge also stands without a report.
pub fn pack_parts(parts: &[crate::model::EdgePart], standing: bool) -> String {
    let mut lines: Vec<String> = parts
        .iter()
        .filter_map(|part| {
            let id = iri::report_id(&part.report)?;
            Some(format!("{}\t{}\t{}", id.as_str(), part.kilograms, part.substances.join("\u{1f}")))
        })
        .collect();
    if standing {
        lines.push("-".to_owned());
    }
    lines.join("\n")
}

/// The parts, and whether the edge stands without a report, of a packed
/// `ng:reportParts` literal.
pub fn unpack_parts(packed: &str) -> (Vec<crate::model::EdgePart>, bool) {
    let mut standing = false;
    let mut parts = Vec::new();
    for line in packed.lines() {
        if line == "-" {
            standing = true;
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(id), Some(kg), Some(substances)) = (fields.next(), fields.next(), fields.next()) else { continue };
        let (Some(id), Ok(kilograms)) = (crate::model::ReportId::parse(id), kg.parse()) else { continue };
        let substances = substances.split('\u{1f}').filter(|s| !s.is_empty()).map(str::to_owned).collect();
        parts.push(crate::model::EdgePart { report: iri::report(&id), kilograms, substances });
    }
    (parts, standing)
}

/// The (report IRI, substance label, kilograms) of a packed `ng:legSeizures` literal.
pub fn unpack_seized(packed: &str) -> Vec<(String, String, f64)> {
    unpack_seized_with(packed, '\t', '\n')
}

/// Leg seizures packed by [`pack_seized_with`] with these separators; an
/// entry not in that shape is left out.
pub fn unpack_seized_with(packed: &str, field: char, between: char) -> Vec<(String, String, f64)> {
    packed
        .split(between)
        .filter_map(|entry| {
            let mut parts = entry.split(field);
            let id = crate::model::ReportId::parse(parts.next()?)?;
            let substance = parts.next()?.to_owned();
            let kg = parts.next()?.parse().ok()?;
            Some((iri::report(&id), substance, kg))
        })
        .collect()
}

/// Near-duplicate reports, in the entities graph: each copy `ng:sameStoryAs`
/// its story's first report.
pub fn story_quads(stories: &std::collections::BTreeMap<String, String>) -> Vec<Quad> {
    let mut w = Writer::new(&iri::entities_graph());
    for (copy, first) in stories {
        w.link(copy, SAME_STORY_AS, first);
    }
    w.quads
}

/// GeoNames and Wikidata ids the gazetteers know for a key.
pub fn external_ids(key: &EntityKey, gazetteers: &Gazetteers) -> Vec<ExternalId> {
    let mut out = Vec::new();
    match key {
        EntityKey::Country(code) => {
            if let Some(country) = gazetteers.country(code) {
                out.extend(country.geonames_id.map(ExternalId::GeoNames));
                out.extend(country.wikidata.clone().map(ExternalId::Wikidata));
            }
        }
        EntityKey::City(id) => out.push(ExternalId::GeoNames(*id)),
        EntityKey::Substance(id) => {
            out.extend(gazetteers.substance(id).and_then(|s| s.wikidata.clone()).map(ExternalId::Wikidata));
        }
        EntityKey::Agency { slug, .. } => {
            out.extend(gazetteers.agency(slug).and_then(|a| a.wikidata.clone()).map(ExternalId::Wikidata));
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ReportId, Span};

    #[test]
    fn packed_literals_read_back_as_written() {
        let (a, b) = (iri::report(&ReportId::from_text("one")), iri::report(&ReportId::from_text("two")));
        let reports = vec![a.clone(), b.clone(), "https://example.org/not-a-report".to_owned()];
        let dates = vec![Some("2024-05-01".to_owned()), None, None];
        assert_eq!(
            unpack_reports(&pack_reports(&reports, &dates)),
            vec![(a.clone(), dates[0].clone()), (b.clone(), None)]
        );
        let seized = vec![(a.clone(), "psychotropic substances".to_owned(), 1.5), (b, "heroin".to_owned(), 12.0)];
        assert_eq!(unpack_seized(&pack_seized(&seized)), seized);
        let spans = [Span::new(40, 49), Span::new(3, 12)];
        assert_eq!(format_spans(spans.into_iter()), "3-12 40-49");
        assert_eq!(mention_spans("3-12 40-49 x-1"), vec![Span::new(3, 12), Span::new(40, 49)]);
    }
}
