//! The command line: clap definitions and the non-interactive commands (list, search, show,
//! check, import). Output is plain text or JSON Lines; every string from data is sanitised.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use clap::{Args, Parser, Subcommand};
use serde_json::json;
use unicode_width::UnicodeWidthChar;

use crate::archive::cache::{Cache, read_cache, write_cache};
use crate::archive::hugo::Sections;
use crate::archive::load::{Sources, load_cached, load_with};
use crate::archive::native::{
    NativeConference, NativeFile, NativeSpeaker, NativeTalk, slugify, toml_date,
};
use crate::archive::page::parse_archive_page;
use crate::archive::{Archive, Date, Post, Severity, Talk};
use crate::config::{Config, ConfigError, load_config};
use crate::paths::Paths;
use crate::search::query::parse_query;
use crate::search::{DocKind, Index, Matcher};
use crate::ui::sanitize::sanitize_line;

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
    /// No colours (also when NO_COLOR is set).
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Do not read or write the cache of parsed files.
    #[arg(long, global = true)]
    pub no_cache: bool,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Json,
    M3u,
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

/// How a command ended, mapped to the exit code by main.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    NothingFound,
    Problems,
    UsageOrIo,
}

impl Outcome {
    pub fn code(self) -> u8 {
        match self {
            Outcome::Ok => 0,
            Outcome::NothingFound | Outcome::Problems => 1,
            Outcome::UsageOrIo => 2,
        }
    }
}

/// The archive sources named by flags and `TALKS_DATA`.
pub fn sources(args: &DataArgs) -> Sources {
    let mut paths = args.data.clone();
    if let Some(list) = std::env::var_os("TALKS_DATA") {
        paths.extend(std::env::split_paths(&list).filter(|p| !p.as_os_str().is_empty()));
    }
    Sources {
        bundled: !args.no_bundled,
        paths,
    }
}

/// Paths, config (with its problems) and sources: what every command starts from.
pub struct Setup {
    pub paths: Paths,
    pub config: Config,
    pub config_errors: Vec<ConfigError>,
    pub sources: Sources,
    pub sections: Sections,
    /// Config data paths that do not exist: reported, not fatal (the config may be shared).
    pub missing_config_paths: Vec<String>,
}

impl Setup {
    pub fn cache_file(&self) -> PathBuf {
        self.paths.cache_dir.join("archive.cache")
    }

    /// Load the archive, through the cache unless `no_cache` (or there is nothing to cache).
    /// Returns the cache to write back when this load changed it.
    pub fn load(&self, sources: &Sources, no_cache: bool) -> (Archive, Option<Cache>) {
        let file = self.cache_file();
        load_through_cache(
            sources,
            &self.sections,
            (!no_cache).then_some(file.as_path()),
        )
    }
}

/// Load `sources` through the cache file, if one is given. Returns the archive and the cache
/// when this load changed it (to be written back).
pub fn load_through_cache(
    sources: &Sources,
    sections: &Sections,
    cache_file: Option<&std::path::Path>,
) -> (Archive, Option<Cache>) {
    let Some(file) = cache_file.filter(|_| !sources.paths.is_empty()) else {
        return (load_with(sources, sections), None);
    };
    let old = read_cache(file);
    let before = old.entries.len();
    let (archive, cache, stats) = load_cached(sources, sections, Some(old));
    let changed = stats.misses > 0 || cache.as_ref().is_some_and(|c| c.entries.len() != before);
    (archive, cache.filter(|_| changed))
}

pub fn setup(args: &DataArgs) -> Setup {
    let paths = Paths::from_env();
    let no_color = args.no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let (config, config_errors) = load_config(&paths.config_file(), no_color);
    let mut sources = sources(args);
    let mut missing_config_paths = Vec::new();
    for p in &config.data {
        if p.exists() {
            sources.paths.push(p.clone());
        } else {
            missing_config_paths.push(format!(
                "config.toml: data path {} does not exist; skipped",
                p.display()
            ));
        }
    }
    let sections = Sections {
        talks: config.talk_sections.clone(),
        posts: config.post_sections.clone(),
    };
    Setup {
        paths,
        config,
        config_errors,
        sources,
        sections,
        missing_config_paths,
    }
}

