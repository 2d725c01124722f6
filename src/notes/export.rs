//! Notes out of gloss: Markdown for a memo, JSON, CSV, and W3C Web
//! Annotation JSON-LD (`TextQuoteSelector` and `TextPositionSelector`).

use std::fmt::Write;

use serde_json::json;

use super::Resolved;
use crate::anchor::Resolution;
use crate::document::Document;

/// Which article the notes belong to.
pub struct Article<'a> {
    pub doc: &'a Document,
    /// Path relative to the library, with `/` separators.
    pub path: &'a str,
}

fn status(r: &Resolved) -> &'static str {
    r.resolution.label()
}

fn date_of(timestamp: &str) -> &str {
    timestamp.get(..10).unwrap_or(timestamp)
}

/// Markdown (controls made visible, as in every human-readable output;
/// CSV, JSON and W3C keep the text exact): each quote as a block quote, then speaker, colour, tags and date, then the note.
#[must_use]
pub fn markdown(article: &Article, items: &[&Resolved]) -> String {
    let meta = &article.doc.meta;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", meta.title);
    let facts: Vec<&str> =
        [meta.source.as_deref(), meta.date.as_deref(), Some(article.path)].into_iter().flatten().collect();
    let _ = writeln!(out, "{}\n", facts.join(" · "));
    for item in items {
        let a = &item.annotation;
        for line in a.selector.quote.lines() {
            let _ = writeln!(out, "> {line}");
        }
        let mut about: Vec<String> = Vec::new();
        if let Some(speaker) = &a.speaker {
            about.push(format!("**{speaker}**"));
        }
        about.push(a.colour.name().to_owned());
        about.extend(a.tags.iter().map(|t| format!("#{t}")));
        about.push(date_of(&a.created).to_owned());
        if item.resolution == Resolution::Orphaned {
            about.push("needs review: passage not found".to_owned());
        }
        let _ = writeln!(out, "\n— {}\n", about.join(" · "));
        if !a.note.is_empty() {
            let _ = writeln!(out, "{}\n", a.note.trim_end());
        }
        let _ = writeln!(out, "---\n");
    }
    // Markdown is read in a terminal as often as in an editor: nothing in it may act on one.
    crate::document::normalise::sanitise_text(&out).into_owned()
}

