use super::features::{is_arrow, is_credit, is_end_marker, is_label, leading_number, link_items, measure};
use super::vocabulary::scan;
use super::*;
use crate::document::BlockKind;
use crate::text::ByteRange;

#[test]
fn interface_phrases_match_at_word_starts() {
    // (line, hits, at start, strong, list)
    let cases: &[(&str, u8, bool, bool, bool)] = &[
        ("share this:", 2, true, true, false),
        ("vote count: 0", 2, true, true, false),
        ("get more newsliveon", 1, false, true, false),
        ("More from Science", 1, true, false, true),
        ("アクセスランキング", 1, false, false, false),
        ("unrelated matters", 0, false, false, false),
        ("the shareholders met", 0, false, false, false),
        ("voters went to the polls", 0, false, false, false),
        ("He declined to comment.", 1, false, false, false),
        ("分享到微博", 1, true, true, false),
        ("広告", 1, true, true, false),
        ("日本語の本文です", 0, false, false, false),
        ("👍 like this", 1, true, true, false),
        ("« Older entry", 1, true, true, false),
        ("関連記事", 1, true, false, true),
        ("© 2025 Example Times", 1, true, true, false),
    ];
    for (line, hits, at_start, strong, list) in cases {
        let got = scan(line);
        assert_eq!(
            (got.hits, got.has(AT_START), got.has(STRONG), got.has(LIST)),
            (*hits, *at_start, *strong, *list),
            "{line:?}"
        );
    }
}

#[test]
fn units_count_words_and_pairs_of_cjk_characters() {
    let cases: &[(&str, usize, bool)] = &[
        ("Front Page", 2, false),
        ("don't stop", 2, false),
        ("ホーム", 2, false),
        ("スポーツ", 2, false),
        ("QQ空间", 2, false),
        ("2025年3月8日", 5, true),
        ("👍 thumbs up", 2, false),
        ("", 0, false),
    ];
    for (text, units, digits) in cases {
        let m = measure(text);
        assert_eq!((m.units, m.digits), (*units, *digits), "{text:?}");
    }
}

#[test]
fn line_shapes() {
    // (line, link items, arrow, number, label, credit, end marker)
    let cases: &[(&str, usize, bool, Option<u32>, bool, bool, bool)] = &[
        ("Science · Environment", 2, false, None, false, false, false),
        ("Home | News | Sport", 3, false, None, false, false, false),
        ("By Ana Ruiz | March 3, 2025", 0, false, None, false, true, false),
        ("ジョン・スミス", 0, false, None, false, false, false),
        ("ニュース｜スポーツ", 2, false, None, false, false, false),
        ("« Older entry", 0, true, None, false, false, false),
        ("«Bonjour», dit-il »", 0, false, None, false, false, false),
        ("3. Harbour plans approved", 0, false, Some(3), false, false, false),
        ("2025. A year", 0, false, None, false, false, false),
        ("MAYOR ODUYA: Good evening.", 0, false, None, true, false, false),
        ("記者：林", 0, false, None, false, false, false),
        ("Photographs by Sam Lee", 0, false, None, false, true, false),
        ("🎉 Party | Games", 2, false, None, false, false, false),
        ("Home » Newsroom » Briefings", 3, false, None, false, false, false),
        ("World / Europe", 2, false, None, false, false, false),
        ("Newer entry »", 0, true, None, false, false, false),
        ("> quoted reply", 0, false, None, false, false, false),
        ("either/or thinking", 0, false, None, false, false, false),
        ("Print | Email | Comments (88)", 0, false, None, false, false, false),
        ("News   Politics   Business", 3, false, None, false, false, false),
        ("[Share]  [X]  [Facebook]", 3, false, None, false, false, false),
        ("Q    Thank you.", 0, false, None, false, false, false),
        ("MODERATOR:  Good morning.  Thanks all", 0, false, None, true, false, false),
        ("Politics | March 3, 2025", 0, false, None, false, false, false),
        ("Page | 12", 0, false, None, false, false, false),
        ("END OF PLAY", 0, false, None, false, false, true),
        ("Transcript ends", 0, false, None, false, false, true),
        ("The weekend", 0, false, None, false, false, false),
        ("終わり 🎬", 0, false, None, false, false, false),
    ];
    for (line, links, arrow, number, label, credit, end) in cases {
        let got = (
            link_items(line),
            is_arrow(line),
            leading_number(line),
            is_label(line),
            is_credit(line),
            is_end_marker(line),
        );
        assert_eq!(got, (*links, *arrow, *number, *label, *credit, *end), "{line:?}");
    }
}

/// Blocks of `text`, one per line, marked; the lines that come out as chrome.
fn chrome_lines(text: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim();
        if !body.is_empty() {
            let at = start + line.find(body).unwrap_or(0);
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                range: ByteRange::new(at, at + body.len()),
                boilerplate: false,
            });
        }
        start += line.len();
    }
    mark(text, &mut blocks);
    blocks.iter().filter(|b| b.boilerplate).map(|b| b.range.slice(text)).collect()
}

const PROSE: &str = "The council met on Tuesday evening to discuss the plan for the harbour wall, which has been closed to walkers since the storms of last winter.";
const MORE_PROSE: &str = "Engineers told the meeting that repairs would take at least six months and cost more than the town had set aside for the whole of the year.";

