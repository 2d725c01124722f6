//! The sidecar: one human-readable TOML file per article, in the library's
//! `annotations/` folder at `<article path relative to the library>.toml`.
//!
//! Sidecars are edited by people too, so they are read and rewritten with
//! `toml_edit`: comments, key order and unknown keys survive a rewrite. A file
//! that does not parse is never overwritten; its error names the file, line
//! and column. Writes go through [`store::atomic_write`].

pub mod annotation;
pub mod merge;
pub mod store;
mod table;

pub use annotation::{Annotation, Colour};
pub use table::{SetAside, fingerprint};

use std::path::{Component, Path, PathBuf};

use crate::document::display_path;
use crate::document::normalise::sanitise_line;
use crate::speaker::Overrides;

/// The sidecar schema this build writes; files with a larger number open read-only.
pub const SCHEMA_VERSION: i64 = 1;

/// Sidecars larger than this are refused unread. Thousands of long notes
/// take a few megabytes; a file far past that is not one gloss wrote.
pub const MAX_SIDECAR_BYTES: u64 = 32 * 1024 * 1024;

/// Why a sidecar could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SidecarError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message} (the file is left as it is; fix it and reopen)")]
    Parse { path: String, line: usize, column: usize, message: String },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error(
        "{path}: written by a newer gloss (schema {version}, this one reads up to {SCHEMA_VERSION}); opened read-only"
    )]
    NewerSchema { path: String, version: i64 },
    #[error("{path}: is a symbolic link; gloss never writes through one (replace it with a regular file)")]
    Symlink { path: String },
    #[error(
        "{path}: the file is {size} bytes, over the {MAX_SIDECAR_BYTES}-byte limit for a sidecar; it is left as it is"
    )]
    TooLarge { path: String, size: u64 },
    #[error("{path}: the file is read-only; gloss leaves it as it is (make it writable to save)")]
    ReadOnly { path: String },
}

/// The longest sidecar file name written, in bytes: 255 (the limit of ext4,
/// APFS, NTFS and most others) less room for the `.recovered.toml` a failed
/// save adds to it.
pub const MAX_NAME_BYTES: usize = 240;

/// Where the sidecar of `article` lives: `annotations/<article_key>.toml`,
/// always inside `annotations`. A file name too long for the file system with
/// `.toml` added is cut and given a hash of the whole name instead
/// ([`MAX_NAME_BYTES`]); the sidecar's `article` key still names the article in full.
#[must_use]
pub fn path_for(annotations: &Path, root: &Path, article: &Path) -> PathBuf {
    let key = article_key(root, article);
    let name = key.file_name().unwrap_or_default();
    let mut file = name.to_os_string();
    file.push(".toml");
    if file.len() > MAX_NAME_BYTES {
        let hash = format!("~{:016x}.toml", crate::text::fnv1a(name.as_encoded_bytes()));
        let lossy = name.to_string_lossy();
        let head = &lossy[..crate::text::floor_char_boundary(&lossy, MAX_NAME_BYTES - hash.len())];
        file = format!("{head}{hash}").into();
    }
    annotations.join(key.with_file_name(file))
}

/// The article's path relative to `root`, as sidecars are named and keyed:
/// only plain names, no `.`, `..` or root. A path that leaves the root as
/// written (`lib/../lib/a.txt`, or through a link to a folder above it) is
/// compared once the links of its folders are followed, its own name kept,
/// so a linked article is known by its link. One that is still outside keeps
/// only its plain names: a sidecar never lands outside the annotations folder.
#[must_use]
pub fn article_key(root: &Path, article: &Path) -> PathBuf {
    let plain = |path: &Path| -> PathBuf { path.components().filter(|c| matches!(c, Component::Normal(_))).collect() };
    let relative = crate::document::relative_path(root, article);
    if relative.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir)) {
        return plain(&relative);
    }
    let resolved = article
        .parent()
        .zip(article.file_name())
        .and_then(|(parent, name)| Some(parent.canonicalize().ok()?.join(name)))
        .zip(root.canonicalize().ok())
        .and_then(|(resolved, root)| resolved.strip_prefix(root).ok().map(Path::to_path_buf));
    plain(&resolved.unwrap_or(relative))
}

