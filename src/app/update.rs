//! `update`: how each [`Action`] changes the [`AppState`].

use std::sync::Arc;

use super::keymap::{Key, KeyChord, Lookup};
use super::reader::{ReaderState, RowKind};
use super::screen::{self, list_offset, text_width};
use super::{
    Action, AppState, EditorKind, Effect, Message, Overlay, Pane, Prompt, PromptKind, SavedPosition, annotate,
};
use crate::sidecar::Colour;

/// Rows of an article entry in the library list.
pub const LIBRARY_ITEM_HEIGHT: u16 = 2;

/// Applies `action` to `state`; returns the work the shell must do.
pub fn update(state: &mut AppState, action: Action) -> Vec<Effect> {
    let mut effects = apply(state, action);
    // A search of a big article still to be counted goes to the background, once.
    if let Some(reader) = state.reader.as_mut()
        && !reader.search.counted
        && !reader.search.counting
    {
        reader.search.counting = true;
        effects.push(Effect::CountMatches {
            doc: super::SharedDocument(Arc::clone(&reader.doc)),
            query: reader.search.query.clone(),
        });
    }
    effects
}

#[allow(clippy::too_many_lines, reason = "one arm per action: the whole vocabulary in one readable match")]
fn apply(state: &mut AppState, action: Action) -> Vec<Effect> {
    match action {
        Action::Key(chord) => return key(state, chord),
        Action::Resize(width, height) => {
            state.size = (width, height);
            // Wide: every pane. Narrow: a side pane only while it has the focus.
            let wide = width >= screen::THREE_PANES;
            state.show_library = wide || state.focus == Pane::Library;
            state.show_speakers = wide || state.focus == Pane::Speakers;
            relayout(state);
        }
        Action::Quit => {
            state.quit = true;
            remember_position(state);
            let mut effects = annotate::save_on_leave(state);
            effects.extend([Effect::SavePositions, Effect::Quit]);
            return effects;
        }
        Action::Clock(now, seed) => {
            state.now = now;
            state.id_seed = state.id_seed.max(seed);
        }
        Action::Paste(text) => match &mut state.overlay {
            Overlay::Editor(editor) => annotate::insert(editor, &text),
            Overlay::Prompt(_) => {
                for c in text.chars().filter(|c| !c.is_control()) {
                    prompt_input(state, Some(c));
                }
            }
            _ => {}
        },
        Action::Drag(column, row) => drag(state, column, row),
        Action::NotesSaved(saved) => annotate::saved(state, *saved),
        Action::Visual => annotate::toggle_visual(state),
        Action::SelectPassage => annotate::select_passage(state),
        Action::CursorLeft
        | Action::CursorRight
        | Action::WordForward
        | Action::WordBackward
        | Action::WordEnd
        | Action::SentenceForward
        | Action::SentenceBackward => {
            annotate::cursor_motion(state, &action);
        }
        Action::HighlightYellow => return annotate::highlight(state, Colour::Yellow),
        Action::HighlightGreen => return annotate::highlight(state, Colour::Green),
        Action::HighlightBlue => return annotate::highlight(state, Colour::Blue),
        Action::HighlightPink => return annotate::highlight(state, Colour::Pink),
        Action::HighlightPurple => return annotate::highlight(state, Colour::Purple),
        Action::NoteSelection => return annotate::note_selection(state),
        Action::EditNote => annotate::open_editor(state, EditorKind::Note),
        Action::EditTags => annotate::open_editor(state, EditorKind::Tags),
        Action::CycleColour => return annotate::cycle_colour(state),
        Action::DeleteAnnotation => return annotate::delete(state),
        Action::Undo => return annotate::undo(state),
        Action::NextAnnotation => annotate::jump(state, true),
        Action::PreviousAnnotation => annotate::jump(state, false),
        Action::AnnotationList if state.focus == Pane::Library => {
            state.overlay = Overlay::LibraryNotes { filter: String::new(), selected: 0 };
            // Read afresh each time: notes change as articles are read.
            return vec![Effect::LoadLibraryNotes];
        }
        Action::AnnotationList => {
            if state.reader.is_some() {
                state.overlay = Overlay::NotesList { filter: String::new(), selected: 0 };
            }
        }
        Action::LibraryNotesLoaded(notes) => state.library_notes = Some(notes),
        Action::Notice(text) => state.message = Some(Message { text, error: false }),
        // The shell carries these out itself.
        Action::Suspend | Action::TerminalGone(_) => {}
        Action::LoadProgress(path, progress) => {
            if state.loading.as_ref() == Some(&path) {
                state.message = Some(Message { text: progress, error: false });
            }
        }
        Action::MatchesCounted(query, matches) => {
            if let Some(reader) = state.reader.as_mut() {
                reader.counted(&query, matches);
            }
            if matches!(state.message, Some(Message { error: false, .. })) {
                goto_message(state);
            }
        }
        Action::Reattach => return annotate::reattach(state),
        Action::ShowLink => show_link(state),
        Action::WriteRecovery => return annotate::write_recovery(state),
        Action::Help => {
            state.overlay =
                if matches!(state.overlay, Overlay::Help { .. }) { Overlay::None } else { Overlay::Help { scroll: 0 } };
        }
        Action::Cancel => cancel(state),
        Action::Input(c) => match &mut state.overlay {
            // Typed text reaches whatever is taking it: the editor, the notes list's filter, a prompt.
            Overlay::Editor(editor) => annotate::insert(editor, c.encode_utf8(&mut [0; 4])),
            Overlay::NotesList { filter, selected } | Overlay::LibraryNotes { filter, selected } => {
                filter.push(c);
                *selected = 0;
            }
            _ => prompt_input(state, Some(c)),
        },
        Action::Backspace => prompt_input(state, None),
        Action::Submit => return submit(state),
        Action::FocusNext => focus(state, next_pane(state.focus, true)),
        Action::FocusPrevious => focus(state, next_pane(state.focus, false)),
        Action::FocusLibrary => focus(state, Pane::Library),
        Action::FocusReader => focus(state, Pane::Reader),
        Action::FocusSpeakers => focus(state, Pane::Speakers),
        Action::ToggleLibraryPane => {
            state.show_library = !state.show_library;
            if state.show_library {
                state.focus = Pane::Library;
            } else if state.focus == Pane::Library {
                state.focus = Pane::Reader;
            }
            relayout(state);
        }
        Action::ToggleSpeakersPane => {
            state.show_speakers = !state.show_speakers;
            if state.show_speakers {
                state.focus = Pane::Speakers;
            } else if state.focus == Pane::Speakers {
                state.focus = Pane::Reader;
            }
            relayout(state);
        }
        Action::MoveDown
        | Action::MoveUp
        | Action::HalfPageDown
        | Action::HalfPageUp
        | Action::PageDown
        | Action::PageUp
        | Action::GoTop
        | Action::GoBottom => {
            if !(state.focus == Pane::Reader && annotate::selecting_motion(state, &action)) {
                motion(state, &action);
            }
        }
        Action::NextParagraph | Action::PreviousParagraph
            if state.reader.as_ref().is_some_and(|r| r.selection.is_some()) =>
        {
            annotate::selecting_motion(state, &action);
        }
        Action::NextParagraph | Action::PreviousParagraph => {
            let forward = matches!(action, Action::NextParagraph);
            if let Some(reader) = state.reader.as_mut() {
                reader.jump(forward, |rows, i| {
                    i > 0 && rows[i - 1].kind == RowKind::Blank && rows[i].kind != RowKind::Blank
                });
            }
        }
        Action::NextTurn | Action::PreviousTurn => {
            let forward = matches!(action, Action::NextTurn);
            let filter = &state.speakers;
            if let Some(reader) = state.reader.as_mut() {
                let found =
                    reader.jump(forward, |rows, i| matches!(rows[i].kind, RowKind::Label(id) if filter.is_shown(id)));
                if !found {
                    state.message = Some(Message { text: "no more turns".into(), error: false });
                }
            }
        }
        Action::SearchForward | Action::SearchBackward => {
            let kind = if state.focus == Pane::Library {
                PromptKind::LibraryFilter
            } else {
                PromptKind::Search { backward: matches!(action, Action::SearchBackward) }
            };
            let text = if kind == PromptKind::LibraryFilter { state.library.filter.clone() } else { String::new() };
            state.overlay = Overlay::Prompt(Prompt { kind, text });
        }
        Action::NextMatch | Action::PreviousMatch => {
            let forward = matches!(action, Action::NextMatch);
            goto_match(state, forward);
        }
        Action::Open => return open(state),
        Action::CycleSort => {
            state.library.sort = state.library.sort.next();
            state.library.refresh();
            state.message = Some(Message { text: format!("sorted by {}", state.library.sort.label()), error: false });
        }
        Action::ToggleBoilerplate => {
            if let Some(reader) = state.reader.as_mut() {
                reader.show_boilerplate = !reader.show_boilerplate;
                let text = if reader.show_boilerplate { "showing web boilerplate" } else { "boilerplate hidden" };
                state.message = Some(Message { text: text.into(), error: false });
            }
            relayout(state);
        }
        Action::ToggleSpeaker => {
            state.speakers.toggle_selected();
            relayout(state);
        }
        Action::OnlySpeaker => {
            state.speakers.only_selected();
            relayout(state);
        }
        Action::AllSpeakers => {
            state.speakers.show_all();
            relayout(state);
        }
        Action::ToggleFilterMode => {
            use crate::config::settings::FilterMode;
            state.speakers.mode =
                if state.speakers.mode == FilterMode::Hide { FilterMode::Dim } else { FilterMode::Hide };
            let text =
                if state.speakers.mode == FilterMode::Hide { "other speakers hidden" } else { "other speakers dimmed" };
            state.message = Some(Message { text: text.into(), error: false });
            relayout(state);
        }
        Action::ToggleQuestions => {
            state.speakers.keep_questions = !state.speakers.keep_questions;
            let text = if state.speakers.keep_questions {
                "questions before answers kept"
            } else {
                "questions hidden with their askers"
            };
            state.message = Some(Message { text: text.into(), error: false });
            relayout(state);
        }
        Action::Click(column, row) => click(state, column, row),
        Action::Scroll(column, row, lines) => scroll(state, column, row, lines),
        Action::ArticleLoaded(loaded) => loaded_article(state, *loaded),
        Action::MetaLoaded(batch) => {
            for (index, meta) in batch {
                if let Some(entry) = state.library.entries.get_mut(index) {
                    entry.meta = Some(meta);
                }
            }
            state.library.refresh();
        }
    }
    Vec::new()
}

