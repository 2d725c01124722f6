//! The index as the reader uses it: opened once per process and library,
//! built or updated on first use (with progress), then asked for people,
//! searches and a person's passages. Every request runs off the UI thread;
//! requests made while the first build runs wait for it, then are served.

use std::sync::Mutex;

use super::{Echo, Hit, LibraryIndex};
use crate::config::Location;
use crate::people::Person;

/// What the reader asks of the index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndexRequest {
    People,
    Search(String),
    /// A person's passages across the library.
    Passages(String),
    /// The other articles' passages that quote or paraphrase a passage of `article`
    /// (its index key) starting at **byte** `start`.
    Quoted {
        article: String,
        start: usize,
        passage: String,
    },
}

/// What comes back.
#[derive(Clone, Debug)]
pub enum IndexReply {
    /// Articles indexed so far, of how many (the first build or an update).
    Progress(usize, usize),
    People(Result<Vec<Person>, String>),
    Hits {
        query: String,
        result: Result<Vec<Hit>, String>,
    },
    Passages {
        person: String,
        result: Result<Vec<Hit>, String>,
    },
    Quoted {
        article: String,
        start: usize,
        result: Result<Vec<Echo>, String>,
    },
}

/// Most hits a search or a person's passages bring.
const LIMIT: usize = 200;
/// Most passages "quoted elsewhere" lists.
const QUOTED_LIMIT: usize = 50;

static OPEN: Mutex<Option<LibraryIndex>> = Mutex::new(None);

/// Serves `request` for the library of `location`, opening and updating its index first if needed.
pub fn serve(location: &Location, request: &IndexRequest, reply: &mut dyn FnMut(IndexReply)) {
    let mut open = OPEN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if open.as_ref().is_none_or(|i| i.location.library != location.library) {
        *open = None;
        match LibraryIndex::open(location) {
            Ok(mut index) => {
                let updated = index.update(&mut |done, total| reply(IndexReply::Progress(done, total)));
                if let Err(err) = updated {
                    return fail(request, &err.to_string(), reply);
                }
                *open = Some(index);
            }
            Err(err) => return fail(request, &err.to_string(), reply),
        }
    }
    if let Some(index) = open.as_ref() {
        answer(index, request, reply);
    }
}

/// Answers `request` from an index already open and up to date.
pub fn answer(index: &LibraryIndex, request: &IndexRequest, reply: &mut dyn FnMut(IndexReply)) {
    match request {
        IndexRequest::People => {
            reply(IndexReply::People(Ok(index.people().0.persons().cloned().collect())));
        }
        IndexRequest::Search(query) => {
            let result = index.search(query, LIMIT).map_err(|e| e.to_string());
            reply(IndexReply::Hits { query: query.clone(), result });
        }
        IndexRequest::Passages(person) => {
            let result = index.passages_of(person, LIMIT).map_err(|e| e.to_string());
            reply(IndexReply::Passages { person: person.clone(), result });
        }
        IndexRequest::Quoted { article, start, passage } => {
            let result = index.quoted_elsewhere(article, passage, QUOTED_LIMIT).map_err(|e| e.to_string());
            reply(IndexReply::Quoted { article: article.clone(), start: *start, result });
        }
    }
}

fn fail(request: &IndexRequest, why: &str, reply: &mut dyn FnMut(IndexReply)) {
    let err = Err(why.to_owned());
    reply(match request {
        IndexRequest::People => IndexReply::People(Err(why.to_owned())),
        IndexRequest::Search(query) => IndexReply::Hits { query: query.clone(), result: err },
        IndexRequest::Passages(person) => IndexReply::Passages { person: person.clone(), result: err },
        IndexRequest::Quoted { article, start, .. } => {
            IndexReply::Quoted { article: article.clone(), start: *start, result: Err(why.to_owned()) }
        }
    });
}
