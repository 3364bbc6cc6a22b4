//! Near-duplicate reports: one story republished, syndicated or lightly
//! edited counts as one source of evidence, however many copies are loaded.
//!
//! Each report gets a MinHash signature of its word shingles ([`SHINGLE`]
//! consecutive words, lowercased); two reports whose estimated Jaccard
//! similarity of shingle sets reaches [`SAME_STORY`], and that share their
//! names and numbers ([`SAME_FACTS`]), tell one story: releases written in
//! one template share wording but not the people, places and figures. Copies
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

/// Share of the smaller set of names and numbers the other must contain:
/// a copy keeps the story's people, places and figures, while two reports
/// written in one template (an agency's releases, a wire's format) share
/// their wording but not those (see [`Signature::same_story`]).
pub const SAME_FACTS: f64 = 0.5;

/// A report's story signature: the MinHash of its shingles, and the hashes of
/// its names and numbers (capitalised words not opening a sentence, and
/// numbers), sorted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    /// MinHash values ([`HASHES`]).
    pub minhash: Vec<u32>,
    /// Hashes of the names and numbers, sorted, each once.
    pub facts: Vec<u32>,
}

impl Signature {
    /// The signature as hexadecimal text, for the store: the MinHash, a
    /// colon, the name and number hashes.
    pub fn to_hex(&self) -> String {
        let hex = |values: &[u32]| values.iter().map(|v| format!("{v:08x}")).collect::<String>();
        format!("{}:{}", hex(&self.minhash), hex(&self.facts))
    }

    /// Reads [`Signature::to_hex`]'s text; `None` when it is not one (a
    /// signature of an older store: the text is signed again).
    pub fn from_hex(text: &str) -> Option<Signature> {
        let (minhash, facts) = text.split_once(':')?;
        let values = |hex: &str| -> Option<Vec<u32>> {
            if !hex.len().is_multiple_of(8) || !hex.is_ascii() {
                return None;
            }
            (0..hex.len() / 8).map(|i| u32::from_str_radix(&hex[i * 8..i * 8 + 8], 16).ok()).collect()
        };
        let minhash = values(minhash).filter(|v| v.len() == HASHES)?;
        Some(Signature { minhash, facts: values(facts)? })
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.minhash.iter().zip(&other.minhash).filter(|(a, b)| a == b).count();
        same as f64 / HASHES as f64
    }

    /// Share of the smaller set of names and numbers found in the other (1
    /// when either has fewer than three: too few to tell).
    pub fn fact_containment(&self, other: &Signature) -> f64 {
        let smaller = self.facts.len().min(other.facts.len());
        if smaller < 3 {
            return 1.0;
        }
        let shared = self.facts.iter().filter(|f| other.facts.binary_search(f).is_ok()).count();
        shared as f64 / smaller as f64
    }

    /// One story: the wording is shared ([`SAME_STORY`]) and so are the names
    /// and numbers ([`SAME_FACTS`]).
    pub fn same_story(&self, other: &Signature) -> bool {
        self.similarity(other) >= SAME_STORY && self.fact_containment(other) >= SAME_FACTS
    }
}

/// A strong 64-bit mix (splitmix64's finaliser): turns one shingle hash into
/// the value of each of the [`HASHES`] hash functions.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A stable 64-bit hash (the first bytes of BLAKE3): the same in every build,
/// so stored signatures stay comparable.
fn hash64(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(blake3::hash(bytes).as_bytes()[..8].try_into().unwrap_or_default())
}

/// The MinHash signature of a text; `None` when it has fewer than
/// [`SHINGLE`] words (too short to judge).
pub fn signature(text: &str) -> Option<Signature> {
    let tokens = tokenize(text);
    let words: Vec<String> =
        tokens.iter().filter(|t| t.kind != TokenKind::Punct).map(|t| t.span.slice(text).to_lowercase()).collect();
    if words.len() < SHINGLE {
        return None;
    }
    let mut facts: Vec<u32> = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        let word = token.span.slice(text);
        let opens_sentence = index == 0
            || tokens[index - 1].kind == TokenKind::Punct
                && matches!(tokens[index - 1].span.slice(text), "." | "!" | "?" | "\"" | "“" | "-" | ":");
        let fact = token.kind == TokenKind::Number
            || token.kind == TokenKind::Word && crate::extract::text::is_capitalised(word) && !opens_sentence;
        if fact {
            facts.push(hash64(word.to_lowercase().as_bytes()) as u32);
        }
    }
    facts.sort_unstable();
    facts.dedup();
    let mut minimum = vec![u32::MAX; HASHES];
    for shingle in words.windows(SHINGLE) {
        let base = hash64(shingle.join(" ").as_bytes());
        for (i, slot) in minimum.iter_mut().enumerate() {
            let value = (mix(base ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as u32;
            *slot = (*slot).min(value);
        }
    }
    Some(Signature { minhash: minimum, facts })
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

/// Groups reports into stories: report IRI -> the IRI of its story's first
/// report, for every report in a group of two or more (a report alone is its
/// own story and is left out).
pub fn stories(reports: &[StoryReport]) -> BTreeMap<String, String> {
    // Earliest first (undated last), so a group's first member names it, and
    // so the result does not depend on the input order.
    let mut order: Vec<&StoryReport> = reports.iter().collect();
    order.sort_by(|a, b| (a.date.is_none(), &a.date, &a.iri).cmp(&(b.date.is_none(), &b.date, &b.iri)));
    // Linking's union-find: the smaller index (the earlier report) is the root.
    let mut forest = super::Forest::new(order.len());
    let mut buckets: HashMap<(usize, &[u32]), Vec<usize>> = HashMap::new();
    for (index, report) in order.iter().enumerate() {
        for band in 0..BANDS {
            let key = (band, &report.signature.minhash[band * ROWS..(band + 1) * ROWS]);
            let leaders = buckets.entry(key).or_default();
            let mut joined = false;
            for &leader in leaders.iter() {
                if order[leader].signature.same_story(&report.signature) {
                    forest.union(leader, index);
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
        let root = forest.find(index);
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
        assert!(a.same_story(&signature(&copy).unwrap()));
        assert_eq!(Signature::from_hex(&a.to_hex()), Some(a));
        assert_eq!(signature("too short"), None);
    }

    #[test]
    fn two_stories_in_one_template_are_two_stories() {
        let template = |city: &str, amount: &str, name: &str, from: &str| {
            format!(
                "{city} - The police seized {amount} kilograms of cannabis concealed in a freight wagon in {city}. \
                 The cannabis had been smuggled into the country from {from}. The packages were marked with a logo \
                 that investigators have seen in earlier seizures, which suggests the same supplier. Police detained \
                 {name}, who is suspected of organising the delivery. Analysts say demand for the drug has grown in \
                 the region over the past decade, and prosecutors are expected to ask the court to keep the suspect \
                 in custody while the inquiry goes on."
            )
        };
        let a = signature(&template("Warsaw", "55", "Georgene Hauber", "Albania")).unwrap();
        let b = signature(&template("Tel Aviv", "29.5", "Carlyn Ladue", "Kyrgyzstan")).unwrap();
        assert!(a.similarity(&b) >= SAME_STORY, "the wording is shared: {}", a.similarity(&b));
        assert!(!a.same_story(&b), "facts {}", a.fact_containment(&b));
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
