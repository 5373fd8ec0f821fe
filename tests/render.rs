//! Whole screens at fixed sizes (insta snapshots of the text), cell-style asserts for what the
//! snapshots cannot see (highlight and selection colours), and a size sweep that must never
//! panic. Screens are drawn through `talks::tui::draw`, exactly as the app draws them.
//!
//! Regenerate after an intended change: `INSTA_UPDATE=always cargo test --test render`, then
//! read the diff. CI sets CI=true, so there insta never writes and a mismatch fails.

use std::sync::{Arc, LazyLock};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

use talks::app::{Action, Command, Keymap, Model, run_sync, update};
use talks::archive::Archive;
use talks::archive::load::{Sources, load};
use talks::search::Index;
use talks::ui::Theme;

/// The archive compiled into the binary: 5 talks, 1 post.
fn bundled() -> (Arc<Archive>, Arc<Index>) {
    static DATA: LazyLock<(Arc<Archive>, Arc<Index>)> = LazyLock::new(|| {
        let mut a = Archive::default();
        talks::archive::bundled::load_into(&mut a);
        let a = Arc::new(a);
        let i = Arc::new(Index::build(&a));
        (a, i)
    });
    DATA.clone()
}

/// Bundled plus the sample Hugo blog: talks with links, posts, talks without speakers. The path
/// is relative (cargo runs tests from the package root) so origins in the detail pane, and
/// hence the snapshots, do not depend on where the checkout lives.
fn with_hugo_sample() -> (Arc<Archive>, Arc<Index>) {
    static DATA: LazyLock<(Arc<Archive>, Arc<Index>)> = LazyLock::new(|| {
        let a = Arc::new(load(&Sources {
            bundled: true,
            paths: vec!["tests/fixtures/hugo-blog".into()],
            follow_outside: false,
        }));
        assert!(a.talks.len() > 5, "the Hugo sample did not load");
        let i = Arc::new(Index::build(&a));
        (a, i)
    });
    DATA.clone()
}

fn model((archive, index): (Arc<Archive>, Arc<Index>), w: u16, h: u16) -> Model {
    let mut m = Model::new(archive, index);
    update(&mut m, Action::Resize(w, h));
    m
}

fn cmd(m: &mut Model, c: Command) {
    run_sync(m, Action::Command(c));
}

fn type_str(m: &mut Model, s: &str) {
    for c in s.chars() {
        run_sync(m, Action::Type(c));
    }
}

/// Draws the model as the app does and returns the terminal.
fn draw(m: &mut Model, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    talks::tui::draw(&mut term, m, &Theme::default(), &Keymap::default()).unwrap();
    term
}

/// How to reach a screen from a fresh model.
type Setup = fn(&mut Model);

/// Every screen, by name. Snapshots are `render__{name}_{w}x{h}.snap`.
const SCREENS: &[(&str, Setup)] = &[
    ("list", |_| {}),
    // Second row, then Enter: the detail fills the screen when narrow; wide, the list keeps
    // the focus and the detail follows the selection.
    ("detail", |m| {
        cmd(m, Command::SelectNext);
        cmd(m, Command::Confirm);
    }),
    // Typing on the first screen searches; the query line has the cursor.
    ("search", |m| type_str(m, "replication")),
    // Enter opens the best match; the query stays, selected (typing starts a new one).
    ("search_results", |m| {
        type_str(m, "replication");
        cmd(m, Command::Confirm);
    }),
    ("no_results", |m| type_str(m, "zzzqqq")),
    ("picker", |m| cmd(m, Command::FilterPicker)),
    ("help", |m| cmd(m, Command::Help)),
    ("posts", |m| cmd(m, Command::TabPosts)),
    // Every mark on its row: starred, queued, seen (dimmed).
    ("marks", |m| {
        cmd(m, Command::ToggleStar);
        cmd(m, Command::ToggleWatchLater);
        cmd(m, Command::SelectNext);
        cmd(m, Command::ToggleSeen);
        cmd(m, Command::SelectNext);
        cmd(m, Command::ToggleWatchLater);
    }),
];

