//! Extraction rules, one phenomenon per test, each with positive and negative
//! cases (hard negatives included: a city used as a person's name, "the
//! police" with no place, "ice" the weather, "crack" the verb).

use narcograph::extract::{Gazetteers, extract};
use narcograph::model::{EntityKind, Extraction, Report, ReportMetadata};

pub(crate) fn run(text: &str) -> Extraction {
    let metadata = ReportMetadata { date: Some("2024-06-01".to_owned()), ..ReportMetadata::default() };
    let report = Report::new("test.txt", text, metadata);
    extract(&report, Gazetteers::embedded().unwrap())
}

pub(crate) fn labels(extraction: &Extraction, kind: EntityKind) -> Vec<String> {
    extraction.entities.iter().filter(|e| e.kind == kind).map(|e| e.label.clone()).collect()
}

#[track_caller]
pub(crate) fn has(text: &str, kind: EntityKind, label: &str) {
    let extraction = run(text);
    assert!(
        labels(&extraction, kind).contains(&label.to_owned()),
        "{kind} {label:?} not found in {text:?}: {:#?}",
        all(&extraction)
    );
}

#[track_caller]
pub(crate) fn has_not(text: &str, kind: EntityKind, label: &str) {
    let extraction = run(text);
    assert!(!labels(&extraction, kind).contains(&label.to_owned()), "{kind} {label:?} wrongly found in {text:?}");
}

#[track_caller]
pub(crate) fn none_of(text: &str, kind: EntityKind) {
    let extraction = run(text);
    assert!(labels(&extraction, kind).is_empty(), "no {kind} expected in {text:?}: {:?}", labels(&extraction, kind));
}

pub(crate) fn all(extraction: &Extraction) -> Vec<(EntityKind, String)> {
    extraction.entities.iter().map(|e| (e.kind, e.label.clone())).collect()
}

pub(crate) fn routes(extraction: &Extraction) -> Vec<(String, String, Vec<String>)> {
    let label = |i: usize| extraction.entities[i].label.clone();
    extraction
        .routes
        .iter()
        .map(|r| (label(r.origin), label(r.destination), r.via.iter().map(|&v| label(v)).collect()))
        .collect()
}

#[track_caller]
pub(crate) fn has_route(text: &str, origin: &str, destination: &str) {
    let found = routes(&run(text));
    assert!(
        found.iter().any(|(o, d, _)| o == origin && d == destination),
        "route {origin} -> {destination} not in {found:?} for {text:?}"
    );
}

#[track_caller]
pub(crate) fn no_routes(text: &str) {
    let found = routes(&run(text));
    assert!(found.is_empty(), "no route expected in {text:?}, found {found:?}");
}

use EntityKind::*;

#[test]
fn a_report_in_a_language_without_rules_gives_no_entities_and_says_its_language() {
    // Capitalised Ukrainian words and a Ukrainian country name: the English
    // rules would read names into them, and Ukrainian has no rules of its own.
    let text = "Співробітники Служби безпеки затримали Іваненка Сергія та Петренка Андрія, \
                які намагалися переправити з Таджикистану до України понад сорок кілограмів \
                героїну. Наркотики були заховані у схованці вантажного автомобіля.";
    let extraction = run(text);
    assert!(extraction.entities.is_empty(), "{:?}", extraction.entities);
    assert_eq!(extraction.fact_count(), 0);
    assert!(!extraction.language.has_rules);
    assert_ne!(extraction.language.code.as_deref(), Some("eng"));
    assert_ne!(extraction.language.code.as_deref(), Some("rus"));
    assert!(!extraction.sentences.is_empty());
    // An English report keeps its rules and says it is English.
    let english = run("Border guards said that the heroin was seized in Kazakhstan from a truck \
                       that had come from Tajikistan, and that the driver was detained by the \
                       police of the district for questioning with the help of the customs service.");
    assert!(english.language.has_rules);
    assert_eq!(english.language.code.as_deref(), Some("eng"));
}

