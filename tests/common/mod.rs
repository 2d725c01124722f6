//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod app;
pub mod tmux;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the repository's bundled library (`gloss.toml`, `assets/`,
/// `annotations/`) in a temporary folder that outlives the test: tests that
/// write notes or reading positions must never change the repository.
pub fn bundled_library_copy() -> PathBuf {
    let copy = tempfile::tempdir().expect("temp dir").keep();
    for folder in ["assets", "annotations"] {
        copy_tree(&repo().join(folder), &copy.join(folder));
    }
    std::fs::copy(repo().join("gloss.toml"), copy.join("gloss.toml")).expect("copy gloss.toml");
    copy
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

/// A fixture file under `tests/fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    repo().join("tests/fixtures").join(rel)
}

/// The two real seed documents live beside the repository, in `../shared/seeds/`.
pub fn seed(name: &str) -> PathBuf {
    let path = repo().join("../shared/seeds").join(name);
    assert!(
        path.is_file(),
        "seed document missing: {} (the tests expect ../shared/seeds beside the repo)",
        path.display()
    );
    path
}

pub const SEED_TRANSCRIPT: &str = "000_8d4b1897cbde0683.txt";
pub const SEED_NEWS: &str = "002_23e22497602449cb.txt";

/// Runs the real `gloss` binary in `cwd` with `args`.
pub fn gloss(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .current_dir(cwd)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run gloss")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Bytes a terminal would act on: ESC, C1 controls, and bidi controls.
pub fn terminal_hazards(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| {
            let u = u32::from(*c);
            (u < 0x20 && *c != '\n')
                || (0x7f..=0x9f).contains(&u)
                || matches!(u, 0x202A..=0x202E | 0x2066..=0x2069 | 0x200E | 0x200F | 0x61C)
        })
        .collect()
}