/// Screens that need the richer Hugo sample.
const HUGO_SCREENS: &[(&str, Setup)] = &[
    ("hugo_list", |_| {}),
    // A talk with four links (two slides, a video, a page) and notes.
    ("hugo_detail_links", |m| cmd(m, Command::Confirm)),
    // Dimitri Fontaine has two talks: "Other talks by", with the first one chosen.
    ("hugo_detail_related", |m| {
        cmd(m, Command::SelectLast);
        cmd(m, Command::NextRelated);
    }),
    ("hugo_link_prompt", |m| cmd(m, Command::OpenLink)),
    ("hugo_posts", |m| cmd(m, Command::TabPosts)),
    ("hugo_post_detail", |m| {
        cmd(m, Command::TabPosts);
        cmd(m, Command::SelectNext);
        cmd(m, Command::Confirm);
    }),
    ("hugo_filtered", |m| {
        cmd(m, Command::FilterPicker);
        type_str(m, "2016");
        cmd(m, Command::Confirm);
        cmd(m, Command::Back);
    }),
    ("hugo_query_error", |m| type_str(m, "year:20x")),
    // The detail zoomed to the whole width.
    ("hugo_detail_zoomed", |m| {
        cmd(m, Command::Confirm);
        cmd(m, Command::Zoom);
    }),
    // Followed "other talks by" to the speaker's other talk: the back key is offered.
    ("hugo_followed", |m| {
        cmd(m, Command::SelectLast);
        cmd(m, Command::NextRelated);
        cmd(m, Command::Confirm);
    }),
];

const SIZES: &[(u16, u16)] = &[(80, 24), (100, 30), (120, 40), (200, 60)];

#[test]
fn screens_bundled() {
    for &(w, h) in SIZES {
        for (name, setup) in SCREENS {
            let mut m = model(bundled(), w, h);
            setup(&mut m);
            let term = draw(&mut m, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), term.backend());
        }
    }
}

#[test]
fn screens_hugo_sample() {
    for &(w, h) in SIZES {
        for (name, setup) in HUGO_SCREENS {
            let mut m = model(with_hugo_sample(), w, h);
            setup(&mut m);
            let term = draw(&mut m, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), term.backend());
        }
    }
}

#[test]
fn too_small() {
    let mut m = model(bundled(), 30, 8);
    let term = draw(&mut m, 30, 8);
    insta::assert_snapshot!("too_small_30x8", term.backend());
}

// ---- cell styles: what the text snapshots cannot show ----

