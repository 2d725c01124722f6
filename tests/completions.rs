//! `gloss completions SHELL` and `gloss man`, generated from the clap
//! definitions: every subcommand and option appears, and the scripts parse.

mod common;

use std::process::Command;

use common::{gloss, repo, stderr, stdout};

/// Subcommands and options every output must mention.
const EXPECTED: &[&str] = &["show", "list", "speakers", "annotations", "completions", "--speaker", "--boilerplate"];

#[test]
fn completions_name_every_subcommand_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let out = gloss(&repo(), &["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for word in EXPECTED {
            assert!(script.contains(word.trim_start_matches('-')), "{shell} completion lacks {word}");
        }
    }
    let out = gloss(&repo(), &["completions", "tcsh"]);
    assert!(!out.status.success(), "an unknown shell is a usage error");
}

#[test]
fn the_bash_script_is_valid_bash() {
    let script = stdout(&gloss(&repo(), &["completions", "bash"]));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gloss.bash");
    std::fs::write(&file, script).unwrap();
    // Syntax check only when bash is here; the content checks above always run.
    if let Ok(out) = Command::new("bash").arg("-n").arg(&file).output() {
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn the_man_page_covers_every_subcommand() {
    let out = gloss(&repo(), &["man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.starts_with(".ie") || page.starts_with(".TH"), "{}", &page[..80.min(page.len())]);
    assert!(page.contains(".TH gloss 1"));
    for heading in ["GLOSS SHOW", "GLOSS LIST", "GLOSS SPEAKERS", "GLOSS ANNOTATIONS ADD", "GLOSS COMPLETIONS"] {
        assert!(page.contains(&format!(".SH \"{heading}\"")), "man page lacks {heading}");
    }
    for option in ["\\-\\-speaker", "\\-\\-boilerplate", "\\-\\-width"] {
        assert!(page.contains(option), "man page lacks {option}");
    }
    // It renders without warnings where man is installed.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gloss.1");
    std::fs::write(&file, &page).unwrap();
    if let Ok(out) = Command::new("man").arg("-l").arg(&file).env("MANWIDTH", "80").output()
        && out.status.success()
    {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("GLOSS SHOW"), "{text}");
    }
}
