//! Hugo shortcodes in a page body (`{{< youtube id >}}`, `{{% figure … %}}`), turned into the
//! Markdown a reader would have seen on the published page, plus the links they embed. No raw
//! `{{< … >}}` survives: a known shortcode becomes its link, image or code; an unknown one with
//! a closing tag leaves its inner text, an unknown single one is dropped.

use crate::archive::fields::{resolve_url, video_link};
use crate::archive::model::{Link, LinkKind};

/// A body with its shortcodes expanded, and the links they named.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expanded {
    pub text: String,
    pub links: Vec<Link>,
}

/// One shortcode tag: `{{< name args >}}` or `{{% name args %}}`, or its closing `{{< /name >}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Tag<'a> {
    name: String,
    closing: bool,
    /// Ends with `/>}}`: self-closing, no closing tag follows.
    self_closing: bool,
    positional: Vec<String>,
    named: Vec<(String, String)>,
    /// Byte range of the whole tag in the text.
    start: usize,
    end: usize,
    /// `{{</* … */>}}`: Hugo shows the tag itself, as text.
    escaped: Option<&'a str>,
}

impl Tag<'_> {
    fn arg(&self, key: &str, pos: usize) -> Option<&str> {
        self.named
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
            .or_else(|| self.positional.get(pos).map(String::as_str))
            .filter(|v| !v.trim().is_empty())
    }
}

/// The next tag at or after `from`.
fn next_tag(text: &str, from: usize) -> Option<Tag<'_>> {
    let mut at = from;
    loop {
        let rel = text.get(at..)?.find("{{")?;
        let start = at + rel;
        let after = &text[start + 2..];
        let (close, inner_start) = if after.starts_with('<') {
            (">}}", start + 3)
        } else if after.starts_with('%') {
            ("%}}", start + 3)
        } else {
            at = start + 2;
            continue;
        };
        let end_rel = text[inner_start..].find(close)?;
        let inner = &text[inner_start..inner_start + end_rel];
        let end = inner_start + end_rel + close.len();
        let trimmed = inner.trim();
        if let Some(esc) = trimmed
            .strip_prefix("/*")
            .and_then(|s| s.strip_suffix("*/"))
        {
            return Some(Tag {
                name: String::new(),
                closing: false,
                self_closing: true,
                positional: Vec::new(),
                named: Vec::new(),
                start,
                end,
                escaped: Some(esc.trim()),
            });
        }
        let (self_closing, trimmed) = match trimmed.strip_suffix('/') {
            Some(t) => (true, t.trim_end()),
            None => (false, trimmed),
        };
        let (closing, trimmed) = match trimmed.strip_prefix('/') {
            Some(t) => (true, t.trim_start()),
            None => (false, trimmed),
        };
        let mut words = split_args(trimmed).into_iter();
        let name = words.next().unwrap_or_default().to_lowercase();
        let mut positional = Vec::new();
        let mut named = Vec::new();
        for w in words {
            match w.split_once('=') {
                Some((k, v)) if !k.is_empty() && !k.contains(['"', '`', ' ']) => {
                    named.push((k.to_string(), unquote(v)));
                }
                _ => positional.push(unquote(&w)),
            }
        }
        return Some(Tag {
            name,
            closing,
            self_closing,
            positional,
            named,
            start,
            end,
            escaped: None,
        });
    }
}

/// Words separated by spaces, keeping quoted runs (`"a b"`, `` `a b` ``) whole.
fn split_args(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    for c in s.chars() {
        match quote {
            Some(q) if c == q => {
                quote = None;
                cur.push(c);
            }
            Some(_) => cur.push(c),
            None if c == '"' || c == '`' => {
                quote = Some(c);
                cur.push(c);
            }
            None if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            None => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    for q in ['"', '`', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return s[1..s.len() - 1].to_string();
        }
    }
    s.to_string()
}

/// Shortcodes that never take inner text: no closing tag is looked for (which also keeps a
/// body full of them linear to expand).
const NEVER_PAIRED: &[&str] = &[
    "youtube",
    "vimeo",
    "figure",
    "ref",
    "relref",
    "gist",
    "tweet",
    "x",
    "twitter",
    "instagram",
    "speakerdeck",
    "slideshare",
    "param",
    "img",
    "image",
];

/// How deep paired shortcodes are expanded inside one another; deeper ones keep their text.
const MAX_NESTING: usize = 16;

/// Every tag of `text`, in order: one pass.
fn all_tags(text: &str) -> Vec<Tag<'_>> {
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(t) = next_tag(text, at) {
        at = t.end;
        tags.push(t);
    }
    tags
}

