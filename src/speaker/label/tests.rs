//! Tests of the label grammar: one table of every convention and near miss,
//! then label ranges and time stamps.

use super::*;

fn form_and_name(line: &str) -> Option<(LabelForm, String, bool)> {
    parse(line, 0).map(|l| (l.form, l.name, l.strong))
}

#[test]
fn recognises_every_convention() {
    use LabelForm::*;
    let cases: &[(&str, Option<(LabelForm, &str, bool)>)] = &[
        ("MODERATOR:\u{a0} Good morning.", Some((CapsColon, "MODERATOR", true))),
        ("MS. JEAN-PIERRE: Thanks.", Some((CapsColon, "MS. JEAN-PIERRE", true))),
        ("SENIOR ADMINISTRATION OFFICIAL:  Thanks.", Some((CapsColon, "SENIOR ADMINISTRATION OFFICIAL", true))),
        ("MR HOLLOWAY:\tYes.", Some((CapsColon, "MR HOLLOWAY", true))),
        ("Q\u{a0}\u{a0}\u{a0} Thank you.", Some((Question, "Q", true))),
        ("Q", Some((Question, "Q", true))),
        ("QUESTION: Will you?", Some((Question, "QUESTION", true))),
        ("Q. Where were you?", Some((Question, "Q", true))),
        ("A. At home.", Some((Answer, "A", true))),
        ("Q: How did it start?", Some((Question, "Q", true))),
        ("Mr. SMITH. Thank you.", Some((Hearing, "Mr. SMITH", true))),
        ("Chairman JONES. The committee will come to order.", Some((Hearing, "Chairman JONES", true))),
        ("The CHAIRMAN. Without objection.", Some((Hearing, "The CHAIRMAN", true))),
        ("The Chairman. The committee will come to order.", Some((Hearing, "The Chairman", true))),
        ("The Court. It is so ordered.", Some((Hearing, "The Court", true))),
        ("The river. It ran dry.", None),
        ("Ms. DELGADO-REESE. I yield.", Some((Hearing, "Ms. DELGADO-REESE", true))),
        ("Mr. HALVORSEN [presiding]. The gentleman is recognized.", Some((Hearing, "Mr. HALVORSEN", true))),
        ("CHIEF JUSTICE ROBERTS: We'll hear argument.", Some((CapsColon, "CHIEF JUSTICE ROBERTS", true))),
        ("THE WITNESS: I don't recall.", Some((CapsColon, "THE WITNESS", true))),
        ("BY MR. KESSLER:", Some((Examiner, "MR. KESSLER", true))),
        ("Mira Solberg (00:01:23):", Some((Timestamped, "Mira Solberg", true))),
        ("Ana Ruiz: [00:00:15] Welcome back.", Some((Timestamped, "Ana Ruiz", true))),
        ("[00:00:15] Ana Ruiz: Welcome back.", Some((Timestamped, "Ana Ruiz", true))),
        ("Speaker 1", Some((Numbered, "Speaker 1", true))),
        ("Speaker 2  00:01:02", Some((Numbered, "Speaker 2", true))),
        ("<v Marta Quill>Hello there.", Some((Voice, "Marta Quill", true))),
        ("<v.loud Dev Anand>Hello!", Some((Voice, "Dev Anand", true))),
        ("- NAME: line", Some((CapsColon, "NAME", true))),
        ("ANNA RUSSO, HOST: Good morning.", Some((CapsColon, "ANNA RUSSO", true))),
        ("UNIDENTIFIED PERSON #1: Over here!", Some((CapsColon, "UNIDENTIFIED PERSON #1", true))),
        ("HAMLET. To sleep.", Some((CapsPeriod, "HAMLET", false))),
        ("MRS. PIKE. Come in.", Some((CapsPeriod, "MRS. PIKE", false))),
        // An initial is not the end of a label; the surname after it may be.
        ("ROBERT A. LONG, ESQ., Harbour City; for", None),
        ("ORAL ARGUMENT OF EDWINA Q. MARSH", None),
        ("MS. EDWINA Q. MARSH. Thank you, 裁判長.", Some((CapsPeriod, "MS. EDWINA Q. MARSH", false))),
        ("MODERATOR:", Some((CapsColon, "MODERATOR", false))),
        ("ANNA RUSSELL, HOST:", Some((CapsColon, "ANNA RUSSELL", true))),
        ("Ines Valdoro: I always wanted maps.", Some((MixedColon, "Ines Valdoro", false))),
        ("李明: 你好", None),
        ("JOSÉ ÁLVAREZ: Hola.", Some((CapsColon, "JOSÉ ÁLVAREZ", true))),
        // Not labels
        ("CHANGES WITH THIS ADVISORY:", Some((HeadingLike, "CHANGES WITH THIS ADVISORY", false))),
        ("SCENE: A kitchen at dawn.", Some((HeadingLike, "SCENE", false))),
        ("EXAMINATION", None),
        ("[senior administration official] said so.", None),
        // Weak: a label only where the document is a hearing by other signs.
        ("Senator Vance. He said it twice.", Some((Hearing, "Senator Vance", false))),
        ("Senator Vance.", None),
        ("Dr. Ben Okafor.", None),
        ("A spokesman said the talks went well.", None),
        ("As Mr. Brandt said earlier, no.", None),
        ("NOTE TO EDITORS: embargoed.", Some((HeadingLike, "NOTE TO EDITORS", false))),
        ("WHAT WE KNOW SO FAR:", Some((HeadingLike, "WHAT WE KNOW SO FAR", false))),
        ("SEED SECURITY: OVERSIGHT OF THE NETWORK", Some((HeadingLike, "SEED SECURITY", false))),
        ("MS. ARNOTT: 早上好。谢谢。", Some((CapsColon, "MS. ARNOTT", true))),
        ("MS. ARNOTT: 🎙 おはようございます", Some((CapsColon, "MS. ARNOTT", true))),
        ("OSGOOD COUNTY, NEBRASKA,        :", None),
        ("The report was released at 10:30 on Monday.", None),
        ("U.S. officials met.", None),
        ("👍 MODERATOR: hi", None),
        ("", None),
    ];
    for (line, want) in cases {
        let got = form_and_name(line);
        let want = want.map(|(f, n, s)| (f, n.to_owned(), s));
        assert_eq!(got, want, "{line:?}");
    }
}

