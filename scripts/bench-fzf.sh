#!/usr/bin/env bash
# Side by side, in one run: `fzf --filter` over one line per talk vs `talks search` over the
# same talks as native TOML, at 10,000 and 100,000 talks, for the same queries; then typing
# "logical replication" one key at a time (fzf: one `fzf --filter` per prefix; talks: the
# in-process per-keystroke numbers from benches/search.rs, which is what the TUI experiences).
#
#   scripts/bench-fzf.sh                 # needs fzf and hyperfine: apt-get install -y fzf hyperfine
#   RUNS=10 SIZES="10000" scripts/bench-fzf.sh
#   TALKS=/path/to/talks BASE=/path/to/older/talks IN_PROCESS=0 scripts/bench-fzf.sh
#     TALKS: time this binary instead of building one; BASE: also time an older build in the
#     same hyperfine runs (before/after side by side); IN_PROCESS=0 skips the cargo benches;
#     TYPING=0 skips fzf's per-keystroke table.
#
# Both tools exit 1 when nothing matches (hence hyperfine -i).
# What is timed differs, and the table says so: `talks search` is a whole process that loads
# and indexes the archive before it searches (the "load only" row is that cost alone), fzf is
# a whole process that reads the lines and matches. Neither number includes drawing a screen.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-10000 100000}"
RUNS="${RUNS:-5}"
WORK="${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/talks-fzf-XXXXXX")}"
TYPED="logical replication"

for tool in fzf hyperfine jq; do
  command -v "$tool" >/dev/null || { echo "bench-fzf: $tool is missing (apt-get install -y $tool)" >&2; exit 2; }
done

# label | talks query | fzf query (fzf has no fields or years: the closest line filter)
QUERIES=(
  "marat|marat|marat"
  "марат|марат|марат"
  "logical replication|logical replication|logical replication"
  "@jelinek year:2015..2020|@jelinek year:2015..2020|jelinek 2015 | 2016 | 2017 | 2018 | 2019 | 2020"
  "postgres !mysql|postgres !mysql|postgres !mysql"
)

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $(fzf --version | head -1 | sed 's/^/fzf /'), $(hyperfine --version), runs per number: $RUNS (plus 1 warm-up)"
GEN="$PWD/target/release/examples/gen_archive"
if [ -z "${TALKS:-}" ]; then
  echo "== building (release) ..."
  cargo build --release --quiet --bin talks --example gen_archive
  TALKS="$PWD/target/release/talks"
fi
[ -x "$GEN" ] || cargo build --release --quiet --example gen_archive
BASE="${BASE:-}"
[ -n "$BASE" ] && echo "== before/after: BASE=$BASE, TALKS=$TALKS"

# Median in ms of each command in a hyperfine JSON export, one per line.
medians() { jq -r '.results[] | (.median * 1000 | . * 100 | round / 100)' "$1"; }
quoted() { printf '%q' "$1"; }

