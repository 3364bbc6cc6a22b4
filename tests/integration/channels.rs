//! Supply channels and graph views: channels joined across reports, filters,
//! graph algorithms, and the export formats (DOT rendered by Graphviz, GraphML
//! and GEXF parsed back as XML, JSON nodes and links).

use crate::cli::assert_dot_renders;
use crate::support::{self, Workspace};
use quick_xml::Reader;
use quick_xml::events::Event;

/// Two invented reports whose legs join: A -> B in one, B -> C in the other.
fn two_leg_store() -> Workspace {
    let ws = Workspace::new();
    ws.write(
        "leg1.md",
        "---\ndate: 2023-05-01\n---\nHeroin was smuggled from Afghanistan into Tajikistan, the Tajik Drug Control Agency said.\n",
    );
    ws.write(
        "leg2.md",
        "---\ndate: 2024-02-01\n---\nHeroin was smuggled from Tajikistan into Kyrgyzstan, Kyrgyz police said.\n",
    );
    ws.write(
        "other.md",
        "---\ndate: 2024-03-01\n---\nCocaine was smuggled from Ecuador into the Netherlands, Dutch customs said.\n",
    );
    ws.load(&[&ws.path("leg1.md"), &ws.path("leg2.md"), &ws.path("other.md")]).ok();
    ws
}

#[test]
fn a_channel_that_exists_only_by_joining_two_reports_is_found() {
    let ws = two_leg_store();
    let channels = ws.run(&["channels", "--to", "Kyrgyzstan", "--format", "json"]).ok().json();
    let places: Vec<Vec<String>> = channels
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["places"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_owned()).collect())
        .collect();
    assert!(
        places.contains(&vec!["Afghanistan".to_owned(), "Tajikistan".to_owned(), "Kyrgyzstan".to_owned()]),
        "{places:?}"
    );
    let joined = two_legged(&channels);
    assert_eq!(joined["reports"].as_array().unwrap().len(), 2, "{joined}");
}

#[test]
fn channel_filters_select_what_they_say() {
    let ws = two_leg_store();
    let count = |args: &[&str]| -> usize {
        let mut all = vec!["channels", "--format", "json"];
        all.extend(args);
        ws.run(&all).ok().json().as_array().unwrap().len()
    };
    assert_eq!(count(&["--from", "Ecuador"]), 1);
    assert_eq!(count(&["--via", "Tajikistan"]), 1);
    assert_eq!(count(&["--substance", "cocaine"]), 1);
    assert_eq!(count(&["--substance", "opiates", "--to", "Kyrgyzstan"]), 2);
    // The first leg is dated 2023, so since 2024 the joined channel disappears.
    assert_eq!(count(&["--since", "2024", "--to", "Kyrgyzstan"]), 1);
    assert_eq!(count(&["--max-hops", "1", "--to", "Kyrgyzstan"]), 1);
    let table = ws.run(&["channels", "--to", "Kyrgyzstan"]).ok();
    assert!(table.stdout.contains("Afghanistan -> Tajikistan -> Kyrgyzstan"), "{}", table.stdout);
    assert!(table.stdout.contains("leg1.md") && table.stdout.contains("leg2.md"), "{}", table.stdout);
    let unknown = ws.run(&["channels", "--to", "Atlantis"]).expect_code(2);
    assert!(unknown.stderr.contains("no entity is called \"Atlantis\""), "{}", unknown.stderr);
    assert_dot_renders(&ws.run(&["channels", "--format", "dot"]).ok().stdout);
}

#[test]
fn graph_algorithms_answer_from_the_store() {
    let ws = two_leg_store();
    let path = ws.run(&["graph", "path", "Afghanistan", "Kyrgyzstan"]).ok();
    assert!(path.stdout.contains("Afghanistan -[route]-> Tajikistan"), "{}", path.stdout);
    assert!(path.stdout.contains("Tajikistan -[route]-> Kyrgyzstan"), "{}", path.stdout);
    let centrality = ws.run(&["graph", "centrality"]).ok();
    let first_row = centrality.stdout.lines().nth(2).unwrap_or_default();
    assert!(first_row.starts_with("Tajikistan"), "the transit country is the hub:\n{}", centrality.stdout);
    let communities = ws.run(&["graph", "communities"]).ok();
    assert!(communities.stdout.contains("community 1"), "{}", communities.stdout);
    let neighbors = ws.run(&["graph", "neighbors", "Tajikistan", "--hops", "1"]).ok();
    assert!(
        neighbors.stdout.contains("Afghanistan") && neighbors.stdout.contains("Kyrgyzstan"),
        "{}",
        neighbors.stdout
    );
    assert!(!neighbors.stdout.contains("Ecuador"), "{}", neighbors.stdout);
}

