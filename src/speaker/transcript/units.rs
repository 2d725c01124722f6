//! Units: the readable blocks cut at label candidates — at a line's start,
//! inside a block where the label is unmistakable, and after a sentence's
//! end where a saved page ran a hearing's lines together.

use crate::document::plain::is_all_caps_heading;
use crate::document::{BlockKind, Document};
use crate::speaker::label::{self, Label, LabelForm};
use crate::text::ByteRange;

/// A paragraph, or the part of one that a label starts.
#[derive(Clone, Debug)]
pub struct Unit {
    /// **Byte** range of the whole unit, label included.
    pub range: ByteRange,
    pub block: usize,
    pub label: Option<Label>,
    /// A caps heading line inside a block (`ORAL ARGUMENT OF …` in a numbered transcript).
    pub heading: bool,
}

/// Whether most lines start with a line number (court transcripts from PDF).
fn line_numbered(doc: &Document) -> bool {
    let mut numbered = 0;
    let mut total = 0;
    for line in doc.text.lines().take(2000) {
        let t = line.trim_start();
        if t.is_empty() {
            continue;
        }
        total += 1;
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=2).contains(&digits) && t[digits..].starts_with(char::is_whitespace) {
            numbered += 1;
        }
    }
    total >= 10 && numbered * 10 >= total * 4
}

/// Strips indentation and, in line-numbered documents, the line number.
fn content_start(line: &str, numbered: bool) -> usize {
    let trimmed = line.trim_start();
    let mut at = line.len() - trimmed.len();
    if numbered {
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=2).contains(&digits) && trimmed[digits..].starts_with(char::is_whitespace) {
            let rest = &trimmed[digits..];
            at += digits + (rest.len() - rest.trim_start().len());
        }
    }
    at
}

/// Labels found inside a paragraph (not at its start) must be unmistakable:
/// `Q:` or `Q` and a wide gap may split one, `A. Smith` may not.
fn may_split_block(label: &Label, label_text: &str, after: &str, numbered: bool) -> bool {
    let spaced_question = matches!(label.form, LabelForm::Question | LabelForm::Answer)
        && label.strong
        && (label_text.ends_with(':') || after.starts_with(['\u{a0}', '\t']) || after.starts_with("  "));
    numbered
        || spaced_question
        || (label.strong
            && matches!(
                label.form,
                LabelForm::CapsColon
                    | LabelForm::Hearing
                    | LabelForm::Timestamped
                    | LabelForm::Voice
                    | LabelForm::Marked
                    | LabelForm::Numbered
                    | LabelForm::Examiner
            ))
}

/// Splits the readable blocks into units, each starting at a label candidate or a block start.
/// Each block's units depend on that block alone, so two threads share a big document's.
pub fn units(doc: &Document) -> Vec<Unit> {
    let numbered = line_numbered(doc);
    crate::parallel::collect_in_halves(doc.blocks.len(), PARALLEL_FROM_BLOCKS, |blocks| {
        let mut units = Vec::with_capacity(blocks.len());
        for index in blocks {
            block_units(doc, index, numbered, &mut units);
        }
        units
    })
}

/// Blocks past which [`units`] splits its work in two.
const PARALLEL_FROM_BLOCKS: usize = 8192;

