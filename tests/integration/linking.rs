//! Linking across reports: each resolution rule with invented reports, the
//! "must not merge" cases, the alias file, and explanations from the CLI.

use crate::support::Workspace;
use narcograph::link::AliasRules;
use narcograph::model::{EntityKind, Report, ReportMetadata};
use narcograph::pipeline::extract_linked;
use narcograph::rdf::iri;

/// One entity of one report: type, label in the report, canonical label, IRI.
type Linked = (EntityKind, String, String, String);

/// Extracts the texts together and returns each report's entities.
fn linked(texts: &[&str], aliases: &AliasRules) -> Vec<Vec<Linked>> {
    let reports: Vec<Report> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Report::new(format!("r{i}.txt"), *t, ReportMetadata::default()))
        .collect();
    let narcograph::pipeline::Extracted { extractions, linking, diagnostics } =
        extract_linked(&reports, aliases).unwrap();
    assert!(diagnostics.is_empty());
    extractions
        .iter()
        .map(|(_, x)| {
            x.entities
                .iter()
                .map(|e| {
                    let canonical = linking.canonical(&e.key);
                    let label = linking.entity(canonical).map_or_else(|| e.label.clone(), |l| l.label.clone());
                    (e.kind, e.label.clone(), label, iri::entity(canonical))
                })
                .collect()
        })
        .collect()
}

/// The IRI of the entity with this label (as written in the report, or canonical).
fn id_of(report: &[Linked], label: &str) -> String {
    report
        .iter()
        .find(|(_, local, canonical, _)| local == label || canonical == label)
        .map(|(_, _, _, id)| id.clone())
        .unwrap_or_else(|| panic!("{label} not in {report:#?}"))
}

#[test]
fn agency_short_and_long_forms_are_one_entity() {
    let reports = linked(
        &[
            "The Kazakh Interior Ministry said 5 kg of heroin were seized.",
            "The Ministry of Internal Affairs of the Republic of Kazakhstan reported a seizure.",
            "According to the Interior Ministry, Kazakh police detained two couriers.",
        ],
        &AliasRules::none(),
    );
    let first = id_of(&reports[0], "Ministry of Internal Affairs of Kazakhstan");
    assert_eq!(first, id_of(&reports[1], "Ministry of Internal Affairs of Kazakhstan"));
    assert_eq!(first, id_of(&reports[2], "Ministry of Internal Affairs of Kazakhstan"));
}

#[test]
fn an_acronym_defined_in_one_report_resolves_in_another() {
    let reports = linked(
        &[
            "BISHKEK - The Anti-Drug Coordination Bureau (ADCB) of Kyrgyzstan seized heroin in Osh.",
            "BISHKEK - The ADCB said on Tuesday that 40 kg of hashish had been seized in Kyrgyzstan.",
        ],
        &AliasRules::none(),
    );
    let defined = id_of(&reports[0], "Anti-Drug Coordination Bureau of Kyrgyzstan");
    let used = reports[1].iter().find(|(k, _, _, _)| *k == EntityKind::Agency).expect("agency in second report");
    assert_eq!(used.3, defined, "{reports:#?}");
}

#[test]
fn transliterations_and_middle_initials_are_one_person() {
    let reports = linked(
        &[
            "\"We will continue,\" said Colonel Bakhytzhan Amirkhanov of the Kazakh police.",
            "\"The channel is closed,\" said Colonel Bakhytzhan Amirhanov of the Kazakh police.",
            "Michael J. Garcia, the United States Attorney, spoke. Garcia said more.",
            "Michael Garcia, the prosecutor, announced the verdict.",
        ],
        &AliasRules::none(),
    );
    assert_eq!(id_of(&reports[0], "Bakhytzhan Amirkhanov"), id_of(&reports[1], "Bakhytzhan Amirkhanov"));
    assert_eq!(id_of(&reports[2], "Michael J. Garcia"), id_of(&reports[3], "Michael J. Garcia"));
}

#[test]
fn a_surname_alone_is_the_full_name_within_a_report() {
    let reports = linked(
        &["Colonel Aibek Toktogulov said the seizure was large. Toktogulov added that two men were held."],
        &AliasRules::none(),
    );
    let people: Vec<_> = reports[0].iter().filter(|(k, _, _, _)| k.is_person()).collect();
    assert_eq!(people.len(), 1, "{people:?}");
}

