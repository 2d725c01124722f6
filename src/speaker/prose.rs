//! Quotes attributed in news prose: `“…,” Daskal said`, `said Vanda
//! Felbab-Brown, a senior fellow`, `according to X`, `she said`, reported
//! speech, a quote that runs on into the next paragraph, a paragraph
//! introduced by a colon, and a lead that quotes someone named only later.
//!
//! Work is per sentence: a sentence with a speech verb outside its quotes
//! belongs to the verb's subject; a quote with no verb of its own belongs to
//! the paragraph's speaker or to the quote it continues; other sentences are
//! narration.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::registry::{Gender, Registry};
use super::transcript::Unit;
use super::{Passage, PassageKind, SpeakerId, names};
use crate::text::ByteRange;

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "noted",
    "notes",
    "explained",
    "wrote",
    "writes",
    "argued",
    "argues",
    "warned",
    "warns",
    "stated",
    "insisted",
    "recalled",
    "acknowledged",
    "replied",
    "answered",
    "declared",
    "stressed",
    "emphasized",
    "emphasised",
    "observed",
    "asked",
    "continued",
    "complained",
    "conceded",
    "predicted",
    "cautioned",
    "according to",
    "recounted",
    "admitted",
    "remarked",
    "announced",
    "disagreed",
    "agreed",
    "countered",
    "responded",
    "objected",
    "joked",
    "quipped",
    "tweeted",
    "posted",
    "called",
    "described",
    "dubbed",
    "termed",
];

static VERB_FINDER: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(SPEECH_VERBS).expect("the verb list builds"));

/// Verbs that attribute only when a quote follows them: `called the project “a blank check”`.
const QUOTE_VERBS: &[&str] = &["called", "described", "dubbed", "termed"];

/// Capitalised words that begin sentences or clauses, never names.
const STOP_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "But",
    "And",
    "Or",
    "So",
    "Then",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "At",
    "For",
    "With",
    "As",
    "When",
    "While",
    "Since",
    "After",
    "Before",
    "Still",
    "Yet",
    "Also",
    "However",
    "Meanwhile",
    "If",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Your",
    "There",
    "Here",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Which",
    "Instead",
    "Among",
    "Speaking",
    "According",
    "Of",
    "By",
    "From",
    "To",
    "Asked",
    "Now",
    "Today",
    "Yesterday",
    "Last",
    "Next",
    "Both",
    "Each",
    "Many",
    "Some",
    "Most",
    "One",
    "Two",
    "Three",
    "Even",
    "Only",
    "Just",
    "Later",
    "Earlier",
    "Despite",
    "Although",
    "Though",
    "Because",
    "Until",
    "Unless",
    "During",
    "Under",
    "Over",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Thank",
    "Thanks",
    "Yes",
    "No",
    "Well",
    "Our",
    "Let",
    "Not",
    "Let’s",
    "Let's",
];

/// Words of titles and offices that precede a name: `Minister … Wang Xiaohong`.
const ROLE_WORDS: &[&str] = &[
    "Minister",
    "President",
    "Secretary",
    "Director",
    "Deputy",
    "Chief",
    "Officer",
    "Spokesperson",
    "Spokesman",
    "Spokeswoman",
    "Adviser",
    "Advisor",
    "Ambassador",
    "Senator",
    "Sen.",
    "Rep.",
    "Representative",
    "Governor",
    "Gov.",
    "Mayor",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Commissioner",
    "General",
    "Gen.",
    "Admiral",
    "Professor",
    "Prof.",
    "Dr.",
    "Judge",
    "Justice",
    "Attorney",
    "Prime",
    "Foreign",
    "Public",
    "Security",
    "Affairs",
    "Department",
    "Ministry",
    "Bureau",
    "Agency",
    "Office",
    "Council",
    "Committee",
    "State",
    "National",
    "Interior",
    "Defense",
    "Defence",
    "Health",
    "Water",
    "Resources",
    "Environment",
    "Energy",
    "Finance",
    "Trade",
    "Economy",
    "Mr.",
    "Ms.",
    "Mrs.",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Vice",
    "Executive",
    "Senior",
    "Fellow",
    "Analyst",
    "Negotiator",
    "Envoy",
    "Head",
    "Leader",
    "Founder",
    "CEO",
    "Captain",
    "Sergeant",
    "Inspector",
    "Superintendent",
    "Coach",
    "Pastor",
    "Rev.",
    "Father",
    "Sister",
    "Chancellor",
    "Premier",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Bishop",
];