/// For each opening tag, the index of its closing tag (same name, properly nested): one pass
/// with a stack per name, so a body full of shortcodes stays linear to expand.
fn match_pairs(tags: &[Tag<'_>]) -> Vec<Option<usize>> {
    let mut pairs = vec![None; tags.len()];
    let mut open: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, t) in tags.iter().enumerate() {
        if t.escaped.is_some() {
            continue;
        }
        if t.closing {
            if let Some(o) = open.get_mut(t.name.as_str()).and_then(Vec::pop) {
                pairs[o] = Some(i);
            }
        } else if !t.self_closing && !NEVER_PAIRED.contains(&t.name.as_str()) {
            open.entry(t.name.as_str()).or_default().push(i);
        }
    }
    pairs
}

/// Expand every shortcode of `body`. `base` is the site's `baseURL`, for `ref` and site paths.
pub fn expand(body: &str, base: Option<&str>) -> Expanded {
    let tags = all_tags(body);
    let x = Expander {
        text: body,
        pairs: match_pairs(&tags),
        tags,
        base,
    };
    let mut out = Expanded::default();
    x.range(0, body.len(), 0..x.tags.len(), &mut out, 0);
    super::links::dedupe(&mut out.links);
    out
}

struct Expander<'t> {
    text: &'t str,
    tags: Vec<Tag<'t>>,
    pairs: Vec<Option<usize>>,
    base: Option<&'t str>,
}

