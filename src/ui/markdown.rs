//! Owns turning Markdown (with inline and block HTML) into styled ratatui lines already wrapped to a width. Must not draw, scroll, read files or keep state between calls; every piece of text passes through `sanitize` before it reaches a line.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::sanitize::{sanitize_line, sanitize_text};

/// Styles for each kind of Markdown element; patched over one another when nested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MdStyles {
    pub heading: Style,
    pub emphasis: Style,
    pub strong: Style,
    pub code: Style,
    pub link: Style,
    pub url: Style,
    pub quote: Style,
    pub list_marker: Style,
    pub image: Style,
}

impl Default for MdStyles {
    fn default() -> Self {
        Self {
            heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            emphasis: Style::new().add_modifier(Modifier::ITALIC),
            strong: Style::new().add_modifier(Modifier::BOLD),
            code: Style::new().fg(Color::Yellow),
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            url: Style::new().fg(Color::DarkGray),
            quote: Style::new().fg(Color::Gray),
            list_marker: Style::new().fg(Color::Cyan),
            image: Style::new().fg(Color::Magenta),
        }
    }
}

/// Render Markdown (with inline HTML) to lines already wrapped to `width` columns.
///
/// No line is wider than `width` (as measured by `Line::width`); width 0 yields no lines.
pub fn render_markdown(md: &str, width: u16, styles: &MdStyles) -> Vec<Line<'static>> {
    let width = usize::from(width);
    if width == 0 {
        return Vec::new();
    }
    let md = sanitize_text(md);
    let mut r = Renderer::new(width, styles);
    // Post bodies may still carry their TOML front matter; it is metadata, not prose.
    let opts = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    for ev in Parser::new_ext(&md, opts) {
        r.event(ev);
    }
    r.finish()
}

/// Columns of text a line keeps even when nesting prefixes would eat the whole width.
const MIN_TEXT_COLS: usize = 4;
const CODE_INDENT: &str = "  ";

#[derive(Debug, Clone)]
struct Piece {
    text: String,
    style: Style,
}

impl Piece {
    fn new(text: impl Into<String>, style: Style) -> Self {
        Self {
            text: text.into(),
            style,
        }
    }
}

#[derive(Debug, Clone)]
enum Frag {
    Text(Piece),
    Break,
}

enum Container {
    Quote,
    List { next: Option<u64> },
    Item { marker: String, used: bool },
}

struct LinkCtx {
    url: String,
    start: usize,
}

struct HtmlOpen {
    name: String,
    style: Option<Style>,
    href: Option<String>,
    start: usize,
    had_img: bool,
}

struct Renderer<'s> {
    width: usize,
    styles: &'s MdStyles,
    out: Vec<Line<'static>>,
    frags: Vec<Frag>,
    containers: Vec<Container>,
    inline: Vec<Style>,
    html_open: Vec<HtmlOpen>,
    html_skip: Option<String>,
    links: Vec<LinkCtx>,
    image_depth: usize,
    image_src: String,
    image_alt: String,
    heading: bool,
    code: Option<String>,
    html_block: Option<String>,
    metadata: bool,
    /// Blank separator owed before the next emitted line, with the prefix (quote bars) it should carry.
    pending_blank: Option<Vec<Piece>>,
    /// HTML blocks are converted to Markdown and parsed again once; the second pass must not recurse.
    reparsing: bool,
}

impl<'s> Renderer<'s> {
    fn new(width: usize, styles: &'s MdStyles) -> Self {
        Self {
            width,
            styles,
            out: Vec::new(),
            frags: Vec::new(),
            containers: Vec::new(),
            inline: Vec::new(),
            html_open: Vec::new(),
            html_skip: None,
            links: Vec::new(),
            image_depth: 0,
            image_src: String::new(),
            image_alt: String::new(),
            heading: false,
            code: None,
            html_block: None,
            metadata: false,
            pending_blank: None,
            reparsing: false,
        }
    }

