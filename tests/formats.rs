//! Conference archives in their own formats, loaded through the public loader as `--data`
//! would: a pyvideo tree, a frab schedule.xml, a pretalx schedule.json, and a folder mixing
//! them with a Hugo site and a native file. Fixtures are invented, in the real shapes.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use proptest::prelude::*;
use talks::archive::cache::Cache;
use talks::archive::hugo::Sections;
use talks::archive::load::{Sources, load, load_cached};
use talks::archive::page::parse_archive_page;
use talks::archive::pyvideo::{Event, parse_category, parse_talk};
use talks::archive::rst::to_markdown;
use talks::archive::schedule::{frab, pretalx};
use talks::archive::{Archive, LinkKind, LoadError, Severity, Talk};
use talks::search::query::parse_query;
use talks::search::{Index, Matcher};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn load_paths(paths: &[PathBuf]) -> Archive {
    load(&Sources {
        bundled: false,
        paths: paths.to_vec(),
        follow_outside: false,
    })
}

fn talk<'a>(a: &'a Archive, id: &str) -> &'a Talk {
    a.talk(id).unwrap_or_else(|| {
        let ids: Vec<&str> = a.talks.iter().map(|t| t.id.as_str()).collect();
        panic!("no talk {id}; have {ids:?}")
    })
}

fn ids(a: &Archive) -> Vec<String> {
    let mut v: Vec<String> = a.talks.iter().map(|t| t.id.clone()).collect();
    v.sort();
    v
}

fn links(t: &Talk) -> Vec<(LinkKind, &str)> {
    t.links.iter().map(|l| (l.kind, l.url.as_str())).collect()
}

