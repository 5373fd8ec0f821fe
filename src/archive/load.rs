//! Reads archives from disk: Hugo sites or content folders, native TOML files, pyvideo event
//! folders, schedules, and folders of them. Walking and planning only: a file is read in
//! `read`, its kind decided and its text parsed in `source` (as for the bundled archive).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::Archive;
use super::bundled;
use super::cache::{Cache, Entry, Stamp, Stats};
use super::error::{Diagnostic, LoadError};
use super::hugo::{self, Sections, SiteInfo};
use super::source::{self, Detected, SourceKind};
use super::{pyvideo_tree, sniff};

// Reading a file is its own room (`read`); kept reachable here for callers of `load::read_text`.
pub use super::read::{MAX_FILE_BYTES, decode, read_text};

/// Deeper folder trees are not walked.
const MAX_DEPTH: usize = 32;

/// Where the archive comes from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Include the archive compiled into the binary.
    pub bundled: bool,
    /// `--data` paths and `TALKS_DATA` entries, in order.
    pub paths: Vec<PathBuf>,
    /// Follow symlinks that lead outside the `--data` path they were found under.
    pub follow_outside: bool,
}

/// Where a walk may go: inside the `--data` path it started from. A symlink that leads out
/// is not followed (an archive cloned from someone else could point at `~/.ssh`); it is named
/// in `talks check`, and `--follow-symlinks` allows it.
#[derive(Debug, Default)]
struct Fence {
    /// The canonical `--data` folder (a file's folder), `None` when it could not be resolved.
    root: Option<PathBuf>,
    allow_outside: bool,
    /// Symlinks met that lead outside, with their targets.
    escaped: std::cell::RefCell<Vec<(PathBuf, PathBuf)>>,
}

impl Fence {
    fn new(path: &Path, allow_outside: bool) -> Fence {
        let root = fs::canonicalize(path).ok().map(|p| {
            if p.is_file() {
                p.parent().map(Path::to_path_buf).unwrap_or(p)
            } else {
                p
            }
        });
        Fence {
            root,
            allow_outside,
            escaped: Default::default(),
        }
    }

    /// Whether the walk may enter `e`; a symlink out of the root is noted and refused.
    fn admits(&self, e: &walkdir::DirEntry) -> bool {
        if e.depth() == 0 || !e.path_is_symlink() || self.allow_outside {
            return true;
        }
        let Some(root) = &self.root else {
            return true;
        };
        match fs::canonicalize(e.path()) {
            Ok(target) if target.starts_with(root) => true,
            Ok(target) => {
                self.escaped
                    .borrow_mut()
                    .push((e.path().to_path_buf(), target));
                false
            }
            // A dangling link: the walk reports it as the error it is.
            Err(_) => true,
        }
    }
}

/// One file to parse, found by walking.
#[derive(Debug, Clone)]
struct Job {
    path: PathBuf,
    detected: Detected,
    /// Index into `Plan::sites`; `None` for files outside any Hugo site.
    site: Option<usize>,
}

/// What a file gave: the cache stores exactly this.
use super::cache::Items as Parsed;

#[derive(Default)]
struct Plan {
    sections: Sections,
    fence: std::rc::Rc<Fence>,
    jobs: Vec<Job>,
    sites: Vec<SiteInfo>,
    diagnostics: Vec<Diagnostic>,
}

/// Load everything `sources` names. Never fails: problems become diagnostics.
pub fn load(sources: &Sources) -> Archive {
    load_with(sources, &Sections::default())
}

/// `load`, with the user's names for the Hugo sections.
pub fn load_with(sources: &Sources, sections: &Sections) -> Archive {
    load_cached(sources, sections, None).0
}

/// How one job was answered.
enum Outcome {
    /// Parsed now; the entry to cache when the file loaded cleanly.
    Parsed(Option<(String, Entry)>),
    /// Taken from the cache under this key.
    Cached(String),
}

/// The files a load of some sources reads, found by walking them, with what each file's parse
/// depends on, and the walk's own diagnostics. A snapshot of a whole load (`store`) is valid
/// while its plan's jobs and their stamps are the same.
pub struct Planned {
    plan: Plan,
    bundled: bool,
    fingerprints: Vec<u64>,
    no_site_print: u64,
}

impl Planned {
    /// Each file to read, as the cache key of its parse and its path.
    pub fn jobs(&self) -> Vec<(String, &Path)> {
        self.plan
            .jobs
            .iter()
            .map(|job| {
                let print = job
                    .site
                    .map_or(self.no_site_print, |i| self.fingerprints[i]);
                (job_key(job, print), job.path.as_path())
            })
            .collect()
    }

