//! Start-up shared by the TUI and the commands: which archive sources to read (`--data`,
//! `TALKS_DATA`, the config's `data`), the config with its problems, the paths, and loading
//! through the cache. It decides nothing about what is shown; the TUI and `cli/` call it.

use std::path::{Path, PathBuf};

use crate::archive::Archive;
use crate::archive::cache::{Cache, read_cache};
use crate::archive::hugo::Sections;
use crate::archive::load::{Sources, load_planned, load_with, plan};
use crate::config::{Config, ConfigError, load_config};
use crate::paths::Paths;
use crate::store::{self, Pending, Snapshot};

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

/// The per-file cache's name in the cache dir.
pub const CACHE_FILE: &str = "archive.cache";

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
        self.paths.cache_dir.join(CACHE_FILE)
    }

    /// The start of a run: a valid snapshot if there is one, else a full load.
    /// `snapshot_follows`: as for [`start`].
    pub fn start(&self, sources: &Sources, no_cache: bool, snapshot_follows: bool) -> Start {
        start(
            sources,
            &self.sections,
            self.cache_dir(no_cache),
            snapshot_follows,
        )
    }

    /// The cache dir, unless `no_cache`.
    pub fn cache_dir(&self, no_cache: bool) -> Option<&Path> {
        (!no_cache).then_some(self.paths.cache_dir.as_path())
    }
}

/// How a run got its archive.
pub enum Start {
    /// A snapshot of the same load, still valid: the index mapped, items decoded when asked.
    Snapshot(Snapshot),
    /// A full load (through the per-file cache when there is a cache dir).
    Fresh {
        archive: Archive,
        /// The per-file cache to write back, when this load changed it.
        cache: Option<Cache>,
        /// What writing this load's snapshot needs (`store::write`), when there is a cache.
        pending: Option<Pending>,
    },
}

/// What a snapshot is a load of: the sources (as `archive_key` names them), whether links out
/// of them are followed, the section names, and the bundled files when they are in.
pub fn snapshot_key(sources: &Sources, sections: &Sections) -> String {
    use std::hash::{Hash, Hasher};
    let mut bundled = std::hash::DefaultHasher::new();
    if sources.bundled {
        crate::archive::bundled::FILES.hash(&mut bundled);
    }
    format!(
        "{}\nfollow={}\n{sections:?}\nbundled={:016x}",
        archive_key(sources),
        sources.follow_outside,
        bundled.finish()
    )
}

/// Start from the snapshot in `cache_dir` when it is still valid, else load through the
/// per-file cache there. Without a cache dir (`--no-cache`), or with only the bundled archive,
/// a plain load. `snapshot_follows`: the caller writes the snapshot of a fresh load (`talks
/// search`, the TUI), so a first start can leave the per-file cache out.
pub fn start(
    sources: &Sources,
    sections: &Sections,
    cache_dir: Option<&Path>,
    snapshot_follows: bool,
) -> Start {
    let Some(dir) = cache_dir.filter(|_| !sources.paths.is_empty()) else {
        return Start::Fresh {
            archive: load_with(sources, sections),
            cache: None,
            pending: None,
        };
    };
    let planned = plan(sources, sections);
    crate::phase!("planned");
    let key = snapshot_key(sources, sections);
    let file = store::file_for(dir, &key);
    let had_snapshot = file.exists();
    if let Some(snap) = Snapshot::open(&file, &key, &planned) {
        return Start::Snapshot(snap);
    }
    let pending = store::stamps(&planned).map(|jobs| Pending {
        file,
        key,
        walk: store::walk_text(&planned),
        jobs,
    });
    let cache_file = dir.join(CACHE_FILE);
    // A first start (no snapshot of these sources, no per-file cache file) whose caller writes
    // the snapshot leaves the per-file cache out: it pays off when files change, and the
    // start that finds the snapshot out of date makes it then. At 100,000 talks it is 66 MB,
    // and encoding and writing it was a third of a first search.
    let first = snapshot_follows && pending.is_some() && !had_snapshot && !cache_file.exists();
    let old = if first {
        Cache::default()
    } else {
        read_cache(&cache_file)
    };
    let before = old.entries.len();
    let (archive, cache, stats) = load_planned(planned, (!first).then_some(old));
    if first {
        // A load that met an unreadable file writes no snapshot. An empty per-file cache
        // then makes the next start an ordinary one, which keeps the readable files' parses.
        let unreadable = archive
            .diagnostics
            .iter()
            .any(|d| matches!(d.error, crate::archive::LoadError::Io(_)));
        return Start::Fresh {
            archive,
            cache: unreadable.then(Cache::default),
            pending,
        };
    }
    let changed = stats.misses > 0 || cache.as_ref().is_some_and(|c| c.entries.len() != before);
    Start::Fresh {
        archive,
        cache: cache.filter(|_| changed),
        pending,
    }
}

/// An archive to work on (the TUI, commands other than search).
pub struct Loaded {
    pub archive: Archive,
    /// The snapshot's mapped index, when the archive came from one.
    pub index: Option<crate::search::Index>,
    /// The per-file cache to write back, when this load changed it.
    pub cache: Option<Cache>,
    /// What writing this load's snapshot needs, when it was a full load with a cache dir.
    pub pending: Option<Pending>,
}

impl Start {
    /// Every item: a snapshot's records decoded, or the fresh load as it is. A snapshot whose
    /// records do not decode is removed and the load done afresh from `sources` (so the next
    /// start writes a good one).
    pub fn into_loaded(
        self,
        sources: &Sources,
        sections: &Sections,
        cache_dir: Option<&Path>,
    ) -> Loaded {
        match self {
            Start::Fresh {
                archive,
                cache,
                pending,
            } => Loaded {
                archive,
                index: None,
                cache,
                pending,
            },
            Start::Snapshot(snap) => match snap.archive() {
                Some(archive) => Loaded {
                    archive,
                    index: Some(snap.index().clone()),
                    cache: None,
                    pending: None,
                },
                None => {
                    snap.discard();
                    match start(sources, sections, cache_dir, false) {
                        // Removed, it cannot be valid again; should it be, load plainly.
                        Start::Snapshot(_) => Loaded {
                            archive: load_with(sources, sections),
                            index: None,
                            cache: None,
                            pending: None,
                        },
                        fresh => fresh.into_loaded(sources, sections, cache_dir),
                    }
                }
            },
        }
    }
}

/// `start`, for the TUI: a snapshot's items are decoded as they are shown
/// (`Snapshot::lazy_archive`), so the list of 100,000 talks needs only the index and the
/// rows on screen. A record that does not decode then reads as a placeholder that says to
/// restart, and the snapshot is removed for the next start.
pub fn start_lazy(sources: &Sources, sections: &Sections, cache_dir: Option<&Path>) -> Loaded {
    match start(sources, sections, cache_dir, true) {
        Start::Snapshot(snap) => Loaded {
            index: Some(snap.index().clone()),
            archive: snap.lazy_archive(),
            cache: None,
            pending: None,
        },
        fresh => fresh.into_loaded(sources, sections, cache_dir),
    }
}

/// `start`, with every item loaded (`Start::into_loaded`).
pub fn start_loaded(sources: &Sources, sections: &Sections, cache_dir: Option<&Path>) -> Loaded {
    start(sources, sections, cache_dir, false).into_loaded(sources, sections, cache_dir)
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
