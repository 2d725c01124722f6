//! The open article's annotations in the app: the list (each resolved to
//! where its passage is now), what was last saved, and an undo history.
//! Files are [`crate::session`]'s business: saving is an [`super::Effect`].

use crate::anchor::{Resolution, resolve};
use crate::notes::Resolved;
use crate::sidecar::Annotation;
use crate::text::ByteRange;

/// Annotations of the open article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NotesState {
    pub items: Vec<Resolved>,
    /// The annotations as last loaded or saved: the base for merging.
    pub base: Vec<Annotation>,
    /// Earlier versions of `items`, for undo.
    pub history: Vec<Vec<Resolved>>,
    /// The sidecar could not be read: notes are kept in memory only.
    pub unreadable: Option<String>,
    /// A save is under way or failed; changes are waiting to be written.
    pub dirty: bool,
    /// The reading position (**byte** offset) the sidecar records.
    pub position: Option<usize>,
    /// The fingerprint of the article's text, written with every save.
    pub fingerprint: String,
    /// Notes of the sidecar that could not be read (file, line, what is
    /// wrong): kept in the file as written, listed for review.
    pub set_aside: Vec<String>,
    /// Why the last save failed, until one succeeds.
    pub save_failed: Option<String>,
    /// The note whose box `Esc` closed (an annotation id): it stays closed
    /// until the cursor leaves it.
    pub box_closed: Option<String>,
}

/// How many undo steps are kept.
const UNDO_DEPTH: usize = 100;

impl NotesState {
    #[must_use]
    pub fn new(items: Vec<Resolved>) -> Self {
        let base = items.iter().map(|r| r.annotation.clone()).collect();
        Self {
            items,
            base,
            history: Vec::new(),
            unreadable: None,
            dirty: false,
            position: None,
            fingerprint: String::new(),
            set_aside: Vec::new(),
            save_failed: None,
            box_closed: None,
        }
    }

    /// Why changes waiting to be written cannot be saved, if they cannot:
    /// the sidecar is unreadable, or the last save failed.
    #[must_use]
    pub fn unsaveable(&self) -> Option<&str> {
        if !self.dirty {
            return None;
        }
        self.unreadable.as_deref().or(self.save_failed.as_deref())
    }

    /// Remembers the current list before a change.
    pub fn checkpoint(&mut self) {
        self.history.push(self.items.clone());
        if self.history.len() > UNDO_DEPTH {
            self.history.remove(0);
        }
        self.dirty = true;
    }

    pub fn undo(&mut self) -> bool {
        match self.history.pop() {
            Some(previous) => {
                self.items = previous;
                self.dirty = true;
                true
            }
            None => false,
        }
    }

    pub fn add(&mut self, annotation: Annotation, text: &str) {
        self.checkpoint();
        let resolution = resolve(text, &annotation.selector);
        self.items.push(Resolved { annotation, resolution });
        self.sort();
    }

    fn sort(&mut self) {
        self.items.sort_by_key(|r| r.resolution.range().map_or(usize::MAX, |range| range.start));
    }

    /// The annotation whose passage contains **byte** `offset`, if any.
    #[must_use]
    pub fn at(&self, offset: usize) -> Option<usize> {
        self.items.iter().position(|r| {
            r.resolution.range().is_some_and(|range| range.start <= offset && offset < range.end.max(range.start + 1))
        })
    }

    /// Ranges of found annotations overlapping `range`, with their index.
    pub fn overlapping(&self, range: ByteRange) -> impl Iterator<Item = (usize, ByteRange)> + '_ {
        self.items
            .iter()
            .enumerate()
            .filter_map(move |(i, r)| r.resolution.range().filter(|a| a.overlaps(range)).map(|a| (i, a)))
    }

    /// Notes saved elsewhere and merged: the new list and base.
    pub fn saved(&mut self, annotations: Vec<Annotation>, text: &str) {
        self.base.clone_from(&annotations);
        self.items = annotations
            .into_iter()
            .map(|a| Resolved { resolution: resolve(text, &a.selector), annotation: a })
            .collect();
        self.sort();
        self.dirty = false;
        self.save_failed = None;
    }

    /// The annotations to write: moved passages at their new offsets.
    #[must_use]
    pub fn to_save(&self, text: &str) -> Vec<Annotation> {
        crate::session::to_save(&self.items, text)
    }

    #[must_use]
    pub fn orphan_count(&self) -> usize {
        self.items.iter().filter(|r| r.resolution == Resolution::Orphaned).count()
    }
}
