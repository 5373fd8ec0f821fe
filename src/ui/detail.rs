//! The detail pane: everything about the selected talk or post, the abstract and body rendered
//! from Markdown, the speakers' other talks, and the item's other connections (re-runs, posts
//! about talks, links between items). Wrapped and scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Ctx;
use super::markdown::render_markdown;
use super::sanitize::sanitize_line;
use crate::app::Focus;
use crate::connections::{ItemRef, Reason, SIMILAR_MAX, SIMILAR_MIN};

fn clean(s: &str) -> String {
    sanitize_line(s).into_owned()
}

/// Rendered Markdown by (archive, item, width): a long post costs milliseconds to render, and
/// a frame is drawn on every key. The archive's address tells a reload apart; theme changes
/// need a restart anyway. Small: a reader moves through a few items at one width.
type CacheKey = (usize, crate::search::DocKind, u32, u16);
type Rendered = std::sync::Arc<Vec<Line<'static>>>;

thread_local! {
    static RENDERED: std::cell::RefCell<std::collections::HashMap<CacheKey, Rendered>> =
        std::cell::RefCell::default();
}

fn cached(key: CacheKey, render: impl FnOnce() -> Vec<Line<'static>>) -> Rendered {
    if let Some(hit) = RENDERED.with(|c| c.borrow().get(&key).cloned()) {
        return hit;
    }
    let lines = std::sync::Arc::new(render());
    RENDERED.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= 64 {
            c.clear();
        }
        c.insert(key, lines.clone());
    });
    lines
}

/// A detail in three parts: lines to wrap (title, speakers, links), the rendered Markdown
/// (already wrapped to the width, one row per line, cached), and more lines to wrap (other
/// talks, the id). Only the rows on screen are laid out each frame.
struct Page {
    head: Vec<Line<'static>>,
    body: Rendered,
    tail: Vec<Line<'static>>,
    /// The chosen other talk's line in `tail`.
    chosen: Option<usize>,
}

fn rows_of(lines: &[Line<'static>], width: u16) -> usize {
    Paragraph::new(lines.to_vec())
        .wrap(Wrap { trim: false })
        .line_count(width)
}

/// Draws the detail; returns its inner rectangle, the largest useful scroll, and the row of the
/// chosen related talk.
pub fn render(frame: &mut Frame, area: Rect, ctx: &Ctx) -> (Rect, u16, Option<u16>) {
    let m = ctx.model;
    let t = ctx.theme;
    let focused = m.focus == Focus::Detail;
    let title = if m.zoom {
        " Detail (zoomed) "
    } else {
        " Detail "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, t.title))
        .border_style(if focused { t.border_focus } else { t.border });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width.saturating_sub(1).max(1);
    let page = if let Some(talk) = m.selected_talk() {
        talk_lines(ctx, talk, width)
    } else if let Some(post) = m.selected_post() {
        post_lines(ctx, post, width)
    } else {
        Page {
            head: vec![Line::from(Span::styled("Nothing selected.", t.dim))],
            body: Rendered::default(),
            tail: Vec::new(),
            chosen: None,
        }
    };
    let head_rows = rows_of(&page.head, width);
    let body_rows = page.body.len();
    let tail_rows = rows_of(&page.tail, width);
    // Wrapped rows above the chosen related talk: where it lands on screen.
    let reveal_row = page
        .chosen
        .map(|i| (head_rows + body_rows + rows_of(&page.tail[..i], width)) as u16);
    let total = (head_rows + body_rows + tail_rows) as u16;
    let max_scroll = total.saturating_sub(inner.height);
    let scroll = m.detail_scroll.min(max_scroll);
    let text_area = Rect { width, ..inner };
    let height = inner.height as usize;
    // Lay out only from the part where the screen starts, and only a screenful of the body.
    let s = scroll as usize;
    let (lines, skip): (Vec<Line<'static>>, usize) = if s < head_rows {
        let mut v = page.head.clone();
        v.extend(page.body.iter().take(height).cloned());
        if body_rows < height {
            v.extend(page.tail.iter().cloned());
        }
        (v, s)
    } else if s - head_rows < body_rows {
        let from = s - head_rows;
        let mut v: Vec<Line<'static>> = page.body[from..(from + height).min(body_rows)].to_vec();
        if from + height > body_rows {
            v.extend(page.tail.iter().cloned());
        }
        (v, 0)
    } else {
        (page.tail.clone(), s - head_rows - body_rows)
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((skip as u16, 0)),
        text_area,
    );
    if max_scroll > 0 && inner.height > 0 {
        // A one-column scroll indicator: where we are in the text.
        let pos =
            (scroll as u32 * (inner.height.saturating_sub(1)) as u32 / max_scroll as u32) as u16;
        let bar = Rect {
            x: inner.x + inner.width - 1,
            y: inner.y + pos,
            width: 1,
            height: 1,
        };
        frame.render_widget(Paragraph::new("┃").style(t.dim), bar);
    }
    (inner, max_scroll, reveal_row)
}

