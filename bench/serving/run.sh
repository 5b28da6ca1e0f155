#!/usr/bin/env bash
# Serving benchmark: wrk on loopback against the shaded server jar and, in the same run,
# a bare Javalin constant route (the ceiling); feedback with group commit vs one transaction per
# request vs pgbench's 64-client one-row INSERT; recommend again with access control on
# (credentials, a bearer token per request, signed request ids). Prints medians and ratios
# (summarize.py).
#
#   bench/serving/run.sh [ROUNDS=3] [SECONDS=15] [all|explore]
#
# recommend-1 and recommend-100 run against a server exploring 10% of requests (the default, share
# 0.1) and, in the same round, as *-noexplore against a second server with exploration off (share
# 0); the summary prints their ratios. "explore" stops after those rounds (no feedback, no pgbench).
#
# Needs: wrk, pgbench, psql, PostgreSQL on 127.0.0.1:5432 (user postgres, trust), the jar
# (mvn -B -q package -pl serving -am -DskipTests). Uses and drops database playloop_bench.
set -euo pipefail
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-15}
MODE=${3:-all}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/serving"
JAR="$ROOT/serving/target/playloop-serving.jar"
OUT="$HERE/results/$(date -u +%Y%m%dT%H%M%SZ)"
DB=${BENCH_DB:-playloop_bench} # another name lets two worktrees benchmark without clashing
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
mkdir -p "$OUT"
[ -f "$JAR" ] || { echo "build the jar first: mvn -B -q package -pl serving -am -DskipTests"; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 1 300); do curl -sf "$1" >/dev/null && return 0; sleep 0.2; done; echo "timeout: $1"; return 1; }

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start_server() { # $1 = group|single, $2 = impressions true|false, $3 = exploration share
  SERVER_PORT=$(free_port)
  PLAYLOOP_FEEDBACK_COMMIT=$1 PLAYLOOP_IMPRESSIONS=${2:-true} PLAYLOOP_EXPLORE_SHARE=${3:-0.1} java -Xms1g -Xmx2g -jar "$JAR" --host 127.0.0.1 --port "$SERVER_PORT" \
    --db "jdbc:postgresql://127.0.0.1:5432/$DB" >>"$OUT/server-$1.log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  wait_http "http://127.0.0.1:$SERVER_PORT/health"
}
stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; }

{
  echo "date: $(date -u)"; echo "host: $(uname -srm), $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p')"; java -version 2>&1 | head -1
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"; echo "rounds $ROUNDS x ${SECONDS_PER_RUN}s, wrk -t2 -c64"
} >"$OUT/machine.txt"

echo "== database $DB with 100,000 users x 50 playlists"
$PG -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
start_server group # runs the migrations
# One transaction, like the training job: the version is active only together with its lists.
$PG -d $DB -1 <<'SQL'
INSERT INTO models (model_version, algorithm, status, activated_at) VALUES ('bench-100k', 'bench', 'active', now());
INSERT INTO recommendations (model_version, user_id, playlists, scores)
  SELECT 'bench-100k', u, ARRAY(SELECT 1 + ((u * 7919 + k * 104729) % 200000) FROM generate_series(1, 50) k ORDER BY k),
         array_fill(1.0::real, ARRAY[50])
  FROM generate_series(1, 100000) u;
INSERT INTO popular_playlists (model_version, rank, playlist_id) SELECT 'bench-100k', r, r FROM generate_series(1, 100) r;
INSERT INTO playlists (playlist_id, owner_user_id, name) SELECT p, 1 + (p % 100000), 'Playlist ' || p FROM generate_series(1, 200000) p;
-- 64 taste clusters of 3,125 playlists (p mod 64), each exploring from its first 20: a user's 50
-- playlists leave about half of them uncovered, as many as exploration may have to look through.
INSERT INTO exploration_clusters (model_version, cluster, pool, members)
  SELECT 'bench-100k', c, m[1:20], m
  FROM (SELECT c, ARRAY(SELECT p FROM generate_series(1, 200000) p WHERE p % 64 = c ORDER BY p) m
        FROM generate_series(0, 63) c) t;
SQL
$PG -d $DB -c ANALYZE
curl -sf -X POST "http://127.0.0.1:$SERVER_PORT/admin/reload-model" >"$OUT/reload.json"
cat "$OUT/reload.json"; echo

CEILING_PORT=$(free_port)
java -Xms512m -Xmx1g -cp "$JAR" "$HERE/CeilingServer.java" "$CEILING_PORT" >"$OUT/ceiling.log" 2>&1 &
PIDS+=("$!")
wait_http "http://127.0.0.1:$CEILING_PORT/"

S="http://127.0.0.1:$SERVER_PORT"
C="http://127.0.0.1:$CEILING_PORT/"
EXPLORING_PID=$SERVER_PID
start_server group true 0 # the same, exploration off: the second server of each round
S0="http://127.0.0.1:$SERVER_PORT"
curl -sf -X POST "$S0/admin/reload-model" >/dev/null
echo "== warm-up"
wrk -t2 -c64 -d10s "$C" >/dev/null
wrk -t2 -c64 -d10s -s "$HERE/recommend-1.lua" "$S" >/dev/null
wrk -t2 -c64 -d10s -s "$HERE/recommend-1.lua" "$S0" >/dev/null
wrk -t2 -c64 -d10s -s "$HERE/recommend-100.lua" "$S" >/dev/null

