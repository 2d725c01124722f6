//! Every input format through the real binary: `gloss show` (text and
//! `--json`) and `gloss speakers` on the bundled samples and the messier
//! fixtures in `tests/fixtures/formats/`.

mod common;

use std::path::{Path, PathBuf};

use common::{fixture, gloss, repo, stderr, stdout, terminal_hazards};
use serde_json::Value;

fn asset(name: &str) -> PathBuf {
    repo().join("assets").join(name)
}

fn run(args: &[&str]) -> String {
    let out = gloss(&repo(), args);
    assert!(out.status.success(), "gloss {args:?}: {}", stderr(&out));
    let text = stdout(&out);
    assert!(terminal_hazards(&text).is_empty(), "gloss {args:?} printed terminal controls");
    text
}

fn show(path: &Path) -> String {
    run(&["show", "--width", "100", path.to_str().unwrap()])
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&run(&["show", "--json", path.to_str().unwrap()])).expect("valid JSON")
}

/// Speaker names, in order of appearance, from `gloss speakers --json`.
fn speakers(path: &Path) -> Vec<String> {
    let rows: Value = serde_json::from_str(&run(&["speakers", "--json", path.to_str().unwrap()])).unwrap();
    rows["speakers"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_owned()).collect()
}

/// The speaker of the passage holding `fragment`, from `show --json`.
fn speaker_of(doc: &Value, fragment: &str) -> Option<String> {
    let passage = doc["passages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["text"].as_str().unwrap().contains(fragment))
        .unwrap_or_else(|| panic!("no passage holds {fragment:?}"));
    passage["speaker"].as_str().map(str::to_owned)
}

#[test]
fn every_format_gives_the_same_json_shape() {
    let files = [
        asset("news-river-treaty.txt"),
        asset("essay-night-trains.md"),
        asset("news-lighthouse-volunteers.html"),
        asset("transcript-harbour-board.html"),
        asset("podcast-tidepool-hour-12.vtt"),
        asset("drama-last-ferry.srt"),
        fixture("formats/really-html.txt"),
    ];
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    let reference = json(&files[0]);
    for file in &files {
        let doc = json(file);
        assert_eq!(keys(&doc), keys(&reference), "{}", file.display());
        for passage in doc["passages"].as_array().unwrap() {
            for key in ["kind", "speaker", "confidence", "text", "start", "end"] {
                assert!(passage.get(key).is_some(), "{}: passage without {key}", file.display());
            }
        }
        assert!(doc["links"].is_array());
        assert!(!doc["title"].as_str().unwrap().is_empty(), "{}", file.display());
    }
}

#[test]
fn html_news_page_shows_the_article_only() {
    let path = asset("news-lighthouse-volunteers.html");
    let text = show(&path);
    assert!(text.starts_with("Volunteers Relight the Skerrow Point Lighthouse After Forty Years\n"), "{text}");
    assert!(text.contains("2025-06-21 · The Fenwick Estuary Gazette · By Rosalind Treharne"), "{text}");
    assert!(text.contains("a block and tackle, a lot of tea"));
    assert!(text.contains("• The clockwork rotation replaced with a small electric motor"));
    assert!(text.contains("│ The light is not needed for navigation"));
    for chrome in [
        "cookie",
        "Accept all",
        "Obituaries",
        "Share on Facebook",
        "ADVERTISEMENT",
        "Related stories",
        "SeaWall_Sally",
        "electricity though",
        "inbox every morning",
        "All rights reserved",
    ] {
        assert!(!text.contains(chrome), "chrome {chrome:?} shown:\n{text}");
    }
    for code in ["dataLayer", "gtag", "font-family", "document.write", "newsletter!", "NewsArticle"] {
        assert!(!text.contains(code), "script or style {code:?} shown");
    }
    let doc = json(&path);
    assert_eq!(doc["date"], "2025-06-21");
    assert_eq!(doc["source"], "The Fenwick Estuary Gazette");
    assert_eq!(doc["byline"], "Rosalind Treharne");
    assert_eq!(speaker_of(&doc, "a lot of tea").as_deref(), Some("Eamon Prideaux-Vance"));
    assert_eq!(speaker_of(&doc, "It was nineteen").as_deref(), Some("Marisol Quennell"));
    let links = doc["links"].as_array().unwrap();
    assert!(
        links
            .iter()
            .any(|l| l["text"] == "during a survey of the building"
                && l["url"] == "https://example.org/skerrow-survey-2022"),
        "{links:#?}"
    );
}

#[test]
fn html_transcript_has_its_speakers() {
    let path = asset("transcript-harbour-board.html");
    assert_eq!(
        speakers(&path),
        ["Chair Iona Macphail-Drew", "Harbour Master Ruaridh Stenhouse", "Agnes Tolliver-Bain", "Kenji Abernethy-Sato"]
    );
    let doc = json(&path);
    assert_eq!(doc["title"], "Transcript: Kessock Harbour Board, public session on the winter moorings");
    assert_eq!(doc["date"], "2025-02-12");
    assert_eq!(speaker_of(&doc, "one January is not").as_deref(), Some("Agnes Tolliver-Bain"));
    assert_eq!(speaker_of(&doc, "港の浚渫は高くない").as_deref(), Some("Kenji Abernethy-Sato"));
    assert_eq!(speaker_of(&doc, "[Laughter]"), None);
    let text = show(&path);
    assert!(!text.contains("Skip to content") && !text.contains("boardSession") && !text.contains("cookies"));
}

#[test]
fn webvtt_podcast_merges_cues_into_turns() {
    let path = asset("podcast-tidepool-hour-12.vtt");
    assert_eq!(speakers(&path), ["Oona Lindqvist-Barr", "Thaddeus Mwangi-Hollis"]);
    let text = show(&path);
    assert!(text.starts_with("The Tidepool Hour, episode 12: The crab census\n"));
    assert!(text.contains("00:00:02\nOona Lindqvist-Barr: Hello and welcome to The Tidepool Hour. I'm Oona"), "{text}");
    assert!(text.contains("00:00:24\nThaddeus Mwangi-Hollis: Same way up. It's their house."), "{text}");
    assert!(text.contains("Look — there!") && text.contains("my palm & it is"));
    for hidden in ["::cue", "Wrack Line", "width:80%", "-->", "<v", "<i>", "00:00:41"] {
        assert!(!text.contains(hidden), "{hidden:?} shown:\n{text}");
    }
    let doc = json(&path);
    assert_eq!(speaker_of(&doc, "we put the stone back").as_deref(), Some("Thaddeus Mwangi-Hollis"));
    assert_eq!(speaker_of(&doc, "[gulls calling]"), None);
    let times = doc["passages"].as_array().unwrap().iter().filter(|p| p["time"].is_string()).count();
    assert_eq!(times, 11, "one cue time per merged passage, on the passage it starts");
}

#[test]
fn srt_drama_has_speakers_and_sound_tags() {
    let path = asset("drama-last-ferry.srt");
    assert_eq!(speakers(&path), ["Perpetua", "Casimir", "Deckhand Tobin"]);
    let text = show(&path);
    assert!(
        text.contains("00:00:07\nCASIMIR: It is. Is there a problem?\n\n00:00:07\nPERPETUA: There might be."),
        "{text}"
    );
    assert!(text.contains("[gate clangs]") && text.contains("(laughs)"));
    let doc = json(&path);
    for sound in ["[engine idling]", "[gate clangs]", "[horn sounds twice]"] {
        assert_eq!(speaker_of(&doc, sound), None, "{sound}");
    }
    assert_eq!(speaker_of(&doc, "full of books").as_deref(), Some("Casimir"));
    assert_eq!(speaker_of(&doc, "The heavy half").as_deref(), Some("Perpetua"));
}

#[test]
fn a_txt_that_is_really_html_is_read_as_html() {
    let path = fixture("formats/really-html.txt");
    let text = show(&path);
    assert!(text.starts_with("The Tiles of the Shirokane Bathhouse\n"), "{text}");
    assert!(text.contains("2024-11-03 · Notes from a Slow Walker"));
    assert!(text.contains("Mount Fuji"), "&nbsp; shown as a space");
    assert!(json(&path)["passages"].to_string().contains("Mount\u{a0}Fuji"), "and kept unbreakable in the text");
    assert!(text.contains("retouched “only twice”"));
    assert!(text.contains("once after the earthquake and once when the roof leaked"));
    assert!(text.contains("白金湯のタイルは戦前のもので、職人の名前が裏に書いてある 🛁."));
    assert!(text.contains("maker’s stamp") && text.contains("forty-one tiles & a single brass key"));
    assert!(text.contains("the rental ones are <very> thin"));
    for junk in ["<b>", "&nbsp;", "INJECTED", "_q.push", "footer script", "Archive", "Tweet", "cheap towels"] {
        assert!(!text.contains(junk), "{junk:?} shown:\n{text}");
    }
}

#[test]
fn a_txt_that_is_really_webvtt_is_read_as_captions() {
    let path = fixture("formats/really-vtt.txt");
    assert_eq!(speakers(&path), ["Cecily Varga-Holm", "Dr. Oyelaran Fitch"]);
    assert!(!show(&path).contains("-->"));
}

#[test]
fn webvtt_without_its_header_still_has_voices() {
    let path = fixture("formats/no-header.vtt");
    assert_eq!(speakers(&path), ["Ingrid Solheim-Obi", "Piotr Anand-Wallace"]);
    let doc = json(&path);
    assert_eq!(speaker_of(&doc, "Forty-three! 🌱").as_deref(), Some("Ingrid Solheim-Obi"));
    assert_eq!(speaker_of(&doc, "And one I can't name.").as_deref(), Some("Piotr Anand-Wallace"));
    assert_eq!(speaker_of(&doc, "Runner, broad & French.").as_deref(), Some("Piotr Anand-Wallace"));
}

#[test]
fn srt_with_crlf_and_bom() {
    let path = fixture("formats/crlf-bom.srt");
    assert_eq!(speakers(&path), ["Mei-Ling", "Oswin"]);
    let text = show(&path);
    assert!(text.contains("MEI-LING: 雨がやまないね。 Still raining."), "{text}");
    assert!(text.contains("OSWIN: The gutter. I'll fix it in the morning."), "{text}");
    assert!(!text.contains('\r') && !text.contains('\u{feff}') && !text.contains("<i>"));
    let doc = json(&path);
    assert_eq!(speaker_of(&doc, "[rain on a tin roof]"), None);
    assert_eq!(speaker_of(&doc, "what is that noise? 🤔").as_deref(), Some("Mei-Ling"));
}

#[test]
fn markdown_renders_as_a_reader_expects() {
    let path = fixture("formats/notes-toml.md");
    let text = show(&path);
    assert!(text.starts_with(
        "夜の港 — Night Harbour Notes\n2025-01-19 · Slow Compartment Letters · By Wilhelmina Okafor-Strand\n"
    ));
    assert!(text.contains("Some small notes from a night walk by the harbour, with a map."), "{text}");
    assert!(text.contains("│ The cranes stood still, as if listening."));
    assert!(text.contains("1. Leave at ten.") && text.contains("2. Walk the sea wall 🌊"));
    assert!(text.contains("◦ mind the gap by the slipway"));
    assert!(text.contains("    route: quay -> wall -> lighthouse"));
    assert!(!text.contains('*') && !text.contains("+++") && !text.contains("raw html blocks"));
    let doc = json(&path);
    assert_eq!(doc["links"][0]["text"], "a map");
    assert_eq!(doc["links"][0]["url"], "https://example.org/map");
}

#[test]
fn the_library_lists_every_format() {
    let listing = run(&["list", "--json", repo().join("assets").to_str().unwrap()]);
    for name in [
        "news-lighthouse-volunteers.html",
        "transcript-harbour-board.html",
        "podcast-tidepool-hour-12.vtt",
        "drama-last-ferry.srt",
    ] {
        assert!(listing.contains(name), "{name} not listed:\n{listing}");
    }
}
