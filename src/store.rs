//! A snapshot of a whole load in one file in the cache dir: every talk and post as its own
//! record, the search index (`search::index`) in the layout the search reads, and what the load
//! reported. It is mapped into memory and used where it lies: a search reads the index in the
//! file and decodes only the items it prints; the TUI decodes the items in parallel and keeps
//! searching the mapped index. It is valid while the same walk finds the same files with the
//! same size and modification time (and the same site settings and bundled files); anything
//! else is a full load through the per-file cache (`archive::cache`), which writes a new one.
//!
//! Layout: the format line, the lengths of the head, the items and the ids, the head (postcard),
//! the items (an offset table, then one postcard record per talk, then per post), the ids (an
//! offset table of `u32`, then each item's id: read without decoding its record), the index.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::archive::cache::{Stamp, Warning, trusted_cache_file};
use crate::archive::items::Source;
use crate::archive::load::Planned;
use crate::archive::{Archive, Diagnostic, Items, Post, Talk};
use crate::search::Index;
use crate::search::index::Bytes;

/// Changes whenever the layout or a record's shape does; an old snapshot is then rebuilt.
const FORMAT: &str = concat!("talks-snapshot-3-", env!("CARGO_PKG_VERSION"), "\n");

/// Everything about a load that is not an item or a key.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Head {
    /// What was loaded: the sources, the section names, the bundled files (`session`).
    pub key: String,
    /// What the walk itself reported, as text: a different walk is a different load.
    pub walk: Vec<String>,
    /// Each file read, as its parse's cache key, with the stamp it had before it was read.
    pub jobs: Vec<(String, Stamp)>,
    /// Everything the load reported, warnings and errors, with whether each is an error.
    diagnostics: Vec<(bool, Warning)>,
    files_seen: usize,
    talks: u32,
    posts: u32,
    /// The last id segments more than one item has, for short ids in terminal rows.
    shared_ends: Vec<String>,
}

/// A mapped, checked snapshot.
pub struct Snapshot {
    bytes: Arc<Bytes>,
    head: Head,
    /// Where the items' offset table starts, and where their records do.
    offsets: usize,
    records: usize,
    /// Where the ids' offset table starts, and where their text does.
    id_offsets: usize,
    ids: usize,
    index: Index,
    /// The file it was mapped from.
    file: Option<PathBuf>,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Snapshot({} talks, {} posts)",
            self.head.talks, self.head.posts
        )
    }
}

/// The snapshot file for the load `key` names: one per set of sources.
pub fn file_for(cache_dir: &Path, key: &str) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    key.hash(&mut h);
    cache_dir.join(format!("snapshot-{:016x}.bin", h.finish()))
}

/// The stamp of every file a plan reads, before any is read (a file changed while the load
/// runs then fails the next check). `None` if a file is gone.
pub fn stamps(planned: &Planned) -> Option<Vec<(String, Stamp)>> {
    planned
        .jobs()
        .into_par_iter()
        .map(|(key, path)| Stamp::of(path).map(|s| (key, s)))
        .collect()
}

/// The walk's reports as text, for comparing two walks.
pub fn walk_text(planned: &Planned) -> Vec<String> {
    planned
        .diagnostics()
        .iter()
        .map(|d| d.to_string())
        .collect()
}

/// Check the table of `n + 1` offsets of `width` bytes at `at`, which address what follows it
/// up to `end`: they must rise and stay before `end`. Where what they address starts.
fn offset_table(b: &[u8], at: usize, n: usize, width: usize, end: usize) -> Option<usize> {
    let data = at.checked_add(n.checked_add(1)?.checked_mul(width)?)?;
    if data > end {
        return None;
    }
    let mut last = 0;
    for k in 0..=n {
        let pos = at + width * k;
        let off = if width == 8 {
            u64_at(b, pos)?
        } else {
            u32_at(b, pos)?
        };
        if off < last || data.checked_add(off)? > end {
            return None;
        }
        last = off;
    }
    Some(data)
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    let v = u32::from_le_bytes(b.get(at..at.checked_add(4)?)?.try_into().ok()?);
    usize::try_from(v).ok()
}

