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

/// Weights of `speaker_line_score`: is this whole line "Name Company"?
mod speaker_line {
    /// A list item ("- …") is part of an abstract, never a speaker.
    pub const LIST_ITEM: f64 = -10.0;
    /// One word cannot be a name and a company.
    pub const ONE_WORD: f64 = -4.0;
    /// 2–6 words: the usual "First Last Company".
    pub const USUAL_LENGTH: f64 = 1.0;
    /// More than 7 words is prose.
    pub const TOO_LONG: f64 = -4.0;
    /// Commas, colons and the like belong to sentences.
    pub const SENTENCE_PUNCTUATION: f64 = -3.0;
    /// A line ending in a full stop after a long word ends a sentence ("… tables."), not
    /// an abbreviation ("Inc.").
    pub const FULL_STOP: f64 = -3.0;
    /// Two capitalised first words (or a particle: "Jan van …") look like a name.
    pub const NAME_SHAPE: f64 = 0.5;
    /// Otherwise it hardly starts with a name.
    pub const NO_NAME_SHAPE: f64 = -2.0;
    /// Starting with a word abstracts start with ("The", "В") is prose.
    pub const STARTER_FIRST: f64 = -2.0;
}

/// How much a line looks like a whole "Name Company" line (positive = plausible).
pub(super) fn speaker_line_score(text: &str) -> f64 {
    use speaker_line::*;
    let toks = tokenize(text, 9);
    let mut s = 0.0;
    if text.starts_with("- ") {
        s += LIST_ITEM;
    }
    match toks.len() {
        0 | 1 => s += ONE_WORD,
        2..=6 => s += USUAL_LENGTH,
        7 => {}
        _ => s += TOO_LONG,
    }
    if text
        .chars()
        .any(|c| matches!(c, ',' | ';' | ':' | '!' | '?' | '…'))
    {
        s += SENTENCE_PUNCTUATION;
    }
    if text.ends_with('.')
        && text
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|t| t.chars().count() > 4)
    {
        s += FULL_STOP;
    }
    let name_ok = match toks.as_slice() {
        [a, b, ..] => starts_uppercase(a.text) && (starts_uppercase(b.text) || is_particle(b.text)),
        _ => false,
    };
    s += if name_ok { NAME_SHAPE } else { NO_NAME_SHAPE };
    if toks.first().is_some_and(|t| is_starter(t.text)) {
        s += STARTER_FIRST;
    }
    s
}

/// Weights of `own_abstract_line_score`: does the abstract start on this line by itself?
mod own_line {
    /// A list item opens an abstract's "We will see:" list.
    pub const LIST_ITEM: f64 = 3.0;
    /// A word abstracts start with ("This", "Мы").
    pub const STARTER_FIRST: f64 = 3.0;
    /// Each lowercase word among the next six: sentences have them, names do not.
    pub const LOWER_WORD: f64 = 0.5;
    /// Sentence punctuation anywhere.
    pub const SENTENCE_PUNCTUATION: f64 = 1.0;
    /// Five words or more: longer than a speaker line usually is.
    pub const LONG: f64 = 1.0;
}

