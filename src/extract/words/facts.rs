//! Words the fact rules look for: movement verbs, the cues that give a place
//! its role in a route, and the verbs of seizing, arresting and cooperating.

/// Stems of verbs and nouns that move drugs between places.
pub const MOVEMENT: &[&str] = &[
    "enter",
    "smuggl",
    "import",
    "export",
    "ship",
    "traffick",
    "transport",
    "carri",
    "carry",
    "brought",
    "bring",
    "deliver",
    "moved",
    "moves",
    "moving",
    "sent",
    "transit",
    "route",
    "bound",
    "destined",
    "originat",
    "supplied",
    "supply",
    "supplies",
    "channel",
    "flow",
    "distribution",
    "distribut",
    "flown",
    "fly the",
    "entering",
    "entered",
    "coming from",
    "came from",
    "comes from",
    "come from",
    "headed",
    "heading",
    "trade",
    "transfer",
    "courier",
    "inflow",
    "reach",
    "arriv",
    "went",
    "travel",
];

/// Words that make a sentence about drugs even when it names no substance.
pub const DRUG_NOUNS: &[&str] = &[
    "drug",
    "narcotic",
    "shipment",
    "consignment",
    "cargo",
    "contraband",
    "load",
    "psychotropic",
    "heroin",
    "cocaine",
    "opium",
    "hashish",
    "cannabis",
    "pills",
    "tablets",
    "parcels",
];

/// Verbs of seizing.
pub const SEIZURE: &[&str] = &[
    "seiz",
    "confiscat",
    "intercept",
    "discovered",
    "found",
    "recovered",
    "removed from circulation",
    "detected",
    "uncovered",
    "impounded",
    "captured",
];

/// Verbs of arresting.
pub const ARREST: &[&str] = &[
    "arrest",
    "detained",
    "detain",
    "apprehended",
    "taken into custody",
    "extradit",
    "caught",
    "nabbed",
    "custody of",
];

/// Words after a number that make it the number of people arrested ("67
/// participants ... were detained").
pub const ARRESTED_PEOPLE: &[&str] = &[
    "people",
    "persons",
    "suspects",
    "individuals",
    "participants",
    "members",
    "men",
    "women",
    "defendants",
    "foreigners",
    "citizens",
    "couriers",
    "traffickers",
    "dealers",
];

/// Phrases of working together that list no partners after them ("joint
/// operation"); the cues of `COOPERATION_LIST` count too.
pub const COOPERATION: &[&str] =
    &["joint operation", "provided substantial assistance", "partners", "joint investigation"];

/// Cooperation cues followed by the partners they name ("in cooperation with
/// X and Y"): what comes after is the partner list, what comes before the body.
pub const COOPERATION_LIST: &[&str] = &[
    "in cooperation with",
    "in collaboration with",
    "in partnership with",
    "in conjunction with",
    "jointly with",
    "together with",
    "with the assistance of",
    "with the help of",
    "with the support of",
    "with support from",
    "assistance of",
    "cooperation of",
    "cooperation with",
    "colleagues in",
];

/// Words that may stand between the partners a cooperation cue lists ("the
/// authorities of Russia, Kyrgyzstan and Australia") without ending the list.
pub const PARTNER_LIST_JOINERS: &[&str] = &[
    "and",
    "the",
    "of",
    "as",
    "well",
    "with",
    "authorities",
    "its",
    "their",
    "counterparts",
    "colleagues",
    "from",
    "in",
];

/// Words before a country that make it where a cooperation happened, not a
/// party to it ("a joint operation in Kazakhstan"). Narrower than
/// `places::PLACE_PREPOSITIONS`: "between" introduces the parties.
pub const PARTY_LOCATIVES: &[&str] =
    &["in", "at", "into", "to", "from", "near", "across", "through", "via", "inside", "within"];

