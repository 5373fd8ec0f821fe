//! The native archive format: one TOML file per conference, a `[conference]` table and
//! `[[talk]]` entries. Parsing is a pure function; `write_native` produces the same format.

use std::collections::HashMap;

use serde_json::Value;

use super::error::{Diagnostic, LoadError};
use super::fields::{Fields, resolve_url, speakers_from, video_link};
use super::front_matter::{Format, parse_front_matter};
use super::model::{Conference, Date, Link, LinkKind, Origin, Speaker, Talk};

/// The talks of one native file and the warnings about them.
pub type Parsed = (Vec<Talk>, Vec<Diagnostic>);

/// Talks of one native file. `Ok(None)` when the TOML holds neither `[conference]` nor `[[talk]]`
/// (some other TOML file, such as a site config, found while walking a folder).
///
/// A file in the common shape is read from the parser's events (`native_fast`); any other
/// (and every file with something to report) the general way, through a tree of values.
pub fn parse_native(text: &str, path: &str, file_stem: &str) -> Result<Option<Parsed>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match super::native_fast::parse(text, path, file_stem) {
        Some(parsed) => Ok(Some(parsed)),
        None => parse_general(text, path, file_stem),
    }
}

/// `parse_native` through a tree of values (a TOML table, then a JSON map that `Fields` reads
/// leniently): every shape, with a message for each problem. `text` has no byte order mark.
pub(super) fn parse_general(
    text: &str,
    path: &str,
    file_stem: &str,
) -> Result<Option<Parsed>, Diagnostic> {
    let map = parse_front_matter(Format::Toml, text, 1)
        .map_err(|e| Diagnostic::error(path, Some(e.line), e.error).with_column(e.column))?;
    if !map.contains_key("conference") && !map.contains_key("talk") {
        return Ok(None);
    }
    let mut diags = Vec::new();
    let sections = talk_sections(text);
    let conf_src = section_text(text, "[conference]");
    let conf_map = match map.get("conference") {
        Some(Value::Object(o)) => o.clone(),
        Some(_) => {
            diags.push(Diagnostic::warning(
                path,
                None,
                LoadError::WrongType {
                    key: "conference".into(),
                    expected: "a [conference] table",
                    found: "something else".into(),
                },
            ));
            serde_json::Map::new()
        }
        None => serde_json::Map::new(),
    };
    let (conf_first, conf_text) = conf_src.unwrap_or((1, ""));
    let mut cf = Fields::new(&conf_map, conf_text, conf_first, path);
    let conference = cf.string(&["name"]).map(|name| Conference {
        name,
        description: None,
        url: None,
    });
    let conference = conference.map(|mut c| {
        c.description = cf.string(&["description"]);
        c.url = cf.string(&["url"]);
        c
    });
    let conf_city = cf.string(&["city"]);
    let conf_date = cf.date(&["date", "start_date"]);
    cf.date(&["end_date"]);
    let conf_lang = cf.string(&["language"]);
    let conf_tags = cf.string_list(&["tags"]);
    diags.append(&mut cf.diagnostics);

    let entries: &[Value] = match map.get("talk") {
        Some(Value::Array(a)) => a,
        Some(_) => {
            diags.push(Diagnostic::error(
                path,
                None,
                LoadError::WrongType {
                    key: "talk".into(),
                    expected: "[[talk]] tables",
                    found: "something else".into(),
                },
            ));
            &[]
        }
        None => &[],
    };
    let mut talks = Vec::with_capacity(entries.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        let (line, src) = sections.get(i).copied().unwrap_or((1, ""));
        let Value::Object(tm) = entry else {
            diags.push(Diagnostic::error(path, Some(line), LoadError::NotATable));
            continue;
        };
        let mut f = Fields::new(tm, src, line + 1, path);
        let Some(title) = f.string(&["title"]).filter(|t| !t.trim().is_empty()) else {
            diags.push(Diagnostic::error(
                path,
                Some(line),
                LoadError::Missing { key: "title" },
            ));
            diags.append(&mut f.diagnostics);
            continue;
        };
        let slug = f
            .string(&["id"])
            .map(|s| slugify(&s))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| slugify(&title));
        let slug = if slug.is_empty() {
            format!("talk-{}", i + 1)
        } else {
            slug
        };
        let mut id = format!("{file_stem}/{slug}");
        let n = seen.entry(id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            diags.push(Diagnostic::warning(
                path,
                Some(line),
                LoadError::DuplicateId {
                    id: id.clone(),
                    other: "an earlier [[talk]] in this file".into(),
                },
            ));
            id = format!("{id}-{n}");
        }
        let speakers: Vec<Speaker> = speakers_from(&mut f, &["speakers", "speaker"]);
        let date: Option<Date> = f.date(&["date"]).or(conf_date);
        let mut tags = f.string_list(&["tags"]);
        if tags.is_empty() {
            tags = conf_tags.clone();
        }
        let categories = f.string_list(&["categories"]);
        let language = f
            .string(&["language", "lang"])
            .or_else(|| conf_lang.clone());
        let city = f.string(&["city"]).or_else(|| conf_city.clone());
        let abstract_md = f.string(&["abstract", "summary"]).unwrap_or_default();
        let body_md = f.string(&["body", "notes"]).unwrap_or_default();
        let links = native_links([
            f.strings(&["slides"]),
            f.strings(&["video"]),
            f.strings(&["youtube"]),
            f.strings(&["vimeo"]),
            f.strings(&["web"]),
        ]);
        diags.append(&mut f.diagnostics);
        talks.push(Talk {
            id,
            title,
            speakers,
            date,
            conference: conference.clone(),
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
                line,
            },
            draft: false,
            room: None,
            duration_min: None,
            session_type: None,
        });
    }
    Ok(Some((talks, diags)))
}

