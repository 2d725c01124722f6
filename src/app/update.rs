//! `update`: how each [`Action`] changes the [`AppState`].

use std::sync::Arc;

use super::keymap::{Key, KeyChord, Lookup};
use super::reader::RowKind;
use super::screen::{self, text_width};
use super::{Action, AppState, EditorKind, Effect, Message, Overlay, Pane, Prompt, PromptKind, annotate};
use super::{mouse, opening};
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
            opening::remember_position(state);
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
        Action::Drag(column, row) => mouse::drag(state, column, row),
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
        Action::Click(column, row) => mouse::click(state, column, row),
        Action::Scroll(column, row, lines) => mouse::scroll(state, column, row, lines),
        Action::ArticleLoaded(loaded) => opening::loaded_article(state, *loaded),
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

pub(super) fn focus(state: &mut AppState, pane: Pane) {
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

pub(super) fn motion(state: &mut AppState, action: &Action) {
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
            opening::open_path(state, path)
        }
    }
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

/// Lays the reader out again for the current size, filter and toggles.
pub(super) fn relayout(state: &mut AppState) {
    let screen = state.screen();
    let Some(reader) = state.reader.as_mut() else { return };
    if screen.too_small {
        return;
    }
    reader.height = screen.reader.inner().height.max(1);
    let width = text_width(screen.reader, state.settings.max_width, state.settings.margin);
    reader.relayout(&state.speakers, width);
}
