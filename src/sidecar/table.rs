//! Reading and writing the `[[annotation]]` tables of a sidecar in place:
//! tables are matched by id, only changed values are rewritten, and tables
//! are kept in passage order, so a diff shows only what changed and the
//! user's comments and extra keys stay where they were.

use std::collections::HashSet;

use toml_edit::{ArrayOfTables, Item, Table};

use super::annotation::Annotation;
use super::{Sidecar, SidecarError};
use crate::document::display_path;
use crate::document::normalise::sanitise_line;

/// The order keys are written in.
const KEYS: [&str; 12] =
    ["id", "created", "updated", "colour", "tags", "speaker", "note", "quote", "prefix", "suffix", "start", "end"];

/// A stable fingerprint of a document's normalised text: length and FNV-1a hash.
#[must_use]
pub fn fingerprint(text: &str) -> String {
    format!("{}:{:016x}", text.len(), crate::text::fnv1a(text.as_bytes()))
}

/// A fresh table for `annotation`, formatted the way `toml` writes it (multi-line notes as `"""`).
fn fresh_table(annotation: &Annotation) -> Table {
    let text = toml::to_string(annotation).unwrap_or_default();
    let parsed: toml_edit::DocumentMut = text.parse().unwrap_or_default();
    let mut table = Table::new();
    for key in KEYS {
        if let Some(item) = parsed.get(key) {
            table.insert(key, item.clone());
        }
    }
    table
}

/// Whether two values mean the same, so a hand-formatted one is left alone.
fn same_value(old: &Item, new: &Item) -> bool {
    match (old.as_value(), new.as_value()) {
        (Some(before), Some(after)) => match (before.as_str(), after.as_str(), before.as_integer(), after.as_integer())
        {
            (Some(was), Some(is), _, _) => was == is,
            (_, _, Some(was), Some(is)) => was == is,
            _ => before.to_string().trim() == after.to_string().trim(),
        },
        _ => false,
    }
}

fn table_id(table: &Table) -> Option<&str> {
    table.get("id").and_then(Item::as_str)
}

impl Sidecar {
    /// The annotations, checked: every table must have the right keys and
    /// types, `start <= end`, and ids must be unique.
    pub fn annotations(&self) -> Result<Vec<Annotation>, SidecarError> {
        let shown = display_path(&self.path);
        let invalid = |message: String| SidecarError::Invalid { path: shown.clone(), message };
        let Some(item) = self.document.get("annotation") else { return Ok(Vec::new()) };
        let Some(tables) = item.as_array_of_tables() else {
            return Err(invalid("`annotation` must be a list of [[annotation]] tables".into()));
        };
        let mut seen = HashSet::new();
        let mut list = Vec::with_capacity(tables.len());
        for (n, table) in tables.iter().enumerate() {
            let what = table_id(table)
                .map_or_else(|| format!("annotation {}", n + 1), |id| format!("annotation {:?}", sanitise_line(id)));
            let annotation: Annotation = toml::from_str(&table.to_string())
                .map_err(|e: toml::de::Error| invalid(format!("{what}: {}", sanitise_line(e.message()))))?;
            if annotation.selector.start > annotation.selector.end {
                return Err(invalid(format!(
                    "{what}: start {} is after end {}",
                    annotation.selector.start, annotation.selector.end
                )));
            }
            if !seen.insert(annotation.id.clone()) {
                return Err(invalid(format!("{what}: the id is used twice")));
            }
            list.push(annotation);
        }
        Ok(list)
    }

    /// Writes `annotations` into the tables, changing only what differs.
    pub fn set_annotations(&mut self, annotations: &[Annotation]) {
        let wanted: HashSet<&str> = annotations.iter().map(|a| a.id.as_str()).collect();
        if annotations.is_empty() {
            self.document.remove("annotation");
            return;
        }
        let item = self.document.entry("annotation").or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
        if !item.is_array_of_tables() {
            *item = Item::ArrayOfTables(ArrayOfTables::new());
        }
        let Some(tables) = item.as_array_of_tables_mut() else { return };
        tables.retain(|t| table_id(t).is_some_and(|id| wanted.contains(id)));
        let mut kept: Vec<Table> = tables.iter_mut().map(std::mem::take).collect();
        // By id, so that ten thousand notes are matched to their tables in one pass.
        let mut by_id: std::collections::HashMap<String, usize> =
            kept.iter().enumerate().filter_map(|(i, t)| table_id(t).map(|id| (id.to_owned(), i))).collect();
        for annotation in annotations {
            let fresh = fresh_table(annotation);
            match by_id.get(annotation.id.as_str()).and_then(|&i| kept.get_mut(i)) {
                Some(table) => {
                    for key in KEYS {
                        match (table.get(key), fresh.get(key)) {
                            (Some(old), Some(new)) if same_value(old, new) => {}
                            (_, Some(new)) => {
                                table.insert(key, new.clone());
                            }
                            (Some(_), None) => {
                                table.remove(key);
                            }
                            (None, None) => {}
                        }
                    }
                }
                None => {
                    by_id.insert(annotation.id.clone(), kept.len());
                    kept.push(fresh);
                }
            }
        }
        let order = |t: &Table| {
            let start = t.get("start").and_then(Item::as_integer).unwrap_or(0);
            (start, table_id(t).unwrap_or("").to_owned())
        };
        kept.sort_by_key(order);
        tables.clear();
        for table in kept {
            tables.push(table);
        }
    }

    /// Records which text the annotations' offsets refer to.
    pub fn set_fingerprint(&mut self, fingerprint: &str) {
        if self.document.get("fingerprint").and_then(Item::as_str) != Some(fingerprint) {
            self.document["fingerprint"] = toml_edit::value(fingerprint);
        }
    }

    #[must_use]
    pub fn fingerprint(&self) -> Option<&str> {
        self.document.get("fingerprint").and_then(Item::as_str)
    }

    /// The reading position: a **byte** offset into the normalised text.
    #[must_use]
    pub fn position(&self) -> Option<usize> {
        self.document.get("position").and_then(Item::as_integer).and_then(|p| usize::try_from(p).ok())
    }

    pub fn set_position(&mut self, offset: usize) {
        let value = i64::try_from(offset).unwrap_or(i64::MAX);
        if self.document.get("position").and_then(Item::as_integer) != Some(value) {
            self.document["position"] = toml_edit::value(value);
        }
    }

    /// Records the article's path (relative to the library) after a rename.
    pub fn set_article(&mut self, article: &std::path::Path) {
        self.document["article"] = toml_edit::value(article.to_string_lossy().replace('\\', "/"));
    }

    /// The article's title when the sidecar was written.
    #[must_use]
    pub fn title(&self) -> Option<&str> {
        self.document.get("title").and_then(Item::as_str)
    }

    /// The article path the sidecar was written for.
    #[must_use]
    pub fn article(&self) -> Option<&str> {
        self.document.get("article").and_then(Item::as_str)
    }
}
