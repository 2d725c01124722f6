//! Markdown: front matter (YAML `---` or TOML `+++`) for title, date and
//! source; ATX headings, block quotes, list items, fenced code and
//! paragraphs as blocks. Block ranges exclude the markup (`# `, `> `, `- `).

use super::{Block, BlockKind, Document, Metadata, boilerplate, date::find_date, plain::find_metadata};
use crate::text::ByteRange;

/// Front matter fields, whichever syntax they came in.
#[derive(Default)]
struct FrontMatter {
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
    author: Option<String>,
}

fn unquote(value: &str) -> String {
    let v = value.trim();
    let stripped = v
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')));
    stripped.unwrap_or(v).to_owned()
}

fn front_matter_field(fm: &mut FrontMatter, key: &str, value: String) {
    if value.is_empty() {
        return;
    }
    match key.trim().to_ascii_lowercase().as_str() {
        "title" => fm.title = Some(value),
        "date" | "published" | "pubdate" => fm.date = find_date(&value),
        "source" | "site" | "outlet" | "publication" => fm.source = Some(value),
        "author" | "byline" | "by" => fm.author = Some(value),
        _ => {}
    }
}

/// Finds front matter at the very start; returns its fields and the **byte** offset where the body starts.
fn front_matter(text: &str) -> (FrontMatter, usize) {
    let mut fm = FrontMatter::default();
    let fence = if text.starts_with("---\n") {
        "---"
    } else if text.starts_with("+++\n") {
        "+++"
    } else {
        return (fm, 0);
    };
    let body_start = 4;
    let mut offset = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == fence || (fence == "---" && trimmed == "...") {
            let inner = &text[body_start..offset];
            if fence == "+++" {
                if let Ok(table) = inner.parse::<toml::Table>() {
                    for (key, value) in &table {
                        let value = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
                        front_matter_field(&mut fm, key, value);
                    }
                }
            } else {
                for entry in inner.lines() {
                    if let Some((key, value)) = entry.split_once(':')
                        && !key.starts_with([' ', '-'])
                    {
                        front_matter_field(&mut fm, key, unquote(value));
                    }
                }
            }
            return (fm, offset + line.len());
        }
        offset += line.len();
    }
    (FrontMatter::default(), 0)
}

fn heading_level(line: &str) -> Option<(u8, usize)> {
    let hashes = line.bytes().take_while(|b| *b == b'#').count();
    let rest = &line[hashes..];
    ((1..=6).contains(&hashes) && (rest.is_empty() || rest.starts_with(' '))).then(|| {
        let skip = hashes + (rest.len() - rest.trim_start().len());
        (hashes as u8, skip)
    })
}

fn list_marker(line: &str) -> Option<usize> {
    let bullet = ["- ", "* ", "+ "].iter().find(|m| line.starts_with(**m)).map(|m| m.len());
    bullet.or_else(|| {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        (digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))).then_some(digits + 2)
    })
}

/// Builds a Markdown [`Document`] from normalised text.
#[must_use]
pub fn parse(text: String) -> Document {
    let (fm, body_start) = front_matter(&text);
    let mut blocks = Vec::new();
    if body_start > 0 {
        // Front matter is kept in the text but never shown as prose.
        blocks.push(Block {
            kind: BlockKind::Meta,
            range: ByteRange::new(0, body_start.saturating_sub(1)),
            boilerplate: true,
        });
    }
    let mut paragraph: Option<ByteRange> = None;
    let mut code: Option<ByteRange> = None;
    let mut offset = body_start;
    let flush = |paragraph: &mut Option<ByteRange>, blocks: &mut Vec<Block>| {
        if let Some(range) = paragraph.take() {
            blocks.push(Block { kind: BlockKind::Paragraph, range, boilerplate: false });
        }
    };
    for raw_line in text[body_start..].split_inclusive('\n') {
        let line_start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches('\n');
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let content = |skip: usize| ByteRange::new(line_start + indent + skip, line_start + line.trim_end().len());
        if let Some(open) = code.as_mut() {
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                blocks.push(Block { kind: BlockKind::Code, range: *open, boilerplate: false });
                code = None;
            } else if open.is_empty() {
                *open = ByteRange::new(line_start, line_start + line.len());
            } else {
                open.end = line_start + line.len();
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            flush(&mut paragraph, &mut blocks);
            code = Some(ByteRange::new(offset, offset));
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut paragraph, &mut blocks);
            continue;
        }
        let block = if let Some((level, skip)) = heading_level(trimmed) {
            Some((BlockKind::Heading { level }, skip))
        } else if let Some(rest) = trimmed.strip_prefix('>') {
            Some((BlockKind::Quote, 1 + rest.len() - rest.trim_start().len()))
        } else {
            list_marker(trimmed).map(|skip| (BlockKind::ListItem, skip))
        };
        match block {
            Some((kind, skip)) => {
                flush(&mut paragraph, &mut blocks);
                let range = content(skip);
                if !range.is_empty() {
                    blocks.push(Block { kind, range, boilerplate: false });
                }
            }
            None => match paragraph.as_mut() {
                Some(open) => open.end = content(0).end,
                None => paragraph = Some(content(0)),
            },
        }
    }
    flush(&mut paragraph, &mut blocks);
    if let Some(open) = code.filter(|r| !r.is_empty()) {
        blocks.push(Block { kind: BlockKind::Code, range: open, boilerplate: false });
    }
    boilerplate::mark(&text, &mut blocks);
    if body_start > 0 {
        blocks[0].boilerplate = true;
    }
    let meta = metadata(&text, &mut blocks, fm);
    Document { text, blocks, meta, ..Document::default() }
}

