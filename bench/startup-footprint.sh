#!/usr/bin/env bash
# Start time and RSS after start of each of the five services beside Alertmanager 0.25 and
# Prometheus 2.42 (Debian packages), on the same machine in the same run.
#
# The stack is started once with ./autopilot up (own home and ports: 23xxx); then, ROUNDS times,
# each service is stopped and started again with exactly the command line and environment the
# launcher gave it (read from /proc), and timed from exec to its first 200 on /q/health/ready;
# RSS is read SETTLE seconds after that. Alertmanager and Prometheus are started the same way
# (exec to 200 on /-/ready). Medians are printed, and each service's ratio to Alertmanager.
#
#   bench/startup-footprint.sh            (needs the services built: ./mvnw -B -DskipTests package)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${ROUNDS:-3}
SETTLE=${SETTLE:-10}
WORK=${WORK:-/tmp/startup-footprint}
export AUTOPILOT_HOME=$WORK/home AUTOPILOT_LOGS=$WORK/logs AUTOPILOT_SKIP_BUILD=1 \
  AUTOPILOT_DEMO_DEPLOY=0 AUTOPILOT_PROMETHEUS=0 \
  AUTOPILOT_KAFKA_PORT=23092 AUTOPILOT_PG_PORT=23432 AUTOPILOT_REDIS_PORT=23379 \
  AUTOPILOT_SMTP_PORT=23025 AUTOPILOT_MAIL_API_PORT=23825 AUTOPILOT_DEMO_PORT=23080 \
  AUTOPILOT_HEALTH_PORT=23081 AUTOPILOT_ALERT_PORT=23082 AUTOPILOT_NOTIFICATION_PORT=23083 \
  AUTOPILOT_BACKUP_PORT=23084 AUTOPILOT_DEPLOY_PORT=23085 AUTOPILOT_CONSOLE_PORT=23086 \
  AUTOPILOT_PROMETHEUS_PORT=23090 AUTOPILOT_ALERTMANAGER_PORT=23094
mkdir -p "$WORK"
cd "$ROOT"

now_ms() { date +%s%3N; }
rss_mib() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }
wait_200() { # url timeout_s
  local deadline=$(($(date +%s) + $2))
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "$1") == 200 ]]; do
    (($(date +%s) < deadline)) || return 1
    sleep 0.05
  done
}
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

cleanup() { ./autopilot down >/dev/null 2>&1 || true; [[ -n ${am_pid:-} ]] && kill "$am_pid" 2>/dev/null || true; }
trap cleanup EXIT

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
./autopilot up >"$WORK/up.log" 2>&1 || { tail -20 "$WORK/up.log"; exit 1; }

declare -A start_ms rss
for round in $(seq "$ROUNDS"); do
  for s in health alert notification backup deploy; do
    name=$s-service
    pid=$(<"$AUTOPILOT_HOME/pids/$name.pid")
    port=$(tr '\0' '\n' <"/proc/$pid/environ" | sed -n 's/^QUARKUS_HTTP_PORT=//p')
    [[ -n $port ]] || port=$(grep -o "AUTOPILOT_${s^^}_PORT=[0-9]*" <(tr '\0' '\n' <"/proc/$pid/environ") | cut -d= -f2)
    mapfile -d '' cmd <"/proc/$pid/cmdline"
    mapfile -d '' env <"/proc/$pid/environ"
    cwd=$(readlink "/proc/$pid/cwd")
    kill "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    t0=$(now_ms)
    (cd "$cwd" && exec env -i "${env[@]}" "${cmd[@]}" >>"$AUTOPILOT_LOGS/$name.log" 2>&1) &
    newpid=$!
    wait_200 "http://127.0.0.1:${port}/q/health/ready" 180 || { echo "$name not ready"; exit 1; }
    t1=$(now_ms)
    echo "$newpid" >"$AUTOPILOT_HOME/pids/$name.pid"
    sleep "$SETTLE"
    start_ms[$s]+="$((t1 - t0)) "
    rss[$s]+="$(rss_mib "$newpid") "
    echo "round $round $name: ready in $((t1 - t0)) ms, RSS $(rss_mib "$newpid") MiB"
  done
  # Alertmanager 0.25, the same way: exec to 200 on /-/ready, RSS after SETTLE s.
  rm -rf "$WORK/am" && mkdir -p "$WORK/am"
  printf 'route: {receiver: x}\nreceivers: [{name: x}]\n' >"$WORK/am/am.yml"
  t0=$(now_ms)
  prometheus-alertmanager --config.file="$WORK/am/am.yml" --storage.path="$WORK/am" \
    --web.listen-address=127.0.0.1:23994 --cluster.listen-address= >"$WORK/am/log" 2>&1 &
  am_pid=$!
  wait_200 http://127.0.0.1:23994/-/ready 60
  t1=$(now_ms)
  sleep "$SETTLE"
  start_ms[am]+="$((t1 - t0)) "
  rss[am]+="$(rss_mib "$am_pid") "
  echo "round $round alertmanager: ready in $((t1 - t0)) ms, RSS $(rss_mib "$am_pid") MiB"
  kill "$am_pid"; wait "$am_pid" 2>/dev/null || true; am_pid=
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

am_start=$(tr ' ' '\n' <<<"${start_ms[am]}" | grep . | median)
am_rss=$(tr ' ' '\n' <<<"${rss[am]}" | grep . | median)
printf '\n| process | start to ready, median ms | × Alertmanager | RSS after start, median MiB | × Alertmanager |\n|---|---|---|---|---|\n'
printf '| alertmanager 0.25 | %s | 1.0 | %s | 1.0 |\n' "$am_start" "$am_rss"
for s in health alert notification backup deploy; do
  st=$(tr ' ' '\n' <<<"${start_ms[$s]}" | grep . | median)
  rs=$(tr ' ' '\n' <<<"${rss[$s]}" | grep . | median)
  printf '| %s-service | %s | %.1f | %s | %.1f |\n' "$s" "$st" "$(echo "$st / $am_start" | bc -l)" "$rs" "$(echo "$rs / $am_rss" | bc -l)"
done
