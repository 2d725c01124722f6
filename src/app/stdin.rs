//! Text read from standard input (`cmd | gloss`, `gloss -`) in the reader.
//! It reads like any article, but there is no file to keep notes, speaker
//! corrections or a reading position beside, so those are refused with a
//! message saying how to get one: one key ([`Command::SaveToLibrary`])
//! writes the text into the library ([`Effect::SaveToLibrary`]), and the
//! reader then opens that file as a normal article where it was.

use std::path::PathBuf;
use std::sync::Arc;

use super::keymap::{KeyChord, Lookup, Scope};
use super::{AppState, Command, Effect, Loaded, Message, opening};
use crate::document::{Document, Format};
use crate::speaker::Attribution;

/// What the reader calls the text: its path in the app, its name in the status bar.
pub const STDIN_NAME: &str = "standard input";

/// Bytes handed to background work; two are equal when they are the same bytes in memory.
#[derive(Clone, Debug)]
pub struct SharedBytes(pub Arc<Vec<u8>>);

impl PartialEq for SharedBytes {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SharedBytes {}

/// Standard input as the shell read it, before the terminal was taken.
#[derive(Clone, Debug)]
pub struct Piped {
    pub doc: Arc<Document>,
    pub attribution: Arc<Attribution>,
    /// The bytes as they arrived: saving writes these, so the file reads back as the same article.
    pub bytes: SharedBytes,
    /// What the bytes were read as ([`Format::of_bytes`]): the saved file's extension.
    pub format: Format,
}

/// The text from standard input while the reader shows it unsaved.
#[derive(Clone, Debug)]
pub struct StdinText {
    pub bytes: SharedBytes,
    pub format: Format,
    /// A save is under way: another press waits for it.
    pub saving: bool,
}

/// Standard input in the app: the text being read, and what to say once it
/// has been saved and opens again as a file.
#[derive(Clone, Debug, Default)]
pub struct PipedState {
    pub text: Option<StdinText>,
    /// The saved file and the message to show when it has opened.
    announce: Option<(PathBuf, String)>,
}

/// The file written from standard input: its path and its name in the library.
pub type SavedText = Result<(PathBuf, String), String>;

impl AppState {
    /// Whether the reader shows text from standard input that is not saved yet.
    #[must_use]
    pub fn reading_stdin(&self) -> bool {
        self.piped.text.is_some() && self.reader.is_some()
    }
}

/// Shows the text read from standard input in the reader.
pub fn open(state: &mut AppState, piped: Piped) {
    let path = PathBuf::from(STDIN_NAME);
    state.loading = Some(path.clone());
    opening::loaded_article(
        state,
        Loaded {
            path,
            result: Ok((piped.doc, piped.attribution)),
            notes: Ok(Vec::new()),
            sidecar_position: None,
            fingerprint: String::new(),
            preview: false,
            set_aside: Vec::new(),
        },
    );
    state.piped.text = Some(StdinText { bytes: piped.bytes, format: piped.format, saving: false });
    if state.message.is_none() {
        let save = state.keymap.key(Scope::Reader, Command::SaveToLibrary);
        let text = format!("reading standard input · {save} saves it into the library (for notes)");
        state.message = Some(Message { text, error: false });
    }
}

/// Whether `command` needs the article to be a file: notes, speaker
/// corrections and the editor.
#[must_use]
pub fn needs_file(command: Command) -> bool {
    matches!(
        command,
        Command::HighlightYellow
            | Command::HighlightGreen
            | Command::HighlightBlue
            | Command::HighlightPink
            | Command::HighlightPurple
            | Command::NoteSelection
            | Command::EditNote
            | Command::EditTags
            | Command::CycleColour
            | Command::DeleteAnnotation
            | Command::Undo
            | Command::Reattach
            | Command::WriteRecovery
            | Command::RenameSpeaker
            | Command::MergeSpeaker
            | Command::ReassignPassage
            | Command::UndoCorrection
            | Command::EditArticle
    )
}

/// Says why `command` cannot act on text from standard input, and how to save it.
pub fn refuse(state: &mut AppState, command: Command) {
    let save = state.keymap.key(Scope::Reader, Command::SaveToLibrary);
    let what = match command {
        Command::RenameSpeaker | Command::MergeSpeaker | Command::ReassignPassage | Command::UndoCorrection => {
            "speaker corrections need a file"
        }
        Command::EditArticle => "standard input has no file to edit",
        _ => "notes need a file",
    };
    state.message =
        Some(Message { text: format!("{what}: press {save} to save this text into the library"), error: true });
}

/// `v` on text from standard input: selecting works (to copy it), and the
/// status bar says at once that highlighting needs the text saved.
pub fn selecting(state: &mut AppState) {
    if state.reader.as_ref().is_some_and(|r| r.selection.is_some()) {
        let save = state.keymap.key(Scope::Reader, Command::SaveToLibrary);
        let copy = state.keymap.key(Scope::Visual, Command::Yank);
        state.message = Some(Message {
            text: format!(
                "selecting ({copy} copies) · notes need a file: press {save} to save this text into the library"
            ),
            error: true,
        });
    }
}

/// What a key bound to [`Command::SaveToLibrary`] does when there is
/// nothing to save: what the same key means everywhere else, so the reader's
/// `S` keeps showing the speaker pane on an article from a file.
#[must_use]
pub fn key_meaning(state: &AppState, keys: &[KeyChord], command: Command) -> Command {
    if command != Command::SaveToLibrary || state.reading_stdin() {
        return command;
    }
    match state.keymap.lookup(Scope::Global, keys) {
        Lookup::Command(global) => global,
        Lookup::Pending | Lookup::Unbound => command,
    }
}

/// Saves the text from standard input into the library.
pub fn save(state: &mut AppState) -> Vec<Effect> {
    let Some(reader) = state.reader.as_ref() else { return Vec::new() };
    let Some(text) = state.piped.text.as_mut() else {
        let name = crate::document::display_path(&reader.path);
        state.message = Some(Message { text: format!("{name} is a file already: nothing to save"), error: false });
        return Vec::new();
    };
    if text.saving {
        state.message = Some(Message { text: "saving into the library…".into(), error: false });
        return Vec::new();
    }
    text.saving = true;
    let effect = Effect::SaveToLibrary {
        bytes: text.bytes.clone(),
        title: reader.doc.meta.title.clone(),
        extension: text.format.extension(),
    };
    state.message = Some(Message { text: "saving into the library…".into(), error: false });
    vec![effect]
}

/// The text was written into the library (or could not be): the reader
/// turns to the file, where it was, and the library lists it.
pub fn saved(state: &mut AppState, result: SavedText) -> Vec<Effect> {
    let (path, name) = match result {
        Ok(saved) => saved,
        Err(problem) => {
            if let Some(text) = state.piped.text.as_mut() {
                text.saving = false;
            }
            state.message = Some(Message { text: format!("not saved: {problem}"), error: true });
            return Vec::new();
        }
    };
    if !state.library.entries.iter().any(|e| e.path == path) {
        let mut entry = super::library::Entry::unread(path.clone(), name.clone());
        // Its metadata is that of the text shown, when it still is: the file holds the same bytes.
        entry.meta =
            state.reader.as_ref().filter(|_| state.reading_stdin()).map(|r| crate::library::ArticleMeta::of(&r.doc));
        state.library.entries.push(entry);
        state.library.refresh();
    }
    if !state.reading_stdin() {
        // Another article was opened meanwhile: the file is in the library, and the message says so.
        state.message = Some(Message { text: format!("saved as {name}"), error: false });
        return Vec::new();
    }
    state.piped.text = None;
    if let Some(reader) = state.reader.as_mut() {
        reader.path.clone_from(&path);
    }
    let announce = format!("saved as {name}: notes and highlights work now");
    state.piped.announce = Some((path.clone(), announce));
    // Opened again from the file, as any article is: its sidecar, if one is there already, is read.
    super::yank::reload(state, path, format!("saved as {name}; opening it…"))
}

/// Once the saved file has opened: the message that says where it went.
pub fn after_load(state: &mut AppState, path: &std::path::Path) {
    if state.piped.announce.as_ref().is_some_and(|(p, _)| p == path)
        && let Some((_, text)) = state.piped.announce.take()
        && !state.message.as_ref().is_some_and(|m| m.error)
    {
        state.message = Some(Message { text, error: false });
    }
}
