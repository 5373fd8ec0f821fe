//! Reads archives from disk: Hugo sites or content folders, native TOML files, and folders of
//! them. Walking and reading only; each file's text goes to a pure parser in `hugo` or `native`.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::Archive;
use super::bundled;
use super::cache::{Cache, Entry, Stamp, Stats};
use super::error::{Diagnostic, LoadError};
use super::front_matter::Format;
use super::hugo::{self, Section, Sections, SiteInfo};

use super::native;

/// Larger files are skipped with their size as the reason: no real post is this big, and reading
/// one would cost memory and time for nothing (a pasted base64 image, a log).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// Deeper folder trees are not walked (and a symlink loop cannot take us further either).
const MAX_DEPTH: usize = 32;

/// Where the archive comes from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Include the archive compiled into the binary.
    pub bundled: bool,
    /// `--data` paths and `TALKS_DATA` entries, in order.
    pub paths: Vec<PathBuf>,
}

/// One file to parse, found by walking.
#[derive(Debug, Clone)]
enum Job {
    Hugo {
        path: PathBuf,
        id: String,
        section: Section,
        site: usize,
    },
    Native {
        path: PathBuf,
        /// Named on the command line: a TOML file that is no archive is then an error.
        explicit: bool,
    },
}

/// What a file gave: the cache stores exactly this.
use super::cache::Items as Parsed;

#[derive(Default)]
struct Plan {
    sections: Sections,
    jobs: Vec<Job>,
    sites: Vec<SiteInfo>,
    diagnostics: Vec<Diagnostic>,
    visited: HashSet<PathBuf>,
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

/// `load_with`, reusing `cache` for every file whose path, size and modification time are
/// unchanged. Returns the cache to keep (the entries this load used or made: files that are
/// gone drop out) when one was given, and how many files it answered.
pub fn load_cached(
    sources: &Sources,
    sections: &Sections,
    cache: Option<Cache>,
) -> (Archive, Option<Cache>, Stats) {
    let mut archive = Archive::default();
    if sources.bundled {
        bundled::load_into(&mut archive);
    }
    let mut plan = Plan {
        sections: sections.clone(),
        ..Plan::default()
    };
    for p in &sources.paths {
        plan_path(p, &mut plan);
    }
    archive.diagnostics.append(&mut plan.diagnostics);
    archive.files_seen += plan.jobs.len();
    let results: Vec<(Parsed, Vec<Diagnostic>, Outcome)> = plan
        .jobs
        .par_iter()
        .map(|job| run_cached(job, &plan.sites, cache.as_ref()))
        .collect();
    let mut stats = Stats::default();
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
        match parsed {
            Parsed::Talk(t) => archive.talks.push(*t),
            Parsed::Post(p) => archive.posts.push(*p),
            Parsed::Talks(mut ts) => archive.talks.append(&mut ts),
            Parsed::Nothing => {}
        }
    }
    dedupe_ids(&mut archive);
    (archive, new_cache, stats)
}

/// What a job's result depends on besides the file: its place, and how its site reads.
fn job_key<'j>(job: &'j Job, sites: &[SiteInfo]) -> (String, &'j Path) {
    match job {
        Job::Hugo {
            path,
            id,
            section,
            site,
        } => {
            let s = &sites[*site];
            (
                format!(
                    "hugo\0{}\0{id}\0{section:?}\0{:?}\0{:?}",
                    path.display(),
                    s.base_url,
                    s.author
                ),
                path,
            )
        }
        Job::Native { path, explicit } => (format!("native\0{}\0{explicit}", path.display()), path),
    }
}

fn run_cached(
    job: &Job,
    sites: &[SiteInfo],
    cache: Option<&Cache>,
) -> (Parsed, Vec<Diagnostic>, Outcome) {
    let Some(cache) = cache else {
        let (p, d) = run_job(job, sites);
        return (p, d, Outcome::Parsed(None));
    };
    let (key, path) = job_key(job, sites);
    let stamp = Stamp::of(path);
    if let Some(stamp) = &stamp
        && let Some(items) = cache.get(&key, stamp)
    {
        return (items, Vec::new(), Outcome::Cached(key));
    }
    let (parsed, diags) = run_job(job, sites);
    // Only clean files are cached, so every problem is reported again on the next start.
    let entry = match (stamp, diags.is_empty()) {
        (Some(stamp), true) => Cache::entry(&parsed, stamp).map(|e| (key, e)),
        _ => None,
    };
    (parsed, diags, Outcome::Parsed(entry))
}

