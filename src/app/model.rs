//! The model: everything the screen shows, derived lists included, and nothing else.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::archive::{Archive, Link, Talk};
use crate::connections::{Aliases, Connections, Similar};
use crate::search::query::{Query, QueryError};
use crate::search::{Doc, DocKind, Hit, Index, Matcher};

use super::action::Viewport;
use super::keymap::KeyMode;

/// An enum whose variants have one name each, used alike by the config, the state file and the
/// screen: declaring a variant here is all it takes to add one (serde reads and writes names).
macro_rules! named {
    ($(#[$m:meta])* pub enum $E:ident { $( $(#[$vm:meta])* $V:ident = $name:literal, )+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $E { $( $(#[$vm])* $V, )+ }

        impl $E {
            pub const ALL: &'static [$E] = &[$($E::$V),+];

            /// The name in config and state files, and on screen.
            pub fn label(self) -> &'static str {
                match self { $($E::$V => $name,)+ }
            }

            pub fn from_label(s: &str) -> Option<$E> {
                match s { $($name => Some($E::$V),)+ _ => None }
            }

            /// Every name, for messages that list the valid choices.
            pub fn labels() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.label()).collect()
            }
        }

        impl serde::Serialize for $E {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.label())
            }
        }

        impl<'de> serde::Deserialize<'de> for $E {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $E::from_label(&s).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "unknown {} {s:?}; valid: {}",
                        stringify!($E).to_lowercase(),
                        $E::labels().join(", ")
                    ))
                })
            }
        }
    };
}

named! {
    /// The two lists.
    #[derive(Default)]
    pub enum Tab {
        #[default]
        Talks = "talks",
        Posts = "posts",
    }
}

impl Tab {
    pub fn index(self) -> usize {
        match self {
            Tab::Talks => 0,
            Tab::Posts => 1,
        }
    }

    pub fn kind(self) -> DocKind {
        match self {
            Tab::Talks => DocKind::Talk,
            Tab::Posts => DocKind::Post,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Detail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkVerb {
    Open,
    Copy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The main screen: the search line always takes what is typed.
    #[default]
    Normal,
    /// The filter picker is open.
    Picker,
    Help,
    /// Waiting for the number of a link.
    LinkPrompt(LinkVerb),
}

named! {
    /// The order of the rows.
    #[derive(Default)]
    pub enum Sort {
        #[default]
        Newest = "newest",
        Oldest = "oldest",
        Title = "title",
        Relevance = "relevance",
    }
}

named! {
    /// Which items the list shows, besides query and filters.
    #[derive(Default)]
    pub enum View {
        #[default]
        All = "all",
        Starred = "starred",
        WatchLater = "watch later",
        /// Only what the user has not seen yet.
        Unseen = "not seen",
    }
}

/// Which of the user's marks an item has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Marks {
    pub starred: bool,
    pub queued: bool,
    pub seen: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FacetKind {
    Tag,
    Category,
    Year,
    Conference,
    City,
    Speaker,
}

impl FacetKind {
    /// In the picker's order.
    pub const ALL: [FacetKind; 6] = [
        FacetKind::Tag,
        FacetKind::Category,
        FacetKind::Year,
        FacetKind::Conference,
        FacetKind::City,
        FacetKind::Speaker,
    ];

    pub fn from_label(label: &str) -> Option<FacetKind> {
        FacetKind::ALL.into_iter().find(|k| k.label() == label)
    }

    pub fn label(self) -> &'static str {
        match self {
            FacetKind::Tag => "tag",
            FacetKind::Category => "category",
            FacetKind::Year => "year",
            FacetKind::Conference => "conference",
            FacetKind::City => "city",
            FacetKind::Speaker => "speaker",
        }
    }
}

/// One value to filter on, such as `tag: PostgreSQL`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Facet {
    pub kind: FacetKind,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    pub facet: Facet,
    pub count: usize,
}

/// The filter picker: every facet value of the current results, narrowed by what is typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picker {
    pub input: String,
    /// Byte offset of the cursor in `input`.
    pub cursor: usize,
    pub all: Vec<FacetCount>,
    /// Indices into `all` that match `input`.
    pub visible: Vec<usize>,
    pub selected: usize,
}

