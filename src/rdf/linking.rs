//! The store's side of incremental linking: the key states kept between
//! loads, and the lookups that let a load touch only what its reports change
//! (reports naming a key, reports naming an entity, one cluster's quads).

use super::iri;
use super::store::{Store, StoreError, state_quad, storage};
use super::vocab::*;
use crate::link::{KeyState, LinkRule, Membership};
use crate::model::{EntityKey, ReportId};
use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedNodeRef, Quad, Term};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A local key's state and link as the store keeps them.
pub type KeptKeys = BTreeMap<EntityKey, (KeyState, Membership)>;

/// Buckets of kept key states (see [`Store::write_kept_keys`]).
pub const BUCKETS: u16 = 1024;

/// The bucket of a local key, by a hash of its path (stable across builds).
fn bucket_of(path: &str) -> u16 {
    let hash = blake3::hash(path.as_bytes());
    u16::from_le_bytes([hash.as_bytes()[0], hash.as_bytes()[1]]) % BUCKETS
}

/// What is kept of one key, in its bucket's JSON.
#[derive(Serialize, Deserialize)]
struct Kept {
    state: KeyState,
    canonical: String,
    rule: String,
    matched: String,
    score: f64,
}

impl Store {
    /// Every local key's state and link, or `None` when the store does not
    /// keep them in step with its reports (it was written by an older
    /// narcograph): then the caller rebuilds them from the reports.
    pub fn kept_keys(&self) -> Result<Option<KeptKeys>, StoreError> {
        if !self.inner.contains(&kept_mark()).map_err(storage("reading the store state"))? {
            return Ok(None);
        }
        let mut out = KeptKeys::new();
        for (_, value) in self.kept_buckets()? {
            // A bucket this build cannot read means the kept states are not
            // to be trusted: all are rebuilt from the reports.
            let Ok(bucket) = serde_json::from_str::<BTreeMap<String, Kept>>(&value) else { return Ok(None) };
            for (path, kept) in bucket {
                let (Some(key), Some(entry)) = (EntityKey::from_path(&path), kept.entry()) else { return Ok(None) };
                out.insert(key, entry);
            }
        }
        Ok(Some(out))
    }

    /// Makes the kept states those of `keys` and marks them as in step.
    ///
    /// The states are kept in [`BUCKETS`] literals, each the JSON of the keys
    /// whose hash falls in it, not one literal per key: reading a literal is
    /// a database lookup, and 200,000 of them took seconds where 1,024 large
    /// ones take milliseconds. Only the buckets that changed are written.
    pub fn write_kept_keys(&self, keys: &KeptKeys) -> Result<(), StoreError> {
        let mut buckets: BTreeMap<u16, BTreeMap<String, Kept>> = BTreeMap::new();
        for (key, (state, membership)) in keys {
            let path = key.to_path();
            buckets.entry(bucket_of(&path)).or_default().insert(path, Kept::new(state, membership));
        }
        let wanted: BTreeMap<u16, String> =
            buckets.into_iter().map(|(n, bucket)| (n, serde_json::to_string(&bucket).unwrap_or_default())).collect();
        let stored = self.kept_buckets()?;
        let graph = NamedNode::new_unchecked(iri::state_graph());
        let predicate = NamedNode::new_unchecked(KEY_STATE);
        let quad = |n: u16, value: &str| {
            Quad::new(
                NamedNode::new_unchecked(iri::key_state_bucket(n)),
                predicate.clone(),
                Literal::new_simple_literal(value),
                graph.clone(),
            )
        };
        let mut transaction = self.inner.start_transaction().map_err(storage("writing key states"))?;
        for (&n, value) in &stored {
            if wanted.get(&n) != Some(value) {
                transaction.remove(&quad(n, value));
            }
        }
        for (&n, value) in &wanted {
            if stored.get(&n) != Some(value) {
                transaction.insert(&quad(n, value));
            }
        }
        transaction.insert(&kept_mark());
        transaction.commit().map_err(storage("writing key states"))
    }

    /// The stored buckets of key states, by number.
    fn kept_buckets(&self) -> Result<BTreeMap<u16, String>, StoreError> {
        let graph = NamedNode::new_unchecked(iri::state_graph());
        let predicate = NamedNode::new_unchecked(KEY_STATE);
        let mut out = BTreeMap::new();
        for quad in self.inner.quads_for_pattern(None, Some(predicate.as_ref()), None, Some(graph.as_ref().into())) {
            let quad = quad.map_err(storage("reading key states"))?;
            if let (oxigraph::model::NamedOrBlankNode::NamedNode(subject), Term::Literal(value)) =
                (&quad.subject, &quad.object)
                && let Some(n) = iri::key_state_bucket_number(subject.as_str())
            {
                out.insert(n, value.value().to_owned());
            }
        }
        Ok(out)
    }

