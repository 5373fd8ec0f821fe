//! The command line: the clap definitions and the dispatch to one file per command. Each
//! command starts from `session::setup`, prints plain text or JSON Lines, and returns an
//! `Outcome` that main maps to the exit code.

mod check;
mod config;
mod export;
mod import;
mod list;
mod paths;
mod search;
mod show;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::archive::Archive;
use crate::archive::cache::write_cache;
use crate::archive::load::Sources;
pub use crate::export::ExportFormat;
pub use crate::session::Outcome;
use crate::session::{self, Options, Setup, missing_paths};

const EXAMPLES: &str = "\
Examples:
  talks                                  open the archive in the terminal UI
  talks --data ~/blog                    add a Hugo site (or its content/ folder)
  talks search replication @marat        fuzzy search, speaker qualifier
  talks search -- -tag:mysql postgres    a query starting with - goes after --
  talks search 'year:2013..2016 has:video' --json | jq .title
  talks list --talks --json
  talks show conf/2013/OSCON-fotolog
  talks check ~/blog                     report every file that cannot be loaded
  talks import archive-page page.txt -o pgconf-2016.toml --conference 'PGConf.Russia 2016' --date 2016-02-03 --city Moscow

Exit status: 0 found / ok, 1 nothing found or `check` found problems, 2 usage or I/O error.";

#[derive(Debug, Parser)]
#[command(name = "talks", version, about = "Browse a conference talk archive: talks, speakers, slides, videos and the blog posts around them.", after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// Add an archive: a Hugo site, its content/ folder, a native .toml file, or a folder of them (repeatable). Also read from TALKS_DATA (a path list).
    #[arg(long = "data", value_name = "PATH", global = true)]
    pub data: Vec<PathBuf>,
    /// Leave out the archive bundled into the binary.
    #[arg(long, global = true)]
    pub no_bundled: bool,
    /// Load the bundled demo archive too. By default it is left out when you name an archive of your own (--data, TALKS_DATA or `data` in the config).
    #[arg(long, global = true, conflicts_with = "no_bundled")]
    pub bundled: bool,
    /// No colours (also when NO_COLOR is set).
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Do not read or write the cache of parsed files.
    #[arg(long, global = true)]
    pub no_cache: bool,
}

impl DataArgs {
    /// The plain values the session and the TUI work from.
    pub fn options(&self) -> Options {
        Options {
            data: self.data.clone(),
            no_bundled: self.no_bundled,
            bundled: self.bundled,
            no_color: self.no_color,
            no_cache: self.no_cache,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List talks and posts, newest first.
    List {
        /// Only talks.
        #[arg(long, conflicts_with = "posts")]
        talks: bool,
        /// Only posts.
        #[arg(long)]
        posts: bool,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// Search talks and posts (the same query language as the TUI; see the README).
    Search {
        /// Words to find: speakers, titles, tags, conferences, cities, abstracts.
        /// Several words need no quotes. A query that starts with `-` (like `-tag:x`) goes
        /// after `--`, as with ripgrep: `talks search -- -tag:mysql replication`; or use `!tag:x`.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
        /// Show at most N results (default: 20 as text, all as JSON).
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Show one talk or post by id (or a unique end of one, like OSCON-fotolog).
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Load the archive and report every problem, with file, line and a fix.
    Check {
        /// Paths to check instead of the configured archive.
        paths: Vec<PathBuf>,
    },
    /// Turn other formats into the native TOML archive.
    #[command(subcommand)]
    Import(Import),
    /// Export your starred talks or watch-later queue.
    Export {
        /// The starred talks and posts (the default).
        #[arg(long, conflicts_with = "watch_later")]
        starred: bool,
        /// The watch-later queue, in its order.
        #[arg(long)]
        watch_later: bool,
        /// markdown, json (JSON Lines) or m3u (video URLs, for mpv and friends).
        #[arg(long, value_enum, default_value = "markdown")]
        format: ExportFormat,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Print where talks keeps its config, your state and its cache.
    Paths,
    /// Manage the config file.
    #[command(subcommand)]
    Config(ConfigCommand),
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Write a commented default config.toml (keeps an existing one unless --force).
    Init {
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum Import {
    /// Import the text of a conference's "talks archive" page (entries separated by lone `-` lines).
    ArchivePage {
        file: PathBuf,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Conference name (default: the file's name).
        #[arg(long, value_name = "NAME")]
        conference: Option<String>,
        /// Year of the conference (used when --date is not given).
        #[arg(long, value_name = "Y")]
        year: Option<i32>,
        /// First day of the conference, 2016-02-03.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// City of the conference.
        #[arg(long, value_name = "C")]
        city: Option<String>,
    },
}

fn skipped_note(archive: &Archive, err: &mut dyn Write) -> io::Result<()> {
    let n = archive.skipped_files();
    if n > 0 {
        writeln!(
            err,
            "talks: {n} file(s) skipped because of errors; run `talks check` to see them"
        )?;
    }
    Ok(())
}

/// Run one command (not the TUI: main starts that when there is no command).
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let Some(command) = cli.command else {
        return Ok(Outcome::Ok);
    };
    // Import reads only its own file: no config, no archive.
    if let Command::Import(Import::ArchivePage {
        file,
        output,
        conference,
        year,
        date,
        city,
    }) = command
    {
        let args = import::ArchivePageArgs {
            file,
            output,
            conference,
            year,
            date,
            city,
        };
        return import::run(&args, out, err);
    }
    let setup = session::setup(&cli.data.options());
    match &command {
        Command::Paths => return paths::run(&setup, out),
        Command::Config(ConfigCommand::Init { force }) => {
            return config::init(&setup, *force, out, err);
        }
        _ => {}
    }
    for e in &setup.config_errors {
        writeln!(err, "talks: {}", e.at(&setup.paths.config_file()))?;
    }
    for e in &setup.missing_config_paths {
        writeln!(err, "talks: {e}")?;
    }
    let mut src = setup.sources.clone();
    if let Command::Check { paths } = &command
        && !paths.is_empty()
    {
        src = Sources {
            bundled: false,
            paths: paths.clone(),
        };
    }
    let missing = missing_paths(&src);
    if !missing.is_empty() {
        for m in missing {
            writeln!(err, "{m}")?;
        }
        return Ok(Outcome::UsageOrIo);
    }
    // `check` always reads every file: it is the tool for finding out what is wrong.
    let use_cache = !cli.data.no_cache && !matches!(command, Command::Check { .. });
    let (archive, cache) = setup.load(&src, !use_cache);
    if let Some(c) = cache {
        // A cache that cannot be written only costs speed next time.
        let _ = write_cache(&setup.cache_file(), &c);
    }
    run_loaded(command, &setup, &archive, out, err)
}

fn run_loaded(
    command: Command,
    setup: &Setup,
    archive: &Archive,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    match command {
        Command::List { talks, posts, json } => {
            skipped_note(archive, err)?;
            list::run(
                archive,
                list::Only::from_flags(talks, posts),
                json,
                out,
                err,
            )
        }
        Command::Search { query, json, limit } => {
            skipped_note(archive, err)?;
            search::run(archive, &query.join(" "), json, limit, out, err)
        }
        Command::Show { id, json } => show::run(archive, &id, json, out, err),
        Command::Check { .. } => check::run(setup, archive, out),
        Command::Export {
            starred: _,
            watch_later,
            format,
            output,
        } => export::run(
            setup,
            archive,
            watch_later,
            format,
            output.as_deref(),
            out,
            err,
        ),
        Command::Import(_) | Command::Paths | Command::Config(_) => Ok(Outcome::Ok),
    }
}
