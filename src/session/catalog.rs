//! The library as a whole: the metadata of every article with its note
//! count, every note of every article, and sidecars re-linked to renamed
//! articles. Each reads files, so the reader runs them off its UI thread.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::config::Location;
use crate::document::{display_path, relative_path, title_from_file_name};
use crate::library::ArticleMeta;
use crate::library::cache::{FileStamp, MetaCache};
use crate::notes::relink::{Relink, relink_stranded};
use crate::sidecar::{Annotation, Sidecar};

/// A note anywhere in the library, for the library-wide list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LibraryNote {
    pub article: PathBuf,
    pub title: String,
    pub annotation: Annotation,
}

/// Every note of every article in `paths`. Sidecars that cannot be read are
/// skipped: opening their article says why.
#[must_use]
pub fn library_notes(location: &Location, paths: &[PathBuf]) -> Vec<LibraryNote> {
    let mut found = Vec::new();
    for path in paths {
        let Ok(Some(sidecar)) = Sidecar::load(&location.sidecar_for(path)) else { continue };
        let title = sidecar.title().map_or_else(|| title_from_file_name(path), str::to_owned);
        for annotation in sidecar.annotations().unwrap_or_default() {
            found.push(LibraryNote { article: path.clone(), title: title.clone(), annotation });
        }
    }
    found
}

/// Gives renamed articles their notes back (see [`relink_stranded`]);
/// returns the renamed articles, as shown to the user.
#[must_use]
pub fn relink_renamed(location: &Location, paths: &[PathBuf]) -> Vec<String> {
    let without_sidecar: Vec<PathBuf> = paths.iter().filter(|p| !location.sidecar_for(p).exists()).cloned().collect();
    relink_stranded(location, &without_sidecar)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|outcome| match outcome {
            Relink::Moved { article, .. } => Some(display_path(&relative_path(&location.root, &article))),
            Relink::Missing { .. } => None,
        })
        .collect()
}

/// Library entries per metadata report.
const META_BATCH: usize = 1024;

/// Reads the metadata of every article in `paths` — from the cache at
/// `cache_file` when a file is unchanged, parsed otherwise — with its note
/// count, and hands it to `send` in batches (index into `paths`, metadata)
/// a few times a second; stops early when `send` returns false. Then saves
/// the cache.
pub fn read_metadata(
    location: &Location,
    paths: &[PathBuf],
    cache_file: Option<&std::path::Path>,
    send: &mut dyn FnMut(Vec<(usize, ArticleMeta)>) -> bool,
) {
    let mut cache = cache_file.map(MetaCache::load).unwrap_or_default();
    let mut batch = Vec::new();
    let mut last_sent = Instant::now();
    for (index, path) in paths.iter().enumerate() {
        let stamp = FileStamp::of(path);
        let mut meta = match stamp.as_ref().and_then(|s| cache.get(path, s)) {
            Some(meta) => meta,
            None => {
                let meta = ArticleMeta::read(path, location.max_file_bytes);
                if let Some(stamp) = stamp {
                    cache.insert(path.clone(), stamp, &meta);
                }
                meta
            }
        };
        let sidecar_path = location.sidecar_for(path);
        if sidecar_path.exists() {
            meta.notes = Sidecar::load(&sidecar_path).ok().flatten().map_or(0, |s| s.note_count());
        }
        batch.push((index, meta));
        // Batches keep the list re-sorting a few times a second, not once per article.
        if batch.len() >= META_BATCH || last_sent.elapsed() > Duration::from_millis(50) {
            if !send(std::mem::take(&mut batch)) {
                return;
            }
            last_sent = Instant::now();
        }
    }
    if !batch.is_empty() {
        send(batch);
    }
    cache.retain(&paths.iter().cloned().collect());
    if let Some(file) = cache_file {
        // A cache that cannot be written only costs time at the next start.
        let _ = cache.save(file);
    }
}
