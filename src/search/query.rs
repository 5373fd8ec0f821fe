//! Owns the search-bar query language: parsing input into a `Query` (AND of OR-groups of terms, plus filters) with spanned, one-line problems, and deciding whether one query narrows another; must not match or score talks, touch talk data, or panic on any input.
//!
//! Syntax (fzf's, plus fields):
//! - whitespace separates terms, all of which must match;
//! - `'exact`, `^prefix`, `suffix$`, `^whole$`, `!negated` (combinable: `!'x`, `!^x`, `!x$`);
//!   the operators only count at the start (`'`, `^`, `!`) or end (`$`) of a term, so
//!   `o'reilly` and `a$b` are plain text, and a term that is nothing but operators
//!   (`!`, `'`, `^`, `!^`) is ignored (the user is still typing);
//! - `a | b`: a lone `|` ORs the terms on either side (`foo | bar baz` = (foo OR bar) AND baz);
//!   a leading, trailing or doubled `|` is ignored; `foo|bar` is plain text;
//! - `"a phrase"` is an exact phrase and may carry operators (`^"logical rep"`, `"rep"$`,
//!   `!"x y"`); text glued after the closing quote is appended (`"a b"c` = `a bc`);
//!   a `"` that does not start a term is plain text (`12"`);
//! - fields: `speaker:` (`@`), `company:`, `title:`, `tag:` (`#`), `conf:` (`conference:`),
//!   `city:`, `lang:` (`language:`), whose values take the same operators and quotes, plus an
//!   extra leading `!` (`tag:!mysql`); filters `year:2016`, `year:2013..2016`, `year:..2016`,
//!   `year:2013..`, `type:talk|post`, `has:video|slides`. Names are case-insensitive. Each can
//!   be negated with a leading `!` or `-`; a leading `-` before anything else is plain text;
//! - an unknown `name:value` (`foo:bar`, `https://…`, `9.5:`) is a plain term.
//!
//! Prefix/Suffix/ExactWhole anchor the whole value of a field (as fzf anchors the whole line).

use std::ops::Range;

use super::fold::fold_query;

/// Which part of a talk a term is matched against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Any,
    Speaker,
    Company,
    Title,
    Tag,
    Conference,
    City,
    Language,
}

/// How a term's text must occur in a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchKind {
    /// Subsequence match (fuzzy-matcher).
    Fuzzy,
    /// Substring.
    Exact,
    /// The field value starts with the text.
    Prefix,
    /// The field value ends with the text.
    Suffix,
    /// The field value is exactly the text (`^foo$`).
    ExactWhole,
}

/// One search word or phrase.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    pub field: Field,
    /// Folded via `fold_query`; never empty.
    pub text: String,
    pub kind: MatchKind,
    pub negated: bool,
    /// The text as other keyboard layouts type the same keys, folded ("vfhfn" → "marat"):
    /// matched after `text`, ranked below any direct match. Only for fuzzy, non-negated terms.
    pub alts: Vec<String>,
}

/// What a `has:` filter asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HasWhat {
    Video,
    Slides,
}

/// A non-text condition. Year bounds are inclusive; `None` is unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Filter {
    Year {
        from: Option<i32>,
        to: Option<i32>,
        negated: bool,
    },
    Type {
        talk: bool,
        negated: bool,
    },
    Has {
        what: HasWhat,
        negated: bool,
    },
}

/// A parsed query: every group must match (AND); within a group any term may match (OR);
/// every filter must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub groups: Vec<Vec<Term>>,
    pub filters: Vec<Filter>,
}

/// A problem in the input: a byte span of it and a message for a one-line search bar. Shown
/// as "message (at column N)", N counted in bytes from 1 like the span.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} (at column {})", span.start + 1)]
pub struct QueryError {
    pub span: Range<usize>,
    pub message: String,
}

const UNCLOSED_QUOTE: &str = "unclosed quote — add a closing \"";
const YEAR_HELP: &str = "year: expects 2016 or 2013..2016";
const TYPE_HELP: &str = "type: expects talk or post";
const HAS_HELP: &str = "has: expects video or slides";
const KNOWN: &str = "speaker: company: title: tag: conf: city: lang: year: type: has:";
const OR_FILTER: &str = "| joins words, not year:/type:/has: filters";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Qual {
    Text(Field),
    Year,
    Type,
    Has,
}

const QUALIFIERS: &[(&str, Qual)] = &[
    ("speaker", Qual::Text(Field::Speaker)),
    ("company", Qual::Text(Field::Company)),
    ("title", Qual::Text(Field::Title)),
    ("tag", Qual::Text(Field::Tag)),
    ("conf", Qual::Text(Field::Conference)),
    ("conference", Qual::Text(Field::Conference)),
    ("city", Qual::Text(Field::City)),
    ("lang", Qual::Text(Field::Language)),
    ("language", Qual::Text(Field::Language)),
    ("year", Qual::Year),
    ("type", Qual::Type),
    ("has", Qual::Has),
];

fn qualifier_named(name: &str) -> Option<(&'static str, Qual)> {
    QUALIFIERS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .copied()
}

enum Item {
    Term(Term),
    Filter(Filter),
    Or,
    Nothing,
}