#[test]
fn paths_and_centrality_walk_routes_unless_asked_for_more() {
    let ws = Workspace::new();
    ws.write(
        "route.md",
        "---\ndate: 2024-01-10\n---\nHeroin was smuggled from Afghanistan into Russia, Russian police said.\n",
    );
    ws.write(
        "meeting.md",
        "---\ndate: 2024-02-10\n---\nIn cooperation with Afghanistan, Kyrgyzstan destroyed a drug laboratory.\n",
    );
    ws.load(&[&ws.path("route.md"), &ws.path("meeting.md")]).ok();
    // The stated route, not a detour through a cooperation agreement.
    let path = ws.run(&["graph", "path", "Kyrgyzstan", "Russia"]).ok();
    assert!(path.stdout.contains("not connected by routes"), "{}", path.stdout);
    let direct = ws.run(&["graph", "path", "Afghanistan", "Russia"]).ok();
    assert!(direct.stdout.contains("Afghanistan -[route]-> Russia"), "{}", direct.stdout);
    assert!(!direct.stdout.contains("cooperates"), "{}", direct.stdout);
    // Asked for, cooperation is walked too.
    let wider = ws.run(&["graph", "path", "Kyrgyzstan", "Russia", "--relations", "routes,cooperation"]).ok();
    assert!(wider.stdout.contains("cooperates with"), "{}", wider.stdout);
    assert!(wider.stdout.contains("-[route]-> Russia"), "{}", wider.stdout);
    // Centrality over routes alone knows nothing of Kyrgyzstan; with cooperation it does.
    let routes = ws.run(&["graph", "centrality", "--view", "entities"]).ok();
    assert!(!routes.stdout.contains("Kyrgyzstan"), "{}", routes.stdout);
    let all = ws.run(&["graph", "centrality", "--view", "entities", "--relations", "routes,cooperation"]).ok();
    assert!(all.stdout.contains("Kyrgyzstan"), "{}", all.stdout);
    // An unknown kind is refused, not ignored.
    ws.run(&["graph", "path", "Afghanistan", "Russia", "--relations", "rumours"]).expect_code(2);
}

#[test]
fn a_seizure_with_no_date_is_counted_in_an_unknown_year() {
    let ws = Workspace::new();
    ws.write("undated.txt", "Police in Osh seized 12 kg of heroin.\n");
    ws.write("dated.md", "---\ndate: 2024-05-02\n---\nPolice in Osh seized 3 kg of hashish.\n");
    ws.load(&[&ws.path("undated.txt"), &ws.path("dated.md")]).ok();
    let rows =
        crate::support::bindings(&ws.run(&["query", "--name", "seizures-per-year", "--format", "json"]).ok().json());
    let years: Vec<&str> = rows.iter().filter_map(|r| r["year"].as_str()).collect();
    assert!(years.contains(&"unknown") && years.contains(&"2024"), "{rows:?}");
    assert!(!years.contains(&"unkn"), "{rows:?}");
}

