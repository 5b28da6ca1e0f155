#!/usr/bin/env bash
# A Spark standalone cluster on this machine from the project's own jars (no Spark
# installation), and one job run on it through submit/playloop. Stops the cluster at the end.
#
#   submit/standalone-cluster.sh [job] [--option value ...]     (default: import --help)
#
# On real machines: run the Master on one host, a Worker on every other host with the master's
# URL, and submit with --master spark://MASTER-HOST:7077. Workers need SPARK_HOME pointing at a
# folder whose jars/ holds the same jars (jobs/target/spark-home) and SPARK_SCALA_VERSION=2.13.
# The lake must be visible to every executor: s3a:// (or a shared file system), never a local
# folder of one machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SPARK_HOME="$ROOT/jobs/target/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
MASTER_PORT="${MASTER_PORT:-7077}"
MASTER_UI="${MASTER_UI:-8090}"
WORKER_CORES="${WORKER_CORES:-2}"
WORKER_MEMORY="${WORKER_MEMORY:-4g}"
LOGS="${LOGS:-$ROOT/target/standalone}"
mkdir -p "$LOGS"

if [[ ! -f "$SPARK_HOME/jars/playloop-jobs.jar" ]]; then
  echo "building the jobs jar once: mvn -B -q package -DskipTests" >&2
  (cd "$ROOT" && mvn -B -q package -DskipTests -pl jobs -am)
fi

OPENS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
--add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
--add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false"
# shellcheck disable=SC2086
java -Xmx512m $OPENS -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$MASTER_UI" >"$LOGS/master.log" 2>&1 &
MASTER_PID=$!
# shellcheck disable=SC2086
java -Xmx512m $OPENS -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker \
  "spark://127.0.0.1:$MASTER_PORT" --host 127.0.0.1 --cores "$WORKER_CORES" \
  --memory "$WORKER_MEMORY" --work-dir "$LOGS/work" >"$LOGS/worker.log" 2>&1 &
WORKER_PID=$!
trap 'kill "$WORKER_PID" "$MASTER_PID" 2>/dev/null || true' EXIT

echo "waiting for the worker to register (master UI: http://127.0.0.1:$MASTER_UI) ..." >&2
for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$MASTER_UI/json/" | tr -d ' ' | grep -q '"aliveworkers":1'; then
    break
  fi
  sleep 1
done

if [[ $# -eq 0 ]]; then
  set -- import --help
fi
# The launcher must not use the cluster's SPARK_HOME (it has no bin/spark-submit).
env -u SPARK_HOME "$ROOT/submit/playloop" "$@" --master "spark://127.0.0.1:$MASTER_PORT"
