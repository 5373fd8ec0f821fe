//! Reads typed fields out of a parsed front matter (or TOML table) map leniently: a value of the
//! wrong type becomes a warning naming its line, never a failed file. Used by every loader, with
//! the helpers they share: speakers, video links, site-relative URLs.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::date::parse_date;
use super::error::{Diagnostic, LoadError};
use super::model::{Date, Link, LinkKind, Speaker};

pub struct Fields<'a> {
    map: &'a Map<String, Value>,
    /// The source text of the map, to find the line of a key.
    source: &'a str,
    first_line: usize,
    path: &'a str,
    used: BTreeSet<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Fields<'a> {
    pub fn new(
        map: &'a Map<String, Value>,
        source: &'a str,
        first_line: usize,
        path: &'a str,
    ) -> Self {
        Fields {
            map,
            source,
            first_line,
            path,
            used: BTreeSet::new(),
            diagnostics: Vec::new(),
        }
    }

    /// The first of `keys` that is present (and marks all of them as read).
    fn get(&mut self, keys: &[&str]) -> Option<(String, &'a Value)> {
        let mut found = None;
        for k in keys {
            self.used.insert((*k).to_string());
            if found.is_none()
                && let Some(v) = self.map.get(*k)
                && !v.is_null()
            {
                found = Some(((*k).to_string(), v));
            }
        }
        found
    }

    /// Whether `key` is present with a value.
    pub fn has(&self, key: &str) -> bool {
        self.map.get(key).is_some_and(|v| !v.is_null())
    }

    pub fn mark_used(&mut self, key: &str) {
        self.used.insert(key.to_string());
    }

    pub fn raw(&mut self, keys: &[&str]) -> Option<&'a Value> {
        self.get(keys).map(|(_, v)| v)
    }

    fn wrong_type(&mut self, key: &str, expected: &'static str, found: &Value) {
        let line = key_line(self.source, key).map(|l| l + self.first_line - 1);
        self.diagnostics.push(Diagnostic::warning(
            self.path,
            line,
            LoadError::WrongType {
                key: key.to_string(),
                expected,
                found: describe(found),
            },
        ));
    }

    /// A string; numbers and booleans are accepted as their text (YAML writes `title: 2016`).
    pub fn string(&mut self, keys: &[&str]) -> Option<String> {
        let (key, v) = self.get(keys)?;
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            other => {
                self.wrong_type(&key, "a string in quotes", other);
                None
            }
        }
    }

    /// A list of strings. A lone string is a type error (Hugo's taxonomies are lists).
    pub fn string_list(&mut self, keys: &[&str]) -> Vec<String> {
        let Some((key, v)) = self.get(keys) else {
            return Vec::new();
        };
        match v {
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::String(s) => out.push(s.clone()),
                        Value::Number(n) => out.push(n.to_string()),
                        Value::Null => {}
                        other => {
                            self.wrong_type(&key, "a list of strings like [\"a\", \"b\"]", other);
                            return Vec::new();
                        }
                    }
                }
                out
            }
            other => {
                self.wrong_type(&key, "a list of strings like [\"a\", \"b\"]", other);
                Vec::new()
            }
        }
    }

    pub fn boolean(&mut self, keys: &[&str]) -> Option<bool> {
        let (key, v) = self.get(keys)?;
        match v {
            Value::Bool(b) => Some(*b),
            // YAML 1.1 spellings, which Hugo's YAML reads as booleans.
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "on" | "y" => Some(true),
                "false" | "no" | "off" | "n" | "" => Some(false),
                _ => {
                    self.wrong_type(&key, "true or false", v);
                    None
                }
            },
            other => {
                self.wrong_type(&key, "true or false", other);
                None
            }
        }
    }

    pub fn date(&mut self, keys: &[&str]) -> Option<Date> {
        let (key, v) = self.get(keys)?;
        match v {
            // `date: ""` is no date, as in Hugo: nothing to warn about.
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) => match parse_date(s) {
                Some(d) => Some(d),
                None => {
                    let line = key_line(self.source, &key).map(|l| l + self.first_line - 1);
                    self.diagnostics.push(Diagnostic::warning(
                        self.path,
                        line,
                        LoadError::BadDate {
                            key,
                            value: s.chars().take(40).collect(),
                        },
                    ));
                    None
                }
            },
            other => {
                self.wrong_type(&key, "a date like 2016-02-03", other);
                None
            }
        }
    }

    /// The first of `keys` holding non-blank text (`summary: ""` falls through to the next key
    /// and then to the caller's fallback, as Hugo does). Numbers count as their text.
    pub fn text(&mut self, keys: &[&str]) -> Option<String> {
        for k in keys {
            self.used.insert((*k).to_string());
        }
        for k in keys {
            match self.map.get(*k) {
                Some(Value::String(s)) if !s.trim().is_empty() => {
                    return Some(s.trim_end().trim_start_matches(['\n', '\r']).to_string());
                }
                Some(Value::Number(n)) => return Some(n.to_string()),
                Some(v @ (Value::Array(_) | Value::Object(_) | Value::Bool(_))) => {
                    self.wrong_type(k, "a string in quotes", v);
                }
                _ => {}
            }
        }
        None
    }

    /// The file line where `key` is given.
    pub fn line_of(&self, key: &str) -> Option<usize> {
        key_line(self.source, key).map(|l| l + self.first_line - 1)
    }

    /// A warning at a file line (from `line_of`, found once for many warnings).
    pub fn warn_at(&mut self, line: Option<usize>, error: LoadError) {
        self.diagnostics
            .push(Diagnostic::warning(self.path, line, error));
    }

    /// One string or a list of them (`youtube = "id"` or `youtube = ["a", "b"]`).
    /// Blank entries (`url_pdf: ''`, Academic's empty placeholders) are left out.
    pub fn strings(&mut self, keys: &[&str]) -> Vec<String> {
        let mut v = match self.raw(keys) {
            Some(Value::Array(_)) => self.string_list(keys),
            Some(_) => self.string(keys).into_iter().collect(),
            None => Vec::new(),
        };
        v.retain(|s| !s.trim().is_empty());
        v
    }

    /// Every key not read by the loader, kept as it was.
    pub fn extra(&self) -> BTreeMap<String, Value> {
        self.map
            .iter()
            .filter(|(k, _)| !self.used.contains(k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
}

/// Speakers as a list of names, `{ name, company }` tables, or one "Name (Company)" string.
pub fn speakers_from(f: &mut Fields<'_>, keys: &[&str]) -> Vec<Speaker> {
    let Some(v) = f.raw(keys) else {
        return Vec::new();
    };
    let one = |v: &Value| -> Option<Speaker> {
        match v {
            Value::String(s) => speaker_from_text(s),
            Value::Object(o) => speaker_from_table(
                o.get("name").and_then(Value::as_str),
                o.get("company").and_then(Value::as_str),
            ),
            _ => None,
        }
    };
    match v {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    }
}

/// A `{ name, company }` table's speaker: a name that is text and not blank, and a company
/// when it is text and not blank.
pub fn speaker_from_table(name: Option<&str>, company: Option<&str>) -> Option<Speaker> {
    let name = name?.trim();
    let company = company.map(str::trim).filter(|c| !c.is_empty());
    (!name.is_empty()).then(|| Speaker {
        name: name.to_string(),
        company: company.map(str::to_string),
        bio: None,
    })
}

/// "Name (Company)" or "Name".
pub fn speaker_from_text(s: &str) -> Option<Speaker> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(open) = s.rfind(" (")
        && s.ends_with(')')
    {
        return Some(Speaker {
            name: s[..open].trim().to_string(),
            company: Some(s[open + 2..s.len() - 1].trim().to_string()).filter(|c| !c.is_empty()),
            bio: None,
        });
    }
    Some(Speaker {
        name: s.to_string(),
        company: None,
        bio: None,
    })
}

/// A YouTube or Vimeo id becomes its watch URL; a URL stays as it is.
pub fn video_link(id_or_url: &str, service: &str) -> Link {
    let v = id_or_url.trim();
    let url = if v.contains("://") {
        v.to_string()
    } else if service == "vimeo" {
        format!("https://vimeo.com/{v}")
    } else {
        format!("https://www.youtube.com/watch?v={v}")
    };
    Link {
        kind: LinkKind::Video,
        url,
        thumbnail: None,
    }
}

/// Site-relative paths ("../../../images/x.pdf", "/images/x.pdf") become absolute under `base`
/// (a Hugo site's `baseURL`, without its trailing slash).
pub fn resolve_url(s: &str, base: Option<&str>) -> String {
    let s = s.trim();
    if s.contains("://") || s.starts_with("mailto:") {
        return s.to_string();
    }
    if let Some(rest) = s.strip_prefix("//") {
        return format!("https://{rest}");
    }
    let mut p = s;
    loop {
        if let Some(r) = p.strip_prefix("../") {
            p = r;
        } else if let Some(r) = p.strip_prefix("./") {
            p = r;
        } else {
            break;
        }
    }
    let p = p.trim_start_matches('/');
    match base {
        Some(base) => format!("{base}/{p}"),
        None => format!("/{p}"),
    }
}

/// `map[key]` with the key in any case (Hugo reads `Name:` as `name:`).
pub fn get_ci<'m>(map: &'m Map<String, Value>, key: &str) -> Option<&'m Value> {
    map.get(key).or_else(|| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "nothing".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {:?}", s.chars().take(30).collect::<String>()),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a table".into(),
    }
}

