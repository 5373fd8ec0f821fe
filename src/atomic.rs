//! Atomic file replacement, shared by the state file and the cache: a crash or `kill -9` leaves
//! either the old file or the new one, never half of either. Knows nothing of what it writes.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Write `parts` (concatenated) to `path` through a temporary file in the same folder, synced,
/// then renamed over the target; the folder is synced too, so the rename itself is durable.
pub fn write_atomic(path: &Path, parts: &[&[u8]]) -> io::Result<()> {
    let mut f = Atomic::create(path)?;
    for p in parts {
        f.write_all(p)?;
    }
    f.commit()
}

/// A file written in parts in the place of another, as `write_atomic` writes it: nothing
/// shows at `path` until `commit`, and a file dropped before it leaves nothing behind.
pub struct Atomic {
    path: PathBuf,
    dir: PathBuf,
    tmp: PathBuf,
    /// `None` once committed.
    file: Option<io::BufWriter<fs::File>>,
}

impl Atomic {
    pub fn create(path: &Path) -> io::Result<Atomic> {
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        fs::create_dir_all(&dir)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // The pid keeps two running copies from writing into each other's temporary file.
        let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        // Buffered: a snapshot is 100,000s of small parts, one write each would be a syscall.
        let file = io::BufWriter::with_capacity(1 << 20, fs::File::create(&tmp)?);
        Ok(Atomic {
            path: path.to_path_buf(),
            dir,
            tmp,
            file: Some(file),
        })
    }

    pub fn write_all(&mut self, part: &[u8]) -> io::Result<()> {
        match self.file.as_mut() {
            Some(f) => f.write_all(part),
            None => Err(io::Error::other("written to after commit")),
        }
    }

    /// Send what is written so far to the disk and wait for it, so that `commit` has only the
    /// rest to wait for. For a writer with time on its hands (another thread).
    pub fn sync_so_far(&mut self) -> io::Result<()> {
        match self.file.as_mut() {
            Some(f) => {
                f.flush()?;
                f.get_ref().sync_data()
            }
            None => Ok(()),
        }
    }

    /// Sync the file, rename it over `path`, sync the folder.
    pub fn commit(mut self) -> io::Result<()> {
        let Some(f) = self.file.take() else {
            return Ok(());
        };
        let written = f
            .into_inner()
            .map_err(io::IntoInnerError::into_error)
            .and_then(|f| f.sync_all())
            .and_then(|()| fs::rename(&self.tmp, &self.path));
        if let Err(e) = written {
            let _ = fs::remove_file(&self.tmp);
            return Err(e);
        }
        if let Ok(d) = fs::File::open(&self.dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Drop for Atomic {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_dropped_before_commit_leaves_the_old_one_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("snapshot.bin");
        fs::write(&p, "old").unwrap();
        let mut f = Atomic::create(&p).unwrap();
        f.write_all(b"half of a new one").unwrap();
        drop(f);
        assert_eq!(fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        let mut f = Atomic::create(&p).unwrap();
        f.write_all(b"new").unwrap();
        f.commit().unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state.json");
        fs::write(&p, "old").unwrap();
        write_atomic(&p, &[b"new ", b"text"]).unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new text");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("state.json")]);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        // The target is a folder: the rename fails, and nothing else changes.
        let p = dir.path().join("taken");
        fs::create_dir(&p).unwrap();
        fs::write(p.join("inside"), "x").unwrap();
        assert!(write_atomic(&p, &[b"new"]).is_err());
        assert_eq!(fs::read_to_string(p.join("inside")).unwrap(), "x");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
