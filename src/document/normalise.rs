//! Decoding bytes to text and normalising that text so every later stage sees
//! one clean form: LF line ends, no tabs, and no character that a terminal
//! would act on.
//!
//! Article text is untrusted. Every control character except the newline,
//! bidi overrides and isolates, and invisible format characters become
//! visible placeholders *in the document text itself* (`^[` for ESC,
//! `⟨U+202E⟩` for RIGHT-TO-LEFT OVERRIDE). All offsets gloss stores are byte
//! offsets into this normalised text, so search, highlights and notes agree
//! with what the screen shows.

use std::borrow::Cow;

use crate::text::ByteRange;

/// Columns between tab stops when expanding tabs.
const TAB_STOP: usize = 8;

/// How the bytes of a file were decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
}

/// Text decoded from bytes, before normalisation.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// How many invalid sequences became U+FFFD.
    pub replaced: usize,
}

/// Why bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotText {
    /// What the bytes look like, for the message: "a PNG image", "NUL bytes".
    pub looks_like: &'static str,
}

const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"%PDF-", "a PDF document"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
];

/// Decodes a file's bytes: UTF-8 (with or without BOM), UTF-16 LE/BE (with a
/// BOM, or recognised by the pattern of its zero bytes). Invalid UTF-8
/// becomes U+FFFD. Files with NUL bytes anywhere, or a known binary
/// signature, are not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(rest, Encoding::Utf8Bom);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(decode_utf16(rest, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(decode_utf16(rest, Encoding::Utf16Be));
    }
    for (magic, looks_like) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(NotText { looks_like });
        }
    }
    if let Some(encoding) = sniff_utf16(bytes) {
        return Ok(decode_utf16(bytes, encoding));
    }
    decode_utf8(bytes, Encoding::Utf8)
}

/// As [`decode`], taking the bytes: valid UTF-8 (the usual case) becomes the
/// text without a copy, so a big file is held once, not twice.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<Decoded, NotText> {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let plain_utf8 = bom
        || !(bytes.starts_with(b"\xFF\xFE")
            || bytes.starts_with(b"\xFE\xFF")
            || MAGIC.iter().any(|(magic, _)| bytes.starts_with(magic))
            || sniff_utf16(&bytes).is_some());
    if !plain_utf8 || memchr::memchr(0, &bytes).is_some() || std::str::from_utf8(&bytes).is_err() {
        return decode(&bytes);
    }
    if bom {
        bytes.drain(..3);
    }
    let encoding = if bom { Encoding::Utf8Bom } else { Encoding::Utf8 };
    let text = String::from_utf8(bytes).map_err(|_| NotText { looks_like: "text that is not UTF-8" })?;
    Ok(Decoded { text, encoding, replaced: 0 })
}

fn decode_utf8(bytes: &[u8], encoding: Encoding) -> Result<Decoded, NotText> {
    if memchr::memchr(0, bytes).is_some() {
        return Err(NotText { looks_like: "binary data (it contains NUL bytes)" });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text: text.to_owned(), encoding, replaced: 0 }),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let replaced = text.matches('\u{FFFD}').count() - count_literal_replacements(bytes);
            Ok(Decoded { text, encoding, replaced })
        }
    }
}

/// U+FFFD characters that were already in the file, so they are not counted as errors.
fn count_literal_replacements(bytes: &[u8]) -> usize {
    memchr::memmem::find_iter(bytes, "\u{FFFD}".as_bytes()).count()
}

