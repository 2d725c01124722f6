//! The reader pane's state: an open article, where it is scrolled to, the
//! cursor and selection, and search.
//!
//! The layout is lazy ([`layout`]): the article becomes a list of units (blank,
//! label, text) and a text unit is wrapped only when it comes on screen. A
//! position is a [`RowPos`] — a unit and a row inside it — never a row number
//! counted from the top, so no operation needs the whole article wrapped.
//! After every change `update` calls [`ReaderState::refresh_window`], which
//! lays out just the rows on screen; drawing reads only that window.

pub mod layout;
pub mod search;

use std::path::PathBuf;
use std::sync::Arc;

use crate::document::Document;
use crate::speaker::Attribution;
use crate::text::ByteRange;

use super::speakers::SpeakerFilter;
pub use layout::{Row, RowKind, Unit};
pub use search::find_all;

/// A screen row of the layout: row `line` of unit `unit`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct RowPos {
    pub unit: usize,
    pub line: usize,
}

/// A search and its matches (**byte** ranges into the document text).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// Every shown match once counted; until then, the matches found so far.
    pub matches: Vec<ByteRange>,
    pub current: Option<usize>,
    /// Whether `matches` holds every match (a big article is counted in the background).
    pub counted: bool,
    /// A background count was asked for.
    pub counting: bool,
}

/// Articles up to this many **bytes** are searched at once; larger ones find
/// the next match at once and count the rest in the background.
pub const SEARCH_NOW_BYTES: usize = 4 << 20;

/// An open article.
#[derive(Clone, Debug)]
pub struct ReaderState {
    pub path: PathBuf,
    pub doc: Arc<Document>,
    pub attribution: Arc<Attribution>,
    pub show_boilerplate: bool,
    /// What is shown, in order, before wrapping.
    pub units: Vec<Unit>,
    wrapped: layout::WrapCache,
    /// The rows on screen, from `top`: all that drawing needs.
    pub window: Vec<Row>,
    /// Text width, in display columns, the rows are wrapped to.
    pub text_width: u16,
    /// The first row on screen.
    pub top: RowPos,
    /// How many rows fit on screen.
    pub height: u16,
    pub search: Search,
    /// The cursor: a **byte** offset on a grapheme boundary.
    pub cursor: usize,
    /// Where a selection started (the other end is the cursor), if one is being made.
    pub selection: Option<usize>,
    /// **Byte** offset at the top of the last screenful: 100%.
    last_screen_offset: usize,
    /// Only the first screens of a big article are here (the rest is loading):
    /// the **byte** offset the preview opened at, to tell whether the reader moved.
    pub preview: Option<usize>,
    /// `G` was pressed on a preview: show the end once the whole article is here.
    pub to_end_when_loaded: bool,
    /// When the preview shows the article's end (read apart, for `G`), the
    /// preview of its start, for `g`. The end's offsets are its own, never the article's.
    pub head: Option<Box<ReaderState>>,
    /// This preview is a few screens read apart from this percent of the
    /// file (`50%` while the article loads); its offsets are its own.
    pub part: Option<u8>,
    /// `50%` was typed on a preview: the part at this percent is being read.
    pub wants_part: Option<super::Part>,
    /// A part read for a search: the **byte** of the file where its match is,
    /// and the **byte** offset of that match in the part, so that `n` past
    /// the part's last match searches the file on from the part's end.
    pub part_anchor: Option<(u64, usize)>,
}

impl ReaderState {
    #[must_use]
    pub fn new(path: PathBuf, doc: Arc<Document>, attribution: Arc<Attribution>) -> Self {
        Self {
            path,
            doc,
            attribution,
            show_boilerplate: false,
            units: Vec::new(),
            wrapped: layout::WrapCache::default(),
            window: Vec::new(),
            text_width: 0,
            top: RowPos::default(),
            height: 1,
            search: Search::default(),
            cursor: 0,
            selection: None,
            last_screen_offset: 0,
            preview: None,
            to_end_when_loaded: false,
            head: None,
            part: None,
            wants_part: None,
            part_anchor: None,
        }
    }

    /// Lays the article out again, keeping the same text at the top of the screen.
    pub fn relayout(&mut self, filter: &SpeakerFilter, width: u16) {
        let at_end = self.at_end();
        self.relayout_at(filter, width, at_end);
    }

    /// Whether the last screen is shown (and the article is longer than one).
    #[must_use]
    pub fn at_end(&mut self) -> bool {
        let top = self.top;
        !self.units.is_empty() && top != RowPos::default() && top >= self.max_top()
    }

