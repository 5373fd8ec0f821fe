//! Terminal setup and restore, and the one event loop: block on the next event, drain what is
//! pending, update, draw once. Input, signals and the search worker each feed one channel, so
//! an idle app sleeps in `recv` and uses no CPU.

use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use crossterm::execute;

use crate::app::{
    self, Action, Command, Effect, Facet, FacetKind, Key, Keymap, Mode, Model, Point, Reload,
    Resume, SearchRequest, View,
};
use crate::archive::Archive;
use crate::archive::cache::{Cache, read_cache, write_cache};
use crate::archive::hugo::Sections;
use crate::archive::load::{Sources, load_cached, load_with};
use crate::connections::{Aliases, Connections};
use crate::export::{List, Written, write_list};
use crate::opener::Wait;
use crate::paths::Paths;
use crate::search::scan::Scan;
use crate::search::{Hit, Index, Matcher};
use crate::session::{self, Options, Outcome, missing_paths, setup};
use crate::state::{MarkChanges, State, load_state, update_state};
use crate::ui::{self, Theme};

enum Msg {
    Term(Event),
    Searched {
        generation: u64,
        hits: Vec<Hit>,
        /// False for the best so far of a search still running.
        complete: bool,
    },
    /// SIGTERM, SIGHUP or SIGINT: leave cleanly.
    Stop,
    /// A file under a --data path changed; here is the archive loaded again.
    Reloaded(Reload),
    /// No browser could open this URL.
    OpenFailed(String),
    /// The similar-talks index asked for is built.
    SimilarBuilt(app::SimilarBuilt),
    /// The connections of the archive just sent are built.
    ConnectionsBuilt(app::ConnectionsBuilt),
    /// The state file changed on disk: another window or `talks mark` wrote it.
    StateChanged,
}

/// What the loop needs beyond the model: where to save, and what the state file held.
struct Session {
    /// Where the parsed-file cache lives, unless --no-cache.
    cache_file: Option<std::path::PathBuf>,
    paths: Paths,
    sources: Sources,
    sections: Sections,
    /// The config's speaker aliases, for the connections of each loaded archive.
    aliases: Aliases,
    /// The state as loaded (fields this version does not know are written back as they were).
    state: State,
    /// False when the state file exists but could not be read or moved aside: never clobber it.
    writable: bool,
    /// Which archive the place on screen is in (`session::archive_key`).
    archive_key: String,
}

/// Run the TUI until the user quits.
pub fn main(opts: &Options) -> io::Result<Outcome> {
    let setup = setup(opts);
    let missing = missing_paths(&setup.sources);
    if !missing.is_empty() {
        for m in missing {
            eprintln!("{m}");
        }
        return Ok(Outcome::UsageOrIo);
    }
    // The first frame does not wait for the archive: it shows the bundled talks (if any) at
    // once, and the loader thread swaps in the whole archive when it is ready.
    let loading = !setup.sources.paths.is_empty();
    let archive = Arc::new(load_with(
        &Sources {
            bundled: setup.sources.bundled,
            paths: Vec::new(),
            follow_outside: false,
        },
        &setup.sections,
    ));
    let index = Arc::new(Index::build(&archive));
    let connections = Arc::new(Connections::build(&archive, &setup.config.speaker_aliases));
    let mut model = Model::with_connections(archive, index, connections);
    if loading {
        app::update(&mut model, Action::Loading);
    }
    app::update(
        &mut model,
        Action::Settings(app::Settings {
            date_format: setup.config.date_format.clone(),
            mark_seen_on_open: setup.config.mark_seen_on_open,
            collapse_runs: setup.config.collapse_runs,
        }),
    );
    let crate::state::Loaded {
        state,
        message: state_msg,
        writable,
    } = load_state(&setup.paths.state_file());
    app::update(
        &mut model,
        Action::Marks(app::SavedMarks {
            stars: state.stars.clone(),
            seen: state.seen.clone(),
            watch_later: state.watch_later.clone(),
        }),
    );
    app::update(
        &mut model,
        Action::History(crate::history::load(&crate::history::file(
            &setup.paths.data_dir,
        ))),
    );
    let archive_key = crate::session::archive_key(&setup.sources);
    // The saved place belongs to the archive it was in; elsewhere, start fresh (marks stay).
    let resume = if state.last.archive.is_empty() || state.last.archive == archive_key {
        resume_from(&state.last, &setup.config)
    } else {
        resume_from(&crate::state::LastView::default(), &setup.config)
    };
    app::run_sync(&mut model, Action::Resume(resume));
    let mut notes: Vec<String> = setup.config_errors.iter().map(|e| e.to_string()).collect();
    notes.extend(setup.missing_config_paths.iter().cloned());
    notes.extend(state_msg);
    if let Some(first) = notes.first() {
        let more = if notes.len() > 1 {
            format!(" (+{} more: run `talks check`)", notes.len() - 1)
        } else {
            String::new()
        };
        app::update(&mut model, Action::Notice(format!("{first}{more}")));
    }
    let mut session = Session {
        cache_file: (!opts.no_cache).then(|| setup.cache_file()),
        paths: setup.paths,
        sources: setup.sources.clone(),
        sections: setup.sections.clone(),
        aliases: setup.config.speaker_aliases.clone(),
        state,
        writable,
        archive_key,
    };
    run(
        model,
        &setup.config.theme,
        &setup.config.keymap,
        &mut session,
    )?;
    Ok(Outcome::Ok)
}

