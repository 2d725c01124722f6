//! Marking the web chrome around an article: menus, share and rating
//! widgets, cookie banners, newsletter and paywall prompts, "Advertisement",
//! lists of other stories, copyright footers.
//!
//! The rules are general, never lists of known lines. The page is cut in
//! three: the *head* before the first paragraph of real prose, the *body*
//! up to the last one, and the *foot* after it. A block is chrome when
//!
//! - it is short and speaks the vocabulary of a web interface. In the head and
//!   foot any such phrase will do; in the body the phrase must open the line
//!   (a button or label: "Share this", "Advertisement") or be one no sentence
//!   uses in passing ("this article", "your email"), so a sentence that
//!   mentions sharing or subscribing is kept;
//! - it is a run of one- to three-word menu items on consecutive lines, or a
//!   row of short links separated by `|`, `·` or `•`, or a "« Older" arrow;
//! - it shares a small widget (lines with no blank line between them, inside
//!   the body) with a chrome line: a newsletter pitch above "Enter your email";
//! - it is a short headline under a "Related" / "More from" / "Most read"
//!   header, up to the next paragraph of prose, or a numbered list of
//!   headlines after the body;
//! - it is the site's name at the top of the page, repeated in the copyright
//!   line at the foot;
//! - it follows chrome in the foot: once chrome starts after the article, the
//!   short lines after it are chrome too, and the menu items just before it;
//! - it repeats, word for word, a short line marked chrome elsewhere.
//!
//! Whatever the rules say, the head keeps one line that can be the title.
//! Everything runs in time linear in the text: one pass per block to measure
//! it, one automaton for all the interface phrases, only on short blocks.

use std::collections::HashSet;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::{Block, BlockKind, date::find_date};

/// A phrase no sentence uses in passing: enough on its own, anywhere in a short body line.
const STRONG: u8 = 1;
/// A phrase that heads a list of other stories ("Related", "Most read").
const LIST: u8 = 2;
/// A phrase of the owner's line at the foot ("©", "All rights reserved").
const OWNER: u8 = 4;
/// An ASCII phrase that must end at a word end too ("vote", not "voters").
const WHOLE: u8 = 8;
/// Found by [`scan`], never in the table: a phrase opens the block (after
/// leading symbols), as on a button or a label.
const AT_START: u8 = 16;

