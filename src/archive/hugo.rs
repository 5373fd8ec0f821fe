//! Hugo content files: one talk per file under `content/conf/` (`confs/`, `talks/`), posts under
//! `content/post/` (`posts/`, `blog/`). Pure functions from a file's text to a `Talk` or `Post`;
//! the walking and reading is in `load`.

use serde_json::Value;

use super::error::{Diagnostic, LoadError};
use super::fields::{Fields, resolve_url, speakers_from, video_link};
use super::front_matter::{Format, Located, parse_front_matter, split_front_matter};
use super::model::{Conference, Link, LinkKind, Origin, Post, Speaker, Talk};

/// What a Hugo site tells us beyond its content files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteInfo {
    /// `baseURL`, to turn site paths like `/images/x.pdf` into links a browser can open.
    pub base_url: Option<String>,
    /// The site's author: talks in a personal blog have no speaker field, the author gave them.
    pub author: Option<String>,
}

impl SiteInfo {
    /// `baseURL` without its trailing slash, for `resolve_url`.
    pub fn base(&self) -> Option<&str> {
        self.base_url.as_deref()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Talks,
    Posts,
}

/// Which top-level content folders hold talks and which hold posts (configurable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sections {
    pub talks: Vec<String>,
    pub posts: Vec<String>,
}

impl Default for Sections {
    /// Hugo's usual names.
    fn default() -> Self {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect();
        Sections {
            talks: v(&["conf", "confs", "talks", "talk", "conferences"]),
            posts: v(&["post", "posts", "blog"]),
        }
    }
}

impl Sections {
    pub fn section_for(&self, folder: &str) -> Option<Section> {
        let f = folder.to_lowercase();
        if self.talks.iter().any(|t| t.to_lowercase() == f) {
            Some(Section::Talks)
        } else if self.posts.iter().any(|p| p.to_lowercase() == f) {
            Some(Section::Posts)
        } else {
            None
        }
    }
}

/// Which section a top-level content folder is, by Hugo's usual names.
pub fn section_for(folder: &str) -> Option<Section> {
    Sections::default().section_for(folder)
}

/// Read `baseURL` and the author from a site config (`config.toml`, `hugo.yaml`, …).
pub fn parse_site_config(text: &str, format: Format) -> SiteInfo {
    let Ok(map) = parse_front_matter(format, text, 1) else {
        return SiteInfo::default();
    };
    let base_url = map
        .get("baseurl")
        .and_then(Value::as_str)
        .map(|s| s.trim_end_matches('/').to_string())
        .filter(|s| s.contains("://"));
    let name_of = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
        _ => None,
    };
    let author = map
        .get("author")
        .and_then(name_of)
        .or_else(|| {
            map.get("params")
                .and_then(|p| p.get("author"))
                .and_then(name_of)
        })
        .filter(|s| !s.trim().is_empty());
    SiteInfo { base_url, author }
}

struct Doc<'a> {
    map: serde_json::Map<String, Value>,
    front: &'a str,
    front_line: usize,
    body: &'a str,
}

fn located(path: &str, e: Located) -> Diagnostic {
    Diagnostic::error(path, Some(e.line), e.error).with_column(e.column)
}

fn parse_doc<'a>(text: &'a str, path: &str) -> Result<Doc<'a>, Diagnostic> {
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Diagnostic::error(path, None, LoadError::Empty));
    }
    let split = split_front_matter(text).map_err(|e| located(path, e))?;
    let map = match split.format {
        Some(format) => parse_front_matter(format, split.front, split.front_line)
            .map_err(|e| located(path, e))?,
        None => serde_json::Map::new(),
    };
    Ok(Doc {
        map,
        front: split.front,
        front_line: split.front_line,
        body: split.body,
    })
}

/// "conf/2013/OSCON-fotolog" → "OSCON fotolog": a title for files that have none.
fn title_from_id(id: &str) -> String {
    let last = id.rsplit('/').next().unwrap_or(id);
    last.replace(['-', '_'], " ")
}