/// Head nouns of descriptions that speak for a person or an organisation.
const PERSON_NOUNS: &[&str] = &[
    "head",
    "official",
    "adviser",
    "advisor",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "negotiator",
    "envoy",
    "diplomat",
    "chief",
    "director",
    "secretary",
    "ambassador",
    "officer",
    "leader",
    "member",
    "aide",
    "source",
    "analyst",
    "expert",
    "researcher",
    "engineer",
    "lawyer",
    "attorney",
    "resident",
    "farmer",
    "worker",
    "patron",
    "parent",
    "teacher",
    "student",
    "voter",
    "owner",
    "neighbor",
    "neighbour",
    "customer",
    "volunteer",
    "activist",
    "witness",
    "victim",
    "doctor",
    "nurse",
    "scientist",
    "professor",
    "economist",
    "historian",
    "lawmaker",
    "legislator",
    "organizer",
    "organiser",
    "founder",
    "president",
    "manager",
    "mother",
    "father",
    "driver",
    "fisherman",
    "librarian",
    "chairman",
    "chairwoman",
    "commissioner",
    "trustee",
];
const ORGANISATION_NOUNS: &[&str] = &[
    "company",
    "ministry",
    "department",
    "agency",
    "government",
    "office",
    "embassy",
    "police",
    "firm",
    "group",
    "organization",
    "organisation",
    "commission",
    "council",
    "administration",
    "campaign",
    "union",
    "board",
    "authority",
    "court",
    "military",
    "army",
    "statement",
    "spokesperson's",
    "bank",
    "university",
    "hospital",
];

#[must_use]
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

fn is_role_word(word: &str) -> bool {
    ROLE_WORDS.contains(&word)
}

/// Who a speech verb points at.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Subject {
    Name { name: String, gender: Gender },
    Pronoun(Gender),
    Description { text: String, person: bool },
}

/// State carried from paragraph to paragraph.
#[derive(Debug, Default)]
pub struct State {
    /// Speakers by recency, most recent last.
    recent: Vec<SpeakerId>,
    /// A quote left open at the end of the last paragraph, and whose it is.
    open_quote: Option<SpeakerId>,
    /// The last paragraph ended with a colon after naming this speaker.
    colon_speaker: Option<SpeakerId>,
    /// The speaker of the last attributed paragraph.
    last_speaker: Option<SpeakerId>,
    /// Whether a word is capitalised somewhere other than a sentence start (a name, not "Critics").
    proper_nouns: Option<std::collections::HashSet<String>>,
}

/// Every word capitalised in the middle of a sentence somewhere in `text`:
/// names, not sentence starts. Built once, in one pass, when first needed.
fn proper_nouns(text: &str) -> std::collections::HashSet<String> {
    let mut found = std::collections::HashSet::new();
    for line in text.lines() {
        let mut previous: Option<&str> = None;
        for word in line.split_whitespace() {
            let starts_sentence = previous.is_none_or(|p| p.ends_with(['.', '!', '?', '"', '“', '”', ':', '—']));
            if !starts_sentence && capitalised(word) {
                found.insert(clean_word(word).to_owned());
            }
            previous = Some(word);
        }
    }
    found
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '“' | '„' | '«')
}
fn is_closing_quote(c: char) -> bool {
    matches!(c, '”' | '»')
}

/// Quote spans of `s` (relative **byte** ranges, marks included); a span left
/// open runs to the end. Also whether the last span was left open.
fn quote_spans(s: &str) -> (Vec<(usize, usize)>, bool) {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let mut previous = ' ';
    for (i, c) in s.char_indices() {
        match (open, c) {
            (None, c) if is_opening_quote(c) => open = Some(i),
            (None, '"')
                if previous.is_whitespace() || matches!(previous, '(' | '[' | '—' | '–' | ':' | ',') || i == 0 =>
            {
                open = Some(i);
            }
            (Some(start), c) if is_closing_quote(c) || c == '"' => {
                spans.push((start, i + c.len_utf8()));
                open = None;
            }
            _ => {}
        }
        previous = c;
    }
    let unclosed = open.is_some();
    if let Some(start) = open {
        spans.push((start, s.len()));
    }
    (spans, unclosed)
}

fn inside(spans: &[(usize, usize)], at: usize) -> bool {
    spans.iter().any(|(s, e)| *s <= at && at < *e)
}

const ABBREVIATIONS: &[&str] = &[
    "Mr", "Ms", "Mrs", "Dr", "St", "Jr", "Sr", "Gen", "Gov", "Sen", "Rep", "Inc", "Corp", "Co", "Ltd", "No", "vs",
    "etc", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Prof", "Rev", "Lt", "Col", "Capt",
];

