//! Walking a parsed page into blocks: headings, paragraphs, block quotes,
//! list items, code; links kept; scripts, styles, forms and navigation never
//! written. The walk is a loop over sibling and parent links, not recursion,
//! so no page is deep enough to exhaust the stack.

use dom_query::{NodeId, NodeRef};

use crate::document::BlockKind;
use crate::document::build::Builder;

/// Elements whose whole subtree is never text to read.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "button",
    "select", "textarea", "input", "form", "nav", "aside", "footer", "dialog", "video", "audio", "picture", "img",
];

/// Elements that end the block before them and after them.
const BLOCKS: &[&str] = &[
    "div",
    "section",
    "article",
    "main",
    "header",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "dl",
    "dt",
    "dd",
    "hr",
    "address",
    "details",
    "summary",
    "center",
    "fieldset",
    "hgroup",
    "body",
];

/// Words in a class or id that mark chrome: used only when readability
/// could not find the article and the whole page is walked.
const CHROME_WORDS: &[&str] = &[
    "cookie",
    "consent",
    "banner",
    "share",
    "social",
    "comment",
    "nav",
    "menu",
    "footer",
    "sidebar",
    "advert",
    "promo",
    "related",
    "newsletter",
    "subscribe",
    "popup",
    "modal",
    "breadcrumb",
    "masthead",
    "toolbar",
    "sponsor",
];

/// A `<strong>NAME:</strong>` at the start of a paragraph: a transcript label.
#[derive(Debug)]
pub(super) struct LabelSeen {
    /// **Byte** offset where the label starts in the text.
    pub start: usize,
    pub name: String,
}

/// Walks the page from `root` into `builder`.
pub(super) struct Walk<'b> {
    pub builder: &'b mut Builder,
    /// Skip elements whose class or id names chrome.
    pub drop_chrome: bool,
    /// The title, so a heading that repeats it is not written twice.
    pub title: String,
    pub labels: Vec<LabelSeen>,
    /// Open links: where their text starts (**byte** offset) and their target.
    links: Vec<(usize, String)>,
    /// Open lists: the number of the next item, for numbered ones.
    lists: Vec<Option<u64>>,
    quote_depth: usize,
    pre_depth: usize,
    skipped_title: bool,
    /// An element whose text is already written (a label).
    written: Option<NodeId>,
}

fn is_chrome(node: &NodeRef) -> bool {
    let names = format!("{} {}", node.attr("class").as_deref().unwrap_or(""), node.attr("id").as_deref().unwrap_or(""))
        .to_ascii_lowercase();
    let role = node.attr("role").map(|r| r.to_ascii_lowercase());
    let hidden = node.attr("hidden").is_some() || node.attr("aria-hidden").as_deref() == Some("true");
    hidden
        || matches!(role.as_deref(), Some("navigation" | "banner" | "contentinfo" | "complementary" | "dialog"))
        || names.split(|c: char| !c.is_ascii_alphanumeric()).any(|word| {
            CHROME_WORDS
                .iter()
                .any(|chrome| word == *chrome || (word.starts_with(chrome) && word.len() <= chrome.len() + 1))
                || word == "ad"
                || word == "ads"
        })
}

impl<'b> Walk<'b> {
    pub fn new(builder: &'b mut Builder, drop_chrome: bool, title: String) -> Self {
        Self {
            builder,
            drop_chrome,
            title,
            labels: Vec::new(),
            links: Vec::new(),
            lists: Vec::new(),
            quote_depth: 0,
            pre_depth: 0,
            skipped_title: false,
            written: None,
        }
    }

    /// Walks every node under `root`, in document order.
    pub fn run(&mut self, root: &NodeRef) {
        let mut next = root.first_child();
        while let Some(node) = next {
            let descend = self.enter(&node);
            if descend && let Some(child) = node.first_child() {
                next = Some(child);
                continue;
            }
            // Leave this node, then climb until an ancestor has a next sibling.
            let mut at = node;
            let mut entered = descend;
            next = loop {
                if entered {
                    self.leave(&at);
                }
                if let Some(sibling) = at.next_sibling() {
                    break Some(sibling);
                }
                match at.parent() {
                    Some(parent) if parent.id != root.id => {
                        at = parent;
                        entered = true;
                    }
                    _ => break None,
                }
            };
        }
    }

    fn paragraph_kind(&self) -> BlockKind {
        if self.quote_depth > 0 { BlockKind::Quote } else { BlockKind::Paragraph }
    }

