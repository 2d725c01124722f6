//! Turns in transcripts: splitting the readable body into units at labels,
//! deciding which label candidates are real, and walking the units to give
//! each turn its speaker — with the reporter behind a `Q` resolved from the
//! moderator's hand-off, the questioner behind `Q.` from `BY MR. X:`, and
//! the interviewee or witness behind `A`.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::label::{self, Label, LabelForm};
use super::registry::Registry;
use super::{Passage, PassageKind, SpeakerId, names};
use crate::document::plain::is_all_caps_heading;
use crate::document::{BlockKind, Document};
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
                    | LabelForm::Numbered
                    | LabelForm::Examiner
            ))
}

/// Splits the readable blocks into units, each starting at a label candidate or a block start.
pub fn units(doc: &Document) -> Vec<Unit> {
    let numbered = line_numbered(doc);
    let mut units = Vec::with_capacity(doc.blocks.len());
    for (index, block) in doc.blocks.iter().enumerate() {
        if block.boilerplate {
            continue;
        }
        let text = block.range.slice(&doc.text);
        let mut unit = Unit { range: block.range, block: index, label: None, heading: false };
        let mut offset = 0;
        let mut first = true;
        let mut close_after = false;
        for line in text.split('\n') {
            let line_at = block.range.start + offset;
            let start = content_start(line, numbered);
            let candidate = if matches!(
                block.kind,
                BlockKind::Paragraph | BlockKind::Heading { .. } | BlockKind::Meta | BlockKind::ListItem
            ) {
                label::parse(&line[start..], line_at + start)
            } else {
                None
            };
            let content = line[start..].trim_end();
            // In numbered transcripts a parenthetical (`(Recess taken.)`) runs over whole lines: its own unit.
            let opens_aside = numbered && candidate.is_none() && content.starts_with(['(', '[']);
            if (opens_aside && !first) || close_after {
                unit.range.end = trim_end(&doc.text, unit.range.start, line_at);
                if !unit.range.is_empty() {
                    units.push(unit);
                }
                unit = Unit {
                    range: ByteRange::new(line_at + start, block.range.end),
                    block: index,
                    label: None,
                    heading: false,
                };
                close_after = false;
            }
            if (opens_aside || doc.text[unit.range.start..].starts_with(['(', '[']))
                && numbered
                && content.ends_with([')', ']'])
            {
                close_after = true;
            }
            if !first && candidate.is_none() && is_all_caps_heading(content) {
                // A heading inside a hard-wrapped block ends the turn before it.
                unit.range.end = trim_end(&doc.text, unit.range.start, line_at);
                if !unit.range.is_empty() {
                    units.push(unit);
                }
                let heading_end = line_at + start + content.len();
                units.push(Unit {
                    range: ByteRange::new(line_at + start, heading_end),
                    block: index,
                    label: None,
                    heading: true,
                });
                unit = Unit {
                    range: ByteRange::new((heading_end + 1).min(block.range.end), block.range.end),
                    block: index,
                    label: None,
                    heading: false,
                };
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
                    unit.range.end = trim_end(&doc.text, unit.range.start, line_at);
                    if !unit.range.is_empty() {
                        units.push(unit);
                    }
                    unit = Unit {
                        range: ByteRange::new(line_at + start, block.range.end),
                        block: index,
                        label: Some(label),
                        heading: false,
                    };
                }
                _ => {}
            }
            first = false;
            offset += line.len() + 1;
        }
        if !unit.range.is_empty() {
            units.push(unit);
        }
    }
    units
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

/// What the walk needs to know about the whole document first.
pub struct Plan {
    /// Whether each unit's label is accepted as a real label.
    accepted: Vec<bool>,
    /// Short lines that repeat (page headers and footers).
    repeated: HashMap<String, usize>,
    has_questions: bool,
    interviewer: Option<String>,
    /// The person who answers `A`: interviewee or witness.
    answerer: Option<String>,
    /// The chairman named in the front matter, for `The CHAIRMAN`.
    chairman: Option<String>,
    captions: bool,
    first_label: Option<usize>,
    last_label: Option<usize>,
    /// The most unlabelled paragraphs a turn before the last one had: the
    /// last turn runs on no further, so a page's credits are not speech.
    longest_turn: usize,
}

