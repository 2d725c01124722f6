//! gloss: a terminal reader for articles and transcripts that knows who
//! speaks every passage.
//!
//! **Pure core** (no terminal, no ratatui or crossterm, never imports the
//! app layer or a shell; strings in, values out, plus file I/O on explicit paths):
//! - [`text`]: byte ranges, display widths, soft wrapping, cursor motions
//! - [`parallel`]: passes over a big text split across two cores
//! - [`document`]: decoding, normalising, sanitising, parsing into a [`document::Document`]
//! - [`speaker`]: who speaks each passage, corrections, the speaker filter's rule
//! - [`anchor`]: selectors for a passage, and finding it again after edits
//! - [`sidecar`]: the TOML file beside each article: notes, corrections, position
//! - [`notes`]: resolved annotations, export, re-linking renamed articles
//! - [`library`]: a folder of articles and their metadata
//! - [`config`]: where the library and its notes are, settings from `gloss.toml`
//! - [`session`]: the one way to open an article (with its corrected speakers and
//!   notes) and to save it; the library as a whole; reading positions
//! - [`people`]: persons across the library, name forms merged, roles kept per article
//! - [`index`]: the library's search index (tantivy), one entry per passage
//!
//! **App layer** (terminal-free; state changes in one place):
//! - [`app`]: `Action`, `AppState`, `update(&mut AppState, Action) -> Vec<Effect>`, the keymap
//! - [`perform`]: carries out an `Effect` through [`session`] and reports back with actions
//!
//! **Shell** (talks to the outside world):
//! - [`tui`]: the terminal reader: event loop, worker threads, drawing
//! - [`cli`]: the command line, over the same core

pub mod anchor;
pub mod app;
pub mod cli;
pub mod config;
pub mod document;
pub mod index;
pub mod library;
pub mod notes;
pub mod parallel;
pub mod people;
pub mod perform;
pub mod session;
pub mod sidecar;
pub mod speaker;
pub mod text;
pub mod tui;
