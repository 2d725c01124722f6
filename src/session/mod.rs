//! An article session: the one way to open an article — its document, the
//! speakers with the sidecar's corrections applied, its notes resolved
//! against the text, the fingerprint, and the problems found on the way —
//! and the one way to write its notes back. The reader, the command line
//! and the tests all go through here, so a correction or a moved passage is
//! handled the same whichever of them opens the article.

pub mod adopt;
pub mod catalog;
pub mod positions;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::anchor::{Resolution, describe, resolve_all};
use crate::config::Location;
use crate::document::{Document, LoadError, display_path};
use crate::notes::Resolved;
use crate::sidecar::{self, Annotation, SetAside, Sidecar, SidecarError};
use crate::speaker::{self, Attribution, Overrides};

pub use catalog::LibraryNote;
pub use positions::SavedPosition;

/// An open article.
#[derive(Debug)]
pub struct Article {
    pub path: PathBuf,
    pub doc: Arc<Document>,
    /// Who speaks each passage, the sidecar's corrections applied.
    pub attribution: Arc<Attribution>,
    /// Where the article's notes are kept.
    pub sidecar_path: PathBuf,
    /// The article's notes, each resolved against the text, or why its sidecar cannot be read.
    pub notes: Result<Vec<Resolved>, SidecarError>,
    /// The reading position (**byte** offset) the sidecar records.
    pub position: Option<usize>,
    /// [`sidecar::fingerprint`] of the text as opened: what the notes' offsets refer to.
    pub fingerprint: String,
    /// Speaker corrections that could not be applied, each naming the sidecar.
    pub problems: Vec<String>,
    /// Why the sidecar opens read-only (written by a newer gloss), if it does.
    pub read_only: Option<SidecarError>,
    /// Notes of the sidecar that could not be read, the file named from the
    /// library's folder: kept in the file as written, listed for review.
    pub set_aside: Vec<SetAside>,
}

impl Article {
    /// The notes as loaded: the base a save merges against.
    #[must_use]
    pub fn base(&self) -> Vec<Annotation> {
        self.notes.as_ref().map(|items| items.iter().map(|r| r.annotation.clone()).collect()).unwrap_or_default()
    }
}

/// Opens the article at `path` (larger files than `location` allows are
/// refused). Errors name `path` as given.
pub fn open(location: &Location, path: &Path) -> Result<Article, LoadError> {
    let doc = Document::load_with_limit(path, location.max_file_bytes)?;
    Ok(with_document(location, path, doc))
}

