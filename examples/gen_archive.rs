//! Writes a synthetic talk archive for benchmarks and manual testing:
//!
//!     cargo run --release --example gen_archive -- --talks 100000 --format native --out DIR
//!
//! `--format native` writes one TOML file per conference, `hugo` a Hugo site
//! (DIR/content/conf/YEAR/*.md), `pyvideo` a pyvideo.org data tree (DIR/EVENT/category.json,
//! DIR/EVENT/videos/*.json), `lines` one line per talk for fzf (DIR is then a file).
//! The same `--talks` and `--seed` always give the same talks, in every format.

#[path = "../benches/gen/mod.rs"]
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str =
    "usage: gen_archive --talks N --format native|hugo|pyvideo|lines --out PATH [--seed S]";

fn main() -> ExitCode {
    let mut talks = 10_000usize;
    let mut format = String::from("native");
    let mut out: Option<PathBuf> = None;
    let mut seed = synth::SEED;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match a.as_str() {
            "--talks" => match value().replace('_', "").parse() {
                Ok(n) => talks = n,
                Err(_) => return usage("--talks expects a number"),
            },
            "--format" => format = value(),
            "--out" => out = Some(PathBuf::from(value())),
            "--seed" => match value().parse() {
                Ok(s) => seed = s,
                Err(_) => return usage("--seed expects a number"),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => return usage(&format!("unknown argument {other:?}")),
        }
    }
    let Some(out) = out else {
        return usage("--out is required");
    };
    let archive = synth::generate(talks, seed);
    let written = match format.as_str() {
        "native" => synth::write_native(&archive, &out),
        "hugo" => synth::write_hugo(&archive, &out),
        "pyvideo" => synth::write_pyvideo(&archive, &out),
        "lines" => synth::write_lines(&archive, &out),
        other => return usage(&format!("unknown format {other:?}")),
    };
    match written {
        Ok(()) => {
            eprintln!(
                "wrote {} talks in {} conferences as {format} to {}",
                archive.talk_count(),
                archive.conferences.len(),
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_archive: {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("gen_archive: {problem}\n{USAGE}");
    ExitCode::from(2)
}
