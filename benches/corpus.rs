//! Deterministic generated documents for the benchmarks: a press-briefing
//! transcript and a news article of any size. Every run makes the same bytes.

use std::fmt::Write;

/// A tiny linear congruential generator: deterministic and dependency-free.
pub struct Lcg(u64);

impl Lcg {
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next_u64() as usize) % items.len()]
    }
}

const WORDS: &[&str] = &[
    "the",
    "port",
    "authority",
    "will",
    "review",
    "cargo",
    "manifests",
    "before",
    "each",
    "vessel",
    "arrives",
    "and",
    "we",
    "expect",
    "inspections",
    "to",
    "continue",
    "through",
    "spring",
    "partners",
    "in",
    "the",
    "region",
    "have",
    "agreed",
    "share",
    "data",
    "on",
    "containers",
    "that",
    "pass",
    "harbor",
    "customs",
    "officers",
    "said",
    "program",
    "budget",
    "river",
    "treaty",
    "water",
    "commission",
    "think",
    "important",
    "progress",
];

const LABELS: &[&str] = &["MODERATOR:", "SENIOR ADMINISTRATION OFFICIAL:", "Q", "MS. ARDEN-COLE:", "MR HOLLOWAY:"];

fn sentence(rng: &mut Lcg, out: &mut String) {
    let words = 8 + rng.next_u64() % 18;
    for i in 0..words {
        let word = rng.pick(WORDS);
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(word);
        }
    }
    out.push_str(".\u{a0} ");
}

/// A press-call transcript of about `bytes` bytes: one turn per line, with hand-offs.
#[must_use]
pub fn transcript(bytes: usize) -> String {
    let mut rng = Lcg::new(42);
    let mut out = String::with_capacity(bytes + 1024);
    out.push_str("Generated Press Call on Port Security\n\nWashington – March 3, 2025\n\n");
    let mut reporter = 0;
    while out.len() < bytes {
        let label = rng.pick(LABELS);
        if label == "MODERATOR:" && rng.next_u64().is_multiple_of(3) {
            reporter += 1;
            let _ = writeln!(
                out,
                "MODERATOR:\u{a0} Our next question goes to Reporter Number{reporter} with the Daily Ledger."
            );
            continue;
        }
        out.push_str(label);
        out.push_str(if label == "Q" { "\u{a0}\u{a0} " } else { "\u{a0} " });
        for _ in 0..=(rng.next_u64() % 4) {
            sentence(&mut rng, &mut out);
        }
        out.push('\n');
        if rng.next_u64().is_multiple_of(4) {
            for _ in 0..2 + rng.next_u64() % 3 {
                sentence(&mut rng, &mut out);
            }
            out.push('\n');
        }
    }
    out
}

/// A news article of about `bytes` bytes with quotes attributed in prose.
#[must_use]
pub fn news(bytes: usize) -> String {
    let mut rng = Lcg::new(7);
    let people = ["Nadia Farouk", "Ruben Aldaco", "Lena Marsh", "Omar Haddad"];
    let mut out = String::with_capacity(bytes + 1024);
    out.push_str("Generated Treaty Story\n\nMarch 6, 2025\n\n");
    while out.len() < bytes {
        let person = rng.pick(&people);
        out.push('“');
        sentence(&mut rng, &mut out);
        out.push_str("” ");
        out.push_str(person);
        out.push_str(" said. ");
        sentence(&mut rng, &mut out);
        out.push_str("\n\n");
    }
    out
}
