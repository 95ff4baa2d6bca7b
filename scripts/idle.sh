#!/usr/bin/env bash
# Idle cost: PostgreSQL + RabbitMQ, build, start the five services on the benchmark's databases, vhost and ports with
# 3 and then 30 channels and no traffic; per service the CPU (% of a core) and committed transactions/s of its
# database over a 30 s window after a 20 s settle. Writes the table into BENCHMARKS.md (between the idle markers)
# and run/reports/idle-<timestamp>/idle.md. About 3 minutes.
#   scripts/idle.sh [--channels=3,30] [--warmup=20] [--sample=30]
exec "$(dirname "$0")/scenario.sh" Idle "$@"
