//! Criminal groups: known ones (the Taliban only where it traffics), "X Cartel",
//! and organisations named in quotes.

use super::org_title_case;
use crate::extract::gazetteer::Target;
use crate::extract::text::is_capitalised;
use crate::extract::words::in_list;
use crate::extract::{Doc, Found};
use crate::model::{EntityKey, EntityKind, Span};
use crate::slug::slugify;

/// Criminal groups: known ones (the Taliban only where it traffics), "X Cartel",
/// and organisations named in quotes after "organization" ("the “Noorzai Organization”").
pub(super) fn groups(doc: &Doc<'_>, found: &mut Vec<Found>) {
    for hit in &doc.matches {
        let Some(index) = hit.targets.iter().find_map(|t| match t {
            Target::GroupName(i) | Target::GroupAcronym(i) => Some(*i),
            _ => None,
        }) else {
            continue;
        };
        let Some(group) = doc.gaz.groups.get(index) else { continue };
        if group.needs_context && !trafficking_group_context(doc, hit.span) {
            continue;
        }
        found.push(Found::new(
            hit.span,
            EntityKind::CriminalGroup,
            EntityKey::CriminalGroup(group.id.clone()),
            &group.label,
        ));
    }
    for (index, _) in doc.tokens.iter().enumerate() {
        let word = doc.word(index);
        if word != "Cartel" && word != "cartel" {
            continue;
        }
        let mut start = index;
        while start > 0
            && is_capitalised(doc.word(start - 1))
            && doc.is_word(start - 1)
            && !doc.starts_sentence(start - 1)
            && index - start < 3
        {
            start -= 1;
        }
        if start == index || in_list(&["Mexican", "Colombian", "Drug", "The"], doc.word(start)) && start + 1 == index {
            continue;
        }
        let span = Span::new(doc.tokens[start].span.start, doc.tokens[index].span.end);
        if found.iter().any(|f| f.span.overlaps(span) && f.kind == EntityKind::CriminalGroup) {
            continue;
        }
        let label = org_title_case(&span.slice(doc.text).split_whitespace().collect::<Vec<_>>().join(" "));
        found.push(Found::new(span, EntityKind::CriminalGroup, EntityKey::CriminalGroup(slugify(&label)), label));
    }
    quoted_organisations(doc, found);
}

fn trafficking_group_context(doc: &Doc<'_>, span: Span) -> bool {
    let sentence = doc.sentence_of(span.start).slice(doc.text).to_ascii_lowercase();
    let trafficking = ["traffick", "smuggl", "drug trade", "opium trade", "heroin trade", "taxed", "processing"]
        .iter()
        .any(|w| sentence.contains(w));
    let alliance = ["ally", "allied", "aligned", "associate", "supported", "support", "regime", "linked"]
        .iter()
        .any(|w| sentence.contains(w));
    trafficking && !alliance
}

/// `organization (the “Noorzai Organization”)`: a named organisation in quotes.
fn quoted_organisations(doc: &Doc<'_>, found: &mut Vec<Found>) {
    for (position, _) in doc.text.match_indices("(the ") {
        let head = doc.window_before(position, 64).trim_end().to_ascii_lowercase();
        if !(head.ends_with("organization")
            || head.ends_with("organisation")
            || head.ends_with("network")
            || head.ends_with("group")
            || head.ends_with("gang"))
        {
            continue;
        }
        let inside_start = position + "(the ".len();
        // A name in parentheses is short; look no further for the ")".
        let Some(close) = doc.window_after(inside_start, 160).find(')') else { continue };
        let inside = doc.between(inside_start, inside_start + close);
        let name = inside.trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '\''));
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() < 2 || !words.iter().all(|w| is_capitalised(w)) {
            continue;
        }
        let offset = inside.find(name).unwrap_or(0);
        let span = Span::new(inside_start + offset, inside_start + offset + name.len());
        found.push(Found::new(span, EntityKind::CriminalGroup, EntityKey::CriminalGroup(slugify(name)), name));
    }
}