    fn finish(mut self) -> Vec<Line<'static>> {
        self.flush();
        if let Some(code) = self.code.take() {
            self.emit_code(&code);
        }
        let is_blank = |l: &Line<'_>| l.spans.iter().all(|s| s.content.trim().is_empty());
        while self.out.last().is_some_and(is_blank) {
            self.out.pop();
        }
        let lead = self.out.iter().take_while(|l| is_blank(l)).count();
        self.out.drain(..lead);
        self.out
    }

    fn event(&mut self, ev: Event<'_>) {
        if self.metadata && !matches!(ev, Event::End(TagEnd::MetadataBlock(_))) {
            return;
        }
        match ev {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                if let Some(code) = &mut self.code {
                    code.push_str(&t);
                } else {
                    self.push_text(&t, None);
                }
            }
            Event::Code(t) => self.push_text(&t, Some(self.styles.code)),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.push_text(&t, None),
            Event::Html(t) | Event::InlineHtml(t) => {
                if let Some(buf) = &mut self.html_block {
                    buf.push_str(&t);
                } else {
                    self.inline_html(&t);
                }
            }
            Event::FootnoteReference(t) => self.push_text(&format!("[{t}]"), None),
            Event::SoftBreak => self.push_text(" ", None),
            Event::HardBreak => {
                if self.image_depth > 0 {
                    self.image_alt.push(' ');
                } else {
                    self.frags.push(Frag::Break);
                }
            }
            Event::Rule => {
                self.flush();
                self.set_blank();
                let (first, _, avail) = self.prefixes(None);
                let mut pieces = first;
                pieces.push(Piece::new("─".repeat(avail), self.styles.quote));
                self.emit_lines(vec![pieces]);
                self.set_blank();
            }
            Event::TaskListMarker(done) => {
                self.push_text(if done { "[x] " } else { "[ ] " }, None);
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => self.flush(),
            Tag::TableCell => self.push_text(" ", None),
            Tag::Heading { .. } => {
                self.flush();
                self.set_blank();
                self.heading = true;
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.containers.push(Container::Quote);
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.code = Some(String::new());
            }
            Tag::HtmlBlock => {
                self.flush();
                self.html_block = Some(String::new());
            }
            Tag::List(start) => {
                self.flush();
                self.containers.push(Container::List { next: start });
            }
            Tag::Item => {
                self.flush();
                let marker = match self.containers.last_mut() {
                    Some(Container::List { next: Some(n) }) => {
                        let m = format!("{n}. ");
                        *n = n.saturating_add(1);
                        m
                    }
                    _ => "• ".to_string(),
                };
                self.containers.push(Container::Item {
                    marker,
                    used: false,
                });
            }
            Tag::Emphasis => self.inline.push(self.styles.emphasis),
            Tag::Strong => self.inline.push(self.styles.strong),
            Tag::Strikethrough => self
                .inline
                .push(Style::new().add_modifier(Modifier::CROSSED_OUT)),
            Tag::Superscript | Tag::Subscript => self.inline.push(Style::new()),
            Tag::Link { dest_url, .. } => {
                self.links.push(LinkCtx {
                    url: sanitize_line(&dest_url).trim().to_string(),
                    start: self.frags.len(),
                });
                self.inline.push(self.styles.link);
            }
            Tag::Image { dest_url, .. } => {
                if self.image_depth == 0 {
                    self.image_src = sanitize_line(&dest_url).trim().to_string();
                    self.image_alt.clear();
                }
                self.image_depth += 1;
            }
            Tag::MetadataBlock(_) => self.metadata = true,
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList => {
                self.flush();
                self.set_blank();
            }
            TagEnd::TableRow | TagEnd::DefinitionListTitle | TagEnd::DefinitionListDefinition => {
                self.flush()
            }
            TagEnd::TableCell => self.push_text(" ", None),
            TagEnd::Heading(_) => {
                self.flush();
                self.heading = false;
                self.set_blank();
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.containers.pop();
                self.set_blank();
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    self.emit_code(&code);
                }
                self.set_blank();
            }
            TagEnd::HtmlBlock => {
                let raw = self.html_block.take().unwrap_or_default();
                if self.reparsing {
                    self.inline_html(&raw);
                    self.flush();
                } else {
                    self.reparse_html_block(&raw);
                }
                self.set_blank();
            }
            TagEnd::List(_) => {
                self.flush();
                self.containers.pop();
                // A nested list in a tight item continues that item; only top-level lists end a block.
                if !self
                    .containers
                    .iter()
                    .any(|c| matches!(c, Container::Item { .. }))
                {
                    self.set_blank();
                }
            }
            TagEnd::Item => {
                self.flush();
                self.containers.pop();
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {
                self.inline.pop();
            }
            TagEnd::Link => {
                self.inline.pop();
                if let Some(ctx) = self.links.pop() {
                    self.close_link(&ctx.url, ctx.start);
                }
            }
            TagEnd::Image => {
                self.image_depth = self.image_depth.saturating_sub(1);
                if self.image_depth == 0 {
                    let alt = self.image_alt.trim();
                    let label = if alt.is_empty() {
                        self.image_src.clone()
                    } else {
                        alt.to_string()
                    };
                    self.push_image(&label);
                }
            }
            TagEnd::MetadataBlock(_) => self.metadata = false,
        }
    }

    fn current_style(&self) -> Style {
        let mut st = Style::new();
        if self
            .containers
            .iter()
            .any(|c| matches!(c, Container::Quote))
        {
            st = st.patch(self.styles.quote);
        }
        if self.heading {
            st = st.patch(self.styles.heading);
        }
        for s in &self.inline {
            st = st.patch(*s);
        }
        for h in &self.html_open {
            if let Some(s) = h.style {
                st = st.patch(s);
            }
        }
        st
    }

    fn push_text(&mut self, text: &str, extra: Option<Style>) {
        // Entities such as "&#27;" decode to controls after the input was sanitized, so sanitize again.
        let text = sanitize_line(text);
        if text.is_empty() {
            return;
        }
        if self.image_depth > 0 {
            self.image_alt.push_str(&text);
            return;
        }
        let mut style = self.current_style();
        if let Some(e) = extra {
            style = style.patch(e);
        }
        self.frags
            .push(Frag::Text(Piece::new(text.into_owned(), style)));
    }

    fn push_image(&mut self, label: &str) {
        let label = sanitize_line(label);
        let text = format!("[image: {}]", label.trim());
        if self.image_depth > 0 {
            self.image_alt.push_str(&text);
        } else {
            self.frags
                .push(Frag::Text(Piece::new(text, self.styles.image)));
        }
    }

    fn frag_text_since(&self, start: usize) -> String {
        self.frags
            .get(start..)
            .unwrap_or_default()
            .iter()
            .filter_map(|f| match f {
                Frag::Text(p) => Some(p.text.as_str()),
                Frag::Break => None,
            })
            .collect()
    }

    /// Terminals can't follow links, so the target is shown after the text unless it would repeat it.
    fn close_link(&mut self, url: &str, start: usize) {
        if url.is_empty() {
            return;
        }
        let text = self.frag_text_since(start);
        let text = text.trim();
        if text.is_empty() {
            self.frags
                .push(Frag::Text(Piece::new(url.to_string(), self.styles.url)));
        } else if text != url && url.strip_prefix("mailto:") != Some(text) {
            self.push_text(" ", None);
            self.frags
                .push(Frag::Text(Piece::new(format!("({url})"), self.styles.url)));
        }
    }

    /// Applies inline HTML: formatting tags become styles, <a>/<img>/<br> keep their meaning,
    /// comments and everything else vanish while their text stays.
    fn inline_html(&mut self, raw: &str) {
        for tok in tokenize_html(raw) {
            if let Some(skip) = &self.html_skip {
                if let HtmlTok::Tag(t) = &tok
                    && t.closing
                    && &t.name == skip
                {
                    self.html_skip = None;
                }
                continue;
            }
            match tok {
                HtmlTok::Comment => {}
                HtmlTok::Text(t) => {
                    let decoded = decode_entities(t);
                    self.push_text(&decoded, None);
                }
                HtmlTok::Tag(t) => self.inline_tag(t),
            }
        }
    }

    fn inline_tag(&mut self, t: HtmlTag) {
        let name = t.name.as_str();
        if t.closing {
            let Some(idx) = self.html_open.iter().rposition(|h| h.name == name) else {
                return;
            };
            let open = self.html_open.remove(idx);
            if let Some(href) = open.href
                && !open.had_img
            {
                self.close_link(&href, open.start);
            }
            return;
        }
        let style = match name {
            "b" | "strong" => Some(self.styles.strong),
            "i" | "em" | "cite" | "var" => Some(self.styles.emphasis),
            "code" | "tt" | "kbd" | "samp" => Some(self.styles.code),
            "u" | "ins" => Some(Style::new().add_modifier(Modifier::UNDERLINED)),
            "s" | "strike" | "del" => Some(Style::new().add_modifier(Modifier::CROSSED_OUT)),
            _ => None,
        };
        match name {
            "img" => {
                let label = t
                    .attr("alt")
                    .filter(|a| !a.trim().is_empty())
                    .or_else(|| t.attr("src"))
                    .unwrap_or("")
                    .trim()
                    .to_string();
                let href = self.html_open.iter_mut().rev().find(|h| h.href.is_some());
                let label = match href {
                    Some(open) => {
                        open.had_img = true;
                        format!("{label} → {}", open.href.as_deref().unwrap_or(""))
                    }
                    None => label,
                };
                self.push_image(&label);
            }
            "br" => self.frags.push(Frag::Break),
            "a" => {
                let href = t
                    .attr("href")
                    .map(|h| sanitize_line(h).trim().to_string())
                    .filter(|h| !h.is_empty());
                let style = href.as_ref().map(|_| self.styles.link);
                self.html_open.push(HtmlOpen {
                    name: t.name,
                    style,
                    href,
                    start: self.frags.len(),
                    had_img: false,
                });
            }
            "script" | "style" | "template" | "textarea" => self.html_skip = Some(t.name),
            _ if style.is_some() => self.html_open.push(HtmlOpen {
                name: t.name,
                style,
                href: None,
                start: self.frags.len(),
                had_img: false,
            }),
            // Block tags reached inline must still separate words on either side.
            _ if is_block_tag(name) => self.push_text(" ", None),
            _ => {}
        }
    }

    /// Block HTML in posts mostly wraps Markdown-ish prose (`<center>*x*</center>`) or figures,
    /// so block tags become paragraph breaks and the rest is parsed as Markdown once more.
    fn reparse_html_block(&mut self, raw: &str) {
        let md = html_block_to_markdown(raw);
        self.reparsing = true;
        for ev in Parser::new_ext(&md, Options::ENABLE_STRIKETHROUGH) {
            self.event(ev);
        }
        self.flush();
        self.html_open.clear();
        self.html_skip = None;
        self.reparsing = false;
    }

    fn set_blank(&mut self) {
        let (_, cont, _) = self.prefixes_inner(None, false);
        self.pending_blank = Some(trim_trailing_spaces(cont));
    }

    /// First-line prefix, continuation prefix and the columns left for text.
    fn prefixes(&mut self, extra: Option<Piece>) -> (Vec<Piece>, Vec<Piece>, usize) {
        self.prefixes_inner(extra, true)
    }

    fn prefixes_inner(
        &mut self,
        extra: Option<Piece>,
        consume_markers: bool,
    ) -> (Vec<Piece>, Vec<Piece>, usize) {
        let mut first = Vec::new();
        let mut cont = Vec::new();
        for c in &mut self.containers {
            match c {
                Container::Quote => {
                    first.push(Piece::new("│ ", self.styles.quote));
                    cont.push(Piece::new("│ ", self.styles.quote));
                }
                Container::List { .. } => {}
                Container::Item { marker, used } => {
                    let pad = " ".repeat(marker.width());
                    if *used {
                        first.push(Piece::new(pad.clone(), Style::new()));
                    } else {
                        first.push(Piece::new(marker.clone(), self.styles.list_marker));
                        if consume_markers {
                            *used = true;
                        }
                    }
                    cont.push(Piece::new(pad, Style::new()));
                }
            }
        }
        if let Some(e) = extra {
            first.push(e.clone());
            cont.push(e);
        }
        let max_prefix = self.width - self.width.min(MIN_TEXT_COLS);
        let first = cut_pieces(first, max_prefix);
        let cont = cut_pieces(cont, max_prefix);
        let used = pieces_width(&first).max(pieces_width(&cont));
        (first, cont, self.width.saturating_sub(used).max(1))
    }

    fn flush(&mut self) {
        self.html_open.clear();
        if self.frags.is_empty() {
            return;
        }
        let frags = std::mem::take(&mut self.frags);
        if !frags.iter().any(|f| match f {
            Frag::Text(p) => !p.text.trim().is_empty(),
            Frag::Break => false,
        }) {
            return;
        }
        let (first, cont, avail) = self.prefixes(None);
        let body = wrap(&frags, avail);
        let lines = body
            .into_iter()
            .enumerate()
            .map(|(i, mut l)| {
                let mut p = if i == 0 { first.clone() } else { cont.clone() };
                p.append(&mut l);
                p
            })
            .collect();
        self.emit_lines(lines);
    }

    fn emit_code(&mut self, code: &str) {
        let code = sanitize_text(code);
        let code = code.strip_suffix('\n').unwrap_or(&code);
        let indent = Piece::new(CODE_INDENT, Style::new());
        let (first, cont, avail) = self.prefixes(Some(indent));
        let lines = code
            .split('\n')
            .enumerate()
            .map(|(i, line)| {
                let mut p = if i == 0 { first.clone() } else { cont.clone() };
                let (cut, _) = cut_str(line, avail);
                if cut.is_empty() {
                    return trim_trailing_spaces(p);
                }
                p.push(Piece::new(cut, self.styles.code));
                p
            })
            .collect();
        self.emit_lines(lines);
    }

    fn emit_lines(&mut self, lines: Vec<Vec<Piece>>) {
        if lines.is_empty() {
            return;
        }
        if let Some(blank) = self.pending_blank.take()
            && !self.out.is_empty()
        {
            self.push_line(blank);
        }
        for l in lines {
            self.push_line(l);
        }
    }

    fn push_line(&mut self, pieces: Vec<Piece>) {
        let pieces = cut_pieces(pieces, self.width);
        let mut spans: Vec<Span<'static>> = Vec::new();
        for p in pieces {
            if p.text.is_empty() {
                continue;
            }
            match spans.last_mut() {
                Some(last) if last.style == p.style => last.content.to_mut().push_str(&p.text),
                _ => spans.push(Span::styled(p.text, p.style)),
            }
        }
        let mut line = Line::from(spans);
        // Cluster-by-cluster measuring can differ from whole-string measuring for odd sequences
        // (e.g. a variation selector split from its base); the width promise must hold regardless.
        while line.width() > self.width {
            let Some(last) = line.spans.last_mut() else {
                break;
            };
            let content = last.content.to_mut();
            if content.pop().is_none() || content.is_empty() {
                line.spans.pop();
            }
        }
        self.out.push(line);
    }
}

