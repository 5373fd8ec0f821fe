//! The conference, the place and the links of a Hugo talk, under the many names themes give
//! them (Hugo Academic / Wowchemy's `event`, `url_slides`, `links`; personal sites' `youtube`,
//! `slides`, `speakerdeck`; conference sites' `recording`, `presentation`), and the links a
//! body points to.

use serde_json::Value;

use super::shortcodes::{slideshare_url, speakerdeck_url};
use super::site::SiteInfo;
use crate::archive::fields::{Fields, get_ci, resolve_url, video_link};
use crate::archive::model::{Conference, Link, LinkKind};

/// Where a page is published, to resolve what its front matter and body point to.
pub struct Page<'a> {
    pub site: &'a SiteInfo,
    /// The page's folder under the site when it is a leaf bundle (`talk/x` for
    /// `content/talk/x/index.md`): its own files (`slides.pdf`) are published there.
    pub bundle: Option<&'a str>,
}

impl Page<'_> {
    /// A link as Hugo would publish it: absolute URLs stay; site paths go under `baseURL`; a
    /// bare file name in a leaf bundle is one of the bundle's files.
    pub fn resolve(&self, s: &str) -> String {
        let s = s.trim();
        let bare = !s.contains("://")
            && !s.starts_with('/')
            && !s.starts_with("../")
            && !s.starts_with("./")
            && !s.starts_with("mailto:")
            && !s.starts_with('#');
        match self.bundle {
            Some(dir) if bare => {
                resolve_url(&format!("/{}/{s}", dir.to_lowercase()), self.site.base())
            }
            _ => resolve_url(s, self.site.base()),
        }
    }
}

/// The conference: `conference` (Markdown with a link, plain text, or a `{title|name,
/// link|url}` table), Academic's `event` + `event_url`, `conference_url`/`conferenceUrl`.
pub fn conference_from(f: &mut Fields<'_>) -> Option<Conference> {
    let url_keys = [
        "conference_url",
        "conferenceurl",
        "conference_link",
        "event_url",
        "eventurl",
        "event_link",
    ];
    let mut conf = match f.raw(&["conference", "event", "event_name", "eventname"]) {
        Some(Value::Object(o)) => {
            let get = |k: &str| {
                get_ci(o, k)
                    .and_then(Value::as_str)
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
            };
            Conference {
                name: get("title")
                    .or_else(|| get("name"))
                    .or_else(|| get("event"))
                    .unwrap_or_default(),
                description: get("description"),
                url: get("url").or_else(|| get("link")).or_else(|| get("href")),
            }
        }
        Some(_) => {
            let md = f
                .text(&["conference", "event", "event_name", "eventname"])
                .unwrap_or_default();
            let (name, url) = match super::first_link(&md) {
                Some((text, url)) => (text, Some(url)),
                None => (first_sentence(&md), None),
            };
            let description = (md.trim() != name).then_some(md).filter(|d| !d.is_empty());
            Conference {
                name,
                description,
                url,
            }
        }
        None => Conference::default(),
    };
    if conf.url.is_none() {
        conf.url = f.text(&url_keys);
    } else {
        f.text(&url_keys);
    }
    (conf != Conference::default()).then_some(conf)
}

/// A Markdown paragraph's first sentence or line: what names the event when no link does.
pub fn first_sentence(md: &str) -> String {
    let text = md.trim();
    let line = text.lines().next().unwrap_or("").trim();
    let mut end = line.len();
    for pat in [". ", "! ", "? ", "; "] {
        if let Some(i) = line.find(pat) {
            end = end.min(i);
        }
    }
    let s = line[..end].trim();
    let s = s.strip_suffix('.').unwrap_or(s);
    s.trim().to_string()
}

/// The place: `city`, `location` (text, or a table some themes use), or Academic's
/// `address` table.
pub fn place_from(f: &mut Fields<'_>) -> Option<String> {
    for key in ["city", "location", "venue_city", "address"] {
        match f.raw(&[key]) {
            Some(Value::String(s)) if !s.trim().is_empty() => return Some(s.trim().to_string()),
            Some(Value::Object(o)) => {
                let text = |k: &str| {
                    get_ci(o, k)
                        .and_then(Value::as_str)
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                };
                let parts: Vec<&str> = if let Some(name) = text("name").or_else(|| text("title")) {
                    vec![name]
                } else {
                    ["city", "region", "country"]
                        .iter()
                        .filter_map(|k| text(k))
                        .collect()
                };
                if !parts.is_empty() {
                    return Some(parts.join(", "));
                }
            }
            _ => {}
        }
    }
    None
}

