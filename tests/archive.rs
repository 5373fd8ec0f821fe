//! The archive through the library API: the Hugo fixture site, the bundled archive, a tree of
//! broken files built at test time, and property tests that feed arbitrary input to every parser.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use talks::archive::front_matter::{Format, parse_front_matter, split_front_matter};
use talks::archive::hugo::{SiteInfo, parse_post, parse_talk};
use talks::archive::load::{Sources, decode, load};
use talks::archive::native::parse_native;
use talks::archive::page::parse_archive_page;
use talks::archive::{Archive, Diagnostic, LinkKind, LoadError, Severity, Speaker};
use talks::search::query::parse_query;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn load_paths(paths: &[&Path]) -> Archive {
    load(&Sources {
        bundled: false,
        paths: paths.iter().map(|p| p.to_path_buf()).collect(),
    })
}

fn bundled() -> Archive {
    load(&Sources {
        bundled: true,
        paths: Vec::new(),
    })
}

fn sorted_ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
    let mut v: Vec<String> = items.iter().map(|i| id(i).to_string()).collect();
    v.sort();
    v
}

fn speaker(name: &str, company: &str) -> Speaker {
    Speaker {
        name: name.into(),
        company: Some(company.into()),
        bio: None,
    }
}

// ---------------------------------------------------------------------------------------------
// The Hugo fixture site

#[test]
fn hugo_site_loads_exactly_its_talks_and_posts() {
    let a = load_paths(&[&fixture("hugo-blog")]);
    assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
    assert_eq!(
        sorted_ids(&a.talks, |t| &t.id),
        [
            "conf/2014/nordic-meetup",
            "conf/2019/data-days-lyon",
            "conf/2019/user-group-kyiv"
        ]
    );
    assert_eq!(
        sorted_ids(&a.posts, |p| &p.id),
        [
            "post/2014/03/back-from-stockholm",
            "post/2014/03/unfinished-notes",
            "post/2019/02/yaml-front-matter"
        ]
    );
    let drafts: Vec<&str> = a
        .posts
        .iter()
        .filter(|p| p.draft)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(drafts, ["post/2014/03/unfinished-notes"]);
}

#[test]
fn hugo_site_skips_section_pages_other_sections_and_attachments() {
    let a = load_paths(&[&fixture("hugo-blog")]);
    let all: Vec<String> = a
        .talks
        .iter()
        .map(|t| t.origin.path.clone())
        .chain(a.posts.iter().map(|p| p.origin.path.clone()))
        .collect();
    for skipped in ["_index.md", "about.md", "orders.sql"] {
        assert!(
            !all.iter().any(|p| p.ends_with(skipped)),
            "{skipped} should not be loaded: {all:?}"
        );
    }
    assert!(!a.talks.iter().any(|t| t.title == "About"));
}

#[test]
fn hugo_site_root_and_its_content_folder_load_the_same() {
    let root = load_paths(&[&fixture("hugo-blog")]);
    let content = load_paths(&[&fixture("hugo-blog/content")]);
    assert!(content.diagnostics.is_empty(), "{:#?}", content.diagnostics);
    assert_eq!(
        sorted_ids(&root.talks, |t| &t.id),
        sorted_ids(&content.talks, |t| &t.id)
    );
    assert_eq!(
        sorted_ids(&root.posts, |p| &p.id),
        sorted_ids(&content.posts, |p| &p.id)
    );
    // Same talks, same links: the site's baseURL is found from the content folder too.
    for t in &root.talks {
        let other = content.talk(&t.id).unwrap();
        assert_eq!(t.links, other.links, "{}", t.id);
        assert_eq!(t.title, other.title);
        assert_eq!(t.date, other.date);
    }
}

#[test]
fn hugo_talk_fields_are_read() {
    let a = load_paths(&[&fixture("hugo-blog")]);
    let t = a.talk("conf/2019/data-days-lyon").unwrap();
    assert_eq!(
        t.title,
        "Data Days Lyon 2019: Indexing Strategies in Practice"
    );
    assert_eq!(t.date.unwrap().to_string(), "2019-11-07");
    assert_eq!(t.city.as_deref(), Some("Lyon, France"));
    assert_eq!(t.conference_name(), Some("Data Days Lyon"));
    assert_eq!(t.categories, ["Conferences", "PostgreSQL Confs"]);
    let slides: Vec<&str> = t
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::Slides)
        .map(|l| l.url.as_str())
        .collect();
    assert_eq!(slides.len(), 2, "{:?}", t.links);
    assert!(slides[0].ends_with("/images/confs/indexing_2019.pdf"));
    assert!(
        slides.iter().all(|u| u.starts_with("https://")),
        "slide links should be URLs a browser can open: {slides:?}"
    );
    assert!(
        t.links
            .iter()
            .any(|l| l.kind == LinkKind::Video && l.url.contains("dQw4w9WgXcQ"))
    );
    assert!(t.abstract_md.starts_with("Which index should you create"));
    assert!(t.body_md.contains("## Why this talk"));

    let kyiv = a.talk("conf/2019/user-group-kyiv").unwrap();
    assert_eq!(kyiv.city.as_deref(), Some("Київ, Україна"));
    assert!(
        kyiv.links
            .iter()
            .any(|l| l.kind == LinkKind::Video && l.url == "https://vimeo.com/123456789")
    );
}

#[test]
fn hugo_post_fields_are_read() {
    let a = load_paths(&[&fixture("hugo-blog")]);
    let p = a.post("post/2014/03/back-from-stockholm").unwrap();
    assert_eq!(p.title, "Back from Stockholm");
    assert_eq!(p.date.unwrap().to_string(), "2014-03-24");
    assert!(!p.draft);
    assert_eq!(
        p.aliases,
        [
            "/blog/2014/03/24-back-from-stockholm",
            "/blog/2014/03/24-back-from-stockholm.html"
        ]
    );
    // The summary is what comes before <!--more-->.
    assert!(p.summary.contains("window functions"), "{:?}", p.summary);
    assert!(!p.summary.contains("running total"), "{:?}", p.summary);

    let y = a.post("post/2019/02/yaml-front-matter").unwrap();
    assert_eq!(y.date.unwrap().to_string(), "2019-02-11");
    assert_eq!(y.tags, ["PostgreSQL", "YeSQL", "Data Modeling"]);
}

// ---------------------------------------------------------------------------------------------
// The bundled archive

