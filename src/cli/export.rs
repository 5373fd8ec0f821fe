//! `talks export`: the starred list or the watch-later queue, from the state file the TUI
//! writes, as Markdown, JSON Lines or m3u.

use std::io::{self, Write};
use std::path::Path;

use crate::archive::Archive;
use crate::export::{ExportFormat, List, export_text};
use crate::session::{Outcome, Setup};

pub fn run(
    setup: &Setup,
    archive: &Archive,
    watch_later: bool,
    format: ExportFormat,
    output: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let loaded = crate::state::load_state(&setup.paths.state_file());
    let state = loaded.state;
    if let Some(m) = loaded.message {
        writeln!(err, "talks: {m}")?;
    }
    let (list, ids): (List, Vec<String>) = if watch_later {
        (List::WatchLater, state.watch_later.clone())
    } else {
        (List::Starred, state.stars.iter().cloned().collect())
    };
    let (text, missing) = export_text(archive, &ids, format, list.title());
    if missing > 0 {
        writeln!(
            err,
            "talks: {missing} saved id(s) are not in the loaded archive; add its --data to include them"
        )?;
    }
    match output {
        Some(p) => {
            if let Err(e) = std::fs::write(p, &text) {
                writeln!(err, "talks: {}: {e}", p.display())?;
                return Ok(Outcome::UsageOrIo);
            }
        }
        None => write!(out, "{text}")?,
    }
    Ok(if ids.len() == missing {
        Outcome::NothingFound
    } else {
        Outcome::Ok
    })
}
