//! The searchable keys of an archive in one flat byte layout, the same whether built in memory
//! at load or mapped from a snapshot file (`store`): the search reads it where it lies, and no
//! key is ever decoded into objects.
//!
//! Layout (little-endian), starting at `base`:
//! - header: magic, document count, talk count, strings length;
//! - one fixed record per document ([`REC`] bytes): the letter masks of its eight fields, its
//!   date, kind and link flags, and where its eight folded fields lie in the strings;
//! - the documents in newest-first order (`u32` each), computed once, and each document's
//!   place in that order (its rank: the tie-break of equal scores);
//! - the strings: each document's folded fields, one after another.
//!
//! Documents are the archive's talks in order, then its posts: document `i` is talk `i`, or
//! post `i - talks`.
//!
//! A layout of our own over plain byte reads (`u64::from_le_bytes` on slices, which compile to
//! single loads) rather than rkyv or zerocopy: there are two record shapes, the reads are
//! bounds-checked and need no `unsafe` or alignment, and a mapped file that is damaged or
//! planted can at worst fail `open`'s checks or give wrong keys, never undefined behaviour.

use std::ops::Deref;
use std::sync::Arc;

use rayon::prelude::*;

use super::fold::fold_bytes_into;
use super::{BODY_LIMIT, DocKind, Slot, cut, mask};
use crate::archive::{Archive, Date, LinkKind};

const MAGIC: &[u8; 8] = b"TKIDX\x00\x00\x02";
const HEADER: usize = 8 + 4 + 4 + 8;
/// Bytes per document record: 8 masks, date (year, month, day), kind, flags, strings offset,
/// and 8 field lengths.
pub const REC: usize = 64 + 4 + 1 + 1 + 1 + 1 + 8 + 8 * 4;
const NO_YEAR: i32 = i32::MIN;

/// The bytes an index lives in: its own, or a mapped file it shares with the snapshot.
pub enum Bytes {
    Owned(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Mapped(m) => m,
        }
    }
}

/// What a document is, apart from its text: enough to filter, sort and find its item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Doc {
    pub kind: DocKind,
    /// Index into `archive.talks` or `archive.posts`.
    pub idx: u32,
    pub date: Option<Date>,
    pub has_video: bool,
    pub has_slides: bool,
}

/// The searchable keys of a whole archive, talks first, then posts. Cheap to clone.
#[derive(Clone)]
pub struct Index {
    bytes: Arc<Bytes>,
    n: u32,
    talks: u32,
    recs: usize,
    order: usize,
    rank: usize,
    strings: usize,
    strings_len: usize,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index({} docs, {} talks)", self.n, self.talks)
    }
}

impl Default for Index {
    fn default() -> Self {
        Index::build(&Archive::default())
    }
}

#[inline]
fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"))
}

#[inline]
fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}

/// Folds one field of a document onto the end of a buffer.
type FoldField<'a> = dyn Fn(&mut Vec<u8>) + 'a;

/// One document's keys while building: its eight fields folded one after another into one
/// buffer (one allocation, not eight).
struct Built {
    doc: Doc,
    text: Vec<u8>,
    lens: [u32; 8],
    /// The letter mask of each field, computed where the fields are built (in parallel).
    masks: [u64; 8],
}

