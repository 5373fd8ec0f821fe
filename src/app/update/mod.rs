//! `update`: the only place the model changes. Returns effects for the loop to perform.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::search::query::{Query, parse_query};
use crate::search::{DocKind, Hit};

use super::action::{Action, Command, Point};
use super::line;
use super::model::{Focus, LinkVerb, Mode, Model, Place, Sort, Tab, View};

mod links;
mod mouse;
mod picker;

use links::{choose_related, link};

use mouse::{click, scroll_at};
use picker::{filter_picker, picker_command};

/// Work for the event loop: `update` never does I/O itself.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    Open(String),
    Copy(String),
    Search(SearchRequest),
    /// Stars, seen marks or the queue changed: write the state file now.
    SaveState,
    /// Write an export of the current marks; the loop picks the place and says where.
    Export(View),
    /// Add a search to the history file.
    RememberQuery(String),
    /// Stop the process (Ctrl-Z); the screen comes back with `fg`.
    Suspend,
    /// Build the similar-talks index of this archive (slow: off the UI thread), then send
    /// `Action::SimilarBuilt`.
    BuildSimilar(BuildSimilar),
}

/// The archive whose similar-talks index is wanted. Equal when the same allocation.
#[derive(Debug, Clone)]
pub struct BuildSimilar {
    pub archive: Arc<crate::archive::Archive>,
}

impl PartialEq for BuildSimilar {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.archive, &other.archive)
    }
}

/// A search for the worker. `within` limits it to the previous results when the query only
/// narrowed them. It carries its index: after a reload, results must point into the new one.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: Query,
    pub within: Option<Arc<Vec<u32>>>,
    pub index: Arc<crate::search::Index>,
}

impl PartialEq for SearchRequest {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
            && self.query == other.query
            && self.within == other.within
            && Arc::ptr_eq(&self.index, &other.index)
    }
}

