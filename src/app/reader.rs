//! The reader pane's state: an article laid out into screen rows for the
//! current width and speaker filter, the scroll position, and search.
//!
//! Rows are computed here, in the app layer, whenever the width, the filter
//! or the boilerplate toggle changes, so drawing a frame only reads the rows
//! it shows. Each row holds the **byte** range of the text it shows.

use std::path::PathBuf;
use std::sync::Arc;

use crate::document::{BlockKind, Document};
use crate::speaker::{Attribution, PassageKind, SpeakerId};
use crate::text::{ByteRange, wrap};

use super::speakers::SpeakerFilter;

/// What a screen row of the reader shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// Space between paragraphs.
    Blank,
    /// The name of the speaker whose turn starts below.
    Label(SpeakerId),
    Title,
    Heading,
    /// Wrapped text of the block.
    Text,
}

/// One screen row: its kind, the block it belongs to, and the **byte** range it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub kind: RowKind,
    pub block: usize,
    pub range: ByteRange,
}

/// A search and its matches (**byte** ranges into the document text).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub matches: Vec<ByteRange>,
    pub current: Option<usize>,
}

/// An open article.
#[derive(Clone, Debug)]
pub struct ReaderState {
    pub path: PathBuf,
    pub doc: Arc<Document>,
    pub attribution: Arc<Attribution>,
    pub show_boilerplate: bool,
    pub rows: Vec<Row>,
    /// Text width, in display columns, the rows were wrapped to.
    pub text_width: u16,
    /// Index of the first row on screen.
    pub top: usize,
    /// How many rows fit on screen.
    pub height: u16,
    pub search: Search,
    /// The cursor: a **byte** offset on a grapheme boundary.
    pub cursor: usize,
    /// Where a selection started (the other end is the cursor), if one is being made.
    pub selection: Option<usize>,
}

/// Which passages of the document are shown, given the filter.
fn visible_passages(text: &str, attribution: &Attribution, filter: &SpeakerFilter) -> Vec<bool> {
    let passages = &attribution.passages;
    let mut visible: Vec<bool> = passages
        .iter()
        .map(|p| p.kind == PassageKind::Title || p.speaker.is_some_and(|id| filter.is_shown(id)))
        .collect();
    if filter.keep_questions {
        // The question that prompted a shown answer stays, dimmed, above it.
        let turns: Vec<usize> = (0..passages.len()).filter(|&i| passages[i].label.is_some()).collect();
        for pair in turns.windows(2) {
            let (asked, answered) = (pair[0], pair[1]);
            let questioner = passages[asked].speaker;
            if visible[answered] && !visible[asked] && questioner != passages[answered].speaker {
                let question = (asked..answered).filter(|&j| passages[j].speaker == questioner);
                if question.clone().any(|j| passages[j].range.slice(text).contains('?')) {
                    for j in question {
                        visible[j] = true;
                    }
                }
            }
        }
    }
    visible
}

