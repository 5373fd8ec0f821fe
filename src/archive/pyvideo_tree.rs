//! Finding a pyvideo event on disk: a folder with a `videos/` folder of talk JSON files and,
//! usually, a `category.json`. Reads the event's `category.json` (small, once per event) and
//! lists the talk files; the talks themselves are read and parsed later, in parallel, by the
//! loader through `source::parse`. Everything else in the folder is not a talk and is passed
//! over without a word.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::error::Diagnostic;
use super::pyvideo::{self, Event};
use super::read::read_text;

/// An event folder's talks, ready to be queued.
pub struct EventFiles {
    pub event: Arc<Event>,
    /// `videos/*.json`, sorted.
    pub talks: Vec<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
}

fn is_json(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// The talk file `path` alone, when it sits in an event's `videos/` folder (`--data
/// event/videos/talk.json`): the same id and event as when the whole tree is loaded. An
/// event's `category.json` named on its own stands for the whole event.
pub fn talk_file(path: &Path) -> Option<EventFiles> {
    if !is_json(path) {
        return None;
    }
    if path.file_name()? == "category.json" {
        return event_files(path.parent()?);
    }
    let videos = path.parent()?;
    if videos.file_name()? != "videos" {
        return None;
    }
    let mut found = event_files(videos.parent()?)?;
    found.talks.retain(|t| t == path);
    Some(found)
}

/// The event in `dir`, when it is one: a `videos/` folder holding JSON files, or one next to a
/// `category.json`. `dir` may also be the `videos/` folder itself.
pub fn event_files(dir: &Path) -> Option<EventFiles> {
    if dir.file_name().is_some_and(|n| n == "videos")
        && let Some(event) = dir.parent()
        && event.join("category.json").is_file()
    {
        return event_files(event);
    }
    let videos = dir.join("videos");
    if !videos.is_dir() {
        return None;
    }
    let mut talks: Vec<PathBuf> = fs::read_dir(&videos)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            is_json(p)
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.') || pyvideo::is_ignored_file(n))
        })
        .collect();
    let category = dir.join("category.json");
    let has_category = category.is_file();
    if talks.is_empty() && !has_category {
        return None;
    }
    talks.sort();
    let folder = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (event, diagnostics) = if has_category {
        match read_text(&category) {
            Ok(text) => pyvideo::parse_category(&text, &folder, &category.display().to_string()),
            Err(mut d) => {
                d.severity = super::Severity::Warning;
                (Event::from_folder(&folder), vec![d])
            }
        }
    } else {
        (Event::from_folder(&folder), Vec::new())
    };
    Some(EventFiles {
        event: Arc::new(event),
        talks,
        diagnostics,
    })
}

/// Folders of the pyvideo data repository that hold its tooling, not talks (`docs/` is a
/// Sphinx site, `bin/` scripts): passed over without a word when they sit beside events.
const SUPPORT_FOLDERS: &[&str] = &["docs", "bin", "tools", "scripts"];

/// Whether `dir` is one of the repository's tooling folders: named like one, next to at
/// least one event folder.
pub fn is_support_folder(dir: &Path) -> bool {
    let named = dir
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| SUPPORT_FOLDERS.contains(&n));
    named
        && dir
            .parent()
            .and_then(|p| fs::read_dir(p).ok())
            .is_some_and(|rd| {
                rd.flatten().any(|e| {
                    let p = e.path();
                    p.join("videos").is_dir() && p.join("category.json").is_file()
                })
            })
}
