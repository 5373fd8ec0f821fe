//! Where talks keeps things, from the `directories` crate: settings in the config dir, the
//! user's own state in the data dir, rebuildable things in the cache dir. Environment variables
//! override each (tests use them). Paths are values passed around, never globals.

use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
    pub cache_dir: PathBuf,
}

impl Paths {
    /// The platform's places, with TALKS_CONFIG_DIR / TALKS_DATA_DIR / TALKS_CACHE_DIR first.
    pub fn from_env() -> Paths {
        let dirs = directories::ProjectDirs::from("", "", "talks");
        let pick = |var: &str, default: Option<PathBuf>, fallback: &str| -> PathBuf {
            std::env::var_os(var)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .or(default)
                // No home directory at all (a bare container): keep state beside us.
                .unwrap_or_else(|| PathBuf::from(fallback))
        };
        Paths {
            config_dir: pick(
                "TALKS_CONFIG_DIR",
                dirs.as_ref().map(|d| d.config_dir().to_path_buf()),
                ".talks/config",
            ),
            data_dir: pick(
                "TALKS_DATA_DIR",
                dirs.as_ref().map(|d| d.data_dir().to_path_buf()),
                ".talks/data",
            ),
            cache_dir: pick(
                "TALKS_CACHE_DIR",
                dirs.as_ref().map(|d| d.cache_dir().to_path_buf()),
                ".talks/cache",
            ),
        }
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    pub fn state_file(&self) -> PathBuf {
        self.data_dir.join("state.json")
    }
}