/// Titles of the talks a query finds, best first.
fn found(a: &Archive, q: &str) -> Vec<String> {
    let index = Index::build(a);
    let (query, errors) = parse_query(q);
    assert!(errors.is_empty(), "{q}: {errors:?}");
    let hits = Matcher::new()
        .search(&index, &query, None, &AtomicBool::new(false))
        .unwrap();
    hits.iter()
        .map(|h| a.talks[index.doc(h.doc).idx as usize].title.clone())
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            fs::copy(e.path(), dest).unwrap();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// pyvideo

#[test]
fn pyvideo_tree_loads_every_talk_and_ignores_what_is_not_one() {
    let a = load_paths(&[fixture("pyvideo")]);
    // README.md, NO_PUBLISH.json and .schemas/ are not talks and not worth a word.
    assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
    assert_eq!(
        ids(&a),
        [
            "harbour-pycon-2018/async-tide-tables",
            "harbour-pycon-2018/lightning-talks",
            "mountain-py-2020/potoki-dannyh",
            "mountain-py-2020/szybkie-slowniki",
            "tiny-sprint/sprint-intro",
        ]
    );
    assert_eq!(a.files_seen, 5);
}

#[test]
fn pyvideo_talk_has_every_field() {
    let a = load_paths(&[fixture("pyvideo")]);
    let t = talk(&a, "harbour-pycon-2018/async-tide-tables");
    assert_eq!(t.title, "Async tide tables");
    assert_eq!(t.speaker_names(), "Saoirse Byrne, Kwame Mensah");
    assert_eq!(t.date.unwrap().to_string(), "2018-10-05");
    let conf = t.conference.as_ref().unwrap();
    assert_eq!(conf.name, "Harbour PyCon 2018");
    assert_eq!(
        conf.url.as_deref(),
        Some("https://pycon.harbour.example/2018/")
    );
    assert_eq!(
        conf.description.as_deref(),
        Some("Held in a converted `warehouse`.")
    );
    assert_eq!(t.language.as_deref(), Some("en"));
    assert_eq!(t.tags, ["asyncio", "scheduling"]);
    assert_eq!(t.duration_min, Some(29));
    assert_eq!(
        links(t),
        [
            (
                LinkKind::Video,
                "https://www.youtube.com/watch?v=Tide0000001"
            ),
            (
                LinkKind::Slides,
                "https://speakerdeck.com/example/async-tides"
            ),
            (LinkKind::Code, "https://github.com/example/tide-tables"),
            (
                LinkKind::Web,
                "https://pycon.harbour.example/2018/talks/tides"
            ),
        ]
    );
    assert_eq!(
        t.links[0].thumbnail.as_deref(),
        Some("https://i.ytimg.com/vi/Tide0000001/hqdefault.jpg")
    );
    // Summary first, then the description, reStructuredText made Markdown.
    let md = &t.abstract_md;
    assert!(
        md.starts_with("Scheduling with asyncio, by the sea.\n\nTide tables"),
        "{md}"
    );
    assert!(
        md.contains("- `asyncio` task groups\n- back-pressure"),
        "{md}"
    );
    assert!(
        md.contains("[the tide service](https://tides.example/api)"),
        "{md}"
    );
    assert!(
        md.contains(
            "A sample:\n\n```\nasync with TaskGroup() as tg:\n    tg.create_task(fetch())\n```"
        ),
        "{md}"
    );
    assert!(t.extra.contains_key("copyright_text"));
}

#[test]
fn pyvideo_placeholders_dates_languages_and_folder_names() {
    let a = load_paths(&[fixture("pyvideo")]);
    let lightning = talk(&a, "harbour-pycon-2018/lightning-talks");
    assert!(lightning.speakers.is_empty(), "Various speakers is nobody");
    assert_eq!(lightning.date.unwrap().to_string(), "2018-10-06");
    assert_eq!(lightning.abstract_md, "");
    assert_eq!(
        links(lightning),
        [
            (
                LinkKind::Video,
                "https://media.harbour.example/2018/lightning-2.mp4"
            ),
            (LinkKind::Video, "https://vimeo.com/700000002"),
        ]
    );
    let polish = talk(&a, "mountain-py-2020/szybkie-slowniki");
    assert_eq!(polish.language.as_deref(), Some("pl"));
    // An empty `recorded`: the event's first day.
    assert_eq!(polish.date.unwrap().to_string(), "2020-02-14");
    let russian = talk(&a, "mountain-py-2020/potoki-dannyh");
    assert_eq!(russian.language.as_deref(), Some("ru"));
    assert_eq!(russian.speaker_names(), "Пётр Лебедев");
    assert!(
        russian
            .abstract_md
            .contains("## Основные темы\n\n- `itertools`"),
        "{}",
        russian.abstract_md
    );
    // No category.json: the folder names the event; "TBD" is nobody.
    let sprint = talk(&a, "tiny-sprint/sprint-intro");
    assert_eq!(sprint.conference_name(), Some("tiny-sprint"));
    assert!(sprint.speakers.is_empty());
}

#[test]
fn the_repositorys_tooling_folders_are_passed_over_silently() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("pyvideo"), dir.path());
    fs::create_dir_all(dir.path().join("docs")).unwrap();
    fs::write(dir.path().join("docs/index.rst"), "Data\n====\n").unwrap();
    fs::write(dir.path().join("docs/notes.txt"), "how to add an event\n").unwrap();
    fs::create_dir_all(dir.path().join("bin")).unwrap();
    fs::write(dir.path().join("bin/videos.json"), "[]").unwrap();
    let a = load_paths(&[dir.path().to_path_buf()]);
    assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
    assert_eq!(a.talks.len(), 5);
    // The same files in a folder that is no pyvideo tree are named.
    let plain = tempfile::tempdir().unwrap();
    copy_dir(&dir.path().join("docs"), &plain.path().join("docs"));
    let a = load_paths(&[plain.path().to_path_buf()]);
    assert_eq!(a.diagnostics.len(), 2, "{:#?}", a.diagnostics);
}

#[test]
fn one_pyvideo_event_folder_loads_with_the_same_ids() {
    let a = load_paths(&[fixture("pyvideo/harbour-pycon-2018")]);
    assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
    assert_eq!(
        ids(&a),
        [
            "harbour-pycon-2018/async-tide-tables",
            "harbour-pycon-2018/lightning-talks"
        ]
    );
}

#[test]
fn a_videos_folder_or_one_talk_file_loads_with_its_event() {
    let a = load_paths(&[fixture("pyvideo/mountain-py-2020/videos")]);
    assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
    assert_eq!(
        ids(&a),
        [
            "mountain-py-2020/potoki-dannyh",
            "mountain-py-2020/szybkie-slowniki"
        ]
    );
    let a = load_paths(&[fixture(
        "pyvideo/harbour-pycon-2018/videos/async-tide-tables.json",
    )]);
    assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
    assert_eq!(ids(&a), ["harbour-pycon-2018/async-tide-tables"]);
    assert_eq!(a.talks[0].conference_name(), Some("Harbour PyCon 2018"));
    let a = load_paths(&[fixture("pyvideo/harbour-pycon-2018/category.json")]);
    assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
    assert_eq!(a.talks.len(), 2);
}

