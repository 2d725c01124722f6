//! Rough edges a new user meets in the reader: the library filter's keys,
//! double clicks, what the side panes show at their default widths, clean
//! corners of overlays and an empty library.

mod common;

use common::app::{act, app, assets, keys, open, type_text};
use gloss::app::{Action, AppState, Pane};
use gloss::config::settings::ThemeName;
use gloss::tui::theme::Theme;
use gloss::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const PRESS_CALL: &str = "press-call-port-security.txt";

fn screen(state: &AppState) -> String {
    let (width, height) = state.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::render(state, &Theme::new(ThemeName::Dark, false), frame)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..height {
        let line: String = (0..width).map(|x| buffer[(x, y)].symbol().to_owned()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn selected_title(state: &AppState) -> String {
    state.library.selected_entry().unwrap().title().to_owned()
}

#[test]
fn while_filtering_the_arrows_pick_a_match_and_enter_opens_it() {
    let (mut state, location) = app(&assets(), (160, 48));
    keys(&mut state, &location, "1 /");
    type_text(&mut state, &location, "e");
    assert!(state.library.order.len() > 2, "several matches");
    let first = selected_title(&state);
    keys(&mut state, &location, "down down");
    let third = selected_title(&state);
    assert_ne!(first, third, "↓ moves the selection while the filter is open");
    assert!(matches!(state.overlay, gloss::app::Overlay::Prompt(_)), "the filter stays open");
    keys(&mut state, &location, "up");
    let second = selected_title(&state);
    assert_ne!(second, third);
    type_text(&mut state, &location, "a");
    keys(&mut state, &location, "down enter");
    let chosen = selected_title(&state);
    let reader = state.reader.as_ref().expect("enter opened the chosen article");
    assert_eq!(reader.doc.meta.title, chosen);
}

#[test]
fn a_double_click_on_a_library_row_opens_it() {
    let (mut state, location) = app(&assets(), (160, 48));
    // The third entry's title row (border, then two rows per entry).
    act(&mut state, &location, Action::DoubleClick(5, 5));
    assert_eq!(state.library.selected, 2);
    let reader = state.reader.as_ref().expect("opened");
    assert_eq!(reader.doc.meta.title, selected_title(&state));
    // A double click in the reader does not open anything else.
    act(&mut state, &location, Action::DoubleClick(60, 10));
    assert_eq!(state.focus, Pane::Reader);
}

#[test]
fn the_library_shows_notes_and_progress_at_its_default_width() {
    let (mut state, location) = app(&assets(), (160, 48));
    open(&mut state, &location, "news-river-treaty.txt");
    keys(&mut state, &location, "ctrl-d");
    open(&mut state, &location, PRESS_CALL);
    // Note counts come from the sidecars, read by the shell's metadata thread.
    for entry in &mut state.library.entries {
        if entry.path.ends_with("news-river-treaty.txt") {
            entry.meta.as_mut().unwrap().notes = 1;
        }
    }
    let text = screen(&state);
    let library: Vec<&str> = text.lines().map(|l| l.split('│').nth(1).unwrap_or("")).collect();
    let treaty = library.iter().position(|l| l.contains("Three nations")).unwrap();
    let facts = library[treaty + 1];
    assert!(facts.contains("1 note") && facts.contains('%'), "{facts:?}\n{text}");
    assert!(facts.contains("2025-03-06"), "{facts:?}");
}

#[test]
fn speaker_names_are_whole_when_there_is_room_and_the_share_column_stays() {
    for (size, whole) in [((160, 48), true), ((120, 40), false), ((80, 24), false)] {
        let (mut state, location) = app(&assets(), size);
        open(&mut state, &location, PRESS_CALL);
        keys(&mut state, &location, "3");
        let text = screen(&state);
        if whole {
            assert!(text.contains("Senior Administration Official"), "{size:?}\n{text}");
        }
        let row = text.lines().find(|l| l.contains("Senior Admini")).expect("listed");
        let pane = row.rsplit("││").next().unwrap_or(row);
        assert!(pane.trim_end_matches('│').trim_end().ends_with('%'), "{size:?}: share column kept: {row:?}");
        assert!(text.contains("TURNS SHARE"), "{size:?}");
    }
}

/// Which sides a box-drawing character reaches: (up, down, left, right).
fn reaches(symbol: &str) -> Option<(bool, bool, bool, bool)> {
    Some(match symbol {
        "─" => (false, false, true, true),
        "│" => (true, true, false, false),
        "┌" => (false, true, false, true),
        "┐" => (false, true, true, false),
        "└" => (true, false, false, true),
        "┘" => (true, false, true, false),
        "┬" => (false, true, true, true),
        "┴" => (true, false, true, true),
        "├" => (true, true, false, true),
        "┤" => (true, true, true, false),
        "┼" => (true, true, true, true),
        _ => return None,
    })
}

/// Every corner or tee agrees with its box-drawing neighbours on whether a
/// line joins them (a plain line ending against a pop-up's edge is fine).
fn assert_clean_corners(screen: &str, what: &str) {
    let corner = |s: &str| !matches!(s, "─" | "│");
    let grid: Vec<Vec<String>> = screen
        .lines()
        .map(|l| unicode_segmentation::UnicodeSegmentation::graphemes(l, true).map(str::to_owned).collect())
        .collect();
    let at = |x: usize, y: usize| grid.get(y).and_then(|r| r.get(x)).and_then(|s| reaches(s));
    for y in 0..grid.len() {
        for x in 0..grid[y].len() {
            let Some((_, down, _, right)) = at(x, y) else { continue };
            if let Some((_, _, left, _)) = at(x + 1, y).filter(|_| corner(&grid[y][x]) || corner(&grid[y][x + 1])) {
                assert_eq!(
                    right,
                    left,
                    "{what}: {:?}{:?} at row {y}, column {x}\n{screen}",
                    grid[y][x],
                    grid[y][x + 1]
                );
            }
            if let Some((up, _, _, _)) = at(x, y + 1).filter(|_| corner(&grid[y][x]) || corner(&grid[y + 1][x])) {
                assert_eq!(
                    down,
                    up,
                    "{what}: {:?} over {:?} at row {y}, column {x}\n{screen}",
                    grid[y][x],
                    grid[y + 1][x]
                );
            }
        }
    }
}

#[test]
fn overlays_at_80x24_draw_clean_corners() {
    let (mut state, location) = app(&assets(), (80, 24));
    open(&mut state, &location, PRESS_CALL);
    assert_clean_corners(&screen(&state), "the reader");
    for (keys_pressed, what) in [
        ("1", "library"),
        ("3", "speakers"),
        ("2 f1", "help"),
        ("esc 3 f1", "help over speakers"),
        ("esc 2 A", "notes list"),
    ] {
        keys(&mut state, &location, keys_pressed);
        assert_clean_corners(&screen(&state), what);
    }
}

#[test]
fn an_empty_library_leaves_nothing_stray_beside_it() {
    let empty = tempfile::tempdir().unwrap();
    for (dir, size) in
        [(empty.path().to_path_buf(), (100, 20)), (assets(), (100, 20)), (empty.path().to_path_buf(), (80, 24))]
    {
        let (state, _) = app(&dir, size);
        let text = screen(&state);
        let lines: Vec<&str> = text.lines().collect();
        let pane = lines[0].chars().position(|c| c == '┬').expect("the library pane joins the reader's border");
        for line in &lines[1..lines.len() - 2] {
            let beside: String = line.chars().skip(pane + 1).collect();
            assert!(beside.trim_end_matches('│').trim().is_empty(), "{size:?}: {beside:?}\n{text}");
        }
        if state.library.entries.is_empty() {
            for format in [".txt", ".md", ".html", ".srt", ".vtt"] {
                assert!(text.contains(format), "{size:?}: the message is whole\n{text}");
            }
        }
        assert_clean_corners(&text, "library");
    }
}
