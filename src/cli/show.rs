//! `gloss show`: an article as clean wrapped text, one speaker's passages,
//! or the JSON every format shares.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::article::{self, Want};
use super::json::{ShowJson, write_records};
use super::{CliError, JsonArgs, select};
use crate::document::{Block, BlockKind, Document};
use crate::speaker::{self, Attribution, Passage, PassageKind, SpeakerId};
use crate::text::{ByteRange, display_line, wrap};

/// What `gloss show` was asked for.
#[derive(Clone, Copy)]
pub(super) struct Options<'a> {
    pub width: usize,
    pub json: JsonArgs,
    pub boilerplate: bool,
    pub speakers: &'a [String],
    /// The settings' `keep_questions`: a chosen speaker's answers keep the question before them.
    pub keep_questions: bool,
}

/// Articles bigger than this (**bytes** of text) are shown without looking
/// for turns inside paragraphs, so `show` of a huge file stays quick.
const TURNS_UP_TO: usize = 8 << 20;

/// `gloss show FILE… [--json|--jsonl] [--speaker NAME]`.
pub(super) fn run(out: &mut impl Write, files: &[PathBuf], cwd: &Path, options: Options) -> Result<(), CliError> {
    let targets = select::targets(files, cwd)?;
    let shape = options.json.shape(targets.many);
    let plain = shape.is_none() && options.speakers.is_empty();
    let mut records = Vec::new();
    let mut unknown = None;
    let mut shown = 0;
    for file in &targets.files {
        let want = if plain && std::fs::metadata(file).is_ok_and(|m| m.len() > TURNS_UP_TO as u64) {
            Want { speakers: false, ..Want::SPEAKERS }
        } else {
            Want::SPEAKERS
        };
        let opened = article::open(file, cwd, want)?;
        let keep = match select::speaker_filter(&opened.attribution, options.speakers, &opened.path) {
            Ok(keep) => keep,
            // In a folder, an article where nobody answers to the name is left out.
            Err(err @ CliError::UnknownSpeaker { .. }) if targets.many => {
                unknown = Some(err);
                continue;
            }
            Err(err) => return Err(err),
        };
        if shape.is_some() {
            records.push(opened);
            continue;
        }
        if targets.many {
            if shown > 0 {
                writeln!(out)?;
            }
            writeln!(out, "==> {} <==", opened.path)?;
        }
        shown += 1;
        match keep {
            Some(ids) => {
                let chosen = Chosen::new(&opened.doc, &opened.attribution, ids, options.keep_questions);
                write_speaker_passages(out, &opened.doc, &opened.attribution, &chosen, options.width)?;
            }
            None => write_clean_text(out, &opened.doc, Some(&opened.attribution), options.width, options.boilerplate)?,
        }
    }
    if let Some(shape) = shape {
        if records.is_empty()
            && let Some(err) = unknown
        {
            return Err(err);
        }
        let json: Vec<ShowJson> = records
            .iter()
            .map(|o| {
                // Already checked above: the names select someone in every article kept.
                let keep = select::speaker_filter(&o.attribution, options.speakers, &o.path).ok().flatten();
                let chosen = keep.map(|ids| Chosen::new(&o.doc, &o.attribution, ids, options.keep_questions));
                ShowJson::of(o, chosen.as_ref(), options.boilerplate)
            })
            .collect();
        return write_records(out, &json, shape);
    }
    match unknown {
        Some(err) if shown == 0 => Err(err),
        _ => Ok(()),
    }
}

/// The speakers `--speaker` names, and which passages the filter shows
/// ([`speaker::filter::shown_passages`], the reader's rule).
pub(super) struct Chosen {
    pub ids: Vec<SpeakerId>,
    /// Indexed like [`Attribution::passages`].
    pub shown: Vec<bool>,
}

impl Chosen {
    pub(super) fn new(doc: &Document, attribution: &Attribution, ids: Vec<SpeakerId>, keep_questions: bool) -> Self {
        let shown = speaker::filter::shown_passages(&doc.text, attribution, |id| ids.contains(&id), keep_questions);
        Self { ids, shown }
    }

