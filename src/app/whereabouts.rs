//! Saying where a jump landed: "turn 3 of 7", "note 2 of 5", "last note",
//! "search wrapped"; the cursor comes along, so `v` starts there.

use super::reader::RowKind;
use super::{AppState, Effect, Message};

fn tell(state: &mut AppState, text: String) {
    state.message = Some(Message { text, error: false });
}

/// `] s` / `[ s`: the next (or previous) turn of a shown speaker, the cursor at its first words.
pub fn turn(state: &mut AppState, forward: bool) {
    let filter = &state.speakers;
    let Some(reader) = state.reader.as_mut() else { return };
    let starts =
        |units: &[super::reader::Unit], i: usize| matches!(units[i].kind, RowKind::Label(id) if filter.is_shown(id));
    let turns: Vec<usize> = (0..reader.units.len()).filter(|&i| starts(&reader.units, i)).collect();
    // The turn `jump` goes to (near the end the screen stops short of putting it at the top).
    let (unit, line) = (reader.top.unit, reader.top.line);
    let target = if forward {
        turns.iter().position(|&i| i > unit)
    } else {
        let from = if line > 0 { unit + 1 } else { unit };
        turns.iter().rposition(|&i| i < from)
    };
    reader.jump(forward, starts);
    if let Some(n) = target {
        let words = reader.units[turns[n]..].iter().find(|u| u.kind.is_text()).map(|u| u.range.start);
        // On screen already: the turn's label is at the top, its words below it.
        if let Some(start) = words {
            reader.cursor = start;
        }
    }
    let total = turns.len();
    let text = match target {
        Some(n) if n + 1 == total => format!("turn {total} of {total} · last turn"),
        Some(n) => format!("turn {} of {total}", n + 1),
        None if forward => format!("last turn: no more below ({total} in all)"),
        None => format!("first turn: no more above ({total} in all)"),
    };
    tell(state, text);
}

/// After a jump to a note: which of how many, and whether it is the last (or first).
pub fn note(state: &mut AppState, forward: bool, moved: bool) {
    let Some(reader) = state.reader.as_ref() else { return };
    let found: Vec<usize> = state.notes.items.iter().filter_map(|r| r.resolution.range()).map(|r| r.start).collect();
    let total = found.len();
    let text = if moved {
        let n = found.iter().position(|&s| s == reader.cursor).map_or(0, |i| i + 1);
        match n {
            _ if n == total => format!("note {n} of {total} · last note"),
            1 => format!("note 1 of {total} · first note"),
            _ => format!("note {n} of {total}"),
        }
    } else {
        match (total, forward) {
            (0, _) => "no notes in this article".to_owned(),
            (_, true) => format!("last note: no more below ({total} in all)"),
            (_, false) => format!("first note: no more above ({total} in all)"),
        }
    };
    tell(state, text);
}

/// Whether going from **byte** `before` to `after` passed an end of the article.
#[must_use]
pub fn wrapped(before: usize, after: usize, forward: bool) -> bool {
    if forward { after <= before } else { after >= before }
}

/// `n`/`N`: the next match, saying where it is; on the start of a big article still
/// loading, a match past it is looked for in the rest of the file.
pub(super) fn goto_match(state: &mut AppState, forward: bool) -> Vec<Effect> {
    let Some(reader) = state.reader.as_mut() else { return Vec::new() };
    if reader.search.query.is_empty() {
        return Vec::new();
    }
    // Where the search was: the current match, or the top of the screen for a new one.
    let before = reader.search.current.and_then(|i| reader.search.matches.get(i)).map_or_else(
        || if forward { reader.top_offset().saturating_sub(1) } else { reader.top_offset() + 1 },
        |m| m.start,
    );
    // The start of a big article still loading, and no match further in it: the
    // rest of the file is searched and the screens around the match read apart.
    // So does a part read apart for a search, from the part's end on.
    let rest_from = match (&reader.head, reader.part_anchor) {
        (None, _) => Some(reader.doc.text.len() as u64),
        (Some(_), Some((byte, at))) => Some(byte + reader.doc.text.len().saturating_sub(at) as u64),
        (Some(_), None) => None,
    };
    if forward
        && reader.preview.is_some()
        && let Some(from_byte) = rest_from
        && super::reader::search::find_next(&reader.doc.text, &reader.search.query, before + 1, true).is_none()
    {
        let part = super::Part::Match { query: reader.search.query.clone(), from_byte };
        reader.wants_part = Some(part.clone());
        reader.to_end_when_loaded = false;
        state.message = Some(Message { text: "searching the rest of the article…".to_owned(), error: false });
        return vec![Effect::LoadPart(reader.path.clone(), part)];
    }
    if reader.goto_match(forward) {
        let wrapped = wrapped(before, reader.cursor, forward);
        goto_message(state);
        if wrapped && let Some(message) = state.message.as_mut() {
            message.text.push_str(if forward {
                " · search wrapped to the top"
            } else {
                " · search wrapped to the end"
            });
        }
    } else {
        state.message = Some(Message { text: format!("pattern not found: {}", reader.search.query), error: true });
    }
    Vec::new()
}

/// "/query  3/120", or "3/counting…" while a big article is being counted.
pub(super) fn goto_message(state: &mut AppState) {
    let Some(reader) = state.reader.as_ref() else { return };
    let Some(current) = reader.search.current else { return };
    let total = if reader.search.counted { reader.search.matches.len().to_string() } else { "counting…".to_owned() };
    state.message = Some(Message { text: format!("/{}  {}/{total}", reader.search.query, current + 1), error: false });
}
