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

/// The search line: always live, with the terminal's cursor in it. A query wider than the
/// line scrolls so the cursor stays in view.
pub fn render_search(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let m = ctx.model;
    let t = ctx.theme;
    let live = m.mode == Mode::Normal;
    let prompt = " › ";
    let mut spans = vec![Span::styled(prompt, if live { t.key } else { t.dim })];
    let prompt_w = prompt.width();
    let status = if m.searching { "  …" } else { "" };
    // Room for the text: the error message may take the right part of the line.
    let error = m.query_errors.first().map(|e| format!("⚠ {}", e.message));
    let full = (area.width as usize).saturating_sub(prompt_w + 1);
    let room = match &error {
        Some(e) if full > 40 => full.saturating_sub(e.width().min(full / 2) + 2),
        _ => full,
    };
    if m.query.is_empty() {
        spans.push(Span::styled(
            super::text::fit_spans(
                "type to search: names, titles, tags…  @speaker #tag year:2016 · F1 help",
                &[],
                room,
                t.dim,
                t.dim,
            )
            .into_iter()
            .map(|s| s.content.into_owned())
            .collect::<String>()
            .trim_end()
            .to_string(),
            t.dim,
        ));
        if live {
            frame.set_cursor_position((area.x + prompt_w as u16, area.y));
        }
    } else {
        let text = sanitize_line(&m.query);
        // Sanitising may change lengths; the cursor then goes to the end.
        let cursor = if text.len() == m.query.len() {
            m.cursor
        } else {
            text.len()
        };
        let (start, col) = crate::app::line::window(&text, cursor, room);
        let mut shown = String::new();
        let mut w = 0;
        for c in text[start..].chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if w + cw > room {
                break;
            }
            shown.push(c);
            w += cw;
        }
        if start > 0 {
            spans.push(Span::styled("…", t.dim));
            // The ellipsis covers the first shown column.
            shown = shown.chars().skip(1).collect();
        }
        spans.push(if m.query_selected {
            Span::styled(
                shown,
                t.selected.add_modifier(ratatui::style::Modifier::REVERSED),
            )
        } else {
            Span::raw(shown)
        });
        spans.push(Span::styled(status, t.dim));
        if live {
            frame.set_cursor_position((area.x + (prompt_w + col) as u16, area.y));
        }
    }
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    if let Some(msg) = error {
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

/// Key hints for the current mode, from the keymap so they never lie.
fn hints(ctx: &Ctx) -> Vec<Span<'static>> {
    let t = ctx.theme;
    let m = ctx.model;
    let modes = m.key_modes();
    let mut pairs: Vec<(Command, &str)> = Vec::new();
    match m.mode {
        Mode::Picker => {
            pairs.push((Command::Confirm, "toggle"));
            pairs.push((Command::ClearFilters, "clear all"));
            pairs.push((Command::Back, "close"));
        }
        Mode::Help => {
            pairs.push((Command::SelectNext, "scroll"));
        }
        _ if m.reading() => {
            pairs.push((Command::Back, "back"));
            if !m.back.is_empty() {
                pairs.push((Command::GoBack, "previous talk"));
            }
            pairs.push((Command::Zoom, "zoom"));
            if !m.selected_links().is_empty() {
                pairs.push((Command::OpenLink, "open"));
            }
            if !m.related().is_empty() {
                pairs.push((Command::NextRelated, "other talks"));
            }
            pairs.push((Command::ToggleStar, "star"));
            pairs.push((Command::Help, "help"));
        }
        _ => {
            pairs.push((Command::Help, "help"));
            pairs.push((Command::Confirm, "open"));
            pairs.push((Command::FilterPicker, "filter"));
            pairs.push((Command::CycleSort, "sort"));
            pairs.push((Command::ToggleStar, "star"));
            pairs.push((Command::Quit, "quit"));
        }
    }
    let mut out = Vec::new();
    for (cmd, label) in pairs {
        if let Some(k) = ctx.keymap.keys_in(modes, cmd).first() {
            out.push(Span::styled(k.label(), t.key));
            out.push(Span::styled(format!(" {label}  "), t.dim));
        }
    }
    if m.mode == Mode::Help {
        out.push(Span::styled("other keys close", t.dim));
    }
    out
}
