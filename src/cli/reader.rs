//! The full-screen reader, started from the command line: on a library
//! folder, one article, or the text read from standard input.

use std::path::Path;

use super::{CliError, user_settings};
use crate::app::keymap::Keymap;
use crate::config::{self, settings};
use crate::document::display_path;
use crate::library::LibraryError;

/// Starts the full-screen reader on `path`, or on text read from standard
/// input (then the library is where saving it puts it: ./gloss.toml's, or
/// the current folder).
pub(super) fn open_reader(
    path: Option<&Path>,
    stdin: Option<crate::app::stdin::Piped>,
    config: Option<&Path>,
    cwd: &Path,
) -> Result<(), CliError> {
    let location = config::locate(path, cwd)?;
    if stdin.is_none() && !location.library.exists() {
        return Err(LibraryError::Missing { path: display_path(&location.library) }.into());
    }
    let mut warnings = location.warnings.clone();
    let (settings, config_file, more) = user_settings(config);
    warnings.extend(more);
    let keymap_file = config_file.as_deref().and_then(Path::parent).map(|d| d.join("keymap.toml"));
    let keymap_text = keymap_file.as_deref().and_then(|f| settings::read_user_file(f, &mut warnings));
    let keymap_name = keymap_file.as_deref().map(display_path).unwrap_or_default();
    let (keymap, more) = Keymap::load(keymap_text.as_deref().map(|t| (t, keymap_name.as_str())));
    warnings.extend(more);
    crate::tui::run(crate::tui::Launch { location, settings, keymap, warnings, stdin })?;
    Ok(())
}
