//! Reading one entry of an archive page: which of its leading lines are speaker lines, where
//! the abstract starts (glued to the last speaker line, on its own line, or not at all), and
//! why the choice may be wrong. Takes the best-scored reading from `score`.

use super::score::{Cand, candidates, own_abstract_line_score, speaker_line_score};
use super::words::{Kind, name_len};
use super::{Line, PageEntry, PageSpeaker, Seen, join, preview, tokenize};

/// At most this many leading speaker lines per entry are considered.
const MAX_SPEAKER_LINES: usize = 6;
/// Top two interpretations closer than this make an entry unsure.
const CLOSE_MARGIN: f64 = 2.0;
/// A chosen split scoring below this makes an entry unsure.
const WEAK_SCORE: f64 = 3.0;
/// An abstract on its own line: pages glue it to the last speaker line, so this is rarer.
const OWN_LINE: f64 = -1.0;
/// No abstract at all: rarer still; every entry of a talks page has one.
const NO_ABSTRACT: f64 = -4.0;

pub(super) fn parse_speaker_line(text: &str) -> PageSpeaker {
    let toks = tokenize(text, usize::MAX);
    let n = name_len(&toks);
    let company = join(&toks[n..]);
    PageSpeaker {
        name: join(&toks[..n]),
        company: (!company.is_empty()).then_some(company),
    }
}

pub(super) enum Shape {
    /// Lines `..k` are speaker lines, line `k` is glued speaker+abstract.
    Glued { k: usize, cand: Cand },
    /// Lines `..k` are speaker lines, the abstract starts on line `k`.
    OwnLine { k: usize },
    /// All lines are speaker lines.
    NoAbstract,
}

pub(super) struct Opt {
    shape: Shape,
    score: f64,
}

pub(super) fn first_word(text: &str) -> &str {
    text.split_whitespace().next().unwrap_or("")
}