/// The session of an already loaded document: speakers, corrections, notes.
#[must_use]
pub fn with_document(location: &Location, path: &Path, doc: Document) -> Article {
    let mut attribution = speaker::detect(&doc);
    // A path as typed on the command line is relative to the working folder; the library's root is not.
    let sidecar_path = location.sidecar_for(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
    let mut problems = Vec::new();
    // The sidecar is read once: corrections, notes and position come from the same file.
    let mut read_only = None;
    let mut set_aside = Vec::new();
    let (notes, position) = match Sidecar::load(&sidecar_path) {
        Ok(Some(sidecar)) => {
            read_only = sidecar.read_only_reason();
            match sidecar.speakers() {
                Ok(overrides) => problems.extend(
                    overrides
                        .apply(&mut attribution, &doc.text)
                        .into_iter()
                        .map(|p| format!("{}: {p}", display_path(&sidecar_path))),
                ),
                Err(err) => problems.push(err.to_string()),
            }
            let notes = sidecar.annotations_and_set_aside().map(|(list, aside)| {
                set_aside = shown_from_library(location, &sidecar_path, aside);
                resolve_notes(&doc.text, list)
            });
            (notes, sidecar.position())
        }
        Ok(None) => (Ok(Vec::new()), None),
        Err(err) => (Err(err), None),
    };
    let fingerprint = sidecar::fingerprint(&doc.text);
    Article {
        path: path.to_path_buf(),
        doc: Arc::new(doc),
        attribution: Arc::new(attribution),
        sidecar_path,
        notes,
        position,
        fingerprint,
        problems,
        read_only,
        set_aside,
    }
}

/// Notes set aside, their sidecar named from the library's folder as people see it.
fn shown_from_library(location: &Location, sidecar_path: &Path, set_aside: Vec<SetAside>) -> Vec<SetAside> {
    let shown = display_path(&crate::document::relative_path(&location.root, sidecar_path));
    set_aside.into_iter().map(|a| SetAside { path: shown.clone(), ..a }).collect()
}

/// Why the sidecar of the article at `path` cannot be read, if it cannot:
/// for commands that print the text without opening a session.
#[must_use]
pub fn sidecar_problem(location: &Location, path: &Path) -> Option<SidecarError> {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    Sidecar::load(&location.sidecar_for(&absolute)).err()
}

/// The first `bytes` **bytes** of a big article with their speakers, to read
/// while the whole one loads; `None` when the article is small enough to open at once.
#[must_use]
pub fn preview(location: &Location, path: &Path, bytes: usize) -> Option<(Document, Attribution)> {
    let doc = Document::load_preview(path, location.max_file_bytes, bytes).ok().flatten()?;
    let attribution = speaker::detect(&doc);
    Some((doc, attribution))
}

/// A few screens of a big article from `percent` of its file on (100: its
/// end) with their speakers, for `G` or `50%` while the whole one loads;
/// `None` when the article is small enough to open at once.
#[must_use]
pub fn part_preview(location: &Location, path: &Path, percent: u8) -> Option<(Document, Attribution)> {
    let doc = Document::load_part(path, location.max_file_bytes, percent).ok().flatten()?;
    let attribution = speaker::detect(&doc);
    Some((doc, attribution))
}

/// As [`part_preview`], from the line holding **byte** `at` of the file on.
#[must_use]
pub fn part_preview_at(location: &Location, path: &Path, at: u64) -> Option<(Document, Attribution)> {
    let doc = Document::load_part_at(path, location.max_file_bytes, at).ok().flatten()?;
    let attribution = speaker::detect(&doc);
    Some((doc, attribution))
}

/// Each annotation and where its passage is in `text`.
#[must_use]
pub fn resolve_notes(text: &str, annotations: Vec<Annotation>) -> Vec<Resolved> {
    let selectors: Vec<&crate::anchor::Selector> = annotations.iter().map(|a| &a.selector).collect();
    let resolutions = resolve_all(text, &selectors);
    annotations
        .into_iter()
        .zip(resolutions)
        .map(|(annotation, resolution)| Resolved { annotation, resolution })
        .collect()
}

/// The annotations to write: those whose passage moved get selectors
/// describing where it is now in `text`; orphans are kept as they were.
#[must_use]
pub fn to_save(items: &[Resolved], text: &str) -> Vec<Annotation> {
    items
        .iter()
        .map(|r| {
            let mut a = r.annotation.clone();
            if let Resolution::Moved(range) = r.resolution {
                a.selector = describe(text, range);
            }
            a
        })
        .collect()
}

/// What a save writes besides the notes.
#[derive(Clone, Copy, Debug)]
pub struct SaveContext<'a> {
    /// The article's title, for a new sidecar.
    pub title: &'a str,
    /// The reading position (**byte** offset) to record, if any.
    pub position: Option<usize>,
    /// The fingerprint of the text the notes' offsets refer to; empty if unknown.
    pub fingerprint: &'a str,
}

/// Writes an article's notes (`mine`, from [`to_save`]), merging with
/// changes made to the sidecar elsewhere since `base` was read. Returns the
/// annotations as merged and written. No file is created for an article
/// without notes.
pub fn save(
    location: &Location,
    path: &Path,
    notes: (&[Annotation], &[Annotation]),
    context: SaveContext<'_>,
) -> Result<Vec<Annotation>, SidecarError> {
    save_listing(location, path, notes, context).map(|(saved, _)| saved)
}

