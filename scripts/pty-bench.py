#!/usr/bin/env python3
"""The talks TUI against interactive fzf, as a person at a terminal sees them: each program in a
pseudo-terminal of its own (120x40, TERM=xterm-256color), interleaved (one talks run, one fzf
run, repeated), every chunk of output timestamped as it arrives, the screen rebuilt afterwards
with pyte to find when each thing first appeared.

    cargo build --release
    cargo run --release --example gen_archive -- --talks 10000 --format native --out /tmp/pb10k
    cargo run --release --example gen_archive -- --talks 10000 --format lines --out /tmp/pb10k.txt
    scripts/pty-bench.py /tmp/pb10k /tmp/pb10k.txt 10000        # needs fzf and pyte

    scripts/pty-bench.py ARCHIVE_DIR FZF_LINES_FILE EXPECTED_COUNT [--runs 5]
        [--query "logical replication"] [--delay 0.15] [--talks target/release/talks]
        [--fzf-opts="--reverse"] [--no-warm] [--timeout 60] [--dump DIR]

EXPECTED_COUNT is the number of talks generated: talks shows "Talks (N)" in its header when it
has loaded them all (`--data` leaves the bundled demo talks out), fzf shows "N/N".

Measured, per run:
- first frame: spawn to the first non-blank screen;
- full list: spawn to "Talks (N)" in talks' header / "N/N" in fzf's counter;
- per key of the query (typed one character at a time, --delay apart, the first key --delay
  after the full list is on screen): echo = key written to the prefix shown in the query line
  (with the cursor after it); results = key written to the last change of the rest of the
  screen (list, counters, detail) before the next key was written (after the last key: before
  1 s of silence), or the echo if that came later, counted only if the screen then shows the
  prefix's hits (as `talks search` and `fzf --filter` count them beforehand) and no busy mark
  (talks' "…", fzf's spinner); otherwise the key's results "never showed before the next key".
  Count = key written to the first screen whose counter shows the prefix's hits, even after
  later keys (fzf at 100k shows each prefix's hits only after the next key). The same
  definitions for both programs.
- memory: VmRSS and VmHWM from /proc/PID/status once the last key has settled;
- idle CPU: utime+stime (/proc/PID/stat) over 2 s after that (0 for a program that sleeps).
Then talks gets Ctrl-C and fzf Esc, and the script waits for them to exit.

Each talks run has fresh config and data dirs (the data dir keeps the last query, which would
be restored); with --warm (the default) all talks runs share one cache dir, warmed by an
untimed run first; with --no-warm every run starts cold.

Output: Markdown tables (medians over runs, worst in parentheses) and ratios talks/fzf.
"""
import argparse
import errno
import fcntl
import os
import pickle
import pty
import re
import select
import shlex
import shutil
import signal
import statistics
import subprocess
import struct
import sys
import tempfile
import termios
import time

try:
    import pyte
except ImportError:
    print("pty-bench needs pyte: pip install --user pyte", file=sys.stderr)
    sys.exit(2)

COLS, ROWS = 120, 40
QUIET_CHECK = 0.1  # seconds of silence before the live screen is looked at (start-up only)
SETTLE = 1.0  # seconds of silence that end the wait after the last key
CLK_TCK = os.sysconf("SC_CLK_TCK")


class Run:
    """What one program wrote, and when (all times time.monotonic())."""

    def __init__(self, name):
        self.name = name
        self.t0 = None  # just before fork
        self.chunks = []  # (t, bytes)
        self.keys = []  # (t written, prefix after the key)
        self.full_seen = None  # when the live check saw the full list (start of typing)
        self.settled_at = None  # end of the wait after the last key (memory read then)
        self.quit_at = None
        self.rss_kb = self.hwm_kb = None
        self.idle_cpu_ms = None
        self.exit = None
        self.note = []


def proc_status(pid):
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("VmRSS", "VmHWM"):
                    out[k] = int(v.split()[0])
    except OSError:
        pass
    return out.get("VmRSS"), out.get("VmHWM")


def proc_cpu_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            rest = f.read().rsplit(")", 1)[1].split()
        return int(rest[11]) + int(rest[12])  # utime, stime (fields 14, 15)
    except (OSError, IndexError, ValueError):
        return None


class Live:
    """A pyte screen fed only at quiet moments, to decide when to start typing."""

    def __init__(self):
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.fed = 0

    def catch_up(self, chunks):
        while self.fed < len(chunks):
            self.stream.feed(chunks[self.fed][1])
            self.fed += 1
        return self.screen.display


