//! `gloss annotations …` and `gloss check`: notes from the command line.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};

use super::article::{self, Opened, Want};
use super::json::{NotesJson, Shape, write_records};
use super::{CliError, JsonArgs, select};
use crate::config::settings::Settings;
use crate::config::{self, Location};
use crate::document::normalise::{sanitise_line, sanitise_text};
use crate::document::{display_path, relative_path};
use crate::library;
use crate::notes::export::{self, Article, Entry};
use crate::notes::relink::{Relink, relink_stranded};
use crate::notes::{Resolved, annotation, find_quote, timestamp};
use crate::session::{self, SaveContext};
use crate::sidecar;

/// What `annotations export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown: a memo of the notes (or, with --full, the whole article).
    Md,
    /// JSON records (docs/json.md), always an array.
    Json,
    /// CSV, one row per note, with a header.
    Csv,
    /// W3C Web Annotation JSON-LD, an array of collections.
    W3c,
}

/// How a Markdown memo of many articles is grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// By who speaks each passage, then article, then date.
    Speaker,
}

impl AnnotationsCommand {
    /// The files and folders the command works on, as typed.
    pub(super) fn paths(&self) -> Vec<&Path> {
        match self {
            Self::List { files, .. } => files.iter().map(PathBuf::as_path).collect(),
            Self::Add { file, .. } => vec![file.as_path()],
            Self::Export { paths, .. } => paths.iter().map(PathBuf::as_path).collect(),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum AnnotationsCommand {
    /// List the annotations of articles (files or folders) and where each passage is now.
    List {
        /// Article files or folders of articles.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        json: JsonArgs,
    },
    /// Highlight a passage of an article, with an optional note.
    Add {
        /// The article file.
        file: PathBuf,
        /// The text to highlight, as the reader shows it: spaces match any run of spaces or line
        /// breaks, straight quotes match curly ones. The note keeps the article's own text.
        #[arg(long)]
        quote: String,
        /// A note on the passage.
        #[arg(long)]
        note: Option<String>,
        /// Highlight colour: yellow, green, blue, pink, purple, or what one means in your settings.
        #[arg(long, default_value = "yellow")]
        color: String,
        /// A tag (repeatable).
        #[arg(long)]
        tag: Vec<String>,
        /// Which occurrence of the quote (1-based), when it occurs more than once.
        #[arg(long)]
        occurrence: Option<usize>,
    },
    /// Export the notes of articles, or of every article in folders.
    Export {
        /// Article files or library folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format (any case); a Markdown memo unless told otherwise.
        #[arg(long, value_enum, ignore_case = true, default_value = "md")]
        format: Format,
        /// Markdown of the whole article with the highlights in context (--format md only).
        #[arg(long)]
        full: bool,
        /// One Markdown memo grouped by speaker, then article and date (--format md only).
        #[arg(long, value_enum, ignore_case = true)]
        by: Option<By>,
        /// Only notes on this speaker's passages (repeatable), after speaker corrections.
        #[arg(long)]
        speaker: Vec<String>,
        /// Only notes in this colour (a colour or what it means in your settings).
        #[arg(long)]
        color: Option<String>,
        /// CSV for a spreadsheet program: CRLF line ends and a byte-order mark (--format csv only).
        #[arg(long)]
        excel: bool,
    },
}

fn now() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    timestamp(secs)
}

fn new_id() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    sidecar::annotation::new_id(nanos ^ (u128::from(std::process::id()) << 64))
}

pub fn run(command: AnnotationsCommand, out: &mut impl Write, cwd: &Path, settings: &Settings) -> Result<(), CliError> {
    match command {
        AnnotationsCommand::List { files, json } => {
            let targets = select::targets(&files, cwd)?;
            let mut opened = Vec::new();
            for file in &targets.files {
                opened.push(article::open(file, cwd, Want::NOTES)?);
            }
            if let Some(shape) = json.shape(targets.many) {
                let records: Vec<NotesJson> = opened.iter().map(|o| NotesJson::of(o, &o.items(), settings)).collect();
                return write_records(out, &records, shape);
            }
            for (i, o) in opened.iter().enumerate() {
                if targets.many {
                    if i > 0 {
                        writeln!(out)?;
                    }
                    writeln!(out, "==> {} <==", o.path)?;
                }
                write_list(out, o, settings)?;
            }
            Ok(())
        }
        AnnotationsCommand::Add { file, quote, note, color, tag, occurrence } => {
            let colour = select::colour_named(&color, settings)?;
            let mut opened = article::open(&file, cwd, Want::NOTES).map_err(|err| match err {
                // A sidecar that cannot be read is not written over: say so plainly.
                CliError::Sidecar(e) => {
                    CliError::NotSaved { file: select::shown_path(cwd, &file), reason: e.to_string() }
                }
                other => other,
            })?;
            let text = &opened.doc.text;
            let range = find_quote(text, &quote, occurrence)
                .map_err(|e| CliError::Quote { file: opened.path.clone(), reason: e.to_string() })?;
            // Stamped with the speaker after the sidecar's corrections.
            let mut annotation = annotation(text, &opened.attribution, range, new_id(), &now());
            annotation.colour = colour;
            annotation.tags = tag;
            annotation.note = note.unwrap_or_default();
            let id = annotation.id.clone();
            let Some(notes) = opened.notes.as_mut() else { unreachable!("opened with its notes") };
            let base: Vec<_> = notes.iter().map(|r| r.annotation.clone()).collect();
            notes.push(Resolved { resolution: crate::anchor::resolve(text, &annotation.selector), annotation });
            let mine = session::to_save(notes, text);
            let Some(article) = opened.session.as_ref() else { unreachable!("opened with its speakers") };
            let context =
                SaveContext { title: &opened.doc.meta.title, position: None, fingerprint: &article.fingerprint };
            // The session names sidecars from the absolute path (the library's root is absolute).
            session::save(&opened.location, &cwd.join(&article.path), (&base, &mine), context)
                .map_err(|e| CliError::NotSaved { file: opened.path.clone(), reason: e.to_string() })?;
            writeln!(out, "{id}")?;
            eprintln!("gloss: saved to {}", display_path(&article.sidecar_path));
            Ok(())
        }
        AnnotationsCommand::Export { paths, format, full, by, speaker, color, excel } => {
            let request = Request { format, full, by, speakers: &speaker, color: color.as_deref(), excel };
            export_notes(out, &paths, cwd, settings, &request)
        }
    }
}

/// What `annotations export` was asked for.
struct Request<'a> {
    format: Format,
    full: bool,
    by: Option<By>,
    speakers: &'a [String],
    color: Option<&'a str>,
    excel: bool,
}

