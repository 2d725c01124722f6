//! Text units shared by every part of gloss: byte ranges into a document's
//! normalised text, display widths of graphemes, and soft wrapping.
//!
//! Units are explicit: a [`ByteRange`] counts UTF-8 bytes, a display column
//! counts terminal cells (CJK and most emoji take two).

pub mod motion;
mod wrap;

pub use wrap::{VisualLine, WrapToken, display_line, display_pieces, wrap};

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// A half-open range of **byte** offsets into a document's normalised text.
/// Both ends always lie on `char` boundaries.
///
/// Example: in `"a→b"` the arrow is `ByteRange { start: 1, end: 4 }`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ByteRange {
    pub start: usize,
    pub end: usize,
}

impl ByteRange {
    #[must_use]
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    #[must_use]
    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    #[must_use]
    pub const fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    #[must_use]
    pub const fn overlaps(self, other: Self) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The slice of `text` this range covers; empty when the range does not fit.
    #[must_use]
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Display width, in terminal columns, of one grapheme cluster.
///
/// Control characters never reach here (the loader replaces them), but a
/// zero-width result is still clamped so that a cursor always moves.
#[must_use]
pub fn grapheme_width(grapheme: &str) -> usize {
    if grapheme == "\t" {
        return 1;
    }
    // An emoji presentation selector turns a narrow symbol into a wide emoji.
    if grapheme.contains('\u{FE0F}') {
        return 2;
    }
    grapheme.width().clamp(1, 2)
}

/// Display width, in terminal columns, of a whole string.
#[must_use]
pub fn display_width(text: &str) -> usize {
    text.graphemes(true).map(grapheme_width).sum()
}

/// Cuts `text` to at most `max_cols` display columns, ending with `…` when cut.
#[must_use]
pub fn truncate_to_width(text: &str, max_cols: usize) -> String {
    if display_width(text) <= max_cols {
        return text.to_owned();
    }
    if max_cols == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = grapheme_width(g);
        if used + w > max_cols - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// The 64-bit FNV-1a hash of `bytes`: tiny, and the same across builds and
/// platforms (unlike `std`'s hasher), so it can be stored in files.
#[must_use]
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// Counts words the way a reader would: runs of letters or digits (an
/// apostrophe inside a word keeps it whole), and each CJK character as one.
///
/// Hand-written rather than `unicode_words().count()` because it runs over
/// every passage of 100 MB transcripts and must keep up with them.
#[must_use]
pub fn word_count(text: &str) -> usize {
    word_count_up_to(text, usize::MAX)
}

/// [`word_count`], but it stops once the count is past `cap` (and returns
/// more than `cap`): a caller that only asks "more than N words?" need not
/// read the rest of a long text.
#[must_use]
pub fn word_count_up_to(text: &str, cap: usize) -> usize {
    /// Bytes read between two looks at the cap: rare enough to keep the inner loop tight.
    const STRIDE: usize = 256;
    let mut count = 0;
    let mut in_word = false;
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut next_check = STRIDE;
    while at < bytes.len() {
        if at >= next_check {
            if count > cap {
                return count;
            }
            next_check = at + STRIDE;
        }
        let class = BYTE_CLASS[usize::from(bytes[at])];
        #[allow(clippy::needless_bitwise_bool, reason = "branch-free on purpose: this loop sees every byte")]
        if class != NOT_ASCII {
            // Branch-free: word and space bytes alternate too often to predict.
            let word = class == ASCII_WORD;
            count += usize::from(word & !in_word);
            in_word = word | (in_word & (class == ASCII_JOINER));
            at += 1;
            continue;
        }
        let c = text[at..].chars().next().unwrap_or(' ');
        at += c.len_utf8();
        if is_ideograph(c) {
            count += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            count += usize::from(!in_word);
            in_word = true;
        } else {
            in_word = in_word && c == '’';
        }
    }
    count
}

const ASCII_OTHER: u8 = 0;
const ASCII_WORD: u8 = 1;
/// An apostrophe keeps a word whole (`don't`) without starting one.
const ASCII_JOINER: u8 = 2;
const NOT_ASCII: u8 = 3;

/// What each byte is to [`word_count`]: a table, so the common ASCII byte costs one load.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [NOT_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() {
            ASCII_WORD
        } else if c == b'\'' {
            ASCII_JOINER
        } else {
            ASCII_OTHER
        };
        b += 1;
    }
    table
};

