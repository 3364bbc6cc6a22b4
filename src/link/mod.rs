//! Linking: one identity per real-world entity across reports, explainably.
//!
//! Extraction gives every entity a *local key*: a gazetteer id for places and
//! substances, a lexicon id for known agencies, else a normalised name (plus a
//! country for agencies). Equal local keys in two reports already denote the
//! same entity. [`link`] goes further and merges local keys that name the same
//! entity differently:
//!
//! - `acronym`: an agency known only by an acronym ("SCNS") joins the agency
//!   that some report defines with that acronym;
//! - `agency-variant`: agency names of one country that differ only in
//!   spelling (Jaro-Winkler on normalised names, with the same head noun);
//! - `person-variant`: names of one person written with or without a middle
//!   initial or in another transliteration (Amirkhanov / Amirhanov), never two
//!   people with different given names;
//! - `surname`: a surname written alone joins the only full name with it;
//! - `user-alias`: merges an analyst forced in the alias file; `different`
//!   rows there forbid merges.
//!
//! Records are first merged per local key into a [`KeyState`] (a multiset
//! sum, so that a load can keep them and add or take away reports); the
//! result is a pure function of those states, and so of the set of records:
//! the same records in any order give the same clusters, canonical keys and
//! explanations.

mod aliases;
mod names;
mod state;
pub mod stories;

pub use aliases::{AliasError, AliasRule, AliasRules};
pub use names::{PersonName, transliteration_key};
pub use state::KeyState;

use crate::extract::gazetteer::name_key;
use crate::model::{EntityKey, EntityKind};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Jaro-Winkler similarity at or above which two agency names of one country are one agency.
/// Chosen on the dev reports and the linking tests: "Ministry of Internal Affairs"
/// vs "Ministry of Internal Afairs" scores 0.99, while distinct bodies sharing a
/// head noun ("Special Operations Division" vs "Criminal Division") stay below 0.85.
pub const AGENCY_SIMILARITY: f64 = 0.95;

/// Jaro-Winkler similarity at or above which two transliterated surnames are one surname
/// ("amirkhanov"/"amirhanov" score 0.98; "ivanov"/"ivanova" 0.97 but differ in gender,
/// which the given-name check catches).
pub const SURNAME_SIMILARITY: f64 = 0.93;

/// What one report says about one of its entities: the input to linking.
#[derive(Clone, Debug, PartialEq)]
pub struct LocalEntity {
    /// Entity type.
    pub kind: EntityKind,
    /// Local key.
    pub key: EntityKey,
    /// Label in that report.
    pub label: String,
    /// Other names in that report.
    pub aliases: Vec<String>,
    /// ISO country code, when known.
    pub country: Option<String>,
}

/// Why a local key joined its cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LinkRule {
    /// The key is the cluster's own.
    Identity,
    /// An acronym defined in some report.
    Acronym,
    /// A spelling variant of an agency name.
    AgencyVariant,
    /// A variant of a person's name.
    PersonVariant,
    /// A surname written alone.
    Surname,
    /// The analyst's alias file.
    UserAlias,
}

impl LinkRule {
    /// Every rule.
    pub const ALL: [LinkRule; 6] = [
        LinkRule::Identity,
        LinkRule::Acronym,
        LinkRule::AgencyVariant,
        LinkRule::PersonVariant,
        LinkRule::Surname,
        LinkRule::UserAlias,
    ];

    /// The rule with this name ([`LinkRule::as_str`]).
    pub fn parse(name: &str) -> Option<LinkRule> {
        LinkRule::ALL.into_iter().find(|rule| rule.as_str() == name)
    }

    /// The rule's name in explanations and in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkRule::Identity => "identity",
            LinkRule::Acronym => "acronym",
            LinkRule::AgencyVariant => "agency-variant",
            LinkRule::PersonVariant => "person-variant",
            LinkRule::Surname => "surname",
            LinkRule::UserAlias => "user-alias",
        }
    }
}

/// A local key's place in a cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct Membership {
    /// The cluster's canonical key.
    pub canonical: EntityKey,
    /// Why it joined.
    pub rule: LinkRule,
    /// The key it was matched with (itself for `Identity`).
    pub matched_with: EntityKey,
    /// Similarity score of the match, 1.0 for exact rules.
    pub score: f64,
}

