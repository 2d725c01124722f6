//! The metadata cache: what the library pane shows of each article, kept on
//! disk so that a library of thousands of articles fills in at once on the
//! next start instead of being parsed again.
//!
//! An entry is used only while the file has the same size, modification time
//! and fingerprint (a hash of its first and last 4 KiB: cheap to check, and a
//! file rewritten with the same size within the same second still differs).

use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::ArticleMeta;

/// Bump when [`ArticleMeta`] or the parsers change what they find: old caches are then ignored.
const CACHE_VERSION: u32 = 1;

/// How many **bytes** at each end of a file the fingerprint covers.
const FINGERPRINT_SPAN: u64 = 4096;

/// What identifies one version of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    pub modified_ns: u128,
    pub fingerprint: u64,
}

impl FileStamp {
    /// The stamp of the file at `path` now, like [`Self::of`], but taken
    /// from `known` without reading the file when its size and modification
    /// time are `known`'s and that time is well before `settled_ns` (when
    /// `known` was taken): a file changed since then has a later time, and
    /// one changed in the same clock tick as it was stamped (same size, same
    /// time) is read — git's answer to "racy" timestamps.
    #[must_use]
    pub fn of_known(path: &Path, known: Option<&FileStamp>, settled_ns: u128) -> Option<Self> {
        /// A file stamped this close to `settled_ns` is read all the same (coarse file-system clocks).
        const RACY_NS: u128 = 2_000_000_000;
        let meta = std::fs::metadata(path).ok()?;
        let modified_ns =
            meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
        match known {
            Some(k) if k.size == meta.len() && k.modified_ns == modified_ns && modified_ns + RACY_NS < settled_ns => {
                Some(*k)
            }
            _ => Self::of(path),
        }
    }

    /// The stamp of the file at `path` now; `None` if it cannot be read.
    #[must_use]
    pub fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        let modified_ns =
            meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
        let size = meta.len();
        let mut file = std::fs::File::open(path).ok()?;
        let mut buffer = Vec::with_capacity(2 * FINGERPRINT_SPAN as usize);
        file.by_ref().take(FINGERPRINT_SPAN).read_to_end(&mut buffer).ok()?;
        if size > 2 * FINGERPRINT_SPAN {
            file.seek(SeekFrom::Start(size - FINGERPRINT_SPAN)).ok()?;
            file.take(FINGERPRINT_SPAN).read_to_end(&mut buffer).ok()?;
        }
        let fingerprint = crate::text::fnv1a(&buffer);
        Some(Self { size, modified_ns, fingerprint })
    }
}

#[derive(Serialize, Deserialize)]
struct CachedEntry {
    path: PathBuf,
    stamp: FileStamp,
    meta: CachedMeta,
}

/// [`ArticleMeta`] as stored (the note count is read fresh each time).
#[derive(Serialize, Deserialize)]
struct CachedMeta {
    title: String,
    date: Option<String>,
    source: Option<String>,
    words: usize,
    reading_minutes: usize,
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    entries: Vec<CachedEntry>,
}

/// Metadata of articles as last read, by path.
#[derive(Debug, Default)]
pub struct MetaCache {
    entries: HashMap<PathBuf, (FileStamp, ArticleMeta)>,
    changed: bool,
}

impl MetaCache {
    /// Reads the cache at `path`; a missing, unreadable or older cache is empty.
    #[must_use]
    pub fn load(path: &Path) -> Self {
        let Ok(text) = std::fs::read(path) else { return Self::default() };
        let Ok(file) = serde_json::from_slice::<CacheFile>(&text) else { return Self::default() };
        if file.version != CACHE_VERSION {
            return Self::default();
        }
        let entries = file
            .entries
            .into_iter()
            .map(|e| {
                let meta = ArticleMeta {
                    title: e.meta.title,
                    date: e.meta.date,
                    source: e.meta.source,
                    words: e.meta.words,
                    reading_minutes: e.meta.reading_minutes,
                    error: None,
                    notes: 0,
                };
                (e.path, (e.stamp, meta))
            })
            .collect();
        Self { entries, changed: false }
    }

    /// The cached metadata of `path` if the file is still the one it was read from.
    #[must_use]
    pub fn get(&self, path: &Path, stamp: &FileStamp) -> Option<ArticleMeta> {
        self.entries.get(path).filter(|(s, _)| s == stamp).map(|(_, m)| m.clone())
    }

