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
use super::front_matter::Format;
use super::hugo::{self, Section, Sections, SiteInfo};
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

/// Lowercased extension of a `/`-separated path.
pub fn extension(path: &str) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rfind('.') {
        Some(i) if i > 0 => Some(name[i + 1..].to_ascii_lowercase()),
        _ => None,
    }
}

fn is_markdown(path: &str) -> bool {
    matches!(extension(path).as_deref(), Some("md" | "markdown"))
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

/// `index.fr` → (`index`, `fr`); `post.pt-br` → (`post`, `pt-br`); `a.b` → (`a.b`, none).
/// A language is two letters, with an optional region (`-br`, `_hans`), as Hugo's
/// translation by file name uses them.
pub fn split_lang(stem: &str) -> (&str, Option<&str>) {
    let Some(dot) = stem.rfind('.').filter(|&i| i > 0) else {
        return (stem, None);
    };
    let lang = &stem[dot + 1..];
    let (primary, region) = match lang.split_once(['-', '_']) {
        Some((p, r)) => (p, Some(r)),
        None => (lang, None),
    };
    let ok = primary.len() == 2
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && region.is_none_or(|r| {
            (2..=4).contains(&r.len()) && r.chars().all(|c| c.is_ascii_alphanumeric())
        });
    if ok {
        (&stem[..dot], Some(lang))
    } else {
        (stem, None)
    }
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

fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    }
}

/// `conf/2013/OSCON-fotolog.md` → `conf/2013/OSCON-fotolog`; a leaf bundle's `index.md` → its
/// folder.
pub fn content_id(rel: &str) -> String {
    let mut parts: Vec<&str> = rel.split('/').filter(|p| !p.is_empty()).collect();
    if let Some(last) = parts.pop() {
        let stem = split_lang(file_stem(last)).0;
        if stem != "index" || parts.is_empty() {
            parts.push(stem);
        }
    }
    parts.join("/")
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
        Items::Talks(mut ts) => archive.talks.append(&mut ts),
        Items::Nothing => {}
    }
}

/// The config files Hugo reads at a site's root, in the order it looks for them.
pub const SITE_CONFIGS: &[(&str, Format)] = &[
    ("hugo.toml", Format::Toml),
    ("config.toml", Format::Toml),
    ("hugo.yaml", Format::Yaml),
    ("config.yaml", Format::Yaml),
    ("config.yml", Format::Yaml),
    ("hugo.json", Format::Json),
    ("config.json", Format::Json),
];

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
        site_from_files(
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
    merge_translations(archive);
}

/// Folders of `content/` whose pages are people, not items: talks name them by id.
pub const PROFILE_SECTIONS: &[&str] = &["speakers", "speaker", "authors", "author", "people"];
/// Data files (`data/<name>.yaml`, or `data/<name>/<id>.yaml`) that hold speaker profiles.
const PROFILE_DATA: &[&str] = &["speakers", "authors", "people"];

fn format_of(path: &str) -> Option<Format> {
    match extension(path)?.as_str() {
        "toml" => Some(Format::Toml),
        "yaml" | "yml" => Some(Format::Yaml),
        "json" => Some(Format::Json),
        _ => None,
    }
}

/// Which files of a site (paths relative to its root) describe the site rather than hold
/// items: its config, speaker profile pages and speaker data files. `site_from_files` reads them.
pub fn is_site_file(rel: &str) -> bool {
    if SITE_CONFIGS.iter().any(|(n, _)| *n == rel) {
        return true;
    }
    if let Some(name) = rel.strip_prefix("config/_default/") {
        return !name.contains('/') && format_of(name).is_some();
    }
    if let Some(rest) = rel.strip_prefix("content/") {
        return rest
            .split_once('/')
            .is_some_and(|(top, _)| PROFILE_SECTIONS.contains(&top.to_lowercase().as_str()))
            && is_markdown(rest);
    }
    if let Some(rest) = rel.strip_prefix("data/") {
        let top = rest.split('/').next().unwrap_or(rest);
        let top = top.split('.').next().unwrap_or(top);
        return PROFILE_DATA.contains(&top.to_lowercase().as_str()) && format_of(rest).is_some();
    }
    false
}

