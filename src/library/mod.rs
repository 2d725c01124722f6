//! A library: the articles found in a folder (recursively) or one file, with
//! the metadata the library pane and `gloss list` show.
//!
//! Discovery (walking the folder) is separate from reading metadata (parsing
//! every article) so a caller can show the list at once and fill in
//! metadata as it arrives.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub mod cache;

use crate::document::{Document, Format, LoadError, display_path, relative_path};

/// Words a reader reads in a minute, for reading-time estimates.
const WORDS_PER_MINUTE: usize = 230;

/// One article of the library.
#[derive(Clone, Debug, Serialize)]
pub struct Article {
    /// Path as opened (joined to the library root).
    #[serde(skip)]
    pub path: PathBuf,
    /// Path relative to the library root: the key for sidecars and display.
    pub relative: PathBuf,
    pub meta: ArticleMeta,
}

/// What the list shows of an article.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct ArticleMeta {
    pub title: String,
    /// ISO 8601 date, `YYYY-MM-DD`.
    pub date: Option<String>,
    pub source: Option<String>,
    pub words: usize,
    pub reading_minutes: usize,
    /// Why the article could not be read, when it could not.
    pub error: Option<String>,
    /// Annotations in the article's sidecar.
    pub notes: usize,
}

impl ArticleMeta {
    /// Metadata of a parsed document.
    #[must_use]
    pub fn of(doc: &Document) -> Self {
        let words = doc.word_count();
        Self {
            title: doc.meta.title.clone(),
            date: doc.meta.date.clone(),
            source: doc.meta.source.clone(),
            words,
            reading_minutes: words.div_ceil(WORDS_PER_MINUTE),
            error: None,
            notes: 0,
        }
    }

    /// Reads and parses `path` for its metadata; a file that cannot be read
    /// still gets an entry, titled by its name, with the error.
    #[must_use]
    pub fn read(path: &Path, max_bytes: u64) -> Self {
        // A big file: title, date and source are in its head; its words are counted without parsing it.
        if let Ok(Some(head)) = Document::load_preview(path, max_bytes, crate::document::FIRST_SCREENS_BYTES) {
            let mut meta = Self::of(&head);
            if let Some(words) = count_words_streaming(path) {
                meta.words = words;
                meta.reading_minutes = words.div_ceil(WORDS_PER_MINUTE);
            }
            return meta;
        }
        match Document::load_with_limit(path, max_bytes) {
            Ok(doc) => Self::of(&doc),
            Err(err) => Self::unreadable(path, &err),
        }
    }

    fn unreadable(path: &Path, err: &LoadError) -> Self {
        Self { title: crate::document::title_from_file_name(path), error: Some(err.to_string()), ..Self::default() }
    }
}

/// Words in a file, read a megabyte at a time so a big file is never held
/// whole; each chunk ends after a newline, so no word is split between two.
fn count_words_streaming(path: &Path) -> Option<usize> {
    use std::io::{BufRead, Read};
    let file = std::fs::File::open(path).ok()?;
    let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
    let mut chunk = Vec::with_capacity(1 << 20);
    let mut words = 0;
    loop {
        chunk.clear();
        let read = reader.by_ref().take(1 << 20).read_to_end(&mut chunk).ok()?;
        if read == 0 {
            return Some(words);
        }
        // On to the end of the line, so the chunk ends between words.
        reader.read_until(b'\n', &mut chunk).ok()?;
        words += crate::text::word_count(&String::from_utf8_lossy(&chunk));
    }
}

/// How to order the library.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Title,
    /// Newest first; undated last.
    Date,
    Path,
}

impl SortKey {
    /// The names users type for each key, in order.
    pub const NAMES: [&'static str; 3] = ["title", "date", "path"];
}

impl std::str::FromStr for SortKey {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        match name {
            "title" => Ok(Self::Title),
            "date" => Ok(Self::Date),
            "path" => Ok(Self::Path),
            other => Err(format!("unknown sort key `{other}` (use one of: {})", Self::NAMES.join(", "))),
        }
    }
}

/// Why a library could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("{path}: no such file or folder")]
    Missing { path: String },
    #[error("{path}: cannot read the folder: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// The file kinds gloss reads, for messages about a folder with none of them.
pub const READS: &str = ".txt, .md, .html, .srt, .vtt";

/// Whether a file name is one gloss reads as an article.
#[must_use]
pub fn is_article(path: &Path) -> bool {
    Format::from_path(path).is_some()
}

