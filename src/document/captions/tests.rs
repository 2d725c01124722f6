use super::*;
use crate::document::Format;
use crate::speaker;

/// (kind, text) of every readable block.
fn readable(doc: &Document) -> Vec<(BlockKind, &str)> {
    doc.readable_blocks().map(|b| (b.kind, doc.block_text(b))).collect()
}

/// Each passage's text and speaker name, turns and quotes only.
fn turns(doc: &Document) -> Vec<(String, String)> {
    let attribution = speaker::detect(doc);
    attribution
        .passages
        .iter()
        .filter(|p| p.speaker.is_some())
        .map(|p| {
            let name = attribution.speakers[p.speaker.unwrap_or(speaker::SpeakerId(0)).0].name.clone();
            (name, p.range.slice(&doc.text).to_owned())
        })
        .collect()
}

#[test]
fn timestamps_in_both_flavours() {
    let cases: &[(&str, Option<u64>)] = &[
        ("00:00:01.000", Some(1000)),
        ("01:02:03,456", Some(3_723_456)),
        ("02:03.5", Some(123_005)),
        ("3.480", Some(3480)),
        ("62.5", Some(62_500)),
        ("1234567.0", None),
        ("三.480", None),
        ("1:00:00.000", Some(3_600_000)),
        ("00:61:00.000", None),
        ("00:00:01", None),
        ("日本:00.000", None),
        ("👍", None),
        ("", None),
    ];
    for (text, want) in cases {
        assert_eq!(timestamp(text), *want, "{text:?}");
    }
    assert_eq!(timing("00:00:01.000 --> 00:00:04.000 line:85% align:center"), Some(1000));
    assert_eq!(timing("00:00:01.000 -> 00:00:04.000"), None);
    assert_eq!(clock(3_723_456), "01:02:03");
}

#[test]
fn entities_are_decoded() {
    let cases: &[(&str, &str)] = &[
        ("Fish &amp; chips", "Fish & chips"),
        ("&lt;b&gt; is not a tag", "<b> is not a tag"),
        ("caf&#233; &#x1F600;", "café 😀"),
        ("日本&nbsp;語", "日本\u{a0}語"),
        ("R&D stays", "R&D stays"),
        ("&bogus; stays", "&bogus; stays"),
        ("trailing &", "trailing &"),
    ];
    for (raw, want) in cases {
        assert_eq!(decode_entities(raw), *want, "{raw:?}");
    }
}

const VTT: &str = "WEBVTT - Tidepool Hour, episode 12

NOTE Captioned by hand on 3 June 2025. Speaker tags checked.