#[test]
fn countries_by_name_short_form_and_demonym() {
    has("Heroin was seized in Kazakhstan.", Country, "Kazakhstan");
    has("The U.S. and UK agreed.", Country, "United States");
    has("The U.S. and UK agreed.", Country, "United Kingdom");
    has("Kazakh police seized hashish.", Country, "Kazakhstan");
    has("Afghan heroin remains cheap.", Country, "Afghanistan");
    has("Dutch customs found cocaine.", Country, "Netherlands");
    has("Cocaine arrived from the Netherlands.", Country, "Netherlands");
    // A common word in lowercase, a person's name, a newspaper's name.
    none_of("We ate turkey and a chad of paper.", Country);
    has_not("Jordan Reed, the driver, was arrested.", Country, "Jordan");
    has_not("Chad Williams said the trial starts today.", Country, "Chad");
}

#[test]
fn cities_need_context_when_their_names_are_common_words() {
    has("Police in Almaty seized heroin.", City, "Almaty");
    has("The Alma-Ata market and Nur-Sultan airport were searched.", City, "Almaty");
    has("The Alma-Ata market and Nur-Sultan airport were searched.", City, "Astana");
    has("MOBILE, Ala. - Agents seized cocaine.", City, "Mobile");
    has("The heroin was seized in Reading last week.", City, "Reading");
    none_of("Reading the report, the mobile unit paused.", City);
    // A city's name as a person's name.
    has_not("Victoria Nuland met the minister.", City, "Victoria");
    has_not("Detective Kevin Houston testified.", City, "Houston");
}

#[test]
fn ambiguous_city_names_follow_the_countries_the_report_names() {
    let extraction = run("Drugs were found in Victoria, the capital of the Seychelles.");
    let victoria = extraction.entities.iter().find(|e| e.label == "Victoria").expect("Victoria");
    assert_eq!(victoria.country.as_deref(), Some("SC"));
}

#[test]
fn regions_with_designators_borders_seas_and_districts() {
    has("Police seized opium in the Osh region.", Region, "Osh Region");
    has("It came through the Batken oblast.", Region, "Batken Region");
    has("They crossed the Tajik-Afghan border at night.", Region, "Tajikistan-Afghanistan border");
    has("Boats cross the Caspian Sea.", Region, "Caspian Sea");
    has("Trafficking in Central Asia grew.", Region, "Central Asia");
    has("The court for the Southern District of New York sentenced him.", Region, "Southern District of New York");
    has("Officers at the Eagle Pass Port of Entry found it.", Region, "Eagle Pass Port of Entry");
    has("It was found in Sistan and Baluchestan province.", Region, "Sistan and Baluchestan Province");
    // "Osh" alone is the city, not the region; a state inside a cartel's name is no place.
    has_not("Police in Osh seized opium.", Region, "Osh Region");
    none_of("Members of the Sinaloa Cartel were charged.", Region);
}

#[test]
fn agencies_by_rule_acronym_and_lexicon() {
    has("The Kazakh Interior Ministry said 5 kg were seized.", Agency, "Ministry of Internal Affairs of Kazakhstan");
    has(
        "The Ministry of Internal Affairs of the Republic of Kazakhstan reported the case.",
        Agency,
        "Ministry of Internal Affairs of Kazakhstan",
    );
    has("Almaty police seized a parcel.", Agency, "Almaty Police");
    has("Kyrgyz police detained two men.", Agency, "Police of Kyrgyzstan");
    has("Officers of the DEA arrested him.", Agency, "Drug Enforcement Administration");
    has(
        "The State Committee for National Security (SCNS) of Kyrgyzstan opened a case. The SCNS said more.",
        Agency,
        "State Committee for National Security of Kyrgyzstan",
    );
    has(
        "Agents of the Anti-Terrorism Contraband Enforcement Team boarded the ship.",
        Agency,
        "Anti-Terrorism Contraband Enforcement Team",
    );
    // "the police" with no place, companies and laws are not agencies.
    none_of("The police said the investigation continues.", Agency);
    none_of("Employees of Avianca Airlines and Kazpost helped.", Agency);
    none_of("He was designated under the Foreign Narcotics Kingpin Designation Act.", Agency);
}

