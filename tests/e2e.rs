//! The real `gloss` binary in a real terminal: tmux runs it, `send-keys`
//! types, `capture-pane` reads the screen. Every wait polls for a screen
//! condition with a deadline; none sleeps a fixed time.
//! Needs `tmux` (`.ci/run` installs it).

mod common;
#[path = "common/terminal.rs"]
mod terminal;

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A tmux server of its own per test, so tests run in parallel.
struct Tmux {
    socket: String,
    state: tempfile::TempDir,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);
const DEADLINE: Duration = Duration::from_secs(20);
/// The library pane's title for the bundled `assets/`.
const BUNDLED_LIBRARY: &str = "Library (10)";

impl Tmux {
    /// Starts a shell in a `width` × `height` terminal, in a copy of the
    /// repository's bundled library (so quitting never rewrites its notes).
    fn start(width: u16, height: u16) -> Self {
        Self::start_in(&common::bundled_library_copy(), width, height)
    }

    /// Starts a shell in a `width` × `height` terminal, in `folder`.
    fn start_in(folder: &Path, width: u16, height: u16) -> Self {
        assert!(
            Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success()),
            "the end-to-end tests need tmux (apt-get install tmux; .ci/run installs it)"
        );
        let socket = format!("gloss-e2e-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst));
        let state = tempfile::tempdir().unwrap();
        let tmux = Self { socket, state };
        let repo = folder.to_path_buf();
        let status = Command::new("tmux")
            .args([
                "-L",
                &tmux.socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .args(["-c", repo.to_str().unwrap()])
            .args([
                "env",
                &format!("GLOSS_STATE_DIR={}", tmux.state.path().display()),
                "HOME=/nonexistent-gloss-home",
                "PS1=$ ",
                "sh",
            ])
            .status()
            .unwrap();
        assert!(status.success());
        tmux
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket]).args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Types keys: literal text, or tmux key names like `Enter`, `Escape`, `C-d`.
    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", "-t", "0", key]);
        }
    }

    fn literal(&self, text: &str) {
        self.run(&["send-keys", "-t", "0", "-l", text]);
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "0"])
    }

    fn flag(&self, name: &str) -> String {
        self.run(&["display-message", "-p", "-t", "0", &format!("#{{{name}}}")]).trim().to_owned()
    }

    /// Waits until the screen satisfies `ready`; panics with the screen after the deadline.
    fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(start.elapsed() < DEADLINE, "timed out waiting for {what}; the screen was:\n{screen}");
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn wait_for_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    fn start_gloss(&self, args: &str) {
        let binary = Path::new(env!("CARGO_BIN_EXE_gloss"));
        self.literal(&format!("{} {args}", binary.display()));
        self.keys(&["Enter"]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).output();
    }
}

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
    tmux.keys(&["3", "o"]);
    let screen = tmux.wait_for_text("filter: 1 of 6 speakers");
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
    tmux.wait_for_text("1 note");
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
    tmux.wait_for_text("1 note");
    tmux.keys(&["q"]);
    assert_restored(&tmux);
    let rewritten = std::fs::read_to_string(&sidecar).unwrap();
    assert!(rewritten.contains(&quote_line), "the quote is unchanged: {rewritten}");
}
