//! The archive-page parser's tests, against the public functions only.

use super::*;

/// Copy of the real page `004_10624e5f2a57b04c.txt` (no trailing newline).
const SEED: &str = include_str!("../../../tests/fixtures/seeds/004_10624e5f2a57b04c.txt");

fn sp(name: &str, company: Option<&str>) -> PageSpeaker {
    PageSpeaker {
        name: name.to_string(),
        company: company.map(str::to_string),
    }
}

fn one(text: &str) -> PageEntry {
    let parse = parse_archive_page(text);
    assert_eq!(parse.entries.len(), 1, "{parse:#?}");
    parse.entries.into_iter().next().expect("one entry")
}

#[track_caller]
fn check(e: &PageEntry, speakers: &[(&str, Option<&str>)], starts: &str, unsure: bool) {
    let want: Vec<PageSpeaker> = speakers.iter().map(|&(n, c)| sp(n, c)).collect();
    assert_eq!(e.speakers, want, "{e:#?}");
    assert!(
        e.abstract_text.starts_with(starts),
        "abstract {:?} should start with {starts:?}",
        e.abstract_text
    );
    assert_eq!(!e.unsure.is_empty(), unsure, "unsure: {:?}", e.unsure);
}

/// One entry made of `body` after a separator.
fn entry(body: &str) -> PageEntry {
    one(&format!("-\n{body}"))
}

#[test]
fn seed_page() {
    let p = parse_archive_page(SEED);
    assert_eq!(p.entries.len(), 3, "{p:#?}");
    let [a, b, c] = [&p.entries[0], &p.entries[1], &p.entries[2]];

    check(
        a,
        &[("Valentine Gogichashvili", Some("Zalando"))],
        "Since its launch in 2008, Zalando",
        false,
    );
    assert!(
        a.abstract_text
            .ends_with("streaming replication in a microservices environment.")
    );
    assert_eq!(a.abstract_text.lines().count(), 3);
    assert!(a.abstract_text.contains("\nIn this talk, I will discuss"));
    assert_eq!(a.line, 5);

    check(
        b,
        &[("Ronan Dunklau", Some("Dalibo"))],
        "Multicorn is a generic Foreign Data Wrapper",
        false,
    );
    assert!(
        b.abstract_text
            .ends_with("build your own FDW in python from scratch.")
    );
    assert!(b.abstract_text.contains("\nWe will see:\n- what is an FDW"));
    assert!(
        b.abstract_text
            .contains("\n- IMPORT FOREIGN SCHEMA\n- ORDER BY clauses pushdown\n")
    );
    assert_eq!(b.line, 9);

    check(
        c,
        &[
            ("Марат Фаттахов", Some("BARS group")),
            ("Dmitry Boikov", Some("BARS group")),
        ],
        "First working on Oracle, we could not ignore",
        false,
    );
    assert!(
        c.abstract_text
            .ends_with("\n- our patches solving some of the migration problems.")
    );
    assert!(!c.abstract_text.contains("Photo"));
    assert_eq!(c.line, 26);

    assert_eq!(p.notes.len(), 2, "{:?}", p.notes);
    assert!(
        p.notes[0].contains("line 1: \"Postrelease\""),
        "{}",
        p.notes[0]
    );
    assert!(
        p.notes[0].contains("line 3: \"Talks archive\""),
        "{}",
        p.notes[0]
    );
    assert!(p.notes[1].contains("line 31: \"Photos\""), "{}", p.notes[1]);
    assert!(
        p.notes[1].contains("line 32: \"Photo archive\""),
        "{}",
        p.notes[1]
    );
}

#[test]
fn seed_page_crlf_and_bom() {
    let plain = parse_archive_page(SEED);
    let crlf = SEED.replace('\n', "\r\n");
    assert_eq!(parse_archive_page(&crlf), plain);
    let bom = format!("\u{feff}{crlf}");
    assert_eq!(parse_archive_page(&bom), plain);
    let bom_lf = format!("\u{feff}{SEED}\n\n");
    assert_eq!(parse_archive_page(&bom_lf).entries, plain.entries);
}