/// Phrases of web interfaces, lowercase, with their kinds. ASCII phrases match
/// at the start of a word (and at its end with [`WHOLE`]); others anywhere,
/// since CJK text has no spaces.
const INTERFACE_PHRASES: &[(&str, u8)] = &[
    // Advertising.
    ("advertisement", STRONG),
    ("advertising", STRONG),
    ("advertise", WHOLE),
    ("advertise with", STRONG),
    ("sponsored", STRONG),
    ("paid content", STRONG),
    ("paid post", STRONG),
    ("partner content", STRONG),
    // Accounts, subscriptions, paywalls.
    ("subscribe", STRONG),
    ("subscription", 0),
    ("subscriber", 0),
    ("sign in", STRONG),
    ("sign up", STRONG),
    ("sign-up", STRONG),
    ("sign me up", STRONG),
    ("log in", STRONG),
    ("log-in", STRONG),
    ("login", STRONG),
    ("register", WHOLE),
    ("create an account", STRONG),
    ("have an account", STRONG),
    ("already a", 0),
    ("already have", 0),
    ("free trial", STRONG),
    ("unlimited access", STRONG),
    ("unlock", 0),
    ("last free", STRONG),
    ("free stor", STRONG),
    ("free article", STRONG),
    ("keep reading", STRONG),
    ("continue reading", STRONG),
    ("become a member", STRONG),
    ("membership", 0),
    ("newsletter", STRONG),
    ("your inbox", STRONG),
    ("your email", STRONG),
    ("email address", STRONG),
    ("enter your", 0),
    ("required fields", STRONG),
    // Cookie and consent banners.
    ("cookie", 0),
    ("cookie settings", STRONG),
    ("cookie policy", STRONG),
    ("this site", STRONG),
    ("this website", STRONG),
    ("your device", STRONG),
    ("consent", 0),
    ("accept", WHOLE),
    ("accept all", STRONG),
    ("reject all", STRONG),
    ("manage preferences", STRONG),
    ("manage settings", STRONG),
    ("settings", WHOLE),
    ("preferences", WHOLE),
    ("privacy", 0),
    ("privacy policy", STRONG),
    ("terms", WHOLE),
    ("terms of use", STRONG),
    ("terms of service", STRONG),
    ("terms and conditions", STRONG),
    ("read our", 0),
    ("find out more", 0),
    ("learn more", 0),
    // Sharing and social networks.
    ("share", WHOLE),
    ("share this", STRONG),
    ("share on", STRONG),
    ("share via", STRONG),
    ("share article", STRONG),
    ("share story", STRONG),
    ("share:", STRONG),
    ("spread the word", STRONG),
    ("tell a friend", STRONG),
    ("copy link", STRONG),
    ("email this", STRONG),
    ("email", WHOLE),
    ("e-mail", WHOLE),
    ("print this", STRONG),
    ("print", WHOLE),
    ("tweet", 0),
    ("facebook", 0),
    ("linkedin", 0),
    ("whatsapp", 0),
    ("reddit", 0),
    ("pinterest", 0),
    ("tumblr", 0),
    ("telegram", WHOLE),
    ("mastodon", 0),
    ("bluesky", 0),
    ("instagram", 0),
    ("follow us", STRONG),
    ("like this", STRONG),
    // Ratings and comments.
    ("rate this", STRONG),
    ("rate it", STRONG),
    ("rating", 0),
    ("your rating", STRONG),
    ("score this", STRONG),
    ("your score", STRONG),
    ("vote", WHOLE),
    ("votes", WHOLE),
    ("vote count", STRONG),
    ("no votes", STRONG),
    ("a star to", STRONG),
    ("star", WHOLE),
    ("stars", WHOLE),
    ("be the first", STRONG),
    ("leave a comment", STRONG),
    ("leave a reply", STRONG),
    ("post a comment", STRONG),
    ("comments are closed", STRONG),
    ("comment", WHOLE),
    ("comments", WHOLE),
    ("reply", WHOLE),
    ("replies", WHOLE),
    ("responses to", 0),
    ("your thoughts", 0),
    // Other stories.
    ("related", LIST),
    ("read more", STRONG | LIST),
    ("read next", STRONG | LIST),
    ("also read", STRONG | LIST),
    ("see also", LIST),
    ("more news", STRONG | LIST),
    ("more stories", STRONG | LIST),
    ("more from", LIST),
    ("more in", WHOLE | LIST),
    ("most popular", STRONG | LIST),
    ("most read", STRONG | LIST),
    ("most viewed", STRONG | LIST),
    ("most shared", STRONG | LIST),
    ("trending", LIST),
    ("recommended", LIST),
    ("recommended for you", STRONG | LIST),
    ("you may also", STRONG | LIST),
    ("you might also", STRONG | LIST),
    ("don't miss", STRONG | LIST),
    ("top stories", STRONG | LIST),
    ("editor's picks", STRONG | LIST),
    // Article furniture.
    ("this article", STRONG),
    ("this story", STRONG),
    ("this post", STRONG),
    ("this page", STRONG),
    ("this transcript", STRONG),
    ("this video", STRONG),
    ("article continues", STRONG),
    ("story continues", STRONG),
    ("continues below", STRONG),
    ("continues after", STRONG),
    ("listen to this", STRONG),
    ("save for later", STRONG),
    ("save article", STRONG),
    ("save story", STRONG),
    ("bookmark", 0),
    ("reading time", STRONG),
    ("min read", STRONG),
    ("mins read", STRONG),
    ("minute read", STRONG),
    ("posted in", 0),
    ("filed under", STRONG),
    ("tagged", 0),
    ("tags:", STRONG),
    ("categories:", STRONG),
    ("category:", STRONG),
    ("topics:", STRONG),
    ("permalink", STRONG),
    ("previous post", STRONG),
    ("next post", STRONG),
    ("previous article", STRONG),
    ("next article", STRONG),
    ("previous story", STRONG),
    ("next story", STRONG),
    ("older post", STRONG),
    ("newer post", STRONG),
    ("older entr", STRONG),
    ("newer entr", STRONG),
    ("licensing rights", STRONG),
    ("reprints", STRONG),
    ("our standards", 0),
    ("editorial standards", STRONG),
    ("got a story", STRONG),
    ("got a tip", STRONG),
    ("newsroom", 0),
    ("contact us", STRONG),
    ("contact", WHOLE),
    // Navigation and page machinery.
    ("click", WHOLE),
    ("click here", STRONG),
    ("tap here", STRONG),
    ("skip to", STRONG),
    ("menu", WHOLE),
    ("navigation", WHOLE),
    ("back to top", STRONG),
    ("back to", 0),
    ("return to", 0),
    ("an official website", STRONG),
    ("not supported", STRONG),
    ("browser", 0),
    ("javascript", 0),
    ("loading", 0),
    ("powered by", STRONG),
    ("watch live", STRONG),
    ("listen", WHOLE),
    ("download", 0),
    ("playlist", WHOLE),
    ("live updates", STRONG),
    ("download the app", STRONG),
    ("get the app", STRONG),
    ("app store", STRONG),
    ("google play", STRONG),
    // Donations.
    ("patreon", STRONG),
    ("patron", WHOLE),
    ("become a patron", STRONG),
    ("donate", 0),
    ("donation", 0),
    ("support us", STRONG),
    ("support our", 0),
    ("buy me a coffee", STRONG),
    ("ko-fi", STRONG),
    ("tip jar", STRONG),
    // The owner's line.
    ("©", STRONG | OWNER),
    ("copyright", OWNER),
    ("all rights reserved", STRONG | OWNER),
    // Chinese, Japanese, Korean.
    ("广告", STRONG),
    ("広告", STRONG),
    ("광고", STRONG),
    ("订阅", STRONG),
    ("購読", STRONG),
    ("구독", STRONG),
    ("登录", STRONG),
    ("ログイン", STRONG),
    ("로그인", STRONG),
    ("会員登録", STRONG),
    ("分享", STRONG),
    ("シェア", STRONG),
    ("でポスト", STRONG),
    ("ツイート", 0),
    ("共有", 0),
    ("공유", 0),
    ("收藏", 0),
    ("ブックマーク", 0),
    ("点赞", 0),
    ("いいね", 0),
    ("评论", 0),
    ("コメント", 0),
    ("댓글", 0),
    ("扫码", STRONG),
    ("关注我们", STRONG),
    ("フォロー", 0),
    ("责任编辑", STRONG),
    ("上一篇", STRONG),
    ("下一篇", STRONG),
    ("続きを読む", STRONG),
    ("相关", LIST),
    ("関連", LIST),
    ("관련", LIST),
    ("阅读更多", STRONG | LIST),
    ("もっと見る", STRONG | LIST),
    ("推荐", LIST),
    ("おすすめ", LIST),
    ("热门", LIST),
    ("ランキング", LIST),
    ("排行", LIST),
    ("人気記事", STRONG | LIST),
    ("版权", STRONG | OWNER),
    ("著作権", STRONG | OWNER),
    ("저작권", STRONG | OWNER),
    ("未经授权", STRONG),
    ("转载", 0),
];

