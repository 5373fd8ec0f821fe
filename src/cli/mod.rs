//! The command line: the clap definitions and the dispatch to one file per command. Each
//! command starts from `session::setup`, prints plain text or JSON Lines, and returns an
//! `Outcome` that main maps to the exit code.

mod check;
mod completions;
mod config;
mod export;
mod import;
mod list;
mod mark;
mod open;
mod output;
mod paths;
mod search;
mod show;
mod similar;
mod speakers;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::archive::Archive;
use crate::archive::cache::write_cache;
use crate::archive::load::Sources;
pub use crate::export::ExportFormat;
use crate::search::Index;
pub use crate::session::Outcome;
use crate::session::{self, Options, Setup, Start, missing_paths};

// Each example is a description line, then the command on a line of its own, shorter than 78
// columns: clap wraps help text to the terminal, and a command broken in two cannot be pasted.
const EXAMPLES: &str = "\
Examples:
  Open the archive in the terminal UI (type to search):
    talks
  Browse your Hugo site (or its content/ folder), a schedule or a pyvideo tree:
    talks --data ~/blog
  Search: every word must match; @ is the speaker, # a tag:
    talks search oracle @marat
  A query that starts with - goes after --:
    talks search -- -tag:mysql postgres
  Scripts: JSON Lines, or your own columns:
    talks search 'year:2013..2016 has:slides' --json | jq .title
    talks list --format '{id}\\t{date}\\t{title}'
  One talk, by any unique part of its id; its first video (else first link):
    talks show fotolog
    talks open fotolog
  Star it, then export your stars:
    talks mark fotolog star
    talks export --starred
  Every file that cannot be loaded, with line and fix:
    talks check ~/blog
  Shell completions and the manual page:
    talks completions bash > ~/.local/share/bash-completion/completions/talks
    talks man | man -l -

Exit status: 0 found / ok, 1 nothing found or `check` found problems,
2 usage or I/O error.";

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
    /// Add an archive (repeatable): a Hugo site or its content/ folder, a native .toml file, a pyvideo data tree or event folder, a frab schedule.xml or pretalx schedule.json, or a folder of any of them. Also read from TALKS_DATA (a path list).
    #[arg(long = "data", value_name = "PATH", global = true)]
    pub data: Vec<PathBuf>,
    /// Leave out the archive bundled into the binary.
    #[arg(long, global = true)]
    pub no_bundled: bool,
    /// Load the bundled demo archive too. By default it is left out when you name an archive of your own (--data, TALKS_DATA or `data` in the config).
    #[arg(long, global = true, conflicts_with = "no_bundled")]
    pub bundled: bool,
    /// Follow symlinks that lead outside the --data folder they are in (by default they are named by `talks check` and not followed).
    #[arg(long, global = true)]
    pub follow_symlinks: bool,
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
            follow_symlinks: self.follow_symlinks,
            no_color: self.no_color,
            no_cache: self.no_cache,
        }
    }
}