/// The kind of a link from its URL (and label, when the source gives one): the archive's one
/// classifier, shared with the conference-format loaders.
fn classify(url: &str, label: &str) -> LinkKind {
    crate::archive::links::classify(url, label)
}

fn link(kind: LinkKind, url: String) -> Link {
    Link {
        kind,
        url,
        thumbnail: None,
    }
}

/// A `slides` value that is a slug (`my-deck`): Academic serves it under `/slides/<slug>/`.
fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.contains(['/', '.', ':', ' '])
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// A video value: a URL stays (its kind is video whatever the host); an id is YouTube's.
fn video(v: &str) -> Link {
    video_link(v, "youtube")
}

/// Every link of a talk's front matter, in the order a reader expects: slides, video, code, web.
pub fn links_from(f: &mut Fields<'_>, page: &Page<'_>) -> Vec<Link> {
    let mut links: Vec<Link> = Vec::new();
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
        let url = if thumb.is_none() && is_slug(doc) {
            resolve_url(
                &format!("/slides/{}/", doc.to_lowercase()),
                page.site.base(),
            )
        } else {
            page.resolve(doc)
        };
        links.push(Link {
            kind: LinkKind::Slides,
            url,
            thumbnail: thumb.map(|t| page.resolve(t)),
        });
    }
    for key in ["slides_url", "url_slides", "presentation", "url_pdf", "pdf"] {
        for url in f.strings(&[key]) {
            links.push(link(LinkKind::Slides, page.resolve(&url)));
        }
    }
    for id in f.strings(&["speakerdeck"]) {
        links.push(link(LinkKind::Slides, speakerdeck_url(&id)));
    }
    for id in f.strings(&["slideshare"]) {
        links.push(link(LinkKind::Slides, slideshare_url(&id)));
    }
    for id in f.strings(&["youtube"]) {
        links.push(video_link(&id, "youtube"));
    }
    for id in f.strings(&["vimeo"]) {
        links.push(video_link(&id, "vimeo"));
    }
    for key in [
        "video",
        "videos",
        "videoid",
        "video_id",
        "url_video",
        "recording",
    ] {
        for v in f.strings(&[key]) {
            let mut l = video(&v);
            if !v.contains("://") && v.starts_with('/') {
                l.url = page.resolve(&v);
            }
            links.push(l);
        }
    }
    for key in ["url_code", "code", "repository", "repo", "source_code"] {
        for url in f.strings(&[key]) {
            links.push(link(LinkKind::Code, page.resolve(&url)));
        }
    }
    // The event's own page (`event_url`, `conference_url`) comes with the conference.
    for key in ["joindin", "url_project"] {
        for url in f.strings(&[key]) {
            links.push(link(LinkKind::Web, page.resolve(&url)));
        }
    }
    for key in ["link", "links", "website", "web"] {
        for (url, label) in link_values(f, key) {
            let url = page.resolve(&url);
            links.push(link(classify(&url, &label), url));
        }
    }
    links.retain(|l| !l.url.trim().is_empty() && l.url != "/");
    dedupe(&mut links);
    links
}

/// A `links` key: URLs, or Academic's tables `{ name, url, icon }` (with their name as label).
fn link_values(f: &mut Fields<'_>, key: &str) -> Vec<(String, String)> {
    let table = |o: &serde_json::Map<String, Value>| {
        let url = ["url", "link", "href"]
            .iter()
            .find_map(|k| get_ci(o, k).and_then(Value::as_str))?;
        let label = ["name", "label", "title", "icon"]
            .iter()
            .find_map(|k| get_ci(o, k).and_then(Value::as_str))
            .unwrap_or("");
        Some((url.to_string(), label.to_string()))
    };
    match f.raw(&[key]) {
        Some(Value::Array(items)) if items.iter().any(Value::is_object) => items
            .iter()
            .filter_map(|i| match i {
                Value::Object(o) => table(o),
                Value::String(s) => Some((s.clone(), String::new())),
                _ => None,
            })
            .filter(|(u, _)| !u.trim().is_empty())
            .collect(),
        Some(Value::Object(o)) => table(o).into_iter().collect(),
        Some(_) => f
            .strings(&[key])
            .into_iter()
            .map(|u| (u, String::new()))
            .collect(),
        None => Vec::new(),
    }
}

