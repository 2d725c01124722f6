//! The app layer: [`AppState`], the [`Action`] vocabulary, and [`update`],
//! the only place state changes. `update` returns [`Effect`]s (load an
//! article, save reading positions, quit); [`crate::perform`] carries them
//! out and reports back with actions. `update` never touches the terminal,
//! the disk or the clock.

pub mod action;
mod annotate;
pub mod command;
pub mod corrections;
mod count;
pub mod keymap;
pub mod library;
pub mod library_notes;
mod mouse;
pub mod notebox;
pub mod notes;
mod opening;
pub mod panes;
pub mod people;
pub mod quoted;
pub mod reader;
mod safekeeping;
pub mod screen;
pub mod search;
pub mod speakers;
pub mod stdin;
mod update;
mod whereabouts;
pub mod yank;

use std::collections::HashMap;
use std::path::PathBuf;

pub use action::{Action, Loaded, Saved};
pub use annotate::filtered as filtered_notes;
pub use command::Command;
pub use update::update;

pub use crate::session::{LibraryNote, SavedPosition};

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
    Search {
        backward: bool,
    },
    LibraryFilter,
    /// A new name for this speaker.
    RenameSpeaker(crate::speaker::SpeakerId),
    /// The speaker (name or alias) to merge this one into.
    MergeSpeaker(crate::speaker::SpeakerId),
    /// Who speaks the passage at this **byte** offset.
    ReassignPassage(usize),
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
    /// The People view: the list filtered by `filter`, or, once one is chosen, `person`'s passages.
    People {
        filter: String,
        selected: usize,
        person: Option<String>,
    },
    /// The library search view: results for `query` update as it is typed.
    Search {
        query: String,
        selected: usize,
    },
    /// "Quoted elsewhere": the list in [`search::IndexViews::quoted`].
    Quoted,
    /// Quitting asks whether to write notes that cannot be saved to a recovery file.
    ConfirmQuit,
}

/// A line for the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
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

/// Which few screens of a big article still loading to read apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// From this percent of the file on (100: its end, for `G`; `50%`).
    Percent(u8),
    /// Around the first match of a search after **byte** `from_byte` of the
    /// file (`n` past the last match of what is shown).
    Match { query: String, from_byte: u64 },
}