/// Where the user was, for the back key: the tab, what was searched and which item was open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub tab: Tab,
    pub query: String,
    pub filters: Vec<Facet>,
    pub selected: Option<String>,
    pub focus: Focus,
    pub detail_open: bool,
    pub detail_scroll: u16,
}

/// Which items pass the chosen filters: worked out once per set of filters and archive, from
/// every item's facet values (read without keeping a lazy archive's items).
#[derive(Debug)]
struct Passing {
    filters: Vec<Facet>,
    archive: Arc<Archive>,
    talks: Vec<bool>,
    posts: Vec<bool>,
}

#[derive(Debug)]
pub struct Model {
    pub archive: Arc<Archive>,
    pub index: Arc<Index>,
    /// People, runs and relations of `archive` (built with it, off the UI thread).
    pub connections: Arc<Connections>,
    /// Talks alike in content, built on first use of "similar" (`Effect::BuildSimilar`).
    pub similar: Option<Arc<Similar>>,
    /// The similar-talks index is being built.
    pub similar_pending: bool,
    /// The detail shows a "Similar" section.
    pub show_similar: bool,
    pub matcher: Arc<Matcher>,
    pub tab: Tab,
    pub query: String,
    /// Byte offset of the cursor in `query`.
    pub cursor: usize,
    /// The query is selected, as a browser's address bar after you go somewhere: typing
    /// replaces it, Backspace clears it, a cursor key keeps it for editing.
    pub query_selected: bool,
    pub parsed: Query,
    pub query_errors: Vec<QueryError>,
    pub filters: Vec<Facet>,
    pub sort: Sort,
    /// The user picked the sort with `s`; otherwise a query sorts by relevance.
    pub sort_chosen: bool,
    /// Results of the last finished search, both tabs, best first.
    pub hits: Arc<Vec<Hit>>,
    /// The query `hits` answer (a narrower query may search only them).
    pub hits_query: Query,
    /// Number of the latest search asked for; older results are dropped.
    pub generation: u64,
    pub searching: bool,
    /// The generation whose results are on screen (some of them, while it still runs).
    pub shown_generation: u64,
    /// Rows of each tab: positions in `index.docs`, filtered and sorted.
    pub shown: [Vec<u32>; 2],
    pub selected: [usize; 2],
    pub offset: [usize; 2],
    pub mode: Mode,
    pub focus: Focus,
    /// Narrow screens: the detail fills the screen.
    pub detail_open: bool,
    pub detail_scroll: u16,
    /// Which "other talks by" entry is chosen, if any.
    pub related_cursor: Option<usize>,
    pub picker: Picker,
    pub message: Option<String>,
    pub viewport: Viewport,
    pub width: u16,
    pub height: u16,
    /// The user's marks, by stable id (ids not in this archive are kept too).
    pub stars: BTreeSet<String>,
    pub seen: BTreeSet<String>,
    pub watch_later: Vec<String>,
    pub view: View,
    /// How dates are shown (config `date_format`); `None` is 2016-02-03.
    pub date_format: Option<String>,
    /// Opening a detail marks the item seen (config `mark_seen_on_open`).
    pub mark_seen_on_open: bool,
    /// One row for a talk and its re-runs (config `collapse_runs`).
    pub collapse_runs: bool,
    /// An id to select when the results holding it arrive (after a resume).
    pub pending_select: Option<String>,
    /// The --data archive is still loading (the first frame did not wait for it).
    pub loading: bool,
    /// How far the help overlay is scrolled.
    pub help_scroll: u16,
    /// Scroll the chosen related talk into view on the next frame.
    pub reveal_related: bool,
    /// Selected ids of both tabs across a reload.
    pub remembered: [Option<String>; 2],
    /// The filters' verdict on every item, while filters are chosen.
    passing: Option<Passing>,
    /// Past searches, oldest first (the history file).
    pub history: Vec<String>,
    /// Which past search is recalled, counting back from the newest.
    pub history_pos: Option<usize>,
    /// Places to go back to (Ctrl-O), newest last.
    pub back: Vec<Place>,
    /// The detail fills the body.
    pub zoom: bool,
    /// Percent of the width the detail takes beside the list.
    pub split: u16,
    /// A URL no browser could open: Enter copies it.
    pub offer_copy: Option<String>,
    /// Digits typed so far at "open which link?", when a longer number is still possible.
    pub link_number: usize,
}