#[test]
fn the_default_graph_holds_each_triple_once_so_counts_are_true() {
    let ws = Workspace::new();
    ws.load(&[&support::sample_reports()]).ok();
    // Two reports name one branch and its parent: each states it in its own graph.
    ws.write("a.txt", "The Naryn Branch of the State Customs Service of Kyrgyzstan seized 4 kg of heroin.\n");
    ws.write("b.txt", "The Naryn Branch of the State Customs Service of Kyrgyzstan seized 2 kg of hashish.\n");
    ws.load(&[&ws.path("a.txt"), &ws.path("b.txt")]).ok();
    let twice = ws.select(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g1 { ?s ?p ?o } GRAPH ?g2 { ?s ?p ?o } FILTER(STR(?g1) < STR(?g2)) }",
    );
    assert_eq!(twice[0]["n"], "0", "triples stored in two graphs: {twice:?}");
    // Counting seizures by a substance's SKOS label gives each seizure once.
    let seizures = ws.select("PREFIX ng: <https://w3id.org/narcograph/ontology#> SELECT (COUNT(?f) AS ?n) WHERE { ?f a ng:Seizure ; ng:substance ?s }");
    let by_label = ws.select(
        "PREFIX ng: <https://w3id.org/narcograph/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
         SELECT (COUNT(?f) AS ?n) WHERE { ?f a ng:Seizure ; ng:substance ?s . ?s skos:prefLabel ?label }",
    );
    assert_ne!(seizures[0]["n"], "0");
    assert_eq!(by_label[0]["n"], seizures[0]["n"]);
    // The canonical parent link is there once, for SPARQL over canonical entities.
    let parents = ws.select(
        "PREFIX org: <http://www.w3.org/ns/org#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
         PREFIX ng: <https://w3id.org/narcograph/ontology#>
         SELECT ?g WHERE { GRAPH ?g { ?a org:subOrganizationOf ?b } ?a a ng:Entity ; rdfs:label \"Naryn Branch of the State Customs Service of Kyrgyzstan\"@en }",
    );
    assert_eq!(parents.len(), 1, "{parents:?}");
}

#[test]
fn tables_show_a_few_reports_and_a_count_json_shows_all() {
    let ws = Workspace::new();
    let mut paths = Vec::new();
    // Seven different stories of one leg (not copies of one story).
    let stories = [
        "Border guards said 4 kg of heroin were smuggled from Afghanistan into Tajikistan by boat.",
        "A courier carried heroin from Afghanistan into Tajikistan hidden in a spare tyre, police said.",
        "Heroin trafficked from Afghanistan into Tajikistan was found in a truck of melons at the crossing.",
        "Investigators traced 12 kg of heroin smuggled from Afghanistan into Tajikistan to a farm near Kulob.",
        "Two men were detained after moving heroin from Afghanistan into Tajikistan across the Panj river.",
        "The agency said a network smuggled heroin from Afghanistan into Tajikistan for three years.",
        "Customs officers found heroin smuggled from Afghanistan into Tajikistan inside children's toys.",
    ];
    for (day, story) in stories.iter().enumerate() {
        let text = format!("---\ndate: 2024-03-0{}\n---\n{story}\n", day + 1);
        paths.push(ws.write(&format!("story{day}.md"), text));
    }
    let refs: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
    ws.load(&refs).ok();
    let table = ws.run(&["channels", "--to", "Tajikistan"]).ok().stdout;
    assert!(table.contains("and 4 more (7 in all)"), "{table}");
    assert!(table.lines().all(|line| line.len() < 300), "{table}");
    let path = ws.run(&["graph", "path", "Afghanistan", "Tajikistan"]).ok().stdout;
    assert!(path.contains("and 4 more (7 in all)"), "{path}");
    let json = ws.run(&["channels", "--to", "Tajikistan", "--format", "json"]).ok().json();
    assert_eq!(json[0]["reports"].as_array().map(Vec::len), Some(7), "{json}");
}

#[test]
fn places_carry_their_centres_in_the_entities_graph() {
    let ws = two_leg_store();
    let rows = ws.select(
        "PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
         SELECT ?lat ?long WHERE { GRAPH <https://w3id.org/narcograph/graph/entities> { ?e rdfs:label \"Tajikistan\"@en ; geo:lat ?lat ; geo:long ?long } }",
    );
    let number = |v: &serde_json::Value| v.as_str().and_then(|t| t.parse::<f64>().ok()).unwrap_or(f64::NAN);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!((number(&rows[0]["lat"]) - 38.8).abs() < 2.0 && (number(&rows[0]["long"]) - 71.0).abs() < 3.0, "{rows:?}");
}

fn count_elements(xml: &str, name: &[u8]) -> usize {
    let mut reader = Reader::from_str(xml);
    let mut count = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.name().as_ref() == name => count += 1,
            Ok(Event::Eof) => break,
            Err(error) => panic!("malformed XML at {}: {error}", reader.buffer_position()),
            _ => {}
        }
    }
    count
}

