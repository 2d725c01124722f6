//! The library search view: a query typed at the top, results (ranked
//! passages with their article, date and speaker) updating as it is typed;
//! `Enter` opens the article at the hit with the query's words as the
//! article's search, so `n`/`N` go on from there.

use super::keymap::{Key, KeyChord};
use super::{AppState, Effect, Message, Overlay};
use crate::index::Hit;
use crate::index::query::{Clause, parse};
use crate::index::shared::{IndexReply, IndexRequest};

/// What the index views show, as the index reported it.
#[derive(Clone, Debug, Default)]
pub struct IndexViews {
    /// The query the hits answer, and the hits (or why there are none).
    pub hits: Option<(String, Result<Vec<Hit>, String>)>,
    pub people: Option<Result<Vec<crate::people::Person>, String>>,
    /// The person the passages are of, and the passages.
    pub passages: Option<(String, Result<Vec<Hit>, String>)>,
    /// Articles indexed, of how many, while the index is being built.
    pub progress: Option<(usize, usize)>,
    /// The last "quoted elsewhere" list.
    pub quoted: Option<super::quoted::QuotedList>,
}

/// Where to go once an article chosen in an index view has opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingJump {
    /// **Byte** offset of the passage.
    pub offset: usize,
    /// Show only this speaker (a name the article gives).
    pub speaker: Option<String>,
    /// Search the article for this.
    pub search: Option<String>,
    /// Mark this **byte** range as the current search match (the words another article shares).
    pub mark: Option<(usize, usize)>,
    /// Say this in the status bar once there.
    pub notice: Option<String>,
}

/// Opens the search view.
pub fn open(state: &mut AppState) -> Vec<Effect> {
    state.overlay = Overlay::Search { query: String::new(), selected: 0 };
    Vec::new()
}

/// Keys while the search view is open.
pub fn key(state: &mut AppState, chord: KeyChord) -> Vec<Effect> {
    let Overlay::Search { query, selected } = &mut state.overlay else { return Vec::new() };
    let before = query.clone();
    if !super::annotate::list_typing_keys(query, selected, chord) {
        match (chord.key, chord.ctrl) {
            (Key::Esc, _) | (Key::Char('c'), true) => state.overlay = Overlay::None,
            (Key::Enter, _) => {
                let (query, selected) = (query.clone(), *selected);
                let hit = hits(state, &query).get(selected).cloned();
                let Some(hit) = hit else { return Vec::new() };
                state.overlay = Overlay::None;
                return open_hit(state, &hit, None, words_of(&query));
            }
            _ => {}
        }
    }
    let Overlay::Search { query, selected } = &mut state.overlay else { return Vec::new() };
    *selected = (*selected).min(hits_len(&state.index, query).saturating_sub(1));
    if *query != before && !query.trim().is_empty() {
        return vec![Effect::Index(IndexRequest::Search(query.clone()))];
    }
    Vec::new()
}

fn hits_len(views: &IndexViews, query: &str) -> usize {
    match &views.hits {
        Some((q, Ok(hits))) if q == query => hits.len(),
        _ => 0,
    }
}

/// The hits shown for `query` (the latest results, while newer ones are on their way).
#[must_use]
pub fn hits<'a>(state: &'a AppState, _query: &str) -> &'a [Hit] {
    match &state.index.hits {
        Some((_, Ok(hits))) => hits,
        _ => &[],
    }
}

/// What the article's own search should look for: the query's first words or phrase.
#[must_use]
pub fn words_of(query: &str) -> Option<String> {
    let parsed = parse(query).ok()?;
    parsed.clauses.into_iter().next().map(|c| match c {
        Clause::Word(w) | Clause::Phrase(w) | Clause::Prefix(w) => w,
    })
}

/// Opens the article of `hit` at its passage.
pub fn open_hit(state: &mut AppState, hit: &Hit, speaker: Option<String>, search: Option<String>) -> Vec<Effect> {
    let Some(entry) = state.library.entries.iter().find(|e| e.relative.replace('\\', "/") == hit.article) else {
        state.message = Some(Message { text: format!("{} is no longer in the library", hit.article), error: true });
        return Vec::new();
    };
    let path = entry.path.clone();
    state.pending_jump = Some(PendingJump { offset: hit.start, speaker, search, mark: None, notice: None });
    super::opening::open_path(state, path)
}

/// Puts the reader where an index view asked, once the article is open.
pub fn apply_pending_jump(state: &mut AppState) {
    let Some(jump) = state.pending_jump.take() else { return };
    if let Some(name) = &jump.speaker
        && let Some(reader) = state.reader.as_ref()
    {
        let ids = reader.attribution.find(name);
        if !ids.is_empty() {
            for (i, shown) in state.speakers.shown.iter_mut().enumerate() {
                *shown = ids.iter().any(|id| id.0 == i);
            }
            super::panes::relayout(state);
        }
    }
    let Some(reader) = state.reader.as_mut() else { return };
    if let Some(query) = &jump.search {
        reader.search(query);
    }
    if let Some((start, end)) = jump.mark.filter(|&(s, e)| s < e && reader.doc.text.get(s..e).is_some()) {
        // The marked words are the search: `n`/`N` find them again, the counter says where.
        let words = reader.doc.text[start..end].to_owned();
        reader.search(&words);
        let range = crate::text::ByteRange::new(start, end);
        let at = reader.search.matches.binary_search(&range).unwrap_or_else(|i| {
            reader.search.matches.insert(i, range);
            i
        });
        reader.search.current = Some(at);
    }
    reader.cursor = jump.offset.min(reader.doc.text.len());
    reader.scroll_to_offset(jump.offset);
    reader.show_cursor();
    if let Some(text) = jump.notice {
        state.message = Some(Message { text, error: false });
    }
}

/// A reply from the index.
pub fn replied(state: &mut AppState, reply: IndexReply) {
    match reply {
        IndexReply::Progress(done, total) => {
            state.index.progress = (done < total).then_some((done, total));
        }
        IndexReply::People(result) => {
            state.index.progress = None;
            state.index.people = Some(result);
        }
        IndexReply::Hits { query, result } => {
            state.index.progress = None;
            // Only the answer to what is typed now, or a newer one than shown, replaces the list.
            if let Overlay::Search { query: typed, .. } = &state.overlay
                && (*typed == query || state.index.hits.is_none())
            {
                state.index.hits = Some((query, result));
            }
        }
        IndexReply::Passages { person, result } => {
            state.index.progress = None;
            state.index.passages = Some((person, result));
        }
        IndexReply::Quoted { article, start, result } => super::quoted::replied(state, &article, start, result),
    }
}
