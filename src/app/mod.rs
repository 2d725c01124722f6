//! The app layer: [`AppState`], the [`Action`] vocabulary, and [`update`],
//! the only place state changes. `update` returns [`Effect`]s (load an
//! article, save reading positions, quit) for the shell to carry out; it
//! never touches the terminal, the disk or the clock.

pub mod action;
mod annotate;
pub mod keymap;
pub mod library;
pub mod library_notes;
mod mouse;
pub mod notes;
mod opening;
pub mod reader;
pub mod screen;
pub mod speakers;
mod update;

use std::collections::HashMap;
use std::path::PathBuf;

pub use action::{Action, Loaded, Saved};
pub use annotate::filtered as filtered_notes;
pub use update::update;

use crate::config::settings::Settings;
use keymap::{KeyChord, Keymap, Scope};
use library::LibraryState;
use reader::ReaderState;
use speakers::SpeakerFilter;

/// The three panes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Library,
    Reader,
    Speakers,
}

impl Pane {
    #[must_use]
    pub fn scope(self) -> Scope {
        match self {
            Self::Library => Scope::Library,
            Self::Reader => Scope::Reader,
            Self::Speakers => Scope::Speakers,
        }
    }
}

/// What a prompt at the bottom of the screen is asking for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    Search { backward: bool },
    LibraryFilter,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
}

/// What the note editor is editing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditorKind {
    Note,
    /// Tags, separated by spaces or commas.
    Tags,
}

/// The multi-line editor for a note (or the line for tags).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Editor {
    pub kind: EditorKind,
    /// The id of the annotation being edited.
    pub target: String,
    pub text: String,
    /// **Byte** offset of the cursor in `text`.
    pub cursor: usize,
}

/// What is drawn over the panes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help {
        scroll: u16,
    },
    Prompt(Prompt),
    Editor(Editor),
    /// The list of this article's notes, filtered by `filter`; `selected` indexes the filtered list.
    NotesList {
        filter: String,
        selected: usize,
    },
    /// The notes of every article in the library, as [`AppState::library_notes`] holds them.
    LibraryNotes {
        filter: String,
        selected: usize,
    },
}

/// A line for the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Where a reader left an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SavedPosition {
    /// **Byte** offset of the text at the top of the screen.
    pub offset: usize,
    pub percent: u8,
    /// Larger is more recent.
    pub seq: u64,
}

/// A note anywhere in the library, for the library-wide list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LibraryNote {
    pub article: PathBuf,
    pub title: String,
    pub annotation: crate::sidecar::Annotation,
}

/// An open article handed to background work; two are equal when they are the same article in memory.
#[derive(Clone, Debug)]
pub struct SharedDocument(pub std::sync::Arc<crate::document::Document>);

impl PartialEq for SharedDocument {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SharedDocument {}

/// Work for the shell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Load this article off the UI thread and report back with [`Action::ArticleLoaded`].
    Load(PathBuf),
    /// Write the reading positions to disk.
    SavePositions,
    /// Write an article's notes, merging with changes made elsewhere; report with [`Action::NotesSaved`].
    SaveNotes {
        path: PathBuf,
        title: String,
        base: Vec<crate::sidecar::Annotation>,
        mine: Vec<crate::sidecar::Annotation>,
        /// The reading position, a **byte** offset, recorded in the sidecar.
        position: usize,
        /// [`crate::sidecar::fingerprint`] of the text the offsets refer to.
        fingerprint: String,
    },
    /// Count every match of `query` in `doc` off the UI thread; report with [`Action::MatchesCounted`].
    CountMatches {
        doc: SharedDocument,
        query: String,
    },
    /// Read every sidecar of the library; report with [`Action::LibraryNotesLoaded`].
    LoadLibraryNotes,
    /// Write notes that cannot go to their unreadable sidecar to a recovery file beside it.
    WriteRecovery {
        path: PathBuf,
        title: String,
        mine: Vec<crate::sidecar::Annotation>,
    },
    Quit,
}

/// Everything the app knows.
#[derive(Clone, Debug)]
pub struct AppState {
    pub settings: Settings,
    pub keymap: Keymap,
    pub library: LibraryState,
    pub reader: Option<ReaderState>,
    pub speakers: SpeakerFilter,
    pub focus: Pane,
    pub overlay: Overlay,
    pub message: Option<Message>,
    /// Terminal size: columns, rows.
    pub size: (u16, u16),
    pub show_library: bool,
    pub show_speakers: bool,
    /// The article being loaded.
    pub loading: Option<PathBuf>,
    pub positions: HashMap<PathBuf, SavedPosition>,
    /// Keys of a sequence typed so far (`]` of `] s`).
    pub pending_keys: Vec<KeyChord>,
    /// The open article's annotations.
    pub notes: notes::NotesState,
    /// Every note in the library, once read for the library-wide list.
    pub library_notes: Option<Vec<LibraryNote>>,
    /// The note to show once the article being loaded opens (an annotation id).
    pub pending_note: Option<String>,
    /// The colour the last highlight was made in.
    pub last_colour: crate::sidecar::Colour,
    /// The time to stamp new and edited notes with (RFC 3339), kept current by the shell.
    pub now: String,
    /// A seed for new annotation ids, kept fresh by the shell.
    pub id_seed: u128,
    pub quit: bool,
}

impl AppState {
    /// A fresh state for a library of `entries`, with settings and keymap.
    #[must_use]
    pub fn new(entries: Vec<library::Entry>, settings: Settings, keymap: Keymap, size: (u16, u16)) -> Self {
        let speakers = SpeakerFilter::new(settings.filter_mode, settings.keep_questions);
        let wide = size.0 >= screen::THREE_PANES;
        Self {
            settings,
            keymap,
            library: LibraryState::new(entries),
            reader: None,
            speakers,
            focus: Pane::Library,
            overlay: Overlay::None,
            message: None,
            size,
            show_library: true,
            show_speakers: wide,
            loading: None,
            positions: HashMap::new(),
            pending_keys: Vec::new(),
            notes: notes::NotesState::default(),
            library_notes: None,
            pending_note: None,
            last_colour: crate::sidecar::Colour::Yellow,
            now: String::new(),
            id_seed: 0,
            quit: false,
        }
    }

    /// Where the panes are for the current size.
    #[must_use]
    pub fn screen(&self) -> screen::Screen {
        screen::screen(self.size.0, self.size.1, self.show_library, self.show_speakers)
    }

    /// Restores remembered reading progress into the library entries.
    pub fn apply_positions(&mut self) {
        for entry in &mut self.library.entries {
            if let Some(saved) = self.positions.get(&entry.path) {
                entry.progress = Some(saved.percent);
                entry.last_read = saved.seq;
            }
        }
        self.library.refresh();
    }

    /// A status-bar summary of the speaker filter: "2 of 6 speakers".
    #[must_use]
    pub fn filter_summary(&self) -> Option<String> {
        let total = self.speakers.shown.len();
        self.speakers.is_active().then(|| format!("{} of {total} speakers", self.speakers.shown_count()))
    }
}
