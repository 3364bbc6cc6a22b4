//! The data model shared by every layer: reports, spans, entities and facts.
//!
//! Nothing here does I/O or knows about RDF; the types are plain data that the
//! extractor produces, the linker annotates and the `rdf` layer turns into quads.

mod report;

pub use report::{Report, ReportId, ReportMetadata};

use serde::Serialize;
use std::fmt;

/// A half-open byte range `[start, end)` into a report's text.
///
/// Spans are always byte offsets on `char` boundaries of the text they were
/// taken from, so `&text[span.start..span.end]` never panics for a span built
/// by the extractor; use [`Span::slice`] to be safe anyway.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; an inverted range is clamped to empty.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end: end.max(start) }
    }

    /// The text this span covers, or `""` when it does not fit `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// The entity types of the annotation guideline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum EntityKind {
    /// A sovereign country.
    Country,
    /// A city, town or village.
    City,
    /// Any other named place: provinces, seas, borders, supranational regions.
    Region,
    /// A public body: ministry, police force, court, international organisation.
    Agency,
    /// A named person acting in an official role.
    Official,
    /// Any other named person: suspects, defendants, couriers.
    Person,
    /// A named criminal organisation.
    CriminalGroup,
    /// A drug, drug class or precursor.
    Substance,
}

impl EntityKind {
    /// Every kind, in the order reports list them.
    pub const ALL: [EntityKind; 8] = [
        EntityKind::Country,
        EntityKind::City,
        EntityKind::Region,
        EntityKind::Agency,
        EntityKind::Official,
        EntityKind::Person,
        EntityKind::CriminalGroup,
        EntityKind::Substance,
    ];

    /// The name used in the `extract` contract and in the ontology.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Country => "Country",
            EntityKind::City => "City",
            EntityKind::Region => "Region",
            EntityKind::Agency => "Agency",
            EntityKind::Official => "Official",
            EntityKind::Person => "Person",
            EntityKind::CriminalGroup => "CriminalGroup",
            EntityKind::Substance => "Substance",
        }
    }

    /// Parses a kind name, ignoring ASCII case.
    pub fn parse(name: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|kind| kind.as_str().eq_ignore_ascii_case(name))
    }

    /// True for the kinds that are places (countries, cities, regions).
    pub fn is_place(self) -> bool {
        matches!(self, EntityKind::Country | EntityKind::City | EntityKind::Region)
    }

    /// True for people, whatever their role.
    pub fn is_person(self) -> bool {
        matches!(self, EntityKind::Official | EntityKind::Person)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_through_paths() {
        let keys = [
            EntityKey::Country("KZ".to_owned()),
            EntityKey::City(1526384),
            EntityKey::Region("KG-Y".to_owned()),
            EntityKey::Substance("cocaine".to_owned()),
            EntityKey::Agency { slug: "kz-mvd".to_owned(), country: Some("KZ".to_owned()) },
            EntityKey::Agency { slug: "unodc".to_owned(), country: None },
            EntityKey::Person("bakhytzhan-amirkhanov".to_owned()),
            EntityKey::CriminalGroup("sinaloa-cartel".to_owned()),
        ];
        for key in keys {
            assert_eq!(EntityKey::from_path(&key.to_path()), Some(key));
        }
        assert_eq!(EntityKey::from_path("planet/mars"), None);
        assert_eq!(EntityKey::from_path("city/notanumber"), None);
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What identifies an entity before cross-report linking.
///
/// Gazetteer entities carry their gazetteer id; the others carry a normalised
/// name (and, for agencies, a country), which the linker may later merge.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum EntityKey {
    /// ISO 3166-1 alpha-2 code.
    Country(String),
    /// GeoNames id.
    City(u32),
    /// Gazetteer id ("KG-Y", "caspian-sea") or a slug for pattern-found places.
    Region(String),
    /// Substance vocabulary id.
    Substance(String),
    /// Agency: lexicon id, or a slug of the normalised name, with a country code when known.
    Agency {
        /// Lexicon id or slug.
        slug: String,
        /// ISO code of the agency's country, when known.
        country: Option<String>,
    },
    /// Official or person: a slug of the normalised full name.
    Person(String),
    /// Criminal group: lexicon id or slug.
    CriminalGroup(String),
}

impl EntityKey {
    /// A stable, sortable text form, used in diagnostics and explanations.
    pub fn to_path(&self) -> String {
        match self {
            EntityKey::Country(code) => format!("country/{code}"),
            EntityKey::City(id) => format!("city/{id}"),
            EntityKey::Region(id) => format!("region/{id}"),
            EntityKey::Substance(id) => format!("substance/{id}"),
            EntityKey::Agency { slug, country: Some(country) } => {
                format!("agency/{}/{slug}", country.to_ascii_lowercase())
            }
            EntityKey::Agency { slug, country: None } => format!("agency/{slug}"),
            EntityKey::Person(slug) => format!("person/{slug}"),
            EntityKey::CriminalGroup(slug) => format!("group/{slug}"),
        }
    }

    /// Reads a key back from [`EntityKey::to_path`]; `None` when it is not one.
    pub fn from_path(path: &str) -> Option<EntityKey> {
        let mut parts = path.split('/');
        let kind = parts.next()?;
        let first = parts.next()?.to_owned();
        let second = parts.next().map(str::to_owned);
        if parts.next().is_some() || first.is_empty() {
            return None;
        }
        Some(match (kind, second) {
            ("country", None) => EntityKey::Country(first),
            ("city", None) => EntityKey::City(first.parse().ok()?),
            ("region", None) => EntityKey::Region(first),
            ("substance", None) => EntityKey::Substance(first),
            ("agency", None) => EntityKey::Agency { slug: first, country: None },
            ("agency", Some(slug)) => EntityKey::Agency { slug, country: Some(first.to_ascii_uppercase()) },
            ("person", None) => EntityKey::Person(first),
            ("group", None) => EntityKey::CriminalGroup(first),
            _ => return None,
        })
    }
}

/// One occurrence of an entity in a report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Where it occurs.
    pub span: Span,
    /// The text as written.
    pub text: String,
}

