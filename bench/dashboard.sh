#!/usr/bin/env bash
# Benchmark of the dashboard page: a year of daily rows in every dashboard table (all metrics,
# segments and three model versions), the packaged server, and the time of GET /dashboard for the
# whole year and for the default 30 days. Target: under 200 ms. Prints the median of 30 requests.
#
#   bench/dashboard.sh            (builds the server jar first if it is missing)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DB=playloop_bench_dashboard
URL="jdbc:postgresql://127.0.0.1:5432/$DB"
PORT="${PORT:-18181}"
JAR="$ROOT/serving/target/playloop-serving.jar"
[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -B -q package -DskipTests -pl serving -am)

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" postgres
java -Xmx1g -jar "$JAR" --port "$PORT" --host 127.0.0.1 --db "$URL" > "$ROOT/target/bench-dashboard-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 1; done

psql -h 127.0.0.1 -U postgres -q -d $DB <<'SQL'
INSERT INTO dashboard_feedback (day, metric, segment, value)
SELECT d::date, m, s, random() * 1000
FROM generate_series(date '2025-11-26', date '2026-11-25', interval '1 day') d,
     (VALUES ('feedback_volume', ''), ('daily_users', ''), ('weekly_users', ''),
             ('cumulative_feedback', ''), ('distinct_users', ''), ('new_users', ''),
             ('feedback_score', ''), ('scored_feedback', ''), ('invalid_blocks', ''),
             ('invalid_blocks', 'duplicate_pair'), ('invalid_blocks', 'empty_negatives'),
             ('invalid_blocks', 'duplicate_negatives'), ('invalid_blocks', 'positive_in_negatives'),
             ('power_user_share', 'top1'), ('power_user_share', 'top10'),
             ('new_feedback_since_training', ''), ('retrain_threshold', '')) AS x(m, s);
INSERT INTO dashboard_training (day, metric, segment, value)
SELECT d::date, m, s, random() * 1000
FROM generate_series(date '2025-11-26', date '2026-11-25', interval '1 day') d,
     (VALUES ('distinct_users', ''), ('user_blocks', ''), ('avg_blocks_per_user', ''),
             ('invalid_blocks', ''), ('invalid_blocks', 'duplicate_pair'),
             ('user_blocks_in_batch', 'bootstrap'), ('user_blocks_in_batch', 'feedback')) AS x(m, s);
INSERT INTO dashboard_models (day, model_version, metric, value)
SELECT d::date, v, m, random()
FROM generate_series(date '2025-11-26', date '2026-11-25', interval '1 day') d,
     (VALUES ('v1'), ('v2'), ('v3')) AS y(v), (VALUES ('online_score'), ('feedback_volume')) AS x(m);
INSERT INTO pipeline_runs (job, started_at, finished_at, status, rows_in, rows_out)
SELECT j, d, d + interval '5 minutes', 'succeeded', 1000, 500
FROM generate_series(timestamptz '2025-11-26', timestamptz '2026-11-25', interval '1 day') d,
     (VALUES ('extract'), ('metrics'), ('train'), ('score')) AS x(j);
ANALYZE;
SQL

measure() {
  local path="$1"
  for _ in $(seq 1 5); do curl -s -o /dev/null "http://127.0.0.1:$PORT$path"; done # warm-up
  for _ in $(seq 1 30); do
    curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$PORT$path"
  done | sort -n | awk '{a[NR]=$1} END {printf "median %.1f ms, max %.1f ms\n", a[int((NR+1)/2)]*1000, a[NR]*1000}'
}
echo "dashboard, a whole year (365 days x every metric): $(measure '/dashboard?from=2025-11-26&to=2026-11-25')"
echo "dashboard, default range (30 days):                $(measure '/dashboard')"
echo "page size: $(curl -s "http://127.0.0.1:$PORT/dashboard?from=2025-11-26&to=2026-11-25" | wc -c) bytes"
