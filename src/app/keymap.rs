//! Keys to actions: the built-in `assets/default-keymap.toml`, patched by the
//! user's `keymap.toml`. Keys are written the way people say them (`ctrl-d`,
//! `G`, `] s` for a two-key sequence); values name [`Command`]s. Unknown
//! commands, malformed keys and unknown sections are reported with the file
//! and line, and the rest of the file still applies.
//!
//! Key names are plain data here; the terminal shell turns its key events
//! into [`KeyChord`]s.

use std::collections::HashMap;

use super::command::Command;

/// The built-in bindings.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/default-keymap.toml");

/// A key without modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    F(u8),
}

/// A key with its modifiers. Shift is part of the character (`G`), not a flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub key: Key,
    pub ctrl: bool,
    pub alt: bool,
}

impl KeyChord {
    #[must_use]
    pub const fn plain(key: Key) -> Self {
        Self { key, ctrl: false, alt: false }
    }

    /// Parses `ctrl-d`, `G`, `space`, `pageup`, `f1`.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let mut chord = Self::plain(Key::Esc);
        let mut rest = text;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                chord.ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                chord.alt = true;
                rest = r;
            } else {
                break;
            }
        }
        chord.key = match rest {
            "enter" => Key::Enter,
            "esc" => Key::Esc,
            "tab" => Key::Tab,
            "backtab" | "shift-tab" => Key::BackTab,
            "backspace" => Key::Backspace,
            "space" => Key::Char(' '),
            "up" => Key::Up,
            "down" => Key::Down,
            "left" => Key::Left,
            "right" => Key::Right,
            "pageup" => Key::PageUp,
            "pagedown" => Key::PageDown,
            "home" => Key::Home,
            "end" => Key::End,
            f if f.len() >= 2 && f.starts_with('f') && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) => {
                Key::F(f[1..].parse().ok()?)
            }
            single => {
                let mut chars = single.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                Key::Char(c)
            }
        };
        Some(chord)
    }

    /// How the key is written in keymaps and help.
    #[must_use]
    pub fn label(&self) -> String {
        let key = match self.key {
            Key::Char(' ') => "space".to_owned(),
            Key::Char(c) => c.to_string(),
            Key::Enter => "enter".into(),
            Key::Esc => "esc".into(),
            Key::Tab => "tab".into(),
            Key::BackTab => "shift-tab".into(),
            Key::Backspace => "backspace".into(),
            Key::Up => "up".into(),
            Key::Down => "down".into(),
            Key::Left => "left".into(),
            Key::Right => "right".into(),
            Key::PageUp => "pageup".into(),
            Key::PageDown => "pagedown".into(),
            Key::Home => "home".into(),
            Key::End => "end".into(),
            Key::F(n) => format!("f{n}"),
        };
        format!("{}{}{key}", if self.ctrl { "ctrl-" } else { "" }, if self.alt { "alt-" } else { "" })
    }
}

/// Where a binding applies. Pane bindings win over global ones. In the
/// note editor, the notes lists and prompts, keys bound nowhere in their
/// scope type text, so they do not fall back to the global keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    Global,
    Library,
    Reader,
    Speakers,
    /// The reader while text is selected: falls back to the reader's keys.
    Visual,
    /// The note editor.
    Editor,
    /// The one-line tags editor: falls back to the note editor's keys.
    Tags,
    /// The list of the article's notes.
    Notes,
    /// The list of every note in the library.
    LibraryNotes,
    /// A prompt at the bottom of the screen: search, library filter.
    Prompt,
}

