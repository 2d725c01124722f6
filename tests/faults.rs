//! Faults that are cheap enough for CI (issue #9); `scripts/faults.sh`
//! injects the rest (disk full, failed fsync and rename, read-only folder)
//! and `scripts/kill-during-save.sh` kills saves a thousand times.

mod common;

use gloss::sidecar::Sidecar;

fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let words: Vec<String> = (0..200).map(|i| format!("word{i}")).collect();
    std::fs::write(dir.path().join("a.txt"), format!("Harbour Report\n\n{}\n", words.join(" "))).unwrap();
    dir
}

fn add(dir: &std::path::Path, quote: &str) -> std::process::Output {
    common::gloss(dir, &["annotations", "add", "a.txt", "--quote", quote, "--note", "n"])
}

fn notes(dir: &std::path::Path) -> usize {
    Sidecar::load(&dir.join("annotations/a.txt.toml")).unwrap().unwrap().annotations().unwrap().len()
}

#[test]
fn two_processes_adding_notes_at_once_keep_the_union() {
    let dir = library();
    std::thread::scope(|scope| {
        for parity in 0..2 {
            let dir = dir.path();
            scope.spawn(move || {
                for i in (parity..40).step_by(2) {
                    let out = add(dir, &format!("word{i} "));
                    assert!(out.status.success(), "{}", common::stderr(&out));
                }
            });
        }
    });
    assert_eq!(notes(dir.path()), 40, "every note of both writers survives");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("annotations"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".gloss-tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[cfg(unix)]
#[test]
fn a_read_only_sidecar_is_left_intact_with_a_clear_message_and_a_retry_works() {
    use std::os::unix::fs::PermissionsExt;
    let dir = library();
    assert!(add(dir.path(), "word1 ").status.success());
    let path = dir.path().join("annotations/a.txt.toml");
    let before = std::fs::read(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = add(dir.path(), "word2 ");
    assert!(!out.status.success());
    assert!(common::stderr(&out).contains("a.txt.toml: the file is read-only"), "{}", common::stderr(&out));
    assert_eq!(std::fs::read(&path).unwrap(), before, "the previous file is intact");
    // The TUI's save path reports the same and keeps the notes for a retry.
    let location = common::app::location(dir.path());
    let mut mine = Sidecar::load(&path).unwrap().unwrap().annotations().unwrap();
    let base = mine.clone();
    mine[0].note = "changed".into();
    let context = gloss::session::SaveContext { title: "T", position: Some(0), fingerprint: "" };
    let article = dir.path().join("a.txt");
    let err = gloss::session::save(&location, &article, (&base, &mine), context).unwrap_err().to_string();
    assert!(err.contains("read-only"), "{err}");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let saved = gloss::session::save(&location, &article, (&base, &mine), context).unwrap();
    assert_eq!(saved[0].note, "changed", "the retry saves the kept change");
}

#[cfg(unix)]
#[test]
fn a_sidecar_that_links_outside_the_folder_is_never_written_through() {
    let dir = library();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("victim.toml");
    std::fs::write(&target, "schema = 1\n").unwrap();
    std::fs::create_dir(dir.path().join("annotations")).unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("annotations/a.txt.toml")).unwrap();
    let out = add(dir.path(), "word3 ");
    assert!(!out.status.success());
    assert!(
        common::stderr(&out).contains("is a symbolic link; gloss never writes through one"),
        "{}",
        common::stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "schema = 1\n");
    assert!(std::fs::symlink_metadata(dir.path().join("annotations/a.txt.toml")).unwrap().file_type().is_symlink());
}

#[test]
fn an_article_deleted_renamed_or_replaced_while_open_keeps_its_notes() {
    let dir = library();
    let (mut state, location) = common::app::app(dir.path(), (100, 30));
    common::app::act(&mut state, &location, gloss::app::Action::Clock("2026-11-23T12:00:00Z".into(), 3));
    common::app::open(&mut state, &location, "a.txt");
    let article = dir.path().join("a.txt");
    // Deleted while open: a highlight still saves to its sidecar.
    std::fs::remove_file(&article).unwrap();
    state.reader.as_mut().unwrap().cursor = state.reader.as_ref().unwrap().doc.text.find("word5 ").unwrap();
    common::app::keys(&mut state, &location, "v e enter");
    assert_eq!(notes(dir.path()), 1, "saved although the article is gone");
    // Replaced by other text: reopening finds the note needing review, never a panic.
    std::fs::write(&article, "Other\n\nNothing in common.\n").unwrap();
    let loaded = gloss::perform::load(&location, article.clone());
    assert!(loaded.result.is_ok());
    assert_eq!(loaded.notes.unwrap().len(), 1, "the note is kept");
    // Renamed: the old path no longer loads, with a message naming it.
    std::fs::rename(&article, dir.path().join("b.txt")).unwrap();
    let loaded = gloss::perform::load(&location, article);
    assert!(loaded.result.as_ref().unwrap_err().contains("a.txt"));
}