pub fn parse_talk(
    text: &str,
    id: &str,
    path: &str,
    site: &SiteInfo,
) -> Result<(Talk, Vec<Diagnostic>), Diagnostic> {
    let doc = parse_doc(text, path)?;
    let mut f = Fields::new(&doc.map, doc.front, doc.front_line, path);
    let title = f.string(&["title"]).unwrap_or_else(|| title_from_id(id));
    let date = f.date(&["date", "publishdate", "pubdate"]);
    let mut speakers = speakers_from(&mut f, &["speakers", "speaker", "authors", "author"]);
    if speakers.is_empty()
        && let Some(author) = &site.author
    {
        speakers.push(Speaker {
            name: author.clone(),
            company: None,
        });
    }
    let conference = conference_from(&mut f, &title);
    let city = f.string(&["city", "location"]);
    let language = f.string(&["language", "lang"]);
    let tags = f.string_list(&["tags"]);
    let categories = f.string_list(&["categories"]);
    let abstract_md = f
        .string(&["summary", "abstract", "description"])
        .unwrap_or_else(|| summary_of(doc.body));
    let mut links = links_from(&mut f, site);
    if let Some(url) = conference.as_ref().and_then(|c| c.url.clone())
        && !links.iter().any(|l| l.url == url)
    {
        links.push(Link {
            kind: LinkKind::Web,
            url,
            thumbnail: None,
        });
    }
    for k in [
        "draft", "slug", "url", "aliases", "weight", "type", "layout",
    ] {
        f.mark_used(k);
    }
    let talk = Talk {
        id: id.to_string(),
        title,
        speakers,
        date,
        conference,
        city,
        language,
        tags,
        categories,
        abstract_md,
        body_md: doc.body.trim().to_string(),
        links,
        extra: f.extra(),
        origin: Origin {
            path: path.to_string(),
            line: 1,
        },
        room: None,
        duration_min: None,
        session_type: None,
    };
    Ok((talk, f.diagnostics))
}

pub fn parse_post(
    text: &str,
    id: &str,
    path: &str,
    _site: &SiteInfo,
) -> Result<(Post, Vec<Diagnostic>), Diagnostic> {
    let doc = parse_doc(text, path)?;
    let mut f = Fields::new(&doc.map, doc.front, doc.front_line, path);
    let title = f.string(&["title"]).unwrap_or_else(|| title_from_id(id));
    let date = f.date(&["date", "publishdate", "pubdate"]);
    let tags = f.string_list(&["tags"]);
    let categories = f.string_list(&["categories"]);
    let aliases = f.string_list(&["aliases"]);
    let draft = f.boolean(&["draft"]).unwrap_or(false);
    let summary = f
        .string(&["summary", "description"])
        .unwrap_or_else(|| summary_of(doc.body));
    let mut images = Vec::new();
    for key in [
        "thumbnailimage",
        "coverimage",
        "featured_image",
        "featuredimage",
        "image",
    ] {
        if let Some(s) = f.string(&[key])
            && !images.contains(&s)
        {
            images.push(s);
        }
    }
    for s in f
        .string_list(&["images"])
        .into_iter()
        .chain(body_images(doc.body))
    {
        if !images.contains(&s) {
            images.push(s);
        }
    }
    for k in ["slug", "url", "weight", "type", "layout"] {
        f.mark_used(k);
    }
    let post = Post {
        id: id.to_string(),
        title,
        date,
        tags,
        categories,
        aliases,
        draft,
        summary,
        body_md: doc.body.trim().to_string(),
        images,
        extra: f.extra(),
        origin: Origin {
            path: path.to_string(),
            line: 1,
        },
    };
    Ok((post, f.diagnostics))
}

/// `conference` is a Markdown paragraph whose first link names the event, or a table.
fn conference_from(f: &mut Fields<'_>, title: &str) -> Option<Conference> {
    let raw = f.raw(&["conference", "event"]);
    if let Some(Value::Object(o)) = raw {
        let get = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_string);
        return Some(Conference {
            name: get("name").unwrap_or_default(),
            description: get("description"),
            url: get("url"),
        });
    }
    let md = f.string(&["conference", "event"])?;
    let (name, url) = match first_link(&md) {
        Some((text, url)) => (text, Some(url)),
        // Without a link, titles like "Data Days Lyon 2019: Indexing…" still name the event.
        None => (
            title
                .split_once(": ")
                .map(|(n, _)| n.trim().to_string())
                .unwrap_or_default(),
            None,
        ),
    };
    Some(Conference {
        name,
        description: Some(md),
        url,
    })
}