impl Plan {
    /// Whether a unit's text is a line the document repeats (page header, footer, slug).
    #[must_use]
    pub fn is_repeated(&self, text: &str) -> bool {
        let t = text.trim();
        t.len() < SHORT_LINE_BYTES && self.repeated.contains_key(t)
    }

    /// Whether unit `index` starts with a real label.
    #[must_use]
    pub fn is_accepted(&self, index: usize) -> bool {
        self.accepted.get(index).copied().unwrap_or(false)
    }

    pub fn new(doc: &Document, units: &[Unit]) -> Self {
        let mut counts: HashMap<String, usize> = HashMap::new();
        let mut repeated: HashMap<String, usize> = HashMap::new();
        let mut strong_questions = 0;
        let mut strong_caps = 0;
        // Count raw names first: a transcript repeats a handful of labels thousands of times.
        let mut raw_counts: HashMap<&str, usize> = HashMap::new();
        for unit in units {
            if let Some(label) = &unit.label {
                *raw_counts.entry(label.name.as_str()).or_default() += 1;
                if label.form == LabelForm::Question && label.strong {
                    strong_questions += 1;
                }
                if label.form == LabelForm::CapsColon && label.strong {
                    strong_caps += 1;
                }
            } else {
                let text = unit.range.slice(&doc.text).trim();
                if text.len() < SHORT_LINE_BYTES && crate::text::word_count(text) <= 8 {
                    *repeated.entry(text.to_owned()).or_default() += 1;
                }
            }
        }
        for (raw, n) in &raw_counts {
            let key = names::key(raw);
            let surname = surname_key(&key);
            if surname != key {
                *counts.entry(surname).or_default() += n;
            }
            *counts.entry(key).or_default() += n;
        }
        let recurring: HashMap<&str, bool> = raw_counts
            .keys()
            .map(|raw| {
                let key = names::key(raw);
                let recurs = counts.get(&key).copied().unwrap_or(0) >= 2
                    || counts.get(&surname_key(&key)).copied().unwrap_or(0) >= 2;
                (*raw, recurs)
            })
            .collect();
        let mut accepted: Vec<bool> = units
            .iter()
            .map(|unit| {
                unit.label.as_ref().is_some_and(|label| {
                    let recurs = recurring.get(label.name.as_str()).copied().unwrap_or(false);
                    match label.form {
                        LabelForm::HeadingLike => false,
                        LabelForm::Question if !label.strong => strong_questions > 0,
                        LabelForm::Answer if !label.strong => strong_questions > 0 && recurs,
                        // A caps name alone on its line, among many caps labels.
                        LabelForm::CapsColon if !label.strong => recurs || strong_caps >= 3,
                        _ => label.strong || recurs,
                    }
                })
            })
            .collect();
        // A single label in a whole article is more likely a heading or a dateline.
        let total: usize = accepted.iter().filter(|a| **a).count();
        if total < 2 {
            accepted.fill(false);
        }
        let first_label = accepted.iter().position(|a| *a);
        let intro_end = first_label.map_or(0, |i| units[i].range.start);
        let intro = &doc.text[..intro_end];
        let has_examiner = units
            .iter()
            .zip(&accepted)
            .any(|(u, a)| *a && u.label.as_ref().is_some_and(|l| l.form == LabelForm::Examiner));
        let answerer = if has_examiner { find_witness(&doc.text) } else { find_interviewee(doc, intro) };
        let last_label = accepted.iter().rposition(|a| *a);
        let mut plan = Self {
            accepted,
            repeated: repeated.into_iter().filter(|(_, n)| *n >= 3).collect(),
            has_questions: strong_questions > 0,
            interviewer: doc.meta.byline.clone().filter(|_| !has_examiner),
            answerer,
            chairman: find_chairman(&doc.text),
            captions: doc.text.trim_start().starts_with("WEBVTT") || doc.text.contains(" --> "),
            first_label,
            last_label,
            longest_turn: 0,
        };
        plan.longest_turn = plan.longest_continuation(doc, units);
        plan
    }