/// Lays a document out into rows of at most `width` columns.
#[must_use]
pub fn layout(
    doc: &Document,
    attribution: &Attribution,
    filter: &SpeakerFilter,
    width: u16,
    show_boilerplate: bool,
) -> Vec<Row> {
    let width = usize::from(width.max(1));
    let mut rows: Vec<Row> = Vec::new();
    let blank = |rows: &mut Vec<Row>, block: usize, at: usize| {
        if rows.last().is_some_and(|r| r.kind != RowKind::Blank) {
            rows.push(Row { kind: RowKind::Blank, block, range: ByteRange::new(at, at) });
        }
    };
    let push_text = |rows: &mut Vec<Row>, kind: RowKind, block: usize, range: ByteRange| {
        for line in wrap(&doc.text, range, width) {
            rows.push(Row { kind, block, range: line.range });
        }
    };
    let hiding = filter.is_active() && filter.mode == crate::config::settings::FilterMode::Hide;
    let visible = if hiding { visible_passages(&doc.text, attribution, filter) } else { Vec::new() };
    let passages = &attribution.passages;
    let mut next_passage = 0;
    let mut last_speaker: Option<SpeakerId> = None;
    // A label alone on its line: the paragraph below belongs right under it.
    let mut after_bare_label = false;
    for (index, block) in doc.blocks.iter().enumerate() {
        // Passages of this block, in order.
        let first = next_passage;
        while next_passage < passages.len() && passages[next_passage].block <= index {
            next_passage += 1;
        }
        let own = &passages[first..next_passage];
        if block.boilerplate {
            if show_boilerplate && !hiding {
                blank(&mut rows, index, block.range.start);
                push_text(&mut rows, RowKind::Text, index, block.range);
            }
            continue;
        }
        let kind = match block.kind {
            BlockKind::Title => RowKind::Title,
            BlockKind::Heading { .. } => RowKind::Heading,
            _ => RowKind::Text,
        };
        if !hiding {
            let continues_turn = after_bare_label && own.first().is_some_and(|p| p.label.is_none());
            // A caption's time sits right above the passage it opens.
            let after_time = index > 0 && doc.blocks[index - 1].kind == BlockKind::Time;
            if !continues_turn && !after_time {
                blank(&mut rows, index, block.range.start);
            }
            after_bare_label = false;
            let mut start = block.range.start;
            if let Some(p) = own.first()
                && let (Some(label), Some(speaker)) = (p.label, p.speaker)
            {
                rows.push(Row {
                    kind: RowKind::Label(speaker),
                    block: index,
                    range: ByteRange::new(label.start, label.start),
                });
                start = p.range.start.max(label.end);
            }
            if start < block.range.end && !ByteRange::new(start, block.range.end).slice(&doc.text).trim().is_empty() {
                push_text(&mut rows, kind, index, ByteRange::new(start, block.range.end));
            } else if rows.last().is_some_and(|r| matches!(r.kind, RowKind::Label(_))) {
                after_bare_label = true;
            }
            continue;
        }
        // Hiding: only visible passages, neighbours in one block joined into one paragraph.
        let mut i = 0;
        while i < own.len() {
            let global = first + i;
            if !visible[global] {
                i += 1;
                last_speaker = None;
                continue;
            }
            let p = &own[i];
            let mut end = p.range.end;
            let mut j = i + 1;
            while j < own.len() && visible[first + j] && own[j].label.is_none() && own[j].speaker == p.speaker {
                end = own[j].range.end;
                j += 1;
            }
            blank(&mut rows, index, p.range.start);
            if let Some(speaker) = p.speaker
                && (p.label.is_some() || last_speaker != Some(speaker))
            {
                rows.push(Row {
                    kind: RowKind::Label(speaker),
                    block: index,
                    range: ByteRange::new(p.range.start, p.range.start),
                });
            }
            let row_kind = if p.kind == PassageKind::Title { RowKind::Title } else { kind };
            push_text(&mut rows, row_kind, index, ByteRange::new(p.range.start, end));
            last_speaker = p.speaker;
            i = j;
        }
    }
    if rows.first().is_some_and(|r| r.kind == RowKind::Blank) {
        rows.remove(0);
    }
    rows
}

impl ReaderState {
    #[must_use]
    pub fn new(path: PathBuf, doc: Arc<Document>, attribution: Arc<Attribution>) -> Self {
        Self {
            path,
            doc,
            attribution,
            show_boilerplate: false,
            rows: Vec::new(),
            text_width: 0,
            top: 0,
            height: 1,
            search: Search::default(),
            cursor: 0,
            selection: None,
        }
    }

    /// Lays the article out again, keeping the same text at the top of the screen.
    pub fn relayout(&mut self, filter: &SpeakerFilter, width: u16) {
        let anchor = self.top_offset();
        self.text_width = width;
        self.rows = layout(&self.doc, &self.attribution, filter, width, self.show_boilerplate);
        self.scroll_to_offset(anchor);
        self.refresh_search();
    }

    /// The **byte** offset of the text at the top of the screen.
    #[must_use]
    pub fn top_offset(&self) -> usize {
        self.rows.get(self.top).map_or(0, |r| r.range.start)
    }

    /// The first row showing **byte** `offset` or the text after it.
    #[must_use]
    pub fn row_at_offset(&self, offset: usize) -> usize {
        self.rows
            .partition_point(|r| r.range.end <= offset && r.range.start < offset)
            .min(self.rows.len().saturating_sub(1))
    }

    pub fn scroll_to_offset(&mut self, offset: usize) {
        self.top = self.row_at_offset(offset);
        self.clamp();
    }

