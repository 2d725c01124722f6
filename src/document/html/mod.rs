//! Saved web pages: the article is found the way reader modes find it, with
//! `dom_smoothie` (a port of Mozilla's Readability), then walked into blocks
//! ([`walk`]). Title, byline, date and site come from `<title>`, meta tags
//! and JSON-LD. Menus, ads, cookie banners and comments are what readability
//! leaves out; when it finds no article, the whole page is walked with
//! chrome-named elements skipped. [`flatten`] first cuts absurd nesting so
//! neither the parser nor readability can take more than moments.

mod flatten;
mod walk;

use dom_smoothie::{Config, Readability};

use super::build::Builder;
use super::{BlockKind, Document, Metadata, boilerplate, date::find_date};
use walk::Walk;

pub use flatten::MAX_DEPTH;

/// Pages with more elements than this skip readability's scoring, which
/// grows faster than the page, and are walked whole.
const MAX_ELEMENTS: usize = 40_000;

/// What the page says about itself.
#[derive(Default)]
struct PageMeta {
    title: String,
    byline: Option<String>,
    date: Option<String>,
    site: Option<String>,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.map(|v| v.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|v| !v.is_empty())
}

/// Builds a [`Document`] from an HTML page. Never fails: a page with no
/// markup at all is read as plain text.
#[must_use]
pub fn parse(raw: &str) -> Document {
    let raw = raw.trim_start_matches('\u{feff}');
    if !raw.contains('<') {
        let mut doc = Document::parse_plain(raw);
        doc.notices.push("no HTML markup found; shown as plain text".to_owned());
        return doc;
    }
    let flattened = flatten::flatten(raw);
    let html = flattened.as_deref().unwrap_or(raw);
    let mut notices = Vec::new();
    if flattened.is_some() {
        notices.push(format!("the page nests elements deeper than {MAX_DEPTH} levels; the excess was flattened"));
    }
    let config = Config { max_elements_to_parse: MAX_ELEMENTS, ..Config::default() };
    let (meta, article) = match Readability::new(html, None, Some(config)) {
        Ok(mut readability) => {
            let found = readability.get_article_metadata(readability.parse_json_ld());
            let mut meta = PageMeta {
                title: found.title.trim().to_owned(),
                byline: non_empty(found.byline),
                date: found.published_time.as_deref().and_then(find_date).or_else(|| page_date(html)),
                site: non_empty(found.site_name),
            };
            let article = readability.parse().ok().map(|a| {
                meta.byline = meta.byline.take().or_else(|| non_empty(a.byline.clone()));
                // Readability's own title has the site's name cut from it.
                if !a.title.trim().is_empty() {
                    a.title.trim().clone_into(&mut meta.title);
                }
                a.content.to_string()
            });
            (meta, article)
        }
        Err(_) => (PageMeta::default(), None),
    };
    let title = without_site(&meta.title, meta.site.as_deref());
    let meta = PageMeta { byline: meta.byline.map(|b| strip_by(&b)), title, ..meta };
    let mut doc = article.as_deref().and_then(|content| build(content, &meta, false));
    if doc.is_none() {
        notices.push("no article found on the page; showing all its text except menus and scripts".to_owned());
        doc = build(html, &meta, true);
    }
    let mut doc = doc.unwrap_or_else(|| build_empty(&meta));
    doc.notices.extend(notices);
    doc
}

/// Meta names that give a page's publication date, lower case: readability
/// reads `article:published_time` and JSON-LD, not these.
const DATE_META: [&str; 9] = [
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "pubdate",
    "publish-date",
];

