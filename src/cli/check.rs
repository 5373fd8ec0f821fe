//! `talks check`: every problem in the archive (and the config), with file, line and fix.

use std::io::{self, Write};

use crate::archive::{Archive, Severity};
use crate::session::{Outcome, Setup};

pub fn run(setup: &Setup, archive: &Archive, out: &mut dyn Write) -> io::Result<Outcome> {
    // Config problems count too: `check` is where a user looks when something is off.
    let mut errors = setup.config_errors.len();
    let mut warnings = 0;
    for d in &archive.diagnostics {
        match d.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
        }
        writeln!(out, "{}", super::diagnostic_text(d))?;
    }
    writeln!(
        out,
        "checked {} file(s): {} talk(s), {} post(s); {} error(s) ({} file(s) skipped), {} warning(s)",
        archive.files_seen,
        archive.talks.len(),
        archive.posts.len(),
        errors,
        archive.skipped_files(),
        warnings
    )?;
    Ok(if errors + warnings == 0 {
        Outcome::Ok
    } else {
        Outcome::Problems
    })
}