    /// What walking found wrong (links out of the folder, unreadable folders, …).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.plan.diagnostics
    }
}

/// Walk `sources` and decide what each file is, without reading any of them.
pub fn plan(sources: &Sources, sections: &Sections) -> Planned {
    let mut plan = Plan {
        sections: sections.clone(),
        ..Plan::default()
    };
    for p in &sources.paths {
        plan.fence = std::rc::Rc::new(Fence::new(p, sources.follow_outside));
        plan_path(p, &mut plan);
        let escaped = std::mem::take(&mut *plan.fence.escaped.borrow_mut());
        for (link, target) in escaped {
            plan.diagnostics.push(Diagnostic::warning(
                display(&link),
                None,
                LoadError::OutsideRoot {
                    target: display(&target),
                },
            ));
        }
    }
    // What a site's parse depends on, once per site: profiles can be many, keys stay short.
    let fingerprints: Vec<u64> = plan.sites.iter().map(fingerprint).collect();
    Planned {
        plan,
        bundled: sources.bundled,
        fingerprints,
        no_site_print: fingerprint(&SiteInfo::default()),
    }
}

/// `load_with`, reusing `cache` for every file whose path, size and modification time are
/// unchanged. Returns the cache to keep (the entries this load used or made: files that are
/// gone drop out) when one was given, and how many files it answered.
pub fn load_cached(
    sources: &Sources,
    sections: &Sections,
    cache: Option<Cache>,
) -> (Archive, Option<Cache>, Stats) {
    load_planned(plan(sources, sections), cache)
}

/// `load_cached` for a plan made already.
pub fn load_planned(planned: Planned, cache: Option<Cache>) -> (Archive, Option<Cache>, Stats) {
    let Planned {
        mut plan,
        bundled,
        fingerprints,
        no_site_print,
    } = planned;
    let mut archive = Archive::default();
    if bundled {
        bundled::load_into(&mut archive);
    }
    archive.diagnostics.append(&mut plan.diagnostics);
    archive.files_seen += plan.jobs.len();
    let no_site = SiteInfo::default();
    let site_of = |job: &Job| job.site.map_or(&no_site, |i| &plan.sites[i]);
    let results: Vec<(Parsed, Vec<Diagnostic>, Outcome)> = plan
        .jobs
        .par_iter()
        .map(|job| {
            let print = job.site.map_or(no_site_print, |i| fingerprints[i]);
            run_cached(job, site_of(job), print, cache.as_ref())
        })
        .collect();
    crate::phase!("parsed");
    let mut stats = Stats::default();
    // Room for every talk at once: growing a vector of 100,000 talks copies it many times.
    let talks: usize = results
        .iter()
        .map(|(p, _, _)| match p {
            Parsed::Talks(ts) => ts.len(),
            Parsed::Talk(_) => 1,
            _ => 0,
        })
        .sum();
    archive.talks.to_mut().reserve(talks);
    let mut old = cache;
    let mut new_cache = old.as_ref().map(|_| Cache::default());
    for (parsed, mut diags, outcome) in results {
        archive.diagnostics.append(&mut diags);
        match (outcome, new_cache.as_mut()) {
            (Outcome::Cached(key), Some(nc)) => {
                stats.hits += 1;
                // Moved, not copied: blobs can total hundreds of megabytes.
                if let Some(e) = old.as_mut().and_then(|o| o.entries.remove(&key)) {
                    nc.entries.insert(key, e);
                }
            }
            (Outcome::Parsed(entry), nc) => {
                stats.misses += 1;
                if let (Some((key, e)), Some(nc)) = (entry, nc) {
                    nc.entries.insert(key, e);
                }
            }
            (Outcome::Cached(_), None) => {}
        }
        source::add(&mut archive, parsed);
    }
    // Translations and repeated ids both need an id given twice (or a bundled item, which
    // the user's own may replace): most archives have neither, found out in parallel.
    if !all_distinct(&archive) {
        hugo::translations::merge_translations(&mut archive);
        dedupe_ids(&mut archive);
    }
    crate::phase!("loaded");
    (archive, new_cache, stats)
}

/// A hash of everything a site lends its pages (base URL, author, profiles, language).
fn fingerprint(site: &SiteInfo) -> u64 {
    use std::hash::{Hash, Hasher};
    // Fixed keys: the same site gives the same key on every start (the cache's FORMAT string
    // changes with the program's version anyway).
    let mut h = std::hash::DefaultHasher::new();
    format!("{site:?}").hash(&mut h);
    h.finish()
}

