//! Quotes attributed in news prose: `“…,” Daskal said`, `said Vanda
//! Felbab-Brown, a senior fellow`, `according to X`, `she said`, reported
//! speech, a quote that runs on into the next paragraph, a paragraph
//! introduced by a colon, and a lead that quotes someone named only later.
//!
//! Work is per sentence: a sentence with a speech verb outside its quotes
//! belongs to the verb's subject; a quote with no verb of its own belongs to
//! the paragraph's speaker or to the quote it continues; other sentences are
//! narration.

mod sentences;
mod subjects;
mod words;

use sentences::{is_opening_quote, quote_spans, sentences};
use subjects::{Subject, any_name, appositive_names, attribution, proper_nouns};
use words::PERSON_NOUNS;

use super::registry::{Gender, Registry};
use super::transcript::Unit;
use super::{Passage, PassageKind, SpeakerId, names};
use crate::text::ByteRange;

pub use words::is_stop_word;

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
