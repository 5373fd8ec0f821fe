//! Telling links apart: slides, code, video or a plain page, from what the URL or its label
//! says. Used by the conference-format loaders, whose sources list links without a kind.
//! Pure; no I/O.

use super::model::{Link, LinkKind};

/// Hosts whose pages are videos.
const VIDEO_HOSTS: &[&str] = &[
    "youtube.com",
    "youtu.be",
    "vimeo.com",
    "media.ccc.de",
    "archive.org",
    "dailymotion.com",
    "peertube",
    "bilibili.com",
    "rutube.ru",
];
const VIDEO_EXTENSIONS: &[&str] = &[".mp4", ".webm", ".ogv", ".ogg", ".mkv", ".mov", ".m4v"];
const SLIDE_HOSTS: &[&str] = &[
    "slideshare.net",
    "speakerdeck.com",
    "slides.com",
    "docs.google.com/presentation",
    "prezi.com",
];
const SLIDE_EXTENSIONS: &[&str] = &[".pdf", ".ppt", ".pptx", ".key", ".odp"];
const CODE_HOSTS: &[&str] = &[
    "github.com",
    "gitlab.com",
    "bitbucket.org",
    "codeberg.org",
    "sr.ht",
    "gist.github.com",
    "nbviewer",
    "git.",
];

/// The kind of a link, from its label first (a person wrote it) and then its URL.
pub fn classify(url: &str, label: &str) -> LinkKind {
    let label = label.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| label.contains(w));
    if has(&[
        "slide",
        "deck",
        "presentation",
        "folien",
        "слайд",
        "презентац",
    ]) {
        return LinkKind::Slides;
    }
    if has(&[
        "code", "repo", "source", "github", "gitlab", "notebook", "код",
    ]) {
        return LinkKind::Code;
    }
    if has(&["video", "recording", "видео", "запись"]) {
        return LinkKind::Video;
    }
    let u = url.to_lowercase();
    // The path without query or fragment, for extension checks.
    let path = u.split(['?', '#']).next().unwrap_or(&u);
    if VIDEO_HOSTS.iter().any(|h| u.contains(h))
        || VIDEO_EXTENSIONS.iter().any(|e| path.ends_with(e))
    {
        return LinkKind::Video;
    }
    if SLIDE_HOSTS.iter().any(|h| u.contains(h))
        || SLIDE_EXTENSIONS.iter().any(|e| path.ends_with(e))
        || path.contains("/slides")
        || u.contains("://slides.")
    {
        return LinkKind::Slides;
    }
    if CODE_HOSTS.iter().any(|h| u.contains(h))
        || path.ends_with(".git")
        || path.ends_with(".ipynb")
    {
        return LinkKind::Code;
    }
    LinkKind::Web
}

/// A link of the kind its URL and label say; `None` for an empty or non-web URL.
pub fn link(url: &str, label: &str) -> Option<Link> {
    let url = url.trim();
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return None;
    }
    Some(Link {
        kind: classify(url, label),
        url: url.to_string(),
        thumbnail: None,
    })
}

/// Add `link` unless the same URL is already there.
pub fn push_unique(links: &mut Vec<Link>, link: Link) {
    if !links.iter().any(|l| l.url == link.url) {
        links.push(link);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_table() {
        let cases = [
            (
                "https://slides.example/typing.pdf",
                "slides",
                LinkKind::Slides,
            ),
            ("https://example.org/a", "Slides", LinkKind::Slides),
            ("https://example.org/talk.pdf", "", LinkKind::Slides),
            ("https://example.org/x.pdf?dl=1", "", LinkKind::Slides),
            (
                "https://www.slideshare.net/someone/deck",
                "",
                LinkKind::Slides,
            ),
            ("https://speakerdeck.com/x/y", "", LinkKind::Slides),
            ("https://github.com/example/generators", "", LinkKind::Code),
            (
                "https://git.example/mesh-configs",
                "Configs",
                LinkKind::Code,
            ),
            ("https://example.org/repo", "Source code", LinkKind::Code),
            ("https://www.youtube.com/watch?v=abc", "", LinkKind::Video),
            ("https://media.example/lightning.mp4", "", LinkKind::Video),
            ("https://media.ccc.de/v/hc24-101", "", LinkKind::Video),
            (
                "https://pyday.example/2019/talks/x/",
                "Talk page",
                LinkKind::Web,
            ),
            ("https://example.org/", "", LinkKind::Web),
        ];
        for (url, label, want) in cases {
            assert_eq!(classify(url, label), want, "{url} {label:?}");
        }
    }

    #[test]
    fn only_web_urls_become_links() {
        assert!(link("ftp://x/y", "").is_none());
        assert!(link("  ", "").is_none());
        assert!(link("javascript:alert(1)", "").is_none());
        assert_eq!(
            link(" https://a.example/ ", "").unwrap().url,
            "https://a.example/"
        );
    }
}