/// What a job's result depends on besides the file: its kind, and how its site reads.
fn job_key(job: &Job, site_print: u64) -> String {
    format!(
        "{}\0{:?}\0{site_print:016x}",
        job.path.display(),
        job.detected
    )
}

fn run_cached(
    job: &Job,
    site: &SiteInfo,
    site_print: u64,
    cache: Option<&Cache>,
) -> (Parsed, Vec<Diagnostic>, Outcome) {
    let Some(cache) = cache else {
        let (p, d) = run_job(job, site);
        return (p, d, Outcome::Parsed(None));
    };
    let key = job_key(job, site_print);
    let stamp = Stamp::of(&job.path);
    if let Some(stamp) = &stamp
        && let Some((items, warnings)) = cache.get(&key, stamp)
    {
        return (items, warnings, Outcome::Cached(key));
    }
    let (parsed, diags) = run_job(job, site);
    // Files with warnings are cached with them; files with errors are not, so they are read
    // (and reported) afresh on every start.
    let entry = stamp
        .and_then(|stamp| Cache::entry(&parsed, &diags, stamp))
        .map(|e| (key, e));
    (parsed, diags, Outcome::Parsed(entry))
}

fn display(p: &Path) -> String {
    p.display().to_string()
}

/// A path as `/`-separated text, for the detection rules.
fn slashed(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn plan_path(path: &Path, plan: &mut Plan) {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            plan.diagnostics.push(Diagnostic::error(
                display(path),
                None,
                LoadError::Io(e.to_string()),
            ));
            return;
        }
    };
    if meta.is_file() {
        if let Some(found) = pyvideo_tree::talk_file(path) {
            plan_event(found, plan);
            return;
        }
        match source::detect_file(&slashed(path), &plan.sections, true) {
            Some(detected) => {
                // A page named on its own still reads with its site (base URL, author,
                // profiles) when it sits in one: the folder above its `content/`.
                let site = match &detected.kind {
                    SourceKind::Hugo { .. } => path
                        .ancestors()
                        .find(|a| a.file_name().is_some_and(|n| n == "content"))
                        .and_then(Path::parent)
                        .map(|root| add_site(read_site_info(root, &plan.fence), plan)),
                    _ => None,
                };
                plan.jobs.push(Job {
                    path: path.to_path_buf(),
                    detected,
                    site,
                })
            }
            None => plan.diagnostics.push(Diagnostic::error(
                display(path),
                None,
                LoadError::NothingFound,
            )),
        }
        return;
    }
    let before = plan.jobs.len();
    let diags_before = plan.diagnostics.len();
    plan_folder(path, plan);
    if plan.jobs.len() == before && plan.diagnostics.len() == diags_before {
        plan.diagnostics.push(Diagnostic::error(
            display(path),
            None,
            LoadError::NothingFound,
        ));
    }
}

/// A walk that follows symlinks inside the `--data` path (reporting loops, and links that
/// lead outside, which it does not follow), sorted so loads are deterministic, bounded in
/// depth, and blind to hidden files and folders below `root`.
fn walk(
    root: &Path,
    fence: &std::rc::Rc<Fence>,
) -> walkdir::FilterEntry<walkdir::IntoIter, impl FnMut(&walkdir::DirEntry) -> bool + use<>> {
    walk_to(root, MAX_DEPTH, fence)
}

