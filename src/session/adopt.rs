//! Taking text that arrived without a file (standard input) into the
//! library: written under a name made from its title, beside the library's
//! articles, so it can have a sidecar and notes like any of them. An
//! existing file is never overwritten: the name gets `-2`, `-3`… instead.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::Location;
use crate::document::display_path;

/// The longest a name made from a title may be, in **chars**, before the extension.
const SLUG_CHARS: usize = 60;

/// The name given to text whose title makes no name (only punctuation, or none).
const UNTITLED: &str = "standard-input";

/// How many numbered names are tried before giving up (a folder full of them is a mistake).
const MAX_TRIES: usize = 10_000;

/// Why the text could not be written into the library.
#[derive(Debug, thiserror::Error)]
pub enum AdoptError {
    #[error("{folder}: cannot save the text there: {source}")]
    Io {
        folder: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{folder}: no free name for {name}")]
    NoName { folder: String, name: String },
}

/// The folder new articles go in: the library folder (the one an article
/// given as the library lies in).
#[must_use]
pub fn folder(location: &Location) -> PathBuf {
    if location.library.is_file() {
        location.library.parent().map_or_else(|| location.root.clone(), Path::to_path_buf)
    } else {
        location.library.clone()
    }
}

/// "Harbour Hour: Ep. 12 — 港の話 🎙" → "harbour-hour-ep-12-港の話": letters and
/// digits of any script, lowercased, every run of anything else one `-`,
/// at most [`SLUG_CHARS`] characters; [`UNTITLED`] when nothing is left.
#[must_use]
pub fn slug(title: &str) -> String {
    let mut slug = String::new();
    let mut chars = 0;
    for c in title.chars() {
        if chars >= SLUG_CHARS {
            break;
        }
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
            chars += 1;
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
            chars += 1;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() { UNTITLED.to_owned() } else { slug.to_owned() }
}

/// Writes `bytes` into the library as `<slug of title>.<extension>` (or
/// `-2`, `-3`… when that name is taken) and returns the new file. The bytes
/// go to a temporary file first, synced, then get their name by a hard link,
/// which fails rather than replace a file; where links are not possible the
/// file is created only if absent.
pub fn save_text(location: &Location, title: &str, extension: &str, bytes: &[u8]) -> Result<PathBuf, AdoptError> {
    let folder = folder(location);
    let shown = display_path(&folder);
    let io = |source| AdoptError::Io { folder: shown.clone(), source };
    std::fs::create_dir_all(&folder).map_err(io)?;
    let stem = slug(title);
    let names =
        (1..=MAX_TRIES).map(|n| if n == 1 { format!("{stem}.{extension}") } else { format!("{stem}-{n}.{extension}") });
    let temp = folder.join(format!(".{stem}.{}.gloss-new", std::process::id()));
    let written = write_synced(&temp, bytes);
    if let Err(err) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(io(err));
    }
    let mut linked = None;
    let mut link_failed = false;
    for name in names.clone() {
        let target = folder.join(&name);
        match std::fs::hard_link(&temp, &target) {
            Ok(()) => {
                linked = Some(target);
                break;
            }
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(_) => {
                link_failed = true;
                break;
            }
        }
    }
    let _ = std::fs::remove_file(&temp);
    if let Some(path) = linked {
        sync_folder(&folder);
        return Ok(path);
    }
    if link_failed {
        // A file system without hard links: create the file only if it is not there.
        for name in names {
            let target = folder.join(&name);
            match std::fs::OpenOptions::new().write(true).create_new(true).open(&target) {
                Ok(mut file) => {
                    let result = file.write_all(bytes).and_then(|()| file.sync_all());
                    if let Err(err) = result {
                        let _ = std::fs::remove_file(&target);
                        return Err(io(err));
                    }
                    sync_folder(&folder);
                    return Ok(target);
                }
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(err) => return Err(io(err)),
            }
        }
    }
    Err(AdoptError::NoName { folder: shown, name: format!("{stem}.{extension}") })
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Makes the new name durable; a folder that cannot be synced (some file systems) is left as it is.
fn sync_folder(folder: &Path) {
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_make_file_names() {
        let cases: &[(&str, &str)] = &[
            ("Harbour Hour: Ep. 12", "harbour-hour-ep-12"),
            ("  The Ferry (at Six)!  ", "the-ferry-at-six"),
            ("港の話 🎙 今夜", "港の話-今夜"),
            ("Ünïcödé Straße", "ünïcödé-straße"),
            ("../../etc/passwd", "etc-passwd"),
            ("🎙🎙", UNTITLED),
            ("", UNTITLED),
            ("a\u{1b}[31mb", "a-31mb"),
        ];
        for (title, want) in cases {
            assert_eq!(slug(title), *want, "{title:?}");
        }
        assert_eq!(slug(&"word ".repeat(40)).chars().count(), SLUG_CHARS - 1);
    }

    fn location(dir: &Path) -> Location {
        crate::config::locate(None, dir).unwrap()
    }

    #[test]
    fn saving_never_overwrites_and_numbers_the_name() {
        let dir = tempfile::tempdir().unwrap();
        let location = location(dir.path());
        std::fs::write(dir.path().join("harbour-hour.txt"), "already here").unwrap();
        let first = save_text(&location, "Harbour Hour", "txt", "HOST: 港 🎙\n".as_bytes()).unwrap();
        assert_eq!(first, dir.path().join("harbour-hour-2.txt"));
        let second = save_text(&location, "Harbour Hour", "txt", b"again").unwrap();
        assert_eq!(second, dir.path().join("harbour-hour-3.txt"));
        assert_eq!(std::fs::read_to_string(dir.path().join("harbour-hour.txt")).unwrap(), "already here");
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "HOST: 港 🎙\n");
        // No temporary file is left behind.
        let names: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
        assert!(names.iter().all(|n| !n.contains("gloss-new")), "{names:?}");
    }

    #[test]
    fn the_configured_library_is_where_it_goes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("gloss.toml"), "library = \"articles\"\n").unwrap();
        let saved = save_text(&location(dir.path()), "Night Trains", "md", b"# Night Trains\n").unwrap();
        assert_eq!(saved, dir.path().join("articles/night-trains.md"));
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_that_cannot_be_written_is_an_error_naming_it() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
        // Root can write anywhere: nothing to check then.
        if std::fs::write(locked.join("probe"), b"").is_ok() {
            return;
        }
        let err = save_text(&location(&locked), "T", "txt", b"x").unwrap_err().to_string();
        assert!(err.contains("locked") && err.contains("cannot save"), "{err}");
    }
}