/// A term's value after operators and quotes, before folding.
struct Value {
    text: String,
    kind: MatchKind,
    /// A `!` inside a field value (`tag:!x`).
    bang: bool,
    quoted: bool,
    /// Any of `! ' ^ $` was used.
    operators: bool,
    /// Nothing at all followed the qualifier.
    empty: bool,
}

struct Qualifier {
    qual: Qual,
    name: &'static str,
    sigil: bool,
    value_start: usize,
}

struct Parser<'a> {
    s: &'a str,
    pos: usize,
    errors: Vec<QueryError>,
}

impl<'a> Parser<'a> {
    fn peek_at(&self, at: usize) -> Option<char> {
        self.s.get(at..).and_then(|rest| rest.chars().next())
    }

    fn peek(&self) -> Option<char> {
        self.peek_at(self.pos)
    }

    fn slice(&self, from: usize, to: usize) -> &'a str {
        self.s.get(from..to).unwrap_or("")
    }

    /// True at the end of input or before whitespace.
    fn at_boundary(&self, at: usize) -> bool {
        self.peek_at(at).is_none_or(char::is_whitespace)
    }

    /// Byte index of the next whitespace at or after `from`, or the end.
    fn word_end(&self, from: usize) -> usize {
        self.s
            .get(from..)
            .and_then(|rest| rest.find(char::is_whitespace))
            .map_or(self.s.len(), |i| from + i)
    }

    fn skip_whitespace(&mut self) {
        while let Some(c) = self.peek() {
            if !c.is_whitespace() {
                break;
            }
            self.pos += c.len_utf8();
        }
    }

    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.errors.push(QueryError {
            span,
            message: message.into(),
        });
    }

    /// A known qualifier (`name:`, `@`, `#`) starting at `at`.
    fn qualifier_at(&self, at: usize) -> Option<Qualifier> {
        match self.peek_at(at)? {
            '@' => Some(Qualifier {
                qual: Qual::Text(Field::Speaker),
                name: "speaker",
                sigil: true,
                value_start: at + 1,
            }),
            '#' => Some(Qualifier {
                qual: Qual::Text(Field::Tag),
                name: "tag",
                sigil: true,
                value_start: at + 1,
            }),
            _ => {
                let rest = self.s.get(at..)?;
                let len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
                if len == 0 || rest.as_bytes().get(len) != Some(&b':') {
                    return None;
                }
                let (name, qual) = qualifier_named(rest.get(..len)?)?;
                Some(Qualifier {
                    qual,
                    name,
                    sigil: false,
                    value_start: at + len + 1,
                })
            }
        }
    }

    fn next_item(&mut self) -> Option<(Item, Range<usize>)> {
        self.skip_whitespace();
        let start = self.pos;
        let first = self.peek()?;
        let item = self.item(start, first);
        if self.pos <= start {
            // Defensive: every path consumes something, but never loop forever.
            self.pos = start + first.len_utf8();
        }
        Some((item, start..self.pos))
    }

    fn item(&mut self, start: usize, first: char) -> Item {
        if first == '|' && self.at_boundary(start + 1) {
            self.pos = start + 1;
            return Item::Or;
        }
        let mut negated = false;
        let mut at = start;
        match first {
            '!' => {
                negated = true;
                at += 1;
            }
            '-' if self.qualifier_at(start + 1).is_some() => {
                negated = true;
                at += 1;
            }
            _ => {}
        }
        if let Some(q) = self.qualifier_at(at) {
            self.pos = q.value_start;
            return self.qualified(&q, negated, start);
        }
        self.pos = at;
        let unknown = self.unknown_qualifier_at(at);
        let value = self.value(false);
        if let Some(name) = unknown {
            // Searching `foo:bar` as text would quietly find nothing, or the wrong things.
            self.error(
                start..self.pos,
                format!(
                    "unknown qualifier {name}: (try {KNOWN}); to find the text, quote it: '{name}:…"
                ),
            );
            return Item::Nothing;
        }
        make_term(Field::Any, negated, value).map_or(Item::Nothing, Item::Term)
    }

    /// `name:` made of two or more letters that is no qualifier, at `at`. A URL (`https://`)
    /// is text, not a qualifier.
    fn unknown_qualifier_at(&self, at: usize) -> Option<String> {
        let rest = self.s.get(at..)?;
        let len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let after = rest.as_bytes().get(len + 1);
        (len >= 2 && rest.as_bytes().get(len) == Some(&b':') && after != Some(&b'/'))
            .then(|| rest[..len].to_string())
    }

    fn qualified(&mut self, q: &Qualifier, negated: bool, start: usize) -> Item {
        match q.qual {
            Qual::Text(field) => {
                let value = self.value(true);
                if value.empty {
                    if !q.sigil {
                        self.error(start..self.pos, format!("{}: needs a value", q.name));
                    }
                    return Item::Nothing;
                }
                make_term(field, negated, value).map_or(Item::Nothing, Item::Term)
            }
            Qual::Year | Qual::Type | Qual::Has => {
                let value = self.value(false);
                let span = start..self.pos;
                let folded = fold_query(&value.text);
                let plain = (!value.operators).then_some(folded.trim());
                let filter = match q.qual {
                    Qual::Year => match plain.map(parse_years) {
                        Some(Ok((from, to))) => Ok(Filter::Year { from, to, negated }),
                        Some(Err(message)) => Err(message),
                        None => Err(YEAR_HELP.to_owned()),
                    },
                    Qual::Type => match plain {
                        Some("talk" | "talks") => Ok(Filter::Type {
                            talk: true,
                            negated,
                        }),
                        Some("post" | "posts") => Ok(Filter::Type {
                            talk: false,
                            negated,
                        }),
                        _ => Err(TYPE_HELP.to_owned()),
                    },
                    _ => match plain {
                        Some("video" | "videos") => Ok(Filter::Has {
                            what: HasWhat::Video,
                            negated,
                        }),
                        Some("slides" | "slide") => Ok(Filter::Has {
                            what: HasWhat::Slides,
                            negated,
                        }),
                        _ => Err(HAS_HELP.to_owned()),
                    },
                };
                match filter {
                    Ok(f) => Item::Filter(f),
                    Err(message) => {
                        self.error(span, message);
                        Item::Nothing
                    }
                }
            }
        }
    }

    /// Reads a term's value at `self.pos`: operators, then a quoted phrase or a bare word.
    fn value(&mut self, allow_bang: bool) -> Value {
        let raw_start = self.pos;
        let mut bang = false;
        if allow_bang && self.peek() == Some('!') {
            bang = true;
            self.pos += 1;
        }
        let (mut exact, mut prefix) = (false, false);
        match self.peek() {
            Some('\'') => {
                exact = true;
                self.pos += 1;
            }
            Some('^') => {
                prefix = true;
                self.pos += 1;
            }
            _ => {}
        }
        let mut suffix = false;
        let quoted = self.peek() == Some('"');
        let text = if quoted {
            let quote = self.pos;
            let body_start = quote + 1;
            let (body_end, after) = match self.s.get(body_start..).and_then(|r| r.find('"')) {
                Some(i) => (body_start + i, body_start + i + 1),
                None => {
                    self.error(quote..self.s.len(), UNCLOSED_QUOTE);
                    (self.s.len(), self.s.len())
                }
            };
            let mut text = self.slice(body_start, body_end).to_owned();
            self.pos = after;
            if self.peek() == Some('$') && self.at_boundary(self.pos + 1) {
                suffix = true;
                self.pos += 1;
            } else {
                let end = self.word_end(self.pos);
                text.push_str(self.slice(self.pos, end));
                self.pos = end;
            }
            text
        } else {
            let end = self.word_end(self.pos);
            let mut body = self.slice(self.pos, end);
            self.pos = end;
            if body.len() > 1
                && let Some(stripped) = body.strip_suffix('$')
            {
                suffix = true;
                body = stripped;
            }
            body.to_owned()
        };
        let kind = match (prefix, suffix) {
            (true, true) => MatchKind::ExactWhole,
            (true, false) => MatchKind::Prefix,
            (false, true) => MatchKind::Suffix,
            (false, false) if exact || quoted => MatchKind::Exact,
            (false, false) => MatchKind::Fuzzy,
        };
        Value {
            text,
            kind,
            bang,
            quoted,
            operators: bang || exact || prefix || suffix,
            empty: self.pos == raw_start,
        }
    }
}

