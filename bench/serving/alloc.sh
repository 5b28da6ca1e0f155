#!/usr/bin/env bash
# Heap bytes allocated per recommend request (100 users and 1 user, impressions off and on) by two
# server jars, alternated, from the JVM's own counter of bytes allocated in eden
# (jvm_memory_pool_allocated_bytes_total, read after a forced GC) around a wrk run. Unlike req/s,
# it does not depend on what else runs on the machine.
#
#   bench/serving/alloc.sh OLD.jar NEW.jar [SECONDS=10]
#
# Needs: wrk, jcmd, psql, PostgreSQL on 127.0.0.1:5432 (user postgres, trust). Uses and drops
# database playloop_bench_alloc.
set -euo pipefail
OLD=$1; NEW=$2; SECS=${3:-10}
HERE=$(cd "$(dirname "$0")" && pwd)
DB=playloop_bench_alloc
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 1 300); do curl -sf "$1" >/dev/null && return 0; sleep 0.2; done; return 1; }
# The counter moves only at a GC: force one first, so that it holds everything allocated so far.
allocated() { jcmd "$PID" GC.run >/dev/null; curl -sf "$1/metrics" | awk '/^jvm_memory_pool_allocated_bytes_total\{pool="G1 Eden Space"\}/ {printf "%.0f", $NF}'; }
start() { # $1 = jar, $2 = impressions true|false
  PORT=$(free_port)
  PLAYLOOP_IMPRESSIONS=$2 java -Xms1g -Xmx2g -jar "$1" --host 127.0.0.1 --port "$PORT" \
    --db "jdbc:postgresql://127.0.0.1:5432/$DB" >/dev/null 2>&1 &
  PID=$!
  wait_http "http://127.0.0.1:$PORT/health"
}
trap 'kill "${PID:-}" 2>/dev/null || true' EXIT

$PG -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
start "$NEW" true # runs the migrations
$PG -d $DB -1 <<'SQL'
INSERT INTO models (model_version, algorithm, status, activated_at) VALUES ('bench-100k', 'bench', 'active', now());
INSERT INTO recommendations (model_version, user_id, playlists, scores)
  SELECT 'bench-100k', u, ARRAY(SELECT 1 + ((u * 7919 + k * 104729) % 200000) FROM generate_series(1, 50) k ORDER BY k),
         array_fill(1.0::real, ARRAY[50])
  FROM generate_series(1, 100000) u;
INSERT INTO popular_playlists (model_version, rank, playlist_id) SELECT 'bench-100k', r, r FROM generate_series(1, 100) r;
INSERT INTO playlists (playlist_id, owner_user_id, name) SELECT p, 1 + (p % 100000), 'Playlist ' || p FROM generate_series(1, 200000) p;
SQL
kill "$PID"; wait "$PID" 2>/dev/null || true
for imp in false true; do
  for round in 1 2; do
    for which in old new; do
      jar=$OLD; [[ $which == new ]] && jar=$NEW
      start "$jar" $imp
      S=http://127.0.0.1:$PORT
      curl -sf -X POST "$S/admin/reload-model" >/dev/null
      for script in recommend-100 recommend-1; do
        wrk -t2 -c64 -d5s -s "$HERE/$script.lua" "$S" >/dev/null
        a0=$(allocated "$S")
        out=$(wrk -t2 -c64 -d"${SECS}s" -s "$HERE/$script.lua" "$S")
        a1=$(allocated "$S")
        reqs=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' <<<"$out")
        echo "impressions=$imp round=$round $which $script: $reqs requests, $(( (a1 - a0) / reqs )) bytes allocated per request"
      done
      kill "$PID"; wait "$PID" 2>/dev/null || true
    done
  done
done
$PG -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