/// A key: typed into an open prompt or editor, or looked up in the keymap.
fn key(state: &mut AppState, chord: KeyChord) -> Vec<Effect> {
    match state.overlay {
        Overlay::Editor(_) => return annotate::editor_key(state, chord),
        Overlay::NotesList { .. } => return annotate::list_key(state, chord),
        Overlay::LibraryNotes { .. } => return super::library_notes::list_key(state, chord),
        _ => {}
    }
    if matches!(state.overlay, Overlay::Prompt(_)) {
        let action = match chord.key {
            Key::Enter => Action::Submit,
            Key::Esc => Action::Cancel,
            Key::Backspace => Action::Backspace,
            Key::Char(c) if !chord.ctrl && !chord.alt => Action::Input(c),
            Key::Char('c') if chord.ctrl => Action::Cancel,
            _ => return Vec::new(),
        };
        return update(state, action);
    }
    state.pending_keys.push(chord);
    let selecting = state.focus == Pane::Reader && state.reader.as_ref().is_some_and(|r| r.selection.is_some());
    let scope = if matches!(state.overlay, Overlay::Help { .. }) {
        super::keymap::Scope::Reader
    } else if selecting {
        super::keymap::Scope::Visual
    } else {
        state.focus.scope()
    };
    match state.keymap.lookup(scope, &state.pending_keys) {
        Lookup::Pending => Vec::new(),
        Lookup::Unbound => {
            state.pending_keys.clear();
            Vec::new()
        }
        Lookup::Action(name) => {
            state.pending_keys.clear();
            let Some(action) = Action::from_name(&name) else { return Vec::new() };
            if let Overlay::Help { scroll } = &mut state.overlay {
                // The help screen scrolls with the motion keys and closes with anything else.
                match action {
                    Action::MoveDown => *scroll = scroll.saturating_add(1),
                    Action::MoveUp => *scroll = scroll.saturating_sub(1),
                    Action::PageDown | Action::HalfPageDown => *scroll = scroll.saturating_add(10),
                    Action::PageUp | Action::HalfPageUp => *scroll = scroll.saturating_sub(10),
                    Action::Quit => return update(state, Action::Quit),
                    _ => state.overlay = Overlay::None,
                }
                return Vec::new();
            }
            update(state, action)
        }
    }
}