/// All interface phrases in one automaton: one pass over a block instead of
/// one per phrase. A DFA: a few hundred phrases make a small one, and it is the
/// fastest to run over a million short blocks.
static INTERFACE: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::DFA))
        .build(INTERFACE_PHRASES.iter().map(|(phrase, _)| phrase))
        .expect("the phrase list builds")
});

/// Blocks longer than this (in [units](measure)) are never scanned for interface phrases.
const SCAN_UNITS: usize = 40;
/// Counting stops here: no rule needs to tell longer blocks apart.
const MAX_UNITS: usize = 64;
/// How far down the page the rules for its top reach, in blocks: pages of
/// captions or dialogue can go on for long before their first long line.
const HEAD_BLOCKS: usize = 40;
/// Prose: a block this long, in units, is article text unless it reads as a banner.
const LONG_UNITS: usize = 20;

/// What the interface phrases in a block say: how many, and of which kinds
/// ([`STRONG`], [`OWNER`], [`AT_START`], and [`LIST`] only at the start).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Interface {
    hits: u8,
    kinds: u8,
}

impl Interface {
    fn has(self, kind: u8) -> bool {
        self.kinds & kind != 0
    }
}

fn scan(text: &str) -> Interface {
    let lead = text.find(|c: char| c.is_alphanumeric()).unwrap_or(0);
    let mut found = Interface::default();
    for m in INTERFACE.find_overlapping_iter(text) {
        let (phrase, kind) = INTERFACE_PHRASES[m.pattern().as_usize()];
        if phrase.is_ascii() {
            let starts_word = text[..m.start()].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let ends_word = text[m.end()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if !starts_word || (kind & WHOLE != 0 && !ends_word) {
                continue;
            }
        }
        found.hits = found.hits.saturating_add(1);
        found.kinds |= kind & (STRONG | OWNER);
        if m.start() <= lead {
            found.kinds |= AT_START | (kind & LIST);
        }
    }
    found
}

/// Han ideographs and kana: CJK text without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

/// The length of a text and the kinds of characters in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Measure {
    /// About a word each: a run of letters or digits is one, two CJK
    /// characters are one (CJK prose has no spaces to count).
    units: usize,
    digits: bool,
    upper: bool,
    lower: bool,
}

