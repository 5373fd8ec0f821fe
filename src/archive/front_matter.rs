//! Splits a Hugo content file into front matter and body, and parses the front matter (TOML `+++`,
//! YAML `---`, JSON `{`) into one key/value map. Pure functions over strings: no file access.

use serde_json::{Map, Value};

use super::error::LoadError;
use super::nesting::{MAX_DEPTH, check_nesting};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
    Json,
}

/// A content file cut in two. Slices borrow from the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// `None` when the file has no front matter at all.
    pub format: Option<Format>,
    pub front: &'a str,
    /// 1-based line of the first line of `front` in the file.
    pub front_line: usize,
    pub body: &'a str,
    /// 1-based line of the first line of `body` in the file.
    pub body_line: usize,
}

/// An error at a place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub line: usize,
    pub column: Option<usize>,
    pub error: LoadError,
}

impl Located {
    fn at(line: usize, error: LoadError) -> Self {
        Located {
            line,
            column: None,
            error,
        }
    }
}

/// Cut `text` (BOM and CRLF tolerated) into front matter and body.
pub fn split_front_matter(text: &str) -> Result<Split<'_>, Located> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let first = text[..first_end].trim_end();
    let fence = match first {
        "+++" => Some(("+++", Format::Toml)),
        "---" => Some(("---", Format::Yaml)),
        _ => None,
    };
    if let Some((fence, format)) = fence {
        let mut offset = first_end;
        for (line, l) in (2..).zip(text[first_end..].split_inclusive('\n')) {
            if l.trim_end() == fence {
                let body_start = offset + l.len();
                return Ok(Split {
                    format: Some(format),
                    front: &text[first_end..offset],
                    front_line: 2,
                    body: &text[body_start..],
                    body_line: line + 1,
                });
            }
            offset += l.len();
        }
        return Err(Located::at(1, LoadError::UnclosedFence { fence }));
    }
    if text.trim_start().starts_with('{') {
        // Hugo's JSON front matter is one object followed by the body; the stream
        // deserializer tells where the object ends.
        let mut stream =
            serde_json::Deserializer::from_str(text).into_iter::<serde::de::IgnoredAny>();
        return match stream.next() {
            Some(Ok(_)) => {
                let end = stream.byte_offset();
                let rest = &text[end..];
                // The rest of the closing line belongs to the front matter.
                let cut = rest.find('\n').map_or(rest.len(), |i| i + 1);
                let body_start = end + cut;
                Ok(Split {
                    format: Some(Format::Json),
                    front: &text[..end],
                    front_line: 1,
                    body: &text[body_start..],
                    body_line: line_of(text, body_start),
                })
            }
            Some(Err(e)) => Err(Located {
                line: e.line().max(1),
                column: Some(e.column()),
                error: LoadError::Json(short_message(&strip_location(&e.to_string()))),
            }),
            None => Err(Located::at(1, LoadError::Empty)),
        };
    }
    Ok(Split {
        format: None,
        front: "",
        front_line: 1,
        body: text,
        body_line: 1,
    })
}

/// Parse front matter into a map with lowercased top-level keys (Hugo's keys are case-insensitive).
/// `first_line` is where `front` starts in the file, so errors point at the right line.
pub fn parse_front_matter(
    format: Format,
    front: &str,
    first_line: usize,
) -> Result<Map<String, Value>, Located> {
    // Untrusted text: bound the nesting before a parser spends minutes (or its stack) on it.
    if let Err(deep) = check_nesting(front, MAX_DEPTH) {
        return Err(Located {
            line: first_line + deep.line - 1,
            column: Some(deep.column),
            error: LoadError::TooDeep { max: MAX_DEPTH },
        });
    }
    let value = match format {
        Format::Toml => match toml::from_str::<toml::Table>(front) {
            Ok(t) => toml_to_json(&toml::Value::Table(t), 0),
            Err(e) => {
                let (line, column) = e.span().map_or((0, None), |s| {
                    let (l, c) = line_col(front, s.start);
                    (l, Some(c))
                });
                return Err(Located {
                    line: first_line + line.saturating_sub(1),
                    column,
                    error: LoadError::Toml(short_message(e.message())),
                });
            }
        },
        Format::Yaml => {
            if front.trim().is_empty() {
                return Ok(Map::new());
            }
            match serde_yaml_ng::from_str::<serde_yaml_ng::Value>(front) {
                Ok(v) => yaml_to_json(&v, 0),
                Err(e) => {
                    let (line, column) = e
                        .location()
                        .map_or((1, None), |l| (l.line(), Some(l.column())));
                    return Err(Located {
                        line: first_line + line.saturating_sub(1),
                        column,
                        error: LoadError::Yaml(short_message(&strip_location(&e.to_string()))),
                    });
                }
            }
        }
        Format::Json => match serde_json::from_str::<Value>(front) {
            Ok(v) => v,
            Err(e) => {
                return Err(Located {
                    line: first_line + e.line().saturating_sub(1),
                    column: Some(e.column()),
                    error: LoadError::Json(short_message(&strip_location(&e.to_string()))),
                });
            }
        },
    };
    match value {
        Value::Object(map) => Ok(map
            .into_iter()
            .map(|(k, v)| (k.to_lowercase(), v))
            .collect()),
        Value::Null => Ok(Map::new()),
        _ => Err(Located::at(first_line, LoadError::NotATable)),
    }
}

