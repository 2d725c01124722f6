//! Turns in transcripts: splitting the readable body into units at labels,
//! deciding which label candidates are real, and walking the units to give
//! each turn its speaker — with the reporter behind a `Q` resolved from the
//! moderator's hand-off, the questioner behind `Q.` from `BY MR. X:`, and
//! the interviewee or witness behind `A`.

mod directions;
mod hand_off;
mod plan;
mod shapes;
mod units;

use shapes::{is_follow_up, is_reference_index, is_section_marker, is_stamp_line};

use std::collections::HashMap;

use directions::{is_credit, is_direction, leading_direction};
use hand_off::{HandOff, asks_who, hand_off, named_in_answer, self_introduction};

use super::label::{Label, LabelForm};
use super::registry::Registry;
use super::{Passage, PassageKind, SpeakerId, names};
use crate::document::Document;
use crate::text::ByteRange;

pub use plan::Plan;
pub use units::{Unit, units};

/// Walks the units in order, giving each transcript unit its speaker.
pub struct Walker<'a> {
    doc: &'a Document,
    plan: &'a Plan,
    current: Option<SpeakerId>,
    examiner: Option<SpeakerId>,
    reporter: Option<SpeakerId>,
    /// Unlabelled paragraphs since the last label of the document.
    after_last: usize,
    /// The last two paragraphs before a question, where a hand-off names the reporter.
    before_question: [Option<ByteRange>; 2],
    /// Labels already resolved, by their text as written.
    known_labels: HashMap<String, SpeakerId>,
    /// The last question turn, while its answer may still name the asker.
    question: Option<QuestionTurn>,
    /// Whether the current turn is a question (its paragraphs are no hand-off).
    in_question: bool,
    /// Whether the current question's asker is unknown (a bare `Q`).
    asker_unknown: bool,
    /// How the last question ended.
    last_ending: Ending,
    /// Passages of unnamed questions in a quick exchange (short answers
    /// between them): a reporter asked "Who are you with?" names them all.
    pressed: Vec<usize>,
    /// Words of the official's turn so far: a long answer ends the exchange.
    answer_words: usize,
    /// Passages to give to a reporter who just named themselves when asked.
    claim: Option<(SpeakerId, Vec<usize>)>,
}

/// How a question's last words end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ending {
    /// Asked in full.
    Asked,
    /// Broken off mid-sentence by the official: "Do you have any sense of why —".
    CutOff,
    /// Asking leave to ask another: "Can I follow up on the call?".
    AskedLeave,
}

impl Ending {
    fn of(text: &str) -> Self {
        let t = text.trim_end();
        if t.ends_with(['—', '–', '…']) || t.ends_with("--") || t.ends_with(" -") || t.ends_with("...") {
            return Self::CutOff;
        }
        // Only a question asks leave; most turns end otherwise, so no lowercase copy for them.
        if !t.ends_with('?') {
            return Self::Asked;
        }
        let lower = t.to_lowercase().replace('’', "'");
        let leave = ["can i follow", "may i follow", "could i follow", "one more", "a quick follow", "just a follow"];
        if lower.ends_with('?') && lower.split_whitespace().count() <= 14 && leave.iter().any(|p| lower.contains(p)) {
            return Self::AskedLeave;
        }
        Self::Asked
    }
}

/// An answer this long ends a quick exchange of questions.
const SHORT_ANSWER_WORDS: usize = 25;

/// A question turn whose asker is not known for sure: a later "Thanks,
/// Steve" in the answer names them.
struct QuestionTurn {
    /// Indices of its passages.
    passages: Vec<usize>,
    /// Whether the asker was only guessed (a bare `Q`, or a follow-up).
    open: bool,
    /// Whether an answer has begun since.
    answered: bool,
}

impl<'a> Walker<'a> {
    pub fn new(doc: &'a Document, plan: &'a Plan) -> Self {
        Self {
            doc,
            plan,
            current: None,
            examiner: None,
            reporter: None,
            after_last: 0,
            before_question: [None, None],
            known_labels: HashMap::new(),
            question: None,
            in_question: false,
            asker_unknown: false,
            last_ending: Ending::Asked,
            pressed: Vec::new(),
            answer_words: 0,
            claim: None,
        }
    }

    /// A heading ends the current turn.
    pub fn end_turn_at_heading(&mut self, kind: PassageKind) {
        if kind == PassageKind::Heading {
            self.current = None;
        }
    }