impl Built {
    /// `fields` folds each of the eight fields, in slot order, onto the buffer it is given.
    fn new(doc: Doc, capacity: usize, fields: [&FoldField<'_>; 8]) -> Built {
        let mut text = Vec::with_capacity(capacity);
        let mut lens = [0u32; 8];
        let mut masks = [0u64; 8];
        for (k, field) in fields.iter().enumerate() {
            let start = text.len();
            field(&mut text);
            // A field is at most BODY_LIMIT-ish bytes or a title: far below 4 GiB.
            lens[k] = (text.len() - start) as u32;
            masks[k] = mask(&text[start..]);
        }
        Built {
            doc,
            text,
            lens,
            masks,
        }
    }
}

fn talk_keys(i: usize, t: &crate::archive::Talk) -> Built {
    let companies: Vec<&str> = t
        .speakers
        .iter()
        .filter_map(|s| s.company.as_deref())
        .collect();
    let tags = crate::archive::model::labels(&t.tags, &t.categories);
    let abstract_md = cut(&t.abstract_md, BODY_LIMIT);
    let body_md = cut(&t.body_md, BODY_LIMIT.saturating_sub(t.abstract_md.len()));
    Built::new(
        Doc {
            kind: DocKind::Talk,
            idx: i as u32,
            date: t.date,
            has_video: t.has(LinkKind::Video),
            has_slides: t.has(LinkKind::Slides),
        },
        t.title.len() + abstract_md.len() + body_md.len() + 128,
        [
            &|b| fold_bytes_into(b, &t.speaker_names()),
            &|b| fold_bytes_into(b, &t.title),
            &|b| fold_bytes_into(b, &companies.join(", ")),
            &|b| fold_bytes_into(b, &tags.join(", ")),
            &|b| fold_bytes_into(b, t.conference_name().unwrap_or("")),
            &|b| fold_bytes_into(b, t.city.as_deref().unwrap_or("")),
            // "ru, Russian, русский": `lang:ru` and `lang:russian` both find it.
            &|b| {
                let language = t.language.as_deref().unwrap_or("");
                fold_bytes_into(b, &crate::archive::language::search_text(language));
            },
            // Searched, never highlighted: folded without a map back (highlights fold the
            // shown rows).
            &|b| {
                fold_bytes_into(b, abstract_md);
                b.push(b'\n');
                fold_bytes_into(b, body_md);
            },
        ],
    )
}

fn post_keys(i: usize, p: &crate::archive::Post) -> Built {
    let tags = crate::archive::model::labels(&p.tags, &p.categories);
    let body_md = cut(&p.body_md, BODY_LIMIT);
    let none = |_: &mut Vec<u8>| {};
    Built::new(
        Doc {
            kind: DocKind::Post,
            idx: i as u32,
            date: p.date,
            // A post that embeds a video (archive: Post::links). A post linking a PDF is not a
            // post "with slides": has:slides stays about talks.
            has_video: p.has(LinkKind::Video),
            has_slides: false,
        },
        p.title.len() + body_md.len() + 64,
        [
            &none,
            &|b| fold_bytes_into(b, &p.title),
            &none,
            &|b| fold_bytes_into(b, &tags.join(", ")),
            &none,
            &none,
            &|b| {
                let language = p.language.as_deref().unwrap_or("");
                fold_bytes_into(b, &crate::archive::language::search_text(language));
            },
            &|b| fold_bytes_into(b, body_md),
        ],
    )
}

/// Newest first; undated last; equal dates in document order.
fn newest_first(dates: &[Option<Date>]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..dates.len() as u32).collect();
    order.par_sort_by(|&a, &b| dates[b as usize].cmp(&dates[a as usize]).then(a.cmp(&b)));
    order
}

impl Index {
    /// Fold every talk and post of `archive` into the layout, in memory.
    pub fn build(archive: &Archive) -> Index {
        let mut built: Vec<Built> = archive
            .talks
            .all()
            .par_iter()
            .enumerate()
            .map(|(i, t)| talk_keys(i, t))
            .collect();
        built.par_extend(
            archive
                .posts
                .all()
                .par_iter()
                .enumerate()
                .map(|(i, p)| post_keys(i, p)),
        );
        crate::phase!("index keys");
        let bytes = encode(&built, archive.talks.len());
        // 800,000 strings at 100,000 talks: freed where they were made, in parallel.
        built.into_par_iter().for_each(drop);
        // Laid out just now: the checks `open` makes of a file are not needed.
        Index::layout(Arc::new(Bytes::Owned(bytes)), 0).expect("a freshly built index is valid")
    }

    /// The index at `base` in `bytes`, after checking that every record's fields and every
    /// order entry lie inside it. `None` for anything else (an old or damaged file).
    pub fn open(bytes: Arc<Bytes>, base: usize) -> Option<Index> {
        let index = Index::layout(bytes, base)?;
        let b: &[u8] = &index.bytes;
        let (n, talks, order) = (index.n, index.talks, index.order);
        let strings_len = index.strings_len;
        let ok = (0..n).into_par_iter().all(|i| {
            let r = index.rec(i);
            let start = u64_at(r, 72) as usize;
            let len: usize = (0..8).map(|k| u32_at(r, 80 + 4 * k) as usize).sum();
            // Talks first, then posts: a document's kind is where it stands.
            r[70] == u8::from(i >= talks)
                && start.checked_add(len).is_some_and(|end| end <= strings_len)
                && u32_at(b, order + 4 * i as usize) < n
        });
        // The order is a permutation and the rank its inverse: every document listed once.
        let inverse = ok && (0..n).all(|k| index.rank(index.order_at(k)) == k);
        inverse.then_some(index)
    }

    /// The index at `base` in `bytes`, its header and the sizes of its parts checked against
    /// the bytes, but not its records (`open` checks those).
    fn layout(bytes: Arc<Bytes>, base: usize) -> Option<Index> {
        let b: &[u8] = &bytes;
        let head = b.get(base..base.checked_add(HEADER)?)?;
        if &head[..8] != MAGIC {
            return None;
        }
        let n = u32_at(head, 8);
        let talks = u32_at(head, 12);
        let strings_len = usize::try_from(u64_at(head, 16)).ok()?;
        if talks > n {
            return None;
        }
        let recs = base + HEADER;
        let order = recs.checked_add((n as usize).checked_mul(REC)?)?;
        let rank = order.checked_add(n as usize * 4)?;
        let strings = rank.checked_add(n as usize * 4)?;
        if strings.checked_add(strings_len)? > b.len() {
            return None;
        }
        Some(Index {
            bytes: bytes.clone(),
            n,
            talks,
            recs,
            order,
            rank,
            strings,
            strings_len,
        })
    }