#[test]
fn bundled_archive_has_the_pgconf_russia_2016_talks_with_speakers_and_companies() {
    let a = bundled();
    assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
    let pg: Vec<_> = a
        .talks
        .iter()
        .filter(|t| t.conference_name() == Some("PGConf.Russia 2016"))
        .collect();
    assert_eq!(pg.len(), 3);
    for t in &pg {
        assert_eq!(t.city.as_deref(), Some("Moscow"));
        assert_eq!(t.date.unwrap().year, 2016);
        assert_eq!(t.date.unwrap().month, 2);
    }
    let mut speakers: Vec<Vec<Speaker>> = pg.iter().map(|t| t.speakers.clone()).collect();
    speakers.sort_by(|a, b| a[0].name.cmp(&b[0].name));
    let mut expected = vec![
        vec![speaker("Valentine Gogichashvili", "Zalando")],
        vec![speaker("Ronan Dunklau", "Dalibo")],
        vec![
            speaker("Марат Фаттахов", "BARS group"),
            speaker("Dmitry Boikov", "BARS group"),
        ],
    ];
    expected.sort_by(|a, b| a[0].name.cmp(&b[0].name));
    assert_eq!(speakers, expected);

    let zalando = pg
        .iter()
        .find(|t| t.speakers[0].name == "Valentine Gogichashvili")
        .unwrap();
    assert!(zalando.abstract_md.starts_with("Since its launch in 2008"));
    let dunklau = pg
        .iter()
        .find(|t| t.speakers[0].name == "Ronan Dunklau")
        .unwrap();
    assert!(dunklau.abstract_md.starts_with("Multicorn is a generic"));
    assert!(
        dunklau
            .abstract_md
            .contains("\n- using the table definition\n")
    );
}

#[test]
fn bundled_archive_has_the_two_portland_2013_talks() {
    let a = bundled();
    let oscon = a.talk("conf/2013/OSCON-fotolog").expect("OSCON talk");
    assert_eq!(oscon.speakers, [speaker("Dimitri Fontaine", "2ndQuadrant")]);
    assert_eq!(oscon.date.unwrap().to_string(), "2013-07-22");
    assert_eq!(oscon.conference_name(), Some("OSCON 2013"));
    assert_eq!(oscon.city.as_deref(), Some("Portland, OR"));
    assert!(oscon.title.to_lowercase().contains("fotolog"));
    assert!(oscon.has(LinkKind::Slides));

    let pdx = a
        .talk("conf/2013/PDXPUG-postgresql-as-a-developer")
        .expect("PDXPUG talk");
    assert_eq!(pdx.title, "PostgreSQL as a developer");
    assert_eq!(pdx.speakers, [speaker("Dimitri Fontaine", "2ndQuadrant")]);
    let d = pdx.date.unwrap();
    assert_eq!((d.year, d.month), (2013, 7));
    assert_eq!(pdx.city.as_deref(), Some("Portland, OR"));
    assert_eq!(a.talks.len(), 5);
}

#[test]
fn bundled_archive_has_the_seed_post_with_its_aliases() {
    let a = bundled();
    assert_eq!(a.posts.len(), 1);
    let p = a
        .post("post/2013/07/Portland-Conferences")
        .expect("seed post");
    assert_eq!(p.title, "OSCON, Portland, and PDXPUG");
    assert_eq!(p.date.unwrap().to_string(), "2013-07-29");
    assert_eq!(
        p.aliases,
        [
            "/blog/2013/07/29-Portland-Conferences",
            "/blog/2013/07/29-Portland-Conferences.html"
        ]
    );
    assert_eq!(p.tags, ["PostgreSQL", "Conferences", "OSCON"]);
    assert!(!p.draft);
    assert!(p.origin.path.starts_with("bundled:"));
}

#[test]
fn ids_are_stable_across_reloads() {
    let a = bundled();
    let b = bundled();
    assert_eq!(
        sorted_ids(&a.talks, |t| &t.id),
        sorted_ids(&b.talks, |t| &t.id)
    );
    let mut ids = sorted_ids(&a.talks, |t| &t.id);
    ids.dedup();
    assert_eq!(ids.len(), a.talks.len(), "ids must be unique");
}

// ---------------------------------------------------------------------------------------------
// A tree of broken files

struct Broken {
    _dir: tempfile::TempDir,
    root: PathBuf,
    post: PathBuf,
    /// Whether the unreadable file really is unreadable (not when running as root).
    unreadable_checked: bool,
}

const GOOD_ONE: &str =
    "+++\ntitle = \"Good one\"\ndate = 2020-01-02\ntags = [\"ok\"]\n+++\n\nFine.\n";
const GOOD_TWO: &str = "---\ntitle: Good two\ndate: 2020-02-03\n---\n\nAlso fine.\n";

/// A Hugo site whose content/post/ holds one file per kind of bad input, plus two good posts.
fn broken_tree() -> Broken {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let post = root.join("content/post");
    fs::create_dir_all(post.join("nested")).unwrap();
    fs::write(
        root.join("config.toml"),
        "baseURL = \"https://example.org/\"\n",
    )
    .unwrap();
    let w = |name: &str, bytes: &[u8]| fs::write(post.join(name), bytes).unwrap();
    w("good-one.md", GOOD_ONE.as_bytes());
    w("good-two.md", GOOD_TWO.as_bytes());
    w(
        "bad-utf8.md",
        b"+++\ntitle = \"Latin-1\"\n+++\n\ncaf\xe9 au lait\n",
    );
    let mut binary = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    binary.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    w("image.md", &binary);
    w("empty.md", b"");
    w(
        "date-number.md",
        b"+++\ntitle = \"Date as number\"\ndate = 12\n+++\n\nBody.\n",
    );
    w(
        "tags-string.md",
        b"+++\ntitle = \"Tags as string\"\ntags = \"x\"\n+++\n\nBody.\n",
    );
    w(
        "unclosed.md",
        b"+++\ntitle = \"Never closed\"\n\nThe body starts here.\n",
    );
    w(
        "plus-in-body.md",
        b"+++\ntitle = \"Fences in the body\"\n+++\n\nA line:\n+++\nand another\n---\nend\n",
    );
    w(
        "crlf-bom.md",
        "\u{feff}+++\r\ntitle = \"Windows file\"\r\ndate = 2020-03-04\r\n+++\r\n\r\nBody line.\r\n"
            .as_bytes(),
    );
    let mut huge = b"+++\ntitle = \"Huge\"\n+++\n\n".to_vec();
    huge.resize(30 * 1024 * 1024, b'a');
    w("huge.md", &huge);
    std::os::unix::fs::symlink(&post, post.join("nested/loop")).unwrap();
    let locked = post.join("locked.md");
    fs::write(&locked, "+++\ntitle = \"Locked\"\n+++\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let unreadable_checked = fs::File::open(&locked).is_err();
    if !unreadable_checked {
        // Root reads anything: the file then loads like a good one.
        eprintln!(
            "note: running as root, chmod 000 does not stop reads; unreadable-file check skipped"
        );
        fs::remove_file(&locked).unwrap();
    }
    Broken {
        _dir: dir,
        root,
        post,
        unreadable_checked,
    }
}

fn diags_for<'a>(a: &'a Archive, path: &Path) -> Vec<&'a Diagnostic> {
    let shown = path.display().to_string();
    a.diagnostics.iter().filter(|d| d.path == shown).collect()
}

