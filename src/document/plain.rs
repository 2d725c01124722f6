//! Plain text: finding paragraphs, headings and metadata in a `.txt` file.
//!
//! Plain text comes in two shapes. In *line* documents every line is a
//! paragraph (web pages saved as text, most transcripts). In *hard-wrapped*
//! documents a paragraph spans several lines of similar length (government
//! transcripts, e-mail, old text files); a new paragraph starts after a blank
//! line, after a line noticeably shorter than the wrap width, or at a line
//! indented deeper than the one before. The shape is decided once per file
//! from the distribution of line lengths.

use super::{Block, BlockKind, Document, Metadata, boilerplate, date::find_date};
use crate::text::{ByteRange, word_count};

/// A line longer than this (in chars) was not wrapped by hand.
const UNWRAPPED_LINE_CHARS: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    LinePerParagraph,
    /// Lines wrapped by hand at about `width` chars.
    HardWrapped {
        width: usize,
    },
}

/// One source line: **byte** range without its newline, indentation in
/// chars, length in chars after the indentation.
#[derive(Clone, Copy, Debug)]
struct Line {
    range: ByteRange,
    indent: usize,
    chars: usize,
}

fn lines_of(text: &str) -> Vec<Line> {
    let mut lines = Vec::with_capacity(text.len() / 60 + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len())) {
        if start > text.len() {
            break;
        }
        let line = &text[start..end];
        let body = line.trim_start();
        let indent = line.len() - body.len();
        lines.push(Line {
            range: ByteRange::new(start + indent, start + line.trim_end().len().max(indent)),
            indent: line[..indent].chars().count(),
            chars: body.trim_end().chars().count(),
        });
        start = end + 1;
    }
    lines
}

fn shape_of(lines: &[Line]) -> Shape {
    let mut lengths: Vec<usize> = lines.iter().filter(|l| l.chars > 0).map(|l| l.chars + l.indent).collect();
    if lengths.is_empty() {
        return Shape::LinePerParagraph;
    }
    let long = lengths.iter().filter(|n| **n > UNWRAPPED_LINE_CHARS).count();
    if long * 10 >= lengths.len() {
        return Shape::LinePerParagraph;
    }
    lengths.sort_unstable();
    let width = lengths[lengths.len() * 9 / 10];
    // Few lines near the wrap width means the short lines are paragraphs of their own.
    let near_width = lengths.iter().filter(|n| **n * 10 >= width * 8).count();
    if width < 40 || near_width * 4 < lengths.len() { Shape::LinePerParagraph } else { Shape::HardWrapped { width } }
}

fn starts_list_item(text: &str) -> bool {
    let mut chars = text.chars();
    matches!((chars.next(), chars.next()), (Some('-' | '*' | '•' | '–' | '·'), Some(' ' | '\u{a0}')))
}

/// Groups lines into the **byte** ranges of paragraphs.
fn group(text: &str, lines: &[Line], shape: Shape) -> Vec<ByteRange> {
    let mut blocks: Vec<ByteRange> = Vec::new();
    let mut open: Option<(ByteRange, Line)> = None;
    for line in lines {
        if line.chars == 0 {
            if let Some((range, _)) = open.take() {
                blocks.push(range);
            }
            continue;
        }
        let joins = match (shape, open.as_ref()) {
            (Shape::HardWrapped { width }, Some((_, previous))) => {
                let previous_full = (previous.chars + previous.indent) * 10 >= width * 6;
                let deeper = line.indent > previous.indent;
                let headings =
                    is_all_caps_heading(line.range.slice(text)) || is_all_caps_heading(previous.range.slice(text));
                previous_full && !deeper && !headings && !starts_list_item(line.range.slice(text))
            }
            _ => false,
        };
        match open.as_mut() {
            Some((range, previous)) if joins => {
                range.end = line.range.end;
                *previous = *line;
            }
            _ => {
                if let Some((range, _)) = open.take() {
                    blocks.push(range);
                }
                open = Some((line.range, *line));
            }
        }
    }
    if let Some((range, _)) = open {
        blocks.push(range);
    }
    blocks
}

/// A short line in capitals with no sentence ending: `EXAMINATION`, `ORAL ARGUMENT OF …`.
#[must_use]
pub fn is_all_caps_heading(text: &str) -> bool {
    // Cheap tests first: most paragraphs are long or have a lower-case letter early.
    if text.starts_with(['[', '(']) || text.len() > MAX_HEADING_BYTES || text.contains('\n') {
        return false;
    }
    if text.chars().filter(|c| c.is_alphabetic()).any(|c| !c.is_uppercase()) {
        return false;
    }
    let words = word_count(text);
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    (1..=10).contains(&words)
        && letters >= 3
        && !text.contains('\n')
        && text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
        && !text.trim_end().ends_with(['.', ';', '?', '!'])
}