pub fn update(m: &mut Model, action: Action) -> Vec<Effect> {
    let mut fx = Vec::new();
    // A message stays until the user does something; resizes, results and reloads keep it.
    if matches!(
        action,
        Action::Command(_)
            | Action::Type(_)
            | Action::Paste(_)
            | Action::Digit(_)
            | Action::Click(_)
            | Action::ScrollAt(..)
    ) {
        m.message = None;
        // The offer to copy a link stands for the next key only.
        if action != Action::Command(Command::Confirm) {
            m.offer_copy = None;
        }
        if !matches!(action, Action::Command(Command::History)) {
            m.history_pos = None;
        }
    }
    match action {
        Action::Command(c) => command(m, c, &mut fx),
        Action::Type(c) => insert_text(m, &c.to_string(), &mut fx),
        Action::Paste(text) => insert_text(m, &text, &mut fx),
        Action::Digit(n) => {
            if let Mode::LinkPrompt(verb) = m.mode {
                // "12" among 13 links: the 1 waits for a second digit, which must come before
                // Enter; with fewer than ten links a digit chooses at once.
                let number = m.link_number * 10 + usize::from(n);
                let len = m.selected_links().len();
                if number == 0 {
                    return fx;
                }
                if number * 10 <= len {
                    m.link_number = number;
                    m.message = Some(format!("link {number}… (Enter, or another digit)"));
                } else {
                    m.mode = Mode::Normal;
                    m.link_number = 0;
                    link(m, verb, Some(number), &mut fx);
                }
            }
        }
        Action::Resize(w, h) => {
            m.width = w;
            m.height = h;
            if m.is_wide() {
                m.detail_open = false;
            } else if m.focus == Focus::Detail {
                // Narrowed while reading: keep reading, full width.
                m.detail_open = true;
            }
        }
        Action::Viewport(v) => {
            m.viewport = v;
            if m.reveal_related
                && let Some(row) = v.reveal_row
            {
                m.reveal_related = false;
                let h = v.detail.height.max(1);
                if row < m.detail_scroll {
                    m.detail_scroll = row;
                } else if row >= m.detail_scroll + h {
                    m.detail_scroll = row + 1 - h;
                }
            }
            m.detail_scroll = m.detail_scroll.min(v.detail_max_scroll);
            m.keep_selection_visible();
        }
        Action::Notice(msg) => m.message = Some(msg),
        Action::History(h) => m.history = h,
        Action::OpenFailed(url) => {
            m.message = Some(format!(
                "no browser could open the link (set $BROWSER) · Enter copies it instead: {url}"
            ));
            m.offer_copy = Some(url);
        }
        Action::Settings(s) => {
            m.date_format = s.date_format;
            m.mark_seen_on_open = s.mark_seen_on_open;
            if m.collapse_runs != s.collapse_runs {
                m.collapse_runs = s.collapse_runs;
                m.refresh_shown(false);
            }
        }
        Action::Marks(marks) => {
            m.stars = marks.stars;
            m.seen = marks.seen;
            m.watch_later = marks.watch_later;
            m.refresh_shown(false);
        }
        Action::Loading => m.loading = true,
        Action::Exported(result) => {
            m.message = Some(match result {
                super::action::Exported::Written(v, path) => {
                    format!("exported {} to {}", v.label(), path.display())
                }
                super::action::Exported::Empty(v) => {
                    format!("nothing to export: the {} list is empty", v.label())
                }
                super::action::Exported::NoEntries(v) => format!(
                    "nothing exported: no talk in the {} list has a video link (or is loaded)",
                    v.label()
                ),
                super::action::Exported::Failed(path, e) => {
                    format!("could not write {}: {e}", path.display())
                }
            });
        }
        Action::Reloaded(super::action::Reload {
            archive,
            index,
            connections,
        }) => {
            let errors: Vec<String> = archive
                .diagnostics
                .iter()
                .filter(|d| d.severity == crate::archive::Severity::Error)
                .map(|d| {
                    format!(
                        "{}: {} (showing its last good version)",
                        d.location(),
                        d.error
                    )
                })
                .collect();
            let first_load = m.loading;
            m.loading = false;
            m.replace_archive(archive, index, connections);
            // The similar-talks index belongs to the old archive: built again if shown.
            m.similar = None;
            m.similar_pending = false;
            if m.show_similar {
                want_similar(m, &mut fx);
            }
            // The whole archive is searched again: old results point into the old index.
            m.hits_query = Query::default();
            m.generation += 1;
            m.searching = true;
            if m.parsed.is_empty() {
                // No query: every document, in the order the index keeps. No search needed,
                // so the list is whole in the same frame.
                let hits = m
                    .index
                    .newest_first()
                    .map(|doc| Hit { doc, score: 0 })
                    .collect();
                let done = Action::SearchDone {
                    generation: m.generation,
                    hits,
                    complete: true,
                };
                fx.extend(update(m, done));
            } else {
                fx.push(Effect::Search(SearchRequest {
                    generation: m.generation,
                    query: m.parsed.clone(),
                    within: None,
                    index: m.index.clone(),
                }));
            }
            // The first load is announced by the counts appearing; a startup message stays.
            if let Some(e) = errors.first().filter(|_| !first_load) {
                m.message = Some(e.clone());
            } else if !first_load {
                m.message = Some(format!(
                    "reloaded: {} talks, {} posts",
                    m.archive.talks.len(),
                    m.archive.posts.len()
                ));
            }
        }
        Action::ConnectionsBuilt(b) => {
            // Connections built for an archive since replaced are dropped.
            if Arc::ptr_eq(&b.archive, &m.archive) {
                m.connections = b.connections;
                if m.collapse_runs {
                    m.refresh_shown(false);
                }
            }
        }
        Action::SimilarBuilt(b) => {
            // One built for an archive since replaced is dropped (another is on its way).
            if Arc::ptr_eq(&b.archive, &m.archive) {
                m.similar = Some(b.similar);
                m.similar_pending = false;
                if m.message.as_deref() == Some("finding similar talks…") {
                    m.message = None;
                }
            }
        }
        Action::Resume(r) => {
            m.tab = r.tab;
            m.view = r.view;
            m.sort = r.sort;
            m.filters = r.filters;
            m.query = r.query;
            m.cursor = m.query.len();
            m.query_selected = !m.query.is_empty();
            query_changed(m, &mut fx);
            m.refresh_shown(false);
            m.pending_select = r.selected;
            select_pending(m);
        }
        Action::Click(p) => click(m, p),
        Action::ScrollAt(p, delta) => scroll_at(m, p, delta),
        Action::SearchDone {
            generation,
            hits,
            complete,
        } => {
            if generation == m.generation {
                m.searching = !complete;
                m.hits = Arc::new(hits);
                // Only finished results are a base for narrowing the next query.
                m.hits_query = if complete {
                    m.parsed.clone()
                } else {
                    Query::default()
                };
                // More results of a search already on screen keep the row the user is on.
                let again = m.shown_generation == generation;
                m.shown_generation = generation;
                if again && m.remembered.iter().all(Option::is_none) {
                    m.remembered = [Tab::Talks, Tab::Posts].map(|tab| {
                        let t = tab.index();
                        m.shown[t]
                            .get(m.selected[t])
                            .map(|&d| m.id_of(&m.index.doc(d)).to_string())
                    });
                }
                let remembered = std::mem::take(&mut m.remembered);
                // A new query selects its best match; clearing one (Esc) keeps your place.
                m.refresh_shown(remembered.iter().all(Option::is_none) && !m.parsed.is_empty());
                for (t, id) in remembered.into_iter().enumerate() {
                    if let Some(id) = id
                        && let Some(pos) = m.shown[t]
                            .iter()
                            .position(|&d| m.id_of(&m.index.doc(d)) == id)
                    {
                        m.selected[t] = pos;
                    }
                }
                m.detail_scroll = 0;
                m.related_cursor = None;
                select_pending(m);
            }
        }
    }
    fx
}

