//! `update`: how each [`Action`] changes the [`AppState`].

use std::sync::Arc;

use super::keymap::{Key, KeyChord, Lookup};
use super::panes::{focus, motion, next_pane, relayout};
use super::reader::RowKind;
use super::screen;
use super::{Action, AppState, Command, EditorKind, Effect, Message, Overlay, Pane, Prompt, PromptKind, annotate};
use super::{mouse, opening, safekeeping};
use crate::sidecar::Colour;

/// Applies `action` to `state`; returns the work the shell must do.
pub fn update(state: &mut AppState, action: Action) -> Vec<Effect> {
    let mut effects = apply(state, action);
    super::notebox::fit(state);
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

fn apply(state: &mut AppState, action: Action) -> Vec<Effect> {
    match action {
        Action::Command(command) => return command_in_overlay(state, command).unwrap_or_else(|| run(state, command)),
        Action::Key(chord) => return key(state, chord),
        Action::Resize(width, height) => {
            state.size = (width, height);
            // Wide: every pane. Narrow: a side pane only while it has the focus.
            let wide = width >= screen::THREE_PANES;
            state.show_library = wide || state.focus == Pane::Library;
            state.show_speakers = wide || state.focus == Pane::Speakers;
            relayout(state);
        }
        Action::Terminate => return safekeeping::quit(state, false),
        Action::Resume => return opening::resume(state),
        Action::Clock(now, seed) => {
            state.now = now;
            state.id_seed = state.id_seed.max(seed);
        }
        Action::Paste(text) => match &mut state.overlay {
            Overlay::Editor(editor) => annotate::insert(editor, &text),
            Overlay::Prompt(_) => {
                for c in text.chars().filter(|c| !c.is_control()) {
                    prompt_input(state, PromptEdit::Type(c));
                }
            }
            _ => {}
        },
        Action::Drag(column, row) => mouse::drag(state, column, row),
        Action::NotesSaved(saved) => annotate::saved(state, *saved),
        Action::LibraryNotesLoaded(notes) => state.library_notes = Some(notes),
        Action::IndexReplied(reply) => super::search::replied(state, *reply),
        Action::Notice(text) => state.message = Some(Message { text, error: false }),
        Action::Problem(text) => state.message = Some(Message { text, error: true }),
        Action::PositionsLoaded(positions) => {
            state.positions = positions;
            state.apply_positions();
        }
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
                super::whereabouts::goto_message(state);
            }
        }
        Action::Input(c) => match &mut state.overlay {
            // Typed text reaches whatever is taking it: the editor, the notes list's filter, a prompt.
            Overlay::Editor(editor) => annotate::insert(editor, c.encode_utf8(&mut [0; 4])),
            Overlay::NotesList { filter, selected } | Overlay::LibraryNotes { filter, selected } => {
                filter.push(c);
                *selected = 0;
            }
            Overlay::People { .. } | Overlay::Search { .. } | Overlay::Quoted => {
                return key(state, KeyChord::plain(Key::Char(c)));
            }
            _ => prompt_input(state, PromptEdit::Type(c)),
        },
        Action::Click(column, row) => mouse::click(state, column, row),
        Action::DoubleClick(column, row) => {
            mouse::click(state, column, row);
            if state.focus == Pane::Library && state.screen().library.is_some_and(|a| a.contains(column, row)) {
                return update(state, Action::Command(Command::Open));
            }
        }
        Action::Scroll(column, row, lines) => mouse::scroll(state, column, row, lines),
        Action::ArticleLoaded(loaded) => return opening::loaded_article(state, *loaded),
        Action::PartLoaded(path, part, percent, doc, attribution, match_byte) => {
            opening::loaded_part(state, &path, (&part, percent, match_byte), doc, &attribution);
        }
        Action::Edited(path) => return super::yank::edited(state, path),
        Action::OpenStdin(piped) => super::stdin::open(state, *piped),
        Action::TextSaved(result) => return super::stdin::saved(state, result),
        Action::CorrectionSaved(saved) => return super::corrections::saved(state, *saved),
        Action::MetaLoaded(batch) => {
            for (index, meta) in batch {
                if let Some(entry) = state.library.entries.get_mut(index) {
                    entry.meta = Some(meta);
                }
            }
            let before = state.screen().reader;
            state.library.refresh();
            // Titles arriving can widen the library pane, and so narrow the reader.
            if state.screen().reader != before {
                relayout(state);
            }
        }
    }
    Vec::new()
}

