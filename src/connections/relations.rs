//! Posts and talks that belong together, and links between items. A post is about a talk when
//! it links to the talk's page (its id path, slug or an alias), to one of its slides or video
//! URLs, embeds its video, or shares a slide or image file name with it; or when it was
//! written within days of the talk and names its title, or names its event while few talks of
//! that event fall in those days. Any link from one item's text to another item's page is a
//! "links to" / "linked from" pair. Pure.

use std::collections::{HashMap, HashSet};

use super::FastMap;
use super::runs::url_key;
use crate::archive::{Archive, Date, LinkKind, Post, Talk};
use crate::search::fold::fold_query;

/// A post this many days before or after a talk may be about it by naming it.
pub const NEAR_DAYS: i64 = 14;
/// Naming an event relates a post to the event's talks only when this few fall in the window:
/// a personal blog's trip report, not a mention of a conference with a hundred talks.
const EVENT_TALKS_MAX: usize = 6;
/// File stems too common to tie a post to a talk.
const GENERIC_STEMS: &[&str] = &[
    "index",
    "slides",
    "slide",
    "presentation",
    "talk",
    "image",
    "images",
    "cover",
    "thumbnail",
    "thumb",
    "default",
    "logo",
    "photo",
    "picture",
    "screenshot",
    "video",
    "download",
    "file",
];

/// A talk or a post of the archive, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemRef {
    Talk(u32),
    Post(u32),
}

/// Links found in one item's text, as URLs or paths (markdown links, HTML `href`/`src`, bare
/// URLs) and Hugo video shortcodes (`{{< youtube ID >}}` gives `youtube.com/watch?v=ID`).
pub fn links_in(md: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let stop = |c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '<' | '>' | ']' | '`');
    let mut push = |s: &str| {
        let s = s.trim().trim_end_matches(['.', ',', ';', ':', '!', '?']);
        if !s.is_empty() && !out.iter().any(|x| x == s) {
            out.push(s.to_string());
        }
    };
    for scheme in ["https://", "http://"] {
        for (i, _) in md.match_indices(scheme) {
            let rest = &md[i..];
            push(&rest[..rest.find(stop).unwrap_or(rest.len())]);
        }
    }
    for opener in ["](", "href=\"", "src=\"", "href='", "src='"] {
        for (i, _) in md.match_indices(opener) {
            let rest = &md[i + opener.len()..];
            let target = &rest[..rest.find(stop).unwrap_or(rest.len())];
            if !target.contains("://") && !target.starts_with('#') && !target.starts_with("mailto:")
            {
                push(target);
            }
        }
    }
    for (i, _) in md.match_indices("{{") {
        let rest = &md[i + 2..];
        let Some(end) = rest.find("}}") else { continue };
        let inner = rest[..end].trim_matches(['<', '>', '%', ' ']);
        let mut parts = inner.split_whitespace();
        let (Some(name), Some(arg)) = (parts.next(), parts.next()) else {
            continue;
        };
        let arg = arg.trim_matches(['"', '\'']);
        let arg = arg
            .strip_prefix("id=")
            .unwrap_or(arg)
            .trim_matches(['"', '\'']);
        match name {
            "youtube" => push(&format!("https://www.youtube.com/watch?v={arg}")),
            "vimeo" => push(&format!("https://vimeo.com/{arg}")),
            _ => {}
        }
    }
    out
}

