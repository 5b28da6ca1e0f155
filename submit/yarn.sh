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
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${SPARK_HOME:?set SPARK_HOME to a Spark 4.1.0 (Scala 2.13) installation}"
: "${HADOOP_CONF_DIR:?set HADOOP_CONF_DIR to the cluster configuration}"

# cluster mode: the driver runs inside YARN too, so the job survives this shell ending.
exec "$SPARK_HOME/bin/spark-submit" \
  --master yarn \
  --deploy-mode cluster \
  --name "playloop-$1" \
  --class io.playloop.jobs.Main \
  --properties-file "$ROOT/conf/spark-defaults.conf" \
  --driver-memory 4g \
  --executor-memory 4g \
  --executor-cores 2 \
  --num-executors 4 \
  --conf spark.yarn.maxAppAttempts=1 \
  --conf spark.yarn.appMasterEnv.PLAYLOOP_LAKE="${PLAYLOOP_LAKE:-s3a://playloop/lake}" \
  --conf spark.yarn.appMasterEnv.PLAYLOOP_DB_URL="${PLAYLOOP_DB_URL:-jdbc:postgresql://db.internal:5432/playloop}" \
  --conf spark.yarn.appMasterEnv.PLAYLOOP_DB_USER="${PLAYLOOP_DB_USER:-playloop}" \
  --conf spark.yarn.appMasterEnv.PLAYLOOP_DB_PASSWORD="${PLAYLOOP_DB_PASSWORD:-}" \
  --conf spark.yarn.appMasterEnv.PLAYLOOP_S3_ENDPOINT="${PLAYLOOP_S3_ENDPOINT:-}" \
  --conf spark.yarn.appMasterEnv.PLAYLOOP_S3_ACCESS_KEY="${PLAYLOOP_S3_ACCESS_KEY:-}" \
  --conf spark.yarn.appMasterEnv.PLAYLOOP_S3_SECRET_KEY="${PLAYLOOP_S3_SECRET_KEY:-}" \
  "$ROOT/jobs/target/spark-home/jars/playloop-jobs.jar" "$@"