/// Sentence ranges (relative **bytes**) of `s`; quotes are never split.
fn sentences(s: &str, spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    for (i, c) in s.char_indices() {
        // A quote's last sentence ends the sentence around it too: `… in salt water.” His colleague …`.
        let after_mark = i + c.len_utf8();
        let closes_quote = s[after_mark..]
            .chars()
            .next()
            .filter(|q| is_closing_quote(*q) || *q == '"')
            .is_some_and(|q| spans.iter().any(|(_, e)| *e == after_mark + q.len_utf8()));
        if !matches!(c, '.' | '?' | '!' | ';' | '。' | '？' | '！') || (inside(spans, i) && !closes_quote) {
            continue;
        }
        let mut end = i + c.len_utf8();
        // Closing quotes and brackets belong to the sentence they close.
        while let Some(next) = s[end..].chars().next() {
            if is_closing_quote(next) || matches!(next, '"' | ')' | '’') {
                end += next.len_utf8();
            } else {
                break;
            }
        }
        let rest = &s[end..];
        let cjk = !c.is_ascii();
        let Some(next_word_start) = rest.find(|c: char| !c.is_whitespace()) else {
            continue;
        };
        if next_word_start == 0 && !cjk {
            continue;
        }
        if c == '.' {
            let word_before = s[start..i].rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
            let next_word: &str = rest[next_word_start..].split_whitespace().next().unwrap_or("");
            let initials =
                word_before.contains('.') || (word_before.len() == 1 && word_before.chars().all(char::is_uppercase));
            if ABBREVIATIONS.contains(&word_before)
                || (initials && !is_stop_word(next_word.trim_matches(|c: char| !c.is_alphanumeric())))
            {
                continue;
            }
            let first = rest[next_word_start..].chars().next().unwrap_or(' ');
            if !(first.is_uppercase() || is_opening_quote(first) || first == '"' || first.is_numeric()) {
                continue;
            }
        }
        let _ = bytes;
        out.push((start, end));
        start = end + next_word_start;
    }
    if start < s.len() {
        out.push((start, s.len()));
    }
    out
}

