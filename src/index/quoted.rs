//! "Quoted elsewhere": for one passage, the passages of the library's other
//! articles that carry the same words — a story quoting a briefing, a
//! briefing the story paraphrases.
//!
//! Two steps. The index proposes candidates: phrase queries of runs of
//! [`SHINGLE`] words from the passage (only runs holding distinctive words),
//! and a BM25 query on the passage's rarer words that needs several of them
//! to match, so common words alone never bring a passage in. Then each
//! candidate is read from its article and compared word by word with the
//! passage, as the index tokenizes them (lower case, punctuation dropped: a
//! curly quote, a straight one and a line break all separate words alike):
//! - a **quote** shares a run of at least [`QUOTE_WORDS`] words in a row,
//!   [`QUOTE_DISTINCTIVE`] of them distinctive;
//! - a **paraphrase** shares at least [`MIN_SHARED_WORDS`] distinctive words
//!   making up [`MIN_OVERLAP`] of the shorter passage's distinctive
//!   vocabulary, each word weighted by its rarity (BM25's idf), within a
//!   stretch of the longer passage about as long as the shorter one.
//!
//! Distinctive means neither a function word, a piece of a contraction, a
//! filler of speech (`FUNCTION_WORDS`) nor, in a library of some size, a
//! word in more than a fifth of its passages.
//!
//! Anything else is dropped. Quotes come first, longest run first; then
//! paraphrases, closest first.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

use super::search::cut_snippet;
use super::{Hit, IndexError, LibraryIndex};
use crate::document::Document;
use crate::speaker::Attribution;
use crate::text::ByteRange;

/// Words in a row two passages must share for one to quote the other…
pub const QUOTE_WORDS: usize = 6;
/// …of which this many distinctive ("I don't want to speculate" is no quote).
pub const QUOTE_DISTINCTIVE: usize = 3;
/// Distinctive words a paraphrase must share with the passage.
pub const MIN_SHARED_WORDS: usize = 4;
/// Share of the shorter passage's distinctive vocabulary (weighted by rarity)
/// a paraphrase must have within a stretch of the longer one about as long.
pub const MIN_OVERLAP: f32 = 0.5;
/// Words in each phrase query.
const SHINGLE: usize = 5;
/// Phrase queries at most, spread over the passage.
const MAX_SHINGLES: usize = 40;
/// Rarest words of the passage the word query uses at most.
const MAX_WORDS: usize = 32;
/// Candidates read and compared at most.
const CANDIDATES: usize = 80;
/// A word in more than this share of the passages is common…
const COMMON_SHARE: f64 = 0.2;
/// …once the index holds this many passages (fewer say little about what is common).
const COMMON_MIN_PASSAGES: u64 = 50;

/// English words too common to tell passages apart, whatever the library:
/// function words, the pieces contractions split into (`don`, `t`), and the
/// fillers of speech ("I think", "going to", "you know") that transcripts share.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "actually", "after", "again", "ain", "all", "also", "am", "an", "and", "any", "are", "aren", "as",
    "at", "be", "been", "before", "being", "both", "but", "by", "can", "come", "could", "couldn", "d", "did", "didn",
    "do", "does", "doesn", "doing", "don", "down", "each", "even", "for", "from", "further", "get", "go", "going",
    "got", "had", "hadn", "has", "hasn", "have", "haven", "having", "he", "her", "here", "hers", "him", "his", "how",
    "i", "if", "in", "into", "is", "isn", "it", "its", "just", "know", "let", "like", "ll", "look", "lot", "m", "make",
    "me", "more", "most", "mr", "mrs", "ms", "much", "mustn", "my", "no", "nor", "not", "now", "of", "off", "oh", "ok",
    "okay", "on", "once", "one", "only", "or", "other", "our", "ours", "out", "over", "own", "people", "re", "really",
    "right", "s", "said", "same", "say", "saying", "says", "see", "shan", "she", "should", "shouldn", "so", "some",
    "such", "sure", "t", "tell", "than", "that", "the", "their", "them", "then", "there", "these", "they", "thing",
    "things", "think", "this", "those", "through", "time", "to", "too", "uh", "um", "under", "until", "up", "us", "ve",
    "very", "want", "was", "wasn", "way", "we", "well", "were", "weren", "what", "when", "where", "which", "while",
    "who", "whom", "why", "will", "with", "won", "would", "wouldn", "yeah", "yes", "you", "your", "yours",
];

/// How another passage carries the words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EchoKind {
    /// The same words in a row.
    Quote,
    /// Many of the same distinctive words, not in a row.
    Paraphrase,
}

