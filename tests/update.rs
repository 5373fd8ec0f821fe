//! Action sequences on the model: what the user sees change as they type, pick filters, sort,
//! switch tabs, open details and links. Searches run at once through `run_sync`.

use std::path::Path;
use std::sync::Arc;

use talks::app::{
    Action, Command, Effect, FacetKind, Focus, Mode, Model, Sort, Tab, run_sync, update,
};
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

fn type_str(m: &mut Model, s: &str) {
    for c in s.chars() {
        let fx = run_sync(m, Action::Type(c));
        assert!(fx.is_empty(), "typing has no outside effect: {fx:?}");
    }
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

#[track_caller]
fn assert_selection_valid(m: &Model) {
    let n = m.rows().len();
    if n == 0 {
        assert!(m.selected_doc().is_none());
    } else {
        assert!(
            m.selected_index() < n,
            "selected {} of {n} rows",
            m.selected_index()
        );
        assert!(m.selected_doc().is_some());
    }
}

const ZALANDO: &str = "pgconf-russia-2016/gogichashvili-logical-replication-zalando";
const OSCON: &str = "conf/2013/OSCON-fotolog";
const PDXPUG: &str = "conf/2013/PDXPUG-postgresql-as-a-developer";

// ---------------------------------------------------------------------------------------------
// Search as you type

#[test]
fn starts_on_talks_newest_first() {
    let m = model();
    assert_eq!(m.tab, Tab::Talks);
    assert_eq!(m.rows().len(), 8);
    assert_eq!(ids(&m)[0], "conf/2019/data-days-lyon");
    assert_eq!(m.selected_index(), 0);
    assert_eq!(m.mode, Mode::Normal);
}

#[test]
fn typing_narrows_results_and_keeps_selection_in_range() {
    let mut m = model();
    let mut counts = vec![m.rows().len()];
    for c in "zalando".chars() {
        run_sync(&mut m, Action::Type(c));
        assert_selection_valid(&m);
        counts.push(m.rows().len());
    }
    assert_eq!(m.mode, Mode::Normal);
    assert_eq!(m.query, "zalando");
    assert!(
        counts.windows(2).all(|w| w[1] <= w[0]),
        "each key narrows: {counts:?}"
    );
    assert_eq!(ids(&m), [ZALANDO]);
    assert_eq!(selected_id(&m).as_deref(), Some(ZALANDO));
}

#[test]
fn typing_after_selecting_the_last_row_keeps_selection_in_range() {
    let mut m = model();
    cmd(&mut m, Command::SelectLast);
    assert_eq!(m.selected_index(), 7);
    type_str(&mut m, "mar");
    assert_selection_valid(&m);
    assert!(m.rows().len() < 8);
    // Last row again (the query line keeps the cursor), then narrow further.
    cmd(&mut m, Command::SelectLast);
    type_str(&mut m, "at");
    assert_selection_valid(&m);
    assert_eq!(
        ids(&m),
        ["pgconf-russia-2016/fattakhov-boikov-oracle-migration"]
    );
}

#[test]
fn typing_something_that_matches_nothing_empties_the_list_safely() {
    let mut m = model();
    cmd(&mut m, Command::SelectLast);
    type_str(&mut m, "qxqxqz");
    assert!(m.rows().is_empty());
    assert_selection_valid(&m);
    // Moving, opening and links on an empty list do nothing harmful.
    for c in [
        Command::SelectNext,
        Command::SelectPrev,
        Command::SelectLast,
        Command::PageDown,
        Command::Confirm,
        Command::SelectFirst,
        Command::OpenLink,
        Command::NextRelated,
        Command::CycleSort,
    ] {
        let fx = cmd(&mut m, c);
        assert!(fx.is_empty(), "{c:?} on an empty list: {fx:?}");
        assert_selection_valid(&m);
    }
}

#[test]
fn backspace_widens_the_results_again() {
    let mut m = model();
    type_str(&mut m, "fotolog");
    let narrow = m.rows().len();
    assert_eq!(ids(&m), [OSCON]);
    run_sync(&mut m, Action::Command(Command::DeleteBack));
    assert_eq!(m.query, "fotolo");
    assert!(m.rows().len() >= narrow);
    for _ in 0..6 {
        run_sync(&mut m, Action::Command(Command::DeleteBack));
        assert_selection_valid(&m);
    }
    assert_eq!(m.query, "");
    assert_eq!(m.rows().len(), 8, "all talks again: {:?}", ids(&m));
    // The posts tab widened too.
    cmd(&mut m, Command::TabPosts);
    assert_eq!(m.rows().len(), 4);
}

#[test]
fn backspace_from_a_narrow_query_finds_what_the_wider_query_matches() {
    let mut m = model();
    type_str(&mut m, "replication");
    let wide: Vec<String> = ids(&m);
    type_str(&mut m, "x");
    run_sync(&mut m, Action::Command(Command::DeleteBack));
    assert_eq!(ids(&m), wide);
}

#[test]
fn esc_clears_the_query() {
    let mut m = model();
    type_str(&mut m, "dunklau");
    assert_eq!(m.rows().len(), 1);
    cmd(&mut m, Command::Back);
    assert_eq!(m.query, "");
    assert_eq!(m.mode, Mode::Normal);
    assert_eq!(m.rows().len(), 8);
    // Esc from the detail comes back to the list first, then clears the query.
    type_str(&mut m, "dunklau");
    cmd(&mut m, Command::Confirm);
    assert_eq!(m.focus, Focus::Detail);
    cmd(&mut m, Command::Back);
    assert_eq!(m.focus, Focus::List);
    assert_eq!(m.query, "dunklau");
    cmd(&mut m, Command::Back);
    assert_eq!(m.query, "");
    assert_eq!(m.rows().len(), 8);
}

// ---------------------------------------------------------------------------------------------
// Filters

/// Open the picker, narrow it by typing, move down to `value` of `kind`, choose it, close.
fn pick(m: &mut Model, kind: FacetKind, value: &str, typed: &str) {
    cmd(m, Command::FilterPicker);
    assert_eq!(m.mode, Mode::Picker);
    type_str(m, typed);
    let is_target = |m: &Model| {
        m.picker
            .visible
            .get(m.picker.selected)
            .map(|&i| &m.picker.all[i].facet)
            .is_some_and(|f| f.kind == kind && f.value == value)
    };
    let mut steps = 0;
    while !is_target(m) {
        cmd(m, Command::SelectNext);
        steps += 1;
        assert!(
            steps <= m.picker.visible.len(),
            "{kind:?} {value:?} not in picker: {:?}",
            m.picker
                .visible
                .iter()
                .map(|&i| &m.picker.all[i])
                .collect::<Vec<_>>()
        );
    }
    cmd(m, Command::Confirm);
    cmd(m, Command::Back);
    assert_eq!(m.mode, Mode::Normal);
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn picker_lists_facets_with_counts() {
    let mut m = model();
    cmd(&mut m, Command::FilterPicker);
    let count = |kind: FacetKind, value: &str| {
        m.picker
            .all
            .iter()
            .find(|fc| fc.facet.kind == kind && fc.facet.value == value)
            .map(|fc| fc.count)
    };
    assert_eq!(count(FacetKind::Year, "2016"), Some(3));
    assert_eq!(count(FacetKind::Year, "2013"), Some(2));
    assert_eq!(count(FacetKind::Conference, "PGConf.Russia 2016"), Some(3));
    assert_eq!(count(FacetKind::City, "Moscow"), Some(3));
    assert_eq!(count(FacetKind::Speaker, "Dimitri Fontaine"), Some(2));
    assert_eq!(count(FacetKind::Tag, "Oracle"), Some(1));
    assert_eq!(count(FacetKind::Category, "Conferences"), Some(5));
    // Typing narrows the picker.
    type_str(&mut m, "moscow");
    assert!(!m.picker.visible.is_empty());
    assert!(m.picker.visible.iter().all(|&i| {
        m.picker.all[i]
            .facet
            .value
            .to_lowercase()
            .contains("moscow")
    }));
}

#[test]
fn filters_combine() {
    let mut m = model();
    pick(&mut m, FacetKind::Year, "2016", "year");
    assert_eq!(m.rows().len(), 3);
    assert!(ids(&m).iter().all(|i| i.starts_with("pgconf-russia-2016/")));
    pick(&mut m, FacetKind::Tag, "Oracle", "oracle");
    assert_eq!(
        ids(&m),
        ["pgconf-russia-2016/fattakhov-boikov-oracle-migration"]
    );
    // A second tag is an alternative to the first; the year still applies.
    pick(&mut m, FacetKind::Tag, "FDW", "fdw");
    assert_eq!(
        sorted(ids(&m)),
        [
            "pgconf-russia-2016/dunklau-multicorn",
            "pgconf-russia-2016/fattakhov-boikov-oracle-migration"
        ]
    );
    assert_selection_valid(&m);
    assert_eq!(m.filters.len(), 3);
}

#[test]
fn filters_combine_with_the_query() {
    let mut m = model();
    pick(&mut m, FacetKind::Speaker, "Dimitri Fontaine", "dimitri");
    assert_eq!(sorted(ids(&m)), [OSCON, PDXPUG]);
    type_str(&mut m, "fotolog");
    assert_eq!(ids(&m), [OSCON]);
    cmd(&mut m, Command::Back);
    assert_eq!(sorted(ids(&m)), [OSCON, PDXPUG], "the filter stays");
}

#[test]
fn choosing_a_chosen_facet_again_removes_it() {
    let mut m = model();
    pick(&mut m, FacetKind::City, "Moscow", "moscow");
    assert_eq!(m.rows().len(), 3);
    pick(&mut m, FacetKind::City, "Moscow", "moscow");
    assert!(m.filters.is_empty());
    assert_eq!(m.rows().len(), 8);
}

#[test]
fn a_filter_that_excludes_everything_after_another_leaves_an_empty_valid_list() {
    let mut m = model();
    cmd(&mut m, Command::SelectLast);
    pick(&mut m, FacetKind::Year, "2013", "2013");
    assert_selection_valid(&m);
    pick(&mut m, FacetKind::Tag, "Oracle", "oracle");
    assert!(m.rows().is_empty());
    assert_selection_valid(&m);
}

#[test]
fn clear_filters_shows_everything_again() {
    let mut m = model();
    pick(&mut m, FacetKind::Year, "2016", "year");
    pick(&mut m, FacetKind::Tag, "Oracle", "oracle");
    assert_eq!(m.rows().len(), 1);
    cmd(&mut m, Command::ClearFilters);
    assert!(m.filters.is_empty());
    assert_eq!(m.rows().len(), 8);
    assert_selection_valid(&m);
}

#[test]
fn selection_stays_on_the_same_talk_when_a_filter_keeps_it() {
    let mut m = model();
    let pos = ids(&m).iter().position(|i| i == PDXPUG).unwrap();
    for _ in 0..pos {
        cmd(&mut m, Command::SelectNext);
    }
    assert_eq!(selected_id(&m).as_deref(), Some(PDXPUG));
    pick(&mut m, FacetKind::Year, "2013", "2013");
    assert_eq!(selected_id(&m).as_deref(), Some(PDXPUG));
}

// ---------------------------------------------------------------------------------------------
// Sorting

fn dates(m: &Model) -> Vec<Option<String>> {
    m.rows()
        .iter()
        .map(|&d| m.index.doc(d).date.map(|x| x.to_string()))
        .collect()
}

fn titles(m: &Model) -> Vec<String> {
    m.rows()
        .iter()
        .map(|&d| {
            let doc = &m.index.doc(d);
            match doc.kind {
                DocKind::Talk => m.archive.talks[doc.idx as usize].title.clone(),
                DocKind::Post => m.archive.posts[doc.idx as usize].title.clone(),
            }
        })
        .collect()
}

#[test]
fn sort_cycles_newest_oldest_title() {
    let mut m = model();
    assert_eq!(m.effective_sort(), Sort::Newest);
    let d = dates(&m);
    let mut newest = d.clone();
    newest.sort_by(|a, b| b.cmp(a));
    assert_eq!(d, newest);

    cmd(&mut m, Command::CycleSort);
    assert_eq!(m.effective_sort(), Sort::Oldest);
    let d = dates(&m);
    let mut oldest = d.clone();
    oldest.sort();
    assert_eq!(d, oldest);
    assert_eq!(ids(&m)[7], "conf/2019/data-days-lyon");

    cmd(&mut m, Command::CycleSort);
    assert_eq!(m.effective_sort(), Sort::Title);
    let t = titles(&m);
    let mut by_title = t.clone();
    by_title.sort_by_key(|s| s.to_lowercase());
    assert_eq!(t, by_title);
    assert_eq!(t[0], "Data Days Lyon 2019: Indexing Strategies in Practice");

    // No query: relevance means nothing, so the cycle skips it.
    cmd(&mut m, Command::CycleSort);
    assert_eq!(m.effective_sort(), Sort::Newest);
    assert_selection_valid(&m);
}

#[test]
fn a_query_sorts_by_relevance_and_the_cycle_includes_it() {
    let mut m = model();
    type_str(&mut m, "postgresql");
    cmd(&mut m, Command::Confirm);
    assert_eq!(m.effective_sort(), Sort::Relevance);
    let relevance = ids(&m);
    assert!(relevance.len() >= 3, "{relevance:?}");
    // Relevance order is the order of the search's hits.
    let hit_order: Vec<u32> = m
        .hits
        .iter()
        .map(|h| h.doc)
        .filter(|d| m.rows().contains(d))
        .collect();
    assert_eq!(m.rows(), hit_order.as_slice());

    let mut seen = vec![m.effective_sort()];
    for _ in 0..4 {
        cmd(&mut m, Command::CycleSort);
        seen.push(m.effective_sort());
        assert_selection_valid(&m);
        assert_eq!(
            sorted(ids(&m)),
            sorted(relevance.clone()),
            "sorting never changes what is shown"
        );
    }
    assert_eq!(
        seen,
        [
            Sort::Relevance,
            Sort::Newest,
            Sort::Oldest,
            Sort::Title,
            Sort::Relevance
        ]
    );
    assert_eq!(ids(&m), relevance);
}

#[test]
fn a_chosen_sort_survives_typing() {
    let mut m = model();
    cmd(&mut m, Command::CycleSort);
    cmd(&mut m, Command::CycleSort);
    assert_eq!(m.effective_sort(), Sort::Title);
    type_str(&mut m, "postgresql");
    assert_eq!(m.effective_sort(), Sort::Title);
    let t = titles(&m);
    let mut by_title = t.clone();
    by_title.sort_by_key(|s| s.to_lowercase());
    assert_eq!(t, by_title);
}

// ---------------------------------------------------------------------------------------------
// Tabs

#[test]
fn tab_switching_keeps_each_tabs_selection() {
    let mut m = model();
    cmd(&mut m, Command::SelectNext);
    cmd(&mut m, Command::SelectNext);
    let talk = selected_id(&m);
    assert_eq!(m.selected_index(), 2);

    cmd(&mut m, Command::TabPosts);
    assert_eq!(m.tab, Tab::Posts);
    assert_eq!(m.rows().len(), 4);
    assert_eq!(m.selected_index(), 0);
    assert!(m.selected_post().is_some());
    assert!(m.selected_talk().is_none());
    cmd(&mut m, Command::SelectNext);
    let post = selected_id(&m);

    cmd(&mut m, Command::NextTab);
    assert_eq!(m.tab, Tab::Talks);
    assert_eq!(selected_id(&m), talk);
    cmd(&mut m, Command::NextTab);
    assert_eq!(m.tab, Tab::Posts);
    assert_eq!(selected_id(&m), post);
    cmd(&mut m, Command::PrevTab);
    assert_eq!(m.tab, Tab::Talks);
    cmd(&mut m, Command::TabTalks);
    assert_eq!(m.tab, Tab::Talks);
    assert_eq!(selected_id(&m), talk);
    cmd(&mut m, Command::TabPosts);
    assert_eq!(selected_id(&m), post);
}

#[test]
fn a_query_narrows_both_tabs() {
    let mut m = model();
    type_str(&mut m, "fotolog");
    assert_eq!(ids(&m), [OSCON]);
    cmd(&mut m, Command::Confirm);
    cmd(&mut m, Command::TabPosts);
    assert_eq!(ids(&m), ["post/2013/07/Portland-Conferences"]);
}

#[test]
fn draft_posts_are_listed() {
    let mut m = model();
    cmd(&mut m, Command::TabPosts);
    assert!(ids(&m).contains(&"post/2014/03/unfinished-notes".to_string()));
}

// ---------------------------------------------------------------------------------------------
// Narrow layout and detail

#[test]
fn narrow_layout_confirm_opens_detail_and_back_closes_it() {
    let mut m = model();
    run_sync(&mut m, Action::Resize(80, 24));
    assert!(!m.is_wide());
    cmd(&mut m, Command::SelectNext);
    let before = selected_id(&m);
    cmd(&mut m, Command::Confirm);
    assert!(m.detail_open);
    assert_eq!(m.focus, Focus::Detail);
    // Up and down (the detail's scroll keys) scroll the detail, not the list.
    cmd(&mut m, Command::ScrollDown);
    assert_eq!(selected_id(&m), before);
    cmd(&mut m, Command::Back);
    assert!(!m.detail_open);
    assert_eq!(m.focus, Focus::List);
    assert_eq!(selected_id(&m), before);
    // Back again in the list does nothing surprising.
    cmd(&mut m, Command::Back);
    assert_eq!(selected_id(&m), before);
}

#[test]
fn widening_the_terminal_closes_the_full_screen_detail() {
    let mut m = model();
    run_sync(&mut m, Action::Resize(80, 24));
    cmd(&mut m, Command::Confirm);
    assert!(m.detail_open);
    run_sync(&mut m, Action::Resize(120, 40));
    assert!(m.is_wide());
    assert!(!m.detail_open);
}

#[test]
fn wide_layout_confirm_focuses_the_detail() {
    let mut m = model();
    cmd(&mut m, Command::Confirm);
    assert_eq!(m.focus, Focus::Detail);
    assert!(!m.detail_open);
    cmd(&mut m, Command::Back);
    assert_eq!(m.focus, Focus::List);
}

#[test]
fn typing_in_the_narrow_detail_goes_back_to_the_list_and_searches() {
    let mut m = model();
    run_sync(&mut m, Action::Resize(80, 24));
    cmd(&mut m, Command::Confirm);
    type_str(&mut m, "zal");
    assert!(!m.detail_open);
    assert_eq!(m.mode, Mode::Normal);
    assert_eq!(ids(&m), [ZALANDO]);
}

// ---------------------------------------------------------------------------------------------
// Links

/// A Hugo site with a talk with one link and a talk with three.
fn links_model() -> (tempfile::TempDir, Model) {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("content/conf/2020");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(
        conf.join("one-link.md"),
        "+++\ntitle = \"One link\"\ndate = 2020-01-02\nyoutube = \"abc123\"\n+++\n",
    )
    .unwrap();
    std::fs::write(
        conf.join("three-links.md"),
        "+++\ntitle = \"Three links\"\ndate = 2020-01-01\n\
         slides = [\"https://example.org/thumb.png;https://example.org/deck.pdf\"]\n\
         vimeo = \"42\"\n\
         conference = \"[Conf](https://conf.example.org/)\"\n+++\n",
    )
    .unwrap();
    let m = model_of(Sources {
        bundled: false,
        paths: vec![dir.path().to_path_buf()],
        follow_outside: false,
    });
    (dir, m)
}

#[test]
fn open_link_with_one_link_opens_it() {
    let (_dir, mut m) = links_model();
    assert_eq!(selected_id(&m).as_deref(), Some("conf/2020/one-link"));
    let fx = cmd(&mut m, Command::OpenLink);
    assert_eq!(
        fx,
        [Effect::Open(
            "https://www.youtube.com/watch?v=abc123".into()
        )]
    );
    assert_eq!(m.mode, Mode::Normal);
}

#[test]
fn open_link_with_several_links_asks_which_and_a_digit_opens_it() {
    let (_dir, mut m) = links_model();
    cmd(&mut m, Command::SelectNext);
    assert_eq!(selected_id(&m).as_deref(), Some("conf/2020/three-links"));
    assert_eq!(m.selected_links().len(), 3);
    let fx = cmd(&mut m, Command::OpenLink);
    assert!(fx.is_empty(), "{fx:?}");
    assert!(matches!(m.mode, Mode::LinkPrompt(_)), "{:?}", m.mode);
    let fx = run_sync(&mut m, Action::Digit(2));
    assert_eq!(fx, [Effect::Open(m.selected_links()[1].url.clone())]);
    assert_eq!(fx, [Effect::Open("https://vimeo.com/42".into())]);
    assert_eq!(m.mode, Mode::Normal);
}

/// A Hugo site with one talk whose front matter (TOML, without the fences) is `front`.
fn one_talk_model(front: &str) -> (tempfile::TempDir, Model) {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("content/conf/2020");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(conf.join("talk.md"), format!("+++\n{front}\n+++\n")).unwrap();
    let m = model_of(Sources {
        bundled: false,
        paths: vec![dir.path().to_path_buf()],
        follow_outside: false,
    });
    (dir, m)
}

#[test]
fn a_link_that_is_not_a_web_link_is_refused_with_its_reason() {
    let (_dir, mut m) =
        one_talk_model("title = \"Trap\"\ndate = 2020-01-02\nlinks = [\"javascript:alert(1)\"]");
    assert_eq!(m.selected_links().len(), 1, "{:?}", m.selected_links());
    let fx = cmd(&mut m, Command::OpenLink);
    assert!(fx.is_empty(), "nothing is handed to the opener: {fx:?}");
    let msg = m.message.clone().unwrap_or_default();
    assert!(msg.starts_with("not opened: "), "{msg}");
}

#[test]
fn copying_a_link_puts_exactly_one_clean_line_on_the_clipboard() {
    let (_dir, mut m) = one_talk_model(
        "title = \"Paste trap\"\ndate = 2020-01-02\nlinks = [\"https://x.org/a\\n; rm -rf ~\\u001b[2J\"]",
    );
    assert_eq!(m.selected_links().len(), 1, "{:?}", m.selected_links());
    let fx = cmd(&mut m, Command::CopyLink);
    assert_eq!(fx, [Effect::Copy("https://x.org/a ; rm -rf ~[2J".into())]);
}

#[test]
fn links_past_nine_are_chosen_with_two_digits_and_enter_ends_a_number() {
    let links: Vec<String> = (1..=13)
        .map(|i| format!("\"https://example.org/{i}\""))
        .collect();
    let (_dir, mut m) = one_talk_model(&format!(
        "title = \"Many links\"\ndate = 2020-01-02\nlinks = [{}]",
        links.join(", ")
    ));
    assert_eq!(m.selected_links().len(), 13);
    cmd(&mut m, Command::OpenLink);
    assert!(
        run_sync(&mut m, Action::Digit(1)).is_empty(),
        "1 may start 12"
    );
    let fx = run_sync(&mut m, Action::Digit(2));
    assert_eq!(fx, [Effect::Open("https://example.org/12".into())]);
    // "1" then Enter is the first; "2" among 13 can only be the second.
    cmd(&mut m, Command::OpenLink);
    run_sync(&mut m, Action::Digit(1));
    let fx = cmd(&mut m, Command::Confirm);
    assert_eq!(fx, [Effect::Open("https://example.org/1".into())]);
    cmd(&mut m, Command::OpenLink);
    let fx = run_sync(&mut m, Action::Digit(2));
    assert_eq!(fx, [Effect::Open("https://example.org/2".into())]);
    assert_eq!(m.mode, Mode::Normal);
}

#[test]
fn link_prompt_out_of_range_or_cancelled_opens_nothing() {
    let (_dir, mut m) = links_model();
    cmd(&mut m, Command::SelectNext);
    cmd(&mut m, Command::OpenLink);
    let fx = run_sync(&mut m, Action::Digit(7));
    assert!(fx.is_empty());
    assert!(m.message.is_some(), "says there is no link 7");
    cmd(&mut m, Command::OpenLink);
    let fx = cmd(&mut m, Command::Back);
    assert!(fx.is_empty());
    assert_eq!(m.mode, Mode::Normal);
    // A digit outside a prompt does nothing.
    assert!(run_sync(&mut m, Action::Digit(1)).is_empty());
}

#[test]
fn copy_link_returns_a_copy_effect() {
    let (_dir, mut m) = links_model();
    let fx = cmd(&mut m, Command::CopyLink);
    assert_eq!(
        fx,
        [Effect::Copy(
            "https://www.youtube.com/watch?v=abc123".into()
        )]
    );
}

#[test]
fn open_link_on_a_talk_without_links_says_so() {
    let mut m = model();
    type_str(&mut m, "@dunklau");
    cmd(&mut m, Command::Confirm);
    assert!(m.selected_links().is_empty());
    let fx = cmd(&mut m, Command::OpenLink);
    assert!(fx.is_empty());
    assert_eq!(m.mode, Mode::Normal);
    assert!(m.message.is_some());
}

// ---------------------------------------------------------------------------------------------
// Other talks by the same speaker

fn select(m: &mut Model, id: &str) {
    cmd(m, Command::SelectFirst);
    for _ in 0..m.rows().len() {
        if selected_id(m).as_deref() == Some(id) {
            return;
        }
        cmd(m, Command::SelectNext);
    }
    panic!("{id} not in {:?}", ids(m));
}

#[test]
fn next_related_then_confirm_jumps_to_another_talk_by_the_speaker() {
    let mut m = model();
    select(&mut m, OSCON);
    cmd(&mut m, Command::NextRelated);
    assert_eq!(m.related_cursor, Some(0));
    cmd(&mut m, Command::Confirm);
    assert_eq!(selected_id(&m).as_deref(), Some(PDXPUG));
    assert_eq!(m.tab, Tab::Talks);
    // And back.
    cmd(&mut m, Command::NextRelated);
    cmd(&mut m, Command::Confirm);
    assert_eq!(selected_id(&m).as_deref(), Some(OSCON));
}

#[test]
fn jumping_to_a_related_talk_hidden_by_the_query_shows_it() {
    let mut m = model();
    type_str(&mut m, "fotolog");
    cmd(&mut m, Command::Confirm);
    assert_eq!(ids(&m), [OSCON]);
    cmd(&mut m, Command::NextRelated);
    cmd(&mut m, Command::Confirm);
    assert_eq!(selected_id(&m).as_deref(), Some(PDXPUG));
    assert_selection_valid(&m);
}

#[test]
fn next_related_in_the_narrow_layout_opens_the_detail() {
    let mut m = model();
    run_sync(&mut m, Action::Resize(80, 24));
    select(&mut m, PDXPUG);
    cmd(&mut m, Command::NextRelated);
    assert!(m.detail_open);
    cmd(&mut m, Command::Confirm);
    assert_eq!(selected_id(&m).as_deref(), Some(OSCON));
}

#[test]
fn next_related_without_other_talks_says_so() {
    let mut m = model();
    select(&mut m, ZALANDO);
    cmd(&mut m, Command::NextRelated);
    assert_eq!(m.related_cursor, None);
    assert!(m.message.is_some());
    // Confirm then just opens the detail, nothing jumps.
    cmd(&mut m, Command::Confirm);
    assert_eq!(selected_id(&m).as_deref(), Some(ZALANDO));
}

// ---------------------------------------------------------------------------------------------
// Help and quit

#[test]
fn help_opens_and_any_key_closes_it_without_acting() {
    let mut m = model();
    cmd(&mut m, Command::Help);
    assert_eq!(m.mode, Mode::Help);
    let fx = cmd(&mut m, Command::CycleSort);
    assert!(fx.is_empty());
    assert_eq!(m.mode, Mode::Normal);
    assert_eq!(m.message, None, "the key closed help and did nothing else");
    cmd(&mut m, Command::Help);
    assert_eq!(
        cmd(&mut m, Command::Quit),
        [Effect::Quit],
        "Ctrl-C quits from help"
    );
}

#[test]
fn selection_moves_are_clamped() {
    let mut m = model();
    cmd(&mut m, Command::SelectPrev);
    assert_eq!(m.selected_index(), 0);
    for _ in 0..20 {
        cmd(&mut m, Command::SelectNext);
    }
    assert_eq!(m.selected_index(), 7);
    cmd(&mut m, Command::PageDown);
    assert_eq!(m.selected_index(), 7);
    cmd(&mut m, Command::PageUp);
    cmd(&mut m, Command::PageUp);
    assert_selection_valid(&m);
    cmd(&mut m, Command::SelectFirst);
    assert_eq!(m.selected_index(), 0);
}

#[test]
fn a_reload_that_removes_talks_keeps_query_selection_and_valid_rows() {
    let mut m = model();
    type_str(&mut m, "postgresql");
    let before = ids(&m);
    assert!(before.len() >= 2, "{before:?}");
    // Select the last row, then reload an archive without some of the talks.
    cmd(&mut m, Command::SelectLast);
    let kept = selected_id(&m);
    let mut smaller = load(&Sources {
        bundled: true,
        paths: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hugo-blog")],
        follow_outside: false,
    });
    smaller
        .talks
        .to_mut()
        .retain(|t| Some(&t.id) == kept.as_ref() || !before.contains(&t.id));
    let smaller = Arc::new(smaller);
    let index = Arc::new(Index::build(&smaller));
    let connections = Arc::new(talks::connections::Connections::build(
        &smaller,
        &Default::default(),
    ));
    run_sync(
        &mut m,
        Action::Reloaded(talks::app::Reload {
            archive: smaller,
            index,
            connections,
        }),
    );
    assert_selection_valid(&m);
    assert_eq!(m.query, "postgresql", "the query is kept");
    assert_eq!(selected_id(&m), kept, "the selected talk is still selected");
    assert_eq!(
        ids(&m).len(),
        1,
        "only the kept talk matches now: {:?}",
        ids(&m)
    );
}

#[test]
fn clearing_the_query_keeps_the_selected_talk() {
    let mut m = model();
    type_str(&mut m, "marat");
    let chosen = selected_id(&m);
    assert!(
        chosen.as_deref().is_some_and(|id| id.contains("fattakhov")),
        "{chosen:?}"
    );
    cmd(&mut m, Command::Back);
    assert!(m.query.is_empty());
    assert_eq!(
        selected_id(&m),
        chosen,
        "Esc clears the search, not your place"
    );
}

// ---------------------------------------------------------------------------------------------
// The user's marks, views, resume and export (issue 8 item 5)

fn message(m: &Model) -> &str {
    m.message.as_deref().unwrap_or("")
}

#[test]
fn star_toggles_saves_and_says_so() {
    let mut m = model();
    let id = selected_id(&m).unwrap();
    assert_eq!(cmd(&mut m, Command::ToggleStar), [Effect::SaveState]);
    assert_eq!(message(&m), "starred ★");
    assert!(m.marks(&id).starred);
    assert_eq!(cmd(&mut m, Command::ToggleStar), [Effect::SaveState]);
    assert_eq!(message(&m), "star removed");
    assert!(!m.marks(&id).starred);
}

#[test]
fn watch_later_queues_in_order_and_counts() {
    let mut m = model();
    let first = selected_id(&m).unwrap();
    cmd(&mut m, Command::ToggleWatchLater);
    assert_eq!(message(&m), "queued to watch later (1 in the queue)");
    cmd(&mut m, Command::SelectNext);
    let second = selected_id(&m).unwrap();
    assert_eq!(cmd(&mut m, Command::ToggleWatchLater), [Effect::SaveState]);
    assert_eq!(message(&m), "queued to watch later (2 in the queue)");
    assert_eq!(m.watch_later, vec![first.clone(), second]);
    cmd(&mut m, Command::SelectPrev);
    cmd(&mut m, Command::ToggleWatchLater);
    assert_eq!(message(&m), "removed from watch later");
    assert!(!m.marks(&first).queued);
}

#[test]
fn seen_toggles_and_says_so() {
    let mut m = model();
    let id = selected_id(&m).unwrap();
    cmd(&mut m, Command::ToggleSeen);
    assert_eq!(message(&m), "marked seen ✓");
    assert!(m.marks(&id).seen);
    cmd(&mut m, Command::ToggleSeen);
    assert_eq!(message(&m), "marked not seen");
    assert!(!m.marks(&id).seen);
}

#[test]
fn views_cycle_through_starred_watch_later_and_not_seen() {
    let mut m = model();
    let all = ids(&m);
    let starred = selected_id(&m).unwrap();
    cmd(&mut m, Command::ToggleStar);
    cmd(&mut m, Command::SelectNext);
    let queued = selected_id(&m).unwrap();
    cmd(&mut m, Command::ToggleWatchLater);
    cmd(&mut m, Command::ToggleSeen);
    cmd(&mut m, Command::CycleView);
    assert_eq!(message(&m), "showing starred");
    assert_eq!(ids(&m), vec![starred.clone()]);
    cmd(&mut m, Command::CycleView);
    assert_eq!(message(&m), "showing watch later");
    assert_eq!(ids(&m), vec![queued.clone()]);
    cmd(&mut m, Command::CycleView);
    assert_eq!(message(&m), "showing not seen");
    assert_eq!(ids(&m).len(), all.len() - 1);
    assert!(!ids(&m).contains(&queued), "the seen talk is hidden");
    cmd(&mut m, Command::CycleView);
    assert_eq!(message(&m), "showing all");
    assert_eq!(ids(&m), all);
}

#[test]
fn marks_loaded_at_start_show_in_the_views() {
    let mut m = model();
    run_sync(
        &mut m,
        Action::Marks(talks::app::SavedMarks {
            stars: [OSCON.to_string(), "gone/from-the-archive".to_string()].into(),
            seen: Default::default(),
            watch_later: vec![PDXPUG.into()],
        }),
    );
    assert!(m.marks(OSCON).starred);
    cmd(&mut m, Command::CycleView);
    assert_eq!(
        ids(&m),
        vec![OSCON.to_string()],
        "unknown ids are kept, not shown"
    );
}

#[test]
fn resume_restores_tab_query_filters_view_and_selection() {
    let mut m = model();
    run_sync(
        &mut m,
        Action::Resume(talks::app::Resume {
            tab: Tab::Talks,
            query: "postgresql".into(),
            filters: vec![talks::app::Facet {
                kind: FacetKind::Year,
                value: "2013".into(),
            }],
            selected: Some(PDXPUG.into()),
            view: talks::app::View::All,
            sort: Sort::Oldest,
        }),
    );
    assert_eq!(m.query, "postgresql");
    assert_eq!(m.filters.len(), 1);
    assert_eq!(selected_id(&m).as_deref(), Some(PDXPUG));
    assert!(
        ids(&m).iter().all(|id| id.contains("2013")),
        "{:?}",
        ids(&m)
    );
}

#[test]
fn export_asks_for_the_list_in_view_and_reports_the_result() {
    use talks::app::{Exported, View};
    let mut m = model();
    assert_eq!(
        cmd(&mut m, Command::Export),
        [Effect::Export(View::Starred)]
    );
    run_sync(&mut m, Action::Exported(Exported::Empty(View::Starred)));
    assert_eq!(message(&m), "nothing to export: the starred list is empty");
    run_sync(
        &mut m,
        Action::Exported(Exported::NoEntries(View::WatchLater)),
    );
    assert_eq!(
        message(&m),
        "nothing exported: no talk in the watch later list has a video link (or is loaded)"
    );
    cmd(&mut m, Command::ToggleWatchLater);
    cmd(&mut m, Command::CycleView);
    cmd(&mut m, Command::CycleView);
    assert_eq!(m.view, View::WatchLater);
    assert_eq!(
        cmd(&mut m, Command::Export),
        [Effect::Export(View::WatchLater)]
    );
    run_sync(
        &mut m,
        Action::Exported(Exported::Written(
            View::WatchLater,
            "/data/watch-later.m3u".into(),
        )),
    );
    assert_eq!(message(&m), "exported watch later to /data/watch-later.m3u");
    run_sync(
        &mut m,
        Action::Exported(Exported::Failed(
            "/ro/starred.md".into(),
            "Read-only file system".into(),
        )),
    );
    assert_eq!(
        message(&m),
        "could not write /ro/starred.md: Read-only file system"
    );
}

#[test]
fn arrows_move_the_choice_among_other_talks_by_the_speaker_and_esc_leaves_it() {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/speaker-site");
    // This site carries one deliberate warning (a repeated key), so not through model_of.
    let archive = load(&Sources {
        bundled: false,
        paths: vec![site],
        follow_outside: false,
    });
    let index = Index::build(&archive);
    let mut m = Model::new(Arc::new(archive), Arc::new(index));
    select(&mut m, "talks/2022/lighthouse");
    cmd(&mut m, Command::NextRelated);
    let n = m.related().len();
    assert!(n >= 2, "Quentin Marlowe gave {n} other talks");
    assert_eq!(m.related_cursor, Some(0));
    cmd(&mut m, Command::SelectNext);
    assert_eq!(m.related_cursor, Some(1));
    assert_eq!(
        m.message.as_deref(),
        Some(format!("other talk 2/{n} by these speakers · ↑↓ Enter go").as_str())
    );
    for _ in 0..n + 2 {
        cmd(&mut m, Command::SelectNext);
    }
    assert_eq!(m.related_cursor, Some(n - 1), "stops at the last");
    cmd(&mut m, Command::SelectPrev);
    assert_eq!(m.related_cursor, Some(n - 2));
    cmd(&mut m, Command::Back);
    assert_eq!(m.related_cursor, None, "Esc leaves the choice");
    assert_eq!(selected_id(&m).as_deref(), Some("talks/2022/lighthouse"));
    // ↓ then Enter goes to the second of them.
    cmd(&mut m, Command::NextRelated);
    cmd(&mut m, Command::SelectNext);
    let second = m.archive.talks[m.related()[1] as usize].id.clone();
    cmd(&mut m, Command::Confirm);
    assert_eq!(selected_id(&m), Some(second));
}

#[test]
fn similar_asks_the_loop_to_build_its_index_once_and_drops_one_for_a_replaced_archive() {
    let mut m = model();
    let fx = update(&mut m, Action::Command(Command::Similar));
    assert!(m.show_similar && m.similar_pending);
    let [Effect::BuildSimilar(req)] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert!(Arc::ptr_eq(&req.archive, &m.archive));
    // Asked again while building: no second build.
    update(&mut m, Action::Command(Command::Similar));
    assert!(update(&mut m, Action::Command(Command::Similar)).is_empty());
    // A reload arrives before the index: the old one is dropped, a new one is asked for.
    let old = m.archive.clone();
    let fresh = Arc::new((*old).clone());
    let index = Arc::new(Index::build(&fresh));
    let connections = Arc::new(talks::connections::Connections::build(
        &fresh,
        &Default::default(),
    ));
    let fx = update(
        &mut m,
        Action::Reloaded(talks::app::Reload {
            archive: fresh.clone(),
            index,
            connections,
        }),
    );
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::BuildSimilar(r) if Arc::ptr_eq(&r.archive, &fresh))),
        "{fx:?}"
    );
    let stale = Arc::new(talks::connections::Similar::build(&old.talks.all()));
    update(
        &mut m,
        Action::SimilarBuilt(talks::app::SimilarBuilt {
            archive: old,
            similar: stale,
        }),
    );
    assert!(
        m.similar.is_none() && m.similar_pending,
        "built for the old archive"
    );
    let similar = Arc::new(talks::connections::Similar::build(&fresh.talks.all()));
    update(
        &mut m,
        Action::SimilarBuilt(talks::app::SimilarBuilt {
            archive: fresh,
            similar,
        }),
    );
    assert!(m.similar.is_some() && !m.similar_pending);
}

