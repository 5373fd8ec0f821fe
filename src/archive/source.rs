//! The one place that knows the kinds of source file. Given a file's place (and, for the
//! bundled archive, a whole virtual tree of `(path, text)` pairs), `detect` decides which
//! loader reads it and `parse` runs that loader's pure parser. Files on disk (`load`) and the
//! files compiled into the binary (`bundled`) both come through here.
//!
//! Adding a source kind: a `SourceKind` variant, an arm in `detect_file` (by name; the parser
//! then checks the shape and answers `Items::Nothing` when the file is not one of its own),
//! and an arm in `parse`.

use super::Archive;
use super::cache::Items;
use super::error::{Diagnostic, LoadError};
use super::hugo::{self, Section, Sections, SiteInfo};
use super::names::{content_id, extension, file_stem, is_markdown, split_lang};
use super::native;
use super::{pyvideo, schedule};
use std::sync::Arc;

/// Which loader reads a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    /// A Markdown page of a Hugo site's content section. `id` is its path under `content/`
    /// without the extension (a leaf bundle's `index.md` is its folder) and without the
    /// language of a translation (`index.fr.md`, `post.fr.md`), which is `lang`.
    Hugo {
        section: Section,
        id: String,
        lang: Option<String>,
    },
    /// A native TOML archive: a `[conference]` table and `[[talk]]` entries.
    Native,
    /// A talk of a pyvideo event folder (`event/videos/talk.json`), with its event.
    Pyvideo { event: Arc<pyvideo::Event> },
    /// A frab / pretalx schedule (`schedule.xml`, `schedule.json`).
    Schedule(schedule::Format),
}

/// A file to parse: its kind, and whether the user named it (then a file that turns out not to
/// be of its kind is an error instead of a file quietly passed over).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    pub kind: SourceKind,
    pub explicit: bool,
}

/// A file inside a Hugo `content/` folder; `rel` is its path under `content/` with `/`
/// separators. `None` for files that are no item: other sections, section pages
/// (`_index.md`), attachments.
pub fn detect_content(rel: &str, sections: &Sections) -> Option<SourceKind> {
    let (top, rest) = rel.split_once('/')?;
    let section = sections.section_for(top)?;
    if rest.is_empty() || !is_markdown(rel) {
        return None;
    }
    let (stem, lang) = split_lang(file_stem(rel));
    if stem == "_index" {
        // A section page (`_index.md`, `_index.fr.md`) lists items; it is none.
        return None;
    }
    Some(SourceKind::Hugo {
        section,
        id: content_id(rel),
        lang: lang.map(str::to_lowercase),
    })
}

/// A file outside any Hugo content folder (found while walking a folder, or named on its own
/// when `explicit`), by its name. A Markdown file named on its own takes the id a tree walk
/// would give it when one of its folders is a section, else its file name, and is a post.
pub fn detect_file(path: &str, sections: &Sections, explicit: bool) -> Option<Detected> {
    let kind = match extension(path).as_deref() {
        Some("toml") => SourceKind::Native,
        Some("xml") => SourceKind::Schedule(schedule::Format::Xml),
        // Files of a pyvideo tree that are not talks (NO_PUBLISH.json) are not even looked at.
        Some("json") if !pyvideo::is_ignored_file(path.rsplit('/').next().unwrap_or(path)) => {
            SourceKind::Schedule(schedule::Format::Json)
        }
        Some("md" | "markdown") if explicit => {
            let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
            let found = (0..parts.len().saturating_sub(1))
                .rev()
                .find_map(|i| sections.section_for(parts[i]).map(|s| (i, s)));
            match found {
                Some((i, section)) => SourceKind::Hugo {
                    section,
                    id: content_id(&parts[i..].join("/")),
                    lang: split_lang(file_stem(path)).1.map(str::to_lowercase),
                },
                None => SourceKind::Hugo {
                    section: Section::Posts,
                    id: content_id(parts.last().copied().unwrap_or_default()),
                    lang: split_lang(file_stem(path)).1.map(str::to_lowercase),
                },
            }
        }
        _ => return None,
    };
    Some(Detected { kind, explicit })
}

