//! Settings: the built-in `assets/default-config.toml`, patched by the user's
//! `config.toml`. Unknown keys and bad values are reported with the file and
//! line; gloss still starts, with the default for anything it could not use.

use std::path::{Path, PathBuf};

use crate::sidecar::Colour;

/// The built-in settings file.
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/default-config.toml");

/// Colours for a dark or a light terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeName {
    Dark,
    Light,
}

/// What happens to the passages of speakers filtered out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterMode {
    Hide,
    Dim,
}

/// Everything the user can set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The widest a line of text may be, in display columns.
    pub max_width: u16,
    /// Columns of space on each side of the text.
    pub margin: u16,
    pub theme: ThemeName,
    pub filter_mode: FilterMode,
    pub keep_questions: bool,
    /// `y` copies through the terminal (OSC 52), which reaches the clipboard over SSH too.
    pub osc52: bool,
    /// What each highlight colour means to the reader, in [`Colour::ALL`] order:
    /// shown in the legend, the notes list and exports.
    pub colour_meanings: [String; 5],
}

/// The meanings shipped in `assets/default-config.toml`.
fn default_meanings() -> [String; 5] {
    ["key point", "agree", "check this", "disagree", "follow up"].map(str::to_owned)
}

impl Settings {
    /// What `colour` means, as the user set it.
    #[must_use]
    pub fn meaning(&self, colour: Colour) -> &str {
        let index = Colour::ALL.iter().position(|c| *c == colour).unwrap_or(0);
        &self.colour_meanings[index]
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            max_width: 90,
            margin: 2,
            theme: ThemeName::Dark,
            filter_mode: FilterMode::Hide,
            keep_questions: true,
            osc52: true,
            colour_meanings: default_meanings(),
        }
    }
}

impl Settings {
    /// The built-in settings, patched by `user` (text and file name) if given;
    /// returns messages about what was ignored.
    #[must_use]
    pub fn load(user: Option<(&str, &str)>) -> (Self, Vec<String>) {
        let mut settings = Self::default();
        let mut warnings = settings.patch(DEFAULT_CONFIG, "built-in config");
        debug_assert!(warnings.is_empty(), "the built-in config is valid: {warnings:?}");
        if let Some((text, file)) = user {
            warnings.extend(settings.patch(text, file));
        }
        (settings, warnings)
    }

    fn patch(&mut self, text: &str, file: &str) -> Vec<String> {
        let line_of = |span: Option<std::ops::Range<usize>>| {
            span.map_or(0, |s| text[..s.start.min(text.len())].matches('\n').count() + 1)
        };
        let document: toml_edit::Document<String> = match text.parse() {
            Ok(d) => d,
            Err(e) => {
                let message = e.message().lines().next().unwrap_or("").to_owned();
                return vec![format!("{file}:{}: {message} (settings not applied)", line_of(e.span()))];
            }
        };
        let mut warnings = Vec::new();
        for (section, item) in document.as_table() {
            let Some(table) = item.as_table() else {
                warnings.push(format!("{file}:{}: unknown setting `{section}`", line_of(item.span())));
                continue;
            };
            for (key, value) in table {
                let line = line_of(value.span());
                let problem = match (section, key) {
                    ("reader", "max_width") => set_number(value, 20, 500, &mut self.max_width),
                    ("reader", "margin") => set_number(value, 0, 20, &mut self.margin),
                    ("theme", "name") => match value.as_str() {
                        Some("dark") => {
                            self.theme = ThemeName::Dark;
                            None
                        }
                        Some("light") => {
                            self.theme = ThemeName::Light;
                            None
                        }
                        _ => Some("must be \"dark\" or \"light\"".to_owned()),
                    },
                    ("speakers", "filter_mode") => match value.as_str() {
                        Some("hide") => {
                            self.filter_mode = FilterMode::Hide;
                            None
                        }
                        Some("dim") => {
                            self.filter_mode = FilterMode::Dim;
                            None
                        }
                        _ => Some("must be \"hide\" or \"dim\"".to_owned()),
                    },
                    ("reader", "osc52") => match value.as_bool() {
                        Some(b) => {
                            self.osc52 = b;
                            None
                        }
                        None => Some("must be true or false".to_owned()),
                    },
                    ("speakers", "keep_questions") => match value.as_bool() {
                        Some(b) => {
                            self.keep_questions = b;
                            None
                        }
                        None => Some("must be true or false".to_owned()),
                    },
                    ("highlights", colour) => match (Colour::from_name(colour), value.as_str()) {
                        (None, _) => Some("unknown colour (yellow, green, blue, pink, purple)".to_owned()),
                        (Some(_), None) => Some("must be a short text".to_owned()),
                        (Some(c), Some(meaning)) => {
                            let index = Colour::ALL.iter().position(|x| *x == c).unwrap_or(0);
                            self.colour_meanings[index] =
                                crate::document::normalise::sanitise_line(meaning.trim()).chars().take(40).collect();
                            None
                        }
                    },
                    _ => Some("unknown setting, ignored".to_owned()),
                };
                if let Some(problem) = problem {
                    warnings.push(format!("{file}:{line}: {section}.{key}: {problem}"));
                }
            }
        }
        warnings
    }
}

