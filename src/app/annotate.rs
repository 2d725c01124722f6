//! Selecting text and annotating it: the cursor motions, highlights, the
//! note editor and the notes list. Every change is saved through an effect.

use super::keymap::{Key, KeyChord, Scope};
use super::reader::ReaderState;
use super::{AppState, Command, Editor, EditorKind, Effect, Message, Overlay};
use crate::anchor::{Resolution, describe};
use crate::notes::Resolved;
use crate::sidecar::{Annotation, Colour, annotation::new_id};
use crate::text::motion;

/// The key that runs `command` in `scope`, as messages name it (from the keymap in use).
fn key(state: &AppState, scope: Scope, command: Command) -> String {
    state.keymap.key(scope, command)
}

fn message(state: &mut AppState, text: impl Into<String>, error: bool) {
    state.message = Some(Message { text: text.into(), error });
}

/// The effect that writes the notes, unless they cannot be written.
fn save(state: &mut AppState) -> Vec<Effect> {
    let Some(reader) = state.reader.as_ref() else { return Vec::new() };
    if let Some(problem) = &state.notes.unreadable {
        message(
            state,
            format!(
                "{problem} — notes kept in memory; fix the file, or press {} to write a recovery file",
                key(state, Scope::Reader, Command::WriteRecovery)
            ),
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

/// Leaving an article: unsaved notes are written. Only reading (moving)
/// writes nothing to the sidecar: positions live in the state file.
pub fn save_on_leave(state: &mut AppState) -> Vec<Effect> {
    if state.reader.is_none() {
        return Vec::new();
    }
    if state.notes.unreadable.is_none() && state.notes.dirty { save(state) } else { Vec::new() }
}

/// Cursor motions; inside a selection they extend it.
pub fn cursor_motion(state: &mut AppState, command: Command) -> bool {
    let Some(reader) = state.reader.as_mut() else { return false };
    let text = &reader.doc.text;
    let at = reader.cursor;
    let to = match command {
        Command::CursorLeft => motion::previous_grapheme(text, at),
        Command::CursorRight => motion::next_grapheme(text, at).min(motion::previous_grapheme(text, text.len())),
        Command::WordForward => motion::next_word(text, at),
        Command::WordBackward => motion::previous_word(text, at),
        Command::WordEnd => motion::previous_grapheme(text, motion::word_end(text, motion::next_grapheme(text, at))),
        // Selecting, `)` stops at the end of the sentence (then of the next), not at the next one's start.
        Command::SentenceForward if reader.selection.is_some() => motion::last_of_sentence(text, at),
        Command::SentenceForward => motion::next_sentence(text, at),
        Command::SentenceBackward => motion::previous_sentence(text, at),
        _ => return false,
    };
    reader.cursor = to.min(text.len());
    reader.show_cursor();
    true
}

/// Line and page motions while selecting move the cursor, not just the view.
pub fn selecting_motion(state: &mut AppState, command: Command) -> bool {
    let Some(reader) = state.reader.as_mut().filter(|r| r.selection.is_some()) else { return false };
    let page = isize::try_from(reader.height).unwrap_or(1).max(1);
    let rows = match command {
        Command::MoveDown => 1,
        Command::MoveUp => -1,
        Command::HalfPageDown => page / 2,
        Command::HalfPageUp => -page / 2,
        Command::PageDown => page,
        Command::PageUp => -page,
        Command::NextParagraph | Command::PreviousParagraph => {
            let forward = matches!(command, Command::NextParagraph);
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
        let moves = [
            Command::CursorLeft,
            Command::CursorRight,
            Command::WordForward,
            Command::WordBackward,
            Command::WordEnd,
            Command::SentenceBackward,
            Command::SentenceForward,
            Command::MoveDown,
            Command::MoveUp,
            Command::PreviousParagraph,
            Command::NextParagraph,
        ]
        .map(|c| key(state, Scope::Visual, c))
        .join(" ");
        let colours = crate::sidecar::Colour::ALL.map(|c| key(state, Scope::Visual, Command::highlight(c)));
        // The usual 1 to 5 in a row is said as a range.
        let highlight = if colours.join("") == "12345" { "1–5".to_owned() } else { colours.join(" ") };
        // Another key for the first colour (enter) is said first.
        let yellow = state.keymap.keys_for(Scope::Visual, Command::HighlightYellow);
        let first = yellow.iter().find(|k| **k != colours[0]).map(|k| format!("{k} or ")).unwrap_or_default();
        let note = key(state, Scope::Visual, Command::NoteSelection);
        message(
            state,
            format!("selecting: move with {moves}, then {first}{highlight} to highlight, {note} for a note"),
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

/// `range` without the white space at its ends: a quote never starts or ends with a space.
fn trim_space(text: &str, range: crate::text::ByteRange) -> crate::text::ByteRange {
    let slice = range.slice(text);
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = (range.start + slice.trim_end().len()).max(start);
    crate::text::ByteRange::new(start, end)
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
    let Some(range) = reader.selection_range().map(|r| trim_space(&reader.doc.text, r)).filter(|r| !r.is_empty())
    else {
        return recolour(state, Some(colour));
    };
    let id = fresh_id(state);
    let Some(reader) = state.reader.as_mut() else { return Vec::new() };
    let mut annotation = crate::notes::annotation(&reader.doc.text, &reader.attribution, range, id, &state.now);
    annotation.colour = colour;
    reader.selection = None;
    state.notes.add(annotation, &reader.doc.text);
    let keys = [Command::EditNote, Command::EditTags, Command::Undo].map(|c| key(state, Scope::Reader, c));
    message(
        state,
        format!("highlighted in {} ({}: note, {}: tags, {}: undo)", colour.name(), keys[0], keys[1], keys[2]),
        false,
    );
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
        let visual = key(state, Scope::Reader, Command::Visual);
        message(state, format!("no highlight here: select text with {visual} first"), true);
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
        let (visual, passage) =
            (key(state, Scope::Reader, Command::Visual), key(state, Scope::Reader, Command::SelectPassage));
        message(state, format!("select text first ({visual}, or {passage} for a whole passage)"), true);
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
    let undo = key(state, Scope::Reader, Command::Undo);
    message(state, format!("deleted ({undo} to undo)"), false);
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
    let ranges: Vec<_> = state.notes.items.iter().filter_map(|r| r.resolution.range()).collect();
    let target = if forward {
        ranges.iter().copied().find(|r| r.start > at)
    } else {
        ranges.iter().copied().rev().find(|r| r.start < at)
    };
    if let Some(range) = target {
        super::notebox::show_range(state, range);
    }
    super::whereabouts::note(state, forward, target.is_some());
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

/// Commands while the note editor is open; `None` for those it leaves to
/// the app (quitting). Typed text arrives as input, not here.
pub fn editor_command(state: &mut AppState, command: Command) -> Option<Vec<Effect>> {
    let Overlay::Editor(editor) = &mut state.overlay else { return None };
    match command {
        Command::Cancel => {
            state.overlay = Overlay::None;
            message(state, "note not changed", false);
        }
        Command::SaveNote => return Some(submit_editor(state)),
        Command::NewLine => insert(editor, "\n"),
        Command::Indent => insert(editor, "    "),
        Command::DeleteBack => {
            let before = motion::previous_grapheme(&editor.text, editor.cursor);
            editor.text.replace_range(before..editor.cursor, "");
            editor.cursor = before;
        }
        Command::CursorLeft => editor.cursor = motion::previous_grapheme(&editor.text, editor.cursor),
        Command::CursorRight => editor.cursor = motion::next_grapheme(&editor.text, editor.cursor),
        Command::LineStart => editor.cursor = editor.text[..editor.cursor].rfind('\n').map_or(0, |i| i + 1),
        Command::LineEnd => {
            editor.cursor = editor.text[editor.cursor..].find('\n').map_or(editor.text.len(), |i| editor.cursor + i);
        }
        Command::MoveUp | Command::MoveDown => {
            editor.cursor = vertical(&editor.text, editor.cursor, command == Command::MoveDown);
        }
        Command::Quit => return None,
        _ => {}
    }
    Some(Vec::new())
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

/// Commands while the article's notes list is open; `None` for those it
/// leaves to the app (quitting). Typed text arrives as input: the filter.
pub fn list_command(state: &mut AppState, command: Command) -> Option<Vec<Effect>> {
    let Overlay::NotesList { filter, selected } = &mut state.overlay else { return None };
    if list_typing(filter, selected, command) {
        clamp_list(state);
        return Some(Vec::new());
    }
    match command {
        Command::Cancel => state.overlay = Overlay::None,
        Command::DeleteAnnotation => return Some(delete(state)),
        Command::EditNote => open_editor(state, EditorKind::Note),
        Command::Reattach => return Some(reattach(state)),
        Command::Open => {
            let (filter, selected) = (filter.clone(), *selected);
            let index = filtered(state, &filter).get(selected).copied();
            state.overlay = Overlay::None;
            if let Some(range) = index.and_then(|i| state.notes.items[i].resolution.range()) {
                super::notebox::show_range(state, range);
            } else if index.is_some() {
                let keys = (key(state, Scope::Reader, Command::Visual), key(state, Scope::Notes, Command::Reattach));
                message(
                    state,
                    format!(
                        "this note's passage was not found: select the right text ({}), open the list and press {} to re-attach",
                        keys.0, keys.1
                    ),
                    true,
                );
            }
        }
        Command::Quit => return None,
        _ => {}
    }
    clamp_list(state);
    Some(Vec::new())
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

/// The commands both notes lists share: move the selection, erase the
/// filter. Returns whether `command` was one of them.
pub fn list_typing(filter: &mut String, selected: &mut usize, command: Command) -> bool {
    match command {
        Command::MoveDown => *selected += 1,
        Command::MoveUp => *selected = selected.saturating_sub(1),
        Command::DeleteBack => {
            filter.pop();
            *selected = 0;
        }
        _ => return false,
    }
    true
}

/// The same for the people and search views, which read their keys
/// themselves: down/ctrl-n, up/ctrl-p, backspace, typed characters.
pub fn list_typing_keys(filter: &mut String, selected: &mut usize, chord: KeyChord) -> bool {
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
        let (list, reattach) =
            (key(state, Scope::Reader, Command::AnnotationList), key(state, Scope::Notes, Command::Reattach));
        message(state, format!("open the notes list ({list}), choose the note, then press {reattach}"), false);
        return Vec::new();
    };
    let Some(index) = filtered(state, filter).get(*selected).copied() else { return Vec::new() };
    let Some(range) = state.reader.as_ref().and_then(ReaderState::selection_range).filter(|r| !r.is_empty()) else {
        let (visual, reattach) =
            (key(state, Scope::Reader, Command::Visual), key(state, Scope::Notes, Command::Reattach));
        message(state, format!("select the passage first ({visual}), then open the list and press {reattach}"), true);
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
        let list = key(state, Scope::Reader, Command::AnnotationList);
        message(state, format!("{orphans} note(s) need review: their passage was not found ({list} lists them)"), true);
    }
}

/// A save finished.
pub fn saved(state: &mut AppState, saved: super::Saved) {
    let Some(reader) = state.reader.as_ref().filter(|r| r.path == saved.path) else { return };
    match saved.result {
        Ok(list) => {
            let text = reader.doc.text.clone();
            state.notes.saved(list, &text);
            super::safekeeping::set_aside(state, saved.set_aside, false);
        }
        Err(problem) => {
            message(state, format!("could not save notes: {problem} — kept in memory, the next change retries"), true);
            state.notes.save_failed = Some(problem);
        }
    }
}
