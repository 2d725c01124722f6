//! Approximate matching of a quote: where the text was edited inside the
//! passage itself. Candidates come from exact hits of pieces of the quote;
//! each is aligned against the quote (edit distance, Sellers' algorithm for
//! the best-matching substring) and scored with its context and position.

use super::{Selector, context_score, position_score};
use crate::text::{ByteRange, floor_char_boundary};

/// Pieces the quote is cut into to find candidate places.
const PIECES: usize = 4;
/// At most this many candidate places are aligned.
const MAX_CANDIDATES: usize = 64;

/// The best approximate match of the selector's quote and its score (0–1).
#[must_use]
pub fn best_match(text: &str, selector: &Selector) -> Option<(ByteRange, f64)> {
    let quote: Vec<char> = selector.quote.chars().collect();
    if quote.len() < 8 {
        // Too short to tell an edit from a different passage.
        return None;
    }
    let piece_len = (quote.len() / PIECES).max(4);
    let mut candidates: Vec<usize> = Vec::new();
    for (index, piece) in quote.chunks(piece_len).enumerate() {
        let piece: String = piece.iter().collect();
        let offset_in_quote: usize = quote[..index * piece_len].iter().map(|c| c.len_utf8()).sum();
        for at in memchr::memmem::find_iter(text.as_bytes(), piece.as_bytes()).take(MAX_CANDIDATES) {
            candidates.push(at.saturating_sub(offset_in_quote));
        }
    }
    candidates.sort_unstable();
    candidates.dedup_by(|a, b| a.abs_diff(*b) < piece_len);
    candidates.truncate(MAX_CANDIDATES);
    let slack = selector.quote.len() / 2 + 8;
    let mut best: Option<(ByteRange, f64)> = None;
    for start in candidates {
        let window_start = floor_char_boundary(text, start.saturating_sub(slack));
        let window_end = floor_char_boundary(text, (start + selector.quote.len() + slack).min(text.len()));
        let window = &text[window_start..window_end];
        let Some((range, distance)) = align(&quote, window) else { continue };
        let range = ByteRange::new(window_start + range.start, window_start + range.end);
        let similarity = 1.0 - distance as f64 / quote.len() as f64;
        let score = similarity * 0.7
            + context_score(text, selector, range) * 0.2
            + position_score(text, selector, range.start) * 0.1;
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((range, score));
        }
    }
    best
}

/// The substring of `window` closest to `quote` by edit distance (in chars):
/// its **byte** range in `window` and the distance.
fn align(quote: &[char], window: &str) -> Option<(ByteRange, usize)> {
    let chars: Vec<(usize, char)> = window.char_indices().collect();
    if chars.is_empty() {
        return None;
    }
    let m = quote.len();
    // previous[i]: cost of matching quote[..i] ending at the previous column; start[i]: where that match began.
    let mut previous: Vec<usize> = (0..=m).collect();
    let mut previous_start: Vec<usize> = vec![0; m + 1];
    let mut best: Option<(usize, usize, usize)> = None; // (distance, start char, end char)
    for (j, &(_, c)) in chars.iter().enumerate() {
        let mut current = vec![0; m + 1];
        let mut current_start = vec![j + 1; m + 1];
        for i in 1..=m {
            let substitute = previous[i - 1] + usize::from(quote[i - 1] != c);
            let delete = previous[i] + 1;
            let insert = current[i - 1] + 1;
            let (cost, from) = if substitute <= delete && substitute <= insert {
                (substitute, previous_start[i - 1])
            } else if delete <= insert {
                (delete, previous_start[i])
            } else {
                (insert, current_start[i - 1])
            };
            current[i] = cost;
            current_start[i] = from;
        }
        current_start[0] = j + 1;
        // Equal distances: the match closest to the quote's length.
        let length_gap = (j + 1 - current_start[m]).abs_diff(m);
        if best.is_none_or(|(d, s, e)| current[m] < d || (current[m] == d && length_gap < (e - s).abs_diff(m))) {
            best = Some((current[m], current_start[m], j + 1));
        }
        previous = current;
        previous_start = current_start;
    }
    let (distance, start, end) = best?;
    let byte = |k: usize| chars.get(k).map_or(window.len(), |(b, _)| *b);
    Some((ByteRange::new(byte(start), byte(end)), distance))
}

#[cfg(test)]
mod tests {
    use super::align;

    #[test]
    fn alignment_finds_the_closest_substring() {
        let cases: &[(&str, &str, &str, usize)] = &[
            ("quick brown", "the quick brown fox", "quick brown", 0),
            ("quick brown", "the quik brown fox", "quik brown", 1),
            ("日本語の文章", "これは日本語の文書です", "日本語の文書", 1),
            ("emoji 👍 here", "an emoji 👍 here!", "emoji 👍 here", 0),
        ];
        for (quote, window, want, distance) in cases {
            let q: Vec<char> = quote.chars().collect();
            let (range, d) = align(&q, window).unwrap();
            assert_eq!((range.slice(window), d), (*want, *distance), "{quote:?} in {window:?}");
        }
    }
}
