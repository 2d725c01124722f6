//! The JSON contract of every command (documented in `docs/json.md`, checked
//! against `docs/schema.json` by `tests/cli_contract.rs`).
//!
//! Every record carries `"schema": SCHEMA` and the same names for the same
//! things: `path`, `title`, `date`, `source`, `speaker`, `color`, and
//! `start`/`end` as **UTF-8 byte** offsets into the article's normalised text
//! (`offsets` says so in every record that has them). Metadata is flat.

use std::collections::HashSet;

use serde::Serialize;

use super::article::Opened;
use super::show::Chosen;
use crate::config::settings::Settings;
use crate::document::BlockKind;
use crate::notes::Resolved;
use crate::speaker::{self, Attribution, PassageKind, SpeakerId};

/// The version of the JSON contract. Raised only when a name or a meaning changes.
pub const SCHEMA: u32 = 1;

/// What every `start`/`end` counts.
pub const OFFSETS: &str = "utf8-bytes";

/// The fields every article record starts with.
#[derive(Serialize)]
pub(super) struct Head<'a> {
    schema: u32,
    path: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    source: Option<&'a str>,
}

impl<'a> Head<'a> {
    pub fn of(opened: &'a Opened) -> Self {
        let meta = &opened.doc.meta;
        Self {
            schema: SCHEMA,
            path: &opened.path,
            title: &meta.title,
            date: meta.date.as_deref(),
            source: meta.source.as_deref(),
        }
    }
}

/// One speaker: `start` is where they first speak.
#[derive(Serialize)]
pub(super) struct SpeakerJson<'a> {
    name: &'a str,
    aliases: &'a [String],
    turns: usize,
    words: usize,
    /// Share of all attributed words, 0.0–1.0.
    share: f64,
    start: usize,
}

impl<'a> SpeakerJson<'a> {
    pub fn of(speaker: &'a speaker::Speaker, total: usize) -> Self {
        Self {
            name: &speaker.name,
            aliases: &speaker.aliases,
            turns: speaker.turns,
            words: speaker.words,
            share: speaker.words as f64 / total.max(1) as f64,
            start: speaker.first,
        }
    }
}

fn speakers<'a>(attribution: &'a Attribution, keep: Option<&[SpeakerId]>) -> Vec<SpeakerJson<'a>> {
    let total = attribution.total_words();
    attribution
        .by_appearance()
        .into_iter()
        .filter(|id| keep.is_none_or(|ids| ids.contains(id)))
        .map(|id| SpeakerJson::of(&attribution.speakers[id.0], total))
        .collect()
}

/// `gloss speakers --json`.
#[derive(Serialize)]
pub(super) struct SpeakersJson<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    offsets: &'static str,
    speakers: Vec<SpeakerJson<'a>>,
}

impl<'a> SpeakersJson<'a> {
    pub fn of(opened: &'a Opened) -> Self {
        Self { head: Head::of(opened), offsets: OFFSETS, speakers: speakers(&opened.attribution, None) }
    }
}

/// `gloss show --json`.
#[derive(Serialize)]
pub(super) struct ShowJson<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    byline: Option<&'a str>,
    offsets: &'static str,
    /// The normalised text every `start`/`end` indexes into.
    text: &'a str,
    speakers: Vec<SpeakerJson<'a>>,
    passages: Vec<PassageJson<'a>>,
    /// Links in the text (Markdown, HTML); empty for formats without them.
    links: Vec<LinkJson<'a>>,
}

#[derive(Serialize)]
struct LinkJson<'a> {
    text: &'a str,
    url: &'a str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct PassageJson<'a> {
    kind: &'a str,
    speaker: Option<&'a str>,
    confidence: Option<f32>,
    /// A caption cue's time, on the passage the cue starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<&'a str>,
    text: &'a str,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    boilerplate: bool,
    /// Shown by a speaker filter as the question before a chosen speaker's answer.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    question: bool,
}

fn kind_name(kind: PassageKind) -> &'static str {
    match kind {
        PassageKind::Title => "title",
        PassageKind::Heading => "heading",
        PassageKind::Meta => "meta",
        PassageKind::Turn => "turn",
        PassageKind::Quote => "quote",
        PassageKind::Paraphrase => "paraphrase",
        PassageKind::Narration => "narration",
        PassageKind::Direction => "direction",
    }
}