impl Scope {
    /// Every scope with its name in keymap files, in help order.
    pub const ALL: [(Scope, &'static str); 10] = [
        (Scope::Global, "global"),
        (Scope::Library, "library"),
        (Scope::Reader, "reader"),
        (Scope::Speakers, "speakers"),
        (Scope::Visual, "visual"),
        (Scope::Editor, "editor"),
        (Scope::Tags, "tags"),
        (Scope::Notes, "notes"),
        (Scope::LibraryNotes, "library_notes"),
        (Scope::Prompt, "prompt"),
    ];

    /// The scopes searched for a key, most specific first.
    #[must_use]
    pub fn chain(self) -> &'static [Scope] {
        match self {
            Scope::Visual => &[Scope::Visual, Scope::Reader, Scope::Global],
            Scope::Reader => &[Scope::Reader, Scope::Global],
            Scope::Library => &[Scope::Library, Scope::Global],
            Scope::Speakers => &[Scope::Speakers, Scope::Global],
            Scope::Global => &[Scope::Global],
            Scope::Editor => &[Scope::Editor],
            Scope::Tags => &[Scope::Tags, Scope::Editor],
            Scope::Notes => &[Scope::Notes],
            Scope::LibraryNotes => &[Scope::LibraryNotes],
            Scope::Prompt => &[Scope::Prompt],
        }
    }

    /// Whether unbound characters typed in this scope are text.
    #[must_use]
    pub fn takes_text(self) -> bool {
        matches!(self, Scope::Editor | Scope::Tags | Scope::Notes | Scope::LibraryNotes | Scope::Prompt)
    }

    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(s, _)| *s)
    }

    #[must_use]
    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(s, _)| *s == self).map_or("global", |(_, n)| n)
    }
}

/// The result of feeding a key to the keymap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// The keys so far are the start of a sequence: wait for the next.
    Pending,
    Command(Command),
    Unbound,
}

/// All bindings, by scope and key sequence.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    bindings: HashMap<(Scope, Vec<KeyChord>), Command>,
}

impl Keymap {
    /// The built-in keymap, patched by `user` (the text of the user's file) if given.
    /// Returns the keymap and messages about anything in the user's file that was ignored.
    #[must_use]
    pub fn load(user: Option<(&str, &str)>) -> (Self, Vec<String>) {
        let mut keymap = Self::default();
        let mut warnings = keymap.patch(DEFAULT_KEYMAP, "built-in keymap");
        debug_assert!(warnings.is_empty(), "the built-in keymap is valid: {warnings:?}");
        if let Some((text, file)) = user {
            warnings.extend(keymap.patch(text, file));
        }
        (keymap, warnings)
    }

    /// Applies a keymap file's bindings over the current ones.
    pub fn patch(&mut self, text: &str, file: &str) -> Vec<String> {
        let mut warnings = Vec::new();
        let document: toml_edit::Document<String> = match text.parse() {
            Ok(d) => d,
            Err(e) => {
                let line = e.span().map_or(1, |s| text[..s.start.min(text.len())].matches('\n').count() + 1);
                return vec![format!(
                    "{file}:{line}: {} (keymap not applied)",
                    e.message().lines().next().unwrap_or("")
                )];
            }
        };
        let line_of = |span: Option<std::ops::Range<usize>>| {
            span.map_or(0, |s| text[..s.start.min(text.len())].matches('\n').count() + 1)
        };
        for (section, item) in document.as_table() {
            let Some(scope) = Scope::from_name(section) else {
                warnings.push(format!(
                    "{file}:{}: unknown section [{section}] (use {})",
                    line_of(item.span()),
                    Scope::ALL.map(|(_, n)| n).join(", ")
                ));
                continue;
            };
            let Some(table) = item.as_table() else {
                warnings
                    .push(format!("{file}:{}: [{section}] must be a table of key = \"action\"", line_of(item.span())));
                continue;
            };
            for (keys, value) in table {
                let line = line_of(value.span());
                let Some(name) = value.as_str() else {
                    warnings.push(format!("{file}:{line}: the value for {keys:?} must be an action name in quotes"));
                    continue;
                };
                let Some(sequence) = keys.split(' ').map(KeyChord::parse).collect::<Option<Vec<_>>>() else {
                    warnings.push(format!(
                        "{file}:{line}: {keys:?} is not a key (try \"ctrl-d\", \"G\", \"space\", \"] s\")"
                    ));
                    continue;
                };
                if name == "none" {
                    self.bindings.remove(&(scope, sequence));
                } else if let Some(command) = Command::from_name(name) {
                    self.bindings.insert((scope, sequence), command);
                } else {
                    warnings.push(format!(
                        "{file}:{line}: unknown action {name:?} for {keys:?} (see the help screen for names)"
                    ));
                }
            }
        }
        warnings
    }