/// The first Markdown link `[text](url)` in `md`.
pub fn first_link(md: &str) -> Option<(String, String)> {
    let open = md.find('[')?;
    let close = open + md[open..].find("](")?;
    let end = close + 2 + md[close + 2..].find(')')?;
    let text = md[open + 1..close].trim();
    let url = md[close + 2..end].trim();
    if text.is_empty() || url.is_empty() || text.contains('[') {
        return None;
    }
    Some((text.to_string(), url.to_string()))
}

/// Slides ("thumbnail;document" pairs), video ids and web links.
fn links_from(f: &mut Fields<'_>, site: &SiteInfo) -> Vec<Link> {
    let mut links = Vec::new();
    for entry in f.strings(&["slides"]) {
        let parts: Vec<&str> = entry
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let (thumb, doc) = match parts.as_slice() {
            [] => continue,
            [doc] => (None, *doc),
            [thumb, doc, ..] => (Some(*thumb), *doc),
        };
        links.push(Link {
            kind: LinkKind::Slides,
            url: resolve_url(doc, site.base()),
            thumbnail: thumb.map(|t| resolve_url(t, site.base())),
        });
    }
    for key in ["slides_url", "slideshare", "speakerdeck"] {
        if let Some(url) = f.string(&[key]) {
            links.push(Link {
                kind: LinkKind::Slides,
                url: resolve_url(&url, site.base()),
                thumbnail: None,
            });
        }
    }
    for id in f.strings(&["youtube"]) {
        links.push(video_link(&id, "youtube"));
    }
    for id in f.strings(&["vimeo"]) {
        links.push(video_link(&id, "vimeo"));
    }
    for v in f.strings(&["video", "videos"]) {
        links.push(video_link(&v, "youtube"));
    }
    for url in f.strings(&["link", "links", "website", "web"]) {
        links.push(Link {
            kind: LinkKind::Web,
            url: resolve_url(&url, site.base()),
            thumbnail: None,
        });
    }
    links
}

/// The text before `<!--more-->`, else the first paragraph of prose.
pub fn summary_of(body: &str) -> String {
    if let Some(i) = body.find("<!--more-->") {
        let before = body[..i].trim();
        if !before.is_empty() {
            return before.to_string();
        }
    }
    let mut para = Vec::new();
    for line in body.lines() {
        let t = line.trim();
        if t.is_empty() {
            if !para.is_empty() {
                break;
            }
            continue;
        }
        if para.is_empty()
            && (t.starts_with('<')
                || t.starts_with('#')
                || t.starts_with("```")
                || t.starts_with("~~~"))
        {
            continue;
        }
        para.push(t);
    }
    para.join("\n")
}