/// Han ideographs, kana and hangul syllables: each counts as a word of its own.
fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

/// The largest char boundary of `text` that is `<= offset`.
#[must_use]
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    if offset >= text.len() {
        return text.len();
    }
    let mut at = offset;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Levenshtein distance in **chars**: how far a mistyped word is from a known one.
#[must_use]
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    #[test]
    fn edit_distances() {
        let cases: &[(&str, &str, usize)] = &[
            ("bleu", "blue", 2),
            ("yelow", "yellow", 1),
            ("", "pink", 4),
            ("港口", "港湾", 1),
            ("🌊x", "🌊", 1),
            ("same", "same", 0),
        ];
        for (a, b, want) in cases {
            assert_eq!(super::edit_distance(a, b), *want, "{a:?} {b:?}");
        }
    }

    use super::*;

    #[test]
    fn widths_in_columns() {
        let cases: &[(&str, usize)] = &[
            ("abc", 3),
            ("", 0),
            ("日本語", 6),
            ("한국어", 6),
            ("👍", 2),
            ("👩‍👩‍👧", 2),
            ("e\u{301}", 1),
            ("☺\u{FE0F}", 2),
            ("a\u{a0}b", 3),
        ];
        for (text, cols) in cases {
            assert_eq!(display_width(text), *cols, "{text:?}");
        }
    }

    #[test]
    fn truncation_respects_wide_graphemes() {
        let cases: &[(&str, usize, &str)] = &[
            ("hello world", 5, "hell…"),
            ("hello", 5, "hello"),
            ("日本語テキスト", 5, "日本…"),
            ("👍👍👍", 4, "👍…"),
            ("abc", 0, ""),
        ];
        for (text, cols, want) in cases {
            let got = truncate_to_width(text, *cols);
            assert_eq!(got, *want, "{text:?} at {cols}");
            assert!(display_width(&got) <= *cols);
        }
    }

    #[test]
    fn byte_ranges_slice_safely() {
        let text = "a→b";
        assert_eq!(ByteRange::new(1, 4).slice(text), "→");
        assert_eq!(ByteRange::new(1, 2).slice(text), "");
        assert_eq!(ByteRange::new(2, 99).slice(text), "");
        assert_eq!(floor_char_boundary(text, 2), 1);
        assert_eq!(floor_char_boundary("日本", 4), 3);
    }

    #[test]
    fn words_are_counted_across_scripts() {
        let cases: &[(&str, usize)] = &[
            ("Hello, world.", 2),
            ("don’t stop", 2),
            ("don't stop", 2),
            ("well-known fact", 3),
            ("", 0),
            ("  \u{a0} ", 0),
            ("日本語のテキスト", 8),
            ("Café au lait", 3),
            ("👍 great 👍", 1),
            ("Q\u{a0}\u{a0} Thanks", 2),
            ("2024-01-28", 3),
        ];
        for (text, want) in cases {
            assert_eq!(word_count(text), *want, "{text:?}");
        }
    }

    #[test]
    fn a_capped_count_is_exact_up_to_the_cap_and_past_it_beyond() {
        // Long enough to cross the stride at which the cap is looked at, in every script.
        let long = |unit: &str| unit.repeat(400);
        let texts = [long("word "), long("日本語"), long("👍 fine "), long("don’t\u{a0}"), "a b c".to_owned()];
        for text in &texts {
            let all = word_count(text);
            for cap in [0, 1, 2, 3, 50, 399, all - 1, all, all + 1] {
                let capped = word_count_up_to(text, cap);
                if all <= cap {
                    assert_eq!(capped, all, "cap {cap} in {:?}", text.chars().take(6).collect::<String>());
                } else {
                    assert!(capped > cap && capped <= all, "{capped} for cap {cap} of {all}");
                }
            }
        }
    }
}
