use super::*;

const POST: &str = include_str!("../../../tests/fixtures/seeds/000_35b412304823bfa4.txt");

fn plain(lines: &[Line<'_>]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

fn render(md: &str, width: u16) -> Vec<String> {
    plain(&render_markdown(md, width, &MdStyles::default()))
}

#[test]
fn plain_text_table() {
    let cases: &[(&str, u16, &[&str])] = &[
        (
            "<div class=\"figure center dim-margin\">\n  <a href=\"/images/confs/fotolog.pdf\">\n    <img src=\"/img/old/archi_v7.png\">\n  </a>\n</div>\n",
            80,
            &["[image: /img/old/archi_v7.png → /images/confs/fotolog.pdf]"],
        ),
        (
            "<div><img src=\"/a.png\" alt=\"The stage\"></div>",
            80,
            &["[image: The stage]"],
        ),
        (
            "<div><a href=\"/big.png\"><img src=\"/a.png\" alt=\"The stage\"></a></div>",
            80,
            &["[image: The stage → /big.png]"],
        ),
        ("![A crowd](/img/crowd.jpg)", 80, &["[image: A crowd]"]),
        ("![](/img/crowd.jpg)", 80, &["[image: /img/crowd.jpg]"]),
        ("<center>*The venue*</center>", 80, &["The venue"]),
        ("A\n\n<!--more-->\n\nB", 80, &["A", "", "B"]),
        ("A <!--more--> B\n\n<!--toc-->", 80, &["A B"]),
        ("<!-- unterminated comment\n\nstill comment", 80, &[]),
        (
            "Some <span class=\"x\">inner</span> text",
            80,
            &["Some inner text"],
        ),
        (
            "[OSCON](http://www.oscon.com/oscon2013) talk",
            80,
            &["OSCON (http://www.oscon.com/oscon2013) talk"],
        ),
        ("<http://example.com>", 80, &["http://example.com"]),
        ("[http://x.org](http://x.org)", 80, &["http://x.org"]),
        ("<a href=\"/t\">here</a>", 80, &["here (/t)"]),
        (
            "# Title\nText\n## Sub\nMore",
            80,
            &["Title", "", "Text", "", "Sub", "", "More"],
        ),
        (
            "para one\nsoft\n\npara two",
            80,
            &["para one soft", "", "para two"],
        ),
        ("hard  \nbreak", 80, &["hard", "break"]),
        ("a\n\n---\n\nb", 5, &["a", "", "─────", "", "b"]),
        (
            "> quoted text\n>\n> again",
            80,
            &["│ quoted text", "│", "│ again"],
        ),
        (
            "before\n\n> q\n\nafter",
            80,
            &["before", "", "│ q", "", "after"],
        ),
        (
            "```\nlet x = 1234567890;\n\nfoo\n```",
            10,
            &["  let x =→", "", "  foo"],
        ),
        ("    indented code\n", 80, &["  indented code"]),
        ("Use `cargo test` now", 80, &["Use cargo test now"]),
        ("1. one\n2. two\n", 80, &["1. one", "2. two"]),
        ("3. three\n4. four\n", 80, &["3. three", "4. four"]),
        ("- a\n\n- b\n", 80, &["• a", "", "• b"]),
        ("+++\ntitle = \"x\"\n+++\n\nBody", 80, &["Body"]),
        (
            "<pre>\nfn main() {\n    x &lt; y\n}\n</pre>",
            80,
            &["  fn main() {", "      x < y", "  }"],
        ),
        ("<script>alert(1)</script>\n\nok", 80, &["ok"]),
        (
            "<ul>\n<li>one</li>\n<li><p>two</p><ol><li>in</li></ol></li>\n</ul>",
            80,
            &["• one", "• two", "  1. in"],
        ),
        ("<p>line<br>next<br></p>", 80, &["line", "next"]),
        ("<table><tr><td>a</td><td>b</td></tr></table>", 80, &["a b"]),
        ("", 80, &[]),
        ("\n\n\n", 80, &[]),
    ];
    for (md, width, expected) in cases {
        assert_eq!(
            render(md, *width),
            *expected,
            "markdown: {md:?} width {width}"
        );
    }
}

#[test]
fn nested_list_wraps_with_hanging_indent() {
    let md =
        "- first item that is long enough to wrap\n  - nested item also wrapping here\n- second\n";
    assert_eq!(
        render(md, 20),
        vec![
            "• first item that is",
            "  long enough to",
            "  wrap",
            "  • nested item also",
            "    wrapping here",
            "• second",
        ]
    );
    let ordered = "1. alpha beta gamma delta\n   1. inner words wrap too\n";
    assert_eq!(
        render(ordered, 20),
        vec![
            "1. alpha beta gamma",
            "   delta",
            "   1. inner words",
            "      wrap too",
        ]
    );
}

#[test]
fn code_block_is_cut_not_wrapped() {
    let md = "```rust\nfn a_very_long_function_name() {}\nshort\n```";
    let out = render(md, 10);
    assert_eq!(out, vec!["  fn a_ve→", "  short"], "a cut line says so");
    let lines = render_markdown(md, 10, &MdStyles::default());
    assert_eq!(
        lines[1].spans.last().map(|s| s.style),
        Some(MdStyles::default().code)
    );
}

#[test]
fn long_words_are_broken() {
    assert_eq!(render("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
    assert_eq!(render("ab abcdefghij", 4), vec!["ab", "abcd", "efgh", "ij"]);
}

#[test]
fn cjk_breaks_between_characters() {
    assert_eq!(
        render("日本語のテキスト", 6),
        vec!["日本語", "のテキ", "スト"]
    );
    assert_eq!(render("日本語", 5), vec!["日本", "語"]);
    assert_eq!(render("日本", 1), vec!["?", "?"]);
    // Combining marks take no column and stay with their base letter.
    assert_eq!(
        render("e\u{301}e\u{301}e\u{301}e\u{301}", 3),
        vec!["e\u{301}e\u{301}e\u{301}", "e\u{301}"]
    );
    assert_eq!(render("😀😀 ab", 4), vec!["😀😀", "ab"]);
}

#[test]
fn real_post_renders() {
    let out = render(POST, 80);
    assert!(
        !out.iter()
            .any(|l| l.contains("+++") || l.contains("thumbnailImage"))
    );
    assert!(
        out.contains(&"[image: /img/old/archi_v7.png → /images/confs/fotolog.pdf]".to_string())
    );
    assert!(
        out.iter()
            .any(|l| l.contains("OSCON (http://www.oscon.com/oscon2013)"))
    );
    assert!(!out.iter().any(|l| l.contains('<') || l.contains('*')));
    assert!(!out.first().is_some_and(|l| l.is_empty()));
    assert!(!out.last().is_some_and(|l| l.is_empty()));
    assert!(!out.windows(2).any(|w| w[0].is_empty() && w[1].is_empty()));
}

#[test]
fn never_wider_than_width() {
    let samples = [
        POST,
        "日本語のテキストと English words mixed together 😀👍🏽 and café́ combining",
        "# 見出し heading\n\n> 引用 quote with **bold 太字** text\n\n- 項目 one\n  - 入れ子 nested ✈\u{fe0f} plane\n\n```\n日本語のコード code line\n```",
        "a\u{fe0f}b ☺\u{fe0f}☺\u{fe0f} 🇫🇷🇯🇵 👨\u{200d}👩\u{200d}👧 e\u{301}e\u{301}",
        "- - - - - - - - - - - - deep nesting item text",
        "> > > > > > > > > deep quote text here",
    ];
    for md in samples {
        for width in 1..=40u16 {
            for line in render_markdown(md, width, &MdStyles::default()) {
                assert!(
                    line.width() <= usize::from(width),
                    "width {width}: {line:?} from {md:?}"
                );
            }
        }
    }
}

#[test]
fn styles_are_applied() {
    let styles = MdStyles::default();
    let lines = render_markdown("plain **bold** *it* `code` [link](http://u)", 80, &styles);
    let spans = &lines[0].spans;
    let find = |text: &str| {
        spans
            .iter()
            .find(|s| s.content.contains(text))
            .map(|s| s.style)
            .unwrap_or_default()
    };
    assert!(find("bold").add_modifier.contains(Modifier::BOLD));
    assert!(find("it").add_modifier.contains(Modifier::ITALIC));
    assert_eq!(find("code"), styles.code);
    assert!(find("link").add_modifier.contains(Modifier::UNDERLINED));
    assert_eq!(find("(http://u)"), styles.url);
    assert!(!find("plain").add_modifier.contains(Modifier::BOLD));
    let heading = render_markdown("# Head", 80, &styles);
    assert_eq!(heading[0].spans[0].style, styles.heading);
    let html = render_markdown("x <b>hb</b> <em>he</em>", 80, &styles);
    let hb = html[0].spans.iter().find(|s| s.content.contains("hb"));
    assert!(hb.is_some_and(|s| s.style.add_modifier.contains(Modifier::BOLD)));
}

fn has_control(lines: &[Line<'_>]) -> bool {
    lines.iter().flat_map(|l| l.spans.iter()).any(|s| {
        s.content.chars().any(|c| {
            c.is_control()
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
    })
}

#[test]
fn escape_sequences_never_reach_output() {
    let styles = MdStyles::default();
    let cases = [
        "Hello\x1b]0;pwned\x07World\x1b[2J",
        "**bold\x1b[31m** `co\x1bde` [li\x1b]8;;x\x07nk](http://x\x1b[2J)",
        "entity &#27;[2J and &#x9b;31m and &#x202e;rev",
        "<div><img alt=\"a&#27;[2Jb\" src=\"x\"></div>",
        "<div>&#27;]0;t&#7; in block</div>",
        "```\ncode \x1b[2J\ttab\n```",
        "tab\there\u{202e}evil",
    ];
    for md in cases {
        let lines = render_markdown(md, 40, &styles);
        assert!(!has_control(&lines), "{md:?} -> {lines:?}");
    }
    assert_eq!(
        render("Hello\x1b]0;pwned\x07World\x1b[2J", 40),
        vec!["HelloWorld"]
    );
}

#[test]
fn random_input_never_panics() {
    let alphabet = [
        '*', '_', '`', '<', '>', '[', ']', '(', ')', '#', '-', '\n', ' ', 'é', '日', '\u{1b}', 'a',
        'b', '!', '&', ';', '/', '"', '=', '1', '.', '~', '|', '\\', '+', '\t',
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let styles = MdStyles::default();
    for _ in 0..600 {
        let len = (next() % 80) as usize;
        let s: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        for width in 0..=30u16 {
            let lines = render_markdown(&s, width, &styles);
            assert!(!has_control(&lines), "{s:?}");
            for l in &lines {
                assert!(l.width() <= usize::from(width), "{s:?} at {width}: {l:?}");
            }
        }
    }
}
