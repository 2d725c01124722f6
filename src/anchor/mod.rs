//! Anchors: finding an annotated passage again after the article changes.
//!
//! A [`Selector`] stores the passage redundantly, as the W3C Web Annotation
//! model and Hypothesis do: the exact quote with some context on each side
//! (a text-quote selector) and its **byte** offsets (a text-position
//! selector). [`resolve`] tries the cheapest answer first and verifies each:
//!
//! 1. the offsets still hold the quote → [`Resolution::Exact`];
//! 2. the quote occurs elsewhere → the occurrence whose context and
//!    position fit best → [`Resolution::Moved`];
//! 3. an approximate match of the quote, scored on quote, context and
//!    position → [`Resolution::Fuzzy`] when the score clears
//!    [`FUZZY_THRESHOLD`];
//! 4. otherwise [`Resolution::Orphaned`]: never a guess at a wrong place.

mod fuzzy;

use serde::{Deserialize, Serialize};

use crate::text::{ByteRange, floor_char_boundary};

/// Characters of context kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// A quote found elsewhere counts as the passage only with this much of its context (0–1) …
const MIN_CONTEXT: f64 = 0.25;
/// … or when it is at least this long (in characters) and occurs once.
const DISTINCTIVE_CHARS: usize = 24;

/// Below this score (0–1) an approximate match is not trusted.
pub const FUZZY_THRESHOLD: f64 = 0.75;

/// Where an annotated passage is, said twice over.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selector {
    /// The passage's exact text.
    pub quote: String,
    /// Up to [`CONTEXT_CHARS`] characters before it.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after it.
    pub suffix: String,
    /// **Byte** offsets of the passage in the normalised text, half-open.
    pub start: usize,
    pub end: usize,
}

/// Where a selector points in the current text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Resolution {
    /// At its recorded offsets.
    Exact(ByteRange),
    /// Its quote, found at another place.
    Moved(ByteRange),
    /// An approximate match, with its score (0–1).
    Fuzzy(ByteRange, f64),
    /// Not found: kept, shown as needing review.
    Orphaned,
}

impl Resolution {
    #[must_use]
    pub fn range(self) -> Option<ByteRange> {
        match self {
            Self::Exact(r) | Self::Moved(r) | Self::Fuzzy(r, _) => Some(r),
            Self::Orphaned => None,
        }
    }

    /// A word for lists and reports.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Exact(_) => "exact",
            Self::Moved(_) => "moved",
            Self::Fuzzy(..) => "fuzzy",
            Self::Orphaned => "needs review",
        }
    }
}

fn context_before(text: &str, at: usize) -> &str {
    let start = text[..at].char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(0, |(i, _)| i);
    &text[start..at]
}

fn context_after(text: &str, at: usize) -> &str {
    let end = text[at..].char_indices().nth(CONTEXT_CHARS).map_or(text.len(), |(i, _)| at + i);
    &text[at..end]
}

/// Describes the passage at `range` of `text`.
#[must_use]
pub fn describe(text: &str, range: ByteRange) -> Selector {
    let start = floor_char_boundary(text, range.start.min(text.len()));
    let end = floor_char_boundary(text, range.end.min(text.len())).max(start);
    Selector {
        quote: text[start..end].to_owned(),
        prefix: context_before(text, start).to_owned(),
        suffix: context_after(text, end).to_owned(),
        start,
        end,
    }
}

/// How many characters at the end of `a` and `b` agree.
fn common_suffix_chars(a: &str, b: &str) -> usize {
    a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).count()
}

fn common_prefix_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// How well the context around `range` matches the selector's, 0–1.
fn context_score(text: &str, selector: &Selector, range: ByteRange) -> f64 {
    let before = context_before(text, range.start);
    let after = context_after(text, range.end);
    let wanted = (selector.prefix.chars().count() + selector.suffix.chars().count()).max(1);
    let got = common_suffix_chars(before, &selector.prefix) + common_prefix_chars(after, &selector.suffix);
    got as f64 / wanted as f64
}

/// Closeness of `at` to where the passage used to be, 0–1.
fn position_score(text: &str, selector: &Selector, at: usize) -> f64 {
    let distance = at.abs_diff(selector.start) as f64;
    1.0 - (distance / text.len().max(1) as f64).min(1.0)
}

/// Finds the passage `selector` describes in `text`.
#[must_use]
pub fn resolve(text: &str, selector: &Selector) -> Resolution {
    if let Some(exact) = exact(text, selector) {
        return exact;
    }
    let finder = memchr::memmem::Finder::new(selector.quote.as_bytes());
    let hits: Vec<ByteRange> =
        finder.find_iter(text.as_bytes()).map(|at| ByteRange::new(at, at + selector.quote.len())).collect();
    resolve_among(text, selector, &hits)
}

