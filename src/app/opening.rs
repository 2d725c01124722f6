//! Opening an article: the request to load it, the preview of a big one,
//! the whole article replacing the preview in place, and where the reader
//! was in the article being left.

use std::sync::Arc;

use super::panes::{focus, relayout};
use super::reader::ReaderState;
use super::{AppState, Effect, Message, Pane, Part, SavedPosition, annotate};

/// Opens an article, or turns to it if it is already open.
pub fn open_path(state: &mut AppState, path: std::path::PathBuf) -> Vec<Effect> {
    if state.reader.as_ref().is_some_and(|r| r.path == path) {
        focus(state, Pane::Reader);
        show_pending_note(state);
        super::search::apply_pending_jump(state);
        return Vec::new();
    }
    remember_position(state);
    let mut effects = annotate::save_on_leave(state);
    let shown = state
        .library
        .entries
        .iter()
        .find(|e| e.path == path)
        .map_or_else(|| crate::document::display_path(&path), |e| e.relative.clone());
    state.loading = Some(path.clone());
    state.message = Some(Message { text: format!("opening {shown}…"), error: false });
    effects.extend([Effect::SavePositions(state.positions.clone()), Effect::Load(path)]);
    effects
}

/// Puts the cursor on the note chosen in the library-wide list.
fn show_pending_note(state: &mut AppState) {
    let Some(id) = state.pending_note.take() else { return };
    let found = state.notes.items.iter().find(|r| r.annotation.id == id).map(|r| r.resolution.range());
    match (found, state.reader.as_mut()) {
        (Some(Some(range)), Some(_)) => super::notebox::show_range(state, range),
        (Some(None), _) => {
            let list = state.keymap.key(super::keymap::Scope::Reader, super::Command::AnnotationList);
            let text = format!("this note's passage was not found: it needs review ({list})");
            state.message = Some(Message { text, error: true });
        }
        _ => {}
    }
}

pub(super) fn loaded_article(state: &mut AppState, loaded: super::Loaded) -> Vec<Effect> {
    if state.loading.as_ref() != Some(&loaded.path) {
        return Vec::new();
    }
    let wants_end = state.end_when_shown.as_ref() == Some(&loaded.path);
    state.end_when_shown = None;
    if loaded.preview {
        let path = loaded.path.clone();
        loaded_preview(state, loaded);
        // `G` before anything showed: the end is read apart, as `G` on the preview does.
        if wants_end && let Some(reader) = state.reader.as_mut().filter(|r| r.path == path) {
            reader.go_end();
            reader.to_end_when_loaded = true;
            return vec![Effect::LoadPart(path, Part::Percent(100))];
        }
        return Vec::new();
    }
    state.loading = None;
    // The preview being read is replaced in place: the reader stays where it was taken.
    let from_preview = state.reader.as_ref().filter(|r| r.path == loaded.path && r.preview.is_some()).map(|r| {
        // A part read apart has offsets of its own: "at the end" carries over,
        // and a part from the middle is found again in the whole by its text.
        if r.head.is_some() {
            let again = (!r.to_end_when_loaded).then(|| PartShown::of(r));
            return (None, again, None, r.search.query.clone(), r.to_end_when_loaded);
        }
        let moved = r.preview != Some(r.top_offset());
        (moved.then(|| r.top_offset()), None, Some(r.cursor), r.search.query.clone(), r.to_end_when_loaded)
    });
    match loaded.result {
        Err(message) => {
            state.pending_note = None;
            state.message = Some(Message { text: message, error: true });
        }
        Ok((doc, attribution)) => {
            let notices = doc.notices.join("; ");
            state.message = None;
            annotate::loaded(state, loaded.notes);
            super::safekeeping::set_aside(state, loaded.set_aside, true);
            state.notes.position = loaded.sidecar_position;
            state.notes.fingerprint = loaded.fingerprint;
            let reader = ReaderState::new(loaded.path.clone(), doc, Arc::clone(&attribution));
            // Text from standard input, if it was shown, is replaced (its own opening sets it again).
            state.piped.text = None;
            state.speakers.reset(&attribution);
            restore_filter(state, &loaded.path, &attribution);
            let saved = state.positions.get(&loaded.path).map(|p| p.offset).or(loaded.sidecar_position);
            let mut rows_above = 0;
            let from_part = from_preview.as_ref().is_some_and(|p| p.1.is_some());
            let (saved, cursor, query, to_end) = match from_preview {
                Some((moved, part, cursor, query, to_end)) => {
                    let found = part.map(|p| {
                        rows_above = p.rows_above;
                        (p.find_in(&reader.doc.text), p.cursor_after)
                    });
                    let found_cursor =
                        found.map(|(at, after)| crate::text::floor_char_boundary(&reader.doc.text, at + after));
                    (found.map(|f| f.0).or(moved).or(saved), cursor.or(found_cursor), query, to_end)
                }
                None => (saved, None, String::new(), wants_end),
            };
            state.reader = Some(reader);
            relayout(state);
            if let Some(reader) = state.reader.as_mut() {
                if let Some(offset) = saved {
                    if from_part {
                        // The same line of text, with the rows the part showed above it (a name, a gap).
                        reader.scroll_to_text(offset);
                        reader.scroll_by(-isize::try_from(rows_above).unwrap_or(0));
                    } else {
                        reader.scroll_to_offset(offset);
                    }
                }
                if let Some(cursor) = cursor {
                    reader.cursor = cursor.min(reader.doc.text.len());
                }
                if !query.is_empty() {
                    reader.search(&query);
                }
                if to_end {
                    reader.go_end();
                }
            }
            if !notices.is_empty() {
                state.message = Some(Message { text: notices, error: false });
            }
            state.library.select_path(&loaded.path);
            focus(state, Pane::Reader);
            show_pending_note(state);
            super::search::apply_pending_jump(state);
            super::corrections::after_reload(state, &loaded.path);
            super::stdin::after_load(state, &loaded.path);
        }
    }
    Vec::new()
}