fn make_term(field: Field, negated: bool, value: Value) -> Option<Term> {
    let mut text = fold_query(&value.text);
    if !value.quoted {
        let trimmed = text.trim();
        if trimmed.len() != text.len() {
            text = trimmed.to_owned();
        }
    }
    if text.is_empty() {
        return None;
    }
    let negated = negated != value.bang;
    let alts = if value.kind == MatchKind::Fuzzy && !negated {
        super::layout::alternatives(&value.text)
    } else {
        Vec::new()
    };
    Some(Term {
        field,
        text,
        kind: value.kind,
        negated,
        alts,
    })
}

fn parse_year(s: &str) -> Result<Option<i32>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().map(Some).map_err(|_| YEAR_HELP.to_owned());
    }
    Err(YEAR_HELP.to_owned())
}

fn parse_years(s: &str) -> Result<(Option<i32>, Option<i32>), String> {
    let (from, to) = match s.split_once("..") {
        Some((a, b)) => (parse_year(a)?, parse_year(b)?),
        None => {
            let y = parse_year(s)?;
            (y, y)
        }
    };
    match (from, to) {
        (None, None) => Err(YEAR_HELP.to_owned()),
        (Some(f), Some(t)) if f > t => Err(format!("year: {f}..{t} runs backwards — try {t}..{f}")),
        _ => Ok((from, to)),
    }
}

