//! Bringing the index up to date with the library: what changed is found by
//! file stamps, parsed on worker threads (the slow part: decoding,
//! normalising, speaker detection) and handed to tantivy's writer, which
//! indexes on its own threads.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use tantivy::{IndexWriter, TantivyDocument, Term};

use super::manifest::{ArticleEntry, SpeakerSummary};
use super::schema::{Fields, day_number, who};
use super::{IndexError, LibraryIndex, UpdateReport};
use crate::config::Location;
use crate::document::{Document, relative_path};
use crate::library::cache::FileStamp;
use crate::speaker::PassageKind;

/// Memory tantivy may use per indexing thread before it writes a segment.
const WRITER_BYTES_PER_THREAD: usize = 64 << 20;

/// An article path as the index keys it: relative, `/` between folders.
#[must_use]
pub fn key(base: &Path, path: &Path) -> String {
    relative_path(base, path).to_string_lossy().replace('\\', "/")
}

/// Size and modification time of a sidecar, if there is one.
fn sidecar_stamp(location: &Location, article: &Path) -> (PathBuf, Option<(u64, u128)>) {
    let path = crate::sidecar::path_for(&location.annotations, &location.root, article);
    let stamp = std::fs::metadata(&path).ok().map(|m| {
        let ns =
            m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
        (m.len(), ns)
    });
    (path, stamp)
}

struct Job {
    key: String,
    path: PathBuf,
    stamp: FileStamp,
    sidecar: (PathBuf, Option<(u64, u128)>),
}

impl LibraryIndex {
    /// Re-indexes the articles added or changed since the last update and
    /// drops the removed ones; `progress(done, total)` is called as articles
    /// are indexed. Does nothing (and says so) when another gloss holds the lock.
    pub fn update(&mut self, progress: &mut dyn FnMut(usize, usize)) -> Result<UpdateReport, IndexError> {
        if self.lock.is_none() {
            return Ok(UpdateReport { busy: true, ..UpdateReport::default() });
        }
        let library = &self.location.library;
        let base = self.base().to_path_buf();
        let scanned_ns = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let mut jobs = Vec::new();
        let mut present = HashSet::new();
        for path in crate::library::discover(library)? {
            let key = key(&base, &path);
            let known = self.manifest.articles.get(&key);
            let Some(stamp) = FileStamp::of_known(&path, known.map(|a| &a.stamp), self.manifest.scanned_ns) else {
                continue;
            };
            let sidecar = sidecar_stamp(&self.location, &path);
            present.insert(key.clone());
            if known.is_none_or(|a| a.stamp != stamp || a.sidecar != sidecar.1) {
                jobs.push(Job { key, path, stamp, sidecar });
            }
        }
        let removed: Vec<String> = self.manifest.articles.keys().filter(|k| !present.contains(*k)).cloned().collect();
        let mut report = UpdateReport::default();
        if jobs.is_empty() && removed.is_empty() {
            return Ok(report);
        }
        self.manifest.scanned_ns = scanned_ns;
        // A removed file whose stamp reappears under a new name was renamed.
        let gone: HashMap<(u64, u64), &String> = removed
            .iter()
            .filter_map(|k| self.manifest.articles.get(k).map(|a| ((a.stamp.size, a.stamp.fingerprint), k)))
            .collect();
        for job in &jobs {
            if self.manifest.articles.contains_key(&job.key) {
                report.changed += 1;
            } else if gone.contains_key(&(job.stamp.size, job.stamp.fingerprint)) {
                report.renamed += 1;
            } else {
                report.added += 1;
            }
        }
        report.removed = removed.len() - report.renamed.min(removed.len());
        let threads = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, 4);
        let writer: IndexWriter = self.index.writer_with_num_threads(threads, threads * WRITER_BYTES_PER_THREAD)?;
        for key in &removed {
            writer.delete_term(Term::from_field_text(self.fields.path, key));
            self.manifest.articles.remove(key);
        }
        let total = jobs.len();
        let next = AtomicUsize::new(0);
        let (sender, receiver) = mpsc::channel::<(String, ArticleEntry)>();
        let failed = std::sync::Mutex::new(None);
        std::thread::scope(|scope| {
            for _ in 0..threads {
                let sender = sender.clone();
                let (writer, jobs, next, failed) = (&writer, &jobs, &next, &failed);
                let (fields, location) = (self.fields, &self.location);
                scope.spawn(move || {
                    while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                        match index_article(writer, fields, location, job) {
                            Ok(entry) => {
                                if sender.send((job.key.clone(), entry)).is_err() {
                                    return;
                                }
                            }
                            Err(err) => {
                                *failed.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(err);
                                return;
                            }
                        }
                    }
                });
            }
            drop(sender);
            for (done, (key, entry)) in receiver.iter().enumerate() {
                report.unreadable += usize::from(entry.error.is_some());
                self.manifest.articles.insert(key, entry);
                progress(done + 1, total);
            }
        });
        if let Some(err) = failed.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner) {
            return Err(err.into());
        }
        self.commit(writer)?;
        Ok(report)
    }

    /// Commits with the manifest's new generation as payload, then saves the manifest.
    fn commit(&mut self, mut writer: IndexWriter) -> Result<(), IndexError> {
        let generation =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64)
                ^ u64::from(std::process::id());
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&generation.to_string());
        prepared.commit()?;
        // Test hook: dies between the commit and the manifest, the worst moment for a crash.
        if std::env::var_os("GLOSS_TEST_DIE_AFTER_COMMIT").is_some() {
            std::process::abort();
        }
        self.manifest.generation = generation;
        self.manifest.version = super::SCHEMA_VERSION;
        let path = self.dir.join("manifest.json");
        self.manifest.save(&path).map_err(super::io(&path))?;
        // Let pending merges finish so the index stays compact.
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        self.directory = std::sync::OnceLock::new();
        // Texts read before the update may be of articles it changed.
        self.recent.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clear();
        Ok(())
    }
}