#[test]
fn bom_directly_before_separator() {
    let e = one("\u{feff}-\r\nJean-Paul Argudo DaliboWe will show how it works.\r\n");
    check(
        &e,
        &[("Jean-Paul Argudo", Some("Dalibo"))],
        "We will show",
        false,
    );
    assert_eq!(e.abstract_text, "We will show how it works.");
    assert_eq!(e.line, 2);
}

#[test]
fn glued_lines() {
    let cases: &[(&str, &str, Option<&str>, &str)] = &[
        (
            "Michael PaquierA backup is a copy of the database at a point in time.",
            "Michael Paquier",
            None,
            "A backup is a copy of",
        ),
        (
            "Alexander Krizhanovsky NatSys LabTempesta FW is an application delivery controller, built into the Linux kernel.",
            "Alexander Krizhanovsky",
            Some("NatSys Lab"),
            "Tempesta FW is an application",
        ),
        (
            "Simon Riggs 2ndQuadrantThe talk will cover the new replication features.",
            "Simon Riggs",
            Some("2ndQuadrant"),
            "The talk will cover",
        ),
        (
            "Oleg Bartunov PostgreSQL ProfessionalIn this talk we present the roadmap.",
            "Oleg Bartunov",
            Some("PostgreSQL Professional"),
            "In this talk we",
        ),
        (
            "Bruce Momjian EnterpriseDBThis talk explains how MVCC works.",
            "Bruce Momjian",
            Some("EnterpriseDB"),
            "This talk explains",
        ),
        (
            "Jean-Paul Argudo DaliboWe will show how it works in production.",
            "Jean-Paul Argudo",
            Some("Dalibo"),
            "We will show",
        ),
        (
            "Иван Иванов ЯндексМы расскажем о нашем опыте эксплуатации.",
            "Иван Иванов",
            Some("Яндекс"),
            "Мы расскажем",
        ),
        (
            "Hans van der Berg ExampleCorpOur team has built a new planner.",
            "Hans van der Berg",
            Some("ExampleCorp"),
            "Our team has",
        ),
        (
            "Иван Иванович Иванов ЯндексМы расскажем о нашем опыте.",
            "Иван Иванович Иванов",
            Some("Яндекс"),
            "Мы расскажем",
        ),
        (
            "Alexander Korotkov PostgresProIn this talk I will show it.",
            "Alexander Korotkov",
            Some("PostgresPro"),
            "In this talk",
        ),
        (
            "Ronan Dunklau DaliboPostgreSQL is great for many things.",
            "Ronan Dunklau",
            Some("Dalibo"),
            "PostgreSQL is great",
        ),
        (
            "John McDonald AcmeWe will talk about it.",
            "John McDonald",
            Some("Acme"),
            "We will talk",
        ),
        (
            "Jane Doe Crunchy DataPostgres is a database that we love.",
            "Jane Doe",
            Some("Crunchy Data"),
            "Postgres is a database",
        ),
        (
            "Jane Doe IBMThe talk is about things.",
            "Jane Doe",
            Some("IBM"),
            "The talk is",
        ),
        (
            "Jane Doe Google Cloud PlatformWhen we started the project, it was small.",
            "Jane Doe",
            Some("Google Cloud Platform"),
            "When we started",
        ),
        (
            "Michael PaquierBackups are important for everyone.",
            "Michael Paquier",
            None,
            "Backups are important",
        ),
        (
            "Ivan Panchenko Postgres ProfessionalPostgres Pro Enterprise has many new features.",
            "Ivan Panchenko",
            Some("Postgres Professional"),
            "Postgres Pro Enterprise",
        ),
        (
            "Jane Doe Acme Inc.The talk is about things.",
            "Jane Doe",
            Some("Acme Inc."),
            "The talk is",
        ),
    ];
    for &(line, name, company, starts) in cases {
        let e = entry(line);
        check(&e, &[(name, company)], starts, false);
        assert!(line.ends_with(&e.abstract_text), "{line}");
    }
}