fn one_diag<'a>(a: &'a Archive, path: &Path) -> &'a Diagnostic {
    let d = diags_for(a, path);
    assert_eq!(
        d.len(),
        1,
        "{} should have exactly one diagnostic; all: {:#?}",
        path.display(),
        a.diagnostics
    );
    d[0]
}

#[test]
fn broken_tree_names_every_bad_file_once_and_loads_the_good_ones() {
    let b = broken_tree();
    let a = load_paths(&[&b.root]);
    let post = &b.post;

    let titles: Vec<&str> = a.posts.iter().map(|p| p.title.as_str()).collect();
    for good in [
        "Good one",
        "Good two",
        "Date as number",
        "Tags as string",
        "Fences in the body",
        "Windows file",
    ] {
        assert!(titles.contains(&good), "{good:?} missing from {titles:?}");
    }
    for bad in ["Latin-1", "Never closed", "Huge", "Locked"] {
        assert!(
            !titles.contains(&bad),
            "{bad:?} should be skipped: {titles:?}"
        );
    }

    let d = one_diag(&a, &post.join("bad-utf8.md"));
    assert_eq!(d.severity, Severity::Error);
    assert!(matches!(d.error, LoadError::InvalidUtf8 { .. }), "{d}");
    assert_eq!(d.line, Some(5), "{d}");

    let d = one_diag(&a, &post.join("image.md"));
    assert_eq!(
        (d.severity, &d.error),
        (Severity::Error, &LoadError::Binary)
    );

    let d = one_diag(&a, &post.join("empty.md"));
    assert_eq!((d.severity, &d.error), (Severity::Error, &LoadError::Empty));

    let d = one_diag(&a, &post.join("date-number.md"));
    assert_eq!(d.severity, Severity::Warning, "{d}");
    assert!(
        matches!(&d.error, LoadError::WrongType { key, .. } if key == "date"),
        "{d}"
    );
    assert_eq!(d.line, Some(3), "{d}");

    let d = one_diag(&a, &post.join("tags-string.md"));
    assert_eq!(d.severity, Severity::Warning, "{d}");
    assert!(
        matches!(&d.error, LoadError::WrongType { key, .. } if key == "tags"),
        "{d}"
    );
    assert_eq!(d.line, Some(3), "{d}");

    let d = one_diag(&a, &post.join("unclosed.md"));
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.error, LoadError::UnclosedFence { fence: "+++" });
    assert_eq!(d.line, Some(1), "{d}");

    let d = one_diag(&a, &post.join("huge.md"));
    assert_eq!(d.severity, Severity::Error);
    assert!(
        matches!(d.error, LoadError::TooLarge { size, .. } if size == 30 * 1024 * 1024),
        "{d}"
    );
    assert!(
        d.to_string().contains("31457280"),
        "the size is the reason: {d}"
    );

    let d = one_diag(&a, &post.join("nested/loop"));
    assert_eq!(d.error, LoadError::SymlinkLoop, "{d}");

    if b.unreadable_checked {
        let d = one_diag(&a, &post.join("locked.md"));
        assert!(matches!(d.error, LoadError::Io(_)), "{d}");
    }

    for good in [
        "good-one.md",
        "good-two.md",
        "plus-in-body.md",
        "crlf-bom.md",
    ] {
        assert!(
            diags_for(&a, &post.join(good)).is_empty(),
            "{good} is fine: {:#?}",
            a.diagnostics
        );
    }
    // Every diagnostic is about one of the bad files: nothing spurious.
    let expected = 8 + usize::from(b.unreadable_checked);
    assert_eq!(a.diagnostics.len(), expected, "{:#?}", a.diagnostics);
    let skipped = 5 + usize::from(b.unreadable_checked);
    assert_eq!(a.skipped_files(), skipped, "{:#?}", a.diagnostics);
}

#[test]
fn broken_tree_good_files_keep_their_content() {
    let b = broken_tree();
    let a = load_paths(&[&b.root]);
    let by_title = |t: &str| a.posts.iter().find(|p| p.title == t).unwrap();

    let crlf = by_title("Windows file");
    assert_eq!(crlf.date.unwrap().to_string(), "2020-03-04");
    assert_eq!(crlf.body_md.trim_end_matches('\r'), "Body line.");

    let fences = by_title("Fences in the body");
    assert!(
        fences.body_md.contains("+++\nand another"),
        "{:?}",
        fences.body_md
    );

    assert_eq!(by_title("Date as number").date, None);
    assert!(by_title("Tags as string").tags.len() <= 1);
    assert_eq!(by_title("Good one").tags, ["ok"]);
    assert_eq!(by_title("Good two").date.unwrap().to_string(), "2020-02-03");
    // Ids come from the path, even when the folder was reached by walking.
    assert!(
        a.posts.iter().any(|p| p.id == "post/good-one"),
        "{:?}",
        sorted_ids(&a.posts, |p| &p.id)
    );
}

#[test]
fn broken_files_named_one_by_one_each_get_one_diagnostic() {
    let b = broken_tree();
    for (name, line) in [
        ("bad-utf8.md", Some(5)),
        ("image.md", None),
        ("empty.md", None),
        ("unclosed.md", Some(1)),
        ("huge.md", None),
    ] {
        let path = b.post.join(name);
        let a = load_paths(&[&path]);
        assert!(a.posts.is_empty() && a.talks.is_empty(), "{name}");
        let d = one_diag(&a, &path);
        assert_eq!(d.severity, Severity::Error, "{name}: {d}");
        assert_eq!(d.line, line, "{name}: {d}");
        assert!(!d.error.hint().is_empty());
    }
}

#[test]
fn missing_path_is_one_io_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let a = load_paths(&[&missing]);
    let d = one_diag(&a, &missing);
    assert!(matches!(d.error, LoadError::Io(_)), "{d}");
}

#[test]
fn native_toml_with_a_syntax_error_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("conf.toml");
    fs::write(
        &path,
        "[conference]\nname = \"X\"\n\n[[talk]]\ntitle = \"A\"\nspeakers = [{ name = \"B\" \n",
    )
    .unwrap();
    let a = load_paths(&[&path]);
    let d = one_diag(&a, &path);
    assert_eq!(d.severity, Severity::Error);
    assert!(matches!(d.error, LoadError::Toml(_)), "{d}");
    assert!(matches!(d.line, Some(6 | 7)), "{d}");
}

