//! The reader on a big article that is still being read and indexed: the
//! first screens at once, `G` and `50%` and a search read apart from the rest,
//! and the same place kept when the whole arrives.

mod common;

use std::fmt::Write;

use common::app::{act, app, keys, open, type_text};
use gloss::app::{Action, Command};

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

/// Back at the start of the article still loading (its preview shown again), `/query` Enter.
fn search_from_the_preview(
    state: &mut gloss::app::AppState,
    location: &gloss::config::Location,
    path: &std::path::Path,
    query: &str,
) {
    keys(state, location, "g");
    state.loading = Some(path.to_path_buf());
    act(state, location, preview_loaded(path));
    keys(state, location, "/");
    type_text(state, location, query);
    keys(state, location, "enter");
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
fn a_search_past_the_first_screens_of_a_big_article_still_loading_jumps_to_the_match_at_once() {
    let (dir, path) = big_library(3 << 20);
    let (mut state, location) = app(dir.path(), (100, 30));
    state.loading = Some(path.clone());
    act(&mut state, &location, preview_loaded(&path));
    // Far past the preview: the rest of the file is searched, the screens around the match read apart.
    keys(&mut state, &location, "/");
    type_text(&mut state, &location, "turn 40000 about");
    keys(&mut state, &location, "enter");
    assert!(state.loading.is_some(), "the whole article is still loading");
    let on_cursor = |state: &gloss::app::AppState| {
        let reader = state.reader.as_ref().unwrap();
        reader.doc.text[reader.cursor..].chars().take(16).collect::<String>()
    };
    assert_eq!(on_cursor(&state), "Turn 40000 about", "{:?}", state.message);
    let reader = state.reader.as_ref().unwrap();
    assert!(reader.head.is_some() && reader.part.is_some_and(|p| p > 50));
    let shown = |state: &gloss::app::AppState| {
        let reader = state.reader.as_ref().unwrap();
        reader.window.iter().map(|r| r.range.slice(&reader.doc.text).to_owned()).collect::<Vec<_>>()
    };
    assert!(shown(&state).iter().any(|row| row.contains("Turn 40000 ")));
    let before = shown(&state);
    // The whole arrives: the same screen, the cursor still on the match.
    let full = gloss::perform::load(&location, path.clone());
    act(&mut state, &location, Action::ArticleLoaded(Box::new(full)));
    assert!(state.reader.as_ref().unwrap().preview.is_none());
    assert_eq!(shown(&state), before, "the position does not move");
    assert_eq!(on_cursor(&state), "Turn 40000 about");
    // From a part read for a search, n past its last match searches the file on from its end.
    search_from_the_preview(&mut state, &location, &path, "0000 about");
    for turn in ["Turn 1", "Turn 2", "Turn 3"] {
        let reader = state.reader.as_ref().unwrap();
        let (before, after) = reader.doc.text.split_at(reader.cursor);
        assert!(before.ends_with(turn) && after.starts_with("0000 about"), "{turn}: {:?}", state.message);
        assert!(reader.head.is_some(), "a part read apart");
        keys(&mut state, &location, "n");
    }
    // A word that is nowhere: said so, and the reader stays at the start.
    search_from_the_preview(&mut state, &location, &path, "quayside 港");
    let message = state.message.as_ref().unwrap();
    assert!(message.error && message.text.contains("not in the rest"), "{message:?}");
    assert!(state.reader.as_ref().unwrap().head.is_none());
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
