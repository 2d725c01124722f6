//! gloss in a pipeline, in a real terminal (tmux): `cmd | gloss | cmd` prints
//! what arrives on standard input, `gloss show` and `gloss list` page through
//! `$GLOSS_PAGER`/`$PAGER` and colour only when allowed. Waits poll the
//! screen with a deadline; none sleeps a fixed time. Needs `tmux`.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);
const DEADLINE: Duration = Duration::from_secs(20);

impl Tmux {
    fn start() -> Self {
        let socket = format!("gloss-pipes-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst));
        let tmux = Self { socket, dir: tempfile::tempdir().unwrap() };
        // A pager that marks what it shows, so the test can tell it ran.
        let pager = tmux.dir.path().join("fake-pager");
        std::fs::write(&pager, "#!/bin/sh\nsed 's/^/PAGED|/'\n").unwrap();
        make_executable(&pager);
        let status = Command::new("tmux")
            .args(["-L", &tmux.socket, "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40"])
            .args(["-c", env!("CARGO_MANIFEST_DIR")])
            .args(["env", "HOME=/nonexistent-gloss-home", "PS1=$ ", "TERM=xterm-256color", "sh"])
            .status()
            .expect("the end-to-end tests need tmux");
        assert!(status.success());
        tmux
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket]).args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn type_line(&self, line: &str) {
        self.run(&["send-keys", "-t", "0", "-l", line]);
        self.run(&["send-keys", "-t", "0", "Enter"]);
    }

    /// The screen with attributes as escape sequences (`capture-pane -e`).
    fn styled_screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-e", "-t", "0"])
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.run(&["capture-pane", "-p", "-t", "0"]);
            if screen.contains(text) {
                return screen;
            }
            assert!(start.elapsed() < DEADLINE, "timed out waiting for {text:?}; the screen was:\n{screen}");
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

impl Tmux {
    fn wait_until_gone(&self, text: &str) {
        let start = Instant::now();
        while self.run(&["capture-pane", "-p", "-t", "0"]).contains(text) {
            assert!(start.elapsed() < DEADLINE, "timed out waiting for {text:?} to go");
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).output();
    }
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn gloss() -> &'static str {
    env!("CARGO_BIN_EXE_gloss")
}

/// On a terminal `cmd | gloss` opens the reader (`tests/e2e_stdin.rs`); in the middle of a
/// pipeline it prints the clean text, unpaged, as `gloss show -` does.
#[test]
fn a_pipe_through_gloss_prints_the_text() {
    let tmux = Tmux::start();
    let pager = tmux.dir.path().join("fake-pager");
    tmux.type_line(&format!(
        "printf 'HOST: Welcome to the harbour hour.\\n\\nGUEST: 港の話 thanks.\\n' | GLOSS_PAGER={} {} | sed 's/^/OUT|/'",
        pager.display(),
        gloss()
    ));
    let screen = tmux.wait_for("OUT|GUEST: 港の話 thanks.");
    assert!(screen.contains("OUT|HOST: Welcome to the harbour hour."), "{screen}");
    assert!(!screen.contains("PAGED|"), "not paged into a pipe: {screen}");
}

#[test]
fn show_pages_through_the_pager_in_colour_unless_no_color() {
    let tmux = Tmux::start();
    let pager = tmux.dir.path().join("fake-pager");
    let article = tmux.dir.path().join("short.txt");
    std::fs::write(&article, "Harbour Notes 🎙\n\nHOST: The ferry runs at six.\n").unwrap();
    let show = format!("GLOSS_PAGER={} {} show {}", pager.display(), gloss(), article.display());
    tmux.type_line(&show);
    tmux.wait_for("PAGED|HOST: The ferry runs at six.");
    let styled = tmux.styled_screen();
    assert!(styled.contains("\u{1b}[1mHarbour Notes"), "the title is bold:\n{styled:?}");
    tmux.type_line("clear");
    tmux.type_line(&format!("NO_COLOR=1 {show}; echo done-$((6*7))"));
    tmux.wait_for("done-42");
    let styled = tmux.styled_screen();
    assert!(styled.contains("PAGED|Harbour Notes") && !styled.contains("\u{1b}[1m"), "{styled:?}");
}

#[test]
fn list_pages_and_json_does_not() {
    let tmux = Tmux::start();
    let pager = tmux.dir.path().join("fake-pager");
    tmux.type_line(&format!("PAGER={} {} list --color never", pager.display(), gloss()));
    tmux.wait_for("PAGED|TITLE");
    tmux.type_line("clear");
    tmux.type_line(&format!("PAGER={} {} list --json | head -1; echo done-$((6*7))", pager.display(), gloss()));
    let screen = tmux.wait_for("done-42");
    assert!(!screen.contains("PAGED|"), "{screen}");
}

/// Decodes standard base64 (what OSC 52 carries).
fn unbase64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for b in text.bytes().take_while(|b| *b != b'=') {
        let value = ALPHABET.iter().position(|a| *a == b).expect("base64 alphabet") as u32;
        bits = (bits << 6) | value;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    out
}

/// Starts gloss on one article in a fresh folder; returns the folder.
fn open_article(tmux: &Tmux, env: &str) -> std::path::PathBuf {
    let folder = tmux.dir.path().join("lib");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("harbour.txt"),
        "Harbour Hour\n\nHOST: The ferry to 港 runs at six 🎙.\n\nGUEST: And back at nine.\n",
    )
    .unwrap();
    tmux.type_line(&format!("cd {} && {env} {} harbour.txt", folder.display(), gloss()));
    tmux.wait_for("back at nine");
    folder
}

