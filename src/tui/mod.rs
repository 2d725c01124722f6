//! The terminal shell: sets the terminal up, turns events into actions,
//! runs [`crate::app::update`], carries out its effects, and draws.
//! Loading articles and reading library metadata happen on worker threads
//! that report back with actions, so the screen never waits for the disk.

pub mod keys;
pub mod positions;
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
use crate::app::{Action, AppState, Effect, Loaded, Message, Saved, update};
use crate::config::Location;
use crate::config::settings::Settings;
use crate::document::{Document, display_path, relative_path};
use crate::library::{self, ArticleMeta};
use crate::sidecar::{self, Sidecar};
use crate::speaker;

/// What the TUI needs to start.
pub struct Launch {
    pub location: Location,
    pub settings: Settings,
    pub keymap: Keymap,
    /// Messages about the configuration, shown in the status bar.
    pub warnings: Vec<String>,
}

/// An article with its speakers (corrections applied).
pub type Article = (Arc<Document>, Arc<speaker::Attribution>);

/// Loads an article and its notes, as [`Action::ArticleLoaded`] reports them.
#[must_use]
pub fn load_with_notes(path: PathBuf, location: &Location) -> Loaded {
    let result = load_article(&path, location);
    let notes = match &result {
        Ok((doc, _)) => {
            let sidecar_path = sidecar::path_for(&location.annotations, &location.root, &path);
            crate::notes::Notes::load(&sidecar_path, &doc.text).map(|n| n.items).map_err(|e| e.to_string())
        }
        Err(_) => Ok(Vec::new()),
    };
    Loaded { path, result, notes }
}

/// Saves an article's notes, merging with changes made to the sidecar elsewhere.
pub fn save_notes(
    location: &Location,
    path: &std::path::Path,
    title: &str,
    base: &[crate::sidecar::Annotation],
    mine: &[crate::sidecar::Annotation],
) -> Result<Vec<crate::sidecar::Annotation>, String> {
    let sidecar_path = sidecar::path_for(&location.annotations, &location.root, path);
    let mut sidecar = match Sidecar::load(&sidecar_path).map_err(|e| e.to_string())? {
        Some(existing) => existing,
        None if mine.is_empty() => return Ok(Vec::new()),
        None => Sidecar::new(sidecar_path.clone(), &relative_path(&location.root, path), title),
    };
    if let Ok(doc) = Document::load_with_limit(path, location.max_file_bytes) {
        sidecar.set_fingerprint(&sidecar::fingerprint(&doc.text));
    }
    sidecar.save_merging(base, mine).map_err(|e| e.to_string())
}

/// Writes notes that cannot go to an unreadable sidecar to `<sidecar>.recovered.toml`.
fn write_recovery(
    location: &Location,
    path: &std::path::Path,
    title: &str,
    mine: &[crate::sidecar::Annotation],
) -> Result<PathBuf, String> {
    let sidecar_path = sidecar::path_for(&location.annotations, &location.root, path);
    let mut name = sidecar_path.file_name().unwrap_or_default().to_os_string();
    name.push(".recovered.toml");
    let recovery = sidecar_path.with_file_name(name);
    let mut sidecar = Sidecar::new(recovery.clone(), &relative_path(&location.root, path), title);
    sidecar.set_annotations(mine);
    sidecar.save().map_err(|e| e.to_string())?;
    Ok(recovery)
}

/// Loads an article with its speakers and the corrections in its sidecar.
pub fn load_article(path: &std::path::Path, location: &Location) -> Result<Article, String> {
    let doc = Document::load_with_limit(path, location.max_file_bytes).map_err(|e| e.to_string())?;
    let mut attribution = speaker::detect(&doc);
    let sidecar_path = sidecar::path_for(&location.annotations, &location.root, path);
    if let Ok(Some(sidecar)) = Sidecar::load(&sidecar_path)
        && let Ok(overrides) = sidecar.speakers()
    {
        overrides.apply(&mut attribution, &doc.text);
    }
    Ok((Arc::new(doc), Arc::new(attribution)))
}

fn spawn_metadata(paths: Vec<PathBuf>, location: Location, tx: Sender<Action>) {
    std::thread::spawn(move || {
        for (index, path) in paths.into_iter().enumerate() {
            let mut meta = ArticleMeta::read(&path, location.max_file_bytes);
            let sidecar_path = sidecar::path_for(&location.annotations, &location.root, &path);
            meta.notes = Sidecar::load(&sidecar_path).ok().flatten().map_or(0, |s| s.note_count());
            if tx.send(Action::MetaLoaded(index, Box::new(meta))).is_err() {
                return;
            }
        }
    });
}

fn spawn_load(path: PathBuf, location: Location, tx: Sender<Action>) {
    std::thread::spawn(move || {
        let _ = tx.send(Action::ArticleLoaded(Box::new(load_with_notes(path, &location))));
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

/// Reads terminal events on a thread of its own, so the loop keeps seeing
/// signals and background reports even if the terminal misbehaves (a
/// hung-up terminal can keep a blocking read spinning).
fn spawn_terminal_reader() -> Receiver<std::io::Result<Event>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        loop {
            let read = event::read();
            let failed = read.is_err();
            if tx.send(read).is_err() || failed {
                return;
            }
        }
    });
    rx
}

