#!/usr/bin/env bash
# The analysts' queue at a million reports, in process on embedded Derby (no Karaf, no HTTP).
# Seeds bench/target/queue-db-<reports> once (batched SQL, a few minutes; delete the directory to seed again),
# then times the store's calls and prints p50/p99 against the cheapest calls (isHealthy, VALUES 1).
# Usage: bench/queue/run.sh   (after `mvn -o install -pl bundles/store`; REPORTS=, CALLS=, HEAP= to change)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=bench/target/queue-classes
mkdir -p "$OUT"
flock /tmp/mvn.lock mvn -o -q -B dependency:build-classpath -pl bundles/store -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$OUT/cp.txt" >/dev/null
CP="bundles/store/target/classes:$(cat "$OUT/cp.txt")"
javac -d "$OUT" -cp "$CP" bench/queue/QueueBench.java
# Derby as bin/setenv starts it (page cache of 20,000 pages)
exec java -Xmx${HEAP:-1g} -Dderby.storage.pageCacheSize=${DERBY_PAGE_CACHE:-20000} \
  -Dderby.stream.error.file=bench/target/queue-derby.log -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dreports=${REPORTS:-1000000} -Ddir=bench/target/queue-db-${REPORTS:-1000000} -Dcalls=${CALLS:-200} -cp "$OUT:$CP" org.laporpredator.store.internal.QueueBench
