#!/usr/bin/env bash
# The dispatcher's delivery benchmark, on the built distribution (like bench/run.sh it builds nothing:
# run `flock /tmp/mvn.lock mvn -o -q -B install -DskipTests` first).
#
# A webhook partner (etc/org.laporpredator.notifier.webhook-bench.cfg) points at a loopback receiver
# (bench/deliveries/DeliveryBench.java, compiled here with javac) that checks every Standard Webhooks
# signature (HMAC-SHA256) and answers 200. The dispatcher runs as shipped (POLL_MILLIS= changes its pollMillis).
#  0. warm-up: WARMUP (120) s of wrk submissions with a second partner, webhook-warmup, taking every event
#     (the JIT and Derby's page cache settle on intake, fan-out, claim and delivery alike); then that
#     partner's file is removed (its records are left alone) and webhook-bench is added: a new partner
#     starts after the newest event, so it has no backlog.
#  A. deliveries/s: with notifier-webhook switched off (lapor:disable), EVENTS (10,000) reports are
#     submitted, the script waits until lapor:deliveries shows them PENDING, switches the notifier on and
#     times the receiver until it has EVENTS distinct webhook-ids; duplicates, bad signatures and the CPU
#     per delivery of Karaf's threads are counted.
#  B. submissions while the dispatcher drains: ROUNDS alternating pairs of wrk POST /api/reports (the
#     submission benchmark's call, bench/report.lua), the first with the notifier off (R0; it also builds the
#     backlog), the second at once after switching it on (R1, while the backlog drains); R1/R0 per pair and
#     the median, and whether the backlog lasted to the end of R1.
# Usage: bench/deliveries/run.sh [seconds-per-run]   (ROUNDS=, EVENTS=, SEED_THREADS=, CONNS=, WARMUP=,
#        POLL_MILLIS=, DISPATCHER_THREADS=, BUSY_DELIVERIES= (busyDeliveriesPerSecond), PORT= to change; JFR=1 records phase A in
#        bench/target/deliveries-phase-a.jfr; PHASES=A stops after phase A; EXTRA_JAVA_OPTS reaches Karaf)
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
SECONDS_PER_RUN=${1:-15}
ROUNDS=${ROUNDS:-3}
EVENTS=${EVENTS:-10000}
SEED_THREADS=${SEED_THREADS:-16}
WARMUP=${WARMUP:-120} # as bench/run.sh: the JIT and Derby's page cache need about two minutes to settle
CONNS=${CONNS:-16}
POLL_MILLIS=${POLL_MILLIS:-}
DISPATCHER_THREADS=${DISPATCHER_THREADS:-}
BUSY_DELIVERIES=${BUSY_DELIVERIES:-}
PORT=${PORT:-8686}
RECEIVER_PORT=${RECEIVER_PORT:-$((PORT + 10))}
PARTNER=webhook-bench
command -v wrk >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
TAR=$(ls karaf-assembly/target/lapor-predator-*.tar.gz | head -1)
DIR=bench/target/deliveries-karaf
CLASSES=bench/target/deliveries-classes
rm -rf "$DIR" "$CLASSES" && mkdir -p "$DIR" "$CLASSES"
javac -d "$CLASSES" bench/deliveries/DeliveryBench.java
tar xzf "$TAR" -C "$DIR" --strip-components=1

# ports away from 8181 (and from bench/run.sh's 8585), as bench/run.sh does
sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $PORT/" "$DIR/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort *=.*/sshPort = $((PORT + 1))/" "$DIR/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = $((PORT + 2))/; s/^rmiServerPort *=.*/rmiServerPort = $((PORT + 3))/" \
  "$DIR/etc/org.apache.karaf.management.cfg"
# one client sends every request: the per-client submission limit would refuse nearly all of them
sed -i "s/^submissionsPerMinute *=.*/submissionsPerMinute = 100000000/; s/^submissionBurst *=.*/submissionBurst = 100000000/" \
  "$DIR/etc/org.laporpredator.core.cfg"
