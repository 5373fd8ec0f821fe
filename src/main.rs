//! Entry point: parse the command line, dispatch, map the outcome to an exit code.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use talks::cli::{Cli, Outcome, run};

/// mimalloc instead of the system allocator: a talk is a score of small allocations, and
/// decoding 100,000 of them from the snapshot takes half the time with it (61 vs 123 ms on two
/// cores), most of the difference being fresh pages the system allocator faults in one by one.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
