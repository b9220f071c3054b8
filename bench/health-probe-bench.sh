#!/usr/bin/env bash
# health-service against Prometheus blackbox_exporter, probing the same stub in the same run
# (docs/benchmarks.md, "Health probes"). Starts its own infrastructure with ./autopilot up on
# non-default ports (AUTOPILOT_HOME=$BENCH_HOME), a stub, health-service loaded with TARGETS
# targets from targets.yaml, blackbox_exporter and a Prometheus that scrapes it for the same
# targets; measures a window after warm-up (HealthProbeBench) and stops everything it started.
#
#   bench/health-probe-bench.sh                          # 10,000 targets, 30 s, 3 minute window
#   TARGETS=500 INTERVAL=10 WARMUP=20 WINDOW=60 bench/health-probe-bench.sh   # a quick check
#
# Settings (environment): TARGETS (10000), INTERVAL s (30), TIMEOUT s (5), WARMUP s (60),
# WINDOW s (180), MAX_IN_FLIGHT (targets / min(interval, 10 s), at least 64), BENCH_HOME (/tmp/bench-home), HEALTH_JAVA_OPTS (-Xmx256m, as ./autopilot up),
# SKIP_BUILD=1 (use the jars already built), KEEP_INFRA=1 (leave Kafka/Postgres/Redis running),
# HEALTH_APP (a copy of health-service/target/quarkus-app to run, so a rebuild of the tree during
# the run cannot swap the jars under it), DIAG=1 (after the window: jcmd VM.native_memory summary
# when HEALTH_JAVA_OPTS has -XX:NativeMemoryTracking=summary, GC.class_histogram, thread count and
# /proc/<pid>/smaps_rollup of health-service into $BENCH_HOME/health-probe-bench/diag-*.txt),
# BENCH_PORT_BASE (28000: stub +90, health-service +81, blackbox +115, Prometheus +190, infra
# +432 Postgres, +92 Kafka, +379 Redis, +25 SMTP, +26 mail API, +80 demo).
set -euo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$ROOT"

TARGETS=${TARGETS:-10000}
INTERVAL=${INTERVAL:-30}
TIMEOUT=${TIMEOUT:-5}
WARMUP=${WARMUP:-60}
WINDOW=${WINDOW:-180}
BENCH_HOME=${BENCH_HOME:-/tmp/bench-home}
HEALTH_JAVA_OPTS=${HEALTH_JAVA_OPTS:--Xmx256m}
# health.probe.max-in-flight: probes start only on the scheduler's 1 s tick, at most this many per
# tick, so it caps probes/s; first probes are jittered over at most 10 s, so the peak due rate is
# targets / min(interval, 10 s). The default (64) caps health-service at 64 probes/s.
MAX_IN_FLIGHT=${MAX_IN_FLIGHT:-$(( TARGETS / (INTERVAL < 10 ? INTERVAL : 10) > 64 ? TARGETS / (INTERVAL < 10 ? INTERVAL : 10) : 64 ))}
BASE=${BENCH_PORT_BASE:-28000}
STUB_PORT=$((BASE + 90))
HEALTH_PORT=$((BASE + 81))
BLACKBOX_PORT=$((BASE + 115))
PROMETHEUS_PORT=$((BASE + 190))
BLACKBOX=${BLACKBOX:-/usr/bin/prometheus-blackbox-exporter}
PROMETHEUS=${PROMETHEUS:-/usr/bin/prometheus}
RUN=$BENCH_HOME/health-probe-bench
JAR=$ROOT/bench/target/benchmarks.jar
HEALTH_JAR=${HEALTH_APP:-$ROOT/health-service/target/quarkus-app}/quarkus-run.jar

export AUTOPILOT_HOME=$BENCH_HOME AUTOPILOT_LOGS=$BENCH_HOME/logs
export AUTOPILOT_SKIP_SERVICES=1 AUTOPILOT_PROMETHEUS=0 AUTOPILOT_DEMO_DEPLOY=0
export AUTOPILOT_PG_PORT=$((BASE + 432)) AUTOPILOT_KAFKA_PORT=$((BASE + 92))
export AUTOPILOT_REDIS_PORT=$((BASE + 379)) AUTOPILOT_SMTP_PORT=$((BASE + 25))
export AUTOPILOT_MAIL_API_PORT=$((BASE + 26)) AUTOPILOT_DEMO_PORT=$((BASE + 80))
export AUTOPILOT_HEALTH_PORT=$HEALTH_PORT

say() { printf '%s  %s\n' "$(date -u +%T)" "$*"; }
die() {
  say "error: $*" >&2
  exit 1
}

[[ -x $BLACKBOX ]] || die "$BLACKBOX missing (apt-get install -y prometheus-blackbox-exporter)"
[[ -x $PROMETHEUS ]] || die "$PROMETHEUS missing (apt-get install -y prometheus)"
for port in $STUB_PORT $HEALTH_PORT $BLACKBOX_PORT $PROMETHEUS_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port is in use (choose another BENCH_PORT_BASE)"
  fi
done

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  say "building health-service and bench"
  ./mvnw -B -q -pl health-service,bench package -DskipTests
fi
[[ -f $JAR && -f $HEALTH_JAR ]] || die "not built: $JAR / $HEALTH_JAR"

PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [[ ${KEEP_INFRA:-0} != 1 ]]; then
    ./autopilot down >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

