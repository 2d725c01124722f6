//! From glyphs placed on a page to lines of text in reading order, laid out
//! the way text copied out of a PDF viewer looks: one line per printed line,
//! indentation and wide gaps kept as spaces (so a transcript's line numbers
//! stay in front of their lines), two columns read one after the other, and
//! a word hyphenated at a line's end joined again.
//!
//! Positions are in PDF points with y growing **up** the page, as the PDF
//! itself has them.

/// One glyph as the PDF draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    /// Left edge of the glyph, in **points**.
    pub x: f64,
    /// Baseline, in **points** from the bottom of the page.
    pub y: f64,
    /// How far the pen moves after the glyph, in **points**.
    pub advance: f64,
    /// The font's size on the page, in **points**.
    pub size: f64,
    /// The character(s) the glyph stands for.
    pub text: String,
}

/// A piece of a printed line: glyphs with no wide gap between them.
#[derive(Clone, Debug)]
struct Segment {
    /// Left and right edges, in **points**.
    start: f64,
    end: f64,
    text: String,
}

/// A printed line: its baseline and its segments, left to right.
#[derive(Clone, Debug)]
struct Line {
    y: f64,
    segments: Vec<Segment>,
}

/// A gap wider than this many font sizes separates segments (columns, a
/// line number and its line); a narrower one is at most a space.
const WIDE_GAP_EMS: f64 = 0.9;
/// A gap wider than this many font sizes between glyphs is a space.
const SPACE_GAP_EMS: f64 = 0.15;

/// The page's text, one printed line per line, in reading order.
#[must_use]
pub fn page_text(glyphs: &[Glyph]) -> Vec<String> {
    let lines = lines_of(glyphs);
    if lines.is_empty() {
        return Vec::new();
    }
    let unit = char_width(glyphs);
    let left = lines.iter().filter_map(|l| l.segments.first()).map(|s| s.start).fold(f64::INFINITY, f64::min);
    let ordered = match gutter(&lines) {
        Some(gutter) => by_columns(lines, gutter),
        None => lines,
    };
    ordered.iter().map(|line| render(line, left, unit)).collect()
}

/// Groups glyphs into lines by baseline, top of the page first.
fn lines_of(glyphs: &[Glyph]) -> Vec<Line> {
    let mut sorted: Vec<&Glyph> = glyphs.iter().filter(|g| g.x.is_finite() && g.y.is_finite()).collect();
    sorted.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<(f64, Vec<&Glyph>)> = Vec::new();
    for glyph in sorted {
        let tolerance = glyph.size.abs().max(1.0) * 0.3;
        match rows.last_mut() {
            Some((y, row)) if (*y - glyph.y).abs() <= tolerance => row.push(glyph),
            _ => rows.push((glyph.y, vec![glyph])),
        }
    }
    rows.into_iter()
        .filter_map(|(y, mut row)| {
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            let segments = segments_of(&row);
            (!segments.is_empty()).then_some(Line { y, segments })
        })
        .collect()
}

/// Splits a line's glyphs (left to right) at wide gaps, putting spaces
/// where narrower gaps separate words.
fn segments_of(row: &[&Glyph]) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    let mut pen: Option<f64> = None;
    for glyph in row {
        let size = glyph.size.abs().max(1.0);
        let blank = glyph.text.trim().is_empty();
        let end = glyph.x + glyph.advance.max(0.0);
        match (segments.last_mut(), pen) {
            (Some(segment), Some(at)) if glyph.x - at < WIDE_GAP_EMS * size || blank => {
                if glyph.x - at > SPACE_GAP_EMS * size && !segment.text.ends_with(' ') && !blank {
                    segment.text.push(' ');
                }
                if blank {
                    if !segment.text.ends_with(' ') {
                        segment.text.push(' ');
                    }
                } else {
                    segment.text.push_str(&glyph.text);
                    segment.end = end;
                }
            }
            _ if blank => continue,
            _ => segments.push(Segment { start: glyph.x, end, text: glyph.text.clone() }),
        }
        pen = Some(end.max(pen.unwrap_or(end)));
    }
    for segment in &mut segments {
        let kept = segment.text.trim_end().len();
        segment.text.truncate(kept);
    }
    segments.retain(|s| !s.text.is_empty());
    segments
}

/// The typical width of a character, in **points**: indentation and wide
/// gaps become this many spaces.
fn char_width(glyphs: &[Glyph]) -> f64 {
    let mut widths: Vec<f64> = glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty() && g.advance.is_finite() && g.advance > 0.0)
        .map(|g| g.advance / g.text.chars().count().max(1) as f64)
        .collect();
    if widths.is_empty() {
        return 6.0;
    }
    widths.sort_by(f64::total_cmp);
    widths[widths.len() / 2].max(1.0)
}

