//! Start-up shared by the TUI and the commands: which archive sources to read (`--data`,
//! `TALKS_DATA`, the config's `data`), the config with its problems, the paths, and loading
//! through the cache. It decides nothing about what is shown; the TUI and `cli/` call it.

use std::path::{Path, PathBuf};

use crate::archive::Archive;
use crate::archive::cache::{Cache, read_cache};
use crate::archive::hugo::Sections;
use crate::archive::load::{Sources, load_cached, load_with};
use crate::config::{Config, ConfigError, load_config};
use crate::paths::Paths;

/// What the user asked for on the command line about sources and output, as plain values (the
/// clap definitions live in `cli/`; the TUI receives these without knowing about clap).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--data` paths, in order.
    pub data: Vec<PathBuf>,
    /// `--no-bundled`: leave out the archive compiled into the binary, always.
    pub no_bundled: bool,
    /// `--bundled`: load the bundled archive even beside the user's own.
    pub bundled: bool,
    /// `--follow-symlinks`: follow links that lead outside a `--data` folder.
    pub follow_symlinks: bool,
    /// `--no-color`, or `NO_COLOR` set.
    pub no_color: bool,
    /// `--no-cache`: neither read nor write the cache of parsed files.
    pub no_cache: bool,
}

/// How a run ended, mapped to the exit code by main.
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

/// The archive sources named by flags and `TALKS_DATA` (the config's `data` is added by
/// `setup`). The bundled demo archive is only for when the user names no archive of their own,
/// or asks for it with `--bundled`: their archive comes first.
pub fn sources(opts: &Options) -> Sources {
    let mut paths = opts.data.clone();
    if let Some(list) = std::env::var_os("TALKS_DATA") {
        paths.extend(std::env::split_paths(&list).filter(|p| !p.as_os_str().is_empty()));
    }
    let mut s = Sources {
        bundled: false,
        paths,
        follow_outside: opts.follow_symlinks,
    };
    s.bundled = wants_bundled(opts, !s.paths.is_empty());
    s
}

fn wants_bundled(opts: &Options, user_named_an_archive: bool) -> bool {
    !opts.no_bundled && (opts.bundled || !user_named_an_archive)
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
    cache_file: Option<&Path>,
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

/// Read the config and work out the sources: the start of every command and of the TUI.
pub fn setup(opts: &Options) -> Setup {
    let paths = Paths::from_env();
    let no_color = opts.no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let (config, config_errors) = load_config(&paths.config_file(), no_color);
    let mut sources = sources(opts);
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
    // A config whose only data path is missing still names the user's archive: showing the
    // demo instead would hide that their archive is gone.
    sources.bundled = wants_bundled(opts, !sources.paths.is_empty() || !config.data.is_empty());
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

/// A name for the set of archives a run reads, to remember the user's place per archive:
/// the paths as given (absolute when they can be made so) and whether the demo is in.
pub fn archive_key(sources: &Sources) -> String {
    let mut parts: Vec<String> = sources
        .paths
        .iter()
        .map(|p| {
            std::fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .display()
                .to_string()
        })
        .collect();
    if sources.bundled {
        parts.push("bundled".into());
    }
    parts.join("\n")
}
