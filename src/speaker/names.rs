//! Speaker names: how a label or a mention becomes a display name and a key
//! that matches other spellings of the same person.

/// Honorifics and titles that may precede a name.
const HONORIFICS: &[&str] = &[
    "mr",
    "ms",
    "mrs",
    "miss",
    "dr",
    "prof",
    "professor",
    "the",
    "chairman",
    "chairwoman",
    "chair",
    "senator",
    "representative",
    "rep",
    "sen",
    "secretary",
    "general",
    "admiral",
    "ambassador",
    "judge",
    "justice",
    "chief",
    "governor",
    "mayor",
    "commissioner",
    "director",
    "delegate",
    "president",
    "minister",
    "vice",
    "ranking",
    "member",
    "hon",
    "sir",
    "dame",
    "lord",
    "lady",
];

/// A lowercase key without punctuation: `Mr. SMITH` and `MR SMITH` → `mr smith`.
#[must_use]
pub fn key(name: &str) -> String {
    // One allocation: keys are made for every name mention in a document.
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        let before = out.len();
        if before > 0 {
            out.push(' ');
        }
        let start = out.len();
        out.extend(
            word.chars().filter(|c| c.is_alphanumeric() || matches!(c, '-' | '#' | '\'')).flat_map(char::to_lowercase),
        );
        if out.len() == start {
            out.truncate(before);
        }
    }
    out
}

/// The key without leading honorifics: `mr smith` → `smith`.
#[must_use]
pub fn bare_key(key: &str) -> &str {
    let mut rest = key;
    loop {
        let Some((first, tail)) = rest.split_once(' ') else {
            return rest;
        };
        if HONORIFICS.contains(&first) {
            rest = tail;
        } else {
            return rest;
        }
    }
}

/// Whether the first word of `key` is an honorific or title.
#[must_use]
pub fn has_honorific(key: &str) -> bool {
    key.split(' ').next().is_some_and(|w| HONORIFICS.contains(&w)) && key.contains(' ')
}

/// A caps word in title case: `JEAN-PIERRE` → `Jean-Pierre`, `McCONNELL` → `McConnell`, `O'NEIL` → `O'Neil`.
fn title_case_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start_of_part = true;
    let rest = if let Some(tail) = word.strip_prefix("Mc") {
        out.push_str("Mc");
        tail
    } else {
        word
    };
    for c in rest.chars() {
        if start_of_part {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start_of_part = matches!(c, '-' | '\'' | '’' | '/' | '&');
    }
    out
}

/// A display name for a label: caps words become title case, `Mr. SMITH` → `Mr. Smith`;
/// mixed-case names stay as written. Single letters and `#1` stay as they are.
#[must_use]
pub fn display(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
            let all_caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase() || !c.is_alphabetic())
                || word.starts_with("Mc") && letters.len() > 3 && letters[2..].iter().all(|c| c.is_uppercase());
            if all_caps { title_case_word(word) } else { word.to_owned() }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names() {
        let cases: &[(&str, &str)] = &[
            ("MODERATOR", "Moderator"),
            ("SENIOR ADMINISTRATION OFFICIAL", "Senior Administration Official"),
            ("MS. JEAN-PIERRE", "Ms. Jean-Pierre"),
            ("Mr. SMITH", "Mr. Smith"),
            ("McCONNELL", "McConnell"),
            ("O'NEIL", "O'Neil"),
            ("UNIDENTIFIED PERSON #1", "Unidentified Person #1"),
            ("Cate Cadell", "Cate Cadell"),
            ("Q", "Q"),
            ("JOSÉ ÁLVAREZ", "José Álvarez"),
            ("李明", "李明"),
            ("Speaker 1", "Speaker 1"),
        ];
        for (name, want) in cases {
            assert_eq!(display(name), *want, "{name:?}");
        }
    }

    #[test]
    fn keys_match_spellings() {
        let cases: &[(&str, &str, &str)] = &[
            ("Mr. SMITH", "mr smith", "smith"),
            ("MR SMITH", "mr smith", "smith"),
            ("The CHAIRMAN", "the chairman", "chairman"),
            ("Chief Justice Roberts", "chief justice roberts", "roberts"),
            ("Anna Russo", "anna russo", "anna russo"),
            ("UNIDENTIFIED PERSON #1", "unidentified person #1", "unidentified person #1"),
            ("王晓红", "王晓红", "王晓红"),
        ];
        for (name, want_key, want_bare) in cases {
            let k = key(name);
            assert_eq!(k, *want_key);
            assert_eq!(bare_key(&k), *want_bare, "{name:?}");
        }
    }
}
