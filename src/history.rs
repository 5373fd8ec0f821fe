//! Past searches, one per line in the data dir (like a shell's or atuin's history), so ↑ and
//! Ctrl-R find them in the next session too. Appended as the user acts on a search; read once
//! at start. A missing or unreadable file is an empty history, never an error on screen.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Lines kept when reading: older ones are dropped from memory (the file keeps them).
pub const KEEP: usize = 1000;

/// Where the history lives.
pub fn file(data_dir: &Path) -> PathBuf {
    data_dir.join("history")
}

/// Past searches, oldest first, blank lines skipped.
pub fn load(path: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let skip = lines.len().saturating_sub(KEEP);
    lines.into_iter().skip(skip).collect()
}

/// Add one search at the end. Line breaks cannot get in: they would split it in two.
pub fn append(path: &Path, query: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let line: String = query
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    writeln!(f, "{}", line.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appended_searches_come_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let p = file(&dir.path().join("talks"));
        assert!(load(&p).is_empty(), "no file yet");
        append(&p, "@fontaine").unwrap();
        append(&p, "pg tuning\nyear:2016").unwrap();
        assert_eq!(load(&p), vec!["@fontaine", "pg tuning year:2016"]);
    }
}