/// A command while an overlay is open: the editor, a notes list or a prompt
/// takes the commands it knows; `None` for those it leaves to [`run`].
fn command_in_overlay(state: &mut AppState, command: Command) -> Option<Vec<Effect>> {
    match state.overlay {
        Overlay::Editor(_) => annotate::editor_command(state, command),
        Overlay::NotesList { .. } => annotate::list_command(state, command),
        Overlay::LibraryNotes { .. } => super::library_notes::list_command(state, command),
        Overlay::Prompt(_) => prompt_command(state, command),
        // People and search read their keys themselves (see `key`).
        // The quit question answers its keys itself (see `key`).
        Overlay::None
        | Overlay::Help { .. }
        | Overlay::People { .. }
        | Overlay::Search { .. }
        | Overlay::Quoted
        | Overlay::ConfirmQuit => None,
    }
}

/// Keys in a prompt: confirm, cancel, erase; the rest (but quitting) do nothing there.
fn prompt_command(state: &mut AppState, command: Command) -> Option<Vec<Effect>> {
    match command {
        Command::Submit => Some(submit(state)),
        Command::Cancel => {
            cancel(state);
            Some(Vec::new())
        }
        Command::DeleteBack => {
            prompt_input(state, PromptEdit::DeleteBack);
            Some(Vec::new())
        }
        Command::DeleteWordBack => {
            prompt_input(state, PromptEdit::DeleteWordBack);
            Some(Vec::new())
        }
        Command::ClearInput => {
            prompt_input(state, PromptEdit::Clear);
            Some(Vec::new())
        }
        // While the library filter is typed, the arrows pick among the matches.
        Command::MoveDown | Command::MoveUp if matches!(&state.overlay, Overlay::Prompt(p) if p.kind == PromptKind::LibraryFilter) =>
        {
            let len = state.library.order.len();
            let selected = &mut state.library.selected;
            *selected = if command == Command::MoveDown {
                (*selected + 1).min(len.saturating_sub(1))
            } else {
                selected.saturating_sub(1)
            };
            state.library.pinned_top = false;
            Some(Vec::new())
        }
        Command::Quit => None,
        _ => Some(Vec::new()),
    }
}

