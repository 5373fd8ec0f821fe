//! reStructuredText and plain-text descriptions (pyvideo's, many schedules') turned into the
//! Markdown the detail pane renders: paragraphs, bullet and numbered lists, ``literals``,
//! `` `text <url>`_ `` links, section underlines, `::` literal blocks and code directives.
//! Not a full reStructuredText parser: the constructs that appear in talk descriptions, each
//! in one linear pass, so any input (these files are untrusted) costs time linear in its size.
//! Pure; no I/O.

use std::collections::HashMap;

/// Characters rST allows for section adornments.
const ADORNMENTS: &str = "=-~^\"'`#*+_.:<>!$%&,;?@|/\\";

/// Markdown for a reStructuredText (or plain) description. Text that is already Markdown (it
/// has `[text](url)` links or ``` fences) is returned as it is, trimmed.
pub fn to_markdown(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    if looks_like_markdown(&text) {
        return text.trim().to_string();
    }
    let lines: Vec<&str> = text.lines().collect();
    let targets = link_targets(&lines);
    let blocks = blocks(&lines);
    render(&blocks, &targets).trim().to_string()
}

fn looks_like_markdown(text: &str) -> bool {
    text.contains("](http") || text.contains("```")
}

/// `.. _name: url` lines: the targets of `name`_ references.
fn link_targets(lines: &[&str]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for l in lines {
        if let Some(rest) = l.trim_start().strip_prefix(".. _")
            && let Some((name, url)) = rest.split_once(": ")
        {
            let name = name.trim_matches('`').trim().to_lowercase();
            out.insert(name, url.trim().to_string());
        }
    }
    out
}

/// One output line: text still to convert inline, or verbatim (code, fences).
#[derive(Debug, PartialEq)]
enum Out {
    Text(String),
    Verbatim(String),
    Blank,
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

fn is_adornment(line: &str) -> bool {
    let t = line.trim_end();
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    ADORNMENTS.contains(first) && t.chars().count() >= 3 && chars.all(|c| c == first)
}

/// A list marker at the start of `t` (already without indentation): its width with the space.
fn list_marker(t: &str) -> Option<(usize, bool)> {
    for m in ["- ", "* ", "+ ", "• "] {
        if t.starts_with(m) {
            return Some((m.len(), false));
        }
    }
    if t.starts_with("#. ") {
        return Some((3, true));
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let after = &t[digits..];
        if after.starts_with(". ") || after.starts_with(") ") {
            return Some((digits + 2, true));
        }
    }
    None
}

fn blocks(lines: &[&str]) -> Vec<Out> {
    let mut out: Vec<Out> = Vec::new();
    // Heading levels in order of first appearance of each adornment style.
    let mut styles: Vec<(char, bool)> = Vec::new();
    // Content column of the list item we are in, for continuation lines.
    let mut list_col: Option<usize> = None;
    // The previous paragraph ended with `::`: an indented literal block may follow.
    let mut literal_after: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end();
        let t = line.trim_start();
        let ind = indent_of(line);
        if t.is_empty() {
            out.push(Out::Blank);
            i += 1;
            continue;
        }
        if let Some(base) = literal_after.take()
            && ind > base
        {
            i = literal_block(lines, i, base, None, &mut out);
            continue;
        }
        // Overlined title: adornment, text, same adornment.
        if is_adornment(line)
            && let (Some(title), Some(under)) = (lines.get(i + 1), lines.get(i + 2))
            && !title.trim().is_empty()
            && under.trim_end() == line
        {
            let level = level_of(&mut styles, line, true);
            heading(&mut out, title.trim(), level);
            list_col = None;
            i += 3;
            continue;
        }
        if ind == 0
            && !is_adornment(line)
            && let Some(under) = lines.get(i + 1)
            && is_adornment(under)
            && indent_of(under) == 0
            && (under.trim_end().chars().count() >= 3)
        {
            let level = level_of(&mut styles, under, false);
            heading(&mut out, t, level);
            list_col = None;
            i += 2;
            continue;
        }
        if is_adornment(line) && t.chars().count() >= 4 {
            // A transition between paragraphs.
            out.push(Out::Blank);
            out.push(Out::Verbatim("---".into()));
            out.push(Out::Blank);
            i += 1;
            continue;
        }
        if let Some(rest) = t.strip_prefix(".. ") {
            i = directive(lines, i, ind, rest, &mut out);
            list_col = None;
            continue;
        }
        if t == ".." {
            i = skip_indented(lines, i + 1, ind);
            continue;
        }
        if let Some((width, numbered)) = list_marker(t) {
            let marker = if numbered { "1. " } else { "- " };
            let body = &t[width..];
            // Markdown nests by the parent's content column; rST's indentation already is that.
            let pad = " ".repeat(ind);
            let (text, lit) = literal_intro(body);
            out.push(Out::Text(format!("{pad}{marker}{text}")));
            list_col = Some(ind + marker.len());
            if lit {
                literal_after = Some(ind);
            }
            i += 1;
            continue;
        }
        if let Some(col) = list_col {
            if ind >= col.saturating_sub(1) && ind > 0 {
                let (text, lit) = literal_intro(t);
                out.push(Out::Text(format!("{}{text}", " ".repeat(col))));
                if lit {
                    literal_after = Some(ind);
                }
                i += 1;
                continue;
            }
            list_col = None;
        }
        if let Some(field) = field_line(t) {
            out.push(Out::Text(field));
            i += 1;
            continue;
        }
        let (text, lit) = literal_intro(t);
        if lit {
            literal_after = Some(ind);
        }
        if text.is_empty() {
            i += 1;
            continue;
        }
        // An indented paragraph is a block quote in rST; in Markdown, four spaces would make
        // it code.
        if ind > 0 {
            out.push(Out::Text(format!("> {text}")));
        } else {
            out.push(Out::Text(text));
        }
        i += 1;
    }
    out
}

