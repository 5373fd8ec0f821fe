//! Speakers as people: every spelling of a name that folds to the same key (case, accents,
//! transliteration, word order, the usual Latin spellings of Russian names) is one person,
//! plus the aliases a user lists in the config. Placeholders ("Various speakers", "TBD") are
//! nobody. Pure: computed from the archive's talks.

use std::collections::{BTreeMap, HashMap};

use crate::archive::Talk;
use crate::search::fold::{fold_query, words};

/// Names that stand for nobody in particular, as folded words joined by one space.
const PLACEHOLDERS: &[&str] = &[
    "various speakers",
    "various",
    "various authors",
    "multiple speakers",
    "speakers",
    "speaker",
    "tbd",
    "tba",
    "to be announced",
    "to be determined",
    "unknown",
    "unknown speaker",
    "anonymous",
    "anon",
    "n a",
    "na",
    "none",
    "nobody",
    "organizers",
    "organisers",
    "orga",
    "staff",
    "panel",
    "all",
    "raznye dokladchiki",
    "neizvestno",
];

/// One spelling of a folded word, so "Alexey", "Aleksei" and "Алексей" (deunicode: "aleksei")
/// meet: `x` → `ks`, `kh` → `h`, `j`/`y` → `i`, `w` → `v`, `iu` → `u` ("Liudmila", "Lyudmila"
/// and "Ludmila" for "Людмила"), doubled letters once.
fn squash(word: &str) -> String {
    let mut s = word.replace('x', "ks").replace("kh", "h");
    s = s
        .replace(['j', 'y'], "i")
        .replace('w', "v")
        .replace("iu", "u");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// The identity key of a name: its folded words, squashed and sorted (so "Novák Jiří" is
/// "Jiri Novak"); `None` for a placeholder or a name with no letters.
pub fn person_key(name: &str) -> Option<String> {
    let folded = fold_query(name);
    let ws: Vec<&str> = words(&folded).map(|(_, w)| w).collect();
    if ws.is_empty() || PLACEHOLDERS.contains(&ws.join(" ").as_str()) {
        return None;
    }
    let mut keys: Vec<String> = ws.iter().map(|w| squash(w)).collect();
    keys.sort();
    Some(keys.join(" "))
}

/// Explicit aliases: each name listed maps to its person's canonical name. From the config's
/// `[speakers] aliases = { "Oleg Bartunov" = ["Олег Бартунов", "O. Bartunov"] }`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aliases {
    /// Key of an alias → the canonical name.
    to_canonical: HashMap<String, String>,
}

impl Aliases {
    /// `canonical` is known by every name in `names` too.
    pub fn add(&mut self, canonical: &str, names: &[&str]) {
        for n in names.iter().chain(std::iter::once(&canonical)) {
            if let Some(k) = person_key(n) {
                self.to_canonical.insert(k, canonical.to_string());
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.to_canonical.is_empty()
    }

    /// The key and, when an alias names it, the canonical name of `name`'s person.
    fn resolve(&self, name: &str) -> Option<(String, Option<&str>)> {
        let k = person_key(name)?;
        match self.to_canonical.get(&k) {
            Some(c) => Some((person_key(c).unwrap_or(k), Some(c.as_str()))),
            None => Some((k, None)),
        }
    }
}

/// Parses the config's `[speakers]` table: `aliases = { "Canonical" = ["Other", …] }`. Every
/// problem is a message; what could be read is kept.
pub fn parse_speakers_table(v: &toml::Value) -> (Aliases, Vec<String>) {
    let mut aliases = Aliases::default();
    let mut errors = Vec::new();
    let Some(t) = v.as_table() else {
        errors.push("speakers should be a [speakers] table".to_string());
        return (aliases, errors);
    };
    for (key, value) in t {
        if key != "aliases" {
            errors.push(format!("unknown setting speakers.{key}; valid: aliases"));
            continue;
        }
        let Some(map) = value.as_table() else {
            errors.push(
                "speakers.aliases should be a table like { \"Oleg Bartunov\" = [\"Олег Бартунов\"] }"
                    .to_string(),
            );
            continue;
        };
        for (canonical, names) in map {
            let list: Option<Vec<&str>> = match names {
                toml::Value::String(s) => Some(vec![s.as_str()]),
                toml::Value::Array(a) => a.iter().map(|x| x.as_str()).collect(),
                _ => None,
            };
            match list {
                Some(l) => aliases.add(canonical, &l),
                None => errors.push(format!(
                    "speakers.aliases.{canonical:?} should be a list of names, like [\"a\", \"b\"]"
                )),
            }
        }
    }
    (aliases, errors)
}

/// Parses the `[speakers]` table out of a whole config file's text (a config that does not
/// parse has no aliases: the config's own reader reports why).
pub fn aliases_from_config_text(text: &str) -> Aliases {
    toml::from_str::<toml::Table>(text)
        .ok()
        .and_then(|t| t.get("speakers").map(|v| parse_speakers_table(v).0))
        .unwrap_or_default()
}

/// One company a person gave talks for, and the years they did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Stint {
    pub company: String,
    pub first: Option<i32>,
    pub last: Option<i32>,
}

/// One person behind one or more spellings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub key: String,
    /// The name to show: the canonical alias, else the spelling used most (ties: most recent).
    pub name: String,
    /// Every other spelling used, most used first.
    pub aliases: Vec<String>,
    /// Companies in the order the person first spoke for them.
    pub companies: Vec<Stint>,
    /// Indices into `archive.talks`, oldest first (undated last).
    pub talks: Vec<u32>,
    pub first: Option<i32>,
    pub last: Option<i32>,
    /// Other people on the same talks, with how many talks they shared, most first.
    pub co_speakers: Vec<(u32, usize)>,
}

