//! The view: draws the model, never changes it. One file per pane; `view` lays the frame out
//! once and hands each pane a small struct. Every string from data is sanitised before drawing.

pub mod detail;
pub mod help;
pub mod list;
pub mod markdown;
pub mod picker;
pub mod sanitize;
pub mod status;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{Keymap, Mode, Model, Tab, Viewport};
pub use theme::Theme;

/// Smaller than this, nothing useful fits: say so instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// What every pane may read.
pub struct Ctx<'a> {
    pub model: &'a Model,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
}

/// Draw the whole screen; returns the rectangles `update` needs for clicks and scrolling.
pub fn view(frame: &mut Frame, model: &Model, theme: &Theme, keymap: &Keymap) -> Viewport {
    let area = frame.area();
    let ctx = Ctx {
        model,
        theme,
        keymap,
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area, &ctx);
        return Viewport::default();
    }
    let [header, body, search, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(frame, header, &ctx);
    let mut vp = Viewport {
        row_lines: 1,
        ..Viewport::default()
    };
    if model.is_wide() && !model.zoom {
        let split = model.split.clamp(20, 80);
        let [l, d] = Layout::horizontal([
            Constraint::Percentage(100 - split),
            Constraint::Percentage(split),
        ])
        .areas(body);
        (vp.list, vp.row_lines) = list::render(frame, l, &ctx);
        (vp.detail, vp.detail_max_scroll, vp.reveal_row) = detail::render(frame, d, &ctx);
    } else if model.detail_open || model.zoom {
        (vp.detail, vp.detail_max_scroll, vp.reveal_row) = detail::render(frame, body, &ctx);
    } else {
        (vp.list, vp.row_lines) = list::render(frame, body, &ctx);
    }
    status::render_search(frame, search, &ctx);
    status::render_status(frame, status, &ctx);
    match model.mode {
        Mode::Picker => picker::render(frame, body, &ctx),
        Mode::Help => help::render(frame, body, &ctx),
        _ => {}
    }
    vp
}

fn render_header(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let m = ctx.model;
    let t = ctx.theme;
    let mut spans = vec![Span::styled(" talks ", t.title)];
    let key = |c: crate::app::Command| {
        ctx.keymap
            .keys_for(c)
            .first()
            .map_or(String::new(), |k| format!("{} ", k.label()))
    };
    for (tab, key, name) in [
        (Tab::Talks, key(crate::app::Command::TabTalks), "Talks"),
        (Tab::Posts, key(crate::app::Command::TabPosts), "Posts"),
    ] {
        let shown = m.shown[tab.index()].len();
        let total = m.total(tab);
        let count = if shown == total {
            format!("{total}")
        } else {
            format!("{shown}/{total}")
        };
        let style = if m.tab == tab { t.tab_active } else { t.tab };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!(" {key}{name} ({count}) "), style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(t.bar), area);
}

fn render_too_small(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let msg = vec![
        Line::from(Span::styled("Terminal too small", ctx.theme.title)),
        Line::from(format!(
            "{}×{} — talks needs {MIN_WIDTH}×{MIN_HEIGHT}",
            area.width, area.height
        )),
        Line::from("Enlarge the window, or press Ctrl-C to quit."),
    ];
    frame.render_widget(
        Paragraph::new(msg)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .centered(),
        area,
    );
}

/// A rectangle centred in `area`, `pw` and `ph` percent of it, at least `min_w` × `min_h`.
pub fn centered(area: Rect, pw: u16, ph: u16, min_w: u16, min_h: u16) -> Rect {
    let w = (area.width * pw / 100).max(min_w).min(area.width);
    let h = (area.height * ph / 100).max(min_h).min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
