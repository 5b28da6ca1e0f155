#!/usr/bin/env bash
# The models' speed benchmark on a generated world: pair-users + train (every default algorithm,
# each on its first grid cell, no search) + score (candidates picked from the data), each stage
# timed, with its peak resident memory (an upper bound of the heap).
#   bench/models/generated-world.sh [users] [playlists]     (defaults 100000 200000)
# Needs a local PostgreSQL (the world comes from the generate job, run first if missing). Heap: PLAYLOOP_HEAP (12g).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
users=${1:-100000}
playlists=${2:-200000}
work=${BENCH_DIR:-/tmp/playloop-models-bench}
mkdir -p "$work"
lake="file:$work/lake"
db="jdbc:postgresql://127.0.0.1:5432/playloop_models_bench"
export PLAYLOOP_HEAP=${PLAYLOOP_HEAP:-12g}
run() {
  local stage=$1
  shift
  /usr/bin/time -f "$stage: %e s wall, %M KB max RSS" -a -o "$work/times.txt" \
    "$root/bench/models/run-jobs.sh" "$@" --lake "$lake" --db "$db" --master 'local[2]' \
    >"$work/$stage.log" 2>&1
  tail -1 "$work/times.txt"
}
: >"$work/times.txt"
if [[ ! -d $work/lake/triplets_data ]]; then
  run generate generate --users "$users" --playlists "$playlists" --seed 42
fi
run pair-users pair-users --version bench
run train train --budget 1 --eval-users 2000
run score score --top-n 50
grep -h "succeeded in" "$work"/*.log
