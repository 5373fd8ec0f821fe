//! A talk or a post as the commands print it: the aligned text row, the JSON Lines object, the
//! full text of `show`, and finding one by a forgiving id. Every string from data is sanitised
//! here; JSON escapes its own.

use serde_json::json;
use unicode_width::UnicodeWidthChar;

use crate::archive::{Archive, Date, Link, LinkKind, Post, Talk};
use crate::connections::{ItemRef, People, Reason, Related};
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

    pub fn title(&self) -> &str {
        match self {
            Item::Talk(t) => &t.title,
            Item::Post(p) => &p.title,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Item::Talk(_) => "talk",
            Item::Post(_) => "post",
        }
    }

    /// The links `open` numbers, in the detail pane's order.
    pub fn links(&self) -> &[Link] {
        match self {
            Item::Talk(t) => &t.links,
            Item::Post(p) => &p.links,
        }
    }

    /// One field as plain one-line text, for rows and `--format` templates; `None` for a name
    /// that is not a field.
    pub fn field(&self, name: &str) -> Option<String> {
        let talk = match self {
            Item::Talk(t) => Some(*t),
            Item::Post(_) => None,
        };
        let first = |kind: Option<LinkKind>| {
            self.links()
                .iter()
                .find(|l| kind.is_none_or(|k| l.kind == k))
                .map(|l| l.url.clone())
                .unwrap_or_default()
        };
        let v = match name {
            "id" => self.id().to_string(),
            "kind" => self.kind().to_string(),
            "date" => self.date().map(|d| d.to_string()).unwrap_or_default(),
            "year" => self.date().map(|d| d.year.to_string()).unwrap_or_default(),
            "title" => self.title().to_string(),
            "speakers" => talk.map(|t| t.speaker_names()).unwrap_or_default(),
            "companies" => talk
                .map(|t| {
                    let mut c: Vec<&str> = t
                        .speakers
                        .iter()
                        .filter_map(|s| s.company.as_deref())
                        .collect();
                    c.dedup();
                    c.join(", ")
                })
                .unwrap_or_default(),
            "conference" => talk
                .and_then(|t| t.conference_name())
                .unwrap_or_default()
                .to_string(),
            "city" => talk.and_then(|t| t.city.clone()).unwrap_or_default(),
            "language" => talk.and_then(|t| t.language.clone()).unwrap_or_default(),
            "tags" => match self {
                Item::Talk(t) => crate::archive::model::labels(&t.tags, &t.categories),
                Item::Post(p) => crate::archive::model::labels(&p.tags, &p.categories),
            }
            .join(", "),
            "url" => first(None),
            "video" => first(Some(LinkKind::Video)),
            "slides" => first(Some(LinkKind::Slides)),
            "source" => match self {
                Item::Talk(t) => t.origin.to_string(),
                Item::Post(p) => p.origin.to_string(),
            },
            _ => return None,
        };
        Some(sanitize_line(&v).into_owned())
    }

    /// The text of each terminal column: id (as short as stays unique), who, title, event.
    pub fn columns(&self, short: &ShortIds) -> [String; 4] {
        let field = |n: &str| self.field(n).unwrap_or_default();
        let who = match self {
            Item::Talk(_) => field("speakers"),
            Item::Post(_) => "(post)".to_string(),
        };
        [
            sanitize_line(short.short(self.id())).into_owned(),
            who,
            field("title"),
            field("conference"),
        ]
    }

    /// One line for a person at a terminal: date, then the columns cut to `widths` (id, who,
    /// title, event; a width of 0 leaves that column out).
    pub fn terminal_row(&self, widths: [usize; 4], short: &ShortIds) -> String {
        let mut row = match self.date() {
            Some(d) => d.to_string(),
            None => " ".repeat(10),
        };
        for (i, (text, w)) in self.columns(short).iter().zip(widths).enumerate() {
            if w > 0 {
                row += "  ";
                row += &match self {
                    // An id keeps its end, which is what tells it apart; a cut one still
                    // works as a part of an id in show, open and mark.
                    _ if i == 0 => fit_left(text, w),
                    Item::Talk(t) if i == 1 => {
                        let names: Vec<&str> = t.speakers.iter().map(|s| s.name.as_str()).collect();
                        fit_people(&names, w)
                    }
                    _ => fit(text, w),
                };
            }
        }
        row.trim_end().to_string()
    }

    /// One line for a pipe: every field whole, tab-separated, so `cut -f` and `awk -F'\t'`
    /// work: id, date, kind, speakers, title, conference.
    pub fn pipe_row(&self) -> String {
        ["id", "date", "kind", "speakers", "title", "conference"]
            .iter()
            .map(|n| self.field(n).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\t")
    }

    /// The JSON object as one line, with every character a terminal could act on or that hides
    /// itself (C1 controls, bidi overrides, zero-width marks, line separators) escaped as
    /// `\uXXXX`; serde_json escapes only C0 controls.
    pub fn json_line(&self, score: Option<i64>) -> String {
        escape_json_specials(&self.json(score).to_string())
    }

    pub fn json(&self, score: Option<i64>) -> serde_json::Value {
        let mut v = match self {
            Item::Talk(t) => json!({
                "kind": "talk",
                "id": t.id,
                "draft": t.draft,
                "title": t.title,
                "date": t.date.map(|d| d.to_string()),
                "speakers": t.speakers,
                "conference": t.conference_name(),
                "city": t.city,
                "language": t.language,
                "room": t.room,
                "duration_min": t.duration_min,
                "type": t.session_type,
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
                "language": p.language,
                "links": p.links.iter().map(|l| json!({"kind": l.kind, "url": l.url})).collect::<Vec<_>>(),
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
                s += &format!(
                    "{}{}\n",
                    sanitize_line(&t.title),
                    if t.draft { "  (draft)" } else { "" }
                );
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
                let session: Vec<String> = [
                    t.room
                        .as_deref()
                        .map(|r| format!("room {}", sanitize_line(r))),
                    t.duration_min.map(|m| format!("{m} min")),
                    t.session_type
                        .as_deref()
                        .map(|x| sanitize_line(x).into_owned()),
                    t.language.as_deref().map(|l| {
                        sanitize_line(crate::archive::language::name(l).unwrap_or(l)).into_owned()
                    }),
                ]
                .into_iter()
                .flatten()
                .collect();
                if !session.is_empty() {
                    s += &format!("{}\n", session.join(" · "));
                }
                s += &labels_line(&t.tags, &t.categories);
                s += &numbered_links(&t.links);
                for text in [&t.abstract_md, &t.body_md] {
                    if !text.trim().is_empty() {
                        s += &format!("\n{}\n", markdown_plain(text));
                    }
                }
                for sp in t.speakers.iter().filter(|sp| sp.bio.is_some()) {
                    s += &format!(
                        "\nAbout {}:\n{}\n",
                        sanitize_line(&sp.name),
                        markdown_plain(sp.bio.as_deref().unwrap_or(""))
                    );
                }
                s += &format!(
                    "\nid: {}  source: {}\n",
                    sanitize_line(&t.id),
                    sanitize_line(&t.origin.to_string())
                );
            }
            Item::Post(p) => {
                s += &format!("{}\n", sanitize_line(&p.title));
                if let Some(d) = p.date {
                    s += &format!("{d}{}\n", if p.draft { "  (draft)" } else { "" });
                }
                s += &labels_line(&p.tags, &p.categories);
                s += &numbered_links(&p.links);
                s += &format!("\n{}\n", markdown_plain(&p.body_md));
                s += &format!(
                    "\nid: {}  source: {}\n",
                    sanitize_line(&p.id),
                    sanitize_line(&p.origin.to_string())
                );
            }
        }
        s
    }
}

/// "tags: a, b" and "categories: c" lines, each only when there are some.
fn labels_line(tags: &[String], categories: &[String]) -> String {
    let mut s = String::new();
    for (name, list) in [("tags", tags), ("categories", categories)] {
        if !list.is_empty() {
            s += &format!("{name}: {}\n", sanitize_line(&list.join(", ")));
        }
    }
    s
}

/// Which talk or post of `archive` an item is (items borrow from it).
pub fn item_ref(archive: &Archive, item: &Item<'_>) -> Option<ItemRef> {
    match item {
        Item::Talk(t) => archive
            .talks
            .iter()
            .position(|x| std::ptr::eq(x, *t))
            .map(|i| ItemRef::Talk(i as u32)),
        Item::Post(p) => archive
            .posts
            .iter()
            .position(|x| std::ptr::eq(x, *p))
            .map(|i| ItemRef::Post(i as u32)),
    }
}

/// The item a reference names.
pub fn item_of<'a>(archive: &'a Archive, r: ItemRef) -> Item<'a> {
    match r {
        ItemRef::Talk(i) => Item::Talk(&archive.talks[i as usize]),
        ItemRef::Post(i) => Item::Post(&archive.posts[i as usize]),
    }
}

