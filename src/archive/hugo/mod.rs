//! Hugo content files: one talk per file under a talks section (`content/conf/`, `talks/`,
//! `event/`, …), posts under `content/post/` (`posts/`, `blog/`). Pure functions from a file's
//! text (and what its site tells: `site`) to a `Talk` or `Post`; the walking and reading is in
//! `load`, the choice of parser in `source`.

pub mod links;
pub mod shortcodes;
pub mod site;
pub mod translations;

use serde_json::Value;

pub use site::{SiteInfo, parse_site_config};

use super::error::{Diagnostic, LoadError};
use super::fields::{Fields, get_ci};
use super::front_matter::{
    Format, Located, drop_repeated_yaml_keys, parse_front_matter, split_front_matter,
};
use super::model::{Origin, Post, Speaker, Talk};
use links::Page;

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
    /// The names people give these sections on real sites.
    fn default() -> Self {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect();
        Sections {
            talks: v(&[
                "conf",
                "confs",
                "talks",
                "talk",
                "conferences",
                "presentation",
                "presentations",
                "speaking",
                "session",
                "sessions",
            ]),
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

    /// The config line that makes `section` a talks section, for messages.
    pub fn config_line_adding(&self, section: &str) -> String {
        let names: Vec<String> = self
            .talks
            .iter()
            .map(String::as_str)
            .chain([section])
            .map(|n| format!("{n:?}"))
            .collect();
        format!("talk_sections = [{}]", names.join(", "))
    }
}

/// Sections read as talks when their pages look like talks (Hugo Academic's `event/`), and
/// otherwise left alone: the same name holds other things on other sites.
pub const TALKS_IF_TALK_LIKE: &[&str] = &["event", "events"];

/// Which section a top-level content folder is, by Hugo's usual names.
pub fn section_for(folder: &str) -> Option<Section> {
    Sections::default().section_for(folder)
}

/// Whether a page's front matter reads like a talk: it names an event, or speakers and a
/// recording or slides. Used to find talk sections under names we do not read.
pub fn looks_like_talk(text: &str) -> bool {
    let Ok(split) = split_front_matter(text) else {
        return false;
    };
    let Some(format) = split.format else {
        return false;
    };
    let Ok(map) = parse_front_matter(format, split.front, split.front_line) else {
        return false;
    };
    let has = |keys: &[&str]| {
        keys.iter()
            .any(|k| map.get(*k).is_some_and(|v| !is_blank(v)))
    };
    has(&[
        "event",
        "event_name",
        "event_url",
        "conference",
        "conference_url",
        "conferenceurl",
    ]) || (has(&["speakers", "speaker"])
        && has(&[
            "slides",
            "url_slides",
            "video",
            "youtube",
            "vimeo",
            "url_video",
            "recording",
        ]))
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

struct Doc<'a> {
    map: serde_json::Map<String, Value>,
    front: std::borrow::Cow<'a, str>,
    front_line: usize,
    body: &'a str,
    /// Warnings about the front matter as a whole (repeated keys).
    warnings: Vec<Diagnostic>,
}

fn located(path: &str, e: Located) -> Diagnostic {
    Diagnostic::error(path, Some(e.line), e.error).with_column(e.column)
}

fn parse_doc<'a>(text: &'a str, path: &str) -> Result<Doc<'a>, Diagnostic> {
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Diagnostic::error(path, None, LoadError::Empty));
    }
    let split = split_front_matter(text).map_err(|e| located(path, e))?;
    let mut warnings = Vec::new();
    let mut front = std::borrow::Cow::Borrowed(split.front);
    if split.format == Some(Format::Yaml) {
        let (kept, repeated) = drop_repeated_yaml_keys(split.front);
        for r in repeated {
            warnings.push(Diagnostic::warning(
                path,
                Some(r.line + split.front_line - 1),
                LoadError::DuplicateKey {
                    key: r.key,
                    first_line: r.first_line + split.front_line - 1,
                },
            ));
        }
        front = kept;
    }
    let map = match split.format {
        Some(format) => {
            parse_front_matter(format, &front, split.front_line).map_err(|e| located(path, e))?
        }
        None => serde_json::Map::new(),
    };
    Ok(Doc {
        map,
        front,
        front_line: split.front_line,
        body: split.body,
        warnings,
    })
}

