//! Saved web pages. Read as plain text until the article extractor lands.

use super::Document;

/// Builds a [`Document`] from an HTML page.
#[must_use]
pub fn parse(raw: &str) -> Document {
    Document::parse_plain(raw)
}
