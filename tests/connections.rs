//! Connections as a user sees them through the binary, on an invented Hugo site
//! (tests/fixtures/connections): one person under several spellings, a talk given three
//! times, posts about talks, links between posts, a wrong keyboard layout, similar talks.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/connections")
}

struct Talks {
    home: tempfile::TempDir,
}

impl Talks {
    fn new() -> Talks {
        Talks {
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn with_config(text: &str) -> Talks {
        let t = Talks::new();
        let dir = t.home.path().join("config");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("config.toml"), text).unwrap();
        t
    }

    fn run(&self, args: &[&str]) -> Output {
        let h = self.home.path();
        Command::new(env!("CARGO_BIN_EXE_talks"))
            .arg("--data")
            .arg(fixture())
            .arg("--no-cache")
            .args(args)
            .env("TALKS_CONFIG_DIR", h.join("config"))
            .env("TALKS_DATA_DIR", h.join("data"))
            .env("TALKS_CACHE_DIR", h.join("cache"))
            .env_remove("TALKS_DATA")
            .env("NO_COLOR", "1")
            .current_dir(h)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    fn stdout(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }

    fn json_lines(&self, args: &[&str]) -> Vec<Value> {
        self.stdout(args)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// `show ID --json`'s related items as (short id, reason).
    fn related(&self, id: &str) -> Vec<(String, String)> {
        let v = &self.json_lines(&["show", id, "--json"])[0];
        v["related"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let id = r["id"].as_str().unwrap();
                (
                    id.rsplit('/').next().unwrap().to_string(),
                    r["reason"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }
}

fn has(related: &[(String, String)], id: &str, reason: &str) -> bool {
    related.iter().any(|(i, r)| i == id && r == reason)
}

#[test]
fn one_person_under_several_spellings_and_scripts() {
    let t = Talks::new();
    let people = t.json_lines(&["speakers", "--json"]);
    let names: Vec<&str> = people.iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert!(!names.iter().any(|n| n.contains("Various")), "{names:?}");
    let ludmila: Vec<&Value> = people
        .iter()
        .filter(|p| {
            p["name"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("ludmila")
                || p["name"].as_str().unwrap().contains("Людмила")
        })
        .collect();
    assert_eq!(ludmila.len(), 1, "{people:?}");
    let p = ludmila[0];
    assert_eq!(p["talks"], 4);
    assert_eq!(
        (p["first"].as_i64(), p["last"].as_i64()),
        (Some(2015), Some(2018))
    );
    let aliases: Vec<&str> = p["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(aliases.contains(&"Людмила Коварова"), "{aliases:?}");
    assert_eq!(
        p["companies"],
        serde_json::json!(["Quayside", "Quayside Labs"])
    );
    // The most talked-about person is listed first.
    assert_eq!(&people[0], p);
}

#[test]
fn a_speaker_view_lists_names_companies_years_and_co_speakers() {
    let t = Talks::new();
    let view = t.stdout(&["speakers", "коварова"]);
    for want in [
        "Quayside Labs",
        "2015\n",
        "2018\n",
        "Counting Sheep in SQL",
        "With\n  Марат Фаттахов (1)",
    ] {
        assert!(view.contains(want), "{want:?} in\n{view}");
    }
}

#[test]
fn config_aliases_join_names_folding_cannot() {
    let plain = Talks::new();
    let fontaine = plain.json_lines(&["speakers", "fontaine", "--json"]);
    assert_eq!(fontaine.len(), 2, "{fontaine:?}");
    let t =
        Talks::with_config("[speakers]\naliases = { \"Élise Fontaine\" = [\"E. Fontaine\"] }\n");
    let o = t.run(&["speakers", "fontaine", "--json"]);
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let joined: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(joined.len(), 1, "{joined:?}");
    assert_eq!(joined[0]["name"], "Élise Fontaine");
    assert_eq!(joined[0]["talks"], 2);
}

#[test]
fn a_rerun_lists_its_other_runs_and_the_posts_about_it() {
    let t = Talks::new();
    let r = t.related("harbour-days");
    assert!(has(&r, "river-summit", "also given at"), "{r:?}");
    // Another title, the same slides.
    assert!(has(&r, "lake-forum", "also given at"), "{r:?}");
    // The post links to the talk's slide file.
    assert!(has(&r, "harbour-notes", "written about in"), "{r:?}");
    assert!(has(&r, "ridge-meetup", "same speaker"), "{r:?}");
    // Each item once, under its strongest reason.
    let ids: Vec<&String> = r.iter().map(|(i, _)| i).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "{r:?}");
}

#[test]
fn posts_and_talks_point_at_each_other() {
    let t = Talks::new();
    // A trip report naming the event within days of the talk, and an old link to a post.
    let trip = t.related("autumn-trip");
    assert!(has(&trip, "river-summit", "about the talks"), "{trip:?}");
    assert!(has(&trip, "harbour-notes", "links to"), "{trip:?}");
    assert!(has(
        &t.related("harbour-notes"),
        "autumn-trip",
        "linked from"
    ));
    assert!(has(
        &t.related("river-summit"),
        "autumn-trip",
        "written about in"
    ));
    // An embedded video.
    assert!(has(&t.related("sheep"), "ridge-meetup", "about the talks"));
    assert!(has(&t.related("ridge-meetup"), "sheep", "written about in"));
}

#[test]
fn show_prints_related_items_under_headings() {
    let t = Talks::new();
    let text = t.stdout(&["show", "harbour-days"]);
    for want in [
        "\nAlso given at\n",
        "Tidy queues with advisory locks, revisited  (River Summit)  [river-summit]",
        "\nWritten about in\n",
        "\nOther talks by ",
    ] {
        assert!(text.contains(want), "{want:?} in\n{text}");
    }
}

#[test]
fn a_query_typed_in_the_wrong_layout_finds_what_was_meant() {
    let t = Talks::new();
    let ids = |q: &str| -> Vec<String> {
        t.json_lines(&["search", q, "--json"])
            .iter()
            .map(|v| v["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids("vfhfn"), vec!["conf/2018/ridge-meetup"]);
    assert!(ids("ащтефшту").contains(&"conf/2018/versioned-tables".to_string()));
}

#[test]
fn similar_talks_share_what_they_are_about() {
    let t = Talks::new();
    let near = t.json_lines(&["similar", "versioned-tables", "--json"]);
    assert_eq!(near[0]["id"], "conf/2019/history-tables", "{near:?}");
    assert!(near.iter().all(|v| v["id"] != "conf/2018/versioned-tables"));
    let v = &t.json_lines(&["show", "versioned-tables", "--json"])[0];
    assert!(
        v["related"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "conf/2019/history-tables" && r["reason"] == "similar"),
        "{v}"
    );
}

#[test]
fn the_speaker_list_shows_counts_years_and_other_spellings() {
    let t = Talks::new();
    let list = t.stdout(&["speakers"]);
    let first = list.lines().next().unwrap();
    assert!(first.starts_with("Ludmila Kovarova "), "{list}");
    for want in ["   4  2015–2018", "Quayside, Quayside Labs", "(also "] {
        assert!(first.contains(want), "{want:?} in {first:?}");
    }
    assert!(!list.contains("Various"), "{list}");
    let none = t.run(&["speakers", "nobody-like-this"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no speaker like"));
}

#[test]
fn permalinks_and_full_urls_open_their_item() {
    let t = Talks::new();
    for (url, title) in [
        (
            "https://notes.example.net/blog/2016/09/autumn-trip/",
            "An autumn trip",
        ),
        ("/conf/harbour-days/", "Tidy Queues with Advisory Locks"),
        (
            "/blog/2015/06/14-harbour-notes.html",
            "Notes from the harbour",
        ),
    ] {
        let v = &t.json_lines(&["show", url, "--json"])[0];
        assert_eq!(v["title"], title, "{url}");
    }
    let o = t.run(&[
        "show",
        "https://notes.example.net/blog/2016/09/no-such-post/",
    ]);
    assert_eq!(o.status.code(), Some(1));
}
