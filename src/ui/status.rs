//! The search bar and the status line: counts, filters, sort, skipped files, key hints, and
//! the one-line messages that actions leave.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::Ctx;
use super::sanitize::sanitize_line;
use crate::app::{Command, LinkVerb, Mode, Tab};

pub fn render_search(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let m = ctx.model;
    let t = ctx.theme;
    let editing = m.mode == Mode::Search;
    let mut spans = vec![Span::styled(" / ", if editing { t.key } else { t.dim })];
    if m.query.is_empty() && !editing {
        spans.push(Span::styled(
            "type to search speakers, titles, tags…  @speaker #tag year:2016 has:video",
            t.dim,
        ));
    } else {
        spans.push(Span::raw(sanitize_line(&m.query).into_owned()));
        if editing {
            spans.push(Span::styled("▏", t.key));
        }
        if m.searching {
            spans.push(Span::styled("  …", t.dim));
        }
    }
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    if let Some(e) = m.query_errors.first() {
        let msg = format!("⚠ {}", e.message);
        let room = (area.width as usize).saturating_sub(used + 2);
        if room > 8 {
            let pad = room.saturating_sub(msg.width());
            spans.push(Span::raw(" ".repeat(pad + 1)));
            spans.push(Span::styled(
                super::text::fit_spans(&msg, &[], room.min(msg.width()), t.error, t.error)
                    .into_iter()
                    .map(|s| s.content.into_owned())
                    .collect::<String>(),
                t.error,
            ));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn render_status(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let m = ctx.model;
    let t = ctx.theme;
    let what = if m.tab == Tab::Talks {
        "talks"
    } else {
        "posts"
    };
    let mut left = vec![Span::styled(
        format!(" {}/{} {what}", m.rows().len(), m.total(m.tab)),
        t.title,
    )];
    left.push(Span::styled(
        format!(" · {}", m.effective_sort().label()),
        t.dim,
    ));
    if m.loading {
        left.push(Span::styled(" · loading the archive…", t.message));
    }
    if m.view != crate::app::View::All {
        left.push(Span::styled(format!(" · {}", m.view.label()), t.message));
    }
    if !m.filters.is_empty() {
        let f: Vec<String> = m
            .filters
            .iter()
            .map(|f| format!("{}:{}", f.kind.label(), sanitize_line(&f.value)))
            .collect();
        left.push(Span::raw(" · "));
        left.push(Span::styled(
            format!("filters: {}", f.join(", ")),
            t.message,
        ));
    }
    let skipped = m.archive.skipped_files();
    if skipped > 0 {
        left.push(Span::styled(
            format!(" · {skipped} file(s) skipped: run `talks check`"),
            t.error,
        ));
    }
    let right: Vec<Span> = if let Some(msg) = &m.message {
        vec![Span::styled(sanitize_line(msg).into_owned(), t.message)]
    } else if let Mode::LinkPrompt(verb) = m.mode {
        let mut v = vec![Span::styled(
            if verb == LinkVerb::Open {
                "open which link? "
            } else {
                "copy which link? "
            },
            t.message,
        )];
        for (i, l) in m.selected_links().iter().enumerate() {
            v.push(Span::styled(format!("{} ", i + 1), t.key));
            v.push(Span::raw(format!("{}  ", l.kind.label())));
        }
        v.push(Span::styled("Esc cancels", t.dim));
        v
    } else {
        hints(ctx)
    };
    let lw: usize = left.iter().map(|s| s.content.width()).sum();
    let width = area.width as usize;
    let mut right = right;
    if m.message.is_none() && !matches!(m.mode, Mode::LinkPrompt(_)) {
        // Hints come in (key, label) pairs, most useful first: drop from the end until they fit.
        while right.len() >= 2
            && lw + right.iter().map(|s| s.content.width()).sum::<usize>() + 2 > width
        {
            right.truncate(right.len() - 2);
        }
    }
    let rw: usize = right.iter().map(|s| s.content.width()).sum();
    let mut spans = left;
    if lw + rw + 2 <= width {
        spans.push(Span::raw(" ".repeat(width - lw - rw - 1)));
        spans.extend(right);
    } else if m.message.is_some() || matches!(m.mode, Mode::LinkPrompt(_)) {
        // Messages matter more than counts: show them alone.
        spans = right;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(t.bar), area);
}

/// Key hints for the current mode. Text-entry modes have fixed keys; the others come from
/// the keymap, so they never lie.
fn hints(ctx: &Ctx) -> Vec<Span<'static>> {
    let t = ctx.theme;
    let m = ctx.model;
    let fixed: &[(&str, &str)] = match m.mode {
        Mode::Search => &[("Enter", "results"), ("Esc", "clear")],
        Mode::Picker => &[
            ("Enter", "toggle"),
            ("Ctrl-x", "clear all"),
            ("Esc", "close"),
        ],
        Mode::Help => &[("↑↓", "scroll"), ("other keys", "close")],
        _ => &[],
    };
    let mut out = Vec::new();
    for (k, label) in fixed {
        out.push(Span::styled(k.to_string(), t.key));
        out.push(Span::styled(format!(" {label}  "), t.dim));
    }
    if !fixed.is_empty() {
        return out;
    }
    let in_detail = m.detail_open || m.focus == crate::app::Focus::Detail;
    let has_links = !m.selected_links().is_empty();
    let mut pairs: Vec<(Command, &str)> = Vec::new();
    if in_detail {
        pairs.push((Command::Back, "back"));
        pairs.push((Command::ScrollDown, "scroll"));
    } else {
        pairs.push((Command::Help, "help"));
        pairs.push((Command::Search, "search"));
        pairs.push((Command::FilterPicker, "filter"));
        pairs.push((Command::CycleSort, "sort"));
    }
    if has_links {
        pairs.push((Command::OpenLink, "open"));
    }
    pairs.push((Command::ToggleStar, "star"));
    pairs.push((Command::Quit, "quit"));
    for (cmd, label) in pairs {
        if let Some(k) = ctx.keymap.keys_for(cmd).first() {
            out.push(Span::styled(k.label(), t.key));
            out.push(Span::styled(format!(" {label}  "), t.dim));
        }
    }
    out
}