impl Expander<'_> {
    /// The text from byte `from` to `to`, whose tags are `tags`, expanded into `out`.
    fn range(
        &self,
        from: usize,
        to: usize,
        tags: std::ops::Range<usize>,
        out: &mut Expanded,
        depth: usize,
    ) {
        let mut at = from;
        let mut k = tags.start;
        while k < tags.end {
            let tag = &self.tags[k];
            out.text.push_str(&self.text[at..tag.start]);
            at = tag.end;
            k += 1;
            if let Some(esc) = tag.escaped {
                // Hugo prints an escaped shortcode as written, without the comment marks.
                out.text.push_str(esc);
                continue;
            }
            if tag.closing {
                continue;
            }
            match self.pairs[k - 1].filter(|c| *c < tags.end) {
                Some(c) if depth < MAX_NESTING => {
                    let close = &self.tags[c];
                    let inner = &self.text[tag.end..close.start];
                    self.render(tag, Some((inner, k..c)), out, depth);
                    at = close.end;
                    k = c + 1;
                }
                Some(c) => {
                    // Too deep: the inner text, its tags left out.
                    let close = &self.tags[c];
                    let mut from = tag.end;
                    for t in &self.tags[k..c] {
                        out.text.push_str(&self.text[from..t.start]);
                        from = t.end;
                    }
                    out.text.push_str(&self.text[from..close.start]);
                    at = close.end;
                    k = c + 1;
                }
                None => self.render(tag, None, out, depth),
            }
        }
        out.text.push_str(&self.text[at..to]);
    }

    fn render(
        &self,
        tag: &Tag<'_>,
        inner: Option<(&str, std::ops::Range<usize>)>,
        out: &mut Expanded,
        depth: usize,
    ) {
        let base = self.base;
        let name = tag.name.as_str();
        match name {
            "youtube" | "vimeo" => {
                if let Some(id) = tag.arg("id", 0) {
                    let link = video_link(id, name);
                    let label = if name == "vimeo" { "Vimeo" } else { "YouTube" };
                    let title = tag.arg("title", usize::MAX).unwrap_or("Video");
                    out.text
                        .push_str(&format!("[▶ {title} on {label}]({})", link.url));
                    push_link(out, link);
                }
            }
            "figure" | "img" | "image" => {
                if let Some(src) = tag.arg("src", 0) {
                    let alt = tag
                        .arg("caption", usize::MAX)
                        .or_else(|| tag.arg("alt", usize::MAX))
                        .or_else(|| tag.arg("title", usize::MAX))
                        .unwrap_or("");
                    out.text.push_str(&format!("![{alt}]({src})"));
                }
            }
            "ref" | "relref" => {
                if let Some(target) = tag.arg("path", 0) {
                    out.text.push_str(&ref_url(target, base));
                }
            }
            "speakerdeck" | "slideshare" => {
                if let Some(id) = tag.arg("id", 0) {
                    let url = if name == "speakerdeck" {
                        speakerdeck_url(id)
                    } else {
                        slideshare_url(id)
                    };
                    out.text.push_str(&format!("[Slides]({url})"));
                    push_link(
                        out,
                        Link {
                            kind: LinkKind::Slides,
                            url,
                            thumbnail: None,
                        },
                    );
                }
            }
            "gist" => {
                if let (Some(user), Some(id)) = (tag.arg("user", 0), tag.arg("id", 1)) {
                    let url = format!("https://gist.github.com/{user}/{id}");
                    out.text.push_str(&format!("[gist {id}]({url})"));
                    push_link(out, web(url));
                }
            }
            "tweet" | "x" | "twitter" => {
                let id = tag.arg("id", 1).or_else(|| tag.arg("id", 0));
                if let Some(id) = id {
                    let user = tag.arg("user", 0).filter(|u| *u != id).unwrap_or("i");
                    let url = format!("https://twitter.com/{user}/status/{id}");
                    out.text.push_str(&format!("[Tweet]({url})"));
                    push_link(out, web(url));
                }
            }
            "instagram" => {
                if let Some(id) = tag.arg("id", 0) {
                    let url = format!("https://www.instagram.com/p/{id}/");
                    out.text.push_str(&format!("[Instagram post]({url})"));
                    push_link(out, web(url));
                }
            }
            "highlight" | "code" => {
                if let Some((inner, _)) = inner {
                    let lang = tag.arg("lang", 0).unwrap_or("");
                    let code = inner.trim_matches('\n');
                    out.text.push_str(&format!("```{lang}\n{code}\n```"));
                }
            }
            _ => {
                if let Some((inner, tags)) = inner {
                    // A pair keeps its inner text (notes, details, columns), itself expanded.
                    let from = inner.as_ptr() as usize - self.text.as_ptr() as usize;
                    self.range(from, from + inner.len(), tags, out, depth + 1);
                }
            }
        }
    }
}

/// Repeats are dropped once, at the end of `expand` (a body can embed thousands).
fn push_link(out: &mut Expanded, link: Link) {
    out.links.push(link);
}

fn web(url: String) -> Link {
    Link {
        kind: LinkKind::Web,
        url,
        thumbnail: None,
    }
}

/// Where Hugo publishes the page a `ref` names: `posts/x.md`, `/posts/x/index.md` and
/// `posts/x` all become `<baseURL>/posts/x/`. An anchor (`x.md#part`) is kept.
pub fn ref_url(target: &str, base: Option<&str>) -> String {
    let (path, anchor) = match target.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (target, None),
    };
    let mut p = path.trim().trim_start_matches('/').to_string();
    for ext in [".md", ".markdown", ".html"] {
        if let Some(s) = p.strip_suffix(ext) {
            p = s.to_string();
        }
    }
    for index in ["/_index", "/index", "_index", "index"] {
        if let Some(s) = p.strip_suffix(index) {
            p = s.to_string();
            break;
        }
    }
    let p = p.trim_matches('/').to_lowercase();
    let mut url = if p.is_empty() {
        resolve_url("/", base)
    } else {
        resolve_url(&format!("/{p}/"), base)
    };
    if let Some(a) = anchor {
        url.push('#');
        url.push_str(a);
    }
    url
}

/// A Speaker Deck id or path as the deck's URL: `user/deck` → the deck's page, an embed id
/// (32 hex digits, as the shortcode takes) → its player.
pub fn speakerdeck_url(id: &str) -> String {
    let id = id.trim().trim_matches('/');
    if id.contains("://") {
        id.to_string()
    } else if id.contains('/') {
        format!("https://speakerdeck.com/{id}")
    } else {
        format!("https://speakerdeck.com/player/{id}")
    }
}

