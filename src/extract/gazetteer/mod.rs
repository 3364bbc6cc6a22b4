//! The gazetteers (countries, cities, regions, substances, known agencies and
//! criminal groups, official titles), embedded from `data/` at build time and
//! compiled once per process into one Aho-Corasick automaton. `tables.rs`
//! reads the TSV files.

mod tables;

use super::text::{fold_case, is_cyrillic, is_word_byte_at, previous_char, starts_upper};
use crate::model::Span;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// A gazetteer file that could not be read: which file, which line, what is wrong.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[error("{file}:{line}: {message}")]
pub struct DataError {
    /// The data file, as named in `data/`.
    pub file: &'static str,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// A sovereign country.
#[derive(Debug, Clone)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// GeoNames id.
    pub geonames_id: Option<u32>,
    /// Wikidata item.
    pub wikidata: Option<String>,
    /// Common English short name.
    pub label: String,
    /// Other names.
    pub names: Vec<String>,
    /// Adjectives and demonyms ("Kazakh", "Afghan").
    pub demonyms: Vec<String>,
    /// Where its centre is.
    pub coordinates: Option<Coordinates>,
}

/// A point on the globe, in degrees (WGS 84).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coordinates {
    /// Degrees north.
    pub latitude: f64,
    /// Degrees east.
    pub longitude: f64,
}

/// A city from GeoNames.
#[derive(Debug, Clone)]
pub struct City {
    /// GeoNames id.
    pub geonames_id: u32,
    /// Common English name.
    pub label: String,
    /// ISO code of its country.
    pub country: String,
    /// Population, which decides between cities of the same name.
    pub population: u64,
    /// True when the name is also a common English word and needs context.
    pub common_word: bool,
    /// Other spellings.
    pub names: Vec<String>,
    /// Where it is.
    pub coordinates: Option<Coordinates>,
}

/// What sort of region a gazetteer region is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionKind {
    /// An ISO 3166-2 subdivision (province, oblast, state...).
    Subdivision,
    /// A non-sovereign territory (Aruba, Curaçao).
    Territory,
    /// A sea, ocean, gulf or strait.
    Sea,
    /// A river.
    River,
    /// A lake.
    Lake,
    /// A mountain range.
    Mountains,
    /// A supranational region (Central Asia, Europe).
    Supranational,
    /// A named area inside one country that is no subdivision (West Midlands, Wakhan Corridor).
    Area,
    /// A named trafficking route (Balkan route).
    Route,
    /// A union of states (European Union, CIS).
    Union,
    /// A second-level unit ("Ada County", "Far North District"), found only
    /// with its designator.
    District,
}

impl RegionKind {
    pub(crate) fn parse(text: &str) -> Option<RegionKind> {
        Some(match text {
            "subdivision" => RegionKind::Subdivision,
            "territory" => RegionKind::Territory,
            "sea" => RegionKind::Sea,
            "river" => RegionKind::River,
            "lake" => RegionKind::Lake,
            "mountains" => RegionKind::Mountains,
            "supranational" => RegionKind::Supranational,
            "area" => RegionKind::Area,
            "route" => RegionKind::Route,
            "union" => RegionKind::Union,
            "district" => RegionKind::District,
            _ => return None,
        })
    }
}

/// A region from the gazetteer.
#[derive(Debug, Clone)]
pub struct Region {
    /// Stable id (`KG-Y`, `caspian-sea`).
    pub id: String,
    /// Canonical label ("Issyk-Kul Region").
    pub label: String,
    /// What sort of region.
    pub kind: RegionKind,
    /// The word that follows the base name in the label ("Region", "Province").
    pub designator: String,
    /// ISO code of the country it lies in.
    pub country: Option<String>,
    /// True when a base name may stand alone.
    pub bare: bool,
    /// Names that take a designator ("Sughd" in "Sughd region").
    pub bases: Vec<String>,
    /// Full names.
    pub names: Vec<String>,
    /// Where its centre is, when known.
    pub coordinates: Option<Coordinates>,
}

