//! The pyvideo.org data layout: one folder per event, its `category.json` naming the event and
//! `videos/*.json` holding one talk each. Pure parsers of one file's text; `load` finds the
//! files. Ids are `event-folder/file-stem`, so stars survive a re-clone of the repository.

use serde_json::{Map, Value};

use super::cache::Items;
use super::error::{Diagnostic, LoadError};
use super::fields::Fields;
use super::fields::speakers_from;
use super::language;
use super::links::{self, push_unique};
use super::model::{Conference, Date, Link, LinkKind, Origin, Speaker, Talk};
use super::rst;

/// The event a talk belongs to, from its folder's `category.json` (or just its folder name).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Event {
    /// The folder's name: the first half of every id.
    pub folder: String,
    pub conference: Conference,
    pub start: Option<Date>,
    pub end: Option<Date>,
}

impl Event {
    /// An event with no (readable) `category.json`: named after its folder.
    pub fn from_folder(folder: &str) -> Event {
        Event {
            folder: folder.to_string(),
            conference: Conference {
                name: folder.to_string(),
                description: None,
                url: None,
            },
            start: None,
            end: None,
        }
    }

    /// A digest of everything a talk takes from its event: a changed `category.json` changes
    /// it, and with it every talk's cache key.
    pub fn digest(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.folder.hash(&mut h);
        self.conference.name.hash(&mut h);
        self.conference.description.hash(&mut h);
        self.conference.url.hash(&mut h);
        self.start.hash(&mut h);
        self.end.hash(&mut h);
        h.finish()
    }
}

/// Short on purpose: it is part of the cache key of each of the event's talks (21,000 keys
/// hashed several times per start), so the folder and a digest stand for the whole event.
impl std::fmt::Debug for Event {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Event({:?}, {:016x})", self.folder, self.digest())
    }
}

/// Names that stand for nobody in particular.
const PLACEHOLDER_SPEAKERS: &[&str] = &[
    "various speakers",
    "various",
    "multiple speakers",
    "several speakers",
    "various artists",
    "unknown",
    "unknown speaker",
    "speaker",
    "tbd",
    "tba",
    "tbc",
    "n/a",
    "na",
    "none",
    "anonymous",
    "?",
];

fn is_placeholder(name: &str) -> bool {
    let n = name.trim().to_lowercase();
    n.is_empty() || PLACEHOLDER_SPEAKERS.contains(&n.as_str())
}

fn json_object<'t>(text: &'t str, path: &str) -> Result<(Map<String, Value>, &'t str), Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(m)) => Ok((m, text)),
        Ok(_) => Err(Diagnostic::error(path, Some(1), LoadError::NotATable)),
        Err(e) => Err(Diagnostic::error(
            path,
            Some(e.line().max(1)),
            LoadError::Json(json_message(&e)),
        )
        .with_column(Some(e.column().max(1)))),
    }
}

/// serde_json's message without its " at line 3 column 4": the diagnostic says where.
pub fn json_message(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    msg.split(" at line ").next().unwrap_or(&msg).to_string()
}

/// The event of `category.json`'s text. A broken file still gives the folder's event, with a
/// warning: its talks are worth more than its title.
pub fn parse_category(text: &str, folder: &str, path: &str) -> (Event, Vec<Diagnostic>) {
    let mut event = Event::from_folder(folder);
    let (map, source) = match json_object(text, path) {
        Ok(v) => v,
        Err(mut d) => {
            d.severity = super::Severity::Warning;
            return (event, vec![d]);
        }
    };
    let mut f = Fields::new(&map, source, 1, path);
    if let Some(title) = f
        .string(&["title", "name"])
        .filter(|t| !t.trim().is_empty())
    {
        event.conference.name = title.trim().to_string();
    }
    event.conference.url = f
        .string(&["url", "website"])
        .filter(|u| !u.trim().is_empty());
    event.conference.description = f
        .string(&["description"])
        .map(|d| rst::to_markdown(&d))
        .filter(|d| !d.is_empty());
    event.start = f.date(&["start_date"]);
    event.end = f.date(&["end_date"]);
    (event, f.diagnostics)
}