#[test]
fn people_known_only_by_initials_keep_to_their_report() {
    let reports = linked(
        &[
            "Police arrested a suspect, citizen A.M., with 2 kg of heroin. A.M. was charged.",
            "Customs officers detained a courier, citizen A.M., at Almaty airport.",
            "Задержан гражданин А.Б., 1975 года рождения, с 2 кг героина.",
            "В Оше задержан гражданин А.Б. с партией гашиша.",
        ],
        &AliasRules::none(),
    );
    // One person within a report, named twice ...
    let people: Vec<_> = reports[0].iter().filter(|(k, _, _, _)| k.is_person()).collect();
    assert_eq!(people.len(), 1, "{people:?}");
    // ... but never one with the "A.M." of another report.
    assert_ne!(id_of(&reports[0], "A.M."), id_of(&reports[1], "A.M."));
    assert_ne!(id_of(&reports[2], "А.Б."), id_of(&reports[3], "А.Б."));
    // A full name still links across reports.
    let named = linked(
        &["Задержан гражданин Ахметов А.Б. с героином.", "Задержан гражданин Ахметов А.Б. в Оше."],
        &AliasRules::none(),
    );
    assert_eq!(id_of(&named[0], "A.B. Akhmetov"), id_of(&named[1], "A.B. Akhmetov"));
}

#[test]
fn people_with_different_given_names_are_never_merged() {
    let reports = linked(
        &["Colonel Ivan Petrov said the case was closed.", "Colonel Sergei Petrov said the case was open."],
        &AliasRules::none(),
    );
    assert_ne!(id_of(&reports[0], "Ivan Petrov"), id_of(&reports[1], "Sergei Petrov"));
}

#[test]
fn agencies_of_different_countries_are_never_merged() {
    let reports = linked(
        &[
            "The Ministry of Internal Affairs of Kazakhstan seized heroin.",
            "The Ministry of Internal Affairs of Kyrgyzstan seized heroin.",
        ],
        &AliasRules::none(),
    );
    assert_ne!(
        id_of(&reports[0], "Ministry of Internal Affairs of Kazakhstan"),
        id_of(&reports[1], "Ministry of Internal Affairs of Kyrgyzstan")
    );
}

#[test]
fn a_branch_links_across_reports_but_never_with_its_parent_or_another_bodys_branch() {
    let reports = linked(
        &[
            "The FBI's Chicago Division arrested two couriers.",
            "The Chicago Division of the Federal Bureau of Investigation seized cocaine.",
            "The DEA Chicago Division seized heroin. The FBI seized cocaine.",
        ],
        &AliasRules::none(),
    );
    // One branch, however the report calls its parent.
    let branch = id_of(&reports[0], "FBI Chicago Division");
    assert_eq!(branch, id_of(&reports[1], "Chicago Division of the Federal Bureau of Investigation"));
    // Never its parent, never the other body's branch of the same name.
    assert_ne!(branch, id_of(&reports[2], "Federal Bureau of Investigation"));
    assert_ne!(branch, id_of(&reports[2], "DEA Chicago Division"));
}

#[test]
fn the_alias_file_forces_and_forbids_merges() {
    let texts = ["Colonel Ruslan Kadyrov said it.", "Colonel Ruslan Kadirov said it again."];
    let merged = linked(&texts, &AliasRules::none());
    assert_eq!(id_of(&merged[0], "Ruslan Kadyrov"), id_of(&merged[1], "Ruslan Kadirov"));
    let forbid = AliasRules::parse("aliases.tsv", "different\tOfficial\tRuslan Kadyrov\tRuslan Kadirov\n").unwrap();
    let apart = linked(&texts, &forbid);
    assert_ne!(apart[0][0].3, apart[1][0].3, "{apart:?}");
    let force = AliasRules::parse("aliases.tsv", "same\tAgency\tFIOD\tDutch customs\n").unwrap();
    let forced =
        linked(&["The FIOD seized cocaine in Rotterdam.", "Dutch customs seized cocaine in Rotterdam."], &force);
    let fiod = forced[0].iter().find(|(k, _, _, _)| *k == EntityKind::Agency).unwrap();
    let customs = forced[1].iter().find(|(k, _, _, _)| *k == EntityKind::Agency).unwrap();
    assert_eq!(fiod.3, customs.3, "{forced:#?}");
}