[ -z "$POLL_MILLIS" ] || sed -i "s/^pollMillis *=.*/pollMillis = $POLL_MILLIS/" "$DIR/etc/org.laporpredator.dispatcher.cfg"
[ -z "$BUSY_DELIVERIES" ] || sed -i "s/^busyDeliveriesPerSecond *=.*/busyDeliveriesPerSecond = $BUSY_DELIVERIES/" "$DIR/etc/org.laporpredator.dispatcher.cfg"
[ -z "$DISPATCHER_THREADS" ] || sed -i "s/^threads *=.*/threads = $DISPATCHER_THREADS/" "$DIR/etc/org.laporpredator.dispatcher.cfg"
SECRET="whsec_$(openssl rand -base64 32)"
partner() { # name path: a webhook partner's file, to the receiver
  printf '# the delivery benchmark'"'"'s loopback receiver (bench/deliveries/DeliveryBench.java)\nurl = %s\nsecret = %s\ntimeoutSeconds = 15\n' \
    "http://127.0.0.1:$RECEIVER_PORT/$2" "$SECRET" >"$DIR/etc/org.laporpredator.notifier.$1.cfg.tmp"
  mv "$DIR/etc/org.laporpredator.notifier.$1.cfg.tmp" "$DIR/etc/org.laporpredator.notifier.$1.cfg"
}
partner webhook-warmup warmup
ADMIN=bench
ADMIN_PASSWORD="bench-$(openssl rand -hex 12)"
LAPOR_ADMIN_PASSWORD="$ADMIN_PASSWORD" "$DIR/bin/create-admin" "$ADMIN" >/dev/null

java -Dsun.net.httpserver.nodelay=true -Xmx512m -cp "$CLASSES" DeliveryBench receive "$RECEIVER_PORT" "$SECRET" \
  >bench/target/deliveries-receiver.log 2>&1 &
RECEIVER_PID=$!
"$DIR/bin/start" >/dev/null 2>&1
trap '"$DIR/bin/stop" >/dev/null 2>&1 || true; kill "$RECEIVER_PID" 2>/dev/null || true' EXIT
BASE="http://localhost:$PORT"
RECEIVER="http://127.0.0.1:$RECEIVER_PORT"
for i in $(seq 1 180); do
  curl -sf "$BASE/api/health" >/dev/null && break
  sleep 1
done
curl -sf "$BASE/api/health" >/dev/null || { echo "server did not come up" >&2; exit 1; }
curl -sf "$RECEIVER/stats" >/dev/null || { echo "receiver did not come up" >&2; exit 1; }

