//! Quotes attributed in news prose: `“…,” Daskal said`, `said Vanda
//! Felbab-Brown, a senior fellow`, `according to X`, `she said`, reported
//! speech, a quote that runs on into the next paragraph, a paragraph
//! introduced by a colon, and a lead that quotes someone named only later.
//!
//! Work is per sentence: a sentence with a speech verb outside its quotes
//! belongs to the verb's subject; a quote with no verb of its own belongs to
//! the paragraph's speaker or to the quote it continues; other sentences are
//! narration.

mod resolve;
mod sentences;
mod subjects;
mod vocabulary;
mod words;

use resolve::{People, resolve};
use sentences::{is_opening_quote, quote_spans, sentences};
use subjects::{Subject, any_name, appositive_names, attribution, mentioned_name};
use words::PERSON_NOUNS;

use super::registry::Registry;
use super::{Passage, PassageKind, SpeakerId};
use crate::text::ByteRange;

/// State carried from paragraph to paragraph.
#[derive(Debug, Default)]
pub struct State {
    /// Speakers and people mentioned, by recency, most recent last.
    recent: Vec<SpeakerId>,
    /// A quote left open at the end of the last paragraph, and whose it is.
    open_quote: Option<SpeakerId>,
    /// The last paragraph ended with a colon after naming this speaker.
    colon_speaker: Option<SpeakerId>,
    /// The speaker of a list introduced by a colon (`Okafor also said:`), while its items last.
    list_speaker: Option<SpeakerId>,
    /// The speaker of the last attributed paragraph.
    last_speaker: Option<SpeakerId>,
    /// Whether a word is capitalised somewhere other than a sentence start (a name, not "Critics").
    proper_nouns: Option<std::collections::HashSet<String>>,
    /// Last words of full names in the text, for mentions by surname.
    surnames: Option<std::collections::HashSet<String>>,
    /// Organisations, groups and titles of the speakers found.
    people: People,
}

/// One sentence of a unit: relative **byte** range, speaker, confidence,
/// and whether it quotes directly (quote marks) rather than reports.
struct Found {
    start: usize,
    end: usize,
    speaker: Option<SpeakerId>,
    confidence: f32,
    quoted: bool,
}

/// The office word right before `name` in `sentence`: `President` in
/// `President Lena Marsh`, `secretary` in `press secretary Omar Haddad`.
fn title_before<'a>(sentence: &'a str, name: &str) -> Option<&'a str> {
    let at = sentence.find(name)?;
    let word = sentence[..at].split_whitespace().next_back()?.trim_matches(|c: char| !c.is_alphanumeric());
    let lower = word.to_lowercase();
    (words::is_role_word(word) || PERSON_NOUNS.contains(&lower.as_str())).then_some(word)
}

/// Resolves a name subject, remembering the office it was named with.
fn resolve_named(
    subject: &Subject,
    sentence: &str,
    text: &str,
    state: &mut State,
    registry: &mut Registry,
) -> Option<SpeakerId> {
    let id = resolve(subject, text, state, registry)?;
    if let Subject::Name { name, .. } = subject
        && let Some(title) = title_before(sentence, name)
    {
        state.people.add_title(title, id);
    }
    Some(id)
}

/// The author of an embedded `<tweet author="handle">`: the person of the
/// document whose name the handle spells (`realLenaMarsh` → `Lena Marsh`), else the handle.
fn tweet_author(unit: &str, text: &str) -> Option<String> {
    let rest = unit.trim_start().strip_prefix("<tweet")?;
    let handle = rest.split("author=\"").nth(1)?.split('"').next()?.trim_start_matches('@');
    if handle.is_empty() {
        return None;
    }
    let wanted = handle.to_lowercase();
    let words: Vec<&str> = text.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|w| !w.is_empty()).collect();
    let found = words.windows(2).find(|pair| {
        pair.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase) && w.len() > 1)
            && wanted.contains(&format!("{}{}", pair[0], pair[1]).to_lowercase())
    });
    Some(found.map_or_else(|| handle.to_owned(), |pair| pair.join(" ")))
}

/// A unit that is an embedded tweet belongs to its author as a whole.
fn attribute_tweet(
    text: &str,
    unit: ByteRange,
    block: usize,
    state: &mut State,
    registry: &mut Registry,
    passages: &mut Vec<Passage>,
) -> bool {
    let s = unit.slice(text);
    let Some(author) = tweet_author(s, text) else {
        return false;
    };
    let subject = Subject::Name { name: author, gender: super::registry::Gender::Unknown };
    let Some(id) = resolve(&subject, text, state, registry) else {
        return false;
    };
    let range = ByteRange::new(unit.start, unit.start + s.trim_end().len());
    let kind = PassageKind::Quote;
    passages.push(Passage { kind, range, label: None, speaker: Some(id), confidence: 0.9, block, turn_start: false });
    state.last_speaker = Some(id);
    state.open_quote = None;
    state.colon_speaker = None;
    true
}

