//! Greedy soft wrapping by display width.
//!
//! Whitespace inside a paragraph (spaces, newlines of hard-wrapped sources,
//! indentation) collapses to one column, so a paragraph reads the same
//! whether its source was one long line or many short ones. Lines break at
//! gaps, after hyphens and dashes, and between wide (CJK, emoji) graphemes; a
//! word wider than the line is cut at grapheme boundaries.
//!
//! The wrapper is an iterator so a caller can stop after the lines it shows.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;

use super::{ByteRange, grapheme_width};

/// One visual (screen) line: the **byte** range of its first to last visible
/// grapheme in the document text, and its width in **display columns**.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VisualLine {
    pub range: ByteRange,
    pub width: usize,
}

/// The pieces a wrapper sees: an unbreakable run of graphemes, or a gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WrapToken {
    /// Graphemes that stay together; `width` in display columns.
    Word { range: ByteRange, width: usize },
    /// A run of breaking whitespace, shown as one column when not at a line edge.
    Gap { range: ByteRange },
}

/// Non-breaking spaces glue words together instead of separating them.
fn is_non_breaking_space(c: char) -> bool {
    matches!(c, '\u{A0}' | '\u{202F}' | '\u{2007}')
}

fn is_gap_grapheme(g: &str) -> bool {
    g.chars().all(char::is_whitespace)
}

/// Wide graphemes (CJK, emoji) may break on either side.
fn breaks_around(g: &str) -> bool {
    grapheme_width(g) == 2
}

fn breaks_after(g: &str) -> bool {
    matches!(g, "-" | "‐" | "–" | "—" | "/")
}

/// Whether the whitespace run at the start of `rest` holds a breaking space:
/// a no-break space beside an ordinary one is just spacing.
fn run_breaks(rest: &str) -> bool {
    rest.chars().take_while(|c| c.is_whitespace()).any(|c| !is_non_breaking_space(c))
}

/// Splits a range of text into [`WrapToken`]s.
///
/// Runs of plain ASCII, most of any English text, are split byte by byte: an
/// ASCII byte followed by another ASCII byte is a grapheme of width one. Only
/// a token that meets a non-ASCII byte (which may be a combining mark
/// joining the byte before it) goes through grapheme segmentation.
struct Tokens<'a> {
    slice: &'a str,
    base: usize,
    /// **Byte** offset in `slice` of the next token.
    at: usize,
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str, range: ByteRange) -> Self {
        Self { slice: range.slice(text), base: range.start, at: 0 }
    }

    fn range(&self, start: usize, end: usize) -> ByteRange {
        ByteRange::new(self.base + start, self.base + end)
    }

    /// The end of the run of whitespace characters at `from` (**byte**
    /// offset in the slice), and whether it holds a breaking one; `None` when
    /// a non-ASCII character follows it (it may combine with the last space).
    fn space_run(&self, from: usize) -> Option<(usize, bool)> {
        let rest = &self.slice[from..];
        let mut end = from;
        let mut breaking = false;
        for c in rest.chars() {
            if !c.is_whitespace() {
                break;
            }
            breaking |= !is_non_breaking_space(c);
            end += c.len_utf8();
        }
        self.slice.as_bytes().get(end).is_none_or(u8::is_ascii).then_some((end, breaking))
    }

    /// The next token if it is plain ASCII (spaces may include U+00A0 and its
    /// kin) through to a byte that ends it.
    fn ascii_token(&mut self) -> Option<WrapToken> {
        let bytes = self.slice.as_bytes();
        let start = self.at;
        let first = *bytes.get(start)?;
        let first_is_space = first.is_ascii_whitespace()
            || (!first.is_ascii() && self.slice[start..].chars().next().is_some_and(char::is_whitespace));
        if first_is_space {
            // A run of only no-break spaces glues the words around it: graphemes decide.
            let (end, breaking) = self.space_run(start).filter(|&(_, breaking)| breaking)?;
            debug_assert!(breaking);
            self.at = end;
            return Some(WrapToken::Gap { range: self.range(start, end) });
        }
        if !first.is_ascii() {
            return None;
        }
        let mut end = start + 1;
        let token = {
            if !matches!(first, b'-' | b'/') {
                while end < bytes.len() && bytes[end].is_ascii() && !bytes[end].is_ascii_whitespace() {
                    end += 1;
                    if matches!(bytes[end - 1], b'-' | b'/') {
                        break;
                    }
                }
            }
            WrapToken::Word { range: self.range(start, end), width: end - start }
        };
        // What follows must end the word for sure: a breaking run of spaces
        // (`said.\u{a0} We`) not joined by a combining mark, or another ASCII
        // character after `-` or `/`. Anything else, graphemes decide.
        let ends_here = match bytes.get(end) {
            None => true,
            Some(b) if b.is_ascii() && !b.is_ascii_whitespace() => true,
            Some(_) => self.space_run(end).is_some_and(|(run_end, breaking)| breaking && run_end > end),
        };
        if !ends_here {
            return None;
        }
        self.at = end;
        Some(token)
    }

    /// The next token, by grapheme clusters.
    fn grapheme_token(&mut self) -> Option<WrapToken> {
        let rest = &self.slice[self.at..];
        let offset = self.at;
        let mut graphemes = rest.grapheme_indices(true).peekable();
        let (first_at, first) = graphemes.next()?;
        let start = offset + first_at;
        let mut end = start + first.len();
        let token = if is_gap_grapheme(first) {
            // A run made only of non-breaking spaces is part of the word around it.
            let mut breaking = !first.chars().all(is_non_breaking_space);
            let mut nbsp_width = first.chars().count();
            while let Some(&(at, g)) = graphemes.peek() {
                if !is_gap_grapheme(g) {
                    break;
                }
                breaking |= !g.chars().all(is_non_breaking_space);
                nbsp_width += g.chars().count();
                end = offset + at + g.len();
                graphemes.next();
            }
            if breaking {
                WrapToken::Gap { range: self.range(start, end) }
            } else {
                WrapToken::Word { range: self.range(start, end), width: nbsp_width }
            }
        } else {
            let mut width = grapheme_width(first);
            if !(breaks_around(first) || breaks_after(first)) {
                while let Some(&(at, g)) = graphemes.peek() {
                    if is_gap_grapheme(g) && run_breaks(&rest[at..]) || breaks_around(g) {
                        break;
                    }
                    width += grapheme_width(g);
                    end = offset + at + g.len();
                    graphemes.next();
                    if breaks_after(g) {
                        break;
                    }
                }
            }
            WrapToken::Word { range: self.range(start, end), width }
        };
        self.at = end;
        Some(token)
    }
}