shell() { "$DIR/bin/client" -a $((PORT + 1)) -u "$ADMIN" -p "$ADMIN_PASSWORD" -b -r 30 <<<"$1" 2>&1; }
switch() { # on|off
  local out
  out=$(shell "lapor:$([ "$1" = on ] && echo enable || echo disable) notifier-webhook")
  if grep -qi "error\|unknown\|denied" <<<"$out"; then echo "lapor:${1} notifier-webhook: $out" >&2; exit 1; fi
}
# prints: pending delivered failed dead (the partner's line of lapor:deliveries; zeros before its first record)
counts() {
  shell "lapor:deliveries" | awk -v p="$PARTNER" '
    index($0, p) { gsub(p, ""); gsub(/[^0-9]+/, " "); split($0, f, " "); print f[1]+0, f[2]+0, f[3]+0, f[4]+0; found=1; exit }
    END { if (!found) print 0, 0, 0, 0 }'
}
# prints: requests distinct duplicates bad window_first_ms last_new_ms (of /hook) warmup_distinct
stats() { curl -sf "$RECEIVER/stats"; }
now_ms() { date +%s%3N; }
seed() { # count tag -> "ok errors seconds"
  java -cp "$CLASSES" DeliveryBench seed "$BASE" "$1" "$SEED_THREADS" "$2-$(date +%s%N)"
}
wait_for() { # field target timeout-seconds: until field (2: distinct at /hook, 7: at /warmup) reaches target
  local deadline=$(($(date +%s) + $3)) v
  while :; do
    v=$(stats | awk -v f="$1" '{ print $f }')
    [ "$v" -ge "$2" ] && return 0
    [ "$(date +%s)" -lt "$deadline" ] || { echo "receiver has $v distinct ids, expected $2" >&2; return 1; }
    sleep 0.2
  done
}
# A partner's cursor is made on the dispatcher's first round after it read the partner's file: an event
# before it is never sent to that partner. So probe reports until one arrives.
probe() { # field
  for i in $(seq 1 12); do
    seed 1 probe >/dev/null
    wait_for "$1" 1 5 2>/dev/null && return 0
  done
  echo "no delivery reached the receiver; see $DIR/data/log/karaf.log" >&2
  exit 1
}
# cpu_threads: bench/lib.sh
# a snapshot of Karaf's threads, the receiver, the machine (busy and idle µs) and the wall clock (µs)
snap() { # name
  {
    cpu_threads "$KARAF_PID"
    cpu_threads "$RECEIVER_PID" | awk '$1 == "TOTAL" { print "RECEIVER", $2, 0 }'
    awk '/^cpu / { print "MACHINE", ($2 + $3 + $4 + $7 + $8) * 10000, ($5 + $6) * 10000 }' /proc/stat
    echo "WALL $(date +%s%6N) 0"
  } >"bench/target/deliveries-cpu-$1.txt"
}
# "name run_us wait_us" between two snapshots
delta() { # from to
  awk 'NR == FNR { r[$1] = $2; w[$1] = $3; next } { print $1, $2 - r[$1], $3 - w[$1] }' \
    "bench/target/deliveries-cpu-$1.txt" "bench/target/deliveries-cpu-$2.txt"
}
# the machine is shared: Java processes not ours (builds, tests, other benchmarks) now; KARAF_PID once known
others() { pgrep -x java | { grep -vx -e "${KARAF_PID:-0}" -e "$RECEIVER_PID" || true; } | wc -l; }
disturbed=()
note_others() { # what: sets LAST_OTHERS
  LAST_OTHERS=$(others)
  [ "$LAST_OTHERS" -eq 0 ] || disturbed+=("$1: $LAST_OTHERS")
}
busy_pct() { delta "$1" "$2" | awk '$1 == "MACHINE" { printf "%.0f", 100 * $2 / ($2 + $3) }'; }

# ---- warm-up
probe 7
echo "warm-up: ${WARMUP}s of submissions, delivered to webhook-warmup ..."
w0=$(stats | awk '{ print $7 }')
w_out=$(wrk -t2 -c"$CONNS" -d"${WARMUP}s" -s bench/report.lua "$BASE")
w1=$(stats | awk '{ print $7 }')
KARAF_PID=$(pgrep -f "karaf.home=$PWD/$DIR " | head -1)
note_others warm-up
w_rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$w_out")
w_rate=$(awk -v n="$((w1 - w0))" -v s="$WARMUP" 'BEGIN { printf "%.0f", n / s }')
rm "$DIR/etc/org.laporpredator.notifier.webhook-warmup.cfg"
partner "$PARTNER" hook
probe 2

# ---- phase A
switch off
read -r p0 _ < <(counts)
read -r seed_ok seed_err seed_s < <(seed "$EVENTS" phase-a)
[ "$seed_ok" -eq "$EVENTS" ] || { echo "only $seed_ok of $EVENTS reports were acknowledged" >&2; exit 1; }
echo "phase A: $EVENTS reports submitted in ${seed_s}s ($seed_err retried); waiting for $EVENTS PENDING records ..."
deadline=$(($(date +%s) + 300))
while :; do
  read -r pending _ < <(counts)
  [ "$((pending - p0))" -ge "$EVENTS" ] && break
  [ "$(date +%s)" -lt "$deadline" ] || { echo "only $((pending - p0)) PENDING records" >&2; exit 1; }
  sleep 1
