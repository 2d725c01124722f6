//! The app as sequences of actions: no terminal, no threads.

mod common;

use gloss::app::Command;

use std::fmt::Write;

use common::app::{act, app, assets, keys, open, type_text};
use gloss::app::reader::RowKind;
use gloss::app::{Action, Overlay, Pane};
use gloss::config::settings::FilterMode;

const PRESS_CALL: &str = "press-call-port-security.txt";

#[test]
fn opening_an_article_focuses_the_reader_and_lays_it_out() {
    let (mut state, location) = app(&assets(), (160, 48));
    assert_eq!(state.focus, Pane::Library);
    open(&mut state, &location, PRESS_CALL);
    assert_eq!(state.focus, Pane::Reader);
    let reader = state.reader.as_mut().unwrap();
    let rows = reader.all_rows();
    assert!(rows.len() > 100);
    assert_eq!(rows[0].kind, RowKind::Title);
    assert!(rows.iter().any(|r| matches!(r.kind, RowKind::Label(_))));
    assert_eq!(reader.window.len(), usize::from(reader.height), "the window is one screenful");
    assert_eq!(reader.window[..], rows[..reader.window.len()], "and it is the top of the layout");
    assert!(state.speakers.order.len() >= 4);
}

#[test]
fn vim_and_less_motions_move_the_reader() {
    let (mut state, location) = app(&assets(), (100, 30));
    open(&mut state, &location, PRESS_CALL);
    let top = |s: &mut gloss::app::AppState| s.reader.as_mut().unwrap().top_row_number();
    keys(&mut state, &location, "j j j");
    assert_eq!(top(&mut state), 3);
    keys(&mut state, &location, "k");
    assert_eq!(top(&mut state), 2);
    let height = usize::from(state.reader.as_ref().unwrap().height);
    assert_eq!(height, 30 - 1 - 2, "the pane's inner height: the terminal less the status bar and borders");
    keys(&mut state, &location, "ctrl-d");
    assert_eq!(top(&mut state), 2 + height / 2);
    keys(&mut state, &location, "ctrl-u");
    assert_eq!(top(&mut state), 2);
    keys(&mut state, &location, "space");
    assert_eq!(top(&mut state), 2 + height - 2, "a page keeps two lines of context");
    keys(&mut state, &location, "b");
    assert_eq!(top(&mut state), 2);
    keys(&mut state, &location, "G");
    let bottom = state.reader.as_mut().map(gloss::app::reader::ReaderState::max_top).unwrap();
    assert_eq!(state.reader.as_ref().unwrap().top, bottom);
    let rows = state.reader.as_mut().unwrap().all_rows();
    assert_eq!(top(&mut state) + usize::from(state.reader.as_ref().unwrap().height), rows.len(), "the last screenful");
    assert_eq!(state.reader.as_ref().unwrap().percent(), 100);
    keys(&mut state, &location, "g");
    assert_eq!(top(&mut state), 0);
    keys(&mut state, &location, "}");
    let rows = state.reader.as_mut().unwrap().all_rows();
    assert_eq!(rows[top(&mut state) - 1].kind, RowKind::Blank, "`}}` lands on a paragraph start");
}

#[test]
fn next_turn_respects_the_speaker_filter() {
    let (mut state, location) = app(&assets(), (160, 48));
    open(&mut state, &location, PRESS_CALL);
    keys(&mut state, &location, "3");
    assert_eq!(state.focus, Pane::Speakers);
    let moderator = state
        .speakers
        .order
        .iter()
        .position(|id| state.reader.as_ref().unwrap().attribution.speakers[id.0].name == "Moderator")
        .unwrap();
    state.speakers.selected = moderator;
    keys(&mut state, &location, "o");
    assert_eq!(state.filter_summary().as_deref(), Some(&*format!("1 of {} speakers", state.speakers.order.len())));
    keys(&mut state, &location, "2");
    act(&mut state, &location, Action::Resize(160, 14));
    let mut tops = Vec::new();
    for _ in 0..4 {
        keys(&mut state, &location, "] s");
        let reader = state.reader.as_ref().unwrap();
        tops.push(reader.top);
        let RowKind::Label(id) = reader.window[0].kind else { panic!("`] s` lands on a label") };
        assert_eq!(reader.attribution.speakers[id.0].name, "Moderator");
    }
    assert!(tops.windows(2).all(|w| w[0] < w[1]), "{tops:?}");
    keys(&mut state, &location, "[ s");
    assert_eq!(state.reader.as_ref().unwrap().top, tops[2]);
}

