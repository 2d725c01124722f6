//! A generated library for the people and search tests and benchmarks:
//! briefings (transcripts with `MS. JEAN-PIERRE:`, `MODERATOR:`, `Q:` and
//! `SENIOR ADMINISTRATION OFFICIAL:` labels) and news stories that quote the
//! same invented people as "Karine Jean-Pierre" and later "Jean-Pierre",
//! plus a look-alike, Louis Jean-Pierre, who must stay a person of his own.
//! Everyone and everything in it is invented. Deterministic: the same
//! arguments give the same files.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

/// Words the filler text is made of.
const WORDS: &[&str] = &[
    "harbour",
    "tariff",
    "ferry",
    "quay",
    "cargo",
    "pilot",
    "tide",
    "berth",
    "crane",
    "ledger",
    "schedule",
    "inspection",
    "budget",
    "council",
    "weather",
    "channel",
    "dredging",
    "container",
    "customs",
    "freight",
    "lighthouse",
    "ward",
    "committee",
    "report",
    "season",
    "timetable",
    "fisheries",
    "permit",
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "that",
    "we",
    "will",
    "is",
    "on",
    "for",
    "with",
    "港湾",
    "🚢",
];

/// Senior people who brief: (transcript label, full name, surname).
const BRIEFERS: &[(&str, &str, &str)] = &[
    ("MS. JEAN-PIERRE", "Karine Jean-Pierre", "Jean-Pierre"),
    ("MR. OKAFOR", "Tomasz Okafor", "Okafor"),
    ("MS. SOLVANG-REYES", "Marit Solvang-Reyes", "Solvang-Reyes"),
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(self.pick(WORDS));
        }
        let mut c = s.chars();
        c.next().map_or(String::new(), |f| f.to_uppercase().collect::<String>() + c.as_str()) + "."
    }
}

fn date(i: usize) -> String {
    format!("2025-{:02}-{:02}", 1 + (i / 28) % 12, 1 + i % 28)
}

/// A briefing transcript of about `bytes` bytes.
pub fn briefing(i: usize, bytes: usize) -> String {
    let mut rng = Rng(i as u64 + 1);
    let (label, full, _) = BRIEFERS[i % BRIEFERS.len()];
    let mut t =
        format!("---\ntitle: \"Press briefing {i} by {full}\"\ndate: {}\nsource: Harbour Office\n---\n\n", date(i));
    let _ = write!(t, "MODERATOR: Good afternoon. Today's briefing is number {i}.\n\n");
    let _ = write!(
        t,
        "{label}: Thank you. We will talk about port security and the ferry tariffs. {}\n\n",
        rng.sentence(20)
    );
    while t.len() < bytes {
        let _ = write!(t, "Q: {}\n\n", rng.sentence(12));
        let _ = write!(t, "{label}: {} {}\n\n", rng.sentence(30), rng.sentence(25));
        if rng.next().is_multiple_of(4) {
            let _ = write!(t, "SENIOR ADMINISTRATION OFFICIAL: {}\n\n", rng.sentence(20));
        }
    }
    let _ = writeln!(t, "{label}: Thank you all. Briefing marker b{i}x.");
    t
}

/// A news story of about `bytes` bytes that quotes a briefer by full name,
/// then by surname; every fifth story quotes the look-alike Louis Jean-Pierre instead.
pub fn story(i: usize, bytes: usize) -> String {
    let mut rng = Rng(i as u64 + 7_000_000);
    let (full, surname) = if i % 5 == 4 {
        ("Louis Jean-Pierre", "Jean-Pierre")
    } else {
        let (_, full, surname) = BRIEFERS[(i / 2) % BRIEFERS.len()];
        (full, surname)
    };
    let mut t = format!("---\ntitle: \"Harbour story {i}\"\ndate: {}\nsource: Tidewater Gazette\n---\n\n", date(i + 3));
    let _ = write!(t, "{}\n\n", rng.sentence(30));
    let _ = write!(t, "“We will keep the quay open through the storm season,” {full} said on Tuesday.\n\n");
    while t.len() < bytes {
        let _ = write!(t, "{}\n\n", rng.sentence(40));
        let _ = write!(t, "“{}” {surname} said.\n\n", rng.sentence(18));
    }
    let _ = writeln!(t, "Story marker s{i}x.");
    t
}

/// Writes `count` articles of about `bytes` bytes each under `root`: two
/// stories for every briefing, in folders of a hundred.
pub fn write_library(root: &Path, count: usize, bytes: usize) -> std::io::Result<()> {
    for i in 0..count {
        let folder = root.join(format!("{:03}", i / 100));
        std::fs::create_dir_all(&folder)?;
        if i % 3 == 0 {
            std::fs::write(folder.join(format!("briefing-{i:05}.md")), briefing(i, bytes))?;
        } else {
            std::fs::write(folder.join(format!("story-{i:05}.md")), story(i, bytes))?;
        }
    }
    Ok(())
}