    /// Lays the article out for `width`; `at_end`: it stays at the end, since
    /// a narrower pane wraps the last paragraph into more rows, and keeping the
    /// top line alone would leave them below the screen.
    pub fn relayout_at(&mut self, filter: &SpeakerFilter, width: u16, at_end: bool) {
        let anchor = self.top_offset();
        // A blank row, a speaker's name row and the paragraph below them can
        // start at the same offset (the first two show no text): the top keeps
        // its row among them, not the first.
        let empty_at_anchor = |u: &layout::Unit| u.range.is_empty() && u.range.start == anchor;
        let unit = self.top.unit.min(self.units.len());
        let same_offset_above = if self.top.line == 0 {
            self.units[..unit].iter().rev().take_while(|u| empty_at_anchor(u)).count()
        } else {
            0
        };
        self.text_width = width;
        // The old layout goes first: a 100 MB transcript's is tens of MB, and two at once
        // would be the reader's peak of memory.
        self.units = Vec::new();
        self.units = layout::units(&self.doc, &self.attribution, filter, self.show_boilerplate);
        self.wrapped.reset(usize::from(width.max(1)));
        if at_end {
            self.go_bottom();
        } else {
            self.scroll_to_offset(anchor);
            if same_offset_above > 0 {
                self.scroll_by(isize::try_from(same_offset_above).unwrap_or(0));
            }
        }
        self.refresh_search();
    }

    /// Rows of unit `index`: wrapped text, or the one row of a blank or label.
    fn rows_of(&mut self, index: usize) -> Arc<[ByteRange]> {
        let Some(unit) = self.units.get(index).copied() else { return Arc::new([]) };
        if unit.kind.is_text() { self.wrapped.rows(&self.doc.text, index, &unit) } else { Arc::new([unit.range]) }
    }

    fn row_count(&mut self, index: usize) -> usize {
        match self.units.get(index) {
            Some(unit) if unit.kind.is_text() => self.rows_of(index).len(),
            Some(_) => 1,
            None => 0,
        }
    }

    /// The row at `pos`, if there is one.
    pub fn row(&mut self, pos: RowPos) -> Option<Row> {
        let unit = *self.units.get(pos.unit)?;
        let range = *self.rows_of(pos.unit).get(pos.line)?;
        Some(Row { kind: unit.kind, block: unit.block, range })
    }

    /// The last row of the layout.
    fn last(&mut self) -> RowPos {
        let unit = self.units.len().saturating_sub(1);
        RowPos { unit, line: self.row_count(unit).saturating_sub(1) }
    }

    /// `pos` moved `delta` rows down (up when negative), stopping at either end.
    pub fn step(&mut self, pos: RowPos, delta: isize) -> RowPos {
        let mut pos = pos;
        let mut left = delta.unsigned_abs();
        if delta >= 0 {
            while left > 0 {
                let rows = self.row_count(pos.unit);
                let room = rows.saturating_sub(pos.line + 1);
                if left <= room {
                    pos.line += left;
                    break;
                }
                if pos.unit + 1 >= self.units.len() {
                    pos.line = rows.saturating_sub(1);
                    break;
                }
                left -= room + 1;
                pos = RowPos { unit: pos.unit + 1, line: 0 };
            }
        } else {
            while left > 0 {
                if left <= pos.line {
                    pos.line -= left;
                    break;
                }
                if pos.unit == 0 {
                    pos.line = 0;
                    break;
                }
                left -= pos.line + 1;
                let unit = pos.unit - 1;
                pos = RowPos { unit, line: self.row_count(unit).saturating_sub(1) };
            }
        }
        pos
    }

    /// The first row showing **byte** `offset` or the text after it.
    pub fn pos_at_offset(&mut self, offset: usize) -> RowPos {
        let before = |r: &ByteRange| r.end <= offset && r.start < offset;
        let unit = self.units.partition_point(|u| before(&u.range)).min(self.units.len().saturating_sub(1));
        let rows = self.rows_of(unit);
        let line = rows.partition_point(before).min(rows.len().saturating_sub(1));
        RowPos { unit, line }
    }

    /// The **byte** offset of the text at the top of the screen.
    #[must_use]
    pub fn top_offset(&self) -> usize {
        self.window
            .first()
            .map_or_else(|| self.units.get(self.top.unit).map_or(0, |u| u.range.start), |r| r.range.start)
    }

    pub fn scroll_to_offset(&mut self, offset: usize) {
        self.top = self.pos_at_offset(offset);
        self.clamp();
    }

    /// The row showing the text at **byte** `offset` at the top, not a blank
    /// or a speaker's name row that starts at the same offset above it.
    pub fn scroll_to_text(&mut self, offset: usize) {
        let mut pos = self.pos_at_offset(offset);
        while self.units.get(pos.unit).is_some_and(|u| u.range.is_empty() && u.range.start == offset)
            && pos.unit + 1 < self.units.len()
        {
            pos = RowPos { unit: pos.unit + 1, line: 0 };
        }
        self.top = pos;
        self.clamp();
    }

