#!/usr/bin/env bash
# Re-renders the README's screenshots headless: runs the end-to-end flow test with its output in assets/screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test -Dtest=CommissioningFlowTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dscreenshots.dir="$PWD/assets/screenshots"
ls -l assets/screenshots