/// Work for the shell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Load this article off the UI thread and report back with [`Action::ArticleLoaded`].
    Load(PathBuf),
    /// Read a few screens of a big article still loading, apart from the
    /// rest; report with [`Action::PartLoaded`].
    LoadPart(PathBuf, Part),
    /// Write the reading positions to disk.
    SavePositions(HashMap<PathBuf, SavedPosition>),
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
    /// Read the sidecars of these articles (the library's); report with [`Action::LibraryNotesLoaded`].
    LoadLibraryNotes(Vec<PathBuf>),
    /// Ask the library's index (built or updated first if needed); report with [`Action::IndexReplied`].
    Index(crate::index::shared::IndexRequest),
    /// Add a speaker correction to the article's sidecar; report with [`Action::CorrectionSaved`].
    SaveCorrection {
        title: String,
        made: corrections::Made,
    },
    /// Take a correction made earlier back out of the article's sidecar; report with [`Action::CorrectionSaved`].
    UndoCorrection(corrections::Made),
    /// Write notes that cannot go to their unreadable sidecar to a recovery file beside it.
    WriteRecovery {
        path: PathBuf,
        title: String,
        mine: Vec<crate::sidecar::Annotation>,
    },
    /// Write text read from standard input into the library as a new file
    /// named from `title`; report with [`Action::TextSaved`].
    SaveToLibrary {
        bytes: stdin::SharedBytes,
        title: String,
        /// The extension for the format the text was read as (`txt`, `html`…).
        extension: &'static str,
    },
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Open the article in the user's editor at `line` (1-based), then reload it.
    Edit {
        path: PathBuf,
        line: usize,
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
    /// `G` was pressed before the article being loaded could be shown: it opens at its end.
    pub end_when_shown: Option<PathBuf>,
    /// A number typed before a command in the reader (`50` of `50%`), as in less.
    pub count: Option<u32>,
    pub positions: HashMap<PathBuf, SavedPosition>,
    /// Keys of a sequence typed so far (`]` of `] s`).
    pub pending_keys: Vec<KeyChord>,
    /// The open article's annotations.
    pub notes: notes::NotesState,
    /// Every note in the library, once read for the library-wide list.
    pub library_notes: Option<Vec<LibraryNote>>,
    /// The note to show once the article being loaded opens (an annotation id).
    pub pending_note: Option<String>,
    /// What the People and search views show.
    pub index: search::IndexViews,
    /// Where to go once the article chosen in the People or search view opens.
    pub pending_jump: Option<search::PendingJump>,
    /// The colour the last highlight was made in.
    pub last_colour: crate::sidecar::Colour,
    /// The time to stamp new and edited notes with (RFC 3339), kept current by the shell.
    pub now: String,
    /// A seed for new annotation ids, kept fresh by the shell.
    pub id_seed: u128,
    /// Speaker corrections made in this session, for undo.
    pub corrections: corrections::Corrections,
    /// Text read from standard input, while the reader shows it unsaved.
    pub piped: stdin::PipedState,
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
            end_when_shown: None,
            count: None,
            positions: HashMap::new(),
            pending_keys: Vec::new(),
            notes: notes::NotesState::default(),
            library_notes: None,
            pending_note: None,
            index: search::IndexViews::default(),
            pending_jump: None,
            last_colour: crate::sidecar::Colour::Yellow,
            now: String::new(),
            id_seed: 0,
            corrections: corrections::Corrections::default(),
            piped: stdin::PipedState::default(),
            quit: false,
        }
    }

    /// Where keys are looked up now: the open overlay's scope, the visual
    /// scope while text is selected, or the focused pane's.
    #[must_use]
    pub fn scope(&self) -> Scope {
        match &self.overlay {
            Overlay::Editor(Editor { kind: EditorKind::Tags, .. }) => Scope::Tags,
            Overlay::Editor(_) => Scope::Editor,
            Overlay::NotesList { .. } => Scope::Notes,
            Overlay::LibraryNotes { .. } => Scope::LibraryNotes,
            // People and search read their keys themselves; what they type is text, as in a prompt.
            // The quit question answers its keys itself, before any lookup.
            Overlay::Prompt(_)
            | Overlay::People { .. }
            | Overlay::Search { .. }
            | Overlay::Quoted
            | Overlay::ConfirmQuit => Scope::Prompt,
            // The help screen scrolls with the reader's motion keys.
            Overlay::Help { .. } => Scope::Reader,
            Overlay::None
                if self.focus == Pane::Reader && self.reader.as_ref().is_some_and(|r| r.selection.is_some()) =>
            {
                Scope::Visual
            }
            Overlay::None => self.focus.scope(),
        }
    }

    /// Key hints for the status bar, from the keymap in use: what the keys
    /// of the scope in use do — in the overlays, the speaker pane (where `c`
    /// and `space` mean something else than in the reader) and while selecting —
    /// then help and quit where those keys are not text. Most telling first:
    /// the status bar drops hints from the end of the scope's own when short of room.
    #[must_use]
    pub fn hints(&self) -> Vec<(String, String)> {
        if matches!(self.overlay, Overlay::People { .. } | Overlay::Search { .. } | Overlay::Quoted) {
            // Their keys are drawn in the view itself.
            return Vec::new();
        }
        let scope = self.scope();
        let own: &[Command] = match scope {
            Scope::Speakers => &[
                Command::ToggleQuestions,
                Command::ToggleSpeaker,
                Command::OnlySpeaker,
                Command::AllSpeakers,
                Command::RenameSpeaker,
                Command::MergeSpeaker,
            ],
            Scope::Visual => &[Command::NoteSelection, Command::Cancel],
            Scope::Editor => &[Command::SaveNote, Command::NewLine, Command::Cancel],
            Scope::Tags => &[Command::SaveNote, Command::Cancel],
            Scope::Notes => {
                &[Command::Open, Command::EditNote, Command::DeleteAnnotation, Command::Reattach, Command::Cancel]
            }
            Scope::LibraryNotes => &[Command::Open, Command::Cancel],
            Scope::Prompt => &[Command::Submit, Command::Cancel],
            Scope::Global | Scope::Library | Scope::Reader => &[],
        };
        let general: &[Command] =
            if scope.takes_text() || scope == Scope::Visual { &[] } else { &[Command::Help, Command::Quit] };
        own.iter()
            .chain(general)
            .filter_map(|&command| {
                let keys = self.keymap.keys_for(scope, command);
                (!keys.is_empty()).then(|| (keys.join("/"), command.hint()))
            })
            .collect()
    }

    /// Where the panes are for the current size.
    #[must_use]
    pub fn screen(&self) -> screen::Screen {
        screen::screen_sized(
            self.size.0,
            self.size.1,
            self.show_library.then_some(self.library.wanted_width),
            self.show_speakers.then_some(self.speakers.wanted_width),
        )
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
