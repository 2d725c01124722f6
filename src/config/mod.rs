//! Where the library and its notes live ([`locate`]), and the user's
//! settings ([`settings`]).
//!
//! A folder may hold a `gloss.toml` that names its library folder and its
//! annotations folder (relative to the `gloss.toml`). The repository's own
//! file makes a bare `gloss` in the repo root open the bundled `assets/`
//! with the sample notes in `annotations/`. Without one, a bare `gloss`
//! opens the current folder, with notes in its `annotations/` folder.

pub mod settings;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::document::{DEFAULT_MAX_FILE_BYTES, display_path};

/// The name of the library settings file.
pub const LIBRARY_FILE: &str = "gloss.toml";

/// Settings a `gloss.toml` may give, all optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct LibraryFile {
    library: Option<PathBuf>,
    annotations: Option<PathBuf>,
    max_file_bytes: Option<u64>,
}

/// Why a `gloss.toml` could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

/// Where a library's articles and sidecars are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// A folder of articles, or one article file.
    pub library: PathBuf,
    /// The folder that holds the sidecars, mirroring the library's tree.
    pub annotations: PathBuf,
    /// The folder article paths are relative to, for sidecar names: the
    /// library folder (the configured one when the article lies inside it).
    pub root: PathBuf,
    /// Files larger than this many bytes are refused.
    pub max_file_bytes: u64,
    /// Unknown keys and other things the user should hear about.
    pub warnings: Vec<String>,
}

impl Location {
    /// The sidecar holding `article`'s notes: its path under [`Self::root`],
    /// mirrored under [`Self::annotations`], with `.toml` added.
    #[must_use]
    pub fn sidecar_for(&self, article: &Path) -> PathBuf {
        crate::sidecar::path_for(&self.annotations, &self.root, article)
    }

    /// The name a sidecar records for `article`: its path under [`Self::root`].
    #[must_use]
    pub fn article_key(&self, article: &Path) -> PathBuf {
        crate::sidecar::article_key(&self.root, article)
    }
}

const KNOWN_KEYS: &[&str] = &["library", "annotations", "max_file_bytes"];

fn read_library_file(path: &Path) -> Result<(LibraryFile, Vec<String>), ConfigError> {
    let shown = display_path(path);
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io { path: shown.clone(), source })?;
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| ConfigError::Invalid {
        path: shown.clone(),
        message: crate::document::normalise::sanitise_line(&e.to_string().replace('\n', " ")).into_owned(),
    })?;
    let warnings = table
        .keys()
        .filter(|k| !KNOWN_KEYS.contains(&k.as_str()))
        .map(|k| {
            format!(
                "{shown}: unknown key `{}` ignored (known: {})",
                crate::document::normalise::sanitise_line(k),
                KNOWN_KEYS.join(", ")
            )
        })
        .collect();
    let file: LibraryFile = table.try_into().map_err(|e: toml::de::Error| ConfigError::Invalid {
        path: shown,
        message: crate::document::normalise::sanitise_line(e.message()).into_owned(),
    })?;
    Ok((file, warnings))
}

/// Decides what to open: `requested` (a folder or file from the command line),
/// or, without one, what `cwd/gloss.toml` names, or `cwd` itself.
pub fn locate(requested: Option<&Path>, cwd: &Path) -> Result<Location, ConfigError> {
    let settings_path = cwd.join(LIBRARY_FILE);
    let (settings, warnings) =
        if settings_path.is_file() { read_library_file(&settings_path)? } else { (LibraryFile::default(), Vec::new()) };
    let configured_library = settings.library.as_ref().map(|p| cwd.join(p));
    let configured_annotations = settings.annotations.as_ref().map(|p| cwd.join(p));
    let max_file_bytes = settings.max_file_bytes.unwrap_or(DEFAULT_MAX_FILE_BYTES);

    let library = match requested {
        Some(path) => cwd.join(path),
        None => configured_library.clone().unwrap_or_else(|| cwd.to_path_buf()),
    };
    // The configured annotations folder serves any article inside the configured library.
    let inside_configured = configured_library.as_ref().is_some_and(|lib| same_or_inside(&library, lib));
    let own_root = if library.is_file() { library.parent().unwrap_or(cwd).to_path_buf() } else { library.clone() };
    let (root, annotations) = match (inside_configured || requested.is_none(), configured_annotations) {
        (true, Some(folder)) => (configured_library.unwrap_or_else(|| own_root.clone()), folder),
        _ => (own_root.clone(), own_root.join("annotations")),
    };
    Ok(Location { library, annotations, root, max_file_bytes, warnings })
}