/// Measures `text`, counting no further than [`MAX_UNITS`]. ASCII, the
/// common byte, is handled without decoding a char.
fn measure(text: &str) -> Measure {
    let (mut words, mut cjk, mut in_word) = (0usize, 0usize, false);
    let mut m = Measure::default();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() && words + cjk / 2 <= MAX_UNITS {
        let b = bytes[at];
        if b.is_ascii() {
            at += 1;
            if b.is_ascii_alphanumeric() {
                words += usize::from(!in_word);
                in_word = true;
                m.digits |= b.is_ascii_digit();
                m.upper |= b.is_ascii_uppercase();
                m.lower |= b.is_ascii_lowercase();
            } else if !(in_word && b == b'\'') {
                in_word = false;
            }
            continue;
        }
        let c = text[at..].chars().next().unwrap_or(' ');
        at += c.len_utf8();
        if is_cjk(c) {
            cjk += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            words += usize::from(!in_word);
            in_word = true;
            m.upper |= c.is_uppercase();
            m.lower |= c.is_lowercase();
        } else if !(in_word && c == '’') {
            in_word = false;
        }
    }
    m.units = words + cjk.div_ceil(2);
    m
}

/// Facts about a block that are true or false, one bit each of [`Features::facts`].
mod fact {
    pub const ENDS_SENTENCE: u16 = 1;
    /// Ends with a full stop: a statement, not a headline or a button.
    pub const PERIOD: u16 = 1 << 1;
    pub const DIGITS: u16 = 1 << 2;
    /// Letters, all capitals: `HOME`, `END OF PLAY`.
    pub const CAPS: u16 = 1 << 3;
    /// A short date: "March 11, 2025".
    pub const DATE: u16 = 1 << 4;
    /// "END", "Transcript ends", "###": the close of the text itself.
    pub const END_MARKER: u16 = 1 << 5;
    /// No blank line between this block and the one before.
    pub const GLUED: u16 = 1 << 6;
    /// Opens with a transcript label: `REPORTER:`, `MAYOR ODUYA:`.
    pub const LABEL: u16 = 1 << 7;
    /// Starts with "By …" or credits someone ("Photographs by …").
    pub const CREDIT: u16 = 1 << 8;
    /// A short "« Older" / "Newer »" arrow link.
    pub const ARROW: u16 = 1 << 9;
    /// Code is never chrome.
    pub const CODE: u16 = 1 << 10;
    /// Real prose: long, or a full sentence of some length, and not a banner.
    pub const CONTENT: u16 = 1 << 11;
}

use fact::{ARROW, CAPS, CODE, CONTENT, CREDIT, DATE, DIGITS, END_MARKER, ENDS_SENTENCE, GLUED, LABEL, PERIOD};

/// Facts about one block that the rules use.
#[derive(Clone, Copy, Debug, Default)]
struct Features {
    units: usize,
    /// The [`fact`] bits that hold.
    facts: u16,
    ui: Interface,
    /// Items in a row of short links (`Home · News · Sport`), 0 if not one.
    links: usize,
    /// The number of a "3. Headline" item.
    number: Option<u32>,
}

impl Features {
    fn is(&self, fact: u16) -> bool {
        self.facts & fact != 0
    }
}

