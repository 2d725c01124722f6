//! Quoted elsewhere on an invented library: a story quoting a briefing
//! verbatim (across a line break, with a curly apostrophe for a straight
//! one), a digest paraphrasing it, and a council story that shares only
//! common words with it and must never be listed.

use std::path::{Path, PathBuf};

use super::*;
use crate::config::Location;
use crate::index::schema::Fields;

const BRIEFING: &str = "briefing-northern-channel.md";
const STORY: &str = "story-lights-and-dredgers.md";
const DIGEST: &str = "digest-week-on-the-water.md";
const COUNCIL: &str = "council-school-roof.md";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quoted")
}

/// The fixture library copied to `dir/lib`, indexed in `dir/cache`.
fn indexed(dir: &Path) -> LibraryIndex {
    let lib = dir.join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    for entry in std::fs::read_dir(fixtures()).unwrap().flatten() {
        std::fs::copy(entry.path(), lib.join(entry.file_name())).unwrap();
    }
    let location = Location {
        library: lib.clone(),
        annotations: lib.join("annotations"),
        root: lib,
        max_file_bytes: crate::document::DEFAULT_MAX_FILE_BYTES,
        warnings: Vec::new(),
    };
    let mut index = LibraryIndex::open_in(&location, &dir.join("cache")).unwrap();
    index.update(&mut |_, _| {}).unwrap();
    index
}

/// The text of the passage of `article` holding `words`, as the reader would pick it at the cursor.
fn passage_with(dir: &Path, article: &str, words: &str) -> String {
    let doc = Document::load(&dir.join("lib").join(article)).unwrap();
    let attribution = crate::speaker::detect(&doc);
    let at = doc.text.find(words).unwrap_or_else(|| panic!("{words:?} in {article}"));
    let range = passage_range(&doc, &attribution, at).unwrap();
    doc.text[range.start..range.end].to_owned()
}

fn found(echoes: &[Echo]) -> Vec<(&str, EchoKind)> {
    echoes.iter().map(|e| (e.hit.article.as_str(), e.kind)).collect()
}

#[test]
fn a_story_finds_the_briefing_it_quotes_and_the_digest_that_paraphrases_it() {
    let dir = tempfile::tempdir().unwrap();
    let index = indexed(dir.path());
    let passage = passage_with(dir.path(), STORY, "we’ve set aside");
    let echoes = index.quoted_elsewhere(STORY, &passage, 20).unwrap();
    // The briefing twice: its statement, and the later turn repeating the first clause.
    assert_eq!(
        found(&echoes),
        [(BRIEFING, EchoKind::Quote), (BRIEFING, EchoKind::Quote), (DIGEST, EchoKind::Paraphrase)],
        "{echoes:#?}"
    );
    assert_eq!(echoes[1].run_words, 10, "the dredging of the northern channel will begin in april");
    let quote = &echoes[0];
    let briefing = Document::load(&dir.path().join("lib").join(BRIEFING)).unwrap();
    assert_eq!(
        &briefing.text[quote.shared_start..quote.shared_end],
        "The dredging of the northern channel will begin in April, and we've set aside four million crowns for the new breakwater lights"
    );
    assert!(quote.hit.start <= quote.shared_start && quote.shared_end <= quote.hit.end);
    assert_eq!(quote.run_words, 23, "we’ve is two words, as in the index");
    assert_eq!(quote.hit.date.as_deref(), Some("2025-03-04"));
    assert_eq!(quote.hit.speaker.as_deref(), Some("Ms. Halvorsen"), "{quote:#?}");
    assert!(quote.hit.snippet.text.contains("northern channel"), "{:?}", quote.hit.snippet);
    assert!(!quote.hit.snippet.highlights.is_empty());
    assert!(echoes[2].overlap >= MIN_OVERLAP, "{:?}", echoes[2]);
}

#[test]
fn the_briefing_finds_the_quote_across_a_line_break_and_never_itself() {
    let dir = tempfile::tempdir().unwrap();
    let index = indexed(dir.path());
    let passage = passage_with(dir.path(), BRIEFING, "breakwater lights");
    let echoes = index.quoted_elsewhere(BRIEFING, &passage, 20).unwrap();
    // The briefing's own later turn repeats the words: not listed, it is the same article.
    assert_eq!(found(&echoes), [(STORY, EchoKind::Quote), (DIGEST, EchoKind::Paraphrase)], "{echoes:#?}");
    let story = Document::load(&dir.path().join("lib").join(STORY)).unwrap();
    let shared = &story.text[echoes[0].shared_start..echoes[0].shared_end];
    assert!(shared.starts_with("The dredging") && shared.ends_with("breakwater lights"), "{shared:?}");
    // The file breaks the line inside the quote; the words are found all the same.
    assert!(std::fs::read_to_string(fixtures().join(STORY)).unwrap().contains("aside\nfour"));
    // The article's own text, its line end included (as a reader shows it, wrapped).
    let words = shared.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("we’ve set aside four million"), "the quote as the story prints it: {shared:?}");
    // The snippet is one line with the quoted words highlighted.
    let snippet = &echoes[0].hit.snippet;
    assert!(!snippet.text.contains('\n'));
    let (a, b) = snippet.highlights[0];
    assert!(snippet.text[a..b].starts_with("The dredging"), "{snippet:?}");
    assert!(snippet.text[a..b].contains("aside four"), "the line break is a space in the snippet: {snippet:?}");
}

