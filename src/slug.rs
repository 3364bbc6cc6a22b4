//! Slugs: the lowercase ASCII, hyphen-separated form of a name used inside
//! IRIs; and name keys, the case-folded form queries find a name by.

/// The slug of a name: transliterated to ASCII, lowercased, runs of anything
/// but letters and digits turned into one hyphen, trimmed of hyphens.
///
/// ```
/// assert_eq!(narcograph::slug::slugify("Ministry of Internal Affairs (Kazakhstan)"), "ministry-of-internal-affairs-kazakhstan");
/// assert_eq!(narcograph::slug::slugify("Cártel del Noreste"), "cartel-del-noreste");
/// ```
pub fn slugify(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_hyphen = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '\u{2019}' {
            pending_hyphen = true;
        }
    }
    slug
}

/// The slug of a branch or field office of the body `parent_slug`: the
/// parent's slug, a double hyphen (which [`slugify`] never writes), and the
/// branch's own name, so one branch has one slug whatever the report calls its
/// parent, and the parent can be read back ([`branch_parent`]).
///
/// ```
/// let slug = narcograph::slug::branch("us-dea", "New York Office");
/// assert_eq!(slug, "us-dea--new-york-office");
/// assert_eq!(narcograph::slug::branch_parent(&slug), Some("us-dea"));
/// assert_eq!(narcograph::slug::branch_parent("us-dea"), None);
/// ```
pub fn branch(parent_slug: &str, name: &str) -> String {
    format!("{parent_slug}--{}", slugify(name))
}

/// The parent's slug of a [`branch`] slug; `None` for any other slug.
pub fn branch_parent(slug: &str) -> Option<&str> {
    slug.rsplit_once("--").map(|(parent, _)| parent)
}

/// The key a name is found by (`ng:nameKey`): lowercased, runs of white
/// space made one space, trimmed. Unlike a slug it keeps letters as written
/// (Cyrillic stays Cyrillic, "Côte" keeps its accent) and punctuation, so a
/// key is the name itself in any case, and a typed name matches it exactly.
///
/// ```
/// assert_eq!(narcograph::slug::name_key("  Kyrgyz  Republic "), "kyrgyz republic");
/// assert_eq!(narcograph::slug::name_key("КАЗАХСТАН"), "казахстан");
/// ```
pub fn name_key(name: &str) -> String {
    name.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}
