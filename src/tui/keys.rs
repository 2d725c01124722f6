//! Terminal events to actions: crossterm's key and mouse events become the
//! app's [`KeyChord`]s and [`Action`]s.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};

use crate::app::Action;
use crate::app::keymap::{Key, KeyChord};

/// The chord for a key event, if gloss has a name for the key.
#[must_use]
pub fn chord(event: &KeyEvent) -> Option<KeyChord> {
    let key = match event.code {
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::F(n) => Key::F(n),
        _ => return None,
    };
    Some(KeyChord {
        key,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        alt: event.modifiers.contains(KeyModifiers::ALT),
    })
}

/// Whether this is Ctrl-Z, which the shell handles by suspending.
#[must_use]
pub fn is_suspend(event: &KeyEvent) -> bool {
    event.code == KeyCode::Char('z') && event.modifiers.contains(KeyModifiers::CONTROL)
}

/// Two clicks on one cell within this time are a double click.
const DOUBLE_CLICK: std::time::Duration = std::time::Duration::from_millis(400);

/// Remembers the last click, to tell a double click from two clicks.
#[derive(Default)]
pub struct Clicks {
    last: Option<(u16, u16, std::time::Instant)>,
}

impl Clicks {
    /// As [`action`], turning a second click on the same cell soon after the
    /// first into [`Action::DoubleClick`] (a third click starts again).
    pub fn action(&mut self, event: &Event, now: std::time::Instant) -> Option<Action> {
        let action = action(event)?;
        let Action::Click(column, row) = action else { return Some(action) };
        if let Some((c, r, at)) = self.last.take()
            && (c, r) == (column, row)
            && now.duration_since(at) <= DOUBLE_CLICK
        {
            return Some(Action::DoubleClick(column, row));
        }
        self.last = Some((column, row, now));
        Some(action)
    }
}

/// The action for a terminal event, if any.
#[must_use]
pub fn action(event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => chord(key).map(Action::Key),
        Event::Resize(width, height) => Some(Action::Resize(*width, *height)),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(mouse.column, mouse.row)),
            MouseEventKind::Drag(MouseButton::Left) => Some(Action::Drag(mouse.column, mouse.row)),
            MouseEventKind::ScrollDown => Some(Action::Scroll(mouse.column, mouse.row, 3)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(mouse.column, mouse.row, -3)),
            _ => None,
        },
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{MouseEvent, MouseEventKind};
    use std::time::{Duration, Instant};

    fn click(column: u16, row: u16) -> Event {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    }

    #[test]
    fn a_second_click_on_the_same_cell_soon_after_is_a_double_click() {
        let t = Instant::now();
        let cases: &[(&[(u16, u16, u64)], Action)] = &[
            (&[(3, 4, 0), (3, 4, 200)], Action::DoubleClick(3, 4)),
            (&[(3, 4, 0), (3, 4, 900)], Action::Click(3, 4)),
            (&[(3, 4, 0), (5, 4, 100)], Action::Click(5, 4)),
            (&[(3, 4, 0), (3, 4, 100), (3, 4, 200)], Action::Click(3, 4)),
        ];
        for (clicks, want) in cases {
            let mut tracker = Clicks::default();
            let mut got = None;
            for (c, r, ms) in *clicks {
                got = tracker.action(&click(*c, *r), t + Duration::from_millis(*ms));
            }
            assert_eq!(format!("{got:?}"), format!("{:?}", Some(want)), "{clicks:?}");
        }
    }
}