fn resume_from(last: &crate::state::LastView, config: &crate::config::Config) -> Resume {
    let filters = last
        .filters
        .iter()
        .filter_map(|f| {
            let (k, v) = f.split_once(':')?;
            let kind = FacetKind::from_label(k)?;
            Some(Facet {
                kind,
                value: v.to_string(),
            })
        })
        .collect();
    Resume {
        tab: last.tab.unwrap_or(config.default_tab),
        query: last.query.clone(),
        filters,
        selected: last.selected.clone(),
        view: last.view,
        sort: config.default_sort,
    }
}

/// Where the user is, for the next start; `None` until the archive is loaded (the place on
/// screen is not the user's yet: keep the saved one).
fn place(model: &Model, archive_key: &str) -> Option<crate::state::LastView> {
    (!model.loading).then(|| crate::state::LastView {
        tab: Some(model.tab),
        query: model.query.clone(),
        filters: model
            .filters
            .iter()
            .map(|f| format!("{}:{}", f.kind.label(), f.value))
            .collect(),
        selected: model.selected_id().map(str::to_string),
        view: model.view,
        archive: archive_key.to_string(),
    })
}

/// Save this window's changes merged into what is on disk now, so a star made in another
/// window or by `talks mark` survives; marks made elsewhere come back into the model.
fn save(model: &mut Model, session: &mut Session) {
    if !session.writable {
        return;
    }
    let changes = MarkChanges::between(
        &session.state,
        &model.stars,
        &model.seen,
        &model.watch_later,
    );
    let place = place(model, &session.archive_key);
    let file = session.paths.state_file();
    match update_state(&file, |disk| {
        changes.apply(disk);
        if let Some(p) = place {
            disk.last = p;
        }
    }) {
        Ok(loaded) => {
            if let Some(msg) = loaded.message {
                app::update(model, Action::Notice(msg));
            }
            session.writable = loaded.writable;
            adopt_marks(model, &loaded.state);
            session.state = loaded.state;
        }
        Err(e) => {
            let msg = format!("could not save {}: {e}", file.display());
            app::update(model, Action::Notice(msg));
        }
    }
}

/// The state file changed on disk: show the marks it holds now. Unsaved changes of this window
/// (there are none but in a race) are merged in first; a file we wrote ourselves changes
/// nothing, so the watch does not loop.
fn state_changed(model: &mut Model, session: &mut Session) {
    let unsaved = MarkChanges::between(
        &session.state,
        &model.stars,
        &model.seen,
        &model.watch_later,
    );
    if !unsaved.is_empty() {
        save(model, session);
        return;
    }
    let loaded = load_state(&session.paths.state_file());
    if loaded.message.is_some() {
        return;
    }
    // Another window's place is not ours: keeping ours here stops two windows from saving
    // their places back and forth.
    let mut disk = loaded.state;
    disk.last = session.state.last.clone();
    if disk != session.state {
        adopt_marks(model, &disk);
        session.state = disk;
    }
}

