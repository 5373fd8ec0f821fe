//! Load + index benches: native TOML archives of 10,000 and 100,000 talks, a Hugo tree of
//! 10,000 and a pyvideo tree of 21,000 talks in ~540 events, each generated once per process
//! into a temp dir. Before divan runs, a child process
//! loads and indexes the 100,000-talk archive alone and prints its peak memory (VmHWM), so the
//! generator's own memory does not count.
//!
//!     cargo bench --bench load
//!
//! Targets (issue 4): load + index of 100,000 talks under 2 s and under 500 MB. Issue 10: the
//! 21,000-talk pyvideo tree under 1.5 s cold and 0.3 s warm.

#[path = "gen/mod.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use divan::{Bencher, black_box};
use talks::archive::Archive;
use talks::archive::load::{Sources, load};
use talks::search::Index;

/// Set in the child that measures peak memory: the archive folder to load.
const PEAK_ENV: &str = "TALKS_BENCH_PEAK_MEM_DIR";

enum Format {
    Native,
    Hugo,
    Pyvideo,
}

fn archive_dir(talks: usize, format: Format) -> &'static Path {
    static NATIVE_10K: OnceLock<tempfile::TempDir> = OnceLock::new();
    static NATIVE_100K: OnceLock<tempfile::TempDir> = OnceLock::new();
    static HUGO_10K: OnceLock<tempfile::TempDir> = OnceLock::new();
    static PYVIDEO_21K: OnceLock<tempfile::TempDir> = OnceLock::new();
    let cell = match (&format, talks) {
        (Format::Native, 10_000) => &NATIVE_10K,
        (Format::Native, 100_000) => &NATIVE_100K,
        (Format::Hugo, 10_000) => &HUGO_10K,
        (Format::Pyvideo, 21_000) => &PYVIDEO_21K,
        _ => panic!("no archive of {talks} talks in that format"),
    };
    cell.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("talks-bench-")
            .tempdir()
            .expect("temp dir");
        let a = synth::generate(talks, synth::SEED);
        match format {
            Format::Native => synth::write_native(&a, dir.path()),
            Format::Hugo => synth::write_hugo(&a, dir.path()),
            Format::Pyvideo => synth::write_pyvideo(&a, dir.path()),
        }
        .expect("write archive");
        dir
    })
    .path()
}

fn sources(dir: &Path) -> Sources {
    Sources {
        bundled: false,
        paths: vec![dir.to_path_buf()],
        follow_outside: false,
    }
}

fn load_and_index(dir: &Path) -> (Archive, Index) {
    let archive = load(&sources(dir));
    let index = Index::build(&archive);
    (archive, index)
}

