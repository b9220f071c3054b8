#!/usr/bin/env bash
# backup-service against raw pg_dump/pg_restore on the same Postgres, in the same run
# (docs/benchmarks.md, "Backups"). Starts its own PostgreSQL 15 (initdb, trust, 127.0.0.1 only)
# and backup-service (the built quarkus-app, no Kafka: events stay in the outbox), grows one
# database in steps of real table data and at each step measures:
#   - raw reference: pg_dump -Fc | tee <file> | sha256sum (the dump stored and hashed, as the
#     service does), against a backup through POST /backups (finishedAt - startedAt of the row);
#     twice each, alternating, with row counting on (the default) and off (backup.dump.count-rows)
#     by a second service instance;
#   - backup-service RSS (VmRSS) sampled every 0.2 s while each backup runs, and at rest;
#   - raw createdb + pg_restore --single-transaction into a fresh database against a restore
#     drill (POST /drills: sha256 check, restore into a scratch database, row counts, drop).
# Stops everything it started and deletes the data and dump files at the end.
#
#   bench/backup-bench.sh                         # steps 250, 500, 1000 MB
#   STEPS="100 200" REPS=1 bench/backup-bench.sh  # a quick check
#
# Settings (environment): STEPS (MB of table data, "250 500 1000"), REPS (2), BENCH_HOME
# (/tmp/backup-bench-home), APP (backup-service/target/quarkus-app), BENCH_PORT_BASE (28500:
# Postgres +32, service +84 and +85), JAVA_OPTS (-Xmx256m, as ./autopilot up), KEEP=1 (keep the
# data directory), OUT (/tmp/backup-bench-results.tsv).
set -euo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
STEPS=${STEPS:-250 500 1000}
REPS=${REPS:-2}
H=${BENCH_HOME:-/tmp/backup-bench-home}
APP=${APP:-$ROOT/backup-service/target/quarkus-app}
BASE=${BENCH_PORT_BASE:-28500}
PG_PORT=$((BASE + 32))
SVC_PORT=$((BASE + 84))
NOCOUNT_PORT=$((BASE + 85))
JAVA_OPTS=${JAVA_OPTS:--Xmx256m}
OUT=${OUT:-/tmp/backup-bench-results.tsv}
PG_BIN=/usr/lib/postgresql/15/bin

say() { printf '%s  %s\n' "$(date -u +%T)" "$*" >&2; }
die() {
  say "error: $*"
  exit 1
}
[[ -f $APP/quarkus-run.jar ]] || die "not built: $APP (./mvnw -B -pl backup-service package -DskipTests)"
for port in $PG_PORT $SVC_PORT $NOCOUNT_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port is in use (choose another BENCH_PORT_BASE)"
  fi
done

SVC_PIDS=()
cleanup() {
  local pid
  for pid in "${SVC_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${SVC_PIDS[@]}"; do
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
  done
  if [[ -f $H/pg/postmaster.pid ]]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$H/pg" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$H/backups" "$H/backups-nocount" "$H/raw.dump"
  [[ ${KEEP:-0} == 1 ]] || rm -rf "$H/pg"
}
trap cleanup EXIT

psql_() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }
now() { date +%s.%N; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

# ---- Postgres
mkdir -p "$H"
chown postgres "$H"
if [[ ! -d $H/pg ]]; then
  mkdir "$H/pg"
  chown postgres "$H/pg"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$H/pg" -U postgres --auth=trust --no-sync >/dev/null
fi
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$H/pg" -l "$H/pg.log" -o "-p $PG_PORT -k $H \
  -c listen_addresses=127.0.0.1 -c fsync=off -c max_wal_size=4GB -c shared_buffers=128MB" -w start >/dev/null
for db in autopilot_backup autopilot_backup_nocount benchdb; do
  psql_ -d postgres -c "drop database if exists $db with (force)" -c "create database $db"
done
psql_ -d benchdb -c "create table orders (id bigint primary key, customer_id int not null,
  status text not null, amount numeric(12,2) not null, created_at timestamptz not null, note text)"
psql_ -d benchdb -c "create table customers (id int primary key, name text, email text)" \
  -c "insert into customers select g, 'customer ' || g, 'c' || g || '@example.com'
      from generate_series(1, 100000) g"

