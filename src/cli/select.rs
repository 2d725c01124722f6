//! The rules every command shares: which files a call names, how a path is
//! shown, which speakers `--speaker` names, which colour `--color` names.

use std::path::{Path, PathBuf};

use super::CliError;
use crate::config::settings::Settings;
use crate::document::display_path;
use crate::document::normalise::sanitise_line;
use crate::library;
use crate::sidecar::Colour;
use crate::speaker::{Attribution, SpeakerId, names};

/// The articles a command works on: each file given, and every article
/// inside each folder given, in path order within a folder.
pub(super) struct Targets {
    pub files: Vec<PathBuf>,
    /// More than one file, or a folder: JSON output is then an array.
    pub many: bool,
}

pub(super) fn targets(paths: &[PathBuf], cwd: &Path) -> Result<Targets, CliError> {
    let mut files = Vec::new();
    let mut folder = false;
    for path in paths {
        let full = cwd.join(path);
        if full.is_dir() {
            folder = true;
            let mut found = library::discover(&full)?;
            found.sort();
            files.extend(found);
        } else {
            // Kept as typed: a missing file is reported by whoever opens it, in the one sentence every command uses.
            files.push(path.clone());
        }
    }
    Ok(Targets { many: folder || files.len() > 1, files })
}

/// The one rule for `path` in every output: relative to the current folder
/// when the article is inside it, otherwise absolute; `/` separators. A
/// script can hand it straight back to gloss from the same folder.
pub(super) fn shown_path(cwd: &Path, file: &Path) -> String {
    let full = cwd.join(file);
    let shown = full.strip_prefix(cwd).map_or(full.as_path(), |rel| rel);
    let shown = display_path(shown).replace('\\', "/");
    if shown.is_empty() { ".".to_owned() } else { shown }
}

/// Which speakers `--speaker NAME` names, by one rule in every command:
/// every speaker whose canonical name or alias is NAME (any case; an alias
/// several people share selects all of them); failing that, the one speaker
/// with NAME as a whole word of a name or alias. Several whole-word matches
/// are an error that lists them; none is an error that lists the speakers.
pub(super) fn speakers_named(attribution: &Attribution, name: &str, file: &str) -> Result<Vec<SpeakerId>, CliError> {
    let all = || (0..attribution.speakers.len()).map(SpeakerId);
    let exact: Vec<SpeakerId> = all().filter(|id| attribution.speakers[id.0].answers_to(name)).collect();
    if !exact.is_empty() {
        return Ok(exact);
    }
    let wanted = names::key(name);
    let partial: Vec<SpeakerId> = all()
        .filter(|id| {
            let s = &attribution.speakers[id.0];
            !wanted.is_empty()
                && std::iter::once(&s.name).chain(&s.aliases).any(|n| {
                    let key = names::key(n);
                    key == wanted
                        || key.split(' ').any(|w| w == wanted)
                        || key.contains(&format!(" {wanted} "))
                        || key.starts_with(&format!("{wanted} "))
                        || key.ends_with(&format!(" {wanted}"))
                })
        })
        .collect();
    let list = |ids: &[SpeakerId]| ids.iter().map(|id| attribution.speakers[id.0].name.as_str()).collect::<Vec<_>>();
    match partial.len() {
        1 => Ok(partial),
        0 => {
            let known = list(&attribution.by_appearance());
            Err(CliError::UnknownSpeaker {
                file: file.to_owned(),
                name: sanitise_line(name).into_owned(),
                known: if known.is_empty() { "none".to_owned() } else { known.join(", ") },
            })
        }
        _ => Err(CliError::AmbiguousSpeaker {
            file: file.to_owned(),
            name: sanitise_line(name).into_owned(),
            candidates: list(&partial).join(", "),
        }),
    }
}

/// The speakers all the `--speaker` names select, or `None` when none is given.
pub(super) fn speaker_filter(
    attribution: &Attribution,
    names: &[String],
    file: &str,
) -> Result<Option<Vec<SpeakerId>>, CliError> {
    if names.is_empty() {
        return Ok(None);
    }
    let mut ids = Vec::new();
    for name in names {
        ids.extend(speakers_named(attribution, name, file)?);
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(Some(ids))
}

/// The colour `--color` names: a colour name or what it means in the
/// settings ("check this" as well as "blue"), any case.
pub(super) fn colour_named(name: &str, settings: &Settings) -> Result<Colour, CliError> {
    let wanted = name.trim();
    Colour::from_name(wanted)
        .or_else(|| Colour::ALL.into_iter().find(|c| settings.meaning(*c).trim().eq_ignore_ascii_case(wanted)))
        .ok_or_else(|| CliError::UnknownColour {
            name: sanitise_line(name).into_owned(),
            known: Colour::ALL
                .iter()
                .map(|c| format!("{} ({})", c.name(), settings.meaning(*c)))
                .collect::<Vec<_>>()
                .join(", "),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speaker::Speaker;

    fn attribution(names: &[(&str, &[&str])]) -> Attribution {
        Attribution {
            speakers: names
                .iter()
                .map(|(name, aliases)| Speaker {
                    name: (*name).to_owned(),
                    aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
                    turns: 1,
                    words: 1,
                    first: 0,
                })
                .collect(),
            passages: Vec::new(),
        }
    }

    #[test]
    fn one_rule_for_speaker_names() {
        let a = attribution(&[
            ("Cate Cadell", &["Q"]),
            ("Ana Ruiz", &["Q", "RUIZ"]),
            ("Ana Lindqvist", &[]),
            ("王小明", &["王"]),
            ("Marit Solvang-Reyes", &[]),
        ]);
        let cases: &[(&str, Result<&[usize], &str>)] = &[
            ("cate cadell", Ok(&[0])),
            ("Q", Ok(&[0, 1])),
            ("ruiz", Ok(&[1])),
            ("Ana", Err("several speakers")),
            ("王", Ok(&[3])),
            ("Solvang-Reyes", Ok(&[4])),
            ("Nobody", Err("no speaker called")),
            ("", Err("no speaker called")),
        ];
        for (name, want) in cases {
            let got = speakers_named(&a, name, "a.txt");
            match (got, want) {
                (Ok(ids), Ok(want)) => assert_eq!(ids.iter().map(|i| i.0).collect::<Vec<_>>(), *want, "{name:?}"),
                (Err(err), Err(want)) => assert!(err.to_string().contains(want), "{name:?}: {err}"),
                (got, want) => panic!("{name:?}: got {:?}, want {want:?}", got.map_err(|e| e.to_string())),
            }
        }
    }

    #[test]
    fn colours_by_name_or_meaning() {
        let settings = Settings::default();
        let meaning = settings.meaning(Colour::Blue).to_uppercase();
        assert_eq!(colour_named("BLUE", &settings).unwrap(), Colour::Blue);
        assert_eq!(colour_named(&meaning, &settings).unwrap(), Colour::Blue);
        assert!(colour_named("teal", &settings).unwrap_err().to_string().contains("blue ("));
    }
}
