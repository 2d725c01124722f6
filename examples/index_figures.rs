//! Figures for the library index's targets, on a generated library:
//!
//! ```sh
//! cargo run --release --example generate -- library 10000 /tmp/lib10k
//! cargo run --release --example index_figures -- /tmp/lib10k
//! ```
//!
//! Prints: the build from nothing, one changed article, query latency
//! (p50/p95, snippets included), quoted elsewhere for one passage, the
//! People list from the index, and the index's size against the library's text. The index goes to a fresh
//! folder under the system's temporary folder.
use std::path::Path;
use std::time::Instant;

use gloss::config::Location;
use gloss::index::LibraryIndex;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let library = std::env::args().nth(1).ok_or("usage: index_figures LIBRARY")?;
    let library = Path::new(&library).canonicalize()?;
    let cache = std::env::temp_dir().join(format!("gloss-index-figures-{}", std::process::id()));
    let location = Location {
        library: library.clone(),
        annotations: library.join("annotations"),
        root: library.clone(),
        max_file_bytes: gloss::document::DEFAULT_MAX_FILE_BYTES,
        warnings: Vec::new(),
    };
    let text_bytes: u64 =
        gloss::library::discover(&library)?.iter().filter_map(|p| p.metadata().ok()).map(|m| m.len()).sum();

    let started = Instant::now();
    let mut index = LibraryIndex::open_in(&location, &cache)?;
    let report = index.update(&mut |done, total| {
        if done % 1000 == 0 || done == total {
            eprintln!("  {done}/{total} in {:.1} s", started.elapsed().as_secs_f64());
        }
    })?;
    let build = started.elapsed();
    println!(
        "build from nothing: {} articles, {:.1} MB of text, {:.1} s",
        report.added,
        text_bytes as f64 / 1e6,
        build.as_secs_f64()
    );
    let size = index.size_on_disk();
    println!("index size: {:.1} MB = {:.2}× the text", size as f64 / 1e6, size as f64 / text_bytes as f64);

    // One changed article.
    let changed = gloss::library::discover(&library)?.into_iter().nth(17).ok_or("empty library")?;
    let original = std::fs::read_to_string(&changed)?;
    std::fs::write(&changed, format!("{original}\nAn added line about zanzibar tariffs.\n"))?;
    let started = Instant::now();
    let report = index.update(&mut |_, _| {})?;
    println!(
        "one changed article: {} changed in {:.0} ms (with commit)",
        report.changed,
        started.elapsed().as_secs_f64() * 1e3
    );
    assert_eq!(index.search("zanzibar", 5)?.len(), 1);

    // Queries: first results with snippets.
    let queries = [
        "port security",
        "\"ferry tariffs\"",
        "tarif*",
        "quay speaker:\"Karine Jean-Pierre\"",
        "lighthouse after:2025-03-01 before:2025-06-30",
        "dredging kind:transcript",
        "customs source:\"Tidewater Gazette\"",
        "港湾 berth",
        "b42x",
        "\"storm season\" speaker:\"Louis Jean-Pierre\"",
    ];
    let mut times = Vec::new();
    for _ in 0..10 {
        for q in queries {
            let started = Instant::now();
            let hits = index.search(q, 10)?;
            times.push(started.elapsed().as_secs_f64() * 1e3);
            assert!(!hits.is_empty() || q == "b42x", "{q}");
        }
    }
    // The first round reads every article afresh; later rounds find the texts of earlier ones kept.
    let mut cold = times[..queries.len()].to_vec();
    cold.sort_by(f64::total_cmp);
    println!(
        "query, first round (no article read before): median {:.1} ms, slowest {:.1} ms ({} queries)",
        cold[cold.len() / 2],
        cold[cold.len() - 1],
        cold.len()
    );
    times.sort_by(f64::total_cmp);
    // Percentile by whole percent in integer arithmetic: no float-to-index cast to go negative.
    let at = |percent: usize| times[(times.len() * percent / 100).min(times.len() - 1)];
    println!(
        "query, first 10 results with snippets: p50 {:.1} ms, p95 {:.1} ms ({} queries)",
        at(50),
        at(95),
        times.len()
    );

    quoted_elsewhere(&index, &library)?;

    // The People list, from a freshly opened index (manifest read + merge).
    drop(index);
    let started = Instant::now();
    let index = LibraryIndex::open_in(&location, &cache)?;
    let people = index.people().0.persons().count();
    println!(
        "People list from the index: {people} people in {:.0} ms (open included)",
        started.elapsed().as_secs_f64() * 1e3
    );
    let _ = std::fs::remove_dir_all(&cache);
    // The library as it was, so the figures can be taken again.
    std::fs::write(&changed, original)?;
    Ok(())
}

/// Quoted elsewhere: a briefing's opening statement, looked for in the other articles.
fn quoted_elsewhere(index: &LibraryIndex, library: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let briefing = gloss::library::discover(library)?
        .into_iter()
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("briefing")))
        .ok_or("no briefing")?;
    let article = index.key_of(&briefing).ok_or("briefing outside the library")?;
    let doc = gloss::document::Document::load(&briefing)?;
    let attribution = gloss::speaker::detect(&doc);
    let at = doc.text.find("port security").ok_or("no statement")?;
    let range = gloss::index::quoted::passage_range(&doc, &attribution, at).ok_or("no passage")?;
    let started = Instant::now();
    let echoes = index.quoted_elsewhere(&article, &doc.text[range.start..range.end], 50)?;
    println!(
        "quoted elsewhere (a briefing's statement): {} found in {:.0} ms",
        echoes.len(),
        started.elapsed().as_secs_f64() * 1e3
    );
    Ok(())
}
