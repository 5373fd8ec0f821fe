//! The command line for scripts and people: pipes and terminals, forgiving ids, open, mark,
//! completions, man, exports and hostile data in every output.

use super::*;

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
