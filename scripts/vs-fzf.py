#!/usr/bin/env python3
"""`talks search` against `fzf --filter` as whole processes, interleaved: one run of each in
turn, so a neighbour's load slows both alike. Both print every match to a pipe.

    scripts/vs-fzf.py [--runs 7] [--cold] [--talks target/release/talks] \
        DIR LINES [DIR LINES ...] [--query Q ...]

DIR is an archive for talks, LINES the same talks one per line for fzf
(`cargo run --release --example gen_archive -- --format lines`). Warm (default): talks keeps
one cache dir, warmed by an uncounted first round. --cold: talks starts with an empty cache
dir every run (it parses every file and writes its caches, as a first start does); fzf has no
cache, so its runs are the same either way. The files themselves are in the page cache in both.

Prints, per archive and query, the median (and fastest) wall time in ms of each and the
ratio of the medians.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time


def timed(argv, env, stdin=None):
    t = time.perf_counter()
    subprocess.run(argv, env=env, stdin=stdin, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return (time.perf_counter() - t) * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs", nargs="+", help="DIR LINES [DIR LINES ...]")
    ap.add_argument("--query", action="append", default=None)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--cold", action="store_true")
    ap.add_argument("--talks", default="target/release/talks")
    a = ap.parse_args()
    if len(a.pairs) % 2:
        ap.error("give archives as DIR LINES pairs")
    queries = a.query or ["marat", "logical replication", "postgres !mysql"]
    root = tempfile.mkdtemp(prefix="talks-vs-fzf-")
    print(f"{'talks' if not a.cold else 'talks, cold'} vs fzf --filter, {a.runs} runs each, "
          f"interleaved; median (fastest) ms\n")
    print("| archive | query | talks | fzf | talks ÷ fzf |")
    print("|---|---|---|---|---|")
    for d, lines in zip(a.pairs[::2], a.pairs[1::2]):
        cache = os.path.join(root, os.path.basename(d.rstrip("/")))
        env = dict(os.environ, TALKS_CACHE_DIR=cache,
                   TALKS_CONFIG_DIR=os.path.join(root, "config"),
                   TALKS_DATA_DIR=os.path.join(root, "data"))
        env.pop("TALKS_DATA", None)
        for q in queries:
            t_ms, f_ms = [], []
            for r in range(a.runs + 1):
                if a.cold:
                    shutil.rmtree(cache, ignore_errors=True)
                t = timed([a.talks, "--data", d, "search", q], env)
                with open(lines, "rb") as f:
                    fz = timed(["fzf", "--filter", q], env, stdin=f)
                if r > 0:
                    t_ms.append(t)
                    f_ms.append(fz)
            mt, mf = statistics.median(t_ms), statistics.median(f_ms)
            print(f"| {os.path.basename(d.rstrip('/'))} | `{q}` | {mt:,.0f} ({min(t_ms):,.0f}) | "
                  f"{mf:,.0f} ({min(f_ms):,.0f}) | {mt / mf:.2f} |", flush=True)
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
