//! Transcript label grammars: recognising `MODERATOR:`, `Mr. SMITH.`, `Q`,
//! `Name (00:01:23):`, `<v Name>` and the rest at the start of a line.
//!
//! A label here is only a *candidate*: [`super::transcript`] accepts weak
//! candidates (a caps name alone on its line, a play-style `NAME.`) only when
//! the same name labels other turns of the document.

mod words;

use words::{FUNCTION_WORDS, HEADING_WORDS, HEARING_TITLES, OFFICES, SECTION_WORDS};

use crate::text::ByteRange;

/// How a label is written; decides how much evidence it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelForm {
    /// `MODERATOR:`, `MS. JEAN-PIERRE:`, `ANNA RUSSO, HOST:`, `- NAME:`.
    CapsColon,
    /// `Mr. SMITH.`, `The CHAIRMAN.`, `Senator WARREN.` (congressional hearings).
    Hearing,
    /// `HAMLET.`, `MRS. PIKE.` (plays).
    CapsPeriod,
    /// `Q`, `Q.`, `Q:`, `QUESTION:`, `A.`, `ANSWER:`.
    Question,
    Answer,
    /// `Name (00:01:23):`, `Name: [00:00:15]`, `[00:00:15] Name:`, `Name  0:03`.
    Timestamped,
    /// `<v Name>`, `<v.loud Name>` (`WebVTT` voices) in plain text.
    Voice,
    /// A label the file's format marks itself ([`crate::document::Document::speaker_labels`]):
    /// a caption voice, a bold name in a web transcript. Taken whatever its spelling.
    Marked,
    /// `Speaker 1`.
    Numbered,
    /// `Name: text` in mixed case.
    MixedColon,
    /// `BY MR. KESSLER:` — names who asks the following `Q.` lines.
    Examiner,
    /// `EDITOR'S NOTE:`, `BACKGROUND:` — the shape of a label with a heading's words.
    /// Never a speaker, and it ends the turn before it.
    HeadingLike,
}

/// A label candidate at the start of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// The name as written, trimmed: `MR. SMITH`, `Cate`, `Q`.
    pub name: String,
    /// A role written after the name: `HOST` in `ANNA RUSSO, HOST:`.
    pub role: Option<String>,
    pub form: LabelForm,
    /// **Byte** range of the whole label (name, punctuation, time stamp) in the text.
    pub range: ByteRange,
    /// Nothing but the label is on its line.
    pub alone: bool,
    /// Evidence enough on its own; weak labels need the name to recur.
    pub strong: bool,
}

/// The label at `range`, which the document's format marked: `Name:` or `NAME:`.
#[must_use]
pub fn marked(text: &str, range: ByteRange, alone: bool) -> Label {
    let name = range.slice(text).trim().trim_end_matches([':', '：']).trim().to_owned();
    // `**Note:** the board adjourned.` — one heading word in bold is a lead-in, not a speaker.
    if !name.contains(char::is_whitespace) && is_heading_name(&name) {
        return Label { name, role: None, form: LabelForm::HeadingLike, range, alone, strong: false };
    }
    Label { name, role: None, form: LabelForm::Marked, range, alone, strong: true }
}

/// How far into a line a label's closing punctuation may be, in **bytes**.
const LABEL_SEARCH_BYTES: usize = 96;

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Length in bytes of a time stamp at the start of `s`: `0:03`, `00:01:23`, `01:02:03.500`.
pub fn timestamp_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut groups = 0;
    loop {
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || digits > 2 {
            return None;
        }
        i += digits;
        groups += 1;
        if groups < 3 && b.get(i) == Some(&b':') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        break;
    }
    if groups < 2 {
        return None;
    }
    if matches!(b.get(i), Some(b'.' | b',')) && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1 + b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
    }
    Some(i)
}

/// `[00:00:15]` or `(00:01:23)`: length in bytes including the brackets.
fn bracketed_timestamp_len(s: &str) -> Option<usize> {
    let close = match s.as_bytes().first()? {
        b'[' => b']',
        b'(' => b')',
        _ => return None,
    };
    let inner = timestamp_len(&s[1..])?;
    (s.as_bytes().get(1 + inner) == Some(&close)).then_some(inner + 2)
}