done
read -r a_req a_dist a_dup a_bad _ < <(stats)
note_others "before phase A"
[ -z "${JFR:-}" ] || jcmd "$KARAF_PID" JFR.start name=deliveries settings=profile >/dev/null
snap a0
curl -sf -XPOST "$RECEIVER/mark" >/dev/null
t_on=$(now_ms)
switch on
t_switched=$(now_ms)
wait_for 2 $((a_dist + EVENTS)) 900
snap a1
note_others "phase A"
[ -z "${JFR:-}" ] || jcmd "$KARAF_PID" JFR.stop name=deliveries filename="$PWD/bench/target/deliveries-phase-a.jfr" >/dev/null
sleep 2 # late duplicates
read -r b_req b_dist b_dup b_bad b_first b_last _ < <(stats)
read -r a_pending a_delivered a_failed a_dead < <(counts)
a_span=$(awk -v a="$b_first" -v b="$b_last" 'BEGIN { printf "%.2f", (b - a) / 1000 }')
a_rate=$(awk -v n="$EVENTS" -v s="$a_span" 'BEGIN { printf "%.0f", n / s }')
a_span_on=$(awk -v a="$t_on" -v b="$b_last" 'BEGIN { printf "%.2f", (b - a) / 1000 }')
a_rate_on=$(awk -v n="$EVENTS" -v s="$a_span_on" 'BEGIN { printf "%.0f", n / s }')
a_enable=$(awk -v a="$t_on" -v b="$t_switched" -v f="$b_first" 'BEGIN { printf "%.2f s (first delivery after %.2f s)", (b - a) / 1000, (f - a) / 1000 }')

