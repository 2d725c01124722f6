//! Who asks a `Q`: a small grammar over the moderator's words before a
//! question and the reporter's first words, with a typed result.
//!
//! - a hand-off: "Our first question goes to Mira Solberg with the Harbor
//!   Gazette", "Go ahead, Farid.", "Farid, with the Ledger.", "Great. Farid.",
//!   "Bloomberg, go ahead." (an outlet), "Go ahead, in the back." (nobody named);
//! - a self-introduction: "Hi, Gemma Lutz with Northline Radio.", "Kenji Mori
//!   here.", "Tajiri, Kyodo News.";
//! - a name given afterwards, in the answer: "Difficult to say, Steve."

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::speaker::stop_words::is_stop_word;

/// What a hand-off says about who asks next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HandOff {
    /// A reporter by name, perhaps with an outlet.
    Reporter { name: String, outlet: Option<String> },
    /// Only the outlet: "Bloomberg, go ahead."
    Outlet(String),
    /// The floor is given, but to nobody named: "Go ahead.", "In the back."
    Unnamed,
}

impl HandOff {
    fn reporter(name: &str, outlet: Option<String>) -> Self {
        Self::Reporter { name: name.to_owned(), outlet }
    }
}

/// Words that hand the floor to a reporter: "… goes to Mira Solberg with …".
const CUES: &[&str] = &[
    " go to ",
    " goes to ",
    " going to go to ",
    " go over to ",
    " comes from ",
    " question from ",
    " question is ",
    " call on ",
    " turn to ",
    " go next to ",
    " next to ",
    " question is from ",
    " line of ",
    " recognize ",
    " invite ",
    " we have ",
    " hear from ",
    " up is ",
    " queue is ",
    " is from ",
    " go with ",
];

static CUE_FINDER: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::builder().ascii_case_insensitive(true).build(CUES).expect("the cue list builds"));

/// Outlets a moderator may call on instead of a person ("Bloomberg, go ahead.").
const OUTLETS: &[&str] = &[
    "AP",
    "AFP",
    "ABC",
    "BBC",
    "Bloomberg",
    "CBS",
    "CNN",
    "CNBC",
    "EFE",
    "Fox",
    "NBC",
    "NPR",
    "Reuters",
    "Axios",
    "Politico",
    "Kyodo",
    "Xinhua",
    "Yonhap",
    "Newsmax",
    "Telemundo",
    "Univision",
    "PBS",
    "Al Jazeera",
];

/// Capitalised words that open a sentence or address a group, never a reporter.
const NOT_NAMES: &[&str] = &[
    "The",
    "You",
    "Our",
    "Your",
    "We",
    "I",
    "It",
    "This",
    "That",
    "There",
    "Here",
    "Thank",
    "Thanks",
    "Sir",
    "Ma'am",
    "Ma’am",
    "Everybody",
    "Everyone",
    "Guys",
    "Folks",
    "All",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Yes",
    "Yeah",
    "No",
    "Okay",
    "OK",
    "Well",
    "Look",
    "Great",
    "Good",
    "Please",
    "Sure",
    "Next",
    "And",
    "So",
    "But",
    "Go",
    "President",
    "Secretary",
    "Senator",
    "Governor",
    "General",
    "Admiral",
    "Ambassador",
    "Madam",
    "Mister",
    "God",
    "America",
    "Americans",
    "Congress",
    "Today",
    "Tonight",
    "Operator",
    "Moderator",
    "Again",
    "Hi",
    "Hello",
    "Hey",
    "Right",
    "Then",
    "Now",
    "What",
    "Why",
    "How",
    "Who",
    "When",
    "Where",
    "Is",
    "Are",
    "Do",
    "Does",
    "Did",
    "Can",
    "Let",
    "Lets",
    "Let's",
    "Let’s",
    "One",
    "First",
    "Last",
    "Question",
    "Questions",
    "Plus",
    "Both",
    "Sorry",
    // Courtesies and interjections that close a turn on their own: `Apologies.` is not a name.
    "Apologies",
    "Apology",
    "Cheers",
    "Congratulations",
    "Welcome",
    "Excellent",
    "Perfect",
    "Absolutely",
    "Exactly",
    "Indeed",
    "Correct",
    "Alright",
    "Understood",
    "Bye",
    "Goodbye",
    "Excuse",
    "Mm-hmm",
    "Uh-huh",
    "Um",
    "Uh",
    "Oh",
    "Ah",
    "Pardon",
    "Russia",
    "China",
    "Ukraine",
    "Israel",
    "Iran",
    "Europe",
];

