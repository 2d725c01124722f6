//! Measuring one block: its length in units, the kinds of its characters,
//! the interface phrases in it, and the facts about it that the marking
//! passes use.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::vocabulary::{AT_START, Interface, STRONG, scan};
use crate::document::{BlockKind, date::find_date};

/// Blocks longer than this (in [units](measure)) are never scanned for interface phrases.
const SCAN_UNITS: usize = 40;
/// Counting stops here: no rule needs to tell longer blocks apart. Past
/// [`CAPTION_UNITS`], so a long paragraph is never asked whether it is a caption.
const MAX_UNITS: usize = CAPTION_UNITS + 1;
/// Prose: a block this long, in units, is article text unless it reads as a banner.
pub(super) const LONG_UNITS: usize = 20;

/// Han ideographs and kana: CJK text without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

/// The length of a text and the kinds of characters in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Measure {
    /// About a word each: a run of letters or digits is one, two CJK
    /// characters are one (CJK prose has no spaces to count).
    pub(super) units: usize,
    pub(super) digits: bool,
    upper: bool,
    lower: bool,
}

/// Measures `text`, counting no further than [`MAX_UNITS`]. ASCII, the
/// common byte, is handled without decoding a char.
pub(super) fn measure(text: &str) -> Measure {
    let (mut words, mut cjk, mut in_word) = (0usize, 0usize, false);
    let mut m = Measure::default();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() && words + cjk / 2 <= MAX_UNITS {
        let b = bytes[at];
        #[allow(clippy::needless_bitwise_bool, reason = "branch-free on purpose: this loop sees most bytes of a page")]
        if b.is_ascii() {
            at += 1;
            // An apostrophe inside a word keeps it whole (`don't`).
            let alphanumeric = b.is_ascii_alphanumeric();
            words += usize::from(alphanumeric & !in_word);
            in_word = alphanumeric | (in_word & (b == b'\''));
            m.digits |= b.is_ascii_digit();
            m.upper |= b.is_ascii_uppercase();
            m.lower |= b.is_ascii_lowercase();
            continue;
        }
        let c = text[at..].chars().next().unwrap_or(' ');
        at += c.len_utf8();
        if is_cjk(c) {
            cjk += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            words += usize::from(!in_word);
            in_word = true;
            m.upper |= c.is_uppercase();
            m.lower |= c.is_lowercase();
        } else if !(in_word && c == '’') {
            in_word = false;
        }
    }
    m.units = words + cjk.div_ceil(2);
    m
}

/// Facts about a block that are true or false, one bit each of [`Features::facts`].
pub(super) mod fact {
    pub const ENDS_SENTENCE: u16 = 1;
    /// Ends with a full stop: a statement, not a headline or a button.
    pub const PERIOD: u16 = 1 << 1;
    pub const DIGITS: u16 = 1 << 2;
    /// Letters, all capitals: `HOME`, `END OF PLAY`.
    pub const CAPS: u16 = 1 << 3;
    /// A short date: "March 11, 2025".
    pub const DATE: u16 = 1 << 4;
    /// "END", "Transcript ends", "###": the close of the text itself.
    pub const END_MARKER: u16 = 1 << 5;
    /// No blank line between this block and the one before.
    pub const GLUED: u16 = 1 << 6;
    /// Opens with a transcript label: `REPORTER:`, `MAYOR ODUYA:`.
    pub const LABEL: u16 = 1 << 7;
    /// Starts with "By …" or credits someone ("Photographs by …").
    pub const CREDIT: u16 = 1 << 8;
    /// A short "« Older" / "Newer »" arrow link.
    pub const ARROW: u16 = 1 << 9;
    /// Code is never chrome.
    pub const CODE: u16 = 1 << 10;
    /// Real prose: long, or a full sentence of some length, and not a banner.
    pub const CONTENT: u16 = 1 << 11;
    /// A picture's caption or its label: "Photo", "Ana Ruiz, left, and …",
    /// "… Credit Sam Lee/The Tide".
    pub const PHOTO_CAPTION: u16 = 1 << 12;
}