impl Person {
    /// Talk indices by year; undated talks under `None`.
    pub fn talks_by_year(&self, talks: &crate::archive::Talks) -> BTreeMap<Option<i32>, Vec<u32>> {
        let mut out: BTreeMap<Option<i32>, Vec<u32>> = BTreeMap::new();
        for &t in &self.talks {
            out.entry(talks[t as usize].date.map(|d| d.year))
                .or_default()
                .push(t);
        }
        out
    }
}

/// Every person of an archive, and who gave each talk.
#[derive(Debug, Clone, Default)]
pub struct People {
    pub persons: Vec<Person>,
    /// For each talk, its people (indices into `persons`), in the talk's order.
    pub of_talk: Vec<Vec<u32>>,
    by_key: HashMap<String, u32>,
}

impl People {
    pub fn build(talks: &[Talk], aliases: &Aliases) -> People {
        #[derive(Default)]
        struct Acc {
            canonical: Option<String>,
            spellings: HashMap<String, Use>,
            companies: Vec<Stint>,
            talks: Vec<u32>,
        }
        let mut by_key: HashMap<String, u32> = HashMap::new();
        let mut accs: Vec<Acc> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        let mut of_talk = Vec::with_capacity(talks.len());
        // An archive has far fewer spellings than speaker entries: fold each once.
        let mut person_of: HashMap<&str, Option<u32>> = HashMap::new();
        for (ti, t) in talks.iter().enumerate() {
            let mut mine: Vec<u32> = Vec::new();
            for s in &t.speakers {
                let name = s.name.trim();
                let found = *person_of.entry(name).or_insert_with(|| {
                    let (key, canonical) = aliases.resolve(name)?;
                    let p = match by_key.get(&key) {
                        Some(&p) => p,
                        None => {
                            let p = accs.len() as u32;
                            accs.push(Acc::default());
                            keys.push(key.clone());
                            by_key.insert(key, p);
                            p
                        }
                    };
                    if let Some(c) = canonical {
                        accs[p as usize].canonical = Some(c.to_string());
                    }
                    Some(p)
                });
                let Some(p) = found else {
                    continue;
                };
                let acc = &mut accs[p as usize];
                let order = acc.spellings.len();
                let e = match acc.spellings.get_mut(name) {
                    Some(e) => e,
                    None => acc
                        .spellings
                        .entry(name.to_string())
                        .or_insert((0, None, order)),
                };
                e.0 += 1;
                e.1 = e.1.max(t.date);
                let year = t.date.map(|d| d.year);
                if let Some(c) = s
                    .company
                    .as_deref()
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                {
                    match acc
                        .companies
                        .iter_mut()
                        .find(|x| x.company.eq_ignore_ascii_case(c))
                    {
                        Some(x) => {
                            x.first = min_year(x.first, year);
                            x.last = x.last.max(year);
                        }
                        None => acc.companies.push(Stint {
                            company: c.to_string(),
                            first: year,
                            last: year,
                        }),
                    }
                }
                if !mine.contains(&p) {
                    mine.push(p);
                    acc.talks.push(ti as u32);
                }
            }
            of_talk.push(mine);
        }
        let mut co: Vec<HashMap<u32, usize>> = vec![HashMap::new(); accs.len()];
        for people in &of_talk {
            for &a in people {
                for &b in people {
                    if a != b {
                        *co[a as usize].entry(b).or_default() += 1;
                    }
                }
            }
        }
        let persons = accs
            .into_iter()
            .zip(keys)
            .zip(co)
            .map(|((mut acc, key), co)| {
                let mut spellings: Vec<(String, Use)> = acc.spellings.into_iter().collect();
                // Most used; then a name in mixed case over one in capitals; then most recent.
                let shouting = |n: &str| !n.chars().any(char::is_lowercase);
                spellings.sort_by(|a, b| {
                    b.1.0
                        .cmp(&a.1.0)
                        .then(shouting(&a.0).cmp(&shouting(&b.0)))
                        .then(b.1.1.cmp(&a.1.1))
                        .then(a.1.2.cmp(&b.1.2))
                });
                let mut names: Vec<String> = spellings.into_iter().map(|(n, _)| n).collect();
                let name = match acc.canonical {
                    Some(c) => {
                        names.retain(|n| *n != c);
                        c
                    }
                    None => names.remove(0),
                };
                acc.talks.sort_by_key(|&t| {
                    let d = talks[t as usize].date;
                    (d.is_none(), d, t)
                });
                let years = acc.talks.iter().filter_map(|&t| talks[t as usize].date);
                let first = years.clone().min().map(|d| d.year);
                let last = years.max().map(|d| d.year);
                acc.companies
                    .sort_by_key(|s| (s.first.is_none(), s.first, s.last));
                let mut co_speakers: Vec<(u32, usize)> = co.into_iter().collect();
                co_speakers.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                Person {
                    key,
                    name,
                    aliases: names,
                    companies: acc.companies,
                    talks: acc.talks,
                    first,
                    last,
                    co_speakers,
                }
            })
            .collect();
        People {
            persons,
            of_talk,
            by_key,
        }
    }

