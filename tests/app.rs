//! The app as sequences of actions: no terminal, no threads.

mod common;

use gloss::app::Command;

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