def spawn(argv, env, stdin_path=None):
    pid, fd = pty.fork()  # setsid + the pty as controlling terminal, stdio on it
    if pid == 0:
        try:
            fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            if stdin_path:
                f = os.open(stdin_path, os.O_RDONLY)
                os.dup2(f, 0)
                os.close(f)
            os.execvpe(argv[0], argv, env)
        except BaseException as e:  # noqa: BLE001 - the child must never return
            os.write(2, f"pty-bench: exec {argv[0]}: {e}\n".encode())
        os._exit(127)
    return pid, fd


def drive(run, argv, env, stdin_path, full_check, query, delay, timeout, quit_key):
    """Run one program: wait for the full list, type the query, settle, measure, quit."""
    run.t0 = time.monotonic()
    pid, fd = spawn(argv, env, stdin_path)
    live = Live()
    chunks = run.chunks
    last_data = run.t0
    phase = "start"  # start -> typing -> settle -> idle -> quit -> gone
    next_key_at = None
    key_index = 0
    idle_until = cpu0 = None
    deadline = run.t0 + timeout
    eof = False
    last_check = run.t0

    def read_available(wait):
        nonlocal last_data, eof
        r, _, _ = select.select([fd], [], [], max(0.0, wait))
        if not r:
            return False
        try:
            data = os.read(fd, 1 << 16)
        except OSError as e:
            if e.errno != errno.EIO:
                raise
            data = b""
        now = time.monotonic()
        if not data:
            eof = True
            return False
        chunks.append((now, data))
        last_data = now
        if b"\x1b[6n" in data:  # a cursor position query: answer, or the program may wait
            os.write(fd, b"\x1b[1;1R")
        return True

    while not eof:
        now = time.monotonic()
        if phase == "start":
            if now > deadline:
                run.note.append(f"full list not seen within {timeout:.0f} s")
                phase, run.settled_at = "settle_done", now
                continue
            # Look at the screen when the program has been quiet a moment (pyte's work then
            # delays no timestamp), or every 0.25 s if it never is (a spinner).
            if read_available(QUIET_CHECK) and now - last_check < 0.25:
                continue
            last_check = time.monotonic()
            if full_check(live.catch_up(chunks)):
                run.full_seen = time.monotonic()
                phase, next_key_at = "typing", run.full_seen + delay
        elif phase == "typing":
            if now >= next_key_at:
                key_index += 1
                t = time.monotonic()
                os.write(fd, query[key_index - 1].encode())
                run.keys.append((t, query[:key_index]))
                if key_index == len(query):
                    phase = "settle"
                else:
                    next_key_at = t + delay
                continue
            read_available(next_key_at - now)
        elif phase == "settle":
            if read_available(min(SETTLE, max(0.0, last_data + SETTLE - now))):
                continue
            now = time.monotonic()
            if now - max(last_data, run.keys[-1][0]) >= SETTLE or now > deadline + 30:
                phase, run.settled_at = "settle_done", now
        elif phase == "settle_done":
            run.rss_kb, run.hwm_kb = proc_status(pid)
            cpu0 = proc_cpu_ticks(pid)
            idle_until = time.monotonic() + 2.0
            phase = "idle"
        elif phase == "idle":
            if now >= idle_until:
                cpu1 = proc_cpu_ticks(pid)
                if cpu0 is not None and cpu1 is not None:
                    run.idle_cpu_ms = (cpu1 - cpu0) * 1000 / CLK_TCK
                run.quit_at = time.monotonic()
                os.write(fd, quit_key)
                phase = "quit"
                deadline = run.quit_at + 10
                continue
            read_available(idle_until - now)
        elif phase == "quit":
            if now > deadline:
                run.note.append("did not exit within 10 s of the quit key: killed")
                os.kill(pid, signal.SIGKILL)
                deadline = now + 5
            read_available(0.05)
    _, status = os.waitpid(pid, 0)
    run.exit = os.waitstatus_to_exitcode(status)
    os.close(fd)


# ---------------------------------------------------------------------------------------------
# Analysis: replay the chunks through pyte and look at the screen after each one.


class Frame:
    __slots__ = ("t", "lines", "cx", "cy")

    def __init__(self, t, lines, cx, cy):
        self.t, self.lines, self.cx, self.cy = t, lines, cx, cy


def replay(run):
    screen = pyte.Screen(COLS, ROWS)
    stream = pyte.ByteStream(screen)
    frames = []
    for t, data in run.chunks:
        stream.feed(data)
        frames.append(Frame(t, tuple(screen.display), screen.cursor.x, screen.cursor.y))
    return frames


