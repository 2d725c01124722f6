//! Writing sidecars safely: a temporary file in the same folder, flushed to
//! disk, renamed over the old file, and the folder flushed too, so a crash
//! leaves either the old or the new file and never half of one. There is no
//! in-place fallback: a failed save leaves the old file as it was.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::SidecarError;
use crate::document::display_path;

/// Prefix of temporary files, so stale ones can be found and removed.
pub const TEMP_PREFIX: &str = ".gloss-tmp-";

fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = format!("{TEMP_PREFIX}{}-{name}", std::process::id());
    // A long sidecar name plus the prefix can pass the file system's
    // 255-byte limit; the hash keeps it apart from other sidecars' temporaries.
    if temp.len() <= 255 {
        return path.with_file_name(temp);
    }
    let hash = crate::text::fnv1a(name.as_bytes());
    path.with_file_name(format!("{TEMP_PREFIX}{}-{hash:016x}", std::process::id()))
}

/// Replaces `path` with `bytes` atomically. Refuses to write through a symbolic link.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), SidecarError> {
    let shown = display_path(path);
    let io = |source| SidecarError::Io { path: shown.clone(), source };
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(SidecarError::Symlink { path: shown.clone() });
    }
    // The rename would replace a read-only file without complaint (and root
    // ignores the bit anyway): the reader marked it so, and it is kept.
    if fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Err(SidecarError::ReadOnly { path: shown.clone() });
    }
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(folder).map_err(io)?;
    let temp = temp_path(path);
    let written = (|| {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        File::open(folder)?.sync_all()
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written.map_err(io)
}

/// Name of the lock file that serialises saves within one sidecar folder.
pub const LOCK_FILE: &str = ".gloss-lock";

/// Takes an exclusive advisory lock for saving `path`, released when the
/// returned file is dropped (or the process dies, so a killed save never
/// leaves it held). `None` when the folder cannot hold a lock file: the
/// save itself will then report why.
#[must_use]
pub fn lock_folder(path: &Path) -> Option<File> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(folder).ok()?;
    let lock = OpenOptions::new().create(true).truncate(false).write(true).open(folder.join(LOCK_FILE)).ok()?;
    lock.lock().ok()?;
    Some(lock)
}

/// Removes temporary files left by saves that were interrupted.
pub fn clean_stale_temps(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) && path.is_file() {
            let _ = fs::remove_file(&path);
        } else if path.is_dir() && !entry.file_type().is_ok_and(|t| t.is_symlink()) {
            clean_stale_temps(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_and_leave_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/記事.txt.toml");
        atomic_write(&path, b"one = 1\n").unwrap();
        atomic_write(&path, "two = \"二 👍\"\n".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two = \"二 👍\"\n");
        let names: Vec<String> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["記事.txt.toml"]);
    }

    #[test]
    fn a_name_near_the_limit_still_gets_a_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("{}.toml", "n".repeat(250)));
        atomic_write(&path, b"x = 1\n").unwrap();
        atomic_write(&path, b"x = 2\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "x = 2\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary left behind");
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside.toml");
        fs::write(&outside, "keep = true\n").unwrap();
        let link = dir.path().join("a.txt.toml");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        let err = atomic_write(&link, b"x = 1\n").unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(fs::read_to_string(&outside).unwrap(), "keep = true\n");
    }

    #[test]
    fn stale_temporaries_are_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        fs::write(dir.path().join(format!("{TEMP_PREFIX}1-a.toml")), "x").unwrap();
        fs::write(dir.path().join(format!("sub/{TEMP_PREFIX}2-b.toml")), "x").unwrap();
        fs::write(dir.path().join("sub/keep.toml"), "x").unwrap();
        clean_stale_temps(dir.path());
        assert!(!dir.path().join(format!("{TEMP_PREFIX}1-a.toml")).exists());
        assert!(!dir.path().join(format!("sub/{TEMP_PREFIX}2-b.toml")).exists());
        assert!(dir.path().join("sub/keep.toml").exists());
    }
}