fn walk_to(
    root: &Path,
    depth: usize,
    fence: &std::rc::Rc<Fence>,
) -> walkdir::FilterEntry<walkdir::IntoIter, impl FnMut(&walkdir::DirEntry) -> bool + use<>> {
    let fence = fence.clone();
    walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .max_depth(depth)
        .into_iter()
        .filter_entry(move |e| {
            (e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')) && fence.admits(e)
        })
}

/// A file whose name is not UTF-8 cannot be given a stable id or shown: say so instead of
/// passing it over in silence. True when it was such a file.
fn name_not_utf8(entry: &walkdir::DirEntry, plan: &mut Plan) -> bool {
    let name = entry.file_name();
    if name.to_str().is_some() || !entry.file_type().is_file() {
        return false;
    }
    // Only a file we would have read: an attachment with an odd name is no one's business.
    let readable = super::names::extension(&name.to_string_lossy())
        .is_some_and(|e| matches!(e.as_str(), "md" | "markdown" | "toml" | "json" | "xml"));
    if !readable {
        return false;
    }
    plan.diagnostics.push(Diagnostic::error(
        display(entry.path()),
        None,
        LoadError::NameNotUtf8,
    ));
    true
}

/// A walk error as a diagnostic: loops are warnings (the link is not followed); a folder or a
/// file we would have read that cannot be is an error. Anything else is passed over, as the
/// file would have been.
fn walk_error(e: &walkdir::Error, wanted: impl Fn(&Path) -> bool, plan: &mut Plan) {
    let Some(path) = e.path() else {
        return;
    };
    if e.loop_ancestor().is_some() {
        plan.diagnostics.push(Diagnostic::warning(
            display(path),
            None,
            LoadError::SymlinkLoop,
        ));
        return;
    }
    let is_dir = fs::symlink_metadata(path).is_ok_and(|m| m.is_dir());
    if is_dir || wanted(path) {
        let msg = e
            .io_error()
            .map_or_else(|| e.to_string(), ToString::to_string);
        plan.diagnostics
            .push(Diagnostic::error(display(path), None, LoadError::Io(msg)));
    }
}

/// A folder: a Hugo site, a content folder, a section folder named directly, or a folder
/// holding native files and sites (walked for them).
fn plan_folder(dir: &Path, plan: &mut Plan) {
    if plan_hugo(dir, true, plan) || plan_pyvideo(dir, plan) {
        return;
    }
    let mut it = walk(dir, &plan.fence);
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                walk_error(&e, |_| false, plan);
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        if entry.file_type().is_dir() {
            // Folder-shaped sources, whose files need their folder's context (a Hugo site's
            // config and profiles, a pyvideo event's category.json), are recognised here.
            // Single-file kinds need only `source::detect_file`.
            if plan_hugo(entry.path(), false, plan)
                || plan_pyvideo(entry.path(), plan)
                || pyvideo_tree::is_support_folder(entry.path())
            {
                it.skip_current_dir();
            }
        } else if name_not_utf8(&entry, plan) {
            continue;
        } else if let Some(detected) =
            source::detect_file(&slashed(entry.path()), &plan.sections, false)
        {
            plan.jobs.push(Job {
                path: entry.into_path(),
                detected,
                site: None,
            });
        } else if sniff::worth_a_note(&entry.file_name().to_string_lossy()) {
            plan.diagnostics.push(unplaced(entry.path()));
        }
    }
}

/// Plan `dir` as a Hugo site, its content folder or (when named by the user, `top`) one of its
/// sections. False when it is none of these.
fn plan_hugo(dir: &Path, top: bool, plan: &mut Plan) -> bool {
    let content = dir.join("content");
    // A site: `content/` with sections we read, or per-language content folders, or beside a
    // Hugo config (then its sections are looked at even under names we do not read, and its
    // layouts and static files are never mistaken for archives).
    if content.is_dir()
        && (has_sections(&content, &plan.sections)
            || !language_dirs(&content, &plan.sections).is_empty()
            || hugo::site::SITE_CONFIGS
                .iter()
                .any(|(name, _)| dir.join(name).is_file())
            || dir.join("config/_default").is_dir())
    {
        let site = add_site(read_site_info(dir, &plan.fence), plan);
        plan_content(&content, &content, site, plan);
        return true;
    }
    if is_content_folder(dir, &plan.sections) {
        let site = add_site(
            dir.parent()
                .map(|d| read_site_info(d, &plan.fence))
                .unwrap_or_default(),
            plan,
        );
        plan_content(dir, dir, site, plan);
        return true;
    }
    // A section folder named directly (`--data site/content/post`): that section alone, with
    // the same ids as when the whole site is loaded.
    if top
        && dir
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| plan.sections.section_for(n))
            .is_some()
        && let Some(content) = dir.parent()
    {
        let site = add_site(
            content
                .parent()
                .map(|d| read_site_info(d, &plan.fence))
                .unwrap_or_default(),
            plan,
        );
        plan_content(content, dir, site, plan);
        return true;
    }
    false
}

/// Plan `dir` as a pyvideo event folder (`category.json` + `videos/*.json`). False when it is
/// not one.
fn plan_pyvideo(dir: &Path, plan: &mut Plan) -> bool {
    let Some(found) = pyvideo_tree::event_files(dir) else {
        return false;
    };
    plan_event(found, plan);
    true
}