    /// The reports whose local entities have one of these local keys.
    pub fn reports_naming_keys<'k>(
        &self,
        keys: impl IntoIterator<Item = &'k EntityKey>,
    ) -> Result<BTreeSet<ReportId>, StoreError> {
        let predicate = NamedNode::new_unchecked(LOCAL_KEY);
        let mut out = BTreeSet::new();
        for key in keys {
            let path = Literal::new_simple_literal(key.to_path());
            for quad in self.inner.quads_for_pattern(None, Some(predicate.as_ref()), Some(path.as_ref().into()), None) {
                let quad = quad.map_err(storage("finding the reports naming a key"))?;
                if let oxigraph::model::GraphName::NamedNode(graph) = &quad.graph_name
                    && let Some(id) = iri::report_id(graph.as_str())
                {
                    out.insert(id);
                }
            }
        }
        Ok(out)
    }

    /// How many reports name each of these canonical entities (one
    /// `ng:mentionedIn` per entity in each report graph that names it).
    pub fn report_counts<'k>(
        &self,
        canonicals: impl IntoIterator<Item = &'k EntityKey>,
    ) -> Result<HashMap<EntityKey, usize>, StoreError> {
        let predicate = NamedNode::new_unchecked(MENTIONED_IN);
        let mut out = HashMap::new();
        for key in canonicals {
            let subject = NamedNode::new_unchecked(iri::entity(key));
            let mut count = 0;
            for quad in
                self.inner.quads_for_pattern(Some(subject.as_ref().into()), Some(predicate.as_ref()), None, None)
            {
                quad.map_err(storage("counting the reports naming an entity"))?;
                count += 1;
            }
            out.insert(key.clone(), count);
        }
        Ok(out)
    }

    /// Canonical entities stated (in the entities graph) to be part of one of
    /// these: their parent link must be written again when these change.
    pub fn children_of<'k>(
        &self,
        parents: impl IntoIterator<Item = &'k EntityKey>,
    ) -> Result<BTreeSet<EntityKey>, StoreError> {
        let graph = iri::entities_graph();
        let mut out = BTreeSet::new();
        for parent in parents {
            let children =
                self.subjects_with(ORG_SUB_ORGANIZATION_OF, &iri::entity(parent), &graph, "reading parent links")?;
            out.extend(children.iter().filter_map(|child| iri::entity_key(child)));
        }
        Ok(out)
    }

    /// Replaces what the entities graph says of some canonical entities (the
    /// entity, its parent links and its link explanations) by `quads`, and the
    /// near-duplicate statements by `stories`, in one transaction that
    /// writes only the difference: the rest of the graph stays as it is, and
    /// most of what a touched entity says (all but its report count, often)
    /// stays too.
    pub fn update_entities(&self, entities: &[EntityKey], quads: &[Quad], stories: &[Quad]) -> Result<(), StoreError> {
        let graph = NamedNode::new_unchecked(iri::entities_graph());
        let graph_ref: GraphNameRef<'_> = graph.as_ref().into();
        let has_link = NamedNode::new_unchecked(HAS_LINK);
        let same_story = NamedNode::new_unchecked(SAME_STORY_AS);
        let subject_quads = |subject: NamedNodeRef<'_>| {
            self.inner
                .quads_for_pattern(Some(subject.into()), None, None, Some(graph_ref))
                .collect::<Result<Vec<Quad>, _>>()
                .map_err(storage("reading entities to update"))
        };
        let mut stored: Vec<Quad> = Vec::new();
        for key in entities {
            let subject = NamedNode::new_unchecked(iri::entity(key));
            for quad in subject_quads(subject.as_ref())? {
                if quad.predicate == has_link
                    && let Term::NamedNode(node) = &quad.object
                {
                    stored.extend(subject_quads(node.as_ref())?);
                }
                stored.push(quad);
            }
        }
        for quad in self.inner.quads_for_pattern(None, Some(same_story.as_ref()), None, Some(graph_ref)) {
            stored.push(quad.map_err(storage("reading entities to update"))?);
        }
        let wanted: Vec<&Quad> = quads.iter().chain(stories).collect();
        self.write_difference(&stored, &wanted, "updating entities")
    }
}

/// The shape of what a load keeps for the next (key states, aggregate
/// parts, route rows): raised when it changes, so that a store kept in
/// another shape is rebuilt from its reports by its next load.
const KEPT_SHAPE: i64 = 3;

fn kept_mark() -> Quad {
    state_quad(KEY_STATES_KEPT, Literal::from(KEPT_SHAPE))
}

impl Kept {
    fn new(state: &KeyState, membership: &Membership) -> Kept {
        Kept {
            state: state.clone(),
            canonical: membership.canonical.to_path(),
            rule: membership.rule.as_str().to_owned(),
            matched: membership.matched_with.to_path(),
            score: membership.score,
        }
    }

    fn entry(self) -> Option<(KeyState, Membership)> {
        Some((
            self.state,
            Membership {
                canonical: EntityKey::from_path(&self.canonical)?,
                rule: LinkRule::parse(&self.rule)?,
                matched_with: EntityKey::from_path(&self.matched)?,
                score: self.score,
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::LocalEntity;
    use crate::model::EntityKind;

    #[test]
    fn a_kept_state_reads_back_as_written() {
        let record = LocalEntity {
            kind: EntityKind::Official,
            key: EntityKey::Person("sergei-ivanov".to_owned()),
            label: "Sergei \"Sasha\" Ivanov\tJr".to_owned(),
            aliases: vec!["S. Ivanov".to_owned()],
            country: Some("KZ".to_owned()),
        };
        let state = KeyState::of([&record]);
        let membership = Membership {
            canonical: EntityKey::Person("sergei-ivanov".to_owned()),
            rule: LinkRule::PersonVariant,
            matched_with: EntityKey::Person("sergey-ivanov".to_owned()),
            score: 0.9533333333333334,
        };
        let json = serde_json::to_string(&Kept::new(&state, &membership)).unwrap();
        let back: Kept = serde_json::from_str(&json).unwrap();
        assert_eq!(back.entry(), Some((state, membership)));
        assert!(serde_json::from_str::<Kept>("{\"state\": 1}").is_err());
    }

    #[test]
    fn buckets_spread_keys_and_stay_in_range() {
        let used: BTreeSet<u16> = (0..10_000).map(|i| bucket_of(&format!("person/someone-{i}"))).collect();
        assert!(used.iter().all(|&n| n < BUCKETS));
        assert!(used.len() > 1000, "{}", used.len());
    }
}