fn clean_word(word: &str) -> &str {
    word.trim_matches(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.')))
        .trim_end_matches(['.', '\'', '’'])
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// `HOLLOWAY` or `ADVISORY`: shouting case, from headings and labels, not prose names.
fn all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

fn honorific_gender(word: &str) -> Gender {
    match word.trim_end_matches('.') {
        "Mr" | "Sir" | "Lord" | "King" | "Prince" | "Father" => Gender::Male,
        "Ms" | "Mrs" | "Miss" | "Dame" | "Lady" | "Queen" | "Princess" | "Sister" => Gender::Female,
        _ => Gender::Unknown,
    }
}

/// The name at the end of a clause: the last run of capitalised words, cut
/// at the first title or office word (`Minister of Public Security Wang Xiaohong` → `Wang Xiaohong`).
fn trailing_name(segment: &str) -> Option<(String, Gender)> {
    let words: Vec<&str> = segment.split_whitespace().collect();
    let mut run: Vec<&str> = Vec::new();
    let mut gender = Gender::Unknown;
    let mut index = words.len();
    while index > 0 {
        index -= 1;
        let raw = words[index];
        let word = clean_word(raw);
        if word.is_empty() {
            break;
        }
        if capitalised(word) && !is_stop_word(word) && !is_role_word(word) && !is_role_word(raw) && run.len() < 7 {
            if !run.is_empty() && raw.ends_with(',') {
                break;
            }
            run.push(word);
            continue;
        }
        if run.is_empty() {
            break;
        }
        // "Friends of the Millrace Library": an organisation's name runs across "of the".
        if matches!(word, "of" | "for" | "and" | "the") {
            let mut first = index;
            while first > 0 && matches!(clean_word(words[first - 1]), "of" | "for" | "and" | "the") {
                first -= 1;
            }
            if first > 0 {
                let before_raw = words[first - 1];
                let before = clean_word(before_raw);
                let organisation = capitalised(before)
                    && !is_stop_word(before)
                    && !is_role_word(before)
                    && !is_role_word(before_raw)
                    && !before_raw.ends_with(',');
                if organisation {
                    run.extend(words[first..=index].iter().rev().map(|w| clean_word(w)));
                    index = first;
                    continue;
                }
            }
        }
        gender = honorific_gender(word);
        // "Minister of Meruvia Wang Lihua": the first word closes the office's name.
        if run.len() >= 3 && matches!(word, "of" | "for" | "at") {
            run.pop();
        }
        break;
    }
    if run.is_empty() || (run.len() >= 2 && run.iter().all(|w| all_caps(w))) {
        return None;
    }
    run.reverse();
    Some((run.join(" "), gender))
}

/// The name at the start of a clause: `Vanda Felbab-Brown, a senior fellow` → `Vanda Felbab-Brown`.
fn leading_name(segment: &str) -> Option<(String, Gender)> {
    let mut run = Vec::new();
    let mut gender = Gender::Unknown;
    let words: Vec<&str> = segment.split_whitespace().collect();
    // "the Centre for Disease Control": an organisation's name.
    let mut skip = usize::from(words.len() > 1 && words[0] == "the" && capitalised(clean_word(words[1])));
    // "said board president Desmond Achterberg": lowercase titles before the name.
    let lowercase = words
        .iter()
        .take(3)
        .take_while(|w| w.chars().next().is_some_and(char::is_lowercase) && !w.ends_with(','))
        .count();
    if skip == 0
        && (1..3).contains(&lowercase)
        && !matches!(words[0], "a" | "an" | "the")
        && words.get(lowercase).is_some_and(|w| capitalised(clean_word(w)))
    {
        skip = lowercase;
    }
    for (i, raw) in words.iter().enumerate().skip(skip) {
        let word = clean_word(raw);
        if run.is_empty() && is_role_word(raw) {
            gender = honorific_gender(word);
            continue;
        }
        let connector = !run.is_empty()
            && matches!(word, "of" | "for" | "and" | "on")
            && words.get(i + 1).is_some_and(|w| capitalised(clean_word(w)));
        if connector {
            run.push(word);
            continue;
        }
        if !capitalised(word) || is_stop_word(word) || run.len() >= 6 {
            break;
        }
        run.push(word);
        if raw.ends_with([',', '.', ';', ':']) || raw.ends_with("’s") {
            break;
        }
    }
    let shouting = run.len() >= 2 && run.iter().all(|w| all_caps(w));
    (!run.is_empty() && !shouting).then(|| (run.join(" "), gender))
}

fn pronoun(word: &str) -> Option<Gender> {
    match word.to_lowercase().as_str() {
        "she" => Some(Gender::Female),
        "he" => Some(Gender::Male),
        "they" => Some(Gender::Unknown),
        _ => None,
    }
}

/// A description such as `the head of the U.S. delegation` or `the company`.
fn description(segment: &str) -> Option<Subject> {
    let mut text = segment.trim().trim_end_matches(',').trim();
    // "though one negotiator warned": the conjunction is not part of who.
    for lead in ["though ", "although ", "but ", "and ", "while ", "as ", "yet ", "so "] {
        if let Some(rest) = text.strip_prefix(lead) {
            text = rest;
            break;
        }
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    if words.is_empty() || words.len() > 10 || !matches!(words[0], "the" | "a" | "an" | "one") {
        return None;
    }
    let head_words = words
        .iter()
        .take_while(|w| !matches!(**w, "of" | "for" | "at" | "in" | "with" | "who"))
        .copied()
        .collect::<Vec<_>>();
    let person = head_words.iter().any(|w| PERSON_NOUNS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())));
    let organisation =
        head_words.iter().any(|w| ORGANISATION_NOUNS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())));
    // Plural descriptions ("officials say") are not one speaker.
    let plural = head_words
        .last()
        .is_some_and(|w| w.ends_with('s') && !w.ends_with("ss") && !ORGANISATION_NOUNS.contains(w) && *w != "news");
    ((person || organisation) && !plural).then(|| Subject::Description { text: text.to_owned(), person })
}

/// The subject of the clause right before a speech verb.
fn subject_before(clause: &str) -> Option<Subject> {
    let clause = clause.trim_end();
    // "X, a senior fellow at Y, said": the part after the last comma is an appositive.
    let appositive = clause.ends_with(',');
    let segments: Vec<&str> = clause.split([',', ';', '—', '–']).map(str::trim).filter(|s| !s.is_empty()).collect();
    let last = segments.last()?;
    let last_word = last.split_whitespace().next_back()?;
    if let Some(gender) = pronoun(clean_word(last_word)) {
        return Some(Subject::Pronoun(gender));
    }
    if !appositive {
        if let Some((name, gender)) = trailing_name(last) {
            return Some(Subject::Name { name, gender });
        }
        return description(last);
    }
    // "X, a senior fellow, said" and "a board member, X, said": the name is in one of the last parts.
    for segment in segments.iter().rev().take(3) {
        // "a spokeswoman for the Larkin Falls Public Library" describes the name before it.
        let describes =
            ["a ", "an ", "the ", "who ", "whose ", "which ", "one of "].iter().any(|p| segment.starts_with(p));
        if describes {
            continue;
        }
        if let Some((name, gender)) = trailing_name(segment) {
            return Some(Subject::Name { name, gender });
        }
    }
    description(segments.iter().rev().nth(1).unwrap_or(last))
}

