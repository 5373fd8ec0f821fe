//! Untrusted archives cost bounded time: the front-matter parsers and the Markdown renderer
//! are fed nesting bombs and random mixes of the characters that nest, and each input must be
//! handled within a bound far above what a real file takes (microseconds), far below a freeze.
//! The bound is generous on purpose (a debug build on a shared, loaded 2-core machine; the real
//! cost is milliseconds): this guards against quadratic blow-ups, which took minutes, and is
//! not a benchmark.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use talks::archive::front_matter::{Format, parse_front_matter};
use talks::ui::markdown::{MdStyles, render_markdown};

const BOUND: Duration = Duration::from_secs(10);

#[track_caller]
fn within_bound<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    let took = t.elapsed();
    assert!(took < BOUND, "{what} took {took:?}");
    out
}

fn bombs(n: usize) -> Vec<(&'static str, String)> {
    vec![
        ("flow brackets", format!("tags: {}", "[".repeat(n))),
        ("flow braces", format!("a: {}", "{b: ".repeat(n / 4))),
        ("block sequences", format!("a:\n{}x\n", "- ".repeat(n / 2))),
        (
            "indentation",
            (0..400)
                .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                .collect(),
        ),
        ("toml arrays", format!("tags = {}", "[".repeat(n))),
        ("toml tables", format!("a = {}", "{b = ".repeat(n / 5))),
        ("json", format!("{{\"a\": {}", "[".repeat(n))),
        ("quotes", format!("> {}", "\"'".repeat(n / 2))),
    ]
}

#[test]
fn nesting_bombs_in_front_matter_are_refused_fast_with_their_line() {
    for (name, text) in bombs(200_000) {
        for format in [Format::Yaml, Format::Toml, Format::Json] {
            let r = within_bound(&format!("{name} as {format:?}"), || {
                parse_front_matter(format, &text, 10)
            });
            if let Err(e) = r {
                assert!(e.line >= 10, "{name} as {format:?}: line {}", e.line);
            }
        }
    }
}

#[test]
fn nesting_bombs_in_markdown_render_fast() {
    let n = 200_000;
    for (name, md) in [
        (
            "blockquotes on one line",
            format!("{}deep\n", "> ".repeat(n / 2)),
        ),
        (
            "blockquotes line by line",
            (1..2000)
                .map(|i| format!("{}x\n", "> ".repeat(i)))
                .collect(),
        ),
        (
            "list items on one line",
            format!("{}x\n", "- ".repeat(n / 2)),
        ),
        (
            "lists by indentation",
            (1..4000)
                .map(|i| format!("{}- x\n", "  ".repeat(i)))
                .collect(),
        ),
        ("brackets", "[".repeat(n)),
        ("emphasis", "*a _b ".repeat(n / 6)),
        ("html", "<div><b>".repeat(n / 8)),
        ("links", "[a](".repeat(n / 4)),
    ] {
        let lines = within_bound(name, || render_markdown(&md, 80, &MdStyles::default()));
        assert!(lines.iter().all(|l| l.width() <= 80), "{name}");
    }
}

fn nesting_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("["),
        Just("]"),
        Just("{"),
        Just("}"),
        Just("- "),
        Just("> "),
        Just("  "),
        Just("\n"),
        Just("\""),
        Just("'"),
        Just(":"),
        Just(","),
        Just("a"),
        Just("*"),
        Just("<div>"),
        Just("`"),
        Just("1. "),
        Just("#"),
        Just("="),
        Just("\\"),
    ];
    (proptest::collection::vec(piece, 0..64), 1usize..2000).prop_map(|(v, times)| {
        let unit = v.concat();
        unit.repeat(times.min(40_000 / unit.len().max(1)))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_mix_of_nesting_characters_is_handled_within_the_bound(text in nesting_soup()) {
        for format in [Format::Yaml, Format::Toml, Format::Json] {
            let _ = within_bound("front matter", || parse_front_matter(format, &text, 1));
        }
        let _ = within_bound("markdown", || render_markdown(&text, 60, &MdStyles::default()));
    }
}