#[allow(clippy::too_many_lines, reason = "one arm per command: the whole vocabulary in one readable match")]
fn run(state: &mut AppState, command: Command) -> Vec<Effect> {
    if state.reading_stdin() && super::stdin::needs_file(command) {
        super::stdin::refuse(state, command);
        return Vec::new();
    }
    match command {
        Command::Quit => return safekeeping::quit(state, true),
        Command::People => return super::people::open(state),
        Command::SearchLibrary => return super::search::open(state),
        Command::QuotedElsewhere => return super::quoted::open(state),
        Command::NextQuoted => return super::quoted::step(state, true),
        Command::PreviousQuoted => return super::quoted::step(state, false),
        Command::Visual => {
            annotate::toggle_visual(state);
            if state.reading_stdin() {
                super::stdin::selecting(state);
            }
        }
        Command::SaveToLibrary => return super::stdin::save(state),
        Command::SelectPassage => annotate::select_passage(state),
        Command::Yank => return super::yank::yank(state),
        Command::EditArticle => return super::yank::edit(state),
        Command::CursorLeft
        | Command::CursorRight
        | Command::WordForward
        | Command::WordBackward
        | Command::WordEnd
        | Command::SentenceForward
        | Command::SentenceBackward => {
            annotate::cursor_motion(state, command);
        }
        Command::HighlightYellow => return annotate::highlight(state, Colour::Yellow),
        Command::HighlightGreen => return annotate::highlight(state, Colour::Green),
        Command::HighlightBlue => return annotate::highlight(state, Colour::Blue),
        Command::HighlightPink => return annotate::highlight(state, Colour::Pink),
        Command::HighlightPurple => return annotate::highlight(state, Colour::Purple),
        Command::NoteSelection => return annotate::note_selection(state),
        Command::EditNote => annotate::open_editor(state, EditorKind::Note),
        Command::EditTags => annotate::open_editor(state, EditorKind::Tags),
        Command::CycleColour => return annotate::cycle_colour(state),
        Command::DeleteAnnotation => return annotate::delete(state),
        Command::Undo => return annotate::undo(state),
        Command::NextAnnotation => annotate::jump(state, true),
        Command::PreviousAnnotation => annotate::jump(state, false),
        Command::AnnotationList if state.focus == Pane::Library => {
            state.overlay = Overlay::LibraryNotes { filter: String::new(), selected: 0 };
            // Read afresh each time: notes change as articles are read.
            return vec![Effect::LoadLibraryNotes(state.library.entries.iter().map(|e| e.path.clone()).collect())];
        }
        Command::AnnotationList => {
            if state.reader.is_some() {
                state.overlay = Overlay::NotesList { filter: String::new(), selected: 0 };
            }
        }
        Command::Reattach => return annotate::reattach(state),
        Command::ShowLink => show_link(state),
        Command::WriteRecovery => return annotate::write_recovery(state),
        Command::Help => {
            state.overlay =
                if matches!(state.overlay, Overlay::Help { .. }) { Overlay::None } else { Overlay::Help { scroll: 0 } };
        }
        Command::Cancel => cancel(state),
        Command::FocusNext => focus(state, next_pane(state.focus, true)),
        Command::FocusPrevious => focus(state, next_pane(state.focus, false)),
        Command::FocusLibrary => focus(state, Pane::Library),
        Command::FocusReader => focus(state, Pane::Reader),
        Command::FocusSpeakers => focus(state, Pane::Speakers),
        Command::ToggleLibraryPane => {
            state.show_library = !state.show_library;
            if state.show_library {
                state.focus = Pane::Library;
            } else if state.focus == Pane::Library {
                state.focus = Pane::Reader;
            }
            relayout(state);
        }
        Command::ToggleSpeakersPane => {
            state.show_speakers = !state.show_speakers;
            if state.show_speakers {
                state.focus = Pane::Speakers;
            } else if state.focus == Pane::Speakers {
                state.focus = Pane::Reader;
            }
            relayout(state);
        }
        Command::GoPercent => return opening::go_percent(state),
        Command::MoveDown
        | Command::MoveUp
        | Command::HalfPageDown
        | Command::HalfPageUp
        | Command::PageDown
        | Command::PageUp
        | Command::GoTop
        | Command::GoBottom => {
            if command == Command::GoBottom && opening::end_when_shown(state) {
                return Vec::new();
            }
            if !(state.focus == Pane::Reader && annotate::selecting_motion(state, command)) {
                motion(state, command);
            }
            // `G` on a big article still loading: its end is read at once, apart from the rest.
            if command == Command::GoBottom
                && state.focus == Pane::Reader
                && let Some(reader) = state.reader.as_ref().filter(|r| r.preview.is_some() && r.part != Some(100))
            {
                return vec![Effect::LoadPart(reader.path.clone(), super::Part::Percent(100))];
            }
            if command == Command::GoTop && state.focus == Pane::Reader {
                opening::back_to_head(state);
            }
        }
        Command::NextParagraph | Command::PreviousParagraph
            if state.reader.as_ref().is_some_and(|r| r.selection.is_some()) =>
        {
            annotate::selecting_motion(state, command);
        }
        Command::NextParagraph | Command::PreviousParagraph => {
            let forward = matches!(command, Command::NextParagraph);
            if let Some(reader) = state.reader.as_mut() {
                reader.jump(forward, |rows, i| {
                    i > 0 && rows[i - 1].kind == RowKind::Blank && rows[i].kind != RowKind::Blank
                });
            }
        }
        Command::NextTurn | Command::PreviousTurn => super::whereabouts::turn(state, command == Command::NextTurn),
        Command::SearchForward | Command::SearchBackward => {
            let kind = if state.focus == Pane::Library {
                PromptKind::LibraryFilter
            } else {
                PromptKind::Search { backward: matches!(command, Command::SearchBackward) }
            };
            let text = if kind == PromptKind::LibraryFilter { state.library.filter.clone() } else { String::new() };
            state.overlay = Overlay::Prompt(Prompt { kind, text });
        }
        Command::NextMatch | Command::PreviousMatch => {
            let forward = matches!(command, Command::NextMatch);
            return super::whereabouts::goto_match(state, forward);
        }
        Command::Open => return open(state),
        Command::CycleSort => {
            state.library.sort = state.library.sort.next();
            state.library.refresh();
            state.message = Some(Message { text: format!("sorted by {}", state.library.sort.label()), error: false });
        }
        Command::ToggleBoilerplate => {
            if let Some(reader) = state.reader.as_mut() {
                reader.show_boilerplate = !reader.show_boilerplate;
                let text = if reader.show_boilerplate { "showing web boilerplate" } else { "boilerplate hidden" };
                state.message = Some(Message { text: text.into(), error: false });
            }
            relayout(state);
        }
        Command::RenameSpeaker => super::corrections::rename(state),
        Command::MergeSpeaker => super::corrections::merge(state),
        Command::ReassignPassage => super::corrections::reassign(state),
        Command::UndoCorrection => return super::corrections::undo(state),
        Command::ToggleSpeaker => {
            state.speakers.toggle_selected();
            relayout(state);
        }
        Command::OnlySpeaker => {
            state.speakers.only_selected();
            relayout(state);
        }
        Command::AllSpeakers => {
            state.speakers.show_all();
            relayout(state);
        }
        Command::ToggleFilterMode => {
            use crate::config::settings::FilterMode;
            state.speakers.mode =
                if state.speakers.mode == FilterMode::Hide { FilterMode::Dim } else { FilterMode::Hide };
            let text =
                if state.speakers.mode == FilterMode::Hide { "other speakers hidden" } else { "other speakers dimmed" };
            state.message = Some(Message { text: text.into(), error: false });
            relayout(state);
        }
        Command::ToggleQuestions => {
            state.speakers.keep_questions = !state.speakers.keep_questions;
            let text = if state.speakers.keep_questions {
                "questions before answers kept"
            } else {
                "questions hidden with their askers"
            };
            state.message = Some(Message { text: text.into(), error: false });
            relayout(state);
        }
        // Keys of the editor, the lists and prompts: nothing to do without one open.
        Command::Submit
        | Command::DeleteBack
        | Command::DeleteWordBack
        | Command::ClearInput
        | Command::SaveNote
        | Command::NewLine
        | Command::Indent
        | Command::LineStart
        | Command::LineEnd => {}
    }
    Vec::new()
}

