//! The talks or the posts of an archive: held in memory, or read one by one from where they lie
//! (a mapped snapshot, `store`) the first time each is asked for. A loader always holds them;
//! the TUI starting from a snapshot reads only what it shows, so 100,000 talks do not have to
//! be decoded (a second, and 200 MB) before the list appears.

use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use super::model::{Origin, Post, Talk};

/// What an archive holds a list of.
pub trait Record: Clone + Send + Sync + 'static {
    fn id(&self) -> &str;
    /// Stands in for a record that could not be read back (a damaged snapshot): it keeps the
    /// list's shape and says what to do.
    fn unreadable(id: &str) -> Self;
}

const UNREADABLE: &str = "(this item could not be read from the cache: restart talks to reload it)";

impl Record for Talk {
    fn id(&self) -> &str {
        &self.id
    }

    fn unreadable(id: &str) -> Talk {
        Talk {
            id: id.to_string(),
            title: UNREADABLE.to_string(),
            speakers: Vec::new(),
            date: None,
            conference: None,
            city: None,
            language: None,
            tags: Vec::new(),
            categories: Vec::new(),
            abstract_md: String::new(),
            body_md: String::new(),
            links: Vec::new(),
            extra: Default::default(),
            origin: Origin {
                path: String::new(),
                line: 0,
            },
            draft: false,
            room: None,
            duration_min: None,
            session_type: None,
        }
    }
}

impl Record for Post {
    fn id(&self) -> &str {
        &self.id
    }

    fn unreadable(id: &str) -> Post {
        Post {
            id: id.to_string(),
            title: UNREADABLE.to_string(),
            date: None,
            tags: Vec::new(),
            categories: Vec::new(),
            aliases: Vec::new(),
            draft: false,
            summary: String::new(),
            body_md: String::new(),
            images: Vec::new(),
            extra: Default::default(),
            origin: Origin {
                path: String::new(),
                line: 0,
            },
            links: Vec::new(),
            language: None,
        }
    }
}

/// Where records not held in memory are read from.
pub trait Source<T>: Send + Sync {
    /// How many records there are.
    fn count(&self) -> usize;
    /// Record `i`'s id, without decoding the record ("" if it cannot be read).
    fn id(&self, i: usize) -> &str;
    /// Record `i`, decoded; `None` if it does not decode.
    fn decode(&self, i: usize) -> Option<T>;
    /// A record did not decode: the source should not be used again (the next start).
    fn damaged(&self);
    /// Many records have just been read and dropped (`all`, `map`): memory that only served
    /// that read can go.
    fn read_all(&self) {}
}

/// The talks or posts of an archive, in order.
pub struct Items<T> {
    repr: Repr<T>,
}

enum Repr<T> {
    Held(Vec<T>),
    /// Each slot is filled from `source` the first time it is read, and then kept: a reference
    /// handed out stays valid as long as the list.
    Lazy {
        slots: Box<[OnceLock<Box<T>>]>,
        source: Arc<dyn Source<T>>,
    },
}

pub type Talks = Items<Talk>;
pub type Posts = Items<Post>;

impl<T: Record> Items<T> {
    pub fn new() -> Items<T> {
        Items {
            repr: Repr::Held(Vec::new()),
        }
    }

    /// Records read from `source` as they are first asked for.
    pub fn lazy(source: Arc<dyn Source<T>>) -> Items<T> {
        let slots = (0..source.count()).map(|_| OnceLock::new()).collect();
        Items {
            repr: Repr::Lazy { slots, source },
        }
    }

