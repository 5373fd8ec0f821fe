//! The filter picker overlay: tags, categories, years, conferences, cities and speakers of the
//! current results, with counts; chosen ones are marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Ctx;
use super::text::fit_spans;

pub fn render(frame: &mut Frame, body: Rect, ctx: &Ctx) {
    let m = ctx.model;
    let t = ctx.theme;
    let area = super::centered(body, 60, 80, 36, 8);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border_focus)
        .title(Span::styled(" Filters ", t.title))
        .title_bottom(Span::styled(
            " Enter toggle · Ctrl-X clear all · Esc close ",
            t.dim,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 {
        return;
    }
    let input = super::sanitize::sanitize_line(&m.picker.input).into_owned();
    let cursor = if input.len() == m.picker.input.len() {
        m.picker.cursor
    } else {
        input.len()
    };
    let room = (inner.width as usize).saturating_sub(3);
    let (start, col) = crate::app::line::window(&input, cursor, room);
    let mut lines = vec![Line::from(vec![
        Span::styled("> ", t.key),
        Span::raw(input[start..].to_string()),
    ])];
    frame.set_cursor_position((inner.x + 2 + col as u16, inner.y));
    let rows = inner.height as usize - 1;
    let sel = m.picker.selected;
    let offset = sel.saturating_sub(rows.saturating_sub(1));
    if m.picker.visible.is_empty() {
        lines.push(Line::from(Span::styled(
            "  nothing to filter on matches that",
            t.dim,
        )));
    }
    let w = inner.width as usize;
    for (row, &i) in m.picker.visible.iter().enumerate().skip(offset).take(rows) {
        let fc = &m.picker.all[i];
        let on = m.filters.iter().any(|f| {
            f.kind == fc.facet.kind && crate::app::model_same_words(&f.value, &fc.facet.value)
        });
        let style = if row == sel {
            t.selected
        } else {
            ratatui::style::Style::new()
        };
        let count = format!(" {:>5} ", fc.count);
        let mut spans = vec![
            Span::styled(
                if on { "[x] " } else { "[ ] " },
                style.patch(if on { t.key } else { t.dim }),
            ),
            Span::styled(format!("{:<11}", fc.facet.kind.label()), style.patch(t.dim)),
        ];
        let room = w.saturating_sub(4 + 11 + count.len());
        spans.extend(fit_spans(&fc.facet.value, &[], room, style, style));
        spans.push(Span::styled(count, style.patch(t.dim)));
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
