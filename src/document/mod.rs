//! The document model: one normalised text buffer plus structure that points
//! into it by **byte** ranges.
//!
//! A file becomes a [`Document`] in three steps: [`normalise::decode`] turns
//! bytes into text, [`normalise::normalise`] makes the text safe and regular,
//! and a format parser ([`plain`], [`markdown`], [`html`], [`captions`]) finds
//! blocks and metadata. Plain text is normalised whole; the other formats
//! write a new text without their markup through [`build::Builder`], which
//! normalises every piece it appends. [`boilerplate`] then marks the web
//! chrome around the article (hidden, never deleted).

pub mod boilerplate;
pub mod build;
pub mod captions;
pub mod date;
pub mod html;
pub mod markdown;
pub mod normalise;
pub mod pdf;
pub mod plain;
mod sniff;
mod yaml;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::text::ByteRange;
use normalise::{Encoding, sanitise_line};

/// Files larger than this are refused unless the configuration raises it.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// Files larger than this many **bytes** open with a preview first: reading
/// and attributing the whole of a bigger one takes longer than the few
/// milliseconds a first screen may wait (about 20 ms for 200 KB).
pub const PREVIEW_ABOVE_BYTES: u64 = 128 << 10;

/// A saved web page opens whole up to this many **bytes**: its article is
/// found in the whole page, and the start of a page alone can yield another.
pub const HTML_PREVIEW_ABOVE_BYTES: u64 = 2 << 20;

/// How many **bytes** of a big file the preview reads: many screens' worth.
pub const PREVIEW_BYTES: usize = 256 << 10;
/// How many **bytes** of a big file the first preview reads: a few screens of
/// the largest terminal, parsed and attributed in a millisecond or two, so the
/// text shows before the many screens of [`PREVIEW_BYTES`] are ready.
pub const FIRST_SCREENS_BYTES: usize = 32 << 10;
/// How much of a big article's end `G` reads apart, in **bytes**: a few
/// screens, small enough to parse and attribute in milliseconds.
pub const TAIL_PREVIEW_BYTES: usize = 64 << 10;

/// Which part of a big file a preview reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Window {
    /// The first so many **bytes**.
    Head(usize),
    /// [`TAIL_PREVIEW_BYTES`] from this percent of the file on (100: its end).
    Part(u8),
    /// [`TAIL_PREVIEW_BYTES`] from the line holding this **byte** of the file on.
    PartAt(u64),
}

/// The input formats gloss reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    PlainText,
    Markdown,
    /// A saved web page.
    Html,
    /// `WebVTT` captions.
    WebVtt,
    /// `SubRip` captions.
    Srt,
    /// A PDF's text layer ([`pdf`]), read as plain text.
    Pdf,
}

