#!/usr/bin/env bash
# alert-service benchmark (issue 5): Alertmanager-webhook ingest beside Alertmanager 0.25's own
# POST /api/v2/alerts, same alerts, same machine, same run (WebhookIngestBench; docs/benchmarks.md
# "alert-service"). Infrastructure from ./autopilot up on ports 26xxx (no services); alert-service
# runs as ./autopilot runs it (java -Xmx256m -jar …, deploy/local/alert-service.properties: the
# default rule pack evaluating); Alertmanager with a receiver that sends nothing, no cluster.
#   bench/alert-ingest-bench.sh                       # 20 s per phase, batches of 50, 4 workers
#   SECONDS_PER_PHASE=10 RATE=500 bench/alert-ingest-bench.sh
#   SAMPLES_SERIES=5000 bench/alert-ingest-bench.sh   # then samples rules too (AlertSamplesRuleBench)
# Settings: SECONDS_PER_PHASE (20), BATCH (50), WORKERS (4), RATE alerts/s (1000), POOL (2000),
# BENCH_HOME (/tmp/alert-bench-home), BENCH_PORT_BASE (26000), ALERT_APP (a quarkus-app directory,
# default alert-service/target/quarkus-app), ALERT_JAVA_OPTS (more JVM options, e.g. a flight
# recording), SAMPLES_SERIES (0: after the ingest, that many series for the samples-rule bench,
# with SAMPLES_PER_SERIES (30) and SAMPLES_EVALUATIONS (3)), SKIP_BUILD=1, KEEP_INFRA=1.
set -euo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$ROOT"
BASE=${BENCH_PORT_BASE:-26000}
BENCH_HOME=${BENCH_HOME:-/tmp/alert-bench-home}
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_ports

APP=${ALERT_APP:-$ROOT/alert-service/target/quarkus-app}
JAR=$ROOT/bench/target/benchmarks.jar
AM_PORT=$AUTOPILOT_ALERTMANAGER_PORT
RUN=$BENCH_HOME/alert-ingest-bench

command -v prometheus-alertmanager >/dev/null || die "prometheus-alertmanager missing (./autopilot test installs it)"
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  say "building alert-service and bench"
  ./mvnw -B -q -pl alert-service,bench -am package -DskipTests -Dskip.e2e=true
fi
[[ -f $JAR && -f $APP/quarkus-run.jar ]] || die "not built: $JAR / $APP"

cleanup() {
  bench_cleanup
}
trap cleanup EXIT

bench_up
bench_psql -d postgres -c 'DROP DATABASE IF EXISTS autopilot_alert WITH (FORCE)' \
  -c 'CREATE DATABASE autopilot_alert'

rm -rf "$RUN"
mkdir -p "$RUN"
cat >"$RUN/alertmanager.yml" <<YAML
route:
  receiver: none
receivers:
  - name: none
YAML
prometheus-alertmanager --config.file="$RUN/alertmanager.yml" --storage.path="$RUN/am-data" \
  --web.listen-address="127.0.0.1:$AM_PORT" --cluster.listen-address= \
  >"$RUN/alertmanager.log" 2>&1 &
BENCH_PIDS+=("$!")
for _ in $(seq 1 60); do
  [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$AM_PORT/-/ready" || true) == 200 ]] && break
  sleep 0.5
done
say "alertmanager $(prometheus-alertmanager --version 2>&1 | head -1) on $AM_PORT"

# shellcheck disable=SC2086 # ALERT_JAVA_OPTS: extra JVM options, word-split on purpose (e.g. JFR)
bench_service alert "$AUTOPILOT_ALERT_PORT" autopilot_alert "$APP" -Xmx256m ${ALERT_JAVA_OPTS:-}
say "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx512m -cp "$JAR" dev.autopilot.bench.ingest.WebhookIngestBench \
  alertUrl="http://127.0.0.1:$AUTOPILOT_ALERT_PORT" alertmanagerUrl="http://127.0.0.1:$AM_PORT" \
  tokenFile="$BENCH_HOME/admin-token" seconds="${SECONDS_PER_PHASE:-20}" batch="${BATCH:-50}" \
  workers="${WORKERS:-4}" rate="${RATE:-1000}" pool="${POOL:-2000}" | tee "$RUN/result.txt"
say "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
say "alerts in alert-service: $(bench_psql -d autopilot_alert -At -c 'select count(*) from alert')"

if ((${SAMPLES_SERIES:-0} > 0)); then
  say "samples rules: $SAMPLES_SERIES series (load $(cut -d' ' -f1-3 /proc/loadavg))"
  java -Xmx512m -cp "$JAR" dev.autopilot.bench.ingest.AlertSamplesRuleBench \
    alertUrl="http://127.0.0.1:$AUTOPILOT_ALERT_PORT" tokenFile="$BENCH_HOME/admin-token" \
    pid="${BENCH_PIDS[-1]}" series="$SAMPLES_SERIES" samples="${SAMPLES_PER_SERIES:-30}" \
    evaluations="${SAMPLES_EVALUATIONS:-3}" | tee -a "$RUN/result.txt"
  say "load after the samples rules: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
