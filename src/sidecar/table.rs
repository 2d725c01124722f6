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

/// An `[[annotation]]` table gloss cannot read (a mistyped colour, a missing
/// key, an id used twice): set aside for review and kept in the file exactly
/// as written, while every other note loads and new ones save beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAside {
    /// The sidecar, as shown to people.
    pub path: String,
    /// 1-based line of the problem in the file as last read or written.
    pub line: usize,
    /// What is wrong, control characters made visible.
    pub problem: String,
}

impl std::fmt::Display for SetAside {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {} (set aside for review, kept in the file as written)", self.path, self.line, self.problem)
    }
}

/// What is wrong with a table, and the key it is about (none when one is missing).
type Problem = (Option<&'static str>, String);

/// What is wrong with a table, if anything, and the key it is about. Checked
/// on the table's items (no parsing), so every save can tell which tables
/// to keep untouched; it accepts exactly what [`Annotation`] deserialises.
fn table_problem(table: &Table) -> Option<Problem> {
    const STRINGS: [&str; 6] = ["id", "created", "updated", "quote", "prefix", "suffix"];
    let value = |key| table.get(key).and_then(Item::as_value);
    for key in STRINGS {
        match value(key) {
            None => return Some((None, format!("missing field `{key}`"))),
            Some(v) if !v.is_str() => return Some((Some(key), format!("`{key}` must be text"))),
            Some(_) => {}
        }
    }
    for key in ["speaker", "note"] {
        if table.get(key).is_some_and(|item| !item.as_value().is_some_and(toml_edit::Value::is_str)) {
            return Some((Some(key), format!("`{key}` must be text")));
        }
    }
    if let Some(tags) = table.get("tags") {
        let all_text = tags.as_array().is_some_and(|a| a.iter().all(toml_edit::Value::is_str));
        if !all_text {
            return Some((Some("tags"), "`tags` must be a list of text".into()));
        }
    }
    match value("colour") {
        None => return Some((None, "missing field `colour`".into())),
        Some(v) => {
            let name = v.as_str().unwrap_or_default();
            if !super::Colour::ALL.iter().any(|c| c.name() == name) {
                let names: Vec<&str> = super::Colour::ALL.iter().map(|c| c.name()).collect();
                let shown = sanitise_line(&v.to_string()).trim().to_owned();
                let nearest = names.iter().copied().min_by_key(|n| crate::text::edit_distance(&name.to_lowercase(), n));
                let hint = match nearest {
                    Some(n) if crate::text::edit_distance(&name.to_lowercase(), n) <= 2 => {
                        format!(" (did you mean \"{n}\"?)")
                    }
                    _ => String::new(),
                };
                return Some((Some("colour"), format!("colour {shown} is not one of {}{hint}", names.join(", "))));
            }
        }
    }
    let mut offsets = [0u64; 2];
    for (slot, key) in offsets.iter_mut().zip(["start", "end"]) {
        match value(key).map(|v| v.as_integer().map(u64::try_from)) {
            None => return Some((None, format!("missing field `{key}`"))),
            Some(Some(Ok(n))) if usize::try_from(n).is_ok() => *slot = n,
            Some(_) => return Some((Some(key), format!("`{key}` must be a whole number of bytes, 0 or more"))),
        }
    }
    if offsets[0] > offsets[1] {
        return Some((Some("start"), format!("start {} is after end {}", offsets[0], offsets[1])));
    }
    None
}

/// Which tables of `tables` are set aside: the unreadable ones, and every
/// table after the first readable one with the same id.
pub(super) fn set_aside_flags(tables: &ArrayOfTables) -> Vec<Option<Problem>> {
    let mut seen = HashSet::new();
    tables
        .iter()
        .map(|table| match table_problem(table) {
            Some(problem) => Some(problem),
            None if !seen.insert(table_id(table).unwrap_or_default()) => {
                Some((Some("id"), "the id is used twice".into()))
            }
            None => None,
        })
        .collect()
}

/// Lines from a table's header to its `key`: the table is as read (set-aside
/// tables are never changed), so its text is the file's text after the header.
fn key_line(table: &Table, key: &str) -> Option<usize> {
    let text = table.to_string();
    let spanned = toml_edit::Document::parse(text.as_str()).ok()?;
    let start = spanned.get(key)?.span()?.start;
    Some(text[..start].matches('\n').count() + 1)
}

/// The 1-based line of every `[[annotation]]` header in a parsed sidecar, in order.
pub(super) fn header_lines(document: &toml_edit::Document<&str>, text: &str) -> Vec<usize> {
    let Some(tables) = document.get("annotation").and_then(Item::as_array_of_tables) else { return Vec::new() };
    let (mut line, mut counted) = (1, 0);
    tables
        .iter()
        .map(|table| {
            let at = table.span().map_or(counted, |span| span.start.max(counted));
            line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted..at.min(text.len())]).count();
            counted = at.min(text.len());
            line
        })
        .collect()
}

