//! The help overlay, generated from the keymap and the actions' doc lines so it never lies,
//! plus the search syntax.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::Ctx;
use crate::app::KeyMode;

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

/// How the app takes keys, in one sentence (the README says the same).
pub const TYPING: &str = "Typing always searches: every letter, digit and sign goes to the query, \
so commands live only on keys a query never contains (arrows, PgUp/PgDn, Home/End, Enter, \
Tab, Esc, Ctrl-, Alt- and F-keys) and no word you type can fire one.";

/// Key and description rows, the description wrapped under itself; keys too long for their
/// column get a line of their own. Nothing is cut.
fn rows(
    out: &mut Vec<Line<'static>>,
    entries: &[(String, String)],
    width: usize,
    key_w: usize,
    t: &super::Theme,
) {
    let desc_w = width.saturating_sub(key_w + 1).max(10);
    for (k, what) in entries {
        let kw = k.width();
        let wrapped = super::text::wrap_words(what, desc_w);
        let mut first = true;
        if kw > key_w {
            for part in super::text::wrap_words(k, width.max(1)) {
                out.push(Line::from(Span::styled(part, t.key)));
            }
            first = false;
        }
        for part in wrapped {
            let key = if first {
                format!("{k}{}", " ".repeat(key_w - kw))
            } else {
                " ".repeat(key_w)
            };
            first = false;
            out.push(Line::from(vec![
                Span::styled(key, t.key),
                Span::raw(" "),
                Span::raw(part),
            ]));
        }
    }
}

/// Every mode's keys and the search syntax, as lines for a pane `width` columns wide.
pub fn lines(ctx: &Ctx, width: usize, with_syntax: bool) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let mut out = Vec::new();
    for part in super::text::wrap_words(TYPING, width) {
        out.push(Line::from(Span::styled(part, t.message)));
    }
    let key_w = (width / 3).clamp(8, 22);
    for mode in KeyMode::ALL {
        let entries: Vec<(String, String)> = ctx
            .keymap
            .bindings(mode)
            .map(|(cmd, ks)| {
                let k: Vec<String> = ks.iter().map(|k| k.label()).collect();
                (k.join(" "), cmd.describe().to_string())
            })
            .collect();
        if entries.is_empty() {
            continue;
        }
        out.push(Line::from(""));
        out.push(Line::from(Span::styled(mode.title().to_string(), t.title)));
        rows(&mut out, &entries, width, key_w, t);
    }
    let extra = [
        (
            "letters".to_string(),
            "go to the search line, in every mode".to_string(),
        ),
        (
            "0-9".to_string(),
            "choose a link when asked \"open which link?\" (12 for the twelfth; Enter after 1 for the first of 13)".to_string(),
        ),
        (
            "mouse".to_string(),
            "the wheel scrolls the pane under it, a click selects".to_string(),
        ),
    ];
    out.push(Line::from(""));
    out.push(Line::from(Span::styled("Also", t.title)));
    rows(&mut out, &extra, width, key_w, t);
    if with_syntax {
        out.push(Line::from(""));
        out.extend(syntax_lines(ctx, width));
    }
    out
}

fn syntax_lines(ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let mut out = vec![Line::from(Span::styled("Search syntax", t.title))];
    let entries: Vec<(String, String)> = QUERY_HELP
        .iter()
        .map(|(s, m)| (s.to_string(), m.to_string()))
        .collect();
    rows(&mut out, &entries, width, (width / 2).clamp(8, 20), t);
    out
}

pub fn render(frame: &mut Frame, body: Rect, ctx: &Ctx) {
    let t = ctx.theme;
    let area = body;
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border_focus)
        .title(Span::styled(" Help ", t.title))
        .title_bottom(Span::styled(
            " ↑↓ PgUp PgDn scroll · any other key closes ",
            t.dim,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Keys on the left, search syntax on the right when there is room; one column otherwise.
    let scroll = ctx.model.help_scroll;
    if inner.width >= 110 {
        let [l, _, r] = Layout::horizontal([
            Constraint::Percentage(62),
            Constraint::Length(2),
            Constraint::Fill(1),
        ])
        .areas(inner);
        let keys = lines(ctx, l.width as usize, false);
        let syntax = syntax_lines(ctx, r.width as usize);
        let max = (keys.len().max(syntax.len()) as u16).saturating_sub(inner.height);
        let s = scroll.min(max);
        frame.render_widget(Paragraph::new(keys).scroll((s, 0)), l);
        frame.render_widget(Paragraph::new(syntax).scroll((s, 0)), r);
    } else {
        let all = lines(ctx, inner.width as usize, true);
        let max = (all.len() as u16).saturating_sub(inner.height);
        frame.render_widget(Paragraph::new(all).scroll((scroll.min(max), 0)), inner);
    }
}
