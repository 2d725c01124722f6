//! Standard input as an article: `gloss show -`, `gloss speakers -`,
//! `gloss -` and `cmd | gloss`, fed through a real pipe.

mod common;
#[path = "common/pdf.rs"]
mod pdf;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use common::{repo, terminal_hazards};

/// Runs gloss in the repository with `input` piped to its standard input.
fn piped(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Written from a thread: a big input must not block on a full pipe while gloss waits.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn text(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(terminal_hazards(&text).is_empty(), "{text:?}");
    text
}

const TALK: &str =
    "HOST: Welcome back to the harbour hour.\n\nGUEST: Thanks, 港の話 🎙 is my favourite.\n\nHOST: Let us begin.\n";

#[test]
fn every_way_of_reading_standard_input_gets_the_text() {
    for args in [&["show", "-"][..], &["-"], &[]] {
        let shown = text(&piped(args, TALK.as_bytes()));
        assert!(shown.contains("港の話 🎙 is my favourite"), "{args:?}: {shown}");
        assert!(shown.starts_with("standard input\n"), "{args:?}: {shown}");
    }
}

#[test]
fn speakers_of_standard_input() {
    let out = text(&piped(&["speakers", "--json", "-"], TALK.as_bytes()));
    // One article's record (docs/json.md): its speakers inside it.
    let record: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(record["path"], "standard input");
    let names: Vec<&str> = record["speakers"].as_array().unwrap().iter().filter_map(|r| r["name"].as_str()).collect();
    assert_eq!(names, ["Host", "Guest"]);
}

#[test]
fn the_format_of_standard_input_is_sniffed() {
    let cases: &[(&[u8], &str)] = &[
        (
            b"<!DOCTYPE html><html><body><article><p>Harbour fees rise.</p></article></body></html>",
            "Harbour fees rise.",
        ),
        (b"WEBVTT\n\n00:00.000 --> 00:02.000\n<v Mira>Good evening.\n", "Good evening."),
        (b"1\n00:00:01,000 --> 00:00:02,000\nCaptions from SRT\n", "Captions from SRT"),
    ];
    for (input, want) in cases {
        let shown = text(&piped(&["show", "-"], input));
        assert!(shown.contains(want), "{shown}");
        assert!(!shown.contains("-->") && !shown.contains('<'), "{shown}");
    }
    let pdf = pdf::text_pdf(&[vec![pdf::run(72.0, 700.0, "CLERK: All rise.")]]);
    assert!(text(&piped(&["show", "-"], &pdf)).contains("CLERK: All rise."));
}

#[test]
fn corrections_on_standard_input_are_refused_with_a_reason() {
    let out = piped(&["speakers", "-", "--rename", "HOST", "Mira"], TALK.as_bytes());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("standard input has no file"), "{err}");
}

#[test]
fn no_input_at_all_still_lists_the_library() {
    // What scripts and CI give a command: /dev/null, not a pipe. gloss lists the library as before.
    let out = Command::new(env!("CARGO_BIN_EXE_gloss")).current_dir(repo()).stdin(Stdio::null()).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("TITLE"), "{}", String::from_utf8_lossy(&out.stdout));
}
