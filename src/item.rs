//! A talk or a post as the commands print it: the aligned text row, the JSON Lines object, the
//! full text of `show`, and finding one by a forgiving id. Every string from data is sanitised
//! here; JSON escapes its own.

use serde_json::json;
use unicode_width::UnicodeWidthChar;

use crate::archive::{Archive, Date, Post, Talk};
use crate::ui::sanitize::sanitize_line;

/// A talk or a post, for output.
#[derive(Clone, Copy)]
pub enum Item<'a> {
    Talk(&'a Talk),
    Post(&'a Post),
}

impl Item<'_> {
    pub fn date(&self) -> Option<Date> {
        match self {
            Item::Talk(t) => t.date,
            Item::Post(p) => p.date,
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Item::Talk(t) => &t.id,
            Item::Post(p) => &p.id,
        }
    }

    /// One aligned line for humans: date, kind, who, title, where.
    pub fn row(&self) -> String {
        let date = self
            .date()
            .map_or("          ".to_string(), |d| d.to_string());
        match self {
            Item::Talk(t) => format!(
                "{date}  talk  {}  {}  {}",
                fit(&t.speaker_names(), 28),
                fit(&t.title, 56),
                sanitize_line(t.conference_name().unwrap_or(""))
            ),
            Item::Post(p) => format!(
                "{date}  post  {}  {}  {}",
                fit("", 28),
                fit(&p.title, 56),
                sanitize_line(&p.tags.join(", "))
            ),
        }
    }

    pub fn json(&self, score: Option<i64>) -> serde_json::Value {
        let mut v = match self {
            Item::Talk(t) => json!({
                "kind": "talk",
                "id": t.id,
                "title": t.title,
                "date": t.date.map(|d| d.to_string()),
                "speakers": t.speakers,
                "conference": t.conference_name(),
                "city": t.city,
                "language": t.language,
                "tags": t.tags,
                "categories": t.categories,
                "abstract": t.abstract_md,
                "links": t.links.iter().map(|l| json!({"kind": l.kind, "url": l.url})).collect::<Vec<_>>(),
                "source": t.origin.to_string(),
            }),
            Item::Post(p) => json!({
                "kind": "post",
                "id": p.id,
                "title": p.title,
                "date": p.date.map(|d| d.to_string()),
                "speakers": [],
                "conference": null,
                "city": null,
                "tags": p.tags,
                "categories": p.categories,
                "summary": p.summary,
                "links": [],
                "aliases": p.aliases,
                "images": p.images,
                "draft": p.draft,
                "source": p.origin.to_string(),
            }),
        };
        if let (Some(s), Some(obj)) = (score, v.as_object_mut()) {
            obj.insert("score".into(), json!(s));
        }
        v
    }

    pub fn details(&self) -> String {
        let mut s = String::new();
        match self {
            Item::Talk(t) => {
                s += &format!("{}\n", sanitize_line(&t.title));
                for sp in &t.speakers {
                    match &sp.company {
                        Some(c) => {
                            s += &format!("  {} ({})\n", sanitize_line(&sp.name), sanitize_line(c))
                        }
                        None => s += &format!("  {}\n", sanitize_line(&sp.name)),
                    }
                }
                let place: Vec<String> = [t.conference_name(), t.city.as_deref()]
                    .into_iter()
                    .flatten()
                    .map(|x| sanitize_line(x).into_owned())
                    .collect();
                if let Some(d) = t.date {
                    s += &format!("{d}  ");
                }
                s += &format!("{}\n", place.join(", "));
                if !t.tags.is_empty() {
                    s += &format!("tags: {}\n", sanitize_line(&t.tags.join(", ")));
                }
                for (i, l) in t.links.iter().enumerate() {
                    s += &format!(
                        "[{}] {}: {}\n",
                        i + 1,
                        l.kind.label(),
                        sanitize_line(&l.url)
                    );
                }
                s += &format!("\n{}\n", markdown_plain(&t.abstract_md));
                if !t.body_md.is_empty() {
                    s += &format!("\n{}\n", markdown_plain(&t.body_md));
                }
                s += &format!(
                    "\nid: {}  source: {}\n",
                    t.id,
                    sanitize_line(&t.origin.to_string())
                );
            }
            Item::Post(p) => {
                s += &format!("{}\n", sanitize_line(&p.title));
                if let Some(d) = p.date {
                    s += &format!("{d}{}\n", if p.draft { "  (draft)" } else { "" });
                }
                if !p.tags.is_empty() {
                    s += &format!("tags: {}\n", sanitize_line(&p.tags.join(", ")));
                }
                s += &format!("\n{}\n", markdown_plain(&p.body_md));
                s += &format!(
                    "\nid: {}  source: {}\n",
                    p.id,
                    sanitize_line(&p.origin.to_string())
                );
            }
        }
        s
    }
}

/// Markdown as readable plain text, wrapped at 100 columns (the TUI's renderer, no colours).
fn markdown_plain(md: &str) -> String {
    crate::ui::markdown::render_markdown(md, 100, &crate::ui::markdown::MdStyles::default())
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// An id, or a unique end of one ("OSCON-fotolog" for "conf/2013/OSCON-fotolog").
pub fn find_item<'a>(archive: &'a Archive, id: &str) -> Result<Item<'a>, String> {
    if let Some(t) = archive.talk(id) {
        return Ok(Item::Talk(t));
    }
    if let Some(p) = archive.post(id) {
        return Ok(Item::Post(p));
    }
    let tail = format!("/{id}");
    let mut found: Vec<Item<'a>> = archive
        .talks
        .iter()
        .filter(|t| t.id.ends_with(&tail))
        .map(Item::Talk)
        .chain(
            archive
                .posts
                .iter()
                .filter(|p| p.id.ends_with(&tail))
                .map(Item::Post),
        )
        .collect();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(format!(
            "no talk or post with id {id:?}; `talks list --json` prints every id"
        )),
        n => Err(format!(
            "{id:?} matches {n} ids ({}); give more of it",
            found
                .iter()
                .map(|i| i.id().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Cut or pad to `width` display columns.
fn fit(s: &str, width: usize) -> String {
    let s = sanitize_line(s);
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width {
            if out.ends_with(' ') || w + 1 > width {
                out.pop();
            }
            out.push('…');
            w = width;
            break;
        }
        out.push(c);
        w += cw;
    }
    while w < width {
        out.push(' ');
        w += 1;
    }
    out
}
