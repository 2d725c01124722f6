//! `gloss speakers` and `gloss show --speaker` through the real binary.

mod common;

use common::{SEED_NEWS, SEED_TRANSCRIPT, gloss, repo, seed, stderr, stdout};

#[test]
fn speakers_table_of_the_seed_transcript() {
    let out = gloss(&repo(), &["speakers", seed(SEED_TRANSCRIPT).to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    for name in [
        "Moderator",
        "Senior Administration Official",
        "Cate Cadell (Washington Post)",
        "Christina Anderson",
        "Demetri (FT)",
    ] {
        assert!(table.contains(name), "{name} missing from\n{table}");
    }
}

#[test]
fn speakers_json_has_turns_words_share_and_first_appearance() {
    let out = gloss(&repo(), &["speakers", "--json", seed(SEED_NEWS).to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = json["speakers"].as_array().unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    for name in ["Jen Daskal", "Wang Xiaohong", "Yu Haibin", "Vanda Felbab-Brown"] {
        assert!(names.contains(&name), "{name} missing: {names:?}");
    }
    let share: f64 = rows.iter().map(|r| r["share"].as_f64().unwrap()).sum();
    assert!((share - 1.0).abs() < 1e-6);
    let firsts: Vec<u64> = rows.iter().map(|r| r["start"].as_u64().unwrap()).collect();
    assert!(firsts.windows(2).all(|w| w[0] <= w[1]), "rows in order of first appearance");
}

#[test]
fn show_speaker_keeps_only_that_speakers_passages() {
    let path = seed(SEED_TRANSCRIPT);
    for name in ["moderator", "MODERATOR", "Moderator"] {
        let out = gloss(&repo(), &["show", "--json", "--speaker", name, path.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        // Besides the questions they answer (marked), only the speaker's own passages.
        let own: Vec<_> = json["passages"].as_array().unwrap().iter().filter(|p| p["question"] != true).collect();
        assert!(own.len() >= 5);
        assert!(own.iter().all(|p| p["speaker"] == "Moderator"));
    }
    // `Q` is an alias of every reporter.
    let out = gloss(&repo(), &["show", "--json", "--speaker", "q", path.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let own = json["passages"].as_array().unwrap().iter().filter(|p| p["question"] != true).count();
    assert_eq!(own, 5 + 2, "five Q turns, two with a second paragraph");
    assert_eq!(json["speakers"].as_array().unwrap().len(), 3);
}

#[test]
fn show_json_passages_cover_the_body_with_byte_offsets() {
    let path = seed(SEED_NEWS);
    let text = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
    let out = gloss(&repo(), &["show", "--json", path.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for p in json["passages"].as_array().unwrap() {
        let (start, end) = (p["start"].as_u64().unwrap() as usize, p["end"].as_u64().unwrap() as usize);
        // The seed is clean UTF-8 with LF line ends, so its normalised text is the file itself.
        assert_eq!(&text[start..end], p["text"].as_str().unwrap());
        assert!(p["speaker"].is_null() == p["confidence"].is_null());
    }
}

#[test]
fn an_unknown_speaker_is_a_clear_error() {
    let out = gloss(&repo(), &["show", "--speaker", "Nobody Here", seed(SEED_NEWS).to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("no speaker called \"Nobody Here\"") && err.contains("Jen Daskal"), "{err}");
}

#[test]
fn corrections_are_saved_in_the_sidecar_and_applied_on_every_load() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("radio.txt");
    std::fs::write(&article, "Morning Radio\n\nANNA RUSSO, HOST:  Good morning.\nTOM EKLUND:  Morning, Anna.\nRUSSO:  Let's begin.\nTOM EKLUND:  Sure thing.\n").unwrap();
    let out = gloss(dir.path(), &["speakers", "radio.txt", "--rename", "Tom Eklund", "Tomas Eklund"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let sidecar = dir.path().join("annotations/radio.txt.toml");
    let saved = std::fs::read_to_string(&sidecar).unwrap();
    assert!(saved.contains("[[speakers.rename]]") && saved.contains("Tomas Eklund"), "{saved}");

    let offset = std::fs::read_to_string(&article).unwrap().find("Sure thing").unwrap().to_string();
    let out = gloss(dir.path(), &["speakers", "radio.txt", "--reassign", &offset, "Anna Russo", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = json["speakers"].as_array().unwrap();
    let anna = rows.iter().find(|r| r["name"] == "Anna Russo").unwrap();
    assert_eq!(anna["turns"], 3);
    let tomas = rows.iter().find(|r| r["name"] == "Tomas Eklund").unwrap();
    assert_eq!(tomas["turns"], 1);

    // A later plain load applies both corrections.
    let out = gloss(dir.path(), &["show", "--json", "radio.txt"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let owner = |fragment: &str| {
        json["passages"].as_array().unwrap().iter().find(|p| p["text"].as_str().unwrap().contains(fragment)).unwrap()["speaker"].clone()
    };
    assert_eq!(owner("Morning, Anna"), "Tomas Eklund");
    assert_eq!(owner("Sure thing"), "Anna Russo");
}

#[test]
fn a_bad_offset_is_a_usage_error_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "A\n\nMODERATOR: hi.\nQ  yes?\n").unwrap();
    let out = gloss(dir.path(), &["speakers", "a.txt", "--reassign", "twelve", "Moderator"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not a byte offset"));
    assert!(!dir.path().join("annotations").exists(), "nothing written on error");
}

#[test]
fn show_speaker_keeps_the_question_before_an_answer_as_the_reader_does() {
    let dir = tempfile::tempdir().unwrap();
    let talk = "Port Talk\n\nMODERATOR:  Welcome to the 港 briefing 🚢.\nQ  When do the cranes arrive?\nOFFICIAL:  In March, after the tide.\nQ  Thanks, that is all.\nOFFICIAL:  Good.\n";
    std::fs::write(dir.path().join("talk.txt"), talk).unwrap();
    let out = gloss(dir.path(), &["show", "--width", "80", "--speaker", "official", "talk.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("When do the cranes arrive?"), "the question is kept:\n{text}");
    assert!(!text.contains("that is all"), "a turn that asks nothing is not:\n{text}");
    assert!(!text.contains("Welcome"), "{text}");
    assert!(text.find("When do").unwrap() < text.find("In March").unwrap(), "{text}");
    let out = gloss(dir.path(), &["show", "--json", "--speaker", "official", "talk.txt"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let questions: Vec<&str> = json["passages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["question"] == true)
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(questions, ["When do the cranes arrive?"]);
    // A user who turned questions off gets only the speaker.
    std::fs::write(dir.path().join("config.toml"), "[speakers]\nkeep_questions = false\n").unwrap();
    let out = gloss(dir.path(), &["--config", "config.toml", "show", "--speaker", "official", "talk.txt"]);
    assert!(!stdout(&out).contains("When do"), "{}", stdout(&out));
}