impl Sidecar {
    /// The readable annotations. Tables that cannot be read are skipped here
    /// and listed by [`Sidecar::set_aside`]; only an `annotation` key that is
    /// not a list of tables at all makes the whole sidecar unreadable.
    pub fn annotations(&self) -> Result<Vec<Annotation>, SidecarError> {
        self.annotations_and_set_aside().map(|(list, _)| list)
    }

    /// The tables set aside for review, with the line and what is wrong.
    /// Cheap enough for every save: readable tables are checked, not parsed.
    #[must_use]
    pub fn set_aside(&self) -> Vec<SetAside> {
        let Some(tables) = self.document.get("annotation").and_then(Item::as_array_of_tables) else {
            return Vec::new();
        };
        let flags = set_aside_flags(tables);
        tables
            .iter()
            .zip(flags)
            .enumerate()
            .filter_map(|(n, (table, flag))| flag.map(|problem| self.set_aside_entry(n, table, problem)))
            .collect()
    }

    fn set_aside_entry(&self, n: usize, table: &Table, (key, message): Problem) -> SetAside {
        let what = table_id(table)
            .map_or_else(|| format!("annotation {}", n + 1), |id| format!("annotation {:?}", sanitise_line(id)));
        let header = self.table_lines.get(n).copied().unwrap_or(1);
        let line = header + key.and_then(|k| key_line(table, k)).unwrap_or(0);
        SetAside { path: display_path(&self.path), line, problem: format!("{what}: {message}") }
    }

    /// The readable annotations and the tables set aside, in file order.
    pub fn annotations_and_set_aside(&self) -> Result<(Vec<Annotation>, Vec<SetAside>), SidecarError> {
        let Some(item) = self.document.get("annotation") else { return Ok((Vec::new(), Vec::new())) };
        let Some(tables) = item.as_array_of_tables() else {
            return Err(SidecarError::Invalid {
                path: display_path(&self.path),
                message: "`annotation` must be a list of [[annotation]] tables".into(),
            });
        };
        let flags = set_aside_flags(tables);
        let mut list = Vec::with_capacity(tables.len());
        let mut aside = Vec::new();
        for (n, (table, flag)) in tables.iter().zip(flags).enumerate() {
            let problem = match flag {
                Some(problem) => Some(problem),
                None => match toml::from_str::<Annotation>(&table.to_string()) {
                    Ok(annotation) => {
                        list.push(annotation);
                        None
                    }
                    // Not expected once `table_problem` passed; still set aside, never lost.
                    Err(e) => Some((None, sanitise_line(e.message()).into_owned())),
                },
            };
            if let Some(problem) = problem {
                aside.push(self.set_aside_entry(n, table, problem));
            }
        }
        Ok((list, aside))
    }

    /// Writes `annotations` into the tables, changing only what differs.
    /// Tables set aside (see [`SetAside`]) are kept as they are, where they are.
    pub fn set_annotations(&mut self, annotations: &[Annotation]) {
        let wanted: HashSet<&str> = annotations.iter().map(|a| a.id.as_str()).collect();
        let item = self.document.entry("annotation").or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
        if !item.is_array_of_tables() {
            *item = Item::ArrayOfTables(ArrayOfTables::new());
        }
        let Some(tables) = item.as_array_of_tables_mut() else { return };
        let aside_flags: Vec<bool> = set_aside_flags(tables).iter().map(Option::is_some).collect();
        let mut aside: Vec<(usize, Table)> = Vec::new();
        let mut kept: Vec<Table> = Vec::new();
        for (index, (table, set_aside)) in tables.iter_mut().zip(aside_flags).enumerate() {
            let table = std::mem::take(table);
            if set_aside {
                aside.push((index, table));
            } else if table_id(&table).is_some_and(|id| wanted.contains(id)) {
                kept.push(table);
            }
        }
        if annotations.is_empty() && aside.is_empty() {
            self.document.remove("annotation");
            return;
        }
        let Some(tables) = self.document.get_mut("annotation").and_then(Item::as_array_of_tables_mut) else { return };
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
        for (index, table) in aside {
            kept.insert(index.min(kept.len()), table);
        }
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::anchor::describe;
    use crate::sidecar::Colour;
    use crate::text::ByteRange;

    const TEXT: &str = "The harbour opened at dawn. Cranes swung over the water. 日本の船が来た 🚢. The pilots waited.";

    fn table(id: &str, colour: &str, start: i64, end: i64) -> String {
        format!(
            "[[annotation]]\nid = \"{id}\"\ncreated = \"2026-11-23T10:00:00Z\"\nupdated = \"2026-11-23T10:00:00Z\"\ncolour = \"{colour}\"\nnote = \"n\"\nquote = \"q\"\nprefix = \"\"\nsuffix = \"\"\nstart = {start}\nend = {end}\n"
        )
    }

    fn load(body: &str) -> (tempfile::TempDir, Sidecar) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.txt.toml");
        std::fs::write(&path, format!("schema = 1\n{body}")).unwrap();
        let sidecar = Sidecar::load(&path).unwrap().unwrap();
        (dir, sidecar)
    }