fn metadata(text: &str, blocks: &mut [Block], fm: FrontMatter) -> Metadata {
    let first_heading = blocks.iter().position(|b| matches!(b.kind, BlockKind::Heading { level: 1 }) && !b.boilerplate);
    let title = match (&fm.title, first_heading) {
        (Some(title), Some(i)) if blocks[i].range.slice(text).trim() == title.trim() => {
            blocks[i].kind = BlockKind::Title;
            Some(title.clone())
        }
        (Some(title), _) => Some(title.clone()),
        (None, Some(i)) => {
            blocks[i].kind = BlockKind::Title;
            Some(blocks[i].range.slice(text).trim().to_owned())
        }
        (None, None) => None,
    };
    let mut meta = if title.is_some() && fm.date.is_some() {
        Metadata::default()
    } else {
        // Without front matter a Markdown file is read like plain text.
        let mut scratch = blocks.to_vec();
        let found = find_metadata(text, &mut scratch);
        if title.is_none() {
            blocks.copy_from_slice(&scratch);
        }
        found
    };
    if let Some(title) = title {
        meta.title = title;
    }
    meta.date = fm.date.or(meta.date);
    meta.source = fm.source.or(meta.source);
    meta.byline = fm.author.or(meta.byline);
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_gives_metadata() {
        let cases: &[(&str, &str, Option<&str>, Option<&str>)] = &[
            (
                "---\ntitle: \"Night Trains\"\ndate: 2025-02-14\nsource: The Quarterly\n---\n\n# Night Trains\n\nText.\n",
                "Night Trains",
                Some("2025-02-14"),
                Some("The Quarterly"),
            ),
            ("+++\ntitle = \"夜行列車\"\ndate = \"2025-02-14\"\n+++\nBody 🚆\n", "夜行列車", Some("2025-02-14"), None),
            ("# Only a heading\n\nBody text.\n", "Only a heading", None, None),
            ("---\nunclosed: yes\n# Heading\n", "Heading", None, None),
        ];
        for (text, title, date, source) in cases {
            let doc = parse((*text).to_owned());
            assert_eq!(doc.meta.title, *title, "{text:?}");
            assert_eq!(doc.meta.date.as_deref(), *date, "{text:?}");
            assert_eq!(doc.meta.source.as_deref(), *source, "{text:?}");
        }
    }

    #[test]
    fn blocks_exclude_their_markup() {
        let text = "# Title\n\n## Part one\n\n> quoted line\n\n- item one\n1. numbered\n\nPara line one\nline two\n\n```\ncode 日本\n```\n";
        let doc = parse(text.to_owned());
        let got: Vec<(BlockKind, &str)> = doc.blocks.iter().map(|b| (b.kind, doc.block_text(b))).collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Title, "Title"),
                (BlockKind::Heading { level: 2 }, "Part one"),
                (BlockKind::Quote, "quoted line"),
                (BlockKind::ListItem, "item one"),
                (BlockKind::ListItem, "numbered"),
                (BlockKind::Paragraph, "Para line one\nline two"),
                (BlockKind::Code, "code 日本"),
            ]
        );
    }
}
