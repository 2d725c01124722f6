//! Notes you can trust and find again, driven through the real binary in
//! tmux and the CLI: a mistyped value never hides the other notes, a save
//! that cannot happen is never silent, and a jump lands on the passage.
//! Needs `tmux` (`.ci/run` installs it).

mod common;

use std::fmt::Write as _;
use std::path::Path;

use common::tmux::Tmux;

/// An invented interview, long enough to scroll at 80×24.
fn interview() -> String {
    let mut text = String::from("Harbour Lights: an interview\n\n");
    for turn in 1..=12 {
        let _ = write!(
            text,
            "MIRA OKONJO: Turn {turn} begins with the tide tables. The ferries wait at the outer wall while the pilots \
             argue about the fog. Nobody on the quay remembers a winter this quiet, and the cranes stand still.\n\n\
             TOMAS VELE: Answer {turn}. We counted the boats twice. The second count was lower, which nobody could \
             explain, and the harbour master wrote down {turn} anyway.\n\n"
        );
    }
    text
}

fn annotation(id: &str, colour: &str, text: &str, quote: &str, note: &str) -> String {
    let start = text.find(quote).unwrap();
    format!(
        "[[annotation]]\nid = \"{id}\"\ncreated = \"2026-11-20T09:00:00Z\"\nupdated = \"2026-11-20T09:00:00Z\"\n\
         colour = \"{colour}\"\nnote = \"{note}\"\nquote = \"{quote}\"\nprefix = \"\"\nsuffix = \"\"\nstart = {start}\nend = {}\n",
        start + quote.len()
    )
}

/// A library with the interview and a hand-edited sidecar: two good notes and one mistyped colour.
fn library_with_a_mistyped_colour() -> (tempfile::TempDir, String) {
    let library = tempfile::tempdir().unwrap();
    let text = interview();
    std::fs::write(library.path().join("harbour.txt"), &text).unwrap();
    std::fs::create_dir(library.path().join("annotations")).unwrap();
    let bad = annotation("handmade", "bleu", &text, "The second count was lower", "typed by hand");
    let sidecar = format!(
        "# gloss notes for this article: human-readable, safe to edit by hand.\nschema = 1\narticle = \"harbour.txt\"\n\n{}\n{bad}\n{}",
        annotation("first", "yellow", &text, "Turn 1 begins with the tide tables", "the first"),
        annotation("last", "green", &text, "Answer 12. We counted the boats twice", "the last"),
    );
    std::fs::write(library.path().join("annotations/harbour.txt.toml"), sidecar).unwrap();
    (library, bad)
}

#[test]
fn one_mistyped_colour_is_set_aside_and_every_other_note_loads_and_saves_beside_it() {
    let (library, bad) = library_with_a_mistyped_colour();
    let sidecar = library.path().join("annotations/harbour.txt.toml");
    let bad_line =
        std::fs::read_to_string(&sidecar).unwrap().lines().position(|l| l == "colour = \"bleu\"").unwrap() + 1;
    let check = common::gloss(library.path(), &["check"]);
    let out = common::stdout(&check);
    assert!(out.contains("harbour.txt: 2 notes") && out.contains("1 set aside"), "{out}");
    assert!(out.contains(&format!("harbour.txt.toml:{bad_line}: annotation \"handmade\": colour \"bleu\"")), "{out}");
    assert!(!check.status.success(), "a note set aside is something to review");

    let tmux = Tmux::start_in(library.path(), 120, 30);
    tmux.start_gloss("harbour.txt");
    tmux.wait_for_text("set aside");
    tmux.keys(&["Escape"]);
    tmux.wait_for_text("2 notes · 1 set aside");
    tmux.keys(&["A"]);
    let list = tmux.wait_for_text("Notes 2/2");
    assert!(list.contains(&format!("harbour.txt.toml:{bad_line}: annotation")), "{list}");
    tmux.keys(&["Escape"]);
    // A key sent straight after Esc would read as alt-key: wait for the list to close.
    tmux.wait_for("the list to close", |s| !s.contains("Notes 2/2"));
    // A new note, made in the reader, is written beside the one set aside.
    tmux.keys(&["v", "w", "w", "Enter"]);
    tmux.wait_for_text("highlighted in yellow");
    tmux.keys(&["Escape"]);
    tmux.wait_for_text("3 notes · 1 set aside");
    tmux.keys(&["q"]);
    tmux.wait_for("the shell", |_| tmux.flag("alternate_on") == "0");
    let text = std::fs::read_to_string(&sidecar).unwrap();
    assert!(text.contains(&bad), "the table set aside is kept byte for byte:\n{text}");
    assert_eq!(text.matches("[[annotation]]").count(), 4, "{text}");
    let listed = common::stdout(&common::gloss(library.path(), &["check"]));
    assert!(listed.contains("harbour.txt: 3 notes") && listed.contains("1 set aside"), "{listed}");
    println!("{text}");
}

