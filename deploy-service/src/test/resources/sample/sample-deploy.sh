#!/usr/bin/env bash
# Test deploy (and rollback) command of the sample app: stops the running instance of this
# environment, starts $AUTOPILOT_VERSION on the environment's port, waits for /health.
set -eu
base="$(cd "$(dirname "$0")" && pwd)"
dir="$base/sample-$AUTOPILOT_ENVIRONMENT"
port="$(cat "$dir/port")"
echo "$AUTOPILOT_VERSION" >> "$dir/deployed"
if [ -f "$dir/pid" ]; then
  old="$(cat "$dir/pid")"
  if kill -0 "$old" 2>/dev/null; then
    kill "$old" || true
    for _ in $(seq 1 100); do kill -0 "$old" 2>/dev/null || break; sleep 0.1; done
  fi
fi
SAMPLE_PORT="$port" SAMPLE_VERSION="$AUTOPILOT_VERSION" \
  nohup "$(cat "$base/java-path")" "$base/SampleApp.java" > "$dir/app.log" 2>&1 < /dev/null &
echo $! > "$dir/pid"
for _ in $(seq 1 240); do
  if curl -sf "http://127.0.0.1:$port/health" > /dev/null; then
    echo "sample $AUTOPILOT_VERSION up on $port"
    exit 0
  fi
  sleep 0.25
done
echo "sample $AUTOPILOT_VERSION did not come up" >&2
exit 1
