//! Standard input in the reader, in a real terminal (tmux): `cmd | gloss`
//! and `gloss - < file` open the text in the TUI, which reads its keys from
//! the terminal as `less` does; notes on it are refused with how to save
//! it; `S` saves it into the library, where a highlight then lands in the
//! file's sidecar. And `y` with `osc52 = false` writes no OSC 52. Waits poll
//! the screen (or a file) with a deadline; none sleeps a fixed time. Needs `tmux`.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::tmux::{DEADLINE, Tmux};

const TALK: &str = "Harbour Hour\\n\\nHOST: The ferry to 港 runs at six 🎙.\\n\\nGUEST: And back at nine.\\n";

fn gloss() -> &'static str {
    env!("CARGO_BIN_EXE_gloss")
}

/// Types a shell command line and runs it.
fn type_line(tmux: &Tmux, line: &str) {
    tmux.literal(line);
    tmux.keys(&["Enter"]);
}

/// Waits for the reader to show the text from standard input (the text
/// alone is no sign: the command line that piped it shows it too).
fn wait_for_reader(tmux: &Tmux, text: &str) -> String {
    tmux.wait_for("the reader", |s| s.contains(text) && s.contains("READER"))
}

/// Waits until `ready` holds for the file at `path`.
fn wait_for_file(path: &Path, what: &str, ready: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if ready(&text) {
            return text;
        }
        assert!(start.elapsed() < DEADLINE, "timed out waiting for {what} in {}: {text:?}", path.display());
        std::thread::sleep(Duration::from_millis(30));
    }
}

#[test]
fn a_pipe_into_gloss_opens_the_reader_and_q_gives_the_shell_back() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let tmux = Tmux::start_in(dir.path(), 100, 30);
    type_line(&tmux, &format!("printf '{TALK}' | GLOSS_STATE_DIR={} {}", state.display(), gloss()));
    let screen = wait_for_reader(&tmux, "And back at nine.");
    assert!(screen.contains("The ferry to 港 runs at six 🎙."), "{screen}");
    let status = tmux.wait_for_text("S saves it into the library");
    assert!(status.lines().rev().find(|l| !l.trim().is_empty()).is_some_and(|l| l.contains("READER")), "{status}");
    // Keys come from the terminal, not the spent pipe: `j` moves, and the status bar says where.
    tmux.keys(&["j"]);
    tmux.wait_for("the status bar facts", |s| s.contains("standard input ·") && s.contains("not saved (S saves it)"));
    tmux.keys(&["q"]);
    tmux.wait_for_shell();
    // Nothing about standard input was remembered as a reading position.
    let positions = std::fs::read_to_string(state.join("positions.toml")).unwrap_or_default();
    assert!(!positions.contains("standard input"), "{positions}");
}

#[test]
fn gloss_dash_reads_a_redirected_file_in_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("talk.vtt"),
        "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Mira Quell>Good evening from the 港 🎙.\n",
    )
    .unwrap();
    let tmux = Tmux::start_in(dir.path(), 90, 24);
    type_line(&tmux, &format!("{} - < talk.vtt", gloss()));
    let screen = wait_for_reader(&tmux, "Good evening from the 港 🎙.");
    assert!(screen.contains("MIRA QUELL") || screen.contains("Mira Quell"), "the caption voice is a speaker: {screen}");
    assert!(!screen.contains("-->"), "read as captions: {screen}");
    tmux.keys(&["q"]);
    tmux.wait_for_shell();
}

#[test]
fn notes_on_standard_input_are_refused_with_how_to_save() {
    let dir = tempfile::tempdir().unwrap();
    let tmux = Tmux::start_in(dir.path(), 100, 30);
    type_line(&tmux, &format!("printf '{TALK}' | {}", gloss()));
    wait_for_reader(&tmux, "And back at nine.");
    tmux.keys(&["v"]);
    tmux.wait_for_text("selecting (y copies) · notes need a file: press S");
    tmux.keys(&["w", "1"]);
    tmux.wait_for("the refusal of the highlight", |s| {
        s.contains("notes need a file: press S to save this text") && !s.contains("selecting (y copies)")
    });
    tmux.keys(&["n"]);
    tmux.wait_for_text("notes need a file: press S");
    tmux.keys(&["="]);
    tmux.wait_for_text("speaker corrections need a file: press S");
    tmux.keys(&["q"]);
    tmux.wait_for_shell();
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(names.is_empty(), "nothing was written: {names:?}");
}

#[test]
fn s_saves_standard_input_into_the_library_and_notes_land_in_its_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("lib")).unwrap();
    std::fs::write(dir.path().join("gloss.toml"), "library = \"lib\"\nannotations = \"notes\"\n").unwrap();
    // The name the title makes is taken: it must be kept, and the new file numbered.
    std::fs::write(dir.path().join("lib/harbour-hour.txt"), "An older harbour hour.\n").unwrap();
    let tmux = Tmux::start_in(dir.path(), 100, 30);
    type_line(&tmux, &format!("printf '{TALK}' | {}", gloss()));
    wait_for_reader(&tmux, "And back at nine.");
    tmux.keys(&["S"]);
    tmux.wait_for_text("saved as harbour-hour-2.txt");
    let saved = dir.path().join("lib/harbour-hour-2.txt");
    assert_eq!(
        std::fs::read_to_string(&saved).unwrap(),
        "Harbour Hour\n\nHOST: The ferry to 港 runs at six 🎙.\n\nGUEST: And back at nine.\n"
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("lib/harbour-hour.txt")).unwrap(), "An older harbour hour.\n");
    // A highlight made now is saved beside it, as for any article.
    tmux.keys(&["j", "j", "j", "v", "w", "1"]);
    tmux.wait_for_text("highlighted in yellow");
    let sidecar = wait_for_file(&dir.path().join("notes/harbour-hour-2.txt.toml"), "the highlight", |t| {
        t.contains("[[annotation]]")
    });
    assert!(sidecar.contains("article = \"harbour-hour-2.txt\""), "{sidecar}");
    tmux.keys(&["q"]);
    tmux.wait_for_shell();
}

#[test]
fn y_with_osc52_off_writes_no_clipboard_sequence_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("harbour.txt"), "Harbour Hour\n\nHOST: The ferry to 港 runs at six 🎙.\n").unwrap();
    std::fs::write(dir.path().join("config.toml"), "[reader]\nosc52 = false\n").unwrap();
    let tmux = Tmux::start_in(dir.path(), 100, 30);
    type_line(&tmux, &format!("{} --config config.toml harbour.txt", gloss()));
    wait_for_reader(&tmux, "runs at six");
    let bytes = dir.path().join("pane-bytes");
    tmux.run(&["pipe-pane", "-O", "-t", "0", &format!("cat > {}", bytes.display())]);
    tmux.keys(&["j", "j", "y"]);
    tmux.wait_for_text("copying is off (osc52 = false in config.toml)");
    // A key after it, drawn, shows everything `y` wrote has gone through the pipe.
    tmux.keys(&["k"]);
    wait_for_file(&bytes, "the screen after y", |_| {
        std::fs::read(&bytes).is_ok_and(|b| b.windows(b"osc52 = false".len()).any(|w| w == b"osc52 = false"))
    });
    tmux.run(&["pipe-pane", "-t", "0"]);
    let captured = std::fs::read(&bytes).unwrap();
    assert!(!captured.windows(5).any(|w| w == b"\x1b]52;"), "no OSC 52 was written");
    tmux.keys(&["q"]);
    tmux.wait_for_shell();
}