#[test]
fn hiding_and_dimming_other_speakers() {
    let (mut state, location) = app(&assets(), (160, 48));
    open(&mut state, &location, PRESS_CALL);
    let all_rows = state.reader.as_mut().unwrap().all_rows().len();
    keys(&mut state, &location, "3 o");
    let hidden_rows = state.reader.as_mut().unwrap().all_rows().len();
    assert!(hidden_rows < all_rows / 2, "hide mode drops other speakers: {hidden_rows} of {all_rows}");
    keys(&mut state, &location, "m");
    assert_eq!(state.speakers.mode, FilterMode::Dim);
    assert_eq!(state.reader.as_mut().unwrap().all_rows().len(), all_rows, "dim mode keeps every row");
    keys(&mut state, &location, "a");
    assert!(!state.speakers.is_active());
}

#[test]
fn a_hidden_question_stays_above_the_answer_it_prompted() {
    let (mut state, location) = app(&assets(), (160, 48));
    open(&mut state, &location, PRESS_CALL);
    let reader = state.reader.as_ref().unwrap();
    let official = state
        .speakers
        .order
        .iter()
        .position(|id| reader.attribution.speakers[id.0].name == "Senior Administration Official")
        .unwrap();
    state.speakers.selected = official;
    keys(&mut state, &location, "3 o");
    let labels = |s: &mut gloss::app::AppState| {
        let r = s.reader.as_mut().unwrap();
        r.all_rows()
            .iter()
            .filter_map(|row| {
                if let RowKind::Label(id) = row.kind { Some(r.attribution.speakers[id.0].name.clone()) } else { None }
            })
            .collect::<Vec<_>>()
    };
    let with_questions = labels(&mut state);
    assert!(with_questions.iter().any(|n| n.contains("Lena Marsh")), "questions kept: {with_questions:?}");
    keys(&mut state, &location, "c");
    let without = labels(&mut state);
    assert!(without.iter().all(|n| n == "Senior Administration Official"), "{without:?}");
}

#[test]
fn search_counts_matches_and_n_moves_between_them() {
    let (mut state, location) = app(&assets(), (100, 30));
    open(&mut state, &location, PRESS_CALL);
    keys(&mut state, &location, "/");
    assert!(matches!(state.overlay, Overlay::Prompt(_)));
    type_text(&mut state, &location, "rotterdam");
    keys(&mut state, &location, "enter");
    let reader = state.reader.as_ref().unwrap();
    let total = reader.search.matches.len();
    assert!(total >= 3, "{total}");
    assert_eq!(reader.search.current, Some(0));
    assert!(state.message.as_ref().unwrap().text.ends_with(&format!("1/{total}")));
    keys(&mut state, &location, "n");
    assert_eq!(state.reader.as_ref().unwrap().search.current, Some(1));
    keys(&mut state, &location, "N N");
    assert_eq!(state.reader.as_ref().unwrap().search.current, Some(total - 1), "N wraps around");
    // Search respects the filter: matches only in shown passages.
    keys(&mut state, &location, "3 o 2");
    let filtered = state.reader.as_ref().unwrap().search.matches.len();
    assert!(filtered < total, "{filtered} < {total}");
}

