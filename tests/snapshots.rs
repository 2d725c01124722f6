//! Screens rendered to ratatui's `TestBackend` and compared with reviewed
//! snapshots (`tests/snapshots/`), at 80×24 and 160×48; plus sizes from 0×0
//! up, which must never panic, and a storm of 10,000 random resizes.

mod common;

use common::app::{act, app, assets, keys, open, type_text};
use gloss::app::reader::RowKind;
use gloss::app::{Action, AppState};
use gloss::config::settings::ThemeName;
use gloss::tui::theme::Theme;
use gloss::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

const PRESS_CALL: &str = "press-call-port-security.txt";

fn draw(state: &AppState, theme: &Theme) -> Buffer {
    let (width, height) = state.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::render(state, theme, frame)).unwrap();
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn screen(state: &AppState) -> String {
    text(&draw(state, &Theme::new(ThemeName::Dark, false)))
}

#[test]
fn library_at_both_sizes() {
    for size in [(80, 24), (160, 48)] {
        let (state, _) = app(&assets(), size);
        insta::assert_snapshot!(format!("library_{}x{}", size.0, size.1), screen(&state));
    }
}

#[test]
fn press_call_at_both_sizes() {
    for size in [(80, 24), (160, 48)] {
        let (mut state, location) = app(&assets(), size);
        open(&mut state, &location, PRESS_CALL);
        insta::assert_snapshot!(format!("press_call_{}x{}", size.0, size.1), screen(&state));
    }
}

#[test]
fn only_the_moderator_at_both_sizes() {
    for size in [(80, 24), (160, 48)] {
        let (mut state, location) = app(&assets(), size);
        open(&mut state, &location, PRESS_CALL);
        // The moderator by name: the pane lists speakers by first appearance, and
        // the summary above the transcript paraphrases "the officials" first.
        keys(&mut state, &location, "3");
        let reader = state.reader.as_ref().unwrap();
        let moderator = state
            .speakers
            .order
            .iter()
            .position(|id| reader.attribution.speakers[id.0].name == "Moderator")
            .expect("the moderator is listed");
        state.speakers.selected = moderator;
        keys(&mut state, &location, "o");
        insta::assert_snapshot!(format!("moderator_only_{}x{}", size.0, size.1), screen(&state));
    }
}

#[test]
fn news_article_with_speakers_pane() {
    let (mut state, location) = app(&assets(), (160, 48));
    open(&mut state, &location, "news-river-treaty.txt");
    insta::assert_snapshot!("news_160x48", screen(&state));
}

#[test]
fn help_and_search_overlays() {
    let (mut state, location) = app(&assets(), (80, 24));
    open(&mut state, &location, PRESS_CALL);
    keys(&mut state, &location, "f1");
    insta::assert_snapshot!("help_80x24", screen(&state));
    keys(&mut state, &location, "esc /");
    type_text(&mut state, &location, "rotterdam");
    insta::assert_snapshot!("search_prompt_80x24", screen(&state));
    keys(&mut state, &location, "enter");
    insta::assert_snapshot!("search_match_80x24", screen(&state));
}

#[test]
fn help_uses_the_whole_width_and_lists_the_overlays_keys() {
    let (mut state, location) = app(&assets(), (160, 48));
    open(&mut state, &location, PRESS_CALL);
    keys(&mut state, &location, "f1");
    let shown = screen(&state);
    insta::assert_snapshot!("help_160x48", shown);
    // No help line is cut at 160 columns (it was at about 78).
    assert!(shown.contains("Search forward (in the library pane: filter the list)."), "{shown}");
    assert!(shown.contains("Open the selected article, or act on the selected item."), "{shown}");
    // Scrolled down page by page: the overlays' own keys, from the keymap. Every page is
    // kept, so the test does not depend on how many commands come before the overlays.
    let mut later = String::new();
    for _ in 0..20 {
        keys(&mut state, &location, "ctrl-d");
        later.push_str(&screen(&state));
    }
    for heading in ["Note editor", "Notes list", "Search and filter prompts"] {
        assert!(later.contains(heading), "{heading} in\n{later}");
    }
    assert!(later.contains("ctrl-s") && later.contains("Save the note being written."), "{later}");
    assert!(later.contains("Save text read from standard input into the library"), "{later}");
}