#[test]
fn other_talks_by_joins_the_spellings_of_one_person() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("two.toml"),
        "[conference]\nname = \"C\"\ndate = 2020-01-01\n\n\
         [[talk]]\nid = \"ru\"\ntitle = \"Индексы\"\nspeakers = [{ name = \"Олег Бартунов\" }]\n\n\
         [[talk]]\nid = \"en\"\ntitle = \"Indexes\"\ndate = 2021-01-01\nspeakers = [{ name = \"Oleg Bartunov\" }]\n",
    )
    .unwrap();
    let mut m = model_of(Sources {
        bundled: false,
        paths: vec![dir.path().to_path_buf()],
        follow_outside: false,
    });
    select(&mut m, "two/en");
    let related: Vec<&str> = m
        .related()
        .iter()
        .map(|&i| m.archive.talks[i as usize].id.as_str())
        .collect();
    assert_eq!(related, ["two/ru"]);
}

#[test]
fn a_link_to_another_item_of_the_archive_opens_it_here_with_the_way_back() {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/connections");
    let mut m = model_of(Sources {
        bundled: false,
        paths: vec![site],
        follow_outside: false,
    });
    cmd(&mut m, Command::NextTab);
    select(&mut m, "post/2016/09/autumn-trip");
    let n = m
        .selected_links()
        .iter()
        .position(|l| l.url.contains("14-harbour-notes"))
        .expect("the post links to the harbour notes")
        + 1;
    cmd(&mut m, Command::OpenLink);
    let fx = if m.selected_links().len() > 1 {
        run_sync(&mut m, Action::Digit(n as u8))
    } else {
        Vec::new()
    };
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::Open(_))),
        "not handed to the browser: {fx:?}"
    );
    assert_eq!(
        selected_id(&m).as_deref(),
        Some("post/2015/06/harbour-notes")
    );
    assert_eq!(
        m.message.as_deref(),
        Some("opened the post it links to, here · Ctrl-O goes back")
    );
    cmd(&mut m, Command::GoBack);
    assert_eq!(selected_id(&m).as_deref(), Some("post/2016/09/autumn-trip"));
}

