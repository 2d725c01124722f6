//! Reading positions, remembered between runs in the platform's state folder
//! (`~/.local/state/gloss/positions.toml` on Linux).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Where a reader left an article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SavedPosition {
    /// **Byte** offset of the text at the top of the screen.
    pub offset: usize,
    pub percent: u8,
    /// Larger is more recent.
    pub seq: u64,
    /// The speakers the filter hid, by name: the filter comes back with the article.
    pub hidden: Vec<String>,
}

#[derive(Serialize, Deserialize, Default)]
struct File {
    #[serde(default)]
    position: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    path: PathBuf,
    /// **Byte** offset of the text at the top of the screen.
    offset: usize,
    percent: u8,
    seq: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    hidden: Vec<String>,
}

/// gloss's state folder (positions, the library cache), overridable with `GLOSS_STATE_DIR` (tests use it).
#[must_use]
pub fn state_dir() -> Option<PathBuf> {
    std::env::var_os("GLOSS_STATE_DIR")
        .map(PathBuf::from)
        .or_else(|| dirs::state_dir().or_else(dirs::data_local_dir).map(|d| d.join("gloss")))
}

/// The positions file.
#[must_use]
pub fn file() -> Option<PathBuf> {
    state_dir().map(|d| d.join("positions.toml"))
}

/// Reads remembered positions; a missing or unreadable file remembers nothing.
#[must_use]
pub fn load(path: &Path) -> HashMap<PathBuf, SavedPosition> {
    let Ok(text) = std::fs::read_to_string(path) else { return HashMap::new() };
    let file: File = toml::from_str(&text).unwrap_or_default();
    file.position
        .into_iter()
        .map(|e| (e.path, SavedPosition { offset: e.offset, percent: e.percent, seq: e.seq, hidden: e.hidden }))
        .collect()
}

/// Writes positions atomically.
pub fn save<S: std::hash::BuildHasher>(
    path: &Path,
    positions: &HashMap<PathBuf, SavedPosition, S>,
) -> Result<(), crate::sidecar::SidecarError> {
    let mut position: Vec<Entry> = positions
        .iter()
        .map(|(path, p)| Entry {
            path: path.clone(),
            offset: p.offset,
            percent: p.percent,
            seq: p.seq,
            hidden: p.hidden.clone(),
        })
        .collect();
    position.sort_by(|a, b| a.path.cmp(&b.path));
    let text = toml::to_string(&File { position }).unwrap_or_default();
    crate::sidecar::store::atomic_write(path, text.as_bytes())
}
