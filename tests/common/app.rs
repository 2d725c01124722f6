//! Building an [`AppState`] the way the shell does, and carrying out its
//! effects with the shell's own `perform`, without a terminal or threads.

use std::path::{Path, PathBuf};

use gloss::app::Command;
use gloss::app::keymap::{KeyChord, Keymap};
use gloss::app::library::Entry;
use gloss::app::{Action, AppState, Effect, update};
use gloss::config::settings::Settings;
use gloss::config::{self, Location};
use gloss::document::{display_path, relative_path};
use gloss::library::{self, ArticleMeta};
use gloss::perform::{Env, perform_all};

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

/// Carries out effects through the same [`gloss::perform::perform`] the
/// shell runs on its worker threads, synchronously, feeding every result
/// back to `update`. Reading positions are not written: no positions file.
pub fn run(state: &mut AppState, location: &Location, effects: Vec<Effect>) {
    let env = Env { location: location.clone(), positions_file: None };
    for effect in effects {
        for action in perform_all(effect, &env) {
            let more = update(state, action);
            run(state, location, more);
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
    act(state, location, Action::Command(Command::FocusLibrary));
    act(state, location, Action::Command(Command::Open));
    assert!(state.reader.as_ref().is_some_and(|r| r.path.file_name().is_some_and(|n| n == name)), "{name} opened");
}

pub fn assets() -> PathBuf {
    super::repo().join("assets")
}