fn features(text: &str, glued: bool, kind: BlockKind) -> Features {
    let text = text.trim();
    let Measure { units, digits, upper, lower } = measure(text);
    let ends_sentence = text.ends_with(['.', '!', '?', '"', '”', '’', ')', '。', '！', '？', '」', '』']);
    let short = units <= SCAN_UNITS;
    let ui = if short { scan(text) } else { Interface::default() };
    let long = units >= LONG_UNITS;
    let banner = ui.hits >= 2 && ui.has(STRONG) && ui.has(AT_START) && short;
    let chrome_sentence = ui.hits > 0 && !long;
    let code = kind == BlockKind::Code;
    let content = code || ((long || (ends_sentence && units >= 12)) && !banner && !chrome_sentence);
    let facts = [
        (ENDS_SENTENCE, ends_sentence),
        (PERIOD, text.ends_with(['.', '。', '．'])),
        (DIGITS, digits),
        (CAPS, upper && !lower),
        (DATE, digits && units <= 8 && find_date(text).is_some()),
        (END_MARKER, units <= 4 && is_end_marker(text)),
        (GLUED, glued),
        (LABEL, short && is_label(text)),
        (CREDIT, short && is_credit(text)),
        (ARROW, units <= 5 && is_arrow(text)),
        (CODE, code),
        (CONTENT, content),
    ]
    .into_iter()
    .filter(|(_, holds)| *holds)
    .fold(0, |bits, (fact, _)| bits | fact);
    Features {
        units,
        facts,
        ui,
        links: if units <= 24 { link_items(text) } else { 0 },
        number: if units <= 24 { leading_number(text) } else { None },
    }
}

/// "END", "The End", "Transcript ends", "###", "-30-".
fn is_end_marker(text: &str) -> bool {
    matches!(text, "###" | "# # #" | "-30-")
        || text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("end") || w.eq_ignore_ascii_case("ends"))
}

/// `NAME:` in capitals at the start: a turn of a transcript, never chrome.
fn is_label(text: &str) -> bool {
    let Some((head, _)) = text.split_once([':', '：']) else { return false };
    head.len() <= 40
        && head.split_whitespace().count() <= 5
        && head.chars().any(char::is_alphabetic)
        && head.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

/// "By Ana Ruiz", "Photographs by Sam Lee": a credit line.
fn is_credit(text: &str) -> bool {
    let lower_by = |t: &str| t.get(..3).is_some_and(|h| h.eq_ignore_ascii_case("by "));
    lower_by(text)
        || text.match_indices(" by ").any(|(at, _)| text[at + 4..].chars().next().is_some_and(char::is_uppercase))
}

const LINK_SEPARATORS: [char; 6] = ['|', '·', '•', '｜', '»', '›'];
/// Separators that are also characters of prose, so only between spaces.
const SPACED_SEPARATORS: [&str; 2] = [" / ", " > "];

/// How many items a row of short links has (`Contact · Careers · Terms`,
/// `Home » News`, `World / Europe`, or three or more set apart by wide
/// spaces: `News   Opinion   Sport`), 0 when
/// the line is not one: every item one to four units, no digits, no
/// sentence, no byline.
fn link_items(text: &str) -> usize {
    let link = |item: &str| {
        let m = measure(item);
        (1..=4).contains(&m.units) && !m.digits && !item.ends_with(['.', '?', '!', ':', '。']) && !is_credit(item)
    };
    let row = |items: &mut dyn Iterator<Item = &str>| {
        let mut count = 0;
        for item in items {
            if !link(item.trim()) {
                return 0;
            }
            count += 1;
        }
        if count >= 2 { count } else { 0 }
    };
    if text.contains(LINK_SEPARATORS) {
        return row(&mut text.split(LINK_SEPARATORS));
    }
    if let Some(separator) = SPACED_SEPARATORS.into_iter().find(|s| text.contains(s)) {
        return row(&mut text.split(separator));
    }
    if !text.contains("  ") {
        return 0;
    }
    let mut items = 0;
    for item in text.split("  ").map(str::trim).filter(|item| !item.is_empty()) {
        if !link(item) || measure(item).units > 3 {
            return 0;
        }
        items += 1;
    }
    if items >= 3 { items } else { 0 }
}

fn is_arrow(text: &str) -> bool {
    let opens = text.starts_with(['«', '‹', '←']);
    let closes = text.ends_with(['»', '›', '→']);
    opens != closes
}

/// `3. Headline` or `3) Headline` → 3.
fn leading_number(text: &str) -> Option<u32> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = &text[digits..];
    (rest.starts_with(". ") || rest.starts_with(") ")).then(|| text[..digits].parse().ok()).flatten()
}