/// A video's identity across its URL forms: `yt:ID` for YouTube watch/short/embed links,
/// `vimeo:N` for Vimeo pages and players.
pub fn video_key(url: &str) -> Option<String> {
    let k = url_key(url);
    if let Some(rest) = k
        .strip_prefix("youtu.be/")
        .or_else(|| k.strip_prefix("youtube.com/embed/"))
        .or_else(|| k.strip_prefix("youtube-nocookie.com/embed/"))
        .or_else(|| k.strip_prefix("m.youtube.com/embed/"))
    {
        let id = rest.split(['?', '&', '/']).next().unwrap_or("");
        return (!id.is_empty()).then(|| format!("yt:{id}"));
    }
    if k.starts_with("youtube.com/watch") || k.starts_with("m.youtube.com/watch") {
        let q = k.split_once('?')?.1;
        let id = q.split('&').find_map(|p| p.strip_prefix("v="))?;
        return (!id.is_empty()).then(|| format!("yt:{id}"));
    }
    let rest = k
        .strip_prefix("player.vimeo.com/video/")
        .or_else(|| k.strip_prefix("vimeo.com/"))?;
    let id = rest.split(['?', '/']).next().unwrap_or("");
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then(|| format!("vimeo:{id}"))
}

/// The path of a URL or site path, lowercased, without query, fragment, `.html`, `index`
/// and slashes at the ends: `https://h/blog/2013/07/x.html?a` gives `blog/2013/07/x`.
pub fn page_path(s: &str) -> String {
    let s = s.trim();
    let rest = match s.split_once("://") {
        Some((_, r)) => r.find('/').map_or("", |i| &r[i..]),
        None => s,
    };
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let mut p = rest.trim_matches('/').to_lowercase();
    while let Some(x) = p.strip_prefix("../").or_else(|| p.strip_prefix("./")) {
        p = x.to_string();
    }
    for suffix in ["/index.html", "/index.htm", ".html", ".htm", "/index"] {
        if let Some(x) = p.strip_suffix(suffix) {
            p = x.to_string();
        }
    }
    p.trim_matches('/').to_string()
}

fn slug_of(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// A slug specific enough to identify a page by itself: two words or more, 8 letters or more.
fn telling_slug(slug: &str) -> bool {
    slug.len() >= 8 && slug.contains(['-', '_']) && slug.bytes().any(|b| b.is_ascii_alphabetic())
}

/// The file name of a URL's last segment, when it has an extension: (`name.ext`, `name`).
fn file_name(url: &str) -> Option<(String, String)> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let last = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()?
        .to_lowercase();
    let (stem, ext) = last.rsplit_once('.')?;
    if stem.is_empty() || ext.is_empty() || ext.len() > 5 || last.contains(':') {
        return None;
    }
    Some((last.clone(), stem.to_string()))
}

fn telling_stem(stem: &str) -> bool {
    stem.len() >= 6 && !GENERIC_STEMS.contains(&stem)
}