fn command(m: &mut Model, c: Command, fx: &mut Vec<Effect>) {
    // Everywhere, whatever is open.
    match c {
        Command::Quit => {
            remember_query(m, fx);
            fx.push(Effect::Quit);
            return;
        }
        Command::Suspend => {
            fx.push(Effect::Suspend);
            return;
        }
        _ => {}
    }
    // Overlays take the keys they understand and close on the others.
    match m.mode {
        Mode::Help => {
            match c {
                Command::SelectNext | Command::ScrollDown => {
                    m.help_scroll = m.help_scroll.saturating_add(1)
                }
                Command::SelectPrev | Command::ScrollUp => {
                    m.help_scroll = m.help_scroll.saturating_sub(1)
                }
                Command::PageDown => m.help_scroll = m.help_scroll.saturating_add(10),
                Command::PageUp => m.help_scroll = m.help_scroll.saturating_sub(10),
                _ => m.mode = Mode::Normal,
            }
            return;
        }
        Mode::LinkPrompt(verb) => {
            let number = std::mem::take(&mut m.link_number);
            m.mode = Mode::Normal;
            if c == Command::Confirm && number > 0 {
                link(m, verb, Some(number), fx);
            }
            return;
        }
        Mode::Picker => {
            picker_command(m, c);
            return;
        }
        Mode::Normal => {}
    }
    // Choosing among "other talks by": ↑/↓ move the choice, as in any picker.
    if let (
        Some(cur),
        Command::SelectNext | Command::SelectPrev | Command::ScrollDown | Command::ScrollUp,
    ) = (m.related_cursor, c)
    {
        let n = m.related().len();
        if n > 0 {
            let next = if matches!(c, Command::SelectNext | Command::ScrollDown) {
                (cur + 1).min(n - 1)
            } else {
                cur.saturating_sub(1)
            };
            choose_related(m, next, n);
            return;
        }
    }
    if is_line_edit(c) {
        let before = m.query.clone();
        if std::mem::take(&mut m.query_selected) {
            match c {
                Command::CursorLeft | Command::LineStart | Command::WordLeft => m.cursor = 0,
                Command::CursorRight | Command::LineEnd | Command::WordRight => {
                    m.cursor = m.query.len()
                }
                // Deleting a selection deletes all of it.
                _ => {
                    m.query.clear();
                    m.cursor = 0;
                    query_changed(m, fx);
                }
            }
            return;
        }
        if c == Command::DeleteBack && m.query.is_empty() && m.reading() {
            // Nothing to delete while reading: Backspace goes back, as in a browser.
            go_back(m, fx);
            return;
        }
        line::edit(&mut m.query, &mut m.cursor, c);
        if m.query != before {
            query_changed(m, fx);
        }
        return;
    }
    let reading = m.reading();
    match c {
        Command::Quit | Command::Suspend => {}
        Command::History => recall_history(m, fx),
        Command::SelectPrev
            if !reading
                && m.query.is_empty()
                && m.selected_index() == 0
                && !m.history.is_empty() =>
        {
            // ↑ at the top with nothing typed: the last search, as in a shell.
            recall_history(m, fx)
        }
        Command::SelectNext => select_by(m, 1),
        Command::SelectPrev => select_by(m, -1),
        Command::PageDown if reading => scroll(m, m.viewport.detail.height.max(2) as i32 - 1),
        Command::PageUp if reading => scroll(m, -(m.viewport.detail.height.max(2) as i32 - 1)),
        Command::PageDown => select_by(m, m.list_rows() as i64 - 1),
        Command::PageUp => select_by(m, -(m.list_rows() as i64 - 1)),
        Command::SelectFirst if reading => m.detail_scroll = 0,
        Command::SelectLast if reading => m.detail_scroll = m.viewport.detail_max_scroll,
        Command::SelectFirst => select_at(m, 0),
        Command::SelectLast => select_at(m, m.rows().len().saturating_sub(1)),
        Command::ScrollDown => scroll(m, 1),
        Command::ScrollUp => scroll(m, -1),
        Command::FocusNext => {
            if m.is_wide() && !m.zoom {
                m.focus = match m.focus {
                    Focus::List => Focus::Detail,
                    Focus::Detail => Focus::List,
                };
            } else if m.selected_doc().is_some() {
                m.detail_open = !m.detail_open;
                m.zoom = false;
                m.focus = if m.detail_open {
                    Focus::Detail
                } else {
                    Focus::List
                };
            }
        }
        Command::Confirm => confirm(m, fx),
        Command::Back => {
            if m.related_cursor.is_some() {
                // Leave the choice, keep reading.
                m.related_cursor = None;
                m.message = None;
            } else if m.zoom {
                // Out of the zoom, still reading: the next Esc goes back to the list.
                m.zoom = false;
                m.detail_open = !m.is_wide();
                m.focus = Focus::Detail;
            } else if m.detail_open {
                m.detail_open = false;
                m.focus = Focus::List;
            } else if m.focus == Focus::Detail {
                m.focus = Focus::List;
                m.related_cursor = None;
            } else if !m.query.is_empty() {
                m.query.clear();
                m.cursor = 0;
                m.query_selected = false;
                query_changed(m, fx);
            } else if !m.filters.is_empty() {
                m.filters.clear();
                m.refresh_shown(false);
                m.message = Some("filters cleared".into());
            }
        }
        Command::GoBack => go_back(m, fx),
        Command::NextTab | Command::PrevTab => {
            let tab = if m.tab == Tab::Talks {
                Tab::Posts
            } else {
                Tab::Talks
            };
            switch_tab(m, tab);
        }
        Command::TabTalks => switch_tab(m, Tab::Talks),
        Command::TabPosts => switch_tab(m, Tab::Posts),
        Command::FilterPicker => {
            m.picker = super::model::Picker {
                all: m.facet_counts(),
                ..Default::default()
            };
            filter_picker(m);
            m.mode = Mode::Picker;
        }
        Command::ClearFilters if !m.filters.is_empty() => {
            m.filters.clear();
            m.refresh_shown(false);
            m.message = Some("filters cleared".into());
        }
        Command::CycleSort => {
            let has_query = !m.parsed.is_empty();
            m.sort = match m.effective_sort() {
                Sort::Newest => Sort::Oldest,
                Sort::Oldest => Sort::Title,
                Sort::Title if has_query => Sort::Relevance,
                Sort::Title | Sort::Relevance => Sort::Newest,
            };
            m.sort_chosen = true;
            m.refresh_shown(false);
            m.message = Some(format!("sorted by {}", m.effective_sort().label()));
        }
        Command::OpenLink => link(m, LinkVerb::Open, None, fx),
        Command::CopyLink => link(m, LinkVerb::Copy, None, fx),
        Command::NextRelated => {
            let n = m.related().len();
            if n == 0 {
                m.message = Some("no other talks by these speakers".into());
            } else {
                let next = m.related_cursor.map_or(0, |c| (c + 1) % n);
                choose_related(m, next, n);
            }
        }
        Command::Similar => {
            if m.show_similar {
                m.show_similar = false;
            } else if m.selected_doc().is_some() {
                m.show_similar = true;
                if m.similar.is_none() {
                    m.message = Some("finding similar talks…".into());
                }
                want_similar(m, fx);
            }
        }
        Command::Zoom if m.selected_doc().is_some() || m.zoom => {
            // Zoomed or not, the user is reading the detail.
            m.zoom = !m.zoom;
            m.detail_open = !m.is_wide();
            m.focus = Focus::Detail;
        }
        Command::WidenDetail | Command::NarrowDetail => {
            let step: i32 = if c == Command::WidenDetail { 10 } else { -10 };
            m.split = (m.split as i32 + step).clamp(20, 80) as u16;
            m.zoom = false;
            m.message = Some(format!("detail takes {}% of the width", m.split));
        }
        Command::Help => {
            m.mode = Mode::Help;
            m.help_scroll = 0;
        }
        Command::ToggleStar => {
            if let Some(id) = m.selected_id().map(str::to_string) {
                let on = !m.stars.remove(&id);
                if on {
                    m.stars.insert(id);
                }
                m.message = Some(if on {
                    "starred ★".into()
                } else {
                    "star removed".into()
                });
                fx.push(Effect::SaveState);
                m.refresh_shown(false);
            }
        }
        Command::ToggleWatchLater => {
            if let Some(id) = m.selected_id().map(str::to_string) {
                let before = m.watch_later.len();
                m.watch_later.retain(|x| *x != id);
                let on = m.watch_later.len() == before;
                if on {
                    m.watch_later.push(id);
                }
                m.message = Some(if on {
                    format!(
                        "queued to watch later ({} in the queue)",
                        m.watch_later.len()
                    )
                } else {
                    "removed from watch later".into()
                });
                fx.push(Effect::SaveState);
                m.refresh_shown(false);
            }
        }
        Command::ToggleSeen => {
            if let Some(id) = m.selected_id().map(str::to_string) {
                let on = !m.seen.remove(&id);
                if on {
                    m.seen.insert(id);
                }
                m.message = Some(if on {
                    "marked seen ✓".into()
                } else {
                    "marked not seen".into()
                });
                fx.push(Effect::SaveState);
                m.refresh_shown(false);
            }
        }
        Command::CycleView => {
            let at = View::ALL.iter().position(|v| *v == m.view).unwrap_or(0);
            m.view = View::ALL[(at + 1) % View::ALL.len()];
            m.refresh_shown(false);
            m.message = Some(format!("showing {}", m.view.label()));
        }
        Command::MoveUp | Command::MoveDown => reorder(m, c == Command::MoveUp, fx),
        Command::Export => {
            let what = if m.view == View::WatchLater {
                View::WatchLater
            } else {
                View::Starred
            };
            fx.push(Effect::Export(what));
        }
        // Line editing was handled above.
        _ => {}
    }
}

