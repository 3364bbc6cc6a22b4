//! Reading the gazetteer TSV files of `data/gazetteer/` (embedded at build
//! time) through `csv` and serde: one row struct per file, so that a column's
//! meaning has a name. A file whose header is not the expected one, or a row
//! that does not parse, is a `DataError` naming the file and line.

use super::{
    Cases, City, Coordinates, Country, DataError, KnownAgency, KnownGroup, Region, RegionKind, RussianForm, Substance,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

const COUNTRIES_TSV: &str = include_str!("../../../data/gazetteer/countries.tsv");
const CITIES_TSV: &str = include_str!("../../../data/gazetteer/cities.tsv");
const REGIONS_TSV: &str = include_str!("../../../data/gazetteer/regions.tsv");
const SUBSTANCES_TSV: &str = include_str!("../../../data/gazetteer/substances.tsv");
const AGENCIES_TSV: &str = include_str!("../../../data/gazetteer/agencies.tsv");
const GROUPS_TSV: &str = include_str!("../../../data/gazetteer/groups.tsv");
const RUSSIAN_TSV: &str = include_str!("../../../data/gazetteer/russian.tsv");

/// A list cell: names separated by `|`.
fn list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let cell = String::deserialize(deserializer)?;
    Ok(cell.split('|').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect())
}

/// A cases cell of `russian.tsv`: `gent,loct`, `fixd`.
fn cases<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Cases, D::Error> {
    let cell = String::deserialize(deserializer)?;
    Cases::parse(&cell).ok_or_else(|| serde::de::Error::custom(format!("unknown case in {cell:?}")))
}

/// A flag cell: `1` or `0`.
fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    match String::deserialize(deserializer)?.trim() {
        "1" => Ok(true),
        "0" | "" => Ok(false),
        other => Err(serde::de::Error::custom(format!("expected 1 or 0, found {other:?}"))),
    }
}

fn coordinates(latitude: Option<f64>, longitude: Option<f64>) -> Option<Coordinates> {
    Some(Coordinates { latitude: latitude?, longitude: longitude? })
}

/// Reads every row of an embedded TSV file whose header must be `expected`.
fn read<T: DeserializeOwned>(
    file: &'static str,
    content: &'static str,
    expected: &[&str],
) -> Result<Vec<T>, DataError> {
    let mut reader =
        csv::ReaderBuilder::new().delimiter(b'\t').comment(Some(b'#')).quoting(false).from_reader(content.as_bytes());
    let error = |line: u64, message: String| DataError { file, line: usize::try_from(line).unwrap_or(0), message };
    let headers = reader.headers().map_err(|e| error(0, e.to_string()))?.clone();
    if headers.iter().ne(expected.iter().copied()) {
        let line = headers.position().map_or(0, csv::Position::line);
        return Err(error(
            line,
            format!("expected columns {expected:?}, found {:?}", headers.iter().collect::<Vec<_>>()),
        ));
    }
    let mut rows = Vec::new();
    for row in reader.deserialize() {
        let row = row.map_err(|e| error(e.position().map_or(0, csv::Position::line), e.to_string()))?;
        rows.push(row);
    }
    Ok(rows)
}

#[derive(Deserialize)]
struct CountryRow {
    code: String,
    geonames_id: Option<u32>,
    wikidata: Option<String>,
    label: String,
    #[serde(deserialize_with = "list")]
    names: Vec<String>,
    #[serde(deserialize_with = "list")]
    demonyms: Vec<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
}

pub(super) fn countries() -> Result<Vec<Country>, DataError> {
    let columns = ["code", "alpha3", "geonames_id", "wikidata", "label", "names", "demonyms", "latitude", "longitude"];
    let rows: Vec<CountryRow> = read("data/gazetteer/countries.tsv", COUNTRIES_TSV, &columns)?;
    Ok(rows
        .into_iter()
        .map(|row| Country {
            code: row.code,
            geonames_id: row.geonames_id,
            wikidata: row.wikidata,
            label: row.label,
            names: row.names,
            demonyms: row.demonyms,
            coordinates: coordinates(row.latitude, row.longitude),
        })
        .collect())
}

#[derive(Deserialize)]
struct CityRow {
    geonames_id: u32,
    label: String,
    country: String,
    population: u64,
    #[serde(deserialize_with = "flag")]
    common_word: bool,
    #[serde(deserialize_with = "list")]
    names: Vec<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
}

pub(super) fn cities() -> Result<Vec<City>, DataError> {
    let columns =
        ["geonames_id", "label", "country", "admin1", "population", "common_word", "names", "latitude", "longitude"];
    let rows: Vec<CityRow> = read("data/gazetteer/cities.tsv", CITIES_TSV, &columns)?;
    Ok(rows
        .into_iter()
        .map(|row| City {
            geonames_id: row.geonames_id,
            label: row.label,
            country: row.country,
            population: row.population,
            common_word: row.common_word,
            names: row.names,
            coordinates: coordinates(row.latitude, row.longitude),
        })
        .collect())
}

