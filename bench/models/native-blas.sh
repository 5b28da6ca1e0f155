#!/usr/bin/env bash
# ALS (MLlib) and EASE (dense, LAPACK) fit time on native OpenBLAS vs netlib's Java fallback, in one
# run, native and fallback alternating so that both see the same machine load:
#   bench/models/native-blas.sh [repeats]          (default 3)
# EASE: a generated 5,000-item file (3,000 users x 40 items); ALS: MovieLens 100k, rank 32, 5
# iterations. Each figure is the benchmark's train_seconds (the chosen setting's fit on the train
# part), one seed, one grid cell.
# The fallback is forced with netlib's library-name properties pointing at a library that does not
# exist. Needs compiled classes (mvn -o -q -pl jobs -am compile) and libopenblas0 + liblapack3.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
repeats=${1:-3}
work=${BENCH_DIR:-/tmp/playloop-native-blas}
mkdir -p "$work"
ml100k=${ML100K:-/work/shared/data/movielens-100k/u.data}
[[ -f $ml100k ]] || ml100k="$root/../shared/data/movielens-100k/u.data"
ease_data="$work/ease-5000-items.data"
if [[ ! -s $ease_data ]]; then
  # Users in 50 taste clusters, items drawn mostly from their cluster, popularity skewed.
  awk 'BEGIN { srand(7); for (u = 1; u <= 3000; u++) { delete seen; n = 0; c = u % 50;
      while (n < 40) { if (rand() < 0.8) i = 1 + c + 50 * int(100 * rand() ^ 2); else i = 1 + int(5000 * rand());
        if (!(i in seen)) { seen[i] = 1; n++; printf "%d\t%d\t1\t%d\n", u, i, 880000000 + n } } } }' \
    >"$ease_data"
fi
fallback="-Ddev.ludovic.netlib.blas.nativeLib=libplayloop-absent-blas.so"
fallback+=" -Ddev.ludovic.netlib.lapack.nativeLib=libplayloop-absent-lapack.so"
results="$work/results.tsv"
printf 'algorithm\tmode\trepeat\ttrain_seconds\twall_seconds\n' >"$results"
one() { # algorithm mode repeat input
  local algorithm=$1 mode=$2 rep=$3 input=$4 opts="" out="$work/$1-$2-$3.json"
  [[ $mode == fallback ]] && opts=$fallback
  local t0=$SECONDS
  PLAYLOOP_JAVA_OPTS="$opts" "$root/bench/models/run-jobs.sh" benchmark --input "$input" \
    --format movielens --algorithms "$algorithm" --seeds 1 --budget 1 --blend false \
    --als-iterations 5 \
    --out "$out" --lake "file:$work/lake" --master 'local[2]' >"$work/$1-$2-$3.log" 2>&1
  grep -m1 -o "native BLAS[^\"]*" "$work/$1-$2-$3.log" | head -1 >"$work/$1-$2-$3.blas"
  python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['results'][0]['train_seconds'])" \
    "$out" | xargs -I{} printf '%s\t%s\t%s\t%s\t%s\n' "$algorithm" "$mode" "$rep" {} \
    "$((SECONDS - t0))" >>"$results"
  tail -1 "$results"
}
for rep in $(seq 1 "$repeats"); do
  for mode in native fallback; do
    one ease "$mode" "$rep" "$ease_data"
    one als "$mode" "$rep" "$ml100k"
  done
done
echo "implementations: native: $(cat "$work/ease-native-1.blas"); fallback: $(cat "$work/ease-fallback-1.blas")"
python3 - "$results" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
for algo in ("als", "ease"):
    if not any(r["algorithm"] == algo for r in rows): continue
    med = {m: statistics.median(float(r["train_seconds"]) for r in rows
                                if r["algorithm"] == algo and r["mode"] == m)
           for m in ("native", "fallback")}
    print(f"{algo}: median fit native {med['native']:.2f} s, fallback {med['fallback']:.2f} s,"
          f" fallback/native {med['fallback'] / med['native']:.2f}x")
PY
