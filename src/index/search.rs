//! Running a query: tantivy finds and ranks the passages (BM25); the
//! snippet is cut from the article's own text around the first match, with
//! every matching word highlighted (prefixes and phrases included, which
//! tantivy's snippet generator does not do for prefix queries).

use std::collections::{HashMap, HashSet};
use std::ops::Bound;
use std::sync::Arc;

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, RangeQuery, RegexQuery, TermQuery, TermSetQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Order, TantivyDocument, Term};

use super::query::{Clause, Query, QueryError};
use super::schema::who;
use super::{IndexError, LibraryIndex};
use crate::document::Document;

/// **Bytes** of articles' texts kept after a query: as a query is typed, or
/// a list gone through, the same articles are asked for again and again, and
/// reading one (parsing it) is much of a query's time.
pub(super) const RECENT_TEXTS: usize = 32 << 20;

/// Characters of context before the first match in a snippet.
const BEFORE: usize = 60;
/// Characters a snippet holds at most.
const SNIPPET_CHARS: usize = 200;

/// Part of a passage around its first match.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// One line (line breaks become spaces); `…` marks a cut.
    pub text: String,
    /// **Byte** ranges of `text` to highlight.
    pub highlights: Vec<(usize, usize)>,
}

/// One passage found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    /// The article's path relative to the library.
    pub article: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub speaker: Option<String>,
    /// The person the speaker is across the library (`None` for a role or narration).
    pub person: Option<String>,
    /// **Byte** range of the passage in the article's normalised text.
    pub start: usize,
    pub end: usize,
    pub score: f32,
    pub snippet: Snippet,
}

