//! The archive-page parser's knowledge of words: the lists in `words.txt` (name particles,
//! patronymic endings, words that start abstracts, camel-case names), read with
//! `include_str!`, and what can be told from one word or token alone (where a glued token may
//! split, how many tokens a name takes). No scoring here: `score` weighs these facts.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::Tok;

/// The lists of `words.txt`.
pub(super) struct Words {
    pub(super) particles: Vec<&'static str>,
    pub(super) patronymic_suffixes: Vec<&'static str>,
    pub(super) starters: HashSet<&'static str>,
    pub(super) known_camel: Vec<&'static str>,
}

pub(super) static WORDS: LazyLock<Words> = LazyLock::new(|| parse_words(include_str!("words.txt")));

/// `[list]` headers, one word per line, `#` comments.
fn parse_words(text: &'static str) -> Words {
    let mut w = Words {
        particles: Vec::new(),
        patronymic_suffixes: Vec::new(),
        starters: HashSet::new(),
        known_camel: Vec::new(),
    };
    let mut list = "";
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            list = name;
            continue;
        }
        match list {
            "particles" => w.particles.push(line),
            "patronymic_suffixes" => w.patronymic_suffixes.push(line),
            "starters" => {
                w.starters.insert(line);
            }
            "known_camel" => w.known_camel.push(line),
            _ => {}
        }
    }
    w
}

pub(super) fn core_word(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

pub(super) fn is_starter(word: &str) -> bool {
    let w = core_word(word);
    WORDS.starters.contains(w)
}

pub(super) fn is_particle(tok: &str) -> bool {
    WORDS.particles.contains(&tok)
}

pub(super) fn starts_lowercase(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

pub(super) fn starts_uppercase(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_uppercase)
}

/// Ranges of known camel-case words inside `tok`.
pub(super) fn known_spans(tok: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for w in &WORDS.known_camel {
        for (i, _) in tok.match_indices(w) {
            out.push((i, i + w.len()));
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// lowercase/digit → Uppercase, or end of an acronym (`DB|This`).
    Camel,
    /// lowercase → digit (`Acme|2016 was…`): weak.
    Digit,
    /// Between two whitespace-separated tokens: fallback.
    Space,
}

/// Byte offsets inside `tok` where a new word may start, with their kind.
pub(super) fn boundaries(tok: &str) -> Vec<(usize, Kind)> {
    let cs: Vec<(usize, char)> = tok.char_indices().collect();
    let mut out = Vec::new();
    for i in 1..cs.len() {
        let p = cs[i - 1].1;
        let (at, c) = cs[i];
        let next = cs.get(i + 1).map(|x| x.1);
        let next_lower = next.is_some_and(char::is_lowercase);
        let next_upper = next.is_some_and(char::is_uppercase);
        if c.is_uppercase() {
            if p.is_lowercase() || p.is_numeric() || (p.is_uppercase() && next_lower) {
                out.push((at, Kind::Camel));
            } else if matches!(p, '.' | ')' | ']') && next_lower {
                // "Inc.The …"
                out.push((at, Kind::Camel));
            }
        } else if matches!(c, '"' | '«' | '“' | '(') && p.is_lowercase() && next_upper {
            // `Dalibo"Multicorn" is…`
            out.push((at, Kind::Camel));
        } else if c.is_numeric() && p.is_lowercase() {
            out.push((at, Kind::Digit));
        }
    }
    out
}

/// A word that looks like two words glued together (`LabTempesta`, `DBThis`),
/// ignoring known camel-case words.
pub(super) fn looks_glued(word: &str) -> bool {
    let glue: Vec<usize> = boundaries(word)
        .into_iter()
        .filter(|&(p, kind)| {
            kind == Kind::Camel && word[p..].chars().nth(1).is_some_and(char::is_lowercase)
        })
        .map(|(p, _)| p)
        .collect();
    if glue.is_empty() {
        return false;
    }
    let spans = known_spans(word);
    glue.iter()
        .any(|&p| !spans.iter().any(|&(a, b)| a <= p && p < b))
}

pub(super) fn is_patronymic(tok: &str) -> bool {
    let letters = core_word(tok);
    let lower = letters.to_lowercase();
    starts_uppercase(letters) && WORDS.patronymic_suffixes.iter().any(|s| lower.ends_with(s))
}

/// Number of leading tokens that form the speaker's name.
pub(super) fn name_len(toks: &[Tok<'_>]) -> usize {
    if toks.len() <= 2 {
        return toks.len();
    }
    let mut i = 1;
    while i + 1 < toks.len() && is_particle(toks[i].text) {
        i += 1;
    }
    let mut n = i + 1;
    if n == 2 && toks.len() >= 3 {
        // "Иван Иванович Иванов", "Иванов Иван Иванович"; look at the part before any glue.
        let third = toks[2].text;
        let third_head = boundaries(third)
            .first()
            .map_or(third, |&(p, _)| &third[..p]);
        if is_patronymic(toks[1].text) || is_patronymic(third_head) {
            n = 3;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_of_the_data_file_is_read() {
        let w = &*WORDS;
        assert_eq!(w.particles.len(), 25);
        assert_eq!(w.patronymic_suffixes.len(), 6);
        assert_eq!(w.starters.len(), 251);
        assert_eq!(w.known_camel.len(), 86);
        assert!(w.particles.contains(&"van"));
        assert!(w.starters.contains("Представьте"));
        assert!(w.known_camel.contains(&"PostgreSQL"));
    }
}
