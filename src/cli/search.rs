//! `talks search`: the TUI's query language from the command line, best first.

use std::io::{self, Write};
use std::sync::atomic::AtomicBool;

use super::output::Style;
use crate::archive::Archive;
use crate::item::Item;
use crate::search::query::parse_query;
use crate::search::{DocKind, Index, Matcher, sort_top};
use crate::session::Outcome;

/// Results shown to a person at a terminal unless `--limit` says otherwise; pipes and JSON get
/// them all.
const TERMINAL_LIMIT: usize = 20;

pub fn run(
    archive: &Archive,
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
    let index = Index::build(archive);
    let matcher = Matcher::new();
    let mut hits = matcher
        .search_unsorted(&index, &q, None, &AtomicBool::new(false))
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
    sort_top(&index, &mut hits, limit);
    let items: Vec<(Item<'_>, Option<i64>)> = hits
        .iter()
        .take(limit)
        .map(|hit| {
            let doc = &index.doc(hit.doc);
            let item = match doc.kind {
                DocKind::Talk => Item::Talk(&archive.talks[doc.idx as usize]),
                DocKind::Post => Item::Post(&archive.posts[doc.idx as usize]),
            };
            (item, Some(hit.score))
        })
        .collect();
    style.print(&items, &crate::item::ShortIds::new(archive), out)?;
    super::more_hint(hits.len(), limit, out, err)?;
    Ok(Outcome::Ok)
}
