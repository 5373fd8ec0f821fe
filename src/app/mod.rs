//! The application state machine: `Model`, `Action`, and `update`, the only place state
//! changes. Pure: no terminal, no files, no clock. Effects (search, open, copy, quit) are
//! returned for the event loop to perform.

pub mod action;
pub mod keymap;
pub mod line;
mod model;
mod update;

pub use action::{
    Action, Command, ConnectionsBuilt, Exported, Point, Reload, Resume, SavedMarks, Settings,
    SimilarBuilt, Viewport,
};
pub use keymap::{Key, KeyMode, Keymap};
pub use model::same_words as model_same_words;
pub use model::{
    Facet, FacetCount, FacetKind, Focus, LinkVerb, Marks, Mode, Model, Picker, Place, Sort, Tab,
    View,
};
pub use update::{BuildSimilar, Effect, SearchRequest, run_sync, update};