fn u64_at(b: &[u8], at: usize) -> Option<usize> {
    let v = u64::from_le_bytes(b.get(at..at.checked_add(8)?)?.try_into().ok()?);
    usize::try_from(v).ok()
}

impl Snapshot {
    /// The snapshot in `file` if it is a load of `key` that `planned` would repeat: the same
    /// walk, the same files, none changed since. `None` for anything else, including a file
    /// that is missing, damaged, of another version, or not safely ours.
    pub fn open(file: &Path, key: &str, planned: &Planned) -> Option<Snapshot> {
        trusted_cache_file(file).ok()?;
        let f = fs::File::open(file).ok()?;
        // SAFETY: the map is read-only and the file is ours (checked above); it is replaced by
        // renaming a new file over it, never written in place, so the mapped bytes do not
        // change under us. Every read of them is bounds-checked (`Index::open`, `get`).
        let map = unsafe { memmap2::Mmap::map(&f) }.ok()?;
        // The index gets a mapping of its own, so that once the items are decoded and the
        // snapshot dropped, the pages of the records leave the process (the TUI keeps only
        // the index). SAFETY: as above.
        let mut snap = Snapshot::from_bytes(Arc::new(Bytes::Mapped(map)), |whole, at| {
            let len = whole.len().checked_sub(at)?;
            let index_map = unsafe {
                memmap2::MmapOptions::new()
                    .offset(at as u64)
                    .len(len)
                    .map(&f)
            };
            Index::open(Arc::new(Bytes::Mapped(index_map.ok()?)), 0)
        })?;
        snap.file = Some(file.to_path_buf());
        let head = &snap.head;
        if head.key != key || head.walk != walk_text(planned) {
            return None;
        }
        let jobs = planned.jobs();
        if jobs.len() != head.jobs.len() {
            return None;
        }
        let same = jobs
            .par_iter()
            .zip(head.jobs.par_iter())
            .all(|((k, path), (hk, stamp))| k == hk && Stamp::of(path).as_ref() == Some(stamp));
        same.then_some(snap)
    }

    /// The snapshot in `bytes`, its index opened by `index` (given the bytes and where the
    /// index starts) and checked against the head.
    fn from_bytes(
        bytes: Arc<Bytes>,
        index: impl FnOnce(&Arc<Bytes>, usize) -> Option<Index>,
    ) -> Option<Snapshot> {
        let b: &[u8] = &bytes;
        let rest = b.strip_prefix(FORMAT.as_bytes())?;
        let start = FORMAT.len();
        let head_len = u64_at(rest, 0)?;
        let items_len = u64_at(rest, 8)?;
        let ids_len = u64_at(rest, 16)?;
        let head_at = start + 24;
        let items_at = head_at.checked_add(head_len)?;
        let ids_at = items_at.checked_add(items_len)?;
        let index_at = ids_at.checked_add(ids_len)?;
        let head: Head = postcard::from_bytes(b.get(head_at..items_at)?).ok()?;
        let n = head.talks as usize + head.posts as usize;
        // Each offset table must rise, and its last entry end inside its section.
        let records = offset_table(b, items_at, n, 8, ids_at)?;
        let ids = offset_table(b, ids_at, n, 4, index_at)?;
        // The ids' text is read where it lies, a slice at a time: it must be text, cut only
        // between characters.
        let last = u32_at(b, ids_at + 4 * n)?;
        let text = std::str::from_utf8(b.get(ids..ids + last)?).ok()?;
        for k in 0..n {
            if !text.is_char_boundary(u32_at(b, ids_at + 4 * k)?) {
                return None;
            }
        }
        let index = index(&bytes, index_at)?;
        if index.len() != n || index.talk_count() != head.talks as usize {
            return None;
        }
        Some(Snapshot {
            bytes,
            head,
            offsets: items_at,
            records,
            id_offsets: ids_at,
            ids,
            index,
            file: None,
        })
    }

