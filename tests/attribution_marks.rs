//! In the reader, how a passage's speaker is known shows quietly: a dashed
//! bar for a paraphrase, a faint bar for an inferred speaker, and marks in
//! the speaker pane; every speaker of an article has a colour of its own.

mod common;

use common::app::{app, keys, open};
use gloss::app::AppState;
use gloss::config::settings::ThemeName;
use gloss::speaker::PassageKind;
use gloss::tui::theme::Theme;
use gloss::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

const ARTICLE: &str = "Ferry fares to rise in spring\n\n\
The harbour board voted on Tuesday to raise ferry fares by a tenth from April.\n\n\
\u{201c}We have held the line for six years, and the fuel bill has doubled,\u{201d} said Ines Varga, the board\u{2019}s chair.\n\n\
\u{201c}Nobody likes this, but the boats have to run.\u{201d}\n\n\
Tomasz Okafor, who runs the island shop 🏝, said the rise would hit families hardest.\n\n\
Okafor said he would ask the board to keep a cheaper winter pass for residents.\n";

fn draw(state: &AppState, colour: bool) -> Buffer {
    let (width, height) = state.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::render(state, &Theme::new(ThemeName::Dark, colour), frame)).unwrap();
    terminal.backend().buffer().clone()
}

fn row_text(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width).map(|x| buffer[(x, y)].symbol().to_owned()).collect()
}

#[test]
fn paraphrases_and_inferred_speakers_are_marked_in_the_reader_and_the_pane() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("fares.txt"), ARTICLE).unwrap();
    let (mut state, location) = app(dir.path(), (160, 30));
    open(&mut state, &location, "fares.txt");
    let reader = state.reader.as_ref().unwrap();
    let kinds: Vec<(PassageKind, bool)> =
        reader.attribution.passages.iter().filter(|p| p.speaker.is_some()).map(|p| (p.kind, p.is_inferred())).collect();
    assert!(kinds.iter().any(|(k, _)| *k == PassageKind::Paraphrase), "{kinds:?}");
    let buffer = draw(&state, false);
    let rows: Vec<String> = (0..buffer.area.height).map(|y| row_text(&buffer, y)).collect();
    let screen = rows.join("\n");
    let paraphrase = rows.iter().position(|r| r.contains("said the rise would hit")).expect("shown");
    assert!(rows[paraphrase].contains('╎'), "a paraphrase has a dashed bar:\n{screen}");
    let quote = rows.iter().position(|r| r.contains("We have held the line")).expect("shown");
    assert!(rows[quote].contains('▍') && !rows[quote].contains('╎'), "a direct quote has a solid bar");
    if kinds.iter().any(|(_, inferred)| *inferred) {
        let inferred = rows.iter().position(|r| r.contains("Nobody likes this")).expect("shown");
        let x = rows[inferred].chars().position(|c| c == '▍' || c == '╎').expect("a bar");
        let cell = &buffer[(u16::try_from(x).unwrap(), u16::try_from(inferred).unwrap())];
        assert!(cell.modifier.contains(Modifier::DIM), "an inferred speaker's bar is faint");
    }
    // The pane: the paraphrased-only speaker is marked, and the marks are explained.
    keys(&mut state, &location, "3");
    let buffer = draw(&state, false);
    let rows: Vec<String> = (0..buffer.area.height).map(|y| row_text(&buffer, y)).collect();
    let okafor = rows.iter().find(|r| r.contains("Tomasz Okafor")).expect("listed");
    let pane = okafor.rsplit("││").next().unwrap();
    assert!(pane.contains('~'), "{pane:?}");
    assert!(rows.iter().any(|r| r.contains("~ paraphrased only")), "{}", rows.join("\n"));
}

#[test]
fn every_speaker_of_an_article_has_its_own_colour_on_screen() {
    let (mut state, location) = app(&common::app::assets(), (160, 48));
    open(&mut state, &location, "press-call-port-security.txt");
    let buffer = draw(&state, true);
    let mut colours = Vec::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            if cell.symbol() == "■" {
                colours.push(cell.fg);
            }
        }
    }
    assert!(colours.len() >= 6, "{colours:?}");
    for (i, c) in colours.iter().enumerate() {
        assert!(!colours[i + 1..].contains(c), "two speakers share {c:?}");
    }
}
