//! PDF: the text layer of a PDF as plain text, laid out as text copied out of
//! a PDF viewer looks, so the plain-text parser and speaker detection treat a
//! transcript the same whether it arrives as the PDF or pasted from it (line
//! numbers, running headers and page numbers included: the transcript rules
//! already know them).
//!
//! The `pdf-extract` crate decodes fonts and encodings and reports each glyph
//! with its position; [`layout`] puts the glyphs into lines and reading order.
//! `pdf-extract` panics on some malformed files, so it runs on a worker thread
//! inside `catch_unwind`, with its panic messages kept quiet and a deadline:
//! a PDF can make gloss report an error, never crash or hang.

pub mod layout;

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::sync::mpsc;
use std::time::Duration;

use layout::Glyph;
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// Pages of images only: a scan that nobody ran through OCR.
    #[error(
        "no text layer: its {pages} page{s} hold only images (a scan?); run it through OCR first (for example `ocrmypdf`)",
        s = if *pages == 1 { "" } else { "s" }
    )]
    NoTextLayer { pages: usize },
    /// The file is not a readable PDF.
    #[error("damaged or unsupported PDF: {reason}")]
    Damaged { reason: String },
    /// The PDF is password-protected.
    #[error("the PDF is encrypted; gloss cannot read it")]
    Encrypted,
    /// The file is over [`MAX_PDF_BYTES`].
    #[error("the PDF is {size} bytes; gloss reads PDFs up to {} bytes", MAX_PDF_BYTES)]
    TooLarge { size: usize },
    /// Reading took longer than [`DEADLINE`].
    #[error("reading the PDF took over {} seconds; gave up", DEADLINE.as_secs())]
    TooSlow,
}

/// How long extracting one PDF's text may take before gloss gives up on it.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// The largest PDF gloss parses, in **bytes**: the parser holds the whole
/// file and its objects in memory, several times the file's size.
pub const MAX_PDF_BYTES: usize = 100 << 20;

/// Whether bytes are a PDF: the `%PDF-` signature within the first kilobyte
/// (some writers put junk before it).
#[must_use]
pub fn is_pdf(bytes: &[u8]) -> bool {
    memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some()
}

/// The text of a PDF, pages separated by a blank line, in reading order.
pub fn extract_text(bytes: Vec<u8>) -> Result<String, PdfError> {
    if bytes.len() > MAX_PDF_BYTES {
        return Err(PdfError::TooLarge { size: bytes.len() });
    }
    let pages = extract_pages_guarded(bytes, DEADLINE)?;
    let page_count = pages.len();
    let mut text = String::new();
    for glyphs in &pages {
        let mut lines = layout::page_text(glyphs);
        layout::join_hyphenated(&mut lines);
        if lines.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push('\n');
        }
        for line in lines {
            text.push_str(&line);
            text.push('\n');
        }
    }
    if text.trim().is_empty() {
        return Err(PdfError::NoTextLayer { pages: page_count });
    }
    Ok(text)
}

thread_local! {
    /// Set while this thread runs the third-party parser, whose panics are
    /// caught and reported as [`PdfError::Damaged`], not printed.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Whether the current thread is inside the guarded PDF parser: a panic hook
/// (the reader's, which restores the terminal) leaves such panics alone.
#[must_use]
pub fn in_guarded_parse() -> bool {
    GUARDED.with(Cell::get)
}

/// Installs, once, a panic hook that stays quiet for panics inside the
/// guarded parser and passes every other panic to the hook before it.
fn quiet_guarded_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !in_guarded_parse() {
                previous(info);
            }
        }));
    });
}

/// Every page's glyphs, from a worker thread that may panic or run long.
fn extract_pages_guarded(bytes: Vec<u8>, deadline: Duration) -> Result<Vec<Vec<Glyph>>, PdfError> {
    quiet_guarded_panics();
    let (send, receive) = mpsc::channel();
    let worker = std::thread::Builder::new().name("gloss-pdf".to_owned()).spawn(move || {
        GUARDED.with(|g| g.set(true));
        let result = panic::catch_unwind(AssertUnwindSafe(|| extract_pages(&bytes)));
        GUARDED.with(|g| g.set(false));
        let _ = send.send(result);
    });
    if worker.is_err() {
        return Err(PdfError::Damaged { reason: "could not start a thread to read it".to_owned() });
    }
    // On timeout the worker is left to finish on its own: its result goes nowhere.
    match receive.recv_timeout(deadline) {
        Ok(Ok(result)) => result,
        Ok(Err(payload)) => Err(PdfError::Damaged { reason: panic_reason(payload.as_ref()) }),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(PdfError::TooSlow),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(PdfError::Damaged { reason: "the reader stopped unexpectedly".to_owned() })
        }
    }
}

/// What a caught panic said, trimmed for a one-line message.
fn panic_reason(payload: &(dyn std::any::Any + Send)) -> String {
    let said = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    let said: String = said.chars().filter(|c| !c.is_control()).take(120).collect();
    if said.trim().is_empty() {
        "the PDF parser could not read it".to_owned()
    } else {
        format!("the parser failed ({said})")
    }
}

fn extract_pages(bytes: &[u8]) -> Result<Vec<Vec<Glyph>>, PdfError> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| PdfError::Damaged { reason: short(&e.to_string()) })?;
    if doc.is_encrypted() {
        return Err(PdfError::Encrypted);
    }
    let mut collector = Collector::default();
    pdf_extract::output_doc(&doc, &mut collector)
        .map_err(|e| PdfError::Damaged { reason: short(&format!("{e:?}")) })?;
    collector.finish_page();
    Ok(collector.pages)
}

fn short(reason: &str) -> String {
    reason.chars().filter(|c| !c.is_control()).take(120).collect()
}

/// Collects each page's glyphs as `pdf-extract` reports them.
#[derive(Default)]
struct Collector {
    pages: Vec<Vec<Glyph>>,
    current: Option<Vec<Glyph>>,
}

impl Collector {
    fn finish_page(&mut self) {
        if let Some(page) = self.current.take() {
            self.pages.push(page);
        }
    }
}

impl OutputDev for Collector {
    fn begin_page(&mut self, _: u32, _: &MediaBox, _: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        self.finish_page();
        self.current = Some(Vec::new());
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.finish_page();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // The font size as drawn: the side of the square with the area the
        // text matrix gives a font-size square (as pdf-extract's own text output measures it).
        let (vx, vy) = (font_size * (trm.m11 + trm.m21), font_size * (trm.m12 + trm.m22));
        let size = (vx * vy).abs().sqrt();
        let glyph = Glyph { x: trm.m31, y: trm.m32, advance: width * size, size, text: text.to_owned() };
        self.current.get_or_insert_with(Vec::new).push(glyph);
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
