//! Words about organisations: the head nouns of agency names, the words that
//! join them, and the words that never start or belong to one.

/// Head nouns that open a name ("Ministry of ...", "Department for ...").
pub const INITIAL_HEADS: &[&str] = &[
    "Ministry",
    "Department",
    "Office",
    "Committee",
    "Service",
    "Bureau",
    "Agency",
    "Directorate",
    "Administration",
    "Division",
    "Section",
    "Unit",
    "Inspectorate",
    "Commission",
    "Council",
    "Centre",
    "Center",
    "Command",
    "Headquarters",
    "Prosecutor",
    "Court",
];

/// Head nouns that close a name ("... Administration", "... Police").
pub const FINAL_HEADS: &[&str] = &[
    "Ministry",
    "Department",
    "Agency",
    "Service",
    "Services",
    "Committee",
    "Office",
    "Police",
    "Customs",
    "Guard",
    "Guards",
    "Bureau",
    "Administration",
    "Directorate",
    "Division",
    "Section",
    "Branch",
    "Unit",
    "Team",
    "Court",
    "Commission",
    "Council",
    "Force",
    "Forces",
    "Command",
    "Center",
    "Centre",
    "Headquarters",
    "Troops",
    "Militia",
    "Gendarmerie",
    "Procuracy",
    "Inspectorate",
    "Patrol",
    "Secretariat",
    "Operations",
    "Squad",
    "Prosecutor's Office",
    "Attorney's Office",
];

/// Head nouns of named places (ports, airports, facilities): a run ending in
/// one before "and" names a place, not the start of an agency.
pub const SITE_HEADS: &[&str] =
    &["Facility", "Airport", "Terminal", "Docks", "Wharf", "Seaport", "Port", "Bridge", "Checkpoint", "Crossing"];

/// Words that join the parts of a name.
pub const CONNECTORS: &[&str] = &["of", "for", "and", "on", "against", "in", "de", "del", "to"];

/// Ministries written "X Ministry" and the function they name in "Ministry of X".
pub const MINISTRY_FUNCTIONS: &[(&str, &str)] = &[
    ("interior", "Internal Affairs"),
    ("internal affairs", "Internal Affairs"),
    ("the interior", "Internal Affairs"),
    ("foreign", "Foreign Affairs"),
    ("foreign affairs", "Foreign Affairs"),
    ("justice", "Justice"),
    ("defence", "Defence"),
    ("defense", "Defence"),
    ("health", "Health"),
    ("finance", "Finance"),
    ("emergencies", "Emergency Situations"),
    ("emergency situations", "Emergency Situations"),
    ("security", "Security"),
    ("public security", "Public Security"),
    ("home affairs", "Home Affairs"),
];

/// Names that start like an agency but are companies, media or laws.
pub const NOT_AGENCY_WORDS: &[&str] = &[
    "Airlines",
    "Airways",
    "Bank",
    "Times",
    "Post",
    "News",
    "Inc",
    "Ltd",
    "Company",
    "Corporation",
    "Group",
    "Act",
    "Law",
    "Code",
    "Press",
    "Agency's",
    "University",
    "Hospital",
    "School",
];

/// National bodies whose name alone is ambiguous: their label takes the country.
pub const NATIONAL_PREFIXES: &[&str] = &[
    "Ministry",
    "State",
    "National",
    "Federal",
    "General",
    "Border",
    "Customs",
    "Prosecutor",
    "Drug",
    "Main",
    "Interior",
    "Service",
    "Police",
    "Supreme",
    "Security",
    "Anti-Narcotics",
    "Counter-Narcotics",
    "Financial",
];

/// Words that open sentences but never agency names.
pub const NOT_AGENCY_START: &[&str] = &[
    "Officers",
    "Officer",
    "Agents",
    "Agent",
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "Police",
    "According",
    "Both",
    "All",
    "In",
    "On",
    "At",
    "By",
    "Investigators",
    "Authorities",
    "Officials",
    "Special",
];

/// Every list of this module, by name (for the data tests).
#[cfg(test)]
pub const ALL: &[(&str, &[&str])] = &[
    ("INITIAL_HEADS", INITIAL_HEADS),
    ("FINAL_HEADS", FINAL_HEADS),
    ("SITE_HEADS", SITE_HEADS),
    ("CONNECTORS", CONNECTORS),
    ("NOT_AGENCY_WORDS", NOT_AGENCY_WORDS),
    ("NATIONAL_PREFIXES", NATIONAL_PREFIXES),
    ("NOT_AGENCY_START", NOT_AGENCY_START),
];