/// Parses a search-bar query. Never fails: returns the best query it could build from the
/// input plus every problem found (sorted by position), each with a byte span of `input`.
pub fn parse_query(input: &str) -> (Query, Vec<QueryError>) {
    let mut parser = Parser {
        s: input,
        pos: 0,
        errors: Vec::new(),
    };
    let mut items = Vec::new();
    while let Some(item) = parser.next_item() {
        items.push(item);
    }
    let mut errors = parser.errors;

    #[derive(PartialEq)]
    enum Last {
        Nothing,
        Term,
        Filter,
    }
    let mut query = Query::default();
    let mut last = Last::Nothing;
    let mut pending_or: Option<Range<usize>> = None;
    for (item, span) in items {
        match item {
            Item::Or => match last {
                Last::Term => pending_or = Some(span),
                Last::Filter => errors.push(QueryError {
                    span,
                    message: OR_FILTER.to_owned(),
                }),
                Last::Nothing => {}
            },
            Item::Term(term) => {
                match (pending_or.take(), query.groups.last_mut()) {
                    (Some(_), Some(group)) => group.push(term),
                    _ => query.groups.push(vec![term]),
                }
                last = Last::Term;
            }
            Item::Filter(filter) => {
                if let Some(span) = pending_or.take() {
                    errors.push(QueryError {
                        span,
                        message: OR_FILTER.to_owned(),
                    });
                }
                query.filters.push(filter);
                last = Last::Filter;
            }
            Item::Nothing => {}
        }
    }
    errors.sort_by_key(|e| (e.span.start, e.span.end));
    (query, errors)
}

/// Whether every string matching `a` also matches `b`, ignoring negation and field.
fn kind_implies(a: &Term, b: &Term) -> bool {
    use MatchKind::*;
    match (a.kind, b.kind) {
        (Fuzzy, Fuzzy) => a.text.starts_with(&b.text),
        (Exact | Prefix | Suffix | ExactWhole, Exact) => a.text.contains(&b.text),
        (Prefix | ExactWhole, Prefix) => a.text.starts_with(&b.text),
        (Suffix | ExactWhole, Suffix) => a.text.ends_with(&b.text),
        (ExactWhole, ExactWhole) => a.text == b.text,
        _ => false,
    }
}

fn term_implies(a: &Term, b: &Term) -> bool {
    if a.field != b.field || a.negated != b.negated {
        return false;
    }
    // What a layout alternative of `a` finds must be inside what `b` found, directly or
    // through an alternative of its own.
    if !a
        .alts
        .iter()
        .all(|x| b.alts.iter().any(|y| x.starts_with(y.as_str())) || x.starts_with(&b.text))
    {
        return false;
    }
    if a.negated {
        kind_implies(b, a)
    } else {
        kind_implies(a, b)
    }
}

/// Whether matching OR-group `a` implies matching OR-group `b`.
fn group_implies(a: &[Term], b: &[Term]) -> bool {
    !a.is_empty() && a.iter().all(|t| b.iter().any(|u| term_implies(t, u)))
}

fn within(inner: (Option<i32>, Option<i32>), outer: (Option<i32>, Option<i32>)) -> bool {
    let low = match (inner.0, outer.0) {
        (_, None) => true,
        (Some(i), Some(o)) => i >= o,
        (None, Some(_)) => false,
    };
    let high = match (inner.1, outer.1) {
        (_, None) => true,
        (Some(i), Some(o)) => i <= o,
        (None, Some(_)) => false,
    };
    low && high
}

fn filter_implies(a: &Filter, b: &Filter) -> bool {
    match (*a, *b) {
        (
            Filter::Year {
                from: af,
                to: at,
                negated: an,
            },
            Filter::Year {
                from: bf,
                to: bt,
                negated: bn,
            },
        ) if an == bn => {
            if an {
                within((bf, bt), (af, at))
            } else {
                within((af, at), (bf, bt))
            }
        }
        _ => a == b,
    }
}

