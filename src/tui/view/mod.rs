//! Drawing: one function per pane, reading [`AppState`] and never changing it.

mod help;
mod library;
mod notes;
mod people;
mod quoted;
mod reader;
mod search;
mod speakers;
mod status;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::theme::Theme;
use crate::app::screen::Area;
use crate::app::{AppState, Overlay, Pane};
use crate::document::normalise::is_unsafe_char;

/// A ratatui rectangle for an app area, clipped to the frame.
fn rect(area: Area, frame: Rect) -> Rect {
    Rect::new(area.x, area.y, area.width, area.height).intersection(frame)
}

/// A bordered block, highlighted when its pane has the focus.
fn pane_block<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered().title(title).border_style(if focused { theme.border_focused } else { theme.border })
}

/// A side pane drawn over the reader (narrow screens) meets the reader's top
/// and bottom borders: its corners there become `┬` and `┴`, so the two
/// boxes join instead of a corner sitting in the middle of a line.
fn join_corners(buffer: &mut ratatui::buffer::Buffer, pane: Rect, under: Rect) {
    if pane.width < 2 || pane.height < 2 || under.width < 2 || under.height < 2 {
        return;
    }
    let (left, right) = (pane.x, pane.right() - 1);
    let (top, bottom) = (pane.y, pane.bottom() - 1);
    for (x, y, joined) in [(left, top, "┬"), (right, top, "┬"), (left, bottom, "┴"), (right, bottom, "┴")] {
        let on_edge = y == under.y || y == under.bottom() - 1;
        if on_edge && x > under.x && x < under.right() - 1 {
            buffer[(x, y)].set_symbol(joined);
        }
    }
}

/// Draws the whole screen.
pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame) {
    render_panes(state, theme, frame);
    scrub(frame.buffer_mut());
}

/// The last line of defence against injected terminal sequences: each view
/// already makes controls visible (`^[`, `⟨U+202E⟩`), and a cell that still
/// holds one, through some path a view forgot, shows U+FFFD instead.
fn scrub(buffer: &mut ratatui::buffer::Buffer) {
    for cell in &mut buffer.content {
        if cell.symbol().chars().any(|c| c.is_control() || is_unsafe_char(c)) {
            cell.set_symbol("\u{FFFD}");
        }
    }
}

fn render_panes(state: &AppState, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let screen = state.screen();
    if screen.too_small {
        let message = Paragraph::new(vec![Line::from("terminal too small"), Line::from("for gloss")]).style(theme.dim);
        frame.render_widget(message, area);
        return;
    }
    reader::render(state, theme, frame, rect(screen.reader, area));
    let reader_rect = rect(screen.reader, area);
    let overlay = |frame: &mut Frame, r: Rect| {
        if screen.overlays {
            frame.render_widget(Clear, r);
        }
    };
    let joined = |frame: &mut Frame, r: Rect| {
        if screen.overlays {
            join_corners(frame.buffer_mut(), r, reader_rect);
        }
    };
    if let Some(library_area) = screen.library {
        let r = rect(library_area, area);
        overlay(frame, r);
        library::render(state, theme, frame, r);
        joined(frame, r);
    }
    if let Some(speakers_area) = screen.speakers {
        let r = rect(speakers_area, area);
        overlay(frame, r);
        speakers::render(state, theme, frame, r);
        joined(frame, r);
    }
    status::render(state, theme, frame, rect(screen.status, area));
    // Pop-ups sit inside the panes, clear of their borders and of the status line.
    let body = Rect { height: area.height.saturating_sub(1), ..area };
    match &state.overlay {
        Overlay::Help { scroll } => help::render(state, theme, frame, body, *scroll),
        Overlay::Editor(editor) => notes::editor(state, editor, theme, frame, area),
        Overlay::NotesList { filter, selected } => notes::list(state, theme, frame, area, filter, *selected),
        Overlay::LibraryNotes { filter, selected } => notes::library_list(state, theme, frame, area, filter, *selected),
        Overlay::People { filter, selected, person } => {
            people::render(state, theme, frame, area, filter, *selected, person.as_deref());
        }
        Overlay::Search { query, selected } => search::render(state, theme, frame, area, query, *selected),
        Overlay::Quoted => quoted::render(state, theme, frame, area),
        Overlay::None | Overlay::Prompt(_) | Overlay::ConfirmQuit => {}
    }
}

/// The highlight colours with their keys and meanings: `1 key point  2 agree …`.
fn legend<'a>(state: &'a AppState, theme: &Theme) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    for colour in crate::sidecar::Colour::ALL {
        let keys = state.keymap.keys_for(crate::app::keymap::Scope::Visual, crate::app::Command::highlight(colour));
        let style = theme.highlight(colour).unwrap_or(theme.selected);
        spans.push(Span::styled(format!(" {} ", keys.first().map_or("-", String::as_str)), style));
        if let Some(letter) = theme.highlight_letter(colour) {
            spans.push(Span::styled(format!(" {letter}"), theme.heading));
        }
        spans.push(Span::styled(format!(" {}  ", state.settings.meaning(colour)), theme.text));
    }
    spans
}

/// The style of a focused pane's title.
fn title_style(state: &AppState, pane: Pane, theme: &Theme) -> Style {
    if state.focus == pane { theme.border_focused } else { theme.dim }
}