/// Image sources in a body: `<img src="…">` and `![alt](src)`.
fn body_images(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(i) = rest.find("<img") {
        rest = &rest[i + 4..];
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..tag_end];
        if let Some(s) = tag.find("src=") {
            let v = &tag[s + 4..];
            let q = v.chars().next().unwrap_or(' ');
            let src: String = if q == '"' || q == '\'' {
                v[1..].chars().take_while(|c| *c != q).collect()
            } else {
                v.chars().take_while(|c| !c.is_whitespace()).collect()
            };
            if !src.is_empty() {
                out.push(src);
            }
        }
    }
    let mut rest = body;
    while let Some(i) = rest.find("![") {
        rest = &rest[i + 2..];
        if let Some(close) = rest.find("](") {
            let after = &rest[close + 2..];
            if let Some(end) = after.find(')') {
                let src = after[..end].split_whitespace().next().unwrap_or("");
                if !src.is_empty() {
                    out.push(src.to_string());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteInfo {
        SiteInfo {
            base_url: Some("https://blog.example.org".into()),
            author: Some("Ann Author".into()),
        }
    }

    #[test]
    fn talk_with_toml_front_matter_and_slides() {
        let text = "+++\ndate = \"2019-11-07T00:00:00.000000+01:00\"\ntitle = \"Data Days Lyon 2019: Indexing\"\ncity = \"Lyon, France\"\nslides = [\"../../../images/a.png;../../../images/a.pdf\"]\nyoutube = \"dQw4w9WgXcQ\"\nconference = \"[Data Days Lyon](https://dd.example.org/) is a conference.\"\nsummary = \"\"\"Which index?\n\nThis talk.\"\"\"\ncoverSize = \"x\"\n+++\n\n## Why\n";
        let (t, diags) = parse_talk(text, "conf/2019/x", "x.md", &site()).unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(t.title, "Data Days Lyon 2019: Indexing");
        assert_eq!(t.date.unwrap().to_string(), "2019-11-07");
        assert_eq!(t.speakers[0].name, "Ann Author");
        assert_eq!(t.conference_name(), Some("Data Days Lyon"));
        assert_eq!(t.city.as_deref(), Some("Lyon, France"));
        assert_eq!(t.abstract_md, "Which index?\n\nThis talk.");
        assert_eq!(t.links[0].url, "https://blog.example.org/images/a.pdf");
        assert_eq!(
            t.links[0].thumbnail.as_deref(),
            Some("https://blog.example.org/images/a.png")
        );
        assert_eq!(
            t.links[1].url,
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
        );
        assert_eq!(t.links[2].url, "https://dd.example.org/");
        assert!(t.extra.contains_key("coversize"));
        assert_eq!(t.body_md, "## Why");
    }

    #[test]
    fn talk_with_yaml_and_vimeo_and_no_link_in_conference() {
        let text = "---\ntitle: \"Meetup Kyiv: Migrating\"\ndate: 2019-05-16\nvimeo: \"123\"\nspeakers:\n- name: Олена\n  company: Acme\n- Bob (Corp)\nconference: \"The local group.\"\n---\n";
        let (t, d) = parse_talk(text, "conf/2019/k", "k.md", &SiteInfo::default()).unwrap();
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(t.links[0].url, "https://vimeo.com/123");
        assert_eq!(t.conference_name(), Some("Meetup Kyiv"));
        assert_eq!(t.speakers.len(), 2);
        assert_eq!(t.speakers[0].company.as_deref(), Some("Acme"));
        assert_eq!(t.speakers[1].name, "Bob");
        assert_eq!(t.speakers[1].company.as_deref(), Some("Corp"));
    }

    #[test]
    fn post_summary_images_and_draft() {
        let text = "+++\ntitle = \"P\"\ndraft = true\naliases = [\"/a\"]\ncoverImage = \"/c.jpg\"\n+++\nFirst *para*\nline two.\n\n<!--more-->\n<img src=\"/x.png\">\n";
        let (p, d) = parse_post(text, "post/p", "p.md", &SiteInfo::default()).unwrap();
        assert!(d.is_empty());
        assert!(p.draft);
        assert_eq!(p.summary, "First *para*\nline two.");
        assert_eq!(p.images, vec!["/c.jpg", "/x.png"]);
        assert_eq!(p.aliases, vec!["/a"]);
    }

    #[test]
    fn summary_table() {
        let cases = [
            ("a\n\nb", "a"),
            (
                "\n\n<div>\n</div>\n\nprose here\nmore\n\nnext",
                "prose here\nmore",
            ),
            ("intro\n<!--more-->\nrest", "intro"),
            ("<!--more-->\nrest\n\nx", "rest"),
            ("", ""),
        ];
        for (body, want) in cases {
            assert_eq!(summary_of(body), want, "{body:?}");
        }
    }

    #[test]
    fn bad_files_are_errors_with_lines() {
        let e = parse_post("", "post/e", "e.md", &SiteInfo::default()).unwrap_err();
        assert_eq!(e.error, LoadError::Empty);
        let e = parse_post(
            "+++\ntitle = \"x\"\nbody",
            "p",
            "p.md",
            &SiteInfo::default(),
        )
        .unwrap_err();
        assert!(matches!(e.error, LoadError::UnclosedFence { .. }));
        let e = parse_post(
            "+++\ntitle = \"x\"\ntitle = 1\n+++\n",
            "p",
            "p.md",
            &SiteInfo::default(),
        )
        .unwrap_err();
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn wrong_types_are_warnings() {
        let (p, d) = parse_post(
            "+++\ntitle = \"x\"\ndate = 12\ntags = \"x\"\n+++\n",
            "p",
            "p.md",
            &SiteInfo::default(),
        )
        .unwrap();
        assert_eq!(p.title, "x");
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].line, Some(3));
        assert_eq!(d[1].line, Some(4));
    }

    #[test]
    fn site_config_author_and_base() {
        let s = parse_site_config(
            "baseURL = \"https://e.org/\"\n[params]\nauthor = \"A\"\n",
            Format::Toml,
        );
        assert_eq!(s.base_url.as_deref(), Some("https://e.org"));
        assert_eq!(s.author.as_deref(), Some("A"));
    }
}
