#!/usr/bin/env bash
# Benchmark of `generate`: wall time, peak memory and lake size for a world of
# 100,000 users x 200,000 playlists in Spark local mode. Figures go to docs/benchmarks/generate.md.
#
#   bench/generate.sh                      # the target size
#   USERS=20000 PLAYLISTS=40000 bench/generate.sh   # a smaller trial
#
# Environment: USERS, PLAYLISTS, SONGS, SEED, HEAP (default 8g), MASTER (default local[*]),
# WORK (scratch folder, default /tmp/playloop-bench-generate), SKIP_BUILD=1 to reuse the jars.
# Uses its own PostgreSQL database (playloop_bench_generate), dropped at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
USERS="${USERS:-100000}"
PLAYLISTS="${PLAYLISTS:-200000}"
SONGS="${SONGS:-20000}"
SEED="${SEED:-42}"
HEAP="${HEAP:-8g}"
MASTER="${MASTER:-local[*]}"
WORK="${WORK:-/tmp/playloop-bench-generate}"
DB_NAME=playloop_bench_generate
DB_URL="jdbc:postgresql://127.0.0.1:5432/${DB_NAME}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$ROOT" && mvn -B -q package -DskipTests -pl jobs -am)
fi
JARS="$ROOT/jobs/target/spark-home/jars"
# What Spark's own launcher adds on Java 17 (the same list as jobs/pom.xml's spark.jvm.opens).
OPENS=$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' "$ROOT/jobs/pom.xml")

rm -rf "$WORK"
mkdir -p "$WORK"
LAKE="$WORK/lake"
echo "generate benchmark: $USERS users x $PLAYLISTS playlists x $SONGS songs, seed $SEED," \
  "heap $HEAP, master $MASTER, $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM"

echo "machine load before the run (other processes share the CPU): $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$WORK"
# shellcheck disable=SC2086
/usr/bin/time -v -o "$WORK/time.txt" \
  java -Xmx"$HEAP" -XX:+UseG1GC $OPENS -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
  -cp "$JARS/*" io.playloop.jobs.Main generate \
  --users "$USERS" --playlists "$PLAYLISTS" --songs "$SONGS" --seed "$SEED" \
  --lake "file:$LAKE" --db "$DB_URL" --master "$MASTER" 2>&1 | tee "$WORK/log.txt" \
  | grep -E "generate|ERROR|Exception" || true

status=$(awk -F': ' '/Exit status/{print $2}' "$WORK/time.txt")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$WORK/time.txt")
rss_kb=$(awk -F': ' '/Maximum resident set size/{print $2}' "$WORK/time.txt")
cpu_user=$(awk -F': ' '/User time/{print $2}' "$WORK/time.txt")
cpu_sys=$(awk -F': ' '/System time/{print $2}' "$WORK/time.txt")
echo
echo "machine load after the run:  $(cut -d' ' -f1-3 /proc/loadavg)"
echo "exit status:        $status"
echo "wall time:          $wall"
echo "cpu time:           user ${cpu_user}s, system ${cpu_sys}s"
echo "peak RSS:           $((rss_kb / 1024)) MiB (heap limit -Xmx$HEAP)"
echo "lake size:          $(du -sh "$LAKE" | cut -f1)"
du -sh "$LAKE"/catalog/* "$LAKE"/triplets_data "$LAKE"/positives_splits "$LAKE"/val_eval_batches \
  "$LAKE"/other_utils/popularity "$LAKE"/other_utils/ground_truth/* 2>/dev/null | sed 's/^/  /'
psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)" \
  >/dev/null 2>&1 || true
exit "${status:-1}"