#[test]
fn sub_units_name_their_parent() {
    let extraction = run(
        "said the deputy head of the department for combating drug crimes of the Ministry of Internal Affairs of Kazakhstan, Bakhytzhan Amirkhanov.",
    );
    let unit = extraction
        .entities
        .iter()
        .find(|e| e.label == "Department for Combating Drug Crimes of the Ministry of Internal Affairs of Kazakhstan")
        .expect("sub-unit");
    let parent = unit.parent.map(|p| extraction.entities[p].label.clone());
    assert_eq!(parent.as_deref(), Some("Ministry of Internal Affairs of Kazakhstan"));
}

#[test]
fn ranks_honorifics_and_an_agencys_acronym_are_no_part_of_a_name() {
    let text = "AFP Detective Superintendent Craig Bellis said heroin was seized. \"It is harm,\" Detective \
                Superintendent Bellis said. \"Harm,\" Det Acting Supt Bellis added. – The Honourable Marco \
                Mendicino, Minister of Public Safety";
    has(text, Official, "Craig Bellis");
    has(text, Official, "Marco Mendicino");
    has_not(text, Official, "Afp Detective Superintendent Craig Bellis");
    has_not(text, Official, "Superintendent Bellis");
    has_not(text, Official, "Supt Bellis");
    has_not(text, Official, "Honourable Marco Mendicino");
    // A surname after a rank, with no full name in the report, is still the person.
    has("\"We acted,\" Detective Superintendent Williams said of the heroin.", Official, "Williams");
    // A name written all in capitals keeps its first word.
    has("LEONIDAS MOLINA-TRIANA was arrested for heroin trafficking.", Person, "Leonidas Molina-Triana");
}

#[test]
fn officials_and_persons_told_apart_by_role() {
    let text =
        "DEA Administrator Anne Milgram said the case was closed. Maulabaksh Gorgeech, 43, was arrested in Bangkok.";
    has(text, Official, "Anne Milgram");
    has(text, Person, "Maulabaksh Gorgeech");
    has(
        "\"We will continue,\" said the deputy head of the department, Bakhytzhan Amirkhanov.",
        Official,
        "Bakhytzhan Amirkhanov",
    );
    has("As President Trump has made clear, cartels are terrorists.", Official, "Trump");
    has("Police detained a citizen A.M. at the station.", Person, "A.M.");
    // Titles, headlines and organisations are not people.
    none_of("Top Taliban Associate and Former Mujahideen Warlord Found Guilty", Person);
    none_of("Special Agent in Charge offices opened.", Official);
    // A unit's name ends like an organisation, not like a person.
    none_of("Officers of the National Organised Crime Group seized methamphetamine.", Person);
    none_of("Detectives of the Serious Crime Squad arrested two men.", Person);
}

#[test]
fn surnames_and_aliases_resolve_to_the_full_name() {
    let extraction = run("BASHIR NOORZAI, a/k/a \"Haji Bashir Noorzai,\" was arrested. Later, Noorzai pleaded guilty.");
    let people: Vec<_> = extraction.entities.iter().filter(|e| e.kind.is_person()).collect();
    assert_eq!(people.len(), 1, "{people:#?}");
    assert_eq!(people[0].label, "Bashir Noorzai");
    assert!(people[0].mentions.iter().any(|m| m.text == "Noorzai"));
    assert!(people[0].aliases.iter().any(|a| a == "Haji Bashir Noorzai"));
}

