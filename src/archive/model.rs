//! The archive's data model: talks, posts and their parts. Plain data, no I/O, no parsing.

use std::collections::BTreeMap;
use std::fmt;

/// A calendar date. Times and offsets in the sources are dropped: the app lists by day.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Where an item came from, for messages and `source` in JSON output.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Origin {
    /// Path as shown to the user; `bundled:` paths are compiled into the binary.
    pub path: String,
    /// 1-based line of the item's start (front matter, or `[[talk]]`).
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path, self.line)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Speaker {
    pub name: String,
    pub company: Option<String>,
    /// A short biography (Markdown, images left out), from the speaker's profile page.
    #[serde(default)]
    pub bio: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Conference {
    pub name: String,
    /// Markdown, as the source gives it.
    pub description: Option<String>,
    pub url: Option<String>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    Slides,
    Video,
    Web,
    /// A repository or code listing.
    Code,
}

impl LinkKind {
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::Slides => "slides",
            LinkKind::Video => "video",
            LinkKind::Web => "web",
            LinkKind::Code => "code",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Link {
    pub kind: LinkKind,
    pub url: String,
    /// A preview image for slides, when the source has one.
    pub thumbnail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Talk {
    /// Stable across reloads: user state is keyed on it.
    pub id: String,
    pub title: String,
    pub speakers: Vec<Speaker>,
    pub date: Option<Date>,
    pub conference: Option<Conference>,
    pub city: Option<String>,
    pub language: Option<String>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    /// Markdown.
    pub abstract_md: String,
    /// Markdown.
    pub body_md: String,
    pub links: Vec<Link>,
    /// Front matter keys the loader does not interpret, kept as they were.
    #[serde(with = "json_text")]
    pub extra: BTreeMap<String, serde_json::Value>,
    pub origin: Origin,
    /// `draft = true` in the front matter: Hugo does not publish it.
    #[serde(default)]
    pub draft: bool,
    /// Where it was given (a schedule's room), when the source says.
    #[serde(default)]
    pub room: Option<String>,
    /// Length in minutes, when the source says.
    #[serde(default)]
    pub duration_min: Option<u32>,
    /// The programme's kind of session ("lecture", "workshop"), when the source says.
    #[serde(default)]
    pub session_type: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Post {
    pub id: String,
    pub title: String,
    pub date: Option<Date>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub aliases: Vec<String>,
    pub draft: bool,
    /// Markdown: the text before `<!--more-->`, else the first paragraph.
    pub summary: String,
    /// Markdown.
    pub body_md: String,
    pub images: Vec<String>,
    #[serde(with = "json_text")]
    pub extra: BTreeMap<String, serde_json::Value>,
    pub origin: Origin,
    /// Links found in the body (embedded videos, slides, web pages), for `o` and `has:`.
    #[serde(default)]
    pub links: Vec<Link>,
    /// The page's language(s), "en, fr" when translations were merged into this one post.
    #[serde(default)]
    pub language: Option<String>,
}

/// Tags then categories, without repeats (case-insensitive): what lists and search show.
pub fn labels(tags: &[String], categories: &[String]) -> Vec<String> {
    let all = || tags.iter().chain(categories);
    // A talk's few ASCII labels: compared in place, no lowercase copies (this runs for every
    // talk of a first load).
    if tags.len() + categories.len() <= 16 && all().all(|l| l.is_ascii()) {
        let mut out: Vec<String> = Vec::with_capacity(tags.len() + categories.len());
        for l in all() {
            if !out.iter().any(|o| o.eq_ignore_ascii_case(l)) {
                out.push(l.clone());
            }
        }
        return out;
    }
    let mut seen = std::collections::HashSet::new();
    tags.iter()
        .chain(categories)
        .filter(|l| seen.insert(l.to_lowercase()))
        .cloned()
        .collect()
}

impl Post {
    pub fn has(&self, kind: LinkKind) -> bool {
        self.links.iter().any(|l| l.kind == kind)
    }
}

impl Talk {
    pub fn has(&self, kind: LinkKind) -> bool {
        self.links.iter().any(|l| l.kind == kind)
    }

    pub fn conference_name(&self) -> Option<&str> {
        self.conference
            .as_ref()
            .map(|c| c.name.as_str())
            .filter(|n| !n.is_empty())
    }

    /// "Name (Company), Name" for one-line displays.
    pub fn speaker_names(&self) -> String {
        let names: Vec<&str> = self.speakers.iter().map(|s| s.name.as_str()).collect();
        names.join(", ")
    }
}

/// `extra` as JSON text inside other formats: compact binary formats (the cache) cannot hold a
/// self-describing `serde_json::Value` directly.
mod json_text {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        v: &BTreeMap<String, serde_json::Value>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        // Most items keep nothing: the same text, without serde_json (it runs for every item
        // written to a snapshot).
        if v.is_empty() {
            return s.serialize_str("{}");
        }
        let text = serde_json::to_string(v).map_err(serde::ser::Error::custom)?;
        s.serialize_str(&text)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, serde_json::Value>, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(d)?;
        if text == "{}" {
            return Ok(BTreeMap::new());
        }
        serde_json::from_str(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::labels;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn labels_are_tags_then_categories_once_each_whatever_their_case() {
        let table: &[(&[&str], &[&str], &[&str])] = &[
            (
                &["Postgres", "replication"],
                &["postgres", "Talks"],
                &["Postgres", "replication", "Talks"],
            ),
            (
                &["Ёж", "ёж", "Kubernetes"],
                &["kubernetes"],
                &["Ёж", "Kubernetes"],
            ),
            (&[], &[], &[]),
        ];
        for (tags, categories, want) in table {
            assert_eq!(labels(&strings(tags), &strings(categories)), strings(want));
        }
        // Many labels take the other way, with the same result.
        let many: Vec<String> = (0..40).map(|i| format!("Tag{}", i % 20)).collect();
        let lower: Vec<String> = many.iter().map(|t| t.to_lowercase()).collect();
        let got = labels(&many, &lower);
        assert_eq!(got.len(), 20);
        assert_eq!(got[0], "Tag0");
    }
}