impl<'a> ShowJson<'a> {
    /// The article's record; with `chosen`, only the passages the speaker filter shows.
    pub fn of(opened: &'a Opened, chosen: Option<&Chosen>, boilerplate: bool) -> Self {
        let (doc, attribution) = (&opened.doc, &opened.attribution);
        let keep = chosen.map(|c| c.ids.as_slice());
        // A caption's cue time is a field of the passage it starts, so a speaker filter keeps it.
        let times: HashSet<usize> =
            doc.blocks.iter().filter(|b| b.kind == BlockKind::Time).map(|b| b.range.start).collect();
        let mut passages: Vec<PassageJson<'a>> = Vec::new();
        let mut time = None;
        for (index, p) in attribution.passages.iter().enumerate() {
            if p.kind == PassageKind::Meta && times.contains(&p.range.start) {
                time = Some(p.range.slice(&doc.text));
                continue;
            }
            let cue = time.take();
            if chosen.is_some_and(|c| !c.shown[index] || p.kind == PassageKind::Title) {
                continue;
            }
            passages.push(PassageJson {
                kind: kind_name(p.kind),
                speaker: p.speaker.map(|id| attribution.speakers[id.0].name.as_str()),
                confidence: p.speaker.map(|_| p.confidence),
                time: cue,
                text: p.range.slice(&doc.text),
                start: p.range.start,
                end: p.range.end,
                boilerplate: false,
                question: keep.is_some_and(|ids| p.speaker.is_none_or(|id| !ids.contains(&id))),
            });
        }
        if boilerplate && keep.is_none() {
            passages.extend(doc.blocks.iter().filter(|b| b.boilerplate).map(|b| PassageJson {
                kind: "boilerplate",
                speaker: None,
                confidence: None,
                time: None,
                text: doc.block_text(b),
                start: b.range.start,
                end: b.range.end,
                boilerplate: true,
                question: false,
            }));
            passages.sort_by_key(|p| p.start);
        }
        Self {
            head: Head::of(opened),
            byline: doc.meta.byline.as_deref(),
            offsets: OFFSETS,
            text: &doc.text,
            speakers: speakers(attribution, keep),
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

/// `gloss annotations list --json` and `annotations export --format json`.
#[derive(Serialize)]
pub(super) struct NotesJson<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    offsets: &'static str,
    annotations: Vec<NoteJson>,
}

/// One note. `start`/`end` are where the passage is **now** (after
/// re-anchoring; `null` when it needs review); `stored_start`/`stored_end`
/// what the sidecar recorded.
#[derive(Serialize)]
pub(super) struct NoteJson {
    pub id: String,
    pub created: String,
    pub updated: String,
    pub color: &'static str,
    pub color_meaning: String,
    pub tags: Vec<String>,
    pub speaker: Option<String>,
    pub note: String,
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
    pub status: &'static str,
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub stored_start: usize,
    pub stored_end: usize,
}

impl NoteJson {
    pub fn of(opened: &Opened, r: &Resolved, settings: &Settings) -> Self {
        let a = &r.annotation;
        let now = r.resolution.range();
        Self {
            id: a.id.clone(),
            created: a.created.clone(),
            updated: a.updated.clone(),
            color: a.colour.name(),
            color_meaning: settings.meaning(a.colour).to_owned(),
            tags: a.tags.clone(),
            speaker: opened.note_speaker(r),
            note: a.note.clone(),
            quote: a.selector.quote.clone(),
            prefix: a.selector.prefix.clone(),
            suffix: a.selector.suffix.clone(),
            status: r.resolution.label(),
            start: now.map(|range| range.start),
            end: now.map(|range| range.end),
            stored_start: a.selector.start,
            stored_end: a.selector.end,
        }
    }
}

impl<'a> NotesJson<'a> {
    pub fn of(opened: &'a Opened, items: &[&Resolved], settings: &Settings) -> Self {
        Self {
            head: Head::of(opened),
            offsets: OFFSETS,
            annotations: items.iter().map(|r| NoteJson::of(opened, r, settings)).collect(),
        }
    }
}

/// `gloss list --json`: one article of the library.
#[derive(Serialize)]
pub(super) struct ListJson {
    pub schema: u32,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub words: usize,
    pub reading_minutes: usize,
    pub notes: usize,
    pub speakers: usize,
    /// The speaker with the most words, if any.
    pub top_speaker: Option<String>,
    /// Why the article could not be read, when it could not.
    pub error: Option<String>,
}

/// Writes records: one object for one article, an array for several (or a
/// folder, or an export), or one record per line (`--jsonl`).
pub(super) fn write_records<T: Serialize>(
    out: &mut impl std::io::Write,
    records: &[T],
    shape: Shape,
) -> Result<(), super::CliError> {
    match shape {
        Shape::Lines => {
            for record in records {
                writeln!(out, "{}", escape_hazards(&serde_json::to_string(record)?))?;
            }
        }
        Shape::One if records.len() == 1 => {
            writeln!(out, "{}", escape_hazards(&serde_json::to_string_pretty(&records[0])?))?;
        }
        Shape::One | Shape::Array => {
            writeln!(out, "{}", escape_hazards(&serde_json::to_string_pretty(records)?))?;
        }
    }
    Ok(())
}

/// JSON with every character a terminal could act on (C1 controls, bidi
/// overrides, invisible format characters) written as a `\uXXXX` escape:
/// `serde_json` escapes only C0 controls. Such characters can only stand inside
/// strings, where the escape means the same character, so the value is unchanged.
pub(super) fn escape_hazards(json: &str) -> std::borrow::Cow<'_, str> {
    use std::fmt::Write;

    use crate::document::normalise::is_unsafe_char;
    if !json.chars().any(is_unsafe_char) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe_char(c) && c != '\t' {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// How JSON records are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// One article named: its record as an object.
    One,
    /// Several articles, a folder, or an export: an array.
    Array,
    /// `--jsonl`: one record per line.
    Lines,
}