#[test]
fn undecidable_lines_are_flagged() {
    // Cyrillic company glued to a lowercase word: no boundary at all.
    let e = entry("Иван Иванов Яндексмы расскажем о нашем опыте.");
    check(&e, &[("Иван Иванов", None)], "Яндексмы расскажем", true);
    assert!(
        e.unsure[0].contains("no capitalised word boundary"),
        "{:?}",
        e.unsure
    );

    // Abstract starting with a number.
    let e = entry("John Smith Acme2016 was a great year for us.");
    check(
        &e,
        &[("John Smith", Some("Acme"))],
        "2016 was a great year",
        true,
    );
    assert!(
        e.unsure.iter().any(|u| u.contains("number")),
        "{:?}",
        e.unsure
    );

    // Space instead of glue: two readings are plausible.
    let e = entry("Jane Doe Acme Tempesta is a firewall that we wrote.");
    check(
        &e,
        &[("Jane Doe", Some("Acme"))],
        "Tempesta is a firewall",
        true,
    );
    assert!(
        e.unsure
            .iter()
            .any(|u| u.starts_with("two plausible splits: 'Acme' + 'Tempesta…' vs")),
        "{:?}",
        e.unsure
    );

    // Only a name and an abstract starting with a starter word, separated by a space.
    let e = entry("Jane Doe The talk is about things.");
    check(&e, &[("Jane Doe", None)], "The talk is about", true);
}

#[test]
fn list_abstract_on_its_own_line() {
    let e = entry("John Smith Acme\n- first point\n- second point\nThat is all, thanks.");
    check(
        &e,
        &[("John Smith", Some("Acme"))],
        "- first point\n- second point\n",
        false,
    );
    assert_eq!(
        e.abstract_text,
        "- first point\n- second point\nThat is all, thanks."
    );
}

#[test]
fn sentence_abstract_on_its_own_line_is_flagged() {
    let e = entry("John Smith Acme\nThis talk is about things, mostly.");
    check(
        &e,
        &[("John Smith", Some("Acme"))],
        "This talk is about",
        true,
    );
    assert!(e.unsure[0].contains("own line 3"), "{:?}", e.unsure);
}

#[test]
fn several_speakers_and_seen_companies() {
    let page = "-\nAlexander Krizhanovsky NatSys Lab\nJane Doe NatSys LabTempesta FW is an application delivery controller.\n- fast\n- safe\n-\nМарат Фаттахов BARS group\nИван Иванов Postgres Professional\nDmitry Boikov BARS groupFirst we migrated.";
    let p = parse_archive_page(page);
    assert_eq!(p.entries.len(), 2, "{p:#?}");
    check(
        &p.entries[0],
        &[
            ("Alexander Krizhanovsky", Some("NatSys Lab")),
            ("Jane Doe", Some("NatSys Lab")),
        ],
        "Tempesta FW is",
        false,
    );
    assert_eq!(
        p.entries[0].abstract_text,
        "Tempesta FW is an application delivery controller.\n- fast\n- safe"
    );
    assert_eq!(p.entries[0].line, 2);
    check(
        &p.entries[1],
        &[
            ("Марат Фаттахов", Some("BARS group")),
            ("Иван Иванов", Some("Postgres Professional")),
            ("Dmitry Boikov", Some("BARS group")),
        ],
        "First we migrated.",
        false,
    );
    assert_eq!(p.entries[1].line, 7);
    assert!(p.notes.is_empty(), "{:?}", p.notes);
}

