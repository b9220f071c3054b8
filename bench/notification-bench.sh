#!/usr/bin/env bash
# notification-service benchmark (issue 6): alert.fired → SMTP (GreenMail) latency p50/p99 beside
# Kafka's own produce→consume round trip, and deliveries/s to a signed webhook with dedupe and
# throttle on beside Kafka's own consume rate, all in one run on ports 27xxx.
#   bench/notification-bench.sh                    # 200 latency samples, 2000 webhook deliveries
#   SAMPLES=50 COUNT=500 bench/notification-bench.sh
#   SMTP_NODELAY=false bench/notification-bench.sh   # stock GreenMail (~40 ms stall per SMTP reply)
# Infrastructure comes from ./autopilot up (AUTOPILOT_HOME=/tmp/notification-bench-home, no
# services); notification-service runs as ./autopilot runs it (java -Xmx256m -jar …); everything
# started here is stopped at the end (./autopilot down, the service by pid). Figures go to stdout;
# the write-up is in docs/benchmarks.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$ROOT"

SAMPLES=${SAMPLES:-200}
# true: the bench's GreenMail sets TCP_NODELAY (see NoDelayGreenMail); false: stock GreenMail.
SMTP_NODELAY=${SMTP_NODELAY:-true}
COUNT=${COUNT:-2000}
BENCH_HOME=${BENCH_HOME:-/tmp/notification-bench-home}
BASE=27000
SERVICE_PORT=$((BASE + 83))
WEBHOOK_PORT=$((BASE + 90))
BENCH_SMTP_PORT=$((BASE + 27)) # the bench's own in-process GreenMail (see NotificationLatencyBench)
RUN=$BENCH_HOME/run
JAR=$ROOT/bench/target/benchmarks.jar
SERVICE_JAR=${NOTIFICATION_APP:-$ROOT/notification-service/target/quarkus-app}/quarkus-run.jar

export AUTOPILOT_HOME=$BENCH_HOME AUTOPILOT_LOGS=$BENCH_HOME/logs
export AUTOPILOT_SKIP_SERVICES=1 AUTOPILOT_PROMETHEUS=0 AUTOPILOT_DEMO_DEPLOY=0
export AUTOPILOT_PG_PORT=$((BASE + 432)) AUTOPILOT_KAFKA_PORT=$((BASE + 92))
export AUTOPILOT_REDIS_PORT=$((BASE + 379)) AUTOPILOT_SMTP_PORT=$((BASE + 25))
export AUTOPILOT_MAIL_API_PORT=$((BASE + 26)) AUTOPILOT_DEMO_PORT=$((BASE + 80))
export AUTOPILOT_HEALTH_PORT=$((BASE + 81)) AUTOPILOT_ALERT_PORT=$((BASE + 82))
export AUTOPILOT_NOTIFICATION_PORT=$SERVICE_PORT AUTOPILOT_BACKUP_PORT=$((BASE + 84))
export AUTOPILOT_DEPLOY_PORT=$((BASE + 85)) AUTOPILOT_CONSOLE_PORT=$((BASE + 86))
export AUTOPILOT_PROMETHEUS_PORT=$((BASE + 190)) AUTOPILOT_ALERTMANAGER_PORT=$((BASE + 194))

say() { printf '%s  %s\n' "$(date -u +%T)" "$*"; }
die() {
  say "error: $*" >&2
  exit 1
}

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  say "building notification-service and bench"
  ./mvnw -B -q -pl notification-service,bench package -DskipTests
fi
[[ -f $JAR && -f $SERVICE_JAR ]] || die "not built: $JAR / $SERVICE_JAR"

SERVICE_PID=
cleanup() {
  if [[ -n $SERVICE_PID ]]; then
    kill "$SERVICE_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SERVICE_PID" 2>/dev/null || true
  fi
  ./autopilot down >/dev/null 2>&1 || true
}
trap cleanup EXIT

mkdir -p "$BENCH_HOME"
say "infrastructure: ./autopilot up (home $BENCH_HOME, ports $BASE+, no services)"
./autopilot up >"$BENCH_HOME/up.log" 2>&1 || {
  tail -20 "$BENCH_HOME/up.log"
  die "./autopilot up failed"
}
psql_bench() { "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql" -X -q -h 127.0.0.1 -p "$AUTOPILOT_PG_PORT" -U postgres "$@"; }
psql_bench -d postgres -c 'DROP DATABASE IF EXISTS autopilot_notification WITH (FORCE)' \
  -c 'CREATE DATABASE autopilot_notification'
