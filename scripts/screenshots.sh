#!/usr/bin/env bash
# Regenerates the console screenshots in docs/console/ (PNG, 1024x768 and one at phone width): runs the browser
# system test ConsoleIT against the five services and the console, which saves a picture of each screen it visits.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/infra.sh
./mvnw -B -q -ntp verify -pl system-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=ConsoleIT -Dfailsafe.failIfNoSpecifiedTests=false -Dconsole.screenshots="$PWD/docs/console"
ls docs/console/*.png
