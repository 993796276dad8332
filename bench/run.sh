#!/usr/bin/env sh
# Runs every AlertMail benchmark beside its peers, in one go, on this machine.
# Takes about 25 minutes on 2 cores. Output: bench/target/jmh.txt, bench/target/memory.txt.
set -eu
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests install          # the library, as the bench module depends on it
mvn -q -B -f bench/pom.xml package     # bench/target/benchmarks.jar
java -jar bench/target/benchmarks.jar -rf text -rff bench/target/jmh-results.txt "$@" \
  | tee bench/target/jmh.txt
: >bench/target/memory.txt
for peer in NOP ASYNC_NOP LOGBACK_SMTP ALERTMAIL log4j:EMPTY log4j:ASYNC log4j:LOG4J_SMTP log4j:ALERTMAIL; do
  # one JVM per peer, so one peer running out of memory cannot spoil another's figure
  java -Xmx1g -cp bench/target/benchmarks.jar dev.alertmail.bench.MemoryFootprint 1000000 "$peer" \
    | tee -a bench/target/memory.txt
done