#[test]
fn the_library_filters_fuzzily_and_sorts() {
    let (mut state, location) = app(&assets(), (160, 48));
    keys(&mut state, &location, "/");
    type_text(&mut state, &location, "podcst");
    assert!(state.library.order.len() < state.library.entries.len());
    assert!(state.library.selected_entry().unwrap().relative.starts_with("podcast"), "the closest match ranks first");
    keys(&mut state, &location, "enter");
    assert_eq!(state.library.filter, "podcst");
    assert!(state.reader.as_ref().unwrap().path.to_string_lossy().contains("podcast"), "enter opened the match");
    keys(&mut state, &location, "1 / esc");
    assert_eq!(state.library.order.len(), state.library.entries.len());
    keys(&mut state, &location, "s");
    let dates: Vec<Option<String>> = state
        .library
        .order
        .iter()
        .map(|i| state.library.entries[*i].meta.as_ref().and_then(|m| m.date.clone()))
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
}

#[test]
fn reading_positions_are_remembered_per_article() {
    let (mut state, location) = app(&assets(), (100, 30));
    open(&mut state, &location, PRESS_CALL);
    keys(&mut state, &location, "ctrl-d ctrl-d");
    let top = state.reader.as_ref().unwrap().top;
    open(&mut state, &location, "podcast-soil-episode-41.txt");
    assert_eq!(state.reader.as_mut().unwrap().top_row_number(), 0);
    open(&mut state, &location, PRESS_CALL);
    assert_eq!(state.reader.as_ref().unwrap().top, top);
    let entry = state.library.entries.iter().find(|e| e.path.ends_with(PRESS_CALL)).unwrap();
    assert!(entry.progress.is_some());
}

/// Every file under `dir`, with its bytes.
fn snapshot_tree(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(snapshot_tree(&path));
        } else {
            files.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    files.sort();
    files
}

#[test]
fn reading_the_bundled_library_changes_no_file_in_it() {
    let (mut state, location) = app(&assets(), (100, 30));
    let root = location.root.clone();
    let before = snapshot_tree(&root);
    for article in [PRESS_CALL, "hearing-rail-safety.txt", "news-river-treaty.txt"] {
        open(&mut state, &location, article);
        keys(&mut state, &location, "ctrl-d ctrl-d j j");
    }
    act(&mut state, &location, Action::Command(Command::Quit));
    assert_eq!(snapshot_tree(&root), before, "reading writes no position or lock into the library or its notes");
}

#[test]
fn focus_keys_mouse_and_help() {
    let (mut state, location) = app(&assets(), (160, 48));
    open(&mut state, &location, PRESS_CALL);
    keys(&mut state, &location, "tab");
    assert_eq!(state.focus, Pane::Speakers);
    keys(&mut state, &location, "backtab backtab");
    assert_eq!(state.focus, Pane::Library);
    act(&mut state, &location, Action::Click(60, 10));
    assert_eq!(state.focus, Pane::Reader);
    act(&mut state, &location, Action::Scroll(60, 10, 3));
    assert_eq!(state.reader.as_mut().unwrap().top_row_number(), 3);
    act(&mut state, &location, Action::Click(140, 4));
    assert_eq!(state.focus, Pane::Speakers);
    assert_eq!(state.speakers.selected, 2, "a click selects the row under it");
    keys(&mut state, &location, "1 ?");
    assert!(matches!(state.overlay, Overlay::Help { .. }));
    keys(&mut state, &location, "j");
    assert!(matches!(state.overlay, Overlay::Help { scroll: 1 }));
    keys(&mut state, &location, "esc");
    assert_eq!(state.overlay, Overlay::None);
}

#[test]
fn narrow_screens_show_side_panes_on_demand() {
    let (mut state, location) = app(&assets(), (80, 24));
    open(&mut state, &location, PRESS_CALL);
    let screen = state.screen();
    assert!(screen.library.is_none() && screen.speakers.is_none(), "the reader alone");
    keys(&mut state, &location, "3");
    assert!(state.screen().speakers.is_some());
    keys(&mut state, &location, "2");
    assert!(state.screen().speakers.is_none());
    act(&mut state, &location, Action::Resize(160, 48));
    assert!(state.screen().library.is_some() && state.screen().speakers.is_some());
}

