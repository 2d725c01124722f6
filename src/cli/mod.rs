//! The command line: the same core as the reader, for scripts and pipes.
//!
//! Exit codes: 0 success, 1 an error (the message names the file and what is
//! wrong), 2 a usage error (from clap). Output that goes to a closed pipe
//! (`gloss show x | head`) ends quietly with success.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::settings::{self, Settings};
use crate::config::{self, ConfigError};
use crate::document::normalise::sanitise_line;
use crate::document::{LoadError, display_path};
use crate::library::{self, LibraryError, SortKey};
use crate::sidecar::{Sidecar, SidecarError};
use crate::text::{display_width, truncate_to_width};

/// gloss: a terminal reader for articles and transcripts.
///
/// Without a command, opens PATH (a library folder or one article); without
/// PATH, the library named by ./gloss.toml, or the current folder.
///
/// `gloss -` and `cmd | gloss` open standard input in the reader (keys come from
/// the terminal, as in `less`); `S` there saves it into the library so it can
/// have notes. When the output is not a terminal, the clean text is printed.
#[derive(Debug, Parser)]
#[command(name = "gloss", version)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A library folder or one article; `-` for standard input.
    path: Option<PathBuf>,
    /// Settings file to use instead of ~/.config/gloss/config.toml (keymap.toml is read beside it).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Colour and bold when printing text: auto (on a terminal, unless `NO_COLOR` is set), always, never.
    #[arg(long, value_enum, default_value_t = output::ColorChoice::Auto)]
    color: output::ColorChoice,
}

mod annotations;
mod article;
mod completions;
pub mod input;
mod json;
pub mod output;
mod reader;
mod search;
mod select;
mod show;
mod speakers;

use json::{ListJson, Shape, write_records};
use speakers::{corrections, save_corrections};

/// `--json` and `--jsonl`, shared by every command that prints records.
#[derive(Debug, Clone, Copy, clap::Args)]
struct JsonArgs {
    /// Print JSON (docs/json.md): an object for one article, an array for several or a folder.
    #[arg(long)]
    json: bool,
    /// Print one JSON record per line, one per article (with its path).
    #[arg(long, conflicts_with = "json")]
    jsonl: bool,
}