#[test]
fn standard_input_draws_at_every_size_and_says_it_is_not_saved() {
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let (mut state, location) = app(dir.path(), (80, 24));
    let bytes = "Harbour Hour 港\n\nHOST: The ferry runs at six 🎙.\n\nGUEST: And back at nine.\n".as_bytes();
    let doc = gloss::document::Document::from_bytes(bytes.to_vec(), std::path::Path::new("standard input")).unwrap();
    let piped = gloss::app::stdin::Piped {
        attribution: Arc::new(gloss::speaker::detect(&doc)),
        doc: Arc::new(doc),
        bytes: gloss::app::stdin::SharedBytes(Arc::new(bytes.to_vec())),
        format: gloss::document::Format::PlainText,
    };
    act(&mut state, &location, Action::OpenStdin(Box::new(piped)));
    keys(&mut state, &location, "j");
    let shown = screen(&state);
    assert!(shown.contains("standard input · ") && shown.contains("not saved (S saves it)"), "{shown}");
    let theme = Theme::new(ThemeName::Dark, true);
    for (width, height) in
        [(0, 0), (1, 1), (10, 3), (23, 5), (24, 6), (30, 8), (80, 24), (119, 30), (120, 40), (200, 60)]
    {
        act(&mut state, &location, Action::Resize(width, height));
        draw(&state, &theme);
        keys(&mut state, &location, "v w 1");
        draw(&state, &theme);
        keys(&mut state, &location, "esc");
    }
}

#[test]
fn dimmed_speakers_are_drawn_dim_and_matches_highlighted() {
    let (mut state, location) = app(&assets(), (160, 48));
    open(&mut state, &location, PRESS_CALL);
    keys(&mut state, &location, "3 o m");
    let reader = state.reader.as_mut().unwrap();
    let official = reader
        .units
        .iter()
        .position(
            |r| matches!(r.kind, RowKind::Label(id) if reader.attribution.speakers[id.0].name.starts_with("Senior")),
        )
        .unwrap();
    reader.top = gloss::app::reader::RowPos { unit: official, line: 0 };
    reader.clamp();
    let theme = Theme::new(ThemeName::Dark, true);
    let buffer = draw(&state, &theme);
    let screen_text = text(&buffer);
    let row = screen_text
        .lines()
        .position(|l| l.contains("SENIOR ADMINISTRATION OFFICIAL"))
        .expect("the official's label is on screen, dimmed");
    let column = screen_text.lines().nth(row).unwrap().find("SENIOR").unwrap();
    let cell = &buffer[(
        u16::try_from(screen_text.lines().nth(row).unwrap()[..column].chars().count()).unwrap(),
        u16::try_from(row).unwrap(),
    )];
    assert_eq!(cell.fg, theme.dim.fg.unwrap(), "a filtered-out speaker's name is dim");
}

#[test]
fn no_size_panics_and_tiny_terminals_say_so() {
    let (mut state, location) = app(&assets(), (80, 24));
    open(&mut state, &location, PRESS_CALL);
    for width in 0..=40 {
        for height in 0..=12 {
            act(&mut state, &location, Action::Resize(width, height));
            let buffer = draw(&state, &Theme::new(ThemeName::Dark, true));
            if (18..24).contains(&width) && height >= 2 {
                assert!(text(&buffer).contains("terminal too small"), "{width}x{height}");
            }
        }
    }
}

#[test]
fn after_a_storm_of_resizes_the_frame_equals_a_fresh_render() {
    let (mut state, location) = app(&assets(), (120, 40));
    open(&mut state, &location, PRESS_CALL);
    keys(&mut state, &location, "ctrl-d ctrl-d");
    let mut seed = 7u64;
    for _ in 0..10_000 {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let width = u16::try_from((seed >> 33) % 220).unwrap();
        let height = u16::try_from((seed >> 45) % 70).unwrap();
        act(&mut state, &location, Action::Resize(width, height));
        let _ = draw(&state, &Theme::new(ThemeName::Dark, false));
    }
    act(&mut state, &location, Action::Resize(100, 30));
    let stormed = screen(&state);
    let (offset, top) = state.reader.as_ref().map(|r| (r.top_offset(), r.top)).unwrap();
    let (mut fresh, location) = app(&assets(), (100, 30));
    open(&mut fresh, &location, PRESS_CALL);
    let reader = fresh.reader.as_mut().unwrap();
    reader.scroll_to_offset(offset);
    // A blank, a speaker's name and the text below can share one offset: the
    // storm keeps the very row, the first of them or not.
    assert!(reader.top <= top && reader.top.unit + 2 >= top.unit, "{:?} far from {top:?}", reader.top);
    reader.top = top;
    reader.clamp();
    fresh.focus = state.focus;
    assert_eq!(stormed, screen(&fresh));
}

#[test]
fn the_colour_legend_while_selecting_and_the_library_wide_notes() {
    let (mut state, location) = app(&assets(), (160, 48));
    open(&mut state, &location, PRESS_CALL);
    keys(&mut state, &location, "v w");
    let legend = screen(&state);
    let bar = legend.lines().last().unwrap();
    // Without colour, a letter tells the five highlights apart.
    for (key, letter, meaning) in [
        ("1", "Y", "key point"),
        ("2", "G", "agree"),
        ("3", "B", "check this"),
        ("4", "P", "disagree"),
        ("5", "V", "follow up"),
    ] {
        assert!(bar.contains(&format!(" {key}  {letter} {meaning}")), "{bar}");
    }
    keys(&mut state, &location, "esc 1 A");
    insta::assert_snapshot!("library_notes_160x48", screen(&state));
}
