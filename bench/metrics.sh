#!/usr/bin/env bash
# Benchmark of the metrics job: a generated world of 100,000 users plus 1,000,000 feedback rows
# (and one impression per feedback) in a database of its own. Target: under 5 minutes.
#
#   bench/metrics.sh [LAKE_URI]
#
# LAKE_URI: a lake that generate already wrote at that size (bench/generate.sh leaves one);
# without it this script generates one first (not part of the timing).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DB=playloop_bench_metrics
URL="jdbc:postgresql://127.0.0.1:5432/$DB"
LAKE="${1:-file:$ROOT/target/bench-metrics-lake}"
USERS=100000
FEEDBACK=1000000

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" postgres
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB" postgres

if [[ -z "${1:-}" ]]; then
  "$ROOT/submit/playloop" generate --users $USERS --playlists 200000 --seed 1 --lake "$LAKE" --db "$URL"
else
  # Any job run creates and migrates the database; this one has nothing to read yet.
  "$ROOT/submit/playloop" metrics --lake "file:$ROOT/target/bench-empty-lake" --db "$URL" >/dev/null 2>&1
fi

echo "bench: inserting $FEEDBACK feedback rows and their impressions over 120 days"
psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 -d $DB <<SQL
TRUNCATE feedback, impression_batches, dashboard_feedback, dashboard_training, dashboard_models;
INSERT INTO impressions (request_id, user_id, model_version, playlists, served_at)
SELECT 'r' || g, 1 + (g * 7919) % $USERS, 'v' || (g % 3),
       ARRAY[1 + g % 200000, 1 + (g * 3) % 200000, 1 + (g * 5) % 200000, 1 + (g * 7) % 200000,
             1 + (g * 11) % 200000],
       timestamptz '2026-01-01' + (g % 120) * interval '1 day' + (g % 86000) * interval '1 second'
FROM generate_series(1::bigint, $FEEDBACK::bigint) g;
INSERT INTO feedback (user_id, like_playlist, other_playlists, request_id, model_version, created_at)
SELECT 1 + (g * 7919) % $USERS, 1 + ((g * (1 + g % 5)) % 200000),
       ARRAY[1 + g % 200000, 1 + (g * 3) % 200000, 1 + (g * 5) % 200000, 1 + (g * 7) % 200000,
             1 + (g * 11) % 200000],
       'r' || g, 'v' || (g % 3),
       timestamptz '2026-01-01' + (g % 120) * interval '1 day' + (g % 86000) * interval '1 second'
         + interval '5 seconds'
FROM generate_series(1::bigint, $FEEDBACK::bigint) g;
ANALYZE feedback; ANALYZE impression_batches;
SQL

echo "bench: metrics job"
/usr/bin/time -v "$ROOT/submit/playloop" metrics --lake "$LAKE" --db "$URL" 2> "$ROOT/target/bench-metrics.time"
grep -E "Elapsed|Maximum resident" "$ROOT/target/bench-metrics.time"
psql -h 127.0.0.1 -U postgres -d $DB -c "SELECT count(*) AS dashboard_rows FROM dashboard_feedback"
