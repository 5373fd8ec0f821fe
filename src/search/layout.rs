//! Owns the wrong-keyboard-layout remap: a word typed with another layout active ("ащтефшту"
//! for "fontaine", "vfhfn" for "марат") turned into what the same keys give in the other
//! layout. Must not match, score or fold anything but the alternatives it returns.
//!
//! A layout is one table entry: the characters of a US QWERTY keyboard's keys and, in the same
//! order, what those keys type in the layout. A term whose characters all come from one side
//! gets the other side as an alternative; the matcher tries it after the term itself and ranks
//! what it finds below every direct match.

use super::fold::fold_query;

/// One keyboard layout: `latin[i]` and `native[i]` are the same key.
pub struct Layout {
    pub name: &'static str,
    pub latin: &'static str,
    pub native: &'static str,
    /// Keys not listed type the same letter in both (QWERTZ differs from QWERTY in a few keys).
    pub others_same: bool,
}

/// Every layout a query is remapped through. Adding a layout is adding an entry.
pub const LAYOUTS: &[Layout] = &[
    Layout {
        name: "Russian ЙЦУКЕН",
        latin: "`qwertyuiop[]asdfghjkl;'zxcvbnm,.",
        native: "ёйцукенгшщзхъфывапролджэячсмитьбю",
        others_same: false,
    },
    Layout {
        name: "Ukrainian ЙЦУКЕН",
        latin: "`qwertyuiop[]asdfghjkl;'zxcvbnm,.\\",
        native: "'йцукенгшщзхїфівапролджєячсмитьбюґ",
        others_same: false,
    },
    Layout {
        name: "Greek",
        latin: "wertyuiopasdfghjklzxcvbnm",
        native: "ςερτυθιοπασδφγηξκλζχψωβνμ",
        others_same: false,
    },
    Layout {
        name: "German QWERTZ",
        latin: "yz;'[",
        native: "zyöäü",
        others_same: true,
    },
];

impl Layout {
    /// `word` as the same keys type it in the other layout, if every character of it is a key
    /// of one side (case ignored) and one of them is a letter.
    fn remap(&self, word: &str) -> Option<String> {
        let lower = word.to_lowercase();
        if !lower.chars().any(char::is_alphabetic) {
            return None;
        }
        let latin: Vec<char> = self.latin.chars().collect();
        let native: Vec<char> = self.native.chars().collect();
        let through = |from: &[char], to: &[char]| -> Option<String> {
            lower
                .chars()
                .map(|c| match from.iter().position(|&x| x == c) {
                    Some(i) => Some(to[i]),
                    None if self.others_same && c.is_ascii_alphanumeric() => Some(c),
                    None => None,
                })
                .collect()
        };
        through(&latin, &native).or_else(|| through(&native, &latin))
    }
}

/// The folded alternatives of a typed term, one per layout that changes it, without repeats
/// and without the term's own folding. Typing a word one key more extends each alternative
/// (what `Query::narrows` relies on), so even one letter has them.
pub fn alternatives(typed: &str) -> Vec<String> {
    let typed = typed.trim();
    let own = fold_query(typed);
    let mut out: Vec<String> = Vec::new();
    for layout in LAYOUTS {
        if let Some(m) = layout.remap(typed) {
            let f = fold_query(&m);
            if !f.is_empty() && f != own && !out.contains(&f) {
                out.push(f);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_layout_pairs_each_key_once() {
        for l in LAYOUTS {
            let (a, b): (Vec<char>, Vec<char>) =
                (l.latin.chars().collect(), l.native.chars().collect());
            assert_eq!(a.len(), b.len(), "{}", l.name);
            for side in [&a, &b] {
                let mut s = side.clone();
                s.sort();
                s.dedup();
                assert_eq!(s.len(), side.len(), "{}: a key twice", l.name);
            }
        }
    }

    #[test]
    fn alternatives_table() {
        let cases: &[(&str, &[&str])] = &[
            // Russian layout on, Latin word meant.
            ("ащтефшту", &["fontaine"]),
            ("АЩТЕФШТУ", &["fontaine"]),
            // Latin layout on, Russian word meant (folded as the index folds it).
            ("vfhfn", &["marat", "ophephn"]),
            // The Ukrainian layout differs from the Russian one in a few keys only.
            ("ghbdsn", &["privyt", "privit", "gebdsn"]),
            // Greek on, Latin meant.
            ("σψηεδθλε", &["schedule"]),
            // German keyboard, US layout: y and z swapped.
            ("pzthon", &["ziaershcht", "pzteon", "python"]),
            // Nothing to remap.
            ("x", &["ch", "kh"]),
            ("m", &["'"]),
            ("2016", &[]),
            ("", &[]),
            ("марат1", &[]),
        ];
        for (typed, want) in cases {
            assert_eq!(alternatives(typed), *want, "{typed:?}");
        }
    }

    fn talk(id: &str, title: &str, speaker: &str) -> crate::archive::Talk {
        crate::archive::Talk {
            id: id.into(),
            title: title.into(),
            speakers: vec![crate::archive::Speaker {
                name: speaker.into(),
                company: None,
                bio: None,
            }],
            date: None,
            conference: None,
            city: None,
            language: None,
            tags: vec![],
            categories: vec![],
            abstract_md: String::new(),
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

    #[test]
    fn remapped_matches_rank_below_direct_ones() {
        use crate::search::{Index, Matcher, query::parse_query};
        use std::sync::atomic::AtomicBool;
        let archive = crate::archive::Archive {
            talks: vec![
                talk("marat", "Counting sheep", "Марат Фаттахов"),
                // Someone's project really is called that.
                talk("direct", "The vfhfn build tool", "Anna Berg"),
                talk("fontaine", "Versioned tables", "Élise Fontaine"),
                talk("none", "Queues", "Eva Malá"),
            ]
            .into(),
            posts: vec![].into(),
            diagnostics: vec![],
            files_seen: 0,
        };
        let index = Index::build(&archive);
        let ids = |q: &str| -> Vec<&str> {
            let (query, _) = parse_query(q);
            Matcher::new()
                .search(&index, &query, None, &AtomicBool::new(false))
                .unwrap()
                .iter()
                .map(|h| archive.talks[index.doc(h.doc).idx as usize].id.as_str())
                .collect()
        };
        assert_eq!(ids("vfhfn"), ["direct", "marat"]);
        assert_eq!(ids("@vfhfn"), ["marat"]);
        assert_eq!(ids("ащтефшту"), ["fontaine"]);
        // A negated term is not remapped: "!vfhfn" keeps Марат.
        assert_eq!(ids("!vfhfn").len(), 3);
        // Highlights show the glyphs the remapped query found.
        let (query, _) = parse_query("vfhfn");
        assert_eq!(
            Matcher::new().highlights(
                &archive.talks[0].speaker_names(),
                &query,
                crate::search::Shown::Speakers
            ),
            vec![0, 1, 2, 3, 4]
        );
    }
}