/// The text of row `y`, one entry per cell (a wide char's second cell is "").
fn row_cells(buf: &Buffer, y: u16) -> Vec<&str> {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

/// The first row containing `needle`, and the x of its first char.
fn find(buf: &Buffer, needle: &str) -> (u16, u16) {
    let want: Vec<String> = needle.chars().map(String::from).collect();
    for y in 0..buf.area.height {
        // Skip the second cells of wide chars so x counts chars of the needle.
        let cells: Vec<(u16, &str)> = (0..buf.area.width)
            .map(|x| (x, buf[(x, y)].symbol()))
            .filter(|(_, s)| !s.is_empty())
            .collect();
        for start in 0..cells.len() {
            if cells.len() - start >= want.len()
                && want.iter().zip(&cells[start..]).all(|(a, (_, b))| a == b)
            {
                return (cells[start].0, y);
            }
        }
    }
    panic!("{needle:?} not on screen:\n{buf:?}");
}

/// Styles of the cells of `needle` where it first appears.
fn styles_of(buf: &Buffer, needle: &str) -> Vec<Style> {
    let (x, y) = find(buf, needle);
    let mut out = Vec::new();
    let mut x = x;
    for c in needle.chars() {
        out.push(buf[(x, y)].style());
        x += unicode_width(c);
    }
    out
}

fn unicode_width(c: char) -> u16 {
    ratatui::text::Span::raw(c.to_string()).width() as u16
}

fn is_highlighted(s: Style) -> bool {
    let hl = Theme::default().highlight;
    s.fg == hl.fg && s.add_modifier.contains(hl.add_modifier)
}

fn is_selected(s: Style) -> bool {
    let sel = Theme::default().selected;
    s.bg == sel.bg && s.add_modifier.contains(sel.add_modifier)
}

#[test]
fn matched_characters_are_highlighted_and_neighbours_are_not() {
    // Wide enough for full names (narrower rows show surnames only).
    let mut m = model(bundled(), 200, 60);
    type_str(&mut m, "dimitri");
    cmd(&mut m, Command::Confirm);
    let term = draw(&mut m, 200, 60);
    let buf = term.backend().buffer();
    // Two talks by Dimitri Fontaine; the first row is selected, the second is not.
    let (x0, y0) = find(buf, "2013-07-22 Dimitri");
    for (row, selected) in [(y0, true), (y0 + 1, false)] {
        let speaker = x0 + 11;
        let cells = row_cells(buf, row);
        assert_eq!(
            cells[speaker as usize..][..7].concat(),
            "Dimitri",
            "row {row}"
        );
        for x in speaker..speaker + 7 {
            let s = buf[(x, row)].style();
            assert!(is_highlighted(s), "matched cell ({x},{row}) is {s:?}");
            assert_eq!(is_selected(s), selected, "cell ({x},{row}) is {s:?}");
        }
        // The space and "Fontaine" after it matched nothing.
        for x in speaker + 7..speaker + 16 {
            let s = buf[(x, row)].style();
            assert!(!is_highlighted(s), "unmatched cell ({x},{row}) is {s:?}");
            assert_eq!(is_selected(s), selected, "cell ({x},{row}) is {s:?}");
        }
        // The whole selected row carries the selection, not just the matched text.
        let date = buf[(x0, row)].style();
        assert_eq!(is_selected(date), selected, "date of row {row} is {date:?}");
        assert!(!is_highlighted(date));
    }
}

#[test]
fn title_matches_are_highlighted() {
    let mut m = model(bundled(), 120, 40);
    type_str(&mut m, "multicorn");
    let term = draw(&mut m, 120, 40);
    let buf = term.backend().buffer();
    let styles = styles_of(buf, "Multicorn: writing");
    for (i, s) in styles.iter().enumerate() {
        assert_eq!(is_highlighted(*s), i < 9, "char {i} of the title is {s:?}");
    }
}

#[test]
fn highlights_land_on_the_original_glyphs_of_transliterated_names() {
    // "fattakhov" is matched against the folded "marat fattakhov"; the highlight must map back
    // to the Cyrillic letters, which are fewer (х → kh).
    let mut m = model(bundled(), 120, 40);
    type_str(&mut m, "fattakhov");
    cmd(&mut m, Command::Confirm);
    let term = draw(&mut m, 120, 40);
    let buf = term.backend().buffer();
    let styles = styles_of(buf, "Марат Фаттахо");
    for (i, s) in styles.iter().enumerate() {
        assert_eq!(
            is_highlighted(*s),
            i >= 6,
            "char {i} of the speaker is {s:?}"
        );
    }
}

#[test]
fn a_match_at_the_end_of_a_long_title_is_visible() {
    // "Zalando" ends the title "Data integration with PostgreSQL logical replication at
    // Zalando"; the list cuts the title long before it, and the detail does not highlight.
    let mut m = model(bundled(), 120, 40);
    type_str(&mut m, "zalando");
    cmd(&mut m, Command::Confirm);
    let term = draw(&mut m, 120, 40);
    let buf = term.backend().buffer();
    let hits = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&p| is_highlighted(buf[p].style()))
        .count();
    assert!(hits >= 7, "no highlighted 'Zalando' on screen:\n{buf:?}");
}