fn is_line_edit(c: Command) -> bool {
    matches!(
        c,
        Command::CursorLeft
            | Command::CursorRight
            | Command::LineStart
            | Command::LineEnd
            | Command::WordLeft
            | Command::WordRight
            | Command::DeleteBack
            | Command::DeleteForward
            | Command::DeleteWord
            | Command::ClearLine
    )
}

/// Move the selected talk within the watch-later queue (shown in queue order in that view).
fn reorder(m: &mut Model, up: bool, fx: &mut Vec<Effect>) {
    if m.view != View::WatchLater {
        m.message = Some("the queue is reordered in the watch-later view".into());
        return;
    }
    let Some(id) = m.selected_id().map(str::to_string) else {
        return;
    };
    let Some(i) = m.watch_later.iter().position(|x| *x == id) else {
        return;
    };
    let j = if up {
        i.checked_sub(1)
    } else {
        Some(i + 1).filter(|&j| j < m.watch_later.len())
    };
    let Some(j) = j else {
        return;
    };
    m.watch_later.swap(i, j);
    m.refresh_shown(false);
    m.message = Some(format!(
        "moved to {}/{} in the queue",
        j + 1,
        m.watch_later.len()
    ));
    fx.push(Effect::SaveState);
}

/// Step back through past searches, newest first; the results follow.
fn recall_history(m: &mut Model, fx: &mut Vec<Effect>) {
    // Distinct searches, newest first, skipping the one on the line.
    let mut past: Vec<&String> = Vec::new();
    for q in m.history.iter().rev() {
        if !past.contains(&q) {
            past.push(q);
        }
    }
    if past.is_empty() {
        m.message = Some("no past searches yet".into());
        return;
    }
    let pos = m.history_pos.map_or(0, |p| (p + 1) % past.len());
    m.query = past[pos].clone();
    m.cursor = m.query.len();
    m.query_selected = false;
    m.history_pos = Some(pos);
    m.message = Some(format!(
        "past search {}/{} · again for older",
        pos + 1,
        past.len()
    ));
    query_changed(m, fx);
}

