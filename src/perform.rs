//! Carrying out an [`Effect`]: the one place the app's requests meet the
//! disk, through [`crate::session`]. Each result comes back as an
//! [`Action`] for [`crate::app::update`], the only place state changes. The
//! reader runs `perform` on its worker threads, the tests call it directly,
//! and the command line opens and saves articles through the same session.

use std::path::PathBuf;
use std::sync::Arc;

use crate::app::corrections::CorrectionSaved;
use crate::app::{Action, Effect, Loaded, Part, Saved};
use crate::config::Location;
use crate::document::{FIRST_SCREENS_BYTES, PREVIEW_BYTES, display_path};
use crate::session::{self, SaveContext};

/// What effects are carried out against.
#[derive(Clone, Debug)]
pub struct Env {
    pub location: Location,
    /// Where reading positions are remembered; `None` remembers nothing.
    pub positions_file: Option<PathBuf>,
}

/// Carries out `effect`, handing each result to `send` as it comes (a big
/// article's preview arrives before the whole of it). [`Effect::Quit`] is
/// the shell's to carry out: nothing happens here.
pub fn perform(effect: Effect, env: &Env, send: &mut dyn FnMut(Action)) {
    let location = &env.location;
    match effect {
        Effect::Load(path) => load_in_steps(location, path, send),
        Effect::LoadPart(path, Part::Percent(percent)) => {
            if let Some((doc, attribution)) = session::part_preview(location, &path, percent) {
                let part = Part::Percent(percent);
                send(Action::PartLoaded(path, part, percent, Arc::new(doc), Arc::new(attribution), None));
            }
        }
        Effect::LoadPart(path, part @ Part::Match { .. }) => {
            let Part::Match { query, from_byte } = &part else { return };
            match find_in_file(&path, query, *from_byte) {
                Ok(Some((at, size))) => {
                    // A few lines before the match, so that it shows below the top as a search does.
                    let from = at.saturating_sub(MATCH_CONTEXT_BYTES);
                    if let Some((doc, attribution)) = session::part_preview_at(location, &path, from) {
                        let percent = u8::try_from(at * 100 / size.max(1)).unwrap_or(100);
                        let (doc, attribution) = (Arc::new(doc), Arc::new(attribution));
                        send(Action::PartLoaded(path, part, percent, doc, attribution, Some(at)));
                    }
                }
                Ok(None) => send(Action::Problem(format!("\"{query}\" is not in the rest of the article"))),
                Err(err) => send(Action::Problem(format!("could not search {}: {err}", display_path(&path)))),
            }
        }
        Effect::SavePositions(positions) => {
            if let Some(file) = &env.positions_file
                && let Err(err) = session::positions::save(file, &positions)
            {
                send(Action::Problem(format!("could not save reading positions: {err}")));
            }
        }
        // The reading position is not written to the sidecar: it lives in the
        // state file, so reading alone never changes a notes folder kept in git.
        Effect::SaveNotes { path, title, base, mine, position: _, fingerprint } => {
            let context = SaveContext { title: &title, position: None, fingerprint: &fingerprint };
            let (result, set_aside) = match session::save_listing(location, &path, (&base, &mine), context) {
                Ok((saved, aside)) => (Ok(saved), aside.iter().map(ToString::to_string).collect()),
                Err(err) => (Err(err.to_string()), Vec::new()),
            };
            send(Action::NotesSaved(Box::new(Saved { path, result, set_aside })));
        }
        Effect::CountMatches { doc, query } => {
            let matches = crate::app::reader::find_all(&doc.0.text, &query);
            send(Action::MatchesCounted(query, matches));
        }
        Effect::LoadLibraryNotes(paths) => {
            send(Action::LibraryNotesLoaded(session::catalog::library_notes(location, &paths)));
        }
        Effect::SaveCorrection { title, made } => {
            let result = session::save_corrections(location, &made.path, &title, &made.changes);
            let result = result.map(Some).map_err(|e| e.to_string());
            send(Action::CorrectionSaved(Box::new(CorrectionSaved { made, undo: false, result })));
        }
        Effect::UndoCorrection(made) => {
            let result = session::remove_corrections(location, &made.path, &made.changes).map_err(|e| e.to_string());
            send(Action::CorrectionSaved(Box::new(CorrectionSaved { made, undo: true, result })));
        }
        Effect::WriteRecovery { path, title, mine } => {
            send(match session::write_recovery(location, &path, &title, &mine) {
                Ok(file) => Action::Notice(format!("notes written to {}", display_path(&file))),
                Err(err) => Action::Problem(format!("could not write a recovery file: {err}")),
            });
        }
        Effect::SaveToLibrary { bytes, title, extension } => {
            let result = session::adopt::save_text(location, &title, extension, &bytes.0)
                .map(|path| {
                    let name = display_path(&crate::document::relative_path(&location.root, &path));
                    (path, name)
                })
                .map_err(|e| e.to_string());
            send(Action::TextSaved(result));
        }
        Effect::Index(request) => {
            yield_to_the_screen();
            crate::index::shared::serve(location, &request, &mut |reply| {
                send(Action::IndexReplied(Box::new(reply)));
            });
        }
        // The shell carries these out itself: they need the terminal.
        Effect::Quit | Effect::Copy(_) | Effect::Edit { .. } => {}
    }
}

