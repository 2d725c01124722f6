//! Where `gloss show` and `gloss list` write: through a pager when the
//! output is a terminal (as `git` does), in colour when `--color` and
//! `NO_COLOR` allow.
//!
//! The pager is `$GLOSS_PAGER`, else `$PAGER`, else `less`; `LESS=FRX` is set
//! when unset, so a short text prints and exits, colours pass and the screen is
//! left as it was. An empty pager or `cat` means none.

use std::io::{self, IsTerminal, Write};
use std::process::{Child, Command, Stdio};

/// `--color`: whether output carries colour and bold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// When writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour, given the environment's `NO_COLOR` and whether
    /// standard output is a terminal.
    #[must_use]
    pub fn enabled(self, no_color: Option<&str>, terminal: bool) -> bool {
        match self {
            Self::Always => true,
            Self::Never => false,
            // NO_COLOR counts when set to anything but the empty string (no-color.org).
            Self::Auto => terminal && no_color.is_none_or(str::is_empty),
        }
    }
}

/// The pager command to run, if any: `(program, arguments)`.
#[must_use]
pub fn pager_command(gloss_pager: Option<&str>, pager: Option<&str>) -> Option<Vec<String>> {
    let chosen = gloss_pager.or(pager).unwrap_or("less");
    let words: Vec<String> = chosen.split_whitespace().map(str::to_owned).collect();
    match words.first().map(String::as_str) {
        None | Some("cat") => None,
        Some(_) => Some(words),
    }
}

/// Standard output, or a pager's input.
pub struct Output {
    pager: Option<Child>,
    writer: Box<dyn Write>,
}

impl Output {
    /// A pager when `page` is wanted and standard output is a terminal, else standard output.
    #[must_use]
    pub fn open(page: bool) -> Self {
        if page
            && io::stdout().is_terminal()
            && let Some(words) =
                pager_command(std::env::var("GLOSS_PAGER").ok().as_deref(), std::env::var("PAGER").ok().as_deref())
        {
            let mut command = Command::new(&words[0]);
            command.args(&words[1..]).stdin(Stdio::piped());
            if std::env::var_os("LESS").is_none() {
                command.env("LESS", "FRX");
            }
            if let Ok(mut child) = command.spawn()
                && let Some(stdin) = child.stdin.take()
            {
                return Self { pager: Some(child), writer: Box::new(io::BufWriter::new(stdin)) };
            }
        }
        Self { pager: None, writer: Box::new(io::BufWriter::new(io::stdout())) }
    }

    /// Flushes, closes the pager's input and waits for the reader to quit it.
    pub fn finish(mut self) -> io::Result<()> {
        let flushed = self.writer.flush();
        self.writer = Box::new(io::sink());
        if let Some(mut pager) = self.pager.take() {
            pager.wait()?;
            // Quitting the pager early closes the pipe: not an error.
            return match flushed {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => other,
            };
        }
        flushed
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// Writes through to `inner`, making the first line bold: the title of
/// `gloss show`, the column heads of `gloss list`.
pub struct BoldFirstLine<W> {
    inner: W,
    state: Bold,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Bold {
    Off,
    Pending,
    Open,
}

const BOLD: &[u8] = b"\x1b[1m";
const RESET: &[u8] = b"\x1b[0m";

impl<W: Write> BoldFirstLine<W> {
    pub fn new(inner: W, enabled: bool) -> Self {
        Self { inner, state: if enabled { Bold::Pending } else { Bold::Off } }
    }

    /// The writer underneath, after closing any bold left open.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.flush()?;
        Ok(self.inner)
    }
}

impl<W: Write> Write for BoldFirstLine<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.state == Bold::Off || buf.is_empty() {
            return self.inner.write(buf);
        }
        if self.state == Bold::Pending {
            self.inner.write_all(BOLD)?;
            self.state = Bold::Open;
        }
        match memchr::memchr(b'\n', buf) {
            Some(end) => {
                self.inner.write_all(&buf[..end])?;
                self.inner.write_all(RESET)?;
                self.inner.write_all(&buf[end..])?;
                self.state = Bold::Off;
            }
            None => self.inner.write_all(buf)?,
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.state == Bold::Open {
            self.inner.write_all(RESET)?;
            self.state = Bold::Off;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_follows_the_flag_then_no_color_then_the_terminal() {
        let cases = [
            (ColorChoice::Auto, None, true, true),
            (ColorChoice::Auto, Some("1"), true, false),
            (ColorChoice::Auto, Some(""), true, true),
            (ColorChoice::Auto, None, false, false),
            (ColorChoice::Always, Some("1"), false, true),
            (ColorChoice::Never, None, true, false),
        ];
        for (choice, no_color, terminal, want) in cases {
            assert_eq!(choice.enabled(no_color, terminal), want, "{choice:?} {no_color:?} {terminal}");
        }
    }

    #[test]
    fn the_pager_comes_from_gloss_pager_then_pager_then_less() {
        let cases: &[(Option<&str>, Option<&str>, Option<&[&str]>)] = &[
            (None, None, Some(&["less"])),
            (None, Some("most -s"), Some(&["most", "-s"])),
            (Some("less -S"), Some("more"), Some(&["less", "-S"])),
            (Some(""), Some("more"), None),
            (None, Some("cat"), None),
        ];
        for (gloss_pager, pager, want) in cases {
            let got = pager_command(*gloss_pager, *pager);
            assert_eq!(
                got.as_deref().map(|w| w.iter().map(String::as_str).collect::<Vec<_>>()),
                want.map(<[&str]>::to_vec)
            );
        }
    }

    #[test]
    fn only_the_first_line_is_bold() {
        let cases: &[(&[&str], bool, &str)] = &[
            (&["Title 見出し\nbody\n"], true, "\x1b[1mTitle 見出し\x1b[0m\nbody\n"),
            (&["Ti", "tle 🎙", "\nbody"], true, "\x1b[1mTitle 🎙\x1b[0m\nbody"),
            (&["Title\nbody\n"], false, "Title\nbody\n"),
            (&["no newline"], true, "\x1b[1mno newline\x1b[0m"),
        ];
        for (writes, enabled, want) in cases {
            let mut out = BoldFirstLine::new(Vec::new(), *enabled);
            for w in *writes {
                out.write_all(w.as_bytes()).unwrap();
            }
            out.flush().unwrap();
            assert_eq!(String::from_utf8(out.inner).unwrap(), *want);
        }
    }
}