    fn speaker_for(&mut self, label: &Label, body: &str, registry: &mut Registry) -> Option<SpeakerId> {
        let plan = self.plan;
        match label.form {
            LabelForm::Examiner => {
                let id = registry.intern(&names::display(&label.name), Some(&label.name));
                self.examiner = Some(id);
                None
            }
            LabelForm::Question => {
                if let Some(examiner) = self.examiner {
                    registry.add_shared_alias(examiner, "Q");
                    return Some(examiner);
                }
                let mut open = false;
                // An interview's questions are all the interviewer's: no hand-offs to look for.
                if plan.has_questions && plan.interviewer.is_none() {
                    open = self.note_hand_off(body, registry);
                }
                self.question = Some(QuestionTurn { passages: Vec::new(), open, answered: false });
                self.asker_unknown = self.reporter.is_none() && plan.interviewer.is_none();
                Some(if let Some(reporter) = self.reporter {
                    reporter
                } else if let Some(interviewer) = &plan.interviewer {
                    registry.intern(interviewer, Some(&label.name))
                } else {
                    registry.intern("Q", None)
                })
            }
            LabelForm::Answer => Some(match &plan.answerer {
                Some(name) => {
                    let id = registry.intern(name, Some("A"));
                    if self.examiner.is_some() {
                        registry.add_alias(id, "THE WITNESS");
                    }
                    id
                }
                None => registry.intern("A", None),
            }),
            _ => Some(self.named_speaker(label, registry)),
        }
    }

    fn named_speaker(&mut self, label: &Label, registry: &mut Registry) -> SpeakerId {
        if let Some(id) = self.known_labels.get(&label.name) {
            return registry.resolve(*id);
        }
        let id = match self.plan.misread.get(&label.name) {
            Some(meant) => {
                let id = self.resolve_named_speaker(&Label { name: meant.clone(), ..label.clone() }, registry);
                registry.add_alias(id, &label.name);
                id
            }
            None => self.resolve_named_speaker(label, registry),
        };
        self.known_labels.insert(label.name.clone(), id);
        id
    }

    fn resolve_named_speaker(&self, label: &Label, registry: &mut Registry) -> SpeakerId {
        let key = names::key(&label.name);
        if let Some(id) = registry.lookup(&key) {
            registry.add_alias(id, &label.name);
            return id;
        }
        // `The CHAIRMAN` is the chairman of the front matter; `THE WITNESS` the deponent.
        if matches!(key.as_str(), "the chairman" | "the chairwoman" | "the chair") {
            let chair = registry.ids().find(|id| {
                let k = names::key(&registry.entry(*id).name);
                ["chairman ", "chairwoman ", "chair "].iter().any(|t| k.starts_with(t))
            });
            if let Some(id) = chair {
                registry.add_alias(id, &label.name);
                return id;
            }
        }
        if matches!(key.as_str(), "the chairman" | "the chairwoman" | "the chair")
            && let Some(chairman) = &self.plan.chairman
        {
            return registry.intern(chairman, Some(&label.name));
        }
        if key == "the witness"
            && let Some(witness) = &self.plan.answerer
        {
            return registry.intern(witness, Some(&label.name));
        }
        // A surname alone, after the full name: `RUSSO` after `ANNA RUSSO, HOST`.
        let bare = names::bare_key(&key).to_owned();
        if !bare.contains(' ') {
            let matches: Vec<SpeakerId> = registry
                .ids()
                .filter(|id| {
                    let entry_key = names::key(&registry.entry(*id).name);
                    let entry_bare = names::bare_key(&entry_key);
                    entry_bare != bare && entry_bare.rsplit(' ').next() == Some(bare.as_str())
                        // `Ms. Leavitt` and a bare `LEAVITT:` (or the other way round) are one person.
                        || (entry_bare == bare && entry_key != key && names::has_honorific(&key) != names::has_honorific(&entry_key))
                })
                .collect();
            if let [only] = matches[..] {
                registry.add_alias(only, &label.name);
                return only;
            }
        }
        let display = names::display(&label.name);
        let id = registry.intern(&display, Some(&label.name));
        if let Some(role) = &label.role {
            registry.add_alias(id, &format!("{}, {role}", label.name));
        }
        id
    }

