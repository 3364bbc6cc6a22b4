//! Synthetic reports for benchmarks: seeded, deterministic, varied.
//!
//! Each report is drawn from the embedded gazetteers with the skew real
//! reporting has: a few source countries per substance (Afghanistan for
//! heroin, Colombia for cocaine...), destinations and transit countries
//! weighted towards the countries that report most, cities by population,
//! people from the name lists (so 100,000 reports name tens of thousands of
//! distinct people), agencies from the lexicon of the destination country.
//! Phrasing varies: a dozen forms for routes, seizures, arrests, quotes and
//! background, in varying order, about 180 words a report.
//!
//! Report `i` of seed `s` depends only on `(s, i)`, so any slice of a large
//! collection can be generated alone, in parallel, and is the same each time.

use crate::extract::Gazetteers;

/// One generated report, shaped like a JSON lines input record.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SyntheticReport {
    /// Stable id (`synthetic-<seed>-<index>`).
    pub id: String,
    /// Headline.
    pub title: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// Invented outlet.
    pub source: String,
    /// The text.
    pub text: String,
}

/// Source countries per substance label, most prominent first.
const ORIGINS: &[(&str, &[&str])] = &[
    ("heroin", &["AF", "MM", "PK", "LA", "MX"]),
    ("opium", &["AF", "MM", "IR", "PK"]),
    ("cocaine", &["CO", "PE", "BO", "EC", "VE", "BR"]),
    ("hashish", &["MA", "AF", "LB", "PK", "TJ"]),
    ("methamphetamine", &["MM", "MX", "IR", "AF", "CN"]),
    ("mephedrone", &["CN", "PL", "NL", "RU", "KZ"]),
    ("synthetic cannabinoids", &["CN", "RU", "KZ"]),
    ("fentanyl", &["CN", "MX", "IN"]),
    ("cannabis", &["KG", "KZ", "AL", "CA", "NL", "MA"]),
    ("MDMA", &["NL", "BE", "DE", "PL"]),
];

/// Countries that report and receive most, most prominent first; every
/// other country follows with a small weight, so the long tail is there.
const PROMINENT: &[&str] = &[
    "KZ", "RU", "KG", "TJ", "UZ", "TM", "US", "GB", "NL", "DE", "TR", "IR", "PK", "CN", "AU", "NZ", "CA", "ES", "IT",
    "FR", "BE", "PL", "UA", "AZ", "GE", "AE", "IN", "TH", "MY", "ID", "BR", "AR", "ZA", "NG", "KE",
];

/// A small deterministic generator (wyrand through `fastrand`).
struct Dice(fastrand::Rng);

impl Dice {
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.0.usize(..items.len())]
    }

    /// An index in `0..n` with Zipf-like skew: index k has weight 1 / (k + 1).
    fn zipf(&mut self, n: usize) -> usize {
        // Inverse of the harmonic CDF, approximately: exp(u * ln(n + 1)) - 1.
        let u = self.0.f64();
        (((n as f64 + 1.0).ln() * u).exp() - 1.0).floor().clamp(0.0, n as f64 - 1.0) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        self.0.f64() < p
    }
}

/// What a generator draws from, sorted so the output never depends on hash order.
pub struct Generator<'g> {
    gazetteers: &'g Gazetteers,
    seed: u64,
    countries: Vec<&'g str>,
    given: Vec<&'g str>,
    surnames: Vec<&'g str>,
    substances: Vec<&'g str>,
}

impl<'g> Generator<'g> {
    /// A generator over the gazetteers with this seed.
    pub fn new(gazetteers: &'g Gazetteers, seed: u64) -> Generator<'g> {
        let mut countries: Vec<&str> = PROMINENT.iter().copied().filter(|c| gazetteers.country(c).is_some()).collect();
        let mut rest: Vec<&str> = gazetteers
            .countries
            .iter()
            .map(|c| c.code.as_str())
            .filter(|c| !PROMINENT.contains(c) && gazetteers.country(c).is_some_and(|c| c.coordinates.is_some()))
            .collect();
        rest.sort_unstable();
        countries.extend(rest);
        let sorted = |set: &std::collections::HashSet<&'static str>| {
            let mut list: Vec<&'static str> = set.iter().copied().filter(|n| n.len() > 2).collect();
            list.sort_unstable();
            list
        };
        let substances: Vec<&str> = ORIGINS
            .iter()
            .map(|(s, _)| *s)
            .filter(|s| gazetteers.substances.iter().any(|g| g.label.eq_ignore_ascii_case(s)))
            .collect();
        Generator {
            gazetteers,
            seed,
            countries,
            given: sorted(&gazetteers.given_names),
            surnames: sorted(&gazetteers.surnames),
            substances,
        }
    }

