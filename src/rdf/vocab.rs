//! Every IRI of a vocabulary term the code writes or reads, in one place.
//!
//! Terms of narcograph's own ontology (`ng:`) are declared in
//! `ontology/narcograph.ttl`; a test checks that each constant here is.
//! Other vocabularies are reused rather than reinvented: PROV-O for
//! provenance, the Organization ontology for agencies, SKOS for the
//! substance vocabulary, schema.org and Dublin Core for report metadata.

/// narcograph's ontology namespace.
pub const NG: &str = "https://w3id.org/narcograph/ontology#";
/// Base of everything narcograph mints (entities, reports, graphs).
pub const BASE: &str = "https://w3id.org/narcograph/";

/// Declares `ng:` terms: the constant's value is the namespace plus the local name.
macro_rules! ng_terms {
    ($($(#[$doc:meta])* $name:ident = $local:literal;)*) => {
        $( $(#[$doc])* pub const $name: &str = concat!("https://w3id.org/narcograph/ontology#", $local); )*
        /// Every `ng:` term the code uses, for the ontology test.
        pub const NG_TERMS: &[&str] = &[$($name),*];
    };
}

ng_terms! {
    /// Class: a report (news article, press release).
    REPORT = "Report";
    /// Class: anything the reports name.
    ENTITY = "Entity";
    /// Class: a place.
    PLACE = "Place";
    /// Class: a sovereign country.
    COUNTRY = "Country";
    /// Class: a city, town or village.
    CITY = "City";
    /// Class: any other named place.
    REGION = "Region";
    /// Class: a public body.
    AGENCY = "Agency";
    /// Class: a person.
    PERSON = "Person";
    /// Class: a person in an official role.
    OFFICIAL = "Official";
    /// Class: a criminal organisation.
    CRIMINAL_GROUP = "CriminalGroup";
    /// Class: a drug, drug class or precursor (a SKOS concept).
    SUBSTANCE = "Substance";
    /// Class: something that happened, stated in a report.
    EVENT = "Event";
    /// Class: a movement of substances between places.
    TRAFFICKING = "Trafficking";
    /// Class: a seizure.
    SEIZURE = "Seizure";
    /// Class: an arrest.
    ARREST = "Arrest";
    /// Class: agencies or countries working together.
    COOPERATION = "Cooperation";
    /// Where a local entity is written in its report: `start-end` byte
    /// offsets into the report's text, space-separated.
    MENTION_SPANS = "mentionSpans";
    /// Class: what one report says about one entity, before linking.
    LOCAL_ENTITY = "LocalEntity";
    /// Class: why a local entity was linked to its canonical entity.
    LINK = "Link";
    /// The SKOS concept scheme of substances.
    SUBSTANCE_SCHEME = "substances";
    /// Where trafficking starts.
    ORIGIN = "origin";
    /// Where trafficking ends.
    DESTINATION = "destination";
    /// A transit place.
    VIA = "via";
    /// Class: one leg of a route, from one place to the next.
    LEG = "Leg";
    /// A leg of a route.
    HAS_LEG = "leg";
    /// Where a leg starts.
    LEG_FROM = "legFrom";
    /// Where a leg ends.
    LEG_TO = "legTo";
    /// Position of a leg in its route, from 0.
    POSITION = "position";
    /// A substance an event involves.
    SUBSTANCE_PROP = "substance";
    /// How drugs were hidden.
    CONCEALMENT = "concealment";
    /// How drugs travelled.
    CONVEYANCE = "conveyance";
    /// Quantity as written.
    QUANTITY_TEXT = "quantityText";
    /// Lower bound of a quantity in kilograms.
    MIN_KG = "minKg";
    /// Upper bound of a quantity in kilograms.
    MAX_KG = "maxKg";
    /// Count of units (pills, doses).
    UNIT_COUNT = "unitCount";
    /// What is counted.
    COUNT_UNIT = "countUnit";
    /// Where an event happened.
    LOCATION = "location";
    /// The agency acting in an event.
    ACTING_AGENCY = "agency";
    /// When an event happened (ISO date or partial date).
    EVENT_DATE = "eventDate";
    /// A person arrested.
    ARRESTED = "arrested";
    /// Number of people arrested.
    ARREST_COUNT = "arrestCount";
    /// A party to a cooperation.
    PARTY = "party";
    /// Evidence of a fact.
    HAS_EVIDENCE = "evidence";
    /// Byte offset where a span starts.
    START_OFFSET = "startOffset";
    /// Byte offset where a span ends.
    END_OFFSET = "endOffset";
    /// The input path a report was read from.
    SOURCE_PATH = "sourcePath";
    /// What identifies an input across versions (JSON id or path).
    SOURCE_KEY = "sourceKey";
    /// An input (a file, a line of JSON lines, an element of a JSON array) that holds a report.
    SOURCE = "Source";
    /// The report whose text an input holds now.
    HOLDS = "holds";
    /// Set while a load has changed reports and not yet relinked them.
    RELINK_PENDING = "relinkPending";
    /// The number of quads in the store when a load last finished.
    QUAD_COUNT = "quadCount";
    /// In a remote store's push ledger: the digest of a graph as `load --endpoint` last wrote it.
    PUSHED_DIGEST = "pushedDigest";
    /// In a remote store's push ledger: an incoming graph holds the next content of this graph.
    STAGED_FOR = "stagedFor";
    /// A local key's merged records and current link, as JSON, in the state graph.
    KEY_STATE = "keyState";
    /// Set in the state graph when every local key's state is kept there.
    KEY_STATES_KEPT = "keyStatesKept";
    /// The report text offsets refer to.
    TEXT = "text";
    /// Property: a report's story signature (hex MinHash of its word shingles, then its name and number hashes), for near-duplicates.
    STORY_SIGNATURE = "storySignature";
    /// Property: the report copies (republishes or lightly edits) this earlier report's story.
    SAME_STORY_AS = "sameStoryAs";
    /// When a report was loaded.
    INGESTED_AT = "ingestedAt";
    /// The entity a mention or local entity denotes.
    DENOTES = "denotes";
    /// The local key of a local entity.
    LOCAL_KEY = "localKey";
    /// A report an entity is named in.
    MENTIONED_IN = "mentionedIn";
    /// ISO 3166-1 code of a country.
    COUNTRY_CODE = "countryCode";
    /// The country an entity belongs to.
    IN_COUNTRY = "inCountry";
    /// Role or title of an official.
    ROLE = "role";
    /// Name of the linking rule.
    LINK_RULE = "linkRule";
    /// Similarity score of a link.
    LINK_SCORE = "linkScore";
    /// The local key a link explains.
    LINKED_KEY = "linkedKey";
    /// The key it was matched with.
    MATCHED_WITH = "matchedWith";
    /// A link explanation of an entity.
    HAS_LINK = "link";
    /// Number of reports naming an entity.
    REPORT_COUNT = "reportCount";
    /// Entity type name as in the extract contract.
    ENTITY_TYPE = "entityType";
    /// A canonical entity's label or alias case-folded (`slug::name_key`):
    /// what a query matches a typed name with, through an index.
    NAME_KEY = "nameKey";
    /// Class: an edge of the entity graph kept at load time (aggregates graph).
    AGGREGATE_EDGE = "AggregateEdge";
    /// Property: an aggregate edge's source entity.
    AGG_FROM = "aggFrom";
    /// Property: an aggregate edge's target entity.
    AGG_TO = "aggTo";
    /// Property: an aggregate edge's relation name.
    RELATION = "relation";
    /// Property: a report stating the aggregate edge.
    SUPPORTED_BY = "supportedBy";
    /// Property: independent sources (stories) behind an aggregate edge.
    SOURCE_COUNT = "sourceCount";
    /// Property: a substance label on an aggregate edge.
    SUBSTANCE_LABEL = "substanceLabel";
    /// Property: kilograms on an aggregate edge of one substance.
    TOTAL_KG = "totalKg";
    /// Property: one report's seizure of one substance on an aggregate route leg.
    LEG_SEIZURE = "legSeizure";
    /// Property: an aggregate edge's reports with their dates, packed in one
    /// literal (see `quads::pack_reports`).
    REPORT_DATES = "reportDates";
    /// An aggregate edge's parts, packed: each report's kilograms and route
    /// substances (what a load adds or takes away).
    REPORT_PARTS = "reportParts";
    /// Property: an aggregate route leg's seizures, packed in one literal
    /// (see `quads::pack_seized`).
    LEG_SEIZURES = "legSeizures";
    /// Property: a bucket of route rows (every route edge again, one line
    /// each; see `rdf::routes`), in the aggregates graph.
    ROUTE_ROWS = "routeRows";
    /// Property: the earliest report date of an aggregate edge.
    FIRST_DATE = "firstDate";
    /// Property: the latest report date of an aggregate edge.
    LAST_DATE = "lastDate";
}

/// RDF.
pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
/// RDFS.
pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
/// OWL sameAs, to GeoNames.
pub const OWL_SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";
/// XSD types.
pub const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";
/// XSD integer.
pub const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";
/// XSD decimal.
pub const XSD_DECIMAL: &str = "http://www.w3.org/2001/XMLSchema#decimal";
/// XSD date.
pub const XSD_DATE: &str = "http://www.w3.org/2001/XMLSchema#date";
/// XSD dateTime.
pub const XSD_DATE_TIME: &str = "http://www.w3.org/2001/XMLSchema#dateTime";
/// SKOS preferred label.
pub const SKOS_PREF_LABEL: &str = "http://www.w3.org/2004/02/skos/core#prefLabel";
/// SKOS alternative label (aliases).
pub const SKOS_ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
/// SKOS broader concept.
pub const SKOS_BROADER: &str = "http://www.w3.org/2004/02/skos/core#broader";
/// SKOS scheme membership.
pub const SKOS_IN_SCHEME: &str = "http://www.w3.org/2004/02/skos/core#inScheme";
/// SKOS concept class.
pub const SKOS_CONCEPT: &str = "http://www.w3.org/2004/02/skos/core#Concept";
/// SKOS exact match, to Wikidata.
pub const SKOS_EXACT_MATCH: &str = "http://www.w3.org/2004/02/skos/core#exactMatch";
/// PROV-O: derived from (fact -> report).
pub const PROV_WAS_DERIVED_FROM: &str = "http://www.w3.org/ns/prov#wasDerivedFrom";
/// PROV-O: value (the evidence sentence, the mention text).
pub const PROV_VALUE: &str = "http://www.w3.org/ns/prov#value";
/// PROV-O entity class.
pub const PROV_ENTITY: &str = "http://www.w3.org/ns/prov#Entity";
/// Organization ontology: membership of a person in an organisation.
pub const ORG_MEMBER_OF: &str = "http://www.w3.org/ns/org#memberOf";
/// Organization ontology: sub-organisation.
pub const ORG_SUB_ORGANIZATION_OF: &str = "http://www.w3.org/ns/org#subOrganizationOf";
/// W3C WGS84 latitude of a place's centre (degrees north).
pub const GEO_LAT: &str = "http://www.w3.org/2003/01/geo/wgs84_pos#lat";
/// W3C WGS84 longitude of a place's centre (degrees east).
pub const GEO_LONG: &str = "http://www.w3.org/2003/01/geo/wgs84_pos#long";
/// Dublin Core title.
pub const DCTERMS_TITLE: &str = "http://purl.org/dc/terms/title";
/// Dublin Core date.
pub const DCTERMS_DATE: &str = "http://purl.org/dc/terms/date";
/// Dublin Core publisher.
pub const DCTERMS_PUBLISHER: &str = "http://purl.org/dc/terms/publisher";
/// Dublin Core language (of a report: a Lexvo ISO 639-3 IRI, see [`LEXVO_ISO639_3`]).
pub const DCTERMS_LANGUAGE: &str = "http://purl.org/dc/terms/language";
/// Lexvo's IRIs for ISO 639-3 language codes (`http://lexvo.org/id/iso639-3/rus`).
pub const LEXVO_ISO639_3: &str = "http://lexvo.org/id/iso639-3/";
/// Dublin Core identifier (the input's own id).
pub const DCTERMS_IDENTIFIER: &str = "http://purl.org/dc/terms/identifier";
/// schema.org URL.
pub const SCHEMA_URL: &str = "https://schema.org/url";

/// GeoNames feature IRIs.
pub const GEONAMES: &str = "https://sws.geonames.org/";
/// Wikidata entity IRIs.
pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";

/// Prefixes for Turtle output and for queries.
pub const PREFIXES: &[(&str, &str)] = &[
    ("ng", NG),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("org", "http://www.w3.org/ns/org#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("schema", "https://schema.org/"),
];