#[test]
fn pyvideo_talks_are_found_by_speaker_title_and_language_name() {
    let a = load_paths(&[fixture("pyvideo")]);
    assert_eq!(found(&a, "@mensah"), ["Async tide tables"]);
    assert_eq!(found(&a, "tide tables"), ["Async tide tables"]);
    assert_eq!(found(&a, "lang:russian"), ["Потоки данных на генераторах"]);
    assert_eq!(found(&a, "lang:ru"), ["Потоки данных на генераторах"]);
    assert_eq!(found(&a, "lang:polish"), ["Szybkie słowniki"]);
    assert_eq!(found(&a, "lang:en").len(), 2);
    assert_eq!(found(&a, "conf:harbour").len(), 2);
}

#[test]
fn broken_pyvideo_files_are_named_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let ev = dir.path().join("broken-event");
    fs::create_dir_all(ev.join("videos")).unwrap();
    fs::write(ev.join("category.json"), "{\"title\": \"Broken Event\"}").unwrap();
    fs::write(ev.join("videos/good.json"), "{\"title\": \"Fine\"}").unwrap();
    fs::write(
        ev.join("videos/bad.json"),
        "{\n  \"title\": \"x\",\n  \"speakers\": [,]\n}",
    )
    .unwrap();
    fs::write(ev.join("videos/untitled.json"), "{\"speakers\": [\"A\"]}").unwrap();
    let a = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(ids(&a), ["broken-event/good"]);
    assert_eq!(
        talk(&a, "broken-event/good").conference_name(),
        Some("Broken Event")
    );
    let mut errors: Vec<(String, Option<usize>)> = a
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            (
                Path::new(&d.path)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                d.line,
            )
        })
        .collect();
    errors.sort();
    assert_eq!(
        errors,
        [
            ("bad.json".to_string(), Some(3)),
            ("untitled.json".to_string(), Some(1))
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// schedules

#[test]
fn frab_schedule_loads_every_event_with_every_field() {
    let a = load_paths(&[fixture("frab/schedule.xml")]);
    assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
    assert_eq!(ids(&a), ["lk23/5501", "lk23/5502", "lk23/5503"]);
    let t = talk(&a, "lk23/5501");
    assert_eq!(
        t.title,
        "Fresnel lenses & open hardware — Grinding glass with a 3D printer"
    );
    assert_eq!(t.speaker_names(), "Aoife Keane, Henrik Lund");
    assert_eq!(
        t.conference_name(),
        Some("Lighthouse Keepers' Congress 2023")
    );
    assert_eq!(t.date.unwrap().to_string(), "2023-12-27");
    assert_eq!(t.language.as_deref(), Some("en"));
    assert_eq!(t.tags, ["Hardware & Making"]);
    assert_eq!(t.session_type.as_deref(), Some("lecture"));
    assert_eq!(t.room.as_deref(), Some("Lamp Room"));
    assert_eq!(t.duration_min, Some(40));
    assert_eq!(
        t.abstract_md,
        "Why a \"lens\" made of rings beats a solid one.\n\nWe printed moulds for 40 segments.\n\nLessons, photos and failures."
    );
    assert_eq!(
        links(t),
        [
            (LinkKind::Video, "https://cdn.lk23.example/lk23-5501.mp4"),
            (
                LinkKind::Slides,
                "https://lk23.example/files/fresnel-slides.pdf"
            ),
            (LinkKind::Code, "https://codeberg.org/example/lens-moulds"),
            (LinkKind::Web, "https://lk23.example/talk/5501"),
        ]
    );
    let de = talk(&a, "lk23/5502");
    assert_eq!(de.title, "Nebelhörner im Wandel");
    assert_eq!(de.language.as_deref(), Some("de"));
    assert_eq!(de.room.as_deref(), Some("Keeper's Hut"));
    assert_eq!(de.duration_min, Some(60));
    assert_eq!(de.session_type.as_deref(), Some("workshop"));
    assert_eq!(de.speaker_names(), "Grete Sørensen");
    assert_eq!(
        talk(&a, "lk23/5503").date.unwrap().to_string(),
        "2023-12-28"
    );
    assert_eq!(found(&a, "lang:german"), ["Nebelhörner im Wandel"]);
}

#[test]
fn a_redownloaded_schedule_keeps_its_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schedule.xml");
    let text = fs::read_to_string(fixture("frab/schedule.xml")).unwrap();
    fs::write(&path, &text).unwrap();
    let before = ids(&load_paths(std::slice::from_ref(&path)));
    // The programme changed: a title edited, an event moved to another day and room.
    let edited = text
        .replace("Nebelhörner im Wandel", "Nebelhörner: eine Geschichte")
        .replace(
            "<date>2023-12-27T14:30:00+01:00</date>",
            "<date>2023-12-28T09:00:00+01:00</date>",
        );
    fs::write(&path, edited).unwrap();
    let after = load_paths(&[path]);
    assert_eq!(ids(&after), before);
    assert_eq!(
        talk(&after, "lk23/5502").title,
        "Nebelhörner: eine Geschichte"
    );
}

#[test]
fn pretalx_schedule_json_loads_like_the_xml() {
    let a = load_paths(&[fixture("pretalx/schedule.json")]);
    assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
    assert_eq!(ids(&a), ["meadow-2024/3301", "meadow-2024/3302"]);
    let t = talk(&a, "meadow-2024/3301");
    assert_eq!(t.title, "Counting pollinators with cheap cameras");
    assert_eq!(t.speaker_names(), "Nadia Haddad");
    assert_eq!(t.conference_name(), Some("Meadow Data Days 2024"));
    assert_eq!(t.date.unwrap().to_string(), "2024-05-16");
    assert_eq!(t.tags, ["Field data"]);
    assert_eq!(t.room.as_deref(), Some("Barn"));
    assert_eq!(t.duration_min, Some(30));
    assert_eq!(
        t.abstract_md,
        "Edge inference on bee traffic.\n\nWe ran **twelve** cameras for a summer."
    );
    assert_eq!(
        links(t),
        [
            (LinkKind::Web, "https://zenodo.example/record/42"),
            (
                LinkKind::Slides,
                "https://pretalx.example/media/meadow/slides.pdf"
            ),
            (
                LinkKind::Web,
                "https://pretalx.example/meadow-2024/talk/MDW1/"
            ),
        ]
    );
    let w = talk(&a, "meadow-2024/3302");
    assert_eq!(w.speaker_names(), "Lucía Ortega, Mateo Vidal");
    assert_eq!(w.language.as_deref(), Some("es"));
    assert_eq!(w.session_type.as_deref(), Some("Workshop"));
    assert_eq!(w.duration_min, Some(90));
    assert!(w.tags.is_empty());
    assert_eq!(
        found(&a, "lang:spanish"),
        ["Taller de R para principiantes"]
    );
}

#[test]
fn a_named_file_that_is_no_schedule_is_an_error_saying_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.xml");
    fs::write(&feed, "<?xml version='1.0'?><rss><channel/></rss>").unwrap();
    let a = load_paths(&[feed]);
    assert!(a.talks.is_empty());
    assert_eq!(a.diagnostics.len(), 1);
    let d = &a.diagnostics[0];
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(
        d.to_string().lines().next().unwrap(),
        format!(
            "{}: error: not read: looks like XML whose root is <rss>, not a frab <schedule>",
            d.path
        )
    );
}