#[test]
fn fields_that_did_not_match_get_no_scattered_highlights() {
    // The talk matches "logical replication" by its title and tags; the speaker "Valentine
    // Gogichashvili" must not light up a scattered "l…og…" subsequence.
    let mut m = model(bundled(), 120, 40);
    type_str(&mut m, "logical replication");
    cmd(&mut m, Command::Confirm);
    let term = draw(&mut m, 120, 40);
    let buf = term.backend().buffer();
    let styles = styles_of(buf, "Valentine Gog");
    assert!(
        styles.iter().all(|s| !is_highlighted(*s)),
        "speaker cells highlighted: {styles:?}"
    );
}

#[test]
fn the_focused_pane_has_the_focus_border() {
    let theme = Theme::default();
    let mut m = model(bundled(), 120, 40);
    let term = draw(&mut m, 120, 40);
    let buf = term.backend().buffer();
    let (dx, dy) = find(buf, "┐┌ Detail");
    assert_eq!(
        buf[(0, dy)].style().fg,
        theme.border_focus.fg,
        "list border"
    );
    assert_eq!(
        buf[(dx + 1, dy)].style().fg,
        theme.border.fg,
        "detail border"
    );
    cmd(&mut m, Command::FocusNext);
    let term = draw(&mut m, 120, 40);
    let buf = term.backend().buffer();
    assert_eq!(buf[(0, dy)].style().fg, theme.border.fg, "list border");
    assert_eq!(
        buf[(dx + 1, dy)].style().fg,
        theme.border_focus.fg,
        "detail border"
    );
}

#[test]
fn the_active_tab_stands_out() {
    let theme = Theme::default();
    let mut m = model(bundled(), 120, 40);
    cmd(&mut m, Command::TabPosts);
    let term = draw(&mut m, 120, 40);
    let buf = term.backend().buffer();
    let posts = styles_of(buf, "2 Posts");
    let talks = styles_of(buf, "1 Talks");
    assert!(posts.iter().all(|s| s.bg == theme.tab_active.bg));
    assert!(talks.iter().all(|s| s.bg != theme.tab_active.bg));
    assert_ne!(theme.tab_active.bg, Some(Color::Reset));
}

#[test]
fn no_color_theme_selects_without_colour() {
    let mono = Theme::mono();
    let mut m = model(bundled(), 120, 40);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    talks::tui::draw(&mut term, &mut m, &mono, &Keymap::default()).unwrap();
    let buf = term.backend().buffer();
    let (x, y) = find(buf, "2016-02-03 Valentine");
    for cx in x..x + 20 {
        let s = buf[(cx, y)].style();
        assert!(
            s.add_modifier.contains(Modifier::REVERSED),
            "({cx},{y}) {s:?}"
        );
        assert!(
            matches!(s.fg, None | Some(Color::Reset)),
            "({cx},{y}) {s:?}"
        );
    }
}

// ---- the sweep: no size and no mode may panic ----

/// Every mode worth drawing, reached from a fresh model at the size being tried.
const MODES: &[(&str, Setup)] = &[
    ("list", |_| {}),
    ("detail", |m| {
        cmd(m, Command::Confirm);
        cmd(m, Command::FocusNext);
        cmd(m, Command::ScrollDown);
        cmd(m, Command::SelectLast);
    }),
    ("related", |m| {
        cmd(m, Command::SelectLast);
        cmd(m, Command::NextRelated);
    }),
    ("search", |m| type_str(m, "logical replication")),
    ("no_results", |m| type_str(m, "zzzqqq")),
    ("query_error", |m| type_str(m, "year:20x \"open")),
    ("picker", |m| {
        cmd(m, Command::FilterPicker);
        cmd(m, Command::SelectLast);
    }),
    ("picker_no_match", |m| {
        cmd(m, Command::FilterPicker);
        type_str(m, "zzzqqq");
    }),
    ("filtered_empty", |m| {
        cmd(m, Command::FilterPicker);
        cmd(m, Command::Confirm);
        cmd(m, Command::Back);
        type_str(m, "zzzqqq");
    }),
    ("help", |m| cmd(m, Command::Help)),
    ("posts", |m| {
        cmd(m, Command::TabPosts);
        cmd(m, Command::SelectLast);
        cmd(m, Command::Confirm);
    }),
    ("link_prompt", |m| cmd(m, Command::OpenLink)),
    ("message", |m| cmd(m, Command::CycleSort)),
];