fn days(d: Date) -> i64 {
    // Days from a fixed epoch (civil-from-days inverse, Howard Hinnant's algorithm).
    let (y, m, d) = (
        d.year as i64,
        d.month.clamp(1, 12) as i64,
        d.day.clamp(1, 31) as i64,
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe
}

/// `needle` occurs in `hay` (both folded) starting and ending at word boundaries.
fn names(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let h = hay.as_bytes();
    hay.match_indices(needle).any(|(i, _)| {
        let end = i + needle.len();
        (i == 0 || !h[i - 1].is_ascii_alphanumeric())
            && (end >= h.len() || !h[end].is_ascii_alphanumeric())
    })
}

/// Posts about talks, and links between items.
#[derive(Debug, Clone, Default)]
pub struct Relations {
    /// For each post, the talks it is about.
    pub about: Vec<Vec<u32>>,
    /// For each talk, the posts written about it.
    pub written_about_in: Vec<Vec<u32>>,
    /// Item → the items its text links to.
    pub links_to: HashMap<ItemRef, Vec<ItemRef>>,
    /// Item → the items whose text links to it.
    pub linked_from: HashMap<ItemRef, Vec<ItemRef>>,
    lookup: Lookup,
}

/// Where the pages, media and files of the archive's items are.
#[derive(Debug, Clone, Default)]
struct Lookup {
    path: FastMap<String, ItemRef>,
    slug: FastMap<String, Vec<ItemRef>>,
    talk_url: FastMap<String, Vec<u32>>,
    video: FastMap<String, Vec<u32>>,
    file: FastMap<String, Vec<u32>>,
    stem: FastMap<String, Vec<u32>>,
}

impl Lookup {
    fn build(talks: &[Talk], posts: &[Post]) -> Lookup {
        let mut l = Lookup::default();
        let page = |l: &mut Lookup, p: &str, item: ItemRef| {
            let path = page_path(p);
            if path.is_empty() {
                return;
            }
            let slug = slug_of(&path).to_string();
            l.path.entry(path).or_insert(item);
            if telling_slug(&slug) {
                let v = l.slug.entry(slug).or_default();
                if !v.contains(&item) {
                    v.push(item);
                }
            }
        };
        // Each talk's keys in parallel (the folding and allocating), the maps filled after.
        struct Keys {
            urls: Vec<String>,
            videos: Vec<String>,
            files: Vec<(String, String)>,
        }
        use rayon::prelude::*;
        let keys: Vec<Keys> = talks
            .par_iter()
            .map(|t| {
                let mut k = Keys {
                    urls: Vec::new(),
                    videos: Vec::new(),
                    files: Vec::new(),
                };
                for link in &t.links {
                    k.urls.push(url_key(&link.url));
                    k.videos.extend(video_key(&link.url));
                    if link.kind == LinkKind::Slides {
                        let files = std::iter::once(&link.url).chain(link.thumbnail.as_ref());
                        k.files.extend(files.filter_map(|f| file_name(f)));
                    }
                }
                k
            })
            .collect();
        for (i, (t, k)) in talks.iter().zip(keys).enumerate() {
            let i = i as u32;
            page(&mut l, &t.id, ItemRef::Talk(i));
            for u in k.urls {
                l.talk_url.entry(u).or_default().push(i);
            }
            for v in k.videos {
                l.video.entry(v).or_default().push(i);
            }
            for (name, stem) in k.files {
                l.file.entry(name).or_default().push(i);
                if telling_stem(&stem) {
                    l.stem.entry(stem).or_default().push(i);
                }
            }
        }
        for (i, p) in posts.iter().enumerate() {
            let i = i as u32;
            page(&mut l, &p.id, ItemRef::Post(i));
            for a in &p.aliases {
                page(&mut l, a, ItemRef::Post(i));
            }
        }
        for v in l.stem.values_mut().chain(l.file.values_mut()) {
            v.dedup();
        }
        l
    }

    /// The item whose page `link` is, if any.
    fn page(&self, link: &str) -> Option<ItemRef> {
        let path = page_path(link);
        if path.is_empty() {
            return None;
        }
        if let Some(&i) = self.path.get(&path) {
            return Some(i);
        }
        match self.slug.get(slug_of(&path)).map(Vec::as_slice) {
            Some([only]) => Some(*only),
            _ => None,
        }
    }
}

impl Relations {
    pub fn build(archive: &Archive) -> Relations {
        Relations::of(&archive.talks.all(), &archive.posts.all())
    }

    pub fn of(talks: &[Talk], posts: &[Post]) -> Relations {
        let lookup = Lookup::build(talks, posts);
        let mut rel = Relations {
            about: vec![Vec::new(); posts.len()],
            written_about_in: vec![Vec::new(); talks.len()],
            ..Default::default()
        };
        let link = |rel: &mut Relations, from: ItemRef, to: ItemRef| {
            if from == to {
                return;
            }
            let v = rel.links_to.entry(from).or_default();
            if !v.contains(&to) {
                v.push(to);
                rel.linked_from.entry(to).or_default().push(from);
            }
        };
        // Talks by day, for "within days of".
        let mut dated: Vec<(i64, u32)> = talks
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.date.map(|d| (days(d), i as u32)))
            .collect();
        dated.sort_unstable();
        for (pi, p) in posts.iter().enumerate() {
            let me = ItemRef::Post(pi as u32);
            let mut about: Vec<u32> = Vec::new();
            let mut add = |t: u32| {
                if !about.contains(&t) {
                    about.push(t);
                }
            };
            let mut urls = links_in(&p.body_md);
            urls.extend(p.images.iter().cloned());
            urls.extend(p.links.iter().map(|l| l.url.clone()));
            let mut event_urls: HashSet<String> = HashSet::new();
            for u in &urls {
                event_urls.insert(url_key(u));
                if let Some(target) = lookup.page(u) {
                    link(&mut rel, me, target);
                    if let ItemRef::Talk(t) = target {
                        add(t);
                    }
                }
                // A link many talks share (their event's page) says nothing about which one.
                if let Some(ts) = lookup.talk_url.get(&url_key(u))
                    && ts.len() <= EVENT_TALKS_MAX
                {
                    ts.iter().for_each(|&t| add(t));
                }
                if let Some(v) = video_key(u) {
                    for t in lookup.video.get(&v).into_iter().flatten() {
                        add(*t);
                    }
                }
                if let Some((name, stem)) = file_name(u) {
                    for t in lookup.file.get(&name).into_iter().flatten() {
                        add(*t);
                    }
                    if telling_stem(&stem) {
                        for t in lookup.stem.get(&stem).into_iter().flatten() {
                            add(*t);
                        }
                    }
                }
            }
            if let Some(d) = p.date {
                let day = days(d);
                let lo = dated.partition_point(|&(x, _)| x < day - NEAR_DAYS);
                let hi = dated.partition_point(|&(x, _)| x <= day + NEAR_DAYS);
                if lo < hi {
                    let text = fold_query(&format!("{}\n{}", p.title, p.body_md));
                    let mut by_event: HashMap<&str, Vec<u32>> = HashMap::new();
                    for &(_, t) in &dated[lo..hi] {
                        let talk = &talks[t as usize];
                        let title = fold_query(&talk.title);
                        if title.split_whitespace().count() >= 2 && names(&text, title.trim()) {
                            add(t);
                        }
                        if let Some(c) = &talk.conference {
                            let named = (!c.name.is_empty() && c.name.chars().count() >= 4 && {
                                names(&text, fold_query(&c.name).trim())
                            }) || c
                                .url
                                .as_deref()
                                .is_some_and(|u| event_urls.contains(&url_key(u)));
                            if named {
                                by_event.entry(c.name.as_str()).or_default().push(t);
                            }
                        }
                    }
                    for ts in by_event.into_values() {
                        if ts.len() <= EVENT_TALKS_MAX {
                            ts.into_iter().for_each(&mut add);
                        }
                    }
                }
            }
            about.sort_unstable();
            for &t in &about {
                rel.written_about_in[t as usize].push(pi as u32);
            }
            rel.about[pi] = about;
        }
        // Talks' own text can link to other items too (read in parallel: 100,000 abstracts).
        use rayon::prelude::*;
        let talk_links: Vec<(u32, Vec<ItemRef>)> = talks
            .par_iter()
            .enumerate()
            .filter(|(_, t)| {
                t.abstract_md.contains("](")
                    || t.body_md.contains("](")
                    || t.body_md.contains("href")
            })
            .map(|(ti, t)| {
                let targets = links_in(&t.abstract_md)
                    .iter()
                    .chain(&links_in(&t.body_md))
                    .filter_map(|u| lookup.page(u))
                    .collect();
                (ti as u32, targets)
            })
            .collect();
        for (ti, targets) in talk_links {
            for target in targets {
                link(&mut rel, ItemRef::Talk(ti), target);
            }
        }
        // Only the pages are looked up later (`item_for_link`); the maps of talks' links,
        // videos and files served this build alone (60 MB at 100,000 talks).
        rel.lookup = Lookup {
            path: lookup.path,
            slug: lookup.slug,
            ..Lookup::default()
        };
        rel
    }

    /// The item whose page a link points at (its id path, an alias, or a slug only it has),
    /// for opening a link inside a post in the app instead of the browser.
    pub fn item_for_link(&self, link: &str) -> Option<ItemRef> {
        self.lookup.page(link)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_in_table() {
        let cases: &[(&str, &[&str])] = &[
            ("no links", &[]),
            ("see [the slides](/images/a.pdf).", &["/images/a.pdf"]),
            ("at https://example.org/x, then", &["https://example.org/x"]),
            (
                "[t](https://e.org/t/) and <a href=\"../2014/03/x/\">x</a>",
                &["https://e.org/t/", "../2014/03/x/"],
            ),
            (
                "{{< youtube dQw4w9WgXcQ >}}",
                &["https://www.youtube.com/watch?v=dQw4w9WgXcQ"],
            ),
            ("{{< vimeo id=\"12345\" >}}", &["https://vimeo.com/12345"]),
            ("[top](#top) [m](mailto:a@b)", &[]),
            ("<img src='/img/w.png'>", &["/img/w.png"]),
        ];
        for (md, want) in cases {
            assert_eq!(links_in(md), *want, "{md:?}");
        }
    }

    #[test]
    fn video_key_table() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "https://www.youtube.com/watch?v=abc123&t=5",
                Some("yt:abc123"),
            ),
            ("https://youtu.be/abc123?t=5", Some("yt:abc123")),
            ("https://www.youtube.com/embed/abc123", Some("yt:abc123")),
            ("https://vimeo.com/98765", Some("vimeo:98765")),
            (
                "https://player.vimeo.com/video/98765?h=1",
                Some("vimeo:98765"),
            ),
            ("https://vimeo.com/channels", None),
            ("https://example.org/v.mp4", None),
        ];
        for (u, want) in cases {
            assert_eq!(video_key(u).as_deref(), *want, "{u:?}");
        }
    }

    #[test]
    fn page_path_table() {
        let cases: &[(&str, &str)] = &[
            (
                "https://blog.example.org/blog/2013/07/x.html?a=1#b",
                "blog/2013/07/x",
            ),
            ("/blog/2013/07/x/", "blog/2013/07/x"),
            ("../../2013/07/X/index.html", "2013/07/x"),
            ("post/2014/03/back", "post/2014/03/back"),
            ("https://example.org", ""),
        ];
        for (u, want) in cases {
            assert_eq!(page_path(u), *want, "{u:?}");
        }
    }

    #[test]
    fn a_link_to_an_old_url_or_a_slug_finds_its_item() {
        let post = |id: &str, aliases: &[&str]| Post {
            id: id.into(),
            title: id.into(),
            date: None,
            tags: vec![],
            categories: vec![],
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            draft: false,
            summary: String::new(),
            body_md: String::new(),
            images: vec![],
            extra: Default::default(),
            origin: crate::archive::Origin {
                path: "p".into(),
                line: 1,
            },
            links: vec![],
            language: None,
        };
        let archive = Archive {
            posts: vec![
                post(
                    "post/2013/07/dubpug-notes",
                    &["/blog/2013/07/02-dubpug.html"],
                ),
                post("post/2014/01/other-post", &[]),
            ]
            .into(),
            ..Default::default()
        };
        let rel = Relations::build(&archive);
        let cases: &[(&str, Option<ItemRef>)] = &[
            ("/blog/2013/07/02-dubpug", Some(ItemRef::Post(0))),
            (
                "https://example.org/blog/2013/07/02-dubpug.html",
                Some(ItemRef::Post(0)),
            ),
            (
                "https://example.org/blog/2014/01/other-post/",
                Some(ItemRef::Post(1)),
            ),
            ("/post/2014/01/other-post", Some(ItemRef::Post(1))),
            ("https://example.org/about/", None),
        ];
        for (link, want) in cases {
            assert_eq!(rel.item_for_link(link), *want, "{link:?}");
        }
    }

    #[test]
    fn days_counts_calendar_days() {
        let d = |year, month, day| days(Date { year, month, day });
        assert_eq!(d(2014, 3, 1) - d(2014, 2, 28), 1);
        assert_eq!(d(2016, 3, 1) - d(2016, 2, 28), 2);
        assert_eq!(d(2015, 1, 1) - d(2014, 1, 1), 365);
    }
}