/// Whether `word` can be (part of) a reporter's name.
fn name_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        && !NOT_NAMES.contains(&word.trim_end_matches('.'))
        && !is_stop_word(word)
}

/// Capitalised words from the start of `rest` that make a name: at most
/// four, ending at a comma or a sentence end ("Peter Baker. You may…" is
/// "Peter Baker"; an initial "J." goes on).
fn leading_name(rest: &str) -> Option<String> {
    let mut words = Vec::new();
    for raw in rest.split_whitespace().take(4) {
        let word = raw.trim_end_matches([',', ';', ':', '.', '?', '!', '—', ')']);
        let initial = word.len() == 1 && raw.ends_with('.');
        if word.is_empty() || !(name_word(word) || initial) {
            break;
        }
        words.push(word);
        if raw.len() != word.len() && !initial {
            break;
        }
    }
    while words.last().is_some_and(|w| w.len() == 1) {
        words.pop();
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// The outlet after a name: "with the Harbor Gazette", "from NPR", "at CNN", "of Dagens Nyheter".
fn outlet_after(after: &str) -> Option<String> {
    let o = ["with ", "from ", "of ", "at "].iter().find_map(|p| after.strip_prefix(p))?;
    let o = o.strip_prefix("the ").unwrap_or(o);
    let mut words = Vec::new();
    for w in o.split_whitespace().take(5) {
        if !w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&') {
            break;
        }
        // "Freight & Tide Weekly": an ampersand joins the outlet's words.
        let clean = if w == "&" { w } else { w.trim_end_matches(|c: char| !c.is_alphanumeric()) };
        words.push(clean);
        if clean.len() != w.len() {
            break;
        }
    }
    let outlet = words.join(" ");
    (!outlet.is_empty()).then_some(outlet)
}

/// The sentences of `text`, split after `.`, `?` and `!` (not after an initial or `Mr.`).
pub(super) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    // The three ASCII marks are found with memchr: this runs over every turn.
    for i in memchr::memchr3_iter(b'.', b'?', b'!', text.as_bytes()) {
        let c = char::from(text.as_bytes()[i]);
        // Any space ends a sentence: hard-wrapped transcripts use U+00A0 and newlines too.
        if text[i + 1..].chars().next().is_none_or(char::is_whitespace) {
            let word = text[start..i].rsplit(' ').next().unwrap_or("");
            if c == '.' && (word.len() <= 1 || matches!(word, "Mr" | "Ms" | "Mrs" | "Dr" | "St")) {
                continue;
            }
            out.push(text[start..=i].trim_matches(|c: char| c.is_whitespace()));
            start = i + 1;
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(text[start..].trim());
    }
    out
}

/// Phrases that give the floor without a name (`Go ahead.`, `In the back.`).
const UNNAMED_FLOOR: &[&str] = &[
    "go ahead",
    "in the back",
    "one more",
    "next question",
    "who's next",
    "who’s next",
    "yes, ma'am",
    "yes, ma’am",
    "yes, sir",
    "what else",
    "take questions",
    "take a few questions",
    "first question",
];

/// Short phrases after `Name,` that make it a call on that reporter.
const CALL_WORDS: &[&str] =
    &["go ahead", "you", "kick", "begin", "start", "question", "with ", "from ", "please", "yes", "yeah"];

/// A moderator's hand-off in `text` (the last one wins), if any.
pub fn hand_off(text: &str) -> Option<HandOff> {
    let all = sentences(text);
    // The hand-off is at the end of a turn: its last three sentences.
    let tail = &all[all.len().saturating_sub(3)..];
    // A name wins over a later "You may go ahead."; with no name, the floor goes to nobody named.
    let mut found = None;
    for sentence in tail {
        let lower = sentence.to_lowercase();
        if let Some(h) = sentence_hand_off(sentence) {
            found = Some(h);
        } else if found.is_none() && UNNAMED_FLOOR.iter().any(|p| lower.contains(p)) {
            found = Some(HandOff::Unnamed);
        }
    }
    found
}

/// One sentence as a hand-off.
fn sentence_hand_off(sentence: &str) -> Option<HandOff> {
    // A hand-off hard-wrapped across lines ("Let's go\nto Dana Ruiz") or spaced
    // with U+00A0 reads as one line with single spaces.
    let joined: std::borrow::Cow<str> = if single_spaced(sentence) {
        sentence.into()
    } else {
        sentence.split_whitespace().collect::<Vec<_>>().join(" ").into()
    };
    let body = joined.trim_end_matches(['.', '?', '!']).trim();
    // Only whether there are one to three words matters: a long sentence is not split whole.
    let words: Vec<&str> = body.split_whitespace().take(4).collect();
    // "Peter." / "Karen?" / "Great. Diana." — a sentence that is only a name
    // (not an acronym: "IRS." answers a topic).
    let acronym = |w: &&str| w.len() > 1 && w.chars().all(char::is_uppercase);
    if (1..=3).contains(&words.len())
        && words.iter().all(|w| name_word(w))
        && !words.iter().any(|w| w.ends_with('.'))
        && !(words.len() == 1 && words.iter().any(acronym))
    {
        return Some(outlet_or_reporter(body, None));
    }
    // "Zeke Ruiz, AP." / "Cheyenne Vale, ABC News." — a full name and an outlet.
    if let Some((head, rest)) = body.split_once(", ") {
        let head_words: Vec<&str> = head.split_whitespace().take(4).collect();
        let rest_words: Vec<&str> = rest.split_whitespace().take(5).collect();
        if (2..=3).contains(&head_words.len())
            && head_words.iter().all(|w| name_word(w))
            && (1..=4).contains(&rest_words.len())
            && rest_words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            return Some(HandOff::reporter(head, Some(rest.to_owned())));
        }
    }
    // "Farid, with the Ledger." / "Zeke, want to kick it off?" / "Bloomberg, go ahead."
    if let Some(h) = called_by_name(body) {
        return Some(h);
    }
    // The same after a short lead-in that is not a name: "With that, Zeke, kick it off."
    if let Some((lead, rest)) = body.split_once(", ") {
        let lead_words: Vec<&str> = lead.split_whitespace().take(4).collect();
        if (1..=3).contains(&lead_words.len())
            && !lead_words.iter().all(|w| name_word(w))
            && let Some(h) = called_by_name(rest)
        {
            return Some(h);
        }
    }
    // "Go ahead, Farid." / "Yes, Odile." / "Sure, Kaitlan."
    if let Some((before, name)) = body.rsplit_once(", ") {
        let name_words: Vec<&str> = name.split_whitespace().take(3).collect();
        if (1..=2).contains(&name_words.len()) && name_words.iter().all(|w| name_word(w)) && {
            // Only the last clause is lowercased: `before` may be a long sentence.
            let clause = before.rsplit([',', '.']).next().unwrap_or(before).trim().to_lowercase();
            FLOOR_WORDS.iter().any(|w| clause == *w || clause.strip_suffix(w).is_some_and(|c| c.ends_with(' ')))
        } {
            return Some(outlet_or_reporter(name, None));
        }
    }
    // "… goes to Mira Solberg with the Harbor Gazette", "If I may invite Mr. Oyelaran of the Courier".
    let padded = format!(" {body} ");
    let mut found = None;
    for m in CUE_FINDER.find_overlapping_iter(&padded) {
        let cue = CUES[m.pattern().as_usize()];
        let rest = &padded[m.start() + cue.len()..];
        let rest = strip_honorific(rest);
        let Some(name) = leading_name(rest) else { continue };
        let after = after_words(rest, name.split(' ').count());
        // A place after "go to" is followed by no outlet and is one word: "go to Denver" is not a call.
        let outlet = outlet_after(after);
        let then_preposition = after
            .split_whitespace()
            .next()
            .is_some_and(|w| ["for", "in", "to", "at", "on", "and", "where", "because", "now"].contains(&w));
        if !name.contains(' ') && outlet.is_none() && then_preposition {
            continue;
        }
        found = Some(outlet_or_reporter(&name, outlet));
    }
    found
}

