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
    let blocks = blocks(&text);
    let rolls_up = !voiced && rolls_up(&blocks);
    // The lines of the last cue with text, to drop when the next cue repeats them.
    let mut shown: Vec<String> = Vec::new();
    for block in blocks {
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
            let mut cleaned: Vec<String> = block[at + 1..].iter().map(|line| without_tags(line)).collect();
            // Roll-up captions show the line before again at the top of each cue: once is enough.
            let repeated = if rolls_up {
                cleaned.iter().take_while(|line| shown.iter().any(|s| s == line.trim())).count()
            } else {
                0
            };
            let fresh = cleaned.split_off(repeated);
            if !fresh.is_empty() {
                shown = fresh.iter().map(|line| line.trim().to_owned()).collect();
            }
            let fresh: Vec<&str> = fresh.iter().map(String::as_str).collect();
            utterances.extend(super::srt::cue_text(start, &fresh, &names));
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

/// Lines grouped into blocks at blank lines. A line of spaces inside a cue,
/// with more of its text after it (as auto-generated captions write a cue's
/// empty first line), does not end the cue.
fn blocks(text: &str) -> Vec<Vec<&str>> {
    let mut blocks = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let lines: Vec<&str> = text.split('\n').collect();
    for (i, line) in lines.iter().copied().enumerate() {
        let in_cue = current.iter().any(|l| l.contains("-->"));
        let text_follows = lines.get(i + 1).is_some_and(|next| !next.trim().is_empty() && !next.contains("-->"));
        if line.trim().is_empty() && !(in_cue && !line.is_empty() && text_follows) {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
        } else if !line.trim().is_empty() {
            current.push(line);
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    blocks
}

/// Whether the captions roll up, each cue showing again the line before its
/// new one (auto-generated captions): most cues open with a line of the cue
/// before. Elsewhere a cue that says what the last one said ("No." "No.") is
/// speech, and stays.
fn rolls_up(blocks: &[Vec<&str>]) -> bool {
    let mut previous: Vec<String> = Vec::new();
    let (mut cues, mut repeats) = (0, 0);
    for block in blocks {
        let Some(at) = block.iter().take(2).position(|line| line.contains("-->")) else { continue };
        let lines: Vec<String> =
            block[at + 1..].iter().map(|l| without_tags(l).trim().to_owned()).filter(|l| !l.is_empty()).collect();
        let Some(first) = lines.first() else { continue };
        cues += 1;
        if previous.contains(first) {
            repeats += 1;
        }
        previous = lines;
    }
    repeats >= 2 && repeats * 3 >= cues
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
