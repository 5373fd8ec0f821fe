//! Parsing of the plain text of a conference "talks archive" page into talk entries (speakers + abstract), with per-entry confidence flags; pure, std only.
//!
//! Page format (as produced by copying the rendered page as text):
//!
//! * page chrome before the first lone `-` line and after the last entry;
//! * a lone `-` line separates entries;
//! * each entry has one `Name Company` line per speaker; the last speaker line runs
//!   straight into the first abstract line with no separator
//!   (`Valentine Gogichashvili ZalandoSince its launch…`);
//! * further lines are abstract (lines starting with `- ` are list items).
//!
//! The glued speaker/abstract line is split by scoring candidate split points
//! (lowercase→uppercase boundaries inside tokens, weaker digit and space boundaries)
//! and the entry shape (how many leading lines are speaker-only lines) is chosen the
//! same way. Close calls and fallbacks are reported in [`PageEntry::unsure`].

use std::collections::HashMap;

mod bullets;
mod entry;
mod score;
#[cfg(test)]
mod tests;
mod words;

use entry::parse_entry;

/// One speaker of a talk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSpeaker {
    pub name: String,
    pub company: Option<String>,
}

/// One talk entry of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageEntry {
    pub speakers: Vec<PageSpeaker>,
    /// Abstract lines joined with `"\n"`; `- ` list lines and blank lines kept.
    pub abstract_text: String,
    /// 1-based line number of the entry's first speaker line in the input.
    pub line: usize,
    /// Human-readable reasons this entry's split may be wrong (empty = confident).
    pub unsure: Vec<String>,
    /// The talk's title, when the page gives one (the later layout does).
    pub title: Option<String>,
    /// Length in minutes, when the page gives it.
    pub duration_min: Option<u32>,
    /// 1-based line of the abstract's first line.
    pub abstract_line: usize,
}

/// Result of [`parse_archive_page`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageParse {
    pub entries: Vec<PageEntry>,
    /// Page-level notes, e.g. dropped chrome lines with their line numbers.
    pub notes: Vec<String>,
}

/// Parses the text of a talks archive page. Never panics.
pub fn parse_archive_page(text: &str) -> PageParse {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<Line<'_>> = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| Line {
            no: i + 1,
            text: l.trim(),
        })
        .collect();
    let mut notes = Vec::new();
    if text.trim().is_empty() {
        notes.push("input is empty; no entries".to_string());
        return PageParse {
            entries: Vec::new(),
            notes,
        };
    }
    if bullets::is_bullet_layout(&lines) {
        let entries = bullets::parse_bullet_page(&lines, &mut notes);
        return PageParse { entries, notes };
    }
    let Some(first_sep) = lines.iter().position(|l| is_separator(l.text)) else {
        notes.push(format!(
            "no lone '-' separator line found; all {} line(s) treated as page chrome, no entries",
            lines.iter().filter(|l| !l.text.is_empty()).count()
        ));
        return PageParse {
            entries: Vec::new(),
            notes,
        };
    };
    // The first entry may come straight after the page's heading, with no `-` before it.
    let lead = first_entry_start(&lines[..first_sep]);
    if let Some(note) = dropped_note("before the first entry", &lines[..lead]) {
        notes.push(note);
    }

    // Group lines into entries.
    let mut groups: Vec<(usize, Vec<Line<'_>>)> = Vec::new();
    if lead < first_sep {
        groups.push((lines[lead].no, lines[lead..first_sep].to_vec()));
    }
    let mut sep_no = lines[first_sep].no;
    let mut current: Vec<Line<'_>> = Vec::new();
    for line in &lines[first_sep + 1..] {
        if is_separator(line.text) {
            groups.push((sep_no, std::mem::take(&mut current)));
            sep_no = line.no;
        } else {
            current.push(*line);
        }
    }
    groups.push((sep_no, current));

    // Trailing chrome at the end of the last entry.
    if let Some((_, last)) = groups.last_mut() {
        trim_blank(last);
        let keep = last
            .iter()
            .rposition(|l| !is_chrome_like(l.text))
            .map_or(0, |i| i + 1);
        let dropped = last.split_off(keep);
        if let Some(note) = dropped_note("after the last entry", &dropped) {
            notes.push(note);
        }
    }

    let mut raw: Vec<Vec<Line<'_>>> = Vec::new();
    for (sep_no, mut group) in groups {
        trim_blank(&mut group);
        if group.is_empty() {
            notes.push(format!(
                "line {sep_no}: '-' separator not followed by an entry; skipped"
            ));
        } else {
            raw.push(group);
        }
    }

    // Pass 1 learns companies (from speaker-only lines and confident splits);
    // pass 2 uses them as evidence for the other lines of the page.
    let empty = Seen::new();
    let mut seen = Seen::new();
    for group in &raw {
        let parsed = parse_entry(group, &empty);
        for (company, no) in parsed.companies {
            seen.entry(company).or_default().push(no);
        }
    }
    let entries = raw
        .iter()
        .map(|group| parse_entry(group, &seen).entry)
        .collect();
    PageParse { entries, notes }
}

