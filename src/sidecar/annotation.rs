//! Annotations as they are stored: one `[[annotation]]` table each, with a
//! stable id, times, colour, tags, speaker, note, and the passage's
//! [`Selector`] (quote, context, **byte** offsets).

use serde::{Deserialize, Serialize};

use crate::anchor::Selector;

/// The highlight colours. Their meaning is the user's (see the settings).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    Yellow,
    Green,
    Blue,
    Pink,
    Purple,
}

impl Colour {
    pub const ALL: [Colour; 5] = [Colour::Yellow, Colour::Green, Colour::Blue, Colour::Pink, Colour::Purple];

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Yellow => "yellow",
            Self::Green => "green",
            Self::Blue => "blue",
            Self::Pink => "pink",
            Self::Purple => "purple",
        }
    }

    /// The colour called `name`, any case.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name().eq_ignore_ascii_case(name))
    }
}

/// One highlight, with an optional note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// Stable across edits and renames; unique within the sidecar.
    pub id: String,
    /// RFC 3339 UTC times, given by the caller (the core reads no clock).
    pub created: String,
    pub updated: String,
    pub colour: Colour,
    #[serde(default)]
    pub tags: Vec<String>,
    /// The speaker of the passage when it was highlighted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    #[serde(default)]
    pub note: String,
    #[serde(flatten)]
    pub selector: Selector,
}

/// A short, stable id from a seed (time and counter, say): base-36, 10 characters.
#[must_use]
pub fn new_id(seed: u128) -> String {
    // splitmix-style mixing so that close seeds give unrelated ids.
    let mut x = (seed as u64) ^ ((seed >> 64) as u64).rotate_left(17) ^ 0x9e37_79b9_7f4a_7c15;
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^= x >> 31;
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    (0..10)
        .map(|i| {
            let d = (x / 36u64.pow(i)) % 36;
            char::from(digits[d as usize])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_by_name() {
        let cases: &[(&str, Option<Colour>)] = &[
            ("yellow", Some(Colour::Yellow)),
            ("PINK", Some(Colour::Pink)),
            ("mauve", None),
            ("", None),
            ("黄色", None),
        ];
        for (name, want) in cases {
            assert_eq!(Colour::from_name(name), *want, "{name:?}");
        }
    }

    #[test]
    fn ids_are_short_distinct_and_stable() {
        let ids: Vec<String> = (0..1000u128).map(new_id).collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len());
        assert!(ids.iter().all(|id| id.len() == 10 && id.bytes().all(|b| b.is_ascii_alphanumeric())));
        assert_eq!(new_id(42), new_id(42));
    }
}
