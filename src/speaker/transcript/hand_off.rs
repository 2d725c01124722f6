//! Who asks a `Q`: the reporter a moderator hands the floor to ("Our first
//! question goes to Mira Solberg with the Harbor Gazette", "Go ahead,
//! Farid."), or one who names themselves at the start of the question.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

/// Words that hand the floor to a reporter: "… goes to Mira Solberg with …".
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

/// A moderator's hand-off: "Our first question goes to Mira Solberg with the
/// Harbor Gazette" → `("Mira Solberg", Some("Harbor Gazette"))`.
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
                || crate::speaker::prose::is_stop_word(&clean)
                || name.first().is_some_and(|w| matches!(*w, "The" | "You" | "Our"))
            {
                continue;
            }
            let clean_words = clean.split(' ').count();
            // An outlet is a preposition and at most five words: no need to look further.
            let after = rest.split_whitespace().skip(clean_words).take(8).collect::<Vec<_>>().join(" ");
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
        && !crate::speaker::prose::is_stop_word(words[0]);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_offs_name_the_reporter() {
        let cases: &[(&str, Option<(&str, Option<&str>)>)] = &[
            (
                "Our first question is going to go to Mira Solberg with the Harbor Gazette today.",
                Some(("Mira Solberg", Some("Harbor Gazette"))),
            ),
            ("Great.  Our next question will go to Tomas Varga.", Some(("Tomas Varga", None))),
            ("Next, we’ll go to Ilse with the HT.", Some(("Ilse", Some("HT")))),
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
}
