//! Whole-document tests of speaker detection on small documents in each
//! convention (the larger corpus lives in `tests/fixtures/speakers/`).

use super::*;
use crate::document::{Document, Format};

fn speaker_of(attribution: &Attribution, doc: &Document, fragment: &str) -> Option<String> {
    let at = doc.text.find(fragment).unwrap_or_else(|| panic!("fragment {fragment:?} not in text"));
    attribution.passage_at(at).and_then(|p| p.speaker).map(|id| attribution.speakers[id.0].name.clone())
}

fn check(text: &str, expectations: &[(&str, Option<&str>)]) {
    let doc = Document::parse(text, Format::PlainText);
    let attribution = detect(&doc);
    for (fragment, want) in expectations {
        assert_eq!(
            speaker_of(&attribution, &doc, fragment).as_deref(),
            *want,
            "{fragment:?} in\n{text}\n{:#?}",
            attribution.speakers
        );
    }
}

#[test]
fn briefing_labels_and_reporters() {
    let text = "Call on Harbours\n\nMODERATOR:\u{a0} Good morning, all.\nOur first question goes to Lena Marsh with the Harbor Ledger.\nQ\u{a0}\u{a0} Thanks for doing this today.\nSENIOR ADMINISTRATION OFFICIAL:\u{a0} Happy to answer that one.\nQ\u{a0}\u{a0} And a follow-up on cranes.\nMODERATOR:\u{a0} Next, we’ll go to Omar Haddad.\nQ\u{a0}\u{a0} 日本 question with emoji 🚢 here.\n";
    check(
        text,
        &[
            ("Good morning", Some("Moderator")),
            ("Thanks for doing", Some("Lena Marsh (Harbor Ledger)")),
            ("Happy to answer", Some("Senior Administration Official")),
            ("follow-up on cranes", Some("Lena Marsh (Harbor Ledger)")),
            ("日本 question", Some("Omar Haddad")),
        ],
    );
}

/// A reporter named later by first name only ("… today, Lena, …", "Go ahead,
/// Lena.") is the one reporter with that given name, not a new speaker; two
/// reporters sharing it keep the first name apart.
#[test]
fn a_first_name_joins_the_one_reporter_with_that_given_name() {
    let text = "Call on Harbours\n\nMODERATOR:\u{a0} Our first question goes to Lena Marsh with the Harbor Ledger.\nQ\u{a0}\u{a0} Thanks for doing this today.\nOFFICIAL:\u{a0} Happy to answer that one.\nMODERATOR:\u{a0} Next up we have Tomás Ruiz with Radio Norte.\nQ\u{a0}\u{a0} A question on cranes 🏗.\nOFFICIAL:\u{a0} Cranes are fine.\nMODERATOR:\u{a0} I think we have time to go back for a quick one.\nQ\u{a0}\u{a0} Thanks. Just to pin down the grant?\nOFFICIAL:\u{a0} There is no figure today, Lena, and I would rather not guess.\nMODERATOR:\u{a0} Go ahead, Tomás.\nQ\u{a0}\u{a0} And the 港 budget?\nOFFICIAL:\u{a0} Later.\n";
    check(
        text,
        &[
            ("Thanks for doing", Some("Lena Marsh (Harbor Ledger)")),
            ("pin down the grant", Some("Lena Marsh (Harbor Ledger)")),
            ("question on cranes", Some("Tomás Ruiz (Radio Norte)")),
            ("the 港 budget", Some("Tomás Ruiz (Radio Norte)")),
        ],
    );
    let doc = Document::parse(text, Format::PlainText);
    let names: Vec<String> = detect(&doc).speakers.iter().map(|s| s.name.clone()).collect();
    assert!(!names.iter().any(|n| n == "Lena" || n == "Tomás"), "{names:?}");
    // Two reporters called Lena: a bare "Lena" is neither of them.
    let two = text.replace("Tomás Ruiz with", "Lena Ødegård with");
    let doc = Document::parse(&two, Format::PlainText);
    let attribution = detect(&doc);
    assert_eq!(speaker_of(&attribution, &doc, "pin down the grant").as_deref(), Some("Lena"));
}

#[test]
fn unresolved_questions_stay_q() {
    check(
        "Briefing\n\nMS. ARDEN:  Hello there.\nQ  What time is it?\nMS. ARDEN:  Noon.\n",
        &[("What time", Some("Q")), ("Noon", Some("Ms. Arden"))],
    );
}

