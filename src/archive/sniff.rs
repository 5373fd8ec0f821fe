//! What a file that no loader took looks like, in a few words, so `talks check` can say why it
//! was passed over ("a JSON object with keys title, speakers, videos"). Pure; looks at text
//! only, and at most a bounded prefix of it.

use serde_json::Value;

use super::pyvideo;

/// Extensions of files that might have been meant as an archive: the ones worth a word when
/// nothing could read them. Images, code and the like are passed over silently.
const CANDIDATES: &[&str] = &[
    "json", "xml", "md", "markdown", "rst", "txt", "yaml", "yml", "csv", "html", "htm",
];

/// Whether a file of this name, found while walking and taken by no loader, deserves a note.
pub fn worth_a_note(name: &str) -> bool {
    if pyvideo::is_ignored_file(name) {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    lower
        .rsplit_once('.')
        .is_some_and(|(_, ext)| CANDIDATES.contains(&ext))
}

/// A few words on what `text` (the content of a file with extension `ext`) looks like.
pub fn describe(text: &str, ext: &str) -> String {
    let t = text.trim_start_matches('\u{feff}').trim();
    if t.is_empty() {
        return "an empty file".into();
    }
    match ext {
        "json" => describe_json(t),
        "xml" | "html" | "htm" => describe_xml(t),
        "md" | "markdown" if t.starts_with("+++") || t.starts_with("---") => {
            "Markdown with front matter, outside a Hugo site's content folder".into()
        }
        "md" | "markdown" => "Markdown without front matter".into(),
        _ if looks_like_archive_page(t) => {
            "a saved talks-archive page (convert it with `talks import archive-page`)".into()
        }
        _ => format!("{} line(s) of text", t.lines().count()),
    }
}

fn describe_json(t: &str) -> String {
    match serde_json::from_str::<Value>(t) {
        Ok(Value::Object(m)) => {
            if m.contains_key("title") && (m.contains_key("videos") || m.contains_key("speakers")) {
                return "a pyvideo talk outside an event's videos/ folder".into();
            }
            if m.contains_key("title") && m.len() <= 6 && !m.contains_key("schedule") {
                return "a pyvideo category.json without a videos/ folder beside it".into();
            }
            let keys: Vec<&str> = m.keys().take(5).map(String::as_str).collect();
            let more = if m.len() > 5 { ", …" } else { "" };
            format!("a JSON object with keys {}{more}", keys.join(", "))
        }
        Ok(Value::Array(a)) => format!("a JSON list of {} item(s)", a.len()),
        Ok(_) => "a single JSON value".into(),
        Err(e) => format!("broken JSON ({})", pyvideo::json_message(&e)),
    }
}

fn describe_xml(t: &str) -> String {
    // The first element's name, past the declaration, comments and a DOCTYPE.
    let mut rest = t;
    for _ in 0..16 {
        let Some(i) = rest.find('<') else { break };
        rest = &rest[i + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .take(40)
            .collect();
        if !name.is_empty() {
            return format!("XML whose root is <{name}>, not a frab <schedule>");
        }
    }
    "text that is not XML".into()
}

fn looks_like_archive_page(t: &str) -> bool {
    let head: String = t.chars().take(4000).collect();
    head.lines().take(10).any(|l| {
        let l = l.trim().to_lowercase();
        l == "talks archive" || l == "архив докладов"
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_table() {
        let cases = [
            ("", "json", "an empty file"),
            (
                r#"{"title": "T", "speakers": []}"#,
                "json",
                "a pyvideo talk outside an event's videos/ folder",
            ),
            (
                r#"{"name": "x", "version": "1", "dependencies": {}, "a": 1, "b": 2, "c": 3, "d": 4}"#,
                "json",
                "a JSON object with keys a, b, c, d, dependencies, …",
            ),
            ("[1, 2]", "json", "a JSON list of 2 item(s)"),
            ("{", "json", "broken JSON (EOF while parsing an object)"),
            (
                "<?xml version='1.0'?>\n<!-- feed -->\n<rss><channel/></rss>",
                "xml",
                "XML whose root is <rss>, not a frab <schedule>",
            ),
            ("# Notes\n\nhello", "md", "Markdown without front matter"),
            (
                "Postrelease\nTalks\nTalks archive\n-\nName Company text",
                "txt",
                "a saved talks-archive page (convert it with `talks import archive-page`)",
            ),
            ("a\nb\n", "txt", "2 line(s) of text"),
        ];
        for (text, ext, want) in cases {
            assert_eq!(describe(text, ext), want, "{text:?}");
        }
    }

    #[test]
    fn which_files_get_a_note() {
        for (name, want) in [
            ("notes.json", true),
            ("feed.xml", true),
            ("page.txt", true),
            ("README.md", false),
            ("NO_PUBLISH.json", false),
            ("photo.jpg", false),
            ("script.py", false),
            ("LICENSE", false),
        ] {
            assert_eq!(worth_a_note(name), want, "{name}");
        }
    }
}