/// How much a line looks like the first line of an abstract on its own.
pub(super) fn own_abstract_line_score(text: &str) -> f64 {
    use own_line::*;
    let words: Vec<&str> = text.split_whitespace().take(7).collect();
    let mut s = 0.0;
    if text.starts_with("- ") {
        s += LIST_ITEM;
    }
    if words.first().is_some_and(|w| is_starter(w)) {
        s += STARTER_FIRST;
    }
    let lower = words.iter().skip(1).filter(|w| starts_lowercase(w)).count();
    s += LOWER_WORD * lower as f64;
    if has_sentence_punct(text) {
        s += SENTENCE_PUNCTUATION;
    }
    if words.len() >= 5 {
        s += LONG;
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

/// Weights of `score_split`: is the glued line "Name Company|Abstract…" split here?
mod split {
    /// lowercase→Uppercase, the last such boundary in its token: where pages glue text.
    pub const CAMEL_LAST: f64 = 4.0;
    /// lowercase→Uppercase with another one later in the token: the later one is likelier.
    pub const CAMEL_INNER: f64 = 2.0;
    /// lowercase→digit: abstracts seldom start with a number.
    pub const DIGIT: f64 = 0.5;
    /// Between two words: only when nothing is glued.
    pub const SPACE: f64 = -2.0;
    /// Inside a known camel-case name ("Postgre|SQL") is almost never the split.
    pub const INSIDE_KNOWN: f64 = -4.0;
    /// Right after a known name ("PostgresPro|We …") often is.
    pub const AFTER_KNOWN: f64 = 1.0;
    /// The abstract would start with a usual first word.
    pub const STARTER_FIRST: f64 = 4.0;
    /// …with an acronym ("SQL", "DB"): a poor sentence start, likely the company's tail.
    pub const ACRONYM_FIRST: f64 = -3.0;
    /// …with a lone letter.
    pub const LETTER_FIRST: f64 = -2.0;
    /// …with a word that itself looks glued: the real split is inside it.
    pub const GLUED_FIRST: f64 = -2.0;
    /// …with a known camel-case name ("PostgreSQL is …").
    pub const KNOWN_FIRST: f64 = 1.5;
    /// …in lowercase: sentences start with a capital.
    pub const LOWER_FIRST: f64 = -3.0;
    /// …with a digit.
    pub const DIGIT_FIRST: f64 = -1.0;
    /// Each lowercase word among the next five: it reads like a sentence.
    pub const LOWER_WORD: f64 = 0.6;
    /// Each glued-looking word among the next two: the real glue is probably later.
    pub const GLUED_NEXT: f64 = -3.0;
    /// Fewer than three words of abstract: too short to be one.
    pub const SHORT_ABSTRACT: f64 = -1.5;
    /// A company of up to three words is usual.
    pub const SHORT_COMPANY: f64 = 0.5;
    /// Each company word past four: it is eating the abstract.
    pub const PER_EXTRA_COMPANY_WORD: f64 = -2.0;
    /// A company starting in lowercase is abstract text.
    pub const LOWER_COMPANY: f64 = -2.0;
    /// Sentence punctuation in the company is abstract text.
    pub const PUNCTUATED_COMPANY: f64 = -3.0;
    /// The same company seen elsewhere on the page: strong evidence.
    pub const SEEN_COMPANY: f64 = 4.0;
}

pub(super) fn score_split(f: &SplitFacts<'_>, line_no: usize, seen: &Seen) -> f64 {
    use split::*;
    let mut s = match (f.kind, f.last_in_token) {
        (Kind::Camel, true) => CAMEL_LAST,
        (Kind::Camel, false) => CAMEL_INNER,
        (Kind::Digit, _) => DIGIT,
        (Kind::Space, _) => SPACE,
    };
    if f.inside_known {
        s += INSIDE_KNOWN;
    }
    if f.left_ends_known {
        s += AFTER_KNOWN;
    }

    // The abstract side.
    let words: Vec<&str> = f.abstract_part.split_whitespace().take(6).collect();
    if let Some(first) = words.first() {
        let core = core_word(first);
        let letters: Vec<char> = core.chars().filter(|c| c.is_alphabetic()).collect();
        if is_starter(first) {
            s += STARTER_FIRST;
        } else if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
            s += ACRONYM_FIRST;
        } else if letters.len() == 1 && core.chars().count() == 1 {
            s += LETTER_FIRST;
        }
        if looks_glued(first) {
            s += GLUED_FIRST;
        }
        if WORDS.known_camel.iter().any(|k| core.starts_with(k)) {
            s += KNOWN_FIRST;
        }
        if starts_lowercase(first) {
            s += LOWER_FIRST;
        } else if first.chars().next().is_some_and(|c| c.is_numeric()) {
            s += DIGIT_FIRST;
        }
    }
    let lower = words.iter().skip(1).filter(|w| starts_lowercase(w)).count();
    s += LOWER_WORD * lower as f64;
    s += GLUED_NEXT
        * words
            .iter()
            .skip(1)
            .take(2)
            .filter(|w| looks_glued(w))
            .count() as f64;
    if words.len() < 3 {
        s += SHORT_ABSTRACT;
    }

    // The company side.
    if let Some(company) = f.company {
        let n = company.split_whitespace().count();
        s += match n {
            0..=3 => SHORT_COMPANY,
            4 => 0.0,
            _ => PER_EXTRA_COMPANY_WORD * (n - 4) as f64,
        };
        if starts_lowercase(company) {
            s += LOWER_COMPANY;
        }
        if company
            .chars()
            .any(|c| matches!(c, ',' | ';' | ':' | '!' | '?' | '…'))
        {
            s += PUNCTUATED_COMPANY;
        }
        if seen
            .get(company)
            .is_some_and(|v| v.iter().any(|&no| no != line_no))
        {
            s += SEEN_COMPANY;
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
