//! Routes: how a sentence states one or several movements, which places are on
//! the way, and the phrases that look like movements but are not.

use crate::extraction::{routes, run};

/// The routes of a text as "Origin -> Destination [via, ...]".
fn stated(text: &str) -> Vec<String> {
    let mut out: Vec<String> = routes(&run(text))
        .into_iter()
        .map(
            |(o, d, via)| {
                if via.is_empty() { format!("{o} -> {d}") } else { format!("{o} -> {d} [{}]", via.join(", ")) }
            },
        )
        .collect();
    out.sort();
    out
}

#[track_caller]
fn expect(text: &str, expected: &[&str]) {
    assert_eq!(stated(text), expected, "for {text:?}");
}

#[test]
fn a_sentence_may_state_several_movements() {
    expect(
        "Cannabis resin is smuggled from the Nordic countries to Finland and from Albania to Italy and Greece.",
        &["Albania -> Greece", "Albania -> Italy", "Nordic countries -> Finland"],
    );
    // A list of origins after the destination is still one movement.
    expect(
        "The cocaine was smuggled into Kazakhstan from Italy and Poland.",
        &["Italy -> Kazakhstan", "Poland -> Kazakhstan"],
    );
}

#[test]
fn a_list_of_destinations_shares_its_transit_places() {
    expect(
        "A heroin smuggling route runs from Iran through Azerbaijan to Russia and the Baltic states.",
        &["Iran -> Baltic states [Azerbaijan]", "Iran -> Russia [Azerbaijan]"],
    );
}

#[test]
fn transit_places_stand_in_for_an_end_that_is_not_named() {
    // No destination: the movement reaches at least its last transit place.
    expect("Heroin is often smuggled from Tajikistan through southern Kyrgyzstan.", &["Tajikistan -> Kyrgyzstan"]);
    // No origin: it starts at least at its first transit place.
    expect(
        "Opiates are smuggled through Kyrgyzstan to markets in Kazakhstan and Russia.",
        &["Kyrgyzstan -> Kazakhstan", "Kyrgyzstan -> Russia"],
    );
    // Neither: a transit place alone states no route.
    expect("Heroin transits through Kyrgyzstan.", &[]);
}

#[test]
fn a_place_said_to_be_a_transit_route_is_on_the_way() {
    expect(
        "Iran is a major transit route for opiates smuggled from Afghanistan to Turkey.",
        &["Afghanistan -> Iran", "Afghanistan -> Turkey [Iran]"],
    );
    expect(
        "Tajikistan lies on a heroin trafficking route between Afghanistan and the markets of Russia.",
        &["Afghanistan -> Russia [Tajikistan]", "Afghanistan -> Tajikistan"],
    );
}

#[test]
fn a_country_after_in_names_the_same_place() {
    expect(
        "Methamphetamine from the Golden Triangle in Myanmar was shipped to Australia.",
        &["Golden Triangle -> Australia"],
    );
}

#[test]
fn where_people_are_from_or_travel_is_no_drug_route() {
    // Residence: ", aged 53, from Leeds,".
    expect(
        "John Parker, aged 53, from Leeds, imported heroin into the United Kingdom from Pakistan.",
        &["Pakistan -> United Kingdom"],
    );
    // People moved: extradition, arrival.
    expect("Five defendants arrived in New York from Liberia to face charges of conspiring to import cocaine.", &[]);
    // Help from abroad is no shipment.
    expect("Ecuador received training and equipment from the UK to fight cocaine smuggling.", &[]);
    // "to" after a noun that moves nothing.
    expect("Callers to a radio show in Melbourne opposed his sentence for smuggling heroin.", &[]);
}

#[test]
fn a_nationality_is_no_source_of_drugs() {
    expect(
        "The indictments named Colombian and Russian traffickers. The cocaine was imported into the United States.",
        &[],
    );
    // "Afghan heroin kingpin": the heroin is the country's.
    expect(
        "An Afghan heroin kingpin was charged. The heroin was imported into the United States.",
        &["Afghanistan -> United States"],
    );
}