#[test]
fn quitting_with_notes_that_cannot_be_saved_asks_and_names_the_recovery_file() {
    use std::os::unix::fs::PermissionsExt;
    let (library, _) = library_with_a_mistyped_colour();
    let sidecar = library.path().join("annotations/harbour.txt.toml");
    let before = std::fs::read_to_string(&sidecar).unwrap();
    // Read-only: gloss never writes over it (not even as root).
    std::fs::set_permissions(&sidecar, std::fs::Permissions::from_mode(0o444)).unwrap();
    let tmux = Tmux::start_in(library.path(), 120, 30);
    tmux.start_gloss("harbour.txt");
    tmux.wait_for_text("set aside");
    tmux.keys(&["v", "w", "Enter"]);
    tmux.wait_for_text("could not save notes");
    tmux.keys(&["q"]);
    tmux.wait_for_text("y: write them to a recovery file and quit");
    tmux.keys(&["Escape"]);
    tmux.wait_for_text("not quitting");
    tmux.keys(&["q"]);
    tmux.wait_for_text("y: write them to a recovery file");
    tmux.keys(&["y"]);
    let screen = tmux.wait_for_text("gloss: notes written to");
    let recovery = library.path().join("annotations/harbour.txt.toml.recovered.toml");
    assert!(screen.contains("harbour.txt.toml.recovered.toml"), "the file is named:\n{screen}");
    let recovered = std::fs::read_to_string(&recovery).unwrap();
    assert_eq!(recovered.matches("[[annotation]]").count(), 3, "both good notes and the new one:\n{recovered}");
    assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), before, "the read-only sidecar is untouched");
    assert!(Path::new(&sidecar).exists());
}

