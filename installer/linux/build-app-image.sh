#!/usr/bin/env bash
# Kept for the old command: a self-contained app image (target/installer/zap-commissioner), or with --deb the
# Debian package. Both are built by build-deb.sh (jlink-trimmed runtime, icon, version from the pom).
set -euo pipefail
here=$(dirname "$0")
if [ "${1:-}" = "--deb" ]; then
    exec "$here/build-deb.sh"
fi
exec "$here/build-deb.sh" --type app-image
