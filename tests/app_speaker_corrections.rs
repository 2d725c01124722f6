//! Correcting speakers in the reader (`R`, `M`, `=`, `u`), as sequences of
//! actions carried out by the shell's own `perform`: what is saved to the
//! sidecar is what `gloss speakers --rename/--merge/--reassign` saves, and the
//! article reloads where it was with the corrected speakers.

mod common;

use std::fmt::Write;
use std::path::{Path, PathBuf};

use common::app::{act, app, keys, type_text};
use gloss::app::{Action, AppState, Command, Overlay, Pane};
use gloss::config::Location;
use gloss::sidecar::Sidecar;
use gloss::speaker::Overrides;

/// An invented radio show, long enough to scroll: two speakers, the host's surname label joined to her.
fn show() -> String {
    let mut text = String::from("Evening Radio\n\nODILE BRANDT, HOST:  Good evening.\nTEO MARSH:  Evening, Odile.\n");
    for i in 0..40 {
        let _ = write!(
            text,
            "BRANDT:  Question number {i} about the tides?\nTEO MARSH:  Answer number {i}, and the harbour lights.\n"
        );
    }
    text.push_str("TEO MARSH:  Gladly, one last word.\n");
    text
}

/// A library holding the show, opened in the app.
fn library() -> (tempfile::TempDir, AppState, Location, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("radio.txt"), show()).unwrap();
    let (mut state, location) = app(dir.path(), (160, 48));
    common::app::open(&mut state, &location, "radio.txt");
    let path = state.reader.as_ref().unwrap().path.clone();
    (dir, state, location, path)
}

fn names(state: &AppState) -> Vec<String> {
    let reader = state.reader.as_ref().unwrap();
    state.speakers.order.iter().map(|&id| reader.attribution.speakers[id.0].name.clone()).collect()
}

fn select_speaker(state: &mut AppState, location: &Location, name: &str) {
    keys(state, location, "3 g");
    let place = names(state).iter().position(|n| n == name).unwrap_or_else(|| panic!("{name} in {:?}", names(state)));
    for _ in 0..place {
        keys(state, location, "j");
    }
    assert_eq!(state.focus, Pane::Speakers);
}

fn sidecar_of(location: &Location, path: &Path) -> Option<(Overrides, String)> {
    let file = location.sidecar_for(path);
    let sidecar = Sidecar::load(&file).unwrap()?;
    let text = std::fs::read_to_string(&file).unwrap();
    // The corrections as written: from the first `[[speakers.` table on.
    let tables = text.find("[[speakers.").map(|i| text[i..].to_owned()).unwrap_or_default();
    Some((sidecar.speakers().unwrap(), tables))
}

/// What `gloss speakers radio.txt ARGS` writes to the sidecar of a fresh copy of the show.
fn cli_sidecar(args: &[&str]) -> (Overrides, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("radio.txt"), show()).unwrap();
    let mut all = vec!["speakers", "radio.txt"];
    all.extend(args);
    let out = common::gloss(dir.path(), &all);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let location = gloss::config::locate(Some(dir.path()), dir.path()).unwrap();
    sidecar_of(&location, &dir.path().join("radio.txt")).expect("the command line wrote a sidecar")
}

fn message(state: &AppState) -> (String, bool) {
    state.message.as_ref().map(|m| (m.text.clone(), m.error)).unwrap_or_default()
}

#[test]
fn renaming_saves_what_the_command_line_saves_and_reloads_in_place() {
    let (_dir, mut state, location, path) = library();
    assert_eq!(names(&state), ["Odile Brandt", "Teo Marsh"]);
    keys(&mut state, &location, "ctrl-d ctrl-d");
    let top = state.reader.as_ref().unwrap().top_offset();
    assert!(top > 0, "scrolled");
    select_speaker(&mut state, &location, "Teo Marsh");
    keys(&mut state, &location, "R");
    let Overlay::Prompt(prompt) = &state.overlay else { panic!("a prompt: {:?}", state.overlay) };
    assert_eq!(prompt.text, "Teo Marsh", "the prompt holds the current name");
    for _ in 0.."Marsh".len() {
        keys(&mut state, &location, "backspace");
    }
    type_text(&mut state, &location, "真島 🎙");
    keys(&mut state, &location, "enter");

    let (text, error) = message(&state);
    assert!(
        !error && text.contains("renamed “Teo Marsh” to “Teo 真島 🎙”") && text.contains("radio.txt.toml"),
        "{text}"
    );
    assert_eq!(names(&state), ["Odile Brandt", "Teo 真島 🎙"], "the pane shows the new name after the reload");
    assert_eq!(state.focus, Pane::Speakers, "the focus stays in the speaker pane");
    assert_eq!(state.speakers.selected, 1, "and on the renamed speaker");
    assert_eq!(state.reader.as_ref().unwrap().top_offset(), top, "the reader stays where it was");
    assert_eq!(
        sidecar_of(&location, &path).expect("a sidecar"),
        cli_sidecar(&["--rename", "Teo Marsh", "Teo 真島 🎙"]),
        "the same [speakers] tables as gloss speakers --rename"
    );
}

