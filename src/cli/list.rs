//! `talks list`: everything, newest first, as text rows or JSON Lines.

use std::io::{self, Write};

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
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let mut items: Vec<Item<'_>> = Vec::new();
    if only != Only::Posts {
        items.extend(archive.talks.iter().map(Item::Talk));
    }
    if only != Only::Talks {
        items.extend(archive.posts.iter().map(Item::Post));
    }
    items.sort_by(|a, b| b.date().cmp(&a.date()).then_with(|| a.id().cmp(b.id())));
    if items.is_empty() {
        writeln!(
            err,
            "talks: nothing to list; add an archive with --data PATH"
        )?;
        return Ok(Outcome::NothingFound);
    }
    for item in &items {
        if json {
            writeln!(out, "{}", item.json(None))?;
        } else {
            writeln!(out, "{}", item.row())?;
        }
    }
    Ok(Outcome::Ok)
}
