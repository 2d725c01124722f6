//! Selecting text and annotating it: the cursor motions, highlights, the
//! note editor and the notes list. Every change is saved through an effect.

use super::keymap::{Key, KeyChord};
use super::reader::ReaderState;
use super::{Action, AppState, Editor, EditorKind, Effect, Message, Overlay};
use crate::anchor::{Resolution, describe};
use crate::notes::{Notes, Resolved};
use crate::sidecar::{Annotation, Colour, annotation::new_id};
use crate::text::motion;

fn message(state: &mut AppState, text: impl Into<String>, error: bool) {
    state.message = Some(Message { text: text.into(), error });
}

/// The effect that writes the notes, unless they cannot be written.
fn save(state: &mut AppState) -> Vec<Effect> {
    let Some(reader) = state.reader.as_ref() else { return Vec::new() };
    if let Some(problem) = &state.notes.unreadable {
        message(
            state,
            format!("{problem} — notes kept in memory; fix the file, or press W to write a recovery file"),
            true,
        );
        return Vec::new();
    }
    state.notes.dirty = true;
    state.notes.position = Some(reader.top_offset());
    vec![Effect::SaveNotes {
        path: reader.path.clone(),
        title: reader.doc.meta.title.clone(),
        base: state.notes.base.clone(),
        mine: state.notes.to_save(&reader.doc.text),
        position: reader.top_offset(),
        fingerprint: state.notes.fingerprint.clone(),
    }]
}

/// Leaving an article: unsaved notes are written, and so is the reading
/// position of an article that has notes (its sidecar records it).
pub fn save_on_leave(state: &mut AppState) -> Vec<Effect> {
    let Some(reader) = state.reader.as_ref() else { return Vec::new() };
    let moved = !state.notes.items.is_empty() && state.notes.position != Some(reader.top_offset());
    if state.notes.unreadable.is_none() && (state.notes.dirty || moved) { save(state) } else { Vec::new() }
}

/// Cursor motions; inside a selection they extend it.
pub fn cursor_motion(state: &mut AppState, action: &Action) -> bool {
    let Some(reader) = state.reader.as_mut() else { return false };
    let text = &reader.doc.text;
    let at = reader.cursor;
    let to = match action {
        Action::CursorLeft => motion::previous_grapheme(text, at),
        Action::CursorRight => motion::next_grapheme(text, at).min(motion::previous_grapheme(text, text.len())),
        Action::WordForward => motion::next_word(text, at),
        Action::WordBackward => motion::previous_word(text, at),
        Action::WordEnd => motion::previous_grapheme(text, motion::word_end(text, motion::next_grapheme(text, at))),
        Action::SentenceForward => motion::next_sentence(text, at),
        Action::SentenceBackward => motion::previous_sentence(text, at),
        _ => return false,
    };
    reader.cursor = to.min(text.len());
    reader.show_cursor();
    true
}

/// Line and page motions while selecting move the cursor, not just the view.
pub fn selecting_motion(state: &mut AppState, action: &Action) -> bool {
    let Some(reader) = state.reader.as_mut().filter(|r| r.selection.is_some()) else { return false };
    let page = isize::try_from(reader.height).unwrap_or(1).max(1);
    let rows = match action {
        Action::MoveDown => 1,
        Action::MoveUp => -1,
        Action::HalfPageDown => page / 2,
        Action::HalfPageUp => -page / 2,
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::NextParagraph | Action::PreviousParagraph => {
            let forward = matches!(action, Action::NextParagraph);
            let blocks = &reader.doc.blocks;
            let here = blocks.partition_point(|b| b.range.end <= reader.cursor);
            let target = if forward {
                blocks.iter().skip(here + 1).find(|b| !b.boilerplate).map(|b| b.range.start)
            } else {
                blocks.iter().take(here).rev().find(|b| !b.boilerplate).map(|b| b.range.start)
            };
            if let Some(start) = target {
                reader.cursor = start;
                reader.show_cursor();
            }
            return true;
        }
        _ => return false,
    };
    reader.cursor_rows(rows);
    true
}