/// A temporary file whose writer is alive (a process holding its lock) and
/// one whose writer was killed, in `annotations/`.
fn temporaries(library: &Path) -> (std::process::Child, std::path::PathBuf, std::path::PathBuf) {
    let folder = library.join("annotations");
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let dead = gone.id();
    gone.wait().unwrap();
    let stale = folder.join(format!(".gloss-tmp-{dead}-harbour.txt.toml"));
    let live = folder.join(format!(".gloss-tmp-{dead}-being-written.toml"));
    std::fs::write(&stale, "half a sid").unwrap();
    std::fs::write(&live, "half of ano").unwrap();
    // flock(1) holds the same lock gloss's writers hold while they write.
    let writer = std::process::Command::new("flock").arg("-o").arg(&live).args(["sleep", "30"]).spawn().unwrap();
    let start = std::time::Instant::now();
    while std::fs::File::open(&live).unwrap().try_lock().is_ok() {
        assert!(start.elapsed() < common::tmux::DEADLINE, "flock took the lock");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    (writer, stale, live)
}

#[test]
fn leftovers_of_killed_saves_are_cleaned_and_files_being_written_are_not() {
    let (library, _) = library_with_a_mistyped_colour();
    let (mut writer, stale, live) = temporaries(library.path());
    common::gloss(library.path(), &["check"]);
    assert!(!stale.exists(), "gloss check removes a temporary file whose writer is gone");
    assert!(live.exists(), "gloss check leaves one a live process is writing");

    std::fs::write(&stale, "half again").unwrap();
    let tmux = Tmux::start_in(library.path(), 120, 30);
    tmux.start_gloss("harbour.txt");
    tmux.wait_for_text("set aside");
    assert!(!stale.exists(), "starting the reader removes it");
    assert!(live.exists(), "and leaves the live one");
    // The next save in the folder does the same.
    std::fs::write(&stale, "and again").unwrap();
    tmux.keys(&["v", "w", "Enter"]);
    tmux.wait_for_text("highlighted in yellow");
    tmux.keys(&["q"]);
    tmux.wait_for("the shell", |_| tmux.flag("alternate_on") == "0");
    assert!(!stale.exists(), "the next save removes it");
    assert!(live.exists(), "and leaves the live one");
    writer.kill().unwrap();
    writer.wait().unwrap();
    common::gloss(library.path(), &["check"]);
    assert!(!live.exists(), "once its writer is gone, it goes too");
}

/// The screen above the note box (all of it when there is none) and whether a box shows.
fn above_the_box(screen: &str) -> (String, bool) {
    let lines: Vec<&str> = screen.lines().collect();
    match lines.iter().position(|l| l.contains("✎ note")) {
        Some(at) => (lines[..at].join("\n"), true),
        None => (screen.to_owned(), false),
    }
}

/// A library whose interview has three notes: one near the top, one long
/// one in the middle and one on the last words of the article.
fn library_with_notes() -> tempfile::TempDir {
    let library = tempfile::tempdir().unwrap();
    let text = interview();
    std::fs::write(library.path().join("harbour.txt"), &text).unwrap();
    std::fs::create_dir(library.path().join("annotations")).unwrap();
    let middle = "Answer 7. We counted the boats twice. The second count was lower, which nobody could explain, and the harbour master wrote down 7 anyway.";
    let sidecar = format!(
        "schema = 1\narticle = \"harbour.txt\"\n\n{}\n{}\n{}",
        annotation("top", "yellow", &text, "Turn 2 begins with the tide tables", "near the top"),
        annotation("middle", "green", &text, middle, "the long one"),
        annotation("end", "pink", &text, &middle.replace('7', "12"), "the very end"),
    );
    std::fs::write(library.path().join("annotations/harbour.txt.toml"), sidecar).unwrap();
    library
}

/// Waits for the note box to show `note`.
fn wait_for_box(tmux: &Tmux, note: &str) -> String {
    tmux.wait_for(note, |s| s.lines().any(|l| l.contains("✎ note")) && s.contains(note) && !s.contains("filter: "))
}

/// Asserts the whole passage ending in `last_words` and starting with
/// `first_words` is on screen above the note box, and the box is there.
fn assert_whole_passage_shown(screen: &str, first_words: &str, last_words: &str) {
    let (above, boxed) = above_the_box(screen);
    assert!(boxed, "the note box shows:\n{screen}");
    assert!(above.contains(first_words) && above.contains(last_words), "the whole passage is above the box:\n{screen}");
}

#[test]
fn jumping_to_a_note_shows_the_whole_passage_above_its_box_at_every_size() {
    for (width, height) in [(80, 24), (160, 48)] {
        let library = library_with_notes();
        let tmux = Tmux::start_in(library.path(), width, height);
        tmux.start_gloss("harbour.txt");
        tmux.wait_for_reader("3 notes");
        tmux.keys(&["]", "a"]);
        let screen = wait_for_box(&tmux, "near the top");
        assert_whole_passage_shown(&screen, "Turn 2 begins", "the tide tables");
        tmux.keys(&["]", "a"]);
        let screen = wait_for_box(&tmux, "the long one");
        assert_whole_passage_shown(&screen, "Answer 7.", "wrote down 7 anyway.");
        println!("{width}×{height}, `] a` to the long note:\n{screen}");
        tmux.keys(&["]", "a"]);
        let screen = wait_for_box(&tmux, "the very end");
        assert_whole_passage_shown(&screen, "Answer 12.", "wrote down 12 anyway.");
        // Esc closes the box.
        tmux.keys(&["Escape"]);
        tmux.wait_for("the box to close", |s| !s.contains("the very end"));
        // Enter in the article's notes list.
        tmux.keys(&["g", "g", "A"]);
        tmux.wait_for_text("Notes 3/3");
        tmux.literal("long");
        tmux.wait_for_text("Notes 1/3");
        tmux.keys(&["Enter"]);
        let screen = wait_for_box(&tmux, "the long one");
        assert_whole_passage_shown(&screen, "Answer 7.", "wrote down 7 anyway.");
        // G after a search: the end of the article is above the box, not under it.
        tmux.keys(&["g", "g", "/"]);
        tmux.literal("quay");
        tmux.keys(&["Enter"]);
        tmux.wait_for_text("/quay");
        tmux.keys(&["G"]);
        let screen = wait_for_box(&tmux, "the very end");
        assert_whole_passage_shown(&screen, "Answer 12.", "wrote down 12 anyway.");
        tmux.keys(&["q"]);
        tmux.wait_for("the shell", |_| tmux.flag("alternate_on") == "0");
    }
}

#[test]
fn enter_in_the_library_wide_list_shows_the_whole_passage() {
    let library = library_with_notes();
    let tmux = Tmux::start_in(library.path(), 80, 24);
    tmux.start_gloss("");
    tmux.wait_for_text("Library (1)");
    tmux.keys(&["A"]);
    tmux.wait_for_text("All notes 3/3");
    tmux.literal("long");
    tmux.wait_for_text("All notes 1/3");
    tmux.keys(&["Enter"]);
    let screen = wait_for_box(&tmux, "the long one");
    assert_whole_passage_shown(&screen, "Answer 7.", "wrote down 7 anyway.");
}

#[test]
fn jumps_say_where_they_are_and_v_starts_at_the_cursor_they_moved() {
    let library = library_with_notes();
    let tmux = Tmux::start_in(library.path(), 100, 30);
    tmux.start_gloss("harbour.txt");
    tmux.wait_for_reader("3 notes");
    // A pending `]` shows in the status bar.
    tmux.keys(&["]"]);
    tmux.wait_for_text(" ] … (waiting for the next key");
    tmux.keys(&["s"]);
    tmux.wait_for_text("turn 1 of 24");
    tmux.keys(&["]", "s"]);
    tmux.wait_for_text("turn 2 of 24");
    tmux.keys(&["[", "s"]);
    tmux.wait_for_text("turn 1 of 24");
    // `v` starts where `] s` put the cursor; `)` stops at the sentence's end.
    tmux.keys(&["v", ")", "1"]);
    tmux.wait_for_text("highlighted in yellow");
    tmux.keys(&["]", "a"]);
    tmux.wait_for_text("note 2 of 4");
    tmux.keys(&["]", "a", "]", "a"]);
    tmux.wait_for_text("note 4 of 4 · last note");
    tmux.keys(&["]", "a"]);
    tmux.wait_for_text("last note: no more below");
    // The message clears once it no longer applies.
    tmux.keys(&["k"]);
    tmux.wait_for("the message to clear", |s| !s.contains("last note") && s.contains("harbour.txt · "));
    tmux.keys(&["g", "g", "/"]);
    tmux.literal("Answer 12");
    tmux.keys(&["Enter"]);
    tmux.wait_for_text("/Answer 12  1/1");
    tmux.keys(&["n"]);
    tmux.wait_for_text("1/1 · search wrapped to the top");
    tmux.keys(&["q"]);
    tmux.wait_for("the shell", |_| tmux.flag("alternate_on") == "0");
    let text = std::fs::read_to_string(library.path().join("annotations/harbour.txt.toml")).unwrap();
    assert!(text.contains("quote = \"Turn 1 begins with the tide tables.\"\n"), "{text}");
}

#[test]
fn reopening_without_a_path_returns_to_the_last_article_where_it_was_with_its_filter() {
    let library = library_with_notes();
    std::fs::write(library.path().join("another.txt"), "Another Article\n\nNothing to see here.\n").unwrap();
    let tmux = Tmux::start_in(library.path(), 120, 36);
    tmux.start_gloss("");
    tmux.wait_for_text("Library (2)");
    tmux.keys(&["/"]);
    tmux.literal("harbour");
    tmux.keys(&["Enter", "Enter"]);
    tmux.wait_for_text("harbour.txt · 0%");
    tmux.keys(&["3", "o", "2"]);
    tmux.wait_for_text("filter: 1 of 2 speakers");
    tmux.keys(&["C-d"]);
    let screen = tmux.wait_for("a scroll", |s| s.contains("filter: 1 of 2 speakers") && !s.contains("txt · 0%"));
    let status = screen.lines().rev().find(|l| l.contains("harbour.txt · ")).unwrap().to_owned();
    let percent = status.split(" · ").nth(1).unwrap().to_owned();
    assert_ne!(percent, "0%", "{screen}");
    // The first words in the reader's column: the text at the top.
    let reader_top = |screen: &str| {
        let column = screen.lines().skip(1).filter_map(|l| l.split("││").nth(1));
        column.map(str::trim).find(|t| !t.is_empty()).unwrap_or_default().to_owned()
    };
    let top = reader_top(&screen);
    tmux.keys(&["q"]);
    tmux.wait_for("the shell", |_| tmux.flag("alternate_on") == "0");
    tmux.start_gloss("");
    let again = tmux.wait_for_text("filter: 1 of 2 speakers");
    assert!(again.contains(&format!("harbour.txt · {percent}")), "where it was ({percent}):\n{again}");
    assert_eq!(reader_top(&again), top, "the same text at the top:\n{again}");
}
