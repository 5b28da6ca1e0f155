#!/usr/bin/env bash
# The drift experiment (docs/experiments/drift.md): the same world run in five arms (control without
# drift; baseline, window, explore, explore-window with it), weekly retrains, the online score per
# week of each.
#   bench/loop/drift.sh [extra experiment-drift options...]
# Writes docs/experiments/drift.{csv,json,svg}; the arms' lakes and server logs go to
# /tmp/playloop-drift, their databases are playloop_drift_<arm without dashes> (dropped and created
# again at the start of each arm).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ ! -f jobs/target/spark-home/jars/playloop-jobs.jar || ! -f serving/target/playloop-serving.jar ]]; then
  echo "drift.sh: building the jars once (mvn -B -q package -DskipTests)" >&2
  mvn -B -q package -DskipTests
fi

start=$(date +%s)
submit/playloop experiment-drift \
  --db "${PLAYLOOP_DB_URL:-jdbc:postgresql://127.0.0.1:5432/playloop_drift}" \
  --lake file:/tmp/playloop-drift/lake \
  --work /tmp/playloop-drift \
  --out docs/experiments \
  "$@"
echo "drift.sh: done in $(( $(date +%s) - start )) s; see docs/experiments/drift.csv and drift.svg" >&2
