//! The real `gloss` binary in a real terminal: tmux runs it, `send-keys`
//! types, `capture-pane` reads the screen. Every wait polls for a screen
//! condition with a deadline; none sleeps a fixed time.
//! Needs `tmux` (`.ci/run` installs it).

mod common;
#[path = "../benches/people_corpus.rs"]
mod people_corpus;
#[path = "common/terminal.rs"]
mod terminal;

use std::path::Path;
use std::process::Command;

use common::tmux::{BUNDLED_LIBRARY, Tmux};

/// Checks the terminal is back to normal: main screen, cursor shown, mouse
/// reporting off, and line editing on (an `echo` typed at the shell runs).
fn assert_restored(tmux: &Tmux) {
    tmux.wait_for("the main screen", |_| tmux.flag("alternate_on") == "0");
    assert_eq!(tmux.flag("cursor_flag"), "1", "cursor shown");
    assert_eq!(tmux.flag("mouse_any_flag"), "0", "mouse reporting off");
    tmux.literal("echo restored-$((6*7))");
    tmux.keys(&["Enter"]);
    tmux.wait_for_text("restored-42");
}

#[test]
fn opens_the_bundled_library() {
    let tmux = Tmux::start(160, 48);
    tmux.start_gloss("");
    let screen = tmux.wait_for_text(BUNDLED_LIBRARY);
    assert!(screen.contains("Speakers"), "{screen}");
    tmux.wait_for_text("2025-03-03");
}

#[test]
fn opens_the_press_call_and_shows_only_the_moderator() {
    let tmux = Tmux::start(160, 48);
    tmux.start_gloss("assets/press-call-port-security.txt");
    let screen = tmux.wait_for_text("press-call-port-security.txt · 0%");
    assert!(screen.contains("Senior Admini"), "the speaker pane lists the speakers:\n{screen}");
    // The summary above the transcript paraphrases "the officials" (listed first,
    // marked ~); the moderator is next. Seven speakers: the moderator, the
    // official, four reporters and that paraphrased group.
    tmux.keys(&["3", "j", "o"]);
    let screen = tmux.wait_for_text("filter: 1 of 7 speakers");
    assert!(screen.contains("MODERATOR"), "the moderator's turns move up:\n{screen}");
    assert!(!screen.contains("SENIOR ADMINISTRATION OFFICIAL"), "others hidden:\n{screen}");
    tmux.keys(&["q"]);
    assert_restored(&tmux);
}

#[test]
fn searches_with_a_match_counter() {
    let tmux = Tmux::start(100, 30);
    tmux.start_gloss("assets/press-call-port-security.txt");
    tmux.wait_for_text("press-call-port-security.txt · 0%");
    tmux.literal("/rotterdam");
    tmux.wait_for_text("/rotterdam█");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("a match counter", |s| s.contains("/rotterdam  1/"));
    let total: String =
        screen.split("/rotterdam  1/").nth(1).unwrap().chars().take_while(char::is_ascii_digit).collect();
    tmux.keys(&["n"]);
    tmux.wait_for_text(&format!("2/{total}"));
}

#[test]
fn quitting_restores_the_terminal() {
    let tmux = Tmux::start(80, 24);
    tmux.start_gloss("");
    tmux.wait_for_text(BUNDLED_LIBRARY);
    tmux.keys(&["Enter"]);
    tmux.wait_for_text("READER");
    tmux.keys(&["q"]);
    assert_restored(&tmux);
}

#[test]
fn sigterm_restores_the_terminal() {
    let tmux = Tmux::start(80, 24);
    tmux.start_gloss("");
    tmux.wait_for_text(BUNDLED_LIBRARY);
    let shell = tmux.flag("pane_pid");
    let children = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
    let gloss = String::from_utf8_lossy(&children.stdout).trim().to_owned();
    assert!(!gloss.is_empty(), "gloss runs under the shell");
    Command::new("kill").args(["-TERM", &gloss]).status().unwrap();
    assert_restored(&tmux);
}