/// A top-level key given twice in YAML front matter: Hugo up to 0.151 took the last value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeated {
    /// The key as written (lowercased).
    pub key: String,
    /// 1-based lines within the front matter: where it was first given, and where again.
    pub first_line: usize,
    pub line: usize,
}

/// YAML front matter with every repeated top-level key (in any case) kept only at its last
/// place, earlier ones blanked out line for line so line numbers still match the file. The
/// YAML parser rejects duplicates; Hugo was lenient, and so are we, with a warning each.
pub fn drop_repeated_yaml_keys(front: &str) -> (std::borrow::Cow<'_, str>, Vec<Repeated>) {
    // (key, first line, last line) of each top-level entry, in order.
    let lines: Vec<&str> = front.split_inclusive('\n').collect();
    let mut entries: Vec<(String, usize, usize)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let continues = line.trim().is_empty()
            || line.starts_with([' ', '\t', '#'])
            || line.starts_with("- ")
            || line.trim_end() == "-";
        if continues {
            if let Some(last) = entries.last_mut() {
                last.2 = i;
            }
            continue;
        }
        let key = yaml_key(line).unwrap_or_default();
        entries.push((key, i, i));
    }
    // Linear in the number of entries and lines, whatever the input: one pass from the end
    // finds, for each entry, the next place its key is given.
    let mut next_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut next: Vec<Option<usize>> = vec![None; entries.len()];
    for (n, (key, first, _)) in entries.iter().enumerate().rev() {
        if !key.is_empty() {
            next[n] = next_of.insert(key.as_str(), *first);
        }
    }
    let mut repeated = Vec::new();
    let mut blank = vec![false; lines.len()];
    for (n, (key, first, last)) in entries.iter().enumerate() {
        if let Some(again) = next[n] {
            blank[*first..=*last].iter_mut().for_each(|b| *b = true);
            repeated.push(Repeated {
                key: key.clone(),
                first_line: first + 1,
                line: again + 1,
            });
        }
    }
    if repeated.is_empty() {
        return (std::borrow::Cow::Borrowed(front), repeated);
    }
    let mut out = String::with_capacity(front.len());
    for (i, line) in lines.iter().enumerate() {
        if blank[i] {
            out.push_str(if line.ends_with('\n') { "\n" } else { "" });
        } else {
            out.push_str(line);
        }
    }
    (std::borrow::Cow::Owned(out), repeated)
}

/// The key of a top-level `key: value` line, lowercased, quotes removed.
fn yaml_key(line: &str) -> Option<String> {
    let t = line.trim_end();
    let (key, _) = if let Some(rest) = t.strip_prefix('"') {
        let end = rest.find('"')?;
        (&rest[..end], &rest[end + 1..])
    } else if let Some(rest) = t.strip_prefix('\'') {
        let end = rest.find('\'')?;
        (&rest[..end], &rest[end + 1..])
    } else {
        let i = t
            .find(": ")
            .or_else(|| t.strip_suffix(':').map(|s| s.len()))?;
        (&t[..i], &t[i..])
    };
    Some(key.trim().to_lowercase()).filter(|k| !k.is_empty())
}

fn toml_to_json(v: &toml::Value, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match v {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::from(*i),
        toml::Value::Float(f) => {
            serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
        }
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => {
            Value::Array(a.iter().map(|x| toml_to_json(x, depth + 1)).collect())
        }
        toml::Value::Table(t) => Value::Object(
            t.iter()
                .map(|(k, x)| (k.clone(), toml_to_json(x, depth + 1)))
                .collect(),
        ),
    }
}

fn yaml_to_json(v: &serde_yaml_ng::Value, depth: usize) -> Value {
    use serde_yaml_ng::Value as Y;
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match v {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(*b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Value::Null, Value::Number)
            }
        }
        Y::String(s) => Value::String(s.clone()),
        Y::Sequence(s) => Value::Array(s.iter().map(|x| yaml_to_json(x, depth + 1)).collect()),
        Y::Mapping(m) => Value::Object(
            m.iter()
                .map(|(k, x)| {
                    let key = match k {
                        Y::String(s) => s.clone(),
                        Y::Bool(b) => b.to_string(),
                        Y::Number(n) => n.to_string(),
                        _ => String::new(),
                    };
                    (key, yaml_to_json(x, depth + 1))
                })
                .collect(),
        ),
        Y::Tagged(t) => yaml_to_json(&t.value, depth + 1),
    }
}

/// 1-based line and column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before.chars().count(), |i| before[i + 1..].chars().count())
        + 1;
    (line, col)
}

fn line_of(text: &str, offset: usize) -> usize {
    line_col(text, offset).0
}

/// Parser messages can span lines and repeat the location; keep the first line.
fn short_message(msg: &str) -> String {
    msg.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("syntax error")
        .to_string()
}