impl Request<'_> {
    fn check(&self) -> Result<(), CliError> {
        let refuse = |what: &str| Err(CliError::Usage(format!("{what} (see gloss annotations export --help)")));
        if self.full && self.format != Format::Md {
            return refuse("--full needs --format md");
        }
        if self.by.is_some() && self.format != Format::Md {
            return refuse("--by needs --format md");
        }
        if self.by.is_some() && self.full {
            return refuse("--by and --full cannot be used together");
        }
        if self.excel && self.format != Format::Csv {
            return refuse("--excel needs --format csv");
        }
        Ok(())
    }

    /// What the filters were, for the message when nothing is left.
    fn why_empty(&self) -> String {
        let mut filters: Vec<String> =
            self.speakers.iter().map(|s| format!("--speaker {:?}", sanitise_line(s))).collect();
        if let Some(c) = self.color {
            filters.push(format!("--color {:?}", sanitise_line(c)));
        }
        if filters.is_empty() { "no notes".to_owned() } else { format!("no notes match {}", filters.join(" ")) }
    }
}

/// `gloss annotations export`: every file's and folder's notes, filtered,
/// in one format. Nothing to export is an error (exit 1), after a CSV
/// header or an empty JSON array so a script still reads a valid file.
fn export_notes(
    out: &mut impl Write,
    paths: &[PathBuf],
    cwd: &Path,
    settings: &Settings,
    request: &Request,
) -> Result<(), CliError> {
    request.check()?;
    let colour = request.color.map(|c| select::colour_named(c, settings)).transpose()?;
    let targets = select::targets(paths, cwd)?;
    let mut opened: Vec<Opened> = Vec::new();
    for file in &targets.files {
        let o = article::open(file, cwd, Want::NOTES)?;
        if o.notes.as_ref().is_some_and(|n| !n.is_empty()) {
            opened.push(o);
        }
    }
    let mut articles: Vec<(&Opened, Article)> = Vec::new();
    for o in &opened {
        let names = match select::speaker_filter(&o.attribution, request.speakers, &o.path) {
            Ok(ids) => {
                ids.map(|ids| ids.iter().map(|id| o.attribution.speakers[id.0].name.clone()).collect::<Vec<_>>())
            }
            Err(CliError::UnknownSpeaker { .. }) if targets.many => continue,
            Err(err) => return Err(err),
        };
        let notes: Vec<Entry> = o
            .items()
            .into_iter()
            .filter(|r| colour.is_none_or(|c| r.annotation.colour == c))
            .map(|r| Entry { resolved: r, speaker: o.note_speaker(r), meaning: settings.meaning(r.annotation.colour) })
            .filter(|e| names.as_ref().is_none_or(|names| e.speaker.as_ref().is_some_and(|s| names.contains(s))))
            .collect();
        if !notes.is_empty() {
            articles.push((o, Article { doc: &o.doc, path: &o.path, notes }));
        }
    }
    let eol = if request.excel { "\r\n" } else { "\n" };
    match request.format {
        Format::Csv => {
            if request.excel {
                write!(out, "\u{feff}")?;
            }
            write!(out, "{}{eol}", export::CSV_HEADER)?;
            for (_, article) in &articles {
                write!(out, "{}", export::csv_rows(article, eol))?;
            }
        }
        Format::Json => {
            let records: Vec<NotesJson> = articles
                .iter()
                .map(|(o, a)| NotesJson::of(o, &a.notes.iter().map(|e| e.resolved).collect::<Vec<_>>(), settings))
                .collect();
            write_records(out, &records, Shape::Array)?;
        }
        Format::W3c => {
            let collections: Vec<serde_json::Value> = articles.iter().map(|(_, a)| export::w3c(a)).collect();
            write_records(out, &collections, Shape::Array)?;
        }
        Format::Md if request.by.is_some() && !articles.is_empty() => {
            let all: Vec<Article> = articles.into_iter().map(|(_, a)| a).collect();
            write!(out, "{}", export::markdown_by_speaker(&all))?;
            return Ok(());
        }
        Format::Md => {
            for (i, (_, article)) in articles.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                let md = if request.full { export::markdown_full(article) } else { export::markdown(article) };
                write!(out, "{md}")?;
            }
        }
    }
    if articles.is_empty() {
        out.flush()?;
        let path = paths.iter().map(|p| select::shown_path(cwd, p)).collect::<Vec<_>>().join(", ");
        return Err(CliError::NothingToExport { path, why: request.why_empty() });
    }
    Ok(())
}

