//! `talks search`: the TUI's query language from the command line, best first.

use std::io::{self, Write};
use std::sync::atomic::AtomicBool;

use crate::archive::Archive;
use crate::item::Item;
use crate::search::query::parse_query;
use crate::search::{DocKind, Index, Matcher};
use crate::session::Outcome;

pub fn run(
    archive: &Archive,
    query: &str,
    json: bool,
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
    let hits = matcher
        .search(&index, &q, None, &AtomicBool::new(false))
        .unwrap_or_default();
    let limit = limit.unwrap_or(if json { usize::MAX } else { 20 });
    for hit in hits.iter().take(limit) {
        let doc = &index.docs[hit.doc as usize];
        let item = match doc.kind {
            DocKind::Talk => Item::Talk(&archive.talks[doc.idx as usize]),
            DocKind::Post => Item::Post(&archive.posts[doc.idx as usize]),
        };
        if json {
            writeln!(out, "{}", item.json(Some(hit.score)))?;
        } else {
            writeln!(out, "{}", item.row())?;
        }
    }
    if hits.len() > limit && !json {
        writeln!(
            err,
            "talks: {} more; use --limit N to see them",
            hits.len() - limit
        )?;
    }
    if hits.is_empty() {
        writeln!(
            err,
            "talks: nothing matches {query:?}; try fewer words, or a part of a name"
        )?;
        return Ok(Outcome::NothingFound);
    }
    Ok(Outcome::Ok)
}