    /// Remove the file: a record in it did not decode, so the next start loads afresh and
    /// writes a good one (until a source changed, the broken one would otherwise be used).
    pub fn discard(&self) {
        if let Some(f) = &self.file {
            let _ = fs::remove_file(f);
        }
    }

    /// The search index, mapped.
    pub fn index(&self) -> &Index {
        &self.index
    }

    fn record(&self, k: usize) -> Option<&[u8]> {
        let from = u64_at(&self.bytes, self.offsets + 8 * k)?;
        let to = u64_at(&self.bytes, self.offsets + 8 * (k + 1))?;
        self.bytes.get(self.records + from..self.records + to)
    }

    /// Item `k`'s id (talks first, then posts), read where it lies; "" if it is not text.
    fn id(&self, k: usize) -> &str {
        let span = || {
            let from = u32_at(&self.bytes, self.id_offsets + 4 * k)?;
            let to = u32_at(&self.bytes, self.id_offsets + 4 * (k + 1))?;
            self.bytes.get(self.ids + from..self.ids + to)
        };
        span()
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    pub fn talk_count(&self) -> usize {
        self.head.talks as usize
    }

    pub fn post_count(&self) -> usize {
        self.head.posts as usize
    }

    /// Talk `i`, decoded from its record.
    pub fn talk(&self, i: usize) -> Option<Talk> {
        if i >= self.talk_count() {
            return None;
        }
        postcard::from_bytes(self.record(i)?).ok()
    }

    /// Post `i`, decoded from its record.
    pub fn post(&self, i: usize) -> Option<Post> {
        if i >= self.post_count() {
            return None;
        }
        postcard::from_bytes(self.record(self.talk_count() + i)?).ok()
    }

    /// Everything the load reported, in its order.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.head
            .diagnostics
            .iter()
            .map(|(error, w)| w.clone().diagnostic_as(*error))
            .collect()
    }

    /// The last id segments that more than one item has.
    pub fn shared_ends(&self) -> &[String] {
        &self.head.shared_ends
    }

    /// The whole archive, decoded in parallel. `None` if a record does not decode (a damaged
    /// file that passed the checks): the caller then loads afresh.
    pub fn archive(&self) -> Option<Archive> {
        // Every record is about to be read: let the kernel read ahead instead of faulting
        // the pages in one by one.
        #[cfg(unix)]
        if let Bytes::Mapped(m) = &*self.bytes {
            let _ = m.advise(memmap2::Advice::WillNeed);
        }
        let talks: Option<Vec<Talk>> = (0..self.talk_count())
            .into_par_iter()
            .map(|i| self.talk(i))
            .collect();
        let posts: Option<Vec<Post>> = (0..self.post_count())
            .into_par_iter()
            .map(|i| self.post(i))
            .collect();
        Some(Archive {
            talks: talks?.into(),
            posts: posts?.into(),
            diagnostics: self.diagnostics(),
            files_seen: self.head.files_seen,
        })
    }

    /// Let the pages of the records go from this process (they stay in the page cache, and come
    /// back when read): after the connections read every record once, they would otherwise
    /// count in the TUI's resident memory as long as it runs (60 MB at 100,000 talks).
    fn release_records(&self) {
        #[cfg(unix)]
        if let Bytes::Mapped(m) = &*self.bytes {
            // SAFETY: the map is read-only and MAP_SHARED (memmap2's `Mmap::map`), of a file
            // that is replaced by rename and never written in place: MADV_DONTNEED only drops
            // the page mappings, a page read again comes back from the file with the same
            // bytes, so references into it (ids being compared) see no change.
            let _ = unsafe {
                m.unchecked_advise_range(
                    memmap2::UncheckedAdvice::DontNeed,
                    self.records,
                    self.id_offsets - self.records,
                )
            };
        }
    }