/// One talk of `videos/<stem>.json`.
pub fn parse_talk(
    text: &str,
    path: &str,
    event: &Event,
    stem: &str,
) -> Result<(Talk, Vec<Diagnostic>), Diagnostic> {
    let (map, source) = json_object(text, path)?;
    let mut f = Fields::new(&map, source, 1, path);
    let Some(title) = f
        .string(&["title"])
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
    else {
        return Err(Diagnostic::error(
            path,
            Some(1),
            LoadError::Missing { key: "title" },
        ));
    };
    let speakers: Vec<Speaker> = speakers_from(&mut f, &["speakers"])
        .into_iter()
        .filter(|s| !is_placeholder(&s.name))
        .collect();
    let date = recorded(&mut f).or(event.start);
    let language = f
        .string(&["language"])
        .and_then(|l| language::normalize(&l));
    let tags: Vec<String> = f
        .string_list(&["tags"])
        .into_iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let summary = f.string(&["summary"]).unwrap_or_default();
    let description = f.string(&["description"]).unwrap_or_default();
    let abstract_md = abstract_of(&summary, &description);
    let thumbnail = f
        .string(&["thumbnail_url"])
        .filter(|u| u.starts_with("http"));
    let mut links = video_links(&mut f, thumbnail);
    related_links(&mut f, &mut links);
    let duration_min = duration(&mut f);
    let talk = Talk {
        id: format!("{}/{stem}", event.folder),
        title,
        speakers,
        date,
        conference: Some(event.conference.clone()),
        city: None,
        language,
        tags,
        categories: Vec::new(),
        abstract_md,
        body_md: String::new(),
        links,
        extra: f.extra(),
        origin: Origin {
            path: path.to_string(),
            line: 1,
        },
        room: None,
        duration_min,
        session_type: None,
        draft: false,
    };
    Ok((talk, f.diagnostics))
}

/// `parse_talk` as the loader's items.
pub fn parse_items(text: &str, path: &str, event: &Event, stem: &str) -> (Items, Vec<Diagnostic>) {
    match parse_talk(text, path, event, stem) {
        Ok((t, d)) => (Items::Talk(Box::new(t)), d),
        Err(e) => (Items::Nothing, vec![e]),
    }
}

/// `recorded` is a date, or a date and time; a value that is neither is a warning.
fn recorded(f: &mut Fields<'_>) -> Option<Date> {
    match f.raw(&["recorded"]) {
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(_) => f.date(&["recorded"]),
        None => None,
    }
}

/// Summary, then description, as Markdown; the summary is left out when the description
/// already starts with it.
fn abstract_of(summary: &str, description: &str) -> String {
    let s = summary.trim();
    let d = description.trim();
    let d_md = rst::to_markdown(d);
    if s.is_empty() || d.starts_with(s) {
        return d_md;
    }
    let s_md = rst::to_markdown(s);
    if d_md.is_empty() {
        s_md
    } else {
        format!("{s_md}\n\n{d_md}")
    }
}

/// `videos: [{type, url}]`: every one a video link, whatever its host.
fn video_links(f: &mut Fields<'_>, thumbnail: Option<String>) -> Vec<Link> {
    let mut out: Vec<Link> = Vec::new();
    if let Some(Value::Array(items)) = f.raw(&["videos"]) {
        for item in items {
            let url = match item {
                Value::Object(o) => o.get("url").and_then(Value::as_str),
                Value::String(s) => Some(s.as_str()),
                _ => None,
            };
            let Some(url) = url.map(str::trim).filter(|u| u.starts_with("http")) else {
                continue;
            };
            push_unique(
                &mut out,
                Link {
                    kind: LinkKind::Video,
                    url: url.to_string(),
                    thumbnail: None,
                },
            );
        }
    }
    if let Some(first) = out.first_mut() {
        first.thumbnail = thumbnail;
    }
    out
}

/// `related_urls`: plain URLs or `{label, url}`, told apart by what they say they are.
fn related_links(f: &mut Fields<'_>, out: &mut Vec<Link>) {
    let Some(Value::Array(items)) = f.raw(&["related_urls"]) else {
        return;
    };
    for item in items {
        let (url, label) = match item {
            Value::String(s) => (s.as_str(), ""),
            Value::Object(o) => (
                o.get("url").and_then(Value::as_str).unwrap_or(""),
                o.get("label").and_then(Value::as_str).unwrap_or(""),
            ),
            _ => continue,
        };
        if let Some(l) = links::link(url, label) {
            push_unique(out, l);
        }
    }
}

