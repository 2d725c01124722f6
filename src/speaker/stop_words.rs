//! Capitalised words that open sentences and clauses and are never names:
//! shared by transcript labels and prose attribution, so neither imports the other.

/// Capitalised words that begin sentences or clauses, never names.
const STOP_WORDS: &[&str] = &[
    "A",
    "According",
    "After",
    "Also",
    "Although",
    "Among",
    "An",
    "And",
    "As",
    "Asked",
    "At",
    "Because",
    "Before",
    "Both",
    "But",
    "By",
    "Despite",
    "During",
    "Each",
    "Earlier",
    "Even",
    "For",
    "Friday",
    "From",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "Instead",
    "It",
    "Its",
    "Just",
    "Last",
    "Later",
    "Let",
    "Let's",
    "Let’s",
    "Many",
    "Meanwhile",
    "Monday",
    "Most",
    "My",
    "Next",
    "No",
    "Not",
    "Now",
    "Of",
    "On",
    "One",
    "Only",
    "Or",
    "Our",
    "Over",
    "Saturday",
    "She",
    "Since",
    "So",
    "Some",
    "Speaking",
    "Still",
    "Sunday",
    "Thank",
    "Thanks",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Three",
    "Thursday",
    "To",
    "Today",
    "Tuesday",
    "Two",
    "Under",
    "Unless",
    "Until",
    "We",
    "Wednesday",
    "Well",
    "What",
    "When",
    "Where",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Yes",
    "Yesterday",
    "Yet",
    "You",
    "Your",
];

/// Whether `word` (as written, capitalised) is a sentence or clause opener, never a name.
/// A binary search: prose asks this of every capitalised word of an article.
#[must_use]
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_for_binary_search_and_found() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        for (word, stop) in [
            ("The", true),
            ("Monday", true),
            ("Let’s", true),
            ("Okafor", false),
            ("the", false),
            ("東京", false),
            ("🎉", false),
        ] {
            assert_eq!(is_stop_word(word), stop, "{word:?}");
        }
    }
}
