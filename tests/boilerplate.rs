//! Boilerplate detection measured on the fixture corpus
//! (`tests/fixtures/boilerplate/`, each page with a hand-checked
//! `.expect.toml`) and on the two real seeds.

mod common;

use std::fmt::Write;
use std::path::Path;

use gloss::document::{Block, Document};
use serde::Deserialize;

/// What a fixture page must come out as.
#[derive(Deserialize)]
struct Expect {
    /// The exact title line.
    title: String,
    /// Whole trimmed lines that must be hidden as chrome.
    #[serde(default)]
    boilerplate: Vec<String>,
    /// Whole trimmed lines, or prefixes of 30 chars or more, that must stay readable.
    #[serde(default)]
    kept: Vec<String>,
}

/// Where `line` starts a line of `text`: its first occurrence at a line start
/// (whole-line matches preferred over prefixes), as a **byte** range.
fn find_line(text: &str, line: &str) -> Option<(usize, usize)> {
    let at_line_start = |at: usize| at == 0 || text.as_bytes()[at - 1] == b'\n';
    let at_line_end = |end: usize| end == text.len() || text.as_bytes()[end] == b'\n';
    let starts: Vec<usize> = text.match_indices(line).map(|(at, _)| at).filter(|at| at_line_start(*at)).collect();
    let at = starts.iter().copied().find(|at| at_line_end(at + line.len())).or_else(|| starts.first().copied())?;
    Some((at, at + line.len()))
}

/// The block holding the line, if any.
fn block_of<'a>(doc: &'a Document, line: &str) -> Result<&'a Block, String> {
    let (start, end) = find_line(&doc.text, line).ok_or_else(|| format!("not found in the text: {line:?}"))?;
    doc.blocks
        .iter()
        .find(|b| b.range.start < end && start < b.range.end)
        .ok_or_else(|| format!("in no block: {line:?}"))
}

/// The misses of one document: lines that should be chrome but are not, and
/// lines that should be kept but are hidden.
fn misses(doc: &Document, boilerplate: &[&str], kept: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for (lines, want) in [(boilerplate, true), (kept, false)] {
        for line in lines {
            match block_of(doc, line) {
                Ok(block) if block.boilerplate == want => {}
                Ok(_) if want => out.push(format!("shown, should be boilerplate: {line:?}")),
                Ok(_) => out.push(format!("hidden, should be kept: {line:?}")),
                Err(e) => out.push(e),
            }
        }
    }
    out
}

fn fixture_pages() -> Vec<(String, Document, Expect)> {
    let dir = common::fixture("boilerplate");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("read the boilerplate fixtures")
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.strip_suffix(".expect.toml").map(str::to_owned))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let expect_path = dir.join(format!("{name}.expect.toml"));
            let raw = std::fs::read_to_string(&expect_path).expect("read an expect file");
            let expect: Expect = toml::from_str(&raw).unwrap_or_else(|e| panic!("{}: {e}", expect_path.display()));
            let doc = Document::load(&dir.join(format!("{name}.txt"))).expect("load a fixture page");
            (name, doc, expect)
        })
        .collect()
}

/// Pages whose title the metadata pass (`document/plain.rs`, not the
/// detector) cannot find yet: a CJK title of more than 30 characters is not
/// taken for a title (each character counts as a word), and the ideographic
/// space U+3000 in it is collapsed to an ASCII space. Reported, not failed;
/// once the title comes out right the test fails until the entry is removed.
const KNOWN_TITLE_GAPS: &[&str] = &[];

#[test]
fn fixture_pages_mark_their_chrome() {
    let pages = fixture_pages();
    assert!(pages.len() >= 10, "expected the fixture corpus, found {} pages", pages.len());
    let mut report = String::new();
    let mut failed = 0;
    for (name, doc, expect) in &pages {
        let boilerplate: Vec<&str> = expect.boilerplate.iter().map(String::as_str).collect();
        let kept: Vec<&str> = expect.kept.iter().map(String::as_str).collect();
        let mut found = misses(doc, &boilerplate, &kept);
        let known_gap = KNOWN_TITLE_GAPS.contains(&name.as_str());
        match (doc.meta.title == expect.title, known_gap) {
            (false, false) => found.insert(0, format!("title {:?}, want {:?}", doc.meta.title, expect.title)),
            (false, true) => writeln!(
                report,
                "     {name}: known gap in plain.rs: title {:?}, want {:?}",
                doc.meta.title, expect.title
            )
            .unwrap(),
            (true, true) => found.insert(0, "title now right: remove it from KNOWN_TITLE_GAPS".to_owned()),
            (true, false) => {}
        }
        let checks = boilerplate.len() + kept.len() + 1;
        let verdict = if found.is_empty() { "ok" } else { "FAIL" };
        writeln!(report, "{verdict:4} {name}: {}/{checks}", checks - found.len()).unwrap();
        for miss in &found {
            writeln!(report, "       {miss}").unwrap();
        }
        failed += usize::from(!found.is_empty());
    }
    println!("{report}");
    assert_eq!(failed, 0, "{failed} of {} fixture pages fail:\n{report}", pages.len());
}

fn seed_misses(name: &str, boilerplate: &[&str], kept: &[&str]) -> Vec<String> {
    let doc = Document::load(&common::seed(name)).expect("load a seed");
    misses(&doc, boilerplate, kept)
}

/// The first line of `text` that starts with `prefix`, trimmed.
fn line_starting<'a>(path: &Path, text: &'a str, prefix: &str) -> &'a str {
    text.lines()
        .map(str::trim)
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("{}: no line starts with {prefix:?}", path.display()))
}

#[test]
fn seed_pages_mark_their_chrome() {
    let transcript = common::seed(common::SEED_TRANSCRIPT);
    let transcript_text = Document::load(&transcript).expect("load a seed").text;
    let moderator = line_starting(&transcript, &transcript_text, "MODERATOR:");
    let mut found = seed_misses(
        common::SEED_TRANSCRIPT,
        &["Rate this post", "Click on a star to rate it!", "Become a patron at Patreon!"],
        &[moderator, "8:23 A.M. EST"],
    );

    let news = common::seed(common::SEED_NEWS);
    let news_text = Document::load(&news).expect("load a seed").text;
    let browser = line_starting(&news, &news_text, "IE 11");
    let last = line_starting(&news, &news_text, "Janis Mackey Frayer reported");
    found.extend(seed_misses(common::SEED_NEWS, &[browser, "Get more newsLiveon"], &[last]));
    assert!(found.is_empty(), "seed pages:\n{}", found.join("\n"));
}

#[test]
fn lines_are_found_at_line_starts() {
    let cases: &[(&str, &str, Option<(usize, usize)>)] = &[
        ("ab\nb\n", "b", Some((3, 4))),
        ("bc\nb\n", "b", Some((3, 4))),
        ("bc\nxb\n", "b", Some((0, 1))),
        ("xb\n", "b", None),
        ("広告\n本文\n", "本文", Some((7, 13))),
        ("👍 like\n", "👍 like", Some((0, 9))),
    ];
    for (text, line, want) in cases {
        assert_eq!(find_line(text, line), *want, "{text:?} {line:?}");
    }
}
