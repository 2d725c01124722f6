//! Writes a deterministic generated document for benchmarks and the
//! comparison with `less`: `cargo run --release --example generate -- transcript 100 /tmp/t.txt`
//! (kind `transcript` or `news`, size in MB).
#[path = "../benches/corpus.rs"]
mod corpus;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let kind = args.next().unwrap_or_else(|| "transcript".into());
    let megabytes: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100);
    let out = args.next().unwrap_or_else(|| format!("{kind}-{megabytes}mb.txt"));
    let bytes = megabytes << 20;
    let text = if kind == "news" { corpus::news(bytes) } else { corpus::transcript(bytes) };
    std::fs::write(&out, text)?;
    eprintln!("wrote {out} ({megabytes} MB of {kind})");
    Ok(())
}
