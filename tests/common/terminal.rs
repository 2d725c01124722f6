//! Reading the bytes gloss writes to a terminal: a small tokenizer for
//! escape sequences that flags every one gloss does not emit itself.

use gloss::document::normalise::is_unsafe_char;

/// CSI finals crossterm's ratatui backend and gloss's own setup emit:
/// cursor movement and position, SGR, erase, and mode set/reset.
const CSI_FINALS: &str = "ABCDGHJKfhlmsu";

/// Private modes gloss sets or resets: cursor (25), alternate screen (1049),
/// mouse reporting (1000, 1002, 1003, 1006, 1015), bracketed paste (2004).
const MODES: &[&str] = &["?25", "?1049", "?1000", "?1002", "?1003", "?1006", "?1015", "?2004"];

/// What in `bytes` gloss would not have written: OSC, DCS, APC, PM, SOS, any
/// other ESC sequence, CSI sequences outside the list above, raw C0 and C1
/// controls, bidi controls and invisible format characters. Empty when clean.
#[must_use]
pub fn foreign_sequences(bytes: &[u8]) -> Vec<String> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return vec![format!("invalid UTF-8 at byte {}", e.valid_up_to())],
    };
    let mut found = Vec::new();
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        if c != '\u{1b}' {
            if c.is_control() || is_unsafe_char(c) {
                found.push(format!("raw {c:?} at byte {at}"));
            }
            continue;
        }
        match chars.next() {
            Some((_, '[')) => {
                let mut params = String::new();
                loop {
                    match chars.next() {
                        Some((_, p)) if ('\u{20}'..='\u{3f}').contains(&p) => params.push(p),
                        Some((_, f)) if ('\u{40}'..='\u{7e}').contains(&f) => {
                            let plain = params.chars().all(|p| p.is_ascii_digit() || p == ';');
                            let ok = CSI_FINALS.contains(f)
                                && if matches!(f, 'h' | 'l') { MODES.contains(&params.as_str()) } else { plain };
                            if !ok {
                                found.push(format!("CSI {params:?} {f:?} at byte {at}"));
                            }
                            break;
                        }
                        other => {
                            found.push(format!("broken CSI at byte {at}: {other:?}"));
                            break;
                        }
                    }
                }
            }
            other => found.push(format!("ESC {:?} at byte {at}", other.map(|o| o.1))),
        }
    }
    found
}

#[test]
fn the_tokenizer_flags_what_gloss_never_writes() {
    let clean = "\u{1b}[1;1H\u{1b}[38;5;12mhi\u{1b}[0m\u{1b}[?25l\u{1b}[?1049h\u{1b}[2J 日本 ⟨U+202E⟩ ^[";
    assert_eq!(foreign_sequences(clean.as_bytes()), Vec::<String>::new());
    for bad in [
        "\u{1b}]0;title\u{7}",
        "\u{1b}]8;;http://x\u{1b}\\",
        "\u{1b}]52;c;eA==\u{7}",
        "\u{1b}P1$r\u{1b}\\",
        "\u{1b}_G\u{1b}\\",
        "\u{1b}^pm\u{1b}\\",
        "\u{1b}Xsos\u{1b}\\",
        "\u{9b}31m",
        "\u{1b}[>0c",
        "\u{1b}[6n",
        "\u{1b}[?2026h",
        "\u{1b}c",
        "a\u{202e}b",
        "\u{7}",
        "\r",
    ] {
        assert!(!foreign_sequences(bad.as_bytes()).is_empty(), "{bad:?} is flagged");
    }
    assert!(!foreign_sequences(b"\xff").is_empty());
}
