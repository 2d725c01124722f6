//! The library pane: the articles, two rows each.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{pane_block, title_style};
use crate::app::screen::list_offset;
use crate::app::{AppState, Pane};
use crate::text::{display_width, truncate_to_width};
use crate::tui::theme::Theme;

const ITEM_HEIGHT: u16 = 2;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let library = &state.library;
    let focused = state.focus == Pane::Library;
    let count = if library.filter.is_empty() {
        format!(" Library ({}) ", library.order.len())
    } else {
        format!(" Library {}/{} ", library.order.len(), library.entries.len())
    };
    let block = pane_block(Line::styled(count, title_style(state, Pane::Library, theme)), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let offset = list_offset(library.selected, inner.height, ITEM_HEIGHT);
    let mut lines = Vec::new();
    for (position, index) in
        library.order.iter().enumerate().skip(offset).take(usize::from(inner.height / ITEM_HEIGHT) + 1)
    {
        let entry = &library.entries[*index];
        let selected = position == library.selected;
        let marker = if selected { "▶ " } else { "  " };
        let title = truncate_to_width(entry.title(), width.saturating_sub(2));
        let style = if selected && focused {
            theme.selected
        } else if selected {
            theme.title
        } else {
            theme.text
        };
        lines.push(Line::from(vec![Span::styled(marker, style), Span::styled(title, style)]));
        // Progress and notes are kept whole at the right; date and source give way.
        let (about, mine) = entry.facts();
        let room = width.saturating_sub(2);
        let mine = truncate_to_width(&mine, room);
        let gap = usize::from(!mine.is_empty());
        let about = truncate_to_width(&about, room.saturating_sub(display_width(&mine) + gap));
        let fill = room.saturating_sub(display_width(&about) + display_width(&mine));
        lines.push(Line::from(vec![
            Span::styled(format!("  {about}{}", " ".repeat(fill)), theme.dim),
            Span::styled(mine, theme.text),
        ]));
    }
    if library.order.is_empty() {
        let text = if library.entries.is_empty() {
            format!("no articles here ({})", crate::library::READS)
        } else {
            "nothing matches the filter".to_owned()
        };
        lines.push(Line::styled(text, theme.dim));
    }
    // Rows are cut to the width already; only the empty-library message wraps.
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