fn status_kb(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The child: load + index once, print the numbers, exit.
fn measure_peak(dir: &Path) {
    let before = status_kb("VmHWM:").unwrap_or(0);
    let start = Instant::now();
    let archive = load(&sources(dir));
    let loaded = start.elapsed();
    let rss_loaded = status_kb("VmRSS:").unwrap_or(0);
    let index = Index::build(&archive);
    let total = start.elapsed();
    let peak = status_kb("VmHWM:").unwrap_or(0);
    let rss = status_kb("VmRSS:").unwrap_or(0);
    println!(
        "load+index {} talks ({} diagnostics): load {:.0} ms, index {:.0} ms, total {:.0} ms; \
         peak memory (VmHWM) {:.0} MB (before loading {:.0} MB, resident after load {:.0} MB, \
         after index {:.0} MB)",
        archive.talks.len(),
        archive.diagnostics.len(),
        loaded.as_secs_f64() * 1e3,
        (total - loaded).as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3,
        peak as f64 / 1024.0,
        before as f64 / 1024.0,
        rss_loaded as f64 / 1024.0,
        rss as f64 / 1024.0,
    );
    black_box(index);
}

fn main() {
    if let Some(dir) = std::env::var_os(PEAK_ENV) {
        measure_peak(&PathBuf::from(dir));
        return;
    }
    // `cargo bench -- <filter>` must still list and filter quietly; only measure memory on a
    // real run.
    let listing = std::env::args().any(|a| a == "--list" || a == "--test");
    if !listing && std::env::var_os("TALKS_BENCH_SKIP_PEAK").is_none() {
        let dir = archive_dir(100_000, Format::Native);
        let exe = std::env::current_exe().expect("current exe");
        for _ in 0..2 {
            // Twice: the first run may read from a cold page cache.
            let status = std::process::Command::new(&exe)
                .env(PEAK_ENV, dir)
                .status()
                .expect("run peak-memory child");
            assert!(status.success(), "peak-memory child failed");
        }
    }
    divan::main();
}

fn check(a: &(Archive, Index), talks: usize) {
    assert_eq!(a.0.talks.len(), talks, "{:?}", a.0.diagnostics.first());
}

#[divan::bench(sample_count = 10)]
fn native_10k_load_and_index(b: Bencher) {
    let dir = archive_dir(10_000, Format::Native);
    check(&load_and_index(dir), 10_000);
    b.bench(|| load_and_index(black_box(dir)));
}

#[divan::bench(sample_count = 5)]
fn native_100k_load_and_index(b: Bencher) {
    let dir = archive_dir(100_000, Format::Native);
    check(&load_and_index(dir), 100_000);
    b.bench(|| load_and_index(black_box(dir)));
}

#[divan::bench(sample_count = 5)]
fn native_100k_load_only(b: Bencher) {
    let dir = archive_dir(100_000, Format::Native);
    b.bench(|| load(&sources(black_box(dir))));
}

#[divan::bench(sample_count = 5)]
fn native_100k_index_only(b: Bencher) {
    let archive = load(&sources(archive_dir(100_000, Format::Native)));
    b.bench(|| Index::build(black_box(&archive)));
}

#[divan::bench(sample_count = 10)]
fn hugo_10k_load_and_index(b: Bencher) {
    let dir = archive_dir(10_000, Format::Hugo);
    check(&load_and_index(dir), 10_000);
    b.bench(|| load_and_index(black_box(dir)));
}

/// Cold vs warm start (issue 5): the same 100,000 talks through the parsed-file cache, as
/// `talks` does on a second start. Cold parses every file and builds the cache; warm reads the
/// cache file and decodes it (all files unchanged). Both include building the search index.
#[divan::bench(sample_count = 5)]
fn native_100k_start_cold_with_cache_write(b: Bencher) {
    let dir = archive_dir(100_000, Format::Native);
    let cache_dir = tempfile::tempdir().expect("temp dir");
    let file = cache_dir.path().join("archive.cache");
    b.bench(|| {
        let _ = std::fs::remove_file(&file);
        let old = talks::archive::cache::read_cache(&file);
        let (archive, cache, _) = talks::archive::load::load_cached(
            &sources(black_box(dir)),
            &Default::default(),
            Some(old),
        );
        talks::archive::cache::write_cache(&file, &cache.expect("cache")).expect("write");
        (Index::build(&archive), archive)
    });
}

#[divan::bench(sample_count = 5)]
fn native_100k_start_warm_from_cache(b: Bencher) {
    let dir = archive_dir(100_000, Format::Native);
    let cache_dir = tempfile::tempdir().expect("temp dir");
    let file = cache_dir.path().join("archive.cache");
    let (_, cache, _) = talks::archive::load::load_cached(
        &sources(dir),
        &Default::default(),
        Some(Default::default()),
    );
    talks::archive::cache::write_cache(&file, &cache.expect("cache")).expect("write");
    b.bench(|| {
        let old = talks::archive::cache::read_cache(black_box(&file));
        let (archive, _, stats) =
            talks::archive::load::load_cached(&sources(dir), &Default::default(), Some(old));
        assert_eq!(stats.misses, 0, "every file should come from the cache");
        (Index::build(&archive), archive)
    });
}

/// Issue 10: the whole pyvideo tree (21,000 talk files in ~540 event folders), parsed from the
/// files (cold: every file read, JSON and reStructuredText parsed, the cache written) and from
/// the cache (warm: every file's stamp checked, its talk decoded), with the search index.
#[divan::bench(sample_count = 10)]
fn pyvideo_21k_load_and_index(b: Bencher) {
    let dir = archive_dir(21_000, Format::Pyvideo);
    check(&load_and_index(dir), 21_000);
    b.bench(|| load_and_index(black_box(dir)));
}

#[divan::bench(sample_count = 10)]
fn pyvideo_21k_start_cold_with_cache_write(b: Bencher) {
    let dir = archive_dir(21_000, Format::Pyvideo);
    let cache_dir = tempfile::tempdir().expect("temp dir");
    let file = cache_dir.path().join("archive.cache");
    b.bench(|| {
        let _ = std::fs::remove_file(&file);
        let old = talks::archive::cache::read_cache(&file);
        let (archive, cache, _) = talks::archive::load::load_cached(
            &sources(black_box(dir)),
            &Default::default(),
            Some(old),
        );
        talks::archive::cache::write_cache(&file, &cache.expect("cache")).expect("write");
        (Index::build(&archive), archive)
    });
}

#[divan::bench(sample_count = 10)]
fn pyvideo_21k_start_warm_from_cache(b: Bencher) {
    let dir = archive_dir(21_000, Format::Pyvideo);
    let cache_dir = tempfile::tempdir().expect("temp dir");
    let file = cache_dir.path().join("archive.cache");
    let (_, cache, _) = talks::archive::load::load_cached(
        &sources(dir),
        &Default::default(),
        Some(Default::default()),
    );
    talks::archive::cache::write_cache(&file, &cache.expect("cache")).expect("write");
    b.bench(|| {
        let old = talks::archive::cache::read_cache(black_box(&file));
        let (archive, _, stats) =
            talks::archive::load::load_cached(&sources(dir), &Default::default(), Some(old));
        assert_eq!(stats.misses, 0, "every file should come from the cache");
        assert_eq!(archive.talks.len(), 21_000);
        (Index::build(&archive), archive)
    });
}

/// Issue 14: starting from the snapshot (`store.rs`) that a full load leaves in the cache dir.
/// `open_and_search`: what `talks search` does warm (walk and check every file's stamp, map the
/// snapshot, search the mapped index, decode the 20 rows a terminal shows). `decode_all`: what
/// the TUI and the other commands do besides (every record decoded, in parallel; the bench
/// binary uses the system allocator, the `talks` binary mimalloc).
fn snapshot_of(talks: usize, format: Format) -> (Sources, &'static Path) {
    static DIRS: OnceLock<std::sync::Mutex<Vec<(usize, tempfile::TempDir)>>> = OnceLock::new();
    let dir = archive_dir(talks, format);
    let src = sources(dir);
    let cache = {
        let mut dirs = DIRS.get_or_init(Default::default).lock().expect("lock");
        if let Some((_, d)) = dirs.iter().find(|(n, _)| *n == talks) {
            d.path().to_path_buf()
        } else {
            let d = tempfile::tempdir().expect("temp dir");
            let path = d.path().to_path_buf();
            dirs.push((talks, d));
            path
        }
    };
    if let talks::session::Start::Fresh {
        archive,
        pending: Some(p),
        ..
    } = talks::session::start(&src, &Default::default(), Some(&cache), true)
    {
        talks::store::write(p, &archive, &Index::build(&archive)).expect("snapshot");
    }
    (src, Box::leak(cache.into_boxed_path()))
}

fn open_snapshot(src: &Sources, cache: &Path) -> talks::store::Snapshot {
    match talks::session::start(src, &Default::default(), Some(cache), true) {
        talks::session::Start::Snapshot(s) => s,
        talks::session::Start::Fresh { .. } => panic!("the snapshot should be valid"),
    }
}

fn search_top(s: &talks::store::Snapshot, q: &str) -> usize {
    let (query, _) = talks::search::query::parse_query(q);
    let index = s.index();
    let mut hits = talks::search::Matcher::new()
        .search_unsorted(index, &query, None, &Default::default())
        .expect("not cancelled");
    talks::search::sort_top(index, &mut hits, 20);
    hits.iter()
        .take(20)
        .filter_map(|h| s.talk(index.doc(h.doc).idx as usize))
        .count()
}

#[divan::bench(args = [10_000, 100_000], sample_count = 10)]
fn snapshot_open_and_search(b: Bencher, talks: usize) {
    let (src, cache) = snapshot_of(talks, Format::Native);
    b.bench(|| {
        search_top(
            &open_snapshot(black_box(&src), cache),
            "logical replication",
        )
    });
}

#[divan::bench(args = [10_000, 100_000], sample_count = 10)]
fn snapshot_decode_all(b: Bencher, talks: usize) {
    let (src, cache) = snapshot_of(talks, Format::Native);
    let s = open_snapshot(&src, cache);
    b.bench(|| s.archive().expect("decodes").talks.len());
}
