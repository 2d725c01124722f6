//! People across a library: the speakers of every article, with the same
//! person under different name forms (`MS. JEAN-PIERRE`, "Karine
//! Jean-Pierre", "Jean-Pierre") made one, and roles (`Moderator`, `Q`,
//! `Senior Administration Official`, anonymous sources) kept per article.
//!
//! Matching is by surname, then given name: forms with the same surname and
//! compatible given names (equal, or an initial) are one person; a surname
//! alone joins the one person with that surname, or the one named in the
//! same article, and stays apart when that is ambiguous. A look-alike with a
//! different given name ("Louis Jean-Pierre") is another person. The
//! reader's [`corrections`] are applied last.

pub mod corrections;
pub mod names;

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

pub use corrections::Corrections;
use names::{NameShape, given_compatible, shape};

/// One speaker of one article, as the index summarises it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The article's path relative to the library, with `/` between folders.
    pub article: String,
    /// The article's date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The speaker's name in that article (after the article's own corrections).
    pub speaker: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// For a speaker known only by surname, the given name the article writes before it elsewhere.
    #[serde(default)]
    pub given: Option<String>,
    pub turns: usize,
    pub words: usize,
}

/// One person (or, with `role`, one article's role) across the library.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Person {
    pub name: String,
    /// Other names the person goes by in the library's articles.
    pub aliases: Vec<String>,
    /// A role or anonymous source of one article, not a person.
    pub role: bool,
    pub articles: usize,
    pub turns: usize,
    pub words: usize,
    /// Earliest and latest article dates, `YYYY-MM-DD`.
    pub first: Option<String>,
    pub last: Option<String>,
    /// Indices into [`Directory::mentions`].
    #[serde(skip)]
    pub mentions: Vec<usize>,
}

/// Everyone who speaks in a library.
#[derive(Clone, Debug, Default)]
pub struct Directory {
    pub people: Vec<Person>,
    pub mentions: Vec<Mention>,
}

/// A cluster key: surname and given name (empty when unknown); roles are keyed by mention.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    Named { surname: String, given: String },
    Role(usize),
}

impl Directory {
    /// Groups `mentions` into people and applies `corrections`; returns the
    /// directory and a message for each correction that names nobody.
    #[must_use]
    pub fn build(mentions: Vec<Mention>, corrections: &Corrections) -> (Self, Vec<String>) {
        let keys = cluster(&mentions);
        let mut groups: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
        for (i, key) in keys.into_iter().enumerate() {
            groups.entry(key).or_default().push(i);
        }
        let mut people: Vec<Vec<usize>> = groups.into_values().collect();
        let mut names: Vec<Option<String>> = vec![None; people.len()];
        let mut problems = Vec::new();
        apply_splits(&mentions, corrections, &mut people, &mut names, &mut problems);
        let mut directory = Self { people: Vec::new(), mentions };
        directory.people = people.iter().zip(&names).map(|(m, n)| directory.person(m, n.clone())).collect();
        directory.apply_renames_and_merges(corrections, &mut problems);
        directory.people.sort_by(|a, b| a.role.cmp(&b.role).then(b.words.cmp(&a.words)).then(a.name.cmp(&b.name)));
        (directory, problems)
    }

    /// The people (not roles), most words first.
    pub fn persons(&self) -> impl Iterator<Item = &Person> {
        self.people.iter().filter(|p| !p.role)
    }

