//! A tmux server per test running the real `gloss` binary: `send-keys`
//! types, `capture-pane` reads the screen, and every wait polls for a screen
//! condition with a deadline. Shared by the end-to-end test files.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A tmux server of its own per test, so tests run in parallel.
pub struct Tmux {
    socket: String,
    state: tempfile::TempDir,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);
pub const DEADLINE: Duration = Duration::from_secs(20);
/// The library pane's title for the bundled `assets/`.
pub const BUNDLED_LIBRARY: &str = "Library (10)";

impl Tmux {
    /// Starts a shell in a `width` × `height` terminal, in a copy of the
    /// repository's bundled library (so quitting never rewrites its notes).
    pub fn start(width: u16, height: u16) -> Self {
        Self::start_in(&super::bundled_library_copy(), width, height)
    }

    /// Starts a shell in a `width` × `height` terminal, in `folder`.
    pub fn start_in(folder: &Path, width: u16, height: u16) -> Self {
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

    pub fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket]).args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Types keys: literal text, or tmux key names like `Enter`, `Escape`, `C-d`.
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", "-t", "0", key]);
        }
    }

    pub fn literal(&self, text: &str) {
        self.run(&["send-keys", "-t", "0", "-l", text]);
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "0"])
    }

    pub fn flag(&self, name: &str) -> String {
        self.run(&["display-message", "-p", "-t", "0", &format!("#{{{name}}}")]).trim().to_owned()
    }

    /// Waits until the screen satisfies `ready`; panics with the screen after the deadline.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
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

    pub fn wait_for_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    /// Waits for the reader's status bar to say `text`. The text alone is no
    /// sign the reader has the keys: the library lists "3 notes" too, while
    /// the article is still loading.
    pub fn wait_for_reader(&self, text: &str) -> String {
        self.wait_for(&format!("the reader to say {text:?}"), |s| {
            s.lines().any(|l| l.starts_with(" READER ") && l.contains(text))
        })
    }

    /// The shell is back: gloss has left the screen, and a command typed now
    /// runs. (Waiting for the prompt itself is a race: `capture-pane` trims
    /// the space after `$`, and keys typed early are echoed before it.)
    pub fn wait_for_shell(&self) {
        let modes = [" READER ", " VISUAL ", " LIBRARY ", " SPEAKERS ", " LOADING "];
        self.wait_for("gloss to leave the screen", |screen| !modes.iter().any(|m| screen.contains(m)));
        self.literal("echo shell-$((6*7))");
        self.keys(&["Enter"]);
        self.wait_for_text("shell-42");
    }

    pub fn start_gloss(&self, args: &str) {
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