    #[must_use]
    pub fn max_top(&self) -> usize {
        self.rows.len().saturating_sub(usize::from(self.height))
    }

    pub fn clamp(&mut self) {
        self.top = self.top.min(self.max_top());
    }

    pub fn scroll_by(&mut self, delta: isize) {
        self.top = self.top.saturating_add_signed(delta);
        self.clamp();
    }

    /// Position through the article, 0–100.
    #[must_use]
    pub fn percent(&self) -> u8 {
        let max = self.max_top();
        (self.top * 100).checked_div(max).map_or(100, |p| p.min(100) as u8)
    }

    /// The selected **byte** range: from the anchor to the cursor, both ends included.
    #[must_use]
    pub fn selection_range(&self) -> Option<ByteRange> {
        let anchor = self.selection?;
        let (start, last) = if anchor <= self.cursor { (anchor, self.cursor) } else { (self.cursor, anchor) };
        let end = crate::text::motion::next_grapheme(&self.doc.text, last);
        Some(ByteRange::new(start, end.max(start)))
    }

    fn is_text_row(&self, i: usize) -> bool {
        self.rows.get(i).is_some_and(|r| matches!(r.kind, RowKind::Text | RowKind::Title | RowKind::Heading))
    }

    /// Puts the cursor at the first text on screen when it is off screen.
    pub fn keep_cursor_on_screen(&mut self) {
        let row = self.row_at_offset(self.cursor);
        let bottom = self.top + usize::from(self.height);
        if (row < self.top || row >= bottom)
            && let Some(first) = (self.top..bottom.min(self.rows.len())).find(|&i| self.is_text_row(i))
        {
            self.cursor = self.rows[first].range.start;
        }
    }

    /// Scrolls so that the cursor's row is on screen.
    pub fn show_cursor(&mut self) {
        let row = self.row_at_offset(self.cursor);
        let height = usize::from(self.height.max(1));
        if row < self.top {
            self.top = row;
        } else if row >= self.top + height {
            self.top = row + 1 - height;
        }
        self.clamp();
    }

    /// Moves the cursor `delta` text rows up or down, keeping its column in characters.
    pub fn cursor_rows(&mut self, delta: isize) {
        let row = self.row_at_offset(self.cursor);
        let column = self.rows.get(row).map_or(0, |r| {
            let end = self.cursor.clamp(r.range.start, r.range.end);
            self.doc.text[r.range.start..end].chars().count()
        });
        let mut target = row;
        for _ in 0..delta.unsigned_abs() {
            let next = if delta > 0 {
                (target + 1..self.rows.len()).find(|&i| self.is_text_row(i))
            } else {
                (0..target).rev().find(|&i| self.is_text_row(i))
            };
            let Some(next) = next else { break };
            target = next;
        }
        if let Some(r) = self.rows.get(target) {
            let line = &self.doc.text[r.range.start..r.range.end];
            self.cursor = r.range.start + line.char_indices().nth(column).map_or(line.len(), |(i, _)| i);
            if self.cursor == r.range.end && r.range.end > r.range.start {
                self.cursor = crate::text::motion::previous_grapheme(&self.doc.text, r.range.end);
            }
        }
        self.show_cursor();
    }

    /// The **byte** offset shown at a screen position of the text column, if any.
    #[must_use]
    pub fn offset_at(&self, row_on_screen: u16, column_in_text: u16) -> Option<usize> {
        let row = self.rows.get(self.top + usize::from(row_on_screen))?;
        if !matches!(row.kind, RowKind::Text | RowKind::Title | RowKind::Heading) {
            return None;
        }
        let mut used = 0u16;
        for (range, piece) in crate::text::display_pieces(&self.doc.text, row.range) {
            let width = u16::try_from(crate::text::display_width(&piece)).unwrap_or(u16::MAX);
            if column_in_text < used.saturating_add(width) {
                return Some(range.start);
            }
            used = used.saturating_add(width);
        }
        Some(crate::text::motion::previous_grapheme(&self.doc.text, row.range.end).max(row.range.start))
    }

    /// Moves to the next (or previous) row after `top` that satisfies `starts`.
    pub fn jump(&mut self, forward: bool, starts: impl Fn(&[Row], usize) -> bool) -> bool {
        let found = if forward {
            (self.top + 1..self.rows.len()).find(|&i| starts(&self.rows, i))
        } else {
            (0..self.top).rev().find(|&i| starts(&self.rows, i))
        };
        if let Some(i) = found {
            self.top = i;
            self.clamp();
        }
        found.is_some()
    }

