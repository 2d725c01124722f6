//! An article's notes: its sidecar's annotations, each resolved against the
//! article's current text, ready to add to, export or save.
//!
//! Opening and saving them is [`crate::session`]'s work; this module holds
//! what both sides share: the resolved annotation, new annotations, quotes
//! found by text, timestamps, export and re-linking.

pub mod export;
pub mod relink;

use crate::anchor::{Resolution, describe};
use crate::sidecar::Annotation;
use crate::speaker::Attribution;
use crate::text::ByteRange;

/// One annotation and where it is now.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub annotation: Annotation,
    pub resolution: Resolution,
}

/// Why a quote cannot be annotated.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum QuoteError {
    #[error("the quote does not occur in the article")]
    NotFound,
    #[error("the quote occurs {0} times; say which with --occurrence N (1 to {0})")]
    Ambiguous(usize),
    #[error("--occurrence {wanted}: the quote occurs only {found} times")]
    NoSuchOccurrence { wanted: usize, found: usize },
}

/// The **byte** range of the `occurrence`-th (1-based) `quote` in `text`;
/// without `occurrence` the quote must occur once.
///
/// The quote is matched as the reader shows the text: any run of spaces,
/// line breaks or no-break spaces matches any other, and straight quotes
/// match curly ones; the range is the article's own text.
pub fn find_quote(text: &str, quote: &str, occurrence: Option<usize>) -> Result<ByteRange, QuoteError> {
    // Spaces at the ends stay: "word1 " is how a quote tells itself from "word10".
    let (wanted, _) = loose(quote);
    if wanted.trim().is_empty() {
        return Err(QuoteError::NotFound);
    }
    let (haystack, origin) = loose(text);
    let hits: Vec<usize> = memchr::memmem::find_iter(haystack.as_bytes(), wanted.as_bytes()).collect();
    let at = match (hits.len(), occurrence) {
        (0, _) => return Err(QuoteError::NotFound),
        (1, None | Some(1)) => hits[0],
        (n, None) => return Err(QuoteError::Ambiguous(n)),
        (n, Some(k)) if k == 0 || k > n => return Err(QuoteError::NoSuchOccurrence { wanted: k, found: n }),
        (_, Some(k)) => hits[k - 1],
    };
    let end = at + wanted.len();
    // The last matched character ends where the next one of the original starts.
    let last = origin[end - 1];
    let last_len = text[last..].chars().next().map_or(0, char::len_utf8);
    Ok(ByteRange::new(origin[at], last + last_len))
}

/// `text` with every run of whitespace one space and curly quotes straight,
/// and for each byte of that the **byte** offset in `text` of the character it came from.
fn loose(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut in_space = false;
    for (at, c) in text.char_indices() {
        let c = match c {
            c if c.is_whitespace() => {
                if in_space {
                    continue;
                }
                in_space = true;
                ' '
            }
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => '"',
            c => c,
        };
        if c != ' ' {
            in_space = false;
        }
        let before = out.len();
        out.push(c);
        origin.extend(std::iter::repeat_n(at, out.len() - before));
    }
    (out, origin)
}

/// A new annotation of `range` (**bytes** of `text`), stamped with the
/// speaker of its passage in `attribution` (corrections applied by the session).
#[must_use]
pub fn annotation(text: &str, attribution: &Attribution, range: ByteRange, id: String, now: &str) -> Annotation {
    let speaker = attribution
        .passage_at(range.start)
        .and_then(|p| p.speaker)
        .and_then(|id| attribution.speaker(id))
        .map(|s| s.name.clone());
    Annotation {
        id,
        created: now.to_owned(),
        updated: now.to_owned(),
        colour: crate::sidecar::Colour::Yellow,
        tags: Vec::new(),
        speaker,
        note: String::new(),
        selector: describe(text, range),
    }
}

/// Seconds since the Unix epoch as an RFC 3339 UTC time: `2026-11-23T19:40:00Z`.
#[must_use]
pub fn timestamp(unix_seconds: u64) -> String {
    let days = unix_seconds / 86_400;
    let secs = unix_seconds % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    // Days fit in i64 for any u64 seconds divided by 86,400.
    let z = i64::try_from(days).unwrap_or(i64::MAX - 719_468) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_found_once_or_by_occurrence() {
        let text = "the port, the port 港, the ferry 🚢";
        let cases: &[(&str, Option<usize>, Result<&str, QuoteError>)] = &[
            ("ferry", None, Ok("ferry")),
            ("port", None, Err(QuoteError::Ambiguous(2))),
            ("port", Some(2), Ok("port")),
            ("port", Some(3), Err(QuoteError::NoSuchOccurrence { wanted: 3, found: 2 })),
            ("港", None, Ok("港")),
            ("absent", None, Err(QuoteError::NotFound)),
            ("", None, Err(QuoteError::NotFound)),
            ("  ", None, Err(QuoteError::NotFound)),
        ];
        for (quote, occurrence, want) in cases {
            let got = find_quote(text, quote, *occurrence).map(|r| r.slice(text));
            assert_eq!(&got, want, "{quote:?} {occurrence:?}");
        }
        assert_eq!(find_quote(text, "port", Some(2)).unwrap().start, text.rfind("port").unwrap());
    }

    #[test]
    fn quotes_match_as_the_reader_shows_the_text() {
        let text = "She said \u{201c}the tide\nturns\u{201d} at\u{a0}dawn,  then  left. 港の 話 🚢\n";
        let cases: &[(&str, Option<&str>)] = &[
            ("the tide turns", Some("the tide\nturns")),
            ("\"the tide turns\" at dawn", Some("\u{201c}the tide\nturns\u{201d} at\u{a0}dawn")),
            ("then left.", Some("then  left.")),
            (" then left. ", Some("  then  left. ")),
            ("港の 話 🚢", Some("港の 話 🚢")),
            ("tide  turns", Some("tide\nturns")),
            ("the tides", None),
        ];
        for (quote, want) in cases {
            let got = find_quote(text, quote, None).ok().map(|r| r.slice(text));
            assert_eq!(got, *want, "{quote:?}");
        }
    }

    #[test]
    fn timestamps_are_rfc3339_utc() {
        let cases: &[(u64, &str)] = &[
            (0, "1970-01-01T00:00:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (1_795_462_800, "2026-11-23T19:40:00Z"),
        ];
        for (secs, want) in cases {
            assert_eq!(timestamp(*secs), *want);
        }
    }
}
