//! Search over the archive: folded per-field keys built once at load, a query language, and a
//! matcher that ranks whole-word matches in speakers and titles first. No UI types, no I/O.

pub mod fold;
pub mod index;
pub mod layout;
pub mod query;
pub mod scan;

pub use index::{Doc, Index};

use std::sync::atomic::{AtomicBool, Ordering};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem;
use rayon::prelude::*;

use fold::{fold, original_positions};
use query::{Field, Filter, HasWhat, MatchKind, Query, Term};

/// Abstracts and bodies are searched up to this many bytes: enough for any real abstract,
/// and it bounds the work a 5 MB post can cause on every keystroke.
const BODY_LIMIT: usize = 16 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    Talk,
    Post,
}

/// A field of a document as the list shows it, for highlights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Speakers,
    Title,
    Conference,
    Tags,
}

/// The field slots, in `masks` order; weights rank a match by where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    Speakers = 0,
    Title = 1,
    Companies = 2,
    Tags = 3,
    Conference = 4,
    City = 5,
    Language = 6,
    Body = 7,
}

impl Slot {
    fn weight(self) -> i64 {
        match self {
            Slot::Speakers | Slot::Title => 6,
            Slot::Companies => 4,
            Slot::Tags | Slot::Conference => 3,
            Slot::City | Slot::Language => 2,
            Slot::Body => 1,
        }
    }
}

/// What an unqualified term searches, heaviest first (`match_term` relies on the order).
const ANY_SLOTS: [Slot; 7] = [
    Slot::Speakers,
    Slot::Title,
    Slot::Companies,
    Slot::Tags,
    Slot::Conference,
    Slot::City,
    Slot::Body,
];

fn mask(s: impl AsRef<[u8]>) -> u64 {
    // A table, not the match of `bit`: this runs over every folded byte of a first load.
    const BITS: [u64; 256] = {
        let mut t = [0u64; 256];
        let mut b = 0;
        while b < 256 {
            t[b] = bit(b as u8);
            b += 1;
        }
        t
    };
    s.as_ref().iter().fold(0, |m, &b| m | BITS[b as usize])
}

#[inline]
const fn bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        _ => 0,
    }
}

fn cut(s: &str, limit: usize) -> &str {
    if s.len() <= limit {
        return s;
    }
    let mut end = limit;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// One result: a document of the `Index` and its score (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub doc: u32,
    pub score: i64,
}

/// Matches queries against an index. Cheap to clone; safe to share between threads.
#[derive(Default)]
pub struct Matcher {
    skim: SkimMatcherV2,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Matcher")
    }
}

/// How good a match of one term in one field is: where it matched (tier), which field, and
/// fuzzy-matcher's score to break ties. Tiers: 3 whole word, 2 word prefix, 1 substring, 0 fuzzy.
fn rank(tier: i64, slot: Slot, fuzzy: i64) -> i64 {
    tier * 10_000 + slot.weight() * 1_000 + fuzzy.clamp(0, 999)
}

/// The best tier of the finder's needle occurring in `text`, if it does. memchr's `memmem`
/// (SIMD, built once per term) is several times faster than `str::match_indices` here.
fn substring_tier(bytes: &[u8], finder: &memmem::Finder<'_>) -> Option<i64> {
    let len = finder.needle().len();
    let mut best = None;
    for i in finder.find_iter(bytes) {
        let starts_word = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let end = i + len;
        let ends_word = end >= bytes.len() || !bytes[end].is_ascii_alphanumeric();
        let tier = match (starts_word, ends_word) {
            (true, true) => 3,
            (true, false) => 2,
            _ => 1,
        };
        best = best.max(Some(tier));
        if tier == 3 {
            break;
        }
    }
    best
}

/// A term made ready for matching many documents: its letter mask and substring finder.
/// A term's layout alternatives (`Term::alts`) are prepared as terms of their own group,
/// marked `remapped`.
struct Prepared<'q> {
    term: &'q Term,
    /// The term's text, or one of its layout alternatives.
    text: &'q str,
    remapped: bool,
    mask: u64,
    finder: memmem::Finder<'q>,
}

