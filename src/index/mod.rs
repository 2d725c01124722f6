//! The library's search index: one tantivy document per passage (article
//! path, speaker, date, source, kind, byte offsets), in the user's cache
//! folder, one index per library.
//!
//! Why tantivy: BM25 ranking, positions for phrase queries, prefix (regex)
//! term queries, crash-safe commits (a new `meta.json` is swapped in
//! atomically, with our manifest's generation as its payload), segment
//! merges, and a writer lock with readers that never wait for the writer.
//! Built with default features off (`mmap` + `lz4` only): no zstd/C code,
//! no stemmer, which keeps the build short on two cores.
//!
//! Updates ([`LibraryIndex::update`]) compare each file's stamp (size,
//! modification time, fingerprint of its ends; see [`crate::library::cache`])
//! with the manifest and re-index only what changed. Only one gloss updates
//! a library's index at a time (an advisory lock in its folder; the other
//! searches the index as it is). A damaged or outdated index is removed and
//! rebuilt, with a notice saying why.

mod build;
pub mod manifest;
pub mod query;
pub mod quoted;
pub mod schema;
mod search;
pub mod shared;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::config::Location;
use crate::document::display_path;
use crate::people::{Corrections, Directory};
pub use manifest::Manifest;
pub use quoted::{Echo, EchoKind};
use schema::{Fields, SCHEMA_VERSION};
pub use search::{Hit, Snippet};

/// Overrides where indexes live (tests use it).
pub const DIR_VAR: &str = "GLOSS_INDEX_DIR";

/// Why the index could not be used.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("no cache folder for the search index (set {DIR_VAR})")]
    NoCacheDir,
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("search index: {0}")]
    Engine(#[from] tantivy::TantivyError),
    #[error(transparent)]
    Library(#[from] crate::library::LibraryError),
    #[error("{0}")]
    Query(#[from] query::QueryError),
}

/// Where the index of the library at `library` lives: a folder named by a
/// hash of the library's canonical path under the cache folder.
pub fn index_dir(library: &Path) -> Result<PathBuf, IndexError> {
    Ok(dir_in(&cache_root()?, library))
}

/// The folder all indexes live in: `$GLOSS_INDEX_DIR`, or `gloss/index` in the user's cache folder.
pub fn cache_root() -> Result<PathBuf, IndexError> {
    std::env::var_os(DIR_VAR)
        .map(PathBuf::from)
        .or_else(|| dirs::cache_dir().map(|d| d.join("gloss").join("index")))
        .ok_or(IndexError::NoCacheDir)
}

fn dir_in(root: &Path, library: &Path) -> PathBuf {
    let canonical = library.canonicalize().unwrap_or_else(|_| library.to_path_buf());
    root.join(format!("{:016x}", crate::text::fnv1a(canonical.as_os_str().as_encoded_bytes())))
}

/// What an update did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdateReport {
    pub added: usize,
    pub changed: usize,
    pub renamed: usize,
    pub removed: usize,
    /// Articles that could not be read (they are listed with their error).
    pub unreadable: usize,
    /// Another gloss holds the update lock: nothing was done.
    pub busy: bool,
}

/// A library's index, open for searching (and, with the lock, for updating).
pub struct LibraryIndex {
    dir: PathBuf,
    location: Location,
    index: Index,
    fields: Fields,
    reader: IndexReader,
    pub manifest: Manifest,
    /// Things the user should hear about: a rebuilt index and why.
    pub notices: Vec<String>,
    /// Held while this process may write the index.
    lock: Option<std::fs::File>,
    directory: OnceLock<(Directory, Vec<String>)>,
    /// Articles' texts read lately for snippets (see [`search::RECENT_TEXTS`]).
    recent: std::sync::Mutex<Vec<(String, Option<std::sync::Arc<str>>)>>,
}

impl std::fmt::Debug for LibraryIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LibraryIndex")
            .field("dir", &self.dir)
            .field("articles", &self.manifest.articles.len())
            .finish_non_exhaustive()
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> IndexError + '_ {
    move |source| IndexError::Io { path: display_path(path), source }
}

/// Opens an existing index and checks it matches its manifest; `Err` says why it cannot be used.
fn open_checked(dir: &Path) -> Result<(Index, IndexReader, Manifest), String> {
    let engine = dir.join("tantivy");
    if !engine.join("meta.json").exists() {
        return Err(String::new());
    }
    // tantivy reports damage as errors, but a file cut short can still trip an
    // assertion inside it: either way the index is rebuilt, never the reader stopped.
    let opened = std::panic::catch_unwind(|| -> Result<(Index, IndexReader, Option<String>), tantivy::TantivyError> {
        let index = Index::open_in_dir(&engine)?;
        let payload = index.load_metas()?.payload;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        // Touch every segment's term dictionary and stored fields so a truncated file shows now.
        let searcher = reader.searcher();
        let (_, fields) = Fields::schema();
        for segment in searcher.segment_readers() {
            segment.inverted_index(fields.text)?;
            segment.inverted_index(fields.who)?;
            segment.get_store_reader(0)?;
            segment.fast_fields().u64("day")?;
        }
        Ok((index, reader, payload))
    });
    let (index, reader, payload) = match opened {
        Ok(Ok(opened)) => opened,
        Ok(Err(err)) => return Err(format!("it is damaged ({err})")),
        Err(_) => return Err("it is damaged".to_owned()),
    };
    if index.schema() != Fields::schema().0 {
        return Err("it was made by another version of gloss".to_owned());
    }
    let Some(manifest) = Manifest::load(&dir.join("manifest.json")) else {
        return Err("its list of articles is missing or damaged".to_owned());
    };
    if manifest.version != SCHEMA_VERSION {
        return Err("it was made by another version of gloss".to_owned());
    }
    if payload.as_deref() != Some(manifest.generation.to_string().as_str()) {
        return Err("an update was interrupted".to_owned());
    }
    Ok((index, reader, manifest))
}