// ---------------------------------------------------------------------------
// Lines and tokens
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    pub(super) no: usize,
    pub(super) text: &'a str,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok<'a> {
    pub(super) text: &'a str,
    pub(super) start: usize,
}

pub(super) type Seen = HashMap<String, Vec<usize>>;

pub(super) fn is_separator(line: &str) -> bool {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}') == "-"
}

pub(super) fn trim_blank(group: &mut Vec<Line<'_>>) {
    while group.last().is_some_and(|l| l.text.is_empty()) {
        group.pop();
    }
    let lead = group.iter().take_while(|l| l.text.is_empty()).count();
    group.drain(..lead);
}

pub(super) fn has_sentence_punct(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '.' | ',' | ':' | ';' | '!' | '?' | '…'))
}

/// Short line without sentence punctuation that is not a list item.
pub(super) fn is_chrome_like(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with("- ")
        && text.split_whitespace().count() <= 3
        && !has_sentence_punct(text)
}

pub(super) fn preview(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    }
}

pub(super) fn dropped_note(place: &str, lines: &[Line<'_>]) -> Option<String> {
    let shown: Vec<String> = lines
        .iter()
        .filter(|l| !l.text.is_empty())
        .map(|l| format!("line {}: {:?}", l.no, preview(l.text, 60)))
        .collect();
    if shown.is_empty() {
        return None;
    }
    Some(format!(
        "dropped {} line(s) {place} as page chrome: {}",
        shown.len(),
        shown.join("; ")
    ))
}

/// Words of page headings that are never part of a speaker line.
const HEADING_WORDS: &[&str] = &[
    "talks",
    "archive",
    "program",
    "programme",
    "schedule",
    "speakers",
    "photos",
    "доклады",
    "архив",
    "программа",
    "расписание",
    "докладчики",
    "фото",
];

/// Where the first entry starts among the lines before the first `-`: at the first line that
/// is not page chrome (a glued "Name CompanyAbstract…" line), together with the speaker lines
/// right above it. `lead.len()` when all of them are chrome.
fn first_entry_start(lead: &[Line<'_>]) -> usize {
    let Some(first) = lead
        .iter()
        .position(|l| !l.text.is_empty() && !is_chrome_like(l.text))
    else {
        return lead.len();
    };
    let mut start = first;
    while start > 0 {
        let above = lead[start - 1].text;
        let heading = above
            .split_whitespace()
            .any(|w| HEADING_WORDS.contains(&w.to_lowercase().as_str()));
        if above.is_empty() || heading || score::speaker_line_score(above) <= 0.0 {
            break;
        }
        start -= 1;
    }
    start
}

/// Whitespace-separated tokens of `line`, at most `max` of them.
pub(super) fn tokenize(line: &str, max: usize) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        if out.len() >= max {
            return out;
        }
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(Tok {
                    text: &line[s..i],
                    start: s,
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(Tok {
            text: &line[s..],
            start: s,
        });
    }
    out
}

pub(super) fn join(toks: &[Tok<'_>]) -> String {
    toks.iter().map(|t| t.text).collect::<Vec<_>>().join(" ")
}

/// The page gives no titles; the first sentence of the abstract is the best stand-in.
pub fn title_from_abstract(text: &str) -> String {
    let first = text.lines().next().unwrap_or("").trim();
    let sentence = match first.find(". ") {
        Some(i) => &first[..i],
        None => first.trim_end_matches('.'),
    };
    let mut out = String::new();
    for word in sentence.split_whitespace() {
        if out.chars().count() + word.chars().count() > 70 {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        "Untitled talk".into()
    } else {
        out
    }
}

/// Page lines are paragraphs; consecutive "- " lines are one list.
pub fn page_abstract_markdown(text: &str) -> String {
    let mut out = String::new();
    let mut prev_item = false;
    for (i, line) in text.lines().enumerate() {
        let item = line.starts_with("- ");
        if i > 0 {
            out.push_str(if item && prev_item { "\n" } else { "\n\n" });
        }
        out.push_str(line);
        prev_item = item;
    }
    out
}