/// A substance of the vocabulary.
#[derive(Debug, Clone)]
pub struct Substance {
    /// Stable id.
    pub id: String,
    /// Canonical label.
    pub label: String,
    /// Broader concept id.
    pub broader: Option<String>,
    /// Wikidata item.
    pub wikidata: Option<String>,
    /// Synonyms.
    pub names: Vec<String>,
    /// Street names, valid only in a drug context.
    pub street: Vec<String>,
}

/// A known agency.
#[derive(Debug, Clone)]
pub struct KnownAgency {
    /// Stable id.
    pub id: String,
    /// Canonical label.
    pub label: String,
    /// ISO code, `None` for international bodies.
    pub country: Option<String>,
    /// Acronyms (case-sensitive).
    pub acronyms: Vec<String>,
    /// Other names.
    pub names: Vec<String>,
    /// Parent agency id.
    pub parent: Option<String>,
    /// Wikidata item.
    pub wikidata: Option<String>,
}

/// A known criminal group.
#[derive(Debug, Clone)]
pub struct KnownGroup {
    /// Stable id.
    pub id: String,
    /// Canonical label.
    pub label: String,
    /// Other names.
    pub names: Vec<String>,
    /// Acronyms (case-sensitive).
    pub acronyms: Vec<String>,
    /// True when the name is a criminal group only in a trafficking context.
    pub needs_context: bool,
}

/// A Russian grammatical case: what a declined form says about its role
/// ("в Россию", accusative, is where something goes; "в России",
/// prepositional, where it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Именительный: the name as a subject, and the dictionary form.
    Nominative = 0,
    /// Родительный: "из Казахстана".
    Genitive = 1,
    /// Дательный: "по Казахстану".
    Dative = 2,
    /// Винительный: "в Казахстан", "через Казахстан".
    Accusative = 3,
    /// Творительный: "с Казахстаном".
    Instrumental = 4,
    /// Предложный: "в Казахстане".
    Prepositional = 5,
}

/// The cases a Russian form can be in (a form is often several: "Казахстан"
/// is nominative and accusative); an acronym or an indeclinable name is in all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cases(u8);

impl Cases {
    /// Every case: a form that does not decline.
    pub const ALL: Cases = Cases(0b11_1111);

    /// True when the form can be in this case.
    pub fn contains(self, case: Case) -> bool {
        self.0 & (1 << case as u8) != 0
    }

    /// True when nothing is known (the form is no Russian gazetteer form).
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Parses the `cases` column of `russian.tsv` (`gent,loct`; `fixd`).
    pub(super) fn parse(text: &str) -> Option<Cases> {
        let mut mask = 0;
        for name in text.split(',') {
            mask |= match name.trim() {
                "nomn" => 1 << Case::Nominative as u8,
                "gent" => 1 << Case::Genitive as u8,
                "datv" => 1 << Case::Dative as u8,
                "accs" => 1 << Case::Accusative as u8,
                "ablt" => 1 << Case::Instrumental as u8,
                "loct" => 1 << Case::Prepositional as u8,
                "fixd" => Cases::ALL.0,
                _ => return None,
            };
        }
        Some(Cases(mask))
    }
}

/// One declined Russian form of a gazetteer row (`data/gazetteer/russian.tsv`).
#[derive(Debug, Clone)]
pub(crate) struct RussianForm {
    /// Which gazetteer: country, demonym, city, region, agency, acronym, substance.
    pub table: String,
    /// The row's id in that gazetteer (ISO code, GeoNames id, region, agency or substance id).
    pub id: String,
    /// The form as written.
    pub form: String,
    /// The cases it can be in.
    pub cases: Cases,
}

/// What a surface form in the automaton can mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A country's name.
    CountryName(usize),
    /// A country's demonym or adjective.
    CountryDemonym(usize),
    /// A city's name.
    City(usize),
    /// A region's full name.
    RegionName(usize),
    /// A region's base name (needs a designator unless the region allows bare names).
    RegionBase(usize),
    /// A substance name.
    Substance(usize),
    /// A substance street name.
    SubstanceStreet(usize),
    /// A known agency's name.
    AgencyName(usize),
    /// A known agency's acronym.
    AgencyAcronym(usize),
    /// A known group's name.
    GroupName(usize),
    /// A known group's acronym.
    GroupAcronym(usize),
}