/// A short line between paragraphs of the article that is still chrome: a
/// button or label ("Advertisement", "Share this:"), or a phrase no sentence
/// of prose uses ("Get more news…", "Gift this article").
fn body_chrome(f: &Features) -> bool {
    if f.is(LABEL) || f.is(CODE) {
        return false;
    }
    let ui = f.ui;
    let button =
        f.units <= 8 && ui.has(AT_START) && (ui.has(STRONG) || (!f.is(PERIOD) && (f.units <= 2 || ui.hits >= 2)));
    let phrase = f.units <= 8 && ui.has(STRONG) && !f.is(ENDS_SENTENCE);
    button || phrase || f.links >= 3
}

/// Chrome before or after the article: a short line with an interface
/// phrase that opens it, or is strong, or is most of it; a banner; a row of
/// links; an arrow. A long statement needs two phrases.
fn outside_chrome(f: &Features) -> bool {
    if f.is(CODE) {
        return false;
    }
    let ui = f.ui;
    let telling = ui.has(STRONG) || ui.has(AT_START) || ui.hits >= 2 || f.units <= 6;
    let statement = f.is(PERIOD) && f.units > 12 && ui.hits < 2;
    let banner = ui.hits >= 2 && ui.has(STRONG) && ui.has(AT_START);
    (ui.hits > 0 && telling && !statement && (f.units <= 25 || banner)) || f.links >= 2 || f.is(ARROW)
}

fn is_menu_item(f: &Features, text: &str) -> bool {
    (1..=3).contains(&f.units)
        && !f.is(ENDS_SENTENCE)
        && !f.is(DATE)
        && !f.is(CREDIT)
        && !f.is(CODE)
        && text.chars().count() <= 30
        && !text.contains([':', '：'])
}

/// Where a block lies: before, inside or after the article body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Region {
    Head,
    Body,
    Foot,
}

/// Marks `blocks` that are web chrome.
pub fn mark(text: &str, blocks: &mut [Block]) {
    let mut previous_end = 0;
    let feats: Vec<Features> = blocks
        .iter()
        .map(|b| {
            let gap = text.get(previous_end..b.range.start).unwrap_or("");
            let glued = previous_end > 0 && memchr::memchr_iter(b'\n', gap.as_bytes()).nth(1).is_none();
            previous_end = b.range.end;
            features(b.range.slice(text), glued, b.kind)
        })
        .collect();
    let Some(first) = feats.iter().position(|f| f.is(CONTENT)) else {
        return;
    };
    let last = feats.iter().rposition(|f| f.is(CONTENT)).unwrap_or(first);
    let region = |i: usize| match i {
        _ if i < first => Region::Head,
        _ if i <= last => Region::Body,
        _ => Region::Foot,
    };

    for (i, (block, f)) in blocks.iter_mut().zip(&feats).enumerate() {
        block.boilerplate = match region(i) {
            Region::Body => body_chrome(f),
            Region::Head | Region::Foot => outside_chrome(f),
        };
    }
    mark_menus(text, blocks, &feats, |i| region(i) != Region::Body);
    mark_widgets(text, blocks, &feats, first, last);
    mark_kicker(text, blocks, &feats, first);
    mark_story_lists(blocks, &feats, first);
    mark_numbered_lists(blocks, &feats, last);
    mark_site_name(text, blocks, &feats, first, last);
    mark_foot(text, blocks, &feats, last);
    mark_repeats(text, blocks, &feats);
    for (block, f) in blocks.iter_mut().zip(&feats) {
        block.boilerplate &= !f.is(END_MARKER);
    }
    keep_a_title(text, blocks, &feats, first);
}

