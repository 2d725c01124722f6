//! The search language: words (all must occur), `"phrases"`, `prefix*`, and
//! filters `speaker:"Name"`, `after:2025-03-01` (from that day on),
//! `before:2025-06-30` (up to that day), `source:Name`, `kind:transcript`
//! or `kind:news`. Filters combine with each other and with words.

use super::schema::day_number;

/// One condition on the passage's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Clause {
    Word(String),
    Phrase(String),
    Prefix(String),
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
    pub speakers: Vec<String>,
    /// `YYYYMMDD`, inclusive.
    pub after: Option<u64>,
    pub before: Option<u64>,
    pub sources: Vec<String>,
    pub kind: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("an empty search: give words, \"a phrase\", a prefix* or a filter")]
    Empty,
    #[error("{filter}: wants a date like 2025-03-01, not {value:?}")]
    BadDate { filter: &'static str, value: String },
    #[error("kind: is transcript or news, not {0:?}")]
    BadKind(String),
    #[error("speaker:{0:?}: nobody in the library by that name")]
    NoSuchSpeaker(String),
}

/// Splits a query into pieces: whitespace separates them, except inside
/// double quotes (`speaker:"Karine Jean-Pierre"`, `"port security"`).
fn pieces(query: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in query.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn unquote(value: &str) -> String {
    value.trim_matches('"').to_owned()
}

fn date(filter: &'static str, value: &str) -> Result<u64, QueryError> {
    let value = unquote(value);
    let ok = value.len() == 10 && value.as_bytes()[4] == b'-' && value.as_bytes()[7] == b'-';
    match day_number(Some(&value)) {
        n if ok && n > 0 => Ok(n),
        _ => Err(QueryError::BadDate { filter, value }),
    }
}

/// Parses a query (see the module's documentation).
pub fn parse(query: &str) -> Result<Query, QueryError> {
    let mut q = Query::default();
    for piece in pieces(query) {
        let filter = piece.split_once(':').filter(|(k, _)| !k.starts_with('"'));
        match filter.map(|(k, v)| (k.to_ascii_lowercase(), v)) {
            Some((k, v)) if k == "speaker" && !v.is_empty() => q.speakers.push(unquote(v)),
            Some((k, v)) if k == "after" => q.after = Some(date("after:", v)?),
            Some((k, v)) if k == "before" => q.before = Some(date("before:", v)?),
            Some((k, v)) if k == "source" && !v.is_empty() => q.sources.push(unquote(v)),
            Some((k, v)) if k == "kind" => match unquote(v).to_lowercase().as_str() {
                kind @ ("transcript" | "news") => q.kind = Some(kind.to_owned()),
                other => return Err(QueryError::BadKind(other.to_owned())),
            },
            _ if piece.starts_with('"') => {
                let phrase = unquote(&piece);
                if !phrase.trim().is_empty() {
                    q.clauses.push(Clause::Phrase(phrase));
                }
            }
            _ => match piece.strip_suffix('*') {
                Some(stem) if !stem.is_empty() => q.clauses.push(Clause::Prefix(stem.to_owned())),
                Some(_) => {}
                None => q.clauses.push(Clause::Word(piece)),
            },
        }
    }
    let filtered = !q.speakers.is_empty() || q.after.is_some() || q.before.is_some() || !q.sources.is_empty();
    if q.clauses.is_empty() && !filtered && q.kind.is_none() {
        return Err(QueryError::Empty);
    }
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_parsed() {
        let q = parse(r#"port "harbour security" secur* speaker:"Karine Jean-Pierre" after:2025-03-01 before:2025-06-30 source:Reuters kind:news 港 🚢"#)
            .unwrap();
        assert_eq!(
            q.clauses,
            vec![
                Clause::Word("port".into()),
                Clause::Phrase("harbour security".into()),
                Clause::Prefix("secur".into()),
                Clause::Word("港".into()),
                Clause::Word("🚢".into()),
            ]
        );
        assert_eq!(q.speakers, vec!["Karine Jean-Pierre"]);
        assert_eq!((q.after, q.before), (Some(20_250_301), Some(20_250_630)));
        assert_eq!(q.sources, vec!["Reuters"]);
        assert_eq!(q.kind.as_deref(), Some("news"));
    }

    #[test]
    fn bad_queries_say_why() {
        let cases: &[(&str, QueryError)] = &[
            ("", QueryError::Empty),
            ("   *  \"\" ", QueryError::Empty),
            ("after:March", QueryError::BadDate { filter: "after:", value: "March".into() }),
            ("before:2025-3-1", QueryError::BadDate { filter: "before:", value: "2025-3-1".into() }),
            ("kind:blog", QueryError::BadKind("blog".into())),
        ];
        for (query, want) in cases {
            assert_eq!(parse(query).unwrap_err(), *want, "{query:?}");
        }
        // An unclosed quote runs to the end; a colon inside words is a word.
        assert_eq!(parse("\"port secur").unwrap().clauses, vec![Clause::Phrase("port secur".into())]);
        assert_eq!(parse("10:30").unwrap().clauses, vec![Clause::Word("10:30".into())]);
    }
}
