//! Speaker detection measured on the fixture corpus (`tests/fixtures/speakers/`,
//! each document with a hand-checked `.truth.toml`) and on the two real seeds.

mod common;

use std::collections::BTreeSet;
use std::fmt::Write;

use gloss::document::Document;
use gloss::speaker::{self, Attribution, names};
use serde::Deserialize;

#[derive(Deserialize)]
struct Truth {
    convention: String,
    #[serde(default)]
    speaker: Vec<TruthSpeaker>,
    passage: Vec<TruthPassage>,
}

#[derive(Deserialize)]
struct TruthSpeaker {
    name: String,
    #[serde(default)]
    also: Vec<String>,
}

#[derive(Deserialize)]
struct TruthPassage {
    text: String,
    speaker: String,
}

/// Whether a detected speaker is the truth's speaker: any of their names agree, ignoring case and punctuation.
fn same_speaker(detected: &speaker::Speaker, truth: &TruthSpeaker) -> bool {
    let detected_keys: Vec<String> =
        std::iter::once(&detected.name).chain(&detected.aliases).map(|n| names::key(n)).collect();
    std::iter::once(&truth.name).chain(&truth.also).any(|n| detected_keys.contains(&names::key(n)))
}

struct Score {
    passages: usize,
    correct: usize,
    detected_speakers: usize,
    precise_speakers: usize,
    truth_speakers: usize,
    recalled_speakers: usize,
    misses: Vec<String>,
}

fn score(doc: &Document, attribution: &Attribution, truth: &Truth) -> Score {
    let mut misses = Vec::new();
    let mut correct = 0;
    for p in &truth.passage {
        let at = doc.text.find(&p.text).unwrap_or_else(|| panic!("fragment not in normalised text: {:?}", p.text));
        let got = attribution.passage_at(at).and_then(|x| x.speaker).map(|id| &attribution.speakers[id.0]);
        let ok = match (got, p.speaker.as_str()) {
            (None, "") => true,
            (Some(s), name) if !name.is_empty() => {
                let t = truth
                    .speaker
                    .iter()
                    .find(|t| t.name == name)
                    .unwrap_or_else(|| panic!("truth names unknown speaker {name}"));
                same_speaker(s, t)
            }
            _ => false,
        };
        if ok {
            correct += 1;
        } else {
            misses.push(format!("  {:?}: want {:?}, got {:?}", p.text, p.speaker, got.map(|s| &s.name)));
        }
    }
    let precise = attribution.speakers.iter().filter(|s| truth.speaker.iter().any(|t| same_speaker(s, t))).count();
    let recalled = truth.speaker.iter().filter(|t| attribution.speakers.iter().any(|s| same_speaker(s, t))).count();
    Score {
        passages: truth.passage.len(),
        correct,
        detected_speakers: attribution.speakers.len(),
        precise_speakers: precise,
        truth_speakers: truth.speaker.len(),
        recalled_speakers: recalled,
        misses,
    }
}

/// Figures of one corpus.
struct CorpusScore {
    accuracy: f64,
    precision: f64,
    recall: f64,
    conventions: usize,
    report: String,
}

#[test]
fn fixture_corpus_accuracy_is_at_least_97_percent() {
    let score = score_corpus("speakers");
    println!("{}", score.report);
    assert!(score.conventions >= 14, "at least 14 different conventions");
    assert!(score.accuracy >= 0.97, "accuracy {:.3} below 0.97:\n{}", score.accuracy, score.report);
    assert!(score.precision >= 0.9 && score.recall >= 0.9, "speakers:\n{}", score.report);
}

/// A second corpus, written after the detector and never used to tune it:
/// the honest measure of how the rules generalise.
#[test]
fn held_out_corpus_accuracy() {
    let score = score_corpus("speakers-holdout");
    println!("{}", score.report);
    assert!(score.accuracy >= 0.85, "held-out accuracy {:.3}:\n{}", score.accuracy, score.report);
}

/// One small invented document per convention named in issue #13, written
/// from the issue's descriptions before looking at how the detector fares,
/// and never used to tune it. Floor set under the first measurement.
#[test]
fn issue_13_conventions_held_out() {
    let score = score_corpus("conventions");
    println!("{}", score.report);
    assert!(score.conventions >= 10, "one document per convention");
    assert!(score.accuracy >= 0.9, "conventions accuracy {:.3}:\n{}", score.accuracy, score.report);
}