/// A passage of another article that quotes or paraphrases the passage asked about.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Echo {
    /// The other passage: article, title, date, speaker, **byte** range, and a
    /// snippet with the shared words highlighted. `score` orders the list.
    #[serde(flatten)]
    pub hit: Hit,
    #[serde(rename = "match")]
    pub kind: EchoKind,
    /// **Byte** range in the other article's normalised text of what is
    /// shared: the longest run of words for a quote; from the first shared
    /// word to the last for a paraphrase.
    pub shared_start: usize,
    pub shared_end: usize,
    /// Words in the longest run the two passages share.
    pub run_words: usize,
    /// 0–1: how much of the shorter passage's distinctive vocabulary the
    /// longer one holds in a stretch about as long, weighted by rarity.
    pub overlap: f32,
}

/// The passage at **byte** `offset` of an article: its speaker's passage,
/// else the block (paragraph) around it.
#[must_use]
pub fn passage_range(doc: &Document, attribution: &Attribution, offset: usize) -> Option<ByteRange> {
    attribution
        .passage_at(offset)
        .map(|p| p.range)
        .or_else(|| doc.blocks.iter().find(|b| b.range.start <= offset && offset < b.range.end).map(|b| b.range))
        .filter(|r| !r.is_empty())
}

/// A word as the index sees it, with its **byte** range in the text it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Word {
    text: String,
    start: usize,
    end: usize,
}

fn words(index: &tantivy::Index, field: tantivy::schema::Field, text: &str) -> Vec<Word> {
    let Ok(mut analyzer) = index.tokenizer_for_field(field) else { return Vec::new() };
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push(Word { text: t.text.clone(), start: t.offset_from, end: t.offset_to });
    }
    out
}

/// How rare each word is in the index, looked up once per word.
struct Rarity<'s> {
    /// `None` in tests: every word not a function word is rare.
    searcher: Option<&'s Searcher>,
    field: tantivy::schema::Field,
    passages: u64,
    known: HashMap<String, Option<f32>>,
}

impl<'s> Rarity<'s> {
    fn new(searcher: &'s Searcher, field: tantivy::schema::Field) -> Self {
        Self { searcher: Some(searcher), field, passages: searcher.num_docs(), known: HashMap::new() }
    }

    /// The word's weight (BM25's idf), or `None` for a common word.
    fn weight(&mut self, word: &str) -> Option<f32> {
        if let Some(&known) = self.known.get(word) {
            return known;
        }
        let term = Term::from_field_text(self.field, word);
        let found = self.searcher.map_or(0, |s| s.doc_freq(&term).unwrap_or(0));
        let n = self.passages.max(found) as f64;
        let common = FUNCTION_WORDS.binary_search(&word).is_ok()
            || (self.passages >= COMMON_MIN_PASSAGES && found as f64 > COMMON_SHARE * n);
        let weight = (!common).then(|| ((n - found as f64 + 0.5) / (found as f64 + 0.5)).ln_1p() as f32);
        self.known.insert(word.to_owned(), weight);
        weight
    }
}

/// How a candidate compares with the passage.
#[derive(Debug, PartialEq)]
struct Comparison {
    kind: EchoKind,
    /// **Byte** range in the candidate of what is shared.
    shared: (usize, usize),
    run_words: usize,
    overlap: f32,
    /// **Byte** ranges in the candidate to highlight.
    spans: Vec<(usize, usize)>,
}

/// The runs of words `ours` and `theirs` share, at least `min` long and with
/// `distinctive` distinctive words: (start in ours, start in theirs, length), longest first.
fn shared_runs(
    ours: &[Word],
    theirs: &[Word],
    (min, distinctive): (usize, usize),
    rarity: &mut Rarity<'_>,
) -> Vec<(usize, usize, usize)> {
    if min < 2 || ours.len() < min || theirs.len() < min {
        return Vec::new();
    }
    // Where each pair of consecutive words starts in ours: a run is found from its first pair.
    let mut pairs: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, w) in ours.windows(2).enumerate() {
        pairs.entry((w[0].text.as_str(), w[1].text.as_str())).or_default().push(i);
    }
    let mut runs = Vec::new();
    for j in 0..theirs.len() - 1 {
        let Some(starts) = pairs.get(&(theirs[j].text.as_str(), theirs[j + 1].text.as_str())) else { continue };
        for &i in starts {
            // Only from the start of a run, not from inside one found already.
            if i > 0 && j > 0 && ours[i - 1].text == theirs[j - 1].text {
                continue;
            }
            let len = ours[i..].iter().zip(&theirs[j..]).take_while(|(a, b)| a.text == b.text).count();
            if len >= min
                && theirs[j..j + len].iter().filter(|w| rarity.weight(&w.text).is_some()).count() >= distinctive
            {
                runs.push((i, j, len));
            }
        }
    }
    runs.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
    runs
}

