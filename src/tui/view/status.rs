//! The status bar: mode, article, position, filter, messages, key hints; or
//! the prompt being typed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{AppState, Overlay, Pane, PromptKind};
use crate::document::display_path;
use crate::document::normalise::sanitise_line;
use crate::text::{display_width, truncate_to_width};
use crate::tui::theme::Theme;

/// What the status bar says of the open article: its name and place, the
/// search, its notes and the speaker filter.
fn facts(state: &AppState) -> Vec<String> {
    let mut facts: Vec<String> = Vec::new();
    // The index's first build takes a while: what waits for it (a list, a search) says why.
    if let Some(building) = super::search::progress(state) {
        facts.push(building);
    }
    if let Some(reader) = &state.reader {
        let name = reader.path.file_name().map(|n| display_path(std::path::Path::new(n))).unwrap_or_default();
        facts.push(name);
        facts.push(format!("{}%", reader.percent()));
        if state.reading_stdin() {
            let save = state.keymap.key(crate::app::keymap::Scope::Reader, crate::app::Command::SaveToLibrary);
            facts.push(format!("not saved ({save} saves it)"));
        }
        if let (Some(current), false) = (reader.search.current, reader.search.matches.is_empty()) {
            facts.push(format!("{}/{}", current + 1, reader.search.matches.len()));
        }
    }
    match (state.notes.items.len(), state.notes.orphan_count()) {
        (0, _) => {}
        (n, 0) => facts.push(format!("{n} note{}", if n == 1 { "" } else { "s" })),
        (n, orphans) => facts.push(format!("{n} notes ({orphans} need review)")),
    }
    if !state.notes.set_aside.is_empty() {
        facts.push(format!("{} set aside (A)", state.notes.set_aside.len()));
    }
    if state.notes.unsaveable().is_some() {
        facts.push("NOT SAVED".into());
    }
    if let Some(summary) = state.filter_summary() {
        facts.push(format!("filter: {summary}"));
    }
    facts
}

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    if let Overlay::Prompt(prompt) = &state.overlay {
        let lead = match prompt.kind {
            PromptKind::Search { backward: false } => "/",
            PromptKind::Search { backward: true } => "?",
            PromptKind::LibraryFilter => "filter: ",
            PromptKind::RenameSpeaker(_) => "rename to: ",
            PromptKind::MergeSpeaker(_) => "merge into: ",
            PromptKind::ReassignPassage(_) => "passage spoken by: ",
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
        (Overlay::Quoted, _) => " QUOTED ",
        _ => match state.focus {
            Pane::Library => " LIBRARY ",
            Pane::Reader if state.reader.as_ref().is_some_and(|r| r.selection.is_some()) => " VISUAL ",
            Pane::Reader => " READER ",
            Pane::Speakers => " SPEAKERS ",
        },
    };
    let facts = facts(state);
    let selecting = state.reader.as_ref().is_some_and(|r| r.selection.is_some())
        && state.focus == Pane::Reader
        && matches!(state.overlay, Overlay::None);
    if selecting && !state.message.as_ref().is_some_and(|m| m.error) {
        // While selecting, the bar is the colour legend: which key highlights in what, meaning what.
        let mut spans = vec![Span::styled(mode, theme.mode), Span::styled(" ", theme.status)];
        spans.extend(super::legend(state, theme));
        let hints: Vec<String> = state.hints().into_iter().map(|(keys, hint)| format!("{keys} {hint}")).collect();
        spans.push(Span::styled(format!(" {}", hints.join(" · ")), theme.status));
        frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status), area);
        return;
    }
    let hints = hints(state, width);
    let pending = (!state.pending_keys.is_empty()).then(|| {
        let keys: Vec<String> = state.pending_keys.iter().map(crate::app::keymap::KeyChord::label).collect();
        format!(
            " {} … (waiting for the next key; {} cancels)",
            keys.join(" "),
            state.keymap.key(state.scope(), crate::app::Command::Cancel)
        )
    });
    let middle = match (&pending, &state.message) {
        (Some(pending), _) => Span::styled(pending.clone(), theme.status),
        (None, message) => match message {
            Some(message) => {
                Span::styled(format!(" {}", message.text), if message.error { theme.error } else { theme.status })
            }
            None => Span::styled(format!(" {}", facts.join(" · ")), theme.status),
        },
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

/// The key hints at the right of the bar, from the keymap in use: help and
/// quit by their first key, always; the scope's own hints (all their keys)
/// while the bar keeps at least half its width for the facts.
fn hints(state: &AppState, width: usize) -> String {
    let (general, own): (Vec<_>, Vec<_>) =
        state.hints().into_iter().partition(|(_, hint)| hint == "help" || hint == "quit");
    let general: Vec<String> = general
        .into_iter()
        .map(|(keys, hint)| format!("{} {hint}", keys.split('/').next().unwrap_or_default()))
        .collect();
    let mut shown: Vec<String> = Vec::new();
    let mut used = general.iter().map(|h| display_width(h) + 2).sum::<usize>() + 2;
    for (keys, hint) in own {
        let text = format!("{keys} {hint}");
        used += display_width(&text) + 2;
        if used > width / 2 {
            break;
        }
        shown.push(text);
    }
    shown.extend(general);
    format!(" {} ", shown.join("  "))
}
