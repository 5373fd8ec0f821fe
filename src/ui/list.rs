//! The list pane: one row per talk (date, speakers, title, conference) or post (date, title,
//! tags), matched characters highlighted, and a helpful message when nothing matches.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Ctx;
use super::text::{fit_spans, format_date};
use crate::app::{Focus, Mode, Tab};
use crate::search::{DocKind, Shown};

/// Column widths for a talk row in `w` columns: the title gets what the others leave.
fn talk_columns(w: usize) -> (usize, usize, usize) {
    let rest = w.saturating_sub(11);
    let speakers = (rest / 4).clamp(8, 26);
    let conference = if rest >= 56 {
        (rest / 5).clamp(10, 24)
    } else {
        0
    };
    let gaps = if conference > 0 { 2 } else { 1 };
    let title = rest.saturating_sub(speakers + conference + gaps);
    (speakers, title, conference)
}

/// Draws the list; returns the rectangle of its rows (for clicks).
pub fn render(frame: &mut Frame, area: Rect, ctx: &Ctx) -> Rect {
    let m = ctx.model;
    let t = ctx.theme;
    let focused = m.focus == Focus::List && m.mode != Mode::Search;
    let title = match m.tab {
        Tab::Talks => " Talks ",
        Tab::Posts => " Posts ",
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, t.title))
        .border_style(if focused { t.border_focus } else { t.border });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = m.rows();
    if rows.is_empty() {
        render_empty(frame, inner, ctx);
        return inner;
    }
    let date_w = m.index.docs.first().and_then(|d| d.date).map_or(10, |d| {
        unicode_width::UnicodeWidthStr::width(format_date(d, m.date_format.as_deref()).as_str())
    });
    // The mark column and the date come first; the other columns share what is left.
    let w = (inner.width as usize).saturating_sub(1 + date_w.saturating_sub(10));
    let offset = m.offset[m.tab.index()];
    let selected = m.selected_index();
    let mut lines = Vec::with_capacity(inner.height as usize);
    for (row, &doc_i) in rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(inner.height as usize)
    {
        let doc = &m.index.docs[doc_i as usize];
        let is_sel = row == selected;
        let base = if is_sel {
            t.selected
        } else {
            ratatui::style::Style::new()
        };
        let hl = t
            .highlight
            .patch(if is_sel {
                t.selected
            } else {
                ratatui::style::Style::new()
            })
            .patch(t.highlight);
        let hls = |f: Shown| {
            if m.parsed.is_empty() {
                Vec::new()
            } else {
                m.matcher.highlights(doc, &m.parsed, f)
            }
        };
        let date = doc
            .date
            .map_or(String::new(), |d| format_date(d, m.date_format.as_deref()));
        // One column: the strongest mark (the detail pane lists them all).
        let has = m.marks(m.id_of(doc));
        let mark = if has.starred {
            "★"
        } else if has.queued {
            "◷"
        } else if has.seen {
            "✓"
        } else {
            " "
        };
        let mut spans = vec![Span::styled(mark, base.patch(t.key))];
        spans.extend(fit_spans(&date, &[], date_w, base.patch(t.date), base));
        spans.push(Span::styled(" ", base));
        match doc.kind {
            DocKind::Talk => {
                let talk = &m.archive.talks[doc.idx as usize];
                let (sw, tw, cw) = talk_columns(w);
                spans.extend(fit_spans(
                    &talk.speaker_names(),
                    &hls(Shown::Speakers),
                    sw,
                    base.patch(t.speaker),
                    hl,
                ));
                spans.push(Span::styled(" ", base));
                spans.extend(fit_spans(&talk.title, &hls(Shown::Title), tw, base, hl));
                if cw > 0 {
                    spans.push(Span::styled(" ", base));
                    spans.extend(fit_spans(
                        talk.conference_name().unwrap_or(""),
                        &hls(Shown::Conference),
                        cw,
                        base.patch(t.conference),
                        hl,
                    ));
                }
            }
            DocKind::Post => {
                let post = &m.archive.posts[doc.idx as usize];
                let rest = w.saturating_sub(11);
                let tags_w = if rest >= 50 { (rest / 3).min(30) } else { 0 };
                let mut title_w = rest.saturating_sub(tags_w + usize::from(tags_w > 0));
                // A separate marker, so it is never the part cut off and highlights stay put.
                if post.draft && title_w > 12 {
                    spans.push(Span::styled("draft ", base.patch(t.message)));
                    title_w -= 6;
                }
                spans.extend(fit_spans(
                    &post.title,
                    &hls(Shown::Title),
                    title_w,
                    base,
                    hl,
                ));
                if tags_w > 0 {
                    let tags = crate::archive::model::labels(&post.tags, &post.categories);
                    spans.push(Span::styled(" ", base));
                    spans.extend(fit_spans(
                        &tags.join(", "),
                        &hls(Shown::Tags),
                        tags_w,
                        base.patch(t.tag),
                        hl,
                    ));
                }
            }
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    inner
}

fn render_empty(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let m = ctx.model;
    let what = match m.tab {
        Tab::Talks => "talks",
        Tab::Posts => "posts",
    };
    let mut lines = Vec::new();
    if m.loading {
        lines.push(Line::from(Span::styled(
            "Loading the archive…",
            ctx.theme.dim,
        )));
    } else if m.searching {
        lines.push(Line::from(Span::styled("Searching…", ctx.theme.dim)));
    } else if m.total(m.tab) == 0 {
        lines.push(Line::from(format!("This archive has no {what}.")));
        lines.push(Line::from(Span::styled(
            "Add one with --data PATH (a Hugo site, its content/ folder, or a .toml archive).",
            ctx.theme.dim,
        )));
    } else {
        let q = super::sanitize::sanitize_line(&m.query).into_owned();
        if q.is_empty() {
            lines.push(Line::from(format!("No {what} pass the filters.")));
        } else {
            lines.push(Line::from(vec![
                Span::raw(format!("No {what} match ")),
                Span::styled(format!("“{q}”"), ctx.theme.title),
                Span::raw("."),
            ]));
        }
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Try:", ctx.theme.dim)));
        lines.push(Line::from(Span::styled(
            "  fewer or shorter words, or part of a name",
            ctx.theme.dim,
        )));
        lines.push(Line::from(Span::styled(
            "  @speaker  #tag  year:2016  conf:pgconf",
            ctx.theme.dim,
        )));
        let other = if m.tab == Tab::Talks {
            Tab::Posts
        } else {
            Tab::Talks
        };
        let n = m.shown[other.index()].len();
        if n > 0 {
            let (k, name) = if other == Tab::Posts {
                ("2", "posts")
            } else {
                ("1", "talks")
            };
            lines.push(Line::from(Span::styled(
                format!("  {k}: {n} {name} match"),
                ctx.theme.dim,
            )));
        }
        if !m.filters.is_empty() {
            lines.push(Line::from(Span::styled(
                "  x: clear the filters",
                ctx.theme.dim,
            )));
        }
        if !q.is_empty() {
            lines.push(Line::from(Span::styled(
                "  Esc: clear the search",
                ctx.theme.dim,
            )));
        }
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::talk_columns;

    #[test]
    fn columns_shrink_and_fit() {
        for w in 0..200 {
            let (s, t, c) = talk_columns(w);
            let used = 11 + s + t + c + if c > 0 { 2 } else { 1 };
            assert!(used <= w.max(11 + s + 1), "w={w}");
        }
        assert_eq!(talk_columns(60).2, 0);
        assert!(talk_columns(70).2 > 0);
        assert!(talk_columns(120).2 > 0);
    }
}
