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
    /// For each byte of `text`, the index of the char of the original string it came from;
    /// empty when the original was ASCII (byte `i` then came from char `i`), which most
    /// fields are: no map is stored for them at all.
    map: Vec<u32>,
}

impl Folded {
    /// True when nothing searchable came out of the original.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The index of the original char that byte `at` of `text` came from.
    pub fn char_of(&self, at: usize) -> Option<u32> {
        if at >= self.text.len() {
            return None;
        }
        if self.map.is_empty() {
            return u32::try_from(at).ok();
        }
        self.map.get(at).copied()
    }
}

#[inline]
fn fold_ascii(b: u8) -> u8 {
    // A table: this runs over every byte of every abstract on a first load.
    const FOLD: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            t[b] = if c.is_ascii_control() {
                b' '
            } else {
                c.to_ascii_lowercase()
            };
            b += 1;
        }
        t
    };
    FOLD[b as usize]
}

/// Where folded bytes go: the text alone, or the text with its map.
trait Sink {
    /// A run of ASCII bytes of the original, the first of them char `first` of it.
    fn ascii_run(&mut self, run: &[u8], first: u32);
    /// One folded byte that came from char `at`.
    fn byte(&mut self, b: u8, at: u32);
}

impl Sink for Vec<u8> {
    #[inline]
    fn ascii_run(&mut self, run: &[u8], _first: u32) {
        self.extend(run.iter().map(|&b| fold_ascii(b)));
    }
    #[inline]
    fn byte(&mut self, b: u8, _at: u32) {
        self.push(b);
    }
}

struct WithMap {
    text: Vec<u8>,
    map: Vec<u32>,
}

impl Sink for WithMap {
    #[inline]
    fn ascii_run(&mut self, run: &[u8], first: u32) {
        self.text.extend(run.iter().map(|&b| fold_ascii(b)));
        let len = u32::try_from(run.len()).unwrap_or(u32::MAX);
        self.map.extend((0..len).map(|k| first.saturating_add(k)));
    }
    #[inline]
    fn byte(&mut self, b: u8, at: u32) {
        self.text.push(b);
        self.map.push(at);
    }
}

/// The one folding routine. Runs of ASCII (most of any text, all of most) are folded a run
/// at a time; only other characters are decoded and looked up one by one.
fn fold_into(original: &str, sink: &mut impl Sink) {
    let bytes = original.as_bytes();
    // Most text is ASCII: one run, found a word at a time.
    if bytes.is_ascii() {
        sink.ascii_run(bytes, 0);
        return;
    }
    // A transliteration's trailing space, held back until we know what follows it.
    let mut pending_space: Option<u32> = None;
    let mut pos = 0;
    let mut index: u32 = 0;
    while pos < bytes.len() {
        let rest = &bytes[pos..];
        let run = rest
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        if run > 0 {
            if let Some(at) = pending_space.take()
                && rest[0].is_ascii_alphanumeric()
            {
                sink.byte(b' ', at);
            }
            sink.ascii_run(&rest[..run], index);
            pos += run;
            index = index.saturating_add(u32::try_from(run).unwrap_or(u32::MAX));
            continue;
        }
        // `pos` is on a char boundary: runs end before a non-ASCII byte, chars end after one.
        let Some(ch) = original.get(pos..).and_then(|r| r.chars().next()) else {
            break;
        };
        pos += ch.len_utf8();
        let at = index;
        index = index.saturating_add(1);
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
        if let Some(space_at) = pending_space.take()
            && first.is_ascii_alphanumeric()
        {
            sink.byte(b' ', space_at);
        }
        for &b in body {
            sink.byte(fold_ascii(b), at);
        }
        if trailing_space {
            pending_space = Some(at);
        }
    }
}

/// Folded bytes are ASCII, hence UTF-8; the fallback is never taken.
fn ascii_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Folds `original` into its search key, remembering where each byte came from.
pub fn fold(original: &str) -> Folded {
    if original.is_ascii() {
        let mut text = Vec::with_capacity(original.len());
        text.ascii_run(original.as_bytes(), 0);
        return Folded {
            text: ascii_string(text),
            map: Vec::new(),
        };
    }
    let mut sink = WithMap {
        text: Vec::with_capacity(original.len()),
        map: Vec::with_capacity(original.len()),
    };
    fold_into(original, &mut sink);
    Folded {
        text: ascii_string(sink.text),
        map: sink.map,
    }
}

/// Folds `original` exactly as [`fold`] does, without the map back: for fields that are
/// searched but never highlighted (abstracts, companies, cities).
pub fn fold_text(original: &str) -> String {
    let mut out = Vec::with_capacity(original.len());
    fold_into(original, &mut out);
    ascii_string(out)
}

/// Appends the folded form of `original` to `out` as bytes (what [`fold_text`] gives, for a
/// buffer that holds many fields: folded text is ASCII).
pub fn fold_bytes_into(out: &mut Vec<u8>, original: &str) {
    fold_into(original, out);
}

/// Appends the folded form of `original` to `out` (as [`fold_text`] would give it).
pub fn fold_text_into(out: &mut String, original: &str) {
    let mut bytes = std::mem::take(out).into_bytes();
    fold_into(original, &mut bytes);
    *out = ascii_string(bytes);
}

/// Folds a query string exactly the way [`fold`] folds the searched text, without the map.
pub fn fold_query(q: &str) -> String {
    fold_text(q)
}

/// Maps byte positions in `folded.text` (as fuzzy-matcher reports them for ASCII text)
/// back to sorted, deduplicated char indices of the original. Out-of-range positions are ignored.
pub fn original_positions(folded: &Folded, folded_positions: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = folded_positions
        .iter()
        .filter_map(|&p| folded.char_of(p))
        .map(|c| c as usize)
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

    /// The whole byte -> char map, however it is stored.
    fn full_map(f: &Folded) -> Vec<u32> {
        (0..f.text.len()).map(|i| f.char_of(i).unwrap()).collect()
    }

    fn check_invariants(original: &str, f: &Folded) {
        let map = full_map(f);
        assert_eq!(
            f.char_of(f.text.len()),
            None,
            "past the end for {original:?}"
        );
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
            map.iter().all(|&c| (c as usize) < chars),
            "map in range for {original:?}"
        );
        assert!(
            map.windows(2).all(|w| w[0] <= w[1]),
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
            assert_eq!(full_map(&f), map, "map of {input:?}");
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
    fn text_only_folding_agrees_with_fold() {
        // Long ASCII runs between other scripts, controls at run edges, held-back spaces.
        let cases = [
            "Hello\tWorld\u{7f}",
            "abc DEF 123 !@#",
            "\u{0}x",
            "Logical replication at Zalando, by Валентин Гогичашвили (東京) — 2016!",
            "東京x東京 y",
            "ÀÉÎõü\u{85}Ωmega",
        ];
        for s in cases {
            let f = fold(s);
            assert_eq!(fold_text(s), f.text, "fold_text({s:?})");
            let mut out = String::from("abc\n");
            fold_text_into(&mut out, s);
            assert_eq!(out, format!("abc\n{}", f.text), "fold_text_into({s:?})");
            check_invariants(s, &f);
        }
        // The map of a mixed string: ASCII runs count chars, not bytes.
        let f = fold("Jelínek and Фаттахов");
        let at = f.text.find("fattakhov").unwrap();
        assert_eq!(f.char_of(at), Some(12));
        assert_eq!(f.char_of(at - 2), Some(10), "the 'd' of 'and'");
    }
}
