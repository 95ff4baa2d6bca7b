#!/usr/bin/env bash
# The benchmark: PostgreSQL + RabbitMQ, build, then every benchmark phase on its own databases (ss_bench_*), vhost
# (ss-bench) and ports (28081-28085). Writes the numbers into BENCHMARKS.md (between the result markers) and
# run/reports/benchmark-<timestamp>/benchmark.md. Bounded: about 10-15 minutes on a 2-core machine.
exec "$(dirname "$0")/scenario.sh" Benchmark "$@"
