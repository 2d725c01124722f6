//! One article as every command opens it, through the session: the
//! document, its speakers after the sidecar's corrections, and (when asked)
//! its notes re-anchored.

use std::path::Path;
use std::sync::Arc;

use super::CliError;
use super::select::shown_path;
use crate::config::{self, Location};
use crate::document::Document;
use crate::notes::Resolved;
use crate::session;
use crate::speaker::{self, Attribution};

pub(super) struct Opened {
    /// The path every output shows ([`shown_path`]).
    pub path: String,
    pub location: Location,
    /// The session's article (`None` when speakers were not asked for).
    pub session: Option<session::Article>,
    pub doc: Arc<Document>,
    pub attribution: Arc<Attribution>,
    /// The notes, re-anchored in the current text; `None` when not asked for.
    pub notes: Option<Vec<Resolved>>,
}

/// What to open besides the document.
#[derive(Clone, Copy, Debug)]
pub(super) struct Want {
    pub notes: bool,
    /// Speaker detection; without it the attribution is empty (plain `show` of a huge file).
    pub speakers: bool,
    /// Notices and sidecar problems to stderr (`list` reports its own way).
    pub report: bool,
}

impl Want {
    pub const SPEAKERS: Self = Self { notes: false, speakers: true, report: true };
    pub const NOTES: Self = Self { notes: true, speakers: true, report: true };
}

/// Opens `file`: loads it (notices on stderr), detects its speakers, applies
/// the sidecar's speaker corrections, and loads its notes when asked. A
/// sidecar that cannot be read is an error only when the notes are wanted.
pub(super) fn open(file: &Path, cwd: &Path, want: Want) -> Result<Opened, CliError> {
    if super::input::is_stdin(file) {
        return open_stdin(cwd, want);
    }
    let location = config::locate(Some(file), cwd)?;
    // A path as typed is opened as typed (its errors name it so); one found in a
    // folder, relative to the current folder when inside it.
    let local = if file.is_absolute() { file.strip_prefix(cwd).unwrap_or(file) } else { file }.to_path_buf();
    let path = shown_path(cwd, file);
    let warn = |message: String| {
        if want.report {
            eprintln!("gloss: {message}");
        }
    };
    if !want.speakers {
        let doc = Document::load_with_limit(&local, location.max_file_bytes)?;
        for notice in &doc.notices {
            warn(format!("{path}: {notice}"));
        }
        if let Some(err) = session::sidecar_problem(&location, &local) {
            warn(err.to_string());
        }
        let attribution = Arc::new(Attribution { speakers: Vec::new(), passages: Vec::new() });
        return Ok(Opened { path, location, session: None, doc: Arc::new(doc), attribution, notes: None });
    }
    let mut article = session::open(&location, &local)?;
    for notice in &article.doc.notices {
        warn(format!("{path}: {notice}"));
    }
    for problem in &article.problems {
        warn(problem.clone());
    }
    let notes = if want.notes {
        Some(std::mem::replace(&mut article.notes, Ok(Vec::new()))?)
    } else {
        if let Err(err) = &article.notes {
            warn(err.to_string());
        }
        None
    };
    let (doc, attribution) = (Arc::clone(&article.doc), Arc::clone(&article.attribution));
    Ok(Opened { path, location, session: Some(article), doc, attribution, notes })
}

/// Standard input as an article: no file, so no sidecar, no corrections and
/// no notes (asking for notes is refused with [`CliError::NoFile`]).
fn open_stdin(cwd: &Path, want: Want) -> Result<Opened, CliError> {
    if want.notes {
        return Err(CliError::NoFile);
    }
    let location = config::locate(None, cwd)?;
    let doc = super::input::read_stdin()?;
    if want.report {
        for notice in &doc.notices {
            eprintln!("gloss: {}: {notice}", super::input::STDIN_NAME);
        }
    }
    let attribution =
        if want.speakers { speaker::detect(&doc) } else { Attribution { speakers: Vec::new(), passages: Vec::new() } };
    Ok(Opened {
        path: super::input::STDIN_NAME.to_owned(),
        location,
        session: None,
        doc: Arc::new(doc),
        attribution: Arc::new(attribution),
        notes: None,
    })
}

impl Opened {
    /// The notes (empty when they were not loaded).
    pub fn items(&self) -> Vec<&Resolved> {
        self.notes.as_ref().map(|n| n.iter().collect()).unwrap_or_default()
    }

    /// Who speaks a note's passage **now**, after renames and merges: the
    /// speaker answering to the name stamped on the note (the one speaking
    /// where the note now lies, if several do), else whoever speaks there.
    pub fn note_speaker(&self, r: &Resolved) -> Option<String> {
        let a = &self.attribution;
        let here = r.resolution.range().and_then(|range| a.passage_at(range.start)).and_then(|p| p.speaker);
        if let Some(stamped) = r.annotation.speaker.as_deref() {
            let answering: Vec<speaker::SpeakerId> = (0..a.speakers.len())
                .map(speaker::SpeakerId)
                .filter(|id| a.speakers[id.0].answers_to(stamped))
                .collect();
            let pick = here.filter(|h| answering.contains(h)).or_else(|| answering.first().copied());
            if let Some(id) = pick {
                return Some(a.speakers[id.0].name.clone());
            }
        }
        here.map(|id| a.speakers[id.0].name.clone()).or_else(|| r.annotation.speaker.clone())
    }
}