// ---------------------------------------------------------------------------------------------
// mixed folders

#[test]
fn a_mixed_folder_loads_each_kind_and_names_what_it_could_not_place() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_dir(&fixture("hugo-blog"), &root.join("site"));
    copy_dir(
        &fixture("pyvideo/mountain-py-2020"),
        &root.join("pyvideo/mountain-py-2020"),
    );
    fs::copy(fixture("frab/schedule.xml"), root.join("lk23.xml")).unwrap();
    fs::copy(fixture("pretalx/schedule.json"), root.join("meadow.json")).unwrap();
    fs::write(
        root.join("extra.toml"),
        "[conference]\nname = \"Tarn Meetup\"\n[[talk]]\ntitle = \"Ropes\"\n",
    )
    .unwrap();
    fs::write(root.join("notes.json"), "{\"todo\": [\"call Ana\"]}").unwrap();
    fs::write(
        root.join("old.txt"),
        "Postrelease\nTalks\nTalks archive\n-\nA B text\n",
    )
    .unwrap();
    fs::write(root.join("README.md"), "# my archive\n").unwrap();
    fs::write(root.join("photo.jpg"), [0xff, 0xd8, 0xff]).unwrap();

    let a = load_paths(&[root.to_path_buf()]);
    let hugo_only = load_paths(&[fixture("hugo-blog")]);
    assert_eq!(
        a.talks.len(),
        hugo_only.talks.len() + 2 + 3 + 2 + 1,
        "{:?}",
        ids(&a)
    );
    assert_eq!(a.posts.len(), hugo_only.posts.len());
    assert!(a.talk("mountain-py-2020/potoki-dannyh").is_some());
    assert!(a.talk("lk23/5501").is_some());
    assert!(a.talk("meadow-2024/3302").is_some());
    assert!(a.talk("extra/ropes").is_some());
    let mut notes: Vec<(String, String)> = a
        .diagnostics
        .iter()
        .map(|d| {
            assert_eq!(d.severity, Severity::Warning, "{d}");
            let LoadError::Unplaced { looked_like } = &d.error else {
                panic!("unexpected {d}");
            };
            (
                Path::new(&d.path)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                looked_like.clone(),
            )
        })
        .collect();
    notes.sort();
    assert_eq!(
        notes,
        [
            (
                "notes.json".to_string(),
                "a JSON object with keys todo".to_string()
            ),
            (
                "old.txt".to_string(),
                "a saved talks-archive page (convert it with `talks import archive-page`)"
                    .to_string()
            ),
        ]
    );
}