/// "conf/2013/OSCON-fotolog" → "OSCON fotolog": a title for files that have none.
fn title_from_id(id: &str) -> String {
    let last = id.rsplit('/').next().unwrap_or(id);
    last.replace(['-', '_'], " ")
}

/// The folder of a leaf bundle (`talk/x` for `…/content/talk/x/index.md`), from the id and
/// the file's name.
fn bundle_of<'i>(id: &'i str, path: &str) -> Option<&'i str> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    (name.starts_with("index.")).then_some(id)
}

/// The body as a reader sees it: shortcodes expanded. Returns it and the links it embeds
/// (shortcode videos and slides first, then the links written in the text).
fn read_body(body: &str, page: &Page<'_>) -> (String, Vec<super::Link>) {
    let expanded = shortcodes::expand(body, page.site.base());
    let mut links = expanded.links;
    links.extend(links::body_links(&expanded.text, page));
    links::dedupe(&mut links);
    (expanded.text.trim().to_string(), links)
}

pub fn parse_talk(
    text: &str,
    id: &str,
    path: &str,
    site: &SiteInfo,
) -> Result<(Talk, Vec<Diagnostic>), Diagnostic> {
    let doc = parse_doc(text, path)?;
    let mut f = Fields::new(&doc.map, &doc.front, doc.front_line, path);
    let page = Page {
        site,
        bundle: bundle_of(id, path),
    };
    let title = f.text(&["title"]).unwrap_or_else(|| title_from_id(id));
    let date = f.date(&["date", "publishdate", "pubdate"]);
    let mut speakers = speakers_of(&mut f, site);
    if speakers.is_empty()
        && let Some(s) = site.default_speaker()
    {
        speakers.push(s);
    }
    let conference = links::conference_from(&mut f);
    let city = links::place_from(&mut f);
    // "English", "en-US" and "en" are one language to `lang:` (as in the other loaders).
    let language = f
        .text(&["language", "lang"])
        .and_then(|l| super::language::normalize(&l));
    let tags = f.string_list(&["tags"]);
    let categories = f.string_list(&["categories"]);
    let draft = f.boolean(&["draft"]).unwrap_or(false);
    let mut links = links::links_from(&mut f, &page);
    if let Some(url) = conference.as_ref().and_then(|c| c.url.clone()) {
        let url = page.resolve(&url);
        links.push(super::Link {
            kind: super::LinkKind::Web,
            url,
            thumbnail: None,
        });
    }
    let (body_md, body_links) = read_body(doc.body, &page);
    // Without a summary key, the abstract is the body's summary, and the notes are the rest of
    // the body: the same paragraph is not shown twice.
    let (abstract_md, body_md) = match f
        .text(&["abstract", "summary", "description"])
        .map(|s| shortcodes::expand(&s, site.base()).text)
    {
        Some(a) => (a, body_md),
        None => summary_and_rest(&body_md),
    };
    links.extend(body_links);
    links::dedupe(&mut links);
    for k in ["slug", "url", "aliases", "weight", "type", "layout"] {
        f.mark_used(k);
    }
    let mut diagnostics = doc.warnings;
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
        body_md,
        links,
        extra: f.extra(),
        origin: Origin {
            path: path.to_string(),
            line: 1,
        },
        draft,
        room: None,
        duration_min: None,
        session_type: None,
    };
    diagnostics.append(&mut f.diagnostics);
    Ok((talk, diagnostics))
}

