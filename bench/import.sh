#!/usr/bin/env bash
# Benchmark: the import job on a MovieLens u.data file (e.g. MovieLens 100k), local mode.
#
#   bench/import.sh PATH/TO/u.data [extra import options ...]
#
# Runs submit/playloop import into a fresh lake under a temporary folder and a PostgreSQL
# database "playloop_bench_import" (created if missing; override with PLAYLOOP_DB_URL), and
# prints wall time, peak memory (RSS of the driver JVM), lake size and the job's summary line.
# Driver heap: PLAYLOOP_DRIVER_MEMORY (default 4g).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INPUT="${1:?usage: bench/import.sh PATH/TO/u.data [import options ...]}"
shift
if [[ ! -f "$INPUT" ]]; then
  echo "bench/import.sh: no such file: $INPUT" >&2
  exit 2
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
DB="${PLAYLOOP_DB_URL:-jdbc:postgresql://127.0.0.1:5432/playloop_bench_import}"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo "input:   $INPUT ($(wc -l <"$INPUT") lines)"
/usr/bin/time -f "%e %M" -o "$WORK/time" \
  "$ROOT/submit/playloop" import --input "$INPUT" --format movielens \
  --lake "file:$WORK/lake" --db "$DB" "$@" 2>"$WORK/stderr" || {
  cat "$WORK/stderr" >&2
  exit 1
}
read -r seconds kbytes <"$WORK/time"
echo "wall:    ${seconds} s (JVM start to exit, Spark local[*])"
echo "peak:    $((kbytes / 1024)) MiB resident"
echo "lake:    $(du -sh "$WORK/lake" | cut -f1)"
grep "import succeeded" "$WORK/stderr" | sed 's/^/job:     /'
