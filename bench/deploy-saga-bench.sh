#!/usr/bin/env bash
# deploy-service's saga beside a bash script running the same commands, in the same run
# (docs/benchmarks.md, "Deployment saga"). Starts its own infrastructure with ./autopilot up on
# ports 29xxx (AUTOPILOT_HOME=$BENCH_HOME, no services), a fresh autopilot_deploy database, the
# packaged deploy-service on its own port with the bench's targets file, and a stub standing in for
# alert-service's gate and the deployed app's /ready (bench/deploy-saga-bench.py, which measures).
# Stops everything it started.
#
#   bench/deploy-saga-bench.sh                       # 10 overhead pairs, 100 deployments x 20 services
#   OVERHEAD_RUNS=3 DEPLOYMENTS=40 SERVICES=10 bench/deploy-saga-bench.sh   # a quick check
#
# Settings (environment): OVERHEAD_RUNS (10), DEPLOYMENTS (100), SERVICES (20), COMMAND_SECONDS
# (0.5, what the deploy command sleeps), BAKE_SECONDS (2), BENCH_HOME (/tmp/deploy-bench-home),
# SKIP_BUILD=1 (use the jar as built), DEPLOY_JAR (deploy-service/target/quarkus-app/quarkus-run.jar),
# BENCH_PORT_BASE (29000:
# deploy-service +85, stub +90, infra +432 Postgres, +92/+93 Kafka, +379 Redis, +25/+26 SMTP, +80 demo).
set -euo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$ROOT"

OVERHEAD_RUNS=${OVERHEAD_RUNS:-10}
DEPLOYMENTS=${DEPLOYMENTS:-100}
SERVICES=${SERVICES:-20}
COMMAND_SECONDS=${COMMAND_SECONDS:-0.5}
BAKE_SECONDS=${BAKE_SECONDS:-2}
BENCH_HOME=${BENCH_HOME:-/tmp/deploy-bench-home}
BASE=${BENCH_PORT_BASE:-29000}
DEPLOY_PORT=$((BASE + 85))
STUB_PORT=$((BASE + 90))
RUN=$BENCH_HOME/deploy-saga-bench
DEPLOY_JAR=${DEPLOY_JAR:-$ROOT/deploy-service/target/quarkus-app/quarkus-run.jar}

export AUTOPILOT_HOME=$BENCH_HOME AUTOPILOT_LOGS=$BENCH_HOME/logs
export AUTOPILOT_SKIP_SERVICES=1 AUTOPILOT_PROMETHEUS=0 AUTOPILOT_DEMO_DEPLOY=0
export AUTOPILOT_PG_PORT=$((BASE + 432)) AUTOPILOT_KAFKA_PORT=$((BASE + 92))
export AUTOPILOT_REDIS_PORT=$((BASE + 379)) AUTOPILOT_SMTP_PORT=$((BASE + 25))
export AUTOPILOT_MAIL_API_PORT=$((BASE + 26)) AUTOPILOT_DEMO_PORT=$((BASE + 80))
export AUTOPILOT_DEPLOY_PORT=$DEPLOY_PORT

say() { printf '%s  %s\n' "$(date -u +%T)" "$*"; }
die() {
  say "error: $*" >&2
  exit 1
}

for port in $DEPLOY_PORT $STUB_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port is in use (choose another BENCH_PORT_BASE)"
  fi
done
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  say "building deploy-service"
  ./mvnw -B -q -pl deploy-service package -DskipTests
fi
[[ -f $DEPLOY_JAR ]] || die "not built: $DEPLOY_JAR"

DEPLOY_PID=
cleanup() {
  if [[ -n $DEPLOY_PID ]]; then
    kill "$DEPLOY_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$DEPLOY_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$DEPLOY_PID" 2>/dev/null || true
  fi
  ./autopilot down >/dev/null 2>&1 || true
}
trap cleanup EXIT

