//! The reader's layout, built lazily. [`units`] turns the document, the
//! speaker filter and the boilerplate toggle into [`Unit`]s — blanks, speaker
//! labels and runs of text — without wrapping anything; that is linear in the
//! number of blocks and passages, not in the text. A text unit is wrapped into
//! rows only when it comes on screen (see [`WrapCache`]), so opening, resizing
//! or filtering a 100 MB transcript costs what the screen shows.

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::settings::FilterMode;
use crate::document::{BlockKind, Document};
use crate::speaker::{Attribution, Passage, PassageKind, SpeakerId};
use crate::text::{ByteRange, wrap};

use super::super::speakers::SpeakerFilter;

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

impl RowKind {
    /// Rows of text (as opposed to blanks and labels).
    #[must_use]
    pub fn is_text(self) -> bool {
        matches!(self, Self::Text | Self::Title | Self::Heading)
    }
}

/// One screen row: its kind, the block it belongs to, and the **byte** range it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub kind: RowKind,
    pub block: usize,
    pub range: ByteRange,
}

/// A piece of the layout before wrapping: a blank or a label (one row each),
/// or a **byte** range of text that wraps into as many rows as it needs.
pub type Unit = Row;

/// Text units longer than this many **bytes** are cut (at a space when there
/// is one), so wrapping any unit — even one 10 MB line — takes microseconds.
pub const MAX_UNIT_BYTES: usize = 16 * 1024;

/// Pushes a text unit, cut into pieces of at most [`MAX_UNIT_BYTES`].
fn push_text(units: &mut Vec<Unit>, text: &str, kind: RowKind, block: usize, range: ByteRange) {
    // Nothing to show (a label's own line): no row, not even an empty one.
    if range.slice(text).trim().is_empty() {
        return;
    }
    let mut start = range.start;
    while range.end - start > MAX_UNIT_BYTES {
        let limit = crate::text::floor_char_boundary(text, start + MAX_UNIT_BYTES);
        let cut = text[start..limit].rfind(' ').map_or(limit, |at| start + at + 1);
        let cut = if cut <= start { limit.max(start + 1) } else { cut };
        let cut = crate::text::floor_char_boundary(text, cut).max(start + 1);
        units.push(Unit { kind, block, range: ByteRange::new(start, cut) });
        start = cut;
    }
    units.push(Unit { kind, block, range: ByteRange::new(start, range.end) });
}

/// A blank row between paragraphs; never right under a label, whose paragraph belongs beneath it.
fn push_blank(units: &mut Vec<Unit>, block: usize, at: usize) {
    if units.last().is_some_and(|u| !matches!(u.kind, RowKind::Blank | RowKind::Label(_))) {
        units.push(Unit { kind: RowKind::Blank, block, range: ByteRange::new(at, at) });
    }
}

/// Lays out one block, unfiltered: a paragraph holding several turns one turn
/// per paragraph, each under its label. Says whether it ended on a label alone.
fn lay_out_turns(units: &mut Vec<Unit>, doc: &Document, index: usize, own: &[Passage], kind: RowKind) -> bool {
    let block = doc.blocks[index];
    let mut after_bare_label = false;
    // A paragraph holding several turns is laid out one turn per paragraph.
    let cuts: Vec<usize> =
        if kind == RowKind::Text { crate::speaker::turn_cuts(own, block.range).collect() } else { Vec::new() };
    let mut segment_start = block.range.start;
    for (n, segment_end) in cuts.iter().copied().chain(std::iter::once(block.range.end)).enumerate() {
        let opener = if n == 0 {
            own.first()
        } else {
            push_blank(units, index, segment_start);
            own.iter().find(|p| p.turn_start && p.turn_begins() == segment_start)
        };
        after_bare_label = false;
        let mut start = segment_start;
        if let Some(p) = opener
            && let (Some(label), Some(speaker)) = (p.label, p.speaker)
        {
            units.push(Unit {
                kind: RowKind::Label(speaker),
                block: index,
                range: ByteRange::new(label.start, label.start),
            });
            start = p.range.start.max(label.end);
        }
        let end = if start < segment_end {
            start + ByteRange::new(start, segment_end).slice(&doc.text).trim_end().len()
        } else {
            start
        };
        if start < end && !ByteRange::new(start, end).slice(&doc.text).trim().is_empty() {
            push_text(units, &doc.text, kind, index, ByteRange::new(start, end));
        } else if units.last().is_some_and(|u| matches!(u.kind, RowKind::Label(_))) {
            after_bare_label = true;
        }
        segment_start = segment_end;
    }
    after_bare_label
}