/// Paths that do not exist are usage errors: say so before loading anything.
pub fn missing_paths(s: &Sources) -> Vec<String> {
    s.paths
        .iter()
        .filter(|p| !p.exists())
        .map(|p| format!("talks: {}: no such file or folder", p.display()))
        .collect()
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

pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let Some(command) = cli.command else {
        return Ok(Outcome::Ok);
    };
    if let Command::Import(Import::ArchivePage {
        file,
        output,
        conference,
        year,
        date,
        city,
    }) = command
    {
        return import_archive_page(
            &file,
            output.as_deref(),
            conference,
            year,
            date,
            city,
            out,
            err,
        );
    }
    let setup = setup(&cli.data);
    match &command {
        Command::Paths => {
            writeln!(out, "config: {}", setup.paths.config_file().display())?;
            writeln!(out, "state:  {}", setup.paths.state_file().display())?;
            writeln!(out, "cache:  {}", setup.paths.cache_dir.display())?;
            return Ok(Outcome::Ok);
        }
        Command::Config(ConfigCommand::Init { force }) => {
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
            return match written {
                Ok(()) => {
                    writeln!(out, "wrote {}", file.display())?;
                    Ok(Outcome::Ok)
                }
                Err(e) => {
                    writeln!(err, "talks: {}: {e}", file.display())?;
                    Ok(Outcome::UsageOrIo)
                }
            };
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
    match command {
        Command::List { talks, posts, json } => {
            skipped_note(&archive, err)?;
            let mut items: Vec<Item<'_>> = Vec::new();
            if !posts {
                items.extend(archive.talks.iter().map(Item::Talk));
            }
            if !talks {
                items.extend(archive.posts.iter().map(Item::Post));
            }
            items.sort_by(|a, b| b.date().cmp(&a.date()).then_with(|| a.id().cmp(b.id())));
            if items.is_empty() {
                writeln!(
                    err,
                    "talks: nothing to list; add an archive with --data PATH"
                )?;
            }
            for item in &items {
                if json {
                    writeln!(out, "{}", item.json(None))?;
                } else {
                    writeln!(out, "{}", item.row())?;
                }
            }
            Ok(if items.is_empty() {
                Outcome::NothingFound
            } else {
                Outcome::Ok
            })
        }
        Command::Search { query, json, limit } => {
            let query = query.join(" ");
            skipped_note(&archive, err)?;
            let (q, problems) = parse_query(&query);
            for p in &problems {
                writeln!(
                    err,
                    "talks: query: {} (at column {})",
                    p.message,
                    p.span.start + 1
                )?;
            }
            // Searching anyway would list what the broken part was meant to exclude.
            if !problems.is_empty() {
                return Ok(Outcome::UsageOrIo);
            }
            let index = Index::build(&archive);
            let matcher = Matcher::new();
            let hits = matcher
                .search(&index, &q, None, &AtomicBool::new(false))
                .unwrap_or_default();
            let limit = limit.unwrap_or(if json { usize::MAX } else { 20 });
            for hit in hits.iter().take(limit) {
                let doc = &index.docs[hit.doc as usize];
                let item = match doc.kind {
                    DocKind::Talk => Item::Talk(&archive.talks[doc.idx as usize]),
                    DocKind::Post => Item::Post(&archive.posts[doc.idx as usize]),
                };
                if json {
                    writeln!(out, "{}", item.json(Some(hit.score)))?;
                } else {
                    writeln!(out, "{}", item.row())?;
                }
            }
            if hits.len() > limit && !json {
                writeln!(
                    err,
                    "talks: {} more; use --limit N to see them",
                    hits.len() - limit
                )?;
            }
            if hits.is_empty() {
                writeln!(
                    err,
                    "talks: nothing matches {query:?}; try fewer words, or a part of a name"
                )?;
                return Ok(Outcome::NothingFound);
            }
            Ok(Outcome::Ok)
        }
        Command::Show { id, json } => {
            let found = find_item(&archive, &id);
            match found {
                Ok(item) => {
                    if json {
                        writeln!(out, "{}", item.json(None))?;
                    } else {
                        write!(out, "{}", item.details())?;
                    }
                    Ok(Outcome::Ok)
                }
                Err(msg) => {
                    writeln!(err, "talks: {msg}")?;
                    Ok(Outcome::NothingFound)
                }
            }
        }
        Command::Check { .. } => {
            // Config problems count too: `check` is where a user looks when something is off.
            let mut errors = setup.config_errors.len();
            let mut warnings = 0;
            for d in &archive.diagnostics {
                match d.severity {
                    Severity::Error => errors += 1,
                    Severity::Warning => warnings += 1,
                }
                writeln!(
                    out,
                    "{}",
                    crate::ui::sanitize::sanitize_text(&d.to_string())
                )?;
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
        Command::Export {
            starred: _,
            watch_later,
            format,
            output,
        } => {
            let loaded = crate::state::load_state(&setup.paths.state_file());
            let state = loaded.state;
            if let Some(m) = loaded.message {
                writeln!(err, "talks: {m}")?;
            }
            let ids: Vec<String> = if watch_later {
                state.watch_later.clone()
            } else {
                state.stars.iter().cloned().collect()
            };
            let title = if watch_later {
                "Watch later"
            } else {
                "Starred"
            };
            let (text, missing) = export_text(&archive, &ids, format, title);
            if missing > 0 {
                writeln!(
                    err,
                    "talks: {missing} saved id(s) are not in the loaded archive; add its --data to include them"
                )?;
            }
            match output {
                Some(p) => {
                    if let Err(e) = std::fs::write(&p, &text) {
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
        Command::Import(_) | Command::Paths | Command::Config(_) => Ok(Outcome::Ok),
    }
}

/// The items with these ids in one of the export formats, and how many ids were not found.
pub fn export_text(
    archive: &Archive,
    ids: &[String],
    format: ExportFormat,
    title: &str,
) -> (String, usize) {
    let mut missing = 0;
    let items: Vec<Item<'_>> = ids
        .iter()
        .filter_map(|id| {
            let found = archive
                .talk(id)
                .map(Item::Talk)
                .or_else(|| archive.post(id).map(Item::Post));
            if found.is_none() {
                missing += 1;
            }
            found
        })
        .collect();
    let mut s = String::new();
    match format {
        ExportFormat::Json => {
            for i in &items {
                s += &format!("{}\n", i.json(None));
            }
        }
        ExportFormat::M3u => {
            s += "#EXTM3U\n";
            for i in &items {
                if let Item::Talk(t) = i {
                    for l in t
                        .links
                        .iter()
                        .filter(|l| l.kind == crate::archive::LinkKind::Video)
                    {
                        let who = sanitize_line(&t.speaker_names()).into_owned();
                        let name = if who.is_empty() {
                            sanitize_line(&t.title).into_owned()
                        } else {
                            format!("{who} — {}", sanitize_line(&t.title))
                        };
                        s += &format!("#EXTINF:-1,{name}\n{}\n", l.url);
                    }
                }
            }
        }
        ExportFormat::Markdown => {
            s += &format!("# {title}\n\n");
            for i in &items {
                match i {
                    Item::Talk(t) => {
                        let who: Vec<String> = t
                            .speakers
                            .iter()
                            .map(|sp| match &sp.company {
                                Some(c) => format!("{} ({c})", sp.name),
                                None => sp.name.clone(),
                            })
                            .collect();
                        let place: Vec<String> = [
                            t.conference_name().map(str::to_string),
                            t.city.clone(),
                            t.date.map(|d| d.to_string()),
                        ]
                        .into_iter()
                        .flatten()
                        .collect();
                        s += &format!("- **{}** — {}", t.title, who.join(", "));
                        if !place.is_empty() {
                            s += &format!(" · {}", place.join(", "));
                        }
                        s += "\n";
                        for l in &t.links {
                            s += &format!("  - {}: <{}>\n", l.kind.label(), l.url);
                        }
                    }
                    Item::Post(p) => {
                        s += &format!(
                            "- **{}** (post{})\n",
                            p.title,
                            p.date.map(|d| format!(", {d}")).unwrap_or_default()
                        );
                    }
                }
            }
        }
    }
    // Markdown and m3u are printed as they are: nothing from the data may reach the terminal
    // as a control sequence (JSON escapes them itself).
    let s = match format {
        ExportFormat::Json => s,
        _ => crate::ui::sanitize::sanitize_text(&s).into_owned(),
    };
    (s, missing)
}

/// A talk or a post, for output.
#[derive(Clone, Copy)]
pub enum Item<'a> {
    Talk(&'a Talk),
    Post(&'a Post),
}

impl Item<'_> {
    fn date(&self) -> Option<Date> {
        match self {
            Item::Talk(t) => t.date,
            Item::Post(p) => p.date,
        }
    }

    fn id(&self) -> &str {
        match self {
            Item::Talk(t) => &t.id,
            Item::Post(p) => &p.id,
        }
    }

    /// One aligned line for humans: date, kind, who, title, where.
    fn row(&self) -> String {
        let date = self
            .date()
            .map_or("          ".to_string(), |d| d.to_string());
        match self {
            Item::Talk(t) => format!(
                "{date}  talk  {}  {}  {}",
                fit(&t.speaker_names(), 28),
                fit(&t.title, 56),
                sanitize_line(t.conference_name().unwrap_or(""))
            ),
            Item::Post(p) => format!(
                "{date}  post  {}  {}  {}",
                fit("", 28),
                fit(&p.title, 56),
                sanitize_line(&p.tags.join(", "))
            ),
        }
    }

    pub fn json(&self, score: Option<i64>) -> serde_json::Value {
        let mut v = match self {
            Item::Talk(t) => json!({
                "kind": "talk",
                "id": t.id,
                "title": t.title,
                "date": t.date.map(|d| d.to_string()),
                "speakers": t.speakers,
                "conference": t.conference_name(),
                "city": t.city,
                "language": t.language,
                "tags": t.tags,
                "categories": t.categories,
                "abstract": t.abstract_md,
                "links": t.links.iter().map(|l| json!({"kind": l.kind, "url": l.url})).collect::<Vec<_>>(),
                "source": t.origin.to_string(),
            }),
            Item::Post(p) => json!({
                "kind": "post",
                "id": p.id,
                "title": p.title,
                "date": p.date.map(|d| d.to_string()),
                "speakers": [],
                "conference": null,
                "city": null,
                "tags": p.tags,
                "categories": p.categories,
                "summary": p.summary,
                "links": [],
                "aliases": p.aliases,
                "images": p.images,
                "draft": p.draft,
                "source": p.origin.to_string(),
            }),
        };
        if let (Some(s), Some(obj)) = (score, v.as_object_mut()) {
            obj.insert("score".into(), json!(s));
        }
        v
    }

    fn details(&self) -> String {
        let mut s = String::new();
        match self {
            Item::Talk(t) => {
                s += &format!("{}\n", sanitize_line(&t.title));
                for sp in &t.speakers {
                    match &sp.company {
                        Some(c) => {
                            s += &format!("  {} ({})\n", sanitize_line(&sp.name), sanitize_line(c))
                        }
                        None => s += &format!("  {}\n", sanitize_line(&sp.name)),
                    }
                }
                let place: Vec<String> = [t.conference_name(), t.city.as_deref()]
                    .into_iter()
                    .flatten()
                    .map(|x| sanitize_line(x).into_owned())
                    .collect();
                if let Some(d) = t.date {
                    s += &format!("{d}  ");
                }
                s += &format!("{}\n", place.join(", "));
                if !t.tags.is_empty() {
                    s += &format!("tags: {}\n", sanitize_line(&t.tags.join(", ")));
                }
                for (i, l) in t.links.iter().enumerate() {
                    s += &format!(
                        "[{}] {}: {}\n",
                        i + 1,
                        l.kind.label(),
                        sanitize_line(&l.url)
                    );
                }
                s += &format!("\n{}\n", markdown_plain(&t.abstract_md));
                if !t.body_md.is_empty() {
                    s += &format!("\n{}\n", markdown_plain(&t.body_md));
                }
                s += &format!(
                    "\nid: {}  source: {}\n",
                    t.id,
                    sanitize_line(&t.origin.to_string())
                );
            }
            Item::Post(p) => {
                s += &format!("{}\n", sanitize_line(&p.title));
                if let Some(d) = p.date {
                    s += &format!("{d}{}\n", if p.draft { "  (draft)" } else { "" });
                }
                if !p.tags.is_empty() {
                    s += &format!("tags: {}\n", sanitize_line(&p.tags.join(", ")));
                }
                s += &format!("\n{}\n", markdown_plain(&p.body_md));
                s += &format!(
                    "\nid: {}  source: {}\n",
                    p.id,
                    sanitize_line(&p.origin.to_string())
                );
            }
        }
        s
    }
}

/// Markdown as readable plain text, wrapped at 100 columns (the TUI's renderer, no colours).
fn markdown_plain(md: &str) -> String {
    crate::ui::markdown::render_markdown(md, 100, &crate::ui::markdown::MdStyles::default())
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// An id, or a unique end of one ("OSCON-fotolog" for "conf/2013/OSCON-fotolog").
pub fn find_item<'a>(archive: &'a Archive, id: &str) -> Result<Item<'a>, String> {
    if let Some(t) = archive.talk(id) {
        return Ok(Item::Talk(t));
    }
    if let Some(p) = archive.post(id) {
        return Ok(Item::Post(p));
    }
    let tail = format!("/{id}");
    let mut found: Vec<Item<'a>> = archive
        .talks
        .iter()
        .filter(|t| t.id.ends_with(&tail))
        .map(Item::Talk)
        .chain(
            archive
                .posts
                .iter()
                .filter(|p| p.id.ends_with(&tail))
                .map(Item::Post),
        )
        .collect();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(format!(
            "no talk or post with id {id:?}; `talks list --json` prints every id"
        )),
        n => Err(format!(
            "{id:?} matches {n} ids ({}); give more of it",
            found
                .iter()
                .map(|i| i.id().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Cut or pad to `width` display columns.
fn fit(s: &str, width: usize) -> String {
    let s = sanitize_line(s);
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width {
            if out.ends_with(' ') || w + 1 > width {
                out.pop();
            }
            out.push('…');
            w = width;
            break;
        }
        out.push(c);
        w += cw;
    }
    while w < width {
        out.push(' ');
        w += 1;
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn import_archive_page(
    file: &std::path::Path,
    output: Option<&std::path::Path>,
    conference: Option<String>,
    year: Option<i32>,
    date: Option<String>,
    city: Option<String>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let text = match crate::archive::load::read_text(file) {
        Ok(t) => t,
        Err(d) => {
            writeln!(err, "talks: {d}")?;
            return Ok(Outcome::UsageOrIo);
        }
    };
    let date = match date.as_deref().map(crate::archive::date::parse_date) {
        Some(Some(d)) => Some(d),
        Some(None) => {
            writeln!(err, "talks: --date expects a date like 2016-02-03")?;
            return Ok(Outcome::UsageOrIo);
        }
        None => year.map(|y| Date {
            year: y,
            month: 1,
            day: 1,
        }),
    };
    let parsed = parse_archive_page(&text);
    let name = conference.unwrap_or_else(|| {
        file.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Conference".into())
    });
    let mut ids = std::collections::HashSet::new();
    let shown = file.display().to_string();
    let mut unsure = Vec::new();
    let talks: Vec<NativeTalk> = parsed
        .entries
        .iter()
        .map(|e| {
            let who: Vec<String> = e
                .speakers
                .iter()
                .map(|s| s.name.rsplit(' ').next().unwrap_or(&s.name).to_string())
                .collect();
            let base = slugify(&who.join(" "));
            let base = if base.is_empty() {
                "talk".to_string()
            } else {
                base
            };
            let mut id = base.clone();
            let mut n = 2;
            while !ids.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            for reason in &e.unsure {
                unsure.push(format!("{shown}:{}: {reason}", e.line));
            }
            NativeTalk {
                id,
                title: crate::archive::page::title_from_abstract(&e.abstract_text),
                speakers: e
                    .speakers
                    .iter()
                    .map(|s| NativeSpeaker {
                        name: s.name.clone(),
                        company: s.company.clone(),
                    })
                    .collect(),
                tags: Vec::new(),
                language: None,
                abstract_text: crate::archive::page::page_abstract_markdown(&e.abstract_text),
            }
        })
        .collect();
    let native = NativeFile {
        conference: NativeConference {
            name,
            city,
            date: date.and_then(toml_date),
            end_date: None,
            url: None,
        },
        talk: talks,
    };
    let body = match toml::to_string_pretty(&native) {
        Ok(b) => b,
        Err(e) => {
            writeln!(err, "talks: cannot write TOML: {e}")?;
            return Ok(Outcome::UsageOrIo);
        }
    };
    let header = format!(
        "# Imported by `talks import archive-page` from {}.\n# The page has no titles: each title below is the start of its abstract; edit them.\n\n",
        file.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    );
    match output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, format!("{header}{body}")) {
                writeln!(err, "talks: {}: {e}", path.display())?;
                return Ok(Outcome::UsageOrIo);
            }
            writeln!(
                err,
                "talks: wrote {} talk(s) to {}",
                native.talk.len(),
                path.display()
            )?;
        }
        None => write!(out, "{header}{body}")?,
    }
    for note in &parsed.notes {
        writeln!(err, "talks: note: {}", sanitize_line(note))?;
    }
    if !unsure.is_empty() {
        let entries = parsed
            .entries
            .iter()
            .filter(|e| !e.unsure.is_empty())
            .count();
        writeln!(err, "talks: {entries} entr(y/ies) to check by hand:")?;
        for u in &unsure {
            writeln!(err, "  {}", sanitize_line(u))?;
        }
    }
    Ok(if native.talk.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Ok
    })
}