/// `Name, <call>`: a name (honorific allowed) and a short call on it.
fn called_by_name(body: &str) -> Option<HandOff> {
    let (head, rest) = body.split_once(", ")?;
    let head = strip_honorific(head);
    let head_words: Vec<&str> = head.split_whitespace().take(4).collect();
    ((1..=3).contains(&head_words.len())
        && head_words.iter().all(|w| name_word(w))
        && rest.split_whitespace().take(9).count() <= 8
        && {
            let lower = rest.to_lowercase();
            CALL_WORDS.iter().any(|w| lower.starts_with(w) || after_space(&lower, w))
        })
    .then(|| outlet_or_reporter(head, outlet_after(rest.trim_start())))
}

/// Whether `word` occurs in `text` right after a space (`" {word}"`, without building it).
fn after_space(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| at > 0 && text.as_bytes()[at - 1] == b' ')
}

/// Whether every run of whitespace in `text` is one ASCII space, as
/// `split_whitespace().join(" ")` would leave it (ends trimmed aside).
fn single_spaced(text: &str) -> bool {
    let bytes = text.as_bytes();
    !bytes.iter().enumerate().any(|(i, &b)| {
        (b.is_ascii_whitespace() && (b != b' ' || bytes.get(i + 1) == Some(&b' ')))
            // U+00A0 and the other Unicode spaces are all outside ASCII.
            || (b >= 0x80 && text.is_char_boundary(i) && text[i..].chars().next().is_some_and(char::is_whitespace))
    }) && !text.starts_with(' ')
        && !text.ends_with(' ')
}