#[test]
fn collapsing_runs_shows_one_row_for_a_talk_given_three_times() {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/connections");
    let mut m = model_of(Sources {
        bundled: false,
        paths: vec![site],
        follow_outside: false,
    });
    let all = m.shown[0].len();
    let settings = |collapse_runs| {
        Action::Settings(talks::app::Settings {
            date_format: None,
            mark_seen_on_open: false,
            collapse_runs,
        })
    };
    run_sync(&mut m, settings(true));
    assert_eq!(m.shown[0].len(), all - 2, "three runs became one row");
    let shown_runs: usize = m.shown[0]
        .iter()
        .map(|&d| m.hidden_runs(m.index.doc(d).idx))
        .sum();
    assert_eq!(shown_runs, 2, "the row says +2 runs");
    run_sync(&mut m, settings(false));
    assert_eq!(m.shown[0].len(), all);
}

/// The TUI shows a loaded archive before its connections are built: the list is whole at
/// once, and collapsed runs fold when the connections arrive. Connections of an archive that
/// was replaced meanwhile are dropped.
#[test]
fn connections_arriving_after_the_list_fold_runs_then_and_stale_ones_are_dropped() {
    use talks::app::{ConnectionsBuilt, Reload};
    use talks::connections::{Aliases, Connections};
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/connections");
    let sources = Sources {
        bundled: false,
        paths: vec![site],
        follow_outside: false,
    };
    let mut m = model();
    run_sync(
        &mut m,
        Action::Settings(talks::app::Settings {
            date_format: None,
            mark_seen_on_open: false,
            collapse_runs: true,
        }),
    );
    let archive = Arc::new(load(&sources));
    let none = Arc::new(Connections::build(&Default::default(), &Aliases::default()));
    run_sync(
        &mut m,
        Action::Reloaded(Reload {
            archive: archive.clone(),
            index: Arc::new(Index::build(&archive)),
            connections: none,
        }),
    );
    let all = archive.talks.len();
    assert_eq!(
        m.shown[0].len(),
        all,
        "every talk listed before connections"
    );
    let built = Arc::new(Connections::build(&archive, &Aliases::default()));
    // Built for another archive: ignored.
    let other = Arc::new(load(&sources));
    run_sync(
        &mut m,
        Action::ConnectionsBuilt(ConnectionsBuilt {
            archive: other,
            connections: built.clone(),
        }),
    );
    assert_eq!(m.shown[0].len(), all);
    run_sync(
        &mut m,
        Action::ConnectionsBuilt(ConnectionsBuilt {
            archive,
            connections: built,
        }),
    );
    assert_eq!(m.shown[0].len(), all - 2, "three runs became one row");
}