impl JsonArgs {
    /// How to write records, or `None` for text.
    fn shape(self, many: bool) -> Option<Shape> {
        if self.jsonl {
            Some(Shape::Lines)
        } else if self.json {
            Some(if many { Shape::Array } else { Shape::One })
        } else {
            None
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Highlights and notes: list, add, export.
    Annotations {
        #[command(subcommand)]
        command: annotations::AnnotationsCommand,
    },
    /// Print a completion script for SHELL (see the README for where to put it).
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff): `gloss man > ~/.local/share/man/man1/gloss.1`.
    Man,
    /// Validate every sidecar, re-anchor every note, report what needs review (exit 1 if anything does).
    Check {
        /// A library folder or one article (default: ./gloss.toml's library, or the current folder).
        path: Option<PathBuf>,
    },
    /// List the articles of a library with their metadata.
    List {
        /// A library folder or one article (default: ./gloss.toml's library, or the current folder).
        path: Option<PathBuf>,
        #[command(flatten)]
        json: JsonArgs,
        /// Order of the list.
        #[arg(long, default_value = "title", value_parser = clap::builder::PossibleValuesParser::new(SortKey::NAMES))]
        sort: String,
        /// Colour and bold: auto (on a terminal, unless `NO_COLOR` is set), always, never.
        #[arg(long, value_enum, default_value_t = output::ColorChoice::Auto)]
        color: output::ColorChoice,
    },
    /// Everyone who speaks in the library: articles, turns, words, first and last date.
    ///
    /// The same person under different name forms is one; roles (Moderator, Q…) stay per
    /// article. Corrections are saved in the library's annotations/people.toml.
    People {
        /// A library folder (default: ./gloss.toml's library, or the current folder).
        path: Option<PathBuf>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// List the roles of each article too.
        #[arg(long)]
        roles: bool,
        /// Make person FROM the same as INTO (names or aliases).
        #[arg(long, num_args = 2, value_names = ["FROM", "INTO"])]
        merge: Vec<String>,
        /// Make the speakers called NAME (in any article) a person of their own.
        #[arg(long, value_name = "NAME")]
        split: Vec<String>,
        /// Rename person FROM to TO; the old name stays an alias.
        #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
        rename: Vec<String>,
    },
    /// Search every article's text: words, "phrases", prefix*, and the filters
    /// speaker:"Name", after:YYYY-MM-DD, before:YYYY-MM-DD (both inclusive), source:NAME,
    /// kind:transcript|news.
    Search {
        /// The query (quote it for the shell: gloss search 'tariff speaker:"Karine Jean-Pierre"').
        query: String,
        /// A library folder (default: ./gloss.toml's library, or the current folder).
        path: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// The other articles of the library that quote or paraphrase a passage of FILE: exact
    /// quotes first (six or more words in a row), then close paraphrases.
    Quoted {
        /// An article of the library.
        file: PathBuf,
        /// A UTF-8 byte offset into FILE's normalised text (as `gloss show --json` gives it):
        /// the passage there is looked for.
        #[arg(long, value_name = "OFFSET")]
        at: usize,
        /// The library folder (default: ./gloss.toml's library, or the current folder).
        #[arg(long, value_name = "PATH")]
        library: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Print an article as clean text: title, date and source first, web boilerplate left out.
    Show {
        /// Article files or folders of articles.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Wrap to this many display columns (default: the terminal's width up to 90, or 80 in a pipe).
        #[arg(long, value_parser = clap::value_parser!(u16).range(10..))]
        width: Option<u16>,
        #[command(flatten)]
        json: JsonArgs,
        /// Include the web boilerplate (menus, share buttons…) that is normally hidden.
        #[arg(long)]
        boilerplate: bool,
        /// Keep only this speaker's passages; repeatable. A name or alias (any case; an alias several
        /// people share selects them all), else a unique whole word of a name.
        #[arg(long, value_name = "NAME")]
        speaker: Vec<String>,
        /// Colour and bold: auto (on a terminal, unless `NO_COLOR` is set), always, never.
        #[arg(long, value_enum, default_value_t = output::ColorChoice::Auto)]
        color: output::ColorChoice,
    },
    /// Who speaks in an article: turns, words, share of words, first appearance.
    ///
    /// Corrections are saved in the article's sidecar (`[speakers]` table) and
    /// applied every time the article loads.
    Speakers {
        /// Article files or folders of articles (corrections need exactly one file).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        json: JsonArgs,
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
    #[error(
        "standard input has no file to keep corrections or notes beside; save it to a file first (`cmd > talk.txt`)"
    )]
    NoFile,
    #[error("some notes need review (see above)")]
    NeedsReview,
    #[error("--reassign: {offset:?} is not a byte offset (a whole number)")]
    BadOffset { offset: String },
    #[error(transparent)]
    Index(#[from] crate::index::IndexError),
    #[error("{0}")]
    People(String),
    #[error("{file}: {reason}")]
    Passage { file: String, reason: String },
    #[error("give either a command or a path, not both (gloss --help)")]
    PathAndCommand,
    #[error("{file}: no speaker called {name:?} (speakers: {known})")]
    UnknownSpeaker { file: String, name: String, known: String },
    #[error("{file}: {name:?} could be several speakers ({candidates}); give a full name")]
    AmbiguousSpeaker { file: String, name: String, candidates: String },
    #[error("no colour called {name:?} (colours: {known})")]
    UnknownColour { name: String, known: String },
    #[error("{path}: nothing to export ({why})")]
    NothingToExport { path: String, why: String },
    #[error("{file}: the note was not saved: {reason}")]
    NotSaved { file: String, reason: String },
    #[error("{file}: corrections refused, nothing saved: {problems}")]
    BadCorrections { file: String, problems: String },
    #[error("{0}")]
    Usage(String),
}

/// Parses the arguments, runs the command and maps the outcome to an exit code.
#[must_use]
pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(hint) = unknown_command(&args) {
        eprintln!("gloss: {hint}");
        return ExitCode::from(2);
    }
    let cli = Cli::parse_from(args);
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(CliError::Usage(message)) => {
            eprintln!("gloss: {message}");
            ExitCode::from(2)
        }
        Err(err) => {
            eprintln!("gloss: {err}");
            ExitCode::FAILURE
        }
    }
}

/// When the first word is neither a command nor an existing file and reads
/// like a mistyped command (no folder separator, no extension), the message
/// naming the nearest command.
#[must_use]
pub fn unknown_command(args: &[std::ffi::OsString]) -> Option<String> {
    use clap::CommandFactory;
    let mut words = args.iter().skip(1);
    let first = loop {
        let word = words.next()?.to_str()?;
        match word {
            "--" => return None,
            "--config" => {
                words.next();
            }
            w if w.starts_with('-') => {}
            w => break w,
        }
    };
    let command = Cli::command();
    let names: Vec<&str> = command.get_subcommands().map(clap::Command::get_name).chain(["help"]).collect();
    if names.contains(&first) || first.contains(['/', '\\', '.']) || Path::new(first).exists() {
        return None;
    }
    let nearest = names.iter().min_by_key(|name| crate::text::edit_distance(&first.to_lowercase(), name))?;
    Some(format!(
        "{}: no such command or file; did you mean `gloss {nearest}`? (commands: {})",
        sanitise_line(first),
        names.join(", ")
    ))
}

/// Every command reports a missing file or folder in the same words, with
/// the path as typed.
fn must_exist(path: Option<&Path>) -> Result<(), CliError> {
    match path {
        Some(path) if std::fs::metadata(path).is_err() && !path.as_os_str().is_empty() && !input::is_stdin(path) => {
            Err(LibraryError::Missing { path: display_path(path) }.into())
        }
        _ => Ok(()),
    }
}

fn is_broken_pipe(err: &CliError) -> bool {
    match err {
        CliError::Output(e) => e.kind() == io::ErrorKind::BrokenPipe,
        CliError::Json(e) => e.io_error_kind() == Some(io::ErrorKind::BrokenPipe),
        _ => false,
    }
}

/// Every file or folder the command line names exists (standard input aside).
fn every_path_exists(cli: &Cli) -> Result<(), CliError> {
    must_exist(match &cli.command {
        None => cli.path.as_deref(),
        Some(
            Command::List { path, .. }
            | Command::Check { path }
            | Command::People { path, .. }
            | Command::Search { path, .. },
        ) => path.as_deref(),
        Some(Command::Quoted { file, .. }) => Some(file.as_path()),
        Some(Command::Show { files, .. } | Command::Speakers { files, .. }) => {
            files.iter().try_for_each(|f| must_exist(Some(f)))?;
            None
        }
        Some(Command::Annotations { command }) => {
            command.paths().iter().try_for_each(|f| must_exist(Some(f)))?;
            None
        }
        Some(Command::Completions { .. } | Command::Man) => None,
    })
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<(), CliError> {
    let cwd = std::env::current_dir()?;
    let piped = cli.command.is_none()
        && (cli.path.as_deref().is_some_and(input::is_stdin) || (cli.path.is_none() && input::stdin_has_input()));
    // On a terminal, text piped in opens in the reader as a file would (keys then come from
    // the terminal, as `less` reads them); elsewhere it is printed, as `gloss show -` does.
    let reader = cli.command.is_none() && io::stdout().is_terminal() && (piped || io::stdin().is_terminal());
    // Text for people (not JSON, not the reader) goes through the pager, in colour when allowed.
    let paged = match &cli.command {
        None => !reader,
        Some(Command::List { json, .. } | Command::Show { json, .. }) => !json.json && !json.jsonl,
        Some(_) => false,
    };
    let choice = match &cli.command {
        Some(Command::List { color, .. } | Command::Show { color, .. }) => *color,
        _ => cli.color,
    };
    let color = paged && choice.enabled(std::env::var("NO_COLOR").ok().as_deref(), io::stdout().is_terminal());
    if cli.command.is_some() && cli.path.is_some() {
        // Without clap's conflict rule (which broke `--config F list DIR`), say it here.
        return Err(CliError::PathAndCommand);
    }
    every_path_exists(&cli)?;
    let mut out = output::BoldFirstLine::new(output::Output::open(paged), color);
    match cli.command {
        // `cmd | gloss`, `gloss -` on a terminal: the text on standard input in the reader.
        None if piped && reader => {
            drop(out);
            // Read whole before the terminal is taken: the reader never competes with the pipe.
            let piped = input::read_piped()?;
            return reader::open_reader(None, Some(piped), cli.config.as_deref(), &cwd);
        }
        // `cmd | gloss | …`, `gloss - > file`: the text on standard input, printed.
        None if piped => {
            let keep_questions = user_settings(cli.config.as_deref()).0.keep_questions;
            let json = JsonArgs { json: false, jsonl: false };
            let options =
                show::Options { width: default_width(), json, boilerplate: false, speakers: &[], keep_questions };
            show::run(&mut out, &[PathBuf::from("-")], &cwd, options)
        }
        None if reader => {
            drop(out);
            return reader::open_reader(cli.path.as_deref(), None, cli.config.as_deref(), &cwd);
        }
        // Not a terminal (a pipe, a script): list the library instead.
        None => list(&mut out, cli.path.as_deref(), &cwd, None, SortKey::Title),
        Some(Command::List { path, json, sort, .. }) => {
            let key = sort.parse().unwrap_or_default();
            list(&mut out, path.as_deref(), &cwd, json.shape(true), key)
        }
        Some(Command::Show { files, width, json, boilerplate, speaker, .. }) => {
            let width = width.map_or_else(default_width, usize::from);
            let keep_questions = user_settings(cli.config.as_deref()).0.keep_questions;
            let options = show::Options { width, json, boilerplate, speakers: &speaker, keep_questions };
            show::run(&mut out, &files, &cwd, options)
        }
        Some(Command::Annotations { command }) => {
            let (settings, _, warnings) = user_settings(cli.config.as_deref());
            for warning in warnings {
                eprintln!("gloss: {warning}");
            }
            annotations::run(command, &mut out, &cwd, &settings)
        }
        Some(Command::Search { query, path, json, limit }) => {
            search::search(&mut out, &query, path.as_deref(), &cwd, json, limit)
        }
        Some(Command::Quoted { file, at, library, json, limit }) => {
            search::quoted(&mut out, &file, at, library.as_deref(), &cwd, json, limit)
        }
        Some(Command::People { path, json, roles, merge, split, rename }) => {
            let changes = search::PeopleChanges { merge: &merge, split: &split, rename: &rename };
            search::people(&mut out, path.as_deref(), &cwd, json, roles, &changes)
        }
        Some(Command::Completions { shell }) => Ok(completions::write_completions(&mut out, shell)?),
        Some(Command::Man) => Ok(completions::write_man(&mut out)?),
        Some(Command::Check { path }) => {
            let clean = annotations::check(path.as_deref(), &mut out, &cwd)?;
            out.flush()?;
            if clean { Ok(()) } else { Err(CliError::NeedsReview) }
        }
        Some(Command::Speakers { files, json, merge, rename, reassign }) => {
            let changes = corrections(&merge, &rename, &reassign)?;
            let targets = select::targets(&files, &cwd)?;
            if !changes.is_empty() {
                let [file] = targets.files.as_slice() else {
                    return Err(CliError::Usage("speaker corrections apply to one article at a time".to_owned()));
                };
                save_corrections(file, &cwd, &changes)?;
            }
            speakers::speakers(&mut out, &targets, &cwd, json.shape(targets.many))
        }
    }?;
    out.into_inner()?.finish()?;
    Ok(())
}

/// The user's settings (from `config`, or the usual place), the file they
/// came from, and messages about anything in it that was ignored.
fn user_settings(config: Option<&Path>) -> (Settings, Option<PathBuf>, Vec<String>) {
    let mut warnings = Vec::new();
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
    (settings, config_file, warnings)
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

fn list(
    out: &mut impl Write,
    path: Option<&Path>,
    cwd: &Path,
    shape: Option<Shape>,
    key: SortKey,
) -> Result<(), CliError> {
    let location = config::locate(path, cwd)?;
    for warning in &location.warnings {
        eprintln!("gloss: {warning}");
    }
    let mut articles = library::load(&location.library, location.max_file_bytes)?;
    library::sort(&mut articles, key);
    if let Some(shape) = shape {
        let records: Vec<ListJson> = articles.iter().map(|a| list_record(a, &location, cwd)).collect();
        return write_records(out, &records, shape);
    }
    if articles.is_empty() {
        eprintln!("gloss: {}: no articles ({}) found", display_path(&location.library), library::READS);
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
            pad(&sanitise_line(&title), TITLE),
            meta.date.as_deref().unwrap_or("—"),
            pad(&sanitise_line(meta.source.as_deref().unwrap_or("—")), SOURCE),
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

/// An article's `list --json` record: its metadata, how many notes its
/// sidecar holds, and its speakers after the sidecar's corrections.
fn list_record(article: &library::Article, location: &config::Location, cwd: &Path) -> ListJson {
    let meta = &article.meta;
    let sidecar_path = location.sidecar_for(&article.path);
    let notes = match Sidecar::load(&sidecar_path) {
        Ok(Some(sidecar)) => sidecar.annotations().map_or(0, |a| a.len()),
        _ => 0,
    };
    let (mut speakers, mut top_speaker) = (0, None);
    if meta.error.is_none()
        && let Ok(opened) =
            article::open(&article.path, cwd, article::Want { report: false, ..article::Want::SPEAKERS })
    {
        let a = &opened.attribution;
        speakers = a.speakers.len();
        top_speaker = a.speakers.iter().max_by_key(|s| (s.words, std::cmp::Reverse(s.first))).map(|s| s.name.clone());
    }
    ListJson {
        schema: json::SCHEMA,
        path: select::shown_path(cwd, &article.path),
        title: meta.title.clone(),
        date: meta.date.clone(),
        source: meta.source.clone(),
        words: meta.words,
        reading_minutes: meta.reading_minutes,
        notes,
        speakers,
        top_speaker,
        error: meta.error.clone(),
    }
}

/// Truncates or pads `text` to exactly `cols` display columns.
pub(super) fn pad(text: &str, cols: usize) -> String {
    let cut = truncate_to_width(text, cols);
    let fill = cols.saturating_sub(display_width(&cut));
    format!("{cut}{}", " ".repeat(fill))
}
