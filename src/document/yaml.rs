//! The little of YAML that Markdown front matter needs: top-level `key: value`
//! pairs whose values may be plain, single- or double-quoted, and may run on
//! over indented lines. Enough to read a title exactly as its author wrote it
//! (`"Jen\_Psaki"` is "Jen Psaki" with a no-break space, `\u2019` a quote
//! mark, a `\` at a line end joins the lines) without a YAML crate.

/// The top-level `key: value` pairs of a YAML block, values decoded.
pub(crate) fn fields(inner: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in inner.lines() {
        let continues = line.starts_with([' ', '\t']) || line.trim().is_empty();
        if continues && let Some((_, raw)) = current.as_mut() {
            raw.push('\n');
            raw.push_str(line);
            continue;
        }
        if let Some((key, raw)) = current.take() {
            out.push((key, scalar(&raw)));
        }
        if line.starts_with(['-', '#']) {
            continue;
        }
        if let Some((key, value)) = line.split_once(':') {
            current = Some((key.trim().to_owned(), value.to_owned()));
        }
    }
    if let Some((key, raw)) = current {
        out.push((key, scalar(&raw)));
    }
    out
}

/// Decodes one scalar, possibly spread over several lines.
fn scalar(raw: &str) -> String {
    let value = raw.trim();
    if let Some(rest) = value.strip_prefix('"') {
        double_quoted(rest)
    } else if let Some(rest) = value.strip_prefix('\'') {
        let body = rest.strip_suffix('\'').unwrap_or(rest);
        fold(body).replace("''", "'")
    } else {
        // A plain scalar ends at a comment.
        let body = value.find(" #").map_or(value, |at| &value[..at]);
        fold(body)
    }
}

/// YAML line folding: a single line break becomes a space, blank lines become line breaks.
fn fold(text: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if i > 0 && !out.is_empty() {
            if blank > 0 { out.push_str(&"\n".repeat(blank)) } else { out.push(' ') }
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// The body of a `"…"` scalar (after its opening quote), escapes decoded and lines folded.
fn double_quoted(body: &str) -> String {
    let mut out = String::new();
    let mut chars = body.chars().peekable();
    // Whitespace at the end of a line is dropped when the line folds.
    let mut pending_space = String::new();
    while let Some(c) = chars.next() {
        match c {
            '"' => break,
            '\\' => {
                out.push_str(&pending_space);
                pending_space.clear();
                match chars.next() {
                    Some('\n') => skip_indent(&mut chars),
                    Some(e) => out.push_str(&escape(e, &mut chars)),
                    None => {}
                }
            }
            '\n' => {
                pending_space.clear();
                skip_indent(&mut chars);
                let mut breaks = 0;
                while chars.peek() == Some(&'\n') {
                    chars.next();
                    skip_indent(&mut chars);
                    breaks += 1;
                }
                if breaks == 0 { out.push(' ') } else { out.push_str(&"\n".repeat(breaks)) }
            }
            ' ' | '\t' => pending_space.push(c),
            _ => {
                out.push_str(&pending_space);
                pending_space.clear();
                out.push(c);
            }
        }
    }
    out
}

fn skip_indent(chars: &mut std::iter::Peekable<std::str::Chars>) {
    while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
        chars.next();
    }
}

/// The text of the escape `\e` (its hex digits read from `rest`).
fn escape(e: char, rest: &mut std::iter::Peekable<std::str::Chars>) -> String {
    let hex = |rest: &mut std::iter::Peekable<std::str::Chars>, n: usize| -> String {
        let digits: String = (0..n).filter_map(|_| rest.next_if(char::is_ascii_hexdigit)).collect();
        u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32).map(String::from).unwrap_or_default()
    };
    match e {
        '0' => "\0".into(),
        'a' => "\u{7}".into(),
        'b' => "\u{8}".into(),
        't' | '\t' => "\t".into(),
        'n' => "\n".into(),
        'v' => "\u{b}".into(),
        'f' => "\u{c}".into(),
        'r' => "\r".into(),
        'e' => "\u{1b}".into(),
        'N' => "\u{85}".into(),
        '_' => "\u{a0}".into(),
        'L' => "\u{2028}".into(),
        'P' => "\u{2029}".into(),
        'x' => hex(rest, 2),
        'u' => hex(rest, 4),
        'U' => hex(rest, 8),
        other => other.to_string(),
    }
}

/// A title as one line of readable text: invisible joiners and soft hyphens
/// dropped, every kind of space (no-break, line breaks) one plain space.
pub(crate) fn clean_title(title: &str) -> String {
    let visible: String = title
        .chars()
        .filter(|c| !matches!(c, '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}'))
        .map(|c| if c.is_whitespace() || c.is_control() { ' ' } else { c })
        .collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_decode_as_yaml_does() {
        let cases: &[(&str, &str)] = &[
            ("title: Night Trains\n", "Night Trains"),
            ("title: 'It''s late'\n", "It's late"),
            ("title: \"Jen\\_Psaki and the\\\n  \\ Secretary\"\n", "Jen\u{a0}Psaki and the Secretary"),
            ("title: \"COVID-\\u206019 team and\\_\\\n  Officials\"\n", "COVID-\u{2060}19 team and\u{a0}Officials"),
            ("title: \"Today\\u2019s \\u201CFox\\u201D\"\n", "Today\u{2019}s \u{201c}Fox\u{201d}"),
            ("title: \"a long title\n  that folds\"\n", "a long title that folds"),
            ("title: plain title\n  continued # comment\n", "plain title continued"),
            ("title: \"港の話 🚢\"\n", "港の話 🚢"),
            ("title: \"unterminated\n", "unterminated"),
        ];
        for (yaml, want) in cases {
            let got = fields(yaml);
            assert_eq!(got, vec![("title".to_owned(), (*want).to_owned())], "{yaml:?}");
        }
    }

    #[test]
    fn titles_are_one_clean_line() {
        let cases: &[(&str, &str)] = &[
            ("Jen\u{a0}Psaki", "Jen Psaki"),
            ("COVID-\u{2060}19", "COVID-19"),
            ("two\nlines", "two lines"),
            ("zero\u{200b}width 港\u{feff}", "zerowidth 港"),
            ("  spaced   out 🚢 ", "spaced out 🚢"),
        ];
        for (title, want) in cases {
            assert_eq!(clean_title(title), *want, "{title:?}");
        }
    }
}