/// A search the user acted on goes into the history.
fn remember_query(m: &mut Model, fx: &mut Vec<Effect>) {
    let q = m.query.trim();
    if q.is_empty() || m.history.last().is_some_and(|l| l == q) {
        return;
    }
    let q = q.to_string();
    m.history.push(q.clone());
    fx.push(Effect::RememberQuery(q));
}

fn place(m: &Model) -> Place {
    Place {
        tab: m.tab,
        query: m.query.clone(),
        filters: m.filters.clone(),
        selected: m.selected_id().map(str::to_string),
        focus: m.focus,
        detail_open: m.detail_open,
        detail_scroll: m.detail_scroll,
    }
}

/// Back to where the user was before following a link to another talk.
fn go_back(m: &mut Model, fx: &mut Vec<Effect>) {
    let Some(p) = m.back.pop() else {
        if m.reading() {
            m.detail_open = false;
            m.zoom = false;
            m.focus = Focus::List;
        } else {
            m.message = Some("nothing to go back to".into());
        }
        return;
    };
    m.tab = p.tab;
    m.filters = p.filters;
    if m.query != p.query {
        m.query = p.query;
        m.cursor = m.query.len();
        query_changed(m, fx);
    }
    m.refresh_shown(false);
    m.pending_select = p.selected;
    select_pending(m);
    m.focus = p.focus;
    m.detail_open = p.detail_open && !m.is_wide();
    m.detail_scroll = p.detail_scroll;
    m.related_cursor = None;
    m.message = Some(if m.back.is_empty() {
        "back".to_string()
    } else {
        format!("back ({} more)", m.back.len())
    });
}