STYLE
::cue(v[voice=\"Ama\"]) { color: yellow; }

REGION
id:left width:40%

1
00:00:01.000 --> 00:00:03.000 align:start
<v Ama Okonkwo-Reyes>Welcome back to <i>Tidepool Hour</i>.

2
00:00:03.200 --> 00:00:05.000
<v Ama Okonkwo-Reyes>Today: crabs &amp; the tide tables.

00:00:05.500 --> 00:00:08.000
<v.loud Bram Keldersma>Thanks, Ama!</v> <00:00:07.000>Glad to be here.

00:00:08.100 --> 00:00:10.000
<v Ama Okonkwo-Reyes>Why crabs?</v>
<v Bram Keldersma>Because they <c.yellow>never</c> walk straight.

00:00:10.500 --> 00:00:12.000
[waves crashing]

00:00:12.100 --> 00:00:14.000
<v 田中 陽子>カニは横に歩きます 🦀
";

#[test]
fn webvtt_voices_become_passages() {
    let doc = parse_vtt(VTT);
    assert_eq!(doc.meta.title, "Tidepool Hour, episode 12");
    assert_eq!(doc.meta.date.as_deref(), Some("2025-06-03"), "from the note");
    assert_eq!(
        readable(&doc),
        vec![
            (BlockKind::Time, "00:00:01"),
            (BlockKind::Paragraph, "Ama Okonkwo-Reyes: Welcome back to Tidepool Hour. Today: crabs & the tide tables."),
            (BlockKind::Time, "00:00:05"),
            (BlockKind::Paragraph, "Bram Keldersma: Thanks, Ama! Glad to be here."),
            (BlockKind::Time, "00:00:08"),
            (BlockKind::Paragraph, "Ama Okonkwo-Reyes: Why crabs?"),
            (BlockKind::Time, "00:00:08"),
            (BlockKind::Paragraph, "Bram Keldersma: Because they never walk straight."),
            (BlockKind::Time, "00:00:10"),
            (BlockKind::Paragraph, "[waves crashing]"),
            (BlockKind::Time, "00:00:12"),
            (BlockKind::Paragraph, "田中 陽子: カニは横に歩きます 🦀"),
        ]
    );
    // The note is kept, hidden; style and region are not text at all.
    assert!(
        doc.blocks
            .iter()
            .any(|b| b.boilerplate && doc.block_text(b) == "Captioned by hand on 3 June 2025. Speaker tags checked.")
    );
    assert!(!doc.text.contains("::cue") && !doc.text.contains("width:40%"));
    assert_eq!(
        turns(&doc),
        vec![
            ("Ama Okonkwo-Reyes".into(), "Welcome back to Tidepool Hour. Today: crabs & the tide tables.".into()),
            ("Bram Keldersma".into(), "Thanks, Ama! Glad to be here.".into()),
            ("Ama Okonkwo-Reyes".into(), "Why crabs?".into()),
            ("Bram Keldersma".into(), "Because they never walk straight.".into()),
            ("田中 陽子".into(), "カニは横に歩きます 🦀".into()),
        ]
    );
}

#[test]
fn webvtt_without_header_or_voices_still_reads() {
    let doc =
        Document::parse("00:01.000 --> 00:02.000\nfirst line\n\n00:02.500 --> 00:04.000\nsecond 🎙\n", Format::WebVtt);
    assert_eq!(readable(&doc), vec![(BlockKind::Time, "00:00:01"), (BlockKind::Paragraph, "first line second 🎙")]);
    assert!(doc.notices.is_empty());
}

#[test]
fn escapes_in_captions_are_made_visible() {
    let doc = parse_vtt("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Eve>\u{1b}]0;owned\u{7} &#27;[2J done\n");
    assert_eq!(doc.block_text(&doc.blocks[1]), "Eve: ^[]0;owned^G ^[[2J done");
    assert_eq!(doc.placeholders.len(), 3);
    assert!(!doc.text.contains('\u{1b}'));
}

const SRT: &str = "\u{feff}1\r\n00:00:01,000 --> 00:00:03,000\r\n[door slams]\r\n\r\n2\r\n00:00:03,500 --> 00:00:05,000\r\nWREN: You're late.\r\n<i>Again.</i>\r\n\r\n3\r\n00:00:05,200 --> 00:00:07,000\r\nWREN: The ferry left at six.\r\n\r\n4\r\n00:00:07,500 --> 00:00:09,000\r\n- DR. OSEI: I missed it.\r\n- WREN: (sighs) Of course.\r\n\r\n5\r\n00:00:09,500 --> 00:00:11,000\r\nDR. OSEI: 渡し船は遅れた 🚢\r\n";

#[test]
fn srt_labels_dashes_and_sound_tags() {
    let doc = parse_srt(SRT);
    assert_eq!(
        readable(&doc),
        vec![
            (BlockKind::Time, "00:00:01"),
            (BlockKind::Paragraph, "[door slams]"),
            (BlockKind::Time, "00:00:03"),
            (BlockKind::Paragraph, "WREN: You're late. Again. The ferry left at six."),
            (BlockKind::Time, "00:00:07"),
            (BlockKind::Paragraph, "DR. OSEI: I missed it."),
            (BlockKind::Time, "00:00:07"),
            (BlockKind::Paragraph, "WREN: (sighs) Of course."),
            (BlockKind::Time, "00:00:09"),
            (BlockKind::Paragraph, "DR. OSEI: 渡し船は遅れた 🚢"),
        ]
    );
    let speakers: Vec<String> = turns(&doc).into_iter().map(|(name, _)| name).collect();
    assert_eq!(speakers, ["Wren", "Dr. Osei", "Wren", "Dr. Osei"], "the sound tags speak for nobody");
    assert!(!doc.text.contains('\r') && !doc.text.contains('\u{feff}'));
}

#[test]
fn unlabelled_srt_cues_join_the_speaker_before_them() {
    let doc = parse_srt(
        "1\n00:00:01,000 --> 00:00:02,000\nMARA: It was\n\n2\n00:00:02,000 --> 00:00:03,000\nraining all week.\n\n3\n00:00:03,000 --> 00:00:04,000\nJOSS: Not here.\n",
    );
    let texts: Vec<&str> =
        doc.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph).map(|b| doc.block_text(b)).collect();
    assert_eq!(texts, ["MARA: It was raining all week.", "JOSS: Not here."]);
}

use std::fmt::Write as _;

/// An SRT where mixed-case `Name:` opens only the first cue of each turn.
fn srt_of(lines: &[&str]) -> String {
    let mut out = String::new();
    for (i, text) in lines.iter().enumerate() {
        let _ = write!(out, "{}\n00:00:{i:02},000 --> 00:00:{i:02},500\n{text}\n\n", i + 1);
    }
    out
}

#[test]
fn caption_labels_follow_the_documents_own_grammar() {
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)]);
    let cases: &[Case] = &[
        // Mixed-case names that recur at cue starts are labels; their turns run over later cues.
        (
            &[
                "Ines Vale: welcome back",
                "to the show.",
                "Tomas Berg: Thanks, Ines.",
                "Ines Vale: So, rivers.",
                "They flood.",
            ],
            &[
                ("Ines Vale", "welcome back to the show."),
                ("Tomas Berg", "Thanks, Ines."),
                ("Ines Vale", "So, rivers. They flood."),
            ],
        ),
        // `>> NAME:` of broadcast captions, and a one-off `Note:` that is not a speaker.
        (
            &[">> ANCHOR: Good evening.", "Note: roads closed.", ">> WEATHER DESK: Rain 🌧", ">> ANCHOR: Thanks."],
            &[("Anchor", "Good evening. Note: roads closed."), ("Weather Desk", "Rain 🌧"), ("Anchor", "Thanks.")],
        ),
        // CJK names recur too.
        (
            &["王芳: 你好", "今天下雨。", "李雷: 是的。", "王芳: 好。"],
            &[("王芳", "你好 今天下雨。"), ("李雷", "是的。"), ("王芳", "好。")],
        ),
    ];
    for (lines, want) in cases {
        let doc = parse_srt(&srt_of(lines));
        let got = turns(&doc);
        let want: Vec<(String, String)> = want.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect();
        assert_eq!(got, want, "{lines:?}");
    }
}

