//! The index's fields: one tantivy document per passage.
//!
//! The passage text is indexed (with positions, for phrases) but not stored:
//! snippets are cut from the article itself, which keeps the index well
//! under half the size of the library's text.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// Bump when the fields or what goes into them change: an older index is rebuilt.
pub const SCHEMA_VERSION: u32 = 1;

/// The fields, looked up once.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// The passage's words (tokenized, lower-cased; positions for phrases).
    pub text: Field,
    /// The article's path relative to the library, `/`-separated: the key for updates.
    pub path: Field,
    /// `path` + U+001F + the speaker's name in that article: what a person filter matches.
    pub who: Field,
    /// The speaker's name as the article gives it (stored for display).
    pub speaker: Field,
    /// The article's date as `YYYYMMDD` (0 when undated).
    pub day: Field,
    /// The article's source, tokenized.
    pub source: Field,
    /// `transcript` or `news`.
    pub kind: Field,
    /// **Byte** range of the passage in the article's normalised text.
    pub start: Field,
    pub end: Field,
}

impl Fields {
    #[must_use]
    pub fn schema() -> (Schema, Self) {
        let mut b = Schema::builder();
        let words = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("default")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let tokens = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default().set_tokenizer("default").set_index_option(IndexRecordOption::Basic),
        );
        let fields = Self {
            text: b.add_text_field("text", words),
            path: b.add_text_field("path", STRING | STORED),
            who: b.add_text_field("who", STRING),
            speaker: b.add_text_field("speaker", STORED),
            day: b.add_u64_field("day", INDEXED | FAST | STORED),
            source: b.add_text_field("source", tokens),
            kind: b.add_text_field("kind", STRING),
            start: b.add_u64_field("start", STORED),
            end: b.add_u64_field("end", STORED),
        };
        (b.build(), fields)
    }
}

/// The `who` key of a speaker in an article.
#[must_use]
pub fn who(article: &str, speaker: &str) -> String {
    format!("{article}\u{1f}{}", speaker.to_lowercase())
}

/// `2025-03-01` → `20250301`; anything else → 0.
#[must_use]
pub fn day_number(date: Option<&str>) -> u64 {
    let Some(date) = date else { return 0 };
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 8 { digits.parse().unwrap_or(0) } else { 0 }
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_are_numbers() {
        let cases: &[(Option<&str>, u64)] =
            &[(Some("2025-03-01"), 20_250_301), (None, 0), (Some("2025"), 0), (Some("二〇二五"), 0), (Some("🌊"), 0)];
        for (date, want) in cases {
            assert_eq!(super::day_number(*date), *want, "{date:?}");
        }
    }
}
