//! The sidecar: one human-readable TOML file per article, in the library's
//! `annotations/` folder at `<article path relative to the library>.toml`.
//!
//! Sidecars are edited by people too, so they are read and rewritten with
//! `toml_edit`: comments, key order and unknown keys survive a rewrite. A file
//! that does not parse is never overwritten; its error names the file, line
//! and column. Writes go through [`store::atomic_write`].

pub mod store;

use std::path::{Path, PathBuf};

use crate::document::display_path;
use crate::document::normalise::sanitise_line;
use crate::speaker::Overrides;

/// The sidecar schema this build writes; files with a larger number open read-only.
pub const SCHEMA_VERSION: i64 = 1;

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
    #[error("{path}: is a symbolic link; gloss never writes through one")]
    Symlink { path: String },
}

/// Where the sidecar of `article` lives: `annotations/<path relative to root>.toml`.
#[must_use]
pub fn path_for(annotations: &Path, root: &Path, article: &Path) -> PathBuf {
    let relative = crate::document::relative_path(root, article);
    let mut name = relative.into_os_string();
    name.push(".toml");
    annotations.join(name)
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
        Self { path, document, read_only: false }
    }

    /// Reads the sidecar at `path`; `Ok(None)` when there is none.
    pub fn load(path: &Path) -> Result<Option<Self>, SidecarError> {
        let shown = display_path(path);
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(SidecarError::Io { path: shown, source }),
        };
        let text = String::from_utf8(bytes).map_err(|e| SidecarError::Invalid {
            path: shown.clone(),
            message: format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
        })?;
        let document: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
            let (line, column) = e.span().map_or((1, 1), |span| line_column(&text, span.start));
            let message = e.message().lines().next().unwrap_or("invalid TOML").to_owned();
            SidecarError::Parse { path: shown.clone(), line, column, message: sanitise_line(&message).into_owned() }
        })?;
        let version = document.get("schema").and_then(toml_edit::Item::as_integer).unwrap_or(SCHEMA_VERSION);
        let read_only = version > SCHEMA_VERSION;
        Ok(Some(Self { path: path.to_path_buf(), document, read_only }))
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

    /// Writes the sidecar atomically.
    pub fn save(&self) -> Result<(), SidecarError> {
        if self.read_only {
            return Err(SidecarError::NewerSchema {
                path: display_path(&self.path),
                version: self.document.get("schema").and_then(toml_edit::Item::as_integer).unwrap_or(0),
            });
        }
        store::atomic_write(&self.path, self.to_text().as_bytes())
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
