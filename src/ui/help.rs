//! The help overlay, generated from the keymap and the actions' doc lines so it never lies,
//! plus the search syntax.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::Ctx;

/// The query language in one screen; the README has the same list.
pub const QUERY_HELP: &[(&str, &str)] = &[
    ("word word", "all words must match (fuzzy)"),
    ("'exact", "exact substring"),
    ("^start  end$", "field starts / ends with"),
    ("!word", "must not match"),
    ("a | b", "either"),
    ("\"a phrase\"", "exact phrase"),
    ("@name  speaker:", "speaker"),
    ("#tag  tag:", "tag or category"),
    ("title: company: conf: city: lang:", "one field"),
    ("year:2016  year:2013..2016", "years"),
    ("type:talk  has:video  has:slides", "kind, links"),
    ("-qualifier:x", "negates a qualifier"),
];

pub fn render(frame: &mut Frame, body: Rect, ctx: &Ctx) {
    let t = ctx.theme;
    let area = super::centered(body, 90, 96, 38, 8);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border_focus)
        .title(Span::styled(" Help ", t.title))
        .title_bottom(Span::styled(" ↑↓ scroll · any other key closes ", t.dim));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Keys on the left, search syntax on the right when there is room; one column otherwise.
    let two = inner.width >= 90;
    let (left, right) = if two {
        let [l, r] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(inner);
        (l, Some(r))
    } else {
        (inner, None)
    };
    let key_w = 16;
    let row = |k: String, what: &str, w: u16| {
        let room = (w as usize).saturating_sub(key_w + 1);
        let mut spans = super::text::fit_spans(&k, &[], key_w, t.key, t.key);
        spans.push(Span::raw(" "));
        spans.extend(super::text::fit_spans(
            what,
            &[],
            room,
            ratatui::style::Style::new(),
            ratatui::style::Style::new(),
        ));
        Line::from(spans)
    };
    let mut keys = Vec::new();
    for (cmd, ks) in ctx.keymap.bindings() {
        let k: Vec<String> = ks.iter().map(|k| k.label()).collect();
        keys.push(row(k.join(" "), cmd.describe(), left.width));
    }
    keys.push(row(
        "other letters".into(),
        "start a search with that letter",
        left.width,
    ));
    keys.push(row(
        "mouse".into(),
        "wheel scrolls the pane under it, click selects",
        left.width,
    ));
    let mut syntax = vec![Line::from(Span::styled("Search syntax", t.title))];
    for (s, meaning) in QUERY_HELP {
        syntax.push(Line::from(Span::styled(format!("  {s}"), t.key)));
        syntax.push(Line::from(Span::styled(format!("      {meaning}"), t.dim)));
    }
    let scroll = ctx.model.help_scroll;
    match right {
        Some(r) => {
            let max = (keys.len().max(syntax.len()) as u16).saturating_sub(inner.height);
            let s = scroll.min(max);
            frame.render_widget(Paragraph::new(keys).scroll((s, 0)), left);
            frame.render_widget(
                Paragraph::new(syntax)
                    .wrap(Wrap { trim: false })
                    .scroll((s, 0)),
                r,
            );
        }
        None => {
            let mut lines = keys;
            lines.push(Line::from(""));
            lines.extend(syntax);
            let max = (lines.len() as u16).saturating_sub(inner.height);
            frame.render_widget(Paragraph::new(lines).scroll((scroll.min(max), 0)), inner);
        }
    }
}
