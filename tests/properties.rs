//! Properties of the core on hostile text (issue #9): normalising is
//! idempotent; what gloss shows never holds a control character; every
//! offset the core hands out is a char boundary. Re-anchoring after random
//! edits is exact for untouched passages: `src/anchor/tests.rs`
//! (`untouched_passages_reanchor_exactly`).

use gloss::anchor::{describe, resolve};
use gloss::app::reader::{ReaderState, find_all};
use gloss::app::speakers::SpeakerFilter;
use gloss::config::settings::FilterMode;
use gloss::document::normalise::{decode, is_unsafe_char, normalise, sanitise_line};
use gloss::document::{Document, Format};
use gloss::text::{ByteRange, display_pieces, motion, wrap};
use proptest::prelude::*;

/// Pieces hostile text is made of: controls, escapes, bidi, invisibles,
/// wide and combining characters, speaker labels and Markdown.
const PIECES: &[&str] = &[
    "a",
    "word ",
    "The ",
    "Q",
    "A",
    ".",
    ":",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    "\t",
    "\u{8}",
    "_\u{8}",
    "\u{c}",
    "\u{1b}",
    "\u{1b}[31m",
    "\u{1b}]0;t\u{7}",
    "\u{1b}]8;;x\u{1b}\\",
    "\u{1b}P",
    "\u{9b}",
    "\u{85}",
    "\u{0}",
    "\u{7f}",
    "\u{202e}",
    "\u{2066}",
    "\u{2069}",
    "\u{200b}",
    "\u{feff}",
    "\u{ad}",
    "\u{2028}",
    "\u{a0}",
    "日本",
    "語",
    "👍",
    "👩\u{200d}👩",
    "e\u{301}",
    "MODERATOR: ",
    "Ms. Lind: ",
    "[00:01:02] ",
    "# ",
    "> ",
    "- ",
    "```",
    "\u{fffd}",
    "(",
    ")",
    "1 ",
    "ÅNGSTRÖM",
];

fn hostile() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..120).prop_map(|p| p.concat())
}

fn boundary(text: &str, range: ByteRange, what: &str) {
    assert!(range.start <= range.end && range.end <= text.len(), "{what} {range:?} outside {}", text.len());
    assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end), "{what} {range:?} splits a char");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn normalising_is_idempotent(raw in hostile()) {
        let once = normalise(&raw);
        let twice = normalise(&once.text);
        prop_assert_eq!(&twice.text, &once.text);
    }

    #[test]
    fn normalised_and_sanitised_text_holds_no_control_character(raw in hostile(), any in ".*") {
        for text in [raw.as_str(), any.as_str()] {
            let normalised = normalise(text).text;
            prop_assert!(!normalised.chars().any(|c| c != '\n' && (c.is_control() || is_unsafe_char(c))), "{normalised:?}");
            let line = sanitise_line(text);
            prop_assert!(!line.chars().any(|c| c.is_control() || is_unsafe_char(c)), "{line:?}");
        }
    }

    #[test]
    fn decoding_any_bytes_never_panics_and_yields_safe_text(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(decoded) = decode(&bytes) {
            let doc = Document::parse(&decoded.text, Format::PlainText);
            prop_assert!(!doc.text.chars().any(|c| c != '\n' && c.is_control()));
        }
    }

    #[test]
    fn every_offset_the_core_returns_is_a_char_boundary(raw in hostile(), width in 1u16..60, query in "[a-zA-Z日本👍é ]{1,3}") {
        for format in [Format::PlainText, Format::Markdown] {
            let doc = Document::parse(&raw, format);
            let text = doc.text.as_str();
            for block in &doc.blocks {
                boundary(text, block.range, "block");
                for line in wrap(text, block.range, usize::from(width)) {
                    boundary(text, line.range, "wrapped line");
                    for (piece, _) in display_pieces(text, line.range) {
                        boundary(text, piece, "display piece");
                    }
                }
            }
            for placeholder in &doc.placeholders {
                boundary(text, *placeholder, "placeholder");
            }
            let attribution = gloss::speaker::detect(&doc);
            for passage in &attribution.passages {
                boundary(text, passage.range, "passage");
            }
            let mut filter = SpeakerFilter::new(FilterMode::Hide, false);
            filter.reset(&attribution);
            let mut reader = ReaderState::new("p.txt".into(), std::sync::Arc::new(doc.clone()), std::sync::Arc::new(attribution.clone()));
            reader.show_boilerplate = true;
            reader.relayout(&filter, width);
            for unit in &reader.units {
                boundary(text, unit.range, "layout unit");
            }
            for row in reader.all_rows() {
                boundary(text, row.range, "row");
            }
            for hit in find_all(text, &query) {
                boundary(text, hit, "search hit");
            }
            let mut at = 0;
            while at < text.len() {
                let next = motion::next_grapheme(text, at);
                for to in [next, motion::next_word(text, at), motion::word_end(text, at), motion::next_sentence(text, at),
                    motion::previous_word(text, at), motion::previous_sentence(text, at), motion::sentence_end(text, at)] {
                    prop_assert!(text.is_char_boundary(to.min(text.len())), "motion from {at} to {to}");
                }
                prop_assert!(next > at);
                at = next;
            }
            if !text.is_empty() {
                let end = motion::next_grapheme(text, 0);
                let selector = describe(text, ByteRange::new(0, end));
                if let Some(range) = resolve(text, &selector).range() {
                    boundary(text, range, "anchor");
                }
            }
        }
    }
}