/// `related` of `show --json`: `{id, kind, reason, title}` per related item, plus `person`
/// for "same speaker" and `score` (0 to 1) for "similar".
pub fn related_json(archive: &Archive, people: &People, related: &[Related]) -> serde_json::Value {
    related
        .iter()
        .map(|r| {
            let item = item_of(archive, r.item);
            let mut v = json!({
                "id": item.id(),
                "kind": item.kind(),
                "reason": r.reason.label(),
                "title": item.title(),
            });
            if let (Some(p), Some(obj)) = (r.person, v.as_object_mut()) {
                obj.insert("person".into(), json!(people.persons[p as usize].name));
            }
            if let (Some(s), Some(obj)) = (r.score, v.as_object_mut()) {
                obj.insert(
                    "score".into(),
                    json!((f64::from(s) * 1000.0).round() / 1000.0),
                );
            }
            v
        })
        .collect()
}

/// "[1] video: URL" lines, numbered as `open` and the detail pane number them.
fn numbered_links(links: &[Link]) -> String {
    links
        .iter()
        .enumerate()
        .map(|(i, l)| {
            format!(
                "[{}] {}: {}\n",
                i + 1,
                l.kind.label(),
                sanitize_line(&l.url)
            )
        })
        .collect()
}

/// The related items as `show` prints them after the details: one heading per reason ("Also
/// given at", "Other talks by Jiří Novák"), a line per item with its date, title, event and id.
pub fn related_text(archive: &Archive, people: &People, related: &[Related]) -> String {
    let short = ShortIds::new(archive);
    let mut s = String::new();
    let mut last: Option<(Reason, Option<u32>)> = None;
    for r in related {
        let head = (r.reason, r.person);
        if last != Some(head) {
            let title = match r.person {
                Some(p) if r.reason == Reason::SameSpeaker => format!(
                    "{} {}",
                    r.reason.heading(),
                    sanitize_line(&people.persons[p as usize].name)
                ),
                _ => r.reason.heading().to_string(),
            };
            s += &format!("\n{title}\n");
            last = Some(head);
        }
        let item = item_of(archive, r.item);
        let date = item
            .date()
            .map_or_else(|| " ".repeat(10), |d| d.to_string());
        let event = item
            .field("conference")
            .filter(|c| !c.is_empty())
            .map(|c| format!("  ({c})"))
            .unwrap_or_default();
        s += &format!(
            "  {date}  {}{event}  [{}]\n",
            sanitize_line(item.title()),
            sanitize_line(short.short(item.id()))
        );
    }
    s
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

/// The part of an id a person needs to type: its last path segment (`OSCON-fotolog` for
/// `conf/2013/OSCON-fotolog`) while no other id of the archive ends the same, else the whole
/// id. `find_item` accepts either.
pub struct ShortIds {
    ends: std::collections::HashMap<String, usize>,
}

impl ShortIds {
    pub fn new(archive: &Archive) -> ShortIds {
        let ids = archive
            .talks
            .iter()
            .map(|t| t.id.as_str())
            .chain(archive.posts.iter().map(|p| p.id.as_str()));
        ShortIds::shared(&shared_ends(ids, archive.talks.len() + archive.posts.len()))
    }

    /// Short ids from the last segments that more than one item has (a snapshot keeps them).
    pub fn shared(ends: &[String]) -> ShortIds {
        ShortIds {
            ends: ends.iter().map(|e| (e.clone(), 2)).collect(),
        }
    }

    pub fn short<'i>(&self, id: &'i str) -> &'i str {
        let end = last_segment(id);
        if self.ends.get(end).copied().unwrap_or(0) > 1 {
            id
        } else {
            end
        }
    }
}