/// A word of a caps name: `SMITH`, `JEAN-PIERRE`, `O'NEIL`, `McCONNELL`, `#1`, `MR.`.
fn is_caps_word(word: &str) -> bool {
    let core = word.trim_end_matches(['.', ',']);
    if core.is_empty() {
        return false;
    }
    if let Some(number) = core.strip_prefix('#') {
        return !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
    }
    let rest = core.strip_prefix("Mc").unwrap_or(core);
    let letters = rest.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 1
        && rest.chars().all(|c| c.is_uppercase() || matches!(c, '-' | '\'' | '’' | '&' | '/') || c.is_ascii_digit())
        && rest.chars().next().is_some_and(char::is_uppercase)
}

/// Lowercase particles allowed inside caps names: `MR. DE LA CRUZ`, `JOHN van DYKE`.
fn is_particle(word: &str) -> bool {
    matches!(word, "de" | "van" | "von" | "da" | "di" | "la" | "le" | "del" | "der" | "bin" | "al" | "y")
}

fn is_heading_name(name: &str) -> bool {
    name.split_whitespace().any(|w| {
        let upper = w.trim_end_matches([',', '.', ':']).to_uppercase();
        [HEADING_WORDS, FUNCTION_WORDS, SECTION_WORDS].iter().any(|list| list.contains(&upper.as_str()))
    })
}

/// A caps name of one to six words; returns it and an optional `, ROLE`.
fn caps_name(name: &str) -> Option<(String, Option<String>)> {
    let name = name.trim();
    // `MR. SMITH (through interpreter)` keeps only the name.
    let name = match name.find('(') {
        Some(open) if name.ends_with(')') => name[..open].trim_end(),
        _ => name,
    };
    let (person, role) = match name.split_once(',') {
        Some((person, role)) if !role.trim().is_empty() => (person.trim(), Some(role.trim().to_owned())),
        _ => (name, None),
    };
    let words: Vec<&str> = person.split_whitespace().collect();
    let letters = person.chars().filter(|c| c.is_alphabetic()).count();
    let ok = (1..=6).contains(&words.len())
        && letters >= 1
        && words.iter().all(|w| is_caps_word(w) || is_particle(w))
        && is_caps_word(words[words.len() - 1])
        && role.as_deref().is_none_or(|r| r.split_whitespace().count() <= 5 && r.split_whitespace().all(is_caps_word));
    ok.then(|| (person.to_owned(), role))
}

/// A mixed-case name: `Cate Cadell`, `Dr. Ana Ruiz`, `Speaker 1`, `Ines de la Vega`.
fn mixed_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) || is_particle(w))
        && words.iter().all(|w| w.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '\'' | '’')))
}

/// A name with what it speaks for in brackets, as UN and parliamentary
/// records write them: `Mr. Oyelaran (Veldania)`, `Mara Quillen (Port
/// Ellery) (Lab)`; or an office with the person in brackets: `The Secretary
/// of State for Transport (Tomas Vele)`. Returns the person, the rest as a
/// role, and whether the label is sure on its own: a title or a full name
/// (`Apple (AAPL)` is not).
fn bracketed_name(name: &str) -> Option<(String, String, bool)> {
    let open = name.find(" (")?;
    let base = name[..open].trim();
    let groups: Vec<&str> = name[open + 1..].strip_prefix('(')?.strip_suffix(')')?.split(") (").collect();
    if groups.iter().any(|g| g.trim().is_empty() || g.contains(['(', ')']) || g.chars().count() > 60) {
        return None;
    }
    if let [person] = groups[..]
        && base.starts_with("The ")
        && is_full_name(person)
    {
        return Some((person.to_owned(), base.to_owned(), true));
    }
    if !mixed_name(base) || is_heading_name(base) {
        return None;
    }
    let titled = crate::speaker::names::has_honorific(&crate::speaker::names::key(base)) || is_full_name(base);
    Some((base.to_owned(), groups.join(", "), titled))
}

