//! Your lists (starred, watch later) written out as Markdown, JSON Lines or an m3u playlist,
//! for `talks export` and the TUI's export key. Markdown and m3u are sanitised: nothing from the
//! data reaches a terminal or a player as a control sequence.

use std::path::{Path, PathBuf};

use crate::archive::Archive;
use crate::archive::LinkKind;
use crate::item::Item;
use crate::opener::check_url;
use crate::ui::sanitize::sanitize_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Json,
    M3u,
}

/// Which of the user's lists to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Starred,
    WatchLater,
}

impl List {
    pub fn title(self) -> &'static str {
        match self {
            List::Starred => "Starred",
            List::WatchLater => "Watch later",
        }
    }
}

/// What writing a list to a folder did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    To(PathBuf),
    /// The list is empty: nothing was written.
    Empty,
    /// The list has items but none makes an entry (no video for a playlist, or none loaded).
    NoEntries,
    Failed(PathBuf, String),
}

/// The TUI's export: starred talks as Markdown (`starred.md`), the watch-later queue as m3u
/// (`watch-later.m3u`), written into `dir` (the data dir).
pub fn write_list(archive: &Archive, ids: &[String], list: List, dir: &Path) -> Written {
    let (format, name) = match list {
        List::WatchLater => (ExportFormat::M3u, "watch-later.m3u"),
        List::Starred => (ExportFormat::Markdown, "starred.md"),
    };
    if ids.is_empty() {
        return Written::Empty;
    }
    let out = export_text(archive, ids, format, list.title());
    if out.entries == 0 {
        return Written::NoEntries;
    }
    let text = out.text;
    let path = dir.join(name);
    match std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, text)) {
        Ok(()) => Written::To(path),
        Err(e) => Written::Failed(path, e.to_string()),
    }
}

/// A field as Markdown text that stays text: one line, every ASCII punctuation mark that
/// Markdown or HTML could read as markup backslash-escaped (CommonMark allows that for all of
/// them), so a title can open no link, emphasis, heading, list entry or HTML tag.
fn md_text(s: &str) -> String {
    let line = sanitize_line(s);
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if "\\`*_{}[]()<>#+-.!|~&\"'".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out.trim().to_string()
}

/// An export: its text, the ids not in the loaded archive, and how many entries it holds (an
/// m3u holds one per video link, so a queue of talks without videos gives none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub text: String,
    pub missing: usize,
    pub entries: usize,
}

/// The items with these ids in one of the export formats.
pub fn export_text(
    archive: &Archive,
    ids: &[String],
    format: ExportFormat,
    title: &str,
) -> Exported {
    let mut missing = 0;
    // Every id once (a lazy archive reads them from their table), not once per exported item.
    let wanted: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
    let mut at: std::collections::HashMap<&str, Item<'_>> = Default::default();
    for i in 0..archive.talks.len() {
        if let Some(id) = archive.talks.id(i).filter(|id| wanted.contains(id)) {
            at.entry(id)
                .or_insert_with(|| Item::Talk(&archive.talks[i]));
        }
    }
    for i in 0..archive.posts.len() {
        if let Some(id) = archive.posts.id(i).filter(|id| wanted.contains(id)) {
            at.entry(id)
                .or_insert_with(|| Item::Post(&archive.posts[i]));
        }
    }
    let items: Vec<Item<'_>> = ids
        .iter()
        .filter_map(|id| {
            let found = at.get(id.as_str()).copied();
            if found.is_none() {
                missing += 1;
            }
            found
        })
        .collect();
    let mut s = String::new();
    let mut entries = items.len();
    match format {
        ExportFormat::Json => {
            for i in &items {
                s += &i.json_line(None);
                s.push('\n');
            }
        }
        ExportFormat::M3u => {
            s += "#EXTM3U\n";
            entries = 0;
            for i in &items {
                if let Item::Talk(t) = i {
                    // A playlist line is an entry: only a web link, on one line, can be one.
                    for l in t
                        .links
                        .iter()
                        .filter(|l| l.kind == LinkKind::Video && check_url(&l.url).is_ok())
                    {
                        let who = sanitize_line(&t.speaker_names()).into_owned();
                        let name = if who.is_empty() {
                            sanitize_line(&t.title).into_owned()
                        } else {
                            format!("{who} — {}", sanitize_line(&t.title))
                        };
                        s += &format!("#EXTINF:-1,{name}\n{}\n", l.url);
                        entries += 1;
                    }
                }
            }
        }
        ExportFormat::Markdown => {
            s += &format!("# {}\n\n", md_text(title));
            for i in &items {
                match i {
                    Item::Talk(t) => {
                        let who: Vec<String> = t
                            .speakers
                            .iter()
                            .map(|sp| match &sp.company {
                                Some(c) => format!("{} ({})", md_text(&sp.name), md_text(c)),
                                None => md_text(&sp.name),
                            })
                            .collect();
                        let place: Vec<String> = [
                            t.conference_name().map(md_text),
                            t.city.as_deref().map(md_text),
                            t.date.map(|d| d.to_string()),
                        ]
                        .into_iter()
                        .flatten()
                        .collect();
                        s += &format!("- **{}** — {}", md_text(&t.title), who.join(", "));
                        if !place.is_empty() {
                            s += &format!(" · {}", place.join(", "));
                        }
                        s += "\n";
                        // Only web links become links; anything else would be a trap to click.
                        for l in t.links.iter().filter(|l| check_url(&l.url).is_ok()) {
                            s += &format!("  - {}: <{}>\n", l.kind.label(), l.url);
                        }
                    }
                    Item::Post(p) => {
                        s += &format!(
                            "- **{}** (post{})\n",
                            md_text(&p.title),
                            p.date.map(|d| format!(", {d}")).unwrap_or_default()
                        );
                    }
                }
            }
        }
    }
    Exported {
        text: s,
        missing,
        entries,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queue_without_videos_writes_no_playlist() {
        let mut a = Archive::default();
        crate::archive::bundled::load_into(&mut a);
        let dir = tempfile::tempdir().unwrap();
        let ids = vec!["conf/2013/OSCON-fotolog".to_string()];
        assert_eq!(
            write_list(&a, &ids, List::WatchLater, dir.path()),
            Written::NoEntries
        );
        assert!(!dir.path().join("watch-later.m3u").exists());
        assert_eq!(
            write_list(&a, &[], List::Starred, dir.path()),
            Written::Empty
        );
        let written = write_list(&a, &ids, List::Starred, dir.path());
        assert_eq!(written, Written::To(dir.path().join("starred.md")));
    }

    #[test]
    fn markdown_fields_cannot_add_markup() {
        assert_eq!(
            md_text("a [link](javascript:x)"),
            "a \\[link\\]\\(javascript:x\\)"
        );
        assert_eq!(
            md_text("<img src=x onerror=y>"),
            "\\<img src=x onerror=y\\>"
        );
        assert_eq!(md_text("two\n- lines"), "two \\- lines");
        assert_eq!(md_text("\u{1b}]52;c;x\u{7}ok"), "ok");
    }
}
