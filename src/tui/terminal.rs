//! Entering and leaving the terminal's full-screen mode, in one place.
//!
//! `enter` turns on raw mode, the alternate screen and mouse reporting and
//! hides the cursor; `leave` undoes all four and is safe to call twice. A
//! panic hook chained in front of the default one leaves the full-screen
//! mode first, so the panic message prints on a usable terminal. SIGTERM,
//! SIGHUP and SIGINT set a flag the event loop checks, so gloss exits
//! through the same path as `q`.

use std::io::{self, Stdout, Write, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Whether the terminal is in full-screen mode, so leaving twice does nothing.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Enters full-screen mode and returns the terminal to draw on.
pub fn enter() -> io::Result<Tui> {
    install_panic_hook();
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture, cursor::Hide)?;
    Terminal::new(CrosstermBackend::new(stdout()))
}

/// Leaves full-screen mode: mouse off, main screen back, cursor shown, raw mode off.
pub fn leave() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = stdout();
        let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
        let _ = disable_raw_mode();
        let _ = out.flush();
    }
}

fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The PDF parser's panics are caught and reported as a damaged file: the screen stays.
        if crate::document::pdf::in_guarded_parse() {
            return;
        }
        leave();
        previous(info);
    }));
}

/// A flag set when SIGTERM, SIGHUP or SIGINT arrives.
#[must_use]
pub fn termination_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT] {
        let _ = signal_hook::flag::register(signal, Arc::clone(&flag));
    }
    flag
}

/// Ctrl-Z: give the terminal back, stop, and take it again when resumed with `fg`.
#[cfg(unix)]
pub fn suspend(terminal: &mut Tui) -> io::Result<()> {
    leave();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    resume(terminal)
}

/// Takes the terminal back after another program had it (`fg`, an editor).
pub fn resume(terminal: &mut Tui) -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture, cursor::Hide, Clear(ClearType::All))?;
    // A fresh terminal redraws every cell. Not `Terminal::clear`: it asks the
    // terminal for the cursor position, and the answer never arrives while the
    // event thread is reading (gloss died on `fg` with "cursor position could not be read").
    *terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    Ok(())
}

#[cfg(not(unix))]
pub fn suspend(_terminal: &mut Tui) -> io::Result<()> {
    Ok(())
}