    /// The lowest the top may go: the last screenful.
    pub fn max_top(&mut self) -> RowPos {
        let last = self.last();
        let height = isize::try_from(self.height.max(1)).unwrap_or(1);
        self.step(last, 1 - height)
    }

    /// Keeps the top within the layout, then lays out the window.
    pub fn clamp(&mut self) {
        let max = self.max_top();
        self.last_screen_offset = self.row(max).map_or(0, |r| r.range.start);
        if self.top > max {
            self.top = max;
        }
        let last = self.last();
        if self.top > last {
            self.top = last;
        }
        self.refresh_window();
    }

    pub fn scroll_by(&mut self, delta: isize) {
        self.top = self.step(self.top, delta);
        self.clamp();
    }

    pub fn go_top(&mut self) {
        self.top = RowPos::default();
        self.clamp();
    }

    pub fn go_bottom(&mut self) {
        self.top = self.max_top();
        self.clamp();
    }

    /// `G`: the last screen, with the cursor on its last line of text.
    pub fn go_end(&mut self) {
        self.go_bottom();
        if let Some(last) = self.window.iter().rev().find(|r| r.kind.is_text()) {
            self.cursor = last.range.start;
        }
    }

    /// Lays out the rows on screen; drawing reads nothing else.
    pub fn refresh_window(&mut self) {
        let mut window = Vec::with_capacity(usize::from(self.height));
        let mut pos = self.top;
        while window.len() < usize::from(self.height.max(1)) {
            let Some(row) = self.row(pos) else { break };
            window.push(row);
            let next = self.step(pos, 1);
            if next == pos {
                break;
            }
            pos = next;
        }
        self.window = window;
    }

    /// Position through the article, 0–100, by the text at the top of the screen.
    #[must_use]
    pub fn percent(&self) -> u8 {
        // A part read apart from the middle: where in the file it was read.
        if let Some(percent) = self.part.filter(|p| *p < 100) {
            return percent;
        }
        let first = self.units.first().map_or(0, |u| u.range.start);
        let end = self.last_screen_offset.saturating_sub(first);
        let here = self.top_offset().saturating_sub(first);
        (here * 100).checked_div(end).map_or(100, |p| p.min(100) as u8)
    }

    /// The selected **byte** range: from the anchor to the cursor, both ends included.
    #[must_use]
    pub fn selection_range(&self) -> Option<ByteRange> {
        let anchor = self.selection?;
        let (start, last) = if anchor <= self.cursor { (anchor, self.cursor) } else { (self.cursor, anchor) };
        let end = crate::text::motion::next_grapheme(&self.doc.text, last);
        Some(ByteRange::new(start, end.max(start)))
    }

    /// The **byte** span of the text on screen, from the first text row to the last.
    #[must_use]
    pub fn on_screen(&self) -> Option<ByteRange> {
        let first = self.window.iter().find(|r| r.kind.is_text())?;
        let last = self.window.iter().rev().find(|r| r.kind.is_text()).unwrap_or(first);
        Some(ByteRange::new(first.range.start, last.range.end))
    }

    /// Puts the cursor at the first text on screen when it is off screen.
    pub fn keep_cursor_on_screen(&mut self) {
        let Some(span) = self.on_screen() else { return };
        if self.cursor < span.start || self.cursor > span.end {
            self.cursor = span.start;
        }
    }

    /// Scrolls so that the cursor's row is on screen.
    pub fn show_cursor(&mut self) {
        let row = self.pos_at_offset(self.cursor);
        let height = isize::try_from(self.height.max(1)).unwrap_or(1);
        let bottom = self.step(self.top, height - 1);
        if row < self.top {
            self.top = row;
        } else if row > bottom {
            self.top = self.step(row, 1 - height);
        }
        self.clamp();
    }

    /// Scrolls so that the whole of `range` is on screen, with a little of
    /// what comes before it when there is room; a passage taller than the
    /// screen starts at the top. Does nothing when it is all on screen.
    pub fn show_range(&mut self, range: ByteRange) {
        let first = self.pos_at_offset(range.start);
        let end = crate::text::motion::previous_grapheme(&self.doc.text, range.end).max(range.start);
        let last = self.pos_at_offset(end);
        let height = usize::from(self.height.max(1));
        let bottom = self.step(self.top, isize::try_from(height).unwrap_or(1) - 1);
        if first >= self.top && last <= bottom {
            return;
        }
        let mut rows = 1;
        let mut pos = first;
        while pos < last && rows <= height {
            pos = self.step(pos, 1);
            rows += 1;
        }
        let context = if rows < height { (height - rows) / 3 } else { 0 };
        self.top = self.step(first, -isize::try_from(context).unwrap_or(0));
        self.clamp();
    }