fn plan_event(mut found: pyvideo_tree::EventFiles, plan: &mut Plan) {
    plan.diagnostics.append(&mut found.diagnostics);
    for path in found.talks {
        plan.jobs.push(Job {
            path,
            detected: Detected {
                kind: SourceKind::Pyvideo {
                    event: found.event.clone(),
                },
                explicit: false,
            },
            site: None,
        });
    }
}

/// A note for a file no loader takes, saying what it looked like.
fn unplaced(path: &Path) -> Diagnostic {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let looked_like = match read_text(path) {
        Ok(text) => sniff::describe(&text, &ext),
        Err(d) => d.error.to_string(),
    };
    Diagnostic::warning(display(path), None, LoadError::Unplaced { looked_like })
}

fn add_site(site: SiteInfo, plan: &mut Plan) -> usize {
    plan.sites.push(site);
    plan.sites.len() - 1
}

fn is_content_folder(dir: &Path, sections: &Sections) -> bool {
    dir.file_name().is_some_and(|n| n == "content") || has_sections(dir, sections)
}

/// Whether `dir` holds a talks or posts section (or Academic's `event/`).
fn has_sections(dir: &Path, sections: &Sections) -> bool {
    fs::read_dir(dir).is_ok_and(|rd| {
        rd.flatten().any(|e| {
            e.path().is_dir()
                && e.file_name().to_str().is_some_and(|n| {
                    sections.section_for(n).is_some()
                        || hugo::TALKS_IF_TALK_LIKE.contains(&n.to_lowercase().as_str())
                })
                // A whole site in a folder named like a section (`archives/blog/content/…`)
                // makes `dir` a folder of sites, not a content folder.
                && !e.path().join("content").is_dir()
        })
    })
}

/// What a site's root tells: its config and its speaker profiles (`hugo::site::is_site_file`).
/// Best effort: a file that cannot be read here only costs its profile.
fn read_site_info(root: &Path, fence: &std::rc::Rc<Fence>) -> SiteInfo {
    let mut files: Vec<(String, String)> = Vec::new();
    let add = |path: &Path, files: &mut Vec<(String, String)>| {
        if let Ok(rel) = path.strip_prefix(root) {
            let rel = slashed(rel);
            if hugo::site::is_site_file(&rel)
                && let Ok(text) = read_text(path)
            {
                files.push((rel, text));
            }
        }
    };
    for (name, _) in hugo::site::SITE_CONFIGS {
        let p = root.join(name);
        if p.is_file() {
            add(&p, &mut files);
        }
    }
    let dirs = [(root.join("config/_default"), 1), (root.join("data"), 2)]
        .into_iter()
        .chain(
            hugo::site::PROFILE_SECTIONS
                .iter()
                .map(|s| (root.join("content").join(s), 3)),
        );
    for (dir, depth) in dirs {
        if !dir.is_dir() {
            continue;
        }
        for entry in walk_to(&dir, depth, fence).flatten() {
            if entry.file_type().is_file() {
                add(entry.path(), &mut files);
            }
        }
    }
    hugo::site::site_from_files(files.iter().map(|(p, t)| (p.as_str(), t.as_str())))
}

/// How many pages of a section we do not read are looked at to tell whether it holds talks.
const PROBE_PAGES: usize = 5;

/// Whether the pages of a section folder look like talks: at least half of its first pages.
fn section_looks_like_talks(dir: &Path, fence: &std::rc::Rc<Fence>) -> bool {
    let mut seen = 0;
    let mut talk_like = 0;
    for entry in walk_to(dir, 3, fence).flatten() {
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file()
            || name.starts_with("_index")
            || !matches!(
                super::names::extension(&name).as_deref(),
                Some("md" | "markdown")
            )
        {
            continue;
        }
        if let Ok(text) = read_text(entry.path()) {
            seen += 1;
            talk_like += usize::from(hugo::looks_like_talk(&text));
        }
        if seen >= PROBE_PAGES {
            break;
        }
    }
    talk_like > 0 && talk_like * 2 >= seen
}