/// An identifier in another dataset.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ExternalId {
    /// A GeoNames feature id.
    GeoNames(u32),
    /// A Wikidata item, such as `Q232`.
    Wikidata(String),
}

/// An entity found in one report, with all its mentions there.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entity {
    /// Its type.
    pub kind: EntityKind,
    /// What identifies it before linking.
    pub key: EntityKey,
    /// Canonical English label.
    pub label: String,
    /// Other names the report uses for it, sorted.
    pub aliases: Vec<String>,
    /// Country the entity belongs to (a city's or agency's country), ISO code.
    pub country: Option<String>,
    /// Parent entity in the same report (a sub-unit's agency), by index.
    pub parent: Option<usize>,
    /// Role or title of a person ("Special Agent in Charge"), when stated.
    pub role: Option<String>,
    /// Broader concept, for substances (`cannabis` for `hashish`).
    pub broader: Option<String>,
    /// Identifiers in GeoNames or Wikidata.
    pub external_ids: Vec<ExternalId>,
    /// Occurrences in the report, sorted by position.
    pub mentions: Vec<Mention>,
}

/// Index of an entity in [`Extraction::entities`].
pub type EntityIndex = usize;

/// Where a fact was stated: the sentence and the part of it that says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The words that state the fact (a clause, or the whole sentence).
    pub span: Span,
    /// The sentence around it.
    pub sentence: Span,
}

/// A movement of substances between places.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Route {
    /// Where it starts.
    pub origin: EntityIndex,
    /// Where it ends.
    pub destination: EntityIndex,
    /// Named transit places, in order.
    pub via: Vec<EntityIndex>,
    /// Substances moved.
    pub substances: Vec<EntityIndex>,
    /// How the drugs were hidden ("coffee capsules").
    pub concealment: Option<String>,
    /// How they travelled ("parcel", "truck").
    pub conveyance: Option<String>,
    /// Where the report says it.
    pub evidence: Evidence,
}

/// An amount of a substance, normalised to kilograms where it is a weight.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quantity {
    /// Lower bound in kilograms (exact amounts have `min_kg == max_kg`).
    pub min_kg: Option<f64>,
    /// Upper bound in kilograms; `None` for "more than" amounts.
    pub max_kg: Option<f64>,
    /// A count of units for pills, doses, tablets.
    pub count: Option<f64>,
    /// The unit counted ("doses", "pills").
    pub count_unit: Option<String>,
    /// The text as written.
    pub text: String,
    /// Where it is written.
    pub span: Span,
}

/// A seizure of substances.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Seizure {
    /// Substances seized.
    pub substances: Vec<EntityIndex>,
    /// How much, when stated.
    pub quantity: Option<Quantity>,
    /// Where, when stated.
    pub location: Option<EntityIndex>,
    /// Who seized it, when stated.
    pub agency: Option<EntityIndex>,
    /// When, as an ISO date or partial date, when stated.
    pub date: Option<String>,
    /// Where the report says it.
    pub evidence: Evidence,
}

