#!/usr/bin/env bash
# Benchmark the secrets scan (`ironlaw check --select SEC`) against detect-secrets on a
# generated tree of mixed text with planted fake secrets (bench/gen_text.py).
#
#   bench/secrets.sh [MB]          (default 110 MB)
#
# Env: RUNS=3 (timed ironlaw runs, median reported), DS_RUNS=1 (timed detect-secrets runs),
#      SEED=42, CORPUS=dir (reuse a generated tree instead of generating one), KEEP=1,
#      JOBS (ironlaw --jobs and detect-secrets --cores; default: all CPUs),
#      DETECT_SECRETS=/path/to/detect-secrets (default /tmp/ds/bin/detect-secrets, then PATH;
#      install: python3 -m venv /tmp/ds && /tmp/ds/bin/pip install detect-secrets).
set -euo pipefail

MB="${1:-110}"
RUNS="${RUNS:-3}"
DS_RUNS="${DS_RUNS:-1}"
SEED="${SEED:-42}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

echo "== building release binary" >&2
cargo build --release --quiet
BIN="$ROOT/target/release/ironlaw"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ironlaw-secrets-bench.XXXXXX")"
cleanup() { if [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi; }
trap cleanup EXIT
if [ -z "${CORPUS:-}" ]; then
  CORPUS="$WORK/corpus"
  python3 bench/gen_text.py "$CORPUS" --mb "$MB" --seed "$SEED" >&2
fi
FILES=$(find "$CORPUS" -type f | wc -l)
BYTES=$(find "$CORPUS" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
PLANTED=$(wc -l < "$CORPUS/planted.tsv")
CPUS="${JOBS:-$(nproc)}"

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# one timed run: prints "WALL_SECONDS MAX_RSS_KIB CPU_SECONDS"; the command's stdout goes
# to $OUT (CPU = user + sys, the fairer figure on a loaded machine)
timed() {
  /usr/bin/time -f '%e %M %U %S' -o "$WORK/time.txt" "$@" > "$OUT" 2> "$WORK/stderr.txt" || true
  tail -n 1 "$WORK/time.txt" | awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }'
}

echo "== $FILES files, $((BYTES / 1000000)) MB, $PLANTED planted secrets, $CPUS CPU(s)" >&2
# the planted secret on (path, line) was found by a tool that lists it
recall() { awk -F'\t' 'NR == FNR { seen[$1 "\t" $2] = 1; next } ($1 "\t" $2) in seen { n++ } END { print n + 0 }' "$1" "$CORPUS/planted.tsv"; }

# ironlaw: warm the page cache once, then RUNS timed runs
OUT="$WORK/ironlaw.json"
"$BIN" check "$CORPUS" --select SEC --format json --no-config --jobs "$CPUS" > "$OUT" || true
times=(); rss=(); cpus=()
for _ in $(seq "$RUNS"); do
  read -r t m c < <(timed "$BIN" check "$CORPUS" --select SEC --format json --no-config --jobs "$CPUS")
  times+=("$t"); rss+=("$m"); cpus+=("$c")
done
IL_T=$(median "${times[@]}")
IL_RSS=$(median "${rss[@]}")
IL_CPU=$(median "${cpus[@]}")
python3 - "$OUT" > "$WORK/ironlaw.tsv" <<'EOF'
import json, sys
v = json.load(open(sys.argv[1]))
for f in v["findings"]:
    print(f"{f['path']}\t{f['start']['line']}\t{f['rule_id']}")
print(f"# scanned={v['coverage']['secrets']['scanned']}", file=sys.stderr)
EOF
IL_FOUND=$(grep -vc '^#' "$WORK/ironlaw.tsv" || true)
IL_RECALL=$(recall "$WORK/ironlaw.tsv")
IL_MBS=$(echo "$BYTES / $IL_T / 1000000" | bc -l)
printf 'ironlaw        : runs %s s; median %.2f s; %.1f MB/s; CPU %s s; max RSS %s KiB; %s findings; %s/%s planted found\n' \
  "${times[*]}" "$IL_T" "$IL_MBS" "$IL_CPU" "$IL_RSS" "$IL_FOUND" "$IL_RECALL" "$PLANTED"

DS="${DETECT_SECRETS:-}"
if [ -z "$DS" ]; then
  if [ -x /tmp/ds/bin/detect-secrets ]; then DS=/tmp/ds/bin/detect-secrets
  elif command -v detect-secrets > /dev/null; then DS=$(command -v detect-secrets)
  fi
fi
if [ -z "$DS" ]; then
  echo "detect-secrets not found (python3 -m venv /tmp/ds && /tmp/ds/bin/pip install detect-secrets); no ratio" >&2
  exit 0
fi
echo "== detect-secrets $("$DS" --version) (--cores $CPUS, scan --all-files, default plugins)" >&2
OUT="$WORK/ds.json"
times=(); rss=(); cpus=()
for _ in $(seq "$DS_RUNS"); do
  read -r t m c < <(cd "$CORPUS" && timed "$DS" --cores "$CPUS" scan --all-files .)
  times+=("$t"); rss+=("$m"); cpus+=("$c")
done
DS_T=$(median "${times[@]}")
DS_RSS=$(median "${rss[@]}")
DS_CPU=$(median "${cpus[@]}")
python3 - "$OUT" > "$WORK/ds.tsv" <<'EOF'
import json, sys
v = json.load(open(sys.argv[1]))
for path, results in v.get("results", {}).items():
    for r in results:
        print(f"{path.removeprefix('./')}\t{r['line_number']}\t{r['type']}")
EOF
DS_FOUND=$(wc -l < "$WORK/ds.tsv")
DS_RECALL=$(recall "$WORK/ds.tsv")
DS_MBS=$(echo "$BYTES / $DS_T / 1000000" | bc -l)
printf 'detect-secrets : runs %s s; median %.2f s; %.1f MB/s; CPU %s s; max RSS %s KiB; %s findings; %s/%s planted found\n' \
  "${times[*]}" "$DS_T" "$DS_MBS" "$DS_CPU" "$DS_RSS" "$DS_FOUND" "$DS_RECALL" "$PLANTED"
printf 'ratio          : ironlaw %.1fx detect-secrets (MB/s, same tree, same run); %.1fx per CPU-second\n' \
  "$(echo "$DS_T / $IL_T" | bc -l)" "$(echo "$DS_CPU / $IL_CPU" | bc -l)"
