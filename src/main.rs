//! Entry point: parse the command line, dispatch, map the outcome to an exit code.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use talks::cli::{Cli, Outcome, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.command.is_none() && !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        eprintln!(
            "talks: the interactive view needs a terminal (standard input and output are not one).\n\
             To print talks instead: `talks list`, `talks search WORDS`, `talks show ID`; `talks --help` lists every command."
        );
        return ExitCode::from(Outcome::UsageOrIo.code());
    }
    if cli.command.is_none() {
        return match talks::tui::main(&cli.data.options()) {
            Ok(o) => ExitCode::from(o.code()),
            Err(e) => {
                eprintln!("talks: {e}");
                ExitCode::from(Outcome::UsageOrIo.code())
            }
        };
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr();
    let result = run(cli, &mut out, &mut err).and_then(|o| out.flush().map(|()| o));
    match result {
        Ok(o) => ExitCode::from(o.code()),
        // `talks list | head` closes the pipe early: that is what the user asked for.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "talks: {e}");
            ExitCode::from(Outcome::UsageOrIo.code())
        }
    }
}