    /// The bytes of the whole layout, to be written into a snapshot.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[self.recs - HEADER..self.strings + self.strings_len]
    }

    pub fn len(&self) -> usize {
        self.n as usize
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// How many of the documents are talks (they come first).
    pub fn talk_count(&self) -> usize {
        self.talks as usize
    }

    #[inline]
    fn rec(&self, i: u32) -> &[u8] {
        let at = self.recs + i as usize * REC;
        &self.bytes[at..at + REC]
    }

    /// Document `i`, which must be below `len()`.
    #[inline]
    pub fn doc(&self, i: u32) -> Doc {
        let r = self.rec(i);
        let year = u32_at(r, 64) as i32;
        let kind = if r[70] == 0 {
            DocKind::Talk
        } else {
            DocKind::Post
        };
        Doc {
            kind,
            idx: if kind == DocKind::Talk {
                i
            } else {
                i - self.talks
            },
            date: (year != NO_YEAR).then_some(Date {
                year,
                month: r[68],
                day: r[69],
            }),
            has_video: r[71] & 1 != 0,
            has_slides: r[71] & 2 != 0,
        }
    }

    pub fn get(&self, i: u32) -> Option<Doc> {
        (i < self.n).then(|| self.doc(i))
    }

    /// The document of talk `i` or post `i`.
    pub fn position(&self, kind: DocKind, idx: u32) -> u32 {
        match kind {
            DocKind::Talk => idx,
            DocKind::Post => self.talks + idx,
        }
    }

    #[inline]
    pub(super) fn mask(&self, i: u32, slot: Slot) -> u64 {
        u64_at(self.rec(i), 8 * slot as usize)
    }

    /// The folded text of one field of document `i`.
    #[inline]
    pub(super) fn slot(&self, i: u32, slot: Slot) -> &[u8] {
        let r = self.rec(i);
        let mut start = self.strings + u64_at(r, 72) as usize;
        for k in 0..slot as usize {
            start += u32_at(r, 80 + 4 * k) as usize;
        }
        let len = u32_at(r, 80 + 4 * slot as usize) as usize;
        &self.bytes[start..start + len]
    }

    /// The folded title, for sorting by title (byte order is the folded text's order).
    pub fn title_key(&self, i: u32) -> &[u8] {
        self.slot(i, Slot::Title)
    }

    #[inline]
    fn order_at(&self, k: u32) -> u32 {
        u32_at(&self.bytes, self.order + 4 * k as usize)
    }

    /// Document `i`'s place in the newest-first order: equal scores are shown in it.
    #[inline]
    pub fn rank(&self, i: u32) -> u32 {
        u32_at(&self.bytes, self.rank + 4 * i as usize)
    }

    /// Every document, newest first (undated last), computed when the index was built.
    pub fn newest_first(&self) -> impl ExactSizeIterator<Item = u32> + '_ {
        (0..self.n as usize).map(move |k| u32_at(&self.bytes, self.order + 4 * k))
    }
}