/// Menus: three or more one- to three-word items on consecutive lines.
fn mark_menus(text: &str, blocks: &mut [Block], feats: &[Features], allowed: impl Fn(usize) -> bool) {
    let is_item = |j: usize, blocks: &[Block]| allowed(j) && is_menu_item(&feats[j], blocks[j].range.slice(text));
    let mut i = 0;
    while i < blocks.len() {
        if !is_item(i, blocks) {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < blocks.len() && feats[i].is(GLUED) && is_item(i, blocks) {
            i += 1;
        }
        if i - start >= 3 {
            for block in &mut blocks[start..i] {
                block.boilerplate = true;
            }
        }
    }
}

/// Widgets: a few lines with no blank line between them, blank lines
/// around, one of them chrome. The other short lines of the widget are
/// chrome too: the pitch above "Enter your email", the advert under
/// "SPONSORED", the site's name and motto above its menu. Never a byline, a
/// date or a transcript turn; in the body nothing with a number, in the head
/// nothing that could be the title.
fn mark_widgets(text: &str, blocks: &mut [Block], feats: &[Features], first: usize, last: usize) {
    const MAX_WIDGET_BLOCKS: usize = 6;
    let mut start = 0;
    while start <= last {
        let mut end = start + 1;
        while end < blocks.len() && feats[end].is(GLUED) {
            end += 1;
        }
        let head = end <= first.min(HEAD_BLOCKS);
        let body = start >= first && end <= last + 1;
        if (head || body)
            && (2..=MAX_WIDGET_BLOCKS).contains(&(end - start))
            && blocks[start..end].iter().any(|b| b.boilerplate)
        {
            for (block, f) in blocks[start..end].iter_mut().zip(&feats[start..end]) {
                let spared = f.is(LABEL)
                    || f.is(CREDIT)
                    || f.is(DATE)
                    || f.is(CODE)
                    || if head {
                        f.units >= 6 && could_be_title(f, block.range.slice(text).trim())
                    } else {
                        f.units >= LONG_UNITS + 5 || f.is(DIGITS)
                    };
                block.boilerplate |= !spared;
            }
        }
        start = end;
    }
}

/// On a page with chrome at the top, a section label in capitals just above
/// the title ("LOCAL", "CLIMATE & ENVIRONMENT") would be taken for the title:
/// it is chrome. A stack of capitals (a hearing's title page) is left alone.
fn mark_kicker(text: &str, blocks: &mut [Block], feats: &[Features], first: usize) {
    let candidate = |i: usize| !blocks[i].boilerplate && could_be_title(&feats[i], blocks[i].range.slice(text).trim());
    let Some(t) = (0..first.min(HEAD_BLOCKS)).find(|&i| candidate(i)) else { return };
    let (f, next) = (&feats[t], feats.get(t + 1));
    if t + 1 < first
        && f.is(CAPS)
        && f.units <= 3
        && !f.is(DATE)
        && next.is_some_and(|n| !n.is(CAPS) && n.units > f.units)
        && candidate(t + 1)
        && blocks[..t].iter().any(|b| b.boilerplate)
    {
        blocks[t].boilerplate = true;
    }
}

/// After a "Related" or "Most read" header, the short headlines that follow
/// are links, up to the next paragraph of prose or statement.
fn mark_story_lists(blocks: &mut [Block], feats: &[Features], first: usize) {
    let mut in_list = false;
    for (block, f) in blocks.iter_mut().zip(feats).skip(first) {
        if block.boilerplate {
            in_list |= f.ui.has(LIST) && f.units <= 6;
        } else if in_list && !f.is(CONTENT) && !f.is(PERIOD) && !f.is(LABEL) && !f.is(CODE) && f.units <= LONG_UNITS {
            block.boilerplate = true;
        } else {
            in_list = false;
        }
    }
}

/// After the body, three or more numbered headlines in a row ("1. …", "2. …")
/// are a list of other stories.
fn mark_numbered_lists(blocks: &mut [Block], feats: &[Features], last: usize) {
    let mut i = last + 1;
    while i < blocks.len() {
        let Some(n) = feats[i].number else {
            i += 1;
            continue;
        };
        let start = i;
        let mut want = n;
        while i < blocks.len() && feats[i].number == Some(want) && !feats[i].is(PERIOD) && feats[i].units <= LONG_UNITS
        {
            want += 1;
            i += 1;
        }
        if i - start >= 3 {
            for block in &mut blocks[start..i] {
                block.boilerplate = true;
            }
        }
        i = i.max(start + 1);
    }
}

/// The site's name at the top of the page: a short head line that the
/// copyright line at the foot repeats ("Harbor Ledger" … "© 2025 Harbor Ledger").
fn mark_site_name(text: &str, blocks: &mut [Block], feats: &[Features], first: usize, last: usize) {
    const MAX_OWNER_LINES: usize = 4;
    let owners: Vec<&str> = blocks
        .iter()
        .zip(feats)
        .skip(last + 1)
        .filter(|(b, f)| b.boilerplate && f.ui.has(OWNER))
        .map(|(b, _)| b.range.slice(text))
        .take(MAX_OWNER_LINES)
        .collect();
    if owners.is_empty() {
        return;
    }
    for (block, f) in blocks.iter_mut().zip(feats).take(first.min(HEAD_BLOCKS)) {
        let name = block.range.slice(text).trim();
        if !block.boilerplate
            && f.units <= 5
            && name.len() >= 4
            && !f.is(ENDS_SENTENCE)
            && !f.is(DIGITS)
            && !f.is(LABEL)
            && !f.is(CREDIT)
            && owners.iter().any(|o| contains_ignore_ascii_case(o, name))
        {
            block.boilerplate = true;
        }
    }
}

fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    haystack.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// In the foot, chrome continues once it starts: the short lines after the
/// first chrome line are chrome, and so are the menu items just before a
/// chrome line ("Email", "Print" above "Like this:").
fn mark_foot(text: &str, blocks: &mut [Block], feats: &[Features], last: usize) {
    let mut next_is_chrome = false;
    for i in (last + 1..blocks.len()).rev() {
        if blocks[i].boilerplate {
            next_is_chrome = true;
        } else if next_is_chrome && !feats[i].is(CAPS) && is_menu_item(&feats[i], blocks[i].range.slice(text)) {
            blocks[i].boilerplate = true;
        } else {
            next_is_chrome = false;
        }
    }
    let mut in_chrome = false;
    for (block, f) in blocks.iter_mut().zip(feats).skip(last + 1) {
        if block.boilerplate {
            in_chrome = true;
        } else if in_chrome && f.units <= LONG_UNITS && !f.is(CODE) {
            block.boilerplate = true;
        }
    }
}

/// A short line that is chrome in one place is chrome wherever it repeats
/// word for word (a menu at the top and again at the foot). Lines that
/// transcripts repeat (labels in capitals, "Thank you.", "[Applause]") are
/// never candidates.
fn mark_repeats(text: &str, blocks: &mut [Block], feats: &[Features]) {
    let candidate = |b: &Block, f: &Features| {
        let line = b.range.slice(text).trim();
        f.units <= 6 && !f.is(PERIOD) && !f.is(LABEL) && !f.is(CODE) && !f.is(CAPS) && !line.starts_with(['[', '('])
    };
    let chrome: HashSet<&str> = blocks
        .iter()
        .zip(feats)
        .filter(|(b, f)| b.boilerplate && candidate(b, f))
        .map(|(b, _)| b.range.slice(text).trim())
        .collect();
    if chrome.is_empty() {
        return;
    }
    for (block, f) in blocks.iter_mut().zip(feats) {
        if !block.boilerplate && candidate(block, f) && chrome.contains(block.range.slice(text).trim()) {
            block.boilerplate = true;
        }
    }
}

/// A line that could be the page's title (the metadata pass picks the first
/// such readable line).
fn could_be_title(f: &Features, line: &str) -> bool {
    let number_or_date = f.is(DIGITS) && f.units <= 6;
    let bracketed = line.starts_with('[') && line.ends_with(']');
    (1..=30).contains(&f.units)
        && !f.is(CREDIT | LABEL | CODE)
        && !number_or_date
        && !bracketed
        && !line.ends_with([':', '.', ','])
        && line.chars().any(char::is_alphabetic)
}

/// Titles use the words of interfaces too ("Facebook faces vote on privacy
/// rules"). When the rules leave the head without a line that could be the
/// title, the longest such line that they marked is given back.
fn keep_a_title(text: &str, blocks: &mut [Block], feats: &[Features], first: usize) {
    let head = first.min(HEAD_BLOCKS - 1).min(blocks.len() - 1);
    let title_left =
        blocks[..=head].iter().zip(feats).any(|(b, f)| !b.boilerplate && could_be_title(f, b.range.slice(text).trim()));
    if title_left {
        return;
    }
    let best = blocks[..head]
        .iter()
        .zip(feats)
        .enumerate()
        .filter(|(_, (b, f))| {
            b.boilerplate
                && f.units >= 4
                && f.links == 0
                && !f.ui.has(OWNER)
                && could_be_title(f, b.range.slice(text).trim())
        })
        .max_by_key(|(i, (_, f))| (f.units, std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    if let Some(i) = best {
        blocks[i].boilerplate = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
            (
                format!("Home\nNews\nSport\n\nHarbour wall talks\n\n{PROSE}\n\n{MORE_PROSE}\n"),
                &["Home", "News", "Sport"],
            ),
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
}
