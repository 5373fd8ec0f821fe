//! A cache of parsed files for large archives, in the cache dir: each source file's items keyed
//! by its path, size and modification time (and what else its parse depends on), so a restart
//! parses only the files that changed. Rebuildable: any problem reading it means starting afresh.

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::time::UNIX_EPOCH;

use super::model::{Post, Talk};

/// Bumped whenever what is cached changes shape; an old cache is then ignored.
const FORMAT: &str = concat!("talks-cache-4-", env!("CARGO_PKG_VERSION"));

/// What one source file gave, stored only for files that loaded without any diagnostic (so
/// problems are reported afresh on every start).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Items {
    Talk(Box<Talk>),
    Post(Box<Post>),
    Talks(Vec<Talk>),
    Nothing,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    pub size: u64,
    pub mtime_ns: u128,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = fs::metadata(path).ok()?;
        let mtime_ns = meta
            .modified()
            .ok()?
            .duration_since(UNIX_EPOCH)
            .ok()?
            .as_nanos();
        Some(Stamp {
            size: meta.len(),
            mtime_ns,
        })
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    pub stamp: Stamp,
    /// postcard bytes of `Items`: decoded only when used, and in parallel.
    #[serde(with = "bytes")]
    pub blob: Vec<u8>,
}

/// A blob as one byte string, not a sequence of single bytes: the same postcard encoding
/// (length, then the bytes), decoded with one copy instead of a visitor call per byte.
mod bytes {
    use serde::{Deserializer, Serializer, de};

    pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(v)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        struct Bytes;
        impl<'de> de::Visitor<'de> for Bytes {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                Ok(v.to_vec())
            }
            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
                Ok(v)
            }
        }
        d.deserialize_byte_buf(Bytes)
    }
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Cache {
    pub entries: HashMap<String, Entry>,
}

/// How a load used the cache, for benchmarks and `--verbose`-style notes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub hits: usize,
    pub misses: usize,
}

impl Cache {
    /// The cached items of `key` if the file still has this stamp.
    pub fn get(&self, key: &str, stamp: &Stamp) -> Option<Items> {
        let e = self.entries.get(key)?;
        if e.stamp != *stamp {
            return None;
        }
        postcard::from_bytes(&e.blob).ok()
    }

    pub fn entry(items: &Items, stamp: Stamp) -> Option<Entry> {
        Some(Entry {
            stamp,
            blob: postcard::to_stdvec(items).ok()?,
        })
    }
}

/// Read a cache file; missing, old or corrupt gives an empty cache.
pub fn read_cache(path: &Path) -> Cache {
    let Ok(bytes) = fs::read(path) else {
        return Cache::default();
    };
    let Some(rest) = bytes.strip_prefix(FORMAT.as_bytes()) else {
        return Cache::default();
    };
    postcard::from_bytes(rest).unwrap_or_default()
}

/// Write the cache atomically: a crash leaves the old one or none, never half.
pub fn write_cache(path: &Path, cache: &Cache) -> std::io::Result<()> {
    let body = postcard::to_stdvec(cache).map_err(std::io::Error::other)?;
    crate::atomic::write_atomic(path, &[FORMAT.as_bytes(), &body])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrupt_or_old_cache_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("archive.cache");
        assert!(read_cache(&p).entries.is_empty());
        fs::write(&p, b"garbage").unwrap();
        assert!(read_cache(&p).entries.is_empty());
        fs::write(&p, [FORMAT.as_bytes(), b"\xff\xff\xff"].concat()).unwrap();
        assert!(read_cache(&p).entries.is_empty());
    }

    #[test]
    fn round_trip_and_stamp_check() {
        let mut a = crate::archive::Archive::default();
        crate::archive::bundled::load_into(&mut a);
        let items = Items::Talks(a.talks.clone());
        let stamp = Stamp {
            size: 1,
            mtime_ns: 2,
        };
        let mut c = Cache::default();
        c.entries
            .insert("k".into(), Cache::entry(&items, stamp.clone()).unwrap());
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("archive.cache");
        write_cache(&p, &c).unwrap();
        let back = read_cache(&p);
        match back.get("k", &stamp) {
            Some(Items::Talks(t)) => assert_eq!(t, a.talks),
            other => panic!("{other:?}"),
        }
        assert!(
            back.get(
                "k",
                &Stamp {
                    size: 1,
                    mtime_ns: 3
                }
            )
            .is_none()
        );
    }
}
