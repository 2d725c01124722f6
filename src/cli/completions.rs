//! `gloss completions SHELL` and `gloss man`: shell completions and a manual
//! page generated from the same clap definitions as the parser, so they never
//! drift from the options gloss really takes.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

/// Writes the completion script for `shell`.
pub(super) fn write_completions(out: &mut impl Write, shell: Shell) -> io::Result<()> {
    let mut command = Cli::command();
    // Generated into a buffer first: clap_complete writes through `&mut dyn Write` and
    // cannot report a closed pipe itself.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "gloss", &mut script);
    out.write_all(&script)
}

/// Writes the manual page (roff), with one section per subcommand.
pub(super) fn write_man(out: &mut impl Write) -> io::Result<()> {
    let command = Cli::command();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    write_subcommands(out, &command, "gloss")?;
    man.render_extra_section(out)?;
    man.render_version_section(out)?;
    man.render_authors_section(out)
}

/// One section per subcommand (and per subcommand of those), each with its
/// synopsis and options.
fn write_subcommands(out: &mut impl Write, parent: &clap::Command, prefix: &str) -> io::Result<()> {
    for sub in parent.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        let name = format!("{prefix} {}", sub.get_name());
        writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
        let page = clap_mangen::Man::new(sub.clone().bin_name(name.clone()));
        let mut section = Vec::new();
        page.render_description_section(&mut section)?;
        page.render_synopsis_section(&mut section)?;
        page.render_options_section(&mut section)?;
        out.write_all(&without_heading(&section))?;
        write_subcommands(out, sub, &name)?;
    }
    Ok(())
}

/// A subcommand's sections as subsections (`.SS`) under the subcommand's own
/// heading; the description needs no heading of its own.
fn without_heading(roff: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(roff.len());
    let mut dropped = false;
    for line in roff.split_inclusive(|b| *b == b'\n') {
        if !dropped && line.starts_with(b".SH") {
            dropped = true;
        } else if let Some(rest) = line.strip_prefix(b".SH") {
            out.extend_from_slice(b".SS");
            out.extend_from_slice(rest);
        } else {
            out.extend_from_slice(line);
        }
    }
    out
}