#[test]
fn entry_without_abstract() {
    let p = parse_archive_page("-\nИван Иванов Яндекс\n-\nJohn Smith AcmeWe talk.\nPhotos");
    assert_eq!(p.entries.len(), 2, "{p:#?}");
    check(&p.entries[0], &[("Иван Иванов", Some("Яндекс"))], "", true);
    assert_eq!(p.entries[0].abstract_text, "");
    assert!(
        p.entries[0]
            .unsure
            .iter()
            .any(|u| u.contains("no abstract"))
    );
    check(
        &p.entries[1],
        &[("John Smith", Some("Acme"))],
        "We talk.",
        false,
    );
    assert_eq!(p.entries[1].abstract_text, "We talk.");
    assert_eq!(p.notes.len(), 1);
    assert!(p.notes[0].contains("line 5: \"Photos\""), "{:?}", p.notes);
}

#[test]
fn empty_and_separator_free_inputs() {
    for text in ["", "\n\n", "\u{feff}", "  \r\n"] {
        let p = parse_archive_page(text);
        assert!(p.entries.is_empty());
        assert_eq!(p.notes.len(), 1, "{p:?}");
    }
    let p = parse_archive_page("Talks\nJohn Smith AcmeWe talk.\n--\n- item");
    assert!(p.entries.is_empty());
    assert!(
        p.notes[0].contains("no lone '-' separator"),
        "{:?}",
        p.notes
    );
}

#[test]
fn empty_entries_and_trailing_separator() {
    let p = parse_archive_page(
        "Talks\n-\n-\n\nJohn Smith AcmeWe talk.\n\nMore text here.\n-\nPhotos\nPhoto archive\n",
    );
    assert_eq!(p.entries.len(), 1, "{p:#?}");
    let e = &p.entries[0];
    check(e, &[("John Smith", Some("Acme"))], "We talk.", false);
    assert_eq!(e.abstract_text, "We talk.\n\nMore text here.");
    assert_eq!(e.line, 5);
    assert_eq!(p.notes.len(), 4, "{:?}", p.notes);
    assert!(p.notes[0].contains("line 1: \"Talks\""), "{:?}", p.notes);
    assert!(p.notes[1].contains("line 9: \"Photos\""), "{:?}", p.notes);
    assert!(
        p.notes[2].starts_with("line 2: '-' separator not followed"),
        "{:?}",
        p.notes
    );
    assert!(
        p.notes[3].starts_with("line 8: '-' separator not followed"),
        "{:?}",
        p.notes
    );
}

#[test]
fn abstract_list_lines_are_never_speakers_or_separators() {
    let e = entry("Jane Doe AcmeWe will see:\n- Jane Doe Acme\n- -\n-- not a separator");
    check(
        &e,
        &[("Jane Doe", Some("Acme"))],
        "We will see:\n- Jane Doe Acme\n- -\n-- not",
        false,
    );
}

#[test]
fn never_panics_on_garbage() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet: &[&str] = &[
        "-", "\n", "\r\n", " ", "a", "Z", "Я", "я", "2", "- ", ".", "\u{feff}", "ǅ", "ß", "İ",
        "\u{0301}", "Mc", "DB", "This",
    ];
    for _ in 0..3000 {
        let len = (next() % 200) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| (next() & 0xff) as u8).collect();
        let _ = parse_archive_page(&String::from_utf8_lossy(&bytes));
        let text: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        let _ = parse_archive_page(&text);
    }
    // Every 5th boundary: the whole sweep is slow in debug builds and adds little.
    for (i, _) in SEED.char_indices().step_by(5) {
        let _ = parse_archive_page(&SEED[..i]);
        let _ = parse_archive_page(&SEED[i..]);
    }
    let long = format!("-\n{}", "AbCd ".repeat(5000));
    let _ = parse_archive_page(&long);
}

#[test]
fn native_text_from_page_entries() {
    assert_eq!(
        page_abstract_markdown("Intro line.\nWe will see:\n- a\n- b\nEnd."),
        "Intro line.\n\nWe will see:\n\n- a\n- b\n\nEnd."
    );
    assert_eq!(
        title_from_abstract("Since its launch in 2008, Zalando has grown. More."),
        "Since its launch in 2008, Zalando has grown"
    );
    assert_eq!(title_from_abstract(""), "Untitled talk");
    assert!(title_from_abstract(&"word ".repeat(40)).ends_with('…'));
}