/// Splits text into display clusters: a visible char plus any zero-width chars that follow it,
/// so combining marks and variation selectors are never separated from their base.
fn clusters(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let mut it = rest.char_indices();
        it.next()?;
        let end = it
            .find(|(_, c)| c.width().unwrap_or(0) != 0)
            .map_or(rest.len(), |(i, _)| i);
        let (head, tail) = rest.split_at(end);
        rest = tail;
        Some(head)
    })
}

/// Indents are noise on an otherwise empty line; quote bars are kept so the quote stays visibly joined.
fn trim_trailing_spaces(mut pieces: Vec<Piece>) -> Vec<Piece> {
    while let Some(last) = pieces.last_mut() {
        let trimmed = last.text.trim_end().len();
        if trimmed == 0 {
            pieces.pop();
        } else {
            last.text.truncate(trimmed);
            break;
        }
    }
    pieces
}

fn pieces_width(pieces: &[Piece]) -> usize {
    pieces.iter().map(|p| p.text.width()).sum()
}

/// Longest prefix of `s` that fits `max` columns, and its width.
fn cut_str(s: &str, max: usize) -> (String, usize) {
    let mut out = String::new();
    let mut w = 0;
    for c in clusters(s) {
        let cw = c.width();
        if w + cw > max {
            break;
        }
        out.push_str(c);
        w += cw;
    }
    (out, w)
}

