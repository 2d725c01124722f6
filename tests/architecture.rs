//! The layering, enforced: the pure core names neither ratatui nor
//! crossterm and never imports the app layer or a shell; the app layer
//! (`app/`, `perform.rs`) is as terminal-free as the core and never imports
//! a shell. `lib.rs`'s module map lists every module, and no source file
//! grows past the point where it should be split.

use std::path::{Path, PathBuf};

/// Shell modules, allowed to talk to the terminal.
const SHELL: &[&str] = &["src/tui", "src/cli", "src/main.rs"];
/// The app layer: state, actions, effects carried out.
const APP: &[&str] = &["src/app", "src/perform.rs"];
/// Not a layer: the module map.
const ROOT: &[&str] = &["src/lib.rs"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn in_any(rel: &str, group: &[&str]) -> bool {
    group.iter().any(|g| rel == *g || rel.starts_with(&format!("{g}/")))
}

/// Source files (relative, with `/`) and their text, of the groups not excluded.
fn files(keep: impl Fn(&str) -> bool) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    rust_files(&root.join("src"), &mut found);
    found
        .into_iter()
        .map(|f| (f.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"), f))
        .filter(|(rel, _)| keep(rel))
        .map(|(rel, f)| (rel, std::fs::read_to_string(f).unwrap()))
        .collect()
}

fn core_files() -> Vec<(String, String)> {
    files(|rel| !in_any(rel, SHELL) && !in_any(rel, APP) && !in_any(rel, ROOT))
}

fn app_files() -> Vec<(String, String)> {
    files(|rel| in_any(rel, APP))
}

/// Code of a line: what comes before a `//` comment.
fn code_lines(source: &str) -> impl Iterator<Item = &str> {
    source.lines().map(|line| line.split("//").next().unwrap_or(""))
}

fn names_terminal_crate(source: &str) -> Option<&'static str> {
    ["ratatui", "crossterm"].into_iter().find(|name| {
        code_lines(source).any(|code| {
            code.contains(&format!("{name}::"))
                || code.contains(&format!("use {name}"))
                || code.contains(&format!("extern crate {name}"))
        })
    })
}

/// The top-level modules a line of code names through `crate::`: `crate::app::X`,
/// `crate::{app, document}`, `crate::{app::{a, b}, tui}`.
fn crate_modules(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The first identifier of every item at the group's top level.
            let mut depth = 0;
            let mut start_of_item = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start_of_item = true,
                    c if start_of_item && (c.is_alphanumeric() || c == '_') => {
                        let ident: String =
                            group[i..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                        found.push(ident);
                        start_of_item = false;
                    }
                    _ => {}
                }
            }
        } else {
            found.push(rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect());
        }
    }
    found
}

/// The first of `modules` (top-level modules of the crate) that `source` imports.
fn imports_module<'a>(source: &str, modules: &[&'a str]) -> Option<&'a str> {
    let named: Vec<String> = code_lines(source).flat_map(crate_modules).collect();
    modules.iter().copied().find(|module| named.iter().any(|n| n == module))
}

fn offenders(files: &[(String, String)], check: impl Fn(&str) -> Option<String>) -> Vec<String> {
    files.iter().filter_map(|(rel, source)| check(source).map(|what| format!("{rel} {what}"))).collect()
}

#[test]
fn core_modules_never_name_the_terminal() {
    let files = core_files();
    assert!(files.len() >= 8, "expected the core modules, found {}", files.len());
    let found = offenders(&files, |s| names_terminal_crate(s).map(|n| format!("names {n}")));
    assert!(found.is_empty(), "the pure core must not depend on the terminal:\n{}", found.join("\n"));
}

#[test]
fn core_modules_never_import_the_app_layer_or_a_shell() {
    let files = core_files();
    assert!(files.iter().any(|(rel, _)| rel.starts_with("src/session/")), "the session is core");
    let found =
        offenders(&files, |s| imports_module(s, &["app", "perform", "tui", "cli"]).map(|m| format!("imports {m}")));
    assert!(found.is_empty(), "the pure core must not import the layers above it:\n{}", found.join("\n"));
}

#[test]
fn the_app_layer_names_no_terminal_and_imports_no_shell() {
    let files = app_files();
    assert!(files.iter().any(|(rel, _)| rel == "src/perform.rs"), "{}", files.len());
    let found = offenders(&files, |s| {
        names_terminal_crate(s)
            .map(|n| format!("names {n}"))
            .or_else(|| imports_module(s, &["tui", "cli"]).map(|m| format!("imports {m}")))
    });
    assert!(found.is_empty(), "the app layer must not depend on a shell:\n{}", found.join("\n"));
}

#[test]
fn the_module_map_lists_every_module() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let modules: Vec<&str> =
        lib.lines().filter_map(|l| l.strip_prefix("pub mod ").and_then(|m| m.strip_suffix(';'))).collect();
    assert!(modules.len() >= 10, "{modules:?}");
    let missing: Vec<&&str> = modules.iter().filter(|m| !lib.contains(&format!("//! - [`{m}`]"))).collect();
    assert!(missing.is_empty(), "src/lib.rs's module map leaves out {missing:?}");
}

/// A file past this many lines does several things: split it (the guide's ~600).
const MAX_FILE_LINES: usize = 600;

#[test]
fn no_source_file_grows_past_the_split_point() {
    let long: Vec<String> = files(|_| true)
        .into_iter()
        .filter(|(_, text)| text.lines().count() > MAX_FILE_LINES)
        .map(|(rel, text)| format!("{rel}: {} lines", text.lines().count()))
        .collect();
    assert!(long.is_empty(), "split these files (over {MAX_FILE_LINES} lines): {long:?}");
}

#[test]
fn the_checks_themselves_catch_a_violation() {
    assert_eq!(names_terminal_crate("use ratatui::widgets::Paragraph;"), Some("ratatui"));
    assert_eq!(names_terminal_crate("let s = crossterm::terminal::size();"), Some("crossterm"));
    assert_eq!(names_terminal_crate("// ratatui:: mentioned in a comment"), None);
    assert_eq!(names_terminal_crate("fn pure() {}"), None);
    let layers = ["app", "perform", "tui", "cli"];
    let cases: &[(&str, Option<&str>)] = &[
        ("use crate::app::AppState;", Some("app")),
        ("use crate::{app, document};", Some("app")),
        ("use crate::{document, tui};", Some("tui")),
        ("let x = crate::cli::main();", Some("cli")),
        ("use crate::perform;", Some("perform")),
        ("use crate::document::Document; // not crate::app::X", None),
        ("use crate::application::Thing;", None),
        ("use crate::sidecar::Annotation;", None),
        ("use crate::{document::{self, Document}, app::Action};", Some("app")),
        ("use crate::{document::{app, tui}};", None),
    ];
    for (source, want) in cases {
        assert_eq!(imports_module(source, &layers), *want, "{source}");
    }
}
