//! Renaming a speaker in the real binary, in tmux: the pane shows the new
//! name after the reload, and the sidecar holds the correction.

mod common;

use common::tmux::Tmux;

#[test]
fn renaming_a_speaker_in_the_pane_lands_in_the_sidecar() {
    let library = tempfile::tempdir().unwrap();
    let text = "Evening Radio\n\nODILE BRANDT, HOST:  Good evening.\nTEO MARSH:  Evening, Odile.\nBRANDT:  Shall we?\nTEO MARSH:  Gladly.\n";
    std::fs::write(library.path().join("radio.txt"), text).unwrap();
    let tmux = Tmux::start_in(library.path(), 160, 40);
    tmux.start_gloss("radio.txt");
    tmux.wait_for_text("Teo Marsh");
    tmux.keys(&["3", "j", "R"]);
    tmux.wait_for_text("rename to: Teo Marsh");
    for _ in 0.."Marsh".len() {
        tmux.keys(&["BSpace"]);
    }
    tmux.literal("真島");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for_text("saved to");
    assert!(screen.contains("renamed “Teo Marsh” to “Teo 真島”"), "{screen}");
    tmux.wait_for("the new name in the pane", |s| s.contains("■ Teo 真島") && !s.contains("■ Teo Marsh"));
    tmux.keys(&["u"]);
    tmux.wait_for_text("undid:");
    tmux.wait_for("the old name back", |s| s.contains("■ Teo Marsh"));
    tmux.keys(&["R"]);
    tmux.literal(" Jr.");
    tmux.keys(&["Enter"]);
    tmux.wait_for_text("■ Teo Marsh Jr.");
    tmux.keys(&["q"]);
    tmux.wait_for_shell();
    let sidecar = std::fs::read_to_string(library.path().join("annotations/radio.txt.toml")).unwrap();
    assert!(sidecar.contains("[[speakers.rename]]") && sidecar.contains("to = \"Teo Marsh Jr.\""), "{sidecar}");
    assert!(!sidecar.contains("真島"), "the undone rename is gone: {sidecar}");
}
