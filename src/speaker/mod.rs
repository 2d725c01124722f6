//! Who speaks every passage: transcript labels ([`label`], [`transcript`])
//! and quotes attributed in news prose ([`prose`]) feed one speaker model:
//! a canonical name, its aliases, and the passages it owns.
//!
//! [`detect`] tags a [`Document`]'s readable body with [`Passage`]s in
//! document order; each carries the speaker (or none, for narration) and a
//! confidence. Cost is linear in the text.

pub mod filter;
pub mod label;
pub mod names;
pub mod overrides;
mod prose;
mod registry;
mod stop_words;
mod transcript;

use serde::Serialize;

use crate::document::{BlockKind, Document};
use crate::text::{ByteRange, word_count};

pub use overrides::Overrides;

/// Index of a speaker in [`Attribution::speakers`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct SpeakerId(pub usize);

/// One person, role or organisation that speaks.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Speaker {
    /// The canonical name: `Moderator`, `Cate Cadell (Washington Post)`, `Jen Daskal`.
    pub name: String,
    /// Other names for the same speaker: labels as written, surnames, `Q`.
    pub aliases: Vec<String>,
    /// Turns in a transcript, attributed passages in prose.
    pub turns: usize,
    pub words: usize,
    /// **Byte** offset of the first passage.
    pub first: usize,
}

impl Speaker {
    /// Whether `name` is this speaker's name or an alias, ignoring case.
    #[must_use]
    pub fn answers_to(&self, name: &str) -> bool {
        let wanted = name.trim();
        self.name.eq_ignore_ascii_case(wanted)
            || self.name.to_lowercase() == wanted.to_lowercase()
            || self.aliases.iter().any(|a| a.to_lowercase() == wanted.to_lowercase())
    }
}

/// What a passage is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PassageKind {
    Title,
    Heading,
    Meta,
    /// Speech in a transcript turn.
    Turn,
    /// Prose attributed to a speaker that quotes them directly (quote marks).
    Quote,
    /// Prose attributed to a speaker that reports their words without quote
    /// marks (`Ade said the plan would hold`): what they said, not how.
    Paraphrase,
    /// Prose with no speaker.
    Narration,
    /// Stage directions, `(Laughter.)`, time stamps, page slugs: inside turns, spoken by nobody.
    Direction,
}

/// A run of text with one speaker (or none).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Passage {
    pub kind: PassageKind,
    /// **Byte** range of the passage text (without the speaker label).
    pub range: ByteRange,
    /// **Byte** range of the label that opened the turn, if any.
    pub label: Option<ByteRange>,
    pub speaker: Option<SpeakerId>,
    /// 0.0–1.0: how sure the detector is of `speaker`.
    pub confidence: f32,
    /// Index of the block the passage lies in.
    pub block: usize,
    /// The first passage of a turn (a label, or a new speaker in prose).
    pub turn_start: bool,
}

/// Below this confidence an attribution is a guess from context (the speaker
/// of the paragraph before, "a spokeswoman said"), not read from a label, a
/// `"…," Ade said` or a pronoun: the reader marks such passages quietly.
/// (Paraphrases score lower than quotes too; they have a mark of their own.)
pub const SURE: f32 = 0.7;

/// How a speaker's passages were attributed, for the speaker pane.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sourcing {
    pub passages: usize,
    /// Reported without quote marks ([`PassageKind::Paraphrase`]).
    pub paraphrased: usize,
    /// Attributed with a confidence below [`SURE`].
    pub inferred: usize,
}

impl Sourcing {
    /// Every passage is a paraphrase: never quoted in their own words.
    #[must_use]
    pub fn only_paraphrased(self) -> bool {
        self.passages > 0 && self.paraphrased == self.passages
    }

    /// Most passages were inferred from context.
    #[must_use]
    pub fn mostly_inferred(self) -> bool {
        self.passages > 0 && self.inferred * 2 > self.passages
    }
}

impl Passage {
    /// Where the passage's turn begins, in **bytes**: at its label when it has one.
    #[must_use]
    pub fn turn_begins(&self) -> usize {
        self.label.map_or(self.range.start, |l| l.start.min(self.range.start))
    }

    /// Whether the speaker was inferred from context rather than read from the text.
    #[must_use]
    pub fn is_inferred(&self) -> bool {
        self.speaker.is_some() && self.confidence < SURE
    }

    /// A passage spoken by nobody: title, heading, meta line, direction.
    #[must_use]
    pub fn unspoken(kind: PassageKind, range: ByteRange, block: usize) -> Self {
        Self { kind, range, label: None, speaker: None, confidence: 1.0, block, turn_start: false }
    }
}

/// Every passage of a document's readable body, and its speakers.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Attribution {
    pub speakers: Vec<Speaker>,
    pub passages: Vec<Passage>,
}

impl Attribution {
    #[must_use]
    pub fn speaker(&self, id: SpeakerId) -> Option<&Speaker> {
        self.speakers.get(id.0)
    }

    /// How the passages of every speaker were attributed, by [`SpeakerId`].
    #[must_use]
    pub fn sourcing(&self) -> Vec<Sourcing> {
        let mut all = vec![Sourcing::default(); self.speakers.len()];
        for p in &self.passages {
            let Some(s) = p.speaker.and_then(|id| all.get_mut(id.0)) else { continue };
            s.passages += 1;
            s.paraphrased += usize::from(p.kind == PassageKind::Paraphrase);
            s.inferred += usize::from(p.is_inferred());
        }
        all
    }

