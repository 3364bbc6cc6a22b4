//! Near-duplicate reports: one story republished, syndicated or lightly
//! edited counts as one source of evidence, however many copies are loaded.
//!
//! Each report gets a MinHash signature of its word shingles ([`SHINGLE`]
//! consecutive words, lowercased); two reports whose estimated Jaccard
//! similarity of shingle sets reaches [`SAME_STORY`] tell one story. Copies
//! are grouped transitively and the group is named by its earliest report
//! (by date, then IRI), so the grouping is a pure function of the set of
//! reports, whatever the order they are loaded in.
//!
//! Candidates are found by locality-sensitive hashing ([`BANDS`] bands of
//! [`ROWS`] hash values), so a load compares a report with the few whose
//! signatures collide, not with the whole collection; each candidate pair is
//! then checked on the full signature.

use crate::extract::text::{TokenKind, tokenize};
use std::collections::{BTreeMap, HashMap};

/// Words per shingle. Five words make a phrase: shared boilerplate ("the
/// Drug Enforcement Administration said") forms few whole five-word runs
/// with a different story, while a republished text keeps most of them.
pub const SHINGLE: usize = 5;

/// Hash functions in a signature; the estimate's standard error is about
/// `sqrt(J (1 - J) / HASHES)`, 0.04 at J = 0.5.
pub const HASHES: usize = 128;

/// Estimated Jaccard similarity at or above which two reports are one story.
/// A copy with a new headline, a changed case number, a dropped paragraph or
/// an added agency footer keeps well over half its shingles (the tests edit an
/// invented release that way and score 0.6-0.9); two different releases of one
/// agency, even on the same operation, share a few sentences of boilerplate
/// and score under 0.2 (the dev reports' highest pair scores 0.05).
pub const SAME_STORY: f64 = 0.5;

/// Rows per LSH band: a pair at the threshold collides in some band with
/// probability 1 - (1 - 0.5^3)^42 > 0.99; a pair at 0.1, with about 0.04.
pub const ROWS: usize = 3;

/// LSH bands (`BANDS * ROWS <= HASHES`).
pub const BANDS: usize = 42;

/// Most members of one LSH bucket a report is checked against; a bucket of
/// thousands of copies is joined through these few.
const LEADERS: usize = 8;

/// A MinHash signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(pub Vec<u32>);

impl Signature {
    /// The signature as hexadecimal text, for the store.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|v| format!("{v:08x}")).collect()
    }

    /// Reads [`Signature::to_hex`]'s text; `None` when it is not one.
    pub fn from_hex(text: &str) -> Option<Signature> {
        if text.len() != HASHES * 8 || !text.is_ascii() {
            return None;
        }
        let values: Option<Vec<u32>> =
            (0..HASHES).map(|i| u32::from_str_radix(&text[i * 8..i * 8 + 8], 16).ok()).collect();
        values.map(Signature)
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / HASHES as f64
    }
}