    /// The passages shown below the title (which is printed on its own), with their index.
    pub(super) fn passages<'a>(
        &'a self,
        attribution: &'a Attribution,
    ) -> impl Iterator<Item = (usize, &'a Passage)> + 'a {
        attribution.passages.iter().enumerate().filter(|(i, p)| self.shown[*i] && p.kind != PassageKind::Title)
    }
}

/// Only the passages the speaker filter shows, each turn headed by its speaker's name.
pub(super) fn write_speaker_passages(
    out: &mut impl Write,
    doc: &Document,
    attribution: &Attribution,
    chosen: &Chosen,
    width: usize,
) -> io::Result<()> {
    let width = width.max(10);
    write_heading(out, doc, width)?;
    let mut previous: Option<SpeakerId> = None;
    let mut last = None;
    for (index, p) in chosen.passages(attribution) {
        // A hidden passage in between (not a stage direction) ends the turn being printed.
        let gap = last.is_some_and(|l: usize| {
            attribution.passages[l + 1..index].iter().any(|q| q.kind != PassageKind::Direction)
        });
        if gap {
            previous = None;
        }
        writeln!(out)?;
        if let Some(id) = p.speaker
            && (previous != Some(id) || p.turn_start)
        {
            writeln!(out, "{}", attribution.speakers[id.0].name.to_uppercase())?;
        }
        write_wrapped(out, &doc.text, p.range, width, "", "")?;
        previous = p.speaker;
        last = Some(index);
    }
    Ok(())
}

/// The title, wrapped, then the date, source and byline: what every printed
/// article starts with, whole or one speaker's. Says whether a title was written.
fn write_heading(out: &mut impl Write, doc: &Document, width: usize) -> io::Result<bool> {
    let titled = !doc.meta.title.is_empty();
    if titled {
        write_wrapped(out, &doc.meta.title, ByteRange::new(0, doc.meta.title.len()), width, "", "")?;
    }
    let byline = doc.meta.byline.as_ref().map(|b| format!("By {b}"));
    let facts: Vec<&str> =
        [doc.meta.date.as_deref(), doc.meta.source.as_deref(), byline.as_deref()].into_iter().flatten().collect();
    if !facts.is_empty() {
        writeln!(out, "{}", crate::document::normalise::sanitise_line(&facts.join(" · ")))?;
    }
    Ok(titled)
}

/// Writes the document as clean, wrapped text. With the speakers, a
/// paragraph that holds several turns (a Markdown transcript whose turns sit
/// on consecutive lines) is written one turn per paragraph, as `--json` has them.
pub fn write_clean_text(
    out: &mut impl Write,
    doc: &Document,
    attribution: Option<&Attribution>,
    width: usize,
    boilerplate: bool,
) -> io::Result<()> {
    let width = width.max(10);
    let first = !write_heading(out, doc, width)?;
    let turns = attribution.map(|a| split_at_turns(doc, a)).unwrap_or_default();
    let shown: Vec<&Block> = if turns.is_empty() {
        doc.blocks.iter().filter(|b| (boilerplate || !b.boilerplate) && b.kind != BlockKind::Title).collect()
    } else {
        turns.iter().filter(|b| (boilerplate || !b.boilerplate) && b.kind != BlockKind::Title).collect()
    };
    // Wrapping is the cost of a big article: two threads wrap alternate pieces of
    // about a megabyte, written out in order, so memory stays bounded.
    let mut pieces = Vec::new();
    let mut start = 0;
    while start < shown.len() {
        let mut end = start;
        let mut bytes = 0;
        while end < shown.len() && bytes < PIECE_BYTES {
            bytes += shown[end].range.len();
            end += 1;
        }
        pieces.push(start..end);
        start = end;
    }
    let render = |range: std::ops::Range<usize>| -> io::Result<Vec<u8>> {
        let mut buffer = Vec::new();
        let after_time = range.start > 0 && shown[range.start - 1].kind == BlockKind::Time;
        let first = first && range.start == 0;
        write_blocks(&mut buffer, doc, &shown[range], width, (first, after_time))?;
        Ok(buffer)
    };
    for pair in pieces.chunks(2) {
        let (here, there) = std::thread::scope(|scope| {
            let there = pair.get(1).cloned().map(|range| scope.spawn(|| render(range)));
            let here = render(pair[0].clone());
            (here, there.map(|t| t.join().unwrap_or_else(|_| Err(io::Error::other("wrapping failed")))))
        });
        out.write_all(&here?)?;
        if let Some(there) = there {
            out.write_all(&there?)?;
        }
    }
    Ok(())
}

