#!/usr/bin/env bash
# The email intake benchmark, on the built distribution (like bench/run.sh it builds nothing: run
# `flock /tmp/mvn.lock mvn -o -q -B install -DskipTests` first, which also puts GreenMail and Jakarta Mail in ~/.m2).
#
# GreenMail (bench/email/EmailBench.java `serve`, compiled here with javac, in its own JVM) is the hotline's IMAP
# server (hotline@bench.test) and the SMTP server the replies go through (to reporter@bench.test), on loopback;
# etc/org.laporpredator.channel.email.cfg and etc/org.laporpredator.mail.cfg point at it (security none,
# pollSeconds 1, the reply and submission limits raised: one sender sends everything).
#  0. warm-up: with channel-email switched off (lapor:disable), WARMUP (1,000) messages are put in the INBOX, the
#     channel is switched on and the script waits until all are processed and answered; then the channel is
#     switched off and every folder emptied. WARMUP reports through POST /api/reports warm the web path.
#  E. with the channel off, MESSAGES (1,000) messages (each its own Message-ID, BM or English, one or two links
#     no other message has) are put straight into the INBOX; lapor:enable channel-email, and the clock runs
#     (from just before the command) until Lapor-Processed holds MESSAGES and INBOX none, and until the reporter
#     has MESSAGES replies (Auto-Submitted: auto-replied). /api/stats incomingReports must grow by MESSAGES
#     exactly (statsCacheSeconds = 0). CPU per message of Karaf's threads by name, and of GreenMail's JVM.
#  W. baseline, same run: MESSAGES reports through POST /api/reports on one connection, one after another
#     (EmailBench `web`); reports/s, and the ratio email/web.
# Usage: bench/email/run.sh   (MESSAGES=, WARMUP=, PORT= (8786; SSH PORT+1, RMI +2 +3, SMTP +11, IMAP +12,
#        control +13) to change; NODELAY=1 sets TCP_NODELAY on GreenMail's client sockets (as shipped, Nagle is on
#        and its multi-line replies wait ~40 ms for a delayed ACK: 45 ms per SMTP connect); THREADS=1 takes a jcmd
#        Thread.print of Karaf every second during E into bench/target/email-threads.txt)
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
MESSAGES=${MESSAGES:-1000}
WARMUP=${WARMUP:-1000} # 200 left the JIT compiling through E (C2: 6 ms of CPU per message, 99 messages/s)
PORT=${PORT:-8786}
SMTP=$((PORT + 11))
IMAP=$((PORT + 12))
CONTROL=$((PORT + 13))
NODELAY=${NODELAY:-0}
M2=${M2:-$HOME/.m2/repository}
# the newest jar of group/artifact whose version starts with the prefix
m2jar() { # group-path artifact version-prefix
  local f
  f=$(ls "$M2/$1/$2"/"$3"*/"$2"-"$3"*.jar 2>/dev/null | grep -v -e sources -e javadoc -e tests | sort -V | tail -1)
  [ -n "$f" ] || { echo "$2 $3* is not in $M2: run \`flock /tmp/mvn.lock mvn -o -q -B install -DskipTests\` first" >&2; return 1; }
  echo "$f"
}
CP=""
for j in "com/icegreen greenmail 2.1.8" "jakarta/mail jakarta.mail-api 2.1." "org/eclipse/angus angus-mail 2.0." \
         "org/eclipse/angus angus-activation 2." "jakarta/activation jakarta.activation-api 2.1." \
         "org/slf4j slf4j-api 2.0." "org/slf4j slf4j-nop 2.0."; do
  f=$(m2jar $j) || exit 1
  CP=${CP:+$CP:}$f
done
TAR=$(ls karaf-assembly/target/lapor-predator-*.tar.gz 2>/dev/null | head -1) ||
  { echo "no karaf-assembly/target/lapor-predator-*.tar.gz: build the distribution first" >&2; exit 1; }
DIR=bench/target/email-karaf
CLASSES=bench/target/email-classes
rm -rf "$DIR" "$CLASSES" && mkdir -p "$DIR" "$CLASSES"
javac -cp "$CP" -d "$CLASSES" bench/email/EmailBench.java
tar xzf "$TAR" -C "$DIR" --strip-components=1