for n in $SIZES; do
  dir="$WORK/native-$n"
  lines="$WORK/lines-$n.txt"
  [ -d "$dir" ] || "$GEN" --talks "$n" --format native --out "$dir" 2>/dev/null
  [ -f "$lines" ] || "$GEN" --talks "$n" --format lines --out "$lines" 2>/dev/null
  echo
  echo "== $n talks ($(ls "$dir" | wc -l) native files, $(du -sh "$dir" | cut -f1); $(wc -l <"$lines") fzf lines, $(du -h "$lines" | cut -f1))"
  printf '%-28s %18s %22s %9s' "query" "fzf --filter ms" "talks search ms" "÷ fzf"
  [ -n "$BASE" ] && printf ' %22s' "before (BASE) ms"
  echo
  args=(--no-bundled --data "$(quoted "$dir")" --json)
  # Each binary has its own cache dir: two cache formats in one file would make both cold.
  base="TALKS_CACHE_DIR=$(quoted "$WORK/cache-talks") $TALKS search ${args[*]}"
  old="${BASE:+TALKS_CACHE_DIR=$(quoted "$WORK/cache-base") $BASE search ${args[*]}}"
  hyperfine -i --runs "$RUNS" --warmup 1 --export-json "$WORK/load-$n.json" \
    "$base zzqxjw" ${old:+"$old zzqxjw"} >/dev/null 2>&1
  mapfile -t m < <(medians "$WORK/load-$n.json")
  printf '%-28s %18s %22s %9s' "(load only, 0 hits)" "-" "${m[0]}" "-"
  [ -n "$BASE" ] && printf ' %22s' "${m[1]}"
  echo
  # The same talks with a warning in every file (two "Lightning talks" per conference: a
  # repeated id), to show whether such an archive gets a warm start.
  warn="$WORK/warn-$n"
  if [ ! -d "$warn" ]; then
    cp -r "$dir" "$warn"
    for f in "$warn"/*.toml; do
      printf '\n[[talk]]\ntitle = "Lightning talks"\n\n[[talk]]\ntitle = "Lightning talks"\n' >>"$f"
    done
  fi
  wargs=(--no-bundled --data "$(quoted "$warn")" --json zzqxjw)
  hyperfine -i --runs "$RUNS" --warmup 1 --export-json "$WORK/warn-$n.json" \
    "TALKS_CACHE_DIR=$(quoted "$WORK/cache-talks-w") $TALKS search ${wargs[*]}" \
    ${BASE:+"TALKS_CACHE_DIR=$(quoted "$WORK/cache-base-w") $BASE search ${wargs[*]}"} >/dev/null 2>&1
  mapfile -t m < <(medians "$WORK/warn-$n.json")
  printf '%-28s %18s %22s %9s' "(load only, warnings)" "-" "${m[0]}" "-"
  [ -n "$BASE" ] && printf ' %22s' "${m[1]}"
  echo
  for entry in "${QUERIES[@]}"; do
    IFS="|" read -r label tq _ <<<"$entry"
    fq="${entry#*|*|}"
    fzf_cmd="fzf --filter $(quoted "$fq") < $(quoted "$lines")"
    talks_cmd="$base $(quoted "$tq")"
    fzf_hits=$( (eval "$fzf_cmd" || true) | wc -l)
    talks_hits=$( (eval "$talks_cmd" || true) | wc -l)
    old_cmd="${old:+$old $(quoted "$tq")}"
    hyperfine -i --runs "$RUNS" --warmup 1 --export-json "$WORK/q.json" "$fzf_cmd" "$talks_cmd" \
      ${old_cmd:+"$old_cmd"} >/dev/null 2>&1
    mapfile -t m < <(medians "$WORK/q.json")
    ratio=$(awk -v a="${m[1]}" -v b="${m[0]}" 'BEGIN { printf "%.2f", a / b }')
    printf '%-28s %18s %22s %9s' "$label" "${m[0]} ($fzf_hits)" "${m[1]} ($talks_hits)" "$ratio"
    [ -n "$BASE" ] && printf ' %22s' "${m[2]}"
    echo
  done

  [ "${TYPING:-1}" = 0 ] && continue
  echo
  echo "-- fzf --filter per keystroke of \"$TYPED\" over $n lines (median ms, hits)"
  cmds=()
  prefixes=()
  for ((i = 1; i <= ${#TYPED}; i++)); do
    p="${TYPED:0:i}"
    prefixes+=("$p")
    cmds+=("fzf --filter $(quoted "$p") < $(quoted "$lines")")
  done
  hyperfine -i --runs "$RUNS" --warmup 1 --export-json "$WORK/typing-$n.json" "${cmds[@]}" >/dev/null 2>&1
  mapfile -t m < <(medians "$WORK/typing-$n.json")
  for i in "${!prefixes[@]}"; do
    printf '  %-24s %8s %7s\n' "\"${prefixes[$i]}\"" "${m[$i]}" "$( (fzf --filter "${prefixes[$i]}" <"$lines" || true) | wc -l)"
  done
  printf '%s\n' "${m[@]}" | sort -n | awk '{ a[NR] = $1 } END {
    printf "  fzf per keystroke: median %.2f ms, worst (slowest key median) %.2f ms\n", a[int((NR + 1) / 2)], a[NR] }'
done

if [ "${IN_PROCESS:-1}" = 0 ]; then
  echo; echo "(archives and hyperfine exports kept in $WORK)"; exit 0
fi
echo
echo "== talks in process (what the TUI experiences): full searches, then typing"
echo "   (benches/search.rs generates the same talks from the same seed, 10,000 and 100,000)"
joined=""
for entry in "${QUERIES[@]}"; do
  IFS='|' read -r _ tq _ <<<"$entry"
  joined="$joined$tq;"
done
TALKS_BENCH_QUERIES="$joined" cargo bench --quiet --bench search 2>/dev/null | grep -v '^$'
TALKS_BENCH_TYPING_ONLY=1 TALKS_BENCH_TYPING_REPS="${TYPING_REPS:-10}" \
  cargo bench --quiet --bench search 2>/dev/null | sed -n '/^typing/,/^hits per query/p' | grep -v '^hits per query'
echo
echo "(archives and hyperfine exports kept in $WORK)"
