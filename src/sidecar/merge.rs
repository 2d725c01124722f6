//! Merging two changed copies of a sidecar's annotations, by id, against
//! the copy both started from: both sides' new notes are kept, deletions are
//! honoured, and when both sides edited one note differently both texts stay.

use std::collections::{BTreeSet, HashMap};

use super::annotation::Annotation;

/// What separates the two texts of a note edited on both sides.
pub const CONFLICT_MARK: &str = "\n\n— edited elsewhere at the same time —\n";

/// Merges `mine` and `theirs`, both descended from `base`.
#[must_use]
pub fn merge(base: &[Annotation], mine: &[Annotation], theirs: &[Annotation]) -> Vec<Annotation> {
    let index = |list: &[Annotation]| list.iter().map(|a| (a.id.clone(), a.clone())).collect::<HashMap<_, _>>();
    let (base, mine, theirs) = (index(base), index(mine), index(theirs));
    let ids: BTreeSet<&String> = base.keys().chain(mine.keys()).chain(theirs.keys()).collect();
    let mut merged = Vec::new();
    for id in ids {
        let result = match (base.get(id), mine.get(id), theirs.get(id)) {
            // New on one side or both.
            (None, Some(m), None) => Some(m.clone()),
            (None, None, Some(t)) => Some(t.clone()),
            (None, Some(m), Some(t)) => Some(combine(m, t)),
            // Deleted on one side: honoured unless the other side edited it.
            (Some(b), None, Some(t)) => (t != b).then(|| t.clone()),
            (Some(b), Some(m), None) => (m != b).then(|| m.clone()),
            (Some(_) | None, None, None) => None,
            (Some(b), Some(m), Some(t)) => Some(if m == b {
                t.clone()
            } else if t == b || t == m {
                m.clone()
            } else {
                combine(m, t)
            }),
        };
        merged.extend(result);
    }
    sorted(merged)
}

/// Annotations in the order a sidecar keeps them: by start offset, then id.
#[must_use]
pub fn sorted(mut annotations: Vec<Annotation>) -> Vec<Annotation> {
    annotations.sort_by(|a, b| a.selector.start.cmp(&b.selector.start).then_with(|| a.id.cmp(&b.id)));
    annotations
}

/// Both sides changed one note: mine wins each field, and a differing note keeps both texts.
fn combine(mine: &Annotation, theirs: &Annotation) -> Annotation {
    let mut merged = mine.clone();
    if mine.note != theirs.note && !mine.note.contains(&theirs.note) {
        merged.note = format!("{}{CONFLICT_MARK}{}", mine.note, theirs.note);
    }
    for tag in &theirs.tags {
        if !merged.tags.contains(tag) {
            merged.tags.push(tag.clone());
        }
    }
    merged.updated = mine.updated.clone().max(theirs.updated.clone());
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::Selector;
    use crate::sidecar::annotation::Colour;

    fn note(id: &str, text: &str, start: usize) -> Annotation {
        Annotation {
            id: id.into(),
            created: "2026-01-01T00:00:00Z".into(),
            updated: "2026-01-01T00:00:00Z".into(),
            colour: Colour::Yellow,
            tags: vec![],
            speaker: None,
            note: text.into(),
            selector: Selector {
                quote: "q".into(),
                prefix: String::new(),
                suffix: String::new(),
                start,
                end: start + 1,
            },
        }
    }

    fn ids(list: &[Annotation]) -> Vec<&str> {
        list.iter().map(|a| a.id.as_str()).collect()
    }

    #[test]
    fn both_sides_new_notes_survive_and_deletions_are_honoured() {
        let base = vec![note("a", "", 1), note("b", "", 2), note("c", "", 3)];
        let mine = vec![note("a", "", 1), note("c", "", 3), note("m", "mine 日本", 4)];
        let theirs = vec![note("a", "", 1), note("b", "", 2), note("t", "theirs 👍", 5)];
        assert_eq!(ids(&merge(&base, &mine, &theirs)), ["a", "m", "t"], "b deleted by me, c by them");
    }

    #[test]
    fn conflicting_edits_keep_both_texts() {
        let base = vec![note("a", "first", 1)];
        let mine = vec![note("a", "mine", 1)];
        let theirs = vec![note("a", "theirs", 1)];
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(merged.len(), 1);
        assert!(merged[0].note.contains("mine") && merged[0].note.contains("theirs"), "{:?}", merged[0].note);
    }

    #[test]
    fn an_edit_beats_a_deletion_on_the_other_side() {
        let base = vec![note("a", "first", 1)];
        let edited = vec![note("a", "changed", 1)];
        assert_eq!(ids(&merge(&base, &[], &edited)), ["a"]);
        assert_eq!(ids(&merge(&base, &edited, &[])), ["a"]);
        assert!(merge(&base, &[], &base).is_empty());
    }
}
