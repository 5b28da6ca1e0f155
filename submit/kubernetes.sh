#!/usr/bin/env bash
# Example: a Playloop job on Kubernetes with Spark's native scheduler. NOT runnable on this
# project's test machine (no Kubernetes cluster and no Docker here); adapt, then run it where
# kubectl reaches your cluster.
#
# Needs: a Spark 4.1.0 (Scala 2.13) installation in SPARK_HOME; a container image with Java 17,
# Spark 4.1.0 and our jar, for example built with Spark's own tool:
#   cp jobs/target/spark-home/jars/playloop-jobs.jar $SPARK_HOME/jars/
#   $SPARK_HOME/bin/docker-image-tool.sh -r registry.example.com/playloop -t 0.1.0 build push
# a namespace and a service account allowed to create pods:
#   kubectl create namespace playloop
#   kubectl -n playloop create serviceaccount spark
#   kubectl -n playloop create rolebinding spark --clusterrole=edit --serviceaccount=playloop:spark
# and a secret with the database and S3 credentials, which the driver pod reads as environment
# variables (submit/kubernetes-driver-pod.yaml); they never appear on a command line:
#   kubectl -n playloop create secret generic playloop --from-literal=PLAYLOOP_DB_PASSWORD=... \
#     --from-literal=PLAYLOOP_S3_ACCESS_KEY=... --from-literal=PLAYLOOP_S3_SECRET_KEY=...
# On AWS (EKS), an IAM role for the service account instead of S3 keys: leave the S3 keys out of
# the secret and set (the jobs jar carries the STS module this login needs)
#   PLAYLOOP_S3_CREDENTIALS_PROVIDER=software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider
# The lake must be s3a:// (MinIO, Ceph or AWS S3): pods have no shared disk.
#
#   K8S_API=https://k8s.example.com:6443 submit/kubernetes.sh import --input s3a://bucket/u.data --format movielens
set -euo pipefail

: "${SPARK_HOME:?set SPARK_HOME to a Spark 4.1.0 (Scala 2.13) installation}"
: "${K8S_API:?set K8S_API to the Kubernetes API server URL}"
IMAGE="${PLAYLOOP_IMAGE:-registry.example.com/playloop/spark:0.1.0}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROVIDER_OPTS=()
if [[ -n "${PLAYLOOP_S3_CREDENTIALS_PROVIDER:-}" ]]; then
  PROVIDER_OPTS=(--conf "spark.hadoop.fs.s3a.aws.credentials.provider=$PLAYLOOP_S3_CREDENTIALS_PROVIDER")
fi

# --load-spark-defaults: the installation's spark-defaults.conf still counts beside ours.
exec "$SPARK_HOME/bin/spark-submit" \
  --master "k8s://$K8S_API" \
  --deploy-mode cluster \
  --name "playloop-$1" \
  --class io.playloop.jobs.Main \
  --properties-file "$ROOT/conf/spark-defaults.conf" \
  --load-spark-defaults \
  --conf spark.kubernetes.namespace=playloop \
  --conf spark.kubernetes.authenticate.driver.serviceAccountName=spark \
  --conf spark.kubernetes.container.image="$IMAGE" \
  --conf spark.executor.instances=3 \
  --conf spark.driver.memory=4g \
  --conf spark.executor.memory=4g \
  --conf spark.kubernetes.driverEnv.PLAYLOOP_LAKE="${PLAYLOOP_LAKE:-s3a://playloop/lake}" \
  --conf spark.kubernetes.driverEnv.PLAYLOOP_DB_URL="${PLAYLOOP_DB_URL:-jdbc:postgresql://postgres.playloop:5432/playloop}" \
  --conf spark.kubernetes.driverEnv.PLAYLOOP_DB_USER="${PLAYLOOP_DB_USER:-playloop}" \
  --conf spark.kubernetes.driverEnv.PLAYLOOP_S3_ENDPOINT="${PLAYLOOP_S3_ENDPOINT:-http://minio.playloop:9000}" \
  --conf spark.kubernetes.driver.podTemplateFile="$ROOT/submit/kubernetes-driver-pod.yaml" \
  ${PROVIDER_OPTS[@]+"${PROVIDER_OPTS[@]}"} \
  local:///opt/spark/jars/playloop-jobs.jar "$@"