/// Ten words of capitals fit easily: longer blocks are never all-caps headings.
const MAX_HEADING_BYTES: usize = 400;

fn is_rule(text: &str) -> bool {
    text.chars().count() >= 3 && text.chars().all(|c| matches!(c, '=' | '-' | '*' | '_' | '~' | '#' | ' '))
}

fn classify(text: &str, range: ByteRange) -> (BlockKind, ByteRange) {
    let content = range.slice(text);
    if starts_list_item(content) {
        let marker = content.chars().next().map_or(1, char::len_utf8);
        let rest = &content[marker..];
        let skipped = marker + (rest.len() - rest.trim_start().len());
        return (BlockKind::ListItem, ByteRange::new(range.start + skipped, range.end));
    }
    if is_rule(content) {
        return (BlockKind::Meta, range);
    }
    if is_all_caps_heading(content) {
        return (BlockKind::Heading { level: 2 }, range);
    }
    (BlockKind::Paragraph, range)
}

/// Builds a plain-text [`Document`] from normalised text.
#[must_use]
pub fn parse(text: String) -> Document {
    let lines = lines_of(&text);
    let shape = shape_of(&lines);
    let mut blocks: Vec<Block> = group(&text, &lines, shape)
        .into_iter()
        .map(|range| {
            let (kind, range) = classify(&text, range);
            Block { kind, range, boilerplate: false }
        })
        .collect();
    boilerplate::mark(&text, &mut blocks);
    let meta = find_metadata(&text, &mut blocks);
    Document { text, blocks, meta, ..Document::default() }
}

/// Runs of whitespace become one character, the run's first, so an
/// ideographic space (U+3000) between CJK phrases is kept.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(if c == '\n' { ' ' } else { c });
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// How many leading blocks may hold the dateline and byline.
const HEAD_BLOCKS: usize = 40;
/// How many leading readable blocks may hold the title.
const TITLE_BLOCKS: usize = 8;

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

fn looks_like_title(text: &str) -> bool {
    // Each CJK character counts as a word; two of them make about one word of a title.
    let wide = text.chars().filter(|c| unicode_width::UnicodeWidthChar::width(*c) == Some(2)).count();
    let words = word_count(text).saturating_sub(wide / 2);
    let trimmed = text.trim();
    (1..=30).contains(&words)
        && !(trimmed.starts_with('[') && trimmed.ends_with(']'))
        // `(APPLAUSE)`, `(Laughter.)`: a stage direction, never a title.
        && !(trimmed.starts_with('(') && trimmed.ends_with([')', '.']) && trimmed.contains(')'))
        && !is_rule(trimmed)
        && strip_prefix_ignore_case(trimmed, "by ").is_none()
        && find_date(trimmed).is_none_or(|_| words > 6)
        && !trimmed.ends_with([':', '.', ','])
        // A quoted sentence ('…going on."') is body text, not a headline.
        && !trimmed.trim_end_matches(['"', '”', '’', '\'']).ends_with(['.', '?', '!', ','])
        && !trimmed.contains(" --> ")
        && !looks_like_label(trimmed)
        && trimmed.chars().any(char::is_alphabetic)
}

/// A headline's closing full stop or cut-off semicolon is not part of it;
/// an abbreviation's stop ("… with the U.S.") is.
fn tidy_title(title: &str) -> String {
    let title = title.trim_end_matches([';', ',']).trim_end();
    let last_word = title.rsplit(' ').next().unwrap_or_default();
    match title.strip_suffix('.') {
        Some(rest) if !last_word[..last_word.len() - 1].contains('.') => rest.to_owned(),
        _ => title.to_owned(),
    }
}

/// Some feeds end a headline with a full stop ("Port talks stall."): the
/// first block is still the title when it is one short sentence and the body
/// that follows is longer. Later blocks never get this allowance, since a
/// short sentence further down is body text.
fn looks_like_headline(text: &str, next: Option<&str>) -> bool {
    let trimmed = text.trim();
    // Headlines quote in single marks ("Mayor Says Plan 'Is Dead.'"); double marks open body quotes.
    let unquoted = trimmed.trim_end_matches(['’', '\'']);
    let Some(body) = unquoted.strip_suffix('.') else { return looks_like_title(text) };
    let one_sentence = !body.contains(". ") && !body.contains(['\n', '"', '“', '”']);
    let words = word_count(trimmed);
    one_sentence
        && (2..=20).contains(&words)
        && looks_like_title(body.trim_end_matches(['’', '\'']))
        && next.is_some_and(|n| word_count(n) > words)
}

