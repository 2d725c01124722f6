use std::path::Path;

use super::*;
use crate::config::locate;
use crate::speaker::overrides::Rename;

const TEXT: &str = "Port Talk\n\nMODERATOR:  Welcome to the 港 briefing 🚢.\nQ  When do the cranes arrive?\nOFFICIAL:  In March, after the tide.\n";

fn library(text: &str) -> (tempfile::TempDir, Location, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("talk.txt");
    std::fs::write(&article, text).unwrap();
    let location = locate(Some(dir.path()), dir.path()).unwrap();
    (dir, location, article)
}

fn note(article: &Article, quote: &str, id: &str) -> Annotation {
    let range = crate::notes::find_quote(&article.doc.text, quote, None).unwrap();
    crate::notes::annotation(&article.doc.text, &article.attribution, range, id.into(), "2026-11-23T12:00:00Z")
}

fn context(article: &Article) -> SaveContext<'_> {
    SaveContext { title: &article.doc.meta.title, position: Some(3), fingerprint: &article.fingerprint }
}

#[test]
fn opening_applies_the_sidecars_corrections_before_notes_are_stamped() {
    let (_dir, location, path) = library(TEXT);
    let changes = Overrides {
        rename: vec![Rename { from: "Official".into(), to: "Ilse Varkonyi 港".into() }],
        ..Overrides::default()
    };
    save_corrections(&location, &path, "Port Talk", &changes).unwrap();
    let article = open(&location, &path).unwrap();
    assert!(article.problems.is_empty(), "{:?}", article.problems);
    // (quote, speaker stamped on a new note)
    let cases: &[(&str, Option<&str>)] =
        &[("In March", Some("Ilse Varkonyi 港")), ("港 briefing 🚢", Some("Moderator")), ("Port Talk", None)];
    for (quote, want) in cases {
        assert_eq!(note(&article, quote, "x").speaker.as_deref(), *want, "{quote}");
    }
    assert_eq!(article.fingerprint, sidecar::fingerprint(&article.doc.text));
}

#[test]
fn a_correction_that_names_nobody_is_a_problem_naming_the_sidecar() {
    let (_dir, location, path) = library(TEXT);
    let changes = Overrides { rename: vec![Rename { from: "Nobody".into(), to: "X".into() }], ..Overrides::default() };
    save_corrections(&location, &path, "Port Talk", &changes).unwrap();
    let article = open(&location, &path).unwrap();
    assert_eq!(article.problems.len(), 1, "{:?}", article.problems);
    assert!(article.problems[0].contains("talk.txt.toml"), "{:?}", article.problems);
}

#[test]
fn saving_writes_moved_passages_at_their_new_offsets_once() {
    let (_dir, location, path) = library(TEXT);
    let article = open(&location, &path).unwrap();
    let mine = vec![note(&article, "the cranes arrive", "a1"), note(&article, "港 briefing 🚢", "a2")];
    save(&location, &path, (&[], &mine), context(&article)).unwrap();
    // Text is inserted above both passages: they move.
    std::fs::write(&path, TEXT.replace("Port Talk\n", "Port Talk\n\nA new first paragraph, 日本.\n")).unwrap();
    let moved = open(&location, &path).unwrap();
    let items = moved.notes.as_ref().unwrap();
    assert!(items.iter().all(|r| matches!(r.resolution, Resolution::Moved(_))), "{items:?}");
    let written = save(&location, &path, (&moved.base(), &to_save(items, &moved.doc.text)), context(&moved)).unwrap();
    for a in &written {
        let at = moved.doc.text.find(&a.selector.quote).unwrap();
        assert_eq!((a.selector.start, a.selector.end), (at, at + a.selector.quote.len()), "{}", a.id);
    }
    let reopened = open(&location, &path).unwrap();
    assert!(reopened.notes.unwrap().iter().all(|r| matches!(r.resolution, Resolution::Exact(_))));
    assert_eq!(reopened.position, Some(3));
}

#[test]
fn no_sidecar_is_created_for_an_article_without_notes() {
    let (_dir, location, path) = library(TEXT);
    let article = open(&location, &path).unwrap();
    assert_eq!(save(&location, &path, (&[], &[]), context(&article)).unwrap(), Vec::new());
    assert!(!article.sidecar_path.exists());
}