fn cut_pieces(pieces: Vec<Piece>, max: usize) -> Vec<Piece> {
    if pieces_width(&pieces) <= max {
        return pieces;
    }
    let mut out = Vec::new();
    let mut left = max;
    for p in pieces {
        let (text, w) = cut_str(&p.text, left);
        left -= w;
        if !text.is_empty() {
            out.push(Piece::new(text, p.style));
        }
        if w < p.text.width() {
            break;
        }
    }
    out
}

struct Word {
    pieces: Vec<Piece>,
    width: usize,
    space_before: bool,
}

enum Token {
    Word(Word),
    Break,
}

fn push_cluster(pieces: &mut Vec<Piece>, cluster: &str, style: Style) {
    match pieces.last_mut() {
        Some(last) if last.style == style => last.text.push_str(cluster),
        _ => pieces.push(Piece::new(cluster, style)),
    }
}

/// Words are runs without spaces; wide (CJK, emoji) clusters are words of their own because
/// those scripts may break between any two characters.
fn tokenize(frags: &[Frag]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut cur: Option<Word> = None;
    let mut space = false;
    for f in frags {
        let p = match f {
            Frag::Break => {
                if let Some(w) = cur.take() {
                    tokens.push(Token::Word(w));
                }
                tokens.push(Token::Break);
                space = false;
                continue;
            }
            Frag::Text(p) => p,
        };
        for c in clusters(&p.text) {
            if c == " " {
                if let Some(w) = cur.take() {
                    tokens.push(Token::Word(w));
                }
                space = true;
                continue;
            }
            let cw = c.width();
            if cw >= 2 {
                if let Some(w) = cur.take() {
                    tokens.push(Token::Word(w));
                }
                tokens.push(Token::Word(Word {
                    pieces: vec![Piece::new(c, p.style)],
                    width: cw,
                    space_before: space,
                }));
                space = false;
                continue;
            }
            let w = cur.get_or_insert_with(|| Word {
                pieces: Vec::new(),
                width: 0,
                space_before: space,
            });
            space = false;
            push_cluster(&mut w.pieces, c, p.style);
            w.width += cw;
        }
    }
    if let Some(w) = cur.take() {
        tokens.push(Token::Word(w));
    }
    tokens
}