    /// Finds every occurrence of `query` in the shown text: case-insensitive
    /// unless the query has a capital letter.
    pub fn search(&mut self, query: &str) {
        self.search = Search { query: query.to_owned(), matches: Vec::new(), current: None };
        self.refresh_search();
    }

    /// Recomputes matches for the current query against the shown rows.
    pub fn refresh_search(&mut self) {
        let query = self.search.query.clone();
        if query.is_empty() {
            self.search.matches.clear();
            self.search.current = None;
            return;
        }
        let all = find_all(&self.doc.text, &query);
        // Only matches the reader can see count.
        self.search.matches = all
            .into_iter()
            .filter(|m| {
                let i = self.rows.partition_point(|r| r.range.end <= m.start);
                self.rows.get(i).is_some_and(|r| {
                    r.range.start <= m.start && matches!(r.kind, RowKind::Text | RowKind::Title | RowKind::Heading)
                })
            })
            .collect();
        self.search.current = None;
    }

    /// Moves to the next match after (or before) the top of the screen.
    pub fn goto_match(&mut self, forward: bool) -> bool {
        if self.search.matches.is_empty() {
            return false;
        }
        let here = self.search.current.map_or_else(|| self.top_offset(), |i| self.search.matches[i].start);
        let n = self.search.matches.len();
        let index = match (forward, self.search.current) {
            (true, Some(i)) => (i + 1) % n,
            (false, Some(i)) => (i + n - 1) % n,
            (true, None) => self.search.matches.iter().position(|m| m.start >= here).unwrap_or(0),
            (false, None) => self.search.matches.iter().rposition(|m| m.start < here).unwrap_or(n - 1),
        };
        self.search.current = Some(index);
        let row = self.row_at_offset(self.search.matches[index].start);
        // Show the match a few rows below the top, like less.
        self.top = row.saturating_sub(2);
        self.clamp();
        true
    }
}

/// All occurrences of `query` in `text` (**byte** ranges): smart case.
#[must_use]
pub fn find_all(text: &str, query: &str) -> Vec<ByteRange> {
    if query.is_empty() {
        return Vec::new();
    }
    let sensitive = query.chars().any(char::is_uppercase);
    if sensitive {
        let finder = memchr::memmem::Finder::new(query.as_bytes());
        return finder.find_iter(text.as_bytes()).map(|at| ByteRange::new(at, at + query.len())).collect();
    }
    if !query.is_ascii() {
        // Lowercase letters beyond ASCII: compare case-folded characters.
        return find_folded(text, query);
    }
    // ASCII case folding keeps byte offsets: search a folded copy.
    let folded: Vec<u8> = text.bytes().map(|b| b.to_ascii_lowercase()).collect();
    let finder = memchr::memmem::Finder::new(query.as_bytes());
    finder.find_iter(&folded).map(|at| ByteRange::new(at, at + query.len())).collect()
}

fn find_folded(text: &str, query: &str) -> Vec<ByteRange> {
    let wanted: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    let mut hits = Vec::new();
    for (start, _) in text.char_indices() {
        let mut chars = text[start..].char_indices().flat_map(|(i, c)| c.to_lowercase().map(move |l| (i, l)));
        let mut end = start;
        let mut matched = true;
        for w in &wanted {
            match chars.next() {
                Some((i, c)) if c == *w => end = start + i,
                _ => {
                    matched = false;
                    break;
                }
            }
        }
        if matched {
            let last = text[end..].chars().next().map_or(0, char::len_utf8);
            hits.push(ByteRange::new(start, end + last));
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case_search_finds_byte_ranges() {
        let text = "Port port PORT 日本の港 Café café";
        let cases: &[(&str, &[&str])] = &[
            ("port", &["Port", "port", "PORT"]),
            ("Port", &["Port"]),
            ("港", &["港"]),
            ("café", &["Café", "café"]),
            ("nothing", &[]),
            ("", &[]),
        ];
        for (query, want) in cases {
            let got: Vec<&str> = find_all(text, query).iter().map(|r| r.slice(text)).collect();
            assert_eq!(got, *want, "{query:?}");
        }
    }
}
