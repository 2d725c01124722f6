//! "Quoted elsewhere" from the command line and in the reader, on an invented
//! library (`tests/fixtures/quoted/`): a briefing, a story quoting it verbatim
//! across a line break with a curly apostrophe, a digest paraphrasing it, and
//! a council story that shares only common words and never shows up.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::app::{act, app, keys, open};
use gloss::app::{Action, AppState, Effect, Overlay, update};
use gloss::config::Location;
use gloss::config::settings::ThemeName;
use gloss::index::LibraryIndex;
use gloss::index::shared::{IndexReply, IndexRequest, answer};
use gloss::perform::{Env, perform_all};
use gloss::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const BRIEFING: &str = "briefing-northern-channel.md";
const STORY: &str = "story-lights-and-dredgers.md";
const DIGEST: &str = "digest-week-on-the-water.md";
const COUNCIL: &str = "council-school-roof.md";

/// The fixture library, copied: (its folder, the index's cache folder).
fn library() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    for entry in std::fs::read_dir(common::repo().join("tests/fixtures/quoted")).unwrap().flatten() {
        std::fs::copy(entry.path(), lib.join(entry.file_name())).unwrap();
    }
    let cache = dir.path().join("cache");
    (dir, lib, cache)
}

fn gloss(cwd: &Path, cache: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .current_dir(cwd)
        .args(args)
        .env("GLOSS_INDEX_DIR", cache)
        .env("NO_COLOR", "1")
        .output()
        .expect("run gloss")
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// The article's normalised text, as `gloss show --json` gives it (what offsets index).
fn text_of(lib: &Path, cache: &Path, article: &str) -> String {
    let shown: serde_json::Value = serde_json::from_str(&ok(&gloss(lib, cache, &["show", "--json", article]))).unwrap();
    shown["text"].as_str().unwrap().to_owned()
}

#[test]
fn gloss_quoted_lists_quotes_then_paraphrases_as_text_and_json() {
    let (_dir, lib, cache) = library();
    let story = text_of(&lib, &cache, STORY);
    let at = story.find("we’ve").unwrap().to_string();
    let records: serde_json::Value =
        serde_json::from_str(&ok(&gloss(&lib, &cache, &["quoted", STORY, "--at", &at, "--json"]))).unwrap();
    let records = records.as_array().unwrap();
    let found: Vec<(&str, &str)> =
        records.iter().map(|r| (r["path"].as_str().unwrap(), r["match"].as_str().unwrap())).collect();
    assert_eq!(found, [(BRIEFING, "quote"), (BRIEFING, "quote"), (DIGEST, "paraphrase")], "{records:#?}");
    let briefing = text_of(&lib, &cache, BRIEFING);
    let first = &records[0];
    assert_eq!((first["schema"].as_u64(), first["offsets"].as_str()), (Some(1), Some("utf8-bytes")));
    let slice = |r: &serde_json::Value, from: &str, to: &str| {
        briefing[r[from].as_u64().unwrap() as usize..r[to].as_u64().unwrap() as usize].to_owned()
    };
    assert_eq!(
        slice(first, "shared_start", "shared_end"),
        "The dredging of the northern channel will begin in April, and we've set aside four million crowns for the new breakwater lights"
    );
    assert!(slice(first, "start", "end").starts_with("Thank you. The dredging"));
    assert_eq!(first["run_words"], 23);
    assert_eq!(first["person"], "Ingrid Halvorsen", "the briefing's Ms. Halvorsen is the story's Ingrid Halvorsen");
    // Text: how each passage carries the words, then the hit as `gloss search` prints it.
    let shown = ok(&gloss(&lib, &cache, &["quoted", STORY, "--at", &at, "--limit", "1"]));
    assert_eq!(shown.lines().count(), 2, "{shown}");
    assert!(shown.starts_with("quote (23 words)  2025-03-04  Harbour Authority briefing"), "{shown}");
    assert!(shown.contains("[The dredging of the northern channel"), "{shown}");
    // The council story shares only common words: from it, nothing; it is never listed.
    let council = text_of(&lib, &cache, COUNCIL);
    let at = council.find("One of the things").unwrap().to_string();
    let out = gloss(&lib, &cache, &["quoted", COUNCIL, "--at", &at, "--json"]);
    assert_eq!(ok(&out).trim(), "[]");
    assert!(
        !String::from_utf8_lossy(&gloss(&lib, &cache, &["quoted", BRIEFING, "--at", "300"]).stdout).contains(COUNCIL)
    );
}

#[test]
fn gloss_quoted_says_what_is_wrong() {
    let (dir, lib, cache) = library();
    let out = gloss(&lib, &cache, &["quoted", STORY, "--at", "99999"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(STORY) && err.contains("past the end"), "{err}");
    std::fs::write(dir.path().join("elsewhere.md"), "An article outside the library.\n").unwrap();
    let out = gloss(&lib, &cache, &["quoted", "../elsewhere.md", "--at", "0"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an article of the library"));
    let out = gloss(&lib, &cache, &["quoted", STORY]);
    assert_eq!(out.status.code(), Some(2), "--at is required");
}

/// Carries out effects as the shell does, except the index's: those are
/// answered from `index` (kept in a temporary folder, not the user's cache).
fn run(state: &mut AppState, location: &Location, index: &LibraryIndex, effects: Vec<Effect>) {
    let env = Env { location: location.clone(), positions_file: None };
    for effect in effects {
        let actions = match effect {
            Effect::Index(request) => {
                let mut replies = Vec::new();
                answer(index, &request, &mut |r| replies.push(Action::IndexReplied(Box::new(r))));
                replies
            }
            other => perform_all(other, &env),
        };
        for action in actions {
            let more = update(state, action);
            run(state, location, index, more);
        }
    }
}

fn press(state: &mut AppState, location: &Location, index: &LibraryIndex, keys: &str) {
    for key in keys.split(' ') {
        let chord = gloss::app::keymap::KeyChord::parse(key).unwrap();
        let effects = update(state, Action::Key(chord));
        run(state, location, index, effects);
    }
}

fn screen(state: &AppState) -> String {
    let mut terminal = Terminal::new(TestBackend::new(state.size.0, state.size.1)).unwrap();
    let theme = Theme::new(ThemeName::Dark, false);
    terminal.draw(|frame| gloss::tui::view::render(state, &theme, frame)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// The current search match of the open article: its text.
fn marked(state: &AppState) -> String {
    let reader = state.reader.as_ref().unwrap();
    let range = reader.search.matches[reader.search.current.expect("a current match")];
    reader.doc.text[range.start..range.end].to_owned()
}

#[test]
fn q_lists_the_passages_and_enter_lands_on_the_shared_words() {
    let (_dir, lib, cache) = library();
    let (mut state, location) = app(&lib, (160, 48));
    let mut index = LibraryIndex::open_in(&location, &cache).unwrap();
    index.update(&mut |_, _| {}).unwrap();
    open(&mut state, &location, STORY);
    let at = state.reader.as_ref().unwrap().doc.text.find("we’ve").unwrap();
    state.reader.as_mut().unwrap().cursor = at;

    // `Q` asks the index; while it is first built, the status bar says so instead of an empty list.
    let effects = update(&mut state, Action::Command(gloss::app::Command::QuotedElsewhere));
    assert_eq!(state.overlay, Overlay::Quoted);
    let [Effect::Index(IndexRequest::Quoted { article, passage, .. })] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(article, STORY);
    let words = passage.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("we’ve set aside four million"), "{passage}");
    update(&mut state, Action::IndexReplied(Box::new(IndexReply::Progress(1, 4))));
    let waiting = screen(&state);
    assert!(waiting.lines().last().unwrap().contains("indexing the library: 1/4 articles"), "{waiting}");
    assert!(waiting.contains("Quoted elsewhere"), "{waiting}");
    run(&mut state, &location, &index, effects);
    let listed = screen(&state);
    assert!(listed.contains("QUOTE 23 words · 2025-03-04 · Ms. Halvorsen · Harbour Authority briefing"), "{listed}");
    assert!(listed.contains("PARAPHRASE"), "{listed}");
    assert!(!listed.contains("indexing the library"), "{listed}");
    assert!(!listed.contains(COUNCIL), "{listed}");
    assert!(listed.contains(&format!("{STORY} · “The dredging of the northern")), "the passage asked about: {listed}");

    // j, then k, then Enter: the briefing opens at the words the story quotes, marked as a search match.
    press(&mut state, &location, &index, "j k enter");
    assert_eq!(state.overlay, Overlay::None);
    let reader = state.reader.as_ref().unwrap();
    assert!(reader.path.ends_with(BRIEFING), "{:?}", reader.path);
    assert_eq!(reader.cursor, reader.doc.text.find("The dredging").unwrap());
    assert_eq!(
        marked(&state),
        "The dredging of the northern channel will begin in April, and we've set aside four million crowns for the new breakwater lights"
    );
    assert!(state.message.as_ref().unwrap().text.contains("quoted elsewhere 1/3: quotes 23 words in a row"));
    // `] q` goes on through the list without reopening it: the briefing's later turn, then the digest.
    press(&mut state, &location, &index, "] q");
    assert_eq!(marked(&state), "the dredging of the northern channel will begin in April");
    press(&mut state, &location, &index, "] q");
    assert!(state.reader.as_ref().unwrap().path.ends_with(DIGEST));
    assert!(marked(&state).starts_with("Halvorsen said dredging"), "{}", marked(&state));
    press(&mut state, &location, &index, "] q");
    assert!(state.message.as_ref().unwrap().text.contains("3 of 3 (the end)"));
    press(&mut state, &location, &index, "[ q");
    assert!(state.reader.as_ref().unwrap().path.ends_with(BRIEFING));
    // `n` finds the marked words again; Esc closes a list opened anew.
    press(&mut state, &location, &index, "Q");
    assert_eq!(state.overlay, Overlay::Quoted);
    press(&mut state, &location, &index, "esc");
    assert_eq!(state.overlay, Overlay::None);
}

#[test]
fn the_key_is_in_the_help_and_needs_an_article() {
    let (_dir, lib, _cache) = library();
    let (mut state, location) = app(&lib, (160, 48));
    act(&mut state, &location, Action::Command(gloss::app::Command::QuotedElsewhere));
    assert!(state.message.as_ref().is_some_and(|m| m.error && m.text.contains("open an article first")));
    let help = gloss::app::Command::QuotedElsewhere;
    assert_eq!(state.keymap.keys_for(gloss::app::keymap::Scope::Reader, help), ["Q"]);
    act(&mut state, &location, Action::Command(gloss::app::Command::Help));
    let mut shown = String::new();
    for _ in 0..12 {
        shown.push_str(&screen(&state));
        keys(&mut state, &location, "ctrl-d");
    }
    assert!(shown.contains("Other articles quoting or paraphrasing the passage"), "{shown}");
}