/// 1-based line (within `source`) where `key` is assigned, for messages.
pub fn key_line(source: &str, key: &str) -> Option<usize> {
    source
        .lines()
        .position(|line| {
            let t = line.trim_start();
            let rest = if let Some(r) = t.strip_prefix('"') {
                r.get(..key.len())
                    .filter(|k| k.eq_ignore_ascii_case(key))
                    .and_then(|_| r[key.len()..].strip_prefix('"'))
            } else {
                t.get(..key.len())
                    .filter(|k| k.eq_ignore_ascii_case(key))
                    .map(|_| &t[key.len()..])
            };
            rest.is_some_and(|r| {
                let r = r.trim_start();
                r.starts_with('=') || r.starts_with(':')
            })
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    #[test]
    fn wrong_types_become_warnings_with_lines() {
        let src = "title = \"x\"\ndate = 12\ntags = \"x\"\n";
        let m = map(serde_json::json!({"title": "x", "date": 12, "tags": "x"}));
        let mut f = Fields::new(&m, src, 2, "a.md");
        assert_eq!(f.string(&["title"]).as_deref(), Some("x"));
        assert_eq!(f.date(&["date"]), None);
        assert!(f.string_list(&["tags"]).is_empty());
        let lines: Vec<_> = f.diagnostics.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![Some(3), Some(4)]);
        assert!(
            f.diagnostics[0]
                .to_string()
                .contains("`date` should be a date")
        );
    }

    #[test]
    fn unknown_keys_are_kept() {
        let m = map(serde_json::json!({"title": "x", "coversize": "partial"}));
        let mut f = Fields::new(&m, "", 1, "a.md");
        f.string(&["title"]);
        assert_eq!(f.extra().keys().collect::<Vec<_>>(), vec!["coversize"]);
    }

    #[test]
    fn url_resolution() {
        let base = Some("https://blog.example.org");
        assert_eq!(
            resolve_url("../../x.pdf", base),
            "https://blog.example.org/x.pdf"
        );
        assert_eq!(resolve_url("/x.pdf", None), "/x.pdf");
        assert_eq!(resolve_url("http://a/b", base), "http://a/b");
        assert_eq!(resolve_url("//a/b", base), "https://a/b");
    }

    #[test]
    fn key_line_table() {
        let src = "a = 1\n  tags: [x]\n\"date\" = 2\ntitlex = 3\n";
        assert_eq!(key_line(src, "a"), Some(1));
        assert_eq!(key_line(src, "tags"), Some(2));
        assert_eq!(key_line(src, "date"), Some(3));
        assert_eq!(key_line(src, "title"), None);
    }
}
