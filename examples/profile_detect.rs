//! Runs speaker detection on a generated document many times, for profilers.
#[path = "../benches/corpus.rs"]
mod corpus;

fn main() {
    let kind = std::env::args().nth(1).unwrap_or_else(|| "transcript".into());
    let text = if kind == "news" { corpus::news(4 << 20) } else { corpus::transcript(4 << 20) };
    let doc = gloss::document::Document::parse(&text, gloss::document::Format::PlainText);
    let start = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..3 {
        n += gloss::speaker::detect(&doc).passages.len();
    }
    eprintln!("{n} passages, {:.1} MB/s", 3.0 * text.len() as f64 / 1e6 / start.elapsed().as_secs_f64());
}