#[test]
fn a_planned_movement_starts_where_the_drugs_were_seized() {
    expect(
        "Officers announced the seizure of 300 kilograms of cocaine in Ontario bound for Japan.",
        &["Ontario -> Japan"],
    );
    expect("Heroin seized in Almaty was destined for Russia.", &["Almaty -> Russia"]);
    // An export leaves the report's own country as well: the same movement at two levels.
    expect(
        "OTTAWA - The Canada Border Services Agency seized 300 kilograms of cocaine in Ontario bound for export to Japan.",
        &["Canada -> Japan", "Ontario -> Japan"],
    );
    // A stated origin wins; the police's town is no origin.
    expect(
        "Police in Almaty seized heroin destined for Russia that had come from Afghanistan.",
        &["Afghanistan -> Russia"],
    );
    // Where drugs were seized is no origin of a movement that is not planned.
    expect("Heroin seized in Almaty was sold to buyers.", &[]);
}

#[test]
fn a_wider_region_continues_a_list_of_places() {
    expect(
        "Heroin moves north from Afghanistan to Russia and other European countries.",
        &["Afghanistan -> Europe", "Afghanistan -> Russia"],
    );
    // "other" without a place after it adds nothing.
    expect("Heroin moves north from Afghanistan to Russia and other markets.", &["Afghanistan -> Russia"]);
}

#[test]
fn a_traveller_stopped_on_arrival_carried_the_drugs_there() {
    expect(
        "A courier carrying cocaine was intercepted by officers at Gatwick Airport following his arrival from Lagos.",
        &["Lagos -> Gatwick Airport"],
    );
    expect(
        "Border officers stopped a woman on arrival at Manchester Airport from Bogota with heroin in her suitcase.",
        &["Bogota -> Manchester Airport"],
    );
    // The sentence after one about a smuggling group speaks of its couriers.
    expect(
        "The gang tried to import heroin hidden in luggage. One courier was stopped at Gatwick Airport on his arrival from Lagos.",
        &["Lagos -> Gatwick Airport"],
    );
    // Nobody stopped: people who arrive are not drugs that move.
    expect("Extradited defendants arrived in New York from Liberia to face heroin charges.", &[]);
    // Stopped somewhere that is no place of arrival.
    expect("The minister arrived from Moscow and said heroin seizures had stopped.", &[]);
}

#[test]
fn places_said_to_be_transit_countries_are_on_the_way() {
    // A list before "were transit countries", an aside included, is on the way;
    // the report's source country is where the movement starts.
    expect(
        "Cocaine is produced in Colombia. Brazil, Venezuela and Ecuador, in particular, were reported as transit \
         countries for cocaine imported into the EU.",
        &["Colombia -> European Union [Brazil, Venezuela, Ecuador]"],
    );
    expect(
        "Turkey and Iran are transit countries for heroin smuggled from Afghanistan to Europe.",
        &["Afghanistan -> Europe [Turkey, Iran]", "Afghanistan -> Iran", "Afghanistan -> Turkey"],
    );
    // Countries that are only named beside a transit country are not.
    expect(
        "Officials from Brazil and Venezuela said Ecuador is a transit country for cocaine smuggled from Colombia to Spain.",
        &["Colombia -> Ecuador", "Colombia -> Spain [Ecuador]"],
    );
}

#[test]
fn a_word_that_only_starts_like_a_movement_is_none() {
    // "important" is no import, "sentenced" no "sent": the report's own country is no destination.
    expect("MANDALAY - Myanmar police said it is important to stop the heroin trade from the Golden Triangle.", &[]);
    expect("YANGON - A courier from Laos was sentenced in Myanmar for heroin offences.", &[]);
    // The real verb still counts.
    expect(
        "MANDALAY - Myanmar police said heroin from the Golden Triangle was imported into the country.",
        &["Golden Triangle -> Myanmar"],
    );
}

