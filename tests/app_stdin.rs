//! Text from standard input in the reader, as sequences of actions: notes,
//! corrections and the editor are refused with a message that says how to
//! save the text; `S` writes it into the library (never over a file) and the
//! reader turns to that file, where notes then work; nothing of it is
//! remembered as a reading position. And `y` with `osc52 = false`.

mod common;
#[path = "common/pdf.rs"]
mod pdf;

use std::path::Path;
use std::sync::Arc;

use common::app::{act, app, keys, run};
use gloss::app::stdin::{Piped, STDIN_NAME, SharedBytes};
use gloss::app::{Action, AppState, Command, Effect, update};
use gloss::config::Location;
use gloss::document::{Document, Format};
use gloss::sidecar::Sidecar;

const TALK: &str = "Harbour Hour 港の話\n\nHOST: The ferry to Skerry runs at six 🎙, they tell me.\n\nGUEST: And back at nine, if the tide allows it.\n";

fn piped(bytes: &[u8]) -> Piped {
    let mut doc = Document::from_bytes(bytes.to_vec(), Path::new(STDIN_NAME)).unwrap();
    if doc.meta.title.is_empty() {
        STDIN_NAME.clone_into(&mut doc.meta.title);
    }
    let attribution = gloss::speaker::detect(&doc);
    Piped {
        doc: Arc::new(doc),
        attribution: Arc::new(attribution),
        bytes: SharedBytes(Arc::new(bytes.to_vec())),
        format: Format::of_bytes(bytes),
    }
}

/// A library folder holding one article, with `bytes` read from standard input open in the reader.
fn reading(bytes: &[u8]) -> (tempfile::TempDir, AppState, Location) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("other.txt"), "Other\n\nHOST: Another evening.\n").unwrap();
    let (mut state, location) = app(dir.path(), (100, 30));
    act(&mut state, &location, Action::Clock("2026-11-23T12:00:00Z".into(), 42));
    act(&mut state, &location, Action::OpenStdin(Box::new(piped(bytes))));
    (dir, state, location)
}

fn message(state: &AppState) -> String {
    state.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

fn cursor_on(state: &mut AppState, word: &str) {
    let reader = state.reader.as_mut().unwrap();
    reader.cursor = reader.doc.text.find(word).unwrap();
}

#[test]
fn standard_input_opens_in_the_reader() {
    let (_dir, state, _) = reading(TALK.as_bytes());
    let reader = state.reader.as_ref().expect("the reader is open");
    assert_eq!(reader.path, Path::new(STDIN_NAME));
    assert!(reader.doc.text.contains("runs at six 🎙"));
    assert!(state.reading_stdin());
    assert!(message(&state).contains("S saves it into the library"), "{}", message(&state));
}

#[test]
fn notes_corrections_and_the_editor_are_refused_with_how_to_save() {
    let (dir, mut state, location) = reading(TALK.as_bytes());
    cursor_on(&mut state, "ferry");
    // `v` selects (to copy) and says at once that notes need a file.
    let effects = update(&mut state, Action::Command(Command::Visual));
    assert!(effects.is_empty());
    assert!(state.reader.as_ref().unwrap().selection.is_some());
    assert!(message(&state).contains("notes need a file: press S to save this text into the library"));
    let cases: &[(Command, &str)] = &[
        (Command::WordForward, ""),
        (Command::HighlightYellow, "notes need a file: press S"),
        (Command::HighlightPurple, "notes need a file: press S"),
        (Command::NoteSelection, "notes need a file: press S"),
        (Command::EditNote, "notes need a file: press S"),
        (Command::EditTags, "notes need a file: press S"),
        (Command::CycleColour, "notes need a file: press S"),
        (Command::DeleteAnnotation, "notes need a file: press S"),
        (Command::Undo, "notes need a file: press S"),
        (Command::ReassignPassage, "speaker corrections need a file: press S"),
        (Command::RenameSpeaker, "speaker corrections need a file: press S"),
        (Command::MergeSpeaker, "speaker corrections need a file: press S"),
        (Command::UndoCorrection, "speaker corrections need a file: press S"),
        (Command::EditArticle, "standard input has no file to edit: press S"),
    ];
    for (command, want) in cases {
        state.message = None;
        let effects = update(&mut state, Action::Command(*command));
        assert!(effects.is_empty(), "{command:?}: {effects:?}");
        assert!(message(&state).contains(want), "{command:?}: {}", message(&state));
        assert!(state.message.as_ref().is_none_or(|m| want.is_empty() || m.error), "{command:?} is an error");
    }
    assert!(state.notes.items.is_empty());
    assert_eq!(state.overlay, gloss::app::Overlay::None, "no prompt or editor opened");
    // The keys, as typed, say the same.
    state.message = None;
    keys(&mut state, &location, "esc esc v w 1");
    assert!(message(&state).contains("notes need a file"), "{}", message(&state));
    // Nothing was written anywhere: no sidecar, no file.
    assert!(!dir.path().join("annotations").exists());
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["other.txt"]);
}

