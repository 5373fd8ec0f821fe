//! Real Hugo site shapes (issue 9): a personal speaker site, a conference site with speaker
//! profiles, multilingual sites (page bundles, content folders per language), a Hugo Academic
//! site and a site with talks under another section name, all invented, in tests/fixtures/;
//! and one table row per front matter key alias.

use super::*;

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
            follow_outside: false,
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
        follow_outside: false,
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

#[test]
fn a_site_whose_only_talks_are_under_another_name_is_still_a_site() {
    // No section we read, but a Hugo config: the site is recognised, its layouts and static
    // files are not taken for archives, and the one message names the section to add.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for sub in ["content/appearances", "layouts/_default", "static"] {
        fs::create_dir_all(root.join(sub)).unwrap();
    }
    fs::write(root.join("hugo.toml"), "baseURL = \"https://x.example/\"\n").unwrap();
    fs::write(
        root.join("content/appearances/one.md"),
        "+++\ntitle = \"One\"\nconference = \"Somewhere 2020\"\n+++\n",
    )
    .unwrap();
    fs::write(root.join("layouts/_default/single.html"), "<html></html>\n").unwrap();
    fs::write(root.join("static/data.json"), "{\"a\": 1}\n").unwrap();
    fs::write(root.join("README.md"), "# my site\n").unwrap();
    let a = load_paths(&[root]);
    assert_eq!(a.diagnostics.len(), 1, "{:#?}", warnings_text(&a));
    assert!(
        matches!(&a.diagnostics[0].error, LoadError::UnreadSection { section, .. } if section == "appearances")
    );
    assert!(a.talks.is_empty() && a.posts.is_empty());
}

#[test]
fn front_matter_hugo_accepted_gives_no_warning() {
    // (front matter, draft, aliases, images)
    let cases: &[(&str, bool, &[&str], &[&str])] = &[
        ("date: \"\"", false, &[], &[]),
        ("draft: yes", true, &[], &[]),
        ("draft: \"no\"", false, &[], &[]),
        ("aliases: /old/path/", false, &["/old/path/"], &[]),
        ("images: /img/cover.png", false, &[], &["/img/cover.png"]),
        ("date: Mon, 02 Jan 2006 15:04:05 MST", false, &[], &[]),
    ];
    for (front, draft, aliases, images) in cases {
        let (p, d) = parse_post(
            &format!("---\ntitle: P\n{front}\n---\nBody.\n"),
            "post/p",
            "post/p.md",
            &SiteInfo::default(),
        )
        .unwrap();
        assert!(d.is_empty(), "{front}: {d:#?}");
        assert_eq!(p.draft, *draft, "{front}");
        assert_eq!(p.aliases, *aliases, "{front}");
        assert_eq!(p.images, *images, "{front}");
    }
}

/// Runs `f` on another thread and fails if it takes longer than a generous bound: the
/// quadratic versions of these scans take minutes on such input.
fn bounded<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(20))
        .unwrap_or_else(|_| panic!("{what} did not finish in 20 s"))
}

#[test]
fn hostile_bodies_and_front_matter_stay_linear() {
    let n = 100_000;
    let cases: Vec<(&str, String)> = vec![
        (
            "unknown shortcodes",
            format!("+++\ntitle = \"x\"\n+++\n{}", "{{< x >}}".repeat(n)),
        ),
        (
            "unclosed pairs",
            format!("+++\ntitle = \"x\"\n+++\n{}", "{{< note >}}a ".repeat(n)),
        ),
        (
            "nested pairs",
            format!(
                "+++\ntitle = \"x\"\n+++\n{}{}",
                "{{< n >}}".repeat(n),
                "{{< /n >}}".repeat(n)
            ),
        ),
        (
            "embedded videos",
            format!("+++\ntitle = \"x\"\n+++\n{}", "{{< youtube a >}}".repeat(n)),
        ),
        (
            "link ends without starts",
            format!("+++\ntitle = \"x\"\n+++\n{}", "](".repeat(n)),
        ),
        (
            "hrefs without quotes closed",
            format!("+++\ntitle = \"x\"\n+++\n{}", "href=\"".repeat(n)),
        ),
        (
            "images without ends",
            format!("+++\ntitle = \"x\"\n+++\n{}", "![<img ".repeat(n)),
        ),
        (
            "repeated YAML keys",
            format!("---\n{}---\n", "title: x\n".repeat(n)),
        ),
        (
            "unknown speaker ids",
            format!(
                "---\ntitle: x\nspeakers:\n{}---\n",
                "- some_id\n".repeat(n / 4)
            ),
        ),
    ];
    for (what, text) in cases {
        let (t, _) = bounded(what, move || {
            parse_talk(&text, "talks/x", "x.md", &SiteInfo::default()).unwrap()
        });
        assert!(!t.body_md.contains("{{<"), "{what}");
    }
}

#[test]
fn has_video_finds_the_post_that_embeds_a_video() {
    let a = load_paths(&[&fixture("speaker-site")]);
    let index = talks::search::Index::build(&a);
    let (query, errors) = parse_query("type:post has:video");
    assert!(errors.is_empty(), "{errors:?}");
    let matcher = talks::search::Matcher::default();
    let hits = matcher
        .search(
            &index,
            &query,
            None,
            &std::sync::atomic::AtomicBool::new(false),
        )
        .unwrap();
    let ids: Vec<&str> = hits
        .iter()
        .map(|h| index.doc(h.doc))
        .map(|d| a.posts[d.idx as usize].id.as_str())
        .collect();
    assert_eq!(ids, ["post/ledger-notes"]);
}

#[test]
fn a_posts_front_matter_video_comes_before_its_body_links() {
    let (p, d) = parse_post(
        "---\ntitle: P\nyoutube: [a1, a2]\n---\nSee {{< vimeo 7 >}} and [notes](https://n.example/).\n",
        "post/p",
        "post/p.md",
        &SiteInfo::default(),
    )
    .unwrap();
    assert!(d.is_empty(), "{d:#?}");
    let urls: Vec<&str> = p.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://www.youtube.com/watch?v=a1",
            "https://www.youtube.com/watch?v=a2",
            "https://vimeo.com/7",
            "https://n.example/"
        ]
    );
}

#[test]
fn a_talk_named_on_its_own_reads_with_its_site() {
    let path = fixture("conference-site/content/sessions/search-at-sea.md");
    let a = load_paths(&[&path]);
    assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
    let t = a.talk("sessions/search-at-sea").unwrap();
    assert_eq!(t.speakers[0].name, "Tor Haugen", "profiles are read");
    assert_eq!(t.speakers[0].company.as_deref(), Some("Nordlys Systems"));
    assert_eq!(
        links_of(&t.links, LinkKind::Slides),
        ["https://fjordconf.example.org/slides/search-at-sea.pdf"],
        "the base URL is read"
    );
}