# ports away from 8181 (and from the other benchmarks' 8585, 8686), as bench/run.sh does
sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $PORT/" "$DIR/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort *=.*/sshPort = $((PORT + 1))/" "$DIR/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = $((PORT + 2))/; s/^rmiServerPort *=.*/rmiServerPort = $((PORT + 3))/" \
  "$DIR/etc/org.apache.karaf.management.cfg"
# one sender sends everything: neither the submission limit nor the reply limit may refuse it
sed -i "s/^submissionsPerMinute *=.*/submissionsPerMinute = 100000000/; s/^submissionBurst *=.*/submissionBurst = 100000000/" \
  "$DIR/etc/org.laporpredator.core.cfg"
sed -i "s/^host *=.*/host = 127.0.0.1/; s/^port *=.*/port = $IMAP/; s/^security *=.*/security = none/; \
  s/^username *=.*/username = hotline@bench.test/; s/^password *=.*/password = bench-secret/; \
  s/^pollSeconds *=.*/pollSeconds = 1/; s/^repliesPerSenderPerHour *=.*/repliesPerSenderPerHour = 100000000/" \
  "$DIR/etc/org.laporpredator.channel.email.cfg"
sed -i "s/^host *=.*/host = 127.0.0.1/; s/^port *=.*/port = $SMTP/; s/^security *=.*/security = none/; \
  s/^from *=.*/from = hotline@bench.test/" "$DIR/etc/org.laporpredator.mail.cfg"
sed -i "s/^statsCacheSeconds *=.*/statsCacheSeconds = 0/" "$DIR/etc/org.laporpredator.status.cfg"
for k in "host = 127.0.0.1" "port = $IMAP" "pollSeconds = 1"; do
  grep -qx "$k" "$DIR/etc/org.laporpredator.channel.email.cfg" || { echo "channel-email cfg: no '$k'" >&2; exit 1; }
done
grep -qx "port = $SMTP" "$DIR/etc/org.laporpredator.mail.cfg" || { echo "mail cfg: no 'port = $SMTP'" >&2; exit 1; }
grep -qx "statsCacheSeconds = 0" "$DIR/etc/org.laporpredator.status.cfg" || { echo "status cfg: no statsCacheSeconds" >&2; exit 1; }
ADMIN=bench
ADMIN_PASSWORD="bench-$(openssl rand -hex 12)"
LAPOR_ADMIN_PASSWORD="$ADMIN_PASSWORD" "$DIR/bin/create-admin" "$ADMIN" >/dev/null

java -Xmx512m -Dnodelay="$NODELAY" -cp "$CLASSES:$CP" EmailBench serve "$SMTP" "$IMAP" "$CONTROL" >bench/target/email-greenmail.log 2>&1 &
MAIL_PID=$!
"$DIR/bin/start" >/dev/null 2>&1
trap '"$DIR/bin/stop" >/dev/null 2>&1 || true; kill "$MAIL_PID" 2>/dev/null || true' EXIT
BASE="http://localhost:$PORT"
CTL="http://127.0.0.1:$CONTROL"
for i in $(seq 1 180); do
  curl -sf "$BASE/api/health" >/dev/null && curl -sf "$CTL/stats" >/dev/null && break
  sleep 1
done
curl -sf "$BASE/api/health" >/dev/null || { echo "server did not come up" >&2; exit 1; }
curl -sf "$CTL/stats" >/dev/null || { echo "GreenMail did not come up (bench/target/email-greenmail.log)" >&2; exit 1; }
KARAF_PID=$(pgrep -f "karaf.home=$PWD/$DIR " | head -1)