/// The sections of one site: the configured ones, plus Academic's `event/` when its pages
/// are talks. A folder we do not read whose pages look like talks is named in a warning with
/// the config line that adds it.
fn site_sections(content: &Path, plan: &mut Plan) -> Sections {
    let mut sections = plan.sections.clone();
    let Ok(rd) = fs::read_dir(content) else {
        return sections;
    };
    let mut dirs: Vec<PathBuf> = rd
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let Some(name) = dir.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let lower = name.to_lowercase();
        if name.starts_with('.')
            || sections.section_for(name).is_some()
            || hugo::site::PROFILE_SECTIONS.contains(&lower.as_str())
            || (super::names::split_lang(&format!("x.{lower}")).1.is_some()
                && has_sections(&dir, &sections))
            || !section_looks_like_talks(&dir, &plan.fence)
        {
            continue;
        }
        if hugo::TALKS_IF_TALK_LIKE.contains(&lower.as_str()) {
            sections.talks.push(name.to_string());
        } else {
            plan.diagnostics.push(Diagnostic::warning(
                display(&dir),
                None,
                LoadError::UnreadSection {
                    section: name.to_string(),
                    config: plan.sections.config_line_adding(name),
                },
            ));
        }
    }
    sections
}

/// Folders of `content/` named like a language (`en`, `fr`, `pt-br`) that hold sections of
/// their own: a site translated by content directory.
fn language_dirs(content: &Path, sections: &Sections) -> Vec<PathBuf> {
    let Ok(rd) = fs::read_dir(content) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| super::names::split_lang(&format!("x.{n}")).1.is_some())
                && sections
                    .section_for(&p.file_name().unwrap_or_default().to_string_lossy())
                    .is_none()
                && has_sections(p, sections)
        })
        .collect();
    dirs.sort();
    dirs
}

/// Every item file under `from` (the content folder, or one section of it); ids and kinds are
/// decided on the path relative to `content`.
fn plan_content(content: &Path, from: &Path, site: usize, plan: &mut Plan) {
    plan_content_in(content, from, site, None, plan);
}

/// `plan_content` for one language's content folder when `lang` is given (Hugo's translation
/// by content directory: `content/en/talks/…`, `content/fr/talks/…`).
fn plan_content_in(content: &Path, from: &Path, site: usize, lang: Option<&str>, plan: &mut Plan) {
    let sections = if from == content {
        site_sections(content, plan)
    } else {
        plan.sections.clone()
    };
    if from == content && lang.is_none() {
        let mut dirs = language_dirs(content, &sections);
        // The default language first: its page is the item translations merge into.
        let default = plan.sites[site].default_language.clone();
        dirs.sort_by_key(|d| {
            let name = d.file_name().map(|n| n.to_string_lossy().to_lowercase());
            name != default
        });
        for dir in dirs {
            let code = dir
                .file_name()
                .map(|n| n.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            plan_content_in(&dir, &dir, site, Some(&code), plan);
        }
    }
    let rel_of = |p: &Path| p.strip_prefix(content).ok().map(slashed);
    let mut it = walk(from, &plan.fence);
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let wanted = |p: &Path| {
                    rel_of(p).is_some_and(|r| source::detect_content(&r, &sections).is_some())
                };
                walk_error(&e, wanted, plan);
                continue;
            }
        };
        let Some(rel) = rel_of(entry.path()) else {
            continue;
        };
        if entry.file_type().is_dir() {
            // Only the sections are walked; other folders (`page/`, `about/`) are not read.
            let top_level = !rel.is_empty() && !rel.contains('/');
            if top_level && sections.section_for(&rel).is_none() {
                it.skip_current_dir();
            }
            continue;
        }
        if name_not_utf8(&entry, plan) {
            continue;
        }
        // Pipes, sockets and devices are queued too: `read_text` reports them without
        // opening them, so the user learns why they were skipped.
        if let Some(mut kind) = source::detect_content(&rel, &sections) {
            if let (Some(code), SourceKind::Hugo { lang, .. }) = (lang, &mut kind) {
                lang.get_or_insert_with(|| code.to_string());
            }
            plan.jobs.push(Job {
                path: entry.into_path(),
                detected: Detected {
                    kind,
                    explicit: false,
                },
                site: Some(site),
            });
        }
    }
}

fn run_job(job: &Job, site: &SiteInfo) -> (Parsed, Vec<Diagnostic>) {
    let shown = display(&job.path);
    let text = match read_text(&job.path) {
        Ok(t) => t,
        Err(e) => return (Parsed::Nothing, vec![e]),
    };
    let stem = job
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    source::parse(&job.detected, &text, &shown, &stem, site)
}

/// Whether an item came from the archive compiled into the binary.
fn is_bundled(origin: &super::Origin) -> bool {
    origin.path.starts_with("bundled:")
}

fn any_bundled(archive: &Archive) -> bool {
    archive.talks.iter().any(|t| is_bundled(&t.origin))
        || archive.posts.iter().any(|p| is_bundled(&p.origin))
}

