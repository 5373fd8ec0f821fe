//! A deterministic synthetic talk archive for benchmarks: conferences of 50–150 talks with
//! accented and Cyrillic speakers, written as native TOML files, as a Hugo content tree, as a
//! pyvideo.org data tree, or as one line per talk for fzf. No I/O besides the `write_*` functions; no `rand` crate, so the
//! same seed gives the same archive on every machine and in every process.
//!
//! Shared by `benches/*.rs` and `examples/gen_archive.rs` through `#[path]`; it lives in a
//! folder so Cargo does not mistake it for a bench target of its own.

#![allow(dead_code)] // each includer uses a different part

use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// The seed every bench and the fzf script use, so their archives are the same talks.
pub const SEED: u64 = 0x7a1c_5eed_2025;

/// xorshift64*: small, fast, and good enough to spread talks over a vocabulary.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `0..n` (n > 0); the modulo bias is irrelevant here.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn range(&mut self, lo: usize, hi_inclusive: usize) -> usize {
        lo + self.below(hi_inclusive - lo + 1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Skewed towards the start of `0..n`: a few prolific speakers (the first gives ~0.3% of
    /// 100,000 talks), a long tail.
    pub fn skewed(&mut self, n: usize) -> usize {
        if self.chance(80) {
            return self.below(n);
        }
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u) * n as f64) as usize % n
    }
}