use fact::{
    ARROW, CAPS, CODE, CONTENT, CREDIT, DATE, DIGITS, END_MARKER, ENDS_SENTENCE, GLUED, LABEL, PERIOD, PHOTO_CAPTION,
};

/// Facts about one block that the rules use.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Features {
    pub(super) units: usize,
    /// The [`fact`] bits that hold.
    facts: u16,
    pub(super) ui: Interface,
    /// Items in a row of short links (`Home · News · Sport`), 0 if not one.
    pub(super) links: usize,
    /// The number of a "3. Headline" item.
    pub(super) number: Option<u32>,
}

impl Features {
    pub(super) fn is(&self, fact: u16) -> bool {
        self.facts & fact != 0
    }
}

pub(super) fn features(text: &str, glued: bool, kind: BlockKind) -> Features {
    let text = text.trim();
    let Measure { units, digits, upper, lower } = measure(text);
    let ends_sentence = text.ends_with(['.', '!', '?', '"', '”', '’', ')', '。', '！', '？', '」', '』']);
    let short = units <= SCAN_UNITS;
    let ui = if short { scan(text) } else { Interface::default() };
    let long = units >= LONG_UNITS;
    let banner = ui.hits >= 2 && ui.has(STRONG) && ui.has(AT_START) && short;
    let chrome_sentence = ui.hits > 0 && !long;
    let code = kind == BlockKind::Code;
    let content = code || ((long || (ends_sentence && units >= 12)) && !banner && !chrome_sentence);
    let facts = [
        (ENDS_SENTENCE, ends_sentence),
        (PERIOD, text.ends_with(['.', '。', '．'])),
        (DIGITS, digits),
        (CAPS, upper && !lower),
        (DATE, digits && units <= 8 && find_date(text).is_some()),
        (END_MARKER, units <= 4 && is_end_marker(text)),
        (GLUED, glued),
        (LABEL, short && is_label(text)),
        (CREDIT, short && is_credit(text)),
        (ARROW, units <= 5 && is_arrow(text)),
        (CODE, code),
        (CONTENT, content),
        (PHOTO_CAPTION, units <= CAPTION_UNITS && is_photo_caption(text)),
    ]
    .into_iter()
    .filter(|(_, holds)| *holds)
    .fold(0, |bits, (fact, _)| bits | fact);
    Features {
        units,
        facts,
        ui,
        links: if units <= 24 { link_items(text) } else { 0 },
        number: if units <= 24 { leading_number(text) } else { None },
    }
}

/// Captions are a sentence or two; a longer block is prose that happens to credit someone.
const CAPTION_UNITS: usize = 70;

/// A picture's label or caption in the middle of a page: a word that stands
/// for the picture ("Photo", "Video"), or a caption with no quotation in it
/// that places people in the picture (", left,", "second from right") or
/// ends crediting it ("Credit Sam Lee/The Tide", "Photo: …", "… Getty Images").
pub(super) fn is_photo_caption(text: &str) -> bool {
    let bare = text.trim_end_matches([':', '.']);
    let picture = ["photo", "photos", "image", "images", "video", "gallery", "photograph", "audio"];
    if bare.len() <= 10 && picture.iter().any(|p| bare.eq_ignore_ascii_case(p)) {
        return true;
    }
    if text.contains(['"', '“', '”', '«', '»', '「']) {
        return false;
    }
    // "Ana Ruiz, left, and …": a name placed in the picture. Speech says "…, right, …" too, after no name.
    let named_before = |at: usize| {
        text[..at].split_whitespace().next_back().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
    };
    // One pass over the text for every phrase (every block of a page is asked this);
    // ASCII case only, so the offsets found hold in `text`. Matches do not overlap:
    // of ", left, right," only ", left," counts, and "left" is no name to place.
    let mut last_credit: [Option<usize>; CREDITS.len()] = [None; CREDITS.len()];
    for found in CAPTION_PHRASES.find_iter(text) {
        let phrase = found.pattern().as_usize();
        match phrase.checked_sub(PLACED.len()) {
            None if named_before(found.start()) => return true,
            None => {}
            Some(credit) => last_credit[credit] = Some(found.end()),
        }
    }
    let credited =
        last_credit.iter().flatten().any(|&after| text[after..].chars().next().is_some_and(char::is_uppercase));
    let tail = text.trim_end_matches(['.', ')']);
    credited
        || ["getty images", "/ap", "/reuters", "ap photo", "via reuters", "via ap", "/afp"].iter().any(|agency| {
            tail.len() >= agency.len()
                && tail.is_char_boundary(tail.len() - agency.len())
                && tail[tail.len() - agency.len()..].eq_ignore_ascii_case(agency)
        })
}

