//! Finding a query in the article: smart case, **byte** ranges.

use super::{SEARCH_NOW_BYTES, Search};
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

/// Searching the reader's article: matches in the text it shows.
impl super::ReaderState {
    /// Finds every occurrence of `query` in the shown text: case-insensitive
    /// unless the query has a capital letter. A big article gets the first
    /// match after the top now; [`ReaderState::counted`] brings the rest.
    pub fn search(&mut self, query: &str) {
        self.search = Search { query: query.to_owned(), ..Search::default() };
        self.refresh_search();
    }

    /// Recomputes matches for the current query against the shown units.
    pub fn refresh_search(&mut self) {
        self.search.current = None;
        if self.search.query.is_empty() {
            self.search.matches.clear();
            self.search.counted = true;
            return;
        }
        if self.doc.text.len() <= SEARCH_NOW_BYTES {
            let all = find_all(&self.doc.text, &self.search.query);
            self.search.matches = self.shown_matches(all);
            self.search.counted = true;
        } else {
            self.search.counted = false;
            self.search.counting = false;
            self.search.matches = self.next_shown_match(self.top_offset(), true).into_iter().collect();
        }
    }

    /// Every match arrived from the background count: kept if still wanted.
    pub fn counted(&mut self, query: &str, all: Vec<ByteRange>) {
        if self.search.query != query || self.search.counted {
            return;
        }
        let current = self.search.current.and_then(|i| self.search.matches.get(i)).copied();
        self.search.matches = self.shown_matches(all);
        self.search.counted = true;
        self.search.current = current.and_then(|m| self.search.matches.binary_search(&m).ok());
    }

    /// The matches that lie in text the reader shows.
    fn shown_matches(&self, all: Vec<ByteRange>) -> Vec<ByteRange> {
        all.into_iter().filter(|m| self.is_shown(m.start)).collect()
    }

    /// Whether the text at **byte** `offset` is shown (not hidden boilerplate, front matter or a hidden speaker).
    #[must_use]
    pub fn is_shown(&self, offset: usize) -> bool {
        let i = self.units.partition_point(|u| u.range.end <= offset);
        self.units.get(i).is_some_and(|u| u.range.start <= offset && u.kind.is_text())
    }

    /// The first shown match after (or the last before) **byte** `from`.
    fn next_shown_match(&self, from: usize, forward: bool) -> Option<ByteRange> {
        let mut at = from;
        loop {
            let hit = find_next(&self.doc.text, &self.search.query, at, forward)?;
            if self.is_shown(hit.start) {
                return Some(hit);
            }
            at = if forward { hit.start + 1 } else { hit.start };
        }
    }

    /// Moves to the next match after (or before) the top of the screen.
    pub fn goto_match(&mut self, forward: bool) -> bool {
        let target = if self.search.counted {
            if self.search.matches.is_empty() {
                return false;
            }
            let here = self.search.current.map_or_else(|| self.top_offset(), |i| self.search.matches[i].start);
            let n = self.search.matches.len();
            let index = match (forward, self.search.current) {
                (true, Some(i)) => (i + 1) % n,
                (false, Some(i)) => (i + n - 1) % n,
                (true, None) => self.search.matches.iter().position(|m| m.start >= here).unwrap_or(0),
                (false, None) => self.search.matches.iter().rposition(|m| m.start < here).unwrap_or(n - 1),
            };
            self.search.current = Some(index);
            self.search.matches[index]
        } else {
            // Still counting: find the next one in the text itself, wrapping around.
            let here = self.search.current.and_then(|i| self.search.matches.get(i)).copied();
            let from = here.map_or_else(|| self.top_offset(), |m| if forward { m.start + 1 } else { m.start });
            let wrapped = if forward { 0 } else { self.doc.text.len() };
            let Some(hit) = self.next_shown_match(from, forward).or_else(|| self.next_shown_match(wrapped, forward))
            else {
                return false;
            };
            let index = self.search.matches.partition_point(|m| m.start < hit.start);
            if self.search.matches.get(index) != Some(&hit) {
                self.search.matches.insert(index, hit);
            }
            self.search.current = Some(index);
            hit
        };
        // The cursor goes to the match, so that `v` or `V` selects from there.
        self.cursor = target.start;
        let row = self.pos_at_offset(target.start);
        // Show the match a few rows below the top, like less.
        self.top = self.step(row, -2);
        self.clamp();
        true
    }
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
