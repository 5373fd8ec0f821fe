//! The list pane: one row per talk (date, speakers, title, conference) or post (date, title,
//! tags), matched characters highlighted, and a helpful message when nothing matches.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
};
use unicode_width::UnicodeWidthStr;

use super::Ctx;
use super::text::{fit_spans, format_date};
use crate::app::{Focus, Mode, Tab};
use crate::search::{DocKind, Shown};

/// Columns before the title: three mark slots and a space.
const MARKS_W: usize = 4;
/// The title keeps at least this much of a one-line row (40 characters and a "…"); below it,
/// rows take two lines.
const MIN_TITLE: usize = 41;

/// Column widths of a one-line talk row in `w` columns after the marks and the date:
/// (speakers, title, conference). The speakers' column is as wide as the rows on screen need
/// (full names up to 26 columns, surnames at least); `None` when the surnames and
/// `MIN_TITLE` columns of title do not both fit, and rows take two lines instead.
fn talk_columns(w: usize, surnames: usize, full: usize) -> Option<(usize, usize, usize)> {
    let room = w.checked_sub(1 + MIN_TITLE)?;
    if surnames > room {
        return None;
    }
    let speakers = full.min(26).max(surnames).min(room);
    let rest = w - speakers - 1;
    let conference = if rest >= MIN_TITLE + 30 {
        (rest / 4).clamp(12, 24)
    } else {
        0
    };
    let title = rest - conference - usize::from(conference > 0);
    Some((speakers, title, conference))
}

/// The speakers as a row shows them: full names when they fit in `width`, otherwise surnames
/// (the part people search for), with each char's position in `speaker_names()` so match
/// highlights land on the right letters.
fn speakers_for_row(names: &[&str], width: usize) -> (String, Vec<usize>) {
    let full = names.join(", ");
    if full.width() <= width || names.is_empty() {
        let n = full.chars().count();
        return (full, (0..n).collect());
    }
    let mut out = String::new();
    let mut map = Vec::new();
    let mut base = 0;
    for (i, s) in names.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
            map.extend([base - 2, base - 1]);
        }
        let name: Vec<char> = s.chars().collect();
        let last_space = name.iter().rposition(|c| c.is_whitespace());
        let from = last_space.map_or(0, |p| p + 1);
        for (k, c) in name.iter().enumerate().skip(from) {
            out.push(*c);
            map.push(base + k);
        }
        base += name.len() + 2;
    }
    (out, map)
}

fn names(talk: &crate::archive::Talk) -> Vec<&str> {
    talk.speakers.iter().map(|s| s.name.as_str()).collect()
}

/// The first key of a command on the main screen, for hints.
fn key_of(ctx: &Ctx, cmd: crate::app::Command) -> String {
    ctx.keymap
        .keys_for(cmd)
        .first()
        .map_or("?".into(), |k| k.label())
}

/// Positions in the full string → positions in the shown one.
fn remap(positions: &[usize], map: &[usize]) -> Vec<usize> {
    map.iter()
        .enumerate()
        .filter(|(_, full)| positions.contains(full))
        .map(|(i, _)| i)
        .collect()
}