/// The tokens a word of the query stands for, as the index tokenized the text.
fn tokens(index: &tantivy::Index, field: tantivy::schema::Field, text: &str) -> Vec<String> {
    let Ok(mut analyzer) = index.tokenizer_for_field(field) else { return Vec::new() };
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

fn escape_regex(text: &str) -> String {
    text.chars().fold(String::new(), |mut s, c| {
        if !c.is_alphanumeric() {
            s.push('\\');
        }
        s.push(c);
        s
    })
}

/// What to highlight: whole tokens and token prefixes.
#[derive(Default)]
struct Marks {
    words: HashSet<String>,
    prefixes: Vec<String>,
}

impl LibraryIndex {
    fn text_query(&self, clause: &Clause, marks: &mut Marks) -> Option<Box<dyn tantivy::query::Query>> {
        let f = self.fields.text;
        let term = |t: &str| Term::from_field_text(f, t);
        let (text, prefix) = match clause {
            Clause::Word(w) | Clause::Phrase(w) => (w, false),
            Clause::Prefix(w) => (w, true),
        };
        let mut toks = tokens(&self.index, f, text);
        let last = if prefix { toks.pop() } else { None };
        marks.words.extend(toks.iter().cloned());
        let mut parts: Vec<Box<dyn tantivy::query::Query>> = Vec::new();
        match toks.len() {
            0 => {}
            1 => parts.push(Box::new(TermQuery::new(term(&toks[0]), IndexRecordOption::WithFreqs))),
            _ => parts.push(Box::new(PhraseQuery::new(toks.iter().map(|t| term(t)).collect()))),
        }
        if let Some(stem) = last {
            marks.prefixes.push(stem.clone());
            parts.push(Box::new(RegexQuery::from_pattern(&format!("{}.*", escape_regex(&stem)), f).ok()?));
        }
        match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(Box::new(BooleanQuery::new(parts.into_iter().map(|q| (Occur::Must, q)).collect()))),
        }
    }

    /// The tantivy query for `q`, and what to highlight.
    fn build(&self, q: &Query) -> Result<(Box<dyn tantivy::query::Query>, Marks), IndexError> {
        let mut marks = Marks::default();
        let mut must: Vec<(Occur, Box<dyn tantivy::query::Query>)> = Vec::new();
        for clause in &q.clauses {
            if let Some(query) = self.text_query(clause, &mut marks) {
                must.push((Occur::Must, query));
            }
        }
        for name in &q.speakers {
            let terms = self.speaker_terms(name);
            if terms.is_empty() {
                return Err(QueryError::NoSuchSpeaker(name.clone()).into());
            }
            must.push((Occur::Must, Box::new(TermSetQuery::new(terms))));
        }
        if q.after.is_some() || q.before.is_some() {
            let day = |n: u64| Term::from_field_u64(self.fields.day, n);
            // Undated articles (day 0) never pass a date filter.
            let low = Bound::Included(day(q.after.unwrap_or(1)));
            let high = q.before.map_or(Bound::Unbounded, |b| Bound::Included(day(b)));
            must.push((Occur::Must, Box::new(RangeQuery::new(low, high))));
        }
        for source in &q.sources {
            for t in tokens(&self.index, self.fields.source, source) {
                let term = Term::from_field_text(self.fields.source, &t);
                must.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
            }
        }
        if let Some(kind) = &q.kind {
            let term = Term::from_field_text(self.fields.kind, kind);
            must.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
        }
        if must.is_empty() {
            return Err(QueryError::Empty.into());
        }
        Ok((Box::new(BooleanQuery::new(must)), marks))
    }

    /// The `who` terms of everyone a `speaker:` filter names: the person's
    /// forms across the library, or, for a role, that role in every article.
    fn speaker_terms(&self, name: &str) -> Vec<Term> {
        let (directory, _) = self.people();
        let pairs: Vec<(String, String)> = match directory.find(name) {
            Some(person) if !directory.people[person].role => {
                directory.forms_of(person).into_iter().map(|(a, s)| (a.to_owned(), s.to_owned())).collect()
            }
            _ => {
                let wanted = name.trim().to_lowercase();
                directory
                    .mentions
                    .iter()
                    .filter(|m| {
                        m.speaker.to_lowercase() == wanted || m.aliases.iter().any(|a| a.to_lowercase() == wanted)
                    })
                    .map(|m| (m.article.clone(), m.speaker.clone()))
                    .collect()
            }
        };
        pairs.iter().map(|(a, s)| Term::from_field_text(self.fields.who, &who(a, s))).collect()
    }

    /// The best `limit` passages for `query`, best first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, IndexError> {
        let parsed = super::query::parse(query)?;
        let (tq, marks) = self.build(&parsed)?;
        let searcher = self.reader.searcher();
        let found = searcher.search(&*tq, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        self.hits(&searcher, found, &marks)
    }

    /// A person's passages across the library, oldest first (`limit` at most).
    pub fn passages_of(&self, person: &str, limit: usize) -> Result<Vec<Hit>, IndexError> {
        let terms = self.speaker_terms(person);
        if terms.is_empty() {
            return Err(QueryError::NoSuchSpeaker(person.to_owned()).into());
        }
        let searcher = self.reader.searcher();
        let query = TermSetQuery::new(terms);
        let found =
            searcher.search(&query, &TopDocs::with_limit(limit.max(1)).order_by_u64_field("day", Order::Asc))?;
        let mut hits =
            self.hits(&searcher, found.into_iter().map(|(_, addr)| (0.0, addr)).collect(), &Marks::default())?;
        hits.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.article.cmp(&b.article)).then(a.start.cmp(&b.start)));
        Ok(hits)
    }

    fn hits(
        &self,
        searcher: &tantivy::Searcher,
        found: Vec<(f32, DocAddress)>,
        marks: &Marks,
    ) -> Result<Vec<Hit>, IndexError> {
        let mut stored = Vec::with_capacity(found.len());
        for (score, addr) in found {
            if let Some(s) = self.stored(searcher, addr)? {
                stored.push((score, s));
            }
        }
        let mut texts = self.read_texts(stored.iter().map(|(_, s)| s));
        let mut hits = Vec::with_capacity(stored.len());
        for (score, stored) in stored {
            let passage = self.passage_text(&mut texts, &stored).unwrap_or_default();
            let snippet = snippet(&self.index, self.fields.text, passage, marks);
            hits.push(self.hit(stored, score, snippet));
        }
        Ok(hits)
    }

    /// What the index keeps of the passage at `addr`; `None` for a document without an article.
    pub(super) fn stored(&self, searcher: &tantivy::Searcher, addr: DocAddress) -> Result<Option<Stored>, IndexError> {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let text_of = |f| doc.get_first(f).and_then(|v| v.as_str()).map(str::to_owned);
        let u64_of = |f| doc.get_first(f).and_then(|v| v.as_u64()).unwrap_or(0) as usize;
        let Some(article) = text_of(self.fields.path) else { return Ok(None) };
        Ok(Some(Stored {
            article,
            speaker: text_of(self.fields.speaker),
            start: u64_of(self.fields.start),
            end: u64_of(self.fields.end),
        }))
    }

    /// The texts of the articles of `passages`: those read lately kept, the
    /// others read on every core (reading and parsing is most of a query's time).
    pub(super) fn read_texts<'a>(&self, passages: impl Iterator<Item = &'a Stored>) -> Texts {
        let mut recent = self.recent.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut texts = Texts::new();
        let mut articles: Vec<&str> = Vec::new();
        for article in passages.map(|s| s.article.as_str()) {
            if texts.contains_key(article) || articles.contains(&article) {
                continue;
            }
            match recent.iter().position(|(a, _)| a == article) {
                Some(i) => {
                    // Most recently used last.
                    let entry = recent.remove(i);
                    texts.insert(entry.0.clone(), entry.1.clone());
                    recent.push(entry);
                }
                None => articles.push(article),
            }
        }
        let threads = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, 4);
        let chunk = articles.len().div_ceil(threads).max(1);
        let read = |article: &str| {
            let path = self.base().join(article);
            Document::load_with_limit(&path, self.location.max_file_bytes).ok().map(|d| Arc::from(d.text))
        };
        let read: Vec<(String, Option<Arc<str>>)> = std::thread::scope(|scope| {
            let workers: Vec<_> = articles
                .chunks(chunk)
                .map(|some| scope.spawn(move || some.iter().map(|a| ((*a).to_owned(), read(a))).collect::<Vec<_>>()))
                .collect();
            workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
        });
        for (article, text) in read {
            texts.insert(article.clone(), text.clone());
            recent.push((article, text));
        }
        // The least recently used go first, the last one read always stays.
        let mut kept: usize = recent.iter().map(|(_, t)| t.as_ref().map_or(0, |t| t.len())).sum();
        while kept > RECENT_TEXTS && recent.len() > 1 {
            kept -= recent.remove(0).1.map_or(0, |t| t.len());
        }
        texts
    }

    /// The passage's text, read from its article (each article read once per `texts`);
    /// `None` when the article can no longer be read or has changed under the index.
    pub(super) fn passage_text<'t>(&self, texts: &'t mut Texts, stored: &Stored) -> Option<&'t str> {
        let text = texts.entry(stored.article.clone()).or_insert_with(|| {
            let path = self.base().join(&stored.article);
            Document::load_with_limit(&path, self.location.max_file_bytes).ok().map(|d| Arc::from(d.text))
        });
        text.as_deref().and_then(|t| t.get(stored.start..stored.end))
    }

    /// A hit for `stored`: its article's title, date and source from the manifest, its person from the people.
    pub(super) fn hit(&self, stored: Stored, score: f32, snippet: Snippet) -> Hit {
        let (directory, _) = self.people();
        let Stored { article, speaker, start, end } = stored;
        let entry = self.manifest.articles.get(&article);
        let person = speaker.as_ref().and_then(|s| {
            directory
                .people
                .iter()
                .find(|p| {
                    !p.role
                        && p.mentions
                            .iter()
                            .any(|&m| directory.mentions[m].article == article && directory.mentions[m].speaker == *s)
                })
                .map(|p| p.name.clone())
        });
        Hit {
            title: entry.map(|e| e.title.clone()).unwrap_or_default(),
            date: entry.and_then(|e| e.date.clone()),
            source: entry.and_then(|e| e.source.clone()),
            article,
            speaker,
            person,
            start,
            end,
            score,
            snippet,
        }
    }
}