/// A long search shows its best results so far: they are on screen at once, the search still
/// counts as running, the row the user moves to stays chosen when more results arrive, and
/// partial results are never the base for narrowing the next query.
#[test]
fn partial_results_show_and_the_final_ones_keep_the_chosen_row() {
    use talks::search::Hit;
    let mut m = model();
    // Ask for a search and keep its effect instead of running it.
    let fx = update(&mut m, Action::Type('o'));
    let Some(Effect::Search(req)) = fx.into_iter().find(|e| matches!(e, Effect::Search(_))) else {
        panic!("typing searches");
    };
    let talks = (0..m.archive.talks.len() as u32).collect::<Vec<u32>>();
    let hit = |doc: u32, score| Hit { doc, score };
    update(
        &mut m,
        Action::SearchDone {
            generation: req.generation,
            hits: vec![hit(talks[2], 50), hit(talks[0], 40)],
            complete: false,
        },
    );
    assert!(m.searching, "still running");
    assert_eq!(m.rows().len(), 2, "the best so far are shown");
    assert!(
        m.hits_query.is_empty(),
        "partial results are no base for narrowing"
    );
    // The user moves to the second row while the search goes on.
    cmd(&mut m, Command::SelectNext);
    let chosen = selected_id(&m);
    update(
        &mut m,
        Action::SearchDone {
            generation: req.generation,
            hits: vec![hit(talks[3], 60), hit(talks[2], 50), hit(talks[0], 40)],
            complete: true,
        },
    );
    assert!(!m.searching);
    assert_eq!(m.rows().len(), 3);
    assert_eq!(selected_id(&m), chosen, "the chosen row stays chosen");
    assert_eq!(
        m.hits_query, m.parsed,
        "finished results are a base for narrowing"
    );
}

