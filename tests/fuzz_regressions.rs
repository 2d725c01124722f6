//! Every input a fuzzer once crashed gloss with (`tests/fixtures/fuzz-regressions/<target>/`),
//! run through the same checks as its fuzz target in `fuzz/fuzz_targets/`.

mod common;

use std::path::Path;

use gloss::document::normalise::{decode, is_unsafe_char};
use gloss::document::{Document, Format};
use gloss::sidecar::Sidecar;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = common::fixture("fuzz-regressions").join(target);
    let mut found: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

fn check_ranges(doc: &Document, ranges: impl Iterator<Item = gloss::text::ByteRange>, name: &str) {
    for r in ranges {
        assert!(r.start <= r.end && r.end <= doc.text.len(), "{name}: {r:?}");
        assert!(doc.text.is_char_boundary(r.start) && doc.text.is_char_boundary(r.end), "{name}: {r:?}");
    }
}

#[test]
fn document_inputs_load_safely() {
    for (name, bytes) in inputs("document") {
        let Ok(decoded) = decode(&bytes) else { continue };
        for format in [Format::PlainText, Format::Markdown] {
            let doc = Document::parse(&decoded.text, format);
            assert!(!doc.text.chars().any(is_unsafe_char), "{name}");
            check_ranges(&doc, doc.blocks.iter().map(|b| b.range), &name);
        }
    }
}

#[test]
fn speaker_inputs_are_attributed_without_panicking() {
    let all = inputs("speakers");
    assert!(!all.is_empty(), "the speaker crashes found by the fuzzer are kept here");
    for (name, bytes) in all {
        let raw = String::from_utf8_lossy(&bytes);
        for format in [Format::PlainText, Format::Markdown] {
            let doc = Document::parse(&raw, format);
            let attribution = gloss::speaker::detect(&doc);
            check_ranges(&doc, attribution.passages.iter().map(|p| p.range), &name);
            assert!(!attribution.passages.is_empty() || doc.text.trim().is_empty(), "{name}: the text is attributed");
        }
    }
}

#[test]
fn sidecar_inputs_load_or_fail_cleanly_and_round_trip() {
    for (name, bytes) in inputs("sidecar") {
        let Ok(mut sidecar) = Sidecar::from_bytes(Path::new("fuzz.txt.toml"), &bytes) else { continue };
        let Ok(annotations) = sidecar.annotations() else { continue };
        sidecar.set_annotations(&annotations);
        let again = Sidecar::from_bytes(Path::new("fuzz.txt.toml"), sidecar.to_text().as_bytes()).unwrap();
        assert_eq!(again.annotations().unwrap(), annotations, "{name}");
    }
}