#[test]
fn a_fifo_in_the_content_folder_does_not_hang_the_load() {
    let b = broken_tree();
    let fifo = b.post.join("pipe.md");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !status.is_ok_and(|s| s.success()) {
        eprintln!("note: mkfifo not available; FIFO check skipped");
        return;
    }
    let root = b.root.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(load_paths(&[&root]));
    });
    // A generous bound: the load itself takes well under a second. On timeout the blocked
    // thread is left behind; the test binary still exits.
    let a = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("load() never returned: it blocks opening the FIFO");
    let d = one_diag(&a, &fifo);
    assert_eq!(d.severity, Severity::Error, "{d}");
    assert!(a.posts.iter().any(|p| p.title == "Good one"));
}

#[test]
fn yaml_and_json_front_matter_load_with_warnings_on_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let post = dir.path().join("content/post");
    fs::create_dir_all(&post).unwrap();
    fs::write(
        post.join("yaml.md"),
        "---\ntitle: Y\ndate: 12\ntags: x\n---\nbody\n",
    )
    .unwrap();
    fs::write(
        post.join("json.md"),
        "{\n  \"title\": \"J\",\n  \"date\": \"2019-01-02\",\n  \"tags\": [\"a\"]\n}\nbody\n",
    )
    .unwrap();
    let a = load_paths(&[dir.path()]);
    let y = a.post("post/yaml").unwrap();
    assert_eq!((y.title.as_str(), y.date), ("Y", None));
    let lines: Vec<Option<usize>> = diags_for(&a, &post.join("yaml.md"))
        .iter()
        .map(|d| d.line)
        .collect();
    assert_eq!(lines, [Some(3), Some(4)], "{:#?}", a.diagnostics);
    let j = a.post("post/json").unwrap();
    assert_eq!(j.title, "J");
    assert_eq!(j.date.unwrap().to_string(), "2019-01-02");
    assert_eq!(j.tags, ["a"]);
    assert_eq!(j.body_md, "body");
    assert!(diags_for(&a, &post.join("json.md")).is_empty());
}

#[test]
fn json_front_matter_error_gives_the_location_once() {
    let e = split_front_matter("{\n\"title\": \"J\",\n\"date\": 12,\n}\nbody\n").unwrap_err();
    assert_eq!(e.line, 4);
    let msg = e.error.to_string();
    assert!(!msg.contains(" at line "), "{msg}");
}

#[test]
fn page_bundles_and_single_files_get_path_ids() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    fs::create_dir_all(content.join("post/2020/bundle")).unwrap();
    fs::create_dir_all(content.join("talks/2021")).unwrap();
    fs::write(
        content.join("post/2020/bundle/index.md"),
        "+++\ntitle = \"B\"\n+++\n",
    )
    .unwrap();
    fs::write(
        content.join("post/2020/bundle/photo.jpg"),
        [0xffu8, 0xd8, 0],
    )
    .unwrap();
    fs::write(
        content.join("talks/2021/t.md"),
        "+++\ntitle = \"T\"\nspeakers = \"Jane Doe (ACME)\"\n+++\n",
    )
    .unwrap();
    let a = load_paths(&[dir.path()]);
    assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
    assert_eq!(sorted_ids(&a.posts, |p| &p.id), ["post/2020/bundle"]);
    let t = a.talk("talks/2021/t").expect("talks/ is a talk section");
    assert_eq!(t.speakers, [speaker("Jane Doe", "ACME")]);
    // A file named on its own keeps the id a tree walk gives it.
    let single = load_paths(&[&content.join("talks/2021/t.md")]);
    assert_eq!(sorted_ids(&single.talks, |t| &t.id), ["talks/2021/t"]);
}

// ---------------------------------------------------------------------------------------------
// Pure parsers on edge cases

#[test]
fn split_handles_crlf_bom_and_fences_in_the_body() {
    let s = split_front_matter("\u{feff}+++\r\ntitle = \"a\"\r\n+++\r\nbody\r\n+++\r\n").unwrap();
    assert_eq!(s.format, Some(Format::Toml));
    assert_eq!(s.front.trim(), "title = \"a\"");
    assert_eq!(s.body, "body\r\n+++\r\n");
    assert_eq!(s.body_line, 4);

    let s = split_front_matter("no front matter\n").unwrap();
    assert_eq!(s.format, None);
    assert_eq!(s.body, "no front matter\n");

    let e = split_front_matter("---\ntitle: a\n").unwrap_err();
    assert_eq!(e.error, LoadError::UnclosedFence { fence: "---" });
}

#[test]
fn front_matter_errors_point_at_the_file_line() {
    let e = parse_front_matter(Format::Toml, "title = \"a\"\ndate = \n", 2).unwrap_err();
    assert_eq!(e.line, 3);
    let e = parse_front_matter(Format::Yaml, "title: a\n  bad: [\n", 2).unwrap_err();
    assert!(e.line >= 2);
}

// ---------------------------------------------------------------------------------------------
// No input makes a parser panic

fn all_parsers(text: &str) {
    if let Ok(split) = split_front_matter(text)
        && let Some(format) = split.format
    {
        let _ = parse_front_matter(format, split.front, split.front_line);
    }
    for format in [Format::Toml, Format::Yaml, Format::Json] {
        let _ = parse_front_matter(format, text, 1);
    }
    let site = SiteInfo {
        base_url: Some("https://example.org".into()),
        author: Some("Someone".into()),
        ..SiteInfo::default()
    };
    let _ = parse_talk(text, "conf/x", "x.md", &site);
    let _ = parse_post(text, "post/x", "x.md", &site);
    let _ = parse_talk(text, "conf/x", "x.md", &SiteInfo::default());
    let _ = parse_native(text, "x.toml", "x");
    let _ = parse_archive_page(text);
    let _ = parse_query(text);
}

/// Strings made of the pieces the parsers look for, so inputs get past the first checks.
fn structured() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("+++\n".to_string()),
        Just("---\n".to_string()),
        Just("-\n".to_string()),
        Just("- item\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("\r\n".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[conference]\nname = \"C\"\n".to_string()),
        Just("[[talk]]\ntitle = \"T\"\n".to_string()),
        Just("speakers = [{ name = \"A\", company = \"B\" }]\n".to_string()),
        Just("date = 12\n".to_string()),
        Just("date = \"2016-02-31\"\n".to_string()),
        Just("tags = \"x\"\n".to_string()),
        Just("slides = [\";;\", \"a;b;c\"]\n".to_string()),
        Just("youtube = 5\n".to_string()),
        Just("<!--more-->\n".to_string()),
        Just("Марат Фаттахов BARS groupFirst".to_string()),
        Just("Michael PaquierA backup".to_string()),
        Just("year:2013..".to_string()),
        Just("@\"".to_string()),
        Just("has:".to_string()),
        Just(" -".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        "[a-zA-Z0-9 =:\\[\\]{}\"',.-]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn no_parser_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        all_parsers(&text);
        let _ = decode(bytes);
    }

    #[test]
    fn no_parser_panics_on_arbitrary_strings(text in any::<String>()) {
        all_parsers(&text);
        let _ = decode(text.into_bytes());
    }

    #[test]
    fn no_parser_panics_on_structured_input(text in structured()) {
        all_parsers(&text);
        let _ = decode(text.into_bytes());
    }

    #[test]
    fn decode_accepts_every_utf8_text_without_nul(text in "[^\u{0}]{0,200}") {
        prop_assert_eq!(decode(text.clone().into_bytes()).unwrap(), text);
    }
}

