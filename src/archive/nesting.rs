//! A bound on nesting, checked before a parser sees untrusted text. YAML parsers take time
//! quadratic in the depth of `[[[[…` (a 200 KB front matter took 12–56 s) and recursive ones
//! can run out of stack, while no real front matter nests deeper than a handful of levels. One
//! linear scan over TOML, YAML or JSON text estimates the depth from open brackets, leading
//! YAML block indicators (`- - -`) and indentation; past the limit the file gets a diagnostic
//! instead of a parse. Pure; no I/O.

/// Far deeper than any real front matter or archive, far shallower than what hurts a parser.
pub const MAX_DEPTH: usize = 64;

/// Where the text first nests deeper than allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooDeep {
    /// 1-based line and column of the character that went past the limit.
    pub line: usize,
    pub column: usize,
}

/// Check that `text` nests at most `max` levels deep. Strings (quoted where a value starts)
/// are skipped, so a bracket inside a title does not count.
pub fn check_nesting(text: &str, max: usize) -> Result<(), TooDeep> {
    let mut brackets = 0usize;
    // The quote that opened the string we are in, if any (strings may span lines).
    let mut quote: Option<char> = None;
    for (n, line) in text.lines().enumerate() {
        let too_deep = |col: usize| TooDeep {
            line: n + 1,
            column: col + 1,
        };
        let mut rest = line;
        let mut levels = 0;
        if quote.is_none() {
            // Indentation, then YAML's block indicators ("- - ? x"): each is a level.
            let trimmed = rest.trim_start_matches([' ', '\t']);
            levels = (rest.len() - trimmed.len()) / 2;
            rest = trimmed;
            while let Some(r) = ["- ", "? ", ": "].iter().find_map(|p| rest.strip_prefix(p)) {
                levels += 1;
                if levels + brackets > max {
                    return Err(too_deep(line.len() - rest.len()));
                }
                rest = r.trim_start_matches(' ');
            }
            if levels + brackets > max {
                return Err(too_deep(0));
            }
        }
        let offset = line.chars().count() - rest.chars().count();
        let mut prev = ' ';
        let mut escaped = false;
        for (k, c) in rest.chars().enumerate() {
            match quote {
                Some(q) => {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' && q == '"' {
                        escaped = true;
                    } else if c == q {
                        quote = None;
                    }
                }
                None => match c {
                    '"' | '\'' if matches!(prev, ' ' | '\t' | '[' | '{' | ',' | ':' | '=') => {
                        quote = Some(c)
                    }
                    '[' | '{' => {
                        brackets += 1;
                        if levels + brackets > max {
                            return Err(too_deep(offset + k));
                        }
                    }
                    ']' | '}' => brackets = brackets.saturating_sub(1),
                    _ => {}
                },
            }
            prev = c;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_front_matter_passes() {
        for text in [
            "title: A talk\ntags: [a, b]\nspeakers:\n  - name: Ada\n    company: X\nlinks:\n  - {url: \"https://x/[1]\"}\n",
            "title = \"x\"\n[[talk]]\nslides = [\"a;b\", \"c\"]\n[conference]\nname = \"[[[[[[[[[[\"\n",
            "{\"a\": [[1, 2], [3]], \"b\": {\"c\": {\"d\": \"]]]]\"}}}",
            "title: it's [x] and \"quotes\"\n",
        ] {
            assert_eq!(check_nesting(text, MAX_DEPTH), Ok(()), "{text}");
        }
    }

    #[test]
    fn bombs_are_stopped_where_they_pass_the_limit() {
        let flow = format!("title: x\ntags: {}\n", "[".repeat(100_000));
        assert_eq!(
            check_nesting(&flow, 64),
            Err(TooDeep {
                line: 2,
                column: 71
            })
        );
        let json = format!("{{\"a\": {}1", "{\"b\": ".repeat(1000));
        assert!(check_nesting(&json, 64).is_err());
        let blocks = format!("a:\n{}x\n", "- ".repeat(1000));
        assert_eq!(
            check_nesting(&blocks, 64),
            Err(TooDeep {
                line: 2,
                column: 129
            })
        );
        let indent: String = (0..500)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        assert!(check_nesting(&indent, 64).is_err());
    }

    #[test]
    fn brackets_inside_strings_do_not_count() {
        let s = format!("title: \"{}\"\nnext: [a]\n", "[".repeat(10_000));
        assert_eq!(check_nesting(&s, MAX_DEPTH), Ok(()));
        let s = format!("name = '{}'\n", "{".repeat(10_000));
        assert_eq!(check_nesting(&s, MAX_DEPTH), Ok(()));
    }
}