#[test]
fn files_without_cues_fall_back_to_plain_text() {
    for (raw, format) in
        [("just a note\n\nnothing timed", Format::WebVtt), ("1\nno timing here\n", Format::Srt), ("", Format::Srt)]
    {
        let doc = Document::parse(raw, format);
        assert_eq!(doc.notices.len(), 1, "{raw:?}");
        assert!(doc.notices[0].contains("shown as plain text"));
        assert!(doc.blocks.iter().all(|b| b.kind != BlockKind::Time));
    }
}

#[test]
fn never_panics_on_broken_cues() {
    for raw in [
        "WEBVTT\n\n-->\n<v",
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v.loud>\n<v >x\n</v></v><",
        "00:00:01,000 --> 00:00:02,000\n{\\an8}<font color=\"#fff\">- :</font>\n-\n",
        "1\n00:00:01,000 --> 00:00:02,000\n2\n00:00:02,000 --> 00:00:03,000\n👍\n",
        "WEBVTT\n\n00:00.000 --> 99:59:59.999\n&#xFFFFFFFF; &#0; &#xD800;\n",
    ] {
        let _ = parse_vtt(raw);
        let _ = parse_srt(raw);
    }
}

#[test]
fn webvtt_without_voices_reads_speakers_written_into_the_text() {
    let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n>> MARA QUILLEN: Good evening <i>from</i> the quay.\n\n\
        00:00:03.500 --> 00:00:06.000\nThe ferries <00:00:04.000>stopped at noon.\n\n\
        00:00:06.500 --> 00:00:08.000\nTomas Vele: They did 🚢.\n\n\
        00:00:08.500 --> 00:00:10.000\n- Tomas Vele: 港 held.\n- Mara Quillen: Thank you.\n\n\
        00:00:10.500 --> 00:00:12.000\nTomas Vele: Goodnight.\n";
    let doc = parse_vtt(vtt);
    assert_eq!(
        turns(&doc),
        [
            ("Mara Quillen".to_owned(), "Good evening from the quay. The ferries stopped at noon.".to_owned()),
            ("Tomas Vele".to_owned(), "They did 🚢.".to_owned()),
            ("Tomas Vele".to_owned(), "港 held.".to_owned()),
            ("Mara Quillen".to_owned(), "Thank you.".to_owned()),
            ("Tomas Vele".to_owned(), "Goodnight.".to_owned()),
        ],
        "{:?}",
        doc.text
    );
}

#[test]
fn rolling_captions_read_each_line_once_and_a_spaces_line_keeps_the_cue() {
    let vtt = "WEBVTT\nKind: captions\n\n00:00:00.000 --> 00:00:02.500 align:start position:0%\n \nwelcome<00:00:00.500><c> to</c><00:00:01.100><c> the quay</c>\n\n\
        00:00:02.500 --> 00:00:02.510 align:start position:0%\nwelcome to the quay\n \n\n\
        00:00:02.510 --> 00:00:05.000 align:start position:0%\nwelcome to the quay\nthe<00:00:03.000><c> ferries 🚢</c><00:00:03.400><c> stopped</c>\n\n\
        00:00:05.000 --> 00:00:05.010 align:start position:0%\nthe ferries 🚢 stopped\n \n\n\
        00:00:05.010 --> 00:00:07.000 align:start position:0%\nthe ferries 🚢 stopped\n港 is quiet\n";
    let doc = parse_vtt(vtt);
    let text: Vec<&str> =
        readable(&doc).into_iter().filter(|(k, _)| *k == BlockKind::Paragraph).map(|(_, t)| t).collect();
    assert_eq!(text, ["welcome to the quay the ferries 🚢 stopped 港 is quiet"]);
    // Without the roll-up pattern, a cue saying again what the last one said is speech.
    let doc = parse_vtt(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nMARA: No.\n\n00:00:02.000 --> 00:00:03.000\nNo.\n\n00:00:03.000 --> 00:00:04.000\nTOMAS: Yes.\n",
    );
    assert_eq!(turns(&doc)[0], ("Mara".to_owned(), "No. No.".to_owned()));
}
