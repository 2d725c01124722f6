use std::time::{Duration, Instant};

use super::*;
use crate::speaker;

/// A news page as saved from a browser: menus, cookie banner, share buttons,
/// inline script and style, JSON-LD, a comments section and a footer.
const NEWS: &str = r##"<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ferry Fares Rise Again | The Saltmarsh Courier</title>
<meta property="og:site_name" content="The Saltmarsh Courier">
<meta property="article:published_time" content="2025-04-09T07:15:00+01:00">
<style>.cookie { position: fixed } body { font-family: serif }</style>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry Fares Rise Again","datePublished":"2025-04-09T07:15:00+01:00","author":{"@type":"Person","name":"Odile Farrant"},"publisher":{"@type":"Organization","name":"The Saltmarsh Courier"}}</script>
<script>window.dataLayer = []; function track() { document.write("TRACKING PIXEL"); }</script>
</head><body>
<div id="cookie-banner" class="cookie">We use cookies to improve your experience. <button>Accept all</button></div>
<header class="masthead"><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Ferry Fares Rise Again</h1>
<p class="byline">By Odile Farrant</p>
<div class="share-buttons"><a href="https://share.example/x">Share on X</a> <a href="#">Email</a></div>
<p>Island residents will pay &pound;4.20 more for a return crossing from May, the operator said on Tuesday, the third rise in two years and one that islanders say they can&#8217;t absorb.</p>
<p>“We are not a tourist attraction, we live here,” said Bartholomew Quayle, who chairs the residents&nbsp;association. He said the group would <a href="https://example.org/petition">take a petition to the council</a> before the summer timetable starts, and that more than nine hundred people had signed it already.</p>
<h2>What changes in May</h2>
<ul><li>Return fares rise by &pound;4.20 for adults.</li><li>Cars over five metres pay a new surcharge.</li></ul>
<blockquote><p>The fare review takes account of fuel, crew and harbour dues, which have all risen sharply this year.</p></blockquote>
<p>The operator said concessions for pupils and pensioners, about a fifth of all crossings, would not change. 日本からの観光客も影響を受ける 🚢.</p>
<script>console.log("inline script in the article body");</script>
</article></main>
<section id="comments" class="comments"><h3>12 Comments</h3><div class="comment"><p>First! This is outrageous and the council should act.</p></div></section>
<footer class="site-footer"><p>© 2025 The Saltmarsh Courier. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"##;

fn readable_texts(doc: &Document) -> Vec<(BlockKind, &str)> {
    doc.readable_blocks().map(|b| (b.kind, doc.block_text(b))).collect()
}

#[test]
fn news_page_gives_its_article_and_metadata() {
    let doc = parse(NEWS);
    assert_eq!(doc.meta.title, "Ferry Fares Rise Again");
    assert_eq!(doc.meta.date.as_deref(), Some("2025-04-09"));
    assert_eq!(doc.meta.source.as_deref(), Some("The Saltmarsh Courier"));
    assert_eq!(doc.meta.byline.as_deref(), Some("Odile Farrant"));
    let blocks = readable_texts(&doc);
    assert_eq!(blocks[0], (BlockKind::Title, "Ferry Fares Rise Again"));
    assert_eq!(blocks.iter().filter(|(k, _)| *k == BlockKind::Title).count(), 1, "{blocks:#?}");
    assert!(blocks.contains(&(BlockKind::Heading { level: 2 }, "What changes in May")), "{blocks:#?}");
    assert!(blocks.contains(&(BlockKind::ListItem, "• Return fares rise by £4.20 for adults.")), "{blocks:#?}");
    assert!(blocks.iter().any(|(k, t)| *k == BlockKind::Quote && t.starts_with("The fare review")), "{blocks:#?}");
    assert!(doc.text.contains("islanders say they can’t absorb"));
    assert!(doc.text.contains("residents\u{a0}association"), "&nbsp; decoded, kept unbreakable");
    assert!(doc.text.contains("日本からの観光客も影響を受ける 🚢."));
    for chrome in ["cookies", "Accept all", "Sport", "Share on X", "First!", "All rights reserved", "Privacy"] {
        assert!(!doc.text.contains(chrome), "{chrome:?} in {:?}", doc.text);
    }
    for code in ["dataLayer", "TRACKING", "console.log", "font-family", "NewsArticle"] {
        assert!(!doc.text.contains(code), "{code:?} in {:?}", doc.text);
    }
    let link = doc.links.iter().find(|l| l.url == "https://example.org/petition").expect("petition link");
    assert_eq!(link.range.slice(&doc.text), "take a petition to the council");
}

