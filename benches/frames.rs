//! Benchmarks of the TUI's answer to a key: `update` plus a full frame drawn
//! to ratatui's `TestBackend`, on transcripts of 1, 10 and 100 MB and on one
//! 10 MB line, anywhere in the document.

#[allow(dead_code, reason = "the corpus module is shared; these benchmarks use only transcripts")]
mod corpus;

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use gloss::app::keymap::{KeyChord, Keymap};
use gloss::app::library::Entry;
use gloss::app::{Action, AppState, Loaded, Pane, update};
use gloss::config::settings::{Settings, ThemeName};
use gloss::document::{Document, Format};
use gloss::tui::theme::Theme;
use gloss::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZE: (u16, u16) = (160, 48);

/// The app with `text` open in the reader, as the shell leaves it after loading.
fn opened(text: &str) -> AppState {
    let path = PathBuf::from("bench.txt");
    let doc = Arc::new(Document::parse(text, Format::PlainText));
    let attribution = Arc::new(gloss::speaker::detect(&doc));
    let (keymap, _) = Keymap::load(None);
    let entries = vec![Entry::unread(path.clone(), "bench.txt".to_owned())];
    let mut state = AppState::new(entries, Settings::default(), keymap, SIZE);
    state.loading = Some(path.clone());
    let loaded = Loaded {
        path,
        result: Ok((doc, attribution)),
        notes: Ok(Vec::new()),
        sidecar_position: None,
        fingerprint: String::new(),
        preview: false,
        set_aside: Vec::new(),
    };
    update(&mut state, Action::ArticleLoaded(Box::new(loaded)));
    state
}

fn press(state: &mut AppState, keys: &str) {
    for key in keys.split(' ') {
        let effects = update(state, Action::Key(KeyChord::parse(key).expect("a key")));
        black_box(effects);
    }
}

fn key_then_frame(c: &mut Criterion) {
    let theme = Theme::new(ThemeName::Dark, true);
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("a test terminal");
    let mut group = c.benchmark_group("key_then_frame");
    for (name, size) in [("1MB", 1 << 20), ("10MB", 10 << 20), ("100MB", 100 << 20)] {
        let text = corpus::transcript(size);
        let mut state = opened(&text);
        let mut draw = |state: &AppState| terminal.draw(|frame| view::render(state, &theme, frame)).map(|_| ());
        group.bench_function(BenchmarkId::new("j", name), |b| {
            b.iter(|| {
                press(&mut state, "j");
                draw(&state)
            });
        });
        group.bench_function(BenchmarkId::new("g_then_G", name), |b| {
            b.iter(|| {
                press(&mut state, "g G");
                draw(&state)
            });
        });
        state.reader.as_mut().expect("open").search("vessel");
        group.bench_function(BenchmarkId::new("n", name), |b| {
            b.iter(|| {
                press(&mut state, "n");
                draw(&state)
            });
        });
        let reader = state.reader.as_mut().expect("open");
        let all = gloss::app::reader::find_all(&reader.doc.text, "vessel");
        reader.counted("vessel", all);
        group.bench_function(BenchmarkId::new("n_counted", name), |b| {
            b.iter(|| {
                press(&mut state, "n");
                draw(&state)
            });
        });
        // Toggling a speaker changes what is shown: the layout's units are rebuilt.
        state.focus = Pane::Speakers;
        group.bench_function(BenchmarkId::new("toggle_speaker", name), |b| {
            b.iter(|| {
                press(&mut state, "space");
                draw(&state)
            });
        });
    }
    group.finish();
}

fn one_long_line(c: &mut Criterion) {
    let theme = Theme::new(ThemeName::Dark, true);
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("a test terminal");
    let text = format!("One Long Line\n\n{}\n", "the harbour master counts the cranes ".repeat((10 << 20) / 37));
    let mut state = opened(&text);
    let mut draw = |state: &AppState| terminal.draw(|frame| view::render(state, &theme, frame)).map(|_| ());
    let mut group = c.benchmark_group("one_10MB_line");
    for keys in ["j", "ctrl-d", "g G", "G k"] {
        group.bench_function(keys, |b| {
            b.iter(|| {
                press(&mut state, keys);
                draw(&state)
            });
        });
    }
    group.finish();
}

criterion_group!(benches, key_then_frame, one_long_line);
criterion_main!(benches);
