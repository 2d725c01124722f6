//! Hostile input (issue #9): every fixture of `tests/fixtures/hostile/`,
//! with the result `expected.toml` gives it, through the CLI and through the
//! TUI's drawing, whose bytes are read back from ratatui's crossterm backend
//! and checked for sequences gloss did not emit itself.

mod common;

use gloss::app::Command;
#[path = "common/terminal.rs"]
mod terminal;

use std::cell::RefCell;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;
use std::rc::Rc;

use common::app::{act, app, keys};
use gloss::app::{Action, AppState, Message};
use gloss::config::settings::ThemeName;
use gloss::tui::theme::Theme;
use gloss::tui::view;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use terminal::foreign_sequences;

#[derive(serde::Deserialize)]
struct Manifest {
    fixture: Vec<Fixture>,
}

#[derive(serde::Deserialize)]
struct Fixture {
    file: String,
    item: String,
    result: String,
    #[serde(default)]
    generated: bool,
    #[serde(default)]
    command: Option<Vec<String>>,
    #[serde(default)]
    visible: Vec<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    notice: Option<String>,
}

fn manifest() -> Vec<Fixture> {
    let text = std::fs::read_to_string(common::fixture("hostile/expected.toml")).unwrap();
    toml::from_str::<Manifest>(&text).unwrap().fixture
}

/// Writes the fixtures too big to commit.
fn generate(dir: &Path, name: &str) {
    let path = dir.join(name);
    match name {
        "nul-after-64k.txt" => {
            let mut bytes = b"Harbour Report\n\n".to_vec();
            bytes.resize(70 * 1024, b'a');
            bytes.extend_from_slice(b"\0 and more text\n");
            std::fs::write(path, bytes).unwrap();
        }
        "one-10mb-line.txt" => {
            let mut line = String::with_capacity(10_000_100);
            let mut i = 0;
            while line.len() < 10_000_000 {
                let _ = write!(line, "word{i} ");
                i += 1;
            }
            line.push('\n');
            std::fs::write(path, line).unwrap();
        }
        "million-lines.txt" => {
            let mut text = String::with_capacity(12_000_000);
            for i in 0..1_000_000 {
                let _ = writeln!(text, "line {i}");
            }
            std::fs::write(path, text).unwrap();
        }
        "sparse-5gb.txt" => {
            // Sparse: five gigabytes long without them on disk or in memory.
            std::fs::File::create(path).unwrap().set_len(5 << 30).unwrap();
        }
        other => panic!("no generator for {other}"),
    }
}

/// A copy of the fixture folder, generated fixtures included.
fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&common::fixture("hostile"), dir.path());
    for fixture in manifest().iter().filter(|f| f.generated) {
        generate(dir.path(), &fixture.file);
    }
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn every_fixture_gives_its_expected_result_through_the_cli() {
    let dir = library();
    let fixtures = manifest();
    assert!(fixtures.len() >= 30, "one fixture per hostile item");
    std::thread::scope(|scope| {
        for fixture in &fixtures {
            let dir = dir.path();
            scope.spawn(move || check_cli(dir, fixture));
        }
    });
}

fn check_cli(dir: &Path, fixture: &Fixture) {
    let mut args: Vec<&str> = fixture.command.as_ref().map_or(vec!["show"], |c| c.iter().map(String::as_str).collect());
    if args == ["show"] {
        args.extend(["--width", "80"]);
    }
    args.push(&fixture.file);
    let out = common::gloss(dir, &args);
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout).into_owned(), common::stderr(&out));
    let what = format!("{} ({}): gloss {}", fixture.file, fixture.item, args.join(" "));
    for (stream, text) in [("stdout", &stdout), ("stderr", &stderr)] {
        assert!(common::terminal_hazards(text).is_empty(), "{what}: raw controls on {stream}");
        let bytes: &[u8] = if stream == "stdout" { &out.stdout } else { &out.stderr };
        assert_eq!(
            foreign_sequences(&bytes.iter().copied().filter(|b| *b != b'\n').collect::<Vec<_>>()),
            Vec::<String>::new(),
            "{what}: {stream}"
        );
    }
    match fixture.result.as_str() {
        "shown" => {
            assert!(out.status.success(), "{what}: {stderr}");
            for want in &fixture.visible {
                assert!(stdout.contains(want.as_str()), "{what}: {want:?} not in\n{}", truncated(&stdout));
            }
            match &fixture.notice {
                Some(notice) => assert!(stderr.contains(notice.as_str()), "{what}: notice {notice:?} not in {stderr}"),
                None => assert!(stderr.is_empty(), "{what}: {stderr}"),
            }
        }
        "refused" => {
            assert!(!out.status.success(), "{what}: refused");
            let message = fixture.message.as_deref().unwrap();
            assert!(stderr.contains(message) && stderr.contains(&fixture.file), "{what}: {stderr}");
        }
        other => panic!("{what}: unknown result {other}"),
    }
}