fn sweep_sizes() -> Vec<(u16, u16)> {
    let mut ws: Vec<u16> = (1..=130).step_by(4).collect();
    let mut hs: Vec<u16> = (1..=45).step_by(3).collect();
    // The edges where the layout changes: too small / not, narrow / wide.
    ws.extend([2, 39, 40, 41, 99, 100, 101]);
    hs.extend([2, 9, 10, 11]);
    ws.sort_unstable();
    ws.dedup();
    hs.sort_unstable();
    hs.dedup();
    ws.iter()
        .flat_map(|&w| hs.iter().map(move |&h| (w, h)))
        .collect()
}

#[test]
fn drawing_at_any_size_in_any_mode_never_panics() {
    let mut term = Terminal::new(TestBackend::new(1, 1)).unwrap();
    let (theme, keymap) = (Theme::default(), Keymap::default());
    for (w, h) in sweep_sizes() {
        term.backend_mut().resize(w, h);
        for (name, setup) in MODES {
            let mut m = model(with_hugo_sample(), w, h);
            setup(&mut m);
            let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                talks::tui::draw(&mut term, &mut m, &theme, &keymap).unwrap();
            }));
            assert!(drawn.is_ok(), "{name} at {w}x{h} panicked");
            // Resizing the window after the fact, as a user does, must not panic either.
            let (w2, h2) = (w.saturating_sub(7).max(1), h + 3);
            update(&mut m, Action::Resize(w2, h2));
            term.backend_mut().resize(w2, h2);
            let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                talks::tui::draw(&mut term, &mut m, &theme, &keymap).unwrap();
            }));
            assert!(
                drawn.is_ok(),
                "{name} at {w}x{h} resized to {w2}x{h2} panicked"
            );
            term.backend_mut().resize(w, h);
        }
    }
}

/// The text of the screen's rows from `x0` on, one string per row.
fn screen_rows(buf: &Buffer, x0: u16, x1: u16) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| (x0..x1).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

#[test]
fn every_row_shows_the_speakers_surnames_and_forty_columns_of_title() {
    for &(w, h) in SIZES {
        let mut m = model(with_hugo_sample(), w, h);
        let term = draw(&mut m, w, h);
        let buf = term.backend().buffer();
        let list_w = if m.is_wide() {
            m.viewport.list.right()
        } else {
            w
        };
        let rows = screen_rows(buf, 0, list_w).join("\n");
        let visible = m.list_rows().min(m.rows().len());
        assert!(visible >= 5, "{w}x{h}: only {visible} rows fit");
        for &d in &m.rows()[..visible] {
            let talk = &m.archive.talks[m.index.doc(d).idx as usize];
            let title: String = talk.title.chars().take(40).collect();
            assert!(rows.contains(&title), "{w}x{h}: {title:?} cut in\n{rows}");
            for s in &talk.speakers {
                let surname = s.name.split_whitespace().last().unwrap_or("");
                assert!(
                    rows.contains(surname),
                    "{w}x{h}: {surname:?} missing in\n{rows}"
                );
            }
        }
    }
}