/// Run the parser of `detected.kind` on one file's text. `shown` is the path as messages name
/// it; `file_stem` names a native file's talks (`pgconf-2016/…`).
pub fn parse(
    detected: &Detected,
    text: &str,
    shown: &str,
    file_stem: &str,
    site: &SiteInfo,
) -> (Items, Vec<Diagnostic>) {
    match &detected.kind {
        SourceKind::Hugo { section, id, lang } => {
            // The language: the front matter's, else the file name's, else the site's.
            let lang = lang
                .clone()
                .or_else(|| site.default_language.clone())
                .and_then(|l| super::language::normalize(&l));
            match section {
                Section::Talks => match hugo::parse_talk(text, id, shown, site) {
                    Ok((mut t, d)) => {
                        t.language = t.language.or(lang);
                        (Items::Talk(Box::new(t)), d)
                    }
                    Err(e) => (Items::Nothing, vec![e]),
                },
                Section::Posts => match hugo::parse_post(text, id, shown, site) {
                    Ok((mut p, d)) => {
                        p.language = p.language.or(lang);
                        (Items::Post(Box::new(p)), d)
                    }
                    Err(e) => (Items::Nothing, vec![e]),
                },
            }
        }
        SourceKind::Native => match native::parse_native(text, shown, file_stem) {
            Ok(Some((talks, d))) => (Items::Talks(talks), d),
            Ok(None) if detected.explicit => (
                Items::Nothing,
                vec![Diagnostic::error(shown, None, LoadError::NothingFound)],
            ),
            Ok(None) => (Items::Nothing, Vec::new()),
            // A TOML file found while walking that does not parse might be anything; only
            // report it when it was meant to be an archive.
            Err(e) if detected.explicit || looks_native(text) => (Items::Nothing, vec![e]),
            Err(_) => (Items::Nothing, Vec::new()),
        },
        SourceKind::Pyvideo { event } => pyvideo::parse_items(text, shown, event, file_stem),
        SourceKind::Schedule(format) => {
            schedule::parse_items(*format, text, shown, file_stem, detected.explicit)
        }
    }
}

fn looks_native(text: &str) -> bool {
    text.lines()
        .any(|l| matches!(l.trim(), "[[talk]]" | "[conference]"))
}

/// Add the items of `parsed` to `archive`.
pub fn add(archive: &mut Archive, parsed: Items) {
    match parsed {
        Items::Talk(t) => archive.talks.push(*t),
        Items::Post(p) => archive.posts.push(*p),
        Items::Talks(mut ts) => archive.talks.to_mut().append(&mut ts),
        Items::Nothing => {}
    }
}

/// Load a virtual tree of `(path, text)` pairs (the bundled archive) through the same
/// detection and parsers as files on disk. A folder holding `content/` is a Hugo site read
/// with its config; every other file is detected by its name. `prefix` goes before each path
/// in messages and origins.
pub fn load_tree(files: &[(&str, &str)], prefix: &str, sections: &Sections, archive: &mut Archive) {
    let site_of = |root: &str| -> SiteInfo {
        let prefix = if root.is_empty() {
            String::new()
        } else {
            format!("{root}/")
        };
        hugo::site::site_from_files(
            files
                .iter()
                .filter_map(|(p, text)| p.strip_prefix(prefix.as_str()).map(|rel| (rel, *text))),
        )
    };
    let mut sites: Vec<(String, SiteInfo)> = Vec::new();
    for (path, text) in files {
        let shown = format!("{prefix}{path}");
        let (detected, site) = match split_content(path) {
            Some((root, rel)) => {
                let Some(kind) = detect_content(rel, sections) else {
                    archive.files_seen += 1;
                    continue;
                };
                let site = match sites.iter().position(|(r, _)| r == root) {
                    Some(i) => i,
                    None => {
                        sites.push((root.to_string(), site_of(root)));
                        sites.len() - 1
                    }
                };
                let detected = Detected {
                    kind,
                    explicit: false,
                };
                (detected, Some(site))
            }
            None => match detect_file(path, sections, false) {
                Some(d) => (d, None),
                None => {
                    archive.files_seen += 1;
                    continue;
                }
            },
        };
        let default_site = SiteInfo::default();
        let site = site.map_or(&default_site, |i| &sites[i].1);
        let (parsed, mut diags) = parse(&detected, text, &shown, file_stem(path), site);
        add(archive, parsed);
        archive.files_seen += 1;
        archive.diagnostics.append(&mut diags);
    }
    hugo::translations::merge_translations(archive);
}