/// The longest prefix of `s` that fits `width` columns, and the rest.
fn split_at_width(s: &str, width: usize) -> (&str, &str) {
    let mut w = 0;
    for (i, c) in s.char_indices() {
        w += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w > width {
            return s.split_at(i);
        }
    }
    (s, "")
}

/// "★ starred · ◷ watch later · ✓ seen", when any apply.
fn marks_line(ctx: &Ctx, id: &str) -> Option<Line<'static>> {
    let has = ctx.model.marks(id);
    let marks: Vec<&str> = [
        (has.starred, "★ starred"),
        (has.queued, "◷ watch later"),
        (has.seen, "✓ seen"),
    ]
    .into_iter()
    .filter_map(|(on, label)| on.then_some(label))
    .collect();
    (!marks.is_empty()).then(|| Line::from(Span::styled(marks.join(" · "), ctx.theme.key)))
}

/// The numbered links (`o` and `y` pick by these numbers), after a blank line.
fn link_lines(ctx: &Ctx, links: &[crate::archive::Link], width: u16, out: &mut Vec<Line<'static>>) {
    let t = ctx.theme;
    if !links.is_empty() {
        out.push(Line::from(""));
        // Choosing a link (the prompt is open) shows each URL whole; otherwise one line each,
        // cut with "…" (open and copy use the whole URL).
        let whole = matches!(ctx.model.mode, crate::app::Mode::LinkPrompt(_));
        // "[1] " or "[ 1] " when there are ten or more: the URLs stay in one column.
        let digits = links.len().to_string().len();
        let prefix = digits + 3 + 7;
        for (i, l) in links.iter().enumerate() {
            let mut spans = vec![
                Span::styled(format!("[{:>digits$}] ", i + 1), t.key),
                Span::styled(format!("{:<7}", l.kind.label()), t.dim),
            ];
            let room = (width as usize).saturating_sub(prefix);
            if whole {
                let url = clean(&l.url);
                let mut rest: &str = &url;
                let mut first = true;
                while first || !rest.is_empty() {
                    let (part, tail) = split_at_width(rest, room.max(1));
                    if !first {
                        spans = vec![Span::raw(" ".repeat(prefix))];
                    }
                    spans.push(Span::styled(part.to_string(), t.link));
                    out.push(Line::from(std::mem::take(&mut spans)));
                    rest = tail;
                    first = false;
                }
            } else {
                let mut url = super::text::fit_spans(&l.url, &[], room, t.link, t.link);
                // The padding is not part of the link: no underline to the pane's edge.
                if let Some(pad) = url.last_mut().filter(|s| s.content.trim().is_empty()) {
                    pad.style = Style::new();
                }
                spans.extend(url);
                out.push(Line::from(spans));
            }
        }
    }
}

/// The selected item's other connections (re-runs, posts about it, the talks a post is about,
/// links between items), a section per reason; "same speaker" has its own section above and
/// "similar" is not shown here. One line each: date, title, event.
fn connection_lines(ctx: &Ctx, item: ItemRef, out: &mut Vec<Line<'static>>) {
    let t = ctx.theme;
    let m = ctx.model;
    let related = m.connections.related(&m.archive, item);
    let mut current: Option<Reason> = None;
    for r in related
        .iter()
        .filter(|r| !matches!(r.reason, Reason::SameSpeaker | Reason::Similar))
    {
        let (date, title, event) = match r.item {
            ItemRef::Talk(i) => match m.archive.talks.get(i as usize) {
                Some(o) => (o.date, &o.title, o.conference_name()),
                None => continue,
            },
            ItemRef::Post(i) => match m.archive.posts.get(i as usize) {
                Some(o) => (o.date, &o.title, None),
                None => continue,
            },
        };
        if current != Some(r.reason) {
            current = Some(r.reason);
            let n = related.iter().filter(|x| x.reason == r.reason).count();
            out.push(Line::from(""));
            out.push(Line::from(Span::styled(
                format!("── {} ({n}) ──", r.reason.heading()),
                t.dim,
            )));
        }
        out.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(date.map_or("          ".into(), |d| d.to_string()), t.date),
            Span::raw(format!(" {}", clean(title))),
            Span::styled(
                event.map_or(String::new(), |c| format!(" — {}", clean(c))),
                t.dim,
            ),
        ]));
    }
}

