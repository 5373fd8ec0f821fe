//! `talks import archive-page`: the seed page and invented pages, read back through the loader.

use super::*;

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
