//! `gloss annotations` and `gloss check` through the real binary: add, list,
//! export, re-anchor after edits, re-link after a rename, and the exit codes.

mod common;

use std::path::Path;

use common::{gloss, stderr, stdout};

const ARTICLE: &str = "Harbour Notes\n\nMODERATOR:  Good morning from Rotterdam, where the cranes are busy.\nQ  Will the scanners arrive before the spring tide? 港の話も。\nMODERATOR:  They arrive in March, and the pilots have been told.\n";

fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("harbour.txt"), ARTICLE).unwrap();
    dir
}

fn add(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["annotations", "add", "harbour.txt"];
    all.extend_from_slice(args);
    let out = gloss(dir, &all);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out).trim().to_owned()
}

#[test]
fn add_list_and_the_sidecar_on_disk() {
    let dir = library();
    assert!(!dir.path().join("annotations").exists(), "no sidecar for an article without notes");
    let id = add(
        dir.path(),
        &[
            "--quote",
            "the cranes are busy",
            "--note",
            "Busy how?\nCount them.",
            "--color",
            "green",
            "--tag",
            "ports",
            "--tag",
            "港",
        ],
    );
    let sidecar = std::fs::read_to_string(dir.path().join("annotations/harbour.txt.toml")).unwrap();
    for expected in [
        &format!("id = \"{id}\""),
        "colour = \"green\"",
        "tags = [\"ports\", \"港\"]",
        "speaker = \"Moderator\"",
        "quote = \"the cranes are busy\"",
        "Busy how?\nCount them.",
        "fingerprint = ",
    ] {
        assert!(sidecar.contains(expected), "{expected:?} missing from\n{sidecar}");
    }
    let listed = stdout(&gloss(dir.path(), &["annotations", "list", "harbour.txt"]));
    assert!(listed.contains("exact") && listed.contains("Moderator: “the cranes are busy”"), "{listed}");
    let json: serde_json::Value =
        serde_json::from_slice(&gloss(dir.path(), &["annotations", "list", "harbour.txt", "--json"]).stdout).unwrap();
    assert_eq!(json["annotations"][0]["status"], "exact");
}