/// After a resume, select the remembered item once results that hold it arrive.
fn select_pending(m: &mut Model) {
    let Some(id) = m.pending_select.clone() else {
        return;
    };
    // Results on their way would select their best match over it: wait for them.
    if m.searching {
        return;
    }
    let t = m.tab.index();
    let found = m.shown[t]
        .iter()
        .position(|&d| m.id_of(&m.index.doc(d)) == id);
    if let Some(pos) = found {
        m.selected[t] = pos;
        m.pending_select = None;
        m.keep_selection_visible();
    } else if !m.searching && !m.loading {
        m.pending_select = None;
    }
}

fn switch_tab(m: &mut Model, tab: Tab) {
    if m.tab != tab {
        m.tab = tab;
        m.detail_scroll = 0;
        m.related_cursor = None;
        m.detail_open = false;
        m.focus = Focus::List;
        m.keep_selection_visible();
    }
}

fn confirm(m: &mut Model, fx: &mut Vec<Effect>) {
    if let Some(url) = m.offer_copy.take() {
        let line = crate::opener::clipboard_line(&url);
        m.message = Some(format!("copied link: {line}"));
        fx.push(Effect::Copy(line));
        return;
    }
    if let Some(c) = m.related_cursor {
        let related = m.related();
        if let Some(&talk) = related.get(c) {
            follow_to_item(m, DocKind::Talk, talk);
            return;
        }
    }
    if m.selected_doc().is_none() {
        return;
    }
    remember_query(m, fx);
    // Acted on: the next word typed starts a new search (a cursor key edits this one).
    m.query_selected = !m.query.is_empty();
    if !m.is_wide() {
        m.detail_open = true;
    }
    m.focus = Focus::Detail;
    if m.mark_seen_on_open
        && let Some(id) = m.selected_id().map(str::to_string)
        && m.seen.insert(id)
    {
        fx.push(Effect::SaveState);
    }
}