/// The subject right after a speech verb: `said Vanda Felbab-Brown, …`, `said she`.
fn subject_after(rest: &str) -> Option<Subject> {
    let rest = rest.trim_start();
    let first = rest.split_whitespace().next()?;
    if let Some(gender) = pronoun(clean_word(first)) {
        return Some(Subject::Pronoun(gender));
    }
    if let Some((name, gender)) = leading_name(rest) {
        return Some(Subject::Name { name, gender });
    }
    let phrase = rest.split([',', '.', ';', '“', '"']).next().unwrap_or("");
    description(phrase)
}

/// Finds the speech verb of a sentence and its subject, outside quotes.
fn attribution(sentence: &str, spans: &[(usize, usize)]) -> Option<Subject> {
    // Verbs match in lowercase only: "Says Goodbye" in a headline is not speech.
    let lower = sentence.replacen("According to", "according to", 1);
    let mut best: Option<(usize, Subject)> = None;
    {
        for m in VERB_FINDER.find_overlapping_iter(&lower) {
            let (verb, at) = (&SPEECH_VERBS[m.pattern().as_usize()], m.start());
            let end = at + verb.len();
            let bounded = lower[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
                && lower[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if !bounded || inside(spans, at) || !sentence.is_char_boundary(at) || !sentence.is_char_boundary(end) {
                continue;
            }
            let clause_start = spans.iter().filter(|(_, e)| *e <= at).map(|(_, e)| *e).max().unwrap_or(0);
            let before = &sentence[clause_start..at];
            let clause_end = spans.iter().filter(|(s, _)| *s >= end).map(|(s, _)| *s).min().unwrap_or(sentence.len());
            let after = &sentence[end..clause_end];
            if QUOTE_VERBS.contains(verb) && !spans.iter().any(|(s, _)| *s >= end && *s <= end + 40) {
                continue;
            }
            let subject = if *verb == "according to" {
                subject_after(after)
            } else {
                let before_subject = if before.trim().is_empty() { None } else { subject_before(before) };
                before_subject.or_else(|| subject_after(after))
            };
            // "say" needs a named or described subject: "U.S. officials say" is plural.
            if let Some(subject) = subject
                && best.as_ref().is_none_or(|(b, _)| at < *b)
            {
                best = Some((at, subject));
            }
        }
    }
    if best.is_none() {
        // "His colleague Joan Fitzwilliam-Day disagreed: “…”" — a quote introduced by a colon.
        for (start, _) in spans {
            let before = sentence[..*start].trim_end();
            if let Some(clause) = before.strip_suffix(':') {
                let clause_start =
                    spans.iter().filter(|(_, e)| *e <= *start).map(|(_, e)| *e).max().unwrap_or(0).min(clause.len());
                // The clause's subject when it opens with a name ("Tomas Verhulst, who …, was blunter:"),
                // or else the name in it ("His colleague Joan Fitzwilliam-Day disagreed:").
                let clause = &clause[clause_start..];
                let opening = leading_name(clause.trim_start()).map(|(name, gender)| Subject::Name { name, gender });
                if let Some(subject) = opening.or_else(|| any_name(clause)) {
                    return Some(subject);
                }
            }
        }
    }
    best.map(|(_, s)| s)
}

/// The last name anywhere in a clause: `His colleague Joan Fitzwilliam-Day disagreed` → `Joan Fitzwilliam-Day`.
fn any_name(clause: &str) -> Option<Subject> {
    let words: Vec<&str> = clause.split_whitespace().collect();
    if let Some(gender) = words.first().and_then(|w| pronoun(clean_word(w))) {
        return Some(Subject::Pronoun(gender));
    }
    for end in (1..=words.len()).rev() {
        if words[end - 1].ends_with("’s") || words[end - 1].ends_with("'s") {
            continue;
        }
        let word = clean_word(words[end - 1]);
        if capitalised(word) && !is_stop_word(word) && !is_role_word(word) {
            return trailing_name(&words[..end].join(" ")).map(|(name, gender)| Subject::Name { name, gender });
        }
    }
    None
}

/// Full names set off by commas: "one of the founders, Constance Abernethy-Roe, plans" — people a
/// later `she said` may point back to.
fn appositive_names(sentence: &str, spans: &[(usize, usize)]) -> Vec<(String, Gender)> {
    sentence
        .match_indices(',')
        .filter(|(at, _)| !inside(spans, *at))
        .filter_map(|(at, _)| {
            let (name, gender) = trailing_name(&sentence[..at])?;
            // "On Lake Vesper," is a place.
            let before = sentence[..at].trim_end().strip_suffix(name.as_str()).unwrap_or("");
            let preposition = before.split_whitespace().next_back().is_some_and(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "on" | "in"
                        | "at"
                        | "from"
                        | "to"
                        | "of"
                        | "near"
                        | "across"
                        | "into"
                        | "over"
                        | "under"
                        | "through"
                        | "by"
                )
            });
            (name.split(' ').count() >= 2 && !preposition).then_some((name, gender))
        })
        .collect()
}