#[test]
fn y_copies_the_passage_with_a_citation_through_osc_52() {
    let tmux = Tmux::start();
    open_article(&tmux, "");
    let bytes = tmux.dir.path().join("pane-bytes");
    tmux.run(&["pipe-pane", "-O", "-t", "0", &format!("cat > {}", bytes.display())]);
    // The cursor a few words on, into the host's passage, then copy it.
    tmux.run(&["send-keys", "-t", "0", "v", "w", "w", "w", "w", "v", "y"]);
    tmux.wait_for("copied");
    tmux.run(&["pipe-pane", "-t", "0"]);
    let start = Instant::now();
    let captured = loop {
        let captured = std::fs::read(&bytes).unwrap_or_default();
        if captured.windows(7).any(|w| w == b"\x1b]52;c;") || start.elapsed() > DEADLINE {
            break captured;
        }
        std::thread::sleep(Duration::from_millis(30));
    };
    let at = captured.windows(7).position(|w| w == b"\x1b]52;c;").expect("an OSC 52 sequence in the output");
    let body = &captured[at + 7..];
    let end = body.iter().position(|b| *b == 0x07).expect("the sequence ends with BEL");
    let copied = String::from_utf8(unbase64(std::str::from_utf8(&body[..end]).unwrap())).unwrap();
    assert!(copied.contains("港 runs at six 🎙"), "{copied:?}");
    assert!(copied.ends_with("\n— Host, “Harbour Hour”"), "a citation line: {copied:?}");
    tmux.run(&["send-keys", "-t", "0", "q"]);
}

#[test]
fn capital_e_edits_the_article_at_the_cursor_line_and_reloads_it() {
    let tmux = Tmux::start();
    let editor = tmux.dir.path().join("fake-editor");
    let args = tmux.dir.path().join("editor-args");
    std::fs::write(
        &editor,
        format!("#!/bin/sh\necho \"$@\" > {}\nprintf '\\nGUEST: Edited in the editor.\\n' >> \"$2\"\n", args.display()),
    )
    .unwrap();
    make_executable(&editor);
    let folder = open_article(&tmux, &format!("VISUAL={}", editor.display()));
    tmux.run(&["send-keys", "-t", "0", "E"]);
    tmux.wait_for("Edited in the editor.");
    let said = std::fs::read_to_string(&args).unwrap();
    assert!(said.starts_with('+') && said.trim_end().ends_with("harbour.txt"), "{said:?}");
    assert!(std::fs::read_to_string(folder.join("harbour.txt")).unwrap().contains("Edited in the editor."));
    // The reader is back and takes keys.
    tmux.run(&["send-keys", "-t", "0", "q"]);
    // The prompt itself is no sign (`capture-pane` trims the space after `$`):
    // once gloss has left the screen, a command typed now runs.
    tmux.wait_until_gone(" READER ");
    tmux.type_line("echo shell-$((6*7))");
    tmux.wait_for("shell-42");
}
