//! Actions: everything that can happen to the model. Bindable actions carry a doc line that the
//! help overlay shows and a snake_case name that `[keybindings]` in the config uses.

use crate::search::Hit;

/// Declares the bindable actions once, keeping each one's name and doc line for the help screen.
macro_rules! bindable {
    ($( $(#[doc = $doc:literal])+ $variant:ident = $name:literal, )+) => {
        /// An action a key can be bound to.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command {
            $( $(#[doc = $doc])+ $variant, )+
        }

        impl Command {
            pub const ALL: &'static [Command] = &[$(Command::$variant),+];

            /// The snake_case name used in config files.
            pub fn name(self) -> &'static str {
                match self { $(Command::$variant => $name,)+ }
            }

            /// The doc line, for the help overlay.
            pub fn describe(self) -> &'static str {
                match self { $(Command::$variant => concat!($($doc),+).trim_ascii(),)+ }
            }

            pub fn from_name(name: &str) -> Option<Command> {
                match name { $($name => Some(Command::$variant),)+ _ => None }
            }
        }
    };
}

bindable! {
    /// Quit talks
    Quit = "quit",
    /// Show every key, by mode
    Help = "help",
    /// Suspend to the shell (fg comes back)
    Suspend = "suspend",
    /// Next result
    SelectNext = "select_next",
    /// Previous result
    SelectPrev = "select_prev",
    /// A page down (results, or the text when reading)
    PageDown = "page_down",
    /// A page up (results, or the text when reading)
    PageUp = "page_up",
    /// First result (top of the text when reading)
    SelectFirst = "select_first",
    /// Last result (end of the text when reading)
    SelectLast = "select_last",
    /// Switch between the results and the detail
    FocusNext = "focus_next",
    /// Open the selected result; in the detail, go to the chosen other talk
    Confirm = "confirm",
    /// Close what is open: overlay, detail, then clear the search, then the filters
    Back = "back",
    /// Go back to the talk you came from (like a browser's back)
    GoBack = "go_back",
    /// Next tab (Talks, Posts)
    NextTab = "next_tab",
    /// Previous tab
    PrevTab = "prev_tab",
    /// Show the Talks tab
    TabTalks = "tab_talks",
    /// Show the Posts tab
    TabPosts = "tab_posts",
    /// Pick filters: tags, years, conferences, cities, speakers
    FilterPicker = "filter_picker",
    /// Clear all filters
    ClearFilters = "clear_filters",
    /// Cycle the sort order: newest, oldest, title, relevance
    CycleSort = "cycle_sort",
    /// Open a link of the selected talk in $BROWSER or the desktop's browser
    OpenLink = "open_link",
    /// Copy a link of the selected talk to the clipboard (OSC 52)
    CopyLink = "copy_link",
    /// Scroll the detail down a line
    ScrollDown = "scroll_down",
    /// Scroll the detail up a line
    ScrollUp = "scroll_up",
    /// Choose the next of the speakers' other talks in the detail (Enter goes there)
    NextRelated = "next_related",
    /// Show the talks most like the selected item (by abstract and tags), and hide them again
    Similar = "similar",
    /// Detail full width, and back
    Zoom = "zoom",
    /// Give the detail more of the width
    WidenDetail = "widen_detail",
    /// Give the detail less of the width
    NarrowDetail = "narrow_detail",
    /// Star or unstar the selected item
    ToggleStar = "toggle_star",
    /// Add to or remove from the watch-later queue
    ToggleWatchLater = "toggle_watch_later",
    /// Mark as seen / not seen
    ToggleSeen = "toggle_seen",
    /// Show all, starred, the watch-later queue, or what you have not seen
    CycleView = "cycle_view",
    /// Move the selected talk up the watch-later queue
    MoveUp = "move_up",
    /// Move the selected talk down the watch-later queue
    MoveDown = "move_down",
    /// Export the starred talks (Markdown) or the watch-later queue (m3u) to the data folder
    Export = "export",
    /// Cursor one character left
    CursorLeft = "cursor_left",
    /// Cursor one character right
    CursorRight = "cursor_right",
    /// Cursor to the start of the line
    LineStart = "line_start",
    /// Cursor to the end of the line
    LineEnd = "line_end",
    /// Cursor one word left
    WordLeft = "word_left",
    /// Cursor one word right
    WordRight = "word_right",
    /// Delete the character before the cursor
    DeleteBack = "delete_back",
    /// Delete the character under the cursor
    DeleteForward = "delete_forward",
    /// Delete the word before the cursor
    DeleteWord = "delete_word",
    /// Delete everything before the cursor
    ClearLine = "clear_line",
    /// Recall past searches, newest first (again: older)
    History = "history",
}

/// Where the user left off, as `Action::Resume` restores it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resume {
    pub tab: super::model::Tab,
    pub query: String,
    pub filters: Vec<super::model::Facet>,
    pub selected: Option<String>,
    pub view: super::model::View,
    pub sort: super::model::Sort,
}