/// Draws the list; returns the rectangle of its rows (for clicks) and the lines per row.
pub fn render(frame: &mut Frame, area: Rect, ctx: &Ctx) -> (Rect, u16) {
    let m = ctx.model;
    let t = ctx.theme;
    let focused = m.focus == Focus::List && m.mode == Mode::Normal && !m.detail_open;
    let title = match m.tab {
        Tab::Talks => " Talks ",
        Tab::Posts => " Posts ",
    };
    let rows = m.rows();
    let selected = m.selected_index();
    let counter = if rows.is_empty() {
        " 0/0 ".to_string()
    } else {
        format!(" {}/{} ", selected + 1, rows.len())
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, t.title))
        .title_bottom(Line::from(Span::styled(counter, t.dim)).right_aligned())
        .border_style(if focused { t.border_focus } else { t.border });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if rows.is_empty() {
        render_empty(frame, inner, ctx);
        return (inner, 1);
    }
    let date_w = m
        .index
        .get(0)
        .and_then(|d| d.date)
        .map_or(10, |d| format_date(d, m.date_format.as_deref()).width());
    // What is left after the marks and the date, and a column for the scrollbar.
    let w = (inner.width as usize).saturating_sub(MARKS_W + date_w + 1 + 1);
    // What the speakers' column must hold for the rows that can be on screen.
    let (mut surnames, mut full) = (0, 0);
    if m.tab == Tab::Talks {
        for &d in rows
            .iter()
            .skip(m.offset[m.tab.index()])
            .take(inner.height as usize)
        {
            let doc = &m.index.doc(d);
            let talk = &m.archive.talks[doc.idx as usize];
            full = full.max(talk.speaker_names().width());
            surnames = surnames.max(speakers_for_row(&names(talk), 0).0.width());
        }
    }
    let columns = talk_columns(w, surnames, full);
    let one_line = m.tab == Tab::Posts || columns.is_some();
    let row_lines: u16 = if one_line { 1 } else { 2 };
    let offset = m.offset[m.tab.index()];
    let fit = (inner.height / row_lines) as usize;
    let mut lines = Vec::with_capacity(inner.height as usize);
    for (row, &doc_i) in rows.iter().enumerate().skip(offset).take(fit) {
        let doc = &m.index.doc(doc_i);
        let is_sel = row == selected;
        let has = m.marks(m.id_of(doc));
        // Seen items step back; the selection still stands out.
        let mut base = if has.seen {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new()
        };
        if is_sel {
            base = base.patch(t.selected);
        }
        let fg = |s: Style| {
            if has.seen {
                base.patch(s).patch(t.dim)
            } else {
                base.patch(s)
            }
        };
        let hl = base.patch(t.highlight);
        let hls = |f: Shown| {
            if m.parsed.is_empty() {
                Vec::new()
            } else {
                m.matcher.highlights(&shown_text(m, doc, f), &m.parsed, f)
            }
        };
        let date = doc
            .date
            .map_or(String::new(), |d| format_date(d, m.date_format.as_deref()));
        // Every mark in its own slot: ★ starred, ◷ watch later, ✓ seen.
        let mut spans = vec![Span::styled(
            format!(
                "{}{}{} ",
                if has.starred { "★" } else { " " },
                if has.queued { "◷" } else { " " },
                if has.seen { "✓" } else { " " }
            ),
            base.patch(t.key),
        )];
        let date_spans = fit_spans(&date, &[], date_w, fg(t.date), base);
        match doc.kind {
            DocKind::Talk if one_line => {
                let talk = &m.archive.talks[doc.idx as usize];
                let (sw, tw, cw) = columns.unwrap_or((10, MIN_TITLE, 0));
                spans.extend(date_spans);
                spans.push(Span::styled(" ", base));
                let (who, map) = speakers_for_row(&names(talk), sw);
                spans.extend(fit_spans(
                    &who,
                    &remap(&hls(Shown::Speakers), &map),
                    sw,
                    fg(t.speaker),
                    hl,
                ));
                spans.push(Span::styled(" ", base));
                spans.extend(fit_spans(
                    &talk.title,
                    &hls(Shown::Title),
                    tw,
                    fg(Style::new()),
                    hl,
                ));
                if cw > 0 {
                    spans.push(Span::styled(" ", base));
                    spans.extend(fit_spans(
                        &event_with_runs(m, talk, doc.idx),
                        &hls(Shown::Conference),
                        cw,
                        fg(t.conference),
                        hl,
                    ));
                }
                lines.push(Line::from(spans));
            }
            DocKind::Talk => {
                // Two lines: the title across the width, then date, speakers and event.
                let talk = &m.archive.talks[doc.idx as usize];
                let full = w + date_w + 1;
                spans.extend(fit_spans(
                    &talk.title,
                    &hls(Shown::Title),
                    full,
                    fg(Style::new()),
                    hl,
                ));
                lines.push(Line::from(spans));
                let mut second = vec![Span::styled(" ".repeat(MARKS_W), base)];
                second.extend(date_spans);
                second.push(Span::styled(" ", base));
                let conf = event_with_runs(m, talk, doc.idx);
                let conf = conf.as_str();
                // Speakers first, as wide as they need (surnames if they must shrink); the
                // event takes what is left.
                let (who, map) = speakers_for_row(&names(talk), w * 2 / 3);
                let sw = who.width().min(w);
                second.extend(fit_spans(
                    &who,
                    &remap(&hls(Shown::Speakers), &map),
                    sw,
                    fg(t.speaker),
                    hl,
                ));
                let conf_w = w.saturating_sub(sw + 3);
                if !conf.is_empty() && conf_w >= 6 {
                    second.push(Span::styled(if sw > 0 { " · " } else { "" }, fg(t.dim)));
                    second.extend(fit_spans(
                        conf,
                        &hls(Shown::Conference),
                        conf_w,
                        fg(t.conference),
                        hl,
                    ));
                }
                lines.push(Line::from(second));
            }
            DocKind::Post => {
                let post = &m.archive.posts[doc.idx as usize];
                spans.extend(date_spans);
                spans.push(Span::styled(" ", base));
                let rest = w;
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
                    fg(Style::new()),
                    hl,
                ));
                if tags_w > 0 {
                    let tags = crate::archive::model::labels(&post.tags, &post.categories);
                    spans.push(Span::styled(" ", base));
                    spans.extend(fit_spans(
                        &tags.join(", "),
                        &hls(Shown::Tags),
                        tags_w,
                        fg(t.tag),
                        hl,
                    ));
                }
                lines.push(Line::from(spans));
            }
        }
    }
    let text_area = Rect {
        width: inner.width.saturating_sub(1),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), text_area);
    if rows.len() > fit {
        let mut state = ScrollbarState::new(rows.len().saturating_sub(fit)).position(offset);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .track_symbol(Some("│"))
                .thumb_symbol("┃")
                .style(t.dim),
            area.inner(ratatui::layout::Margin {
                horizontal: 0,
                vertical: 1,
            }),
            &mut state,
        );
    }
    (inner, row_lines)
}

