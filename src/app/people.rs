//! The People view: everyone who speaks in the library (filter by typing);
//! `Enter` on a person lists their passages across the library by date;
//! `Enter` on a passage opens its article there, with the speaker filter
//! showing only that person. Notes made there are the article's own.

use super::keymap::{Key, KeyChord};
use super::{AppState, Effect, Overlay};
use crate::index::shared::IndexRequest;
use crate::people::Person;

/// Opens the People view and asks the index for the people.
pub fn open(state: &mut AppState) -> Vec<Effect> {
    state.overlay = Overlay::People { filter: String::new(), selected: 0, person: None };
    vec![Effect::Index(IndexRequest::People)]
}

/// The people matching `filter` (every word in the name or an alias).
#[must_use]
pub fn filtered<'a>(state: &'a AppState, filter: &str) -> Vec<&'a Person> {
    let Some(Ok(people)) = &state.index.people else { return Vec::new() };
    let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
    people
        .iter()
        .filter(|p| {
            let names = format!("{} {}", p.name, p.aliases.join(" ")).to_lowercase();
            words.iter().all(|w| names.contains(w.as_str()))
        })
        .collect()
}

/// Keys while the People view is open.
pub fn key(state: &mut AppState, chord: KeyChord) -> Vec<Effect> {
    let Overlay::People { filter, selected, person } = &mut state.overlay else { return Vec::new() };
    if let Some(name) = person.clone() {
        // A person's passages: move, open, or go back to the list.
        let count = match &state.index.passages {
            Some((p, Ok(hits))) if *p == name => hits.len(),
            _ => 0,
        };
        match (chord.key, chord.ctrl) {
            (Key::Down | Key::Char('j'), _) | (Key::Char('n'), true) => {
                *selected = (*selected + 1).min(count.saturating_sub(1));
            }
            (Key::Up | Key::Char('k'), _) | (Key::Char('p'), true) => *selected = selected.saturating_sub(1),
            (Key::Esc | Key::Backspace, _) => *person = None,
            (Key::Enter, _) => {
                let hit = match &state.index.passages {
                    Some((p, Ok(hits))) if *p == name => hits.get(*selected).cloned(),
                    _ => None,
                };
                if let Some(hit) = hit {
                    state.overlay = Overlay::None;
                    let speaker = hit.speaker.clone();
                    return super::search::open_hit(state, &hit, speaker, None);
                }
            }
            _ => {}
        }
        return Vec::new();
    }
    if !super::annotate::list_typing_keys(filter, selected, chord) {
        match (chord.key, chord.ctrl) {
            (Key::Esc, _) | (Key::Char('c'), true) => state.overlay = Overlay::None,
            (Key::Enter, _) => {
                let (f, s) = (filter.clone(), *selected);
                let Some(name) = filtered(state, &f).get(s).map(|p| p.name.clone()) else { return Vec::new() };
                state.overlay = Overlay::People { filter: f, selected: 0, person: Some(name.clone()) };
                state.index.passages = None;
                return vec![Effect::Index(IndexRequest::Passages(name))];
            }
            _ => {}
        }
    }
    if let Overlay::People { filter, .. } = &state.overlay {
        let last = filtered(state, &filter.clone()).len().saturating_sub(1);
        if let Overlay::People { selected, .. } = &mut state.overlay {
            *selected = (*selected).min(last);
        }
    }
    Vec::new()
}
