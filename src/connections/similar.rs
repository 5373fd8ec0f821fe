//! "More like this": talks nearest to a talk (or a post) by TF-IDF over the folded words of
//! title, tags and abstract, with cosine similarity. No network, no model: the archive is
//! the corpus. Pure.

use crate::archive::{Post, Talk};
use crate::search::fold::{fold_query, words};

/// Words are kept as their 64-bit FNV hash: no string per word of 100,000 abstracts, and two
/// words of one archive sharing a hash is too unlikely to matter for a ranking.
type WordMap<V> = super::FastMap<u64, V>;

fn word_hash(w: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = super::Fnv::default();
    h.write(w.as_bytes());
    h.finish()
}

/// Words too common in any language of the archive to say what a talk is about.
const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "with", "this", "that", "from", "are", "was", "will", "you", "your",
    "our", "how", "what", "why", "can", "all", "not", "but", "have", "has", "its", "into", "about",
    "talk", "which", "their", "they", "them", "more", "also", "when", "where", "who", "use",
    "using", "used", "one", "two", "new", "some", "such", "than", "then", "there", "these",
    "those", "over", "out", "get", "like", "just", "only", "most", "many", "each", "other", "way",
    "ways", "been", "were", "would", "could", "should", "what", "show", "look", "dlia", "eto",
    "kak", "chto", "ili", "pri", "tak", "ego", "ikh", "vse", "bez", "nad", "pod", "der", "die",
    "das", "und", "mit", "fur", "ein", "eine", "les", "des", "une", "pour", "dans",
];
/// Abstracts are read up to this many bytes: enough to say what a talk is about.
const TEXT_LIMIT: usize = 4096;
/// Title and tag words count this many times an abstract word does.
const TITLE_WEIGHT: f32 = 2.0;
/// Only this many of a talk's heaviest words are used to look for neighbours: the rest add
/// little to the ranking and much to the work.
const QUERY_WORDS: usize = 24;

fn tokens(text: &str, weight: f32, into: &mut WordMap<f32>) {
    let folded = fold_query(text);
    for (_, w) in words(&folded) {
        if w.len() < 3 || w.bytes().all(|b| b.is_ascii_digit()) || STOP_WORDS.contains(&w) {
            continue;
        }
        *into.entry(word_hash(w)).or_default() += weight;
    }
}