impl Format {
    /// The format a file name suggests, if it is one gloss reads.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Self::PlainText),
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" | "xhtml" => Some(Self::Html),
            "vtt" => Some(Self::WebVtt),
            "srt" => Some(Self::Srt),
            "pdf" => Some(Self::Pdf),
            _ => None,
        }
    }

    /// The extension a file of this format is saved with: what
    /// [`Format::from_path`] reads back as the same format.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::PlainText => "txt",
            Self::Markdown => "md",
            Self::Html => "html",
            Self::WebVtt => "vtt",
            Self::Srt => "srt",
            Self::Pdf => "pdf",
        }
    }

    /// The format of bytes that come without a name (standard input): a PDF
    /// by its signature, else what the start of the text shows, else plain
    /// text — as [`Document::from_bytes`] reads them.
    #[must_use]
    pub fn of_bytes(bytes: &[u8]) -> Self {
        if pdf::is_pdf(bytes) {
            return Self::Pdf;
        }
        // The signs of a format are near the start; a cut character at the end is harmless here.
        let head = &bytes[..bytes.len().min(8192)];
        let Ok(decoded) = normalise::decode(head) else { return Self::PlainText };
        Self::sniff(&decoded.text)
            .or_else(|| sniff::looks_like_markdown(&decoded.text).then_some(Self::Markdown))
            .unwrap_or(Self::PlainText)
    }

    /// The format a file's content shows, when it shows one unmistakably: a
    /// `WEBVTT` header, an SRT cue, an HTML doctype or root tag near the start.
    #[must_use]
    pub fn sniff(text: &str) -> Option<Self> {
        sniff::sniff(text)
    }

    /// The format to read a file as: what its content shows, else what its
    /// name says, else plain text. Content wins because names lie: a page
    /// saved as `.txt`, captions downloaded without an extension.
    #[must_use]
    pub fn detect(path: &Path, text: &str) -> Self {
        let named = Self::from_path(path);
        match (named, Self::sniff(text)) {
            // A caption file names its own flavour better than a sniff of its first cue.
            (Some(Self::WebVtt), Some(Self::Srt)) => Self::WebVtt,
            (_, Some(sniffed)) => sniffed,
            (Some(named), None) => named,
            // Nothing in the name (standard input, a file without an extension).
            (None, None) if sniff::looks_like_markdown(text) => Self::Markdown,
            (None, None) => Self::PlainText,
        }
    }
}

/// What a block of text is, as a reader sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum BlockKind {
    /// The article's title line.
    Title,
    /// A section heading; level 1 is the largest.
    Heading {
        level: u8,
    },
    /// A line of metadata near the top: dateline, byline, time.
    Meta,
    Paragraph,
    ListItem,
    Quote,
    Code,
    /// When a caption passage starts: shown dimly, right above the passage.
    Time,
}

/// One block: a paragraph, heading or other unit of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    #[serde(flatten)]
    pub kind: BlockKind,
    /// **Byte** range of the block's content in [`Document::text`], markup
    /// such as `# ` excluded.
    pub range: ByteRange,
    /// Web chrome (menus, share buttons, ratings): hidden by default, kept.
    pub boilerplate: bool,
}

/// A link in the text: its words are shown, its target kept for when the reader asks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Link {
    /// **Byte** range of the link's text in [`Document::text`].
    pub range: ByteRange,
    /// Where it points, sanitised for display.
    pub url: String,
}

/// Title, date, source and byline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    pub title: String,
    /// ISO 8601 calendar date, `YYYY-MM-DD`.
    pub date: Option<String>,
    pub source: Option<String>,
    pub byline: Option<String>,
}

/// A loaded article.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The normalised, sanitised text; every offset in gloss indexes this.
    pub text: String,
    pub blocks: Vec<Block>,
    pub meta: Metadata,
    /// **Byte** ranges of placeholders for characters not shown raw.
    pub placeholders: Vec<ByteRange>,
    /// Things the reader should know about the file (replaced bytes, encoding).
    pub notices: Vec<String>,
    /// Links, in text order.
    pub links: Vec<Link>,
    /// **Byte** ranges of speaker labels the file's format marks itself
    /// (caption voices, bold names in a web transcript), in text order.
    /// Speaker detection takes them as labels whatever their spelling.
    pub speaker_labels: Vec<ByteRange>,
}

/// Why a file could not be opened as an article.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Said the same way by every command and the reader.
    #[error("{path}: no such file or folder")]
    Missing { path: String },
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not an article: it looks like {looks_like}")]
    NotText { path: String, looks_like: &'static str },
    #[error("{path}: the file is {size} bytes, over the {limit}-byte limit (raise max_file_bytes in gloss.toml)")]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{path}: {source}")]
    Pdf {
        path: String,
        #[source]
        source: pdf::PdfError,
    },
}

/// A file that is not there is [`LoadError::Missing`]; other failures are `other`.
fn missing_or(error: std::io::Error, path: String, other: impl FnOnce(std::io::Error) -> LoadError) -> LoadError {
    if error.kind() == std::io::ErrorKind::NotFound { LoadError::Missing { path } } else { other(error) }
}