/// `hugo/content/conf/x.md` → (`hugo`, `conf/x.md`).
fn split_content(path: &str) -> Option<(&str, &str)> {
    if let Some(rel) = path.strip_prefix("content/") {
        return Some(("", rel));
    }
    let i = path.find("/content/")?;
    Some((&path[..i], &path[i + "/content/".len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_content_table() {
        let s = Sections::default();
        let hugo = |section, id: &str| {
            Some(SourceKind::Hugo {
                section,
                id: id.into(),
                lang: None,
            })
        };
        let cases = [
            (
                "conf/2013/OSCON-fotolog.md",
                hugo(Section::Talks, "conf/2013/OSCON-fotolog"),
            ),
            ("post/foo/index.md", hugo(Section::Posts, "post/foo")),
            ("Blog/a.markdown", hugo(Section::Posts, "Blog/a")),
            ("conf/_index.md", None),
            ("conf/_index.fr.md", None),
            ("conf/_index.pt-br.md", None),
            ("post/2019/orders.sql", None),
            ("page/about.md", None),
            ("about.md", None),
        ];
        for (rel, want) in cases {
            assert_eq!(detect_content(rel, &s), want, "{rel}");
        }
    }

    #[test]
    fn detect_file_table() {
        let s = Sections::default();
        let kind = |p: &str, explicit| detect_file(p, &s, explicit).map(|d| d.kind);
        assert_eq!(kind("a/pgconf.toml", false), Some(SourceKind::Native));
        assert_eq!(
            kind("a/notes.md", false),
            None,
            "loose Markdown is no archive"
        );
        assert_eq!(
            kind("/x/site/content/talks/2021/t.md", true),
            Some(SourceKind::Hugo {
                section: Section::Talks,
                id: "talks/2021/t".into(),
                lang: None,
            })
        );
        assert_eq!(
            kind("/x/notes.md", true),
            Some(SourceKind::Hugo {
                section: Section::Posts,
                id: "notes".into(),
                lang: None,
            })
        );
        assert_eq!(kind("/x/photo.jpg", true), None);
    }

    #[test]
    fn translations_by_file_name() {
        let s = Sections::default();
        let cases = [
            ("talks/x/index.fr.md", "talks/x", Some("fr")),
            ("post/y.de.md", "post/y", Some("de")),
            ("post/y.pt-br.md", "post/y", Some("pt-br")),
            ("post/v1.2.md", "post/v1.2", None),
            ("post/a.b.md", "post/a.b", None),
            ("post/notes.old.md", "post/notes.old", None),
        ];
        for (rel, want_id, want_lang) in cases {
            match detect_content(rel, &s) {
                Some(SourceKind::Hugo { id, lang, .. }) => {
                    assert_eq!(
                        (id.as_str(), lang.as_deref()),
                        (want_id, want_lang),
                        "{rel}"
                    );
                }
                other => panic!("{rel}: {other:?}"),
            }
        }
    }

    #[test]
    fn translations_are_one_item_with_their_languages() {
        let files = [
            (
                "content/talks/x/index.md",
                "+++\ntitle = \"Hello\"\nyoutube = \"en1\"\n+++\n",
            ),
            (
                "content/talks/x/index.fr.md",
                "+++\ntitle = \"Bonjour\"\nyoutube = \"fr1\"\n+++\n",
            ),
            ("content/talks/y.fr.md", "+++\ntitle = \"Seulement\"\n+++\n"),
            ("content/post/p.md", "+++\ntitle = \"P\"\n+++\n"),
            ("content/post/p.de.md", "+++\ntitle = \"P de\"\n+++\n"),
        ];
        let mut a = Archive::default();
        load_tree(&files, "", &Sections::default(), &mut a);
        assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
        assert_eq!(a.talks.len(), 2);
        let x = a.talk("talks/x").unwrap();
        assert_eq!(x.title, "Hello");
        assert_eq!(x.language.as_deref(), Some("en, fr"));
        assert_eq!(
            x.links.len(),
            2,
            "both recordings are offered: {:?}",
            x.links
        );
        assert_eq!(a.talk("talks/y").unwrap().language.as_deref(), Some("fr"));
        assert_eq!(a.posts.len(), 1);
        assert_eq!(a.posts[0].language.as_deref(), Some("en, de"));
    }

    #[test]
    fn a_virtual_tree_reads_its_site_config_and_skips_section_pages() {
        let files = [
            (
                "site/config.toml",
                "baseURL = \"https://e.org/\"\n[params]\nauthor = \"Ann\"\n",
            ),
            (
                "site/content/talks/_index.md",
                "+++\ntitle = \"Talks\"\n+++\n",
            ),
            (
                "site/content/talks/t.md",
                "+++\ntitle = \"T\"\nslides = \"/s.pdf\"\n+++\n",
            ),
            (
                "x.toml",
                "[conference]\nname = \"C\"\n[[talk]]\ntitle = \"N\"\n",
            ),
        ];
        let mut a = Archive::default();
        load_tree(&files, "mem:", &Sections::default(), &mut a);
        assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
        let t = a.talk("talks/t").unwrap();
        assert_eq!(t.speakers[0].name, "Ann");
        assert_eq!(t.links[0].url, "https://e.org/s.pdf");
        assert_eq!(t.origin.path, "mem:site/content/talks/t.md");
        assert!(a.talk("x/n").is_some());
        assert_eq!(a.talks.len(), 2);
    }
}