#[test]
fn copying_still_works_on_standard_input() {
    let (_dir, mut state, _) = reading(TALK.as_bytes());
    cursor_on(&mut state, "ferry");
    let effects = update(&mut state, Action::Command(Command::Yank));
    let [Effect::Copy(text)] = effects.as_slice() else { panic!("{effects:?}") };
    assert!(text.contains("runs at six 🎙") && text.ends_with("— Host, “Harbour Hour 港の話”"), "{text:?}");
}

#[test]
fn no_reading_position_is_kept_for_standard_input() {
    let (_dir, mut state, _) = reading(TALK.as_bytes());
    update(&mut state, Action::Command(Command::GoBottom));
    let effects = update(&mut state, Action::Command(Command::Quit));
    assert!(effects.contains(&Effect::Quit));
    for effect in &effects {
        assert!(!matches!(effect, Effect::SaveNotes { .. }), "{effect:?}");
        if let Effect::SavePositions(positions) = effect {
            assert!(positions.is_empty(), "{positions:?}");
        }
    }
    assert!(state.positions.is_empty());
}

#[test]
fn s_saves_into_the_library_and_notes_work_on_the_file() {
    let (dir, mut state, location) = reading(TALK.as_bytes());
    // The name is taken: the new file must not replace it.
    std::fs::write(dir.path().join("harbour-hour-港の話.txt"), "someone else's").unwrap();
    let effects = update(&mut state, Action::Command(Command::SaveToLibrary));
    let [Effect::SaveToLibrary { title, extension, bytes }] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!((title.as_str(), *extension), ("Harbour Hour 港の話", "txt"));
    assert_eq!(bytes.0.as_slice(), TALK.as_bytes());
    // A second press while the first is being written does not write twice.
    assert!(update(&mut state, Action::Command(Command::SaveToLibrary)).is_empty());
    run(&mut state, &location, effects);

    let saved = dir.path().join("harbour-hour-港の話-2.txt");
    assert_eq!(std::fs::read_to_string(&saved).unwrap(), TALK);
    assert_eq!(std::fs::read_to_string(dir.path().join("harbour-hour-港の話.txt")).unwrap(), "someone else's");
    assert!(!state.reading_stdin());
    assert_eq!(state.reader.as_ref().unwrap().path, saved);
    assert!(message(&state).contains("saved as harbour-hour-港の話-2.txt"), "{}", message(&state));
    assert!(state.library.entries.iter().any(|e| e.path == saved), "the library lists it");

    // A highlight now lands in the file's sidecar.
    cursor_on(&mut state, "ferry");
    keys(&mut state, &location, "v w 2");
    let sidecar = Sidecar::load(&dir.path().join("annotations/harbour-hour-港の話-2.txt.toml")).unwrap().unwrap();
    let notes = sidecar.annotations().unwrap();
    assert_eq!(notes.len(), 1);
    assert!(notes[0].selector.quote.starts_with("ferry"), "{:?}", notes[0].selector.quote);
    // And it is remembered as a file is.
    update(&mut state, Action::Command(Command::Quit));
    assert!(state.positions.contains_key(&saved));
}

