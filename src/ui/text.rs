//! Small text helpers for panes: sanitised, width-aware truncation with match highlights.

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::UnicodeWidthChar;

use super::sanitize::sanitize_line;

/// Spans of `s` cut to `width` columns (with "…" where cut) and padded to it, with the chars at
/// `positions` (char indices into `s`) in `hl`. When the first match lies beyond the cut, the
/// window slides right ("…tion at Zalando") so the user sees why the row matched. Highlights
/// are dropped if sanitising changed the string, since the indices would no longer line up.
pub fn fit_spans(
    s: &str,
    positions: &[usize],
    width: usize,
    base: Style,
    hl: Style,
) -> Vec<Span<'static>> {
    let clean = sanitize_line(s);
    let positions: &[usize] = if matches!(clean, std::borrow::Cow::Borrowed(_)) {
        positions
    } else {
        &[]
    };
    let chars: Vec<(char, usize)> = clean.chars().map(|c| (c, c.width().unwrap_or(0))).collect();
    let total: usize = chars.iter().map(|c| c.1).sum();
    let mut start = 0;
    if total > width
        && let Some(&p) = positions.first()
        && p < chars.len()
    {
        let upto: usize = chars[..=p].iter().map(|c| c.1).sum();
        if upto + 1 > width {
            // Put the match about a third of the way in, with some context before it.
            let before = (width / 3).max(1);
            let mut k = p;
            let mut acc = 0;
            while k > 0 && acc + chars[k - 1].1 <= before {
                k -= 1;
                acc += chars[k].1;
            }
            start = k;
        }
    }
    let lead = start > 0 && width > 1;
    let rest: usize = chars[start.min(chars.len())..].iter().map(|c| c.1).sum();
    let avail = width.saturating_sub(usize::from(lead));
    let trail = rest > avail && width > 0;
    let budget = avail.saturating_sub(usize::from(trail));
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    if lead {
        spans.push(Span::styled("…", base));
        used += 1;
    }
    let mut run = String::new();
    let mut run_hl = false;
    let mut shown = 0;
    let mut next_pos = positions.iter().copied().peekable();
    for (i, &(c, w)) in chars.iter().enumerate().skip(start) {
        if shown + w > budget {
            break;
        }
        while next_pos.peek().is_some_and(|&p| p < i) {
            next_pos.next();
        }
        let is_hl = next_pos.peek() == Some(&i);
        if is_hl != run_hl && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hl { hl } else { base },
            ));
        }
        run_hl = is_hl;
        run.push(c);
        shown += w;
    }
    used += shown;
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hl { hl } else { base }));
    }
    if trail {
        spans.push(Span::styled("…", base));
        used += 1;
    }
    if used < width {
        spans.push(Span::styled(" ".repeat(width - used), base));
    }
    spans
}

/// Greedy word wrap to `width` columns; words longer than a line are broken. Never cuts.
pub fn wrap_words(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut line = String::new();
    let mut w = 0;
    for word in s.split_whitespace() {
        let ww: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
        if w > 0 && w + 1 + ww <= width {
            line.push(' ');
            line.push_str(word);
            w += 1 + ww;
            continue;
        }
        if w > 0 {
            out.push(std::mem::take(&mut line));
            w = 0;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if w + cw > width && w > 0 {
                out.push(std::mem::take(&mut line));
                w = 0;
            }
            line.push(c);
            w += cw;
        }
    }
    if w > 0 || out.is_empty() {
        out.push(line);
    }
    out
}

/// Format a date with %Y %m %d %b %e.
pub fn format_date(d: crate::archive::Date, fmt: Option<&str>) -> String {
    let Some(fmt) = fmt else {
        return d.to_string();
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut out = String::new();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('Y') => out.push_str(&format!("{:04}", d.year)),
            Some('m') => out.push_str(&format!("{:02}", d.month)),
            Some('d') => out.push_str(&format!("{:02}", d.day)),
            Some('e') => out.push_str(&format!("{:>2}", d.day)),
            Some('b') => out.push_str(
                (d.month as usize)
                    .checked_sub(1)
                    .and_then(|m| MONTHS.get(m))
                    .copied()
                    .unwrap_or("?"),
            ),
            Some('%') => out.push('%'),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_formats() {
        let d = crate::archive::Date {
            year: 2016,
            month: 2,
            day: 3,
        };
        assert_eq!(format_date(d, None), "2016-02-03");
        assert_eq!(format_date(d, Some("%e %b %Y")), " 3 Feb 2016");
        assert_eq!(format_date(d, Some("%d/%m/%y%")), "03/02/%y%");
    }

    #[test]
    fn wrapping_never_cuts() {
        assert_eq!(wrap_words("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap_words("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap_words("", 4), [""]);
        let text = "Choose the next of the speakers' other talks (Enter goes there)";
        let joined = wrap_words(text, 13).join(" ");
        assert_eq!(joined, text);
    }

    fn text(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn cuts_pads_and_highlights() {
        let hl = Style::new().bold();
        let s = fit_spans("Марат Фаттахов", &[0, 1], 8, Style::new(), hl);
        assert_eq!(text(&s), "Марат Ф…");
        assert_eq!(s[0].content, "Ма");
        assert_eq!(s[0].style, hl);
        assert_eq!(text(&fit_spans("ab", &[], 4, Style::new(), hl)), "ab  ");
        assert_eq!(text(&fit_spans("日本語", &[], 4, Style::new(), hl)), "日… ");
        assert_eq!(
            text(&fit_spans("a\u{1b}[2Jb", &[1], 5, Style::new(), hl)),
            "ab   "
        );
        assert_eq!(text(&fit_spans("abc", &[], 0, Style::new(), hl)), "");
        // A match beyond the cut slides the window to show it.
        let s = fit_spans(
            "Data integration at Zalando",
            &[20, 21],
            12,
            Style::new(),
            hl,
        );
        assert_eq!(text(&s), "… at Zalando");
        assert!(s.iter().any(|x| x.content == "Za" && x.style == hl));
    }
}