/// The last segments that more than one of `ids` has, sorted: the ids that must be shown
/// whole. Borrowed while counting: an archive has 100,000s of ids and few shared ends.
pub fn shared_ends<'i>(ids: impl Iterator<Item = &'i str>, count: usize) -> Vec<String> {
    let mut ends: std::collections::HashMap<&str, u32, foldhash::fast::RandomState> =
        std::collections::HashMap::with_capacity_and_hasher(count, Default::default());
    for id in ids {
        *ends.entry(last_segment(id)).or_default() += 1;
    }
    let mut shared: Vec<String> = ends
        .into_iter()
        .filter(|&(_, n)| n > 1)
        .map(|(e, _)| e.to_string())
        .collect();
    shared.sort();
    shared
}

fn last_segment(id: &str) -> &str {
    id.rsplit('/').next().unwrap_or(id)
}

/// Find one item by what a person remembers of its id: the whole id, a unique end of it, a
/// unique part of it (case ignored), or an old URL or alias of a post. Several matches are an
/// error that names them.
pub fn find_item<'a>(archive: &'a Archive, wanted: &str) -> Result<Item<'a>, String> {
    // An id copied from a terminal row may have been cut: "…replication-zalando".
    let wanted = wanted.trim().trim_matches('…');
    let all = || {
        archive
            .talks
            .iter()
            .map(Item::Talk)
            .chain(archive.posts.iter().map(Item::Post))
    };
    let shown = sanitize_line(wanted);
    if wanted.is_empty() {
        return Err("an empty id matches nothing; `talks list` prints every id".into());
    }
    if let Some(i) = all().find(|i| i.id() == wanted) {
        return Ok(i);
    }
    let path = url_path(wanted);
    let lower = wanted.to_lowercase();
    // Tried in order; the first rule that matches anything decides.
    let slug = crate::connections::relations::page_path(wanted)
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_string();
    let rules: [&dyn Fn(&Item<'_>) -> bool; 5] = [
        &|i| i.id().ends_with(&format!("/{wanted}")),
        // An old link: a post's alias, or the page Hugo published for the item's file.
        &|i| {
            url_path(i.id()).eq_ignore_ascii_case(&path)
                || matches!(i, Item::Post(p) if p.aliases.iter().any(|a| url_path(a) == path))
        },
        &|i| i.id().ends_with(wanted),
        &|i| i.id().to_lowercase().contains(&lower),
        // A permalink or full URL of the site (`/blog/2016/09/x/`, `https://site/conf/x/`):
        // the page whose file has that name, when only one has.
        &|i| {
            wanted.contains('/')
                && !slug.is_empty()
                && crate::connections::relations::page_path(i.id())
                    .rsplit('/')
                    .next()
                    == Some(slug.as_str())
        },
    ];
    for rule in rules {
        let mut found: Vec<Item<'a>> = all().filter(|i| rule(i)).collect();
        match found.len() {
            0 => continue,
            1 => return Ok(found.remove(0)),
            n => {
                found.sort_by(|a, b| a.id().cmp(b.id()));
                let ids: Vec<String> = found
                    .iter()
                    .take(10)
                    .map(|i| sanitize_line(i.id()).into_owned())
                    .collect();
                let more = if n > 10 {
                    format!(" and {} more", n - 10)
                } else {
                    String::new()
                };
                return Err(format!(
                    "{shown:?} matches {n} ids: {}{more}; give more of one",
                    ids.join(", ")
                ));
            }
        }
    }
    Err(format!(
        "no talk or post with an id like {shown:?}; `talks list` prints every id"
    ))
}