fn cancel(state: &mut AppState) {
    state.pending_keys.clear();
    match &state.overlay {
        Overlay::Prompt(Prompt { kind: PromptKind::LibraryFilter, .. }) => {
            state.library.filter.clear();
            state.library.refresh();
            state.overlay = Overlay::None;
        }
        Overlay::None => {
            state.message = None;
            if let Some(reader) = state.reader.as_mut() {
                reader.search.current = None;
                reader.selection = None;
            }
        }
        _ => state.overlay = Overlay::None,
    }
}

fn prompt_input(state: &mut AppState, c: Option<char>) {
    let Overlay::Prompt(prompt) = &mut state.overlay else { return };
    match c {
        // Control characters never enter a prompt: what is typed is shown.
        Some(c) if !c.is_control() => prompt.text.push(c),
        Some(_) => {}
        None => {
            prompt.text.pop();
        }
    }
    if prompt.kind == PromptKind::LibraryFilter {
        state.library.filter.clone_from(&prompt.text);
        state.library.refresh();
    }
}

fn submit(state: &mut AppState) -> Vec<Effect> {
    let Overlay::Prompt(prompt) = std::mem::replace(&mut state.overlay, Overlay::None) else { return Vec::new() };
    match prompt.kind {
        PromptKind::LibraryFilter => {
            state.library.filter = prompt.text;
            state.library.refresh();
            Vec::new()
        }
        PromptKind::Search { backward } => {
            let Some(reader) = state.reader.as_mut() else {
                state.message = Some(Message { text: "open an article to search it".into(), error: true });
                return Vec::new();
            };
            reader.search(&prompt.text);
            goto_match(state, !backward);
            Vec::new()
        }
    }
}

