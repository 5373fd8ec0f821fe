//! A conference's "talks archive" page turned into the native TOML format (`talks import
//! archive-page`): ids from the speakers' surnames, titles from the abstracts, and the entries
//! whose split the page parser was unsure of. Pure: the command reads and writes the files.

use std::collections::HashSet;

use super::Date;
use super::native::{NativeConference, NativeFile, NativeSpeaker, NativeTalk, slugify, toml_date};
use super::page::{page_abstract_markdown, parse_archive_page, title_from_abstract};

/// What the page itself does not say.
#[derive(Debug, Clone, Default)]
pub struct PageMeta {
    pub conference: String,
    pub date: Option<Date>,
    pub city: Option<String>,
}

/// A page converted: the native file, and what a person should check by hand.
#[derive(Debug, Clone)]
pub struct Imported {
    pub native: NativeFile,
    /// (line of the entry, why its split is unsure), in page order.
    pub unsure: Vec<(usize, String)>,
    /// How many entries have at least one unsure reason.
    pub unsure_entries: usize,
    /// Notes from the page parser about lines it skipped.
    pub notes: Vec<String>,
    /// Every entry had its own title (the later layout).
    pub titled: bool,
}

/// Convert the text of an archive page into a native archive.
pub fn page_to_native(text: &str, meta: PageMeta) -> Imported {
    let parsed = parse_archive_page(text);
    let mut ids = HashSet::new();
    let mut unsure = Vec::new();
    let talk: Vec<NativeTalk> = parsed
        .entries
        .iter()
        .map(|e| {
            let surnames: Vec<&str> = e
                .speakers
                .iter()
                .map(|s| s.name.rsplit(' ').next().unwrap_or(&s.name))
                .collect();
            let base = match slugify(&surnames.join(" ")) {
                s if s.is_empty() => "talk".to_string(),
                s => s,
            };
            let mut id = base.clone();
            let mut n = 2;
            while !ids.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            unsure.extend(e.unsure.iter().map(|r| (e.line, r.clone())));
            // The later layout names each talk; the 2016 one does not, so the abstract's
            // first sentence stands in.
            let own_title = e.title.clone().filter(|t| !t.trim().is_empty());
            let language = own_title
                .as_ref()
                .and_then(|t| script_language(&format!("{t} {}", e.abstract_text)));
            NativeTalk {
                id,
                title: own_title.unwrap_or_else(|| title_from_abstract(&e.abstract_text)),
                speakers: e
                    .speakers
                    .iter()
                    .map(|s| NativeSpeaker {
                        name: s.name.clone(),
                        company: s.company.clone(),
                    })
                    .collect(),
                tags: Vec::new(),
                language,
                abstract_text: page_abstract_markdown(&e.abstract_text),
            }
        })
        .collect();
    let unsure_entries = parsed
        .entries
        .iter()
        .filter(|e| !e.unsure.is_empty())
        .count();
    Imported {
        native: NativeFile {
            conference: NativeConference {
                name: meta.conference,
                city: meta.city,
                date: meta.date.and_then(toml_date),
                end_date: None,
                url: None,
            },
            talk,
        },
        unsure,
        unsure_entries,
        titled: !parsed.entries.is_empty() && parsed.entries.iter().all(|e| e.title.is_some()),
        notes: parsed.notes,
    }
}

/// "ru" when most letters are Cyrillic, "en" when most are Latin: the two scripts of the
/// pages this reads. `None` when there are no letters.
fn script_language(text: &str) -> Option<String> {
    let (mut cyrillic, mut latin) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if ('\u{400}'..='\u{4ff}').contains(&c) {
            cyrillic += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    match (cyrillic, latin) {
        (0, 0) => None,
        (c, l) if c >= l => Some("ru".into()),
        _ => Some("en".into()),
    }
}

impl Imported {
    /// Why nothing was imported, in one line, when no entry was found: the parser's notes
    /// say what the page looked like instead. `None` when there are talks.
    pub fn nothing_found(&self, source_name: &str) -> Option<String> {
        if !self.native.talk.is_empty() {
            return None;
        }
        let why = if self.notes.is_empty() {
            "the page has no entries".to_string()
        } else {
            self.notes.join("; ")
        };
        Some(format!(
            "no talk entries found in {source_name} ({why}); nothing written"
        ))
    }
}

/// The native file as TOML, with a header that says where it came from and what to edit.
pub fn to_toml(imported: &Imported, source_name: &str) -> Result<String, toml::ser::Error> {
    let body = toml::to_string_pretty(&imported.native)?;
    let titled = imported.titled;
    let about_titles = if titled {
        "# Titles, speakers and abstracts are the page's own; check the companies."
    } else {
        "# The page has no titles: each title below is the start of its abstract; edit them."
    };
    Ok(format!(
        "# Imported by `talks import archive-page` from {source_name}.\n{about_titles}\n\n{body}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_layout_keeps_the_pages_titles_and_guesses_the_language() {
        let page = "Доклады\n• Иван Петров\nИван Петров Acme Ведущий разработчик\n22 мин\nСекционирование без боли\nРазбираем секционирование таблиц.\n• Anna Berg\nAnna Berg Nordlicht AB\n30 min\nVacuum, explained\nWhat autovacuum does and why.\n";
        let imported = page_to_native(page, PageMeta::default());
        let talks = &imported.native.talk;
        assert_eq!(talks.len(), 2);
        assert_eq!(talks[0].title, "Секционирование без боли");
        assert_eq!(talks[0].language.as_deref(), Some("ru"));
        assert_eq!(talks[0].speakers[0].company.as_deref(), Some("Acme"));
        assert_eq!(talks[1].title, "Vacuum, explained");
        assert_eq!(talks[1].language.as_deref(), Some("en"));
        assert_eq!(talks[1].abstract_text, "What autovacuum does and why.");
        let text = to_toml(&imported, "p.txt").unwrap();
        assert!(text.contains("are the page's own"), "{text}");
    }

    #[test]
    fn nothing_found_says_why() {
        let imported = page_to_native("Talks\nTalks archive\n", PageMeta::default());
        let why = imported.nothing_found("p.txt").unwrap();
        assert!(
            why.starts_with("no talk entries found in p.txt (no lone '-' separator line found"),
            "{why}"
        );
        assert!(why.ends_with("; nothing written"), "{why}");
        let some = page_to_native("-\nIvan Petrov AcmeWe talk.\n", PageMeta::default());
        assert!(some.nothing_found("p.txt").is_none());
    }

    #[test]
    fn two_entries_by_one_speaker_get_distinct_ids_and_the_meta() {
        let page = "-\nIvan Petrov AcmeLogical replication moves rows between servers.\n-\nIvan Petrov AcmePartitioning large tables keeps queries fast.\n";
        let imported = page_to_native(
            page,
            PageMeta {
                conference: "Test Conf".into(),
                date: None,
                city: Some("Moscow".into()),
            },
        );
        let ids: Vec<&str> = imported.native.talk.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["petrov", "petrov-2"]);
        let text = to_toml(&imported, "page.txt").unwrap();
        assert!(text.starts_with("# Imported by `talks import archive-page` from page.txt."));
        assert!(text.contains("name = \"Test Conf\""), "{text}");
        assert!(text.contains("city = \"Moscow\""), "{text}");
    }
}