    /// Whether records are read as they are asked for.
    pub fn is_lazy(&self) -> bool {
        matches!(self.repr, Repr::Lazy { .. })
    }

    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Held(v) => v.len(),
            Repr::Lazy { slots, .. } => slots.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        match &self.repr {
            Repr::Held(v) => v.get(i),
            Repr::Lazy { slots, source } => Some(slots.get(i)?.get_or_init(|| {
                let t = source.decode(i).unwrap_or_else(|| {
                    source.damaged();
                    T::unreadable(source.id(i))
                });
                // The id read before the record must be the record's: marks are keyed on it.
                if t.id() != source.id(i) {
                    source.damaged();
                }
                Box::new(t)
            })),
        }
    }

    /// Record `i`'s id, without reading the record when it is not in memory yet.
    pub fn id(&self, i: usize) -> Option<&str> {
        match &self.repr {
            Repr::Held(v) => v.get(i).map(T::id),
            Repr::Lazy { slots, source } => match slots.get(i)?.get() {
                Some(t) => Some(t.id()),
                None => Some(source.id(i)),
            },
        }
    }

    pub fn first(&self) -> Option<&T> {
        self.get(0)
    }

    pub fn iter(
        &self,
    ) -> impl DoubleEndedIterator<Item = &T> + ExactSizeIterator + Clone + Send + '_ {
        (0..self.len()).map(move |i| &self[i])
    }

    /// Every record as one slice: borrowed when they are held, else decoded (in parallel) into
    /// a copy that is not kept, for work that reads them all once (the connections).
    pub fn all(&self) -> Cow<'_, [T]> {
        match &self.repr {
            Repr::Held(v) => Cow::Borrowed(v),
            Repr::Lazy { slots, source } => {
                let all = (0..slots.len())
                    .into_par_iter()
                    .map(|i| match slots[i].get() {
                        Some(t) => T::clone(t),
                        None => source.decode(i).unwrap_or_else(|| {
                            source.damaged();
                            T::unreadable(source.id(i))
                        }),
                    })
                    .collect();
                source.read_all();
                Cow::Owned(all)
            }
        }
    }

    /// `f` of records `wanted` (out of range ones left out), in parallel: records read
    /// already are used as they are, the others decoded for it and not kept (facets of
    /// 100,000 results need a few fields of each, not the talks in memory for good).
    pub fn map<R: Send>(&self, wanted: &[u32], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
        match &self.repr {
            Repr::Held(v) => wanted
                .par_iter()
                .filter_map(|&i| v.get(i as usize).map(&f))
                .collect(),
            Repr::Lazy { slots, source } => {
                let out = wanted
                    .par_iter()
                    .filter_map(|&i| {
                        let slot = slots.get(i as usize)?;
                        Some(match slot.get() {
                            Some(t) => f(t),
                            None => f(&source.decode(i as usize).unwrap_or_else(|| {
                                source.damaged();
                                T::unreadable(source.id(i as usize))
                            })),
                        })
                    })
                    .collect();
                source.read_all();
                // The decoded copies are gone already (`all`'s live on with its caller, who
                // gives their memory back once done with them).
                crate::memory::give_back();
                out
            }
        }
    }

    /// The records to change, read into memory first if they are not held.
    pub fn to_mut(&mut self) -> &mut Vec<T> {
        if let Repr::Lazy { .. } = self.repr {
            let all = self.all().into_owned();
            self.repr = Repr::Held(all);
        }
        match &mut self.repr {
            Repr::Held(v) => v,
            Repr::Lazy { .. } => unreachable!("made held above"),
        }
    }

    pub fn into_vec(mut self) -> Vec<T> {
        std::mem::take(self.to_mut())
    }

    pub fn push(&mut self, t: T) {
        self.to_mut().push(t);
    }
}

impl<T: Record> Default for Items<T> {
    fn default() -> Self {
        Items::new()
    }
}

impl<T: Record> From<Vec<T>> for Items<T> {
    fn from(v: Vec<T>) -> Self {
        Items {
            repr: Repr::Held(v),
        }
    }
}

impl<T: Record> FromIterator<T> for Items<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Items::from(iter.into_iter().collect::<Vec<T>>())
    }
}

impl<T: Record> Extend<T> for Items<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        self.to_mut().extend(iter);
    }
}

impl<T: Record> std::ops::Index<usize> for Items<T> {
    type Output = T;

    fn index(&self, i: usize) -> &T {
        match self.get(i) {
            Some(t) => t,
            None => panic!("index {i} out of range for {} items", self.len()),
        }
    }
}

impl<'a, T: Record> IntoIterator for &'a Items<T> {
    type Item = &'a T;
    type IntoIter = Box<dyn Iterator<Item = &'a T> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl<T: Record> Clone for Items<T> {
    fn clone(&self) -> Self {
        match &self.repr {
            Repr::Held(v) => Items::from(v.clone()),
            Repr::Lazy { slots, source } => Items {
                repr: Repr::Lazy {
                    slots: slots.clone(),
                    source: source.clone(),
                },
            },
        }
    }
}

