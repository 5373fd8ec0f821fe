//! The user's own state: stars, seen marks, the watch-later queue and where they left off,
//! keyed by stable ids. Written atomically (temp file, fsync, rename); a file that cannot be read
//! is moved aside, never silently dropped; ids no longer in the archive are kept.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::app::{Tab, View};

/// Everything remembered between runs. Unknown fields in the file are kept as they were.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct State {
    #[serde(default)]
    pub version: u32,
    #[serde(default)]
    pub stars: BTreeSet<String>,
    #[serde(default)]
    pub seen: BTreeSet<String>,
    /// In the order queued.
    #[serde(default)]
    pub watch_later: Vec<String>,
    #[serde(default)]
    pub last: LastView,
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// Where the user was: restored on the next start.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LastView {
    /// None until the user has been somewhere: the config's default tab applies.
    #[serde(default, deserialize_with = "lenient")]
    pub tab: Option<Tab>,
    #[serde(default)]
    pub query: String,
    /// "kind:value", e.g. "tag:PostgreSQL".
    #[serde(default)]
    pub filters: Vec<String>,
    #[serde(default)]
    pub selected: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub view: View,
    /// Which archive this place was in (`session::archive_key`): a query from another archive
    /// would open on an empty list. Empty in older files: then the place is taken as it is.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub archive: String,
}

/// A name this version does not know (or "") reads as the default rather than failing the
/// whole file: the user's stars matter more than which tab they were on.
fn lenient<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned + Default,
{
    let v = serde_json::Value::deserialize(d)?;
    Ok(serde_json::from_value(v).unwrap_or_default())
}

pub const VERSION: u32 = 1;

/// What reading the state file gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub state: State,
    /// For the user, when the file could not be used as it was.
    pub message: Option<String>,
    /// False when a file is there that we could neither read nor move aside: saving would
    /// overwrite the user's stars, so this session must not.
    pub writable: bool,
}

/// Read the state file. Never fails: problems are in `message`, and `writable` says whether
/// saving is safe.
pub fn load_state(path: &Path) -> Loaded {
    let fresh = |message: Option<String>, writable| Loaded {
        state: State::default(),
        message,
        writable,
    };
    let text = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return fresh(None, true),
        Err(e) => {
            return fresh(
                Some(format!(
                    "cannot read {}: {e}; your stars are not shown and will not be overwritten this session",
                    path.display()
                )),
                false,
            );
        }
    };
    match serde_json::from_slice::<State>(&text) {
        Ok(state) => Loaded {
            state,
            message: None,
            writable: true,
        },
        Err(e) => {
            let aside = aside_name(path);
            match fs::rename(path, &aside) {
                // The new name first: the status line may cut the end of the message.
                Ok(()) => fresh(
                    Some(format!(
                        "unreadable state kept as {}; started afresh ({e}; in {})",
                        aside
                            .file_name()
                            .map(|n| n.to_string_lossy())
                            .unwrap_or_default(),
                        path.parent()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default()
                    )),
                    true,
                ),
                Err(re) => fresh(
                    Some(format!(
                        "{} could not be read ({e}) nor moved aside ({re}); it will not be overwritten this session",
                        path.display()
                    )),
                    false,
                ),
            }
        }
    }
}

/// `state.json` → `state.json.corrupt-20261121T055648`, unique.
fn aside_name(path: &Path) -> PathBuf {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let stamp = utc_stamp(secs);
    let mut n = 0;
    loop {
        let suffix = if n == 0 {
            String::new()
        } else {
            format!("-{n}")
        };
        let p = PathBuf::from(format!("{}.corrupt-{stamp}{suffix}", path.display()));
        if !p.exists() {
            return p;
        }
        n += 1;
    }
}

/// Seconds since the epoch as 20261121T055648 (UTC), without a date crate.
fn utc_stamp(secs: u64) -> String {
    let days = secs / 86_400;
    let rem = secs % 86_400;
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Write atomically: a crash or kill -9 leaves either the old file or the new one.
pub fn save_state(path: &Path, state: &State) -> io::Result<()> {
    let mut state = state.clone();
    state.version = VERSION;
    let json = serde_json::to_vec_pretty(&state).map_err(io::Error::other)?;
    crate::atomic::write_atomic(path, &[&json, b"\n"])
}

/// Change the state file as one step that no other copy of talks can interleave with: take
/// the lock beside it, read what is on disk now (another window or `talks mark` may have
/// changed it), let `change` edit that, write it atomically, release the lock. Returns what
/// was written, so the caller can show marks made elsewhere.
pub fn update_state(path: &Path, change: impl FnOnce(&mut State)) -> io::Result<Loaded> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let lock_path = dir.join(format!(
        ".{}.lock",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)?;
    // Blocks while another copy writes; the lock goes with the handle, even on a crash.
    lock.lock()?;
    let mut loaded = load_state(path);
    if !loaded.writable {
        return Ok(loaded);
    }
    change(&mut loaded.state);
    save_state(path, &loaded.state)?;
    drop(lock);
    Ok(loaded)
}

/// What one window changed in the marks since it last read the file: applied to what is on
/// disk now, it keeps the marks every other writer made meanwhile (a three-way merge).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MarkChanges {
    pub stars_added: Vec<String>,
    pub stars_removed: Vec<String>,
    pub seen_added: Vec<String>,
    pub seen_removed: Vec<String>,
    pub later_removed: Vec<String>,
    /// The queue as this window has it, for its order and its additions.
    pub later: Vec<String>,
    pub later_changed: bool,
}