/// An arrest, detention or extradition.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Arrest {
    /// Named people arrested.
    pub persons: Vec<EntityIndex>,
    /// Number of people, when stated as a number.
    pub count: Option<u32>,
    /// Who made the arrest.
    pub agency: Option<EntityIndex>,
    /// Where.
    pub location: Option<EntityIndex>,
    /// When.
    pub date: Option<String>,
    /// Where the report says it.
    pub evidence: Evidence,
}

/// Agencies or countries working together.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cooperation {
    /// The parties, agencies or countries.
    pub parties: Vec<EntityIndex>,
    /// Where the report says it.
    pub evidence: Evidence,
}

/// A date written in the text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DateMention {
    /// ISO form: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub value: String,
    /// Where it is written.
    pub span: Span,
}

/// The language a report is written in, as detected, and whether the
/// extractor has rules for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Language {
    /// ISO 639-3 code (`eng`, `rus`) when the detection was reliable (or,
    /// for a short text, written in the Russian alphabet alone: `rus`).
    pub code: Option<String>,
    /// Whether the language-specific rules (names, phrasing of routes,
    /// quantities, dates) were applied. Without them a report keeps its text
    /// and sentences only: rules written for English read capitalised words
    /// of another language as names.
    pub has_rules: bool,
}

impl Default for Language {
    /// English, the language the rules are written for.
    fn default() -> Self {
        Language { code: None, has_rules: true }
    }
}

/// Everything extracted from one report.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Extraction {
    /// The report's language.
    pub language: Language,
    /// Entities, each once, sorted by kind then label.
    pub entities: Vec<Entity>,
    /// Trafficking routes.
    pub routes: Vec<Route>,
    /// Seizures.
    pub seizures: Vec<Seizure>,
    /// Arrests.
    pub arrests: Vec<Arrest>,
    /// Cooperation between agencies or countries.
    pub cooperations: Vec<Cooperation>,
    /// Dates named in the text.
    pub dates: Vec<DateMention>,
    /// Sentence boundaries.
    pub sentences: Vec<Span>,
}

impl Extraction {
    /// Number of facts (routes, seizures, arrests, cooperations).
    pub fn fact_count(&self) -> usize {
        self.routes.len() + self.seizures.len() + self.arrests.len() + self.cooperations.len()
    }

    /// Checks what every extraction of `text` must hold, whatever the text:
    /// spans inside it and on character boundaries, mention texts equal to
    /// what their spans cover, every entity reference in range. The fuzz
    /// targets and the property tests call it; an error names the first breach.
    pub fn validate(&self, text: &str) -> Result<(), String> {
        let span_ok =
            |span: Span| span.end <= text.len() && text.is_char_boundary(span.start) && text.is_char_boundary(span.end);
        let entity_ok = |index: EntityIndex| index < self.entities.len();
        for entity in &self.entities {
            if entity.label.trim().is_empty() {
                return Err(format!("an entity of type {} has an empty label", entity.kind.as_str()));
            }
            if entity.parent.is_some_and(|p| !entity_ok(p)) {
                return Err(format!("{}: parent out of range", entity.label));
            }
            for mention in &entity.mentions {
                if !span_ok(mention.span) || mention.span.slice(text) != mention.text {
                    return Err(format!(
                        "{}: mention {:?} is not the text at {:?}",
                        entity.label, mention.text, mention.span
                    ));
                }
            }
        }
        let mut evidence: Vec<Span> = Vec::new();
        for route in &self.routes {
            let places = [route.origin, route.destination].into_iter().chain(route.via.iter().copied());
            if !places.chain(route.substances.iter().copied()).all(entity_ok) {
                return Err("a route names an entity out of range".to_owned());
            }
            evidence.extend([route.evidence.span, route.evidence.sentence]);
        }
        for seizure in &self.seizures {
            let named = seizure.substances.iter().copied().chain(seizure.location).chain(seizure.agency);
            if !named.into_iter().all(entity_ok) {
                return Err("a seizure names an entity out of range".to_owned());
            }
            evidence.extend([seizure.evidence.span, seizure.evidence.sentence]);
            evidence.extend(seizure.quantity.as_ref().map(|q| q.span));
        }
        for arrest in &self.arrests {
            if !arrest.persons.iter().copied().chain(arrest.agency).chain(arrest.location).all(entity_ok) {
                return Err("an arrest names an entity out of range".to_owned());
            }
            evidence.extend([arrest.evidence.span, arrest.evidence.sentence]);
        }
        for cooperation in &self.cooperations {
            if !cooperation.parties.iter().copied().all(entity_ok) {
                return Err("a cooperation names an entity out of range".to_owned());
            }
            evidence.extend([cooperation.evidence.span, cooperation.evidence.sentence]);
        }
        evidence.extend(self.dates.iter().map(|d| d.span));
        evidence.extend(self.sentences.iter().copied());
        match evidence.into_iter().find(|span| !span_ok(*span)) {
            Some(span) => Err(format!("span {span:?} is outside the text or inside a character")),
            None => Ok(()),
        }
    }
}

