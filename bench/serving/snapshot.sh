#!/usr/bin/env bash
# Snapshot load time and heap for 1,000,000 users x 50 playlists.
#   bench/serving/snapshot.sh
# Uses and drops database playloop_bench_snapshot; runs the loader 3 times in one JVM (-Xmx8g).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/serving/target/playloop-serving.jar"
DB=playloop_bench_snapshot
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
$PG -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
# The server's migrations create the schema: start it once on a free port and stop it.
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -Xmx512m -jar "$JAR" --host 127.0.0.1 --port "$PORT" --db "jdbc:postgresql://127.0.0.1:5432/$DB" >/dev/null 2>&1 &
PID=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
kill $PID; wait $PID 2>/dev/null || true
echo "== writing 1,000,000 users x 50 playlists"
time $PG -d $DB <<'SQL'
INSERT INTO recommendations (model_version, user_id, playlists, scores)
  SELECT 'bench-1m', u, ARRAY(SELECT (1 + ((u::bigint * 7919 + k * 104729) % 2000000))::int FROM generate_series(1, 50) k ORDER BY k),
         array_fill(1.0::real, ARRAY[50])
  FROM generate_series(1, 1000000) u;
INSERT INTO popular_playlists (model_version, rank, playlist_id) SELECT 'bench-1m', r, r FROM generate_series(1, 100) r;
ANALYZE recommendations;
SQL
java -Xmx8g -cp "$JAR" "$ROOT/bench/serving/SnapshotLoad.java" "jdbc:postgresql://127.0.0.1:5432/$DB" bench-1m
$PG -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