/// Resolves a subject to a speaker, creating one if new.
fn resolve(subject: &Subject, text: &str, state: &mut State, registry: &mut Registry) -> Option<SpeakerId> {
    let id = match subject {
        Subject::Pronoun(gender) => {
            let found = state.recent.iter().rev().copied().find(|id| {
                let entry = registry.entry(*id);
                !entry.description
                    && (entry.gender == *gender || entry.gender == Gender::Unknown || *gender == Gender::Unknown)
            })?;
            if *gender != Gender::Unknown && registry.entry(found).gender == Gender::Unknown {
                registry.entry_mut(found).gender = *gender;
            }
            found
        }
        Subject::Name { name, gender } => {
            let key = names::key(name);
            let known = registry.lookup(&key).or_else(|| {
                // A surname (or a Chinese family name) after the full name: most recent match.
                let words: Vec<&str> = key.split(' ').collect();
                state.recent.iter().rev().copied().find(|id| {
                    let entry_key = names::key(&registry.entry(*id).name);
                    let entry_words: Vec<&str> = entry_key.split(' ').collect();
                    (words.len() == 1
                        && entry_words.len() > 1
                        && (entry_words.first() == Some(&words[0]) || entry_words.last() == Some(&words[0])))
                        || (words.len() > 1 && entry_words.len() == 1 && words.last() == entry_words.first())
                })
            });
            // One capitalised word that is never capitalised mid-sentence is a common noun: "Critics say".
            if known.is_none()
                && !key.contains(' ')
                && !state.proper_nouns.get_or_insert_with(|| proper_nouns(text)).contains(name.as_str())
            {
                return None;
            }
            let id = match known {
                Some(id) if names::key(&registry.entry(id).name).split(' ').count() < key.split(' ').count() => {
                    // The full name arrived after a short form: it becomes the canonical name.
                    registry.rename(id, name);
                    id
                }
                Some(id) => {
                    registry.add_alias(id, name);
                    id
                }
                None => registry.intern(name, None),
            };
            if *gender != Gender::Unknown {
                registry.entry_mut(id).gender = *gender;
            }
            id
        }
        Subject::Description { text, .. } => {
            // "a statement from the ministry" is the ministry; "the ministry" after "the Finance Ministry said" is it.
            let text = ["a statement from ", "a statement by ", "the statement from "]
                .iter()
                .find_map(|p| text.strip_prefix(p))
                .unwrap_or(text);
            let noun = text.rsplit(' ').next().unwrap_or(text).to_lowercase();
            let known = state.recent.iter().rev().copied().find(|id| {
                let entry = registry.entry(*id);
                !entry.description && entry.name.rsplit(' ').next().is_some_and(|last| last.to_lowercase() == noun)
            });
            if let Some(id) = known {
                state.recent.retain(|r| *r != id);
                state.recent.push(id);
                return Some(id);
            }
            let mut name = text.to_owned();
            if let Some(first) = name.get(..1) {
                name.replace_range(..1, &first.to_uppercase());
            }
            let id = registry.intern(&name, None);
            registry.entry_mut(id).description = true;
            id
        }
    };
    state.recent.retain(|r| *r != id);
    state.recent.push(id);
    Some(id)
}

