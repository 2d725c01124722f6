//! The help overlay, generated from the commands and the keymap in use:
//! every scope, the overlays' too, over the terminal's whole width (two
//! columns when there is room for them).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::app::keymap::Scope;
use crate::app::{AppState, Command};
use crate::text::{display_width, truncate_to_width};
use crate::tui::theme::Theme;

/// Inner widths from which help is laid out in two columns (each wide
/// enough for the longest line: keys and about 90 columns of help).
const TWO_COLUMNS: u16 = 230;

/// The heading of each scope's section, in help order.
fn heading(scope: Scope) -> &'static str {
    match scope {
        Scope::Global => "Everywhere",
        Scope::Library => "Library",
        Scope::Reader => "Reader",
        Scope::Speakers => "Speakers",
        Scope::Visual => "While selecting (after v or V)",
        Scope::Editor => "Note editor (other keys type)",
        Scope::Tags => "Tags editor",
        Scope::Notes => "Notes list (other keys filter)",
        Scope::LibraryNotes => "Library notes list (other keys filter)",
        Scope::Prompt => "Search and filter prompts (other keys type)",
    }
}

/// Each scope's bindings: (keys as written, help) per command bound there.
fn sections(state: &AppState) -> Vec<(Scope, Vec<(String, &'static str)>)> {
    Scope::ALL
        .iter()
        .map(|&(scope, _)| {
            let rows = Command::ALL
                .iter()
                .filter_map(|&command| {
                    let keys = state.keymap.keys_in(scope, command);
                    (!keys.is_empty()).then(|| (keys.join(", "), command.help()))
                })
                .collect();
            (scope, rows)
        })
        .filter(|(_, rows): &(Scope, Vec<_>)| !rows.is_empty())
        .collect()
}

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect, scroll: u16) {
    let width = area.width.saturating_sub(4).max(area.width.min(4));
    // A row of the panes shows above and below: the pop-up's border never
    // lies against theirs.
    let height = area.height.saturating_sub(4);
    let popup = Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height);
    frame.render_widget(Clear, popup);
    let keys = &state.keymap;
    let title = format!(
        " Help: keys ({}/{} scroll, any other key closes) ",
        keys.key(Scope::Reader, Command::MoveDown),
        keys.key(Scope::Reader, Command::MoveUp)
    );
    let block = Block::bordered().title(title).border_style(theme.border_focused);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let sections = sections(state);
    let columns = if inner.width >= TWO_COLUMNS { 2 } else { 1 };
    let column_width = inner.width / columns;
    // Keys take what their longest entry needs, up to a quarter of a column (18 on a small screen).
    let longest = sections.iter().flat_map(|(_, rows)| rows.iter().map(|(k, _)| display_width(k))).max();
    let key_width = longest.unwrap_or(0).min(usize::from(column_width / 4).max(18));
    let mut section_lines: Vec<Vec<Line>> = sections
        .iter()
        .map(|(scope, rows)| {
            let mut lines = vec![Line::styled(heading(*scope), theme.heading)];
            for (keys, help) in rows {
                let keys = truncate_to_width(keys, key_width);
                let pad = " ".repeat(key_width.saturating_sub(display_width(&keys)));
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys}{pad} "), theme.title),
                    Span::styled(*help, theme.text),
                ]));
            }
            lines.push(Line::from(""));
            lines
        })
        .collect();
    let mut legend = vec![Span::raw("  ")];
    legend.extend(super::legend(state, theme));
    section_lines.push(vec![
        Line::styled("Highlight colours (while selecting; meanings set in [highlights] of config.toml)", theme.heading),
        Line::from(legend),
    ]);
    // Whole sections to each column, the first filled to about half the lines.
    let total: usize = section_lines.iter().map(Vec::len).sum();
    let mut left: Vec<Line> = Vec::new();
    let mut right: Vec<Line> = Vec::new();
    for lines in section_lines {
        if columns == 2 && left.len() >= total.div_ceil(2) {
            right.extend(lines);
        } else {
            left.extend(lines);
        }
    }
    let left_area = Rect::new(inner.x, inner.y, column_width, inner.height);
    frame.render_widget(Paragraph::new(left).scroll((scroll, 0)), left_area);
    if columns == 2 {
        let right_area = Rect::new(inner.x + column_width, inner.y, inner.width - column_width, inner.height);
        frame.render_widget(Paragraph::new(right).scroll((scroll, 0)), right_area);
    }
}