    /// Handles a node's start; returns whether to walk its children.
    fn enter(&mut self, node: &NodeRef) -> bool {
        if node.is_text() {
            let text = node.text();
            if self.pre_depth > 0 {
                if !self.builder.is_open() {
                    self.builder.start(BlockKind::Code);
                }
                self.builder.push_str(&text);
            } else if !text.trim().is_empty() || self.builder.is_open() {
                if !self.builder.is_open() {
                    self.builder.start(self.paragraph_kind());
                }
                self.builder.push_collapsed(&text);
            }
            return false;
        }
        if !node.is_element() || self.written == Some(node.id) {
            return false;
        }
        let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        if SKIPPED.contains(&name.as_str()) || (self.drop_chrome && name != "body" && is_chrome(node)) {
            return false;
        }
        match name.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                if !self.skipped_title && same_words(&node.text(), &self.title) {
                    self.skipped_title = true;
                    return false;
                }
                let level = name.as_bytes()[1] - b'0';
                let kind = if self.quote_depth > 0 { BlockKind::Quote } else { BlockKind::Heading { level } };
                self.builder.start(kind);
            }
            "p" => {
                let kind = if self.lists.is_empty() { self.paragraph_kind() } else { BlockKind::ListItem };
                self.builder.start(kind);
                self.label(node);
            }
            "blockquote" => {
                self.builder.end();
                self.quote_depth += 1;
            }
            "ul" | "ol" => {
                self.builder.end();
                let start = node.attr("start").and_then(|s| s.trim().parse().ok()).unwrap_or(1);
                self.lists.push((name == "ol").then_some(start));
            }
            "li" => self.item(),
            "pre" => {
                self.builder.start(BlockKind::Code);
                self.pre_depth += 1;
            }
            "br" => self.builder.line_break(),
            "tr" => self.builder.start(self.paragraph_kind()),
            "td" | "th" if !self.builder.open_is_empty() => {
                self.builder.push_str(" │");
                self.builder.soft_space();
            }
            "a" => {
                let href = node.attr("href").map(|h| h.trim().to_owned()).unwrap_or_default();
                let usable = !href.is_empty() && !href.starts_with('#') && !href.starts_with("javascript:");
                self.links.push((self.builder.offset(), if usable { href } else { String::new() }));
            }
            _ if BLOCKS.contains(&name.as_str()) => self.builder.end(),
            _ => {}
        }
        true
    }

    fn leave(&mut self, node: &NodeRef) {
        if !node.is_element() {
            return;
        }
        let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        match name.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "li" | "tr" => self.builder.end(),
            "blockquote" => {
                self.builder.end();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            "ul" | "ol" => {
                self.builder.end();
                self.lists.pop();
            }
            "pre" => {
                self.builder.end();
                self.pre_depth = self.pre_depth.saturating_sub(1);
            }
            "a" => {
                if let Some((start, href)) = self.links.pop() {
                    self.builder.link(start, &href);
                }
            }
            _ if BLOCKS.contains(&name.as_str()) => self.builder.end(),
            _ => {}
        }
    }

    fn item(&mut self) {
        let depth = self.lists.len();
        let marker = match self.lists.last_mut() {
            Some(Some(n)) => {
                let marker = format!("{n}. ");
                *n += 1;
                marker
            }
            _ if depth > 1 => "◦ ".to_owned(),
            _ => "• ".to_owned(),
        };
        self.builder.start(BlockKind::ListItem);
        self.builder.push_str(&marker);
    }

    /// `<p><strong>NAME:</strong> words</p>`: writes the label as a marked one.
    fn label(&mut self, p: &NodeRef) {
        let mut child = p.first_child();
        while let Some(c) = child.as_ref().filter(|c| c.is_text() && c.text().trim().is_empty()) {
            child = c.next_sibling();
        }
        let Some(strong) = child.filter(|c| c.has_name("strong") || c.has_name("b")) else { return };
        let text = strong.text();
        let Some(name) = crate::document::build::is_bold_label(&text) else { return };
        self.labels.push(LabelSeen { start: self.builder.offset(), name: name.to_owned() });
        self.builder.label(name);
        // The label is written; its element's text must not be written again.
        self.written = Some(strong.id);
    }
}

/// Whether two texts have the same words, ignoring case.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    !b.trim().is_empty() && words(a) == words(b)
}
