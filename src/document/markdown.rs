//! Markdown, read with pulldown-cmark: front matter (YAML `---` or TOML
//! `+++`) gives title, date and source; the text is what a reader sees —
//! headings, paragraphs, block quotes, list items with their bullet or
//! number, code blocks — without the markup. Emphasis shows as its words,
//! links as their text with the target kept in [`Document::links`].

use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::build::Builder;
use super::{Block, BlockKind, Document, Metadata, date::find_date, plain::find_metadata};

/// Front matter fields, whichever syntax they came in.
#[derive(Default)]
struct FrontMatter {
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
    author: Option<String>,
}

fn front_matter_field(fm: &mut FrontMatter, key: &str, value: String) {
    if value.is_empty() {
        return;
    }
    match key.trim().to_ascii_lowercase().as_str() {
        "title" => fm.title = Some(super::yaml::clean_title(&value)).filter(|t| !t.is_empty()),
        "date" | "published" | "pubdate" => fm.date = find_date(&value),
        "source" | "site" | "outlet" | "publication" => fm.source = Some(value),
        "author" | "byline" | "by" => fm.author = Some(value),
        _ => {}
    }
}

/// Reads the fields of a front matter block's content.
fn front_matter(kind: MetadataBlockKind, inner: &str) -> FrontMatter {
    let mut fm = FrontMatter::default();
    match kind {
        MetadataBlockKind::PlusesStyle => {
            if let Ok(table) = inner.parse::<toml::Table>() {
                for (key, value) in &table {
                    let value = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
                    front_matter_field(&mut fm, key, value);
                }
            }
        }
        MetadataBlockKind::YamlStyle => {
            for (key, value) in super::yaml::fields(inner) {
                front_matter_field(&mut fm, &key, value);
            }
        }
    }
    fm
}

/// What the blocks being written sit inside.
#[derive(Clone, Copy, Debug)]
enum Container {
    Quote,
    /// A list; the number of its next item when it is numbered.
    List(Option<u64>),
    Item,
}

/// Writes a Markdown file's text block by block.
#[derive(Default)]
struct Writer {
    builder: Builder,
    containers: Vec<Container>,
    /// Open links and images: where their text starts (**byte** offset) and their target.
    links: Vec<(usize, String)>,
    fm: Option<FrontMatter>,
    /// Inside a front matter block, of this kind.
    front: Option<MetadataBlockKind>,
    /// The open list item holds only its marker so far.
    fresh_item: bool,
    /// Cells written in the current table row.
    cells: usize,
    /// The file opened with front matter (the first block).
    had_front: bool,
    /// Where bold text opening a paragraph's line started (**byte** offset): perhaps a label.
    bold_at: Option<usize>,
    /// Bold labels (`**Name:**`): where each starts and its name.
    labels: Vec<(usize, String)>,
}

impl Writer {
    fn in_quote(&self) -> bool {
        self.containers.iter().any(|c| matches!(c, Container::Quote))
    }

    /// Starts a block of `kind` where the containers say it belongs.
    fn open(&mut self, kind: BlockKind) {
        // An item's first paragraph continues the item's own block, after its marker.
        if self.fresh_item && kind == BlockKind::Paragraph {
            return;
        }
        self.fresh_item = false;
        let kind = match kind {
            BlockKind::Paragraph | BlockKind::Heading { .. } if self.in_quote() => BlockKind::Quote,
            BlockKind::Paragraph if self.containers.iter().any(|c| matches!(c, Container::Item)) => BlockKind::ListItem,
            _ => kind,
        };
        self.builder.start(kind);
    }

    fn item(&mut self) {
        let depth = self.containers.iter().filter(|c| matches!(c, Container::List(_))).count();
        let marker = match self.containers.iter_mut().rev().find(|c| matches!(c, Container::List(_))) {
            Some(Container::List(Some(n))) => {
                let marker = format!("{n}. ");
                *n += 1;
                marker
            }
            _ if depth > 1 => "◦ ".to_owned(),
            _ => "• ".to_owned(),
        };
        self.fresh_item = false;
        self.builder.start(BlockKind::ListItem);
        self.builder.push_str(&marker);
        self.fresh_item = true;
    }

