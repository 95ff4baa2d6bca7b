#!/usr/bin/env bash
# The fault run: the five services on their own databases (ss_chaos_*), vhost (ss-chaos) and ports (38081-38085),
# simulated stores, a steady stream of signed order webhooks, and one fault after another (RabbitMQ restarted and
# down, PostgreSQL crashed, inventory's broker connections frozen half-open, kill -9 of each service, a marketplace storm, duplicated/reordered/missing webhooks, a broker
# kill -9 in a ring-fenced flash sale); after each, a bounded wait until nothing
# is lost or doubled and every store converged. It stops and starts the machine's RabbitMQ and PostgreSQL: run it
# alone (under the build lock on a shared machine).
#   scripts/chaos.sh --short   a broker restart, a half-open connection, a kill -9: about 75 s of faults
#   scripts/chaos.sh [--full]  every fault, about 10 minutes after packaging; writes the figures into RELIABILITY.md
#   --runs=N                   each fault N times in a row (the table shows the range of each figure)
#   --only=id[,id]             only these faults (ids in RELIABILITY.md); rewrites only their rows
# Report: run/reports/chaos-<timestamp>/chaos.md. Exit status 1 when a fault did not recover.
exec "$(dirname "$0")/scenario.sh" Chaos "$@"
