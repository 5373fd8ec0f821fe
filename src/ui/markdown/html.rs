//! HTML inside Markdown: a forgiving tokenizer, entities (via html-escape), and block HTML
//! turned into Markdown for a second pass.

use std::borrow::Cow;

#[derive(Debug)]
pub(super) struct HtmlTag {
    pub(super) name: String,
    pub(super) closing: bool,
    pub(super) attrs: Vec<(String, String)>,
}

impl HtmlTag {
    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Re-emits the tag with only the attributes we interpret, quoted so the Markdown parser
    /// is certain to see it as inline HTML again.
    fn canonical(&self) -> String {
        if self.closing {
            return format!("</{}>", self.name);
        }
        let mut s = format!("<{}", self.name);
        for (k, v) in &self.attrs {
            if matches!(k.as_str(), "href" | "src" | "alt") {
                s.push_str(&format!(" {k}=\"{}\"", encode_attr(v)));
            }
        }
        s.push('>');
        s
    }
}

#[derive(Debug)]
pub(super) enum HtmlTok<'a> {
    Text(&'a str),
    Comment,
    Tag(HtmlTag),
}

pub(super) fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "center"
            | "hr"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "thead"
            | "tbody"
            | "tr"
            | "td"
            | "th"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "iframe"
            | "video"
            | "object"
            | "embed"
    )
}

/// A forgiving tokenizer: anything that does not look like a complete tag is text,
/// and an unterminated comment swallows the rest (as a browser would).
pub(super) fn tokenize_html(s: &str) -> Vec<HtmlTok<'_>> {
    let b = s.as_bytes();
    let mut toks = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let parsed: Option<(HtmlTok<'_>, usize)> = if s[i..].starts_with("<!--") {
            let end = s[i + 4..].find("-->").map_or(b.len(), |e| i + 4 + e + 3);
            Some((HtmlTok::Comment, end))
        } else if matches!(b.get(i + 1), Some(b'!' | b'?')) {
            let end = s[i..].find('>').map_or(b.len(), |e| i + e + 1);
            Some((HtmlTok::Comment, end))
        } else {
            parse_tag(s, i).map(|(t, end)| (HtmlTok::Tag(t), end))
        };
        match parsed {
            Some((tok, end)) => {
                if text_start < i {
                    toks.push(HtmlTok::Text(&s[text_start..i]));
                }
                toks.push(tok);
                i = end;
                text_start = end;
            }
            None => i += 1,
        }
    }
    if text_start < b.len() {
        toks.push(HtmlTok::Text(&s[text_start..]));
    }
    toks
}

/// Parses `<name attr=...>` or `</name>` starting at `start` (which holds '<').
pub(super) fn parse_tag(s: &str, start: usize) -> Option<(HtmlTag, usize)> {
    let b = s.as_bytes();
    let mut i = start + 1;
    let closing = b.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    if !b.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    let name_start = i;
    while b
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-')
    {
        i += 1;
    }
    let name = s[name_start..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while b
            .get(i)
            .is_some_and(|c| c.is_ascii_whitespace() || *c == b'/')
        {
            i += 1;
        }
        match b.get(i)? {
            b'>' => {
                return Some((
                    HtmlTag {
                        name,
                        closing,
                        attrs,
                    },
                    i + 1,
                ));
            }
            _ => {
                let k_start = i;
                while b
                    .get(i)
                    .is_some_and(|c| !c.is_ascii_whitespace() && !matches!(c, b'=' | b'>' | b'/'))
                {
                    i += 1;
                }
                let key = s[k_start..i].to_ascii_lowercase();
                while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
                    i += 1;
                }
                let mut value = String::new();
                if b.get(i) == Some(&b'=') {
                    i += 1;
                    while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
                        i += 1;
                    }
                    match b.get(i)? {
                        q @ (b'"' | b'\'') => {
                            let close = s[i + 1..].find(*q as char)? + i + 1;
                            value = decode_entities(&s[i + 1..close]).into_owned();
                            i = close + 1;
                        }
                        _ => {
                            let v_start = i;
                            while b
                                .get(i)
                                .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>')
                            {
                                i += 1;
                            }
                            value = decode_entities(&s[v_start..i]).into_owned();
                        }
                    }
                }
                if !key.is_empty() {
                    attrs.push((key, value));
                }
            }
        }
    }
}