impl Query {
    /// True when the query has no terms and no filters (everything matches).
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.filters.is_empty()
    }

    /// True when `self` can only match a subset of what `prev` matched, so the caller may
    /// search only `prev`'s results. Conservative: false when unsure.
    ///
    /// Every group of `prev` must be implied by some group of `self`, and every filter of
    /// `prev` by some filter of `self`. A term implies another of the same field and
    /// negation when (for negated terms, the other way round): fuzzy text extended at the
    /// end (`logical` → `logicalr`); exact/prefix/suffix/whole text containing an exact
    /// one; prefix/whole text starting with a prefix one; suffix/whole text ending with a
    /// suffix one; equal whole ones. Fuzzy is assumed to mean "is a subsequence", with no
    /// score cut-off. Year ranges imply wider ranges (narrower for negated ones); other
    /// filters only themselves.
    pub fn narrows(&self, prev: &Query) -> bool {
        prev.groups
            .iter()
            .all(|p| self.groups.iter().any(|g| group_implies(g, p)))
            && prev
                .filters
                .iter()
                .all(|p| self.filters.iter().any(|f| filter_implies(f, p)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_term(t: &Term) -> String {
        let field = match t.field {
            Field::Any => "",
            Field::Speaker => "speaker:",
            Field::Company => "company:",
            Field::Title => "title:",
            Field::Tag => "tag:",
            Field::Conference => "conf:",
            Field::City => "city:",
            Field::Language => "lang:",
        };
        let kind = match t.kind {
            MatchKind::Fuzzy => "~",
            MatchKind::Exact => "=",
            MatchKind::Prefix => "^",
            MatchKind::Suffix => "$",
            MatchKind::ExactWhole => "^$",
        };
        let text = if t.text.contains([' ', '|', '&', '«', '»']) {
            format!("«{}»", t.text)
        } else {
            t.text.clone()
        };
        format!("{}{field}{kind}{text}", if t.negated { "!" } else { "" })
    }

    fn render_filter(f: &Filter) -> String {
        let opt = |y: Option<i32>| y.map_or(String::new(), |y| y.to_string());
        let (neg, body) = match *f {
            Filter::Year { from, to, negated } => {
                (negated, format!("year:{}..{}", opt(from), opt(to)))
            }
            Filter::Type { talk, negated } => (
                negated,
                format!("type:{}", if talk { "talk" } else { "post" }),
            ),
            Filter::Has { what, negated } => (
                negated,
                format!(
                    "has:{}",
                    match what {
                        HasWhat::Video => "video",
                        HasWhat::Slides => "slides",
                    }
                ),
            ),
        };
        format!("{}{body}", if neg { "!" } else { "" })
    }

    /// Groups joined by " & ", terms in a group by " | ", then filters, also by " & ".
    fn render(q: &Query) -> String {
        let mut parts: Vec<String> = q
            .groups
            .iter()
            .map(|g| g.iter().map(render_term).collect::<Vec<_>>().join(" | "))
            .collect();
        parts.extend(q.filters.iter().map(render_filter));
        parts.join(" & ")
    }

    fn check(input: &str, want: &str, want_errors: &[(Range<usize>, &str)]) {
        let (q, errors) = parse_query(input);
        assert_eq!(render(&q), want, "query of {input:?}");
        let got: Vec<(Range<usize>, &str)> = errors
            .iter()
            .map(|e| (e.span.clone(), e.message.as_str()))
            .collect();
        assert_eq!(got, want_errors, "errors of {input:?}");
        assert_eq!(q.is_empty(), want.is_empty(), "is_empty of {input:?}");
    }

    /// Expected errors: (span, message).
    type Spans<'a> = &'a [(Range<usize>, &'a str)];

    const NONE: Spans<'static> = &[];

    #[test]
    fn an_unknown_qualifier_is_reported_not_searched_as_text() {
        let known = "(try speaker: company: title: tag: conf: city: lang: year: type: has:)";
        for (input, span, name) in [
            ("foo:bar", 0..7, "foo"),
            ("Foo:Bar", 0..7, "Foo"),
            ("foo:", 0..4, "foo"),
            ("tags:x", 0..6, "tags"),
            ("!foo:bar", 0..8, "foo"),
        ] {
            let (q, errors) = parse_query(input);
            assert!(q.is_empty(), "{input}");
            assert_eq!(errors.len(), 1, "{input}");
            assert_eq!(errors[0].span, span, "{input}");
            assert_eq!(
                errors[0].message,
                format!("unknown qualifier {name}: {known}; to find the text, quote it: '{name}:…"),
            );
        }
        // Quoted, it is text; a URL is text too.
        check("'foo:bar", "=foo:bar", NONE);
    }

    #[test]
    fn plain_terms_and_whitespace() {
        let cases: &[(&str, &str)] = &[
            ("", ""),
            ("   ", ""),
            ("\t\t", ""),
            ("foo", "~foo"),
            ("Foo", "~foo"),
            ("foo bar", "~foo & ~bar"),
            ("foo   bar", "~foo & ~bar"),
            ("foo\tbar", "~foo & ~bar"),
            (" \tfoo \n", "~foo"),
            ("foo\u{3000}bar", "~foo & ~bar"),
            ("Jelínek", "~jelinek"),
            ("Müller", "~muller"),
            ("Марат Фаттахов", "~marat & ~fattakhov"),
            ("東京", "~«dong jing»"),
            ("😀", "~grinning"),
            ("e\u{301}", "~e"),
            ("\u{301}", ""),
            ("o'reilly", "~o'reilly"),
            ("rock'n'roll", "~rock'n'roll"),
            ("foo^bar", "~foo^bar"),
            ("a$b", "~a$b"),
            ("12\"", "~12\""),
            ("c#", "~c#"),
            ("foo@bar.com", "~foo@bar.com"),
            ("-foo", "~-foo"),
            ("-", "~-"),
            ("--", "~--"),
            ("-foo:bar", "~-foo:bar"),
            ("::", "~::"),
            (":", "~:"),
            (":tag", "~:tag"),
            ("9.5:", "~9.5:"),
            ("postgres 9.5: new", "~postgres & ~9.5: & ~new"),
            ("https://example.com/t?a=1", "~https://example.com/t?a=1"),
            ("speaker_x:y", "~speaker_x:y"),
        ];
        for &(input, want) in cases {
            check(input, want, NONE);
        }
    }

    #[test]
    fn fzf_operators() {
        let cases: &[(&str, &str)] = &[
            ("'exact", "=exact"),
            ("^prefix", "^prefix"),
            ("suffix$", "$suffix"),
            ("^whole$", "^$whole"),
            ("'both$", "$both"),
            ("!neg", "!~neg"),
            ("!'x", "!=x"),
            ("!^x", "!^x"),
            ("!x$", "!$x"),
            ("!^x$", "!^$x"),
            ("^'x", "^'x"),
            ("'^x", "=^x"),
            ("!!x", "!~!x"),
            ("!-x", "!~-x"),
            ("''x", "='x"),
            ("x$$", "$x$"),
            ("'Jelínek", "=jelinek"),
            ("!", ""),
            ("'", ""),
            ("^", ""),
            ("!'", ""),
            ("!^", ""),
            ("$", "~$"),
            ("'$", "=$"),
            ("^$", "^$"),
            ("!$", "!~$"),
            ("$$", "$$"),
            ("foo ! bar", "~foo & ~bar"),
        ];
        for &(input, want) in cases {
            check(input, want, NONE);
        }
    }

    #[test]
    fn or_groups() {
        let cases: &[(&str, &str)] = &[
            ("foo | bar", "~foo | ~bar"),
            ("foo | bar baz", "~foo | ~bar & ~baz"),
            ("foo bar | baz", "~foo & ~bar | ~baz"),
            ("a | b | c", "~a | ~b | ~c"),
            ("a | b c | d", "~a | ~b & ~c | ~d"),
            ("a | | b", "~a | ~b"),
            ("!foo | 'bar", "!~foo | =bar"),
            ("@marat | @peter", "speaker:~marat | speaker:~peter"),
            ("foo|bar", "~«foo|bar»"),
            ("foo |bar", "~foo & ~«|bar»"),
            ("|", ""),
            ("| |", ""),
            ("| foo", "~foo"),
            ("foo |", "~foo"),
            ("foo | ! bar", "~foo | ~bar"),
            ("foo\t|\tbar", "~foo | ~bar"),
        ];
        for &(input, want) in cases {
            check(input, want, NONE);
        }
    }

    #[test]
    fn quotes() {
        let cases: &[(&str, &str)] = &[
            ("\"logical replication\"", "=«logical replication»"),
            ("\"Logical  Replication\"", "=«logical  replication»"),
            ("\"a | b\"", "=«a | b»"),
            ("\"\"", ""),
            ("\"a\"b", "=ab"),
            ("\"a b\"c d", "=«a bc» & ~d"),
            ("^\"logical rep\"", "^«logical rep»"),
            ("\"foo bar\"$", "$«foo bar»"),
            ("^\"foo bar\"$", "^$«foo bar»"),
            ("!\"foo bar\"", "!=«foo bar»"),
            ("'\"foo bar\"", "=«foo bar»"),
            ("\"foo\" \"bar\"", "=foo & =bar"),
            ("\"Jelínek\"", "=jelinek"),
            ("\"東京\"", "=«dong jing»"),
            ("\" \"", "=« »"),
            ("\"it's\"", "=it's"),
        ];
        for &(input, want) in cases {
            check(input, want, NONE);
        }
    }

    #[test]
    fn unclosed_quotes() {
        let q = UNCLOSED_QUOTE;
        let cases: &[(&str, &str, Spans<'_>)] = &[
            (
                "\"logical replication",
                "=«logical replication»",
                &[(0..20, q)],
            ),
            ("\"logical ", "=«logical »", &[(0..9, q)]),
            ("\"", "", &[(0..1, q)]),
            ("foo \"bar", "~foo & =bar", &[(4..8, q)]),
            ("\"a\" \"b", "=a & =b", &[(4..6, q)]),
            ("!\"x y", "!=«x y»", &[(1..5, q)]),
            ("speaker:\"marat f", "speaker:=«marat f»", &[(8..16, q)]),
            ("\"Марат", "=marat", &[(0..11, q)]),
        ];
        for &(input, want, errors) in cases {
            check(input, want, errors);
        }
    }

    #[test]
    fn text_qualifiers() {
        let cases: &[(&str, &str)] = &[
            ("speaker:marat", "speaker:~marat"),
            ("Speaker:Marat", "speaker:~marat"),
            ("SPEAKER:x", "speaker:~x"),
            ("@marat", "speaker:~marat"),
            ("@марат", "speaker:~marat"),
            ("@Марат Фаттахов", "speaker:~marat & ~fattakhov"),
            ("speaker:\"marat f\"", "speaker:=«marat f»"),
            ("@\"marat f\"", "speaker:=«marat f»"),
            ("speaker:^mar", "speaker:^mar"),
            ("speaker:'marat", "speaker:=marat"),
            ("speaker:foo:bar", "speaker:~foo:bar"),
            ("company:percona", "company:~percona"),
            ("title:^logical", "title:^logical"),
            ("title:'logical", "title:=logical"),
            ("title:replication$", "title:$replication"),
            (
                "title:^\"logical replication\"$",
                "title:^$«logical replication»",
            ),
            ("tag:mysql", "tag:~mysql"),
            ("#mysql", "tag:~mysql"),
            ("#c#", "tag:~c#"),
            ("conf:highload", "conf:~highload"),
            ("conference:HighLoad++", "conf:~highload++"),
            ("city:moscow", "city:~moscow"),
            ("city:Москва", "city:~moskva"),
            ("lang:ru", "lang:~ru"),
            ("language:en", "lang:~en"),
            ("@", ""),
            ("#", ""),
            ("-@", ""),
            ("!#", ""),
            ("@ marat", "~marat"),
            ("speaker:\"\"", ""),
            ("speaker:^", ""),
            ("@@x", "speaker:~@x"),
            ("#!x", "!tag:~x"),
        ];
        for &(input, want) in cases {
            check(input, want, NONE);
        }
    }

    #[test]
    fn negated_qualifiers() {
        let cases: &[(&str, &str)] = &[
            ("-tag:mysql", "!tag:~mysql"),
            ("!tag:mysql", "!tag:~mysql"),
            ("-#mysql", "!tag:~mysql"),
            ("!#mysql", "!tag:~mysql"),
            ("-@marat", "!speaker:~marat"),
            ("!@marat", "!speaker:~marat"),
            ("tag:!mysql", "!tag:~mysql"),
            ("-tag:!mysql", "tag:~mysql"),
            ("-title:^logical", "!title:^logical"),
            ("!speaker:\"marat f\"", "!speaker:=«marat f»"),
            ("-year:2016", "!year:2016..2016"),
            ("!year:2013..2016", "!year:2013..2016"),
            ("-type:post", "!type:post"),
            ("!has:video", "!has:video"),
            ("-has:slides", "!has:slides"),
            ("--tag:x", "~--tag:x"),
            ("!-tag:x", "!~-tag:x"),
        ];
        for &(input, want) in cases {
            check(input, want, NONE);
        }
    }

    #[test]
    fn filters() {
        let cases: &[(&str, &str)] = &[
            ("year:2016", "year:2016..2016"),
            ("Year:2016", "year:2016..2016"),
            ("year:2013..2016", "year:2013..2016"),
            ("year:2016..2016", "year:2016..2016"),
            ("year:..2016", "year:..2016"),
            ("year:2013..", "year:2013.."),
            ("year:\"2016\"", "year:2016..2016"),
            ("year:２０１６", "year:2016..2016"),
            ("year:\"2013..2016\"", "year:2013..2016"),
            ("type:talk", "type:talk"),
            ("type:Talks", "type:talk"),
            ("type:post", "type:post"),
            ("type:posts", "type:post"),
            ("has:video", "has:video"),
            ("has:videos", "has:video"),
            ("has:slides", "has:slides"),
            ("has:slide", "has:slides"),
            ("has:Video", "has:video"),
            (
                "@marat tag:mysql year:2016 logical",
                "speaker:~marat & tag:~mysql & ~logical & year:2016..2016",
            ),
            ("year:2016 year:2017", "year:2016..2016 & year:2017..2017"),
            (
                "has:video has:slides -type:post",
                "has:video & has:slides & !type:post",
            ),
        ];
        for &(input, want) in cases {
            check(input, want, NONE);
        }
    }

    #[test]
    fn errors_with_spans() {
        let y = YEAR_HELP;
        let cases: &[(&str, &str, Spans<'_>)] = &[
            ("year:", "", &[(0..5, y)]),
            ("year: 2016", "~2016", &[(0..5, y)]),
            ("year:abc", "", &[(0..8, y)]),
            ("year:16", "", &[(0..7, y)]),
            ("year:20161", "", &[(0..10, y)]),
            ("year:..", "", &[(0..7, y)]),
            ("year:2013...2016", "", &[(0..16, y)]),
            ("year:^2016", "", &[(0..10, y)]),
            ("year:2016$", "", &[(0..10, y)]),
            ("year:'2016", "", &[(0..10, y)]),
            ("-year:x", "", &[(0..7, y)]),
            (
                "year:2016..2013",
                "",
                &[(0..15, "year: 2016..2013 runs backwards — try 2013..2016")],
            ),
            ("type:video", "", &[(0..10, TYPE_HELP)]),
            ("type:", "", &[(0..5, TYPE_HELP)]),
            ("has:cats", "", &[(0..8, HAS_HELP)]),
            ("!has:", "", &[(0..5, HAS_HELP)]),
            ("speaker:", "", &[(0..8, "speaker: needs a value")]),
            ("Tag:", "", &[(0..4, "tag: needs a value")]),
            ("conference:", "", &[(0..11, "conference: needs a value")]),
            ("-city: x", "~x", &[(0..6, "city: needs a value")]),
            ("abc year:abc def", "~abc & ~def", &[(4..12, y)]),
            (
                "\"logical replication\" year:abc",
                "=«logical replication»",
                &[(22..30, y)],
            ),
            (
                "type:x \"open",
                "=open",
                &[(0..6, TYPE_HELP), (7..12, UNCLOSED_QUOTE)],
            ),
            (
                "foo | year:2016",
                "~foo & year:2016..2016",
                &[(4..5, OR_FILTER)],
            ),
            (
                "year:2016 | foo",
                "~foo & year:2016..2016",
                &[(10..11, OR_FILTER)],
            ),
            ("Марат year:x", "~marat", &[(11..17, y)]),
        ];
        for &(input, want, errors) in cases {
            check(input, want, errors);
        }
    }

    #[test]
    fn narrows_table() {
        let cases: &[(&str, &str, bool)] = &[
            ("", "", true),
            ("", "foo", true),
            ("", "year:2016", true),
            ("foo", "", false),
            ("logical", "logical r", true),
            ("logical re", "logical r", false),
            ("logical r", "logical re", true),
            ("logic", "logical", true),
            ("logical", "logic", false),
            ("foo", "fo", false),
            ("foo", "foo", true),
            ("foo", "Foo", true),
            ("foo", "foo foo", true),
            ("foo bar", "bar foo", true),
            ("foo bar", "foo", false),
            ("foo", "!foo", false),
            ("!foo", "foo", false),
            ("foo", "foo !bar", true),
            ("foo", "foo !bar !baz", true),
            ("foo", "foo | bar", false),
            ("foo | bar", "foo", true),
            ("foo | bar", "foo | barn", true),
            ("foo | bar", "bar | foo", true),
            ("foo | bar", "foo | bar | baz", false),
            ("!foo", "!foob", false),
            ("!foob", "!foo", true),
            ("'foo", "'foob", true),
            ("'oob", "'foob", true),
            ("'foob", "'oob", false),
            ("^foo", "^foob", true),
            ("^oob", "^foob", false),
            ("foo$", "foo$", true),
            ("oo$", "foo$", true),
            ("foo$", "foob$", false),
            ("^foo", "^foo$", true),
            ("foo$", "^foo$", true),
            ("'oo", "^foo", true),
            ("'oo", "foo$", true),
            ("^foo$", "^foo", false),
            ("foo", "'foo", false),
            ("'foo", "foo", false),
            ("foo", "speaker:foo", false),
            ("speaker:foo", "foo", false),
            ("speaker:mar", "speaker:marat", true),
            ("@mar", "@marat", true),
            ("-@marat", "-@mar", true),
            ("\"logical r\"", "\"logical re\"", true),
            ("\"logical r", "\"logical re", true),
            ("\"logical re", "\"logical r", false),
            ("foo", "foo year:2016", true),
            ("foo year:2016", "foo", false),
            ("year:2013..2016", "year:2014..2015", true),
            ("year:2014..2015", "year:2013..2016", false),
            ("year:2013..", "year:2016", true),
            ("year:..2016", "year:2013..2016", true),
            ("year:2016", "year:2016..", false),
            ("year:2016", "year:201", false),
            ("!year:2016", "!year:2015..2016", true),
            ("!year:2015..2016", "!year:2016", false),
            ("year:2016", "!year:2016", false),
            ("type:talk", "type:talk has:video", true),
            ("type:talk", "type:post", false),
            ("type:talk", "-type:post", false),
            ("has:video", "", false),
            ("has:video", "has:video !has:slides", true),
        ];
        for &(prev, next, want) in cases {
            let (p, _) = parse_query(prev);
            let (n, _) = parse_query(next);
            assert_eq!(n.narrows(&p), want, "{prev:?} -> {next:?}");
        }
    }

    #[test]
    fn typing_a_query_keystroke_by_keystroke() {
        // Each prefix of a query typed left to right: narrowing must never be claimed
        // when the new result set could be larger.
        let typed = "@marat logical replication year:2016";
        let mut prev = Query::default();
        let mut claimed = Vec::new();
        for (i, _) in typed.char_indices().skip(1) {
            let (q, _) = parse_query(&typed[..i]);
            claimed.push((typed[..i].to_owned(), q.narrows(&prev)));
            prev = q;
        }
        let not_narrowing: Vec<&str> = claimed
            .iter()
            .filter(|(_, n)| !n)
            .map(|(s, _)| s.as_str())
            .collect();
        // Only where the plain term `year` turns into the (not yet valid) `year:` filter;
        // `year:2`, `year:20`, ... are errors that add nothing, so they narrow trivially.
        assert_eq!(not_narrowing, ["@marat logical replication year:"]);
    }

    /// xorshift64*; no crates.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn never_panics_and_keeps_invariants() {
        const ALPHABET: &[&str] = &[
            " ", " ", "\t", "\"", "'", "^", "$", "!", "-", "|", "@", "#", ":", ".", "..", "a", "b",
            "y", "1", "2016", "2013", "year:", "type:", "has:", "tag:", "speaker:", "title:",
            "foo:", "talk", "video", "é", "м", "東", "😀", "\u{301}", "\u{0}", "\n",
        ];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut prev = Query::default();
        for _ in 0..20_000 {
            let len = rng.below(12);
            let input: String = (0..len)
                .map(|_| ALPHABET[rng.below(ALPHABET.len())])
                .collect();
            let (q, errors) = parse_query(&input);
            assert_eq!(
                parse_query(&input),
                (q.clone(), errors.clone()),
                "{input:?}"
            );
            for e in &errors {
                assert!(
                    e.span.start <= e.span.end && e.span.end <= input.len(),
                    "{input:?}"
                );
                assert!(input.is_char_boundary(e.span.start), "{input:?}");
                assert!(input.is_char_boundary(e.span.end), "{input:?}");
                assert!(
                    !e.message.is_empty() && !e.message.contains('\n'),
                    "{input:?}"
                );
            }
            for group in &q.groups {
                assert!(!group.is_empty(), "{input:?}");
                for t in group {
                    assert!(!t.text.is_empty(), "{input:?}");
                    assert!(t.text.is_ascii(), "{input:?}");
                    assert!(!t.text.bytes().any(|b| b.is_ascii_uppercase()), "{input:?}");
                }
            }
            if let Filter::Year {
                from: Some(f),
                to: Some(t),
                ..
            } = q.filters.first().copied().unwrap_or(Filter::Type {
                talk: true,
                negated: false,
            }) {
                assert!(f <= t, "{input:?}");
            }
            assert!(q.narrows(&q), "reflexive: {input:?}");
            assert!(q.narrows(&Query::default()), "{input:?}");
            let _ = q.narrows(&prev);
            let _ = prev.narrows(&q);
            prev = q;
        }
    }
}