fn goto_match(state: &mut AppState, forward: bool) {
    let Some(reader) = state.reader.as_mut() else { return };
    if reader.search.query.is_empty() {
        return;
    }
    if reader.goto_match(forward) {
        goto_message(state);
    } else {
        state.message = Some(Message { text: format!("pattern not found: {}", reader.search.query), error: true });
    }
}

/// "/query  3/120", or "3/counting…" while a big article is being counted.
fn goto_message(state: &mut AppState) {
    let Some(reader) = state.reader.as_ref() else { return };
    let Some(current) = reader.search.current else { return };
    let total = if reader.search.counted { reader.search.matches.len().to_string() } else { "counting…".to_owned() };
    state.message = Some(Message { text: format!("/{}  {}/{total}", reader.search.query, current + 1), error: false });
}

fn next_pane(pane: Pane, forward: bool) -> Pane {
    match (pane, forward) {
        (Pane::Library, true) | (Pane::Speakers, false) => Pane::Reader,
        (Pane::Reader, true) | (Pane::Library, false) => Pane::Speakers,
        (Pane::Speakers, true) | (Pane::Reader, false) => Pane::Library,
    }
}

fn focus(state: &mut AppState, pane: Pane) {
    state.focus = pane;
    // On narrow screens a side pane shows while it has the focus.
    if state.size.0 < screen::THREE_PANES {
        state.show_library = pane == Pane::Library;
        state.show_speakers = pane == Pane::Speakers;
    }
    relayout(state);
}

fn list_move(selected: &mut usize, len: usize, action: &Action, page: usize) {
    let last = len.saturating_sub(1);
    *selected = match action {
        Action::MoveDown => (*selected + 1).min(last),
        Action::MoveUp => selected.saturating_sub(1),
        Action::HalfPageDown => (*selected + page / 2).min(last),
        Action::HalfPageUp => selected.saturating_sub(page / 2),
        Action::PageDown => (*selected + page).min(last),
        Action::PageUp => selected.saturating_sub(page),
        Action::GoTop => 0,
        Action::GoBottom => last,
        _ => *selected,
    };
}

fn motion(state: &mut AppState, action: &Action) {
    let height = usize::from(state.screen().reader.inner().height.max(1));
    match state.focus {
        Pane::Library => {
            let len = state.library.order.len();
            state.library.pinned_top = false;
            list_move(&mut state.library.selected, len, action, height / usize::from(LIBRARY_ITEM_HEIGHT));
        }
        Pane::Speakers => {
            let len = state.speakers.order.len();
            list_move(&mut state.speakers.selected, len, action, height);
        }
        Pane::Reader => {
            let Some(reader) = state.reader.as_mut() else { return };
            let page = isize::try_from(reader.height).unwrap_or(1).max(1);
            match action {
                Action::MoveDown => reader.scroll_by(1),
                Action::MoveUp => reader.scroll_by(-1),
                Action::HalfPageDown => reader.scroll_by(page / 2),
                Action::HalfPageUp => reader.scroll_by(-page / 2),
                Action::PageDown => reader.scroll_by(page.saturating_sub(2).max(1)),
                Action::PageUp => reader.scroll_by(-(page.saturating_sub(2).max(1))),
                Action::GoTop => reader.go_top(),
                Action::GoBottom => {
                    reader.go_bottom();
                    // Only the preview is here: the end of the article is where the reader goes once it is.
                    reader.to_end_when_loaded = reader.preview.is_some();
                }
                _ => {}
            }
            reader.keep_cursor_on_screen();
        }
    }
}

