//! The help overlay, generated from the Action vocabulary and the active keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::app::keymap::Scope;
use crate::app::{Action, AppState};
use crate::text::{display_width, truncate_to_width};
use crate::tui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect, scroll: u16) {
    let width = area.width.saturating_sub(4).min(78);
    let height = area.height.saturating_sub(2);
    let popup = Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height);
    frame.render_widget(Clear, popup);
    let block =
        Block::bordered().title(" Help: keys (j/k scroll, any other key closes) ").border_style(theme.border_focused);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let key_width = 18;
    let mut lines: Vec<Line> = Vec::new();
    for (scope, heading) in [
        (Scope::Global, "Everywhere"),
        (Scope::Library, "Library"),
        (Scope::Reader, "Reader"),
        (Scope::Speakers, "Speakers"),
    ] {
        lines.push(Line::styled(heading, theme.heading));
        for action in Action::BINDABLE {
            let Some(name) = action.name() else { continue };
            let keys = state.keymap.keys_in(scope, name);
            if keys.is_empty() {
                continue;
            }
            let keys = truncate_to_width(&keys.join(", "), key_width);
            let pad = " ".repeat(key_width.saturating_sub(display_width(&keys)));
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys}{pad} "), theme.title),
                Span::styled(action.help(), theme.text),
            ]));
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::styled(
        "Highlight colours (while selecting; meanings set in [highlights] of config.toml)",
        theme.heading,
    ));
    let mut legend = vec![Span::raw("  ")];
    legend.extend(super::legend(state, theme));
    lines.push(Line::from(legend));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
