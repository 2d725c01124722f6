//! The reader pane: the visible rows of the open article, with speaker
//! names and colours, dimmed filtered passages and search matches.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{pane_block, title_style};
use crate::app::reader::{ReaderState, RowKind};
use crate::app::screen::GUTTER;
use crate::app::{AppState, Pane};
use crate::text::{ByteRange, display_pieces, truncate_to_width};
use crate::tui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = state.focus == Pane::Reader;
    let Some(reader) = state.reader.as_ref() else {
        let block = pane_block(Line::styled(" Reader ", title_style(state, Pane::Reader, theme)), focused, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let hint =
            if state.loading.is_some() { "loading…" } else { "choose an article in the library and press enter" };
        frame.render_widget(Paragraph::new(Line::styled(hint, theme.dim)), inner);
        return;
    };
    let title = format!(" {} ", truncate_to_width(&reader.doc.meta.title, usize::from(area.width.saturating_sub(12))));
    let block = pane_block(Line::styled(title, title_style(state, Pane::Reader, theme)), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Centre the text column when the pane is wider than the measure.
    let used = reader.text_width + GUTTER;
    let left = inner.width.saturating_sub(used) / 2;
    let indent = " ".repeat(usize::from(left));
    let lines: Vec<Line> = reader
        .rows
        .iter()
        .skip(reader.top)
        .take(usize::from(inner.height))
        .map(|row| {
            let mut spans = vec![Span::raw(indent.clone())];
            match row.kind {
                RowKind::Blank => {}
                RowKind::Label(id) => {
                    let name = reader.attribution.speaker(id).map_or("", |s| s.name.as_str());
                    let style = if state.speakers.is_shown(id) { theme.speaker(name) } else { theme.dim };
                    spans.push(Span::raw(" ".repeat(usize::from(GUTTER))));
                    spans.push(Span::styled(name.to_uppercase(), style));
                }
                RowKind::Text | RowKind::Title | RowKind::Heading => {
                    spans.extend(text_spans(state, reader, theme, row.kind, row.block, row.range));
                }
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The gutter mark and the styled text of one row.
fn text_spans<'a>(
    state: &AppState,
    reader: &'a ReaderState,
    theme: &Theme,
    kind: RowKind,
    block: usize,
    range: ByteRange,
) -> Vec<Span<'a>> {
    let doc = &reader.doc;
    let attribution = &reader.attribution;
    let boilerplate = doc.blocks.get(block).is_some_and(|b| b.boilerplate);
    let base = match kind {
        RowKind::Title => theme.title,
        RowKind::Heading => theme.heading,
        _ if boilerplate => theme.dim,
        _ => theme.text,
    };
    let filtering = state.speakers.is_active();
    let passage_style = |offset: usize| -> (Style, Option<Style>) {
        let passage = attribution.passage_at(offset);
        let speaker = passage.and_then(|p| p.speaker);
        let shown = speaker.is_some_and(|id| state.speakers.is_shown(id));
        let style = if filtering && !shown && kind != RowKind::Title { theme.dim } else { base };
        let mark = speaker
            .and_then(|id| attribution.speaker(id))
            .map(|s| if shown || !filtering { theme.speaker(&s.name) } else { theme.dim });
        (style, mark)
    };
    let (_, mark) = passage_style(range.start);
    let mut spans = vec![match mark {
        Some(style) => Span::styled("▍ ", style.remove_modifier(ratatui::style::Modifier::BOLD)),
        None => Span::raw("  "),
    }];
    let matches = &reader.search.matches;
    let current = reader.search.current.and_then(|i| matches.get(i)).copied();
    let first_match = matches.partition_point(|m| m.end <= range.start);
    let placeholders = &doc.placeholders;
    for (piece_range, piece) in display_pieces(&doc.text, range) {
        let (mut style, _) = passage_style(piece_range.start);
        let hit =
            matches[first_match..].iter().take_while(|m| m.start < piece_range.end).find(|m| m.overlaps(piece_range));
        if let Some(hit) = hit {
            style = if Some(*hit) == current { theme.current_match } else { theme.matched };
        } else if placeholders
            .binary_search_by(|p| {
                if p.end <= piece_range.start {
                    std::cmp::Ordering::Less
                } else if p.start >= piece_range.end {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
        {
            style = theme.placeholder;
        }
        spans.push(Span::styled(piece.into_owned(), style));
    }
    spans
}