/// A folder's README describes the folder; it is not one of its articles.
fn is_readme(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy().to_ascii_lowercase();
    name == "readme" || name.starts_with("readme.")
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Finds the article files under `root` (or `root` itself if it is a file),
/// sorted by path. Hidden entries, `annotations/` folders and files of other
/// kinds are skipped; symbolic links are followed once (loops are cut).
pub fn discover(root: &Path) -> Result<Vec<PathBuf>, LibraryError> {
    let meta = std::fs::metadata(root).map_err(|_| LibraryError::Missing { path: display_path(root) })?;
    if meta.is_file() {
        return Ok(vec![root.to_path_buf()]);
    }
    let mut found = Vec::new();
    let mut visited = HashSet::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let canonical = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        if !visited.insert(canonical) {
            continue;
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(source) if dir == root => {
                return Err(LibraryError::Io { path: display_path(root), source });
            }
            Err(_) => continue,
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            if is_hidden(&name) {
                continue;
            }
            let path = entry.path();
            // Follows symbolic links; a broken link is skipped.
            let Ok(kind) = std::fs::metadata(&path) else {
                continue;
            };
            if kind.is_dir() {
                if name != "annotations" {
                    pending.push(path);
                }
            } else if kind.is_file() && is_article(&path) && !is_readme(&name) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Orders articles in place.
pub fn sort(articles: &mut [Article], key: SortKey) {
    match key {
        SortKey::Title => articles.sort_by_cached_key(|a| (a.meta.title.to_lowercase(), a.relative.clone())),
        SortKey::Date => articles.sort_by(|a, b| {
            b.meta
                .date
                .is_some()
                .cmp(&a.meta.date.is_some())
                .then_with(|| b.meta.date.cmp(&a.meta.date))
                .then_with(|| a.relative.cmp(&b.relative))
        }),
        SortKey::Path => articles.sort_by(|a, b| a.relative.cmp(&b.relative)),
    }
}

/// Discovers and reads every article under `root`.
pub fn load(root: &Path, max_bytes: u64) -> Result<Vec<Article>, LibraryError> {
    let base = if root.is_file() { root.parent().unwrap_or(Path::new("")) } else { root };
    Ok(discover(root)?
        .into_iter()
        .map(|path| Article { relative: relative_path(base, &path), meta: ArticleMeta::read(&path, max_bytes), path })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn discovery_skips_hidden_annotations_and_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for rel in ["a.txt", "sub/b.md", "sub/deep/c.txt", "日本語.txt", "👍.md"] {
            write(root, rel, "Title\n\nBody.\n");
        }
        for rel in [
            "README.md",
            "sub/readme.txt",
            ".hidden.txt",
            ".git/x.txt",
            "annotations/a.txt.toml",
            "annotations/x.txt",
            "image.png",
            "notes",
        ] {
            write(root, rel, "x");
        }
        let found: Vec<PathBuf> = discover(root).unwrap().iter().map(|p| relative_path(root, p)).collect();
        let want: Vec<PathBuf> =
            ["a.txt", "sub/b.md", "sub/deep/c.txt", "日本語.txt", "👍.md"].iter().map(PathBuf::from).collect();
        let mut want_sorted = want.clone();
        want_sorted.sort();
        assert_eq!(found, want_sorted);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_cut() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "sub/a.txt", "A\n");
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        let found = discover(dir.path()).unwrap();
        assert!(found.len() <= 2, "{found:?}");
        assert!(!found.is_empty());
    }

    #[test]
    fn a_single_file_is_a_library_of_one() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "one.txt", "One\n\nText.\n");
        let articles = load(&dir.path().join("one.txt"), u64::MAX).unwrap();
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].relative, PathBuf::from("one.txt"));
        assert_eq!(articles[0].meta.title, "One");
    }

    #[test]
    fn missing_folders_are_named() {
        let err = discover(Path::new("/no/such/place")).unwrap_err().to_string();
        assert!(err.contains("/no/such/place"));
    }

    #[test]
    fn sorting_by_each_key() {
        let article = |rel: &str, title: &str, date: Option<&str>| Article {
            path: PathBuf::from(rel),
            relative: PathBuf::from(rel),
            meta: ArticleMeta { title: title.into(), date: date.map(Into::into), ..ArticleMeta::default() },
        };
        let mut articles = vec![
            article("c.txt", "beta", Some("2024-01-01")),
            article("a.txt", "Alpha", None),
            article("b.txt", "ガンマ", Some("2025-06-01")),
        ];
        let order = |a: &[Article]| a.iter().map(|x| x.relative.to_string_lossy().into_owned()).collect::<Vec<_>>();
        sort(&mut articles, SortKey::Title);
        assert_eq!(order(&articles), ["a.txt", "c.txt", "b.txt"]);
        sort(&mut articles, SortKey::Date);
        assert_eq!(order(&articles), ["b.txt", "c.txt", "a.txt"]);
        sort(&mut articles, SortKey::Path);
        assert_eq!(order(&articles), ["a.txt", "b.txt", "c.txt"]);
    }
}
