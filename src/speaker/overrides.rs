//! Corrections a reader makes to detected speakers, kept in the article's
//! sidecar (`[speakers]` table) and applied every time the article loads:
//! merge two speakers, rename one, reassign one passage.

use serde::{Deserialize, Serialize};

use super::{Attribution, PassageKind, Speaker, SpeakerId};
use crate::document::normalise::sanitise_line;
use crate::text::word_count;

/// The `[speakers]` table of a sidecar.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Overrides {
    /// `[[speakers.merge]] from = "RUSSO", into = "Anna Russo"`
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merge: Vec<Merge>,
    /// `[[speakers.rename]] from = "Q", to = "Cate Cadell"`
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rename: Vec<Rename>,
    /// `[[speakers.reassign]] start = 1234, speaker = "Moderator"` — `start` is a **byte** offset into the text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reassign: Vec<Reassign>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    pub from: String,
    pub into: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rename {
    pub from: String,
    pub to: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reassign {
    /// **Byte** offset of any character of the passage.
    pub start: usize,
    /// A speaker name or alias; a new speaker when no one answers to it; empty for narration.
    pub speaker: String,
}

impl Overrides {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.merge.is_empty() && self.rename.is_empty() && self.reassign.is_empty()
    }

    /// Applies the corrections and recounts. Merges and renames compose in
    /// the order they were made even though the sidecar keeps them in two
    /// lists: one that names a speaker not there yet (a merge into a name a
    /// rename gives) waits until a pass makes no more progress. Reassignments
    /// come last. Returns a message for each correction that names nobody.
    pub fn apply(&self, attribution: &mut Attribution, text: &str) -> Vec<String> {
        let mut problems = Vec::new();
        let mut merges: Vec<&Merge> = self.merge.iter().collect();
        let mut renames: Vec<&Rename> = self.rename.iter().collect();
        loop {
            let before = merges.len() + renames.len();
            merges.retain(|m| !apply_merge(attribution, m));
            renames.retain(|r| !apply_rename(attribution, r));
            if merges.len() + renames.len() == before {
                break;
            }
        }
        for merge in merges {
            problems.push(format!("speaker merge {:?} → {:?}: no such speaker", merge.from, merge.into));
        }
        for rename in renames {
            problems.push(format!("speaker rename {:?}: no such speaker", rename.from));
        }
        for reassign in &self.reassign {
            let target = if reassign.speaker.trim().is_empty() {
                None
            } else if let Some(id) = attribution.find(&reassign.speaker).first() {
                Some(*id)
            } else {
                attribution.speakers.push(Speaker {
                    name: sanitise_line(&reassign.speaker).into_owned(),
                    aliases: Vec::new(),
                    turns: 0,
                    words: 0,
                    first: 0,
                });
                Some(SpeakerId(attribution.speakers.len() - 1))
            };
            let index = attribution
                .passages
                .iter()
                .position(|p| p.range.contains(reassign.start) || p.label.is_some_and(|l| l.contains(reassign.start)));
            match index {
                Some(i) => {
                    let p = &mut attribution.passages[i];
                    p.speaker = target;
                    p.confidence = 1.0;
                    if target.is_some() && p.kind == PassageKind::Narration {
                        p.kind = PassageKind::Quote;
                    }
                }
                None => problems.push(format!("speaker reassignment at byte {}: no passage there", reassign.start)),
            }
        }
        recount(attribution, text);
        problems
    }
}

/// Merges two speakers; false when either is not there (yet).
fn apply_merge(attribution: &mut Attribution, merge: &Merge) -> bool {
    let (Some(from), Some(into)) =
        (attribution.find(&merge.from).first().copied(), attribution.find(&merge.into).first().copied())
    else {
        return false;
    };
    if from != into {
        let old = attribution.speakers[from.0].clone();
        let target = &mut attribution.speakers[into.0];
        target.aliases.push(old.name);
        target.aliases.extend(old.aliases);
        for p in &mut attribution.passages {
            if p.speaker == Some(from) {
                p.speaker = Some(into);
            }
        }
        // The merged speaker answers to nothing any more: its names live on as the target's aliases.
        let gone = &mut attribution.speakers[from.0];
        gone.name.clear();
        gone.aliases.clear();
    }
    true
}

/// Renames a speaker, keeping the old name as an alias; false when it is not there (yet).
fn apply_rename(attribution: &mut Attribution, rename: &Rename) -> bool {
    let Some(id) = attribution.find(&rename.from).first().copied() else { return false };
    let speaker = &mut attribution.speakers[id.0];
    // Names typed into a sidecar are untrusted like article text: shown, never obeyed.
    let old = std::mem::replace(&mut speaker.name, sanitise_line(&rename.to).into_owned());
    speaker.aliases.push(old);
    true
}

/// Recomputes turns, words and first appearance; drops speakers left with no passage.
pub fn recount(attribution: &mut Attribution, text: &str) {
    let mut used = vec![false; attribution.speakers.len()];
    for p in &attribution.passages {
        if let Some(id) = p.speaker {
            used[id.0] = true;
        }
    }
    let mut remap = vec![None; attribution.speakers.len()];
    let mut kept = Vec::new();
    for (i, speaker) in std::mem::take(&mut attribution.speakers).into_iter().enumerate() {
        if used[i] {
            remap[i] = Some(SpeakerId(kept.len()));
            kept.push(Speaker { turns: 0, words: 0, first: usize::MAX, ..speaker });
        }
    }
    let mut previous = None;
    for p in &mut attribution.passages {
        p.speaker = p.speaker.and_then(|id| remap[id.0]);
        if let Some(id) = p.speaker {
            let s = &mut kept[id.0];
            s.words += word_count(p.range.slice(text));
            s.first = s.first.min(p.label.map_or(p.range.start, |l| l.start));
            if p.label.is_some() || previous != Some(id) {
                s.turns += 1;
            }
        }
        if p.kind != PassageKind::Direction {
            previous = p.speaker;
        }
    }
    for s in &mut kept {
        s.aliases.sort();
        s.aliases.dedup();
        let name = s.name.clone();
        s.aliases.retain(|a| *a != name);
    }
    attribution.speakers = kept;
}
