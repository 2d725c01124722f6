//! The reader pane: the visible rows of the open article, with speaker
//! names and colours, dimmed filtered passages and search matches.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{pane_block, title_style};
use crate::app::reader::{ReaderState, RowKind};
use crate::app::screen::GUTTER;
use crate::app::{AppState, Pane};
use crate::document::BlockKind;
use crate::document::normalise::sanitise_line;
use crate::speaker::PassageKind;
use crate::text::{ByteRange, display_pieces, truncate_to_width};
use crate::tui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = state.focus == Pane::Reader;
    let Some(reader) = state.reader.as_ref() else {
        let block = pane_block(Line::styled(" Reader ", title_style(state, Pane::Reader, theme)), focused, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        // A side pane drawn over the reader hides the hint whole, not all but its tail.
        let screen = state.screen();
        if screen.overlays && (screen.library.is_some() || screen.speakers.is_some()) {
            return;
        }
        let hint =
            if state.loading.is_some() { "loading…" } else { "choose an article in the library and press enter" };
        frame.render_widget(Paragraph::new(Line::styled(hint, theme.dim)).wrap(Wrap { trim: true }), inner);
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
        .window
        .iter()
        .take(usize::from(inner.height))
        .map(|row| {
            let mut spans = vec![Span::raw(indent.clone())];
            match row.kind {
                RowKind::Blank => {}
                RowKind::Label(id) => {
                    let name = reader.attribution.speaker(id).map_or("", |s| s.name.as_str());
                    let style = if state.speakers.is_shown(id) {
                        theme.speaker(state.speakers.colour_index(id), name)
                    } else {
                        theme.dim
                    };
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
    note_under_cursor(state, theme, frame, inner);
}

/// The gutter marks and the styled text of one row: speaker bar, note mark,
/// then text with highlights, selection, cursor and search matches.
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
    // Chrome and caption times are there to consult, not to read: both dim.
    let boilerplate = doc.blocks.get(block).is_some_and(|b| b.boilerplate || b.kind == BlockKind::Time);
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
        let mark = speaker.and_then(|id| attribution.speaker(id).map(|s| (id, s))).map(|(id, s)| {
            if shown || !filtering { theme.speaker(state.speakers.colour_index(id), &s.name) } else { theme.dim }
        });
        (style, mark)
    };
    let (_, mark) = passage_style(range.start);
    // The bar says quietly how the words are known: solid for a turn or a
    // direct quote, dashed for a paraphrase; faint when the speaker was inferred.
    let passage = attribution.passage_at(range.start);
    let bar = if passage.is_some_and(|p| p.kind == PassageKind::Paraphrase) { "╎" } else { "▍" };
    let inferred = passage.is_some_and(crate::speaker::Passage::is_inferred);
    let highlights: Vec<(usize, ByteRange)> = state.notes.overlapping(range).collect();
    // A note starts on this row: mark it in the margin.
    let note_here =
        highlights.iter().any(|(i, r)| r.start >= range.start && !state.notes.items[*i].annotation.note.is_empty());
    // Without colour, the row's highlight says which colour it is by letter.
    let letter = highlights.first().and_then(|(i, _)| theme.highlight_letter(state.notes.items[*i].annotation.colour));
    let mut spans = vec![
        match mark {
            Some(style) => {
                let style = style.remove_modifier(Modifier::BOLD);
                Span::styled(bar, if inferred { style.add_modifier(Modifier::DIM) } else { style })
            }
            None => Span::raw(" "),
        },
        match (note_here, letter) {
            (true, _) => Span::styled("✎", theme.heading),
            (false, Some(letter)) => Span::styled(letter, theme.heading),
            (false, None) => Span::raw(" "),
        },
    ];
    let matches = &reader.search.matches;
    let current = reader.search.current.and_then(|i| matches.get(i)).copied();
    let first_match = matches.partition_point(|m| m.end <= range.start);
    let selection = reader.selection_range();
    // Always visible in the reader: jumps, search and clicks move it, and `v` starts there.
    let show_cursor = state.focus == Pane::Reader;
    let placeholders = &doc.placeholders;
    for (piece_range, piece) in display_pieces(&doc.text, range) {
        let (mut style, _) = passage_style(piece_range.start);
        if let Some((i, _)) = highlights.iter().find(|(_, r)| r.overlaps(piece_range))
            && let Some(bg) = theme.highlight(state.notes.items[*i].annotation.colour)
        {
            style = style.patch(bg);
        } else if highlights.iter().any(|(_, r)| r.overlaps(piece_range)) {
            style = style.add_modifier(Modifier::UNDERLINED);
        }
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
        if selection.is_some_and(|s| s.overlaps(piece_range)) {
            style = theme.selected;
        }
        let cursor_here = show_cursor && piece_range.contains(reader.cursor);
        if cursor_here && !piece_range.is_empty() {
            // Split the piece at the cursor so the cursor covers one grapheme.
            let text = piece.into_owned();
            let at = (reader.cursor - piece_range.start).min(text.len());
            if text.is_char_boundary(at)
                && at <= text.len()
                && doc.text.get(piece_range.start..piece_range.end) == Some(text.as_str())
            {
                let (before, rest) = text.split_at(at);
                let next = rest.chars().next().map_or(0, char::len_utf8);
                let (under, after) = rest.split_at(next);
                spans.push(Span::styled(before.to_owned(), style));
                spans.push(Span::styled(under.to_owned(), style.add_modifier(Modifier::REVERSED)));
                spans.push(Span::styled(after.to_owned(), style));
            } else {
                spans.push(Span::styled(text, style.add_modifier(Modifier::REVERSED)));
            }
            continue;
        }
        spans.push(Span::styled(piece.into_owned(), style));
    }
    spans
}

/// The note of the highlight under the cursor, in the rows below the text
/// that the reader leaves it ([`crate::app::notebox`]): it covers no text.
pub fn note_under_cursor(state: &AppState, theme: &Theme, frame: &mut Frame, inner: Rect) {
    let Some(reader) = state.reader.as_ref() else { return };
    let Some(index) = crate::app::notebox::shown(state) else { return };
    let annotation = &state.notes.items[index].annotation;
    let height = inner.height.saturating_sub(reader.height);
    if height == 0 {
        return;
    }
    let mut text = annotation.note.replace('\n', " ");
    if !annotation.tags.is_empty() {
        let tags: Vec<String> = annotation.tags.iter().map(|t| format!("#{t}")).collect();
        text = format!("{text}  {}", tags.join(" "));
    }
    let area = Rect::new(inner.x, inner.y + inner.height - height, inner.width, height);
    frame.render_widget(ratatui::widgets::Clear, area);
    let block = ratatui::widgets::Block::bordered()
        .title(" ✎ note (e to edit, esc to close) ")
        .border_style(theme.border_focused);
    let content = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(
        Paragraph::new(Line::styled(truncate_to_width(&sanitise_line(&text), usize::from(content.width)), theme.text)),
        content,
    );
}