/// One linked entity: a cluster of local keys.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkedEntity {
    /// Canonical key (it gives the IRI).
    pub key: EntityKey,
    /// Entity type (Official wins over Person).
    pub kind: EntityKind,
    /// Canonical label.
    pub label: String,
    /// Every other name used anywhere, sorted.
    pub aliases: Vec<String>,
    /// Country, when known.
    pub country: Option<String>,
    /// Local keys in the cluster, sorted.
    pub members: Vec<EntityKey>,
    /// Number of records (report mentions) in the cluster.
    pub records: usize,
}

/// The result of linking: for every local key, its cluster.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Linking {
    memberships: BTreeMap<EntityKey, Membership>,
    clusters: BTreeMap<EntityKey, LinkedEntity>,
}

impl Linking {
    /// The canonical key of a local key (the key itself when it was never seen).
    pub fn canonical<'k>(&'k self, key: &'k EntityKey) -> &'k EntityKey {
        self.memberships.get(key).map_or(key, |m| &m.canonical)
    }

    /// How a local key was linked.
    pub fn membership(&self, key: &EntityKey) -> Option<&Membership> {
        self.memberships.get(key)
    }

    /// Every linked entity, by canonical key.
    pub fn entities(&self) -> impl Iterator<Item = &LinkedEntity> {
        self.clusters.values()
    }

    /// The linked entity with this canonical key.
    pub fn entity(&self, canonical: &EntityKey) -> Option<&LinkedEntity> {
        self.clusters.get(canonical)
    }

    /// Every membership, by local key.
    pub fn memberships(&self) -> impl Iterator<Item = (&EntityKey, &Membership)> {
        self.memberships.iter()
    }
}

/// Aggregated facts about one local key across all its records.
#[derive(Clone, Debug)]
struct Node {
    key: EntityKey,
    kind: EntityKind,
    label: String,
    names: BTreeSet<String>,
    country: Option<String>,
    records: usize,
}

/// Links local entities from any number of reports.
pub fn link(records: &[LocalEntity], rules: &AliasRules) -> Linking {
    link_states(&states_of(records), rules)
}

/// The state of each local key in these records.
pub fn states_of<'r>(records: impl IntoIterator<Item = &'r LocalEntity>) -> BTreeMap<EntityKey, KeyState> {
    let mut states: BTreeMap<EntityKey, KeyState> = BTreeMap::new();
    for record in records {
        match states.get_mut(&record.key) {
            Some(state) => state.add(record),
            None => {
                states.insert(record.key.clone(), KeyState::of([record]));
            }
        }
    }
    states
}

/// Links local keys from their merged records: what [`link`] does once it
/// has merged them, and what a load does with the states the store keeps.
pub fn link_states(states: &BTreeMap<EntityKey, KeyState>, rules: &AliasRules) -> Linking {
    let nodes: Vec<Node> = states.iter().filter_map(|(key, state)| Node::of(key, state)).collect();
    let mut forest = Forest::new(nodes.len());
    let mut edges: Vec<(usize, usize, LinkRule, f64)> = Vec::new();
    user_alias_edges(&nodes, rules, &mut edges);
    acronym_edges(&nodes, &mut edges);
    agency_variant_edges(&nodes, &mut edges);
    person_edges(&nodes, &mut edges);
    // Strongest evidence first, then a fixed order, so the result does not depend on input order.
    edges.sort_by(|a, b| {
        rule_strength(b.2)
            .cmp(&rule_strength(a.2))
            .then(b.3.total_cmp(&a.3))
            .then(nodes[a.0].key.cmp(&nodes[b.0].key))
            .then(nodes[a.1].key.cmp(&nodes[b.1].key))
    });
    let forbidden = forbidden_pairs(&nodes, rules);
    let mut joined_by: BTreeMap<usize, (LinkRule, usize, f64)> = BTreeMap::new();
    for (a, b, rule, score) in edges {
        if forest.find(a) == forest.find(b) {
            continue;
        }
        if !compatible(&nodes, &forest, a, b, &forbidden) {
            continue;
        }
        forest.union(a, b);
        // Record the explanation on the node that is not the cluster's representative later.
        joined_by.entry(b).or_insert((rule, a, score));
        joined_by.entry(a).or_insert((rule, b, score));
    }
    build(&nodes, &mut forest, &joined_by)
}