/// The date a page gives only in a `<meta name="date">`-like tag or, failing
/// that, its first `<time datetime>`. A scan of the tags, not a second parse
/// of the page: it runs on every page without a readability date.
fn page_date(html: &str) -> Option<String> {
    let finder = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(["<meta", "<time"]).ok()?;
    let mut from_time = None;
    for found in finder.find_iter(html) {
        let rest = &html[found.end()..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        let value = |name: &str| attribute(tag, name);
        if found.pattern().as_usize() == 0 {
            let named = ["name", "property", "itemprop"].iter().find_map(|a| value(a));
            if named.is_some_and(|n| DATE_META.contains(&n.trim().to_ascii_lowercase().as_str()))
                && let Some(date) = value("content").and_then(find_date)
            {
                return Some(date);
            }
        } else if from_time.is_none() {
            from_time = value("datetime").and_then(find_date);
        }
    }
    from_time
}

/// The value of attribute `name` in the inside of a tag (`name="v"`, `'v'` or bare).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name).map(|i| i + from) {
        from = at + name.len();
        let before = lower[..at].chars().next_back();
        let after = lower[from..].trim_start();
        if !before.is_some_and(char::is_whitespace) || !after.starts_with('=') {
            continue;
        }
        let value = tag[tag.len() - after.len() + 1..].trim_start();
        return Some(match value.chars().next() {
            Some(quote @ ('"' | '\'')) => value[1..].split(quote).next().unwrap_or(""),
            _ => value.split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or(""),
        });
    }
    None
}

/// "Ferry Fares Rise | The Courier" → "Ferry Fares Rise", when the site is named.
fn without_site(title: &str, site: Option<&str>) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(site) = site.filter(|s| !s.is_empty()) else { return title };
    for separator in [" | ", " - ", " — ", " – ", " · ", " :: "] {
        if let Some(head) = title.strip_suffix(site).and_then(|t| t.strip_suffix(separator))
            && !head.trim().is_empty()
        {
            return head.trim().to_owned();
        }
    }
    title
}

/// "By Helena Voss" → "Helena Voss".
fn strip_by(byline: &str) -> String {
    let t = byline.trim();
    t.get(..3).filter(|p| p.eq_ignore_ascii_case("by ")).map_or(t, |_| t[3..].trim()).to_owned()
}

fn metadata(meta: &PageMeta) -> Metadata {
    // The page's own words for itself are shown and printed like its text:
    // normalised (soft hyphens dropped, controls made visible).
    let clean = |text: &str| super::normalise::normalise(text).text;
    Metadata {
        title: clean(&meta.title),
        date: meta.date.clone(),
        source: meta.site.as_deref().map(clean),
        byline: meta.byline.as_deref().map(clean),
    }
}

/// The page's title alone, when it has no text.
fn build_empty(meta: &PageMeta) -> Document {
    let mut builder = Builder::new();
    builder.start(BlockKind::Title);
    builder.push_collapsed(&meta.title);
    builder.finish(metadata(meta))
}

/// Walks `html` into a document; `None` when it holds no body text.
fn build(html: &str, meta: &PageMeta, whole_page: bool) -> Option<Document> {
    let page = dom_query::Document::from(html);
    let mut builder = Builder::new();
    builder.start(BlockKind::Title);
    builder.push_collapsed(&meta.title);
    builder.end();
    let labels = {
        let mut walk = Walk::new(&mut builder, whole_page, meta.title.clone());
        walk.run(&page.root());
        walk.labels
    };
    let mut doc = builder.finish(metadata(meta));
    if !doc.blocks.iter().any(|b| b.kind != BlockKind::Title) {
        return None;
    }
    let seen: Vec<(usize, String)> = labels.into_iter().map(|l| (l.start, l.name)).collect();
    let kept = super::build::speaker_label_starts(&seen);
    doc.speaker_labels.retain(|l| kept.contains(&l.start));
    boilerplate::mark(&doc.text, &mut doc.blocks);
    for block in doc.blocks.iter_mut().filter(|b| b.kind == BlockKind::Title) {
        block.boilerplate = false;
    }
    mark_head_meta(&doc.text, &mut doc.blocks);
    Some(doc)
}

/// Byline and dateline paragraphs at the head of an article are metadata,
/// as in plain text: `By Name, Reporter`, `21 June 2025`.
fn mark_head_meta(text: &str, blocks: &mut [super::Block]) {
    for block in blocks.iter_mut().filter(|b| !b.boilerplate && b.kind == BlockKind::Paragraph).take(4) {
        let content = block.range.slice(text).trim();
        let short = crate::text::word_count(content) <= 12;
        let byline = content.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("by "));
        if short && (byline || find_date(content).is_some()) {
            block.kind = BlockKind::Meta;
        }
    }
}

#[cfg(test)]
mod tests;