/// Watch the folder of the state file (the file itself is replaced on every write, so a watch
/// on it would end at the first rename) and report changes to it.
fn watch_state_file(file: &std::path::Path, tx: Sender<Msg>) -> Option<notify::RecommendedWatcher> {
    use notify::{RecursiveMode, Watcher};
    let dir = file.parent()?.to_path_buf();
    std::fs::create_dir_all(&dir).ok()?;
    let name = file.file_name()?.to_os_string();
    let mut w = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        if ev.kind.is_access() {
            return;
        }
        if ev
            .paths
            .iter()
            .any(|p| p.file_name() == Some(name.as_os_str()))
        {
            let _ = tx.send(Msg::StateChanged);
        }
    })
    .ok()?;
    w.watch(&dir, RecursiveMode::NonRecursive).ok()?;
    Some(w)
}

/// Show the marks the state file holds, when they differ from the model's.
fn adopt_marks(model: &mut Model, state: &State) {
    if model.stars != state.stars
        || model.seen != state.seen
        || model.watch_later != state.watch_later
    {
        app::update(
            model,
            Action::Marks(app::SavedMarks {
                stars: state.stars.clone(),
                seen: state.seen.clone(),
                watch_later: state.watch_later.clone(),
            }),
        );
    }
}

fn export(model: &Model, session: &Session, what: View) -> app::Exported {
    let (list, ids): (List, Vec<String>) = match what {
        View::WatchLater => (List::WatchLater, model.watch_later.clone()),
        _ => (List::Starred, model.stars.iter().cloned().collect()),
    };
    match write_list(&model.archive, &ids, list, &session.paths.data_dir) {
        Written::To(path) => app::Exported::Written(what, path),
        Written::Empty => app::Exported::Empty(what),
        Written::NoEntries => app::Exported::NoEntries(what),
        Written::Failed(path, e) => app::Exported::Failed(path, e),
    }
}

fn restore() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
}

/// Take the screen back after a suspend or a terminal browser.
fn reenter(terminal: &mut ratatui::DefaultTerminal) -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All),
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    // The next frame is drawn whole: both buffers blank, like the screen. (Terminal::clear
    // would ask the terminal where the cursor is, racing the input thread for the answer.)
    terminal.swap_buffers();
    Ok(())
}

/// Ctrl-Z: give the terminal back, stop until `fg`, then take it again.
fn suspend(terminal: &mut ratatui::DefaultTerminal) -> io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    reenter(terminal)
}

/// Open a URL. `$BROWSER` runs in the foreground with the terminal handed over (it may be a
/// terminal browser such as w3m); otherwise the desktop's opener runs on a thread. Failure
/// comes back as one line offering to copy, never the launcher's own error text.
fn open_url(
    terminal: &mut ratatui::DefaultTerminal,
    model: &mut Model,
    url: String,
    tx: &Sender<Msg>,
) -> io::Result<()> {
    // Only web links leave the app (archives are untrusted); the reason is one line.
    if let Err(why) = crate::opener::check_url(&url) {
        app::update(model, Action::Notice(why));
        return Ok(());
    }
    if std::env::var_os("BROWSER").is_some_and(|b| !b.is_empty()) {
        restore();
        let opened = crate::opener::open_url(&url, Wait::Foreground);
        reenter(terminal)?;
        if opened.is_err() {
            let _ = tx.send(Msg::OpenFailed(url));
        }
        return Ok(());
    }
    let tx = tx.clone();
    thread::spawn(move || {
        let opened = open::commands(&url).iter_mut().any(|c| {
            c.stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        });
        if !opened {
            let _ = tx.send(Msg::OpenFailed(url));
        }
    });
    Ok(())
}

fn run(mut model: Model, theme: &Theme, keymap: &Keymap, session: &mut Session) -> io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    // ratatui's hook restores the screen; mouse capture is ours to turn off first.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
    execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)?;
    let (tx, rx) = mpsc::channel::<Msg>();
    spawn_input(tx.clone());
    spawn_signals(tx.clone());
    let searcher = Searcher::spawn(model.matcher.clone(), tx.clone());
    if model.loading {
        spawn_archive(
            session.sources.clone(),
            session.sections.clone(),
            session.aliases.clone(),
            session.cache_file.clone(),
            tx.clone(),
        );
    }
    // Kept alive for the whole run: marks made elsewhere show up here.
    let _state_watch = watch_state_file(&session.paths.state_file(), tx.clone());
    let size = terminal.size()?;
    app::update(&mut model, Action::Resize(size.width, size.height));
    let result = event_loop(
        &mut terminal,
        &mut model,
        theme,
        keymap,
        &rx,
        &tx,
        &searcher,
        session,
    );
    restore();
    // Where the user was, for next time (stars were saved as they changed).
    save(&mut model, session);
    drop(CACHE_WRITE.lock());
    result
}