/// Attributes the sentences of one prose unit, appending passages.
pub fn attribute(text: &str, unit: &Unit, state: &mut State, registry: &mut Registry, passages: &mut Vec<Passage>) {
    let s = unit.range.slice(text);
    let (spans, unclosed) = quote_spans(s);
    let starts_with_quote = s.trim_start().starts_with(|c: char| is_opening_quote(c) || c == '"');
    let carried = if starts_with_quote { state.open_quote.or(state.colon_speaker) } else { None };

    let mut found: Vec<(usize, usize, Option<SpeakerId>, f32, bool)> = Vec::new();
    for (start, end) in sentences(s, &spans) {
        let sentence = &s[start..end];
        let local: Vec<(usize, usize)> = spans
            .iter()
            .filter(|(a, b)| *a < end && *b > start)
            .map(|(a, b)| ((*a).max(start) - start, (*b).min(end) - start))
            .collect();
        let has_quote = !local.is_empty();
        let (speaker, confidence) = match attribution(sentence, &local) {
            Some(subject) => {
                let confidence = match (&subject, has_quote) {
                    (Subject::Name { .. }, true) => 0.95,
                    (Subject::Pronoun(_), true) => 0.85,
                    (Subject::Name { .. }, false) => 0.75,
                    (Subject::Pronoun(_), false) => 0.7,
                    (Subject::Description { .. }, _) => 0.6,
                };
                (resolve(&subject, text, state, registry), confidence)
            }
            None => {
                for (name, gender) in appositive_names(sentence, &local) {
                    resolve(&Subject::Name { name, gender }, text, state, registry);
                }
                (None, 0.0)
            }
        };
        found.push((start, end, speaker, confidence, has_quote));
    }
    // Quotes with no verb of their own: the paragraph's one speaker, or the quote they continue.
    let unit_speakers: Vec<SpeakerId> = {
        let mut v: Vec<SpeakerId> = found.iter().filter_map(|f| f.2).collect();
        v.dedup();
        v
    };
    for (i, f) in found.iter_mut().enumerate() {
        if f.2.is_some() || !f.4 {
            continue;
        }
        if i == 0 && carried.is_some() {
            f.2 = carried;
            f.3 = 0.8;
        } else if let [only] = unit_speakers[..] {
            f.2 = Some(only);
            f.3 = 0.8;
        } else if i == 0 && starts_with_quote && state.last_speaker.is_some() {
            f.2 = state.last_speaker;
            f.3 = 0.6;
        }
    }

    let last = found.last().map(|f| f.2);
    state.open_quote = if unclosed { last.flatten() } else { None };
    state.colon_speaker = if s.trim_end().ends_with(':') {
        // "Osei addressed that criticism directly:" introduces the next paragraph's quote.
        last.flatten().or(unit_speakers.last().copied()).or_else(|| {
            let (start, end) = found.last().map(|f| (f.0, f.1))?;
            let subject = any_name(s[start..end].trim_end().trim_end_matches(':'))?;
            resolve(&subject, text, state, registry)
        })
    } else {
        None
    };
    if let Some(speaker) = found.iter().rev().find_map(|f| f.2) {
        state.last_speaker = Some(speaker);
    } else if !s.trim().is_empty() {
        state.last_speaker = None;
    }

    // Neighbouring sentences with the same speaker form one passage; the gaps between sentences join the earlier one.
    let mut merged: Vec<(usize, usize, Option<SpeakerId>, f32)> = Vec::new();
    for (start, end, speaker, confidence, _) in found {
        match merged.last_mut() {
            Some(last) if last.2 == speaker => {
                last.1 = end;
                last.3 = last.3.min(confidence);
            }
            Some(last) => {
                last.1 = start;
                merged.push((start, end, speaker, confidence));
            }
            None => merged.push((0, end, speaker, confidence)),
        }
    }
    if let Some(last) = merged.last_mut() {
        last.1 = s.len();
    }
    for (start, end, speaker, confidence) in merged {
        let range = ByteRange::new(unit.range.start + start, unit.range.start + end);
        let trimmed = range.slice(text).trim_end().len();
        let range = ByteRange::new(range.start, range.start + trimmed);
        if range.is_empty() {
            continue;
        }
        let kind = if speaker.is_some() { PassageKind::Quote } else { PassageKind::Narration };
        let confidence = if speaker.is_some() { confidence } else { 1.0 };
        passages.push(Passage { kind, range, label: None, speaker, confidence, block: unit.block, turn_start: false });
    }
}

/// How many passages after a description's quote may repeat it.
const QUOTE_ECHO_WINDOW: usize = 40;

/// Quoted strings of a passage, at least three words each.
fn quotes_of(text: &str) -> Vec<String> {
    let (spans, _) = quote_spans(text);
    spans
        .iter()
        .map(|(s, e)| text[*s..*e].trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|q| q.split_whitespace().count() >= 3)
        .collect()
}

