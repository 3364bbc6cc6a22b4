//! Words around substance names: what makes a street name a drug.

/// Words that make a sentence about drugs, so that a street name in it is a drug.
pub const DRUG_CONTEXT: &[&str] = &[
    "drug",
    "narcotic",
    "seiz",
    "smuggl",
    "traffick",
    "gram",
    "kilo",
    " kg",
    "pills",
    "tablets",
    "dealer",
    "possession",
    "confiscat",
    "substance",
    "dose",
    "addict",
    "laborator",
    "cocaine",
    "heroin",
    "methamphetamine",
    "cannabis",
    "powder",
    "sachet",
    "packet",
    "stash",
];

/// Words after a street name that show it is not a drug ("ice road", "crack down").
pub const NOT_AFTER: &[&str] = &[
    "down", "road", "roads", "rink", "hockey", "age", "cream", "storm", "camera", "cameras", "limit", "limits", "bump",
];

/// Every list of this module, by name (for the data tests).
#[cfg(test)]
pub const ALL: &[(&str, &[&str])] = &[("DRUG_CONTEXT", DRUG_CONTEXT), ("NOT_AFTER", NOT_AFTER)];
