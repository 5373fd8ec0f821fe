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
mod tests;
