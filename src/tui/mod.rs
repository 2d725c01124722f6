//! The terminal shell: sets the terminal up, turns events into actions,
//! runs [`crate::app::update`], carries out its effects, and draws.
//! Loading articles and reading library metadata happen on worker threads
//! that report back with actions, so the screen never waits for the disk.

pub mod handoff;
pub mod keys;
pub mod terminal;
pub mod theme;
pub mod view;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

use crate::app::keymap::Keymap;
use crate::app::library::Entry;
use crate::app::{Action, AppState, Command, Effect, update};
use crate::config::Location;
use crate::config::settings::Settings;
use crate::document::{display_path, relative_path};
use crate::library;
use crate::perform::{Env, perform};
use crate::session::{catalog, positions};
use crate::sidecar;

/// What the TUI needs to start.
pub struct Launch {
    pub location: Location,
    pub settings: Settings,
    pub keymap: Keymap,
    /// Messages about the configuration, shown in the status bar.
    pub warnings: Vec<String>,
    /// Standard input, read whole before the terminal is taken: shown
    /// instead of the article read last. Keys then come from the terminal
    /// itself (crossterm opens `/dev/tty` when standard input is not one).
    pub stdin: Option<crate::app::stdin::Piped>,
}

/// Reads the library's metadata off the UI thread, after giving renamed
/// articles their notes back (so note counts are right).
fn spawn_metadata(paths: Vec<PathBuf>, location: Location, tx: Sender<Action>) {
    std::thread::spawn(move || {
        crate::perform::yield_to_the_screen();
        let moved = catalog::relink_renamed(&location, &paths);
        if !moved.is_empty() {
            let _ = tx.send(Action::Notice(format!("notes re-linked to renamed {}", moved.join(", "))));
        }
        let cache = positions::state_dir().map(|d| d.join("library-cache.json"));
        catalog::read_metadata(&location, &paths, cache.as_deref(), &mut |batch| {
            tx.send(Action::MetaLoaded(batch)).is_ok()
        });
    });
}