/// The actions waiting: background reports first, then terminal events.
fn next_actions(
    rx: &Receiver<Action>,
    terminal: &Receiver<std::io::Result<Event>>,
    timeout: Duration,
) -> std::io::Result<Vec<(Option<Event>, Option<Action>)>> {
    let mut actions: Vec<(Option<Event>, Option<Action>)> = rx.try_iter().map(|a| (None, Some(a))).collect();
    let wait = if actions.is_empty() { timeout } else { Duration::ZERO };
    let first = match terminal.recv_timeout(wait) {
        Ok(event) => Some(event),
        Err(mpsc::RecvTimeoutError::Timeout) => None,
        Err(mpsc::RecvTimeoutError::Disconnected) => Some(Err(std::io::Error::other("the terminal closed"))),
    };
    // Take what is already queued, so a burst of resizes draws once.
    for event in first.into_iter().chain(terminal.try_iter().take(MAX_BATCH)) {
        let ev = event?;
        let action = keys::action(&ev);
        actions.push((Some(ev), action));
    }
    Ok(actions)
}

/// Runs the reader until the user quits or a signal arrives.
pub fn run(launch: Launch) -> std::io::Result<()> {
    let Launch { location, settings, keymap, warnings } = launch;
    let paths = library::discover(&location.library).map_err(std::io::Error::other)?;
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
    let positions_file = positions::file();
    if let Some(file) = &positions_file {
        state.positions = positions::load(file);
        state.apply_positions();
    }
    if let Some(first) = warnings.first() {
        let more = if warnings.len() > 1 { format!(" (+{} more)", warnings.len() - 1) } else { String::new() };
        state.message = Some(Message { text: format!("{first}{more}"), error: true });
    }
    let mut effects = Vec::new();
    if location.library.is_file() {
        // One article: open it straight away.
        effects.extend(update(&mut state, Action::Open));
    }
    // Test-only: the end-to-end tests set GLOSS_TEST_PANIC=render or =update to
    // prove a panic still restores the terminal. Read here, in the shell, only.
    let test_panic = std::env::var("GLOSS_TEST_PANIC").unwrap_or_default();
    let mut saves: Vec<std::thread::JoinHandle<()>> = Vec::new();
    let terminal_events = spawn_terminal_reader();
    effects.extend(update(&mut state, clock()));
    let result = (|| -> std::io::Result<()> {
        loop {
            for effect in effects.drain(..) {
                match effect {
                    Effect::Load(path) => spawn_load(path, location.clone(), tx.clone()),
                    Effect::SaveNotes { path, title, base, mine } => {
                        let (location, tx) = (location.clone(), tx.clone());
                        saves.push(std::thread::spawn(move || {
                            let result = save_notes(&location, &path, &title, &base, &mine);
                            let _ = tx.send(Action::NotesSaved(Box::new(Saved { path, result })));
                        }));
                    }
                    Effect::WriteRecovery { path, title, mine } => {
                        state.message = Some(match write_recovery(&location, &path, &title, &mine) {
                            Ok(file) => {
                                Message { text: format!("notes written to {}", display_path(&file)), error: false }
                            }
                            Err(err) => {
                                Message { text: format!("could not write a recovery file: {err}"), error: true }
                            }
                        });
                    }
                    Effect::SavePositions => {
                        if let Some(file) = &positions_file
                            && let Err(err) = positions::save(file, &state.positions)
                        {
                            state.message =
                                Some(Message { text: format!("could not save reading positions: {err}"), error: true });
                        }
                    }
                    Effect::Quit => {
                        // Notes being saved are written before gloss exits.
                        for save in saves.drain(..) {
                            let _ = save.join();
                        }
                        return Ok(());
                    }
                }
            }
            // A hung-up terminal (its window closed) answers size queries with an error:
            // treat it like SIGHUP, so gloss saves and exits instead of polling a dead tty.
            let hung_up = ratatui::crossterm::terminal::size().is_err();
            if stop.load(Ordering::SeqCst) || hung_up {
                stop.store(false, Ordering::SeqCst);
                effects.extend(update(&mut state, Action::Quit));
                continue;
            }
            saves.retain(|s| !s.is_finished());
            tui.draw(|frame| {
                view::render(&state, &theme, frame);
                assert!(test_panic != "render", "GLOSS_TEST_PANIC=render: a panic inside render");
            })?;
            effects.extend(update(&mut state, clock()));
            for (event, action) in next_actions(&rx, &terminal_events, Duration::from_millis(100))? {
                if let Some(Event::Key(key)) = &event
                    && keys::is_suspend(key)
                {
                    terminal::suspend(&mut tui)?;
                    continue;
                }
                if let Some(action) = action {
                    assert!(
                        test_panic != "update" || event.is_none(),
                        "GLOSS_TEST_PANIC=update: a panic inside update"
                    );
                    effects.extend(update(&mut state, action));
                }
            }
        }
    })();
    terminal::leave();
    result
}
