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

/// Marks after a speaker's name: never quoted directly; attributed mostly by inference.
const PARAPHRASED: &str = "~";
const INFERRED: &str = "?";

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
    // Two columns after the name say quietly how a speaker's words are known;
    // a space keeps them off a name cut to fit (`Lakeshore Institute for Tr… ~`).
    let name_width = width.saturating_sub(16);
    let total = attribution.total_words().max(1);
    let sourcing = attribution.sourcing();
    let mut lines = vec![Line::styled(format!("  {:<name_width$}   {:>5}{:>6}", "", "TURNS", "SHARE"), theme.dim)];
    let offset = list_offset(filter.selected, inner.height.saturating_sub(1), 1);
    for (position, id) in filter.order.iter().enumerate().skip(offset).take(usize::from(inner.height)) {
        let speaker = &attribution.speakers[id.0];
        let shown = filter.is_shown(*id);
        let colour = theme.speaker(state.speakers.colour_index(*id), &speaker.name);
        let square = Span::styled(if shown { "■ " } else { "□ " }, if shown { colour } else { theme.dim });
        let name = truncate_to_width(&speaker.name, name_width);
        let pad = " ".repeat(name_width.saturating_sub(display_width(&name)) + 1);
        let share = speaker.words * 100 / total;
        let numbers = format!("{:>5}{:>5}%", speaker.turns, share);
        let mut style = if shown { theme.text } else { theme.dim };
        if position == filter.selected && focused {
            style = theme.selected;
        }
        let how = sourcing.get(id.0).copied().unwrap_or_default();
        let marks = format!(
            "{}{}",
            if how.only_paraphrased() { PARAPHRASED } else { " " },
            if how.mostly_inferred() { INFERRED } else { " " }
        );
        lines.push(Line::from(vec![
            square,
            Span::styled(format!("{name}{pad}"), style),
            Span::styled(marks, theme.dim),
            Span::styled(numbers, style),
        ]));
    }
    // The key to the marks, at the foot of the pane when some are shown and there is room.
    let marked = sourcing.iter().any(|s| s.only_paraphrased() || s.mostly_inferred());
    let used = lines.len();
    if marked && usize::from(inner.height) > used + 1 {
        lines.extend(std::iter::repeat_n(Line::raw(""), usize::from(inner.height) - used - 1));
        let key = format!("{PARAPHRASED} paraphrased only  {INFERRED} mostly inferred");
        lines.push(Line::styled(truncate_to_width(&key, width), theme.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