#[test]
fn quotes_in_a_page_are_attributed() {
    let doc = parse(NEWS);
    let attribution = speaker::detect(&doc);
    let names: Vec<&str> = attribution.speakers.iter().map(|s| s.name.as_str()).collect();
    assert!(names.contains(&"Bartholomew Quayle"), "{names:?}");
}

const TRANSCRIPT: &str = r##"<html><head><title>Harbour Board Meeting — Transcript</title></head><body>
<nav><a href="/">Home</a> | <a href="/meetings">Meetings</a></nav>
<div class="entry-content">
<h1>Harbour Board Meeting — Transcript</h1>
<p><em>Recorded 3 March 2025 at the Old Customs House.</em></p>
<p><strong>CHAIR WINIFRED ACHEBE-LUND:</strong> Good evening. The first item is the dredging contract, which has now been out to tender twice.</p>
<p><strong>Tomasz Greenhalgh:</strong> Thank you, Chair. The lowest bid came in at four hundred thousand, which is over the budget we set in January.</p>
<p><strong>CHAIR WINIFRED ACHEBE-LUND:</strong> And the second-lowest?</p>
<p><strong>Tomasz Greenhalgh:</strong> Close behind it. Both firms want a longer window for the work, which the fishing fleet will not like.</p>
<p><strong>佐藤 花子:</strong> 漁業者の代表として、工事の時期について意見があります 🐟。</p>
<p><strong>佐藤 花子:</strong> 春は避けてください。</p>
<p><strong>Note:</strong> the board adjourned at 8.40pm.</p>
</div>
<div class="share"><a href="#">Share</a></div>
</body></html>"##;

#[test]
fn a_transcript_page_keeps_its_speakers() {
    let doc = parse(TRANSCRIPT);
    let attribution = speaker::detect(&doc);
    let owner = |fragment: &str| {
        let at = doc.text.find(fragment).unwrap_or_else(|| panic!("{fragment:?} not in {:?}", doc.text));
        attribution.passage_at(at).and_then(|p| p.speaker).map(|id| attribution.speakers[id.0].name.clone())
    };
    let cases: &[(&str, Option<&str>)] = &[
        ("Good evening.", Some("Chair Winifred Achebe-Lund")),
        ("The lowest bid", Some("Tomasz Greenhalgh")),
        ("And the second-lowest?", Some("Chair Winifred Achebe-Lund")),
        ("Close behind it.", Some("Tomasz Greenhalgh")),
        ("漁業者の代表として", Some("佐藤 花子")),
        ("春は避けてください。", Some("佐藤 花子")),
    ];
    for (fragment, want) in cases {
        assert_eq!(owner(fragment).as_deref(), *want, "{fragment:?}");
    }
    assert!(!attribution.speakers.iter().any(|s| s.name == "Note"), "a bold word used once is not a speaker");
    assert!(!doc.text.contains("Meetings"));
}