/// A talk's links from its `slides` ("thumbnail; document" or a document), `video` and
/// `youtube` (ids or URLs), `vimeo` and `web` values, in that order.
pub(super) fn native_links([slides, video, youtube, vimeo, web]: [Vec<String>; 5]) -> Vec<Link> {
    let mut links =
        Vec::with_capacity(slides.len() + video.len() + youtube.len() + vimeo.len() + web.len());
    for v in slides {
        let (thumbnail, doc) = match v.split_once(';') {
            Some((t, d)) => (Some(t.trim().to_string()), d.trim().to_string()),
            None => (None, v),
        };
        links.push(Link {
            kind: LinkKind::Slides,
            url: resolve_url(&doc, None),
            thumbnail,
        });
    }
    for (ids, service) in [(video, "youtube"), (youtube, "youtube"), (vimeo, "vimeo")] {
        links.extend(ids.iter().map(|v| video_link(v, service)));
    }
    links.extend(web.into_iter().map(|url| Link {
        kind: LinkKind::Web,
        url,
        thumbnail: None,
    }));
    links
}

/// (1-based header line, text) of each `[[talk]]` section, in order, so messages name lines.
fn talk_sections(text: &str) -> Vec<(usize, &str)> {
    // (line, header start, header end, is a talk)
    let mut heads = Vec::new();
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let t = line.trim();
        if t.starts_with('[') && !t.starts_with("[talk.") && !t.starts_with("[[talk.") {
            heads.push((i + 1, offset, offset + line.len(), t == "[[talk]]"));
        }
        offset += line.len();
    }
    heads
        .iter()
        .enumerate()
        .filter(|(_, h)| h.3)
        .map(|(k, &(line, _, body_start, _))| {
            let end = heads.get(k + 1).map_or(text.len(), |h| h.1);
            (line, &text[body_start..end])
        })
        .collect()
}