/// A part of a big article still loading, read apart for `G` (its end,
/// `percent` 100) or `50%`: shown in place of the preview of its start (kept
/// for `g`) until the whole arrives.
pub(super) fn loaded_part(
    state: &mut AppState,
    path: &std::path::Path,
    (part, percent, match_byte): (&Part, u8, Option<u64>),
    doc: Arc<crate::document::Document>,
    attribution: &Arc<crate::speaker::Attribution>,
) {
    if state.loading.as_deref() != Some(path) {
        return;
    }
    let end = *part == Part::Percent(100);
    // Only the part last asked for: the reader may have moved on since.
    let wanted = |r: &mut ReaderState| {
        r.path == path
            && r.preview.is_some()
            && if end { r.to_end_when_loaded } else { r.wants_part.as_ref() == Some(part) }
    };
    let Some(mut shown) = state.reader.take_if(|r| wanted(r)) else { return };
    // A part replacing another keeps the start under it.
    let mut head = shown.head.take().unwrap_or_else(|| Box::new(shown));
    head.wants_part = None;
    head.to_end_when_loaded = false;
    let mut doc = Arc::unwrap_or_clone(doc);
    doc.meta = head.doc.meta.clone();
    let mut reader = ReaderState::new(path.to_path_buf(), Arc::new(doc), Arc::clone(attribution));
    reader.preview = Some(0);
    reader.to_end_when_loaded = end;
    reader.part = Some(percent);
    reader.head = Some(head);
    state.speakers.reset(attribution);
    state.reader = Some(reader);
    relayout(state);
    if let Some(reader) = state.reader.as_mut() {
        match part {
            Part::Percent(100) => reader.go_end(),
            Part::Percent(_) => {
                reader.go_top();
                reader.cursor = reader.top_offset();
            }
            Part::Match { query, .. } => {
                reader.search(query);
                reader.goto_match(true);
                reader.part_anchor = match_byte.map(|byte| (byte, reader.cursor));
                state.message = Some(Message { text: format!("/{query}  found at {percent}%"), error: false });
            }
        }
    }
}

