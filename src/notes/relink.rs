//! Re-linking: when an article is renamed or moved within the library, its
//! sidecar is left behind under the old name. A stranded sidecar moves to the
//! article without notes that has the same text (same fingerprint) or, failing
//! that, the one in which every note still finds its passage.

use std::path::{Path, PathBuf};

use crate::anchor::{Resolution, resolve};
use crate::config::Location;
use crate::document::{Document, display_path, relative_path};
use crate::sidecar::{self, Sidecar, SidecarError};

/// What became of one stranded sidecar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Relink {
    /// Moved from the old sidecar path to the renamed article's.
    Moved { from: PathBuf, article: PathBuf },
    /// No article in the library holds its notes: `article` is the missing name.
    Missing { sidecar: PathBuf, article: String },
}

/// Re-links every sidecar whose article is gone; `without_sidecar` are the
/// library's articles that have no notes yet (the candidates).
pub fn relink_stranded(location: &Location, without_sidecar: &[PathBuf]) -> Result<Vec<Relink>, SidecarError> {
    let mut stranded = Vec::new();
    collect_sidecars(&location.annotations, &mut stranded);
    stranded.sort();
    let mut outcomes = Vec::new();
    // Loaded once, and only when some sidecar is stranded.
    let mut texts: Option<Vec<(usize, String)>> = None;
    for sidecar_path in stranded {
        let Ok(Some(sidecar)) = Sidecar::load(&sidecar_path) else { continue };
        let Some(article) = sidecar.article().map(str::to_owned) else { continue };
        if location.root.join(&article).exists() {
            continue;
        }
        let texts = texts.get_or_insert_with(|| {
            without_sidecar
                .iter()
                .enumerate()
                .filter_map(|(i, p)| Document::load_with_limit(p, location.max_file_bytes).ok().map(|d| (i, d.text)))
                .collect()
        });
        let fingerprint = sidecar.fingerprint().map(str::to_owned);
        let annotations = sidecar.annotations().unwrap_or_default();
        let same = texts.iter().find(|(_, text)| fingerprint.as_deref() == Some(sidecar::fingerprint(text).as_str()));
        let holds_notes = || {
            texts.iter().find(|(_, text)| {
                !annotations.is_empty()
                    && annotations.iter().all(|a| !matches!(resolve(text, &a.selector), Resolution::Orphaned))
            })
        };
        let Some(&(index, _)) = same.or_else(holds_notes) else {
            outcomes.push(Relink::Missing { sidecar: sidecar_path, article });
            continue;
        };
        let new_article = &without_sidecar[index];
        let target = location.sidecar_for(new_article);
        if target.exists() {
            // Another sidecar got there first (a second gloss): never overwrite it.
            continue;
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|source| SidecarError::Io { path: display_path(&target), source })?;
        }
        let mut moved = sidecar.clone();
        moved.path.clone_from(&target);
        moved.set_article(&relative_path(&location.root, new_article));
        moved.save()?;
        std::fs::remove_file(&sidecar_path)
            .map_err(|source| SidecarError::Io { path: display_path(&sidecar_path), source })?;
        texts.retain(|(i, _)| *i != index);
        outcomes.push(Relink::Moved { from: sidecar_path, article: new_article.clone() });
    }
    Ok(outcomes)
}

fn collect_sidecars(folder: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            collect_sidecars(&path, found);
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "toml") {
            found.push(path);
        }
    }
}