fn score_corpus(folder: &str) -> CorpusScore {
    let dir = common::fixture(folder);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e != "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "a corpus needs at least 10 documents");
    let mut conventions = BTreeSet::new();
    let (mut passages, mut correct, mut detected, mut precise, mut truth_total, mut recalled) = (0, 0, 0, 0, 0, 0);
    let mut report = String::new();
    for file in &files {
        let truth_path = file.with_extension("truth.toml");
        let truth: Truth = toml::from_str(&std::fs::read_to_string(&truth_path).unwrap()).unwrap();
        let doc = Document::load(file).unwrap();
        let attribution = speaker::detect(&doc);
        let s = score(&doc, &attribution, &truth);
        conventions.insert(truth.convention.clone());
        let _ = writeln!(
            report,
            "{:<36} {:>3}/{:<3} passages  speakers P {}/{} R {}/{}",
            file.file_name().unwrap().to_string_lossy(),
            s.correct,
            s.passages,
            s.precise_speakers,
            s.detected_speakers,
            s.recalled_speakers,
            s.truth_speakers
        );
        for miss in &s.misses {
            report.push_str(miss);
            report.push('\n');
        }
        passages += s.passages;
        correct += s.correct;
        detected += s.detected_speakers;
        precise += s.precise_speakers;
        truth_total += s.truth_speakers;
        recalled += s.recalled_speakers;
    }
    let accuracy = correct as f64 / passages as f64;
    let precision = precise as f64 / detected.max(1) as f64;
    let recall = recalled as f64 / truth_total.max(1) as f64;
    let _ = writeln!(
        report,
        "{folder}: passage attribution accuracy {accuracy:.3} ({correct}/{passages}); speaker precision {precision:.3} ({precise}/{detected}); recall {recall:.3} ({recalled}/{truth_total}); {} conventions",
        conventions.len()
    );
    CorpusScore { accuracy, precision, recall, conventions: conventions.len(), report }
}

fn speaker_named<'a>(attribution: &'a Attribution, name: &str) -> &'a speaker::Speaker {
    let ids = attribution.find(name);
    assert!(
        !ids.is_empty(),
        "no speaker {name:?} among {:#?}",
        attribution.speakers.iter().map(|s| (&s.name, &s.aliases)).collect::<Vec<_>>()
    );
    &attribution.speakers[ids[0].0]
}

#[test]
fn seed_transcript_questions_resolve_to_the_named_reporters() {
    let doc = Document::load(&common::seed(common::SEED_TRANSCRIPT)).unwrap();
    let attribution = speaker::detect(&doc);
    let reporters = ["Cate Cadell", "Christina Anderson", "Demetri"];
    let mut questions = 0;
    for p in attribution.passages.iter().filter(|p| p.label.is_some_and(|l| l.slice(&doc.text).starts_with('Q'))) {
        questions += 1;
        let speaker = &attribution.speakers[p.speaker.expect("every Q has a speaker").0];
        assert!(
            reporters.iter().any(|r| speaker.name.starts_with(r)),
            "Q at byte {} resolved to {:?}",
            p.range.start,
            speaker.name
        );
        assert!(speaker.answers_to("Q"));
    }
    assert_eq!(questions, 5, "the seed has five Q turns");
    assert_eq!(speaker_named(&attribution, "Cate Cadell").name, "Cate Cadell (Washington Post)");
    assert_eq!(speaker_named(&attribution, "Demetri").turns, 3, "Demetri asks two follow-ups");
    assert!(speaker_named(&attribution, "moderator").turns >= 4);
    assert!(speaker_named(&attribution, "senior administration official").turns >= 5);
    assert_eq!(attribution.speakers.len(), 5, "{:#?}", attribution.speakers);
}

#[test]
fn seed_news_quoted_people_are_speakers_with_their_passages() {
    let doc = Document::load(&common::seed(common::SEED_NEWS)).unwrap();
    let attribution = speaker::detect(&doc);
    let owner = |fragment: &str| {
        let at = doc.text.find(fragment).unwrap();
        attribution.passage_at(at).and_then(|p| p.speaker).map(|id| attribution.speakers[id.0].name.clone())
    };
    for (fragment, who) in [
        ("What we hope that today will do", "Jen Daskal"),
        ("reached common understanding on the work plan", "Wang Xiaohong"),
        ("is not manufactured by China", "Yu Haibin"),
        ("willing to actively participate", "Yu Haibin"),
        ("We will know if it works", "Jen Daskal"),
        ("my expectation is we will likely be", "Vanda Felbab-Brown"),
        ("U.S. policy toward Mexico", "Vanda Felbab-Brown"),
        ("we have to take it step by step", "Jen Daskal"),
        ("Fentanyl is different to other forms", "Jen Daskal"),
    ] {
        assert_eq!(owner(fragment).as_deref(), Some(who), "{fragment:?}");
    }
    for name in ["Daskal", "Wang Xiaohong", "Yu Haibin", "Felbab-Brown"] {
        assert!(speaker_named(&attribution, name).turns >= 1);
    }
    assert_eq!(owner("Fentanyl, an extremely lethal synthetic opioid"), None, "narration has no speaker");
}