fn rule_strength(rule: LinkRule) -> u8 {
    match rule {
        LinkRule::UserAlias => 5,
        LinkRule::Acronym => 4,
        LinkRule::PersonVariant => 3,
        LinkRule::AgencyVariant => 2,
        LinkRule::Surname => 1,
        LinkRule::Identity => 0,
    }
}

impl Node {
    fn of(key: &EntityKey, state: &KeyState) -> Option<Node> {
        Some(Node {
            key: key.clone(),
            kind: state.kind()?,
            label: state.label()?.to_owned(),
            names: state.names().map(str::to_owned).collect(),
            country: state.country().map(str::to_owned),
            records: state.records(),
        })
    }
}

/// Keys the extractor gives from a gazetteer or lexicon are canonical as they are.
fn is_reference_key(key: &EntityKey, kind: EntityKind) -> bool {
    match key {
        EntityKey::Country(_) | EntityKey::City(_) | EntityKey::Substance(_) | EntityKey::Region(_) => true,
        EntityKey::Agency { slug, .. } => {
            kind == EntityKind::Agency
                && slug.contains('-')
                && crate::slug::branch_parent(slug).is_none()
                && is_lexicon_id(slug)
        }
        EntityKey::CriminalGroup(_) | EntityKey::Person(_) => false,
    }
}

/// What `rule` compares between two names and what that gives, in words, so an
/// explanation shows the score as computed ("kadirov" and "kadirov" after
/// transliteration) next to the names as written.
pub fn score_basis(rule: &str, written: &str, matched: &str) -> Option<String> {
    match rule {
        "person-variant" => {
            let (a, b) = (PersonName::parse(written)?, PersonName::parse(matched)?);
            let surname = |label: &str| label.rsplit(' ').next().unwrap_or(label).to_lowercase();
            let raw = strsim::jaro_winkler(&surname(written), &surname(matched));
            Some(format!(
                "surnames \"{}\" and \"{}\" after transliteration, Jaro-Winkler {:.3} (as written, \"{}\" and \"{}\": {raw:.3}); given names agree",
                a.surname_key,
                b.surname_key,
                strsim::jaro_winkler(&a.surname_key, &b.surname_key),
                surname(written),
                surname(matched),
            ))
        }
        "agency-variant" => Some(format!(
            "labels \"{}\" and \"{}\" (normalised), Jaro-Winkler {:.3}; the score is the best over all their names",
            name_key(written),
            name_key(matched),
            strsim::jaro_winkler(&name_key(written), &name_key(matched)),
        )),
        "surname" => Some(format!("the surname \"{written}\" alone, and only \"{matched}\" carries it")),
        "acronym" => Some(format!("\"{written}\" is an acronym some report defines for \"{matched}\"")),
        "user-alias" => Some("the alias file says they are one".to_owned()),
        _ => None,
    }
}

/// The parent's slug of a regional branch or field office; `None` for any other entity.
fn branch_of(key: &EntityKey) -> Option<&str> {
    match key {
        EntityKey::Agency { slug, .. } => crate::slug::branch_parent(slug),
        _ => None,
    }
}

fn is_lexicon_id(slug: &str) -> bool {
    crate::extract::Gazetteers::embedded().is_ok_and(|g| g.agency(slug).is_some())
}

fn acronym_edges(nodes: &[Node], edges: &mut Vec<(usize, usize, LinkRule, f64)>) {
    for (index, node) in nodes.iter().enumerate() {
        if node.kind != EntityKind::Agency || !is_acronym(&node.label) {
            continue;
        }
        let owners: Vec<usize> = nodes
            .iter()
            .enumerate()
            .filter(|(other, n)| {
                *other != index
                    && n.kind == EntityKind::Agency
                    && n.names.contains(&node.label)
                    && (n.country.is_none() || node.country.is_none() || n.country == node.country)
            })
            .map(|(i, _)| i)
            .collect();
        if let [owner] = owners.as_slice() {
            edges.push((index, *owner, LinkRule::Acronym, 1.0));
        }
    }
}