#[test]
fn an_empty_starred_view_says_how_to_star_not_to_search_with_fewer_words() {
    let mut m = model(bundled(), 100, 30);
    cmd(&mut m, Command::CycleView);
    assert_eq!(m.view, talks::app::View::Starred);
    let term = draw(&mut m, 100, 30);
    let screen: String = (0..30)
        .map(|y| row_cells(term.backend().buffer(), y).concat() + "\n")
        .collect();
    assert!(screen.contains("No starred talks yet."), "{screen}");
    assert!(screen.contains("star one with Alt-S"), "{screen}");
    assert!(!screen.contains("fewer or shorter words"), "{screen}");
}

// ---- connections: re-runs, posts about talks (tests/fixtures/connections) ----

/// The invented site of tests/connections.rs: a talk given three times, posts about talks.
fn connections_site() -> (Arc<Archive>, Arc<Index>) {
    let a = Arc::new(load(&Sources {
        bundled: false,
        paths: vec!["tests/fixtures/connections".into()],
        follow_outside: false,
    }));
    assert!(!a.talks.is_empty(), "the connections fixture did not load");
    let i = Arc::new(Index::build(&a));
    (a, i)
}

/// The detail pane's text at 200×60 after `setup`, rows joined.
fn detail_text(setup: Setup) -> String {
    let (w, h) = (200, 60);
    let mut m = model(connections_site(), w, h);
    setup(&mut m);
    let term = draw(&mut m, w, h);
    let d = m.viewport.detail;
    screen_rows(term.backend().buffer(), d.x, d.right())[d.y as usize..d.bottom() as usize]
        .iter()
        .map(|r| r.trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_rerun_talk_lists_its_other_runs_under_also_given_at() {
    let text = detail_text(|m| type_str(m, "revisited"));
    assert!(
        text.contains("Tidy queues with advisory locks, revisited"),
        "{text}"
    );
    let section = text
        .split("── Also given at (2) ──")
        .nth(1)
        .unwrap_or_else(|| panic!("no \"Also given at\" section:\n{text}"));
    assert!(
        section.contains("2015-06-10 Tidy Queues with Advisory Locks — Harbour Days"),
        "{text}"
    );
    assert!(
        section.contains("2017-03-02 Очереди задач внутри базы — Lake Forum"),
        "{text}"
    );
}

#[test]
fn a_post_about_a_talk_lists_it_under_about_the_talks() {
    let text = detail_text(|m| {
        cmd(m, Command::TabPosts);
        type_str(m, "sheep recorded");
    });
    assert!(text.contains("The sheep talk, recorded"), "{text}");
    let section = text
        .split("── About the talks (1) ──")
        .nth(1)
        .unwrap_or_else(|| panic!("no \"About the talks\" section:\n{text}"));
    assert!(
        section.contains("2018-04-12 Counting Sheep in SQL — Ridge Meetup"),
        "{text}"
    );
}

#[test]
fn similar_lists_the_nearest_talks_once_asked_for() {
    let before = detail_text(|m| type_str(m, "versioned tears"));
    assert!(!before.contains("── Similar"), "{before}");
    let text = detail_text(|m| {
        type_str(m, "versioned tears");
        cmd(m, Command::Similar);
    });
    assert!(text.contains("Versioned Tables Without Tears"), "{text}");
    let section = text
        .split("── Similar (")
        .nth(1)
        .unwrap_or_else(|| panic!("no \"Similar\" section:\n{text}"));
    assert!(
        section.contains("2019-05-20 Keeping history in temporal tables — Valley Days"),
        "{text}"
    );
}

#[test]
fn the_detail_has_a_speaker_view_for_a_speaker_with_several_talks() {
    let mut m = model(bundled(), 200, 60);
    type_str(&mut m, "fotolog");
    let term = draw(&mut m, 200, 60);
    let d = m.viewport.detail;
    let text = screen_rows(term.backend().buffer(), d.x, d.right())
        [d.y as usize..d.bottom() as usize]
        .iter()
        .map(|r| r.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        text.contains("── Dimitri Fontaine ──\ncompanies: 2ndQuadrant 2013\n2 talks: 2013 (2)"),
        "{text}"
    );
}