#[test]
fn entities_are_listed_and_explained_from_the_store() {
    let ws = Workspace::new();
    ws.write("a.txt", "ALMATY - The Kazakh Interior Ministry said 5 kg of heroin were seized in Almaty.");
    ws.write(
        "b.txt",
        "ASTANA - The Ministry of Internal Affairs of the Republic of Kazakhstan reported a seizure in Astana.",
    );
    ws.load(&[&ws.path("a.txt"), &ws.path("b.txt")]).ok();
    let listed = ws.run(&["entities", "--type", "agency", "--min-reports", "2", "--format", "json"]).ok().json();
    let agencies = listed.as_array().unwrap();
    assert_eq!(agencies.len(), 1, "{listed}");
    assert_eq!(agencies[0]["label"], "Ministry of Internal Affairs of Kazakhstan");
    assert_eq!(agencies[0]["reports"], 2);
    let explained = ws.run(&["entities", "--explain", "Kazakh Interior Ministry"]).ok();
    assert!(
        explained.stdout.contains("Ministry of Internal Affairs of Kazakhstan (Agency) named in 2 reports"),
        "{}",
        explained.stdout
    );
    assert!(explained.stdout.contains("a.txt: \"Kazakh Interior Ministry\""), "{}", explained.stdout);
    assert!(
        explained.stdout.contains("b.txt: \"Ministry of Internal Affairs of the Republic of Kazakhstan\""),
        "{}",
        explained.stdout
    );
    let table = ws.run(&["entities"]).ok();
    assert!(table.stdout.contains("Kazakhstan"), "{}", table.stdout);
}

#[test]
fn an_explanation_shows_what_each_rule_compared_and_every_sentence() {
    let ws = Workspace::new();
    ws.write("a.txt", "Colonel Ruslan Kadyrov said 5 kg of heroin were seized in Osh.");
    ws.write("b.txt", "Colonel Ruslan Kadirov said the heroin came from Tajikistan. Kadirov said more would follow.");
    ws.load(&[&ws.path("a.txt"), &ws.path("b.txt")]).ok();
    let explained = ws.run(&["entities", "--explain", "Ruslan Kadyrov"]).ok().stdout;
    // The fuzzy match says what scored 1.000 (the transliterated surnames), and
    // how close the names are as written.
    assert!(explained.contains("merged by rule person-variant"), "{explained}");
    assert!(explained.contains("after transliteration, Jaro-Winkler 1.000"), "{explained}");
    assert!(explained.contains("as written, \"kadyrov\" and \"kadirov\": 0.9"), "{explained}");
    // Every mention, the entity's own key's included, comes with its sentence.
    assert!(explained.contains("\"Kadirov\" in: Kadirov said more would follow."), "{explained}");
    assert!(explained.contains("in: Colonel Ruslan Kadyrov said 5 kg of heroin were seized in Osh."), "{explained}");
}

#[test]
fn every_route_can_be_traced_to_its_sentence() {
    let ws = Workspace::new();
    let path = ws.write(
        "r.txt",
        "Headline\n\nIn Osh, police said the heroin was smuggled from Tajikistan into Kyrgyzstan. Two men were held.",
    );
    ws.load(&[&path]).ok();
    let rows = ws.run(&["query", "--name", "route-evidence", "--format", "json"]).ok();
    let rows = crate::support::bindings(&rows.json());
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["sentence"], "In Osh, police said the heroin was smuggled from Tajikistan into Kyrgyzstan.");
    assert_eq!(rows[0]["start"], "10");
}

/// Three invented reports: a courier named in full, a report on his case
/// naming nobody, and one naming him with a middle initial, which makes the
/// fuller name the cluster's canonical key.
const COURIER: &str = "Border guards detain heroin courier in Osh\n\nOSH, Kyrgyzstan, 3 May 2024 - Officers of the \
    State Committee for National Security detained Rustam Karimov, 41, at a checkpoint near Osh. He was carrying \
    12 kilograms of heroin smuggled from Afghanistan through Tajikistan to Kazakhstan, the committee said.\n";
const CHARGED: &str = "Courier charged in Osh heroin case\n\nBISHKEK, Kyrgyzstan, 20 May 2024 - Prosecutors \
    charged a man detained with 12 kilograms of heroin near Osh, who had made three earlier trips from Tajikistan \
    to Kazakhstan.\n";
