//! What the walk needs to know about the whole document first: which label
//! candidates are real, the short lines a document repeats, and the people
//! its front matter names — the interviewee, the witness, the chairman.

use std::collections::HashMap;

use super::Unit;
use super::directions::{SHORT_LINE_BYTES, is_direction};
use crate::document::Document;
use crate::speaker::label::{self, LabelForm};
use crate::speaker::names;

/// A guest who speaks once (`Tiago Queiroz: Yeah, definitely.`) is a
/// speaker in a document whose labels of the same form already make a
/// transcript — several turns by at least two recurring names — when the
/// label is a person's full name. Alone, one such line could be a heading.
/// A hearing's `Mr. OYELARAN.` needs no full name: an honorific and a
/// surname in capitals is a label in a hearing, even said once.
fn accept_guests(units: &[super::Unit], accepted: &mut [bool]) {
    const TRANSCRIPT_TURNS: usize = 6;
    for form in [LabelForm::MixedColon, LabelForm::CapsColon, LabelForm::Marked, LabelForm::Hearing] {
        let of_form = || {
            units
                .iter()
                .zip(accepted.iter())
                .filter_map(move |(u, a)| u.label.as_ref().filter(|l| l.form == form).map(|l| (l, *a)))
        };
        let turns = of_form().filter(|(_, a)| *a).count();
        let mut names: Vec<String> = of_form().filter(|(_, a)| *a).map(|(l, _)| names::key(&l.name)).collect();
        names.sort_unstable();
        names.dedup();
        if turns < TRANSCRIPT_TURNS || names.len() < 2 {
            continue;
        }
        for (unit, accept) in units.iter().zip(accepted.iter_mut()) {
            if let Some(label) = unit.label.as_ref().filter(|l| l.form == form && !*accept) {
                *accept = form == LabelForm::Hearing || label::is_full_name(&label.name);
            }
        }
    }
}

/// A short line said more than once in a conversation ("Go ahead, Jeff.",
/// "Thank you.", "Yes.") is speech, not a running header or footer: a
/// sentence with a lowercase word and an end mark. Headers are names and
/// titles ("Alderson Reporting Company", "Official - Subject to Review",
/// "Page 4"), set without one.
fn reads_as_speech(line: &str) -> bool {
    let ends_a_sentence = line.trim_end().ends_with(['.', '?', '!', '…', '—', '。', '？', '！']);
    let words = || line.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic));
    let lowercase_word = words().any(|w| w.chars().next().is_some_and(char::is_lowercase));
    ends_a_sentence && (lowercase_word || words().count() <= 1)
}

/// Labels written once that differ by one letter from exactly one label
/// written three times or more, mapped to it. Short names are left alone:
/// `Mr. LEE` and `Mr. LEW` may well be two people.
fn misread_labels(raw_counts: &HashMap<&str, usize>) -> HashMap<String, String> {
    const SHORTEST: usize = 8;
    let one_letter_apart = |a: &str, b: &str| {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        a.len() == b.len()
            && a.len() >= SHORTEST
            && a.iter().zip(&b).filter(|(x, y)| x != y).count() == 1
            && a.iter().zip(&b).all(|(x, y)| x == y || (x.is_alphabetic() && y.is_alphabetic()))
    };
    raw_counts
        .iter()
        .filter(|(_, n)| **n == 1)
        .filter_map(|(once, _)| {
            let near: Vec<&str> = raw_counts
                .iter()
                .filter(|(other, n)| **n >= 3 && one_letter_apart(once, other))
                .map(|(o, _)| *o)
                .collect();
            match near[..] {
                [only] => Some(((*once).to_owned(), only.to_owned())),
                _ => None,
            }
        })
        .collect()
}