/// The distinctive words of `words` with their weights.
fn vocabulary(words: &[Word], rarity: &mut Rarity<'_>) -> HashMap<String, f32> {
    words.iter().filter_map(|w| rarity.weight(&w.text).map(|weight| (w.text.clone(), weight))).collect()
}

/// Where in `long` the words of `short` are densest: the stretch of `long`
/// about as long as `short` (half as long again) holding the most weight of
/// `vocabulary` (`short`'s distinctive words). Returns that weight, the
/// distinctive words found there, and the stretch as indexes into `long`
/// from the first shared word to the last.
fn densest(
    long: &[Word],
    short_len: usize,
    vocabulary: &HashMap<String, f32>,
) -> (f32, HashSet<String>, std::ops::Range<usize>) {
    let width = (short_len + short_len / 2).max(12).min(long.len());
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut weight = 0.0f32;
    let mut best = (0.0f32, 0);
    for (i, w) in long.iter().enumerate() {
        if let Some(&v) = vocabulary.get(&w.text) {
            let n = counts.entry(w.text.as_str()).or_default();
            *n += 1;
            if *n == 1 {
                weight += v;
            }
        }
        if i >= width
            && let Some(&v) = vocabulary.get(&long[i - width].text)
            && let Some(n) = counts.get_mut(long[i - width].text.as_str())
        {
            *n -= 1;
            if *n == 0 {
                weight -= v;
            }
        }
        let from = (i + 1).saturating_sub(width);
        if weight > best.0 + 1e-6 {
            best = (weight, from);
        }
    }
    let window = &long[best.1..(best.1 + width).min(long.len())];
    let found: HashSet<String> =
        window.iter().filter(|w| vocabulary.contains_key(&w.text)).map(|w| w.text.clone()).collect();
    let first = window.iter().position(|w| found.contains(&w.text)).unwrap_or(0);
    let last = window.iter().rposition(|w| found.contains(&w.text)).map_or(first, |p| p + 1);
    (best.0, found, best.1 + first..best.1 + last)
}

/// Compares a candidate passage with ours: a quote, a paraphrase, or nothing.
fn compare(ours: &[Word], theirs: &[Word], rarity: &mut Rarity<'_>) -> Option<Comparison> {
    let runs = shared_runs(ours, theirs, (QUOTE_WORDS, QUOTE_DISTINCTIVE), rarity);
    // The shorter passage's vocabulary, looked for in a stretch of the longer
    // one about as long: a long turn that holds the same words scattered over
    // pages paraphrases nothing.
    let ours_shorter = ours.len() <= theirs.len();
    let (short, long) = if ours_shorter { (ours, theirs) } else { (theirs, ours) };
    let sought = vocabulary(short, rarity);
    let total: f32 = sought.values().sum();
    let (weight, shared, stretch) = densest(long, short.len(), &sought);
    let overlap = if total > 0.0 { (weight / total).min(1.0) } else { 0.0 };
    if let Some(&(_, j, len)) = runs.first() {
        // Each run highlighted whole, punctuation and line breaks inside it included.
        let mut spans: Vec<(usize, usize)> =
            runs.iter().map(|&(_, j, len)| (theirs[j].start, theirs[j + len - 1].end)).collect();
        spans.sort_unstable();
        spans.dedup_by(|b, a| {
            b.0 <= a.1 && {
                a.1 = a.1.max(b.1);
                true
            }
        });
        return Some(Comparison {
            kind: EchoKind::Quote,
            shared: (theirs[j].start, theirs[j + len - 1].end),
            run_words: len,
            overlap,
            spans,
        });
    }
    if shared.len() < MIN_SHARED_WORDS || overlap < MIN_OVERLAP {
        return None;
    }
    // In their passage: the stretch itself when it is the longer one, else its words wherever they are.
    let spans: Vec<(usize, usize)> = if ours_shorter {
        theirs[stretch].iter().filter(|w| shared.contains(&w.text)).map(|w| (w.start, w.end)).collect()
    } else {
        theirs.iter().filter(|w| shared.contains(&w.text)).map(|w| (w.start, w.end)).collect()
    };
    let run_words = shared_runs(ours, theirs, (2, 0), rarity).first().map_or(1, |r| r.2);
    Some(Comparison {
        kind: EchoKind::Paraphrase,
        shared: (spans.first()?.0, spans.last()?.1),
        run_words,
        overlap,
        spans,
    })
}