/// What follows the first `n` words of `text`, their punctuation kept
/// with them ("Nadia Roe, Al Arabiya" after two words is ", Al Arabiya").
fn after_words(text: &str, n: usize) -> &str {
    let Some(last) = text.split_whitespace().nth(n.saturating_sub(1)) else { return "" };
    // `last` is a sub-slice of `text`: its end is a char boundary there.
    let end = last.as_ptr() as usize - text.as_ptr() as usize + last.len();
    let word = last.trim_end_matches([',', ';', ':', '.', '?', '!', '—', ')']);
    let end = end - (last.len() - word.len());
    text[end..].trim_start_matches(['.', ' '])
}

/// `Oyelaran` of `Mr. Oyelaran`: reporters are known by their names.
fn strip_honorific(text: &str) -> &str {
    ["Mr. ", "Ms. ", "Mrs. ", "Dr. "].iter().find_map(|h| text.strip_prefix(h)).unwrap_or(text)
}

/// Words that give someone the floor: "Go ahead, Farid." / "Yes, Odile."
const FLOOR_WORDS: &[&str] =
    &["go ahead", "yes", "please", "sure", "okay", "ok", "all right", "you", "and", "next", "over to you", "great"];

fn outlet_or_reporter(name: &str, outlet: Option<String>) -> HandOff {
    if outlet.is_none() && OUTLETS.contains(&name) {
        HandOff::Outlet(name.to_owned())
    } else {
        HandOff::reporter(name, outlet)
    }
}

/// Greetings a reporter opens with before naming themselves.
const GREETINGS: &[&str] = &[
    "Hi",
    "Hello",
    "Hey",
    "Yes",
    "Yeah",
    "Thanks",
    "Thank you",
    "Good morning",
    "Good afternoon",
    "Good evening",
    "Oh",
    "Sure",
    "Great",
];