/// The blocks with every paragraph that holds more than one turn cut where
/// each later turn starts (at its label); empty when no paragraph does.
fn split_at_turns(doc: &Document, attribution: &Attribution) -> Vec<Block> {
    let passages = &attribution.passages;
    let mut next = 0;
    let mut split = false;
    let mut blocks = Vec::with_capacity(doc.blocks.len());
    for (index, block) in doc.blocks.iter().enumerate() {
        let first = next;
        while next < passages.len() && passages[next].block <= index {
            next += 1;
        }
        let here: Vec<usize> = crate::speaker::turn_cuts(&passages[first..next], block.range).collect();
        if here.is_empty() || !matches!(block.kind, BlockKind::Paragraph) {
            blocks.push(*block);
            continue;
        }
        split = true;
        let mut start = block.range.start;
        for end in here.into_iter().chain(std::iter::once(block.range.end)) {
            let piece = trimmed(&doc.text, ByteRange::new(start, end));
            if !piece.is_empty() {
                blocks.push(Block { range: piece, ..*block });
            }
            start = end;
        }
    }
    if split { blocks } else { Vec::new() }
}

/// `range` without the whitespace at its ends.
fn trimmed(text: &str, range: ByteRange) -> ByteRange {
    let slice = range.slice(text);
    let start = range.start + (slice.len() - slice.trim_start().len());
    ByteRange::new(start, start + slice.trim().len())
}

/// Text per piece handed to a wrapping thread, in **bytes**.
const PIECE_BYTES: usize = 1 << 20;

/// Writes blocks as clean text; `(first, after_time)` say whether anything
/// came before and whether it was a caption's time.
fn write_blocks(
    out: &mut impl Write,
    doc: &Document,
    blocks: &[&Block],
    width: usize,
    (mut first, mut after_time): (bool, bool),
) -> io::Result<()> {
    for block in blocks {
        // A caption's time stands right above its passage.
        if !first && !after_time {
            writeln!(out)?;
        }
        first = false;
        after_time = block.kind == BlockKind::Time;
        match block.kind {
            // Markdown and HTML items carry their own bullet or number.
            BlockKind::ListItem if has_list_marker(doc.block_text(block)) => {
                write_wrapped(out, &doc.text, block.range, width - 3, "", "   ")?;
            }
            BlockKind::ListItem => write_wrapped(out, &doc.text, block.range, width - 2, "• ", "  ")?,
            BlockKind::Quote => write_wrapped(out, &doc.text, block.range, width - 2, "│ ", "│ ")?,
            BlockKind::Code => {
                for line in doc.block_text(block).lines() {
                    writeln!(out, "    {line}")?;
                }
            }
            _ => write_wrapped(out, &doc.text, block.range, width, "", "")?,
        }
    }
    Ok(())
}

/// `• item`, `◦ item`, `3. item`: a list item that shows its own marker.
fn has_list_marker(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    text.starts_with(['•', '◦']) || (digits > 0 && text[digits..].starts_with(". "))
}

pub(super) fn write_wrapped(
    out: &mut impl Write,
    text: &str,
    range: ByteRange,
    width: usize,
    first: &str,
    rest: &str,
) -> io::Result<()> {
    for (i, line) in wrap(text, range, width).enumerate() {
        out.write_all(if i == 0 { first } else { rest }.as_bytes())?;
        out.write_all(display_line(text, line.range).as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
