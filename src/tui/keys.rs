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
