//! The speakers found so far, looked up by name key, with merges.

use std::collections::HashMap;

use super::{Passage, Speaker, SpeakerId, names};

/// What is known of a speaker's gender, for `he said` / `she said`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Gender {
    #[default]
    Unknown,
    Female,
    Male,
}

#[derive(Debug)]
pub struct Entry {
    pub name: String,
    pub aliases: Vec<String>,
    pub gender: Gender,
    /// A description (`the head of the delegation`), not a name: may be resolved later.
    pub description: bool,
    merged_into: Option<usize>,
}

#[derive(Debug, Default)]
pub struct Registry {
    entries: Vec<Entry>,
    by_key: HashMap<String, usize>,
}

impl Registry {
    /// Follows merges to the speaker that stands for `id`.
    #[must_use]
    pub fn resolve(&self, id: SpeakerId) -> SpeakerId {
        let mut at = id.0;
        while let Some(next) = self.entries[at].merged_into {
            at = next;
        }
        SpeakerId(at)
    }

    #[must_use]
    pub fn entry(&self, id: SpeakerId) -> &Entry {
        &self.entries[self.resolve(id).0]
    }

    pub fn entry_mut(&mut self, id: SpeakerId) -> &mut Entry {
        let at = self.resolve(id).0;
        &mut self.entries[at]
    }

    /// The one reporter (a speaker sharing the `Q` alias) whose given name
    /// is `given`: "Thanks, Lena." names the Lena Marsh the moderator called
    /// on earlier. `None` when no reporter, or more than one, has that given name.
    #[must_use]
    pub fn only_reporter_named(&self, given: &str) -> Option<SpeakerId> {
        let key = names::key(given);
        if key.is_empty() || key.contains(' ') {
            return None;
        }
        let mut found = None;
        for id in self.ids() {
            let entry = &self.entries[id.0];
            if !entry.aliases.iter().any(|a| a == "Q") {
                continue;
            }
            let given_of = |name: &str| names::key(name).split(' ').next().is_some_and(|w| w == key);
            if given_of(&entry.name) || entry.aliases.iter().any(|a| a != "Q" && given_of(a)) {
                if found.is_some() {
                    return None;
                }
                found = Some(id);
            }
        }
        found
    }

    /// The speaker with this name key, if known.
    #[must_use]
    pub fn lookup(&self, key: &str) -> Option<SpeakerId> {
        self.by_key.get(key).map(|i| self.resolve(SpeakerId(*i)))
    }

    /// The speaker called `name`, created if new; `alias` (as written) is remembered.
    pub fn intern(&mut self, name: &str, alias: Option<&str>) -> SpeakerId {
        let key = names::key(name);
        let id = if let Some(id) = self.lookup(&key) {
            id
        } else {
            self.entries.push(Entry {
                name: name.to_owned(),
                aliases: Vec::new(),
                gender: Gender::Unknown,
                description: false,
                merged_into: None,
            });
            let id = SpeakerId(self.entries.len() - 1);
            self.by_key.insert(key, id.0);
            id
        };
        if let Some(alias) = alias {
            self.add_alias(id, alias);
        }
        id
    }

    /// Remembers another name for a speaker; it then finds the speaker too.
    pub fn add_alias(&mut self, id: SpeakerId, alias: &str) {
        let id = self.resolve(id);
        let alias = alias.trim();
        if alias.is_empty() {
            return;
        }
        let entry = &mut self.entries[id.0];
        if entry.name != alias && !entry.aliases.iter().any(|a| a == alias) {
            entry.aliases.push(alias.to_owned());
        }
        self.by_key.entry(names::key(alias)).or_insert(id.0);
    }

    /// Remembers a name several speakers share (`Q` for every reporter): it
    /// is listed, but does not find this speaker — a bare `Q` stays its own.
    pub fn add_shared_alias(&mut self, id: SpeakerId, alias: &str) {
        let id = self.resolve(id);
        let entry = &mut self.entries[id.0];
        if entry.name != alias && !entry.aliases.iter().any(|a| a == alias) {
            entry.aliases.push(alias.to_owned());
        }
    }

    /// Makes `from` the same speaker as `into`.
    pub fn merge(&mut self, from: SpeakerId, into: SpeakerId) {
        let (from, into) = (self.resolve(from), self.resolve(into));
        if from == into {
            return;
        }
        let moved = std::mem::take(&mut self.entries[from.0].aliases);
        let old_name = self.entries[from.0].name.clone();
        self.entries[from.0].merged_into = Some(into.0);
        self.add_alias(into, &old_name);
        for alias in moved {
            self.add_alias(into, &alias);
        }
    }

    /// Renames a speaker, keeping the old name as an alias.
    pub fn rename(&mut self, id: SpeakerId, name: &str) {
        let id = self.resolve(id);
        let old = std::mem::replace(&mut self.entries[id.0].name, name.to_owned());
        self.by_key.insert(names::key(name), id.0);
        self.add_alias(id, &old);
    }

    /// All live speakers, in creation order.
    pub fn ids(&self) -> impl Iterator<Item = SpeakerId> + '_ {
        (0..self.entries.len()).filter(|i| self.entries[*i].merged_into.is_none()).map(SpeakerId)
    }

    /// The final speaker table: only speakers that own a passage, with a map
    /// from registry ids to table ids.
    pub fn into_speakers(self, passages: &[Passage]) -> (Vec<Speaker>, Vec<Option<SpeakerId>>) {
        let mut used = vec![false; self.entries.len()];
        for p in passages {
            if let Some(id) = p.speaker {
                used[self.resolve(id).0] = true;
            }
        }
        let mut table_index = vec![None; self.entries.len()];
        let mut speakers = Vec::new();
        for (i, entry) in self.entries.iter().enumerate() {
            if entry.merged_into.is_none() && used[i] {
                table_index[i] = Some(SpeakerId(speakers.len()));
                let aliases = entry.aliases.iter().filter(|a| **a != entry.name).cloned().collect();
                speakers.push(Speaker { name: entry.name.clone(), aliases, turns: 0, words: 0, first: 0 });
            }
        }
        let remap = (0..self.entries.len()).map(|i| table_index[self.resolve(SpeakerId(i)).0]).collect();
        (speakers, remap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_reporter_named_finds_one_reporter_by_given_name() {
        let mut registry = Registry::default();
        let reporter = |r: &mut Registry, display: &str, name: &str| {
            let id = r.intern(display, None);
            r.add_shared_alias(id, "Q");
            r.add_alias(id, name);
            id
        };
        let lena = reporter(&mut registry, "Lena Marsh (Harbor Ledger)", "Lena Marsh");
        let tomas = reporter(&mut registry, "Tomás Ruiz", "Tomás Ruiz");
        reporter(&mut registry, "王芳 (Radio 港)", "王芳");
        reporter(&mut registry, "Ines Vale", "Ines Vale");
        reporter(&mut registry, "Ines Ode", "Ines Ode");
        // An official with the same given name is not a reporter.
        registry.intern("Omar Haddad", None);
        let cases: &[(&str, Option<SpeakerId>)] = &[
            ("Lena", Some(lena)),
            ("lena", Some(lena)),
            ("Tomás", Some(tomas)),
            ("Ruiz", None),
            ("Ines", None),
            ("Omar", None),
            ("Lena Marsh", None),
            ("", None),
            ("🚢", None),
        ];
        for (given, want) in cases {
            assert_eq!(registry.only_reporter_named(given), *want, "{given:?}");
        }
    }
}
