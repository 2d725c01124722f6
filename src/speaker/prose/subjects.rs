//! Who a speech verb points at: the verb found outside a sentence's quotes,
//! and the name, pronoun or description before or after it — `Okafor said`,
//! `said Vanda Reyes-Holt, a senior fellow`, `she said`, `the ministry said`.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::sentences::inside;
use super::vocabulary::is_time_word;
use super::words::{
    AUXILIARIES, LISTENER_VERBS, ORGANISATION_NOUNS, PARTICIPLES, PERSON_NOUNS, QUOTE_VERBS, SPEECH_VERBS, is_role_word,
};
use crate::speaker::registry::Gender;
use crate::speaker::stop_words::is_stop_word;

static VERB_FINDER: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(SPEECH_VERBS).expect("the verb list builds"));

/// Who a speech verb points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Subject {
    Name { name: String, gender: Gender },
    Pronoun(Gender),
    Description { text: String, person: bool },
}

/// Every word capitalised in the middle of a sentence somewhere in `text`:
/// names, not sentence starts. Built once, in one pass, when first needed.
pub(super) fn proper_nouns(text: &str) -> std::collections::HashSet<String> {
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
        // "Chuck Grassley (Iowa)": a bracketed state or party after a name is not part of it.
        if raw.starts_with('(') || raw.ends_with(')') {
            if run.is_empty() {
                continue;
            }
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
                    && !before_raw.ends_with(')')
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
        if is_role_word(raw) && !raw.ends_with(',') {
            // "Atlantic City Mayor Don Guardian": the office and what comes before it are not the name.
            run.clear();
            gender = honorific_gender(word);
            continue;
        }
        let connector = !run.is_empty()
            && matches!(word, "of" | "for" | "and" | "on")
            && words.get(i + 1).is_some_and(|w| capitalised(clean_word(w)) && !is_time_word(clean_word(w)));
        if connector {
            run.push(word);
            continue;
        }
        if !capitalised(word) || is_stop_word(word) || run.len() >= 6 {
            break;
        }
        run.push(word);
        // "Robert M. Danin": a middle initial does not end the name.
        let initial = word.len() == 1 && raw.ends_with('.') && word.chars().all(char::is_uppercase);
        if (raw.ends_with([',', '.', ';', ':']) && !initial) || raw.ends_with("’s") {
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
        // "It added": an organisation (resolution prefers one for `it` and `they`).
        "they" | "it" => Some(Gender::Unknown),
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
    if words.is_empty() || words.len() > 16 || !matches!(words[0], "the" | "a" | "an" | "one" | "another") {
        return None;
    }
    // "one said", "said another": an unnamed person of a group just mentioned.
    if words.len() == 1 && matches!(words[0], "one" | "another") {
        return Some(Subject::Description { text: text.to_owned(), person: true });
    }
    let head_words = words
        .iter()
        .take_while(|w| !matches!(**w, "of" | "for" | "at" | "in" | "with" | "who"))
        .copied()
        .collect::<Vec<_>>();
    if head_words.len() > 6 {
        return None;
    }
    let person = head_words.iter().any(|w| is_person_noun(w.trim_matches(|c: char| !c.is_alphanumeric())));
    let organisation =
        head_words.iter().any(|w| ORGANISATION_NOUNS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())));
    // Plural descriptions speak as a group only when definite ("the officials said", after "Israeli
    // officials said"); "officials say" alone is no one in particular.
    let plural = head_words
        .last()
        .is_some_and(|w| w.ends_with('s') && !w.ends_with("ss") && !ORGANISATION_NOUNS.contains(w) && *w != "news");
    ((person || organisation) && (!plural || words[0] == "the"))
        .then(|| Subject::Description { text: text.to_owned(), person })
}

/// A person noun, singular or plural: `official`, `officials`, `spokeswoman`.
fn is_person_noun(word: &str) -> bool {
    PERSON_NOUNS.contains(&word) || word.strip_suffix('s').is_some_and(|w| PERSON_NOUNS.contains(&w))
}

/// A named group: capitalised modifiers before a plural person noun —
/// `Israeli officials`, `U.S. negotiators`.
fn group(segment: &str) -> Option<Subject> {
    let words: Vec<&str> = segment.split_whitespace().collect();
    let (last, modifiers) = words.split_last()?;
    let noun = clean_word(last);
    let plural = noun.ends_with('s') && noun.strip_suffix('s').is_some_and(|w| PERSON_NOUNS.contains(&w));
    let named =
        modifiers.iter().rev().take_while(|w| capitalised(clean_word(w)) && !is_stop_word(clean_word(w))).count();
    (plural && named > 0 && named <= 3)
        .then(|| Subject::Description { text: words[words.len() - 1 - named..].join(" "), person: true })
}

/// `clause` without the auxiliaries and adverbs between a subject and its
/// verb: `Okafor has also` → `Okafor`, `Reyes, who` → `Reyes,`.
fn strip_auxiliaries(clause: &str) -> &str {
    let mut clause = clause.trim_end();
    loop {
        let Some((rest, last)) = clause.rsplit_once(char::is_whitespace) else {
            return clause;
        };
        let adverb = last.len() > 4 && last.ends_with("ly") && last.chars().all(|c| c.is_ascii_lowercase());
        if !(AUXILIARIES.contains(&last) || adverb) {
            return clause;
        }
        clause = rest.trim_end();
    }
}

