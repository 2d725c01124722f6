//! The library-wide notes list: every note of every article, filtered like
//! an article's list; `Enter` opens the article at the note.

use super::annotate::{filter_words, note_matches};
use super::{AppState, Command, Effect, Overlay};

/// Indexes into [`AppState::library_notes`] of the notes matching `filter`.
#[must_use]
pub fn filtered(state: &AppState, filter: &str) -> Vec<usize> {
    let words = filter_words(filter);
    let Some(notes) = &state.library_notes else { return Vec::new() };
    (0..notes.len())
        .filter(|&i| {
            let note = &notes[i];
            let meaning = state.settings.meaning(note.annotation.colour);
            // The article's title is one more thing to filter by.
            note_matches(&note.annotation, false, meaning, &words)
                || words.iter().all(|w| note.title.to_lowercase().contains(w.as_str()))
        })
        .collect()
}

/// Commands while the library-wide list is open; `None` for those it
/// leaves to the app (quitting). Typed text arrives as input: the filter.
pub fn list_command(state: &mut AppState, command: Command) -> Option<Vec<Effect>> {
    let Overlay::LibraryNotes { filter, selected } = &mut state.overlay else { return None };
    if !super::annotate::list_typing(filter, selected, command) {
        match command {
            Command::Cancel => state.overlay = Overlay::None,
            Command::Open => {
                let (filter, selected) = (filter.clone(), *selected);
                state.overlay = Overlay::None;
                let chosen = filtered(state, &filter).get(selected).copied();
                let Some(note) = chosen.and_then(|i| state.library_notes.as_ref().map(|n| n[i].clone())) else {
                    return Some(Vec::new());
                };
                state.pending_note = Some(note.annotation.id.clone());
                return Some(super::opening::open_path(state, note.article));
            }
            Command::Quit => return None,
            _ => {}
        }
    }
    if let Overlay::LibraryNotes { filter, selected } = &state.overlay {
        let last = filtered(state, filter).len().saturating_sub(1);
        let clamped = (*selected).min(last);
        if let Overlay::LibraryNotes { selected, .. } = &mut state.overlay {
            *selected = clamped;
        }
    }
    Some(Vec::new())
}
