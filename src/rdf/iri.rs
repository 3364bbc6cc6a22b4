//! Minting IRIs: the one place that decides what every narcograph IRI looks like.
//!
//! Entity IRIs are functions of the canonical entity key only (a gazetteer id,
//! or a normalised name plus type and, for agencies, country), so extraction
//! can run anywhere and the results merge without coordination.

use super::vocab::{BASE, GEONAMES, WIKIDATA};
use crate::model::{EntityKey, ReportId};

/// The IRI of an entity.
pub fn entity(key: &EntityKey) -> String {
    format!("{BASE}id/{}", key.to_path())
}

/// The entity key an entity IRI was minted from.
pub fn entity_key(iri: &str) -> Option<EntityKey> {
    EntityKey::from_path(iri.strip_prefix(BASE)?.strip_prefix("id/")?)
}

/// The IRI of a language from its ISO 639-3 code (Lexvo's), the object of a
/// report's `dcterms:language`. Codes are three lowercase letters; anything
/// else is percent-encoded so the IRI stays valid.
pub fn language(code: &str) -> String {
    let mut iri = String::from(super::vocab::LEXVO_ISO639_3);
    for byte in code.bytes() {
        if byte.is_ascii_alphanumeric() {
            iri.push(char::from(byte));
        } else {
            iri.push_str(&format!("%{byte:02X}"));
        }
    }
    iri
}

/// The IRI of a report.
pub fn report(id: &ReportId) -> String {
    format!("{BASE}report/{id}")
}

/// The report id in a report IRI or report graph IRI.
pub fn report_id(iri: &str) -> Option<ReportId> {
    let rest = iri.strip_prefix(BASE)?;
    let id = rest.strip_prefix("report/").or_else(|| rest.strip_prefix("graph/report/"))?;
    ReportId::parse(id.split('/').next()?)
}

/// The named graph holding one report's facts.
pub fn report_graph(id: &ReportId) -> String {
    format!("{BASE}graph/report/{id}")
}

/// What a fact is, in its IRI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactKind {
    /// A route.
    Route,
    /// A seizure.
    Seizure,
    /// An arrest.
    Arrest,
    /// A cooperation.
    Cooperation,
    /// What the report says about one entity before linking.
    LocalEntity,
}

impl FactKind {
    fn segment(self) -> &'static str {
        match self {
            FactKind::Route => "route",
            FactKind::Seizure => "seizure",
            FactKind::Arrest => "arrest",
            FactKind::Cooperation => "cooperation",
            FactKind::LocalEntity => "entity",
        }
    }
}

/// The IRI of the `index`-th fact of a kind in a report.
pub fn fact(id: &ReportId, kind: FactKind, index: usize) -> String {
    format!("{BASE}report/{id}/{}/{index}", kind.segment())
}

/// The IRI of a fact's evidence.
pub fn evidence(fact_iri: &str) -> String {
    format!("{fact_iri}/evidence")
}

/// The IRI of a link explanation node for a local key.
pub fn link(local: &EntityKey) -> String {
    format!("{BASE}link/{}", local.to_path())
}

/// One bucket of the key states the store keeps for linking (in the state graph).
pub fn key_state_bucket(number: u16) -> String {
    format!("{BASE}keystates/{number}")
}

/// The number of a [`key_state_bucket`] IRI.
pub fn key_state_bucket_number(iri: &str) -> Option<u16> {
    iri.strip_prefix(BASE)?.strip_prefix("keystates/")?.parse().ok()
}

/// One bucket of the route rows the aggregates graph keeps (`rdf::routes`).
pub fn route_bucket(number: u16) -> String {
    format!("{BASE}routerows/{number}")
}

/// The number of a [`route_bucket`] IRI.
pub fn route_bucket_number(iri: &str) -> Option<u16> {
    iri.strip_prefix(BASE)?.strip_prefix("routerows/")?.parse().ok()
}

/// The graph of canonical entities and their links.
pub fn entities_graph() -> String {
    format!("{BASE}graph/entities")
}