/// Loads an article; a big one in steps: a few screens at once, many
/// screens a moment later (in place), then the whole of it.
fn load_in_steps(location: &Location, path: PathBuf, send: &mut dyn FnMut(Action)) {
    // Many screens are worth a step only when the whole is much more.
    let size = std::fs::metadata(&path).map_or(u64::MAX, |m| m.len());
    let steps = if size > 4 * PREVIEW_BYTES as u64 {
        &[FIRST_SCREENS_BYTES, PREVIEW_BYTES][..]
    } else {
        &[FIRST_SCREENS_BYTES]
    };
    for &bytes in steps {
        let Some((doc, attribution)) = session::preview(location, &path, bytes) else { break };
        send(Action::ArticleLoaded(Box::new(Loaded {
            path: path.clone(),
            result: Ok((Arc::new(doc), Arc::new(attribution))),
            notes: Ok(Vec::new()),
            sidecar_position: None,
            fingerprint: String::new(),
            preview: true,
            set_aside: Vec::new(),
        })));
        if bytes == FIRST_SCREENS_BYTES {
            send(Action::LoadProgress(path.clone(), "reading and finding speakers…".to_owned()));
            // The first screens are out: the rest must not take the CPU from
            // the terminal drawing them (on two cores it did, by tens of ms).
            yield_to_the_screen();
        }
    }
    send(Action::ArticleLoaded(Box::new(load(location, path))));
}

/// Lowers the calling thread's priority (to nice 10 on Linux) for work
/// nobody waits on: indexing a big article, the library's search index, its
/// metadata. Keys, frames and the terminal emulator then come first, and
/// the work still gets every cycle they leave. Threads it spawns inherit
/// it; a thread cannot raise it back, so call it only on a worker's own thread.
pub fn yield_to_the_screen() {
    // A nice of 10; a system that refuses leaves the thread as it was, which is only slower.
    if let Ok(value) = thread_priority::ThreadPriorityValue::try_from(BACKGROUND_PRIORITY) {
        let _ = thread_priority::set_current_thread_priority(thread_priority::ThreadPriority::Crossplatform(value));
    }
}

/// `thread_priority`'s cross-platform scale, 0 (lowest) to 99: 22 is nice 10 on Linux.
const BACKGROUND_PRIORITY: u8 = 22;

/// Carries out `effect` and returns its results in order.
#[must_use]
pub fn perform_all(effect: Effect, env: &Env) -> Vec<Action> {
    let mut actions = Vec::new();
    perform(effect, env, &mut |action| actions.push(action));
    actions
}

/// Opens an article through the session, as [`Action::ArticleLoaded`] reports it.
#[must_use]
pub fn load(location: &Location, path: PathBuf) -> Loaded {
    match session::open(location, &path) {
        Ok(article) => Loaded {
            path,
            result: Ok((article.doc, article.attribution)),
            notes: article.notes.map_err(|e| e.to_string()),
            sidecar_position: article.position,
            fingerprint: article.fingerprint,
            preview: false,
            set_aside: article.set_aside.iter().map(ToString::to_string).collect(),
        },
        Err(err) => Loaded {
            path,
            result: Err(err.to_string()),
            notes: Ok(Vec::new()),
            sidecar_position: None,
            fingerprint: String::new(),
            preview: false,
            set_aside: Vec::new(),
        },
    }
}

/// **Bytes** read before a match found in the file, so that it shows a few lines down.
const MATCH_CONTEXT_BYTES: u64 = 1024;

/// The first match of `query` (smart case, as the reader searches) at or after
/// **byte** `from` of the file, and the file's size: read in chunks straight
/// from the file, for `n` while a big article is still being indexed.
fn find_in_file(path: &std::path::Path, query: &str, from: u64) -> std::io::Result<Option<(u64, u64)>> {
    use std::io::{Read, Seek, SeekFrom};
    const CHUNK: usize = 8 << 20;
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    let overlap = query.len() * 4;
    let mut at = from.min(size);
    let mut buffer = Vec::with_capacity(CHUNK + overlap);
    while at < size {
        file.seek(SeekFrom::Start(at))?;
        buffer.clear();
        file.by_ref().take((CHUNK + overlap) as u64).read_to_end(&mut buffer)?;
        // A chunk may start and end inside a character: only whole ones are searched.
        let skip = buffer.iter().take(3).take_while(|b| (0x80..0xC0).contains(*b)).count();
        let (text, broken) = match std::str::from_utf8(&buffer[skip..]) {
            Ok(text) => (text, false),
            Err(e) => {
                (std::str::from_utf8(&buffer[skip..skip + e.valid_up_to()]).unwrap_or(""), e.error_len().is_some())
            }
        };
        if let Some(hit) = crate::app::reader::search::find_next(text, query, 0, true) {
            return Ok(Some((at + (skip + hit.start) as u64, size)));
        }
        if broken {
            // Bytes that are not UTF-8 inside the chunk: go on just past them.
            at += (skip + text.len() + 1) as u64;
            continue;
        }
        if buffer.len() <= CHUNK {
            break;
        }
        at += CHUNK as u64;
    }
    Ok(None)
}