    /// The person called `name` (name or alias, any case); failing that, the
    /// one person whose name form matches it (`Jean-Pierre`, `K. Jean-Pierre`).
    #[must_use]
    pub fn find(&self, name: &str) -> Option<usize> {
        let wanted = name.trim().to_lowercase();
        let exact =
            |p: &Person| p.name.to_lowercase() == wanted || p.aliases.iter().any(|a| a.to_lowercase() == wanted);
        if let Some(i) = self.people.iter().position(|p| !p.role && exact(p)) {
            return Some(i);
        }
        if let NameShape::Person { given, surname } = shape(name) {
            let matching: Vec<usize> = (0..self.people.len())
                .filter(|&i| {
                    !self.people[i].role
                        && self.people[i].mentions.iter().any(|&m| match shape(&self.mentions[m].speaker) {
                            NameShape::Person { given: g, surname: s } => {
                                s == surname
                                    && match (&given, &g) {
                                        (Some(a), Some(b)) => given_compatible(a, b),
                                        _ => true,
                                    }
                            }
                            NameShape::Role => false,
                        })
                })
                .collect();
            if matching.len() == 1 {
                return Some(matching[0]);
            }
        }
        // A role: the first article's, for `speaker:Moderator`.
        self.people.iter().position(exact)
    }

    /// Every (article, speaker name) pair of a person: what the index's `who` field holds.
    #[must_use]
    pub fn forms_of(&self, person: usize) -> Vec<(&str, &str)> {
        let Some(p) = self.people.get(person) else { return Vec::new() };
        p.mentions.iter().map(|&m| (self.mentions[m].article.as_str(), self.mentions[m].speaker.as_str())).collect()
    }

    fn person(&self, members: &[usize], name: Option<String>) -> Person {
        let ms: Vec<&Mention> = members.iter().map(|&i| &self.mentions[i]).collect();
        let role = ms.iter().any(|m| shape(&m.speaker) == NameShape::Role);
        let name = name.unwrap_or_else(|| best_name(&ms));
        let mut aliases: Vec<String> = Vec::new();
        for m in &ms {
            for form in std::iter::once(&m.speaker).chain(&m.aliases) {
                if *form != name && !aliases.contains(form) {
                    aliases.push(form.clone());
                }
            }
        }
        let mut articles: Vec<&str> = ms.iter().map(|m| m.article.as_str()).collect();
        articles.sort_unstable();
        articles.dedup();
        Person {
            name,
            aliases,
            role,
            articles: articles.len(),
            turns: ms.iter().map(|m| m.turns).sum(),
            words: ms.iter().map(|m| m.words).sum(),
            first: ms.iter().filter_map(|m| m.date.clone()).min(),
            last: ms.iter().filter_map(|m| m.date.clone()).max(),
            mentions: members.to_vec(),
        }
    }

    fn apply_renames_and_merges(&mut self, corrections: &Corrections, problems: &mut Vec<String>) {
        for rename in &corrections.rename {
            match self.find(&rename.from) {
                Some(i) => {
                    let p = &mut self.people[i];
                    let old = std::mem::replace(&mut p.name, rename.to.clone());
                    p.aliases.retain(|a| *a != rename.to);
                    if !p.aliases.contains(&old) {
                        p.aliases.push(old);
                    }
                }
                None => problems.push(format!("people rename {:?}: nobody by that name", rename.from)),
            }
        }
        for merge in &corrections.merge {
            match (self.find(&merge.from), self.find(&merge.into)) {
                (Some(from), Some(into)) if from != into => {
                    let gone = self.people.remove(from);
                    let into = if from < into { into - 1 } else { into };
                    let mut members = self.people[into].mentions.clone();
                    members.extend(gone.mentions);
                    members.sort_unstable();
                    let name = self.people[into].name.clone();
                    let mut merged = self.person(&members, Some(name));
                    merged.role = false;
                    for alias in gone.aliases.into_iter().chain(std::iter::once(gone.name)) {
                        if alias != merged.name && !merged.aliases.contains(&alias) {
                            merged.aliases.push(alias);
                        }
                    }
                    self.people[into] = merged;
                }
                (Some(_), Some(_)) => {}
                _ => problems.push(format!("people merge {:?} → {:?}: nobody by that name", merge.from, merge.into)),
            }
        }
    }
}

