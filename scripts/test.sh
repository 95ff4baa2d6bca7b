#!/usr/bin/env bash
# Runs every test of Shelfsync: unit, service and contract tests, then the system tests that start all five
# services as processes. Starts (or installs) PostgreSQL and RabbitMQ first. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/infra.sh
./mvnw -B -ntp verify "$@"
