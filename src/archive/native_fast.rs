//! The common case of a native file, read straight from the TOML parser's events: a
//! `[conference]` table and `[[talk]]` tables whose values are what `parse_native` expects
//! (strings, dates, lists of strings, speakers as inline tables). It builds the talks without
//! the tree of tables and the JSON map the general path goes through, which is most of the
//! time of a first load (a 100,000-talk archive: 2.2 s of CPU by the general path).
//!
//! It answers only when it is sure to give what the general path gives. Anything else (a
//! syntax error, a value of another type, a key it does not know, a duplicate id, a title
//! missing: everything that would make a warning, and every rarer shape) returns `None`,
//! and `parse_native` reads the file the general way, with its messages and lines. The
//! tests hold the two paths to the same result.
//!
//! One difference is meant: the depth bound. The general path first checks that the text
//! nests at most 64 levels (`nesting.rs`), a bound that also counts brackets in comments and
//! in multi-line strings, and lines indented 128 spaces. These readers need no such bound:
//! they never take anything deeper than a list of inline tables (a deeper value is declined
//! before it is read), so a file the bound would refuse for its comments loads here.

use std::borrow::Cow;

use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::{EventReceiver, ValidateWhitespace, parse_document};
use toml_parser::{ErrorSink, ParseError, Raw, Source, Span};

use super::date::parse_date;
use super::fields::{speaker_from_table, speaker_from_text};
use super::model::{Conference, Date, Origin, Speaker, Talk};
use super::native::{Parsed, native_links, slugify};