/// Greedy word wrap to `avail` (>= 1) columns; words wider than a line are broken by cluster.
fn wrap(frags: &[Frag], avail: usize) -> Vec<Vec<Piece>> {
    let avail = avail.max(1);
    let mut lines: Vec<Vec<Piece>> = Vec::new();
    let mut line: Vec<Piece> = Vec::new();
    let mut line_w = 0;
    for tok in tokenize(frags) {
        let word = match tok {
            Token::Break => {
                lines.push(std::mem::take(&mut line));
                line_w = 0;
                continue;
            }
            Token::Word(w) => w,
        };
        let sep = usize::from(line_w > 0 && word.space_before);
        if line_w + sep + word.width <= avail {
            if sep == 1 {
                let style = word.pieces.first().map_or(Style::new(), |p| p.style);
                push_cluster(&mut line, " ", style);
            }
            for p in word.pieces {
                push_cluster(&mut line, &p.text, p.style);
            }
            line_w += sep + word.width;
            continue;
        }
        if line_w > 0 {
            lines.push(std::mem::take(&mut line));
            line_w = 0;
        }
        for p in &word.pieces {
            for c in clusters(&p.text) {
                let cw = c.width();
                if line_w + cw > avail && line_w > 0 {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0;
                }
                if cw > avail {
                    // Only a 1-column line can meet a 2-column char; show that something was there.
                    push_cluster(&mut line, "?", p.style);
                    line_w += 1;
                } else {
                    push_cluster(&mut line, c, p.style);
                    line_w += cw;
                }
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

#[derive(Debug)]
struct HtmlTag {
    name: String,
    closing: bool,
    attrs: Vec<(String, String)>,
}

impl HtmlTag {
    fn attr(&self, name: &str) -> Option<&str> {
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
enum HtmlTok<'a> {
    Text(&'a str),
    Comment,
    Tag(HtmlTag),
}

fn is_block_tag(name: &str) -> bool {
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
fn tokenize_html(s: &str) -> Vec<HtmlTok<'_>> {
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
fn parse_tag(s: &str, start: usize) -> Option<(HtmlTag, usize)> {
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

fn encode_attr(v: &str) -> String {
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

/// Decodes the entities seen in real posts; unknown ones are left as written.
fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest
            .get(1..rest.len().min(12))
            .and_then(|r| r.find(';').map(|semi| &r[..semi]))
            .and_then(|name| decode_entity(name).map(|c| (c, name.len() + 2)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return Some(
            char::from_u32(code)
                .filter(|c| *c != '\0')
                .unwrap_or('\u{fffd}'),
        );
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "copy" => '©',
        "reg" => '®',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "middot" => '·',
        "rarr" => '→',
        _ => return None,
    })
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
fn html_block_to_markdown(raw: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    const POST: &str = include_str!("../../tests/fixtures/seeds/000_35b412304823bfa4.txt");

    fn plain(lines: &[Line<'_>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    fn render(md: &str, width: u16) -> Vec<String> {
        plain(&render_markdown(md, width, &MdStyles::default()))
    }

    #[test]
    fn plain_text_table() {
        let cases: &[(&str, u16, &[&str])] = &[
            (
                "<div class=\"figure center dim-margin\">\n  <a href=\"/images/confs/fotolog.pdf\">\n    <img src=\"/img/old/archi_v7.png\">\n  </a>\n</div>\n",
                80,
                &["[image: /img/old/archi_v7.png → /images/confs/fotolog.pdf]"],
            ),
            (
                "<div><img src=\"/a.png\" alt=\"The stage\"></div>",
                80,
                &["[image: The stage]"],
            ),
            (
                "<div><a href=\"/big.png\"><img src=\"/a.png\" alt=\"The stage\"></a></div>",
                80,
                &["[image: The stage → /big.png]"],
            ),
            ("![A crowd](/img/crowd.jpg)", 80, &["[image: A crowd]"]),
            ("![](/img/crowd.jpg)", 80, &["[image: /img/crowd.jpg]"]),
            ("<center>*The venue*</center>", 80, &["The venue"]),
            ("A\n\n<!--more-->\n\nB", 80, &["A", "", "B"]),
            ("A <!--more--> B\n\n<!--toc-->", 80, &["A B"]),
            ("<!-- unterminated comment\n\nstill comment", 80, &[]),
            (
                "Some <span class=\"x\">inner</span> text",
                80,
                &["Some inner text"],
            ),
            (
                "[OSCON](http://www.oscon.com/oscon2013) talk",
                80,
                &["OSCON (http://www.oscon.com/oscon2013) talk"],
            ),
            ("<http://example.com>", 80, &["http://example.com"]),
            ("[http://x.org](http://x.org)", 80, &["http://x.org"]),
            ("<a href=\"/t\">here</a>", 80, &["here (/t)"]),
            (
                "# Title\nText\n## Sub\nMore",
                80,
                &["Title", "", "Text", "", "Sub", "", "More"],
            ),
            (
                "para one\nsoft\n\npara two",
                80,
                &["para one soft", "", "para two"],
            ),
            ("hard  \nbreak", 80, &["hard", "break"]),
            ("a\n\n---\n\nb", 5, &["a", "", "─────", "", "b"]),
            (
                "> quoted text\n>\n> again",
                80,
                &["│ quoted text", "│", "│ again"],
            ),
            (
                "before\n\n> q\n\nafter",
                80,
                &["before", "", "│ q", "", "after"],
            ),
            (
                "```\nlet x = 1234567890;\n\nfoo\n```",
                10,
                &["  let x = ", "", "  foo"],
            ),
            ("    indented code\n", 80, &["  indented code"]),
            ("Use `cargo test` now", 80, &["Use cargo test now"]),
            ("1. one\n2. two\n", 80, &["1. one", "2. two"]),
            ("3. three\n4. four\n", 80, &["3. three", "4. four"]),
            ("- a\n\n- b\n", 80, &["• a", "", "• b"]),
            ("+++\ntitle = \"x\"\n+++\n\nBody", 80, &["Body"]),
            (
                "<pre>\nfn main() {\n    x &lt; y\n}\n</pre>",
                80,
                &["  fn main() {", "      x < y", "  }"],
            ),
            ("<script>alert(1)</script>\n\nok", 80, &["ok"]),
            (
                "<ul>\n<li>one</li>\n<li><p>two</p><ol><li>in</li></ol></li>\n</ul>",
                80,
                &["• one", "• two", "  1. in"],
            ),
            ("<p>line<br>next<br></p>", 80, &["line", "next"]),
            ("<table><tr><td>a</td><td>b</td></tr></table>", 80, &["a b"]),
            ("", 80, &[]),
            ("\n\n\n", 80, &[]),
        ];
        for (md, width, expected) in cases {
            assert_eq!(
                render(md, *width),
                *expected,
                "markdown: {md:?} width {width}"
            );
        }
    }

    #[test]
    fn nested_list_wraps_with_hanging_indent() {
        let md = "- first item that is long enough to wrap\n  - nested item also wrapping here\n- second\n";
        assert_eq!(
            render(md, 20),
            vec![
                "• first item that is",
                "  long enough to",
                "  wrap",
                "  • nested item also",
                "    wrapping here",
                "• second",
            ]
        );
        let ordered = "1. alpha beta gamma delta\n   1. inner words wrap too\n";
        assert_eq!(
            render(ordered, 20),
            vec![
                "1. alpha beta gamma",
                "   delta",
                "   1. inner words",
                "      wrap too",
            ]
        );
    }

    #[test]
    fn code_block_is_cut_not_wrapped() {
        let md = "```rust\nfn a_very_long_function_name() {}\nshort\n```";
        let out = render(md, 10);
        assert_eq!(out, vec!["  fn a_ver", "  short"]);
        let lines = render_markdown(md, 10, &MdStyles::default());
        assert_eq!(
            lines[0].spans.last().map(|s| s.style),
            Some(MdStyles::default().code)
        );
    }

    #[test]
    fn long_words_are_broken() {
        assert_eq!(render("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(render("ab abcdefghij", 4), vec!["ab", "abcd", "efgh", "ij"]);
    }

    #[test]
    fn cjk_breaks_between_characters() {
        assert_eq!(
            render("日本語のテキスト", 6),
            vec!["日本語", "のテキ", "スト"]
        );
        assert_eq!(render("日本語", 5), vec!["日本", "語"]);
        assert_eq!(render("日本", 1), vec!["?", "?"]);
        // Combining marks take no column and stay with their base letter.
        assert_eq!(
            render("e\u{301}e\u{301}e\u{301}e\u{301}", 3),
            vec!["e\u{301}e\u{301}e\u{301}", "e\u{301}"]
        );
        assert_eq!(render("😀😀 ab", 4), vec!["😀😀", "ab"]);
    }

    #[test]
    fn real_post_renders() {
        let out = render(POST, 80);
        assert!(
            !out.iter()
                .any(|l| l.contains("+++") || l.contains("thumbnailImage"))
        );
        assert!(
            out.contains(&"[image: /img/old/archi_v7.png → /images/confs/fotolog.pdf]".to_string())
        );
        assert!(
            out.iter()
                .any(|l| l.contains("OSCON (http://www.oscon.com/oscon2013)"))
        );
        assert!(!out.iter().any(|l| l.contains('<') || l.contains('*')));
        assert!(!out.first().is_some_and(|l| l.is_empty()));
        assert!(!out.last().is_some_and(|l| l.is_empty()));
        assert!(!out.windows(2).any(|w| w[0].is_empty() && w[1].is_empty()));
    }

    #[test]
    fn never_wider_than_width() {
        let samples = [
            POST,
            "日本語のテキストと English words mixed together 😀👍🏽 and café́ combining",
            "# 見出し heading\n\n> 引用 quote with **bold 太字** text\n\n- 項目 one\n  - 入れ子 nested ✈\u{fe0f} plane\n\n```\n日本語のコード code line\n```",
            "a\u{fe0f}b ☺\u{fe0f}☺\u{fe0f} 🇫🇷🇯🇵 👨\u{200d}👩\u{200d}👧 e\u{301}e\u{301}",
            "- - - - - - - - - - - - deep nesting item text",
            "> > > > > > > > > deep quote text here",
        ];
        for md in samples {
            for width in 1..=40u16 {
                for line in render_markdown(md, width, &MdStyles::default()) {
                    assert!(
                        line.width() <= usize::from(width),
                        "width {width}: {line:?} from {md:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn styles_are_applied() {
        let styles = MdStyles::default();
        let lines = render_markdown("plain **bold** *it* `code` [link](http://u)", 80, &styles);
        let spans = &lines[0].spans;
        let find = |text: &str| {
            spans
                .iter()
                .find(|s| s.content.contains(text))
                .map(|s| s.style)
                .unwrap_or_default()
        };
        assert!(find("bold").add_modifier.contains(Modifier::BOLD));
        assert!(find("it").add_modifier.contains(Modifier::ITALIC));
        assert_eq!(find("code"), styles.code);
        assert!(find("link").add_modifier.contains(Modifier::UNDERLINED));
        assert_eq!(find("(http://u)"), styles.url);
        assert!(!find("plain").add_modifier.contains(Modifier::BOLD));
        let heading = render_markdown("# Head", 80, &styles);
        assert_eq!(heading[0].spans[0].style, styles.heading);
        let html = render_markdown("x <b>hb</b> <em>he</em>", 80, &styles);
        let hb = html[0].spans.iter().find(|s| s.content.contains("hb"));
        assert!(hb.is_some_and(|s| s.style.add_modifier.contains(Modifier::BOLD)));
    }

    fn has_control(lines: &[Line<'_>]) -> bool {
        lines.iter().flat_map(|l| l.spans.iter()).any(|s| {
            s.content.chars().any(|c| {
                c.is_control()
                    || ('\u{202a}'..='\u{202e}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c)
            })
        })
    }

    #[test]
    fn escape_sequences_never_reach_output() {
        let styles = MdStyles::default();
        let cases = [
            "Hello\x1b]0;pwned\x07World\x1b[2J",
            "**bold\x1b[31m** `co\x1bde` [li\x1b]8;;x\x07nk](http://x\x1b[2J)",
            "entity &#27;[2J and &#x9b;31m and &#x202e;rev",
            "<div><img alt=\"a&#27;[2Jb\" src=\"x\"></div>",
            "<div>&#27;]0;t&#7; in block</div>",
            "```\ncode \x1b[2J\ttab\n```",
            "tab\there\u{202e}evil",
        ];
        for md in cases {
            let lines = render_markdown(md, 40, &styles);
            assert!(!has_control(&lines), "{md:?} -> {lines:?}");
        }
        assert_eq!(
            render("Hello\x1b]0;pwned\x07World\x1b[2J", 40),
            vec!["HelloWorld"]
        );
    }

    #[test]
    fn random_input_never_panics() {
        let alphabet = [
            '*', '_', '`', '<', '>', '[', ']', '(', ')', '#', '-', '\n', ' ', 'é', '日', '\u{1b}',
            'a', 'b', '!', '&', ';', '/', '"', '=', '1', '.', '~', '|', '\\', '+', '\t',
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let styles = MdStyles::default();
        for _ in 0..600 {
            let len = (next() % 80) as usize;
            let s: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            for width in 0..=30u16 {
                let lines = render_markdown(&s, width, &styles);
                assert!(!has_control(&lines), "{s:?}");
                for l in &lines {
                    assert!(l.width() <= usize::from(width), "{s:?} at {width}: {l:?}");
                }
            }
        }
    }
}
