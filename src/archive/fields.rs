//! Reads typed fields out of a parsed front matter (or TOML table) map leniently: a value of the
//! wrong type becomes a warning naming its line, never a failed file. Used by every loader.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::date::parse_date;
use super::error::{Diagnostic, LoadError};
use super::model::Date;

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
            Value::String(s) if s == "true" || s == "false" => Some(s == "true"),
            other => {
                self.wrong_type(&key, "true or false", other);
                None
            }
        }
    }

    pub fn date(&mut self, keys: &[&str]) -> Option<Date> {
        let (key, v) = self.get(keys)?;
        match v {
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

    /// Every key not read by the loader, kept as it was.
    pub fn extra(&self) -> BTreeMap<String, Value> {
        self.map
            .iter()
            .filter(|(k, _)| !self.used.contains(k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
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
    fn key_line_table() {
        let src = "a = 1\n  tags: [x]\n\"date\" = 2\ntitlex = 3\n";
        assert_eq!(key_line(src, "a"), Some(1));
        assert_eq!(key_line(src, "tags"), Some(2));
        assert_eq!(key_line(src, "date"), Some(3));
        assert_eq!(key_line(src, "title"), None);
    }
}
