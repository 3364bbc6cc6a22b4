//! What all reports say about one local key, merged: linking's input, kept
//! in the store between loads so that a load reads one state per key
//! instead of every report's local entities.
//!
//! A state counts each label, alias, country and kind the records gave, so
//! records can be added and taken away again (a report replaced or removed)
//! in any order: a state is a multiset sum of its records, and what linking
//! reads from it (label, names, country, kind) depends only on that sum.

use super::LocalEntity;
use crate::model::EntityKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The merged records of one local key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyState {
    /// Records by entity kind (its `as_str` name).
    kinds: BTreeMap<String, u32>,
    /// Records by the label they give.
    labels: BTreeMap<String, u32>,
    /// Records by each alias they give.
    aliases: BTreeMap<String, u32>,
    /// Records by the country code they give.
    countries: BTreeMap<String, u32>,
}

impl KeyState {
    /// The state of these records.
    pub fn of<'a>(records: impl IntoIterator<Item = &'a LocalEntity>) -> KeyState {
        let mut state = KeyState::default();
        for record in records {
            state.add(record);
        }
        state
    }

    /// Counts one more record.
    pub fn add(&mut self, record: &LocalEntity) {
        self.count(record, bump);
    }

    /// Takes one record away (one that was added before; a record never
    /// added leaves no negative count, only what it could take).
    pub fn remove(&mut self, record: &LocalEntity) {
        self.count(record, drop_one);
    }

    /// Applies `change` to the count of each value the record gives.
    fn count(&mut self, record: &LocalEntity, change: fn(&mut BTreeMap<String, u32>, &str)) {
        change(&mut self.kinds, record.kind.as_str());
        change(&mut self.labels, &record.label);
        for alias in &record.aliases {
            change(&mut self.aliases, alias);
        }
        if let Some(country) = &record.country {
            change(&mut self.countries, country);
        }
    }

    /// Adds every record of another state.
    pub fn merge(&mut self, other: &KeyState) {
        for (map, more) in [
            (&mut self.kinds, &other.kinds),
            (&mut self.labels, &other.labels),
            (&mut self.aliases, &other.aliases),
            (&mut self.countries, &other.countries),
        ] {
            for (value, count) in more {
                *map.entry(value.clone()).or_default() += count;
            }
        }
    }

    /// Number of records (reports naming the key).
    pub fn records(&self) -> usize {
        self.kinds.values().map(|&n| n as usize).sum()
    }

    /// True when no record is left.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// The kind: Official when any record says so (a person with a title in
    /// one report is an official), else the kind most records give (ties: the
    /// first in [`EntityKind::ALL`]).
    pub fn kind(&self) -> Option<EntityKind> {
        let count = |kind: EntityKind| self.kinds.get(kind.as_str()).copied().unwrap_or(0);
        if count(EntityKind::Official) > 0 {
            return Some(EntityKind::Official);
        }
        EntityKind::ALL.into_iter().filter(|&k| count(k) > 0).max_by(|&a, &b| count(a).cmp(&count(b)).then(b.cmp(&a)))
    }

    /// The label: the longest any record gives, then the smallest.
    pub fn label(&self) -> Option<&str> {
        self.labels.keys().max_by(|a, b| a.len().cmp(&b.len()).then_with(|| b.cmp(a))).map(String::as_str)
    }

    /// Every other name: the other labels and every alias.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        let label = self.label();
        self.labels.keys().filter(move |l| Some(l.as_str()) != label).chain(self.aliases.keys()).map(String::as_str)
    }

    /// The country: the smallest code any record gives, so that the answer
    /// does not depend on the order of the records.
    pub fn country(&self) -> Option<&str> {
        self.countries.keys().next().map(String::as_str)
    }
}

fn bump(map: &mut BTreeMap<String, u32>, value: &str) {
    match map.get_mut(value) {
        Some(count) => *count += 1,
        None => {
            map.insert(value.to_owned(), 1);
        }
    }
}

fn drop_one(map: &mut BTreeMap<String, u32>, value: &str) {
    if let Some(count) = map.get_mut(value) {
        *count -= 1;
        if *count == 0 {
            map.remove(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKey;

    fn record(kind: EntityKind, label: &str, aliases: &[&str], country: Option<&str>) -> LocalEntity {
        LocalEntity {
            kind,
            key: EntityKey::Person("x".to_owned()),
            label: label.to_owned(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            country: country.map(str::to_owned),
        }
    }

    #[test]
    fn a_state_does_not_depend_on_the_order_of_its_records() {
        let records = [
            record(EntityKind::Person, "Ivanov", &[], None),
            record(EntityKind::Official, "Sergei Ivanov", &["S. Ivanov"], Some("RU")),
            record(EntityKind::Person, "Sergei Ivanov", &[], Some("KZ")),
        ];
        let forward = KeyState::of(&records);
        let backward = KeyState::of(records.iter().rev());
        assert_eq!(forward, backward);
        assert_eq!(forward.label(), Some("Sergei Ivanov"));
        assert_eq!(forward.names().collect::<Vec<_>>(), ["Ivanov", "S. Ivanov"]);
        assert_eq!(forward.country(), Some("KZ"));
        assert_eq!(forward.kind(), Some(EntityKind::Official));
        assert_eq!(forward.records(), 3);
    }

    #[test]
    fn taking_a_record_away_gives_the_state_of_the_others() {
        let a = record(EntityKind::Official, "Sergei Ivanov", &["S. Ivanov"], Some("RU"));
        let b = record(EntityKind::Person, "Ivanov", &[], Some("KZ"));
        let mut state = KeyState::of([&a, &b]);
        state.remove(&a);
        assert_eq!(state, KeyState::of([&b]));
        assert_eq!(state.kind(), Some(EntityKind::Person));
        assert_eq!(state.label(), Some("Ivanov"));
        state.remove(&b);
        assert!(state.is_empty());
        assert_eq!(state, KeyState::default());
    }

    #[test]
    fn merged_states_equal_the_state_of_all_their_records() {
        let a = record(EntityKind::Person, "Ivanov", &["Ivanoff"], None);
        let b = record(EntityKind::Person, "Ivanov", &[], Some("KZ"));
        let mut merged = KeyState::of([&a]);
        merged.merge(&KeyState::of([&b]));
        assert_eq!(merged, KeyState::of([&a, &b]));
        assert_eq!(merged.records(), 2);
    }
}