    fn country_name(&self, code: &str) -> String {
        self.gazetteers.country(code).map_or_else(|| code.to_owned(), |c| c.label.clone())
    }

    fn demonym(&self, code: &str) -> Option<String> {
        self.gazetteers.country(code).and_then(|c| c.demonyms.first().cloned())
    }

    /// A city of the country, weighted by population.
    fn city(&self, dice: &mut Dice, code: &str) -> Option<String> {
        let mut cities: Vec<&crate::extract::gazetteer::City> =
            self.gazetteers.cities.iter().filter(|c| c.country == code && !c.common_word).collect();
        if cities.is_empty() {
            return None;
        }
        cities.sort_by(|a, b| b.population.cmp(&a.population).then(a.geonames_id.cmp(&b.geonames_id)));
        cities.truncate(40);
        Some(cities[dice.zipf(cities.len())].label.clone())
    }

    /// The body that reports: a lexicon agency of the country, else its police.
    fn agency(&self, dice: &mut Dice, code: &str) -> String {
        let mut known: Vec<&str> = self
            .gazetteers
            .agencies
            .iter()
            .filter(|a| a.country.as_deref() == Some(code) && a.parent.is_none())
            .map(|a| a.label.as_str())
            .collect();
        known.sort_unstable();
        if !known.is_empty() && dice.chance(0.8) {
            return (*dice.pick(&known)).to_owned();
        }
        match self.demonym(code) {
            Some(demonym) => format!("the {demonym} police"),
            None => format!("the police of {}", self.country_name(code)),
        }
    }

