//! Connections at scale (issue 15, item 8): on the generated archive of 100,000 talks (native
//! TOML, loaded through the real loader), the time to load and index it next to the time to
//! build people, runs, relations and the similar-talks index, each the median of a few runs.
//! The budget: building the connections must not double the load time.
//!
//!     cargo bench --bench connections
//!
//! Set TALKS_BENCH_TALKS=10000 for a smaller archive.

#[path = "gen/mod.rs"]
mod synth;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use talks::archive::load::{Sources, load};
use talks::connections::{Aliases, Connections, People, Relations, Runs, Similar};
use talks::search::Index;

const REPS: usize = 3;

fn median<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..REPS {
        let start = Instant::now();
        let v = std::hint::black_box(f());
        times.push(start.elapsed());
        last = Some(v);
    }
    times.sort();
    (times[REPS / 2], last.expect("REPS > 0"))
}

fn ms(d: Duration) -> String {
    format!("{:>9.1} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let talks: usize = std::env::var("TALKS_BENCH_TALKS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::Builder::new()
        .prefix("talks-bench-")
        .tempdir()
        .expect("temp dir");
    synth::write_native(&synth::generate(talks, synth::SEED), dir.path()).expect("write archive");
    let sources = Sources {
        bundled: false,
        paths: vec![dir.path().to_path_buf()],
        follow_outside: false,
    };
    let (load_t, archive) = median(|| load(&sources));
    assert_eq!(
        archive.talks.len(),
        talks,
        "{:?}",
        archive.diagnostics.first()
    );
    let (index_t, _) = median(|| Index::build(&archive));
    let aliases = Aliases::default();
    let (people_t, people) = median(|| People::build(&archive.talks.all(), &aliases));
    let (runs_t, runs) = median(|| Runs::build(&archive.talks.all(), &people));
    let (rel_t, _) = median(|| Relations::build(&archive));
    let (all_t, conns) = median(|| Connections::build(&archive, &aliases));
    let (similar_t, similar) = median(|| Similar::build(&archive.talks.all()));
    let c = Connections {
        similar: Some(similar),
        ..conns
    };
    let (related_t, n) = median(|| {
        (0..1000u32)
            .map(|t| {
                c.related(&archive, talks::connections::ItemRef::Talk(t))
                    .len()
            })
            .sum::<usize>()
    });
    let spellings: HashSet<&str> = archive
        .talks
        .iter()
        .flat_map(|t| t.speakers.iter().map(|s| s.name.as_str()))
        .collect();
    println!("\nconnections over {talks} talks (median of {REPS}):");
    println!("  load (native TOML)          {}", ms(load_t));
    println!("  search index                {}", ms(index_t));
    println!(
        "  people                      {}  ({} spellings -> {} people)",
        ms(people_t),
        spellings.len(),
        people.persons.len()
    );
    println!(
        "  runs                        {}  ({} talks given more than once, in {} groups)",
        ms(runs_t),
        runs.groups.iter().map(Vec::len).sum::<usize>(),
        runs.groups.len()
    );
    println!("  relations                   {}", ms(rel_t));
    println!("  people + runs + relations   {}", ms(all_t));
    println!("  similar (TF-IDF index)      {}", ms(similar_t));
    println!(
        "  related() for 1,000 talks   {}  ({n} related items)",
        ms(related_t)
    );
    println!(
        "  connections / load          {:>9.0} %  (with similar: {:.0} %)",
        100.0 * all_t.as_secs_f64() / load_t.as_secs_f64(),
        100.0 * (all_t + similar_t).as_secs_f64() / load_t.as_secs_f64()
    );
}
