//! The archive: talks and posts loaded from bundled files, Hugo sites and native TOML archives,
//! with a diagnostic for every file that could not be read. Knows nothing of search or the UI.

// A `Diagnostic` is large, but it is made once per bad file, never on a hot path; boxing it
// would only add noise to every loader.
#![allow(clippy::result_large_err)]

pub mod bundled;
pub mod cache;
pub mod date;
pub mod error;
pub mod fields;
pub mod front_matter;
pub mod hugo;
pub mod import;
pub mod items;
pub mod language;
pub mod links;
pub mod load;
pub mod model;
pub mod names;
pub mod native;
mod native_fast;
pub mod nesting;
pub mod page;
pub mod pyvideo;
pub mod pyvideo_tree;
pub mod read;
pub mod rst;
pub mod schedule;
pub mod sniff;
pub mod source;

pub use error::{Diagnostic, LoadError, Severity};
pub use items::{Items, Posts, Talks};
pub use model::{Conference, Date, Link, LinkKind, Origin, Post, Speaker, Talk};

use std::collections::BTreeSet;

/// Everything loaded, plus what could not be.
#[derive(Debug, Clone, Default)]
pub struct Archive {
    pub talks: Talks,
    pub posts: Posts,
    pub diagnostics: Vec<Diagnostic>,
    /// Content files read (loaded or not), for summaries.
    pub files_seen: usize,
}

impl Archive {
    /// Files left out entirely because of an error.
    pub fn skipped_files(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.path.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// After a reload: files that now fail keep the items they had in `previous`, so an edit
    /// in progress does not make talks vanish. Their diagnostics stay, so the user sees why.
    pub fn keep_last_good(&mut self, previous: &Archive) {
        let failed: BTreeSet<&str> = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.path.as_str())
            .collect();
        if failed.is_empty() {
            return;
        }
        let talk_ids: BTreeSet<String> = self.talks.iter().map(|t| t.id.clone()).collect();
        let post_ids: BTreeSet<String> = self.posts.iter().map(|p| p.id.clone()).collect();
        let kept_talks: Vec<Talk> = previous
            .talks
            .all()
            .iter()
            .filter(|t| failed.contains(t.origin.path.as_str()) && !talk_ids.contains(&t.id))
            .cloned()
            .collect();
        let kept_posts: Vec<Post> = previous
            .posts
            .all()
            .iter()
            .filter(|p| failed.contains(p.origin.path.as_str()) && !post_ids.contains(&p.id))
            .cloned()
            .collect();
        self.talks.extend(kept_talks);
        self.posts.extend(kept_posts);
    }

    /// The talk with this id (found by ids alone: a lazy archive decodes only that talk).
    pub fn talk(&self, id: &str) -> Option<&Talk> {
        let i = (0..self.talks.len()).find(|&i| self.talks.id(i) == Some(id))?;
        self.talks.get(i)
    }

    /// The post with this id, as `talk`.
    pub fn post(&self, id: &str) -> Option<&Post> {
        let i = (0..self.posts.len()).find(|&i| self.posts.id(i) == Some(id))?;
        self.posts.get(i)
    }
}