/// Appends the units of block `index` to `units`.
fn block_units(doc: &Document, index: usize, numbered: bool, units: &mut Vec<Unit>) {
    let block = &doc.blocks[index];
    if block.boilerplate {
        return;
    }
    let text = block.range.slice(&doc.text);
    let mut unit = Unit { range: block.range, block: index, label: None, heading: false };
    let mut offset = 0;
    let mut first = true;
    let mut close_after = false;
    let mut after_blank = false;
    for line in text.split('\n') {
        let line_at = block.range.start + offset;
        let start = content_start(line, numbered);
        let candidate = if let Some(marked) = marked_at(doc, line_at + start) {
            let alone = doc.text[marked.end..line_at + line.len()].trim().is_empty();
            Some(label::marked(&doc.text, marked, alone))
        } else if matches!(
            block.kind,
            BlockKind::Paragraph | BlockKind::Heading { .. } | BlockKind::Meta | BlockKind::ListItem
        ) {
            label::parse(&line[start..], line_at + start)
        } else {
            None
        };
        let content = line[start..].trim_end();
        // In numbered transcripts a parenthetical (`(Recess taken.)`) runs over whole lines: its own unit;
        // so does one after a line of only spaces (U+00A0 too), a paragraph break the page kept in one block.
        let opens_aside = (numbered || after_blank) && candidate.is_none() && content.starts_with(['(', '[']);
        after_blank = !first && content.trim().is_empty();
        if (opens_aside && !first) || close_after {
            let next = Unit { range: ByteRange::new(line_at + start, block.range.end), ..unit_of(index) };
            unit = end_unit(units, unit, &doc.text, line_at, next);
            close_after = false;
        }
        if (opens_aside || (numbered && doc.text[unit.range.start..].starts_with(['(', '['])))
            && content.ends_with([')', ']'])
        {
            close_after = true;
        }
        if !first && candidate.is_none() && is_all_caps_heading(content) {
            // A heading inside a hard-wrapped block ends the turn before it.
            let heading_end = line_at + start + content.len();
            let heading = Unit { range: ByteRange::new(line_at + start, heading_end), heading: true, ..unit_of(index) };
            let heading = end_unit(units, unit, &doc.text, line_at, heading);
            units.push(heading);
            // The turn goes on at the next line: the heading's trailing space may be wider than one byte (U+00A0).
            let resume = (line_at + line.len() + 1).min(block.range.end);
            unit = Unit { range: ByteRange::new(resume, block.range.end), ..unit_of(index) };
            first = true;
            offset += line.len() + 1;
            continue;
        }
        match candidate {
            Some(label) if first => unit.label = Some(label),
            Some(label)
                if may_split_block(
                    &label,
                    label.range.slice(&doc.text),
                    &doc.text[label.range.end..block.range.end],
                    numbered,
                ) =>
            {
                let next = Unit {
                    range: ByteRange::new(line_at + start, block.range.end),
                    label: Some(label),
                    ..unit_of(index)
                };
                unit = end_unit(units, unit, &doc.text, line_at, next);
            }
            _ => {}
        }
        if matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) {
            for label in label::inline_hearing_labels(&line[start..], line_at + start) {
                let next = Unit {
                    range: ByteRange::new(label.range.start, block.range.end),
                    label: Some(label),
                    ..unit_of(index)
                };
                unit = end_unit(units, unit, &doc.text, next.range.start, next);
            }
        }
        first = false;
        offset += line.len() + 1;
    }
    if !unit.range.is_empty() {
        units.push(unit);
    }
}

/// An empty unit of block `index`, to fill in with struct update syntax.
fn unit_of(index: usize) -> Unit {
    Unit { range: ByteRange::default(), block: index, label: None, heading: false }
}

/// Ends `unit` before the line at **byte** `line_at` (kept if anything is
/// left of it) and returns `next`, the unit that starts there.
fn end_unit(units: &mut Vec<Unit>, mut unit: Unit, text: &str, line_at: usize, next: Unit) -> Unit {
    unit.range.end = trim_end(text, unit.range.start, line_at);
    if !unit.range.is_empty() {
        units.push(unit);
    }
    next
}

/// The label the document's format marked at **byte** `offset`, if any.
fn marked_at(doc: &Document, offset: usize) -> Option<ByteRange> {
    let labels = &doc.speaker_labels;
    let i = labels.partition_point(|l| l.start < offset);
    labels.get(i).copied().filter(|l| l.start == offset)
}

/// The end of `text[start..end]` with trailing space trimmed. A unit that
/// began on the very line that now ends it (an aside that closed, then a
/// heading or label on the same line) ends before it starts: it is empty.
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end.max(start)].trim_end().len()
}
