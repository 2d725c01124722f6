//! The library search view: the query, then the hits, two rows each (article,
//! date and speaker; the snippet with its matches highlighted).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::app::AppState;
use crate::document::normalise::sanitise_line;
use crate::index::Hit;
use crate::text::truncate_to_width;
use crate::tui::theme::Theme;

pub(super) fn popup(area: Rect) -> Rect {
    let width = area.width.saturating_sub(6).min(120);
    let height = area.height.saturating_sub(4);
    Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height)
}

/// A line saying how far the first build of the index has got, if it is under way.
pub(super) fn progress(state: &AppState) -> Option<String> {
    state.index.progress.map(|(done, total)| format!("indexing the library: {done}/{total} articles…"))
}

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect, query: &str, selected: usize) {
    let popup = popup(area);
    frame.render_widget(Clear, popup);
    let hits = crate::app::search::hits(state, query);
    let title = format!(
        " Search the library · {} found · words \"phrase\" prefix* speaker:\"Name\" after: before: source: kind: · enter open · esc close ",
        hits.len()
    );
    let block = Block::bordered()
        .title(truncate_to_width(&title, usize::from(popup.width.saturating_sub(2))))
        .border_style(theme.border_focused);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let mut lines = vec![Line::styled(format!("search: {}█", sanitise_line(query)), theme.heading)];
    if let Some(progress) = progress(state) {
        lines.push(Line::styled(progress, theme.dim));
    } else if let Some((_, Err(why))) = &state.index.hits {
        lines.push(Line::styled(sanitise_line(why).into_owned(), theme.error));
    } else if hits.is_empty() && !query.trim().is_empty() {
        lines.push(Line::styled("nothing found", theme.dim));
    }
    hit_lines(theme, &mut lines, hits, &[], selected, inner, true);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Two rows per hit, scrolled so `selected` is on screen; `tags[i]`, if
/// there is one, leads hit `i`'s first row.
pub(super) fn hit_lines(
    theme: &Theme,
    lines: &mut Vec<Line<'_>>,
    hits: &[Hit],
    tags: &[String],
    selected: usize,
    inner: Rect,
    with_title: bool,
) {
    let width = usize::from(inner.width);
    let visible = usize::from(inner.height).saturating_sub(lines.len()) / 2;
    let first = selected.saturating_sub(visible.saturating_sub(1));
    for (i, hit) in hits.iter().enumerate().skip(first).take(visible) {
        let style = if i == selected { theme.selected } else { theme.text };
        // Who said it comes before the title: a long title is what gets cut.
        let mut about: Vec<String> = tags.get(i).cloned().into_iter().collect();
        about.push(hit.date.clone().unwrap_or_else(|| "undated".into()));
        if let Some(speaker) = &hit.speaker {
            about.push(speaker.clone());
        }
        if with_title {
            about.push(hit.title.clone());
        }
        about.push(hit.article.clone());
        let about = sanitise_line(&about.join(" · ")).into_owned();
        lines.push(Line::styled(truncate_to_width(&about, width), style));
        lines.push(snippet_line(theme, hit, width));
    }
}

/// The snippet, its matches highlighted, cut to `width` columns.
fn snippet_line<'a>(theme: &Theme, hit: &Hit, width: usize) -> Line<'a> {
    let text = &hit.snippet.text;
    let mut spans = vec![Span::raw("  ")];
    let mut at = 0;
    let mut used = 2;
    let mut push = |spans: &mut Vec<Span<'a>>, piece: &str, style| {
        let piece = sanitise_line(piece).into_owned();
        let cut = truncate_to_width(&piece, width.saturating_sub(used));
        used += crate::text::display_width(&cut);
        spans.push(Span::styled(cut, style));
    };
    for &(a, b) in &hit.snippet.highlights {
        if a < at || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        push(&mut spans, &text[at..a], theme.dim);
        push(&mut spans, &text[a..b], theme.heading);
        at = b;
    }
    push(&mut spans, &text[at..], theme.dim);
    Line::from(spans)
}
