#!/usr/bin/env python3
"""Time a cold and a warm start of the TUI on a generated archive, as a person sees it: the
release binary in tmux, the screen polled every 5 ms. Prints when the first frame appears
and when every talk is listed ("Talks (N)" in the header).

    cargo build --release
    cargo run --release --example gen_archive -- --talks 100000 --format native --out /tmp/a100k
    scripts/first-frame.py /tmp/a100k 100000        # needs tmux

Cold: no cache (every file parsed). Warm: the cache the cold run wrote.
"""
import os, shutil, subprocess, sys, tempfile, time

def run(state, archive, expect):
    session = "talks-first-frame"
    subprocess.run(["tmux", "kill-session", "-t", session], stderr=subprocess.DEVNULL)
    env = dict(os.environ, TALKS_CONFIG_DIR=f"{state}/c", TALKS_DATA_DIR=f"{state}/d",
               TALKS_CACHE_DIR=f"{state}/k")
    t0 = time.monotonic()
    subprocess.run(["tmux", "new", "-d", "-s", session, "-x", "120", "-y", "40",
                    f"target/release/talks --data {archive}"], env=env, check=True)
    first = full = None
    while time.monotonic() - t0 < 30:
        out = subprocess.run(["tmux", "capture-pane", "-p", "-t", session],
                             capture_output=True, text=True).stdout
        now = time.monotonic() - t0
        if first is None and "Talks (" in out:
            first = now
        if f"Talks ({expect})" in out:
            full = now
            break
        time.sleep(0.005)
    subprocess.run(["tmux", "send-keys", "-t", session, "q"])
    time.sleep(0.5)  # quitting waits for the cache to be written
    subprocess.run(["tmux", "kill-session", "-t", session], stderr=subprocess.DEVNULL)
    return first, full

def main():
    archive, talks = sys.argv[1], int(sys.argv[2])
    expect = talks  # the bundled demo is left out when --data names an archive
    rows = {"cold": [], "warm": []}
    for _ in range(int(os.environ.get("RUNS", "3"))):
        state = tempfile.mkdtemp(prefix="talks-ff-")
        rows["cold"].append(run(state, archive, expect))
        rows["warm"].append(run(state, archive, expect))
        shutil.rmtree(state)
    for kind, rs in rows.items():
        firsts = sorted(r[0] * 1000 for r in rs)
        fulls = sorted(r[1] * 1000 for r in rs if r[1] is not None)
        print(f"{kind}: first frame median {firsts[len(firsts)//2]:.0f} ms; "
              f"all {expect} talks listed median {fulls[len(fulls)//2]:.0f} ms "
              f"(runs: {', '.join(f'{x:.0f}' for x in fulls)})")

main()
