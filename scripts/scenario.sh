#!/usr/bin/env bash
# Shared by run.sh and bench.sh: makes sure PostgreSQL and RabbitMQ run, packages every module, then runs one of
# the scenarios mains (dev.shelfsync.scenarios.<Main>) with the scenarios jar and its dependencies.
#   scripts/scenario.sh <Main> [args...]
# MVN overrides the Maven command (default ./mvnw).
set -euo pipefail
cd "$(dirname "$0")/.."

main=$1
shift
MVN=${MVN:-./mvnw}

scripts/infra.sh
echo "[shelfsync] packaging (first run downloads dependencies and takes a few minutes)"
# The classpath is written in the same reactor run, so sibling modules resolve to the jars just built (a separate
# -pl scenarios run would look for them in the local repository, where a fresh machine has none).
# The build's own chatter (the Kubernetes generator logs every chart) goes to a log, shown only when it fails.
mkdir -p run/logs
if ! $MVN -B -q -ntp package -DskipTests org.apache.maven.plugins:maven-dependency-plugin:3.7.0:build-classpath \
    -Dmdep.outputFile=target/runtime.classpath -Dmdep.includeScope=runtime > run/logs/package.log 2>&1; then
    tail -n 60 run/logs/package.log >&2
    echo "[shelfsync] packaging failed; the whole build output is in run/logs/package.log" >&2
    exit 1
fi
jar=$(ls scenarios/target/scenarios-*.jar | grep -v -e sources -e javadoc | head -1)
export SHELFSYNC_HOME="$PWD"
exec java -Xmx512m -cp "$jar:$(cat scenarios/target/runtime.classpath)" "dev.shelfsync.scenarios.$main" "$@"