pub fn parse_post(
    text: &str,
    id: &str,
    path: &str,
    site: &SiteInfo,
) -> Result<(Post, Vec<Diagnostic>), Diagnostic> {
    let doc = parse_doc(text, path)?;
    let mut f = Fields::new(&doc.map, &doc.front, doc.front_line, path);
    let page = Page {
        site,
        bundle: bundle_of(id, path),
    };
    let title = f.text(&["title"]).unwrap_or_else(|| title_from_id(id));
    let date = f.date(&["date", "publishdate", "pubdate"]);
    let tags = f.string_list(&["tags"]);
    let categories = f.string_list(&["categories"]);
    // One alias or one image as a plain string is accepted, as Hugo does.
    let aliases = f.strings(&["aliases"]);
    let draft = f.boolean(&["draft"]).unwrap_or(false);
    // "English", "en-US" and "en" are one language to `lang:` (as in the other loaders).
    let language = f
        .text(&["language", "lang"])
        .and_then(|l| super::language::normalize(&l));
    let (body_md, mut links) = read_body(doc.body, &page);
    let summary = f
        .text(&["summary", "description"])
        .map(|s| shortcodes::expand(&s, site.base()).text)
        .unwrap_or_else(|| summary_of(&body_md));
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
        .strings(&["images"])
        .into_iter()
        .chain(body_images(&body_md))
    {
        if !images.contains(&s) {
            images.push(s);
        }
    }
    // A video named in the front matter comes first, before what the body links to.
    let mut front: Vec<super::Link> = Vec::new();
    for key in ["youtube", "vimeo", "video"] {
        for v in f.strings(&[key]) {
            let service = if key == "vimeo" { "vimeo" } else { "youtube" };
            front.push(super::fields::video_link(&v, service));
        }
    }
    front.append(&mut links);
    let mut links = front;
    links::dedupe(&mut links);
    for k in ["slug", "url", "weight", "type", "layout"] {
        f.mark_used(k);
    }
    let mut diagnostics = doc.warnings;
    let post = Post {
        id: id.to_string(),
        title,
        date,
        tags,
        categories,
        aliases,
        draft,
        summary,
        body_md,
        images,
        extra: f.extra(),
        origin: Origin {
            path: path.to_string(),
            line: 1,
        },
        links,
        language,
    };
    diagnostics.append(&mut f.diagnostics);
    Ok((post, diagnostics))
}

/// The speakers keys, in the order themes use them.
const SPEAKER_KEYS: &[&str] = &["speakers", "speaker", "authors", "author"];