pub fn toggle_visual(state: &mut AppState) {
    let Some(reader) = state.reader.as_mut() else { return };
    if reader.selection.take().is_none() {
        reader.keep_cursor_on_screen();
        reader.selection = Some(reader.cursor);
        message(
            state,
            "selecting: move with h l w b e ( ) j k { }, then enter or 1–5 to highlight, n for a note",
            false,
        );
    }
}

pub fn select_passage(state: &mut AppState) {
    let Some(reader) = state.reader.as_mut() else { return };
    reader.keep_cursor_on_screen();
    let range = reader.attribution.passage_at(reader.cursor).map(|p| p.range).or_else(|| {
        let blocks = &reader.doc.blocks;
        blocks.iter().find(|b| b.range.contains(reader.cursor)).map(|b| b.range)
    });
    if let Some(range) = range.filter(|r| !r.is_empty()) {
        reader.selection = Some(range.start);
        reader.cursor = motion::previous_grapheme(&reader.doc.text, range.end);
        reader.show_cursor();
    }
}

fn fresh_id(state: &mut AppState) -> String {
    state.id_seed = state.id_seed.wrapping_add(1);
    new_id(state.id_seed)
}

/// Highlights the selection in `colour`; with no selection, recolours the highlight under the cursor.
pub fn highlight(state: &mut AppState, colour: Colour) -> Vec<Effect> {
    state.last_colour = colour;
    let Some(reader) = state.reader.as_ref() else { return Vec::new() };
    if reader.preview.is_some() {
        // The article's notes are not loaded yet: a highlight now could not be merged with them.
        message(state, "still loading this article: highlight once it is indexed", true);
        return Vec::new();
    }
    let Some(range) = reader.selection_range().filter(|r| !r.is_empty()) else {
        return recolour(state, Some(colour));
    };
    let id = fresh_id(state);
    let Some(reader) = state.reader.as_mut() else { return Vec::new() };
    let mut annotation = Notes::annotation(&reader.doc.text, &reader.attribution, range, id, &state.now);
    annotation.colour = colour;
    reader.selection = None;
    state.notes.add(annotation, &reader.doc.text);
    message(state, format!("highlighted in {} (e: note, t: tags, u: undo)", colour.name()), false);
    save(state)
}

/// Highlights the selection and opens the note editor on it.
pub fn note_selection(state: &mut AppState) -> Vec<Effect> {
    let colour = state.last_colour;
    let effects = highlight(state, colour);
    open_editor(state, EditorKind::Note);
    effects
}

/// The index of the annotation under the cursor.
fn under_cursor(state: &AppState) -> Option<usize> {
    let reader = state.reader.as_ref()?;
    state.notes.at(reader.cursor).or_else(|| {
        // Failing the cursor, the first highlight on screen.
        state.notes.overlapping(reader.on_screen()?).map(|(i, _)| i).next()
    })
}

pub fn open_editor(state: &mut AppState, kind: EditorKind) {
    let index = match &state.overlay {
        Overlay::NotesList { filter, selected } => filtered(state, filter).get(*selected).copied(),
        _ => under_cursor(state),
    };
    let Some(index) = index else {
        message(state, "no highlight here: select text with v first", true);
        return;
    };
    let annotation = &state.notes.items[index].annotation;
    let text = match kind {
        EditorKind::Note => annotation.note.clone(),
        EditorKind::Tags => annotation.tags.join(" "),
    };
    let cursor = text.len();
    state.overlay = Overlay::Editor(Editor { kind, target: annotation.id.clone(), text, cursor });
}

fn recolour(state: &mut AppState, colour: Option<Colour>) -> Vec<Effect> {
    let Some(index) = under_cursor(state) else {
        message(state, "select text first (v, or V for a whole passage)", true);
        return Vec::new();
    };
    state.notes.checkpoint();
    let item = &mut state.notes.items[index].annotation;
    let next = colour.unwrap_or_else(|| {
        let at = Colour::ALL.iter().position(|c| *c == item.colour).unwrap_or(0);
        Colour::ALL[(at + 1) % Colour::ALL.len()]
    });
    item.colour = next;
    item.updated.clone_from(&state.now);
    message(state, format!("now {}", next.name()), false);
    save(state)
}

pub fn cycle_colour(state: &mut AppState) -> Vec<Effect> {
    recolour(state, None)
}