    /// A country between origin and destination, if one of a few draws is.
    fn transit(&self, dice: &mut Dice, origin: &str, destination: &str) -> Option<&'g str> {
        let at =
            |code: &str| self.gazetteers.country(code).and_then(|c| c.coordinates).map(|c| (c.latitude, c.longitude));
        let (a, b) = (at(origin)?, at(destination)?);
        let direct = crate::geo::great_circle_km(a, b);
        for _ in 0..12 {
            let candidate = self.countries[dice.zipf(self.countries.len().min(80))];
            if candidate == origin || candidate == destination {
                continue;
            }
            let Some(c) = at(candidate) else { continue };
            if crate::geo::great_circle_km(a, c) + crate::geo::great_circle_km(c, b) <= 1.2 * direct + 400.0 {
                return Some(candidate);
            }
        }
        None
    }

    fn person(&self, dice: &mut Dice) -> String {
        let given = crate::extract::text::capitalised(dice.pick::<&str>(&self.given));
        let surname = crate::extract::text::capitalised(dice.pick::<&str>(&self.surnames));
        format!("{given} {surname}")
    }

    /// Report `index` of this generator's seed.
    pub fn report(&self, index: u64) -> SyntheticReport {
        // Seeds that differ in a few bits start wyrand on correlated draws: hash them first.
        let mut key = [0u8; 16];
        key[..8].copy_from_slice(&self.seed.to_le_bytes());
        key[8..].copy_from_slice(&index.to_le_bytes());
        let digest = blake3::hash(&key);
        let mut dice =
            Dice(fastrand::Rng::with_seed(u64::from_le_bytes(digest.as_bytes()[..8].try_into().unwrap_or_default())));
        let substance = (*dice.pick(&self.substances)).to_owned();
        let origins = ORIGINS.iter().find(|(s, _)| *s == substance).map_or(&[][..], |(_, o)| *o);
        let origin = origins[dice.zipf(origins.len())];
        let mut destination = self.countries[dice.zipf(self.countries.len())];
        if destination == origin {
            destination = self.countries[(dice.zipf(self.countries.len()) + 1) % self.countries.len()];
        }
        // A transit country on the way: the detour through it stays near the direct line.
        let transit = if dice.chance(0.6) { self.transit(&mut dice, origin, destination) } else { None };
        let has_transit = transit.is_some();
        let transit = transit.unwrap_or(origin);
        let reporter = self.agency(&mut dice, destination);
        let city = self.city(&mut dice, destination).unwrap_or_else(|| self.country_name(destination));
        let kilograms = match dice.0.u32(0..10) {
            0..=5 => f64::from(dice.0.u32(1..60)) + 0.5 * f64::from(dice.0.u32(0..2)),
            6..=8 => f64::from(dice.0.u32(60..900)),
            _ => f64::from(dice.0.u32(1..40)) * 100.0,
        };
        let year = 2018 + dice.0.u32(0..8);
        let (month, day) = (1 + dice.0.u32(0..12), 1 + dice.0.u32(0..28));
        let date = format!("{year}-{month:02}-{day:02}");
        let (from, to, via) = (self.country_name(origin), self.country_name(destination), self.country_name(transit));
        let courier = self.person(&mut dice);
        let official = self.person(&mut dice);
        let age = 19 + dice.0.u32(0..45);
        let amount = if kilograms >= 1000.0 {
            format!("{:.1} tonnes", kilograms / 1000.0)
        } else {
            format!("{kilograms} kilograms")
        };
        let vehicle = *dice.pick(&[
            "a lorry carrying dried fruit",
            "a passenger bus",
            "a freight wagon",
            "a private car",
            "a shipping container of bananas",
            "checked luggage",
            "a consignment of ceramic tiles",
            "postal parcels",
        ]);
        let route = if has_transit {
            match dice.0.u32(0..4) {
                0 => format!("The {substance} had been smuggled from {from} through {via} into {to}."),
                1 => format!(
                    "Investigators said the drugs came from {from} and were moved via {via} before reaching {to}."
                ),
                2 => format!(
                    "According to the investigation, the {substance} was trafficked from {from} to {to} by way of {via}."
                ),
                _ => format!("The consignment originated in {from} and transited {via} on its way to {to}."),
            }
        } else {
            match dice.0.u32(0..3) {
                0 => format!("The {substance} had been smuggled into {to} from {from}."),
                1 => format!("Investigators believe the drugs were brought from {from} to {to}."),
                _ => format!("The shipment came from {from}, the agency said."),
            }
        };
        let seizure = match dice.0.u32(0..3) {
            0 => format!("Officers of {reporter} seized {amount} of {substance} hidden in {vehicle} near {city}."),
            1 => format!("{} seized {amount} of {substance} concealed in {vehicle} in {city}.", capital(&reporter)),
            _ => format!("In {city}, {reporter} found {amount} of {substance} in {vehicle}."),
        };
        let arrest = match dice.0.u32(0..3) {
            0 => format!("The driver, {courier}, a {age}-year-old man, was arrested at the scene."),
            1 => format!("Police detained {courier}, {age}, who is suspected of organising the delivery."),
            _ => format!(
                "{} suspects were arrested, among them {courier}, {age}.",
                capital(&number(2 + dice.0.u32(0..5)))
            ),
        };
        let quote = match dice.0.u32(0..3) {
            0 => format!(
                "\"Trafficking groups keep changing their methods, and so do we,\" said {official}, a spokesperson for {reporter}."
            ),
            1 => format!(
                "{official}, head of the investigation department, said the network had operated for at least two years."
            ),
            _ => format!("\"This seizure cuts a supply line into {to},\" {official} told reporters."),
        };
        const BACKGROUND: &[&str] = &[
            "The case has been referred to the prosecutor's office, and the investigation continues.",
            "If convicted, the suspects face long prison sentences under the criminal code.",
            "Officials said the operation was the result of months of surveillance and intelligence work.",
            "The agency has stepped up checks at border crossings and logistics hubs this year.",
            "Analysts say demand for the drug has grown in the region over the past decade.",
            "Prosecutors are expected to ask the court to keep the suspects in custody while the inquiry goes on.",
            "Officers are now trying to identify the buyers and the people who financed the shipment.",
        ];
        let first = dice.0.usize(..BACKGROUND.len());
        let second = (first + 1 + dice.0.usize(..BACKGROUND.len() - 1)) % BACKGROUND.len();
        let background = format!(
            "{} {} Since January, {reporter} has seized more than {} tonnes of drugs, most of it {substance}.",
            BACKGROUND[first],
            BACKGROUND[second],
            1 + dice.0.u32(0..30)
        );
        let more = *dice.pick(&[
            "Sniffer dogs alerted officers to a false floor, where the packages were found wrapped in plastic film and coffee grounds to mask the smell.",
            "The packages were marked with a logo that investigators have seen in earlier seizures, which suggests the same supplier.",
            "Mobile phones, cash and documents were also taken, and forensic experts are examining them for links to other cases.",
            "The suspects had rented a warehouse on the outskirts of the city, which they used to repack the drugs into smaller lots.",
        ]);
        let mut body = [seizure, route, arrest, quote];
        // Vary the order after the lead sentence: real reports do.
        if dice.chance(0.5) {
            body.swap(2, 3);
        }
        if dice.chance(0.4) {
            body.swap(1, 2);
        }
        let partner = if has_transit { transit } else { origin };
        let cooperation = format!(
            "The operation was carried out in cooperation with {}, {} said.",
            self.agency(&mut dice, partner),
            reporter
        );
        let when = format!(
            "The seizure was made on {} {day}, {year}, and announced {}.",
            crate::extract::text::capitalised(
                crate::dates::MONTHS.iter().find(|(_, n)| *n == month).map_or("january", |(name, _)| *name)
            ),
            dice.pick(&["the following day", "at a press briefing on Monday", "in a statement", "later that week"])
        );
        let extra = *dice.pick(&[
            "Customs officers say smugglers increasingly split large consignments into many small ones, hoping that some will pass unnoticed.",
            "The route has been used for years, and seizures along it rose sharply after new scanners were installed at the main crossings.",
            "Local residents said they had noticed vehicles arriving at night but had not suspected anything unusual.",
            "Forensic tests confirmed the purity of the drugs, which the agency said were worth several million dollars at street prices.",
        ]);
        let mut paragraphs = vec![format!("{} - {} {when}", city.to_uppercase(), body[0])];
        paragraphs.push(format!("{} {}", body[1], more));
        paragraphs.push(format!("{} {}", body[2], body[3]));
        paragraphs.push(format!("{cooperation} {extra}"));
        paragraphs.push(background);
        let title = format!("{} of {substance} seized in {city}", capital(&amount));
        SyntheticReport {
            id: format!("synthetic-{}-{index}", self.seed),
            title: title.clone(),
            date,
            source: format!("Synthetic {} Courier", self.country_name(destination)),
            text: format!("{title}\n\n{}", paragraphs.join("\n\n")),
        }
    }
}

fn capital(text: &str) -> String {
    crate::extract::text::capitalised_first(text)
}

fn number(n: u32) -> String {
    ["zero", "one", "two", "three", "four", "five", "six", "seven"]
        .get(n as usize)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_reports_and_another_seed_others() {
        let gazetteers = Gazetteers::embedded().unwrap();
        let a = Generator::new(gazetteers, 7);
        let b = Generator::new(gazetteers, 7);
        let c = Generator::new(gazetteers, 8);
        assert_eq!(a.report(12), b.report(12));
        assert_ne!(a.report(12).text, c.report(12).text);
        let texts: std::collections::BTreeSet<String> = (0..200).map(|i| a.report(i).text).collect();
        assert_eq!(texts.len(), 200, "every report differs");
        let words: usize = (0..200).map(|i| a.report(i).text.split_whitespace().count()).sum();
        assert!((150..=320).contains(&(words / 200)), "about 230 words a report: {}", words / 200);
    }
}