/// An empty vertical band between two columns of text, as (left, right) in
/// **points**, if the page has one: no line crosses it (bar a title or two),
/// and several lines lie on each side of it.
#[allow(clippy::cast_sign_loss)] // Every cast value is clamped to 0 or more first.
fn gutter(lines: &[Line]) -> Option<(f64, f64)> {
    // Coverage of the text's width, in bins of two points.
    const BIN: f64 = 2.0;
    let left = lines.iter().filter_map(|l| l.segments.first()).map(|s| s.start).fold(f64::INFINITY, f64::min);
    let right = lines.iter().filter_map(|l| l.segments.last()).map(|s| s.end).fold(f64::NEG_INFINITY, f64::max);
    let span = right - left;
    if lines.len() < 4 || !span.is_finite() || span <= 0.0 {
        return None;
    }
    let bins = ((span / BIN).ceil().max(0.0) as usize).min(4096);
    let mut covered = vec![0usize; bins + 1];
    for line in lines {
        for s in &line.segments {
            let from = (((s.start - left) / BIN).floor().max(0.0) as usize).min(bins);
            let to = (((s.end - left) / BIN).ceil().max(0.0) as usize).min(bins);
            for count in &mut covered[from..=to] {
                *count += 1;
            }
        }
    }
    // A title or a footer may cross the gutter.
    let allowed = (lines.len() / 10).max(1);
    let (low, high) = (bins / 4, bins * 3 / 4);
    let mut best: Option<(usize, usize)> = None;
    let mut run_start = None;
    for (i, count) in covered.iter().enumerate().take(high + 1).skip(low) {
        match (*count <= allowed, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(start)) => {
                if best.is_none_or(|(a, b)| i - start > b - a) {
                    best = Some((start, i));
                }
                run_start = None;
            }
            _ => {}
        }
    }
    if let Some(start) = run_start
        && best.is_none_or(|(a, b)| high + 1 - start > b - a)
    {
        best = Some((start, high + 1));
    }
    let (a, b) = best?;
    let (gap_left, gap_right) = (left + a as f64 * BIN, left + b as f64 * BIN);
    if gap_right - gap_left < 8.0 {
        return None;
    }
    let on_left = lines.iter().filter(|l| l.segments.iter().any(|s| s.end <= gap_left)).count();
    let on_right = lines.iter().filter(|l| l.segments.iter().any(|s| s.start >= gap_right)).count();
    (on_left >= 3 && on_right * 4 >= lines.len()).then_some((gap_left, gap_right))
}

/// Lines in reading order for a two-column page: a line crossing the gutter
/// (a title, a footer) stands alone; between such lines the left column is
/// read down, then the right.
fn by_columns(lines: Vec<Line>, (gap_left, gap_right): (f64, f64)) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len() * 2);
    let mut left_column: Vec<Line> = Vec::new();
    let mut right_column: Vec<Line> = Vec::new();
    for line in lines {
        let crosses = line.segments.iter().any(|s| s.start < gap_right && s.end > gap_left);
        if crosses {
            out.append(&mut left_column);
            out.append(&mut right_column);
            out.push(line);
            continue;
        }
        let (l, r): (Vec<Segment>, Vec<Segment>) = line.segments.into_iter().partition(|s| s.end <= gap_left);
        if !l.is_empty() {
            left_column.push(Line { y: line.y, segments: l });
        }
        if !r.is_empty() {
            right_column.push(Line { y: line.y, segments: r });
        }
    }
    out.append(&mut left_column);
    out.append(&mut right_column);
    out
}

/// A line as text: indentation from the page's left edge and wide gaps as
/// spaces, so columns of a line (number, text) keep apart.
#[allow(clippy::cast_sign_loss)] // The gap is clamped to 0 or more first.
fn render(line: &Line, left: f64, unit: f64) -> String {
    let mut text = String::new();
    let mut pen = left;
    for (i, segment) in line.segments.iter().enumerate() {
        let gap = ((segment.start - pen) / unit).round().max(0.0) as usize;
        // Capped: a footer at the far right needs no page of spaces.
        let spaces = if i == 0 { gap.min(60) } else { gap.clamp(2, 60) };
        text.extend(std::iter::repeat_n(' ', spaces));
        text.push_str(&segment.text);
        pen = segment.end;
    }
    text
}

/// Joins words hyphenated at a line's end: `ordi-` / `nance reaches` becomes
/// `ordinance` / `reaches`. Only a lowercase letter before the hyphen and a
/// lowercase word after it count, so `Okonjo-` / `Reyes` and dashes stay.
/// A line number in front of the next line (a court transcript) is skipped.
pub fn join_hyphenated(lines: &mut [String]) {
    for i in 1..lines.len() {
        let (before, after) = lines.split_at_mut(i);
        let previous = &mut before[i - 1];
        let next = &mut after[0];
        let Some(stem) = previous.strip_suffix('-') else { continue };
        if !stem.chars().next_back().is_some_and(char::is_lowercase)
            || stem.chars().rev().nth(1).is_some_and(|c| c == '-' || c.is_whitespace())
        {
            continue;
        }
        let body_at = next.len() - next.trim_start().len();
        let numbered = next[body_at..].bytes().take_while(u8::is_ascii_digit).count();
        let word_at = if (1..=3).contains(&numbered) && next[body_at + numbered..].starts_with(' ') {
            let rest = &next[body_at + numbered..];
            body_at + numbered + (rest.len() - rest.trim_start().len())
        } else {
            body_at
        };
        let rest = &next[word_at..];
        if !rest.chars().next().is_some_and(char::is_lowercase) {
            continue;
        }
        let word_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = rest[..word_len].to_owned();
        previous.pop();
        previous.push_str(&word);
        let tail = rest[word_len..].trim_start().to_owned();
        next.truncate(word_at);
        next.push_str(&tail);
        let kept = next.trim_end().len();
        next.truncate(kept);
    }
}

#[cfg(test)]
mod tests;
