//! Words the text helpers know: abbreviations and sentence openers for the
//! sentence splitter, words that merely start like a cue stem, and the English
//! function words that tell English text.

/// Abbreviations after which a period does not end a sentence.
pub const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "jr", "sr", "st", "gen", "col", "lt", "sgt", "capt", "maj", "gov", "sen", "rep", "no",
    "nos", "inc", "ltd", "co", "corp", "vs", "etc", "approx", "dept", "est", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "gov't", "atty", "u.s", "u.k", "a.k.a", "a/k/a", "e.g",
    "i.e", "p.m", "a.m", "d.c",
];

/// Words that start a new sentence after a dotted abbreviation ("... into the U.S. The drugs").
pub const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "They",
    "He",
    "She",
    "It",
    "In",
    "On",
    "At",
    "A",
    "An",
    "According",
    "Police",
    "Officials",
    "Authorities",
    "After",
    "During",
    "Since",
    "When",
    "We",
    "Our",
    "His",
    "Her",
    "Their",
    "If",
    "As",
    "But",
    "However",
    "Also",
];

/// Words that start like a cue stem but mean something else: "important" is
/// no "import", "sentenced" no "sent", "boundary" no "bound".
pub const FALSE_FRIENDS: &[&str] = &[
    "important",
    "importance",
    "importantly",
    "sentence",
    "sentenced",
    "sentences",
    "sentencing",
    "sentiment",
    "sentiments",
    "sentinel",
    "sentry",
    "boundary",
    "boundaries",
    "routine",
    "routinely",
    "routines",
    "router",
    "enterprise",
    "enterprises",
    "entertain",
    "entertainment",
    "flower",
    "flowers",
    "foundation",
    "foundations",
    "founded",
    "founder",
    "founders",
    "trademark",
    "trademarks",
];

/// English function words that other languages written in Latin letters
/// seldom use (the language detection's shortcut for English: in English
/// prose they are a fifth to a third of the words).
pub const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "was", "were", "with", "from", "that", "by", "for", "has", "have", "been", "which",
    "this",
];

/// Every list of this module, by name (for the data tests).
#[cfg(test)]
pub const ALL: &[(&str, &[&str])] = &[
    ("ABBREVIATIONS", ABBREVIATIONS),
    ("SENTENCE_STARTERS", SENTENCE_STARTERS),
    ("FALSE_FRIENDS", FALSE_FRIENDS),
    ("ENGLISH_FUNCTION_WORDS", ENGLISH_FUNCTION_WORDS),
];
