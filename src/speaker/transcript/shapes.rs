//! What a turn's body or a short line looks like: a place marker in a
//! recording, a page:line index, a time stamp, a reporter's follow-up.

use super::directions::leading_direction;
use super::hand_off;
use crate::speaker::label::{self, Label, LabelForm};

/// Whether a label only marks a place in the recording: nothing but a
/// time stamp follows it (`Song: [04:47]`, `Recording ends: [03:26]`) and
/// it is not a person's name (`Song`, `Recording begins` — one word, or a
/// lower-case word in it). `Ann Lee: [04:47]` alone on its line stays a speaker.
pub(super) fn is_section_marker(label: &Label, body: &str) -> bool {
    let body = body.trim();
    if is_reference_index(body) {
        // The word index closing a court transcript: `A` heads the words
        // starting with a, and `abiding 39:12  agency 59:24` is nobody's speech.
        return true;
    }
    if matches!(label.form, LabelForm::Question | LabelForm::Answer) {
        return false;
    }
    let stamped = label.form == LabelForm::Timestamped && body.is_empty()
        || leading_direction(body) == Some(body.len())
            && label::timestamp_len(&body[1..body.len() - 1]) == Some(body.len() - 2);
    let words: Vec<&str> = label.name.split_whitespace().collect();
    let not_a_name = words.len() == 1 || words.iter().any(|w| w.chars().next().is_some_and(char::is_lowercase));
    stamped && not_a_name
}

/// Text made mostly of `page:line` references (`39:12`, `62:15,16`), as in
/// the index at the end of a court or hearing transcript.
pub(super) fn is_reference_index(body: &str) -> bool {
    let is_reference = |word: &str| {
        let word = word.trim_end_matches([',', ';', '.']);
        word.split_once(':').is_some_and(|(page, lines)| {
            !page.is_empty()
                && page.bytes().all(|b| b.is_ascii_digit())
                && !lines.is_empty()
                && lines.split(',').all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
    };
    // Every reference holds a colon and at least half the words are references,
    // so a body with too few colons is not an index: decided without splitting
    // it into words (this runs on every turn of a transcript).
    let colons = memchr::memchr_iter(b':', body.as_bytes()).count();
    if colons < 2 {
        return false;
    }
    let words = body.split_whitespace().take(2 * colons + 1).count();
    (3..=2 * colons).contains(&words) && body.split_whitespace().filter(|w| is_reference(w)).count() * 2 >= words
}

/// `Recording begins: [02:09]` on its own: a lead-in of a few words and a
/// bracketed time stamp, nobody's speech.
pub(super) fn is_stamp_line(text: &str) -> bool {
    let Some((head, stamp)) = text.trim().split_once(": ") else { return false };
    let stamp = stamp.trim();
    (1..=3).contains(&head.split_whitespace().count())
        && head.chars().next().is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()))
        && leading_direction(stamp) == Some(stamp.len())
        && label::timestamp_len(&stamp[1..stamp.len() - 1]) == Some(stamp.len() - 2)
}

/// Whether a question with no hand-off before it continues the reporter's
/// last one ("So it is happening now?", "And has Russia…") rather than
/// opening a new one by addressing someone or greeting ("Mr. President, …",
/// "Hi. …", "Karine, if I can ask …").
pub(super) fn is_follow_up(question: &str) -> bool {
    let first = hand_off::sentences(question).into_iter().next().unwrap_or("");
    let first = first.trim_end_matches(['.', '?', '!']);
    let opener = first.split(',').next().unwrap_or("").trim();
    let words = opener.split_whitespace().count();
    // A greeting opens a new question; alone ("Thank you.") it closes the last one.
    let greeting = ["Hi", "Hello", "Hey", "Thank", "Thanks", "Good morning", "Good afternoon", "Yes"]
        .iter()
        .any(|g| first.starts_with(g))
        && question.trim().len() > first.len() + 1;
    // "Respectfully, …", "Also, …": a sentence adverb, not a name.
    let adverb = words == 1
        && (opener.ends_with("ly")
            || ["So", "Well", "Now", "Also", "Just", "Okay", "OK", "Yeah", "Sorry", "Again", "Then", "But", "And"]
                .contains(&opener));
    let addresses = first.contains(',')
        && (1..=3).contains(&words)
        && !adverb
        && opener.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    !(greeting || addresses)
}