/// 1-based line and column of a **byte** offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..crate::text::floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// A sidecar as it is on disk, ready to be changed and written back.
#[derive(Debug, Clone)]
pub struct Sidecar {
    pub path: PathBuf,
    document: toml_edit::DocumentMut,
    /// Opened from a newer schema: never written.
    pub read_only: bool,
    /// Fingerprint of the file's bytes when read, to notice changes made elsewhere.
    loaded: Option<String>,
    /// The line of each `[[annotation]]` header in the file as last read or
    /// written, to say where a table set aside is.
    table_lines: Vec<usize>,
}

impl Sidecar {
    /// A new, empty sidecar for the article at `article` (relative to the library).
    #[must_use]
    pub fn new(path: PathBuf, article: &Path, title: &str) -> Self {
        let mut document = toml_edit::DocumentMut::new();
        document.decor_mut().set_prefix("# gloss notes for this article: human-readable, safe to edit by hand.\n");
        document["schema"] = toml_edit::value(SCHEMA_VERSION);
        document["article"] = toml_edit::value(article.to_string_lossy().replace('\\', "/"));
        document["title"] = toml_edit::value(title);
        Self { path, document, read_only: false, loaded: None, table_lines: Vec::new() }
    }

    /// Reads the sidecar at `path`; `Ok(None)` when there is none. Files over
    /// [`MAX_SIDECAR_BYTES`] are refused unread, so a huge file cannot exhaust memory.
    pub fn load(path: &Path) -> Result<Option<Self>, SidecarError> {
        let shown = display_path(path);
        let size = match std::fs::metadata(path) {
            Ok(meta) => meta.len(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(SidecarError::Io { path: shown, source }),
        };
        if size > MAX_SIDECAR_BYTES {
            return Err(SidecarError::TooLarge { path: shown, size });
        }
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(SidecarError::Io { path: shown, source }),
        };
        Self::from_bytes(path, &bytes).map(Some)
    }

    /// Parses a sidecar's bytes as if read from `path` (named in errors).
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Self, SidecarError> {
        let shown = display_path(path);
        if bytes.len() as u64 > MAX_SIDECAR_BYTES {
            return Err(SidecarError::TooLarge { path: shown, size: bytes.len() as u64 });
        }
        let text = std::str::from_utf8(bytes).map_err(|e| SidecarError::Invalid {
            path: shown.clone(),
            message: format!("not UTF-8 text (byte {})", e.valid_up_to()),
        })?;
        let spanned = toml_edit::Document::parse(text).map_err(|e: toml_edit::TomlError| {
            let (line, column) = e.span().map_or((1, 1), |span| line_column(text, span.start));
            let message = e.message().lines().next().unwrap_or("invalid TOML").to_owned();
            SidecarError::Parse { path: shown.clone(), line, column, message: sanitise_line(&message).into_owned() }
        })?;
        let table_lines = table::header_lines(&spanned, text);
        let document = spanned.into_mut();
        let version = document.get("schema").and_then(toml_edit::Item::as_integer).unwrap_or(SCHEMA_VERSION);
        let read_only = version > SCHEMA_VERSION;
        Ok(Self { path: path.to_path_buf(), document, read_only, loaded: Some(fingerprint(text)), table_lines })
    }

    /// The speaker corrections (`[speakers]` table).
    pub fn speakers(&self) -> Result<Overrides, SidecarError> {
        #[derive(serde::Deserialize)]
        struct Wrapper {
            #[serde(default)]
            speakers: Overrides,
        }
        if self.document.get("speakers").is_none() {
            return Ok(Overrides::default());
        }
        toml::from_str::<Wrapper>(&self.document.to_string()).map(|w| w.speakers).map_err(|e: toml::de::Error| {
            SidecarError::Invalid {
                path: display_path(&self.path),
                message: format!("[speakers]: {}", sanitise_line(e.message())),
            }
        })
    }