#[test]
fn label_ranges_cover_the_punctuation() {
    let label = parse("MODERATOR:\u{a0} Good morning.", 10).unwrap();
    assert_eq!(label.range, ByteRange::new(10, 20));
    let label = parse("Mira Solberg (00:01:23):", 0).unwrap();
    assert_eq!(label.range.end, "Mira Solberg (00:01:23):".len());
    assert!(label.alone);
}

#[test]
fn time_stamps() {
    let cases: &[(&str, Option<usize>)] = &[
        ("0:03", Some(4)),
        ("00:01:23 rest", Some(8)),
        ("01:02:03.500", Some(12)),
        ("00:00:01,000 --> 00:00:04,000", Some(12)),
        ("123:45", None),
        ("12", None),
        ("ab", None),
    ];
    for (s, want) in cases {
        assert_eq!(timestamp_len(s), *want, "{s:?}");
    }
}

#[test]
fn hearing_labels_inside_a_line_follow_a_sentence_end() {
    let cases: &[(&str, &[&str])] = &[
        ("Was money spent? Mr. SECORD. Yes. There was.", &["Mr. SECORD"]),
        ("Go on. Chairman OYELARAN. Thank you. Mr. VÅGE. 港 ready.", &["Chairman OYELARAN", "Mr. VÅGE"]),
        ("As Mr. SECORD. said", &[]),
        ("It was ruled. The Chairman. Then", &[]),
        ("He said so. Mr. Secord. Yes 🙂", &[]),
        ("No end Mr. SECORD. here", &[]),
    ];
    for (line, want) in cases {
        let names: Vec<String> = inline_hearing_labels(line, 0).into_iter().map(|l| l.name).collect();
        assert_eq!(names, *want, "{line:?}");
    }
}

#[test]
fn names_with_what_they_speak_for_in_brackets() {
    let cases: &[(&str, Option<(&str, &str, bool)>)] = &[
        ("Mr. Oyelaran (Veldania): Thank you.", Some(("Mr. Oyelaran", "Veldania", true))),
        ("Mara Quillen (Port Ellery) (Lab): What steps?", Some(("Mara Quillen", "Port Ellery, Lab", true))),
        (
            "The Secretary of State for Transport (Tomas Vele): Next week.",
            Some(("Tomas Vele", "The Secretary of State for Transport", true)),
        ),
        ("Apple (AAPL): shares fell 🍎.", Some(("Apple", "AAPL", false))),
        ("Ms. 山田 (Japan): 港.", None),
        ("The harbour (see map): closed.", None),
        ("Mr. Oyelaran (Veldania):", None),
    ];
    for (line, want) in cases {
        let got = parse(line, 0).filter(|l| l.role.is_some()).map(|l| (l.name, l.role.unwrap_or_default(), l.strong));
        let want = want.map(|(n, r, s)| (n.to_owned(), r.to_owned(), s));
        assert_eq!(got, want, "{line:?}");
    }
}
