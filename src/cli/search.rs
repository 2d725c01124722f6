//! `gloss search` and `gloss people`: the library's index from the command line.

use std::io::{IsTerminal, Write};
use std::path::Path;

use super::{CliError, pad};
use crate::config;
use crate::document::display_path;
use crate::document::normalise::sanitise_line;
use crate::index::{Hit, LibraryIndex};
use crate::people::corrections::{self, Change, Merge, Rename, Split};

/// Opens the library's index and brings it up to date, with progress on stderr.
pub fn open_index(path: Option<&Path>, cwd: &Path) -> Result<LibraryIndex, CliError> {
    let location = config::locate(path, cwd)?;
    for warning in &location.warnings {
        eprintln!("gloss: {warning}");
    }
    let mut index = LibraryIndex::open(&location)?;
    for notice in &index.notices {
        eprintln!("gloss: {notice}");
    }
    let terminal = std::io::stderr().is_terminal();
    let started = std::time::Instant::now();
    let mut shown = 0;
    let report = index.update(&mut |done, total| {
        // A bar on a terminal; a line per tenth in a log.
        if terminal {
            let width = 30;
            let filled = done * width / total.max(1);
            eprint!("\rgloss: indexing [{}{}] {done}/{total} articles", "#".repeat(filled), " ".repeat(width - filled));
        } else if done * 10 / total.max(1) > shown || done == total {
            shown = done * 10 / total.max(1);
            eprintln!("gloss: indexing {done}/{total} articles");
        }
    })?;
    if terminal && report.added + report.changed + report.renamed > 0 {
        eprintln!();
    }
    if report.busy {
        eprintln!("gloss: another gloss is updating the search index; searching it as it is");
    } else if report != crate::index::UpdateReport::default() {
        eprintln!(
            "gloss: index updated in {:.1} s: {} added, {} changed, {} renamed, {} removed{}",
            started.elapsed().as_secs_f64(),
            report.added,
            report.changed,
            report.renamed,
            report.removed,
            if report.unreadable > 0 { format!(", {} unreadable", report.unreadable) } else { String::new() }
        );
    }
    Ok(index)
}

/// `gloss search QUERY`.
pub fn search(
    out: &mut impl Write,
    query: &str,
    path: Option<&Path>,
    cwd: &Path,
    json: bool,
    limit: usize,
) -> Result<(), CliError> {
    let index = open_index(path, cwd)?;
    let hits = index.search(query, limit)?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &contract_records(&hits)?)?;
        writeln!(out)?;
        return Ok(());
    }
    if hits.is_empty() {
        eprintln!("gloss: nothing found for {:?}", sanitise_line(query));
        return Ok(());
    }
    let colour = std::io::stdout().is_terminal();
    for hit in &hits {
        write_hit(out, hit, colour)?;
    }
    Ok(())
}

fn write_hit(out: &mut impl Write, hit: &Hit, colour: bool) -> Result<(), CliError> {
    let who = hit.speaker.as_deref().map_or_else(String::new, |s| match &hit.person {
        Some(p) if p != s => format!("  {} ({})", sanitise_line(s), sanitise_line(p)),
        _ => format!("  {}", sanitise_line(s)),
    });
    writeln!(
        out,
        "{}  {}  {}{who}",
        hit.date.as_deref().unwrap_or("undated   "),
        sanitise_line(&hit.title),
        display_path(Path::new(&hit.article)),
    )?;
    // The snippet with its matches marked: bold on a terminal, [brackets] in a pipe.
    let (open, close) = if colour { ("\u{1b}[1;33m", "\u{1b}[0m") } else { ("[", "]") };
    let text = &hit.snippet.text;
    let mut line = String::new();
    let mut at = 0;
    for &(a, b) in &hit.snippet.highlights {
        if a < at || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        line.push_str(&sanitise_line(&text[at..a]));
        line.push_str(open);
        line.push_str(&sanitise_line(&text[a..b]));
        line.push_str(close);
        at = b;
    }
    line.push_str(&sanitise_line(&text[at..]));
    writeln!(out, "    {line}  @{}", hit.start)?;
    Ok(())
}

