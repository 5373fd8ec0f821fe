//! Scoring the ways an archive-page entry may be read: how much a line looks like a speaker
//! line or the start of an abstract, and every way a glued "Name CompanyAbstract…" line may be
//! split, each with a score from the named weights below (each says why it is what it is).

use super::words::{
    Kind, WORDS, boundaries, core_word, is_particle, is_starter, known_spans, looks_glued,
    name_len, starts_lowercase, starts_uppercase,
};
use super::{Line, Seen, has_sentence_punct, join, tokenize};

/// Company words considered before the glued split token.
const MAX_COMPANY_WORDS: usize = 5;

/// How much a line looks like a whole "Name Company" line (positive = plausible).
pub(super) fn speaker_line_score(text: &str) -> f64 {
    let toks = tokenize(text, 9);
    let mut s = 0.0;
    if text.starts_with("- ") {
        s -= 10.0;
    }
    match toks.len() {
        0 | 1 => s -= 4.0,
        2..=6 => s += 1.0,
        7 => {}
        _ => s -= 4.0,
    }
    if text
        .chars()
        .any(|c| matches!(c, ',' | ';' | ':' | '!' | '?' | '…'))
    {
        s -= 3.0;
    }
    if text.ends_with('.')
        && text
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|t| t.chars().count() > 4)
    {
        s -= 3.0;
    }
    let name_ok = match toks.as_slice() {
        [a, b, ..] => starts_uppercase(a.text) && (starts_uppercase(b.text) || is_particle(b.text)),
        _ => false,
    };
    s += if name_ok { 0.5 } else { -2.0 };
    if toks.first().is_some_and(|t| is_starter(t.text)) {
        s -= 2.0;
    }
    s
}

/// How much a line looks like the first line of an abstract on its own.
pub(super) fn own_abstract_line_score(text: &str) -> f64 {
    let words: Vec<&str> = text.split_whitespace().take(7).collect();
    let mut s = 0.0;
    if text.starts_with("- ") {
        s += 3.0;
    }
    if words.first().is_some_and(|w| is_starter(w)) {
        s += 3.0;
    }
    let lower = words.iter().skip(1).filter(|w| starts_lowercase(w)).count();
    s += 0.5 * lower as f64;
    if has_sentence_punct(text) {
        s += 1.0;
    }
    if words.len() >= 5 {
        s += 1.0;
    }
    s
}

#[derive(Debug, Clone)]
pub(super) struct Cand {
    pub(super) name: String,
    pub(super) company: Option<String>,
    /// Byte offset in the line where the abstract starts.
    pub(super) abs_start: usize,
    pub(super) kind: Kind,
    pub(super) score: f64,
}

pub(super) struct SplitFacts<'a> {
    pub(super) kind: Kind,
    last_in_token: bool,
    inside_known: bool,
    left_ends_known: bool,
    pub(super) company: Option<&'a str>,
    abstract_part: &'a str,
}

