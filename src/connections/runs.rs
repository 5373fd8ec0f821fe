//! Re-runs: a talk given again at another event is one talk with several runs. Two talks are
//! runs of one when they share a speaker (by identity) and their titles are close (folded
//! words, stop words dropped, Jaccard similarity), or when they share a slides or video URL.
//! Pure.

use std::collections::{HashMap, HashSet};

use super::people::People;
use crate::archive::{LinkKind, Talk};
use crate::search::fold::{fold_query, words};

/// Words that say nothing about what a title is about (folded: Russian ones transliterated).
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "for", "to", "with", "from", "by", "at", "is",
    "are", "how", "what", "why", "your", "you", "we", "our", "my", "it", "its", "vs", "i", "v",
    "na", "s", "so", "o", "ob", "ot", "dlia", "po", "kak", "chto", "ili", "k", "u", "der", "die",
    "das", "und", "mit", "fur", "le", "la", "les", "de", "des", "et", "en", "du",
];

/// Jaccard similarity of title words at or above which two talks by one person are one talk.
pub const TITLE_SIMILARITY: f64 = 0.6;

/// The words of a title that carry its meaning: folded, without stop words, deduplicated.
pub fn title_words(title: &str) -> Vec<String> {
    let folded = fold_query(title);
    let mut out: Vec<String> = Vec::new();
    for (_, w) in words(&folded) {
        if STOP_WORDS.contains(&w) || out.iter().any(|x| x == w) {
            continue;
        }
        out.push(w.to_string());
    }
    out
}

/// How close two titles are, 0 to 1: shared meaningful words over all of them. A title whose
/// words all appear in the other (with at least three of them) counts as close too: "Window
/// functions" given again as "Window functions, revisited".
pub fn title_similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.contains(w)).count();
    let union = a.len() + b.len() - shared;
    let jaccard = shared as f64 / union as f64;
    let smaller = a.len().min(b.len());
    if shared == smaller && smaller >= 3 {
        jaccard.max(TITLE_SIMILARITY)
    } else {
        jaccard
    }
}

