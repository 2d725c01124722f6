//! A process killed at a random moment while saving notes leaves the sidecar
//! as it was or as it was going to be, never half-written; temporary files
//! it leaves behind are cleaned at the next start. (`scripts/kill-during-save.sh`
//! runs the same check a thousand times.)

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use gloss::sidecar::Sidecar;

#[test]
fn killed_saves_leave_the_old_or_the_new_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let words: Vec<String> = (0..4000).map(|i| format!("word{i}")).collect();
    std::fs::write(dir.path().join("long.txt"), format!("Long Article\n\n{}\n", words.join(" "))).unwrap();
    // A sidecar big enough that writing it takes a moment.
    for i in 0..60 {
        let out = common::gloss(
            dir.path(),
            &[
                "annotations",
                "add",
                "long.txt",
                "--quote",
                &format!("word{} word{}", i * 50, i * 50 + 1),
                "--note",
                &"n".repeat(200),
            ],
        );
        assert!(out.status.success(), "{}", common::stderr(&out));
    }
    let sidecar = dir.path().join("annotations/long.txt.toml");
    let mut seed = 12_345u64;
    let mut killed_mid_save = 0;
    for i in 0..40 {
        let before = std::fs::read_to_string(&sidecar).unwrap();
        let count_before = Sidecar::load(&sidecar).unwrap().unwrap().annotations().unwrap().len();
        let mut child = Command::new(env!("CARGO_BIN_EXE_gloss"))
            .current_dir(dir.path())
            .args(["annotations", "add", "long.txt", "--quote", &format!("word{} word{}", 3001 + i, 3002 + i)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        std::thread::sleep(Duration::from_micros((seed >> 40) % 40_000));
        let _ = child.kill();
        let status = child.wait().unwrap();
        killed_mid_save += usize::from(!status.success());
        let after = std::fs::read_to_string(&sidecar).unwrap();
        let parsed = Sidecar::load(&sidecar).expect("the sidecar always parses").unwrap().annotations().unwrap();
        assert!(
            after == before || parsed.len() == count_before + 1,
            "iteration {i}: neither old nor new ({} notes, had {count_before})",
            parsed.len()
        );
    }
    assert!(killed_mid_save > 0, "some runs were killed before they finished");
    // Leftover temporaries are removed by the next start.
    let out = common::gloss(dir.path(), &["check"]);
    assert!(out.status.success(), "{}", common::stdout(&out));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("annotations"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".gloss-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