    /// The most paragraphs without a label that any turn before the last one ran on for.
    fn longest_continuation(&self, doc: &Document, units: &[Unit]) -> usize {
        let (Some(first), Some(last)) = (self.first_label, self.last_label) else { return 0 };
        let mut longest = 0;
        let mut run = 0;
        for (i, unit) in units.iter().enumerate().take(last).skip(first) {
            if self.is_accepted(i)
                || unit.heading
                || unit.label.as_ref().is_some_and(|l| l.form == LabelForm::HeadingLike)
            {
                run = 0;
            } else if !is_direction(unit.range.slice(&doc.text), self) {
                run += 1;
                longest = longest.max(run);
            }
        }
        longest
    }
}

/// The last word of a name key: `anna russo` → `russo`.
fn surname_key(key: &str) -> String {
    names::bare_key(key).rsplit(' ').next().unwrap_or(key).to_owned()
}

/// Capitalised words in a row: `Ines Valdoro`, `Marit Solvang-Reyes`.
fn name_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for raw in text.split(|c: char| c.is_whitespace()) {
        let word = raw.trim_matches(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''));
        let capital =
            word.chars().next().is_some_and(char::is_uppercase) && word.chars().skip(1).any(char::is_lowercase);
        let ends_clause =
            raw.ends_with([',', '.', ';', ':', '?', '!', ')', '”', '"']) || raw.ends_with("’s") || raw.ends_with("'s");
        if capital && !super::prose::is_stop_word(word) {
            run.push(word);
        } else if !run.is_empty() {
            if run.len() >= 2 {
                runs.push(run.join(" "));
            }
            run.clear();
        }
        if ends_clause && !run.is_empty() {
            if run.len() >= 2 {
                runs.push(run.join(" "));
            }
            run.clear();
        }
    }
    if run.len() >= 2 {
        runs.push(run.join(" "));
    }
    runs
}

/// The person a magazine interview's introduction is about: the full name
/// whose surname the introduction (and title) mention most.
fn find_interviewee(doc: &Document, intro: &str) -> Option<String> {
    let runs: Vec<String> = name_runs(intro).into_iter().filter(|r| r.split(' ').count() <= 4).collect();
    let byline = doc.meta.byline.as_deref().unwrap_or("");
    let mut best: Option<(usize, String)> = None;
    for run in &runs {
        if byline.contains(run.as_str()) {
            continue;
        }
        let surname = run.rsplit(' ').next().unwrap_or(run);
        let score = intro.matches(surname).count() + doc.meta.title.matches(surname).count() * 2;
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, run.clone()));
        }
    }
    // "Glassblower Marit Solvang-Reyes" in a title is "Marit Solvang-Reyes" in the text.
    best.map(|(_, name)| {
        let words: Vec<&str> = name.split(' ').collect();
        let short = words[words.len().saturating_sub(2)..].join(" ");
        if words.len() > 2 && intro.matches(short.as_str()).count() > intro.matches(name.as_str()).count() {
            short
        } else {
            name
        }
    })
}

/// The deponent: `DEPOSITION OF JANE DOE` or `JANE DOE, having been first duly sworn`.
fn find_witness(text: &str) -> Option<String> {
    let head = &text[..crate::text::floor_char_boundary(text, 20_000)];
    for line in head.lines() {
        let t = line.trim();
        let upper = t.to_uppercase();
        if let Some(at) = upper.find("DEPOSITION OF ") {
            let name = t[at + 14..].split([',', '(']).next().unwrap_or("").trim();
            if !name.is_empty() && name.split_whitespace().count() <= 5 {
                return Some(names::display(name));
            }
        }
        for marker in [
            ", having been",
            ", called as a witness",
            ", being first duly sworn",
            ", the witness",
            ", having first been",
        ] {
            if let Some(at) = t.find(marker) {
                let name = t[..at].trim();
                if !name.is_empty() && name.split_whitespace().count() <= 5 {
                    return Some(names::display(name));
                }
            }
        }
    }
    None
}

