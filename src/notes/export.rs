//! Notes out of gloss: Markdown for a memo (one article, the whole article
//! with its highlights, or a library grouped by speaker), CSV for a
//! spreadsheet, and W3C Web Annotation JSON-LD (`TextQuoteSelector` and
//! `TextPositionSelector`). Positions are where each passage is **now**.
//!
//! Everything a person reads (Markdown, CSV) shows control and bidi
//! characters visibly: it is opened in a terminal as often as in an editor.

use std::fmt::Write;

use serde_json::json;

use super::Resolved;
use crate::anchor::Resolution;
use crate::document::Document;
use crate::document::normalise::{sanitise_line, sanitise_text};

/// Which article the notes belong to, and the notes to export.
pub struct Article<'a> {
    pub doc: &'a Document,
    /// The path every output shows, with `/` separators.
    pub path: &'a str,
    pub notes: Vec<Entry<'a>>,
}

/// One note with what the reader knows of it now.
pub struct Entry<'a> {
    pub resolved: &'a Resolved,
    /// Who speaks the passage now, after the sidecar's speaker corrections.
    pub speaker: Option<String>,
    /// What the note's colour means in the user's settings.
    pub meaning: &'a str,
}

fn date_of(timestamp: &str) -> &str {
    timestamp.get(..10).unwrap_or(timestamp)
}

/// Text as the reader shows it: a tab as spaces, controls visible.
fn shown(text: &str) -> String {
    sanitise_text(&text.replace('\t', "    ")).into_owned()
}

/// A multi-line text as Markdown that keeps its lines (hard line breaks),
/// each continuation line starting with `indent`.
fn lines_kept(text: &str, indent: &str) -> String {
    shown(text.trim_end()).lines().map(str::trim_end).collect::<Vec<_>>().join(&format!("  \n{indent}"))
}

/// `**Speaker** · yellow (key point) · #tag · 2026-11-23`
fn about(entry: &Entry) -> String {
    let a = &entry.resolved.annotation;
    let mut about: Vec<String> = Vec::new();
    if let Some(speaker) = &entry.speaker {
        about.push(format!("**{}**", sanitise_line(speaker)));
    }
    if entry.meaning.is_empty() {
        about.push(a.colour.name().to_owned());
    } else {
        about.push(format!("{} ({})", a.colour.name(), sanitise_line(entry.meaning)));
    }
    about.extend(a.tags.iter().map(|t| format!("#{}", sanitise_line(t))));
    about.push(date_of(&a.created).to_owned());
    if entry.resolved.resolution == Resolution::Orphaned {
        about.push("needs review: passage not found".to_owned());
    }
    about.join(" · ")
}