/// Parses one article, detects its speakers (with the sidecar's corrections)
/// and adds a document per passage, replacing the article's old ones.
fn index_article(
    writer: &IndexWriter,
    fields: Fields,
    location: &Location,
    job: &Job,
) -> Result<ArticleEntry, tantivy::TantivyError> {
    writer.delete_term(Term::from_field_text(fields.path, &job.key));
    let mut entry = ArticleEntry {
        stamp: job.stamp,
        sidecar: job.sidecar.1,
        title: crate::document::title_from_file_name(&job.path),
        date: None,
        source: None,
        kind: "news".to_owned(),
        speakers: Vec::new(),
        error: None,
    };
    let doc = match Document::load_with_limit(&job.path, location.max_file_bytes) {
        Ok(doc) => doc,
        Err(err) => {
            entry.error = Some(err.to_string());
            return Ok(entry);
        }
    };
    let mut attribution = crate::speaker::detect(&doc);
    if job.sidecar.1.is_some()
        && let Ok(Some(sidecar)) = crate::sidecar::Sidecar::load(&job.sidecar.0)
        && let Ok(overrides) = sidecar.speakers()
    {
        overrides.apply(&mut attribution, &doc.text);
    }
    let transcript = attribution.passages.iter().any(|p| p.kind == PassageKind::Turn);
    if transcript { "transcript" } else { "news" }.clone_into(&mut entry.kind);
    entry.title.clone_from(&doc.meta.title);
    entry.date.clone_from(&doc.meta.date);
    entry.source.clone_from(&doc.meta.source);
    let day = day_number(doc.meta.date.as_deref());
    for passage in &attribution.passages {
        let Some(text) = doc.text.get(passage.range.start..passage.range.end) else { continue };
        if passage.kind == PassageKind::Direction || text.trim().is_empty() {
            continue;
        }
        let mut d = TantivyDocument::default();
        d.add_text(fields.text, text);
        d.add_text(fields.path, &job.key);
        if let Some(speaker) = passage.speaker.and_then(|id| attribution.speaker(id)) {
            d.add_text(fields.who, who(&job.key, &speaker.name));
            d.add_text(fields.speaker, &speaker.name);
        }
        d.add_u64(fields.day, day);
        if let Some(source) = &doc.meta.source {
            d.add_text(fields.source, source);
        }
        d.add_text(fields.kind, &entry.kind);
        d.add_u64(fields.start, passage.range.start as u64);
        d.add_u64(fields.end, passage.range.end as u64);
        writer.add_document(d)?;
    }
    entry.speakers = attribution
        .speakers
        .iter()
        .filter(|s| s.turns > 0 || s.words > 0)
        .map(|s| SpeakerSummary {
            name: s.name.clone(),
            aliases: s.aliases.clone(),
            given: crate::people::names::given_in_text(&s.name, &doc.text),
            turns: s.turns,
            words: s.words,
        })
        .collect();
    Ok(entry)
}