#[test]
fn notes_for_an_unreadable_sidecar_go_to_a_recovery_file() {
    let (_dir, location, path) = library(TEXT);
    let sidecar_path = location.sidecar_for(&path);
    std::fs::create_dir_all(sidecar_path.parent().unwrap()).unwrap();
    std::fs::write(&sidecar_path, "schema = [broken\n").unwrap();
    let article = open(&location, &path).unwrap();
    assert!(article.notes.is_err(), "an unreadable sidecar is reported, not read as empty");
    let mine = vec![note(&article, "港 briefing 🚢", "r1")];
    assert!(save(&location, &path, (&[], &mine), context(&article)).is_err(), "never overwritten");
    let recovery = write_recovery(&location, &path, "Port Talk", &mine).unwrap();
    assert!(recovery.file_name().unwrap().to_string_lossy().ends_with("talk.txt.toml.recovered.toml"));
    let kept = Sidecar::load(&recovery).unwrap().unwrap().annotations().unwrap();
    assert_eq!(kept, mine);
    assert_eq!(std::fs::read_to_string(&sidecar_path).unwrap(), "schema = [broken\n");
}

#[test]
fn a_relative_path_finds_the_same_sidecar_as_an_absolute_one() {
    let (_dir, location, path) = library(TEXT);
    let cwd = std::env::current_dir().unwrap();
    let relative = pathdiff(&path, &cwd);
    assert_eq!(
        sidecar_problem(&location, &relative).map(|e| e.to_string()),
        sidecar_problem(&location, &path).map(|e| e.to_string())
    );
    assert_eq!(
        with_document(&location, &relative, Document::parse_plain(TEXT)).sidecar_path,
        location.sidecar_for(&path)
    );
}

/// `path` written relative to `base` with `..` steps.
fn pathdiff(path: &Path, base: &Path) -> PathBuf {
    let ups = base.components().count() - 1;
    let mut out = PathBuf::new();
    for _ in 0..ups {
        out.push("..");
    }
    out.join(path.strip_prefix("/").unwrap())
}

#[test]
fn undoing_a_correction_takes_out_only_its_last_copy() {
    use crate::speaker::overrides::{Merge, Reassign};
    let rename = |from: &str, to: &str| Rename { from: from.into(), to: to.into() };
    let merge = |from: &str, into: &str| Merge { from: from.into(), into: into.into() };
    // (corrections saved one after another, the correction undone, the lists left, whether anything was written)
    let cases: Vec<(Vec<Overrides>, Overrides, Overrides, bool)> = vec![
        (
            vec![
                Overrides { rename: vec![rename("Official", "港の役人 🚢")], ..Overrides::default() },
                Overrides { rename: vec![rename("Moderator", "Dóra 司会")], ..Overrides::default() },
            ],
            Overrides { rename: vec![rename("Moderator", "Dóra 司会")], ..Overrides::default() },
            Overrides { rename: vec![rename("Official", "港の役人 🚢")], ..Overrides::default() },
            true,
        ),
        (
            // The same merge twice: undone once, one stays.
            vec![
                Overrides { merge: vec![merge("Q", "Official 🎙")], ..Overrides::default() },
                Overrides { merge: vec![merge("Q", "Official 🎙")], ..Overrides::default() },
            ],
            Overrides { merge: vec![merge("Q", "Official 🎙")], ..Overrides::default() },
            Overrides { merge: vec![merge("Q", "Official 🎙")], ..Overrides::default() },
            true,
        ),
        (
            vec![Overrides {
                reassign: vec![Reassign { start: 12, speaker: "記者".into() }], ..Overrides::default()
            }],
            Overrides { reassign: vec![Reassign { start: 12, speaker: "記者".into() }], ..Overrides::default() },
            Overrides::default(),
            true,
        ),
        (
            // Edited by hand since: nothing of it is left, nothing is written.
            vec![Overrides { rename: vec![rename("Official", "Ilse")], ..Overrides::default() }],
            Overrides { rename: vec![rename("Official", "Someone else")], ..Overrides::default() },
            Overrides { rename: vec![rename("Official", "Ilse")], ..Overrides::default() },
            false,
        ),
    ];
    for (saved, undone, left, written) in cases {
        let (_dir, location, path) = library(TEXT);
        for changes in &saved {
            save_corrections(&location, &path, "Port Talk", changes).unwrap();
        }
        let result = remove_corrections(&location, &path, &undone).unwrap();
        assert_eq!(result.is_some(), written, "{undone:?}");
        let sidecar = Sidecar::load(&location.sidecar_for(&path)).unwrap().unwrap();
        assert_eq!(sidecar.speakers().unwrap(), left, "{undone:?}");
    }
    // No sidecar at all: nothing to undo, nothing created.
    let (_dir, location, path) = library(TEXT);
    let undone = Overrides { rename: vec![rename("Q", "x")], ..Overrides::default() };
    assert_eq!(remove_corrections(&location, &path, &undone).unwrap(), None);
    assert!(!location.sidecar_for(&path).exists());
}