/// One edge of the entity graph as the aggregates graph keeps it: a relation
/// between two entities with every report that states it, so that views read
/// one row per edge and report instead of joining every event.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AggregateEdge {
    /// Source entity IRI.
    pub from: String,
    /// Target entity IRI.
    pub to: String,
    /// The relation's name (`route`, `seized`, `cooperates with`...).
    pub relation: String,
    /// IRIs of the reports that state it.
    pub reports: Vec<String>,
    /// The date of each report, in the order of `reports`.
    pub report_dates: Vec<Option<String>>,
    /// Independent sources among them (copies of one story once).
    pub sources: usize,
    /// Substance labels involved.
    pub substances: Vec<String>,
    /// Kilograms for single-substance edges (seized, seized in).
    pub kilograms: f64,
    /// Route legs: (report IRI, substance label, kilograms seized).
    pub seized: Vec<(String, String, f64)>,
    /// Earliest report date.
    pub first_date: Option<String>,
    /// Latest report date.
    pub last_date: Option<String>,
    /// What each report adds, in the order of `reports`: what the edge is a
    /// sum of, so that a load can take a report's part away or add one.
    pub parts: Vec<EdgePart>,
    /// True when the entities graph states it without a report (a place's
    /// country, the lexicon's parent of an agency).
    pub standing: bool,
}

impl AggregateEdge {
    /// Takes in the reports of another part-sum of the same edge (other
    /// reports' parts, leg seizures and dates); totals are summed apart
    /// ([`AggregateEdge::assemble`]).
    pub fn absorb(&mut self, other: AggregateEdge) {
        self.reports.extend(other.reports);
        self.report_dates.extend(other.report_dates);
        self.parts.extend(other.parts);
        self.seized.extend(other.seized);
    }

    /// Sets the edge's reports, and everything summed over them, from its
    /// parts, the reports' dates and its leg seizures: the edge a load
    /// updates from stored parts equals the one built from every event.
    /// Sources are counted apart ([`AggregateEdge::count_sources`]).
    pub fn assemble(
        &mut self,
        mut parts: Vec<EdgePart>,
        dates: &std::collections::HashMap<String, Option<String>>,
        mut seized: Vec<(String, String, f64)>,
    ) {
        parts.sort_by(|a, b| a.report.cmp(&b.report));
        parts.dedup_by(|a, b| a.report == b.report);
        let mut substances = std::collections::BTreeSet::new();
        for part in &mut parts {
            part.substances.sort();
            part.substances.dedup();
            substances.extend(part.substances.iter().cloned());
        }
        self.reports = parts.iter().map(|p| p.report.clone()).collect();
        self.report_dates = self.reports.iter().map(|r| dates.get(r).cloned().flatten()).collect();
        self.substances = substances.into_iter().collect();
        // In report order, as the view sums them.
        self.kilograms = parts.iter().fold(0.0, |sum, part| sum + part.kilograms);
        seized.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        seized.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        self.seized = seized;
        self.first_date = self.report_dates.iter().flatten().min().cloned();
        self.last_date = self.report_dates.iter().flatten().max().cloned();
        self.parts = parts;
    }

    /// Counts the independent sources among the reports: copies of one
    /// story (`stories`: copy -> the story's first report) once.
    pub fn count_sources(&mut self, stories: &std::collections::BTreeMap<String, String>) {
        let roots: std::collections::BTreeSet<&String> =
            self.reports.iter().map(|r| stories.get(r).unwrap_or(r)).collect();
        self.sources = roots.len();
    }
}

/// One report's part of an [`AggregateEdge`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EdgePart {
    /// The report's IRI.
    pub report: String,
    /// Kilograms it states (seized, seized in): the largest of its seizures
    /// on this edge, so that one seizure written twice counts once.
    pub kilograms: f64,
    /// Substance labels its routes name (route legs).
    pub substances: Vec<String>,
}