/// A reporter naming themselves at the start of a question: "Hi, Gemma Lutz
/// with Northline Radio.", "Thank you. Kenji Mori here.", "Tajiri, Kyodo News."
pub fn self_introduction(text: &str) -> Option<HandOff> {
    // "(As interpreted.) Hi, I'm …": the interpreter's note is not the reporter's words.
    let text = match super::directions::leading_direction(text.trim_start()) {
        Some(len) => &text.trim_start()[len..],
        None => text,
    };
    let head = text.get(..crate::text::floor_char_boundary(text, 200))?;
    for sentence in sentences(head).into_iter().take(3) {
        let mut rest = sentence;
        loop {
            let before = rest;
            for g in GREETINGS {
                if let Some(r) = rest.strip_prefix(g).filter(|r| r.starts_with([',', '.', ' ', '!'])) {
                    rest = r.trim_start_matches([',', '.', '!', ' ']);
                }
            }
            if rest == before {
                break;
            }
        }
        // Only what is left after the greeting: a vocative ("Mr. Secretary.") is not a name.
        let rest = ["this is ", "it's ", "it’s ", "I'm ", "I’m ", "I am ", "My name is ", "my name is "]
            .iter()
            .find_map(|p| rest.strip_prefix(p))
            .unwrap_or(rest);
        if let Some(found) = introduced(rest) {
            return Some(found);
        }
    }
    None
}

/// `Name with Outlet`, `Name here`, `Name, Outlet`.
fn introduced(rest: &str) -> Option<HandOff> {
    let name = leading_name(rest)?;
    if NOT_NAMES.iter().any(|w| name.strip_prefix(w).is_some_and(|r| r.starts_with(' '))) || name.ends_with(" here") {
        return None;
    }
    let after = after_words(rest, name.split(' ').count());
    let two_words = name.contains(' ');
    // "Tove Lindqvist with the Ledger", or set apart: "Tove Lindqvist, with the Ledger".
    if let Some(outlet) = outlet_after(after).or_else(|| after.strip_prefix(", ").and_then(outlet_after)) {
        return two_words.then(|| HandOff::reporter(&name, Some(outlet)));
    }
    if after.starts_with("here") {
        return two_words.then(|| HandOff::reporter(&name, None));
    }
    // "Tajiri, Kyodo News." / "Nadia Bilbassy-Charters, Al Arabiya."
    let outlet = after.strip_prefix(", ").and_then(|o| {
        let words: Vec<&str> = o.split_whitespace().take(4).collect();
        let end = words.iter().position(|w| w.ends_with(['.', ',']))?;
        let outlet = words[..=end].join(" ");
        let outlet = outlet.trim_end_matches(['.', ',']);
        let all_caps_words = words[..=end].iter().all(|w| w.chars().next().is_some_and(char::is_uppercase));
        (all_caps_words && !outlet.is_empty()).then(|| outlet.to_owned())
    })?;
    Some(HandOff::reporter(&name, Some(outlet)))
}

/// Whether an official's words ask who the reporter is ("Who are you with?"):
/// the reporter's answer then names whoever has been pressing the questions.
pub fn asks_who(text: &str) -> bool {
    let lower = text.to_lowercase().replace('’', "'");
    [
        "who are you with",
        "who are you?",
        "who is that?",
        "who's that?",
        "who is this?",
        "where are you from?",
        "what's your name",
        "what is your name",
        "who do you work for",
        "what outlet",
        "which outlet",
        "who's asking",
        "who is asking",
    ]
    .iter()
    .any(|p| lower.contains(p))
}

/// The reporter an answer names in passing, near its start: "Difficult to
/// know, Steve.", "Thanks, Nadia.", "I'd just add, Gordon —".
pub fn named_in_answer(text: &str) -> Option<String> {
    let head = &text[..crate::text::floor_char_boundary(text, 240)];
    for sentence in sentences(head).into_iter().take(2) {
        let body = sentence.trim_end_matches(['.', '?', '!', '—', ' ']);
        let mut pieces = body.split(", ");
        let first = pieces.next()?;
        for piece in pieces {
            let name = piece.split([' ', '—', '.', '?', '!']).next().unwrap_or("");
            let rest = piece[name.len()..].trim_start();
            let ends = rest.is_empty() || rest.starts_with(['—', '-']);
            if ends && name.len() > 1 && name_word(name) && name.chars().all(char::is_alphabetic) {
                return Some(name.to_owned());
            }
        }
        let _ = first;
    }
    None
}

#[cfg(test)]
mod tests;
