//! Handing text and the terminal to other programs: the clipboard through
//! OSC 52 (`y`), and the user's editor (`E`), with the key reader paused so
//! the editor gets every key.

use std::io::{self, Write};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::terminal::{self, Tui};
use crate::app::{Action, Effect};

/// Carries out [`Effect::Copy`] and [`Effect::Edit`]; returns the actions
/// that report back (a problem, the article to read again).
pub fn perform(
    effect: Effect,
    tui: &mut Tui,
    gate: &KeyGate,
    saves: &mut Vec<std::thread::JoinHandle<()>>,
) -> Vec<Action> {
    match effect {
        Effect::Copy(text) => {
            copy(&text).err().map(|e| Action::Problem(format!("could not copy: {e}"))).into_iter().collect()
        }
        Effect::Edit { path, line } => {
            // Notes being saved land before the editor changes the text under them.
            for save in saves.drain(..) {
                let _ = save.join();
            }
            let mut actions: Vec<Action> =
                edit(tui, gate, &path, line).err().map(Action::Problem).into_iter().collect();
            // Read again whatever the editor did: the notes are anchored again to the new text.
            actions.push(Action::Edited(path));
            actions
        }
        _ => Vec::new(),
    }
}

/// The OSC 52 sequence that puts `text` on the system clipboard (`c`):
/// `ESC ] 52 ; c ; <base64> BEL`. The text was sanitised before (no control
/// characters but newlines), and base64 cannot end the sequence early.
#[must_use]
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Writes the OSC 52 sequence for `text` to the terminal.
pub fn copy(text: &str) -> io::Result<()> {
    let mut out = io::stdout();
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

/// Standard base64 with padding (RFC 4648), as OSC 52 wants it.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Lets the shell stop the key reader while another program owns the terminal.
#[derive(Clone, Default)]
pub struct KeyGate {
    paused: Arc<AtomicBool>,
    /// The reader saw the pause and is not reading.
    idle: Arc<AtomicBool>,
}

/// How long the key reader waits for a key before looking at the gate again.
pub const KEY_POLL: Duration = Duration::from_millis(50);

impl KeyGate {
    /// Whether the reader should stay away from the terminal; it says it has.
    #[must_use]
    pub fn paused(&self) -> bool {
        let paused = self.paused.load(Ordering::SeqCst);
        self.idle.store(paused, Ordering::SeqCst);
        paused
    }

    fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
        // The reader notices within one poll; waiting for it keeps it from eating the editor's first keys.
        let start = Instant::now();
        while !self.idle.load(Ordering::SeqCst) && start.elapsed() < KEY_POLL * 4 {
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
    }
}

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi`, split on spaces.
#[must_use]
pub fn editor_command(visual: Option<&str>, editor: Option<&str>) -> Vec<String> {
    let chosen = [visual, editor].into_iter().flatten().find(|e| !e.trim().is_empty()).unwrap_or("vi");
    chosen.split_whitespace().map(str::to_owned).collect()
}

/// Runs the editor on `path` at `line` with the terminal handed over, then
/// takes the terminal back. Returns why the editor could not run, if it could not.
pub fn edit(tui: &mut Tui, gate: &KeyGate, path: &Path, line: usize) -> Result<(), String> {
    let words = editor_command(std::env::var("VISUAL").ok().as_deref(), std::env::var("EDITOR").ok().as_deref());
    gate.pause();
    terminal::leave();
    // `+LINE FILE` is understood by vi, vim, nvim, emacs, nano, micro, helix (hx) and kakoune.
    let mut command = Command::new(&words[0]);
    command.args(&words[1..]).arg(format!("+{line}")).arg(path);
    // After `cmd | gloss`, standard input is the spent pipe: the editor reads the terminal.
    if !io::IsTerminal::is_terminal(&io::stdin())
        && let Ok(tty) = std::fs::File::open("/dev/tty")
    {
        command.stdin(tty);
    }
    let status = command.status();
    let back = terminal::resume(tui);
    gate.resume();
    back.map_err(|e| format!("could not take the terminal back: {e}"))?;
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("{} exited with {s}", words[0])),
        Err(e) => Err(format!("could not run {}: {e}", words[0])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        let cases: &[(&str, &str)] = &[
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
            ("港", "5riv"),
            ("🎙", "8J+OmQ=="),
        ];
        for (text, want) in cases {
            assert_eq!(base64(text.as_bytes()), *want, "{text:?}");
        }
    }

    #[test]
    fn the_sequence_has_no_bytes_that_end_it_early() {
        let seq = osc52("line one\nline 二 🎙\n— Host, “T”");
        assert!(seq.starts_with("\x1b]52;c;") && seq.ends_with('\x07'));
        let body = &seq[7..seq.len() - 1];
        assert!(body.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=')));
    }

    #[test]
    fn the_editor_comes_from_visual_then_editor_then_vi() {
        let cases: &[(Option<&str>, Option<&str>, &[&str])] = &[
            (Some("code --wait"), Some("nano"), &["code", "--wait"]),
            (None, Some("nano"), &["nano"]),
            (Some(""), Some("hx"), &["hx"]),
            (None, None, &["vi"]),
        ];
        for (visual, editor, want) in cases {
            assert_eq!(editor_command(*visual, *editor), *want);
        }
    }
}
