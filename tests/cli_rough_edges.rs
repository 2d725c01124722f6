//! Rough edges a new user meets on the command line: mistyped commands,
//! option order, missing files, empty folders, `show --speaker`'s heading,
//! and the layout of corrections written to a sidecar.

mod common;

use common::{gloss, repo, stderr, stdout};

const PRESS_CALL: &str = "assets/press-call-port-security.txt";

#[test]
fn an_unknown_first_word_suggests_the_nearest_command() {
    let dir = tempfile::tempdir().unwrap();
    for (typed, nearest) in [("lsit", "list"), ("shwo", "show"), ("speaker", "speakers"), ("chek", "check")] {
        for args in [vec![typed], vec![typed, "x"], vec!["--config", "c.toml", typed]] {
            let out = gloss(dir.path(), &args);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
            assert!(stderr(&out).contains(&format!("did you mean `gloss {nearest}`?")), "{args:?}: {}", stderr(&out));
        }
    }
    // A word that names a folder is opened (here, listed: not a terminal), never corrected.
    std::fs::create_dir(dir.path().join("lsit")).unwrap();
    let out = gloss(dir.path(), &["lsit"]);
    assert!(!stderr(&out).contains("did you mean"), "{}", stderr(&out));
}

#[test]
fn the_config_option_may_come_before_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[reader]\nmax_width = 70\n").unwrap();
    let assets = repo().join("assets");
    let out = gloss(&repo(), &["--config", config.to_str().unwrap(), "list", assets.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("press-call-port-security.txt"));
    let after = gloss(&repo(), &["list", assets.to_str().unwrap(), "--config", config.to_str().unwrap()]);
    assert_eq!(stdout(&after), stdout(&out));
    // A path and a command together is still an error, said plainly.
    let both = gloss(&repo(), &["assets", "list"]);
    assert!(!both.status.success());
}

#[test]
fn every_missing_file_gets_the_same_short_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let commands: [&[&str]; 9] = [
        &["nope.txt"],
        &["show", "nope.txt"],
        &["show", "--speaker", "Q", "nope.txt"],
        &["speakers", "nope.txt"],
        &["list", "nope.txt"],
        &["check", "nope.txt"],
        &["annotations", "list", "nope.txt"],
        &["annotations", "add", "nope.txt", "--quote", "x"],
        &["annotations", "export", "nope.txt", "--format", "md"],
    ];
    for args in commands {
        let out = gloss(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr(&out), "gloss: nope.txt: no such file or folder\n", "{args:?}");
    }
}

#[test]
fn an_empty_folder_names_every_format_gloss_reads() {
    let dir = tempfile::tempdir().unwrap();
    let out = gloss(dir.path(), &["list", "."]);
    let message = stderr(&out);
    for extension in [".txt", ".md", ".html", ".srt", ".vtt"] {
        assert!(message.contains(extension), "{message}");
    }
}

#[test]
fn show_for_one_speaker_wraps_the_title_and_keeps_the_date_line() {
    for width in [24usize, 40] {
        let out = gloss(&repo(), &["show", "--width", &width.to_string(), "--speaker", "moderator", PRESS_CALL]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        let whole = gloss(&repo(), &["show", "--width", &width.to_string(), PRESS_CALL]);
        let whole = stdout(&whole);
        let heading: Vec<&str> = whole.lines().take_while(|l| !l.is_empty()).collect();
        assert!(heading.len() > 2, "a long title wraps: {heading:?}");
        assert!(heading.iter().any(|l| l.contains("2025-03-03")), "{heading:?}");
        assert!(text.lines().take(heading.len()).eq(heading.iter().copied()), "same heading as show:\n{text}");
        for line in text.lines() {
            assert!(gloss::text::display_width(line) <= width, "{line:?} wider than {width}");
        }
    }
}

#[test]
fn corrections_are_spaced_like_the_rest_of_the_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join(PRESS_CALL), dir.path().join("call.txt")).unwrap();
    let add = gloss(dir.path(), &["annotations", "add", "call.txt", "--quote", "a 24-hour window", "--note", "n"]);
    assert!(add.status.success(), "{}", stderr(&add));
    for args in [["--merge", "Q", "Moderator"], ["--rename", "Moderator", "Host"], ["--merge", "Lena Marsh", "Host"]] {
        let out = gloss(dir.path(), &[&["speakers", "call.txt"][..], &args[..]].concat());
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let text = std::fs::read_to_string(dir.path().join("annotations/call.txt.toml")).unwrap();
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.starts_with('[') {
            assert_eq!(text.lines().nth(i - 1), Some(""), "a blank line before {line:?}:\n{text}");
        }
    }
    assert!(text.ends_with("\"\n") && !text.ends_with("\n\n"), "{text}");
}