pub fn delete(state: &mut AppState) -> Vec<Effect> {
    let index = match &state.overlay {
        Overlay::NotesList { filter, selected } => filtered(state, filter).get(*selected).copied(),
        _ => under_cursor(state),
    };
    let Some(index) = index else {
        message(state, "no highlight here", true);
        return Vec::new();
    };
    state.notes.checkpoint();
    state.notes.items.remove(index);
    message(state, "deleted (u to undo)", false);
    save(state)
}

pub fn undo(state: &mut AppState) -> Vec<Effect> {
    if state.notes.undo() {
        message(state, "undone", false);
        save(state)
    } else {
        message(state, "nothing to undo", false);
        Vec::new()
    }
}

/// Moves the cursor to the next (or previous) highlight and shows its note.
pub fn jump(state: &mut AppState, forward: bool) {
    let Some(reader) = state.reader.as_mut() else { return };
    reader.keep_cursor_on_screen();
    let at = reader.cursor;
    let starts: Vec<usize> = state.notes.items.iter().filter_map(|r| r.resolution.range()).map(|r| r.start).collect();
    let target =
        if forward { starts.iter().copied().find(|s| *s > at) } else { starts.iter().copied().rev().find(|s| *s < at) };
    match target {
        Some(start) => {
            reader.cursor = start;
            reader.show_cursor();
        }
        None => message(state, if forward { "no more highlights below" } else { "no more highlights above" }, false),
    }
}

/// Indexes of the notes that match every word of `filter` (see [`note_matches`])
/// and, while the speaker filter is on, whose speaker is shown.
#[must_use]
pub fn filtered(state: &AppState, filter: &str) -> Vec<usize> {
    let words = filter_words(filter);
    let shown_speaker = |a: &Annotation| {
        let Some(reader) = state.reader.as_ref().filter(|_| state.speakers.is_active()) else { return true };
        a.speaker.as_deref().is_some_and(|name| {
            reader
                .attribution
                .speakers
                .iter()
                .enumerate()
                .any(|(id, s)| s.answers_to(name) && state.speakers.is_shown(crate::speaker::SpeakerId(id)))
        })
    };
    (0..state.notes.items.len())
        .filter(|&i| {
            let r = &state.notes.items[i];
            let meaning = state.settings.meaning(r.annotation.colour);
            note_matches(&r.annotation, r.resolution == Resolution::Orphaned, meaning, &words)
                && shown_speaker(&r.annotation)
        })
        .collect()
}

/// A notes-list filter split into lower-case words.
#[must_use]
pub fn filter_words(filter: &str) -> Vec<String> {
    filter.split_whitespace().map(str::to_lowercase).collect()
}

/// Whether a note matches every word: quote, note, `#tag`, colour or its
/// meaning, `@speaker` or speaker name, "review" for orphans.
#[must_use]
pub fn note_matches(a: &Annotation, orphaned: bool, meaning: &str, words: &[String]) -> bool {
    words.iter().all(|w| {
        let w = w.as_str();
        if let Some(tag) = w.strip_prefix('#') {
            return a.tags.iter().any(|t| t.to_lowercase().contains(tag));
        }
        if let Some(speaker) = w.strip_prefix('@') {
            return a.speaker.as_deref().is_some_and(|s| s.to_lowercase().contains(speaker));
        }
        a.colour.name() == w
            || meaning.to_lowercase().contains(w)
            || (orphaned && "review".starts_with(w))
            || a.selector.quote.to_lowercase().contains(w)
            || a.note.to_lowercase().contains(w)
            || a.speaker.as_deref().is_some_and(|s| s.to_lowercase().contains(w))
            || a.tags.iter().any(|t| t.to_lowercase().contains(w))
    })
}

