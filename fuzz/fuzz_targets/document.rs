//! Bytes → decode → normalise → parse (plain and Markdown): never a panic,
//! never an unsafe character in the text, every range on char boundaries,
//! normalisation idempotent.
#![no_main]

use gloss::document::normalise::{decode, is_unsafe_char, normalise};
use gloss::document::{Document, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = decode(data) else { return };
    let once = normalise(&decoded.text);
    assert_eq!(normalise(&once.text).text, once.text, "normalising twice changes nothing");
    for format in [Format::PlainText, Format::Markdown] {
        let doc = Document::parse(&decoded.text, format);
        assert!(!doc.text.chars().any(is_unsafe_char), "unsafe character left in the text");
        for range in doc.blocks.iter().map(|b| b.range).chain(doc.placeholders.iter().copied()) {
            assert!(range.start <= range.end && range.end <= doc.text.len());
            assert!(doc.text.is_char_boundary(range.start) && doc.text.is_char_boundary(range.end));
        }
        assert!(!doc.meta.title.chars().any(|c| c == '\n' || is_unsafe_char(c)));
    }
});
