//! Path tricks (issue #9): names with dashes, dots, controls, far too many
//! bytes, Unicode and case twins, symbolic links and `..` components. Every
//! case runs the real binary in a temporary folder; the rule each one checks
//! is that notes land in one sidecar of their own, inside `annotations/`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{gloss, stderr, stdout, terminal_hazards};

/// An article whose title and one sentence carry `marker`, so a note on it
/// can be told from a note on any other article.
fn article(marker: &str) -> String {
    format!("Article {marker}\n\nThe passage {marker} is the one to note.\n")
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Adds a note on `passage {marker}` to `file`; `--` first, so a name that
/// starts with a dash is never read as an option.
fn add(cwd: &Path, file: &str, marker: &str, note: &str) -> Output {
    let quote = format!("passage {marker}");
    gloss(cwd, &["annotations", "add", "--quote", &quote, "--note", note, "--", file])
}

fn ok(out: &Output, what: &str) -> String {
    assert!(out.status.success(), "{what}: exit {:?}\n{}", out.status, stderr(out));
    stdout(out)
}

/// The notes `gloss annotations list` shows for `file`.
fn listed_notes(cwd: &Path, file: &str) -> String {
    ok(&gloss(cwd, &["annotations", "list", "--", file]), file)
}

/// Every `.toml` file under `root` but `gloss.toml`, relative, without
/// following links (a sidecar written through one would show up beside its target).
fn sidecars(root: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                walk(root, &path, found);
            } else if path.extension().is_some_and(|e| e == "toml") && entry.file_name() != "gloss.toml" {
                found.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut found = Vec::new();
    walk(root, root, &mut found);
    found.sort();
    found
}

/// The paths `gloss list --json` gives (relative to `cwd`), made relative to `folder`, sorted.
fn listed(cwd: &Path, folder: &str) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(&ok(&gloss(cwd, &["list", "--json", folder]), "list")).unwrap();
    let prefix = format!("{}/", folder.trim_end_matches('/'));
    let mut names: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let path = a["path"].as_str().unwrap();
            path.strip_prefix(&prefix).unwrap_or(path).to_owned()
        })
        .collect();
    names.sort();
    names
}

/// Whether the file system keeps `a` and `b` apart (some fold case or normalise Unicode).
fn keeps_apart(dir: &Path, a: &str, b: &str) -> bool {
    let probe = dir.join("probe");
    std::fs::create_dir(&probe).unwrap();
    std::fs::write(probe.join(a), "a").unwrap();
    std::fs::write(probe.join(b), "b").unwrap();
    let apart = std::fs::read_dir(&probe).unwrap().count() == 2;
    std::fs::remove_dir_all(probe).unwrap();
    apart
}

#[test]
fn names_that_look_like_options_or_dots_are_listed_shown_and_annotated_in_place() {
    let names = ["-rf.txt", "--help.txt", "-.txt", "a..b.txt", "港の記事.txt", "🚢.txt", "sp ace's \"q\".md"];
    let dir = tempfile::tempdir().unwrap();
    for (i, name) in names.iter().enumerate() {
        write(dir.path(), name, &article(&format!("m{i}")));
    }
    let mut want: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
    want.sort();
    assert_eq!(listed(dir.path(), "."), want);
    for (i, name) in names.iter().enumerate() {
        let marker = format!("m{i}");
        let dotted = format!("./{name}");
        for args in [["show", "--", name], ["show", &dotted, "--width=60"]] {
            let shown = ok(&gloss(dir.path(), &args), name);
            assert!(shown.contains(&format!("The passage {marker} is")), "{args:?}: {shown}");
        }
        ok(&add(dir.path(), name, &marker, &format!("note {marker}")), name);
        assert!(listed_notes(dir.path(), name).contains(&format!("note {marker}")));
    }
    let mut want_sidecars: Vec<PathBuf> =
        names.iter().map(|n| Path::new("annotations").join(format!("{n}.toml"))).collect();
    want_sidecars.sort();
    assert_eq!(sidecars(dir.path()), want_sidecars, "each beside the others in annotations/");
}