    /// What `keys` (the keys pressed so far) mean in `scope`.
    #[must_use]
    pub fn lookup(&self, scope: Scope, keys: &[KeyChord]) -> Lookup {
        let chain = scope.chain();
        for s in chain {
            if let Some(command) = self.bindings.get(&(*s, keys.to_vec())) {
                return Lookup::Command(*command);
            }
        }
        let prefix =
            self.bindings.keys().any(|(s, seq)| chain.contains(s) && seq.len() > keys.len() && seq.starts_with(keys));
        if prefix { Lookup::Pending } else { Lookup::Unbound }
    }

    /// The keys bound to `command` in exactly `scope`, as written.
    #[must_use]
    pub fn keys_in(&self, scope: Scope, command: Command) -> Vec<String> {
        let mut keys: Vec<String> = self
            .bindings
            .iter()
            .filter(|((s, _), bound)| *s == scope && **bound == command)
            .map(|((_, seq), _)| label(seq))
            .collect();
        keys.sort_by_key(|k| (k.len(), k.clone()));
        keys
    }

    /// The keys that run `command` in `scope` (bound there or further down
    /// its chain, and not taken by a more specific scope), as written, for help and hints.
    #[must_use]
    pub fn keys_for(&self, scope: Scope, command: Command) -> Vec<String> {
        let chain = scope.chain();
        let mut keys: Vec<String> = self
            .bindings
            .iter()
            .filter(|((s, seq), bound)| {
                let position = chain.iter().position(|c| c == s);
                // A key bound in a more specific scope hides the same key further down the chain.
                let overridden =
                    position.is_some_and(|p| chain[..p].iter().any(|c| self.bindings.contains_key(&(*c, seq.clone()))));
                position.is_some() && **bound == command && !overridden
            })
            .map(|((_, seq), _)| label(seq))
            .collect();
        keys.sort_by_key(|k| (k.len(), k.clone()));
        keys.dedup();
        keys
    }

    /// The first key that runs `command` in `scope`, for messages that name
    /// a key: `u`, or `:undo` when the user's keymap left it unbound.
    #[must_use]
    pub fn key(&self, scope: Scope, command: Command) -> String {
        self.keys_for(scope, command).into_iter().next().unwrap_or_else(|| format!(":{}", command.name()))
    }

    /// What `keys` mean in each scope they are bound in, for telling the user
    /// where one key does different things.
    #[must_use]
    pub fn meanings(&self, keys: &[KeyChord]) -> Vec<(Scope, Command)> {
        let mut found: Vec<(Scope, Command)> = Scope::ALL
            .iter()
            .filter_map(|(scope, _)| self.bindings.get(&(*scope, keys.to_vec())).map(|c| (*scope, *c)))
            .collect();
        found.sort_by_key(|(scope, _)| Scope::ALL.iter().position(|(s, _)| s == scope));
        found
    }
}