fn is_acronym(label: &str) -> bool {
    (2..=8).contains(&label.len()) && label.chars().all(|c| c.is_ascii_uppercase() || c == '.')
}

fn head_noun(name: &str) -> Option<String> {
    let key = name_key(name);
    let words: Vec<&str> = key.split(' ').collect();
    const HEADS: &[&str] = &[
        "ministry",
        "department",
        "agency",
        "service",
        "committee",
        "office",
        "police",
        "customs",
        "bureau",
        "administration",
        "directorate",
        "division",
        "section",
        "unit",
        "team",
        "court",
        "commission",
        "force",
        "guard",
        "troops",
    ];
    words.iter().find(|w| HEADS.contains(w)).map(|w| (*w).to_owned())
}

fn agency_variant_edges(nodes: &[Node], edges: &mut Vec<(usize, usize, LinkRule, f64)>) {
    // Block by country and head noun: only names that could be one body are compared.
    let mut blocks: BTreeMap<(Option<String>, String), Vec<usize>> = BTreeMap::new();
    for (index, node) in nodes.iter().enumerate() {
        if node.kind != EntityKind::Agency || is_acronym(&node.label) {
            continue;
        }
        if let Some(head) = head_noun(&node.label) {
            blocks.entry((node.country.clone(), head)).or_default().push(index);
        }
    }
    for members in blocks.values() {
        for (position, &a) in members.iter().enumerate() {
            for &b in &members[position + 1..] {
                let score =
                    best_similarity(&nodes[a], &nodes[b], |x, y| strsim::jaro_winkler(&name_key(x), &name_key(y)));
                if score >= AGENCY_SIMILARITY {
                    edges.push((a, b, LinkRule::AgencyVariant, score));
                }
            }
        }
    }
}

fn best_similarity(a: &Node, b: &Node, score: impl Fn(&str, &str) -> f64) -> f64 {
    let names_a: Vec<&String> = std::iter::once(&a.label).chain(&a.names).collect();
    let names_b: Vec<&String> = std::iter::once(&b.label).chain(&b.names).collect();
    let mut best: f64 = 0.0;
    for x in &names_a {
        for y in &names_b {
            best = best.max(score(x, y));
        }
    }
    best
}

fn person_edges(nodes: &[Node], edges: &mut Vec<(usize, usize, LinkRule, f64)>) {
    let people: Vec<(usize, PersonName)> = nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind.is_person())
        .filter_map(|(i, n)| PersonName::parse(&n.label).map(|p| (i, p)))
        .collect();
    // Block on the first two letters of the transliterated surname and the
    // first letter of the given name: spelling variants of one
    // surname (Amirkhanov / Amirhanov) keep their start, compatible given
    // names share their first letter, and blocks stay small at 100,000
    // people (a block by the surname's first letter held thousands).
    let mut blocks: BTreeMap<(String, Option<char>), Vec<usize>> = BTreeMap::new();
    for (position, (_, name)) in people.iter().enumerate() {
        let prefix: String = name.surname_key.chars().take(2).collect();
        let first = name.given.first().and_then(|g| g.chars().next());
        if !prefix.is_empty() && !name.given.is_empty() {
            blocks.entry((prefix, first)).or_default().push(position);
        }
    }
    // Within a block, people are grouped by surname key: the surname score is
    // computed once per pair of distinct surnames (1.0 within one), not once
    // per pair of people, and blocks are compared in parallel. Edges are
    // sorted before use, so the order they are found in does not matter.
    let found: Vec<Vec<(usize, usize, LinkRule, f64)>> = blocks
        .values()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|members| {
            let mut by_surname: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for &position in members.iter() {
                by_surname.entry(people[position].1.surname_key.as_str()).or_default().push(position);
            }
            let groups: Vec<(&str, Vec<usize>)> = by_surname.into_iter().collect();
            let mut out = Vec::new();
            for (g, (surname_a, group_a)) in groups.iter().enumerate() {
                for (surname_b, group_b) in &groups[g..] {
                    let same = surname_a == surname_b;
                    let surname_score = if same { 1.0 } else { strsim::jaro_winkler(surname_a, surname_b) };
                    if surname_score < SURNAME_SIMILARITY {
                        continue;
                    }
                    for (i, &x) in group_a.iter().enumerate() {
                        let others = if same { &group_a[i + 1..] } else { group_b.as_slice() };
                        for &y in others {
                            // Each pair as the block order gives it (smaller key first).
                            let (x, y) = (x.min(y), x.max(y));
                            let (a, name_a) = &people[x];
                            let (b, name_b) = &people[y];
                            if name_a.given_compatible(name_b) {
                                out.push((*a, *b, LinkRule::PersonVariant, surname_score));
                            }
                        }
                    }
                }
            }
            out
        })
        .collect();
    edges.extend(found.into_iter().flatten());
    // Full names by surname, so a surname alone finds its full names at once.
    let mut full_names: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, name) in &people {
        if !name.given.is_empty() {
            full_names.entry(name.surname_key.as_str()).or_default().push(*index);
        }
    }
    for (a, name_a) in &people {
        if !name_a.given.is_empty() {
            continue;
        }
        if let Some([only]) = full_names.get(name_a.surname_key.as_str()).map(Vec::as_slice) {
            edges.push((*a, *only, LinkRule::Surname, 1.0));
        }
    }
}

