//! Never losing a note: quitting with changes that cannot be saved asks
//! first, and a recovery file takes them; notes the sidecar could not read
//! are told about and kept.

use super::keymap::{Key, KeyChord};
use super::{AppState, Effect, Message, annotate, opening};

/// Quitting: unsaved notes are written first. When they cannot be (the
/// sidecar is unreadable or the last save failed), a quit the user asked
/// for asks what to do; one from a signal writes a recovery file.
pub fn quit(state: &mut AppState, ask: bool) -> Vec<Effect> {
    opening::remember_position(state);
    if let Some(problem) = state.notes.unsaveable().map(str::to_owned) {
        if ask {
            state.overlay = super::Overlay::ConfirmQuit;
            state.message = Some(Message {
                text: format!(
                    "notes not saved. y: write them to a recovery file and quit · n: quit without them · esc: stay ({problem})"
                ),
                error: true,
            });
            return Vec::new();
        }
        return leave(state, true);
    }
    state.quit = true;
    let mut effects = annotate::save_on_leave(state);
    effects.extend([Effect::SavePositions(state.positions.clone()), Effect::Quit]);
    effects
}

/// The answer to "notes not saved".
pub fn confirm_key(state: &mut AppState, chord: KeyChord) -> Vec<Effect> {
    state.overlay = super::Overlay::None;
    match chord.key {
        Key::Char('y' | 'Y' | 'w' | 'W') | Key::Enter => leave(state, true),
        Key::Char('n' | 'N') => leave(state, false),
        _ => {
            state.message = Some(Message { text: "not quitting: the notes are kept in memory".into(), error: false });
            Vec::new()
        }
    }
}

fn leave(state: &mut AppState, recover: bool) -> Vec<Effect> {
    state.quit = true;
    let mut effects = Vec::new();
    if !recover {
        // Let go of on purpose: nothing is waiting to be written any more.
        state.notes.dirty = false;
    }
    if recover && let Some(reader) = state.reader.as_ref() {
        effects.push(Effect::WriteRecovery {
            path: reader.path.clone(),
            title: reader.doc.meta.title.clone(),
            mine: state.notes.to_save(&reader.doc.text),
        });
    }
    effects.extend([Effect::SavePositions(state.positions.clone()), Effect::Quit]);
    effects
}

/// The notes of the sidecar set aside, as an article opens or its notes are saved.
pub fn set_aside(state: &mut AppState, set_aside: Vec<String>, tell: bool) {
    if tell && let Some(first) = set_aside.first() {
        let count = if set_aside.len() == 1 { "1 note".to_owned() } else { format!("{} notes", set_aside.len()) };
        state.message =
            Some(Message { text: format!("{count} set aside for review (A lists them): {first}"), error: true });
    }
    state.notes.set_aside = set_aside;
}
