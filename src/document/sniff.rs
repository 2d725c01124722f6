//! Recognising a format from a file's first lines, for files whose name
//! says nothing or says `.txt`.

use super::Format;
use super::captions::{is_srt_timing, is_timing};

/// How far into the file the signs of a format are looked for, in **bytes**.
const HEAD_BYTES: usize = 2048;

/// The format the start of `text` shows unmistakably, if any.
pub(super) fn sniff(text: &str) -> Option<Format> {
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let head = &text[..crate::text::floor_char_boundary(text, HEAD_BYTES)];
    if let Some(rest) = head.strip_prefix("WEBVTT")
        && (rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n']))
    {
        return Some(Format::WebVtt);
    }
    if is_html(head) {
        return Some(Format::Html);
    }
    // The first cue: an optional number, then a timing line.
    let mut lines = head.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next()?;
    let timing = if first.bytes().all(|b| b.is_ascii_digit()) { lines.next()? } else { first };
    if is_srt_timing(timing) {
        Some(Format::Srt)
    } else if is_timing(timing) {
        Some(Format::WebVtt)
    } else {
        None
    }
}

/// Markdown, for text that comes without a name (standard input): YAML
/// front matter (`---`, `key: value` lines, `---`) or an ATX heading first.
/// Named files are not sniffed for it, since a `.txt` with a `# ` line is still text.
pub(super) fn looks_like_markdown(text: &str) -> bool {
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let head = &text[..crate::text::floor_char_boundary(text, HEAD_BYTES)];
    let mut lines = head.lines();
    match lines.next().map(str::trim_end) {
        Some("---") => {
            let mut fields = 0;
            for line in lines {
                let line = line.trim_end();
                if line == "---" || line == "..." {
                    return fields > 0;
                }
                let key = line.split_once(':').map(|(k, _)| k);
                if key
                    .is_some_and(|k| !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-')))
                {
                    fields += 1;
                } else if !line.starts_with([' ', '-']) && !line.is_empty() {
                    return false;
                }
            }
            false
        }
        Some(first) => first.strip_prefix("# ").is_some_and(|rest| !rest.trim().is_empty()),
        None => false,
    }
}

/// A doctype or an `html`, `head` or `body` tag first, after any comments
/// and XML declaration.
fn is_html(head: &str) -> bool {
    let mut rest = head;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<!--") {
            match after.find("-->") {
                Some(end) => rest = &after[end + 3..],
                None => return false,
            }
        } else if rest.starts_with("<?xml") {
            match rest.find("?>") {
                Some(end) => rest = &rest[end + 2..],
                None => return false,
            }
        } else {
            break;
        }
    }
    let start = rest.get(..14).unwrap_or(rest).to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body"].iter().any(|sign| {
        start.starts_with(sign) && start[sign.len()..].chars().next().is_none_or(|c| !c.is_ascii_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_recognised_by_their_first_lines() {
        let cases: &[(&str, Option<Format>)] = &[
            ("WEBVTT\n\n00:00.000 --> 00:01.000\nHi", Some(Format::WebVtt)),
            ("\u{feff}WEBVTT - 夜の番組 🎙\n", Some(Format::WebVtt)),
            ("WEBVTTX\n", None),
            ("1\n00:00:01,000 --> 00:00:02,500\n日本語の字幕\n", Some(Format::Srt)),
            ("\r\n\r\n12\r\n00:10:01,000 --> 00:10:02,000\r\n", Some(Format::Srt)),
            ("intro\n00:00:01.000 --> 00:00:02.000\n", None),
            ("00:00:01.000 --> 00:00:02.000 align:start\n🎵\n", Some(Format::WebVtt)),
            ("<!DOCTYPE html>\n<html lang=\"ja\">", Some(Format::Html)),
            ("<!-- saved from url=(0042) -->\n<html>", Some(Format::Html)),
            ("<?xml version=\"1.0\"?>\n<html xmlns=\"x\">", Some(Format::Html)),
            ("  <HEAD><title>t</title>", Some(Format::Html)),
            ("<header>not a page</header>", None),
            ("<b>bold</b> start of a note", None),
            ("River Treaty Talks Stall 🌊\n\nBy Ana Ruiz", None),
            ("# 見出し\n", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(sniff(text), *want, "{text:?}");
        }
    }

    #[test]
    fn markdown_without_a_name_is_recognised_by_front_matter_or_a_heading() {
        let cases: &[(&str, bool)] = &[
            ("---\ntitle: 'Harbour call'\ndate: '2025-02-16'\n---\n\nText.\n", true),
            ("---\ntitle: 港の会見 🚢\ntags:\n  - ports\n---\n", true),
            ("# River Treaty Talks Stall 🌊\n\nBy Ana Ruiz\n", true),
            ("# 見出し\n\n本文。\n", true),
            // A rule and prose, an unclosed block, a hashtag: text.
            ("---\nThe meeting opened at ten.\n---\n", false),
            ("---\ntitle: never closed\n", false),
            ("#harbour is trending\n", false),
            ("Plain words first.\n# later\n", false),
            ("", false),
        ];
        for (text, want) in cases {
            assert_eq!(looks_like_markdown(text), *want, "{text:?}");
        }
    }
}