/// Select a talk or post by its archive index, on its tab; widen the list if the query or
/// filters hide it.
fn jump_to(m: &mut Model, kind: DocKind, idx: u32) {
    let doc = m.index.position(kind, idx);
    if m.index
        .get(doc)
        .is_none_or(|d| d.kind != kind || d.idx != idx)
    {
        return;
    }
    let tab = if kind == DocKind::Talk {
        Tab::Talks
    } else {
        Tab::Posts
    };
    if !m.shown[tab.index()].contains(&doc) {
        m.query.clear();
        m.cursor = 0;
        m.parsed = Query::default();
        m.query_errors.clear();
        m.filters.clear();
        m.hits = Arc::new(
            (0..m.index.len() as u32)
                .map(|doc| Hit { doc, score: 0 })
                .collect(),
        );
        m.hits_query = Query::default();
        m.generation += 1;
        m.searching = false;
        m.refresh_shown(false);
        m.message = Some("search and filters cleared to show it".into());
    }
    m.tab = tab;
    if let Some(pos) = m.shown[tab.index()].iter().position(|&r| r == doc) {
        m.selected[tab.index()] = pos;
    }
    m.related_cursor = None;
    m.detail_scroll = 0;
    m.keep_selection_visible();
}

/// Follow a link to another item of the archive in the app, as a browser would, with the way
/// back kept.
pub(super) fn follow_to_item(m: &mut Model, kind: DocKind, idx: u32) {
    m.back.push(place(m));
    // A long walk keeps its last hundred steps.
    if m.back.len() > 100 {
        m.back.remove(0);
    }
    jump_to(m, kind, idx);
    m.focus = Focus::Detail;
    m.detail_open = !m.is_wide();
}

fn select_at(m: &mut Model, i: usize) {
    let t = m.tab.index();
    let len = m.shown[t].len();
    let i = i.min(len.saturating_sub(1));
    if m.selected[t] != i {
        m.selected[t] = i;
        m.detail_scroll = 0;
        m.related_cursor = None;
    }
    m.keep_selection_visible();
}