/// `gloss quoted FILE --at OFFSET`: the passages of other articles that quote
/// or paraphrase the passage of FILE at that byte offset.
pub fn quoted(
    out: &mut impl Write,
    file: &Path,
    at: usize,
    library: Option<&Path>,
    cwd: &Path,
    json: bool,
    limit: usize,
) -> Result<(), CliError> {
    super::must_exist(library)?;
    let index = open_index(library, cwd)?;
    let path = cwd.join(file);
    let shown = display_path(file);
    let fail = |reason: String| CliError::Passage { file: shown.clone(), reason };
    let Some(key) = index.key_of(&path) else {
        let library = display_path(&index.location().library);
        return Err(fail(format!("not an article of the library in {library} (give it with --library)")));
    };
    let article = crate::session::open(index.location(), &path)?;
    let text = &article.doc.text;
    if at >= text.len() {
        return Err(fail(format!(
            "offset {at} is past the end of the text ({} bytes; see gloss show --json)",
            text.len()
        )));
    }
    let Some(range) = crate::index::quoted::passage_range(&article.doc, &article.attribution, at) else {
        return Err(fail(format!("no passage at offset {at}")));
    };
    let echoes = index.quoted_elsewhere(&key, &text[range.start..range.end], limit)?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &contract_records(&echoes)?)?;
        writeln!(out)?;
        return Ok(());
    }
    if echoes.is_empty() {
        eprintln!("gloss: no other article quotes or paraphrases the passage at {}–{}", range.start, range.end);
        return Ok(());
    }
    let colour = std::io::stdout().is_terminal();
    for echo in &echoes {
        match echo.kind {
            crate::index::EchoKind::Quote => write!(out, "quote ({} words)  ", echo.run_words)?,
            crate::index::EchoKind::Paraphrase => write!(out, "paraphrase ({:.0}%)  ", echo.overlap * 100.0)?,
        }
        write_hit(out, &echo.hit, colour)?;
    }
    Ok(())
}

/// The corrections `gloss people` was given.
pub struct PeopleChanges<'a> {
    pub merge: &'a [String],
    pub split: &'a [String],
    pub rename: &'a [String],
}

/// `gloss people`: every person with articles, turns, words, first and last date.
pub fn people(
    out: &mut impl Write,
    path: Option<&Path>,
    cwd: &Path,
    json: bool,
    roles: bool,
    changes: &PeopleChanges<'_>,
) -> Result<(), CliError> {
    let mut index = open_index(path, cwd)?;
    let mut wanted = Vec::new();
    for pair in changes.merge.chunks_exact(2) {
        wanted.push(Change::Merge(Merge { from: pair[0].clone(), into: pair[1].clone() }));
    }
    for name in changes.split {
        wanted.push(Change::Split(Split { name: name.clone(), article: None }));
    }
    for pair in changes.rename.chunks_exact(2) {
        wanted.push(Change::Rename(Rename { from: pair[0].clone(), to: pair[1].clone() }));
    }
    if !wanted.is_empty() {
        let file = index.corrections_path();
        corrections::append(&file, &wanted).map_err(|e| CliError::People(e.to_string()))?;
        eprintln!("gloss: saved people corrections to {}", display_path(&file));
        index.reload_people();
    }
    let (directory, problems) = index.people();
    for problem in problems {
        eprintln!("gloss: {}", sanitise_line(problem));
    }
    let shown: Vec<_> = directory.people.iter().filter(|p| roles || !p.role).collect();
    if json {
        serde_json::to_writer_pretty(&mut *out, &contract_records(&shown)?)?;
        writeln!(out)?;
        return Ok(());
    }
    if shown.is_empty() {
        eprintln!("gloss: nobody speaks in this library (yet)");
        return Ok(());
    }
    writeln!(
        out,
        "{}  {:>8}  {:>6}  {:>8}  {:<10}  {:<10}  ALIASES",
        pad("PERSON", 32),
        "ARTICLES",
        "TURNS",
        "WORDS",
        "FIRST",
        "LAST"
    )?;
    for p in shown {
        let name = if p.role { format!("{} (role)", p.name) } else { p.name.clone() };
        writeln!(
            out,
            "{}  {:>8}  {:>6}  {:>8}  {:<10}  {:<10}  {}",
            pad(&sanitise_line(&name), 32),
            p.articles,
            p.turns,
            p.words,
            p.first.as_deref().unwrap_or("—"),
            p.last.as_deref().unwrap_or("—"),
            sanitise_line(&p.aliases.join(", ")),
        )?;
    }
    Ok(())
}

/// Records of the index and the people list in the JSON contract's terms
/// (docs/json.md): `schema` first, the article as `path`, and `offsets` naming
/// the unit of `start`/`end`, so scripts read them as they read every other command.
fn contract_records<T: serde::Serialize>(items: &[T]) -> Result<Vec<serde_json::Value>, serde_json::Error> {
    items
        .iter()
        .map(|item| {
            let mut value = serde_json::to_value(item)?;
            if let serde_json::Value::Object(fields) = &mut value {
                let mut record = serde_json::Map::new();
                record.insert("schema".into(), super::json::SCHEMA.into());
                if let Some(article) = fields.remove("article") {
                    record.insert("path".into(), article);
                }
                if fields.contains_key("start") {
                    record.insert("offsets".into(), super::json::OFFSETS.into());
                }
                record.append(fields);
                value = serde_json::Value::Object(record);
            }
            Ok(value)
        })
        .collect()
}
