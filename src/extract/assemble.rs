//! Grouping mentions into entities: one entity per key per report, with its
//! mentions, aliases, country and parent.

use super::gazetteer::name_key;
use super::text::SpanSet;
use super::{Doc, Found};
use crate::model::{Entity, EntityKey, EntityKind, Extraction, Mention, Span};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Builds the report's entities from the stages' mentions.
///
/// Overlapping mentions of the same layer are settled first: a person never
/// overlaps a place or an organisation, and of two overlapping places the
/// longer wins (a city inside an agency's name stays: it is named too).
pub(super) fn entities(doc: &Doc<'_>, mut found: Vec<Found>) -> Extraction {
    found.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(b.span.len().cmp(&a.span.len())));
    let found = settle_overlaps(found);
    let mut groups: BTreeMap<String, Vec<Found>> = BTreeMap::new();
    for mention in found {
        groups.entry(mention.key.to_path()).or_default().push(mention);
    }
    let mut entities: Vec<(Entity, Option<String>)> = Vec::new();
    for (_, mentions) in groups {
        let Some(first) = mentions.first() else { continue };
        let kind =
            if mentions.iter().any(|m| m.kind == EntityKind::Official) { EntityKind::Official } else { first.kind };
        let label = first.label.clone();
        let label_key = name_key(&label);
        // Names by their key, first written first; an entity has few mentions, so
        // sorting beats hashing here.
        let mut named: Vec<(String, &str)> = Vec::new();
        let mut written: Vec<Mention> = Vec::with_capacity(mentions.len());
        for mention in &mentions {
            let text = mention.span.slice(doc.text);
            for alias in std::iter::once(text).chain(mention.aliases.iter().map(String::as_str)) {
                named.push((alias_key(alias), alias));
            }
            written.push(Mention { span: mention.span, text: text.to_owned() });
        }
        named.sort_by(|a, b| a.0.cmp(&b.0));
        named.dedup_by(|a, b| a.0 == b.0);
        let mut aliases: Vec<String> = named
            .into_iter()
            .filter(|(key, _)| !key.is_empty() && *key != label_key)
            .map(|(_, alias)| alias.to_owned())
            .collect();
        aliases.sort();
        written.sort_by_key(|m| m.span);
        written.dedup_by_key(|m| m.span);
        let mut external_ids: Vec<_> = mentions.iter().flat_map(|m| m.external_ids.clone()).collect();
        external_ids.sort();
        external_ids.dedup();
        let parent = mentions.iter().find_map(|m| m.parent.as_ref()).map(|(key, _)| key.to_path());
        entities.push((
            Entity {
                kind,
                key: first.key.clone(),
                label,
                aliases,
                country: mentions.iter().find_map(|m| m.country.clone()),
                parent: None,
                role: mentions.iter().find_map(|m| m.role.clone()),
                broader: first.broader.clone(),
                external_ids,
                mentions: written,
            },
            parent,
        ));
    }
    entities.sort_by(|(a, _), (b, _)| {
        a.kind.cmp(&b.kind).then_with(|| a.label.cmp(&b.label)).then_with(|| a.key.cmp(&b.key))
    });
    let mut position_of: HashMap<String, usize> = HashMap::new();
    for (index, (entity, _)) in entities.iter().enumerate() {
        position_of.entry(entity.key.to_path()).or_insert(index);
    }
    let entities = entities
        .into_iter()
        .map(|(mut entity, parent)| {
            entity.parent = parent.and_then(|p| position_of.get(&p).copied());
            entity
        })
        .collect();
    Extraction { entities, ..Extraction::default() }
}

/// Layers whose mentions may not overlap one another.
fn layer(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Country | EntityKind::City | EntityKind::Region => 0,
        EntityKind::Agency | EntityKind::CriminalGroup => 1,
        EntityKind::Official | EntityKind::Person => 2,
        EntityKind::Substance => 3,
    }
}

