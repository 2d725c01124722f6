//! "Quoted elsewhere" in the reader: on a passage (or a selection), the
//! other articles of the library that carry its words, from the index
//! ([`crate::index::quoted`]). A list over the panes: `j`/`k` (or `]`/`[`)
//! move, `Enter` opens the article with the shared words marked as the
//! current search match, `Esc` closes. The list stays after it closes, so
//! `] q` / `[ q` in the reader go on through it, article after article.

use super::keymap::{Key, KeyChord};
use super::search::PendingJump;
use super::{AppState, Command, Effect, Message, Overlay};
use crate::index::quoted::passage_range;
use crate::index::shared::IndexRequest;
use crate::index::{Echo, EchoKind};

/// Characters of the passage shown in the list's heading.
const EXCERPT_CHARS: usize = 80;

/// The passage asked about and what the index found.
#[derive(Clone, Debug)]
pub struct QuotedList {
    /// The passage's article, as the index keys it (relative to the library, `/`-separated).
    pub article: String,
    /// **Byte** offset of the passage in its article's normalised text.
    pub start: usize,
    /// The passage's first words, on one line.
    pub excerpt: String,
    /// `None` while the index answers (or is first built).
    pub result: Option<Result<Vec<Echo>, String>>,
    pub selected: usize,
}

impl QuotedList {
    /// The passages found so far.
    #[must_use]
    pub fn echoes(&self) -> &[Echo] {
        match &self.result {
            Some(Ok(echoes)) => echoes,
            _ => &[],
        }
    }
}

fn problem(state: &mut AppState, text: String) -> Vec<Effect> {
    state.message = Some(Message { text, error: true });
    Vec::new()
}

/// `Q`: asks the index about the selection, or the passage under the cursor.
pub fn open(state: &mut AppState) -> Vec<Effect> {
    let Some(reader) = state.reader.as_ref() else {
        return problem(state, "open an article first: quoted elsewhere looks for its passage in the others".into());
    };
    // The cursor can rest on text the reader does not show (front matter, hidden
    // boilerplate): the passage is then the first shown one after it.
    let at = if reader.is_shown(reader.cursor) {
        reader.cursor
    } else {
        let shown = reader.units.iter().find(|u| u.range.end > reader.cursor && u.kind.is_text());
        shown.map_or(reader.cursor, |u| u.range.start.max(reader.cursor))
    };
    let range = reader
        .selection_range()
        .filter(|r| !r.is_empty())
        .or_else(|| passage_range(&reader.doc, &reader.attribution, at));
    let Some(range) = range else { return problem(state, "no passage under the cursor".into()) };
    let passage = reader.doc.text[range.start..range.end].to_owned();
    let Some(entry) = state.library.entries.iter().find(|e| e.path == reader.path) else {
        return problem(state, "this article is not in the library: there is nothing to compare it with".into());
    };
    let article = entry.relative.replace('\\', "/");
    let flat = passage.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut excerpt: String = flat.chars().take(EXCERPT_CHARS).collect();
    if excerpt.len() < flat.len() {
        excerpt.push('…');
    }
    state.index.quoted =
        Some(QuotedList { article: article.clone(), start: range.start, excerpt, result: None, selected: 0 });
    state.overlay = Overlay::Quoted;
    vec![Effect::Index(IndexRequest::Quoted { article, start: range.start, passage })]
}

/// The index's answer, if it is about the passage asked about last.
pub fn replied(state: &mut AppState, article: &str, start: usize, result: Result<Vec<Echo>, String>) {
    state.index.progress = None;
    if let Some(list) = state.index.quoted.as_mut()
        && list.article == article
        && list.start == start
    {
        list.result = Some(result);
        list.selected = 0;
    }
}

/// Keys while the list is open.
pub fn key(state: &mut AppState, chord: KeyChord) -> Vec<Effect> {
    let Some(list) = state.index.quoted.as_mut() else {
        state.overlay = Overlay::None;
        return Vec::new();
    };
    let bottom = list.echoes().len().saturating_sub(1);
    match (chord.key, chord.ctrl) {
        (Key::Down | Key::Char('j' | ']'), false) | (Key::Char('n'), true) => {
            list.selected = (list.selected + 1).min(bottom);
        }
        (Key::Up | Key::Char('k' | '['), false) | (Key::Char('p'), true) => {
            list.selected = list.selected.saturating_sub(1);
        }
        (Key::Home | Key::Char('g'), false) => list.selected = 0,
        (Key::End | Key::Char('G'), false) => list.selected = bottom,
        (Key::Esc, _) | (Key::Char('c'), true) => state.overlay = Overlay::None,
        (Key::Char('q'), false) => return super::update(state, super::Action::Command(Command::Quit)),
        (Key::Enter, _) => {
            state.overlay = Overlay::None;
            return open_selected(state);
        }
        _ => {}
    }
    Vec::new()
}

/// `] q` / `[ q`: the next or previous passage of the list, opened.
pub fn step(state: &mut AppState, forward: bool) -> Vec<Effect> {
    let Some(list) = state.index.quoted.as_mut().filter(|l| !l.echoes().is_empty()) else {
        let key = state.keymap.key(super::keymap::Scope::Reader, Command::QuotedElsewhere);
        return problem(state, format!("no passages quoted elsewhere to go through: press {key} on a passage"));
    };
    let count = list.echoes().len();
    if (forward && list.selected + 1 == count) || (!forward && list.selected == 0) {
        let at = list.selected + 1;
        state.message = Some(Message { text: format!("quoted elsewhere: {at} of {count} (the end)"), error: false });
        return Vec::new();
    }
    list.selected = if forward { list.selected + 1 } else { list.selected - 1 };
    open_selected(state)
}

/// Opens the selected passage's article with its shared words marked.
fn open_selected(state: &mut AppState) -> Vec<Effect> {
    let Some(list) = state.index.quoted.as_ref() else { return Vec::new() };
    let Some(echo) = list.echoes().get(list.selected) else { return Vec::new() };
    let how = match echo.kind {
        EchoKind::Quote => format!("quotes {} words in a row", echo.run_words),
        EchoKind::Paraphrase => format!("a paraphrase, {:.0}% of the words shared", echo.overlap * 100.0),
    };
    let notice = format!("quoted elsewhere {}/{}: {how}", list.selected + 1, list.echoes().len());
    let (article, range) = (echo.hit.article.clone(), (echo.shared_start, echo.shared_end));
    let Some(entry) = state.library.entries.iter().find(|e| e.relative.replace('\\', "/") == article) else {
        return problem(state, format!("{article} is no longer in the library"));
    };
    let path = entry.path.clone();
    state.pending_jump =
        Some(PendingJump { offset: range.0, speaker: None, search: None, mark: Some(range), notice: Some(notice) });
    super::opening::open_path(state, path)
}
