//! `WebVTT`: a `WEBVTT` header, then blocks separated by blank lines — cues
//! (an optional identifier, `start --> end settings`, text lines) and
//! `NOTE`, `STYLE` and `REGION` blocks, which are not speech.

use super::{Utterance, build, decode_entities, fallback, timing};
use crate::document::Document;

/// Builds a [`Document`] from `WebVTT` text; a file without cues is read as plain text.
#[must_use]
pub fn parse(raw: &str) -> Document {
    let text = raw.trim_start_matches('\u{feff}').replace("\r\n", "\n").replace('\r', "\n");
    let mut title = None;
    let mut notes = Vec::new();
    let mut utterances = Vec::new();
    let mut first = true;
    // Without voice tags, speakers are written into the text as in SRT:
    // `Name:` on the first cue of a turn, `>> NAME:`, `- NAME:`.
    let voiced = text.contains("<v ") || text.contains("<v.");
    let lines: Vec<&str> = text.split('\n').collect();
    let names = if voiced { std::collections::HashSet::default() } else { super::srt::recurring_names(&lines) };
    for block in blocks(&text) {
        let head = block[0].trim_start();
        if first && head.starts_with("WEBVTT") {
            first = false;
            // `WEBVTT - Episode 12`: text after the signature names the file.
            let rest = head["WEBVTT".len()..].trim_start_matches([' ', '\t', '-']).trim();
            title = (!rest.is_empty()).then(|| rest.to_owned());
            continue;
        }
        first = false;
        if let Some(note) = keyword_rest(head, "NOTE") {
            let body: Vec<&str> = std::iter::once(note).chain(block[1..].iter().copied()).collect();
            notes.push(body.join("\n").trim().to_owned());
            continue;
        }
        if keyword_rest(head, "STYLE").is_some() || keyword_rest(head, "REGION").is_some() {
            continue;
        }
        let Some(at) = block.iter().take(2).position(|line| line.contains("-->")) else { continue };
        let Some(start) = timing(block[at]) else { continue };
        if voiced {
            utterances.extend(cue_text(start, &block[at + 1..]));
        } else {
            let cleaned: Vec<String> = block[at + 1..].iter().map(|line| without_tags(line)).collect();
            let cleaned: Vec<&str> = cleaned.iter().map(String::as_str).collect();
            utterances.extend(super::srt::cue_text(start, &cleaned, &names));
        }
    }
    if utterances.is_empty() {
        return fallback(raw, "WebVTT");
    }
    notes.retain(|n| !n.is_empty());
    build(utterances, title, &notes)
}

/// The rest of the line after a block keyword (`NOTE`, `STYLE`), if the line starts with it.
fn keyword_rest<'a>(line: &'a str, keyword: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(keyword)?;
    (rest.is_empty() || rest.starts_with([' ', '\t'])).then(|| rest.trim())
}

/// Lines grouped into blocks at blank lines.
fn blocks(text: &str) -> Vec<Vec<&str>> {
    let mut blocks = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    blocks
}

/// A cue line without its tags (`<i>`, `<c.x>`, `<00:00:01.000>`); a stray `<` stays.
fn without_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A cue's text split at its voices: `<v Name>`, `<v.loud Name>`; other
/// tags (`<i>`, `<c.x>`, `<00:00:01.000>`) are dropped, entities decoded.
fn cue_text(start: u64, lines: &[&str]) -> Vec<Utterance> {
    let mut out: Vec<Utterance> = Vec::new();
    let mut voice: Option<String> = None;
    let mut text = String::new();
    let flush = |out: &mut Vec<Utterance>, voice: &Option<String>, text: &mut String| {
        let words = decode_entities(text.trim());
        if !words.trim().is_empty() {
            out.push(Utterance { start, voice: voice.clone(), text: words, breaks: false });
        }
        text.clear();
    };
    for line in lines {
        let mut rest = *line;
        if !text.is_empty() {
            text.push(' ');
        }
        while let Some(open) = rest.find('<') {
            text.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('>') else {
                // A stray `<` is text.
                text.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let tag = &rest[open + 1..open + close];
            rest = &rest[open + close + 1..];
            if let Some(name) = voice_name(tag) {
                if voice.as_deref() != Some(name.as_str()) {
                    flush(&mut out, &voice, &mut text);
                }
                voice = Some(name);
            }
        }
        text.push_str(rest);
    }
    flush(&mut out, &voice, &mut text);
    out
}

/// The speaker of a `v` tag: `v Name` or `v.class.other Name`.
fn voice_name(tag: &str) -> Option<String> {
    let rest = tag.strip_prefix('v')?;
    let name = if rest.starts_with('.') { rest.split_once([' ', '\t'])?.1 } else { rest.strip_prefix([' ', '\t'])? };
    let name = decode_entities(name.trim());
    (!name.is_empty()).then_some(name)
}
