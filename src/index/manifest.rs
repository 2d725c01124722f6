//! What the index holds, article by article: the file's stamp (to tell what
//! changed) and a summary (title, date, source, kind, speakers) from which
//! the People list is made without opening any article.
//!
//! Saved beside the index after each commit; its `generation` is also the
//! commit's payload, so a manifest that does not describe the committed
//! index (a crash between the two writes) is noticed and the index rebuilt.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::library::cache::FileStamp;
use crate::people::Mention;

/// One speaker of an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerSummary {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// See [`Mention::given`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    pub turns: usize,
    pub words: usize,
}

/// One article as indexed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleEntry {
    pub stamp: FileStamp,
    /// Size and modification time (ns) of the article's sidecar: speaker corrections live there.
    pub sidecar: Option<(u64, u128)>,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    /// `transcript` or `news`.
    pub kind: String,
    pub speakers: Vec<SpeakerSummary>,
    /// Why the article could not be indexed, if it could not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    pub generation: u64,
    /// When the update this manifest describes began to look at the files
    /// (ns since the Unix epoch): files untouched since well before it are
    /// not read again to tell whether they changed. 0: read every file.
    #[serde(default)]
    pub scanned_ns: u128,
    /// By path relative to the library, `/`-separated.
    pub articles: BTreeMap<String, ArticleEntry>,
}

impl Manifest {
    /// The manifest at `path`, or `None` when missing or unreadable.
    #[must_use]
    pub fn load(path: &Path) -> Option<Self> {
        let bytes = std::fs::read(path).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let bytes = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        crate::sidecar::store::atomic_write(path, &bytes).map_err(std::io::Error::other)
    }

    /// Every speaker of every article, for [`crate::people::Directory::build`].
    #[must_use]
    pub fn mentions(&self) -> Vec<Mention> {
        self.articles
            .iter()
            .flat_map(|(path, a)| {
                a.speakers.iter().map(move |s| Mention {
                    article: path.clone(),
                    date: a.date.clone(),
                    speaker: s.name.clone(),
                    aliases: s.aliases.clone(),
                    given: s.given.clone(),
                    turns: s.turns,
                    words: s.words,
                })
            })
            .collect()
    }
}