    /// The next text row after (or before) `pos`, if any.
    fn next_text_row(&mut self, pos: RowPos, forward: bool) -> Option<RowPos> {
        let mut here = pos;
        loop {
            let next = self.step(here, if forward { 1 } else { -1 });
            if next == here {
                return None;
            }
            here = next;
            if self.row(here).is_some_and(|r| r.kind.is_text()) {
                return Some(here);
            }
        }
    }

    /// Moves the cursor `delta` text rows up or down, keeping its column in characters.
    pub fn cursor_rows(&mut self, delta: isize) {
        let start = self.pos_at_offset(self.cursor);
        let column = self.row(start).map_or(0, |r| {
            let end = self.cursor.clamp(r.range.start, r.range.end);
            self.doc.text[r.range.start..end].chars().count()
        });
        let mut target = start;
        for _ in 0..delta.unsigned_abs() {
            let Some(next) = self.next_text_row(target, delta > 0) else { break };
            target = next;
        }
        if let Some(r) = self.row(target) {
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
        let row = self.window.get(usize::from(row_on_screen))?;
        if !row.kind.is_text() {
            return None;
        }
        let mut used = 0u16;
        for (range, piece) in crate::text::display_pieces(&self.doc.text, row.range) {
            let width = u16::try_from(crate::text::display_width(&piece)).unwrap_or(u16::MAX);
            if column_in_text < used.saturating_add(width) {
                // Inside a word: the grapheme under the column, not the word's start.
                let word = range.slice(&self.doc.text);
                if word.len() != piece.len() {
                    return Some(range.start);
                }
                for (at, grapheme) in unicode_segmentation::UnicodeSegmentation::grapheme_indices(word, true) {
                    used = used.saturating_add(u16::try_from(crate::text::grapheme_width(grapheme)).unwrap_or(1));
                    if column_in_text < used {
                        return Some(range.start + at);
                    }
                }
                return Some(range.start);
            }
            used = used.saturating_add(width);
        }
        Some(crate::text::motion::previous_grapheme(&self.doc.text, row.range.end).max(row.range.start))
    }

    /// Moves the top to the next (or previous) unit that satisfies `starts`.
    pub fn jump(&mut self, forward: bool, starts: impl Fn(&[Unit], usize) -> bool) -> bool {
        let here = self.top.unit;
        let found = if forward {
            (here + 1..self.units.len()).find(|&i| starts(&self.units, i))
        } else {
            // From inside a unit, its own start comes first.
            let from = if self.top.line > 0 { here + 1 } else { here };
            (0..from).rev().find(|&i| starts(&self.units, i))
        };
        if let Some(unit) = found {
            self.top = RowPos { unit, line: 0 };
            self.clamp();
        }
        found.is_some()
    }

    /// Every row of the layout, wrapping the whole article: for tests and
    /// small documents only.
    pub fn all_rows(&mut self) -> Vec<Row> {
        let mut rows = Vec::new();
        for index in 0..self.units.len() {
            let unit = self.units[index];
            for range in self.rows_of(index).iter() {
                rows.push(Row { kind: unit.kind, block: unit.block, range: *range });
            }
        }
        rows
    }

    /// The number of the top row counted from the first: wraps every unit
    /// above it, so for tests and small documents only.
    pub fn top_row_number(&mut self) -> usize {
        (0..self.top.unit).map(|i| self.row_count(i)).sum::<usize>() + self.top.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::settings::FilterMode;
    use crate::document::Format;

    #[test]
    fn a_screen_column_finds_the_grapheme_under_it() {
        let text = "Title\n\nab港口👍🏽 cd e\u{301}f\n";
        let doc = Arc::new(Document::parse(text, Format::PlainText));
        let attribution = Arc::new(crate::speaker::detect(&doc));
        let mut reader = ReaderState::new("t.txt".into(), Arc::clone(&doc), attribution);
        reader.height = 10;
        reader.relayout(&SpeakerFilter::new(FilterMode::Hide, false), 40);
        let row = u16::try_from(reader.window.iter().position(|r| r.range.slice(&doc.text).starts_with("ab")).unwrap())
            .unwrap();
        // Columns: a b 港(2) 口(2) 👍🏽(2) space c d space e◌́ f
        let cases: &[(u16, &str)] = &[
            (0, "a"),
            (1, "b"),
            (2, "港"),
            (3, "港"),
            (5, "口"),
            (6, "👍🏽"),
            (7, "👍🏽"),
            (9, "c"),
            (12, "e\u{301}"),
            (13, "f"),
        ];
        for (column, want) in cases {
            let at = reader.offset_at(row, *column).unwrap();
            assert!(doc.text[at..].starts_with(want), "column {column}: {:?}", &doc.text[at..]);
        }
    }
}
