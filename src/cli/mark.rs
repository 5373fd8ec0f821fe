//! `talks mark ID star|later|seen [--undo]`: change a mark in the state file the TUI reads.

use std::io::{self, Write};

use crate::archive::Archive;
use crate::marks::{Mark, set_mark};
use crate::session::{Outcome, Setup};
use crate::state::update_state;
use crate::ui::sanitize::sanitize_line;

pub fn run(
    setup: &Setup,
    archive: &Archive,
    id: &str,
    mark: Mark,
    undo: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let Some(item) = super::find_or_say(archive, id, err)? else {
        return Ok(Outcome::NothingFound);
    };
    let file = setup.paths.state_file();
    let mut changed = false;
    // Under the state file's lock, on what is on disk now: a running TUI or another
    // `talks mark` loses nothing.
    let loaded = match update_state(&file, |state| {
        changed = set_mark(state, item.id(), mark, !undo);
    }) {
        Ok(l) => l,
        Err(e) => {
            writeln!(err, "talks: {}: {e}", file.display())?;
            return Ok(Outcome::UsageOrIo);
        }
    };
    if let Some(m) = &loaded.message {
        writeln!(err, "talks: {m}")?;
    }
    if !loaded.writable {
        writeln!(
            err,
            "talks: {} cannot be read, so it is left as it is; nothing marked",
            file.display()
        )?;
        return Ok(Outcome::UsageOrIo);
    }
    let shown = sanitize_line(item.id());
    let said = match (undo, changed) {
        (false, true) => mark.label().to_string(),
        (false, false) => format!("already {}", mark.label()),
        (true, true) => format!("no longer {}", mark.label()),
        (true, false) => format!("was not {}", mark.label()),
    };
    writeln!(out, "{shown}: {said}")?;
    Ok(Outcome::Ok)
}
