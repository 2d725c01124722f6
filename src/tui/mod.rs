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
use crate::app::{Action, AppState, Effect, LibraryNote, Loaded, Message, Saved, update};
use crate::config::Location;
use crate::config::settings::Settings;
use crate::document::{Document, display_path, relative_path};
use crate::library::cache::{FileStamp, MetaCache};
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
    let mut sidecar_position = None;
    let notes = match &result {
        Ok((doc, _)) => {
            let sidecar_path = sidecar::path_for(&location.annotations, &location.root, &path);
            crate::notes::Notes::load(&sidecar_path, &doc.text)
                .map(|n| {
                    sidecar_position = n.position();
                    n.items
                })
                .map_err(|e| e.to_string())
        }
        Err(_) => Ok(Vec::new()),
    };
    let fingerprint = result.as_ref().map(|(doc, _)| sidecar::fingerprint(&doc.text)).unwrap_or_default();
    Loaded { path, result, notes, sidecar_position, fingerprint, preview: false }
}

/// Saves an article's notes and reading position (**byte** offset), merging
/// with changes made to the sidecar elsewhere. `fingerprint` is that of the
/// text the notes' offsets refer to (the article as open), empty if unknown.
pub fn save_notes(
    location: &Location,
    path: &std::path::Path,
    title: &str,
    notes: (&[crate::sidecar::Annotation], &[crate::sidecar::Annotation]),
    (position, fingerprint): (usize, &str),
) -> Result<Vec<crate::sidecar::Annotation>, String> {
    let (base, mine) = notes;
    let sidecar_path = sidecar::path_for(&location.annotations, &location.root, path);
    let mut sidecar = match Sidecar::load(&sidecar_path).map_err(|e| e.to_string())? {
        Some(existing) => existing,
        None if mine.is_empty() => return Ok(Vec::new()),
        None => Sidecar::new(sidecar_path.clone(), &sidecar::article_key(&location.root, path), title),
    };
    if !fingerprint.is_empty() {
        sidecar.set_fingerprint(fingerprint);
    }
    sidecar.set_position(position);
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
    let mut sidecar = Sidecar::new(recovery.clone(), &sidecar::article_key(&location.root, path), title);
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

/// Every note of every article in `paths`, for the library-wide list.
/// Sidecars that cannot be read are skipped: opening their article says why.
#[must_use]
pub fn read_library_notes(location: &Location, paths: &[PathBuf]) -> Vec<LibraryNote> {
    let mut found = Vec::new();
    for path in paths {
        let sidecar_path = sidecar::path_for(&location.annotations, &location.root, path);
        let Ok(Some(sidecar)) = Sidecar::load(&sidecar_path) else { continue };
        let title = sidecar.title().map_or_else(|| crate::document::title_from_file_name(path), str::to_owned);
        for annotation in sidecar.annotations().unwrap_or_default() {
            found.push(LibraryNote { article: path.clone(), title: title.clone(), annotation });
        }
    }
    found
}

fn spawn_metadata(paths: Vec<PathBuf>, location: Location, tx: Sender<Action>) {
    std::thread::spawn(move || {
        // Renamed articles get their notes back before note counts are read.
        let without_sidecar: Vec<PathBuf> = paths
            .iter()
            .filter(|p| !sidecar::path_for(&location.annotations, &location.root, p).exists())
            .cloned()
            .collect();
        let moved: Vec<String> = crate::notes::relink::relink_stranded(&location, &without_sidecar)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|outcome| match outcome {
                crate::notes::relink::Relink::Moved { article, .. } => {
                    Some(display_path(&relative_path(&location.root, &article)))
                }
                crate::notes::relink::Relink::Missing { .. } => None,
            })
            .collect();
        if !moved.is_empty() {
            let _ = tx.send(Action::Notice(format!("notes re-linked to renamed {}", moved.join(", "))));
        }
        read_metadata(&paths, &location, &tx);
    });
}

