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
            NativeTalk {
                id,
                title: title_from_abstract(&e.abstract_text),
                speakers: e
                    .speakers
                    .iter()
                    .map(|s| NativeSpeaker {
                        name: s.name.clone(),
                        company: s.company.clone(),
                    })
                    .collect(),
                tags: Vec::new(),
                language: None,
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
        notes: parsed.notes,
    }
}

/// The native file as TOML, with a header that says where it came from and what to edit.
pub fn to_toml(imported: &Imported, source_name: &str) -> Result<String, toml::ser::Error> {
    let body = toml::to_string_pretty(&imported.native)?;
    Ok(format!(
        "# Imported by `talks import archive-page` from {source_name}.\n# The page has no titles: each title below is the start of its abstract; edit them.\n\n{body}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

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
