//! A window of a big article, read apart while the whole is still being
//! indexed (`G`, `50%`, a search hit), must show what the whole will show
//! there: the same text, the same blocks wrapped into the same rows, and, in
//! a transcript, the same speaker for every passage once a label in the
//! window has said who speaks. Otherwise the screen would jump or change
//! speakers under the reader when the whole arrives. Only what the window
//! cannot know may change then: who speaks the passages above its first
//! label, and in news prose who "Marsh said" is (a name given in full before
//! the window). Checked at random cut points in generated (invented)
//! transcripts and news prose.

use std::path::PathBuf;
use std::sync::LazyLock;

use gloss::document::{DEFAULT_MAX_FILE_BYTES, Document};
use gloss::speaker::{self, Attribution, Passage};
use gloss::text::{ByteRange, wrap};
use proptest::prelude::*;

#[path = "../benches/corpus.rs"]
#[allow(dead_code, reason = "the benchmarks use more of it")]
mod corpus;

/// A generated article, written to a file, opened whole once.
struct Whole {
    _dir: tempfile::TempDir,
    path: PathBuf,
    size: u64,
    doc: Document,
    attribution: Attribution,
}

/// Big enough to be read in windows (past `PREVIEW_ABOVE_BYTES`).
const ARTICLE_BYTES: usize = 3 << 20;

fn whole(text: &str) -> Whole {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    std::fs::write(&path, text).unwrap();
    let doc = Document::load(&path).unwrap();
    let attribution = speaker::detect(&doc);
    Whole { size: text.len() as u64, _dir: dir, path, doc, attribution }
}

static TRANSCRIPT: LazyLock<Whole> = LazyLock::new(|| whole(&corpus::transcript(ARTICLE_BYTES)));
static NEWS: LazyLock<Whole> = LazyLock::new(|| whole(&corpus::news(ARTICLE_BYTES)));

/// The speaker's name, for a message.
fn name(a: &Attribution, p: &Passage) -> String {
    p.speaker.map_or_else(|| "nobody".to_owned(), |id| a.speakers[id.0].name.clone())
}

/// What a check compared: blocks, and passages with their speakers.
struct Compared {
    blocks: usize,
    passages: usize,
}

/// Checks the window of `whole` read from **byte** `at` of its file against
/// the whole: its text and rows, and with `speakers` its passages' speakers.
fn window_matches_the_whole(whole: &Whole, at: u64, width: usize, speakers: bool) -> Result<Compared, TestCaseError> {
    let part = Document::load_part_at(&whole.path, DEFAULT_MAX_FILE_BYTES, at).unwrap();
    let Some(part) = part else { return Err(TestCaseError::fail(format!("no window at {at}"))) };
    let attribution = speaker::detect(&part);
    // The same text: the window is a piece of the whole, whole lines of it.
    let Some(base) = whole.doc.text.find(&part.text) else {
        return Err(TestCaseError::fail(format!("the window at {at} is not a piece of the whole text")));
    };
    let shifted = |r: ByteRange| ByteRange::new(r.start + base, r.end + base);
    // The first and last blocks may be pieces of longer ones: the window cuts them.
    let inner = 1..part.blocks.len().saturating_sub(1);
    prop_assume!(!inner.is_empty());
    for block in &part.blocks[inner.clone()] {
        let range = shifted(block.range);
        let Some(theirs) = whole.doc.blocks.iter().find(|b| b.range == range) else {
            return Err(TestCaseError::fail(format!("block {range:?} of the window at {at} is not one of the whole")));
        };
        prop_assert_eq!(theirs.kind, block.kind, "block {:?}", range);
        prop_assert_eq!(theirs.boilerplate, block.boilerplate, "block {:?}", range);
        let rows: Vec<ByteRange> = wrap(&part.text, block.range, width).map(|l| shifted(l.range)).collect();
        let whole_rows: Vec<ByteRange> = wrap(&whole.doc.text, range, width).map(|l| l.range).collect();
        prop_assert_eq!(rows, whole_rows, "rows of block {:?} at width {}", range, width);
    }
    // The same speakers, from the window's first label on.
    let (first_block, last_block) = (inner.start, inner.end);
    let mut compared = Compared { blocks: inner.len(), passages: 0 };
    let first_label = attribution.passages.iter().position(|p| p.label.is_some() && p.block >= first_block);
    let Some(first_label) = first_label.filter(|_| speakers) else { return Ok(compared) };
    for p in attribution.passages[first_label..].iter().filter(|p| p.block < last_block) {
        compared.passages += 1;
        let range = shifted(p.range);
        let Some(theirs) = whole.attribution.passages.iter().find(|q| q.range == range) else {
            return Err(TestCaseError::fail(format!(
                "passage {range:?} of the window at {at} is not one of the whole"
            )));
        };
        prop_assert_eq!(
            theirs.kind,
            p.kind,
            "passage {:?} ({:?}), the window says {}, the whole {}",
            range,
            p.range.slice(&part.text),
            name(&attribution, p),
            name(&whole.attribution, theirs)
        );
        let same = match (p.speaker, theirs.speaker) {
            (None, None) => true,
            (Some(mine), Some(id)) => whole.attribution.speakers[id.0].answers_to(&attribution.speakers[mine.0].name),
            _ => false,
        };
        prop_assert!(
            same,
            "passage {:?} ({:?}): the window says {}, the whole {}",
            range,
            p.range.slice(&part.text).chars().take(60).collect::<String>(),
            name(&attribution, p),
            name(&whole.attribution, theirs)
        );
    }
    Ok(compared)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_window_of_a_transcript_shows_what_the_whole_shows_there(per_mille in 0u64..1000, width in 12usize..140) {
        let whole = &*TRANSCRIPT;
        let compared = window_matches_the_whole(whole, whole.size * per_mille / 1000, width, true)?;
        prop_assert!(compared.passages > 100, "a window of many turns compared {} passages", compared.passages);
    }

    #[test]
    fn a_window_of_news_prose_shows_what_the_whole_shows_there(per_mille in 0u64..1000, width in 12usize..140) {
        let whole = &*NEWS;
        let compared = window_matches_the_whole(whole, whole.size * per_mille / 1000, width, false)?;
        prop_assert!(compared.blocks > 100, "a window of many paragraphs compared {} blocks", compared.blocks);
    }
}