/// `Chairman JONES` or `Hon. James Jonas, Chairman` in the front matter.
fn find_chairman(text: &str) -> Option<String> {
    let head = &text[..crate::text::floor_char_boundary(text, 20_000)];
    for title in ["Chairman", "Chairwoman", "Chair"] {
        for (at, _) in head.match_indices(title) {
            let after = &head[at + title.len()..];
            if let Some(rest) = after.strip_prefix(' ') {
                let name = rest.split(|c: char| !(c.is_alphabetic() || c == '-' || c == '\'')).next().unwrap_or("");
                if name.len() >= 2 && name.chars().all(|c| c.is_uppercase() || c == '-' || c == '\'') {
                    return Some(names::display(&format!("{title} {name}")));
                }
            }
            // A roster line: `EDMUND JONAS, Montana, Chairman` — the name is the first part.
            let line_start = head[..at].rfind('\n').map_or(0, |i| i + 1);
            let before = head[line_start..at].trim_end();
            if let Some(clause) = before.strip_suffix(',') {
                let first_part = clause.split(',').next().unwrap_or(clause).trim();
                let surname =
                    first_part.rsplit(' ').next().unwrap_or("").trim_end_matches(|c: char| !c.is_alphabetic());
                if surname.chars().next().is_some_and(char::is_uppercase) && surname.len() >= 2 {
                    return Some(names::display(&format!("{title} {}", surname.to_uppercase())));
                }
            }
        }
    }
    None
}

/// Words that hand the floor to a reporter: "… goes to Cate Cadell with …".
const CUES: &[&str] = &[
    " go to ",
    " goes to ",
    " going to go to ",
    " go over to ",
    " comes from ",
    " question from ",
    " call on ",
    " turn to ",
    " go next to ",
    " next to ",
    " question is from ",
    " line of ",
    " recognize ",
    " we have ",
    " back to ",
    " hear from ",
    " up is ",
];

static CUE_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| AhoCorasick::new(CUES).expect("the cue list builds"));

/// A moderator's hand-off: "Our first question goes to Cate Cadell with the
/// Washington Post" → `("Cate Cadell", Some("Washington Post"))`.
pub fn hand_off(text: &str) -> Option<(String, Option<String>)> {
    let mut found = None;
    {
        for m in CUE_FINDER.find_overlapping_iter(text) {
            let (cue, at) = (CUES[m.pattern().as_usize()], m.start());
            let rest = &text[at + cue.len()..];
            let name: Vec<&str> = rest
                .split_whitespace()
                .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
                .take(4)
                .collect();
            let name_text = name.join(" ");
            let clean = name_text.trim_end_matches(|c: char| !c.is_alphanumeric()).to_owned();
            if clean.is_empty()
                || super::prose::is_stop_word(&clean)
                || name.first().is_some_and(|w| matches!(*w, "The" | "You" | "Our"))
            {
                continue;
            }
            let clean_words = clean.split(' ').count();
            let after = rest.split_whitespace().skip(clean_words).collect::<Vec<_>>().join(" ");
            let outlet = ["with ", "from ", "of ", "at "].iter().find_map(|p| after.strip_prefix(p)).and_then(|o| {
                let o = o.strip_prefix("the ").unwrap_or(o);
                let words: Vec<&str> = o
                    .split_whitespace()
                    .take_while(|w| {
                        w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&')
                    })
                    .take(5)
                    .collect();
                let outlet = words.join(" ").trim_end_matches(|c: char| !c.is_alphanumeric()).to_owned();
                (!outlet.is_empty()).then_some(outlet)
            });
            if found.as_ref().is_none_or(|(pos, _)| at > *pos) {
                found = Some((at, (clean, outlet)));
            }
        }
    }
    found.map(|(_, f)| f).or_else(|| floor_by_name(text))
}

/// Words that give someone the floor: "Go ahead, Farid." / "Yes, Odile."
const FLOOR_WORDS: &[&str] =
    &["go ahead", "yes", "please", "sure", "okay", "ok", "all right", "you", "and", "next", "over to you"];

/// The last short sentence of a turn giving the floor by first name: "With that, go ahead, Farid."
fn floor_by_name(text: &str) -> Option<(String, Option<String>)> {
    let trimmed = text.trim_end().strip_suffix(['.', '?', '!'])?;
    let (before, name) = trimmed.rsplit_once(", ")?;
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_name = (1..=2).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        })
        && !super::prose::is_stop_word(words[0]);
    let lower = before.to_lowercase();
    let clause = lower.rsplit([',', '.', '?', '!']).next().unwrap_or(&lower).trim();
    (is_name && FLOOR_WORDS.iter().any(|w| clause == *w || clause.ends_with(&format!(" {w}"))))
        .then(|| (name.to_owned(), None))
}