/// A SlideShare id or path as its URL: `user/deck` → the deck's page, a number → its embed.
pub fn slideshare_url(id: &str) -> String {
    let id = id.trim().trim_matches('/');
    if id.contains("://") {
        id.to_string()
    } else if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) {
        format!("https://www.slideshare.net/slideshow/embed_code/{id}")
    } else {
        format!("https://www.slideshare.net/{id}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: Option<&str> = Some("https://s.example");

    #[test]
    fn shortcode_table() {
        // (body, expanded text)
        let cases = [
            (
                "Watch: {{< youtube dQw4w9WgXcQ >}}",
                "Watch: [▶ Video on YouTube](https://www.youtube.com/watch?v=dQw4w9WgXcQ)",
            ),
            (
                "{{< youtube id=\"abc\" title=\"The talk\" >}}",
                "[▶ The talk on YouTube](https://www.youtube.com/watch?v=abc)",
            ),
            (
                "{{< vimeo 146022717 >}}",
                "[▶ Video on Vimeo](https://vimeo.com/146022717)",
            ),
            (
                "{{< figure src=\"/img/a.png\" caption=\"The room\" >}}",
                "![The room](/img/a.png)",
            ),
            (
                "See [this]({{< ref \"post/x.md\" >}}) and {{< relref \"/talks/y/index.md#q\" >}}",
                "See [this](https://s.example/post/x/) and https://s.example/talks/y/#q",
            ),
            (
                "{{< speakerdeck 4e8126e72d853c0060001f97 >}}",
                "[Slides](https://speakerdeck.com/player/4e8126e72d853c0060001f97)",
            ),
            (
                "{{< gist spf13 7896402 >}}",
                "[gist 7896402](https://gist.github.com/spf13/7896402)",
            ),
            (
                "{{< tweet user=\"x\" id=\"1\" >}}",
                "[Tweet](https://twitter.com/x/status/1)",
            ),
            (
                "{{< highlight sql >}}\nselect 1;\n{{< /highlight >}}",
                "```sql\nselect 1;\n```",
            ),
            (
                "{{% note %}}Mind the **gap**.{{% /note %}}",
                "Mind the **gap**.",
            ),
            ("a {{< toc >}} b", "a  b"),
            ("a {{< param \"x\" />}} b", "a  b"),
            (
                "{{< details \"x\" >}}in {{< vimeo 1 >}}{{< /details >}}",
                "in [▶ Video on Vimeo](https://vimeo.com/1)",
            ),
            ("code: {{</* youtube x */>}}", "code: youtube x"),
            (
                "no shortcode {{ .Title }} here",
                "no shortcode {{ .Title }} here",
            ),
            ("unclosed {{< youtube", "unclosed {{< youtube"),
        ];
        for (body, want) in cases {
            assert_eq!(expand(body, BASE).text, want, "{body:?}");
        }
    }

    #[test]
    fn embedded_videos_and_slides_become_links() {
        let e = expand(
            "{{< youtube a >}} {{< youtube a >}} {{< vimeo 2 >}} {{< slideshare 123 >}}",
            BASE,
        );
        let kinds: Vec<(LinkKind, &str)> =
            e.links.iter().map(|l| (l.kind, l.url.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (LinkKind::Video, "https://www.youtube.com/watch?v=a"),
                (LinkKind::Video, "https://vimeo.com/2"),
                (
                    LinkKind::Slides,
                    "https://www.slideshare.net/slideshow/embed_code/123"
                ),
            ]
        );
    }

    #[test]
    fn service_urls() {
        assert_eq!(
            speakerdeck_url("jdoe/my-deck"),
            "https://speakerdeck.com/jdoe/my-deck"
        );
        assert_eq!(
            slideshare_url("jdoe/my-deck"),
            "https://www.slideshare.net/jdoe/my-deck"
        );
        assert_eq!(slideshare_url("https://x.example/d"), "https://x.example/d");
    }
}
