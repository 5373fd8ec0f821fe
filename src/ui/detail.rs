//! The detail pane: everything about the selected talk or post, the abstract and body rendered
//! from Markdown, and the speakers' other talks. Wrapped and scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Ctx;
use super::markdown::render_markdown;
use super::sanitize::sanitize_line;
use crate::app::Focus;

fn clean(s: &str) -> String {
    sanitize_line(s).into_owned()
}

/// Draws the detail; returns its inner rectangle, the largest useful scroll, and the row of the
/// chosen related talk.
pub fn render(frame: &mut Frame, area: Rect, ctx: &Ctx) -> (Rect, u16, Option<u16>) {
    let m = ctx.model;
    let t = ctx.theme;
    let focused = m.focus == Focus::Detail;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Detail ", t.title))
        .border_style(if focused { t.border_focus } else { t.border });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width.saturating_sub(1).max(1);
    let (lines, chosen) = if let Some(talk) = m.selected_talk() {
        talk_lines(ctx, talk, width)
    } else if let Some(post) = m.selected_post() {
        (post_lines(ctx, post, width), None)
    } else {
        (
            vec![Line::from(Span::styled("Nothing selected.", t.dim))],
            None,
        )
    };
    // Wrapped rows above the chosen related talk: where it lands on screen.
    let reveal_row = chosen.map(|i| {
        Paragraph::new(lines[..i].to_vec())
            .wrap(Wrap { trim: false })
            .line_count(width) as u16
    });
    let para = Paragraph::new(lines).wrap(Wrap { trim: false });
    let total = para.line_count(width) as u16;
    let max_scroll = total.saturating_sub(inner.height);
    let scroll = m.detail_scroll.min(max_scroll);
    let text_area = Rect { width, ..inner };
    frame.render_widget(para.scroll((scroll, 0)), text_area);
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

/// The lines of a talk's detail, and the index of the chosen related talk's line.
fn talk_lines(
    ctx: &Ctx,
    talk: &crate::archive::Talk,
    width: u16,
) -> (Vec<Line<'static>>, Option<usize>) {
    let mut chosen_line = None;
    let t = ctx.theme;
    let m = ctx.model;
    let mut out = vec![Line::from(Span::styled(
        clean(&talk.title),
        t.title.patch(t.md.heading),
    ))];
    out.extend(marks_line(ctx, &talk.id));
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
    if !talk.links.is_empty() {
        out.push(Line::from(""));
        for (i, l) in talk.links.iter().enumerate() {
            // One line per link, cut to fit: `o`/`y` open and copy the whole URL.
            let mut spans = vec![
                Span::styled(format!("[{}] ", i + 1), t.key),
                Span::styled(format!("{:<7}", l.kind.label()), t.dim),
            ];
            let room = (width as usize).saturating_sub(11);
            spans.extend(super::text::fit_spans(&l.url, &[], room, t.link, t.link));
            out.push(Line::from(spans));
        }
    }
    if !talk.abstract_md.trim().is_empty() {
        out.push(Line::from(""));
        out.extend(render_markdown(&talk.abstract_md, width, &t.md));
    }
    if !talk.body_md.trim().is_empty() {
        out.push(Line::from(""));
        out.push(Line::from(Span::styled("── Notes ──", t.dim)));
        out.extend(render_markdown(&talk.body_md, width, &t.md));
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
    let related = m.related();
    if !related.is_empty() {
        let names: Vec<String> = talk.speakers.iter().map(|s| clean(&s.name)).collect();
        out.push(Line::from(""));
        out.push(Line::from(vec![
            Span::styled(format!("── Other talks by {} ", names.join(", ")), t.dim),
            Span::styled("(r: choose, Enter: go)", t.dim),
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
    out.push(Line::from(""));
    out.push(Line::from(Span::styled(
        format!("{}  {}", talk.id, clean(&talk.origin.to_string())),
        t.dim,
    )));
    (out, chosen_line)
}

fn post_lines(ctx: &Ctx, post: &crate::archive::Post, width: u16) -> Vec<Line<'static>> {
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
    out.extend(render_markdown(&post.body_md, width, &t.md));
    out.push(Line::from(""));
    out.push(Line::from(Span::styled(
        format!("{}  {}", post.id, clean(&post.origin.to_string())),
        t.dim,
    )));
    out
}