fn level_of(styles: &mut Vec<(char, bool)>, adornment: &str, over: bool) -> usize {
    let c = adornment.trim().chars().next().unwrap_or('=');
    match styles.iter().position(|s| *s == (c, over)) {
        Some(p) => p + 1,
        None => {
            styles.push((c, over));
            styles.len()
        }
    }
}

fn heading(out: &mut Vec<Out>, text: &str, level: usize) {
    // Level 1 is the description's own top: `##`, so it does not shout over the talk's title.
    let hashes = "#".repeat((level + 1).min(6));
    out.push(Out::Blank);
    out.push(Out::Text(format!("{hashes} {text}")));
    out.push(Out::Blank);
}

/// A paragraph line ending in `::` announces a literal block: "Example::" reads "Example:",
/// "Example ::" and a lone "::" read as nothing more.
fn literal_intro(t: &str) -> (String, bool) {
    if t == "::" {
        return (String::new(), true);
    }
    if let Some(before) = t.strip_suffix("::") {
        if before.ends_with(' ') {
            return (before.trim_end().to_string(), true);
        }
        if !before.ends_with(':') {
            return (format!("{before}:"), true);
        }
    }
    (t.to_string(), false)
}

/// `:Field: value` → "**Field:** value".
fn field_line(t: &str) -> Option<String> {
    let rest = t.strip_prefix(':')?;
    let end = rest.find(':')?;
    let name = &rest[..end];
    if name.is_empty() || name.len() > 40 || name.contains('`') {
        return None;
    }
    let value = rest[end + 1..].strip_prefix(' ')?;
    Some(format!("**{name}:** {value}"))
}

/// Lines more indented than `base` from `from` on, as a fenced block. Returns the next line.
fn literal_block(
    lines: &[&str],
    from: usize,
    base: usize,
    lang: Option<&str>,
    out: &mut Vec<Out>,
) -> usize {
    let mut end = from;
    let mut last_text = from;
    while end < lines.len() {
        let l = lines[end];
        if !l.trim().is_empty() {
            if indent_of(l) <= base {
                break;
            }
            last_text = end;
        }
        end += 1;
    }
    let body = &lines[from..=last_text.min(lines.len().saturating_sub(1))];
    let strip = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| indent_of(l))
        .min()
        .unwrap_or(0);
    // A fence longer than any backtick run inside, so the code cannot close it.
    let longest = body.iter().map(|l| longest_run(l, '`')).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    if !matches!(out.last(), None | Some(Out::Blank)) {
        out.push(Out::Blank);
    }
    out.push(Out::Verbatim(format!("{fence}{}", lang.unwrap_or(""))));
    for l in body {
        let l = l.trim_end();
        out.push(Out::Verbatim(l.get(strip..).unwrap_or("").to_string()));
    }
    out.push(Out::Verbatim(fence));
    out.push(Out::Blank);
    last_text + 1
}