# ---- backup-service: two instances, row counting on and off, each with its own catalog
TOKEN=ap_bench$(head -c 24 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')
printf 'bench admin %s\n' "$(printf %s "$TOKEN" | sha256sum | cut -d' ' -f1)" >"$H/tokens"
start_service() { # port catalog-db storage count-rows
  local props=$H/backup-$1.properties
  mkdir -p "$3"
  cat >"$props" <<EOF
backup.sources."benchdb".kind=postgres
backup.sources."benchdb".host=127.0.0.1
backup.sources."benchdb".port=$PG_PORT
backup.sources."benchdb".database=benchdb
backup.sources."benchdb".username=postgres
backup.sources."benchdb".schedule=off
backup.storage.directory=$3
backup.dump.count-rows=$4
backup.drill.schedule=off
backup.retention.schedule=off
quarkus.log.category."org.apache.kafka".level=ERROR
EOF
  # No Kafka: the outbox keeps the events; nothing here waits on them.
  (cd "$H" && exec env -i PATH="$PATH" HOME="$HOME" QUARKUS_HTTP_PORT="$1" \
    KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$((BASE + 92)) \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$2" \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
    QUARKUS_REDIS_HOSTS=redis://127.0.0.1:$((BASE + 79)) AUTOPILOT_AUTH_TOKENS_FILE="$H/tokens" \
    QUARKUS_CONFIG_LOCATIONS="$props" java $JAVA_OPTS -jar "$APP/quarkus-run.jar") \
    >"$H/service-$1.log" 2>&1 &
  SVC_PIDS+=($!)
  for _ in $(seq 1 120); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
      "localhost:$1/sources") == 200 ]] && return 0
    sleep 1
  done
  die "backup-service on $1 did not start (log: $H/service-$1.log)"
}
api() { # method port path
  curl -sf -X "$1" "localhost:$2$3" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' ${4:+-d "$4"}
}
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(d$1)"; }
seconds_between() { # json with startedAt/finishedAt
  python3 -c 'import json,sys,datetime as t
d=json.load(sys.stdin); p=lambda s: t.datetime.fromisoformat(s.replace("Z","+00:00"))
print("%.3f" % (p(d["finishedAt"]) - p(d["startedAt"])).total_seconds())'
}

start_service "$SVC_PORT" autopilot_backup "$H/backups" true
SVC_PID=${SVC_PIDS[0]}
start_service "$NOCOUNT_PORT" autopilot_backup_nocount "$H/backups-nocount" false
NOCOUNT_PID=${SVC_PIDS[1]}
say "postgres on $PG_PORT, backup-service on $SVC_PORT (pid $SVC_PID) and $NOCOUNT_PORT (pid $NOCOUNT_PID, count-rows off)"

# ---- one measurement each
raw_backup() {
  local t0 t1
  t0=$(now)
  "$PG_BIN/pg_dump" -Fc -w -h 127.0.0.1 -p "$PG_PORT" -U postgres -d benchdb | tee "$H/raw.dump" |
    sha256sum >/dev/null
  t1=$(now)
  echo "$t1 - $t0" | bc
}
service_backup() { # port pid → "seconds peak-rss-kb size"
  local port=$1 pid=$2 id row status peak=0 r
  id=$(api POST "$port" /backups '{"source":"benchdb"}' | field '["id"]')
  while :; do
    r=$(rss_kb "$pid")
    ((r > peak)) && peak=$r
    row=$(api GET "$port" "/backups/$id")
    status=$(field '["status"]' <<<"$row")
    [[ $status == COMPLETED ]] && break
    [[ $status == FAILED ]] && die "backup $id failed: $row"
    sleep 0.2
  done
  echo "$(seconds_between <<<"$row") $peak $(field '["sizeBytes"]' <<<"$row")"
  rm -f "$(field '["location"]' <<<"$row" | sed 's|^file://||')"
}
raw_restore() {
  local t0 t1
  psql_ -d postgres -c "drop database if exists raw_restore with (force)"
  t0=$(now)
  psql_ -d postgres -c "create database raw_restore"
  "$PG_BIN/pg_restore" --single-transaction --exit-on-error --no-password -h 127.0.0.1 \
    -p "$PG_PORT" -U postgres -d raw_restore "$H/raw.dump"
  t1=$(now)
  psql_ -d postgres -c "drop database raw_restore with (force)"
  echo "$t1 - $t0" | bc
}
drill() { # → "restoreSeconds total-seconds"
  local id row status
  id=$(api POST "$SVC_PORT" "/drills?source=benchdb" | field '["id"]')
  while :; do
    row=$(api GET "$SVC_PORT" "/drills/$id")
    status=$(field '["status"]' <<<"$row")
    [[ $status == PASSED ]] && break
    [[ $status == FAILED ]] && die "drill $id failed: $row"
    sleep 0.5
  done
  echo "$(field '["restoreSeconds"]' <<<"$row") $(seconds_between <<<"$row")"
}