/// A reporter naming themselves at the start of a question: "Hi, Gemma Lutz with Northline Radio."
pub fn self_introduction(text: &str) -> Option<(String, Option<String>)> {
    let head = text.get(..text.len().min(120))?;
    let rest = ["Hi, ", "Hello, ", "Yes, ", "Thanks, ", "Thank you, "]
        .iter()
        .find_map(|g| head.strip_prefix(g))
        .unwrap_or(head);
    let rest = ["this is ", "it's ", "it’s ", "I'm ", "I’m "].iter().find_map(|p| rest.strip_prefix(p)).unwrap_or(rest);
    let (name, after) = rest.split_once(" with ").or_else(|| rest.split_once(" from "))?;
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_name =
        (2..=3).contains(&words.len()) && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let mut outlet_words = Vec::new();
    for word in after.trim_start_matches("the ").split_whitespace().take(5) {
        if !word.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        outlet_words.push(word.trim_end_matches(|c: char| !c.is_alphanumeric()));
        if word.ends_with(['.', ',', ';', ':', '?', '!']) {
            break;
        }
    }
    let outlet = outlet_words.join(" ");
    (is_name && !outlet.is_empty()).then(|| (words.join(" "), Some(outlet)))
}

/// Whether a unit is a stage direction, time stamp, page slug or the like:
/// spoken by nobody, and not the end of a turn.
fn is_direction(text: &str, plan: &Plan) -> bool {
    let t = text.trim();
    if t.is_empty() {
        return true;
    }
    let wrapped = |open: char, close: char| t.starts_with(open) && t.ends_with(close);
    if wrapped('(', ')')
        || wrapped('[', ']')
        || (t.starts_with('_') && t.ends_with('_'))
        || (t.starts_with('*') && t.ends_with('*'))
    {
        return true;
    }
    // Directions, cue timings and page slugs are short; speech is usually not.
    if t.len() > SHORT_LINE_BYTES {
        return false;
    }
    if t.contains(" --> ") || t == "WEBVTT" || t.starts_with("WEBVTT ") {
        return true;
    }
    if plan.captions && (t.starts_with("NOTE") || t.starts_with("STYLE") || t.starts_with("REGION")) {
        return true;
    }
    if t.bytes().all(|b| b.is_ascii_digit() || b == b' ' || b == b'-') {
        return true;
    }
    if is_clock_line(t) {
        return true;
    }
    plan.repeated.contains_key(t)
}

/// Longer units are never repeated slugs or time stamps.
const SHORT_LINE_BYTES: usize = 80;

/// **Bytes** of a bracketed stage direction at the start of a turn, when the
/// speech follows it: `[Sitting.] I'm obliged` but not `[Name], you said`.
fn leading_direction(text: &str) -> Option<usize> {
    let close = match text.chars().next()? {
        '[' => ']',
        '(' => ')',
        _ => return None,
    };
    let end = text.find(close)? + 1;
    let after = &text[end..];
    (after.is_empty() || after.starts_with(char::is_whitespace)).then_some(end)
}

/// Words of a page's credits and notes about a transcript, which follow its last turn.
const CREDIT_CUES: &[&str] = &[
    "transcript",
    "transcribed",
    "produced by",
    "edited and condensed",
    "edited for",
    "copyright",
    "©",
    "all rights reserved",
    "is published",
    "was produced",
    "this episode",
    "this interview",
    "this program",
    "this podcast",
    "subscribe",
    "auto-generated",
    "helpful?",
    "upgrade to",
    "reported from",
];

fn is_credit(text: &str) -> bool {
    let lower = text.to_lowercase();
    CREDIT_CUES.iter().any(|cue| lower.contains(cue))
}

