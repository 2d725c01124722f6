//! Who a subject is: a pronoun to the nearest compatible speaker, a surname
//! to the person introduced before with a compatible honorific, a definite
//! description (`the company`, `the president`, `the officials`) to the
//! organisation, title holder or group it points back to, and an indefinite
//! one (`a spokeswoman`, `one said`) to a new anonymous speaker of its own.

use std::collections::{HashMap, HashSet};

use super::State;
use super::subjects::{Subject, proper_nouns};
use super::vocabulary::{is_organisation_name, is_place_or_time};
use super::words::{ORGANISATION_NOUNS, PERSON_NOUNS};
use crate::speaker::registry::{Gender, Registry};
use crate::speaker::stop_words::is_stop_word;
use crate::speaker::{SpeakerId, names};

/// What kind of speaker an entry is, for `he`/`she`/`it`/`they` and descriptions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Person,
    Organisation,
    Group,
}

/// Speaker kinds and titles, by registry id.
#[derive(Debug, Default)]
pub(super) struct People {
    kinds: HashMap<usize, Kind>,
    /// Office words a person was named with (`president`, `mayor`), most recent last.
    titles: Vec<(String, SpeakerId)>,
    /// How many anonymous speakers were created, to keep their names apart.
    anonymous: usize,
}

impl People {
    pub(super) fn kind(&self, registry: &Registry, id: SpeakerId) -> Kind {
        self.kinds.get(&registry.resolve(id).0).copied().unwrap_or(Kind::Person)
    }

    fn set_kind(&mut self, registry: &Registry, id: SpeakerId, kind: Kind) {
        self.kinds.insert(registry.resolve(id).0, kind);
    }

    /// Remembers that `id` was named with the office `title` (`President`, `press secretary`).
    pub(super) fn add_title(&mut self, title: &str, id: SpeakerId) {
        let title = title.to_lowercase();
        self.titles.retain(|(t, i)| !(t == &title && *i == id));
        self.titles.push((title, id));
    }
}

fn compatible(a: Gender, b: Gender) -> bool {
    a == b || a == Gender::Unknown || b == Gender::Unknown
}

/// Moves `id` to the front of the recency list.
fn touch(state: &mut State, id: SpeakerId) {
    state.recent.retain(|r| *r != id);
    state.recent.push(id);
}

/// Resolves a subject to a speaker, creating one if new.
pub(super) fn resolve(subject: &Subject, text: &str, state: &mut State, registry: &mut Registry) -> Option<SpeakerId> {
    let id = match subject {
        Subject::Pronoun(gender) => pronoun(*gender, state, registry)?,
        Subject::Name { name, gender } => name_of(name, *gender, text, state, registry)?,
        Subject::Description { text: described, person } => description(described, *person, state, registry),
    };
    touch(state, id);
    Some(id)
}

/// `he`/`she`: the nearest person of a compatible gender, never an organisation
/// or a group; `it`/`they`: the nearest organisation or group, else anyone.
fn pronoun(gender: Gender, state: &State, registry: &mut Registry) -> Option<SpeakerId> {
    let people = &state.people;
    let person = |id: &SpeakerId| {
        let entry = registry.entry(*id);
        people.kind(registry, *id) == Kind::Person && compatible(entry.gender, gender)
    };
    let found = if gender == Gender::Unknown {
        state
            .recent
            .iter()
            .rev()
            .copied()
            .find(|id| people.kind(registry, *id) != Kind::Person)
            .or_else(|| state.recent.iter().rev().copied().find(person))
    } else {
        state.recent.iter().rev().copied().find(person)
    }?;
    if gender != Gender::Unknown && registry.entry(found).gender == Gender::Unknown {
        registry.entry_mut(found).gender = gender;
    }
    Some(found)
}

fn name_of(name: &str, gender: Gender, text: &str, state: &mut State, registry: &mut Registry) -> Option<SpeakerId> {
    if is_place_or_time(name) {
        return None;
    }
    let key = names::key(name);
    let words: Vec<&str> = key.split(' ').collect();
    let people = &state.people;
    // "Ms. Ade" is not the "Mr. Ade" known by that key: look further back for a compatible Ade.
    let exact = registry.lookup(&key).filter(|id| compatible(registry.entry(*id).gender, gender));
    let known = exact.or_else(|| {
        state.recent.iter().rev().copied().find(|id| {
            if people.kind(registry, *id) != Kind::Person {
                return false;
            }
            let entry = registry.entry(*id);
            let entry_key = names::key(&entry.name);
            let entry_words: Vec<&str> = entry_key.split(' ').collect();
            // A surname ("Ade", "Le Pen") or a Chinese family name after the full name, by a
            // compatible honorific: "Mr. Ade" is not "Funmi Ade" when she is known to be a woman.
            let short_form = words.len() < entry_words.len()
                && (entry_words.ends_with(&words) || (words.len() == 1 && entry_words.first() == Some(&words[0])))
                && compatible(entry.gender, gender);
            // The full name after a short form: only when the short form's honorific agrees.
            let full_form = words.len() > 1
                && entry_words.len() == 1
                && words.last() == entry_words.first()
                && (entry.gender == Gender::Unknown || entry.gender == gender);
            short_form || full_form
        })
    });
    // One capitalised word that is never capitalised mid-sentence is a common noun: "Critics say".
    if known.is_none()
        && !key.contains(' ')
        && !state.proper_nouns.get_or_insert_with(|| proper_nouns(text)).contains(name)
    {
        return None;
    }
    let id = match known {
        Some(id) if names::key(&registry.entry(id).name).split(' ').count() < words.len() => {
            // The full name arrived after a short form: it becomes the canonical name.
            // A name met in capitals (a heading, a caption) is shown as a name is written.
            registry.rename(id, &names::display(name));
            id
        }
        Some(id) => {
            registry.add_alias(id, name);
            id
        }
        None => {
            let id = registry.intern(&names::display(name), Some(name));
            if is_organisation_name(name) {
                state.people.set_kind(registry, id, Kind::Organisation);
            }
            id
        }
    };
    if gender != Gender::Unknown {
        registry.entry_mut(id).gender = gender;
    }
    Some(id)
}

