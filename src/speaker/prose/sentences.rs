//! Quote spans and sentence splitting: where a paragraph's quotes open and
//! close, and where its sentences end (never inside a quote, nor after an
//! abbreviation or an initial).

use crate::speaker::stop_words::is_stop_word;

pub(super) fn is_opening_quote(c: char) -> bool {
    matches!(c, '“' | '„' | '«')
}
fn is_closing_quote(c: char) -> bool {
    matches!(c, '”' | '»')
}

/// Quote spans of `s` (relative **byte** ranges, marks included); a span left
/// open runs to the end. Also whether the last span was left open.
pub(super) fn quote_spans(s: &str) -> (Vec<(usize, usize)>, bool) {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let mut previous = ' ';
    for (i, c) in s.char_indices() {
        match (open, c) {
            (None, c) if is_opening_quote(c) => open = Some(i),
            (None, '"')
                if previous.is_whitespace() || matches!(previous, '(' | '[' | '—' | '–' | ':' | ',') || i == 0 =>
            {
                open = Some(i);
            }
            (Some(start), c) if is_closing_quote(c) || c == '"' => {
                spans.push((start, i + c.len_utf8()));
                open = None;
            }
            _ => {}
        }
        previous = c;
    }
    let unclosed = open.is_some();
    if let Some(start) = open {
        spans.push((start, s.len()));
    }
    (spans, unclosed)
}

pub(super) fn inside(spans: &[(usize, usize)], at: usize) -> bool {
    spans.iter().any(|(s, e)| *s <= at && at < *e)
}

const ABBREVIATIONS: &[&str] = &[
    "Mr", "Ms", "Mrs", "Dr", "St", "Jr", "Sr", "Gen", "Gov", "Sen", "Rep", "Inc", "Corp", "Co", "Ltd", "No", "vs",
    "etc", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Prof", "Rev", "Lt", "Col", "Capt",
    "Sens", "Reps", "Govs", "Gens", "Adm", "Maj", "Sgt", "Cpl", "Pvt", "Cmdr", "Supt", "Atty", "Msgr", "Mt", "Ft",
];

/// Sentence ranges (relative **bytes**) of `s`; quotes are never split.
pub(super) fn sentences(s: &str, spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    for (i, c) in s.char_indices() {
        // A quote's last sentence ends the sentence around it too: `… in salt water.” His colleague …`.
        let after_mark = i + c.len_utf8();
        let closes_quote = s[after_mark..]
            .chars()
            .next()
            .filter(|q| is_closing_quote(*q) || *q == '"')
            .is_some_and(|q| spans.iter().any(|(_, e)| *e == after_mark + q.len_utf8()));
        if !matches!(c, '.' | '?' | '!' | ';' | '。' | '？' | '！') || (inside(spans, i) && !closes_quote) {
            continue;
        }
        let mut end = i + c.len_utf8();
        // Closing quotes and brackets belong to the sentence they close.
        while let Some(next) = s[end..].chars().next() {
            if is_closing_quote(next) || matches!(next, '"' | ')' | '’') {
                end += next.len_utf8();
            } else {
                break;
            }
        }
        let rest = &s[end..];
        let cjk = !c.is_ascii();
        let Some(next_word_start) = rest.find(|c: char| !c.is_whitespace()) else {
            continue;
        };
        if next_word_start == 0 && !cjk {
            continue;
        }
        if c == '.' {
            let word_before = s[start..i].rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
            let next_word: &str = rest[next_word_start..].split_whitespace().next().unwrap_or("");
            let initials =
                word_before.contains('.') || (word_before.len() == 1 && word_before.chars().all(char::is_uppercase));
            if ABBREVIATIONS.contains(&word_before)
                || (initials && !is_stop_word(next_word.trim_matches(|c: char| !c.is_alphanumeric())))
            {
                continue;
            }
            let first = rest[next_word_start..].chars().next().unwrap_or(' ');
            // "(The coverage helped.)" opens a sentence of its own.
            let bracketed = first == '(' && rest[next_word_start + 1..].chars().next().is_some_and(char::is_uppercase);
            if !(first.is_uppercase() || is_opening_quote(first) || first == '"' || first.is_numeric() || bracketed) {
                continue;
            }
        }
        let _ = bytes;
        out.push((start, end));
        start = end + next_word_start;
    }
    if start < s.len() {
        out.push((start, s.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_outside_quotes_and_abbreviations() {
        let cases: &[(&str, usize)] = &[
            ("One. Two. Three.", 3),
            ("“It works. It really does,” she said. Then she left.", 2),
            ("Mr. Smith met Dr. Jones in the U.S. on Monday.", 1),
            ("Deaths rose in the U.S. Of those, most were young.", 2),
            ("日本語の文です。次の文です。", 2),
            ("No ending", 1),
        ];
        for (text, want) in cases {
            let (spans, _) = quote_spans(text);
            assert_eq!(sentences(text, &spans).len(), *want, "{text:?}: {:?}", sentences(text, &spans));
        }
    }
}
