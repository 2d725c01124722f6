//! An article's notes: its sidecar's annotations, each resolved against the
//! article's current text, ready to add to, export or save.
//!
//! This is where the sidecar (storage) and the anchors (finding passages)
//! meet; the CLI and the TUI both work through it.

pub mod export;
pub mod relink;

use std::path::{Path, PathBuf};

use crate::anchor::{Resolution, describe, resolve};
use crate::sidecar::{Annotation, Sidecar, SidecarError, fingerprint};
use crate::speaker::Attribution;
use crate::text::ByteRange;

/// One annotation and where it is now.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub annotation: Annotation,
    pub resolution: Resolution,
}

/// The notes of one article.
#[derive(Debug)]
pub struct Notes {
    pub sidecar_path: PathBuf,
    sidecar: Option<Sidecar>,
    /// The annotations as loaded, for merging with changes made elsewhere.
    base: Vec<Annotation>,
    pub items: Vec<Resolved>,
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
pub fn find_quote(text: &str, quote: &str, occurrence: Option<usize>) -> Result<ByteRange, QuoteError> {
    if quote.is_empty() {
        return Err(QuoteError::NotFound);
    }
    let hits: Vec<usize> = memchr::memmem::find_iter(text.as_bytes(), quote.as_bytes()).collect();
    let at = match (hits.len(), occurrence) {
        (0, _) => return Err(QuoteError::NotFound),
        (1, None | Some(1)) => hits[0],
        (n, None) => return Err(QuoteError::Ambiguous(n)),
        (n, Some(k)) if k == 0 || k > n => return Err(QuoteError::NoSuchOccurrence { wanted: k, found: n }),
        (_, Some(k)) => hits[k - 1],
    };
    Ok(ByteRange::new(at, at + quote.len()))
}

impl Notes {
    /// Loads the sidecar at `path` (if any) and resolves every annotation in `text`.
    pub fn load(path: &Path, text: &str) -> Result<Self, SidecarError> {
        let sidecar = Sidecar::load(path)?;
        let base = match &sidecar {
            Some(s) => s.annotations()?,
            None => Vec::new(),
        };
        let selectors: Vec<&crate::anchor::Selector> = base.iter().map(|a| &a.selector).collect();
        let items = base
            .iter()
            .zip(crate::anchor::resolve_all(text, &selectors))
            .map(|(a, resolution)| Resolved { annotation: a.clone(), resolution })
            .collect();
        Ok(Self { sidecar_path: path.to_path_buf(), sidecar, base, items })
    }

    /// The reading position the sidecar records (a **byte** offset), if any.
    #[must_use]
    pub fn position(&self) -> Option<usize> {
        self.sidecar.as_ref().and_then(Sidecar::position)
    }

    /// Annotations that could not be found: shown as needing review.
    pub fn orphans(&self) -> impl Iterator<Item = &Resolved> {
        self.items.iter().filter(|r| r.resolution == Resolution::Orphaned)
    }

    /// A new annotation of `range`, with the speaker of its passage.
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

    pub fn add(&mut self, annotation: Annotation, text: &str) {
        let resolution = resolve(text, &annotation.selector);
        self.items.push(Resolved { annotation, resolution });
        self.items.sort_by_key(|r| r.annotation.selector.start);
    }

    /// Saves the notes, merging with changes made to the sidecar elsewhere.
    /// Offsets of moved passages are updated; orphans are kept as they were.
    /// No file is created for an article without notes.
    pub fn save(&mut self, article: &Path, title: &str, text: &str) -> Result<(), SidecarError> {
        if self.sidecar.is_none() && self.items.is_empty() {
            return Ok(());
        }
        let mine: Vec<Annotation> = self
            .items
            .iter()
            .map(|r| {
                let mut a = r.annotation.clone();
                if let Resolution::Moved(range) = r.resolution {
                    a.selector = describe(text, range);
                }
                a
            })
            .collect();
        let sidecar = self.sidecar.get_or_insert_with(|| Sidecar::new(self.sidecar_path.clone(), article, title));
        sidecar.set_fingerprint(&fingerprint(text));
        let saved = sidecar.save_merging(&self.base, &mine)?;
        self.base.clone_from(&saved);
        self.items =
            saved.into_iter().map(|a| Resolved { resolution: resolve(text, &a.selector), annotation: a }).collect();
        Ok(())
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
        ];
        for (quote, occurrence, want) in cases {
            let got = find_quote(text, quote, *occurrence).map(|r| r.slice(text));
            assert_eq!(&got, want, "{quote:?} {occurrence:?}");
        }
        assert_eq!(find_quote(text, "port", Some(2)).unwrap().start, text.rfind("port").unwrap());
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