/// With no query, a loaded archive is listed in the same update, newest first, without asking
/// the search worker: the full list is on the first frame after the load.
#[test]
fn a_reload_with_no_query_lists_everything_at_once() {
    use talks::app::Reload;
    let mut m = model();
    let archive = Arc::new(load(&Sources {
        bundled: true,
        paths: vec![],
        follow_outside: false,
    }));
    let index = Arc::new(Index::build(&archive));
    let fx = update(
        &mut m,
        Action::Reloaded(Reload {
            archive: archive.clone(),
            index,
            connections: Arc::new(talks::connections::Connections::build(
                &archive,
                &Default::default(),
            )),
        }),
    );
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::Search(_))),
        "no search asked for: {fx:?}"
    );
    assert!(!m.searching);
    assert_eq!(m.shown[0].len(), archive.talks.len());
    let dates: Vec<_> = m.shown[0].iter().map(|&d| m.index.doc(d).date).collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    // With a query, the worker is asked.
    type_str(&mut m, "pg");
    let fx = update(
        &mut m,
        Action::Reloaded(Reload {
            archive: archive.clone(),
            index: Arc::new(Index::build(&archive)),
            connections: Arc::new(talks::connections::Connections::build(
                &archive,
                &Default::default(),
            )),
        }),
    );
    assert!(fx.iter().any(|e| matches!(e, Effect::Search(_))), "{fx:?}");
}

