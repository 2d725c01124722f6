//! `gloss speakers`: who speaks each article, and corrections to that saved in its sidecar.

use std::io::Write;
use std::path::Path;

use super::json::{Shape, SpeakersJson, write_records};
use super::{CliError, article, input, pad, select};
use crate::config;
use crate::document::normalise::sanitise_line;
use crate::document::{Document, display_path};
use crate::session;
use crate::sidecar::Sidecar;
use crate::speaker::{self, Attribution};

/// The corrections given on the command line, as sidecar overrides.
pub(super) fn corrections(
    merge: &[String],
    rename: &[String],
    reassign: &[String],
) -> Result<speaker::Overrides, CliError> {
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

/// Adds corrections to the article's sidecar (creating it if needed) and
/// saves it, after trying them on the article: a correction that names
/// nobody, or a passage that is not there, is refused and nothing is saved.
pub(super) fn save_corrections(file: &Path, cwd: &Path, changes: &speaker::Overrides) -> Result<(), CliError> {
    if input::is_stdin(file) {
        return Err(CliError::NoFile);
    }
    let doc = Document::load(file)?;
    let location = config::locate(Some(file), cwd)?;
    let article = cwd.join(file);
    let mut overrides = match Sidecar::load(&location.sidecar_for(&article))? {
        Some(existing) => existing.speakers()?,
        None => speaker::Overrides::default(),
    };
    let detected = speaker::detect(&doc);
    let before = overrides.apply(&mut detected.clone(), &doc.text);
    overrides.merge.extend(changes.merge.iter().cloned());
    overrides.rename.extend(changes.rename.iter().cloned());
    overrides.reassign.extend(changes.reassign.iter().cloned());
    let after = overrides.apply(&mut detected.clone(), &doc.text);
    let new: Vec<&String> = after.iter().filter(|p| !before.contains(p)).collect();
    if !new.is_empty() {
        return Err(CliError::BadCorrections {
            file: select::shown_path(cwd, file),
            problems: new.iter().map(|p| p.as_str()).collect::<Vec<_>>().join("; "),
        });
    }
    let path = session::save_corrections(&location, &article, &doc.meta.title, changes)?;
    eprintln!("gloss: saved speaker corrections to {}", display_path(&path));
    Ok(())
}

/// `gloss speakers`: a table per article, or their records.
pub(super) fn speakers(
    out: &mut impl Write,
    targets: &select::Targets,
    cwd: &Path,
    shape: Option<Shape>,
) -> Result<(), CliError> {
    let mut opened = Vec::new();
    for file in &targets.files {
        opened.push(article::open(file, cwd, article::Want::SPEAKERS)?);
    }
    if let Some(shape) = shape {
        let records: Vec<SpeakersJson> = opened.iter().map(SpeakersJson::of).collect();
        return write_records(out, &records, shape);
    }
    for (i, article) in opened.iter().enumerate() {
        if targets.many {
            if i > 0 {
                writeln!(out)?;
            }
            writeln!(out, "==> {} <==", article.path)?;
        }
        write_speaker_table(out, &article.attribution)?;
    }
    Ok(())
}

fn write_speaker_table(out: &mut impl Write, attribution: &Attribution) -> Result<(), CliError> {
    let total = attribution.total_words().max(1);
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
            sanitise_line(&s.aliases.join(", "))
        )?;
    }
    Ok(())
}
