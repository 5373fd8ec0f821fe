//! Connections between the archive's items that no single page states: one person behind many
//! spellings (`people`), a talk given again (`runs`), posts about talks and links between
//! items (`relations`), and talks alike in content (`similar`). Everything is computed from an
//! `&Archive` by pure functions, once after a load; the commands and the TUI ask `related`.
//!
//! Depends on `archive` and `search::fold`; nothing below it depends on it.

pub mod people;
pub mod relations;
pub mod runs;
pub mod similar;

use crate::archive::Archive;
pub use people::{Aliases, People, Person};
pub use relations::{ItemRef, Relations};
pub use runs::Runs;
pub use similar::Similar;

/// FNV-1a: the maps here hash millions of short strings (words, paths, URLs), where std's SipHash (built to resist
/// flooding by untrusted keys, which an archive's words are not worth defending against) is
/// the largest cost.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A HashMap with `Fnv`.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// Why an item is related to another, in the order `related` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// Another run of the same talk.
    AlsoGivenAt,
    /// A post about this talk.
    WrittenAboutIn,
    /// A talk this post is about.
    AboutTheTalks,
    LinksTo,
    LinkedFrom,
    /// Another talk by one of this talk's people.
    SameSpeaker,
    Similar,
}

impl Reason {
    /// The `reason` of `show --json`'s `related`.
    pub fn label(self) -> &'static str {
        match self {
            Reason::AlsoGivenAt => "also given at",
            Reason::WrittenAboutIn => "written about in",
            Reason::AboutTheTalks => "about the talks",
            Reason::LinksTo => "links to",
            Reason::LinkedFrom => "linked from",
            Reason::SameSpeaker => "same speaker",
            Reason::Similar => "similar",
        }
    }

    /// The heading `show` prints above items related for this reason.
    pub fn heading(self) -> &'static str {
        match self {
            Reason::AlsoGivenAt => "Also given at",
            Reason::WrittenAboutIn => "Written about in",
            Reason::AboutTheTalks => "About the talks",
            Reason::LinksTo => "Links to",
            Reason::LinkedFrom => "Linked from",
            Reason::SameSpeaker => "Other talks by",
            Reason::Similar => "Similar",
        }
    }
}

/// One related item.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub item: ItemRef,
    pub reason: Reason,
    /// For `SameSpeaker`: the person's name; for `Similar`: the similarity, 0 to 1.
    pub person: Option<u32>,
    pub score: Option<f32>,
}

/// How many talks `related` lists per speaker and as similar.
pub const SAME_SPEAKER_MAX: usize = 10;
pub const SIMILAR_MAX: usize = 5;
/// Talks less alike than this are not listed as similar.
pub const SIMILAR_MIN: f32 = 0.15;

/// Everything `related` needs, built once per loaded archive.
#[derive(Debug, Clone, Default)]
pub struct Connections {
    pub people: People,
    pub runs: Runs,
    pub relations: Relations,
    /// Built on demand (`with_similar`): the most expensive part, and only "similar" needs it.
    pub similar: Option<Similar>,
}

impl Connections {
    /// People, runs and relations (not `similar`).
    pub fn build(archive: &Archive, aliases: &Aliases) -> Connections {
        // Read once: a lazy archive (a snapshot's) decodes every item for this, and drops them.
        // Posts first: reading all talks lets the records' pages go, the posts' too.
        let posts = archive.posts.all();
        let talks = archive.talks.all();
        let people = People::build(&talks, aliases);
        let runs = Runs::build(&talks, &people);
        let relations = Relations::of(&talks, &posts);
        Connections {
            people,
            runs,
            relations,
            similar: None,
        }
    }

    /// Adds the TF-IDF index for "similar".
    pub fn with_similar(mut self, archive: &Archive) -> Connections {
        self.similar = Some(Similar::build(&archive.talks.all()));
        self
    }

    /// Every item related to `item`, each once under its strongest reason, in `Reason` order;
    /// within a reason, in archive order (similar: most alike first).
    pub fn related(&self, archive: &Archive, item: ItemRef) -> Vec<Related> {
        let mut out: Vec<Related> = Vec::new();
        let push = |out: &mut Vec<Related>, r: Related| {
            if r.item != item && !out.iter().any(|x| x.item == r.item) {
                out.push(r);
            }
        };
        let plain = |item, reason| Related {
            item,
            reason,
            person: None,
            score: None,
        };
        let rel = &self.relations;
        match item {
            ItemRef::Talk(t) => {
                for o in self.runs.others(t) {
                    push(&mut out, plain(ItemRef::Talk(o), Reason::AlsoGivenAt));
                }
                for &p in rel.written_about_in.get(t as usize).into_iter().flatten() {
                    push(&mut out, plain(ItemRef::Post(p), Reason::WrittenAboutIn));
                }
            }
            ItemRef::Post(p) => {
                for &t in rel.about.get(p as usize).into_iter().flatten() {
                    push(&mut out, plain(ItemRef::Talk(t), Reason::AboutTheTalks));
                }
            }
        }
        for &to in rel.links_to.get(&item).into_iter().flatten() {
            push(&mut out, plain(to, Reason::LinksTo));
        }
        for &from in rel.linked_from.get(&item).into_iter().flatten() {
            push(&mut out, plain(from, Reason::LinkedFrom));
        }
        if let ItemRef::Talk(t) = item {
            for &person in self.people.of_talk.get(t as usize).into_iter().flatten() {
                let p = &self.people.persons[person as usize];
                // Newest first: what a person most likely wants next.
                for &o in p
                    .talks
                    .iter()
                    .rev()
                    .filter(|&&o| o != t)
                    .take(SAME_SPEAKER_MAX)
                {
                    push(
                        &mut out,
                        Related {
                            item: ItemRef::Talk(o),
                            reason: Reason::SameSpeaker,
                            person: Some(person),
                            score: None,
                        },
                    );
                }
            }
        }
        if let Some(s) = &self.similar {
            let near = match item {
                ItemRef::Talk(t) => s.like_talk(t, SIMILAR_MAX + 5),
                ItemRef::Post(p) => s.like_post(&archive.posts[p as usize], SIMILAR_MAX + 5),
            };
            let mut n = 0;
            for (o, score) in near {
                if score < SIMILAR_MIN || n >= SIMILAR_MAX {
                    break;
                }
                let before = out.len();
                push(
                    &mut out,
                    Related {
                        item: ItemRef::Talk(o),
                        reason: Reason::Similar,
                        person: None,
                        score: Some(score),
                    },
                );
                n += usize::from(out.len() > before);
            }
        }
        out
    }
}
