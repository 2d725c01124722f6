//! Benchmarks of the hot paths of the pure core, at growing sizes so that
//! the growth with size is visible. `cargo bench` runs them;
//! `cargo bench --no-run` (in CI) only builds them.

mod corpus;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gloss::app::reader::find_all;
use gloss::app::reader::search::find_next;
use gloss::document::{Document, Format};
use gloss::speaker;
use gloss::text::{ByteRange, wrap};

const SIZES: &[(&str, usize)] = &[("1MB", 1 << 20), ("10MB", 10 << 20), ("100MB", 100 << 20)];

fn load_and_normalise(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_normalise_parse");
    group.sample_size(10);
    for (name, size) in SIZES {
        let text = corpus::transcript(*size);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| {
            b.iter(|| Document::parse(black_box(text), Format::PlainText));
        });
    }
    group.finish();
}

fn speaker_detection(c: &mut Criterion) {
    let mut group = c.benchmark_group("speaker_detection");
    group.sample_size(10);
    for (name, size) in SIZES {
        for (kind, text) in [("transcript", corpus::transcript(*size)), ("news", corpus::news(*size))] {
            let doc = Document::parse(&text, Format::PlainText);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(kind, name), &doc, |b, doc| {
                b.iter(|| speaker::detect(black_box(doc)));
            });
        }
    }
    group.finish();
}

fn wrap_one_screen(c: &mut Criterion) {
    let mut group = c.benchmark_group("wrap_screen_at_offset");
    for (name, size) in SIZES {
        let text = corpus::transcript(*size);
        let doc = Document::parse(&text, Format::PlainText);
        // Three quarters of the way in: an arbitrary offset, far from the start.
        let middle = &doc.blocks[doc.blocks.len() * 3 / 4..];
        group.bench_function(*name, |b| {
            b.iter(|| {
                let mut lines = 0;
                for block in middle {
                    lines += wrap(&doc.text, ByteRange::new(block.range.start, block.range.end), 80).count();
                    if lines >= 50 {
                        break;
                    }
                }
                black_box(lines)
            });
        });
    }
    group.finish();
}

fn search(c: &mut Criterion) {
    let mut group = c.benchmark_group("search");
    group.sample_size(10);
    for (name, size) in SIZES {
        let text = corpus::transcript(*size);
        let doc = Document::parse(&text, Format::PlainText);
        let from = doc.text.len() / 2;
        // A word that occurs often, and one that occurs once, near the end.
        group.bench_function(BenchmarkId::new("next_match", name), |b| {
            b.iter(|| find_next(black_box(&doc.text), "manifests", from, true));
        });
        group.bench_function(BenchmarkId::new("next_rare_match", name), |b| {
            b.iter(|| find_next(black_box(&doc.text), "reporter number7", from, true));
        });
        group.throughput(Throughput::Bytes(doc.text.len() as u64));
        group.bench_function(BenchmarkId::new("count_all", name), |b| {
            b.iter(|| find_all(black_box(&doc.text), "manifests").len());
        });
    }
    group.finish();
}

criterion_group!(benches, load_and_normalise, speaker_detection, wrap_one_screen, search);
criterion_main!(benches);