    /// Speakers whose name or alias is `name`, ignoring case; failing that,
    /// the one speaker with `name` as a whole word of a name ("marit" for
    /// "Marit Solvang-Reyes").
    #[must_use]
    pub fn find(&self, name: &str) -> Vec<SpeakerId> {
        let exact: Vec<SpeakerId> =
            (0..self.speakers.len()).map(SpeakerId).filter(|id| self.speakers[id.0].answers_to(name)).collect();
        if !exact.is_empty() {
            return exact;
        }
        let wanted = names::key(name);
        let partial: Vec<SpeakerId> = (0..self.speakers.len())
            .map(SpeakerId)
            .filter(|id| {
                let s = &self.speakers[id.0];
                std::iter::once(&s.name).chain(&s.aliases).any(|n| {
                    let key = names::key(n);
                    !wanted.is_empty()
                        && (key.split(' ').any(|w| w == wanted) || key.starts_with(&format!("{wanted} ")))
                })
            })
            .collect();
        if partial.len() == 1 { partial } else { Vec::new() }
    }

    /// The passage containing **byte** `offset`, if any.
    #[must_use]
    pub fn passage_at(&self, offset: usize) -> Option<&Passage> {
        let i = self.passages.partition_point(|p| p.range.end <= offset);
        self.passages.get(i).filter(|p| p.range.start <= offset || p.label.is_some_and(|l| l.start <= offset))
    }

    /// Speaker ids in order of first appearance.
    #[must_use]
    pub fn by_appearance(&self) -> Vec<SpeakerId> {
        let mut ids: Vec<SpeakerId> = (0..self.speakers.len()).map(SpeakerId).collect();
        ids.sort_by_key(|id| self.speakers[id.0].first);
        ids
    }

    /// Total words of attributed passages.
    #[must_use]
    pub fn total_words(&self) -> usize {
        self.speakers.iter().map(|s| s.words).sum()
    }
}

/// Detects the speakers of a document.
#[must_use]
pub fn detect(doc: &Document) -> Attribution {
    let mut registry = registry::Registry::default();
    let units = transcript::units(doc);
    // About one passage a unit: sized once rather than doubled up to a big file's count.
    let mut passages = Vec::with_capacity(units.len() + units.len() / 16);
    let plan = transcript::Plan::new(doc, &units);
    let mut prose_state = prose::State::default();
    let mut walker = transcript::Walker::new(doc, &plan);
    for (index, unit) in units.iter().enumerate() {
        let block = &doc.blocks[unit.block];
        let labelled = plan.is_accepted(index);
        if !labelled && plan.is_repeated(unit.range.slice(&doc.text)) {
            // A running page header is not a heading: the turn goes on past it.
            passages.push(Passage::unspoken(PassageKind::Direction, unit.range, unit.block));
            continue;
        }
        let kind = match block.kind {
            BlockKind::Title => Some(PassageKind::Title),
            BlockKind::Heading { .. } if !labelled => Some(PassageKind::Heading),
            BlockKind::Meta if !labelled => Some(PassageKind::Meta),
            // A cue time sits inside a conversation: it must not end the turn.
            BlockKind::Time => Some(PassageKind::Meta),
            _ if unit.heading => Some(PassageKind::Heading),
            _ => None,
        };
        if let Some(kind) = kind {
            walker.end_turn_at_heading(kind);
            passages.push(Passage::unspoken(kind, unit.range, unit.block));
            continue;
        }
        if walker.take(index, unit, &mut registry, &mut passages) {
            continue;
        }
        let list_item = block.kind == BlockKind::ListItem;
        prose::attribute(&doc.text, unit.range, unit.block, list_item, &mut prose_state, &mut registry, &mut passages);
    }
    prose::resolve_descriptions(&doc.text, &mut registry, &mut passages);
    finish(doc, registry, passages)
}

/// Merges speakers the registry decided are one, drops unused ones, and counts.
fn finish(doc: &Document, registry: registry::Registry, mut passages: Vec<Passage>) -> Attribution {
    passages.shrink_to_fit();
    let (mut speakers, remap) = registry.into_speakers(&passages);
    for p in &mut passages {
        p.speaker = p.speaker.and_then(|id| remap[id.0]);
    }
    for s in &mut speakers {
        s.first = usize::MAX;
    }
    // Counting words reads the whole text again: two threads share it.
    let words = crate::parallel::map_in_halves(&passages, 8192, |_, p| {
        if p.speaker.is_some() { word_count(p.range.slice(&doc.text)) } else { 0 }
    });
    let mut previous: Option<SpeakerId> = None;
    for (p, words) in passages.iter_mut().zip(words) {
        if let Some(id) = p.speaker {
            let s = &mut speakers[id.0];
            s.words += words;
            s.first = s.first.min(p.label.map_or(p.range.start, |l| l.start));
            if p.label.is_some()
                || (matches!(p.kind, PassageKind::Quote | PassageKind::Paraphrase) && previous != Some(id))
            {
                p.turn_start = true;
            }
            if p.turn_start {
                s.turns += 1;
            }
        }
        if p.kind != PassageKind::Direction {
            previous = p.speaker;
        }
    }
    Attribution { speakers, passages }
}

#[cfg(test)]
mod tests;

/// **Byte** offsets inside `block` where a later turn begins, given the
/// passages of that block in order. A paragraph that holds several turns (a
/// Markdown transcript whose turns sit on consecutive lines) is shown and
/// printed one turn per paragraph: the reader and `gloss show` cut it here.
/// Only at labels: a news paragraph that quotes a second person stays whole.
pub fn turn_cuts(own: &[Passage], block: ByteRange) -> impl Iterator<Item = usize> + '_ {
    own.iter()
        .filter(|p| p.turn_start && p.label.is_some())
        .map(Passage::turn_begins)
        .filter(move |at| *at > block.start && *at < block.end)
}