def frame_at(frames, t):
    """The last frame before time t (None if none)."""
    last = None
    for f in frames:
        if f.t >= t:
            break
        last = f
    return last


TALKS_HEADER = re.compile(r"Talks \((\d+)(?:/(\d+))?\)")
# fzf's info line: "  848/10000 ───", with a spinner before the count while it reads or matches
FZF_INFO = re.compile(r"^\s*([^\d\s]\s*)?(\d+)/(\d+)")


def talks_state(lines, qrow, qcol, prefix):
    """(hits in the header, whether talks shows "…" after the query: a search is running)."""
    count = None
    for line in lines:
        m = TALKS_HEADER.search(line)
        if m:
            count = int(m.group(1))
            break
    return count, "…" in lines[qrow][qcol + len(prefix):]


def fzf_state(lines, qrow, qcol, prefix):
    """(M of fzf's M/N, whether its spinner shows)."""
    for i, line in enumerate(lines):
        m = FZF_INFO.match(line)
        if m and i != qrow:
            return int(m.group(2)), bool(m.group(1))
    return None, False


def analyse(run, frames, full_check, state_of, expected):
    """Start-up times and, per key: echo, results (None when the screen never showed the
    prefix's final results before the next key), and the hits shown then."""
    res = {"first": None, "full": None, "keys": [], "note": list(run.note)}
    for f in frames:
        if res["first"] is None and any(line.strip() for line in f.lines):
            res["first"] = f.t - run.t0
        if full_check(f.lines):
            res["full"] = f.t - run.t0
            break
    if not run.keys:
        return res
    # The query line and where the typed text starts: the cursor's place just before the
    # first key (both programs put the cursor at the end of the query).
    before = frame_at(frames, run.keys[0][0])
    qrow, qcol = before.cy, before.cx
    ends = [t for t, _ in run.keys[1:]] + [run.settled_at]
    for (tk, prefix), tend in zip(run.keys, ends):
        window = [f for f in frames if tk <= f.t < tend]
        prev = frame_at(frames, tk)

        def echoed(f):
            return (f.lines[qrow][qcol:qcol + len(prefix)] == prefix
                    and f.cy == qrow and f.cx == qcol + len(prefix))

        def rest(f):
            return f.lines[:qrow] + f.lines[qrow + 1:]

        echo = next((f.t - tk for f in window if echoed(f)), None)
        # The first rows of results, final or not: the first frame in which three or more
        # lines besides the query line changed (a counter or a busy mark changes one).
        before_rows = rest(prev)
        first_rows = next((f.t - tk for f in window
                           if sum(a != b for a, b in zip(rest(f), before_rows)) >= 3), None)
        if first_rows is not None and echo is not None:
            first_rows = max(first_rows, echo)
        last_change = None
        r = rest(prev)
        for f in window:
            rf = rest(f)
            if rf != r:
                last_change = f.t - tk
                r = rf
        final = window[-1] if window else prev
        hits, busy = state_of(final.lines, qrow, qcol, prefix)
        want = expected.get(prefix)
        shown = echoed(final) and not busy and (want is None or hits == want)
        results = None
        if shown:
            results = echo if last_change is None else max(echo, last_change)
        elif tend == run.settled_at:
            res["note"].append(f"after the last key settled the screen showed {hits} hits"
                               f"{' (still busy)' if busy else ''}, not {want}")
        # The first moment the counter shows this prefix's hits, even after later keys (a
        # program that lags a key behind shows each prefix's results while the next is typed).
        counted = None
        if want is not None:
            for f in frames:
                if f.t < tk:
                    continue
                if f.t > run.settled_at:
                    break
                h, b = state_of(f.lines, qrow, qcol, prefix)
                if h == want and not b:
                    counted = f.t - tk
                    break
            if counted is not None and echo is not None:
                counted = max(counted, echo)
        res["keys"].append({"prefix": prefix, "echo": echo, "results": results, "hits": hits,
                            "busy": busy, "counted": counted, "first_rows": first_rows})
    return res


# ---------------------------------------------------------------------------------------------
# Report


def ms(x):
    if x is None:
        return "–"
    x *= 1000
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def worst(xs):
    xs = [x for x in xs if x is not None]
    return max(xs) if xs else None


def mw(xs):
    """'median (worst)' of seconds, in ms."""
    return f"{ms(med(xs))} ({ms(worst(xs))})"