/// The subject of the clause right before a speech verb.
fn subject_before(clause: &str) -> Option<Subject> {
    let clause = strip_auxiliaries(clause);
    // "X, a senior fellow at Y, said": the part after the last comma is an appositive.
    let appositive = clause.ends_with(',');
    let segments: Vec<&str> = clause.split([',', ';', '—', '–']).map(str::trim).filter(|s| !s.is_empty()).collect();
    let last = segments.last()?;
    // "Several leaders, including A, B and C, have denounced": a list of people is not one speaker.
    if segments.iter().skip(1).any(|s| s.starts_with("including ") || s.starts_with("such as ")) {
        return None;
    }
    let last_word = last.split_whitespace().next_back()?;
    if let Some(gender) = pronoun(clean_word(last_word)) {
        return Some(Subject::Pronoun(gender));
    }
    if !appositive {
        if let Some((name, gender)) = trailing_name(last) {
            return Some(Subject::Name { name, gender });
        }
        return description(last).or_else(|| group(last));
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
pub(super) fn attribution(sentence: &str, spans: &[(usize, usize)]) -> Option<Subject> {
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
            // "on what Okafor described as a “turning point”": the writer's characterisation, not speech.
            if QUOTE_VERBS.contains(verb) && lower[..at].split_whitespace().rev().take(4).any(|w| w == "what") {
                continue;
            }
            let subject = if *verb == "according to" {
                subject_after(after)
            } else if PARTICIPLES.contains(verb) {
                // "Reyes issued a statement, saying …": the main clause's subject.
                main_subject(&sentence[..at])
            } else {
                let before_subject = if before.trim().is_empty() { None } else { subject_before(before) };
                // The subject follows the verb only in an inversion ("…,” said Reyes), never after
                // "told", whose object is the listener ("told the Ledger on Tuesday").
                let trimmed = before.trim_end();
                let inverted = trimmed.is_empty() || trimmed.ends_with([',', '—', '–']);
                before_subject
                    .or_else(|| (inverted && !LISTENER_VERBS.contains(verb)).then(|| subject_after(after)).flatten())
            };
            // "A statement posted on the site said …": the statement is not who; a later verb names them.
            if let Some(Subject::Description { text, .. }) = &subject
                && matches!(text.to_lowercase().as_str(), "a statement" | "the statement" | "a message" | "the message")
            {
                continue;
            }
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

/// The subject of a sentence's main clause: the first name, pronoun or
/// description that opens one of its comma-separated parts, after any
/// opening phrase (`On the eve of the vote, Okafor rallied …` → `Okafor`).
pub(super) fn main_subject(sentence: &str) -> Option<Subject> {
    for segment in sentence.split(',').map(str::trim).filter(|s| !s.is_empty()).take(4) {
        let first = segment.split_whitespace().next()?;
        if let Some(gender) = pronoun(clean_word(first)) {
            return Some(Subject::Pronoun(gender));
        }
        let word = clean_word(first);
        if capitalised(word) && (!is_stop_word(word) || matches!(word, "The" | "A" | "An")) {
            if let Some(subject) = description(segment) {
                return Some(subject);
            }
            if let Some((name, gender)) = leading_name(segment) {
                return Some(Subject::Name { name, gender });
            }
        }
    }
    None
}

/// The person a sentence without a speech verb is about: the name that opens
/// one of its parts (`…, skipper Wade Bassi has …` → `Wade Bassi`), for a later `he said`.
pub(super) fn mentioned_name(sentence: &str) -> Option<(String, Gender)> {
    let segments = sentence.split([',', '—', '–', ';']).map(str::trim).filter(|s| !s.is_empty());
    segments.take(6).enumerate().find_map(|(index, segment)| {
        let first = clean_word(segment.split_whitespace().next()?);
        if pronoun(first).is_some() || (capitalised(first) && is_stop_word(first)) {
            return None;
        }
        let (name, gender) = leading_name(segment)?;
        // A lone capitalised word is a subject only before a verb ("Okafor blamed", "Okafor has"),
        // not before a noun ("Fresh fillets sell").
        let next = segment.split_whitespace().nth(name.split(' ').count()).map_or("", clean_word);
        let verb = next.ends_with("ed") || AUXILIARIES.contains(&next) || SPEECH_VERBS.contains(&next);
        // "Okafor, for her part, sided with …": a sentence that opens with the name alone is about them.
        let opens = index == 0 && clean_word(segment) == name;
        (name.contains(' ') || verb || opens).then_some((name, gender))
    })
}

/// The last name anywhere in a clause: `His colleague Joan Fitzwilliam-Day disagreed` → `Joan Fitzwilliam-Day`.
pub(super) fn any_name(clause: &str) -> Option<Subject> {
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
pub(super) fn appositive_names(sentence: &str, spans: &[(usize, usize)]) -> Vec<(String, Gender)> {
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
            // "an endorsement by Marine Le Pen, leader of the party": after a preposition only a name
            // that a description of a person follows is one.
            let rest = sentence[at + 1..].trim_start();
            let described = rest.split_whitespace().next().is_some_and(|w| {
                matches!(w, "a" | "an" | "the" | "who") || PERSON_NOUNS.contains(&w) || is_role_word(w)
            });
            (name.split(' ').count() >= 2 && (!preposition || described)).then_some((name, gender))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speaker::prose::sentences::quote_spans;

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
            // A named group speaks as one (it is its own speaker, never one of its members).
            (
                "Instead, U.S. officials say, the source is abroad.",
                Some(Subject::Description { text: "U.S. officials".into(), person: true }),
            ),
            ("The river has long been a source of tension.", None),
            ("“Said and done” is a phrase.", None),
            ("“水は命だ，”李明说。", None),
            ("“Great news 🎉,” Ana Ruiz told the Daily Meridian.", named("Ana Ruiz")),
        ];
        for (sentence, want) in cases {
            assert_eq!(subject(sentence), *want, "{sentence:?}");
        }
    }
}
