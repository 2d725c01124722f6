//! Annotating as sequences of actions: select, highlight, note, tags,
//! colour, delete, undo, jump, list, re-attach — and what lands in the sidecar.

mod common;

use gloss::app::Command;

use common::app::{act, app, keys, open, type_text};
use gloss::app::{Action, Overlay};
use gloss::sidecar::{Colour, Sidecar};

const ARTICLE: &str = "Harbour Notes\n\nMODERATOR:  Good morning from Rotterdam, where the cranes are busy today.\nQ  Will the scanners arrive before the spring tide? 港の話も。\nMODERATOR:  They arrive in March, and the pilots have been told about it.\n";

fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("harbour.txt"), ARTICLE).unwrap();
    dir
}

fn sidecar(dir: &tempfile::TempDir) -> Vec<gloss::sidecar::Annotation> {
    Sidecar::load(&dir.path().join("annotations/harbour.txt.toml"))
        .unwrap()
        .map(|s| s.annotations().unwrap())
        .unwrap_or_default()
}

/// Opens the article with the clock set and the cursor on `word`.
fn ready(dir: &tempfile::TempDir, word: &str) -> (gloss::app::AppState, gloss::config::Location) {
    let (mut state, location) = app(dir.path(), (100, 30));
    act(&mut state, &location, Action::Clock("2026-11-23T12:00:00Z".into(), 42));
    open(&mut state, &location, "harbour.txt");
    let reader = state.reader.as_mut().unwrap();
    reader.cursor = reader.doc.text.find(word).unwrap();
    (state, location)
}

#[test]
fn select_words_highlight_and_write_a_note() {
    let dir = library();
    let (mut state, location) = ready(&dir, "the cranes");
    // As in vim: `w` to the next word's start, `e` to the end of the word.
    keys(&mut state, &location, "v w w w e");
    let selected = state.reader.as_ref().unwrap().selection_range().unwrap();
    assert_eq!(selected.slice(&state.reader.as_ref().unwrap().doc.text), "the cranes are busy");
    keys(&mut state, &location, "4");
    let saved = sidecar(&dir);
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].selector.quote, "the cranes are busy");
    assert_eq!(saved[0].colour, Colour::Pink);
    assert_eq!(saved[0].speaker.as_deref(), Some("Moderator"));
    assert_eq!(saved[0].created, "2026-11-23T12:00:00Z");
    // Write a note on it, over two lines, with Unicode.
    keys(&mut state, &location, "e");
    assert!(matches!(state.overlay, Overlay::Editor(_)));
    type_text(&mut state, &location, "How busy? 港");
    keys(&mut state, &location, "enter");
    act(&mut state, &location, Action::Paste("Count them.".into()));
    keys(&mut state, &location, "ctrl-s");
    assert_eq!(sidecar(&dir)[0].note, "How busy? 港\nCount them.");
    keys(&mut state, &location, "t");
    type_text(&mut state, &location, "ports #cranes");
    keys(&mut state, &location, "enter");
    assert_eq!(sidecar(&dir)[0].tags, ["ports", "cranes"]);
}

#[test]
fn a_whole_passage_colour_delete_and_undo() {
    let dir = library();
    let (mut state, location) = ready(&dir, "Will the scanners");
    keys(&mut state, &location, "V enter");
    let saved = sidecar(&dir);
    assert!(
        saved[0].selector.quote.starts_with("Will the scanners") && saved[0].selector.quote.ends_with("港の話も。"),
        "{:?}",
        saved[0].selector.quote
    );
    assert_eq!(saved[0].speaker.as_deref(), Some("Q"));
    keys(&mut state, &location, "c");
    assert_eq!(sidecar(&dir)[0].colour, Colour::Green);
    keys(&mut state, &location, "d");
    assert!(sidecar(&dir).is_empty(), "deleted");
    keys(&mut state, &location, "u");
    assert_eq!(sidecar(&dir).len(), 1, "undone");
    assert_eq!(sidecar(&dir)[0].colour, Colour::Green);
}

