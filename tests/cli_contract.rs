//! The command line as a contract for scripts: every JSON output validates
//! against `docs/schema.json`, every offset slices the text it says it
//! indexes, many files per call, one rule for `--speaker`, and the same
//! shape of error everywhere. Runs on the bundled library and on every file
//! of `../shared/corpus/real/`.

mod common;

use std::path::{Path, PathBuf};

use common::{bundled_library_copy, gloss, repo, stderr, stdout, terminal_hazards};
use serde_json::Value;

// ---- a JSON Schema subset: type, const, enum, required, properties,
// additionalProperties: false, items, minimum, maximum, pattern (^…$ of
// digits and dashes only), $ref to #/$defs. Enough for docs/schema.json.

fn schema() -> Value {
    serde_json::from_str(&std::fs::read_to_string(repo().join("docs/schema.json")).unwrap()).unwrap()
}

fn type_matches(value: &Value, name: &str) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_u64() || value.is_i64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        _ => false,
    }
}

/// `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, the only pattern the schema uses.
fn date_like(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn validate(value: &Value, rule: &Value, root: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(reference) = rule.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/$defs/");
        return validate(value, &root["$defs"][name], root, at, errors);
    }
    if let Some(want) = rule.get("const")
        && value != want
    {
        errors.push(format!("{at}: {value} is not {want}"));
    }
    if let Some(options) = rule.get("enum").and_then(Value::as_array)
        && !options.contains(value)
    {
        errors.push(format!("{at}: {value} not one of {options:?}"));
    }
    if let Some(kind) = rule.get("type") {
        let names: Vec<&str> = match kind {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if !names.iter().any(|n| type_matches(value, n)) {
            errors.push(format!("{at}: {value} is not {names:?}"));
            return;
        }
    }
    if let Some(n) = value.as_f64() {
        if rule.get("minimum").and_then(Value::as_f64).is_some_and(|m| n < m) {
            errors.push(format!("{at}: {n} below minimum"));
        }
        if rule.get("maximum").and_then(Value::as_f64).is_some_and(|m| n > m + 1e-9) {
            errors.push(format!("{at}: {n} above maximum"));
        }
    }
    if rule.get("pattern").is_some()
        && let Some(s) = value.as_str()
        && !date_like(s)
    {
        errors.push(format!("{at}: {s:?} is not a date"));
    }
    if let Some(object) = value.as_object() {
        let properties = rule.get("properties").and_then(Value::as_object);
        for name in rule.get("required").and_then(Value::as_array).into_iter().flatten() {
            if !object.contains_key(name.as_str().unwrap_or_default()) {
                errors.push(format!("{at}: missing {name}"));
            }
        }
        for (key, item) in object {
            match properties.and_then(|p| p.get(key)) {
                Some(rule) => validate(item, rule, root, &format!("{at}.{key}"), errors),
                None if rule.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{at}: unexpected field {key:?}"));
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(rule)) = (value.as_array(), rule.get("items")) {
        for (i, item) in items.iter().enumerate() {
            validate(item, rule, root, &format!("{at}[{i}]"), errors);
        }
    }
}

/// Panics with every way `value` breaks the schema's definition `name`.
fn assert_valid(value: &Value, name: &str, context: &str) {
    let root = schema();
    let mut errors = Vec::new();
    validate(value, &root["$defs"][name], &root, name, &mut errors);
    assert!(
        errors.is_empty(),
        "{context}: {} schema errors, first: {:?}",
        errors.len(),
        &errors[..errors.len().min(5)]
    );
}

/// Runs gloss and parses its JSON output, which must succeed.
fn json(cwd: &Path, args: &[&str]) -> Value {
    let out = gloss(cwd, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON: {e}"))
}

/// Every article of the real corpus (truth files and its README left out); empty without the corpus.
fn corpus() -> Vec<PathBuf> {
    let dir = repo().join("../shared/corpus/real");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect::<Vec<PathBuf>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|p: &PathBuf| {
            p.extension().is_none_or(|e| !e.eq_ignore_ascii_case("json"))
                && p.file_name().is_some_and(|n| n != "README.md")
        })
        .collect();
    files.sort();
    files
}

fn bundled() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("assets"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| ["txt", "md", "html", "srt", "vtt"].contains(&e.to_str().unwrap_or("")))
        })
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    files
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn every_documented_example_validates_against_the_schema() {
    let doc = std::fs::read_to_string(repo().join("docs/json.md")).unwrap();
    let mut checked = Vec::new();
    for part in doc.split("<!-- def: ").skip(1) {
        let (def, rest) = part.split_once(" -->").unwrap();
        let body = rest.split("```json\n").nth(1).and_then(|b| b.split("```").next()).unwrap();
        let example: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{def}: {e}"));
        assert_valid(&example, def, &format!("docs/json.md example for {def}"));
        checked.push(def.to_owned());
    }
    assert_eq!(
        checked,
        ["list", "show", "speakers", "annotations", "export", "search", "quoted"],
        "one example per command"
    );
}

#[test]
fn every_command_output_validates_against_the_schema() {
    let library = bundled_library_copy();
    for (args, def) in [(vec!["list", "--json"], "list"), (vec!["list", "--json", "assets"], "list")] {
        for record in json(&library, &args).as_array().unwrap() {
            assert_valid(record, def, &format!("{args:?}"));
        }
    }
    let mut files: Vec<PathBuf> =
        bundled().iter().map(|p| library.join("assets").join(p.file_name().unwrap())).collect();
    files.extend(corpus());
    for file in &files {
        for (command, def) in [("show", "show"), ("speakers", "speakers")] {
            assert_valid(
                &json(&library, &[command, "--json", arg(file)]),
                def,
                &format!("{command} {}", file.display()),
            );
        }
        let notes = json(&library, &["annotations", "list", "--json", arg(file)]);
        assert_valid(&notes, "annotations", &format!("annotations list {}", file.display()));
    }
    let export = json(&library, &["annotations", "export", "assets", "--format", "json"]);
    assert_valid(&export, "export", "export assets");
    assert!(export.as_array().unwrap().len() >= 3, "every article with notes: {export}");
    let one = json(&library, &["annotations", "export", "assets/news-river-treaty.txt", "--format", "json"]);
    assert_valid(&one, "export", "export of one article is an array too");
    if !corpus().is_empty() {
        let dir = repo().join("../shared/corpus/real");
        for record in json(&library, &["list", "--json", arg(&dir)]).as_array().unwrap() {
            assert_valid(record, "list", "list corpus");
        }
    }
}

#[test]
fn search_and_quoted_output_validates_against_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    for entry in std::fs::read_dir(repo().join("tests/fixtures/quoted")).unwrap().flatten() {
        std::fs::copy(entry.path(), lib.join(entry.file_name())).unwrap();
    }
    // The index goes to a temporary folder, never the user's cache.
    let run = |args: &[&str]| -> Value {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
            .current_dir(&lib)
            .args(args)
            .env("GLOSS_INDEX_DIR", dir.path().join("cache"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let hits = run(&["search", "northern channel", "--json"]);
    assert!(hits.as_array().unwrap().len() >= 3, "{hits}");
    for hit in hits.as_array().unwrap() {
        assert_valid(hit, "search", "search --json");
    }
    let echoes = run(&["quoted", "story-lights-and-dredgers.md", "--at", "200", "--json"]);
    assert!(echoes.as_array().unwrap().len() >= 2, "{echoes}");
    for echo in echoes.as_array().unwrap() {
        assert_valid(echo, "quoted", "quoted --json");
    }
}

/// Every passage's and link's text is the text sliced by its offsets, and
/// every speaker starts inside the text.
fn assert_offsets_slice(show: &Value, context: &str) {
    let text = show["text"].as_str().unwrap();
    assert_eq!(show["offsets"], "utf8-bytes");
    for item in show["passages"].as_array().unwrap().iter().chain(show["links"].as_array().unwrap()) {
        let (start, end) = (item["start"].as_u64().unwrap() as usize, item["end"].as_u64().unwrap() as usize);
        assert_eq!(text.get(start..end), item["text"].as_str(), "{context}: {item}");
    }
    for speaker in show["speakers"].as_array().unwrap() {
        assert!((speaker["start"].as_u64().unwrap() as usize) < text.len(), "{context}: {speaker}");
    }
}

#[test]
fn offsets_slice_the_text_in_every_bundled_and_real_article() {
    let mut files = bundled();
    files.extend(corpus());
    for file in &files {
        let show = json(&repo(), &["show", "--json", arg(file)]);
        assert_offsets_slice(&show, &file.display().to_string());
    }
    // Characters the reader shows as placeholders: soft hyphens, controls, bidi marks, CJK and emoji.
    let dir = tempfile::tempdir().unwrap();
    let article = "Ferry Talk\n\nANA RUIZ:  The fer\u{ad}ry leaves at dawn \u{1b}[31m港 🚢 \u{202e}now.\nBO LIND:  Not be\u{ad}fore the tide.\n";
    std::fs::write(dir.path().join("ferry.txt"), article).unwrap();
    let show = json(dir.path(), &["show", "--json", "ferry.txt"]);
    assert_offsets_slice(&show, "ferry.txt");
    let raw = stdout(&gloss(dir.path(), &["show", "--json", "ferry.txt"]));
    assert!(terminal_hazards(&raw).is_empty(), "JSON escapes what a terminal would obey: {raw}");
}

#[test]
fn caption_times_are_a_field_of_the_passage_they_start() {
    let file = repo().join("assets/podcast-tidepool-hour-12.vtt");
    let show = json(&repo(), &["show", "--json", arg(&file)]);
    let passages = show["passages"].as_array().unwrap();
    let looks_like_time = |t: &str| t.len() >= 8 && t.chars().all(|c| c.is_ascii_digit() || c == ':' || c == '.');
    assert!(passages.iter().all(|p| !looks_like_time(p["text"].as_str().unwrap())), "no passage is a cue time");
    let first_turn = passages.iter().find(|p| p["kind"] == "turn").unwrap();
    assert_eq!(first_turn["time"], "00:00:02", "{first_turn}");
    let speaker = first_turn["speaker"].as_str().unwrap();
    let only = json(&repo(), &["show", "--json", "--speaker", speaker, arg(&file)]);
    let kept = only["passages"].as_array().unwrap();
    assert!(!kept.is_empty() && kept.iter().all(|p| p["time"].is_string()), "a speaker's passages keep their times");
}

#[test]
fn many_files_or_a_folder_per_call() {
    let library = bundled_library_copy();
    let (a, b) = ("assets/news-river-treaty.txt", "assets/hearing-rail-safety.txt");
    let two = json(&library, &["show", "--json", a, b]);
    assert_eq!(two.as_array().map(Vec::len), Some(2), "two files: an array");
    assert_eq!(two[1]["path"], b);
    let folder = json(&library, &["speakers", "--json", "assets"]);
    assert_eq!(folder.as_array().map(Vec::len), Some(bundled().len()), "a folder: one record per article");
    for (command, def) in [
        (vec!["speakers", "--jsonl", "assets"], "speakers"),
        (vec!["show", "--jsonl", "assets"], "show"),
        (vec!["annotations", "list", "--jsonl", "assets"], "annotations"),
    ] {
        let out = gloss(&library, &command);
        assert!(out.status.success(), "{command:?}: {}", stderr(&out));
        let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
        assert_eq!(lines.len(), bundled().len(), "{command:?}: one line per article");
        for line in lines {
            let record: Value = serde_json::from_str(line).unwrap();
            assert!(record["path"].as_str().unwrap().starts_with("assets/"), "{record}");
            assert_valid(&record, def, &format!("{command:?}"));
        }
    }
    let text = stdout(&gloss(&library, &["annotations", "list", "assets"]));
    assert!(text.contains("==> assets/news-river-treaty.txt <=="), "{text}");
}

#[test]
fn list_counts_notes_and_names_the_top_speaker() {
    let library = bundled_library_copy();
    let list = json(&library, &["list", "--json"]);
    let find = |name: &str| list.as_array().unwrap().iter().find(|a| a["path"] == name).unwrap().clone();
    let hearing = find("assets/hearing-rail-safety.txt");
    assert_eq!(hearing["notes"], 1, "{hearing}");
    let speakers = json(&library, &["speakers", "--json", "assets/hearing-rail-safety.txt"]);
    let all = speakers["speakers"].as_array().unwrap();
    assert_eq!(hearing["speakers"].as_u64(), Some(all.len() as u64));
    let top = all.iter().max_by_key(|s| s["words"].as_u64()).unwrap();
    assert_eq!(hearing["top_speaker"], top["name"]);
}

/// A transcript whose turns sit on consecutive lines (hard breaks) of one Markdown paragraph.
const MD_TRANSCRIPT: &str = "---\ntitle: \"Ferry\\_Board: the \\u201Cwinter\\u201D timetable\\\n  \\ hearing\"\ndate: '2025-01-09'\n---\n\n(APPLAUSE)\n\nCHAIR LINDQVIST:  Good evening to the board.  \nMR. OKONJO:  Thank you, Chair. The ferry runs twice.  \nCHAIR LINDQVIST:  And in winter?  \nMR. OKONJO:  Once, at dawn. 港 🚢\n";

#[test]
fn markdown_front_matter_titles_and_turns_in_plain_show() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ferry.md"), MD_TRANSCRIPT).unwrap();
    let show = json(dir.path(), &["show", "--json", "ferry.md"]);
    assert_eq!(show["title"], "Ferry Board: the \u{201c}winter\u{201d} timetable hearing");
    let turns = show["passages"].as_array().unwrap().iter().filter(|p| p["kind"] == "turn").count();
    assert_eq!(turns, 4, "{show}");
    let plain = stdout(&gloss(dir.path(), &["show", "--width", "200", "ferry.md"]));
    for label in ["CHAIR LINDQVIST: Good", "MR. OKONJO: Thank", "CHAIR LINDQVIST: And", "MR. OKONJO: Once"] {
        assert!(plain.contains(&format!("\n\n{label}")), "{label:?} starts a paragraph:\n{plain}");
    }
    for file in corpus() {
        let show = json(&repo(), &["show", "--json", arg(&file)]);
        let title = show["title"].as_str().unwrap();
        assert!(!title.contains('\\') && !title.starts_with(['"', '(']) && !title.contains('\u{2060}'), "{title:?}");
        if file.extension().is_some_and(|e| e == "md") {
            let turns = show["passages"].as_array().unwrap().iter().filter(|p| p["kind"] == "turn").count();
            let plain = stdout(&gloss(&repo(), &["show", "--width", "60000", arg(&file)]));
            let paragraphs = plain.split("\n\n").count();
            assert!(paragraphs >= turns, "{}: {paragraphs} paragraphs for {turns} turns", file.display());
        }
    }
}