# ---- phase B
switch off
[ "${PHASES:-AB}" != A ] || ROUNDS=0
# prints: rps p50_ms p99_ms errors
measure() {
  local out
  out=$(wrk -t2 -c"$CONNS" -d"${SECONDS_PER_RUN}s" --latency -s bench/report.lua "$BASE")
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
row() { printf '%-6s %-26s %10s %9s %9s %7s %9s %11s %5s %7s' "$@"; }
rows=()
ratios=()
emptied=()
for r in $(seq 1 "$ROUNDS"); do
  snap "r$r-off-0"
  read -r off_rps off_p50 off_p99 off_err < <(measure)
  snap "r$r-off-1"
  note_others "round $r R0"
  off_others=$LAST_OTHERS
  read -r backlog_before _ failed_before _ < <(counts)
  switch on
  read -r _ d_start _ < <(stats)
  t_start=$(now_ms)
  snap "r$r-on-0"
  read -r on_rps on_p50 on_p99 on_err < <(measure)
  snap "r$r-on-1"
  t_end=$(now_ms)
  read -r _ d_end _ < <(stats)
  note_others "round $r R1"
  on_others=$LAST_OTHERS
  read -r backlog_after _ failed_after _ < <(counts)
  switch off
  drained=$(awk -v n="$((d_end - d_start))" -v a="$t_start" -v b="$t_end" 'BEGIN { printf "%.0f", n * 1000 / (b - a) }')
  rows+=("$(row "$r" "notifier off (R0)" "$off_rps" "$off_p50" "$off_p99" "$off_err" "" "$((backlog_before + failed_before))" "$(busy_pct "r$r-off-0" "r$r-off-1")" "$off_others")")
  rows+=("$(row "$r" "notifier on, draining (R1)" "$on_rps" "$on_p50" "$on_p99" "$on_err" "$drained" "$((backlog_after + failed_after))" "$(busy_pct "r$r-on-0" "r$r-on-1")" "$on_others")")
  ratios+=("$(awk -v s="$on_rps" -v b="$off_rps" 'BEGIN { printf "%.1f", 100*s/b }')")
  [ "$((backlog_after + failed_after))" -gt 0 ] || emptied+=("$r")
done
"$DIR/bin/stop" >/dev/null 2>&1 || true

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
echo "warm-up: ${w_rps} submissions/s for ${WARMUP}s, while $w_rate deliveries/s reached webhook-warmup"
echo
echo "A. $EVENTS pending deliveries to $PARTNER (loopback receiver, signatures checked; pollMillis ${POLL_MILLIS:-as shipped})"
printf '   %-44s %s\n' "first to last delivery:" "${a_span} s = $a_rate deliveries/s"
printf '   %-44s %s\n' "from lapor:enable to the last delivery:" "${a_span_on} s = $a_rate_on deliveries/s"
printf '   %-44s %s\n' "lapor:enable took:" "$a_enable"
printf '   %-44s %s\n' "requests / duplicates / bad signatures:" "$((b_req - a_req)) / $((b_dup - a_dup)) / $((b_bad - a_bad))"
printf '   %-44s %s\n' "records after (pending delivered failed dead):" "$a_pending $a_delivered $a_failed $a_dead"
printf '   %-44s %s\n' "machine CPU busy while draining:" "$(busy_pct a0 a1)% of $(nproc) cores"
echo "   CPU per delivery (µs) from lapor:enable to the last delivery, Karaf's threads by name and the receiver:"
delta a0 a1 | awk -v n="$EVENTS" '$1 != "MACHINE" && $1 != "WALL" && $2 > 0 { printf "     %-24s %8.0f\n", $1, $2 / n }' |
  sort -k2 -nr | head -14
if [ "$ROUNDS" -gt 0 ]; then
echo
echo "B. POST /api/reports at $CONNS connections, ${SECONDS_PER_RUN}s per run, while the dispatcher drains"
printf '%-6s %-26s %10s %9s %9s %7s %9s %11s %5s %7s\n' round run req/s p50_ms p99_ms errors deliv/s backlog_end cpu% others
printf '%s\n' "${rows[@]}"
echo "submissions draining / not draining = ${ratios[*]} (%), median $(printf '%s\n' "${ratios[@]}" | median)%"
echo "Cores used in round $ROUNDS (run = on a core, wait = ready but waiting for one; MACHINE: busy and idle), Karaf's threads by name:"
printf '   %-24s %9s %9s %9s %9s\n' "" "R0 run" "R0 wait" "R1 run" "R1 wait"
LC_ALL=C join -a 2 -e 0 -o 0,1.2,1.3,2.2,2.3 <(delta "r$ROUNDS-off-0" "r$ROUNDS-off-1" | LC_ALL=C sort) \
  <(delta "r$ROUNDS-on-0" "r$ROUNDS-on-1" | LC_ALL=C sort) |
  awk -v w0="$(delta "r$ROUNDS-off-0" "r$ROUNDS-off-1" | awk '$1 == "WALL" { print $2 }')" \
      -v w1="$(delta "r$ROUNDS-on-0" "r$ROUNDS-on-1" | awk '$1 == "WALL" { print $2 }')" \
    '$1 != "WALL" && ($2 + $4) / (w0 + w1) > 0.005 { printf "   %-24s %9.2f %9.2f %9.2f %9.2f\n", $1, $2 / w0, $3 / w0, $4 / w1, $5 / w1 }' |
  sort -k4 -nr | head -16
if [ "${#emptied[@]}" -gt 0 ]; then
  echo "the backlog emptied before the end of R1 in round(s) ${emptied[*]}: those R1 runs were not draining throughout"
else
  echo "the backlog lasted to the end of every R1 run"
fi
fi
echo
if [ "${#disturbed[@]}" -gt 0 ]; then
  echo "DISTURBED: other Java processes (builds, tests) ran on the machine: ${disturbed[*]} (count seen after each step)"
else
  echo "no other Java process was seen after any step"
fi
