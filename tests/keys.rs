//! Issue 11 through the real key handling: typing is searching, the search line edits like a
//! shell's, history, back, zoom, opening, marks. Keys go through `talks::tui::to_action` with
//! the default key map, then `update`, exactly as in the app; searches run at once.

use std::path::Path;
use std::sync::Arc;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use talks::app::{Action, Command, Effect, FacetKind, Focus, Keymap, Mode, Model, Tab, run_sync};
use talks::archive::load::{Sources, load};
use talks::search::{DocKind, Index};

fn model_of(sources: Sources) -> Model {
    let archive = load(&sources);
    assert!(archive.diagnostics.is_empty(), "{:#?}", archive.diagnostics);
    let index = Index::build(&archive);
    Model::new(Arc::new(archive), Arc::new(index))
}

/// The bundled archive plus the Hugo fixture site: 8 talks, 4 posts.
fn model() -> Model {
    model_of(Sources {
        bundled: true,
        paths: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hugo-blog")],
        follow_outside: false,
    })
}

fn cmd(m: &mut Model, c: Command) -> Vec<Effect> {
    run_sync(m, Action::Command(c))
}

/// Ids of the rows of the current tab, in order.
fn ids(m: &Model) -> Vec<String> {
    m.rows()
        .iter()
        .map(|&d| {
            let doc = &m.index.doc(d);
            match doc.kind {
                DocKind::Talk => m.archive.talks[doc.idx as usize].id.clone(),
                DocKind::Post => m.archive.posts[doc.idx as usize].id.clone(),
            }
        })
        .collect()
}

fn selected_id(m: &Model) -> Option<String> {
    ids(m).get(m.selected_index()).cloned()
}