    /// Remembers `meta` for this version of `path`; unreadable files are not cached.
    pub fn insert(&mut self, path: PathBuf, stamp: FileStamp, meta: &ArticleMeta) {
        if meta.error.is_none() {
            self.entries.insert(path, (stamp, ArticleMeta { notes: 0, ..meta.clone() }));
            self.changed = true;
        }
    }

    /// Forgets files that are no longer in the library.
    pub fn retain(&mut self, present: &std::collections::HashSet<PathBuf>) {
        let before = self.entries.len();
        self.entries.retain(|path, _| present.contains(path));
        self.changed |= self.entries.len() != before;
    }

    /// Writes the cache if anything changed (atomically: a crash leaves the old one).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if !self.changed {
            return Ok(());
        }
        let mut entries: Vec<CachedEntry> = self
            .entries
            .iter()
            .map(|(path, (stamp, meta))| CachedEntry {
                path: path.clone(),
                stamp: *stamp,
                meta: CachedMeta {
                    title: meta.title.clone(),
                    date: meta.date.clone(),
                    source: meta.source.clone(),
                    words: meta.words,
                    reading_minutes: meta.reading_minutes,
                },
            })
            .collect();
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        let text = serde_json::to_vec(&CacheFile { version: CACHE_VERSION, entries }).map_err(std::io::Error::other)?;
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        crate::sidecar::store::atomic_write(path, &text).map_err(std::io::Error::other)
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_is_reused_without_reading_only_when_it_is_settled() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("港.txt");
        std::fs::write(&path, "the cranes arrive in March 🚢").unwrap();
        let real = FileStamp::of(&path).unwrap();
        // A made-up fingerprint shows whether the file was read.
        let known = FileStamp { fingerprint: 42, ..real };
        let later = real.modified_ns + 10_000_000_000;
        assert_eq!(FileStamp::of_known(&path, Some(&known), later), Some(known), "settled: not read");
        assert_eq!(FileStamp::of_known(&path, Some(&known), real.modified_ns + 1), Some(real), "racy: read");
        assert_eq!(FileStamp::of_known(&path, None, later), Some(real));
        std::fs::write(&path, "the cranes arrive in April 🚢").unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_nanos(real.modified_ns as u64 + 5))
            .unwrap();
        drop(file);
        let changed = FileStamp::of_known(&path, Some(&known), later).unwrap();
        assert_ne!(changed.fingerprint, 42, "a new time: read");
        assert_eq!(FileStamp::of_known(&dir.path().join("gone.txt"), Some(&known), later), None);
    }

    fn meta(title: &str) -> ArticleMeta {
        ArticleMeta { title: title.to_owned(), words: 3, reading_minutes: 1, ..ArticleMeta::default() }
    }

    #[test]
    fn an_entry_holds_while_the_file_is_unchanged_and_survives_a_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let cases: &[(&str, &str)] =
            &[("a.txt", "Harbour notes"), ("港.txt", "港の記事"), ("ship 🚢.txt", "Ships 🚢 and tides")];
        let cache_file = dir.path().join("cache/library.json");
        let mut cache = MetaCache::default();
        for (name, title) in cases {
            let path = dir.path().join(name);
            std::fs::write(&path, format!("{title}\n\nbody text\n")).unwrap();
            let stamp = FileStamp::of(&path).unwrap();
            cache.insert(path, stamp, &meta(title));
        }
        cache.save(&cache_file).unwrap();
        let loaded = MetaCache::load(&cache_file);
        assert_eq!(loaded.len(), cases.len());
        for (name, title) in cases {
            let path = dir.path().join(name);
            let stamp = FileStamp::of(&path).unwrap();
            assert_eq!(loaded.get(&path, &stamp).map(|m| m.title), Some((*title).to_owned()), "{name}");
            // Same size, different bytes: the fingerprint tells.
            let text = std::fs::read_to_string(&path).unwrap().replace("body", "BODY");
            std::fs::write(&path, text).unwrap();
            let changed = FileStamp::of(&path).unwrap();
            assert_eq!(changed.size, stamp.size);
            assert!(loaded.get(&path, &changed).is_none(), "{name}: a changed file is read again");
        }
    }

    #[test]
    fn a_broken_or_older_cache_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("library.json");
        for text in ["", "{not json", "{\"version\": 0, \"entries\": []}", "\u{1b}[31m"] {
            std::fs::write(&file, text).unwrap();
            assert!(MetaCache::load(&file).is_empty(), "{text:?}");
        }
    }
}