/// Below this width the list and the detail take turns.
pub const WIDE: u16 = 100;

impl Model {
    /// A model whose connections are built here, without the config's aliases (tests, and
    /// callers with no config).
    pub fn new(archive: Arc<Archive>, index: Arc<Index>) -> Model {
        let connections = Arc::new(Connections::build(&archive, &Aliases::default()));
        Model::with_connections(archive, index, connections)
    }

    /// A model with connections already built for `archive`.
    pub fn with_connections(
        archive: Arc<Archive>,
        index: Arc<Index>,
        connections: Arc<Connections>,
    ) -> Model {
        let hits: Vec<Hit> = (0..index.len() as u32)
            .map(|doc| Hit { doc, score: 0 })
            .collect();
        let mut m = Model {
            archive,
            index,
            connections,
            similar: None,
            similar_pending: false,
            show_similar: false,
            matcher: Arc::new(Matcher::new()),
            tab: Tab::Talks,
            query: String::new(),
            cursor: 0,
            query_selected: false,
            parsed: Query::default(),
            query_errors: Vec::new(),
            filters: Vec::new(),
            sort: Sort::Newest,
            sort_chosen: false,
            hits: Arc::new(hits),
            hits_query: Query::default(),
            generation: 0,
            searching: false,
            shown_generation: 0,
            shown: [Vec::new(), Vec::new()],
            selected: [0, 0],
            offset: [0, 0],
            mode: Mode::Normal,
            focus: Focus::List,
            detail_open: false,
            detail_scroll: 0,
            related_cursor: None,
            picker: Picker::default(),
            message: None,
            viewport: Viewport::default(),
            width: 120,
            height: 40,
            stars: BTreeSet::new(),
            seen: BTreeSet::new(),
            watch_later: Vec::new(),
            view: View::All,
            date_format: None,
            mark_seen_on_open: false,
            collapse_runs: false,
            pending_select: None,
            remembered: [None, None],
            passing: None,
            reveal_related: false,
            help_scroll: 0,
            loading: false,
            history: Vec::new(),
            history_pos: None,
            back: Vec::new(),
            zoom: false,
            split: 40,
            offer_copy: None,
            link_number: 0,
        };
        m.refresh_shown(false);
        m
    }

    /// Swap in a reloaded archive, keeping query, filters and the selected item.
    pub fn replace_archive(
        &mut self,
        archive: Arc<Archive>,
        index: Arc<Index>,
        connections: Arc<Connections>,
    ) {
        let selected: [Option<String>; 2] = [Tab::Talks, Tab::Posts].map(|tab| {
            let t = tab.index();
            self.shown[t]
                .get(self.selected[t])
                .map(|&d| self.id_of(&self.index.doc(d)).to_string())
        });
        self.archive = archive;
        self.passing = None;
        self.index = index;
        self.connections = connections;
        self.hits = Arc::new(Vec::new());
        self.shown = [Vec::new(), Vec::new()];
        self.remembered = selected;
    }

    pub fn is_wide(&self) -> bool {
        self.width >= WIDE
    }

    pub fn rows(&self) -> &[u32] {
        &self.shown[self.tab.index()]
    }

    pub fn selected_index(&self) -> usize {
        self.selected[self.tab.index()]
    }

    /// The selected row's searchable document.
    pub fn selected_doc(&self) -> Option<Doc> {
        let i = *self.rows().get(self.selected_index())?;
        self.index.get(i)
    }

    pub fn selected_talk(&self) -> Option<&Talk> {
        let d = self.selected_doc()?;
        (d.kind == DocKind::Talk).then(|| &self.archive.talks[d.idx as usize])
    }

    pub fn selected_post(&self) -> Option<&crate::archive::Post> {
        let d = self.selected_doc()?;
        (d.kind == DocKind::Post).then(|| &self.archive.posts[d.idx as usize])
    }

    /// The links `o` and `y` choose from: a talk's, or a post's (its own and those in its body).
    pub fn selected_links(&self) -> &[Link] {
        match (self.selected_talk(), self.selected_post()) {
            (Some(t), _) => &t.links,
            (None, Some(p)) => &p.links,
            (None, None) => &[],
        }
    }

