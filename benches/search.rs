//! Search benches over synthetic archives of 10,000 and 100,000 talks (generated, written as
//! native TOML and loaded once per process): a full search for a few queries, and typing
//! "logical replication" one character at a time the way the TUI does, where each keystroke
//! that narrows the previous query searches only the previous hits.
//!
//!     cargo bench --bench search -- --sample-count 20
//!
//! Before divan runs, a custom measurement prints each keystroke's median and worst time over
//! several repetitions (divan only reports whole benchmarks). Set TALKS_BENCH_TYPING_ONLY=1 to
//! print just that table, or TALKS_BENCH_QUERIES="lo;title:lo" to time just those queries.
//!
//! Targets (issue 4): per keystroke within 16 ms at 10,000 talks; at 100,000, median under
//! 50 ms and worst under 100 ms.

#[path = "gen/mod.rs"]
mod synth;

use std::sync::OnceLock;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use divan::{Bencher, black_box};
use talks::archive::load::{Sources, load};
use talks::search::query::{Query, parse_query};
use talks::search::{Hit, Index, Matcher};

const TYPED: &str = "logical replication";
const QUERIES: &[&str] = &[
    "marat",
    "марат",
    "logical replication",
    "@jelinek year:2015..2020",
    "postgres !mysql",
];

/// The index of a generated archive of `talks` talks, loaded through the real loader.
fn index(talks: usize) -> &'static Index {
    static SMALL: OnceLock<Index> = OnceLock::new();
    static LARGE: OnceLock<Index> = OnceLock::new();
    let cell = if talks <= 10_000 { &SMALL } else { &LARGE };
    cell.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("talks-bench-")
            .tempdir()
            .expect("temp dir");
        synth::write_native(&synth::generate(talks, synth::SEED), dir.path())
            .expect("write archive");
        let archive = load(&Sources {
            bundled: false,
            paths: vec![dir.path().to_path_buf()],
            follow_outside: false,
        });
        assert_eq!(
            archive.talks.len(),
            talks,
            "{:?}",
            archive.diagnostics.first()
        );
        Index::build(&archive)
    })
}

fn search(index: &Index, q: &Query, within: Option<&[u32]>) -> Vec<Hit> {
    Matcher::new()
        .search(index, q, within, &AtomicBool::new(false))
        .expect("not cancelled")
}

/// One keystroke as the TUI handles it (app::update::query_changed, then the search worker).
struct Keystroke {
    text: &'static str,
    /// False when the parsed query did not change ("logical" → "logical "): no search runs.
    searched: bool,
    narrowed: bool,
    hits: usize,
    took: Duration,
}

/// How a keystroke that narrows the query reuses the previous hits.
#[derive(Clone, Copy, PartialEq)]
enum Reuse {
    /// As the TUI does today: the previous hits' ids, best first, as `within`.
    HitOrder,
    /// The same ids sorted by position in the index, so the scan walks memory in order.
    IndexOrder,
    /// No `within`: every keystroke searches the whole index.
    Nothing,
}