#[test]
fn a_merge_into_nobody_is_refused_and_nothing_is_saved() {
    let (_dir, mut state, location, path) = library();
    select_speaker(&mut state, &location, "Teo Marsh");
    keys(&mut state, &location, "M");
    assert!(matches!(state.overlay, Overlay::Prompt(_)));
    type_text(&mut state, &location, "Nobody Here");
    keys(&mut state, &location, "enter");
    let (text, error) = message(&state);
    assert!(error && text.contains("no speaker called “Nobody Here”") && text.contains("nothing saved"), "{text}");
    assert!(!location.sidecar_for(&path).exists(), "no sidecar written");
    assert_eq!(names(&state), ["Odile Brandt", "Teo Marsh"]);

    // Merging a speaker into itself names nobody else either.
    keys(&mut state, &location, "M");
    type_text(&mut state, &location, "Teo Marsh");
    keys(&mut state, &location, "enter");
    assert!(message(&state).1, "{:?}", message(&state));
    assert!(!location.sidecar_for(&path).exists());

    // An alias of a speaker of the article is a name to merge into.
    keys(&mut state, &location, "M");
    type_text(&mut state, &location, "Odile Brandt");
    keys(&mut state, &location, "enter");
    assert!(!message(&state).1, "{:?}", message(&state));
    assert_eq!(names(&state), ["Odile Brandt"]);
    assert_eq!(sidecar_of(&location, &path).unwrap(), cli_sidecar(&["--merge", "Teo Marsh", "Odile Brandt"]));
}

#[test]
fn the_passage_under_the_cursor_is_given_to_someone_else() {
    let (_dir, mut state, location, path) = library();
    keys(&mut state, &location, "/");
    type_text(&mut state, &location, "Gladly");
    keys(&mut state, &location, "enter");
    let reader = state.reader.as_ref().unwrap();
    let start = reader.attribution.passage_at(reader.cursor).unwrap().range.start;
    keys(&mut state, &location, "=");
    type_text(&mut state, &location, "Odile Brandt");
    keys(&mut state, &location, "enter");
    let (text, error) = message(&state);
    assert!(!error && text.contains("“Odile Brandt”") && text.contains("saved to"), "{text}");
    let reader = state.reader.as_ref().unwrap();
    let passage = reader.attribution.passage_at(start).unwrap();
    assert_eq!(reader.attribution.speakers[passage.speaker.unwrap().0].name, "Odile Brandt");
    assert_eq!(sidecar_of(&location, &path).unwrap(), cli_sidecar(&["--reassign", &start.to_string(), "Odile Brandt"]));
}

#[test]
fn undo_takes_back_the_last_correction_of_the_session() {
    let (_dir, mut state, location, path) = library();
    select_speaker(&mut state, &location, "Odile Brandt");
    act(&mut state, &location, Action::Command(Command::RenameSpeaker));
    for _ in 0.."Odile Brandt".chars().count() {
        keys(&mut state, &location, "backspace");
    }
    type_text(&mut state, &location, "オディール");
    keys(&mut state, &location, "enter");
    select_speaker(&mut state, &location, "Teo Marsh");
    keys(&mut state, &location, "R");
    type_text(&mut state, &location, " Jr.");
    keys(&mut state, &location, "enter");
    assert_eq!(names(&state), ["オディール", "Teo Marsh Jr."]);

    keys(&mut state, &location, "u");
    let (text, error) = message(&state);
    assert!(!error && text.contains("undid: renamed “Teo Marsh” to “Teo Marsh Jr.”"), "{text}");
    assert_eq!(names(&state), ["オディール", "Teo Marsh"]);
    assert_eq!(sidecar_of(&location, &path).unwrap(), cli_sidecar(&["--rename", "Odile Brandt", "オディール"]));

    keys(&mut state, &location, "u");
    assert_eq!(names(&state), ["Odile Brandt", "Teo Marsh"]);
    let (overrides, tables) = sidecar_of(&location, &path).unwrap();
    assert!(overrides.is_empty() && tables.is_empty(), "no corrections left: {tables}");

    keys(&mut state, &location, "u");
    assert!(message(&state).0.contains("no speaker correction"), "{:?}", message(&state));
}

#[test]
fn a_prefilled_name_can_be_retyped_with_shell_keys() {
    let (_dir, mut state, location, _path) = library();
    select_speaker(&mut state, &location, "Teo Marsh");
    keys(&mut state, &location, "R ctrl-w");
    let Overlay::Prompt(prompt) = &state.overlay else { panic!("a prompt: {:?}", state.overlay) };
    assert_eq!(prompt.text, "Teo ", "ctrl-w deletes the last word");
    keys(&mut state, &location, "ctrl-u");
    let Overlay::Prompt(prompt) = &state.overlay else { panic!("a prompt: {:?}", state.overlay) };
    assert_eq!(prompt.text, "", "ctrl-u clears the prefilled name");
    type_text(&mut state, &location, "Teodor Marsh-Ōta 🎙");
    keys(&mut state, &location, "ctrl-w");
    let Overlay::Prompt(prompt) = &state.overlay else { panic!("a prompt: {:?}", state.overlay) };
    assert_eq!(prompt.text, "Teodor Marsh-Ōta ", "an emoji word goes whole");
    keys(&mut state, &location, "enter");
    assert_eq!(names(&state), ["Odile Brandt", "Teodor Marsh-Ōta"]);
}