impl Iterator for Tokens<'_> {
    type Item = WrapToken;

    fn next(&mut self) -> Option<WrapToken> {
        self.ascii_token().or_else(|| self.grapheme_token())
    }
}

/// Lazily wraps `range` of `text` into lines of at most `width` display columns.
pub struct Wrap<'a> {
    text: &'a str,
    width: usize,
    tokens: Tokens<'a>,
    /// A word that did not fit on the previous line, or the rest of a cut word.
    carry: Option<(ByteRange, usize)>,
}

impl Iterator for Wrap<'_> {
    type Item = VisualLine;

    fn next(&mut self) -> Option<VisualLine> {
        let mut line: Option<VisualLine> = None;
        let mut pending_gap = false;
        loop {
            let (range, word_width) = match self.carry.take() {
                Some(word) => word,
                None => match self.tokens.next() {
                    None => return line,
                    Some(WrapToken::Gap { .. }) => {
                        pending_gap = line.is_some();
                        continue;
                    }
                    Some(WrapToken::Word { range, width }) => (range, width),
                },
            };
            match line.as_mut() {
                None if word_width > self.width => {
                    let (head, rest) = cut_to_width(self.text, range, self.width);
                    if let Some(rest) = rest {
                        self.carry = Some(rest);
                    }
                    return Some(head);
                }
                None => line = Some(VisualLine { range, width: word_width }),
                Some(current) => {
                    let gap = usize::from(pending_gap);
                    if current.width + gap + word_width > self.width {
                        self.carry = Some((range, word_width));
                        return line;
                    }
                    current.width += gap + word_width;
                    current.range.end = range.end;
                    pending_gap = false;
                }
            }
        }
    }
}