fn section_text<'a>(text: &'a str, header: &str) -> Option<(usize, &'a str)> {
    let mut offset = 0;
    let mut found: Option<(usize, usize)> = None;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if let Some((first, start)) = found {
            if line.trim_start().starts_with('[') {
                return Some((first, &text[start..offset]));
            }
        } else if line.trim() == header {
            found = Some((i + 2, offset + line.len()));
        }
        offset += line.len();
    }
    found.map(|(first, start)| (first, &text[start..]))
}

/// Ids are ASCII, lowercase, dash-separated, so they survive in URLs, file names and state files.
pub fn slugify(s: &str) -> String {
    let ascii = if s.is_ascii() {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(deunicode::deunicode(s))
    };
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// What `talks import` writes: the native format, with the same keys `parse_native` reads.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NativeFile {
    pub conference: NativeConference,
    pub talk: Vec<NativeTalk>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct NativeConference {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<toml::value::Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<toml::value::Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct NativeTalk {
    pub id: String,
    pub title: String,
    pub speakers: Vec<NativeSpeaker>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(rename = "abstract")]
    pub abstract_text: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct NativeSpeaker {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
}

/// A TOML date value for `year-month-day`.
pub fn toml_date(d: Date) -> Option<toml::value::Datetime> {
    d.to_string().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"[conference]
name = "PGConf.Test 2016"
city = "Moscow"
date = 2016-02-03
url = "https://example.org/"

[[talk]]
title = "Logical replication"
speakers = [{ name = "Valentine Gogichashvili", company = "Zalando" }]
tags = ["replication"]
abstract = """Since its launch…"""
slides = "https://example.org/s.pdf"
video = "abc"

[[talk]]
id = "multicorn"
title = "Multicorn"
date = 2016-02-04
speakers = [{ name = "Ronan Dunklau", company = "Dalibo" }, { name = "Марат Фаттахов" }]

[[talk]]
speakers = []

[[talk]]
title = "Logical replication"
date = 12
"#;

    #[test]
    fn parses_conference_and_talks() {
        let (talks, diags) = parse_native(SAMPLE, "t.toml", "t").unwrap().unwrap();
        assert_eq!(talks.len(), 3);
        let t = &talks[0];
        assert_eq!(t.id, "t/logical-replication");
        assert_eq!(t.conference_name(), Some("PGConf.Test 2016"));
        assert_eq!(t.city.as_deref(), Some("Moscow"));
        assert_eq!(t.date.unwrap().to_string(), "2016-02-03");
        assert_eq!(t.speakers[0].company.as_deref(), Some("Zalando"));
        assert_eq!(t.links[0].kind, LinkKind::Slides);
        assert_eq!(t.links[1].url, "https://www.youtube.com/watch?v=abc");
        assert_eq!(t.origin.line, 7);
        assert_eq!(talks[1].id, "t/multicorn");
        assert_eq!(talks[1].date.unwrap().to_string(), "2016-02-04");
        assert_eq!(talks[1].speakers[1].company, None);
        assert_eq!(talks[2].id, "t/logical-replication-2");
        // missing title (line 21), duplicate id and bad date (line 23/25)
        let msgs: Vec<String> = diags.iter().map(|d| d.location()).collect();
        assert!(msgs.contains(&"t.toml:21".to_string()), "{msgs:?}");
        assert!(msgs.contains(&"t.toml:26".to_string()), "{msgs:?}");
        assert_eq!(diags.len(), 3, "{diags:#?}");
    }

    #[test]
    fn other_toml_is_not_an_archive() {
        assert!(
            parse_native("baseURL = \"x\"\n", "c.toml", "c")
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn syntax_error_names_line() {
        let e = parse_native("[conference]\nname = \n", "c.toml", "c").unwrap_err();
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn slug_table() {
        assert_eq!(
            slugify("Logical Replication @ Zalando!"),
            "logical-replication-zalando"
        );
        assert_eq!(slugify("Марат Фаттахов"), "marat-fattakhov");
        assert_eq!(slugify("  "), "");
    }
}
