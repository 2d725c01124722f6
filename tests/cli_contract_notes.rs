//! The command line's contract for notes and speakers: corrections that are
//! refused or compose, one `--speaker` rule, quotes matched as the reader
//! shows them, exports a person would send (Markdown, CSV) that never act on
//! a terminal, and the same shape of error in every command.

mod common;

use std::path::Path;

use common::{fixture, gloss, stderr, stdout, terminal_hazards};
use serde_json::Value;

/// Invented: a hearing with hard-wrapped lines, curly quotes, a no-break space and double spaces.
const HEARING: &str = "Ferry Board Hearing\n\nMarch 3, 2025\n\nCHAIR LINDQVIST:  Good evening.  The board will hear the\nferry timetable first, then the \u{201c}winter\u{a0}plan\u{201d} after.\n\nMR. OKONJO:  Thank you, Chair.  The ferry runs twice a day 港 🚢.\n\nMS. OKAFOR:  And the harbour master wants a third run.\n\nCHAIR LINDQVIST:  Noted.  We adjourn.\n";

fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hearing.txt"), HEARING).unwrap();
    dir
}

fn run_ok(dir: &Path, args: &[&str]) -> String {
    let out = gloss(dir, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn add(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["annotations", "add", "hearing.txt"];
    all.extend_from_slice(args);
    run_ok(dir, &all).trim().to_owned()
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&run_ok(dir, args)).unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let speakers = json(dir, &["speakers", "--json", "hearing.txt"]);
    speakers["speakers"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn invalid_corrections_are_refused_and_nothing_is_saved() {
    let dir = library();
    for bad in [
        vec!["speakers", "hearing.txt", "--merge", "Nobody", "Chair Lindqvist"],
        vec!["speakers", "hearing.txt", "--rename", "Nobody", "Someone"],
        vec!["speakers", "hearing.txt", "--reassign", "999999", "Mr. Okonjo"],
    ] {
        let out = gloss(dir.path(), &bad);
        assert_eq!(out.status.code(), Some(1), "{bad:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("hearing.txt: corrections refused, nothing saved"), "{}", stderr(&out));
        assert!(!dir.path().join("annotations").exists(), "{bad:?} left a sidecar");
    }
    // Later commands stay quiet: no bad entry was kept.
    let out = gloss(dir.path(), &["speakers", "hearing.txt"]);
    assert!(out.status.success() && stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn corrections_compose_in_the_order_they_were_made() {
    let dir = library();
    run_ok(dir.path(), &["speakers", "hearing.txt", "--rename", "Mr. Okonjo", "Tunde Okonjo"]);
    let out = gloss(dir.path(), &["speakers", "hearing.txt", "--merge", "Ms. Okafor", "Tunde Okonjo"]);
    assert!(out.status.success() && !stderr(&out).contains("no such speaker"), "{}", stderr(&out));
    let now = names(dir.path());
    assert!(now.contains(&"Tunde Okonjo".to_owned()) && !now.iter().any(|n| n.contains("Okafor")), "{now:?}");
}

#[test]
fn one_speaker_rule_and_notes_follow_corrections() {
    let dir = library();
    add(dir.path(), &["--quote", "The ferry runs twice a day", "--color", "green"]);
    run_ok(dir.path(), &["speakers", "hearing.txt", "--rename", "Mr. Okonjo", "Tunde Okonjo"]);
    run_ok(dir.path(), &["speakers", "hearing.txt", "--rename", "Ms. Okafor", "Ada Okonjo"]);
    // "Okonjo" is a whole word of two names now: ambiguous, and both are listed, in every command.
    for args in [
        vec!["show", "hearing.txt", "--speaker", "okonjo"],
        vec!["show", "--json", "hearing.txt", "--speaker", "okonjo"],
        vec!["annotations", "export", "hearing.txt", "--format", "csv", "--speaker", "okonjo"],
    ] {
        let out = gloss(dir.path(), &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("could be several speakers") && err.contains("Tunde Okonjo") && err.contains("Ada Okonjo"),
            "{err}"
        );
    }
    // The note stamped "Mr. Okonjo" is Tunde Okonjo's now: selected and named so.
    let export = json(dir.path(), &["annotations", "export", "hearing.txt", "--format", "json", "--speaker", "tunde"]);
    assert_eq!(export[0]["annotations"][0]["speaker"], "Tunde Okonjo", "{export}");
    let md = run_ok(dir.path(), &["annotations", "export", "hearing.txt", "--format", "md", "--full"]);
    assert!(md.contains("**Tunde Okonjo**"), "reporters' names, not their labels: {md}");
    // A new note is stamped with the corrected name.
    add(dir.path(), &["--quote", "the harbour master wants a third run"]);
    let listed = json(dir.path(), &["annotations", "list", "--json", "hearing.txt"]);
    let speakers: Vec<&str> =
        listed["annotations"].as_array().unwrap().iter().filter_map(|a| a["speaker"].as_str()).collect();
    assert_eq!(speakers, ["Tunde Okonjo", "Ada Okonjo"]);
}

#[test]
fn quotes_match_as_the_reader_shows_them_and_keep_the_articles_text() {
    let dir = library();
    for quote in ["hear the ferry timetable first", "the \"winter plan\" after", "Thank you, Chair. The ferry"] {
        add(dir.path(), &["--quote", quote]);
    }
    let listed = json(dir.path(), &["annotations", "list", "--json", "hearing.txt"]);
    let quotes: Vec<&str> =
        listed["annotations"].as_array().unwrap().iter().map(|a| a["quote"].as_str().unwrap()).collect();
    assert_eq!(
        quotes,
        [
            "hear the\nferry timetable first",
            "the \u{201c}winter\u{a0}plan\u{201d} after",
            "Thank you, Chair.  The ferry"
        ]
    );
    assert!(listed["annotations"].as_array().unwrap().iter().all(|a| a["status"] == "exact"));
}

#[test]
fn colour_meanings_in_every_export_and_accepted_by_color() {
    let dir = library();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[highlights]\nblue = \"check this\"\ngreen = \"港 agreed\"\n").unwrap();
    let conf = config.to_str().unwrap();
    let out = gloss(
        dir.path(),
        &["annotations", "add", "hearing.txt", "--quote", "We adjourn", "--color", "Check This", "--config", conf],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let export = |format: &str, extra: &[&str]| {
        let mut args = vec!["annotations", "export", "hearing.txt", "--config", conf, "--format", format];
        args.extend_from_slice(extra);
        run_ok(dir.path(), &args)
    };
    assert!(export("md", &[]).contains("blue (check this)"));
    assert!(export("md", &["--full"]).contains("blue (check this)"));
    assert!(export("csv", &[]).contains(",blue,check this,"));
    assert!(export("json", &["--color", "check this"]).contains("\"color_meaning\": \"check this\""));
    let out = gloss(
        dir.path(),
        &["annotations", "export", "hearing.txt", "--config", conf, "--format", "md", "--color", "港 agreed"],
    );
    assert_eq!(out.status.code(), Some(1), "green means 港 agreed; no green notes");
    assert!(stderr(&out).contains("nothing to export"), "{}", stderr(&out));
}

#[test]
fn markdown_exports_a_person_would_send() {
    let dir = library();
    add(
        dir.path(),
        &[
            "--quote",
            "Good evening",
            "--note",
            "First line.\n\tIndented second line.",
            "--tag",
            "港",
            "--color",
            "pink",
        ],
    );
    add(dir.path(), &["--quote", "We adjourn", "--note", "Short."]);
    let md = run_ok(dir.path(), &["annotations", "export", "hearing.txt", "--format", "md"]);
    assert!(md.contains("First line.  \n    Indented second line."), "lines kept, tab as spaces: {md}");
    assert!(!md.contains("^I"), "{md}");
    assert!(!md.trim_end().ends_with("---"), "no trailing separator: {md}");
    assert_eq!(md.matches("\n---\n").count(), 1, "one separator between two notes: {md}");
    let full = run_ok(dir.path(), &["annotations", "export", "hearing.txt", "--format", "md", "--full"]);
    for kept in ["2025-03-03 · hearing.txt", "**Chair Lindqvist** · pink", "#港", "First line.  \n    "] {
        assert!(full.contains(kept), "--full keeps {kept:?}: {full}");
    }
    let out = gloss(dir.path(), &["annotations", "export", "hearing.txt", "--format", "md", "--color", "purple"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty() && stderr(&out).contains("hearing.txt: nothing to export (no notes match --color"));
}

#[test]
fn one_memo_for_a_library_grouped_by_speaker() {
    let dir = library();
    std::fs::create_dir(dir.path().join("more")).unwrap();
    std::fs::write(
        dir.path().join("more/pier.txt"),
        "Pier Notes\n\nMR. OKONJO:  The pier needs paint.\n\nMS. OKAFOR:  Blue paint, please.\n",
    )
    .unwrap();
    add(dir.path(), &["--quote", "The ferry runs twice"]);
    add(dir.path(), &["--quote", "the harbour master"]);
    run_ok(dir.path(), &["annotations", "add", "more/pier.txt", "--quote", "The pier needs paint"]);
    let memo = run_ok(dir.path(), &["annotations", "export", ".", "--format", "MD", "--by", "speaker"]);
    let okonjo = memo.find("## Mr. Okonjo").expect(&memo);
    let okafor = memo.find("## Ms. Okafor").expect(&memo);
    assert!(okonjo < okafor, "people in name order: {memo}");
    let section = &memo[okonjo..];
    let (ferry, pier) = (section.find("### Ferry Board Hearing").unwrap(), section.find("### Pier Notes").unwrap());
    assert!(ferry < pier && section.contains("The pier needs paint"), "{memo}");
}

#[test]
fn csv_for_spreadsheets_and_format_flags() {
    let dir = library();
    add(dir.path(), &["--quote", "Good evening", "--tag", "港", "--tag", "open", "--note", "a, \"quoted\" note"]);
    let csv = run_ok(dir.path(), &["annotations", "export", "hearing.txt", "--format", "CSV"]);
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("path,title,date,source,") && header.contains(",tags,"), "{header}");
    let row = lines.next().unwrap();
    assert!(row.starts_with("hearing.txt,Ferry Board Hearing,2025-03-03,") && row.contains(",港;open,"), "{row}");
    let excel = gloss(dir.path(), &["annotations", "export", "hearing.txt", "--format", "csv", "--excel"]).stdout;
    assert!(excel.starts_with("\u{feff}path,".as_bytes()) && excel.ends_with(b"\r\n"), "BOM and CRLF");
    for bad in [
        vec!["--format", "csv", "--full"],
        vec!["--format", "json", "--excel"],
        vec!["--format", "csv", "--by", "speaker"],
    ] {
        let mut args = vec!["annotations", "export", "hearing.txt"];
        args.extend_from_slice(&bad);
        assert_eq!(gloss(dir.path(), &args).status.code(), Some(2), "{bad:?} is a usage error");
    }
}

#[test]
fn errors_and_empty_results_have_one_shape() {
    let dir = library();
    std::fs::copy(fixture("encoding/png-image.txt"), dir.path().join("image.txt")).unwrap();
    // An unknown speaker: exit 1, `FILE: no speaker called "X"`, in every command.
    for args in [
        vec!["show", "hearing.txt", "--speaker", "Nobody"],
        vec!["show", "--json", "hearing.txt", "--speaker", "Nobody"],
        vec!["annotations", "export", "hearing.txt", "--format", "json", "--speaker", "Nobody"],
    ] {
        add(dir.path(), &["--quote", "We adjourn", "--occurrence", "1"]);
        let out = gloss(dir.path(), &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).starts_with("gloss: hearing.txt: no speaker called \"Nobody\""),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    // A binary file: exit 1, the file named first.
    for args in [vec!["show", "image.txt"], vec!["speakers", "image.txt"], vec!["annotations", "list", "image.txt"]] {
        let out = gloss(dir.path(), &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).starts_with("gloss: image.txt: "), "{args:?}: {}", stderr(&out));
    }
    // Nothing to export: exit 1 in every format; CSV still has its header, JSON is still an array.
    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("bare.txt"), "Bare\n\nNo notes here.\n").unwrap();
    for (format, want) in [("csv", "path,title,"), ("json", "[]"), ("w3c", "[]"), ("md", "")] {
        let out = gloss(empty.path(), &["annotations", "export", "bare.txt", "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert!(stdout(&out).starts_with(want), "{format}: {}", stdout(&out));
        assert!(stderr(&out).contains("gloss: bare.txt: nothing to export (no notes)"), "{}", stderr(&out));
    }
    // A note that cannot be saved says so.
    std::fs::write(dir.path().join("annotations/hearing.txt.toml"), "schema = 1\n[[annotation]\n").unwrap();
    let out = gloss(dir.path(), &["annotations", "add", "hearing.txt", "--quote", "Noted"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("hearing.txt: the note was not saved"), "{}", stderr(&out));
}

#[test]
fn nothing_from_a_note_reaches_the_terminal_raw() {
    let dir = library();
    let hostile = "bell\u{7} esc\u{1b}[2J rtl\u{202e}desrever c1\u{9b}31m";
    add(dir.path(), &["--quote", "Noted", "--note", hostile, "--tag", "t\u{1b}]0;x\u{7}"]);
    for args in [
        vec!["annotations", "export", "hearing.txt", "--format", "csv"],
        vec!["annotations", "export", "hearing.txt", "--format", "md"],
        vec!["annotations", "export", "hearing.txt", "--format", "md", "--full"],
        vec!["annotations", "export", "hearing.txt", "--format", "md", "--by", "speaker"],
        vec!["annotations", "export", "hearing.txt", "--format", "json"],
        vec!["annotations", "export", "hearing.txt", "--format", "w3c"],
        vec!["annotations", "list", "hearing.txt"],
        vec!["annotations", "list", "--json", "hearing.txt"],
    ] {
        let out = run_ok(dir.path(), &args);
        assert!(terminal_hazards(&out).is_empty(), "{args:?}: {:?}", terminal_hazards(&out));
    }
    let json = run_ok(dir.path(), &["annotations", "list", "--json", "hearing.txt"]);
    assert!(json.contains("\\u001b") && json.contains("\\u202e"), "JSON escapes them: {json}");
    let parsed: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed["annotations"][0]["note"], hostile, "and keeps the note exact");
}

#[test]
fn exports_give_where_each_passage_is_now() {
    let dir = library();
    add(dir.path(), &["--quote", "We adjourn"]);
    let edited = HEARING.replace("Good evening.", "Good evening, and welcome to a long and careful hearing.");
    std::fs::write(dir.path().join("hearing.txt"), &edited).unwrap();
    let show = json(dir.path(), &["show", "--json", "hearing.txt"]);
    let text = show["text"].as_str().unwrap();
    let now = text.find("We adjourn").unwrap();
    let export = json(dir.path(), &["annotations", "export", "hearing.txt", "--format", "json"]);
    let note = &export[0]["annotations"][0];
    assert_eq!(note["start"].as_u64(), Some(now as u64), "{note}");
    assert!(note["stored_start"].as_u64() < Some(now as u64), "{note}");
    let csv = run_ok(dir.path(), &["annotations", "export", "hearing.txt", "--format", "csv"]);
    assert!(csv.contains(&format!(",{now},{},", now + "We adjourn".len())), "{csv}");
}