fn display(p: &Path) -> String {
    p.display().to_string()
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
        match extension(path).as_deref() {
            Some("toml") => plan.jobs.push(Job::Native {
                path: path.to_path_buf(),
                explicit: true,
            }),
            Some("md" | "markdown") => plan_single_markdown(path, plan),
            _ => plan.diagnostics.push(Diagnostic::error(
                display(path),
                None,
                LoadError::NothingFound,
            )),
        }
        return;
    }
    let before = plan.jobs.len();
    let diags_before = plan.diagnostics.len();
    plan_folder(path, plan, 0);
    if plan.jobs.len() == before && plan.diagnostics.len() == diags_before {
        plan.diagnostics.push(Diagnostic::error(
            display(path),
            None,
            LoadError::NothingFound,
        ));
    }
}

/// A folder: a Hugo site, a content folder, or a folder holding native files and sites.
fn plan_folder(dir: &Path, plan: &mut Plan, depth: usize) {
    if !enter(dir, plan) {
        return;
    }
    let content = dir.join("content");
    if content.is_dir() && has_sections(&content, &plan.sections) {
        let site = read_site_info(dir);
        plan.sites.push(site);
        let site_idx = plan.sites.len() - 1;
        plan_content(&content, site_idx, plan);
        return;
    }
    if is_content_folder(dir, &plan.sections) {
        let site = dir.parent().map(read_site_info).unwrap_or_default();
        plan.sites.push(site);
        let site_idx = plan.sites.len() - 1;
        plan_content(dir, site_idx, plan);
        return;
    }
    // A section folder named directly (`--data site/content/post`): that section alone, with
    // the same ids as when the whole site is loaded.
    if depth == 0
        && let Some(section) = dir
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| plan.sections.section_for(n))
        && let Some(content) = dir.parent()
    {
        let site = content.parent().map(read_site_info).unwrap_or_default();
        plan.sites.push(site);
        let site_idx = plan.sites.len() - 1;
        plan_section(content, dir, section, site_idx, plan);
        return;
    }
    if depth >= MAX_DEPTH {
        return;
    }
    for entry in read_dir_sorted(dir, plan) {
        if entry.is_dir() {
            plan_folder(&entry, plan, depth + 1);
        } else if extension(&entry).as_deref() == Some("toml") {
            plan.jobs.push(Job::Native {
                path: entry,
                explicit: false,
            });
        }
    }
}

/// Record a folder as walked; false (with a warning) when a symlink led back to it.
fn enter(dir: &Path, plan: &mut Plan) -> bool {
    let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !plan.visited.insert(canonical) {
        plan.diagnostics.push(Diagnostic::warning(
            display(dir),
            None,
            LoadError::SymlinkLoop,
        ));
        return false;
    }
    true
}

fn is_content_folder(dir: &Path, sections: &Sections) -> bool {
    dir.file_name().is_some_and(|n| n == "content") || has_sections(dir, sections)
}

fn has_sections(dir: &Path, sections: &Sections) -> bool {
    fs::read_dir(dir).is_ok_and(|rd| {
        rd.flatten().any(|e| {
            e.path().is_dir()
                && e.file_name()
                    .to_str()
                    .and_then(|n| sections.section_for(n))
                    .is_some()
        })
    })
}

fn read_site_info(root: &Path) -> SiteInfo {
    for (name, format) in [
        ("hugo.toml", Format::Toml),
        ("config.toml", Format::Toml),
        ("hugo.yaml", Format::Yaml),
        ("config.yaml", Format::Yaml),
        ("config.yml", Format::Yaml),
        ("hugo.json", Format::Json),
        ("config.json", Format::Json),
    ] {
        if let Ok(text) = fs::read_to_string(root.join(name)) {
            return hugo::parse_site_config(&text, format);
        }
    }
    SiteInfo::default()
}

fn plan_content(content: &Path, site: usize, plan: &mut Plan) {
    for section_dir in read_dir_sorted(content, plan) {
        let Some(name) = section_dir.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(section) = plan
            .sections
            .section_for(name)
            .filter(|_| section_dir.is_dir())
        else {
            continue;
        };
        if !enter(&section_dir, plan) {
            continue;
        }
        plan_section(content, &section_dir, section, site, plan);
    }
}

