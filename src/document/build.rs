//! Building a document's text from parsed markup (HTML, Markdown, captions).
//!
//! These formats do not show their source: the reader sees the words without
//! tags, emphasis markers or cue numbers. The parsers hand their pieces to a
//! [`Builder`], which writes one clean text, separates blocks with a blank
//! line, and sanitises every piece as it is appended, so characters decoded
//! from markup (`&#27;` in HTML, a raw ESC in a caption) become visible
//! placeholders exactly as in plain text.

use super::normalise::normalise;
use super::{Block, BlockKind, Document, Link, Metadata};
use crate::text::ByteRange;

/// Which bold labels (`<strong>Name:</strong>`, `**Name:**`) are speakers, by
/// where they start: a name that labels several paragraphs is one; a name
/// that labels one paragraph is emphasis — unless two names each label
/// several, and the page is a transcript where any bold label is a speaker
/// ("Audience member:" who speaks once).
#[must_use]
pub fn speaker_label_starts(labels: &[(usize, String)]) -> std::collections::HashSet<usize> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (_, name) in labels {
        *counts.entry(name.to_lowercase()).or_default() += 1;
    }
    let transcript = counts.values().filter(|n| **n >= 2).count() >= 2;
    labels
        .iter()
        .filter(|(_, name)| transcript || counts.get(&name.to_lowercase()).copied().unwrap_or(0) >= 2)
        .map(|(start, _)| *start)
        .collect()
}

/// Whether bold text at a paragraph's start is a label: `Name:`, short.
#[must_use]
pub fn is_bold_label(text: &str) -> Option<&str> {
    let name = text.trim().trim_end_matches([':', '：']).trim();
    (text.trim().ends_with([':', '：'])
        && !name.is_empty()
        && name.chars().count() <= 48
        && name.split_whitespace().count() <= 6)
        .then_some(name)
}

/// Writes a document's text block by block.
#[derive(Debug, Default)]
pub struct Builder {
    text: String,
    blocks: Vec<Block>,
    placeholders: Vec<ByteRange>,
    links: Vec<Link>,
    labels: Vec<ByteRange>,
    /// The block being written: its kind and the **byte** offset where it starts.
    open: Option<(BlockKind, usize)>,
    /// **Byte** offset where the text stood before the open block's separator,
    /// so an empty block leaves no trace.
    before_open: usize,
    /// A collapsed space is owed before the next visible character.
    space: bool,
    /// The open block has visible text (kept so checks stay O(1) on huge blocks).
    has_text: bool,
}

impl Builder {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Ends the open block, if any, and starts one of `kind`.
    pub fn start(&mut self, kind: BlockKind) {
        self.end();
        self.before_open = self.text.len();
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        self.open = Some((kind, self.text.len()));
        self.space = false;
        self.has_text = false;
    }

    /// Whether a block is open.
    #[must_use]
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// The kind of the open block.
    #[must_use]
    pub fn open_kind(&self) -> Option<BlockKind> {
        self.open.map(|(kind, _)| kind)
    }

    /// Whether the open block has any text yet.
    #[must_use]
    pub fn open_is_empty(&self) -> bool {
        !self.has_text
    }

    /// Ends the open block; a block with no visible text is dropped.
    pub fn end(&mut self) {
        let Some((kind, start)) = self.open.take() else { return };
        self.has_text = false;
        let end = start + self.text[start..].trim_end().len();
        if self.text[start..end].trim().is_empty() {
            self.text.truncate(self.before_open);
            self.placeholders.retain(|p| p.end <= self.before_open);
            self.links.retain(|l| l.range.end <= self.before_open);
            self.labels.retain(|l| l.end <= self.before_open);
            return;
        }
        self.text.truncate(end);
        self.blocks.push(Block { kind, range: ByteRange::new(start, end), boilerplate: false });
        self.space = false;
    }

    /// Marks the last finished block as chrome or front matter: kept, hidden.
    pub fn hide_last(&mut self) {
        if let Some(block) = self.blocks.last_mut() {
            block.boilerplate = true;
        }
    }

    /// Appends text as written (code, caption lines), sanitised.
    pub fn push_str(&mut self, piece: &str) {
        if self.open.is_none() {
            self.start(BlockKind::Paragraph);
        }
        if self.space {
            self.text.push(' ');
            self.space = false;
        }
        let clean = normalise(piece);
        self.has_text |= !clean.text.trim().is_empty();
        let at = self.text.len();
        self.placeholders.extend(clean.placeholders.iter().map(|p| ByteRange::new(p.start + at, p.end + at)));
        self.text.push_str(&clean.text);
    }

