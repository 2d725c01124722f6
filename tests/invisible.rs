//! Characters invisible by design (soft hyphens, zero-width spaces, word
//! joiners) are dropped from what is shown, printed, searched and
//! highlighted, all on one text with one set of offsets; characters that can
//! deceive (bidi controls) stay visible.

mod common;

use gloss::app::Command;

use common::app::{act, app, keys, open, type_text};
use common::{gloss, stderr, stdout};
use gloss::app::Action;

const HIDDEN: &str = "Talks with Netan\u{AD}yahu resumed\n\nNetan\u{AD}yahu met the envoy in Ha\u{200B}ifa on Tues\u{2060}day; \
the 東\u{AD}京 delegation 👋 was late. A sign read abc\u{202E}cba.\n";

fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("talks.txt"), HIDDEN).unwrap();
    std::fs::write(dir.path().join("page.html"), format!(
        "<!DOCTYPE html><html><head><title>Netan\u{AD}yahu visit</title></head><body><article><h1>Netan\u{AD}yahu visit</h1>\
         <p>{}</p><p>Officials described the visit as cordial and said further rounds would follow in the spring.</p></article></body></html>",
        HIDDEN.lines().nth(2).unwrap()
    )).unwrap();
    dir
}

#[test]
fn printing_drops_invisible_characters_and_keeps_deceptive_ones_visible() {
    let dir = library();
    for file in ["talks.txt", "page.html"] {
        let out = gloss(dir.path(), &["show", "--width", "200", file]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("Netanyahu met the envoy in Haifa on Tuesday"), "{file}: {text}");
        assert!(text.contains("東京"), "{file}");
        for hidden in ['\u{AD}', '\u{200B}', '\u{2060}'] {
            assert!(!text.contains(hidden), "{file}: {hidden:?} printed");
        }
        assert!(!text.contains("⟨U+00AD⟩") && !text.contains("⟨U+200B⟩"), "{file}: {text}");
        assert!(text.contains("abc⟨U+202E⟩cba"), "{file}: a bidi override stays visible");
        let json = gloss(dir.path(), &["show", "--json", file]);
        assert!(stdout(&json).contains("Netanyahu"), "{file}");
    }
}

#[test]
fn search_and_highlights_match_the_shown_words_at_the_right_offsets() {
    let dir = library();
    let (mut state, location) = app(dir.path(), (100, 30));
    open(&mut state, &location, "talks.txt");
    keys(&mut state, &location, "/");
    type_text(&mut state, &location, "netanyahu met the envoy in haifa on tuesday");
    keys(&mut state, &location, "enter");
    let reader = state.reader.as_ref().unwrap();
    let found = reader.search.matches.clone();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].slice(&reader.doc.text), "Netanyahu met the envoy in Haifa on Tuesday");
    // A highlight made from the command line lands on the same bytes in the reader.
    let add = gloss(dir.path(), &["annotations", "add", "talks.txt", "--quote", "東京 delegation", "--note", "n"]);
    assert!(add.status.success(), "{}", stderr(&add));
    let (mut state, location) = app(dir.path(), (100, 30));
    open(&mut state, &location, "talks.txt");
    let reader = state.reader.as_ref().unwrap();
    let item = &state.notes.items[0];
    assert!(matches!(item.resolution, gloss::anchor::Resolution::Exact(_)), "{:?}", item.resolution);
    let range = item.resolution.range().expect("anchored");
    assert_eq!(range.slice(&reader.doc.text), "東京 delegation");
    act(&mut state, &location, Action::Command(Command::Quit));
}

#[test]
fn a_note_saved_when_soft_hyphens_were_shown_as_placeholders_finds_its_words() {
    let dir = library();
    // Offsets as an older gloss recorded them, in the text with `⟨U+00AD⟩`.
    let old_text = HIDDEN.replace('\u{AD}', "⟨U+00AD⟩").replace('\u{200B}', "⟨U+200B⟩").replace('\u{2060}', "⟨U+2060⟩");
    let start = old_text.find("delegation").unwrap();
    let sidecar = format!(
        "schema = 1\narticle = \"talks.txt\"\nfingerprint = \"1:0000000000000000\"\n\n[[annotation]]\nid = \"old1\"\n\
         created = \"2026-01-01T00:00:00Z\"\nupdated = \"2026-01-01T00:00:00Z\"\ncolour = \"blue\"\nnote = \"x\"\n\
         quote = \"delegation\"\nprefix = \"{}\"\nsuffix = \"{}\"\nstart = {start}\nend = {}\n",
        old_text[..start].chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect::<String>(),
        " 👋 wa",
        start + 10
    );
    std::fs::create_dir(dir.path().join("annotations")).unwrap();
    std::fs::write(dir.path().join("annotations/talks.txt.toml"), sidecar).unwrap();
    let (mut state, location) = app(dir.path(), (100, 30));
    open(&mut state, &location, "talks.txt");
    let reader = state.reader.as_ref().unwrap();
    let range = state.notes.items[0].resolution.range().expect("re-anchored");
    assert_eq!(range.slice(&reader.doc.text), "delegation");
    assert_eq!(range.start, reader.doc.text.find("delegation").unwrap());
}