/// A court or hearing transcript numbers its lines ("1  IN THE SUPREME
/// COURT…", "2  …"): the number is the page's, not the title's.
fn without_line_number<'a>(title: &'a str, next: Option<&str>) -> &'a str {
    let Some((number, rest)) = title.split_once(' ') else { return title };
    let Ok(n) = number.parse::<u32>() else { return title };
    let next_number = next.and_then(|n| n.trim_start().split(' ').next()).and_then(|w| w.parse::<u32>().ok());
    if n <= 1 && next_number == Some(n + 1) && !rest.trim().is_empty() { rest.trim() } else { title }
}

/// A line the document repeats page after page ("Official - Subject to Final
/// Review", a running head) names no article: it is never the title. Pages
/// repeat it within their first few dozen kilobytes, so only those are read.
fn is_running_head(text: &str, blocks: &[Block], index: usize) -> bool {
    const PAGES: usize = 3;
    const LOOK_BYTES: usize = 64 * 1024;
    let line = blocks[index].range.slice(text).trim();
    if line.contains('\n') {
        return false;
    }
    let head = &text[..crate::text::floor_char_boundary(text, LOOK_BYTES.min(text.len()))];
    head.lines().filter(|l| l.len() >= line.len() && l.trim() == line).nth(PAGES - 1).is_some()
}

/// `NAME: text` or `Name (00:01:23):` — a transcript line, not a title.
fn looks_like_label(line: &str) -> bool {
    let Some((head, _)) = line.split_once(':') else { return false };
    let letters: Vec<char> = head.chars().filter(|c| c.is_alphabetic()).collect();
    let caps = !letters.is_empty() && letters.iter().all(|c| c.is_uppercase()) && head.split_whitespace().count() <= 6;
    caps || head.ends_with(')')
}

/// Finds title, date, byline and source, and marks the title and meta blocks.
pub(crate) fn find_metadata(text: &str, blocks: &mut [Block]) -> Metadata {
    let mut meta = Metadata::default();
    let head = blocks.len().min(HEAD_BLOCKS);
    let readable: Vec<usize> = (0..head).filter(|&i| !blocks[i].boilerplate).take(TITLE_BLOCKS).collect();
    let headline = readable.first().copied().filter(|&first| {
        let next = readable.get(1).map(|&i| blocks[i].range.slice(text));
        blocks[first].kind != BlockKind::ListItem
            && looks_like_headline(blocks[first].range.slice(text), next)
            && !is_running_head(text, blocks, first)
    });
    let title = headline.or_else(|| {
        readable.iter().copied().find(|&i| {
            blocks[i].kind != BlockKind::ListItem
                && looks_like_title(blocks[i].range.slice(text))
                && !is_running_head(text, blocks, i)
        })
    });
    if let Some(i) = title {
        blocks[i].kind = BlockKind::Title;
        let next = readable.iter().find(|&&r| r > i).map(|&r| blocks[r].range.slice(text));
        meta.title = tidy_title(without_line_number(&collapse_whitespace(blocks[i].range.slice(text)), next));
    }
    for block in blocks[..head].iter_mut().filter(|b| !b.boilerplate && b.kind != BlockKind::Title) {
        let content = block.range.slice(text).trim();
        let short = word_count(content) <= 12;
        if meta.date.is_none()
            && short
            && let Some(date) = find_date(content)
        {
            meta.date = Some(date);
            block.kind = BlockKind::Meta;
        }
        if meta.byline.is_none()
            && short
            && let Some(name) = strip_prefix_ignore_case(content, "by ")
        {
            meta.byline = Some(name.trim().to_owned());
            block.kind = BlockKind::Meta;
        }
    }
    if meta.date.is_none() {
        meta.date = blocks.iter().take(HEAD_BLOCKS * 4).find_map(|b| find_date(b.range.slice(text)));
    }
    meta.source = find_source(text, blocks);
    meta
}