    /// The archive, each item decoded the first time it is asked for (`archive::Items`): what
    /// the TUI shows is a few dozen rows of it. The snapshot stays mapped for as long as the
    /// archive lives; only the pages of the records read come into memory.
    pub fn lazy_archive(self) -> Archive {
        let diagnostics = self.diagnostics();
        let files_seen = self.head.files_seen;
        let snap = Arc::new(self);
        Archive {
            talks: Items::lazy(Arc::new(TalkRecords(snap.clone()))),
            posts: Items::lazy(Arc::new(PostRecords(snap))),
            diagnostics,
            files_seen,
        }
    }
}

/// A snapshot's talks, as the source of an archive's lazy items.
struct TalkRecords(Arc<Snapshot>);

/// A snapshot's posts, as the source of an archive's lazy items.
struct PostRecords(Arc<Snapshot>);

impl Source<Talk> for TalkRecords {
    fn count(&self) -> usize {
        self.0.talk_count()
    }

    fn id(&self, i: usize) -> &str {
        if i >= self.0.talk_count() {
            return "";
        }
        self.0.id(i)
    }

    fn decode(&self, i: usize) -> Option<Talk> {
        self.0.talk(i)
    }

    fn damaged(&self) {
        self.0.discard();
    }

    fn read_all(&self) {
        self.0.release_records();
    }
}

impl Source<Post> for PostRecords {
    fn count(&self) -> usize {
        self.0.post_count()
    }

    fn id(&self, i: usize) -> &str {
        if i >= self.0.post_count() {
            return "";
        }
        self.0.id(self.0.talk_count() + i)
    }

    fn decode(&self, i: usize) -> Option<Post> {
        self.0.post(i)
    }

    fn damaged(&self) {
        self.0.discard();
    }

    fn read_all(&self) {
        self.0.release_records();
    }
}

/// What a snapshot of a load needs besides the items and the index, gathered before the load.
#[derive(Debug, Clone)]
pub struct Pending {
    pub file: PathBuf,
    pub key: String,
    pub walk: Vec<String>,
    pub jobs: Vec<(String, Stamp)>,
}

/// Write the snapshot of `archive` (whose index is `index`) atomically. A load that met an
/// unreadable file is not kept: making it readable (chmod) changes no stamp.
pub fn write(pending: Pending, archive: &Archive, index: &Index) -> std::io::Result<()> {
    match begin(pending, archive)? {
        Some(w) => w.finish(index),
        None => Ok(()),
    }
}

/// A snapshot written up to its index, which comes last (`begin`, then `finish`).
pub struct Writing {
    file: crate::atomic::Atomic,
    path: PathBuf,
    talks: usize,
    posts: usize,
}

impl Writing {
    /// Append the index of the archive `begin` wrote, and put the snapshot in its place.
    pub fn finish(mut self, index: &Index) -> std::io::Result<()> {
        if index.len() != self.talks + self.posts || index.talk_count() != self.talks {
            return Err(std::io::Error::other("an index of another archive"));
        }
        self.file.write_all(index.as_bytes())?;
        self.file.commit()?;
        crate::phase!("store: written");
        prune(&self.path);
        Ok(())
    }
}

