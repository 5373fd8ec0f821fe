//! `talks show ID`: one talk or post in full, found by a forgiving id.

use std::io::{self, Write};

use crate::archive::Archive;
use crate::item::find_item;
use crate::session::Outcome;

pub fn run(
    archive: &Archive,
    id: &str,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    match find_item(archive, id) {
        Ok(item) => {
            if json {
                writeln!(out, "{}", item.json_line(None))?;
            } else {
                write!(out, "{}", item.details())?;
            }
            Ok(Outcome::Ok)
        }
        Err(msg) => {
            writeln!(err, "talks: {msg}")?;
            Ok(Outcome::NothingFound)
        }
    }
}