/// Articles' texts read so far, by index key (`None`: unreadable).
pub(super) type Texts = HashMap<String, Option<Arc<str>>>;

/// A passage as the index stores it.
pub(super) struct Stored {
    pub article: String,
    pub speaker: Option<String>,
    /// **Byte** range in the article's normalised text.
    pub start: usize,
    pub end: usize,
}

/// The snippet of `passage`: from a little before its first match, highlighted.
fn snippet(index: &tantivy::Index, field: tantivy::schema::Field, passage: &str, marks: &Marks) -> Snippet {
    let mut spans = Vec::new();
    if let Ok(mut analyzer) = index.tokenizer_for_field(field) {
        let mut stream = analyzer.token_stream(passage);
        while stream.advance() {
            let t = stream.token();
            if marks.words.contains(&t.text) || marks.prefixes.iter().any(|p| t.text.starts_with(p.as_str())) {
                spans.push((t.offset_from, t.offset_to));
            }
        }
    }
    cut_snippet(passage, &spans)
}

/// The snippet of `passage` around `spans` (**byte** ranges of `passage`, in
/// order): from a little before the first, each highlighted.
pub(super) fn cut_snippet(passage: &str, spans: &[(usize, usize)]) -> Snippet {
    let first = spans.first().map_or(0, |s| s.0);
    let start = passage[..first].char_indices().rev().nth(BEFORE).map_or(0, |(i, _)| i);
    let end = passage[start..].char_indices().nth(SNIPPET_CHARS).map_or(passage.len(), |(i, _)| start + i);
    let lead = if start > 0 { "…" } else { "" };
    let mut text = format!("{lead}{}", passage[start..end].replace(['\n', '\r', '\t'], " "));
    if end < passage.len() {
        text.push('…');
    }
    let highlights = spans
        .iter()
        // A long quote's highlight is cut with the snippet rather than dropped.
        .filter(|&&(a, b)| a < end && b > start)
        .map(|&(a, b)| (a.max(start) - start + lead.len(), b.min(end) - start + lead.len()))
        .collect();
    Snippet { text, highlights }
}