    /// Appends text whose runs of ASCII white space mean one space, as in
    /// HTML; space at the start of a block is dropped.
    pub fn push_collapsed(&mut self, piece: &str) {
        let mut word = String::new();
        for c in piece.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                if !word.is_empty() {
                    self.push_str(&word);
                    word.clear();
                }
                self.space = !self.open_is_empty() && !self.text.ends_with(['\n', ' ']);
            } else {
                word.push(c);
            }
        }
        if !word.is_empty() {
            self.push_str(&word);
        }
    }

    /// A line break inside the open block (`<br>`, a caption's second line).
    pub fn line_break(&mut self) {
        if !self.open_is_empty() {
            let end = self.text.trim_end_matches(' ').len();
            self.text.truncate(end);
            self.text.push('\n');
            self.space = false;
        }
    }

    /// Owes a space before the next text, unless the block is empty.
    pub fn soft_space(&mut self) {
        self.space = !self.open_is_empty() && !self.text.ends_with(['\n', ' ']);
    }

    /// **Byte** offset where the next text will go.
    #[must_use]
    pub fn offset(&self) -> usize {
        self.text.len() + usize::from(self.space)
    }

    /// Records that the text from **byte** `start` to here is a link to `url`.
    pub fn link(&mut self, start: usize, url: &str) {
        let end = self.text.len();
        let url = url.trim();
        if start < end && !url.is_empty() {
            let url = super::normalise::sanitise_line(url).into_owned();
            self.links.push(Link { range: ByteRange::new(start.min(end), end), url });
        }
    }

    /// Starts a block with a speaker label the format marks: `Name: `.
    pub fn label(&mut self, name: &str) {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return;
        }
        let start = self.offset();
        self.push_str(&name);
        self.push_str(":");
        self.labels.push(ByteRange::new(start, self.text.len()));
        self.space = true;
    }

    /// Marks text already written, from **byte** `start` to here, as a speaker
    /// label the format showed (`**Name:**` in Markdown).
    pub fn mark_label(&mut self, start: usize) {
        if start < self.text.len() {
            self.labels.push(ByteRange::new(start, self.text.len()));
        }
    }

    /// The text written since **byte** `start`.
    #[must_use]
    pub fn written_since(&self, start: usize) -> &str {
        self.text.get(start..).unwrap_or("")
    }

    /// The document built so far, with `meta`.
    #[must_use]
    pub fn finish(mut self, meta: Metadata) -> Document {
        self.end();
        Document {
            text: self.text,
            blocks: self.blocks,
            meta,
            placeholders: self.placeholders,
            notices: Vec::new(),
            links: self.links,
            speaker_labels: self.labels,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &Document) -> Vec<(BlockKind, &str)> {
        doc.blocks.iter().map(|b| (b.kind, doc.block_text(b))).collect()
    }

    #[test]
    fn blocks_are_separated_and_empty_ones_dropped() {
        let cases: &[(&[&str], &[&str])] = &[
            (&["  one \n two ", "", "three"], &["one two", "three"]),
            (&["日本語  の\t記事", "👍 ok"], &["日本語 の 記事", "👍 ok"]),
            (&["   ", "\n"], &[]),
        ];
        for (pieces, want) in cases {
            let mut b = Builder::new();
            for piece in *pieces {
                b.start(BlockKind::Paragraph);
                b.push_collapsed(piece);
            }
            let doc = b.finish(Metadata::default());
            let got: Vec<&str> = texts(&doc).into_iter().map(|(_, t)| t).collect();
            assert_eq!(got, *want, "{pieces:?}");
            assert!(!doc.text.ends_with('\n') && !doc.text.starts_with('\n'), "{:?}", doc.text);
        }
    }

    #[test]
    fn decoded_controls_become_placeholders() {
        let mut b = Builder::new();
        b.start(BlockKind::Paragraph);
        b.push_collapsed("red \u{1b}[31m text \u{202E}");
        let doc = b.finish(Metadata::default());
        assert_eq!(doc.text, "red ^[[31m text ⟨U+202E⟩");
        let shown: Vec<&str> = doc.placeholders.iter().map(|p| p.slice(&doc.text)).collect();
        assert_eq!(shown, ["^[", "⟨U+202E⟩"]);
    }

    #[test]
    fn labels_and_links_point_at_their_text() {
        let mut b = Builder::new();
        b.start(BlockKind::Paragraph);
        b.label("Marta  Quill");
        b.push_collapsed("see ");
        let at = b.offset();
        b.push_collapsed("the 地図");
        b.link(at, " https://example.org/\u{1b}map ");
        let doc = b.finish(Metadata::default());
        assert_eq!(doc.text, "Marta Quill: see the 地図");
        assert_eq!(doc.speaker_labels[0].slice(&doc.text), "Marta Quill:");
        assert_eq!(doc.links[0].range.slice(&doc.text), "the 地図");
        assert_eq!(doc.links[0].url, "https://example.org/^[map");
    }
}