mkdir -p "$BENCH_HOME"
say "infrastructure: ./autopilot up (home $BENCH_HOME, no services)"
./autopilot up >"$BENCH_HOME/up.log" 2>&1 || {
  tail -20 "$BENCH_HOME/up.log"
  die "./autopilot up failed"
}
PG_PID=$(head -n 1 "$BENCH_HOME/pids/postgres.pid")
psql_bench() { "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql" -X -q -h 127.0.0.1 -p "$AUTOPILOT_PG_PORT" -U postgres "$@"; }
# A fresh database every run: no history, targets or leases from an earlier run.
psql_bench -d postgres -c 'DROP DATABASE IF EXISTS autopilot_health WITH (FORCE)' -c 'CREATE DATABASE autopilot_health'

rm -rf "$RUN"
mkdir -p "$RUN"
java -cp "$JAR" dev.autopilot.bench.health.BenchFiles dir="$RUN" targets="$TARGETS" \
  interval="$INTERVAL" timeout="$TIMEOUT" stubPort="$STUB_PORT" blackboxPort="$BLACKBOX_PORT"

java -Xmx256m -cp "$JAR" dev.autopilot.bench.health.ProbeStub port="$STUB_PORT" >"$RUN/stub.log" 2>&1 &
STUB_PID=$!
PIDS+=("$STUB_PID")

# health-service as ./autopilot up starts it (start_service), with the bench's targets file.
env QUARKUS_HTTP_PORT="$HEALTH_PORT" \
  KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$AUTOPILOT_KAFKA_PORT" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$AUTOPILOT_PG_PORT/autopilot_health" \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
  QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$AUTOPILOT_REDIS_PORT" \
  AUTOPILOT_AUTH_TOKENS_FILE="$BENCH_HOME/tokens" \
  AUTOPILOT_CLIENT_TOKEN="$(<"$BENCH_HOME/suite-token")" \
  AUTOPILOT_ACK_LINKS_KEY="$(<"$BENCH_HOME/ack-links.key")" \
  HEALTH_TARGETS_FILE="$RUN/targets.yaml" HEALTH_PROBE_MAX_IN_FLIGHT="$MAX_IN_FLIGHT" \
  java $HEALTH_JAVA_OPTS -jar "$HEALTH_JAR" >"$RUN/health-service.log" 2>&1 &
HEALTH_PID=$!
PIDS+=("$HEALTH_PID")

"$BLACKBOX" --config.file="$RUN/blackbox.yml" --web.listen-address="127.0.0.1:$BLACKBOX_PORT" \
  >"$RUN/blackbox.log" 2>&1 &
BLACKBOX_PID=$!
PIDS+=("$BLACKBOX_PID")

"$PROMETHEUS" --config.file="$RUN/prometheus.yml" --storage.tsdb.path="$RUN/prometheus-data" \
  --storage.tsdb.retention.time=2h --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" \
  >"$RUN/prometheus.log" 2>&1 &
PROMETHEUS_PID=$!
PIDS+=("$PROMETHEUS_PID")

say "health-service: $TARGETS targets at ${INTERVAL}s, health.probe.max-in-flight=$MAX_IN_FLIGHT, $HEALTH_JAVA_OPTS"
say "started stub $STUB_PID, health-service $HEALTH_PID, blackbox_exporter $BLACKBOX_PID, prometheus $PROMETHEUS_PID (logs in $RUN)"
for _ in $(seq 1 180); do
  [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$HEALTH_PORT/q/health/ready" || true) == 200 ]] && break
  kill -0 "$HEALTH_PID" 2>/dev/null || {
    tail -30 "$RUN/health-service.log"
    die "health-service exited"
  }
  sleep 1
done
say "health-service ready"

java -cp "$JAR" dev.autopilot.bench.health.HealthProbeBench \
  stub="http://127.0.0.1:$STUB_PORT" health="http://127.0.0.1:$HEALTH_PORT" \
  prometheus="http://127.0.0.1:$PROMETHEUS_PORT" targets="$TARGETS" interval="$INTERVAL" \
  warmup="$WARMUP" window="$WINDOW" healthPid="$HEALTH_PID" blackboxPid="$BLACKBOX_PID" \
  prometheusPid="$PROMETHEUS_PID" postgresPid="$PG_PID" stubPid="$STUB_PID" \
  healthLog="$RUN/health-service.log" \
  pgUrl="jdbc:postgresql://127.0.0.1:$AUTOPILOT_PG_PORT/autopilot_health?user=postgres&password=postgres" \
  out="$RUN/report.md"
if [[ ${DIAG:-0} == 1 ]]; then
  say "diagnostics of health-service $HEALTH_PID into $RUN/diag-*.txt"
  jcmd "$HEALTH_PID" VM.native_memory summary >"$RUN/diag-nmt.txt" 2>&1 || true
  jcmd "$HEALTH_PID" GC.class_histogram >"$RUN/diag-histogram.txt" 2>&1 || true
  jcmd "$HEALTH_PID" GC.heap_info >"$RUN/diag-heap.txt" 2>&1 || true
  { grep -E 'Threads|VmRSS|VmHWM' "/proc/$HEALTH_PID/status"; cat "/proc/$HEALTH_PID/smaps_rollup"; } \
    >"$RUN/diag-proc.txt" 2>&1 || true
  jcmd "$HEALTH_PID" Thread.print 2>/dev/null | grep -E '^"' | sed -E 's/^"([^"]*[^0-9"-])[-0-9 #]*".*/\1/' \
    | sort | uniq -c | sort -rn >"$RUN/diag-threads.txt" || true
fi
say "report: $RUN/report.md"
