#!/bin/bash
# Two builds of Tremplin's jar, measured in turn on the same machine in the same minutes (session 47).
#
#   src/test/benchmark/jars-in-turn.sh <out dir> <jar A> <jar B> [rounds]     (WARMUP=1500 labellings by default)
#
# Each jar runs on a fresh H2 file of its own (the benchmark's URL options: WRITE_DELAY=0 only), with -Xms1g -Xmx1g.
# Each is warmed by $WARMUP (1,500) four-client labellings while the other is stopped (SIGSTOP); then, for each round, A and B
# in turn, the other stopped, run 500 idea starts by one client, 50 labellings by one client and 200 by four clients
# (CamundaComparisonLoad's phases s500 o50 200, driven through --pause). The rates are printed per phase, and the
# server's CPU ticks (1/100 s) per round go to <out dir>/cpu.log. Why in turn: on this machine the same jar run twice
# ten minutes apart moved by 10-15 % (session 47), more than most changes tried; rounds alternated minute by minute
# share the machine's hour.
#
# ARGS_A and ARGS_B: more Spring arguments for A or B alone, separated by spaces (a setting measured against the same
# jar without it: give the same jar twice). DB_A and DB_B: the datasource's Spring arguments instead of a fresh H2 file
# (e.g. "--spring.profiles.active=postgres --spring.datasource.url=jdbc:postgresql://localhost:5544/ta
# --spring.datasource.username=postgres --spring.datasource.password=pg", an empty database of a PostgreSQL server of
# one's own; its CPU is not in cpu.log, which counts the Java servers' alone). The H2 files are removed at the end
# (KEEP_DATABASES=1 keeps them).
#
# Needs the test classes and the test class path file of this checkout:
#   mvn -o test-compile
#   mvn dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
set -euo pipefail
OUT=$1; JA=$2; JB=$3; ROUNDS=${4:-4}
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/test-classpath.txt")"
PORT_A=${PORT_A:-8101}; PORT_B=${PORT_B:-8102}; WARMUP=${WARMUP:-1500}
rm -rf "$OUT"; mkdir -p "$OUT"

start() { # name jar port [more Spring arguments] [datasource arguments]
  local db=${5:-"--spring.datasource.url=jdbc:h2:retry:file:$OUT/$1-db;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0 --spring.datasource.username=sa --spring.datasource.password="}
  # shellcheck disable=SC2086 # the datasource arguments are split on spaces
  java -Xms1g -Xmx1g -Xlog:gc:file="$OUT/$1-gc.log":uptime -jar "$2" $db --tremplin.demo.enabled=false \
    --tremplin.admin.user=bench-staff --tremplin.admin.password=bench-password-1 --server.port="$3" ${4:-} \
    > "$OUT/$1-server.log" 2>&1 &
  echo $!
}
healthy() { for _ in $(seq 1 120); do curl -sf "localhost:$1/actuator/health" > /dev/null && return 0; sleep 1; done; return 1; }
phases_done() { grep -c '^phase [0-9]*:' "$OUT/$1-load.log" || true; }
wait_phases() { while [ "$(phases_done "$1")" -lt "$2" ]; do sleep 0.5; done; }
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }

PA=$(start A "$JA" "$PORT_A" "${ARGS_A:-}" "${DB_A:-}"); PB=$(start B "$JB" "$PORT_B" "${ARGS_B:-}" "${DB_B:-}")
stop_all() {
  kill -CONT "$PA" "$PB" 2>/dev/null; kill "$PA" "$PB" 2>/dev/null || true
  # each H2 file grows to about 11 GB in six rounds (session 52's, with its other runs' files, filled the disk): removed
  # unless KEEP_DATABASES=1
  if [ -z "${KEEP_DATABASES:-}" ]; then
    for _ in $(seq 1 60); do kill -0 "$PA" 2>/dev/null || kill -0 "$PB" 2>/dev/null || break; sleep 0.5; done
    rm -f "$OUT"/A-db.* "$OUT"/B-db.*
  fi
}
trap stop_all EXIT
healthy "$PORT_A"; healthy "$PORT_B"
PHASES="$WARMUP"; for _ in $(seq 1 "$ROUNDS"); do PHASES="$PHASES s500 o50 200"; done
mkfifo "$OUT/a-in" "$OUT/b-in"

kill -STOP "$PB"
java -cp "$CP" org.tremplin.benchmark.CamundaComparisonLoad tremplin "http://localhost:$PORT_A" 64 --pause $PHASES \
  < "$OUT/a-in" > "$OUT/A-load.log" 2>&1 &
LA=$!; exec 3> "$OUT/a-in"
wait_phases A 1
kill -STOP "$PA"; kill -CONT "$PB"
java -cp "$CP" org.tremplin.benchmark.CamundaComparisonLoad tremplin "http://localhost:$PORT_B" 64 --pause $PHASES \
  < "$OUT/b-in" > "$OUT/B-load.log" 2>&1 &
LB=$!; exec 4> "$OUT/b-in"
wait_phases B 1

for round in $(seq 1 "$ROUNDS"); do
  for X in A B; do
    if [ "$X" = A ]; then P=$PA; OTHER=$PB; FD=3; else P=$PB; OTHER=$PA; FD=4; fi
    kill -STOP "$OTHER"; kill -CONT "$P"; sleep 1
    BEFORE=$(cpu "$P")
    printf '\n\n\n' >&$FD    # the round's three phases, one Enter each
    wait_phases "$X" $((1 + 3 * round))
    echo "$X round $round server CPU ticks $(( $(cpu "$P") - BEFORE ))" >> "$OUT/cpu.log"
  done
done
kill -CONT "$PA" "$PB"; exec 3>&- 4>&-
wait "$LA" "$LB"
for X in A B; do grep -h 'phase [0-9]*:\|lifecycles' "$OUT/$X-load.log" | sed "s/^/$X /"; done
cat "$OUT/cpu.log"