// ---------------------------------------------------------------------------------------------
// Real Hugo site shapes (issue 9): a personal speaker site, a conference site with speaker
// profiles, a multilingual site with page bundles, a Hugo Academic site and a site with talks
// under another section name. All invented, in tests/fixtures/.

fn links_of(links: &[talks::archive::Link], kind: LinkKind) -> Vec<&str> {
    links
        .iter()
        .filter(|l| l.kind == kind)
        .map(|l| l.url.as_str())
        .collect()
}

fn warnings_text(a: &Archive) -> Vec<String> {
    a.diagnostics.iter().map(|d| d.to_string()).collect()
}

#[test]
fn speaker_site_names_the_conference_however_it_is_written() {
    let a = load_paths(&[&fixture("speaker-site")]);
    let conf = |id: &str| a.talk(id).unwrap().conference.clone().unwrap();
    // Plain text: the text itself, never the title before its colon.
    let tide = conf("talks/2022/tidepool");
    assert_eq!(tide.name, "SFDay 2019");
    // A `{title, link}` table, with keys in capitals.
    let ledger = conf("talks/2022/ledger");
    assert_eq!(ledger.name, "Harbour Data Summit 2022");
    assert_eq!(
        ledger.url.as_deref(),
        Some("https://harbour.example.com/2022/")
    );
    // Academic's `event` + `event_url`.
    let light = conf("talks/2022/lighthouse");
    assert_eq!(light.name, "Coastal ML Meetup #14");
    assert_eq!(
        light.url.as_deref(),
        Some("https://coastal-ml.example.org/14")
    );
    assert_eq!(
        a.talk("talks/2022/tidepool").unwrap().city.as_deref(),
        Some("Nantes, France")
    );
    assert_eq!(
        a.talk("talks/2022/ledger").unwrap().city.as_deref(),
        Some("Rotterdam")
    );
}

#[test]
fn speaker_site_talks_are_given_by_the_config_author_in_any_key_case() {
    let a = load_paths(&[&fixture("speaker-site")]);
    assert_eq!(a.talks.len(), 3);
    for t in &a.talks {
        let names: Vec<&str> = t.speakers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Quentin Marlowe"], "{}", t.id);
    }
}

#[test]
fn speaker_site_links_under_every_key_and_in_the_body() {
    let a = load_paths(&[&fixture("speaker-site")]);
    let tide = a.talk("talks/2022/tidepool").unwrap();
    assert_eq!(
        links_of(&tide.links, LinkKind::Slides),
        ["https://speakerdeck.com/qmarlowe/tidepool-streaming-joins"]
    );
    assert_eq!(
        links_of(&tide.links, LinkKind::Code),
        ["https://git.example.net/qm/tidepool"]
    );
    assert_eq!(
        links_of(&tide.links, LinkKind::Web),
        ["https://joind.in/talk/ab12c"]
    );
    let ledger = a.talk("talks/2022/ledger").unwrap();
    assert_eq!(
        links_of(&ledger.links, LinkKind::Slides),
        ["https://www.slideshare.net/qmarlowe/ledgers-are-just-logs"]
    );
    assert_eq!(
        links_of(&ledger.links, LinkKind::Video),
        [
            "https://media.ccc.de/v/hds22-ledgers",
            "https://www.youtube.com/watch?v=Zx9QwErTy12"
        ]
    );
    // `ref` becomes the page's published URL; links written in the body are offered too.
    let web = links_of(&ledger.links, LinkKind::Web);
    assert!(
        web.contains(&"https://talks.example.net/post/ledger-notes/"),
        "{web:?}"
    );
    assert!(web.contains(&"https://spec.example.org/ledger"), "{web:?}");
    let light = a.talk("talks/2022/lighthouse").unwrap();
    assert_eq!(
        links_of(&light.links, LinkKind::Slides),
        ["https://talks.example.net/files/lighthouse.pdf"]
    );
    assert_eq!(
        links_of(&light.links, LinkKind::Video),
        ["https://vimeo.com/700100200"]
    );
    assert!(links_of(&light.links, LinkKind::Web).contains(&"https://demo.example.net/lighthouse"));
}

#[test]
fn speaker_site_shortcodes_become_links_images_and_text() {
    let a = load_paths(&[&fixture("speaker-site")]);
    let ledger = a.talk("talks/2022/ledger").unwrap();
    assert!(
        ledger
            .body_md
            .contains("![The whiteboard after the talk](/img/ledger-board.jpg)"),
        "{}",
        ledger.body_md
    );
    assert!(
        ledger
            .body_md
            .contains("Questions went on for twenty minutes.")
    );
    // A post that embeds a video has a video link, so `has:video` can find it.
    let notes = a.post("post/ledger-notes").unwrap();
    assert!(notes.has(LinkKind::Video), "{:?}", notes.links);
    assert_eq!(
        links_of(&notes.links, LinkKind::Video),
        ["https://vimeo.com/700100201"]
    );
    assert!(!a.post("post/no-video").unwrap().has(LinkKind::Video));
    assert_eq!(
        links_of(&a.post("post/no-video").unwrap().links, LinkKind::Web),
        ["https://books.example.org/list"]
    );
}

#[test]
fn no_raw_shortcode_reaches_the_screen_on_any_fixture_site() {
    for site in [
        "speaker-site",
        "conference-site",
        "multilingual-site",
        "academic-site",
        "other-section-site",
        "hugo-blog",
    ] {
        let a = load_paths(&[&fixture(site)]);
        for t in &a.talks {
            for text in [&t.body_md, &t.abstract_md] {
                assert!(
                    !text.contains("{{<") && !text.contains("{{%"),
                    "{}: {text}",
                    t.id
                );
            }
        }
        for p in &a.posts {
            for text in [&p.body_md, &p.summary] {
                assert!(
                    !text.contains("{{<") && !text.contains("{{%"),
                    "{}: {text}",
                    p.id
                );
            }
        }
    }
}