/// A match found only through another keyboard layout scores below every direct match (the
/// lowest direct one is a fuzzy city match, over 2,000) and keeps its order among its kind.
fn demote(score: i64) -> i64 {
    score / 100
}

fn one<'q>(term: &'q Term, text: &'q str, remapped: bool) -> Prepared<'q> {
    Prepared {
        term,
        text,
        remapped,
        mask: mask(text),
        finder: memmem::Finder::new(text.as_bytes()),
    }
}

fn prepare(q: &Query) -> Vec<Vec<Prepared<'_>>> {
    q.groups
        .iter()
        .map(|g| {
            let direct = g.iter().map(|t| one(t, &t.text, false));
            let remapped = g
                .iter()
                .flat_map(|t| t.alts.iter().map(move |a| one(t, a, true)));
            direct.chain(remapped).collect()
        })
        .collect()
}

fn word_start(t: &[u8], j: usize) -> bool {
    j == 0
        || !t[j - 1].is_ascii_alphanumeric()
        || (t[j - 1].is_ascii_digit() != t[j].is_ascii_digit())
}

/// Skipped letters a fuzzy match may have inside words in all: typos like "gogichasvili".
const TYPO_BUDGET: usize = 2;

/// Whether `pat` matches `text` the way a person means a fuzzy match: as runs of letters that
/// each start a word ("logrep" → "LOGical REPlication") or follow the previous run after at
/// most a skipped letter or two ("gogichasvili"). A bare subsequence is not enough: "marat"
/// is one in "Migrating A laRge medicAl sysTem", and no one typing "marat" means that.
/// O(len(text) · len(pat)): one sweep per pattern byte.
pub fn tight_match(text: &[u8], pat: &[u8]) -> bool {
    // Short fields (names, titles) use the stack: this runs for most documents per keystroke.
    const STACK: usize = 256;
    if text.len() <= STACK {
        let mut a = [0u8; STACK];
        let mut b = [0u8; STACK];
        tight_match_in(text, pat, &mut a[..text.len()], &mut b[..text.len()])
    } else {
        let mut a = vec![0u8; text.len()];
        let mut b = vec![0u8; text.len()];
        tight_match_in(text, pat, &mut a, &mut b)
    }
}

fn tight_match_in(text: &[u8], pat: &[u8], cost: &mut [u8], next: &mut [u8]) -> bool {
    const NONE: u8 = u8::MAX;
    let n = text.len();
    if pat.is_empty() {
        return true;
    }
    if n < pat.len() {
        return false;
    }
    // cost[j]: the fewest skipped letters to match pat[..=k] with pat[k] at text[j].
    let (mut cost, mut next) = (cost, next);
    for j in 0..n {
        cost[j] = if text[j] == pat[0] && word_start(text, j) {
            0
        } else {
            NONE
        };
    }
    for &p in &pat[1..] {
        // A new word may start a run only after runs with no skipped letters: otherwise
        // "marat" would be "MARiAdb wiTh" pieced together from three words.
        let mut clean_before = false;
        for j in 0..n {
            let mut c = NONE;
            if text[j] == p {
                if clean_before && word_start(text, j) {
                    c = 0;
                }
                for back in 1..=TYPO_BUDGET + 1 {
                    if j < back {
                        break;
                    }
                    // Skipped letters must be letters of this word, not spaces between words.
                    if back > 1 && !text[j - back + 1].is_ascii_alphanumeric() {
                        break;
                    }
                    if cost[j - back] != NONE {
                        let total = cost[j - back] as usize + back - 1;
                        if total <= TYPO_BUDGET {
                            c = c.min(total as u8);
                        }
                    }
                }
            }
            next[j] = c;
            if cost[j] == 0 {
                clean_before = true;
            }
        }
        std::mem::swap(&mut cost, &mut next);
        if cost.iter().all(|&c| c == NONE) {
            return false;
        }
    }
    cost.iter().any(|&c| c != NONE)
}

