//! Which passages a speaker filter shows: one rule, for the reader and for
//! `gloss show --speaker`, so a script sees what the screen shows.

use super::{Attribution, PassageKind, SpeakerId};

/// Whether each passage of `attribution` is shown (indexed like
/// [`Attribution::passages`]): the title, and every passage of a speaker
/// `shown` accepts. With `keep_questions`, the question that prompted a
/// shown answer is shown too: the turn of another speaker right before a
/// shown turn, when it asks something (contains `?`).
#[must_use]
pub fn shown_passages(
    text: &str,
    attribution: &Attribution,
    shown: impl Fn(SpeakerId) -> bool,
    keep_questions: bool,
) -> Vec<bool> {
    let passages = &attribution.passages;
    let mut visible: Vec<bool> =
        passages.iter().map(|p| p.kind == PassageKind::Title || p.speaker.is_some_and(&shown)).collect();
    if keep_questions {
        let turns: Vec<usize> = (0..passages.len()).filter(|&i| passages[i].label.is_some()).collect();
        for pair in turns.windows(2) {
            let (asked, answered) = (pair[0], pair[1]);
            let questioner = passages[asked].speaker;
            if visible[answered] && !visible[asked] && questioner != passages[answered].speaker {
                let question = (asked..answered).filter(|&j| passages[j].speaker == questioner);
                if question.clone().any(|j| passages[j].range.slice(text).contains('?')) {
                    for j in question {
                        visible[j] = true;
                    }
                }
            }
        }
    }
    visible
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    const TALK: &str = "Port Talk\n\nMODERATOR:  Welcome to the 港 briefing 🚢.\nQ  When do the cranes arrive?\nOFFICIAL:  In March, after the tide.\nQ  Thanks, that is all.\nOFFICIAL:  Good.\nMODERATOR:  Next one?\nOFFICIAL:  日本 next week.\n";

    /// The first words of every shown passage.
    fn shown(names: &[&str], keep_questions: bool) -> Vec<String> {
        let doc = Document::parse_plain(TALK);
        let attribution = crate::speaker::detect(&doc);
        let ids: Vec<SpeakerId> = names.iter().flat_map(|n| attribution.find(n)).collect();
        let visible = shown_passages(&doc.text, &attribution, |id| ids.contains(&id), keep_questions);
        attribution
            .passages
            .iter()
            .zip(visible)
            .filter(|(_, v)| *v)
            .map(|(p, _)| p.range.slice(&doc.text).split(' ').take(2).collect::<Vec<_>>().join(" "))
            .collect()
    }

    #[test]
    fn a_filter_shows_the_title_the_speakers_and_the_questions_they_answer() {
        // (speakers shown, keep questions, passages shown)
        let cases: &[(&[&str], bool, &[&str])] = &[
            (&["Official"], false, &["Port Talk", "In March,", "Good.", "日本 next"]),
            // A question before an answer stays; "Thanks, that is all." asks nothing and goes.
            (&["Official"], true, &["Port Talk", "When do", "In March,", "Good.", "Next one?", "日本 next"]),
            (&["Moderator"], true, &["Port Talk", "Welcome to", "Next one?"]),
            (
                &["Moderator", "Official"],
                true,
                &["Port Talk", "Welcome to", "When do", "In March,", "Good.", "Next one?", "日本 next"],
            ),
            (&[], true, &["Port Talk"]),
        ];
        for (names, keep, want) in cases {
            assert_eq!(shown(names, *keep), *want, "{names:?} keep={keep}");
        }
    }
}
