use super::*;

/// Glyphs for `text` set at (x, y) in a monospaced 10-point font, 6 points a character.
fn run(x: f64, y: f64, text: &str) -> Vec<Glyph> {
    text.chars()
        .enumerate()
        .map(|(i, c)| {
            let wide = unicode_width::UnicodeWidthChar::width(c).unwrap_or(1).max(1) as f64;
            Glyph { x: x + i as f64 * 6.0, y, advance: 6.0 * wide, size: 10.0, text: c.to_string() }
        })
        .collect()
}

fn page(runs: &[(f64, f64, &str)]) -> Vec<String> {
    let glyphs: Vec<Glyph> = runs.iter().flat_map(|(x, y, t)| run(*x, *y, t)).collect();
    page_text(&glyphs)
}

#[test]
fn lines_come_top_down_and_keep_their_indentation() {
    let cases: &[(&[(f64, f64, &str)], &[&str])] = &[
        // Drawn bottom first: still read top down.
        (&[(40.0, 600.0, "second"), (40.0, 700.0, "first")], &["first", "second"]),
        // A line number and its line: the gap kept as spaces.
        (
            &[
                (46.0, 700.0, "1"),
                (76.0, 700.0, "THE COURT: Be seated."),
                (40.0, 688.0, "10"),
                (76.0, 688.0, "Thank you."),
            ],
            &[" 1    THE COURT: Be seated.", "10    Thank you."],
        ),
        // Indented continuation.
        (&[(40.0, 700.0, "Q. Where were you?"), (64.0, 688.0, "at home")], &["Q. Where were you?", "    at home"]),
        // Baselines a little apart (a superscript, rounding) are one line.
        (&[(40.0, 700.0, "word"), (64.0, 701.5, "2")], &["word2"]),
        (&[(40.0, 700.0, "東京の記者：質問です")], &["東京の記者：質問です"]),
        (&[(40.0, 700.0, "🎙 HOST: hi")], &["🎙 HOST: hi"]),
        (&[], &[]),
    ];
    for (runs, want) in cases {
        assert_eq!(page(runs), *want, "{runs:?}");
    }
}

#[test]
fn glyphs_drawn_out_of_order_are_read_left_to_right() {
    let mut glyphs = run(40.0, 700.0, "Hello world");
    glyphs.reverse();
    assert_eq!(page_text(&glyphs), ["Hello world"]);
}

#[test]
fn two_columns_are_read_one_after_the_other() {
    let mut runs = vec![(150.0, 760.0, "A TITLE ACROSS BOTH COLUMNS OF THE PAGE")];
    let left = ["Left one starts", "and goes on down", "the first column", "to its end here.", "左の段の終わり"];
    let right = ["Right two is the", "second column and", "is read after the", "first one is done.", "右の段 🎙"];
    for (i, (l, r)) in left.iter().zip(right).enumerate() {
        let y = 700.0 - i as f64 * 12.0;
        runs.push((40.0, y, l));
        runs.push((320.0, y, r));
    }
    runs.push((280.0, 40.0, "7"));
    let lines = page(&runs);
    let trimmed: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
    let mut want = vec!["A TITLE ACROSS BOTH COLUMNS OF THE PAGE"];
    want.extend(left);
    want.extend(right);
    want.push("7");
    assert_eq!(trimmed, want);
}

#[test]
fn a_numbered_transcript_is_not_taken_for_two_columns() {
    let mut runs = Vec::new();
    let text = [
        "JUSTICE ARDEN: Counsel.",
        "MR. VOSS: Thank you, Justice",
        "Arden. The record shows",
        "no such thing.",
        "JUSTICE ARDEN: Go on.",
        "MR. VOSS: It does not.",
    ];
    let numbers: Vec<String> = (1..=text.len()).map(|n| format!("{n:>2}")).collect();
    for (i, line) in text.iter().enumerate() {
        let y = 700.0 - i as f64 * 24.0;
        runs.push((40.0, y, numbers[i].as_str()));
        runs.push((76.0, y, line));
    }
    let lines = page(&runs);
    assert_eq!(lines.len(), text.len());
    for (line, (n, t)) in lines.iter().zip(numbers.iter().zip(text)) {
        assert!(line.trim_start().starts_with(n.trim()) && line.ends_with(t), "{line:?}");
    }
}

#[test]
fn hyphenated_words_are_joined_across_lines() {
    let cases: &[(&[&str], &[&str])] = &[
        (&["the ordi-", "nance reaches"], &["the ordinance", "reaches"]),
        (&[" 6 the ordi-", " 7 nance reaches"], &[" 6 the ordinance", " 7 reaches"]),
        (&["one word-", "only"], &["one wordonly", ""]),
        // A name, a dash, a capital after: left alone.
        (&["Ms. Okonjo-", "Reyes said"], &["Ms. Okonjo-", "Reyes said"]),
        (&["a pause --", "then more"], &["a pause --", "then more"]),
        (&["well -", "so"], &["well -", "so"]),
        (&["日本-", "語"], &["日本-", "語"]),
        (&["café-", "été"], &["caféété", ""]),
    ];
    for (lines, want) in cases {
        let mut lines: Vec<String> = lines.iter().map(|s| (*s).to_owned()).collect();
        join_hyphenated(&mut lines);
        assert_eq!(lines, *want);
    }
}

#[test]
fn hostile_positions_do_not_panic() {
    let glyphs = vec![
        Glyph { x: f64::NAN, y: 1.0, advance: 1.0, size: 1.0, text: "a".into() },
        Glyph { x: 1.0, y: f64::INFINITY, advance: 1.0, size: 1.0, text: "b".into() },
        Glyph { x: -1e300, y: 0.0, advance: -5.0, size: 0.0, text: "c".into() },
        Glyph { x: 1e300, y: 0.0, advance: f64::NAN, size: -3.0, text: "d".into() },
        Glyph { x: 0.0, y: 0.0, advance: 0.0, size: 0.0, text: String::new() },
    ];
    let lines = page_text(&glyphs);
    assert!(lines.iter().all(|l| l.chars().count() < 200), "{lines:?}");
}