/// True when `outer` is a named place that contains other places: a border
/// ("Afghan/Pakistan border" names both countries), a port or bridge ("Eagle
/// Pass Port of Entry"), a judicial district.
fn contains_places(outer: &Found) -> bool {
    outer.kind == EntityKind::Region
        && matches!(&outer.key, EntityKey::Region(id) if id.starts_with("border-") || id.starts_with("site-") || id.starts_with("us-"))
}

/// `found` is sorted by start, so a kept mention can clash with a later one
/// only while it has not ended: the sweep keeps just those (`active`), which
/// makes this linear in the number of mentions rather than quadratic.
fn settle_overlaps(found: Vec<Found>) -> Vec<Found> {
    let groups = SpanSet::new(found.iter().filter(|f| f.kind == EntityKind::CriminalGroup).map(|f| f.span));
    // "between Police and Customs": a word that is wholly an agency's name is not
    // also a town (Police, Poland). A place inside a longer name ("Almaty Police") stays.
    let mut agency_spans: Vec<Span> = found.iter().filter(|f| f.kind == EntityKind::Agency).map(|f| f.span).collect();
    agency_spans.sort_unstable();
    let mut kept: Vec<Found> = Vec::new();
    let mut active: Vec<usize> = Vec::new();
    for mention in found {
        // "Sinaloa Cartel" does not name the state of Sinaloa.
        if layer(mention.kind) == 0 && groups.contains(mention.span) {
            continue;
        }
        if layer(mention.kind) == 0 && agency_spans.binary_search(&mention.span).is_ok() {
            continue;
        }
        active.retain(|&i| kept[i].span.end > mention.span.start);
        let clash = active.iter().map(|&i| &kept[i]).any(|k| {
            let nested_place = layer(k.kind) == 0
                && layer(mention.kind) == 0
                && k.span.contains(mention.span)
                && contains_places(k)
                && matches!(mention.kind, EntityKind::City | EntityKind::Country);
            // "Special Agent in Charge of the DEA in New York": the office's
            // mention holds its parent's, and both bodies are named.
            let nested_parent = k.parent.as_ref().is_some_and(|(key, _)| *key == mention.key);
            k.span.overlaps(mention.span)
                && !nested_place
                && !nested_parent
                && (layer(k.kind) == layer(mention.kind) && k.key != mention.key
                    || layer(mention.kind) == 2
                    || layer(k.kind) == 2)
        });
        if !clash {
            active.push(kept.len());
            kept.push(mention);
        }
    }
    drop_names_of_sites(kept)
}

/// A small city written only inside a site's name ("El Dorado" in "El Dorado
/// International Airport") is the site's name, not the city; a city also named
/// outside it ("EAGLE PASS, Texas" and "Eagle Pass Port of Entry") stays.
fn drop_names_of_sites(found: Vec<Found>) -> Vec<Found> {
    // A site's span always runs past the city's name (it adds "Airport",
    // "Port of Entry"...), so containment here is strict.
    let sites = SpanSet::new(
        found.iter().filter(|f| matches!(&f.key, EntityKey::Region(id) if id.starts_with("site-"))).map(|f| f.span),
    );
    let inside = |f: &Found| f.kind == EntityKind::City && sites.contains(f.span);
    let named_outside: HashSet<EntityKey> =
        found.iter().filter(|f| f.kind == EntityKind::City && !inside(f)).map(|f| f.key.clone()).collect();
    found.into_iter().filter(|f| !inside(f) || named_outside.contains(&f.key)).collect()
}

/// The key that tells two names of an entity apart: `name_key` (ASCII, folded)
/// for Latin names, the lowercased name itself for Cyrillic ones, so that
/// "Айбек Токтогулов" stays an alias of "Aibek Toktogulov" although it
/// transliterates to the label.
fn alias_key(name: &str) -> String {
    if super::text::is_cyrillic(name) { format!("cyrillic:{}", super::text::fold_case(name)) } else { name_key(name) }
}