#[test]
fn speaker_site_empty_summaries_fall_back_and_drafts_are_marked() {
    let a = load_paths(&[&fixture("speaker-site")]);
    // `summary = ""`: the text before <!--more-->.
    assert_eq!(
        a.talk("talks/2022/tidepool").unwrap().abstract_md,
        "A tour of windowed joins over unbounded streams."
    );
    // `description: ""`: the first paragraph of prose (the embedded video is not prose).
    let ledger = a.talk("talks/2022/ledger").unwrap();
    assert!(
        ledger
            .abstract_md
            .starts_with("Ledgers, explained from the append-only log"),
        "{:?}",
        ledger.abstract_md
    );
    assert_eq!(
        a.post("post/ledger-notes").unwrap().summary,
        "The video of the talk is up:"
    );
    assert!(ledger.draft);
    assert!(!a.talk("talks/2022/tidepool").unwrap().draft);
}

#[test]
fn speaker_site_duplicate_yaml_key_is_one_warning_and_the_last_value_wins() {
    let a = load_paths(&[&fixture("speaker-site")]);
    let ledger = a.talk("talks/2022/ledger").unwrap();
    assert_eq!(
        ledger.title, "Ledgers Are Just Logs",
        "`Title:` is `title:`"
    );
    assert_eq!(ledger.date.unwrap().to_string(), "2022-06-02");
    assert_eq!(ledger.tags, ["accounting", "logs"]);
    assert_eq!(a.diagnostics.len(), 1, "{:#?}", a.diagnostics);
    let d = &a.diagnostics[0];
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.path.ends_with("ledger.md"), "{d}");
    assert_eq!(d.line, Some(13), "{d}");
    assert!(d.to_string().contains("`tags` is given twice"), "{d}");
}

#[test]
fn conference_site_resolves_speaker_ids_through_profiles_and_data_files() {
    let a = load_paths(&[&fixture("conference-site")]);
    assert_eq!(
        sorted_ids(&a.talks, |t| &t.id),
        [
            "sessions/panel",
            "sessions/pipelines",
            "sessions/search-at-sea"
        ]
    );
    let sea = a.talk("sessions/search-at-sea").unwrap();
    let people: Vec<(&str, Option<&str>)> = sea
        .speakers
        .iter()
        .map(|s| (s.name.as_str(), s.company.as_deref()))
        .collect();
    assert_eq!(
        people,
        [
            ("Tor Haugen", Some("Nordlys Systems")),
            ("Rosa Villanueva", Some("Cartografía Abierta"))
        ]
    );
    // The bio comes from the profile page, without its avatar.
    assert_eq!(
        sea.speakers[0].bio.as_deref(),
        Some("Tor builds search engines for shipping manifests.")
    );
    assert_eq!(sea.conference_name(), Some("FjordConf 2023"));
    assert_eq!(
        links_of(&sea.links, LinkKind::Slides),
        ["https://fjordconf.example.org/slides/search-at-sea.pdf"]
    );
    let pipes = a.talk("sessions/pipelines").unwrap();
    assert_eq!(pipes.speakers[0].name, "Ines Okafor");
    assert_eq!(pipes.speakers[0].company.as_deref(), Some("Tidewater Labs"));
    assert_eq!(
        links_of(&pipes.links, LinkKind::Video),
        ["https://www.youtube.com/watch?v=Fj0rdC0nf02"]
    );
    let panel = a.talk("sessions/panel").unwrap();
    let names: Vec<&str> = panel.speakers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Rosa Villanueva", "guest_host", "Arne Lund"]);
    assert_eq!(
        panel.speakers[0].company.as_deref(),
        Some("Cartografía Abierta")
    );
    assert_eq!(panel.speakers[2].company.as_deref(), Some("Fjord Ventures"));
}

#[test]
fn conference_site_warns_once_per_unknown_id_and_per_unread_talk_section() {
    let a = load_paths(&[&fixture("conference-site")]);
    let text = warnings_text(&a);
    assert_eq!(a.diagnostics.len(), 2, "{text:#?}");
    assert!(
        a.diagnostics
            .iter()
            .all(|d| d.severity == Severity::Warning)
    );
    let unknown = a
        .diagnostics
        .iter()
        .find(|d| matches!(&d.error, LoadError::UnknownSpeaker { id } if id == "guest_host"))
        .expect("guest_host has no profile");
    assert!(unknown.path.ends_with("panel.md"));
    let unread = a
        .diagnostics
        .iter()
        .find(|d| matches!(&d.error, LoadError::UnreadSection { section, .. } if section == "program"))
        .expect("program/ holds talks");
    let shown = unread.to_string();
    assert!(shown.contains("talk_sections = ["), "{shown}");
    assert!(shown.contains("\"sessions\", \"program\"]"), "{shown}");
    // The speakers' profile pages are people, never talks.
    assert!(!a.talks.iter().any(|t| t.id.starts_with("speakers/")));
}

#[test]
fn multilingual_site_translations_are_one_item_and_section_pages_none() {
    let a = load_paths(&[&fixture("multilingual-site")]);
    assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
    assert_eq!(
        sorted_ids(&a.talks, |t| &t.id),
        ["talks/2021/open-archives"]
    );
    assert_eq!(
        sorted_ids(&a.posts, |p| &p.id),
        ["posts/catalogue", "posts/only-french"]
    );
    let t = a.talk("talks/2021/open-archives").unwrap();
    assert_eq!(t.title, "Open Archives for Small Museums");
    assert_eq!(t.language.as_deref(), Some("en, fr"));
    assert_eq!(t.speakers[0].name, "Camille Dubreuil");
    // A bundle's own file is published next to the page.
    assert_eq!(
        links_of(&t.links, LinkKind::Slides),
        ["https://bilingue.example.fr/talks/2021/open-archives/slides.pdf"]
    );
    assert_eq!(links_of(&t.links, LinkKind::Video).len(), 2);
    let p = a.post("posts/catalogue").unwrap();
    assert_eq!(p.title, "The catalogue is online");
    assert_eq!(p.language.as_deref(), Some("en, fr"));
    assert_eq!(
        a.post("posts/only-french").unwrap().language.as_deref(),
        Some("fr")
    );
}

