//! The library index: a build from nothing, one changed article, a query
//! with snippets, quoted elsewhere for one passage, and the People list, on
//! a generated library of 300
//! articles (the 10,000-article figures come from `examples/index_figures.rs`).
#[path = "people_corpus.rs"]
mod people_corpus;

use criterion::{Criterion, criterion_group, criterion_main};
use gloss::config::Location;
use gloss::index::LibraryIndex;

fn location(library: &std::path::Path) -> Location {
    Location {
        library: library.to_path_buf(),
        annotations: library.join("annotations"),
        root: library.to_path_buf(),
        max_file_bytes: gloss::document::DEFAULT_MAX_FILE_BYTES,
        warnings: Vec::new(),
    }
}

fn index(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("lib");
    people_corpus::write_library(&library, 300, 20_000).unwrap();
    let location = location(&library);
    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    group.bench_function("build 300 articles (6 MB)", |b| {
        b.iter_batched(
            || tempfile::tempdir().unwrap(),
            |cache| {
                let mut index = LibraryIndex::open_in(&location, cache.path()).unwrap();
                index.update(&mut |_, _| {}).unwrap();
            },
            criterion::BatchSize::PerIteration,
        );
    });
    let cache = tempfile::tempdir().unwrap();
    let mut index = LibraryIndex::open_in(&location, cache.path()).unwrap();
    index.update(&mut |_, _| {}).unwrap();
    let article = library.join("000/story-00001.md");
    let original = std::fs::read_to_string(&article).unwrap();
    let mut round = 0u64;
    group.bench_function("one changed article", |b| {
        b.iter(|| {
            round += 1;
            std::fs::write(&article, format!("{original}\nround {round}\n")).unwrap();
            assert_eq!(index.update(&mut |_, _| {}).unwrap().changed, 1);
        });
    });
    group.sample_size(50);
    group.bench_function("query with snippets", |b| {
        b.iter(|| index.search("\"port security\" speaker:\"Karine Jean-Pierre\" after:2025-02-01", 10).unwrap());
    });
    let briefing = library.join("000/briefing-00003.md");
    let doc = gloss::document::Document::load(&briefing).unwrap();
    let attribution = gloss::speaker::detect(&doc);
    let at = doc.text.find("port security").unwrap();
    let range = gloss::index::quoted::passage_range(&doc, &attribution, at).unwrap();
    let article = index.key_of(&briefing).unwrap();
    group.bench_function("quoted elsewhere (a briefing's statement)", |b| {
        b.iter(|| index.quoted_elsewhere(&article, &doc.text[range.start..range.end], 50).unwrap());
    });
    group.bench_function("people list (open + merge)", |b| {
        b.iter(|| {
            let index = LibraryIndex::open_in(&location, cache.path()).unwrap();
            index.people().0.persons().count()
        });
    });
    group.finish();
}

criterion_group!(benches, index);
criterion_main!(benches);