/// A title's meaningful words as sorted hashes, for comparing many titles fast.
fn word_ids(title: &str) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    let mut ids: Vec<u64> = title_words(title)
        .iter()
        .map(|w| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// `title_similarity` over `word_ids`.
fn sorted_similarity(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let jaccard = shared as f64 / (a.len() + b.len() - shared) as f64;
    let smaller = a.len().min(b.len());
    if shared == smaller && smaller >= 3 {
        jaccard.max(TITLE_SIMILARITY)
    } else {
        jaccard
    }
}

/// The pairs among one person's talks `ts` whose titles are close (`sorted_similarity`) and
/// that were not given at one event. Not every pair is compared: a person with thousands of
/// talks would cost millions. Each talk's words are put rarest first (among this person's
/// titles); a close pair must share one of the first `len - ceil(0.6 · len) + 1` words of each
/// title (Jaccard ≥ 0.6 means sharing at least 0.6 of either title's words), and a title
/// contained in another shares its rarest word; so each talk is compared only with the talks
/// that hold one of its first words.
fn close_titles(ts: &[u32], titles: &[Vec<u64>], talks: &[Talk]) -> Vec<(u32, u32)> {
    let mut freq: HashMap<u64, u32> = HashMap::new();
    for &t in ts {
        for &w in &titles[t as usize] {
            *freq.entry(w).or_default() += 1;
        }
    }
    let rarest_first: Vec<Vec<u64>> = ts
        .iter()
        .map(|&t| {
            let mut ws = titles[t as usize].clone();
            ws.sort_by_key(|w| (freq[w], *w));
            ws
        })
        .collect();
    let mut holders: HashMap<u64, Vec<u32>> = HashMap::new();
    for (k, &t) in ts.iter().enumerate() {
        for &w in &rarest_first[k] {
            holders.entry(w).or_default().push(t);
        }
    }
    let mut pairs = Vec::new();
    let mut seen: HashSet<u32> = HashSet::new();
    for (k, &a) in ts.iter().enumerate() {
        let ws = &rarest_first[k];
        if ws.is_empty() {
            continue;
        }
        // The fewest words a close title shares with this one (a hair under, for rounding).
        let shared = (TITLE_SIMILARITY * ws.len() as f64 - 1e-9).ceil().max(1.0) as usize;
        let probe = (ws.len() + 1).saturating_sub(shared).clamp(1, ws.len());
        seen.clear();
        for w in &ws[..probe] {
            for &b in &holders[w] {
                if b != a
                    && seen.insert(b)
                    && !same_event(&talks[a as usize], &talks[b as usize])
                    && sorted_similarity(&titles[a as usize], &titles[b as usize])
                        >= TITLE_SIMILARITY
                {
                    pairs.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    pairs
}

/// A slides or video URL as a key: no scheme, no `www.`, no trailing slash, case-folded.
pub fn url_key(url: &str) -> String {
    let u = url.trim();
    let u = u.split_once("://").map_or(u, |(_, r)| r);
    let u = u.strip_prefix("www.").unwrap_or(u);
    let u = u.split('#').next().unwrap_or(u);
    u.trim_end_matches('/').to_lowercase()
}

/// Which talks are runs of one talk.
#[derive(Debug, Clone, Default)]
pub struct Runs {
    /// Each group of two or more talk indices, oldest first.
    pub groups: Vec<Vec<u32>>,
    /// For each talk, its group in `groups`, if it has other runs.
    pub group_of: Vec<Option<u32>>,
}

impl Runs {
    pub fn build(talks: &[Talk], people: &People) -> Runs {
        use rayon::prelude::*;
        let mut uf = UnionFind::new(talks.len());
        // Same speaker, close title: compare within each person's talks, people in parallel.
        let titles: Vec<Vec<u64>> = talks.par_iter().map(|t| word_ids(&t.title)).collect();
        let pairs: Vec<(u32, u32)> = people
            .persons
            .par_iter()
            .flat_map_iter(|person| close_titles(&person.talks, &titles, talks))
            .collect();
        for (a, b) in pairs {
            uf.union(a, b);
        }
        // The same slides or video, whoever is named.
        let mut by_url: HashMap<String, u32> = HashMap::new();
        for (i, t) in talks.iter().enumerate() {
            let mut seen = HashSet::new();
            for l in &t.links {
                if !matches!(l.kind, LinkKind::Slides | LinkKind::Video) {
                    continue;
                }
                let k = url_key(&l.url);
                if k.len() < 8 || !seen.insert(k.clone()) {
                    continue;
                }
                match by_url.get(&k) {
                    Some(&other) if !same_event(&talks[other as usize], t) => {
                        uf.union(other, i as u32)
                    }
                    Some(_) => {}
                    None => {
                        by_url.insert(k, i as u32);
                    }
                }
            }
        }
        let mut members: HashMap<u32, Vec<u32>> = HashMap::new();
        for i in 0..talks.len() as u32 {
            members.entry(uf.find(i)).or_default().push(i);
        }
        let mut groups: Vec<Vec<u32>> = members.into_values().filter(|g| g.len() > 1).collect();
        for g in &mut groups {
            g.sort_by_key(|&t| {
                let d = talks[t as usize].date;
                (d.is_none(), d, t)
            });
        }
        groups.sort_by_key(|g| g[0]);
        let mut group_of = vec![None; talks.len()];
        for (gi, g) in groups.iter().enumerate() {
            for &t in g {
                group_of[t as usize] = Some(gi as u32);
            }
        }
        Runs { groups, group_of }
    }

    /// The other runs of talk `t`, oldest first.
    pub fn others(&self, t: u32) -> impl Iterator<Item = u32> + '_ {
        self.group_of
            .get(t as usize)
            .copied()
            .flatten()
            .into_iter()
            .flat_map(move |g| {
                self.groups[g as usize]
                    .iter()
                    .copied()
                    .filter(move |&x| x != t)
            })
    }

    /// The first run of talk `t`'s talk (itself when it has no other runs): the row a list
    /// that collapses runs keeps.
    pub fn first_run(&self, t: u32) -> u32 {
        match self.group_of.get(t as usize).copied().flatten() {
            Some(g) => self.groups[g as usize][0],
            None => t,
        }
    }
}

/// Both at one conference on one day: two parts of a session, or one talk listed twice, not a
/// re-run.
fn same_event(a: &Talk, b: &Talk) -> bool {
    a.date == b.date && a.conference_name() == b.conference_name()
}

struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
        }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let up = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = up;
            x = up;
        }
        x
    }

    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index is the root: deterministic groups.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi as usize] = lo;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::{Conference, Link};
    use crate::connections::people::tests::talk;
    use crate::connections::people::{Aliases, People};

    fn at(mut t: Talk, conf: &str) -> Talk {
        t.conference = Some(Conference {
            name: conf.into(),
            ..Default::default()
        });
        t
    }

    /// Comparing only the talks that share a title's rarest words finds every close pair that
    /// comparing all of them finds, for a prolific speaker with repetitive titles.
    #[test]
    fn close_titles_finds_what_all_pairs_find() {
        let words = [
            "logical",
            "replication",
            "postgres",
            "in",
            "practice",
            "window",
            "functions",
            "scaling",
            "vacuum",
            "internals",
            "a",
            "the",
            "deep",
            "dive",
            "into",
            "sql",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let talks: Vec<Talk> = (0..300)
            .map(|i| {
                let len = 1 + next(6);
                let title: Vec<&str> = (0..len).map(|_| words[next(words.len())]).collect();
                at(
                    talk(&title.join(" "), 2000 + (i % 20), &[("Ann Other", None)]),
                    &format!("Conf {}", i % 40),
                )
            })
            .collect();
        let titles: Vec<Vec<u64>> = talks.iter().map(|t| word_ids(&t.title)).collect();
        let ts: Vec<u32> = (0..talks.len() as u32).collect();
        let mut all: Vec<(u32, u32)> = Vec::new();
        for (i, &a) in ts.iter().enumerate() {
            for &b in &ts[i + 1..] {
                if !same_event(&talks[a as usize], &talks[b as usize])
                    && sorted_similarity(&titles[a as usize], &titles[b as usize])
                        >= TITLE_SIMILARITY
                {
                    all.push((a, b));
                }
            }
        }
        let mut got = close_titles(&ts, &titles, &talks);
        got.sort_unstable();
        got.dedup();
        assert!(all.len() > 50, "the case has close pairs: {}", all.len());
        assert_eq!(got, all);
    }

    #[test]
    fn title_similarity_table() {
        let cases: &[(&str, &str, bool)] = &[
            (
                "Window Functions for the Working Developer",
                "Window functions for working developers",
                true,
            ),
            (
                "Window Functions for the Working Developer",
                "Window Functions for the Working Developer (updated)",
                true,
            ),
            (
                "Window functions in practice",
                "Window functions in practice, revisited",
                true,
            ),
            ("Logical replication", "Physical replication", false),
            ("Индексы в PostgreSQL", "Indeksy v PostgreSQL", true),
            (
                "Partitioning large tables",
                "Partitioning large tables",
                true,
            ),
            ("", "", false),
        ];
        for &(a, b, close) in cases {
            let s = title_similarity(&title_words(a), &title_words(b));
            assert_eq!(s >= TITLE_SIMILARITY, close, "{a:?} ~ {b:?}: {s}");
            assert_eq!(
                sorted_similarity(&word_ids(a), &word_ids(b)),
                s,
                "{a:?} ~ {b:?}"
            );
        }
    }

    #[test]
    fn reruns_need_one_person_and_a_close_title_or_the_same_slides() {
        let mut talks = vec![
            at(
                talk(
                    "Window functions in practice",
                    2014,
                    &[("Jiří Novák", None)],
                ),
                "Nordic Meetup",
            ),
            at(
                talk(
                    "Window Functions in Practice, revisited",
                    2015,
                    &[("Jiri Novak", None)],
                ),
                "Data Days",
            ),
            // Same title, someone else: not a run.
            at(
                talk("Window functions in practice", 2016, &[("Eva Malá", None)]),
                "Data Days",
            ),
            // Other title, same slides: a run, whatever the title says.
            at(
                talk("Оконные функции", 2017, &[("Иржи Новак", None)]),
                "PGConf",
            ),
            at(
                talk("Something else entirely", 2018, &[("Jiri Novak", None)]),
                "PGConf",
            ),
        ];
        let slides = Link {
            kind: LinkKind::Slides,
            url: "https://slides.example.org/window-functions.pdf".into(),
            thumbnail: None,
        };
        talks[0].links.push(slides.clone());
        talks[3].links.push(Link {
            url: "http://www.slides.example.org/window-functions.pdf/".into(),
            ..slides
        });
        let people = People::build(&talks, &Aliases::default());
        let runs = Runs::build(&talks, &people);
        assert_eq!(runs.groups, vec![vec![0, 1, 3]]);
        assert_eq!(runs.others(1).collect::<Vec<_>>(), vec![0, 3]);
        assert_eq!(runs.others(2).count(), 0);
        assert_eq!(runs.first_run(3), 0);
        assert_eq!(runs.first_run(4), 4);
    }
}