/// The process id of the program the tmux shell runs.
fn child_of_shell(tmux: &Tmux) -> String {
    let shell = tmux.flag("pane_pid");
    let children = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
    let pid = String::from_utf8_lossy(&children.stdout).trim().to_owned();
    assert!(!pid.is_empty(), "gloss runs under the shell");
    pid
}

#[test]
fn sighup_and_sigint_restore_the_terminal() {
    for signal in ["-HUP", "-INT"] {
        let tmux = Tmux::start(80, 24);
        tmux.start_gloss("");
        tmux.wait_for_text(BUNDLED_LIBRARY);
        Command::new("kill").args([signal, &child_of_shell(&tmux)]).status().unwrap();
        assert_restored(&tmux);
    }
}

#[test]
fn ctrl_z_then_fg_gives_the_terminal_back_and_takes_it_again() {
    let tmux = Tmux::start(80, 24);
    tmux.start_gloss("");
    tmux.wait_for_text(BUNDLED_LIBRARY);
    tmux.keys(&["C-z"]);
    tmux.wait_for("the shell while gloss is stopped", |_| tmux.flag("alternate_on") == "0");
    assert_eq!(tmux.flag("mouse_any_flag"), "0", "mouse reporting off while stopped");
    tmux.literal("fg");
    tmux.keys(&["Enter"]);
    tmux.wait_for("gloss again", |s| tmux.flag("alternate_on") == "1" && s.contains(BUNDLED_LIBRARY));
    tmux.keys(&["q"]);
    assert_restored(&tmux);
}

#[test]
fn a_panic_in_render_or_update_restores_the_terminal() {
    for (place, trigger) in [("render", None), ("update", Some("j"))] {
        let tmux = Tmux::start(80, 24);
        let binary = Path::new(env!("CARGO_BIN_EXE_gloss"));
        tmux.literal(&format!("GLOSS_TEST_PANIC={place} {} 2>/dev/null; echo exit-$?", binary.display()));
        tmux.keys(&["Enter"]);
        if let Some(key) = trigger {
            tmux.wait_for_text(BUNDLED_LIBRARY);
            tmux.keys(&[key]);
        }
        tmux.wait_for_text("exit-101");
        assert_restored(&tmux);
    }
}

#[test]
fn the_real_binary_writes_no_foreign_sequence_for_a_hostile_library() {
    let library = tempfile::tempdir().unwrap();
    for name in
        ["csi-sgr.txt", "osc52-clipboard.txt", "c1-csi.txt", "bidi.txt", "title-escapes.txt", "osc-unterminated.txt"]
    {
        std::fs::copy(common::fixture("hostile").join(name), library.path().join(name)).unwrap();
    }
    std::fs::write(library.path().join("\u{1b}]0;x\u{7}\u{202e}name.txt"), "").unwrap();
    let tmux = Tmux::start_in(library.path(), 100, 30);
    let bytes = library.path().join("terminal.bytes");
    tmux.start_gloss("");
    tmux.wait_for_text("Library (7)");
    // Everything gloss writes from here on, byte for byte.
    tmux.run(&["pipe-pane", "-O", "-t", "0", &format!("cat > {}", bytes.display())]);
    // Open each article in turn: its text, title and speakers are drawn.
    for _ in 0..7 {
        tmux.keys(&["Enter"]);
        tmux.wait_for("an article", |s| s.contains('%'));
        tmux.keys(&["G", "1"]);
        tmux.keys(&["j"]);
    }
    tmux.keys(&["q"]);
    assert_restored(&tmux);
    tmux.run(&["pipe-pane", "-t", "0"]);
    let written = std::fs::read(&bytes).unwrap();
    assert!(written.len() > 1000, "the frames were captured");
    // The shell's own prompt and echo follow gloss's output: check up to gloss leaving.
    let end = written.windows(8).rposition(|w| w == b"\x1b[?1049l").unwrap_or(written.len());
    assert_eq!(terminal::foreign_sequences(&written[..end]), Vec::<String>::new());
}