#[test]
fn later_layout_bullet_entries_in_both_scripts() {
    let page = include_str!("../../../tests/fixtures/pages/later-layout.txt");
    let p = parse_archive_page(page);
    assert_eq!(p.entries.len(), 3, "{p:#?}");
    let [a, b, c] = [&p.entries[0], &p.entries[1], &p.entries[2]];
    assert_eq!(
        a.speakers,
        [sp("Марина Соколова", Some("Облачные Системы"))]
    );
    assert_eq!(a.title.as_deref(), Some("Планировщик запросов изнутри"));
    assert_eq!(a.duration_min, Some(22));
    assert_eq!(
        a.abstract_text,
        "Как планировщик выбирает между вложенным циклом и хеш-соединением.\nРазберём EXPLAIN на живых примерах."
    );
    assert_eq!(a.line, 4);
    assert!(a.unsure.is_empty(), "{:?}", a.unsure);
    // Two speakers, each a bullet and a details line, before one duration.
    assert_eq!(
        b.speakers,
        [
            sp("Lars Eriksen", Some("Fjordbase AS")),
            sp("Tomás Quiroga", Some("Pampa Data"))
        ]
    );
    assert_eq!(b.title.as_deref(), Some("Logical decoding in production"));
    assert_eq!(b.duration_min, Some(35));
    assert!(b.abstract_text.ends_with("- slot bloat\n- schema changes"));
    // A details line with the name alone: no company. Trailing chrome is not abstract.
    assert_eq!(c.speakers, [sp("Дмитрий Орлов", None)]);
    assert_eq!(
        c.abstract_text,
        "Инкрементальные копии и проверка восстановления."
    );
    assert_eq!(p.notes.len(), 2, "{:?}", p.notes);
    assert!(
        p.notes[0].contains("before the first entry"),
        "{:?}",
        p.notes
    );
    assert!(p.notes[0].contains("\"Архив докладов\""), "{:?}", p.notes);
    assert!(p.notes[1].contains("\"Фото\""), "{:?}", p.notes);
    assert!(p.notes[1].contains("\"Партнёры\""), "{:?}", p.notes);
}

#[test]
fn later_layout_without_a_duration_is_unsure_but_kept() {
    let p = parse_archive_page(
        "• Ann Lee\nAnn Lee Acme\n22 min\nTitle one\nText.\n• Bo Ek\nBo Ek Corp\nTitle two\nMore text.\n",
    );
    assert_eq!(p.entries.len(), 2, "{p:#?}");
    assert!(p.entries[0].unsure.is_empty());
    let b = &p.entries[1];
    assert_eq!(b.speakers, [sp("Bo Ek", None)]);
    assert!(!b.unsure.is_empty());
}

#[test]
fn first_entry_without_a_dash_before_it_is_kept() {
    let p = parse_archive_page(
        "Talks\nTalks archive\nJohn Smith AcmeWe talk about queues.\n-\nJane Roe InitechThis is about locks.\n",
    );
    assert_eq!(p.entries.len(), 2, "{p:#?}");
    check(
        &p.entries[0],
        &[("John Smith", Some("Acme"))],
        "We talk about queues.",
        false,
    );
    assert_eq!(p.entries[0].line, 3);
    check(
        &p.entries[1],
        &[("Jane Roe", Some("Initech"))],
        "This is about locks.",
        false,
    );
    assert!(p.notes[0].contains("\"Talks archive\""), "{:?}", p.notes);
    // With a speaker line above the glued one, both belong to the entry.
    let p = parse_archive_page(
        "Talks archive\nAnna Berg Nordlicht\nJohn Smith AcmeWe talk together.\n-\nJane Roe InitechThis is about locks.\n",
    );
    assert_eq!(p.entries.len(), 2, "{p:#?}");
    assert_eq!(
        p.entries[0].speakers,
        [
            sp("Anna Berg", Some("Nordlicht")),
            sp("John Smith", Some("Acme"))
        ]
    );
}
