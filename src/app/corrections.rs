//! Correcting speakers in the reader: rename or merge the speaker selected
//! in the speaker pane, give the passage under the cursor to someone else,
//! and undo the last of these. Each is written to the article's sidecar
//! exactly as `gloss speakers --rename/--merge/--reassign` writes it (through
//! [`crate::session::save_corrections`]); the article then reloads the way it
//! does after the editor, so the corrected speakers show where the reader was.

use std::path::PathBuf;

use super::panes::focus;
use super::{AppState, Effect, Message, Overlay, Pane, Prompt, PromptKind};
use crate::document::display_path;
use crate::speaker::Overrides;
use crate::speaker::overrides::{Merge, Reassign, Rename};

/// One correction, as saved to an article's sidecar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Made {
    pub path: PathBuf,
    pub changes: Overrides,
    /// What it did, for the status bar: "renamed “Q” to “Dana Ruiz”".
    pub what: String,
}

/// The outcome of saving or undoing a correction.
#[derive(Clone, Debug)]
pub struct CorrectionSaved {
    pub made: Made,
    /// Whether this took the correction back out.
    pub undo: bool,
    /// The sidecar written; `None` when an undo found nothing of the correction left in it.
    pub result: Result<Option<PathBuf>, String>,
}

/// The corrections of this session, and what to show once the article has reloaded.
#[derive(Clone, Debug, Default)]
pub struct Corrections {
    /// Made in this session, oldest first: `undo_correction` takes back the last of the open article.
    pub made: Vec<Made>,
    after_reload: Option<AfterReload>,
}

#[derive(Clone, Debug)]
struct AfterReload {
    path: PathBuf,
    message: String,
    /// The pane that had the focus (the reload gives it to the reader).
    focus: Pane,
    /// The speaker to select in the pane again, by name.
    select: Option<String>,
}

/// `R` in the speaker pane: a prompt for the selected speaker's new name, holding the current one.
pub fn rename(state: &mut AppState) {
    let Some((id, name)) = selected(state) else { return };
    state.overlay = Overlay::Prompt(Prompt { kind: PromptKind::RenameSpeaker(id), text: name });
}

/// `M` in the speaker pane: a prompt for whom to merge the selected speaker into.
pub fn merge(state: &mut AppState) {
    let Some((id, _)) = selected(state) else { return };
    state.overlay = Overlay::Prompt(Prompt { kind: PromptKind::MergeSpeaker(id), text: String::new() });
}

/// `=` in the reader: a prompt for who speaks the passage under the cursor.
pub fn reassign(state: &mut AppState) {
    let Some(reader) = state.reader.as_ref() else { return };
    let Some(passage) = reader.attribution.passage_at(reader.cursor) else {
        state.message = Some(Message { text: "no passage under the cursor".into(), error: true });
        return;
    };
    let start = passage.range.start;
    state.overlay = Overlay::Prompt(Prompt { kind: PromptKind::ReassignPassage(start), text: String::new() });
}

fn selected(state: &mut AppState) -> Option<(crate::speaker::SpeakerId, String)> {
    let reader = state.reader.as_ref()?;
    let Some(id) = state.speakers.selected_speaker() else {
        state.message = Some(Message { text: "no speaker to correct".into(), error: true });
        return None;
    };
    let name = reader.attribution.speaker(id)?.name.clone();
    Some((id, name))
}