#[test]
fn jumping_between_highlights_and_the_notes_list() {
    let dir = library();
    let (mut state, location) = ready(&dir, "Rotterdam");
    keys(&mut state, &location, "v e enter");
    let reader = state.reader.as_mut().unwrap();
    reader.cursor = reader.doc.text.find("the pilots").unwrap();
    keys(&mut state, &location, "v w e 2");
    assert_eq!(sidecar(&dir).len(), 2);
    let at = |s: &gloss::app::AppState, w: &str| {
        s.reader.as_ref().unwrap().cursor == s.reader.as_ref().unwrap().doc.text.find(w).unwrap()
    };
    keys(&mut state, &location, "[ a");
    assert!(at(&state, "the pilots"), "back to the start of the highlight the cursor is in");
    keys(&mut state, &location, "[ a");
    assert!(at(&state, "Rotterdam"));
    keys(&mut state, &location, "] a");
    assert!(at(&state, "the pilots"));
    keys(&mut state, &location, "A");
    type_text(&mut state, &location, "green");
    let Overlay::NotesList { filter, .. } = &state.overlay else { panic!("the list is open") };
    assert_eq!(gloss::app::filtered_notes(&state, filter).len(), 1);
    keys(&mut state, &location, "backspace backspace backspace backspace backspace");
    type_text(&mut state, &location, "@moderator");
    let Overlay::NotesList { filter, .. } = &state.overlay else { panic!() };
    assert_eq!(gloss::app::filtered_notes(&state, filter).len(), 2);
    keys(&mut state, &location, "enter");
    assert_eq!(state.overlay, Overlay::None);
    assert!(at(&state, "Rotterdam"), "enter jumps to the first listed note");
}

#[test]
fn an_orphan_is_kept_listed_as_needing_review_and_can_be_reattached() {
    let dir = library();
    {
        let (mut state, location) = ready(&dir, "the pilots");
        keys(&mut state, &location, "v w w e enter");
    }
    // The passage is edited away.
    std::fs::write(
        dir.path().join("harbour.txt"),
        ARTICLE.replace("and the pilots have been told about it", "and crews know"),
    )
    .unwrap();
    let (mut state, location) = ready(&dir, "crews know");
    assert_eq!(state.notes.orphan_count(), 1);
    assert!(state.message.as_ref().unwrap().text.contains("need review"));
    keys(&mut state, &location, "v w e");
    keys(&mut state, &location, "A");
    type_text(&mut state, &location, "review");
    keys(&mut state, &location, "ctrl-r");
    assert_eq!(state.notes.orphan_count(), 0);
    assert_eq!(sidecar(&dir)[0].selector.quote, "crews know");
}

#[test]
fn an_unreadable_sidecar_keeps_notes_in_memory_and_writes_a_recovery_file() {
    let dir = library();
    std::fs::create_dir(dir.path().join("annotations")).unwrap();
    let broken = "schema = 1\n[[annotation]\n";
    std::fs::write(dir.path().join("annotations/harbour.txt.toml"), broken).unwrap();
    let (mut state, location) = ready(&dir, "the cranes");
    assert!(state.notes.unreadable.is_some());
    assert!(state.message.as_ref().unwrap().text.contains("harbour.txt.toml:2:"), "{:?}", state.message);
    keys(&mut state, &location, "v w enter");
    assert_eq!(state.notes.items.len(), 1, "kept in memory");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("annotations/harbour.txt.toml")).unwrap(),
        broken,
        "never overwritten"
    );
    let effects = gloss::app::update(&mut state, Action::Command(Command::WriteRecovery));
    let gloss::app::Effect::WriteRecovery { mine, .. } = &effects[0] else { panic!("{effects:?}") };
    assert_eq!(mine.len(), 1);
}

#[test]
fn the_library_wide_list_opens_the_article_at_the_note() {
    let dir = library();
    std::fs::write(dir.path().join("other.txt"), "Other Piece\n\nNothing to see here, only gulls.\n").unwrap();
    let (mut state, location) = ready(&dir, "the pilots");
    keys(&mut state, &location, "v w e 3");
    // Read something else, then find the note from the library pane.
    keys(&mut state, &location, "1");
    let other = state.library.order.iter().position(|&i| state.library.entries[i].relative == "other.txt").unwrap();
    state.library.selected = other;
    keys(&mut state, &location, "enter 1 A");
    assert!(matches!(state.overlay, Overlay::LibraryNotes { .. }));
    let notes = state.library_notes.as_ref().expect("read");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].title, "Harbour Notes");
    // The filter knows colour meanings and titles; a miss empties the list.
    type_text(&mut state, &location, "check");
    assert_eq!(gloss::app::library_notes::filtered(&state, "check").len(), 1, "blue means `check this`");
    assert!(gloss::app::library_notes::filtered(&state, "gulls").is_empty());
    keys(&mut state, &location, "enter");
    let reader = state.reader.as_ref().unwrap();
    assert!(reader.path.ends_with("harbour.txt"), "the note's article is open");
    assert_eq!(&reader.doc.text[reader.cursor..reader.cursor + 10], "the pilots");
}