/// Values of a multi-valued field (speakers, tags) for anchored matches.
fn values(text: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let t = rest?;
        let (value, next) = match memmem::find(t, b", ") {
            Some(at) => (&t[..at], Some(&t[at + 2..])),
            None => (t, None),
        };
        rest = next;
        Some(value.trim_ascii())
    })
}

impl Matcher {
    pub fn new() -> Self {
        Matcher {
            skim: SkimMatcherV2::default().respect_case(),
        }
    }

    fn match_slot(&self, index: &Index, i: u32, slot: Slot, p: &Prepared<'_>) -> Option<i64> {
        if index.mask(i, slot) & p.mask != p.mask {
            return None;
        }
        let text = index.slot(i, slot);
        let pat = p.text;
        match p.term.kind {
            MatchKind::Fuzzy => {
                if let Some(tier) = substring_tier(text, &p.finder) {
                    return Some(rank(tier, slot, 0));
                }
                // Fuzzy subsequences in long prose match almost anything; there only real
                // substrings count.
                if slot == Slot::Body || !tight_match(text, pat.as_bytes()) {
                    return None;
                }
                // Folded keys are ASCII: this only fails on a damaged snapshot.
                let text = std::str::from_utf8(text).ok()?;
                self.skim
                    .fuzzy_match(text, pat)
                    .map(|s| rank(0, slot, s / 4))
            }
            MatchKind::Exact => substring_tier(text, &p.finder).map(|t| rank(t, slot, 0)),
            MatchKind::Prefix => values(text)
                .filter(|v| v.starts_with(pat.as_bytes()))
                .map(|v| rank(if v.len() == pat.len() { 3 } else { 2 }, slot, 0))
                .max(),
            MatchKind::Suffix => values(text)
                .filter(|v| v.ends_with(pat.as_bytes()))
                .map(|v| rank(if v.len() == pat.len() { 3 } else { 2 }, slot, 0))
                .max(),
            MatchKind::ExactWhole => values(text)
                .any(|v| v == pat.as_bytes())
                .then(|| rank(3, slot, 0)),
        }
    }

    /// The best score of a term in `doc`, ignoring negation.
    fn match_term(&self, index: &Index, i: u32, p: &Prepared<'_>) -> Option<i64> {
        let one = |slot| self.match_slot(index, i, slot, p);
        match p.term.field {
            Field::Any => {
                // Fields come heaviest first: once nothing left could beat the best so far
                // (a whole-word match in the title, say), the abstract is not read at all.
                let mut best: Option<i64> = None;
                for (k, &slot) in ANY_SLOTS.iter().enumerate() {
                    if let (Some(b), Some(&next)) = (best, ANY_SLOTS.get(k))
                        && b >= rank(3, next, 999)
                    {
                        break;
                    }
                    best = best.max(one(slot));
                }
                best
            }
            Field::Speaker => one(Slot::Speakers),
            Field::Company => one(Slot::Companies),
            Field::Title => one(Slot::Title),
            Field::Tag => one(Slot::Tags),
            Field::Conference => one(Slot::Conference),
            Field::City => one(Slot::City),
            Field::Language => one(Slot::Language),
        }
    }

