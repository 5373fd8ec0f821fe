//! Atomic file replacement, shared by the state file and the cache: a crash or `kill -9` leaves
//! either the old file or the new one, never half of either. Knows nothing of what it writes.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Write `parts` (concatenated) to `path` through a temporary file in the same folder, synced,
/// then renamed over the target; the folder is synced too, so the rename itself is durable.
pub fn write_atomic(path: &Path, parts: &[&[u8]]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The pid keeps two running copies from writing into each other's temporary file.
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let written = (|| {
        // Buffered: a snapshot is 100,000s of small parts, one write each would be a syscall.
        let mut f = io::BufWriter::with_capacity(1 << 20, fs::File::create(&tmp)?);
        for p in parts {
            f.write_all(p)?;
        }
        f.into_inner()
            .map_err(io::IntoInnerError::into_error)?
            .sync_all()
    })();
    if let Err(e) = written.and_then(|()| fs::rename(&tmp, path)) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