fn cut(s: &str) -> &str {
    if s.len() <= TEXT_LIMIT {
        return s;
    }
    let mut end = TEXT_LIMIT;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn talk_terms(t: &Talk) -> WordMap<f32> {
    let mut m = WordMap::default();
    tokens(&t.title, TITLE_WEIGHT, &mut m);
    for tag in t.tags.iter().chain(&t.categories) {
        tokens(tag, TITLE_WEIGHT, &mut m);
    }
    tokens(cut(&t.abstract_md), 1.0, &mut m);
    m
}

/// A post's words, to find the talks it is nearest to.
fn post_terms(p: &Post) -> WordMap<f32> {
    let mut m = WordMap::default();
    tokens(&p.title, TITLE_WEIGHT, &mut m);
    for tag in p.tags.iter().chain(&p.categories) {
        tokens(tag, TITLE_WEIGHT, &mut m);
    }
    tokens(cut(&p.body_md), 1.0, &mut m);
    m
}

/// The TF-IDF vectors of every talk, with an inverted index for finding neighbours.
#[derive(Debug, Clone, Default)]
pub struct Similar {
    vocab: WordMap<u32>,
    idf: Vec<f32>,
    /// Per talk: (word, weight), unit length, heaviest first.
    vectors: Vec<Vec<(u32, f32)>>,
    /// Per word: (talk, weight).
    postings: Vec<Vec<(u32, f32)>>,
}

impl Similar {
    pub fn build(talks: &[Talk]) -> Similar {
        use rayon::prelude::*;
        let raw: Vec<WordMap<f32>> = talks.par_iter().map(talk_terms).collect();
        let mut vocab: WordMap<u32> = WordMap::default();
        let mut df: Vec<u32> = Vec::new();
        for m in &raw {
            for w in m.keys() {
                let id = match vocab.get(w) {
                    Some(&id) => id,
                    None => {
                        let id = vocab.len() as u32;
                        vocab.insert(*w, id);
                        df.push(0);
                        id
                    }
                };
                df[id as usize] += 1;
            }
        }
        let n = talks.len().max(1) as f32;
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| ((n + 1.0) / (d as f32 + 1.0)).ln() + 1.0)
            .collect();
        let mut s = Similar {
            vocab,
            idf,
            vectors: Vec::with_capacity(raw.len()),
            postings: vec![Vec::new(); df.len()],
        };
        s.vectors = raw.par_iter().map(|m| s.vector(m)).collect();
        for (ti, v) in s.vectors.iter().enumerate() {
            for &(w, x) in v {
                s.postings[w as usize].push((ti as u32, x));
            }
        }
        s
    }

    /// Sublinear TF times IDF, unit length, heaviest first; unknown words dropped.
    fn vector(&self, m: &WordMap<f32>) -> Vec<(u32, f32)> {
        let mut v: Vec<(u32, f32)> = m
            .iter()
            .filter_map(|(w, &tf)| {
                let id = *self.vocab.get(w)?;
                Some((id, (1.0 + tf.ln()) * self.idf[id as usize]))
            })
            .collect();
        let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, x)| *x /= norm);
        }
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    fn nearest(&self, query: &[(u32, f32)], skip: Option<u32>, n: usize) -> Vec<(u32, f32)> {
        // A word in most talks moves every score alike and costs a pass over most of the
        // archive: in an archive of any size, words in over a fifth of the talks are skipped.
        let common = if self.vectors.len() >= 100 {
            self.vectors.len() / 5
        } else {
            usize::MAX
        };
        let mut scores = vec![0f32; self.vectors.len()];
        let mut touched: Vec<u32> = Vec::new();
        for &(w, qx) in query.iter().take(QUERY_WORDS) {
            let postings = &self.postings[w as usize];
            if postings.len() > common {
                continue;
            }
            for &(t, x) in postings {
                let s = &mut scores[t as usize];
                if *s == 0.0 {
                    touched.push(t);
                }
                *s += qx * x;
            }
        }
        let mut out: Vec<(u32, f32)> = touched
            .into_iter()
            .map(|t| (t, scores[t as usize]))
            .filter(|&(t, s)| Some(t) != skip && s > 0.0)
            .collect();
        let best_first = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        // Only the best `n` are wanted: pick them, then sort just those.
        if n > 0 && out.len() > n {
            out.select_nth_unstable_by(n - 1, best_first);
            out.truncate(n);
        }
        out.sort_by(best_first);
        out.truncate(n);
        out
    }

    /// The `n` talks most like talk `t`, with their cosine similarity (0 to 1), best first.
    pub fn like_talk(&self, t: u32, n: usize) -> Vec<(u32, f32)> {
        match self.vectors.get(t as usize) {
            Some(v) => self.nearest(v, Some(t), n),
            None => Vec::new(),
        }
    }

    /// The `n` talks most like a post's text.
    pub fn like_post(&self, p: &Post, n: usize) -> Vec<(u32, f32)> {
        self.nearest(&self.vector(&post_terms(p)), None, n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connections::people::tests::talk;

    fn with(title: &str, tags: &[&str], abs: &str) -> Talk {
        let mut t = talk(title, 2015, &[("A B", None)]);
        t.tags = tags.iter().map(|s| s.to_string()).collect();
        t.abstract_md = abs.into();
        t
    }

    #[test]
    fn nearest_talks_share_rare_words_not_common_ones() {
        let talks = vec![
            with(
                "Window functions",
                &["sql"],
                "Running totals and moving averages with window functions in reports.",
            ),
            with(
                "Оконные функции",
                &["sql"],
                "Moving averages and running totals, computed by the database.",
            ),
            with(
                "Logical replication",
                &["replication"],
                "Streaming changes between database servers.",
            ),
            with(
                "Replication slots",
                &["replication"],
                "How replication slots keep changes for subscribers of the database.",
            ),
            with(
                "Cooking with cast iron",
                &["food"],
                "Seasoning pans, and the database of recipes we keep.",
            ),
        ];
        let s = Similar::build(&talks);
        let near = |t| {
            s.like_talk(t, 2)
                .into_iter()
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        };
        assert_eq!(near(0)[0], 1);
        assert_eq!(near(2)[0], 3);
        assert!(!near(0).contains(&0), "a talk is not like itself");
        let best = s.like_talk(3, 1)[0].1;
        assert!(best > 0.0 && best <= 1.0 + 1e-5, "{best}");
    }
}