    /// Total documents of a tab, for "shown / total".
    pub fn total(&self, tab: Tab) -> usize {
        match tab {
            Tab::Talks => self.archive.talks.len(),
            Tab::Posts => self.archive.posts.len(),
        }
    }

    /// Other talks by the selected talk's speakers, newest first (indices into archive.talks).
    pub fn related(&self) -> Vec<u32> {
        let Some(d) = self.selected_doc().filter(|d| d.kind == DocKind::Talk) else {
            return Vec::new();
        };
        // By person, not by spelling: "Олег Бартунов" and "Oleg Bartunov" are one speaker.
        let people = &self.connections.people;
        let mut out: Vec<u32> = Vec::new();
        for &p in people.of_talk.get(d.idx as usize).into_iter().flatten() {
            for &i in &people.persons[p as usize].talks {
                if i != d.idx && !out.contains(&i) {
                    out.push(i);
                }
            }
        }
        out.sort_by(|a, b| {
            self.archive.talks[*b as usize]
                .date
                .cmp(&self.archive.talks[*a as usize].date)
        });
        out
    }

    /// The stable id of a document.
    pub fn id_of(&self, doc: &Doc) -> &str {
        // Without decoding the item when it is read lazily (restoring a place looks through
        // every row's id).
        let id = match doc.kind {
            DocKind::Talk => self.archive.talks.id(doc.idx as usize),
            DocKind::Post => self.archive.posts.id(doc.idx as usize),
        };
        id.unwrap_or_default()
    }

    pub fn selected_id(&self) -> Option<&str> {
        self.selected_doc().map(|d| self.id_of(&d))
    }

    /// The user's marks on an item, in one place for the list, the detail and the views.
    pub fn marks(&self, id: &str) -> Marks {
        Marks {
            starred: self.stars.contains(id),
            queued: self.watch_later.iter().any(|x| x == id),
            seen: self.seen.contains(id),
        }
    }

    fn in_view(&self, doc: &Doc) -> bool {
        if self.view == View::All {
            return true;
        }
        let marks = self.marks(self.id_of(doc));
        match self.view {
            View::All => true,
            View::Unseen => !marks.seen,
            View::Starred => marks.starred,
            View::WatchLater => marks.queued,
        }
    }

    /// Whether a document passes the chosen facet filters: values of one kind are alternatives,
    /// kinds combine (tag A or tag B, and year 2016).
    pub fn passes_filters(&self, doc: &Doc) -> bool {
        if self.filters.is_empty() {
            return true;
        }
        if let Some(p) = self.passing.as_ref().filter(|p| self.is_current(p)) {
            let of_kind = match doc.kind {
                DocKind::Talk => &p.talks,
                DocKind::Post => &p.posts,
            };
            return of_kind.get(doc.idx as usize).copied().unwrap_or(false);
        }
        passes(&self.filters, |kind| facet_values(&self.archive, doc, kind))
    }

    fn is_current(&self, p: &Passing) -> bool {
        Arc::ptr_eq(&p.archive, &self.archive) && p.filters == self.filters
    }

    /// Work out `passing` for the chosen filters, unless it is current: every item's facet
    /// values, in parallel (a lazy archive decodes what it has not read and keeps none of it).
    fn update_passing(&mut self) {
        if self.filters.is_empty() || self.passing.as_ref().is_some_and(|p| self.is_current(p)) {
            return;
        }
        let filters = &self.filters;
        let (talks, posts) = (&self.archive.talks, &self.archive.posts);
        let all = |n: usize| (0..n as u32).collect::<Vec<u32>>();
        let passing = Passing {
            talks: talks.map(&all(talks.len()), |t| {
                passes(filters, |k| talk_facet_values(t, k))
            }),
            posts: posts.map(&all(posts.len()), |p| {
                passes(filters, |k| post_facet_values(p, k))
            }),
            filters: filters.clone(),
            archive: self.archive.clone(),
        };
        self.passing = Some(passing);
    }

