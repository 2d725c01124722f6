//! SRT: numbered cues, `00:00:01,000 --> 00:00:04,000`, text lines. Speakers
//! are written into the text: `NAME: words` or, two to a cue, `- NAME: words`.

use super::{Utterance, build, decode_entities, fallback, is_sound, timing};
use crate::document::Document;

/// Builds a [`Document`] from SRT text; a file without cues is read as plain text.
#[must_use]
pub fn parse(raw: &str) -> Document {
    let text = raw.trim_start_matches('\u{feff}').replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.split('\n').collect();
    let mut utterances = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // A cue is found by its timing line; the number above it is optional and unchecked.
        let Some(start) = timing(lines[i]) else {
            i += 1;
            continue;
        };
        i += 1;
        let mut cue = Vec::new();
        while i < lines.len() && !lines[i].trim().is_empty() && timing(lines[i]).is_none() {
            cue.push(lines[i]);
            i += 1;
        }
        // A cue number glued to the next cue (no blank line between) is not speech.
        if i < lines.len() && timing(lines[i]).is_some() && cue.last().is_some_and(|l| is_number(l)) {
            cue.pop();
        }
        utterances.extend(cue_text(start, &cue));
    }
    if utterances.is_empty() {
        return fallback(raw, "SRT");
    }
    build(utterances, None, &[])
}

fn is_number(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())
}

/// A cue's lines as utterances: a dialogue dash or a `NAME:` starts a new one.
fn cue_text(start: u64, lines: &[&str]) -> Vec<Utterance> {
    let mut out: Vec<Utterance> = Vec::new();
    for line in lines {
        let clean = decode_entities(&strip_tags(line));
        let mut rest = clean.trim();
        let dash = rest.strip_prefix(['-', '‐', '–']).map(str::trim_start);
        let breaks = dash.is_some();
        if let Some(after) = dash {
            rest = after;
        }
        let (voice, words) = match speaker_label(rest) {
            Some((name, words)) => (Some(name.to_owned()), words),
            None => (None, rest),
        };
        if words.is_empty() && voice.is_none() {
            continue;
        }
        let continues = !breaks && voice.is_none() && !is_sound(words);
        match out.last_mut() {
            Some(previous) if continues && !is_sound(&previous.text) => {
                previous.text.push(' ');
                previous.text.push_str(words);
            }
            _ => out.push(Utterance { start, voice, text: words.to_owned(), breaks }),
        }
    }
    out
}

/// `OFFICER BRAKK: words`: a name in capitals before a colon.
fn speaker_label(line: &str) -> Option<(&str, &str)> {
    let (name, words) = line.split_once(':')?;
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let caps = letters >= 2 && name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let shaped = name.split_whitespace().count() <= 4
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '\'' | '’' | '#'));
    let spaced = words.is_empty() || words.starts_with(char::is_whitespace);
    (caps && shaped && spaced).then(|| (name.trim(), words.trim()))
}

/// Drops `<i>`, `<font …>` and `{\an8}` formatting.
fn strip_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    loop {
        let next = rest.find(['<', '{']);
        let Some(open) = next else { break };
        let close = if rest[open..].starts_with('<') { '>' } else { '}' };
        let tag_like = rest[open + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '\\');
        match rest[open..].find(close).filter(|_| tag_like) {
            Some(len) => {
                out.push_str(&rest[..open]);
                rest = &rest[open + len + 1..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}
