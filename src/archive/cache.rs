//! A cache of parsed files for large archives, in the cache dir: each source file's items keyed
//! by its path, size and modification time (and what else its parse depends on), so a restart
//! parses only the files that changed. Rebuildable: any problem reading it means starting afresh.

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::time::UNIX_EPOCH;

use super::error::{Diagnostic, LoadError, Severity};
use super::model::{Post, Talk};

/// Bumped whenever what is cached changes shape; an old cache is then ignored.
const FORMAT: &str = concat!("talks-cache-6-", env!("CARGO_PKG_VERSION"));

/// What one source file gave. Stored with the file's warnings (so `check` and the status line
/// still report them on a warm start) for files that loaded without an error.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Items {
    Talk(Box<Talk>),
    Post(Box<Post>),
    Talks(Vec<Talk>),
    Nothing,
}

/// What says a file is unchanged: its size and modification time, and on Unix its inode and
/// change time too. A copy that keeps the modification time (`cp -p`, `rsync -a`, `tar x`)
/// or an edit of the same size within one tick of a coarse clock still moves the change
/// time, which no user can set.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    pub size: u64,
    pub mtime_ns: u128,
    pub ctime_ns: i128,
    pub inode: u64,
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
        #[cfg(unix)]
        let (ctime_ns, inode) = {
            use std::os::unix::fs::MetadataExt;
            (
                i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
                meta.ino(),
            )
        };
        #[cfg(not(unix))]
        let (ctime_ns, inode) = (0, 0);
        Some(Stamp {
            size: meta.len(),
            mtime_ns,
            ctime_ns,
            inode,
        })
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    pub stamp: Stamp,
    /// postcard bytes of `(Items, Vec<Warning>)`: decoded only when used, and in parallel.
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

/// A warning as the cache stores it. `LoadError` holds `&'static str`s (field names, fences)
/// that cannot be read back from a file, so those come back through [`static_str`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Warning {
    path: String,
    line: Option<usize>,
    column: Option<usize>,
    error: CachedError,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
enum CachedError {
    Io(String),
    InvalidUtf8 {
        byte: usize,
    },
    Binary,
    NotAFile,
    Empty,
    TooLarge {
        size: u64,
        limit: u64,
    },
    UnclosedFence {
        fence: String,
    },
    Toml(String),
    Yaml(String),
    Json(String),
    Xml(String),
    NotATable,
    WrongType {
        key: String,
        expected: String,
        found: String,
    },
    BadDate {
        key: String,
        value: String,
    },
    Missing {
        key: String,
    },
    DuplicateId {
        id: String,
        other: String,
    },
    SymlinkLoop,
    OutsideRoot {
        target: String,
    },
    NameNotUtf8,
    NothingFound,
    DuplicateKey {
        key: String,
        first_line: usize,
    },
    UnknownSpeaker {
        id: String,
    },
    UnreadSection {
        section: String,
        config: String,
    },
    Unplaced {
        looked_like: String,
    },
    TooDeep {
        max: usize,
    },
}

/// A `&'static str` for a string read back from the cache: the code's field names and type
/// descriptions, each leaked once per process (there are a few dozen at most).
fn static_str(s: String) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static SEEN: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut seen = SEEN
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(&known) = seen.get(s.as_str()) {
        return known;
    }
    let leaked: &'static str = Box::leak(s.into_boxed_str());
    seen.insert(leaked);
    leaked
}

impl Warning {
    /// `None` for errors: a file with an error is parsed afresh every time.
    pub fn of(d: &Diagnostic) -> Option<Warning> {
        (d.severity == Severity::Warning).then(|| Warning::mirror(d))
    }

    /// Any diagnostic, a warning or an error, with whether it was an error: what a snapshot of
    /// a whole load stores (`store`).
    pub fn of_any(d: &Diagnostic) -> (bool, Warning) {
        (d.severity == Severity::Error, Warning::mirror(d))
    }

    /// The diagnostic back, an error when `error`.
    pub fn diagnostic_as(self, error: bool) -> Diagnostic {
        let mut d = self.diagnostic();
        if error {
            d.severity = Severity::Error;
        }
        d
    }