/// Keys while the note editor is open.
pub fn editor_key(state: &mut AppState, chord: KeyChord) -> Vec<Effect> {
    let Overlay::Editor(editor) = &mut state.overlay else { return Vec::new() };
    match (chord.key, chord.ctrl) {
        (Key::Esc, _) | (Key::Char('c'), true) => {
            state.overlay = Overlay::None;
            message(state, "note not changed", false);
            return Vec::new();
        }
        (Key::Char('s'), true) => return submit_editor(state),
        (Key::Enter, _) if editor.kind == EditorKind::Tags => return submit_editor(state),
        (Key::Enter, _) => insert(editor, "\n"),
        (Key::Char(c), false) if !chord.alt => insert(editor, c.encode_utf8(&mut [0; 4])),
        (Key::Tab, _) => insert(editor, "    "),
        (Key::Backspace, _) => {
            let before = motion::previous_grapheme(&editor.text, editor.cursor);
            editor.text.replace_range(before..editor.cursor, "");
            editor.cursor = before;
        }
        (Key::Left, _) => editor.cursor = motion::previous_grapheme(&editor.text, editor.cursor),
        (Key::Right, _) => editor.cursor = motion::next_grapheme(&editor.text, editor.cursor),
        (Key::Home, _) | (Key::Char('a'), true) => {
            editor.cursor = editor.text[..editor.cursor].rfind('\n').map_or(0, |i| i + 1);
        }
        (Key::End, _) | (Key::Char('e'), true) => {
            editor.cursor = editor.text[editor.cursor..].find('\n').map_or(editor.text.len(), |i| editor.cursor + i);
        }
        (Key::Up | Key::Down, _) => editor.cursor = vertical(&editor.text, editor.cursor, chord.key == Key::Down),
        _ => {}
    }
    Vec::new()
}

/// Inserts text (typed or pasted) at the editor's cursor; control characters are dropped.
pub fn insert(editor: &mut Editor, text: &str) {
    let clean: String = text.chars().filter(|c| *c == '\n' || !c.is_control()).collect();
    let clean = if editor.kind == EditorKind::Tags { clean.replace('\n', " ") } else { clean };
    editor.text.insert_str(editor.cursor, &clean);
    editor.cursor += clean.len();
}

/// The cursor one line up or down, at the same character column.
fn vertical(text: &str, at: usize, down: bool) -> usize {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..at].chars().count();
    let target_start = if down {
        match text[at..].find('\n') {
            Some(i) => at + i + 1,
            None => return at,
        }
    } else {
        if line_start == 0 {
            return at;
        }
        text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1)
    };
    let line_end = text[target_start..].find('\n').map_or(text.len(), |i| target_start + i);
    let line = &text[target_start..line_end];
    target_start + line.char_indices().nth(column).map_or(line.len(), |(i, _)| i)
}

fn submit_editor(state: &mut AppState) -> Vec<Effect> {
    let Overlay::Editor(editor) = std::mem::replace(&mut state.overlay, Overlay::None) else { return Vec::new() };
    let Some(index) = state.notes.items.iter().position(|r| r.annotation.id == editor.target) else {
        return Vec::new();
    };
    state.notes.checkpoint();
    let now = state.now.clone();
    let item = &mut state.notes.items[index].annotation;
    match editor.kind {
        EditorKind::Note => editor.text.trim_end().clone_into(&mut item.note),
        EditorKind::Tags => {
            item.tags = editor
                .text
                .split([' ', ','])
                .map(|t| t.trim().trim_start_matches('#').to_owned())
                .filter(|t| !t.is_empty())
                .collect();
            item.tags.dedup();
        }
    }
    item.updated = now;
    message(state, "saved", false);
    save(state)
}

/// Keys while the notes list is open.
pub fn list_key(state: &mut AppState, chord: KeyChord) -> Vec<Effect> {
    let Overlay::NotesList { filter, selected } = &mut state.overlay else { return Vec::new() };
    if list_typing(filter, selected, chord) {
        clamp_list(state);
        return Vec::new();
    }
    match (chord.key, chord.ctrl) {
        (Key::Esc, _) => state.overlay = Overlay::None,
        (Key::Char('d'), true) => return delete(state),
        (Key::Char('e'), true) => open_editor(state, EditorKind::Note),
        (Key::Char('r'), true) => return reattach(state),
        (Key::Enter, _) => {
            let (filter, selected) = (filter.clone(), *selected);
            let index = filtered(state, &filter).get(selected).copied();
            state.overlay = Overlay::None;
            if let Some(range) = index.and_then(|i| state.notes.items[i].resolution.range()) {
                if let Some(reader) = state.reader.as_mut() {
                    reader.cursor = range.start;
                    reader.show_cursor();
                }
            } else if index.is_some() {
                message(
                    state,
                    "this note's passage was not found: select the right text, open the list and press ctrl-r to re-attach",
                    true,
                );
            }
        }
        _ => {}
    }
    clamp_list(state);
    Vec::new()
}