#[test]
fn exports_are_well_formed_and_agree_with_each_other() {
    let ws = Workspace::new();
    ws.load(&[&support::sample_reports()]).ok();
    let json = ws.run(&["export", "--format", "json"]).ok().json();
    let nodes = json["nodes"].as_array().unwrap().len();
    let links = json["links"].as_array().unwrap().len();
    assert!(nodes > 50 && links > 30, "{nodes} nodes, {links} links");
    let graphml = ws.run(&["export", "--format", "graphml"]).ok().stdout;
    assert_eq!(count_elements(&graphml, b"node"), nodes);
    assert_eq!(count_elements(&graphml, b"edge"), links);
    let gexf = ws.run(&["export", "--format", "gexf"]).ok().stdout;
    assert_eq!(count_elements(&gexf, b"node"), nodes);
    assert_eq!(count_elements(&gexf, b"edge"), links);
    for view in [&["--view", "channels"][..], &["--view", "neighbors", "--center", "Kazakhstan", "--hops", "1"][..]] {
        let mut args = vec!["export", "--format", "dot"];
        args.extend(view);
        assert_dot_renders(&ws.run(&args).ok().stdout);
    }
    let nquads = ws.run(&["export", "--format", "nquads"]).ok().stdout;
    assert!(nquads.lines().count() == ws.quads() as usize);
    let turtle = ws.run(&["export", "--format", "turtle"]).ok().stdout;
    assert!(turtle.contains("@prefix ng:"));
}

#[test]
fn every_named_query_runs_on_the_sample_reports() {
    let ws = Workspace::new();
    ws.load(&[&support::sample_reports()]).ok();
    let params: &[(&str, &[&str])] = &[
        ("routes-into", &["destination=Kazakhstan"]),
        ("origins-of-substance", &["substance=opiates"]),
        ("multi-report-entities", &["minReports=3"]),
        ("entity-evidence", &["name=Kazakh Interior Ministry"]),
    ];
    let catalogue = narcograph::query::catalogue();
    assert!(catalogue.len() >= 12, "{} named queries", catalogue.len());
    for named in &catalogue {
        assert!(!named.description.is_empty(), "{} has no description", named.name);
        let mut args = vec!["query", "--name", named.name, "--format", "json"];
        let extra: &[&str] = params.iter().find(|(n, _)| *n == named.name).map_or(&[], |(_, p)| p);
        for param in extra {
            args.extend(["--param", param]);
        }
        let rows = crate::support::bindings(&ws.run(&args).ok().json());
        assert!(!rows.is_empty(), "{} returned no rows", named.name);
    }
    // A few expected rows.
    let hubs = crate::support::bindings(&ws.run(&["query", "--name", "transit-hubs", "--format", "json"]).ok().json());
    assert!(hubs.iter().any(|r| r["hub"] == "Kyrgyzstan"), "{hubs:?}");
    let opiates = crate::support::bindings(
        &ws.run(&["query", "--name", "origins-of-substance", "-p", "substance=opiates", "--format", "json"])
            .ok()
            .json(),
    );
    assert!(opiates.iter().any(|r| r["origin"] == "Afghanistan"), "heroin is an opiate: {opiates:?}");
    let evidence = crate::support::bindings(
        &ws.run(&["query", "--name", "entity-evidence", "-p", "name=Kazakh Interior Ministry", "--format", "json"])
            .ok()
            .json(),
    );
    assert!(
        evidence.iter().any(|r| r["written"] == "Ministry of Internal Affairs of the Republic of Kazakhstan"),
        "{evidence:?}"
    );
}