/// `https://host/blog/2013/07/x/` and `/blog/2013/07/x` both give `/blog/2013/07/x`.
fn url_path(s: &str) -> String {
    let rest = s
        .split_once("://")
        .map(|(_, r)| r.find('/').map_or("/", |i| &r[i..]))
        .unwrap_or(s);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let p = rest.trim_end_matches('/');
    if p.starts_with('/') {
        p.to_string()
    } else {
        format!("/{p}")
    }
}

/// Like `fit`, but a long text keeps its end: "…replication-zalando".
pub fn fit_left(s: &str, width: usize) -> String {
    let s = sanitize_line(s);
    if text_width(&s) <= width {
        return fit(&s, width);
    }
    let mut tail: Vec<char> = Vec::new();
    let mut w = 1;
    for c in s.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width {
            break;
        }
        tail.push(c);
        w += cw;
    }
    let mut out = String::from("…");
    out.extend(tail.iter().rev());
    fit(&out, width)
}

/// Cut (with `…`) or pad to exactly `width` display columns.
pub fn fit(s: &str, width: usize) -> String {
    let s = sanitize_line(s);
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    let mut out = String::new();
    let mut w = 0;
    if total <= width {
        out.push_str(&s);
        w = total;
    } else if width > 0 {
        for c in s.chars() {
            let cw = c.width().unwrap_or(0);
            if w + cw > width - 1 {
                break;
            }
            out.push(c);
            w += cw;
        }
        while out.ends_with(' ') {
            out.pop();
            w -= 1;
        }
        out.push('…');
        w += 1;
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// Speakers in `width` columns, keeping the surnames a person searches for: full names when
/// they fit, else initials for the given names ("V. Gogichashvili"), else surnames alone.
pub fn fit_people(names: &[&str], width: usize) -> String {
    let names: Vec<String> = names
        .iter()
        .map(|n| sanitize_line(n).into_owned())
        .collect();
    let full = names.join(", ");
    if text_width(&full) <= width {
        return fit(&full, width);
    }
    let split = |n: &str| -> (Vec<String>, String) {
        let mut words: Vec<String> = n.split_whitespace().map(str::to_string).collect();
        let last = words.pop().unwrap_or_default();
        (words, last)
    };
    let initials = names
        .iter()
        .map(|n| {
            let (given, last) = split(n);
            let mut out: Vec<String> = given
                .iter()
                .filter_map(|g| g.chars().next().map(|c| format!("{c}.")))
                .collect();
            out.push(last);
            out.join(" ")
        })
        .collect::<Vec<_>>()
        .join(", ");
    if text_width(&initials) <= width {
        return fit(&initials, width);
    }
    let surnames = names
        .iter()
        .map(|n| split(n).1)
        .collect::<Vec<_>>()
        .join(", ");
    fit(&surnames, width)
}

/// Escape, inside JSON text, the characters serde_json leaves raw but a terminal or a reader
/// should never get raw. Valid JSON before is valid JSON after: `\uXXXX` is allowed anywhere
/// in a string, and these characters never occur outside strings.
pub fn escape_json_specials(json: &str) -> String {
    let risky = |c: char| matches!(c, '\u{80}'..='\u{9f}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{61c}');
    if !json.chars().any(risky) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if risky(c) {
            out += &format!("\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// Display width of one line of text.
pub fn text_width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Column widths (id, who, title, event) for rows whose widest cells are `widest`, on a
/// terminal `width` columns wide. The title matters most: it gets at least 40 columns when the
/// terminal has 100, by dropping the event, then narrowing the id and the speakers.
pub fn plan_columns(widest: [usize; 4], width: usize) -> [usize; 4] {
    const GAP: usize = 2;
    const DATE: usize = 10;
    let [id, who, title, conf] = widest;
    let mut w = [id.min(32), who.min(26), title, conf.min(24)];
    let title_room = |w: &[usize; 4]| {
        let others: usize = [w[0], w[1], w[3]]
            .iter()
            .filter(|&&c| c > 0)
            .map(|c| c + GAP)
            .sum();
        width.saturating_sub(DATE + others + GAP)
    };
    let want = title.min(40);
    if title_room(&w) < want {
        w[3] = 0;
    }
    while title_room(&w) < want && (w[0] > 16 || w[1] > 16) {
        if w[0] >= w[1] && w[0] > 16 {
            w[0] -= 1;
        } else {
            w[1] -= 1;
        }
    }
    w[2] = title_room(&w).min(title).max(10);
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_with_an_ellipsis_and_pads_to_the_width() {
        assert_eq!(fit("Dimitri Fontaine", 10), "Dimitri F…");
        assert_eq!(fit("Dimitri Fontaine", 8), "Dimitri…");
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("日本語です", 5), "日本…");
        assert_eq!(fit("x", 0), "");
    }

    #[test]
    fn the_title_keeps_forty_columns_at_a_hundred() {
        // The widest cells of the bundled archive's rows.
        let widest = [41, 29, 63, 18];
        let [id, who, title, conf] = plan_columns(widest, 100);
        assert!(title >= 40, "{:?}", (id, who, title, conf));
        let used = 10 + 2 + id + 2 + who + 2 + title + if conf > 0 { 2 + conf } else { 0 };
        assert!(used <= 100, "{used}");
        // Wide terminals show everything whole.
        assert_eq!(plan_columns(widest, 200), [32, 26, 63, 18]);
    }

    #[test]
    fn a_cut_id_keeps_its_end() {
        assert_eq!(
            fit_left("gogichashvili-logical-replication", 12),
            "…replication"
        );
        assert_eq!(fit_left("short", 8), "short   ");
    }

    #[test]
    fn people_keep_their_surnames_when_cut() {
        let one = ["Valentine Gogichashvili"];
        assert_eq!(fit_people(&one, 24), "Valentine Gogichashvili ");
        assert_eq!(fit_people(&one, 18), "V. Gogichashvili  ");
        let two = ["Марат Фаттахов", "Dmitry Boikov"];
        assert_eq!(fit_people(&two, 22), "М. Фаттахов, D. Boikov");
        assert_eq!(fit_people(&two, 17), "Фаттахов, Boikov ");
        assert_eq!(fit_people(&two, 10), "Фаттахов,…");
    }

    #[test]
    fn json_escapes_c1_and_bidi_and_stays_json() {
        let raw = serde_json::json!({"t": "a\u{9b}31mb\u{202e}c\u{200b}d"}).to_string();
        let safe = escape_json_specials(&raw);
        assert_eq!(safe, r#"{"t":"a\u009b31mb\u202ec\u200bd"}"#);
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["t"], "a\u{9b}31mb\u{202e}c\u{200b}d");
    }

    #[test]
    fn url_path_ignores_scheme_host_query_and_slashes() {
        assert_eq!(
            url_path("https://tapoueh.org/blog/2013/07/x/?a=1#b"),
            "/blog/2013/07/x"
        );
        assert_eq!(url_path("blog/2013/07/x"), "/blog/2013/07/x");
        assert_eq!(url_path("/blog/x/"), "/blog/x");
    }
}