#[allow(clippy::too_many_arguments)]
fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    model: &mut Model,
    theme: &Theme,
    keymap: &Keymap,
    rx: &Receiver<Msg>,
    tx: &Sender<Msg>,
    searcher: &Searcher,
    session: &mut Session,
) -> io::Result<()> {
    // Where the user is (tab, query, filters, selection) is saved once it has stayed put a
    // moment, and at least every few seconds while it keeps changing: not on every key, and
    // not every half second while someone types. A kill -9 loses at most that. Marks are
    // saved at once.
    const PLACE_QUIET: Duration = Duration::from_millis(500);
    const PLACE_AT_MOST: Duration = Duration::from_secs(3);
    let mut dirty = true;
    // Since when the place on screen is not the saved one, when it last changed, and what it
    // was then.
    let mut unsaved: Option<(Instant, Instant, crate::state::LastView)> = None;
    loop {
        if dirty {
            draw(terminal, model, theme, keymap)?;
            dirty = false;
        }
        if let Some(now) = place(model, &session.archive_key) {
            match &mut unsaved {
                None if now != session.state.last => {
                    unsaved = Some((Instant::now(), Instant::now(), now));
                }
                Some((_, changed, seen)) if now != *seen => {
                    *changed = Instant::now();
                    *seen = now;
                }
                _ => {}
            }
        }
        // Block until something happens; wake up only to save a changed place.
        let first = match &unsaved {
            Some((since, changed, _)) => {
                let left = PLACE_QUIET
                    .saturating_sub(changed.elapsed())
                    .min(PLACE_AT_MOST.saturating_sub(since.elapsed()));
                match rx.recv_timeout(left) {
                    Ok(m) => m,
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        save(model, session);
                        unsaved = None;
                        continue;
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
                }
            }
            None => match rx.recv() {
                Ok(m) => m,
                Err(_) => return Ok(()),
            },
        };
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        for msg in batch {
            let action = match msg {
                // Mouse moves and unbound keys change nothing: no redraw for them.
                Msg::Term(ev) => match to_action(model, keymap, ev) {
                    Some(a) => a,
                    None => continue,
                },
                Msg::Searched {
                    generation,
                    hits,
                    complete,
                } => Action::SearchDone {
                    generation,
                    hits,
                    complete,
                },
                Msg::Reloaded(r) => Action::Reloaded(r),
                Msg::OpenFailed(url) => Action::OpenFailed(url),
                Msg::SimilarBuilt(b) => Action::SimilarBuilt(b),
                Msg::ConnectionsBuilt(b) => Action::ConnectionsBuilt(b),
                Msg::StateChanged => {
                    state_changed(model, session);
                    dirty = true;
                    continue;
                }
                Msg::Stop => return Ok(()),
            };
            dirty = true;
            for effect in app::update(model, action) {
                match effect {
                    Effect::Quit => return Ok(()),
                    Effect::Search(req) => searcher.submit(req),
                    Effect::SaveState => save(model, session),
                    Effect::Export(what) => {
                        let done = export(model, session, what);
                        app::update(model, Action::Exported(done));
                    }
                    Effect::Open(url) => open_url(terminal, model, url, tx)?,
                    Effect::Suspend => suspend(terminal)?,
                    Effect::BuildSimilar(req) => build_similar(req, tx.clone()),
                    Effect::RememberQuery(q) => {
                        let file = crate::history::file(&session.paths.data_dir);
                        // History is a convenience: failing to write it is not worth a message.
                        let _ = crate::history::append(&file, &q);
                    }
                    Effect::Copy(url) => {
                        let mut out = io::stdout();
                        execute!(
                            out,
                            crossterm::clipboard::CopyToClipboard::to_clipboard_from(url)
                        )?;
                        out.flush()?;
                    }
                }
            }
        }
    }
}

