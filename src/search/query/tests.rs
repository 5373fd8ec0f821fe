//! Table tests of the query language: terms, operators, qualifiers, filters and errors.
use super::*;

fn render_term(t: &Term) -> String {
    let field = match t.field {
        Field::Any => "",
        Field::Speaker => "speaker:",
        Field::Company => "company:",
        Field::Title => "title:",
        Field::Tag => "tag:",
        Field::Conference => "conf:",
        Field::City => "city:",
        Field::Language => "lang:",
    };
    let kind = match t.kind {
        MatchKind::Fuzzy => "~",
        MatchKind::Exact => "=",
        MatchKind::Prefix => "^",
        MatchKind::Suffix => "$",
        MatchKind::ExactWhole => "^$",
    };
    let text = if t.text.contains([' ', '|', '&', '«', '»']) {
        format!("«{}»", t.text)
    } else {
        t.text.clone()
    };
    format!("{}{field}{kind}{text}", if t.negated { "!" } else { "" })
}

fn render_filter(f: &Filter) -> String {
    let opt = |y: Option<i32>| y.map_or(String::new(), |y| y.to_string());
    let (neg, body) = match *f {
        Filter::Year { from, to, negated } => (negated, format!("year:{}..{}", opt(from), opt(to))),
        Filter::Type { talk, negated } => (
            negated,
            format!("type:{}", if talk { "talk" } else { "post" }),
        ),
        Filter::Has { what, negated } => (
            negated,
            format!(
                "has:{}",
                match what {
                    HasWhat::Video => "video",
                    HasWhat::Slides => "slides",
                }
            ),
        ),
    };
    format!("{}{body}", if neg { "!" } else { "" })
}

/// Groups joined by " & ", terms in a group by " | ", then filters, also by " & ".
fn render(q: &Query) -> String {
    let mut parts: Vec<String> = q
        .groups
        .iter()
        .map(|g| g.iter().map(render_term).collect::<Vec<_>>().join(" | "))
        .collect();
    parts.extend(q.filters.iter().map(render_filter));
    parts.join(" & ")
}

fn check(input: &str, want: &str, want_errors: &[(Range<usize>, &str)]) {
    let (q, errors) = parse_query(input);
    assert_eq!(render(&q), want, "query of {input:?}");
    let got: Vec<(Range<usize>, &str)> = errors
        .iter()
        .map(|e| (e.span.clone(), e.message.as_str()))
        .collect();
    assert_eq!(got, want_errors, "errors of {input:?}");
    assert_eq!(q.is_empty(), want.is_empty(), "is_empty of {input:?}");
}

