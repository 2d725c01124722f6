//! Anchoring after edits: table-driven cases, then properties over random edit scripts.

use proptest::prelude::*;

use super::*;

fn range_of(text: &str, needle: &str) -> ByteRange {
    let at = text.find(needle).unwrap();
    ByteRange::new(at, at + needle.len())
}

#[test]
fn resolves_exact_moved_fuzzy_and_orphaned() {
    let original =
        "The harbour opened at dawn. Cranes swung over the water while the pilots waited. 日本の船が来た 🚢. The end.";
    let quote = "Cranes swung over the water";
    let selector = describe(original, range_of(original, quote));
    let cases: &[(&str, &str, &str)] = &[
        (original, "exact", quote),
        (
            "PREFACE ADDED. The harbour opened at dawn. Cranes swung over the water while the pilots waited. The end.",
            "moved",
            quote,
        ),
        (
            "The harbour opened at dawn. Cranes swung above the water while the pilots waited. The end.",
            "fuzzy",
            "Cranes swung above the water",
        ),
        ("The harbour opened at dawn. The pilots waited. The end.", "needs review", ""),
        ("", "needs review", ""),
    ];
    for (text, label, want) in cases {
        let resolution = resolve(text, &selector);
        assert_eq!(resolution.label(), *label, "{text:?}: {resolution:?}");
        assert_eq!(resolution.range().map_or("", |r| r.slice(text)), *want, "{text:?}");
    }
}

#[test]
fn repeated_quotes_pick_the_occurrence_with_the_right_context() {
    let text = "Q: Thank you. A: First answer here. Q: Thank you. A: Second answer here.";
    let second = text.rfind("Thank you").unwrap();
    let selector = describe(text, ByteRange::new(second, second + "Thank you".len()));
    let edited = format!("Intro line. {text}");
    let resolution = resolve(&edited, &selector);
    assert_eq!(resolution.label(), "moved");
    assert_eq!(resolution.range().unwrap().start, second + "Intro line. ".len());
}

#[test]
fn a_common_word_whose_passage_was_deleted_is_not_found_elsewhere() {
    let text = "Ships reach Rotterdam daily. The mayor of Rotterdam spoke at the summit about cranes and the harbour budget for next year. Rotterdam grows.";
    let second = text.find("of Rotterdam").unwrap() + 3;
    let selector = describe(text, ByteRange::new(second, second + "Rotterdam".len()));
    let edited = "Ships reach Rotterdam daily. A storm closed the port. Rotterdam grows.";
    assert_eq!(resolve(edited, &selector), Resolution::Orphaned);
}

#[test]
fn context_is_counted_in_characters_not_bytes() {
    let text = "日本語のテキストがここにあります。引用する部分はこれです。その後にも文章が続きます。";
    let selector = describe(text, range_of(text, "引用する部分"));
    assert!(selector.prefix.chars().count() <= CONTEXT_CHARS);
    assert!(selector.suffix.chars().count() <= CONTEXT_CHARS);
    assert_eq!(resolve(text, &selector), Resolution::Exact(range_of(text, "引用する部分")));
}

const WORDS: &[&str] = &[
    "harbour",
    "crane",
    "pilot",
    "river",
    "treaty",
    "minister",
    "cargo",
    "scanner",
    "dawn",
    "ledger",
    "vessel",
    "tide",
    "officials",
    "said",
    "the",
    "and",
    "of",
    "a",
    "will",
    "review",
    "港",
    "船",
    "🚢",
    "café",
    "naïve",
    "dock",
    "gate",
    "fog",
    "signal",
    "commission",
    "budget",
    "pumps",
    "eelgrass",
    "permit",
    "ferry",
    "ice",
    "bread",
    "school",
];

fn words(n: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(WORDS), n).prop_map(|w| w.join(" "))
}

/// An edit: replace `len` bytes at `at` (char-aligned later) with `insert`.
#[derive(Clone, Debug)]
struct Edit {
    at: usize,
    len: usize,
    insert: String,
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    proptest::collection::vec(
        (0usize..4000, 0usize..40, words(3)).prop_map(|(at, len, insert)| Edit { at, len, insert }),
        1..6,
    )
}

