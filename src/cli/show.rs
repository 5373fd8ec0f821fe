//! `talks show ID`: one talk or post in full, found by a forgiving id, with what it is related
//! to (other runs, posts about it, links, other talks by its people, similar talks).

use std::io::{self, Write};

use crate::archive::Archive;
use crate::connections::{Aliases, Connections};
use crate::item::{find_item, item_ref, related_json, related_text};
use crate::session::Outcome;

pub fn run(
    archive: &Archive,
    aliases: &Aliases,
    id: &str,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    match find_item(archive, id) {
        Ok(item) => {
            let conns = Connections::build(archive, aliases).with_similar(archive);
            let related = item_ref(archive, &item)
                .map(|r| conns.related(archive, r))
                .unwrap_or_default();
            if json {
                let mut v = item.json(None);
                if let Some(obj) = v.as_object_mut() {
                    obj.insert(
                        "related".into(),
                        related_json(archive, &conns.people, &related),
                    );
                }
                writeln!(out, "{}", crate::item::escape_json_specials(&v.to_string()))?;
            } else {
                write!(out, "{}", item.details())?;
                write!(out, "{}", related_text(archive, &conns.people, &related))?;
            }
            Ok(Outcome::Ok)
        }
        Err(msg) => {
            writeln!(err, "talks: {msg}")?;
            Ok(Outcome::NothingFound)
        }
    }
}
