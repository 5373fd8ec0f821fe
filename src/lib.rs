//! talks: browse a conference talk archive in the terminal. The modules depend on each other in
//! one direction only: archive → search → store → app → ui → tui; `session` is the start-up
//! both the TUI and `cli` share (a snapshot from `store` when it is still valid); `item` and
//! `export` format items for output. See ARCHITECTURE.md.

pub mod app;
pub mod archive;
pub mod atomic;
pub mod cli;
pub mod config;
pub mod connections;
pub mod export;
pub mod history;
pub mod item;
pub mod marks;
pub mod memory;
pub mod opener;
pub mod paths;
pub mod search;
pub mod session;
pub mod state;
pub mod store;
pub mod tui;
pub mod ui;

/// When `TALKS_PHASES` is set: the time since the first phase, read once.
#[doc(hidden)]
pub fn phase_clock() -> Option<std::time::Instant> {
    static T0: std::sync::OnceLock<Option<std::time::Instant>> = std::sync::OnceLock::new();
    *T0.get_or_init(|| std::env::var_os("TALKS_PHASES").map(|_| std::time::Instant::now()))
}

/// `TALKS_PHASES=1 talks search …` prints when each phase of a run ends, on stderr: where a
/// first load's time goes (BENCHMARKS.md). Nothing otherwise.
#[doc(hidden)]
#[macro_export]
macro_rules! phase {
    ($name:expr) => {
        if let Some(t0) = $crate::phase_clock() {
            eprintln!("{:>8.1} ms  {}", t0.elapsed().as_secs_f64() * 1000.0, $name);
        }
    };
}