#[test]
fn quotes_must_occur_and_ambiguous_ones_need_an_occurrence() {
    let dir = library();
    let out = gloss(dir.path(), &["annotations", "add", "harbour.txt", "--quote", "submarine"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("harbour.txt: cannot annotate: the quote does not occur"), "{}", stderr(&out));
    let out = gloss(dir.path(), &["annotations", "add", "harbour.txt", "--quote", "MODERATOR"]);
    assert!(stderr(&out).contains("occurs 2 times"), "{}", stderr(&out));
    add(dir.path(), &["--quote", "MODERATOR", "--occurrence", "2"]);
    let out = gloss(dir.path(), &["annotations", "add", "harbour.txt", "--quote", "the", "--color", "mauve"]);
    assert_eq!(out.status.code(), Some(1), "a bad colour is refused");
    assert!(stderr(&out).contains("no colour called \"mauve\" (colours: yellow ("), "{}", stderr(&out));
}

#[test]
fn exports_in_every_format() {
    let dir = library();
    add(dir.path(), &["--quote", "the cranes are busy", "--note", "a, \"quoted\" note", "--color", "pink"]);
    add(dir.path(), &["--quote", "before the spring tide", "--color", "blue"]);
    let md = stdout(&gloss(dir.path(), &["annotations", "export", "harbour.txt", "--format", "md"]));
    assert!(
        md.starts_with("# Harbour Notes")
            && md.contains("> the cranes are busy")
            && md.contains("**Moderator** · pink"),
        "{md}"
    );
    let memo = stdout(&gloss(dir.path(), &["annotations", "export", "harbour.txt"]));
    assert_eq!(memo, md, "without --format the export is the Markdown memo");
    let full = stdout(&gloss(dir.path(), &["annotations", "export", ".", "--format", "md", "--full"]));
    assert!(
        full.contains("==the cranes are busy==[^1]")
            && full.contains("[^1]: **Moderator** · pink")
            && full.contains("    a, \"quoted\" note"),
        "{full}"
    );
    let csv = stdout(&gloss(dir.path(), &["annotations", "export", "harbour.txt", "--format", "csv"]));
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(csv.contains("\"a, \"\"quoted\"\" note\""), "{csv}");
    let w3c: serde_json::Value =
        serde_json::from_slice(&gloss(dir.path(), &["annotations", "export", "harbour.txt", "--format", "w3c"]).stdout)
            .unwrap();
    let first = &w3c[0]["first"]["items"][0];
    assert_eq!(first["type"], "Annotation");
    assert_eq!(first["target"]["selector"][0]["type"], "TextQuoteSelector");
    assert_eq!(first["target"]["selector"][1]["type"], "TextPositionSelector");
    let only_pink =
        stdout(&gloss(dir.path(), &["annotations", "export", "harbour.txt", "--format", "csv", "--color", "pink"]));
    assert_eq!(only_pink.lines().count(), 2);
    let by_speaker = stdout(&gloss(
        dir.path(),
        &["annotations", "export", "harbour.txt", "--format", "csv", "--speaker", "moderator"],
    ));
    assert_eq!(by_speaker.lines().count(), 2, "{by_speaker}");
}

#[test]
fn check_reanchors_after_edits_and_flags_deleted_passages() {
    let dir = library();
    add(dir.path(), &["--quote", "the cranes are busy"]);
    add(dir.path(), &["--quote", "the pilots have been told"]);
    let out = gloss(dir.path(), &["check"]);
    assert!(out.status.success(), "{}", stdout(&out));
    // Edit: text added before the first note, the second note's passage deleted.
    let edited =
        ARTICLE.replace("Good morning", "Hello and good morning").replace(", and the pilots have been told", "");
    std::fs::write(dir.path().join("harbour.txt"), edited).unwrap();
    let out = gloss(dir.path(), &["check"]);
    let report = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(report.contains("(0 exact, 1 moved, 0 fuzzy, 1 need review)"), "{report}");
    assert!(report.contains("needs review:") && report.contains("the pilots have been told"), "{report}");
    // The orphan is still in the sidecar: never dropped.
    let sidecar = std::fs::read_to_string(dir.path().join("annotations/harbour.txt.toml")).unwrap();
    assert!(sidecar.contains("the pilots have been told"));
}

#[test]
fn a_renamed_article_gets_its_sidecar_back() {
    let dir = library();
    add(dir.path(), &["--quote", "the cranes are busy"]);
    std::fs::create_dir(dir.path().join("2025")).unwrap();
    std::fs::rename(dir.path().join("harbour.txt"), dir.path().join("2025/harbour-notes.txt")).unwrap();
    let report = stdout(&gloss(dir.path(), &["check"]));
    assert!(report.contains("re-linked") && report.contains("harbour-notes.txt"), "{report}");
    let moved = dir.path().join("annotations/2025/harbour-notes.txt.toml");
    assert!(std::fs::read_to_string(&moved).unwrap().contains("article = \"2025/harbour-notes.txt\""));
    let out = gloss(dir.path(), &["check"]);
    assert!(out.status.success(), "{}", stdout(&out));
}

#[test]
fn a_broken_sidecar_is_reported_with_line_and_column_and_left_alone() {
    let dir = library();
    std::fs::create_dir(dir.path().join("annotations")).unwrap();
    let broken = "schema = 1\n[[annotation]\nid = \"x\"\n";
    std::fs::write(dir.path().join("annotations/harbour.txt.toml"), broken).unwrap();
    let out = gloss(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("harbour.txt.toml:2:"), "{}", stdout(&out));
    let out = gloss(dir.path(), &["annotations", "add", "harbour.txt", "--quote", "the cranes are busy"]);
    assert_eq!(out.status.code(), Some(1), "no note is added over a file that does not parse");
    assert_eq!(std::fs::read_to_string(dir.path().join("annotations/harbour.txt.toml")).unwrap(), broken);
}

#[test]
fn a_note_added_from_the_command_line_names_the_corrected_speaker() {
    // The reader stamps a note with the speaker as corrected in the sidecar;
    // `annotations add` opens the article through the same session, so it does too.
    let dir = library();
    let out = gloss(dir.path(), &["speakers", "harbour.txt", "--rename", "Moderator", "Ilse Varkonyi"]);
    assert!(out.status.success(), "{}", stderr(&out));
    add(dir.path(), &["--quote", "They arrive in March"]);
    let out = gloss(dir.path(), &["annotations", "list", "harbour.txt", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let speakers: Vec<&str> =
        list["annotations"].as_array().unwrap().iter().filter_map(|a| a["speaker"].as_str()).collect();
    assert_eq!(speakers, ["Ilse Varkonyi"], "{list}");
}
