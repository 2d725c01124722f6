//! `gloss show`: an article as clean wrapped text, one speaker's passages,
//! or the JSON every format shares.

use std::io::{self, Write};

use serde::Serialize;

use crate::document::{Block, BlockKind, Document};
use crate::speaker::{self, Attribution, PassageKind, SpeakerId};
use crate::text::{ByteRange, display_line, wrap};

/// Only the passages of the chosen speakers, each headed by its speaker's name.
pub(super) fn write_speaker_passages(
    out: &mut impl Write,
    doc: &Document,
    attribution: &Attribution,
    ids: &[SpeakerId],
    width: usize,
) -> io::Result<()> {
    let width = width.max(10);
    writeln!(out, "{}", doc.meta.title)?;
    let mut previous: Option<SpeakerId> = None;
    for p in &attribution.passages {
        let Some(id) = p.speaker.filter(|id| ids.contains(id)) else {
            if p.kind != PassageKind::Direction {
                previous = None;
            }
            continue;
        };
        writeln!(out)?;
        if previous != Some(id) || p.turn_start {
            writeln!(out, "{}", attribution.speakers[id.0].name.to_uppercase())?;
        }
        write_wrapped(out, &doc.text, p.range, width, "", "")?;
        previous = Some(id);
    }
    Ok(())
}

/// Writes the document as clean, wrapped text.
pub fn write_clean_text(out: &mut impl Write, doc: &Document, width: usize, boilerplate: bool) -> io::Result<()> {
    let width = width.max(10);
    let mut first = true;
    if !doc.meta.title.is_empty() {
        write_wrapped(out, &doc.meta.title, ByteRange::new(0, doc.meta.title.len()), width, "", "")?;
        first = false;
    }
    let byline = doc.meta.byline.as_ref().map(|b| format!("By {b}"));
    let facts: Vec<&str> =
        [doc.meta.date.as_deref(), doc.meta.source.as_deref(), byline.as_deref()].into_iter().flatten().collect();
    if !facts.is_empty() {
        writeln!(out, "{}", facts.join(" · "))?;
    }
    let shown: Vec<&Block> =
        doc.blocks.iter().filter(|b| (boilerplate || !b.boilerplate) && b.kind != BlockKind::Title).collect();
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

/// The JSON shape of `gloss show --json`.
#[derive(Serialize)]
pub(super) struct ShowJson<'a> {
    title: &'a str,
    date: Option<&'a str>,
    source: Option<&'a str>,
    byline: Option<&'a str>,
    speakers: Vec<SpeakerJson<'a>>,
    passages: Vec<PassageJson<'a>>,
    /// Links in the text (Markdown, HTML); empty for formats without them.
    links: Vec<LinkJson<'a>>,
}

/// A link: its text, where it points, and its **byte** range in the normalised text.
#[derive(Serialize)]
struct LinkJson<'a> {
    text: &'a str,
    url: &'a str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
pub(super) struct SpeakerJson<'a> {
    name: &'a str,
    aliases: &'a [String],
    turns: usize,
    words: usize,
    /// Share of all attributed words, 0.0–1.0.
    share: f64,
    /// **Byte** offset of the first passage.
    first: usize,
}

impl<'a> SpeakerJson<'a> {
    /// A speaker's row, with its share of `total` attributed words.
    pub(super) fn of(speaker: &'a speaker::Speaker, total: usize) -> Self {
        Self {
            name: &speaker.name,
            aliases: &speaker.aliases,
            turns: speaker.turns,
            words: speaker.words,
            share: speaker.words as f64 / total.max(1) as f64,
            first: speaker.first,
        }
    }
}

/// One passage: `start`/`end` are **byte** offsets into the normalised text.
#[derive(Serialize)]
struct PassageJson<'a> {
    kind: &'a str,
    speaker: Option<&'a str>,
    confidence: Option<f32>,
    text: &'a str,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    boilerplate: bool,
}

fn kind_name(kind: PassageKind) -> &'static str {
    match kind {
        PassageKind::Title => "title",
        PassageKind::Heading => "heading",
        PassageKind::Meta => "meta",
        PassageKind::Turn => "turn",
        PassageKind::Quote => "quote",
        PassageKind::Narration => "narration",
        PassageKind::Direction => "direction",
    }
}

impl<'a> ShowJson<'a> {
    pub(super) fn of(
        doc: &'a Document,
        attribution: &'a Attribution,
        keep: Option<&[SpeakerId]>,
        boilerplate: bool,
    ) -> Self {
        let total = attribution.total_words().max(1);
        let mut passages: Vec<PassageJson<'a>> = attribution
            .passages
            .iter()
            .filter(|p| keep.is_none_or(|ids| p.speaker.is_some_and(|id| ids.contains(&id))))
            .map(|p| PassageJson {
                kind: kind_name(p.kind),
                speaker: p.speaker.map(|id| attribution.speakers[id.0].name.as_str()),
                confidence: p.speaker.map(|_| p.confidence),
                text: p.range.slice(&doc.text),
                start: p.range.start,
                end: p.range.end,
                boilerplate: false,
            })
            .collect();
        if boilerplate && keep.is_none() {
            passages.extend(doc.blocks.iter().filter(|b| b.boilerplate).map(|b| PassageJson {
                kind: "boilerplate",
                speaker: None,
                confidence: None,
                text: doc.block_text(b),
                start: b.range.start,
                end: b.range.end,
                boilerplate: true,
            }));
            passages.sort_by_key(|p| p.start);
        }
        Self {
            title: &doc.meta.title,
            date: doc.meta.date.as_deref(),
            source: doc.meta.source.as_deref(),
            byline: doc.meta.byline.as_deref(),
            speakers: attribution
                .by_appearance()
                .into_iter()
                .filter(|id| keep.is_none_or(|ids| ids.contains(id)))
                .map(|id| SpeakerJson::of(&attribution.speakers[id.0], total))
                .collect(),
            passages,
            links: doc
                .links
                .iter()
                .map(|l| LinkJson {
                    text: l.range.slice(&doc.text),
                    url: &l.url,
                    start: l.range.start,
                    end: l.range.end,
                })
                .collect(),
        }
    }
}