#[test]
fn a_missing_article_is_a_message_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gone.txt");
    std::fs::write(&path, "Gone\n\nSoon.\n").unwrap();
    let (mut state, location) = app(dir.path(), (100, 30));
    std::fs::remove_file(&path).unwrap();
    keys(&mut state, &location, "enter");
    assert!(state.reader.is_none());
    let message = state.message.as_ref().unwrap();
    assert!(message.error && message.text.contains("gone.txt"), "{message:?}");
}

/// A transcript of about `bytes` bytes: many short turns.
fn big_transcript(bytes: usize) -> String {
    let mut text = String::from("Harbour Briefing\n\nMarch 3, 2025\n\n");
    let mut turn = 0;
    while text.len() < bytes {
        turn += 1;
        let who = if turn % 2 == 0 { "MODERATOR" } else { "MS. ODUYA" };
        let _ = writeln!(text, "{who}:  Turn {turn} about cranes, tides and the 港 schedule.\n");
    }
    text.push_str("MODERATOR:  The last word on the harbour.\n");
    text
}

/// A library holding one big transcript, `big.txt`, of about `bytes` bytes.
fn big_library(bytes: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    std::fs::write(&path, big_transcript(bytes)).unwrap();
    (dir, path)
}

#[test]
fn a_big_article_opens_in_steps_and_each_longer_text_replaces_the_shorter_in_place() {
    let (dir, path) = big_library(3 << 20);
    let (mut state, location) = app(dir.path(), (100, 30));
    state.loading = Some(path.clone());
    // What the shell's loader sends, in order: a few screens, many screens, the whole.
    let env = gloss::perform::Env { location: location.clone(), positions_file: None };
    let mut loads = gloss::perform::perform_all(gloss::app::Effect::Load(path.clone()), &env)
        .into_iter()
        .filter_map(|action| match action {
            Action::ArticleLoaded(loaded) => Some(loaded),
            _ => None,
        })
        .collect::<Vec<_>>()
        .into_iter();
    let first = loads.next().expect("a first preview");
    assert!(first.preview);
    let first_len = first.result.as_ref().unwrap().0.text.len();
    assert!(first_len <= gloss::document::FIRST_SCREENS_BYTES, "{first_len}");
    act(&mut state, &location, Action::ArticleLoaded(first));
    let reader = state.reader.as_ref().expect("the preview is on screen");
    assert!(reader.preview.is_some());
    assert_eq!(reader.window[0].range.slice(&reader.doc.text), "Harbour Briefing");
    // The reader reads on meanwhile; highlighting waits for the notes.
    keys(&mut state, &location, "ctrl-d ctrl-d l l");
    let (offset, cursor) = (state.reader.as_ref().unwrap().top_offset(), state.reader.as_ref().unwrap().cursor);
    assert!(offset > 0);
    // Many screens arrive: the same place, the same cursor, more text below.
    let second = loads.next().expect("a longer preview");
    assert!(second.preview);
    let second_len = second.result.as_ref().unwrap().0.text.len();
    assert!(second_len > first_len && second_len <= gloss::document::PREVIEW_BYTES, "{second_len}");
    act(&mut state, &location, Action::ArticleLoaded(second));
    let reader = state.reader.as_ref().unwrap();
    assert_eq!(reader.doc.text.len(), second_len);
    assert_eq!((reader.top_offset(), reader.cursor), (offset, cursor), "the longer preview keeps the place");
    keys(&mut state, &location, "v w enter");
    assert!(state.message.as_ref().is_some_and(|m| m.error && m.text.contains("still loading")));
    keys(&mut state, &location, "esc");
    // The whole article arrives: same place on screen, now to the very end.
    let full = loads.next().expect("the whole article");
    assert!(!full.preview);
    act(&mut state, &location, Action::ArticleLoaded(full));
    let reader = state.reader.as_mut().unwrap();
    assert!(reader.preview.is_none());
    assert_eq!(reader.top_offset(), offset, "the reader stays where it was taken");
    assert!(state.loading.is_none());
    keys(&mut state, &location, "G");
    let reader = state.reader.as_ref().unwrap();
    assert!(reader.window.iter().any(|r| r.range.slice(&reader.doc.text).contains("The last word")));
    assert_eq!(reader.percent(), 100);
}