/// A key: looked up in the keymap of the scope in use (see
/// [`AppState::scope`]); in the editor, the lists and prompts a character
/// bound to nothing there is typed.
fn key(state: &mut AppState, chord: KeyChord) -> Vec<Effect> {
    if state.overlay == Overlay::ConfirmQuit {
        return safekeeping::confirm_key(state, chord);
    }
    // A message is about the last key: the next one clears it (what still
    // applies, like notes not saved, stays in the status bar's facts).
    if state.pending_keys.is_empty() {
        state.message = None;
    }
    match state.overlay {
        Overlay::People { .. } => return super::people::key(state, chord),
        Overlay::Search { .. } => return super::search::key(state, chord),
        Overlay::Quoted => return super::quoted::key(state, chord),
        _ => {}
    }
    let scope = state.scope();
    if let Some(effects) = super::count::key(state, scope, chord) {
        return effects;
    }
    state.pending_keys.push(chord);
    match state.keymap.lookup(scope, &state.pending_keys) {
        Lookup::Pending => Vec::new(),
        Lookup::Unbound => {
            let keys = std::mem::take(&mut state.pending_keys);
            state.count = None;
            match keys.as_slice() {
                [KeyChord { key: Key::Char(c), ctrl: false, alt: false }] if scope.takes_text() => {
                    update(state, Action::Input(*c))
                }
                _ => Vec::new(),
            }
        }
        Lookup::Command(command) => {
            let keys = std::mem::take(&mut state.pending_keys);
            if command != Command::GoPercent {
                state.count = None;
            }
            let command = super::stdin::key_meaning(state, &keys, command);
            if let Overlay::Help { scroll } = &mut state.overlay {
                // The help screen scrolls with the motion keys and closes with anything else.
                match command {
                    Command::MoveDown => *scroll = scroll.saturating_add(1),
                    Command::MoveUp => *scroll = scroll.saturating_sub(1),
                    Command::PageDown | Command::HalfPageDown => *scroll = scroll.saturating_add(10),
                    Command::PageUp | Command::HalfPageUp => *scroll = scroll.saturating_sub(10),
                    Command::Quit => return update(state, Action::Command(Command::Quit)),
                    _ => state.overlay = Overlay::None,
                }
                return Vec::new();
            }
            update(state, Action::Command(command))
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
            // Esc closes the note box first; the next Esc clears the search and selection.
            if let Some(index) = super::notebox::shown(state) {
                state.notes.box_closed = Some(state.notes.items[index].annotation.id.clone());
            } else if let Some(reader) = state.reader.as_mut() {
                reader.search.current = None;
                reader.selection = None;
            }
        }
        _ => state.overlay = Overlay::None,
    }
}

