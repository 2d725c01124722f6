//! The pure core must not know about the terminal: no module of it may name
//! ratatui or crossterm. Only the shell (`tui/`, `cli/`, `main.rs`) may; the
//! app layer (`app/`) is checked too: it is as terminal-free as the core.

use std::path::{Path, PathBuf};

/// Shell modules, allowed to talk to the terminal.
const SHELL: &[&str] = &["src/tui", "src/cli", "src/main.rs"];

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

fn core_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.retain(|f| {
        let rel = f.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        !SHELL.iter().any(|shell| rel == *shell || rel.starts_with(&format!("{shell}/")))
    });
    files
}

fn names_terminal_crate(source: &str) -> Option<&'static str> {
    ["ratatui", "crossterm"].into_iter().find(|name| {
        source.lines().any(|line| {
            let code = line.split("//").next().unwrap_or("");
            code.contains(&format!("{name}::"))
                || code.contains(&format!("use {name}"))
                || code.contains(&format!("extern crate {name}"))
        })
    })
}

#[test]
fn core_modules_never_name_the_terminal() {
    let files = core_files();
    assert!(files.len() >= 8, "expected the core modules, found {files:?}");
    let offenders: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let source = std::fs::read_to_string(f).unwrap();
            names_terminal_crate(&source).map(|name| format!("{} names {name}", f.display()))
        })
        .collect();
    assert!(offenders.is_empty(), "the pure core must not depend on the terminal:\n{}", offenders.join("\n"));
}

#[test]
fn the_check_itself_catches_a_violation() {
    assert_eq!(names_terminal_crate("use ratatui::widgets::Paragraph;"), Some("ratatui"));
    assert_eq!(names_terminal_crate("let s = crossterm::terminal::size();"), Some("crossterm"));
    assert_eq!(names_terminal_crate("// ratatui:: mentioned in a comment"), None);
    assert_eq!(names_terminal_crate("fn pure() {}"), None);
}