fn select(m: &mut Model, id: &str) {
    let pos = ids(m).iter().position(|x| x == id).expect("id in the list");
    while m.selected_index() < pos {
        cmd(m, Command::SelectNext);
    }
    while m.selected_index() > pos {
        cmd(m, Command::SelectPrev);
    }
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn message(m: &Model) -> &str {
    m.message.as_deref().unwrap_or("")
}

const ZALANDO: &str = "pgconf-russia-2016/gogichashvili-logical-replication-zalando";
const OSCON: &str = "conf/2013/OSCON-fotolog";
const PDXPUG: &str = "conf/2013/PDXPUG-postgresql-as-a-developer";

/// A key as the terminal sends it, through the app's own key handling.
fn press(m: &mut Model, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    let ev = Event::Key(KeyEvent::new(code, mods));
    match talks::tui::to_action(m, &Keymap::default(), ev) {
        Some(a) => run_sync(m, a),
        None => Vec::new(),
    }
}

fn key(m: &mut Model, code: KeyCode) -> Vec<Effect> {
    press(m, code, KeyModifiers::NONE)
}

/// Characters as typed on a keyboard (through the keymap, not straight to the query).
fn keyboard(m: &mut Model, s: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for c in s.chars() {
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        fx.extend(press(m, KeyCode::Char(c), mods));
    }
    fx
}

#[test]
fn typing_any_word_fires_no_command() {
    // Every printable ASCII character, in the list, in the detail (wide and narrow), with
    // marks and filters around: all of it lands in the query and nothing else happens.
    let all: String = (' '..='~').collect();
    for (w, h) in [(120, 40), (80, 24)] {
        for open_detail in [false, true] {
            let mut m = model();
            run_sync(&mut m, Action::Resize(w, h));
            if open_detail {
                key(&mut m, KeyCode::Enter);
            }
            let fx = keyboard(&mut m, &all);
            assert!(fx.is_empty(), "{w}x{h}: typing had effects: {fx:?}");
            assert_eq!(m.query, all, "{w}x{h}");
            assert_eq!(m.mode, Mode::Normal);
            assert!(m.stars.is_empty() && m.watch_later.is_empty() && m.seen.is_empty());
            assert_eq!(m.view, talks::app::View::All);
            assert_eq!(m.tab, Tab::Talks);
            assert!(m.filters.is_empty());
        }
    }
}

#[test]
fn typing_a_speakers_name_on_the_first_screen_finds_their_talks() {
    let mut m = model();
    keyboard(&mut m, "fontaine");
    assert_eq!(m.query, "fontaine");
    assert_eq!(sorted(ids(&m)), sorted(vec![OSCON.into(), PDXPUG.into()]));
}

#[test]
fn the_search_line_edits_like_a_shell() {
    let mut m = model();
    keyboard(&mut m, "fontxaine");
    for _ in 0..4 {
        key(&mut m, KeyCode::Left);
    }
    key(&mut m, KeyCode::Backspace);
    assert_eq!((m.query.as_str(), m.cursor), ("fontaine", 4));
    assert_eq!(ids(&m).len(), 2, "the results follow the fixed query");
    key(&mut m, KeyCode::Home);
    keyboard(&mut m, "@");
    key(&mut m, KeyCode::End);
    keyboard(&mut m, " fotolog");
    assert_eq!(m.query, "@fontaine fotolog");
    assert_eq!(ids(&m), [OSCON]);
    press(&mut m, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(m.query, "@fontaine ");
    press(&mut m, KeyCode::Char('b'), KeyModifiers::ALT);
    assert_eq!(m.cursor, 1, "Alt-B: to the start of the word");
    key(&mut m, KeyCode::Delete);
    assert_eq!(m.query, "@ontaine ");
    press(&mut m, KeyCode::Char('f'), KeyModifiers::ALT);
    assert_eq!(m.cursor, 8, "Alt-F: to the end of the word");
    press(&mut m, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!((m.query.as_str(), m.cursor), (" ", 0));
    press(&mut m, KeyCode::Char('e'), KeyModifiers::CONTROL);
    assert_eq!(m.cursor, 1);
}

#[test]
fn a_paste_goes_in_whole_at_the_cursor() {
    let mut m = model();
    keyboard(&mut m, "fontaine");
    key(&mut m, KeyCode::Home);
    let fx = talks::tui::to_action(&m, &Keymap::default(), Event::Paste("@dimitri\n".into()))
        .map(|a| run_sync(&mut m, a))
        .unwrap_or_default();
    assert!(fx.is_empty());
    assert_eq!(m.query, "@dimitri fontaine");
}

#[test]
fn moving_through_results_never_leaves_the_query() {
    let mut m = model();
    keyboard(&mut m, "postgresql");
    let first = selected_id(&m);
    key(&mut m, KeyCode::Down);
    assert_ne!(selected_id(&m), first);
    press(&mut m, KeyCode::Char('p'), KeyModifiers::CONTROL);
    assert_eq!(selected_id(&m), first);
    press(&mut m, KeyCode::Char('n'), KeyModifiers::CONTROL);
    keyboard(&mut m, " dev");
    assert_eq!(m.query, "postgresql dev", "typing goes on where it was");
}

#[test]
fn history_recalls_past_searches_with_up_at_the_top_or_ctrl_r() {
    let mut m = model();
    run_sync(
        &mut m,
        Action::History(vec!["zalando".into(), "@fontaine".into()]),
    );
    keyboard(&mut m, "multicorn");
    let fx = key(&mut m, KeyCode::Enter);
    assert_eq!(fx, [Effect::RememberQuery("multicorn".into())]);
    key(&mut m, KeyCode::Esc);
    key(&mut m, KeyCode::Esc);
    press(&mut m, KeyCode::Home, KeyModifiers::CONTROL);
    assert_eq!(m.query, "");
    key(&mut m, KeyCode::Up);
    assert_eq!(
        m.query, "multicorn",
        "↑ on an empty line at the top: the last search"
    );
    assert_eq!(message(&m), "past search 1/3 · again for older");
    press(&mut m, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(m.query, "@fontaine");
    press(&mut m, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(m.query, "zalando");
    assert_eq!(ids(&m), [ZALANDO], "the results follow");
    // With a query on the line, ↑ moves the selection as usual.
    key(&mut m, KeyCode::Up);
    assert_eq!(m.query, "zalando");
}

#[test]
fn enter_selects_the_query_so_the_next_word_starts_afresh() {
    let mut m = model();
    keyboard(&mut m, "zalando");
    key(&mut m, KeyCode::Enter);
    keyboard(&mut m, "multicorn");
    assert_eq!(m.query, "multicorn", "not zalandomulticorn");
    key(&mut m, KeyCode::Enter);
    key(&mut m, KeyCode::End);
    keyboard(&mut m, " 2016");
    assert_eq!(
        m.query, "multicorn 2016",
        "a cursor key keeps the query for editing"
    );
}

#[test]
fn other_talks_by_lists_all_and_back_returns_like_a_browser() {
    let mut m = model();
    keyboard(&mut m, "fontaine");
    select(&mut m, PDXPUG);
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.related().len(), 1);
    press(&mut m, KeyCode::Char('r'), KeyModifiers::ALT);
    assert_eq!(
        message(&m),
        "other talk 1/1 by these speakers · ↑↓ Enter go"
    );
    // ↓ moves the choice (there is one other talk: it stays), not the text.
    key(&mut m, KeyCode::Down);
    assert_eq!(m.related_cursor, Some(0));
    key(&mut m, KeyCode::Enter);
    assert_eq!(selected_id(&m).as_deref(), Some(OSCON));
    assert_eq!(m.focus, Focus::Detail);
    // Backspace in the detail is the browser's back; so is Ctrl-O.
    key(&mut m, KeyCode::Backspace);
    assert_eq!(selected_id(&m).as_deref(), Some(PDXPUG));
    assert_eq!(m.query, "fontaine", "the query was not touched");
    assert_eq!(message(&m), "back");
    // Nothing further back: the key closes the detail, then says so.
    press(&mut m, KeyCode::Char('o'), KeyModifiers::CONTROL);
    assert_eq!(m.focus, Focus::List);
    press(&mut m, KeyCode::Char('o'), KeyModifiers::CONTROL);
    assert_eq!(message(&m), "nothing to go back to");
}

#[test]
fn zoom_and_split_change_the_detail_width() {
    let mut m = model();
    key(&mut m, KeyCode::F(5));
    assert!(m.zoom);
    assert_eq!(m.focus, Focus::Detail);
    key(&mut m, KeyCode::Esc);
    assert!(!m.zoom);
    assert_eq!(m.focus, Focus::Detail, "out of the zoom, still reading");
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.focus, Focus::List);
    press(&mut m, KeyCode::Right, KeyModifiers::ALT);
    assert_eq!(m.split, 50);
    assert_eq!(message(&m), "detail takes 50% of the width");
    for _ in 0..10 {
        press(&mut m, KeyCode::Left, KeyModifiers::ALT);
    }
    assert_eq!(m.split, 20, "never narrower than a fifth");
}

#[test]
fn a_link_no_browser_could_open_is_offered_for_copying() {
    let mut m = model();
    run_sync(
        &mut m,
        Action::OpenFailed("https://example.org/slides.pdf".into()),
    );
    assert_eq!(
        message(&m),
        "no browser could open the link (set $BROWSER) · Enter copies it instead: https://example.org/slides.pdf"
    );
    let fx = key(&mut m, KeyCode::Enter);
    assert_eq!(fx, [Effect::Copy("https://example.org/slides.pdf".into())]);
    assert_eq!(message(&m), "copied link: https://example.org/slides.pdf");
    // The offer is for the next key only.
    run_sync(&mut m, Action::OpenFailed("https://example.org/x".into()));
    key(&mut m, KeyCode::Down);
    assert!(
        !key(&mut m, KeyCode::Enter)
            .iter()
            .any(|e| matches!(e, Effect::Copy(_)))
    );
}

#[test]
fn ctrl_z_suspends_and_ctrl_c_quits_from_every_mode() {
    let mut m = model();
    assert_eq!(
        press(&mut m, KeyCode::Char('z'), KeyModifiers::CONTROL),
        [Effect::Suspend]
    );
    for open in [KeyCode::F(1), KeyCode::F(2)] {
        let mut m = model();
        key(&mut m, open);
        assert_ne!(m.mode, Mode::Normal);
        assert_eq!(
            press(&mut m, KeyCode::Char('c'), KeyModifiers::CONTROL),
            [Effect::Quit]
        );
    }
}

#[test]
fn opening_marks_seen_when_the_option_is_on() {
    let mut m = model();
    run_sync(
        &mut m,
        Action::Settings(talks::app::Settings {
            date_format: None,
            mark_seen_on_open: true,
            collapse_runs: false,
        }),
    );
    let id = selected_id(&m).unwrap();
    assert_eq!(key(&mut m, KeyCode::Enter), [Effect::SaveState]);
    assert!(m.marks(&id).seen);
}

#[test]
fn the_watch_later_queue_can_be_reordered() {
    let mut m = model();
    let mut queued = Vec::new();
    for _ in 0..3 {
        queued.push(selected_id(&m).unwrap());
        press(&mut m, KeyCode::Char('w'), KeyModifiers::ALT);
        key(&mut m, KeyCode::Down);
    }
    press(&mut m, KeyCode::Up, KeyModifiers::ALT);
    assert_eq!(
        message(&m),
        "the queue is reordered in the watch-later view"
    );
    cmd(&mut m, Command::CycleView);
    cmd(&mut m, Command::CycleView);
    assert_eq!(ids(&m), queued, "the view shows the queue's order");
    cmd(&mut m, Command::SelectLast);
    assert_eq!(
        press(&mut m, KeyCode::Up, KeyModifiers::ALT),
        [Effect::SaveState]
    );
    assert_eq!(message(&m), "moved to 2/3 in the queue");
    assert_eq!(
        m.watch_later,
        [queued[0].clone(), queued[2].clone(), queued[1].clone()]
    );
    assert_eq!(
        selected_id(&m),
        Some(queued[2].clone()),
        "the moved talk stays selected"
    );
}

#[test]
fn the_filter_picker_merges_tags_that_differ_only_in_case() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("content/conf/2021");
    std::fs::create_dir_all(&conf).unwrap();
    for (name, tag) in [
        ("a", "PostgreSQL"),
        ("b", "postgresql"),
        ("c", "PostgreSQL"),
    ] {
        std::fs::write(
            conf.join(format!("{name}.md")),
            format!(
                "+++\ntitle = \"Talk {name}\"\ndate = 2021-01-0{}\ntags = [\"{tag}\"]\n+++\n",
                name.len()
            ),
        )
        .unwrap();
    }
    let mut m = model_of(Sources {
        bundled: false,
        paths: vec![dir.path().to_path_buf()],
        follow_outside: false,
    });
    cmd(&mut m, Command::FilterPicker);
    let tags: Vec<(String, usize)> = m
        .picker
        .all
        .iter()
        .filter(|f| f.facet.kind == FacetKind::Tag)
        .map(|f| (f.facet.value.clone(), f.count))
        .collect();
    assert_eq!(
        tags,
        [("PostgreSQL".to_string(), 3)],
        "one entry, the common spelling"
    );
    keyboard(&mut m, "tag postgres");
    key(&mut m, KeyCode::Enter);
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.rows().len(), 3, "the filter keeps every spelling");
}

#[test]
fn alt_l_shows_similar_talks_building_the_index_once_and_again_hides_them() {
    let mut m = model();
    assert!(m.similar.is_none(), "not built before it is asked for");
    press(&mut m, KeyCode::Char('l'), KeyModifiers::ALT);
    assert!(m.show_similar);
    let built = m.similar.clone().expect("built on first use");
    press(&mut m, KeyCode::Char('l'), KeyModifiers::ALT);
    assert!(!m.show_similar, "Alt-L again hides the section");
    let fx = press(&mut m, KeyCode::Char('l'), KeyModifiers::ALT);
    assert!(fx.is_empty(), "{fx:?}");
    assert!(
        Arc::ptr_eq(&built, m.similar.as_ref().unwrap()),
        "not built twice"
    );
}