fn longest_run(s: &str, c: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for ch in s.chars() {
        if ch == c {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// The first line at or after `from` that is not blank and not more indented than `base`.
fn skip_indented(lines: &[&str], from: usize, base: usize) -> usize {
    let mut i = from;
    while i < lines.len() && (lines[i].trim().is_empty() || indent_of(lines[i]) > base) {
        i += 1;
    }
    i
}

/// `.. name:: args` and comments. Returns the next line to read.
fn directive(lines: &[&str], i: usize, ind: usize, rest: &str, out: &mut Vec<Out>) -> usize {
    let Some((name, args)) = rest.split_once("::") else {
        // A comment or a link target: not shown.
        return skip_indented(lines, i + 1, ind);
    };
    let name = name.trim().to_ascii_lowercase();
    let args = args.trim();
    // Options (`:linenos:`) come first in the body.
    let mut body = i + 1;
    while body < lines.len() && indent_of(lines[body]) > ind && lines[body].trim().starts_with(':')
    {
        body += 1;
    }
    match name.as_str() {
        "code" | "code-block" | "sourcecode" => {
            let first = (body..lines.len()).find(|&k| !lines[k].trim().is_empty());
            match first {
                Some(k) if indent_of(lines[k]) > ind => {
                    let lang = args.split_whitespace().next();
                    literal_block(lines, k, ind, lang, out)
                }
                _ => body,
            }
        }
        "image" | "figure" if !args.is_empty() => {
            out.push(Out::Verbatim(format!("[image]({args})")));
            out.push(Out::Blank);
            skip_indented(lines, body, ind)
        }
        "note" | "tip" | "warning" | "important" | "attention" | "caution" | "hint" | "danger"
        | "seealso" | "admonition" => {
            let mut label = name.clone();
            if let Some(c) = label.get_mut(..1) {
                c.make_ascii_uppercase();
            }
            let mut first = format!("> **{label}:**");
            if !args.is_empty() {
                first.push(' ');
                first.push_str(args);
            }
            out.push(Out::Text(first));
            let end = skip_indented(lines, body, ind);
            let last = (body..end)
                .rev()
                .find(|&k| !lines[k].trim().is_empty())
                .map_or(body, |k| k + 1);
            for l in &lines[body..last] {
                let t = l.trim();
                out.push(Out::Text(if t.is_empty() {
                    ">".into()
                } else {
                    format!("> {t}")
                }));
            }
            out.push(Out::Blank);
            end
        }
        // Raw HTML, embedded players, table-of-contents and the like mean nothing here.
        _ => skip_indented(lines, body, ind),
    }
}

fn render(blocks: &[Out], targets: &HashMap<String, String>) -> String {
    let mut out = String::new();
    let mut para: Vec<&str> = Vec::new();
    let mut blank_pending = false;
    let flush = |para: &mut Vec<&str>, out: &mut String| {
        if !para.is_empty() {
            out.push_str(&inline(&para.join("\n"), targets));
            out.push('\n');
            para.clear();
        }
    };
    for b in blocks {
        match b {
            Out::Text(t) => {
                if blank_pending {
                    flush(&mut para, &mut out);
                    if !out.is_empty() {
                        out.push('\n');
                    }
                    blank_pending = false;
                }
                para.push(t);
            }
            Out::Verbatim(v) => {
                flush(&mut para, &mut out);
                if blank_pending && !out.is_empty() {
                    out.push('\n');
                }
                blank_pending = false;
                out.push_str(v);
                out.push('\n');
            }
            Out::Blank => blank_pending = true,
        }
    }
    flush(&mut para, &mut out);
    out
}

/// Inline markup of one paragraph. Each opener looks for its closer once; when there is none,
/// later openers of that kind do not look again, so the pass stays linear.
fn inline(s: &str, targets: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut i = 0;
    let mut no_double = false;
    let mut no_single = false;
    let mut prev = ' ';
    while i < s.len() {
        let rest = &s[i..];
        if let Some(c) = out.chars().next_back() {
            prev = c;
        }
        if rest.starts_with("``") && !no_double {
            match rest[2..].find("``") {
                Some(end) if end > 0 => {
                    push_code(&mut out, &rest[2..2 + end]);
                    i += 4 + end;
                    continue;
                }
                Some(_) => {}
                None => no_double = true,
            }
        }
        if rest.starts_with(':')
            && !no_single
            && let Some((role, len)) = role_at(rest)
        {
            match rest[len..].find('`') {
                Some(end) => {
                    let inner = &rest[len..len + end];
                    push_role(&mut out, role, inner);
                    i += len + end + 1;
                    continue;
                }
                None => no_single = true,
            }
        }
        if rest.starts_with('`') && !rest.starts_with("``") && !no_single && opens(prev) {
            match rest[1..].find('`') {
                Some(end) if end > 0 && tight(&rest[1..1 + end]) => {
                    let inner = &rest[1..1 + end];
                    let after = &rest[2 + end..];
                    let trail = if after.starts_with("__") {
                        2
                    } else if after.starts_with('_') {
                        1
                    } else {
                        0
                    };
                    if trail > 0 {
                        push_reference(&mut out, inner, targets);
                    } else {
                        // The default role is a title reference: italics.
                        out.push('*');
                        out.push_str(inner.trim());
                        out.push('*');
                    }
                    i += 2 + end + trail;
                    continue;
                }
                Some(_) => {}
                None => no_single = true,
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// rST inline markup starts after whitespace or opening punctuation (so `o`reilly` is text).
fn opens(prev: char) -> bool {
    prev.is_whitespace() || "'\"([{<-/:".contains(prev)
}

/// Markup text neither starts nor ends with whitespace (`` ` a ` `` is no markup).
fn tight(inner: &str) -> bool {
    !inner.starts_with(char::is_whitespace) && !inner.ends_with(char::is_whitespace)
}

/// `:name:` followed by a backtick: the role's name and the length up to the backtick.
fn role_at(s: &str) -> Option<(&str, usize)> {
    let body = &s[1..];
    let end = body
        .char_indices()
        .take(32)
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+' | ':')))
        .map(|(k, _)| k)?;
    let name = body[..end].strip_suffix(':')?;
    if name.is_empty() || !body[end..].starts_with('`') {
        return None;
    }
    Some((name, 1 + end + 1))
}

fn push_code(out: &mut String, code: &str) {
    let fence = if code.contains('`') { "`` " } else { "`" };
    let close = if code.contains('`') { " ``" } else { "`" };
    out.push_str(fence);
    out.push_str(code);
    out.push_str(close);
}

/// `:role:`text``: code-like roles as code, the rest as their text (without a `<target>`).
fn push_role(out: &mut String, role: &str, inner: &str) {
    let text = match (inner.rfind('<'), inner.ends_with('>')) {
        (Some(lt), true) if lt > 0 => inner[..lt].trim(),
        _ => inner,
    };
    let role = role.rsplit(':').next().unwrap_or(role);
    match role {
        "code" | "literal" | "func" | "class" | "meth" | "mod" | "attr" | "data" | "obj"
        | "file" | "command" | "program" | "samp" | "kbd" | "envvar" | "option" => {
            push_code(out, text)
        }
        "emphasis" | "title-reference" | "title" | "t" => {
            out.push('*');
            out.push_str(text);
            out.push('*');
        }
        "strong" => {
            out.push_str("**");
            out.push_str(text);
            out.push_str("**");
        }
        _ => out.push_str(text),
    }
}

/// `` `text <url>`_ `` → `[text](url)`; `` `<url>`_ `` → `<url>`; `` `name`_ `` → the link of
/// its `.. _name:` target, or just the name.
fn push_reference(out: &mut String, inner: &str, targets: &HashMap<String, String>) {
    let inner = inner.trim();
    if inner.ends_with('>')
        && let Some(lt) = inner.rfind('<')
    {
        let text = inner[..lt].trim();
        let mut url = inner[lt + 1..inner.len() - 1].trim().to_string();
        // `text <name_>` points at a named target.
        if let Some(name) = url.strip_suffix('_')
            && let Some(t) = targets.get(&name.to_lowercase())
        {
            url = t.clone();
        }
        let url: String = url.split_whitespace().collect();
        if text.is_empty() {
            out.push('<');
            out.push_str(&url);
            out.push('>');
        } else {
            push_link(out, text, &url);
        }
        return;
    }
    match targets.get(&inner.to_lowercase()) {
        Some(url) => push_link(out, inner, url),
        None => out.push_str(inner),
    }
}

fn push_link(out: &mut String, text: &str, url: &str) {
    out.push('[');
    for c in text.chars() {
        if matches!(c, '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push_str("](");
    out.push_str(&url.replace(' ', "%20").replace(')', "%29"));
    out.push(')');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_markdown_table() {
        let cases: &[(&str, &str, &str)] = &[
            ("plain paragraphs", "One.\n\nTwo.", "One.\n\nTwo."),
            (
                "inline literal",
                "Use ``yield from`` here.",
                "Use `yield from` here.",
            ),
            (
                "literal holding a backtick",
                "Type ``a`b`` now.",
                "Type `` a`b `` now.",
            ),
            (
                "link with text",
                "See `mypy <https://mypy-lang.org/>`_ now.",
                "See [mypy](https://mypy-lang.org/) now.",
            ),
            (
                "anonymous link",
                "See `the docs <https://docs.example/>`__.",
                "See [the docs](https://docs.example/).",
            ),
            (
                "bare link",
                "`<https://a.example/>`_",
                "<https://a.example/>",
            ),
            (
                "link text across lines",
                "A `long\ntitle <https://x.example/>`_ here",
                "A [long\ntitle](https://x.example/) here",
            ),
            (
                "named reference with target",
                "Read Python_ and `the guide`_.\n\n.. _the guide: https://guide.example/\n",
                "Read Python_ and [the guide](https://guide.example/).",
            ),
            ("title reference", "The `Zen` of it", "The *Zen* of it"),
            (
                "roles",
                "Call :func:`print` or see :ref:`Intro <intro>`.",
                "Call `print` or see Intro.",
            ),
            (
                "bullets",
                "Covers:\n\n* one\n* ``two``\n+ three",
                "Covers:\n\n- one\n- `two`\n- three",
            ),
            (
                "numbered",
                "#. first\n#. second\n3) third",
                "1. first\n1. second\n1. third",
            ),
            (
                "nested list keeps its column",
                "- outer\n  continued\n\n  - inner",
                "- outer\n  continued\n\n  - inner",
            ),
            (
                "section underline",
                "Intro\n=====\n\nText.\n\nPart\n----\n\nMore.",
                "## Intro\n\nText.\n\n### Part\n\nMore.",
            ),
            (
                "overlined title",
                "=====\nIntro\n=====\nText.",
                "## Intro\n\nText.",
            ),
            (
                "literal block after text::",
                "Example::\n\n    x = 1\n      y\n\nAfter.",
                "Example:\n\n```\nx = 1\n  y\n```\n\nAfter.",
            ),
            (
                "lone :: introduces a block",
                "Code ::\n\n    a\n\n::\n\n    b",
                "Code\n\n```\na\n```\n\n```\nb\n```",
            ),
            (
                "code directive",
                ".. code-block:: python\n   :linenos:\n\n   print(1)\n\nDone.",
                "```python\nprint(1)\n```\n\nDone.",
            ),
            (
                "comments and raw html dropped",
                "A\n\n.. a comment\n   more comment\n\n.. raw:: html\n\n   <b>x</b>\n\nB",
                "A\n\nB",
            ),
            (
                "note becomes a quote",
                ".. note:: Mind the gap.\n\nAfter.",
                "> **Note:** Mind the gap.\n\nAfter.",
            ),
            (
                "indented paragraph is a quote, not code",
                "Said:\n\n      Be kind.",
                "Said:\n\n> Be kind.",
            ),
            (
                "field list",
                ":Level: beginner\n:Room: 3",
                "**Level:** beginner\n**Room:** 3",
            ),
            ("crlf", "One.\r\n\r\nTwo.", "One.\n\nTwo."),
            (
                "markdown passes through",
                "Read [this](https://x.example/) `now`",
                "Read [this](https://x.example/) `now`",
            ),
            (
                "unclosed markup stays text",
                "a `b and ``c and o`k` :x:`d",
                "a `b and ``c and o`k` :x:`d",
            ),
        ];
        for (name, input, want) in cases {
            assert_eq!(to_markdown(input), *want, "{name}");
        }
    }

    #[test]
    fn pathological_input_is_linear() {
        // Thousands of unmatched openers: each kind looks for its closer once.
        let s = "`` ` :a:` ".repeat(20_000);
        let started = std::time::Instant::now();
        let md = to_markdown(&s);
        assert!(md.contains(":a:"));
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        let many_lines = "Title\n=====\n::\n\n    x\n".repeat(20_000);
        let started = std::time::Instant::now();
        to_markdown(&many_lines);
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }
}