#[test]
fn named_queries_find_a_name_in_any_case_and_by_its_aliases_but_never_by_a_part() {
    let ws = Workspace::new();
    ws.load(&[&support::sample_reports()]).ok();
    let rows = |query: &str, param: &str| {
        let answer = ws.run(&["query", "--name", query, "--param", param, "--format", "json"]).ok().json();
        let mut rows = crate::support::bindings(&answer);
        // The bound name key is a column of its own; compare the rest.
        for row in &mut rows {
            row.retain(|k, _| k != "destination" && k != "name");
        }
        rows
    };
    let declared = &narcograph::query::named("routes-into").unwrap().parameters[0];
    assert!(declared.is_name && declared.name == "destination", "{declared:?}");
    let routes = rows("routes-into", "destination=Kazakhstan");
    assert!(!routes.is_empty());
    assert_eq!(rows("routes-into", "destination=  KAZAKHSTAN "), routes);
    assert!(rows("routes-into", "destination=Kazakhsta").is_empty(), "a part of a name is no name");
    let evidence = rows("entity-evidence", "name=Kazakh Interior Ministry");
    assert!(!evidence.is_empty());
    assert_eq!(rows("entity-evidence", "name=kazakh interior MINISTRY"), evidence);
    // The alias and the label lead to the same entity.
    let entity = evidence[0]["entity"].as_str().unwrap().to_owned();
    assert_eq!(rows("entity-evidence", &format!("name={entity}")), evidence);
    // Every canonical entity can be found by its label's key.
    let unkeyed = ws.select(
        "PREFIX ng: <https://w3id.org/narcograph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
         SELECT ?e WHERE { GRAPH <https://w3id.org/narcograph/graph/entities> { ?e a ng:Entity ; rdfs:label ?l
           FILTER NOT EXISTS { ?e ng:nameKey ?k FILTER(?k = LCASE(STR(?l))) } } }",
    );
    assert!(unkeyed.is_empty(), "{unkeyed:?}");
}

#[test]
fn a_list_in_a_named_query_keeps_its_values_when_another_row_of_the_group_has_none() {
    // Two routes from one origin, one with a transit country and one without:
    // the group's list of transit places must still name it (SPARQL makes a
    // GROUP_CONCAT over an unbound value an error, so the list came out empty).
    let ws = Workspace::new();
    let one = ws.write(
        "one.md",
        "---\ndate: 2024-03-01\n---\nBorder guards said the heroin was smuggled from Afghanistan through Tajikistan to Kazakhstan.\n",
    );
    let two = ws.write(
        "two.md",
        "---\ndate: 2024-04-01\n---\nPolice said the heroin had been trafficked from Afghanistan to Kazakhstan by road.\n",
    );
    ws.load(&[&one, &two]).ok();
    let answer = ws.run(&["query", "--name", "routes-into", "-p", "destination=Kazakhstan", "--format", "json"]).ok();
    let rows = crate::support::bindings(&answer.json());
    let afghanistan = rows.iter().find(|r| r["origin"] == "Afghanistan").unwrap_or_else(|| panic!("{rows:?}"));
    assert_eq!(afghanistan["reports"], "2", "{rows:?}");
    assert_eq!(afghanistan["via"], "Tajikistan", "{rows:?}");
    assert_eq!(afghanistan["substances"], "heroin", "{rows:?}");
}

/// Loads invented reports, one per text, dated as given, and lists channels as JSON.
fn channels_of(reports: &[(&str, &str)], args: &[&str]) -> serde_json::Value {
    let ws = Workspace::new();
    let mut paths = Vec::new();
    for (i, (date, text)) in reports.iter().enumerate() {
        let name = format!("r{i}.md");
        ws.write(&name, format!("---\ndate: {date}\n---\n{text}\n"));
        paths.push(ws.path(&name));
    }
    let refs: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
    ws.load(&refs).ok();
    let mut all = vec!["channels", "--format", "json"];
    all.extend(args);
    ws.run(&all).ok().json()
}

/// The first channel of two legs (three places) in a JSON list.
fn two_legged(channels: &serde_json::Value) -> &serde_json::Value {
    channels.as_array().unwrap().iter().find(|c| c["places"].as_array().unwrap().len() == 3).unwrap()
}

fn place_lists(channels: &serde_json::Value) -> Vec<String> {
    channels
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["places"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect::<Vec<_>>().join(" -> "))
        .collect()
}

#[test]
fn legs_join_only_where_one_substance_can_travel_the_whole_channel() {
    let found = channels_of(
        &[
            ("2024-01-01", "Opium was smuggled from Afghanistan into Iran, police said."),
            ("2024-01-05", "Cocaine was smuggled from Iran into Turkey, police said."),
            ("2024-01-09", "Cannabis was smuggled from Morocco into Spain, police said."),
            ("2024-01-12", "Hashish was smuggled from Spain into France, police said."),
        ],
        &[],
    );
    let places = place_lists(&found);
    // Opium in, cocaine out: two trades, not one channel.
    assert!(!places.contains(&"Afghanistan -> Iran -> Turkey".to_owned()), "{places:?}");
    assert!(places.contains(&"Afghanistan -> Iran".to_owned()) && places.contains(&"Iran -> Turkey".to_owned()));
    // A cannabis leg can carry hashish: the channel carries the narrower one.
    let joined = two_legged(&found);
    assert_eq!(place_lists(&serde_json::json!([joined])), vec!["Morocco -> Spain -> France"]);
    assert_eq!(joined["substances"], serde_json::json!(["hashish"]));
}

