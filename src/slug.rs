//! Slugs: the lowercase ASCII, hyphen-separated form of a name used inside IRIs.

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