fn create(dir: &Path) -> Result<(Index, IndexReader), IndexError> {
    let engine = dir.join("tantivy");
    std::fs::create_dir_all(&engine).map_err(io(&engine))?;
    let index = Index::create_in_dir(&engine, Fields::schema().0)?;
    let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
    Ok((index, reader))
}

impl LibraryIndex {
    /// Opens the index of `location`'s library for searching and updating.
    /// When another gloss is updating it, it is opened as it is (read-only).
    /// A damaged or outdated index is rebuilt from nothing by the next
    /// [`Self::update`], and a notice says why.
    pub fn open(location: &Location) -> Result<Self, IndexError> {
        Self::open_in(location, &cache_root()?)
    }

    /// [`Self::open`] with the indexes in `root` instead of the cache folder.
    pub fn open_in(location: &Location, root: &Path) -> Result<Self, IndexError> {
        let dir = dir_in(root, &location.library);
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        let lock = lock(&dir);
        let mut notices = Vec::new();
        let (index, reader, manifest) = match open_checked(&dir) {
            Ok(opened) => opened,
            // Without the lock, another gloss is mid-update: what is on disk is read as it is.
            Err(_) if lock.is_none() => {
                let index = Index::open_in_dir(dir.join("tantivy"))?;
                let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
                let manifest = Manifest::load(&dir.join("manifest.json")).unwrap_or_default();
                (index, reader, manifest)
            }
            Err(reason) => {
                if !reason.is_empty() {
                    notices.push(format!("the search index in {} was rebuilt: {reason}", display_path(&dir)));
                }
                let engine = dir.join("tantivy");
                if engine.exists() {
                    std::fs::remove_dir_all(&engine).map_err(io(&engine))?;
                }
                let _ = std::fs::remove_file(dir.join("manifest.json"));
                let (index, reader) = create(&dir)?;
                (index, reader, Manifest { version: SCHEMA_VERSION, ..Manifest::default() })
            }
        };
        Ok(Self {
            dir,
            location: location.clone(),
            index,
            fields: Fields::schema().1,
            reader,
            manifest,
            notices,
            lock,
            directory: OnceLock::new(),
            recent: std::sync::Mutex::default(),
        })
    }

    /// Where the library and its annotations are.
    #[must_use]
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The folder the index lives in.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The folder article keys are relative to.
    fn base(&self) -> &Path {
        let library = &self.location.library;
        if library.is_file() { library.parent().unwrap_or(Path::new("")) } else { library }
    }

    /// How the index names the article at `path` (relative to the library,
    /// `/`-separated), or `None` when it lies outside the library.
    #[must_use]
    pub fn key_of(&self, path: &Path) -> Option<String> {
        let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let (base, path) = (canonical(self.base()), canonical(path));
        path.starts_with(&base).then(|| build::key(&base, &path))
    }

    /// Whether another gloss holds the index (this one only reads it).
    #[must_use]
    pub fn read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// The corrections file of the library's people.
    #[must_use]
    pub fn corrections_path(&self) -> PathBuf {
        self.location.annotations.join(crate::people::corrections::FILE_NAME)
    }

    /// Everyone who speaks in the library, with the reader's corrections
    /// applied, and the problems found applying them (computed once).
    pub fn people(&self) -> &(Directory, Vec<String>) {
        self.directory.get_or_init(|| {
            let path = self.corrections_path();
            let (corrections, mut problems) = match Corrections::load(&path) {
                Ok(c) => (c, Vec::new()),
                Err(err) => (Corrections::default(), vec![err.to_string()]),
            };
            let (directory, more) = Directory::build(self.manifest.mentions(), &corrections);
            problems.extend(more.into_iter().map(|p| format!("{}: {p}", display_path(&path))));
            (directory, problems)
        })
    }

    /// Forgets the people computed so far (after a correction was saved).
    pub fn reload_people(&mut self) {
        self.directory = OnceLock::new();
    }

    /// Bytes the index takes on disk.
    #[must_use]
    pub fn size_on_disk(&self) -> u64 {
        fn walk(path: &Path) -> u64 {
            std::fs::read_dir(path).map_or(0, |entries| {
                entries
                    .flatten()
                    .map(|e| match e.file_type() {
                        Ok(t) if t.is_dir() => walk(&e.path()),
                        _ => e.metadata().map_or(0, |m| m.len()),
                    })
                    .sum()
            })
        }
        walk(&self.dir)
    }
}

/// Takes the update lock of an index folder without waiting; `None` when another gloss holds it.
fn lock(dir: &Path) -> Option<std::fs::File> {
    let file =
        std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(".gloss-lock")).ok()?;
    file.try_lock().ok()?;
    Some(file)
}

#[cfg(test)]
mod tests;