    /// Takes a unit if it belongs to a transcript turn; otherwise leaves it to prose.
    pub fn take(&mut self, index: usize, unit: &Unit, registry: &mut Registry, passages: &mut Vec<Passage>) -> bool {
        let accepted = self.plan.is_accepted(index);
        let text = &self.doc.text;
        let in_transcript = self.plan.first_label.is_some_and(|first| index >= first);
        if let Some(label) = unit.label.as_ref().filter(|_| accepted || in_transcript)
            && is_section_marker(label, &text[label.range.end..unit.range.end])
        {
            // `**Song:** [04:47]`, `**Break:** [17:42]`: a marker in the
            // recording, not a speaker; whoever was speaking goes on, unless
            // the marker opens the word index, where nobody speaks any more.
            if is_reference_index(&text[label.range.end..unit.range.end]) {
                self.current = None;
            }
            passages.push(Passage::unspoken(PassageKind::Direction, unit.range, unit.block));
            return true;
        }
        if let (true, Some(label)) = (accepted, unit.label.as_ref()) {
            let body = ByteRange::new(label.range.end, unit.range.end);
            let skip = body.slice(text).len() - body.slice(text).trim_start().len();
            let body = ByteRange::new(body.start + skip, body.end);
            let speaker = self.speaker_for(label, body.slice(text), registry);
            if label.form == LabelForm::Examiner {
                passages.push(Passage::unspoken(PassageKind::Direction, label.range, unit.block));
                self.current = None;
                return true;
            }
            self.current = speaker;
            self.in_question = label.form == LabelForm::Question;
            self.settle_claim(passages);
            if label.form != LabelForm::Question {
                self.remember_for_hand_off(body);
                self.name_the_asker(body.slice(text), registry, passages);
                self.answer_words = 0;
                self.count_answer_words(body.slice(text));
            }
            let mut range = if body.is_empty() { ByteRange::new(label.range.end, label.range.end) } else { body };
            // `THE DOCTOR. [Sitting.] I'm obliged.` — a stage direction before the speech is nobody's.
            if let Some(direction_len) = leading_direction(range.slice(text)) {
                let direction = ByteRange::new(range.start, range.start + direction_len);
                let rest = range.slice(text)[direction_len..].trim_start();
                passages.push(Passage::unspoken(PassageKind::Direction, direction, unit.block));
                if rest.is_empty() {
                    return true;
                }
                range = ByteRange::new(range.end - rest.len(), range.end);
            }
            if self.in_question {
                self.note_question_passage(passages.len(), range.slice(text));
            }
            passages.push(Passage {
                kind: PassageKind::Turn,
                range,
                label: Some(label.range),
                speaker,
                confidence: 0.95,
                block: unit.block,
                turn_start: true,
            });
            return true;
        }
        if !in_transcript {
            return false;
        }
        if unit.label.as_ref().is_some_and(|l| l.form == LabelForm::HeadingLike) || unit.heading {
            self.current = None;
            return false;
        }
        let unit_text = unit.range.slice(text);
        if is_direction(unit_text, self.plan) || is_stamp_line(unit_text) {
            passages.push(Passage::unspoken(PassageKind::Direction, unit.range, unit.block));
            return true;
        }
        let Some(current) = self.current else { return false };
        if self.plan.last_label.is_some_and(|last| index > last) {
            self.after_last += 1;
            if self.after_last > self.plan.longest_turn.max(1) || is_credit(unit_text) {
                self.current = None;
                return false;
            }
        }
        if self.in_question {
            self.note_question_passage(passages.len(), unit_text);
        } else {
            self.remember_for_hand_off(unit.range);
            self.count_answer_words(unit_text);
        }
        passages.push(Passage {
            kind: PassageKind::Turn,
            range: unit.range,
            label: None,
            speaker: Some(current),
            confidence: 0.9,
            block: unit.block,
            turn_start: false,
        });
        true
    }

    /// Records passage `index` of the question being asked, with its `text`.
    fn note_question_passage(&mut self, index: usize, text: &str) {
        if let Some(q) = self.question.as_mut().filter(|q| !q.answered) {
            q.passages.push(index);
        }
        if self.asker_unknown {
            self.pressed.push(index);
        }
        self.last_ending = Ending::of(text);
    }

    /// Keeps the last two paragraphs of non-reporters: a `Q` looks there for
    /// the hand-off that names it, so hand-offs are searched once per question.
    fn remember_for_hand_off(&mut self, range: ByteRange) {
        self.before_question = [Some(range), self.before_question[0]];
    }