#[derive(Deserialize)]
struct RegionRow {
    id: String,
    label: String,
    kind: String,
    designator: String,
    country: Option<String>,
    #[serde(deserialize_with = "flag")]
    bare: bool,
    #[serde(deserialize_with = "list")]
    bases: Vec<String>,
    #[serde(deserialize_with = "list")]
    names: Vec<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
}

pub(super) fn regions() -> Result<Vec<Region>, DataError> {
    const FILE: &str = "data/gazetteer/regions.tsv";
    let columns = ["id", "label", "kind", "designator", "country", "bare", "bases", "names", "latitude", "longitude"];
    let rows: Vec<RegionRow> = read(FILE, REGIONS_TSV, &columns)?;
    rows.into_iter()
        .map(|row| {
            let kind = RegionKind::parse(&row.kind).ok_or_else(|| DataError {
                file: FILE,
                line: 0,
                message: format!("region {}: unknown kind {:?}", row.id, row.kind),
            })?;
            Ok(Region {
                id: row.id,
                label: row.label,
                kind,
                designator: row.designator,
                country: row.country,
                bare: row.bare,
                bases: row.bases,
                names: row.names,
                coordinates: coordinates(row.latitude, row.longitude),
            })
        })
        .collect()
}

#[derive(Deserialize)]
struct SubstanceRow {
    id: String,
    label: String,
    broader: Option<String>,
    wikidata: Option<String>,
    #[serde(deserialize_with = "list")]
    names: Vec<String>,
    #[serde(deserialize_with = "list")]
    street: Vec<String>,
}

pub(super) fn substances() -> Result<Vec<Substance>, DataError> {
    let columns = ["id", "label", "broader", "wikidata", "names", "street"];
    let rows: Vec<SubstanceRow> = read("data/gazetteer/substances.tsv", SUBSTANCES_TSV, &columns)?;
    Ok(rows
        .into_iter()
        .map(|row| Substance {
            id: row.id,
            label: row.label,
            broader: row.broader,
            wikidata: row.wikidata,
            names: row.names,
            street: row.street,
        })
        .collect())
}

#[derive(Deserialize)]
struct AgencyRow {
    id: String,
    label: String,
    country: Option<String>,
    #[serde(deserialize_with = "list")]
    acronyms: Vec<String>,
    #[serde(deserialize_with = "list")]
    names: Vec<String>,
    parent: Option<String>,
    wikidata: Option<String>,
}

pub(super) fn agencies() -> Result<Vec<KnownAgency>, DataError> {
    let columns = ["id", "label", "country", "acronyms", "names", "parent", "wikidata"];
    let rows: Vec<AgencyRow> = read("data/gazetteer/agencies.tsv", AGENCIES_TSV, &columns)?;
    Ok(rows
        .into_iter()
        .map(|row| KnownAgency {
            id: row.id,
            label: row.label,
            country: row.country,
            acronyms: row.acronyms,
            names: row.names,
            parent: row.parent,
            wikidata: row.wikidata,
        })
        .collect())
}

#[derive(Deserialize)]
struct GroupRow {
    id: String,
    label: String,
    #[serde(deserialize_with = "list")]
    names: Vec<String>,
    #[serde(deserialize_with = "list")]
    acronyms: Vec<String>,
    #[serde(deserialize_with = "flag")]
    needs_context: bool,
}

pub(super) fn groups() -> Result<Vec<KnownGroup>, DataError> {
    let columns = ["id", "label", "names", "acronyms", "needs_context"];
    let rows: Vec<GroupRow> = read("data/gazetteer/groups.tsv", GROUPS_TSV, &columns)?;
    Ok(rows
        .into_iter()
        .map(|row| KnownGroup {
            id: row.id,
            label: row.label,
            names: row.names,
            acronyms: row.acronyms,
            needs_context: row.needs_context,
        })
        .collect())
}

#[derive(Deserialize)]
struct RussianRow {
    table: String,
    id: String,
    form: String,
    #[serde(deserialize_with = "cases")]
    cases: Cases,
}

/// The declined Russian forms (`data/gazetteer/russian.tsv`, built by
/// `data/gen/build_russian.py`), each with the rows it adds to named by id.
pub(super) fn russian() -> Result<Vec<RussianForm>, DataError> {
    let rows: Vec<RussianRow> = read("data/gazetteer/russian.tsv", RUSSIAN_TSV, &["table", "id", "form", "cases"])?;
    Ok(rows
        .into_iter()
        .map(|row| RussianForm { table: row.table, id: row.id, form: row.form, cases: row.cases })
        .collect())
}