/// `8:23 A.M. EST`, `[00:01:23]`, `Page 12`.
fn is_clock_line(t: &str) -> bool {
    let mut saw_time = false;
    for word in t.split_whitespace() {
        let w = word.trim_matches(|c: char| matches!(c, '[' | ']' | '(' | ')' | ','));
        if label::timestamp_len(w) == Some(w.len()) {
            saw_time = true;
            continue;
        }
        let lower = w.to_ascii_lowercase();
        if matches!(
            lower.as_str(),
            "a.m."
                | "p.m."
                | "am"
                | "pm"
                | "est"
                | "edt"
                | "et"
                | "pt"
                | "pst"
                | "pdt"
                | "cst"
                | "cdt"
                | "utc"
                | "gmt"
                | "cet"
                | "bst"
                | "page"
                | "p."
                | "end"
                | "time:"
        ) || w.bytes().all(|b| b.is_ascii_digit())
        {
            continue;
        }
        return false;
    }
    saw_time || t.to_ascii_lowercase().starts_with("page ")
}

/// Walks the units in order, giving each transcript unit its speaker.
pub struct Walker<'a> {
    doc: &'a Document,
    plan: &'a Plan,
    current: Option<SpeakerId>,
    examiner: Option<SpeakerId>,
    reporter: Option<SpeakerId>,
    /// Unlabelled paragraphs since the last label of the document.
    after_last: usize,
    /// The last two paragraphs before a question, where a hand-off names the reporter.
    before_question: [Option<ByteRange>; 2],
    /// Labels already resolved, by their text as written.
    known_labels: HashMap<String, SpeakerId>,
}

impl<'a> Walker<'a> {
    pub fn new(doc: &'a Document, plan: &'a Plan) -> Self {
        Self {
            doc,
            plan,
            current: None,
            examiner: None,
            reporter: None,
            after_last: 0,
            before_question: [None, None],
            known_labels: HashMap::new(),
        }
    }

    /// A heading ends the current turn.
    pub fn end_turn_at_heading(&mut self, kind: PassageKind) {
        if kind == PassageKind::Heading {
            self.current = None;
        }
    }

    fn speaker_for(&mut self, label: &Label, body: &str, registry: &mut Registry) -> Option<SpeakerId> {
        let plan = self.plan;
        match label.form {
            LabelForm::Examiner => {
                let id = registry.intern(&names::display(&label.name), Some(&label.name));
                self.examiner = Some(id);
                None
            }
            LabelForm::Question => {
                if let Some(examiner) = self.examiner {
                    registry.add_alias(examiner, "Q");
                    return Some(examiner);
                }
                if plan.has_questions {
                    self.note_hand_off(body, registry);
                }
                Some(if let Some(reporter) = self.reporter {
                    reporter
                } else if let Some(interviewer) = &plan.interviewer {
                    registry.intern(interviewer, Some(&label.name))
                } else {
                    registry.intern("Q", None)
                })
            }
            LabelForm::Answer => Some(match &plan.answerer {
                Some(name) => {
                    let id = registry.intern(name, Some("A"));
                    if self.examiner.is_some() {
                        registry.add_alias(id, "THE WITNESS");
                    }
                    id
                }
                None => registry.intern("A", None),
            }),
            _ => Some(self.named_speaker(label, registry)),
        }
    }

    fn named_speaker(&mut self, label: &Label, registry: &mut Registry) -> SpeakerId {
        if let Some(id) = self.known_labels.get(&label.name) {
            return registry.resolve(*id);
        }
        let id = self.resolve_named_speaker(label, registry);
        self.known_labels.insert(label.name.clone(), id);
        id
    }