"$(command -v redis-cli)" -p "$AUTOPILOT_REDIS_PORT" flushall >/dev/null 2>&1 || true

rm -rf "$RUN"
mkdir -p "$RUN"
cat >"$RUN/routing.yaml" <<YAML
receivers:
  - name: mail
    email_configs: [{to: [bench@notification.bench]}]
  - name: hook
    webhook_configs: [{url: "http://127.0.0.1:$WEBHOOK_PORT/bench-hook", secret_env: BENCH_WEBHOOK_SECRET}]
route:
  receiver: mail
  repeat_interval: 4h
  routes:
    - {matchers: ['case="webhook"'], receiver: hook}
YAML

env QUARKUS_HTTP_PORT="$SERVICE_PORT" \
  KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$AUTOPILOT_KAFKA_PORT" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$AUTOPILOT_PG_PORT/autopilot_notification" \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
  QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$AUTOPILOT_REDIS_PORT" \
  QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT="$BENCH_SMTP_PORT" \
  AUTOPILOT_AUTH_TOKENS_FILE="$BENCH_HOME/tokens" \
  AUTOPILOT_CLIENT_TOKEN="$(<"$BENCH_HOME/suite-token")" \
  AUTOPILOT_ACK_LINKS_KEY="$(<"$BENCH_HOME/ack-links.key")" \
  AUTOPILOT_ACK_LINKS_BASE_URL="http://127.0.0.1:$AUTOPILOT_ALERT_PORT" \
  BENCH_WEBHOOK_SECRET=bench-webhook-secret-0001 \
  java -Xmx256m -Dnotification.routing.file="$RUN/routing.yaml" \
  -Dnotification.email.from=autopilot@notification.bench \
  -Dnotification.throttle.per-hour.webhook=100000000 \
  -Dkafka.auto.offset.reset=earliest \
  -jar "$SERVICE_JAR" >"$RUN/notification-service.log" 2>&1 &
SERVICE_PID=$!
say "notification-service $SERVICE_PID on $SERVICE_PORT (log $RUN/notification-service.log)"
for _ in $(seq 1 180); do
  [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$SERVICE_PORT/q/health/ready" || true) == 200 ]] && break
  kill -0 "$SERVICE_PID" 2>/dev/null || {
    tail -30 "$RUN/notification-service.log"
    die "notification-service exited"
  }
  sleep 1
done
say "ready; running the benchmark (samples=$SAMPLES, count=$COUNT)"
java -Xmx256m -cp "$JAR" dev.autopilot.bench.notification.NotificationLatencyBench \
  kafka="127.0.0.1:$AUTOPILOT_KAFKA_PORT" smtpPort="$BENCH_SMTP_PORT" smtpNoDelay="$SMTP_NODELAY" \
  webhookPort="$WEBHOOK_PORT" samples="$SAMPLES" count="$COUNT" | tee "$RUN/result.txt"
say "inside the service, email: recorded -> delivery began (both Postgres now(), i.e. transaction starts; the SMTP exchange is not in it):"
psql_bench -d autopilot_notification -At -c \
  "select 'inside_ms p50=' || round(percentile_cont(0.5) within group (order by ms)::numeric, 1)
       || ' p99=' || round(percentile_cont(0.99) within group (order by ms)::numeric, 1)
       || ' n=' || count(*)
     from (select extract(epoch from sent_at - created_at) * 1000 as ms
             from notification where channel = 'email' and status = 'SENT') t" | tee -a "$RUN/result.txt"
say "inside the service, email: the SMTP exchange alone (delivery_attempt.latency_ms, mailer.send):"
psql_bench -d autopilot_notification -At -c \
  "select 'smtp_send_ms p50=' || percentile_cont(0.5) within group (order by latency_ms)
       || ' p99=' || percentile_cont(0.99) within group (order by latency_ms) || ' n=' || count(*)
     from delivery_attempt where channel = 'email' and outcome = 'SENT'" | tee -a "$RUN/result.txt"
say "attempts in the delivery log:"
psql_bench -d autopilot_notification -At -c \
  "select channel, outcome, count(*) from delivery_attempt group by 1, 2 order by 1, 2" | tee -a "$RUN/result.txt"
