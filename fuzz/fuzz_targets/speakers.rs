//! Text → document → speaker detection: never a panic, every passage on
//! char boundaries inside the text.
#![no_main]

use gloss::document::{Document, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    for format in [Format::PlainText, Format::Markdown] {
        let doc = Document::parse(&raw, format);
        let attribution = gloss::speaker::detect(&doc);
        for passage in &attribution.passages {
            let r = passage.range;
            assert!(r.start <= r.end && r.end <= doc.text.len(), "{r:?}");
            assert!(doc.text.is_char_boundary(r.start) && doc.text.is_char_boundary(r.end));
            if let Some(id) = passage.speaker {
                assert!(attribution.speaker(id).is_some());
            }
        }
        let _ = attribution.by_appearance();
    }
});
