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
    stdout: &mut dyn Write,
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
    let out = export_text(archive, &ids, format, list.title());
    if out.missing > 0 {
        writeln!(
            err,
            "talks: {} saved id(s) are not in the loaded archive; add its --data to include them",
            out.missing
        )?;
    }
    match output {
        Some(p) => {
            if let Err(e) = std::fs::write(p, &out.text) {
                writeln!(err, "talks: {}: {e}", p.display())?;
                return Ok(Outcome::UsageOrIo);
            }
        }
        None => write!(stdout, "{}", out.text)?,
    }
    if out.entries == 0 {
        let why = if ids.is_empty() {
            format!("the {} list is empty", list.title().to_lowercase())
        } else if out.missing == ids.len() {
            "none of these ids is in the loaded archive".to_string()
        } else {
            "none of these talks has a video link, so the playlist is empty".to_string()
        };
        writeln!(err, "talks: nothing exported: {why}")?;
        return Ok(Outcome::NothingFound);
    }
    Ok(Outcome::Ok)
}