/// `50%`: the reader goes to that percent of the article (the count typed
/// before it, 0 without one), as less does. On a big article still loading,
/// the screens at that percent of the file are read apart, as `G` reads its end.
pub(super) fn go_percent(state: &mut AppState) -> Vec<Effect> {
    let percent = u8::try_from(super::count::take(state).min(100)).unwrap_or(100);
    state.message = None;
    if state.focus != Pane::Reader {
        return Vec::new();
    }
    let Some(reader) = state.reader.as_mut() else { return Vec::new() };
    if reader.preview.is_some() {
        return match percent {
            0 => {
                back_to_head(state);
                Vec::new()
            }
            100 => super::update::update(state, super::Action::Command(super::Command::GoBottom)),
            _ => {
                reader.wants_part = Some(Part::Percent(percent));
                reader.to_end_when_loaded = false;
                vec![Effect::LoadPart(reader.path.clone(), Part::Percent(percent))]
            }
        };
    }
    let offset = reader.doc.text.len() / 100 * usize::from(percent);
    let offset = crate::text::floor_char_boundary(&reader.doc.text, offset);
    reader.scroll_to_offset(offset);
    reader.cursor = reader.top_offset();
    Vec::new()
}

/// What a part read from the middle showed at its top, to find it again in the whole article.
struct PartShown {
    /// The first line of text on screen, up to [`PartShown::TEXT_BYTES`].
    text: String,
    percent: u8,
    /// Rows on screen above that line.
    rows_above: usize,
    /// **Bytes** from the start of that line to the cursor (a search's match).
    cursor_after: usize,
}

impl PartShown {
    const TEXT_BYTES: usize = 160;

    fn of(reader: &ReaderState) -> Self {
        let rows_above = reader.window.iter().position(|r| r.kind.is_text()).unwrap_or(0);
        let at = reader.window.get(rows_above).map_or(0, |r| r.range.start);
        let line = reader.doc.text[at..].lines().next().unwrap_or("");
        let text = line[..crate::text::floor_char_boundary(line, Self::TEXT_BYTES)].to_owned();
        let cursor_after = reader.cursor.saturating_sub(at);
        Self { text, percent: reader.part.unwrap_or(0), rows_above, cursor_after }
    }

    /// The **byte** offset of the same text in the whole article: the first
    /// time it occurs from a little before the same percent on (a part is read
    /// from that percent of the file), or that percent when it is not found.
    fn find_in(&self, whole: &str) -> usize {
        let near = whole.len() / 100 * usize::from(self.percent);
        let from = crate::text::floor_char_boundary(whole, near.saturating_sub(crate::document::TAIL_PREVIEW_BYTES));
        if self.text.trim().is_empty() {
            return crate::text::floor_char_boundary(whole, near);
        }
        memchr::memmem::find(&whole.as_bytes()[from..], self.text.as_bytes())
            .map_or_else(|| crate::text::floor_char_boundary(whole, near), |at| from + at)
    }
}

/// `g` while the end of a loading article is shown: back to the preview of its start.
pub(super) fn back_to_head(state: &mut AppState) {
    let Some(head) = state.reader.as_mut().and_then(|r| r.head.take()) else { return };
    let mut head = *head;
    head.to_end_when_loaded = false;
    head.wants_part = None;
    state.speakers.reset(&Arc::clone(&head.attribution));
    state.reader = Some(head);
    relayout(state);
    if let Some(reader) = state.reader.as_mut() {
        reader.go_top();
        reader.cursor = 0;
    }
}

/// `G` while an article is being opened and nothing of it shows yet: it will
/// open at its end. Returns whether the key was taken so.
pub(super) fn end_when_shown(state: &mut AppState) -> bool {
    let Some(loading) = state.loading.clone() else { return false };
    let shown = state.reader.as_ref().is_some_and(|r| r.path == loading);
    if shown || !(state.focus == Pane::Reader || state.reader.is_none()) {
        return false;
    }
    state.end_when_shown = Some(loading);
    true
}

