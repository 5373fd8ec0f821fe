//! The command line, run as a user runs it: the built binary, its output and its exit codes.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The binary with its config, data and cache directories in a temp dir and no TALKS_DATA.
struct Talks {
    home: tempfile::TempDir,
}

impl Talks {
    fn new() -> Talks {
        Talks {
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_talks"));
        let h = self.home.path();
        c.args(args)
            .env("TALKS_CONFIG_DIR", h.join("config"))
            .env("TALKS_DATA_DIR", h.join("data"))
            .env("TALKS_CACHE_DIR", h.join("cache"))
            .env_remove("TALKS_DATA")
            .env("NO_COLOR", "1")
            .current_dir(h)
            .stdin(Stdio::null());
        c
    }

    fn run(&self, args: &[&str]) -> Run {
        Run(self.cmd(args).output().unwrap())
    }

    fn dir(&self) -> &Path {
        self.home.path()
    }
}

struct Run(Output);

impl Run {
    fn code(&self) -> i32 {
        self.0
            .status
            .code()
            .expect("exited, not killed by a signal")
    }
    fn stdout(&self) -> String {
        String::from_utf8(self.0.stdout.clone()).expect("stdout is UTF-8")
    }
    fn stderr(&self) -> String {
        String::from_utf8(self.0.stderr.clone()).expect("stderr is UTF-8")
    }
    fn json(&self) -> Vec<Value> {
        self.stdout()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
            .collect()
    }
    #[track_caller]
    fn expect(self, code: i32) -> Run {
        assert_eq!(
            self.code(),
            code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
}

fn fixture(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
        .display()
        .to_string()
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {v}"))
}

fn speakers(v: &Value) -> Vec<(String, Option<String>)> {
    v["speakers"]
        .as_array()
        .unwrap_or_else(|| panic!("speakers is not a list in {v}"))
        .iter()
        .map(|sp| {
            (
                s(sp, "name").to_string(),
                sp["company"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn sp(name: &str, company: Option<&str>) -> (String, Option<String>) {
    (name.to_string(), company.map(str::to_string))
}

fn is_iso_date(d: &str) -> bool {
    let b = d.as_bytes();
    d.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && d.chars()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

// ---------------------------------------------------------------------------------------------
// list --json

#[test]
fn list_json_prints_one_complete_object_per_item() {
    let t = Talks::new();
    let items = t.run(&["list", "--json"]).expect(0).json();
    let talks: Vec<&Value> = items.iter().filter(|v| v["kind"] == "talk").collect();
    let posts: Vec<&Value> = items.iter().filter(|v| v["kind"] == "post").collect();
    assert_eq!((talks.len(), posts.len(), items.len()), (5, 1, 6));
    for v in &items {
        for key in [
            "kind",
            "id",
            "title",
            "date",
            "speakers",
            "conference",
            "city",
            "tags",
            "categories",
            "links",
            "source",
        ] {
            assert!(v.get(key).is_some(), "{key} missing in {v}");
        }
        assert!(is_iso_date(s(v, "date")), "{v}");
        assert!(v["tags"].is_array() && v["categories"].is_array());
        for l in v["links"].as_array().unwrap() {
            assert!(matches!(s(l, "kind"), "slides" | "video" | "web"), "{l}");
            assert!(s(l, "url").contains("://"), "{l}");
        }
        let (path, line) = s(v, "source").rsplit_once(':').unwrap();
        assert!(
            !path.is_empty() && line.parse::<usize>().unwrap() >= 1,
            "{v}"
        );
    }
    for t in &talks {
        assert!(t["abstract"].is_string(), "{t}");
        assert!(!s(t, "abstract").is_empty());
    }
    for p in &posts {
        assert!(p["summary"].is_string(), "{p}");
        assert!(p["draft"].is_boolean(), "{p}");
    }
    // Newest first.
    let dates: Vec<&str> = items.iter().map(|v| s(v, "date")).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

#[test]
fn list_json_has_every_seed_talk_with_speakers_and_companies() {
    let t = Talks::new();
    let items = t.run(&["list", "--talks", "--json"]).expect(0).json();
    assert!(items.iter().all(|v| v["kind"] == "talk"));
    let by_first = |name: &str| {
        items
            .iter()
            .find(|v| speakers(v).first().is_some_and(|s| s.0 == name))
            .unwrap_or_else(|| panic!("no talk by {name}"))
    };
    let z = by_first("Valentine Gogichashvili");
    assert_eq!(
        speakers(z),
        [sp("Valentine Gogichashvili", Some("Zalando"))]
    );
    assert_eq!(s(z, "conference"), "PGConf.Russia 2016");
    assert_eq!(s(z, "city"), "Moscow");
    assert!(s(z, "date").starts_with("2016-02-0"));
    assert!(s(z, "abstract").starts_with("Since its launch in 2008"));
    let d = by_first("Ronan Dunklau");
    assert_eq!(speakers(d), [sp("Ronan Dunklau", Some("Dalibo"))]);
    let m = by_first("Марат Фаттахов");
    assert_eq!(
        speakers(m),
        [
            sp("Марат Фаттахов", Some("BARS group")),
            sp("Dmitry Boikov", Some("BARS group"))
        ]
    );
    let oscon = items
        .iter()
        .find(|v| v["id"] == "conf/2013/OSCON-fotolog")
        .unwrap();
    assert_eq!(
        speakers(oscon),
        [sp("Dimitri Fontaine", Some("2ndQuadrant"))]
    );
    assert_eq!(s(oscon, "conference"), "OSCON 2013");
    assert_eq!(s(oscon, "city"), "Portland, OR");
    assert!(
        oscon["links"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["kind"] == "slides" && s(l, "url").ends_with("fotolog.pdf"))
    );
    assert!(
        items
            .iter()
            .any(|v| v["id"] == "conf/2013/PDXPUG-postgresql-as-a-developer")
    );
}

#[test]
fn list_json_has_the_seed_post() {
    let t = Talks::new();
    let items = t.run(&["list", "--posts", "--json"]).expect(0).json();
    assert_eq!(items.len(), 1);
    let p = &items[0];
    assert_eq!(s(p, "id"), "post/2013/07/Portland-Conferences");
    assert_eq!(s(p, "title"), "OSCON, Portland, and PDXPUG");
    assert_eq!(s(p, "date"), "2013-07-29");
    assert_eq!(p["draft"], false);
    assert!(s(p, "summary").contains("OSCON"));
    assert_eq!(
        p["aliases"],
        serde_json::json!([
            "/blog/2013/07/29-Portland-Conferences",
            "/blog/2013/07/29-Portland-Conferences.html"
        ])
    );
}

#[test]
fn list_text_shows_one_row_per_item() {
    let t = Talks::new();
    let r = t.run(&["list"]).expect(0);
    let out = r.stdout();
    assert_eq!(out.lines().count(), 6, "{out}");
    assert!(out.contains("Valentine Gogichashvili"));
    assert!(out.lines().next().unwrap().contains("\t2016-02-0"));
    assert_eq!(r.stderr(), "");
}

#[test]
fn hugo_site_is_listed_with_exact_counts_and_drafts_marked() {
    let t = Talks::new();
    let site = fixture("hugo-blog");
    let r = t
        .run(&["--no-bundled", "--data", &site, "list", "--json"])
        .expect(0);
    assert_eq!(r.stderr(), "");
    let items = r.json();
    let talks = items.iter().filter(|v| v["kind"] == "talk").count();
    let posts: Vec<&Value> = items.iter().filter(|v| v["kind"] == "post").collect();
    assert_eq!((talks, posts.len()), (3, 3));
    let drafts: Vec<&str> = posts
        .iter()
        .filter(|p| p["draft"] == true)
        .map(|p| s(p, "id"))
        .collect();
    assert_eq!(drafts, ["post/2014/03/unfinished-notes"]);
    // The content folder gives the same list.
    let content = fixture("hugo-blog/content");
    let again = t
        .run(&["--no-bundled", "--data", &content, "list", "--json"])
        .expect(0)
        .json();
    assert_eq!(items, again);
    // Your archive comes first: naming one leaves the bundled demo out...
    let yours = t.run(&["--data", &site, "list", "--json"]).expect(0).json();
    assert_eq!(yours, items);
    // ...unless you ask for it, and then the two add up.
    let both = t
        .run(&["--bundled", "--data", &site, "list", "--json"])
        .expect(0)
        .json();
    assert_eq!(both.len(), 12);
}

#[test]
fn the_bundled_demo_is_left_out_when_talks_data_or_the_config_names_an_archive() {
    fn bundled_items(items: &[Value]) -> usize {
        items
            .iter()
            .filter(|v| s(v, "source").starts_with("bundled:"))
            .count()
    }
    let t = Talks::new();
    let r = t
        .cmd(&["list", "--json"])
        .env("TALKS_DATA", fixture("hugo-blog"))
        .output()
        .unwrap();
    let items = Run(r).expect(0).json();
    assert_eq!(
        (items.len(), bundled_items(&items)),
        (6, 0),
        "TALKS_DATA alone"
    );
    let config = t.dir().join("config/config.toml");
    fs::create_dir_all(config.parent().unwrap()).unwrap();
    fs::write(&config, format!("data = [{:?}]\n", fixture("hugo-blog"))).unwrap();
    let items = t.run(&["list", "--json"]).expect(0).json();
    assert_eq!((items.len(), bundled_items(&items)), (6, 0), "config data");
    // Without any archive of yours, the demo is what there is to see.
    fs::remove_file(&config).unwrap();
    let items = t.run(&["list", "--json"]).expect(0).json();
    assert_eq!(bundled_items(&items), 6, "demo only");
    let r = t.run(&["--bundled", "--no-bundled", "list"]).expect(2);
    assert!(r.stderr().contains("--no-bundled"), "{}", r.stderr());
}

#[test]
fn talks_data_environment_variable_adds_archives() {
    let t = Talks::new();
    let r = t
        .cmd(&["--no-bundled", "list", "--json"])
        .env("TALKS_DATA", fixture("hugo-blog"))
        .output()
        .unwrap();
    let r = Run(r).expect(0);
    assert_eq!(r.json().len(), 6);
}

// ---------------------------------------------------------------------------------------------
// search

fn search(t: &Talks, q: &str) -> Vec<Value> {
    let hits = t.run(&["search", q, "--json"]).expect(0).json();
    assert!(!hits.is_empty());
    let scores: Vec<i64> = hits
        .iter()
        .map(|h| {
            h["score"]
                .as_i64()
                .unwrap_or_else(|| panic!("no score in {h}"))
        })
        .collect();
    let mut sorted = scores.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(scores, sorted, "results best first for {q:?}");
    hits
}

#[test]
fn search_finds_the_right_talk_first() {
    let t = Talks::new();
    for (q, first) in [
        (
            "zalando",
            "pgconf-russia-2016/gogichashvili-logical-replication-zalando",
        ),
        ("fotolog", "conf/2013/OSCON-fotolog"),
        (
            "marat",
            "pgconf-russia-2016/fattakhov-boikov-oracle-migration",
        ),
        (
            "марат",
            "pgconf-russia-2016/fattakhov-boikov-oracle-migration",
        ),
        (
            "replication",
            "pgconf-russia-2016/gogichashvili-logical-replication-zalando",
        ),
        ("@dunklau", "pgconf-russia-2016/dunklau-multicorn"),
        ("multicorn", "pgconf-russia-2016/dunklau-multicorn"),
        ("dimitri", "conf/2013/OSCON-fotolog"),
    ] {
        let hits = search(&t, q);
        assert_eq!(
            s(&hits[0], "id"),
            first,
            "first result for {q:?}: {hits:#?}"
        );
    }
}

#[test]
fn search_finds_companies_cities_typos_and_cyrillic() {
    let t = Talks::new();
    for (q, first) in [
        ("dalibo", "pgconf-russia-2016/dunklau-multicorn"),
        (
            "bars group",
            "pgconf-russia-2016/fattakhov-boikov-oracle-migration",
        ),
        (
            "gogichasvili",
            "pgconf-russia-2016/gogichashvili-logical-replication-zalando",
        ),
        (
            "fattakhov",
            "pgconf-russia-2016/fattakhov-boikov-oracle-migration",
        ),
        (
            "Фаттахов",
            "pgconf-russia-2016/fattakhov-boikov-oracle-migration",
        ),
        (
            "oracle migration",
            "pgconf-russia-2016/fattakhov-boikov-oracle-migration",
        ),
        (
            "tag:oracle",
            "pgconf-russia-2016/fattakhov-boikov-oracle-migration",
        ),
    ] {
        let hits = search(&t, q);
        assert_eq!(
            s(&hits[0], "id"),
            first,
            "first result for {q:?}: {hits:#?}"
        );
    }
    assert_eq!(search(&t, "moscow").len(), 3);
}

#[test]
fn search_speaker_qualifier_finds_only_that_speaker() {
    let t = Talks::new();
    let hits = search(&t, "@dunklau");
    assert_eq!(hits.len(), 1, "{hits:#?}");
}

#[test]
fn search_filters_by_year_and_slides() {
    let t = Talks::new();
    let hits = search(&t, "year:2013 has:slides");
    let mut ids: Vec<&str> = hits.iter().map(|h| s(h, "id")).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "conf/2013/OSCON-fotolog",
            "conf/2013/PDXPUG-postgresql-as-a-developer"
        ]
    );
}

#[test]
fn search_with_no_match_exits_1_and_says_so() {
    let t = Talks::new();
    let r = t.run(&["search", "qwxzzyv", "--json"]).expect(1);
    assert_eq!(r.stdout(), "");
    assert!(r.stderr().contains("nothing matches"), "{}", r.stderr());
    t.run(&["search", "qwxzzyv"]).expect(1);
}

#[test]
fn search_limit_caps_results() {
    let t = Talks::new();
    let hits = t
        .run(&["search", "postgresql", "--json", "--limit", "2"])
        .expect(0)
        .json();
    assert_eq!(hits.len(), 2);
}

// ---------------------------------------------------------------------------------------------
// show

#[test]
fn show_by_id_and_by_unique_suffix() {
    let t = Talks::new();
    let full = t
        .run(&["show", "conf/2013/OSCON-fotolog"])
        .expect(0)
        .stdout();
    assert!(full.contains("Fotolog"), "{full}");
    assert!(full.contains("Dimitri Fontaine (2ndQuadrant)"), "{full}");
    assert!(full.contains("OSCON 2013"), "{full}");
    assert!(full.contains("fotolog.pdf"), "{full}");
    let short = t.run(&["show", "OSCON-fotolog"]).expect(0).stdout();
    assert_eq!(full, short);
    let j = t.run(&["show", "OSCON-fotolog", "--json"]).expect(0).json();
    assert_eq!(j.len(), 1);
    assert_eq!(s(&j[0], "id"), "conf/2013/OSCON-fotolog");
    let post = t.run(&["show", "Portland-Conferences"]).expect(0).stdout();
    assert!(post.contains("OSCON, Portland, and PDXPUG"), "{post}");
}

#[test]
fn show_unknown_id_exits_1() {
    let t = Talks::new();
    let r = t.run(&["show", "conf/2013/no-such-talk"]).expect(1);
    assert_eq!(r.stdout(), "");
    assert!(r.stderr().contains("no-such-talk"), "{}", r.stderr());
}

#[test]
fn show_ambiguous_suffix_exits_1_and_names_the_candidates() {
    let t = Talks::new();
    let root = t.dir().join("site/content");
    fs::create_dir_all(root.join("conf/2020")).unwrap();
    fs::create_dir_all(root.join("post/2020")).unwrap();
    fs::write(
        root.join("conf/2020/intro.md"),
        "+++\ntitle = \"Intro talk\"\n+++\n",
    )
    .unwrap();
    fs::write(
        root.join("post/2020/intro.md"),
        "+++\ntitle = \"Intro post\"\n+++\n",
    )
    .unwrap();
    let data = root.display().to_string();
    let r = t.run(&["--data", &data, "show", "intro"]).expect(1);
    assert!(r.stderr().contains("conf/2020/intro"), "{}", r.stderr());
    assert!(r.stderr().contains("post/2020/intro"), "{}", r.stderr());
    t.run(&["--data", &data, "show", "conf/2020/intro"])
        .expect(0);
}

// ---------------------------------------------------------------------------------------------
// Broken input

/// A Hugo site with one file per kind of bad input and two good posts. Returns (site, post dir,
/// names of the files that must be reported).
fn broken_site(base: &Path) -> (PathBuf, PathBuf, Vec<&'static str>) {
    let root = base.join("broken-site");
    let post = root.join("content/post");
    fs::create_dir_all(post.join("nested")).unwrap();
    let w = |name: &str, bytes: &[u8]| fs::write(post.join(name), bytes).unwrap();
    w(
        "good-one.md",
        b"+++\ntitle = \"Good one\"\ndate = 2020-01-02\n+++\nFine.\n",
    );
    w(
        "good-two.md",
        b"---\ntitle: Good two\ndate: 2020-02-03\n---\nFine.\n",
    );
    w("bad-utf8.md", b"+++\ntitle = \"Latin-1\"\n+++\ncaf\xe9\n");
    w("image.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
    w("empty.md", b"");
    w(
        "date-number.md",
        b"+++\ntitle = \"Date as number\"\ndate = 12\n+++\n",
    );
    w(
        "tags-string.md",
        b"+++\ntitle = \"Tags as string\"\ntags = \"x\"\n+++\n",
    );
    w("unclosed.md", b"+++\ntitle = \"Never closed\"\nbody\n");
    w(
        "plus-in-body.md",
        b"+++\ntitle = \"Fences in body\"\n+++\n+++\n",
    );
    w(
        "crlf-bom.md",
        "\u{feff}+++\r\ntitle = \"Windows file\"\r\n+++\r\nx\r\n".as_bytes(),
    );
    let mut huge = b"+++\ntitle = \"Huge\"\n+++\n".to_vec();
    huge.resize(30 * 1024 * 1024, b'a');
    w("huge.md", &huge);
    std::os::unix::fs::symlink(&post, post.join("nested/loop")).unwrap();
    let bad = vec![
        "bad-utf8.md",
        "image.md",
        "empty.md",
        "date-number.md",
        "tags-string.md",
        "unclosed.md",
        "huge.md",
        "nested/loop",
    ];
    (root, post, bad)
}

#[test]
fn check_on_a_broken_tree_names_every_bad_file_and_exits_1() {
    let t = Talks::new();
    let (root, post, bad) = broken_site(t.dir());
    let r = t.run(&["check", &root.display().to_string()]).expect(1);
    let out = r.stdout();
    for name in &bad {
        let shown = post.join(name).display().to_string();
        assert!(
            out.lines().any(|l| l.starts_with(&shown)),
            "{shown} not named:\n{out}"
        );
    }
    for line_of in [
        ("bad-utf8.md", 4),
        ("unclosed.md", 1),
        ("date-number.md", 3),
    ] {
        let want = format!("{}:{}", post.join(line_of.0).display(), line_of.1);
        assert!(out.contains(&want), "{want} not in:\n{out}");
    }
    for good in [
        "good-one.md",
        "good-two.md",
        "plus-in-body.md",
        "crlf-bom.md",
    ] {
        assert!(!out.contains(good), "{good} reported:\n{out}");
    }
    assert!(out.contains("hint:"), "{out}");
    let summary = out.lines().last().unwrap();
    assert!(summary.starts_with("checked "), "{summary}");
    assert!(summary.contains("6 post(s)"), "{summary}");
    assert!(summary.contains("5 file(s) skipped"), "{summary}");
}

#[test]
fn check_on_a_clean_site_exits_0() {
    let t = Talks::new();
    let r = t.run(&["check", &fixture("hugo-blog")]).expect(0);
    let out = r.stdout();
    assert_eq!(out.lines().count(), 1, "only the summary: {out}");
    assert!(out.contains("3 talk(s), 3 post(s)"), "{out}");
    // And the bundled archive is clean too.
    t.run(&["check"]).expect(0);
}

#[test]
fn list_on_a_broken_tree_lists_the_good_posts_and_counts_the_skipped() {
    let t = Talks::new();
    let (root, _, _) = broken_site(t.dir());
    let r = t
        .run(&[
            "--no-bundled",
            "--data",
            &root.display().to_string(),
            "list",
            "--json",
        ])
        .expect(0);
    let mut titles: Vec<String> = r.json().iter().map(|v| s(v, "title").to_string()).collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            "Date as number",
            "Fences in body",
            "Good one",
            "Good two",
            "Tags as string",
            "Windows file"
        ]
    );
    assert!(
        r.stderr().contains("5 file(s) skipped"),
        "stderr: {}",
        r.stderr()
    );
    let r = t
        .run(&[
            "--data",
            &root.display().to_string(),
            "search",
            "good",
            "--json",
        ])
        .expect(0);
    assert!(r.stderr().contains("5 file(s) skipped"), "{}", r.stderr());
}

#[test]
fn check_with_a_fifo_in_the_tree_returns() {
    let t = Talks::new();
    let (root, post, _) = broken_site(t.dir());
    let fifo = post.join("pipe.md");
    if !Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        eprintln!("note: mkfifo not available; FIFO check skipped");
        return;
    }
    let mut child = t
        .cmd(&["check", &root.display().to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("talks check hung on the FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let r = Run(child.wait_with_output().unwrap()).expect(1);
    assert!(
        r.stdout().contains(&fifo.display().to_string()),
        "{}",
        r.stdout()
    );
}

// ---------------------------------------------------------------------------------------------
// Exit codes and pipes

#[test]
fn data_path_that_does_not_exist_exits_2() {
    let t = Talks::new();
    let missing = t.dir().join("nowhere").display().to_string();
    for cmd in [&["list"][..], &["search", "x"], &["show", "x"]] {
        let mut args = vec!["--data", &missing];
        args.extend_from_slice(cmd);
        let r = t.run(&args).expect(2);
        assert!(r.stderr().contains("nowhere"), "{}", r.stderr());
        assert_eq!(r.stdout(), "");
    }
    t.run(&["check", &missing]).expect(2);
}

#[test]
fn usage_errors_exit_2() {
    let t = Talks::new();
    for args in [
        &["frobnicate"][..],
        &["search"],
        &["show"],
        &["list", "--talks", "--posts"],
        &["search", "x", "--limit", "many"],
        &["list", "--bogus"],
        &["import", "archive-page"],
    ] {
        let r = t.run(args).expect(2);
        assert!(!r.stderr().is_empty(), "{args:?}");
    }
}

#[test]
fn help_and_version_exit_0() {
    let t = Talks::new();
    let help = t.run(&["--help"]).expect(0).stdout();
    for cmd in ["list", "search", "show", "check", "import"] {
        assert!(help.contains(cmd), "{cmd} not in --help");
    }
    assert!(help.contains("Examples"), "{help}");
    t.run(&["--version"]).expect(0);
}

#[test]
fn closed_pipe_is_not_an_error() {
    let t = Talks::new();
    // Enough posts that the output overflows the pipe buffer.
    let posts = t.dir().join("big/content/post");
    fs::create_dir_all(&posts).unwrap();
    for i in 0..1500 {
        fs::write(
            posts.join(format!("p{i:04}.md")),
            format!("+++\ntitle = \"Post number {i} with a long enough title to fill lines\"\ndate = 2020-01-01\ntags = [\"a\", \"b\"]\n+++\nBody {i}.\n"),
        )
        .unwrap();
    }
    let data = t.dir().join("big").display().to_string();
    for args in [
        &["--data", &data, "list"][..],
        &["--data", &data, "list", "--json"],
        &["--data", &data, "search", "post", "--json"],
    ] {
        let mut child = t
            .cmd(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        assert!(!first.is_empty());
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// import archive-page

fn import(t: &Talks, page: &Path, out: &Path, extra: &[&str]) -> Run {
    let page = page.display().to_string();
    let out = out.display().to_string();
    let mut args = vec!["import", "archive-page", &page, "-o", &out];
    args.extend_from_slice(extra);
    t.run(&args)
}

fn read_back(t: &Talks, toml: &Path) -> Vec<Value> {
    let r = t
        .run(&[
            "--no-bundled",
            "--data",
            &toml.display().to_string(),
            "list",
            "--json",
        ])
        .expect(0);
    assert_eq!(r.stderr(), "", "the imported file loads cleanly");
    r.json()
}

fn find_by_speaker<'a>(items: &'a [Value], name: &str) -> &'a Value {
    items
        .iter()
        .find(|v| speakers(v).iter().any(|s| s.0 == name))
        .unwrap_or_else(|| panic!("no talk by {name:?} in {items:#?}"))
}

#[test]
fn import_of_the_seed_page_reads_back_with_speakers_and_companies() {
    let t = Talks::new();
    let out = t.dir().join("pgconf.toml");
    let r = import(
        &t,
        Path::new(&fixture("seeds/004_10624e5f2a57b04c.txt")),
        &out,
        &[
            "--conference",
            "PGConf.Russia 2016",
            "--date",
            "2016-02-03",
            "--city",
            "Moscow",
        ],
    )
    .expect(0);
    assert_eq!(r.stdout(), "");
    assert!(!r.stderr().contains("check by hand"), "{}", r.stderr());
    let items = read_back(&t, &out);
    assert_eq!(items.len(), 3);
    for v in &items {
        assert_eq!(v["kind"], "talk");
        assert_eq!(s(v, "conference"), "PGConf.Russia 2016");
        assert_eq!(s(v, "city"), "Moscow");
        assert_eq!(s(v, "date"), "2016-02-03");
        assert!(!s(v, "title").is_empty());
    }
    let z = find_by_speaker(&items, "Valentine Gogichashvili");
    assert_eq!(
        speakers(z),
        [sp("Valentine Gogichashvili", Some("Zalando"))]
    );
    assert!(s(z, "abstract").starts_with("Since its launch in 2008"));
    assert!(s(z, "abstract").ends_with("in a microservices environment."));
    let d = find_by_speaker(&items, "Ronan Dunklau");
    assert_eq!(speakers(d), [sp("Ronan Dunklau", Some("Dalibo"))]);
    assert!(s(d, "abstract").starts_with("Multicorn is a generic"));
    assert!(
        s(d, "abstract").contains("\n- using the table definition\n- WHERE clauses push-down\n")
    );
    let m = find_by_speaker(&items, "Марат Фаттахов");
    assert_eq!(
        speakers(m),
        [
            sp("Марат Фаттахов", Some("BARS group")),
            sp("Dmitry Boikov", Some("BARS group"))
        ]
    );
    assert!(s(m, "abstract").starts_with("First working on Oracle"));
    assert!(s(m, "abstract").ends_with("some of the migration problems."));
    // Page chrome ("Photos", "Talks archive") is not part of any talk.
    for v in &items {
        assert!(!s(v, "abstract").contains("Photo archive"), "{v}");
        assert!(!s(v, "abstract").contains("Talks archive"), "{v}");
    }
}

#[test]
fn import_to_stdout_writes_native_toml() {
    let t = Talks::new();
    let page = fixture("seeds/004_10624e5f2a57b04c.txt");
    let r = t
        .run(&["import", "archive-page", &page, "--year", "2016"])
        .expect(0);
    let out = r.stdout();
    assert!(out.contains("[conference]"), "{out}");
    assert_eq!(out.matches("[[talk]]").count(), 3, "{out}");
    let parsed: toml::Table = toml::from_str(&out).expect("valid TOML");
    assert!(parsed.contains_key("talk"));
}

const PAGE_A: &str = "\
PGConf Example 2017
Talks archive
-
Michael PaquierA backup is only as good as its last restore. This talk walks through pg_basebackup, WAL archiving and point-in-time recovery.
- taking base backups;
- archiving WAL safely;
- restoring to a point in time.
-
Alexander Korotkov PostgreSQL ProfessionalIndexes for full text search keep getting faster. We present RUM, a new access method.
-
Anna-Maria Schmidt-Weber 2ndQuadrantBi-directional replication lets several masters accept writes. We show how conflicts are resolved.
-
Олег Бартунов PostgreSQL Professional
Фёдор Сигаев PostgreSQL ProfessionalJSONB has changed how people store documents in PostgreSQL. We discuss jsquery and what comes next.
-
Konstantin Osipov NatSys LabTarantool and PostgreSQL together: using an in-memory engine as a cache in front of a relational database.
Photos
";

#[test]
fn import_splits_an_invented_page_with_hard_cases() {
    let t = Talks::new();
    let page = t.dir().join("example-2017.txt");
    fs::write(&page, PAGE_A).unwrap();
    let out = t.dir().join("example.toml");
    let r = import(
        &t,
        &page,
        &out,
        &[
            "--conference",
            "Example 2017",
            "--city",
            "Kazan",
            "--date",
            "2017-03-15",
        ],
    )
    .expect(0);
    assert!(r.stderr().contains("5 talk(s)"), "{}", r.stderr());
    let items = read_back(&t, &out);
    assert_eq!(items.len(), 5, "{items:#?}");

    let p = find_by_speaker(&items, "Michael Paquier");
    assert_eq!(speakers(p), [sp("Michael Paquier", None)]);
    assert!(s(p, "abstract").starts_with("A backup is only as good"));
    assert!(
        s(p, "abstract").contains("\n- taking base backups;\n- archiving WAL safely;\n"),
        "{}",
        s(p, "abstract")
    );

    let k = find_by_speaker(&items, "Alexander Korotkov");
    assert_eq!(
        speakers(k),
        [sp("Alexander Korotkov", Some("PostgreSQL Professional"))]
    );
    assert!(s(k, "abstract").starts_with("Indexes for full text search"));

    let a = find_by_speaker(&items, "Anna-Maria Schmidt-Weber");
    assert_eq!(
        speakers(a),
        [sp("Anna-Maria Schmidt-Weber", Some("2ndQuadrant"))]
    );
    assert!(s(a, "abstract").starts_with("Bi-directional replication"));

    let o = find_by_speaker(&items, "Олег Бартунов");
    assert_eq!(
        speakers(o),
        [
            sp("Олег Бартунов", Some("PostgreSQL Professional")),
            sp("Фёдор Сигаев", Some("PostgreSQL Professional"))
        ]
    );
    assert!(s(o, "abstract").starts_with("JSONB has changed"));

    let n = find_by_speaker(&items, "Konstantin Osipov");
    assert_eq!(speakers(n), [sp("Konstantin Osipov", Some("NatSys Lab"))]);
    assert!(s(n, "abstract").starts_with("Tarantool and PostgreSQL"));
    assert!(
        !s(n, "abstract").contains("Photos"),
        "page chrome kept: {n}"
    );

    for v in &items {
        assert_eq!(s(v, "conference"), "Example 2017");
        assert_eq!(s(v, "city"), "Kazan");
        assert_eq!(s(v, "date"), "2017-03-15");
    }
    let mut ids: Vec<&str> = items.iter().map(|v| s(v, "id")).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5, "ids are unique");
}

/// Line numbers (1-based) of each entry's first line, for checking what stderr flags.
const PAGE_B: &str = "\
-
John Smith ACMEThe ACME database team migrated forty services in a year.
-
Ivan Ivanov independent researcherwe look at how the planner estimates joins.
-
Jean-Luc de la Tour-Dupont Dalibo
Bob Li 2ndQuadrantSharding with Citus and plain partitioning compared.
- one;
- two.
-
Mary Jane WatsonPL/pgSQL tricks nobody told you about.
";

#[test]
fn import_lists_the_splits_it_is_unsure_of() {
    let t = Talks::new();
    let page = t.dir().join("unsure.txt");
    fs::write(&page, PAGE_B).unwrap();
    let out = t.dir().join("unsure.toml");
    let r = import(
        &t,
        &page,
        &out,
        &["--conference", "Unsure", "--year", "2018"],
    )
    .expect(0);
    let err = r.stderr();
    let items = read_back(&t, &out);
    assert_eq!(items.len(), 4, "{items:#?}");
    let flagged = |line: usize| err.contains(&format!("unsure.txt:{line}:"));

    // Confident and right.
    let j = find_by_speaker(&items, "John Smith");
    assert_eq!(speakers(j), [sp("John Smith", Some("ACME"))]);
    assert!(s(j, "abstract").starts_with("The ACME database team"));
    assert!(!flagged(2), "{err}");
    let jl = find_by_speaker(&items, "Jean-Luc de la Tour-Dupont");
    assert_eq!(
        speakers(jl),
        [
            sp("Jean-Luc de la Tour-Dupont", Some("Dalibo")),
            sp("Bob Li", Some("2ndQuadrant"))
        ]
    );
    assert!(s(jl, "abstract").starts_with("Sharding with Citus"));
    assert!(!flagged(6), "{err}");

    // No capital letter where the abstract starts: the split is a guess and says so.
    assert!(flagged(4), "Ivan Ivanov's entry is a guess: {err}");
    // "Mary Jane Watson" with no company: either split right, or listed to check by hand.
    let m = items
        .iter()
        .find(|v| s(v, "abstract").contains("PL/pgSQL tricks"))
        .unwrap();
    if speakers(m) != [sp("Mary Jane Watson", None)] {
        assert!(
            flagged(11),
            "wrong split {:?} not listed: {err}",
            speakers(m)
        );
    }
}

#[test]
fn import_errors_exit_2() {
    let t = Talks::new();
    let missing = t.dir().join("missing.txt");
    let r = import(&t, &missing, &t.dir().join("x.toml"), &[]).expect(2);
    assert!(r.stderr().contains("missing.txt"), "{}", r.stderr());
    let page = t.dir().join("p.txt");
    fs::write(&page, PAGE_A).unwrap();
    import(&t, &page, &t.dir().join("no/such/dir/x.toml"), &[]).expect(2);
    import(&t, &page, &t.dir().join("x.toml"), &["--date", "soon"]).expect(2);
}

#[test]
fn import_of_a_page_without_entries_exits_1() {
    let t = Talks::new();
    let page = t.dir().join("chrome.txt");
    fs::write(&page, "Talks\nTalks archive\nPhotos\n").unwrap();
    let out = t.dir().join("chrome.toml");
    import(&t, &page, &out, &[]).expect(1);
}

#[test]
fn search_takes_several_words_and_negated_qualifiers_without_quotes() {
    let t = Talks::new();
    let r = t
        .run(&["search", "logical", "replication", "--json"])
        .expect(0);
    assert_eq!(
        r.json()[0]["id"],
        "pgconf-russia-2016/gogichashvili-logical-replication-zalando"
    );
    // After `--`, `-tag:x` is a query, not an option: the talk tagged FDW is left out.
    let all = t
        .run(&["search", "year:2016", "--json"])
        .expect(0)
        .json()
        .len();
    let r = t
        .run(&["search", "--json", "--", "year:2016", "-tag:FDW"])
        .expect(0);
    let ids: Vec<String> = r
        .json()
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), all - 1, "{ids:?}");
    assert!(!ids.iter().any(|id| id.contains("multicorn")), "{ids:?}");
}

#[test]
fn export_never_prints_escape_sequences_from_the_data() {
    let t = Talks::new();
    let evil = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/evil/evil.toml");
    let ids: Vec<String> = t
        .run(&["--no-bundled", "--data", evil, "list", "--json"])
        .expect(0)
        .json()
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect();
    std::fs::create_dir_all(t.dir().join("data")).unwrap();
    let state = serde_json::json!({ "stars": ids, "watch_later": ids });
    std::fs::write(t.dir().join("data/state.json"), state.to_string()).unwrap();
    for (flag, format) in [("--starred", "markdown"), ("--watch-later", "m3u")] {
        let r = t.run(&[
            "--no-bundled",
            "--data",
            evil,
            "export",
            flag,
            "--format",
            format,
        ]);
        let out = r.stdout();
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{9b}'),
            "{format}: {out:?}"
        );
    }
    let md = t
        .run(&["--no-bundled", "--data", evil, "export", "--starred"])
        .expect(0)
        .stdout();
    assert!(md.starts_with("# Starred"), "{md}");
    assert_eq!(md.matches("\n- **").count(), ids.len(), "{md}");
}

// ---- The command line for scripts and people (pipes, terminals, ids, open, mark) ----

/// Run the binary on a pseudo-terminal `cols` wide, through util-linux's `script`; what the
/// terminal showed, with CR LF turned into LF.
fn on_terminal(t: &Talks, cols: u16, args: &str) -> String {
    assert!(
        Command::new("script").arg("--version").output().is_ok(),
        "this test needs `script` (util-linux) to give talks a terminal: apt-get install util-linux"
    );
    let line = format!("{} {args}", env!("CARGO_BIN_EXE_talks"));
    let mut c = t.cmd(&[]);
    c.env("COLUMNS", cols.to_string());
    with_env_of(&c, "script", &["-qec", &line, "/dev/null"]).replace("\r\n", "\n")
}

/// Run `program args` with the environment and folder set on `c`; its stdout.
fn with_env_of(c: &Command, program: &str, args: &[&str]) -> String {
    let mut run = Command::new(program);
    run.args(args);
    for (k, v) in c.get_envs() {
        match v {
            Some(v) => run.env(k, v),
            None => run.env_remove(k),
        };
    }
    if let Some(d) = c.get_current_dir() {
        run.current_dir(d);
    }
    let o = run.stdin(Stdio::null()).output().unwrap();
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn piped_list_holds_whole_titles_and_ids_in_tab_separated_fields() {
    let t = Talks::new();
    let out = t.run(&["list"]).expect(0).stdout();
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 6), "{out}");
    let oracle = rows
        .iter()
        .find(|r| r[4].contains("Oracle to PostgreSQL"))
        .expect("grep finds the whole title");
    assert_eq!(
        oracle[..5],
        [
            "pgconf-russia-2016/fattakhov-boikov-oracle-migration",
            "2016-02-03",
            "talk",
            "Марат Фаттахов, Dmitry Boikov",
            "Migrating a large medical system from Oracle to PostgreSQL"
        ]
    );
    assert!(
        !out.contains('…') && !out.contains('\x1b'),
        "no cutting, no colour:\n{out}"
    );
}

#[test]
fn on_a_terminal_rows_fit_the_width_with_ids_and_surnames() {
    let t = Talks::new();
    for cols in [80u16, 100, 120] {
        let screen = on_terminal(&t, cols, "list");
        let rows: Vec<&str> = screen.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(rows.len(), 6, "{cols} columns:\n{screen}");
        for r in &rows {
            assert!(
                r.chars().count() <= cols as usize,
                "{cols} columns, too wide: {r}"
            );
            assert!(!r.contains('\t'), "{r}");
        }
        let row = rows.iter().find(|r| r.contains("OSCON-fotolog")).unwrap();
        assert!(row.contains("Dimitri Fontaine"), "{cols}: {row}");
        if cols >= 100 {
            let zalando = rows
                .iter()
                .find(|r| r.contains("Gogichashvili"))
                .unwrap_or_else(|| panic!("the surname at {cols} columns:\n{screen}"));
            assert!(
                zalando.contains("Data integration with PostgreSQL logica"),
                "40 characters of the title at {cols}: {zalando}"
            );
        }
    }
}

#[test]
fn the_more_hint_comes_after_the_results_and_limit_zero_means_all() {
    let t = Talks::new();
    let screen = on_terminal(&t, 120, "search --limit 2 postgresql");
    let lines: Vec<&str> = screen.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 3, "{screen}");
    assert!(
        lines[2].starts_with("talks: ") && lines[2].contains(" more; use --limit N"),
        "the hint is last:\n{screen}"
    );
    let all = t.run(&["search", "--limit", "0", "postgresql"]).expect(0);
    assert!(all.stdout().lines().count() > 2);
    assert_eq!(all.stderr(), "");
}

#[test]
fn format_templates_give_the_columns_a_script_wants() {
    let t = Talks::new();
    let r = t
        .run(&["list", "--talks", "--format", r"{id}\t{year}|{speakers}"])
        .expect(0);
    assert!(
        r.stdout()
            .lines()
            .any(|l| l == "conf/2013/OSCON-fotolog\t2013|Dimitri Fontaine"),
        "{}",
        r.stdout()
    );
    let bad = t.run(&["list", "--format", "{titel}"]).expect(2);
    assert!(
        bad.stderr().contains("unknown field {titel}"),
        "{}",
        bad.stderr()
    );
}

#[test]
fn ids_forgive_a_unique_part_or_an_old_url_and_name_every_match() {
    let t = Talks::new();
    let r = t.run(&["show", "fotolog"]).expect(0);
    assert!(
        r.stdout().contains("id: conf/2013/OSCON-fotolog"),
        "{}",
        r.stdout()
    );
    let r = t.run(&["show", "FOTOLOG"]).expect(0);
    assert!(
        r.stdout()
            .starts_with("Fotolog: migrating from MySQL to PostgreSQL")
    );
    let r = t
        .run(&[
            "show",
            "https://tapoueh.org/blog/2013/07/29-Portland-Conferences/",
        ])
        .expect(0);
    assert!(
        r.stdout().contains("id: post/2013/07/Portland-Conferences"),
        "{}",
        r.stdout()
    );
    let r = t.run(&["show", "2013"]).expect(1);
    assert_eq!(
        r.stderr(),
        "talks: \"2013\" matches 3 ids: conf/2013/OSCON-fotolog, conf/2013/PDXPUG-postgresql-as-a-developer, post/2013/07/Portland-Conferences; give more of one\n"
    );
}

#[test]
fn mark_then_export_shares_the_state_file_with_the_tui() {
    let t = Talks::new();
    let r = t.run(&["mark", "fotolog", "star"]).expect(0);
    assert_eq!(r.stdout(), "conf/2013/OSCON-fotolog: starred\n");
    let r = t.run(&["mark", "fotolog", "star"]).expect(0);
    assert_eq!(r.stdout(), "conf/2013/OSCON-fotolog: already starred\n");
    t.run(&["mark", "multicorn", "later"]).expect(0);
    t.run(&["mark", "zalando", "later"]).expect(0);
    let state: Value =
        serde_json::from_str(&fs::read_to_string(t.dir().join("data/state.json")).unwrap())
            .unwrap();
    assert_eq!(
        state["stars"],
        serde_json::json!(["conf/2013/OSCON-fotolog"])
    );
    assert_eq!(
        state["watch_later"],
        serde_json::json!([
            "pgconf-russia-2016/dunklau-multicorn",
            "pgconf-russia-2016/gogichashvili-logical-replication-zalando"
        ])
    );
    let md = t.run(&["export", "--starred"]).expect(0).stdout();
    assert!(
        md.contains("**Fotolog: migrating from MySQL to PostgreSQL**"),
        "{md}"
    );
    let r = t.run(&["mark", "fotolog", "star", "--undo"]).expect(0);
    assert_eq!(r.stdout(), "conf/2013/OSCON-fotolog: no longer starred\n");
    t.run(&["export", "--starred"]).expect(1);
}

#[test]
fn open_runs_browser_on_the_numbered_link_and_refuses_what_is_not_a_web_link() {
    let t = Talks::new();
    let archive = t.dir().join("links.toml");
    fs::write(
        &archive,
        r#"[conference]
name = "Link Conf"
date = 2020-05-01

[[talk]]
id = "three-links"
title = "A talk with three links"
speakers = [{ name = "Ada Example" }]
slides = ["https://example.org/a.pdf", "javascript:alert(1)"]
video = "https://example.org/talk.mp4"
"#,
    )
    .unwrap();
    let log = t.dir().join("opened.txt");
    let browser = t.dir().join("browser.sh");
    fs::write(
        &browser,
        format!("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n", log.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&browser, fs::Permissions::from_mode(0o755)).unwrap();
    let run = |args: &[&str]| {
        let mut full = vec!["--data", archive.to_str().unwrap()];
        full.extend_from_slice(args);
        Run(t.cmd(&full).env("BROWSER", &browser).output().unwrap())
    };
    let shown = run(&["show", "three-links"]).expect(0).stdout();
    let numbered: Vec<&str> = shown.lines().filter(|l| l.starts_with('[')).collect();
    assert_eq!(numbered.len(), 3, "{shown}");
    let video_n = numbered
        .iter()
        .position(|l| l.contains("talk.mp4"))
        .unwrap()
        + 1;
    let js_n = numbered
        .iter()
        .position(|l| l.contains("javascript"))
        .unwrap()
        + 1;
    let pdf_n = numbered.iter().position(|l| l.contains("a.pdf")).unwrap() + 1;

    run(&["open", "three-links"]).expect(0);
    run(&["open", "three-links", &pdf_n.to_string()]).expect(0);
    let r = run(&["open", "three-links", &js_n.to_string()]).expect(2);
    assert!(
        r.stderr().contains("javascript:alert(1): not opened"),
        "{}",
        r.stderr()
    );
    let r = run(&["open", "three-links", "9"]).expect(2);
    assert!(
        r.stderr().contains("no link 9: links/three-links has 3"),
        "{}",
        r.stderr()
    );
    let opened = fs::read_to_string(&log).unwrap();
    assert_eq!(
        opened, "https://example.org/talk.mp4\nhttps://example.org/a.pdf\n",
        "the first video by default, then link {pdf_n}; never the javascript link (video is {video_n})"
    );
    // With no browser at all, the user is told in one line and gets the URL to copy.
    let r = Run(t
        .cmd(&["--data", archive.to_str().unwrap(), "open", "three-links"])
        .env("BROWSER", "/nonexistent/browser")
        .output()
        .unwrap())
    .expect(2);
    assert_eq!(r.stdout(), "https://example.org/talk.mp4\n");
    assert!(
        r.stderr().contains(
            "could not open the link ($BROWSER: /nonexistent/browser not found); copy it instead"
        ),
        "{}",
        r.stderr()
    );
}

#[test]
fn without_a_terminal_the_tui_says_what_to_use_instead() {
    let t = Talks::new();
    let r = t.run(&[]).expect(2);
    assert!(
        r.stderr().contains("the interactive view needs a terminal"),
        "{}",
        r.stderr()
    );
    assert!(r.stderr().contains("`talks list`"), "{}", r.stderr());
    assert!(!r.stderr().contains("os error"), "{}", r.stderr());
}

#[test]
fn completions_for_every_shell_and_ids_complete_in_bash() {
    let t = Talks::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let r = t.run(&["completions", shell]).expect(0);
        assert!(r.stdout().contains("talks"), "{shell}");
        assert!(
            r.stdout().contains("completions"),
            "{shell}: subcommands complete"
        );
    }
    let script = t.dir().join("talks.bash");
    fs::write(&script, t.run(&["completions", "bash"]).expect(0).stdout()).unwrap();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_talks")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let probe = format!(
        "source '{}'; COMP_WORDS=(talks show conf/2013/OS); COMP_CWORD=2; _talks_with_ids talks conf/2013/OS show; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let mut c = t.cmd(&[]);
    c.env("PATH", path);
    let out = with_env_of(&c, "bash", &["-c", &probe]);
    assert_eq!(out, "conf/2013/OSCON-fotolog\n");
    // Any part of an id completes when no id starts with it, from the archive on the line.
    let site = fixture("speaker-site");
    let probe = format!(
        "source '{}'; COMP_WORDS=(talks --data '{site}' show tidep); COMP_CWORD=4; _talks_with_ids talks tidep show; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let out = with_env_of(&c, "bash", &["-c", &probe]);
    assert_eq!(out, "talks/2022/tidepool\n");
}

#[test]
fn man_prints_a_roff_page_and_help_covers_every_command() {
    let t = Talks::new();
    let page = t.run(&["man"]).expect(0).stdout();
    assert!(
        page.contains(".TH talks 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    assert!(page.contains("completions"));
    let help = t.run(&["help", "show"]).expect(0).stdout();
    assert!(help.contains("a unique part of it (fotolog)"), "{help}");
    let long = t.cmd(&["--help"]).env("COLUMNS", "80").output().unwrap();
    for line in String::from_utf8_lossy(&long.stdout).lines() {
        if let Some(cmd) = line.trim_start().strip_prefix("talks ") {
            assert!(
                line.chars().count() < 80,
                "an example wider than 80 columns: {cmd}"
            );
        }
    }
}

#[test]
fn an_unknown_qualifier_is_reported_not_searched() {
    let t = Talks::new();
    let r = t.run(&["search", "speakr:fontaine"]).expect(2);
    assert!(
        r.stderr()
            .starts_with("talks: query: unknown qualifier speakr: (try speaker:"),
        "{}",
        r.stderr()
    );
}

#[test]
fn hostile_fields_and_file_names_add_no_line_link_or_escape_to_any_output() {
    let t = Talks::new();
    let dir = t.dir().join("hostile");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("trap.toml"),
        r#"[conference]
name = "Trap Conf"
date = 2022-02-02

[[talk]]
id = "injector"
title = "Line one\n#EXTINF:-1,injected\nhttps://evil.example/x.mp4\n- **fake entry** [click](javascript:alert(1)) <script>x</script> \u202eelif"
speakers = [{ name = "Eve\u009b31m Zero\u200bWidth" }]
video = ["file:///etc/passwd", "https://ok.example/talk.mp4"]
"#,
    )
    .unwrap();
    // A file name with an escape sequence and a line break, holding no valid archive.
    fs::write(
        dir.join("bad\u{1b}]0;PWN\u{7}\nname.toml"),
        "[conference]\nname = \"unclosed\n",
    )
    .unwrap();
    let data = dir.to_str().unwrap();
    let check = t.run(&["--data", data, "check"]).expect(1).stdout();
    assert!(
        !check.contains('\u{1b}') && !check.contains('\u{7}'),
        "{check:?}"
    );
    let diag: Vec<&str> = check.lines().filter(|l| l.contains("name.toml")).collect();
    assert_eq!(diag.len(), 1, "one line names the file:\n{check}");
    assert!(
        diag[0].contains("bad") && diag[0].contains("name.toml:"),
        "{check}"
    );

    let json = t
        .run(&["--data", data, "list", "--json"])
        .expect(0)
        .stdout();
    for raw in ['\u{9b}', '\u{202e}', '\u{200b}', '\u{1b}'] {
        assert!(!json.contains(raw), "raw {raw:?} in JSON: {json}");
    }
    assert!(
        json.contains(r"\u202e") && json.contains(r"\u009b"),
        "escaped, not lost: {json}"
    );

    t.run(&["--data", data, "mark", "injector", "star"])
        .expect(0);
    t.run(&["--data", data, "mark", "injector", "later"])
        .expect(0);
    let m3u = t
        .run(&["--data", data, "export", "--watch-later", "--format", "m3u"])
        .expect(0)
        .stdout();
    let lines: Vec<&str> = m3u.lines().collect();
    assert_eq!(
        lines.len(),
        3,
        "#EXTM3U, one #EXTINF and its one web link:\n{m3u}"
    );
    assert!(lines[1].starts_with("#EXTINF:-1,Eve"), "{m3u}");
    assert_eq!(lines[2], "https://ok.example/talk.mp4");

    let md = t
        .run(&["--data", data, "export", "--starred"])
        .expect(0)
        .stdout();
    assert_eq!(md.matches("\n- ").count(), 1, "one entry:\n{md}");
    // Read as a Markdown reader would: the only link is the web link, and there is no HTML.
    let mut links = Vec::new();
    for ev in pulldown_cmark::Parser::new(&md) {
        match ev {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => {
                links.push(dest_url.to_string())
            }
            pulldown_cmark::Event::Html(h) | pulldown_cmark::Event::InlineHtml(h) => {
                panic!("HTML from the data: {h}\n{md}")
            }
            _ => {}
        }
    }
    assert_eq!(links, ["https://ok.example/talk.mp4"], "{md}");
    assert!(!md.contains("file:"), "no file link:\n{md}");
    assert!(md.contains("<https://ok.example/talk.mp4>"), "{md}");

    let shown = t
        .run(&["--data", data, "show", "injector"])
        .expect(0)
        .stdout();
    assert!(
        !shown.contains('\u{9b}') && !shown.contains('\u{202e}'),
        "{shown:?}"
    );
    assert!(!shown.lines().any(|l| l.starts_with("#EXTINF")), "{shown}");
}

#[test]
fn a_posts_links_are_numbered_and_open_and_a_speakers_bio_is_shown() {
    let t = Talks::new();
    let site = fixture("speaker-site");
    let shown = t
        .run(&["--data", &site, "show", "ledger-notes"])
        .expect(0)
        .stdout();
    assert!(
        shown.contains("[1] video: https://vimeo.com/700100201"),
        "{shown}"
    );
    let r = t
        .run(&["--data", &site, "open", "ledger-notes", "--print"])
        .expect(0);
    assert_eq!(r.stdout(), "https://vimeo.com/700100201\n");
    let json = t
        .run(&["--data", &site, "show", "ledger-notes", "--json"])
        .expect(0)
        .json();
    assert_eq!(json[0]["links"][0]["url"], "https://vimeo.com/700100201");

    let conf = fixture("conference-site");
    let shown = t
        .run(&["--data", &conf, "show", "pipelines"])
        .expect(0)
        .stdout();
    assert!(
        shown.contains("About Ines Okafor:\nInes works on data pipelines."),
        "{shown}"
    );
}

#[test]
fn a_talk_without_a_summary_shows_its_first_paragraph_once() {
    let t = Talks::new();
    let site = fixture("speaker-site");
    let shown = t
        .run(&["--data", &site, "show", "tidepool"])
        .expect(0)
        .stdout();
    assert_eq!(
        shown
            .matches("A tour of windowed joins over unbounded streams.")
            .count(),
        1,
        "{shown}"
    );
    assert!(shown.contains("The rest of the notes."), "{shown}");
}

#[test]
fn a_playlist_of_talks_without_videos_is_reported_not_exported_as_success() {
    let t = Talks::new();
    t.run(&["mark", "fotolog", "later"]).expect(0);
    t.run(&["mark", "multicorn", "later"]).expect(0);
    let r = t
        .run(&["export", "--watch-later", "--format", "m3u"])
        .expect(1);
    assert_eq!(r.stdout(), "#EXTM3U\n");
    assert_eq!(
        r.stderr(),
        "talks: nothing exported: none of these talks has a video link, so the playlist is empty\n"
    );
    let r = t.run(&["export", "--starred"]).expect(1);
    assert_eq!(
        r.stderr(),
        "talks: nothing exported: the starred list is empty\n"
    );
}
