#!/usr/bin/env bash
# Test migrate command: records the run; versions containing "badmig" fail half-way.
set -eu
base="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$base/migrations"
echo "$AUTOPILOT_SERVICE $AUTOPILOT_ENVIRONMENT $AUTOPILOT_VERSION" > "$base/migrations/$AUTOPILOT_DEPLOYMENT_ID"
case "$AUTOPILOT_VERSION" in
  *badmig*) echo "ALTER TABLE orders ADD COLUMN ... ERROR: column already exists" >&2; exit 4 ;;
esac
echo "migrated to $AUTOPILOT_VERSION"