#[test]
fn a_hugo_site_in_a_folder_named_like_a_section_does_not_hide_its_neighbours() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_dir(&fixture("hugo-blog"), &root.join("blog"));
    fs::copy(fixture("frab/schedule.xml"), root.join("lk23.xml")).unwrap();
    let a = load_paths(&[root.to_path_buf()]);
    let hugo_only = load_paths(&[fixture("hugo-blog")]);
    assert_eq!(a.talks.len(), hugo_only.talks.len() + 3, "{:?}", ids(&a));
    assert_eq!(a.posts.len(), hugo_only.posts.len());
    assert_eq!(sorted(&a.posts), sorted(&hugo_only.posts));
}

fn sorted(posts: &talks::archive::Posts) -> Vec<String> {
    let mut v: Vec<String> = posts.iter().map(|p| p.id.clone()).collect();
    v.sort();
    v
}

#[test]
fn formats_go_through_the_cache_and_come_back_equal() {
    let src = Sources {
        bundled: false,
        paths: vec![
            fixture("pyvideo"),
            fixture("frab/schedule.xml"),
            fixture("pretalx/schedule.json"),
        ],
        follow_outside: false,
    };
    let sections = Sections::default();
    let (first, cache, stats) = load_cached(&src, &sections, Some(Cache::default()));
    assert_eq!((stats.hits, stats.misses), (0, 7));
    let (second, _, stats) = load_cached(&src, &sections, cache);
    assert_eq!((stats.hits, stats.misses), (7, 0));
    assert_eq!(second.talks, first.talks);
}

// ---------------------------------------------------------------------------------------------
// archive pages (the command line)

