//! The library pane's state: the articles, their order, a fuzzy filter and
//! the selection.

use std::cmp::Reverse;
use std::path::PathBuf;

use crate::library::ArticleMeta;

/// How the list is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LibrarySort {
    Title,
    /// Newest first.
    Date,
    /// Most recently read first.
    Recent,
}

impl LibrarySort {
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Self::Title => Self::Date,
            Self::Date => Self::Recent,
            Self::Recent => Self::Title,
        }
    }

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Date => "date",
            Self::Recent => "recently read",
        }
    }
}

/// One article in the list.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub path: PathBuf,
    /// Path relative to the library, as shown.
    pub relative: String,
    /// `None` until the metadata has been read.
    pub meta: Option<ArticleMeta>,
    /// Reading progress, 0–100, if the article has been opened.
    pub progress: Option<u8>,
    /// Larger is more recent; 0 never read.
    pub last_read: u64,
}

impl Entry {
    /// An article not yet read: its path, shown relative to the library, metadata to come.
    #[must_use]
    pub fn unread(path: PathBuf, relative: String) -> Self {
        Self { path, relative, meta: None, progress: None, last_read: 0 }
    }

    /// The second row of the entry: what it is (date, source) and, kept apart
    /// so that a narrow pane cuts the first and never the second, where the
    /// reader is with it (progress, notes).
    #[must_use]
    pub fn facts(&self) -> (String, String) {
        let mut about: Vec<&str> = Vec::new();
        if let Some(meta) = &self.meta {
            about.push(meta.date.as_deref().unwrap_or("undated"));
            if let Some(source) = &meta.source {
                about.push(source);
            }
            if meta.error.is_some() {
                about.push("unreadable");
            }
        } else {
            about.push("…");
        }
        let mut mine = Vec::new();
        if let Some(progress) = self.progress {
            mine.push(format!("{progress}%"));
        }
        match self.meta.as_ref().map_or(0, |m| m.notes) {
            0 => {}
            1 => mine.push("1 note".into()),
            n => mine.push(format!("{n} notes")),
        }
        (about.join(" · "), mine.join(" · "))
    }

    /// The title to show: the article's, or its file name until it is known.
    #[must_use]
    pub fn title(&self) -> &str {
        self.meta.as_ref().map_or(self.relative.as_str(), |m| m.title.as_str())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct LibraryState {
    pub entries: Vec<Entry>,
    /// Indexes into `entries` in display order, after filtering.
    pub order: Vec<usize>,
    /// Index into `order`.
    pub selected: usize,
    pub filter: String,
    pub sort: LibrarySort,
    /// Until the user moves, the first row stays selected while metadata arrives and re-sorts the list.
    pub pinned_top: bool,
    /// Columns the pane's content wants (borders and marker included), for [`super::screen`].
    pub wanted_width: u16,
}

/// Columns an entry's two rows want: marker and borders, then the longer row.
fn wanted_width(entry: &Entry) -> u16 {
    use crate::text::display_width;
    let (about, mine) = entry.facts();
    let facts = display_width(&about) + if mine.is_empty() { 0 } else { display_width(&mine) + 3 };
    u16::try_from(display_width(entry.title()).max(facts) + 4).unwrap_or(u16::MAX)
}

/// What the list is sorted by after the filter score; one variant per [`LibrarySort`].
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum SortKey {
    Title(String),
    /// Newest first, undated last.
    Date(Reverse<Option<String>>),
    Recent(Reverse<u64>),
}

/// Scores `candidate` against a fuzzy `pattern`: every character of the
/// pattern in order, case-insensitive; tighter and earlier matches score higher.
#[must_use]
pub fn fuzzy_score(pattern: &str, candidate: &str) -> Option<i64> {
    if pattern.is_empty() {
        return Some(0);
    }
    let mut score = 0i64;
    let mut last: Option<usize> = None;
    let mut wanted = pattern.chars().flat_map(char::to_lowercase).peekable();
    for (i, c) in candidate.chars().flat_map(char::to_lowercase).enumerate() {
        let Some(&w) = wanted.peek() else { break };
        if c == w {
            score += match last {
                Some(l) if l + 1 == i => 8,
                _ => 1,
            };
            if i == 0 {
                score += 4;
            }
            last = Some(i);
            wanted.next();
        }
    }
    if wanted.peek().is_some() {
        return None;
    }
    Some(score * 100 - i64::try_from(last.unwrap_or(0)).unwrap_or(i64::MAX / 200))
}

impl LibraryState {
    #[must_use]
    pub fn new(entries: Vec<Entry>) -> Self {
        let mut state = Self {
            entries,
            order: Vec::new(),
            selected: 0,
            filter: String::new(),
            sort: LibrarySort::Title,
            pinned_top: true,
            wanted_width: 0,
        };
        state.refresh();
        state
    }

    #[must_use]
    pub fn selected_entry(&self) -> Option<&Entry> {
        self.order.get(self.selected).map(|i| &self.entries[*i])
    }

    /// Re-sorts and re-filters, keeping the selected article selected.
    pub fn refresh(&mut self) {
        self.wanted_width = self.entries.iter().map(wanted_width).max().unwrap_or(0);
        let keep = self.order.get(self.selected).copied();
        let mut order: Vec<(i64, usize)> = (0..self.entries.len())
            .filter_map(|i| {
                let e = &self.entries[i];
                let best = fuzzy_score(&self.filter, e.title()).max(fuzzy_score(&self.filter, &e.relative));
                best.map(|s| (s, i))
            })
            .collect();
        let entries = &self.entries;
        let filtering = !self.filter.is_empty();
        // Each key is built once per entry, not once per comparison: this runs on every key typed in the filter.
        order.sort_by_cached_key(|&(score, i)| {
            let e = &entries[i];
            let primary = match self.sort {
                LibrarySort::Title => SortKey::Title(e.title().to_lowercase()),
                LibrarySort::Date => SortKey::Date(Reverse(e.meta.as_ref().and_then(|m| m.date.clone()))),
                LibrarySort::Recent => SortKey::Recent(Reverse(e.last_read)),
            };
            (Reverse(if filtering { score } else { 0 }), primary, e.relative.clone())
        });
        self.order = order.into_iter().map(|(_, i)| i).collect();
        self.selected =
            if self.pinned_top { 0 } else { keep.and_then(|k| self.order.iter().position(|i| *i == k)).unwrap_or(0) };
    }

    pub fn select_path(&mut self, path: &std::path::Path) {
        if let Some(pos) = self.order.iter().position(|i| self.entries[*i].path == path) {
            self.pinned_top = false;
            self.selected = pos;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_matching() {
        let cases: &[(&str, &str, bool)] = &[
            ("prc", "press call", true),
            ("PRESS", "press call", true),
            ("xyz", "press call", false),
            ("港湾", "横浜の港湾局", true),
            ("", "anything", true),
            ("🚢", "ships 🚢 ahoy", true),
        ];
        for (pattern, candidate, want) in cases {
            assert_eq!(fuzzy_score(pattern, candidate).is_some(), *want, "{pattern:?} in {candidate:?}");
        }
        assert!(fuzzy_score("press", "press call") > fuzzy_score("press", "p r e s s"));
    }
}
