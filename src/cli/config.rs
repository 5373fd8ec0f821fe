//! `talks config init`: write a commented default config, never over an existing one unless
//! asked.

use std::io::{self, Write};

use crate::session::{Outcome, Setup};

pub fn init(
    setup: &Setup,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let file = setup.paths.config_file();
    if file.exists() && !force {
        writeln!(
            err,
            "talks: {} exists; use --force to replace it",
            file.display()
        )?;
        return Ok(Outcome::UsageOrIo);
    }
    let written = std::fs::create_dir_all(&setup.paths.config_dir)
        .and_then(|()| std::fs::write(&file, crate::config::default_config_text()));
    match written {
        Ok(()) => {
            writeln!(out, "wrote {}", file.display())?;
            Ok(Outcome::Ok)
        }
        Err(e) => {
            writeln!(err, "talks: {}: {e}", file.display())?;
            Ok(Outcome::UsageOrIo)
        }
    }
}