/// UTF-16 without a BOM: ASCII-heavy text has a zero in every other byte.
fn sniff_utf16(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_zeros = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_zeros = sample.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd_zeros * 10 >= pairs * 7 && even_zeros * 10 <= pairs {
        Some(Encoding::Utf16Le)
    } else if even_zeros * 10 >= pairs * 7 && odd_zeros * 10 <= pairs {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

fn decode_utf16(bytes: &[u8], encoding: Encoding) -> Decoded {
    let units = bytes.chunks_exact(2).map(|pair| match encoding {
        Encoding::Utf16Be => u16::from_be_bytes([pair[0], pair[1]]),
        _ => u16::from_le_bytes([pair[0], pair[1]]),
    });
    let mut replaced = usize::from(bytes.len() % 2 == 1);
    let mut text = String::with_capacity(bytes.len() / 2);
    for unit in char::decode_utf16(units) {
        text.push(unit.unwrap_or_else(|_| {
            replaced += 1;
            '\u{FFFD}'
        }));
    }
    if bytes.len() % 2 == 1 {
        text.push('\u{FFFD}');
    }
    Decoded { text, encoding, replaced }
}

/// Normalised, sanitised text plus where the placeholders are.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Normalised {
    pub text: String,
    /// **Byte** ranges (into `text`) of placeholders that stand for
    /// characters gloss will not send to a terminal, in order.
    pub placeholders: Vec<ByteRange>,
}

/// Whether a character must never reach a terminal raw.
#[must_use]
pub fn is_unsafe_char(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{B}'..='\u{1F}' | '\u{7F}'..='\u{9F}'
        // bidi embeddings, overrides, isolates and marks
        | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{61C}'
        // invisible format characters (ZWJ and ZWNJ stay: emoji and scripts need them)
        | '\u{AD}' | '\u{180E}' | '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{206A}'..='\u{206F}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}'
        // line and paragraph separators move the cursor in some terminals
        | '\u{2028}' | '\u{2029}'
        | '\t')
}

/// Characters that are invisible by design and carry no meaning a reader
/// must see: soft hyphens (`Netan\u{AD}yahu` on news pages), zero-width
/// spaces, word joiners, invisible math operators, a byte-order mark inside
/// the text. They are dropped from the text when it is normalised, so what
/// is shown, printed, searched and highlighted is one text with one set of
/// offsets. Characters that can deceive (bidi controls, tag characters,
/// deprecated format characters) are not here: they stay visible.
#[must_use]
pub fn is_invisible_by_design(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{180E}' | '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Writes the visible stand-in for an unsafe character.
fn push_placeholder(out: &mut String, c: char) {
    match c {
        '\u{0}'..='\u{1F}' => {
            out.push('^');
            out.push(char::from(c as u8 + 0x40));
        }
        '\u{7F}' => out.push_str("^?"),
        _ => {
            use std::fmt::Write;
            let _ = write!(out, "⟨U+{:04X}⟩", u32::from(c));
        }
    }
}

/// Quick check whether `text` has anything to normalise, so the common clean
/// file is not copied character by character.
fn needs_work(text: &str) -> bool {
    // Only these lead bytes start an unsafe character beyond ASCII: decode just there.
    text.bytes().enumerate().any(|(at, b)| match b {
        0..=0x09 | 0x0B..=0x1F | 0x7F => true,
        0xC2 | 0xD8 | 0xE1 | 0xE2 | 0xEF | 0xF3 => text[at..].chars().next().is_some_and(is_unsafe_char),
        _ => false,
    })
}

/// Normalises decoded text: CRLF and lone CR become LF, form feeds and
/// line/paragraph separators become LF, tabs expand to the next multiple of
/// eight columns, backspace overstrike (`_\bX`, `X\bX`) becomes `X`, characters
/// invisible by design ([`is_invisible_by_design`]) are dropped, and every
/// other unsafe character becomes a visible placeholder. U+00A0 is kept.
///
/// Idempotent: normalising normalised text changes nothing.
#[must_use]
pub fn normalise(raw: &str) -> Normalised {
    if !needs_work(raw) {
        return Normalised { text: raw.to_owned(), placeholders: Vec::new() };
    }
    normalise_changed(raw)
}

/// As [`normalise`], taking the text: text that needs nothing done is kept, not copied.
#[must_use]
pub fn normalise_owned(raw: String) -> Normalised {
    if !needs_work(&raw) {
        return Normalised { text: raw, placeholders: Vec::new() };
    }
    normalise_changed(&raw)
}

fn normalise_changed(raw: &str) -> Normalised {
    let mut out = String::with_capacity(raw.len() + raw.len() / 16);
    let mut placeholders = Vec::new();
    let mut column = 0usize;
    let bytes = raw.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // Runs of printable ASCII, most of any article, are copied whole.
        let run = bytes[at..].iter().position(|&b| !(0x20..0x7F).contains(&b)).unwrap_or(bytes.len() - at);
        if run > 0 {
            out.push_str(&raw[at..at + run]);
            column += run;
            at += run;
            continue;
        }
        let Some(c) = raw[at..].chars().next() else { break };
        at += c.len_utf8();
        let peek = raw[at..].chars().next();
        match c {
            '\r' => {
                if peek == Some('\n') {
                    at += 1;
                }
                out.push('\n');
                column = 0;
            }
            '\n' | '\u{C}' | '\u{2028}' | '\u{2029}' => {
                out.push('\n');
                column = 0;
            }
            '\t' => {
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\u{8}' => {
                let previous = out.chars().next_back();
                let next = peek;
                let overstrike = matches!((previous, next), (Some(p), Some(n)) if (p == '_' || p == n) && n != '\u{8}' && !is_unsafe_char(n) && n != '\n' && !placeholder_ends_at(&placeholders, out.len()));
                if overstrike {
                    out.pop();
                    column = column.saturating_sub(1);
                } else {
                    let start = out.len();
                    push_placeholder(&mut out, c);
                    placeholders.push(ByteRange::new(start, out.len()));
                    column += 2;
                }
            }
            c if is_invisible_by_design(c) => {}
            c if is_unsafe_char(c) => {
                let start = out.len();
                push_placeholder(&mut out, c);
                column += out[start..].chars().count();
                placeholders.push(ByteRange::new(start, out.len()));
            }
            c => {
                out.push(c);
                column += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            }
        }
    }
    Normalised { text: out, placeholders }
}

