//! The mouse: a click focuses a pane and selects a row or places the
//! cursor, a drag in the reader selects text, the wheel scrolls the pane
//! under the pointer.

use super::panes::{LIBRARY_ITEM_HEIGHT, focus, motion};
use super::screen::{self, list_offset};
use super::{AppState, Command, Pane};

pub(super) fn click(state: &mut AppState, column: u16, row: u16) {
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
pub(super) fn drag(state: &mut AppState, column: u16, row: u16) {
    let Some(offset) = reader_offset(state, column, row) else { return };
    let Some(reader) = state.reader.as_mut() else { return };
    if reader.selection.is_none() {
        reader.selection = Some(reader.cursor);
    }
    reader.cursor = offset;
}

pub(super) fn scroll(state: &mut AppState, column: u16, row: u16, lines: i32) {
    let screen = state.screen();
    let command = if lines > 0 { Command::MoveDown } else { Command::MoveUp };
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
        motion(state, command);
    }
    state.focus = previous;
}