#[test]
fn a_leg_naming_no_substance_joins_only_when_loose_and_is_marked() {
    let reports = [
        ("2024-01-01", "Heroin was smuggled from Afghanistan into Tajikistan, police said."),
        ("2024-01-05", "A shipment was smuggled from Tajikistan into Kyrgyzstan by truck, police said."),
    ];
    let strict = place_lists(&channels_of(&reports, &["--to", "Kyrgyzstan"]));
    assert!(strict.is_empty(), "{strict:?}");
    let loose = channels_of(&reports, &["--to", "Kyrgyzstan", "--loose"]);
    let joined = two_legged(&loose);
    assert_eq!(joined["loose"], true);
    assert_eq!(joined["substances"], serde_json::json!(["heroin"]));
    assert_eq!(joined["legs"][1]["substances"], serde_json::json!([]));
    // Asked for a substance, a channel that names none is no answer.
    let heroin = place_lists(&channels_of(&reports, &["--to", "Kyrgyzstan", "--loose", "--substance", "heroin"]));
    assert_eq!(heroin, vec!["Afghanistan -> Tajikistan -> Kyrgyzstan"]);
}

#[test]
fn a_detour_across_the_world_is_rejected_by_geography() {
    let found = channels_of(
        &[
            ("2024-01-01", "Heroin was smuggled from Afghanistan into the United States, police said."),
            ("2024-01-05", "Heroin was smuggled from the United States into Kazakhstan, police said."),
            ("2024-01-07", "Heroin was smuggled from Afghanistan into Tajikistan, police said."),
            ("2024-01-09", "Heroin was smuggled from Tajikistan into Kazakhstan, police said."),
        ],
        &["--to", "Kazakhstan"],
    );
    let places = place_lists(&found);
    assert!(!places.iter().any(|p| p == "Afghanistan -> United States -> Kazakhstan"), "{places:?}");
    assert!(places.contains(&"Afghanistan -> Tajikistan -> Kazakhstan".to_owned()), "{places:?}");
    // Each leg as stated stays: a report is never rejected, only a chain.
    assert!(places.contains(&"United States -> Kazakhstan".to_owned()), "{places:?}");
    let kept = two_legged(&found);
    let along = kept["distance_km"]["along"].as_f64().unwrap();
    let direct = kept["distance_km"]["direct"].as_f64().unwrap();
    assert!(along >= direct && along < 1.5 * direct + 1000.0, "{kept}");
}

#[test]
fn legs_far_apart_in_time_join_only_without_a_window() {
    let reports = [
        ("2021-03-01", "Heroin was smuggled from Afghanistan into Tajikistan, police said."),
        ("2024-06-01", "Heroin was smuggled from Tajikistan into Kyrgyzstan, police said."),
    ];
    let all = place_lists(&channels_of(&reports, &["--to", "Kyrgyzstan"]));
    assert!(all.contains(&"Afghanistan -> Tajikistan -> Kyrgyzstan".to_owned()), "{all:?}");
    let close = place_lists(&channels_of(&reports, &["--to", "Kyrgyzstan", "--within-days", "90"]));
    assert_eq!(close, vec!["Tajikistan -> Kyrgyzstan"]);
}

