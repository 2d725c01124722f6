//! Finding a calendar date in a line of text: "January 28, 2024",
//! "Jan. 28, 2024", "28 January 2024", "Thursday, May 8, 2025", "2024-01-28".

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == word || (word.len() >= 3 && m.starts_with(&word) && (word.len() == 3 || word == "sept")))
        .map(|i| i as u32 + 1)
}

fn iso(year: u32, month: u32, day: u32) -> Option<String> {
    let days_in_month = match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    ((1000..=2999).contains(&year) && (1..=days_in_month).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches([',', '.', 's', 't', 'h', 'n', 'd', 'r']);
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The first date in `line`, as ISO `YYYY-MM-DD`.
#[must_use]
pub fn find_date(line: &str) -> Option<String> {
    if let Some(found) = find_iso_date(line).or_else(|| find_cjk_date(line)) {
        return Some(found);
    }
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || matches!(c, '–' | '—' | '|' | '·' | '(' | ')' | '/'))
        .filter(|w| !w.is_empty())
        .collect();
    for (i, word) in words.iter().enumerate() {
        let Some(month) = month_number(word) else {
            continue;
        };
        // Month Day, Year
        if let (Some(day), Some(year)) =
            (words.get(i + 1).and_then(|w| number(w)), words.get(i + 2).and_then(|w| number(w)))
            && let Some(date) = iso(year, month, day)
        {
            return Some(date);
        }
        // Day Month Year
        if i > 0
            && let (Some(day), Some(year)) = (number(words[i - 1]), words.get(i + 1).and_then(|w| number(w)))
            && let Some(date) = iso(year, month, day)
        {
            return Some(date);
        }
    }
    None
}

/// `2024年1月28日`, as Chinese and Japanese pages write dates.
fn find_cjk_date(line: &str) -> Option<String> {
    let (before_year, rest) = line.split_once('年')?;
    let year: String =
        before_year.chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
    let (month, rest) = rest.split_once('月')?;
    let (day, _) = rest.split_once('日')?;
    iso(year.parse().ok()?, month.trim().parse().ok()?, day.trim().parse().ok()?)
}

fn find_iso_date(line: &str) -> Option<String> {
    let bytes = line.as_bytes();
    for start in 0..bytes.len().saturating_sub(9) {
        let window = &bytes[start..start + 10];
        let shape =
            window.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() });
        let bounded = start == 0 || !bytes[start - 1].is_ascii_digit();
        if shape && bounded {
            let text = &line[start..start + 10];
            let year = text[0..4].parse().ok()?;
            let month = text[5..7].parse().ok()?;
            let day = text[8..10].parse().ok()?;
            if let Some(date) = iso(year, month, day) {
                return Some(date);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::find_date;

    #[test]
    fn finds_dates_in_common_forms() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Washington – January 28, 2024", Some("2024-01-28")),
            ("Jan. 28, 2024", Some("2024-01-28")),
            ("Sept. 3, 2023", Some("2023-09-03")),
            ("28 January 2024", Some("2024-01-28")),
            ("Thursday, May 8, 2025", Some("2025-05-08")),
            ("date: 2024-01-28", Some("2024-01-28")),
            ("Published 2024-02-30", None),
            ("March 3rd, 2025", Some("2025-03-03")),
            ("2024年1月28日 北京", Some("2024-01-28")),
            ("May I ask a question in 2024", None),
            ("The 30th of January", None),
            ("👍 February 29, 2024 👍", Some("2024-02-29")),
            ("February 29, 2023", None),
            ("", None),
        ];
        for (line, want) in cases {
            assert_eq!(find_date(line).as_deref(), *want, "{line:?}");
        }
    }
}
