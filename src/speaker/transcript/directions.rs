//! Lines in a transcript that nobody speaks: stage directions, time stamps
//! and clock lines, caption cue timings, page slugs, and the credits after
//! the last turn.

use super::Plan;
use crate::speaker::label;

/// Whether a unit is a stage direction, time stamp, page slug or the like:
/// spoken by nobody, and not the end of a turn.
pub(super) fn is_direction(text: &str, plan: &Plan) -> bool {
    let t = text.trim();
    if t.is_empty() {
        return true;
    }
    // In a line-numbered transcript the number is the page's, not part of the direction.
    let core = without_line_number(t);
    if is_letter_spaced(core) {
        return true;
    }
    let wrapped = |open: char, close: char| core.starts_with(open) && core.ends_with(close);
    // `(Exhibit 14 was marked for` cut by a page break: an aside that never closed is speech of nobody.
    let unclosed = |open: char, close: char| core.starts_with(open) && !core.contains(close) && !core.contains('\n');
    if wrapped('(', ')')
        || wrapped('[', ']')
        || unclosed('(', ')')
        || unclosed('[', ']')
        || is_statement_heading(core)
        || (core.starts_with('_') && core.ends_with('_'))
        || (core.starts_with('*') && core.ends_with('*'))
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

/// `2      (10:12 a.m.)` → `(10:12 a.m.)`: one or two digits and a gap.
fn without_line_number(t: &str) -> &str {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &t[digits..];
    if (1..=2).contains(&digits) && rest.starts_with(char::is_whitespace) && !rest.trim().is_empty() {
        rest.trim_start()
    } else {
        t
    }
}

/// A heading set in spaced capitals (`P R O C E E D I N G S`) is a title of
/// the record, never speech: every word one capital letter, four or more.
fn is_letter_spaced(t: &str) -> bool {
    let mut letters = 0;
    for word in t.split_whitespace() {
        let mut chars = word.chars();
        if !(chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()) {
            return false;
        }
        letters += 1;
    }
    letters >= 4
}

/// A hearing record's heading for a text put in it: "Prepared Statement of
/// Kwame Asante, M.D.", "Testimony of …", "Questions for the Record".
fn is_statement_heading(line: &str) -> bool {
    const HEADINGS: &[&str] = &[
        "prepared statement of ",
        "opening statement of ",
        "written statement of ",
        "statement of ",
        "prepared testimony of ",
        "testimony of ",
        "questions for the record",
        "responses of ",
        "submitted by ",
    ];
    // The prefix first, with no lowercase copy: this runs on every turn.
    HEADINGS.iter().any(|h| line.as_bytes().get(..h.len()).is_some_and(|head| head.eq_ignore_ascii_case(h.as_bytes())))
        && !line.contains('\n')
        && line.split_whitespace().take(15).count() <= 14
}

/// Longer units are never repeated slugs or time stamps.
pub(super) const SHORT_LINE_BYTES: usize = 80;

/// **Bytes** of a bracketed stage direction at the start of a turn, when the
/// speech follows it: `[Sitting.] I'm obliged` but not `[Name], you said`.
pub(super) fn leading_direction(text: &str) -> Option<usize> {
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

pub(super) fn is_credit(text: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

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
            misread: HashMap::new(),
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
            ("2                    (10:12 a.m.)", true),
            ("9   (Whereupon, the hearing\n10  was adjourned.)", true),
            ("1          P R O C E E D I N G S", true),
            ("S E S S I O N 🎙", false),
            ("I A M here.", false),
            ("3 (three) people came.", false),
            ("12 angry men", false),
            ("7   （休会。）", false),
            ("25             (Corrigan Exhibit 14 was marked for", true),
            ("(港の話 🎙", true),
            ("(he paused) and went on", false),
            ("Prepared Statement of Kwame Asante, M.D.", true),
            ("Testimony of Ines Valdoro 🌊", true),
            ("Statement of fact: the ferry ran late, the council knew it, and nobody said so for years.", false),
            ("A statement of fact.", false),
        ];
        for (text, want) in cases {
            assert_eq!(is_direction(text, &plan), *want, "{text:?}");
        }
    }
}