/// A path made safe to show: control characters in file names are made visible.
#[must_use]
pub fn display_path(path: &Path) -> String {
    sanitise_line(&path.to_string_lossy()).into_owned()
}

impl Document {
    /// Parses already-decoded text of a known format. Never fails: a file
    /// that is not what its format says is read as plain text, with a notice.
    #[must_use]
    pub fn parse(raw: &str, format: Format) -> Self {
        match format {
            // A PDF's text arrives already extracted.
            Format::PlainText | Format::Pdf => Self::parse_plain(raw),
            Format::Markdown => markdown::parse(raw),
            Format::Html => html::parse(raw),
            Format::WebVtt => captions::parse_vtt(raw),
            Format::Srt => captions::parse_srt(raw),
        }
    }

    /// Plain text: normalised whole, so offsets match the file line for line.
    #[must_use]
    pub fn parse_plain(raw: &str) -> Self {
        Self::plain_from(normalise::normalise(raw))
    }

    fn plain_from(normalised: normalise::Normalised) -> Self {
        let mut doc = plain::parse(normalised.text);
        doc.placeholders = normalised.placeholders;
        doc
    }

    /// Reads, decodes and parses a file; the format comes from its content
    /// and extension ([`Format::detect`]).
    pub fn load(path: &Path) -> Result<Self, LoadError> {
        Self::load_with_limit(path, DEFAULT_MAX_FILE_BYTES)
    }

    /// As [`Document::load`], refusing files larger than `max_bytes`.
    pub fn load_with_limit(path: &Path, max_bytes: u64) -> Result<Self, LoadError> {
        let shown = || display_path(path);
        let io = |source| LoadError::Io { path: shown(), source };
        let size = std::fs::metadata(path).map_err(|e| missing_or(e, shown(), io))?.len();
        if size > max_bytes {
            return Err(LoadError::TooLarge { path: shown(), size, limit: max_bytes });
        }
        let bytes = std::fs::read(path).map_err(io)?;
        Self::from_bytes(bytes, path)
    }

    /// Decodes and parses a file's bytes (read from `path`, or from standard
    /// input when `path` is `-`); the format comes from the content and the name.
    pub fn from_bytes(bytes: Vec<u8>, path: &Path) -> Result<Self, LoadError> {
        let shown = || display_path(path);
        if pdf::is_pdf(&bytes) {
            let text = pdf::extract_text(bytes).map_err(|source| LoadError::Pdf { path: shown(), source })?;
            let mut doc = Self::plain_from(normalise::normalise_owned(text));
            if doc.meta.title.is_empty() {
                doc.meta.title = title_from_file_name(path);
            }
            return Ok(doc);
        }
        let decoded = normalise::decode_owned(bytes)
            .map_err(|e| LoadError::NotText { path: shown(), looks_like: e.looks_like })?;
        let format = Format::detect(path, &decoded.text);
        let (replaced, encoding) = (decoded.replaced, decoded.encoding);
        let mut doc = match format {
            // Plain text, the usual big file, is kept as read: never copied whole.
            Format::PlainText => Self::plain_from(normalise::normalise_owned(decoded.text)),
            _ => Self::parse(&decoded.text, format),
        };
        if replaced > 0 {
            doc.notices.push(format!(
                "{} invalid UTF-8 sequence{} shown as �",
                replaced,
                if replaced == 1 { "" } else { "s" }
            ));
        }
        if matches!(encoding, Encoding::Utf16Le | Encoding::Utf16Be) {
            doc.notices.push("decoded from UTF-16".to_owned());
        }
        if doc.meta.title.is_empty() {
            doc.meta.title = title_from_file_name(path);
        }
        Ok(doc)
    }

