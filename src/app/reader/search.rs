//! Finding a query in the article: smart case, **byte** ranges.

use crate::text::ByteRange;

/// All occurrences of `query` in `text` (**byte** ranges): smart case.
#[must_use]
pub fn find_all(text: &str, query: &str) -> Vec<ByteRange> {
    if query.is_empty() {
        return Vec::new();
    }
    let sensitive = query.chars().any(char::is_uppercase);
    if sensitive {
        let finder = memchr::memmem::Finder::new(query.as_bytes());
        return finder.find_iter(text.as_bytes()).map(|at| ByteRange::new(at, at + query.len())).collect();
    }
    if !query.is_ascii() {
        // Lowercase letters beyond ASCII: compare case-folded characters.
        return find_folded(text, query);
    }
    // ASCII case folding keeps byte offsets; the automaton folds as it goes, so
    // a 100 MB article is not copied to be searched.
    match aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build([query]) {
        Ok(finder) => finder.find_iter(text).map(|m| ByteRange::new(m.start(), m.end())).collect(),
        Err(_) => Vec::new(),
    }
}

fn find_folded_first(text: &str, query: &str) -> Option<ByteRange> {
    find_folded_iter(text, query).next()
}

fn find_folded(text: &str, query: &str) -> Vec<ByteRange> {
    find_folded_iter(text, query).collect()
}

fn find_folded_iter<'a>(text: &'a str, query: &str) -> impl Iterator<Item = ByteRange> + 'a {
    let wanted: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    text.char_indices().filter_map(move |(start, _)| {
        let mut chars = text[start..].char_indices().flat_map(|(i, c)| c.to_lowercase().map(move |l| (i, l)));
        let mut end = start;
        for w in &wanted {
            match chars.next() {
                Some((i, c)) if c == *w => end = start + i,
                _ => return None,
            }
        }
        let last = text[end..].chars().next().map_or(0, char::len_utf8);
        Some(ByteRange::new(start, end + last))
    })
}

/// How far back a backward search looks at a time, in **bytes**.
const BACKWARD_CHUNK: usize = 1 << 20;

/// The first match of `query` at or after **byte** `from` (or the last one
/// that starts before `from`), without scanning the rest of the text.
#[must_use]
pub fn find_next(text: &str, query: &str, from: usize, forward: bool) -> Option<ByteRange> {
    if query.is_empty() {
        return None;
    }
    let from = crate::text::floor_char_boundary(text, from.min(text.len()));
    if forward {
        return first_in(text, query, ByteRange::new(from, text.len()));
    }
    let mut end = from;
    while end > 0 {
        let start = crate::text::floor_char_boundary(text, end.saturating_sub(BACKWARD_CHUNK));
        // The window reaches past `end` by the query's length, so a match across the seam is found.
        let window_end = crate::text::floor_char_boundary(text, (end + query.len() * 4).min(text.len()));
        let mut last = None;
        let mut at = start;
        while let Some(hit) = first_in(text, query, ByteRange::new(at, window_end)) {
            if hit.start >= end {
                break;
            }
            last = Some(hit);
            at = crate::text::motion::next_grapheme(text, hit.start).max(hit.start + 1);
            at = crate::text::floor_char_boundary(text, at);
        }
        if last.is_some() {
            return last;
        }
        end = start;
    }
    None
}

/// The first match inside `range`.
fn first_in(text: &str, query: &str, range: ByteRange) -> Option<ByteRange> {
    let haystack = range.slice(text);
    let sensitive = query.chars().any(char::is_uppercase);
    let found = if sensitive {
        memchr::memmem::find(haystack.as_bytes(), query.as_bytes()).map(|at| ByteRange::new(at, at + query.len()))
    } else if query.is_ascii() {
        let finder = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build([query]).ok()?;
        finder.find(haystack).map(|m| ByteRange::new(m.start(), m.end()))
    } else {
        find_folded_first(haystack, query)
    };
    found.map(|m| ByteRange::new(m.start + range.start, m.end + range.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case_search_finds_byte_ranges() {
        let text = "Port port PORT 日本の港 Café café";
        let cases: &[(&str, &[&str])] = &[
            ("port", &["Port", "port", "PORT"]),
            ("Port", &["Port"]),
            ("港", &["港"]),
            ("café", &["Café", "café"]),
            ("nothing", &[]),
            ("", &[]),
        ];
        for (query, want) in cases {
            let got: Vec<&str> = find_all(text, query).iter().map(|r| r.slice(text)).collect();
            assert_eq!(got, *want, "{query:?}");
        }
    }
}