    fn resolve_named_speaker(&self, label: &Label, registry: &mut Registry) -> SpeakerId {
        let key = names::key(&label.name);
        if let Some(id) = registry.lookup(&key) {
            registry.add_alias(id, &label.name);
            return id;
        }
        // `The CHAIRMAN` is the chairman of the front matter; `THE WITNESS` the deponent.
        if matches!(key.as_str(), "the chairman" | "the chairwoman" | "the chair") {
            let chair = registry.ids().find(|id| {
                let k = names::key(&registry.entry(*id).name);
                ["chairman ", "chairwoman ", "chair "].iter().any(|t| k.starts_with(t))
            });
            if let Some(id) = chair {
                registry.add_alias(id, &label.name);
                return id;
            }
        }
        if matches!(key.as_str(), "the chairman" | "the chairwoman" | "the chair")
            && let Some(chairman) = &self.plan.chairman
        {
            return registry.intern(chairman, Some(&label.name));
        }
        if key == "the witness"
            && let Some(witness) = &self.plan.answerer
        {
            return registry.intern(witness, Some(&label.name));
        }
        // A surname alone, after the full name: `RUSSO` after `ANNA RUSSO, HOST`.
        let bare = names::bare_key(&key).to_owned();
        if !bare.contains(' ') {
            let matches: Vec<SpeakerId> = registry
                .ids()
                .filter(|id| {
                    let entry_key = names::key(&registry.entry(*id).name);
                    let entry_bare = names::bare_key(&entry_key);
                    entry_bare != bare && entry_bare.rsplit(' ').next() == Some(bare.as_str())
                        || (names::has_honorific(&key)
                            && entry_bare == bare
                            && entry_key != key
                            && !names::has_honorific(&entry_key))
                })
                .collect();
            if let [only] = matches[..] {
                registry.add_alias(only, &label.name);
                return only;
            }
        }
        let display = names::display(&label.name);
        let id = registry.intern(&display, Some(&label.name));
        if let Some(role) = &label.role {
            registry.add_alias(id, &format!("{}, {role}", label.name));
        }
        id
    }

    /// Takes a unit if it belongs to a transcript turn; otherwise leaves it to prose.
    pub fn take(&mut self, index: usize, unit: &Unit, registry: &mut Registry, passages: &mut Vec<Passage>) -> bool {
        let accepted = self.plan.is_accepted(index);
        let text = &self.doc.text;
        let in_transcript = self.plan.first_label.is_some_and(|first| index >= first);
        if let (true, Some(label)) = (accepted, unit.label.as_ref()) {
            let body = ByteRange::new(label.range.end, unit.range.end);
            let skip = body.slice(text).len() - body.slice(text).trim_start().len();
            let body = ByteRange::new(body.start + skip, body.end);
            let speaker = self.speaker_for(label, body.slice(text), registry);
            if label.form == LabelForm::Examiner {
                passages.push(Passage {
                    kind: PassageKind::Direction,
                    range: label.range,
                    label: None,
                    speaker: None,
                    confidence: 1.0,
                    block: unit.block,
                    turn_start: false,
                });
                self.current = None;
                return true;
            }
            self.current = speaker;
            if label.form != LabelForm::Question {
                self.remember_for_hand_off(body);
            }
            let mut range = if body.is_empty() { ByteRange::new(label.range.end, label.range.end) } else { body };
            // `THE DOCTOR. [Sitting.] I'm obliged.` — a stage direction before the speech is nobody's.
            if let Some(direction_len) = leading_direction(range.slice(text)) {
                let direction = ByteRange::new(range.start, range.start + direction_len);
                let rest = range.slice(text)[direction_len..].trim_start();
                passages.push(Passage {
                    kind: PassageKind::Direction,
                    range: direction,
                    label: None,
                    speaker: None,
                    confidence: 1.0,
                    block: unit.block,
                    turn_start: false,
                });
                if rest.is_empty() {
                    return true;
                }
                range = ByteRange::new(range.end - rest.len(), range.end);
            }
            passages.push(Passage {
                kind: PassageKind::Turn,
                range,
                label: Some(label.range),
                speaker,
                confidence: 0.95,
                block: unit.block,
                turn_start: true,
            });
            return true;
        }
        if !in_transcript {
            return false;
        }
        if unit.label.as_ref().is_some_and(|l| l.form == LabelForm::HeadingLike) || unit.heading {
            self.current = None;
            return false;
        }
        let unit_text = unit.range.slice(text);
        if is_direction(unit_text, self.plan) {
            passages.push(Passage {
                kind: PassageKind::Direction,
                range: unit.range,
                label: None,
                speaker: None,
                confidence: 1.0,
                block: unit.block,
                turn_start: false,
            });
            return true;
        }
        let Some(current) = self.current else { return false };
        if self.plan.last_label.is_some_and(|last| index > last) {
            self.after_last += 1;
            if self.after_last > self.plan.longest_turn.max(1) || is_credit(unit_text) {
                self.current = None;
                return false;
            }
        }
        if self.reporter != Some(current) {
            self.remember_for_hand_off(unit.range);
        }
        passages.push(Passage {
            kind: PassageKind::Turn,
            range: unit.range,
            label: None,
            speaker: Some(current),
            confidence: 0.9,
            block: unit.block,
            turn_start: false,
        });
        true
    }

