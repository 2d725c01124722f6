//! The index on a small generated library: people merged, searches with
//! filters, incremental updates, and recovery from damage.

#[path = "../../benches/people_corpus.rs"]
mod corpus;

use std::path::Path;

use super::*;

fn location(library: &Path) -> Location {
    Location {
        library: library.to_path_buf(),
        annotations: library.join("annotations"),
        root: library.to_path_buf(),
        max_file_bytes: crate::document::DEFAULT_MAX_FILE_BYTES,
        warnings: Vec::new(),
    }
}

/// Opens and updates the index, kept in `cache` (not the process-wide variable, which tests would share).
fn open(library: &Path, cache: &Path) -> LibraryIndex {
    let mut index = LibraryIndex::open_in(&location(library), cache).unwrap();
    index.update(&mut |_, _| {}).unwrap();
    index
}

#[test]
fn people_search_and_updates_on_a_generated_library() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, cache) = (dir.path().join("lib"), dir.path().join("cache"));
    corpus::write_library(&lib, 30, 3_000).unwrap();
    let index = open(&lib, &cache);
    let (people, problems) = index.people();
    assert!(problems.is_empty(), "{problems:?}");
    let names: Vec<&str> = people.persons().map(|p| p.name.as_str()).collect();
    let kjp = people
        .persons()
        .find(|p| p.name == "Karine Jean-Pierre")
        .unwrap_or_else(|| panic!("{:#?}", index.manifest.articles));
    assert!(kjp.aliases.iter().any(|a| a == "Ms. Jean-Pierre"), "{:?}", kjp.aliases);
    let louis = people.persons().find(|p| p.name == "Louis Jean-Pierre").unwrap_or_else(|| panic!("{names:?}"));
    assert_eq!(louis.articles, 4, "stories 4, 14, 19, 29");
    assert!(!kjp.aliases.iter().any(|a| a.contains("Louis")));
    assert!(people.people.iter().any(|p| p.role && p.name == "Moderator"));

    let hits = index.search("\"port security\"", 100).unwrap();
    assert_eq!(hits.len(), 10, "one per briefing");
    assert!(hits[0].snippet.highlights.len() >= 2, "{:?}", hits[0].snippet);
    let h = &hits[0];
    assert_eq!(&h.snippet.text[h.snippet.highlights[0].0..h.snippet.highlights[0].1].to_lowercase(), "port");

    let by_her = index.search("quay speaker:\"Karine Jean-Pierre\"", 100).unwrap();
    assert!(!by_her.is_empty());
    assert!(by_her.iter().all(|h| h.person.as_deref() == Some("Karine Jean-Pierre")), "{by_her:#?}");
    let louis_hits = index.search("quay speaker:\"Louis Jean-Pierre\"", 100).unwrap();
    assert!(
        louis_hits
            .iter()
            .all(|h| h.speaker.as_deref() == Some("Louis Jean-Pierre") || h.speaker.as_deref() == Some("Jean-Pierre"))
    );
    assert!(!louis_hits.is_empty());

    let dated = index.search("marker after:2025-01-10 before:2025-01-20 kind:transcript", 100).unwrap();
    assert!(!dated.is_empty());
    assert!(dated.iter().all(|h| h.date.as_deref().is_some_and(|d| ("2025-01-10".."2025-01-21").contains(&d))));
    assert!(dated.iter().all(|h| h.article.contains("briefing")));
    assert!(!index.search("mark* source:tidewater", 100).unwrap().is_empty());
    assert!(index.search("港湾", 5).unwrap().len() == 5);
    assert!(matches!(index.search("speaker:Nobody", 5), Err(IndexError::Query(_))));
}

#[test]
fn updates_follow_added_changed_renamed_and_removed_articles() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, cache) = (dir.path().join("lib"), dir.path().join("cache"));
    corpus::write_library(&lib, 6, 2_000).unwrap();
    let mut index = open(&lib, &cache);
    let count = |index: &LibraryIndex, q: &str| index.search(q, 1000).unwrap().len();
    assert_eq!(count(&index, "s1x"), 1);
    assert!(index.search("s1x", 5).unwrap()[0].snippet.text.contains("s1x"));
    let story = lib.join("000/story-00001.md");
    let text = std::fs::read_to_string(&story).unwrap().replace("s1x", "zebra7");
    std::fs::write(&story, text).unwrap();
    std::fs::rename(lib.join("000/story-00002.md"), lib.join("000/renamed-港.md")).unwrap();
    std::fs::remove_file(lib.join("000/story-00004.md")).unwrap();
    std::fs::write(lib.join("new.md"), corpus::story(77, 1_000)).unwrap();
    let report = index.update(&mut |_, _| {}).unwrap();
    assert_eq!((report.added, report.changed, report.renamed, report.removed), (1, 1, 1, 1), "{report:?}");
    assert_eq!(count(&index, "s1x"), 0);
    assert_eq!(count(&index, "zebra7"), 1);
    // The snippet is cut from the article as changed, not from a text kept from before.
    assert!(index.search("zebra7", 5).unwrap()[0].snippet.text.contains("zebra7"));
    assert_eq!(index.search("s2x", 5).unwrap()[0].article, "000/renamed-港.md");
    assert_eq!(count(&index, "s4x"), 0);
    assert_eq!(count(&index, "s77x"), 1);
    // Nothing changed: nothing done.
    assert_eq!(index.update(&mut |_, _| {}).unwrap(), UpdateReport::default());
}

#[test]
fn a_damaged_or_interrupted_index_is_rebuilt_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, cache) = (dir.path().join("lib"), dir.path().join("cache"));
    corpus::write_library(&lib, 6, 2_000).unwrap();
    let index = open(&lib, &cache);
    let folder = index.dir().to_path_buf();
    drop(index);
    let damage: &[(&str, &dyn Fn(&Path))] = &[
        ("deleted", &|f| std::fs::remove_dir_all(f.join("tantivy")).unwrap()),
        ("manifest gone", &|f| std::fs::remove_file(f.join("manifest.json")).unwrap()),
        ("interrupted", &|f| {
            let mut m = Manifest::load(&f.join("manifest.json")).unwrap();
            m.generation += 1;
            m.save(&f.join("manifest.json")).unwrap();
        }),
        ("truncated", &|f| {
            for e in std::fs::read_dir(f.join("tantivy")).unwrap().flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x != "json" && x != "lock") {
                    let len = std::fs::metadata(&p).unwrap().len();
                    std::fs::OpenOptions::new().write(true).open(&p).unwrap().set_len(len / 2).unwrap();
                }
            }
        }),
        ("garbage meta", &|f| std::fs::write(f.join("tantivy/meta.json"), "\u{1b}[31m{").unwrap()),
    ];
    for (what, harm) in damage {
        harm(&folder);
        let index = open(&lib, &cache);
        if *what != "deleted" {
            assert!(index.notices.iter().any(|n| n.contains("rebuilt")), "{what}: {:?}", index.notices);
        }
        assert_eq!(index.search("s1x", 5).unwrap().len(), 1, "{what}");
    }
}

#[test]
fn a_second_process_reads_while_the_first_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, cache) = (dir.path().join("lib"), dir.path().join("cache"));
    corpus::write_library(&lib, 6, 2_000).unwrap();
    let first = open(&lib, &cache);
    let mut second = LibraryIndex::open_in(&location(&lib), &cache).unwrap();
    assert!(second.read_only());
    assert!(second.update(&mut |_, _| {}).unwrap().busy);
    assert_eq!(second.search("s1x", 5).unwrap().len(), 1, "readers are not blocked");
    drop(first);
}