/// A site's config (the root file Hugo would read first, then `config/_default/`, merged) and
/// its speaker profiles, from `(path relative to the site root, text)` pairs.
pub fn site_from_files<'a>(files: impl Iterator<Item = (&'a str, &'a str)>) -> SiteInfo {
    let files: Vec<(&str, &str)> = files.filter(|(p, _)| is_site_file(p)).collect();
    let mut config = serde_json::Map::new();
    if let Some((text, format)) = SITE_CONFIGS.iter().find_map(|(name, format)| {
        files
            .iter()
            .find(|(p, _)| p == name)
            .map(|(_, t)| (*t, *format))
    }) {
        config = hugo::site::config_map(text, format);
    }
    let mut split: Vec<&(&str, &str)> = files
        .iter()
        .filter(|(p, _)| p.starts_with("config/_default/"))
        .collect();
    // `hugo.*`/`config.*` first, so `params.*` and the rest merge into it.
    split.sort_by_key(|(p, _)| {
        let stem = file_stem(p);
        (stem != "hugo" && stem != "config", *p)
    });
    for (p, text) in split {
        if let Some(format) = format_of(p) {
            let map = hugo::site::config_map(text, format);
            hugo::site::merge_config(&mut config, file_stem(p), map);
        }
    }
    let mut site = hugo::site::site_from_config(&config);
    for (p, text) in &files {
        if let Some(rest) = p.strip_prefix("content/") {
            let Some((_, inside)) = rest.split_once('/') else {
                continue;
            };
            // `jane.md`, `jane/index.md`, `jane/_index.md` (Academic) are all `jane`.
            let parts: Vec<&str> = inside.split('/').collect();
            let id = match parts.as_slice() {
                [.., dir, file]
                    if split_lang(file_stem(file)).0.trim_start_matches('_') == "index" =>
                {
                    dir
                }
                // `jane.md`, also one level down (`speakers/2019/jane.md`).
                [.., file] => split_lang(file_stem(file)).0,
                [] => continue,
            };
            if id == "_index" || id.is_empty() {
                continue;
            }
            if let Some(speaker) = hugo::site::profile_from_page(text) {
                site.profiles.entry(id.to_lowercase()).or_insert(speaker);
            }
        } else if let Some(rest) = p.strip_prefix("data/")
            && let Some(format) = format_of(rest)
        {
            if let Some((_, file)) = rest.split_once('/') {
                // `data/speakers/jane.yaml`: one profile per file.
                let map = hugo::site::config_map(text, format);
                if let Some(s) = hugo::site::speaker_from_map(&map, "") {
                    site.profiles
                        .entry(file_stem(file).to_lowercase())
                        .or_insert(s);
                }
            } else {
                for (id, s) in hugo::site::profiles_from_data(text, format) {
                    site.profiles.entry(id).or_insert(s);
                }
            }
        }
    }
    site
}

