//! A number typed before a command in the reader, as in less: `50%` goes
//! halfway. The digits `1`–`3` also switch panes; typed in the reader they
//! do both, and a count they begin brings the focus back to the reader
//! when it goes on (`1` `0` `%` is 10%, `1` `j` moves in the library).

use super::keymap::{Key, KeyChord, Lookup, Scope};
use super::panes::focus;
use super::{Action, AppState, Command, Effect, Message, Pane};

/// Past 100% nothing is further: a long run of digits stays a small number.
const MAX_COUNT: u32 = 1_000_000;

/// Takes a key that is part of a count; `None` leaves it to the keymap.
pub(super) fn key(state: &mut AppState, scope: Scope, chord: KeyChord) -> Option<Vec<Effect>> {
    let KeyChord { key: Key::Char(c), ctrl: false, alt: false } = chord else { return None };
    let counting = state.count.is_some();
    if !state.pending_keys.is_empty() || !(scope == Scope::Reader || counting) {
        return None;
    }
    let Some(digit) = c.to_digit(10) else {
        // The count's command, after a digit that moved the focus away from the reader.
        if counting && state.focus != Pane::Reader {
            let Lookup::Command(command) = state.keymap.lookup(Scope::Reader, &[chord]) else { return None };
            if command == Command::GoPercent {
                focus(state, Pane::Reader);
                return Some(super::update::update(state, Action::Command(command)));
            }
        }
        return None;
    };
    if counting && state.focus != Pane::Reader {
        focus(state, Pane::Reader);
    }
    let count = state.count.unwrap_or(0).saturating_mul(10).saturating_add(digit).min(MAX_COUNT);
    let mut effects = Vec::new();
    // A first digit keeps its own meaning too (`3` focuses the speaker pane).
    if !counting && let Lookup::Command(command) = state.keymap.lookup(Scope::Reader, &[chord]) {
        effects = super::update::update(state, Action::Command(command));
    }
    state.count = Some(count);
    state.message = Some(Message { text: format!("{count}"), error: false });
    Some(effects)
}

/// The count typed before the command now being done (0 without one), and the end of it.
pub(super) fn take(state: &mut AppState) -> u32 {
    state.count.take().unwrap_or(0)
}