#[test]
fn reading_never_writes_the_sidecar_and_an_old_sidecar_position_is_still_read() {
    let dir = library();
    let long = "MODERATOR:  Another paragraph about the tides.\n\n".repeat(40);
    std::fs::write(dir.path().join("harbour.txt"), format!("{ARTICLE}\n{long}")).unwrap();
    let (mut state, location) = ready(&dir, "Will the scanners");
    keys(&mut state, &location, "V enter");
    let sidecar = dir.path().join("annotations/harbour.txt.toml");
    let after_note = std::fs::read(&sidecar).unwrap();
    keys(&mut state, &location, "j j j");
    let top = state.reader.as_ref().unwrap().top_offset();
    assert!(top > 0);
    act(&mut state, &location, Action::Command(Command::Quit));
    assert_eq!(std::fs::read(&sidecar).unwrap(), after_note, "moving and leaving writes nothing");
    let saved = Sidecar::load(&sidecar).unwrap().unwrap();
    assert_eq!(saved.position(), None, "positions live in the state file");
    let text = &state.reader.as_ref().unwrap().doc.text;
    assert_eq!(saved.fingerprint(), Some(gloss::sidecar::fingerprint(text).as_str()), "of the text as open");
    // A sidecar written by an older gloss still opens where it says.
    let old = std::fs::read_to_string(&sidecar).unwrap().replacen("\n\n", &format!("\nposition = {top}\n\n"), 1);
    std::fs::write(&sidecar, old).unwrap();
    let (mut again, location) = app(dir.path(), (100, 30));
    open(&mut again, &location, "harbour.txt");
    assert_eq!(again.reader.as_ref().unwrap().top_offset(), top);
}

#[test]
fn the_notes_list_follows_the_speaker_filter() {
    let dir = library();
    let (mut state, location) = ready(&dir, "Will the scanners");
    keys(&mut state, &location, "V enter");
    let reader = state.reader.as_mut().unwrap();
    reader.cursor = reader.doc.text.find("the cranes").unwrap();
    keys(&mut state, &location, "V 2");
    assert_eq!(gloss::app::filtered_notes(&state, "").len(), 2);
    // Show only the moderator: the question's note leaves the list.
    let moderator = state
        .speakers
        .order
        .iter()
        .position(|&id| state.reader.as_ref().unwrap().attribution.speakers[id.0].name == "Moderator");
    state.speakers.selected = moderator.unwrap();
    keys(&mut state, &location, "3 o");
    let shown = gloss::app::filtered_notes(&state, "");
    assert_eq!(shown.len(), 1);
    assert_eq!(state.notes.items[shown[0]].annotation.speaker.as_deref(), Some("Moderator"));
}

#[test]
fn a_renamed_article_gets_its_notes_back_when_the_library_opens() {
    let dir = library();
    let (mut state, location) = ready(&dir, "the cranes");
    keys(&mut state, &location, "v w e enter");
    std::fs::rename(dir.path().join("harbour.txt"), dir.path().join("harbour-renamed.txt")).unwrap();
    let location = common::app::location(dir.path());
    let paths = gloss::library::discover(&location.library).unwrap();
    let outcome = gloss::notes::relink::relink_stranded(&location, &paths).unwrap();
    assert!(matches!(&outcome[..], [gloss::notes::relink::Relink::Moved { .. }]), "{outcome:?}");
    let moved = Sidecar::load(&dir.path().join("annotations/harbour-renamed.txt.toml")).unwrap().unwrap();
    assert_eq!(moved.article(), Some("harbour-renamed.txt"));
    assert_eq!(moved.annotations().unwrap()[0].selector.quote, "the cranes");
    assert!(!dir.path().join("annotations/harbour.txt.toml").exists());
}

#[test]
fn a_mouse_drag_selects_from_where_the_button_went_down() {
    let dir = library();
    let (mut state, location) = ready(&dir, "Good morning");
    // Find the screen cells of two words on the same row of the reader.
    let row_of = |state: &gloss::app::AppState, word: &str| {
        let reader = state.reader.as_ref().unwrap();
        let at = reader.doc.text.find(word).unwrap();
        let row = reader.window.iter().position(|r| r.range.start <= at && at < r.range.end).unwrap();
        let column = reader.doc.text[reader.window[row].range.start..at].chars().count();
        (row, column)
    };
    let (row, from) = row_of(&state, "morning");
    let (_, to) = row_of(&state, "Rotterdam");
    // Screen position of a text cell: pane inner origin, centred text column, then the gutter.
    let screen = state.screen();
    let inner = screen.reader.inner();
    let used = state.reader.as_ref().unwrap().text_width + gloss::app::screen::GUTTER;
    let left = inner.x + inner.width.saturating_sub(used) / 2 + gloss::app::screen::GUTTER;
    let y = inner.y + u16::try_from(row).unwrap();
    act(&mut state, &location, Action::Click(left + u16::try_from(from).unwrap(), y));
    act(&mut state, &location, Action::Drag(left + u16::try_from(to + 8).unwrap(), y));
    let reader = state.reader.as_ref().unwrap();
    let selected = reader.selection_range().unwrap().slice(&reader.doc.text).to_owned();
    assert_eq!(selected, "morning from Rotterdam");
    keys(&mut state, &location, "2");
    assert_eq!(sidecar(&dir)[0].selector.quote, "morning from Rotterdam");
}