/// Draw, then tell the model where things landed; draw again if that moved anything. Public so
/// tests and the screenshot tool draw exactly as the app does.
pub fn draw<B: ratatui::backend::Backend>(
    terminal: &mut ratatui::Terminal<B>,
    model: &mut Model,
    theme: &Theme,
    keymap: &Keymap,
) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    for _ in 0..2 {
        let mut vp = app::Viewport::default();
        terminal
            .draw(|f| vp = ui::view(f, model, theme, keymap))
            .map_err(io::Error::other)?;
        if vp == model.viewport {
            break;
        }
        let before = (model.offset, model.detail_scroll);
        app::update(model, Action::Viewport(vp));
        if (model.offset, model.detail_scroll) == before {
            break;
        }
    }
    Ok(())
}

/// Keys become actions here and nowhere else.
pub fn to_action(model: &Model, keymap: &Keymap, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => key_action(model, keymap, k),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Mouse(me) => {
            let p = Point {
                x: me.column,
                y: me.row,
            };
            match me.kind {
                MouseEventKind::ScrollDown => Some(Action::ScrollAt(p, 1)),
                MouseEventKind::ScrollUp => Some(Action::ScrollAt(p, -1)),
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(p)),
                _ => None,
            }
        }
        Event::Paste(s) => Some(Action::Paste(s)),
        _ => None,
    }
}

/// Typing is searching: a bound key is its command; any other printable character is text.
fn key_action(model: &Model, keymap: &Keymap, k: KeyEvent) -> Option<Action> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let alt = k.modifiers.contains(KeyModifiers::ALT);
    // Ctrl-C always quits, whatever the config says.
    if ctrl && k.code == KeyCode::Char('c') {
        return Some(Action::Command(Command::Quit));
    }
    if let Mode::LinkPrompt(_) = model.mode
        && let KeyCode::Char(c @ '0'..='9') = k.code
    {
        return Some(Action::Digit(c as u8 - b'0'));
    }
    if let Some(c) = keymap.lookup(model.key_modes(), &Key::from_event(&k)) {
        return Some(Action::Command(c));
    }
    match (model.mode, k.code) {
        (Mode::Normal | Mode::Picker, KeyCode::Char(c)) if !ctrl && !alt && !c.is_control() => {
            Some(Action::Type(c))
        }
        // Overlays close on keys they do not know; the main screen ignores them.
        (Mode::Help | Mode::LinkPrompt(_), _) => Some(Action::Command(Command::Back)),
        _ => None,
    }
}

/// Held while the cache file is written, so quitting right after the archive appears waits
/// for the write instead of leaving no cache for next time.
static CACHE_WRITE: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The archive thread: load the --data paths (through the cache), send the archive to the
/// loop, write the cache, then watch the paths; after a burst of changes settles, load again
/// (only changed files are parsed; files that now fail keep their last good version) and
/// send that. Blocks while idle.
fn spawn_archive(
    sources: Sources,
    sections: Sections,
    aliases: Aliases,
    cache_file: Option<std::path::PathBuf>,
    tx: Sender<Msg>,
) {
    use notify::{EventKind, RecursiveMode, Watcher};
    thread::spawn(move || {
        // Watch first, so a change made while loading is not missed.
        let (ev_tx, ev_rx) = mpsc::channel::<()>();
        let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            // Reads (ours included) and metadata changes are not edits.
            if let Ok(ev) = res
                && matches!(
                    ev.kind,
                    EventKind::Create(_)
                        | EventKind::Remove(_)
                        | EventKind::Modify(
                            notify::event::ModifyKind::Data(_)
                                | notify::event::ModifyKind::Name(_)
                                | notify::event::ModifyKind::Any
                        )
                )
            {
                let _ = ev_tx.send(());
            }
        });
        let mut watcher = watcher.ok();
        if let Some(w) = watcher.as_mut() {
            for p in &sources.paths {
                let _ = w.watch(p, RecursiveMode::Recursive);
            }
        }
        let cache_dir = cache_file.as_deref().and_then(Path::parent);
        // From the snapshot when it is valid: the index mapped, the items decoded as shown.
        let session::Loaded {
            archive,
            index,
            cache: changed,
            pending,
        } = session::start_lazy(&sources, &sections, cache_dir);
        let index = index.unwrap_or_else(|| Index::build(&archive));
        let mut previous = Arc::new(archive);
        let index = Arc::new(index);
        // Taken before the list shows, so a quit right after it waits for the writes.
        let writing = (changed.is_some() || pending.is_some()).then(|| CACHE_WRITE.lock());
        if !send_list(&tx, previous.clone(), index.clone(), &aliases) {
            return;
        }
        // Written after the archive is on screen.
        if let (Some(file), Some(c)) = (&cache_file, changed) {
            let _ = write_cache(file, &c);
        }
        if let Some(p) = pending {
            let _ = crate::store::write(p, &previous, &index);
        }
        drop(writing);
        drop(index);
        if !send_connections(&tx, previous.clone(), &aliases) {
            return;
        }
        // Without a watch there are no reloads, and nothing to keep the cache for.
        if watcher.is_none() {
            return;
        }
        // For the reloads, the per-file cache: read from its file at the first change, not
        // held from the start (66 MB at 100,000 talks that most sessions never need).
        let mut parsed: Option<Cache> = None;
        while ev_rx.recv().is_ok() {
            // Editors save in bursts (write, rename, chmod): wait for quiet.
            while ev_rx
                .recv_timeout(std::time::Duration::from_millis(150))
                .is_ok()
            {}
            let cache = parsed
                .take()
                .or_else(|| cache_file.as_deref().map(read_cache));
            let (mut archive, kept, _) = load_cached(&sources, &sections, cache);
            parsed = kept;
            archive.keep_last_good(&previous);
            let archive = Arc::new(archive);
            let index = Arc::new(Index::build(&archive));
            previous = archive.clone();
            if !send_list(&tx, archive.clone(), index, &aliases)
                || !send_connections(&tx, archive, &aliases)
            {
                break;
            }
        }
        drop(watcher);
    });
}