mkdir -p "$BENCH_HOME"
say "infrastructure: ./autopilot up (home $BENCH_HOME, no services)"
./autopilot up >"$BENCH_HOME/up.log" 2>&1 || {
  tail -20 "$BENCH_HOME/up.log"
  die "./autopilot up failed"
}
psql_bench() { "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql" -X -q -h 127.0.0.1 -p "$AUTOPILOT_PG_PORT" -U postgres "$@"; }
# A fresh database every run: no history, targets or leases from an earlier run.
psql_bench -d postgres -c 'DROP DATABASE IF EXISTS autopilot_deploy WITH (FORCE)' -c 'CREATE DATABASE autopilot_deploy'

rm -rf "$RUN"
mkdir -p "$RUN"
# The deploy command both the saga and the bash reference run: records its start and end (per
# service) and takes COMMAND_SECONDS, like a short `docker compose up -d`.
cat >"$RUN/bench-deploy.sh" <<EOF
#!/usr/bin/env bash
set -eu
echo "\$AUTOPILOT_SERVICE \$AUTOPILOT_DEPLOYMENT_ID start \$(date +%s.%N)" >> "$RUN/commands.log"
sleep $COMMAND_SECONDS
echo "\$AUTOPILOT_SERVICE \$AUTOPILOT_DEPLOYMENT_ID end \$(date +%s.%N)" >> "$RUN/commands.log"
echo "deployed \$AUTOPILOT_SERVICE \$AUTOPILOT_VERSION"
EOF
chmod +x "$RUN/bench-deploy.sh"
{
  echo "targets:"
  for name in solo $(seq -f 'svc-%02g' 0 $((SERVICES - 1))); do
    cat <<EOF
  - service: $name
    environment: bench
    commands: {deploy: ['$RUN/bench-deploy.sh']}
    healthGate: {source: url, url: 'http://127.0.0.1:$STUB_PORT/ready', passes: 1, deadline: 60s, interval: 1s}
    bakeTime: ${BAKE_SECONDS}s
    requiredChecks: []
EOF
  done
} >"$RUN/targets.yaml"

# deploy-service as ./autopilot up starts it (start_service), with the bench's targets and the stub
# as alert-service (gate open) — health-service and backup-service are not used by these targets.
env QUARKUS_HTTP_PORT="$DEPLOY_PORT" \
  KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$AUTOPILOT_KAFKA_PORT" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$AUTOPILOT_PG_PORT/autopilot_deploy" \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
  QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$AUTOPILOT_REDIS_PORT" \
  AUTOPILOT_AUTH_TOKENS_FILE="$BENCH_HOME/tokens" \
  AUTOPILOT_CLIENT_TOKEN="$(<"$BENCH_HOME/suite-token")" \
  DEPLOY_TARGETS_FILE="$RUN/targets.yaml" \
  DEPLOY_ALERT_SERVICE_URL="http://127.0.0.1:$STUB_PORT" \
  DEPLOY_HEALTH_SERVICE_URL="http://127.0.0.1:$STUB_PORT" \
  DEPLOY_BACKUP_SERVICE_URL="http://127.0.0.1:$STUB_PORT" \
  java -Xmx256m -jar "$DEPLOY_JAR" >"$RUN/deploy-service.log" 2>&1 &
DEPLOY_PID=$!
say "deploy-service pid $DEPLOY_PID on $DEPLOY_PORT (log $RUN/deploy-service.log)"
for _ in $(seq 1 180); do
  [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$DEPLOY_PORT/q/health/ready" || true) == 200 ]] && break
  kill -0 "$DEPLOY_PID" 2>/dev/null || {
    tail -30 "$RUN/deploy-service.log"
    die "deploy-service exited"
  }
  sleep 1
done
say "deploy-service ready"

python3 "$ROOT/bench/deploy-saga-bench.py" \
  --deploy "http://127.0.0.1:$DEPLOY_PORT" --token "$(<"$BENCH_HOME/admin-token")" \
  --stub-port "$STUB_PORT" --run "$RUN" --overhead-runs "$OVERHEAD_RUNS" \
  --deployments "$DEPLOYMENTS" --services "$SERVICES" --bake "$BAKE_SECONDS" \
  --deploy-pid "$DEPLOY_PID" --out "$RUN/report.md"
say "report: $RUN/report.md"
