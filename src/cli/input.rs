//! Standard input as an article: `gloss -`, `gloss show -`,
//! `gloss speakers -`, and `cmd | gloss` with no argument. The format is
//! sniffed from the content as for a file without an extension.

use std::io::{self, Read};
use std::path::Path;
use std::sync::Arc;

use crate::app::stdin::{Piped, SharedBytes};
use crate::document::{DEFAULT_MAX_FILE_BYTES, Document, Format, LoadError};

/// The name standard input goes by in messages and as a title.
pub use crate::app::stdin::STDIN_NAME;

/// Whether a path argument means standard input.
#[must_use]
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Whether something is being piped or redirected into gloss: a pipe or a
/// file, not a terminal and not `/dev/null` (what scripts and CI give a
/// command that reads nothing).
#[must_use]
pub fn stdin_has_input() -> bool {
    use std::io::IsTerminal;
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::FileTypeExt;
        let stdin = io::stdin();
        if stdin.is_terminal() {
            return false;
        }
        let Ok(fd) = stdin.as_fd().try_clone_to_owned() else { return false };
        std::fs::File::from(fd).metadata().is_ok_and(|m| m.file_type().is_fifo() || m.file_type().is_file())
    }
    #[cfg(not(unix))]
    {
        !io::stdin().is_terminal()
    }
}

/// Reads standard input whole (up to the file size limit) as an article.
pub fn read_stdin() -> Result<Document, LoadError> {
    document(read_bytes()?)
}

/// Reads standard input whole for the reader, which needs the bytes as they
/// came (to save them into the library) as well as the article and its speakers.
pub fn read_piped() -> Result<Piped, LoadError> {
    let bytes = read_bytes()?;
    let format = Format::of_bytes(&bytes);
    let doc = document(bytes.clone())?;
    let attribution = crate::speaker::detect(&doc);
    Ok(Piped { doc: Arc::new(doc), attribution: Arc::new(attribution), bytes: SharedBytes(Arc::new(bytes)), format })
}

fn read_bytes() -> Result<Vec<u8>, LoadError> {
    let io = |source| LoadError::Io { path: STDIN_NAME.to_owned(), source };
    let mut bytes = Vec::new();
    let limit = DEFAULT_MAX_FILE_BYTES;
    io::stdin().lock().take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(LoadError::TooLarge { path: STDIN_NAME.to_owned(), size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

fn document(bytes: Vec<u8>) -> Result<Document, LoadError> {
    let mut doc = Document::from_bytes(bytes, Path::new(STDIN_NAME))?;
    if doc.meta.title.is_empty() {
        STDIN_NAME.clone_into(&mut doc.meta.title);
    }
    Ok(doc)
}
