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
    // Temporaries of saves killed in this folder go now; ours is locked
    // from its creation, so a cleaner elsewhere leaves it alone.
    clean_folder(folder, false);
    let temp = temp_path(path);
    let written = (|| {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&temp)?;
        file.lock()?;
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

/// Name of the lock file that serialises saves within one sidecar folder
/// where a folder cannot be locked itself (not on Unix).
pub const LOCK_FILE: &str = ".gloss-lock";

/// Takes an exclusive advisory lock for saving `path`, released when the
/// returned file is dropped (or the process dies, so a killed save never
/// leaves it held). `None` when the folder cannot be locked: the save itself
/// will then report why.
///
/// On Unix the folder itself is locked, so saving leaves no file behind
/// (a lock file removed after use would race with a waiting saver, and one
/// kept would show up in `git status` of a notes folder kept in git).
#[must_use]
pub fn lock_folder(path: &Path) -> Option<File> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(folder).ok()?;
    #[cfg(unix)]
    let lock = File::open(folder).ok()?;
    #[cfg(not(unix))]
    let lock = OpenOptions::new().create(true).truncate(false).write(true).open(folder.join(LOCK_FILE)).ok()?;
    lock.lock().ok()?;
    Some(lock)
}

/// Removes temporary files left by saves that were interrupted (killed,
/// say), in `folder` and the folders inside it, and only those: a temporary
/// file whose writer is still at work is left to it.
pub fn clean_stale_temps(folder: &Path) {
    clean_folder(folder, true);
}

fn clean_folder(folder: &Path, recurse: bool) {
    let Ok(entries) = fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_file() && entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            if writer_gone(&entry.file_name().to_string_lossy(), &path) {
                let _ = fs::remove_file(&path);
            }
        } else if recurse && kind.is_dir() {
            clean_folder(&path, true);
        }
    }
}

/// Whether the save that made the temporary file `name` is over. Its writer
/// holds a lock on it from creation to rename, which the system lets go when
/// the process dies however it dies; the process id in the name covers the
/// moment between creating the file and locking it.
fn writer_gone(name: &str, path: &Path) -> bool {
    let pid =
        name.strip_prefix(TEMP_PREFIX).and_then(|rest| rest.split('-').next()).and_then(|p| p.parse::<u32>().ok());
    if pid.is_some_and(process_alive) {
        return false;
    }
    let Ok(file) = OpenOptions::new().read(true).open(path) else { return false };
    match file.try_lock() {
        Ok(()) => true,
        Err(fs::TryLockError::WouldBlock) => false,
        // A file system without locks: the process id is all there is to go by.
        Err(fs::TryLockError::Error(_)) => pid.is_some(),
    }
}

/// Whether process `pid` is running, where the system says (Linux's `/proc`);
/// elsewhere the lock alone decides.
fn process_alive(pid: u32) -> bool {
    Path::new("/proc/self").exists() && Path::new("/proc").join(pid.to_string()).exists()
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
    fn locking_a_folder_leaves_nothing_in_it_and_excludes_a_second_saver() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes/a.txt.toml");
        let held = lock_folder(&path).expect("locked");
        let other = File::open(dir.path().join("notes")).unwrap();
        assert!(matches!(other.try_lock(), Err(std::fs::TryLockError::WouldBlock)), "a second saver waits");
        drop(held);
        assert!(other.try_lock().is_ok(), "released on drop");
        assert_eq!(fs::read_dir(dir.path().join("notes")).unwrap().count(), 0, "no lock file left");
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

    /// The id of a process that has exited.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[test]
    fn only_temporaries_whose_writer_is_gone_are_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        let dead = dead_pid();
        let me = std::process::id();
        // (name, held under a lock by a live writer, removed)
        let cases: &[(String, bool, bool)] = &[
            (format!("{TEMP_PREFIX}{dead}-a.toml"), false, true),
            (format!("sub/{TEMP_PREFIX}{dead}-記事.toml"), false, true),
            (format!("{TEMP_PREFIX}{dead}-locked.toml"), true, false),
            (format!("{TEMP_PREFIX}{me}-mine-unlocked.toml"), false, false),
            (format!("{TEMP_PREFIX}garbage-👍.toml"), false, true),
            ("sub/keep.toml".to_owned(), false, false),
        ];
        let mut held = Vec::new();
        for (name, locked, _) in cases {
            let path = dir.path().join(name);
            fs::write(&path, "x").unwrap();
            if *locked {
                let file = File::open(&path).unwrap();
                file.lock().unwrap();
                held.push(file);
            }
        }
        clean_stale_temps(dir.path());
        for (name, _, removed) in cases {
            assert_eq!(!dir.path().join(name).exists(), *removed, "{name}");
        }
        // The next save in a folder cleans it the same way.
        let stale = dir.path().join(format!("sub/{TEMP_PREFIX}{dead}-b.toml"));
        fs::write(&stale, "x").unwrap();
        atomic_write(&dir.path().join("sub/keep.toml"), b"y").unwrap();
        assert!(!stale.exists());
        drop(held);
    }
}