#[test]
fn criminal_groups_known_and_named() {
    has("Members of the Sinaloa Cartel and the CJNG were charged.", CriminalGroup, "Sinaloa Cartel");
    has("Members of the Sinaloa Cartel and the CJNG were charged.", CriminalGroup, "Jalisco New Generation Cartel");
    has(
        "He led a heroin-trafficking organization (the \"Noorzai Organization\").",
        CriminalGroup,
        "Noorzai Organization",
    );
    // The Taliban counts only where it traffics.
    has_not("He was a strong ally of the Taliban regime.", CriminalGroup, "Taliban");
    has("The Taliban taxed opium smuggling through the province.", CriminalGroup, "Taliban");
}

#[test]
fn substances_and_street_names_only_in_a_drug_context() {
    has("Police seized 5 kg of ecstasy.", Substance, "MDMA");
    has("The cannabinoid group drugs dominate.", Substance, "cannabis");
    has("Officers seized 2 kg of ice and 10 grams of crack.", Substance, "methamphetamine");
    has("Officers seized 2 kg of ice and 10 grams of crack.", Substance, "crack cocaine");
    // UNODC's two forms of cannabis: the herb is marijuana, the resin hashish.
    has("Most cannabis herb seized in Belgium came from the Netherlands.", Substance, "marijuana");
    has("Herbal cannabis and cannabis resin were seized.", Substance, "hashish");
    has_not("Most cannabis herb seized in Belgium came from the Netherlands.", Substance, "hashish");
    // Weather, a verb, an agency's acronym, and the bare word "drugs".
    none_of("Ice on the road caused a crash in winter.", Substance);
    none_of("Police vowed to crack down on smuggling of goods.", Substance);
    none_of("ICE agents and CBP officers seized the narcotics.", Substance);
    none_of("The drugs and narcotic drugs were destroyed.", Substance);
}

#[test]
fn seizures_normalise_quantities_to_kilograms() {
    let extraction = run(
        "Police seized about 0.5-1.0 kilogram of cocaine and more than 17 tons of poppy straw and 3,000 ecstasy pills.",
    );
    let by_label = |label: &str| {
        extraction
            .seizures
            .iter()
            .find(|s| s.substances.iter().any(|&i| extraction.entities[i].label == label))
            .and_then(|s| s.quantity.clone())
            .unwrap_or_else(|| panic!("no seizure of {label}: {:#?}", extraction.seizures))
    };
    let cocaine = by_label("cocaine");
    assert_eq!((cocaine.min_kg, cocaine.max_kg), (Some(0.5), Some(1.0)));
    let straw = by_label("poppy straw");
    assert_eq!((straw.min_kg, straw.max_kg), (Some(17000.0), None));
    let pills = by_label("MDMA");
    assert_eq!((pills.count, pills.count_unit.as_deref()), (Some(3000.0), Some("pills")));
}

#[test]
fn routes_from_the_many_ways_reports_state_them() {
    has_route("The cocaine was smuggled into Kazakhstan from Italy and Poland.", "Italy", "Kazakhstan");
    has_route("The cocaine was smuggled into Kazakhstan from Italy and Poland.", "Poland", "Kazakhstan");
    let via = routes(&run("Heroin is smuggled from Afghanistan to Russia via Tajikistan and Kyrgyzstan."));
    assert!(
        via.iter().any(|(o, d, v)| o == "Afghanistan" && d == "Russia" && v == &["Tajikistan", "Kyrgyzstan"]),
        "{via:?}"
    );
    has_route("Police stopped a Russia-bound truck from Kazakhstan carrying heroin.", "Kazakhstan", "Russia");
    has_route("The heroin was destined for Turkey after crossing from Iran.", "Iran", "Turkey");
    has_route("Most drugs are smuggled into the country from Iran, Kazakh police said.", "Iran", "Kazakhstan");
    has_route("Afghan heroin is smuggled to Europe.", "Afghanistan", "Europe");
    has_route(
        "The cocaine went from Colombia to Mexico and ultimately into the United States.",
        "Colombia",
        "United States",
    );
}