/// Send a loaded archive to the loop at once, with no connections (`send_connections` follows:
/// at 100,000 talks they take longer than the rest of a warm start). False when the loop has
/// ended.
fn send_list(
    tx: &Sender<Msg>,
    archive: Arc<Archive>,
    index: Arc<Index>,
    aliases: &Aliases,
) -> bool {
    let none = Arc::new(Connections::build(&Archive::default(), aliases));
    tx.send(Msg::Reloaded(Reload {
        archive,
        index,
        connections: none,
    }))
    .is_ok()
}

/// Build the connections of the archive just sent and send them.
///
/// They are built on one thread of their own, so that on a 2-core machine the searches typed
/// meanwhile keep a core: the connections take seconds at a million talks (and decode every
/// item of a lazy archive first). They arrive later instead, which costs only the "other
/// talks by" lines for a moment.
fn send_connections(tx: &Sender<Msg>, archive: Arc<Archive>, aliases: &Aliases) -> bool {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    let pool = POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .thread_name(|_| "talks-connections".into())
            .build()
            .ok()
    });
    let connections = Arc::new(match pool {
        Some(pool) => {
            let built = pool.install(|| Connections::build(&archive, aliases));
            // Building them decoded every item of a lazy archive and dropped them: 140 MB
            // at 100,000 talks that the allocator would otherwise keep.
            pool.install(crate::memory::give_back);
            built
        }
        None => Connections::build(&archive, aliases),
    });
    crate::memory::give_back();
    tx.send(Msg::ConnectionsBuilt(app::ConnectionsBuilt {
        archive,
        connections,
    }))
    .is_ok()
}

/// Builds the similar-talks index on a thread of its own (the UI stays responsive), once.
fn build_similar(req: app::BuildSimilar, tx: Sender<Msg>) {
    thread::spawn(move || {
        let similar = Arc::new(crate::connections::Similar::build(&req.archive.talks.all()));
        // A lazy archive's items were decoded for it on the pool's threads, and dropped.
        if req.archive.talks.is_lazy() {
            crate::memory::give_back();
        }
        let _ = tx.send(Msg::SimilarBuilt(app::SimilarBuilt {
            archive: req.archive,
            similar,
        }));
    });
}

fn spawn_input(tx: Sender<Msg>) {
    thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if tx.send(Msg::Term(ev)).is_err() {
                break;
            }
        }
    });
}

fn spawn_signals(tx: Sender<Msg>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) {
        thread::spawn(move || {
            if signals.forever().next().is_some() {
                let _ = tx.send(Msg::Stop);
            }
        });
    }
}

/// The search worker: runs one search at a time; a newer request cancels the one in flight,
/// and requests that queued up behind it are skipped for the newest.
struct Searcher {
    requests: Sender<(SearchRequest, Arc<AtomicBool>)>,
    current: std::sync::Mutex<Arc<AtomicBool>>,
}

