//! `talks similar ID`: the talks nearest to a talk (or a post) by what they are about (TF-IDF
//! over the folded words of title, tags and abstract), most alike first.

use std::io::{self, Write};

use super::output::Style;
use crate::archive::Archive;
use crate::connections::{ItemRef, Similar};
use crate::item::{Item, find_item, item_ref};
use crate::session::Outcome;

/// Talks listed unless `--limit` says otherwise.
const DEFAULT_LIMIT: usize = 10;

pub fn run(
    archive: &Archive,
    id: &str,
    style: &Style,
    limit: Option<usize>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let item = match find_item(archive, id) {
        Ok(i) => i,
        Err(msg) => {
            writeln!(err, "talks: {msg}")?;
            return Ok(Outcome::NothingFound);
        }
    };
    let n = super::effective_limit(limit, Some(DEFAULT_LIMIT));
    let similar = Similar::build(&archive.talks.all());
    let near = match item_ref(archive, &item) {
        Some(ItemRef::Talk(t)) => similar.like_talk(t, n),
        Some(ItemRef::Post(p)) => similar.like_post(&archive.posts[p as usize], n),
        None => Vec::new(),
    };
    if near.is_empty() {
        writeln!(
            err,
            "talks: no talk shares telling words with {:?}",
            crate::ui::sanitize::sanitize_line(item.id())
        )?;
        return Ok(Outcome::NothingFound);
    }
    // The score is the cosine similarity in thousandths: 1000 is the same words.
    let items: Vec<(Item<'_>, Option<i64>)> = near
        .iter()
        .map(|&(t, s)| {
            (
                Item::Talk(&archive.talks[t as usize]),
                Some((s * 1000.0).round() as i64),
            )
        })
        .collect();
    style.print(&items, &crate::item::ShortIds::new(archive), out)?;
    Ok(Outcome::Ok)
}