    /// Finds who asks a question: the reporter introducing themselves, the
    /// one the moderator just named, or — with no hand-off at all — the
    /// reporter who holds the floor, if the question reads as a follow-up.
    /// A hand-off to nobody named leaves a bare `Q`. Returns whether the
    /// asker is still open to be named by the answer.
    fn note_hand_off(&mut self, question: &str, registry: &mut Registry) -> bool {
        // "— that the tolls will rise": a question cut off goes on, whoever was just called.
        if self.last_ending == Ending::CutOff && question.trim_start().starts_with(['—', '–', '-', '…']) {
            return self.reporter.is_none();
        }
        // "Go ahead." to a reporter who was cut off lets the same one start again;
        // "One more." after "Can I follow up?" lets the same one ask again.
        let starts_again = match self.last_ending {
            Ending::CutOff => self.answer_words <= 3,
            Ending::AskedLeave => self.answer_words <= 12,
            Ending::Asked => false,
        };
        let candidates = std::mem::take(&mut self.before_question);
        let consecutive = self.question.as_ref().is_some_and(|q| !q.answered);
        let introduced = self_introduction(question);
        // "Who are you with?" — "I'm …": the answer names whoever pressed the questions before it.
        let asked_who = introduced.is_some() && candidates[0].is_some_and(|r| asks_who(r.slice(&self.doc.text)));
        let found =
            introduced.or_else(|| candidates.iter().flatten().find_map(|range| hand_off(range.slice(&self.doc.text))));
        // Any hand-off gives the floor anew: the exchange before it is over.
        let pressed = if found.is_some() { std::mem::take(&mut self.pressed) } else { Vec::new() };
        let (name, outlet) = match found {
            Some(HandOff::Reporter { name, outlet }) => (name, outlet),
            Some(HandOff::Outlet(outlet)) => (format!("{outlet} reporter"), None),
            Some(HandOff::Unnamed) => {
                if !starts_again {
                    self.reporter = None;
                }
                return self.reporter.is_none();
            }
            None => {
                if !(consecutive || starts_again || is_follow_up(question)) {
                    self.reporter = None;
                }
                return true;
            }
        };
        let display = match &outlet {
            Some(outlet) => format!("{name} ({outlet})"),
            None => name.clone(),
        };
        // "Go ahead, Lena." after "… goes to Lena Marsh …": the reporter already known.
        let known = (outlet.is_none() && registry.lookup(&names::key(&name)).is_none())
            .then(|| registry.only_reporter_named(&name))
            .flatten();
        let id = known.unwrap_or_else(|| registry.intern(&display, None));
        registry.add_shared_alias(id, "Q");
        registry.add_alias(id, &name);
        self.reporter = Some(id);
        if asked_who {
            self.claim = Some((id, pressed));
        }
        false
    }

    /// Gives the questions of a quick exchange to the reporter who just
    /// named themselves when asked who they were.
    fn settle_claim(&mut self, passages: &mut [Passage]) {
        if let Some((id, pressed)) = self.claim.take() {
            for i in pressed {
                if let Some(p) = passages.get_mut(i) {
                    p.speaker = Some(id);
                }
            }
        }
    }

    /// Counts an official's words; past a short answer, the quick exchange of
    /// questions before it is over.
    fn count_answer_words(&mut self, text: &str) {
        // Past the bound the count no longer matters: no pass over the rest of a long answer.
        if self.answer_words > SHORT_ANSWER_WORDS {
            return;
        }
        self.answer_words += crate::text::word_count_up_to(text, SHORT_ANSWER_WORDS - self.answer_words);
        if self.answer_words > SHORT_ANSWER_WORDS {
            self.pressed.clear();
        }
    }

    /// An answer that names the asker of an unnamed question ("Difficult to
    /// know, Steve.") gives that question — and the follow-ups — to them.
    fn name_the_asker(&mut self, answer: &str, registry: &mut Registry, passages: &mut [Passage]) {
        let Some(q) = self.question.as_mut() else { return };
        let first_answer = !q.answered;
        q.answered = true;
        if !(first_answer && q.open && !q.passages.is_empty()) {
            return;
        }
        let Some(name) = named_in_answer(answer) else { return };
        // "No. Go ahead, Omar." gives the floor to the next reporter: it names nobody who asked.
        if let Some(HandOff::Reporter { name: next, .. }) = hand_off(answer)
            && names::key(&next) == names::key(&name)
        {
            return;
        }
        // A name the document uses as a label is an official, not the asker.
        if registry.lookup(&names::key(&name)).is_some_and(|id| !registry.entry(id).aliases.iter().any(|a| a == "Q")) {
            return;
        }
        // "… today, Lena, …" after "… goes to Lena Marsh …": the reporter already known.
        let id = match registry.only_reporter_named(&name) {
            Some(id) if registry.lookup(&names::key(&name)).is_none() => id,
            _ => registry.intern(&name, None),
        };
        registry.add_alias(id, &name);
        registry.add_shared_alias(id, "Q");
        for &i in &q.passages {
            if let Some(p) = passages.get_mut(i) {
                p.speaker = Some(id);
            }
        }
        self.reporter = Some(id);
    }
}

#[cfg(test)]
mod tests;
