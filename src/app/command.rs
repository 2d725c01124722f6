//! The bindable commands: what a key can mean. Declared once, in
//! [`define_commands!`], with the `snake_case` name keymap files use and the
//! help text users see, so the help screen, the keymap and the code cannot
//! drift apart. An [`super::Action`] carries a command when a key (or a
//! test) runs one.

use serde::{Deserialize, Serialize};

macro_rules! define_commands {
    ( $( $(#[doc = $doc:literal])+ $name:ident => $key:literal, )+ ) => {
        /// Something a key can be bound to.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Command {
            $( $(#[doc = $doc])+ $name, )+
        }

        impl Command {
            /// Every command, in help order.
            pub const ALL: &'static [Command] = &[ $( Command::$name, )+ ];

            /// The `snake_case` name used in keymap files.
            #[must_use]
            pub fn name(self) -> &'static str {
                match self {
                    $( Command::$name => $key, )+
                }
            }

            /// One line of help: the command's documentation.
            #[must_use]
            pub fn help(self) -> &'static str {
                match self {
                    $( Command::$name => concat!($($doc),+).trim_ascii(), )+
                }
            }

            /// The command called `name`.
            #[must_use]
            pub fn from_name(name: &str) -> Option<Command> {
                match name {
                    $( $key => Some(Command::$name), )+
                    _ => None,
                }
            }
        }
    };
}

define_commands! {
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
        /// To a percent of the article, typed before it: `50%` (as in less).
        GoPercent => "go_percent",
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
        /// Rename the selected speaker (saved to the article's sidecar).
        RenameSpeaker => "rename_speaker",
        /// Merge the selected speaker into another speaker of the article (saved to the sidecar).
        MergeSpeaker => "merge_speaker",
        /// Give the passage under the cursor to a speaker, by name (saved to the sidecar).
        ReassignPassage => "reassign_passage",
        /// Undo the last speaker correction made in this session.
        UndoCorrection => "undo_correction",
        /// Show or hide the library pane (narrow screens).
        ToggleLibraryPane => "toggle_library_pane",
        /// Show or hide the speaker pane (narrow screens).
        ToggleSpeakersPane => "toggle_speakers_pane",
        /// Start a selection at the cursor, or end it.
        Visual => "visual",
        /// Select the whole passage under the cursor.
        SelectPassage => "select_passage",
        /// Copy the selection, or the passage under the cursor, with its speaker and article (OSC 52).
        Yank => "yank",
        /// Open the article in $VISUAL or $EDITOR at the cursor's line; reload it after.
        EditArticle => "edit_article",
        /// Save text read from standard input into the library, so it can have notes (elsewhere the key does its global action).
        SaveToLibrary => "save_to_library",
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
    /// Everyone who speaks in the library, and their passages across it.
    People => "people",
    /// Search every article of the library (words, "phrases", prefix*, speaker:, after:…).
    SearchLibrary => "search_library",
        /// Other articles quoting or paraphrasing the passage under the cursor (or the selection).
        QuotedElsewhere => "quoted_elsewhere",
        /// Open the next passage of the last "quoted elsewhere" list.
        NextQuoted => "next_quoted",
        /// Open the previous passage of the last "quoted elsewhere" list.
        PreviousQuoted => "previous_quoted",
        /// Confirm: run the search, apply the filter, save the tags.
        Submit => "submit",
        /// Delete the character before the cursor.
        DeleteBack => "delete_back",
        /// Delete the word before the cursor (in a prompt).
        DeleteWordBack => "delete_word_back",
        /// Clear what is typed in a prompt.
        ClearInput => "clear_input",
        /// Save the note being written.
        SaveNote => "save_note",
        /// Start a new line in the note.
        NewLine => "new_line",
        /// Insert four spaces in the note.
        Indent => "indent",
        /// To the start of the line.
        LineStart => "line_start",
        /// To the end of the line.
        LineEnd => "line_end",
}

impl Command {
    /// The command that highlights the selection in `colour`.
    #[must_use]
    pub fn highlight(colour: crate::sidecar::Colour) -> Command {
        use crate::sidecar::Colour;
        match colour {
            Colour::Yellow => Command::HighlightYellow,
            Colour::Green => Command::HighlightGreen,
            Colour::Blue => Command::HighlightBlue,
            Colour::Pink => Command::HighlightPink,
            Colour::Purple => Command::HighlightPurple,
        }
    }

    /// A word or two for key hints in the status bar and overlay titles.
    #[must_use]
    pub fn hint(self) -> String {
        let short = match self {
            Command::NoteSelection => "note",
            Command::SaveNote => "save",
            Command::Submit => "ok",
            Command::Open => "go",
            Command::EditNote => "edit",
            Command::DeleteAnnotation => "delete",
            Command::Reattach => "re-attach",
            Command::ToggleSpeaker => "show/hide",
            Command::OnlySpeaker => "only",
            Command::AllSpeakers => "all",
            Command::ToggleQuestions => "questions",
            Command::ToggleFilterMode => "hide/dim",
            Command::RenameSpeaker => "rename",
            Command::MergeSpeaker => "merge",
            Command::ReassignPassage => "reassign",
            Command::UndoCorrection => "undo",
            _ => return self.name().replace('_', " "),
        };
        short.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_name_and_help_and_round_trips() {
        for &command in Command::ALL {
            let name = command.name();
            assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{name}");
            assert!(!command.help().is_empty(), "{name} has help");
            assert!(command.help().ends_with('.') || command.help().ends_with(')'), "{name}: {}", command.help());
            assert_eq!(Command::from_name(name), Some(command));
            // serde's snake_case is the keymap's name: a config can name commands either way.
            assert_eq!(serde_json::to_string(&command).unwrap(), format!("\"{name}\""));
            assert_eq!(serde_json::from_str::<Command>(&format!("\"{name}\"")).unwrap(), command);
        }
        assert!(Command::from_name("no_such_command").is_none());
    }
}