/// Sends the library's metadata in batches: from the cache when a file is
/// unchanged, read and parsed otherwise; then saves the cache.
fn read_metadata(paths: &[PathBuf], location: &Location, tx: &Sender<Action>) {
    let cache_path = positions::state_dir().map(|d| d.join("library-cache.json"));
    let mut cache = cache_path.as_deref().map(MetaCache::load).unwrap_or_default();
    let mut batch = Vec::new();
    let mut sent = std::time::Instant::now();
    for (index, path) in paths.iter().enumerate() {
        let stamp = FileStamp::of(path);
        let mut meta = match stamp.as_ref().and_then(|s| cache.get(path, s)) {
            Some(meta) => meta,
            None => {
                let meta = ArticleMeta::read(path, location.max_file_bytes);
                if let Some(stamp) = stamp {
                    cache.insert(path.clone(), stamp, &meta);
                }
                meta
            }
        };
        let sidecar_path = sidecar::path_for(&location.annotations, &location.root, path);
        if sidecar_path.exists() {
            meta.notes = Sidecar::load(&sidecar_path).ok().flatten().map_or(0, |s| s.note_count());
        }
        batch.push((index, meta));
        // Batches keep the list re-sorting a few times a second, not once per article.
        if batch.len() >= META_BATCH || sent.elapsed() > Duration::from_millis(50) {
            if tx.send(Action::MetaLoaded(std::mem::take(&mut batch))).is_err() {
                return;
            }
            sent = std::time::Instant::now();
        }
    }
    if !batch.is_empty() {
        let _ = tx.send(Action::MetaLoaded(batch));
    }
    cache.retain(&paths.iter().cloned().collect());
    if let Some(file) = &cache_path {
        // A cache that cannot be written only costs time at the next start.
        let _ = cache.save(file);
    }
}

/// Library entries per metadata report.
const META_BATCH: usize = 1024;

/// Loads an article off the UI thread. A big one shows its first screens
/// at once (a preview), then the whole text once it is read and indexed.
fn spawn_load(path: PathBuf, location: Location, tx: Sender<Action>) {
    std::thread::spawn(move || {
        if let Ok(Some(preview)) = Document::load_preview(&path, location.max_file_bytes) {
            let attribution = speaker::detect(&preview);
            let loaded = Loaded {
                path: path.clone(),
                result: Ok((Arc::new(preview), Arc::new(attribution))),
                notes: Ok(Vec::new()),
                sidecar_position: None,
                fingerprint: String::new(),
                preview: true,
            };
            let _ = tx.send(Action::ArticleLoaded(Box::new(loaded)));
            let _ = tx.send(Action::LoadProgress(path.clone(), "reading and finding speakers…".to_owned()));
        }
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

/// Reads terminal events on a thread of its own and sends them on as
/// actions into the one channel the loop waits on, with the background
/// reports: whichever comes first wakes the loop at once. The loop keeps
/// seeing signals even if the terminal misbehaves (a hung-up terminal can
/// keep a blocking read spinning).
fn spawn_terminal_reader(tx: Sender<Action>) {
    std::thread::spawn(move || {
        loop {
            let action = match event::read() {
                Ok(Event::Key(key)) if keys::is_suspend(&key) => Some(Action::Suspend),
                Ok(event) => keys::action(&event),
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

/// Starts the work that runs off the UI thread and reports back as an
/// [`Action`]; hands back the effects the loop carries out itself.
fn start_background(
    effect: Effect,
    location: &Location,
    paths: &[PathBuf],
    tx: &Sender<Action>,
    saves: &mut Vec<std::thread::JoinHandle<()>>,
) -> Option<Effect> {
    let (location, tx) = (location.clone(), tx.clone());
    match effect {
        Effect::Load(path) => spawn_load(path, location, tx),
        Effect::CountMatches { doc, query } => {
            std::thread::spawn(move || {
                let matches = crate::app::reader::find_all(&doc.0.text, &query);
                let _ = tx.send(Action::MatchesCounted(query, matches));
            });
        }
        Effect::LoadLibraryNotes => {
            let paths = paths.to_vec();
            std::thread::spawn(move || {
                let _ = tx.send(Action::LibraryNotesLoaded(read_library_notes(&location, &paths)));
            });
        }
        Effect::SaveNotes { path, title, base, mine, position, fingerprint } => {
            saves.push(std::thread::spawn(move || {
                let result = save_notes(&location, &path, &title, (&base, &mine), (position, &fingerprint));
                let _ = tx.send(Action::NotesSaved(Box::new(Saved { path, result })));
            }));
        }
        other => return Some(other),
    }
    None
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
    spawn_terminal_reader(tx.clone());
    effects.extend(update(&mut state, clock()));
    let result = (|| -> std::io::Result<()> {
        loop {
            for effect in effects.drain(..) {
                let Some(effect) = start_background(effect, &location, &paths, &tx, &mut saves) else { continue };
                match effect {
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
                    Effect::Load(_)
                    | Effect::CountMatches { .. }
                    | Effect::LoadLibraryNotes
                    | Effect::SaveNotes { .. } => {}
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
    terminal::leave();
    result
}