/// A value as the general path would see it after its conversion to JSON: dates are their
/// text; numbers and booleans are only kept apart (`Other`), as no field here reads them.
#[derive(Debug)]
enum V<'i> {
    Str(Cow<'i, str>),
    Other,
    Arr(Vec<V<'i>>),
    Tab(Entries<'i>),
}

type Entries<'i> = Vec<(Cow<'i, str>, V<'i>)>;

impl V<'_> {
    fn as_str(&self) -> Option<&str> {
        match self {
            V::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Keys of a `[[talk]]` that `parse_native` reads. Any other key would be kept in `extra`:
/// the general path does that.
const TALK_KEYS: &[&str] = &[
    "title",
    "id",
    "speakers",
    "speaker",
    "date",
    "tags",
    "categories",
    "language",
    "lang",
    "city",
    "abstract",
    "summary",
    "body",
    "notes",
    "slides",
    "video",
    "youtube",
    "vimeo",
    "web",
];

/// Deepest value taken: a list of inline tables (speakers).
const MAX_DEPTH: usize = 2;

/// Most keys taken in a table: each new key is compared with those before it, so an
/// untrusted file of a million keys must not get that far.
const MAX_KEYS: usize = 64;

/// Whether `key` may join `entries`: not there yet, room left, and a key `parse_native`
/// reads when the table is a talk's.
fn takes(entries: &Entries<'_>, key: &str, talk: bool) -> bool {
    entries.len() < MAX_KEYS
        && (!talk || TALK_KEYS.contains(&key))
        && !entries.iter().any(|(e, _)| e == key)
}

enum Frame<'i> {
    Arr(Vec<V<'i>>),
    Tab(Entries<'i>, Option<Cow<'i, str>>),
}

#[derive(Clone, Copy, PartialEq)]
enum Header {
    Std,
    Array,
}

struct Receiver<'i> {
    source: Source<'i>,
    /// Set on the first thing this reader does not take: the general path reads the file.
    out: bool,
    header: Option<(Header, Span)>,
    header_keys: Vec<Cow<'i, str>>,
    /// Where key/values go: the root (none taken), the conference, or the last talk.
    in_conference: bool,
    in_talk: bool,
    conference: Option<Entries<'i>>,
    /// Each talk: the line of its `[[talk]]` header, and its keys.
    talks: Vec<(usize, Entries<'i>)>,
    /// Lines counted up to `counted_to` (a byte offset).
    line: usize,
    counted_to: usize,
    key: Option<Cow<'i, str>>,
    stack: Vec<Frame<'i>>,
}

impl<'i> Receiver<'i> {
    fn raw(&self, span: Span, encoding: Option<Encoding>) -> Raw<'i> {
        let text = &self.source.input()[span.start()..span.end()];
        Raw::new_unchecked(text, encoding, span)
    }

    fn give_up(&mut self) {
        self.out = true;
    }

    fn put(&mut self, v: V<'i>) {
        if self.out {
            return;
        }
        // A talk's own keys (not those of a speaker's table) must be keys it reads.
        let talk_key = self.in_talk && self.stack.is_empty();
        let (key, entries) = match self.stack.last_mut() {
            Some(Frame::Arr(items)) => {
                items.push(v);
                return;
            }
            Some(Frame::Tab(entries, key)) => (key.take(), entries),
            None => {
                let key = self.key.take();
                let entries = if self.in_talk {
                    self.talks.last_mut().map(|t| &mut t.1)
                } else if self.in_conference {
                    self.conference.as_mut()
                } else {
                    None
                };
                let Some(entries) = entries else {
                    self.out = true;
                    return;
                };
                (key, entries)
            }
        };
        match key {
            Some(k) if takes(entries, &k, talk_key) => entries.push((k, v)),
            // A duplicate key is a TOML error; no key, a shape we do not follow.
            _ => self.out = true,
        }
    }
}

impl<'i> EventReceiver for Receiver<'i> {
    fn std_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.header = Some((Header::Std, span));
        self.header_keys.clear();
    }

    fn std_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        let one = self.header_keys.len() == 1 && self.header_keys[0] == "conference";
        if !one || self.conference.is_some() || !self.stack.is_empty() {
            self.give_up();
        }
        self.conference = Some(Vec::new());
        self.in_conference = true;
        self.in_talk = false;
        self.header = None;
    }

    fn array_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.header = Some((Header::Array, span));
        self.header_keys.clear();
    }

    fn array_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        let one = self.header_keys.len() == 1 && self.header_keys[0] == "talk";
        let Some((Header::Array, open)) = self.header else {
            self.give_up();
            return;
        };
        // The general path finds a talk's line by a header line that reads `[[talk]]`.
        let input = self.source.input();
        let line_start = input[..open.start()].rfind('\n').map_or(0, |i| i + 1);
        let line_end = input[open.start()..]
            .find('\n')
            .map_or(input.len(), |i| open.start() + i);
        if !one || input[line_start..line_end].trim() != "[[talk]]" {
            self.give_up();
        }
        self.line +=
            memchr::memchr_iter(b'\n', &input.as_bytes()[self.counted_to..open.start()]).count();
        self.counted_to = open.start();
        self.talks.push((self.line, Vec::new()));
        self.in_talk = true;
        self.in_conference = false;
        self.header = None;
    }

    fn inline_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) -> bool {
        if self.stack.len() >= MAX_DEPTH {
            self.give_up();
            return false;
        }
        self.stack.push(Frame::Tab(Vec::new(), None));
        true
    }

    fn inline_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        match self.stack.pop() {
            Some(Frame::Tab(entries, None)) => self.put(V::Tab(entries)),
            _ => self.give_up(),
        }
    }

    fn array_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) -> bool {
        if self.stack.len() >= MAX_DEPTH {
            self.give_up();
            return false;
        }
        self.stack.push(Frame::Arr(Vec::new()));
        true
    }

    fn array_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        match self.stack.pop() {
            Some(Frame::Arr(items)) => self.put(V::Arr(items)),
            _ => self.give_up(),
        }
    }

    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        let mut key = Cow::Borrowed("");
        self.raw(span, encoding).decode_key(&mut key, error);
        if self.header.is_some() {
            self.header_keys.push(key);
            return;
        }
        let slot = match self.stack.last_mut() {
            Some(Frame::Tab(_, slot)) => slot,
            Some(Frame::Arr(_)) => {
                self.give_up();
                return;
            }
            None => &mut self.key,
        };
        if slot.replace(key).is_some() {
            self.out = true;
        }
    }

    fn key_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        // Dotted keys: the general path.
        if self.header.is_none() {
            self.give_up();
        }
        // In a header, the keys are counted: `[talk.x]` has two.
    }

    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        if self.out {
            return;
        }
        if encoding == Some(Encoding::BasicString)
            && let Some(plain) = plain_basic(&self.source.input()[span.start()..span.end()])
        {
            self.put(V::Str(Cow::Borrowed(plain)));
            return;
        }
        let mut text = Cow::Borrowed("");
        let v = match self.raw(span, encoding).decode_scalar(&mut text, error) {
            ScalarKind::String => V::Str(text),
            // As the general path: the datetime's own text, written the way toml writes it.
            ScalarKind::DateTime => match text.parse::<toml::value::Datetime>() {
                Ok(d) => V::Str(Cow::Owned(d.to_string())),
                Err(_) => {
                    self.give_up();
                    return;
                }
            },
            ScalarKind::Boolean(_) => V::Other,
            // toml refuses integers beyond i64 and floats beyond f64; the events do not say.
            ScalarKind::Float | ScalarKind::Integer(_) => {
                self.give_up();
                return;
            }
        };
        self.put(v);
    }

    fn error(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.give_up();
    }
}

/// The text of a basic string (`"..."`, as the lexer found it) that needs no decoding: no
/// escape, and none of the control characters TOML forbids in one (all but tab). Most
/// strings of an archive are such; the decoder looks at them a character at a time.
fn plain_basic(raw: &str) -> Option<&str> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    // Branch-free over each chunk, so that it runs many bytes at a time.
    let bad = |b: u8| (b < 0x20 && b != b'\t') | (b == 0x7f) | (b == b'\\') | (b == b'"');
    let clean = inner
        .as_bytes()
        .chunks(32)
        .all(|c| !c.iter().fold(false, |acc, &b| acc | bad(b)));
    clean.then_some(inner)
}