/// Cuts a word wider than the line: the head fills the line (always at least
/// one grapheme, so wrapping advances even at width 1), the rest carries over.
fn cut_to_width(text: &str, range: ByteRange, width: usize) -> (VisualLine, Option<(ByteRange, usize)>) {
    let slice = range.slice(text);
    let mut used = 0;
    let mut cut = slice.len();
    for (at, g) in slice.grapheme_indices(true) {
        let w = grapheme_width(g);
        if used + w > width && at > 0 {
            cut = at;
            break;
        }
        used += w;
    }
    let head = VisualLine { range: ByteRange::new(range.start, range.start + cut), width: used };
    if cut == slice.len() {
        return (head, None);
    }
    let rest = ByteRange::new(range.start + cut, range.end);
    let rest_width = super::display_width(rest.slice(text));
    (head, Some((rest, rest_width)))
}

/// Wraps `range` of `text` to `width` display columns (at least 1).
#[must_use]
pub fn wrap(text: &str, range: ByteRange, width: usize) -> Wrap<'_> {
    Wrap { text, width: width.max(1), tokens: Tokens::new(text, range), carry: None }
}

/// The pieces to draw for one visual line, in order: each piece's byte range
/// and the text to show for it (a gap shows as one space, and non-breaking
/// spaces as plain spaces).
pub fn display_pieces(text: &str, line: ByteRange) -> impl Iterator<Item = (ByteRange, Cow<'_, str>)> + '_ {
    Tokens::new(text, line).map(move |token| match token {
        WrapToken::Gap { range } => (range, Cow::Borrowed(" ")),
        WrapToken::Word { range, .. } => {
            let shown = range.slice(text);
            if shown.contains(is_non_breaking_space) {
                (range, Cow::Owned(shown.replace(is_non_breaking_space, " ")))
            } else {
                (range, Cow::Borrowed(shown))
            }
        }
    })
}

/// A visual line as shown: [`display_pieces`] joined. Most lines are shown
/// as they are, so they are borrowed, not rebuilt piece by piece; a line that
/// changes is copied a stretch between two runs of spaces at a time.
#[must_use]
pub fn display_line(text: &str, line: ByteRange) -> Cow<'_, str> {
    let shown = line.slice(text);
    if shows_as_it_is(shown.as_bytes()) {
        return Cow::Borrowed(shown);
    }
    // A run of spaces with a breaking one shows as one space, a run of only
    // no-break spaces as that many spaces (it is inside a word). A character
    // after a run that is not ASCII might combine with the run's last space:
    // then the pieces, cut by graphemes, decide.
    let bytes = shown.as_bytes();
    let mut out: Option<String> = None;
    // **Bytes** of `shown` already in `out`, and where the search goes on.
    let (mut copied, mut at) = (0, 0);
    while let Some(found) = bytes[at..].iter().position(|&b| may_start_whitespace(b)) {
        let run_start = at + found;
        let mut chars = shown[run_start..].chars().peekable();
        let (mut breaking, mut count, mut end) = (false, 0, run_start);
        while let Some(&c) = chars.peek().filter(|c| c.is_whitespace()) {
            breaking |= !is_non_breaking_space(c);
            count += 1;
            end += c.len_utf8();
            chars.next();
        }
        if count == 0 {
            // A letter that only shares a leading byte with the spaces.
            at = run_start + chars.next().map_or(1, char::len_utf8);
            continue;
        }
        if chars.peek().is_some_and(|d| !d.is_ascii()) {
            return Cow::Owned(display_pieces(text, line).map(|(_, piece)| piece).collect());
        }
        let run = &shown[run_start..end];
        let unchanged = run == " " || (!breaking && run.bytes().all(|b| b == b' '));
        if !unchanged {
            let out = out.get_or_insert_with(|| String::with_capacity(shown.len()));
            out.push_str(&shown[copied..run_start]);
            out.extend(std::iter::repeat_n(' ', if breaking { 1 } else { count }));
            copied = end;
        }
        at = end;
    }
    match out {
        None => Cow::Borrowed(shown),
        Some(mut out) => {
            out.push_str(&shown[copied..]);
            Cow::Owned(out)
        }
    }
}

