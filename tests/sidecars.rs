//! Sidecar fixtures (issue #6) and hostile sidecars (issue #9): each file of
//! `tests/fixtures/sidecars/{valid,invalid}/` is put beside an article and
//! checked with `gloss check` and the loader against `expected.toml`;
//! invalid files are never changed, and notes added meanwhile are refused
//! with the same message rather than written over them. A file with one
//! unreadable note sets that note aside (kept as written) and takes new ones.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use gloss::sidecar::{MAX_SIDECAR_BYTES, Sidecar};

#[derive(serde::Deserialize)]
struct Expected {
    valid: BTreeMap<String, Entry>,
    invalid: BTreeMap<String, Entry>,
}

#[derive(serde::Deserialize)]
struct Entry {
    #[serde(default)]
    notes: usize,
    #[serde(default)]
    message: Option<String>,
    /// Opens (read-only) although it cannot be written.
    #[serde(default)]
    readable: bool,
    /// One note is set aside: the rest load and new notes are saved beside it.
    #[serde(default)]
    set_aside: bool,
}

const ARTICLE: &str = "Harbour Report\n\nThe pilots met at dawn.\n";

fn expected() -> Expected {
    toml::from_str(&std::fs::read_to_string(common::fixture("sidecars/expected.toml")).unwrap()).unwrap()
}

/// A library holding the article, with `sidecar` as its sidecar.
fn library_with(sidecar: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.txt"), ARTICLE).unwrap();
    std::fs::create_dir(dir.path().join("annotations")).unwrap();
    std::fs::write(dir.path().join("annotations/article.txt.toml"), sidecar).unwrap();
    dir
}

fn sidecar_path(dir: &Path) -> std::path::PathBuf {
    dir.join("annotations/article.txt.toml")
}

#[test]
fn every_fixture_is_listed_in_the_manifest() {
    let expected = expected();
    for (folder, listed) in [("valid", &expected.valid), ("invalid", &expected.invalid)] {
        let mut files: Vec<String> = std::fs::read_dir(common::fixture("sidecars").join(folder))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        assert_eq!(files, listed.keys().cloned().collect::<Vec<_>>(), "{folder}");
    }
}

#[test]
fn valid_sidecars_load_with_their_notes() {
    for (name, entry) in expected().valid {
        let bytes = std::fs::read(common::fixture("sidecars/valid").join(&name)).unwrap();
        let dir = library_with(&bytes);
        let out = common::gloss(dir.path(), &["check"]);
        let stdout = common::stdout(&out);
        assert!(out.status.success(), "{name}: {stdout}");
        assert!(stdout.contains(&format!("{} note", entry.notes)), "{name}: {stdout}");
        if let Some(message) = &entry.message {
            assert!(stdout.contains(message.as_str()), "{name}: {stdout}");
        }
        let loaded = Sidecar::load(&sidecar_path(dir.path())).unwrap().unwrap();
        assert_eq!(loaded.annotations().unwrap().len(), entry.notes, "{name}");
        // Adding a note keeps what was there, comments and unknown keys included.
        let out = common::gloss(dir.path(), &["annotations", "add", "article.txt", "--quote", "Harbour"]);
        assert!(out.status.success(), "{name}: {}", common::stderr(&out));
        let after = std::fs::read_to_string(sidecar_path(dir.path())).unwrap();
        for line in String::from_utf8(bytes).unwrap().lines().filter(|l| l.starts_with('#') || l.contains("kept")) {
            assert!(after.contains(line), "{name}: {line:?} kept in\n{after}");
        }
    }
}

#[test]
fn invalid_sidecars_are_named_with_their_problem_and_never_overwritten() {
    for (name, entry) in expected().invalid {
        let bytes = std::fs::read(common::fixture("sidecars/invalid").join(&name)).unwrap();
        let dir = library_with(&bytes);
        let message = entry.message.unwrap();
        let out = common::gloss(dir.path(), &["check"]);
        let stdout = common::stdout(&out);
        assert!(stdout.contains(&message), "{name}: {message:?} not in {stdout}");
        assert!(common::terminal_hazards(&stdout).is_empty(), "{name}: {stdout:?}");
        if entry.set_aside {
            assert!(!out.status.success(), "{name}: a note set aside is to review");
            let sidecar = Sidecar::load(&sidecar_path(dir.path())).unwrap().unwrap();
            assert!(sidecar.annotations().is_ok(), "{name}: the other notes load");
            assert!(sidecar.set_aside().iter().any(|a| a.to_string().contains(&message)), "{name}");
            let out = common::gloss(dir.path(), &["annotations", "add", "article.txt", "--quote", "Harbour"]);
            assert!(out.status.success(), "{name}: {}", common::stderr(&out));
            let after = std::fs::read_to_string(sidecar_path(dir.path())).unwrap();
            let original = String::from_utf8(bytes).unwrap();
            let tables = original.split("[[annotation]]").skip(1).map(str::trim_end);
            for table in tables {
                assert!(after.contains(table), "{name}: kept as written:\n{after}");
            }
            assert!(after.contains("quote = \"Harbour\""), "{name}: the new note is saved beside it:\n{after}");
            continue;
        }
        let loaded = Sidecar::load(&sidecar_path(dir.path())).and_then(|s| s.unwrap().annotations());
        if entry.readable {
            assert!(out.status.success() && loaded.is_ok(), "{name}: opens read-only");
        } else {
            assert!(!out.status.success(), "{name}: check fails");
            assert!(loaded.unwrap_err().to_string().contains(&message), "{name}: the loader says the same");
        }
        let out = common::gloss(dir.path(), &["annotations", "add", "article.txt", "--quote", "Harbour"]);
        assert!(!out.status.success(), "{name}: a note cannot be added over it");
        assert!(common::stderr(&out).contains("article.txt.toml"), "{name}: {}", common::stderr(&out));
        assert_eq!(std::fs::read(sidecar_path(dir.path())).unwrap(), bytes, "{name}: the file is left as it was");
    }
}

#[test]
fn a_200_mb_sidecar_is_refused_unread_and_left_alone() {
    let dir = library_with(b"");
    // Sparse: 200 MB long without 200 MB on disk.
    std::fs::File::options().write(true).open(sidecar_path(dir.path())).unwrap().set_len(200 << 20).unwrap();
    let err = Sidecar::load(&sidecar_path(dir.path())).unwrap_err().to_string();
    assert!(err.contains(&format!("over the {MAX_SIDECAR_BYTES}-byte limit for a sidecar")), "{err}");
    let out = common::gloss(dir.path(), &["check"]);
    assert!(!out.status.success());
    assert!(common::stdout(&out).contains("article.txt.toml: the file is 209715200 bytes"), "{}", common::stdout(&out));
    let out = common::gloss(dir.path(), &["annotations", "add", "article.txt", "--quote", "Harbour"]);
    assert!(!out.status.success());
    assert_eq!(std::fs::metadata(sidecar_path(dir.path())).unwrap().len(), 200 << 20);
}