fn talks_cmd(home: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_talks"))
        .args(args)
        .env("TALKS_CONFIG_DIR", home.join("config"))
        .env("TALKS_DATA_DIR", home.join("data"))
        .env("TALKS_CACHE_DIR", home.join("cache"))
        .env_remove("TALKS_DATA")
        .env("NO_COLOR", "1")
        .current_dir(home)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn import_of_the_later_page_layout_gives_titled_talks_that_load() {
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("pg.toml");
    let page = fixture("pages/later-layout.txt");
    let r = talks_cmd(
        home.path(),
        &[
            "import",
            "archive-page",
            &page.display().to_string(),
            "-o",
            &out.display().to_string(),
            "--conference",
            "Невская конференция",
            "--year",
            "2019",
        ],
    );
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let a = load_paths(&[out]);
    assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
    let mut titles: Vec<(&str, &str, Option<&str>)> = a
        .talks
        .iter()
        .map(|t| {
            (
                t.title.as_str(),
                t.speakers[0].name.as_str(),
                t.language.as_deref(),
            )
        })
        .collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            ("Logical decoding in production", "Lars Eriksen", Some("en")),
            (
                "Планировщик запросов изнутри",
                "Марина Соколова",
                Some("ru")
            ),
            (
                "Резервное копирование без простоя",
                "Дмитрий Орлов",
                Some("ru")
            ),
        ]
    );
    assert!(
        a.talks
            .iter()
            .all(|t| t.conference_name() == Some("Невская конференция"))
    );
}

#[test]
fn import_finding_no_entry_writes_nothing_and_keeps_an_existing_output() {
    let home = tempfile::tempdir().unwrap();
    let page = home.path().join("chrome.txt");
    fs::write(&page, "Talks\nTalks archive\nPhotos\n").unwrap();
    let out = home.path().join("keep.toml");
    let before = "[conference]\nname = \"Mine\"\n[[talk]]\ntitle = \"Keep me\"\n";
    fs::write(&out, before).unwrap();
    let r = talks_cmd(
        home.path(),
        &[
            "import",
            "archive-page",
            &page.display().to_string(),
            "-o",
            &out.display().to_string(),
        ],
    );
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(fs::read_to_string(&out).unwrap(), before);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains("no talk entries found in"), "{stderr}");
    assert!(stderr.contains("nothing written"), "{stderr}");
    assert!(stderr.contains("keep.toml left as it was"), "{stderr}");
    // Without -o, nothing goes to stdout either.
    let r = talks_cmd(
        home.path(),
        &["import", "archive-page", &page.display().to_string()],
    );
    assert_eq!(r.status.code(), Some(1));
    assert!(r.stdout.is_empty());
}

// ---------------------------------------------------------------------------------------------
// untrusted input

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// These files come from anywhere: no input makes a parser panic.
    #[test]
    fn format_parsers_never_panic(text in "(?s).{0,400}") {
        let _ = to_markdown(&text);
        let _ = frab::parse(&text, "s.xml", "s");
        let _ = pretalx::parse(&text, "s.json", "s");
        let _ = parse_category(&text, "ev", "ev/category.json");
        let _ = parse_talk(&text, "ev/videos/t.json", &Event::from_folder("ev"), "t");
        let _ = parse_archive_page(&text);
    }

    /// The markup these parsers look for, shuffled: still no panic, and rST stays text.
    #[test]
    fn markup_soup_never_panics(parts in proptest::collection::vec(
        prop_oneof![
            Just("``"), Just("`"), Just("<"), Just(">"), Just("_"), Just("::"), Just("\n"),
            Just("    "), Just("* "), Just("#. "), Just(".. "), Just("==="), Just(":role:"),
            Just("•"), Just("22 мин"), Just("-"), Just("<schedule>"), Just("<event>"),
            Just("{\"schedule\":"), Just("é"), Just("text"),
        ],
        0..80,
    )) {
        let text: String = parts.concat();
        let md = to_markdown(&text);
        prop_assert!(md.len() <= text.len() * 4 + 64);
        let _ = parse_archive_page(&text);
        let _ = frab::parse(&text, "s.xml", "s");
        let _ = pretalx::parse(&text, "s.json", "s");
    }
}

#[test]
fn a_large_description_converts_in_linear_time() {
    let unit = "Intro\n=====\n\n* ``a`` and `b <https://x.example/>`_\n\nCode::\n\n    x = 1\n\n";
    let small = unit.repeat(1_000);
    let large = unit.repeat(10_000);
    let t = std::time::Instant::now();
    to_markdown(&small);
    let t_small = t.elapsed();
    let t = std::time::Instant::now();
    let md = to_markdown(&large);
    let t_large = t.elapsed();
    assert!(md.contains("[b](https://x.example/)"));
    // Ten times the input, not a hundred times the time (generous for a busy machine).
    assert!(
        t_large < t_small * 40 + std::time::Duration::from_millis(200),
        "{t_small:?} vs {t_large:?}"
    );
}