fn truncated(text: &str) -> &str {
    &text[..gloss::text::floor_char_boundary(text, 2000)]
}

/// What the backend writes, kept where the test can read it.
#[derive(Clone, Default)]
struct Capture(Rc<RefCell<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The bytes ratatui's crossterm backend writes to draw `state` on a fresh terminal.
fn terminal_bytes(state: &AppState, theme: &Theme) -> Vec<u8> {
    let (width, height) = state.size;
    let capture = Capture::default();
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let mut terminal =
        Terminal::with_options(CrosstermBackend::new(capture.clone()), TerminalOptions { viewport }).unwrap();
    terminal.draw(|frame| view::render(state, theme, frame)).unwrap();
    capture.0.borrow().clone()
}

/// Checks the bytes of a frame, in colour and without; returns the screen's text.
fn assert_clean(state: &AppState, what: &str) -> String {
    for theme in [Theme::new(ThemeName::Dark, true), Theme::new(ThemeName::Light, false)] {
        let bytes = terminal_bytes(state, &theme);
        assert_eq!(foreign_sequences(&bytes), Vec::<String>::new(), "{what}");
    }
    let (width, height) = state.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::render(state, &Theme::new(ThemeName::Dark, false), frame)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

fn readable(fixtures: &[Fixture]) -> Vec<&Fixture> {
    fixtures.iter().filter(|f| f.result == "shown" && !f.generated).collect()
}

#[test]
fn the_tui_writes_no_sequence_it_did_not_emit_itself() {
    let dir = library();
    for fixture in manifest().iter().filter(|f| f.generated) {
        std::fs::remove_file(dir.path().join(&fixture.file)).unwrap();
    }
    // A file name can carry escapes too; so can a TOML error shown in the status bar.
    let hostile_name = "\u{1b}]0;name\u{7}\u{202e}txt.\u{9b}2J\nname.txt";
    // No text, so its title comes from its name.
    std::fs::write(dir.path().join(hostile_name), "").unwrap();
    let fixtures = manifest();
    let (mut state, location) = app(dir.path(), (160, 48));
    assert_clean(&state, "library pane");
    let mut names: Vec<String> = readable(&fixtures).iter().map(|f| f.file.clone()).collect();
    names.push(hostile_name.to_owned());
    for name in &names {
        open(&mut state, &location, name);
        let screen = assert_clean(&state, name);
        if name == hostile_name {
            assert!(screen.contains("^[]0;name^G⟨U+202E⟩txt"), "the file name is shown, made visible:\n{screen}");
        }
        if name == "title-escapes.txt" {
            assert!(screen.contains("^[]0;owned^GHarbour"), "{name}: the title is shown, made visible");
        }
        if name == "sidecar-error-escapes.txt" {
            let message = state.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
            assert!(
                message.contains("sidecar-error-escapes.txt.toml:2:2"),
                "the TOML error is in the status bar: {message}"
            );
        }
        // Speakers pane, notes list and the help overlay draw names and notes.
        keys(&mut state, &location, "A");
        assert_clean(&state, &format!("{name}: notes list"));
        keys(&mut state, &location, "esc f1");
        assert_clean(&state, &format!("{name}: help"));
        keys(&mut state, &location, "esc");
    }
    // A TOML error message with escapes (a broken gloss.toml), as the status bar shows it.
    std::fs::write(dir.path().join("gloss.toml"), "max_file_bytes = \"\u{1b}]52;c;eA==\u{7}\u{202e}\"\n").unwrap();
    let err = gloss::config::locate(None, dir.path()).unwrap_err().to_string();
    assert!(err.contains("gloss.toml"), "{err}");
    state.message = Some(Message { text: err, error: true });
    assert_clean(&state, "a gloss.toml error in the status bar");
    let out = common::gloss(dir.path(), &["list"]);
    assert!(!out.status.success());
    assert!(common::terminal_hazards(&common::stderr(&out)).is_empty(), "{}", common::stderr(&out));
}

fn open(state: &mut AppState, location: &gloss::config::Location, name: &str) {
    let position = state
        .library
        .order
        .iter()
        .position(|i| state.library.entries[*i].path.file_name().is_some_and(|n| n == name))
        .unwrap_or_else(|| panic!("{name:?} not in the library"));
    state.library.selected = position;
    state.library.pinned_top = false;
    act(state, location, Action::Command(Command::FocusLibrary));
    act(state, location, Action::Command(Command::Open));
    assert!(state.reader.is_some(), "{name:?} opens");
}

#[test]
fn the_speaker_pane_shows_a_hostile_renamed_speaker_visibly() {
    let dir = library();
    let (mut state, location) = app(dir.path(), (160, 48));
    open(&mut state, &location, "speaker-escapes.txt");
    let screen = assert_clean(&state, "speakers pane");
    assert!(screen.contains("Anna ^[]0;pw"), "the renamed speaker is listed, made visible:\n{screen}");
}

#[test]
fn search_and_highlights_stay_right_after_bidi_and_invisible_characters() {
    let dir = library();
    let (mut state, location) = app(dir.path(), (100, 30));
    open(&mut state, &location, "bidi.txt");
    keys(&mut state, &location, "/");
    common::app::type_text(&mut state, &location, "needle");
    keys(&mut state, &location, "enter");
    let reader = state.reader.as_ref().unwrap();
    let hit = reader.search.matches.first().copied().expect("one match");
    assert_eq!(hit.slice(&reader.doc.text), "needle", "the match's offsets point at the word, placeholders counted");
    let note = reader.doc.text.find("isolated").unwrap();
    state.reader.as_mut().unwrap().cursor = note;
    act(&mut state, &location, Action::Clock("2026-11-23T12:00:00Z".into(), 7));
    keys(&mut state, &location, "v e enter");
    let sidecar = gloss::sidecar::Sidecar::load(&dir.path().join("annotations/bidi.txt.toml")).unwrap().unwrap();
    let saved = sidecar.annotations().unwrap();
    assert_eq!(saved[0].selector.quote, "isolated", "the highlight covers the word, not a placeholder");
    assert_clean(&state, "a highlight next to bidi placeholders");
}

#[test]
fn big_files_are_read_or_refused_without_blowing_up() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["nul-after-64k.txt", "sparse-5gb.txt"] {
        generate(dir.path(), name);
    }
    // The cap is configurable: a lower one refuses a small file, and names the setting.
    std::fs::write(dir.path().join("gloss.toml"), "max_file_bytes = 1000\n").unwrap();
    std::fs::write(dir.path().join("two-kb.txt"), "Title\n\n".to_owned() + &"word ".repeat(400)).unwrap();
    let location = gloss::config::locate(None, dir.path()).unwrap();
    assert_eq!(location.max_file_bytes, 1000);
    let err = gloss::document::Document::load_with_limit(&dir.path().join("two-kb.txt"), location.max_file_bytes)
        .unwrap_err()
        .to_string();
    assert!(err.contains("over the 1000-byte limit (raise max_file_bytes"), "{err}");
    // The library lists the refused files with their reasons, and the TUI draws them.
    let (state, _) = app(dir.path(), (120, 30));
    let screen = assert_clean(&state, "refused files in the library");
    assert!(screen.matches("unreadable").count() == 2, "refused files are listed as unreadable:\n{screen}");
    let sparse =
        gloss::library::ArticleMeta::read(&dir.path().join("sparse-5gb.txt"), gloss::document::DEFAULT_MAX_FILE_BYTES);
    assert!(sparse.error.unwrap().contains("over the 4294967296-byte limit"));
}