fn user_alias_edges(nodes: &[Node], rules: &AliasRules, edges: &mut Vec<(usize, usize, LinkRule, f64)>) {
    for rule in rules.rules() {
        if !rule.same {
            continue;
        }
        let a = nodes_named(nodes, rule.kind, &rule.first);
        let b = nodes_named(nodes, rule.kind, &rule.second);
        for &x in &a {
            for &y in &b {
                if x != y {
                    edges.push((x, y, LinkRule::UserAlias, 1.0));
                }
            }
        }
    }
}

fn nodes_named(nodes: &[Node], kind: Option<EntityKind>, name: &str) -> Vec<usize> {
    let wanted = name_key(name);
    nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| kind.is_none_or(|k| k == n.kind || k.is_person() && n.kind.is_person()))
        .filter(|(_, n)| std::iter::once(&n.label).chain(&n.names).any(|x| name_key(x) == wanted))
        .map(|(i, _)| i)
        .collect()
}

fn forbidden_pairs(nodes: &[Node], rules: &AliasRules) -> BTreeSet<(usize, usize)> {
    let mut out = BTreeSet::new();
    for rule in rules.rules() {
        if rule.same {
            continue;
        }
        for &x in &nodes_named(nodes, rule.kind, &rule.first) {
            for &y in &nodes_named(nodes, rule.kind, &rule.second) {
                out.insert((x.min(y), x.max(y)));
            }
        }
    }
    out
}

/// May the clusters of `a` and `b` become one? Never across countries, never two
/// people with different given names, never against the alias file, never two
/// reference keys (two gazetteer entries are two places).
fn compatible(nodes: &[Node], forest: &Forest, a: usize, b: usize, forbidden: &BTreeSet<(usize, usize)>) -> bool {
    let left = forest.members(a);
    let right = forest.members(b);
    let reference = |set: &[usize]| set.iter().filter(|&&i| is_reference_key(&nodes[i].key, nodes[i].kind)).count();
    if reference(left) + reference(right) > 1 {
        return false;
    }
    for &x in left {
        for &y in right {
            if forbidden.contains(&(x.min(y), x.max(y))) {
                return false;
            }
            let (nx, ny) = (&nodes[x], &nodes[y]);
            if nx.country.is_some() && ny.country.is_some() && nx.country != ny.country {
                return false;
            }
            // A branch is never its parent nor another body's branch in the same city.
            if branch_of(&nx.key) != branch_of(&ny.key) {
                return false;
            }
            if nx.kind.is_person() && ny.kind.is_person() {
                if let (Some(px), Some(py)) = (PersonName::parse(&nx.label), PersonName::parse(&ny.label))
                    && !px.given.is_empty()
                    && !py.given.is_empty()
                    && !px.given_compatible(&py)
                {
                    return false;
                }
            } else if nx.kind != ny.kind {
                return false;
            }
        }
    }
    true
}

