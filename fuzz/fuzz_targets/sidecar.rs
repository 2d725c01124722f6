//! Bytes → sidecar → annotations resolved against a text, and rewritten:
//! never a panic; what it writes parses again to the same annotations.
#![no_main]

use std::path::Path;

use gloss::sidecar::Sidecar;
use libfuzzer_sys::fuzz_target;

const TEXT: &str = "The harbour opened at dawn. Cranes swung over the water. 日本の船が来た 🚢. The pilots waited.";

fuzz_target!(|data: &[u8]| {
    let Ok(mut sidecar) = Sidecar::from_bytes(Path::new("fuzz.txt.toml"), data) else { return };
    let _ = sidecar.speakers();
    let _ = sidecar.note_count();
    let _ = (sidecar.fingerprint(), sidecar.article(), sidecar.position());
    let Ok(annotations) = sidecar.annotations() else { return };
    for a in &annotations {
        if let Some(range) = gloss::anchor::resolve(TEXT, &a.selector).range() {
            assert!(TEXT.is_char_boundary(range.start) && TEXT.is_char_boundary(range.end));
        }
    }
    sidecar.set_annotations(&annotations);
    let text = sidecar.to_text();
    let again = Sidecar::from_bytes(Path::new("fuzz.txt.toml"), text.as_bytes()).expect("what gloss writes parses");
    assert_eq!(again.annotations().expect("what gloss writes is valid"), annotations);
});
