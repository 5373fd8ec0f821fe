//! A bound on Markdown nesting before the parser sees untrusted text: a line that opens more
//! than `MAX_CONTAINERS` blockquotes or list items (`> > > …`, `- - - …`) keeps only the first
//! ones, and indentation (which nests lists too) is cut to four columns a level. Parsing and rendering 100,000 nested blockquotes took minutes (quadratic in depth);
//! no real abstract nests past a few levels. One linear pass; borrowed when nothing is cut.

use std::borrow::Cow;

/// Deeper than any real text, shallow enough that parsing stays linear in practice.
pub const MAX_CONTAINERS: usize = 10;

fn indent(line: &str) -> usize {
    line.bytes()
        .take_while(|b| *b == b' ' || *b == b'\t')
        .count()
}

/// `md` with every line's leading container markers capped at `max` and its indentation at
/// four columns a level.
pub fn cap_nesting(md: &str, max: usize) -> Cow<'_, str> {
    let max_indent = 4 * max;
    let too_deep = |l: &str| indent(l) > max_indent || container_prefix(l, max + 1).1 > max;
    if !md.lines().any(too_deep) {
        return Cow::Borrowed(md);
    }
    let mut out = String::with_capacity(md.len());
    for line in md.split_inclusive('\n') {
        let line = if indent(line) > max_indent {
            out.push_str(&" ".repeat(max_indent));
            &line[indent(line)..]
        } else {
            line
        };
        let (keep, count) = container_prefix(line, usize::MAX);
        if count <= max {
            out.push_str(line);
            continue;
        }
        // Keep the first `max` markers, drop the rest of the prefix, keep the text.
        let (kept, _) = container_prefix(line, max);
        out.push_str(&line[..kept]);
        out.push_str(&line[keep..]);
    }
    Cow::Owned(out)
}

/// How many bytes of `line` the leading container markers take (at most `limit` markers),
/// and how many markers that is.
fn container_prefix(line: &str, limit: usize) -> (usize, usize) {
    let b = line.as_bytes();
    let mut i = 0;
    let mut n = 0;
    while n < limit {
        let mut j = i;
        while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
            j += 1;
        }
        let marker_end = match b.get(j) {
            Some(b'>') => j + 1,
            Some(b'-' | b'*' | b'+') if matches!(b.get(j + 1), Some(b' ' | b'\t')) => j + 2,
            Some(b'0'..=b'9') => {
                let mut k = j;
                while k < b.len() && k - j < 9 && b[k].is_ascii_digit() {
                    k += 1;
                }
                if matches!(b.get(k), Some(b'.' | b')'))
                    && matches!(b.get(k + 1), Some(b' ' | b'\t'))
                {
                    k + 2
                } else {
                    break;
                }
            }
            _ => break,
        };
        i = marker_end;
        n += 1;
    }
    (i, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_text_is_untouched() {
        for md in [
            "> a quote\n> > nested\n- a\n  - b\n1. one\n",
            "not - a list\n",
            "2016 was good\n",
        ] {
            assert!(matches!(cap_nesting(md, 16), Cow::Borrowed(_)), "{md}");
        }
    }

    #[test]
    fn deep_prefixes_keep_their_first_markers_and_the_text() {
        assert_eq!(cap_nesting("> > > > deep\n", 2), "> > deep\n");
        assert_eq!(cap_nesting("- - - - x\nplain\n", 3), "- - - x\nplain\n");
        assert_eq!(cap_nesting("1. 2. 3. x", 1), "1. x");
        assert_eq!(
            cap_nesting(&format!("{}- x\n", " ".repeat(100)), 2),
            "        - x\n"
        );
        let bomb = format!("{}deep\n", "> ".repeat(100_000));
        assert_eq!(
            cap_nesting(&bomb, MAX_CONTAINERS),
            format!("{}deep\n", "> ".repeat(MAX_CONTAINERS))
        );
    }
}
