#!/usr/bin/env bash
# Example: a Playloop job on Hadoop YARN. NOT runnable on this project's test machine (no YARN
# cluster here); adapt names and sizes, then run it from a host with the cluster's configuration.
#
# Needs: a Spark 4.1.0 (Scala 2.13) installation in SPARK_HOME, HADOOP_CONF_DIR (or
# YARN_CONF_DIR) with the cluster's core-site.xml and yarn-site.xml, and the jobs jar built with
# mvn -B -q package -DskipTests (jobs/target/spark-home/jars/playloop-jobs.jar).
# The lake must be s3a:// (or HDFS): executors run on other machines.
#
#   submit/yarn.sh import --input s3a://bucket/incoming/u.data --format movielens
#
# Secrets never go on the command line (ps, shell history and YARN's application report show
# it). In cluster mode the driver cannot see this shell's environment, so PLAYLOOP_DB_PASSWORD and
# PLAYLOOP_S3_SECRET_KEY, when set, are written to a file only you can read, shipped with --files
# into the application's private staging folder, read by the job as its configuration file
# (PLAYLOOP_CONFIG), and deleted here when spark-submit returns. Or keep the S3 keys in a Hadoop
# credential provider and name it (a path, not a secret):
#   hadoop credential create fs.s3a.secret.key -provider jceks://hdfs/user/$USER/playloop.jceks
#   PLAYLOOP_CREDENTIAL_PROVIDER=jceks://hdfs/user/$USER/playloop.jceks submit/yarn.sh ...
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${SPARK_HOME:?set SPARK_HOME to a Spark 4.1.0 (Scala 2.13) installation}"
: "${HADOOP_CONF_DIR:?set HADOOP_CONF_DIR to the cluster configuration}"

# A HOCON string: quoted, with backslashes and quotes escaped (printf is a shell builtin, so the
# value never appears in a process's arguments).
hocon_string() {
  local s="${1//\\/\\\\}"
  printf '"%s"' "${s//\"/\\\"}"
}

SECRET_OPTS=()
if [[ -n "${PLAYLOOP_DB_PASSWORD:-}" || -n "${PLAYLOOP_S3_SECRET_KEY:-}" ]]; then
  SECRETS_FILE="$(umask 077 && mktemp "${TMPDIR:-/tmp}/playloop-job.XXXXXX")"
  trap 'rm -f "$SECRETS_FILE"' EXIT
  {
    if [[ -n "${PLAYLOOP_DB_PASSWORD:-}" ]]; then
      printf 'playloop.db.password = %s\n' "$(hocon_string "$PLAYLOOP_DB_PASSWORD")"
    fi
    if [[ -n "${PLAYLOOP_S3_SECRET_KEY:-}" ]]; then
      printf 'playloop.s3.secret-key = %s\n' "$(hocon_string "$PLAYLOOP_S3_SECRET_KEY")"
    fi
  } >"$SECRETS_FILE"
  SECRET_OPTS=(--files "$SECRETS_FILE#playloop-job.conf"
    --conf spark.yarn.appMasterEnv.PLAYLOOP_CONFIG=playloop-job.conf)
fi
if [[ -n "${PLAYLOOP_CREDENTIAL_PROVIDER:-}" ]]; then
  SECRET_OPTS+=(--conf "spark.hadoop.hadoop.security.credential.provider.path=$PLAYLOOP_CREDENTIAL_PROVIDER")
fi

# cluster mode: the driver runs inside YARN too, so the job survives this shell ending.
# --load-spark-defaults: the installation's spark-defaults.conf (event logs, queues) still counts.
"$SPARK_HOME/bin/spark-submit" \
  --master yarn \
  --deploy-mode cluster \
  --name "playloop-$1" \
  --class io.playloop.jobs.Main \
  --properties-file "$ROOT/conf/spark-defaults.conf" \
  --load-spark-defaults \
  --driver-memory 4g \
  --executor-memory 4g \
  --executor-cores 2 \
  --num-executors 4 \
  --conf spark.yarn.maxAppAttempts=1 \
  --conf spark.yarn.appMasterEnv.PLAYLOOP_LAKE="${PLAYLOOP_LAKE:-s3a://playloop/lake}" \
  --conf spark.yarn.appMasterEnv.PLAYLOOP_DB_URL="${PLAYLOOP_DB_URL:-jdbc:postgresql://db.internal:5432/playloop}" \
  --conf spark.yarn.appMasterEnv.PLAYLOOP_DB_USER="${PLAYLOOP_DB_USER:-playloop}" \
  --conf spark.yarn.appMasterEnv.PLAYLOOP_S3_ENDPOINT="${PLAYLOOP_S3_ENDPOINT:-}" \
  --conf spark.yarn.appMasterEnv.PLAYLOOP_S3_ACCESS_KEY="${PLAYLOOP_S3_ACCESS_KEY:-}" \
  ${SECRET_OPTS[@]+"${SECRET_OPTS[@]}"} \
  "$ROOT/jobs/target/spark-home/jars/playloop-jobs.jar" "$@"