/// Resolves many selectors at once, as [`resolve`] would one by one. Those
/// no longer at their offsets are sought with one pass over the text for all
/// their quotes, not one pass each: re-anchoring ten thousand notes after an
/// edit costs about one scan of the article.
#[must_use]
pub fn resolve_all(text: &str, selectors: &[&Selector]) -> Vec<Resolution> {
    let mut results: Vec<Option<Resolution>> = selectors.iter().map(|s| exact(text, s)).collect();
    let pending: Vec<usize> = (0..selectors.len()).filter(|&i| results[i].is_none()).collect();
    if pending.len() <= FEW_TO_SCAN_SEPARATELY {
        for i in pending {
            results[i] = Some(resolve(text, selectors[i]));
        }
        return results.into_iter().map(|r| r.unwrap_or(Resolution::Orphaned)).collect();
    }
    // One pattern per distinct quote; every occurrence of each, overlapping ones included.
    let mut pattern_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut patterns: Vec<&str> = Vec::new();
    for &i in &pending {
        let quote = selectors[i].quote.as_str();
        pattern_of.entry(quote).or_insert_with(|| {
            patterns.push(quote);
            patterns.len() - 1
        });
    }
    let mut hits: Vec<Vec<ByteRange>> = vec![Vec::new(); patterns.len()];
    match aho_corasick::AhoCorasick::new(&patterns) {
        Ok(finder) => {
            for m in finder.find_overlapping_iter(text) {
                hits[m.pattern().as_usize()].push(ByteRange::new(m.start(), m.end()));
            }
        }
        Err(_) => {
            for (p, quote) in patterns.iter().enumerate() {
                let finder = memchr::memmem::Finder::new(quote.as_bytes());
                hits[p] = finder.find_iter(text.as_bytes()).map(|at| ByteRange::new(at, at + quote.len())).collect();
            }
        }
    }
    for i in pending {
        let p = pattern_of[selectors[i].quote.as_str()];
        results[i] = Some(resolve_among(text, selectors[i], &hits[p]));
    }
    results.into_iter().map(|r| r.unwrap_or(Resolution::Orphaned)).collect()
}

/// Below this many moved notes, scanning for each quote alone is cheaper than building one automaton.
const FEW_TO_SCAN_SEPARATELY: usize = 8;

/// The passage is still at its offsets, with its surroundings: no search needed.
fn exact(text: &str, selector: &Selector) -> Option<Resolution> {
    if selector.quote.is_empty() {
        return Some(Resolution::Orphaned);
    }
    let recorded = ByteRange::new(selector.start, selector.end);
    (text.get(selector.start..selector.end) == Some(selector.quote.as_str())
        && context_score(text, selector, recorded) >= 0.5)
        .then_some(Resolution::Exact(recorded))
}

/// Where the quote stands now, given every place it occurs (`hits`), or a fuzzy match, or nowhere.
fn resolve_among(text: &str, selector: &Selector, hits: &[ByteRange]) -> Resolution {
    let recorded = ByteRange::new(selector.start, selector.end);
    let best = hits.iter().map(|&range| (context_score(text, selector, range), range)).max_by(|a, b| {
        (a.0 * 2.0 + position_score(text, selector, a.1.start))
            .total_cmp(&(b.0 * 2.0 + position_score(text, selector, b.1.start)))
    });
    if let Some((context, range)) = best {
        // The same words elsewhere, in other surroundings, are another passage
        // unless the quote is long and found only once.
        let distinctive = selector.quote.chars().count() >= DISTINCTIVE_CHARS && hits.len() == 1;
        if context >= MIN_CONTEXT || distinctive {
            return if range == recorded { Resolution::Exact(range) } else { Resolution::Moved(range) };
        }
    }
    match fuzzy::best_match(text, selector) {
        // An exact copy was judged above: its surroundings say it is another passage.
        Some((range, _)) if range.slice(text) == selector.quote => Resolution::Orphaned,
        Some((range, _))
            if selector.quote.chars().count() < DISTINCTIVE_CHARS
                && context_score(text, selector, range) < MIN_CONTEXT =>
        {
            Resolution::Orphaned
        }
        Some((range, score)) if score >= FUZZY_THRESHOLD => Resolution::Fuzzy(range, score),
        _ => Resolution::Orphaned,
    }
}

#[cfg(test)]
mod tests;