    /// Rebuild both tabs' rows from `hits`, filters and sort. `reset` selects the first row
    /// (a new query); otherwise the selected item stays selected if it is still there.
    pub fn refresh_shown(&mut self, reset: bool) {
        self.update_passing();
        for tab in [Tab::Talks, Tab::Posts] {
            let t = tab.index();
            let previous = self.shown[t].get(self.selected[t]).copied();
            let kind = tab.kind();
            // Hits from another index (a reload raced a search) are dropped, not read.
            let n = self.index.len() as u32;
            let talks = self.index.position(DocKind::Post, 0);
            let ours = |d: u32| d < n && ((d < talks) == (kind == DocKind::Talk));
            let mut rows: Vec<u32> = if self.view == View::All && self.filters.is_empty() {
                // Nothing to look up per hit: the tab is a range of documents.
                self.hits
                    .iter()
                    .map(|h| h.doc)
                    .filter(|&d| ours(d))
                    .collect()
            } else {
                self.hits
                    .iter()
                    .map(|h| h.doc)
                    .filter(|&d| {
                        ours(d) && {
                            let doc = self.index.doc(d);
                            self.in_view(&doc) && self.passes_filters(&doc)
                        }
                    })
                    .collect()
            };
            let index = &self.index;
            if self.view == View::WatchLater {
                // The queue's own order, which the user arranges.
                let pos = |d: u32| {
                    let id = self.id_of(&index.doc(d));
                    self.watch_later.iter().position(|x| x == id)
                };
                rows.sort_by_key(|&d| pos(d));
            } else {
                match self.effective_sort() {
                    Sort::Relevance => {}
                    // Newest first, then archive order: the index's rank of each document.
                    Sort::Newest => rows.sort_unstable_by_key(|&d| index.rank(d)),
                    Sort::Oldest => rows.sort_by(|a, b| {
                        let (da, db) = (index.doc(*a).date, index.doc(*b).date);
                        // Undated items go last either way.
                        (da.is_none(), da).cmp(&(db.is_none(), db)).then(a.cmp(b))
                    }),
                    Sort::Title => rows.sort_by(|a, b| {
                        // Folded titles, already in the index: no work per keystroke.
                        index.title_key(*a).cmp(index.title_key(*b)).then(a.cmp(b))
                    }),
                }
            }
            if self.collapse_runs && kind == DocKind::Talk {
                // The first-ranked run of each talk stands for the others.
                let runs = &self.connections.runs;
                let mut seen = std::collections::HashSet::new();
                rows.retain(|&d| seen.insert(runs.first_run(index.doc(d).idx)));
            }
            self.selected[t] = match (reset, previous) {
                (false, Some(p)) => rows
                    .iter()
                    .position(|&r| r == p)
                    .unwrap_or_else(|| self.selected[t].min(rows.len().saturating_sub(1))),
                _ => 0,
            };
            self.shown[t] = rows;
        }
        self.keep_selection_visible();
    }

    /// How many other runs a collapsed row stands for (0 when runs are not collapsed).
    pub fn hidden_runs(&self, talk: u32) -> usize {
        if self.collapse_runs {
            self.connections.runs.others(talk).count()
        } else {
            0
        }
    }

    pub fn effective_sort(&self) -> Sort {
        match self.sort {
            Sort::Relevance if self.parsed.is_empty() => Sort::Newest,
            s => s,
        }
    }

    /// Rows the list can show at once (from the last frame).
    pub fn list_rows(&self) -> usize {
        (self.viewport.list.height as usize / self.viewport.row_lines.max(1) as usize).max(1)
    }