/// A description that quotes words a named person says later is that person
/// (a lead quoting "the head of the delegation" before naming her); a
/// description of a person followed closely by a newly named speaker is them.
pub fn resolve_descriptions(text: &str, registry: &mut Registry, passages: &mut [Passage]) {
    let n = passages.len();
    for i in 0..n {
        let Some(id) = passages[i].speaker else {
            continue;
        };
        let entry = registry.entry(id);
        if !entry.description {
            continue;
        }
        let person =
            PERSON_NOUNS.iter().any(|noun| entry.name.to_lowercase().split_whitespace().take(4).any(|w| w == *noun));
        let quotes = quotes_of(passages[i].range.slice(text));
        let mut target = None;
        // A lead's quote comes back within the next few paragraphs; looking further would make this quadratic.
        let window = if quotes.is_empty() { 0 } else { QUOTE_ECHO_WINDOW };
        for later in passages.iter().skip(i + 1).take(window) {
            let Some(other) = later.speaker else { continue };
            if registry.entry(other).description {
                continue;
            }
            let later_text = later.range.slice(text).to_lowercase();
            if quotes.iter().any(|q| later_text.contains(q.as_str())) {
                target = Some(other);
                break;
            }
        }
        if target.is_none() && person {
            let block = passages[i].block;
            target = passages
                .iter()
                .skip(i + 1)
                .take_while(|p| p.block <= block + 2)
                .filter_map(|p| p.speaker)
                .find(|other| !registry.entry(*other).description && *other != id);
        }
        if let Some(target) = target {
            registry.merge(id, target);
        }
    }
    for p in passages.iter_mut() {
        p.speaker = p.speaker.map(|id| registry.resolve(id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(sentence: &str) -> Option<Subject> {
        let (spans, _) = quote_spans(sentence);
        attribution(sentence, &spans)
    }

    #[allow(clippy::unnecessary_wraps, reason = "table rows compare against `Option<Subject>`")]
    fn named(name: &str) -> Option<Subject> {
        Some(Subject::Name { name: name.into(), gender: Gender::Unknown })
    }

    #[test]
    fn finds_the_speaker_of_a_sentence() {
        let cases: &[(&str, Option<Subject>)] = &[
            ("“We will try,” Okafor said.", named("Okafor")),
            ("Lena Marsh said, “It is done.”", named("Lena Marsh")),
            ("“It is done,” said Vanda Reyes-Holt, a senior fellow at the Institute.", named("Vanda Reyes-Holt")),
            ("Jen Orlova, a deputy adviser, said in an interview that talks went well.", named("Jen Orlova")),
            (
                "Speaking on Tuesday, Interior Minister of Meruvia Wang Lihua said the plan “will hold.”",
                named("Wang Lihua"),
            ),
            ("“We might see pullback,” she said.", Some(Subject::Pronoun(Gender::Female))),
            ("But the question, he said, is how much.", Some(Subject::Pronoun(Gender::Male))),
            ("Deaths rose, according to the Centre for Disease Control.", named("Centre for Disease Control")),
            (
                "The talks stalled, the ministry said in a statement.",
                Some(Subject::Description { text: "the ministry".into(), person: false }),
            ),
            (
                "“A step forward,” the head of the U.S. delegation said.",
                Some(Subject::Description { text: "the head of the U.S. delegation".into(), person: true }),
            ),
            ("Instead, U.S. officials say, the source is abroad.", None),
            ("The river has long been a source of tension.", None),
            ("“Said and done” is a phrase.", None),
            ("“水は命だ，”李明说。", None),
            ("“Great news 🎉,” Ana Ruiz told the Daily Meridian.", named("Ana Ruiz")),
        ];
        for (sentence, want) in cases {
            assert_eq!(subject(sentence), *want, "{sentence:?}");
        }
    }

    #[test]
    fn sentences_split_outside_quotes_and_abbreviations() {
        let cases: &[(&str, usize)] = &[
            ("One. Two. Three.", 3),
            ("“It works. It really does,” she said. Then she left.", 2),
            ("Mr. Smith met Dr. Jones in the U.S. on Monday.", 1),
            ("Deaths rose in the U.S. Of those, most were young.", 2),
            ("日本語の文です。次の文です。", 2),
            ("No ending", 1),
        ];
        for (text, want) in cases {
            let (spans, _) = quote_spans(text);
            assert_eq!(sentences(text, &spans).len(), *want, "{text:?}: {:?}", sentences(text, &spans));
        }
    }
}
