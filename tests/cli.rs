//! The real `gloss` binary, as a script would run it.

mod common;

use common::{SEED_NEWS, SEED_TRANSCRIPT, fixture, gloss, repo, seed, stderr, stdout, terminal_hazards};

#[test]
fn show_seed_transcript_starts_with_title_and_drops_boilerplate() {
    let out = gloss(&repo(), &["show", seed(SEED_TRANSCRIPT).to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("U.S. and China Resume Cooperation to Tackle Fentanyl Menace"), "{}", &text[..200]);
    assert!(text.lines().nth(2).unwrap_or_default().contains("2024-01-28") || text.contains("2024-01-28"));
    for chrome in ["Rate this post", "Click on a star", "Vote count", "No votes so far", "Patreon", "Become a patron"] {
        assert!(!text.contains(chrome), "boilerplate {chrome:?} leaked into show output");
    }
    assert!(text.contains("Good morning, everybody."));
    assert!(text.contains("8:23 A.M. EST"), "the closing time belongs to the transcript");
}

#[test]
fn show_seed_news_drops_browser_warning_and_chrome() {
    let out = gloss(&repo(), &["show", seed(SEED_NEWS).to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("U.S. and China hold high-level talks on the fentanyl crisis"));
    assert!(!text.contains("IE 11"));
    assert!(!text.contains("Get more news"));
    assert!(text.contains("Janis Mackey Frayer reported from Beijing"), "the credit line is article text");
}

#[test]
fn show_wraps_by_display_width() {
    for width in ["20", "33", "80"] {
        let out = gloss(&repo(), &["show", "--width", width, seed(SEED_NEWS).to_str().unwrap()]);
        let limit: usize = width.parse().unwrap();
        for line in stdout(&out).lines() {
            assert!(gloss::text::display_width(line) <= limit, "{line:?} wider than {limit}");
        }
    }
    let out = gloss(&repo(), &["show", "--width", "12", fixture("encoding/utf8.txt").to_str().unwrap()]);
    for line in stdout(&out).lines() {
        assert!(gloss::text::display_width(line) <= 12, "{line:?}");
    }
}

#[test]
fn show_json_has_the_documented_shape() {
    let out = gloss(&repo(), &["show", "--json", seed(SEED_NEWS).to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["title"], "U.S. and China hold high-level talks on the fentanyl crisis");
    assert!(json["speakers"].is_array());
    let passages = json["passages"].as_array().unwrap();
    assert!(passages.len() > 10);
    let mut last_end = 0;
    for p in passages {
        let (start, end) = (p["start"].as_u64().unwrap(), p["end"].as_u64().unwrap());
        assert!(start >= last_end && end > start, "passages in document order");
        last_end = end;
        assert!(!p["text"].as_str().unwrap().contains("IE 11"));
    }
}

#[test]
fn encodings_decode_to_the_same_text() {
    let want = stdout(&gloss(&repo(), &["show", fixture("encoding/utf8.txt").to_str().unwrap()]));
    assert!(want.contains("日本語も少し。 👍"));
    for name in ["utf8-bom.txt", "utf16le-bom.txt", "utf16be-bom.txt", "utf16le-nobom.txt"] {
        let out = gloss(&repo(), &["show", fixture(&format!("encoding/{name}")).to_str().unwrap()]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        assert_eq!(stdout(&out), want, "{name}");
    }
}

#[test]
fn bad_files_get_clear_messages_not_panics() {
    let cases: &[(&str, bool, &str)] = &[
        ("encoding/nul-bytes.txt", false, "NUL bytes"),
        ("encoding/png-image.txt", false, "PNG image"),
        ("encoding/invalid-utf8.txt", true, "3 invalid UTF-8 sequences"),
        ("encoding/empty.txt", true, ""),
        ("does-not-exist.txt", false, "no such file or folder"),
    ];
    for (rel, ok, message) in cases {
        let path = fixture(rel);
        let out = gloss(&repo(), &["show", path.to_str().unwrap()]);
        assert_eq!(out.status.success(), *ok, "{rel}: {}", stderr(&out));
        if !ok {
            assert_eq!(out.status.code(), Some(1), "{rel}");
            assert!(
                stderr(&out).contains(path.file_name().unwrap().to_str().unwrap()),
                "{rel}: message names the file"
            );
        }
        assert!(stderr(&out).contains(message), "{rel}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{rel}");
    }
    let out = gloss(&repo(), &["show", fixture("encoding/invalid-utf8.txt").to_str().unwrap()]);
    assert!(stdout(&out).contains("caf\u{FFFD}"));
}

#[test]
fn escape_sequences_never_reach_stdout_raw() {
    for args in [&["show"][..], &["show", "--json"], &["show", "--boilerplate"]] {
        let path = fixture("encoding/escapes.txt");
        let mut all = args.to_vec();
        all.push(path.to_str().unwrap());
        let out = gloss(&repo(), &all);
        assert!(out.status.success());
        let text = stdout(&out);
        assert_eq!(terminal_hazards(&text), Vec::<char>::new(), "{args:?}");
        if !args.contains(&"--json") {
            assert!(text.contains("^[[31mRed"), "ESC shown visibly: {text}");
            assert!(text.contains("⟨U+202E⟩"), "bidi override shown visibly");
            assert!(text.contains("⟨U+009B⟩31m"), "8-bit CSI shown visibly");
        }
    }
    let out = gloss(&repo(), &["list", fixture("encoding").to_str().unwrap()]);
    assert_eq!(terminal_hazards(&stdout(&out)), Vec::<char>::new());
}

#[test]
fn line_endings_tabs_and_overstrike_are_normalised() {
    let out = gloss(&repo(), &["show", fixture("encoding/crlf-tabs.txt").to_str().unwrap()]);
    let text = stdout(&out);
    assert!(!text.contains('\r') && !text.contains('\t'));
    assert!(text.contains("bold"), "{text}");
}

#[test]
fn list_shows_every_bundled_sample_with_title_and_date() {
    let out = gloss(&repo(), &["list", "assets", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let articles: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(articles.len() >= 6, "at least six bundled samples, found {}", articles.len());
    for article in &articles {
        assert!(!article["title"].as_str().unwrap().is_empty(), "{article}");
        // SRT has nowhere to keep a date; every other format does.
        let srt = article["path"]
            .as_str()
            .map(std::path::Path::new)
            .is_some_and(|p| p.extension().is_some_and(|e| e == "srt"));
        assert!(srt || article["date"].is_string(), "every sample has a date: {article}");
        assert!(article["error"].is_null(), "{article}");
    }
    let table = stdout(&gloss(&repo(), &["list", "assets"]));
    assert_eq!(table.lines().count(), articles.len() + 1, "a header and one row per article");
}

#[test]
fn bare_gloss_in_the_repo_opens_the_bundled_library() {
    let bare = stdout(&gloss(&repo(), &["list"]));
    let explicit = stdout(&gloss(&repo(), &["list", "assets"]));
    assert_eq!(bare, explicit);
}

#[test]
fn list_sorts_by_date_newest_first() {
    let out = gloss(&repo(), &["list", "assets", "--json", "--sort", "date"]);
    let articles: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let dates: Vec<&str> = articles.iter().filter_map(|a| a["date"].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

#[test]
fn usage_errors_exit_2_and_help_works_everywhere() {
    assert_eq!(gloss(&repo(), &["show"]).status.code(), Some(2));
    assert_eq!(gloss(&repo(), &["list", "--sort", "nonsense"]).status.code(), Some(2));
    assert_eq!(gloss(&repo(), &["--no-such-flag"]).status.code(), Some(2));
    for args in [&["--help"][..], &["list", "--help"], &["show", "--help"]] {
        let out = gloss(&repo(), args);
        assert!(out.status.success(), "{args:?}");
        assert!(stdout(&out).contains("Usage"), "{args:?}");
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["show", "--width", "20", seed(SEED_TRANSCRIPT).to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}