    /// The person a name belongs to, if anyone in the archive uses it.
    pub fn find(&self, name: &str, aliases: &Aliases) -> Option<&Person> {
        let (key, _) = aliases.resolve(name)?;
        self.by_key.get(&key).map(|&p| &self.persons[p as usize])
    }

    /// People whose names (any spelling) contain `query`, folded; all when it is empty.
    /// Most talks first, then by name.
    pub fn matching(&self, query: &str) -> Vec<&Person> {
        let q = fold_query(query.trim());
        let mut out: Vec<&Person> = self
            .persons
            .iter()
            .filter(|p| {
                q.is_empty()
                    || std::iter::once(&p.name)
                        .chain(&p.aliases)
                        .any(|n| fold_query(n).contains(&q))
                    || p.companies
                        .iter()
                        .any(|c| fold_query(&c.company).contains(&q))
            })
            .collect();
        out.sort_by(|a, b| {
            b.talks
                .len()
                .cmp(&a.talks.len())
                .then_with(|| fold_query(&a.name).cmp(&fold_query(&b.name)))
        });
        out
    }
}

/// How a spelling is used: how many talks, the latest date, the order it was first seen in.
type Use = (usize, Option<crate::archive::Date>, usize);

fn min_year(a: Option<i32>, b: Option<i32>) -> Option<i32> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) | (None, x) => x,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::archive::{Date, Origin, Speaker};

    pub(crate) fn talk(title: &str, year: i32, speakers: &[(&str, Option<&str>)]) -> Talk {
        Talk {
            id: format!("t/{year}/{}", title.to_lowercase().replace(' ', "-")),
            title: title.into(),
            speakers: speakers
                .iter()
                .map(|(n, c)| Speaker {
                    name: n.to_string(),
                    company: c.map(str::to_string),
                    bio: None,
                })
                .collect(),
            date: Some(Date {
                year,
                month: 5,
                day: 1,
            }),
            conference: None,
            city: None,
            language: None,
            tags: vec![],
            categories: vec![],
            abstract_md: String::new(),
            body_md: String::new(),
            links: vec![],
            extra: Default::default(),
            origin: Origin {
                path: "x".into(),
                line: 1,
            },
            draft: false,
            room: None,
            duration_min: None,
            session_type: None,
        }
    }

    #[test]
    fn spellings_of_one_person_share_a_key() {
        let same: &[(&str, &str)] = &[
            ("Jiří Novák", "Jiri Novak"),
            ("Jiří Novák", "novák jiří"),
            ("Олег Бартунов", "Oleg Bartunov"),
            ("Марат Фаттахов", "Marat Fattakhov"),
            ("Марат Фаттахов", "Marat Fattahov"),
            ("Алексей Петров", "Alexey Petrov"),
            ("Дмитрий Орлов", "Dmitry Orlov"),
            ("Юрий Жуков", "Yury Zhukov"),
            ("Людмила Коварова", "Ludmila Kovarova"),
            ("Людмила Коварова", "Lyudmila Kovarova"),
            ("Sergey  Ivanov", "Сергей Иванов"),
            ("Zoë O'Brien", "ZOE O BRIEN"),
        ];
        for (a, b) in same {
            assert_eq!(person_key(a), person_key(b), "{a:?} = {b:?}");
            assert!(person_key(a).is_some());
        }
        let different: &[(&str, &str)] = &[
            ("Jiri Novak", "Jiri Nowakowski"),
            ("Oleg Bartunov", "O. Bartunov"),
            ("Anna Berg", "Hanna Berg"),
        ];
        for (a, b) in different {
            assert_ne!(person_key(a), person_key(b), "{a:?} != {b:?}");
        }
    }

    #[test]
    fn placeholders_are_nobody() {
        for p in [
            "Various speakers",
            "TBD",
            "Unknown",
            "Anonymous",
            "Speakers",
            " tba ",
            "Orga",
            "",
            "—",
        ] {
            assert_eq!(person_key(p), None, "{p:?}");
        }
    }

    #[test]
    fn people_gather_spellings_companies_years_and_co_speakers() {
        let talks = vec![
            talk(
                "One",
                2014,
                &[("Jiří Novák", Some("Acme")), ("Eva Malá", None)],
            ),
            talk("Two", 2016, &[("Jiri Novak", Some("Acme"))]),
            talk(
                "Three",
                2019,
                &[("JIŘÍ NOVÁK", Some("Globex")), ("Eva Mala", None)],
            ),
            talk("Four", 2019, &[("Various speakers", None)]),
        ];
        let people = People::build(&talks, &Aliases::default());
        assert_eq!(people.persons.len(), 2, "{:?}", people.persons);
        let jiri = people.find("jiri novak", &Aliases::default()).unwrap();
        assert_eq!(jiri.talks, vec![0, 1, 2]);
        assert_eq!((jiri.first, jiri.last), (Some(2014), Some(2019)));
        assert_eq!(jiri.aliases.len(), 2);
        let companies: Vec<(&str, Option<i32>, Option<i32>)> = jiri
            .companies
            .iter()
            .map(|s| (s.company.as_str(), s.first, s.last))
            .collect();
        assert_eq!(
            companies,
            vec![
                ("Acme", Some(2014), Some(2016)),
                ("Globex", Some(2019), Some(2019))
            ]
        );
        let eva = people.find("Eva Malá", &Aliases::default()).unwrap();
        assert_eq!(jiri.co_speakers.len(), 1);
        assert_eq!(
            people.persons[jiri.co_speakers[0].0 as usize].name,
            eva.name
        );
        assert_eq!(jiri.co_speakers[0].1, 2);
        assert!(people.of_talk[3].is_empty(), "placeholders are nobody");
        let by_year = jiri.talks_by_year(&talks.clone().into());
        assert_eq!(by_year.get(&Some(2019)), Some(&vec![2]));
    }

    #[test]
    fn config_aliases_join_people_folding_cannot() {
        let v: toml::Table = toml::from_str(
            r#"[speakers]
aliases = { "Oleg Bartunov" = ["O. Bartunov", "Bartunov"] }"#,
        )
        .unwrap();
        let (aliases, errors) = parse_speakers_table(&v["speakers"]);
        assert!(errors.is_empty(), "{errors:?}");
        let talks = vec![
            talk("One", 2010, &[("O. Bartunov", None)]),
            talk("Two", 2012, &[("Олег Бартунов", None)]),
            talk("Three", 2013, &[("Bartunov", None)]),
        ];
        let people = People::build(&talks, &aliases);
        assert_eq!(people.persons.len(), 1, "{:?}", people.persons);
        assert_eq!(people.persons[0].name, "Oleg Bartunov");
        assert_eq!(people.persons[0].talks.len(), 3);
        let without = People::build(&talks, &Aliases::default());
        assert_eq!(without.persons.len(), 3);
    }

    #[test]
    fn bad_speakers_tables_are_reported() {
        let cases: &[(&str, &str)] = &[
            ("speakers = 3", "should be a [speakers] table"),
            ("[speakers]\nalias = {}", "unknown setting speakers.alias"),
            (
                "[speakers]\naliases = [1]",
                "speakers.aliases should be a table",
            ),
            (
                "[speakers.aliases]\n\"A B\" = 3",
                "should be a list of names",
            ),
        ];
        for (text, want) in cases {
            let t: toml::Table = toml::from_str(text).unwrap();
            let (_, errors) = parse_speakers_table(&t["speakers"]);
            assert!(
                errors.iter().any(|e| e.contains(want)),
                "{text:?}: {errors:?}"
            );
        }
    }

    #[test]
    fn matching_finds_any_spelling_most_talks_first() {
        let talks = vec![
            talk("A", 2014, &[("Марат Фаттахов", None)]),
            talk("B", 2015, &[("Marat Fattakhov", None)]),
            talk("C", 2015, &[("Mara Tfat", None)]),
        ];
        let people = People::build(&talks, &Aliases::default());
        let names: Vec<&str> = people
            .matching("фатт")
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, vec!["Marat Fattakhov"]);
        assert_eq!(people.matching("").len(), 2);
    }
}
