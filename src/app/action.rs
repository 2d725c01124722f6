//! The vocabulary of gloss: every key, help line, keymap entry and test is an
//! [`Action`]. Bindable actions are declared once, in [`define_actions!`],
//! with their `snake_case` name and the help text users see, so the help
//! overlay, the keymap file and the code cannot drift apart.

use std::path::PathBuf;
use std::sync::Arc;

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
}

/// The outcome of saving an article's notes: the annotations as merged and written.
#[derive(Debug, Clone)]
pub struct Saved {
    pub path: PathBuf,
    pub result: Result<Vec<Annotation>, String>,
}

macro_rules! define_actions {
    (
        bindable { $( $(#[doc = $doc:literal])+ $name:ident => $key:literal, )+ }
        internal { $( $(#[doc = $idoc:literal])+ $iname:ident $( ( $($field:ty),+ ) )?, )+ }
    ) => {
        /// Everything that can happen to the app: a user's command or a report from the shell.
        #[derive(Debug, Clone)]
        pub enum Action {
            $( $(#[doc = $doc])+ $name, )+
            $( $(#[doc = $idoc])+ $iname $( ( $($field),+ ) )?, )+
        }

        impl Action {
            /// Every action a key can be bound to, in help order.
            pub const BINDABLE: &'static [Action] = &[ $( Action::$name, )+ ];

            /// The `snake_case` name used in keymap files, for bindable actions.
            #[must_use]
            pub fn name(&self) -> Option<&'static str> {
                match self {
                    $( Action::$name => Some($key), )+
                    _ => None,
                }
            }

            /// One line of help: the action's documentation.
            #[must_use]
            pub fn help(&self) -> &'static str {
                match self {
                    $( Action::$name => concat!($($doc),+).trim_ascii(), )+
                    _ => "",
                }
            }

            /// The bindable action called `name`.
            #[must_use]
            pub fn from_name(name: &str) -> Option<Action> {
                match name {
                    $( $key => Some(Action::$name), )+
                    _ => None,
                }
            }
        }
    };
}

define_actions! {
    bindable {
        /// Quit gloss (the reading position is remembered).
        Quit => "quit",
        /// Show or hide this help.
        Help => "help",
        /// Close the overlay or prompt, clear the message.
        Cancel => "cancel",
        /// Move focus to the next pane.
        FocusNext => "focus_next",
        /// Move focus to the previous pane.
        FocusPrevious => "focus_previous",
        /// Focus the library (article list).
        FocusLibrary => "focus_library",
        /// Focus the reader.
        FocusReader => "focus_reader",
        /// Focus the speaker filter.
        FocusSpeakers => "focus_speakers",
        /// Down one line, or the next item in a list.
        MoveDown => "move_down",
        /// Up one line, or the previous item in a list.
        MoveUp => "move_up",
        /// Down half a screen.
        HalfPageDown => "half_page_down",
        /// Up half a screen.
        HalfPageUp => "half_page_up",
        /// Down a screen.
        PageDown => "page_down",
        /// Up a screen.
        PageUp => "page_up",
        /// To the top.
        GoTop => "go_top",
        /// To the bottom.
        GoBottom => "go_bottom",
        /// To the next paragraph.
        NextParagraph => "next_paragraph",
        /// To the previous paragraph.
        PreviousParagraph => "previous_paragraph",
        /// To the next turn of a shown speaker.
        NextTurn => "next_turn",
        /// To the previous turn of a shown speaker.
        PreviousTurn => "previous_turn",
        /// Search forward (in the library pane: filter the list).
        SearchForward => "search_forward",
        /// Search backward.
        SearchBackward => "search_backward",
        /// Next search match.
        NextMatch => "next_match",
        /// Previous search match.
        PreviousMatch => "previous_match",
        /// Open the selected article, or act on the selected item.
        Open => "open",
        /// Sort the library: title, date, recently read.
        CycleSort => "cycle_sort",
        /// Show or hide the web boilerplate around the article.
        ToggleBoilerplate => "toggle_boilerplate",
        /// Show or hide the selected speaker.
        ToggleSpeaker => "toggle_speaker",
        /// Show only the selected speaker.
        OnlySpeaker => "only_speaker",
        /// Show all speakers.
        AllSpeakers => "all_speakers",
        /// Hide other speakers' passages, or dim them.
        ToggleFilterMode => "toggle_filter_mode",
        /// Keep the question before a shown answer visible (dimmed).
        ToggleQuestions => "toggle_questions",
        /// Show or hide the library pane (narrow screens).
        ToggleLibraryPane => "toggle_library_pane",
                /// Show or hide the speaker pane (narrow screens).
        ToggleSpeakersPane => "toggle_speakers_pane",
        /// Start a selection at the cursor, or end it.
        Visual => "visual",
        /// Select the whole passage under the cursor.
        SelectPassage => "select_passage",
        /// Cursor left one character.
        CursorLeft => "cursor_left",
        /// Cursor right one character.
        CursorRight => "cursor_right",
        /// Cursor to the next word.
        WordForward => "word_forward",
        /// Cursor to the previous word.
        WordBackward => "word_backward",
        /// Cursor to the end of the word.
        WordEnd => "word_end",
        /// Cursor to the next sentence.
        SentenceForward => "sentence_forward",
        /// Cursor to the previous sentence.
        SentenceBackward => "sentence_backward",
        /// Highlight the selection in yellow.
        HighlightYellow => "highlight_yellow",
        /// Highlight the selection in green.
        HighlightGreen => "highlight_green",
        /// Highlight the selection in blue.
        HighlightBlue => "highlight_blue",
        /// Highlight the selection in pink.
        HighlightPink => "highlight_pink",
        /// Highlight the selection in purple.
        HighlightPurple => "highlight_purple",
        /// Highlight the selection and write a note on it.
        NoteSelection => "note_selection",
        /// Write or edit the note of the highlight under the cursor.
        EditNote => "edit_note",
        /// Edit the tags of the highlight under the cursor.
        EditTags => "edit_tags",
        /// Change the colour of the highlight under the cursor.
        CycleColour => "cycle_colour",
        /// Delete the highlight under the cursor.
        DeleteAnnotation => "delete_annotation",
        /// Undo the last change to the notes.
        Undo => "undo",
        /// To the next highlight.
        NextAnnotation => "next_annotation",
        /// To the previous highlight.
        PreviousAnnotation => "previous_annotation",
        /// List notes: the article's in the reader, the whole library's in the library pane.
        AnnotationList => "annotation_list",
        /// Re-attach the selected note that needs review to the selection.
        Reattach => "reattach",
        /// Show where the link under the cursor (or the first on screen) points.
        ShowLink => "show_link",
        /// Write notes kept in memory to a recovery file beside the unreadable sidecar.
        WriteRecovery => "write_recovery",
    }
        internal {
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
        /// Delete the character before the prompt cursor.
        Backspace,
        /// Confirm the prompt.
        Submit,
        /// The terminal changed size (columns, rows).
        Resize(u16, u16),
        /// A mouse click at (column, row).
        Click(u16, u16),
        /// The mouse wheel at (column, row), lines (negative: up).
        Scroll(u16, u16, i32),
        /// An article finished loading.
        ArticleLoaded(Box<Loaded>),
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
        /// Something the user should hear about from background work.
        Notice(String),
        /// The notes of every article in the library were read.
        LibraryNotesLoaded(Vec<super::LibraryNote>),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bindable_action_has_a_name_and_help_and_round_trips() {
        for action in Action::BINDABLE {
            let name = action.name().expect("bindable actions have names");
            assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{name}");
            assert!(!action.help().is_empty(), "{name} has help");
            assert!(action.help().ends_with('.') || action.help().ends_with(')'), "{name}: {}", action.help());
            assert_eq!(Action::from_name(name).and_then(|a| a.name()), Some(name));
        }
        assert!(Action::from_name("no_such_action").is_none());
        assert!(Action::Input('x').name().is_none());
    }
}