/// A person's full name as a label writes it: two to four capitalised
/// words (particles allowed), no heading or function words: `Tiago Queiroz`,
/// `ANA DE LA CRUZ`, not `Why It Matters` or `Update`.
#[must_use]
pub fn is_full_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && (mixed_name(name) || caps_name(name).is_some_and(|(_, role)| role.is_none()))
        && !words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
        && !is_heading_name(name)
}

/// Trims whitespace after a label; returns (bytes skipped, rest is empty).
fn skip_space(rest: &str) -> (usize, bool) {
    let trimmed = rest.trim_start_matches(is_space);
    (rest.len() - trimmed.len(), trimmed.is_empty())
}

/// Hearing labels inside a line, each just after a sentence's end:
/// `… for which money was spent? Mr. SECORD. Yes.`, as a hearing saved as
/// a web page runs its source lines together. Only the unmistakable form is
/// taken here, a title and a surname in capitals (`Mr. SECORD.`,
/// `Chairman INOUYE.`), never `The Chairman.` that prose may say.
#[must_use]
pub fn inline_hearing_labels(line: &str, at: usize) -> Vec<Label> {
    let mut found = Vec::new();
    for space in memchr::memchr_iter(b' ', line.as_bytes()) {
        // Most spaces follow a letter: skip them before any slicing. A sentence
        // ends in `.?!` or `—` (last byte 0x94), perhaps behind `"`, `)`, `”`
        // (0x9D) or `’` (0x99).
        if space == 0 || !matches!(line.as_bytes()[space - 1], b'.' | b'?' | b'!' | b'"' | b')' | 0x94 | 0x99 | 0x9D) {
            continue;
        }
        let before = line[..space].trim_end_matches(['"', '”', '’', ')']);
        if !before.ends_with(['.', '?', '!', '—']) {
            continue;
        }
        let rest = &line[space + 1..];
        if !rest.split(' ').next().is_some_and(|w| HEARING_TITLES.contains(&w)) {
            continue;
        }
        let surname_in_caps = |l: &Label| {
            l.name
                .split_whitespace()
                .skip(1)
                .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase))
        };
        if let Some(label) = parse(rest, at + space + 1).filter(|l| l.form == LabelForm::Hearing && surname_in_caps(l))
        {
            found.push(label);
        }
    }
    found
}

