//! Owns folding text into the lowercase-ASCII search form (with a byte→char map back to the original); must not do matching, scoring, query parsing or any I/O.
//!
//! Folding: ASCII letters are lowercased, control characters (C0, DEL, C1) become spaces, every
//! other character goes through `deunicode::deunicode_char` (accents stripped, other
//! scripts transliterated, its output lowercased and any control bytes in it turned into
//! spaces). Characters deunicode cannot map produce nothing. A multi-letter
//! transliteration ending in a space (`東` → `"Dong "`) keeps that space only when the next
//! output starts with a letter or digit (a little stricter than `deunicode::deunicode`,
//! which keeps it before punctuation), so `東京` folds to `dong jing` and `東京,` to `dong jing,`.

use deunicode::deunicode_char;

/// A folded search key together with the way back to the original glyphs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Folded {
    /// Lowercase ASCII only.
    pub text: String,
    /// For each byte of `text`, the index of the char of the original string it came from.
    pub map: Vec<u32>,
}

impl Folded {
    /// True when nothing searchable came out of the original.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

#[inline]
fn fold_ascii(b: u8) -> u8 {
    if b.is_ascii_control() {
        b' '
    } else {
        b.to_ascii_lowercase()
    }
}

/// The one folding routine: calls `emit(byte, original_char_index)` for each output byte.
#[inline]
fn fold_with(original: &str, mut emit: impl FnMut(u8, u32)) {
    // A transliteration's trailing space, held back until we know what follows it.
    let mut pending_space: Option<u32> = None;
    for (index, ch) in original.chars().enumerate() {
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        if ch.is_ascii() {
            let b = fold_ascii(ch as u8);
            if let Some(at) = pending_space.take()
                && b.is_ascii_alphanumeric()
            {
                emit(b' ', at);
            }
            emit(b, index);
            continue;
        }
        let out = if ch.is_control() {
            &b" "[..]
        } else {
            deunicode_char(ch).unwrap_or("").as_bytes()
        };
        let Some((&first, _)) = out.split_first() else {
            continue;
        };
        let (body, trailing_space) = match out.split_last() {
            Some((&b' ', body)) if out.len() > 1 => (body, true),
            _ => (out, false),
        };
        if let Some(at) = pending_space.take()
            && first.is_ascii_alphanumeric()
        {
            emit(b' ', at);
        }
        for &b in body {
            emit(fold_ascii(b), index);
        }
        if trailing_space {
            pending_space = Some(index);
        }
    }
}

/// Folds `original` into its search key, remembering where each byte came from.
pub fn fold(original: &str) -> Folded {
    if original.is_ascii() {
        let text: String = original
            .bytes()
            .map(|b| char::from(fold_ascii(b)))
            .collect();
        let len = u32::try_from(text.len()).unwrap_or(u32::MAX);
        let mut map: Vec<u32> = (0..len).collect();
        // Only reachable for strings over 4 GiB; keeps map.len() == text.len() regardless.
        map.resize(text.len(), u32::MAX);
        return Folded { text, map };
    }
    let mut text = String::with_capacity(original.len());
    let mut map = Vec::with_capacity(original.len());
    fold_with(original, |b, at| {
        text.push(char::from(b));
        map.push(at);
    });
    Folded { text, map }
}

/// Folds a query string exactly the way [`fold`] folds the searched text, without the map.
pub fn fold_query(q: &str) -> String {
    if q.is_ascii() {
        return q.bytes().map(|b| char::from(fold_ascii(b))).collect();
    }
    let mut text = String::with_capacity(q.len());
    fold_with(q, |b, _| text.push(char::from(b)));
    text
}

/// Maps byte positions in `folded.text` (as fuzzy-matcher reports them for ASCII text)
/// back to sorted, deduplicated char indices of the original. Out-of-range positions are ignored.
pub fn original_positions(folded: &Folded, folded_positions: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = folded_positions
        .iter()
        .filter_map(|&p| folded.map.get(p))
        .map(|&c| c as usize)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[inline]
fn is_word_byte(b: u8) -> bool {
    // Non-ASCII bytes count as word bytes so that slices always fall on char boundaries
    // even if a caller passes unfolded text.
    b.is_ascii_alphanumeric() || !b.is_ascii()
}

/// Words (runs of ASCII letters and digits) of a folded string, with their byte offsets.
pub fn words(folded: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = folded.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        while pos < bytes.len() && !is_word_byte(bytes[pos]) {
            pos += 1;
        }
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        while pos < bytes.len() && is_word_byte(bytes[pos]) {
            pos += 1;
        }
        folded.get(start..pos).map(|w| (start, w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_invariants(original: &str, f: &Folded) {
        assert_eq!(f.map.len(), f.text.len(), "map length for {original:?}");
        assert!(f.text.is_ascii(), "ascii for {original:?}");
        assert!(
            !f.text
                .bytes()
                .any(|b| b.is_ascii_uppercase() || b.is_ascii_control()),
            "lowercase, no controls for {original:?}: {:?}",
            f.text
        );
        let chars = original.chars().count();
        assert!(
            f.map.iter().all(|&c| (c as usize) < chars),
            "map in range for {original:?}"
        );
        assert!(
            f.map.windows(2).all(|w| w[0] <= w[1]),
            "map monotonic for {original:?}"
        );
        assert_eq!(
            fold_query(original),
            f.text,
            "fold_query agrees for {original:?}"
        );
    }

    #[test]
    fn fold_table() {
        let cases: &[(&str, &str)] = &[
            ("", ""),
            ("abc", "abc"),
            ("Hello, World!", "hello, world!"),
            ("Jelínek", "jelinek"),
            ("Müller", "muller"),
            ("Марат Фаттахов", "marat fattakhov"),
            ("Москва", "moskva"),
            ("東京", "dong jing"),
            ("東京タワー", "dong jing tawa"),
            ("北京 x", "bei jing x"),
            ("東京x", "dong jing x"),
            ("東京, Japan", "dong jing, japan"),
            ("e\u{301}", "e"),
            ("Jele\u{301}nek", "jelenek"),
            ("😀", "grinning"),
            ("PostgreSQL 🐘 tips", "postgresql elephant tips"),
            ("🐘\u{fe0f}x", "elephant x"),
            ("ß", "ss"),
            ("Ærø", "aero"),
            ("Łódź", "lodz"),
            ("Σίσυφος", "sisuphos"),
            ("ﬁle", "file"),
            ("a\tb\nc\u{7f}d", "a b c d"),
            ("a\u{85}b", "a b"),
            ("zero\u{200b}width", "zero width"),
            ("\u{feff}bom", "bom"),
            ("  two  spaces ", "  two  spaces "),
            ("Jelínek / Марат & 東京", "jelinek / marat & dong jing"),
            ("MySQL 5.7: what's new?", "mysql 5.7: what's new?"),
        ];
        for &(input, want) in cases {
            let f = fold(input);
            assert_eq!(f.text, want, "fold({input:?})");
            check_invariants(input, &f);
        }
    }

    #[test]
    fn map_table() {
        // (original, folded text, map)
        let cases: &[(&str, &str, &[u32])] = &[
            ("", "", &[]),
            ("Ab", "ab", &[0, 1]),
            ("Jelínek", "jelinek", &[0, 1, 2, 3, 4, 5, 6]),
            ("ßa", "ssa", &[0, 0, 1]),
            ("хо", "kho", &[0, 0, 1]),
            ("e\u{301}x", "ex", &[0, 2]),
            ("東京", "dong jing", &[0, 0, 0, 0, 0, 1, 1, 1, 1]),
            ("北京 x", "bei jing x", &[0, 0, 0, 0, 1, 1, 1, 1, 2, 3]),
            ("😀a", "grinning a", &[0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
            ("a\u{301}\u{301}b", "ab", &[0, 3]),
        ];
        for &(input, text, map) in cases {
            let f = fold(input);
            assert_eq!(f.text, text, "text of {input:?}");
            assert_eq!(f.map, map, "map of {input:?}");
        }
    }

    #[test]
    fn original_positions_table() {
        // (original, positions in folded text, char indices in original)
        let cases: &[(&str, &[usize], &[usize])] = &[
            ("Jelínek", &[0, 3, 4], &[0, 3, 4]),
            ("Müller", &[1], &[1]),
            ("Straße", &[4, 5], &[4]),
            ("Straße", &[5, 4, 4], &[4]),
            ("Фаттахов", &[5, 6], &[5]),
            ("東京", &[0, 5], &[0, 1]),
            ("東京", &[4], &[0]),
            ("e\u{301}x", &[1], &[2]),
            ("abc", &[], &[]),
            ("abc", &[2, 99], &[2]),
            ("", &[0], &[]),
        ];
        for &(input, positions, want) in cases {
            let f = fold(input);
            assert_eq!(
                original_positions(&f, positions),
                want,
                "original_positions({input:?}, {positions:?})"
            );
        }
    }

    #[test]
    fn round_trip_highlights_original_glyphs() {
        let original = "Марат Фаттахов — Jelínek";
        let f = fold(original);
        let needle = "fattakhov";
        let start = f.text.find(needle).unwrap();
        let positions: Vec<usize> = (start..start + needle.len()).collect();
        let chars: Vec<char> = original.chars().collect();
        let highlighted: String = original_positions(&f, &positions)
            .into_iter()
            .map(|i| chars[i])
            .collect();
        assert_eq!(highlighted, "Фаттахов");

        let start = f.text.find("jelinek").unwrap();
        let positions: Vec<usize> = (start..start + 7).collect();
        let highlighted: String = original_positions(&f, &positions)
            .into_iter()
            .map(|i| chars[i])
            .collect();
        assert_eq!(highlighted, "Jelínek");
    }

    #[test]
    fn every_position_maps_back_in_range() {
        for s in [
            "",
            "x",
            "Ærø 東京 😀 e\u{301}",
            "\u{0}\u{1}",
            "Привет, мир!",
        ] {
            let f = fold(s);
            let all: Vec<usize> = (0..f.text.len()).collect();
            let back = original_positions(&f, &all);
            let n = s.chars().count();
            assert!(back.iter().all(|&i| i < n), "{s:?}");
            assert!(back.windows(2).all(|w| w[0] < w[1]), "{s:?}");
        }
    }

    #[test]
    fn fold_query_table() {
        let cases: &[(&str, &str)] = &[
            ("", ""),
            ("Marat", "marat"),
            ("марат", "marat"),
            ("JELÍNEK", "jelinek"),
            ("東京", "dong jing"),
            ("a\tb", "a b"),
        ];
        for &(input, want) in cases {
            assert_eq!(fold_query(input), want, "fold_query({input:?})");
        }
    }

    #[test]
    fn words_table() {
        let cases: &[(&str, &[(usize, &str)])] = &[
            ("", &[]),
            ("   ", &[]),
            ("logical", &[(0, "logical")]),
            ("logical replication", &[(0, "logical"), (8, "replication")]),
            ("  a--b ", &[(2, "a"), (5, "b")]),
            (
                "mysql 5.7: what's",
                &[(0, "mysql"), (6, "5"), (8, "7"), (11, "what"), (16, "s")],
            ),
            ("dong jing", &[(0, "dong"), (5, "jing")]),
            ("x", &[(0, "x")]),
            ("é b", &[(0, "é"), (3, "b")]),
        ];
        for &(input, want) in cases {
            let got: Vec<(usize, &str)> = words(input).collect();
            assert_eq!(got, want, "words({input:?})");
        }
    }

    #[test]
    fn ascii_fast_path_matches_general_path() {
        for s in ["Hello\tWorld\u{7f}", "abc DEF 123 !@#", "\u{0}x"] {
            let fast = fold(s);
            let mut text = String::new();
            let mut map = Vec::new();
            fold_with(s, |b, at| {
                text.push(char::from(b));
                map.push(at);
            });
            assert_eq!(fast, Folded { text, map }, "{s:?}");
        }
    }
}