/// Speakers as names, "Name (Company)", `{ name, company }` tables, or ids resolved through
/// the site's profiles. An id with no profile is kept as written, with a warning.
fn speakers_of(f: &mut Fields<'_>, site: &SiteInfo) -> Vec<Speaker> {
    let Some(v) = f.raw(SPEAKER_KEYS) else {
        return Vec::new();
    };
    let key = SPEAKER_KEYS
        .iter()
        .find(|k| f.has(k))
        .copied()
        .unwrap_or("speakers");
    // Looked up once, and only when some id has no profile.
    let mut line: Option<Option<usize>> = None;
    let mut unknown = |f: &mut Fields<'_>, id: &str| {
        let at = *line.get_or_insert_with(|| f.line_of(key));
        f.warn_at(at, LoadError::UnknownSpeaker { id: id.to_string() });
    };
    let items: Vec<&Value> = match v {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    let mut out = Vec::new();
    for item in items {
        match item {
            Value::String(s) => {
                // "A, B and C" in one string: several people.
                for part in split_names(s) {
                    if let Some(p) = site.profile(part) {
                        out.push(p.clone());
                    } else if let Some(sp) = super::fields::speaker_from_text(part) {
                        if looks_like_id(&sp.name) {
                            unknown(f, &sp.name);
                        }
                        out.push(sp);
                    }
                }
            }
            Value::Object(o) => {
                let id = ["id", "key", "slug"]
                    .iter()
                    .find_map(|k| get_ci(o, k).and_then(Value::as_str));
                let profile = id.and_then(|i| site.profile(i)).or_else(|| {
                    get_ci(o, "name")
                        .and_then(Value::as_str)
                        .and_then(|n| site.profile(n))
                });
                match (site::speaker_from_map(o, ""), profile) {
                    (Some(mut s), Some(p)) => {
                        s.company = s.company.or_else(|| p.company.clone());
                        s.bio = s.bio.or_else(|| p.bio.clone());
                        out.push(s);
                    }
                    (Some(s), None) => out.push(s),
                    (None, Some(p)) => out.push(p.clone()),
                    (None, None) => {
                        if let Some(id) = id {
                            unknown(f, id);
                            out.push(Speaker {
                                name: id.to_string(),
                                company: None,
                                bio: None,
                            });
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// "A, B and C" → the three names; a single "Name (Company)" stays whole.
fn split_names(s: &str) -> Vec<&str> {
    if s.contains('(') {
        return vec![s];
    }
    s.split([',', '&'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// `jane_doe`, `admin`, `jdoe`: a profile id rather than a person's name.
fn looks_like_id(s: &str) -> bool {
    !s.is_empty()
        && !s.contains(char::is_whitespace)
        && (s.contains(['_', '-'])
            || s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

/// Markdown images and `<img>` tags taken out (profile bios are shown without avatars).
pub fn strip_images(md: &str) -> String {
    const NEAR: usize = 2048;
    let mut out = String::with_capacity(md.len());
    let mut at = 0;
    // The next `![` and `<img` at or after `at`, each searched again only once passed.
    let find = |pat: &str, from: usize| md[from..].find(pat).map(|i| i + from);
    let (mut next_md, mut next_html) = (find("![", 0), find("<img", 0));
    loop {
        if next_md.is_some_and(|p| p < at) {
            next_md = find("![", at);
        }
        if next_html.is_some_and(|p| p < at) {
            next_html = find("<img", at);
        }
        let next = match (next_md, next_html) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => break,
        };
        out.push_str(&md[at..next]);
        let after = &md[next..];
        let near = &after[..links::floor_boundary(after, NEAR)];
        let skip = if after.starts_with("![") {
            near.find("](")
                .and_then(|c| near[c..].find(')').map(|e| c + e + 1))
        } else {
            near.find('>').map(|e| e + 1)
        };
        match skip {
            Some(n) => at = next + n,
            None => {
                // Not an image after all: keep its first character and go on.
                let step = after.chars().next().map_or(1, char::len_utf8);
                out.push_str(&after[..step]);
                at = next + step;
            }
        }
    }
    out.push_str(&md[at..]);
    out
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

/// The body's summary (`summary_of`) and the body without it.
pub fn summary_and_rest(body: &str) -> (String, String) {
    if let Some(i) = body.find("<!--more-->") {
        let before = body[..i].trim();
        if !before.is_empty() {
            let after = body[i + "<!--more-->".len()..].trim_start();
            return (before.to_string(), after.to_string());
        }
    }
    let summary = summary_of(body);
    let para: Vec<&str> = summary.lines().collect();
    let lines: Vec<&str> = body.lines().collect();
    let found = (0..lines.len()).find(|&start| {
        para.iter()
            .enumerate()
            .all(|(k, p)| lines.get(start + k).is_some_and(|l| l.trim() == *p))
    });
    match found {
        Some(start) if !para.is_empty() => {
            let rest: Vec<&str> = lines[..start]
                .iter()
                .chain(&lines[start + para.len()..])
                .copied()
                .collect();
            (summary, rest.join("\n").trim().to_string())
        }
        _ => (summary, body.to_string()),
    }
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
                || t.starts_with("~~~")
                // An image, or a video a shortcode embedded: no prose to summarise.
                || t.starts_with("![")
                || t.starts_with("[▶ "))
        {
            continue;
        }
        para.push(t);
    }
    para.join("\n")
}

/// Image sources in a body: `<img src="…">` and `![alt](src)`.
fn body_images(body: &str) -> Vec<String> {
    // Each search looks a bounded distance ahead, so the scan stays linear on any input.
    const NEAR: usize = 2048;
    fn ahead(s: &str) -> &str {
        &s[..links::floor_boundary(s, NEAR)]
    }
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(i) = rest.find("<img") {
        rest = &rest[i + 4..];
        let near = ahead(rest);
        let tag = &near[..near.find('>').unwrap_or(near.len())];
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
        if let Some(close) = ahead(rest).find("](") {
            let after = ahead(&rest[close + 2..]);
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
            ..SiteInfo::default()
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
        // Issue 9: a conference without a link is named by its own first sentence, never by
        // the title's text before a colon.
        assert_eq!(t.conference_name(), Some("The local group"));
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
            ("![cover](c.png)\n\nprose", "prose"),
            ("[▶ Video on YouTube](https://y/x)\n\nprose", "prose"),
            ("", ""),
        ];
        for (body, want) in cases {
            assert_eq!(summary_of(body), want, "{body:?}");
            let (summary, rest) = summary_and_rest(body);
            assert_eq!(summary, want, "{body:?}");
            if !want.is_empty() {
                assert!(
                    !rest.contains(want),
                    "the summary stays in the rest of {body:?}: {rest:?}"
                );
            }
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
