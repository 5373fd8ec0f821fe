//! The archive compiled into the binary (files under data/), so `talks` works from any
//! directory after `cargo install`. Only the list of files lives here: they go through the same
//! detection and parsers as files on disk (`source`).

use super::Archive;
use super::hugo::Sections;
use super::source;

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

/// Load the bundled files into `archive`, through the same detection and parsers as files on
/// disk.
pub fn load_into(archive: &mut Archive) {
    source::load_tree(FILES, PREFIX, &Sections::default(), archive);
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