#[test]
fn entities_and_escapes_are_decoded_then_made_safe() {
    let cases: &[(&str, &str)] = &[
        ("<p>caf&eacute; &amp; cr&#232;me &#x1F375;</p>", "café & crème 🍵"),
        ("<p>a&nbsp;b &lt;tag&gt;</p>", "a\u{a0}b <tag>"),
        ("<p>bell&#7; esc&#27;[31m red</p>", "bell^G esc^[[31m red"),
        ("<p>rtl &#x202E;txt</p>", "rtl ⟨U+202E⟩txt"),
        ("<p>東京 <b>太字</b>と<i>斜体</i></p>", "東京 太字と斜体"),
    ];
    for (html, want) in cases {
        let doc = parse(&format!("<html><body>{html}</body></html>"));
        let body: Vec<&str> = doc.body_blocks().map(|b| doc.block_text(b)).collect();
        assert_eq!(body, [*want], "{html}");
        assert!(!doc.text.chars().any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\u{202e}'));
    }
}

#[test]
fn misnested_and_unclosed_markup_still_reads() {
    let doc =
        parse("<html><body><p>one <b>two <i>three</b> four</i><p>five<ul><li>six<li>seven</ul><div>eight</p></div>");
    let body: Vec<&str> = doc.body_blocks().map(|b| doc.block_text(b)).collect();
    assert_eq!(body, ["one two three four", "five", "• six", "• seven", "eight"]);
}

#[test]
fn pages_without_markup_or_text_do_not_fail() {
    let plain = parse("just words, no tags at all");
    assert_eq!(plain.notices.len(), 1);
    assert!(plain.text.contains("just words"));
    for page in ["", "<html></html>", "<title>Only a title 📰</title>", "<", "<<<>>>", "<script>alert(1)</script>"] {
        let doc = parse(page);
        assert!(!doc.text.contains("alert"), "{page:?}");
    }
    assert_eq!(parse("<title>Only a title 📰</title>").meta.title, "Only a title 📰");
}

/// Readability scores ancestors and the tree builder scans open elements:
/// both are slow in depth, and naive recursion would overflow the stack.
#[test]
fn a_hundred_thousand_nested_divs_finish_in_seconds() {
    let n = 100_000;
    let page = format!(
        "<html><head><title>Deep</title></head><body>{}<p>The bottom of a very deep page, still readable 🕳.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let started = Instant::now();
    let doc = parse(&page);
    let took = started.elapsed();
    eprintln!("100,000 nested divs: {took:?}");
    assert!(took < Duration::from_secs(10), "took {took:?}");
    assert!(doc.text.contains("The bottom of a very deep page, still readable 🕳."));
    assert!(doc.notices.iter().any(|n| n.contains("flattened")));
}

#[test]
fn a_huge_flat_page_finishes_in_seconds() {
    let paragraph = "<div class=\"row\"><p>Paragraph with a few words, and a comma.</p></div>";
    let page = format!("<html><body>{}</body></html>", paragraph.repeat(30_000));
    let started = Instant::now();
    let doc = parse(&page);
    let took = started.elapsed();
    eprintln!("30,000 paragraphs: {took:?}");
    assert!(took < Duration::from_secs(20), "took {took:?}");
    assert!(doc.body_blocks().count() >= 30_000);
}

#[test]
fn a_date_given_only_in_meta_or_time_tags_is_found_whatever_the_extension() {
    let body = "<body><article><h1>Tide Tables Reprinted</h1><p>The harbour office has reprinted its tide tables for the \
                season, after readers in Ørnvik and 港町 asked for larger type. 🌊 The new edition runs to forty pages \
                and is free at the quay.</p><p>Staff said the old plates had worn thin after nine summers.</p></article></body>";
    let cases = [
        (r#"<meta name="date" content="2025-06-02">"#, "2025-06-02"),
        (r#"<meta name="DC.date" content="2024-11-30T08:00:00Z">"#, "2024-11-30"),
        (r#"<meta name="dcterms.issued" content="March 4, 2023">"#, "2023-03-04"),
        (r#"<meta name="author" content="Ines Varga">"#, ""),
    ];
    for (head, want) in cases {
        let page = format!("<!DOCTYPE html><html><head><title>Tide Tables Reprinted</title>{head}</head>{body}</html>");
        let doc = parse(&page);
        assert_eq!(doc.meta.date.as_deref().unwrap_or(""), want, "{head}");
        // Named .txt, the content still says HTML, and so the date is read.
        let dir = tempfile::tempdir().unwrap();
        for name in ["page.txt", "page.html", "page"] {
            let path = dir.path().join(name);
            std::fs::write(&path, &page).unwrap();
            let loaded = crate::document::Document::load(&path).unwrap();
            assert_eq!(loaded.meta.date.as_deref().unwrap_or(""), want, "{name}: {head}");
        }
    }
    let timed = format!(
        "<!DOCTYPE html><html><head><title>T</title></head>{}</html>",
        body.replace("<h1>", "<p>Posted <time datetime=\"2022-01-09T10:00\">9 Jan</time></p><h1>")
    );
    assert_eq!(parse(&timed).meta.date.as_deref(), Some("2022-01-09"));
}