#[test]
fn a_hidden_article_opened_by_name_keeps_its_sidecar_inside_annotations() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "..something.txt", &article("hid"));
    write(dir.path(), "seen.txt", &article("seen"));
    assert_eq!(listed(dir.path(), "."), ["seen.txt"], "dot files stay out of the list");
    assert!(ok(&gloss(dir.path(), &["show", "..something.txt"]), "show").contains("passage hid"));
    ok(&add(dir.path(), "..something.txt", "hid", "hidden note"), "add");
    assert_eq!(sidecars(dir.path()), [Path::new("annotations/..something.txt.toml")]);
    assert!(listed_notes(dir.path(), "..something.txt").contains("hidden note"));
}

/// A symbolic link at `link` (relative to `root`) to `target`.
#[cfg(unix)]
fn link(root: &Path, target: &str, link: &str) {
    std::os::unix::fs::symlink(target, root.join(link)).unwrap();
}

#[cfg(unix)]
#[test]
fn paths_with_dot_dot_or_a_linked_alias_never_put_a_sidecar_outside_annotations() {
    const SETTINGS: &str = "library = \"lib\"\nannotations = \"notes\"\n";
    // (settings, path given, sidecar expected): the path is always the same
    // two articles, `lib/a.txt` inside the library and `outside.txt` beside it.
    let cases: &[(Option<&str>, &str, &str)] = &[
        (None, "lib/../outside.txt", "annotations/outside.txt.toml"),
        (None, "lib/sub/../a.txt", "lib/annotations/a.txt.toml"),
        (None, "lib/../lib/a.txt", "lib/annotations/a.txt.toml"),
        (Some(SETTINGS), "lib/../outside.txt", "annotations/outside.txt.toml"),
        (Some(SETTINGS), "lib/../lib/a.txt", "notes/a.txt.toml"),
        (Some(SETTINGS), "lib/sub/../a.txt", "notes/a.txt.toml"),
        (Some(SETTINGS), "./lib/./a.txt", "notes/a.txt.toml"),
        (Some(SETTINGS), "alias/lib/a.txt", "notes/a.txt.toml"),
        (Some(SETTINGS), "alias/lib/../outside.txt", "annotations/outside.txt.toml"),
    ];
    for (settings, given, want) in cases {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "lib/a.txt", &article("in"));
        std::fs::create_dir(root.join("lib/sub")).unwrap();
        write(root, "outside.txt", &article("out"));
        // The same folder under a second name: the path given is not
        // inside the library written out, only once links are followed.
        link(root, ".", "alias");
        if let Some(settings) = settings {
            write(root, "gloss.toml", settings);
        }
        let marker = if given.ends_with("a.txt") { "in" } else { "out" };
        ok(&add(root, given, marker, "n"), given);
        assert_eq!(sidecars(root), [Path::new(want)], "{settings:?} {given}");
        let sidecar = gloss::sidecar::Sidecar::load(&root.join(want)).unwrap().unwrap();
        let key = Path::new(given).file_name().unwrap().to_str().unwrap();
        assert_eq!(sidecar.article(), Some(key), "{settings:?} {given}: the article is named without `..`");
        assert!(listed_notes(root, given).contains("passage"), "{settings:?} {given}: the note is found again");
        assert!(!root.join("lib/sub/annotations").exists() && !root.join("notes/sub").exists());
    }
}

/// Copies of `unit`, then `.txt`: `bytes` long.
fn long_name(unit: &str, bytes: usize) -> String {
    let stem = bytes - ".txt".len();
    assert_eq!(stem % unit.len(), 0, "{unit:?} does not fill {bytes} bytes");
    format!("{}.txt", unit.repeat(stem / unit.len()))
}