#[test]
fn a_channel_shows_each_seizure_once_per_substance() {
    let found = channels_of(
        &[(
            "2024-01-01",
            "Police seized 10 kilograms of heroin and 5 kilograms of opium smuggled from Afghanistan through Tajikistan into Kyrgyzstan.",
        )],
        &["--to", "Kyrgyzstan"],
    );
    let joined = two_legged(&found);
    // One report's seizure supports two legs: counted once, and heroin is never added to opium.
    let seizures: Vec<(String, f64)> = joined["seizures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["substance"].as_str().unwrap().to_owned(), s["kilograms"].as_f64().unwrap()))
        .collect();
    assert_eq!(seizures, vec![("heroin".to_owned(), 10.0), ("opium".to_owned(), 5.0)], "{joined}");
    assert!(joined["legs"][0].get("kilograms").is_none(), "legs carry no kilograms of their own: {joined}");
}

/// An invented release, long enough that copies keep most of its phrasing.
const RELEASE: &str = "Officers of the border service seized 18 kilograms of heroin smuggled from Afghanistan into \
Tajikistan on a cargo truck near the Panj crossing. The driver, a 44-year-old man, was detained at the scene and \
later charged with trafficking. According to investigators, the drugs were hidden in a compartment welded under the \
floor of the trailer and covered with sacks of flour. The service said the operation followed months of work with \
partners on both sides of the river, and that the consignment was meant for buyers further north.";

#[test]
fn syndicated_copies_count_as_one_source_in_channels_and_named_queries() {
    let ws = Workspace::new();
    ws.write("copy-a.md", format!("---\ndate: 2024-04-03\n---\nREGIONAL WIRE - {RELEASE} Case No. 2024-0413.\n"));
    ws.write(
        "copy-b.md",
        format!(
            "---\ndate: 2024-04-04\n---\n{}\n\nThis article first appeared in the Border Herald.\n",
            RELEASE.replace("18 kilograms", "eighteen kilograms")
        ),
    );
    ws.write("copy-c.md", format!("---\ndate: 2024-04-05\n---\nHeroin haul at Panj. {RELEASE}\n"));
    ws.write(
        "other.md",
        "---\ndate: 2024-05-10\n---\nPolice in Dushanbe seized 3 kilograms of heroin that had been smuggled from \
         Afghanistan into Tajikistan by boat; two men were arrested in a rented flat.\n",
    );
    // Copies first, the original later: the earliest report still names the story.
    ws.load(&[&ws.path("copy-a.md"), &ws.path("copy-b.md"), &ws.path("copy-c.md"), &ws.path("other.md")]).ok();
    ws.write("original.md", format!("---\ndate: 2024-04-02\n---\n{RELEASE}\n"));
    ws.load(&[&ws.path("original.md")]).ok();

    let pairs = ws.select(
        "PREFIX ng: <https://w3id.org/narcograph/ontology#>
         SELECT ?copy ?first ?path WHERE { ?copy ng:sameStoryAs ?first . ?s ng:holds ?first ; ng:sourcePath ?path }",
    );
    assert_eq!(pairs.len(), 3, "{pairs:?}");
    assert!(pairs.iter().all(|p| p["path"].as_str().unwrap().ends_with("original.md")), "{pairs:?}");
    let firsts: std::collections::BTreeSet<&str> = pairs.iter().map(|p| p["first"].as_str().unwrap()).collect();
    assert_eq!(firsts.len(), 1, "all copies point at one report: {pairs:?}");

    let channels = ws.run(&["channels", "--to", "Tajikistan", "--format", "json"]).ok().json();
    let leg = &channels[0];
    assert_eq!(leg["reports"].as_array().unwrap().len(), 5, "{leg}");
    assert_eq!(leg["sources"], 2, "{leg}");
    let table = ws.run(&["channels", "--to", "Tajikistan"]).ok().stdout;
    assert!(table.contains("2 independent source(s) (5 report(s), 3 of them copies)"), "{table}");

    let routes = ws
        .run(&["query", "--name", "routes-into", "--param", "destination=Tajikistan", "--format", "json"])
        .ok()
        .json();
    let routes = crate::support::bindings(&routes);
    assert_eq!(routes[0]["sources"], "2", "{routes:?}");
    assert_eq!(routes[0]["reports"], "5", "{routes:?}");
    // The copies repeat the story's 18 kg: seized once with the other story's 3 kg.
    assert_eq!(leg["seizures"][0]["kilograms"], 21.0, "{leg}");
    let per_year = ws.run(&["query", "--name", "seizures-per-year", "--format", "json"]).ok().json();
    let per_year = crate::support::bindings(&per_year);
    assert_eq!(per_year[0]["totalKg"].as_str().and_then(|t| t.parse::<f64>().ok()), Some(21.0), "{per_year:?}");
}