    /// The first screens of a big file, parsed on their own, for showing
    /// while the whole file is read and indexed; `None` for files under
    /// [`PREVIEW_ABOVE_BYTES`] (and UTF-16 ones, whose lines cannot be cut
    /// by byte). Offsets in the preview are offsets in the whole document,
    /// since normalising a prefix of lines gives a prefix of the result.
    /// It reads the first `bytes` **bytes** (whole lines only).
    pub fn load_preview(path: &Path, max_bytes: u64, bytes: usize) -> Result<Option<Self>, LoadError> {
        Self::load_window(path, max_bytes, Window::Head(bytes))
    }

    /// A few screens of a big article ([`TAIL_PREVIEW_BYTES`]) read straight
    /// from `percent` of the file on (100: its last screens), for `G` or `50%`
    /// while the whole is still being read. Whole lines only; nothing in it is
    /// a title or a dateline (it starts mid-article), and its offsets are its
    /// own, not the article's. `None` as for [`Self::load_preview`].
    pub fn load_part(path: &Path, max_bytes: u64, percent: u8) -> Result<Option<Self>, LoadError> {
        Self::load_window(path, max_bytes, Window::Part(percent.min(100)))
    }

    /// As [`Self::load_part`], from the line holding **byte** `at` of the file on.
    pub fn load_part_at(path: &Path, max_bytes: u64, at: u64) -> Result<Option<Self>, LoadError> {
        Self::load_window(path, max_bytes, Window::PartAt(at))
    }

    fn load_window(path: &Path, max_bytes: u64, window: Window) -> Result<Option<Self>, LoadError> {
        use std::io::{Read, Seek, SeekFrom};
        let shown = || display_path(path);
        let io = |source| LoadError::Io { path: shown(), source };
        let size = std::fs::metadata(path).map_err(|e| missing_or(e, shown(), io))?.len();
        // A PDF's text comes from the whole file: no preview.
        if size <= PREVIEW_ABOVE_BYTES || size > max_bytes || Format::from_path(path) == Some(Format::Pdf) {
            return Ok(None);
        }
        let part = match window {
            Window::Part(percent) => Some(size / 100 * u64::from(percent)),
            Window::PartAt(at) => Some(at),
            Window::Head(_) => None,
        };
        let mut file = std::fs::File::open(path).map_err(io)?;
        let head_bytes = match window {
            Window::Head(bytes) => bytes,
            Window::Part(_) | Window::PartAt(_) => 4096,
        };
        let mut head = Vec::with_capacity(head_bytes);
        file.by_ref().take(4096).read_to_end(&mut head).map_err(io)?;
        let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) || head.contains(&0);
        if utf16 {
            return Ok(None);
        }
        // The format as the whole file will be read: by its start and its name.
        let format = Format::detect(path, &String::from_utf8_lossy(&head));
        if format == Format::Html && size <= HTML_PREVIEW_ABOVE_BYTES {
            return Ok(None);
        }
        let window = if let Some(from) = part {
            let last = size - TAIL_PREVIEW_BYTES as u64;
            let from = from.min(last);
            let mut window = Vec::with_capacity(TAIL_PREVIEW_BYTES);
            file.seek(SeekFrom::Start(from)).map_err(io)?;
            file.take(TAIL_PREVIEW_BYTES as u64).read_to_end(&mut window).map_err(io)?;
            // Whole lines only: the first one may be cut short (and so may a UTF-8
            // character), and the last one too unless the file ends there.
            if from < last {
                let Some(end) = memchr::memrchr(b'\n', &window) else { return Ok(None) };
                window.truncate(end + 1);
            }
            let Some(start) = memchr::memchr(b'\n', &window) else { return Ok(None) };
            window.drain(..=start);
            window
        } else {
            file.take(head_bytes.saturating_sub(head.len()) as u64).read_to_end(&mut head).map_err(io)?;
            // Whole lines only; the last one may be cut short.
            let Some(end) = memchr::memrchr(b'\n', &head) else { return Ok(None) };
            head.truncate(end + 1);
            head
        };
        if part.is_some() && window.contains(&0) {
            return Ok(None);
        }
        let decoded =
            normalise::decode(&window).map_err(|e| LoadError::NotText { path: shown(), looks_like: e.looks_like })?;
        let mut doc = Self::parse(&decoded.text, format);
        if part.is_some() {
            doc.meta = Metadata::default();
            for block in doc.blocks.iter_mut().filter(|b| matches!(b.kind, BlockKind::Title | BlockKind::Meta)) {
                block.kind = BlockKind::Paragraph;
            }
        }
        if doc.meta.title.is_empty() {
            doc.meta.title = title_from_file_name(path);
        }
        Ok(Some(doc))
    }

    /// The text of a block.
    #[must_use]
    pub fn block_text(&self, block: &Block) -> &str {
        block.range.slice(&self.text)
    }

    /// Blocks a reader sees by default: not boilerplate.
    pub fn readable_blocks(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| !b.boilerplate)
    }

    /// The body of the article: readable blocks other than the title.
    pub fn body_blocks(&self) -> impl Iterator<Item = &Block> {
        self.readable_blocks().filter(|b| b.kind != BlockKind::Title)
    }

    /// Words in the readable text.
    #[must_use]
    pub fn word_count(&self) -> usize {
        self.readable_blocks().map(|b| crate::text::word_count(self.block_text(b))).sum()
    }
}