def ratio(a, b):
    return f"{a / b:.2f}" if a is not None and b else "–"


def report(results, runs, args, expect, versions, expected):
    names = ["talks", "fzf"]
    nk = len(args.query)
    load = open("/proc/loadavg").read().split()[:3]
    print(f"## pty-bench: talks vs fzf, {expect:,} talks, {len(results['talks'])} runs each\n")
    print(f"{versions}; {COLS}x{ROWS} pty, TERM=xterm-256color; query {args.query!r} typed "
          f"{args.delay * 1000:.0f} ms apart; talks cache {'warm' if args.warm else 'cold'}; "
          f"{os.cpu_count()} cores, load average at the end {' '.join(load)}. "
          "Times in ms: median over runs (worst run).\n")
    s = {}
    for n in names:
        rs = results[n]
        keys = [[r["keys"][i] for r in rs if len(r["keys"]) > i] for i in range(nk)]
        presses = [k for ks in keys for k in ks]
        per_key_echo = [med([k["echo"] for k in ks]) for ks in keys]
        per_key_res = [med([k["results"] for k in ks]) for ks in keys]
        per_key_rows = [med([k.get("first_rows") for k in ks]) for ks in keys]
        s[n] = {
            "first": [r["first"] for r in rs],
            "full": [r["full"] for r in rs],
            "keys": keys,
            "presses": len(presses),
            "echo": (med(per_key_echo), worst(per_key_echo), worst([k["echo"] for k in presses])),
            "no_echo": sum(k["echo"] is None for k in presses),
            "res": (med(per_key_res), worst(per_key_res), worst([k["results"] for k in presses])),
            "no_res": sum(k["results"] is None for k in presses),
            "rows": (med(per_key_rows), worst(per_key_rows),
                     worst([k.get("first_rows") for k in presses])),
            "per_key_res": per_key_res,
            "counted": med([med([k["counted"] for k in ks]) for ks in keys]),
            "counted_worst": worst([k["counted"] for k in presses]),
            "rss": [r.rss_kb for r in runs[n]],
            "hwm": [r.hwm_kb for r in runs[n]],
            "cpu": [r.idle_cpu_ms for r in runs[n]],
        }

    def mem(kbs):
        kbs = [k for k in kbs if k is not None]
        return f"{statistics.median(kbs) / 1024:.1f} ({max(kbs) / 1024:.1f})" if kbs else "–"

    def cpu(xs):
        xs = [x for x in xs if x is not None]
        return f"{statistics.median(xs):.0f} ({max(xs):.0f})" if xs else "–"

    def row(label, f, r=None):
        cells = [f(s[n]) for n in names]
        rt = ratio(r(s["talks"]), r(s["fzf"])) if r else "–"
        print(f"| {label} | {cells[0]} | {cells[1]} | {rt} |")

    print("| | talks | fzf | talks ÷ fzf |")
    print("|---|---|---|---|")
    row("first frame", lambda x: mw(x["first"]), lambda x: med(x["first"]))
    row(f"full list ({expect:,})", lambda x: mw(x["full"]), lambda x: med(x["full"]))
    for label, k in (("echo", "echo"), ("first rows of results (final or not)", "rows"),
                     ("results on screen", "res")):
        row(f"{label} per key: median over keys", lambda x: ms(x[k][0]), lambda x: x[k][0])
        row(f"{label} per key: worst key (its median)", lambda x: ms(x[k][1]), lambda x: x[k][1])
        row(f"{label} per key: worst single key press", lambda x: ms(x[k][2]), lambda x: x[k][2])
    row("hit count on screen, even after later keys: median over keys",
        lambda x: ms(x["counted"]), lambda x: x["counted"])
    row("hit count on screen, even after later keys: worst key press",
        lambda x: ms(x["counted_worst"]), lambda x: x["counted_worst"])
    row("key presses whose prefix never showed in the query line",
        lambda x: f"{x['no_echo']} of {x['presses']}")
    row("key presses whose results never showed before the next key",
        lambda x: f"{x['no_res']} of {x['presses']}")
    row("VmRSS after typing, MB (worst)", lambda x: mem(x["rss"]), lambda x: med(x["rss"]))
    row("VmHWM (peak), MB (worst)", lambda x: mem(x["hwm"]), lambda x: med(x["hwm"]))
    row("idle CPU over 2 s after typing, ms (worst)", lambda x: cpu(x["cpu"]))

    print(f"\nPer key, typing {args.query!r}. Hits: what `talks search` / `fzf --filter` find "
          "for the prefix. Echo: key written → the prefix in the query line, cursor after it. "
          "Results: key written → the last change of the rest of the screen (list, counters, "
          "detail) before the next key, counted only when the screen then shows that prefix's "
          "hits (talks: and no \"…\" searching mark); first rows: key written → the first frame "
          "in which three or more lines besides the query line changed (results, final or "
          "not); [k/n]: shown before the next key in k of "
          "n runs, the others left out of the medians. Count: key written → the counter first "
          "shows the prefix's hits (no busy mark), even if later keys were typed by then.\n")
    print("| key | talks hits | talks echo | talks first rows | talks results | talks count "
          "| fzf hits | fzf echo | fzf first rows | fzf results | fzf count "
          "| results talks ÷ fzf |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")

    def partial(xs):
        got = sum(x is not None for x in xs)
        if got == 0:
            return f"never (0/{len(xs)})"
        return mw(xs) + (f" [{got}/{len(xs)}]" if got < len(xs) else "")

    for i in range(nk):
        prefix = args.query[:i + 1]
        cells = [f"`{prefix}`"]
        for n in names:
            ks = s[n]["keys"][i]
            want = expected[n].get(prefix)
            cells += ["?" if want is None else f"{want:,}", partial([k["echo"] for k in ks]),
                      partial([k.get("first_rows") for k in ks]),
                      partial([k["results"] for k in ks]), partial([k["counted"] for k in ks])]
        cells.append(ratio(s["talks"]["per_key_res"][i], s["fzf"]["per_key_res"][i]))
        print("| " + " | ".join(cells) + " |")

    notes = [f"- {n} run {i + 1}: {note}" for n in names
             for i, r in enumerate(results[n]) for note in r["note"]]
    for n in names:
        codes = {r.exit for r in runs[n]}
        if codes - {0, 130}:
            notes.append(f"- {n} exit codes: {sorted(codes)}")
    if notes:
        print("\n" + "\n".join(notes))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("archive", help="a folder for talks --data")
    ap.add_argument("lines", help="the same talks, one line each, for fzf's stdin")
    ap.add_argument("expect", type=int, help="the number of talks generated")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--query", default="logical replication")
    ap.add_argument("--delay", type=float, default=0.15, help="seconds between keys")
    ap.add_argument("--talks", default="target/release/talks")
    ap.add_argument("--fzf", default="fzf")
    ap.add_argument("--fzf-opts", default="", help='extra fzf options: --fzf-opts="--reverse"')
    ap.add_argument("--warm", action=argparse.BooleanOptionalAction, default=True,
                    help="one untimed talks run first; all talks runs share its cache")
    ap.add_argument("--timeout", type=float, default=60, help="seconds to wait for the full list")
    ap.add_argument("--dump", help="write each run's settled screen, chunk log and (pickled) "
                    "chunks to this folder")
    args = ap.parse_args()
    if not os.path.isdir(args.archive) or not os.path.isfile(args.lines):
        ap.error("ARCHIVE_DIR must be a folder and FZF_LINES_FILE a file")
    talks_bin = os.path.abspath(args.talks)
    fzf_bin = shutil.which(args.fzf)
    if not os.access(talks_bin, os.X_OK) or not fzf_bin:
        ap.error(f"need {talks_bin} (cargo build --release) and fzf (apt-get install fzf)")
    expect = args.expect

    base_env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(COLS), LINES=str(ROWS))
    base_env.setdefault("LANG", "C.UTF-8")
    for k in ("NO_COLOR", "TALKS_DATA", "FZF_DEFAULT_OPTS", "FZF_DEFAULT_COMMAND", "BROWSER"):
        base_env.pop(k, None)
    state_root = tempfile.mkdtemp(prefix="talks-pty-bench-")
    shared_cache = os.path.join(state_root, "cache")

    def talks_full(lines):
        return any(f"Talks ({expect})" in line for line in lines)

    def fzf_full(lines):
        return any((m := FZF_INFO.match(line)) and int(m.group(2)) == expect
                   and int(m.group(3)) == expect for line in lines)

    def talks_env(i):
        d = os.path.join(state_root, f"run{i}")
        return dict(base_env, TALKS_CONFIG_DIR=f"{d}/config", TALKS_DATA_DIR=f"{d}/data",
                    TALKS_CACHE_DIR=shared_cache if args.warm else f"{d}/cache")

    def run_talks(i):
        env = talks_env(i)
        r = Run("talks")
        drive(r, [talks_bin, "--data", os.path.abspath(args.archive)], env, None, talks_full,
              args.query, args.delay, args.timeout, b"\x03")
        return r

    def run_fzf(i):
        r = Run("fzf")
        drive(r, [fzf_bin] + shlex.split(args.fzf_opts), base_env, args.lines, fzf_full,
              args.query, args.delay, args.timeout, b"\x1b")
        return r

    talks_ver = os.popen(f"{shlex.quote(talks_bin)} --version 2>/dev/null").read().strip()
    fzf_ver = os.popen(f"{shlex.quote(fzf_bin)} --version").read().split()[0]
    versions = f"{talks_ver or 'talks'} ({args.talks}), fzf {fzf_ver}"

    if args.warm:
        print("warming the talks cache (untimed run) ...", file=sys.stderr, flush=True)
        w = run_talks("warm")
        if w.full_seen is None:
            last = replay(w)[-1].lines if w.chunks else []
            print("the warm-up run never showed the full list; its last screen:", file=sys.stderr)
            print("\n".join(line.rstrip() for line in last), file=sys.stderr)
            print(f"(is {expect} the number of talks in {args.archive}?)", file=sys.stderr)
            sys.exit(1)
    # What each prefix should show, from the programs' own batch modes: `talks search` and
    # `fzf --filter` (the same matchers), so a key counts as answered only once its hits show.
    print("counting the hits of each prefix (talks search, fzf --filter) ...", file=sys.stderr,
          flush=True)
    expected = {"talks": {}, "fzf": {}}
    ref_env = talks_env("ref")
    for i in range(len(args.query)):
        p = args.query[:i + 1]
        out = subprocess.run([talks_bin, "search", "--data", os.path.abspath(args.archive),
                              "--limit", "0", "--format", "{id}", "--", p], env=ref_env,
                             capture_output=True, text=True)
        expected["talks"][p] = len(out.stdout.splitlines()) if out.returncode in (0, 1) else None
        if out.returncode not in (0, 1):
            print(f"talks search {p!r} failed: {out.stderr.strip()}", file=sys.stderr)
        with open(args.lines, "rb") as f:
            out = subprocess.run([fzf_bin] + shlex.split(args.fzf_opts) + ["--filter", p],
                                 stdin=f, env=base_env, capture_output=True)
        expected["fzf"][p] = out.stdout.count(b"\n")
    runs = {"talks": [], "fzf": []}
    results = {"talks": [], "fzf": []}
    checks = {"talks": (talks_full, talks_state), "fzf": (fzf_full, fzf_state)}
    for i in range(args.runs):
        for name, fn in (("talks", run_talks), ("fzf", run_fzf)):
            r = fn(i)
            runs[name].append(r)
            print(f"run {i + 1}/{args.runs} {name}: {len(r.chunks)} chunks, "
                  f"{sum(len(c) for _, c in r.chunks):,} bytes, exit {r.exit}"
                  + (f" ({'; '.join(r.note)})" if r.note else ""), file=sys.stderr, flush=True)
    # Analysis after all runs, so pyte's work never competes with a measured program.
    for name in runs:
        for i, r in enumerate(runs[name]):
            frames = replay(r)
            full_check, state_of = checks[name]
            results[name].append(analyse(r, frames, full_check, state_of, expected[name]))
            if args.dump:
                os.makedirs(args.dump, exist_ok=True)
                settled = frame_at(frames, r.settled_at or float("inf"))
                with open(os.path.join(args.dump, f"{name}-{i + 1}.txt"), "w") as f:
                    f.write("\n".join(line.rstrip() for line in (settled.lines if settled else [])))
                    f.write("\n\n# chunks: ms since spawn, bytes\n")
                    keys = {round((t - r.t0) * 1000, 2): p for t, p in r.keys}
                    for t, c in r.chunks:
                        small = f" {c!r}" if len(c) <= 80 else ""
                        f.write(f"{(t - r.t0) * 1000:10.2f} {len(c)}{small}\n")
                    for t, p in sorted(keys.items()):
                        f.write(f"key {t:10.2f} {p!r}\n")
                with open(os.path.join(args.dump, f"{name}-{i + 1}.pickle"), "wb") as f:
                    pickle.dump({"t0": r.t0, "chunks": r.chunks, "keys": r.keys,
                                 "settled_at": r.settled_at}, f)
    shutil.rmtree(state_root, ignore_errors=True)
    report(results, runs, args, expect, versions, expected)


if __name__ == "__main__":
    main()