/// An edit of a prompt's text, which is only ever changed at its end.
#[derive(Clone, Copy)]
enum PromptEdit {
    Type(char),
    DeleteBack,
    /// Like a shell's ctrl-w: trailing spaces, then the word before them.
    DeleteWordBack,
    /// Like a shell's ctrl-u: a prefilled prompt (a rename) can be retyped from scratch.
    Clear,
}

fn prompt_input(state: &mut AppState, edit: PromptEdit) {
    let Overlay::Prompt(prompt) = &mut state.overlay else { return };
    match edit {
        // Control characters never enter a prompt: what is typed is shown.
        PromptEdit::Type(c) if !c.is_control() => prompt.text.push(c),
        PromptEdit::Type(_) => {}
        PromptEdit::DeleteBack => {
            prompt.text.pop();
        }
        PromptEdit::DeleteWordBack => {
            let kept = prompt.text.trim_end().trim_end_matches(|c: char| !c.is_whitespace()).len();
            prompt.text.truncate(kept);
        }
        PromptEdit::Clear => prompt.text.clear(),
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
            // Enter opens the chosen match, as it would once the filter is closed.
            if state.library.order.is_empty() { Vec::new() } else { update(state, Action::Command(Command::Open)) }
        }
        PromptKind::Search { backward } => {
            let Some(reader) = state.reader.as_mut() else {
                state.message = Some(Message { text: "open an article to search it".into(), error: true });
                return Vec::new();
            };
            reader.search(&prompt.text);
            super::whereabouts::goto_match(state, !backward)
        }
        PromptKind::RenameSpeaker(_) | PromptKind::MergeSpeaker(_) | PromptKind::ReassignPassage(_) => {
            super::corrections::submit(state, prompt.kind, &prompt.text)
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