/// A key sequence as written in keymaps and help: `] s`.
fn label(keys: &[KeyChord]) -> String {
    keys.iter().map(KeyChord::label).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chord(text: &str) -> KeyChord {
        KeyChord::parse(text).unwrap()
    }

    #[test]
    fn key_names_parse_and_print() {
        let cases: &[(&str, Option<&str>)] = &[
            ("ctrl-d", Some("ctrl-d")),
            ("G", Some("G")),
            ("space", Some("space")),
            ("shift-tab", Some("shift-tab")),
            ("f1", Some("f1")),
            ("é", Some("é")),
            ("日", Some("日")),
            ("ctrl-", None),
            ("two", None),
            ("f13", None),
        ];
        for (text, want) in cases {
            assert_eq!(KeyChord::parse(text).map(|c| c.label()).as_deref(), *want, "{text:?}");
        }
    }

    #[test]
    fn the_built_in_keymap_is_valid_and_pane_bindings_win() {
        let (keymap, warnings) = Keymap::load(None);
        assert!(warnings.is_empty(), "{warnings:?}");
        // (scope, keys, meaning)
        let cases: &[(Scope, &[&str], Lookup)] = &[
            (Scope::Reader, &["j"], Lookup::Command(Command::MoveDown)),
            (Scope::Reader, &["q"], Lookup::Command(Command::Quit)),
            (Scope::Reader, &["?"], Lookup::Command(Command::SearchBackward)),
            (Scope::Library, &["?"], Lookup::Command(Command::Help)),
            (Scope::Reader, &["]"], Lookup::Pending),
            (Scope::Reader, &["]", "s"], Lookup::Command(Command::NextTurn)),
            (Scope::Reader, &["]", "x"], Lookup::Unbound),
            (Scope::Speakers, &["space"], Lookup::Command(Command::ToggleSpeaker)),
            // Overlays do not fall back to the global keys: `q` is typed, not quit.
            (Scope::Editor, &["q"], Lookup::Unbound),
            (Scope::Editor, &["ctrl-s"], Lookup::Command(Command::SaveNote)),
            (Scope::Tags, &["enter"], Lookup::Command(Command::SaveNote)),
            (Scope::Tags, &["ctrl-a"], Lookup::Command(Command::LineStart)),
            (Scope::Notes, &["ctrl-d"], Lookup::Command(Command::DeleteAnnotation)),
            (Scope::LibraryNotes, &["d"], Lookup::Unbound),
            (Scope::Prompt, &["enter"], Lookup::Command(Command::Submit)),
            (Scope::Prompt, &["港"], Lookup::Unbound),
        ];
        for (scope, keys, want) in cases {
            let keys: Vec<KeyChord> = keys.iter().map(|k| chord(k)).collect();
            assert_eq!(&keymap.lookup(*scope, &keys), want, "{scope:?} {keys:?}");
        }
        for &command in Command::ALL {
            let bound = Scope::ALL.iter().any(|(s, _)| !keymap.keys_for(*s, command).is_empty());
            assert!(bound, "{} has a default key", command.name());
        }
        assert_eq!(keymap.key(Scope::Reader, Command::Undo), "u");
        assert_eq!(keymap.key(Scope::Editor, Command::Undo), ":undo", "unbound: named by its command");
    }

    #[test]
    fn user_files_patch_and_report_problems_with_lines() {
        let user = "[reader]\n\"x\" = \"half_page_down\"\n\"j\" = \"none\"\n\"y\" = \"fly_away\"\n\"ctrl-\" = \"quit\"\n[sidebar]\n\"a\" = \"quit\"\n";
        let (keymap, warnings) = Keymap::load(Some((user, "keymap.toml")));
        assert_eq!(keymap.lookup(Scope::Reader, &[chord("x")]), Lookup::Command(Command::HalfPageDown));
        assert_eq!(keymap.lookup(Scope::Reader, &[chord("j")]), Lookup::Unbound);
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings[0].starts_with("keymap.toml:4:") && warnings[0].contains("fly_away"), "{warnings:?}");
        assert!(warnings[1].starts_with("keymap.toml:5:"), "{warnings:?}");
        assert!(warnings[2].contains("[sidebar]"), "{warnings:?}");
        let (_, broken) = Keymap::load(Some(("[reader\n", "k.toml")));
        assert!(broken[0].starts_with("k.toml:1:"), "{broken:?}");
    }
}
