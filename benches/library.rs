//! Benchmarks of the library and the sidecars: scanning 100 and 10,000
//! articles cold (parsing each) and from the metadata cache, the fuzzy
//! filter over 10,000 titles, and loading, re-anchoring and saving 100 and
//! 10,000 annotations on a 10 MB article.

mod corpus;

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use gloss::app::library::{Entry, LibraryState};
use gloss::document::{Document, Format};
use gloss::library::cache::{FileStamp, MetaCache};
use gloss::library::{self, ArticleMeta};
use gloss::session::{self, SaveContext};
use gloss::sidecar::Sidecar;
use gloss::text::ByteRange;

/// A folder of `count` short articles (about 4 KB each), made once per run.
fn library_of(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..count {
        let folder = dir.path().join(format!("batch{:02}", i % 50));
        std::fs::create_dir_all(&folder).expect("folder");
        let mut text = format!("Harbour Report Number {i}\n\nMarch {}, 2025\n\n", 1 + i % 28);
        text.push_str(&corpus::news(4 << 10));
        std::fs::write(folder.join(format!("report-{i}.txt")), text).expect("article");
    }
    dir
}

fn read_cold(root: &Path) -> usize {
    let paths = library::discover(root).expect("discover");
    paths.iter().map(|p| ArticleMeta::read(p, u64::MAX).words).sum()
}

fn read_cached(root: &Path, cache: &MetaCache) -> usize {
    let paths = library::discover(root).expect("discover");
    paths.iter().map(|p| FileStamp::of(p).and_then(|s| cache.get(p, &s)).map_or(0, |m| m.words)).sum()
}

fn library_scan(c: &mut Criterion) {
    let mut group = c.benchmark_group("library_scan");
    group.sample_size(10);
    for count in [100, 10_000] {
        let dir = library_of(count);
        group.bench_function(BenchmarkId::new("cold", count), |b| b.iter(|| read_cold(black_box(dir.path()))));
        let mut cache = MetaCache::default();
        for path in library::discover(dir.path()).expect("discover") {
            let stamp = FileStamp::of(&path).expect("stamp");
            cache.insert(path.clone(), stamp, &ArticleMeta::read(&path, u64::MAX));
        }
        let cache_file = dir.path().join("cache.json");
        cache.save(&cache_file).expect("save cache");
        group.bench_function(BenchmarkId::new("cached", count), |b| {
            b.iter(|| read_cached(dir.path(), &MetaCache::load(black_box(&cache_file))));
        });
    }
    group.finish();
}

fn fuzzy_filter(c: &mut Criterion) {
    let entries: Vec<Entry> = (0..10_000)
        .map(|i| {
            let mut entry = Entry::unread(PathBuf::from(format!("r{i}.txt")), format!("batch/report-{i}.txt"));
            entry.meta =
                Some(ArticleMeta { title: format!("Harbour Report Number {i} on cranes"), ..ArticleMeta::default() });
            entry
        })
        .collect();
    let mut library = LibraryState::new(entries);
    c.bench_function("fuzzy_filter_10000/one_key", |b| {
        b.iter(|| {
            black_box("hrb7").clone_into(&mut library.filter);
            library.refresh();
            library.order.len()
        });
    });
}

fn sidecars(c: &mut Criterion) {
    let mut group = c.benchmark_group("sidecar_10MB_article");
    group.sample_size(10);
    let text = corpus::transcript(10 << 20);
    let doc = Document::parse(&text, Format::PlainText);
    let attribution = gloss::speaker::detect(&doc);
    // Notes as the session reads them: the sidecar's annotations, each found in the text.
    let load = |sidecar: &Path, text: &str| {
        let annotations = Sidecar::load(sidecar).expect("load").map(|s| s.annotations().expect("notes"));
        session::resolve_notes(text, annotations.unwrap_or_default())
    };
    for count in [100, 10_000] {
        let dir = tempfile::tempdir().expect("temp dir");
        let article = dir.path().join("bench.txt");
        let location = gloss::config::locate(Some(dir.path()), dir.path()).expect("locate");
        let sidecar = location.sidecar_for(&article);
        let step = doc.text.len() / count;
        let mut notes = Vec::new();
        for i in 0..count {
            let start = gloss::text::floor_char_boundary(&doc.text, i * step);
            let end = gloss::text::floor_char_boundary(&doc.text, start + 40);
            notes.push(gloss::notes::annotation(
                &doc.text,
                &attribution,
                ByteRange::new(start, end),
                format!("n{i:05}"),
                "2026-11-23T12:00:00Z",
            ));
        }
        let context = SaveContext { title: "Bench", position: Some(0), fingerprint: "" };
        session::save(&location, &article, (&[], &notes), context).expect("save");
        group.bench_function(BenchmarkId::new("load_and_anchor", count), |b| {
            b.iter(|| load(black_box(&sidecar), &doc.text).len());
        });
        // An edit near the start moves every passage: each is found again by its quote.
        let edited = format!("A new first paragraph.\n\n{}", doc.text);
        group.bench_function(BenchmarkId::new("load_and_reanchor_after_edit", count), |b| {
            b.iter(|| load(black_box(&sidecar), &edited).len());
        });
        let selectors: Vec<gloss::anchor::Selector> =
            load(&sidecar, &doc.text).iter().map(|r| r.annotation.selector.clone()).collect();
        let refs: Vec<&gloss::anchor::Selector> = selectors.iter().collect();
        group.bench_function(BenchmarkId::new("reanchor_after_edit", count), |b| {
            b.iter(|| gloss::anchor::resolve_all(black_box(&edited), &refs).len());
        });
        let loaded = load(&sidecar, &doc.text);
        let base: Vec<_> = loaded.iter().map(|r| r.annotation.clone()).collect();
        let mine = session::to_save(&loaded, &doc.text);
        group.bench_function(BenchmarkId::new("save", count), |b| {
            b.iter(|| session::save(&location, &article, (&base, &mine), context).expect("save"));
        });
    }
    group.finish();
}

criterion_group!(benches, library_scan, fuzzy_filter, sidecars);
criterion_main!(benches);