#[test]
fn hearing_labels_and_the_chairman() {
    let text = "RAIL HEARING\n\nHon. Ada Brandt, Chairman, presiding\n\n    Chairman BRANDT. The committee will come to order and we\nwill hear from our witness today about the rails.\n    Mr. OKAFOR. Thank you, Madam Chairman, for the time to speak\ntoday about the railways and the many bridges that carry them.\n    (Laughter.)\n    The CHAIRMAN. The gentleman's time has expired.\n";
    check(
        text,
        &[
            ("committee will come", Some("Ada Brandt")),
            ("Thank you, Madam", Some("Mr. Okafor")),
            ("many bridges", Some("Mr. Okafor")),
            ("Laughter", None),
            ("time has expired", Some("Ada Brandt")),
        ],
    );
}

#[test]
fn prose_quotes_and_pronouns() {
    let text = "Treaty signed\n\nGENEVA — Negotiators signed a treaty on Thursday after eleven years of talks over the river and its dams.\n\n“For eleven years, every conversation began with an accusation,” said Nadia Farouk, the chief negotiator.\n\nFarouk said that the breakthrough came in January. The river has long been a source of tension between the two countries and their farmers.\n\n“We have given something,” she said, “and they have given something.”\n\nThe ministry said in a statement that the dam would release more water.\n";
    check(
        text,
        &[
            ("Negotiators signed", None),
            ("every conversation began", Some("Nadia Farouk")),
            ("breakthrough came", Some("Nadia Farouk")),
            ("long been a source", None),
            ("We have given", Some("Nadia Farouk")),
            ("they have given", Some("Nadia Farouk")),
            ("would release more", Some("The ministry")),
        ],
    );
}

#[test]
fn narration_only_documents_have_no_speakers() {
    for text in ["Plain essay\n\nThe sea was calm. Nobody spoke.\n", "", "日本語の記事\n\n静かな海でした。\n", "👍\n"]
    {
        let doc = Document::parse(text, Format::PlainText);
        let attribution = detect(&doc);
        assert!(attribution.speakers.is_empty(), "{text:?}: {:?}", attribution.speakers);
    }
}

#[test]
fn overrides_merge_rename_and_reassign() {
    let text = "Radio\n\nANNA RUSSO, HOST:  Good morning.\nTOM EKLUND:  Morning, Anna.\nRUSSO:  Let's begin.\nTOM EKLUND:  Sure thing.\n";
    let doc = Document::parse(text, Format::PlainText);
    let mut attribution = detect(&doc);
    assert_eq!(attribution.find("russo").len(), 1, "surname alias: {:?}", attribution.speakers);
    let overrides = Overrides {
        merge: vec![],
        rename: vec![overrides::Rename { from: "Tom Eklund".into(), to: "Tomas Eklund".into() }],
        reassign: vec![overrides::Reassign {
            start: doc.text.find("Sure thing").unwrap(),
            speaker: "Anna Russo".into(),
        }],
    };
    let problems = overrides.apply(&mut attribution, &doc.text);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(speaker_of(&attribution, &doc, "Morning, Anna").as_deref(), Some("Tomas Eklund"));
    assert_eq!(speaker_of(&attribution, &doc, "Sure thing").as_deref(), Some("Anna Russo"));
    let russo = &attribution.speakers[attribution.find("Anna Russo")[0].0];
    assert_eq!(russo.turns, 3);
}

#[test]
fn paragraphs_that_are_only_directions_are_nobodys() {
    // Markdown pages (saved briefings) that keep paragraph breaks as hard-broken lines of U+00A0 inside one block.
    let text = "Briefing on Bridges\n\nMS. OKAFOR:\u{a0} Welcome, all.\u{a0} Lunch 🍜 is late.  \n\u{a0}  \n(Laughter.)  \n\u{a0}  \nWe start now.\u{a0} Oh, the line dropped.\u{a0}\nApologies.\n\nQ\u{a0}\u{a0}\u{a0} 对不起。 A question on tolls.  \n\u{a0}  \n[Cross-talk.]\n\nMR. DUBOIS:\u{a0} Tolls stay as they are.\n";
    let doc = Document::parse(text, Format::Markdown);
    let attribution = detect(&doc);
    let cases: &[(&str, Option<&str>)] = &[
        ("Lunch 🍜", Some("Ms. Okafor")),
        ("(Laughter.)", None),
        ("We start now.", Some("Ms. Okafor")),
        ("对不起。", Some("Q")),
        ("[Cross-talk.]", None),
        ("Tolls stay", Some("Mr. Dubois")),
    ];
    for (fragment, want) in cases {
        assert_eq!(speaker_of(&attribution, &doc, fragment).as_deref(), *want, "{fragment:?}");
    }
    assert!(!attribution.speakers.iter().any(|s| s.name == "Apologies"), "{:#?}", attribution.speakers);
}

