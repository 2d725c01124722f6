//! Note overlays: the editor for a note or tags, and the list of an article's notes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::anchor::Resolution;
use crate::app::{AppState, Editor, EditorKind};
use crate::document::normalise::sanitise_line;
use crate::text::truncate_to_width;
use crate::tui::theme::Theme;

fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height)
}

/// The editor: the text with a visible cursor, wrapped, with its keys in the title.
pub fn editor(editor: &Editor, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (title, height) = match editor.kind {
        EditorKind::Note => (" Note · ctrl-s save · esc cancel · enter new line ", 14),
        EditorKind::Tags => (" Tags (spaces between) · enter save · esc cancel ", 3),
    };
    let popup = centred(area, 72, height);
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(title).border_style(theme.border_focused);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let mut lines: Vec<Line> = Vec::new();
    let mut offset = 0;
    for raw in editor.text.split('\n') {
        let end = offset + raw.len();
        let mut spans: Vec<Span> = Vec::new();
        if (offset..=end).contains(&editor.cursor) {
            let at = editor.cursor - offset;
            let (before, after) = raw.split_at(at);
            let mut rest = after.chars();
            let under = rest.next().map_or_else(|| " ".to_owned(), |c| c.to_string());
            spans.push(Span::styled(sanitise_line(before).into_owned(), theme.text));
            spans.push(Span::styled(sanitise_line(&under).into_owned(), theme.selected));
            spans.push(Span::styled(sanitise_line(rest.as_str()).into_owned(), theme.text));
        } else {
            spans.push(Span::styled(sanitise_line(raw).into_owned(), theme.text));
        }
        lines.push(Line::from(spans));
        offset = end + 1;
    }
    let cursor_line = editor.text[..editor.cursor].matches('\n').count();
    let scroll = u16::try_from(cursor_line.saturating_sub(usize::from(inner.height.saturating_sub(1)))).unwrap_or(0);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((scroll, 0)), inner);
}

/// The notes list: quote, note, tags, colour, speaker, date; orphans marked.
pub fn list(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect, filter: &str, selected: usize) {
    let popup = centred(area, area.width.saturating_sub(6).min(110), area.height.saturating_sub(4));
    frame.render_widget(Clear, popup);
    let shown = crate::app::filtered_notes(state, filter);
    let title = format!(
        " Notes {}/{} · type to filter (#tag @speaker colour review) · enter go · ctrl-e edit · ctrl-d delete · ctrl-r re-attach ",
        shown.len(),
        state.notes.items.len()
    );
    let block = Block::bordered().title(title).border_style(theme.border_focused);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let width = usize::from(inner.width);
    let mut lines = vec![Line::styled(format!("filter: {}█", sanitise_line(filter)), theme.dim)];
    let visible = usize::from(inner.height.saturating_sub(1)) / 2;
    let first = selected.saturating_sub(visible.saturating_sub(1));
    for (position, index) in shown.iter().enumerate().skip(first).take(visible) {
        let r = &state.notes.items[*index];
        let a = &r.annotation;
        let status = if r.resolution == Resolution::Orphaned { " NEEDS REVIEW" } else { "" };
        let swatch = Span::styled(
            "█ ",
            theme.highlight(a.colour).map_or(theme.text, |s| Style::new().fg(s.bg.unwrap_or_default())),
        );
        let quote = truncate_to_width(&format!("“{}”", a.selector.quote.replace('\n', " ")), width.saturating_sub(2));
        let style = if position == selected { theme.selected } else { theme.text };
        lines.push(Line::from(vec![swatch, Span::styled(quote, style)]));
        let mut about = Vec::new();
        if let Some(speaker) = &a.speaker {
            about.push(speaker.clone());
        }
        about.push(a.created.get(..10).unwrap_or(&a.created).to_owned());
        about.extend(a.tags.iter().map(|t| format!("#{t}")));
        if !a.note.is_empty() {
            about.push(a.note.replace('\n', " "));
        }
        let detail = truncate_to_width(&format!("  {}{status}", about.join(" · ")), width);
        lines.push(Line::styled(detail, if status.is_empty() { theme.dim } else { theme.error }));
    }
    if shown.is_empty() {
        lines.push(Line::styled(
            if state.notes.items.is_empty() {
                "no notes yet: select text with v, then enter"
            } else {
                "nothing matches"
            },
            theme.dim,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