shell() { "$DIR/bin/client" -a $((PORT + 1)) -u "$ADMIN" -p "$ADMIN_PASSWORD" -b -r 30 <<<"$1" 2>&1; }
module_line() { shell "lapor:modules" | grep "channel-email" || true; }
switch() { # on|off; off: waits until lapor:modules shows the channel DISABLED (its thread is gone)
  local out
  out=$(shell "lapor:$([ "$1" = on ] && echo enable || echo disable) channel-email")
  if grep -qi "error\|unknown\|denied" <<<"$out"; then echo "lapor:${1} channel-email: $out" >&2; exit 1; fi
  [ "$1" = off ] || return 0
  for i in $(seq 1 60); do
    module_line | grep -q DISABLED && return 0
    sleep 0.5
  done
  echo "channel-email not DISABLED after lapor:disable: $(module_line)" >&2; exit 1
}
ctl() { curl -sf -XPOST "$CTL/$1"; }
# prints: inbox processed review replies first_ms processed_ms replied_ms
stats() { curl -sf "$CTL/stats"; }
incoming() { curl -sf "$BASE/api/stats" | grep -o '"incomingReports" *: *[0-9]*' | grep -o '[0-9]*$'; }
now_ms() { date +%s%3N; }
wait_done() { # what timeout-seconds: until the watcher has both times
  local deadline=$(($(date +%s) + $2)) s
  while :; do
    s=$(stats)
    read -r _ _ _ _ _ p r <<<"$s"
    [ "$p" -ge 0 ] && [ "$r" -ge 0 ] && return 0
    [ "$(date +%s)" -lt "$deadline" ] || {
      echo "$1: not all processed and answered after $2 s (inbox processed review replies first processed replied: $s);" \
        "channel: $(module_line); see $DIR/data/log/karaf.log" >&2
      exit 1
    }
    sleep 0.1
  done
}
fill() { # n tag: puts n messages in the INBOX (the channel is off and the folders are empty) and checks it
  local inbox
  inbox=$(ctl "fill?n=$1&tag=$2" | awk '{ print $1 }')
  [ "$inbox" -eq "$1" ] || { echo "$2: the INBOX holds $inbox messages, expected $1" >&2; exit 1; }
}
# cpu_threads: bench/lib.sh
snap() { # name: Karaf's threads, GreenMail's JVM, the machine (busy and idle µs), the wall clock (µs)
  {
    cpu_threads "$KARAF_PID"
    cpu_threads "$MAIL_PID" | awk '$1 == "TOTAL" { print "GREENMAIL_JVM", $2, 0 }'
    awk '/^cpu / { print "MACHINE", ($2 + $3 + $4 + $7 + $8) * 10000, ($5 + $6) * 10000 }' /proc/stat
    echo "WALL $(date +%s%6N) 0"
  } >"bench/target/email-cpu-$1.txt"
}
delta() { # from to: "name run_us wait_us"
  awk 'NR == FNR { r[$1] = $2; w[$1] = $3; next } { print $1, $2 - r[$1], $3 - w[$1] }' \
    "bench/target/email-cpu-$1.txt" "bench/target/email-cpu-$2.txt"
}
# the machine is shared: Java processes not ours (builds, tests, other benchmarks)
others() { pgrep -x java | { grep -vx -e "$KARAF_PID" -e "$MAIL_PID" || true; } | wc -l; }
disturbed=()
note_others() { local n; n=$(others); [ "$n" -eq 0 ] || disturbed+=("$1: $n"); }

# ---- warm-up
note_others start
switch off
ctl clear >/dev/null
echo "warm-up: $WARMUP messages through the channel, $WARMUP reports through POST /api/reports ..."
fill "$WARMUP" warmup
ctl "mark?n=$WARMUP" >/dev/null
switch on
wait_done warm-up 600
read -r _ _ w_review _ _ w_processed w_replied <<<"$(stats)"
[ "$w_review" -eq 0 ] || { echo "warm-up: $w_review messages were moved for review" >&2; exit 1; }
switch off
ctl clear >/dev/null
web() { # count tag -> "ok seconds reports/s"; waited for, so that no JVM of ours is still exiting at note_others
  java -cp "$CLASSES:$CP" EmailBench web "$BASE" "$1" "$2" >bench/target/email-web.out
  cat bench/target/email-web.out
}
read -r w_ok w_s w_rate <<<"$(web "$WARMUP" warmup)"
note_others warm-up

# ---- E: the full mailbox
fill "$MESSAGES" bench
i0=$(incoming)
note_others "before E"
if [ -n "${THREADS:-}" ]; then
  : >bench/target/email-threads.txt
  (while :; do jcmd "$KARAF_PID" Thread.print >>bench/target/email-threads.txt 2>/dev/null; sleep 1; done) &
  DUMPS_PID=$!
fi
snap e0
ctl "mark?n=$MESSAGES" >/dev/null
t_on=$(now_ms)
switch on
t_switched=$(now_ms)
wait_done E 900
snap e1
[ -z "${THREADS:-}" ] || kill "$DUMPS_PID" 2>/dev/null || true
note_others E
read -r e_inbox e_processed e_review e_replies e_first e_proc_ms e_repl_ms <<<"$(stats)"
i1=$(incoming)
switch off