/// Whether no id is given twice among the talks, nor among the posts, and nothing is bundled.
fn all_distinct(archive: &Archive) -> bool {
    fn distinct<'a>(ids: impl Iterator<Item = &'a str>) -> bool {
        let mut ids: Vec<&str> = ids.collect();
        ids.par_sort_unstable();
        !ids.par_windows(2).any(|w| w[0] == w[1])
    }
    !any_bundled(archive)
        && distinct(archive.talks.iter().map(|t| t.id.as_str()))
        && distinct(archive.posts.iter().map(|p| p.id.as_str()))
}

/// Ids must be unique: user state is keyed on them. The user's own files come first: a
/// bundled item whose id one of them has is left out (the user's copy wins, and is never
/// renamed). The same item loaded twice (the same folder named twice) is dropped quietly; a
/// real clash between two of the user's files is renamed and reported.
fn dedupe_ids(archive: &mut Archive) {
    // Ids are borrowed, never copied: this runs over every item on every start.
    // Without bundled items (the usual case with an archive of one's own) every item is the
    // user's: nothing to leave out.
    let any_bundled = any_bundled(archive);
    let talks_kept: Vec<bool> = if !any_bundled {
        Vec::new()
    } else {
        let user: HashSet<&str> = archive
            .talks
            .iter()
            .filter(|t| !is_bundled(&t.origin))
            .map(|t| t.id.as_str())
            .collect();
        archive
            .talks
            .iter()
            .map(|t| !is_bundled(&t.origin) || !user.contains(t.id.as_str()))
            .collect()
    };
    if any_bundled {
        retain_marked(archive.talks.to_mut(), &talks_kept);
    }
    let posts_kept: Vec<bool> = {
        let user: HashSet<&str> = archive
            .posts
            .iter()
            .filter(|p| !is_bundled(&p.origin))
            .map(|p| p.id.as_str())
            .collect();
        let mut seen: HashSet<&str, foldhash::fast::RandomState> =
            HashSet::with_capacity_and_hasher(archive.posts.len(), Default::default());
        archive
            .posts
            .iter()
            .map(|p| {
                (!is_bundled(&p.origin) || !user.contains(p.id.as_str())) && seen.insert(&p.id)
            })
            .collect()
    };
    retain_marked(archive.posts.to_mut(), &posts_kept);

    // Talks: first decide (borrowing), then apply the few changes (usually none).
    // A change: the talk at this index is dropped (None) or renamed and reported.
    let mut changes: Vec<(usize, Option<(String, String)>)> = Vec::new();
    {
        let talks = &archive.talks;
        // Each id taken so far (renamed ones too) -> the talk that has it.
        let mut seen: HashMap<Cow<'_, str>, usize, foldhash::fast::RandomState> =
            HashMap::with_capacity_and_hasher(talks.len(), Default::default());
        for (i, t) in talks.iter().enumerate() {
            let Some(&j) = seen.get(t.id.as_str()) else {
                seen.insert(Cow::Borrowed(t.id.as_str()), i);
                continue;
            };
            let first = &talks[j];
            if first.title == t.title && first.date == t.date {
                changes.push((i, None));
                continue;
            }
            let mut n = 2;
            while seen.contains_key(format!("{}~{n}", t.id).as_str()) {
                n += 1;
            }
            let renamed = format!("{}~{n}", t.id);
            seen.insert(Cow::Owned(renamed.clone()), i);
            changes.push((i, Some((renamed, first.origin.to_string()))));
        }
    }
    if changes.is_empty() {
        return;
    }
    let mut changes = changes.into_iter().peekable();
    let mut keep = Vec::with_capacity(archive.talks.len());
    for (i, mut t) in std::mem::take(archive.talks.to_mut())
        .into_iter()
        .enumerate()
    {
        if let Some((_, change)) = changes.next_if(|(k, _)| *k == i) {
            let Some((renamed, other)) = change else {
                continue;
            };
            let id = std::mem::replace(&mut t.id, renamed);
            archive.diagnostics.push(Diagnostic::warning(
                t.origin.path.clone(),
                Some(t.origin.line),
                LoadError::DuplicateId { id, other },
            ));
        }
        keep.push(t);
    }
    archive.talks = keep.into();
}