/// Whether a character that starts with this byte can be whitespace: the
/// ASCII spaces and controls `\t`..`\r`, and the first bytes of U+0085,
/// U+00A0, U+1680, U+2000..U+205F and U+3000 in UTF-8.
fn may_start_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// Printable ASCII with no two spaces in a row: most lines of any English
/// text, which show byte for byte. One pass over bytes, without decoding.
fn shows_as_it_is(bytes: &[u8]) -> bool {
    let mut after_space = false;
    for &b in bytes {
        // Other whitespace (tabs, newlines) and anything not ASCII take the long way.
        if !(b' '..0x7F).contains(&b) {
            return false;
        }
        let space = b == b' ';
        if space && after_space {
            return false;
        }
        after_space = space;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: usize) -> Vec<String> {
        wrap(text, ByteRange::new(0, text.len()), width)
            .map(|line| {
                let joined: String = display_pieces(text, line.range).map(|(_, s)| s.into_owned()).collect();
                assert_eq!(display_line(text, line.range), joined, "a line shows as its pieces do");
                joined
            })
            .collect()
    }

    #[test]
    fn wraps_by_display_width() {
        let cases: &[(&str, usize, &[&str])] = &[
            ("the quick brown fox", 9, &["the quick", "brown fox"]),
            ("the quick brown fox", 100, &["the quick brown fox"]),
            ("  leading and trailing  ", 30, &["leading and trailing"]),
            ("hard\nwrapped\n    source", 40, &["hard wrapped source"]),
            ("abcdefghij", 4, &["abcd", "efgh", "ij"]),
            ("well-known fact", 6, &["well-", "known", "fact"]),
            ("日本語のテキストです", 6, &["日本語", "のテキ", "ストで", "す"]),
            ("中文 English 混合", 8, &["中文", "English", "混合"]),
            ("👍👍👍 ok", 4, &["👍👍", "👍", "ok"]),
            ("👍👍 ok", 7, &["👍👍 ok"]),
            ("👩‍👩‍👧 family", 3, &["👩‍👩‍👧", "fam", "ily"]),
            ("", 10, &[]),
            ("   ", 10, &[]),
            ("x", 0, &["x"]),
            ("日本", 1, &["日", "本"]),
        ];
        for (text, width, want) in cases {
            assert_eq!(lines(text, *width), *want, "{text:?} at width {width}");
        }
    }

    #[test]
    fn non_breaking_spaces_glue_words() {
        assert_eq!(lines("Q\u{a0}\u{a0}Thanks a lot", 9), vec!["Q  Thanks", "a lot"]);
        assert_eq!(lines("10\u{a0}km away", 5), vec!["10 km", "away"]);
        // A no-break space beside an ordinary one is just sentence spacing.
        assert_eq!(lines("end.\u{a0} Next", 20), vec!["end. Next"]);
    }

    #[test]
    fn no_line_exceeds_width_and_ranges_are_ordered() {
        let text = "Ünïcödé wörds — and 日本語 with emoji 🎉🎉 mixed in, plus averyveryverylongword.";
        for width in 1..40 {
            let mut last_end = 0;
            for line in wrap(text, ByteRange::new(0, text.len()), width) {
                assert!(line.width <= width.max(2), "width {width}: {line:?}");
                assert!(line.range.start >= last_end);
                assert!(text.is_char_boundary(line.range.start) && text.is_char_boundary(line.range.end));
                last_end = line.range.end;
            }
        }
    }
}

#[cfg(test)]
mod fast_path {
    use proptest::prelude::*;

    use super::*;

    fn by_graphemes(text: &str) -> Vec<WrapToken> {
        let mut tokens = Tokens::new(text, ByteRange::new(0, text.len()));
        std::iter::from_fn(|| tokens.grapheme_token()).collect()
    }

    proptest! {
        /// The ASCII fast path splits text exactly as grapheme segmentation does.
        #[test]
        fn ascii_runs_tokenise_as_graphemes_do(text in "([a-z]{1,6}|[ \n\t]{1,3}|-|/|e\u{301}| \u{301}|\u{a0}|\u{202f}|\u{3000}|港|👍🏽|, |\\.\u{a0} ){0,40}") {
            let fast: Vec<WrapToken> = Tokens::new(&text, ByteRange::new(0, text.len())).collect();
            prop_assert_eq!(fast, by_graphemes(&text));
        }

        /// A line shows exactly as its pieces joined, whichever path draws it.
        #[test]
        fn a_line_shows_as_its_pieces(text in "([a-z]{1,6}|[ \n\t]{1,3}|-|—|©|e\u{301}| \u{301}|\u{a0}|\u{202f}|\u{3000}|港|👍🏽|, |\\.\u{a0} ){0,40}") {
            let range = ByteRange::new(0, text.len());
            let joined: String = display_pieces(&text, range).map(|(_, piece)| piece).collect();
            prop_assert_eq!(display_line(&text, range), joined);
        }
    }
}