#[test]
fn a_trafficker_from_the_country_a_report_is_filed_from_is_no_source() {
    // Filed from Melbourne: an Australian trafficker is a courier, Australia no source.
    expect(
        "MELBOURNE - Supporters of convicted Australian drug trafficker Van Nguyen gathered. He was caught \
         smuggling heroin into Singapore.",
        &[],
    );
    // Filed from elsewhere, the trafficker's country is where the heroin comes from.
    expect(
        "NEW YORK - An Afghan heroin trafficker was extradited. The heroin was imported into the United States.",
        &["Afghanistan -> United States"],
    );
}

#[test]
fn a_listed_place_with_its_own_from_starts_the_next_movement() {
    expect(
        "Cannabis herb also reaches Greece and Italy from Albania and Portugal from Angola.",
        &["Albania -> Greece", "Albania -> Italy", "Angola -> Portugal"],
    );
    // A plain list of origins stays one.
    expect("Heroin is smuggled from Afghanistan and Pakistan to Iran.", &["Afghanistan -> Iran", "Pakistan -> Iran"]);
}

#[test]
fn the_continent_is_the_world_region_the_sentence_named() {
    expect(
        "MADRID - Spanish police said most cocaine seized in Europe enters the continent from South America or via \
         Central America and the Caribbean.",
        &["South America -> Europe [Central America, Caribbean]"],
    );
    // No world region named before it: no destination is guessed.
    expect("Cocaine from Bolivia enters the continent by sea, police in Peru said.", &[]);
}

#[test]
fn the_transit_country_a_sentence_is_about_is_entered_on_the_way() {
    expect(
        "Iran is a major transit route for opiates smuggled from Afghanistan to Turkey and Europe.",
        &["Afghanistan -> Europe [Iran]", "Afghanistan -> Iran", "Afghanistan -> Turkey [Iran]"],
    );
    // With no stated origin there is no leg into it.
    expect("Iran is a major transit route for opiates smuggled to Turkey.", &["Iran -> Turkey"]);
}

#[test]
fn a_denied_movement_is_no_route() {
    expect("There is no evidence that heroin transiting Iran reaches the United States.", &[]);
    expect("There is no indication that cocaine from Peru was shipped to Kazakhstan.", &[]);
    // A plain statement still is.
    expect("Cocaine from Peru was shipped to Kazakhstan.", &["Peru -> Kazakhstan"]);
}

#[test]
fn the_city_holding_a_transit_site_is_where_the_movement_leaves() {
    expect(
        "Officials facilitated cocaine shipments through the El Dorado International Airport, in Bogota, Colombia, \
         to Mexico en route to the United States.",
        &["Bogota -> United States [El Dorado International Airport, Mexico]"],
    );
    // A stated origin wins over the site's city.
    expect(
        "Cocaine from Peru was shipped through the Port of Guayaquil, in Ecuador, to Spain.",
        &["Peru -> Spain [Port of Guayaquil]"],
    );
}

#[test]
fn where_drugs_of_a_stated_origin_are_seized_is_where_they_went() {
    expect(
        "Most cannabis herb seized in Belgium, Germany and France originates in the Netherlands.",
        &["Netherlands -> Belgium", "Netherlands -> France", "Netherlands -> Germany"],
    );
    // A country seized in and also the origin is no movement to itself.
    expect(
        "Most cannabis herb seized in Belgium and the Netherlands originates in the Netherlands.",
        &["Netherlands -> Belgium"],
    );
    // No stated origin: where drugs were seized is no destination.
    expect("Heroin seized in Almaty was sold to buyers.", &[]);
}

#[test]
fn a_market_where_drugs_are_available_or_sold_is_a_destination() {
    expect("Heroin available in Europe comes from Afghanistan.", &["Afghanistan -> Europe"]);
    expect("Cocaine smuggled from Peru is sold in Kazakhstan.", &["Peru -> Kazakhstan"]);
    // Available in a place, with no origin, is no route.
    expect("Treatment for heroin users is available in Almaty.", &[]);
}
