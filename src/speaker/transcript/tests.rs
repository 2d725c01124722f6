use super::*;

#[test]
fn follow_ups_keep_the_floor_new_questions_do_not() {
    let cases: &[(&str, bool)] = &[
        ("So it is happening right now?", true),
        ("And has the ferry line pushed for a subsidy?", true),
        ("Thank you.", true),
        ("Respectfully, sir, though, the last director said otherwise.", true),
        ("Mr. Mayor, are you worried about the bridge?", false),
        ("Councillor Ode, a question about the harbour.", false),
        ("Hi. I had a question on the tide tables.", false),
        ("Thank you, Mayor. Two things.", false),
        ("Ines, if I can ask you about the budget 💶", false),
        ("王芳, 你好吗?", true),
    ];
    for (question, want) in cases {
        assert_eq!(is_follow_up(question), *want, "{question:?}");
    }
}

#[test]
fn stamp_lines_and_section_markers_are_nobodys() {
    let cases: &[(&str, bool)] = &[
        ("Recording begins: [02:09]", true),
        ("Song extract: [1:16:03]", true),
        ("Break: (17:42)", true),
        ("Ann Lee: I said [02:09] earlier", false),
        ("Note: see [1]", false),
        ("歌: [04:47]", true),
        ("🎵: [04:47]", false),
    ];
    for (line, want) in cases {
        assert_eq!(is_stamp_line(line), *want, "{line:?}");
    }
    let marker = |name: &str, form: LabelForm, body: &str| {
        let label = Label {
            name: name.to_owned(),
            role: None,
            form,
            range: ByteRange::new(0, name.len() + 1),
            alone: false,
            strong: true,
        };
        is_section_marker(&label, body)
    };
    assert!(marker("Song", LabelForm::Timestamped, ""));
    assert!(marker("Recording ends", LabelForm::Marked, " [03:26] "));
    assert!(!marker("Ann Lee", LabelForm::Timestamped, ""), "a person's name alone with a stamp still speaks next");
    assert!(!marker("Song", LabelForm::Marked, "[04:47] la la la"));
    assert!(!marker("Q", LabelForm::Question, "[04:47]"));
    // The word index closing a court transcript, under its letter headings.
    assert!(marker("A", LabelForm::Answer, "58:2,21 60:8  agencies 45:15  abiding 39:12  港 63:25 64:20"));
    assert!(!marker("A", LabelForm::Answer, "Page 39:12 says so, and 🚢 line 4:2 agrees with it."));
    assert!(is_reference_index("wanted 53:14 62:15,16 wanting 62:1"));
    assert!(!is_reference_index("At 10:30 we met; by 11:45 we had a deal on the harbour."));
}

#[test]
fn interview_titles_name_the_interviewer() {
    let cases: &[(&str, Option<&str>)] = &[
        ("Interview of the Mayor by Ines Vale, Harbour Radio", Some("Ines Vale")),
        ("Interview of Governor Reyes by Tomas Berg “Coast FM”", Some("Tomas Berg")),
        ("Remarks by the Mayor at the Harbour", None),
        ("Interview with the team", None),
        ("インタビュー by 田中", None),
    ];
    for (title, want) in cases {
        assert_eq!(plan::interviewer_in_title(title).as_deref(), *want, "{title:?}");
    }
}