const SENTENCED: &str = "Courier sentenced in Bishkek\n\nBISHKEK, Kyrgyzstan, 2 June 2024 - A court in Bishkek \
    sentenced Rustam A. Karimov to twelve years for smuggling heroin from Afghanistan to Kazakhstan, the \
    Prosecutor General's Office said.\n";
const HASHISH: &str = "Hashish seized in Almaty\n\nALMATY, Kazakhstan, 2 June 2024 - Police in Almaty seized 40 \
    kilograms of hashish smuggled from Kyrgyzstan, the Interior Ministry said. Two men were detained.\n";

/// The canonical entity the courier's report links him to.
fn courier_denotes(ws: &Workspace) -> Vec<String> {
    let rows =
        ws.select("SELECT DISTINCT ?c WHERE { GRAPH ?g { ?l ng:localKey \"person/rustam-karimov\" ; ng:denotes ?c } }");
    rows.iter().filter_map(|row| row["c"].as_str().map(str::to_owned)).collect()
}

/// Every kept key state, as text.
fn key_states(ws: &Workspace) -> Vec<String> {
    let rows = ws.select(
        "SELECT ?s ?v WHERE { GRAPH <https://w3id.org/narcograph/graph/state> { ?s ng:keyState ?v } } ORDER BY ?s",
    );
    rows.iter().map(|row| format!("{} {}", row["s"], row["v"])).collect()
}

#[test]
fn loads_that_move_a_key_between_clusters_give_the_store_one_load_gives() {
    let ws = Workspace::new();
    let courier = ws.write("courier.txt", COURIER);
    let charged = ws.write("charged.txt", CHARGED);
    let later = ws.write("later.txt", SENTENCED);
    ws.load(&[&courier]).ok();
    ws.load(&[&charged]).ok();
    assert_eq!(courier_denotes(&ws), ["https://w3id.org/narcograph/id/person/rustam-karimov"]);
    // The fuller name arrives: the report stored before is rewritten to it.
    ws.load(&[&later]).ok();
    assert_eq!(courier_denotes(&ws), ["https://w3id.org/narcograph/id/person/rustam-a-karimov"]);
    // The input now holds another report: the fuller name goes, and the
    // first report links to the name it writes again.
    std::fs::write(&later, HASHISH).unwrap();
    ws.load(&[&later]).ok();
    assert_eq!(courier_denotes(&ws), ["https://w3id.org/narcograph/id/person/rustam-karimov"]);

    let once = Workspace::new();
    once.load(&[&courier, &charged, &later]).ok();
    let dump = |ws: &Workspace| ws.run(&["export", "--format", "nquads", "--canonical"]).ok().stdout;
    let expected = dump(&once);
    assert!(expected.contains("rustam-karimov") && !expected.contains("rustam-a-karimov"));
    assert_eq!(dump(&ws), expected);
    let states = key_states(&once);
    assert!(states.iter().any(|s| s.contains("person/rustam-karimov")), "{states:?}");
    assert_eq!(key_states(&ws), states);
    // A rebuild from every report's local entities gives the same again.
    ws.run(&["repair"]).ok();
    assert_eq!(dump(&ws), expected);
    assert_eq!(key_states(&ws), states);
}

#[test]
fn a_russian_and_an_english_report_name_the_same_entities_with_one_id() {
    let reports = linked(
        &[
            "Сотрудники КНБ РК задержали в Алматы гражданина, который пытался переправить из \
             Таджикистана в Казахстан 40 кг героина. В отношении Сапарова Ерлана Маратовича возбуждено дело.",
            "Officers of Kazakhstan's National Security Committee said that Erlan Saparov, \
             detained in Almaty, had tried to smuggle 40 kilograms of heroin from Tajikistan.",
        ],
        &AliasRules::none(),
    );
    let (russian, english) = (&reports[0], &reports[1]);
    for label in ["Kazakhstan", "Tajikistan", "Almaty", "National Security Committee of Kazakhstan", "heroin"] {
        assert_eq!(id_of(russian, label), id_of(english, label), "{label}");
    }
    assert_eq!(id_of(russian, "Erlan Saparov"), id_of(english, "Erlan Saparov"));
}