/// The preview the shell's loader sends first for a big article.
fn preview_loaded(path: &std::path::Path) -> Action {
    let preview = gloss::document::Document::load_preview(path, u64::MAX, gloss::document::PREVIEW_BYTES)
        .unwrap()
        .expect("a big file has a preview");
    let attribution = gloss::speaker::detect(&preview);
    Action::ArticleLoaded(Box::new(gloss::app::Loaded {
        path: path.to_path_buf(),
        result: Ok((std::sync::Arc::new(preview), std::sync::Arc::new(attribution))),
        notes: Ok(Vec::new()),
        sidecar_position: None,
        fingerprint: String::new(),
        preview: true,
        set_aside: Vec::new(),
    }))
}

#[test]
fn capital_g_on_a_big_article_still_loading_shows_its_end_at_once_and_keeps_it_when_the_whole_arrives() {
    let (dir, path) = big_library(3 << 20);
    let (mut state, location) = app(dir.path(), (100, 30));
    state.loading = Some(path.clone());
    act(&mut state, &location, preview_loaded(&path));
    let last_words = |state: &gloss::app::AppState| {
        let reader = state.reader.as_ref().unwrap();
        reader.window.iter().any(|r| r.range.slice(&reader.doc.text).contains("The last word"))
    };
    assert!(!last_words(&state));
    // G reads the end apart from the rest: it is on screen before the article is indexed.
    keys(&mut state, &location, "G");
    assert!(state.loading.is_some(), "the whole article is still loading");
    assert!(last_words(&state), "the end of the file shows at once");
    let reader = state.reader.as_ref().unwrap();
    assert!(reader.preview.is_some() && reader.head.is_some());
    assert_eq!(reader.doc.meta.title, "Harbour Briefing", "the title stays the article's");
    // g goes back to the start; G to the end again.
    keys(&mut state, &location, "g");
    let reader = state.reader.as_ref().unwrap();
    assert_eq!(reader.window[0].range.slice(&reader.doc.text), "Harbour Briefing");
    keys(&mut state, &location, "G");
    assert!(last_words(&state));
    let bottom: Vec<String> = {
        let reader = state.reader.as_ref().unwrap();
        reader.window.iter().map(|r| r.range.slice(&reader.doc.text).to_owned()).collect()
    };
    // The whole arrives: the same last screen, now with the whole article behind it.
    let full = gloss::perform::load(&location, path.clone());
    act(&mut state, &location, Action::ArticleLoaded(Box::new(full)));
    let reader = state.reader.as_ref().unwrap();
    assert!(reader.preview.is_none() && reader.head.is_none());
    assert_eq!(reader.percent(), 100);
    let now: Vec<String> = reader.window.iter().map(|r| r.range.slice(&reader.doc.text).to_owned()).collect();
    assert_eq!(now.last(), bottom.last(), "the position does not move");
    let cursor_text = &reader.doc.text[reader.cursor..];
    assert!(
        cursor_text.starts_with("The last word"),
        "the cursor is on the last line: {:?}",
        &cursor_text[..40.min(cursor_text.len())]
    );
}