/// The prompt of a correction confirmed with `text`: the correction checked
/// against the article as shown (one that names nobody is refused, as the
/// command line refuses it, and nothing is saved), then saved.
pub fn submit(state: &mut AppState, kind: PromptKind, text: &str) -> Vec<Effect> {
    let Some(reader) = state.reader.as_ref() else { return Vec::new() };
    let attribution = &reader.attribution;
    let name = text.trim();
    let refuse = |state: &mut AppState, text: String| {
        state.message = Some(Message { text: format!("{text}; nothing saved"), error: true });
        Vec::new()
    };
    if name.is_empty() {
        return refuse(state, "no name given".into());
    }
    let current = |id: crate::speaker::SpeakerId| attribution.speaker(id).map(|s| s.name.clone());
    let mut changes = Overrides::default();
    let what = match kind {
        PromptKind::RenameSpeaker(id) => {
            let Some(from) = current(id) else { return Vec::new() };
            if from == name {
                state.message = Some(Message { text: format!("“{from}” keeps its name"), error: false });
                return Vec::new();
            }
            let what = format!("renamed “{from}” to “{name}”");
            changes.rename.push(Rename { from, to: name.to_owned() });
            what
        }
        PromptKind::MergeSpeaker(id) => {
            let Some(from) = current(id) else { return Vec::new() };
            let into = attribution.find(name);
            if into.is_empty() {
                let known: Vec<&str> = attribution.speakers.iter().map(|s| s.name.as_str()).collect();
                return refuse(state, format!("no speaker called “{name}” here (speakers: {})", known.join(", ")));
            }
            if into.contains(&id) {
                return refuse(state, format!("“{name}” is “{from}”"));
            }
            let what = format!("merged “{from}” into “{name}”");
            changes.merge.push(Merge { from, into: name.to_owned() });
            what
        }
        PromptKind::ReassignPassage(start) => {
            changes.reassign.push(Reassign { start, speaker: name.to_owned() });
            format!("gave the passage at byte {start} to “{name}”")
        }
        PromptKind::Search { .. } | PromptKind::LibraryFilter => return Vec::new(),
    };
    // Tried on the article as shown, which has the sidecar's corrections already.
    let problems = changes.apply(&mut attribution.as_ref().clone(), &reader.doc.text);
    if !problems.is_empty() {
        return refuse(state, problems.join("; "));
    }
    let title = reader.doc.meta.title.clone();
    let made = Made { path: reader.path.clone(), changes, what };
    state.message = Some(Message { text: format!("{}…", made.what), error: false });
    vec![Effect::SaveCorrection { title, made }]
}

/// `u` in the speaker pane: takes the last correction made to the open article in this session back out.
pub fn undo(state: &mut AppState) -> Vec<Effect> {
    let Some(path) = state.reader.as_ref().map(|r| r.path.clone()) else { return Vec::new() };
    let Some(index) = state.corrections.made.iter().rposition(|m| m.path == path) else {
        state.message = Some(Message { text: "no speaker correction made here to undo".into(), error: false });
        return Vec::new();
    };
    // Taken off now, so a second `u` before the first is done undoes the one before.
    let made = state.corrections.made.remove(index);
    state.message = Some(Message { text: format!("undoing: {}…", made.what), error: false });
    vec![Effect::UndoCorrection(made)]
}

/// A correction was saved or undone (or not): say so, and reload the article to show it.
pub fn saved(state: &mut AppState, saved: CorrectionSaved) -> Vec<Effect> {
    let CorrectionSaved { made, undo, result } = saved;
    let sidecar = match result {
        Err(err) => {
            let text = if undo {
                format!("could not undo ({}): {err}", made.what)
            } else {
                format!("could not save ({}): {err}", made.what)
            };
            if undo {
                state.corrections.made.push(made);
            }
            state.message = Some(Message { text, error: true });
            return Vec::new();
        }
        Ok(None) => {
            let text = format!("undo: the sidecar no longer holds this correction ({}); nothing changed", made.what);
            state.message = Some(Message { text, error: true });
            return Vec::new();
        }
        Ok(Some(sidecar)) => sidecar,
    };
    let message = if undo {
        format!("undid: {} · saved to {}", made.what, display_path(&sidecar))
    } else {
        format!("{} · saved to {}", made.what, display_path(&sidecar))
    };
    let path = made.path.clone();
    let select = state
        .reader
        .as_ref()
        .zip(state.speakers.selected_speaker())
        .and_then(|(r, id)| r.attribution.speaker(id))
        .map(|s| s.name.clone());
    let select = match (&made.changes.rename[..], undo) {
        // A renamed speaker is selected again by its new name, or its old one after an undo.
        ([r], false) => Some(r.to.clone()),
        ([r], true) => Some(r.from.clone()),
        _ => select,
    };
    if !undo {
        state.corrections.made.push(made);
    }
    if state.reader.as_ref().is_none_or(|r| r.path != path) {
        state.message = Some(Message { text: message, error: false });
        return Vec::new();
    }
    state.corrections.after_reload =
        Some(AfterReload { path: path.clone(), message: message.clone(), focus: state.focus, select });
    super::yank::reload(state, path, message)
}

/// The article reloaded after a correction: the message, focus and selected speaker as they were.
pub(super) fn after_reload(state: &mut AppState, path: &std::path::Path) {
    let Some(after) = state.corrections.after_reload.take_if(|a| a.path == path) else { return };
    state.message = Some(Message { text: after.message, error: false });
    if let (Some(name), Some(reader)) = (after.select, state.reader.as_ref())
        && let Some(place) =
            state.speakers.order.iter().position(|&id| reader.attribution.speaker(id).is_some_and(|s| s.name == name))
    {
        state.speakers.selected = place;
    }
    if after.focus == Pane::Speakers {
        focus(state, Pane::Speakers);
    }
}
