#!/usr/bin/env python3
"""Before/after of `talks search` as whole processes, interleaved: one run of each binary in
turn, so a neighbour's build slows both alike (hyperfine runs all of one command first).
Each binary keeps its own cache dir (two cache formats in one file would make both cold);
the first round warms them and is not counted.

    scripts/interleave.py BEFORE AFTER DIR [DIR ...] [--query Q ...] [--runs 7]

Prints the median (and fastest) wall time in ms per archive and query.
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--query", action="append", default=None)
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    queries = a.query or ["zzqxjw", "logical replication"]
    caches = tempfile.mkdtemp(prefix="talks-interleave-")
    bins = {"before": a.before, "after": a.after}
    print(f"{'archive':40} {'query':24} {'before ms':>18} {'after ms':>18}")
    for d in a.dirs:
        for q in queries:
            times = {k: [] for k in bins}
            for r in range(a.runs + 1):
                for k, exe in bins.items():
                    env = dict(os.environ, TALKS_CACHE_DIR=os.path.join(caches, k, str(abs(hash(d)))))
                    t = time.perf_counter()
                    subprocess.run(
                        [exe, "search", "--no-bundled", "--data", d, "--json", q],
                        env=env,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                    if r > 0:
                        times[k].append((time.perf_counter() - t) * 1000)
            cells = [f"{statistics.median(v):.0f} ({min(v):.0f})" for v in times.values()]
            print(f"{d[-40:]:40} {q!r:24} {cells[0]:>18} {cells[1]:>18}", flush=True)


if __name__ == "__main__":
    main()