/// Start the snapshot of `archive`: everything but the index, so that the records can be
/// written while the index is being built. `None` when the load met an unreadable file.
pub fn begin(pending: Pending, archive: &Archive) -> std::io::Result<Option<Writing>> {
    use crate::archive::LoadError;
    if archive
        .diagnostics
        .iter()
        .any(|d| matches!(d.error, LoadError::Io(_)))
    {
        return Ok(None);
    }
    let (talks, posts) = (archive.talks.all(), archive.posts.all());
    let ids = || {
        talks
            .iter()
            .map(|t| t.id.as_str())
            .chain(posts.iter().map(|p| p.id.as_str()))
    };
    let shared_ends = crate::item::shared_ends(ids(), talks.len() + posts.len());
    let head = Head {
        key: pending.key,
        walk: pending.walk,
        jobs: pending.jobs,
        diagnostics: archive.diagnostics.iter().map(Warning::of_any).collect(),
        files_seen: archive.files_seen,
        talks: u32::try_from(archive.talks.len()).map_err(std::io::Error::other)?,
        posts: u32::try_from(archive.posts.len()).map_err(std::io::Error::other)?,
        shared_ends,
    };
    let head = postcard::to_stdvec(&head).map_err(std::io::Error::other)?;
    // Records a few hundred at a time into one buffer each: one allocation and one write
    // per chunk, not per record. Each chunk keeps where its records end.
    fn chunk<T: serde::Serialize>(items: &[T]) -> postcard::Result<(Vec<u8>, Vec<usize>)> {
        let mut buf = Vec::new();
        let mut ends = Vec::with_capacity(items.len());
        for item in items {
            buf = postcard::to_extend(item, buf)?;
            ends.push(buf.len());
        }
        Ok((buf, ends))
    }
    const CHUNK: usize = 256;
    let talks = talks.par_chunks(CHUNK).map(chunk);
    let posts = posts.par_chunks(CHUNK).map(chunk);
    let chunks: Vec<(Vec<u8>, Vec<usize>)> = talks
        .chain(posts)
        .collect::<Result<_, _>>()
        .map_err(std::io::Error::other)?;
    crate::phase!("store: records");
    let count = archive.talks.len() + archive.posts.len();
    let mut items = Vec::with_capacity(8 * (count + 1));
    let mut at = 0u64;
    items.extend_from_slice(&at.to_le_bytes());
    for (_, ends) in &chunks {
        for end in ends {
            items.extend_from_slice(&(at + *end as u64).to_le_bytes());
        }
        at += ends.last().copied().unwrap_or(0) as u64;
    }
    let items_len = (items.len() as u64 + at).to_le_bytes();
    let head_len = (head.len() as u64).to_le_bytes();
    let mut id_table = Vec::with_capacity(4 * (count + 1));
    let mut id_text = Vec::new();
    id_table.extend_from_slice(&0u32.to_le_bytes());
    for id in ids() {
        id_text.extend_from_slice(id.as_bytes());
        let end = u32::try_from(id_text.len()).map_err(std::io::Error::other)?;
        id_table.extend_from_slice(&end.to_le_bytes());
    }
    let ids_len = ((id_table.len() + id_text.len()) as u64).to_le_bytes();
    let mut file = crate::atomic::Atomic::create(&pending.file)?;
    for part in [
        FORMAT.as_bytes(),
        &head_len,
        &items_len,
        &ids_len,
        &head,
        &items,
    ] {
        file.write_all(part)?;
    }
    for (buf, _) in &chunks {
        file.write_all(buf)?;
    }
    file.write_all(&id_table)?;
    file.write_all(&id_text)?;
    // Most of the snapshot goes to the disk while the index is built: the sync at the end
    // then waits for the index only.
    file.sync_so_far()?;
    crate::phase!("store: begun");
    Ok(Some(Writing {
        file,
        path: pending.file,
        talks: archive.talks.len(),
        posts: archive.posts.len(),
    }))
}

/// Snapshots kept in a cache dir: one per set of archives, the most recently written first.
/// Each can be hundreds of megabytes; older ones are removed when a new one is written.
const KEEP: usize = 8;

