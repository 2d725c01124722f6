//! `gloss annotations …` and `gloss check`: notes from the command line.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::CliError;
use crate::config::{self, Location};
use crate::document::normalise::{sanitise_line, sanitise_text};
use crate::document::{Document, display_path, relative_path};
use crate::library;
use crate::notes::export::{self, Article};
use crate::notes::relink::{Relink, relink_stranded};
use crate::notes::{Notes, Resolved, find_quote, timestamp};
use crate::sidecar::{self, Colour, Sidecar};
use crate::speaker;

#[derive(Debug, Subcommand)]
pub enum AnnotationsCommand {
    /// List an article's annotations and where each passage is now.
    List {
        /// The article file.
        file: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Highlight a passage of an article, with an optional note.
    Add {
        /// The article file.
        file: PathBuf,
        /// The exact text to highlight; it must occur in the article.
        #[arg(long)]
        quote: String,
        /// A note on the passage.
        #[arg(long)]
        note: Option<String>,
        /// Highlight colour.
        #[arg(long, default_value = "yellow", value_parser = ["yellow", "green", "blue", "pink", "purple"])]
        color: String,
        /// A tag (repeatable).
        #[arg(long)]
        tag: Vec<String>,
        /// Which occurrence of the quote (1-based), when it occurs more than once.
        #[arg(long)]
        occurrence: Option<usize>,
    },
    /// Export the notes of an article, or of every article in a folder.
    Export {
        /// An article file or a library folder.
        path: PathBuf,
        /// md (Markdown), json, csv, or w3c (W3C Web Annotation JSON-LD).
        #[arg(long, value_parser = ["md", "json", "csv", "w3c"])]
        format: String,
        /// Markdown of the whole article with the highlights in context.
        #[arg(long)]
        full: bool,
        /// Only notes on this speaker's passages (repeatable).
        #[arg(long)]
        speaker: Vec<String>,
        /// Only notes in this colour.
        #[arg(long, value_parser = ["yellow", "green", "blue", "pink", "purple"])]
        color: Option<String>,
    },
}

/// An article with what is needed to work on its notes.
struct Opened {
    doc: Document,
    attribution: speaker::Attribution,
    relative: PathBuf,
    notes: Notes,
}

fn open(file: &Path, location: &Location, cwd: &Path) -> Result<Opened, CliError> {
    let article = cwd.join(file);
    let doc = Document::load_with_limit(&article, location.max_file_bytes)?;
    let attribution = speaker::detect(&doc);
    let sidecar_path = sidecar::path_for(&location.annotations, &location.root, &article);
    let notes = Notes::load(&sidecar_path, &doc.text)?;
    Ok(Opened { relative: sidecar::article_key(&location.root, &article), doc, attribution, notes })
}

fn now() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    timestamp(secs)
}

fn new_id() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    sidecar::annotation::new_id(nanos ^ (u128::from(std::process::id()) << 64))
}

pub fn run(command: AnnotationsCommand, out: &mut impl Write, cwd: &Path) -> Result<(), CliError> {
    match command {
        AnnotationsCommand::List { file, json } => {
            let location = config::locate(Some(&file), cwd)?;
            let opened = open(&file, &location, cwd)?;
            let items: Vec<&Resolved> = opened.notes.items.iter().collect();
            if json {
                let article = Article { doc: &opened.doc, path: &slash(&opened.relative) };
                serde_json::to_writer_pretty(&mut *out, &export::json(&article, &items))?;
                writeln!(out)?;
                return Ok(());
            }
            write_list(out, &items)
        }
        AnnotationsCommand::Add { file, quote, note, color, tag, occurrence } => {
            let location = config::locate(Some(&file), cwd)?;
            let mut opened = open(&file, &location, cwd)?;
            let range = find_quote(&opened.doc.text, &quote, occurrence)
                .map_err(|e| CliError::Quote { file: display_path(&file), reason: e.to_string() })?;
            let mut annotation = Notes::annotation(&opened.doc.text, &opened.attribution, range, new_id(), &now());
            annotation.colour = Colour::from_name(&color).unwrap_or(Colour::Yellow);
            annotation.tags = tag;
            annotation.note = note.unwrap_or_default();
            let id = annotation.id.clone();
            opened.notes.add(annotation, &opened.doc.text);
            opened.notes.save(&opened.relative, &opened.doc.meta.title, &opened.doc.text)?;
            writeln!(out, "{id}")?;
            eprintln!("gloss: saved to {}", display_path(&opened.notes.sidecar_path));
            Ok(())
        }
        AnnotationsCommand::Export { path, format, full, speaker, color } => {
            let location = config::locate(Some(&path), cwd)?;
            let articles = library::discover(&cwd.join(&path))?;
            let colour = color.as_deref().and_then(Colour::from_name);
            let mut collected: Vec<serde_json::Value> = Vec::new();
            let mut csv_header_done = false;
            for article_path in articles {
                let sidecar_path = sidecar::path_for(&location.annotations, &location.root, &article_path);
                if !sidecar_path.exists() {
                    continue;
                }
                let opened = open(&article_path, &location, cwd)?;
                let wanted: Vec<&Resolved> = opened
                    .notes
                    .items
                    .iter()
                    .filter(|r| colour.is_none_or(|c| r.annotation.colour == c))
                    .filter(|r| {
                        speaker.is_empty()
                            || r.annotation.speaker.as_deref().is_some_and(|s| {
                                speaker.iter().any(|w| {
                                    opened
                                        .attribution
                                        .find(w)
                                        .iter()
                                        .any(|id| opened.attribution.speakers[id.0].answers_to(s))
                                        || s.eq_ignore_ascii_case(w)
                                })
                            })
                    })
                    .collect();
                let relative = slash(&opened.relative);
                let article = Article { doc: &opened.doc, path: &relative };
                match format.as_str() {
                    "md" if full => write!(out, "{}", export::markdown_full(&article, &wanted))?,
                    "md" => write!(out, "{}", export::markdown(&article, &wanted))?,
                    "csv" => {
                        let table = export::csv(&article, &wanted);
                        let body = if csv_header_done {
                            table.split_once('\n').map_or("", |(_, rest)| rest).to_owned()
                        } else {
                            table
                        };
                        csv_header_done = true;
                        write!(out, "{body}")?;
                    }
                    "w3c" => collected.push(export::w3c(&article, &wanted)),
                    _ => collected.push(export::json(&article, &wanted)),
                }
            }
            if matches!(format.as_str(), "json" | "w3c") {
                let value =
                    if collected.len() == 1 { collected.remove(0) } else { serde_json::Value::Array(collected) };
                serde_json::to_writer_pretty(&mut *out, &value)?;
                writeln!(out)?;
            }
            Ok(())
        }
    }
}