/// `duration` in seconds, as whole minutes (at least one).
fn duration(f: &mut Fields<'_>) -> Option<u32> {
    let secs = match f.raw(&["duration"])? {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    if !(secs > 0.0 && secs < 1e7) {
        return None;
    }
    Some(((secs / 60.0).round() as u32).max(1))
}

/// A repository's housekeeping files (README.rst, CONTRIBUTORS.rst, COPYING.rst…).
const HOUSEKEEPING: &[&str] = &[
    "readme",
    "license",
    "licence",
    "copying",
    "contribut",
    "authors",
    "changelog",
    "changes",
    "history",
    "code_of_conduct",
    "security",
    "notice",
];

/// Files in a pyvideo tree that are not talks and not events (the repository's README,
/// CONTRIBUTORS, NO_PUBLISH.json, hidden files): skipped without a word.
pub fn is_ignored_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    HOUSEKEEPING.iter().any(|h| lower.starts_with(h))
        || lower == "no_publish.json"
        || lower.starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> Event {
        parse_category(
            r#"{"title": "Riverside PyCon 2022", "url": "https://river.example/2022/",
                "start_date": "2022-03-04", "end_date": "2022-03-06",
                "description": "Two days by the ``river``."}"#,
            "riverside-2022",
            "riverside-2022/category.json",
        )
        .0
    }

    fn talk(json: &str) -> Talk {
        parse_talk(json, "riverside-2022/videos/x.json", &event(), "x")
            .unwrap()
            .0
    }

    #[test]
    fn category_fields() {
        let e = event();
        assert_eq!(e.conference.name, "Riverside PyCon 2022");
        assert_eq!(
            e.conference.url.as_deref(),
            Some("https://river.example/2022/")
        );
        assert_eq!(
            e.conference.description.as_deref(),
            Some("Two days by the `river`.")
        );
        assert_eq!(
            e.start.map(|d| d.to_string()).as_deref(),
            Some("2022-03-04")
        );
        assert_eq!(e.end.map(|d| d.to_string()).as_deref(), Some("2022-03-06"));
    }

    #[test]
    fn the_events_key_changes_with_its_category() {
        let a = event();
        let mut b = event();
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        b.conference.name.push('!');
        assert_ne!(format!("{a:?}"), format!("{b:?}"));
        assert!(format!("{a:?}").starts_with("Event(\"riverside-2022\", "));
    }

    #[test]
    fn category_without_title_or_broken_is_the_folder() {
        let (e, d) = parse_category(r#"{"description": "x"}"#, "some-event", "p");
        assert_eq!(e.conference.name, "some-event");
        assert!(d.is_empty());
        let (e, d) = parse_category("{ not json", "some-event", "p");
        assert_eq!(e.conference.name, "some-event");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, super::super::Severity::Warning);
    }

    #[test]
    fn speakers_table() {
        let cases: &[(&str, &[&str])] = &[
            (r#"["Ada Brook"]"#, &["Ada Brook"]),
            (r#"["Various speakers"]"#, &[]),
            (r#"["  tbd ", "Unknown", ""]"#, &[]),
            (r#"["Ana Ruiz", "various"]"#, &["Ana Ruiz"]),
            (r#"[]"#, &[]),
            (r#"null"#, &[]),
        ];
        for (json, want) in cases {
            let t = talk(&format!(r#"{{"title": "T", "speakers": {json}}}"#));
            let names: Vec<&str> = t.speakers.iter().map(|s| s.name.as_str()).collect();
            assert_eq!(names, *want, "{json}");
        }
    }

    #[test]
    fn date_table() {
        let cases = [
            (r#""recorded": "2022-03-05""#, Some("2022-03-05")),
            (
                r#""recorded": "2022-03-05T17:30:00+02:00""#,
                Some("2022-03-05"),
            ),
            (r#""recorded": "2022-03-05 09:00:00""#, Some("2022-03-05")),
            // No date: the event's first day.
            (r#""recorded": null"#, Some("2022-03-04")),
            (r#""recorded": """#, Some("2022-03-04")),
            (r#""x": 1"#, Some("2022-03-04")),
        ];
        for (field, want) in cases {
            let t = talk(&format!(r#"{{"title": "T", {field}}}"#));
            assert_eq!(t.date.map(|d| d.to_string()).as_deref(), want, "{field}");
        }
        let (t, d) = parse_talk(
            r#"{"title": "T", "recorded": "last spring"}"#,
            "p",
            &event(),
            "x",
        )
        .unwrap();
        assert_eq!(t.date.map(|d| d.to_string()).as_deref(), Some("2022-03-04"));
        assert!(matches!(d[0].error, LoadError::BadDate { .. }));
    }

    #[test]
    fn language_table() {
        for (raw, want) in [
            ("eng", Some("en")),
            ("spa", Some("es")),
            ("rus", Some("ru")),
            ("English", Some("en")),
            ("", None),
        ] {
            let t = talk(&format!(r#"{{"title": "T", "language": "{raw}"}}"#));
            assert_eq!(t.language.as_deref(), want, "{raw}");
        }
    }

    #[test]
    fn every_field_of_a_full_talk() {
        let t = talk(
            r#"{
  "title": "  Parsing with generators ",
  "speakers": ["Mirela Dobre"],
  "recorded": "2022-03-05",
  "language": "eng",
  "tags": ["parsing", " ", "generators"],
  "summary": "Lazy parsers.",
  "description": "Lazy parsers.\n\nWe build one with ``yield``.",
  "duration": 1530,
  "thumbnail_url": "https://img.example/t.jpg",
  "videos": [{"type": "youtube", "url": "https://www.youtube.com/watch?v=Qq1"},
             {"type": "mp4", "url": "https://media.example/p.mp4"}],
  "related_urls": ["https://github.com/example/lazy-parse",
                   {"label": "Slides", "url": "https://talks.example/lazy"},
                   {"label": "Event page", "url": "https://river.example/2022/lazy"},
                   {"label": "broken", "url": "not a url"}],
  "copyright_text": "CC BY",
  "slug": "parsing-with-generators",
  "id": 77
}"#,
        );
        assert_eq!(t.id, "riverside-2022/x");
        assert_eq!(t.title, "Parsing with generators");
        assert_eq!(t.speaker_names(), "Mirela Dobre");
        assert_eq!(t.conference_name(), Some("Riverside PyCon 2022"));
        assert_eq!(t.tags, ["parsing", "generators"]);
        // The summary repeats the description's start: said once.
        assert_eq!(t.abstract_md, "Lazy parsers.\n\nWe build one with `yield`.");
        assert_eq!(t.duration_min, Some(26));
        let kinds: Vec<(LinkKind, &str)> =
            t.links.iter().map(|l| (l.kind, l.url.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (LinkKind::Video, "https://www.youtube.com/watch?v=Qq1"),
                (LinkKind::Video, "https://media.example/p.mp4"),
                (LinkKind::Code, "https://github.com/example/lazy-parse"),
                (LinkKind::Slides, "https://talks.example/lazy"),
                (LinkKind::Web, "https://river.example/2022/lazy"),
            ]
        );
        assert_eq!(
            t.links[0].thumbnail.as_deref(),
            Some("https://img.example/t.jpg")
        );
        let extra: Vec<&str> = t.extra.keys().map(String::as_str).collect();
        assert_eq!(extra, ["copyright_text", "id", "slug"]);
    }

    #[test]
    fn summary_and_description_both_kept_when_different() {
        let t = talk(r#"{"title": "T", "summary": "Short.", "description": "Long text."}"#);
        assert_eq!(t.abstract_md, "Short.\n\nLong text.");
        let t = talk(r#"{"title": "T", "summary": "Only this.", "description": null}"#);
        assert_eq!(t.abstract_md, "Only this.");
    }

    #[test]
    fn errors_name_the_problem() {
        let e = parse_talk(r#"{"speakers": []}"#, "p", &event(), "x").unwrap_err();
        assert_eq!(e.error, LoadError::Missing { key: "title" });
        let e = parse_talk("{\n  \"title\": ,\n}", "p", &event(), "x").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(matches!(e.error, LoadError::Json(_)));
        let e = parse_talk("[1, 2]", "p", &event(), "x").unwrap_err();
        assert_eq!(e.error, LoadError::NotATable);
    }

    #[test]
    fn ignored_files() {
        for name in [
            "README.md",
            "readme.rst",
            "NO_PUBLISH.json",
            "LICENSE",
            ".schemas",
        ] {
            assert!(is_ignored_file(name), "{name}");
        }
        assert!(!is_ignored_file("category.json"));
    }
}