/// The largest char boundary of `s` at or below `at` (at most `s.len()`).
pub fn floor_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Drop repeated URLs, keeping the first (the front matter's kind wins over the body's).
pub fn dedupe(links: &mut Vec<Link>) {
    let mut seen = std::collections::HashSet::new();
    links.retain(|l| seen.insert(l.url.clone()));
}

/// Links in a (shortcode-expanded) body: `[text](url)`, `<a href="url">` and `<https://…>`,
/// images left out, each resolved and classified by host.
pub fn body_links(body: &str, page: &Page<'_>) -> Vec<Link> {
    // Every search below looks a bounded distance ahead or back, so a body of thousands of
    // `](` or `href=` without their ends costs a linear scan, not a quadratic one.
    const NEAR: usize = 2048;
    fn ahead(s: &str) -> &str {
        &s[..floor_boundary(s, NEAR)]
    }
    let mut urls: Vec<String> = Vec::new();
    let bytes = body.as_bytes();
    let mut i = 0;
    while let Some(rel) = body[i..].find("](") {
        let at = i + rel;
        i = at + 2;
        // Skip images: find the `[` that opens this link text and look before it.
        let back = floor_boundary(body, at.saturating_sub(NEAR)).min(at);
        let open = body[back..at].rfind('[').map(|o| o + back);
        if open.is_some_and(|o| o > 0 && bytes[o - 1] == b'!') {
            continue;
        }
        let rest = ahead(&body[at + 2..]);
        if let Some(end) = rest.find(')') {
            let target = rest[..end].split_whitespace().next().unwrap_or("");
            urls.push(target.trim_matches(['<', '>']).to_string());
        }
    }
    let mut rest = body;
    while let Some(p) = rest.find("href=") {
        rest = &rest[p + 5..];
        let near = ahead(rest);
        let q = near.chars().next().unwrap_or(' ');
        let v: String = if q == '"' || q == '\'' {
            near[1..].chars().take_while(|c| *c != q).collect()
        } else {
            near.chars()
                .take_while(|c| !c.is_whitespace() && *c != '>')
                .collect()
        };
        urls.push(v);
    }
    let mut rest = body;
    while let Some(p) = rest.find("<http") {
        rest = &rest[p + 1..];
        if let Some(end) = ahead(rest).find('>') {
            let v = &rest[..end];
            if v.starts_with("http://") || v.starts_with("https://") && !v.contains(' ') {
                urls.push(v.to_string());
            }
        }
    }
    let mut out: Vec<Link> = urls
        .into_iter()
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty() && !u.starts_with('#') && !u.starts_with("mailto:"))
        .filter(|u| !u.starts_with("javascript:"))
        .map(|u| {
            let url = page.resolve(&u);
            link(classify(&url, ""), url)
        })
        .collect();
    dedupe(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_table() {
        let cases = [
            ("SFDay 2019", "SFDay 2019"),
            ("SFDay 2019.", "SFDay 2019"),
            (
                "The local group meets monthly; this time at Acme.",
                "The local group meets monthly",
            ),
            ("PyCon FR. A conference in Lille.", "PyCon FR"),
            ("Line one\nline two", "Line one"),
            ("", ""),
        ];
        for (md, want) in cases {
            assert_eq!(first_sentence(md), want, "{md:?}");
        }
    }

    #[test]
    fn body_links_skip_images_and_anchors() {
        let site = SiteInfo {
            base_url: Some("https://s.example".into()),
            ..SiteInfo::default()
        };
        let page = Page {
            site: &site,
            bundle: Some("talk/x"),
        };
        let body = "See [the video](https://youtu.be/abc), ![img](a.png), [top](#top), \
                    <a href=\"/slides/x.pdf\">pdf</a>, [notes](notes.pdf) and <https://example.org/r>.";
        let got: Vec<(LinkKind, String)> = body_links(body, &page)
            .into_iter()
            .map(|l| (l.kind, l.url))
            .collect();
        assert_eq!(
            got,
            [
                (LinkKind::Video, "https://youtu.be/abc".to_string()),
                (
                    LinkKind::Slides,
                    "https://s.example/talk/x/notes.pdf".to_string()
                ),
                (
                    LinkKind::Slides,
                    "https://s.example/slides/x.pdf".to_string()
                ),
                (LinkKind::Web, "https://example.org/r".to_string()),
            ]
        );
    }
}