/// The words the arrest and cooperation rules read, in one language: these
/// rules work the same way in English and Russian, only their words differ.
pub struct EventWords {
    /// Verbs of arresting.
    pub arrest: &'static [&'static str],
    /// Words after a number that make it the number of people arrested.
    pub arrested_people: &'static [&'static str],
    /// Phrases of working together (besides the list cues, which count too).
    pub cooperation: &'static [&'static str],
    /// Cooperation cues followed by the partners they list.
    pub cooperation_list: &'static [&'static str],
    /// Words that may stand between listed partners.
    pub list_joiners: &'static [&'static str],
    /// The word that joins the last partner of a list ("and").
    pub and: &'static str,
    /// Words before a country that make it where a cooperation happened.
    pub locatives: &'static [&'static str],
}

impl EventWords {
    /// Every list, by name (for the data tests).
    #[cfg(test)]
    pub fn lists(&self) -> [(&'static str, &'static [&'static str]); 6] {
        [
            ("arrest", self.arrest),
            ("arrested_people", self.arrested_people),
            ("cooperation", self.cooperation),
            ("cooperation_list", self.cooperation_list),
            ("list_joiners", self.list_joiners),
            ("locatives", self.locatives),
        ]
    }
}

/// The English words of arrests and cooperation.
pub const ENGLISH_EVENTS: EventWords = EventWords {
    arrest: ARREST,
    arrested_people: ARRESTED_PEOPLE,
    cooperation: COOPERATION,
    cooperation_list: COOPERATION_LIST,
    list_joiners: PARTNER_LIST_JOINERS,
    and: "and",
    locatives: PARTY_LOCATIVES,
};

/// Words naming how drugs were hidden, looked for after "hidden in", "disguised as".
pub const CONCEALMENT_CUES: &[&str] = &[
    "hidden in",
    "hidden within",
    "hidden inside",
    "concealed in",
    "concealed within",
    "concealed inside",
    "disguised as",
    "stashed in",
    "packed in",
];

/// Ways drugs travel.
pub const CONVEYANCES: &[&str] = &[
    "go-fast boats",
    "go-fast boat",
    "semi-tractor trailer trucks",
    "semi-trailer",
    "trucks",
    "truck",
    "lorry",
    "lorries",
    "passenger vehicles",
    "vehicle",
    "vehicles",
    "car",
    "cars",
    "parcel",
    "parcels",
    "postal",
    "mail",
    "container",
    "containers",
    "courier",
    "couriers",
    "ship",
    "ships",
    "vessel",
    "freighter",
    "boat",
    "boats",
    "aircraft",
    "airplanes",
    "planes",
    "jets",
    "train",
    "trains",
    "suitcase",
    "suitcases",
    "luggage",
    "railway",
    "drone",
    "drones",
    "submarine",
    "semi-submersible",
];

/// Phrases that make the place after them a transit place.
pub const VIA_CUES: &[&str] = &[
    "via",
    "through",
    "across",
    "transiting",
    "transited through",
    "by way of",
    "transit through",
    "in transit through",
    "passing through",
    "transited",
];

/// Phrases that make the place after them a destination.
pub const DESTINATION_CUES: &[&str] = &[
    "en route to",
    "bound for",
    "destined for",
    "intended for",
    "headed for",
    "heading to",
    "heading for",
    "en route for",
    "for sale in",
    "available in",
    "sold in",
    "consumed in",
    "for distribution in",
    "distribution in",
    "distribution to",
    "into",
    "to",
    "towards",
    "toward",
    "onto",
    "reach",
    "reaches",
    "reached",
    "reaching",
    "in the direction of",
    "arrived in",
    "arrives in",
    "arriving in",
    "entered",
    "entering",
    "delivered to",
    "sent to",
    "shipped to",
];

/// Phrases that make the place after them an origin.
pub const ORIGIN_CUES: &[&str] = &[
    "from",
    "between",
    "out of",
    "originated in",
    "originating in",
    "originated from",
    "originating from",
    "originates in",
    "originates from",
    "originate in",
    "originate from",
    "produced in",
    "manufactured in",
    "grown in",
    "made in",
    "sourced from",
    "coming from",
    "en route from",
    "cultivated in",
];

/// Phrases that end like a cue but are not one ("according to", "pleaded guilty to").
pub const NOT_CUES: &[&str] = &[
    "according to",
    "due to",
    "in addition to",
    "owing to",
    "pursuant to",
    "next to",
    "close to",
    "similar to",
    "related to",
    "belonging to",
    "guilty to",
    "sentenced to",
    "extradited to",
    "equipment from",
    "training from",
    "assistance from",
    "support from",
    "funding from",
    "donations from",
    "help from",
    "officials from",
    "officers from",
    "experts from",
    "delegation from",
    "delegations from",
    "representatives from",
    "counterparts from",
    "partners from",
    "colleagues from",
    "agencies from",
    "agents from",
    "investigators from",
    "prosecutors from",
    "visitors from",
    "citizens from",
    "nationals from",
    "residents from",
    "extradited from",
    "flown to",
    "deported to",
    "returned to",
    "travelled to",
    "traveled to",
    "moved to",
    "compared to",
];

/// Words after which no earlier cue reaches the place ("seized in Almaty" after "from X").
pub const CUE_BLOCKERS: &[&str] = &[
    "on",
    "of",
    "at",
    "seized",
    "arrested",
    "detained",
    "found",
    "said",
    "says",
    "announced",
    "discovered",
    "intercepted",
    "was",
    "were",
    "is",
    "are",
    "where",
    "which",
    "who",
    "while",
    "when",
    "after",
    "before",
    "since",
];

/// Stems of verbs that bring drugs into a place.
pub const IMPORT: &[&str] =
    &["import", "smuggl", "transit", "brought", "supplied", "entering", "entered", "traffick", "shipped", "transport"];

/// A movement into "the country": the report's own country when the sentence names none.
pub const INTO_THE_COUNTRY: &[&str] = &[
    "into the country",
    "to the country",
    "into our country",
    "supply in the country",
    "supplied in the country",
    "sale in the country",
    "sold in the country",
    "distribution in the country",
    "distributed in the country",
    "markets in the country",
    "enters the country",
    "entered the country",
    "entering the country",
    "reach the country",
    "reaches the country",
    "reached the country",
];

/// A movement still to come ("were to be transported to Russia"), which starts
/// where the report's story is.
pub const PLANNED_MOVEMENT: &[&str] = &[
    "to be transported",
    "to be smuggled",
    "to be sent",
    "to be delivered",
    "to be shipped",
    "to be transferred",
    "bound for",
    "destined for",
    "intended for",
    "to be taken",
];

/// Words that say a traveller or a load was stopped at a border ("intercepted
/// at Gatwick Airport following his arrival from Lagos"): whoever arrived
/// carried the drugs, and where they were stopped is where the drugs went.
pub const INTERCEPTION: &[&str] =
    &["intercepted", "stopped", "searched", "detained", "caught", "examined", "inspected"];

/// Phrases that deny the movement a clause describes ("There is no evidence
/// that narcotics transiting Iran reach the United States").
pub const DENIALS: &[&str] = &["no evidence", "no indication", "no sign that", "no signs that", "nothing suggests"];

/// Words between two places that chain the second after the first
/// ("to Kazakhstan and then on to Russia").
pub const CHAINED_CUES: &[&str] = &[
    "ultimately",
    "en route",
    "eventually",
    "onward",
    "then on to",
    "and then",
    "further to",
    "further into",
    "and on to",
];

/// Every list of this module, by name (for the data tests).
#[cfg(test)]
pub const ALL: &[(&str, &[&str])] = &[
    ("MOVEMENT", MOVEMENT),
    ("DRUG_NOUNS", DRUG_NOUNS),
    ("SEIZURE", SEIZURE),
    ("CONCEALMENT_CUES", CONCEALMENT_CUES),
    ("CONVEYANCES", CONVEYANCES),
    ("VIA_CUES", VIA_CUES),
    ("DESTINATION_CUES", DESTINATION_CUES),
    ("ORIGIN_CUES", ORIGIN_CUES),
    ("NOT_CUES", NOT_CUES),
    ("CUE_BLOCKERS", CUE_BLOCKERS),
    ("IMPORT", IMPORT),
    ("INTO_THE_COUNTRY", INTO_THE_COUNTRY),
    ("PLANNED_MOVEMENT", PLANNED_MOVEMENT),
    ("INTERCEPTION", INTERCEPTION),
    ("DENIALS", DENIALS),
    ("CHAINED_CUES", CHAINED_CUES),
];