/// The graph of aggregates kept at load time (the entity graph's edges).
pub fn aggregates_graph() -> String {
    format!("{BASE}graph/aggregates")
}

/// An aggregate edge: one per source, target and relation.
pub fn aggregate_edge(from: &str, to: &str, relation: &str) -> String {
    let digest = blake3::hash(format!("{from}\u{1f}{to}\u{1f}{relation}").as_bytes());
    format!("{BASE}aggregate/{}", &digest.to_hex()[..32])
}

/// What a report seized of a substance on a route leg, under the leg's
/// aggregate edge: named by the report and substance, so that a load adding
/// or removing a report touches only its own.
pub fn leg_seizure(edge: &str, report: &str, substance: &str) -> String {
    let digest = blake3::hash(format!("{report}\u{1f}{substance}").as_bytes());
    format!("{edge}/seized/{}", &digest.to_hex()[..16])
}

/// The graph holding the ontology.
pub fn ontology_graph() -> String {
    format!("{BASE}graph/ontology")
}

/// The graph of the substance vocabulary (SKOS).
pub fn vocabulary_graph() -> String {
    format!("{BASE}graph/vocabulary")
}

/// The graph of load times, left out of canonical dumps.
pub fn ingestion_graph() -> String {
    format!("{BASE}graph/ingestion")
}

/// The graph of inputs and the reports they hold.
pub fn sources_graph() -> String {
    format!("{BASE}graph/sources")
}

/// An input, by its source key (hashed: keys are paths or ids of any shape).
pub fn source(key: &str) -> String {
    let hash = blake3::hash(key.as_bytes()).to_hex();
    format!("{BASE}source/{}", &hash.as_str()[..32])
}

/// The graph of the store's own bookkeeping (the relink mark), left out of canonical dumps.
pub fn state_graph() -> String {
    format!("{BASE}graph/state")
}

/// The store itself, subject of its bookkeeping.
pub fn store_state() -> String {
    format!("{BASE}store")
}

/// A remote store's push ledger: what `load --endpoint` wrote there. Outside
/// narcograph's own IRIs, so dumps and counts of the remote store leave it out.
pub fn push_ledger_graph() -> String {
    "urn:narcograph:pushed".to_owned()
}

/// The incoming graph that holds the next content of `graph` (with this
/// digest) on a remote store until the push moves it in place.
pub fn incoming_graph(graph: &str, digest: &str) -> String {
    let hash = blake3::hash(format!("{graph}\u{1f}{digest}").as_bytes()).to_hex();
    format!("urn:narcograph:incoming:{}", &hash.as_str()[..32])
}

/// A GeoNames feature.
pub fn geonames(id: u32) -> String {
    format!("{GEONAMES}{id}/")
}

/// A Wikidata item.
pub fn wikidata(item: &str) -> String {
    format!("{WIKIDATA}{item}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_iris_round_trip() {
        let key = EntityKey::Agency { slug: "kz-mvd".to_owned(), country: Some("KZ".to_owned()) };
        let iri = entity(&key);
        assert_eq!(iri, "https://w3id.org/narcograph/id/agency/kz/kz-mvd");
        assert_eq!(entity_key(&iri), Some(key));
    }

    #[test]
    fn language_iris_are_lexvo_iris_and_stay_valid() {
        assert_eq!(language("rus"), "http://lexvo.org/id/iso639-3/rus");
        assert_eq!(language("r s>"), "http://lexvo.org/id/iso639-3/r%20s%3E");
    }

    #[test]
    fn report_ids_are_read_back_from_report_and_graph_iris() {
        let id = ReportId::from_text("x");
        assert_eq!(report_id(&report(&id)), Some(id.clone()));
        assert_eq!(report_id(&report_graph(&id)), Some(id.clone()));
        assert_eq!(report_id(&fact(&id, FactKind::Route, 3)), Some(id));
        assert_eq!(report_id("https://example.org/report/1"), None);
    }
}
