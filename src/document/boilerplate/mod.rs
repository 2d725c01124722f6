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
//! - it repeats, word for word, a short line marked chrome elsewhere;
//! - it is a picture's caption or label ("Photo", "… Credit Sam Lee/The Tide").
//!
//! Whatever the rules say, the head keeps one line that can be the title.
//! Everything runs in time linear in the text: one pass per block to measure
//! it, one automaton for all the interface phrases, only on short blocks.

mod features;
#[cfg(test)]
mod tests;
mod vocabulary;

use std::collections::HashSet;

use features::fact::{
    ARROW, CAPS, CODE, CONTENT, CREDIT, DATE, DIGITS, END_MARKER, ENDS_SENTENCE, GLUED, LABEL, PERIOD, PHOTO_CAPTION,
};
use features::{Features, LONG_UNITS, features};
use vocabulary::{AT_START, LIST, OWNER, STRONG};

use super::Block;

/// How far down the page the rules for its top reach, in blocks: pages of
/// captions or dialogue can go on for long before their first long line.
const HEAD_BLOCKS: usize = 40;

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

/// Measuring blocks is most of the marking's time on a big text, and each
/// block is measured alone: past this many, two threads share it.
const PARALLEL_FROM_BLOCKS: usize = 8192;

/// Marks `blocks` that are web chrome.
pub fn mark(text: &str, blocks: &mut [Block]) {
    let feats: Vec<Features> = crate::parallel::map_in_halves(blocks, PARALLEL_FROM_BLOCKS, |i, b| {
        let previous_end = if i == 0 { 0 } else { blocks[i - 1].range.end };
        let gap = text.get(previous_end..b.range.start).unwrap_or("");
        let glued = previous_end > 0 && memchr::memchr_iter(b'\n', gap.as_bytes()).nth(1).is_none();
        features(b.range.slice(text), glued, b.kind)
    });
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
        block.boilerplate = f.is(PHOTO_CAPTION)
            || match region(i) {
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