#[derive(Debug, Clone)]
pub struct Speaker {
    pub name: String,
    pub company: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Talk {
    pub slug: String,
    pub title: String,
    /// Indices into `Archive::speakers`.
    pub speakers: Vec<usize>,
    pub date: (u16, u8, u8),
    pub tags: Vec<&'static str>,
    pub language: &'static str,
    pub abstract_text: String,
    pub slides: Option<String>,
    pub video: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Conference {
    pub name: String,
    pub slug: String,
    pub city: &'static str,
    pub date: (u16, u8, u8),
    pub url: String,
    pub talks: Vec<Talk>,
}

#[derive(Debug, Clone)]
pub struct Archive {
    pub speakers: Vec<Speaker>,
    pub conferences: Vec<Conference>,
}

impl Archive {
    pub fn talk_count(&self) -> usize {
        self.conferences.iter().map(|c| c.talks.len()).sum()
    }

    fn speaker_names(&self, t: &Talk) -> Vec<&str> {
        t.speakers
            .iter()
            .map(|&i| self.speakers[i].name.as_str())
            .collect()
    }
}

/// (series, cities it travels to, main language)
const SERIES: &[(&str, &[&str], &str)] = &[
    (
        "PGConf.EU",
        &[
            "Prague", "Dublin", "Tallinn", "Warsaw", "Lisbon", "Milan", "Berlin",
        ],
        "en",
    ),
    ("PGConf.Russia", &["Москва", "Moscow"], "ru"),
    (
        "Highload++",
        &["Москва", "Санкт-Петербург", "Novosibirsk"],
        "ru",
    ),
    ("PGCon", &["Ottawa"], "en"),
    ("FOSDEM", &["Brussels"], "en"),
    (
        "Percona Live",
        &["Santa Clara", "Amsterdam", "Austin", "Denver"],
        "en",
    ),
    (
        "PostgresOpen",
        &["Chicago", "San Francisco", "Dallas"],
        "en",
    ),
    ("pgDay Paris", &["Paris"], "fr"),
    (
        "Nordic PGDay",
        &["Stockholm", "Helsinki", "Copenhagen", "Oslo", "Reykjavík"],
        "en",
    ),
    ("P2D2", &["Praha", "Brno"], "en"),
    (
        "DevOpsDays",
        &["Berlin", "Zürich", "Kraków", "Ghent", "London", "Amsterdam"],
        "en",
    ),
    (
        "KubeCon",
        &["Barcelona", "Valencia", "Amsterdam", "Detroit", "Paris"],
        "en",
    ),
    ("SREcon", &["Dublin", "Santa Clara", "Singapore"], "en"),
    ("Data Days Lyon", &["Lyon"], "fr"),
    ("PGConf.de", &["München", "Düsseldorf", "Köln"], "de"),
    ("PGConf.Brasil", &["São Paulo", "Florianópolis"], "pt"),
    ("Postgres Vision", &["Boston", "New York"], "en"),
    ("OSCON", &["Portland", "Austin"], "en"),
    ("Swiss PGDay", &["Rapperswil"], "de"),
    ("PGConf.ES", &["Madrid", "Málaga"], "es"),
];

const FIRST: &[&str] = &[
    "Anna",
    "Bruce",
    "Christophe",
    "Dimitri",
    "Elena",
    "Frank",
    "Gülçin",
    "Hans-Jürgen",
    "Ilya",
    "Jan",
    "Karen",
    "Lætitia",
    "Magnus",
    "Nikolay",
    "Olga",
    "Pavel",
    "Renée",
    "Stefan",
    "Tomáš",
    "Ulrike",
    "Valentine",
    "Wei",
    "Xavier",
    "Yuki",
    "Zoë",
    "Álvaro",
    "Björn",
    "Željko",
    "Łukasz",
    "François",
    "João",
    "Søren",
    "Jörg",
    "Ana",
    "Michael",
    "Sarah",
    "David",
    "Laurenz",
    "Heikki",
    "Andres",
];

const LAST: &[&str] = &[
    "Jelínek",
    "Müller",
    "Gonçalves",
    "Nielsen",
    "Fontaine",
    "Momjian",
    "Haas",
    "Frost",
    "Rhodes",
    "Ringer",
    "Paquier",
    "Fetter",
    "Schönig",
    "Herrera",
    "Gogichashvili",
    "Brandl",
    "Dvořák",
    "Novák",
    "Kovačević",
    "Sánchez",
    "Lindström",
    "Østergaard",
    "Wiśniewski",
    "García",
    "Hagander",
    "Linnakangas",
    "Freund",
    "Albe",
    "Davis",
    "Smith",
    "Nguyen",
    "Kim",
    "Tanaka",
    "O'Brien",
    "Schmidt",
    "Weber",
    "Rossi",
    "Dubois",
    "Janssen",
    "Yılmaz",
];

const FIRST_RU: &[&str] = &[
    "Марат",
    "Олег",
    "Александр",
    "Фёдор",
    "Николай",
    "Алексей",
    "Иван",
    "Дмитрий",
    "Анастасия",
    "Екатерина",
    "Павел",
    "Сергей",
];

const LAST_RU: &[&str] = &[
    "Фаттахов",
    "Бартунов",
    "Коротков",
    "Сигаев",
    "Самохвалов",
    "Лесовский",
    "Панченко",
    "Зайцев",
    "Смирнова",
    "Кузнецов",
    "Лубенников",
    "Чернышёв",
];

const COMPANIES: &[&str] = &[
    "Zalando",
    "Postgres Professional",
    "EDB",
    "Crunchy Data",
    "2ndQuadrant",
    "Cybertec",
    "Percona",
    "GitLab",
    "Microsoft",
    "Amazon Web Services",
    "Google",
    "Yandex",
    "Avito",
    "Fotolog",
    "Dalibo",
    "credativ",
    "Instacart",
    "Heroku",
    "Citus Data",
    "Timescale",
    "Supabase",
    "Neon",
    "Aiven",
    "Swisscom",
    "Société Générale",
    "Deutsche Bahn",
    "Škoda Auto",
    "Mail.ru",
    "Spotify",
    "Booking.com",
    "Adyen",
    "Datadog",
];

/// (topic, tag, Russian title if the topic has one)
const TOPICS: &[(&str, &str, Option<&str>)] = &[
    (
        "streaming replication",
        "replication",
        Some("Потоковая репликация"),
    ),
    (
        "table partitioning",
        "partitioning",
        Some("Секционирование таблиц"),
    ),
    ("autovacuum tuning", "vacuum", Some("Настройка автовакуума")),
    (
        "query planning",
        "performance",
        Some("Планировщик запросов"),
    ),
    ("connection pooling", "pgbouncer", None),
    ("JSONB", "json", Some("JSONB изнутри")),
    ("full-text search", "fts", Some("Полнотекстовый поиск")),
    ("B-tree indexes", "indexes", Some("Индексы B-tree")),
    ("GIN and GiST indexes", "indexes", None),
    (
        "backup and restore",
        "backup",
        Some("Резервное копирование"),
    ),
    ("point-in-time recovery", "backup", None),
    (
        "high availability with Patroni",
        "ha",
        Some("Отказоустойчивость с Patroni"),
    ),
    ("Kubernetes operators", "kubernetes", None),
    ("monitoring", "monitoring", Some("Мониторинг")),
    ("observability", "observability", None),
    ("sharding", "sharding", Some("Шардирование")),
    ("zero-downtime migrations", "migrations", None),
    ("the write-ahead log", "wal", Some("Журнал предзаписи")),
    ("MVCC", "internals", None),
    ("CI/CD pipelines", "ci", None),
    ("infrastructure as code", "iac", None),
    ("Terraform", "terraform", None),
    ("Ansible", "ansible", None),
    ("incident response", "sre", None),
    ("chaos engineering", "sre", None),
    ("time series", "timeseries", None),
    ("change data capture", "cdc", None),
    ("logical decoding", "cdc", Some("Логическое декодирование")),
    ("foreign data wrappers", "fdw", None),
    ("extensions", "extensions", None),
    (
        "major version upgrades",
        "upgrades",
        Some("Обновление мажорных версий"),
    ),
    ("parallel query", "performance", None),
    ("lock contention", "performance", None),
    ("row-level security", "security", None),
    ("encryption at rest", "security", None),
    ("schema design", "modeling", None),
];

/// The topic the benches type; kept a realistic minority (~5% of talks, plus mentions).
const LOGICAL: (&str, &str, Option<&str>) = (
    "logical replication",
    "replication",
    Some("Логическая репликация"),
);

/// (product, tag, share in percent of talks that name a product)
const PRODUCTS: &[(&str, &str)] = &[
    ("PostgreSQL", "postgresql"),
    ("PostgreSQL", "postgresql"),
    ("PostgreSQL", "postgresql"),
    ("PostgreSQL", "postgresql"),
    ("Postgres", "postgresql"),
    ("MySQL", "mysql"),
    ("MariaDB", "mysql"),
    ("MongoDB", "mongodb"),
    ("Redis", "redis"),
    ("ClickHouse", "clickhouse"),
    ("Kafka", "kafka"),
    ("Kubernetes", "kubernetes"),
    ("Oracle", "oracle"),
    ("Cassandra", "cassandra"),
    ("Elasticsearch", "elasticsearch"),
    ("SQLite", "sqlite"),
];

const EXTRA_TAGS: &[&str] = &[
    "devops",
    "performance",
    "cloud",
    "case-study",
    "internals",
    "beginner",
    "advanced",
    "community",
    "operations",
    "scaling",
];

const TITLE_FORMS: &[&str] = &[
    "{T} in {P}",
    "{T} at {C}",
    "Lessons from {N} years of {T}",
    "{T}: what we learned migrating to {P}",
    "Deep dive into {T}",
    "{T} for the rest of us",
    "Scaling {P} with {T}",
    "{T} without tears",
    "From {P2} to {P}: {T} in production",
    "{T} done right",
    "Everything you always wanted to know about {T}",
    "{T} on {P} {V}",
];

const SENTENCES: &[&str] = &[
    "This talk shows how {C} runs {T} on {P} across {N} clusters.",
    "We walk through the internals of {T} and the trade-offs it forces on operators.",
    "After {N} years of running {P} in production we share what broke and how we fixed it.",
    "You will learn when {T} is the right tool and when {T2} fits better.",
    "We compare {P} with {P2} on real workloads and show the numbers.",
    "The session ends with a live demo and a checklist you can take home.",
    "Expect war stories, graphs, and a few configuration settings nobody talks about.",
    "We cover monitoring, failure modes and the upgrade path to {P} {V}.",
    "Along the way we touch on {T2}, backups and capacity planning.",
    "No prior knowledge of {T} is required, but familiarity with SQL helps.",
];

const LOGICAL_MENTION: &str =
    "We also show how logical replication helped us move data without downtime.";

fn fill(template: &str, rng: &mut Rng, topic: &str, product: &str, company: &str) -> String {
    let mut out = template.to_string();
    let pairs: [(&str, String); 7] = [
        ("{T2}", rng.pick(TOPICS).0.to_string()),
        ("{P2}", rng.pick(PRODUCTS).0.to_string()),
        ("{T}", topic.to_string()),
        ("{P}", product.to_string()),
        ("{C}", company.to_string()),
        ("{N}", rng.range(2, 15).to_string()),
        ("{V}", format!("{}", rng.range(9, 17))),
    ];
    for (k, v) in pairs {
        out = out.replace(k, &v);
    }
    capitalize(&out)
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Ids as the loader makes them: ASCII, lowercase, dash-separated.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' | 'ã' | 'Á' => 'a',
            'é' | 'è' | 'ë' | 'ê' | 'É' => 'e',
            'í' | 'ï' | 'ı' => 'i',
            'ó' | 'ö' | 'ô' | 'ø' | 'Ø' => 'o',
            'ú' | 'ü' | 'Ü' => 'u',
            'ç' | 'č' => 'c',
            'ř' => 'r',
            'š' | 'ś' | 'Š' => 's',
            'ž' | 'Ž' => 'z',
            'ł' | 'Ł' => 'l',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 50 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

fn speaker_pool(rng: &mut Rng, talks: usize) -> Vec<Speaker> {
    // The names the issue's examples ask for come first, so they are the prolific ones.
    let fixed = [
        ("Марат Фаттахов", Some("Postgres Professional")),
        ("Олег Бартунов", Some("Postgres Professional")),
        ("Александр Коротков", Some("Postgres Professional")),
        ("Tomáš Jelínek", Some("Škoda Auto")),
        ("Jörg Müller", Some("credativ")),
        ("Ana Gonçalves", None),
        ("Søren Østergaard", Some("Aiven")),
        ("Valentine Gogichashvili", Some("Zalando")),
        ("Michael Paquier", Some("Microsoft")),
        ("Dimitri Fontaine", Some("Citus Data")),
    ];
    let mut pool: Vec<Speaker> = fixed
        .iter()
        .map(|(n, c)| Speaker {
            name: n.to_string(),
            company: c.map(str::to_string),
        })
        .collect();
    // About one speaker per 25 talks: most give a talk or two, a few give dozens.
    let want = (talks / 25).clamp(60, 6000);
    let mut seen: std::collections::HashSet<String> = pool.iter().map(|s| s.name.clone()).collect();
    while pool.len() < want {
        let name = if rng.chance(15) {
            format!("{} {}", rng.pick(FIRST_RU), rng.pick(LAST_RU))
        } else if rng.chance(10) {
            // Initials and double-barrelled names make the pool less regular.
            format!("{} {}-{}", rng.pick(FIRST), rng.pick(LAST), rng.pick(LAST))
        } else {
            format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
        };
        let name = if seen.contains(&name) {
            format!(
                "{} {}. {}",
                rng.pick(FIRST),
                (b'A' + rng.below(26) as u8) as char,
                rng.pick(LAST)
            )
        } else {
            name
        };
        if !seen.insert(name.clone()) {
            continue;
        }
        let company = (!rng.chance(12)).then(|| rng.pick(COMPANIES).to_string());
        pool.push(Speaker { name, company });
    }
    pool
}

/// `talks` talks in conferences of 50–150 (the last may be smaller), the same for the same seed.
pub fn generate(talks: usize, seed: u64) -> Archive {
    let mut rng = Rng::new(seed);
    let speakers = speaker_pool(&mut rng, talks);
    let mut conferences = Vec::new();
    let mut used_names = std::collections::HashSet::new();
    let mut left = talks;
    let mut serial = 0usize;
    while left > 0 {
        let (series, cities, lang) = *rng.pick(SERIES);
        let year = rng.range(2005, 2025) as u16;
        let city = *rng.pick(cities);
        let mut name = if cities.len() > 1 && series != "PGConf.EU" {
            format!("{series} {city} {year}")
        } else {
            format!("{series} {year}")
        };
        if !used_names.insert(name.clone()) {
            serial += 1;
            name = format!("{name} ({})", serial);
            used_names.insert(name.clone());
        }
        let slug = slug(&deunicode_ru(&name));
        let month = rng.range(1, 12) as u8;
        let day = rng.range(1, 26) as u8;
        let n = rng.range(50, 150).min(left);
        left -= n;
        let mut conf = Conference {
            url: format!(
                "https://{}.example.org/{year}/",
                slug.split('-').next().unwrap_or("conf")
            ),
            name,
            slug,
            city,
            date: (year, month, day),
            talks: Vec::with_capacity(n),
        };
        for i in 0..n {
            let t = talk(&mut rng, &speakers, &conf, lang, i);
            conf.talks.push(t);
        }
        conferences.push(conf);
    }
    Archive {
        speakers,
        conferences,
    }
}

/// Just enough Cyrillic transliteration for file names; the app itself uses deunicode.
fn deunicode_ru(s: &str) -> String {
    const MAP: &[(char, &str)] = &[
        ('а', "a"),
        ('б', "b"),
        ('в', "v"),
        ('г', "g"),
        ('д', "d"),
        ('е', "e"),
        ('ё', "e"),
        ('ж', "zh"),
        ('з', "z"),
        ('и', "i"),
        ('й', "i"),
        ('к', "k"),
        ('л', "l"),
        ('м', "m"),
        ('н', "n"),
        ('о', "o"),
        ('п', "p"),
        ('р', "r"),
        ('с', "s"),
        ('т', "t"),
        ('у', "u"),
        ('ф', "f"),
        ('х', "kh"),
        ('ц', "ts"),
        ('ч', "ch"),
        ('ш', "sh"),
        ('щ', "shch"),
        ('ъ', ""),
        ('ы', "y"),
        ('ь', ""),
        ('э', "e"),
        ('ю', "iu"),
        ('я', "ia"),
    ];
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        match MAP.iter().find(|(k, _)| *k == lower) {
            Some((_, v)) => out.push_str(v),
            None => out.push(c),
        }
    }
    out
}

fn talk(rng: &mut Rng, speakers: &[Speaker], conf: &Conference, lang: &str, i: usize) -> Talk {
    let logical = rng.chance(5);
    let (topic, topic_tag, topic_ru) = if logical { LOGICAL } else { *rng.pick(TOPICS) };
    let (product, product_tag) = *rng.pick(PRODUCTS);
    let n_speakers = match rng.below(100) {
        0..=79 => 1,
        80..=96 => 2,
        _ => 3,
    };
    let mut who = Vec::with_capacity(n_speakers);
    while who.len() < n_speakers {
        let s = rng.skewed(speakers.len());
        if !who.contains(&s) {
            who.push(s);
        }
    }
    let company = speakers[who[0]]
        .company
        .clone()
        .unwrap_or_else(|| rng.pick(COMPANIES).to_string());
    let russian = lang == "ru" && topic_ru.is_some() && rng.chance(50);
    let title = if russian {
        format!("{} в {product}", topic_ru.unwrap_or(topic))
    } else {
        {
            let form = *rng.pick(TITLE_FORMS);
            fill(form, rng, topic, product, &company)
        }
    };
    let mut abstract_text = String::new();
    for _ in 0..rng.range(2, 5) {
        if !abstract_text.is_empty() {
            abstract_text.push(' ');
        }
        let sentence = *rng.pick(SENTENCES);
        abstract_text.push_str(&fill(sentence, rng, topic, product, &company));
    }
    if !logical && rng.chance(2) {
        abstract_text.push(' ');
        abstract_text.push_str(LOGICAL_MENTION);
    }
    let mut tags = vec![topic_tag, product_tag];
    for _ in 0..rng.below(3) {
        let t = *rng.pick(EXTRA_TAGS);
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    tags.dedup();
    let language = if lang == "en" || rng.chance(30) {
        "en"
    } else {
        match lang {
            "ru" => "ru",
            "fr" => "fr",
            "de" => "de",
            "pt" => "pt",
            "es" => "es",
            _ => "en",
        }
    };
    let slug = format!("{}-{}", i + 1, slug(&deunicode_ru(&title)));
    let slides = rng
        .chance(60)
        .then(|| format!("https://slides.example.org/{}/{}.pdf", conf.slug, slug));
    let video = rng.chance(40).then(|| {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        (0..11)
            .map(|_| ALPHABET[rng.below(ALPHABET.len())] as char)
            .collect::<String>()
    });
    let (y, m, d) = conf.date;
    let day = (d as usize + rng.below(3)) as u8;
    Talk {
        slug,
        title,
        speakers: who,
        date: (y, m, day),
        tags,
        language,
        abstract_text,
        slides,
        video,
    }
}

/// A TOML basic string, quoted and escaped.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn date((y, m, d): (u16, u8, u8)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// One native TOML file per conference, `DIR/<conference-slug>.toml`.
pub fn write_native(a: &Archive, dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    for c in &a.conferences {
        let mut s = String::with_capacity(c.talks.len() * 900);
        let _ = writeln!(s, "[conference]");
        let _ = writeln!(s, "name = {}", q(&c.name));
        let _ = writeln!(s, "city = {}", q(c.city));
        let _ = writeln!(s, "date = {}", date(c.date));
        let _ = writeln!(s, "url = {}", q(&c.url));
        for t in &c.talks {
            let _ = writeln!(s, "\n[[talk]]");
            let _ = writeln!(s, "id = {}", q(&t.slug));
            let _ = writeln!(s, "title = {}", q(&t.title));
            let speakers: Vec<String> = t
                .speakers
                .iter()
                .map(|&i| {
                    let sp = &a.speakers[i];
                    match &sp.company {
                        Some(co) => format!("{{ name = {}, company = {} }}", q(&sp.name), q(co)),
                        None => format!("{{ name = {} }}", q(&sp.name)),
                    }
                })
                .collect();
            let _ = writeln!(s, "speakers = [{}]", speakers.join(", "));
            let _ = writeln!(s, "date = {}", date(t.date));
            let _ = writeln!(s, "tags = {}", list(&t.tags));
            let _ = writeln!(s, "language = {}", q(t.language));
            let _ = writeln!(s, "abstract = {}", q(&t.abstract_text));
            if let Some(u) = &t.slides {
                let _ = writeln!(s, "slides = {}", q(u));
            }
            if let Some(v) = &t.video {
                let _ = writeln!(s, "video = {}", q(v));
            }
        }
        fs::write(dir.join(format!("{}.toml", c.slug)), s)?;
    }
    Ok(())
}

/// A Hugo site: `DIR/content/conf/YEAR/<conference>-<talk>.md` with TOML front matter.
pub fn write_hugo(a: &Archive, dir: &Path) -> io::Result<()> {
    let conf_dir = dir.join("content").join("conf");
    fs::create_dir_all(&conf_dir)?;
    fs::write(
        dir.join("config.toml"),
        "baseURL = \"https://talks.example.org/\"\ntitle = \"Synthetic talks\"\n",
    )?;
    let mut made = std::collections::HashSet::new();
    for c in &a.conferences {
        let year_dir = conf_dir.join(c.date.0.to_string());
        if made.insert(c.date.0) {
            fs::create_dir_all(&year_dir)?;
        }
        for t in &c.talks {
            let mut s = String::with_capacity(1024);
            s.push_str("+++\n");
            let _ = writeln!(s, "title = {}", q(&t.title));
            let _ = writeln!(s, "date = {}", date(t.date));
            let speakers: Vec<String> = t
                .speakers
                .iter()
                .map(|&i| {
                    let sp = &a.speakers[i];
                    match &sp.company {
                        Some(co) => format!("{} ({co})", sp.name),
                        None => sp.name.clone(),
                    }
                })
                .collect();
            let speakers: Vec<&str> = speakers.iter().map(String::as_str).collect();
            let _ = writeln!(s, "speakers = {}", list(&speakers));
            let _ = writeln!(s, "tags = {}", list(&t.tags));
            let _ = writeln!(s, "city = {}", q(c.city));
            let _ = writeln!(s, "conference = {}", q(&format!("[{}]({})", c.name, c.url)));
            let _ = writeln!(s, "language = {}", q(t.language));
            let _ = writeln!(s, "summary = {}", q(&t.abstract_text));
            if let Some(u) = &t.slides {
                let _ = writeln!(s, "slides = {}", q(u));
            }
            if let Some(v) = &t.video {
                let _ = writeln!(s, "youtube = {}", q(v));
            }
            s.push_str("+++\n\n");
            s.push_str(&t.abstract_text);
            s.push('\n');
            fs::write(year_dir.join(format!("{}-{}.md", c.slug, t.slug)), s)?;
        }
    }
    Ok(())
}

/// Talks per pyvideo event: 21,000 talks make ~540 events, as in pyvideo's data repository.
const PYVIDEO_EVENT_TALKS: usize = 39;

/// ISO 639-3, as pyvideo writes languages.
fn iso639_3(lang: &str) -> &'static str {
    match lang {
        "en" => "eng",
        "ru" => "rus",
        "de" => "deu",
        "fr" => "fra",
        "es" => "spa",
        "pt" => "por",
        "it" => "ita",
        "cs" => "ces",
        "pl" => "pol",
        "ja" => "jpn",
        _ => "eng",
    }
}

/// A pyvideo.org data tree: `DIR/<event>/category.json` and `DIR/<event>/videos/<talk>.json`,
/// each conference cut into events of at most 39 talks (so 21,000 talks give ~540 events),
/// descriptions in reStructuredText, plus the top-level files that are not talks.
pub fn write_pyvideo(a: &Archive, dir: &Path) -> io::Result<()> {
    use serde_json::json;
    fs::create_dir_all(dir.join(".schemas"))?;
    fs::write(dir.join("README.md"), "# Synthetic pyvideo data\n")?;
    fs::write(dir.join("NO_PUBLISH.json"), "[]\n")?;
    fs::write(dir.join(".schemas/video.json"), "{\"type\": \"object\"}\n")?;
    for c in &a.conferences {
        for (part, chunk) in c.talks.chunks(PYVIDEO_EVENT_TALKS).enumerate() {
            let event = format!("{}-{}", c.slug, part + 1);
            let videos = dir.join(&event).join("videos");
            fs::create_dir_all(&videos)?;
            let category = json!({
                "title": format!("{} (part {})", c.name, part + 1),
                "url": c.url,
                "start_date": date(c.date).trim_matches('"'),
                "description": format!("Held in {}.", c.city),
            });
            fs::write(
                dir.join(&event).join("category.json"),
                serde_json::to_string_pretty(&category)?,
            )?;
            for t in chunk {
                let (y, m, d) = t.date;
                let description = format!(
                    "{}\n\nTopics\n------\n\n{}\n\nSee `the slides <{}>`_.",
                    t.abstract_text,
                    t.tags
                        .iter()
                        .map(|g| format!("* ``{g}``"))
                        .collect::<Vec<_>>()
                        .join("\n"),
                    t.slides.as_deref().unwrap_or("https://slides.example/none"),
                );
                let mut related = Vec::new();
                if let Some(u) = &t.slides {
                    related.push(json!({"label": "slides", "url": u}));
                }
                related.push(json!(format!("https://github.com/example/{}", t.slug)));
                let videos_json: Vec<_> = t
                    .video
                    .iter()
                    .map(|v| json!({"type": "youtube", "url": format!("https://www.youtube.com/watch?v={v}")}))
                    .collect();
                let talk = json!({
                    "title": t.title,
                    "speakers": a.speaker_names(t),
                    "recorded": format!("{y:04}-{m:02}-{d:02}"),
                    "language": iso639_3(t.language),
                    "tags": t.tags,
                    "summary": "",
                    "description": description,
                    "duration": 1200 + (t.title.len() * 37) % 1800,
                    "videos": videos_json,
                    "related_urls": related,
                    "copyright_text": "CC BY",
                    "thumbnail_url": "https://i.ytimg.com/vi/x/hqdefault.jpg",
                });
                fs::write(
                    videos.join(format!("{}.json", t.slug)),
                    serde_json::to_string_pretty(&talk)?,
                )?;
            }
        }
    }
    Ok(())
}

/// One line per talk, the way someone would feed the archive to fzf:
/// `speakers | title | tags | conference | year`.
pub fn write_lines(a: &Archive, path: &Path) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut w = BufWriter::new(fs::File::create(path)?);
    for c in &a.conferences {
        for t in &c.talks {
            writeln!(
                w,
                "{} | {} | {} | {} | {}",
                a.speaker_names(t).join(", "),
                t.title,
                t.tags.join(", "),
                c.name,
                t.date.0
            )?;
        }
    }
    w.flush()
}

/// Every keystroke's text while typing `word`: "l", "lo", …, "logical replication".
pub fn prefixes(word: &str) -> Vec<&str> {
    word.char_indices()
        .map(|(i, c)| &word[..i + c.len_utf8()])
        .collect()
}
