//! `talks paths`: where the config, the state and the cache live, for bug reports.

use std::io::{self, Write};

use crate::session::{Outcome, Setup};

pub fn run(setup: &Setup, out: &mut dyn Write) -> io::Result<Outcome> {
    writeln!(out, "config: {}", setup.paths.config_file().display())?;
    writeln!(out, "state:  {}", setup.paths.state_file().display())?;
    writeln!(out, "cache:  {}", setup.paths.cache_dir.display())?;
    Ok(Outcome::Ok)
}
