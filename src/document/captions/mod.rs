//! Captions: `WebVTT` ([`vtt`]) and SRT ([`srt`]) cues become passages.
//!
//! Captions are cut for the screen, not for reading: a sentence runs over
//! several cues and one speaker over many. Both parsers reduce their cues to
//! [`Utterance`]s (a start time, an optional voice, the words), and
//! [`build`] merges consecutive utterances of one voice into one paragraph
//! that opens with a marked `Name:` label, under a dim [`BlockKind::Time`]
//! line with the first cue's start. Speaker detection then reads the
//! passages like any transcript.

mod srt;
mod vtt;

use super::build::Builder;
use super::{BlockKind, Document, Metadata};

pub use srt::parse as parse_srt;
pub use vtt::parse as parse_vtt;

/// One piece of speech from a cue.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Utterance {
    /// Milliseconds from the start of the recording.
    start: u64,
    voice: Option<String>,
    text: String,
    /// A new passage starts here even without a voice (an SRT dialogue dash).
    breaks: bool,
}

/// A `[door slams]` or `(laughs)` cue: never merged into speech, never a speaker.
fn is_sound(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with('[') && t.ends_with(']')) || (t.starts_with('(') && t.ends_with(')')) || t.starts_with('♪')
}

/// `00:01:02.500`, `01:02.500`, `00:01:02,500` or, as some captioners
/// write the first minute, bare seconds `62.500`: milliseconds.
fn timestamp(text: &str) -> Option<u64> {
    let (clock, fraction) = text.trim().split_once(['.', ','])?;
    let parts: Vec<&str> = clock.split(':').collect();
    if let [seconds] = parts[..] {
        // Bare seconds: a few digits, then a fraction; no minute field to bound them.
        if seconds.is_empty() || seconds.len() > 6 || !seconds.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let millis: u64 = fraction.get(..fraction.len().min(3))?.parse().ok()?;
        let scale = [100, 10, 1][fraction.len().min(3) - 1];
        return Some(seconds.parse::<u64>().ok()? * 1000 + millis * scale);
    }
    if !(2..=3).contains(&parts.len())
        || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        || fraction.is_empty()
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let numbers: Vec<u64> = parts.iter().map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let (hours, minutes, seconds) = match numbers[..] {
        [h, m, s] => (h, m, s),
        [m, s] => (0, m, s),
        _ => return None,
    };
    let millis: u64 = fraction.get(..fraction.len().min(3))?.parse().ok()?;
    if minutes > 59 || seconds > 59 {
        return None;
    }
    Some(((hours * 60 + minutes) * 60 + seconds) * 1000 + millis)
}

/// A cue timing line, `start --> end [settings]`: the start in milliseconds.
fn timing(line: &str) -> Option<u64> {
    let (start, rest) = line.split_once("-->")?;
    let end = rest.split_whitespace().next()?;
    timestamp(end)?;
    timestamp(start)
}

/// Whether a line is a cue timing with SRT's comma before the milliseconds.
pub(super) fn is_srt_timing(line: &str) -> bool {
    timing(line).is_some() && line.split_once("-->").is_some_and(|(start, _)| start.contains(','))
}

/// Whether a line is a cue timing of either flavour.
pub(super) fn is_timing(line: &str) -> bool {
    timing(line).is_some()
}

/// `hh:mm:ss` for display: seconds are what a reader looks for.
fn clock(millis: u64) -> String {
    let seconds = millis / 1000;
    format!("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
}

/// Decodes the character references captions use: `&amp;`, `&lt;`, `&#233;`.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail[..tail.len().min(12)].find(';');
        let decoded = end.and_then(|end| {
            let name = &tail[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                "lrm" => Some('\u{200e}'),
                "mdash" => Some('—'),
                "ndash" => Some('–'),
                "hellip" => Some('…'),
                "lsquo" => Some('‘'),
                "rsquo" => Some('’'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "rlm" => Some('\u{200f}'),
                _ => name.strip_prefix('#').and_then(|n| {
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Appends `text` to the passage with one space between cue lines.
fn join(passage: &mut String, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if !passage.is_empty() {
        passage.push(' ');
    }
    passage.push_str(text);
}

/// Merges utterances into passages and writes the document.
fn build(utterances: Vec<Utterance>, title: Option<String>, notes: &[String]) -> Document {
    struct Passage {
        start: u64,
        voice: Option<String>,
        text: String,
        sound: bool,
    }
    let mut passages: Vec<Passage> = Vec::new();
    for u in utterances {
        let sound = is_sound(&u.text);
        let merges = passages
            .last()
            .is_some_and(|p| !p.sound && !sound && !u.breaks && (u.voice.is_none() || u.voice == p.voice));
        match passages.last_mut() {
            Some(p) if merges => join(&mut p.text, &u.text),
            _ => {
                let mut text = String::new();
                join(&mut text, &u.text);
                passages.push(Passage { start: u.start, voice: u.voice, text, sound });
            }
        }
    }
    let mut builder = Builder::new();
    for note in notes {
        // Notes are for the captioner: kept for search, hidden like chrome.
        builder.start(BlockKind::Meta);
        builder.push_str(note);
        builder.end();
        builder.hide_last();
    }
    for p in passages.iter().filter(|p| !p.text.is_empty()) {
        builder.start(BlockKind::Time);
        builder.push_str(&clock(p.start));
        builder.start(BlockKind::Paragraph);
        if let Some(voice) = &p.voice {
            builder.label(voice);
        }
        builder.push_collapsed(&p.text);
    }
    // Captions have no date field; a note saying when it was recorded is the nearest thing.
    let date = notes.iter().find_map(|n| super::date::find_date(n));
    builder.finish(Metadata { title: title.unwrap_or_default(), date, ..Metadata::default() })
}

/// A caption file with no cue at all is read as plain text, and says so.
fn fallback(raw: &str, format: &str) -> Document {
    let mut doc = Document::parse_plain(raw);
    doc.notices.push(format!("no {format} cues found; shown as plain text"));
    doc
}

#[cfg(test)]
mod tests;