    /// Keeps the last two paragraphs of non-reporters: a `Q` looks there for
    /// the hand-off that names it, so hand-offs are searched once per question.
    fn remember_for_hand_off(&mut self, range: ByteRange) {
        self.before_question = [Some(range), self.before_question[0]];
    }

    /// Finds who asks a question: the reporter introducing themselves, or the
    /// one the moderator just named.
    fn note_hand_off(&mut self, question: &str, registry: &mut Registry) {
        let candidates = std::mem::take(&mut self.before_question);
        let named = self_introduction(question)
            .or_else(|| candidates.iter().flatten().find_map(|range| hand_off(range.slice(&self.doc.text))));
        let Some((name, outlet)) = named else { return };
        {
            let display = match &outlet {
                Some(outlet) => format!("{name} ({outlet})"),
                None => name.clone(),
            };
            let id = registry.intern(&display, Some("Q"));
            registry.add_alias(id, &name);
            self.reporter = Some(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_offs_name_the_reporter() {
        let cases: &[(&str, Option<(&str, Option<&str>)>)] = &[
            (
                "Our first question is going to go to Cate Cadell with the Washington Post.",
                Some(("Cate Cadell", Some("Washington Post"))),
            ),
            ("Great.  Our next question will go to Christina Anderson.", Some(("Christina Anderson", None))),
            ("Next, we’ll go to Demetri with the FT.", Some(("Demetri", Some("FT")))),
            ("I’m just going to hand it right over to [senior administration official].", None),
            ("I will stop there and turn it back to you.", None),
            ("Next we go to 李明 from Xinhua.", None),
            ("Let’s go to Zoë Ångström of Dagens Nyheter 📰.", Some(("Zoë Ångström", Some("Dagens Nyheter")))),
            ("With that, go ahead, Farid.", Some(("Farid", None))),
            ("Yes, Odile.", Some(("Odile", None))),
            ("I said that, Tuesday.", None),
            ("Thanks, everybody.", None),
        ];
        for (text, want) in cases {
            let got = hand_off(text);
            let want = want.map(|(n, o)| (n.to_owned(), o.map(str::to_owned)));
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn reporters_introduce_themselves() {
        let cases: &[(&str, Option<(&str, Option<&str>)>)] = &[
            ("Hi, Gemma Lutz with Northline Radio. Just on visas –", Some(("Gemma Lutz", Some("Northline Radio")))),
            ("Thanks. Different topic.", None),
            ("Yes, this is Kenji Mori from the Asahi 日本. Question:", Some(("Kenji Mori", Some("Asahi")))),
            ("Do you agree with the Senate?", None),
        ];
        for (text, want) in cases {
            let want = want.map(|(n, o)| (n.to_owned(), o.map(str::to_owned)));
            assert_eq!(self_introduction(text), want, "{text:?}");
        }
    }

    #[test]
    fn directions_do_not_end_turns() {
        let plan = Plan {
            accepted: vec![],
            repeated: HashMap::new(),
            has_questions: false,
            interviewer: None,
            answerer: None,
            chairman: None,
            captions: false,
            first_label: None,
            last_label: None,
            longest_turn: 0,
        };
        let cases: &[(&str, bool)] = &[
            ("(Laughter.)", true),
            ("[crosstalk]", true),
            ("(SOUNDBITE OF MUSIC)", true),
            ("8:23 A.M. EST", true),
            ("[00:01:23]", true),
            ("12", true),
            ("_Enter HAMLIN._", true),
            ("00:00:01.000 --> 00:00:04.000", true),
            ("Thank you all.", false),
            ("谢谢。", false),
            ("(笑)", true),
            ("👍", false),
        ];
        for (text, want) in cases {
            assert_eq!(is_direction(text, &plan), *want, "{text:?}");
        }
    }
}