impl MarkChanges {
    /// From the state this window last read (`base`) to its marks now.
    pub fn between(
        base: &State,
        stars: &BTreeSet<String>,
        seen: &BTreeSet<String>,
        later: &[String],
    ) -> MarkChanges {
        let diff = |now: &BTreeSet<String>, then: &BTreeSet<String>| -> Vec<String> {
            now.difference(then).cloned().collect()
        };
        MarkChanges {
            stars_added: diff(stars, &base.stars),
            stars_removed: diff(&base.stars, stars),
            seen_added: diff(seen, &base.seen),
            seen_removed: diff(&base.seen, seen),
            later_removed: base
                .watch_later
                .iter()
                .filter(|x| !later.contains(x))
                .cloned()
                .collect(),
            later: later.to_vec(),
            later_changed: later != base.watch_later.as_slice(),
        }
    }

    pub fn is_empty(&self) -> bool {
        !self.later_changed
            && self.stars_added.is_empty()
            && self.stars_removed.is_empty()
            && self.seen_added.is_empty()
            && self.seen_removed.is_empty()
    }

    /// Apply to what is on disk now.
    pub fn apply(&self, disk: &mut State) {
        for x in &self.stars_removed {
            disk.stars.remove(x);
        }
        disk.stars.extend(self.stars_added.iter().cloned());
        for x in &self.seen_removed {
            disk.seen.remove(x);
        }
        disk.seen.extend(self.seen_added.iter().cloned());
        if !self.later_changed {
            return;
        }
        // This window's order for what it has; what others queued meanwhile goes after it.
        let others: Vec<String> = disk
            .watch_later
            .iter()
            .filter(|x| !self.later.contains(x) && !self.later_removed.contains(x))
            .cloned()
            .collect();
        disk.watch_later = self.later.iter().cloned().chain(others).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_unknown_fields_and_ids() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state.json");
        fs::write(
            &p,
            r#"{"stars":["gone/id","conf/2013/OSCON-fotolog"],"future":{"x":1}}"#,
        )
        .unwrap();
        let loaded = load_state(&p);
        assert!(loaded.message.is_none() && loaded.writable);
        let mut s = loaded.state;
        assert!(s.stars.contains("gone/id"));
        s.watch_later.push("a".into());
        save_state(&p, &s).unwrap();
        let again = load_state(&p).state;
        assert_eq!(again.other["future"]["x"], 1);
        assert!(again.stars.contains("gone/id"));
        assert_eq!(again.watch_later, vec!["a"]);
    }

    #[test]
    fn two_windows_keep_each_others_marks() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state.json");
        // Both windows start from the same file.
        update_state(&p, |s| {
            s.stars.insert("old".into());
            s.watch_later = vec!["q1".into(), "q2".into()];
        })
        .unwrap();
        let base = load_state(&p).state;
        // Window A stars "a" and unstars "old"; window B, unaware, stars "b" and queues "q3".
        let mut a_stars = base.stars.clone();
        a_stars.insert("a".into());
        a_stars.remove("old");
        let a = MarkChanges::between(&base, &a_stars, &base.seen, &base.watch_later);
        let mut b_stars = base.stars.clone();
        b_stars.insert("b".into());
        let b_later = vec!["q2".to_string(), "q1".into(), "q3".into()];
        let b = MarkChanges::between(&base, &b_stars, &base.seen, &b_later);
        update_state(&p, |s| a.apply(s)).unwrap();
        let merged = update_state(&p, |s| b.apply(s)).unwrap().state;
        assert_eq!(
            merged.stars.iter().map(String::as_str).collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(merged.watch_later, ["q2", "q1", "q3"]);
    }

    #[test]
    fn parallel_writers_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state.json");
        std::thread::scope(|scope| {
            for i in 0..20 {
                let p = &p;
                scope.spawn(move || {
                    update_state(p, |s| {
                        s.stars.insert(format!("t{i}"));
                    })
                    .unwrap()
                });
            }
        });
        assert_eq!(load_state(&p).state.stars.len(), 20);
    }

    #[test]
    fn place_names_round_trip_and_unknown_ones_fall_back() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state.json");
        fs::write(
            &p,
            r#"{"stars":["x"],"last":{"tab":"posts","view":"watch later"}}"#,
        )
        .unwrap();
        let s = load_state(&p).state;
        assert_eq!(s.last.tab, Some(Tab::Posts));
        assert_eq!(s.last.view, View::WatchLater);
        fs::write(&p, r#"{"stars":["x"],"last":{"tab":"","view":"videos"}}"#).unwrap();
        let s = load_state(&p).state;
        assert_eq!((s.last.tab, s.last.view), (None, View::All));
        assert!(s.stars.contains("x"));
        save_state(&p, &s).unwrap();
        let text = fs::read_to_string(&p).unwrap();
        assert!(text.contains(r#""view": "all""#), "{text}");
    }

    #[test]
    fn corrupt_file_is_moved_aside_with_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state.json");
        fs::write(&p, "{ not json").unwrap();
        let loaded = load_state(&p);
        assert_eq!(loaded.state, State::default());
        assert!(loaded.writable);
        let msg = loaded.message.unwrap();
        assert!(msg.contains("corrupt-"), "{msg}");
        assert!(!p.exists());
        let kept: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(fs::read_to_string(kept[0].path()).unwrap(), "{ not json");
    }

    #[test]
    fn stamp_is_utc_calendar() {
        assert_eq!(utc_stamp(0), "19700101T000000");
        assert_eq!(utc_stamp(1_795_240_608), "20261121T055648");
    }
}