    fn text(&mut self, text: &str) {
        if let Some(kind) = self.front {
            self.fm = Some(front_matter(kind, text));
            self.had_front = true;
            // Kept in the text for search, hidden from reading.
            self.builder.start(BlockKind::Meta);
            self.builder.push_str(text.trim_end());
            self.builder.end();
            self.builder.hide_last();
            return;
        }
        if !self.builder.is_open() {
            self.open(BlockKind::Paragraph);
        }
        // No-break spaces that indent a paragraph (as saved pages do) are not its text:
        // a label after them must open the paragraph, not cut it in two.
        let text = if self.builder.open_is_empty() && self.builder.open_kind() != Some(BlockKind::Code) {
            text.trim_start()
        } else {
            text
        };
        if text.is_empty() {
            return;
        }
        self.fresh_item = false;
        self.builder.push_str(text);
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.open(BlockKind::Paragraph),
            Tag::Heading { level, .. } => self.open(BlockKind::Heading { level: heading_level(level) }),
            Tag::BlockQuote(_) => {
                self.builder.end();
                self.containers.push(Container::Quote);
            }
            Tag::CodeBlock(_) => {
                self.fresh_item = false;
                self.builder.start(BlockKind::Code);
            }
            Tag::List(first) => {
                self.builder.end();
                self.containers.push(Container::List(first));
            }
            Tag::Item => {
                self.containers.push(Container::Item);
                self.item();
            }
            Tag::FootnoteDefinition(label) => {
                self.builder.start(BlockKind::Paragraph);
                self.builder.push_str(&format!("[{label}] "));
            }
            Tag::TableRow | Tag::TableHead => {
                self.builder.start(BlockKind::Paragraph);
                self.cells = 0;
            }
            Tag::TableCell => {
                if self.cells > 0 {
                    self.builder.push_str(" │ ");
                }
                self.cells += 1;
            }
            Tag::Link { dest_url, .. } => self.links.push((self.builder.offset(), dest_url.into_string())),
            Tag::Image { dest_url, .. } => {
                self.text("[image: ");
                self.links.push((self.builder.offset(), dest_url.into_string()));
            }
            Tag::MetadataBlock(kind) => self.front = Some(kind),
            Tag::Strong => {
                let at_line_start = self.builder.open_is_empty()
                    || self.builder.written_since(self.builder.offset().saturating_sub(1)) == "\n";
                self.bold_at = (self.builder.is_open() && at_line_start).then(|| self.builder.offset());
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableRow | TagEnd::TableHead if !self.fresh_item => {
                self.builder.end();
            }
            TagEnd::CodeBlock | TagEnd::FootnoteDefinition => self.builder.end(),
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item => {
                self.builder.end();
                self.fresh_item = false;
                self.containers.pop();
            }
            TagEnd::Link => {
                if let Some((start, url)) = self.links.pop() {
                    self.builder.link(start, &url);
                }
            }
            TagEnd::Image => {
                if let Some((start, url)) = self.links.pop() {
                    self.builder.link(start, &url);
                }
                self.text("]");
            }
            TagEnd::MetadataBlock(_) => self.front = None,
            TagEnd::Strong => {
                if let Some(start) = self.bold_at.take()
                    && let Some(name) = super::build::is_bold_label(self.builder.written_since(start))
                {
                    self.labels.push((start, name.to_owned()));
                    self.builder.mark_label(start);
                }
            }
            _ => {}
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Empties lines of nothing but spaces: a line of no-break spaces (as pages
/// saved from the web put between paragraphs) looks blank to a reader, but
/// `CommonMark` counts only spaces and tabs as blank, and would run the
/// paragraphs on either side — a hand-off and the story before it — together.
fn blank_space_lines(source: String) -> String {
    let space_only = |line: &str| line.trim().is_empty() && !line.bytes().all(|b| b == b' ' || b == b'\t');
    if !source.lines().any(space_only) {
        return source;
    }
    let mut out = String::with_capacity(source.len());
    for line in source.split_inclusive('\n') {
        if space_only(line.trim_end_matches('\n')) {
            out.push_str(&line[line.trim_end_matches('\n').len()..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Builds a Markdown [`Document`] from decoded text.
#[must_use]
pub fn parse(raw: &str) -> Document {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    // Line ends are made regular first so code blocks keep clean lines.
    let source = blank_space_lines(raw.trim_start_matches('\u{feff}').replace("\r\n", "\n"));
    let mut w = Writer::default();
    for event in Parser::new_ext(&source, options) {
        match event {
            Event::Start(tag) => w.start(tag),
            Event::End(tag) => w.end(tag),
            Event::Text(text) => w.text(&text),
            Event::Code(code) | Event::InlineMath(code) | Event::DisplayMath(code) => w.text(&code),
            // A source line end stays one (as in plain text): a transcript whose
            // turns sit on consecutive lines keeps a label at the start of each.
            Event::SoftBreak | Event::HardBreak => w.builder.line_break(),
            Event::FootnoteReference(label) => w.text(&format!("[{label}]")),
            Event::TaskListMarker(done) => w.text(if done { "☑ " } else { "☐ " }),
            // Raw HTML is markup, not prose; a reader would not see it.
            Event::Html(_) | Event::InlineHtml(_) | Event::Rule => {}
        }
    }
    let fm = w.fm.take().unwrap_or_default();
    let kept = super::build::speaker_label_starts(&w.labels);
    let mut doc = w.builder.finish(Metadata::default());
    doc.speaker_labels.retain(|l| kept.contains(&l.start));
    // Code keeps its lines; a fence's last newline is not part of it.
    for block in &mut doc.blocks {
        if block.kind == BlockKind::Code {
            block.range.end = block.range.start + doc.text[block.range.start..block.range.end].trim_end().len();
        }
    }
    super::boilerplate::mark(&doc.text, &mut doc.blocks);
    if let Some(front) = doc.blocks.first_mut().filter(|b| b.kind == BlockKind::Meta && w.had_front) {
        front.boilerplate = true;
    }
    doc.meta = metadata(&doc.text, &mut doc.blocks, fm);
    doc
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
    fn lines_of_no_break_spaces_part_paragraphs() {
        let cases: &[(&str, usize)] = &[
            ("Story ends here.\n\u{a0}\u{a0}\nGo ahead, Dana.\n", 2),
            ("港の話。\n\u{3000}\n次の段落 🚢\n", 2),
            ("One line\nnext line\n", 1),
            ("Tabs and spaces\n \t \nsplit too\n", 2),
            ("No\u{a0}break inside\nstays one\n", 1),
        ];
        for (text, paragraphs) in cases {
            let doc = parse(text);
            assert_eq!(doc.blocks.len(), *paragraphs, "{text:?}: {:?}", doc.blocks);
        }
        let doc = parse("\u{a0}\u{a0}\u{a0} MS. VALE:\u{a0} Hello 🌊.\n\n```\n  indented code\n```\n");
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.range.slice(&doc.text)).collect();
        assert_eq!(
            texts,
            ["MS. VALE:\u{a0} Hello 🌊.", "  indented code"],
            "leading no-break spaces go, code keeps its indent"
        );
    }

    #[test]
    fn bold_names_at_a_paragraphs_start_are_labels_in_a_transcript() {
        let labels = |text: &str| -> Vec<String> {
            let doc = parse(text);
            doc.speaker_labels.iter().map(|l| l.slice(&doc.text).to_owned()).collect()
        };
        let transcript = "**Mirela Dunne:** Welcome.\n\n**Tomasz Quill:** Thanks.\n\n**Mirela Dunne:** Beans?\n\n**Audience member:** 豆 🌱?\n\n**Tomasz Quill:** Yes.\n";
        assert_eq!(
            labels(transcript),
            ["Mirela Dunne:", "Tomasz Quill:", "Mirela Dunne:", "Audience member:", "Tomasz Quill:"]
        );
        // Emphasis in an article is not a speaker: one bold lead-in, said once.
        assert!(labels("**Update:** the ferry runs.\n\nMore text with **bold:** inside.\n").is_empty());
        // Bold in the middle of a line never labels.
        assert!(labels("Said **Ann:** no.\n\nSaid **Ann:** yes.\n").is_empty());
    }

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
            (
                "---\ndate: '2021-03-01'\ntitle: \"Briefing by Jen\\_Psaki and the\\\n  \\ Secretary of \\u201CPorts\\u201D\"\n---\n\nText.\n",
                "Briefing by Jen Psaki and the Secretary of \u{201c}Ports\u{201d}",
                Some("2021-03-01"),
                None,
            ),
            ("---\ntitle: \"COVID-\\u206019 港\"\n---\n\nText.\n", "COVID-19 港", None, None),
        ];
        for (text, title, date, source) in cases {
            let doc = parse(text);
            assert_eq!(doc.meta.title, *title, "{text:?}");
            assert_eq!(doc.meta.date.as_deref(), *date, "{text:?}");
            assert_eq!(doc.meta.source.as_deref(), *source, "{text:?}");
        }
    }

    #[test]
    fn blocks_exclude_their_markup() {
        let text = "# Title\n\n## Part one\n\n> quoted line\n\n- item one\n1. numbered\n\nPara line one\nline two\n\n```\ncode 日本\n```\n";
        let doc = parse(text);
        let got: Vec<(BlockKind, &str)> = doc.blocks.iter().map(|b| (b.kind, doc.block_text(b))).collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Title, "Title"),
                (BlockKind::Heading { level: 2 }, "Part one"),
                (BlockKind::Quote, "quoted line"),
                (BlockKind::ListItem, "• item one"),
                (BlockKind::ListItem, "1. numbered"),
                (BlockKind::Paragraph, "Para line one\nline two"),
                (BlockKind::Code, "code 日本"),
            ]
        );
    }

    #[test]
    fn inline_markup_is_read_not_shown() {
        let cases: &[(&str, &str)] = &[
            ("Some *emphasis* and **strong** words.", "Some emphasis and strong words."),
            ("Use `cargo test` ~~never~~ often.", "Use cargo test never often."),
            ("日本語の*強調*と**太字** 🚆", "日本語の強調と太字 🚆"),
            ("A line  \nbroken hard.", "A line\nbroken hard."),
            ("Escaped \\*stars\\* stay.", "Escaped *stars* stay."),
            ("Inline <span>html</span> tags go.", "Inline html tags go."),
            ("Esc \u{1b}[31m shown.", "Esc ^[[31m shown."),
        ];
        for (text, want) in cases {
            let doc = parse(text);
            let body: Vec<&str> = doc.readable_blocks().map(|b| doc.block_text(b)).collect();
            assert_eq!(body, [*want], "{text:?}");
        }
    }

    #[test]
    fn links_show_their_text_and_keep_their_target() {
        let doc =
            parse("Read [the timetable](https://example.org/night?x=1 \"t\") or [地図](/map) and ![a sleeper](s.png).");
        assert_eq!(doc.block_text(&doc.blocks[0]), "Read the timetable or 地図 and [image: a sleeper].");
        let links: Vec<(&str, &str)> = doc.links.iter().map(|l| (l.range.slice(&doc.text), l.url.as_str())).collect();
        assert_eq!(
            links,
            [("the timetable", "https://example.org/night?x=1"), ("地図", "/map"), ("a sleeper", "s.png")]
        );
    }

    #[test]
    fn lists_keep_their_markers_and_nesting() {
        let doc = parse("3. third\n4. fourth\n   - inner 🌙\n\n- [x] done\n- [ ] to do\n");
        let got: Vec<&str> = doc.blocks.iter().map(|b| doc.block_text(b)).collect();
        assert_eq!(got, ["3. third", "4. fourth", "◦ inner 🌙", "• ☑ done", "• ☐ to do"]);
        assert!(doc.blocks.iter().all(|b| b.kind == BlockKind::ListItem));
    }

    #[test]
    fn code_keeps_its_lines_and_front_matter_stays_hidden() {
        let doc = parse("---\ntitle: Rails\n---\n\n```rust\nfn main() {\n    println!(\"🚆\");\n}\n```\n");
        assert!(doc.blocks[0].boilerplate && doc.blocks[0].kind == BlockKind::Meta);
        let code: Vec<&str> = doc.readable_blocks().map(|b| doc.block_text(b)).collect();
        assert_eq!(code, ["fn main() {\n    println!(\"🚆\");\n}"]);
        assert_eq!(doc.meta.title, "Rails");
    }
}