#[test]
fn a_hand_off_said_again_and_again_is_speech_and_a_running_header_is_not() {
    let turn = |n: usize| {
        format!(
            "MS. VALE:  Answer {n} about the harbour.\n\nGo ahead, Dana.\n\nQ    Question {n}, on the ferries 🚢.\n\nHarbour Reporting Company\n\n"
        )
    };
    let text = format!("Briefing\n\n{}MS. VALE:  港 closing words.\n", (1..=4).map(turn).collect::<String>());
    let doc = Document::parse(&text, Format::PlainText);
    let attribution = detect(&doc);
    for n in 1..=4 {
        assert_eq!(speaker_of(&attribution, &doc, &format!("Question {n},")).as_deref(), Some("Dana"), "{n}");
    }
    let header = doc.text.find("Harbour Reporting Company").unwrap();
    assert_eq!(attribution.passage_at(header).map(|p| p.kind), Some(PassageKind::Direction), "a running header");
    let hand_off = doc.text.find("Go ahead, Dana.").unwrap();
    assert_eq!(
        attribution.passage_at(hand_off).and_then(|p| p.speaker).map(|id| attribution.speakers[id.0].name.as_str()),
        Some("Ms. Vale")
    );
}

#[test]
fn who_are_you_with_names_the_reporter_of_the_whole_quick_exchange() {
    let text = "Gaggle aboard the Ferry\n\n\
        THE MAYOR:  We are looking at many things this week, the bridge, the tolls, the harbour dredging, the ferry timetable, the night buses and the budget for all of it.\n\n\
        Q    Mr. Mayor, is the council ignoring you on the tolls?\n\n\
        THE MAYOR:  Who?  Who?\n\n\
        Q    Is the council ignoring you on the tolls 🚢?\n\n\
        THE MAYOR:  Who are you with?\n\n\
        Q    I’m Tove Lindqvist, with the Harbor Ledger.\n\n\
        THE MAYOR:  A fine paper, once, before it lost its way on the tolls and on everything else this council does.\n\n\
        Q    港 and the ferries: when?\n";
    check(
        text,
        &[
            ("Mr. Mayor, is the council", Some("Tove Lindqvist (Harbor Ledger)")),
            ("Is the council ignoring", Some("Tove Lindqvist (Harbor Ledger)")),
            ("I’m Tove Lindqvist", Some("Tove Lindqvist (Harbor Ledger)")),
            ("Who are you with?", Some("The Mayor")),
        ],
    );
    // Before the long answer that ended the exchange, nobody asked who she was: a new question stays `Q`.
    let before = "Gaggle\n\nTHE MAYOR:  Hello.\n\nQ    Mr. Mayor, about the tolls?\n\nTHE MAYOR:  We are looking at many things this week, the bridge, the tolls, the harbour dredging, the ferry timetable, the night buses and the budget for all of it.\n\nQ    On the bridge, then?\n\nTHE MAYOR:  Who are you with?\n\nQ    I’m Tove Lindqvist, with the Harbor Ledger.\n\nTHE MAYOR:  Fine.\n";
    check(
        before,
        &[("Mr. Mayor, about the tolls?", Some("Q")), ("On the bridge, then?", Some("Tove Lindqvist (Harbor Ledger)"))],
    );
}

