//! The reader's corrections to the people of a library, in
//! `annotations/people.toml`: merge two people, split a name form off into a
//! person of its own, rename a person. Read on every load; written the way
//! sidecars are (locked folder, atomic replace, never through a link, never
//! over a file that could not be read), so a correction is never lost.
//!
//! ```toml
//! [[merge]]
//! from = "K. Jean-Pierre"
//! into = "Karine Jean-Pierre"
//!
//! [[split]]
//! name = "Jean-Pierre"
//! article = "2025/briefing-03-04.txt"   # optional: only that article's form
//!
//! [[rename]]
//! from = "Karine Jean-Pierre"
//! to = "Karine Jean-Pierre (press secretary)"
//! ```

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::document::display_path;
use crate::document::normalise::sanitise_line;
use crate::sidecar::SidecarError;

/// The file's name inside the library's annotations folder.
pub const FILE_NAME: &str = "people.toml";

const HEADER: &str = "# gloss: corrections to the people of this library, applied every time it loads.\n\
# [[merge]] from/into: two names are one person; [[split]] name (article): a name form is a person of its own;\n\
# [[rename]] from/to: the person's name (the old one stays an alias).\n";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Corrections {
    pub merge: Vec<Merge>,
    pub split: Vec<Split>,
    pub rename: Vec<Rename>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Merge {
    pub from: String,
    pub into: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Split {
    /// A speaker name as it appears in articles.
    pub name: String,
    /// Only this article's use of the name (a path relative to the library).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rename {
    pub from: String,
    pub to: String,
}

/// One correction to add.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Merge(Merge),
    Split(Split),
    Rename(Rename),
}

/// Why the corrections file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum CorrectionsError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message} (fix or move the file; gloss will not overwrite it)")]
    Invalid { path: String, message: String },
    #[error(transparent)]
    Save(#[from] SidecarError),
}

fn invalid(path: &Path, message: &impl ToString) -> CorrectionsError {
    CorrectionsError::Invalid {
        path: display_path(path),
        message: sanitise_line(&message.to_string().replace('\n', " ")).into_owned(),
    }
}

fn read(path: &Path) -> Result<Option<String>, CorrectionsError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(CorrectionsError::Io { path: display_path(path), source }),
    }
}

impl Corrections {
    /// The corrections in `path`; none when the file does not exist.
    pub fn load(path: &Path) -> Result<Self, CorrectionsError> {
        match read(path)? {
            None => Ok(Self::default()),
            Some(text) => toml::from_str(&text).map_err(|e| invalid(path, &e)),
        }
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.merge.is_empty() && self.split.is_empty() && self.rename.is_empty()
    }
}

/// Adds `changes` to the file at `path` (creating it), keeping everything
/// already in it, comments included. Refuses to touch a file it cannot read.
pub fn append(path: &Path, changes: &[Change]) -> Result<(), CorrectionsError> {
    if changes.is_empty() {
        return Ok(());
    }
    // Another gloss saving at the same moment waits here instead of losing our entry or its own.
    let _lock = crate::sidecar::store::lock_folder(path);
    let text = read(path)?.unwrap_or_else(|| HEADER.to_owned());
    // Checked with the strict schema first so a hand-edited typo is reported, not buried.
    toml::from_str::<Corrections>(&text).map_err(|e| invalid(path, &e))?;
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e| invalid(path, &e))?;
    for change in changes {
        let (key, mut table) = match change {
            Change::Merge(m) => ("merge", pairs(&[("from", &m.from), ("into", &m.into)])),
            Change::Rename(r) => ("rename", pairs(&[("from", &r.from), ("to", &r.to)])),
            Change::Split(s) => {
                let mut t = pairs(&[("name", &s.name)]);
                if let Some(article) = &s.article {
                    t.insert("article", toml_edit::value(article.as_str()));
                }
                ("split", t)
            }
        };
        table.set_implicit(false);
        let entry = doc.entry(key).or_insert_with(|| toml_edit::Item::ArrayOfTables(toml_edit::ArrayOfTables::new()));
        let Some(array) = entry.as_array_of_tables_mut() else {
            return Err(invalid(path, &format!("`{key}` must be a list of [[{key}]] tables")));
        };
        array.push(table);
    }
    crate::sidecar::store::atomic_write(path, doc.to_string().as_bytes())?;
    Ok(())
}

fn pairs(items: &[(&str, &str)]) -> toml_edit::Table {
    let mut table = toml_edit::Table::new();
    for (key, value) in items {
        table.insert(key, toml_edit::value(*value));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrections_are_appended_and_read_back_keeping_comments() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("annotations").join(FILE_NAME);
        append(&path, &[Change::Merge(Merge { from: "K. Jean-Pierre".into(), into: "Karine Jean-Pierre".into() })])
            .unwrap();
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("# my own note 🌊\n");
        std::fs::write(&path, text).unwrap();
        append(
            &path,
            &[
                Change::Split(Split { name: "王晓红".into(), article: Some("港/a.txt".into()) }),
                Change::Rename(Rename { from: "Karine Jean-Pierre".into(), to: "KJP".into() }),
            ],
        )
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("# my own note 🌊"), "{text}");
        let loaded = Corrections::load(&path).unwrap();
        assert_eq!(loaded.merge.len(), 1);
        assert_eq!(loaded.split, vec![Split { name: "王晓红".into(), article: Some("港/a.txt".into()) }]);
        assert_eq!(loaded.rename[0].to, "KJP");
    }

    #[test]
    fn a_file_that_cannot_be_read_is_reported_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        for bad in
            ["[[merge]]\nfrom = 1\n", "not toml = = \u{1b}[31m", "[[merge]]\nfrom = \"a\"\ninto = \"b\"\nwho = 1\n"]
        {
            std::fs::write(&path, bad).unwrap();
            let err = Corrections::load(&path).unwrap_err().to_string();
            assert!(err.contains(FILE_NAME) && !err.contains('\u{1b}'), "{err}");
            let change = Change::Rename(Rename { from: "a".into(), to: "b".into() });
            assert!(append(&path, &[change]).is_err());
            assert_eq!(std::fs::read_to_string(&path).unwrap(), bad, "kept as it was");
        }
        assert!(Corrections::load(&dir.path().join("none.toml")).unwrap().is_empty());
    }
}