    /// The document's score for the whole query, or `None` when it does not match.
    fn score_prepared(
        &self,
        index: &Index,
        i: u32,
        q: &Query,
        groups: &[Vec<Prepared<'_>>],
    ) -> Option<i64> {
        if !q.filters.is_empty() {
            let doc = index.doc(i);
            if !q.filters.iter().all(|f| filter_holds(&doc, f)) {
                return None;
            }
        }
        let mut total = 0;
        for group in groups {
            let mut best: Option<i64> = None;
            for p in group {
                // Layout alternatives come last and rank below any direct match: once one
                // matched, they cannot change the group's score.
                if p.remapped && best.is_some() {
                    break;
                }
                let m = self.match_term(index, i, p);
                let s = match (p.term.negated, m) {
                    (false, Some(s)) if p.remapped => Some(demote(s)),
                    (false, Some(s)) => Some(s),
                    (true, None) => Some(0),
                    _ => None,
                };
                best = best.max(s);
            }
            total += best?;
        }
        Some(total)
    }

    /// Every matching document, best first (ties: newest first). `within` limits the search
    /// to earlier results when the query only narrowed. Returns `None` if `cancel` was set.
    pub fn search(
        &self,
        index: &Index,
        q: &Query,
        within: Option<&[u32]>,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        let mut hits = self.search_unsorted(index, q, within, cancel)?;
        sort_hits(index, &mut hits);
        Some(hits)
    }

    /// The hits among `docs` (in their order), searched in parallel: one step of a [`scan::Scan`].
    pub(crate) fn hits_among(
        &self,
        index: &Index,
        q: &Query,
        docs: impl rayon::iter::IndexedParallelIterator<Item = u32>,
    ) -> Vec<Hit> {
        let groups = prepare(q);
        let n = index.len() as u32;
        docs.with_min_len(1024)
            .filter_map(|i| {
                // A list made for another index (a reload raced it) is read no further than
                // this index goes.
                if i >= n {
                    return None;
                }
                self.score_prepared(index, i, q, &groups)
                    .map(|score| Hit { doc: i, score })
            })
            .collect()
    }

    /// Every matching document in no particular order, for callers that show only the best
    /// few and sort just those ([`sort_top`]).
    pub fn search_unsorted(
        &self,
        index: &Index,
        q: &Query,
        within: Option<&[u32]>,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        let groups = prepare(q);
        let n = index.len() as u32;
        let check = |i: u32| -> Option<Hit> {
            // A list made for another index (a reload raced it) is read no further than it goes.
            if i >= n {
                return None;
            }
            self.score_prepared(index, i, q, &groups)
                .map(|score| Hit { doc: i, score })
        };
        // Chunks keep cancellation cheap to check and the work evenly spread.
        const CHUNK: usize = 2048;
        let hits: Vec<Hit> = match within {
            Some(ids) => ids
                .par_chunks(CHUNK)
                .map(|c| {
                    if cancel.load(Ordering::Relaxed) {
                        return Vec::new();
                    }
                    c.iter().filter_map(|&i| check(i)).collect::<Vec<_>>()
                })
                .flatten()
                .collect(),
            None => (0..index.len() as u32)
                .into_par_iter()
                .with_min_len(CHUNK)
                .filter_map(|i| {
                    if (i as usize).is_multiple_of(CHUNK) && cancel.load(Ordering::Relaxed) {
                        return None;
                    }
                    check(i)
                })
                .collect(),
        };
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        Some(hits)
    }

    /// Char positions in `shown`, the string the list shows for `field` (speakers and tags
    /// joined with ", "), that the query's terms matched, for highlighting. Computed for the
    /// rows on screen only: the string is folded here, with its map back to the glyphs.
    pub fn highlights(&self, shown: &str, q: &Query, field: Shown) -> Vec<usize> {
        if q.groups.is_empty() {
            return Vec::new();
        }
        let fields: &[Field] = match field {
            Shown::Speakers => &[Field::Any, Field::Speaker],
            Shown::Title => &[Field::Any, Field::Title],
            Shown::Conference => &[Field::Any, Field::Conference],
            Shown::Tags => &[Field::Any, Field::Tag],
        };
        let folded = &fold(shown);
        let mut positions = Vec::new();
        for term in q.groups.iter().flatten() {
            if term.negated || !fields.contains(&term.field) {
                continue;
            }
            let text = folded.text.as_str();
            // The term itself, else the first layout alternative that occurs here.
            let pat = std::iter::once(&term.text)
                .chain(&term.alts)
                .find(|p| text.contains(p.as_str()))
                .unwrap_or(&term.text)
                .as_str();
            let found = match term.kind {
                MatchKind::Fuzzy => match text.find(pat) {
                    Some(i) => Some((i..i + pat.len()).collect::<Vec<_>>()),
                    // Only where `search` would accept the match: no scattered letters.
                    None if tight_match(text.as_bytes(), pat.as_bytes()) => {
                        self.skim.fuzzy_indices(text, pat).map(|(_, ix)| ix)
                    }
                    None => None,
                },
                MatchKind::Exact => text.find(pat).map(|i| (i..i + pat.len()).collect()),
                MatchKind::Prefix | MatchKind::ExactWhole | MatchKind::Suffix => {
                    let mut start = 0;
                    let mut out = None;
                    for v in text.split(", ") {
                        let ok = match term.kind {
                            MatchKind::Prefix => v.starts_with(pat),
                            MatchKind::Suffix => v.ends_with(pat),
                            _ => v == pat,
                        };
                        if ok {
                            let off = if term.kind == MatchKind::Suffix {
                                v.len() - pat.len()
                            } else {
                                0
                            };
                            out = Some((start + off..start + off + pat.len()).collect());
                            break;
                        }
                        start += v.len() + 2;
                    }
                    out
                }
            };
            if let Some(f) = found {
                positions.extend(f);
            }
        }
        original_positions(folded, &positions)
    }
}

fn filter_holds(doc: &Doc, f: &Filter) -> bool {
    match *f {
        Filter::Year { from, to, negated } => {
            let inside = doc.date.is_some_and(|d| {
                from.is_none_or(|y| d.year >= y) && to.is_none_or(|y| d.year <= y)
            });
            inside != negated
        }
        Filter::Type { talk, negated } => ((doc.kind == DocKind::Talk) == talk) != negated,
        Filter::Has { what, negated } => {
            let has = match what {
                HasWhat::Video => doc.has_video,
                HasWhat::Slides => doc.has_slides,
            };
            has != negated
        }
    }
}

/// The result order as one key: best score first; equal scores newest first, then in archive
/// order (which is what the index's rank of a document says).
#[inline]
fn hit_key(index: &Index, h: &Hit) -> (std::cmp::Reverse<i64>, u32) {
    (std::cmp::Reverse(h.score), index.rank(h.doc))
}

fn hit_order(index: &Index, a: &Hit, b: &Hit) -> std::cmp::Ordering {
    hit_key(index, a).cmp(&hit_key(index, b))
}

/// Best score first; equal scores newest first, then in archive order for stability.
pub fn sort_hits(index: &Index, hits: &mut [Hit]) {
    hits.par_sort_unstable_by_key(|h| hit_key(index, h));
}

/// Puts the best `k` hits first, in [`sort_hits`] order, without sorting the rest: showing
/// 20 of 40,000 results costs a selection, not a sort.
pub fn sort_top(index: &Index, hits: &mut [Hit], k: usize) {
    if k == 0 {
        return;
    }
    if k < hits.len() {
        hits.select_nth_unstable_by(k - 1, |a, b| hit_order(index, a, b));
    }
    let k = k.min(hits.len());
    hits[..k].sort_unstable_by(|a, b| hit_order(index, a, b));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::{Archive, Date};

    fn talk(
        id: &str,
        title: &str,
        speaker: &str,
        year: i32,
        abstract_md: &str,
    ) -> crate::archive::Talk {
        crate::archive::Talk {
            id: id.into(),
            title: title.into(),
            speakers: vec![crate::archive::Speaker {
                name: speaker.into(),
                company: None,
                bio: None,
            }],
            date: Some(Date {
                year,
                month: 1,
                day: 1,
            }),
            conference: None,
            city: None,
            language: None,
            tags: vec![],
            categories: vec![],
            abstract_md: abstract_md.into(),
            body_md: String::new(),
            links: vec![],
            extra: Default::default(),
            origin: crate::archive::Origin {
                path: "t".into(),
                line: 1,
            },
            draft: false,
            room: None,
            duration_min: None,
            session_type: None,
        }
    }

    /// Ids of the results for `q`, best first.
    fn ranked(archive: &Archive, q: &str) -> Vec<String> {
        let index = Index::build(archive);
        let (query, _) = query::parse_query(q);
        Matcher::new()
            .search(&index, &query, None, &AtomicBool::new(false))
            .unwrap()
            .iter()
            .map(|h| {
                let d = index.doc(h.doc);
                match d.kind {
                    DocKind::Talk => archive.talks[d.idx as usize].id.clone(),
                    DocKind::Post => archive.posts[d.idx as usize].id.clone(),
                }
            })
            .collect()
    }

    #[test]
    fn ranking_puts_what_a_person_means_first() {
        let mut a = Archive::default();
        crate::archive::bundled::load_into(&mut a);
        a.talks.push(talk(
            "x/paquier-backups",
            "Backups done right",
            "Michael Paquier",
            2015,
            "Base backups.",
        ));
        a.talks.push(talk(
            "x/streaming",
            "Streaming in depth",
            "Ann Other",
            2019,
            "With patches by Michael Paquier. Logical replication too.",
        ));
        a.talks.push(talk(
            "x/mariadb",
            "Scaling MariaDB with Galera to the cloud",
            "Bob",
            2020,
            "",
        ));
        let cases: &[(&str, &[&str])] = &[
            (
                "zalando",
                &["pgconf-russia-2016/gogichashvili-logical-replication-zalando"],
            ),
            (
                "fotolog",
                &[
                    "conf/2013/OSCON-fotolog",
                    "post/2013/07/Portland-Conferences",
                ],
            ),
            (
                "marat",
                &["pgconf-russia-2016/fattakhov-boikov-oracle-migration"],
            ),
            (
                "марат",
                &["pgconf-russia-2016/fattakhov-boikov-oracle-migration"],
            ),
            // The speaker's own talk beats a newer one that only mentions him.
            ("paquier", &["x/paquier-backups", "x/streaming"]),
            // Title first, then tags/abstract matches, newest first among equals.
            (
                "replication",
                &[
                    "pgconf-russia-2016/gogichashvili-logical-replication-zalando",
                    "x/streaming",
                ],
            ),
        ];
        for (q, want) in cases {
            let got = ranked(&a, q);
            assert_eq!(&got[..want.len().min(got.len())], *want, "{q}: {got:?}");
            assert_eq!(got.len(), want.len(), "{q}: {got:?}");
        }
    }

    #[test]
    fn top_hits_come_in_the_full_order() {
        let mut a = Archive::default();
        for (k, year) in [2011, 2019, 2015, 2019, 2008, 2022, 2015]
            .into_iter()
            .enumerate()
        {
            a.talks.push(talk(
                &format!("x/{k}"),
                if k % 2 == 0 {
                    "Replication"
                } else {
                    "More on replication slots"
                },
                "Ann Other",
                year,
                "",
            ));
        }
        let index = Index::build(&a);
        let (q, _) = query::parse_query("replication");
        let m = Matcher::new();
        let no = AtomicBool::new(false);
        let full = m.search(&index, &q, None, &no).unwrap();
        assert_eq!(full.len(), 7);
        for k in 0..=9 {
            let mut top = m.search_unsorted(&index, &q, None, &no).unwrap();
            sort_top(&index, &mut top, k);
            let shown = k.min(full.len());
            assert_eq!(top[..shown], full[..shown], "top {k}");
            assert_eq!(top.len(), full.len(), "top {k} keeps every hit");
        }
    }

    #[test]
    fn tight_match_table() {
        let cases = [
            ("marat fattakhov", "marat", true),
            (
                "migrating a large medical system from oracle to postgresql",
                "marat",
                false,
            ),
            ("logical replication", "logrep", true),
            ("valentine gogichashvili", "gogichasvili", true),
            ("valentine gogichashvili", "gogichsvli", false),
            ("postgresql", "pgsql", false),
            ("pgconf.russia 2016", "pgconf2016", true),
            ("dimitri fontaine", "dfont", true),
            ("scaling mariadb with galera to the cloud", "marat", false),
            ("gogichashvili zalando", "gogichasvilizal", false),
            ("", "a", false),
            ("abc", "", true),
        ];
        for (text, pat, want) in cases {
            assert_eq!(
                tight_match(text.as_bytes(), pat.as_bytes()),
                want,
                "{pat:?} in {text:?}"
            );
        }
    }
}