/// Keeps the selection of the article's notes list on a shown note.
fn clamp_list(state: &mut AppState) {
    if let Overlay::NotesList { filter, selected } = &state.overlay {
        let count = filtered(state, filter).len();
        let clamped = (*selected).min(count.saturating_sub(1));
        if let Overlay::NotesList { selected, .. } = &mut state.overlay {
            *selected = clamped;
        }
    }
}

/// The keys both notes lists share: move the selection, type or erase the
/// filter. Returns whether `chord` was one of them.
pub fn list_typing(filter: &mut String, selected: &mut usize, chord: KeyChord) -> bool {
    match (chord.key, chord.ctrl) {
        (Key::Down, _) | (Key::Char('n'), true) => *selected += 1,
        (Key::Up, _) | (Key::Char('p'), true) => *selected = selected.saturating_sub(1),
        (Key::Backspace, _) => {
            filter.pop();
            *selected = 0;
        }
        (Key::Char(c), false) if !chord.alt => {
            filter.push(c);
            *selected = 0;
        }
        _ => return false,
    }
    true
}

/// Re-attaches the note selected in the list (one needing review) to the selected text.
pub fn reattach(state: &mut AppState) -> Vec<Effect> {
    let Overlay::NotesList { filter, selected } = &state.overlay else {
        message(state, "open the notes list (A), choose the note, then press ctrl-r", false);
        return Vec::new();
    };
    let Some(index) = filtered(state, filter).get(*selected).copied() else { return Vec::new() };
    let Some(range) = state.reader.as_ref().and_then(ReaderState::selection_range).filter(|r| !r.is_empty()) else {
        message(state, "select the passage first (v), then open the list and press ctrl-r", true);
        return Vec::new();
    };
    let Some(reader) = state.reader.as_mut() else { return Vec::new() };
    reader.selection = None;
    let selector = describe(&reader.doc.text, range);
    state.notes.checkpoint();
    let item = &mut state.notes.items[index];
    item.annotation.selector = selector;
    item.annotation.updated.clone_from(&state.now);
    item.resolution = Resolution::Exact(range);
    state.overlay = Overlay::None;
    message(state, "re-attached", false);
    save(state)
}

pub fn write_recovery(state: &mut AppState) -> Vec<Effect> {
    let Some(reader) = state.reader.as_ref() else { return Vec::new() };
    if state.notes.unreadable.is_none() {
        message(state, "the notes are saved normally; no recovery file needed", false);
        return Vec::new();
    }
    let mine: Vec<_> = state.notes.items.iter().map(|r| r.annotation.clone()).collect();
    vec![Effect::WriteRecovery { path: reader.path.clone(), title: reader.doc.meta.title.clone(), mine }]
}

/// The notes of a newly opened article.
pub fn loaded(state: &mut AppState, notes: Result<Vec<Resolved>, String>) {
    match notes {
        Ok(items) => state.notes = super::notes::NotesState::new(items),
        Err(problem) => {
            state.notes = super::notes::NotesState { unreadable: Some(problem.clone()), ..Default::default() };
            message(state, format!("{problem} — notes are kept in memory until it is fixed"), true);
        }
    }
    let orphans = state.notes.orphan_count();
    if orphans > 0 {
        message(state, format!("{orphans} note(s) need review: their passage was not found (A lists them)"), true);
    }
}

/// A save finished.
pub fn saved(state: &mut AppState, saved: super::Saved) {
    let Some(reader) = state.reader.as_ref().filter(|r| r.path == saved.path) else { return };
    match saved.result {
        Ok(list) => {
            let text = reader.doc.text.clone();
            state.notes.saved(list, &text);
        }
        Err(problem) => {
            message(state, format!("could not save notes: {problem} — kept in memory, the next change retries"), true);
        }
    }
}