/// Every Markdown file of one section folder; ids are relative to `content`.
fn plan_section(
    content: &Path,
    section_dir: &Path,
    section: Section,
    site: usize,
    plan: &mut Plan,
) {
    let mut files = Vec::new();
    walk_files(section_dir, plan, 0, &mut files);
    for path in files {
        let ext = extension(&path);
        if !matches!(ext.as_deref(), Some("md" | "markdown")) {
            continue;
        }
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if stem == "_index" {
            continue;
        }
        let Ok(rel) = path.strip_prefix(content) else {
            continue;
        };
        plan.jobs.push(Job::Hugo {
            id: content_id(rel),
            path,
            section,
            site,
        });
    }
}

/// `conf/2013/OSCON-fotolog.md` → `conf/2013/OSCON-fotolog`; a leaf bundle's `index.md` → its folder.
pub fn content_id(rel: &Path) -> String {
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = match last.rfind('.') {
            Some(i) if i > 0 => last[..i].to_string(),
            _ => last,
        };
        if stem != "index" || parts.is_empty() {
            parts.push(stem);
        }
    }
    parts.join("/")
}

fn plan_single_markdown(path: &Path, plan: &mut Plan) {
    // Find the section folder among the ancestors to build the same id a tree walk would.
    let comps: Vec<_> = path.components().collect();
    let mut found = None;
    for (i, c) in comps.iter().enumerate().rev().skip(1) {
        if let Some(section) = c
            .as_os_str()
            .to_str()
            .and_then(|n| plan.sections.section_for(n))
        {
            found = Some((i, section));
            break;
        }
    }
    let (id, section) = match found {
        Some((i, section)) => {
            let rel: PathBuf = comps[i..].iter().collect();
            (content_id(&rel), section)
        }
        None => (
            content_id(Path::new(path.file_name().unwrap_or_default())),
            Section::Posts,
        ),
    };
    plan.sites.push(SiteInfo::default());
    plan.jobs.push(Job::Hugo {
        path: path.to_path_buf(),
        id,
        section,
        site: plan.sites.len() - 1,
    });
}

fn walk_files(dir: &Path, plan: &mut Plan, depth: usize, out: &mut Vec<PathBuf>) {
    if depth >= MAX_DEPTH {
        return;
    }
    for entry in read_dir_sorted(dir, plan) {
        if entry.is_dir() {
            if enter(&entry, plan) {
                walk_files(&entry, plan, depth + 1, out);
            }
        } else {
            // Pipes, sockets and devices are queued too: `read_text` reports them without
            // opening them, so the user learns why they were skipped.
            out.push(entry);
        }
    }
}