fn placeholder_ends_at(placeholders: &[ByteRange], offset: usize) -> bool {
    placeholders.last().is_some_and(|p| p.end == offset)
}

/// Makes any string safe to print: for file names, error messages and other
/// text that did not come through [`normalise`]. Newlines become `^J` too,
/// since a file name or message is meant to stay on one line.
#[must_use]
pub fn sanitise_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c == '\n' || c == '\r' || is_unsafe_char(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\n' || c == '\r' || is_unsafe_char(c) {
            push_placeholder(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// As [`sanitise_line`], keeping line breaks: for multi-line text that did
/// not come through [`normalise`], such as a note typed into a sidecar.
#[must_use]
pub fn sanitise_text(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c == '\r' || is_unsafe_char(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.split('\n').map(sanitise_line).collect::<Vec<_>>().join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_every_supported_encoding() {
        let cases: &[(&[u8], &str, Encoding)] = &[
            (b"plain", "plain", Encoding::Utf8),
            (b"\xEF\xBB\xBFbom", "bom", Encoding::Utf8Bom),
            (b"\xFF\xFEh\0i\0", "hi", Encoding::Utf16Le),
            (b"\xFE\xFF\0h\0i", "hi", Encoding::Utf16Be),
            (b"h\0e\0l\0l\0o\0", "hello", Encoding::Utf16Le),
            (b"\0h\0e\0l\0l\0o", "hello", Encoding::Utf16Be),
            ("日本語 👍".as_bytes(), "日本語 👍", Encoding::Utf8),
            (b"\xFF\xFE\xe5\x65\x2c\x67", "日本", Encoding::Utf16Le),
            (b"", "", Encoding::Utf8),
        ];
        for (bytes, want, encoding) in cases {
            let got = decode(bytes).unwrap();
            assert_eq!(got.text, *want, "{bytes:?}");
            assert_eq!(got.encoding, *encoding, "{bytes:?}");
            assert_eq!(got.replaced, 0);
        }
    }

    #[test]
    fn invalid_utf8_is_replaced_and_counted() {
        let got = decode(b"caf\xE9 \xFF ok \xEF\xBF\xBD").unwrap();
        assert_eq!(got.text, "caf\u{FFFD} \u{FFFD} ok \u{FFFD}");
        assert_eq!(got.replaced, 2);
    }

    #[test]
    fn binary_is_refused() {
        let cases: &[(&[u8], &str)] = &[
            (b"\x89PNG\r\n\x1a\n....", "PNG"),
            (b"PK\x03\x04rest", "ZIP"),
            (b"\x7fELF\x02\x01", "ELF"),
            (b"text then \0 nul", "NUL"),
        ];
        for (bytes, word) in cases {
            let err = decode(bytes).unwrap_err();
            assert!(err.looks_like.contains(word), "{bytes:?}: {err:?}");
        }
        let mut late_nul = vec![b'a'; 70 * 1024];
        late_nul.push(0);
        assert!(decode(&late_nul).is_err());
    }

    #[test]
    fn normalises_lines_tabs_and_overstrike() {
        let cases: &[(&str, &str)] = &[
            ("a\r\nb\rc\n", "a\nb\nc\n"),
            ("Q\tThanks", "Q       Thanks"),
            ("abc\tx", "abc     x"),
            ("page\u{C}next", "page\nnext"),
            ("_\u{8}B_\u{8}o", "Bo"),
            ("X\u{8}X", "X"),
            ("x\u{8}y", "x^Hy"),
            ("NBSP\u{a0}kept", "NBSP\u{a0}kept"),
            ("日本\t語", "日本    語"),
            ("emoji 👩‍👩‍👧 keeps ZWJ", "emoji 👩‍👩‍👧 keeps ZWJ"),
        ];
        for (raw, want) in cases {
            assert_eq!(normalise(raw).text, *want, "{raw:?}");
        }
    }

    #[test]
    fn unsafe_characters_become_visible_placeholders() {
        let cases: &[(&str, &str)] = &[
            ("\u{1b}[31mred", "^[[31mred"),
            ("bell\u{7}", "bell^G"),
            ("del\u{7f}", "del^?"),
            ("c1 \u{9b}31m", "c1 ⟨U+009B⟩31m"),
            ("abc\u{202E}cba", "abc⟨U+202E⟩cba"),
            ("iso\u{2066}late\u{2069}", "iso⟨U+2066⟩late⟨U+2069⟩"),
            ("mark\u{200F}", "mark⟨U+200F⟩"),
            ("arabic\u{61C}", "arabic⟨U+061C⟩"),
            ("日本\u{202D}語", "日本⟨U+202D⟩語"),
        ];
        for (raw, want) in cases {
            let got = normalise(raw);
            assert_eq!(got.text, *want, "{raw:?}");
            for p in &got.placeholders {
                assert!(p.slice(&got.text).starts_with('^') || p.slice(&got.text).starts_with('⟨'));
            }
        }
    }

    #[test]
    fn normalising_twice_changes_nothing() {
        for raw in ["a\r\n\tb\u{1b}]0;title\u{7}", "x\u{8}\u{8}y", "_\u{8}", "\u{8}a", "\u{202E}\t\r"] {
            let once = normalise(raw).text;
            assert_eq!(normalise(&once).text, once, "{raw:?}");
        }
    }

    #[test]
    fn sanitised_lines_have_no_controls() {
        assert_eq!(sanitise_line("ok.txt"), "ok.txt");
        assert_eq!(sanitise_line("a\nb\u{1b}.txt"), "a^Jb^[.txt");
        assert_eq!(sanitise_line("\u{202E}txt.exe"), "⟨U+202E⟩txt.exe");
        assert_eq!(sanitise_text("one\u{1b}]0;x\u{7}\ntwo\u{9b}"), "one^[]0;x^G\ntwo⟨U+009B⟩");
    }
}
