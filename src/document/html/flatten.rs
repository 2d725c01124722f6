//! A guard against pathological nesting, run before a page is parsed.
//!
//! HTML tree building checks the stack of open elements at many tags, and
//! readability scores every ancestor of every paragraph: both cost time in
//! proportion to depth, so 100,000 nested `<div>`s take minutes. Real pages
//! nest a few dozen levels. This pass tokenises the page (linear, no stack)
//! and drops the tags that would open elements deeper than [`MAX_DEPTH`],
//! with their end tags; their content stays, one level up. A page within
//! the limit is handed on untouched.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt::Write;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, CharacterTokens, CommentToken, DoctypeToken, EndTag, NullCharacterToken, StartTag, Tag, TagToken,
    Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// The deepest element nesting kept.
pub const MAX_DEPTH: usize = 128;

/// Elements that never hold content.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param"];

/// Elements whose end tag may be left out: the parser closes them itself, so
/// counting them would count depth that is not there.
const SELF_CLOSING: &[&str] = &[
    "html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "rb", "rt", "rp", "rtc",
];

/// Elements never dropped, however deep: without its tag, a script's or a
/// style's content would become text on the page.
const KEPT: &[&str] = &[
    "script",
    "style",
    "title",
    "textarea",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "template",
    "plaintext",
];

/// Whether an element counts towards depth: it holds content and needs its end tag.
fn counts(name: &str) -> bool {
    !VOID.contains(&name) && !SELF_CLOSING.contains(&name) && !KEPT.contains(&name)
}

#[derive(Default)]
struct Sink {
    out: RefCell<String>,
    depth: Cell<usize>,
    /// Start tags dropped and not yet closed, by name.
    dropped: RefCell<HashMap<String, usize>>,
    dropped_any: Cell<bool>,
    /// Inside `<script>`, `<style>` and the like, text is written raw.
    raw: Cell<bool>,
}

fn escape(text: &str, attribute: bool, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' if !attribute => out.push_str("&lt;"),
            '>' if !attribute => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}

impl Sink {
    fn start_tag(&self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let counted = !tag.self_closing && counts(name);
        if counted {
            if self.depth.get() >= MAX_DEPTH {
                *self.dropped.borrow_mut().entry(name.to_owned()).or_default() += 1;
                self.dropped_any.set(true);
                return TokenSinkResult::Continue;
            }
            self.depth.set(self.depth.get() + 1);
        }
        let mut out = self.out.borrow_mut();
        let _ = write!(out, "<{name}");
        for attr in &tag.attrs {
            let _ = write!(out, " {}=\"", attr.name.local);
            escape(&attr.value, true, &mut out);
            out.push('"');
        }
        out.push_str(if tag.self_closing { "/>" } else { ">" });
        let raw = match name {
            "script" => Some(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => Some(RawKind::Rawtext),
            "title" | "textarea" => Some(RawKind::Rcdata),
            _ => None,
        };
        match raw {
            Some(kind) if !tag.self_closing => {
                self.raw.set(kind != RawKind::Rcdata);
                TokenSinkResult::RawData(kind)
            }
            _ => TokenSinkResult::Continue,
        }
    }

    fn end_tag(&self, tag: &Tag) {
        let name: &str = &tag.name;
        self.raw.set(false);
        if let Some(open) = self.dropped.borrow_mut().get_mut(name).filter(|n| **n > 0) {
            *open -= 1;
            return;
        }
        if counts(name) {
            self.depth.set(self.depth.get().saturating_sub(1));
        }
        let _ = write!(self.out.borrow_mut(), "</{name}>");
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            TagToken(tag) if tag.kind == StartTag => return self.start_tag(&tag),
            TagToken(tag) if tag.kind == EndTag => self.end_tag(&tag),
            CharacterTokens(text) => {
                let mut out = self.out.borrow_mut();
                if self.raw.get() {
                    out.push_str(&text);
                } else {
                    escape(&text, false, &mut out);
                }
            }
            CommentToken(text) => {
                let _ = write!(self.out.borrow_mut(), "<!--{}-->", text.replace("--", "- -"));
            }
            DoctypeToken(_) => self.out.borrow_mut().push_str("<!DOCTYPE html>"),
            NullCharacterToken => self.out.borrow_mut().push('\u{fffd}'),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The page with nesting beyond [`MAX_DEPTH`] removed, or `None` when it
/// is within the limit and needs no change.
#[must_use]
pub fn flatten(html: &str) -> Option<String> {
    let sink = Sink::default();
    sink.out.borrow_mut().reserve(html.len());
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let sink = tokenizer.sink;
    sink.dropped_any.get().then(|| sink.out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_left_alone() {
        for page in [
            "<html><body><div><p>日本語 👍</p></div></body></html>",
            "<p>one<p>two<ul><li>a<li>b</ul>",
            &"<p>unclosed paragraph ".repeat(MAX_DEPTH * 3),
        ] {
            assert_eq!(flatten(page), None, "{page}");
        }
    }

    #[test]
    fn deep_nesting_is_cut_to_the_limit_and_keeps_the_text() {
        let n = MAX_DEPTH * 4;
        let page = format!(
            "<html><body>{}<p title=\"a&quot;b\">深い 🕳 &amp; &lt;deep&gt;</p><script>if (a < b) x();</script>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let flat = flatten(&page).expect("too deep to leave alone");
        assert_eq!(flat.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(flat.matches("</div>").count(), MAX_DEPTH);
        assert!(flat.contains("<p title=\"a&quot;b\">深い 🕳 &amp; &lt;deep&gt;</p>"), "{flat}");
        assert!(flat.contains("<script>if (a < b) x();</script>"), "scripts stay raw: {flat}");
    }
}