/// Kinds of surface forms that choose among overlapping matches independently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// Countries, cities, regions.
    Place = 0,
    /// Agencies and criminal groups.
    Organisation = 1,
    /// Substances.
    Substance = 2,
}

impl Target {
    /// The layer the target belongs to.
    pub fn layer(self) -> Layer {
        match self {
            Target::CountryName(_)
            | Target::CountryDemonym(_)
            | Target::City(_)
            | Target::RegionName(_)
            | Target::RegionBase(_) => Layer::Place,
            Target::AgencyName(_) | Target::AgencyAcronym(_) | Target::GroupName(_) | Target::GroupAcronym(_) => {
                Layer::Organisation
            }
            Target::Substance(_) | Target::SubstanceStreet(_) => Layer::Substance,
        }
    }

    /// Acronyms and all-uppercase short forms must match exactly.
    fn exact_case(self) -> bool {
        matches!(self, Target::AgencyAcronym(_) | Target::GroupAcronym(_))
    }

    /// Substance words are common nouns: any case will do.
    fn any_case(self) -> bool {
        matches!(self, Target::Substance(_) | Target::SubstanceStreet(_))
    }
}

/// A surface form found in a text, with what it may mean (targets of one layer).
#[derive(Debug, Clone)]
pub struct GazetteerMatch {
    /// Where.
    pub span: Span,
    /// The candidate meanings, in gazetteer order.
    pub targets: Vec<Target>,
}

/// All gazetteers, with the automaton over their surface forms.
pub struct Gazetteers {
    /// Sovereign countries.
    pub countries: Vec<Country>,
    /// Cities.
    pub cities: Vec<City>,
    /// Regions.
    pub regions: Vec<Region>,
    /// Substances.
    pub substances: Vec<Substance>,
    /// Known agencies.
    pub agencies: Vec<KnownAgency>,
    /// Known criminal groups.
    pub groups: Vec<KnownGroup>,
    /// Official titles, lowercase, longest first.
    pub titles: Vec<String>,
    /// Common lowercase English words.
    pub common_words: HashSet<&'static str>,
    /// Given names (capitalised).
    pub given_names: HashSet<&'static str>,
    /// Surnames that are not also common words (capitalised).
    pub surnames: HashSet<&'static str>,
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    country_by_code: HashMap<String, usize>,
    substance_by_id: HashMap<String, usize>,
    agency_by_id: HashMap<String, usize>,
    agency_by_name: HashMap<String, usize>,
    russian_cases: HashMap<String, Cases>,
}

struct Pattern {
    text: String,
    targets: Vec<Target>,
}

const TITLES_TXT: &str = include_str!("../../../data/lexicon/titles.txt");
const COMMON_WORDS_TXT: &str = include_str!("../../../data/lexicon/common_words.txt");
const GIVEN_NAMES_TXT: &str = include_str!("../../../data/lexicon/given_names.txt");
const SURNAMES_TXT: &str = include_str!("../../../data/lexicon/surnames.txt");

