//! Writes a deterministic generated document for benchmarks and the
//! comparison with `less`: `cargo run --release --example generate -- transcript 100 /tmp/t.txt`
//! (kind `transcript` or `news`, size in MB).
//!
//! `cargo run --release --example generate -- library 10000 /tmp/lib [KB]` writes a library of
//! 10,000 briefings and stories (about 50 KB each by default) whose people recur under different
//! name forms, with a look-alike, for `gloss people`, `gloss search` and the index benchmarks.
#[path = "../benches/corpus.rs"]
mod corpus;
#[path = "../benches/people_corpus.rs"]
mod people_corpus;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let kind = args.next().unwrap_or_else(|| "transcript".into());
    if kind == "library" {
        let count: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(10_000);
        let out = args.next().unwrap_or_else(|| "library".into());
        let kb: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(50);
        people_corpus::write_library(std::path::Path::new(&out), count, kb << 10)?;
        eprintln!("wrote {count} articles of about {kb} KB to {out}");
        return Ok(());
    }
    let megabytes: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100);
    let out = args.next().unwrap_or_else(|| format!("{kind}-{megabytes}mb.txt"));
    let bytes = megabytes << 20;
    let text = if kind == "news" { corpus::news(bytes) } else { corpus::transcript(bytes) };
    std::fs::write(&out, text)?;
    eprintln!("wrote {out} ({megabytes} MB of {kind})");
    Ok(())
}
