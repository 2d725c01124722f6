//! Times each stage of opening a file (read, decode, normalise, parse,
//! speakers, layout), for finding where the time goes: `cargo run --release --example stages -- FILE`.
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let t = Instant::now();
    let bytes = std::fs::read(&path).expect("read");
    eprintln!("read       {:>7.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let decoded = gloss::document::normalise::decode(&bytes).expect("text");
    eprintln!("decode     {:>7.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let normalised = gloss::document::normalise::normalise(&decoded.text);
    eprintln!("normalise  {:>7.1} ms", t.elapsed().as_secs_f64() * 1e3);
    drop(normalised);
    let t = Instant::now();
    let doc = gloss::document::Document::parse(&decoded.text, gloss::document::Format::PlainText);
    eprintln!("parse(all) {:>7.1} ms  {} blocks", t.elapsed().as_secs_f64() * 1e3, doc.blocks.len());
    let t = Instant::now();
    let attribution = gloss::speaker::detect(&doc);
    eprintln!("speakers   {:>7.1} ms  {} passages", t.elapsed().as_secs_f64() * 1e3, attribution.passages.len());
}