/// Expected errors: (span, message).
type Spans<'a> = &'a [(Range<usize>, &'a str)];

const NONE: Spans<'static> = &[];

#[test]
fn an_unknown_qualifier_is_reported_not_searched_as_text() {
    let known = "(try speaker: company: title: tag: conf: city: lang: year: type: has:)";
    for (input, span, name) in [
        ("foo:bar", 0..7, "foo"),
        ("Foo:Bar", 0..7, "Foo"),
        ("foo:", 0..4, "foo"),
        ("tags:x", 0..6, "tags"),
        ("!foo:bar", 0..8, "foo"),
    ] {
        let (q, errors) = parse_query(input);
        assert!(q.is_empty(), "{input}");
        assert_eq!(errors.len(), 1, "{input}");
        assert_eq!(errors[0].span, span, "{input}");
        assert_eq!(
            errors[0].message,
            format!("unknown qualifier {name}: {known}; to find the text, quote it: '{name}:…"),
        );
    }
    // Quoted, it is text; a URL is text too.
    check("'foo:bar", "=foo:bar", NONE);
}

#[test]
fn plain_terms_and_whitespace() {
    let cases: &[(&str, &str)] = &[
        ("", ""),
        ("   ", ""),
        ("\t\t", ""),
        ("foo", "~foo"),
        ("Foo", "~foo"),
        ("foo bar", "~foo & ~bar"),
        ("foo   bar", "~foo & ~bar"),
        ("foo\tbar", "~foo & ~bar"),
        (" \tfoo \n", "~foo"),
        ("foo\u{3000}bar", "~foo & ~bar"),
        ("Jelínek", "~jelinek"),
        ("Müller", "~muller"),
        ("Марат Фаттахов", "~marat & ~fattakhov"),
        ("東京", "~«dong jing»"),
        ("😀", "~grinning"),
        ("e\u{301}", "~e"),
        ("\u{301}", ""),
        ("o'reilly", "~o'reilly"),
        ("rock'n'roll", "~rock'n'roll"),
        ("foo^bar", "~foo^bar"),
        ("a$b", "~a$b"),
        ("12\"", "~12\""),
        ("c#", "~c#"),
        ("foo@bar.com", "~foo@bar.com"),
        ("-foo", "~-foo"),
        ("-", "~-"),
        ("--", "~--"),
        ("-foo:bar", "~-foo:bar"),
        ("::", "~::"),
        (":", "~:"),
        (":tag", "~:tag"),
        ("9.5:", "~9.5:"),
        ("postgres 9.5: new", "~postgres & ~9.5: & ~new"),
        ("https://example.com/t?a=1", "~https://example.com/t?a=1"),
        ("speaker_x:y", "~speaker_x:y"),
    ];
    for &(input, want) in cases {
        check(input, want, NONE);
    }
}

#[test]
fn fzf_operators() {
    let cases: &[(&str, &str)] = &[
        ("'exact", "=exact"),
        ("^prefix", "^prefix"),
        ("suffix$", "$suffix"),
        ("^whole$", "^$whole"),
        ("'both$", "$both"),
        ("!neg", "!~neg"),
        ("!'x", "!=x"),
        ("!^x", "!^x"),
        ("!x$", "!$x"),
        ("!^x$", "!^$x"),
        ("^'x", "^'x"),
        ("'^x", "=^x"),
        ("!!x", "!~!x"),
        ("!-x", "!~-x"),
        ("''x", "='x"),
        ("x$$", "$x$"),
        ("'Jelínek", "=jelinek"),
        ("!", ""),
        ("'", ""),
        ("^", ""),
        ("!'", ""),
        ("!^", ""),
        ("$", "~$"),
        ("'$", "=$"),
        ("^$", "^$"),
        ("!$", "!~$"),
        ("$$", "$$"),
        ("foo ! bar", "~foo & ~bar"),
    ];
    for &(input, want) in cases {
        check(input, want, NONE);
    }
}

#[test]
fn or_groups() {
    let cases: &[(&str, &str)] = &[
        ("foo | bar", "~foo | ~bar"),
        ("foo | bar baz", "~foo | ~bar & ~baz"),
        ("foo bar | baz", "~foo & ~bar | ~baz"),
        ("a | b | c", "~a | ~b | ~c"),
        ("a | b c | d", "~a | ~b & ~c | ~d"),
        ("a | | b", "~a | ~b"),
        ("!foo | 'bar", "!~foo | =bar"),
        ("@marat | @peter", "speaker:~marat | speaker:~peter"),
        ("foo|bar", "~«foo|bar»"),
        ("foo |bar", "~foo & ~«|bar»"),
        ("|", ""),
        ("| |", ""),
        ("| foo", "~foo"),
        ("foo |", "~foo"),
        ("foo | ! bar", "~foo | ~bar"),
        ("foo\t|\tbar", "~foo | ~bar"),
    ];
    for &(input, want) in cases {
        check(input, want, NONE);
    }
}

#[test]
fn quotes() {
    let cases: &[(&str, &str)] = &[
        ("\"logical replication\"", "=«logical replication»"),
        ("\"Logical  Replication\"", "=«logical  replication»"),
        ("\"a | b\"", "=«a | b»"),
        ("\"\"", ""),
        ("\"a\"b", "=ab"),
        ("\"a b\"c d", "=«a bc» & ~d"),
        ("^\"logical rep\"", "^«logical rep»"),
        ("\"foo bar\"$", "$«foo bar»"),
        ("^\"foo bar\"$", "^$«foo bar»"),
        ("!\"foo bar\"", "!=«foo bar»"),
        ("'\"foo bar\"", "=«foo bar»"),
        ("\"foo\" \"bar\"", "=foo & =bar"),
        ("\"Jelínek\"", "=jelinek"),
        ("\"東京\"", "=«dong jing»"),
        ("\" \"", "=« »"),
        ("\"it's\"", "=it's"),
    ];
    for &(input, want) in cases {
        check(input, want, NONE);
    }
}

#[test]
fn unclosed_quotes() {
    let q = UNCLOSED_QUOTE;
    let cases: &[(&str, &str, Spans<'_>)] = &[
        (
            "\"logical replication",
            "=«logical replication»",
            &[(0..20, q)],
        ),
        ("\"logical ", "=«logical »", &[(0..9, q)]),
        ("\"", "", &[(0..1, q)]),
        ("foo \"bar", "~foo & =bar", &[(4..8, q)]),
        ("\"a\" \"b", "=a & =b", &[(4..6, q)]),
        ("!\"x y", "!=«x y»", &[(1..5, q)]),
        ("speaker:\"marat f", "speaker:=«marat f»", &[(8..16, q)]),
        ("\"Марат", "=marat", &[(0..11, q)]),
    ];
    for &(input, want, errors) in cases {
        check(input, want, errors);
    }
}

#[test]
fn text_qualifiers() {
    let cases: &[(&str, &str)] = &[
        ("speaker:marat", "speaker:~marat"),
        ("Speaker:Marat", "speaker:~marat"),
        ("SPEAKER:x", "speaker:~x"),
        ("@marat", "speaker:~marat"),
        ("@марат", "speaker:~marat"),
        ("@Марат Фаттахов", "speaker:~marat & ~fattakhov"),
        ("speaker:\"marat f\"", "speaker:=«marat f»"),
        ("@\"marat f\"", "speaker:=«marat f»"),
        ("speaker:^mar", "speaker:^mar"),
        ("speaker:'marat", "speaker:=marat"),
        ("speaker:foo:bar", "speaker:~foo:bar"),
        ("company:percona", "company:~percona"),
        ("title:^logical", "title:^logical"),
        ("title:'logical", "title:=logical"),
        ("title:replication$", "title:$replication"),
        (
            "title:^\"logical replication\"$",
            "title:^$«logical replication»",
        ),
        ("tag:mysql", "tag:~mysql"),
        ("#mysql", "tag:~mysql"),
        ("#c#", "tag:~c#"),
        ("conf:highload", "conf:~highload"),
        ("conference:HighLoad++", "conf:~highload++"),
        ("city:moscow", "city:~moscow"),
        ("city:Москва", "city:~moskva"),
        ("lang:ru", "lang:~ru"),
        ("language:en", "lang:~en"),
        ("@", ""),
        ("#", ""),
        ("-@", ""),
        ("!#", ""),
        ("@ marat", "~marat"),
        ("speaker:\"\"", ""),
        ("speaker:^", ""),
        ("@@x", "speaker:~@x"),
        ("#!x", "!tag:~x"),
    ];
    for &(input, want) in cases {
        check(input, want, NONE);
    }
}

#[test]
fn negated_qualifiers() {
    let cases: &[(&str, &str)] = &[
        ("-tag:mysql", "!tag:~mysql"),
        ("!tag:mysql", "!tag:~mysql"),
        ("-#mysql", "!tag:~mysql"),
        ("!#mysql", "!tag:~mysql"),
        ("-@marat", "!speaker:~marat"),
        ("!@marat", "!speaker:~marat"),
        ("tag:!mysql", "!tag:~mysql"),
        ("-tag:!mysql", "tag:~mysql"),
        ("-title:^logical", "!title:^logical"),
        ("!speaker:\"marat f\"", "!speaker:=«marat f»"),
        ("-year:2016", "!year:2016..2016"),
        ("!year:2013..2016", "!year:2013..2016"),
        ("-type:post", "!type:post"),
        ("!has:video", "!has:video"),
        ("-has:slides", "!has:slides"),
        ("--tag:x", "~--tag:x"),
        ("!-tag:x", "!~-tag:x"),
    ];
    for &(input, want) in cases {
        check(input, want, NONE);
    }
}

#[test]
fn filters() {
    let cases: &[(&str, &str)] = &[
        ("year:2016", "year:2016..2016"),
        ("Year:2016", "year:2016..2016"),
        ("year:2013..2016", "year:2013..2016"),
        ("year:2016..2016", "year:2016..2016"),
        ("year:..2016", "year:..2016"),
        ("year:2013..", "year:2013.."),
        ("year:\"2016\"", "year:2016..2016"),
        ("year:２０１６", "year:2016..2016"),
        ("year:\"2013..2016\"", "year:2013..2016"),
        ("type:talk", "type:talk"),
        ("type:Talks", "type:talk"),
        ("type:post", "type:post"),
        ("type:posts", "type:post"),
        ("has:video", "has:video"),
        ("has:videos", "has:video"),
        ("has:slides", "has:slides"),
        ("has:slide", "has:slides"),
        ("has:Video", "has:video"),
        (
            "@marat tag:mysql year:2016 logical",
            "speaker:~marat & tag:~mysql & ~logical & year:2016..2016",
        ),
        ("year:2016 year:2017", "year:2016..2016 & year:2017..2017"),
        (
            "has:video has:slides -type:post",
            "has:video & has:slides & !type:post",
        ),
    ];
    for &(input, want) in cases {
        check(input, want, NONE);
    }
}

#[test]
fn errors_with_spans() {
    let y = YEAR_HELP;
    let cases: &[(&str, &str, Spans<'_>)] = &[
        ("year:", "", &[(0..5, y)]),
        ("year: 2016", "~2016", &[(0..5, y)]),
        ("year:abc", "", &[(0..8, y)]),
        ("year:16", "", &[(0..7, y)]),
        ("year:20161", "", &[(0..10, y)]),
        ("year:..", "", &[(0..7, y)]),
        ("year:2013...2016", "", &[(0..16, y)]),
        ("year:^2016", "", &[(0..10, y)]),
        ("year:2016$", "", &[(0..10, y)]),
        ("year:'2016", "", &[(0..10, y)]),
        ("-year:x", "", &[(0..7, y)]),
        (
            "year:2016..2013",
            "",
            &[(0..15, "year: 2016..2013 runs backwards — try 2013..2016")],
        ),
        ("type:video", "", &[(0..10, TYPE_HELP)]),
        ("type:", "", &[(0..5, TYPE_HELP)]),
        ("has:cats", "", &[(0..8, HAS_HELP)]),
        ("!has:", "", &[(0..5, HAS_HELP)]),
        ("speaker:", "", &[(0..8, "speaker: needs a value")]),
        ("Tag:", "", &[(0..4, "tag: needs a value")]),
        ("conference:", "", &[(0..11, "conference: needs a value")]),
        ("-city: x", "~x", &[(0..6, "city: needs a value")]),
        ("abc year:abc def", "~abc & ~def", &[(4..12, y)]),
        (
            "\"logical replication\" year:abc",
            "=«logical replication»",
            &[(22..30, y)],
        ),
        (
            "type:x \"open",
            "=open",
            &[(0..6, TYPE_HELP), (7..12, UNCLOSED_QUOTE)],
        ),
        (
            "foo | year:2016",
            "~foo & year:2016..2016",
            &[(4..5, OR_FILTER)],
        ),
        (
            "year:2016 | foo",
            "~foo & year:2016..2016",
            &[(10..11, OR_FILTER)],
        ),
        ("Марат year:x", "~marat", &[(11..17, y)]),
    ];
    for &(input, want, errors) in cases {
        check(input, want, errors);
    }
}

#[test]
fn narrows_table() {
    let cases: &[(&str, &str, bool)] = &[
        ("", "", true),
        ("", "foo", true),
        ("", "year:2016", true),
        ("foo", "", false),
        ("logical", "logical r", true),
        ("logical re", "logical r", false),
        ("logical r", "logical re", true),
        ("logic", "logical", true),
        ("logical", "logic", false),
        ("foo", "fo", false),
        ("foo", "foo", true),
        ("foo", "Foo", true),
        ("foo", "foo foo", true),
        ("foo bar", "bar foo", true),
        ("foo bar", "foo", false),
        ("foo", "!foo", false),
        ("!foo", "foo", false),
        ("foo", "foo !bar", true),
        ("foo", "foo !bar !baz", true),
        ("foo", "foo | bar", false),
        ("foo | bar", "foo", true),
        ("foo | bar", "foo | barn", true),
        ("foo | bar", "bar | foo", true),
        ("foo | bar", "foo | bar | baz", false),
        ("!foo", "!foob", false),
        ("!foob", "!foo", true),
        ("'foo", "'foob", true),
        ("'oob", "'foob", true),
        ("'foob", "'oob", false),
        ("^foo", "^foob", true),
        ("^oob", "^foob", false),
        ("foo$", "foo$", true),
        ("oo$", "foo$", true),
        ("foo$", "foob$", false),
        ("^foo", "^foo$", true),
        ("foo$", "^foo$", true),
        ("'oo", "^foo", true),
        ("'oo", "foo$", true),
        ("^foo$", "^foo", false),
        ("foo", "'foo", false),
        ("'foo", "foo", false),
        ("foo", "speaker:foo", false),
        ("speaker:foo", "foo", false),
        ("speaker:mar", "speaker:marat", true),
        ("@mar", "@marat", true),
        ("-@marat", "-@mar", true),
        ("\"logical r\"", "\"logical re\"", true),
        ("\"logical r", "\"logical re", true),
        ("\"logical re", "\"logical r", false),
        ("foo", "foo year:2016", true),
        ("foo year:2016", "foo", false),
        ("year:2013..2016", "year:2014..2015", true),
        ("year:2014..2015", "year:2013..2016", false),
        ("year:2013..", "year:2016", true),
        ("year:..2016", "year:2013..2016", true),
        ("year:2016", "year:2016..", false),
        ("year:2016", "year:201", false),
        ("!year:2016", "!year:2015..2016", true),
        ("!year:2015..2016", "!year:2016", false),
        ("year:2016", "!year:2016", false),
        ("type:talk", "type:talk has:video", true),
        ("type:talk", "type:post", false),
        ("type:talk", "-type:post", false),
        ("has:video", "", false),
        ("has:video", "has:video !has:slides", true),
    ];
    for &(prev, next, want) in cases {
        let (p, _) = parse_query(prev);
        let (n, _) = parse_query(next);
        assert_eq!(n.narrows(&p), want, "{prev:?} -> {next:?}");
    }
}

#[test]
fn typing_a_query_keystroke_by_keystroke() {
    // Each prefix of a query typed left to right: narrowing must never be claimed
    // when the new result set could be larger.
    let typed = "@marat logical replication year:2016";
    let mut prev = Query::default();
    let mut claimed = Vec::new();
    for (i, _) in typed.char_indices().skip(1) {
        let (q, _) = parse_query(&typed[..i]);
        claimed.push((typed[..i].to_owned(), q.narrows(&prev)));
        prev = q;
    }
    let not_narrowing: Vec<&str> = claimed
        .iter()
        .filter(|(_, n)| !n)
        .map(|(s, _)| s.as_str())
        .collect();
    // Only where the plain term `year` turns into the (not yet valid) `year:` filter;
    // `year:2`, `year:20`, ... are errors that add nothing, so they narrow trivially.
    assert_eq!(not_narrowing, ["@marat logical replication year:"]);
}

/// xorshift64*; no crates.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn never_panics_and_keeps_invariants() {
    const ALPHABET: &[&str] = &[
        " ", " ", "\t", "\"", "'", "^", "$", "!", "-", "|", "@", "#", ":", ".", "..", "a", "b",
        "y", "1", "2016", "2013", "year:", "type:", "has:", "tag:", "speaker:", "title:", "foo:",
        "talk", "video", "é", "м", "東", "😀", "\u{301}", "\u{0}", "\n",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut prev = Query::default();
    for _ in 0..20_000 {
        let len = rng.below(12);
        let input: String = (0..len)
            .map(|_| ALPHABET[rng.below(ALPHABET.len())])
            .collect();
        let (q, errors) = parse_query(&input);
        assert_eq!(
            parse_query(&input),
            (q.clone(), errors.clone()),
            "{input:?}"
        );
        for e in &errors {
            assert!(
                e.span.start <= e.span.end && e.span.end <= input.len(),
                "{input:?}"
            );
            assert!(input.is_char_boundary(e.span.start), "{input:?}");
            assert!(input.is_char_boundary(e.span.end), "{input:?}");
            assert!(
                !e.message.is_empty() && !e.message.contains('\n'),
                "{input:?}"
            );
        }
        for group in &q.groups {
            assert!(!group.is_empty(), "{input:?}");
            for t in group {
                assert!(!t.text.is_empty(), "{input:?}");
                assert!(t.text.is_ascii(), "{input:?}");
                assert!(!t.text.bytes().any(|b| b.is_ascii_uppercase()), "{input:?}");
            }
        }
        if let Filter::Year {
            from: Some(f),
            to: Some(t),
            ..
        } = q.filters.first().copied().unwrap_or(Filter::Type {
            talk: true,
            negated: false,
        }) {
            assert!(f <= t, "{input:?}");
        }
        assert!(q.narrows(&q), "reflexive: {input:?}");
        assert!(q.narrows(&Query::default()), "{input:?}");
        let _ = q.narrows(&prev);
        let _ = prev.narrows(&q);
        prev = q;
    }
}