fn prune(written: &Path) {
    let Some(dir) = written.parent() else {
        return;
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    // What a writer killed before it was done left behind (`.snapshot-….bin.tmp-PID`), once
    // it is old enough not to be another run's writing now.
    let stale = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for p in &paths {
        let left_behind = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(".snapshot-") && n.contains(".bin.tmp-"));
        let old = fs::symlink_metadata(p)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < stale);
        if left_behind && old {
            let _ = fs::remove_file(p);
        }
    }
    let mut others: Vec<(std::time::SystemTime, PathBuf)> = paths
        .into_iter()
        .filter(|p| {
            p.as_path() != written
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("snapshot-") && n.ends_with(".bin"))
        })
        .filter_map(|p| Some((fs::symlink_metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    others.sort_by_key(|o| std::cmp::Reverse(o.0));
    for (_, old) in others.into_iter().skip(KEEP - 1) {
        let _ = fs::remove_file(old);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::load::{Sources, load_planned, plan};

    fn archive_dir() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("mini-2031.toml"),
            "[conference]\nname = \"MiniConf\"\ndate = 2031-05-04\n\n\
             [[talk]]\ntitle = \"Lightning talks\"\nspeakers = [\"Ann Other\"]\n\n\
             [[talk]]\ntitle = \"Lightning talks\"\n\n\
             [[talk]]\ntitle = \"Logical replication in depth\"\nspeakers = [\"Marat Fattakhov\"]\n",
        )
        .unwrap();
        fs::write(
            dir.path().join("maxi-2032.toml"),
            "[conference]\nname = \"MaxiConf\"\ndate = 2032-05-04\n\n\
             [[talk]]\ntitle = \"Logical replication in depth\"\n",
        )
        .unwrap();
        dir
    }

    /// Load `dir` as a session would, writing a snapshot into `cache`.
    fn load_and_snapshot(dir: &Path, cache: &Path) -> (Archive, Sources) {
        let src = Sources {
            bundled: true,
            paths: vec![dir.to_path_buf()],
            follow_outside: false,
        };
        let planned = plan(&src, &Default::default());
        let pending = Pending {
            file: cache.join("snap"),
            key: "k".into(),
            walk: walk_text(&planned),
            jobs: stamps(&planned).unwrap(),
        };
        let (archive, _, _) = load_planned(planned, None);
        write(pending, &archive, &Index::build(&archive)).unwrap();
        (archive, src)
    }

    #[test]
    fn a_snapshot_gives_back_the_load_it_was_made_from() {
        let (dir, cache) = (archive_dir(), tempfile::tempdir().unwrap());
        let (archive, src) = load_and_snapshot(dir.path(), cache.path());
        let planned = plan(&src, &Default::default());
        let snap = Snapshot::open(&cache.path().join("snap"), "k", &planned).expect("valid");
        let back = snap.archive().unwrap();
        assert_eq!(back.talks, archive.talks);
        assert_eq!(back.posts, archive.posts);
        assert_eq!(
            back.diagnostics, archive.diagnostics,
            "the repeated title's warning"
        );
        assert!(!back.diagnostics.is_empty());
        assert_eq!(back.files_seen, archive.files_seen);
        assert_eq!(
            snap.index().len(),
            archive.talks.len() + archive.posts.len()
        );
        assert_eq!(
            snap.index().as_bytes(),
            Index::build(&archive).as_bytes(),
            "the mapped index is the one a fresh build makes"
        );
        assert!(snap.talk(archive.talks.len()).is_none());
        assert_eq!(snap.shared_ends(), ["logical-replication-in-depth"]);
        assert!(Snapshot::open(&cache.path().join("snap"), "other", &planned).is_none());
    }

    /// The TUI's way: the same archive, read one item at a time, ids without decoding.
    #[test]
    fn a_lazy_archive_reads_the_same_items_as_they_are_asked_for() {
        let (dir, cache) = (archive_dir(), tempfile::tempdir().unwrap());
        let (archive, src) = load_and_snapshot(dir.path(), cache.path());
        let planned = plan(&src, &Default::default());
        let snap = Snapshot::open(&cache.path().join("snap"), "k", &planned).expect("valid");
        let lazy = snap.lazy_archive();
        assert!(lazy.talks.is_lazy() && lazy.posts.is_lazy());
        assert_eq!(
            format!("{:?}", lazy.talks),
            "Items(0 read of 9, the rest lazy)"
        );
        for (i, t) in archive.talks.iter().enumerate() {
            assert_eq!(lazy.talks.id(i), Some(t.id.as_str()));
        }
        for (i, p) in archive.posts.iter().enumerate() {
            assert_eq!(lazy.posts.id(i), Some(p.id.as_str()));
        }
        assert!(lazy.talks.id(archive.talks.len()).is_none());
        assert_eq!(
            format!("{:?}", lazy.talks),
            "Items(0 read of 9, the rest lazy)",
            "ids come from their own table"
        );
        assert_eq!(lazy.talks[2], archive.talks[2]);
        assert_eq!(
            format!("{:?}", lazy.talks),
            "Items(1 read of 9, the rest lazy)"
        );
        assert_eq!(lazy.talks, archive.talks);
        assert_eq!(lazy.posts, archive.posts);
        assert_eq!(lazy.diagnostics, archive.diagnostics);
        assert_eq!(&*lazy.talks.all(), &*archive.talks.all());
    }

    /// Ids that point outside their section, or backwards, make the whole snapshot invalid.
    #[test]
    fn a_damaged_id_table_is_refused() {
        let (dir, cache) = (archive_dir(), tempfile::tempdir().unwrap());
        let (_, src) = load_and_snapshot(dir.path(), cache.path());
        let planned = plan(&src, &Default::default());
        let file = cache.path().join("snap");
        let at = Snapshot::open(&file, "k", &planned).unwrap().id_offsets;
        let good = fs::read(&file).unwrap();
        for (k, value) in [(2, 0u32), (3, u32::MAX), (9, 1 << 20)] {
            let mut bad = good.clone();
            bad[at + 4 * k..at + 4 * k + 4].copy_from_slice(&value.to_le_bytes());
            fs::write(&file, &bad).unwrap();
            assert!(
                Snapshot::open(&file, "k", &planned).is_none(),
                "id offset {k} set to {value}"
            );
        }
        fs::write(&file, &good).unwrap();
        assert!(Snapshot::open(&file, "k", &planned).is_some());
    }

    /// A snapshot whose structure checks out but a record of which does not decode: a
    /// search's rows or a whole decode fail, and a caller that wants every item gets a fresh
    /// load instead, the broken file removed so that the next start writes a good one.
    #[test]
    fn a_record_that_does_not_decode_means_a_fresh_load() {
        let (dir, cache) = (archive_dir(), tempfile::tempdir().unwrap());
        let src = Sources {
            bundled: false,
            paths: vec![dir.path().to_path_buf()],
            follow_outside: false,
        };
        let sections = Default::default();
        let key = crate::session::snapshot_key(&src, &sections);
        let file = file_for(cache.path(), &key);
        // A first start writes the snapshot the session's way.
        let loaded = crate::session::start_loaded(&src, &sections, Some(cache.path()));
        let want = loaded.archive.talks.clone();
        write(
            loaded.pending.unwrap(),
            &loaded.archive,
            &Index::build(&loaded.archive),
        )
        .unwrap();
        let snap = Snapshot::open(&file, &key, &plan(&src, &sections)).unwrap();
        let (from, to) = (
            u64_at(&snap.bytes, snap.offsets).unwrap() + snap.records,
            u64_at(&snap.bytes, snap.offsets + 8).unwrap() + snap.records,
        );
        drop(snap);
        let mut bytes = fs::read(&file).unwrap();
        bytes[from..to].fill(0xff);
        fs::write(&file, &bytes).unwrap();
        let snap = Snapshot::open(&file, &key, &plan(&src, &sections)).expect("the checks pass");
        assert!(snap.talk(0).is_none() && snap.archive().is_none());
        assert!(snap.talk(1).is_some(), "the other records are fine");
        drop(snap);
        // Read lazily (the TUI), the broken talk stands as a placeholder with its id, the
        // others read fine, and the file goes so that the next start loads afresh.
        let lazy = crate::session::start_lazy(&src, &sections, Some(cache.path()));
        assert!(lazy.archive.talks.is_lazy());
        assert_eq!(lazy.archive.talks[1], want[1]);
        assert!(file.exists());
        assert_eq!(lazy.archive.talks[0].id, want[0].id);
        assert!(lazy.archive.talks[0].title.contains("restart talks"));
        assert!(!file.exists(), "removed once a record failed");
        fs::write(&file, &bytes).unwrap();
        let again = crate::session::start_loaded(&src, &sections, Some(cache.path()));
        assert_eq!(again.archive.talks, want, "a fresh load, whole");
        assert!(
            again.pending.is_some(),
            "with what writing a new snapshot needs"
        );
        assert!(!file.exists(), "the broken snapshot is gone");
    }

    #[test]
    fn only_the_newest_snapshots_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        for k in 0..12 {
            fs::write(dir.path().join(format!("snapshot-{k:02}.bin")), b"old").unwrap();
            // Distinct modification times, oldest first.
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        fs::write(dir.path().join("archive.cache"), b"kept").unwrap();
        // Left behind by a writer killed two hours ago, and being written by another run now.
        let stale = dir.path().join(".snapshot-aa.bin.tmp-1");
        fs::write(&stale, b"half").unwrap();
        let two_hours = std::time::Duration::from_secs(7200);
        fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(std::time::SystemTime::now() - two_hours)
            .unwrap();
        fs::write(dir.path().join(".snapshot-bb.bin.tmp-2"), b"writing").unwrap();
        let data = archive_dir();
        let src = Sources {
            bundled: false,
            paths: vec![data.path().to_path_buf()],
            follow_outside: false,
        };
        let planned = plan(&src, &Default::default());
        let pending = Pending {
            file: dir.path().join("snapshot-new.bin"),
            key: "k".into(),
            walk: walk_text(&planned),
            jobs: stamps(&planned).unwrap(),
        };
        let (archive, _, _) = load_planned(planned, None);
        write(pending, &archive, &Index::build(&archive)).unwrap();
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut want: Vec<String> = (5..12).map(|k| format!("snapshot-{k:02}.bin")).collect();
        want.extend([
            "archive.cache".to_string(),
            "snapshot-new.bin".to_string(),
            ".snapshot-bb.bin.tmp-2".to_string(),
        ]);
        want.sort();
        assert_eq!(
            left, want,
            "the new one and the 7 newest others stay, and a temporary file being written"
        );
    }

    #[test]
    fn an_edit_a_new_file_or_a_damaged_snapshot_means_a_fresh_load() {
        let (dir, cache) = (archive_dir(), tempfile::tempdir().unwrap());
        let (_, src) = load_and_snapshot(dir.path(), cache.path());
        let file = cache.path().join("snap");
        let valid = || Snapshot::open(&file, "k", &plan(&src, &Default::default())).is_some();
        assert!(valid());
        // A new file: the walk finds one more job.
        fs::write(
            dir.path().join("other-2032.toml"),
            "[conference]\nname = \"Other\"\n\n[[talk]]\ntitle = \"T\"\n",
        )
        .unwrap();
        assert!(!valid(), "a new file");
        fs::remove_file(dir.path().join("other-2032.toml")).unwrap();
        assert!(valid(), "back as it was");
        // An edit of the same size with the old modification time put back (as `cp -p` or
        // `rsync -a` would): the change time still moved.
        let conf = dir.path().join("mini-2031.toml");
        let before = fs::metadata(&conf).unwrap().modified().unwrap();
        let same_size = fs::read_to_string(&conf)
            .unwrap()
            .replace("Ann Other", "Ann Uther");
        fs::write(&conf, same_size).unwrap();
        fs::File::options()
            .write(true)
            .open(&conf)
            .unwrap()
            .set_modified(before)
            .unwrap();
        assert_eq!(fs::metadata(&conf).unwrap().modified().unwrap(), before);
        assert!(!valid(), "a same-size edit with its old modification time");
        let (_, _) = load_and_snapshot(dir.path(), cache.path());
        assert!(valid());
        // An edit: the size changes.
        let text = fs::read_to_string(&conf).unwrap();
        fs::write(&conf, format!("{text}\n")).unwrap();
        assert!(!valid(), "an edited file");
        // Damage: every cut of the file is refused, never read past its end.
        let (_, _) = load_and_snapshot(dir.path(), cache.path());
        assert!(valid());
        let bytes = fs::read(&file).unwrap();
        for cut in [0, 10, FORMAT.len() + 20, bytes.len() / 2, bytes.len() - 1] {
            fs::write(&file, &bytes[..cut]).unwrap();
            assert!(!valid(), "cut at {cut}");
        }
    }
}
