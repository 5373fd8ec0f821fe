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
        follow_outside: false,
    })
}

fn bundled() -> Archive {
    load(&Sources {
        bundled: true,
        paths: Vec::new(),
        follow_outside: false,
    })
}

fn sorted_ids<T: talks::archive::items::Record>(
    items: &talks::archive::Items<T>,
    id: impl Fn(&T) -> &str,
) -> Vec<String> {
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

// The Hugo site shapes of issue 9, and the key alias tables.
#[path = "archive/hugo_sites.rs"]
mod hugo_sites;

/// A native archive with one talk, `title`, in `dir/name`.
fn write_native(dir: &Path, name: &str, title: &str) {
    fs::create_dir_all(dir).unwrap();
    fs::write(
        dir.join(name),
        format!("[conference]\nname = \"C\"\ndate = 2020-01-01\n\n[[talk]]\ntitle = \"{title}\"\n"),
    )
    .unwrap();
}

#[test]
fn a_symlink_out_of_the_archive_folder_is_named_and_not_followed_unless_allowed() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    let outside = tmp.path().join("private");
    write_native(&archive, "mine.toml", "Mine");
    write_native(&outside, "secret.toml", "Secret");
    std::os::unix::fs::symlink(&outside, archive.join("escape")).unwrap();
    // A link that stays inside is followed as before.
    std::os::unix::fs::symlink(archive.join("mine.toml"), archive.join("again.toml")).unwrap();

    let a = load_paths(&[&archive]);
    let titles: Vec<&str> = a.talks.iter().map(|t| t.title.as_str()).collect();
    assert!(!titles.contains(&"Secret"), "{titles:?}");
    assert_eq!(
        titles.iter().filter(|t| **t == "Mine").count(),
        2,
        "{titles:?}"
    );
    let d: Vec<&Diagnostic> = a
        .diagnostics
        .iter()
        .filter(|d| matches!(d.error, LoadError::OutsideRoot { .. }))
        .collect();
    assert_eq!(d.len(), 1, "{:#?}", a.diagnostics);
    assert!(d[0].path.ends_with("escape"), "{}", d[0]);
    assert_eq!(d[0].severity, Severity::Warning);
    assert!(d[0].to_string().contains("--follow-symlinks"), "{}", d[0]);

    let allowed = load(&Sources {
        bundled: false,
        paths: vec![archive.clone()],
        follow_outside: true,
    });
    assert!(allowed.talks.iter().any(|t| t.title == "Secret"));
}

#[test]
fn a_file_name_that_is_not_utf8_gets_a_diagnostic_instead_of_vanishing() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.toml");
    fs::write(
        tmp.path().join(name),
        "[conference]\nname = \"C\"\n\n[[talk]]\ntitle = \"T\"\n",
    )
    .unwrap();
    let a = load_paths(&[tmp.path()]);
    let d: Vec<&Diagnostic> = a
        .diagnostics
        .iter()
        .filter(|d| matches!(d.error, LoadError::NameNotUtf8))
        .collect();
    assert_eq!(d.len(), 1, "{:#?}", a.diagnostics);
    assert_eq!(d[0].severity, Severity::Error);
}
