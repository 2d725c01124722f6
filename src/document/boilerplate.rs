//! Marking the web chrome around an article: menus, share and rating
//! widgets, browser warnings, donation appeals, "Advertisement".
//!
//! The rules are general, never lists of known lines. A block is chrome when
//! it is short and speaks the vocabulary of a web interface, or when it is a
//! run of one- and two-word menu items. Outside the article body (before the
//! first and after the last paragraph of real prose) the rules are looser:
//! once chrome starts at the foot of a page, the short lines after it are
//! chrome too. Inside the body only short interface lines count, so a
//! sentence that mentions sharing or subscribing is kept.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::Block;

/// Phrases of web interfaces, matched at the start of a word, lowercase.
const INTERFACE_PHRASES: &[&str] = &[
    "advertisement",
    "advertising",
    "sponsored",
    "subscribe",
    "subscription",
    "subscriber",
    "sign in",
    "sign up",
    "log in",
    "login",
    "newsletter",
    "cookie",
    "privacy policy",
    "terms of use",
    "terms of service",
    "all rights reserved",
    "share this",
    "share on",
    "share article",
    "share the",
    "tweet",
    "facebook",
    "linkedin",
    "whatsapp",
    "email this",
    "print this",
    "copy link",
    "rate this",
    "rating",
    "vote",
    "leave a comment",
    "leave a reply",
    "comments",
    "related",
    "read more",
    "more news",
    "more stories",
    "most popular",
    "most read",
    "trending",
    "recommended",
    "follow us",
    "click",
    "tap here",
    "patreon",
    "patron",
    "donate",
    "donation",
    "support us",
    "support our",
    "buy me a coffee",
    "ko-fi",
    "tip jar",
    "become a member",
    "membership",
    "not supported",
    "browser",
    "javascript",
    "loading",
    "skip to",
    "menu",
    "navigation",
    "back to top",
    "watch live",
    "live updates",
    "listen to this",
    "download the app",
    "app store",
    "google play",
    "like this",
    "posted in",
    "tagged",
    "filed under",
    "previous post",
    "next post",
    "continue reading",
    "story continues",
    "accept all",
    "manage preferences",
    "already a",
    "free trial",
    "unlimited access",
    "©",
    "copyright",
    "you may also like",
    "don't miss",
    "sign-up",
    "powered by",
    "permalink",
    "reply",
    "分享",
    "广告",
    "広告",
    "订阅",
    "購読",
    "登录",
    "ログイン",
    "相关",
    "関連",
    "评论",
    "コメント",
    "阅读更多",
    "もっと見る",
    "版权",
    "シェア",
    "推荐",
    "おすすめ",
];

/// Facts about one block that the rules use.
#[derive(Clone, Copy, Debug)]
struct Features {
    words: usize,
    interface: bool,
    ends_sentence: bool,
    /// Real prose: long, or a full sentence of some length.
    content: bool,
}

/// All interface phrases in one automaton: one pass over a block instead of one per phrase.
static INTERFACE: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder().ascii_case_insensitive(true).build(INTERFACE_PHRASES).expect("the phrase list builds")
});

fn has_interface_phrase(text: &str) -> bool {
    INTERFACE.find_overlapping_iter(text).any(|m| {
        let before = text[..m.start()].chars().next_back();
        before.is_none_or(|c| !c.is_alphanumeric()) || !INTERFACE_PHRASES[m.pattern().as_usize()].is_ascii()
    })
}

fn features(text: &str) -> Features {
    let words = crate::text::word_count(text);
    let trimmed = text.trim_end();
    let ends_sentence = trimmed.ends_with(['.', '!', '?', '"', '”', '’', ')', '。', '！', '？', '」']);
    let interface = words <= 30 && has_interface_phrase(text);
    let cjk_chars = if text.is_ascii() {
        0
    } else {
        text.chars().filter(|c| unicode_width::UnicodeWidthChar::width(*c) == Some(2)).count()
    };
    // CJK prose has few "words" by the Unicode rules; count characters instead.
    let long = words >= 20 || cjk_chars >= 40;
    let content = long || (ends_sentence && words >= 12 && !interface);
    Features { words, interface, ends_sentence, content }
}

fn is_menu_item(f: &Features, text: &str) -> bool {
    f.words >= 1 && f.words <= 3 && !f.ends_sentence && text.chars().count() <= 30 && !text.contains(':')
}

/// Marks `blocks` that are web chrome.
pub fn mark(text: &str, blocks: &mut [Block]) {
    let feats: Vec<Features> = blocks.iter().map(|b| features(b.range.slice(text))).collect();
    let Some(first_content) = feats.iter().position(|f| f.content) else {
        return;
    };
    let last_content = feats.iter().rposition(|f| f.content).unwrap_or(first_content);

    for (i, (block, f)) in blocks.iter_mut().zip(&feats).enumerate() {
        let in_body = (first_content..=last_content).contains(&i);
        block.boilerplate = if in_body {
            f.interface && f.words <= 8 && !(f.ends_sentence && f.words >= 6 && !block_ends_with_bang(block, text))
        } else {
            f.interface && f.words <= 25
        };
    }

    // Menus: three or more one- to three-word items in a row, outside the body.
    let mut i = 0;
    while i < blocks.len() {
        let is_item = |j: usize| {
            !(first_content..=last_content).contains(&j) && is_menu_item(&feats[j], blocks[j].range.slice(text))
        };
        if !is_item(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < blocks.len() && is_item(i) {
            i += 1;
        }
        if i - start >= 3 {
            for block in &mut blocks[start..i] {
                block.boilerplate = true;
            }
        }
    }

    // At the foot of the page, chrome continues once it starts.
    let mut in_footer_chrome = false;
    for (block, f) in blocks.iter_mut().zip(&feats).skip(last_content + 1) {
        if block.boilerplate {
            in_footer_chrome = true;
        } else if in_footer_chrome && f.words <= 20 {
            block.boilerplate = true;
        }
    }
}

fn block_ends_with_bang(block: &Block, text: &str) -> bool {
    block.range.slice(text).trim_end().ends_with('!')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interface_phrases_match_at_word_starts() {
        let cases: &[(&str, bool)] = &[
            ("share this:", true),
            ("vote count: 0", true),
            ("get more newsliveon", true),
            ("unrelated matters", false),
            ("the shareholders met", false),
            ("分享到微博", true),
            ("広告", true),
            ("日本語の本文です", false),
            ("👍 like this", true),
        ];
        for (line, want) in cases {
            assert_eq!(has_interface_phrase(line), *want, "{line:?}");
        }
    }
}