impl LibraryIndex {
    /// The query proposing candidates for `ours`: its distinctive runs as
    /// phrases (boosted), its rarer words needing [`MIN_SHARED_WORDS`] to
    /// match; never a passage of `article` itself. `None` when the passage has
    /// nothing distinctive to look for.
    fn echo_query(&self, article: &str, ours: &[Word], rarity: &mut Rarity<'_>) -> Option<BooleanQuery> {
        let f = self.fields.text;
        let mut should: Vec<(Occur, Box<dyn tantivy::query::Query>)> = Vec::new();
        let mut seen = HashSet::new();
        let shingles: Vec<&[Word]> = ours
            .windows(SHINGLE)
            .filter(|w| w.iter().filter(|w| rarity.weight(&w.text).is_some()).count() >= 2)
            .filter(|w| seen.insert(w.iter().map(|w| w.text.as_str()).collect::<Vec<_>>()))
            .collect();
        let step = shingles.len().div_ceil(MAX_SHINGLES).max(1);
        for shingle in shingles.iter().step_by(step) {
            let phrase = PhraseQuery::new(shingle.iter().map(|w| Term::from_field_text(f, &w.text)).collect());
            should.push((Occur::Should, Box::new(BoostQuery::new(Box::new(phrase), 2.0))));
        }
        let mut rare: Vec<(String, f32)> = vocabulary(ours, rarity).into_iter().collect();
        rare.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        rare.truncate(MAX_WORDS);
        if rare.len() >= MIN_SHARED_WORDS {
            let terms: Vec<(Occur, Box<dyn tantivy::query::Query>)> = rare
                .iter()
                .map(|(w, _)| {
                    let q: Box<dyn tantivy::query::Query> =
                        Box::new(TermQuery::new(Term::from_field_text(f, w), IndexRecordOption::WithFreqs));
                    (Occur::Should, q)
                })
                .collect();
            should
                .push((Occur::Should, Box::new(BooleanQuery::with_minimum_required_clauses(terms, MIN_SHARED_WORDS))));
        }
        if should.is_empty() {
            return None;
        }
        let own = TermQuery::new(Term::from_field_text(self.fields.path, article), IndexRecordOption::Basic);
        should.push((Occur::MustNot, Box::new(own)));
        Some(BooleanQuery::new(should))
    }

    /// The passages of other articles that quote or paraphrase `passage`, a
    /// passage of `article` (its path as the index keys it, relative to the
    /// library with `/` between folders): quotes first, longest shared run
    /// first, then paraphrases, closest first; `limit` at most.
    pub fn quoted_elsewhere(&self, article: &str, passage: &str, limit: usize) -> Result<Vec<Echo>, IndexError> {
        let searcher = self.reader.searcher();
        let mut rarity = Rarity::new(&searcher, self.fields.text);
        let ours = words(&self.index, self.fields.text, passage);
        let Some(query) = self.echo_query(article, &ours, &mut rarity) else { return Ok(Vec::new()) };
        let found = searcher.search(&query, &TopDocs::with_limit(CANDIDATES.max(limit)).order_by_score())?;
        let mut candidates = Vec::with_capacity(found.len());
        for (score, addr) in found {
            if let Some(stored) = self.stored(&searcher, addr)?.filter(|s| s.article != article) {
                candidates.push((score, stored));
            }
        }
        let mut texts = self.read_texts(candidates.iter().map(|(_, s)| s));
        let mut echoes = Vec::new();
        for (score, stored) in candidates {
            let Some(text) = self.passage_text(&mut texts, &stored) else { continue };
            let theirs = words(&self.index, self.fields.text, text);
            let Some(c) = compare(&ours, &theirs, &mut rarity) else { continue };
            let snippet = cut_snippet(text, &c.spans);
            let base = stored.start;
            echoes.push(Echo {
                hit: self.hit(stored, score, snippet),
                kind: c.kind,
                shared_start: base + c.shared.0,
                shared_end: base + c.shared.1,
                run_words: c.run_words,
                overlap: c.overlap,
            });
        }
        echoes.sort_by(|a, b| {
            let closeness = match a.kind {
                EchoKind::Quote => b.run_words.cmp(&a.run_words).then(b.overlap.total_cmp(&a.overlap)),
                EchoKind::Paraphrase => b.overlap.total_cmp(&a.overlap),
            };
            (a.kind as u8)
                .cmp(&(b.kind as u8))
                .then(closeness)
                .then(b.hit.score.total_cmp(&a.hit.score))
                .then_with(|| (&a.hit.article, a.hit.start).cmp(&(&b.hit.article, b.hit.start)))
        });
        echoes.truncate(limit);
        Ok(echoes)
    }
}

#[cfg(test)]
mod tests;
