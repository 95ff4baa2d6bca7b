#!/usr/bin/env bash
# The one command: PostgreSQL + RabbitMQ, build, start Shelfsync's five services and simulated Shopify, Amazon and
# WooCommerce stores, run the flash sale, print the report and the plot's path, keep running until Ctrl-C.
#   scripts/run.sh                      defaults (100 units, 3 channels, shared pool with buffer, baseline)
#   scripts/run.sh --exit               stop after the report
#   scripts/run.sh --policy=ring-fenced --buyers-per-second=100 --duration=5 --units=100 --buffer=5
#                  --channels=shopify,amazon,woocommerce --sync-every=2 --no-baseline
exec "$(dirname "$0")/scenario.sh" Demo "$@"
