#!/usr/bin/env bash
# Runs a Playloop job from the build tree (no packaging needed): bench/models/run-jobs.sh <job> [--opt v ...]
# Heap: PLAYLOOP_HEAP (default 6g); extra JVM options: PLAYLOOP_JAVA_OPTS. Builds the classpath once into jobs/target/bench-classpath.txt.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
cp_file="$root/jobs/target/bench-classpath.txt"
if [[ ! -s $cp_file ]]; then
  mvn -B -o -q dependency:build-classpath -pl jobs -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
fi
# A snapshot of the compiled classes, so that a rebuild during a long run cannot break it.
snap=$(mktemp -d /tmp/playloop-bench-classes.XXXXXX)
trap 'rm -rf "$snap"' EXIT
cp -r jobs/target/classes "$snap/jobs" && cp -r core/target/classes "$snap/core"
opens=$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' jobs/pom.xml)
java -Xmx"${PLAYLOOP_HEAP:-6g}" -XX:+UseG1GC $opens ${PLAYLOOP_JAVA_OPTS:-} \
  -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
  -cp "$snap/jobs:$snap/core:$(cat "$cp_file")" io.playloop.jobs.Main "$@"
