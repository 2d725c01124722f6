//! The status bar: mode, article, position, filter, messages, key hints; or
//! the prompt being typed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::keymap::Scope;
use crate::app::{AppState, Overlay, Pane, PromptKind};
use crate::document::display_path;
use crate::document::normalise::sanitise_line;
use crate::text::{display_width, truncate_to_width};
use crate::tui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    if let Overlay::Prompt(prompt) = &state.overlay {
        let lead = match prompt.kind {
            PromptKind::Search { backward: false } => "/",
            PromptKind::Search { backward: true } => "?",
            PromptKind::LibraryFilter => "filter: ",
        };
        let text = format!("{lead}{}█", sanitise_line(&prompt.text));
        frame.render_widget(
            Paragraph::new(Line::styled(truncate_to_width(&text, width), theme.status)).style(theme.status),
            area,
        );
        return;
    }
    let mode = match (&state.overlay, state.loading.is_some()) {
        (Overlay::Help { .. }, _) => " HELP ",
        (_, true) if state.reader.as_ref().is_some_and(|r| r.preview.is_some()) => " INDEXING ",
        (_, true) => " LOADING ",
        (Overlay::Editor(_), _) => " NOTE ",
        (Overlay::NotesList { .. }, _) => " NOTES ",
        _ => match state.focus {
            Pane::Library => " LIBRARY ",
            Pane::Reader if state.reader.as_ref().is_some_and(|r| r.selection.is_some()) => " VISUAL ",
            Pane::Reader => " READER ",
            Pane::Speakers => " SPEAKERS ",
        },
    };
    let mut facts: Vec<String> = Vec::new();
    if let Some(reader) = &state.reader {
        let name = reader.path.file_name().map(|n| display_path(std::path::Path::new(n))).unwrap_or_default();
        facts.push(name);
        facts.push(format!("{}%", reader.percent()));
        if let (Some(current), false) = (reader.search.current, reader.search.matches.is_empty()) {
            facts.push(format!("{}/{}", current + 1, reader.search.matches.len()));
        }
    }
    match (state.notes.items.len(), state.notes.orphan_count()) {
        (0, _) => {}
        (n, 0) => facts.push(format!("{n} note{}", if n == 1 { "" } else { "s" })),
        (n, orphans) => facts.push(format!("{n} notes ({orphans} need review)")),
    }
    if let Some(summary) = state.filter_summary() {
        facts.push(format!("filter: {summary}"));
    }
    let selecting = state.reader.as_ref().is_some_and(|r| r.selection.is_some())
        && state.focus == Pane::Reader
        && matches!(state.overlay, Overlay::None);
    if selecting && !state.message.as_ref().is_some_and(|m| m.error) {
        // While selecting, the bar is the colour legend: which key highlights in what, meaning what.
        let mut spans = vec![Span::styled(mode, theme.mode), Span::styled(" ", theme.status)];
        spans.extend(super::legend(state, theme));
        spans.push(Span::styled(" n note · esc cancel", theme.status));
        frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status), area);
        return;
    }
    let help_keys = state.keymap.keys_for(state.focus.scope(), "help");
    let quit_keys = state.keymap.keys_for(Scope::Global, "quit");
    let hints = format!(
        " {} help  {} quit ",
        help_keys.first().map_or("f1", String::as_str),
        quit_keys.first().map_or("q", String::as_str)
    );
    let middle = match &state.message {
        Some(message) => {
            Span::styled(format!(" {}", message.text), if message.error { theme.error } else { theme.status })
        }
        None => Span::styled(format!(" {}", facts.join(" · ")), theme.status),
    };
    let room = width.saturating_sub(display_width(mode) + display_width(&hints));
    let middle_text = truncate_to_width(&middle.content, room);
    let fill = " ".repeat(room.saturating_sub(display_width(&middle_text)));
    let line = Line::from(vec![
        Span::styled(mode, theme.mode),
        Span::styled(middle_text, middle.style),
        Span::styled(fill, theme.status),
        Span::styled(
            if width > display_width(mode) + display_width(&hints) { hints } else { String::new() },
            theme.status,
        ),
    ]);
    frame.render_widget(Paragraph::new(line).style(theme.status), area);
}