#[test]
fn a_saved_hearing_page_with_run_together_lines_and_a_misread_label() {
    let exchange = |n: usize| {
        format!(
            "<br/><br/><strong>Mr. HALVORSEN</strong>. Question {n}, on the harbour?\n\
             Mr. OYELARAN. Answer {n}. The cranes stood still.\n"
        )
    };
    let html = format!(
        "<html><body><h1>Hearing on Harbours</h1><p>{}<br/><br/><strong>Mr. HALVORSEN</strong>. And the ferries 🚢?\nMr. OYELARAM. 港 runs late. Misread, but still him.\n</p></body></html>",
        (1..=4).map(exchange).collect::<String>()
    );
    let doc = Document::parse(&html, Format::Html);
    let attribution = detect(&doc);
    let who = |fragment: &str| speaker_of(&attribution, &doc, fragment);
    for n in 1..=4 {
        assert_eq!(who(&format!("Question {n},")).as_deref(), Some("Mr. Halvorsen"), "{n}");
        assert_eq!(who(&format!("Answer {n}.")).as_deref(), Some("Mr. Oyelaran"), "{n}");
    }
    assert_eq!(who("Misread, but").as_deref(), Some("Mr. Oyelaran"), "{:#?}", attribution.speakers);
    assert_eq!(attribution.speakers.len(), 2, "{:#?}", attribution.speakers);
}

#[test]
fn a_reporter_cut_off_goes_on_after_the_interruption() {
    let text = "Call on Harbours\n\n\
        MODERATOR:  Our next question goes to Lena Marsh.\n\n\
        Q    Do you have any sense of why —\n\n\
        MODERATOR:  Go ahead.\n\n\
        Q    Do you have any sense of why the ferries 🚢 stopped?\n\n\
        OFFICIAL:  None at all, and I would not guess at it either, not today and not from this podium.\n\n\
        Q    And the tolls, in 2024 —\n\n\
        MODERATOR:  No.  Go ahead, Omar.\n\n\
        Q    — the tolls rose twice.\n\n\
        OFFICIAL:  They did, and they will not rise again this year, whatever the council says about it.\n\n\
        Q    港 question, on the cranes.\n";
    check(
        text,
        &[
            ("Do you have any sense of why —", Some("Lena Marsh")),
            ("Do you have any sense of why the ferries", Some("Lena Marsh")),
            ("— the tolls rose twice.", Some("Lena Marsh")),
            ("港 question", Some("Omar")),
        ],
    );
}

#[test]
fn one_more_after_can_i_follow_up_keeps_the_reporter() {
    let text = "Briefing\n\n\
        MR VALE: Two items at the top, and then questions. With that, go ahead, Farid.\n\n\
        QUESTION: Thank you. On the crossing, who monitors it?\n\n\
        MR VALE: A joint team, with the UN in it, and we will be watching it very closely from here.\n\n\
        QUESTION: Can I follow up on the call itself?\n\n\
        MR VALE: One more and then I'll move around the room.\n\n\
        QUESTION: Did the Secretary raise the 港 journalists 📰?\n\n\
        MR VALE: He did, by name, and he expects them released before the week is out.\n\n\
        QUESTION: And the tolls?\n\n\
        MR VALE: Go ahead.\n\n\
        QUESTION: On another subject, the bridge.\n";
    check(text, &[("Did the Secretary raise", Some("Farid")), ("On another subject", Some("Q"))]);
}

#[test]
fn a_bare_surname_label_is_the_speaker_with_the_honorific() {
    let text = "Briefing\n\nMS. VALE:  Good afternoon, everybody.\n\nQ    港 question 🚢?\n\nMS. VALE:  An answer.\n\nVALE:  I know some of you have a meeting to get to.\n";
    let doc = Document::parse(text, Format::PlainText);
    let attribution = detect(&doc);
    assert_eq!(speaker_of(&attribution, &doc, "I know some").as_deref(), Some("Ms. Vale"));
    assert_eq!(
        attribution.speakers.iter().filter(|s| s.name.contains("Vale")).count(),
        1,
        "{:#?}",
        attribution.speakers
    );
}

#[test]
fn meeting_records_name_what_each_speaker_speaks_for_in_brackets() {
    let text = "Harbour Council, 12th meeting\n\n\
        The President: I give the floor to the representative of Veldania.\n\n\
        Mr. Oyelaran (Veldania): Thank you, Madam President. The crossing reopened.\n\n\
        We welcome it 🚢.\n\n\
        The President: I now give the floor to the representative of Orsk.\n\n\
        Ms. Lindqvist (Orsk): 港 convoys reached the coast at dawn.\n\n\
        The Minister for Harbours (Tomas Vele): The wall will be repaired.\n";
    check(
        text,
        &[
            ("Thank you, Madam President", Some("Mr. Oyelaran")),
            ("We welcome it", Some("Mr. Oyelaran")),
            ("港 convoys", Some("Ms. Lindqvist")),
            ("The wall will be repaired", Some("Tomas Vele")),
            ("I now give the floor", Some("The President")),
        ],
    );
}