/// A freshly loaded archive, its index and its connections (built on the loader thread).
/// Equal when they are the same allocations.
#[derive(Debug, Clone)]
pub struct Reload {
    pub archive: std::sync::Arc<crate::archive::Archive>,
    pub index: std::sync::Arc<crate::search::Index>,
    pub connections: std::sync::Arc<crate::connections::Connections>,
}

impl PartialEq for Reload {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.archive, &other.archive)
            && std::sync::Arc::ptr_eq(&self.index, &other.index)
            && std::sync::Arc::ptr_eq(&self.connections, &other.connections)
    }
}

/// The index of similar talks, built off the UI thread for this archive. Equal when they are
/// the same allocations.
#[derive(Debug, Clone)]
pub struct SimilarBuilt {
    pub archive: std::sync::Arc<crate::archive::Archive>,
    pub similar: std::sync::Arc<crate::connections::Similar>,
}

impl PartialEq for SimilarBuilt {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.archive, &other.archive)
            && std::sync::Arc::ptr_eq(&self.similar, &other.similar)
    }
}

/// The connections (people, re-runs, relations) of an archive already on screen: built after
/// the list shows, since at 100,000 talks they take longer than decoding the talks.
#[derive(Debug, Clone)]
pub struct ConnectionsBuilt {
    pub archive: std::sync::Arc<crate::archive::Archive>,
    pub connections: std::sync::Arc<crate::connections::Connections>,
}

impl PartialEq for ConnectionsBuilt {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.archive, &other.archive)
            && std::sync::Arc::ptr_eq(&self.connections, &other.connections)
    }
}

/// The user's marks as the state file held them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SavedMarks {
    pub stars: std::collections::BTreeSet<String>,
    pub seen: std::collections::BTreeSet<String>,
    pub watch_later: Vec<String>,
}

/// Settings from the config that change what the model does or shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settings {
    /// How dates are shown; `None` is 2016-02-03.
    pub date_format: Option<String>,
    /// Opening an item's detail marks it seen.
    pub mark_seen_on_open: bool,
    /// One row for a talk and its re-runs.
    pub collapse_runs: bool,
}

/// What writing an export gave, for the status line.
#[derive(Debug, Clone, PartialEq)]
pub enum Exported {
    /// Written: which list, and where.
    Written(super::model::View, std::path::PathBuf),
    /// The list was empty: nothing written.
    Empty(super::model::View),
    /// The list has items, but none with a video (the queue's playlist) or none loaded.
    NoEntries(super::model::View),
    Failed(std::path::PathBuf, String),
}

/// Where the pointer is, for mouse actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub x: u16,
    pub y: u16,
}

/// Rectangles of the last drawn frame, reported back by the loop so `update` can map clicks
/// and clamp scrolling without knowing how the view lays things out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Viewport {
    pub list: ratatui::layout::Rect,
    /// Screen lines per result row (2 when a row folds speakers under the title).
    pub row_lines: u16,
    pub detail: ratatui::layout::Rect,
    /// Lines of detail text beyond what fits: the largest useful scroll.
    pub detail_max_scroll: u16,
    /// The detail row of the chosen "other talk", so `update` can scroll it into view.
    pub reveal_row: Option<u16>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Command(Command),
    /// A character typed where it is text (search query, picker filter, or in the list).
    Type(char),
    /// A bracketed paste: the whole string at the cursor.
    Paste(String),
    /// A digit chosen while a link prompt is open (1-based).
    Digit(u8),
    Resize(u16, u16),
    Click(Point),
    ScrollAt(Point, i16),
    Viewport(Viewport),
    /// Put the user back where they were last time (tab, query, filters, selection).
    Resume(Resume),
    /// The config's settings, at start.
    Settings(Settings),
    /// The marks read from the state file, at start.
    Marks(SavedMarks),
    /// The archive given with --data is loading in the background.
    Loading,
    /// An export asked for with `Effect::Export` was written (or not).
    Exported(Exported),
    /// The archive on disk changed and was loaded again.
    Reloaded(Reload),
    /// The similar-talks index asked for with `Effect::BuildSimilar` is ready.
    SimilarBuilt(SimilarBuilt),
    /// The connections of the archive on screen are ready.
    ConnectionsBuilt(ConnectionsBuilt),
    /// Past searches, oldest first, read from the history file at start.
    History(Vec<String>),
    /// No browser could open this URL (none found, or it failed): offer to copy it.
    OpenFailed(String),
    /// Something to tell the user in the status line (an effect failed, say).
    Notice(String),
    /// Results of the search with this generation number: all of them, or (`complete`
    /// false) the best so far of a long search still running.
    SearchDone {
        generation: u64,
        hits: Vec<Hit>,
        complete: bool,
    },
}
