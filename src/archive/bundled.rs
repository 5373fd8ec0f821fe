//! The archive compiled into the binary (files under data/), so `talks` works from any
//! directory after `cargo install`. Same parsers as files on disk; only the reading differs.

use super::Archive;
use super::error::Diagnostic;
use super::front_matter::Format;
use super::hugo::{self, Section};

/// (path under data/, contents). A test checks this list against the data/ folder.
pub const FILES: &[(&str, &str)] = &[
    (
        "hugo/config.toml",
        include_str!("../../data/hugo/config.toml"),
    ),
    (
        "hugo/content/conf/2013/OSCON-fotolog.md",
        include_str!("../../data/hugo/content/conf/2013/OSCON-fotolog.md"),
    ),
    (
        "hugo/content/conf/2013/PDXPUG-postgresql-as-a-developer.md",
        include_str!("../../data/hugo/content/conf/2013/PDXPUG-postgresql-as-a-developer.md"),
    ),
    (
        "hugo/content/post/2013/07/Portland-Conferences.md",
        include_str!("../../data/hugo/content/post/2013/07/Portland-Conferences.md"),
    ),
    (
        "pgconf-russia-2016.toml",
        include_str!("../../data/pgconf-russia-2016.toml"),
    ),
];

/// Prefix of bundled origins, so messages say where a talk came from.
pub const PREFIX: &str = "bundled:data/";

pub fn load_into(archive: &mut Archive) {
    let site = FILES
        .iter()
        .find(|(p, _)| *p == "hugo/config.toml")
        .map(|(_, text)| hugo::parse_site_config(text, Format::Toml))
        .unwrap_or_default();
    for (path, text) in FILES {
        let shown = format!("{PREFIX}{path}");
        let mut diags: Vec<Diagnostic> = Vec::new();
        if let Some(rel) = path.strip_prefix("hugo/content/") {
            let id = super::load::content_id(std::path::Path::new(rel));
            let section = rel.split('/').next().and_then(hugo::section_for);
            match section {
                Some(Section::Talks) => match hugo::parse_talk(text, &id, &shown, &site) {
                    Ok((t, mut d)) => {
                        archive.talks.push(t);
                        diags.append(&mut d);
                    }
                    Err(e) => diags.push(e),
                },
                Some(Section::Posts) => match hugo::parse_post(text, &id, &shown, &site) {
                    Ok((p, mut d)) => {
                        archive.posts.push(p);
                        diags.append(&mut d);
                    }
                    Err(e) => diags.push(e),
                },
                None => {}
            }
        } else if path.ends_with(".toml") && !path.starts_with("hugo/") {
            let stem = path.trim_end_matches(".toml");
            match super::native::parse_native(text, &shown, stem) {
                Ok(Some((mut talks, mut d))) => {
                    archive.talks.append(&mut talks);
                    diags.append(&mut d);
                }
                Ok(None) => {}
                Err(e) => diags.push(e),
            }
        }
        archive.files_seen += 1;
        archive.diagnostics.append(&mut diags);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_file_is_bundled() {
        fn walk(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<String>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, root, out);
                } else {
                    out.push(
                        p.strip_prefix(root)
                            .unwrap()
                            .to_string_lossy()
                            .replace('\\', "/"),
                    );
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let mut on_disk = Vec::new();
        walk(&root, &root, &mut on_disk);
        on_disk.sort();
        let mut listed: Vec<String> = FILES.iter().map(|(p, _)| p.to_string()).collect();
        listed.sort();
        assert_eq!(on_disk, listed, "add new data/ files to bundled::FILES");
    }

    #[test]
    fn bundled_archive_loads_cleanly() {
        let mut a = Archive::default();
        load_into(&mut a);
        assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
        assert_eq!(a.talks.len(), 5);
        assert_eq!(a.posts.len(), 1);
    }
}