/// The cluster each mention belongs to, before corrections.
fn cluster(mentions: &[Mention]) -> Vec<Key> {
    let shapes: Vec<NameShape> = mentions
        .iter()
        .map(|m| match (shape(&m.speaker), &m.given) {
            (NameShape::Person { given: None, surname }, Some(g)) => {
                NameShape::Person { given: Some(g.clone()), surname }
            }
            (s, _) => s,
        })
        .collect();
    // Full given names by surname; an initial or a bare surname is settled against them.
    let mut givens: HashMap<&str, Vec<&str>> = HashMap::new();
    for s in &shapes {
        if let NameShape::Person { given: Some(g), surname } = s
            && g.chars().count() > 1
        {
            let list = givens.entry(surname.as_str()).or_default();
            if !list.contains(&g.as_str()) {
                list.push(g);
            }
        }
    }
    // The given names each article uses with a surname, for a bare surname later in the same article.
    let mut in_article: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
    for (m, s) in mentions.iter().zip(&shapes) {
        if let NameShape::Person { given: Some(g), surname } = s {
            let list = in_article.entry((m.article.as_str(), surname.as_str())).or_default();
            if !list.contains(&g.as_str()) {
                list.push(g);
            }
        }
    }
    let named = |surname: &str, given: &str| Key::Named { surname: surname.to_owned(), given: given.to_owned() };
    mentions
        .iter()
        .zip(&shapes)
        .enumerate()
        .map(|(i, (m, s))| match s {
            NameShape::Role => Key::Role(i),
            NameShape::Person { given: Some(g), surname } => {
                let full = givens.get(surname.as_str()).map_or(&[][..], Vec::as_slice);
                let compatible: Vec<&&str> = full.iter().filter(|f| given_compatible(g, f)).collect();
                match compatible.as_slice() {
                    [one] => named(surname, one),
                    _ => named(surname, g),
                }
            }
            NameShape::Person { given: None, surname } => {
                let full = givens.get(surname.as_str()).map_or(&[][..], Vec::as_slice);
                let local = in_article.get(&(m.article.as_str(), surname.as_str())).map_or(&[][..], Vec::as_slice);
                match (full, local) {
                    ([one], _) => named(surname, one),
                    (_, [one]) => {
                        let resolved: Vec<&&str> = full.iter().filter(|f| given_compatible(one, f)).collect();
                        named(surname, resolved.first().map_or(*one, |f| **f))
                    }
                    _ => named(surname, ""),
                }
            }
        })
        .collect()
}

/// Moves the mentions a `[[split]]` names into people of their own.
fn apply_splits(
    mentions: &[Mention],
    corrections: &Corrections,
    people: &mut Vec<Vec<usize>>,
    names: &mut Vec<Option<String>>,
    problems: &mut Vec<String>,
) {
    for split in &corrections.split {
        let wanted = split.name.trim().to_lowercase();
        let hits = |i: &usize| {
            let m = &mentions[*i];
            m.speaker.to_lowercase() == wanted && split.article.as_ref().is_none_or(|a| *a == m.article)
        };
        let mut taken = Vec::new();
        for group in people.iter_mut() {
            taken.extend(group.iter().copied().filter(hits));
            group.retain(|i| !hits(i));
        }
        if taken.is_empty() {
            problems.push(format!("people split {:?}: no article has a speaker by that name", split.name));
            continue;
        }
        people.push(taken);
        names.push(Some(split.name.clone()));
    }
    let keep: Vec<bool> = people.iter().map(|g| !g.is_empty()).collect();
    let mut k = keep.iter();
    people.retain(|_| *k.next().unwrap_or(&true));
    let mut k = keep.iter();
    names.retain(|_| *k.next().unwrap_or(&true));
}

/// The fullest, most used name form: a given name beats none, no honorific beats one.
fn best_name(mentions: &[&Mention]) -> String {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in mentions {
        *counts.entry(m.speaker.as_str()).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(form, count)| {
            let key = crate::speaker::names::key(names::without_affiliation(form));
            let given = match shape(form) {
                NameShape::Person { given: Some(g), .. } => g.chars().count(),
                _ => 0,
            };
            // A whole given name beats an initial, which beats none.
            let given = given.min(2);
            (given, !crate::speaker::names::has_honorific(&key), *count, std::cmp::Reverse(form.to_string()))
        })
        .map(|(form, _)| form.to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