/// The talks most like `item` (its index into talks or posts), at most `SIMILAR_MAX`, alike
/// enough; remembered for the last item asked (a frame is drawn on every key).
fn similar_to(ctx: &Ctx, item: ItemRef) -> Vec<u32> {
    type Key = (usize, ItemRef);
    thread_local! {
        static LAST: std::cell::RefCell<Option<(Key, Vec<u32>)>> = const {
            std::cell::RefCell::new(None)
        };
    }
    let m = ctx.model;
    let Some(similar) = &m.similar else {
        return Vec::new();
    };
    let key = (std::sync::Arc::as_ptr(similar) as usize, item);
    if let Some(hit) = LAST.with(|c| {
        c.borrow()
            .as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
    }) {
        return hit;
    }
    let want = SIMILAR_MAX + 1;
    let near = match item {
        ItemRef::Talk(t) => similar.like_talk(t, want),
        ItemRef::Post(p) => match m.archive.posts.get(p as usize) {
            Some(post) => similar.like_post(post, want),
            None => Vec::new(),
        },
    };
    let out: Vec<u32> = near
        .into_iter()
        .filter(|&(o, score)| score >= SIMILAR_MIN && item != ItemRef::Talk(o))
        .map(|(o, _)| o)
        .take(SIMILAR_MAX)
        .collect();
    LAST.with(|c| *c.borrow_mut() = Some((key, out.clone())));
    out
}

/// The "Similar" section, when the user asked for it: the nearest talks, or that they are
/// being found.
fn similar_lines(ctx: &Ctx, item: ItemRef, out: &mut Vec<Line<'static>>) {
    let t = ctx.theme;
    let m = ctx.model;
    if !m.show_similar {
        return;
    }
    out.push(Line::from(""));
    if m.similar.is_none() {
        out.push(Line::from(Span::styled("── Similar ──", t.dim)));
        out.push(Line::from(Span::styled("  finding similar talks…", t.dim)));
        return;
    }
    let near = similar_to(ctx, item);
    out.push(Line::from(Span::styled(
        format!("── {} ({}) ──", Reason::Similar.heading(), near.len()),
        t.dim,
    )));
    if near.is_empty() {
        out.push(Line::from(Span::styled("  no talk is much alike", t.dim)));
    }
    for o in near {
        if let Some(talk) = m.archive.talks.get(o as usize) {
            out.push(item_line(
                ctx,
                talk.date,
                &talk.title,
                talk.conference_name(),
            ));
        }
    }
}

/// One related item: date, title, event.
fn item_line(
    ctx: &Ctx,
    date: Option<crate::archive::Date>,
    title: &str,
    event: Option<&str>,
) -> Line<'static> {
    let t = ctx.theme;
    Line::from(vec![
        Span::raw("  "),
        Span::styled(date.map_or("          ".into(), |d| d.to_string()), t.date),
        Span::raw(format!(" {}", clean(title))),
        Span::styled(
            event.map_or(String::new(), |c| format!(" — {}", clean(c))),
            t.dim,
        ),
    ])
}

/// The speaker view: for each person of the talk who has more to tell than this one talk,
/// the other names used, companies over time, talks by year and co-speakers.
fn person_lines(ctx: &Ctx, talk: u32, out: &mut Vec<Line<'static>>) {
    let t = ctx.theme;
    let m = ctx.model;
    let people = &m.connections.people;
    for &p in people.of_talk.get(talk as usize).into_iter().flatten() {
        let person = &people.persons[p as usize];
        if person.talks.len() < 2 && person.aliases.is_empty() && person.companies.len() < 2 {
            continue;
        }
        out.push(Line::from(""));
        out.push(Line::from(Span::styled(
            format!("── {} ──", clean(&person.name)),
            t.dim,
        )));
        let mut row = |label: &str, text: String| {
            out.push(Line::from(vec![
                Span::styled(format!("{label}: "), t.dim),
                Span::raw(clean(&text)),
            ]));
        };
        if !person.aliases.is_empty() {
            row("also written", person.aliases.join(", "));
        }
        let years = |a: Option<i32>, b: Option<i32>| match (a, b) {
            (Some(a), Some(b)) if a != b => format!(" {a}–{b}"),
            (Some(a), _) => format!(" {a}"),
            _ => String::new(),
        };
        if !person.companies.is_empty() {
            let stints: Vec<String> = person
                .companies
                .iter()
                .map(|c| format!("{}{}", c.company, years(c.first, c.last)))
                .collect();
            row("companies", stints.join(", "));
        }
        let by_year: Vec<String> = person
            .talks_by_year(&m.archive.talks)
            .iter()
            .map(|(y, ts)| {
                let y = y.map_or_else(|| "undated".to_string(), |y| y.to_string());
                format!("{y} ({})", ts.len())
            })
            .collect();
        row(
            &format!("{} talks", person.talks.len()),
            by_year.join(" · "),
        );
        if !person.co_speakers.is_empty() {
            let with: Vec<String> = person
                .co_speakers
                .iter()
                .take(8)
                .map(|&(o, n)| {
                    let name = &people.persons[o as usize].name;
                    if n > 1 {
                        format!("{name} ({n})")
                    } else {
                        name.clone()
                    }
                })
                .collect();
            row("with", with.join(", "));
        }
    }
}