fn strip_location(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_table() {
        // (input, format, front, body, body_line)
        let cases: &[(&str, Option<Format>, &str, &str, usize)] = &[
            (
                "+++\ntitle = \"a\"\n+++\nbody\n",
                Some(Format::Toml),
                "title = \"a\"\n",
                "body\n",
                4,
            ),
            (
                "+++\r\ntitle = \"a\"\r\n+++\r\nbody",
                Some(Format::Toml),
                "title = \"a\"\r\n",
                "body",
                4,
            ),
            (
                "\u{feff}+++\nx = 1\n+++\n",
                Some(Format::Toml),
                "x = 1\n",
                "",
                4,
            ),
            (
                "---\ntitle: a\n---\n\nbody\n",
                Some(Format::Yaml),
                "title: a\n",
                "\nbody\n",
                4,
            ),
            ("+++\n+++\n", Some(Format::Toml), "", "", 3),
            (
                "+++\na = 1\n+++\nx\n+++\ny\n",
                Some(Format::Toml),
                "a = 1\n",
                "x\n+++\ny\n",
                4,
            ),
            ("no front matter\n", None, "", "no front matter\n", 1),
            ("", None, "", "", 1),
            (
                "{\"title\": \"j\"}\nbody\n",
                Some(Format::Json),
                "{\"title\": \"j\"}",
                "body\n",
                2,
            ),
            (
                "+++ \nа = \"б\"\n+++  \nтело",
                Some(Format::Toml),
                "а = \"б\"\n",
                "тело",
                4,
            ),
        ];
        for (input, format, front, body, body_line) in cases {
            let s = split_front_matter(input).unwrap_or_else(|e| panic!("{input:?}: {e:?}"));
            assert_eq!(s.format, *format, "{input:?}");
            assert_eq!(s.front, *front, "{input:?}");
            assert_eq!(s.body, *body, "{input:?}");
            assert_eq!(s.body_line, *body_line, "{input:?}");
        }
    }

    #[test]
    fn errors_if_closing_fence_missing() {
        for input in ["+++\ntitle = \"a\"\nbody", "---\ntitle: a\n", "+++"] {
            let e = split_front_matter(input).unwrap_err();
            assert!(
                matches!(e.error, LoadError::UnclosedFence { .. }),
                "{input:?}"
            );
            assert_eq!(e.line, 1);
        }
    }

    #[test]
    fn toml_error_points_at_file_line() {
        let e = parse_front_matter(Format::Toml, "title = \"a\"\ntags = [\"x\"\n", 2).unwrap_err();
        assert!(matches!(e.error, LoadError::Toml(_)));
        assert!(e.line >= 3, "line {}", e.line);
        let e = parse_front_matter(Format::Toml, "a = 1\nb = \n", 2).unwrap_err();
        assert_eq!(e.line, 3);
    }

    #[test]
    fn yaml_error_points_at_file_line() {
        let e = parse_front_matter(Format::Yaml, "title: a\ntags: [x\n", 2).unwrap_err();
        assert!(matches!(e.error, LoadError::Yaml(_)));
        assert!(e.line >= 3, "line {}", e.line);
    }

    #[test]
    fn parses_each_format_to_one_map() {
        let t = parse_front_matter(Format::Toml, "Title = \"T\"\ndate = 2019-05-16\n", 2).unwrap();
        assert_eq!(t["title"], "T");
        assert_eq!(t["date"], "2019-05-16");
        let y = parse_front_matter(Format::Yaml, "title: T\ndate: 2019-05-16\ntags:\n- a\n", 2)
            .unwrap();
        assert_eq!(y["date"], "2019-05-16");
        assert_eq!(y["tags"][0], "a");
        let j = parse_front_matter(Format::Json, "{\"title\": \"T\"}", 1).unwrap();
        assert_eq!(j["title"], "T");
        assert!(parse_front_matter(Format::Yaml, "- a\n- b\n", 2).is_err());
        assert!(parse_front_matter(Format::Yaml, "", 2).unwrap().is_empty());
    }

    #[test]
    fn repeated_yaml_keys_keep_the_last_value() {
        let front = "title: First\ntags:\n- a\n- b\nTitle: Second\ndate: 2020-01-02\ntags: [c]\n";
        let (text, rep) = drop_repeated_yaml_keys(front);
        let lines: Vec<(&str, usize, usize)> = rep
            .iter()
            .map(|r| (r.key.as_str(), r.first_line, r.line))
            .collect();
        assert_eq!(lines, [("title", 1, 5), ("tags", 2, 7)]);
        let map = parse_front_matter(Format::Yaml, &text, 2).unwrap();
        assert_eq!(map["title"], "Second");
        assert_eq!(map["tags"][0], "c");
        assert_eq!(text.lines().count(), front.lines().count());
        let (same, none) = drop_repeated_yaml_keys("a: 1\nb:\n  a: 2\n");
        assert!(none.is_empty());
        assert_eq!(same, "a: 1\nb:\n  a: 2\n");
    }

    #[test]
    fn line_col_counts_chars() {
        assert_eq!(line_col("ab\nцд", 5), (2, 2));
        assert_eq!(line_col("", 10), (1, 1));
    }
}
