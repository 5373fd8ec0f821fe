//! `talks search`: the TUI's query language from the command line, best first.

use std::io::{self, Write};
use std::sync::atomic::AtomicBool;

use rayon::prelude::*;

use super::output::Style;
use crate::archive::{Archive, Post, Talk};
use crate::item::{Item, ShortIds};
use crate::search::query::parse_query;
use crate::search::{DocKind, Index, Matcher, sort_top};
use crate::session::Outcome;
use crate::store::Snapshot;

/// What a search reads: a loaded archive with its index, or a snapshot, whose index is read
/// where it lies and whose items are decoded only for the rows printed.
pub enum Searchable<'a> {
    Loaded {
        archive: &'a Archive,
        index: &'a Index,
    },
    Mapped(&'a Snapshot),
}

/// A printed row's item: borrowed from the archive, or decoded from the snapshot.
enum Row<'a> {
    Borrowed(Item<'a>),
    Talk(Talk),
    Post(Post),
}

impl Searchable<'_> {
    fn index(&self) -> &Index {
        match self {
            Searchable::Loaded { index, .. } => index,
            Searchable::Mapped(s) => s.index(),
        }
    }

    fn row(&self, kind: DocKind, idx: usize) -> Option<Row<'_>> {
        Some(match (self, kind) {
            (Searchable::Loaded { archive, .. }, DocKind::Talk) => {
                Row::Borrowed(Item::Talk(archive.talks.get(idx)?))
            }
            (Searchable::Loaded { archive, .. }, DocKind::Post) => {
                Row::Borrowed(Item::Post(archive.posts.get(idx)?))
            }
            (Searchable::Mapped(s), DocKind::Talk) => Row::Talk(s.talk(idx)?),
            (Searchable::Mapped(s), DocKind::Post) => Row::Post(s.post(idx)?),
        })
    }

    fn short_ids(&self) -> ShortIds {
        match self {
            Searchable::Loaded { archive, .. } => ShortIds::new(archive),
            Searchable::Mapped(s) => ShortIds::shared(s.shared_ends()),
        }
    }
}

/// Results shown to a person at a terminal unless `--limit` says otherwise; pipes and JSON get
/// them all.
const TERMINAL_LIMIT: usize = 20;

pub fn run(
    from: &Searchable<'_>,
    query: &str,
    style: &Style,
    limit: Option<usize>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let (q, problems) = parse_query(query);
    for p in &problems {
        writeln!(err, "talks: query: {p}")?;
    }
    // Searching anyway would list what the broken part was meant to exclude.
    if !problems.is_empty() {
        return Ok(Outcome::UsageOrIo);
    }
    let index = from.index();
    let matcher = Matcher::new();
    let mut hits = matcher
        .search_unsorted(index, &q, None, &AtomicBool::new(false))
        .unwrap_or_default();
    if hits.is_empty() {
        writeln!(
            err,
            "talks: nothing matches {query:?}; try fewer words, or a part of a name"
        )?;
        return Ok(Outcome::NothingFound);
    }
    let limit = super::effective_limit(limit, style.is_terminal().then_some(TERMINAL_LIMIT));
    // Only what is printed needs an order.
    sort_top(index, &mut hits, limit);
    // Every row, or none: a record that does not decode is a damaged snapshot, which the
    // caller replaces (nothing is printed before). Decoded in parallel: a pipe gets every
    // hit, thousands of records.
    let rows: Vec<(Row<'_>, i64)> = hits[..limit.min(hits.len())]
        .par_iter()
        .map(|hit| {
            let doc = index.doc(hit.doc);
            from.row(doc.kind, doc.idx as usize)
                .map(|row| (row, hit.score))
                .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "a damaged snapshot"))
        })
        .collect::<io::Result<_>>()?;
    let items: Vec<(Item<'_>, Option<i64>)> = rows
        .iter()
        .map(|(row, score)| {
            let item = match row {
                Row::Borrowed(item) => *item,
                Row::Talk(t) => Item::Talk(t),
                Row::Post(p) => Item::Post(p),
            };
            (item, Some(*score))
        })
        .collect();
    style.print(&items, &from.short_ids(), out)?;
    super::more_hint(hits.len(), limit, out, err)?;
    Ok(Outcome::Ok)
}