#[test]
fn names_near_the_file_system_limit_keep_their_notes() {
    // 255 bytes is the most a name can have on ext4, APFS and most others;
    // the sidecar adds `.toml`, its temporary file a prefix too.
    let names = [
        long_name("a", 200),
        long_name("b", 236),
        long_name("c", 250),
        long_name("d", 251),
        long_name("e", 255),
        long_name("港", 250),
        long_name("🚢", 252),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, name) in names.iter().enumerate() {
        assert_eq!(name.len(), [200, 236, 250, 251, 255, 250, 252][i]);
        write(dir.path(), name, &article(&format!("long{i}")));
    }
    let mut want = names.to_vec();
    want.sort();
    assert_eq!(listed(dir.path(), "."), want);
    for (i, name) in names.iter().enumerate() {
        let marker = format!("long{i}");
        for round in 0..2 {
            ok(&add(dir.path(), name, &marker, &format!("note {round} on {marker}")), name);
        }
        let notes = listed_notes(dir.path(), name);
        assert!(notes.contains(&format!("note 0 on {marker}")) && notes.contains(&format!("note 1 on {marker}")));
    }
    let found = sidecars(dir.path());
    assert_eq!(found.len(), names.len(), "one sidecar each: {found:?}");
    for sidecar in &found {
        assert!(sidecar.starts_with("annotations"));
        assert!(sidecar.file_name().unwrap().len() <= 255, "{}", sidecar.display());
    }
    // Short enough names keep the plain mirror name.
    assert!(found.contains(&Path::new("annotations").join(format!("{}.toml", names[0]))));
    let none_left: Vec<_> = std::fs::read_dir(dir.path().join("annotations"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".gloss-tmp"))
        .collect();
    assert!(none_left.is_empty(), "{none_left:?}");
    // `gloss check` finds every sidecar again and has nothing to re-link.
    let check = ok(&gloss(dir.path(), &["check", "."]), "check");
    assert!(check.contains(&format!("{} articles, {} notes, 0 to review", names.len(), 2 * names.len())), "{check}");
}