    /// Replaces the `[speakers]` table; other tables, keys and comments stay.
    pub fn set_speakers(&mut self, overrides: &Overrides) {
        #[derive(serde::Serialize)]
        struct Wrapper<'a> {
            speakers: &'a Overrides,
        }
        if overrides.is_empty() {
            self.document.remove("speakers");
            return;
        }
        let text = toml::to_string(&Wrapper { speakers: overrides }).unwrap_or_default();
        if let Ok(fresh) = text.parse::<toml_edit::DocumentMut>()
            && let Some(item) = fresh.get("speakers")
        {
            let mut item = item.clone();
            if let Some(table) = item.as_table_mut() {
                table.decor_mut().set_prefix("\n");
                // `[speakers]` itself is implicit (it holds only `[[speakers.merge]]`
                // and the like): a blank line goes before each of those headers,
                // as before every `[[annotation]]`.
                for (_, sub) in table.iter_mut() {
                    if let Some(tables) = sub.as_array_of_tables_mut() {
                        for t in tables.iter_mut() {
                            t.decor_mut().set_prefix("\n");
                        }
                    }
                }
            }
            self.document["speakers"] = item;
        }
    }

    /// How many annotations (`[[annotation]]` tables) the sidecar holds.
    #[must_use]
    pub fn note_count(&self) -> usize {
        self.document
            .get("annotation")
            .and_then(toml_edit::Item::as_array_of_tables)
            .map_or(0, toml_edit::ArrayOfTables::len)
    }

    /// The file's text as it would be written.
    #[must_use]
    pub fn to_text(&self) -> String {
        let mut text = self.document.to_string();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text
    }

    /// Saves `mine` (changed from `base`, the annotations as loaded) without
    /// losing changes another program made to the file meanwhile: the file
    /// is re-read under a lock, its annotations merged with mine by id, and
    /// when it changed its own comments and keys are kept. Returns the
    /// annotations as saved.
    pub fn save_merging(&mut self, base: &[Annotation], mine: &[Annotation]) -> Result<Vec<Annotation>, SidecarError> {
        // Held from the read to the rename, so two gloss processes saving at
        // once merge one after the other instead of the later overwriting the earlier.
        let _lock = store::lock_folder(&self.path);
        // Unchanged on disk since it was loaded or saved here: its notes are `base`,
        // so there is nothing of theirs to read (parsing ten thousand notes costs more than the save).
        let unchanged = self.loaded.is_some()
            && std::fs::read_to_string(&self.path).ok().map(|text| fingerprint(&text)) == self.loaded;
        let on_disk = if unchanged { None } else { Self::load(&self.path)? };
        let merged = match on_disk {
            // Merging with an unchanged base gives mine, in the file's order.
            None if unchanged => merge::sorted(mine.to_vec()),
            Some(theirs) => {
                let merged = merge::merge(base, mine, &theirs.annotations()?);
                if theirs.loaded != self.loaded {
                    // Their file is the newer base: keep its comments, keys and other tables.
                    let speakers = self.speakers().ok();
                    self.document = theirs.document;
                    if let Some(speakers) = speakers.filter(|s| !s.is_empty()) {
                        self.set_speakers(&speakers);
                    }
                }
                merged
            }
            None => mine.to_vec(),
        };
        self.set_annotations(&merged);
        let text = self.to_text();
        self.write(&text)?;
        self.loaded = Some(fingerprint(&text));
        self.refresh_lines(&text);
        Ok(merged)
    }

    /// Records where the tables are in `text`, just written, when a table set
    /// aside needs its line told (the lines of readable notes are never shown).
    fn refresh_lines(&mut self, text: &str) {
        let any_aside = self
            .document
            .get("annotation")
            .and_then(toml_edit::Item::as_array_of_tables)
            .is_some_and(|tables| table::set_aside_flags(tables).iter().any(Option::is_some));
        self.table_lines = if any_aside {
            toml_edit::Document::parse(text).map(|spanned| table::header_lines(&spanned, text)).unwrap_or_default()
        } else {
            Vec::new()
        };
    }

    /// Why the sidecar opened read-only, if it did.
    #[must_use]
    pub fn read_only_reason(&self) -> Option<SidecarError> {
        self.read_only.then(|| SidecarError::NewerSchema {
            path: display_path(&self.path),
            version: self.document.get("schema").and_then(toml_edit::Item::as_integer).unwrap_or(0),
        })
    }

    /// Writes the sidecar atomically.
    pub fn save(&self) -> Result<(), SidecarError> {
        self.write(&self.to_text())
    }

    fn write(&self, text: &str) -> Result<(), SidecarError> {
        if let Some(reason) = self.read_only_reason() {
            return Err(reason);
        }
        store::atomic_write(&self.path, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speaker::overrides::{Merge, Reassign, Rename};

    #[test]
    fn sidecar_paths_mirror_the_library() {
        let cases: &[(&str, &str, &str)] = &[
            ("lib/a.txt", "lib", "notes/a.txt.toml"),
            ("lib/sub/b.md", "lib", "notes/sub/b.md.toml"),
            ("lib/日本語.txt", "lib", "notes/日本語.txt.toml"),
            ("lib/👍.txt", "lib", "notes/👍.txt.toml"),
        ];
        for (article, root, want) in cases {
            assert_eq!(path_for(Path::new("notes"), Path::new(root), Path::new(article)), PathBuf::from(want));
        }
    }

    #[test]
    fn sidecar_paths_never_leave_the_annotations_folder() {
        // Paths that do not exist: nothing to resolve, so only the names count.
        let cases: &[(&str, &str, &str)] = &[
            ("lib/./sub/../b.md", "lib", "notes/sub/b.md.toml"),
            ("lib/../../etc/passwd", "lib", "notes/etc/passwd.toml"),
            ("/elsewhere/x.txt", "lib", "notes/elsewhere/x.txt.toml"),
            ("lib/-rf.txt", "lib", "notes/-rf.txt.toml"),
        ];
        for (article, root, want) in cases {
            let got = path_for(Path::new("notes"), Path::new(root), Path::new(article));
            assert_eq!(got, PathBuf::from(want), "{article}");
        }
    }

    #[test]
    fn dot_dot_inside_the_library_is_resolved_to_the_articles_own_name() {
        let dir = tempfile::tempdir().unwrap();
        let lib = dir.path().join("lib");
        std::fs::create_dir_all(lib.join("sub")).unwrap();
        for given in ["lib/../lib/a.txt", "lib/sub/../a.txt", "lib/sub/../sub/../a.txt"] {
            let article = dir.path().join(given);
            assert_eq!(article_key(&lib, &article), PathBuf::from("a.txt"), "{given}");
            assert_eq!(path_for(Path::new("notes"), &lib, &article), PathBuf::from("notes/a.txt.toml"));
        }
    }

    #[test]
    fn names_too_long_for_the_file_system_are_cut_and_hashed_apart() {
        let short = format!("{}.txt", "a".repeat(MAX_NAME_BYTES - ".txt.toml".len()));
        let got = path_for(Path::new("notes"), Path::new("lib"), &Path::new("lib").join(&short));
        assert_eq!(got, Path::new("notes").join(format!("{short}.toml")), "at the limit: the plain name");
        let twins = [format!("{}1.txt", "港".repeat(82)), format!("{}2.txt", "港".repeat(82))];
        let paths: Vec<PathBuf> = twins
            .iter()
            .map(|n| path_for(Path::new("notes"), Path::new("lib"), &Path::new("lib/sub").join(n)))
            .collect();
        assert_ne!(paths[0], paths[1], "a shared head does not make them one sidecar");
        for (path, twin) in paths.iter().zip(&twins) {
            assert!(path.starts_with("notes/sub"));
            let name = path.file_name().unwrap().to_str().unwrap();
            assert!(path.extension() == Some("toml".as_ref()), "{name}");
            assert!(name.len() <= MAX_NAME_BYTES && name.starts_with("港港港"), "{name}");
            assert_eq!(path, &path_for(Path::new("notes"), Path::new("lib"), &Path::new("lib/sub").join(twin)));
        }
    }

    #[test]
    fn speakers_round_trip_and_comments_survive() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.toml");
        std::fs::write(&path, "# my own comment\nschema = 1\narticle = \"a.txt\"\nmystery = \"kept\" # unknown key\n")
            .unwrap();
        let mut sidecar = Sidecar::load(&path).unwrap().unwrap();
        let overrides = Overrides {
            merge: vec![Merge { from: "RUSSO".into(), into: "Anna Russo".into() }],
            rename: vec![Rename { from: "Q".into(), to: "李明".into() }],
            reassign: vec![Reassign { start: 42, speaker: "Moderator".into() }],
        };
        sidecar.set_speakers(&overrides);
        sidecar.save().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("# my own comment") && text.contains("mystery = \"kept\" # unknown key"), "{text}");
        let again = Sidecar::load(&path).unwrap().unwrap();
        assert_eq!(again.speakers().unwrap(), overrides);
    }

    #[test]
    fn broken_files_name_line_and_column_and_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.txt.toml");
        std::fs::write(&path, "schema = 1\ntitle = \"unterminated\u{1b}[31m\n").unwrap();
        let err = Sidecar::load(&path).unwrap_err().to_string();
        assert!(err.contains("bad.txt.toml:2:"), "{err}");
        assert!(!err.contains('\u{1b}'), "control characters in the message are made visible: {err:?}");
        assert!(std::fs::read_to_string(&path).unwrap().contains("unterminated"));
    }

    #[test]
    fn notes_are_counted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.txt.toml");
        std::fs::write(&path, "schema = 1\n[[annotation]]\nid = \"a\"\n[[annotation]]\nid = \"b\"\n").unwrap();
        assert_eq!(Sidecar::load(&path).unwrap().unwrap().note_count(), 2);
        std::fs::write(&path, "schema = 1\n").unwrap();
        assert_eq!(Sidecar::load(&path).unwrap().unwrap().note_count(), 0);
    }

    #[test]
    fn newer_schemas_open_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.txt.toml");
        std::fs::write(&path, "schema = 99\n").unwrap();
        let sidecar = Sidecar::load(&path).unwrap().unwrap();
        assert!(sidecar.read_only);
        assert!(sidecar.save().unwrap_err().to_string().contains("newer gloss"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "schema = 99\n");
    }
}

