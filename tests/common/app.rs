//! Building an [`AppState`] the way the shell does, without a terminal or threads.

use std::path::{Path, PathBuf};

use gloss::app::keymap::{KeyChord, Keymap};
use gloss::app::library::Entry;
use gloss::app::{Action, AppState, Effect, update};
use gloss::config::settings::Settings;
use gloss::config::{self, Location};
use gloss::document::{display_path, relative_path};
use gloss::library::{self, ArticleMeta};

/// Where the library at `path` is. The bundled library is copied first, so
/// that notes and reading positions written by a test never touch the repository.
pub fn location(path: &Path) -> Location {
    if path == assets() {
        let copy = super::bundled_library_copy();
        return config::locate(Some(Path::new("assets")), &copy).expect("locate");
    }
    config::locate(Some(path), &super::repo()).expect("locate")
}

/// A state for the library at `path`, metadata read, at `size`.
pub fn app(path: &Path, size: (u16, u16)) -> (AppState, Location) {
    let location = location(path);
    let paths = library::discover(&location.library).expect("discover");
    let entries =
        paths.iter().map(|p| Entry::unread(p.clone(), display_path(&relative_path(&location.root, p)))).collect();
    let (keymap, _) = Keymap::load(None);
    let mut state = AppState::new(entries, Settings::default(), keymap, size);
    let metas = paths.iter().enumerate().map(|(i, p)| (i, ArticleMeta::read(p, u64::MAX))).collect();
    update(&mut state, Action::MetaLoaded(metas));
    (state, location)
}

/// Runs effects the way the shell would: loads synchronously, ignores saving.
pub fn run(state: &mut AppState, location: &Location, effects: Vec<Effect>) {
    for effect in effects {
        match effect {
            Effect::Load(path) => {
                let loaded = gloss::tui::load_with_notes(path, location);
                let more = update(state, Action::ArticleLoaded(Box::new(loaded)));
                run(state, location, more);
            }
            Effect::SaveNotes { path, title, base, mine, position, fingerprint } => {
                let result = gloss::tui::save_notes(location, &path, &title, (&base, &mine), (position, &fingerprint));
                let more = update(state, Action::NotesSaved(Box::new(gloss::app::Saved { path, result })));
                run(state, location, more);
            }
            Effect::CountMatches { doc, query } => {
                let matches = gloss::app::reader::find_all(&doc.0.text, &query);
                let more = update(state, Action::MatchesCounted(query, matches));
                run(state, location, more);
            }
            Effect::LoadLibraryNotes => {
                let paths: Vec<_> = state.library.entries.iter().map(|e| e.path.clone()).collect();
                let notes = gloss::tui::read_library_notes(location, &paths);
                let more = update(state, Action::LibraryNotesLoaded(notes));
                run(state, location, more);
            }
            _ => {}
        }
    }
}

/// Sends an action and carries out its effects.
pub fn act(state: &mut AppState, location: &Location, action: Action) {
    let effects = update(state, action);
    run(state, location, effects);
}

/// Presses keys written as in keymap files, separated by spaces: `"j j ctrl-d"`.
pub fn keys(state: &mut AppState, location: &Location, keys: &str) {
    for key in keys.split(' ').filter(|k| !k.is_empty()) {
        let chord = KeyChord::parse(key).unwrap_or_else(|| panic!("bad key {key}"));
        act(state, location, Action::Key(chord));
    }
}

/// Types text into an open prompt, character by character.
pub fn type_text(state: &mut AppState, location: &Location, text: &str) {
    for c in text.chars() {
        act(state, location, Action::Input(c));
    }
}

/// Opens the article whose file name is `name` from the library pane.
pub fn open(state: &mut AppState, location: &Location, name: &str) {
    let position = state
        .library
        .order
        .iter()
        .position(|i| state.library.entries[*i].path.file_name().is_some_and(|n| n == name))
        .unwrap_or_else(|| panic!("{name} not in library"));
    state.library.selected = position;
    state.library.pinned_top = false;
    act(state, location, Action::FocusLibrary);
    act(state, location, Action::Open);
    assert!(state.reader.as_ref().is_some_and(|r| r.path.file_name().is_some_and(|n| n == name)), "{name} opened");
}

pub fn assets() -> PathBuf {
    super::repo().join("assets")
}