/// Words that end the name of a news outlet: "NBC News", "The Harbor Ledger".
const OUTLET_WORDS: &[&str] = &[
    "News",
    "Times",
    "Post",
    "Journal",
    "Tribune",
    "Herald",
    "Ledger",
    "Gazette",
    "Chronicle",
    "Radio",
    "Magazine",
    "Review",
    "Press",
    "Daily",
    "Observer",
    "Guardian",
    "Telegraph",
    "Monitor",
    "Wire",
    "Dispatch",
    "Report",
    "Bulletin",
    "Courier",
    "Sentinel",
    "Register",
    "Record",
    "Star",
];

/// Blocks at each end of a document that may name its source: credits and
/// copyright lines sit in the head or the foot, never deep in the body.
const SOURCE_ZONE: usize = 80;

fn find_source(text: &str, blocks: &[Block]) -> Option<String> {
    let head = blocks.len().min(SOURCE_ZONE);
    let foot = blocks.len().saturating_sub(SOURCE_ZONE).max(head);
    for block in blocks[..head].iter().chain(&blocks[foot..]) {
        let content = block.range.slice(text).trim();
        if let Some(rest) = content.strip_prefix("Source:") {
            return Some(rest.trim().to_owned());
        }
        for marker in ["support ", "©", "Copyright "] {
            if let Some((_, after)) = content.split_once(marker)
                && let Some(name) =
                    leading_proper_name(after.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' '))
                && (block.boilerplate || marker != "support ")
            {
                return Some(name);
            }
        }
    }
    // "…, she told The Coastal Times." names the outlet that ran the piece.
    for block in blocks.iter().filter(|b| !b.boilerplate) {
        let content = block.range.slice(text);
        for (at, _) in content.match_indices("told ") {
            if let Some(name) = leading_proper_name(&content[at + 5..])
                && OUTLET_WORDS.iter().any(|w| name.ends_with(w))
            {
                return Some(name);
            }
        }
    }
    None
}

