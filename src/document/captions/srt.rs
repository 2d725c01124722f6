//! SRT: numbered cues, `00:00:01,000 --> 00:00:04,000`, text lines. Speakers
//! are written into the text: `NAME: words` or, two to a cue, `- NAME: words`.

use std::collections::{HashMap, HashSet};

use super::{Utterance, build, decode_entities, fallback, is_sound, timing};
use crate::document::Document;

/// Builds a [`Document`] from SRT text; a file without cues is read as plain text.
#[must_use]
pub fn parse(raw: &str) -> Document {
    let text = raw.trim_start_matches('\u{feff}').replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.split('\n').collect();
    let names = recurring_names(&lines);
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
        utterances.extend(cue_text(start, &cue, &names));
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

/// The speaker marks a captioner puts before a line: a dialogue dash, or
/// the `>>` of broadcast captions. Either starts a new utterance.
fn strip_turn_mark(line: &str) -> (bool, &str) {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix(">>") {
        return (true, rest.trim_start_matches('>').trim_start());
    }
    match line.strip_prefix(['-', '‐', '–']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, line),
    }
}

/// The document's own label grammar for mixed-case names: a `Name Surname:`
/// that opens at least two cues is a speaker label here (captioners write
/// `Adam Smith:` only on the first cue of a turn). Names in capitals need
/// no such evidence; a one-off `Note:` or `Chapter 3:` stays text.
pub(super) fn recurring_names(lines: &[&str]) -> HashSet<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut cue_start = false;
    for line in lines {
        if timing(line).is_some() {
            cue_start = true;
            continue;
        }
        if cue_start
            && let Some((name, _)) = line.trim().split_once(':')
            && title_case_name(name)
        {
            *counts.entry(name.trim()).or_default() += 1;
        }
        cue_start = false;
    }
    // Once the document shows the convention (names that recur), a name that
    // opens a cue only once (a guest with one line) is a label too.
    let established = counts.values().any(|n| *n >= 2);
    counts.into_iter().filter(|(_, n)| *n >= 2 || established).map(|(name, _)| name.to_owned()).collect()
}

/// `Adam Smith`, `Unknown`, `Dr. Ng`, `王芳`: one to three words, each opening
/// with a capital (or a letter of a script without case).
fn title_case_name(name: &str) -> bool {
    let name = name.trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase())))
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '\'' | '’' | '_'))
}

/// A cue's lines as utterances: a dialogue dash or a `NAME:` starts a new one.
pub(super) fn cue_text(start: u64, lines: &[&str], names: &HashSet<String>) -> Vec<Utterance> {
    let mut out: Vec<Utterance> = Vec::new();
    for line in lines {
        let clean = decode_entities(&strip_tags(line));
        let (breaks, rest) = strip_turn_mark(&clean);
        let (voice, words) = match speaker_label(rest, names) {
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

/// `OFFICER BRAKK: words`: a name in capitals before a colon, or one of the
/// document's recurring mixed-case names.
fn speaker_label<'a>(line: &'a str, names: &HashSet<String>) -> Option<(&'a str, &'a str)> {
    let (name, words) = line.split_once(':')?;
    if names.contains(name.trim()) && (words.is_empty() || words.starts_with(char::is_whitespace)) {
        return Some((name.trim(), words.trim()));
    }
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
