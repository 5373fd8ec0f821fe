//! A search that runs in steps over its candidates in index order, so that a long one can show
//! what it has found so far, and a narrower query typed before it ends can take over its work:
//! the hits among the documents it read, and the documents it had not read yet, are then the
//! only candidates (nothing else can match a query that only narrows it).

use std::sync::Arc;

use rayon::prelude::*;

use super::query::Query;
use super::{Hit, Index, Matcher};

/// The documents a scan reads, in index order.
#[derive(Debug, Clone)]
enum Candidates {
    /// Every document below this.
    All(u32),
    /// These, ascending.
    List(Arc<Vec<u32>>),
}

impl Candidates {
    fn len(&self) -> usize {
        match self {
            Candidates::All(n) => *n as usize,
            Candidates::List(l) => l.len(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Scan {
    query: Query,
    candidates: Candidates,
    /// How many candidates have been read.
    read: usize,
    /// The hits among them, in index order.
    hits: Vec<Hit>,
}

impl Scan {
    /// A scan of `query` over every document of `index`, or only `within` (ascending).
    pub fn new(index: &Index, query: Query, within: Option<Arc<Vec<u32>>>) -> Scan {
        Scan {
            query,
            candidates: match within {
                Some(list) => Candidates::List(list),
                None => Candidates::All(index.len() as u32),
            },
            read: 0,
            hits: Vec::new(),
        }
    }

    /// A scan of `query` that continues `self`'s work when `query` only narrows `self`'s query
    /// (its hits so far and what it had not read are then the candidates); `None` otherwise.
    pub fn narrowed(&self, query: &Query) -> Option<Scan> {
        if !query.narrows(&self.query) {
            return None;
        }
        let rest = match &self.candidates {
            Candidates::All(n) => (self.read as u32..*n).collect::<Vec<u32>>(),
            Candidates::List(l) => l[self.read..].to_vec(),
        };
        let mut list: Vec<u32> = Vec::with_capacity(self.hits.len() + rest.len());
        list.extend(self.hits.iter().map(|h| h.doc));
        list.extend(rest);
        Some(Scan {
            query: query.clone(),
            candidates: Candidates::List(Arc::new(list)),
            read: 0,
            hits: Vec::new(),
        })
    }

    pub fn query(&self) -> &Query {
        &self.query
    }

    /// Candidates read, and candidates in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.read, self.candidates.len())
    }

    pub fn is_done(&self) -> bool {
        self.read >= self.candidates.len()
    }

    /// The hits found so far, in index order.
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    pub fn into_hits(self) -> Vec<Hit> {
        self.hits
    }

    /// Read up to `count` more candidates. Returns whether the scan is done.
    pub fn step(&mut self, matcher: &Matcher, index: &Index, count: usize) -> bool {
        let from = self.read;
        let to = (from + count).min(self.candidates.len());
        let found = match &self.candidates {
            Candidates::All(_) => {
                matcher.hits_among(index, &self.query, (from as u32..to as u32).into_par_iter())
            }
            Candidates::List(l) => {
                matcher.hits_among(index, &self.query, l[from..to].par_iter().copied())
            }
        };
        self.hits.extend(found);
        self.read = to;
        self.is_done()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::Archive;
    use crate::search::query::parse_query;
    use std::sync::atomic::AtomicBool;

    fn archive() -> Archive {
        let mut a = Archive::default();
        crate::archive::bundled::load_into(&mut a);
        // Many talks, so a scan takes several steps.
        let base = a.talks.clone();
        for k in 0..40 {
            for t in &base {
                let mut t = t.clone();
                t.id = format!("{}-{k}", t.id);
                a.talks.push(t);
            }
        }
        a
    }

    fn full(index: &Index, q: &str) -> Vec<u32> {
        let (q, _) = parse_query(q);
        let mut hits = Matcher::new()
            .search_unsorted(index, &q, None, &AtomicBool::new(false))
            .unwrap();
        hits.sort_by_key(|h| h.doc);
        hits.iter().map(|h| h.doc).collect()
    }

    #[test]
    fn a_scan_in_steps_finds_what_one_search_finds() {
        let a = archive();
        let index = Index::build(&a);
        let m = Matcher::new();
        for q in ["replication", "marat", "pg", "zzqx"] {
            let (query, _) = parse_query(q);
            let mut scan = Scan::new(&index, query, None);
            let mut steps = 0;
            while !scan.step(&m, &index, 7) {
                steps += 1;
            }
            assert!(steps > 3, "{q}: several steps");
            let got: Vec<u32> = scan.hits().iter().map(|h| h.doc).collect();
            assert_eq!(got, full(&index, q), "{q}");
        }
    }

    #[test]
    fn a_narrower_query_takes_over_a_cancelled_scan_and_finds_the_same() {
        let a = archive();
        let index = Index::build(&a);
        let m = Matcher::new();
        for (first, then) in [("l", "lo"), ("lo", "logical"), ("p", "pg !zalando")] {
            let (q1, _) = parse_query(first);
            let (q2, _) = parse_query(then);
            for stop_after in [0, 1, 3, 10_000] {
                let mut scan = Scan::new(&index, q1.clone(), None);
                for _ in 0..stop_after {
                    if scan.step(&m, &index, 9) {
                        break;
                    }
                }
                let mut next = scan.narrowed(&q2).expect("narrows");
                while !next.step(&m, &index, 9) {}
                let got: Vec<u32> = next.hits().iter().map(|h| h.doc).collect();
                assert_eq!(
                    got,
                    full(&index, then),
                    "{first} → {then} after {stop_after}"
                );
            }
        }
        let (wide, _) = parse_query("logical");
        let (other, _) = parse_query("marat");
        assert!(Scan::new(&index, wide, None).narrowed(&other).is_none());
    }
}