fn select_by(m: &mut Model, delta: i64) {
    let cur = m.selected_index() as i64;
    select_at(m, (cur + delta).max(0) as usize);
}

fn scroll(m: &mut Model, delta: i32) {
    let max = m.viewport.detail_max_scroll as i32;
    let v = (m.detail_scroll as i32 + delta).clamp(0, max.max(0));
    m.detail_scroll = v as u16;
}

/// Typed or pasted text: it goes to the line that has the cursor (the picker's, or the search).
fn insert_text(m: &mut Model, text: &str, fx: &mut Vec<Effect>) {
    match m.mode {
        Mode::Picker => {
            line::insert(&mut m.picker.input, &mut m.picker.cursor, text);
            filter_picker(m);
        }
        Mode::Help | Mode::LinkPrompt(_) => m.mode = Mode::Normal,
        Mode::Normal => {
            m.focus = Focus::List;
            m.detail_open = false;
            m.zoom = false;
            if std::mem::take(&mut m.query_selected) {
                m.query.clear();
                m.cursor = 0;
            }
            line::insert(&mut m.query, &mut m.cursor, text);
            query_changed(m, fx);
        }
    }
}

/// The query text changed: parse it and ask for a search (of the previous results only,
/// when the new query can only narrow them).
fn query_changed(m: &mut Model, fx: &mut Vec<Effect>) {
    let (parsed, errors) = parse_query(&m.query);
    m.query_errors = errors;
    if parsed == m.parsed && !m.searching {
        return;
    }
    m.parsed = parsed;
    if !m.sort_chosen {
        m.sort = if m.parsed.is_empty() {
            Sort::Newest
        } else {
            Sort::Relevance
        };
    }
    m.generation += 1;
    m.searching = true;
    // Previous results in index order: the search then reads the index front to back
    // (score order would jump around memory, slower than no narrowing at all).
    let within = (!m.hits_query.is_empty() && m.parsed.narrows(&m.hits_query)).then(|| {
        let mut ids: Vec<u32> = m.hits.iter().map(|h| h.doc).collect();
        ids.sort_unstable();
        Arc::new(ids)
    });
    fx.push(Effect::Search(SearchRequest {
        generation: m.generation,
        query: m.parsed.clone(),
        within,
        index: m.index.clone(),
    }));
}

/// Apply `action` and perform its searches at once, on this thread: for tests and for the
/// non-interactive paths. Other effects are returned.
/// Asks for the similar-talks index of the current archive, unless it is built or on its way.
fn want_similar(m: &mut Model, fx: &mut Vec<Effect>) {
    if m.similar.is_none() && !m.similar_pending {
        m.similar_pending = true;
        fx.push(Effect::BuildSimilar(BuildSimilar {
            archive: m.archive.clone(),
        }));
    }
}

pub fn run_sync(m: &mut Model, action: Action) -> Vec<Effect> {
    let mut pending = vec![action];
    let mut out = Vec::new();
    while let Some(a) = pending.pop() {
        for e in update(m, a) {
            match e {
                Effect::Search(req) => {
                    let hits = m
                        .matcher
                        .search(
                            &req.index,
                            &req.query,
                            req.within.as_deref().map(Vec::as_slice),
                            &AtomicBool::new(false),
                        )
                        .unwrap_or_default();
                    pending.push(Action::SearchDone {
                        generation: req.generation,
                        hits,
                        complete: true,
                    });
                }
                Effect::BuildSimilar(req) => {
                    let similar =
                        Arc::new(crate::connections::Similar::build(&req.archive.talks.all()));
                    pending.push(Action::SimilarBuilt(super::action::SimilarBuilt {
                        archive: req.archive,
                        similar,
                    }));
                }
                other => out.push(other),
            }
        }
    }
    out
}