printf 'step_mb\tdb_bytes\tdump_bytes\tkind\tseconds\tpeak_rss_kb\n' >"$OUT"
rows=0
for step in $STEPS; do
  say "growing benchdb to ${step} MB of table data"
  while :; do
    size=$(psql_ -d benchdb -At -c "select pg_database_size('benchdb')")
    ((size >= step * 1024 * 1024)) && break
    psql_ -d benchdb -c "insert into orders select g, (g % 100000) + 1,
      (array['new','paid','shipped','returned'])[1 + g % 4], (g % 99991) / 7.0,
      timestamptz '2024-01-01' + g * interval '7 seconds',
      md5(g::text) || ' ' || md5((g * 31)::text) || ' ' || md5((g * 17)::text)
      from generate_series($rows + 1, $rows + 500000) g"
    rows=$((rows + 500000))
  done
  psql_ -d benchdb -c "vacuum analyze"
  say "benchdb: $size bytes, $rows orders"
  rest=$(rss_kb "$SVC_PID")
  printf '%s\t%s\t-\tservice_rss_at_rest\t-\t%s\n' "$step" "$size" "$rest" >>"$OUT"
  for rep in $(seq 1 "$REPS"); do
    order=(raw service nocount)
    ((rep % 2 == 0)) && order=(nocount service raw)
    for kind in "${order[@]}"; do
      case $kind in
        raw)
          s=$(raw_backup)
          printf '%s\t%s\t%s\traw_pg_dump\t%s\t-\n' "$step" "$size" "$(stat -c %s "$H/raw.dump")" "$s" >>"$OUT"
          ;;
        service)
          read -r s peak bytes <<<"$(service_backup "$SVC_PORT" "$SVC_PID")"
          printf '%s\t%s\t%s\tservice_backup\t%s\t%s\n' "$step" "$size" "$bytes" "$s" "$peak" >>"$OUT"
          ;;
        nocount)
          read -r s peak bytes <<<"$(service_backup "$NOCOUNT_PORT" "$NOCOUNT_PID")"
          printf '%s\t%s\t%s\tservice_backup_no_count\t%s\t%s\n' "$step" "$size" "$bytes" "$s" "$peak" >>"$OUT"
          ;;
      esac
      say "  $step MB $kind: $s s"
    done
  done
  # The drill restores the newest stored backup: take one to restore (kept until the next step).
  id=$(api POST "$SVC_PORT" /backups '{"source":"benchdb"}' | field '["id"]')
  until [[ $(api GET "$SVC_PORT" "/backups/$id" | field '["status"]') == COMPLETED ]]; do sleep 1; done
  s=$(raw_restore)
  printf '%s\t%s\t-\traw_createdb_pg_restore\t%s\t-\n' "$step" "$size" "$s" >>"$OUT"
  say "  $step MB raw restore: $s s"
  read -r restore total <<<"$(drill)"
  printf '%s\t%s\t-\tdrill_restore\t%s\t-\n' "$step" "$size" "$restore" >>"$OUT"
  printf '%s\t%s\t-\tdrill_total\t%s\t-\n' "$step" "$size" "$total" >>"$OUT"
  say "  $step MB drill: restore $restore s, total $total s"
  rm -f "$H"/backups/benchdb/*.dump
done
say "results in $OUT"
cat "$OUT"
