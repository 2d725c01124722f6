//! The People view: everyone who speaks in the library, or one person's
//! passages across it by date.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use super::search::{hit_lines, popup, progress};
use crate::app::AppState;
use crate::document::normalise::sanitise_line;
use crate::text::truncate_to_width;
use crate::tui::theme::Theme;

pub fn render(
    state: &AppState,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    filter: &str,
    selected: usize,
    person: Option<&str>,
) {
    let popup = popup(area);
    frame.render_widget(Clear, popup);
    let width = usize::from(popup.width.saturating_sub(2));
    let title = match person {
        Some(name) => format!(" {} · passages by date · enter open there · esc back ", sanitise_line(name)),
        None => " People · type to filter · enter their passages · esc close ".to_owned(),
    };
    let block = Block::bordered().title(truncate_to_width(&title, width)).border_style(theme.border_focused);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let mut lines = Vec::new();
    if let Some(progress) = progress(state) {
        lines.push(Line::styled(progress, theme.dim));
    }
    if let Some(name) = person {
        match &state.index.passages {
            Some((p, Ok(hits))) if p == name => hit_lines(theme, &mut lines, hits, &[], selected, inner, true),
            Some((p, Err(why))) if p == name => lines.push(Line::styled(sanitise_line(why).into_owned(), theme.error)),
            _ => lines.push(Line::styled("finding passages…", theme.dim)),
        }
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    lines.push(Line::styled(format!("filter: {}█", sanitise_line(filter)), theme.dim));
    match &state.index.people {
        None => lines.push(Line::styled("reading the library's people…", theme.dim)),
        Some(Err(why)) => lines.push(Line::styled(sanitise_line(why).into_owned(), theme.error)),
        Some(Ok(_)) => {
            let people = crate::app::people::filtered(state, filter);
            if people.is_empty() {
                lines.push(Line::styled("nobody matches", theme.dim));
            }
            let visible = usize::from(inner.height).saturating_sub(lines.len());
            let first = selected.saturating_sub(visible.saturating_sub(1));
            for (i, p) in people.iter().enumerate().skip(first).take(visible) {
                let dates = match (&p.first, &p.last) {
                    (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
                    (Some(a), _) => a.clone(),
                    _ => "undated".to_owned(),
                };
                let articles = if p.articles == 1 { "article " } else { "articles" };
                let row = format!(
                    "{:<32} {:>4} {articles} {:>7} words  {dates}  {}",
                    truncate_to_width(&sanitise_line(&p.name), 32),
                    p.articles,
                    p.words,
                    sanitise_line(&p.aliases.join(", "))
                );
                let style = if i == selected { theme.selected } else { theme.text };
                lines.push(Line::styled(truncate_to_width(&row, width), style));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