/// Whether a name mentioned (not speaking) should be remembered for a later
/// `he said`: a full name, or a single word already known as someone's name.
pub(super) fn worth_remembering(name: &str, text: &str, state: &mut State, registry: &Registry) -> bool {
    if is_place_or_time(name) || is_organisation_name(name) {
        return false;
    }
    let key = names::key(name);
    key.contains(' ')
        || registry.lookup(&key).is_some()
        || state.recent.iter().any(|id| names::key(&registry.entry(*id).name).rsplit(' ').next() == Some(key.as_str()))
        || state.surnames.get_or_insert_with(|| surnames(text)).contains(&key)
}

/// Last words of full names anywhere in `text` (`Trump` from `Donald Trump`):
/// two or three capitalised words that are not sentence openers, places or
/// organisations. Built once, in one pass, when first needed.
fn surnames(text: &str) -> HashSet<String> {
    let mut found = HashSet::new();
    let mut run = 0usize;
    for word in text.split_whitespace() {
        let clean = word.trim_matches(|c: char| !c.is_alphanumeric());
        let name_like = clean.chars().next().is_some_and(char::is_uppercase)
            && clean.chars().skip(1).any(char::is_lowercase)
            && !is_stop_word(clean)
            && !is_place_or_time(clean)
            && !is_organisation_name(clean);
        run = if name_like { run + 1 } else { 0 };
        if (2..=3).contains(&run) {
            found.insert(names::key(clean));
        }
        if word.ends_with(|c: char| !c.is_alphanumeric()) {
            run = 0;
        }
    }
    found
}

/// The head noun of a description: `the head of the delegation` → `head`.
fn head_noun(lower: &str) -> &str {
    lower
        .split_whitespace()
        .take_while(|w| !matches!(*w, "of" | "for" | "at" | "in" | "with" | "who" | "from" | "on"))
        .last()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
}

/// Organisation nouns that point back to a named organisation.
fn organisation_noun(noun: &str) -> bool {
    ORGANISATION_NOUNS.contains(&noun)
        || matches!(noun, "site" | "website" | "newspaper" | "paper" | "network" | "outlet" | "retailer" | "chain")
}

fn description(described: &str, person: bool, state: &mut State, registry: &mut Registry) -> SpeakerId {
    // "a statement from the ministry" is the ministry; "the ministry" after "the Finance Ministry said" is it.
    let described = ["a statement from ", "a statement by ", "the statement from "]
        .iter()
        .find_map(|p| described.strip_prefix(p))
        .unwrap_or(described);
    let lower = described.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    let noun = head_noun(&lower).to_owned();
    let definite = first == "the";
    let people = &state.people;
    let mut known = state.recent.iter().rev().copied().find(|id| {
        let entry = registry.entry(*id);
        !entry.description && entry.name.rsplit(' ').next().is_some_and(|last| last.to_lowercase() == noun)
    });
    if definite && known.is_none() {
        let singular = noun.strip_suffix('s').unwrap_or(&noun);
        known = if let Some((_, id)) = people.titles.iter().rev().find(|(t, _)| t.rsplit(' ').next() == Some(&noun)) {
            Some(*id)
        } else if organisation_noun(&noun) {
            state.recent.iter().rev().copied().find(|id| people.kind(registry, *id) == Kind::Organisation)
        } else if noun.ends_with('s') && PERSON_NOUNS.contains(&singular) {
            state.recent.iter().rev().copied().find(|id| {
                people.kind(registry, *id) == Kind::Group && registry.entry(*id).name.to_lowercase().ends_with(&noun)
            })
        } else {
            None
        };
    }
    if let Some(id) = known {
        return id;
    }
    let indefinite = matches!(first, "a" | "an" | "one" | "another");
    // An unnamed person is named by what they are, without the article: "An Israeli official" →
    // "Israeli official", as the written form stays an alias.
    let mut name = match lower.as_str() {
        "one" | "another" => "Unnamed source".to_owned(),
        _ if indefinite && person => described.split_once(' ').map_or(described, |(_, rest)| rest).to_owned(),
        _ => described.to_owned(),
    };
    if let Some(initial) = name.get(..1) {
        name.replace_range(..1, &initial.to_uppercase());
    }
    if indefinite && person && registry.lookup(&names::key(&name)).is_some() {
        // "a spokeswoman" twice is two people unless the text says otherwise.
        state.people.anonymous += 1;
        name = format!("{name} ({})", state.people.anonymous + 1);
    }
    let alias = (indefinite && name != described).then_some(described);
    let id = registry.intern(&name, alias);
    registry.entry_mut(id).description = true;
    let kind = if noun.ends_with('s') && PERSON_NOUNS.contains(&noun.trim_end_matches('s')) {
        Kind::Group
    } else if person {
        Kind::Person
    } else {
        Kind::Organisation
    };
    state.people.set_kind(registry, id, kind);
    id
}