pub(super) fn describe(opt: &Opt, lines: &[Line<'_>]) -> String {
    match &opt.shape {
        Shape::Glued { k, cand } => {
            let left = cand.company.as_deref().unwrap_or(&cand.name);
            let right = lines
                .get(*k)
                .and_then(|l| l.text.get(cand.abs_start..))
                .map_or("", first_word);
            format!("'{left}' + '{}…'", preview(right, 30))
        }
        Shape::OwnLine { k } => {
            let no = lines.get(*k).map_or(0, |l| l.no);
            let text = lines.get(*k).map_or("", |l| l.text);
            format!("abstract starting on line {no} ('{}')", preview(text, 30))
        }
        Shape::NoAbstract => "no abstract (all lines are speaker lines)".to_string(),
    }
}

pub(super) struct ParsedEntry {
    pub(super) entry: PageEntry,
    /// Companies learned from this entry, with the line they were found on.
    pub(super) companies: Vec<(String, usize)>,
}

pub(super) fn parse_entry(lines: &[Line<'_>], seen: &Seen) -> ParsedEntry {
    let spk: Vec<f64> = lines
        .iter()
        .take(MAX_SPEAKER_LINES + 1)
        .map(|l| speaker_line_score(l.text))
        .collect();
    let mut opts: Vec<Opt> = Vec::new();
    let mut prefix = 0.0;
    for (k, line) in lines.iter().enumerate().take(MAX_SPEAKER_LINES) {
        for cand in candidates(*line, seen) {
            opts.push(Opt {
                score: prefix + cand.score,
                shape: Shape::Glued { k, cand },
            });
        }
        if k >= 1 {
            opts.push(Opt {
                score: prefix + own_abstract_line_score(line.text) + OWN_LINE,
                shape: Shape::OwnLine { k },
            });
        }
        prefix += spk.get(k).copied().unwrap_or(0.0);
    }
    if lines.len() <= MAX_SPEAKER_LINES {
        opts.push(Opt {
            score: spk.iter().sum::<f64>() + NO_ABSTRACT,
            shape: Shape::NoAbstract,
        });
    }
    opts.sort_by(|a, b| b.score.total_cmp(&a.score));

    let line_no = lines.first().map_or(0, |l| l.no);
    let mut unsure = Vec::new();
    let mut speakers = Vec::new();
    let mut abstract_lines: Vec<&str> = Vec::new();
    let mut companies = Vec::new();
    let mut speaker_lines = 0;

    match opts.first() {
        None => {
            unsure.push("could not interpret the entry at all".to_string());
            abstract_lines.extend(lines.iter().map(|l| l.text));
        }
        Some(best) => {
            if let Some(second) = opts.get(1)
                && best.score - second.score < CLOSE_MARGIN
            {
                unsure.push(format!(
                    "two plausible splits: {} vs {}",
                    describe(best, lines),
                    describe(second, lines)
                ));
            }
            match &best.shape {
                Shape::Glued { k, cand } => {
                    speaker_lines = *k;
                    let glued = lines.get(*k);
                    match cand.kind {
                        Kind::Camel if cand.score < WEAK_SCORE => unsure.push(format!(
                            "weak split of line {}: {}",
                            glued.map_or(0, |l| l.no),
                            describe(best, lines)
                        )),
                        Kind::Camel => {}
                        Kind::Digit => unsure.push(format!(
                            "abstract seems to start with a number; guessed {}",
                            describe(best, lines)
                        )),
                        Kind::Space => unsure.push(format!(
                            "no capitalised word boundary after the speaker name on line {}; guessed {}",
                            glued.map_or(0, |l| l.no),
                            describe(best, lines)
                        )),
                    }
                    if let Some(company) = &cand.company {
                        let n = company.split_whitespace().count();
                        if n > 4 {
                            unsure.push(format!("company '{company}' has {n} words"));
                        }
                    }
                    for l in &lines[..*k] {
                        speakers.push(parse_speaker_line(l.text));
                    }
                    speakers.push(PageSpeaker {
                        name: cand.name.clone(),
                        company: cand.company.clone(),
                    });
                    if let Some(g) = glued {
                        if let Some(first) = g.text.get(cand.abs_start..) {
                            abstract_lines.push(first.trim());
                        }
                        if let (Some(company), true) = (&cand.company, unsure.is_empty()) {
                            companies.push((company.clone(), g.no));
                        }
                    }
                    abstract_lines.extend(lines.iter().skip(k + 1).map(|l| l.text));
                }
                Shape::OwnLine { k } => {
                    speaker_lines = *k;
                    let starts_list = lines.get(*k).is_some_and(|l| l.text.starts_with("- "));
                    if !starts_list {
                        unsure.push(format!(
                            "abstract starts on its own line {} instead of being glued to the last speaker line",
                            lines.get(*k).map_or(0, |l| l.no)
                        ));
                    }
                    for l in &lines[..*k] {
                        speakers.push(parse_speaker_line(l.text));
                    }
                    abstract_lines.extend(lines.iter().skip(*k).map(|l| l.text));
                }
                Shape::NoAbstract => {
                    speaker_lines = lines.len();
                    unsure.push("entry has no abstract".to_string());
                    for l in lines {
                        speakers.push(parse_speaker_line(l.text));
                    }
                }
            }
        }
    }

    for (l, score) in lines.iter().zip(&spk).take(speaker_lines) {
        let words = l.text.split_whitespace().count();
        if !(2..=6).contains(&words) {
            unsure.push(format!(
                "speaker line {} has an unusual number of words ({words})",
                l.no
            ));
        } else if *score < 0.0 {
            unsure.push(format!(
                "line {} taken as a speaker line but does not look like one",
                l.no
            ));
        }
        if let Some(company) = parse_speaker_line(l.text).company {
            companies.push((company, l.no));
        }
    }
    if let Some(s) = speakers
        .iter()
        .find(|s| s.name.split_whitespace().count() < 2)
    {
        unsure.push(format!(
            "speaker name '{}' has fewer than two words",
            s.name
        ));
    }

    ParsedEntry {
        entry: PageEntry {
            speakers,
            abstract_text: abstract_lines.join("\n"),
            line: line_no,
            unsure,
            title: None,
            duration_min: None,
            abstract_line: line_no,
        },
        companies,
    }
}