/// The human-readable list of an article's notes.
fn write_list(out: &mut impl Write, opened: &Opened, settings: &Settings) -> Result<(), CliError> {
    let items: Vec<&Resolved> = opened.items();
    if items.is_empty() {
        writeln!(out, "no annotations")?;
    }
    for r in items.iter().copied() {
        let a = &r.annotation;
        // Everything here was typed into a file gloss did not write: shown, never obeyed.
        let quote = crate::text::truncate_to_width(&sanitise_line(&a.selector.quote.replace('\n', " ")), 60);
        let speaker = sanitise_line(&opened.note_speaker(r).unwrap_or_else(|| "—".to_owned())).into_owned();
        let id = sanitise_line(&a.id);
        let colour = format!("{} ({})", a.colour.name(), sanitise_line(settings.meaning(a.colour)));
        let tags: String = a.tags.iter().fold(String::new(), |mut all, t| {
            all.push_str(" #");
            all.push_str(&sanitise_line(t));
            all
        });
        writeln!(out, "{id}  {colour}  {:<12}  {speaker}: “{quote}”{tags}", r.resolution.label())?;
        if !a.note.is_empty() {
            writeln!(out, "            {}", sanitise_text(&a.note).replace('\n', "\n            "))?;
        }
    }
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
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
        let sidecar_path = location.sidecar_for(article);
        if !sidecar_path.exists() {
            without_sidecar.push(article.clone());
            continue;
        }
        let shown = display_path(&relative_path(&location.root, article));
        let opened = match session::open(&location, article) {
            Ok(opened) => opened,
            Err(err) => {
                problems += 1;
                writeln!(out, "{shown}: {err}")?;
                continue;
            }
        };
        if let Some(reason) = &opened.read_only {
            writeln!(out, "{reason}")?;
        }
        match &opened.notes {
            Err(err) => {
                problems += 1;
                writeln!(out, "{err}")?;
            }
            Ok(notes) => {
                let count = |label: &str| notes.iter().filter(|r| r.resolution.label() == label).count();
                notes_total += notes.len();
                let aside = if opened.set_aside.is_empty() {
                    String::new()
                } else {
                    format!(", {} set aside", opened.set_aside.len())
                };
                writeln!(
                    out,
                    "{shown}: {} ({} exact, {} moved, {} fuzzy, {} need review{aside})",
                    plural(notes.len(), "note"),
                    count("exact"),
                    count("moved"),
                    count("fuzzy"),
                    count("needs review")
                )?;
                for aside in &opened.set_aside {
                    problems += 1;
                    writeln!(out, "  set aside: {aside}")?;
                }
                for orphan in notes.iter().filter(|r| r.resolution == crate::anchor::Resolution::Orphaned) {
                    problems += 1;
                    let quote = crate::text::truncate_to_width(
                        &sanitise_line(&orphan.annotation.selector.quote.replace('\n', " ")),
                        70,
                    );
                    writeln!(out, "  needs review: {} “{quote}”", sanitise_line(&orphan.annotation.id))?;
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