/// A strong 64-bit mix (splitmix64's finaliser): turns one shingle hash into
/// the value of each of the [`HASHES`] hash functions.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The MinHash signature of a text; `None` when it has fewer than
/// [`SHINGLE`] words (too short to judge).
pub fn signature(text: &str) -> Option<Signature> {
    let words: Vec<String> = tokenize(text)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .map(|t| t.span.slice(text).to_lowercase())
        .collect();
    if words.len() < SHINGLE {
        return None;
    }
    let mut minimum = vec![u32::MAX; HASHES];
    for shingle in words.windows(SHINGLE) {
        let digest = blake3::hash(shingle.join(" ").as_bytes());
        let base = u64::from_le_bytes(digest.as_bytes()[..8].try_into().unwrap_or_default());
        for (i, slot) in minimum.iter_mut().enumerate() {
            let value = (mix(base ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as u32;
            *slot = (*slot).min(value);
        }
    }
    Some(Signature(minimum))
}

/// A report as the grouping sees it.
#[derive(Clone, Debug)]
pub struct StoryReport {
    /// Report IRI.
    pub iri: String,
    /// Publication date (`YYYY-MM-DD` or shorter), if known.
    pub date: Option<String>,
    /// Its signature.
    pub signature: Signature,
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Groups reports into stories: report IRI -> the IRI of its story's first
/// report, for every report in a group of two or more (a report alone is its
/// own story and is left out).
pub fn stories(reports: &[StoryReport]) -> BTreeMap<String, String> {
    // Earliest first (undated last), so a group's first member names it, and
    // so the result does not depend on the input order.
    let mut order: Vec<&StoryReport> = reports.iter().collect();
    order.sort_by(|a, b| (a.date.is_none(), &a.date, &a.iri).cmp(&(b.date.is_none(), &b.date, &b.iri)));
    let mut parent: Vec<usize> = (0..order.len()).collect();
    let mut buckets: HashMap<(usize, &[u32]), Vec<usize>> = HashMap::new();
    for (index, report) in order.iter().enumerate() {
        for band in 0..BANDS {
            let key = (band, &report.signature.0[band * ROWS..(band + 1) * ROWS]);
            let leaders = buckets.entry(key).or_default();
            let mut joined = false;
            for &leader in leaders.iter() {
                if order[leader].signature.similarity(&report.signature) >= SAME_STORY {
                    let (a, b) = (find(&mut parent, leader), find(&mut parent, index));
                    // The smaller index (the earlier report) names the group.
                    parent[a.max(b)] = a.min(b);
                    joined = true;
                }
            }
            if !joined && leaders.len() < LEADERS {
                leaders.push(index);
            }
        }
    }
    let mut out = BTreeMap::new();
    for index in 0..order.len() {
        let root = find(&mut parent, index);
        if root != index {
            out.insert(order[index].iri.clone(), order[root].iri.clone());
        }
    }
    // A group's first report is named only when it has copies.
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Customs officers at the northern checkpoint seized 42 kilograms of heroin hidden in a \
        shipment of dried apricots on Tuesday. The driver, a 38-year-old resident of the border district, was \
        detained. Investigators believe the consignment was bound for buyers in the capital and are tracing the \
        people who packed it. The seizure is the largest at the checkpoint this year, the service said in a \
        statement, adding that sniffer dogs found the drugs behind a false wall of the trailer.";

    fn report(iri: &str, date: &str, text: &str) -> StoryReport {
        StoryReport { iri: iri.to_owned(), date: Some(date.to_owned()), signature: signature(text).unwrap() }
    }

    #[test]
    fn a_lightly_edited_copy_is_the_same_story_and_another_story_is_not() {
        let copy = format!("BORDER NEWS - {} Case No. 2024-113.", STORY.replace("on Tuesday", "this week"));
        let other = "Police in the capital arrested three men suspected of selling synthetic drugs through an \
            online shop. Officers searched two flats and found 600 grams of mephedrone, scales and packaging. The \
            men, aged 21 to 25, face up to fifteen years in prison, the police said in a statement.";
        let a = signature(STORY).unwrap();
        let similarity = a.similarity(&signature(&copy).unwrap());
        assert!(similarity >= SAME_STORY, "{similarity}");
        let different = a.similarity(&signature(other).unwrap());
        assert!(different < 0.2, "{different}");
        assert_eq!(Signature::from_hex(&a.to_hex()), Some(a));
        assert_eq!(signature("too short"), None);
    }

    #[test]
    fn copies_group_under_the_earliest_report_whatever_the_order() {
        let reports = vec![
            report("r:late", "2024-03-05", &format!("{STORY} Reprinted with permission.")),
            report("r:first", "2024-03-01", STORY),
            report(
                "r:other",
                "2024-03-02",
                "Police in the capital arrested three men suspected of selling synthetic drugs through an online shop.",
            ),
            report("r:middle", "2024-03-03", &STORY.replace("42 kilograms", "forty-two kilograms")),
        ];
        let grouped = stories(&reports);
        assert_eq!(grouped.get("r:late").map(String::as_str), Some("r:first"));
        assert!(!grouped.contains_key("r:first") && !grouped.contains_key("r:other"));
        assert_eq!(grouped.get("r:middle").map(String::as_str), Some("r:first"));
        let mut reversed = reports.clone();
        reversed.reverse();
        assert_eq!(stories(&reversed), grouped);
    }
}
