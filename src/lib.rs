//! talks: browse a conference talk archive in the terminal. The modules depend on each other in
//! one direction only: archive → search → app → ui → tui; cli drives them from the command line.

pub mod app;
pub mod archive;
pub mod atomic;
pub mod cli;
pub mod config;
pub mod paths;
pub mod search;
pub mod state;
pub mod tui;
pub mod ui;