/// The human-readable list of an article's notes.
fn write_list(out: &mut impl Write, items: &[&Resolved]) -> Result<(), CliError> {
    if items.is_empty() {
        writeln!(out, "no annotations")?;
    }
    for r in items.iter().copied() {
        let a = &r.annotation;
        // Everything here was typed into a file gloss did not write: shown, never obeyed.
        let quote = crate::text::truncate_to_width(&sanitise_line(&a.selector.quote.replace('\n', " ")), 60);
        let speaker = sanitise_line(a.speaker.as_deref().unwrap_or("—"));
        let id = sanitise_line(&a.id);
        writeln!(out, "{id}  {:<6}  {:<12}  {speaker}: “{quote}”", a.colour.name(), r.resolution.label())?;
        if !a.note.is_empty() {
            writeln!(out, "            {}", sanitise_text(&a.note).replace('\n', "\n            "))?;
        }
    }
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

fn slash(path: &Path) -> String {
    display_path(path).replace('\\', "/")
}

/// `gloss check`: validates every sidecar, re-anchors every note, re-links
/// sidecars of renamed articles by fingerprint, and reports what needs review.
/// Returns whether everything is in order.
pub fn check(path: Option<&Path>, out: &mut impl Write, cwd: &Path) -> Result<bool, CliError> {
    let location = config::locate(path, cwd)?;
    sidecar::store::clean_stale_temps(&location.annotations);
    let articles = library::discover(&location.library)?;
    let mut problems = 0usize;
    let mut notes_total = 0usize;
    let mut without_sidecar = Vec::new();
    for article in &articles {
        let sidecar_path = sidecar::path_for(&location.annotations, &location.root, article);
        if !sidecar_path.exists() {
            without_sidecar.push(article.clone());
            continue;
        }
        let shown = display_path(&relative_path(&location.root, article));
        let doc = match Document::load_with_limit(article, location.max_file_bytes) {
            Ok(doc) => doc,
            Err(err) => {
                problems += 1;
                writeln!(out, "{shown}: {err}")?;
                continue;
            }
        };
        if let Ok(Some(sidecar)) = Sidecar::load(&sidecar_path)
            && let Some(reason) = sidecar.read_only_reason()
        {
            writeln!(out, "{reason}")?;
        }
        match Notes::load(&sidecar_path, &doc.text) {
            Err(err) => {
                problems += 1;
                writeln!(out, "{err}")?;
            }
            Ok(notes) => {
                let count = |label: &str| notes.items.iter().filter(|r| r.resolution.label() == label).count();
                notes_total += notes.items.len();
                writeln!(
                    out,
                    "{shown}: {} ({} exact, {} moved, {} fuzzy, {} need review)",
                    plural(notes.items.len(), "note"),
                    count("exact"),
                    count("moved"),
                    count("fuzzy"),
                    count("needs review")
                )?;
                for orphan in notes.orphans() {
                    problems += 1;
                    let quote =
                        crate::text::truncate_to_width(&orphan.annotation.selector.quote.replace('\n', " "), 70);
                    writeln!(out, "  needs review: {} “{quote}”", orphan.annotation.id)?;
                }
            }
        }
    }
    problems += relink(&location, &without_sidecar, out)?;
    writeln!(out, "{}, {}, {problems} to review", plural(articles.len(), "article"), plural(notes_total, "note"))?;
    Ok(problems == 0)
}

/// Sidecars whose article is gone: moved to a renamed article with the same
/// text, or reported. Returns how many are left to review.
fn relink(location: &Location, without_sidecar: &[PathBuf], out: &mut impl Write) -> Result<usize, CliError> {
    let mut problems = 0;
    for outcome in relink_stranded(location, without_sidecar)? {
        match outcome {
            Relink::Moved { from, article } => writeln!(
                out,
                "re-linked {} to {}",
                display_path(&from),
                display_path(&relative_path(&location.root, &article))
            )?,
            Relink::Missing { sidecar, article } => {
                problems += 1;
                writeln!(out, "{}: its article {:?} is missing", display_path(&sidecar), sanitise_line(&article))?;
            }
        }
    }
    Ok(problems)
}