    fn mirror(d: &Diagnostic) -> Warning {
        use CachedError as C;
        let error = match d.error.clone() {
            LoadError::Io(s) => C::Io(s),
            LoadError::InvalidUtf8 { byte } => C::InvalidUtf8 { byte },
            LoadError::Binary => C::Binary,
            LoadError::NotAFile => C::NotAFile,
            LoadError::Empty => C::Empty,
            LoadError::TooLarge { size, limit } => C::TooLarge { size, limit },
            LoadError::UnclosedFence { fence } => C::UnclosedFence {
                fence: fence.into(),
            },
            LoadError::Toml(s) => C::Toml(s),
            LoadError::Yaml(s) => C::Yaml(s),
            LoadError::Json(s) => C::Json(s),
            LoadError::Xml(s) => C::Xml(s),
            LoadError::NotATable => C::NotATable,
            LoadError::WrongType {
                key,
                expected,
                found,
            } => C::WrongType {
                key,
                expected: expected.into(),
                found,
            },
            LoadError::BadDate { key, value } => C::BadDate { key, value },
            LoadError::Missing { key } => C::Missing { key: key.into() },
            LoadError::DuplicateId { id, other } => C::DuplicateId { id, other },
            LoadError::SymlinkLoop => C::SymlinkLoop,
            LoadError::OutsideRoot { target } => C::OutsideRoot { target },
            LoadError::NameNotUtf8 => C::NameNotUtf8,
            LoadError::NothingFound => C::NothingFound,
            LoadError::DuplicateKey { key, first_line } => C::DuplicateKey { key, first_line },
            LoadError::UnknownSpeaker { id } => C::UnknownSpeaker { id },
            LoadError::UnreadSection { section, config } => C::UnreadSection { section, config },
            LoadError::Unplaced { looked_like } => C::Unplaced { looked_like },
            LoadError::TooDeep { max } => C::TooDeep { max },
        };
        Warning {
            path: d.path.clone(),
            line: d.line,
            column: d.column,
            error,
        }
    }