/// The non-comment lines of a word list.
fn word_list(content: &'static str) -> impl Iterator<Item = &'static str> {
    content.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#'))
}

static EMBEDDED: OnceLock<Result<Gazetteers, DataError>> = OnceLock::new();

impl Gazetteers {
    /// The gazetteers embedded in the binary, built on first use and shared.
    pub fn embedded() -> Result<&'static Gazetteers, DataError> {
        EMBEDDED.get_or_init(Gazetteers::build).as_ref().map_err(Clone::clone)
    }

    /// Builds a fresh copy from the embedded data (what [`Gazetteers::embedded`]
    /// does once per process); exposed to measure it.
    pub fn load() -> Result<Gazetteers, DataError> {
        Gazetteers::build()
    }

    fn build() -> Result<Gazetteers, DataError> {
        let countries = tables::countries()?;
        let cities = tables::cities()?;
        let regions = tables::regions()?;
        let substances = tables::substances()?;
        let agencies = tables::agencies()?;
        let groups = tables::groups()?;
        let mut titles: Vec<String> = word_list(TITLES_TXT).map(str::to_owned).collect();
        titles.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));

        let mut builder = PatternSet::default();
        // Russian names of the main tables come in through `russian.tsv` alone,
        // declined and without the forms more often common words ("Того").
        for (index, country) in countries.iter().enumerate() {
            builder.add(&country.label, Target::CountryName(index));
            for name in country.names.iter().filter(|n| !is_cyrillic(n)) {
                builder.add(name, Target::CountryName(index));
            }
            for demonym in &country.demonyms {
                builder.add(demonym, Target::CountryDemonym(index));
                if demonym.ends_with('n') || demonym.ends_with('i') {
                    builder.add(&format!("{demonym}s"), Target::CountryDemonym(index));
                }
            }
        }
        for (index, city) in cities.iter().enumerate() {
            builder.add(&city.label, Target::City(index));
            for name in city.names.iter().filter(|n| !is_cyrillic(n)) {
                builder.add(name, Target::City(index));
            }
        }
        for (index, region) in regions.iter().enumerate() {
            // A subdivision labelled by its bare name ("Texas", "Sinaloa", "Ontario")
            // is a base: whether it may stand alone is the region's `bare` flag.
            let bare_label =
                region.designator.is_empty() || !region.label.split_whitespace().any(|word| word == region.designator);
            if region.kind == RegionKind::Subdivision && bare_label {
                builder.add(&region.label, Target::RegionBase(index));
            } else {
                builder.add(&region.label, Target::RegionName(index));
            }
            for name in region.names.iter().filter(|n| !is_cyrillic(n)) {
                builder.add(name, Target::RegionName(index));
            }
            for base in &region.bases {
                builder.add(base, Target::RegionBase(index));
            }
        }
        for (index, substance) in substances.iter().enumerate() {
            builder.add(&substance.label, Target::Substance(index));
            for name in &substance.names {
                builder.add(name, Target::Substance(index));
            }
            for name in &substance.street {
                builder.add(name, Target::SubstanceStreet(index));
            }
        }
        for (index, agency) in agencies.iter().enumerate() {
            builder.add(&agency.label, Target::AgencyName(index));
            for name in &agency.names {
                builder.add(name, Target::AgencyName(index));
            }
            for acronym in &agency.acronyms {
                builder.add(acronym, Target::AgencyAcronym(index));
            }
        }
        for (index, group) in groups.iter().enumerate() {
            builder.add(&group.label, Target::GroupName(index));
            for name in &group.names {
                builder.add(name, Target::GroupName(index));
            }
            for acronym in &group.acronyms {
                builder.add(acronym, Target::GroupAcronym(index));
            }
        }
        let russian_cases = add_russian(&mut builder, &countries, &cities, &regions, &substances, &agencies)?;
        let patterns = builder.patterns;
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .build(patterns.iter().map(|p| fold_case(&p.text)))
            .map_err(|error| DataError { file: "gazetteers", line: 0, message: error.to_string() })?;

        let country_by_code = countries.iter().enumerate().map(|(i, c)| (c.code.clone(), i)).collect();
        let substance_by_id = substances.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
        let agency_by_id = agencies.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
        let mut agency_by_name = HashMap::new();
        for (index, agency) in agencies.iter().enumerate() {
            for name in std::iter::once(&agency.label).chain(&agency.names) {
                agency_by_name.entry(name_key(name)).or_insert(index);
            }
        }
        Ok(Gazetteers {
            countries,
            cities,
            regions,
            substances,
            agencies,
            groups,
            titles,
            common_words: word_list(COMMON_WORDS_TXT).collect(),
            given_names: word_list(GIVEN_NAMES_TXT).collect(),
            surnames: word_list(SURNAMES_TXT).collect(),
            automaton,
            patterns,
            country_by_code,
            substance_by_id,
            agency_by_id,
            agency_by_name,
            russian_cases,
        })
    }

    /// Every gazetteer surface form in `text`, on word boundaries and with a
    /// compatible letter case; of overlapping forms the leftmost, then the
    /// longest, wins.
    ///
    /// All overlapping matches are validated before choosing, so a longer form
    /// in the wrong case ("the Netherlands" against "The Netherlands") never
    /// hides a shorter valid one ("Netherlands").
    pub fn find(&self, text: &str) -> Vec<GazetteerMatch> {
        let mut valid: Vec<GazetteerMatch> = Vec::new();
        // Matching runs on an ASCII-lowercased copy (same byte offsets), which keeps
        // the automaton half the size of a case-insensitive one and quick to build;
        // letter case is then checked against the text as written.
        let lowered = fold_case(text);
        for hit in self.automaton.find_overlapping_iter(&lowered) {
            let (start, end) = (hit.start(), hit.end());
            if is_word_byte_at(text, end) || previous_char(text, start).is_some_and(char::is_alphanumeric) {
                continue;
            }
            let (Some(pattern), Some(written)) = (self.patterns.get(hit.pattern().as_usize()), text.get(start..end))
            else {
                continue;
            };
            for layer in [Layer::Place, Layer::Organisation, Layer::Substance] {
                let targets: Vec<Target> = pattern
                    .targets
                    .iter()
                    .copied()
                    .filter(|target| target.layer() == layer && case_compatible(&pattern.text, written, *target))
                    .collect();
                if !targets.is_empty() {
                    valid.push(GazetteerMatch { span: Span::new(start, end), targets });
                }
            }
        }
        // Each layer chooses on its own: "Kazakhstan" inside "Ministry of Internal
        // Affairs of Kazakhstan" names the country as well as being part of the agency.
        valid.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(b.span.len().cmp(&a.span.len())));
        let mut chosen: Vec<GazetteerMatch> = Vec::with_capacity(valid.len());
        let mut layer_end = [0_usize; 3];
        for candidate in valid {
            let Some(layer) = candidate.targets.first().map(|t| t.layer() as usize) else { continue };
            if layer_end[layer] <= candidate.span.start {
                layer_end[layer] = candidate.span.end;
                chosen.push(candidate);
            }
        }
        chosen
    }

    /// The country with this ISO code.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.country_by_code.get(code).and_then(|&index| self.countries.get(index))
    }

    /// Index of the country with this ISO code.
    pub fn country_index(&self, code: &str) -> Option<usize> {
        self.country_by_code.get(code).copied()
    }

    /// The substance with this id.
    pub fn substance(&self, id: &str) -> Option<&Substance> {
        self.substance_by_id.get(id).and_then(|&index| self.substances.get(index))
    }

    /// The region with this id (a linear search: for rare phrases only).
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// The known agency with this id.
    pub fn agency(&self, id: &str) -> Option<&KnownAgency> {
        self.agency_by_id.get(id).and_then(|&index| self.agencies.get(index))
    }

    /// The known agency with this name (label or other name), compared on a
    /// normalised form that ignores case, punctuation and a leading "the".
    pub fn agency_by_name(&self, name: &str) -> Option<usize> {
        self.agency_by_name.get(&name_key(name)).copied()
    }

    /// The grammatical cases a Russian gazetteer form can be in, as written
    /// (any letter case); empty for a text that is no Russian form.
    pub fn russian_cases(&self, written: &str) -> Cases {
        self.russian_cases.get(&fold_case(written)).copied().unwrap_or_default()
    }

    /// Number of surface forms in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }
}