fn open(state: &mut AppState) -> Vec<Effect> {
    match state.focus {
        Pane::Speakers => {
            state.speakers.toggle_selected();
            relayout(state);
            Vec::new()
        }
        Pane::Reader => Vec::new(),
        Pane::Library => {
            let Some(entry) = state.library.selected_entry() else { return Vec::new() };
            let path = entry.path.clone();
            open_path(state, path)
        }
    }
}

/// Opens an article, or turns to it if it is already open.
pub(super) fn open_path(state: &mut AppState, path: std::path::PathBuf) -> Vec<Effect> {
    if state.reader.as_ref().is_some_and(|r| r.path == path) {
        focus(state, Pane::Reader);
        show_pending_note(state);
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
    effects.extend([Effect::SavePositions, Effect::Load(path)]);
    effects
}

/// Puts the cursor on the note chosen in the library-wide list.
fn show_pending_note(state: &mut AppState) {
    let Some(id) = state.pending_note.take() else { return };
    let found = state.notes.items.iter().find(|r| r.annotation.id == id).map(|r| r.resolution.range());
    match (found, state.reader.as_mut()) {
        (Some(Some(range)), Some(reader)) => {
            reader.cursor = range.start;
            reader.show_cursor();
        }
        (Some(None), _) => {
            state.message =
                Some(Message { text: "this note's passage was not found: it needs review (A)".into(), error: true });
        }
        _ => {}
    }
}

fn loaded_article(state: &mut AppState, loaded: super::Loaded) {
    if state.loading.as_ref() != Some(&loaded.path) {
        return;
    }
    if loaded.preview {
        return loaded_preview(state, loaded);
    }
    state.loading = None;
    // The preview being read is replaced in place: the reader stays where it was taken.
    let from_preview = state.reader.as_ref().filter(|r| r.path == loaded.path && r.preview.is_some()).map(|r| {
        let moved = r.preview != Some(r.top_offset());
        (moved.then(|| r.top_offset()), r.cursor, r.search.query.clone(), r.to_end_when_loaded)
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
            state.notes.position = loaded.sidecar_position;
            let reader = ReaderState::new(loaded.path.clone(), doc, Arc::clone(&attribution));
            state.speakers.reset(&attribution);
            let saved = state.positions.get(&loaded.path).map(|p| p.offset).or(loaded.sidecar_position);
            let (saved, cursor, query, to_end) = match from_preview {
                Some((moved, cursor, query, to_end)) => (moved.or(saved), Some(cursor), query, to_end),
                None => (saved, None, String::new(), false),
            };
            state.reader = Some(reader);
            relayout(state);
            if let Some(reader) = state.reader.as_mut() {
                if let Some(offset) = saved {
                    reader.scroll_to_offset(offset);
                }
                if let Some(cursor) = cursor {
                    reader.cursor = cursor.min(reader.doc.text.len());
                }
                if !query.is_empty() {
                    reader.search(&query);
                }
                if to_end {
                    reader.go_bottom();
                }
            }
            if !notices.is_empty() {
                state.message = Some(Message { text: notices, error: false });
            }
            state.library.select_path(&loaded.path);
            focus(state, Pane::Reader);
            show_pending_note(state);
        }
    }
}

/// The first screens of a big article, to read while the rest loads.
fn loaded_preview(state: &mut AppState, loaded: super::Loaded) {
    let Ok((doc, attribution)) = loaded.result else { return };
    let mut reader = ReaderState::new(loaded.path.clone(), doc, Arc::clone(&attribution));
    reader.preview = Some(0);
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

/// Puts the address of the link under the cursor (or the first on screen) in the status bar.
fn show_link(state: &mut AppState) {
    let Some(reader) = state.reader.as_ref() else { return };
    let links = &reader.doc.links;
    let under_cursor = links.iter().find(|l| l.range.start <= reader.cursor && reader.cursor < l.range.end);
    let on_screen = || reader.on_screen().and_then(|span| links.iter().find(|l| span.contains(l.range.start)));
    state.message = Some(match under_cursor.or_else(on_screen) {
        Some(link) => Message {
            text: format!(
                "{} → {}",
                link.range.slice(&reader.doc.text),
                crate::document::normalise::sanitise_line(&link.url)
            ),
            error: false,
        },
        None => Message { text: "no link here".into(), error: false },
    });
}

/// Records where the open article is being read.
fn remember_position(state: &mut AppState) {
    let Some(reader) = state.reader.as_ref() else { return };
    let seq = state.positions.values().map(|p| p.seq).max().unwrap_or(0) + 1;
    let saved = SavedPosition { offset: reader.top_offset(), percent: reader.percent(), seq };
    state.positions.insert(reader.path.clone(), saved);
    if let Some(entry) = state.library.entries.iter_mut().find(|e| e.path == reader.path) {
        entry.progress = Some(saved.percent);
        entry.last_read = seq;
    }
}

/// Lays the reader out again for the current size, filter and toggles.
fn relayout(state: &mut AppState) {
    let screen = state.screen();
    let Some(reader) = state.reader.as_mut() else { return };
    if screen.too_small {
        return;
    }
    reader.height = screen.reader.inner().height.max(1);
    let width = text_width(screen.reader, state.settings.max_width, state.settings.margin);
    reader.relayout(&state.speakers, width);
}

fn click(state: &mut AppState, column: u16, row: u16) {
    let screen = state.screen();
    // Overlays (narrow screens) are on top of the reader.
    if let Some(area) = screen.library.filter(|a| a.contains(column, row)) {
        focus(state, Pane::Library);
        let inner = area.inner();
        if row >= inner.y {
            let offset = list_offset(state.library.selected, inner.height, LIBRARY_ITEM_HEIGHT);
            let index = offset + usize::from((row - inner.y) / LIBRARY_ITEM_HEIGHT);
            if index < state.library.order.len() {
                state.library.selected = index;
                state.library.pinned_top = false;
            }
        }
    } else if let Some(area) = screen.speakers.filter(|a| a.contains(column, row)) {
        focus(state, Pane::Speakers);
        let inner = area.inner();
        // The first inner row is the column header.
        if row > inner.y {
            let offset = list_offset(state.speakers.selected, inner.height.saturating_sub(1), 1);
            let index = offset + usize::from(row - inner.y - 1);
            if index < state.speakers.order.len() {
                state.speakers.selected = index;
            }
        }
    } else if screen.reader.contains(column, row) {
        focus(state, Pane::Reader);
        if let Some(offset) = reader_offset(state, column, row) {
            let reader = state.reader.as_mut().expect("an offset needs a reader");
            reader.cursor = offset;
            reader.selection = None;
        }
    }
}

/// The text offset under a screen cell of the reader pane.
fn reader_offset(state: &AppState, column: u16, row: u16) -> Option<usize> {
    let screen = state.screen();
    let reader = state.reader.as_ref()?;
    let inner = screen.reader.inner();
    if !inner.contains(column, row) {
        return None;
    }
    let used = reader.text_width + screen::GUTTER;
    let left = inner.x + inner.width.saturating_sub(used) / 2 + screen::GUTTER;
    reader.offset_at(row - inner.y, column.saturating_sub(left))
}

/// Dragging in the reader selects from where the button went down.
fn drag(state: &mut AppState, column: u16, row: u16) {
    let Some(offset) = reader_offset(state, column, row) else { return };
    let Some(reader) = state.reader.as_mut() else { return };
    if reader.selection.is_none() {
        reader.selection = Some(reader.cursor);
    }
    reader.cursor = offset;
}

fn scroll(state: &mut AppState, column: u16, row: u16, lines: i32) {
    let screen = state.screen();
    let action = if lines > 0 { Action::MoveDown } else { Action::MoveUp };
    let pane = if screen.library.is_some_and(|a| a.contains(column, row)) {
        Pane::Library
    } else if screen.speakers.is_some_and(|a| a.contains(column, row)) {
        Pane::Speakers
    } else {
        Pane::Reader
    };
    let previous = state.focus;
    state.focus = pane;
    for _ in 0..lines.unsigned_abs().min(50) {
        motion(state, &action);
    }
    state.focus = previous;
}