/// Lays a document out into units: what is shown, in order, before wrapping.
#[must_use]
pub fn units(doc: &Document, attribution: &Attribution, filter: &SpeakerFilter, show_boilerplate: bool) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let hiding = filter.is_active() && filter.mode == FilterMode::Hide;
    let visible = if hiding {
        crate::speaker::filter::shown_passages(&doc.text, attribution, |id| filter.is_shown(id), filter.keep_questions)
    } else {
        Vec::new()
    };
    let passages = &attribution.passages;
    let mut next_passage = 0;
    let mut last_speaker: Option<SpeakerId> = None;
    // A label alone on its line: the paragraph below belongs right under it.
    let mut after_bare_label = false;
    for (index, block) in doc.blocks.iter().enumerate() {
        let first = next_passage;
        while next_passage < passages.len() && passages[next_passage].block <= index {
            next_passage += 1;
        }
        let own = &passages[first..next_passage];
        if block.boilerplate {
            if show_boilerplate && !hiding {
                push_blank(&mut units, index, block.range.start);
                push_text(&mut units, &doc.text, RowKind::Text, index, block.range);
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
                push_blank(&mut units, index, block.range.start);
            }
            after_bare_label = lay_out_turns(&mut units, doc, index, own, kind);
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
            push_blank(&mut units, index, p.range.start);
            if let Some(speaker) = p.speaker
                && (p.label.is_some() || last_speaker != Some(speaker))
            {
                units.push(Unit {
                    kind: RowKind::Label(speaker),
                    block: index,
                    range: ByteRange::new(p.range.start, p.range.start),
                });
            }
            let row_kind = if p.kind == PassageKind::Title { RowKind::Title } else { kind };
            push_text(&mut units, &doc.text, row_kind, index, ByteRange::new(p.range.start, end));
            last_speaker = p.speaker;
            i = j;
        }
    }
    if units.first().is_some_and(|u| u.kind == RowKind::Blank) {
        units.remove(0);
    }
    // Kept for as long as the article is open: no room to spare from doubling.
    units.shrink_to_fit();
    units
}

/// How many wrapped units are kept before the cache starts again: a few
/// thousand screens' worth, bounded whatever the document's size.
const CACHE_UNITS: usize = 64 * 1024;

/// Wrapped rows of the units that have been on screen, for one width.
#[derive(Clone, Debug, Default)]
pub struct WrapCache {
    /// Display columns the cached rows were wrapped to.
    width: usize,
    lines: HashMap<usize, Arc<[ByteRange]>>,
}

impl WrapCache {
    /// Forgets every row, for a new width or a new set of units.
    pub fn reset(&mut self, width: usize) {
        self.width = width.max(1);
        self.lines.clear();
    }

    /// The **byte** ranges of the rows of text unit `index`.
    pub fn rows(&mut self, text: &str, index: usize, unit: &Unit) -> Arc<[ByteRange]> {
        if let Some(lines) = self.lines.get(&index) {
            return Arc::clone(lines);
        }
        if self.lines.len() >= CACHE_UNITS {
            self.lines.clear();
        }
        let mut lines: Vec<ByteRange> = wrap(text, unit.range, self.width).map(|l| l.range).collect();
        if lines.is_empty() {
            lines.push(ByteRange::new(unit.range.start, unit.range.start));
        }
        let lines: Arc<[ByteRange]> = lines.into();
        self.lines.insert(index, Arc::clone(&lines));
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_into_units_at_spaces_and_char_boundaries() {
        let cases: &[(&str, String)] = &[
            ("ascii words", "word ".repeat(10_000)),
            ("one unbroken word", "x".repeat(40_000)),
            ("CJK", "港口的集装箱".repeat(5_000)),
            ("emoji", "🚢 ⚓ ".repeat(8_000)),
        ];
        for (name, text) in cases {
            let mut units = Vec::new();
            push_text(&mut units, text, RowKind::Text, 0, ByteRange::new(0, text.len()));
            assert!(units.len() > 1, "{name}");
            assert_eq!(units.first().unwrap().range.start, 0, "{name}");
            assert_eq!(units.last().unwrap().range.end, text.len(), "{name}");
            for pair in units.windows(2) {
                assert_eq!(pair[0].range.end, pair[1].range.start, "{name}: contiguous");
            }
            for unit in &units {
                assert!(unit.range.len() <= MAX_UNIT_BYTES, "{name}");
                assert!(text.is_char_boundary(unit.range.start) && text.is_char_boundary(unit.range.end), "{name}");
            }
        }
    }

    /// Turns on consecutive lines of one paragraph (how a Markdown transcript
    /// saved from a web page arrives) are laid out one turn per paragraph,
    /// each under its own label, as `gloss show` prints them.
    #[test]
    fn turns_sharing_a_paragraph_get_a_label_each() {
        let exchange = |host: &str, answer: &str| {
            (0..4).fold(String::new(), |mut text, n| {
                use std::fmt::Write;
                let _ = write!(text, "MS. ARNOTT: {host} {n}\nMR. OYELARAN: {answer} {n}\n");
                text
            })
        };
        let cases: Vec<(&str, String, usize)> = vec![
            ("ascii", format!("Briefing\n\n{}", exchange("Good morning.", "Thanks. One question.")), 8),
            ("CJK", format!("简报\n\n{}", exchange("早上好。", "谢谢。一个问题。")), 8),
            ("emoji", format!("Call 🚢\n\n{}", exchange("Ports ⚓ first.", "Agreed 👍.")), 8),
        ];
        for (name, source, turns) in &cases {
            let doc = crate::document::markdown::parse(source);
            let attribution = crate::speaker::detect(&doc);
            let filter = crate::app::speakers::SpeakerFilter::new(crate::config::settings::FilterMode::Dim, false);
            let units = units(&doc, &attribution, &filter, false);
            let labels = units.iter().filter(|u| matches!(u.kind, RowKind::Label(_))).count();
            assert_eq!(labels, *turns, "{name}: {units:?}");
            for unit in units.iter().filter(|u| u.kind == RowKind::Text) {
                let text = unit.range.slice(&doc.text);
                assert!(
                    !text.contains("MS. ARNOTT:") && !text.contains("MR. OYELARAN:"),
                    "{name}: label left in {text:?}"
                );
                assert_eq!(text, text.trim(), "{name}");
            }
        }
    }
}