/// How `list` and `search` print.
#[derive(Debug, Clone, Args)]
pub struct PrintArgs {
    /// One JSON object per line (JSON Lines), every field.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// A line per item from a template: {id} {kind} {date} {year} {title} {speakers} {companies} {conference} {city} {language} {tags} {url} {video} {slides} {source}; \t is a tab. Example: --format '{id}\t{title}'
    #[arg(long, value_name = "TEMPLATE")]
    pub format: Option<String>,
    /// Print at most N items; 0 means all. Default: 20 search results at a terminal, all otherwise.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
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
        #[command(flatten)]
        print: PrintArgs,
    },
    /// Search talks and posts (the same query language as the TUI; see the README).
    Search {
        /// Words to find: speakers, titles, tags, conferences, cities, abstracts.
        /// Several words need no quotes. A query that starts with `-` (like `-tag:x`) goes
        /// after `--`, as with ripgrep: `talks search -- -tag:mysql replication`; or use `!tag:x`.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        #[command(flatten)]
        print: PrintArgs,
    },
    /// Show one talk or post: its details, numbered links, abstract and id.
    Show {
        /// The id, a unique part of it (fotolog), or an old URL or alias of a post.
        #[arg(value_name = "ID")]
        id: String,
        /// One JSON object, every field.
        #[arg(long)]
        json: bool,
    },
    /// List speakers as people: every spelling of a name (accents, scripts, config aliases) is one person. With a QUERY matching one person: their names, companies, talks by year and co-speakers.
    Speakers {
        /// A part of a name (any spelling) or a company.
        #[arg(value_name = "QUERY")]
        query: Option<String>,
        /// One JSON object per person: name, aliases, companies, talks (a count), first and last years.
        #[arg(long)]
        json: bool,
    },
    /// The talks most like one talk or post, by the words of their titles, tags and abstracts.
    Similar {
        /// The id, a unique part of it, or an old URL or alias of a post.
        #[arg(value_name = "ID")]
        id: String,
        #[command(flatten)]
        print: PrintArgs,
    },
    /// Open a talk's link in your browser ($BROWSER if set): link N as `talks show` numbers them; by default the first video, else the first link.
    Open {
        /// The id, a unique part of it, or an old URL or alias of a post.
        #[arg(value_name = "ID")]
        id: String,
        /// The link's number in `talks show` (1 is the first).
        #[arg(value_name = "N")]
        n: Option<usize>,
        /// Print the URL instead of opening it.
        #[arg(long)]
        print: bool,
    },
    /// Star a talk, queue it to watch later or mark it seen (or --undo), in the state file the TUI reads.
    Mark {
        /// The id, a unique part of it, or an old URL or alias of a post.
        #[arg(value_name = "ID")]
        id: String,
        /// star, later (the watch-later queue) or seen.
        #[arg(value_enum)]
        mark: crate::marks::Mark,
        /// Remove the mark instead.
        #[arg(long)]
        undo: bool,
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
    /// Print a completion script for your shell (ids complete too in bash, zsh and fish).
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page in roff: `talks man | man -l -`.
    Man,
    /// Manage the config file.
    #[command(subcommand)]
    Config(ConfigCommand),
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Write a commented default config.toml (keeps an existing one unless --force).
    Init {
        /// Replace an existing config.toml.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum Import {
    /// Import the text of a conference's "talks archive" page: entries separated by lone `-` lines, or each opened by a `•` line.
    ArchivePage(import::ArchivePageArgs),
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
    crate::phase!("started");
    let Some(command) = cli.command else {
        return Ok(Outcome::Ok);
    };
    // Import reads only its own file: no config, no archive.
    if let Command::Import(Import::ArchivePage(args)) = &command {
        return import::run(args, out, err);
    }
    match &command {
        Command::Completions { shell } => return completions::completions(*shell, out),
        Command::Man => return completions::man(out),
        _ => {}
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
            follow_outside: setup.sources.follow_outside,
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
    // A search writes the snapshot of a fresh load; other commands do not.
    let searches = matches!(command, Command::Search { .. });
    let mut start = setup.start(&src, !use_cache, searches);
    crate::phase!("archive ready");
    if let (Start::Snapshot(snap), Command::Search { query, print }) = (&start, &command) {
        // A search reads the snapshot where it lies.
        let diagnostics = Archive {
            diagnostics: snap.diagnostics(),
            ..Archive::default()
        };
        let from = search::Searchable::Mapped(snap);
        match run_search(&from, &diagnostics, query, print, out, err) {
            // A printed row's record did not decode (nothing was printed): the snapshot goes,
            // and the search runs on a fresh load, which writes a good one.
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                snap.discard();
                start = setup.start(&src, !use_cache, searches);
            }
            done => return done,
        }
    }
    // Every item: a snapshot's decoded, or the full load just made.
    let loaded = start.into_loaded(&src, &setup.sections, setup.cache_dir(!use_cache));
    if let Some(c) = &loaded.cache {
        // A cache that cannot be written only costs speed next time.
        let _ = write_cache(&setup.cache_file(), c);
    }
    let archive = loaded.archive;
    if let Command::Search { query, print } = &command {
        let outcome = std::thread::scope(|s| {
            // A fresh load's snapshot: its records are written while the index is built, and
            // its index while the search runs. The next search starts from it.
            let begun = loaded
                .pending
                .map(|p| s.spawn(|| crate::store::begin(p, &archive)));
            let index = loaded.index.unwrap_or_else(|| Index::build(&archive));
            crate::phase!("index");
            if let Some(begun) = begun {
                let index = index.clone();
                s.spawn(move || {
                    if let Ok(Ok(Some(w))) = begun.join() {
                        let _ = w.finish(&index);
                    }
                });
            }
            let from = search::Searchable::Loaded {
                archive: &archive,
                index: &index,
            };
            let outcome = run_search(&from, &archive, query, print, out, err);
            // The process ends here: freeing 100,000s of strings one at a time would only
            // keep the shell waiting (the system takes the memory back at once).
            std::mem::forget(index);
            outcome
        });
        crate::phase!("searched+stored");
        std::mem::forget(archive);
        return outcome;
    }
    run_loaded(command, &setup, &archive, out, err)
}

fn run_search(
    from: &search::Searchable<'_>,
    diagnostics: &Archive,
    query: &[String],
    print: &PrintArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let Some(style) = style(print, err)? else {
        return Ok(Outcome::UsageOrIo);
    };
    skipped_note(diagnostics, err)?;
    search::run(from, &query.join(" "), &style, print.limit, out, err)
}

fn run_loaded(
    command: Command,
    setup: &Setup,
    archive: &Archive,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    match command {
        Command::List {
            talks,
            posts,
            print,
        } => {
            let Some(style) = style(&print, err)? else {
                return Ok(Outcome::UsageOrIo);
            };
            skipped_note(archive, err)?;
            let only = list::Only::from_flags(talks, posts);
            list::run(archive, only, &style, print.limit, out, err)
        }
        Command::Search { query, print } => {
            // Reached only without a cache dir's start (run handles the usual case).
            let index = Index::build(archive);
            let from = search::Searchable::Loaded {
                archive,
                index: &index,
            };
            run_search(&from, archive, &query, &print, out, err)
        }
        Command::Show { id, json } => {
            show::run(archive, &setup.config.speaker_aliases, &id, json, out, err)
        }
        Command::Speakers { query, json } => speakers::run(
            archive,
            &setup.config.speaker_aliases,
            query.as_deref().unwrap_or(""),
            json,
            out,
            err,
        ),
        Command::Similar { id, print } => {
            let Some(style) = style(&print, err)? else {
                return Ok(Outcome::UsageOrIo);
            };
            similar::run(archive, &id, &style, print.limit, out, err)
        }
        Command::Open { id, n, print } => open::run(archive, &id, n, print, out, err),
        Command::Mark { id, mark, undo } => mark::run(setup, archive, &id, mark, undo, out, err),
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
        Command::Import(_)
        | Command::Paths
        | Command::Config(_)
        | Command::Completions { .. }
        | Command::Man => Ok(Outcome::Ok),
    }
}

fn style(print: &PrintArgs, err: &mut dyn Write) -> io::Result<Option<output::Style>> {
    match output::Style::choose(print.json, print.format.as_deref()) {
        Ok(s) => Ok(Some(s)),
        Err(e) => {
            writeln!(err, "talks: {e}")?;
            Ok(None)
        }
    }
}

/// `--limit N` with 0 meaning no limit; without it, `default` (None: no limit).
fn effective_limit(limit: Option<usize>, default: Option<usize>) -> usize {
    match limit.or(default) {
        None | Some(0) => usize::MAX,
        Some(n) => n,
    }
}

/// "N more" after the results, never before them: stdout is flushed first, since stderr is not
/// buffered and would overtake it on a terminal.
fn more_hint(
    total: usize,
    shown: usize,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    if total > shown {
        out.flush()?;
        writeln!(
            err,
            "talks: {} more; use --limit N to see more, or --limit 0 for all",
            total - shown
        )?;
    }
    Ok(())
}

/// A diagnostic as two safe lines: a file name can hold an escape sequence or a line break, and
/// neither may reach the terminal or add a line to the report.
fn diagnostic_text(d: &crate::archive::Diagnostic) -> String {
    use crate::ui::sanitize::sanitize_line;
    let sev = match d.severity {
        crate::archive::Severity::Warning => "warning",
        crate::archive::Severity::Error => "error",
    };
    format!(
        "{}: {sev}: {}\n  hint: {}",
        sanitize_line(&d.location()),
        sanitize_line(&d.error.to_string()),
        sanitize_line(&d.error.hint())
    )
}

/// The item a person means by `id`, or `None` after saying on stderr why there is none (no
/// match, or which ids match when several do).
fn find_or_say<'a>(
    archive: &'a Archive,
    id: &str,
    err: &mut dyn Write,
) -> io::Result<Option<crate::item::Item<'a>>> {
    match crate::item::find_item(archive, id) {
        Ok(i) => Ok(Some(i)),
        Err(msg) => {
            writeln!(err, "talks: {msg}")?;
            Ok(None)
        }
    }
}