/// Translations of one page (`index.md`, `index.fr.md`) become one item, not one per language:
/// search would otherwise show the same talk twice, and a star given to one would not show
/// on the other. The item is the page in the default language (the file without a language
/// in its name, else the first), its `language` lists every translation ("en, fr"), and the
/// links of all translations are offered.
pub fn merge_translations(archive: &mut Archive) {
    fn lang_of_path(path: &str) -> Option<String> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        split_lang(file_stem(name)).1.map(str::to_lowercase)
    }
    fn merge<T>(
        items: &mut Vec<T>,
        id: impl Fn(&T) -> &str,
        path: impl Fn(&T) -> &str,
        lang: impl Fn(&T) -> Option<&str>,
        merge_into: impl Fn(&mut T, T),
    ) {
        // Translations by file name (`x.fr.md`), or by content folder (`content/fr/…`, where
        // the two pages share an id and differ in language).
        let translations = |a: &T, b: &T| {
            lang_of_path(path(a)).is_some()
                || lang_of_path(path(b)).is_some()
                || matches!((lang(a), lang(b)), (Some(x), Some(y)) if x != y)
        };
        let mut first: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut out: Vec<T> = Vec::with_capacity(items.len());
        for item in std::mem::take(items) {
            let key = id(&item).to_string();
            match first.get(&key) {
                Some(&i) if translations(&item, &out[i]) => {
                    // Keep the default-language page as the item.
                    if lang_of_path(path(&out[i])).is_some() && lang_of_path(path(&item)).is_none()
                    {
                        let old = std::mem::replace(&mut out[i], item);
                        merge_into(&mut out[i], old);
                    } else {
                        merge_into(&mut out[i], item);
                    }
                }
                _ => {
                    first.insert(key, out.len());
                    out.push(item);
                }
            }
        }
        *items = out;
    }
    fn join_lang(into: &mut Option<String>, into_path: &str, other: Option<String>) {
        let mut langs: Vec<String> = into
            .as_deref()
            .map(|l| l.split(", ").map(str::to_string).collect())
            .unwrap_or_default();
        if langs.is_empty() {
            // Hugo's default content language.
            langs.push(lang_of_path(into_path).unwrap_or_else(|| "en".into()));
        }
        for l in other.iter().flat_map(|o| o.split(", ")) {
            if !langs.iter().any(|x| x == l) {
                langs.push(l.to_string());
            }
        }
        *into = Some(langs.join(", "));
    }
    merge(
        &mut archive.talks,
        |t| &t.id,
        |t| &t.origin.path,
        |t| t.language.as_deref(),
        |into, other| {
            join_lang(
                &mut into.language,
                &into.origin.path.clone(),
                other.language.or_else(|| lang_of_path(&other.origin.path)),
            );
            into.links.extend(other.links);
            super::hugo::links::dedupe(&mut into.links);
        },
    );
    merge(
        &mut archive.posts,
        |p| &p.id,
        |p| &p.origin.path,
        |p| p.language.as_deref(),
        |into, other| {
            join_lang(
                &mut into.language,
                &into.origin.path.clone(),
                other.language.or_else(|| lang_of_path(&other.origin.path)),
            );
            into.links.extend(other.links);
            super::hugo::links::dedupe(&mut into.links);
        },
    );
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
    fn site_files_give_config_and_profiles() {
        let files = [
            ("config/_default/hugo.yaml", "baseURL: https://s.example/\n"),
            (
                "config/_default/params.yaml",
                "Author:\n  Name: Site Owner\n",
            ),
            (
                "content/authors/admin/_index.md",
                "---\ntitle: Owner Name\norganizations:\n- name: Uni\n---\nBio here.\n",
            ),
            (
                "content/speakers/jdoe.md",
                "+++\ntitle = \"Jane Doe\"\ncompany = \"Acme\"\n+++\n",
            ),
            (
                "content/speakers/_index.md",
                "+++\ntitle = \"Speakers\"\n+++\n",
            ),
            (
                "data/speakers.yml",
                "bob_s:\n  name: Bob Smith\n  organization: Org\n",
            ),
            (
                "data/authors/me.yaml",
                "name:\n  display: Me Person\naffiliations:\n- name: Lab\n",
            ),
            ("content/talks/t.md", "+++\n+++\n"),
        ];
        let site = site_from_files(files.iter().copied());
        assert_eq!(site.base_url.as_deref(), Some("https://s.example"));
        assert_eq!(site.author.as_deref(), Some("Site Owner"));
        let ids: Vec<&str> = site.profiles.keys().map(String::as_str).collect();
        assert_eq!(ids, ["admin", "bob_s", "jdoe", "me"]);
        assert_eq!(site.profiles["me"].name, "Me Person");
        assert_eq!(site.profiles["me"].company.as_deref(), Some("Lab"));
        assert_eq!(site.profiles["admin"].company.as_deref(), Some("Uni"));
        assert_eq!(site.profiles["admin"].bio.as_deref(), Some("Bio here."));
    }

    #[test]
    fn content_id_table() {
        assert_eq!(
            content_id("conf/2013/OSCON-fotolog.md"),
            "conf/2013/OSCON-fotolog"
        );
        assert_eq!(content_id("post/foo/index.md"), "post/foo");
        assert_eq!(content_id("post/2013/07/a.b.md"), "post/2013/07/a.b");
        assert_eq!(content_id("post/x/index.fr.md"), "post/x");
        assert_eq!(content_id("post/x.fr.md"), "post/x");
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