/// A native file read into its tables: the conference's keys, and each talk's header line
/// and keys.
type Tables<'i> = (Option<Entries<'i>>, Vec<(usize, Entries<'i>)>);

/// The talks of a native file in the common shape, exactly as `parse_native` gives them, or
/// `None` when the file needs the general path. `text` has no byte order mark.
pub fn parse(text: &str, path: &str, file_stem: &str) -> Option<Parsed> {
    let (conference, talks) = match plain_lines(text) {
        Some(tables) => tables,
        None => events(text)?,
    };
    if conference.is_none() && talks.is_empty() {
        // Not an archive, or `talk = [...]`: the general path says which.
        return None;
    }
    build(conference.unwrap_or_default(), talks, path, file_stem)
}

/// The file's tables from the TOML parser's events, or `None` for a shape this reader does
/// not follow (and for anything that is not TOML).
fn events(text: &str) -> Option<Tables<'_>> {
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    let mut rx = Receiver {
        source,
        out: false,
        header: None,
        header_keys: Vec::new(),
        in_conference: false,
        in_talk: false,
        conference: None,
        talks: Vec::new(),
        line: 1,
        counted_to: 0,
        key: None,
        stack: Vec::new(),
    };
    let mut errors: Option<ParseError> = None;
    {
        let mut checked = ValidateWhitespace::new(&mut rx, source);
        parse_document(&tokens, &mut checked, &mut errors);
    }
    if rx.out || errors.is_some() || !rx.stack.is_empty() || rx.key.is_some() {
        return None;
    }
    // The general path numbers talks by the lines that read `[[talk]]`, which a multi-line
    // string may hold too: then the lines would differ, and that path answers.
    let header_lines = text.lines().filter(|l| l.trim() == "[[talk]]").count();
    if header_lines != rx.talks.len() {
        return None;
    }
    Some((rx.conference, rx.talks))
}

/// The file's tables when every line is one of: blank, a comment, `[conference]`,
/// `[[talk]]`, or `key = value` with a bare key and, as the value, a string with no escape, a
/// date, or a one-line list of such strings or of inline tables of them. That is how archives
/// are written (`talks import` writes them so), and it is read a line at a time, many times
/// faster than through the parser's tokens. `None` for anything else, however valid: the
/// events take it from there.
fn plain_lines(text: &str) -> Option<Tables<'_>> {
    #[derive(PartialEq)]
    enum In {
        Root,
        Conference,
        Talk,
    }
    let mut conference: Option<Entries<'_>> = None;
    let mut talks: Vec<(usize, Entries<'_>)> = Vec::new();
    let mut within = In::Root;
    // A carriage return must be followed by a line feed: one at the very end is an error.
    if text.ends_with('\r') {
        return None;
    }
    for (n, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let t = line.trim_matches([' ', '\t']);
        if t.is_empty() {
            continue;
        }
        if let Some(comment) = t.strip_prefix('#') {
            // TOML allows no control character but tab in a comment.
            if comment
                .bytes()
                .any(|b| (b < 0x20 && b != b'\t') || b == 0x7f)
            {
                return None;
            }
            continue;
        }
        if t == "[conference]" {
            if conference.is_some() {
                return None;
            }
            conference = Some(Vec::new());
            within = In::Conference;
            continue;
        }
        if t == "[[talk]]" {
            talks.push((n + 1, Vec::new()));
            within = In::Talk;
            continue;
        }
        let (key, rest) = key_equals(t)?;
        let (value, rest) = plain_value(rest)?;
        if !rest.is_empty() {
            return None;
        }
        let entries = match within {
            In::Root => return None,
            In::Conference => conference.as_mut()?,
            In::Talk => &mut talks.last_mut()?.1,
        };
        if !takes(entries, key, within == In::Talk) {
            return None;
        }
        entries.push((Cow::Borrowed(key), value));
    }
    Some((conference, talks))
}

fn skip_blank(s: &str) -> &str {
    s.trim_start_matches([' ', '\t'])
}

/// `key =` with a bare key (letters, digits, `_`, `-`), and what follows the `=`.
fn key_equals(s: &str) -> Option<(&str, &str)> {
    let end = s
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
        .unwrap_or(s.len());
    if end == 0 {
        return None;
    }
    let rest = skip_blank(&s[end..]).strip_prefix('=')?;
    Some((&s[..end], skip_blank(rest)))
}

/// A string with no escape, at the start of `s`, and what follows it.
fn plain_string(s: &str) -> Option<(&str, &str)> {
    let body = s.strip_prefix('"')?;
    let end = memchr::memchr(b'"', body.as_bytes())?;
    let text = plain_basic(&s[..end + 2])?;
    Some((text, &body[end + 1..]))
}

