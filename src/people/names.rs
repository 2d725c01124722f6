//! How a speaker's name is read for matching across articles: a role or a
//! person, and for a person the given name and the surname.
//!
//! `MS. JEAN-PIERRE` → surname `jean-pierre`, no given name;
//! `Karine Jean-Pierre` → given `karine`, surname `jean-pierre`;
//! `Cate Cadell (Washington Post)` → given `cate`, surname `cadell`;
//! `Moderator`, `Q`, `Senior Administration Official`, `a spokeswoman` → roles.

use crate::speaker::names::{bare_key, key};

/// Words that make a name a role or an anonymous source rather than a person:
/// such speakers are kept apart in every article.
const ROLE_WORDS: &[&str] = &[
    "moderator",
    "operator",
    "official",
    "officials",
    "unidentified",
    "unknown",
    "anonymous",
    "speaker",
    "participant",
    "participants",
    "audience",
    "reporter",
    "reporters",
    "questioner",
    "interviewer",
    "narrator",
    "announcer",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "source",
    "sources",
    "aide",
    "aides",
    "staffer",
    "staff",
    "person",
    "people",
    "voice",
    "voices",
    "male",
    "female",
    "man",
    "woman",
    "crowd",
    "host",
    "panelist",
    "caller",
    "witness",
    "everyone",
    "all",
    "several",
    "officer",
    "spokespeople",
    "representative",
    "a",
    "an",
];

/// How a speaker's name is matched with other articles' names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameShape {
    /// Not one person: stays per article.
    Role,
    /// A person; `given` is `None` when only the surname is known.
    Person { given: Option<String>, surname: String },
}

/// The name without a trailing affiliation: `Cate Cadell (Washington Post)`,
/// `Ana Ruiz, Reuters` → `Cate Cadell`, `Ana Ruiz`.
#[must_use]
pub fn without_affiliation(name: &str) -> &str {
    let cut = name.find(['(', ',', '[']).unwrap_or(name.len());
    name[..cut].trim()
}

/// Reads a speaker's name (see the module's examples).
#[must_use]
pub fn shape(name: &str) -> NameShape {
    let full = key(without_affiliation(name));
    let bare = bare_key(&full);
    let words: Vec<&str> = bare.split(' ').filter(|w| !w.is_empty()).collect();
    let Some(surname) = words.last() else { return NameShape::Role };
    let single_letter = |w: &str| w.chars().count() == 1;
    let looks_like_role = words.iter().any(|w| ROLE_WORDS.contains(w) || w.chars().any(|c| c.is_ascii_digit() || c == '#'))
        // `Q`, `A`: letters, not names.
        || (words.len() == 1 && single_letter(surname))
        // `President`, `The Chairman`: a title alone, not a name.
        || (words.len() == 1 && is_title_word(surname))
        // Prose descriptions are lower case in the text: `a senior official said`.
        || without_affiliation(name).chars().next().is_some_and(char::is_lowercase);
    if looks_like_role {
        return NameShape::Role;
    }
    let given = (words.len() > 1).then(|| words[0].trim_end_matches('.').to_owned());
    NameShape::Person { given, surname: (*surname).to_owned() }
}

/// A title that is a whole name on its own (`PRESIDENT`, `CHAIRMAN`).
fn is_title_word(word: &str) -> bool {
    bare_key(&format!("{word} x")) == "x"
}

/// The given name an article gives a speaker known there only by surname
/// (`MS. JEAN-PIERRE:` in a briefing titled "… by Karine Jean-Pierre"):
/// the capitalised word most often written just before the surname.
#[must_use]
pub fn given_in_text(name: &str, text: &str) -> Option<String> {
    let NameShape::Person { given: None, .. } = shape(name) else { return None };
    let surname = crate::speaker::names::display(without_affiliation(name).split_whitespace().last()?);
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for at in memchr::memmem::find_iter(text.as_bytes(), surname.as_bytes()).take(1000) {
        let before = text[..at].strip_suffix(' ')?;
        let start = before
            .rfind(|c: char| !c.is_alphabetic())
            .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
        let word = &before[start..];
        let title = key(word);
        if word.chars().count() >= 2
            && word.chars().next().is_some_and(char::is_uppercase)
            && bare_key(&format!("{title} x")) != "x"
        {
            *counts.entry(word).or_default() += 1;
        }
    }
    counts.into_iter().max_by_key(|(w, n)| (*n, std::cmp::Reverse(*w))).map(|(w, _)| w.to_lowercase())
}