fn set_number(value: &toml_edit::Item, min: i64, max: i64, target: &mut u16) -> Option<String> {
    match value.as_integer() {
        Some(n) if (min..=max).contains(&n) => {
            *target = u16::try_from(n).unwrap_or(*target);
            None
        }
        _ => Some(format!("must be a whole number from {min} to {max}")),
    }
}

/// The folder of the user's `config.toml` and `keymap.toml`: `~/.config/gloss` on Linux.
#[must_use]
pub fn user_config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("gloss"))
}

/// Reads a user file if it exists; a file that cannot be read is a warning.
#[must_use]
pub fn read_user_file(path: &Path, warnings: &mut Vec<String>) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            warnings.push(format!("{}: {e}", crate::document::display_path(path)));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_settings_parse() {
        let (settings, warnings) = Settings::load(None);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(settings, Settings::default());
    }

    #[test]
    fn user_files_patch_and_bad_values_are_reported_by_line() {
        let cases: &[(&str, Settings, &[&str])] = &[
            ("[reader]\nmax_width = 72\n", Settings { max_width: 72, ..Settings::default() }, &[]),
            ("[theme]\nname = \"light\"\n", Settings { theme: ThemeName::Light, ..Settings::default() }, &[]),
            (
                "[reader]\nmax_width = 5\n",
                Settings::default(),
                &["c.toml:2: reader.max_width: must be a whole number from 20 to 500"],
            ),
            ("[speakers]\nfilter_mode = \"blur\"\n", Settings::default(), &["c.toml:2: speakers.filter_mode"]),
            ("[reader]\nmargn = 3\n", Settings::default(), &["c.toml:2: reader.margn: unknown setting"]),
            ("[reader\n", Settings::default(), &["c.toml:1:"]),
            ("[theme]\nname = \"日本\"\n", Settings::default(), &["c.toml:2: theme.name"]),
            (
                "[highlights]\ngreen = \"証拠 ✅\"\n",
                Settings {
                    colour_meanings: ["key point", "証拠 ✅", "check this", "disagree", "follow up"].map(str::to_owned),
                    ..Settings::default()
                },
                &[],
            ),
            ("[highlights]\nteal = \"x\"\n", Settings::default(), &["c.toml:2: highlights.teal: unknown colour"]),
            ("[highlights]\nblue = 3\n", Settings::default(), &["c.toml:2: highlights.blue: must be a short text"]),
        ];
        for (text, want, messages) in cases {
            let (got, warnings) = Settings::load(Some((text, "c.toml")));
            assert_eq!(&got, want, "{text:?}");
            assert_eq!(warnings.len(), messages.len(), "{text:?}: {warnings:?}");
            for (w, m) in warnings.iter().zip(messages.iter()) {
                assert!(w.starts_with(m), "{w:?} should start with {m:?}");
            }
        }
    }
}