#[test]
fn resizing_redraws_and_tiny_sizes_say_so() {
    let tmux = Tmux::start(160, 48);
    tmux.start_gloss("assets/press-call-port-security.txt");
    tmux.wait_for_text("press-call-port-security.txt · 0%");
    tmux.run(&["resize-window", "-t", "0", "-x", "20", "-y", "5"]);
    tmux.wait_for_text("terminal too small");
    tmux.run(&["resize-window", "-t", "0", "-x", "90", "-y", "30"]);
    tmux.wait_for("the narrow layout", |s| s.contains("READER") && !s.contains(BUNDLED_LIBRARY));
    tmux.keys(&["q"]);
    assert_restored(&tmux);
}

#[test]
fn highlight_and_note_land_in_the_sidecar_and_survive_an_edit() {
    let library = tempfile::tempdir().unwrap();
    let article = library.path().join("press-call.txt");
    std::fs::copy(common::repo().join("assets/press-call-port-security.txt"), &article).unwrap();
    let tmux = Tmux::start_in(library.path(), 100, 30);
    tmux.start_gloss("press-call.txt");
    tmux.wait_for_text("press-call.txt · 0%");
    // Select a passage from the cursor, highlight it, write a note.
    tmux.keys(&["v", "w", "w", "e", "Enter"]);
    tmux.wait_for_text("highlighted in yellow");
    tmux.keys(&["e"]);
    tmux.wait_for_text("ctrl-s save");
    tmux.literal("Check this later 港");
    tmux.keys(&["C-s"]);
    tmux.wait_for_text(" saved ");
    tmux.keys(&["Escape"]);
    tmux.wait_for_reader("1 note");
    tmux.keys(&["q"]);
    assert_restored(&tmux);
    let sidecar = library.path().join("annotations/press-call.txt.toml");
    let text = std::fs::read_to_string(&sidecar).expect("the sidecar was written");
    assert!(text.contains("note = \"Check this later 港\""), "{text}");
    assert!(text.contains("colour = \"yellow\""), "{text}");
    let quote_line = text.lines().find(|l| l.starts_with("quote = ")).unwrap().to_owned();
    // Edit the article above the passage; the note follows its text.
    let original = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, format!("A correction was added above.\n\n{original}")).unwrap();
    let listed = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .current_dir(library.path())
        .args(["annotations", "list", "press-call.txt"])
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout).into_owned();
    assert!(listed.contains("moved"), "{listed}");
    tmux.start_gloss("press-call.txt");
    tmux.wait_for_reader("1 note");
    tmux.keys(&["q"]);
    assert_restored(&tmux);
    let rewritten = std::fs::read_to_string(&sidecar).unwrap();
    assert!(rewritten.contains(&quote_line), "the quote is unchanged: {rewritten}");
}

#[test]
fn people_and_library_search_views_open_articles_at_the_passage() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("lib");
    people_corpus::write_library(&library, 30, 2_500).unwrap();
    let tmux = Tmux::start_in(&library, 160, 48);
    let binary = Path::new(env!("CARGO_BIN_EXE_gloss"));
    tmux.literal(&format!("GLOSS_INDEX_DIR={} {} .", dir.path().join("index").display(), binary.display()));
    tmux.keys(&["Enter"]);
    tmux.wait_for_text("Library (30)");
    // People: built on first use, the look-alike apart; Enter lists passages, Enter opens one.
    tmux.keys(&["P"]);
    let screen = tmux.wait_for_text("Louis Jean-Pierre");
    assert!(screen.contains("Karine Jean-Pierre"), "{screen}");
    tmux.literal("louis");
    tmux.keys(&["Enter"]);
    tmux.wait_for_text("Harbour story 4 · 000/story-00004.md");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for_text("Harbour story 4 ─");
    assert!(screen.contains("Louis Jean-Pi"), "the speaker pane lists him: {screen}");
    // Search: results as typed; Enter opens the article at the hit with n/N on the same words.
    tmux.keys(&["F"]);
    tmux.wait_for_text("Search the library");
    tmux.literal("b6x");
    tmux.wait_for_text("briefing-00006.md");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for_text("┌ Press briefing 6 by");
    assert!(!screen.contains("Search the library"), "{screen}");
    tmux.wait_for_text("marker b6x");
    tmux.keys(&["n"]);
    tmux.wait_for_text("/b6x");
    tmux.keys(&["q"]);
    assert_restored(&tmux);
}