/// Applies edits outside `keep` (a byte range, extended by the context
/// around it) and returns the new text and where `keep` went.
fn apply_outside(text: &str, keep: ByteRange, edits: &[Edit]) -> (String, ByteRange) {
    let mut text = text.to_owned();
    let mut keep = keep;
    for edit in edits {
        let at = crate::text::floor_char_boundary(&text, edit.at % (text.len() + 1));
        let end = crate::text::floor_char_boundary(&text, (at + edit.len).min(text.len()));
        // Edits must leave the passage and its context alone.
        let guard_start = keep.start.saturating_sub(CONTEXT_CHARS * 4 + 8);
        let guard_end = keep.end + CONTEXT_CHARS * 4 + 8;
        if end >= guard_start && at <= guard_end {
            continue;
        }
        let replacement = format!(" {} ", edit.insert);
        text.replace_range(at..end, &replacement);
        if end <= keep.start {
            let shift = isize::try_from(replacement.len()).unwrap() - isize::try_from(end - at).unwrap();
            keep = ByteRange::new(keep.start.saturating_add_signed(shift), keep.end.saturating_add_signed(shift));
        }
    }
    (text, keep)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// Passages the edits did not touch are found at exactly their new place.
    #[test]
    fn untouched_passages_reanchor_exactly(text in words(400), start_word in 20usize..380, len_words in 3usize..12, script in edits()) {
        let starts: Vec<usize> = std::iter::once(0).chain(text.match_indices(' ').map(|(i, _)| i + 1)).collect();
        let start = starts[start_word.min(starts.len() - 1)];
        let end_index = (start_word + len_words).min(starts.len() - 1);
        let end = starts[end_index].saturating_sub(1).max(start + 1);
        let end = crate::text::floor_char_boundary(&text, end);
        prop_assume!(end > start);
        let keep = ByteRange::new(start, end);
        let selector = describe(&text, keep);
        // The passage with its context must be unique for "exactly" to mean anything.
        let marked = format!("{}{}{}", selector.prefix, selector.quote, selector.suffix);
        prop_assume!(text.matches(&marked).count() == 1);
        let (edited, moved) = apply_outside(&text, keep, &script);
        let resolution = resolve(&edited, &selector);
        prop_assert_eq!(resolution.range(), Some(moved), "{:?}", resolution);
        prop_assert!(matches!(resolution, Resolution::Exact(_) | Resolution::Moved(_)));
    }

    /// Passages whose text was deleted become orphans, never a wrong place.
    #[test]
    fn deleted_passages_become_orphans(text in words(300), start_word in 20usize..280, len_words in 6usize..14) {
        let starts: Vec<usize> = std::iter::once(0).chain(text.match_indices(' ').map(|(i, _)| i + 1)).collect();
        let start = starts[start_word.min(starts.len() - 1)];
        let end = starts[(start_word + len_words).min(starts.len() - 1)].saturating_sub(1).max(start + 1);
        let end = crate::text::floor_char_boundary(&text, end);
        prop_assume!(end > start + 12);
        let selector = describe(&text, ByteRange::new(start, end));
        let mut edited = text.clone();
        edited.replace_range(start..end, "");
        // If the deleted words still occur elsewhere, finding them there is not a wrong place.
        prop_assume!(!edited.contains(&selector.quote));
                let resolution = resolve(&edited, &selector);
        prop_assert_eq!(resolution, Resolution::Orphaned, "quote {:?} found at {:?}", selector.quote, resolution.range().map(|r| r.slice(&edited)));
    }
}

proptest! {
    /// Resolving many notes at once finds each where resolving it alone would.
    #[test]
    fn resolving_all_at_once_agrees_with_one_by_one(text in words(300), script in edits(), starts in proptest::collection::vec(0usize..280, 12..30)) {
        let spans: Vec<ByteRange> = starts
            .iter()
            .map(|&w| {
                let at = text.split(' ').take(w).map(|s| s.len() + 1).sum::<usize>();
                let end = crate::text::floor_char_boundary(&text, (at + 25).min(text.len()));
                ByteRange::new(at.min(end), end)
            })
            .collect();
        let selectors: Vec<Selector> = spans.iter().map(|&r| describe(&text, r)).collect();
        let (edited, _) = apply_outside(&text, ByteRange::new(0, 0), &script);
        let refs: Vec<&Selector> = selectors.iter().collect();
        let together = resolve_all(&edited, &refs);
        let alone: Vec<Resolution> = selectors.iter().map(|s| resolve(&edited, s)).collect();
        prop_assert_eq!(together, alone);
    }
}
