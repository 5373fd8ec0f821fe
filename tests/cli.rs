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

// Pipes and terminals, forgiving ids, open, mark, completions, hostile data (issues 12, 13).
#[path = "cli/scripting.rs"]
mod scripting;

// `talks import archive-page`.
#[path = "cli/import.rs"]
mod import;

/// The second search starts from the snapshot the first one wrote, and prints exactly what a
/// full load prints; an edited file, a new file or a corrupt snapshot are noticed.
#[test]
fn a_warm_search_reads_the_snapshot_and_notices_every_change() {
    let t = Talks::new();
    let data = t.dir().join("archive");
    fs::create_dir_all(&data).unwrap();
    let conf = |name: &str, title: &str, speaker: &str| {
        format!(
            "[conference]\nname = \"{name}\"\ndate = 2031-05-04\n\n\
             [[talk]]\ntitle = \"{title}\"\nspeakers = [\"{speaker}\"]\n\n\
             [[talk]]\ntitle = \"Lightning talks\"\n\n[[talk]]\ntitle = \"Lightning talks\"\n"
        )
    };
    fs::write(
        data.join("mini-2031.toml"),
        conf("MiniConf", "Logical replication", "Ann Other"),
    )
    .unwrap();
    let d = data.to_str().unwrap();
    let search = |q: &str| {
        let r = t.run(&["--data", d, "search", "--json", q]);
        (r.stdout(), r.stderr())
    };
    let cold = search("replication");
    assert!(cold.0.contains("Logical replication"), "{cold:?}");
    let snapshots = || {
        fs::read_dir(t.dir().join("cache"))
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with("snapshot-"))
            .map(|e| e.path())
            .collect::<Vec<_>>()
    };
    assert_eq!(snapshots().len(), 1, "the first search writes a snapshot");
    // ... and only that: the per-file cache is for archives that change.
    let per_file = t.dir().join("cache").join("archive.cache");
    assert!(!per_file.exists(), "a first start writes no per-file cache");
    assert_eq!(search("replication"), cold, "warm prints what cold printed");
    // `check` reads every file afresh, snapshot or not, and names the repeated title.
    let check = t.run(&["--data", d, "check"]);
    assert!(
        check.stdout().contains("lightning-talks"),
        "{}",
        check.stdout()
    );
    // An edit (another speaker), then a new file: both found at once.
    fs::write(
        data.join("mini-2031.toml"),
        conf("MiniConf", "Logical replication", "Zed Newname"),
    )
    .unwrap();
    assert!(search("newname").0.contains("Zed Newname"));
    assert!(
        per_file.exists(),
        "the start after an edit keeps each file's parse, for the next edit"
    );
    fs::write(
        data.join("maxi-2032.toml"),
        conf("MaxiConf", "Vacuum internals", "Bo Vacuum"),
    )
    .unwrap();
    assert!(search("vacuum").0.contains("Vacuum internals"));
    assert!(search("vacuum").0.contains("Vacuum internals"), "and warm");
    // A damaged snapshot is a fresh load, not a crash or wrong results.
    for file in snapshots() {
        let bytes = fs::read(&file).unwrap();
        fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    }
    let after = search("vacuum");
    assert!(after.0.contains("Vacuum internals"), "{after:?}");
    assert!(after.1.is_empty(), "{after:?}");
}

#[test]
fn a_first_start_leaves_the_per_file_cache_out_only_when_a_snapshot_follows() {
    let t = Talks::new();
    let data = t.dir().join("archive");
    fs::create_dir_all(&data).unwrap();
    for (file, title) in [("a-2031.toml", "Alpha"), ("b-2031.toml", "Beta")] {
        fs::write(
            data.join(file),
            format!("[conference]\nname = \"C\"\n\n[[talk]]\ntitle = \"{title}\"\n"),
        )
        .unwrap();
    }
    let d = data.to_str().unwrap();
    let per_file = t.dir().join("cache").join("archive.cache");
    // `list` writes no snapshot: the per-file cache is what makes its next start quick.
    let list = t.run(&["--data", d, "list"]);
    assert!(list.stdout().contains("Alpha"), "{}", list.stdout());
    assert!(per_file.exists(), "list keeps each file's parse");

    // A search from an empty cache dir writes the snapshot alone...
    fs::remove_dir_all(t.dir().join("cache")).unwrap();
    assert!(
        t.run(&["--data", d, "search", "beta"])
            .stdout()
            .contains("Beta")
    );
    assert!(!per_file.exists());
    // ... unless a file could not be read: that load writes no snapshot, and the empty
    // per-file cache it leaves makes the next start keep the readable files' parses.
    let locked = data.join("b-2031.toml");
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::File::open(&locked).is_ok() {
        eprintln!(
            "note: running as root, chmod 000 does not stop reads; unreadable-file case skipped"
        );
        return;
    }
    fs::remove_dir_all(t.dir().join("cache")).unwrap();
    let r = t.run(&["--data", d, "search", "alpha"]);
    assert!(r.stdout().contains("Alpha"), "{}", r.stdout());
    assert!(
        per_file.exists(),
        "an unreadable file: the next start is not a first one"
    );
}