pub(super) fn score_split(f: &SplitFacts<'_>, line_no: usize, seen: &Seen) -> f64 {
    let mut s = match (f.kind, f.last_in_token) {
        (Kind::Camel, true) => 4.0,
        (Kind::Camel, false) => 2.0,
        (Kind::Digit, _) => 0.5,
        (Kind::Space, _) => -2.0,
    };
    if f.inside_known {
        s -= 4.0;
    }
    if f.left_ends_known {
        s += 1.0;
    }

    // The abstract side.
    let words: Vec<&str> = f.abstract_part.split_whitespace().take(6).collect();
    if let Some(first) = words.first() {
        let core = core_word(first);
        let letters: Vec<char> = core.chars().filter(|c| c.is_alphabetic()).collect();
        if is_starter(first) {
            s += 4.0;
        } else if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
            // "SQL", "DB", "FW": a poor sentence start.
            s -= 3.0;
        } else if letters.len() == 1 && core.chars().count() == 1 {
            s -= 2.0;
        }
        if looks_glued(first) {
            s -= 2.0;
        }
        if WORDS.known_camel.iter().any(|k| core.starts_with(k)) {
            s += 1.5;
        }
        if starts_lowercase(first) {
            s -= 3.0;
        } else if first.chars().next().is_some_and(|c| c.is_numeric()) {
            s -= 1.0;
        }
    }
    let lower = words.iter().skip(1).filter(|w| starts_lowercase(w)).count();
    s += 0.6 * lower as f64;
    // Another glued-looking word right after: the real glue is probably later.
    s -= 3.0
        * words
            .iter()
            .skip(1)
            .take(2)
            .filter(|w| looks_glued(w))
            .count() as f64;
    if words.len() < 3 {
        s -= 1.5;
    }

    // The company side.
    if let Some(company) = f.company {
        let n = company.split_whitespace().count();
        s += match n {
            0..=3 => 0.5,
            4 => 0.0,
            _ => -2.0 * (n - 4) as f64,
        };
        if starts_lowercase(company) {
            s -= 2.0;
        }
        if company
            .chars()
            .any(|c| matches!(c, ',' | ';' | ':' | '!' | '?' | '…'))
        {
            s -= 3.0;
        }
        if seen
            .get(company)
            .is_some_and(|v| v.iter().any(|&no| no != line_no))
        {
            s += 4.0;
        }
    }
    s
}

/// All scored ways to split `line` into name, company and abstract start.
pub(super) fn candidates(line: Line<'_>, seen: &Seen) -> Vec<Cand> {
    // Name (with particles) + company window + one more token is all we look at.
    let toks = tokenize(line.text, 24);
    if toks.len() < 2 {
        return Vec::new();
    }
    let name_end = name_len(&toks);
    let last_name = name_end - 1;
    let mut out = Vec::new();

    let max_t = (name_end + MAX_COMPANY_WORDS - 1).min(toks.len() - 1);
    for t in last_name..=max_t {
        let tok = toks[t];
        let bounds = boundaries(tok.text);
        if bounds.is_empty() {
            continue;
        }
        let spans = known_spans(tok.text);
        for (i, &(p, kind)) in bounds.iter().enumerate() {
            let left = &tok.text[..p];
            let (name, company) = if t == last_name {
                let mut name = join(&toks[..last_name]);
                name.push(' ');
                name.push_str(left);
                (name, None)
            } else {
                let mut company = join(&toks[name_end..t]);
                if !company.is_empty() {
                    company.push(' ');
                }
                company.push_str(left);
                (join(&toks[..name_end]), Some(company))
            };
            let abs_start = tok.start + p;
            let facts = SplitFacts {
                kind,
                last_in_token: i + 1 == bounds.len(),
                inside_known: spans.iter().any(|&(a, b)| a < p && p < b),
                left_ends_known: spans.iter().any(|&(_, b)| b == p),
                company: company.as_deref(),
                abstract_part: &line.text[abs_start..],
            };
            let score = score_split(&facts, line.no, seen);
            out.push(Cand {
                name,
                company,
                abs_start,
                kind,
                score,
            });
        }
    }

    let max_space = (name_end + MAX_COMPANY_WORDS).min(toks.len() - 1);
    for t in name_end..=max_space {
        let company = join(&toks[name_end..t]);
        let company = (!company.is_empty()).then_some(company);
        let abs_start = toks[t].start;
        let facts = SplitFacts {
            kind: Kind::Space,
            last_in_token: true,
            inside_known: false,
            left_ends_known: false,
            company: company.as_deref(),
            abstract_part: &line.text[abs_start..],
        };
        let score = score_split(&facts, line.no, seen);
        out.push(Cand {
            name: join(&toks[..name_end]),
            company,
            abs_start,
            kind: Kind::Space,
            score,
        });
    }
    out
}