#[test]
fn quoted_elsewhere_lists_the_briefing_a_story_quotes_and_opens_it_there() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("lib");
    std::fs::create_dir_all(&library).unwrap();
    for entry in std::fs::read_dir(common::repo().join("tests/fixtures/quoted")).unwrap().flatten() {
        std::fs::copy(entry.path(), library.join(entry.file_name())).unwrap();
    }
    let tmux = Tmux::start_in(&library, 160, 48);
    let binary = Path::new(env!("CARGO_BIN_EXE_gloss"));
    tmux.literal(&format!("GLOSS_INDEX_DIR={} {} .", dir.path().join("index").display(), binary.display()));
    tmux.keys(&["Enter"]);
    tmux.wait_for_text("Library (4)");
    tmux.wait_for_text("The week on the water");
    // By title: the council, the briefing, the story, the digest. The story's second paragraph is the quote.
    tmux.keys(&["G", "k", "Enter"]);
    tmux.wait_for_text("┌ Lights and dredgers");
    // On the first paragraph the reader shows (the cursor starts in the front matter): nothing quoted.
    tmux.keys(&["Q"]);
    let screen = tmux.wait_for_text("no other article quotes or paraphrases this passage");
    assert!(screen.contains("The harbour authority will spend"), "{screen}");
    tmux.keys(&["Escape"]);
    // A key sent straight after Esc would read as alt-key: wait for the list to close.
    tmux.wait_for("the list to close", |s| !s.contains("no other article quotes"));
    tmux.keys(&["/"]);
    tmux.literal("dredging");
    tmux.keys(&["Enter"]);
    tmux.wait_for_text("/dredging");
    tmux.keys(&["Q"]);
    let screen = tmux.wait_for_text("QUOTE 23 words");
    assert!(screen.contains("PARAPHRASE") && !screen.contains("council-school-roof.md"), "{screen}");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for_text("quoted elsewhere 1/3");
    assert!(screen.contains("┌ Harbour Authority briefing"), "{screen}");
    tmux.keys(&["q"]);
    assert_restored(&tmux);
}

#[test]
fn a_users_rebinding_shows_in_help_and_in_the_hints() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("talk.txt"),
        "Port Talk\n\nMODERATOR:  Welcome to the 港 briefing 🚢.\nQ  When do the cranes arrive?\nOFFICIAL:  In March, after the tide.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("config.toml"), "").unwrap();
    std::fs::write(
        dir.path().join("keymap.toml"),
        "[global]\n\"H\" = \"help\"\n[speakers]\n\"c\" = \"none\"\n\"x\" = \"toggle_questions\"\n",
    )
    .unwrap();
    let tmux = Tmux::start_in(dir.path(), 160, 48);
    tmux.start_gloss("--config config.toml talk.txt");
    // In the reader `?` searches backward: the bar offers the user's help key.
    tmux.wait_for_text("H help  q quit");
    tmux.keys(&["3"]);
    let screen = tmux.wait_for_text("x questions");
    assert!(!screen.contains("c questions"), "{screen}");
    tmux.keys(&["H"]);
    let screen = tmux.wait_for_text("Help: keys");
    assert!(screen.contains("?, H, f1"), "the user's key is listed with the others:\n{screen}");
    tmux.keys(&["q"]);
    assert_restored(&tmux);
}
