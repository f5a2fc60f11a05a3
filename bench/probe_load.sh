#!/usr/bin/env bash
# Load check for `ironlaw probe`: TARGETS loopback targets (default 1000: 80% http, 10% tcp,
# 10% tls) probed with --concurrency CONC (default 100), release build.
#
#   bench/probe_load.sh [TARGETS] [CONC]
#
# Env: BOUND=10 (seconds; the check fails above it), SERVERS=4 (HTTP server processes),
#      KEEP=1 (keep the work directory).
#
# Servers: asyncio HTTP responders (python3) on 127.0.0.1 and one TLS responder with a
# self-signed certificate made by the openssl CLI (trusted through --ca). Nothing leaves the
# machine; the servers are stopped on exit. Prints wall time, peak RSS and the summary line.
set -euo pipefail

N="${1:-1000}"
CONC="${2:-100}"
BOUND="${BOUND:-10}"
SERVERS="${SERVERS:-4}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

echo "== building release binary" >&2
cargo build --release --quiet
BIN="$ROOT/target/release/ironlaw"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ironlaw-probe-load.XXXXXX")"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi
}
trap cleanup EXIT

# a leaf (CA:FALSE) for 127.0.0.1, self-signed, trusted through --ca
cat > "$WORK/cert.cnf" <<'EOF'
[req]
distinguished_name = dn
x509_extensions = leaf
prompt = no
[dn]
CN = 127.0.0.1
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1
EOF
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 90 \
  -config "$WORK/cert.cnf" -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null

cat > "$WORK/server.py" <<'EOF'
import asyncio, ssl, sys
RESP = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
async def handle(reader, writer):
    try:
        await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
        writer.write(RESP)
        await writer.drain()
    except Exception:
        pass
    finally:
        writer.close()
async def main():
    ctx = None
    if len(sys.argv) > 1:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(sys.argv[1], sys.argv[2])
    srv = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024, ssl=ctx)
    print(srv.sockets[0].getsockname()[1], flush=True)
    await srv.serve_forever()
asyncio.run(main())
EOF

start_server() { # args → the port in $PORT (not in a subshell: the pid must reach PIDS)
  local out="$WORK/port.${#PIDS[@]}"
  python3 "$WORK/server.py" "$@" > "$out" 2>/dev/null &
  PIDS+=($!)
  for _ in $(seq 200); do [ -s "$out" ] && break; sleep 0.05; done
  PORT="$(head -n1 "$out")"
}

HTTP_PORTS=()
for _ in $(seq "$SERVERS"); do start_server; HTTP_PORTS+=("$PORT"); done
start_server "$WORK/cert.pem" "$WORK/key.pem"
TLS_PORT="$PORT"

# the targets file: 80% http (spread over the servers), 10% tcp, 10% tls
python3 - "$N" "$TLS_PORT" "${HTTP_PORTS[@]}" > "$WORK/targets.yaml" <<'EOF'
import sys
n, tls, ports = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
print("targets:")
for i in range(n):
    p = ports[i % len(ports)]
    if i % 10 == 8:
        print(f"  - url: tcp://127.0.0.1:{p}\n    name: tcp-{i}")
    elif i % 10 == 9:
        print(f"  - url: tls://127.0.0.1:{tls}\n    name: tls-{i}")
    else:
        print(f"  - http://127.0.0.1:{p}/healthz?n={i}")
EOF

echo "== probing $N targets, --concurrency $CONC" >&2
/usr/bin/time -f "%e %M" -o "$WORK/time" \
  "$BIN" probe --targets "$WORK/targets.yaml" --concurrency "$CONC" --ca "$WORK/cert.pem" \
  --timeout 5s --deadline 60s --format json --output "$WORK/report.json" || true
# GNU time prefixes "Command exited with non-zero status N" when the probe exits 1
read -r WALL RSS_KB < <(tail -n1 "$WORK/time")
SUMMARY="$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(" ".join(f"{k}={v}" for k,v in s.items()))' "$WORK/report.json")"
echo "targets=$N concurrency=$CONC wall=${WALL}s peak_rss=$((RSS_KB / 1024))MiB $SUMMARY"
python3 - "$WORK/report.json" "$N" "$WALL" "$BOUND" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
n, wall, bound = int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
s = r["summary"]
if s["up"] != n:
    bad = [t for t in r["targets"] if t["status"] != "up"][:5]
    sys.exit(f"FAIL: {n - s['up']} target(s) not up, e.g. {[(t['name'], t['error']) for t in bad]}")
if wall > bound:
    sys.exit(f"FAIL: {wall}s is above the {bound}s bound")
print(f"OK: {n} targets up in {wall}s (bound {bound}s)")
EOF