fn encode(built: &[Built], talks: usize) -> Vec<u8> {
    let n = built.len();
    // Where each document's strings start, and the whole length.
    let lens: Vec<usize> = built.iter().map(|b| b.text.len()).collect();
    let strings_len: usize = lens.iter().sum();
    let strings_at = HEADER + n * (REC + 8);
    let mut out = vec![0u8; strings_at + strings_len];
    let (head, rest) = out.split_at_mut(HEADER);
    head[..8].copy_from_slice(MAGIC);
    head[8..12].copy_from_slice(&(n as u32).to_le_bytes());
    head[12..16].copy_from_slice(&(talks as u32).to_le_bytes());
    head[16..24].copy_from_slice(&(strings_len as u64).to_le_bytes());
    let (recs, rest) = rest.split_at_mut(n * REC);
    let (order_rank, mut strings) = rest.split_at_mut(n * 8);
    // Each document's part of the strings, cut apart in order, so that the records and the
    // strings (60 MB at 100,000 talks) are laid out in parallel.
    let mut parts: Vec<(usize, &mut [u8])> = Vec::with_capacity(n);
    let mut at = 0;
    for &len in &lens {
        let (part, tail) = strings.split_at_mut(len);
        parts.push((at, part));
        strings = tail;
        at += len;
    }
    recs.par_chunks_mut(REC)
        .zip(parts.into_par_iter())
        .zip(built.par_iter())
        .for_each(|((r, (at, part)), b)| {
            for (k, m) in b.masks.iter().enumerate() {
                r[8 * k..8 * k + 8].copy_from_slice(&m.to_le_bytes());
            }
            let (year, month, day) = b
                .doc
                .date
                .map_or((NO_YEAR, 0, 0), |d| (d.year, d.month, d.day));
            r[64..68].copy_from_slice(&year.to_le_bytes());
            r[68] = month;
            r[69] = day;
            r[70] = u8::from(b.doc.kind == DocKind::Post);
            r[71] = u8::from(b.doc.has_video) | (u8::from(b.doc.has_slides) << 1);
            r[72..80].copy_from_slice(&(at as u64).to_le_bytes());
            for (k, len) in b.lens.iter().enumerate() {
                r[80 + 4 * k..84 + 4 * k].copy_from_slice(&len.to_le_bytes());
            }
            part.copy_from_slice(&b.text);
        });
    let dates: Vec<Option<Date>> = built.iter().map(|b| b.doc.date).collect();
    let order = newest_first(&dates);
    let (order_out, rank_out) = order_rank.split_at_mut(n * 4);
    for (place, &i) in order.iter().enumerate() {
        let i = i as usize;
        order_out[4 * place..4 * place + 4].copy_from_slice(&(i as u32).to_le_bytes());
        rank_out[4 * i..4 * i + 4].copy_from_slice(&(place as u32).to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold::fold_text;

    fn bundled() -> Archive {
        let mut a = Archive::default();
        crate::archive::bundled::load_into(&mut a);
        a
    }

    #[test]
    fn every_document_reads_back_as_built() {
        let a = bundled();
        let index = Index::build(&a);
        assert_eq!(index.len(), a.talks.len() + a.posts.len());
        for (i, t) in a.talks.iter().enumerate() {
            let d = index.doc(i as u32);
            assert_eq!((d.kind, d.idx, d.date), (DocKind::Talk, i as u32, t.date));
            assert_eq!(index.title_key(i as u32), fold_text(&t.title).as_bytes());
            assert_eq!(
                index.slot(i as u32, Slot::Speakers),
                fold_text(&t.speaker_names()).as_bytes()
            );
            assert_eq!(index.mask(i as u32, Slot::Title), mask(fold_text(&t.title)));
        }
        for (i, p) in a.posts.iter().enumerate() {
            let d = index.doc((a.talks.len() + i) as u32);
            assert_eq!((d.kind, d.idx, d.date), (DocKind::Post, i as u32, p.date));
            assert!(!d.has_slides);
        }
    }

    #[test]
    fn newest_first_puts_undated_last() {
        let mut a = bundled();
        let mut undated = a.talks[0].clone();
        undated.date = None;
        a.talks.to_mut().insert(0, undated);
        let index = Index::build(&a);
        let order: Vec<u32> = index.newest_first().collect();
        assert_eq!(order.len(), index.len());
        assert_eq!(*order.last().unwrap(), 0, "the undated talk comes last");
        let dates: Vec<Date> = order[..order.len() - 1]
            .iter()
            .map(|&i| index.doc(i).date.unwrap())
            .collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
        for (place, &i) in order.iter().enumerate() {
            assert_eq!(index.rank(i) as usize, place);
        }
    }

    #[test]
    fn damaged_bytes_are_refused_not_read() {
        let index = Index::build(&bundled());
        let good = index.as_bytes().to_vec();
        let open = |b: Vec<u8>| Index::open(Arc::new(Bytes::Owned(b)), 0).is_some();
        assert!(open(good.clone()));
        assert!(!open(good[..good.len() - 1].to_vec()), "cut short");
        let mut bad = good.clone();
        bad[0] ^= 1;
        assert!(!open(bad), "wrong magic");
        let mut bad = good.clone();
        // The first record's strings offset, pointed past the end.
        bad[HEADER + 72..HEADER + 80].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(!open(bad), "a field outside the strings");
        let mut bad = good.clone();
        // A post's kind on the first document, which is a talk.
        bad[HEADER + 70] = 1;
        assert!(!open(bad), "a kind that is not where the document stands");
        let mut bad = good.clone();
        let order = HEADER + index.len() * REC;
        // Two order entries the same: one document listed twice, another never.
        bad[order..order + 4].copy_from_slice(&good[order + 4..order + 8]);
        assert!(!open(bad), "an order that is not a permutation");
        let mut bad = good.clone();
        bad[order..order + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(!open(bad), "an order entry past the end");
        let mut bad = good;
        let rank = order + index.len() * 4;
        bad[rank..rank + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(!open(bad), "a rank past the end");
    }
}