    #[test]
    fn unreadable_tables_are_set_aside_with_line_and_reason_and_the_rest_load() {
        let good = table("good", "yellow", 0, 3);
        // (body, line of the problem, what the reason says)
        let cases: &[(String, usize, &str)] = &[
            (
                format!("{good}{}", table("x", "bleu", 1, 3)),
                17,
                "colour \"bleu\" is not one of yellow, green, blue, pink, purple (did you mean \"blue\"?)",
            ),
            (format!("{good}{}", table("x", "BLUE", 1, 3)), 17, "colour \"BLUE\""),
            (format!("{good}{}", table("x", "yellow", 9, 3)), 22, "start 9 is after end 3"),
            (format!("{good}{}", table("x", "yellow", -1, 3)), 22, "`start` must be a whole number"),
            (format!("{good}[[annotation]]\nid = \"x\"\n"), 13, "annotation \"x\": missing field `created`"),
            (format!("{good}{}", table("good", "pink", 1, 3)), 14, "annotation \"good\": the id is used twice"),
            (
                format!("{good}{}", table("港👍", "mauve", 1, 3).replace("note = \"n\"", "note = 3")),
                18,
                "`note` must be text",
            ),
            (
                format!("{good}{}", table("x", "blue", 1, 3).replace("note = \"n\"", "tags = [1]")),
                18,
                "`tags` must be a list of text",
            ),
        ];
        for (body, line, want) in cases {
            let (_dir, sidecar) = load(body);
            let (list, aside) = sidecar.annotations_and_set_aside().unwrap();
            assert_eq!(list.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["good"], "{body}");
            assert_eq!(aside.len(), 1, "{body}");
            let shown = aside[0].to_string();
            assert!(shown.contains(&format!("bad.txt.toml:{line}: ")) && shown.contains(want), "{body}\n{shown}");
        }
        let (_dir, sidecar) = load("annotation = 3\n");
        assert!(sidecar.annotations().unwrap_err().to_string().contains("must be a list"));
    }

    #[test]
    fn a_table_set_aside_is_kept_byte_for_byte_beside_new_and_changed_notes() {
        let bad = table("x", "bleu", 30, 40).replace("note = \"n\"", "note = \"mine\"   # a hand edit\n# keep me");
        let (_dir, mut sidecar) =
            load(&format!("{}\n{bad}\n{}", table("a", "yellow", 0, 3), table("b", "green", 50, 60)));
        let path = sidecar.path.clone();
        let base = sidecar.annotations().unwrap();
        let mut mine = base.clone();
        mine.retain(|a| a.id != "b");
        mine[0].colour = Colour::Pink;
        let at = TEXT.find("The pilots").unwrap();
        mine.push(Annotation {
            id: "new".into(),
            created: "2026-11-24T10:00:00Z".into(),
            updated: "2026-11-24T10:00:00Z".into(),
            colour: Colour::Blue,
            tags: Vec::new(),
            speaker: None,
            note: "beside it".into(),
            selector: describe(TEXT, ByteRange::new(at, at + 10)),
        });
        let saved = sidecar.save_merging(&base, &mine).unwrap();
        assert_eq!(saved.len(), 2);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(&bad), "the table set aside is unchanged:\n{text}");
        assert!(
            text.contains("id = \"new\"") && text.contains("colour = \"pink\"") && !text.contains("id = \"b\""),
            "{text}"
        );
        let again = Sidecar::load(&path).unwrap().unwrap();
        let (list, aside) = again.annotations_and_set_aside().unwrap();
        assert_eq!(list.len(), 2);
        let line = text.lines().position(|l| l == "colour = \"bleu\"").unwrap() + 1;
        assert_eq!(aside.iter().map(|a| a.line).collect::<Vec<_>>(), [line], "{text}");
        assert_eq!(sidecar.set_aside(), aside, "the lines are told afresh after a save");
        // Deleting every readable note still keeps the one set aside.
        let mut emptied = again.clone();
        emptied.save_merging(&list, &[]).unwrap();
        assert!(std::fs::read_to_string(&path).unwrap().contains(&bad));
        assert!(Path::new(&path).exists());
    }
}