#[test]
fn chrome_around_and_inside_the_body() {
    // (page, the lines that must be chrome)
    let cases: &[(String, &[&str])] = &[
        (format!("Home\nNews\nSport\n\nHarbour wall talks\n\n{PROSE}\n\n{MORE_PROSE}\n"), &["Home", "News", "Sport"]),
        (format!("Harbour wall talks\n\n{PROSE}\n\nAdvertisement\n\n{MORE_PROSE}\n"), &["Advertisement"]),
        (format!("Harbour wall talks\n\n{PROSE}\n\nHe declined to comment.\n\n{MORE_PROSE}\n"), &[]),
        (
            format!(
                "Harbour wall talks\n\n{PROSE}\n\nHeadlines at breakfast, free.\nEnter your email\nGo\n\n{MORE_PROSE}\n"
            ),
            &["Headlines at breakfast, free.", "Enter your email", "Go"],
        ),
        (
            format!(
                "Harbour wall talks\n\n{PROSE}\n\n{MORE_PROSE}\n\nMost read\n1. Ferry fares rise\n2. Tide tables\n3. Obituaries\n"
            ),
            &["Most read", "1. Ferry fares rise", "2. Tide tables", "3. Obituaries"],
        ),
        (
            format!(
                "Harbour wall talks\n\n{PROSE}\n\n{MORE_PROSE}\n\n8:23 A.M. EST\n\nRate this post\n\nAverage 0 / 5\n"
            ),
            &["Rate this post", "Average 0 / 5"],
        ),
        (
            format!("Harbour Ledger\n\nHarbour wall talks\n\n{PROSE}\n\n{MORE_PROSE}\n\n© 2025 Harbour Ledger\n"),
            &["Harbour Ledger", "© 2025 Harbour Ledger"],
        ),
        (
            format!(
                "首页\n本地\n国际\n\n石桥完成修缮\n\n{PROSE}\n\n广告\n\n{MORE_PROSE}\n\n分享到：\n微信\n相关阅读\n河口老码头改建为市民公园\n"
            ),
            &["首页", "本地", "国际", "广告", "分享到：", "微信", "相关阅读", "河口老码头改建为市民公园"],
        ),
        (format!("Harbour wall talks 🌊\n\n{PROSE}\n\n👍 Like this\n\n{MORE_PROSE}\n"), &["👍 Like this"]),
        // Pictures: their label, a caption placing people, a caption crediting the photographer.
        (
            format!(
                "Harbour wall talks\n\n{PROSE}\n\nPhoto\n\nAna Ruiz, left, and Tomas Vele on the quay on Tuesday. Credit Sam Lee/The Tide\n\nThe new wall at dusk 🌊. Photo: Mira Okonjo\n\n{MORE_PROSE}\n"
            ),
            &[
                "Photo",
                "Ana Ruiz, left, and Tomas Vele on the quay on Tuesday. Credit Sam Lee/The Tide",
                "The new wall at dusk 🌊. Photo: Mira Okonjo",
            ],
        ),
        // A quotation is never a caption; nor is prose that says "credit".
        (
            format!(
                "Harbour wall talks\n\n{PROSE}\n\n“Turn, left, then stop,” the pilot said.\n\nWe see it all the time, right, where a ferry is late and nobody knows why.\n\nİSTANBUL ÇAĞ, left, credit: İ\u{130}\u{130} — “said”\n\nThe council gave credit to the engineers for the speed of the work on the wall.\n\n{MORE_PROSE}\n"
            ),
            &[],
        ),
        // A long paragraph is prose, whatever a sentence of it says: only a short one is asked if it is a caption.
        (
            format!(
                "Harbour wall talks\n\n{PROSE}\n\n{PROSE} {MORE_PROSE} Ana Ruiz, left, and Tomas Vele spoke first. {MORE_PROSE} 港の夜明け 🌊\n\n{MORE_PROSE}\n"
            ),
            &[],
        ),
        // The title keeps its place even when it speaks of votes and privacy.
        (format!("Facebook faces vote on privacy rules\n\n{PROSE}\n\n{MORE_PROSE}\n"), &[]),
    ];
    for (page, want) in cases {
        assert_eq!(chrome_lines(page), *want, "{page}");
    }
}

#[test]
fn transcript_turns_are_never_chrome() {
    let page = format!("Briefing\n\n{PROSE}\nREPORTER: Will you vote?\nMAYOR: Share the load.\n{MORE_PROSE}\n");
    assert!(chrome_lines(&page).is_empty());
}

#[test]
fn photo_captions() {
    let cases: &[(&str, bool)] = &[
        ("Photo", true),
        ("VIDEO:", true),
        ("Ana Ruiz, left, and Tomas Vele on the quay. Credit Sam Lee/The Tide", true),
        ("Mira Okonjo, second from left, at the launch.", false),
        ("Mira Okonjo, second from left, at the launch. Photo: Sam Lee", true),
        ("The quay at dawn. Ferry Co./AP", true),
        ("İSTANBUL ÇAĞ, left, on the İİİ quay", true),
        ("港の夜明け 🌊. Photo by 山田", false),
        ("We see it all the time, right, where a ferry is late.", false),
        ("They gave credit to the crew.", false),
        ("“Ana Ruiz, left,” he said.", false),
    ];
    for (text, want) in cases {
        assert_eq!(super::features::is_photo_caption(text), *want, "{text:?}");
    }
}
