#!/usr/bin/env bash
# Loads POST /api/reports and the cheapest JAX-RS call (GET /api/health) of the same server over
# loopback, at 16 and 64 connections, after a warm-up; prints throughput, p50/p99 and the ratio.
# Each concurrency runs ROUNDS alternating pairs (cheap call, then submission), so that both sides
# meet the same moments of a shared, noisy machine; it prints every pair and the median ratio.
# Usage: bench/run.sh [seconds-per-run]   (builds nothing: run `mvn -o install -DskipTests` first)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-15}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-120} # the JIT and Derby's page cache need about two minutes of submissions to settle
PORT=${PORT:-8585}
command -v wrk >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
TAR=$(ls karaf-assembly/target/lapor-predator-*.tar.gz | head -1)
DIR=bench/target/karaf
rm -rf "$DIR" && mkdir -p "$DIR"
tar xzf "$TAR" -C "$DIR" --strip-components=1
sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $PORT/" "$DIR/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort *=.*/sshPort = $((PORT + 1))/" "$DIR/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = $((PORT + 2))/; s/^rmiServerPort *=.*/rmiServerPort = $((PORT + 3))/" \
  "$DIR/etc/org.apache.karaf.management.cfg"
# one client sends every request: the per-client submission limit would refuse nearly all of them
sed -i "s/^submissionsPerMinute *=.*/submissionsPerMinute = 100000000/; s/^submissionBurst *=.*/submissionBurst = 100000000/" \
  "$DIR/etc/org.laporpredator.core.cfg"
"$DIR/bin/start" >/dev/null 2>&1
trap '"$DIR/bin/stop" >/dev/null 2>&1 || true' EXIT
BASE="http://localhost:$PORT"
for i in $(seq 1 180); do
  curl -sf "$BASE/api/health" >/dev/null && break
  sleep 1
done
curl -sf "$BASE/api/health" >/dev/null || { echo "server did not come up" >&2; exit 1; }

echo "warm-up ${WARMUP}s of submissions, 20s of the cheap call ..."
wrk -t2 -c16 -d"${WARMUP}s" -s bench/report.lua "$BASE" >/dev/null
wrk -t2 -c16 -d20s "$BASE/api/health" >/dev/null

# prints: rps p50_ms p99_ms errors
measure() {
  local conns=$1; shift
  local out
  out=$(wrk -t2 -c"$conns" -d"${SECONDS_PER_RUN}s" --latency "$@")
  local rps p50 p99 non2xx sock
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); non2xx=${non2xx:-0}
  sock=$(awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' <<<"$out"); sock=${sock:-0}
  echo "$rps $(ms "$p50") $(ms "$p99") $((non2xx + sock))"
}
ms() { # wrk latency like 1.23ms / 850.00us / 1.02s -> milliseconds
  awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n=n/1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n=n*1000; printf "%.2f", n }'
}

printf '\n%-6s %-6s %-22s %12s %10s %10s %8s\n' conns round call req/s p50_ms p99_ms errors
for c in 16 64; do
  ratios=()
  for r in $(seq 1 "$ROUNDS"); do
    read -r base_rps base_p50 base_p99 base_err < <(measure "$c" "$BASE/api/health")
    read -r sub_rps sub_p50 sub_p99 sub_err < <(measure "$c" -s bench/report.lua "$BASE")
    printf '%-6s %-6s %-22s %12s %10s %10s %8s\n' "$c" "$r" "GET /api/health" "$base_rps" "$base_p50" "$base_p99" "$base_err"
    printf '%-6s %-6s %-22s %12s %10s %10s %8s\n' "$c" "$r" "POST /api/reports" "$sub_rps" "$sub_p50" "$sub_p99" "$sub_err"
    ratios+=("$(awk -v s="$sub_rps" -v b="$base_rps" 'BEGIN { printf "%.1f", 100*s/b }')")
  done
  median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  echo "$c connections: submission / cheap call = ${ratios[*]} (%), median $median%"
done