/// [`save`], also telling the notes set aside in the file as written (their lines may have moved).
pub fn save_listing(
    location: &Location,
    path: &Path,
    (base, mine): (&[Annotation], &[Annotation]),
    context: SaveContext<'_>,
) -> Result<(Vec<Annotation>, Vec<SetAside>), SidecarError> {
    let sidecar_path = location.sidecar_for(path);
    let mut sidecar = match Sidecar::load(&sidecar_path)? {
        Some(existing) => existing,
        None if mine.is_empty() => return Ok((Vec::new(), Vec::new())),
        None => Sidecar::new(sidecar_path.clone(), &location.article_key(path), context.title),
    };
    // Read now, after `base` was: notes another gloss saved since are in it.
    // Merged with mine here, so the copy just read is the base of the save.
    let theirs = sidecar.annotations()?;
    let mine = sidecar::merge::merge(base, mine, &theirs);
    if !context.fingerprint.is_empty() {
        sidecar.set_fingerprint(context.fingerprint);
    }
    if let Some(position) = context.position {
        sidecar.set_position(position);
    }
    let saved = sidecar.save_merging(&theirs, &mine)?;
    Ok((saved, shown_from_library(location, &sidecar_path, sidecar.set_aside())))
}

/// Writes notes that cannot go to their sidecar to `<sidecar>.recovered.toml`
/// beside it or, when that folder cannot be written either, in gloss's state
/// folder or the temporary folder; returns the file written.
pub fn write_recovery(
    location: &Location,
    path: &Path,
    title: &str,
    mine: &[Annotation],
) -> Result<PathBuf, SidecarError> {
    let sidecar_path = location.sidecar_for(path);
    let mut name = sidecar_path.file_name().unwrap_or_default().to_os_string();
    name.push(".recovered.toml");
    let folders = [sidecar_path.parent().map(Path::to_path_buf), positions::state_dir(), Some(std::env::temp_dir())];
    let mut failure = None;
    for folder in folders.into_iter().flatten() {
        let recovery = folder.join(&name);
        let mut sidecar = Sidecar::new(recovery.clone(), &location.article_key(path), title);
        sidecar.set_annotations(mine);
        match sidecar.save() {
            Ok(()) => return Ok(recovery),
            Err(err) => failure = failure.or(Some(err)),
        }
    }
    Err(failure.unwrap_or_else(|| SidecarError::Invalid {
        path: name.to_string_lossy().into_owned(),
        message: "no folder to write to".into(),
    }))
}

/// Adds speaker corrections to the article's sidecar (creating it if
/// needed); they apply every time the article opens. Returns the sidecar.
pub fn save_corrections(
    location: &Location,
    path: &Path,
    title: &str,
    changes: &Overrides,
) -> Result<PathBuf, SidecarError> {
    let sidecar_path = location.sidecar_for(path);
    let mut sidecar = match Sidecar::load(&sidecar_path)? {
        Some(existing) => existing,
        None => Sidecar::new(sidecar_path.clone(), &location.article_key(path), title),
    };
    let mut overrides = sidecar.speakers()?;
    overrides.merge.extend(changes.merge.iter().cloned());
    overrides.rename.extend(changes.rename.iter().cloned());
    overrides.reassign.extend(changes.reassign.iter().cloned());
    sidecar.set_speakers(&overrides);
    sidecar.save()?;
    Ok(sidecar_path)
}

/// Takes `changes` — corrections added earlier by [`save_corrections`] — out
/// of the article's sidecar again: for each, the last entry equal to it, so
/// the same correction made twice is undone once. Returns the sidecar, or
/// `None` when it holds none of them (edited by hand since: nothing is written).
pub fn remove_corrections(
    location: &Location,
    path: &Path,
    changes: &Overrides,
) -> Result<Option<PathBuf>, SidecarError> {
    fn remove_last<T: PartialEq>(list: &mut Vec<T>, item: &T) -> bool {
        let found = list.iter().rposition(|x| x == item);
        found.map(|i| list.remove(i)).is_some()
    }
    let sidecar_path = location.sidecar_for(path);
    let Some(mut sidecar) = Sidecar::load(&sidecar_path)? else { return Ok(None) };
    let mut overrides = sidecar.speakers()?;
    let mut removed = false;
    for merge in &changes.merge {
        removed |= remove_last(&mut overrides.merge, merge);
    }
    for rename in &changes.rename {
        removed |= remove_last(&mut overrides.rename, rename);
    }
    for reassign in &changes.reassign {
        removed |= remove_last(&mut overrides.reassign, reassign);
    }
    if !removed {
        return Ok(None);
    }
    sidecar.set_speakers(&overrides);
    sidecar.save()?;
    Ok(Some(sidecar_path))
}

#[cfg(test)]
mod tests;
