//! Panes and moving about in them: which pane has the focus (and shows, on
//! narrow screens), motions in the lists and the reader, and laying the
//! reader out again. Shared by `update` and its helpers (mouse, opening),
//! which import this module rather than `update` itself.

use super::screen::{self, text_width};
use super::{AppState, Command, Pane};

/// Rows of an article entry in the library list.
pub const LIBRARY_ITEM_HEIGHT: u16 = 2;

#[must_use]
pub fn next_pane(pane: Pane, forward: bool) -> Pane {
    match (pane, forward) {
        (Pane::Library, true) | (Pane::Speakers, false) => Pane::Reader,
        (Pane::Reader, true) | (Pane::Library, false) => Pane::Speakers,
        (Pane::Speakers, true) | (Pane::Reader, false) => Pane::Library,
    }
}

pub fn focus(state: &mut AppState, pane: Pane) {
    state.focus = pane;
    // On narrow screens a side pane shows while it has the focus.
    if state.size.0 < screen::THREE_PANES {
        state.show_library = pane == Pane::Library;
        state.show_speakers = pane == Pane::Speakers;
    }
    relayout(state);
}

fn list_move(selected: &mut usize, len: usize, command: Command, page: usize) {
    let last = len.saturating_sub(1);
    *selected = match command {
        Command::MoveDown => (*selected + 1).min(last),
        Command::MoveUp => selected.saturating_sub(1),
        Command::HalfPageDown => (*selected + page / 2).min(last),
        Command::HalfPageUp => selected.saturating_sub(page / 2),
        Command::PageDown => (*selected + page).min(last),
        Command::PageUp => selected.saturating_sub(page),
        Command::GoTop => 0,
        Command::GoBottom => last,
        _ => *selected,
    };
}

pub fn motion(state: &mut AppState, command: Command) {
    let height = usize::from(state.screen().reader.inner().height.max(1));
    match state.focus {
        Pane::Library => {
            let len = state.library.order.len();
            state.library.pinned_top = false;
            list_move(&mut state.library.selected, len, command, height / usize::from(LIBRARY_ITEM_HEIGHT));
        }
        Pane::Speakers => {
            let len = state.speakers.order.len();
            list_move(&mut state.speakers.selected, len, command, height);
        }
        Pane::Reader => {
            let Some(reader) = state.reader.as_mut() else { return };
            let page = isize::try_from(reader.height).unwrap_or(1).max(1);
            match command {
                Command::MoveDown => reader.scroll_by(1),
                Command::MoveUp => reader.scroll_by(-1),
                Command::HalfPageDown => reader.scroll_by(page / 2),
                Command::HalfPageUp => reader.scroll_by(-page / 2),
                Command::PageDown => reader.scroll_by(page.saturating_sub(2).max(1)),
                Command::PageUp => reader.scroll_by(-(page.saturating_sub(2).max(1))),
                Command::GoTop => reader.go_top(),
                Command::GoBottom => {
                    // The cursor comes along to the last line, so the reader is where it is.
                    reader.go_end();
                    // Only the preview is here: the end of the article is where the reader goes once it is.
                    reader.to_end_when_loaded = reader.preview.is_some();
                }
                _ => {}
            }
            reader.keep_cursor_on_screen();
        }
    }
}

/// Lays the reader out again for the current size, filter and toggles.
pub fn relayout(state: &mut AppState) {
    let screen = state.screen();
    let Some(reader) = state.reader.as_mut() else { return };
    if screen.too_small {
        return;
    }
    // Whether the end shows is judged at the old size, before the height changes.
    let at_end = reader.at_end();
    reader.height = screen.reader.inner().height.max(1);
    let width = text_width(screen.reader, state.settings.max_width, state.settings.margin);
    reader.relayout_at(&state.speakers, width, at_end);
    super::notebox::fit(state);
}