# ---- W: the web baseline, one connection, one after another
wi0=$(incoming)
read -r web_ok web_s web_rate <<<"$(web "$MESSAGES" bench)"
wi1=$(incoming)
note_others W
"$DIR/bin/stop" >/dev/null 2>&1 || true
reports_logged=$(grep -c "is report" "$DIR/data/log/karaf.log" || true)
warns=$(grep -c " WARN \| ERROR " "$DIR/data/log/karaf.log" || true)

rate() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.1f", n * 1000 / ms }'; }
sec() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }
enable_ms=$((t_switched - t_on))
e_rate=$(rate "$MESSAGES" "$e_repl_ms")
echo
echo "warm-up: $WARMUP messages processed in $(sec "$w_processed") s, answered in $(sec "$w_replied") s" \
  "($(rate "$WARMUP" "$w_replied") messages/s); web: $w_rate reports/s"
echo
echo "E. $MESSAGES messages in the hotline's INBOX (GreenMail, IMAP and SMTP on loopback, $([ "$NODELAY" = 0 ] && echo "sockets as shipped, Nagle on" || echo "TCP_NODELAY")), channel-email switched on"
printf '   %-52s %s\n' "lapor:enable channel-email (bin/client) took:" "$(sec "$enable_ms") s"
printf '   %-52s %s\n' "first message in Lapor-Processed after:" "$(sec "$e_first") s"
printf '   %-52s %s\n' "all $MESSAGES in Lapor-Processed, INBOX empty, after:" "$(sec "$e_proc_ms") s = $(rate "$MESSAGES" "$e_proc_ms") messages/s"
printf '   %-52s %s\n' "all $MESSAGES replies received by the reporter after:" "$(sec "$e_repl_ms") s = $e_rate messages/s"
printf '   %-52s %s\n' "the same, from the end of the lapor:enable command:" \
  "$(sec $((e_repl_ms - enable_ms))) s = $(rate "$MESSAGES" $((e_repl_ms - enable_ms))) messages/s"
printf '   %-52s %s\n' "folders after (INBOX processed review), replies:" "$e_inbox $e_processed $e_review, $e_replies"
printf '   %-52s %s\n' "/api/stats incomingReports grew by:" "$((i1 - i0)) (expected $MESSAGES)"
printf '   %-52s %s\n' "machine CPU busy:" "$(delta e0 e1 | awk '$1 == "MACHINE" { printf "%.0f", 100 * $2 / ($2 + $3) }')% of $(nproc) cores"
echo "   CPU per message (µs), Karaf's threads by name and GreenMail's JVM (run on a core / waiting for one):"
delta e0 e1 | awk -v n="$MESSAGES" '$1 != "MACHINE" && $1 != "WALL" && $2 > 0 { printf "     %-24s %8.0f %8.0f\n", $1, $2 / n, $3 / n }' |
  sort -k2 -nr | head -12
echo
echo "W. baseline: $web_ok reports through POST /api/reports, one connection, one after another:" \
  "$web_s s = $web_rate reports/s (incomingReports grew by $((wi1 - wi0)))"
echo
echo "email (until all replies) / web = $(awk -v e="$e_rate" -v w="$web_rate" 'BEGIN { printf "%.2f", e / w }')" \
  "  (target: at least 100 messages/s: $(awk -v e="$e_rate" 'BEGIN { print (e >= 100) ? "met" : "MISSED" }'))"
echo "karaf.log: $reports_logged 'is report' lines (warm-up + E), $warns WARN/ERROR lines"
[ -z "${THREADS:-}" ] || echo "thread dumps during E: bench/target/email-threads.txt"
fail=0
[ "$((i1 - i0))" -eq "$MESSAGES" ] || { echo "FAILED: incomingReports grew by $((i1 - i0)), not $MESSAGES" >&2; fail=1; }
[ "$e_review" -eq 0 ] || { echo "FAILED: $e_review messages were moved for review" >&2; fail=1; }
[ "${web_ok:-0}" -eq "$MESSAGES" ] || { echo "FAILED: the web baseline acknowledged ${web_ok:-0} reports" >&2; fail=1; }
[ "$e_replies" -eq "$MESSAGES" ] || { echo "FAILED: $e_replies replies, not $MESSAGES" >&2; fail=1; }
if [ "${#disturbed[@]}" -gt 0 ]; then
  echo "DISTURBED: other Java processes (builds, tests) ran on the machine: ${disturbed[*]} (count seen after each step)"
else
  echo "no other Java process was seen after any step"
fi
exit "$fail"
