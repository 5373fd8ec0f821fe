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
