//! The command line: the same core as the reader, for scripts and pipes.
//!
//! Exit codes: 0 success, 1 an error (the message names the file and what is
//! wrong), 2 a usage error (from clap). Output that goes to a closed pipe
//! (`gloss show x | head`) ends quietly with success.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::app::keymap::Keymap;
use crate::config::settings::{self, Settings};
use crate::config::{self, ConfigError};
use crate::document::normalise::sanitise_line;
use crate::document::{Document, LoadError, display_path};
use crate::library::{self, LibraryError, SortKey};
use crate::sidecar::{self, Sidecar, SidecarError};
use crate::speaker::{self, Attribution, SpeakerId};
use crate::text::{display_width, truncate_to_width};

/// gloss: a terminal reader for articles and transcripts.
///
/// Without a command, opens PATH (a library folder or one article); without
/// PATH, the library named by ./gloss.toml, or the current folder.
#[derive(Debug, Parser)]
#[command(name = "gloss", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A library folder or one article.
    path: Option<PathBuf>,
    /// Settings file to use instead of ~/.config/gloss/config.toml (keymap.toml is read beside it).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
}

mod annotations;
mod show;

use show::{ShowJson, SpeakerJson, write_clean_text, write_speaker_passages};

#[derive(Debug, Subcommand)]
enum Command {
    /// Highlights and notes: list, add, export.
    Annotations {
        #[command(subcommand)]
        command: annotations::AnnotationsCommand,
    },
    /// Validate every sidecar, re-anchor every note, report what needs review (exit 1 if anything does).
    Check {
        /// A library folder or one article (default: ./gloss.toml's library, or the current folder).
        path: Option<PathBuf>,
    },
    /// List the articles of a library with their metadata.
    List {
        /// A library folder or one article (default: ./gloss.toml's library, or the current folder).
        path: Option<PathBuf>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Order of the list.
        #[arg(long, default_value = "title", value_parser = clap::builder::PossibleValuesParser::new(SortKey::NAMES))]
        sort: String,
    },
    /// Print an article as clean text: title, date and source first, web boilerplate left out.
    Show {
        /// The article file.
        file: PathBuf,
        /// Wrap to this many display columns (default: the terminal's width up to 90, or 80 in a pipe).
        #[arg(long, value_parser = clap::value_parser!(u16).range(10..))]
        width: Option<u16>,
        /// Print the document structure as JSON.
        #[arg(long)]
        json: bool,
        /// Include the web boilerplate (menus, share buttons…) that is normally hidden.
        #[arg(long)]
        boilerplate: bool,
        /// Keep only this speaker's passages (a name or alias, any case); repeatable.
        #[arg(long, value_name = "NAME")]
        speaker: Vec<String>,
    },
    /// Who speaks in an article: turns, words, share of words, first appearance.
    ///
    /// Corrections are saved in the article's sidecar (`[speakers]` table) and
    /// applied every time the article loads.
    Speakers {
        /// The article file.
        file: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Make speaker FROM the same as INTO (names or aliases).
        #[arg(long, num_args = 2, value_names = ["FROM", "INTO"])]
        merge: Vec<String>,
        /// Rename speaker FROM to TO; the old name stays an alias.
        #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
        rename: Vec<String>,
        /// Give the passage at byte OFFSET of the text to SPEAKER ("" for nobody).
        #[arg(long, num_args = 2, value_names = ["OFFSET", "SPEAKER"])]
        reassign: Vec<String>,
    },
}

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Library(#[from] LibraryError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("cannot write output: {0}")]
    Output(#[from] io::Error),
    #[error("cannot encode JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Sidecar(#[from] SidecarError),
    #[error("{file}: cannot annotate: {reason}")]
    Quote { file: String, reason: String },
    #[error("some notes need review (see above)")]
    NeedsReview,
    #[error("--reassign: {offset:?} is not a byte offset (a whole number)")]
    BadOffset { offset: String },
    #[error("{file}: no speaker called {name:?} (speakers: {known})")]
    UnknownSpeaker { file: String, name: String, known: String },
}

/// Parses the arguments, runs the command and maps the outcome to an exit code.
#[must_use]
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("gloss: {err}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(err: &CliError) -> bool {
    match err {
        CliError::Output(e) => e.kind() == io::ErrorKind::BrokenPipe,
        CliError::Json(e) => e.io_error_kind() == Some(io::ErrorKind::BrokenPipe),
        _ => false,
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<(), CliError> {
    let cwd = std::env::current_dir()?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match cli.command {
        None if io::stdout().is_terminal() && io::stdin().is_terminal() => {
            drop(out);
            return open_reader(cli.path.as_deref(), cli.config.as_deref(), &cwd);
        }
        // Not a terminal (a pipe, a script): list the library instead.
        None => list(&mut out, cli.path.as_deref(), &cwd, false, SortKey::Title),
        Some(Command::List { path, json, sort }) => {
            let key = sort.parse().unwrap_or_default();
            list(&mut out, path.as_deref(), &cwd, json, key)
        }
        Some(Command::Show { file, width, json, boilerplate, speaker }) if !json && speaker.is_empty() => {
            // Plain text needs no speakers: skipping them keeps `show` streaming big files quickly.
            let doc = load_reporting(&file)?;
            sidecar_reporting(&file, &cwd)?;
            write_clean_text(&mut out, &doc, width.map_or_else(default_width, usize::from), boilerplate)?;
            Ok(())
        }
        Some(Command::Show { file, width, json, boilerplate, speaker }) => {
            let (doc, attribution) = load_with_speakers(&file, &cwd)?;
            let keep = speaker_filter(&attribution, &speaker, &file)?;
            if json {
                serde_json::to_writer_pretty(
                    &mut out,
                    &ShowJson::of(&doc, &attribution, keep.as_deref(), boilerplate),
                )?;
                writeln!(out)?;
            } else {
                let width = width.map_or_else(default_width, usize::from);
                match keep {
                    Some(ids) => write_speaker_passages(&mut out, &doc, &attribution, &ids, width)?,
                    None => write_clean_text(&mut out, &doc, width, boilerplate)?,
                }
            }
            Ok(())
        }
        Some(Command::Annotations { command }) => annotations::run(command, &mut out, &cwd),
        Some(Command::Check { path }) => {
            let clean = annotations::check(path.as_deref(), &mut out, &cwd)?;
            out.flush()?;
            if clean { Ok(()) } else { Err(CliError::NeedsReview) }
        }
        Some(Command::Speakers { file, json, merge, rename, reassign }) => {
            let changes = corrections(&merge, &rename, &reassign)?;
            if !changes.is_empty() {
                save_corrections(&file, &cwd, &changes)?;
            }
            let (_, attribution) = load_with_speakers(&file, &cwd)?;
            write_speakers(&mut out, &attribution, json)
        }
    }?;
    out.flush()?;
    Ok(())
}

/// Starts the full-screen reader.
fn open_reader(path: Option<&Path>, config: Option<&Path>, cwd: &Path) -> Result<(), CliError> {
    let location = config::locate(path, cwd)?;
    if !location.library.exists() {
        return Err(LibraryError::Missing { path: display_path(&location.library) }.into());
    }
    let mut warnings = location.warnings.clone();
    let config_file =
        config.map(Path::to_path_buf).or_else(|| settings::user_config_dir().map(|d| d.join("config.toml")));
    let config_text = config_file.as_deref().and_then(|f| settings::read_user_file(f, &mut warnings));
    if config.is_some() && config_text.is_none() {
        warnings.push(format!(
            "{}: no such settings file; using the defaults",
            display_path(config.unwrap_or(Path::new("")))
        ));
    }
    let config_name = config_file.as_deref().map(display_path).unwrap_or_default();
    let (settings, more) = Settings::load(config_text.as_deref().map(|t| (t, config_name.as_str())));
    warnings.extend(more);
    let keymap_file = config_file.as_deref().and_then(Path::parent).map(|d| d.join("keymap.toml"));
    let keymap_text = keymap_file.as_deref().and_then(|f| settings::read_user_file(f, &mut warnings));
    let keymap_name = keymap_file.as_deref().map(display_path).unwrap_or_default();
    let (keymap, more) = Keymap::load(keymap_text.as_deref().map(|t| (t, keymap_name.as_str())));
    warnings.extend(more);
    crate::tui::run(crate::tui::Launch { location, settings, keymap, warnings })?;
    Ok(())
}

/// Loads an article, detects its speakers and applies the corrections in its sidecar.
fn load_with_speakers(file: &Path, cwd: &Path) -> Result<(Document, Attribution), CliError> {
    let doc = load_reporting(file)?;
    let mut attribution = speaker::detect(&doc);
    if let Some((path, sidecar)) = sidecar_reporting(file, cwd)? {
        match sidecar.speakers() {
            Ok(overrides) => {
                for problem in overrides.apply(&mut attribution, &doc.text) {
                    eprintln!("gloss: {}: {problem}", display_path(&path));
                }
            }
            Err(err) => eprintln!("gloss: {err}"),
        }
    }
    Ok((doc, attribution))
}

/// The article's sidecar, if it has one; a sidecar that cannot be read is reported on stderr.
fn sidecar_reporting(file: &Path, cwd: &Path) -> Result<Option<(PathBuf, Sidecar)>, CliError> {
    let location = config::locate(Some(file), cwd)?;
    let path = sidecar::path_for(&location.annotations, &location.root, &cwd.join(file));
    match Sidecar::load(&path) {
        Ok(Some(sidecar)) => Ok(Some((path, sidecar))),
        Ok(None) => Ok(None),
        Err(err) => {
            eprintln!("gloss: {err}");
            Ok(None)
        }
    }
}

/// The corrections given on the command line, as sidecar overrides.
fn corrections(merge: &[String], rename: &[String], reassign: &[String]) -> Result<speaker::Overrides, CliError> {
    let mut overrides = speaker::Overrides::default();
    for pair in merge.chunks_exact(2) {
        overrides.merge.push(speaker::overrides::Merge { from: pair[0].clone(), into: pair[1].clone() });
    }
    for pair in rename.chunks_exact(2) {
        overrides.rename.push(speaker::overrides::Rename { from: pair[0].clone(), to: pair[1].clone() });
    }
    for pair in reassign.chunks_exact(2) {
        let start =
            pair[0].parse().map_err(|_| CliError::BadOffset { offset: sanitise_line(&pair[0]).into_owned() })?;
        overrides.reassign.push(speaker::overrides::Reassign { start, speaker: pair[1].clone() });
    }
    Ok(overrides)
}

/// Adds corrections to the article's sidecar (creating it if needed) and saves it.
fn save_corrections(file: &Path, cwd: &Path, changes: &speaker::Overrides) -> Result<(), CliError> {
    let doc = Document::load(file)?;
    let location = config::locate(Some(file), cwd)?;
    let article = cwd.join(file);
    let path = sidecar::path_for(&location.annotations, &location.root, &article);
    let mut sidecar = match Sidecar::load(&path)? {
        Some(existing) => existing,
        None => Sidecar::new(path.clone(), &sidecar::article_key(&location.root, &article), &doc.meta.title),
    };
    let mut overrides = sidecar.speakers()?;
    overrides.merge.extend(changes.merge.iter().cloned());
    overrides.rename.extend(changes.rename.iter().cloned());
    overrides.reassign.extend(changes.reassign.iter().cloned());
    sidecar.set_speakers(&overrides);
    sidecar.save()?;
    eprintln!("gloss: saved speaker corrections to {}", display_path(&path));
    Ok(())
}

fn load_reporting(file: &Path) -> Result<Document, CliError> {
    let doc = Document::load(file)?;
    for notice in &doc.notices {
        eprintln!("gloss: {}: {notice}", display_path(file));
    }
    Ok(doc)
}

/// The speakers `--speaker` names, or `None` when it names none.
fn speaker_filter(
    attribution: &Attribution,
    names: &[String],
    file: &Path,
) -> Result<Option<Vec<SpeakerId>>, CliError> {
    if names.is_empty() {
        return Ok(None);
    }
    let mut ids = Vec::new();
    for name in names {
        let found = attribution.find(name);
        if found.is_empty() {
            let known: Vec<&str> = attribution.speakers.iter().map(|s| s.name.as_str()).collect();
            return Err(CliError::UnknownSpeaker {
                file: display_path(file),
                name: sanitise_line(name).into_owned(),
                known: if known.is_empty() { "none".to_owned() } else { known.join(", ") },
            });
        }
        ids.extend(found);
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(Some(ids))
}

fn write_speakers(out: &mut impl Write, attribution: &Attribution, json: bool) -> Result<(), CliError> {
    let total = attribution.total_words().max(1);
    if json {
        let rows: Vec<SpeakerJson> = attribution
            .by_appearance()
            .into_iter()
            .map(|id| SpeakerJson::of(&attribution.speakers[id.0], total))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
        return Ok(());
    }
    if attribution.speakers.is_empty() {
        writeln!(out, "no speakers found")?;
        return Ok(());
    }
    writeln!(out, "{}  {:>5}  {:>6}  {:>5}  {:>9}  ALIASES", pad("SPEAKER", 36), "TURNS", "WORDS", "SHARE", "FIRST")?;
    for id in attribution.by_appearance() {
        let s = &attribution.speakers[id.0];
        writeln!(
            out,
            "{}  {:>5}  {:>6}  {:>4.0}%  {:>9}  {}",
            pad(&s.name, 36),
            s.turns,
            s.words,
            s.words as f64 * 100.0 / total as f64,
            s.first,
            s.aliases.join(", ")
        )?;
    }
    Ok(())
}

fn default_width() -> usize {
    if io::stdout().is_terminal()
        && let Ok((cols, _)) = crossterm::terminal::size()
    {
        return usize::from(cols).clamp(20, 90);
    }
    80
}

/// Column widths of the `gloss list` table, in display columns.
const TITLE: usize = 50;
const SOURCE: usize = 22;

fn list(out: &mut impl Write, path: Option<&Path>, cwd: &Path, json: bool, key: SortKey) -> Result<(), CliError> {
    let location = config::locate(path, cwd)?;
    for warning in &location.warnings {
        eprintln!("gloss: {warning}");
    }
    let mut articles = library::load(&location.library, location.max_file_bytes)?;
    library::sort(&mut articles, key);
    if json {
        serde_json::to_writer_pretty(&mut *out, &articles)?;
        writeln!(out)?;
        return Ok(());
    }
    if articles.is_empty() {
        eprintln!("gloss: {}: no articles (.txt, .md) found", display_path(&location.library));
        return Ok(());
    }
    writeln!(
        out,
        "{}  {:<10}  {}  {:>6}  {:>5}  PATH",
        pad("TITLE", TITLE),
        "DATE",
        pad("SOURCE", SOURCE),
        "WORDS",
        "MIN"
    )?;
    for article in &articles {
        let meta = &article.meta;
        let title = meta.error.as_ref().map_or_else(|| meta.title.clone(), |_| format!("{} (unreadable)", meta.title));
        writeln!(
            out,
            "{}  {:<10}  {}  {:>6}  {:>5}  {}",
            pad(&title, TITLE),
            meta.date.as_deref().unwrap_or("—"),
            pad(meta.source.as_deref().unwrap_or("—"), SOURCE),
            meta.words,
            meta.reading_minutes,
            display_path(&article.relative),
        )?;
    }
    for article in articles.iter().filter(|a| a.meta.error.is_some()) {
        eprintln!("gloss: {}", article.meta.error.as_deref().unwrap_or_default());
    }
    Ok(())
}

/// Truncates or pads `text` to exactly `cols` display columns.
fn pad(text: &str, cols: usize) -> String {
    let cut = truncate_to_width(text, cols);
    let fill = cols.saturating_sub(display_width(&cut));
    format!("{cut}{}", " ".repeat(fill))
}