/// Recognises a label at the start of `line`, which begins at byte `at` of
/// the text and has its indentation (and any line number) already removed.
#[must_use]
#[allow(clippy::too_many_lines, reason = "one grammar, its forms tried top to bottom in order of precedence")]
pub fn parse(line: &str, at: usize) -> Option<Label> {
    let make = |name: String, role, form, end: usize, strong| {
        let (skipped, alone) = skip_space(&line[end..]);
        let _ = skipped;
        Some(Label { name, role, form, range: ByteRange::new(at, at + end), alone, strong })
    };
    let first = line.chars().next()?;
    // A label is short: look for its punctuation only near the start of the line.
    let head = &line[..crate::text::floor_char_boundary(line, LABEL_SEARCH_BYTES)];

    // WebVTT voice: <v Name> or <v.class Name>
    if let Some(rest) = line.strip_prefix("<v") {
        let close = rest.find('>')?;
        let inside = &rest[..close];
        let name = if let Some(classed) = inside.strip_prefix('.') {
            classed.split_once(' ')?.1
        } else {
            inside.strip_prefix(' ')?
        };
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        return make(name.to_owned(), None, LabelForm::Voice, 2 + close + 1, true);
    }

    // [00:00:15] Name: text
    if let Some(stamp) = bracketed_timestamp_len(line) {
        let rest = &line[stamp..];
        let (gap, _) = skip_space(rest);
        let rest = &rest[gap..];
        let colon = rest[..crate::text::floor_char_boundary(rest, LABEL_SEARCH_BYTES)].find(':')?;
        let name = &rest[..colon];
        if (mixed_name(name) || caps_name(name).is_some()) && rest[colon + 1..].starts_with(is_space) {
            return make(name.trim().to_owned(), None, LabelForm::Timestamped, stamp + gap + colon + 1, true);
        }
        return None;
    }

    // SRT dialogue dash: - NAME: text
    if let Some(rest) = line.strip_prefix("- ") {
        let mut label = parse(rest, at + 2)?;
        label.range.start = at;
        return (label.form == LabelForm::CapsColon).then_some(label);
    }

    if !(first.is_uppercase() || first == '#') {
        return None;
    }

    // Q and A, bare or punctuated.
    for (word, form) in [
        ("QUESTION", LabelForm::Question),
        ("ANSWER", LabelForm::Answer),
        ("Q", LabelForm::Question),
        ("A", LabelForm::Answer),
    ] {
        let Some(rest) = line.strip_prefix(word) else {
            continue;
        };
        let (end, strong) = if let Some(after) = rest.strip_prefix([':', '.']) {
            if !(after.is_empty() || after.starts_with(is_space)) {
                continue;
            }
            (word.len() + 1, true)
        } else if rest.is_empty() {
            (word.len(), form == LabelForm::Question && word == "Q")
        } else if rest.starts_with(['\u{a0}', '\t']) || rest.starts_with("  ") {
            (word.len(), true)
        } else if word.len() == 1 && rest.starts_with(' ') && rest[1..].starts_with(char::is_uppercase) && word == "Q" {
            (word.len(), false)
        } else {
            continue;
        };
        if word.len() > 1 && !rest.starts_with(':') {
            continue;
        }
        return make(word.to_owned(), None, form, end, strong);
    }

    // Speaker 1 / Speaker 2 (00:01:02):
    if let Some(rest) = line.strip_prefix("Speaker ") {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && digits <= 3 {
            let mut end = "Speaker ".len() + digits;
            let after = &line[end..];
            let (gap, _) = skip_space(after);
            if let Some(stamp) = bracketed_timestamp_len(&after[gap..]).or_else(|| timestamp_len(&after[gap..])) {
                end += gap + stamp;
            }
            if line[end..].starts_with(':') {
                end += 1;
            }
            let (_, alone) = skip_space(&line[end..]);
            if alone || line[..end].ends_with(':') {
                return make(line[.."Speaker ".len() + digits].to_owned(), None, LabelForm::Numbered, end, true);
            }
        }
    }

    // BY MR. KESSLER:
    if let Some(rest) = line.strip_prefix("BY ") {
        let colon = rest[..crate::text::floor_char_boundary(rest, LABEL_SEARCH_BYTES)].find(':')?;
        let (name, _) = caps_name(&rest[..colon])?;
        return make(name, None, LabelForm::Examiner, 3 + colon + 1, true);
    }

    // Name (00:01:23): on its own line, or Name  0:03
    if let Some(open) = head.find(['(', '[']) {
        let name = line[..open].trim_end();
        if let Some(stamp) = bracketed_timestamp_len(&line[open..])
            && (mixed_name(name) || caps_name(name).is_some())
        {
            let mut end = open + stamp;
            if line[end..].starts_with(':') {
                end += 1;
            }
            return make(name.to_owned(), None, LabelForm::Timestamped, end, true);
        }
    }
    if let Some(gap) = memchr::memmem::find(head.as_bytes(), b"  ") {
        let name = &line[..gap];
        let rest = line[gap..].trim_start();
        if let Some(stamp) = timestamp_len(rest)
            && rest[stamp..].trim().is_empty()
            && mixed_name(name)
        {
            return make(name.to_owned(), None, LabelForm::Timestamped, line.len() - rest.len() + stamp, true);
        }
    }

    // NAME: text — caps, or mixed case with a time stamp after it
    if let Some(colon) = head.find(':') {
        let name = &line[..colon];
        let after = &line[colon + 1..];
        if after.is_empty() || after.starts_with(is_space) {
            let caption_layout = name.contains("  ") || name.trim_end().ends_with(',');
            if let Some((person, role)) = caps_name(name).filter(|_| !caption_layout) {
                // `SEED SECURITY: OVERSIGHT OF …` is a heading written in two parts.
                // The lower-case test first: it ends at the first word of a real turn.
                // Only cased letters shout: a turn in Chinese or Japanese has none.
                let shouting = !after.chars().any(char::is_lowercase)
                    && after.chars().filter(|c| c.is_uppercase()).nth(2).is_some();
                if is_heading_name(&person) || shouting {
                    return make(person, role, LabelForm::HeadingLike, colon + 1, false);
                }
                let (gap, alone) = skip_space(after);
                // `ANNA RUSSO, HOST:` names a role: a label even alone on its line.
                let strong = (!alone && gap > 0) || role.is_some();
                return make(person, role, LabelForm::CapsColon, colon + 1, strong);
            }
            if mixed_name(name) && !is_heading_name(name) {
                let (gap, alone) = skip_space(after);
                let rest = &after[gap..];
                if let Some(stamp) = bracketed_timestamp_len(rest) {
                    return make(name.to_owned(), None, LabelForm::Timestamped, colon + 1 + gap + stamp, true);
                }
                if !alone {
                    return make(name.to_owned(), None, LabelForm::MixedColon, colon + 1, false);
                }
            }
            if let Some((person, role, titled)) = bracketed_name(name)
                && !skip_space(after).1
            {
                return make(person, Some(role), LabelForm::MixedColon, colon + 1, titled);
            }
        }
    }

    // Mr. SMITH. / The CHAIRMAN. / Mr. HALVORSEN [presiding].  and  HAMLET. / MRS. PIKE.
    let end = period_label_end(line)?;
    let name = line[..end - 1].trim();
    let name = match name.find(" [") {
        Some(open) if name.ends_with(']') => name[..open].trim(),
        _ => name,
    };
    let name_words: Vec<&str> = name.split_whitespace().collect();
    if name_words.len() > 6 {
        return None;
    }
    let titled = name_words.len() >= 2
        && HEARING_TITLES.contains(&name_words[0])
        && name_words[1..].iter().all(|w| is_caps_word(w) || is_particle(w))
        && name_words[name_words.len() - 1].chars().filter(|c| c.is_alphabetic()).count() >= 2;
    // `The Chairman.` as some hearing transcripts write it.
    let office = name_words.len() == 2 && name_words[0] == "The" && OFFICES.contains(&name_words[1]);
    if (titled || office) && !is_heading_name(&name_words[1..].join(" ")) {
        return make(name.to_owned(), None, LabelForm::Hearing, end, true);
    }
    // `Senator Quint. Thank you.` as some Senate records set it: a label only
    // in a document that is a hearing by other signs (the plan decides).
    let capitalised =
        |w: &&str| w.chars().next().is_some_and(char::is_uppercase) && w.chars().skip(1).any(char::is_lowercase);
    let mixed_titled = (2..=4).contains(&name_words.len())
        && name_words[0] != "The"
        && HEARING_TITLES.contains(&name_words[0])
        && name_words[1..].iter().all(|w| capitalised(w) || is_particle(w))
        && !line[end..].trim().is_empty();
    if mixed_titled && !is_heading_name(&name_words[1..].join(" ")) {
        return make(name.to_owned(), None, LabelForm::Hearing, end, false);
    }
    if let Some((person, None)) = caps_name(name)
        && !is_heading_name(&person)
        && person.chars().filter(|c| c.is_alphabetic()).count() >= 2
    {
        return make(person, None, LabelForm::CapsPeriod, end, false);
    }
    None
}

/// Abbreviations whose period does not end a label: the `.` of `MR.` in `MR. SMITH.`.
fn is_abbreviation(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "mr" | "ms" | "mrs" | "dr" | "st" | "jr" | "sr" | "prof" | "gen" | "rep" | "sen" | "hon"
    )
}

/// **Byte** offset just past the period that ends a `NAME.` label, if one
/// does within the first few words.
fn period_label_end(line: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = line[from..crate::text::floor_char_boundary(line, LABEL_SEARCH_BYTES).max(from)].find('.') {
        let at = from + found;
        if at > 80 {
            return None;
        }
        let after = &line[at + 1..];
        let before = line[..at].rsplit([' ', '.']).next().unwrap_or("");
        // `ROBERT A. LONG`: a lone capital after other words is an initial,
        // while a lone `Q.` or `A.` opening the line is a label.
        let initial = before.chars().count() == 1 && line[..at - before.len()].trim().chars().any(char::is_alphabetic);
        if (after.is_empty() || after.starts_with(is_space)) && !is_abbreviation(before) && !initial {
            return Some(at + 1);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests;
