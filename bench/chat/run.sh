#!/usr/bin/env bash
# The chat benchmark: conversation turns per second through the Telegram webhook of the built distribution,
# with the bot's replies going to a loopback stand-in for the Bot API (bench/chat/ChatBench.java, compiled
# here with javac, in its own JVM), against GET /api/health with the same client threads in the same run.
# Like bench/run.sh it builds nothing: run `flock /tmp/mvn.lock mvn -o -q -B install -DskipTests` first.
# A turn is one update (the POST answered 200 once the conversation's state is committed); a conversation is
# 10 turns (/start, 8 buttons and a link, the last one commits a report).
# Usage: bench/chat/run.sh   (THREADS= (16), WARMUP= seconds (60: on 2 cores the JIT still compiles CXF, Derby and the crypto after 20 s), MEASURE= seconds measured (30), PORT= (8886))
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
THREADS=${THREADS:-16}
WARMUP=${WARMUP:-60}
MEASURE=${MEASURE:-30}
PORT=${PORT:-8886}
STANDIN=$((PORT + 13))
TAR=$(ls karaf-assembly/target/lapor-predator-*.tar.gz 2>/dev/null | head -1) ||
  { echo "no karaf-assembly/target/lapor-predator-*.tar.gz: build the distribution first" >&2; exit 1; }
DIR=bench/target/chat-karaf
CLASSES=bench/target/chat-classes
rm -rf "$DIR" "$CLASSES" && mkdir -p "$DIR" "$CLASSES"
javac -d "$CLASSES" bench/chat/ChatBench.java
tar xzf "$TAR" -C "$DIR" --strip-components=1
sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $PORT/" "$DIR/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort *=.*/sshPort = $((PORT + 1))/" "$DIR/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = $((PORT + 2))/; s/^rmiServerPort *=.*/rmiServerPort = $((PORT + 3))/" \
  "$DIR/etc/org.apache.karaf.management.cfg"
# every chat of the run is another user, but one machine sends them all
sed -i "s/^submissionsPerMinute *=.*/submissionsPerMinute = 100000000/; s/^submissionBurst *=.*/submissionBurst = 100000000/" \
  "$DIR/etc/org.laporpredator.core.cfg"
SECRET="bench-$(openssl rand -hex 12)"
T="$DIR/etc/org.laporpredator.channel.telegram.cfg"
sed -i "s/^token *=.*/token = 123456:BENCH-token/; s/^secret *=.*/secret = $SECRET/; s|^apiBase *=.*|apiBase = http://127.0.0.1:$STANDIN|" "$T"
grep -qx "secret = $SECRET" "$T" || { echo "telegram cfg not set" >&2; exit 1; }

java -Xmx256m -cp "$CLASSES" ChatBench standin "$STANDIN" >bench/target/chat-standin.log 2>&1 &
STANDIN_PID=$!
"$DIR/bin/start" >/dev/null 2>&1
trap '"$DIR/bin/stop" >/dev/null 2>&1 || true; kill "$STANDIN_PID" 2>/dev/null || true' EXIT
BASE="http://localhost:$PORT"
for i in $(seq 1 180); do
  curl -sf "$BASE/api/health" >/dev/null && [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/chat/telegram")" = 405 ] && break
  sleep 1
done
KARAF_PID=$(pgrep -f "karaf.home=$PWD/$DIR " | head -1)
others() { pgrep -x java | { grep -vx -e "$KARAF_PID" -e "$STANDIN_PID" || true; } | wc -l; }
o0=$(others)
incoming() { curl -sf "$BASE/api/stats" | grep -o '"incomingReports" *: *[0-9]*' | grep -o '[0-9]*$'; }
r0=$(incoming)
s0=$(curl -sf "http://127.0.0.1:$STANDIN/count")
echo "turns: $THREADS threads, $WARMUP s warm-up, $MEASURE s measured ..."
cpu() { local stat rest; stat=$(cat /proc/"$1"/stat); rest=${stat##*) }; set -- $rest; echo $((${12} + ${13})); }
k0=$(cpu "$KARAF_PID"); q0=$(cpu "$STANDIN_PID"); c0=$(awk 'NR == 1 { print $2 + $4 }' /proc/stat)
read -r t_n t_s t_rate t_p50 t_p99 t_err t_conv <<<"$(java -cp "$CLASSES" ChatBench turns "$BASE" "$SECRET" "$THREADS" "$WARMUP" "$MEASURE" 900000000)"
r1=$(incoming)
k1=$(cpu "$KARAF_PID"); q1=$(cpu "$STANDIN_PID"); c1=$(awk 'NR == 1 { print $2 + $4 }' /proc/stat)
# the replies may still be going out: wait until the stand-in's count stops growing
prev=-1; for i in $(seq 1 60); do s1=$(curl -sf "http://127.0.0.1:$STANDIN/count"); [ "$s1" = "$prev" ] && break; prev=$s1; sleep 1; done
o1=$(others)
echo "health: the same threads ..."
read -r h_n h_s h_rate h_p50 h_p99 h_err _ <<<"$(java -cp "$CLASSES" ChatBench health "$BASE" "$THREADS" "$WARMUP" "$MEASURE")"
o2=$(others)
echo
echo "T. Telegram webhook: $t_n turns in $t_s s = $t_rate turns/s, p50 $t_p50 ms, p99 $t_p99 ms, $t_err errors;" \
  "$t_conv whole conversations; reports made during the run: $((r1 - r0)); replies the stand-in took: $((s1 - s0))"
echo "CPU during warm-up and turns (ticks of 10 ms): platform $((k1 - k0)), stand-in $((q1 - q0)), machine user+system $((c1 - c0))"
echo "H. GET /api/health:        $h_n requests in $h_s s = $h_rate requests/s, p50 $h_p50 ms, p99 $h_p99 ms, $h_err errors"
echo "turns / health = $(awk -v t="$t_rate" -v h="$h_rate" 'BEGIN { printf "%.2f", t / h }')" \
  "  (target: at least 1,000 turns/s with p99 under 50 ms: $(awk -v t="$t_rate" -v p="$t_p99" 'BEGIN { print (t >= 1000 && p < 50) ? "met" : "MISSED" }'))"
[ "$o0$o1$o2" = "000" ] && echo "no other Java process was seen" || echo "DISTURBED: other Java processes ran ($o0 $o1 $o2)"