/// A value of a line (the line's end is where it must end), and what follows it, blanks
/// skipped.
fn plain_value(s: &str) -> Option<(V<'_>, &str)> {
    let (v, rest) = match s.as_bytes().first()? {
        b'"' => {
            let (text, rest) = plain_string(s)?;
            (V::Str(Cow::Borrowed(text)), rest)
        }
        b'0'..=b'9' => {
            // A date alone: `2031-05-04`. Times, numbers: the events.
            let date = s.get(..10)?;
            let ok = date.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
            let d = date.parse::<toml::value::Datetime>().ok().filter(|_| ok)?;
            (V::Str(Cow::Owned(d.to_string())), &s[10..])
        }
        b'[' => {
            let mut items = Vec::new();
            let mut rest = skip_blank(&s[1..]);
            if let Some(r) = rest.strip_prefix(']') {
                rest = r;
            } else {
                loop {
                    let (item, r) = match rest.as_bytes().first()? {
                        b'"' => {
                            let (text, r) = plain_string(rest)?;
                            (V::Str(Cow::Borrowed(text)), r)
                        }
                        b'{' => inline_table(rest)?,
                        _ => return None,
                    };
                    items.push(item);
                    let r = skip_blank(r);
                    match r.as_bytes().first()? {
                        b',' => rest = skip_blank(&r[1..]),
                        b']' => {
                            rest = &r[1..];
                            break;
                        }
                        _ => return None,
                    }
                }
            }
            (V::Arr(items), rest)
        }
        _ => return None,
    };
    Some((v, skip_blank(rest)))
}

/// `{ key = "text", … }` of plain strings, and what follows it.
fn inline_table(s: &str) -> Option<(V<'_>, &str)> {
    let mut rest = skip_blank(s.strip_prefix('{')?);
    let mut entries: Entries<'_> = Vec::new();
    if let Some(r) = rest.strip_prefix('}') {
        return Some((V::Tab(entries), r));
    }
    loop {
        let (key, r) = key_equals(rest)?;
        let (text, r) = plain_string(r)?;
        if !takes(&entries, key, false) {
            return None;
        }
        entries.push((Cow::Borrowed(key), V::Str(Cow::Borrowed(text))));
        let r = skip_blank(r);
        match r.as_bytes().first()? {
            b',' => rest = skip_blank(&r[1..]),
            b'}' => return Some((V::Tab(entries), &r[1..])),
            _ => return None,
        }
    }
}

fn get<'a, 'i>(entries: &'a Entries<'i>, keys: &[&str]) -> Option<&'a V<'i>> {
    keys.iter()
        .find_map(|k| entries.iter().find(|(e, _)| e == k).map(|(_, v)| v))
}

/// `Fields::string`: text as it is. `Err` where the general path would warn or convert.
fn string(entries: &Entries<'_>, keys: &[&str]) -> Result<Option<String>, ()> {
    match get(entries, keys) {
        None => Ok(None),
        Some(V::Str(s)) => Ok(Some(s.to_string())),
        Some(_) => Err(()),
    }
}

/// `Fields::date`.
fn date(entries: &Entries<'_>, keys: &[&str]) -> Result<Option<Date>, ()> {
    match get(entries, keys) {
        None => Ok(None),
        Some(V::Str(s)) if s.trim().is_empty() => Ok(None),
        Some(V::Str(s)) => parse_date(s).map(Some).ok_or(()),
        Some(_) => Err(()),
    }
}

/// `Fields::string_list`.
fn string_list(entries: &Entries<'_>, keys: &[&str]) -> Result<Vec<String>, ()> {
    match get(entries, keys) {
        None => Ok(Vec::new()),
        Some(V::Arr(items)) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string).ok_or(()))
            .collect(),
        Some(_) => Err(()),
    }
}

/// `Fields::strings`: one string or a list, blanks left out.
fn strings(entries: &Entries<'_>, keys: &[&str]) -> Result<Vec<String>, ()> {
    let mut v = match get(entries, keys) {
        Some(V::Arr(_)) => string_list(entries, keys)?,
        Some(V::Str(s)) => vec![s.to_string()],
        Some(_) => return Err(()),
        None => Vec::new(),
    };
    v.retain(|s| !s.trim().is_empty());
    Ok(v)
}

/// `fields::speakers_from`. `None` for a number or a boolean: a NaN is no value at all to the
/// general path, which then reads `speaker`.
fn speakers(entries: &Entries<'_>) -> Option<Vec<Speaker>> {
    let one = |v: &V<'_>| -> Option<Speaker> {
        match v {
            V::Str(s) => speaker_from_text(s),
            V::Tab(t) => speaker_from_table(
                get(t, &["name"]).and_then(V::as_str),
                get(t, &["company"]).and_then(V::as_str),
            ),
            _ => None,
        }
    };
    match get(entries, &["speakers", "speaker"]) {
        None => Some(Vec::new()),
        Some(V::Other) => None,
        Some(V::Arr(items)) => Some(items.iter().filter_map(one).collect()),
        Some(other) => Some(one(other).into_iter().collect()),
    }
}

