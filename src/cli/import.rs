//! `talks import archive-page`: read a saved page, convert it (archive::import), write the
//! native file, and list on stderr the entries to check by hand.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::archive::Date;
use crate::archive::import::{PageMeta, page_to_native, to_toml};
use crate::session::Outcome;
use crate::ui::sanitize::sanitize_line;

#[derive(Debug, Clone, clap::Args)]
pub struct ArchivePageArgs {
    /// The page's text, saved from the browser (select all, copy, paste into a file).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Write here instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Conference name (default: the file's name).
    #[arg(long, value_name = "NAME")]
    pub conference: Option<String>,
    /// Year of the conference (used when --date is not given).
    #[arg(long, value_name = "Y")]
    pub year: Option<i32>,
    /// First day of the conference, 2016-02-03.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// City of the conference.
    #[arg(long, value_name = "C")]
    pub city: Option<String>,
}

pub fn run(
    args: &ArchivePageArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let file = &args.file;
    let text = match crate::archive::load::read_text(file) {
        Ok(t) => t,
        Err(d) => {
            writeln!(err, "talks: {}", super::diagnostic_text(&d))?;
            return Ok(Outcome::UsageOrIo);
        }
    };
    let date = match args.date.as_deref().map(crate::archive::date::parse_date) {
        Some(Some(d)) => Some(d),
        Some(None) => {
            writeln!(err, "talks: --date expects a date like 2016-02-03")?;
            return Ok(Outcome::UsageOrIo);
        }
        None => args.year.map(|y| Date {
            year: y,
            month: 1,
            day: 1,
        }),
    };
    let conference = args.conference.clone().unwrap_or_else(|| {
        file.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Conference".into())
    });
    let imported = page_to_native(
        &text,
        PageMeta {
            conference,
            date,
            city: args.city.clone(),
        },
    );
    let source_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // No entry: write nothing, so an existing -o file is never replaced by an empty archive.
    if let Some(why) = imported.nothing_found(&file.display().to_string()) {
        writeln!(err, "talks: {}", sanitize_line(&why))?;
        if let Some(path) = args.output.as_ref().filter(|p| p.exists()) {
            writeln!(err, "talks: {} left as it was", path.display())?;
        }
        return Ok(Outcome::NothingFound);
    }
    let toml_text = match to_toml(&imported, &source_name) {
        Ok(t) => t,
        Err(e) => {
            writeln!(err, "talks: cannot write TOML: {e}")?;
            return Ok(Outcome::UsageOrIo);
        }
    };
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &toml_text) {
                writeln!(err, "talks: {}: {e}", path.display())?;
                return Ok(Outcome::UsageOrIo);
            }
            writeln!(
                err,
                "talks: wrote {} talk(s) to {}",
                imported.native.talk.len(),
                path.display()
            )?;
        }
        None => write!(out, "{toml_text}")?,
    }
    for note in &imported.notes {
        writeln!(err, "talks: note: {}", sanitize_line(note))?;
    }
    if !imported.unsure.is_empty() {
        writeln!(
            err,
            "talks: {} entr(y/ies) to check by hand:",
            imported.unsure_entries
        )?;
        let shown = file.display().to_string();
        for (line, reason) in &imported.unsure {
            writeln!(
                err,
                "  {}",
                sanitize_line(&format!("{shown}:{line}: {reason}"))
            )?;
        }
    }
    Ok(if imported.native.talk.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Ok
    })
}