/// Candidates read between looks at the cancel flag and the clock: a few milliseconds' work.
const SCAN_STEP: usize = 16 * 1024;
/// A search still running after this long shows its best results so far, and again every
/// `SHOW_EVERY`, when it looks like needing at least `WORTH_SHOWING` more; quicker ones show
/// only their final results (a partial show costs a sort and a frame).
const FIRST_SHOW: Duration = Duration::from_millis(40);
const SHOW_EVERY: Duration = Duration::from_millis(100);
const WORTH_SHOWING: Duration = Duration::from_millis(30);
/// Rows of a partial result put in order: more than a screen, fewer than all.
const PARTIAL_SORTED: usize = 2000;

/// Run `scan` to its end, sending results as they come, or until cancelled (the scan then
/// keeps what it read). False when the loop has ended.
fn run_scan(
    matcher: &Matcher,
    index: &Index,
    scan: &mut Scan,
    cancel: &AtomicBool,
    generation: u64,
    out: &Sender<Msg>,
) -> bool {
    let started = Instant::now();
    let mut shown: Option<Instant> = None;
    loop {
        if scan.step(matcher, index, SCAN_STEP) {
            let mut hits = scan.hits().to_vec();
            crate::search::sort_hits(index, &mut hits);
            return out
                .send(Msg::Searched {
                    generation,
                    hits,
                    complete: true,
                })
                .is_ok();
        }
        if cancel.load(Ordering::Relaxed) {
            return true;
        }
        let due = match shown {
            None => started.elapsed() >= FIRST_SHOW,
            Some(at) => at.elapsed() >= SHOW_EVERY,
        };
        let (read, all) = scan.progress();
        let left = started
            .elapsed()
            .mul_f64((all - read) as f64 / read.max(1) as f64);
        if due && left >= WORTH_SHOWING {
            shown = Some(Instant::now());
            // The best so far in order; the rest, beyond any screen, as found.
            let mut hits = scan.hits().to_vec();
            crate::search::sort_top(index, &mut hits, PARTIAL_SORTED);
            let partial = Msg::Searched {
                generation,
                hits,
                complete: false,
            };
            if out.send(partial).is_err() {
                return false;
            }
        }
    }
}

impl Searcher {
    fn spawn(matcher: Arc<Matcher>, out: Sender<Msg>) -> Searcher {
        let (tx, rx) = mpsc::channel::<(SearchRequest, Arc<AtomicBool>)>();
        thread::spawn(move || {
            // Searches get threads of their own: on rayon's global pool they would queue
            // behind a background job (the connections of a million talks take seconds).
            let pool = rayon::ThreadPoolBuilder::new()
                .thread_name(|i| format!("talks-search-{i}"))
                .build()
                .ok();
            // The last scan, finished or cancelled, and the index it read: a narrower query
            // typed next takes over its work. The index is not kept alive for it: after a
            // reload the old one goes as soon as the model lets it go.
            let mut last: Option<(std::sync::Weak<Index>, Scan)> = None;
            while let Ok(mut job) = rx.recv() {
                while let Ok(newer) = rx.try_recv() {
                    job = newer;
                }
                let (req, cancel) = job;
                let mut scan = last
                    .as_ref()
                    .filter(|(index, _)| {
                        std::sync::Weak::ptr_eq(index, &Arc::downgrade(&req.index))
                    })
                    .and_then(|(_, prev)| prev.narrowed(&req.query))
                    .unwrap_or_else(|| Scan::new(&req.index, req.query.clone(), req.within));
                let mut run = || {
                    run_scan(
                        &matcher,
                        &req.index,
                        &mut scan,
                        &cancel,
                        req.generation,
                        &out,
                    )
                };
                let alive = match &pool {
                    Some(pool) => pool.install(run),
                    None => run(),
                };
                if !alive {
                    break;
                }
                last = Some((Arc::downgrade(&req.index), scan));
            }
        });
        Searcher {
            requests: tx,
            current: std::sync::Mutex::new(Arc::new(AtomicBool::new(false))),
        }
    }

    fn submit(&self, req: SearchRequest) {
        let cancel = Arc::new(AtomicBool::new(false));
        if let Ok(mut cur) = self.current.lock() {
            cur.store(true, Ordering::Relaxed);
            *cur = cancel.clone();
        }
        let _ = self.requests.send((req, cancel));
    }
}