/// Entries of `dir`, hidden ones left out, sorted so loads are deterministic.
fn read_dir_sorted(dir: &Path, plan: &mut Plan) -> Vec<PathBuf> {
    match fs::read_dir(dir) {
        Ok(rd) => {
            let mut v: Vec<PathBuf> = rd
                .flatten()
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| e.path())
                .collect();
            v.sort();
            v
        }
        Err(e) => {
            plan.diagnostics.push(Diagnostic::error(
                display(dir),
                None,
                LoadError::Io(e.to_string()),
            ));
            Vec::new()
        }
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

fn run_job(job: &Job, sites: &[SiteInfo]) -> (Parsed, Vec<Diagnostic>) {
    match job {
        Job::Hugo {
            path,
            id,
            section,
            site,
        } => {
            let shown = display(path);
            let text = match read_text(path) {
                Ok(t) => t,
                Err(e) => return (Parsed::Nothing, vec![e]),
            };
            let site = &sites[*site];
            match section {
                Section::Talks => match hugo::parse_talk(&text, id, &shown, site) {
                    Ok((t, d)) => (Parsed::Talk(Box::new(t)), d),
                    Err(e) => (Parsed::Nothing, vec![e]),
                },
                Section::Posts => match hugo::parse_post(&text, id, &shown, site) {
                    Ok((p, d)) => (Parsed::Post(Box::new(p)), d),
                    Err(e) => (Parsed::Nothing, vec![e]),
                },
            }
        }
        Job::Native { path, explicit } => {
            let shown = display(path);
            let text = match read_text(path) {
                Ok(t) => t,
                Err(e) => return (Parsed::Nothing, vec![e]),
            };
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            match native::parse_native(&text, &shown, &stem) {
                Ok(Some((talks, d))) => (Parsed::Talks(talks), d),
                Ok(None) if *explicit => (
                    Parsed::Nothing,
                    vec![Diagnostic::error(shown, None, LoadError::NothingFound)],
                ),
                Ok(None) => (Parsed::Nothing, Vec::new()),
                // A TOML file found while walking that does not parse might be anything; only
                // report it when it was meant to be an archive.
                Err(e) if *explicit || looks_native(&text) => (Parsed::Nothing, vec![e]),
                Err(_) => (Parsed::Nothing, Vec::new()),
            }
        }
    }
}

fn looks_native(text: &str) -> bool {
    text.lines()
        .any(|l| matches!(l.trim(), "[[talk]]" | "[conference]"))
}

/// Read a file as UTF-8 text, with a diagnostic for each way that can fail.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let shown = display(path);
    let io =
        |e: std::io::Error| Diagnostic::error(display(path), None, LoadError::Io(e.to_string()));
    // Opening a FIFO blocks until someone writes to it: look before opening.
    if !fs::metadata(path).map_err(io)?.is_file() {
        return Err(Diagnostic::error(shown, None, LoadError::NotAFile));
    }
    let file = fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            shown,
            None,
            LoadError::TooLarge {
                size,
                limit: MAX_FILE_BYTES,
            },
        ));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` bounds the read even if the file grows while we read it.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            shown,
            None,
            LoadError::TooLarge {
                size: bytes.len() as u64,
                limit: MAX_FILE_BYTES,
            },
        ));
    }
    decode(bytes).map_err(|(line, col, err)| Diagnostic::error(shown, line, err).with_column(col))
}

/// Bytes to text: binary files and invalid UTF-8 are named with the line where they go wrong.
pub fn decode(bytes: Vec<u8>) -> Result<String, (Option<usize>, Option<usize>, LoadError)> {
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err((None, None, LoadError::Binary));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let prefix = String::from_utf8_lossy(&bytes[..good]);
        let (line, col) = super::front_matter::line_col(&prefix, prefix.len());
        (Some(line), Some(col), LoadError::InvalidUtf8 { byte: good })
    })
}

/// Ids must be unique: user state is keyed on them. The same item loaded twice (the same
/// folder named twice) is dropped quietly; a real clash is renamed and reported.
fn dedupe_ids(archive: &mut Archive) {
    let mut seen: HashMap<String, (String, Option<super::Date>, String)> = HashMap::new();
    let mut keep = Vec::with_capacity(archive.talks.len());
    for mut t in std::mem::take(&mut archive.talks) {
        match seen.get(&t.id) {
            Some((title, date, _)) if *title == t.title && *date == t.date => continue,
            Some((_, _, origin)) => {
                let other = origin.clone();
                let mut n = 2;
                while seen.contains_key(&format!("{}~{n}", t.id)) {
                    n += 1;
                }
                archive.diagnostics.push(Diagnostic::warning(
                    t.origin.path.clone(),
                    Some(t.origin.line),
                    LoadError::DuplicateId {
                        id: t.id.clone(),
                        other,
                    },
                ));
                t.id = format!("{}~{n}", t.id);
            }
            None => {}
        }
        seen.insert(
            t.id.clone(),
            (t.title.clone(), t.date, t.origin.to_string()),
        );
        keep.push(t);
    }
    archive.talks = keep;
    let mut seen_posts: HashSet<String> = HashSet::new();
    archive.posts.retain(|p| seen_posts.insert(p.id.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn content_id_table() {
        assert_eq!(
            content_id(Path::new("conf/2013/OSCON-fotolog.md")),
            "conf/2013/OSCON-fotolog"
        );
        assert_eq!(content_id(Path::new("post/foo/index.md")), "post/foo");
        assert_eq!(
            content_id(Path::new("post/2013/07/a.b.md")),
            "post/2013/07/a.b"
        );
    }

    #[test]
    fn decode_names_line_of_bad_utf8() {
        let (line, col, e) = decode(b"ok\nab\xffcd".to_vec()).unwrap_err();
        assert_eq!((line, col), (Some(2), Some(3)));
        assert_eq!(e, LoadError::InvalidUtf8 { byte: 5 });
        assert_eq!(decode(b"a\0b".to_vec()).unwrap_err().2, LoadError::Binary);
    }
}
