//! `y`: the selection, or the passage under the cursor, as text for another
//! program, with a citation line (speaker, article); and `E`: the article in
//! the user's editor at the line under the cursor. The shell carries both out
//! ([`Effect::Copy`] through OSC 52, [`Effect::Edit`]).

use super::{AppState, Effect, Message};
use crate::document::normalise::sanitise_line;
use crate::text::ByteRange;

/// Copies the selection, or the passage under the cursor.
pub fn yank(state: &mut AppState) -> Vec<Effect> {
    let Some(reader) = state.reader.as_mut() else { return Vec::new() };
    if !state.settings.osc52 {
        state.message = Some(Message { text: "copying is off (osc52 = false in config.toml)".into(), error: true });
        return Vec::new();
    }
    let doc = &reader.doc;
    let range = reader.selection_range().or_else(|| {
        reader.attribution.passage_at(reader.cursor).map(|p| p.range).or_else(|| {
            doc.blocks
                .iter()
                .find(|b| b.range.contains(reader.cursor) || b.range.start == reader.cursor)
                .map(|b| b.range)
        })
    });
    let Some(range) = range.filter(|r| !r.is_empty()) else {
        state.message = Some(Message { text: "nothing to copy here".into(), error: true });
        return Vec::new();
    };
    let speaker = reader
        .attribution
        .passage_at(range.start)
        .and_then(|p| p.speaker)
        .map(|id| reader.attribution.speakers[id.0].name.as_str());
    let text = citation(&doc.text, range, speaker, &doc.meta.title);
    reader.selection = None;
    let chars = text.chars().count();
    state.message = Some(Message { text: format!("copied {chars} characters with a citation (OSC 52)"), error: false });
    vec![Effect::Copy(text)]
}

/// The passage's text and a citation line: `— Speaker, “Title”`. The
/// document's text is already sanitised; the citation's parts are again, since
/// this goes to the terminal inside an escape sequence.
#[must_use]
pub fn citation(text: &str, range: ByteRange, speaker: Option<&str>, title: &str) -> String {
    let passage = range.slice(text).trim();
    let mut cited = String::with_capacity(passage.len() + 64);
    for line in passage.lines() {
        cited.push_str(&sanitise_line(line));
        cited.push('\n');
    }
    let title = sanitise_line(title.trim());
    let source = match speaker.map(|s| sanitise_line(s.trim()).into_owned()).filter(|s| !s.is_empty()) {
        Some(speaker) if !title.is_empty() => format!("{speaker}, “{title}”"),
        Some(speaker) => speaker,
        None => format!("“{title}”"),
    };
    cited.push_str("— ");
    cited.push_str(&source);
    cited
}

/// Opens the article in the editor at the cursor's line (1-based).
pub fn edit(state: &mut AppState) -> Vec<Effect> {
    let Some(reader) = state.reader.as_ref() else { return Vec::new() };
    let cursor = reader.cursor.min(reader.doc.text.len());
    let line = 1 + memchr::memchr_iter(b'\n', &reader.doc.text.as_bytes()[..cursor]).count();
    vec![Effect::Edit { path: reader.path.clone(), line }]
}

/// Reads the article again after the editor: the reader returns to where it
/// was, and the notes are anchored again to the text as it is now.
pub fn edited(state: &mut AppState, path: std::path::PathBuf) -> Vec<Effect> {
    if state.reader.as_ref().is_none_or(|r| r.path != path) {
        return Vec::new();
    }
    reload(state, path, "reloading after the editor…".into())
}

/// Reads the open article again, keeping the reading position: after the
/// editor, or a speaker correction saved to its sidecar. `message` says why.
pub fn reload(state: &mut AppState, path: std::path::PathBuf, message: String) -> Vec<Effect> {
    super::opening::remember_position(state);
    state.loading = Some(path.clone());
    state.message = Some(Message { text: message, error: false });
    vec![Effect::SavePositions(state.positions.clone()), Effect::Load(path)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_citation_names_speaker_and_article() {
        let cases: &[(&str, (usize, usize), Option<&str>, &str, &str)] = &[
            ("HOST: Welcome back.", (6, 19), Some("Host"), "Harbour Hour", "Welcome back.\n— Host, “Harbour Hour”"),
            ("港の話をします 🎙", (0, 21), Some("記者"), "夜の番組", "港の話をします\n— 記者, “夜の番組”"),
            ("No one speaks.", (0, 14), None, "Essay", "No one speaks.\n— “Essay”"),
            ("x", (0, 1), Some("Bad\u{1b}[31mName"), "T\u{7}itle", "x\n— Bad^[[31mName, “T^Gitle”"),
        ];
        for (text, (start, end), speaker, title, want) in cases {
            assert_eq!(citation(text, ByteRange::new(*start, *end), *speaker, title), *want);
        }
    }
}