fn build(
    conf: Entries<'_>,
    entries: Vec<(usize, Entries<'_>)>,
    path: &str,
    file_stem: &str,
) -> Option<Parsed> {
    let name = string(&conf, &["name"]).ok()?;
    let description = string(&conf, &["description"]).ok()?;
    let url = string(&conf, &["url"]).ok()?;
    let conference = name.map(|name| Conference {
        name,
        description,
        url,
    });
    let conf_city = string(&conf, &["city"]).ok()?;
    let conf_date = date(&conf, &["date", "start_date"]).ok()?;
    date(&conf, &["end_date"]).ok()?;
    let conf_lang = string(&conf, &["language"]).ok()?;
    let conf_tags = string_list(&conf, &["tags"]).ok()?;

    let mut talks = Vec::with_capacity(entries.len());
    for (i, &(line, ref t)) in entries.iter().enumerate() {
        if t.iter().any(|(k, _)| !TALK_KEYS.contains(&k.as_ref())) {
            return None;
        }
        let title = string(t, &["title"]).ok()??;
        if title.trim().is_empty() {
            return None;
        }
        let slug = string(t, &["id"])
            .ok()?
            .map(|s| slugify(&s))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| slugify(&title));
        let slug = if slug.is_empty() {
            format!("talk-{}", i + 1)
        } else {
            slug
        };
        let date = date(t, &["date"]).ok()?.or(conf_date);
        let mut tags = string_list(t, &["tags"]).ok()?;
        if tags.is_empty() {
            tags.clone_from(&conf_tags);
        }
        let links = native_links([
            strings(t, &["slides"]).ok()?,
            strings(t, &["video"]).ok()?,
            strings(t, &["youtube"]).ok()?,
            strings(t, &["vimeo"]).ok()?,
            strings(t, &["web"]).ok()?,
        ]);
        talks.push(Talk {
            id: format!("{file_stem}/{slug}"),
            title,
            speakers: speakers(t)?,
            date,
            conference: conference.clone(),
            city: string(t, &["city"]).ok()?.or_else(|| conf_city.clone()),
            language: string(t, &["language", "lang"])
                .ok()?
                .or_else(|| conf_lang.clone()),
            tags,
            categories: string_list(t, &["categories"]).ok()?,
            abstract_md: string(t, &["abstract", "summary"])
                .ok()?
                .unwrap_or_default(),
            body_md: string(t, &["body", "notes"]).ok()?.unwrap_or_default(),
            links,
            extra: Default::default(),
            origin: Origin {
                path: path.to_string(),
                line,
            },
            draft: false,
            room: None,
            duration_min: None,
            session_type: None,
        });
    }
    // Two talks with one id: the general path renames the second and warns.
    let mut ids: Vec<&str> = talks.iter().map(|t| t.id.as_str()).collect();
    ids.sort_unstable();
    if ids.windows(2).any(|w| w[0] == w[1]) {
        return None;
    }
    Some((talks, Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::super::native::parse_general;
    use super::*;
    use proptest::prelude::*;

    /// The fast path answers, and with what the general path gives (which reports nothing).
    fn same(text: &str) {
        let fast =
            parse(text, "a/c.toml", "c").unwrap_or_else(|| panic!("general path for:\n{text}"));
        let general = parse_general(text, "a/c.toml", "c").unwrap().unwrap();
        assert!(general.1.is_empty(), "{:?}", general.1);
        assert_eq!(fast, general, "{text}");
    }

    /// The fast path leaves the file to the general path.
    fn declined(text: &str) {
        assert!(
            parse(text, "a/c.toml", "c").is_none(),
            "fast path took:\n{text}"
        );
    }

    const FULL: &str = r#"# A conference of our own
[conference]
name = "Fjord Data Days 2031"
description = "Two days\non the fjord"
city = "Bergen"
date = 2031-05-04
end_date = 2031-05-05
url = "https://fjord.example.org/"
language = "en"
tags = ["data", "fjords"]
edition = "2031"
open = true
sponsors = [["nested", "lists"], ["are", "fine"]]

[[talk]]
id = "Opening: the fjord!"
title = "Opening the fjord"
speakers = [{ name = " Ingrid Ås ", company = "Fjordbank" }, { name = "Ola", company = "" }, { company = "No name" }, "Kari Nordmann (Nordlys)"]
date = 2031-05-04
tags = ["keynote"]
categories = ["plenary"]
lang = "nb"
city = "Os"
abstract = """
Tabs\tand "quotes", a \u00e9 and a \U0001F600.
Second line \
  continued."""
notes = 'C:\literal\path'
slides = ["thumb.png; /slides/opening.pdf", "  ", "https://example.org/b.pdf"]
video = "dQw4w9WgXcQ"
youtube = ["a1", "https://youtu.be/b2"]
vimeo = "12345"
web = "https://fjord.example.org/opening"

[[talk]]
"title" = 'Марат и ёж'
speaker = "Solo Speaker"
date = "2031-05-05"
language = "ru"
summary = '''
raw \n stays'''
body = ""

[[talk]]
title = "?!"
speakers = ["A", "B (C)"]
date = ""
tags = []

[[talk]]
title = "Timed"
date = 2031-05-04T10:30:00Z
"#;

    #[test]
    fn the_common_shape_reads_as_the_general_path_reads_it() {
        same(FULL);
        same(&FULL.replace('\n', "\r\n"));
        // Talks before the conference, no conference name, no talks.
        same("[[talk]]\ntitle = \"A\"\n\n[conference]\ncity = \"X\"\n");
        same("[conference]\nname = \"Only\"\n");
        same("[[talk]]\ntitle = \"Lonely\"   # a comment\n");
    }

    #[test]
    fn the_fast_path_reads_the_fields_a_person_sees() {
        let (talks, _) = parse(FULL, "a/c.toml", "c").unwrap();
        let t = &talks[0];
        assert_eq!(t.id, "c/opening-the-fjord");
        assert_eq!(t.origin.line, 15);
        assert_eq!(t.speakers.len(), 3);
        assert_eq!(t.speakers[0].name, "Ingrid Ås");
        assert_eq!(t.speakers[1].company, None);
        assert_eq!(t.speakers[2].company.as_deref(), Some("Nordlys"));
        assert!(t.abstract_md.contains("a é and a 😀"));
        assert!(t.abstract_md.contains("Second line continued."));
        assert_eq!(t.body_md, r"C:\literal\path");
        assert_eq!(t.links.len(), 7);
        assert_eq!(t.links[0].thumbnail.as_deref(), Some("thumb.png"));
        assert_eq!(talks[1].id, "c/marat-i-iozh");
        assert_eq!(talks[1].city.as_deref(), Some("Bergen"));
        assert_eq!(talks[1].tags, ["data", "fjords"]);
        assert_eq!(talks[2].id, "c/talk-3");
        assert_eq!(talks[2].date.unwrap().to_string(), "2031-05-04");
        assert_eq!(talks[3].date.unwrap().to_string(), "2031-05-04");
    }

    #[test]
    fn anything_else_is_left_to_the_general_path() {
        for text in [
            // Not TOML, or TOML that says no: syntax, a key given twice, a table twice.
            "[[talk]]\ntitle = \"x\n",
            "[[talk]]\ntitle = \"a\"\ntitle = \"b\"\n",
            "[conference]\nname = \"a\"\n[conference]\ncity = \"b\"\n",
            "[[talk]]\ntitle = \"a\"\nspeakers = [{ name = \"a\", name = \"b\" }]\n",
            // What would make a warning or an error.
            "[[talk]]\ntitle = 12\n",
            "[[talk]]\nabstract = \"no title\"\n",
            "[[talk]]\ntitle = \"  \"\n",
            "[[talk]]\ntitle = \"a\"\ntags = \"one\"\n",
            "[[talk]]\ntitle = \"a\"\ntags = [\"a\", 2]\n",
            "[[talk]]\ntitle = \"a\"\ndate = \"someday\"\n",
            "[[talk]]\ntitle = \"a\"\ndate = 12\n",
            "[[talk]]\ntitle = \"a\"\n[[talk]]\ntitle = \"a\"\n",
            "[conference]\ndate = \"soon\"\n",
            // Keys kept as they are (`extra`), and shapes of their own.
            "[[talk]]\ntitle = \"a\"\nroom = \"B\"\n",
            "[[talk]]\ntitle = \"a\"\nspeakers = 3\n",
            "[[talk]]\ntitle = \"a\"\nspeakers.name = \"b\"\n",
            "[[talk]]\ntitle = \"a\"\n[talk.meta]\nx = 1\n",
            "[[ talk ]]\ntitle = \"a\"\n",
            "title = \"a\"\n[[talk]]\ntitle = \"b\"\n",
            "talk = [{ title = \"a\" }]\n",
            "[other]\nx = 1\n",
            "baseURL = \"https://example.org\"\n",
            "",
            // Numbers: toml checks their range, the events do not.
            "[conference]\nyear = 9223372036854775808\n[[talk]]\ntitle = \"t\"\n",
            "[[talk]]\ntitle = \"t\"\nspeakers = [1e400]\n",
            // A carriage return with no line feed after it.
            "[[talk]]\ntitle = \"a\"\r",
            // A line that reads `[[talk]]` inside a multi-line string: the general path
            // numbers the talks by such lines.
            "[[talk]]\ntitle = \"a\"\nabstract = \"\"\"\n[[talk]]\n\"\"\"\n[[talk]]\ntitle = \"b\"\n",
        ] {
            declined(text);
        }
    }

    #[test]
    fn plain_strings_are_taken_as_they_are_and_the_rest_decoded() {
        assert_eq!(plain_basic("\"a\tb é\""), Some("a\tb é"));
        assert_eq!(plain_basic("\"\""), Some(""));
        for raw in [
            "\"a\\nb\"",
            "\"a\u{1}b\"",
            "\"a\u{7f}\"",
            "\"unclosed",
            "\"",
            "\"a\nb\"",
        ] {
            assert_eq!(plain_basic(raw), None, "{raw:?}");
        }
        // Through the parser: an escape is decoded, a raw control character is an error.
        same("[[talk]]\ntitle = \"Tab\\there \\\"q\\\" \\u00e9\"\n");
        declined("[[talk]]\ntitle = \"bell \u{7}\"\n");
    }

    #[test]
    fn a_table_of_many_keys_is_declined_in_linear_time() {
        // Every key is compared with the ones before it: a cap keeps that bounded.
        let many = |header: &str| {
            let mut t = format!("{header}\n");
            for k in 0..200_000 {
                t += &format!("k{k} = \"\"\n");
            }
            t
        };
        declined(&many("[[talk]]\ntitle = \"a\""));
        declined(&many("[conference]"));
        let mut wide = String::from("[[talk]]\ntitle = \"a\"\nspeakers = [{ ");
        for k in 0..100_000 {
            wide += &format!("k{k} = \"\", ");
        }
        wide += "name = \"x\" }]\n";
        declined(&wide);
    }

    #[test]
    fn deep_nesting_is_declined_without_descending() {
        let deep = format!("[[talk]]\ntitle = \"a\"\ntags = {}", "[".repeat(200_000));
        declined(&deep);
        let deep = format!(
            "[[talk]]\ntitle = \"a\"\nspeakers = {}",
            "{ a = ".repeat(200_000)
        );
        declined(&deep);
    }

    /// Text a TOML writer may quote any way: escapes, quotes, newlines, any script.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z0-9 .,:;!?()-]{0,30}",
            "[ -~]{0,30}",
            any::<String>().prop_map(|s| s.chars().filter(|c| *c != '\u{0}').take(30).collect()),
            Just("line one\nline two\\ \"quoted\" 'single'".to_string()),
        ]
    }

    fn quoted(s: &str) -> String {
        toml::Value::String(s.to_string()).to_string()
    }

    /// `s` as a string the line reader takes: no quote, no backslash, no forbidden control.
    fn plain(s: &str) -> String {
        let kept: String = s
            .chars()
            .filter(|&c| !(matches!(c, '"' | '\\' | '\u{7f}') || (c < ' ' && c != '\t')))
            .collect();
        format!("\"{kept}\"")
    }

    /// Both readers take `text`, and their talks are the general path's.
    fn both_readers(text: &str) {
        let lines =
            plain_lines(text).unwrap_or_else(|| panic!("the line reader declined:\n{text}"));
        let events = events(text).expect("the events reader declined");
        let general = parse_general(text, "a/c.toml", "c").unwrap().unwrap();
        let by_lines = build(lines.0.unwrap_or_default(), lines.1, "a/c.toml", "c");
        let by_events = build(events.0.unwrap_or_default(), events.1, "a/c.toml", "c");
        assert_eq!(by_lines.as_ref(), Some(&general), "{text}");
        assert_eq!(by_events.as_ref(), Some(&general), "{text}");
    }

    #[test]
    fn the_line_reader_takes_archives_as_they_are_written() {
        let text = "# Written by hand\n[conference]\nname = \"Fjord Days\"\ndate = 2031-05-04\n\
                    tags = [ \"a\" , \"b\"]\n\n  [[talk]]\n  title = \"Ås\ttabs, ünïcode 😀\"  \n\
                    speakers = [{ name = \"Ann\", company = \"X\" }, \"Bo (Y)\", {}]\n\
                    tags = []\nslides = \"t.png; /s.pdf\"\n\n[[talk]]\ntitle = \"Two\"\n";
        both_readers(text);
        both_readers(&text.replace('\n', "\r\n"));
        let (_, talks) = plain_lines(text).unwrap();
        assert_eq!(talks.iter().map(|t| t.0).collect::<Vec<_>>(), [7, 13]);
    }

    #[test]
    fn the_line_reader_leaves_every_other_shape_to_the_events() {
        for text in [
            "[[talk]]\ntitle = \"a\" # a comment after a value\n",
            "[[talk]]\ntags = [\n  \"a\",\n]\n",
            "[[talk]]\ntags = [\"a\",]\n",
            "[[talk]]\nspeakers = [{ name = \"a\", }]\n",
            "[ conference ]\nname = \"a\"\n",
            "[[talk]] # the first\ntitle = \"a\"\n",
            "[[talk]]\n\"title\" = \"a\"\n",
            "[[talk]]\ntitle = 'literal'\n",
            "[[talk]]\ntitle = \"\"\"multi\nline\"\"\"\n",
            "[[talk]]\ntitle = \"esc\\u00e9\"\n",
            "[[talk]]\ntitle = \"a\"\nduration = 30\n",
            "[[talk]]\ntitle = \"a\"\ndate = 2031-05-04T10:00:00\n",
            "[[talk]]\ntitle = \"a\"\ndate = 2031-13-04\n",
            "[[talk]]\ntitle = \"a\"\rdate = 2031-05-04\n",
            "# bell \u{7}\n[[talk]]\ntitle = \"a\"\n",
            "title = \"root\"\n",
            "[[talk]]\ntitle = \"a\"\ntitle = \"b\"\n",
            "[conference]\n[conference]\n",
            "[[talk]]\nspeakers = [{ name = \"a\", name = \"b\" }]\n",
            "[[talk]]\nspeakers.name = \"a\"\n",
        ] {
            assert!(plain_lines(text).is_none(), "the line reader took:\n{text}");
            // Whatever reads it then agrees with the general path.
            if let Some(fast) = parse(text, "a/c.toml", "c") {
                assert_eq!(
                    Ok(Some(fast)),
                    parse_general(text, "a/c.toml", "c"),
                    "{text}"
                );
            }
        }
    }

    prop_compose! {
        fn talk_entry(i: usize)(
            title in "[A-Za-z][A-Za-z0-9 ]{0,20}",
            id in proptest::option::of(text()),
            speakers in proptest::collection::vec((text(), proptest::option::of(text())), 0..3),
            date in proptest::option::of((1990..2040u16, 1..13u8, 1..29u8)),
            tags in proptest::option::of(proptest::collection::vec(text(), 0..4)),
            abstract_md in proptest::option::of(text()),
            slides in proptest::option::of(text()),
            video in proptest::option::of("[A-Za-z0-9_-]{1,11}"),
            city in proptest::option::of(text()),
            plain_strings in any::<bool>(),
        ) -> String {
            let quoted = |s: &str| if plain_strings { plain(s) } else { quoted(s) };
            // A number keeps titles and ids apart: a repeated id is the general path's.
            let mut s = format!("\n[[talk]]\ntitle = {}\n", quoted(&format!("{title} {i}")));
            if let Some(id) = id {
                s += &format!("id = {}\n", quoted(&format!("{id} {i}")));
            }
            let speakers: Vec<String> = speakers
                .iter()
                .map(|(n, c)| match c {
                    Some(c) => format!("{{ name = {}, company = {} }}", quoted(n), quoted(c)),
                    None => quoted(n),
                })
                .collect();
            s += &format!("speakers = [{}]\n", speakers.join(", "));
            if let Some((y, m, d)) = date {
                s += &format!("date = {y:04}-{m:02}-{d:02}\n");
            }
            if let Some(tags) = tags {
                let tags: Vec<String> = tags.iter().map(|t| quoted(t)).collect();
                s += &format!("tags = [{}]\n", tags.join(", "));
            }
            for (key, v) in [("abstract", abstract_md), ("slides", slides), ("video", video), ("city", city)] {
                if let Some(v) = v {
                    s += &format!("{key} = {}\n", quoted(&v));
                }
            }
            s
        }
    }

    fn file() -> impl Strategy<Value = String> {
        (
            proptest::option::of(text()),
            proptest::option::of(text()),
            proptest::option::of(proptest::collection::vec(text(), 0..3)),
            (0..6usize).prop_flat_map(|n| (0..n).map(talk_entry).collect::<Vec<_>>()),
            any::<bool>(),
        )
            .prop_map(|(name, city, tags, talks, crlf)| {
                let mut s = String::from("# An archive\n[conference]\n");
                if let Some(n) = name {
                    s += &format!("name = {}\n", quoted(&n));
                }
                if let Some(c) = city {
                    s += &format!("city = {}\n", quoted(&c));
                }
                if let Some(t) = tags {
                    let t: Vec<String> = t.iter().map(|x| quoted(x)).collect();
                    s += &format!("tags = [{}]\n", t.join(", "));
                }
                let s = s + &talks.concat();
                if crlf { s.replace('\n', "\r\n") } else { s }
            })
    }

    /// Files whose every string the line reader takes.
    fn plain_file() -> impl Strategy<Value = String> {
        (
            proptest::option::of(text()),
            proptest::collection::vec(("[A-Za-z][A-Za-z0-9 ]{0,20}", text(), text(), text()), 0..6),
            any::<bool>(),
        )
            .prop_map(|(name, talks, crlf)| {
                let mut s = String::from("# An archive\n\n[conference]\n");
                if let Some(n) = name {
                    s += &format!("name = {}\n", plain(&n));
                }
                for (i, (title, speaker, company, abstract_md)) in talks.iter().enumerate() {
                    s += &format!(
                        "\n[[talk]]\ntitle = {}\nspeakers = [{{ name = {}, company = {} }}]\n\
                         tags = [{}, \"x\"]\ndate = 2031-05-0{}\nabstract = {}\n",
                        plain(&format!("{title} {i}")),
                        plain(speaker),
                        plain(company),
                        plain(company),
                        i + 1,
                        plain(abstract_md),
                    );
                }
                if crlf { s.replace('\n', "\r\n") } else { s }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn generated_files_read_the_same_both_ways(text in file()) {
            same(&text);
        }

        #[test]
        fn plain_files_read_the_same_by_lines_by_events_and_in_general(text in plain_file()) {
            both_readers(&text);
        }

        #[test]
        fn no_input_makes_the_fast_path_disagree(text in "[\\[\\]{}a-z =\"',.\n#0-9-]{0,80}") {
            if let Some(fast) = parse(&text, "a/c.toml", "c") {
                let general = parse_general(&text, "a/c.toml", "c").unwrap().unwrap();
                prop_assert_eq!(fast, general);
            }
        }
    }
}