/// "press-call_2024.txt" → "press call 2024": a title for files that have none.
#[must_use]
pub fn title_from_file_name(path: &Path) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let spaced: String = stem.chars().map(|c| if c == '-' || c == '_' { ' ' } else { c }).collect();
    sanitise_line(spaced.trim()).into_owned()
}

/// The path of a file relative to a folder, for display and sidecar names.
#[must_use]
pub fn relative_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_become_titles() {
        let cases: &[(&str, &str)] = &[
            ("a/press-call_2024.txt", "press call 2024"),
            ("日本語の記事.md", "日本語の記事"),
            ("bad\u{1b}name.txt", "bad^[name"),
            ("👍.txt", "👍"),
        ];
        for (path, want) in cases {
            assert_eq!(title_from_file_name(Path::new(path)), *want);
        }
    }

    #[test]
    fn formats_of_nameless_bytes_and_their_extensions_read_back() {
        let cases: &[(&[u8], Format)] = &[
            (b"HOST: Welcome to the harbour hour.\n", Format::PlainText),
            (b"# A Markdown title\n\nText.\n", Format::Markdown),
            (b"---\ntitle: Harbour hour\n---\n\nText.\n", Format::Markdown),
            (b"#harbour trending\n", Format::PlainText),
            (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", Format::Html),
            (b"WEBVTT\n\n00:00.000 --> 00:02.000\n<v Mira>Good evening.\n", Format::WebVtt),
            (b"1\n00:00:01,000 --> 00:00:02,000\n\xe6\xb8\xaf\xe3\x81\xae\xe8\xa9\xb1 \xf0\x9f\x8e\x99\n", Format::Srt),
            (b"%PDF-1.4\n", Format::Pdf),
            (b"", Format::PlainText),
        ];
        for (bytes, want) in cases {
            let format = Format::of_bytes(bytes);
            assert_eq!(format, *want, "{:?}", String::from_utf8_lossy(bytes));
            let name = format!("saved.{}", format.extension());
            assert_eq!(Format::from_path(Path::new(&name)), Some(format));
        }
    }

    #[test]
    fn formats_come_from_extensions() {
        assert_eq!(Format::from_path(Path::new("a.TXT")), Some(Format::PlainText));
        assert_eq!(Format::from_path(Path::new("a.md")), Some(Format::Markdown));
        assert_eq!(Format::from_path(Path::new("a.png")), None);
        assert_eq!(Format::from_path(Path::new("README")), None);
    }
}