/// Where a caption places a person in its picture.
const PLACED: [&str; 8] =
    [", left,", ", right,", ", center,", ", centre,", " from left,", " from right,", " (left)", " (right)"];
/// What opens a picture's credit: a name follows it.
const CREDITS: [&str; 7] = ["credit ", "credit:", "photo: ", "photograph: ", "image: ", "photo by ", "photograph by "];

static CAPTION_PHRASES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(PLACED.iter().chain(CREDITS.iter()))
        .expect("the caption phrases build")
});

/// "END", "The End", "Transcript ends", "###", "-30-".
pub(super) fn is_end_marker(text: &str) -> bool {
    matches!(text, "###" | "# # #" | "-30-")
        || text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("end") || w.eq_ignore_ascii_case("ends"))
}

/// `NAME:` in capitals at the start: a turn of a transcript, never chrome.
pub(super) fn is_label(text: &str) -> bool {
    let Some((head, _)) = text.split_once([':', '：']) else { return false };
    head.len() <= 40
        && head.split_whitespace().count() <= 5
        && head.chars().any(char::is_alphabetic)
        && head.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

/// "By Ana Ruiz", "Photographs by Sam Lee": a credit line.
pub(super) fn is_credit(text: &str) -> bool {
    let lower_by = |t: &str| t.get(..3).is_some_and(|h| h.eq_ignore_ascii_case("by "));
    lower_by(text)
        || text.match_indices(" by ").any(|(at, _)| text[at + 4..].chars().next().is_some_and(char::is_uppercase))
}

const LINK_SEPARATORS: [char; 6] = ['|', '·', '•', '｜', '»', '›'];
/// Separators that are also characters of prose, so only between spaces.
const SPACED_SEPARATORS: [&str; 2] = [" / ", " > "];

/// How many items a row of short links has (`Contact · Careers · Terms`,
/// `Home » News`, `World / Europe`, or three or more set apart by wide
/// spaces: `News   Opinion   Sport`), 0 when
/// the line is not one: every item one to four units, no digits, no
/// sentence, no byline.
pub(super) fn link_items(text: &str) -> usize {
    let link = |item: &str| {
        let m = measure(item);
        (1..=4).contains(&m.units) && !m.digits && !item.ends_with(['.', '?', '!', ':', '。']) && !is_credit(item)
    };
    let row = |items: &mut dyn Iterator<Item = &str>| {
        let mut count = 0;
        for item in items {
            if !link(item.trim()) {
                return 0;
            }
            count += 1;
        }
        if count >= 2 { count } else { 0 }
    };
    if text.contains(LINK_SEPARATORS) {
        return row(&mut text.split(LINK_SEPARATORS));
    }
    if let Some(separator) = SPACED_SEPARATORS.into_iter().find(|s| text.contains(s)) {
        return row(&mut text.split(separator));
    }
    if !text.contains("  ") {
        return 0;
    }
    let mut items = 0;
    for item in text.split("  ").map(str::trim).filter(|item| !item.is_empty()) {
        if !link(item) || measure(item).units > 3 {
            return 0;
        }
        items += 1;
    }
    if items >= 3 { items } else { 0 }
}

pub(super) fn is_arrow(text: &str) -> bool {
    let opens = text.starts_with(['«', '‹', '←']);
    let closes = text.ends_with(['»', '›', '→']);
    opens != closes
}

/// `3. Headline` or `3) Headline` → 3.
pub(super) fn leading_number(text: &str) -> Option<u32> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = &text[digits..];
    (rest.starts_with(". ") || rest.starts_with(") ")).then(|| text[..digits].parse().ok()).flatten()
}
