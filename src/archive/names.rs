//! File-name rules shared by the detection (`source`) and the Hugo loader: extensions, stems,
//! the language of a translation (`index.fr.md`) and content ids. Pure functions on
//! `/`-separated paths.

/// Lowercased extension of a `/`-separated path.
pub fn extension(path: &str) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rfind('.') {
        Some(i) if i > 0 => Some(name[i + 1..].to_ascii_lowercase()),
        _ => None,
    }
}

pub fn is_markdown(path: &str) -> bool {
    matches!(extension(path).as_deref(), Some("md" | "markdown"))
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

pub fn file_stem(path: &str) -> &str {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn split_lang_table() {
        let cases = [
            ("index.fr", ("index", Some("fr"))),
            ("post.pt-br", ("post", Some("pt-br"))),
            ("post.zh_hans", ("post", Some("zh_hans"))),
            ("a.b", ("a.b", None)),
            ("notes.old", ("notes.old", None)),
            ("v1.2", ("v1.2", None)),
            ("plain", ("plain", None)),
        ];
        for (stem, want) in cases {
            assert_eq!(split_lang(stem), want, "{stem}");
        }
    }
}
