//! Drawing: one function per pane, reading [`AppState`] and never changing it.

mod help;
mod library;
mod notes;
mod reader;
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
    let overlay = |frame: &mut Frame, r: Rect| {
        if screen.overlays {
            frame.render_widget(Clear, r);
        }
    };
    if let Some(library_area) = screen.library {
        let r = rect(library_area, area);
        overlay(frame, r);
        library::render(state, theme, frame, r);
    }
    if let Some(speakers_area) = screen.speakers {
        let r = rect(speakers_area, area);
        overlay(frame, r);
        speakers::render(state, theme, frame, r);
    }
    status::render(state, theme, frame, rect(screen.status, area));
    match &state.overlay {
        Overlay::Help { scroll } => help::render(state, theme, frame, area, *scroll),
        Overlay::Editor(editor) => notes::editor(editor, theme, frame, area),
        Overlay::NotesList { filter, selected } => notes::list(state, theme, frame, area, filter, *selected),
        Overlay::LibraryNotes { filter, selected } => notes::library_list(state, theme, frame, area, filter, *selected),
        Overlay::None | Overlay::Prompt(_) => {}
    }
}

/// The highlight colours with their keys and meanings: `1 key point  2 agree …`.
fn legend<'a>(state: &'a AppState, theme: &Theme) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    for colour in crate::sidecar::Colour::ALL {
        let action = format!("highlight_{}", colour.name());
        let keys = state.keymap.keys_for(crate::app::keymap::Scope::Visual, &action);
        let style = theme.highlight(colour).unwrap_or(theme.selected);
        spans.push(Span::styled(format!(" {} ", keys.first().map_or("-", String::as_str)), style));
        spans.push(Span::styled(format!(" {}  ", state.settings.meaning(colour)), theme.text));
    }
    spans
}

/// The style of a focused pane's title.
fn title_style(state: &AppState, pane: Pane, theme: &Theme) -> Style {
    if state.focus == pane { theme.border_focused } else { theme.dim }
}