/// Types `TYPED` once, reusing previous hits as `reuse` says.
fn type_query(index: &Index, matcher: &Matcher, reuse: Reuse) -> Vec<Keystroke> {
    let cancel = AtomicBool::new(false);
    let mut shown = Query::default();
    let mut hits: Vec<Hit> = Vec::new();
    let mut out = Vec::new();
    for text in synth::prefixes(TYPED) {
        let start = Instant::now();
        let (q, _) = parse_query(text);
        if q == shown {
            out.push(Keystroke {
                text,
                searched: false,
                narrowed: false,
                hits: hits.len(),
                took: start.elapsed(),
            });
            continue;
        }
        let narrowed = reuse != Reuse::Nothing && !shown.is_empty() && q.narrows(&shown);
        // The TUI copies the previous hits' ids into the request on the UI thread; so do we.
        let within = narrowed.then(|| {
            let mut ids = hits.iter().map(|h| h.doc).collect::<Vec<u32>>();
            if reuse == Reuse::IndexOrder {
                ids.sort_unstable();
            }
            ids
        });
        hits = matcher
            .search(index, &q, within.as_deref(), &cancel)
            .expect("not cancelled");
        out.push(Keystroke {
            text,
            searched: true,
            narrowed,
            hits: hits.len(),
            took: start.elapsed(),
        });
        shown = q;
    }
    out
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Per-keystroke median and worst over `reps` typings the TUI's way; the other ways of reusing
/// hits are interleaved with it, so a neighbour's build slows all columns alike.
fn typing_report(talks: usize, reps: usize) {
    let index = index(talks);
    let matcher = Matcher::new();
    type_query(index, &matcher, Reuse::HitOrder); // warm up caches and rayon's pool
    let mut tui = Vec::new();
    let mut sorted = Vec::new();
    let mut full = Vec::new();
    for _ in 0..reps {
        tui.push(type_query(index, &matcher, Reuse::HitOrder));
        sorted.push(type_query(index, &matcher, Reuse::IndexOrder));
        full.push(type_query(index, &matcher, Reuse::Nothing));
    }
    println!("\ntyping {TYPED:?} over {talks} talks, {reps} repetitions (times in ms):");
    println!(
        "  {:<22} {:>6} {:>9} {:>8} {:>8} {:>14} {:>10}",
        "query", "hits", "narrowed", "median", "worst", "ids sorted", "no within"
    );
    let mut all = Vec::new();
    let mut all_sorted = Vec::new();
    let column = |runs: &[Vec<Keystroke>], k: usize| -> Vec<Duration> {
        runs.iter().map(|r| r[k].took).collect()
    };
    for (k, first) in tui[0].iter().enumerate() {
        let mut times = column(&tui, k);
        let mut sorted_times = column(&sorted, k);
        let mut full_times = column(&full, k);
        if first.searched {
            all.extend(times.iter().copied());
            all_sorted.extend(sorted_times.iter().copied());
        }
        let worst = *times.iter().max().expect("reps > 0");
        let other = |t: &mut [Duration]| {
            if first.searched {
                format!("{:.2}", ms(median(t)))
            } else {
                "-".into()
            }
        };
        println!(
            "  {:<22} {:>6} {:>9} {:>8.2} {:>8.2} {:>14} {:>10}",
            format!("{:?}", first.text),
            first.hits,
            if !first.searched {
                "no search"
            } else if first.narrowed {
                "yes"
            } else {
                "no"
            },
            ms(median(&mut times)),
            ms(worst),
            other(&mut sorted_times),
            other(&mut full_times),
        );
    }
    let worst = *all.iter().max().expect("some keystrokes searched");
    let worst_sorted = *all_sorted.iter().max().expect("some keystrokes searched");
    println!(
        "  per keystroke, {} searches, `within` in score order: median {:.2} ms, worst {:.2} ms",
        all.len(),
        ms(median(&mut all)),
        ms(worst)
    );
    println!(
        "  per keystroke, `within` sorted by index (the TUI):  median {:.2} ms, worst {:.2} ms",
        ms(median(&mut all_sorted)),
        ms(worst_sorted)
    );
}

/// `TALKS_BENCH_QUERIES="lo;title:lo"`: median and worst of a full search for each query at
/// 10,000 and 100,000 talks, for finding out where time goes without a profiler.
fn adhoc_queries(list: &str) {
    println!("\nad-hoc full searches (median / worst of 10, ms):");
    for q in list.split(';').filter(|q| !q.is_empty()) {
        let (parsed, _) = parse_query(q);
        let mut cells = Vec::new();
        for talks in [10_000, 100_000] {
            let index = index(talks);
            let hits = search(index, &parsed, None).len();
            let mut times: Vec<Duration> = (0..10)
                .map(|_| {
                    let start = Instant::now();
                    black_box(search(index, &parsed, None));
                    start.elapsed()
                })
                .collect();
            let worst = *times.iter().max().expect("10 runs");
            cells.push(format!(
                "{hits:>6} hits {:>7.2} / {:>7.2}",
                ms(median(&mut times)),
                ms(worst)
            ));
        }
        println!("  {:<28} {}", format!("{q:?}"), cells.join("   "));
    }
}

fn main() {
    if let Ok(list) = std::env::var("TALKS_BENCH_QUERIES") {
        adhoc_queries(&list);
        return;
    }
    let listing = std::env::args().any(|a| a == "--list" || a == "--test");
    if !listing {
        let reps = |n: usize| {
            std::env::var("TALKS_BENCH_TYPING_REPS")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(n)
        };
        typing_report(10_000, reps(20));
        typing_report(100_000, reps(10));
        println!("\nhits per query (10k / 100k talks):");
        for q in QUERIES {
            let (parsed, _) = parse_query(q);
            println!(
                "  {:<28} {:>6} / {:>6}",
                format!("{q:?}"),
                search(index(10_000), &parsed, None).len(),
                search(index(100_000), &parsed, None).len()
            );
        }
        println!();
    }
    if std::env::var_os("TALKS_BENCH_TYPING_ONLY").is_some() {
        return;
    }
    divan::main();
}

#[divan::bench(args = QUERIES)]
fn full_search_10k(b: Bencher, query: &str) {
    let index = index(10_000);
    let (q, _) = parse_query(query);
    b.bench(|| search(index, black_box(&q), None));
}

#[divan::bench(args = QUERIES)]
fn full_search_100k(b: Bencher, query: &str) {
    let index = index(100_000);
    let (q, _) = parse_query(query);
    b.bench(|| search(index, black_box(&q), None));
}

/// All 19 keystrokes of "logical replication" with `within`; divide by 19 for a mean.
#[divan::bench]
fn typing_10k(b: Bencher) {
    let index = index(10_000);
    let matcher = Matcher::new();
    b.bench(|| type_query(index, &matcher, Reuse::HitOrder));
}

#[divan::bench]
fn typing_100k(b: Bencher) {
    let index = index(100_000);
    let matcher = Matcher::new();
    b.bench(|| type_query(index, &matcher, Reuse::HitOrder));
}
