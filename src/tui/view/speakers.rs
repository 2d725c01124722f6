//! The speaker filter pane: every speaker, shown or not, with turns and share of words.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{pane_block, title_style};
use crate::app::screen::list_offset;
use crate::app::{AppState, Pane};
use crate::config::settings::FilterMode;
use crate::text::{display_width, truncate_to_width};
use crate::tui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = state.focus == Pane::Speakers;
    let filter = &state.speakers;
    let mode = if filter.mode == FilterMode::Hide { "hide" } else { "dim" };
    let title = format!(" Speakers · {mode} ");
    let block = pane_block(Line::styled(title, title_style(state, Pane::Speakers, theme)), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(reader) = state.reader.as_ref() else {
        frame.render_widget(Paragraph::new(Line::styled("open an article", theme.dim)), inner);
        return;
    };
    let attribution = &reader.attribution;
    if attribution.speakers.is_empty() {
        frame.render_widget(Paragraph::new(Line::styled("no speakers found", theme.dim)), inner);
        return;
    }
    let width = usize::from(inner.width);
    let name_width = width.saturating_sub(14);
    let total = attribution.total_words().max(1);
    let mut lines = vec![Line::styled(format!("  {:<name_width$}{:>6}{:>6}", "", "TURNS", "SHARE"), theme.dim)];
    let offset = list_offset(filter.selected, inner.height.saturating_sub(1), 1);
    for (position, id) in filter.order.iter().enumerate().skip(offset).take(usize::from(inner.height)) {
        let speaker = &attribution.speakers[id.0];
        let shown = filter.is_shown(*id);
        let colour = theme.speaker(&speaker.name);
        let square = Span::styled(if shown { "■ " } else { "□ " }, if shown { colour } else { theme.dim });
        let name = truncate_to_width(&speaker.name, name_width);
        let pad = " ".repeat(name_width.saturating_sub(display_width(&name)));
        let share = speaker.words * 100 / total;
        let numbers = format!("{:>6}{:>5}%", speaker.turns, share);
        let mut style = if shown { theme.text } else { theme.dim };
        if position == filter.selected && focused {
            style = theme.selected;
        }
        lines.push(Line::from(vec![square, Span::styled(format!("{name}{pad}{numbers}"), style)]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