#[test]
fn common_words_alone_find_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let index = indexed(dir.path());
    // The council story shares "one of the things that we have" and little else with the briefing.
    let passage = passage_with(dir.path(), COUNCIL, "One of the things");
    assert_eq!(found(&index.quoted_elsewhere(COUNCIL, &passage, 20).unwrap()), []);
    for (article, words) in [(BRIEFING, "One of the things"), (STORY, "we’ve"), (DIGEST, "Halvorsen said")] {
        let passage = passage_with(dir.path(), article, words);
        let echoes = index.quoted_elsewhere(article, &passage, 20).unwrap();
        assert!(echoes.iter().all(|e| e.hit.article != COUNCIL), "{article}: {echoes:#?}");
    }
    // Nothing distinctive to look for: no query at all.
    assert!(index.quoted_elsewhere(STORY, "and the of that we will", 20).unwrap().is_empty());
    assert!(index.quoted_elsewhere(STORY, "", 20).unwrap().is_empty());
}

fn tokens(text: &str) -> Vec<Word> {
    let index = tantivy::Index::create_in_ram(Fields::schema().0);
    words(&index, Fields::schema().1.text, text)
}

fn offline() -> Rarity<'static> {
    Rarity { searcher: None, field: Fields::schema().1.text, passages: 1_000, known: HashMap::new() }
}

#[test]
fn runs_are_shared_words_in_a_row_with_two_distinctive_ones() {
    // (ours, theirs, the longest qualifying run in theirs, or none)
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "the cranes arrive in March at the quay",
            "“The cranes arrive in March\nat the quay,” he said",
            Some("The cranes arrive in March\nat the quay"),
        ),
        ("we'll open the berth to ferries", "we’ll open the berth to ferries", Some("we’ll open the berth to ferries")),
        ("one of the things that we have to do", "one of the things that we have to say", None),
        ("and I don't want to speculate on that", "and I don’t want to speculate on that", None),
        (
            "港湾 の 浚渫 は 四月 に 始まる 🚢",
            "記者 港湾 の 浚渫 は 四月 に 始まる",
            Some("港湾 の 浚渫 は 四月 に 始まる"),
        ),
        ("港湾の浚渫は四月に始まる", "港湾の浚渫は四月に始まる", None),
        ("the cranes arrive in March", "cranes arrive in March the", None),
    ];
    for (ours, theirs, want) in cases {
        let (a, b) = (tokens(ours), tokens(theirs));
        let runs = shared_runs(&a, &b, (QUOTE_WORDS, QUOTE_DISTINCTIVE), &mut offline());
        let got = runs.first().map(|&(_, j, len)| &theirs[b[j].start..b[j + len - 1].end]);
        assert_eq!(got, *want, "{ours:?} / {theirs:?}");
    }
}

#[test]
fn function_words_are_sorted_for_binary_search() {
    assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn a_paraphrase_is_dense_somewhere_not_scattered_over_a_long_turn() {
    let filler = |from: usize, n: usize| (from..from + n).map(|i| format!("filler{i}")).collect::<Vec<_>>().join(" ");
    let ours = "Dredging of the northern channel starts in April, with four million crowns for breakwater lights.";
    let shared = ["dredging", "northern", "channel", "april", "four", "million", "crowns", "breakwater", "lights"];
    let dense = format!(
        "{} The northern channel dredging will begin in April and four million crowns go to lights on the breakwater. {}",
        filler(0, 200),
        filler(200, 200)
    );
    let scattered =
        shared.iter().enumerate().map(|(i, w)| format!("{} {w}", filler(i * 40, 40))).collect::<Vec<_>>().join(" ");
    let (a, dense, scattered) = (tokens(ours), tokens(&dense), tokens(&scattered));
    let found = compare(&a, &dense, &mut offline()).expect("a paraphrase inside a long turn");
    assert_eq!(found.kind, EchoKind::Paraphrase);
    assert!(found.overlap > 0.8, "{found:?}");
    assert_eq!(found.spans.len(), 9, "{found:?}");
    assert_eq!(compare(&a, &scattered, &mut offline()), None, "the same words scattered over a long turn");
    // And the other way round: the long turn asked about, the short paraphrase found.
    assert_eq!(compare(&dense, &a, &mut offline()).map(|c| c.kind), Some(EchoKind::Paraphrase));
    assert_eq!(compare(&scattered, &a, &mut offline()), None);
}