/// Whether two given names may be one person's: the same, or one an initial of the other
/// (`K.` and `Karine`).
#[must_use]
pub fn given_compatible(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let initial = |s: &str| s.chars().count() == 1;
    (initial(a) && b.starts_with(a)) || (initial(b) && a.starts_with(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(given: Option<&str>, surname: &str) -> NameShape {
        NameShape::Person { given: given.map(str::to_owned), surname: surname.to_owned() }
    }

    #[test]
    fn names_are_read_as_people_or_roles() {
        let cases: &[(&str, NameShape)] = &[
            ("MS. JEAN-PIERRE", person(None, "jean-pierre")),
            ("Karine Jean-Pierre", person(Some("karine"), "jean-pierre")),
            ("Jean-Pierre", person(None, "jean-pierre")),
            ("K. Jean-Pierre", person(Some("k"), "jean-pierre")),
            ("Cate Cadell (Washington Post)", person(Some("cate"), "cadell")),
            ("Secretary Marit Solvang-Reyes", person(Some("marit"), "solvang-reyes")),
            ("王晓红", person(None, "王晓红")),
            ("Ana 🌊 Ruiz", person(Some("ana"), "ruiz")),
            ("Moderator", NameShape::Role),
            ("MODERATOR", NameShape::Role),
            ("Q", NameShape::Role),
            ("SENIOR ADMINISTRATION OFFICIAL", NameShape::Role),
            ("Senior Administration Official", NameShape::Role),
            ("a spokeswoman", NameShape::Role),
            ("UNIDENTIFIED PERSON #1", NameShape::Role),
            ("Speaker 1", NameShape::Role),
            ("THE PRESIDENT", NameShape::Role),
            ("CHAIRMAN", NameShape::Role),
            ("", NameShape::Role),
        ];
        for (name, want) in cases {
            assert_eq!(&shape(name), want, "{name:?}");
        }
    }

    #[test]
    fn a_surname_alone_takes_the_given_name_the_article_writes_before_it() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "Ms. Jean-Pierre",
                "Briefing by Press Secretary Karine Jean-Pierre\n\nMS. JEAN-PIERRE: Hello.",
                Some("karine"),
            ),
            ("MS. JEAN-PIERRE", "By Karine Jean-Pierre. Then Ms. Jean-Pierre spoke.", Some("karine")),
            ("Ms. Jean-Pierre", "Ms. Jean-Pierre spoke. Secretary Jean-Pierre left.", None),
            ("Karine Jean-Pierre", "Karine Jean-Pierre spoke.", None),
            ("Moderator", "Karine Moderator", None),
            ("王", "李 王", None),
            ("Ms. Ruiz", "🌊 Ana Ruiz", Some("ana")),
        ];
        for (name, text, want) in cases {
            assert_eq!(given_in_text(name, text).as_deref(), *want, "{name:?} in {text:?}");
        }
    }

    #[test]
    fn given_names_are_compatible_when_equal_or_an_initial() {
        let cases: &[(&str, &str, bool)] = &[
            ("karine", "karine", true),
            ("k", "karine", true),
            ("karine", "k", true),
            ("karine", "louis", false),
            ("l", "karine", false),
            ("晓红", "晓红", true),
            ("jean", "jeanne", false),
        ];
        for (a, b, want) in cases {
            assert_eq!(given_compatible(a, b), *want, "{a} {b}");
        }
    }
}