for r in $(seq 1 "$ROUNDS"); do
  echo "== round $r: ceiling, recommend-1 and recommend-100, each at share 0.1 and share 0"
  wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency "$C" >"$OUT/ceiling-$r.wrk"
  wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency -s "$HERE/recommend-1.lua" "$S" >"$OUT/recommend-1-$r.wrk"
  wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency -s "$HERE/recommend-1.lua" "$S0" >"$OUT/recommend-1-noexplore-$r.wrk"
  wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency -s "$HERE/recommend-100.lua" "$S" >"$OUT/recommend-100-$r.wrk"
  wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency -s "$HERE/recommend-100.lua" "$S0" >"$OUT/recommend-100-noexplore-$r.wrk"
done
curl -sf "$S/metrics" | grep -E '^playloop_impressions_(written|dropped)_total' >"$OUT/impressions.txt" || true
$PG -d $DB -Atc "SELECT count(*) FILTER (WHERE explore_counts IS NOT NULL), count(*) FROM impression_batches" \
  | awk -F'|' '{print "impression rows with explored positions: " $1 " of " $2}' >"$OUT/count-explored.txt"
stop_server
SERVER_PID=$EXPLORING_PID
stop_server
if [ "$MODE" = explore ]; then
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"
  $PG -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
  python3 "$HERE/summarize.py" "$OUT" | tee "$OUT/summary.txt"
  echo "results: $OUT"
  exit 0
fi

echo "== the same with access control on: a credentials file, a bearer token on every request,"
echo "   require-served (every user's request_id signed)"
java -jar "$JAR" credentials add --client bench --scopes read --file "$OUT/credentials" >"$OUT/token" 2>/dev/null
SERVER_PORT=$(free_port)
PLAYLOOP_CREDENTIALS_FILE="$OUT/credentials" PLAYLOOP_REQUIRE_SERVED=true \
  PLAYLOOP_SERVED_KEY=bench-served-key-of-at-least-32-characters \
  java -Xms1g -Xmx2g -jar "$JAR" --host 127.0.0.1 --port "$SERVER_PORT" \
  --db "jdbc:postgresql://127.0.0.1:5432/$DB" >>"$OUT/server-auth.log" 2>&1 &
SERVER_PID=$!
PIDS+=("$SERVER_PID")
wait_http "http://127.0.0.1:$SERVER_PORT/health"
S="http://127.0.0.1:$SERVER_PORT"
export TOKEN=$(cat "$OUT/token")
curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"user_ids":[1]}' "$S/api/playlist/recommend/" >"$OUT/signed-answer.json"
wrk -t2 -c64 -d10s -s "$HERE/recommend-1.lua" "$S" >/dev/null
wrk -t2 -c64 -d10s -s "$HERE/recommend-100.lua" "$S" >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  echo "== round $r: ceiling, recommend-1-auth, recommend-100-auth"
  wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency "$C" >"$OUT/ceiling-a$r.wrk"
  wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency -s "$HERE/recommend-1.lua" "$S" >"$OUT/recommend-1-auth-$r.wrk"
  wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency -s "$HERE/recommend-100.lua" "$S" >"$OUT/recommend-100-auth-$r.wrk"
done
unset TOKEN
stop_server

echo "== the same without impression logging (impressions-enabled = false)"
start_server group false
S="http://127.0.0.1:$SERVER_PORT"
wrk -t2 -c64 -d10s -s "$HERE/recommend-1.lua" "$S" >/dev/null
wrk -t2 -c64 -d10s -s "$HERE/recommend-100.lua" "$S" >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  echo "== round $r: ceiling, recommend-1-noimp, recommend-100-noimp"
  wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency "$C" >"$OUT/ceiling-n$r.wrk"
  wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency -s "$HERE/recommend-1.lua" "$S" >"$OUT/recommend-1-noimp-$r.wrk"
  wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency -s "$HERE/recommend-100.lua" "$S" >"$OUT/recommend-100-noimp-$r.wrk"
done

rows() { $PG -d $DB -Atc "SELECT count(*) FROM feedback"; }
feedback_run() { # $1 = mode, $2 = round
  local before after acks non2xx total
  before=$(rows)
  wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency -s "$HERE/feedback.lua" "$S" >"$OUT/feedback-$1-$2.wrk"
  sleep 1
  after=$(rows)
  total=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$OUT/feedback-$1-$2.wrk")
  non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: \([0-9]*\)/\1/p' "$OUT/feedback-$1-$2.wrk")
  acks=$((total - ${non2xx:-0}))
  local verdict="every 200 is in the table"
  [ $((after - before)) -ge "$acks" ] || verdict="MISSING ROWS"
  echo "count feedback-$1-$2: $acks acknowledged (200), $((after - before)) new rows: $verdict" >"$OUT/count-feedback-$1-$2.txt"
}

echo "== feedback with group commit"
wrk -t2 -c64 -d5s -s "$HERE/feedback.lua" "$S" >/dev/null
for r in $(seq 1 "$ROUNDS"); do feedback_run group "$r"; done
curl -sf "$S/metrics" | grep -E '^playloop_feedback_(batch_size_(sum|count)|commits_total)' >"$OUT/group-commit-metrics.txt" || true
stop_server

echo "== feedback with one transaction per request"
start_server single
S="http://127.0.0.1:$SERVER_PORT"
wrk -t2 -c64 -d5s -s "$HERE/feedback.lua" "$S" >/dev/null
for r in $(seq 1 "$ROUNDS"); do feedback_run single "$r"; done
stop_server

echo "== pgbench: 64 clients, one-row INSERT per transaction"
for r in $(seq 1 "$ROUNDS"); do
  pgbench -h 127.0.0.1 -U postgres -n -c 64 -j 2 -T "$SECONDS_PER_RUN" -f "$HERE/pgbench-insert.sql" $DB >"$OUT/pgbench-$r.txt" 2>&1
done

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"
$PG -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
python3 "$HERE/summarize.py" "$OUT" | tee "$OUT/summary.txt"
echo "results: $OUT"