#[test]
fn the_saved_file_has_the_extension_of_what_was_read() {
    let cases: &[(&[u8], &str)] = &[
        (
            b"<!DOCTYPE html><html><head><title>Lamp Notes</title></head><body><p>The lamp is lit.</p></body></html>",
            "lamp-notes.html",
        ),
        (b"WEBVTT\n\n00:00.000 --> 00:02.000\n<v Mira>Good evening.\n", "standard-input.vtt"),
        (b"1\n00:00:01,000 --> 00:00:02,000\nCaptions from SRT\n", "standard-input.srt"),
    ];
    let pdf = pdf::text_pdf(&[vec![pdf::run(72.0, 700.0, "CLERK: All rise for the harbour court.")]]);
    let cases: Vec<(&[u8], &str)> = cases.iter().copied().chain([(pdf.as_slice(), "standard-input.pdf")]).collect();
    for (bytes, name) in cases {
        let (dir, mut state, location) = reading(bytes);
        act(&mut state, &location, Action::Command(Command::SaveToLibrary));
        let saved = dir.path().join(name);
        assert_eq!(std::fs::read(&saved).unwrap(), bytes, "{name}: {}", message(&state));
        assert_eq!(state.reader.as_ref().unwrap().path, saved);
        assert!(state.reader.as_ref().unwrap().doc.word_count() > 0, "{name} reads back");
    }
}

#[test]
fn a_save_that_fails_says_why_and_keeps_the_text() {
    let (_dir, mut state, _) = reading(TALK.as_bytes());
    update(&mut state, Action::Command(Command::SaveToLibrary));
    update(&mut state, Action::TextSaved(Err("/lib: cannot save the text there: read-only".into())));
    assert!(state.reading_stdin());
    assert!(state.message.as_ref().is_some_and(|m| m.error && m.text.contains("read-only")));
    // It can be tried again.
    assert_eq!(update(&mut state, Action::Command(Command::SaveToLibrary)).len(), 1);
}

#[test]
fn on_an_article_from_a_file_s_keeps_its_global_meaning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("other.txt"), "Other\n\nHOST: Another evening.\n").unwrap();
    let (mut state, location) = app(dir.path(), (100, 30));
    common::app::open(&mut state, &location, "other.txt");
    let before = state.show_speakers;
    keys(&mut state, &location, "S");
    assert_ne!(state.show_speakers, before, "S shows or hides the speaker pane");
    assert!(!message(&state).contains("nothing to save"));
}

#[test]
fn a_save_that_ends_after_another_article_opened_still_lists_the_file() {
    let (dir, mut state, location) = reading(TALK.as_bytes());
    let effects = update(&mut state, Action::Command(Command::SaveToLibrary));
    common::app::open(&mut state, &location, "other.txt");
    run(&mut state, &location, effects);
    let saved = dir.path().join("harbour-hour-港の話.txt");
    assert_eq!(std::fs::read_to_string(&saved).unwrap(), TALK);
    assert!(state.reader.as_ref().unwrap().path.ends_with("other.txt"), "the reader stays on the article opened");
    assert!(state.library.entries.iter().any(|e| e.path == saved));
    assert!(message(&state).contains("saved as harbour-hour-港の話.txt"), "{}", message(&state));
}

#[test]
fn opening_another_article_leaves_standard_input_behind() {
    let (_dir, mut state, location) = reading(TALK.as_bytes());
    common::app::open(&mut state, &location, "other.txt");
    assert!(!state.reading_stdin());
    cursor_on(&mut state, "Another");
    keys(&mut state, &location, "v w 1");
    assert_eq!(state.notes.items.len(), 1, "{}", message(&state));
}

#[test]
fn y_with_osc52_off_copies_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("other.txt"), "Other\n\nHOST: Another evening.\n").unwrap();
    let (mut state, location) = app(dir.path(), (100, 30));
    let (settings, warnings) =
        gloss::config::settings::Settings::load(Some(("[reader]\nosc52 = false\n", "config.toml")));
    assert!(warnings.is_empty(), "{warnings:?}");
    state.settings = settings;
    common::app::open(&mut state, &location, "other.txt");
    cursor_on(&mut state, "Another");
    let effects = update(&mut state, Action::Command(Command::Yank));
    assert!(effects.is_empty(), "{effects:?}");
    assert!(state.message.as_ref().is_some_and(|m| m.error && m.text.contains("copying is off (osc52 = false")));
}