/// The lines of a talk's detail, and the index of the chosen related talk's line.
fn talk_lines(ctx: &Ctx, talk: &crate::archive::Talk, width: u16) -> Page {
    let mut chosen_line = None;
    let t = ctx.theme;
    let m = ctx.model;
    let mut out = vec![Line::from(Span::styled(
        clean(&talk.title),
        t.title.patch(t.md.heading),
    ))];
    out.extend(marks_line(ctx, &talk.id));
    if talk.draft {
        out.push(Line::from(Span::styled("draft", t.message)));
    }
    if !talk.speakers.is_empty() {
        let mut spans = Vec::new();
        for (i, s) in talk.speakers.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(", "));
            }
            spans.push(Span::styled(clean(&s.name), t.speaker));
            if let Some(c) = &s.company {
                spans.push(Span::styled(format!(" ({})", clean(c)), t.dim));
            }
        }
        out.push(Line::from(spans));
    }
    let mut place = Vec::new();
    if let Some(c) = talk.conference_name() {
        place.push(Span::styled(clean(c), t.conference));
    }
    if let Some(city) = &talk.city {
        if !place.is_empty() {
            place.push(Span::raw(" · "));
        }
        place.push(Span::raw(clean(city)));
    }
    if let Some(d) = talk.date {
        if !place.is_empty() {
            place.push(Span::raw(" · "));
        }
        place.push(Span::styled(
            super::text::format_date(d, m.date_format.as_deref()),
            t.date,
        ));
    }
    if let Some(l) = &talk.language {
        let shown = crate::archive::language::name(l).unwrap_or(l);
        place.push(Span::styled(format!(" · {}", clean(shown)), t.dim));
    }
    // What a schedule says about the session: room, length, kind.
    let session: Vec<String> = [
        talk.room.clone(),
        talk.duration_min.map(|m| format!("{m} min")),
        talk.session_type.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !session.is_empty() {
        place.push(Span::styled(
            format!(" · {}", clean(&session.join(" · "))),
            t.dim,
        ));
    }
    if !place.is_empty() {
        out.push(Line::from(place));
    }
    let tags = crate::archive::model::labels(&talk.tags, &talk.categories);
    if !tags.is_empty() {
        out.push(Line::from(
            tags.iter()
                .map(|x| Span::styled(format!("#{} ", clean(x)), t.tag))
                .collect::<Vec<_>>(),
        ));
    }
    link_lines(ctx, &talk.links, width, &mut out);
    let idx = m.selected_doc().map_or(0, |d| d.idx);
    let key = (
        std::sync::Arc::as_ptr(&m.archive) as usize,
        crate::search::DocKind::Talk,
        idx,
        width,
    );
    let text = cached(key, || {
        let mut out = Vec::new();
        if !talk.abstract_md.trim().is_empty() {
            out.push(Line::from(""));
            out.extend(render_markdown(&talk.abstract_md, width, &t.md));
        }
        if !talk.body_md.trim().is_empty() {
            out.push(Line::from(""));
            out.push(Line::from(Span::styled("── Notes ──", t.dim)));
            out.extend(render_markdown(&talk.body_md, width, &t.md));
        }
        for sp in talk.speakers.iter().filter(|s| s.bio.is_some()) {
            out.push(Line::from(""));
            out.push(Line::from(Span::styled(
                format!("── About {} ──", clean(&sp.name)),
                t.dim,
            )));
            out.extend(render_markdown(
                sp.bio.as_deref().unwrap_or(""),
                width,
                &t.md,
            ));
        }
        if let Some(desc) = talk
            .conference
            .as_ref()
            .and_then(|c| c.description.as_deref())
        {
            out.push(Line::from(""));
            out.push(Line::from(Span::styled("── About the event ──", t.dim)));
            out.extend(render_markdown(desc, width, &t.md));
        }
        out
    });
    let head = std::mem::take(&mut out);
    let related = m.related();
    if !related.is_empty() {
        let names: Vec<String> = talk.speakers.iter().map(|s| clean(&s.name)).collect();
        let choose = ctx
            .keymap
            .keys_in(m.key_modes(), crate::app::Command::NextRelated)
            .first()
            .map_or(String::new(), |k| {
                format!(" · {}: choose, Enter: go", k.label())
            });
        out.push(Line::from(""));
        out.push(Line::from(vec![
            Span::styled(
                format!(
                    "── Other talks by {} ({}) ",
                    names.join(", "),
                    related.len()
                ),
                t.dim,
            ),
            Span::styled(format!("──{choose}"), t.dim),
        ]));
        for (i, &ti) in related.iter().enumerate() {
            let other = &m.archive.talks[ti as usize];
            let chosen = m.related_cursor == Some(i);
            if chosen {
                chosen_line = Some(out.len());
            }
            let style = if chosen { t.selected } else { Style::new() };
            out.push(Line::from(vec![
                Span::styled(if chosen { "▶ " } else { "  " }, style),
                Span::styled(
                    other.date.map_or("          ".into(), |d| d.to_string()),
                    style.patch(t.date),
                ),
                Span::styled(format!(" {}", clean(&other.title)), style),
                Span::styled(
                    other
                        .conference_name()
                        .map_or(String::new(), |c| format!(" — {}", clean(c))),
                    style.patch(t.dim),
                ),
            ]));
        }
    }
    if let Some(d) = m.selected_doc() {
        connection_lines(ctx, ItemRef::Talk(d.idx), &mut out);
        similar_lines(ctx, ItemRef::Talk(d.idx), &mut out);
        person_lines(ctx, d.idx, &mut out);
    }
    out.push(Line::from(""));
    out.push(Line::from(Span::styled(
        format!("{}  {}", clean(&talk.id), clean(&talk.origin.to_string())),
        t.dim,
    )));
    Page {
        head,
        body: text,
        tail: out,
        chosen: chosen_line,
    }
}