#[test]
fn academic_site_reads_events_authors_and_its_link_keys() {
    let a = load_paths(&[&fixture("academic-site")]);
    assert_eq!(
        sorted_ids(&a.talks, |t| &t.id),
        ["event/river-sensors", "event/tidal-models"]
    );
    assert!(a.posts.is_empty());
    let t = a.talk("event/river-sensors").unwrap();
    assert_eq!(t.conference_name(), Some("Open Hydrology Workshop 2020"));
    assert_eq!(
        t.conference.as_ref().unwrap().url.as_deref(),
        Some("https://ohw.example.org/2020")
    );
    assert_eq!(t.city.as_deref(), Some("Delft, Netherlands"));
    assert_eq!(t.date.unwrap().to_string(), "2020-11-03");
    assert_eq!(
        t.speakers,
        [Speaker {
            name: "Chidi Okonkwo".into(),
            company: Some("Estuary Research Institute".into()),
            bio: Some("Chidi studies river sensors and the models that read them.".into()),
        }]
    );
    // `summary: ''` is empty: the abstract is read.
    assert!(t.abstract_md.starts_with("Low-cost water level sensors"));
    // `slides: river-sensors` is a slug the site serves; empty `url_pdf`/`url_slides` are nothing.
    assert_eq!(
        links_of(&t.links, LinkKind::Slides),
        ["https://lab.example.edu/~okonkwo/slides/river-sensors/"]
    );
    assert_eq!(
        links_of(&t.links, LinkKind::Video),
        ["https://www.youtube.com/watch?v=R1verS3ns0r"]
    );
    assert_eq!(
        links_of(&t.links, LinkKind::Code),
        ["https://git.example.edu/okonkwo/river-sensors"]
    );
    let web = links_of(&t.links, LinkKind::Web);
    for want in [
        "https://social.example.org/@ohw",
        "https://ohw.example.org/2020",
    ] {
        assert!(web.contains(&want), "{want} in {web:?}");
    }
    let tidal = a.talk("event/tidal-models").unwrap();
    assert_eq!(
        links_of(&tidal.links, LinkKind::Slides),
        ["https://lab.example.edu/~okonkwo/event/tidal-models/tidal-models.pdf"]
    );
    assert_eq!(
        tidal.abstract_md,
        "A quick tour of running tidal models without a cluster."
    );
    // The one unknown co-author is named once; publications and slides are not talks and
    // raise nothing.
    assert_eq!(a.diagnostics.len(), 1, "{:#?}", warnings_text(&a));
    assert!(
        matches!(&a.diagnostics[0].error, LoadError::UnknownSpeaker { id } if id == "m_faraday")
    );
    assert_eq!(tidal.speakers[1].name, "m_faraday");
}

#[test]
fn other_section_site_reads_speaking_and_names_the_unread_section() {
    let a = load_paths(&[&fixture("other-section-site")]);
    assert_eq!(
        sorted_ids(&a.talks, |t| &t.id),
        ["speaking/2024-quiet-apis"]
    );
    assert_eq!(sorted_ids(&a.posts, |p| &p.id), ["blog/hello"]);
    assert_eq!(a.talks[0].speakers[0].name, "Pia Lindqvist");
    assert_eq!(a.diagnostics.len(), 1, "{:#?}", warnings_text(&a));
    let d = &a.diagnostics[0];
    assert!(d.path.ends_with("appearances"), "{d}");
    assert!(
        d.to_string().contains("`appearances/` looks like talks"),
        "{d}"
    );
    assert!(d.to_string().contains("\"appearances\"]"), "{d}");
    // With the section added as the message says, its talks load.
    let sections = talks::archive::hugo::Sections {
        talks: vec!["speaking".into(), "appearances".into()],
        posts: vec!["blog".into()],
    };
    let b = talks::archive::load::load_with(
        &Sources {
            bundled: false,
            paths: vec![fixture("other-section-site")],
        },
        &sections,
    );
    assert!(b.diagnostics.is_empty(), "{:#?}", b.diagnostics);
    assert_eq!(b.talks.len(), 3);
}

#[test]
fn the_users_file_wins_an_id_clash_with_the_bundled_archive() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("content/conf/2013");
    let post = dir.path().join("content/post/2013/07");
    fs::create_dir_all(&conf).unwrap();
    fs::create_dir_all(&post).unwrap();
    fs::write(
        conf.join("OSCON-fotolog.md"),
        "+++\ntitle = \"My own notes on the Fotolog talk\"\ndate = 2013-07-23\n+++\n",
    )
    .unwrap();
    fs::write(
        post.join("Portland-Conferences.md"),
        "+++\ntitle = \"My Portland week\"\n+++\n",
    )
    .unwrap();
    let a = load(&Sources {
        bundled: true,
        paths: vec![dir.path().to_path_buf()],
    });
    assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
    let mine: Vec<&talks::archive::Talk> = a
        .talks
        .iter()
        .filter(|t| t.id.starts_with("conf/2013/OSCON-fotolog"))
        .collect();
    assert_eq!(mine.len(), 1, "no renamed copy");
    assert_eq!(mine[0].id, "conf/2013/OSCON-fotolog");
    assert_eq!(mine[0].title, "My own notes on the Fotolog talk");
    assert!(!mine[0].origin.path.starts_with("bundled:"));
    assert!(!a.talks.iter().any(|t| t.id.contains('~')));
    let p = a.post("post/2013/07/Portland-Conferences").unwrap();
    assert_eq!(p.title, "My Portland week");
    assert_eq!(a.posts.len(), 1);
    // The rest of the bundled archive is still there.
    assert_eq!(a.talks.len(), 5);
}

// ---------------------------------------------------------------------------------------------
// Every key alias, one row each

fn talk_from(front: &str) -> (talks::archive::Talk, Vec<Diagnostic>) {
    let site = SiteInfo {
        base_url: Some("https://me.example".into()),
        ..SiteInfo::default()
    };
    parse_talk(
        &format!("---\ntitle: T\n{front}\n---\nBody.\n"),
        "talks/t",
        "talks/t.md",
        &site,
    )
    .unwrap()
}