fn build(nodes: &[Node], forest: &mut Forest, joined_by: &BTreeMap<usize, (LinkRule, usize, f64)>) -> Linking {
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for index in 0..nodes.len() {
        clusters.entry(forest.find(index)).or_default().push(index);
    }
    let mut linking = Linking::default();
    for members in clusters.values() {
        let representative = members
            .iter()
            .copied()
            .max_by(|&x, &y| {
                representative_rank(&nodes[x])
                    .cmp(&representative_rank(&nodes[y]))
                    .then(nodes[y].key.cmp(&nodes[x].key))
            })
            .unwrap_or(members[0]);
        let head = &nodes[representative];
        let canonical = head.key.clone();
        let mut aliases: BTreeSet<String> = BTreeSet::new();
        for &member in members {
            aliases.insert(nodes[member].label.clone());
            aliases.extend(nodes[member].names.iter().cloned());
        }
        let label_key = name_key(&head.label);
        let aliases: Vec<String> = aliases.into_iter().filter(|a| name_key(a) != label_key).collect();
        let kind = if members.iter().any(|&m| nodes[m].kind == EntityKind::Official) {
            EntityKind::Official
        } else {
            head.kind
        };
        let mut keys: Vec<EntityKey> = members.iter().map(|&m| nodes[m].key.clone()).collect();
        keys.sort();
        for &member in members {
            let membership = if member == representative {
                Membership {
                    canonical: canonical.clone(),
                    rule: LinkRule::Identity,
                    matched_with: canonical.clone(),
                    score: 1.0,
                }
            } else {
                let (rule, other, score) =
                    joined_by.get(&member).copied().unwrap_or((LinkRule::Identity, representative, 1.0));
                Membership { canonical: canonical.clone(), rule, matched_with: nodes[other].key.clone(), score }
            };
            linking.memberships.insert(nodes[member].key.clone(), membership);
        }
        linking.clusters.insert(
            canonical.clone(),
            LinkedEntity {
                key: canonical,
                kind,
                label: head.label.clone(),
                aliases,
                country: members.iter().find_map(|&m| nodes[m].country.clone()),
                members: keys,
                records: members.iter().map(|&m| nodes[m].records).sum(),
            },
        );
    }
    linking
}

/// The representative of a cluster: a reference key first, then the fullest
/// name (most words, then most letters: "Amirkhanov" over "Amirhanov"), then
/// the one named in most records.
fn representative_rank(node: &Node) -> (bool, bool, usize, usize, usize) {
    let words = node.label.split_whitespace().count();
    (is_reference_key(&node.key, node.kind), !is_acronym(&node.label), words, node.label.len(), node.records)
}

/// Union-find over node indices that also keeps each cluster's members, so
/// compatibility checks cost the size of the two clusters, not of the forest.
struct Forest {
    parent: Vec<usize>,
    members: Vec<Vec<usize>>,
}

impl Forest {
    fn new(size: usize) -> Forest {
        Forest { parent: (0..size).collect(), members: (0..size).map(|i| vec![i]).collect() }
    }

    fn find(&mut self, index: usize) -> usize {
        let mut root = index;
        while self.parent[root] != root {
            root = self.parent[root];
        }
        let mut current = index;
        while self.parent[current] != root {
            let next = self.parent[current];
            self.parent[current] = root;
            current = next;
        }
        root
    }

    fn root(&self, index: usize) -> usize {
        let mut root = index;
        while self.parent[root] != root {
            root = self.parent[root];
        }
        root
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        // The smaller index becomes the root, so the shape does not depend on call order.
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child] = root;
        let moved = std::mem::take(&mut self.members[child]);
        self.members[root].extend(moved);
    }

    fn members(&self, index: usize) -> &[usize] {
        &self.members[self.root(index)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(label: &str) -> LocalEntity {
        LocalEntity {
            kind: EntityKind::Official,
            key: EntityKey::Person(crate::slug::slugify(label)),
            label: label.to_owned(),
            aliases: Vec::new(),
            country: None,
        }
    }

    #[test]
    fn transliterated_names_link() {
        let linking = link(&[person("Bakhytzhan Amirkhanov"), person("Bakhytzhan Amirhanov")], &AliasRules::none());
        assert_eq!(
            linking.canonical(&person("Bakhytzhan Amirkhanov").key),
            linking.canonical(&person("Bakhytzhan Amirhanov").key)
        );
    }
}