#[cfg(test)]
mod annotation_tests {
    use super::*;
    use crate::anchor::describe;
    use crate::text::ByteRange;

    fn annotation(id: &str, text: &str, quote: &str, note: &str) -> Annotation {
        let at = text.find(quote).unwrap();
        Annotation {
            id: id.into(),
            created: "2026-11-23T10:00:00Z".into(),
            updated: "2026-11-23T10:00:00Z".into(),
            colour: Colour::Yellow,
            tags: vec!["policy".into()],
            speaker: Some("Moderator".into()),
            note: note.into(),
            selector: describe(text, ByteRange::new(at, at + quote.len())),
        }
    }

    const TEXT: &str = "The harbour opened at dawn. Cranes swung over the water. 日本の船が来た 🚢. The pilots waited.";

    #[test]
    fn annotations_round_trip_in_passage_order_with_comments_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.toml");
        let mut sidecar = Sidecar::new(path.clone(), Path::new("a.txt"), "A");
        let notes = vec![
            annotation("b", TEXT, "The pilots waited", "line one\nline two"),
            annotation("a", TEXT, "Cranes swung", ""),
        ];
        sidecar.set_annotations(&notes);
        sidecar.save().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.find("id = \"a\"").unwrap() < text.find("id = \"b\"").unwrap(), "passage order:\n{text}");
        assert!(text.contains("\"\"\"\nline one\nline two\"\"\""), "multi-line notes stay readable:\n{text}");
        // A hand edit: a comment and an unknown key.
        let edited = text.replace("id = \"a\"", "# my favourite\nid = \"a\"\nmood = \"calm\"");
        std::fs::write(&path, edited).unwrap();
        let mut again = Sidecar::load(&path).unwrap().unwrap();
        let mut list = again.annotations().unwrap();
        assert_eq!(list.len(), 2);
        list[0].note = "changed 日本".into();
        again.set_annotations(&list);
        again.save().unwrap();
        let rewritten = std::fs::read_to_string(&path).unwrap();
        assert!(rewritten.contains("# my favourite") && rewritten.contains("mood = \"calm\""), "{rewritten}");
        assert!(rewritten.contains("changed 日本"));
    }

    #[test]
    fn two_writers_merge_by_id() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.txt.toml");
        let mut first = Sidecar::new(path.clone(), Path::new("w.txt"), "W");
        let base = vec![annotation("a", TEXT, "Cranes swung", "base")];
        first.set_annotations(&base);
        first.save().unwrap();
        // Two sessions open the same file.
        let mut one = Sidecar::load(&path).unwrap().unwrap();
        let mut two = Sidecar::load(&path).unwrap().unwrap();
        let one_base = one.annotations().unwrap();
        let two_base = two.annotations().unwrap();
        let mut one_list = one_base.clone();
        one_list.push(annotation("n1", TEXT, "The pilots waited", "from one"));
        one.save_merging(&one_base, &one_list).unwrap();
        let mut two_list = two_base.clone();
        two_list.push(annotation("n2", TEXT, "The harbour opened", "from two"));
        two_list[0].note = "edited by two".into();
        let saved = two.save_merging(&two_base, &two_list).unwrap();
        let ids: Vec<&str> = saved.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["n2", "a", "n1"], "both new notes, in passage order");
        let on_disk = Sidecar::load(&path).unwrap().unwrap().annotations().unwrap();
        assert_eq!(on_disk, saved);
        assert_eq!(on_disk[1].note, "edited by two");
    }
}