pub(super) fn encode_attr(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Decodes named and numeric entities (the HTML5 list, via html-escape); NUL becomes U+FFFD so
/// no control character reaches the screen.
pub(super) fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let decoded = html_escape::decode_html_entities(s);
    if decoded.contains('\0') {
        Cow::Owned(decoded.replace('\0', "\u{fffd}"))
    } else {
        decoded
    }
}

/// Appends HTML text with whitespace collapsed as a browser would; never starts a Markdown line
/// with spaces, which would otherwise turn prose into an indented code block.
fn push_collapsed(md: &mut String, text: &str) {
    for (i, word) in text.split_ascii_whitespace().enumerate() {
        let at_line_start = md.is_empty() || md.ends_with('\n');
        let starts_with_space = i > 0 || text.starts_with(|c: char| c.is_ascii_whitespace());
        if starts_with_space && !at_line_start && !md.ends_with(' ') {
            md.push(' ');
        }
        md.push_str(word);
    }
    if text.ends_with(|c: char| c.is_ascii_whitespace())
        && !md.is_empty()
        && !md.ends_with(['\n', ' '])
    {
        md.push(' ');
    }
}

fn push_fence(md: &mut String, code: &str) {
    let longest = code.split(|c| c != '~').map(str::len).max().unwrap_or(0);
    let fence = "~".repeat(longest.max(2) + 1);
    let code = code.strip_prefix('\n').unwrap_or(code);
    md.push_str("\n\n");
    md.push_str(&fence);
    md.push('\n');
    md.push_str(code);
    if !code.ends_with('\n') {
        md.push('\n');
    }
    md.push_str(&fence);
    md.push_str("\n\n");
}

/// Block tags become paragraph breaks, <ul>/<ol> become Markdown lists, <pre> becomes a fenced block, comments and scripts vanish,
/// and inline tags are kept (canonicalised) for the inline HTML handler of the second pass.
pub(super) fn html_block_to_markdown(raw: &str) -> String {
    let mut md = String::new();
    let mut pre: Option<String> = None;
    let mut skip: Option<String> = None;
    let mut lists: Vec<bool> = Vec::new();
    for tok in tokenize_html(raw) {
        if let Some(name) = &skip {
            if let HtmlTok::Tag(t) = &tok
                && t.closing
                && &t.name == name
            {
                skip = None;
            }
            continue;
        }
        match tok {
            HtmlTok::Comment => {}
            HtmlTok::Text(t) => match &mut pre {
                Some(p) => p.push_str(&decode_entities(t)),
                None => push_collapsed(&mut md, t),
            },
            HtmlTok::Tag(t) => {
                let name = t.name.as_str();
                if name == "pre" {
                    if t.closing {
                        if let Some(p) = pre.take() {
                            push_fence(&mut md, &p);
                        }
                    } else if pre.is_none() {
                        pre = Some(String::new());
                    }
                    continue;
                }
                if pre.is_some() {
                    continue;
                }
                match name {
                    "script" | "style" | "template" | "textarea" if !t.closing => {
                        skip = Some(t.name)
                    }
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if !t.closing => {
                        md.push_str("\n\n");
                        md.push_str(&"#".repeat(usize::from(name.as_bytes()[1] - b'0')));
                        md.push(' ');
                    }
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => md.push_str("\n\n"),
                    "ul" | "ol" if !t.closing => {
                        if lists.is_empty() {
                            md.push_str("\n\n");
                        }
                        lists.push(name == "ol");
                    }
                    "ul" | "ol" => {
                        lists.pop();
                        md.push_str(if lists.is_empty() { "\n\n" } else { "\n" });
                    }
                    "li" if !t.closing => {
                        // Nested items must start at their parent's content column to nest in Markdown.
                        let depth = lists.len().saturating_sub(1);
                        let indent: usize =
                            lists[..depth].iter().map(|&o| if o { 3 } else { 2 }).sum();
                        md.push('\n');
                        md.push_str(&" ".repeat(indent));
                        md.push_str(if lists.last() == Some(&true) {
                            "1. "
                        } else {
                            "- "
                        });
                    }
                    "li" => {}
                    // A paragraph break inside an item would end the Markdown list.
                    _ if is_block_tag(name) && !lists.is_empty() => {
                        if !md.ends_with(char::is_whitespace) {
                            md.push(' ');
                        }
                    }
                    "td" | "th" => md.push(' '),
                    _ if is_block_tag(name) => md.push_str("\n\n"),
                    // Inline tags (and <br>) survive for the inline HTML handler of the second pass.
                    _ => md.push_str(&t.canonical()),
                }
            }
        }
    }
    if let Some(p) = pre {
        push_fence(&mut md, &p);
    }
    md
}