#[test]
fn movements_of_people_and_plain_seizures_are_not_routes() {
    no_routes("The suspect was extradited from Thailand to the United States to face drug charges.");
    no_routes("Police seized 5 kg of heroin in Almaty.");
    no_routes("Afghan heroin was seized in Osh.");
    no_routes("The heroin was produced in Kazakhstan and intended for distribution in Kazakhstan.");
}

#[test]
fn concealment_and_conveyance_are_kept() {
    let extraction = run("Cocaine was smuggled into Kazakhstan from Poland hidden in coffee capsules sent by parcel.");
    let route = extraction.routes.first().expect("route");
    assert_eq!(route.concealment.as_deref(), Some("coffee capsules"));
    assert_eq!(route.conveyance.as_deref(), Some("parcel"));
}

#[test]
fn facts_keep_their_evidence_span() {
    let text = "Headline.\n\nHeroin was smuggled from Tajikistan into Kyrgyzstan. Nothing else.";
    let extraction = run(text);
    let route = extraction.routes.first().expect("route");
    assert_eq!(route.evidence.sentence.slice(text), "Heroin was smuggled from Tajikistan into Kyrgyzstan.");
    for entity in &extraction.entities {
        for mention in &entity.mentions {
            assert_eq!(mention.span.slice(text), mention.text);
        }
    }
}

#[test]
fn dates_and_cooperation() {
    let extraction = run(
        "On June 1, 2004, the Drug Control Agency said the operation was carried out in cooperation with the authorities of Russia and Kyrgyzstan. In 2023 more followed.",
    );
    let dates: Vec<&str> = extraction.dates.iter().map(|d| d.value.as_str()).collect();
    assert!(dates.contains(&"2004-06-01") && dates.contains(&"2023"), "{dates:?}");
    let parties: Vec<String> = extraction
        .cooperations
        .iter()
        .flat_map(|c| c.parties.iter())
        .map(|&p| extraction.entities[p].label.clone())
        .collect();
    assert!(parties.contains(&"Russia".to_owned()) && parties.contains(&"Kyrgyzstan".to_owned()), "{parties:?}");
}

#[test]
fn cooperation_is_the_body_with_each_partner_never_the_partners_with_each_other() {
    let pairs = |text: &str| -> Vec<(String, String)> {
        let extraction = run(text);
        let mut out: Vec<(String, String)> = extraction
            .cooperations
            .iter()
            .map(|c| {
                assert_eq!(c.parties.len(), 2, "one body and one partner: {text}");
                let mut pair =
                    [extraction.entities[c.parties[0]].label.clone(), extraction.entities[c.parties[1]].label.clone()];
                pair.sort();
                (pair[0].clone(), pair[1].clone())
            })
            .collect();
        out.sort();
        out
    };
    let owned = |items: &[(&str, &str)]| -> Vec<(String, String)> {
        items.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
    };
    // The body before the cue, a list after it: the body with each partner.
    assert_eq!(
        pairs(
            "The Tajik Drug Control Agency, in cooperation with the authorities of Russia, Kyrgyzstan and Australia, seized 20 kilograms of heroin."
        ),
        owned(&[
            ("Australia", "Drug Control Agency under the President of Tajikistan"),
            ("Drug Control Agency under the President of Tajikistan", "Kyrgyzstan"),
            ("Drug Control Agency under the President of Tajikistan", "Russia"),
        ])
    );
    // A list that opens the sentence: the subject after it is the body.
    assert_eq!(
        pairs("In cooperation with Afghanistan, Kyrgyzstan destroyed a drug laboratory."),
        owned(&[("Afghanistan", "Kyrgyzstan")])
    );
    // No list cue: the first party is the body; a country after "in" is where, not who.
    assert_eq!(
        pairs("The Drug Enforcement Administration and the FBI ran a joint operation in Kazakhstan."),
        owned(&[("Drug Enforcement Administration", "Federal Bureau of Investigation")])
    );
    // Partners with no body named: nobody to pair them with, so no cooperation
    // (they did not work with each other).
    assert!(
        pairs("The operation was carried out in cooperation with the authorities of Russia and Kyrgyzstan.").is_empty()
    );
    // "together with his brother": no party listed.
    assert!(pairs("Police in Almaty arrested the man together with his brother.").is_empty());
}