/// Attributes the sentences of one prose unit (**byte** range `unit` of
/// `text`, in block `block`), appending passages. `list_item`: the unit is an
/// item of a list, which a colon-introduced speaker may be speaking.
pub fn attribute(
    text: &str,
    unit: ByteRange,
    block: usize,
    list_item: bool,
    state: &mut State,
    registry: &mut Registry,
    passages: &mut Vec<Passage>,
) {
    let s = unit.slice(text);
    if list_item {
        state.list_speaker = state.list_speaker.or(state.colon_speaker);
    } else {
        state.list_speaker = None;
    }
    if attribute_tweet(text, unit, block, state, registry, passages) {
        return;
    }
    let (spans, unclosed) = quote_spans(s);
    let starts_with_quote = s.trim_start().starts_with(|c: char| is_opening_quote(c) || c == '"');
    let carried = if starts_with_quote { state.open_quote.or(state.colon_speaker) } else { None };

    let mut found = find_speakers(text, s, &spans, state, registry);
    // Quotes with no verb of their own: the paragraph's one speaker, or the quote they continue.
    let unit_speakers: Vec<SpeakerId> = {
        let mut v: Vec<SpeakerId> = found.iter().filter_map(|f| f.speaker).collect();
        v.dedup();
        v
    };
    for (i, f) in found.iter_mut().enumerate() {
        if f.speaker.is_some() {
            continue;
        }
        if list_item && state.list_speaker.is_some() {
            f.speaker = state.list_speaker;
            f.confidence = 0.7;
            continue;
        }
        if !f.quoted {
            continue;
        }
        if i == 0 && carried.is_some() {
            f.speaker = carried;
            f.confidence = 0.8;
        } else if let [only] = unit_speakers[..] {
            f.speaker = Some(only);
            f.confidence = 0.8;
        } else if i == 0 && starts_with_quote && state.last_speaker.is_some() {
            f.speaker = state.last_speaker;
            f.confidence = 0.6;
        }
    }

    let last = found.last().map(|f| f.speaker);
    state.open_quote = if unclosed { last.flatten() } else { None };
    state.colon_speaker = if s.trim_end().ends_with(':') {
        // "Osei addressed that criticism directly:" introduces the next paragraph's quote.
        last.flatten().or(unit_speakers.last().copied()).or_else(|| {
            let f = found.last()?;
            let subject = any_name(s[f.start..f.end].trim_end().trim_end_matches(':'))?;
            resolve(&subject, text, state, registry)
        })
    } else {
        None
    };
    if let Some(speaker) = found.iter().rev().find_map(|f| f.speaker) {
        state.last_speaker = Some(speaker);
    } else if !s.trim().is_empty() {
        state.last_speaker = None;
    }

    push_passages(text, unit, block, found, passages);
}

/// Neighbouring sentences with the same speaker form one passage; the gaps
/// between sentences join the earlier one.
fn push_passages(text: &str, unit: ByteRange, block: usize, found: Vec<Found>, passages: &mut Vec<Passage>) {
    let s = unit.slice(text);
    let mut merged: Vec<Found> = Vec::new();
    for f in found {
        match merged.last_mut() {
            Some(last) if last.speaker == f.speaker => {
                last.end = f.end;
                last.confidence = last.confidence.min(f.confidence);
                last.quoted |= f.quoted;
            }
            Some(last) => {
                last.end = f.start;
                merged.push(f);
            }
            None => merged.push(Found { start: 0, ..f }),
        }
    }
    if let Some(last) = merged.last_mut() {
        last.end = s.len();
    }
    for f in merged {
        let range = ByteRange::new(unit.start + f.start, unit.start + f.end);
        let trimmed = range.slice(text).trim_end().len();
        let range = ByteRange::new(range.start, range.start + trimmed);
        if range.is_empty() {
            continue;
        }
        let (kind, confidence) = match f.speaker {
            Some(_) if f.quoted => (PassageKind::Quote, f.confidence),
            Some(_) => (PassageKind::Paraphrase, f.confidence),
            None => (PassageKind::Narration, 1.0),
        };
        passages.push(Passage { kind, range, label: None, speaker: f.speaker, confidence, block, turn_start: false });
    }
}

/// Each sentence of a unit (`s`, with quote `spans`) and the speaker its own
/// speech verb names; sentences without one remember the people they mention.
fn find_speakers(
    text: &str,
    s: &str,
    spans: &[(usize, usize)],
    state: &mut State,
    registry: &mut Registry,
) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    for (start, end) in sentences(s, spans) {
        let sentence = &s[start..end];
        let local: Vec<(usize, usize)> = spans
            .iter()
            .filter(|(a, b)| *a < end && *b > start)
            .map(|(a, b)| ((*a).max(start) - start, (*b).min(end) - start))
            .collect();
        let quoted = !local.is_empty();
        let (speaker, confidence) = match attribution(sentence, &local) {
            Some(subject) => {
                let confidence = match (&subject, quoted) {
                    (Subject::Name { .. }, true) => 0.95,
                    (Subject::Pronoun(_), true) => 0.85,
                    (Subject::Name { .. }, false) => 0.75,
                    (Subject::Pronoun(_), false) => 0.7,
                    (Subject::Description { .. }, _) => 0.6,
                };
                (resolve_named(&subject, sentence, text, state, registry), confidence)
            }
            None => {
                for (name, gender) in appositive_names(sentence, &local) {
                    resolve_named(&Subject::Name { name, gender }, sentence, text, state, registry);
                }
                // The person a sentence is about is who a later "he said" most likely means.
                if let Some((name, gender)) = mentioned_name(sentence)
                    && resolve::worth_remembering(&name, text, state, registry)
                {
                    resolve_named(&Subject::Name { name, gender }, sentence, text, state, registry);
                }
                (None, 0.0)
            }
        };
        found.push(Found { start, end, speaker, confidence, quoted });
    }
    found
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
        // Only a definite description ("the head of the delegation") is someone named later; "a
        // spokeswoman" or "one resident" stays an anonymous speaker of its own.
        let person = entry.name.starts_with("The ")
            && PERSON_NOUNS.iter().any(|noun| entry.name.to_lowercase().split_whitespace().take(4).any(|w| w == *noun));
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