/// Adds the declined Russian forms to the patterns, each pointing at the row
/// its id names, and returns the cases of every form. A form whose id names no
/// row is a data error: the generated file is out of step with the gazetteers.
fn add_russian(
    builder: &mut PatternSet,
    countries: &[Country],
    cities: &[City],
    regions: &[Region],
    substances: &[Substance],
    agencies: &[KnownAgency],
) -> Result<HashMap<String, Cases>, DataError> {
    fn index_of<'a>(keys: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
        let mut map = HashMap::new();
        for (index, key) in keys.enumerate() {
            map.entry(key).or_insert(index);
        }
        map
    }
    let city_ids: Vec<String> = cities.iter().map(|c| c.geonames_id.to_string()).collect();
    let by_country = index_of(countries.iter().map(|c| c.code.as_str()));
    let by_city = index_of(city_ids.iter().map(String::as_str));
    let by_region = index_of(regions.iter().map(|r| r.id.as_str()));
    let by_substance = index_of(substances.iter().map(|s| s.id.as_str()));
    let by_agency = index_of(agencies.iter().map(|a| a.id.as_str()));
    let mut cases: HashMap<String, Cases> = HashMap::new();
    for row in tables::russian()? {
        let id = row.id.as_str();
        let target = match row.table.as_str() {
            "country" => by_country.get(id).map(|&i| Target::CountryName(i)),
            "demonym" => by_country.get(id).map(|&i| Target::CountryDemonym(i)),
            "city" => by_city.get(id).map(|&i| Target::City(i)),
            "region" => by_region.get(id).map(|&i| Target::RegionName(i)),
            "substance" => by_substance.get(id).map(|&i| Target::Substance(i)),
            "street" => by_substance.get(id).map(|&i| Target::SubstanceStreet(i)),
            "agency" => by_agency.get(id).map(|&i| Target::AgencyName(i)),
            "acronym" => by_agency.get(id).map(|&i| Target::AgencyAcronym(i)),
            _ => None,
        };
        let Some(target) = target else {
            return Err(DataError {
                file: "data/gazetteer/russian.tsv",
                line: 0,
                message: format!("{} {id:?} ({}) names no gazetteer row", row.table, row.form),
            });
        };
        builder.add(&row.form, target);
        let entry = cases.entry(fold_case(&row.form)).or_default();
        entry.0 |= row.cases.0;
    }
    Ok(cases)
}