/// Whether `path` is `folder` or lies in it, as written or once the links of
/// the folders above it are followed. Its own last link is not followed: an
/// article linked into the library from elsewhere belongs to the library,
/// and takes its notes from the library's annotations folder.
fn same_or_inside(path: &Path, folder: &Path) -> bool {
    let plain = |p: &Path| !p.components().any(|c| c == std::path::Component::ParentDir);
    if plain(path) && plain(folder) && path.starts_with(folder) {
        return true;
    }
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let resolved = match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => canonical(parent).join(name),
        _ => canonical(path),
    };
    resolved.starts_with(canonical(folder))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repo_settings_point_at_assets_and_annotations() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("assets")).unwrap();
        std::fs::write(dir.path().join("assets/a.txt"), "x").unwrap();
        std::fs::write(dir.path().join(LIBRARY_FILE), "library = \"assets\"\nannotations = \"annotations\"\n").unwrap();
        let cases: &[(Option<&str>, &str, &str, &str)] = &[
            (None, "assets", "annotations", "assets"),
            (Some("assets"), "assets", "annotations", "assets"),
            (Some("assets/a.txt"), "assets/a.txt", "annotations", "assets"),
            (Some("."), ".", "./annotations", "."),
        ];
        for (requested, library, annotations, root) in cases {
            let got = locate(requested.map(Path::new), dir.path()).unwrap();
            assert_eq!(got.library, dir.path().join(library), "{requested:?}");
            assert_eq!(got.annotations, dir.path().join(annotations), "{requested:?}");
            assert_eq!(got.root, dir.path().join(root), "{requested:?}");
            assert!(got.warnings.is_empty());
        }
    }

    #[cfg(unix)]
    #[test]
    fn an_article_linked_in_from_outside_uses_the_configured_annotations() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("lib")).unwrap();
        std::fs::write(dir.path().join("outside.txt"), "x").unwrap();
        std::os::unix::fs::symlink("../outside.txt", dir.path().join("lib/link.txt")).unwrap();
        std::fs::write(dir.path().join(LIBRARY_FILE), "library = \"lib\"\nannotations = \"notes\"\n").unwrap();
        let cases: &[(&str, &str)] = &[("lib/link.txt", "notes"), ("lib/../outside.txt", "annotations")];
        for (requested, annotations) in cases {
            let got = locate(Some(Path::new(requested)), dir.path()).unwrap();
            assert!(got.annotations.ends_with(annotations), "{requested}: {}", got.annotations.display());
        }
    }

    #[test]
    fn without_settings_the_current_folder_opens() {
        let dir = tempfile::tempdir().unwrap();
        let got = locate(None, dir.path()).unwrap();
        assert_eq!(got.library, dir.path());
        assert_eq!(got.annotations, dir.path().join("annotations"));
    }

    #[test]
    fn unknown_keys_warn_and_bad_files_name_themselves() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LIBRARY_FILE), "libary = \"typo\"\n").unwrap();
        let got = locate(None, dir.path()).unwrap();
        assert_eq!(got.warnings.len(), 1);
        assert!(got.warnings[0].contains("unknown key `libary`"));

        std::fs::write(dir.path().join(LIBRARY_FILE), "library = [\n").unwrap();
        let err = locate(None, dir.path()).unwrap_err().to_string();
        assert!(err.contains("gloss.toml"), "{err}");
        assert!(err.contains("line 1") || err.contains("line 2"), "{err}");
    }
}
