//! `gloss people` and `gloss search` on a generated library: the same people
//! under different name forms, a look-alike who stays apart, filters,
//! corrections that survive, and an index that survives damage and a crash
//! in the middle of an update.

#[path = "../benches/people_corpus.rs"]
mod corpus;

use std::path::Path;
use std::process::{Command, Output};

fn gloss(cwd: &Path, cache: &Path, args: &[&str], extra: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gloss"));
    command.current_dir(cwd).args(args).env("GLOSS_INDEX_DIR", cache).env("NO_COLOR", "1");
    for (k, v) in extra {
        command.env(k, v);
    }
    command.output().expect("run gloss")
}

fn text(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn library(articles: usize) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    corpus::write_library(&lib, articles, 2_500).unwrap();
    let cache = dir.path().join("cache");
    (dir, lib, cache)
}

#[test]
fn people_are_merged_across_name_forms_and_the_look_alike_stays_apart() {
    let (_dir, lib, cache) = library(30);
    let out = gloss(&lib, &cache, &["people", "--json"], &[]);
    let people: serde_json::Value = serde_json::from_str(&text(&out)).unwrap();
    let find = |name: &str| people.as_array().unwrap().iter().find(|p| p["name"] == name).cloned();
    let kjp = find("Karine Jean-Pierre").expect("one Karine Jean-Pierre");
    assert_eq!(kjp["schema"], 1, "people records follow the JSON contract");
    let aliases = kjp["aliases"].to_string();
    assert!(aliases.contains("Ms. Jean-Pierre") && !aliases.contains("Louis"), "{aliases}");
    assert_eq!(kjp["first"], "2025-01-01");
    let louis = find("Louis Jean-Pierre").expect("the look-alike");
    assert_eq!(louis["articles"], 4);
    assert!(find("Moderator").is_none(), "roles are not people");
    assert!(find("Q").is_none());
    // The table: one row per person, and the index was built with progress on stderr.
    let out = gloss(&lib, &cache, &["people"], &[]);
    let table = text(&out);
    assert_eq!(table.lines().filter(|l| l.starts_with("Karine Jean-Pierre ")).count(), 1, "{table}");
    assert_eq!(table.lines().count(), 5, "{table}");
}

#[test]
fn corrections_are_saved_applied_and_kept() {
    let (_dir, lib, cache) = library(15);
    let out = gloss(&lib, &cache, &["people", "--merge", "Tomasz Okafor", "Marit Solvang-Reyes"], &[]);
    let table = text(&out);
    assert!(!table.contains("Tomasz Okafor "), "{table}");
    let saved = std::fs::read_to_string(lib.join("annotations/people.toml")).unwrap();
    assert!(saved.contains("[[merge]]") && saved.contains("Tomasz Okafor"), "{saved}");
    let out = gloss(&lib, &cache, &["people", "--rename", "Karine Jean-Pierre", "KJP 🌊"], &[]);
    let table = text(&out);
    assert!(table.contains("KJP 🌊") && !table.contains("Tomasz Okafor "), "both corrections apply: {table}");
    // A correction naming nobody is reported, and kept in the file.
    let out = gloss(&lib, &cache, &["people", "--merge", "Nobody", "KJP 🌊"], &[]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("Nobody"));
    assert!(std::fs::read_to_string(lib.join("annotations/people.toml")).unwrap().contains("Nobody"));
    // The corrections file is not an article, and `gloss check` does not trip on it.
    let out = gloss(&lib, &cache, &["check"], &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn search_finds_ranks_filters_and_highlights() {
    let (_dir, lib, cache) = library(30);
    let json = |q: &str| -> Vec<serde_json::Value> {
        let out = gloss(&lib, &cache, &["search", q, "--json", "--limit", "100"], &[]);
        serde_json::from_str::<serde_json::Value>(&text(&out)).unwrap().as_array().unwrap().clone()
    };
    assert_eq!(json("\"port security\"").len(), 10);
    let hers = json("quay speaker:\"Karine Jean-Pierre\"");
    assert!(!hers.is_empty() && hers.iter().all(|h| h["person"] == "Karine Jean-Pierre"));
    let his = json("quay speaker:\"Louis Jean-Pierre\"");
    assert!(!his.is_empty() && his.iter().all(|h| h["person"] == "Louis Jean-Pierre"));
    let filtered = json("tariff* after:2025-01-05 before:2025-01-12 kind:transcript source:\"Harbour Office\"");
    assert!(!filtered.is_empty());
    for hit in &filtered {
        let date = hit["date"].as_str().unwrap();
        assert!(("2025-01-05"..="2025-01-12").contains(&date), "{date}");
        assert!(hit["path"].as_str().unwrap().contains("briefing"));
        assert_eq!(hit["schema"], 1, "search records follow the JSON contract");
        assert_eq!(hit["offsets"], "utf8-bytes");
    }
    assert!(json("b3x kind:news").is_empty());
    // Text output: date, title, path, speaker; the match marked in the snippet.
    let out = gloss(&lib, &cache, &["search", "b3x"], &[]);
    let shown = text(&out);
    assert!(shown.contains("2025-01-04  Press briefing 3 by Karine Jean-Pierre  000/briefing-00003.md  Ms. Jean-Pierre (Karine Jean-Pierre)"), "{shown}");
    assert!(shown.contains("[b3x]"), "{shown}");
    // Bad queries are errors that say why.
    let out = gloss(&lib, &cache, &["search", "after:March"], &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("2025-03-01"));
}

#[test]
fn the_index_survives_deletion_truncation_and_a_crash_during_commit() {
    let (_dir, lib, cache) = library(12);
    let count = |extra: &[(&str, &str)]| -> (usize, String) {
        let out = gloss(&lib, &cache, &["search", "marker", "--json", "--limit", "100"], extra);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        let hits: serde_json::Value = serde_json::from_str(&text(&out)).unwrap();
        (hits.as_array().unwrap().len(), err)
    };
    assert_eq!(count(&[]).0, 12);
    // A crash between the engine's commit and the manifest: the next run notices and rebuilds.
    std::fs::write(lib.join("000/new.md"), corpus::story(50, 1_000)).unwrap();
    let out = gloss(&lib, &cache, &["search", "marker"], &[("GLOSS_TEST_DIE_AFTER_COMMIT", "1")]);
    assert!(!out.status.success(), "the hook aborts");
    let (n, err) = count(&[]);
    assert_eq!(n, 13);
    assert!(err.contains("rebuilt") && err.contains("interrupted"), "{err}");
    // Every file of the index cut in half.
    let folder = std::fs::read_dir(&cache).unwrap().next().unwrap().unwrap().path();
    for entry in std::fs::read_dir(folder.join("tantivy")).unwrap().flatten() {
        let len = entry.metadata().unwrap().len();
        std::fs::OpenOptions::new().write(true).open(entry.path()).unwrap().set_len(len / 2).unwrap();
    }
    let (n, err) = count(&[]);
    assert_eq!(n, 13);
    assert!(err.contains("rebuilt"), "{err}");
    // The whole cache deleted.
    std::fs::remove_dir_all(&cache).unwrap();
    assert_eq!(count(&[]).0, 13);
}
