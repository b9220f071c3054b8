# Shared by the bench/*-bench.sh scripts that run a service by hand on the launcher's
# infrastructure: source it after setting BASE (the port base) and BENCH_HOME.
#   bench_ports            exports the launcher's settings for infrastructure on BASE + n
#   bench_up               ./autopilot up (no services, no Prometheus) into $BENCH_HOME
#   bench_psql ARGS        psql on that Postgres
#   bench_service NAME PORT DB APP [JAVA OPTS…]
#                          starts NAME-service from APP (a quarkus-app directory) with the
#                          environment ./autopilot gives it; sets BENCH_PIDS; waits until ready
#   bench_cleanup          stops what was started (trap it on EXIT)
# shellcheck shell=bash

ROOT=${ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)}
BENCH_PIDS=()

say() { printf '%s  %s\n' "$(date -u +%T)" "$*"; }
die() {
  say "error: $*" >&2
  exit 1
}

bench_ports() {
  export AUTOPILOT_HOME=$BENCH_HOME AUTOPILOT_LOGS=$BENCH_HOME/logs
  export AUTOPILOT_SKIP_SERVICES=1 AUTOPILOT_PROMETHEUS=0 AUTOPILOT_DEMO_DEPLOY=0
  export AUTOPILOT_PG_PORT=$((BASE + 432)) AUTOPILOT_KAFKA_PORT=$((BASE + 92))
  export AUTOPILOT_REDIS_PORT=$((BASE + 379)) AUTOPILOT_SMTP_PORT=$((BASE + 25))
  export AUTOPILOT_MAIL_API_PORT=$((BASE + 26)) AUTOPILOT_DEMO_PORT=$((BASE + 80))
  export AUTOPILOT_HEALTH_PORT=$((BASE + 81)) AUTOPILOT_ALERT_PORT=$((BASE + 82))
  export AUTOPILOT_NOTIFICATION_PORT=$((BASE + 83)) AUTOPILOT_BACKUP_PORT=$((BASE + 84))
  export AUTOPILOT_DEPLOY_PORT=$((BASE + 85)) AUTOPILOT_CONSOLE_PORT=$((BASE + 86))
  export AUTOPILOT_PROMETHEUS_PORT=$((BASE + 190)) AUTOPILOT_ALERTMANAGER_PORT=$((BASE + 194))
}

bench_up() {
  mkdir -p "$BENCH_HOME"
  say "infrastructure: ./autopilot up (home $BENCH_HOME, ports $BASE+, no services)"
  "$ROOT/autopilot" up >"$BENCH_HOME/up.log" 2>&1 || {
    tail -20 "$BENCH_HOME/up.log"
    die "./autopilot up failed"
  }
}

bench_psql() {
  "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql" -X -q -h 127.0.0.1 \
    -p "$AUTOPILOT_PG_PORT" -U postgres "$@"
}

bench_service() { # name port database app [java options…]
  local name=$1 port=$2 db=$3 app=$4 pid
  shift 4
  local props=$ROOT/deploy/local/$name-service.properties log=$BENCH_HOME/$name-service.log
  env QUARKUS_HTTP_PORT="$port" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$AUTOPILOT_KAFKA_PORT" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$AUTOPILOT_PG_PORT/$db" \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
    QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$AUTOPILOT_REDIS_PORT" \
    QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT="$AUTOPILOT_SMTP_PORT" \
    AUTOPILOT_AUTH_TOKENS_FILE="$BENCH_HOME/tokens" \
    AUTOPILOT_CLIENT_TOKEN="$(<"$BENCH_HOME/suite-token")" \
    AUTOPILOT_ACK_LINKS_KEY="$(<"$BENCH_HOME/ack-links.key")" \
    AUTOPILOT_ACK_LINKS_BASE_URL="http://127.0.0.1:$AUTOPILOT_ALERT_PORT" \
    QUARKUS_CONFIG_LOCATIONS="$props" \
    java "$@" -jar "$app/quarkus-run.jar" >"$log" 2>&1 &
  pid=$!
  BENCH_PIDS+=("$pid")
  say "$name-service $pid on $port (log $log)"
  for _ in $(seq 1 180); do
    [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready" || true) == 200 ]] && return 0
    kill -0 "$pid" 2>/dev/null || {
      tail -30 "$log"
      die "$name-service exited"
    }
    sleep 1
  done
  die "$name-service not ready after 180 s"
}

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  [[ ${KEEP_INFRA:-0} == 1 ]] || "$ROOT/autopilot" down >/dev/null 2>&1 || true
}