#[test]
fn fifty_percent_on_a_big_article_still_loading_shows_the_middle_at_once_and_keeps_it_when_the_whole_arrives() {
    let (dir, path) = big_library(3 << 20);
    let turns = big_transcript(3 << 20).matches("Turn ").count();
    let (mut state, location) = app(dir.path(), (100, 30));
    state.loading = Some(path.clone());
    act(&mut state, &location, preview_loaded(&path));
    // The turn number at the top of the screen, as a share of all the turns.
    let top_turn = |state: &gloss::app::AppState| {
        let reader = state.reader.as_ref().unwrap();
        let top = reader.window.iter().map(|r| r.range.slice(&reader.doc.text)).find(|t| t.contains("Turn "));
        let number = top.and_then(|t| t.split("Turn ").nth(1)?.split(' ').next()?.parse::<usize>().ok());
        number.map(|n| n * 100 / turns)
    };
    assert_eq!(top_turn(&state), Some(0));
    // 50% reads the middle of the file apart from the rest: on screen before the article is indexed.
    keys(&mut state, &location, "5 0 %");
    assert!(state.loading.is_some(), "the whole article is still loading");
    assert!(top_turn(&state).is_some_and(|p| (49..=51).contains(&p)), "{:?}", top_turn(&state));
    let reader = state.reader.as_ref().unwrap();
    assert_eq!((reader.part, reader.percent()), (Some(50), 50));
    assert_eq!(reader.doc.meta.title, "Harbour Briefing", "the title stays the article's");
    // g goes back to the start; 25% then 50% again, and a few lines on.
    keys(&mut state, &location, "g");
    assert_eq!(top_turn(&state), Some(0));
    keys(&mut state, &location, "2 5 %");
    assert!(top_turn(&state).is_some_and(|p| (24..=26).contains(&p)), "{:?}", top_turn(&state));
    keys(&mut state, &location, "5 0 % j j j");
    let shown = |state: &gloss::app::AppState| {
        let reader = state.reader.as_ref().unwrap();
        reader.window.iter().map(|r| r.range.slice(&reader.doc.text).to_owned()).collect::<Vec<_>>()
    };
    let before = shown(&state);
    // The whole arrives: the same screen, now with the whole article around it.
    let full = gloss::perform::load(&location, path.clone());
    act(&mut state, &location, Action::ArticleLoaded(Box::new(full)));
    let reader = state.reader.as_ref().unwrap();
    assert!(reader.preview.is_none() && reader.head.is_none() && reader.part.is_none());
    assert_eq!(shown(&state), before, "the position does not move");
    assert!((49..=51).contains(&state.reader.as_ref().unwrap().percent()));
    // On the whole article, a percent is one of its text; a number then another key is no count.
    keys(&mut state, &location, "2 5 %");
    assert!(top_turn(&state).is_some_and(|p| (24..=26).contains(&p)), "{:?}", top_turn(&state));
    keys(&mut state, &location, "7 j %");
    assert_eq!(top_turn(&state), Some(0), "% alone is the start, as in less");
    assert_eq!(state.count, None);
}

#[test]
fn capital_g_before_anything_of_an_article_shows_opens_it_at_its_end() {
    let (dir, path) = big_library(3 << 20);
    let (mut state, location) = app(dir.path(), (100, 30));
    let shows_last_words = |state: &gloss::app::AppState| {
        let reader = state.reader.as_ref().unwrap();
        reader.window.iter().any(|r| r.range.slice(&reader.doc.text).contains("The last word"))
    };
    // Opening: the key comes before the first screen of the article does.
    state.loading = Some(path.clone());
    keys(&mut state, &location, "G");
    assert!(state.reader.is_none(), "nothing shows yet");
    act(&mut state, &location, preview_loaded(&path));
    assert!(shows_last_words(&state), "the end of the file shows as soon as the article does");
    let full = gloss::perform::load(&location, path.clone());
    act(&mut state, &location, Action::ArticleLoaded(Box::new(full)));
    assert!(shows_last_words(&state));
    assert_eq!(state.reader.as_ref().unwrap().percent(), 100);
    // A small article, loaded whole at once, opens at its end too.
    let turns = "HOST: A question about the quay.\n\nGUEST: An answer, 港.\n\n".repeat(80);
    std::fs::write(dir.path().join("small.txt"), format!("Quay Notes 🌊\n\n{turns}GUEST: The last word.\n")).unwrap();
    let small = dir.path().join("small.txt");
    state.loading = Some(small.clone());
    state.reader = None;
    keys(&mut state, &location, "G");
    let loaded = gloss::perform::load(&location, small);
    act(&mut state, &location, Action::ArticleLoaded(Box::new(loaded)));
    assert!(shows_last_words(&state), "a screen of 30 rows shows the end of 160 turns");
}

