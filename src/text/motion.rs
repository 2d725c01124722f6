//! Cursor motions over text by character, word, sentence and paragraph,
//! on Unicode boundaries (grapheme clusters, UAX #29 words and sentences).
//! All positions are **byte** offsets on grapheme boundaries.

use unicode_segmentation::UnicodeSegmentation;

/// The next grapheme boundary after `at` (or the end).
#[must_use]
pub fn next_grapheme(text: &str, at: usize) -> usize {
    let at = super::floor_char_boundary(text, at);
    text[at..].grapheme_indices(true).nth(1).map_or(text.len(), |(i, _)| at + i)
}

/// The grapheme boundary before `at` (or 0).
#[must_use]
pub fn previous_grapheme(text: &str, at: usize) -> usize {
    let at = super::floor_char_boundary(text, at);
    text[..at].grapheme_indices(true).next_back().map_or(0, |(i, _)| i)
}

fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// The start of the next word after `at`.
#[must_use]
pub fn next_word(text: &str, at: usize) -> usize {
    let at = super::floor_char_boundary(text, at);
    text[at..].split_word_bound_indices().skip(1).find(|(_, w)| is_word(w)).map_or(text.len(), |(i, _)| at + i)
}

/// The start of the word before `at` (or of the word `at` is inside).
#[must_use]
pub fn previous_word(text: &str, at: usize) -> usize {
    let at = super::floor_char_boundary(text, at);
    text[..at].split_word_bound_indices().rev().find(|(_, w)| is_word(w)).map_or(0, |(i, _)| i)
}

/// The end (exclusive) of the word at or after `at`.
#[must_use]
pub fn word_end(text: &str, at: usize) -> usize {
    let at = super::floor_char_boundary(text, at);
    text[at..].split_word_bound_indices().find(|(_, w)| is_word(w)).map_or(text.len(), |(i, w)| at + i + w.len())
}

/// The start of the next sentence after `at`.
#[must_use]
pub fn next_sentence(text: &str, at: usize) -> usize {
    let at = super::floor_char_boundary(text, at);
    text[at..].split_sentence_bound_indices().nth(1).map_or(text.len(), |(i, _)| at + i)
}

/// The start of the sentence before `at` (or of the one `at` is inside).
#[must_use]
pub fn previous_sentence(text: &str, at: usize) -> usize {
    let at = super::floor_char_boundary(text, at);
    let starts: Vec<usize> = text[..at].split_sentence_bound_indices().map(|(i, _)| i).collect();
    match starts.as_slice() {
        [] => 0,
        [.., last] if *last < at && at - last > 1 => *last,
        [.., before, _] => *before,
        [only] => *only,
    }
}

/// The end (exclusive, trailing space trimmed) of the sentence containing `at`.
#[must_use]
pub fn sentence_end(text: &str, at: usize) -> usize {
    let at = super::floor_char_boundary(text, at);
    text[at..].split_sentence_bound_indices().next().map_or(text.len(), |(i, s)| at + i + s.trim_end().len())
}

/// The last grapheme of the sentence after `at` (`at` itself excluded):
/// where `)` takes the cursor while selecting, so a selection ends on the
/// full stop and not on the space or the next sentence's first letter.
#[must_use]
pub fn last_of_sentence(text: &str, at: usize) -> usize {
    let mut from = next_grapheme(text, at);
    while text[from..].starts_with(char::is_whitespace) {
        from = next_grapheme(text, from);
    }
    if from >= text.len() {
        return previous_grapheme(text, text.len()).max(super::floor_char_boundary(text, at));
    }
    previous_grapheme(text, sentence_end(text, from)).max(from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn motions_by_unit() {
        let text = "Hello, wide 世界! 👩‍👩‍👧 family. Next one?";
        let cases: &[(&str, fn(&str, usize) -> usize, usize, &str)] = &[
            ("next grapheme over a ZWJ family", next_grapheme, text.find('👩').unwrap(), " family. Next one?"),
            ("next word skips punctuation", next_word, 0, "wide 世界! 👩‍👩‍👧 family. Next one?"),
            ("next word into CJK", next_word, text.find("wide").unwrap(), "世界! 👩‍👩‍👧 family. Next one?"),
            // UAX #29 has no dictionary: each Han character is a word of its own.
            ("previous word is one ideograph", previous_word, text.find("family").unwrap(), "界! 👩‍👩‍👧 family. Next one?"),
            ("next sentence", next_sentence, 0, "👩‍👩‍👧 family. Next one?"),
            ("previous sentence from the middle", previous_sentence, text.find("one").unwrap(), "Next one?"),
        ];
        for (what, motion, from, rest) in cases {
            let to = motion(text, *from);
            assert_eq!(&text[to..], *rest, "{what}");
        }
        assert_eq!(&text[..word_end(text, 0)], "Hello");
        assert_eq!(&text[..sentence_end(text, 0)], "Hello, wide 世界!");
        assert_eq!(previous_grapheme(text, text.find(" family").unwrap()), text.find('👩').unwrap());
        assert_eq!(next_grapheme(text, text.len()), text.len());
        assert_eq!(previous_word(text, 0), 0);
    }

    #[test]
    fn selecting_by_sentence_stops_on_the_last_character() {
        let text = "Hello, wide 世界! 👩‍👩‍👧 family.  Next one? End";
        // (from, the text up to and including where `)` lands)
        let cases: &[(usize, &str)] = &[
            (0, "Hello, wide 世界!"),
            (text.find('!').unwrap(), "Hello, wide 世界! 👩‍👩‍👧 family."),
            (text.find('👩').unwrap(), "Hello, wide 世界! 👩‍👩‍👧 family."),
            (text.find("family.").unwrap() + 6, "Hello, wide 世界! 👩‍👩‍👧 family.  Next one?"),
            (text.find("End").unwrap(), "Hello, wide 世界! 👩‍👩‍👧 family.  Next one? End"),
            (text.len() - 1, "Hello, wide 世界! 👩‍👩‍👧 family.  Next one? End"),
        ];
        for (from, want) in cases {
            let to = last_of_sentence(text, *from);
            assert_eq!(&text[..next_grapheme(text, to)], *want, "from {from}");
        }
    }
}