    pub fn diagnostic(self) -> Diagnostic {
        use CachedError as C;
        let error = match self.error {
            C::Io(s) => LoadError::Io(s),
            C::InvalidUtf8 { byte } => LoadError::InvalidUtf8 { byte },
            C::Binary => LoadError::Binary,
            C::NotAFile => LoadError::NotAFile,
            C::Empty => LoadError::Empty,
            C::TooLarge { size, limit } => LoadError::TooLarge { size, limit },
            C::UnclosedFence { fence } => LoadError::UnclosedFence {
                fence: static_str(fence),
            },
            C::Toml(s) => LoadError::Toml(s),
            C::Yaml(s) => LoadError::Yaml(s),
            C::Json(s) => LoadError::Json(s),
            C::Xml(s) => LoadError::Xml(s),
            C::NotATable => LoadError::NotATable,
            C::WrongType {
                key,
                expected,
                found,
            } => LoadError::WrongType {
                key,
                expected: static_str(expected),
                found,
            },
            C::BadDate { key, value } => LoadError::BadDate { key, value },
            C::Missing { key } => LoadError::Missing {
                key: static_str(key),
            },
            C::DuplicateId { id, other } => LoadError::DuplicateId { id, other },
            C::SymlinkLoop => LoadError::SymlinkLoop,
            C::OutsideRoot { target } => LoadError::OutsideRoot { target },
            C::NameNotUtf8 => LoadError::NameNotUtf8,
            C::NothingFound => LoadError::NothingFound,
            C::DuplicateKey { key, first_line } => LoadError::DuplicateKey { key, first_line },
            C::UnknownSpeaker { id } => LoadError::UnknownSpeaker { id },
            C::UnreadSection { section, config } => LoadError::UnreadSection { section, config },
            C::Unplaced { looked_like } => LoadError::Unplaced { looked_like },
            C::TooDeep { max } => LoadError::TooDeep { max },
        };
        let mut d = Diagnostic::warning(self.path, self.line, error);
        d.column = self.column;
        d
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
    /// The cached items of `key` and the warnings that came with them, if the file still has
    /// this stamp.
    pub fn get(&self, key: &str, stamp: &Stamp) -> Option<(Items, Vec<Diagnostic>)> {
        let e = self.entries.get(key)?;
        if e.stamp != *stamp {
            return None;
        }
        let (items, warnings): (Items, Vec<Warning>) = postcard::from_bytes(&e.blob).ok()?;
        Some((
            items,
            warnings.into_iter().map(Warning::diagnostic).collect(),
        ))
    }

    /// The entry for a file that gave `items` and `diagnostics`; `None` when any of them is an
    /// error (so errors are reported afresh, and fixed files re-read, on every start).
    pub fn entry(items: &Items, diagnostics: &[Diagnostic], stamp: Stamp) -> Option<Entry> {
        let warnings: Vec<Warning> = diagnostics.iter().map(Warning::of).collect::<Option<_>>()?;
        Some(Entry {
            stamp,
            blob: postcard::to_stdvec(&(items, warnings)).ok()?,
        })
    }
}

/// Read a cache file; missing, old or corrupt gives an empty cache.
pub fn read_cache(path: &Path) -> Cache {
    if let Err(_why) = trusted_cache_file(path) {
        return Cache::default();
    }
    let Ok(bytes) = fs::read(path) else {
        return Cache::default();
    };
    let Some(rest) = bytes.strip_prefix(FORMAT.as_bytes()) else {
        return Cache::default();
    };
    postcard::from_bytes(rest).unwrap_or_default()
}

/// A cache larger than this is not read: 1,000,000 talks take well under it, and a file
/// planted or grown without bound must not be read until memory runs out.
pub const MAX_CACHE_BYTES: u64 = 4 << 30;

/// Whether the cache file may be read: a regular file (not a symlink someone put in its
/// place), owned by this user, of a bounded size. The reason when not, for tests and notes.
pub fn trusted_cache_file(path: &Path) -> Result<(), &'static str> {
    let meta = fs::symlink_metadata(path).map_err(|_| "missing")?;
    if meta.file_type().is_symlink() {
        return Err("a symlink");
    }
    if !meta.is_file() {
        return Err("not a regular file");
    }
    if meta.len() > MAX_CACHE_BYTES {
        return Err("too large");
    }
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        // This process's user, without a libc call: the owner of /proc/self.
        if let Ok(me) = fs::metadata("/proc/self")
            && me.uid() != meta.uid()
        {
            return Err("owned by another user");
        }
    }
    Ok(())
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
    fn a_symlinked_cache_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("elsewhere");
        let mut c = Cache::default();
        let items = Items::Nothing;
        let stamp = Stamp {
            size: 1,
            mtime_ns: 2,
            ..Default::default()
        };
        c.entries.insert(
            "k".into(),
            Cache::entry(&items, &[], stamp.clone()).unwrap(),
        );
        write_cache(&real, &c).unwrap();
        assert_eq!(read_cache(&real).entries.len(), 1);
        let link = dir.path().join("archive.cache");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert_eq!(trusted_cache_file(&link), Err("a symlink"));
        assert!(read_cache(&link).entries.is_empty());
    }

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
        let items = Items::Talks(a.talks.all().into_owned());
        let stamp = Stamp {
            size: 1,
            mtime_ns: 2,
            ..Default::default()
        };
        let mut c = Cache::default();
        c.entries.insert(
            "k".into(),
            Cache::entry(&items, &[], stamp.clone()).unwrap(),
        );
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("archive.cache");
        write_cache(&p, &c).unwrap();
        let back = read_cache(&p);
        match back.get("k", &stamp) {
            Some((Items::Talks(t), w)) => {
                assert_eq!(a.talks, t);
                assert!(w.is_empty());
            }
            other => panic!("{other:?}"),
        }
        assert!(
            back.get(
                "k",
                &Stamp {
                    size: 1,
                    mtime_ns: 3,
                    ..Default::default()
                }
            )
            .is_none()
        );
    }

    #[test]
    fn warnings_come_back_from_the_cache_and_errors_are_not_cached() {
        let w = Diagnostic::warning(
            "conf.toml",
            Some(7),
            LoadError::WrongType {
                key: "year".into(),
                expected: "a number",
                found: "a string".into(),
            },
        )
        .with_column(Some(3));
        let m = Diagnostic::warning("conf.toml", None, LoadError::Missing { key: "title" });
        let stamp = Stamp {
            size: 1,
            mtime_ns: 2,
            ..Default::default()
        };
        let mut c = Cache::default();
        let e = Cache::entry(&Items::Nothing, &[w.clone(), m.clone()], stamp.clone()).unwrap();
        c.entries.insert("k".into(), e);
        let (_, back) = c.get("k", &stamp).unwrap();
        assert_eq!(back, [w.clone(), m]);
        let err = Diagnostic::error("conf.toml", Some(1), LoadError::Empty);
        assert!(Cache::entry(&Items::Nothing, &[w, err], stamp).is_none());
    }

    #[test]
    fn a_file_with_repeated_titles_loads_warm_with_its_warning() {
        use crate::archive::load::{Sources, load_cached};
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("mini-2031.toml"),
            "[conference]\nname = \"MiniConf\"\ndate = 2031-05-04\n\n\
             [[talk]]\ntitle = \"Lightning talks\"\n\n\
             [[talk]]\ntitle = \"Lightning talks\"\n",
        )
        .unwrap();
        let src = Sources {
            bundled: false,
            paths: vec![dir.path().to_path_buf()],
            follow_outside: false,
        };
        let (cold, cache, stats) = load_cached(&src, &Default::default(), Some(Cache::default()));
        assert_eq!((stats.hits, stats.misses), (0, 1));
        assert_eq!(cold.talks.len(), 2);
        assert_eq!(cold.diagnostics.len(), 1, "{:?}", cold.diagnostics);
        let (warm, _, stats) = load_cached(&src, &Default::default(), cache);
        assert_eq!(
            (stats.hits, stats.misses),
            (1, 0),
            "the second start is warm"
        );
        assert_eq!(warm.talks, cold.talks);
        assert_eq!(
            warm.diagnostics, cold.diagnostics,
            "the warning is still reported"
        );
    }
}