#[test]
fn at_the_end_the_reader_stays_at_the_end_when_the_pane_narrows_or_widens() {
    let dir = tempfile::tempdir().unwrap();
    let turns = "HOST: A question about the quay and the ferries that run from it.\n\nGUEST: A long answer about the harbour wall, 港, and the tide tables 🌊 that nobody reads.\n\n".repeat(60);
    std::fs::write(dir.path().join("quay.txt"), format!("Quay Notes\n\n{turns}GUEST: The very last words of the whole conversation, said slowly, one by one, at the quay.\n")).unwrap();
    let (mut state, location) = app(dir.path(), (160, 40));
    open(&mut state, &location, "quay.txt");
    keys(&mut state, &location, "G");
    for (width, height) in [(90, 40), (200, 40), (80, 24), (160, 40)] {
        act(&mut state, &location, Action::Resize(width, height));
        let reader = state.reader.as_mut().unwrap();
        let last_row = reader.window.last().map(|r| r.range.slice(&reader.doc.text).to_owned()).unwrap_or_default();
        let rows: Vec<String> = reader
            .window
            .iter()
            .rev()
            .take(4)
            .map(|r| format!("{:?} {:?}", r.kind, r.range.slice(&reader.doc.text)))
            .collect();
        assert!(last_row.trim_end().ends_with("quay."), "{width}×{height}: the last row is {last_row:?} {rows:?}");
        assert_eq!(reader.percent(), 100, "{width}×{height}");
    }
}

#[test]
fn searching_a_big_article_finds_the_next_match_at_once_and_counts_in_the_background() {
    let (dir, _) = big_library(6 << 20);
    let (mut state, location) = app(dir.path(), (100, 30));
    open(&mut state, &location, "big.txt");
    let reader = state.reader.as_mut().unwrap();
    reader.search("last word on the harbour");
    assert!(!reader.search.counted, "over the limit for counting at once");
    let effects = gloss::app::update(&mut state, Action::Command(Command::NextMatch));
    let reader = state.reader.as_ref().unwrap();
    assert!(reader.window.iter().any(|r| r.range.slice(&reader.doc.text).contains("The last word")), "found by n");
    let Some(gloss::app::Effect::CountMatches { query, .. }) = effects.first() else { panic!("{effects:?}") };
    assert_eq!(query, "last word on the harbour");
    assert!(state.message.as_ref().unwrap().text.ends_with("1/counting…"), "{:?}", state.message);
    common::app::run(&mut state, &location, effects);
    let reader = state.reader.as_ref().unwrap();
    assert!(reader.search.counted);
    assert_eq!(reader.search.matches.len(), 1);
    assert_eq!(reader.search.current, Some(0));
}

#[test]
fn a_search_puts_the_cursor_on_the_match_and_links_show_their_address() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><head><title>Harbour Links</title></head><body><article><h1>Harbour Links</h1>\
        <p>The tide tables are published by the <a href=\"https://harbour.example/tides\">harbour office</a> \
        every week, and the crane schedule follows them closely through the spring.</p></article></body></html>";
    std::fs::write(dir.path().join("links.html"), page).unwrap();
    let (mut state, location) = app(dir.path(), (100, 30));
    open(&mut state, &location, "links.html");
    keys(&mut state, &location, "/");
    type_text(&mut state, &location, "harbour office");
    keys(&mut state, &location, "enter");
    let reader = state.reader.as_ref().unwrap();
    assert!(reader.doc.text[reader.cursor..].starts_with("harbour office"), "the cursor is on the match");
    keys(&mut state, &location, "U");
    let message = state.message.as_ref().unwrap();
    assert_eq!(message.text, "harbour office → https://harbour.example/tides");
}
