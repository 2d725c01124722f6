//! The library pane: the articles, two rows each.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{pane_block, title_style};
use crate::app::screen::list_offset;
use crate::app::{AppState, Pane};
use crate::text::truncate_to_width;
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
        let mut facts: Vec<String> = Vec::new();
        if let Some(meta) = &entry.meta {
            facts.push(meta.date.clone().unwrap_or_else(|| "undated".into()));
            if let Some(source) = &meta.source {
                facts.push(source.clone());
            }
            if meta.error.is_some() {
                facts.push("unreadable".into());
            }
        } else {
            facts.push("…".into());
        }
        if let Some(progress) = entry.progress {
            facts.push(format!("{progress}%"));
        }
        match entry.meta.as_ref().map_or(0, |m| m.notes) {
            0 => {}
            1 => facts.push("1 note".into()),
            n => facts.push(format!("{n} notes")),
        }
        lines.push(Line::styled(
            format!("  {}", truncate_to_width(&facts.join(" · "), width.saturating_sub(2))),
            theme.dim,
        ));
    }
    if library.order.is_empty() {
        let text =
            if library.entries.is_empty() { "no articles here (.txt, .md)" } else { "nothing matches the filter" };
        lines.push(Line::styled(text, theme.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
