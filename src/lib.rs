//! gloss: a terminal reader for articles and transcripts that knows who
//! speaks every passage.
//!
//! **Pure core** (no terminal, no ratatui or crossterm; strings in, values out):
//! - [`text`]: byte ranges, display widths, soft wrapping
//! - [`document`]: decoding, normalising, sanitising, parsing into a [`document::Document`]
//! - [`library`]: a folder of articles and their metadata
//! - [`config`]: settings from `gloss.toml`
//!
//! **Shell** (talks to the outside world):
//! - [`cli`]: the command line, over the same core

pub mod anchor;
pub mod app;
pub mod cli;
pub mod config;
pub mod document;
pub mod library;
pub mod notes;
pub mod sidecar;
pub mod speaker;
pub mod text;
pub mod tui;