fn post_lines(ctx: &Ctx, post: &crate::archive::Post, width: u16) -> Page {
    let t = ctx.theme;
    let mut out = vec![Line::from(Span::styled(
        clean(&post.title),
        t.title.patch(t.md.heading),
    ))];
    out.extend(marks_line(ctx, &post.id));
    let mut meta = Vec::new();
    if let Some(d) = post.date {
        meta.push(Span::styled(d.to_string(), t.date));
    }
    if post.draft {
        meta.push(Span::styled("  draft", t.message));
    }
    if let Some(l) = &post.language {
        meta.push(Span::styled(
            format!(
                " · {}",
                clean(crate::archive::language::name(l).unwrap_or(l))
            ),
            t.dim,
        ));
    }
    if !meta.is_empty() {
        out.push(Line::from(meta));
    }
    if !post.tags.is_empty() {
        out.push(Line::from(
            post.tags
                .iter()
                .map(|x| Span::styled(format!("#{} ", clean(x)), t.tag))
                .collect::<Vec<_>>(),
        ));
    }
    if !post.categories.is_empty() {
        let names: Vec<String> = post.categories.iter().map(|c| clean(c)).collect();
        out.push(Line::from(Span::styled(
            format!("categories: {}", names.join(", ")),
            t.dim,
        )));
    }
    out.push(Line::from(""));
    let idx = ctx.model.selected_doc().map_or(0, |d| d.idx);
    let key = (
        std::sync::Arc::as_ptr(&ctx.model.archive) as usize,
        crate::search::DocKind::Post,
        idx,
        width,
    );
    let body = cached(key, || render_markdown(&post.body_md, width, &t.md));
    // A post's links are mostly those of its text: after it, so the text comes first.
    let mut tail = Vec::new();
    if !post.links.is_empty() {
        tail.push(Line::from(""));
        tail.push(Line::from(Span::styled("── Links ──", t.dim)));
        link_lines(ctx, &post.links, width, &mut tail);
    }
    if let Some(d) = ctx.model.selected_doc() {
        connection_lines(ctx, ItemRef::Post(d.idx), &mut tail);
        similar_lines(ctx, ItemRef::Post(d.idx), &mut tail);
    }
    tail.push(Line::from(""));
    tail.push(Line::from(Span::styled(
        format!("{}  {}", clean(&post.id), clean(&post.origin.to_string())),
        t.dim,
    )));
    Page {
        head: out,
        body,
        tail,
        chosen: None,
    }
}