/// The whole article as Markdown with highlights marked `==…==` and notes as footnotes.
#[must_use]
pub fn markdown_full(article: &Article, items: &[&Resolved]) -> String {
    let doc = article.doc;
    let mut spans: Vec<(usize, usize, usize)> = items
        .iter()
        .enumerate()
        .filter_map(|(n, r)| r.resolution.range().map(|range| (range.start, range.end, n)))
        .collect();
    spans.sort_unstable();
    let mut out = format!("# {}\n\n", doc.meta.title);
    let mut footnotes = String::new();
    for block in doc.body_blocks() {
        let mut at = block.range.start;
        let mut paragraph = String::new();
        for &(start, end, n) in spans.iter().filter(|(s, e, _)| *s < block.range.end && *e > block.range.start) {
            let (start, end) = (start.max(at), end.min(block.range.end));
            if start < at {
                continue;
            }
            paragraph.push_str(&doc.text[at..start]);
            let _ = write!(paragraph, "=={}==", &doc.text[start..end]);
            let note = &items[n].annotation.note;
            if !note.is_empty() {
                let _ = write!(paragraph, "[^{}]", n + 1);
                let _ = writeln!(footnotes, "[^{}]: {}", n + 1, note.replace('\n', " "));
            }
            at = end;
        }
        paragraph.push_str(&doc.text[at..block.range.end]);
        let _ = writeln!(out, "{}\n", paragraph.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    let orphans: Vec<&&Resolved> = items.iter().filter(|r| r.resolution == Resolution::Orphaned).collect();
    if !orphans.is_empty() {
        let _ = writeln!(out, "## Needs review\n");
        for r in orphans {
            let _ = writeln!(out, "> {}\n", r.annotation.selector.quote.replace('\n', " "));
        }
    }
    if !footnotes.is_empty() {
        out.push_str(&footnotes);
    }
    // Markdown is read in a terminal as often as in an editor: nothing in it may act on one.
    crate::document::normalise::sanitise_text(&out).into_owned()
}

/// JSON: the annotations with where each is now.
#[must_use]
pub fn json(article: &Article, items: &[&Resolved]) -> serde_json::Value {
    json!({
        "article": article.path,
        "title": article.doc.meta.title,
        "annotations": items.iter().map(|r| {
            let a = &r.annotation;
            json!({
                "id": a.id, "created": a.created, "updated": a.updated, "colour": a.colour.name(), "tags": a.tags,
                "speaker": a.speaker, "note": a.note, "quote": a.selector.quote, "prefix": a.selector.prefix,
                "suffix": a.selector.suffix, "start": a.selector.start, "end": a.selector.end,
                "status": status(r), "current": r.resolution.range().map(|range| json!({"start": range.start, "end": range.end})),
            })
        }).collect::<Vec<_>>(),
    })
}

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// CSV, one row per annotation (RFC 4180 quoting).
#[must_use]
pub fn csv(article: &Article, items: &[&Resolved]) -> String {
    let mut out = String::from("article,id,status,colour,tags,speaker,quote,note,start,end,created,updated\n");
    for r in items {
        let a = &r.annotation;
        let fields = [
            article.path.to_owned(),
            a.id.clone(),
            status(r).to_owned(),
            a.colour.name().to_owned(),
            a.tags.join(" "),
            a.speaker.clone().unwrap_or_default(),
            a.selector.quote.clone(),
            a.note.clone(),
            a.selector.start.to_string(),
            a.selector.end.to_string(),
            a.created.clone(),
            a.updated.clone(),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// W3C Web Annotation JSON-LD. Its `TextPositionSelector` counts characters,
/// so **byte** offsets are converted to character offsets.
#[must_use]
pub fn w3c(article: &Article, items: &[&Resolved]) -> serde_json::Value {
    let text = &article.doc.text;
    let chars = |byte: usize| text.get(..byte.min(text.len())).map_or(0, |t| t.chars().count());
    let annotations: Vec<serde_json::Value> = items
        .iter()
        .map(|r| {
            let a = &r.annotation;
            let (start, end) = r.resolution.range().map_or((a.selector.start, a.selector.end), |range| (range.start, range.end));
            let mut body = vec![json!({"type": "TextualBody", "purpose": "highlighting", "value": a.colour.name()})];
            if !a.note.is_empty() {
                body.push(json!({"type": "TextualBody", "purpose": "commenting", "value": a.note, "format": "text/plain"}));
            }
            body.extend(a.tags.iter().map(|t| json!({"type": "TextualBody", "purpose": "tagging", "value": t})));
            json!({
                "@context": "http://www.w3.org/ns/anno.jsonld",
                "id": format!("urn:gloss:{}", a.id),
                "type": "Annotation",
                "created": a.created,
                "modified": a.updated,
                "body": body,
                "target": {
                    "source": article.path,
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": a.selector.quote, "prefix": a.selector.prefix, "suffix": a.selector.suffix},
                        {"type": "TextPositionSelector", "start": chars(start), "end": chars(end)},
                    ],
                },
            })
        })
        .collect();
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": article.doc.meta.title,
        "total": annotations.len(),
        "first": {"type": "AnnotationPage", "items": annotations},
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::describe;
    use crate::document::Format;
    use crate::sidecar::{Annotation, Colour};
    use crate::text::ByteRange;

    fn fixture() -> (Document, Vec<Resolved>) {
        let doc = Document::parse(
            "Harbour Notes\n\nThe café, \"by the 港\", opened at dawn 🚢. Pilots waited.\n",
            Format::PlainText,
        );
        let at = doc.text.find("opened at dawn").unwrap();
        let range = ByteRange::new(at, at + "opened at dawn".len());
        let annotation = Annotation {
            id: "abc".into(),
            created: "2026-11-23T10:00:00Z".into(),
            updated: "2026-11-23T10:00:00Z".into(),
            colour: Colour::Green,
            tags: vec!["time".into()],
            speaker: None,
            note: "Check, \"dawn\" is\nwhen?".into(),
            selector: describe(&doc.text, range),
        };
        let resolved = Resolved { annotation, resolution: Resolution::Exact(range) };
        (doc, vec![resolved])
    }

    #[test]
    fn markdown_has_the_quote_the_facts_and_the_note() {
        let (doc, items) = fixture();
        let refs: Vec<&Resolved> = items.iter().collect();
        let md = markdown(&Article { doc: &doc, path: "a.txt" }, &refs);
        assert!(md.contains("> opened at dawn\n"), "{md}");
        assert!(md.contains("green · #time · 2026-11-23"), "{md}");
        assert!(md.contains("Check, \"dawn\" is\nwhen?"), "{md}");
        let full = markdown_full(&Article { doc: &doc, path: "a.txt" }, &refs);
        assert!(full.contains("==opened at dawn==[^1]"), "{full}");
    }

    #[test]
    fn csv_quotes_fields_and_w3c_counts_characters() {
        let (doc, items) = fixture();
        let refs: Vec<&Resolved> = items.iter().collect();
        let table = csv(&Article { doc: &doc, path: "a.txt" }, &refs);
        assert!(table.contains("\"Check, \"\"dawn\"\" is\nwhen?\""), "{table}");
        let anno = w3c(&Article { doc: &doc, path: "a.txt" }, &refs);
        let selector = &anno["first"]["items"][0]["target"]["selector"][1];
        let start = doc.text.find("opened").unwrap();
        assert_eq!(selector["start"], doc.text[..start].chars().count());
        assert!(selector["start"].as_u64().unwrap() < start as u64, "multi-byte characters before the quote");
    }
}