/// What the walk needs to know about the whole document first.
pub struct Plan {
    /// Whether each unit's label is accepted as a real label.
    pub(super) accepted: Vec<bool>,
    /// Short lines that repeat (page headers and footers).
    pub(super) repeated: HashMap<String, usize>,
    pub(super) has_questions: bool,
    pub(super) interviewer: Option<String>,
    /// The person who answers `A`: interviewee or witness.
    pub(super) answerer: Option<String>,
    /// The chairman named in the front matter, for `The CHAIRMAN`.
    pub(super) chairman: Option<String>,
    pub(super) captions: bool,
    pub(super) first_label: Option<usize>,
    pub(super) last_label: Option<usize>,
    /// The most unlabelled paragraphs a turn before the last one had: the
    /// last turn runs on no further, so a page's credits are not speech.
    pub(super) longest_turn: usize,
    /// Labels seen once that are a recurring label misread by one letter
    /// (`Mr. SECOHD.` among many `Mr. SECORD.`, as scanned records have them),
    /// to the label they stand for.
    pub(super) misread: HashMap<String, String>,
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
        let mut strong_hearing = 0;
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
                if label.form == LabelForm::Hearing && label.strong {
                    strong_hearing += 1;
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
        let misread = misread_labels(&raw_counts);
        let recurring: HashMap<&str, bool> = raw_counts
            .keys()
            .map(|raw| {
                let key = names::key(raw);
                let recurs = counts.get(&key).copied().unwrap_or(0) >= 2
                    || counts.get(&surname_key(&key)).copied().unwrap_or(0) >= 2;
                (*raw, recurs)
            })
            .collect();
        let chairman = find_chairman(&doc.text);
        // `Senator Quint.` in mixed case is a label where `The Chairman.` or a
        // chairman "presiding" already make the document a hearing.
        let hearing = strong_hearing > 0 || chairman.is_some();
        let mut accepted: Vec<bool> = units
            .iter()
            .map(|unit| {
                unit.label.as_ref().is_some_and(|label| {
                    let recurs = recurring.get(label.name.as_str()).copied().unwrap_or(false)
                        || misread.contains_key(label.name.as_str());
                    match label.form {
                        LabelForm::HeadingLike => false,
                        LabelForm::Hearing if !label.strong => hearing,
                        LabelForm::Question if !label.strong => strong_questions > 0,
                        LabelForm::Answer if !label.strong => strong_questions > 0 && recurs,
                        // A caps name alone on its line, among many caps labels.
                        LabelForm::CapsColon if !label.strong => recurs || strong_caps >= 3,
                        _ => label.strong || recurs,
                    }
                })
            })
            .collect();
        accept_guests(units, &mut accepted);
        // A single label in a whole article is more likely a heading or a dateline.
        let total: usize = accepted.iter().filter(|a| **a).count();
        // Labels the format marks are certain, even one alone.
        let marked = units.iter().any(|u| u.label.as_ref().is_some_and(|l| l.form == LabelForm::Marked));
        if total < 2 && !marked {
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
            repeated: repeated.into_iter().filter(|(line, n)| *n >= 3 && !reads_as_speech(line)).collect(),
            has_questions: strong_questions > 0,
            interviewer: doc
                .meta
                .byline
                .clone()
                .or_else(|| interviewer_in_title(&doc.meta.title))
                .filter(|_| !has_examiner),
            answerer,
            chairman,
            captions: doc.text.trim_start().starts_with("WEBVTT") || doc.text.contains(" --> "),
            first_label,
            last_label,
            longest_turn: 0,
            misread,
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
        if capital && !crate::speaker::stop_words::is_stop_word(word) {
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

/// The interviewer a title names: "Interview of the Mayor by Ines Vale,
/// Harbour Radio" → `Ines Vale`. Only titles that say they are an interview.
pub(super) fn interviewer_in_title(title: &str) -> Option<String> {
    if !title.to_lowercase().contains("interview") {
        return None;
    }
    let (_, after) = title.rsplit_once(" by ")?;
    let words: Vec<&str> = after
        .split_whitespace()
        .map_while(|w| {
            let clean = w.trim_end_matches([',', ';', ':', '.']);
            let name = clean.chars().next().is_some_and(char::is_uppercase)
                && clean.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'));
            name.then_some((clean, clean.len() != w.len()))
        })
        .scan(false, |ended, (w, stops)| {
            if *ended {
                return None;
            }
            *ended = stops;
            Some(w)
        })
        .take(4)
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::reads_as_speech;

    #[test]
    fn repeated_sentences_are_speech_and_running_heads_are_not() {
        let cases: &[(&str, bool)] = &[
            ("Go ahead, Jeff.", true),
            ("Thank you.", true),
            ("Yes.", true),
            ("Next question?", true),
            ("ありがとうございます。", true),
            ("Thanks 🙏.", true),
            ("Alderson Reporting Company", false),
            ("Official - Subject to Final Review", false),
            ("Page 4", false),
            ("HARBOUR COMMITTEE HEARING", false),
            ("Heritage Reporting Corporation.", false),
            ("港湾委員会", false),
        ];
        for (line, want) in cases {
            assert_eq!(reads_as_speech(line), *want, "{line:?}");
        }
    }

    #[test]
    fn a_label_written_once_one_letter_off_a_frequent_one_is_a_misreading() {
        let counts: std::collections::HashMap<&str, usize> = [
            ("Mr. SECORD", 40),
            ("Mr. SECOHD", 1),
            ("Mr. NIELDS", 30),
            ("Mr. LEE", 9),
            ("Mr. LEW", 1),
            ("Ms. 山田花子さん", 5),
            ("Ms. 山田花子ちゃん", 1),
            ("Mr. HANSEN", 1),
            ("Mr. SECORD 🙂", 1),
        ]
        .into_iter()
        .collect();
        let misread = super::misread_labels(&counts);
        assert_eq!(misread.get("Mr. SECOHD").map(String::as_str), Some("Mr. SECORD"));
        assert_eq!(misread.len(), 1, "{misread:?}");
    }
}
