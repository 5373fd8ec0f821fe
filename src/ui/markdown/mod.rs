//! Owns turning Markdown (with inline and block HTML) into styled ratatui lines already wrapped to a width. Must not draw, scroll, read files or keep state between calls; every piece of text passes through `sanitize` before it reaches a line.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use super::sanitize::{sanitize_line, sanitize_text};
use html::{
    HtmlTag, HtmlTok, decode_entities, html_block_to_markdown, is_block_tag, tokenize_html,
};
use unicode_width::UnicodeWidthStr;
use wrap::{cut_pieces, cut_str, pieces_width, trim_trailing_spaces, wrap};

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
    // Untrusted text: cap the nesting before the parser, whose work grows with depth squared.
    let md = limits::cap_nesting(&md, limits::MAX_CONTAINERS);
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
/// Ends a code line that goes on past the pane's edge.
pub const CUT_MARK: &str = "→";

#[derive(Debug, Clone)]
struct Piece {
    pub(super) text: String,
    pub(super) style: Style,
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
                if cut.len() < line.len() && avail > 1 {
                    // Code is not wrapped (that would change its meaning): a visible marker
                    // says the line goes on; zoom or widen the detail to read it.
                    let (cut, _) = cut_str(line, avail - 1);
                    p.push(Piece::new(cut, self.styles.code));
                    p.push(Piece::new(CUT_MARK, self.styles.url));
                } else {
                    p.push(Piece::new(cut, self.styles.code));
                }
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

mod html;
mod limits;
#[cfg(test)]
mod tests;
mod wrap;