/// A comparison key for names: lowercase ASCII letters and digits, single spaces,
/// no leading "the", diacritics folded.
pub fn name_key(name: &str) -> String {
    // Most names are ASCII already; transliterating them is the costly part.
    let ascii = if name.is_ascii() { std::borrow::Cow::Borrowed(name) } else { deunicode::deunicode(name).into() };
    let folded = ascii.to_ascii_lowercase().replace("'s ", " ");
    let words: Vec<&str> = folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let words = match words.first() {
        Some(&"the") => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

#[derive(Default)]
struct PatternSet {
    patterns: Vec<Pattern>,
    index: HashMap<String, usize>,
}

impl PatternSet {
    fn add(&mut self, text: &str, target: Target) {
        // "The Netherlands", "the Balkans": the article is not part of the name.
        let text = text.trim();
        let text = text.strip_prefix("The ").or_else(|| text.strip_prefix("the ")).unwrap_or(text);
        if text.is_empty() {
            return;
        }
        let key = text.to_lowercase();
        match self.index.get(&key) {
            Some(&index) => {
                if let Some(pattern) = self.patterns.get_mut(index)
                    && !pattern.targets.contains(&target)
                {
                    pattern.targets.push(target);
                }
            }
            None => {
                self.index.insert(key, self.patterns.len());
                self.patterns.push(Pattern { text: text.to_owned(), targets: vec![target] });
            }
        }
    }
}

/// Does the text as written have a case the pattern allows for this target?
///
/// Proper names must keep the capitals of the name ("Almaty", "ALMATY", not
/// "almaty"); acronyms must match exactly; substance words may be in any case.
fn case_compatible(pattern: &str, written: &str, target: Target) -> bool {
    if target.any_case() {
        return true;
    }
    if target.exact_case() {
        return pattern == written;
    }
    if !starts_upper(written) {
        // Russian country adjectives are written in lowercase ("афганского"):
        // a pattern that starts with a lowercase letter outside ASCII allows it.
        return pattern.chars().next().is_some_and(|c| !c.is_ascii() && c.is_lowercase());
    }
    let letters: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    let pattern_letters = pattern.chars().filter(|c| c.is_alphabetic()).count();
    let pattern_all_caps = pattern.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    if pattern_all_caps && pattern_letters <= 3 {
        // Short capitalised forms ("US", "UK", "UAE") only as written.
        return pattern == written;
    }
    if all_caps {
        return true;
    }
    // Every capital of the pattern must be a capital in the text.
    pattern.chars().zip(written.chars()).all(|(p, w)| !p.is_uppercase() || w.is_uppercase())
}
