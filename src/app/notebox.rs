//! The note box: the note of the highlight under the cursor, shown below
//! the text. It takes rows from the reader rather than covering them, so it
//! never hides its own passage or the end of the article; `Esc` closes it.

use super::AppState;
use crate::text::ByteRange;

/// Rows the box takes: a border, the note, a border.
pub const ROWS: u16 = 3;

/// The index of the note whose box shows, if one does: the highlight under
/// the cursor has a note or tags, and its box was not closed.
#[must_use]
pub fn shown(state: &AppState) -> Option<usize> {
    let reader = state.reader.as_ref()?;
    let index = state.notes.at(reader.cursor)?;
    let annotation = &state.notes.items[index].annotation;
    let closed = state.notes.box_closed.as_deref() == Some(annotation.id.as_str());
    (!closed && (!annotation.note.is_empty() || !annotation.tags.is_empty())).then_some(index)
}

/// Gives the reader the rows the box leaves it. A reader showing the end of
/// the article keeps showing it above the box, and the cursor stays on screen.
pub fn fit(state: &mut AppState) {
    // The box of a note closed with Esc shows again once the cursor has left it.
    let under = state.reader.as_ref().and_then(|r| state.notes.at(r.cursor));
    if state.notes.box_closed.is_some()
        && under.map(|i| state.notes.items[i].annotation.id.as_str()) != state.notes.box_closed.as_deref()
    {
        state.notes.box_closed = None;
    }
    let screen = state.screen();
    if screen.too_small {
        return;
    }
    let full = screen.reader.inner().height.max(1);
    // A screen too short to spare the rows has no box (the note is in the list).
    let boxed = shown(state).is_some() && full > ROWS * 2;
    let want = if boxed { full - ROWS } else { full };
    let Some(reader) = state.reader.as_mut() else { return };
    if reader.height == want {
        return;
    }
    let max_top = reader.max_top();
    let at_end = reader.top >= max_top;
    reader.height = want;
    if at_end {
        reader.go_bottom();
    } else {
        reader.clamp();
    }
    reader.show_cursor();
}

/// Shows the whole of `range` (a highlight), with the box its cursor brings
/// accounted for: the cursor goes to its start.
pub fn show_range(state: &mut AppState, range: ByteRange) {
    let Some(reader) = state.reader.as_mut() else { return };
    reader.cursor = range.start;
    fit(state);
    if let Some(reader) = state.reader.as_mut() {
        reader.show_range(range);
    }
}