/// "The Bloomingtonian on Patreon!" → "The Bloomingtonian": capitalised words from the start.
fn leading_proper_name(text: &str) -> Option<String> {
    let mut words = Vec::new();
    for word in text.split_whitespace() {
        let clean = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        let capital = clean.chars().next().is_some_and(char::is_uppercase);
        if !capital || clean.is_empty() {
            break;
        }
        words.push(clean);
        if clean.len() != word.len() {
            break;
        }
    }
    (!words.is_empty() && words.len() <= 6).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_texts(doc: &Document) -> Vec<&str> {
        doc.blocks.iter().map(|b| doc.block_text(b)).collect()
    }

    #[test]
    fn line_documents_keep_one_paragraph_per_line() {
        let long = "word ".repeat(30);
        let text = format!("Title here\n\n{long}\n{long}\nshort line\n");
        let doc = parse(text);
        assert_eq!(doc.blocks.len(), 4);
        assert_eq!(doc.meta.title, "Title here");
    }

    #[test]
    fn hard_wrapped_lines_join_into_paragraphs() {
        let text = "\
    Mr. SMITH. Thank you, Mr. Chairman. I appreciate the chance to
testify today about the state of the railways and the bridges
that carry them.
    The CHAIRMAN. Thank you.
    Ms. LEE. I have a question about the budget for the coming
year and the years after it, which the committee will consider.
";
        let doc = parse(text.to_owned());
        let texts = block_texts(&doc);
        assert_eq!(texts.len(), 3, "{texts:#?}");
        assert!(texts[0].ends_with("that carry them."));
        assert_eq!(texts[1], "The CHAIRMAN. Thank you.");
    }

    #[test]
    fn headings_lists_and_rules() {
        let cases: &[(&str, BlockKind)] = &[
            ("EXAMINATION", BlockKind::Heading { level: 2 }),
            ("CHANGES WITH THIS ADVISORY:", BlockKind::Heading { level: 2 }),
            ("- a list item", BlockKind::ListItem),
            ("• 項目", BlockKind::ListItem),
            ("=====", BlockKind::Meta),
            ("A sentence in prose.", BlockKind::Paragraph),
            ("日本語の段落です。", BlockKind::Paragraph),
            ("👍 EMOJI HEADING", BlockKind::Heading { level: 2 }),
        ];
        for (line, want) in cases {
            let (kind, _) = classify(line, ByteRange::new(0, line.len()));
            assert_eq!(kind, *want, "{line:?}");
        }
    }

    #[test]
    fn metadata_from_the_head_of_the_page() {
        let text = "Browser not supported. Please use another browser.\n\nRiver Treaty Talks Stall\n\nBy Ana Ruiz\n\nMarch 3, 2025\n\nGENEVA — Negotiators from both countries met for a third day without agreement on the shares of water each side may draw in dry years, officials said.\n\nThe talks resume on Monday, a spokesman told The Coastal Times.\n";
        let doc = parse(text.to_owned());
        assert_eq!(doc.meta.title, "River Treaty Talks Stall");
        assert_eq!(doc.meta.byline.as_deref(), Some("Ana Ruiz"));
        assert_eq!(doc.meta.date.as_deref(), Some("2025-03-03"));
        assert_eq!(doc.meta.source.as_deref(), Some("The Coastal Times"));
        assert!(doc.blocks[0].boilerplate);
    }

    #[test]
    fn stage_directions_are_never_titles() {
        let cases: &[(&str, &str)] = &[
            ("(APPLAUSE)\n\nQUINN: Good evening to the harbour.\n", ""),
            ("[MUSIC]\n\n（拍手）\n\nThe Ferry Debate\n\nQUINN: Good evening.\n", "The Ferry Debate"),
            ("(Laughter.)\n\nNight Ferries 🚢\n\nBody text here.\n", "Night Ferries 🚢"),
        ];
        for (text, want) in cases {
            let doc = parse((*text).to_owned());
            assert_eq!(doc.meta.title, *want, "{text:?}");
        }
    }

    #[test]
    fn empty_and_whitespace_documents() {
        for text in ["", "\n\n\n", "   \n \u{a0}\n"] {
            let doc = parse(text.to_owned());
            assert!(doc.meta.title.is_empty());
            assert!(doc.blocks.iter().all(|b| !b.range.is_empty()) || doc.blocks.is_empty());
        }
    }

    #[test]
    fn running_heads_and_line_numbers_are_not_titles() {
        let page = |head: &str, n: usize| {
            format!("{head}\n\n 1  Line one of page {n} of the hearing record.\n\n 2  Line two of page {n}.\n\n\u{c}")
        };
        let pages = |head: &str, title: &str| {
            let mut text = format!("{head}\n\n 1  {title}\n\n 2  - - - - - x\n\n\u{c}");
            for n in 2..5 {
                text += &page(head, n);
            }
            text
        };
        let cases: &[(String, &str)] = &[
            (
                pages("Official - Subject to Final Review", "IN THE HARBOUR COURT OF KESSOCK"),
                "IN THE HARBOUR COURT OF KESSOCK",
            ),
            (pages("港務委員会 公式記録", "港湾審判所 🚢"), "港湾審判所 🚢"),
            // Said once, a first line is the title even above numbered lines.
            (
                "Ferry Board Hearing\n\n 1  IN THE MATTER OF THE FERRY\n\n 2  Opened at ten.\n".to_owned(),
                "Ferry Board Hearing",
            ),
        ];
        for (text, want) in cases {
            let doc = parse(text.clone());
            assert_eq!(doc.meta.title, *want, "{text:?}");
        }
    }

    #[test]
    fn headlines_ending_in_a_full_stop_and_quoted_sentences() {
        let body = "Body text that runs longer than the headline above it, as a story does, with more words.";
        let cases: &[(String, &str)] = &[
            (format!("Harbour pilots reject the new tariff.\n\n{body}\n"), "Harbour pilots reject the new tariff"),
            (format!("港の交渉が停滞 🚢.\n\n{body}\n"), "港の交渉が停滞 🚢"),
            // Two sentences are body text; a quoted sentence later on is never the title.
            (format!("Talks stall. Pilots walk out.\n\n{body}\n\nShe said \"we are done.\"\n"), ""),
            // A short sentence before an even shorter one is not a headline.
            ("The tide came in.\n\nIt did.\n".to_owned(), ""),
            (format!("Pilots meet the U.S.\n\n{body}\n"), "Pilots meet the U.S."),
            (format!("Mayor Says Ferry Plan ‘Is Dead.’\n\n{body}\n"), "Mayor Says Ferry Plan ‘Is Dead.’"),
            // A headline cut by a semicolon keeps its words, not the mark.
            (format!("Ferry auction halted again;\n\n{body}\n"), "Ferry auction halted again"),
        ];
        for (text, want) in cases {
            let doc = parse(text.clone());
            assert_eq!(doc.meta.title, *want, "{text:?}");
        }
    }

    #[test]
    fn cjk_and_emoji_titles() {
        let doc = parse("河川条約の交渉 🌊\n\n本文です。\n".to_owned());
        assert_eq!(doc.meta.title, "河川条約の交渉 🌊");
    }
}
