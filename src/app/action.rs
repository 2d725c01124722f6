//! The vocabulary of gloss: every change to the app is an [`Action`] — a
//! [`Command`] a key is bound to, or a report from the shell (a key to look
//! up, a file loaded, notes saved). Tests are sequences of them.

use std::path::PathBuf;
use std::sync::Arc;

use super::command::Command;
use super::keymap::KeyChord;
use crate::document::Document;
use crate::library::ArticleMeta;
use crate::notes::Resolved;
use crate::sidecar::Annotation;
use crate::speaker::Attribution;

/// An article loaded off the UI thread, or why it could not be.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    pub result: Result<(Arc<Document>, Arc<Attribution>), String>,
    /// The article's notes, or why its sidecar could not be read.
    pub notes: Result<Vec<Resolved>, String>,
    /// The reading position the sidecar records (**byte** offset), if any.
    pub sidecar_position: Option<usize>,
    /// [`crate::sidecar::fingerprint`] of the text, computed off the UI thread once, for every save.
    pub fingerprint: String,
    /// Only the first screens of a big file: the whole one follows.
    pub preview: bool,
    /// Notes of the sidecar that could not be read, each with its file, line
    /// and what is wrong: kept in the file, listed for review.
    pub set_aside: Vec<String>,
}

/// The outcome of saving an article's notes: the annotations as merged and written.
#[derive(Debug, Clone)]
pub struct Saved {
    pub path: PathBuf,
    pub result: Result<Vec<Annotation>, String>,
    /// The notes set aside in the file as written (their lines may have moved).
    pub set_aside: Vec<String>,
}

/// Everything that can happen to the app: a command (from a key or a test)
/// or a report from the shell or from background work.
#[derive(Debug, Clone)]
pub enum Action {
    /// Run a bindable command.
    Command(Command),
    /// A key pressed: looked up in the keymap, or typed into a prompt.
    Key(KeyChord),
    /// A character typed into a prompt.
    Input(char),
    /// Text pasted into a prompt or the note editor.
    Paste(String),
    /// The mouse dragged to (column, row): selects text.
    Drag(u16, u16),
    /// Notes were written (or could not be).
    NotesSaved(Box<Saved>),
    /// The time now (RFC 3339) and a fresh seed for ids: the app reads no clock itself.
    Clock(String, u128),
    /// The terminal changed size (columns, rows).
    Resize(u16, u16),
    /// A mouse click at (column, row).
    Click(u16, u16),
    /// A second click at the same place soon after the first: opens what it is on.
    DoubleClick(u16, u16),
    /// The mouse wheel at (column, row), lines (negative: up).
    Scroll(u16, u16, i32),
    /// An article finished loading.
    ArticleLoaded(Box<Loaded>),
    /// A few screens of a big article still loading, read apart at a percent
    /// of its file (asked for by `G`: 100, or `50%`): the article's path, the
    /// percent, that text and its speakers.
    /// The percent is where in the file the text was read; for a search, the
    /// last is the **byte** of the file where the match is.
    PartLoaded(PathBuf, super::Part, u8, Arc<Document>, Arc<Attribution>, Option<u64>),
    /// The editor started with `E` exited: read the article again.
    Edited(std::path::PathBuf),
    /// Metadata of library entries arrived: (index into the entries, metadata), in batches.
    MetaLoaded(Vec<(usize, ArticleMeta)>),
    /// Every match of a search (the query, then **byte** ranges) was counted in the background.
    MatchesCounted(String, Vec<crate::text::ByteRange>),
    /// How far loading a big article has got: the stage, for the status bar.
    LoadProgress(PathBuf, String),
    /// Ctrl-Z: the shell stops gloss (the terminal is restored first).
    Suspend,
    /// The terminal could not be read any more (why).
    TerminalGone(String),
    /// Started without an article named: reopen the one read last, where it was.
    Resume,
    /// A signal or a hung-up terminal: quit without asking; notes that
    /// cannot be saved go to a recovery file.
    Terminate,
    /// Standard input, read by the shell before it took the terminal: show it in the reader.
    OpenStdin(Box<super::stdin::Piped>),
    /// Text from standard input was written into the library: the file and its name there (or why not).
    TextSaved(super::stdin::SavedText),
    /// Speaker corrections were written to (or taken out of) the article's sidecar, or could not be.
    CorrectionSaved(Box<super::corrections::CorrectionSaved>),
    /// Something the user should hear about from background work.
    Notice(String),
    /// Something that went wrong outside the app (a file not written, a setting ignored).
    Problem(String),
    /// The reading positions remembered from earlier runs.
    PositionsLoaded(std::collections::HashMap<PathBuf, super::SavedPosition>),
    /// The notes of every article in the library were read.
    LibraryNotesLoaded(Vec<super::LibraryNote>),
    /// The library's index answered (or reported progress).
    IndexReplied(Box<crate::index::shared::IndexReply>),
}

impl From<Command> for Action {
    fn from(command: Command) -> Self {
        Action::Command(command)
    }
}