/// Keeps the items whose mark is true (marks in item order).
fn retain_marked<T>(items: &mut Vec<T>, marks: &[bool]) {
    let mut marks = marks.iter();
    items.retain(|_| marks.next().copied().unwrap_or(true));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedupe_ids_table() {
        let mut bundled_archive = Archive::default();
        bundled::load_into(&mut bundled_archive);
        let base = bundled_archive.talks[0].clone();
        let talk = |id: &str, title: &str, path: &str, line: usize| {
            let mut t = base.clone();
            t.id = id.into();
            t.title = title.into();
            t.origin = super::super::Origin {
                path: path.into(),
                line,
            };
            t
        };
        let mut a = Archive {
            talks: vec![
                talk("fjord/keynote", "Opening the fjord", "a.toml", 3),
                talk("fjord/keynote", "Opening the fjord", "copy/a.toml", 3),
                talk("fjord/keynote", "Closing the fjord", "b.toml", 9),
                talk("fjord/keynote", "Another keynote", "c.toml", 1),
                talk("fjord/keynote~2", "Named like a rename", "d.toml", 4),
                talk("demo/shared", "The user's copy", "e.toml", 2),
                talk("demo/shared", "The bundled copy", "bundled:demo.toml", 5),
                talk("fjord/lone", "Alone", "f.toml", 7),
            ]
            .into(),
            ..Archive::default()
        };
        let mut post = bundled_archive.posts[0].clone();
        post.id = "post/once".into();
        a.posts = vec![post.clone(), post.clone()].into();
        dedupe_ids(&mut a);
        let ids: Vec<(&str, &str)> = a
            .talks
            .iter()
            .map(|t| (t.id.as_str(), t.title.as_str()))
            .collect();
        assert_eq!(
            ids,
            [
                ("fjord/keynote", "Opening the fjord"),
                ("fjord/keynote~2", "Closing the fjord"),
                ("fjord/keynote~3", "Another keynote"),
                ("fjord/keynote~2~2", "Named like a rename"),
                ("demo/shared", "The user's copy"),
                ("fjord/lone", "Alone"),
            ]
        );
        let reported: Vec<(&str, Option<usize>, String)> = a
            .diagnostics
            .iter()
            .map(|d| (d.path.as_str(), d.line, d.error.to_string()))
            .collect();
        assert_eq!(
            reported,
            [
                (
                    "b.toml",
                    Some(9),
                    "duplicate id `fjord/keynote` (also at a.toml:3)".to_string()
                ),
                (
                    "c.toml",
                    Some(1),
                    "duplicate id `fjord/keynote` (also at a.toml:3)".to_string()
                ),
                (
                    "d.toml",
                    Some(4),
                    "duplicate id `fjord/keynote~2` (also at b.toml:9)".to_string()
                ),
            ]
        );
        assert_eq!(a.posts.len(), 1, "the same post twice is kept once");
    }

    #[test]
    fn cache_reuses_unchanged_files_and_reparses_exactly_the_changed_ones() {
        let dir = tempfile::tempdir().unwrap();
        let post = dir.path().join("content/post");
        fs::create_dir_all(&post).unwrap();
        for i in 0..5 {
            fs::write(
                post.join(format!("p{i}.md")),
                format!("+++\ntitle = \"Post {i}\"\n+++\nbody\n"),
            )
            .unwrap();
        }
        fs::write(post.join("bad.md"), "+++\ntitle = \"never closed\"\n").unwrap();
        let src = Sources {
            bundled: false,
            paths: vec![dir.path().to_path_buf()],
            follow_outside: false,
        };
        let sections = Sections::default();
        let (first, cache, stats) = load_cached(&src, &sections, Some(Cache::default()));
        assert_eq!((stats.hits, stats.misses), (0, 6));
        assert_eq!(first.posts.len(), 5);
        // The bad file is not cached: its diagnostic comes back every time.
        assert_eq!(cache.as_ref().unwrap().entries.len(), 5);
        let (second, cache, stats) = load_cached(&src, &sections, cache);
        assert_eq!((stats.hits, stats.misses), (5, 1));
        assert_eq!(second.posts, first.posts);
        assert_eq!(second.diagnostics, first.diagnostics);
        // Change one file (its size changes, so even a coarse clock cannot hide it) and delete one.
        fs::write(
            post.join("p1.md"),
            "+++\ntitle = \"Post one, edited\"\n+++\nbody\n",
        )
        .unwrap();
        fs::remove_file(post.join("p2.md")).unwrap();
        let (third, cache, stats) = load_cached(&src, &sections, cache);
        assert_eq!((stats.hits, stats.misses), (3, 2));
        assert_eq!(third.posts.len(), 4);
        assert!(third.posts.iter().any(|p| p.title == "Post one, edited"));
        assert_eq!(cache.unwrap().entries.len(), 4);
    }
}