    /// The keymap tables a key is looked up in, first match wins.
    pub fn key_modes(&self) -> &'static [KeyMode] {
        match self.mode {
            Mode::Picker => &[KeyMode::Picker, KeyMode::Search],
            Mode::Help => &[KeyMode::Help],
            Mode::LinkPrompt(_) => &[KeyMode::Prompt],
            Mode::Normal if self.reading() => &[KeyMode::Detail, KeyMode::Search, KeyMode::Global],
            Mode::Normal => &[KeyMode::List, KeyMode::Search, KeyMode::Global],
        }
    }

    /// Whether the detail pane has the keys (focused beside the list, or full screen).
    pub fn reading(&self) -> bool {
        self.focus == Focus::Detail || self.detail_open
    }

    pub fn keep_selection_visible(&mut self) {
        let t = self.tab.index();
        let rows = self.list_rows();
        let sel = self.selected[t];
        let off = &mut self.offset[t];
        if sel < *off {
            *off = sel;
        } else if sel >= *off + rows {
            *off = sel + 1 - rows;
        }
        let len = self.shown[t].len();
        if *off + rows > len {
            *off = len.saturating_sub(rows);
        }
    }

    /// Every facet value of the current tab's results with its count.
    pub fn facet_counts(&self) -> Vec<FacetCount> {
        type Spellings = HashMap<String, usize>;
        let mut counts: HashMap<(FacetKind, String), (usize, Spellings)> = HashMap::new();
        let kind = self.tab.kind();
        let idx: Vec<u32> = self
            .hits
            .iter()
            .filter_map(|h| self.index.get(h.doc))
            .filter(|d| d.kind == kind)
            .map(|d| d.idx)
            .collect();
        // Each result's values, read in parallel (and, from a lazy archive, not kept).
        let every = |one: &dyn Fn(FacetKind) -> Vec<String>| {
            FacetKind::ALL
                .iter()
                .flat_map(|&fk| one(fk).into_iter().map(move |v| (fk, v)))
                .collect::<Vec<_>>()
        };
        let values = match kind {
            DocKind::Talk => self
                .archive
                .talks
                .map(&idx, |t| every(&|fk| talk_facet_values(t, fk))),
            DocKind::Post => self
                .archive
                .posts
                .map(&idx, |p| every(&|fk| post_facet_values(p, fk))),
        };
        for (fk, v) in values.into_iter().flatten() {
            // "PostgreSQL" and "postgresql" are one tag: count them together and show the
            // spelling used most.
            let e = counts.entry((fk, v.to_lowercase())).or_default();
            e.0 += 1;
            *e.1.entry(v).or_default() += 1;
        }
        let mut out: Vec<FacetCount> = counts
            .into_iter()
            .map(|((kind, _), (count, spellings))| {
                let value = spellings
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                    .map(|(v, _)| v)
                    .unwrap_or_default();
                FacetCount {
                    facet: Facet { kind, value },
                    count,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            a.facet
                .kind
                .cmp(&b.facet.kind)
                .then(if a.facet.kind == FacetKind::Year {
                    b.facet.value.cmp(&a.facet.value)
                } else {
                    b.count
                        .cmp(&a.count)
                        .then_with(|| a.facet.value.cmp(&b.facet.value))
                })
        });
        out
    }
}

/// Equal but for case: how filter values compare.
pub fn same_words(a: &str, b: &str) -> bool {
    a == b
        || a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
}

/// The values a document has for a facet kind.
pub fn facet_values(archive: &Archive, doc: &Doc, kind: FacetKind) -> Vec<String> {
    match doc.kind {
        DocKind::Talk => talk_facet_values(&archive.talks[doc.idx as usize], kind),
        DocKind::Post => post_facet_values(&archive.posts[doc.idx as usize], kind),
    }
}

fn talk_facet_values(t: &Talk, kind: FacetKind) -> Vec<String> {
    match kind {
        FacetKind::Tag => t.tags.clone(),
        FacetKind::Category => t.categories.clone(),
        FacetKind::Year => t.date.map(|d| d.year.to_string()).into_iter().collect(),
        FacetKind::Conference => t
            .conference_name()
            .map(str::to_string)
            .into_iter()
            .collect(),
        FacetKind::City => t.city.clone().into_iter().collect(),
        FacetKind::Speaker => t.speakers.iter().map(|s| s.name.clone()).collect(),
    }
}

fn post_facet_values(p: &crate::archive::Post, kind: FacetKind) -> Vec<String> {
    match kind {
        FacetKind::Tag => p.tags.clone(),
        FacetKind::Category => p.categories.clone(),
        FacetKind::Year => p.date.map(|d| d.year.to_string()).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// Whether an item with these values (`values` of a facet kind) passes `filters`: values of one
/// kind are alternatives, kinds combine (tag A or tag B, and year 2016).
fn passes(filters: &[Facet], values: impl Fn(FacetKind) -> Vec<String>) -> bool {
    let mut kinds: Vec<FacetKind> = filters.iter().map(|f| f.kind).collect();
    kinds.sort();
    kinds.dedup();
    kinds.iter().all(|&kind| {
        let values = values(kind);
        filters
            .iter()
            .filter(|f| f.kind == kind)
            .any(|f| values.iter().any(|v| same_words(v, &f.value)))
    })
}