#[test]
fn a_name_past_the_limit_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let name = long_name("x", 300);
    for args in [&["show", "--", &name][..], &["annotations", "list", "--", &name]] {
        let out = gloss(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.starts_with("gloss: ") && err.contains("xxxxxxxxxx"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn deep_paths_past_300_bytes_are_listed_and_annotated() {
    let dir = tempfile::tempdir().unwrap();
    let folders: Vec<String> = (0..6).map(|i| format!("{i}-{}", "深".repeat(20))).collect();
    let rel = format!("{}/{}", folders.join("/"), long_name("p", 100));
    assert!(rel.len() > 400, "{}", rel.len());
    write(dir.path(), &rel, &article("deep"));
    // Without it, an article given alone is a library of its own folder.
    write(dir.path(), "gloss.toml", "library = \".\"\nannotations = \"annotations\"\n");
    assert_eq!(listed(dir.path(), "."), [rel.as_str()]);
    ok(&add(dir.path(), &rel, "deep", "deep note"), "add");
    assert_eq!(sidecars(dir.path()), [Path::new("annotations").join(format!("{rel}.toml"))]);
    assert!(listed_notes(dir.path(), &rel).contains("deep note"));
}

#[test]
fn unicode_and_case_twins_are_listed_and_annotated_apart() {
    let pairs = [("caf\u{e9}.txt", "cafe\u{301}.txt"), ("Report.txt", "report.txt"), ("STRASSE.txt", "straße.txt")];
    for (a, b) in pairs {
        let dir = tempfile::tempdir().unwrap();
        if !keeps_apart(dir.path(), a, b) {
            eprintln!("skipped {a:?} / {b:?}: this file system folds them into one name");
            continue;
        }
        write(dir.path(), a, &article("one"));
        write(dir.path(), b, &article("two"));
        let mut want = vec![a.to_owned(), b.to_owned()];
        want.sort();
        assert_eq!(listed(dir.path(), "."), want);
        let table = ok(&gloss(dir.path(), &["list", "."]), "list");
        assert!(table.contains(a) && table.contains(b), "both rows, byte for byte:\n{table}");
        for (name, marker) in [(a, "one"), (b, "two")] {
            ok(&add(dir.path(), name, marker, &format!("note for {marker}")), name);
        }
        let mut want_sidecars = vec![
            Path::new("annotations").join(format!("{a}.toml")),
            Path::new("annotations").join(format!("{b}.toml")),
        ];
        want_sidecars.sort();
        assert_eq!(sidecars(dir.path()), want_sidecars);
        for (name, mine, theirs) in [(a, "one", "two"), (b, "two", "one")] {
            let notes = listed_notes(dir.path(), name);
            assert!(notes.contains(&format!("note for {mine}")), "{name}: {notes}");
            assert!(!notes.contains(&format!("note for {theirs}")), "{name}: its twin's note crossed over: {notes}");
        }
    }
}

#[cfg(unix)]
#[test]
fn linked_articles_are_listed_once_and_noted_under_the_links_name() {
    // From the library itself, and from a folder whose gloss.toml names it:
    // the sidecar folder differs, the sidecar's name must not.
    // (where gloss.toml is, what it says, how articles are named from there, where notes go)
    let layouts: &[(&str, &str, &str, &str)] = &[
        ("lib", "library = \".\"\nannotations = \"annotations\"\n", "", "lib/annotations"),
        ("", "library = \"lib\"\nannotations = \"notes\"\n", "lib/", "notes"),
    ];
    for (run_in, settings, prefix, notes_folder) in layouts {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "lib/real.txt", &article("real"));
        write(root, "outside.txt", &article("outside"));
        write(root, "elsewhere/far.txt", &article("far"));
        link(root, "real.txt", "lib/inside-link.txt");
        link(root, "../outside.txt", "lib/outside-link.txt");
        link(root, "../elsewhere", "lib/linked-folder");
        link(root, "missing.txt", "lib/broken-link.txt");
        let cwd = root.join(run_in);
        write(&cwd, "gloss.toml", settings);
        let folder = if prefix.is_empty() { "." } else { "lib" };
        assert_eq!(
            listed(&cwd, folder),
            ["inside-link.txt", "linked-folder/far.txt", "outside-link.txt", "real.txt"],
            "each link once, a broken one not at all"
        );
        let outside_before = std::fs::read(root.join("outside.txt")).unwrap();
        for (rel, marker) in
            [("inside-link.txt", "real"), ("outside-link.txt", "outside"), ("linked-folder/far.txt", "far")]
        {
            let given = format!("{prefix}{rel}");
            assert!(ok(&gloss(&cwd, &["show", &given]), &given).contains(&format!("passage {marker}")));
            ok(&add(&cwd, &given, marker, &format!("via {rel}")), &given);
            assert!(listed_notes(&cwd, &given).contains(&format!("via {rel}")));
        }
        let want: Vec<PathBuf> = ["inside-link.txt", "linked-folder/far.txt", "outside-link.txt"]
            .iter()
            .map(|rel| Path::new(notes_folder).join(format!("{rel}.toml")))
            .collect();
        assert_eq!(sidecars(root), want, "{settings:?}: named after the links, inside {notes_folder}/");
        assert_eq!(std::fs::read(root.join("outside.txt")).unwrap(), outside_before, "the target is untouched");
        // The TUI's and `gloss check`'s view of the library finds the same sidecars.
        let check = ok(&gloss(&cwd, &["check", folder]), "check");
        assert!(check.contains("4 articles, 3 notes, 0 to review"), "{settings:?}:\n{check}");
    }
}

#[test]
fn the_list_table_shows_every_name_sanitised_and_aligned() {
    let names = [
        "港の記事.txt",
        "🚢.txt",
        "plain.txt",
        "esc\u{1b}[31mred.txt",
        "bell\u{7}.txt",
        "c1\u{9b}2J.txt",
        "bidi\u{202e}txt.exe.txt",
        "new\nline.txt",
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, name) in names.iter().enumerate() {
        write(dir.path(), name, &article(&format!("t{i}")));
    }
    let table = ok(&gloss(dir.path(), &["list", "--sort", "path", "."]), "list");
    assert!(terminal_hazards(&table).is_empty(), "{:?}", terminal_hazards(&table));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), names.len() + 1, "one row each, a newline in a name included:\n{table}");
    let path_column = |line: &str| gloss::text::display_width(&line[..line.rfind("  ").unwrap()]);
    let header = path_column(lines[0]);
    for (i, name) in names.iter().enumerate() {
        let row = lines.iter().find(|l| l.contains(&format!("Article t{i} "))).unwrap();
        assert_eq!(path_column(row), header, "{name:?}: the path column lines up:\n{table}");
        if terminal_hazards(name).is_empty() && !name.contains('\n') {
            assert!(row.ends_with(name), "{name:?} shown as it is: {row}");
        }
    }
}