#[test]
fn extraction_never_panics_on_odd_text() {
    // Multi-byte characters next to every kind of cue the rules slice around.
    let pieces = [
        "“Heroin”",
        "from",
        "Kazakhstan",
        "’s",
        "a/k/a “Ёлка”",
        "—",
        "into",
        "İstanbul",
        "(SCNS)",
        "U.S.",
        "0.5-1.0 kg",
        "Department for Combating Drug Crimes of",
        "the",
        "Ministry of Internal Affairs of Kazakhstan",
        "A.M.",
        "\u{feff}",
        "日本",
        "said",
        "Colonel",
        "Bakhytzhan",
        "via",
        "the Caspian Sea",
        "hidden in",
        "€50",
        "-bound",
        ",",
        ".",
        "\n\n",
        "Sh.",
        "M.",
        "Rahimov",
        "(ADCB)",
        "of the",
        "police of",
        "federal court",
        "Jordan",
        "Taylor",
        "34",
        "March",
    ];
    let mut seed: u64 = 7;
    for _ in 0..300 {
        let mut text = String::new();
        for _ in 0..40 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            text.push(if seed.is_multiple_of(3) { ' ' } else { '\u{a0}' });
        }
        let extraction = run(&text);
        for entity in &extraction.entities {
            for mention in &entity.mentions {
                assert_eq!(mention.span.slice(&text), mention.text);
            }
        }
    }
}

#[test]
fn sample_reports_extract_as_recorded() {
    // A readable record of what the extractor finds in the sample reports; a
    // change in behaviour shows here as a diff to review (`cargo insta review`).
    let dir = crate::support::sample_reports().display().to_string();
    let run = crate::support::run_with(None, &["extract", &dir, "--format", "pretty"], None, &[]).ok();
    let prefix = format!("{}/", crate::support::root().display());
    insta::assert_snapshot!("sample_reports_pretty", run.stdout.replace(&prefix, ""));
}

#[test]
fn a_place_that_is_a_given_name_before_a_surname_and_a_title_is_a_person() {
    use EntityKind::{City, Country, Official, Region};
    // Positives: a given name that is also a place, a surname, then an
    // official's title in apposition.
    let text = "Victoria Brown, head of the investigation unit, said 4 kg of heroin came from Kabul.";
    has(text, Official, "Victoria Brown");
    has_not(text, City, "Victoria");
    has_not(text, Region, "Victoria");
    let text = "Georgia Lee, spokeswoman for the border service, confirmed the seizure.";
    has(text, Official, "Georgia Lee");
    has_not(text, Country, "Georgia");
    // Negatives: a place followed by a day, a month, or a word that names
    // part of a place is still the place, whatever follows the comma.
    has("The shipment reached Georgia Tuesday, chief inspector Levan Beridze said.", Country, "Georgia");
    has("Heroin from Kabul Monday, the police said, was bound for Almaty.", City, "Kabul");
    has("Officers in the Jordan Valley, head of the unit said, seized hashish.", Country, "Jordan");
    has("Police in Victoria, Australia, seized 5 kg of cocaine.", Region, "Victoria");
}

#[test]
fn a_place_before_a_comma_and_an_office_stays_a_place() {
    // "In" is also a given name; an office after the place is no apposition
    // to a person ("In Samara" is no name).
    has("In Samara, Prosecutor General's Office staff found 281 kg of cocaine.", EntityKind::City, "Samara");
    has("In Almaty, head of the city police Serik Akhmetov spoke.", EntityKind::City, "Almaty");
}