impl<T: Record + PartialEq> PartialEq for Items<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<T: Record + PartialEq> PartialEq<Vec<T>> for Items<T> {
    fn eq(&self, other: &Vec<T>) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<T: Record + fmt::Debug> fmt::Debug for Items<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Held(v) => v.fmt(f),
            Repr::Lazy { slots, .. } => {
                let read = slots.iter().filter(|s| s.get().is_some()).count();
                write!(f, "Items({} read of {}, the rest lazy)", read, slots.len())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A source of talks "t0", "t1"… that counts its decodes; `bad` does not decode.
    struct Counting {
        ids: Vec<String>,
        decoded: AtomicUsize,
        bad: Option<usize>,
        damaged: AtomicUsize,
    }

    impl Source<Talk> for Counting {
        fn count(&self) -> usize {
            self.ids.len()
        }
        fn id(&self, i: usize) -> &str {
            &self.ids[i]
        }
        fn decode(&self, i: usize) -> Option<Talk> {
            self.decoded.fetch_add(1, Ordering::SeqCst);
            if Some(i) == self.bad {
                return None;
            }
            let mut t = Talk::unreadable(&self.ids[i]);
            t.title = format!("Title {i}");
            Some(t)
        }
        fn damaged(&self) {
            self.damaged.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn counting(n: usize, bad: Option<usize>) -> Arc<Counting> {
        Arc::new(Counting {
            ids: (0..n).map(|i| format!("t{i}")).collect(),
            decoded: AtomicUsize::new(0),
            bad,
            damaged: AtomicUsize::new(0),
        })
    }

    #[test]
    fn a_lazy_list_decodes_only_what_is_read_and_each_once() {
        let src = counting(1000, None);
        let talks: Talks = Items::lazy(src.clone());
        assert_eq!(talks.len(), 1000);
        assert_eq!(talks.id(500), Some("t500"));
        assert_eq!(src.decoded.load(Ordering::SeqCst), 0, "ids need no decode");
        assert_eq!(talks[3].title, "Title 3");
        assert_eq!(talks[3].title, "Title 3");
        assert_eq!(talks.get(7).map(|t| t.id.as_str()), Some("t7"));
        assert_eq!(src.decoded.load(Ordering::SeqCst), 2);
        assert!(talks.get(1000).is_none());
        // A reference stays put: the same talk, not a copy.
        assert!(std::ptr::eq(&talks[3], talks.get(3).unwrap()));
    }

    #[test]
    fn all_reads_every_record_without_keeping_them() {
        let src = counting(50, None);
        let talks: Talks = Items::lazy(src.clone());
        let _ = &talks[0];
        let all = talks.all();
        assert_eq!(all.len(), 50);
        assert_eq!(all[49].title, "Title 49");
        assert_eq!(
            src.decoded.load(Ordering::SeqCst),
            50,
            "talk 0 was not decoded twice"
        );
        drop(all);
        let _ = &talks[1];
        assert_eq!(
            src.decoded.load(Ordering::SeqCst),
            51,
            "nothing was kept by all()"
        );
        let held: Talks = Items::from(talks.all().into_owned());
        assert_eq!(held, talks);
    }

    #[test]
    fn map_reads_what_it_needs_and_keeps_nothing() {
        let src = counting(100, None);
        let talks: Talks = Items::lazy(src.clone());
        let _ = &talks[9];
        let titles = talks.map(&[5, 9, 5, 42, 100], |t| t.title.clone());
        assert_eq!(titles, ["Title 5", "Title 9", "Title 5", "Title 42"]);
        assert_eq!(
            src.decoded.load(Ordering::SeqCst),
            4,
            "talk 9 was read already"
        );
        assert_eq!(format!("{talks:?}"), "Items(1 read of 100, the rest lazy)");
        let held: Talks = talks.all().into_owned().into();
        assert_eq!(held.map(&[42, 7], |t| t.id.clone()), ["t42", "t7"]);
    }

    #[test]
    fn a_record_that_does_not_decode_is_named_and_reported() {
        let src = counting(3, Some(1));
        let talks: Talks = Items::lazy(src.clone());
        assert_eq!(talks[1].id, "t1");
        assert!(
            talks[1].title.contains("restart talks"),
            "{}",
            talks[1].title
        );
        assert_eq!(src.damaged.load(Ordering::SeqCst), 1);
        assert_eq!(talks[2].title, "Title 2");
    }

    /// A source whose id table says "t1" where the record says "elsewhere".
    struct Renamed(Counting);

    impl Source<Talk> for Renamed {
        fn count(&self) -> usize {
            self.0.count()
        }
        fn id(&self, i: usize) -> &str {
            self.0.id(i)
        }
        fn decode(&self, i: usize) -> Option<Talk> {
            let mut t = self.0.decode(i)?;
            if i == 1 {
                t.id = "elsewhere".into();
            }
            Some(t)
        }
        fn damaged(&self) {
            self.0.damaged();
        }
    }

    #[test]
    fn a_record_whose_id_is_not_the_tables_is_reported() {
        let src = Arc::new(Renamed(Arc::into_inner(counting(3, None)).unwrap()));
        let talks: Talks = Items::lazy(src.clone());
        let _ = &talks[0];
        assert_eq!(src.0.damaged.load(Ordering::SeqCst), 0);
        assert_eq!(talks[1].id, "elsewhere");
        assert_eq!(src.0.damaged.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn changing_a_lazy_list_reads_it_first() {
        let src = counting(3, None);
        let mut talks: Talks = Items::lazy(src);
        talks.push(Talk::unreadable("t3"));
        assert!(!talks.is_lazy());
        let titles: Vec<&str> = talks.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles[..3], ["Title 0", "Title 1", "Title 2"]);
        assert_eq!(talks.id(3), Some("t3"));
    }
}
