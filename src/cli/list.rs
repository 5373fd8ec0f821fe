//! `talks list`: everything, newest first.

use std::io::{self, Write};

use super::output::Style;
use crate::archive::Archive;
use crate::item::Item;
use crate::session::Outcome;

/// Which kinds to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    Both,
    Talks,
    Posts,
}

impl Only {
    pub fn from_flags(talks: bool, posts: bool) -> Only {
        match (talks, posts) {
            (true, _) => Only::Talks,
            (false, true) => Only::Posts,
            (false, false) => Only::Both,
        }
    }
}

pub fn run(
    archive: &Archive,
    only: Only,
    style: &Style,
    limit: Option<usize>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let mut items: Vec<(Item<'_>, Option<i64>)> = Vec::new();
    if only != Only::Posts {
        items.extend(archive.talks.iter().map(|t| (Item::Talk(t), None)));
    }
    if only != Only::Talks {
        items.extend(archive.posts.iter().map(|p| (Item::Post(p), None)));
    }
    if items.is_empty() {
        writeln!(
            err,
            "talks: nothing to list; add an archive with --data PATH"
        )?;
        return Ok(Outcome::NothingFound);
    }
    items.sort_by(|(a, _), (b, _)| b.date().cmp(&a.date()).then_with(|| a.id().cmp(b.id())));
    let total = items.len();
    let limit = super::effective_limit(limit, None);
    items.truncate(limit);
    style.print(&items, &crate::item::ShortIds::new(archive), out)?;
    super::more_hint(total, limit, out, err)?;
    Ok(Outcome::Ok)
}