/// `source · date · path`
fn facts(doc: &Document, path: &str) -> String {
    let meta = &doc.meta;
    [meta.source.as_deref(), meta.date.as_deref(), Some(path)]
        .into_iter()
        .flatten()
        .map(|f| sanitise_line(f).into_owned())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// One note as a memo entry: the quote as a block quote, what it is, the note.
fn entry_markdown(entry: &Entry) -> String {
    let a = &entry.resolved.annotation;
    let mut out = String::new();
    for line in shown(&a.selector.quote).lines() {
        let _ = writeln!(out, "> {line}");
    }
    let _ = writeln!(out, "\n— {}", about(entry));
    if !a.note.trim().is_empty() {
        let _ = writeln!(out, "\n{}", lines_kept(&a.note, ""));
    }
    out
}

/// Markdown memo of one article's notes, separated by rules (none after the last).
#[must_use]
pub fn markdown(article: &Article) -> String {
    let mut out = format!("# {}\n\n{}\n", sanitise_line(&article.doc.meta.title), facts(article.doc, article.path));
    let entries: Vec<String> = article.notes.iter().map(entry_markdown).collect();
    if !entries.is_empty() {
        out.push('\n');
        out.push_str(&entries.join("\n---\n\n"));
    }
    out
}

/// One memo for many articles: grouped by who speaks the passage, then by
/// article, then by date of the note. Passages nobody speaks come last.
#[must_use]
pub fn markdown_by_speaker(articles: &[Article]) -> String {
    let mut speakers: Vec<Option<&str>> =
        articles.iter().flat_map(|a| a.notes.iter().map(|e| e.speaker.as_deref())).collect();
    speakers.sort_by(|a, b| match (a, b) {
        (Some(a), Some(b)) => a.to_lowercase().cmp(&b.to_lowercase()).then(a.cmp(b)),
        (a, b) => b.is_some().cmp(&a.is_some()),
    });
    speakers.dedup();
    let mut out = String::from("# Notes by speaker\n");
    for speaker in speakers {
        let _ = writeln!(
            out,
            "\n## {}",
            speaker.map_or_else(|| "No speaker".to_owned(), |s| sanitise_line(s).into_owned())
        );
        for article in articles {
            let mut mine: Vec<&Entry> = article.notes.iter().filter(|e| e.speaker.as_deref() == speaker).collect();
            if mine.is_empty() {
                continue;
            }
            mine.sort_by(|a, b| a.resolved.annotation.created.cmp(&b.resolved.annotation.created));
            let _ = writeln!(
                out,
                "\n### {}\n\n{}\n",
                sanitise_line(&article.doc.meta.title),
                facts(article.doc, article.path)
            );
            out.push_str(&mine.iter().map(|e| entry_markdown(e)).collect::<Vec<_>>().join("\n"));
        }
    }
    out
}

/// The whole article as Markdown: title and date/source line, highlights
/// marked `==…==`, each with a footnote giving speaker, colour, tags, date
/// and note (its lines kept).
#[must_use]
pub fn markdown_full(article: &Article) -> String {
    let doc = article.doc;
    let mut spans: Vec<(usize, usize, usize)> = article
        .notes
        .iter()
        .enumerate()
        .filter_map(|(n, e)| e.resolved.resolution.range().map(|range| (range.start, range.end, n)))
        .collect();
    spans.sort_unstable();
    let mut out = format!("# {}\n\n{}\n\n", doc.meta.title, facts(doc, article.path));
    let mut footnotes = String::new();
    for block in doc.body_blocks() {
        let mut at = block.range.start;
        let mut paragraph = String::new();
        for &(start, end, n) in spans.iter().filter(|(s, e, _)| *s < block.range.end && *e > block.range.start) {
            let (start, end) = (start.max(at), end.min(block.range.end));
            if start < at || start >= end {
                continue;
            }
            paragraph.push_str(&doc.text[at..start]);
            let _ = write!(paragraph, "=={}==[^{}]", &doc.text[start..end], n + 1);
            let entry = &article.notes[n];
            let note = &entry.resolved.annotation.note;
            let _ = write!(footnotes, "[^{}]: {}", n + 1, about(entry));
            if !note.trim().is_empty() {
                let _ = write!(footnotes, "  \n    {}", lines_kept(note, "    "));
            }
            footnotes.push('\n');
            at = end;
        }
        paragraph.push_str(&doc.text[at..block.range.end]);
        let _ = writeln!(out, "{}\n", paragraph.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    let orphans: Vec<&Entry> = article.notes.iter().filter(|e| e.resolved.resolution == Resolution::Orphaned).collect();
    if !orphans.is_empty() {
        let _ = writeln!(out, "## Needs review\n");
        for entry in orphans {
            out.push_str(&entry_markdown(entry));
            out.push('\n');
        }
    }
    out.push_str(&footnotes);
    // Markdown is read in a terminal as often as in an editor: nothing in it may act on one.
    sanitise_text(&out.replace('\t', "    ")).into_owned()
}

fn csv_field(value: &str) -> String {
    // A spreadsheet is also read with `cat`: controls and bidi marks are shown, never obeyed.
    // A tab is data, not a hazard: kept as it is.
    let value = value.split('\t').map(|part| sanitise_text(part).into_owned()).collect::<Vec<_>>().join("\t");
    if value.contains([',', '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

/// The CSV header: every CSV export starts with it, even with no rows.
pub const CSV_HEADER: &str =
    "path,title,date,source,id,status,color,color_meaning,tags,speaker,quote,note,start,end,created,updated";

/// CSV rows, one per note (RFC 4180 quoting; tags joined by `;`; `start`,
/// `end` where the passage is now, empty when it needs review), each ended by `eol`.
#[must_use]
pub fn csv_rows(article: &Article, eol: &str) -> String {
    let meta = &article.doc.meta;
    let mut out = String::new();
    for entry in &article.notes {
        let a = &entry.resolved.annotation;
        let now = entry.resolved.resolution.range();
        let fields = [
            article.path.to_owned(),
            meta.title.clone(),
            meta.date.clone().unwrap_or_default(),
            meta.source.clone().unwrap_or_default(),
            a.id.clone(),
            entry.resolved.resolution.label().to_owned(),
            a.colour.name().to_owned(),
            entry.meaning.to_owned(),
            a.tags.join(";"),
            entry.speaker.clone().unwrap_or_default(),
            a.selector.quote.clone(),
            a.note.clone(),
            now.map(|r| r.start.to_string()).unwrap_or_default(),
            now.map(|r| r.end.to_string()).unwrap_or_default(),
            a.created.clone(),
            a.updated.clone(),
        ];
        out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str(eol);
    }
    out
}

/// W3C Web Annotation JSON-LD. Its `TextPositionSelector` counts characters,
/// so **byte** offsets are converted to character offsets.
#[must_use]
pub fn w3c(article: &Article) -> serde_json::Value {
    let text = &article.doc.text;
    let chars = |byte: usize| text.get(..byte.min(text.len())).map_or(0, |t| t.chars().count());
    let annotations: Vec<serde_json::Value> = article
        .notes
        .iter()
        .map(|entry| {
            let r = entry.resolved;
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
            tags: vec!["time".into(), "港".into()],
            speaker: None,
            note: "Check, \"dawn\" is\nwhen?\tno".into(),
            selector: describe(&doc.text, range),
        };
        let resolved = Resolved { annotation, resolution: Resolution::Exact(range) };
        (doc, vec![resolved])
    }

    fn article<'a>(doc: &'a Document, items: &'a [Resolved]) -> Article<'a> {
        let notes = items
            .iter()
            .map(|r| Entry { resolved: r, speaker: Some("Ana Ruiz".into()), meaning: "check this" })
            .collect();
        Article { doc, path: "a.txt", notes }
    }

    #[test]
    fn markdown_has_the_quote_the_facts_and_the_note() {
        let (doc, items) = fixture();
        let md = markdown(&article(&doc, &items));
        assert!(md.contains("> opened at dawn\n"), "{md}");
        assert!(md.contains("**Ana Ruiz** · green (check this) · #time · #港 · 2026-11-23"), "{md}");
        assert!(md.contains("Check, \"dawn\" is  \nwhen?    no"), "lines kept, tab as spaces: {md}");
        assert!(!md.trim_end().ends_with("---"), "no trailing separator: {md}");
        let full = markdown_full(&article(&doc, &items));
        assert!(full.contains("==opened at dawn==[^1]"), "{full}");
        assert!(
            full.contains("[^1]: **Ana Ruiz** · green (check this) · #time · #港 · 2026-11-23  \n    Check"),
            "{full}"
        );
        let memo = markdown_by_speaker(&[article(&doc, &items)]);
        assert!(memo.contains("## Ana Ruiz\n\n### Harbour Notes"), "{memo}");
    }

    #[test]
    fn csv_quotes_fields_and_w3c_counts_characters() {
        let (doc, items) = fixture();
        let table = csv_rows(&article(&doc, &items), "\r\n");
        assert!(table.contains("\"Check, \"\"dawn\"\" is\nwhen?\tno\""), "{table}");
        assert!(table.ends_with("\r\n") && table.contains(",time;港,"), "{table}");
        let anno = w3c(&article(&doc, &items));
        let selector = &anno["first"]["items"][0]["target"]["selector"][1];
        let start = doc.text.find("opened").unwrap();
        assert_eq!(selector["start"], doc.text[..start].chars().count());
        assert!(selector["start"].as_u64().unwrap() < start as u64, "multi-byte characters before the quote");
    }
}
