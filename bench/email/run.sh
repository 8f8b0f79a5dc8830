#!/usr/bin/env bash
# The email intake benchmark, on the built distribution (like bench/run.sh it builds nothing: run
# `flock /tmp/mvn.lock mvn -o -q -B install -DskipTests` first, which also puts GreenMail in ~/.m2).
#
# GreenMail (bench/email/EmailBench.java, compiled here with javac) is the hotline's IMAP server and the SMTP
# server the replies go through. With channel-email switched off, MESSAGES (1,000) realistic messages are put
# in the mailbox; the channel is switched on and the clock runs until every message is in Lapor-Processed
# (all are reports) and every reply has reached the reporter. A warm-up round (WARMUP, 300 messages) comes
# first. Baseline in the same run: as many reports through POST /api/reports, one connection, one after
# another; the ratio email/web. Usage: bench/email/run.sh   (MESSAGES=, WARMUP=, PORT= to change)
set -euo pipefail
cd "$(dirname "$0")/../.."
MESSAGES=${MESSAGES:-1000}
WARMUP=${WARMUP:-300}
PORT=${PORT:-8786}
M2=${M2:-$HOME/.m2/repository}
jar() { ls "$M2/$1"/*/"$2"-*.jar 2>/dev/null | grep -v -e sources -e javadoc | sort -V | tail -1; }
CP=""
for j in "com/icegreen/greenmail greenmail" "jakarta/mail/jakarta.mail-api jakarta.mail-api" \
         "org/eclipse/angus/angus-mail angus-mail" "org/eclipse/angus/angus-activation angus-activation" \
         "jakarta/activation/jakarta.activation-api jakarta.activation-api" "org/slf4j/slf4j-api slf4j-api"; do
  set -- $j
  f=$(jar "$1" "$2")
  [ -n "$f" ] || { echo "$2 is not in $M2: run mvn -o -q -B install -DskipTests first" >&2; exit 1; }
  CP="$CP:$f"
done
TAR=$(ls karaf-assembly/target/lapor-predator-*.tar.gz | head -1)
DIR=bench/target/email-karaf
CLASSES=bench/target/email-classes
rm -rf "$DIR" "$CLASSES" && mkdir -p "$DIR" "$CLASSES"
javac -cp "$CP" -d "$CLASSES" bench/email/EmailBench.java
tar xzf "$TAR" -C "$DIR" --strip-components=1

SMTP=$((PORT + 11))
IMAP=$((PORT + 12))
sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $PORT/" "$DIR/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort *=.*/sshPort = $((PORT + 1))/" "$DIR/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = $((PORT + 2))/; s/^rmiServerPort *=.*/rmiServerPort = $((PORT + 3))/" \
  "$DIR/etc/org.apache.karaf.management.cfg"
# one sender sends everything: neither limit may refuse it
sed -i "s/^submissionsPerMinute *=.*/submissionsPerMinute = 100000000/; s/^submissionBurst *=.*/submissionBurst = 100000000/" \
  "$DIR/etc/org.laporpredator.core.cfg"
E="$DIR/etc/org.laporpredator.channel.email.cfg"
sed -i "s/^host *=.*/host = 127.0.0.1/; s/^port *=.*/port = $IMAP/; s/^security *=.*/security = none/; \
  s/^username *=.*/username = hotline@bench.test/; s/^password *=.*/password = bench-secret/; \
  s/^pollSeconds *=.*/pollSeconds = 1/; s/^maxBackoffSeconds *=.*/maxBackoffSeconds = 1/; \
  s/^repliesPerSenderPerHour *=.*/repliesPerSenderPerHour = 100000000/" "$E"
S="$DIR/etc/org.laporpredator.mail.cfg"
sed -i "s/^host *=.*/host = 127.0.0.1/; s/^port *=.*/port = $SMTP/; s/^security *=.*/security = none/; \
  s/^from *=.*/from = hotline@bench.test/" "$S"
ADMIN=bench
ADMIN_PASSWORD="bench-$(openssl rand -hex 12)"
LAPOR_ADMIN_PASSWORD="$ADMIN_PASSWORD" "$DIR/bin/create-admin" "$ADMIN" >/dev/null
"$DIR/bin/start" >/dev/null 2>&1
trap '"$DIR/bin/stop" >/dev/null 2>&1 || true' EXIT
BASE="http://localhost:$PORT"
for i in $(seq 1 180); do
  curl -sf "$BASE/api/health" >/dev/null && break
  sleep 1
done
curl -sf "$BASE/api/health" >/dev/null || { echo "server did not come up" >&2; exit 1; }
before=$(pgrep -c java || true)
java -Xmx512m -cp "$CLASSES$CP" EmailBench "$SMTP" "$IMAP" "$PWD/$DIR" $((PORT + 1)) "$ADMIN" "$ADMIN_PASSWORD" "$BASE" \
  "$WARMUP" "$MESSAGES"
after=$(pgrep -c java || true)
grep -c "is report" "$DIR/data/log/karaf.log" | sed 's/^/reports made by the email channel (log lines): /'
[ "$before" -le 2 ] && [ "$after" -le 2 ] || echo "DISTURBED: other Java processes ran (before $before, after $after; Karaf and the bench count 2)"