#[test]
fn a_note_added_elsewhere_after_the_article_opened_survives_the_readers_next_save() {
    // Both notes go through the same session save; the reader's copy of the
    // notes is older than the file, so the save must merge, not overwrite.
    let dir = library();
    let (mut state, location) = ready(&dir, "the cranes");
    keys(&mut state, &location, "v e e 1");
    assert_eq!(sidecar(&dir).len(), 1);
    let other = gloss::session::open(&location, &dir.path().join("harbour.txt")).unwrap();
    let range = gloss::notes::find_quote(&other.doc.text, "港の話も", None).unwrap();
    let mut mine = other.base();
    mine.push(gloss::notes::annotation(&other.doc.text, &other.attribution, range, "elsewhere".into(), "now"));
    let context = gloss::session::SaveContext { title: "Harbour Notes", position: None, fingerprint: "" };
    gloss::session::save(&location, &other.path, (&other.base(), &mine), context).unwrap();
    let reader = state.reader.as_mut().unwrap();
    reader.cursor = reader.doc.text.find("They arrive").unwrap();
    keys(&mut state, &location, "v e 2");
    let quotes: Vec<String> = sidecar(&dir).into_iter().map(|a| a.selector.quote).collect();
    assert_eq!(quotes.len(), 3, "{quotes:?}");
    assert!(quotes.iter().any(|q| q == "港の話も"), "{quotes:?}");
    assert_eq!(state.notes.items.len(), 3, "the reader shows the merged notes");
}

#[test]
fn the_editor_lists_and_prompts_take_their_keys_from_the_keymap_in_use() {
    let dir = library();
    let (mut state, location) = ready(&dir, "the cranes");
    let user = "[editor]\n\"ctrl-s\" = \"none\"\n\"ctrl-w\" = \"save_note\"\n[prompt]\n\"tab\" = \"submit\"\n[reader]\n\"u\" = \"none\"\n\"z\" = \"undo\"\n";
    let (keymap, warnings) = gloss::app::keymap::Keymap::load(Some((user, "keymap.toml")));
    assert!(warnings.is_empty(), "{warnings:?}");
    state.keymap = keymap;
    // Messages name the user's keys.
    keys(&mut state, &location, "v e e 1");
    let message = state.message.clone().unwrap().text;
    assert!(message.contains("z: undo") && !message.contains("u: undo"), "{message}");
    // In the editor `q` is a letter, ctrl-s is unbound, ctrl-w saves; the title and hints say so.
    keys(&mut state, &location, "e");
    type_text(&mut state, &location, "quay 港 🚢");
    keys(&mut state, &location, "q ctrl-s");
    assert!(matches!(state.overlay, Overlay::Editor(_)), "still editing");
    assert!(!state.quit);
    let hints = state.hints();
    assert_eq!(hints[0], ("ctrl-w".to_owned(), "save".to_owned()), "{hints:?}");
    assert!(hints.iter().any(|(k, h)| k == "esc/ctrl-c" && h == "cancel"), "{hints:?}");
    keys(&mut state, &location, "ctrl-w");
    assert!(matches!(state.overlay, Overlay::None));
    assert_eq!(sidecar(&dir)[0].note, "quay 港 🚢q");
    // The notes list filters with typed keys and acts with its own.
    keys(&mut state, &location, "A");
    type_text(&mut state, &location, "港");
    assert!(matches!(&state.overlay, Overlay::NotesList { filter, .. } if filter == "港"));
    keys(&mut state, &location, "backspace esc");
    assert!(matches!(state.overlay, Overlay::None));
    // A prompt submits with the user's key.
    keys(&mut state, &location, "/");
    type_text(&mut state, &location, "pilots");
    keys(&mut state, &location, "tab");
    assert!(matches!(state.overlay, Overlay::None));
    assert!(state.message.as_ref().is_some_and(|m| m.text.starts_with("/pilots")), "{:?}", state.message);
}

#[test]
fn the_speaker_pane_says_what_c_does_there() {
    let dir = library();
    let (mut state, location) = ready(&dir, "the cranes");
    // In the reader `c` recolours; in the speaker pane it keeps or hides questions, and the hints say so.
    assert!(!state.hints().iter().any(|(k, _)| k == "c"));
    keys(&mut state, &location, "3");
    assert!(state.hints().iter().any(|(k, h)| k == "c" && h == "questions"), "{:?}", state.hints());
    // Overlays say that ctrl-c cancels there (it quits elsewhere).
    keys(&mut state, &location, "2 /");
    assert!(state.hints().iter().any(|(k, h)| k.contains("ctrl-c") && h == "cancel"), "{:?}", state.hints());
    keys(&mut state, &location, "ctrl-c");
    assert!(!state.quit && matches!(state.overlay, Overlay::None));
}
