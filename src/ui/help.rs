//! The help overlay, generated from the keymap and the actions' doc lines so it never lies,
//! plus the search syntax.

use ratatui::Frame;
use ratatui::layout::Rect;
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
    let area = super::centered(body, 80, 90, 38, 8);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border_focus)
        .title(Span::styled(" Help ", t.title))
        .title_bottom(Span::styled(" any key closes ", t.dim));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = Vec::new();
    for (cmd, keys) in ctx.keymap.bindings() {
        let k: Vec<String> = keys.iter().map(|k| k.label()).collect();
        lines.push(Line::from(vec![
            Span::styled(format!("{:<22}", k.join(" ")), t.key),
            Span::raw(cmd.describe()),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled(format!("{:<22}", "other letters"), t.key),
        Span::raw("start a search with that letter"),
    ]));
    lines.push(Line::from(vec![
        Span::styled(format!("{:<22}", "mouse"), t.key),
        Span::raw("wheel scrolls the pane under it, click selects"),
    ]));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Search syntax", t.title)));
    for (syntax, meaning) in QUERY_HELP {
        lines.push(Line::from(vec![
            Span::styled(format!("{syntax:<36}"), t.key),
            Span::raw(*meaning),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
