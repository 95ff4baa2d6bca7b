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
$MVN -B -q -ntp package -DskipTests
mkdir -p run
$MVN -B -q -ntp -pl scenarios org.apache.maven.plugins:maven-dependency-plugin:3.7.0:build-classpath \
    -Dmdep.outputFile="$PWD/run/scenarios.classpath" -Dmdep.includeScope=runtime
jar=$(ls scenarios/target/scenarios-*.jar | grep -v -e sources -e javadoc | head -1)
export SHELFSYNC_HOME="$PWD"
exec java -Xmx512m -cp "$jar:$(cat run/scenarios.classpath)" "dev.shelfsync.scenarios.$main" "$@"