/// Writes that must land in the order they were asked for (reading positions
/// written twice end with the later ones; a correction undone after it was
/// saved), carried out one after another on a thread of their own, so the
/// screen never waits for a disk's fsync.
struct InOrder {
    queue: Option<Sender<Effect>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl InOrder {
    fn start(env: &Arc<Env>, tx: &Sender<Action>) -> Self {
        let (queue, effects) = mpsc::channel::<Effect>();
        let (env, tx) = (Arc::clone(env), tx.clone());
        let thread = std::thread::spawn(move || {
            for effect in effects {
                perform_reporting(effect, &env, &tx);
            }
        });
        Self { queue: Some(queue), thread: Some(thread) }
    }

    fn push(&self, effect: Effect) {
        if let Some(queue) = &self.queue {
            let _ = queue.send(effect);
        }
    }

    /// Waits until every write asked for has been carried out.
    fn finish(&mut self) {
        drop(self.queue.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Carries out an effect on a worker thread; its results come back through `tx`.
fn spawn_perform(effect: Effect, env: &Arc<Env>, tx: &Sender<Action>) -> std::thread::JoinHandle<()> {
    let (env, tx) = (Arc::clone(env), tx.clone());
    std::thread::spawn(move || perform_reporting(effect, &env, &tx))
}

/// Carries out an effect, sending its results back through `tx` as they come.
fn perform_reporting(effect: Effect, env: &Env, tx: &Sender<Action>) {
    perform(effect, env, &mut |action| {
        let _ = tx.send(action);
    });
}

/// The current time for new notes, and a seed for their ids.
fn clock() -> Action {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let seed = now.as_nanos() ^ (u128::from(std::process::id()) << 64);
    Action::Clock(crate::notes::timestamp(now.as_secs()), seed)
}

/// Terminal events handled between two frames at most.
const MAX_BATCH: usize = 256;

/// Reads terminal events on a thread of its own and sends them on as
/// actions into the one channel the loop waits on, with the background
/// reports: whichever comes first wakes the loop at once. The loop keeps
/// seeing signals even if the terminal misbehaves (a hung-up terminal can
/// keep a blocking read spinning).
fn spawn_terminal_reader(tx: Sender<Action>, gate: handoff::KeyGate) {
    std::thread::spawn(move || {
        let mut clicks = keys::Clicks::default();
        loop {
            // Polled, not a blocking read, so an editor started with `E` gets every key.
            if gate.paused() {
                std::thread::sleep(handoff::KEY_POLL / 5);
                continue;
            }
            match event::poll(handoff::KEY_POLL) {
                Ok(false) => continue,
                Ok(true) => {}
                Err(err) => {
                    let _ = tx.send(Action::TerminalGone(err.to_string()));
                    return;
                }
            }
            let action = match event::read() {
                Ok(Event::Key(key)) if keys::is_suspend(&key) => Some(Action::Suspend),
                Ok(event) => clicks.action(&event, std::time::Instant::now()),
                Err(err) => {
                    let _ = tx.send(Action::TerminalGone(err.to_string()));
                    return;
                }
            };
            if let Some(action) = action
                && tx.send(action).is_err()
            {
                return;
            }
        }
    });
}

/// The actions waiting, or the first to come within `timeout`; a burst
/// (resizes, pasted keys) is taken whole so it draws once.
fn next_actions(rx: &Receiver<Action>, timeout: Duration) -> Vec<Action> {
    let Ok(first) = rx.recv_timeout(timeout) else { return Vec::new() };
    std::iter::once(first).chain(rx.try_iter().take(MAX_BATCH)).collect()
}

/// Runs the reader until the user quits or a signal arrives.
pub fn run(launch: Launch) -> std::io::Result<()> {
    let Launch { location, settings, keymap, warnings, stdin } = launch;
    let paths = discover(&location, stdin.is_some())?;
    sidecar::store::clean_stale_temps(&location.annotations);
    let entries: Vec<Entry> =
        paths.iter().map(|p| Entry::unread(p.clone(), display_path(&relative_path(&location.root, p)))).collect();
    let colour = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let theme = theme::Theme::new(settings.theme, colour);
    let (tx, rx) = mpsc::channel();
    spawn_metadata(paths.clone(), location.clone(), tx.clone());
    let stop = terminal::termination_flag();

    let mut tui = terminal::enter()?;
    let size = tui.size()?;
    let mut state = AppState::new(entries, settings, keymap, (size.width, size.height));
    let env = Arc::new(Env { location: location.clone(), positions_file: positions::file() });
    let mut effects = Vec::new();
    if let Some(file) = &env.positions_file {
        effects.extend(update(&mut state, Action::PositionsLoaded(positions::load(file))));
    }
    if let Some(first) = warnings.first() {
        let more = if warnings.len() > 1 { format!(" (+{} more)", warnings.len() - 1) } else { String::new() };
        effects.extend(update(&mut state, Action::Problem(format!("{first}{more}"))));
    }
    effects.extend(first_article(&mut state, stdin, &location));
    // Test-only: the end-to-end tests set GLOSS_TEST_PANIC=render or =update to
    // prove a panic still restores the terminal. Read here, in the shell, only.
    let test_panic = std::env::var("GLOSS_TEST_PANIC").unwrap_or_default();
    let mut saves: Vec<std::thread::JoinHandle<()>> = Vec::new();
    // Said on the terminal once gloss has left the screen: where notes that could not be saved went.
    let mut farewell: Vec<String> = Vec::new();
    let gate = handoff::KeyGate::default();
    spawn_terminal_reader(tx.clone(), gate.clone());
    effects.extend(update(&mut state, clock()));
    let mut in_order = InOrder::start(&env, &tx);
    let result = (|| -> std::io::Result<()> {
        loop {
            let mut effects_after = Vec::new();
            for effect in effects.drain(..) {
                match effect {
                    Effect::Copy(_) | Effect::Edit { .. } => {
                        for action in handoff::perform(effect, &mut tui, &gate, &mut saves) {
                            effects_after.extend(update(&mut state, action));
                        }
                    }
                    Effect::Quit => {
                        // Notes being saved are written before gloss exits; a save
                        // that fails now leaves them in a recovery file instead.
                        in_order.finish();
                        for save in saves.drain(..) {
                            let _ = save.join();
                        }
                        recover_failed_saves(&mut state, &rx, &env, &mut farewell);
                        return Ok(());
                    }
                    // Quitting: the recovery file is named once the screen is left.
                    Effect::WriteRecovery { .. } if state.quit => perform(effect, &env, &mut |action| {
                        if let Action::Notice(text) | Action::Problem(text) = action {
                            farewell.push(text);
                        }
                    }),
                    // In order, off the UI thread (see `InOrder`).
                    Effect::SavePositions(_)
                    | Effect::WriteRecovery { .. }
                    | Effect::SaveCorrection { .. }
                    | Effect::UndoCorrection(_) => in_order.push(effect),
                    Effect::SaveNotes { .. } | Effect::SaveToLibrary { .. } => {
                        saves.push(spawn_perform(effect, &env, &tx));
                    }
                    // Reading: on a worker, reporting back as it goes.
                    Effect::Load(_) | Effect::LoadPart(..) | Effect::CountMatches { .. } => {
                        drop(spawn_perform(effect, &env, &tx));
                    }
                    Effect::LoadLibraryNotes(_) | Effect::Index(_) => drop(spawn_perform(effect, &env, &tx)),
                }
            }
            effects.extend(effects_after);
            // A hung-up terminal (its window closed) answers size queries with an error:
            // treat it like SIGHUP, so gloss saves and exits instead of polling a dead tty.
            let hung_up = ratatui::crossterm::terminal::size().is_err();
            if stop.load(Ordering::SeqCst) || hung_up {
                stop.store(false, Ordering::SeqCst);
                effects.extend(update(&mut state, Action::Terminate));
                continue;
            }
            saves.retain(|s| !s.is_finished());
            tui.draw(|frame| {
                view::render(&state, &theme, frame);
                assert!(test_panic != "render", "GLOSS_TEST_PANIC=render: a panic inside render");
            })?;
            effects.extend(update(&mut state, clock()));
            for action in next_actions(&rx, Duration::from_millis(100)) {
                match action {
                    Action::Suspend => terminal::suspend(&mut tui)?,
                    Action::TerminalGone(err) => return Err(std::io::Error::other(err)),
                    action => {
                        assert!(
                            test_panic != "update" || !matches!(action, Action::Key(_)),
                            "GLOSS_TEST_PANIC=update: a panic inside update"
                        );
                        effects.extend(update(&mut state, action));
                    }
                }
            }
        }
    })();
    in_order.finish();
    terminal::leave();
    for line in farewell {
        eprintln!("gloss: {line}");
    }
    result
}

/// The library's articles. Text from standard input reads without a
/// library folder: saving it makes the folder.
fn discover(location: &Location, piped: bool) -> std::io::Result<Vec<PathBuf>> {
    match library::discover(&location.library) {
        Ok(paths) => Ok(paths),
        Err(_) if piped => Ok(Vec::new()),
        Err(err) => Err(std::io::Error::other(err)),
    }
}

/// What the reader opens first: the text from standard input, the one
/// article given, or (in a library) the one read last, where it was.
fn first_article(state: &mut AppState, stdin: Option<crate::app::stdin::Piped>, location: &Location) -> Vec<Effect> {
    if let Some(piped) = stdin {
        update(state, Action::OpenStdin(Box::new(piped)))
    } else if location.library.is_file() {
        update(state, Command::Open.into())
    } else {
        update(state, Action::Resume)
    }
}

/// The reports of the saves made on quitting: when one failed, the notes go
/// to a recovery file, named in `farewell`.
fn recover_failed_saves(state: &mut AppState, rx: &Receiver<Action>, env: &Env, farewell: &mut Vec<String>) {
    for action in rx.try_iter() {
        if let Action::NotesSaved(saved) = action {
            let _ = update(state, Action::NotesSaved(saved));
        }
    }
    let Some(reader) = state.reader.as_ref() else { return };
    if state.notes.save_failed.is_none() || !state.notes.dirty {
        return;
    }
    let mine = state.notes.to_save(&reader.doc.text);
    let effect = Effect::WriteRecovery { path: reader.path.clone(), title: reader.doc.meta.title.clone(), mine };
    perform(effect, env, &mut |action| {
        if let Action::Notice(text) | Action::Problem(text) = action
            && !farewell.contains(&text)
        {
            farewell.push(text);
        }
    });
}
