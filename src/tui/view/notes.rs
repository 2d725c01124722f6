//! Note overlays: the editor for a note or tags, and the list of an article's notes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::anchor::Resolution;
use crate::app::keymap::Scope;
use crate::app::{AppState, Command, Editor, EditorKind};
use crate::document::normalise::sanitise_line;
use crate::sidecar::Annotation;
use crate::text::truncate_to_width;
use crate::tui::theme::Theme;

fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height)
}

/// The editor: the text with a visible cursor, wrapped, with its keys in the title.
pub fn editor(state: &AppState, editor: &Editor, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (name, height) = match editor.kind {
        EditorKind::Note => ("Note", 14),
        EditorKind::Tags => ("Tags (spaces between)", 3),
    };
    let title = format!(" {name} · {} ", hints(state));
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

/// The keys of the overlay in use and what they do, from the keymap: `ctrl-s save · esc/ctrl-c cancel`.
fn hints(state: &AppState) -> String {
    state.hints().into_iter().map(|(keys, hint)| format!("{keys} {hint}")).collect::<Vec<_>>().join(" · ")
}

/// One note as a list shows it.
struct ListRow<'a> {
    annotation: &'a Annotation,
    needs_review: bool,
    /// The article, in the library-wide list.
    article: Option<&'a str>,
}

/// The notes list: quote, note, tags, colour and its meaning, speaker, date; orphans marked.
pub fn list(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect, filter: &str, selected: usize) {
    let shown = crate::app::filtered_notes(state, filter);
    let speakers = state.filter_summary().map(|s| format!(" · speaker filter: {s}")).unwrap_or_default();
    let title = format!(
        " Notes {}/{}{speakers} · type to filter (#tag @speaker colour review) · {} ",
        shown.len(),
        state.notes.items.len(),
        hints(state)
    );
    let rows: Vec<ListRow> = shown
        .iter()
        .map(|&i| {
            let r = &state.notes.items[i];
            ListRow { annotation: &r.annotation, needs_review: r.resolution == Resolution::Orphaned, article: None }
        })
        .collect();
    let no_notes = format!(
        "no notes yet: select text with {}, then {}",
        state.keymap.key(Scope::Reader, Command::Visual),
        state.keymap.key(Scope::Visual, Command::HighlightYellow)
    );
    let empty = match (state.notes.items.is_empty(), state.notes.set_aside.is_empty()) {
        (true, true) => no_notes.as_str(),
        (true, false) => "no other notes",
        _ => "nothing matches",
    };
    render_list(state, theme, frame, area, (&title, filter, selected), (&rows, &state.notes.set_aside), empty);
}

/// The notes of the whole library, each with its article.
pub fn library_list(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect, filter: &str, selected: usize) {
    let Some(all) = &state.library_notes else {
        let popup = centred(area, 40, 3);
        frame.render_widget(Clear, popup);
        frame.render_widget(Paragraph::new("reading notes…").block(Block::bordered()), popup);
        return;
    };
    let shown = crate::app::library_notes::filtered(state, filter);
    let title = format!(
        " All notes {}/{} · type to filter (#tag @speaker colour title) · {} ",
        shown.len(),
        all.len(),
        hints(state)
    );
    let rows: Vec<ListRow> = shown
        .iter()
        .map(|&i| ListRow { annotation: &all[i].annotation, needs_review: false, article: Some(&all[i].title) })
        .collect();
    let empty = if all.is_empty() { "no notes in this library yet" } else { "nothing matches" };
    render_list(state, theme, frame, area, (&title, filter, selected), (&rows, &[]), empty);
}

fn render_list(
    state: &AppState,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    (title, filter, selected): (&str, &str, usize),
    (rows, set_aside): (&[ListRow], &[String]),
    empty: &str,
) {
    let popup = centred(area, area.width.saturating_sub(6).min(110), area.height.saturating_sub(4));
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(sanitise_line(title).into_owned()).border_style(theme.border_focused);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let width = usize::from(inner.width);
    let mut lines = vec![Line::styled(format!("filter: {}█", sanitise_line(filter)), theme.dim)];
    // Notes the sidecar could not read come first, with where they are and
    // what is wrong, so they are fixed rather than forgotten.
    let aside_rows = set_aside.len().min(usize::from(inner.height.saturating_sub(1)) / 2);
    for problem in &set_aside[..aside_rows] {
        lines.push(Line::styled(truncate_to_width(&format!("⚠ {}", sanitise_line(problem)), width), theme.error));
    }
    let visible = usize::from(inner.height.saturating_sub(1)).saturating_sub(aside_rows) / 2;
    let first = selected.saturating_sub(visible.saturating_sub(1));
    for (position, row) in rows.iter().enumerate().skip(first).take(visible) {
        let a = row.annotation;
        let status = if row.needs_review { " NEEDS REVIEW" } else { "" };
        let swatch = match theme.highlight_letter(a.colour) {
            Some(letter) => Span::styled(format!("{letter} "), theme.heading),
            None => Span::styled(
                "█ ",
                theme.highlight(a.colour).map_or(theme.text, |s| Style::new().fg(s.bg.unwrap_or_default())),
            ),
        };
        let quote = sanitise_line(&a.selector.quote.replace('\n', " ")).into_owned();
        let quote = truncate_to_width(&format!("“{quote}”"), width.saturating_sub(2));
        let style = if position == selected { theme.selected } else { theme.text };
        lines.push(Line::from(vec![swatch, Span::styled(quote, style)]));
        let mut about = Vec::new();
        if let Some(article) = row.article {
            about.push(article.to_owned());
        }
        about.push(state.settings.meaning(a.colour).to_owned());
        if let Some(speaker) = &a.speaker {
            about.push(speaker.clone());
        }
        about.push(a.created.get(..10).unwrap_or(&a.created).to_owned());
        about.extend(a.tags.iter().map(|t| format!("#{t}")));
        if !a.note.is_empty() {
            about.push(a.note.replace('\n', " "));
        }
        let detail = sanitise_line(&format!("  {}{status}", about.join(" · "))).into_owned();
        let detail = truncate_to_width(&detail, width);
        lines.push(Line::styled(detail, if status.is_empty() { theme.dim } else { theme.error }));
    }
    if rows.is_empty() {
        lines.push(Line::styled(empty.to_owned(), theme.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