#[test]
fn every_link_key_alias() {
    // (front matter line, kind, URL)
    let cases: &[(&str, LinkKind, &str)] = &[
        (
            "youtube: abc",
            LinkKind::Video,
            "https://www.youtube.com/watch?v=abc",
        ),
        ("vimeo: 42", LinkKind::Video, "https://vimeo.com/42"),
        (
            "video: abc",
            LinkKind::Video,
            "https://www.youtube.com/watch?v=abc",
        ),
        (
            "video: https://v.example/x",
            LinkKind::Video,
            "https://v.example/x",
        ),
        (
            "videoId: abc",
            LinkKind::Video,
            "https://www.youtube.com/watch?v=abc",
        ),
        (
            "url_video: https://youtu.be/x",
            LinkKind::Video,
            "https://youtu.be/x",
        ),
        (
            "recording: https://rec.example/1",
            LinkKind::Video,
            "https://rec.example/1",
        ),
        (
            "slides: https://s.example/d.pdf",
            LinkKind::Slides,
            "https://s.example/d.pdf",
        ),
        (
            "slides: [\"/t.png;/d.pdf\"]",
            LinkKind::Slides,
            "https://me.example/d.pdf",
        ),
        (
            "slides: my-deck",
            LinkKind::Slides,
            "https://me.example/slides/my-deck/",
        ),
        (
            "presentation: /p.pdf",
            LinkKind::Slides,
            "https://me.example/p.pdf",
        ),
        (
            "url_slides: /u.pdf",
            LinkKind::Slides,
            "https://me.example/u.pdf",
        ),
        (
            "url_pdf: /paper.pdf",
            LinkKind::Slides,
            "https://me.example/paper.pdf",
        ),
        ("pdf: /x.pdf", LinkKind::Slides, "https://me.example/x.pdf"),
        (
            "slides_url: https://s.example/u",
            LinkKind::Slides,
            "https://s.example/u",
        ),
        (
            "speakerdeck: me/deck",
            LinkKind::Slides,
            "https://speakerdeck.com/me/deck",
        ),
        (
            "slideshare: me/deck",
            LinkKind::Slides,
            "https://www.slideshare.net/me/deck",
        ),
        (
            "url_code: https://c.example/r",
            LinkKind::Code,
            "https://c.example/r",
        ),
        (
            "code: https://c.example/r",
            LinkKind::Code,
            "https://c.example/r",
        ),
        (
            "repository: https://c.example/r",
            LinkKind::Code,
            "https://c.example/r",
        ),
        (
            "joindin: https://joind.in/talk/x",
            LinkKind::Web,
            "https://joind.in/talk/x",
        ),
        (
            "event_url: https://e.example/",
            LinkKind::Web,
            "https://e.example/",
        ),
        (
            "links: [https://l.example/]",
            LinkKind::Web,
            "https://l.example/",
        ),
        (
            "links:\n- name: Code\n  url: https://l.example/c",
            LinkKind::Code,
            "https://l.example/c",
        ),
        (
            "links:\n- name: Follow\n  url: https://social.example/@me",
            LinkKind::Web,
            "https://social.example/@me",
        ),
        (
            "links:\n- name: Video\n  url: https://vimeo.com/9",
            LinkKind::Video,
            "https://vimeo.com/9",
        ),
    ];
    for (line, kind, url) in cases {
        let (t, d) = talk_from(line);
        assert!(d.is_empty(), "{line}: {d:#?}");
        assert_eq!(
            t.links
                .iter()
                .map(|l| (l.kind, l.url.as_str()))
                .collect::<Vec<_>>(),
            [(*kind, *url)],
            "{line}"
        );
    }
}

#[test]
fn every_conference_and_place_key_alias() {
    // (front matter, conference name, conference URL, city)
    let cases: &[(&str, &str, Option<&str>, Option<&str>)] = &[
        (
            "conference: \"[Conf X](https://x.example/) is a conference.\"",
            "Conf X",
            Some("https://x.example/"),
            None,
        ),
        ("conference: SFDay 2019", "SFDay 2019", None, None),
        (
            "conference: \"A yearly meetup. Held in spring.\"",
            "A yearly meetup",
            None,
            None,
        ),
        (
            "conference:\n  title: Conf T\n  link: https://t.example/",
            "Conf T",
            Some("https://t.example/"),
            None,
        ),
        (
            "conference:\n  name: Conf N\n  url: https://n.example/",
            "Conf N",
            Some("https://n.example/"),
            None,
        ),
        (
            "event: Ev 1\nevent_url: https://ev.example/",
            "Ev 1",
            Some("https://ev.example/"),
            None,
        ),
        (
            "conference: C\nconference_url: https://c.example/",
            "C",
            Some("https://c.example/"),
            None,
        ),
        (
            "conference: C\nconferenceUrl: https://c.example/",
            "C",
            Some("https://c.example/"),
            None,
        ),
        ("Conference: C\nLocation: Oslo", "C", None, Some("Oslo")),
        ("event: E\ncity: Lima", "E", None, Some("Lima")),
        (
            "event: E\naddress:\n  city: Graz\n  country: Austria",
            "E",
            None,
            Some("Graz, Austria"),
        ),
        (
            "event: E\nlocation:\n  name: Town Hall, Oslo\n  url: https://th.example/",
            "E",
            None,
            Some("Town Hall, Oslo"),
        ),
    ];
    for (front, name, url, city) in cases {
        let (t, d) = talk_from(front);
        assert!(d.is_empty(), "{front}: {d:#?}");
        let c = t.conference.clone().unwrap_or_default();
        assert_eq!(c.name, *name, "{front}");
        assert_eq!(c.url.as_deref(), *url, "{front}");
        assert_eq!(t.city.as_deref(), *city, "{front}");
    }
    // "Title: rest" without a conference key names no conference.
    let (t, _) = talk_from("date: 2020-01-01");
    assert_eq!(t.conference, None);
}

#[test]
fn every_speaker_and_summary_key_alias() {
    for key in ["speakers", "speaker", "authors", "author", "Speakers"] {
        let (t, d) = talk_from(&format!("{key}: Ada Lovelace"));
        assert!(d.is_empty(), "{key}: {d:#?}");
        assert_eq!(t.speaker_names(), "Ada Lovelace", "{key}");
    }
    let (t, _) = talk_from("speakers:\n- name: Ada\n  company: Engines\n- Bob (Corp)");
    assert_eq!(
        t.speakers,
        [speaker("Ada", "Engines"), speaker("Bob", "Corp")]
    );
    let (t, d) = talk_from("speakers: [ada_l]");
    assert_eq!(t.speaker_names(), "ada_l", "an unknown id stays as written");
    assert!(
        matches!(&d[..], [x] if matches!(&x.error, LoadError::UnknownSpeaker { id } if id == "ada_l")),
        "{d:#?}"
    );
    for (front, want) in [
        ("summary: Short.", "Short."),
        ("abstract: Long.", "Long."),
        ("description: Desc.", "Desc."),
        ("summary: ''\ndescription: Desc.", "Desc."),
        ("summary: ''", "Body."),
        ("Summary: Upper.", "Upper."),
    ] {
        let (t, _) = talk_from(front);
        assert_eq!(t.abstract_md, want, "{front}");
    }
    let (t, _) = talk_from("draft: true");
    assert!(t.draft);
    for (front, want) in [
        ("language: English", "en"),
        ("lang: fr", "fr"),
        ("Language: en-US", "en"),
    ] {
        let (t, _) = talk_from(front);
        assert_eq!(t.language.as_deref(), Some(want), "{front}");
    }
}

#[test]
fn multilingual_site_by_content_folder_gives_one_item_per_page() {
    let a = load_paths(&[&fixture("multilingual-dirs-site")]);
    assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
    assert_eq!(sorted_ids(&a.talks, |t| &t.id), ["talks/bridges"]);
    let t = &a.talks[0];
    // The default language's page is the item; the other is listed and its video offered.
    assert_eq!(t.title, "Bridges Between Old Systems");
    assert_eq!(t.language.as_deref(), Some("en, de"));
    assert_eq!(t.speakers[0].name, "Jonas Berger");
    assert_eq!(links_of(&t.links, LinkKind::Video).len(), 2);
}