/// The talk's event, and how many other runs its row stands for when runs are collapsed:
/// "PGConf.EU 2019 (+2 runs)".
fn event_with_runs(m: &crate::app::Model, talk: &crate::archive::Talk, idx: u32) -> String {
    let conf = talk.conference_name().unwrap_or("");
    match m.hidden_runs(idx) {
        0 => conf.to_string(),
        1 => format!("{conf} (+1 run)"),
        n => format!("{conf} (+{n} runs)"),
    }
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
    } else if m.query.is_empty() && m.filters.is_empty() && m.view != crate::app::View::All {
        // The view is what empties the list: say which, and how to fill it or leave it.
        let (empty, how) = match m.view {
            crate::app::View::Starred => (format!("No starred {what} yet."), "star one with"),
            crate::app::View::WatchLater => (
                format!("No {what} in the watch-later queue."),
                "queue one with",
            ),
            _ => (
                format!("No {what} left that you have not seen."),
                "mark seen with",
            ),
        };
        let key = |c: crate::app::Command| {
            ctx.keymap
                .keys_in(m.key_modes(), c)
                .first()
                .map_or(String::new(), |k| k.label())
        };
        let mark = match m.view {
            crate::app::View::Starred => key(crate::app::Command::ToggleStar),
            crate::app::View::WatchLater => key(crate::app::Command::ToggleWatchLater),
            _ => key(crate::app::Command::ToggleSeen),
        };
        lines.push(Line::from(empty));
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!(
                "  {how} {mark} in the full list ({} shows all)",
                key(crate::app::Command::CycleView)
            ),
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
            let (cmd, name) = if other == Tab::Posts {
                (crate::app::Command::TabPosts, "posts")
            } else {
                (crate::app::Command::TabTalks, "talks")
            };
            let k = key_of(ctx, cmd);
            lines.push(Line::from(Span::styled(
                format!("  {k}: {n} {name} match"),
                ctx.theme.dim,
            )));
        }
        if !m.filters.is_empty() {
            lines.push(Line::from(Span::styled(
                format!(
                    "  {}: clear the filters",
                    key_of(ctx, crate::app::Command::ClearFilters)
                ),
                ctx.theme.dim,
            )));
        }
        if !q.is_empty() {
            lines.push(Line::from(Span::styled(
                format!(
                    "  {}: clear the search",
                    key_of(ctx, crate::app::Command::Back)
                ),
                ctx.theme.dim,
            )));
        }
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
        area,
    );
}

/// The string a row's field is shown from, as the index folded it: highlights are found in
/// it and map back to its glyphs.
fn shown_text(m: &crate::app::Model, doc: &crate::search::Doc, field: Shown) -> String {
    use crate::archive::model::labels;
    match doc.kind {
        DocKind::Talk => {
            let t = &m.archive.talks[doc.idx as usize];
            match field {
                Shown::Speakers => t.speaker_names(),
                Shown::Title => t.title.clone(),
                Shown::Conference => t.conference_name().unwrap_or("").to_string(),
                Shown::Tags => labels(&t.tags, &t.categories).join(", "),
            }
        }
        DocKind::Post => {
            let p = &m.archive.posts[doc.idx as usize];
            match field {
                Shown::Title => p.title.clone(),
                Shown::Tags => labels(&p.tags, &p.categories).join(", "),
                Shown::Speakers | Shown::Conference => String::new(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_rows_keep_surnames_and_forty_columns_of_title_or_fold() {
        for w in 0..200 {
            for (sur, full) in [(0, 0), (8, 16), (13, 23), (22, 40)] {
                if let Some((s, t, c)) = talk_columns(w, sur, full) {
                    assert!(t >= MIN_TITLE && s >= sur, "w={w}");
                    assert!(s + t + c + if c > 0 { 2 } else { 1 } <= w, "w={w}");
                }
            }
        }
        assert!(
            talk_columns(50, 13, 23).is_none(),
            "too narrow: two-line rows"
        );
        assert_eq!(talk_columns(55, 13, 23), Some((13, 41, 0)));
        assert_eq!(
            talk_columns(100, 13, 23).map(|c| c.0),
            Some(23),
            "full names when room"
        );
        assert!(
            talk_columns(110, 13, 23).unwrap().2 > 0,
            "wide rows show the event"
        );
    }

    #[test]
    fn long_speaker_lists_show_surnames_with_highlights_mapped() {
        let talk = ["Ada Quillfeather", "Bo Rasmussen-Tiago"];
        let (who, map) = speakers_for_row(&talk, 20);
        assert_eq!(who, "Quillfeather, Rasmussen-Tiago");
        // "Ras" in the full string starts at 18 + 3.
        assert_eq!(remap(&[21, 22, 23], &map), vec![14, 15, 16]);
        let (who, _) = speakers_for_row(&talk, 60);
        assert_eq!(who, "Ada Quillfeather, Bo Rasmussen-Tiago");
    }
}