/// The model on a snapshot's lazy archive, as the TUI starts: the Hugo fixture and the bundled
/// archive, loaded once to write the snapshot, then opened lazily.
fn lazy_model(cache: &Path) -> Model {
    let sources = Sources {
        bundled: true,
        paths: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hugo-blog")],
        follow_outside: false,
    };
    let sections = Default::default();
    let first = talks::session::start_lazy(&sources, &sections, Some(cache));
    let index = Index::build(&first.archive);
    talks::store::write(first.pending.expect("a fresh load"), &first.archive, &index).unwrap();
    let second = talks::session::start_lazy(&sources, &sections, Some(cache));
    assert!(
        second.archive.talks.is_lazy(),
        "the second start reads the snapshot"
    );
    Model::new(Arc::new(second.archive), Arc::new(second.index.unwrap()))
}

/// Ids of the rows, read without decoding anything.
fn row_ids(m: &Model) -> Vec<String> {
    m.rows()
        .iter()
        .map(|&d| m.id_of(&m.index.doc(d)).to_string())
        .collect()
}

#[test]
fn filters_and_the_picker_on_a_snapshot_match_a_full_load_and_keep_nothing_decoded() {
    let cache = tempfile::tempdir().unwrap();
    let mut lazy = lazy_model(cache.path());
    let mut full = model();
    assert_eq!(row_ids(&lazy), row_ids(&full));
    for m in [&mut lazy, &mut full] {
        pick(m, FacetKind::Year, "2016", "year");
        pick(m, FacetKind::Tag, "Oracle", "oracle");
        cmd(m, Command::FilterPicker);
    }
    assert_eq!(
        row_ids(&lazy),
        ["pgconf-russia-2016/fattakhov-boikov-oracle-migration"]
    );
    assert_eq!(row_ids(&lazy), row_ids(&full));
    let counts = |m: &Model| {
        let mut c: Vec<(String, usize)> = m
            .picker
            .all
            .iter()
            .map(|fc| (format!("{:?} {}", fc.facet.kind, fc.facet.value), fc.count))
            .collect();
        c.sort();
        c
    };
    assert!(!counts(&lazy).is_empty());
    assert_eq!(counts(&lazy), counts(&full));
    let read = format!("{:?}", lazy.archive.talks);
    assert!(
        read.starts_with("Items(0 read of "),
        "filters and facet counts keep no talk decoded: {read}"
    );
}