/// The first screens of a big article, to read while the rest loads.
fn loaded_preview(state: &mut AppState, loaded: super::Loaded) {
    let Ok((doc, attribution)) = loaded.result else { return };
    // A longer preview replacing a shorter one: in place, as the whole article replaces it.
    // (Not while the end read apart for `G` is shown: the longer start waits as `head`.)
    if let Some(shown) = state.reader.as_ref().filter(|r| r.path == loaded.path && r.preview.is_some()) {
        let shown = shown.head.as_deref().unwrap_or(shown);
        let (top, cursor, started_at) = (shown.top_offset(), shown.cursor, shown.preview);
        let query = shown.search.query.clone();
        let at_end = shown.to_end_when_loaded;
        let mut reader = ReaderState::new(loaded.path.clone(), doc, Arc::clone(&attribution));
        reader.preview = started_at;
        reader.to_end_when_loaded = at_end;
        if let Some(head) = state.reader.as_mut().and_then(|r| r.head.as_mut()) {
            **head = reader;
            return;
        }
        state.speakers.reset(&attribution);
        state.reader = Some(reader);
        relayout(state);
        if let Some(reader) = state.reader.as_mut() {
            reader.scroll_to_offset(top);
            reader.cursor = cursor.min(reader.doc.text.len());
            if !query.is_empty() {
                reader.search(&query);
            }
        }
        return;
    }
    let mut reader = ReaderState::new(loaded.path.clone(), doc, Arc::clone(&attribution));
    reader.preview = Some(0);
    state.piped.text = None;
    state.speakers.reset(&attribution);
    state.notes = super::notes::NotesState::default();
    state.reader = Some(reader);
    relayout(state);
    let saved = state.positions.get(&loaded.path).map(|p| p.offset);
    if let Some(reader) = state.reader.as_mut() {
        if let Some(offset) = saved {
            reader.scroll_to_offset(offset);
        }
        reader.preview = Some(reader.top_offset());
    }
    state.library.select_path(&loaded.path);
    focus(state, Pane::Reader);
}

/// Records where the open article is being read.
pub(super) fn remember_position(state: &mut AppState) {
    // Text from standard input has no file to come back to: nothing to remember.
    // Nor while the end of a loading article is shown: its offsets are not the article's.
    let Some(reader) = state.reader.as_ref().filter(|r| !state.reading_stdin() && r.head.is_none()) else { return };
    let seq = state.positions.values().map(|p| p.seq).max().unwrap_or(0) + 1;
    let hidden = state
        .speakers
        .order
        .iter()
        .filter(|&&id| !state.speakers.is_shown(id))
        .filter_map(|&id| reader.attribution.speaker(id).map(|s| s.name.clone()))
        .collect();
    let percent = reader.percent();
    state.positions.insert(reader.path.clone(), SavedPosition { offset: reader.top_offset(), percent, seq, hidden });
    if let Some(entry) = state.library.entries.iter_mut().find(|e| e.path == reader.path) {
        entry.progress = Some(percent);
        entry.last_read = seq;
    }
}

/// Starting without an article named: the one read last in this library
/// opens again, where it was, with its speaker filter.
pub(super) fn resume(state: &mut AppState) -> Vec<Effect> {
    let last = state
        .library
        .entries
        .iter()
        .filter_map(|e| state.positions.get(&e.path).map(|p| (p.seq, e.path.clone())))
        .max_by_key(|(seq, _)| *seq);
    match last {
        Some((_, path)) => open_path(state, path),
        None => Vec::new(),
    }
}

/// The speaker filter the article was left with.
fn restore_filter(state: &mut AppState, path: &std::path::Path, attribution: &crate::speaker::Attribution) {
    let Some(hidden) = state.positions.get(path).map(|p| p.hidden.clone()) else { return };
    for (id, speaker) in attribution.speakers.iter().enumerate() {
        if hidden.contains(&speaker.name)
            && let Some(shown) = state.speakers.shown.get_mut(id)
        {
            *shown = false;
        }
    }
}
